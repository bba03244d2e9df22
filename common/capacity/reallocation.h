// SPDX-License-Identifier: EUPL-1.2
// Proposals for one crisis week: which ambitions give up hours where, who lends to whom.
//
// Propose() turns a validated CapacityInput into a ReallocationPlan by solving a sequence
// of linear programs with COIN-OR CLP (the exact LPs, stage order and tolerances are in
// docs/capacity.md), one sequence per group of municipalities connected by allowed loans
// (normally a region). When the crisis demand cannot be met the plan still comes back,
// with the shortfall per municipality and an explanation read from the solution.
//
// Pure and reentrant: no state outside the call; each call owns its CLP models.

#ifndef PARAAT_COMMON_CAPACITY_REALLOCATION_H_
#define PARAAT_COMMON_CAPACITY_REALLOCATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/capacity/lp_model.h"
#include "common/capacity/model.h"

namespace paraat::capacity {

enum class Policy {
  // Rank decides, across lenders too: shortfall, then overtime, then hours given up tier by
  // tier from the most protected down; the loan cost breaks ties.
  kPriority,
  // Max-min fairness tier by tier: every municipality keeps the largest equal share of its
  // plan for the tier; then hours given up, then the loan cost.
  kEqualShare,
};

// "priority", "equal-share".
[[nodiscard]] absl::string_view PolicyName(Policy policy);
// INVALID_ARGUMENT for anything but the two names above.
[[nodiscard]] absl::StatusOr<Policy> ParsePolicy(absl::string_view name);

struct ProposeOptions {
  // Keep every stage's LP and CLP's solution in Stage::lp (tests, audits). Costs a copy of
  // the LP per stage; off by default.
  bool keep_stage_lps = false;
};

// Hours are hours a week throughout. Values within the solution's numerical noise of a
// bound are reported as the bound, others rounded to a micro-hour (docs/capacity.md, 6).

struct AmbitionOutcome {
  std::string municipality;
  std::string ambition;
  double planned_hours = 0.0;
  double floor_hours = 0.0;
  double kept_hours = 0.0;      // in [floor_hours, planned_hours], always
  double given_up_hours = 0.0;  // planned_hours - kept_hours
  double share_kept = 1.0;      // kept / planned; 1 when nothing is planned
};

struct Loan {
  std::string lender;
  std::string borrower;
  double hours = 0.0;
  double cost_per_hour = 0.0;  // relative to a local hour
  double cost = 0.0;           // hours * cost_per_hour
};

struct MunicipalityOutcome {
  std::string municipality;
  double fte = 0.0;
  double available_hours = 0.0;
  double planned_hours = 0.0;
  double kept_hours = 0.0;
  double given_up_hours = 0.0;
  double share_kept = 1.0;
  double slack_hours = 0.0;  // available hours the plan leaves free: max(0, available - plan)
  double demand_hours = 0.0;
  double crisis_hours_own = 0.0;       // own staff on own crisis work
  double crisis_hours_borrowed = 0.0;  // other municipalities' staff on it
  double hours_lent = 0.0;
  double overtime_hours = 0.0;   // overtime beyond what the plan itself already needs
  double shortfall_hours = 0.0;  // demand not covered
  double unused_hours = 0.0;     // capacity neither kept, nor on crisis work, nor lent
  // Hours worked per FTE: the plan; the plan with the crisis simply added on top; and the
  // proposal (kept + own crisis work + lent).
  double workload_per_fte_before = 0.0;
  double workload_per_fte_crisis_on_top = 0.0;
  double workload_per_fte_after = 0.0;
};

struct AmbitionSummary {
  std::string ambition;
  double planned_hours = 0.0;
  double kept_hours = 0.0;
  double given_up_hours = 0.0;
  double share_kept = 1.0;
};

// One LP of the sequence.
struct Stage {
  // "priority: rank 5 (verbinding-samenleving)"; when the input has several groups of
  // municipalities connected by loans, the group's regions follow: "... [regio-3]".
  std::string name;
  std::string objective;       // what it optimises, in words
  bool maximise = false;       // the LP always minimises; maximised stages minimise -value
  double value = 0.0;          // the optimum, in the stage's own sense
  int iterations = 0;          // simplex iterations
  std::optional<SolvedLp> lp;  // with ProposeOptions::keep_stage_lps
};

// Why a municipality is short, read from the binding constraints of the final solution.
struct ShortfallExplanation {
  std::string municipality;
  double shortfall_hours = 0.0;
  bool all_ambitions_at_floor = false;
  std::vector<std::string> ambitions_above_floor;
  double overtime_limit_hours = 0.0;  // overtime the crisis may still claim
  bool overtime_at_limit = false;
  double hours_lent = 0.0;
  std::vector<std::string> allowed_lenders;
  std::vector<std::string> exhausted_lenders;
  std::vector<std::string> lenders_with_hours_left;
  // "heumen: 14 h/week short; all ambitions at their floor; no lender has hours left"
  std::string text;
};

struct ReallocationPlan {
  Policy policy = Policy::kPriority;
  std::string crisis;
  IsoWeek week;
  std::vector<AmbitionOutcome> allocations;         // municipality by municipality, input order
  std::vector<Loan> loans;                          // hours > 0 only
  std::vector<MunicipalityOutcome> municipalities;  // input order
  std::vector<AmbitionSummary> ambitions;           // input order
  std::vector<Stage> stages;                        // in solve order
  std::vector<ShortfallExplanation> shortfalls;     // municipalities short, input order
  double total_demand_hours = 0.0;
  double total_shortfall_hours = 0.0;
  double total_overtime_hours = 0.0;
  double total_hours_lent = 0.0;
  double total_loan_cost = 0.0;
};

// Validates `input` (see Validate()), then solves `policy`'s LPs. Errors: INVALID_ARGUMENT
// from Validate(); INTERNAL if CLP fails to prove an LP optimal (never expected: every
// stage LP is feasible and bounded by construction). Infeasible demand is not an error.
[[nodiscard]] absl::StatusOr<ReallocationPlan> Propose(const CapacityInput& input, Policy policy,
                                                       const ProposeOptions& options = {});

// A few lines for a decision entry in the crisis log: totals, hours given up per ambition,
// loans and shortfalls.
[[nodiscard]] std::string PlanSummary(const ReallocationPlan& plan);

}  // namespace paraat::capacity

#endif  // PARAAT_COMMON_CAPACITY_REALLOCATION_H_
