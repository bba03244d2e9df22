// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/holidays.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::roster::solver {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }

absl::TimeZone Amsterdam() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &zone)) << "is tzdata installed?";
  return zone;
}

absl::Time Local(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), Amsterdam());
}

TEST(DutchHolidaysTest, EasterOnKnownDates) {
  // Published dates (e.g. the Dutch government's list of public holidays).
  struct Case {
    int year;
    absl::CivilDay easter;
  };
  for (const Case& c : std::vector<Case>{{2008, Day(2008, 3, 23)},
                                         {2019, Day(2019, 4, 21)},
                                         {2024, Day(2024, 3, 31)},
                                         {2025, Day(2025, 4, 20)},
                                         {2026, Day(2026, 4, 5)},
                                         {2027, Day(2027, 3, 28)},
                                         {2028, Day(2028, 4, 16)},
                                         {2038, Day(2038, 4, 25)}}) {
    const std::vector<Holiday> list = DutchHolidays(c.year, c.year);
    ASSERT_EQ(list[2].name, "Pasen");
    EXPECT_EQ(list[2].first, c.easter) << c.year;
    EXPECT_EQ(list[2].last, c.easter + 1) << c.year;
  }
}

TEST(KingsDayTest, MovesToSaturdayWhenThe27thIsASunday) {
  EXPECT_EQ(KingsDay(2026), Day(2026, 4, 27));  // Monday
  EXPECT_EQ(absl::GetWeekday(KingsDay(2026)), absl::Weekday::monday);
  EXPECT_EQ(KingsDay(2027), Day(2027, 4, 27));  // Tuesday
  EXPECT_EQ(absl::GetWeekday(KingsDay(2027)), absl::Weekday::tuesday);
  EXPECT_EQ(KingsDay(2025), Day(2025, 4, 26));  // the 27th is a Sunday
  EXPECT_EQ(KingsDay(2031), Day(2031, 4, 26));  // the 27th is a Sunday
  EXPECT_EQ(KingsDay(2030), Day(2030, 4, 27));
}

TEST(DutchHolidaysTest, Year2026) {
  EXPECT_THAT(DutchHolidays(2026, 2026),
              ElementsAre(Holiday{"Oud en nieuw", Day(2025, 12, 31), Day(2026, 1, 1)},
                          Holiday{"Carnaval", Day(2026, 2, 15), Day(2026, 2, 17)},
                          Holiday{"Pasen", Day(2026, 4, 5), Day(2026, 4, 6)},
                          Holiday{"Koningsdag", Day(2026, 4, 27), Day(2026, 4, 27)},
                          Holiday{"Hemelvaart", Day(2026, 5, 14), Day(2026, 5, 14)},
                          Holiday{"Pinksteren", Day(2026, 5, 24), Day(2026, 5, 25)},
                          Holiday{"Kerst", Day(2026, 12, 24), Day(2026, 12, 26)},
                          Holiday{"Oud en nieuw", Day(2026, 12, 31), Day(2027, 1, 1)}));
}

TEST(DutchHolidaysTest, Year2027) {
  EXPECT_THAT(DutchHolidays(2027, 2027),
              ElementsAre(Holiday{"Oud en nieuw", Day(2026, 12, 31), Day(2027, 1, 1)},
                          Holiday{"Carnaval", Day(2027, 2, 7), Day(2027, 2, 9)},
                          Holiday{"Pasen", Day(2027, 3, 28), Day(2027, 3, 29)},
                          Holiday{"Koningsdag", Day(2027, 4, 27), Day(2027, 4, 27)},
                          Holiday{"Hemelvaart", Day(2027, 5, 6), Day(2027, 5, 6)},
                          Holiday{"Pinksteren", Day(2027, 5, 16), Day(2027, 5, 17)},
                          Holiday{"Kerst", Day(2027, 12, 24), Day(2027, 12, 26)},
                          Holiday{"Oud en nieuw", Day(2027, 12, 31), Day(2028, 1, 1)}));
}

