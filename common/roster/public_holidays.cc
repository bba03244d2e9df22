// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/public_holidays.h"

namespace paraat::roster {

absl::CivilDay EasterSundayOf(int year) {
  // Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return absl::CivilDay(year, month, day);
}

std::vector<PublicHoliday> DutchPublicHolidays(int first_year, int last_year) {
  std::vector<PublicHoliday> out;
  for (int year = first_year; year <= last_year; ++year) {
    const absl::CivilDay easter = EasterSundayOf(year);
    absl::CivilDay kings_day(year, 4, 27);
    if (absl::GetWeekday(kings_day) == absl::Weekday::sunday) kings_day -= 1;
    // In date order: Easter is 22 March - 25 April, so Koningsdag (26/27 April) always
    // follows Easter Monday, and Ascension (Easter + 39) may fall before or after 5 May.
    out.push_back({absl::CivilDay(year, 1, 1), "Nieuwjaarsdag"});
    out.push_back({easter, "Eerste Paasdag"});
    out.push_back({easter + 1, "Tweede Paasdag"});
    out.push_back({kings_day, "Koningsdag"});
    const PublicHoliday liberation{absl::CivilDay(year, 5, 5), "Bevrijdingsdag"};
    const PublicHoliday ascension{easter + 39, "Hemelvaartsdag"};
    if (ascension.day < liberation.day) {
      out.push_back(ascension);
      out.push_back(liberation);
    } else {
      out.push_back(liberation);
      out.push_back(ascension);
    }
    out.push_back({easter + 49, "Eerste Pinksterdag"});
    out.push_back({easter + 50, "Tweede Pinksterdag"});
    out.push_back({absl::CivilDay(year, 12, 25), "Eerste Kerstdag"});
    out.push_back({absl::CivilDay(year, 12, 26), "Tweede Kerstdag"});
  }
  return out;
}

}  // namespace paraat::roster
