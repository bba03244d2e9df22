// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/rotation.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"
#include "common/time/civil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::roster {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

absl::Time Utc(int y, int m, int d, int hh, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

// The demo pool: Europe/Amsterdam, handover Monday 09:00, 7-day duties.
directory::Pool WeekPool(int shift_days = 7, int weekday = 1) {
  directory::Pool p;
  p.key = "west";
  p.name = "OvD-Bz West";
  p.qualification = "ovd-bz";
  p.shift_days = shift_days;
  p.handover_weekday = weekday;
  p.members = {"a.jansen", "b.devries", "c.bakker", "d.visser"};
  return p;
}

class RotationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<absl::TimeZone> zone = time::LoadZone("Europe/Amsterdam");
    ASSERT_TRUE(zone.ok()) << zone.status() << " (is tzdata installed?)";
    ams_ = *zone;
  }
  std::string Local(absl::Time t) const { return time::FormatLocal(t, ams_); }
  absl::Time At(int y, int m, int d, int hh, int mm = 0) const {
    return *time::ResolveLocal(absl::CivilSecond(y, m, d, hh, mm, 0), ams_, "test");
  }
  absl::TimeZone ams_;
};

// --- DutySlots across DST -------------------------------------------------------------

struct WeekCase {
  absl::CivilDay from;
  absl::Time start;  // UTC
  absl::Time end;    // UTC
  int64_t hours;
};

TEST_F(RotationTest, DutySlotsKeepTheLocalHandoverAcrossBothDstWeeksOf2027) {
  const std::vector<WeekCase> cases = {
      // 28 March 2027: clocks go forward (CET +01:00 -> CEST +02:00): 167 hours.
      {absl::CivilDay(2027, 3, 22), Utc(2027, 3, 22, 8), Utc(2027, 3, 29, 7), 167},
      // 31 October 2027: clocks go back (CEST -> CET): 169 hours.
      {absl::CivilDay(2027, 10, 25), Utc(2027, 10, 25, 7), Utc(2027, 11, 1, 8), 169},
      // Ordinary winter and summer weeks around them.
      {absl::CivilDay(2027, 3, 15), Utc(2027, 3, 15, 8), Utc(2027, 3, 22, 8), 168},
      {absl::CivilDay(2027, 3, 29), Utc(2027, 3, 29, 7), Utc(2027, 4, 5, 7), 168},
      {absl::CivilDay(2027, 10, 18), Utc(2027, 10, 18, 7), Utc(2027, 10, 25, 7), 168},
      {absl::CivilDay(2027, 11, 1), Utc(2027, 11, 1, 8), Utc(2027, 11, 8, 8), 168},
  };
  for (const WeekCase& c : cases) {
    SCOPED_TRACE(absl::FormatCivilTime(c.from));
    absl::StatusOr<std::vector<Interval>> slots = DutySlots(WeekPool(), c.from, 1);
    ASSERT_TRUE(slots.ok()) << slots.status();
    ASSERT_EQ(slots->size(), 1u);
    EXPECT_EQ(time::FormatUtc((*slots)[0].start), time::FormatUtc(c.start));
    EXPECT_EQ(time::FormatUtc((*slots)[0].end), time::FormatUtc(c.end));
    EXPECT_EQ((*slots)[0].end - (*slots)[0].start, absl::Hours(c.hours));
    EXPECT_EQ(Local((*slots)[0].start), absl::FormatCivilTime(c.from) + " 09:00");
    EXPECT_EQ(Local((*slots)[0].end), absl::FormatCivilTime(c.from + 7) + " 09:00");
  }
}