TEST(DutchHolidaysTest, CarnivalEndsTheDayBeforeAshWednesday) {
  for (int year = 2020; year <= 2040; ++year) {
    const std::vector<Holiday> list = DutchHolidays(year, year);
    ASSERT_EQ(list[1].name, "Carnaval");
    EXPECT_EQ(absl::GetWeekday(list[1].first), absl::Weekday::sunday) << year;
    EXPECT_EQ(absl::GetWeekday(list[1].last), absl::Weekday::tuesday) << year;
    EXPECT_EQ(list[1].last + 1, list[2].first - 46) << year;  // Ash Wednesday
  }
}

TEST(DutchHolidaysTest, SeveralYearsShareOneNewYear) {
  const std::vector<Holiday> list = DutchHolidays(2026, 2027);
  ASSERT_EQ(list.size(), 15u);
  int new_years = 0;
  for (const Holiday& h : list) new_years += h.name == "Oud en nieuw";
  EXPECT_EQ(new_years, 3);  // 2025/26, 2026/27, 2027/28
  for (size_t i = 1; i < list.size(); ++i) EXPECT_LE(list[i - 1].first, list[i].first);
  EXPECT_THAT(DutchHolidays(2027, 2026), IsEmpty());
}

TEST(ValidateHolidaysTest, RefusesBadEntriesNamingThem) {
  EXPECT_TRUE(ValidateHolidays(DutchHolidays(2026, 2030)).ok());
  struct Case {
    Holiday holiday;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"", Day(2026, 1, 1), Day(2026, 1, 1)},
            "holiday 1 ('', 2026-01-01 - 2026-01-01) has no name"},
           {{"Kerst", Day(2026, 12, 26), Day(2026, 12, 24)},
            "'Kerst', 2026-12-26 - 2026-12-24) ends before it starts"},
           {{"Zomer", Day(2026, 7, 1), Day(2026, 9, 30)}, "is longer than 62 days"}}) {
    const absl::Status s = ValidateHolidays({c.holiday});
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr(c.message));
  }
}

TEST(HolidaysOverlappingTest, WeeklySlotsAroundChristmas2026) {
  const std::vector<Holiday> holidays = DutchHolidays(2026, 2027);
  const absl::TimeZone zone = Amsterdam();
  // Monday 21 December 09:00 - Monday 28 December 09:00 covers 24-26 December.
  EXPECT_THAT(HolidaysOverlapping({Local(2026, 12, 21, 9), Local(2026, 12, 28, 9)}, zone, holidays),
              ElementsAre("Kerst"));
  // 28 December - 4 January covers New Year's Eve and New Year's Day.
  EXPECT_THAT(HolidaysOverlapping({Local(2026, 12, 28, 9), Local(2027, 1, 4, 9)}, zone, holidays),
              ElementsAre("Oud en nieuw"));
  EXPECT_THAT(HolidaysOverlapping({Local(2026, 12, 14, 9), Local(2026, 12, 21, 9)}, zone, holidays),
              IsEmpty());
}

TEST(HolidaysOverlappingTest, EndIsExclusiveAndDatesAreLocal) {
  const std::vector<Holiday> kings = {{"Koningsdag", Day(2026, 4, 27), Day(2026, 4, 27)}};
  const absl::TimeZone zone = Amsterdam();
  // Ends at local midnight when King's Day begins: does not touch it.
  EXPECT_THAT(HolidaysOverlapping({Local(2026, 4, 20, 0), Local(2026, 4, 27, 0)}, zone, kings),
              IsEmpty());
  // One minute into King's Day does.
  EXPECT_THAT(HolidaysOverlapping({Local(2026, 4, 20, 0), Local(2026, 4, 27, 0, 1)}, zone, kings),
              ElementsAre("Koningsdag"));
  // 26 April 23:00 UTC is already 27 April 01:00 in Amsterdam (summer time).
  const absl::Time t =
      absl::FromCivil(absl::CivilSecond(2026, 4, 26, 23, 0, 0), absl::UTCTimeZone());
  EXPECT_THAT(HolidaysOverlapping({t, t + absl::Hours(1)}, zone, kings), ElementsAre("Koningsdag"));
  EXPECT_THAT(HolidaysOverlapping({t, t + absl::Hours(1)}, absl::UTCTimeZone(), kings), IsEmpty());
}

}  // namespace
}  // namespace paraat::roster::solver
