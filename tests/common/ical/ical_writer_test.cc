// SPDX-License-Identifier: EUPL-1.2
#include "common/ical/ical_writer.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ical {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

absl::TimeZone Amsterdam() {
  absl::TimeZone zone;
  // LoadTimeZone falls back to UTC: a missing tzdata must fail the test, not pass it quietly.
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &zone)) << "tzdata is missing";
  return zone;
}

absl::Time Local(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), Amsterdam());
}

absl::Time Utc(int y, int m, int d, int hh, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

// The expected text of a whole calendar: `lines` each ended by CRLF.
std::string Crlf(const std::vector<std::string>& lines) {
  return absl::StrCat(absl::StrJoin(lines, "\r\n"), "\r\n");
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, "\r\n", absl::SkipEmpty());
}

Event WeekShift(std::string uid, absl::Time start) {
  Event event;
  event.uid = std::move(uid);
  event.start = start;
  event.end = start + absl::Hours(24 * 7);
  event.stamp = Utc(2027, 3, 1, 12);
  event.summary = "Piket officier van dienst (OvD), Deventer";
  return event;
}

Calendar DeventerCalendar() {
  Calendar calendar;
  calendar.product_id = "-//Paraat//Paraat 0.1//NL";
  calendar.name = "Piket Brandweer, Deventer; OvD-poule";
  calendar.time_zone = "Europe/Amsterdam";
  calendar.refresh_interval = absl::Minutes(15);

  Event first = WeekShift("shift-123@paraat", Local(2027, 3, 22, 9));
  first.end = Local(2027, 3, 29, 9);
  first.sequence = 2;
  first.stamp = Utc(2027, 3, 1, 12) + absl::Milliseconds(250);  // floored to the second
  first.last_modified = Utc(2027, 2, 28, 8, 30);
  first.description =
      "Overdracht maandag 09:00 in de kazerne; neem de piketmap mee.\n"
      "Bij GRIP 1-opschaling eerst de officier van dienst bellen, daarna de coördinator "
      "gemeentelijke crisisbeheersing. Draaiboek: C:\\piket\\draaiboek.pdf, ook voor de reünie "
      "en het café-overleg met de collega's uit Zutphen en Olst-Wijhe.";
  first.location = "Brandweerkazerne Deventer, Hanzeweg 20; ingang Oost";
  first.categories = {"piket", "OvD; brandweer"};
  calendar.events.push_back(first);

  Event second = WeekShift("shift-124@paraat", Local(2027, 3, 29, 9));
  second.end = Local(2027, 4, 5, 9);
  second.cancelled = true;
  calendar.events.push_back(second);
  return calendar;
}