TEST_F(RotationTest, HandoverStaysAtNineLocalEveryWeekOf2026To2028) {
  // 2025-12-29 is the Monday of the first handover of 2026; 157 weeks end on 2029-01-01.
  absl::StatusOr<std::vector<Interval>> slots =
      DutySlots(WeekPool(), absl::CivilDay(2025, 12, 29), 157);
  ASSERT_TRUE(slots.ok()) << slots.status();
  ASSERT_EQ(slots->size(), 157u);
  // Weeks that contain the last Sunday of March (167 h) or of October (169 h).
  const std::vector<absl::CivilDay> short_weeks = {
      absl::CivilDay(2026, 3, 23), absl::CivilDay(2027, 3, 22), absl::CivilDay(2028, 3, 20)};
  const std::vector<absl::CivilDay> long_weeks = {
      absl::CivilDay(2026, 10, 19), absl::CivilDay(2027, 10, 25), absl::CivilDay(2028, 10, 23)};
  int n167 = 0, n169 = 0;
  for (size_t k = 0; k < slots->size(); ++k) {
    const Interval& s = (*slots)[k];
    const absl::CivilDay monday = absl::CivilDay(2025, 12, 29) + static_cast<int64_t>(7 * k);
    SCOPED_TRACE(absl::FormatCivilTime(monday));
    EXPECT_EQ(Local(s.start), absl::FormatCivilTime(monday) + " 09:00");
    EXPECT_EQ(time::IsoWeekday(absl::ToCivilDay(s.start, ams_)), 1);
    if (k > 0) {
      EXPECT_EQ(s.start, (*slots)[k - 1].end) << "gap or overlap";
    }
    absl::Duration expected = absl::Hours(168);
    if (std::find(short_weeks.begin(), short_weeks.end(), monday) != short_weeks.end()) {
      expected = absl::Hours(167);
      ++n167;
    }
    if (std::find(long_weeks.begin(), long_weeks.end(), monday) != long_weeks.end()) {
      expected = absl::Hours(169);
      ++n169;
    }
    EXPECT_EQ(s.end - s.start, expected);
  }
  EXPECT_EQ(n167, 3);
  EXPECT_EQ(n169, 3);
  EXPECT_EQ(Local(slots->back().end), "2029-01-01 09:00");
}

TEST_F(RotationTest, DutySlotsStartOnTheFirstHandoverDayOnOrAfterFrom) {
  // From a Wednesday: the first duty starts the next Monday.
  absl::StatusOr<std::vector<Interval>> slots =
      DutySlots(WeekPool(), absl::CivilDay(2027, 3, 17), 2);
  ASSERT_TRUE(slots.ok()) << slots.status();
  ASSERT_EQ(slots->size(), 2u);
  EXPECT_EQ(Local((*slots)[0].start), "2027-03-22 09:00");
  EXPECT_EQ(Local((*slots)[1].start), "2027-03-29 09:00");
  EXPECT_EQ(Local((*slots)[1].end), "2027-04-05 09:00");
}

TEST_F(RotationTest, DailyDutiesAreTwentyThreeAndTwentyFiveHoursOnDstDays) {
  directory::Pool pool = WeekPool(1);
  absl::StatusOr<std::vector<Interval>> spring = DutySlots(pool, absl::CivilDay(2027, 3, 27), 3);
  ASSERT_TRUE(spring.ok()) << spring.status();
  ASSERT_EQ(spring->size(), 3u);
  // shift_days 1 is not whole weeks: the rotation starts on `from` itself, a Saturday.
  EXPECT_EQ(Local((*spring)[0].start), "2027-03-27 09:00");
  // Saturday 09:00 to Sunday 09:00 contains the change at 02:00 on 28 March.
  EXPECT_EQ((*spring)[0].end - (*spring)[0].start, absl::Hours(23));
  EXPECT_EQ(Local((*spring)[0].end), "2027-03-28 09:00");
  EXPECT_EQ((*spring)[1].end - (*spring)[1].start, absl::Hours(24));
  EXPECT_EQ((*spring)[2].end - (*spring)[2].start, absl::Hours(24));
  EXPECT_EQ(Local((*spring)[2].end), "2027-03-30 09:00");

  absl::StatusOr<std::vector<Interval>> autumn = DutySlots(pool, absl::CivilDay(2027, 10, 31), 1);
  ASSERT_TRUE(autumn.ok()) << autumn.status();
  EXPECT_EQ(time::FormatUtc((*autumn)[0].start), "2027-10-31T08:00:00Z");
  EXPECT_EQ(time::FormatUtc((*autumn)[0].end), "2027-11-01T08:00:00Z");
  EXPECT_EQ((*autumn)[0].end - (*autumn)[0].start, absl::Hours(24));
  absl::StatusOr<std::vector<Interval>> sat = DutySlots(pool, absl::CivilDay(2027, 10, 30), 1);
  ASSERT_TRUE(sat.ok()) << sat.status();
  EXPECT_EQ((*sat)[0].end - (*sat)[0].start, absl::Hours(25));  // through Sunday 31 October
}

