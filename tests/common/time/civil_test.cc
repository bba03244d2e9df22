// SPDX-License-Identifier: EUPL-1.2
#include "common/time/civil.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::time {
namespace {

using ::testing::HasSubstr;

absl::Time Utc(int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

class CivilTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<absl::TimeZone> zone = LoadZone("Europe/Amsterdam");
    ASSERT_TRUE(zone.ok()) << zone.status() << " (is tzdata installed?)";
    ams_ = *zone;
  }
  absl::TimeZone ams_;
};

// --- LoadZone ---------------------------------------------------------------------------

TEST_F(CivilTest, LoadZoneGivesTheRealZoneNotUtc) {
  EXPECT_EQ(ams_.name(), "Europe/Amsterdam");
  // Winter +01:00 and summer +02:00: a silent UTC fallback would print 08:00 and 07:00.
  EXPECT_EQ(FormatLocal(Utc(2026, 12, 7, 8, 0), ams_), "2026-12-07 09:00");
  EXPECT_EQ(FormatLocal(Utc(2026, 7, 1, 7, 0), ams_), "2026-07-01 09:00");
}

TEST_F(CivilTest, LoadZoneAcceptsIanaNames) {
  for (const char* name : {"UTC", "Europe/Amsterdam", "America/Argentina/Buenos_Aires",
                           "America/Port-au-Prince", "Etc/GMT-14", "Etc/GMT+1"}) {
    absl::StatusOr<absl::TimeZone> zone = LoadZone(name);
    ASSERT_TRUE(zone.ok()) << name << ": " << zone.status();
    EXPECT_EQ(zone->name(), name);
  }
  // Etc/GMT-14 is fourteen hours ahead of UTC (the POSIX sign is inverted).
  EXPECT_EQ(FormatLocal(Utc(2026, 1, 1, 0, 0), *LoadZone("Etc/GMT-14")), "2026-01-01 14:00");
}

TEST_F(CivilTest, LoadZoneRefusesUnknownZonesNamingFieldAndZone) {
  const std::vector<std::string> unknown = {
      "Mars/Olympus_Mons", "Europe/Amsterdamm", "utc", "Europe", "Europe/Amsterdam/",
      "Europe//Amsterdam", "CEST", "UTC+1", "+01:00", "Fixed/UTC+01:00", "zone.tab",
      // a POSIX TZ string that abseil reads as UTC (found by fuzz/time_fuzz.cc)
      "UTC0",
      // absl::LoadTimeZone loads these (paths, and Debian's link to /etc/localtime), which
      // would make a pool's zone whatever the server host has.
      "localtime", "/etc/localtime", "/usr/share/zoneinfo/Europe/Amsterdam", "../zoneinfo/UTC",
      "file:Europe/Amsterdam", " Europe/Amsterdam", "Europe/Amsterdam "};
  for (const std::string& name : unknown) {
    absl::StatusOr<absl::TimeZone> zone = LoadZone(name, "pool.time_zone");
    ASSERT_FALSE(zone.ok()) << "'" << name << "' loaded as " << zone->name();
    EXPECT_EQ(zone.status().code(), absl::StatusCode::kInvalidArgument) << name;
    EXPECT_THAT(std::string(zone.status().message()), HasSubstr("pool.time_zone")) << name;
    EXPECT_THAT(std::string(zone.status().message()), HasSubstr("'" + name + "'")) << name;
  }
}

TEST_F(CivilTest, LoadZoneRefusesEmptyNameWithDefaultField) {
  absl::StatusOr<absl::TimeZone> zone = LoadZone("");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(zone.status().message()), HasSubstr("time_zone is empty"));
}

// --- ResolveLocal -----------------------------------------------------------------------

struct ResolveCase {
  absl::CivilSecond local;
  absl::Time want;
};

