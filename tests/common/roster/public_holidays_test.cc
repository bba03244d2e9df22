// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/public_holidays.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace paraat::roster {
namespace {

TEST(EasterSundayOf, KnownDates) {
  const struct {
    int year;
    absl::CivilDay easter;
  } cases[] = {
      {2024, absl::CivilDay(2024, 3, 31)}, {2025, absl::CivilDay(2025, 4, 20)},
      {2026, absl::CivilDay(2026, 4, 5)},  {2027, absl::CivilDay(2027, 3, 28)},
      {2038, absl::CivilDay(2038, 4, 25)},  // the latest possible date
      {2285, absl::CivilDay(2285, 3, 22)},  // the earliest possible date
  };
  for (const auto& c : cases) EXPECT_EQ(EasterSundayOf(c.year), c.easter) << c.year;
}

TEST(DutchPublicHolidays, The2027ListInDateOrder) {
  const std::vector<PublicHoliday> expected = {
      {absl::CivilDay(2027, 1, 1), "Nieuwjaarsdag"},
      {absl::CivilDay(2027, 3, 28), "Eerste Paasdag"},
      {absl::CivilDay(2027, 3, 29), "Tweede Paasdag"},
      {absl::CivilDay(2027, 4, 27), "Koningsdag"},
      {absl::CivilDay(2027, 5, 5), "Bevrijdingsdag"},
      {absl::CivilDay(2027, 5, 6), "Hemelvaartsdag"},
      {absl::CivilDay(2027, 5, 16), "Eerste Pinksterdag"},
      {absl::CivilDay(2027, 5, 17), "Tweede Pinksterdag"},
      {absl::CivilDay(2027, 12, 25), "Eerste Kerstdag"},
      {absl::CivilDay(2027, 12, 26), "Tweede Kerstdag"},
  };
  EXPECT_EQ(DutchPublicHolidays(2027, 2027), expected);
}

TEST(DutchPublicHolidays, KingsDayMovesOffASundayAndAscensionMayPrecedeLiberationDay) {
  const std::vector<PublicHoliday> y2025 = DutchPublicHolidays(2025, 2025);
  // 27 April 2025 is a Sunday.
  EXPECT_EQ(y2025[3], (PublicHoliday{absl::CivilDay(2025, 4, 26), "Koningsdag"}));
  // Easter 2038 is 25 April, so Ascension (3 June) follows 5 May; Easter 2008 was 23 March,
  // so Ascension (1 May) came first.
  const std::vector<PublicHoliday> y2008 = DutchPublicHolidays(2008, 2008);
  EXPECT_EQ(y2008[4], (PublicHoliday{absl::CivilDay(2008, 5, 1), "Hemelvaartsdag"}));
  EXPECT_EQ(y2008[5], (PublicHoliday{absl::CivilDay(2008, 5, 5), "Bevrijdingsdag"}));
  for (int year = 2000; year <= 2100; ++year) {
    const std::vector<PublicHoliday> list = DutchPublicHolidays(year, year);
    ASSERT_EQ(list.size(), 10u) << year;
    for (size_t i = 1; i < list.size(); ++i) EXPECT_LE(list[i - 1].day, list[i].day) << year;
  }
}

TEST(DutchPublicHolidays, EmptyForAReversedRangeAndTenAYear) {
  EXPECT_TRUE(DutchPublicHolidays(2028, 2027).empty());
  EXPECT_EQ(DutchPublicHolidays(2026, 2028).size(), 30u);
}

}  // namespace
}  // namespace paraat::roster