TEST_F(RotationTest, FortnightDutiesAcrossTheSpringChange) {
  directory::Pool pool = WeekPool(14);
  absl::StatusOr<std::vector<Interval>> slots = DutySlots(pool, absl::CivilDay(2027, 3, 17), 2);
  ASSERT_TRUE(slots.ok()) << slots.status();
  ASSERT_EQ(slots->size(), 2u);
  EXPECT_EQ(Local((*slots)[0].start), "2027-03-22 09:00");
  EXPECT_EQ(Local((*slots)[0].end), "2027-04-05 09:00");
  EXPECT_EQ((*slots)[0].end - (*slots)[0].start, absl::Hours(335));
  EXPECT_EQ((*slots)[1].start, (*slots)[0].end);
  EXPECT_EQ(Local((*slots)[1].end), "2027-04-19 09:00");
  EXPECT_EQ((*slots)[1].end - (*slots)[1].start, absl::Hours(336));
}

TEST_F(RotationTest, DutySlotsRefusesCountsOutsideOneToThousand) {
  for (int count : {0, -1, 1001}) {
    absl::StatusOr<std::vector<Interval>> slots =
        DutySlots(WeekPool(), absl::CivilDay(2027, 1, 4), count);
    ASSERT_FALSE(slots.ok()) << count;
    EXPECT_EQ(slots.status().code(), absl::StatusCode::kInvalidArgument) << count;
    EXPECT_THAT(std::string(slots.status().message()), HasSubstr(absl::StrCat("not ", count)));
  }
  for (int count : {1, 1000}) {
    absl::StatusOr<std::vector<Interval>> slots =
        DutySlots(WeekPool(), absl::CivilDay(2027, 1, 4), count);
    ASSERT_TRUE(slots.ok()) << count << ": " << slots.status();
    EXPECT_EQ(slots->size(), static_cast<size_t>(count));
  }
}

TEST_F(RotationTest, DutySlotsRefusesAnUnknownZoneNamingTheField) {
  directory::Pool pool = WeekPool();
  pool.time_zone = "Europe/Amsterdamm";
  absl::StatusOr<std::vector<Interval>> slots = DutySlots(pool, absl::CivilDay(2027, 1, 4), 1);
  ASSERT_FALSE(slots.ok());
  EXPECT_EQ(slots.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(slots.status().message()), HasSubstr("pool.time_zone"));
  EXPECT_THAT(std::string(slots.status().message()), HasSubstr("Europe/Amsterdamm"));
}

// --- FirstHandoverDay -----------------------------------------------------------------

struct FirstDayCase {
  int shift_days;
  int weekday;  // the pool's handover weekday
  absl::CivilDay from;
  absl::CivilDay expected;
};