TEST_F(CivilTest, ResolveLocalUniqueAndRepeatedTimes) {
  const std::vector<ResolveCase> cases = {
      {absl::CivilSecond(2026, 12, 7, 9, 0, 0), Utc(2026, 12, 7, 8, 0)},
      {absl::CivilSecond(2026, 7, 1, 9, 0, 0), Utc(2026, 7, 1, 7, 0)},
      // Spring forward, Sunday 2026-03-29: around the gap.
      {absl::CivilSecond(2026, 3, 29, 1, 59, 59), Utc(2026, 3, 29, 0, 59, 59)},
      {absl::CivilSecond(2026, 3, 29, 3, 0, 0), Utc(2026, 3, 29, 1, 0)},
      // Fall back, Sunday 2026-10-25: 02:00-02:59 happens twice; the first is in CEST.
      {absl::CivilSecond(2026, 10, 25, 1, 59, 0), Utc(2026, 10, 24, 23, 59)},
      {absl::CivilSecond(2026, 10, 25, 2, 0, 0), Utc(2026, 10, 25, 0, 0)},
      {absl::CivilSecond(2026, 10, 25, 2, 30, 0), Utc(2026, 10, 25, 0, 30)},
      {absl::CivilSecond(2026, 10, 25, 2, 59, 59), Utc(2026, 10, 25, 0, 59, 59)},
      {absl::CivilSecond(2026, 10, 25, 3, 0, 0), Utc(2026, 10, 25, 2, 0)},
  };
  for (const ResolveCase& c : cases) {
    absl::StatusOr<absl::Time> t = ResolveLocal(c.local, ams_, "start");
    ASSERT_TRUE(t.ok()) << c.local << ": " << t.status();
    EXPECT_EQ(*t, c.want) << c.local << " gave " << FormatUtc(*t);
  }
}

TEST_F(CivilTest, ResolveLocalRefusesTheSpringGapNamingTheField) {
  for (const absl::CivilSecond local :
       {absl::CivilSecond(2026, 3, 29, 2, 0, 0), absl::CivilSecond(2026, 3, 29, 2, 30, 0),
        absl::CivilSecond(2026, 3, 29, 2, 59, 59), absl::CivilSecond(2027, 3, 28, 2, 15, 0)}) {
    absl::StatusOr<absl::Time> t = ResolveLocal(local, ams_, "shift.start");
    ASSERT_FALSE(t.ok()) << local << " resolved to " << FormatUtc(*t);
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(t.status().message()), HasSubstr("shift.start"));
    EXPECT_THAT(std::string(t.status().message()), HasSubstr("Europe/Amsterdam"));
  }
  absl::StatusOr<absl::Time> t =
      ResolveLocal(absl::CivilSecond(2026, 3, 29, 2, 30, 0), ams_, "shift.start");
  EXPECT_THAT(std::string(t.status().message()), HasSubstr("2026-03-29T02:30"));
}

TEST_F(CivilTest, ResolveLocalInUtcHasNoGaps) {
  absl::StatusOr<absl::Time> t =
      ResolveLocal(absl::CivilSecond(2026, 3, 29, 2, 30, 0), absl::UTCTimeZone(), "start");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, Utc(2026, 3, 29, 2, 30));
}

TEST_F(CivilTest, DstWeeksOf2027KeepTheLocalHandover) {
  struct Week {
    absl::CivilDay monday;
    absl::Duration length;
  };
  for (const Week& w : {Week{absl::CivilDay(2027, 3, 22), absl::Hours(167)},
                        Week{absl::CivilDay(2027, 10, 25), absl::Hours(169)},
                        Week{absl::CivilDay(2027, 6, 7), absl::Hours(168)}}) {
    const absl::CivilSecond start = absl::CivilSecond(w.monday) + 9 * 3600;
    const absl::CivilSecond end = absl::CivilSecond(w.monday + 7) + 9 * 3600;
    absl::StatusOr<absl::Time> s = ResolveLocal(start, ams_, "start");
    absl::StatusOr<absl::Time> e = ResolveLocal(end, ams_, "end");
    ASSERT_TRUE(s.ok() && e.ok());
    EXPECT_EQ(*e - *s, w.length) << w.monday;
    EXPECT_EQ(FormatLocal(*e, ams_),
              absl::StrFormat("%s 09:00", absl::FormatCivilTime(w.monday + 7)));
  }
}