TEST(WriteCalendarTest, GoldenDeventerCalendar) {
  const absl::StatusOr<std::string> ics = WriteCalendar(DeventerCalendar());
  ASSERT_TRUE(ics.ok()) << ics.status();
  // The DESCRIPTION is folded at 75 octets, then 74 after each leading space. The second
  // physical line is 73 octets: a fold there would have split "ö" (2 octets) in two. A fold
  // may fall inside an escape ("\" | "n"): unfolding restores it.
  EXPECT_EQ(*ics,
            Crlf({
                R"(BEGIN:VCALENDAR)",
                R"(VERSION:2.0)",
                R"(PRODID:-//Paraat//Paraat 0.1//NL)",
                R"(CALSCALE:GREGORIAN)",
                R"(METHOD:PUBLISH)",
                R"(NAME:Piket Brandweer\, Deventer\; OvD-poule)",
                R"(X-WR-CALNAME:Piket Brandweer\, Deventer\; OvD-poule)",
                R"(REFRESH-INTERVAL;VALUE=DURATION:PT15M)",
                R"(X-PUBLISHED-TTL:PT15M)",
                R"(BEGIN:VTIMEZONE)",
                R"(TZID:Europe/Amsterdam)",
                R"(BEGIN:STANDARD)",
                R"(DTSTART:20261025T030000)",
                R"(TZOFFSETFROM:+0200)",
                R"(TZOFFSETTO:+0100)",
                R"(TZNAME:CET)",
                R"(END:STANDARD)",
                R"(BEGIN:DAYLIGHT)",
                R"(DTSTART:20270328T020000)",
                R"(TZOFFSETFROM:+0100)",
                R"(TZOFFSETTO:+0200)",
                R"(TZNAME:CEST)",
                R"(END:DAYLIGHT)",
                R"(END:VTIMEZONE)",
                R"(BEGIN:VEVENT)",
                R"(UID:shift-123@paraat)",
                R"(SEQUENCE:2)",
                R"(DTSTAMP:20270301T120000Z)",
                R"(LAST-MODIFIED:20270228T083000Z)",
                R"(DTSTART;TZID=Europe/Amsterdam:20270322T090000)",
                R"(DTEND;TZID=Europe/Amsterdam:20270329T090000)",
                R"(SUMMARY:Piket officier van dienst (OvD)\, Deventer)",
                R"(DESCRIPTION:Overdracht maandag 09:00 in de kazerne\; neem de piketmap mee.\)",
                R"( nBij GRIP 1-opschaling eerst de officier van dienst bellen\, daarna de co)",
                R"( ördinator gemeentelijke crisisbeheersing. Draaiboek: C:\\piket\\draaiboek)",
                R"( .pdf\, ook voor de reünie en het café-overleg met de collega's uit Zutph)",
                R"( en en Olst-Wijhe.)",
                R"(LOCATION:Brandweerkazerne Deventer\, Hanzeweg 20\; ingang Oost)",
                R"(CATEGORIES:piket,OvD\; brandweer)",
                R"(STATUS:CONFIRMED)",
                R"(END:VEVENT)",
                R"(BEGIN:VEVENT)",
                R"(UID:shift-124@paraat)",
                R"(SEQUENCE:0)",
                R"(DTSTAMP:20270301T120000Z)",
                R"(DTSTART;TZID=Europe/Amsterdam:20270329T090000)",
                R"(DTEND;TZID=Europe/Amsterdam:20270405T090000)",
                R"(SUMMARY:Piket officier van dienst (OvD)\, Deventer)",
                R"(STATUS:CANCELLED)",
                R"(END:VEVENT)",
                R"(END:VCALENDAR)",
            }));
}

TEST(WriteCalendarTest, SameInputSameBytes) {
  const absl::StatusOr<std::string> first = WriteCalendar(DeventerCalendar());
  const absl::StatusOr<std::string> second = WriteCalendar(DeventerCalendar());
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*first, *second);
}

TEST(WriteCalendarTest, EmptyCalendarHasNoTimeZoneAndNoOptionalProperties) {
  Calendar calendar;
  calendar.product_id = "-//Paraat//Paraat 0.1//NL";
  calendar.time_zone = "Europe/Amsterdam";
  const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_EQ(*ics, Crlf({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Paraat//Paraat 0.1//NL",
                        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "END:VCALENDAR"}));
}

// RFC 5545 wants at least one component: a feed without duties (a new pool) still describes
// its zone over the span it shows.
TEST(WriteCalendarTest, ACalendarWithoutEventsThatShowsASpanHasItsTimeZone) {
  Calendar calendar;
  calendar.product_id = "-//Paraat//Paraat 0.1//NL";
  calendar.time_zone = "Europe/Amsterdam";
  calendar.shows_from = absl::FromCivil(absl::CivilDay(2027, 1, 1), absl::UTCTimeZone());
  calendar.shows_until = absl::FromCivil(absl::CivilDay(2027, 12, 1), absl::UTCTimeZone());
  const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_NE(ics->find("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"), std::string::npos) << *ics;
  EXPECT_NE(ics->find("BEGIN:DAYLIGHT"), std::string::npos) << *ics;
  EXPECT_EQ(ics->find("BEGIN:VEVENT"), std::string::npos) << *ics;
}

TEST(WriteCalendarTest, UtcCalendarWritesUtcTimesAndNoTimeZone) {
  Calendar calendar = DeventerCalendar();
  calendar.time_zone = "UTC";
  const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
  ASSERT_TRUE(ics.ok()) << ics.status();
  const std::vector<std::string> lines = Lines(*ics);
  EXPECT_THAT(lines, Contains("DTSTART:20270322T080000Z"));
  EXPECT_THAT(lines, Contains("DTEND:20270329T070000Z"));
  EXPECT_THAT(lines, Contains("DTSTART:20270329T070000Z"));
  EXPECT_THAT(lines, Contains("DTEND:20270405T070000Z"));
  EXPECT_THAT(*ics, Not(HasSubstr("VTIMEZONE")));
  EXPECT_THAT(*ics, Not(HasSubstr("TZID")));
}