TEST(FirstHandoverDayTest, NextHandoverWeekdayForWholeWeeksAndFromOtherwise) {
  // 2027-03-22 is a Monday.
  const std::vector<FirstDayCase> cases = {
      {7, 1, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 22)},
      {7, 1, absl::CivilDay(2027, 3, 23), absl::CivilDay(2027, 3, 29)},
      {7, 1, absl::CivilDay(2027, 3, 28), absl::CivilDay(2027, 3, 29)},
      {7, 2, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 23)},
      {7, 3, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 24)},
      {7, 4, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 25)},
      {7, 5, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 26)},
      {7, 6, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 27)},
      {7, 7, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 28)},
      {7, 5, absl::CivilDay(2027, 3, 26), absl::CivilDay(2027, 3, 26)},
      {7, 5, absl::CivilDay(2027, 3, 27), absl::CivilDay(2027, 4, 2)},
      {7, 7, absl::CivilDay(2027, 3, 29), absl::CivilDay(2027, 4, 4)},
      {7, 1, absl::CivilDay(2027, 12, 28), absl::CivilDay(2028, 1, 3)},  // across a year
      {14, 1, absl::CivilDay(2027, 3, 24), absl::CivilDay(2027, 3, 29)},
      {28, 4, absl::CivilDay(2027, 3, 22), absl::CivilDay(2027, 3, 25)},
      {1, 1, absl::CivilDay(2027, 3, 24), absl::CivilDay(2027, 3, 24)},
      {3, 1, absl::CivilDay(2027, 3, 27), absl::CivilDay(2027, 3, 27)},
      {10, 7, absl::CivilDay(2027, 3, 23), absl::CivilDay(2027, 3, 23)},
  };
  for (const FirstDayCase& c : cases) {
    directory::Pool pool = WeekPool(c.shift_days, c.weekday);
    EXPECT_EQ(FirstHandoverDay(pool, c.from), c.expected)
        << "shift_days " << c.shift_days << " weekday " << c.weekday << " from "
        << absl::FormatCivilTime(c.from);
  }
}

// Every weekday as `from`, every weekday as handover: the result is the first day on or
// after `from` with the handover weekday.
TEST(FirstHandoverDayTest, EveryPairOfWeekdays) {
  for (int weekday = 1; weekday <= 7; ++weekday) {
    for (int offset = 0; offset < 7; ++offset) {
      const absl::CivilDay from = absl::CivilDay(2027, 3, 22) + offset;  // Mon..Sun
      const absl::CivilDay got = FirstHandoverDay(WeekPool(7, weekday), from);
      EXPECT_EQ(time::IsoWeekday(got), weekday);
      EXPECT_GE(got - from, 0);
      EXPECT_LE(got - from, 6);
      EXPECT_EQ(got - from, (weekday - (offset + 1) + 7) % 7);
    }
  }
}

// --- SlotsForWeeks --------------------------------------------------------------------

TEST(SlotsForWeeksTest, CoversTheWeeks) {
  struct Case {
    int shift_days, weeks, expected;
  };
  const std::vector<Case> cases = {{7, 1, 1},  {7, 52, 52}, {1, 1, 7},  {1, 4, 28}, {14, 3, 2},
                                   {14, 4, 2}, {14, 5, 3},  {28, 1, 1}, {3, 1, 3},  {3, 3, 7}};
  for (const Case& c : cases) {
    EXPECT_EQ(SlotsForWeeks(WeekPool(c.shift_days), c.weeks), c.expected)
        << c.shift_days << " days, " << c.weeks << " weeks";
  }
}

// --- SlotContaining -------------------------------------------------------------------

struct ContainingCase {
  const char* what;
  absl::Time t;
  const char* start;  // local
  const char* end;    // local
  int64_t hours;
};

