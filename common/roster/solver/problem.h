// SPDX-License-Identifier: EUPL-1.2
// The roster problem the solver works on: pools with their duty slots over a horizon,
// members, fixed duties, leave, preferences and holidays; a roster for it (an assignment);
// the hard rules and the objective, both written out so that any roster, generated or not,
// can be checked and scored the same way. docs/roster-solver.md states the rules.
#ifndef PARAAT_COMMON_ROSTER_SOLVER_PROBLEM_H_
#define PARAAT_COMMON_ROSTER_SOLVER_PROBLEM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/directory/directory.h"
#include "common/roster/roster.h"
#include "common/roster/solver/holidays.h"
#include "common/time/civil.h"

namespace paraat::roster::solver {

// Expected shares are rounded to 1/kShareDenominator of a duty in the objective, so that the
// fairness term is an integer multiple of 1/kShareDenominator^2 (docs/roster-solver.md).
inline constexpr int kShareDenominator = 20;

// Limits that keep a model within what one solve can handle.
inline constexpr int kMaxPools = 200;
inline constexpr int kMaxSlotsPerPool = 1000;
inline constexpr int kMaxMembersPerPool = 1000;
inline constexpr int kMaxPreferenceWeight = 100;

// comfortable_rest_shifts value meaning "the pool's default" (ComfortableRest()).
inline constexpr int kDefaultComfortableRest = -1;

// One duty slot of a pool in the horizon.
struct Slot {
  Interval interval;
  // Non-empty: this person keeps the slot (a published shift, or every slot of a pool that
  // is not being planned). The person need not be a member any more.
  std::string fixed_person;
};

// A duty that is not a slot but still limits rest and overlap: a roster duty just before or
// after the horizon, or one on top of the roster inside it (an override, the part an approved
// swap gives someone). Nobody is planned into a slot that overlaps it or lies in its rest.
struct ContextDuty {
  std::string person;
  Interval interval;
};

struct PoolProblem {
  std::string key;
  std::string time_zone = std::string(time::kDefaultZone);
  int shift_days = 7;       // length of one duty in civil days (sets the rest length)
  int min_rest_shifts = 1;  // hard: free shifts between two duties of one person
  // Soft: two duties of one person with fewer free slots between them than this are
  // penalised (tier 2). kDefaultComfortableRest: ComfortableRest().
  int comfortable_rest_shifts = kDefaultComfortableRest;
  std::vector<std::string> members;  // person keys, qualification already checked
  std::vector<Slot> slots;           // the horizon, in time order, not overlapping
  std::vector<ContextDuty> context;  // not slots; not counted for fairness
};

// A person's wish about being on duty during `interval` (any pool, any overlapping slot).
struct Preference {
  std::string person;
  Interval interval;
  // 1..kMaxPreferenceWeight: would like to be on duty then; -kMaxPreferenceWeight..-1:
  // would rather not.
  int weight = 0;
};

struct RosterProblem {
  std::vector<PoolProblem> pools;
  std::vector<Leave> leave;  // Leave::person and Leave::interval are used
  std::vector<Preference> preferences;
  std::vector<Holiday> holidays;  // DutchHolidays() or an administrator's edited list
};

// A roster for a problem: person[p][s] is on duty in slot s of pool p; "" = unfilled.
struct Assignment {
  std::vector<std::vector<std::string>> person;