// --- ResolveLocalLenient ----------------------------------------------------------------

TEST_F(CivilTest, ResolveLocalLenientMovesGapForwardAndTakesFirstRepeat) {
  const std::vector<ResolveCase> cases = {
      // In the gap: forward by its length, 02:30 -> 03:30 CEST.
      {absl::CivilSecond(2026, 3, 29, 2, 0, 0), Utc(2026, 3, 29, 1, 0)},
      {absl::CivilSecond(2026, 3, 29, 2, 30, 0), Utc(2026, 3, 29, 1, 30)},
      {absl::CivilSecond(2026, 3, 29, 2, 59, 0), Utc(2026, 3, 29, 1, 59)},
      // Repeated: the first occurrence.
      {absl::CivilSecond(2026, 10, 25, 2, 30, 0), Utc(2026, 10, 25, 0, 30)},
      // Unique: as ResolveLocal.
      {absl::CivilSecond(2026, 12, 7, 9, 0, 0), Utc(2026, 12, 7, 8, 0)},
      {absl::CivilSecond(2026, 3, 29, 3, 0, 0), Utc(2026, 3, 29, 1, 0)},
  };
  for (const ResolveCase& c : cases) {
    EXPECT_EQ(ResolveLocalLenient(c.local, ams_), c.want) << c.local;
  }
  EXPECT_EQ(FormatLocal(ResolveLocalLenient(absl::CivilSecond(2026, 3, 29, 2, 30, 0), ams_), ams_),
            "2026-03-29 03:30");
}

// --- TimeOfDayHitsTransition ------------------------------------------------------------

struct HitCase {
  const char* zone;
  int minute;
  bool hits;
};

TEST_F(CivilTest, TimeOfDayHitsTransitionTable) {
  const std::vector<HitCase> cases = {
      {"Europe/Amsterdam", 0, false},
      {"Europe/Amsterdam", 119, false},
      {"Europe/Amsterdam", 120, true},
      {"Europe/Amsterdam", 150, true},
      {"Europe/Amsterdam", 179, true},
      {"Europe/Amsterdam", 180, false},
      {"Europe/Amsterdam", 9 * 60, false},
      {"Europe/Amsterdam", 1439, false},
      // New York: skips 02:00-02:59, repeats 01:00-01:59.
      {"America/New_York", 59, false},
      {"America/New_York", 60, true},
      {"America/New_York", 119, true},
      {"America/New_York", 179, true},
      {"America/New_York", 180, false},
      // Lord Howe, all of its history since 1970: 00:00 -> 00:30 in 1981, then an hour of
      // DST at 02:00 until 1985, then half an hour (skips 02:00-02:29, repeats 01:30-01:59).
      {"Australia/Lord_Howe", 0, true},
      {"Australia/Lord_Howe", 29, true},
      {"Australia/Lord_Howe", 30, false},
      {"Australia/Lord_Howe", 59, false},
      {"Australia/Lord_Howe", 60, true},
      {"Australia/Lord_Howe", 179, true},
      {"Australia/Lord_Howe", 180, false},
      // Sao Paulo (DST until 2019) changed at midnight: skipped 00:00-00:59, and falling
      // back at midnight repeated 23:00-23:59 of the evening before.
      {"America/Sao_Paulo", 0, true},
      {"America/Sao_Paulo", 59, true},
      {"America/Sao_Paulo", 60, false},
      {"America/Sao_Paulo", 1379, false},
      {"America/Sao_Paulo", 1380, true},
      {"America/Sao_Paulo", 1439, true},
  };
  for (const HitCase& c : cases) {
    absl::StatusOr<absl::TimeZone> zone = LoadZone(c.zone);
    ASSERT_TRUE(zone.ok()) << zone.status();
    EXPECT_EQ(TimeOfDayHitsTransition(c.minute, *zone), c.hits)
        << c.zone << " " << FormatTimeOfDay(c.minute);
  }
}

