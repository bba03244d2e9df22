// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/solver.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/roster/solver/group_model.h"
#include "common/roster/solver/mip.h"
#include "common/roster/solver/prepared.h"
#include "common/status/status_macros.h"

namespace paraat::roster::solver {

absl::string_view SolveStatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kFeasible:
      return "feasible";
    case SolveStatus::kInfeasible:
      return "infeasible";
  }
  return "infeasible";
}

absl::string_view StageName(StageReport::Stage stage) {
  switch (stage) {
    case StageReport::Stage::kFairness:
      return "fairness";
    case StageReport::Stage::kSpacingPreferences:
      return "spacing and preferences";
    case StageReport::Stage::kFillMost:
      return "fill as many slots as possible";
  }
  return "fairness";
}

absl::string_view BlockReasonName(BlockReason reason) {
  switch (reason) {
    case BlockReason::kOnLeave:
      return "on leave";
    case BlockReason::kOnDutySameTime:
      return "on duty at the same time";
    case BlockReason::kRestingAfterDuty:
      return "resting after a duty";
    case BlockReason::kRestingBeforeDuty:
      return "resting before a duty";
  }
  return "on leave";
}

namespace {

// Share of a group's time that the fairness stage may use; the rest is for stage 2.
constexpr double kFairnessShareOfBudget = 0.6;
// A stage never gets less than this, even when the budget is spent: CBC returns at once with
// the MIP start, and infeasibility is still explained.
constexpr absl::Duration kMinimumStageTime = absl::Milliseconds(50);

// Stage 2 runs CBC only with at least this much time left.
constexpr absl::Duration kMinimumSecondStageTime = absl::Milliseconds(200);
// Share of stage 2's time that the local search may use before CBC starts.
constexpr double kLocalSearchShare = 0.3;

// CBC does not look at the clock while it solves the first LP, so it is started only with
// time for that: about 50 microseconds per column (measured on the benchmark's models).
absl::Duration LeastTimeFor(const Mip& mip) { return absl::Microseconds(50) * mip.num_columns(); }

double RelativeGap(double objective, double bound) {
  return std::max(0.0, objective - bound) / std::max(1.0, std::fabs(objective));
}

StageReport MakeReport(StageReport::Stage stage, const GroupModel& group, const Mip& mip,
                       const Mip::Result& r) {
  StageReport report;
  report.stage = stage;
  report.pools = group.PoolKeys();
  report.proven_optimal = r.outcome == Mip::Outcome::kOptimal;
  report.columns = mip.num_columns();
  report.rows = mip.num_rows();
  report.nodes = r.nodes;
  report.time = r.time;
  return report;
}

// Result of one group.
struct GroupOutcome {
  bool infeasible = false;
  bool all_proven = true;
};

absl::StatusOr<GroupOutcome> SolveGroup(const GroupModel& group, absl::Duration budget,
                                        Assignment* a, SolveResult* result) {
  constexpr double kScale = static_cast<double>(kShareDenominator) * kShareDenominator;
  GroupOutcome outcome;
  const absl::Time began = absl::Now();
  auto left = [&]() { return std::max(kMinimumStageTime, budget - (absl::Now() - began)); };

  // Stage 1: fairness alone.
  Mip stage1;
  int64_t fairness_constant = 0;  // tier 1 with no free duties; the model adds sum(cost * z)
  std::vector<GroupModel::Counter> counters;
  bool have_roster = false;
  bool known_infeasible = group.has_empty_slot();
  int fairness_report = -1;        // index of the stage-1 report in result->stages
  bool fairness_reported = false;  // that report has the objective of a roster
  if (!known_infeasible) {
    group.AddHardRules(&stage1, nullptr);
    counters = group.AddFairness(&stage1, &fairness_constant);
    const absl::Duration limit = std::max(kMinimumStageTime, budget * kFairnessShareOfBudget);
    Mip::Result r;  // kNoSolution, bound 0 (every penalty is a square) when CBC is not run
    r.best_bound = -static_cast<double>(fairness_constant);
    if (limit >= LeastTimeFor(stage1)) {
      PARAAT_ASSIGN_OR_RETURN(r, stage1.Solve(limit));
    }
    StageReport report = MakeReport(StageReport::Stage::kFairness, group, stage1, r);
    if (r.outcome == Mip::Outcome::kInfeasible) {
      known_infeasible = true;
      report.proven_infeasible = true;
    } else {
      // Tier-1 values are integers in kScale units: so is the best possible one.
      report.best_bound =
          std::max(0.0, std::ceil(r.best_bound + static_cast<double>(fairness_constant) - 1e-6)) /
          kScale;
      report.objective = report.best_bound;  // until a roster is known
      report.relative_gap = 1;
      if (r.outcome != Mip::Outcome::kNoSolution) {
        PARAAT_RETURN_IF_ERROR(group.Extract(r.values, a));
        have_roster = true;
        fairness_reported = true;
        const PoolTerms terms = group.Terms(*a);
        report.objective = static_cast<double>(terms.duty_scaled + terms.holiday_scaled) / kScale;
        if (report.proven_optimal) report.best_bound = report.objective;
        report.relative_gap = RelativeGap(report.objective, report.best_bound);
      }
    }
    if (!report.proven_optimal) outcome.all_proven = false;
    fairness_report = static_cast<int>(result->stages.size());
    result->stages.push_back(std::move(report));
  }

  if (!have_roster && !known_infeasible) {
    // No roster within the fairness stage's time (a large joint model, or a busy machine):
    // a greedy roster, improved by the local search below, if it fills every slot.
    Assignment greedy = *a;
    group.Greedy(&greedy);
    if (group.AllFilled(greedy)) {
      *a = std::move(greedy);
      have_roster = true;
      outcome.all_proven = false;
    }
  }
  if (!have_roster) {
    // Infeasible, or no roster found at all yet: fill as many slots as possible. The slots
    // left empty are a smallest set that cannot be filled together.
    Mip fill;
    std::vector<int> slack;
    group.AddHardRules(&fill, &slack);
    Mip::Result r;  // kNoSolution when there is no time for CBC: the greedy roster
    if (left() >= LeastTimeFor(fill)) {
      PARAAT_ASSIGN_OR_RETURN(r, fill.Solve(left()));
    }
    StageReport report = MakeReport(StageReport::Stage::kFillMost, group, fill, r);
    if (r.outcome == Mip::Outcome::kInfeasible) {
      return absl::InternalError("the model that allows unfilled slots is infeasible");
    }
    if (r.values.empty()) {
      group.Greedy(a);
    } else {
      PARAAT_RETURN_IF_ERROR(group.Extract(r.values, a));
    }
    group.Repair(a);
    std::vector<UnfillableSlot> unfilled = group.Explain(*a);
    report.objective = static_cast<double>(unfilled.size());
    report.best_bound = r.outcome == Mip::Outcome::kNoSolution ? 0 : std::ceil(r.best_bound - 1e-6);
    report.best_bound = std::min(report.best_bound, report.objective);
    report.relative_gap = RelativeGap(report.objective, report.best_bound);
    const bool minimal = report.best_bound >= report.objective;
    report.proven_optimal = minimal;
    result->stages.push_back(std::move(report));
    if (!unfilled.empty()) {
      if (!known_infeasible && !minimal) {
        return absl::DeadlineExceededError(
            absl::StrCat("the time budget ran out before a roster was found for pool(s) ",
                         absl::StrJoin(group.PoolKeys(), ", "), "; allow more time"));
      }
      outcome.infeasible = true;
      result->unfillable_minimal =
          result->unfillable.empty() ? minimal : result->unfillable_minimal && minimal;
      for (UnfillableSlot& u : unfilled) result->unfillable.push_back(std::move(u));
      return outcome;
    }
    // Every slot filled after all: go on with that roster, its fairness unproven.
    outcome.all_proven = false;
  }
  if (stage1.num_columns() == 0) {
    group.AddHardRules(&stage1, nullptr);
    counters = group.AddFairness(&stage1, &fairness_constant);
  }

  // Stage 2: spacing and preferences, fairness held at least as good as the roster so far.
  Mip stage2 = stage1;
  std::vector<std::pair<int, double>> cap_terms;
  for (const GroupModel::Counter& c : counters) {
    for (size_t k = 0; k < c.z.size(); ++k) {
      stage2.SetCost(c.z[k], 0.0);
      cap_terms.push_back({c.z[k], c.cost[k]});
    }
  }
  const int64_t weight = group.SetPreferenceCosts(&stage2);
  // A good start matters when the budget is short: CBC keeps it unless it finds better. The
  // local search never makes fairness worse, and may make an unproven stage 1 fairer.
  group.Improve(weight, absl::Now() + left() * kLocalSearchShare, a);
  const PoolTerms start_terms = group.Terms(*a);
  // Tier 2 is never below 0: when the start reaches 0, it is optimal and the windows become
  // hard rows (fewer columns, and rows CBC treats as cliques).
  const bool spacing_zero = start_terms.spacing == 0;
  const std::vector<GroupModel::Window> windows = group.AddSpacing(&stage2, weight, spacing_zero);
  const int64_t start_fairness = start_terms.duty_scaled + start_terms.holiday_scaled;
  if (fairness_report >= 0 && !result->stages[fairness_report].proven_infeasible) {
    // An unproven stage 1 may have been bettered by the greedy roster or the local search;
    // reaching CBC's bound proves it.
    StageReport& report = result->stages[fairness_report];
    const double fairness = static_cast<double>(start_fairness) / kScale;
    report.objective = fairness_reported ? std::min(report.objective, fairness) : fairness;
    if (!report.proven_optimal && report.objective <= report.best_bound + 1e-9) {
      report.proven_optimal = true;
      report.best_bound = report.objective;
      outcome.all_proven = true;
      for (size_t i = fairness_report + 1; i < result->stages.size(); ++i) {
        outcome.all_proven = outcome.all_proven && result->stages[i].proven_optimal;
      }
    }
    report.relative_gap = RelativeGap(report.objective, report.best_bound);
  }
  // Tier-1 values are integers, so + 0.5 admits exactly the rosters at least as fair.
  if (!cap_terms.empty()) {
    stage2.AddRow(-Mip::kInfinity, static_cast<double>(start_fairness - fairness_constant) + 0.5,
                  cap_terms);
  }

  // MIP start: the roster so far, with z in order and e at their least.
  std::vector<double> start(stage2.num_columns(), 0.0);
  group.XValues(*a, &start);
  for (const GroupModel::Counter& c : counters) {
    int64_t count = 0;
    for (int id : c.x) count += start[id] > 0.5;
    for (size_t k = 0; k < c.z.size(); ++k) start[c.z[k]] = static_cast<int64_t>(k) < count;
  }
  for (const GroupModel::Window& w : windows) {
    if (w.e < 0) continue;
    int64_t count = w.fixed;
    for (int id : w.x) count += start[id] > 0.5;
    start[w.e] = static_cast<double>(std::max<int64_t>(0, count - 1));
  }
  double start_model_value = 0;
  for (int c = 0; c < stage2.num_columns(); ++c) start_model_value += stage2.cost(c) * start[c];
  const double start_value =
      static_cast<double>(weight * start_terms.spacing + start_terms.preferences);
  // The model leaves out terms no choice changes (windows without a free slot, preferences
  // on fixed slots, "would like" constants): the difference is the same for every roster.
  const double constant = start_value - start_model_value;

  StageReport report;
  report.stage = StageReport::Stage::kSpacingPreferences;
  report.pools = group.PoolKeys();
  report.tier2_weight = weight;
  report.objective = start_value;
  if ((windows.empty() || spacing_zero) && weight == 1) {
    // Spacing at its least and no preference that any choice changes: nothing to optimise.
    report.proven_optimal = true;
    report.best_bound = start_value;
    result->stages.push_back(std::move(report));
    return outcome;
  }
  if (budget - (absl::Now() - began) < std::max(kMinimumSecondStageTime, LeastTimeFor(stage2))) {
    // Too little time left for CBC to even read the model: keep the local search's roster.
    // Every tier-2 and tier-3 term is at least 0, so 0 is a valid bound.
    report.best_bound = 0;
    report.relative_gap = RelativeGap(report.objective, report.best_bound);
    report.proven_optimal = report.objective == 0;
    if (!report.proven_optimal) outcome.all_proven = false;
    result->stages.push_back(std::move(report));
    return outcome;
  }
  PARAAT_ASSIGN_OR_RETURN(Mip::Result r, stage2.Solve(left(), start));
  const StageReport solved = MakeReport(StageReport::Stage::kSpacingPreferences, group, stage2, r);
  report.proven_optimal = solved.proven_optimal;
  report.columns = solved.columns;
  report.rows = solved.rows;
  report.nodes = solved.nodes;
  report.time = solved.time;
  if (r.outcome == Mip::Outcome::kInfeasible) {
    return absl::InternalError("stage 2 is infeasible although its start roster satisfies it");
  }
  if (r.outcome == Mip::Outcome::kOptimal || r.outcome == Mip::Outcome::kFeasible) {
    Assignment candidate = *a;
    PARAAT_RETURN_IF_ERROR(group.Extract(r.values, &candidate));
    const PoolTerms terms = group.Terms(candidate);
    const double value = static_cast<double>(weight * terms.spacing + terms.preferences);
    // Keep CBC's roster if it is no less fair and no worse (it may be the start itself).
    if (terms.duty_scaled + terms.holiday_scaled <= start_fairness && value <= start_value) {
      *a = std::move(candidate);
      report.objective = value;
    }
  }
  report.best_bound = r.outcome == Mip::Outcome::kOptimal
                          ? report.objective
                          : std::min(report.objective, r.best_bound + constant);
  // Stage-2 values are integers: so is the best possible one. Stopped by the clock at that
  // bound is optimal too.
  report.best_bound = std::max(0.0, std::ceil(report.best_bound - 1e-6));
  if (report.objective <= report.best_bound) report.proven_optimal = true;
  report.relative_gap = RelativeGap(report.objective, report.best_bound);
  if (!report.proven_optimal) outcome.all_proven = false;
  result->stages.push_back(std::move(report));
  return outcome;
}

}  // namespace

