// SPDX-License-Identifier: EUPL-1.2
// The CSV writer of `paraat roster hours --csv` (client/cli/csv.cc): arbitrary field text
// (names, pools, reasons come from other people) must give an RFC 4180 record that a strict
// reader splits back into exactly the same fields, and a field that a spreadsheet would
// strip (leading or trailing space) is quoted.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

#include "client/cli/csv.h"
#include "fuzz/support/check.h"

namespace {

using paraat::fuzz::Check;

// RFC 4180, strictly: one record ending in CRLF; a quoted field is a DQUOTE, then anything
// with quotes doubled, then a DQUOTE; an unquoted field has no comma, quote, CR or LF.
bool ParseRecord(const std::string& s, std::vector<std::string>* out) {
  if (s.size() < 2 || s.compare(s.size() - 2, 2, "\r\n") != 0) return false;
  const std::string body = s.substr(0, s.size() - 2);
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < body.size() && body[i] == '"') {
      ++i;
      while (true) {
        if (i >= body.size()) return false;
        if (body[i] == '"') {
          if (i + 1 < body.size() && body[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(body[i++]);
      }
    } else {
      while (i < body.size() && body[i] != ',') {
        if (body[i] == '"' || body[i] == '\r' || body[i] == '\n') return false;
        field.push_back(body[i++]);
      }
    }
    out->push_back(field);
    if (i == body.size()) return true;
    if (body[i] != ',') return false;
    ++i;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<std::string> fields;
  const int n = in.ConsumeIntegralInRange<int>(1, 8);
  for (int i = 0; i < n; ++i) fields.push_back(in.ConsumeRandomLengthString(64));
  const std::string record = paraat::cli::CsvRecord(fields);
  std::vector<std::string> back;
  Check(ParseRecord(record, &back), "CsvRecord wrote a record that is not RFC 4180", record);
  Check(back == fields, "a CSV record reads back as other fields", record);
  for (const std::string& f : fields) {
    const std::string one = paraat::cli::CsvField(f);
    if (!f.empty() && (f.front() == ' ' || f.back() == ' ')) {
      Check(one.front() == '"', "a field with an outer space is not quoted", one);
    }
  }
  return 0;
}