TEST_F(CivilTest, TimeOfDayHitsTransitionExactlyTwoToThreeInAmsterdamAndNeverInUtc) {
  std::vector<int> hits;
  for (int minute = 0; minute < 24 * 60; minute += 1) {
    if (TimeOfDayHitsTransition(minute, ams_)) hits.push_back(minute);
    EXPECT_FALSE(TimeOfDayHitsTransition(minute, absl::UTCTimeZone())) << minute;
  }
  ASSERT_EQ(hits.size(), 60u);
  EXPECT_EQ(hits.front(), 120);
  EXPECT_EQ(hits.back(), 179);
}

// --- ParseInstant -----------------------------------------------------------------------

struct InstantCase {
  const char* text;
  absl::Time want;
};

TEST_F(CivilTest, ParseInstantAccepts) {
  const absl::Time now = Utc(2026, 5, 4, 3, 2, 1);
  const std::vector<InstantCase> cases = {
      // RFC 3339: the offset decides, not the zone.
      {"2026-12-07T09:00:00+01:00", Utc(2026, 12, 7, 8, 0)},
      {"2026-12-07T08:00:00Z", Utc(2026, 12, 7, 8, 0)},
      {"2026-12-07T08:00:00z", Utc(2026, 12, 7, 8, 0)},
      {"2026-06-01T12:00:00-04:00", Utc(2026, 6, 1, 16, 0)},
      {"2026-06-01T12:00:00+00:00", Utc(2026, 6, 1, 12, 0)},
      {"2026-12-07T08:00:00.250Z", Utc(2026, 12, 7, 8, 0) + absl::Milliseconds(250)},
      // Local time in the zone, with ' ' or 'T', with or without seconds.
      {"2026-12-07 09:00", Utc(2026, 12, 7, 8, 0)},
      {"2026-12-07T09:00", Utc(2026, 12, 7, 8, 0)},
      {"2026-12-07 09:00:30", Utc(2026, 12, 7, 8, 0, 30)},
      {"2026-12-07T09:00:30", Utc(2026, 12, 7, 8, 0, 30)},
      {"2026-07-01 09:00", Utc(2026, 7, 1, 7, 0)},
      {"  2026-12-07 09:00\n", Utc(2026, 12, 7, 8, 0)},
      // The repeated hour, with the offset that says which.
      {"2026-10-25T02:30:00+02:00", Utc(2026, 10, 25, 0, 30)},
      {"2026-10-25T02:30:00+01:00", Utc(2026, 10, 25, 1, 30)},
      // A bare date is local midnight.
      {"2026-12-07", Utc(2026, 12, 6, 23, 0)},
      {"2026-07-01", Utc(2026, 6, 30, 22, 0)},
      {"2024-02-29", Utc(2024, 2, 28, 23, 0)},
      {"now", now},
      {"NOW", now},
      {" Now ", now},
  };
  for (const InstantCase& c : cases) {
    absl::StatusOr<absl::Time> t = ParseInstant(c.text, ams_, "at", now);
    ASSERT_TRUE(t.ok()) << "'" << c.text << "': " << t.status();
    EXPECT_EQ(*t, c.want) << "'" << c.text << "' gave " << FormatUtc(*t);
  }
}

TEST_F(CivilTest, ParseInstantWithOffsetIgnoresTheZone) {
  absl::StatusOr<absl::Time> t =
      ParseInstant("2026-12-07T09:00:00+01:00", absl::UTCTimeZone(), "at");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, Utc(2026, 12, 7, 8, 0));
  // A local time in UTC is taken as UTC.
  t = ParseInstant("2026-12-07 09:00", absl::UTCTimeZone(), "at");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, Utc(2026, 12, 7, 9, 0));
}

