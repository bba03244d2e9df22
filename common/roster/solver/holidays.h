// SPDX-License-Identifier: EUPL-1.2
// The holiday calendar of the roster solver: named ranges of civil dates an administrator
// edits, the default Dutch list, and whether a duty slot is a holiday duty.
#ifndef PARAAT_COMMON_ROSTER_SOLVER_HOLIDAYS_H_
#define PARAAT_COMMON_ROSTER_SOLVER_HOLIDAYS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/roster/roster.h"

namespace paraat::roster::solver {

// A holiday: the civil dates `first` to `last`, both included, e.g. Kerst 24-26 December.
// Dates are read in each pool's own time zone.
struct Holiday {
  std::string name;
  absl::CivilDay first;
  absl::CivilDay last;

  friend bool operator==(const Holiday& a, const Holiday& b) {
    return a.name == b.name && a.first == b.first && a.last == b.last;
  }
};

// Longest holiday range accepted, in days (carnival and Christmas are 3; a school holiday
// an administrator adds may be a few weeks).
inline constexpr int kMaxHolidayDays = 62;

// Koningsdag: 27 April, or 26 April when the 27th is a Sunday.
absl::CivilDay KingsDay(int year);

// The default Dutch list for the years `first_year`..`last_year`, in date order:
//   Oud en nieuw  31 Dec (year - 1) - 1 Jan
// with Easter from roster::EasterSundayOf (common/roster/public_holidays.h):
//   Carnaval      Sunday - Tuesday before Ash Wednesday (Easter - 49 .. Easter - 47)
//   Pasen         Easter Sunday - Easter Monday
//   Koningsdag    KingsDay(year)
//   Hemelvaart    Easter + 39 (Thursday)
//   Pinksteren    Easter + 49 - Easter + 50 (Sunday - Monday)
//   Kerst         24 - 26 Dec
// and "Oud en nieuw" of 31 Dec `last_year` - 1 Jan (`last_year` + 1), so a horizon that ends
// in the last year covers its New Year's Eve. Empty when last_year < first_year.
std::vector<Holiday> DutchHolidays(int first_year, int last_year);

// INVALID_ARGUMENT naming the entry when a name is empty, `last` is before `first`, or a
// range is longer than kMaxHolidayDays.
[[nodiscard]] absl::Status ValidateHolidays(const std::vector<Holiday>& holidays);

// The names of the holidays a slot overlaps: some instant of `slot` falls on one of the
// holiday's dates in `zone`. Empty when the slot is not a holiday duty.
std::vector<std::string> HolidaysOverlapping(const Interval& slot, absl::TimeZone zone,
                                             const std::vector<Holiday>& holidays);

}  // namespace paraat::roster::solver

#endif  // PARAAT_COMMON_ROSTER_SOLVER_HOLIDAYS_H_
