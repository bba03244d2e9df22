// SPDX-License-Identifier: EUPL-1.2
// RFC 4180 CSV output for spreadsheets and payroll systems.
#ifndef PARAAT_CLIENT_CLI_CSV_H_
#define PARAAT_CLIENT_CLI_CSV_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace paraat::cli {

// One field: as it is, or in double quotes (inner quotes doubled) when it holds a comma, a
// double quote, a CR or LF, or starts or ends with a space (which some readers strip).
std::string CsvField(absl::string_view field);

// One record: the fields joined by commas, ended by CRLF.
std::string CsvRecord(const std::vector<std::string>& fields);

}  // namespace paraat::cli

#endif  // PARAAT_CLIENT_CLI_CSV_H_