TEST_F(CivilTest, ParseInstantRefusesGarbageNamingTheField) {
  const std::vector<std::string> bad = {
      "",
      "   ",
      "tomorrow",
      "nu",
      "2026-12-07 9:00",
      "2026-12-7 09:00",
      "2026-13-01",
      "2026-02-30",
      "2026-02-29",
      "2026-00-10",
      "2026-12-07 24:00",
      "2026-12-07 09:60",
      "2026-12-07 09:00:60",
      "2026-12-07T09:00:00+0100",
      "2026-12-07T08:00Z",
      "2026-12-07T09:00:00+25:00",
      "2026-12-07T09:00:00+01:00junk",
      "2026/12/07",
      "07-12-2026",
      "20261207",
      "2026-12-07 09:00 extra",
      "2026-12-07  09:00",
      "-999-01-01",
      "+2026-12-07",
      // In the spring-forward gap.
      "2026-03-29 02:30",
      "2026-03-29T02:00:00",
      // In the hour that happens twice, without saying which.
      "2026-10-25 02:30",
  };
  for (const std::string& text : bad) {
    absl::StatusOr<absl::Time> t = ParseInstant(text, ams_, "until");
    ASSERT_FALSE(t.ok()) << "'" << text << "' parsed as " << FormatUtc(*t);
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument) << "'" << text << "'";
    EXPECT_THAT(std::string(t.status().message()), HasSubstr("until")) << "'" << text << "'";
  }
  EXPECT_EQ(ParseInstant("", ams_, "until").status().message(), "until is empty");
  EXPECT_EQ(ParseInstant("2026-10-25 02:30", ams_, "--at").status().message(),
            "--at: 2026-10-25T02:30 happens twice in Europe/Amsterdam (the clocks go back that "
            "night); say which with its offset: 2026-10-25T02:30:00+02:00 (the first, summer "
            "time) or 2026-10-25T02:30:00+01:00 (the second)");
}

// --- ParseDate --------------------------------------------------------------------------

TEST_F(CivilTest, ParseDate) {
  absl::StatusOr<absl::CivilDay> d = ParseDate("2026-12-07", "from");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d, absl::CivilDay(2026, 12, 7));
  d = ParseDate(" 2024-02-29 ", "from");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d, absl::CivilDay(2024, 2, 29));

  for (const char* text : {"", "2026-12-7", "2026-2-07", "2026-02-30", "2025-02-29", "2026-13-01",
                           "2026-12-00", "20261207", "2026-12-07T00:00", "2026-12-07x",
                           "-999-01-01", "+026-12-07", "2026/12/07", "now"}) {
    absl::StatusOr<absl::CivilDay> bad = ParseDate(text, "from");
    ASSERT_FALSE(bad.ok()) << "'" << text << "' parsed as " << *bad;
    EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(bad.status().message()), HasSubstr("from: '")) << text;
  }
}

// --- ParseTimeOfDay / FormatTimeOfDay ---------------------------------------------------

TEST_F(CivilTest, ParseTimeOfDayAccepts) {
  struct Case {
    const char* text;
    int minute;
  };
  for (const Case& c : {Case{"00:00", 0}, Case{"00:01", 1}, Case{"09:00", 540}, Case{"12:30", 750},
                        Case{"23:59", 1439}}) {
    absl::StatusOr<int> m = ParseTimeOfDay(c.text, "handover_time");
    ASSERT_TRUE(m.ok()) << c.text << ": " << m.status();
    EXPECT_EQ(*m, c.minute) << c.text;
  }
}

TEST_F(CivilTest, ParseTimeOfDayRefuses) {
  for (const char* text : {"24:00", "9:00", "09:60", "", "0900", "09:0", "09-00", "ab:cd", " 09:00",
                           "09:00 ", "+9:00", "-1:00", "09:+5", "99:99", "09:00:00", "２3:00"}) {
    absl::StatusOr<int> m = ParseTimeOfDay(text, "handover_time");
    ASSERT_FALSE(m.ok()) << "'" << text << "' parsed as " << *m;
    EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(m.status().message()), HasSubstr("handover_time")) << text;
  }
}