TEST(WriteCalendarTest, EventInTheRepeatedHourIsWrittenInUtc) {
  // 02:30 CEST (00:30 UTC) to 02:30 CET (01:30 UTC) on 31 October 2027: both wall times are
  // "20271031T023000", so only UTC says which is which.
  Calendar calendar = DeventerCalendar();
  Event event = WeekShift("repeated-hour@paraat", Utc(2027, 10, 31, 0, 30));
  event.end = Utc(2027, 10, 31, 1, 30);
  calendar.events = {event};
  const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
  ASSERT_TRUE(ics.ok()) << ics.status();
  const std::vector<std::string> lines = Lines(*ics);
  EXPECT_THAT(lines, Contains("DTSTART:20271031T003000Z"));
  EXPECT_THAT(lines, Contains("DTEND:20271031T013000Z"));
  // No TZID refers to a zone, so none is defined.
  EXPECT_THAT(*ics, Not(HasSubstr("VTIMEZONE")));

  // With one end unambiguous, the event is still written wholly in UTC.
  calendar.events[0].start = Utc(2027, 10, 30, 22);  // 00:00 CEST
  const absl::StatusOr<std::string> mixed = WriteCalendar(calendar);
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  EXPECT_THAT(Lines(*mixed), Contains("DTSTART:20271030T220000Z"));
  EXPECT_THAT(Lines(*mixed), Contains("DTEND:20271031T013000Z"));
}

TEST(WriteCalendarTest, RefreshIntervalIsAnRfc5545Duration) {
  struct Case {
    absl::Duration interval;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {absl::Minutes(15), "PT15M"},      {absl::Seconds(1), "PT1S"},
      {absl::Seconds(90), "PT1M30S"},    {absl::Hours(1), "PT1H"},
      {absl::Seconds(3605), "PT1H0M5S"}, {absl::Hours(24), "P1D"},
      {absl::Hours(25), "P1DT1H"},       {absl::Hours(24 * 7), "P7D"},
  };
  for (const Case& c : cases) {
    Calendar calendar = DeventerCalendar();
    calendar.refresh_interval = c.interval;
    const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
    ASSERT_TRUE(ics.ok()) << ics.status();
    EXPECT_THAT(Lines(*ics), Contains("REFRESH-INTERVAL;VALUE=DURATION:" + c.expected));
    EXPECT_THAT(Lines(*ics), Contains("X-PUBLISHED-TTL:" + c.expected));
  }
}

TEST(WriteCalendarTest, LongUidAndCategoriesAreFoldedToo) {
  Calendar calendar = DeventerCalendar();
  calendar.events.resize(1);
  calendar.events[0].uid = std::string(80, 'u') + "@paraat";
  const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_THAT(*ics, HasSubstr(absl::StrCat("\r\nUID:", std::string(71, 'u'), "\r\n ",
                                           std::string(9, 'u'), "@paraat\r\n")));
}

