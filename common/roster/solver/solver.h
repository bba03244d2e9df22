// SPDX-License-Identifier: EUPL-1.2
// The roster solver: fills every free slot of a RosterProblem with a member so that the hard
// rules hold and the objective (fairness, then spacing, then preferences) is as low as it can
// be, with CBC; says how good the result is, or which slots cannot be filled and why.
// Pure: no I/O besides CBC in memory. docs/roster-solver.md describes the model.
#ifndef PARAAT_COMMON_ROSTER_SOLVER_SOLVER_H_
#define PARAAT_COMMON_ROSTER_SOLVER_SOLVER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/roster/roster.h"
#include "common/roster/solver/problem.h"

namespace paraat::roster::solver {

struct SolveOptions {
  // Wall time for the whole solve. Spent on independent groups of pools in proportion to
  // their size; within a group at most 60% goes to the fairness stage. A very large model
  // can overrun it by CBC's first LP (docs/roster-solver.md, section 5).
  absl::Duration time_budget = absl::Seconds(25);
};

enum class SolveStatus {
  kOptimal,     // every stage proven optimal
  kFeasible,    // every slot filled, the hard rules hold; some stage stopped at the budget
  kInfeasible,  // the hard rules cannot all hold: see SolveResult::unfillable
};
absl::string_view SolveStatusName(SolveStatus status);

// One stage for one group of pools: a CBC run, or a stage decided without one (then
// columns, rows, nodes and time are 0).
struct StageReport {
  enum class Stage {
    kFairness,            // tier 1 in duties^2 (ObjectiveTerms::fairness)
    kSpacingPreferences,  // tiers 2 and 3: tier2_weight * spacing + preferences
    kFillMost,            // infeasible input: the fewest unfilled slots
  };
  Stage stage = Stage::kFairness;
  std::vector<std::string> pools;  // the group's pool keys
  bool proven_optimal = false;
  bool proven_infeasible = false;  // kFairness: the hard rules cannot all hold
  double objective = 0;            // of the roster kept, in the stage's unit, constants included
  double best_bound = 0;           // CBC's best possible objective, same unit, rounded up to
                                   // a whole unit (the tiers are integers)
  double relative_gap = 0;         // (objective - best_bound) / max(1, |objective|)
  int64_t tier2_weight = 0;        // kSpacingPreferences: the weight of one unit of spacing
  int columns = 0;
  int rows = 0;
  int nodes = 0;
  absl::Duration time;
};
absl::string_view StageName(StageReport::Stage stage);

// Why one member cannot take a slot.
enum class BlockReason {
  kOnLeave,            // leave overlaps the slot
  kOnDutySameTime,     // another duty overlaps the slot
  kRestingAfterDuty,   // the slot starts inside the rest after an earlier duty
  kRestingBeforeDuty,  // the rest after the slot would run into a later duty
};
absl::string_view BlockReasonName(BlockReason reason);

struct Blocker {
  std::string person;
  BlockReason reason = BlockReason::kOnLeave;
  Interval interval;  // the leave, or the other duty
  std::string pool;   // the other duty's pool ("" for leave)
  int slot = -1;      // the other duty's slot in that pool; -1: leave or context duty
  // The other duty is fixed (published, another pool's, or outside the horizon). False: it is
  // a duty the solver needs this person for to fill another slot.
  bool fixed = true;
  std::string leave_reason;  // kOnLeave: Leave::reason
};

struct UnfillableSlot {
  int pool = 0;  // index in RosterProblem::pools
  std::string pool_key;
  int slot = 0;
  Interval interval;
  // True when some member could take this slot on its own: it is unfillable only together
  // with other slots (the blockers then include duties the solver gave to fill those).
  bool has_candidates = false;
  std::vector<Blocker> blockers;  // every member of the pool, in member order
  std::string explanation;        // one line per member, from `blockers`
};

struct SolveResult {
  SolveStatus status = SolveStatus::kInfeasible;
  // The roster: every slot filled (kOptimal, kFeasible), or as many as possible with the
  // rest "" (kInfeasible). Fixed slots keep their person.
  Assignment assignment;
  ObjectiveTerms objective;  // EvaluateObjective(problem, assignment)
  std::vector<StageReport> stages;
  double relative_gap = 0;  // largest relative gap of any stage; 0 when optimal
  // kInfeasible: a set of slots that cannot be filled together with the others, with reasons.
  std::vector<UnfillableSlot> unfillable;
  bool unfillable_minimal = false;  // the set is proven to be as small as possible
  // Hard rules broken among fixed duties alone (kept as they are; not the solver's doing).
  std::vector<Violation> fixed_conflicts;
  int groups = 0;  // independent groups of pools (no shared member)
  absl::Duration solve_time;
};

// Solves `problem`. INVALID_ARGUMENT for an invalid problem (ValidateProblem);
// DEADLINE_EXCEEDED when the budget ran out before any roster was found; INTERNAL when CBC
// fails. An input whose hard rules cannot all hold is not an error: status kInfeasible.
[[nodiscard]] absl::StatusOr<SolveResult> SolveRoster(const RosterProblem& problem,
                                                      const SolveOptions& options = {});

}  // namespace paraat::roster::solver

#endif  // PARAAT_COMMON_ROSTER_SOLVER_SOLVER_H_
