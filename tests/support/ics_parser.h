// SPDX-License-Identifier: EUPL-1.2
// Reads an iCalendar text with a real parser, as a calendar client would: Debian's
// python3-icalendar run by /usr/bin/python3 through tests/common/ical/parse_ics.py.
#ifndef PARAAT_TESTS_SUPPORT_ICS_PARSER_H_
#define PARAAT_TESTS_SUPPORT_ICS_PARSER_H_

#include <string>
#include <vector>

#include "common/json/json.h"

namespace paraat::testing {

inline constexpr char kSystemPython[] = "/usr/bin/python3";

struct ParsedIcs {
  int exit_code = -1;  // 0: read; 1: not well-formed; 2: icalendar missing
  std::string err;
  std::vector<json::Value> observances;  // STANDARD/DAYLIGHT, as parse_ics.py prints them
  std::vector<json::Value> events;       // VEVENTs: uid, sequence, start, end, tzid, ...
};

// Runs parse_ics.py (in the source tree) on `ics`.
ParsedIcs ParseIcs(const std::string& ics);

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_SUPPORT_ICS_PARSER_H_