// Every validation error: the code, and the message naming the problem.
TEST(WriteCalendarTest, RejectsInvalidInput) {
  struct Case {
    std::string name;
    void (*mutate)(Calendar&);
    std::string message;
  };
  const std::vector<Case> cases = {
      {"unknown zone", [](Calendar& c) { c.time_zone = "Europe/Amsterdan"; },
       R"(unknown time zone "Europe/Amsterdan": not in the tz database)"},
      {"host zone", [](Calendar& c) { c.time_zone = "localtime"; },
       R"(unknown time zone "localtime": not in the tz database)"},
      {"zone file path", [](Calendar& c) { c.time_zone = "/usr/share/zoneinfo/UTC"; },
       R"(unknown time zone "/usr/share/zoneinfo/UTC": not in the tz database)"},
      {"relative zone path", [](Calendar& c) { c.time_zone = "../zoneinfo/UTC"; },
       R"(unknown time zone "../zoneinfo/UTC": not in the tz database)"},
      {"no zone", [](Calendar& c) { c.time_zone = ""; },
       R"(calendar has no time zone; give an IANA name such as "Europe/Amsterdam", or "UTC")"},
      {"no product id", [](Calendar& c) { c.product_id = ""; },
       R"(calendar has no product id (PRODID), e.g. "-//Paraat//Paraat 0.1//NL")"},
      {"negative refresh", [](Calendar& c) { c.refresh_interval = -absl::Minutes(5); },
       "refresh interval must be a positive whole number of seconds, got -5m"},
      {"fractional refresh", [](Calendar& c) { c.refresh_interval = absl::Milliseconds(1500); },
       "refresh interval must be a positive whole number of seconds, got 1.5s"},
      {"end before start", [](Calendar& c) { c.events[0].end = Local(2027, 3, 22, 8); },
       R"(event "shift-123@paraat" does not end after it starts: start 2027-03-22 09:00:00 )"
       R"(+01:00, end 2027-03-22 08:00:00 +01:00 (Europe/Amsterdam))"},
      {"end equals start", [](Calendar& c) { c.events[1].end = c.events[1].start; },
       R"(event "shift-124@paraat" does not end after it starts: start 2027-03-29 09:00:00 )"
       R"(+02:00, end 2027-03-29 09:00:00 +02:00 (Europe/Amsterdam))"},
      {"empty uid", [](Calendar& c) { c.events[1].uid = ""; },
       "events[1] has an empty uid; every event needs a stable uid"},
      {"duplicate uid", [](Calendar& c) { c.events[1].uid = "shift-123@paraat"; },
       R"(events[0] and events[1] have the same uid "shift-123@paraat"; every event needs )"
       R"(its own uid)"},
      {"negative sequence", [](Calendar& c) { c.events[0].sequence = -1; },
       R"(event "shift-123@paraat" has a negative sequence: -1)"},
      {"empty category", [](Calendar& c) { c.events[0].categories.emplace_back(); },
       R"(event "shift-123@paraat" has an empty category)"},
      {"infinite end", [](Calendar& c) { c.events[0].end = absl::InfiniteFuture(); },
       R"(event "shift-123@paraat" has no end time (it is infinite))"},
      {"fractional start", [](Calendar& c) { c.events[0].start += absl::Milliseconds(500); },
       R"(event "shift-123@paraat": start time 2027-03-22T09:00:00.5+01:00 has a fraction of )"
       R"(a second; iCalendar times have one-second resolution)"},
      {"year 10000", [](Calendar& c) { c.events[0].end = Utc(10000, 1, 1, 0); },
       R"(event "shift-123@paraat": end time 10000-01-01 01:00:00 +01:00 is outside the years )"
       R"(1 to 9999)"},
      {"infinite stamp", [](Calendar& c) { c.events[0].stamp = absl::InfinitePast(); },
       R"(event "shift-123@paraat" has no writable stamp: infinite-past)"},
      {"future last-modified",
       [](Calendar& c) { c.events[0].last_modified = absl::InfiniteFuture(); },
       R"(event "shift-123@paraat" has no writable last-modified time: infinite-future)"},
      {"control character", [](Calendar& c) { c.events[0].location = "Kazerne\x1b[31m"; },
       R"(location of event "shift-123@paraat" contains control character U+001B at offset 7, )"
       R"(which iCalendar text cannot carry)"},
      {"invalid UTF-8", [](Calendar& c) { c.events[1].summary = "caf\xE9"; },
       R"(summary of event "shift-124@paraat" is not valid UTF-8 (byte 0xE9 at offset 3))"},
      {"invalid UTF-8 name", [](Calendar& c) { c.name = "\xFF"; },
       R"(calendar name is not valid UTF-8 (byte 0xFF at offset 0))"},
  };
  for (const Case& c : cases) {
    Calendar calendar = DeventerCalendar();
    c.mutate(calendar);
    const absl::StatusOr<std::string> ics = WriteCalendar(calendar);
    EXPECT_EQ(ics.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(ics.status().message(), c.message) << c.name;
  }
}

}  // namespace
}  // namespace paraat::ical
