// SPDX-License-Identifier: EUPL-1.2
// The Dutch public holidays that count as holiday hours for the piket allowance.
#ifndef PARAAT_COMMON_ROSTER_PUBLIC_HOLIDAYS_H_
#define PARAAT_COMMON_ROSTER_PUBLIC_HOLIDAYS_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace paraat::roster {

struct PublicHoliday {
  absl::CivilDay day;
  std::string name;

  friend bool operator==(const PublicHoliday& a, const PublicHoliday& b) {
    return a.day == b.day && a.name == b.name;
  }
};

// Easter Sunday of `year` in the Gregorian calendar (anonymous computus, Meeus), 1583..9999.
absl::CivilDay EasterSundayOf(int year);

// The Dutch public holidays of the years `first_year`..`last_year` in date order: the
// "algemeen erkende feestdagen" of the Algemene termijnenwet (Nieuwjaarsdag, Eerste en Tweede
// Paasdag, Koningsdag - 26 April when the 27th is a Sunday -, Hemelvaartsdag, Eerste en
// Tweede Pinksterdag, Eerste en Tweede Kerstdag) and Bevrijdingsdag (5 May) every year, as
// municipal collective agreements count it. Not Goede Vrijdag, Christmas Eve or New Year's
// Eve. Empty when last_year < first_year.
//
// This is the pay list; the roster solver keeps its own, wider list of holidays to share
// out fairly (common/roster/solver/holidays.h).
std::vector<PublicHoliday> DutchPublicHolidays(int first_year, int last_year);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_PUBLIC_HOLIDAYS_H_
