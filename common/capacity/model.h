// SPDX-License-Identifier: EUPL-1.2
// Capacity reallocation input: ambitions, municipalities, loan rules, crisis demand.
//
// Plain structs keyed by stable string keys ("heumen", "ondermijning"); the server fills
// them from its database, tests and the demo from DemoCapacity(). Validate() is the only
// gate: everything downstream (the LPs, the plan) assumes a validated input.

#ifndef PARAAT_COMMON_CAPACITY_MODEL_H_
#define PARAAT_COMMON_CAPACITY_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace paraat::capacity {

// Any hour figure above this is refused as implausible. It also keeps every number handed
// to the LP solver far away from its notion of infinity.
inline constexpr double kMaxHours = 1'000'000.0;

// A municipality's safety staff lies in [kMinFte, kMaxFte] full-time equivalents.
inline constexpr double kMinFte = 0.01;
inline constexpr double kMaxFte = 10'000.0;

// Weights lie in [kMinFactor, kMaxFactor]; loan costs in [kMinLoanCost, kMaxFactor].
inline constexpr double kMinFactor = 0.001;
inline constexpr double kMaxFactor = 1000.0;

// A lent hour costs at least a local hour. Below 1 the last solver stage would reward
// lending, and give loans nobody needs (Wijchen lends 16 h to Heumen and Heumen 16 h to
// Wijchen).
inline constexpr double kMinLoanCost = 1.0;

// What the last solver stage adds to the cost of every lent hour, so that a loan is never
// free, not even at a cost of exactly 1: local hours before lent ones, and no circular loans.
// Small enough not to reorder lenders whose costs differ by what people enter (0.001), large
// enough (a thousand times CLP's tolerance) for the solver to see. Reported costs leave it out.
inline constexpr double kLoanPremium = 1e-6;

// The default relative cost of a lent hour (a local hour costs 1): travel, handover and
// unfamiliarity with the borrower's network.
inline constexpr double kDefaultLoanCost = 1.2;

// A prioritised ambition of the integral safety plan, or the regular tasks.
struct Ambition {
  std::string key;   // stable key, lowercase letters, digits and '-': "ondermijning"
  std::string name;  // display name: "Ondermijnende criminaliteit"
  // 1 = highest priority. Ambitions sharing a rank form one tier.
  int rank = 1;
  // Relative value of an hour of this ambition within its tier, in [kMinFactor,
  // kMaxFactor]. Only compares
  // ambitions of the same tier; ranks are never traded against each other.
  double weight = 1.0;
  // Regular tasks ("reguliere aanpak") continue regardless: they form tiers above every
  // ranked priority (ordered by rank among themselves), and their floor defaults to their
  // whole plan. See docs/capacity.md.
  bool regular = false;
};

// One municipality's plan for one ambition, in hours a week.
struct AmbitionPlan {
  std::string ambition;  // Ambition::key
  double planned_hours = 0.0;
  // Hours that must stay with the ambition to keep it alive (<= planned_hours). Unset:
  // 0 for a ranked priority, planned_hours for regular tasks.
  std::optional<double> floor_hours;
};

struct Municipality {
  std::string key;                 // "heumen"
  std::string name;                // "Heumen"
  std::string region;              // region key; loans default to all-to-all within a region
  double fte = 0.0;                // safety staff in full-time equivalents (> 0)
  double available_hours = 0.0;    // hours a week: FTE x contract hours
  double overtime_hours = 0.0;     // allowed overtime a week, including any the plan uses
  std::vector<AmbitionPlan> plan;  // an ambition left out is planned at 0 h
};

// Overrides the default for one ordered pair (lender lends to borrower).
struct LoanRule {
  std::string lender;
  std::string borrower;
  bool allowed = true;
  double cost = kDefaultLoanCost;  // relative cost of a lent hour, in [kMinLoanCost, kMaxFactor]
};

struct LoanRules {
  // When true, every municipality may lend to every other one of its region at
  // default_cost; when false, only the pairs in `rules` with allowed = true may.
  bool same_region_default = true;
  double default_cost = kDefaultLoanCost;
  std::vector<LoanRule> rules;  // each ordered pair at most once
};

// An ISO 8601 week: 2026-W49.
struct IsoWeek {
  int year = 0;
  int week = 0;
  friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};

struct DemandEntry {
  std::string municipality;  // Municipality::key
  double hours = 0.0;        // crisis work a week
};

// What a crisis claims in one ISO week. A municipality left out has no demand.
struct CrisisDemand {
  std::string crisis;  // label for reports: "Opvang vluchtelingen"
  IsoWeek week;
  std::vector<DemandEntry> hours;
};

struct CapacityInput {
  std::vector<Ambition> ambitions;
  std::vector<Municipality> municipalities;
  LoanRules loans;
  CrisisDemand demand;
};

