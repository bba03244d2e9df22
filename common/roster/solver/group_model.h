// SPDX-License-Identifier: EUPL-1.2
// The MIP of one group of pools (pools that share no member with other groups are solved on
// their own): who can take which free slot, the hard rules as rows, the three objective
// tiers as columns, a local search that improves a roster without breaking a rule, and the
// reasons a slot stays empty. Internal to the solver (solver.cc).
#ifndef PARAAT_COMMON_ROSTER_SOLVER_GROUP_MODEL_H_
#define PARAAT_COMMON_ROSTER_SOLVER_GROUP_MODEL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/roster/solver/mip.h"
#include "common/roster/solver/prepared.h"
#include "common/roster/solver/problem.h"
#include "common/roster/solver/solver.h"

namespace paraat::roster::solver {

// Who can take each free slot on its own (no leave, no clash with a fixed or context duty),
// and why the others cannot.
struct Candidates {
  std::vector<std::vector<std::vector<int>>> members;                    // [p][s] -> members
  std::vector<std::vector<std::vector<std::vector<Blocker>>>> blockers;  // [p][s][m]
};
Candidates FindCandidates(const PreparedProblem& prepared);

// Groups of pool indices such that no person is a member of pools in two groups.
std::vector<std::vector<int>> PoolGroups(const RosterProblem& problem);

class GroupModel {
 public:
  // `prepared` and `candidates` must outlive the model.
  GroupModel(const PreparedProblem& prepared, const Candidates& candidates, std::vector<int> pools);

  bool has_free_slots() const { return !free_slots_.empty(); }
  bool has_empty_slot() const { return has_empty_slot_; }  // a free slot without candidates
  int num_x() const { return static_cast<int>(x_.size()); }
  std::vector<std::string> PoolKeys() const;

  // x columns first (column id = x id), one row per free slot (= 1; with `slack`, + u = 1
  // and u costs 1), the rest rule within a pool as cliques and across pools pairwise.
  void AddHardRules(Mip* mip, std::vector<int>* slack) const;

  // Tier 1 for one member in one pool, duties or holiday duties: count = fixed + sum(x) =
  // fixed + sum(z), z_k = 1 for the k-th duty above the fixed ones, with cost the marginal
  // penalty SharePenalty(k + 1) - SharePenalty(k) (increasing: the penalty is convex).
  struct Counter {
    int64_t fixed = 0;
    int64_t share_scaled = 0;
    std::vector<int> x;
    std::vector<int> z;
    std::vector<double> cost;  // per z
  };
  // Adds the z columns and count rows; `constant` = the penalty with no free duties.
  std::vector<Counter> AddFairness(Mip* mip, int64_t* constant) const;

  // Tier 2: e >= sum(x in window) + fixed duties in window - 1, e costs
  // weight * multiplicity. With `zero` (a roster with no spacing penalty is known, so 0 is
  // the optimum of tier 2) the windows are hard instead: sum(x in window) <= 1 - fixed, no e.
  struct Window {
    std::vector<int> x;
    int64_t fixed = 0;
    int e = -1;  // -1 with `zero`
  };
  std::vector<Window> AddSpacing(Mip* mip, int64_t weight, bool zero) const;

  // Tier 3: cost dislike - like on each x. Returns the tier-2 weight: 1 + the sum over free
  // slots of (largest - smallest such cost among the slot's candidates), more than any two
  // rosters can differ in tier 3.
  int64_t SetPreferenceCosts(Mip* mip) const;

  // The persons of a solution, written into the group's free slots of `a`.
  [[nodiscard]] absl::Status Extract(const std::vector<double>& values, Assignment* a) const;
  // x values of the roster `a` (the first num_x() entries of `values`).
  void XValues(const Assignment& a, std::vector<double>* values) const;
  // Objective terms of the group's pools under `a`.
  PoolTerms Terms(const Assignment& a) const;

  // Improves `a` (every free slot filled, hard rules kept) by moving a free slot to another
  // candidate or swapping two free slots of a pool, accepting a change when it lowers
  // (fairness, weight * spacing + preferences) lexicographically. Stops at `deadline` or when
  // no change helps.
  void Improve(int64_t weight, absl::Time deadline, Assignment* a) const;

  // Fills empty free slots with candidates that clash with nothing in `a`.
  void Repair(Assignment* a) const;
  // Fills empty free slots in time order, each with the candidate who clashes with nothing
  // and is furthest below their expected share: a quick roster when CBC has none in time.
  void Greedy(Assignment* a) const;
  // Whether every free slot of the group has a person in `a`.
  bool AllFilled(const Assignment& a) const;
  // The empty free slots of `a`, each with every member's reason.
  std::vector<UnfillableSlot> Explain(const Assignment& a) const;

 private:
  struct X {
    int pool;  // local index into pools_
    int slot;
    int member;
  };

  const Interval& SlotInterval(int id) const;
  absl::Time SlotRestEnd(int id) const;
  // Most duties one person can take among `xs` (slots of one pool in time order).
  int64_t MaxDuties(const std::vector<int>& xs) const;
  // Duties `a` gives `person` on free slots of the group that break the rest rule with free
  // slot s of pool p (leaving out that slot itself and `except`, a (pool, slot)).
  std::vector<Blocker> AssignedBlockers(const Assignment& a, const std::string& person, int p,
                                        int s, std::pair<int, int> except = {-1, -1}) const;
  std::string ExplanationText(const UnfillableSlot& u) const;

  const PreparedProblem& prepared_;
  const Candidates& candidates_;
  std::vector<int> pools_;
  std::vector<X> x_;
  std::vector<std::pair<int, int>> free_slots_;          // (local pool, slot)
  std::vector<std::vector<std::vector<int>>> slot_x_;    // [lp][slot] -> x ids
  std::vector<std::vector<std::vector<int>>> member_x_;  // [lp][member] -> x ids, time order
  absl::flat_hash_map<std::string, std::vector<std::pair<int, int>>> person_entries_;  // (lp, m)
  bool has_empty_slot_ = false;
};

}  // namespace paraat::roster::solver

#endif  // PARAAT_COMMON_ROSTER_SOLVER_GROUP_MODEL_H_