TEST_F(RotationTest, SlotContainingAroundDstAndBeforeAndAfterTheAnchor) {
  const absl::Time anchor = At(2027, 1, 4, 9);
  const std::vector<ContainingCase> cases = {
      {"the anchor itself", anchor, "2027-01-04 09:00", "2027-01-11 09:00", 168},
      {"one second before the anchor", anchor - absl::Seconds(1), "2026-12-28 09:00",
       "2027-01-04 09:00", 168},
      {"new year's eve, before the anchor", At(2026, 12, 31, 23), "2026-12-28 09:00",
       "2027-01-04 09:00", 168},
      {"a Monday 08:59 is the week before", At(2027, 3, 22, 8, 59), "2027-03-15 09:00",
       "2027-03-22 09:00", 168},
      {"spring week, Monday 09:00", At(2027, 3, 22, 9), "2027-03-22 09:00", "2027-03-29 09:00",
       167},
      {"spring Sunday 03:00, just after the change", At(2027, 3, 28, 3), "2027-03-22 09:00",
       "2027-03-29 09:00", 167},
      {"spring week, last second", Utc(2027, 3, 29, 6, 59, 59), "2027-03-22 09:00",
       "2027-03-29 09:00", 167},
      {"after the spring week", Utc(2027, 3, 29, 7), "2027-03-29 09:00", "2027-04-05 09:00", 168},
      {"autumn, first 02:30 (CEST)", Utc(2027, 10, 31, 0, 30), "2027-10-25 09:00",
       "2027-11-01 09:00", 169},
      {"autumn, second 02:30 (CET)", Utc(2027, 10, 31, 1, 30), "2027-10-25 09:00",
       "2027-11-01 09:00", 169},
      {"autumn week, last second", Utc(2027, 11, 1, 7, 59, 59), "2027-10-25 09:00",
       "2027-11-01 09:00", 169},
      {"after the autumn week", Utc(2027, 11, 1, 8), "2027-11-01 09:00", "2027-11-08 09:00", 168},
      {"spring 2026, far before the anchor", At(2026, 3, 29, 12), "2026-03-23 09:00",
       "2026-03-30 09:00", 167},
      {"autumn 2028, far after the anchor", At(2028, 10, 29, 12), "2028-10-23 09:00",
       "2028-10-30 09:00", 169},
  };
  for (const ContainingCase& c : cases) {
    SCOPED_TRACE(c.what);
    absl::StatusOr<Interval> slot = SlotContaining(WeekPool(), anchor, c.t);
    ASSERT_TRUE(slot.ok()) << slot.status();
    EXPECT_EQ(Local(slot->start), c.start);
    EXPECT_EQ(Local(slot->end), c.end);
    EXPECT_EQ(slot->end - slot->start, absl::Hours(c.hours));
    EXPECT_TRUE(slot->Contains(c.t));
  }
}