TEST_F(CivilTest, TimeOfDayRoundTripsEveryMinute) {
  EXPECT_EQ(FormatTimeOfDay(0), "00:00");
  EXPECT_EQ(FormatTimeOfDay(540), "09:00");
  EXPECT_EQ(FormatTimeOfDay(1439), "23:59");
  for (int minute = 0; minute < 24 * 60; ++minute) {
    const std::string text = FormatTimeOfDay(minute);
    absl::StatusOr<int> back = ParseTimeOfDay(text, "t");
    ASSERT_TRUE(back.ok()) << text << ": " << back.status();
    EXPECT_EQ(*back, minute) << text;
  }
}

// --- ISO weeks --------------------------------------------------------------------------

TEST_F(CivilTest, ParseIsoWeekKnownWeeks) {
  struct Case {
    const char* text;
    absl::CivilDay monday;
  };
  for (const Case& c :
       {Case{"2026-W01", absl::CivilDay(2025, 12, 29)},
        Case{"2026-W49", absl::CivilDay(2026, 11, 30)},
        Case{"2026-W53", absl::CivilDay(2026, 12, 28)},
        Case{"2020-W53", absl::CivilDay(2020, 12, 28)},
        Case{"2020-W01", absl::CivilDay(2019, 12, 30)},
        Case{"2015-W53", absl::CivilDay(2015, 12, 28)},
        Case{"2021-W01", absl::CivilDay(2021, 1, 4)}, Case{"2027-W13", absl::CivilDay(2027, 3, 29)},
        Case{"2026-w01", absl::CivilDay(2025, 12, 29)},
        Case{" 2026-W01 ", absl::CivilDay(2025, 12, 29)}}) {
    absl::StatusOr<absl::CivilDay> d = ParseIsoWeek(c.text, "week");
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status();
    EXPECT_EQ(*d, c.monday) << c.text;
    EXPECT_EQ(IsoWeekday(*d), 1) << c.text;
  }
}

TEST_F(CivilTest, ParseIsoWeekRefuses) {
  for (const char* text :
       {"2021-W53", "2027-W53", "2026-W54", "2026-W00", "2026-W1", "2026-W001", "2026W01", "26-W01",
        "2026-X01", "", "1969-W01", "2026-W5a", "2026-W-1"}) {
    absl::StatusOr<absl::CivilDay> d = ParseIsoWeek(text, "week");
    ASSERT_FALSE(d.ok()) << "'" << text << "' parsed as " << *d;
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(d.status().message()), HasSubstr("week")) << text;
  }
  EXPECT_EQ(ParseIsoWeek("2021-W53", "week").status().message(), "week: 2021 has no week 53");
}

TEST_F(CivilTest, FormatIsoWeekAroundNewYear) {
  struct Case {
    absl::CivilDay day;
    const char* week;
  };
  for (const Case& c :
       {Case{absl::CivilDay(2025, 12, 28), "2025-W52"},
        Case{absl::CivilDay(2025, 12, 29), "2026-W01"},
        Case{absl::CivilDay(2026, 1, 1), "2026-W01"}, Case{absl::CivilDay(2026, 1, 4), "2026-W01"},
        Case{absl::CivilDay(2026, 1, 5), "2026-W02"}, Case{absl::CivilDay(2021, 1, 3), "2020-W53"},
        Case{absl::CivilDay(2021, 1, 4), "2021-W01"},
        Case{absl::CivilDay(2024, 12, 30), "2025-W01"},
        Case{absl::CivilDay(2027, 1, 1), "2026-W53"}, Case{absl::CivilDay(2027, 1, 3), "2026-W53"},
        Case{absl::CivilDay(2027, 1, 4), "2027-W01"}}) {
    EXPECT_EQ(FormatIsoWeek(c.day), c.week) << c.day;
  }
}

