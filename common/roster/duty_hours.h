// SPDX-License-Identifier: EUPL-1.2
// Hours on duty per person for the piket allowance: weekday, weekend and holiday hours
// apart, counted in each pool's own civil time zone.
#ifndef PARAAT_COMMON_ROSTER_DUTY_HOURS_H_
#define PARAAT_COMMON_ROSTER_DUTY_HOURS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/roster/final_schedule.h"
#include "common/roster/public_holidays.h"

namespace paraat::roster {

// Time on duty of one person in one pool. Real elapsed time: a night across a DST change
// counts 1 hour less or more, as it was worked.
struct DutyHours {
  std::string person;
  std::string pool;
  absl::Duration weekday;  // Monday - Friday that are not holidays
  absl::Duration weekend;  // Saturday and Sunday that are not holidays
  absl::Duration holiday;  // public holidays, whatever the weekday

  absl::Duration total() const { return weekday + weekend + holiday; }
  friend bool operator==(const DutyHours& a, const DutyHours& b) {
    return a.person == b.person && a.pool == b.pool && a.weekday == b.weekday &&
           a.weekend == b.weekend && a.holiday == b.holiday;
  }
};

// The duty of every person in `schedules` (pool -> final schedule) within `window`, one
// entry per (person, pool) with any time on duty, ordered by person then pool. Each slice is
// clipped to the window and split at the local midnights of its pool's zone (`zones`; a
// pool missing there is counted in UTC); each piece counts as holiday when its civil date is
// in `holidays`, else as weekend on a Saturday or Sunday, else as weekday.
std::vector<DutyHours> ComputeDutyHours(
    const std::map<std::string, std::vector<DutySlice>>& schedules,
    const std::map<std::string, absl::TimeZone>& zones, const Interval& window,
    const std::vector<PublicHoliday>& holidays);

// The same summed over pools: one entry per person (pool empty), ordered by person.
std::vector<DutyHours> SumOverPools(const std::vector<DutyHours>& hours);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_DUTY_HOURS_H_