// An approved reallocation of one crisis week, as recorded: in force until it is restored.
// The approval and the restoration are each an entry of the crisis log.
struct Allocation {
  int64_t id = 0;
  int64_t proposal_id = 0;
  int64_t crisis_id = 0;
  IsoWeek week;
  std::string approved_by;
  absl::Time approved;
  int64_t decision_seq = 0;  // the crisis log entry of the approval
  std::optional<absl::Time> restored;
  std::string restored_by;
  int64_t restore_seq = 0;   // the crisis log entry of the restoration (0 while in force)
  std::string summary;
  // As an approval answers: other crises' allocations in force the same week (its decision
  // notes them too). Not stored with the allocation.
  std::vector<std::string> warnings;
  // As a list of allocations says: in force, but planned on data that changed since.
  bool stale = false;
};

// INVALID_ARGUMENT naming the municipality, ambition or field and the problem, e.g.
// "municipality heumen: floor of ambition 'veilig-verkeer' (12 h) is above its plan
// (10 h)". Checks: at least one ambition and one municipality; key syntax; duplicate keys
// (ambitions, municipalities, plan entries, loan pairs, demand entries); rank >= 1;
// weights in [kMinFactor, kMaxFactor]; loan costs (the default and each rule's) in
// [kMinLoanCost, kMaxFactor]; fte in [kMinFte, kMaxFte]; every number finite, hours in [0, kMaxHours]; floor <= plan; total
// plan <= available + overtime; unknown ambition or municipality keys in plans, loan
// rules and demand; a lender lending to itself; a valid ISO week.
[[nodiscard]] absl::Status Validate(const CapacityInput& input);

// Removes from input->loans.rules, and returns, the rules that name a municipality the input
// leaves out: one deactivated, or without capacity figures yet. Such a rule is dormant, not
// an error: it cannot apply to a municipality that takes no part, and it applies again once
// both are in the input. The server calls this when it assembles an input from its tables;
// Validate() still refuses an unknown municipality in a rule of any other input.
std::vector<LoanRule> LeaveOutDormantLoanRules(CapacityInput* input);

// Raises stored loan costs below kMinLoanCost (the default and each rule's) to it, and returns
// how many it raised. Costs down to kMinFactor were accepted before lending had to cost at
// least a local hour; data stored then (the loan rules, the input of a proposal) is read with
// this, so it stays usable and plans as a cost of 1. New costs below 1 are refused.
int RaiseLoanCostsToMinimum(LoanRules* loans);

// The hours a crisis demands in its week, over all municipalities. 0 (no rows, or rows of
// 0 h, which is how a demand is taken back) means there is nothing to plan.
[[nodiscard]] double TotalDemandHours(const CrisisDemand& demand);

// The floor that applies to `plan` of `ambition` (see AmbitionPlan::floor_hours).
[[nodiscard]] double EffectiveFloor(const Ambition& ambition, const AmbitionPlan& plan);

// "2026-W49" -> {2026, 49}. INVALID_ARGUMENT when malformed or the year has no such week.
[[nodiscard]] absl::StatusOr<IsoWeek> ParseIsoWeek(absl::string_view text);
[[nodiscard]] std::string FormatIsoWeek(IsoWeek week);
// 52 or 53.
[[nodiscard]] int IsoWeeksInYear(int year);

// Where an allocation of `week` is in force: from its Monday 00:00 to the next Monday 00:00,
// Europe/Amsterdam time (a DST week is 167 or 169 hours long).
[[nodiscard]] absl::Time WeekStart(IsoWeek week);
[[nodiscard]] absl::Time WeekEnd(IsoWeek week);
// Whether `week` has ended at `now`. An allocation whose week is over has ended by itself: it
// is not restored afterwards (not at the crisis's close, nor on request), and is not in force.
[[nodiscard]] bool WeekIsOver(IsoWeek week, absl::Time now);

// A deterministic text form of the whole input (all numbers exact), for the server to
// hash: a proposal made on input whose canonical text has changed since is stale.
[[nodiscard]] std::string CanonicalText(const CapacityInput& input);

// Hours for messages and reports: at most two decimals, no trailing zeros ("12", "7.5").
[[nodiscard]] std::string FormatHours(double hours);

// The ambitions out of use: those of `all` (the input with every ambition in use) that
// `in_use` leaves out. Their planned hours are free in a proposal made on `in_use`: one note
// per such ambition with planned hours, naming them per municipality, so that a plan and its
// decision say where the hours came from.
[[nodiscard]] std::vector<std::string> OutOfUseNotes(const CapacityInput& in_use,
                                                     const CapacityInput& all);

}  // namespace paraat::capacity

#endif  // PARAAT_COMMON_CAPACITY_MODEL_H_