absl::StatusOr<SolveResult> SolveRoster(const RosterProblem& problem, const SolveOptions& options) {
  const absl::Time began = absl::Now();
  if (options.time_budget <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("the time budget must be positive");
  }
  PARAAT_ASSIGN_OR_RETURN(PreparedProblem prepared, PreparedProblem::Prepare(problem));
  const absl::Time deadline = began + options.time_budget;
  const Candidates candidates = FindCandidates(prepared);

  SolveResult result;
  result.assignment = FixedAssignment(problem);
  std::vector<GroupModel> groups;
  for (std::vector<int>& pools : PoolGroups(problem)) {
    groups.emplace_back(prepared, candidates, std::move(pools));
  }
  result.groups = static_cast<int>(groups.size());
  int64_t remaining_size = 0;
  for (const GroupModel& g : groups) remaining_size += g.num_x() + 1;

  bool infeasible = false;
  bool all_proven = true;
  for (const GroupModel& group : groups) {
    const int64_t size = group.num_x() + 1;
    const absl::Duration budget =
        std::max(absl::ZeroDuration(), deadline - absl::Now()) * size / remaining_size;
    remaining_size -= size;
    if (!group.has_free_slots()) continue;
    PARAAT_ASSIGN_OR_RETURN(GroupOutcome outcome,
                            SolveGroup(group, budget, &result.assignment, &result));
    infeasible = infeasible || outcome.infeasible;
    all_proven = all_proven && outcome.all_proven;
  }
  result.status = infeasible   ? SolveStatus::kInfeasible
                  : all_proven ? SolveStatus::kOptimal
                               : SolveStatus::kFeasible;
  for (const StageReport& stage : result.stages) {
    result.relative_gap = std::max(result.relative_gap, stage.relative_gap);
  }

  // Check the roster against the rules as written, independently of the model.
  PARAAT_ASSIGN_OR_RETURN(std::vector<Violation> violations,
                          CheckHardRules(problem, result.assignment));
  for (Violation& v : violations) {
    if (v.only_fixed_duties) {
      result.fixed_conflicts.push_back(std::move(v));
    } else if (!(infeasible && v.kind == RuleKind::kUnfilled)) {
      return absl::InternalError(
          absl::StrCat("the solver's roster breaks a hard rule: ", v.message));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(result.objective, EvaluateObjective(problem, result.assignment));
  result.solve_time = absl::Now() - began;
  return result;
}

}  // namespace paraat::roster::solver
