// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/prepared.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::roster::solver {

absl::StatusOr<PreparedProblem> PreparedProblem::Prepare(const RosterProblem& problem) {
  PARAAT_RETURN_IF_ERROR(ValidateProblem(problem));
  PreparedProblem out;
  out.problem_ = &problem;
  for (size_t i = 0; i < problem.leave.size(); ++i) {
    out.leave_by_person_[problem.leave[i].person].push_back(static_cast<int>(i));
  }
  for (size_t i = 0; i < problem.preferences.size(); ++i) {
    out.preferences_by_person_[problem.preferences[i].person].push_back(static_cast<int>(i));
  }
  out.pools_.resize(problem.pools.size());
  for (size_t p = 0; p < problem.pools.size(); ++p) {
    const PoolProblem& in = problem.pools[p];
    PreparedPool& pool = out.pools_[p];
    PARAAT_ASSIGN_OR_RETURN(pool.zone, time::LoadZone(in.time_zone, "time_zone"));
    pool.rest_days = in.min_rest_shifts * in.shift_days;
    pool.comfort = ComfortableRest(in);
    for (const Slot& slot : in.slots) {
      pool.slot_rest_end.push_back(RestEnd(slot.interval.end, pool.zone, pool.rest_days));
      pool.slot_holidays.push_back(HolidaysOverlapping(slot.interval, pool.zone, problem.holidays));
    }
    for (const ContextDuty& duty : in.context) {
      pool.context_rest_end.push_back(RestEnd(duty.interval.end, pool.zone, pool.rest_days));
    }
    for (size_t m = 0; m < in.members.size(); ++m) {
      pool.member_index[in.members[m]] = static_cast<int>(m);
    }
    const size_t n = in.members.size();
    pool.available.assign(n, 0);
    for (size_t s = 0; s < in.slots.size(); ++s) {
      const Slot& slot = in.slots[s];
      if (slot.fixed_person.empty() || pool.member_index.contains(slot.fixed_person)) {
        ++pool.counted_slots;
        if (pool.IsHoliday(static_cast<int>(s))) ++pool.counted_holiday_slots;
      }
      for (size_t m = 0; m < n; ++m) {
        if (out.LeaveDuring(in.members[m], slot.interval) == nullptr) ++pool.available[m];
      }
    }
    int64_t total_available = 0;
    for (int a : pool.available) total_available += a;
    pool.expected.assign(n, 0.0);
    pool.expected_holiday.assign(n, 0.0);
    pool.share_scaled.assign(n, 0);
    pool.holiday_share_scaled.assign(n, 0);
    for (size_t m = 0; m < n; ++m) {
      if (total_available > 0) {
        const double fraction = static_cast<double>(pool.available[m]) / total_available;
        pool.expected[m] = pool.counted_slots * fraction;
        pool.expected_holiday[m] = pool.counted_holiday_slots * fraction;
      }
      pool.share_scaled[m] = std::llround(pool.expected[m] * kShareDenominator);
      pool.holiday_share_scaled[m] = std::llround(pool.expected_holiday[m] * kShareDenominator);
    }
  }
  return out;
}

const Leave* PreparedProblem::LeaveDuring(absl::string_view person,
                                          const Interval& interval) const {
  auto it = leave_by_person_.find(person);
  if (it == leave_by_person_.end()) return nullptr;
  for (int i : it->second) {
    if (problem_->leave[i].interval.Overlaps(interval)) return &problem_->leave[i];
  }
  return nullptr;
}

void PreparedProblem::PreferenceWeights(absl::string_view person, const Interval& interval,
                                        int64_t* like, int64_t* dislike) const {
  *like = 0;
  *dislike = 0;
  auto it = preferences_by_person_.find(person);
  if (it == preferences_by_person_.end()) return;
  for (int i : it->second) {
    const Preference& pref = problem_->preferences[i];
    if (!pref.interval.Overlaps(interval)) continue;
    if (pref.weight > 0) {
      *like += pref.weight;
    } else {
      *dislike -= pref.weight;
    }
  }
}

std::vector<SpacingWindow> SpacingWindows(int num_slots, int comfort, int min_rest) {
  std::vector<SpacingWindow> out;
  if (comfort <= min_rest || num_slots < 2) return out;
  const int length = comfort + 1;
  // Windows start at every position from -(length - 2) (the first that still holds two
  // slots of the horizon) to num_slots - 2; clipping makes some identical, which the
  // multiplicity keeps.
  std::map<std::pair<int, int>, int> count;
  for (int a = -(length - 2); a <= num_slots - 2; ++a) {
    const int first = std::max(a, 0);
    const int last = std::min(a + length - 1, num_slots - 1);
    if (last - first >= 1) ++count[{first, last}];
  }
  for (const auto& [range, multiplicity] : count) {
    out.push_back({range.first, range.second, multiplicity});
  }
  return out;
}

int64_t SpacingPenalty(const std::vector<int>& duty_slots,
                       const std::vector<SpacingWindow>& windows) {
  int64_t total = 0;
  for (const SpacingWindow& w : windows) {
    const auto lo = std::lower_bound(duty_slots.begin(), duty_slots.end(), w.first);
    const auto hi = std::upper_bound(duty_slots.begin(), duty_slots.end(), w.last);
    const int64_t in_window = hi - lo;
    if (in_window > 1) total += (in_window - 1) * w.multiplicity;
  }
  return total;
}

PoolTerms PoolObjective(const PreparedProblem& prepared, int p,
                        const std::vector<std::string>& row) {
  const PoolProblem& pool = prepared.problem().pools[p];
  const PreparedPool& pp = prepared.pool(p);
  const size_t n = pool.members.size();
  PoolTerms out;
  std::vector<int64_t> duties(n, 0);
  std::vector<int64_t> holidays(n, 0);
  std::vector<std::vector<int>> slots_of(n);
  for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
    const std::string& person = row[s];
    auto it = pp.member_index.find(person);
    if (it != pp.member_index.end()) {
      ++duties[it->second];
      if (pp.IsHoliday(s)) ++holidays[it->second];
      slots_of[it->second].push_back(s);
    }
    // Preferences of every member of the pool, on this slot or not.
    for (size_t m = 0; m < n; ++m) {
      int64_t like = 0;
      int64_t dislike = 0;
      prepared.PreferenceWeights(pool.members[m], pool.slots[s].interval, &like, &dislike);
      out.preferences += person == pool.members[m] ? dislike : like;
    }
  }
  const std::vector<SpacingWindow> windows =
      SpacingWindows(static_cast<int>(pool.slots.size()), pp.comfort, pool.min_rest_shifts);
  for (size_t m = 0; m < n; ++m) {
    out.duty_scaled += SharePenalty(duties[m], pp.share_scaled[m]);
    out.holiday_scaled += SharePenalty(holidays[m], pp.holiday_share_scaled[m]);
    out.spacing += SpacingPenalty(slots_of[m], windows);
  }
  return out;
}

}  // namespace paraat::roster::solver
