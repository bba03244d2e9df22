// SPDX-License-Identifier: EUPL-1.2
// Duty weeks around both 2027 DST changes in Europe/Amsterdam, written by WriteCalendar and
// read back by a real parser: Debian's python3-icalendar via parse_ics.py.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/ical/ical_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ical {
namespace {

using ::testing::ElementsAreArray;

constexpr char kPython[] = "/usr/bin/python3";

absl::Time Utc(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

// parse_ics.py sits beside this file.
std::string ParserScript() { return PARAAT_SOURCE_DIR "/tests/common/ical/parse_ics.py"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

struct ParserRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs parse_ics.py on `ics` with Debian's python (the first python3 on PATH may be another
// one that cannot import Debian's packages).
ParserRun RunParser(const std::string& ics) {
  const std::string base = absl::StrCat(testing::TempDir(), "/paraat_ical_dst_", getpid());
  const std::string ics_path = base + ".ics";
  const std::string err_path = base + ".stderr";
  {
    std::ofstream file(ics_path, std::ios::binary);
    file << ics;
  }
  const std::string command =
      absl::StrFormat("'%s' '%s' '%s' 2>'%s'", kPython, ParserScript(), ics_path, err_path);
  ParserRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = ReadFile(err_path);
  std::remove(ics_path.c_str());
  std::remove(err_path.c_str());
  return run;
}

// One line of parse_ics.py's output (json.dumps with sorted keys).
std::string EventLine(absl::string_view uid, int sequence, absl::string_view status,
                      absl::string_view tzid, absl::string_view start, absl::string_view end,
                      absl::string_view start_utc, absl::string_view end_utc) {
  return absl::StrFormat(
      R"({"component": "VEVENT", "end": "%s", "end_utc": "%s", "end_utc_by_vtimezone": "%s", )"
      R"("sequence": %d, "start": "%s", "start_utc": "%s", "start_utc_by_vtimezone": "%s", )"
      R"("status": "%s", "tzid": "%s", "uid": "%s"},)",
      end, end_utc, end_utc, sequence, start, start_utc, start_utc, status, tzid, uid);
}

std::string ObservanceLine(absl::string_view kind, absl::string_view dtstart,
                           absl::string_view name, absl::string_view from, absl::string_view to) {
  return absl::StrFormat(
      R"({"component": "%s", "dtstart": "%s", "tzid": "Europe/Amsterdam", "tzname": "%s", )"
      R"("tzoffsetfrom": "%s", "tzoffsetto": "%s"},)",
      kind, dtstart, name, from, to);
}

struct Shift {
  std::string uid;
  absl::Time start;
  absl::Time end;
  absl::Duration length;  // what start and end must be apart, as a check on this test itself
  std::string expected;   // the parser's line for it
};

TEST(IcalWriterDstTest, DutyWeeksAroundBoth2027ChangesReadBackExactly) {
  ASSERT_EQ(access(kPython, X_OK), 0)
      << kPython << " is missing. This test needs Debian's python3 and python3-icalendar "
      << "(apt-get install python3 python3-icalendar), a declared test dependency.";

  const std::vector<Shift> shifts = {
      // Spring: clocks go from 02:00 CET to 03:00 CEST on Sunday 28 March 2027.
      {"week-11@paraat", Utc(2027, 3, 15, 8), Utc(2027, 3, 22, 8), absl::Hours(168),
       EventLine("week-11@paraat", 0, "CONFIRMED", "Europe/Amsterdam", "2027-03-15T09:00:00+01:00",
                 "2027-03-22T09:00:00+01:00", "2027-03-15T08:00:00Z", "2027-03-22T08:00:00Z")},
      {"week-12@paraat", Utc(2027, 3, 22, 8), Utc(2027, 3, 29, 7), absl::Hours(167),
       EventLine("week-12@paraat", 3, "CONFIRMED", "Europe/Amsterdam", "2027-03-22T09:00:00+01:00",
                 "2027-03-29T09:00:00+02:00", "2027-03-22T08:00:00Z", "2027-03-29T07:00:00Z")},
      {"week-13@paraat", Utc(2027, 3, 29, 7), Utc(2027, 4, 5, 7), absl::Hours(168),
       EventLine("week-13@paraat", 0, "CONFIRMED", "Europe/Amsterdam", "2027-03-29T09:00:00+02:00",
                 "2027-04-05T09:00:00+02:00", "2027-03-29T07:00:00Z", "2027-04-05T07:00:00Z")},
      // Sunday 01:30 CET until 09:00 CEST: 6.5 hours, not 7.5.
      {"night-0328@paraat", Utc(2027, 3, 28, 0, 30), Utc(2027, 3, 28, 7), absl::Minutes(390),
       EventLine("night-0328@paraat", 1, "CONFIRMED", "Europe/Amsterdam",
                 "2027-03-28T01:30:00+01:00", "2027-03-28T09:00:00+02:00", "2027-03-28T00:30:00Z",
                 "2027-03-28T07:00:00Z")},
      // Starts at the first wall time after the gap, 03:00 CEST, the instant of the change.
      {"after-gap@paraat", Utc(2027, 3, 28, 1), Utc(2027, 3, 28, 3), absl::Hours(2),
       EventLine("after-gap@paraat", 0, "CONFIRMED", "Europe/Amsterdam",
                 "2027-03-28T03:00:00+02:00", "2027-03-28T05:00:00+02:00", "2027-03-28T01:00:00Z",
                 "2027-03-28T03:00:00Z")},
      // Autumn: clocks go from 03:00 CEST back to 02:00 CET on Sunday 31 October 2027.
      {"week-42@paraat", Utc(2027, 10, 18, 7), Utc(2027, 10, 25, 7), absl::Hours(168),
       EventLine("week-42@paraat", 0, "CONFIRMED", "Europe/Amsterdam", "2027-10-18T09:00:00+02:00",
                 "2027-10-25T09:00:00+02:00", "2027-10-18T07:00:00Z", "2027-10-25T07:00:00Z")},
      {"week-43@paraat", Utc(2027, 10, 25, 7), Utc(2027, 11, 1, 8), absl::Hours(169),
       EventLine("week-43@paraat", 7, "CONFIRMED", "Europe/Amsterdam", "2027-10-25T09:00:00+02:00",
                 "2027-11-01T09:00:00+01:00", "2027-10-25T07:00:00Z", "2027-11-01T08:00:00Z")},
      {"week-44@paraat", Utc(2027, 11, 1, 8), Utc(2027, 11, 8, 8), absl::Hours(168),
       EventLine("week-44@paraat", 0, "CANCELLED", "Europe/Amsterdam", "2027-11-01T09:00:00+01:00",
                 "2027-11-08T09:00:00+01:00", "2027-11-01T08:00:00Z", "2027-11-08T08:00:00Z")},
      // Sunday 01:30 CEST until 09:00 CET: 8.5 hours, not 7.5.
      {"night-1031@paraat", Utc(2027, 10, 30, 23, 30), Utc(2027, 10, 31, 8), absl::Minutes(510),
       EventLine("night-1031@paraat", 0, "CONFIRMED", "Europe/Amsterdam",
                 "2027-10-31T01:30:00+02:00", "2027-10-31T09:00:00+01:00", "2027-10-30T23:30:00Z",
                 "2027-10-31T08:00:00Z")},
      // 00:00 CEST until 06:00 CET spans the repeated hour: 7 hours.
      {"span-repeated@paraat", Utc(2027, 10, 30, 22), Utc(2027, 10, 31, 5), absl::Hours(7),
       EventLine("span-repeated@paraat", 0, "CONFIRMED", "Europe/Amsterdam",
                 "2027-10-31T00:00:00+02:00", "2027-10-31T06:00:00+01:00", "2027-10-30T22:00:00Z",
                 "2027-10-31T05:00:00Z")},
      // The first 02:30 (CEST) to the second 02:30 (CET): one hour, written in UTC because
      // a TZID wall time cannot tell the two apart.
      {"in-repeated@paraat", Utc(2027, 10, 31, 0, 30), Utc(2027, 10, 31, 1, 30), absl::Hours(1),
       EventLine("in-repeated@paraat", 0, "CONFIRMED", "UTC", "2027-10-31T02:30:00+02:00",
                 "2027-10-31T02:30:00+01:00", "2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z")},
  };

  Calendar calendar;
  calendar.product_id = "-//Paraat//Paraat 0.1//NL";
  calendar.name = "Piket OvD Tweestromenland";
  calendar.time_zone = "Europe/Amsterdam";
  calendar.refresh_interval = absl::Minutes(15);
  std::vector<std::string> expected = {
      "[",
      ObservanceLine("STANDARD", "2026-10-25T03:00:00", "CET", "+02:00", "+01:00"),
      ObservanceLine("DAYLIGHT", "2027-03-28T02:00:00", "CEST", "+01:00", "+02:00"),
      ObservanceLine("STANDARD", "2027-10-31T03:00:00", "CET", "+02:00", "+01:00"),
  };
  for (const Shift& shift : shifts) {
    ASSERT_EQ(shift.end - shift.start, shift.length) << shift.uid;
    Event event;
    event.uid = shift.uid;
    event.start = shift.start;
    event.end = shift.end;
    event.stamp = Utc(2027, 1, 15, 12);
    event.summary = "Piket officier van dienst";
    expected.push_back(shift.expected);
    calendar.events.push_back(event);
  }
  calendar.events[1].sequence = 3;
  calendar.events[3].sequence = 1;
  calendar.events[6].sequence = 7;
  calendar.events[7].cancelled = true;
  expected.back().pop_back();  // the last element has no comma
  expected.emplace_back("]");

  const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
  ASSERT_TRUE(ics.ok()) << ics.status();
  const ParserRun run = RunParser(*ics);
  ASSERT_EQ(run.exit_code, 0) << "parse_ics.py failed (exit 2: python3-icalendar is missing, "
                              << "a declared test dependency):\n"
                              << run.err << "\nThe calendar was:\n"
                              << *ics;
  EXPECT_THAT(std::vector<std::string>(absl::StrSplit(run.out, '\n', absl::SkipEmpty())),
              ElementsAreArray(expected))
      << "The calendar was:\n"
      << *ics;
}

// The parser is strict about the file, so a broken writer cannot pass the test above.
TEST(IcalWriterDstTest, ParserRejectsAnOverlongLine) {
  ASSERT_EQ(access(kPython, X_OK), 0) << kPython << " is missing (see above)";
  const std::string ics = absl::StrCat(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", std::string(70, 'x'), "\r\nEND:VCALENDAR\r\n");
  const ParserRun run = RunParser(ics);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err, "parse_ics.py: line 3 is 77 octets long, more than 75\n");
}

}  // namespace
}  // namespace paraat::ical