  friend bool operator==(const Assignment& a, const Assignment& b) { return a.person == b.person; }
};

// A duty that stays as it is while its pool is planned (published, begun, changed by a swap,
// or any duty of a pool not being planned).
struct StayingDuty {
  std::string person;
  Interval interval;
};

// The slots of a pool over the span of `pattern` (its duty slots by the pool's handover, in
// time order) around the duties that stay: each duty in `fixed` that overlaps the span is a
// slot of its holder, as long as that duty is. With `fill`, the time between them is cut at
// the handovers of `pattern` into free slots, a piece shorter than half a duty joining the
// piece next to it: a duty that stays and ends off the pattern (the handover moved since it
// was made) leaves no gap, and none is planned on top of it.
std::vector<Slot> LaySlots(const std::vector<Interval>& pattern, std::vector<StayingDuty> fixed,
                           bool fill);

// A pool of the directory over `weeks` weeks from the first handover on or after `from`,
// every slot free. INVALID_ARGUMENT as DutySlots().
[[nodiscard]] absl::StatusOr<PoolProblem> PoolProblemFor(const directory::Pool& pool,
                                                         absl::CivilDay from, int weeks);

// The comfortable distance used for spacing: comfortable_rest_shifts when set, else
// (members - 1) / 2 (half of what a plain rotation gives everybody), never below
// min_rest_shifts.
int ComfortableRest(const PoolProblem& pool);

// INVALID_ARGUMENT naming the problem: unknown zone, ranges, empty or duplicate keys,
// slots out of order or overlapping, a context duty overlapping a slot, bad intervals,
// preference weights out of range, bad holidays, limits exceeded.
[[nodiscard]] absl::Status ValidateProblem(const RosterProblem& problem);

// The roster made of the fixed slots only (free slots unfilled).
Assignment FixedAssignment(const RosterProblem& problem);

// INVALID_ARGUMENT unless `a` has one entry per slot of each pool and keeps every fixed slot.
[[nodiscard]] absl::Status ValidateAssignment(const RosterProblem& problem, const Assignment& a);

// The shifts to store as drafts: every filled slot that was not fixed, in pool order.
std::vector<RosterShift> DraftShifts(const RosterProblem& problem, const Assignment& a);

// Hard rules (docs/roster-solver.md, "Hard rules").
enum class RuleKind {
  kUnfilled,   // a slot without a person
  kNotMember,  // a free slot given to someone who is not a member of the pool
  kOnLeave,    // a duty while on leave
  kTooClose,   // two duties of one person overlap or the second starts inside the rest
               // after the first
};
absl::string_view RuleKindName(RuleKind kind);

struct Violation {
  RuleKind kind;
  std::string pool;
  int slot = -1;  // index in the pool's slots
  std::string person;
  bool only_fixed_duties = false;  // every duty involved is fixed or context: not the solver's
  std::string message;             // names pool, slot, person and the other duty or leave
};

// Every hard rule `a` breaks. INVALID_ARGUMENT when the problem or the assignment is invalid.
[[nodiscard]] absl::StatusOr<std::vector<Violation>> CheckHardRules(const RosterProblem& problem,
                                                                    const Assignment& a);

// The objective of docs/roster-solver.md, tier by tier. Lower is better in every tier; the
// tiers are compared lexicographically: fairness, then spacing, then preferences.
struct ObjectiveTerms {
  // Tier 1, in kShareDenominator^2 units: sum over pools p and members m of
  // (Q*duties - round(Q*E))^2 + (Q*holiday_duties - round(Q*H))^2, Q = kShareDenominator.
  int64_t fairness_scaled = 0;
  double fairness = 0;          // fairness_scaled / Q^2: squared deviations in duties^2
  double duty_fairness = 0;     // the duty part of `fairness`
  double holiday_fairness = 0;  // the holiday part of `fairness`
  // Tier 2: sum over pools and members of the excess duties in every window of
  // ComfortableRest()+1 consecutive slots (0 when that is not above min_rest_shifts).
  int64_t spacing = 0;
  // Tier 3: weight of every "rather not" preference of a member on a slot they have, plus
  // every "would like" preference of a member on a slot of their pool they do not have.
  int64_t preferences = 0;

  friend bool operator==(const ObjectiveTerms& a, const ObjectiveTerms& b) {
    return a.fairness_scaled == b.fairness_scaled && a.spacing == b.spacing &&
           a.preferences == b.preferences;
  }
};

// Scores any roster of `problem` (unfilled slots count as nobody's duty).
[[nodiscard]] absl::StatusOr<ObjectiveTerms> EvaluateObjective(const RosterProblem& problem,
                                                               const Assignment& a);

class PreparedProblem;

// EvaluateObjective for many rosters of one problem, which is validated and prepared once.
// Copyable; thread-compatible.
class ObjectiveEvaluator {
 public:
  // INVALID_ARGUMENT as ValidateProblem. `problem` must outlive the evaluator.
  [[nodiscard]] static absl::StatusOr<ObjectiveEvaluator> Create(const RosterProblem& problem);

  // INVALID_ARGUMENT as ValidateAssignment.
  [[nodiscard]] absl::StatusOr<ObjectiveTerms> Evaluate(const Assignment& a) const;

 private:
  explicit ObjectiveEvaluator(std::shared_ptr<const PreparedProblem> prepared)
      : prepared_(std::move(prepared)) {}
  std::shared_ptr<const PreparedProblem> prepared_;
};

}  // namespace paraat::roster::solver

#endif  // PARAAT_COMMON_ROSTER_SOLVER_PROBLEM_H_