TEST_F(RotationTest, SlotContainingForDailyAndFortnightDuties) {
  const absl::Time anchor = At(2027, 1, 4, 9);
  struct Case {
    int shift_days;
    absl::Time t;
    const char* start;
    const char* end;
  };
  const std::vector<Case> cases = {
      {1, At(2027, 3, 28, 8, 59), "2027-03-27 09:00", "2027-03-28 09:00"},
      {1, At(2027, 3, 28, 9), "2027-03-28 09:00", "2027-03-29 09:00"},
      {1, At(2027, 1, 4, 8), "2027-01-03 09:00", "2027-01-04 09:00"},
      {1, At(2026, 12, 1, 12), "2026-12-01 09:00", "2026-12-02 09:00"},
      {14, At(2027, 1, 17, 10), "2027-01-04 09:00", "2027-01-18 09:00"},
      {14, At(2027, 1, 18, 8), "2027-01-04 09:00", "2027-01-18 09:00"},
      {14, At(2027, 1, 18, 9), "2027-01-18 09:00", "2027-02-01 09:00"},
      {14, At(2026, 12, 25, 9), "2026-12-21 09:00", "2027-01-04 09:00"},
      {14, At(2026, 12, 21, 8), "2026-12-07 09:00", "2026-12-21 09:00"},
      {14, At(2027, 3, 28, 12), "2027-03-15 09:00", "2027-03-29 09:00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.shift_days, " days at ", Local(c.t)));
    absl::StatusOr<Interval> slot = SlotContaining(WeekPool(c.shift_days), anchor, c.t);
    ASSERT_TRUE(slot.ok()) << slot.status();
    EXPECT_EQ(Local(slot->start), c.start);
    EXPECT_EQ(Local(slot->end), c.end);
  }
}

// Every 5 hours for two years, SlotContaining agrees with the consecutive DutySlots.
TEST_F(RotationTest, SlotContainingAgreesWithDutySlots) {
  for (int shift_days : {1, 7, 14}) {
    SCOPED_TRACE(absl::StrCat(shift_days, " days"));
    directory::Pool pool = WeekPool(shift_days);
    const int count = 2 * 366 / shift_days + 2;
    absl::StatusOr<std::vector<Interval>> slots =
        DutySlots(pool, absl::CivilDay(2025, 12, 29), count);
    ASSERT_TRUE(slots.ok()) << slots.status();
    // An anchor in the middle, so that instants lie before and after it.
    const absl::Time anchor = (*slots)[slots->size() / 2].start;
    size_t k = 0;
    int checked = 0;
    for (absl::Time t = slots->front().start; t < slots->back().end; t += absl::Hours(5)) {
      while (!(*slots)[k].Contains(t)) ++k;
      absl::StatusOr<Interval> slot = SlotContaining(pool, anchor, t);
      ASSERT_TRUE(slot.ok()) << slot.status();
      ASSERT_EQ(slot->start, (*slots)[k].start) << Local(t);
      ASSERT_EQ(slot->end, (*slots)[k].end) << Local(t);
      ++checked;
    }
    EXPECT_GT(checked, 3000);
  }
}

TEST_F(RotationTest, SlotContainingRefusesAnUnknownZone) {
  directory::Pool pool = WeekPool();
  pool.time_zone = "Mars/Olympus_Mons";
  absl::StatusOr<Interval> slot = SlotContaining(pool, Utc(2027, 1, 4, 8), Utc(2027, 2, 1, 0));
  ASSERT_FALSE(slot.ok());
  EXPECT_EQ(slot.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(slot.status().message()), HasSubstr("pool.time_zone"));
}

// --- Rotate ---------------------------------------------------------------------------

TEST_F(RotationTest, RotateTakesPeopleRoundRobinOverTheSlots) {
  const std::vector<std::string> order = {"c.bakker", "a.jansen", "b.devries"};
  absl::StatusOr<std::vector<RosterShift>> shifts =
      Rotate(WeekPool(), absl::CivilDay(2027, 3, 17), 5, order);
  ASSERT_TRUE(shifts.ok()) << shifts.status();
  absl::StatusOr<std::vector<Interval>> slots =
      DutySlots(WeekPool(), absl::CivilDay(2027, 3, 17), 5);
  ASSERT_TRUE(slots.ok());
  ASSERT_EQ(shifts->size(), 5u);
  const std::vector<std::string> people = {"c.bakker", "a.jansen", "b.devries", "c.bakker",
                                           "a.jansen"};
  for (size_t i = 0; i < shifts->size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ((*shifts)[i].pool, "west");
    EXPECT_EQ((*shifts)[i].person, people[i]);
    EXPECT_EQ((*shifts)[i].interval, (*slots)[i]);
    EXPECT_EQ((*shifts)[i].id, 0);
    EXPECT_FALSE((*shifts)[i].published);
  }
  EXPECT_EQ(Local(shifts->front().interval.start), "2027-03-22 09:00");
  EXPECT_EQ(shifts->front().interval.end - shifts->front().interval.start, absl::Hours(167));
  EXPECT_EQ(Local(shifts->back().interval.end), "2027-04-26 09:00");
}

TEST_F(RotationTest, RotateDailyDutiesForTwoWeeks) {
  absl::StatusOr<std::vector<RosterShift>> shifts =
      Rotate(WeekPool(1), absl::CivilDay(2027, 3, 24), 2, {"a.jansen", "b.devries", "c.bakker"});
  ASSERT_TRUE(shifts.ok()) << shifts.status();
  ASSERT_EQ(shifts->size(), 14u);
  for (size_t i = 0; i < shifts->size(); ++i) {
    EXPECT_EQ((*shifts)[i].person,
              std::vector<std::string>({"a.jansen", "b.devries", "c.bakker"})[i % 3]);
    if (i > 0) {
      EXPECT_EQ((*shifts)[i].interval.start, (*shifts)[i - 1].interval.end);
    }
  }
  EXPECT_EQ(Local(shifts->front().interval.start), "2027-03-24 09:00");
  EXPECT_EQ(Local(shifts->back().interval.end), "2027-04-07 09:00");
}

TEST_F(RotationTest, RotateRefusesAnEmptyOrder) {
  absl::StatusOr<std::vector<RosterShift>> shifts =
      Rotate(WeekPool(), absl::CivilDay(2027, 3, 22), 4, {});
  ASSERT_FALSE(shifts.ok());
  EXPECT_EQ(shifts.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(shifts.status().message()), HasSubstr("order is empty"));
}

TEST_F(RotationTest, RotateRefusesSomeoneOutsideThePoolNamingThem) {
  absl::StatusOr<std::vector<RosterShift>> shifts =
      Rotate(WeekPool(), absl::CivilDay(2027, 3, 22), 4, {"a.jansen", "x.outsider", "c.bakker"});
  ASSERT_FALSE(shifts.ok());
  EXPECT_EQ(shifts.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(shifts.status().message()), HasSubstr("x.outsider"));
  EXPECT_THAT(std::string(shifts.status().message()), HasSubstr("'west'"));
  EXPECT_THAT(std::string(shifts.status().message()), Not(HasSubstr("a.jansen")));
}

TEST_F(RotationTest, RotateRefusesWeeksOutOfRange) {
  for (int weeks : {0, -3, 521}) {
    absl::StatusOr<std::vector<RosterShift>> shifts =
        Rotate(WeekPool(), absl::CivilDay(2027, 3, 22), weeks, {"a.jansen"});
    ASSERT_FALSE(shifts.ok()) << weeks;
    EXPECT_EQ(shifts.status().code(), absl::StatusCode::kInvalidArgument) << weeks;
    EXPECT_THAT(std::string(shifts.status().message()),
                HasSubstr(absl::StrCat("weeks must be 1 to 520, not ", weeks)));
  }
  // 200 weeks of daily duties are 1400 duties, more than one rotation may make.
  absl::StatusOr<std::vector<RosterShift>> daily =
      Rotate(WeekPool(1), absl::CivilDay(2027, 3, 22), 200, {"a.jansen"});
  ASSERT_FALSE(daily.ok());
  EXPECT_EQ(daily.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(daily.status().message()), HasSubstr("1400"));
  for (int weeks : {1, 520}) {
    absl::StatusOr<std::vector<RosterShift>> shifts =
        Rotate(WeekPool(), absl::CivilDay(2027, 3, 22), weeks, {"a.jansen", "b.devries"});
    ASSERT_TRUE(shifts.ok()) << weeks << ": " << shifts.status();
    EXPECT_EQ(shifts->size(), static_cast<size_t>(weeks));
  }
}

}  // namespace

// An interval that ends when it starts is empty, and said so; one that ends earlier is reversed.
TEST(ValidateIntervalTest, EmptyAndReversedAreToldApart) {
  const absl::Time t = absl::FromUnixSeconds(1800000000);
  absl::Status empty = ValidateInterval({t, t}, "leave");
  EXPECT_EQ(empty.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(empty.message()), ::testing::StartsWith("leave is empty: it ends when it starts ("));
  absl::Status reversed = ValidateInterval({t, t - absl::Hours(1)}, "leave");
  EXPECT_THAT(std::string(reversed.message()), ::testing::StartsWith("leave ends before it starts: from "));
  EXPECT_TRUE(ValidateInterval({t, t + absl::Hours(1)}, "leave").ok());
}

}  // namespace paraat::roster