TEST_F(CivilTest, IsoWeeksRoundTripEveryWeek2015To2035) {
  const std::vector<int> long_years = {2015, 2020, 2026, 2032};
  absl::CivilDay previous_monday;
  bool have_previous = false;
  for (int year = 2015; year <= 2035; ++year) {
    int weeks = 0;
    for (int week = 1; week <= 53; ++week) {
      const std::string text = absl::StrFormat("%04d-W%02d", year, week);
      absl::StatusOr<absl::CivilDay> monday = ParseIsoWeek(text, "week");
      if (!monday.ok()) {
        EXPECT_EQ(week, 53) << text << ": " << monday.status();
        EXPECT_EQ(monday.status().code(), absl::StatusCode::kInvalidArgument);
        continue;
      }
      ++weeks;
      EXPECT_EQ(IsoWeekday(*monday), 1) << text;
      for (int d = 0; d < 7; ++d) EXPECT_EQ(FormatIsoWeek(*monday + d), text) << *monday + d;
      if (have_previous) {
        EXPECT_EQ(*monday - previous_monday, 7) << text;
      }
      previous_monday = *monday;
      have_previous = true;
    }
    const bool is_long = std::find(long_years.begin(), long_years.end(), year) != long_years.end();
    EXPECT_EQ(weeks, is_long ? 53 : 52) << year;
  }
}

TEST_F(CivilTest, IsoWeekday) {
  // Monday 2026-12-07 ... Sunday 2026-12-13.
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(IsoWeekday(absl::CivilDay(2026, 12, 7) + i), i + 1);
  }
  EXPECT_EQ(IsoWeekday(absl::CivilDay(1970, 1, 1)), 4);  // a Thursday
}

// --- Formatting -------------------------------------------------------------------------

TEST_F(CivilTest, FormatLocalAndUtc) {
  EXPECT_EQ(FormatLocal(Utc(2026, 12, 7, 8, 0, 59), ams_), "2026-12-07 09:00");
  EXPECT_EQ(FormatLocal(Utc(2026, 12, 7, 8, 0), absl::UTCTimeZone()), "2026-12-07 08:00");
  EXPECT_EQ(FormatLocal(Utc(2026, 12, 31, 23, 30), ams_), "2027-01-01 00:30");
  // Both 00:30Z and 01:30Z are 02:30 local on the fall-back night: the offset tells them apart.
  EXPECT_EQ(FormatLocal(Utc(2026, 10, 25, 0, 30), ams_), "2026-10-25 02:30 +02:00");
  EXPECT_EQ(FormatLocal(Utc(2026, 10, 25, 1, 30), ams_), "2026-10-25 02:30 +01:00");
  EXPECT_EQ(FormatLocal(Utc(2026, 10, 25, 2, 0), ams_), "2026-10-25 03:00");
  EXPECT_EQ(FormatLocal(Utc(2026, 10, 24, 23, 59), ams_), "2026-10-25 01:59");
  // What is printed can be typed back.
  for (const absl::Time t : {Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30)}) {
    absl::StatusOr<absl::Time> back = ParseInstant(FormatLocal(t, ams_), ams_, "--at");
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, t);
  }
  absl::StatusOr<absl::Time> secs = ParseInstant("2026-10-25 02:30:15 +01:00", ams_, "--at");
  ASSERT_TRUE(secs.ok()) << secs.status();
  EXPECT_EQ(*secs, Utc(2026, 10, 25, 1, 30, 15));
  EXPECT_EQ(FormatUtc(Utc(2026, 12, 7, 8, 0)), "2026-12-07T08:00:00Z");
  EXPECT_EQ(FormatUtc(Utc(2026, 12, 7, 8, 0, 5) + absl::Milliseconds(900)), "2026-12-07T08:00:05Z");
  EXPECT_EQ(FormatUtc(absl::UnixEpoch()), "1970-01-01T00:00:00Z");
}

TEST_F(CivilTest, FormatUtcParsesBack) {
  for (const absl::Time t : {Utc(2026, 3, 29, 1, 0), Utc(2026, 10, 25, 0, 30),
                             Utc(2026, 10, 25, 1, 30), Utc(2035, 12, 31, 23, 59, 59)}) {
    absl::StatusOr<absl::Time> back = ParseInstant(FormatUtc(t), ams_, "at");
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, t);
  }
}

}  // namespace
}  // namespace paraat::time
