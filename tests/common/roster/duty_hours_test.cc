// SPDX-License-Identifier: EUPL-1.2
// Hours on duty split at local midnights: ordinary weeks, both 2027 DST weeks (Easter 2027 is
// the spring change's Sunday), holidays on weekdays and weekends, clipping to the window.
#include "common/roster/duty_hours.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace paraat::roster {
namespace {

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

absl::Time Local(int y, int m, int d, int h) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), Amsterdam());
}

DutySlice Slice(const std::string& pool, const std::string& person, absl::Time from,
                absl::Time to) {
  DutySlice s;
  s.pool = pool;
  s.person = person;
  s.interval = {from, to};
  return s;
}

const std::vector<PublicHoliday>& Holidays() {
  static const auto* const kList = new std::vector<PublicHoliday>(DutchPublicHolidays(2026, 2028));
  return *kList;
}

struct WeekCase {
  const char* name;
  absl::Time from, to;                // one duty
  int64_t weekday, weekend, holiday;  // hours
};

TEST(ComputeDutyHours, OneDutyPerCase) {
  const WeekCase cases[] = {
      // Mon 09:00 - Mon 09:00: Monday 15 h + 4 x 24 h + Monday 9 h; Saturday and Sunday.
      {"ordinary week", Local(2027, 3, 8, 9), Local(2027, 3, 15, 9), 120, 48, 0},
      // Spring forward on Sunday 28 March 2027, which is also Easter Sunday: the Sunday has
      // 23 hours, all holiday, and Easter Monday's first 9 hours are holiday too.
      {"spring DST and Easter", Local(2027, 3, 22, 9), Local(2027, 3, 29, 9), 111, 24, 32},
      // Fall back on Sunday 31 October 2027: the Sunday has 25 hours.
      {"autumn DST", Local(2027, 10, 25, 9), Local(2027, 11, 1, 9), 120, 49, 0},
      // Christmas 2027 falls on Saturday and Sunday: holiday, not weekend.
      {"Christmas on a weekend", Local(2027, 12, 20, 9), Local(2027, 12, 27, 9), 120, 0, 48},
      // Koningsdag 2027 is a Tuesday.
      {"Koningsdag on a Tuesday", Local(2027, 4, 26, 21), Local(2027, 4, 28, 3), 6, 0, 24},
      // A duty ending exactly at midnight does not touch the next day.
      {"ends at midnight", Local(2027, 3, 12, 18), Local(2027, 3, 13, 0), 6, 0, 0},
  };
  for (const WeekCase& c : cases) {
    const std::map<std::string, std::vector<DutySlice>> schedules = {
        {"west", {Slice("west", "a.jansen", c.from, c.to)}}};
    const std::vector<DutyHours> got =
        ComputeDutyHours(schedules, {{"west", Amsterdam()}},
                         {c.from - absl::Hours(240), c.to + absl::Hours(240)}, Holidays());
    ASSERT_EQ(got.size(), 1u) << c.name;
    EXPECT_EQ(got[0].person, "a.jansen");
    EXPECT_EQ(got[0].pool, "west");
    EXPECT_EQ(got[0].weekday, absl::Hours(c.weekday)) << c.name;
    EXPECT_EQ(got[0].weekend, absl::Hours(c.weekend)) << c.name;
    EXPECT_EQ(got[0].holiday, absl::Hours(c.holiday)) << c.name;
    EXPECT_EQ(got[0].total(), c.to - c.from) << c.name;
  }
}

TEST(ComputeDutyHours, ClipsToTheWindow) {
  const std::map<std::string, std::vector<DutySlice>> schedules = {
      {"west", {Slice("west", "a.jansen", Local(2027, 3, 8, 9), Local(2027, 3, 15, 9))}}};
  // Wednesday 12:00 to Saturday 06:00.
  const std::vector<DutyHours> got =
      ComputeDutyHours(schedules, {{"west", Amsterdam()}},
                       {Local(2027, 3, 10, 12), Local(2027, 3, 13, 6)}, Holidays());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].weekday, absl::Hours(60));
  EXPECT_EQ(got[0].weekend, absl::Hours(6));
  EXPECT_EQ(got[0].holiday, absl::ZeroDuration());
  EXPECT_TRUE(ComputeDutyHours(schedules, {{"west", Amsterdam()}},
                               {Local(2027, 3, 16, 0), Local(2027, 3, 17, 0)}, Holidays())
                  .empty());
  EXPECT_TRUE(ComputeDutyHours(schedules, {{"west", Amsterdam()}},
                               {Local(2027, 3, 12, 0), Local(2027, 3, 11, 0)}, Holidays())
                  .empty());
}

TEST(ComputeDutyHours, OneEntryPerPersonAndPoolOrderedAndSummedOverPools) {
  const std::map<std::string, std::vector<DutySlice>> schedules = {
      {"west",
       {Slice("west", "b.vandijk", Local(2027, 3, 8, 9), Local(2027, 3, 9, 9)),
        Slice("west", "a.jansen", Local(2027, 3, 9, 9), Local(2027, 3, 10, 9)),
        Slice("west", "b.vandijk", Local(2027, 3, 10, 9), Local(2027, 3, 11, 9))}},
      {"oost", {Slice("oost", "b.vandijk", Local(2027, 3, 13, 9), Local(2027, 3, 14, 9))}},
  };
  const std::vector<DutyHours> got =
      ComputeDutyHours(schedules, {{"west", Amsterdam()}, {"oost", Amsterdam()}},
                       {Local(2027, 3, 1, 0), Local(2027, 4, 1, 0)}, Holidays());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], (DutyHours{"a.jansen", "west", absl::Hours(24), {}, {}}));
  EXPECT_EQ(got[1], (DutyHours{"b.vandijk", "oost", {}, absl::Hours(24), {}}));
  EXPECT_EQ(got[2], (DutyHours{"b.vandijk", "west", absl::Hours(48), {}, {}}));
  const std::vector<DutyHours> sums = SumOverPools(got);
  ASSERT_EQ(sums.size(), 2u);
  EXPECT_EQ(sums[0], (DutyHours{"a.jansen", "", absl::Hours(24), {}, {}}));
  EXPECT_EQ(sums[1], (DutyHours{"b.vandijk", "", absl::Hours(48), absl::Hours(24), {}}));
}

TEST(ComputeDutyHours, APoolWithoutAZoneCountsInUtc) {
  const absl::Time from =
      absl::FromCivil(absl::CivilSecond(2027, 3, 12, 22, 0, 0), absl::UTCTimeZone());
  const std::map<std::string, std::vector<DutySlice>> schedules = {
      {"x", {Slice("x", "a.jansen", from, from + absl::Hours(4))}}};
  // Friday 22:00 - Saturday 02:00 UTC (in Amsterdam all of it would be Friday night and
  // Saturday from 00:00 local = 23:00 UTC).
  const std::vector<DutyHours> got =
      ComputeDutyHours(schedules, {}, {from, from + absl::Hours(4)}, Holidays());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].weekday, absl::Hours(2));
  EXPECT_EQ(got[0].weekend, absl::Hours(2));
}

}  // namespace
}  // namespace paraat::roster
