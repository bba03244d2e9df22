// SPDX-License-Identifier: EUPL-1.2
// A validated roster problem with everything the rules and the objective need computed once:
// zones, rest ends, holiday slots, availability and expected shares. Shared by the solver,
// the objective and the fairness report so that all three read the rules the same way.
#ifndef PARAAT_COMMON_ROSTER_SOLVER_PREPARED_H_
#define PARAAT_COMMON_ROSTER_SOLVER_PREPARED_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/roster/rest.h"
#include "common/roster/solver/problem.h"

namespace paraat::roster::solver {

struct PreparedPool {
  absl::TimeZone zone;
  int rest_days = 0;                                    // min_rest_shifts * shift_days civil days
  int comfort = 0;                                      // ComfortableRest()
  std::vector<absl::Time> slot_rest_end;                // per slot: RestEnd of its end
  std::vector<absl::Time> context_rest_end;             // per context duty
  std::vector<std::vector<std::string>> slot_holidays;  // per slot: holidays it overlaps
  absl::flat_hash_map<std::string, int> member_index;
  // Slots counted for fairness: free, or fixed to a member.
  int counted_slots = 0;
  int counted_holiday_slots = 0;
  // Per member (index in PoolProblem::members).
  std::vector<int> available;    // slots without leave at any instant
  std::vector<double> expected;  // counted_slots * available / sum(available)
  std::vector<double> expected_holiday;
  std::vector<int64_t> share_scaled;  // round(kShareDenominator * expected)
  std::vector<int64_t> holiday_share_scaled;

  bool IsHoliday(int slot) const { return !slot_holidays[slot].empty(); }
};

class PreparedProblem {
 public:
  // Validates `problem` (ValidateProblem) and computes the derived values. `problem` must
  // outlive the result.
  [[nodiscard]] static absl::StatusOr<PreparedProblem> Prepare(const RosterProblem& problem);

  const RosterProblem& problem() const { return *problem_; }
  const PreparedPool& pool(int p) const { return pools_[p]; }
  int num_pools() const { return static_cast<int>(pools_.size()); }

  // The first leave of `person` that overlaps `interval`, or nullptr.
  const Leave* LeaveDuring(absl::string_view person, const Interval& interval) const;

  // Sum of the weights of `person`'s "would like" (like) and "rather not" (dislike, as a
  // positive number) preferences whose interval overlaps `interval`.
  void PreferenceWeights(absl::string_view person, const Interval& interval, int64_t* like,
                         int64_t* dislike) const;

 private:
  const RosterProblem* problem_ = nullptr;
  std::vector<PreparedPool> pools_;
  absl::flat_hash_map<std::string, std::vector<int>> leave_by_person_;
  absl::flat_hash_map<std::string, std::vector<int>> preferences_by_person_;
};

// Whether two duties of one person break the rest rule: neither starts at or after the end
// of the other's rest (overlapping duties always do).
inline bool TooClose(const Interval& a, absl::Time a_rest_end, const Interval& b,
                     absl::Time b_rest_end) {
  return !(b.start >= a_rest_end || a.start >= b_rest_end);
}

// The spacing windows of a pool with `num_slots` slots: every run of comfort+1 consecutive
// slot positions (positions outside the horizon hold no duty), clipped to the horizon, as
// (first, last, multiplicity). Windows that cannot hold two slots are left out; empty when
// comfort <= min_rest.
struct SpacingWindow {
  int first = 0;
  int last = 0;
  int multiplicity = 0;
};
std::vector<SpacingWindow> SpacingWindows(int num_slots, int comfort, int min_rest);

// The penalty of one person's duty slots (sorted indices) over those windows.
int64_t SpacingPenalty(const std::vector<int>& duty_slots,
                       const std::vector<SpacingWindow>& windows);

// (kShareDenominator * count - share_scaled)^2: one member's fairness penalty.
inline int64_t SharePenalty(int64_t count, int64_t share_scaled) {
  const int64_t d = count * kShareDenominator - share_scaled;
  return d * d;
}

// The objective terms of pool `p` when `row` (one person per slot, "" = unfilled) is on duty.
struct PoolTerms {
  int64_t duty_scaled = 0;
  int64_t holiday_scaled = 0;
  int64_t spacing = 0;
  int64_t preferences = 0;
};
PoolTerms PoolObjective(const PreparedProblem& prepared, int p,
                        const std::vector<std::string>& row);

}  // namespace paraat::roster::solver

#endif  // PARAAT_COMMON_ROSTER_SOLVER_PREPARED_H_
