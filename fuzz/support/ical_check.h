// SPDX-License-Identifier: EUPL-1.2
// A strict reader of the iCalendar objects Paraat writes, for the fuzz targets: it checks the
// RFC 5545 syntax (CRLF line ends, no physical line over 75 octets, folds that never split a
// UTF-8 sequence, content lines of name, parameters and value, TEXT escaping, DATE-TIME and
// UTC-OFFSET forms, matched BEGIN/END) and reads the events back, so a target can compare
// them with what it asked for.
#ifndef PARAAT_FUZZ_SUPPORT_ICAL_CHECK_H_
#define PARAAT_FUZZ_SUPPORT_ICAL_CHECK_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::fuzz {

struct IcsProperty {
  std::string name;                           // upper case as written
  std::map<std::string, std::string> params;  // name -> value
  std::string value;                          // raw (still escaped)
};

struct IcsComponent {
  std::string name;  // VCALENDAR, VEVENT, ...
  std::vector<IcsProperty> properties;
  std::vector<IcsComponent> children;
  const IcsProperty* Find(absl::string_view name) const;
};

// Parses and checks the syntax. INVALID_ARGUMENT says what is wrong and where.
absl::StatusOr<IcsComponent> ParseIcsStrictly(absl::string_view text);

// A TEXT value unescaped (\\ \; \, \n \N); INVALID_ARGUMENT for another escape, an unescaped
// ';' or ',' (when `list` is false), or a control character other than tab.
absl::StatusOr<std::string> UnescapeText(absl::string_view value);
// A TEXT list (CATEGORIES) split at unescaped commas, each unescaped.
absl::StatusOr<std::vector<std::string>> UnescapeTextList(absl::string_view value);

// "YYYYMMDDTHHMMSS" (local) or with a final 'Z' (UTC), four-digit year 0001..9999.
bool IsDateTime(absl::string_view value, bool utc);
// "+HHMM" or "+HHMMSS" / "-...", HH < 24, MM and SS < 60, not "-0000".
bool IsUtcOffset(absl::string_view value);

}  // namespace paraat::fuzz

#endif  // PARAAT_FUZZ_SUPPORT_ICAL_CHECK_H_
