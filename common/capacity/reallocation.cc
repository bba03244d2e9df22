// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/reallocation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/capacity/lp_model.h"
#include "common/capacity/model.h"

namespace paraat::capacity {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A fixing row keeps a stage's optimum z as "objective <= z + kFixTolerance * max(1, |z|)".
// The previous solution satisfies it, so the next LP stays feasible; the slack, ten times
// CLP's feasibility tolerance, keeps it so when CLP's answer was itself feasible only
// within that tolerance. Later stages can gain at most the slack on earlier objectives.
constexpr double kFixTolerance = 1e-8;
// Solution values within kSnap * max(1, |bound|) of a bound are reported as the bound
// (CLP accepts violations of that relative size).
constexpr double kSnap = 1e-6;
// Hours below this are "none" in explanations and lists.
constexpr double kNegligibleHours = 1e-6;
// Numerical noise of a component's solution, relative to its planned plus demanded hours:
// what the fixing slacks of all stages together can shift. Values within it of a bound
// are reported as the bound.
constexpr double kNoise = 1e-6;
// In a max-min round, participant i is blocked when whole_i * |dual_i| exceeds this (the
// weights whole_i * |dual_i| sum to 1 at an optimum with t < 1, see docs/capacity.md).
constexpr double kBlockingDual = 1e-6;
// A round whose common share reaches this has nothing left to level.
constexpr double kFullShare = 1.0 - 1e-9;
// A participant is tight in a round when its row's slack is at most this times
// max(1, whole).
constexpr double kBlockingSlack = 1e-7;
// The blocking test raises undecided shares by at most this (a share, not hours); a share
// that rises by less than kBlockingRise of it counts as blocked.
constexpr double kBlockingStep = 1e-4;
constexpr double kBlockingRise = 1e-2;

double FixSlack(double value) { return kFixTolerance * std::max(1.0, std::fabs(value)); }

// A solution value as reported: within [lower, upper]; snapped to a bound when within
// `noise` of it or within kSnap relative to the bound's size (CLP accepts violations of
// that size); otherwise rounded to a micro-hour (this keeps "5.9999999 h" out of reports).
double Snap(double value, double lower, double upper, double noise) {
  value = std::clamp(value, lower, upper);
  if (value - lower <= std::max(noise, kSnap * std::max(1.0, std::fabs(lower)))) return lower;
  if (std::isfinite(upper) &&
      upper - value <= std::max(noise, kSnap * std::max(1.0, std::fabs(upper)))) {
    return upper;
  }
  return std::clamp(std::round(value * 1e6) / 1e6, lower, upper);
}

double Share(double kept, double planned) { return planned > 0 ? kept / planned : 1.0; }

// Ambitions of one (regular, rank) tier, most protected tier first.
struct Tier {
  bool regular = false;
  int rank = 0;
  std::vector<int> ambitions;
  std::string label;  // "rank 5 (verbinding-samenleving)", "regular tasks (regulier)"
};

struct LoanPair {
  int lender = 0;
  int borrower = 0;
  double cost = 0.0;
};

// Municipalities connected by allowed loans (in either direction). No row or column of
// the LPs links two components, so each is solved on its own (see docs/capacity.md).
struct Component {
  std::vector<int> members;  // municipality indices, ascending
  std::vector<int> loans;    // indices into Instance::loans
  std::string label;         // its regions: "tweestromenland"
  bool has_demand = false;
};

// The validated input with dense indices.
struct Instance {
  const CapacityInput* input = nullptr;
  int num_municipalities = 0;
  int num_ambitions = 0;
  std::vector<std::vector<double>> planned;  // [m][a]
  std::vector<std::vector<double>> floor;    // [m][a]
  std::vector<std::vector<bool>> in_plan;    // [m][a]
  std::vector<double> total_planned;
  std::vector<double> slack;          // max(0, available - plan)
  std::vector<double> overtime_room;  // allowed overtime minus what the plan already needs
  std::vector<double> demand;
  std::vector<LoanPair> loans;  // by lender, then borrower, in input order
  std::vector<Tier> tiers;
  std::vector<Component> components;
  std::vector<double> noise;  // per municipality: its component's numerical noise (hours)

  const Ambition& ambition(int a) const { return input->ambitions[a]; }
  const Municipality& municipality(int m) const { return input->municipalities[m]; }
};

std::vector<Component> FindComponents(const Instance& in) {
  const int mm = in.num_municipalities;
  std::vector<int> parent(mm);
  for (int m = 0; m < mm; ++m) parent[m] = m;
  auto root = [&parent](int m) {
    while (parent[m] != m) m = parent[m] = parent[parent[m]];
    return m;
  };
  for (const LoanPair& p : in.loans) parent[root(p.lender)] = root(p.borrower);
  std::map<int, int> index;  // root -> component, numbered by smallest member
  std::vector<Component> components;
  for (int m = 0; m < mm; ++m) {
    auto [it, added] = index.emplace(root(m), static_cast<int>(components.size()));
    if (added) components.emplace_back();
    Component& c = components[it->second];
    c.members.push_back(m);
    c.has_demand = c.has_demand || in.demand[m] > 0;
  }
  for (size_t k = 0; k < in.loans.size(); ++k) {
    components[index.at(root(in.loans[k].lender))].loans.push_back(static_cast<int>(k));
  }
  for (Component& c : components) {
    std::set<std::string> regions;
    for (int m : c.members) regions.insert(in.municipality(m).region);
    c.label = absl::StrJoin(regions, "+");
    if (regions.size() == 1 && components.size() > 1) {
      // Several components in one region (rules forbid some loans): name the first member.
      int same = 0;
      for (const Component& other : components) {
        if (in.municipality(other.members[0]).region == *regions.begin()) ++same;
      }
      if (same > 1) c.label = absl::StrCat(c.label, ":", in.municipality(c.members[0]).key);
    }
  }
  return components;
}

Instance IndexInput(const CapacityInput& input) {
  Instance in;
  in.input = &input;
  in.num_municipalities = static_cast<int>(input.municipalities.size());
  in.num_ambitions = static_cast<int>(input.ambitions.size());
  absl::flat_hash_map<std::string, int> ambition_index;
  for (int a = 0; a < in.num_ambitions; ++a) ambition_index[input.ambitions[a].key] = a;
  absl::flat_hash_map<std::string, int> municipality_index;
  for (int m = 0; m < in.num_municipalities; ++m) {
    municipality_index[input.municipalities[m].key] = m;
  }
  const int mm = in.num_municipalities;
  const int aa = in.num_ambitions;
  in.planned.assign(mm, std::vector<double>(aa, 0.0));
  in.floor.assign(mm, std::vector<double>(aa, 0.0));
  in.in_plan.assign(mm, std::vector<bool>(aa, false));
  in.total_planned.assign(mm, 0.0);
  in.slack.assign(mm, 0.0);
  in.overtime_room.assign(mm, 0.0);
  in.demand.assign(mm, 0.0);
  for (int m = 0; m < mm; ++m) {
    const Municipality& mun = input.municipalities[m];
    for (const AmbitionPlan& p : mun.plan) {
      const int a = ambition_index.at(p.ambition);
      in.planned[m][a] = p.planned_hours;
      in.floor[m][a] = std::min(p.planned_hours, EffectiveFloor(input.ambitions[a], p));
      in.in_plan[m][a] = true;
      in.total_planned[m] += p.planned_hours;
    }
    in.slack[m] = std::max(0.0, mun.available_hours - in.total_planned[m]);
    const double planned_overtime = std::max(0.0, in.total_planned[m] - mun.available_hours);
    in.overtime_room[m] = std::max(0.0, mun.overtime_hours - planned_overtime);
  }
  for (const DemandEntry& d : input.demand.hours) {
    in.demand[municipality_index.at(d.municipality)] = d.hours;
  }

  // Allowed pairs: the regional default, then the explicit rules on top.
  std::map<std::pair<int, int>, double> pairs;
  if (input.loans.same_region_default) {
    for (int l = 0; l < mm; ++l) {
      for (int b = 0; b < mm; ++b) {
        if (l != b && input.municipalities[l].region == input.municipalities[b].region) {
          pairs[{l, b}] = input.loans.default_cost;
        }
      }
    }
  }
  for (const LoanRule& r : input.loans.rules) {
    const std::pair<int, int> key = {municipality_index.at(r.lender),
                                     municipality_index.at(r.borrower)};
    if (r.allowed) {
      pairs[key] = r.cost;
    } else {
      pairs.erase(key);
    }
  }
  for (const auto& [key, cost] : pairs) in.loans.push_back({key.first, key.second, cost});

  // Tiers: regular tasks first (they continue regardless), then ranks 1, 2, ...
  std::map<std::pair<int, int>, Tier> tiers;
  for (int a = 0; a < aa; ++a) {
    const Ambition& amb = input.ambitions[a];
    Tier& tier = tiers[{amb.regular ? 0 : 1, amb.rank}];
    tier.regular = amb.regular;
    tier.rank = amb.rank;
    tier.ambitions.push_back(a);
  }
  in.components = FindComponents(in);
  in.noise.assign(mm, 0.0);
  for (const Component& c : in.components) {
    double hours = 0;
    for (int m : c.members) hours += in.total_planned[m] + in.demand[m];
    for (int m : c.members) in.noise[m] = kNoise * std::max(1.0, hours);
  }
  for (auto& [key, tier] : tiers) {
    std::vector<std::string> keys;
    for (int a : tier.ambitions) keys.push_back(input.ambitions[a].key);
    tier.label =
        tier.regular
            ? absl::StrCat("regular tasks rank ", tier.rank, " (", absl::StrJoin(keys, ", "), ")")
            : absl::StrCat("rank ", tier.rank, " (", absl::StrJoin(keys, ", "), ")");
    if (tier.regular && tier.rank == 1) {
      tier.label = absl::StrCat("regular tasks (", absl::StrJoin(keys, ", "), ")");
    }
    in.tiers.push_back(std::move(tier));
  }
  return in;
}

// One max-min participant: keeps the share (whole - loss) / whole, where loss is a sum of
// columns; the round maximises the smallest share.
struct Participant {
  int municipality = 0;
  double whole = 0.0;
  std::vector<LpTerm> loss;
};

// The solution of all components, in the input's indices. Components without demand
// keep their plan: all zeros.
struct RawSolution {
  std::vector<std::vector<double>> given_up;  // [m][a]
  std::vector<double> lent;                   // per loan pair
  std::vector<double> own;                    // c[m]
  std::vector<double> overtime;               // o[m]
  std::vector<double> shortfall;              // s[m]
};

// Builds one component's base LP and runs the stages of a policy on it.
class StageSolver {
 public:
  StageSolver(const Instance& in, const Component& component, const ProposeOptions& options,
              std::string stage_suffix, std::vector<Stage>* stages)
      : in_(in),
        component_(component),
        options_(options),
        suffix_(std::move(stage_suffix)),
        stages_(stages) {
    Build();
  }

  // Stage: minimise sum(terms); with `fix`, keep the optimum as a row for later stages.
  // Skipped (and not recorded) when `terms` is empty. Sets *value to the optimum.
  absl::Status Minimise(const std::string& name, const std::string& objective,
                        const std::vector<LpTerm>& terms, bool fix, double* value = nullptr);

  // Progressive filling: maximise the common share t of the unfixed participants, fix the
  // blocked ones at t, repeat until all are fixed.
  absl::Status MaxMinShares(const std::string& name, const std::string& objective,
                            const std::vector<Participant>& participants);

  // Terms: columns of every loss a stage may minimise. Only columns that can move.
  std::vector<LpTerm> ShortfallTerms() const;
  std::vector<LpTerm> OvertimeTerms() const;
  std::vector<LpTerm> GivenUpTerms(const std::vector<int>& ambitions) const;
  std::vector<LpTerm> LoanCostTerms() const;
  std::vector<Participant> CoveredShareParticipants() const;
  std::vector<Participant> KeptShareParticipants(const Tier& tier) const;

  // The last stage's solution, snapped to bounds and rounded to micro-hours.
  void Read(RawSolution* raw) const;

 private:
  void Build();
  void Record(const std::string& name, const std::string& objective, bool maximise, double value,
              int iterations);

  const Instance& in_;
  const Component& component_;
  const ProposeOptions& options_;
  const std::string suffix_;
  std::vector<Stage>* stages_;
  LpModel lp_;
  std::vector<std::vector<int>> g_;  // [m][a], -1 when not planned or not a member
  std::vector<int> x_;               // per loan pair, -1 when not in the component
  std::vector<int> c_;               // per municipality, -1 when not a member
  std::vector<int> o_;
  std::vector<int> s_;
};

void StageSolver::Build() {
  const Instance& in = in_;
  const int mm = in.num_municipalities;
  g_.assign(mm, std::vector<int>(in.num_ambitions, -1));
  x_.assign(in.loans.size(), -1);
  c_.assign(mm, -1);
  o_.assign(mm, -1);
  s_.assign(mm, -1);
  for (int m : component_.members) {
    for (int a = 0; a < in.num_ambitions; ++a) {
      if (in.planned[m][a] <= 0) continue;
      g_[m][a] =
          lp_.AddColumn(absl::StrCat("g[", in.municipality(m).key, ",", in.ambition(a).key, "]"),
                        0.0, in.planned[m][a] - in.floor[m][a]);
    }
  }
  for (int k : component_.loans) {
    const LoanPair& p = in.loans[k];
    x_[k] = lp_.AddColumn(absl::StrCat("x[", in.municipality(p.lender).key, ",",
                                       in.municipality(p.borrower).key, "]"),
                          0.0, kInfinity);
  }
  for (int m : component_.members) {
    const std::string& key = in.municipality(m).key;
    c_[m] = lp_.AddColumn(absl::StrCat("c[", key, "]"), 0.0, kInfinity);
    o_[m] = lp_.AddColumn(absl::StrCat("o[", key, "]"), 0.0, in.overtime_room[m]);
    s_[m] = lp_.AddColumn(absl::StrCat("s[", key, "]"), 0.0, kInfinity);
  }
  // capacity[m]: kept + own crisis work + lent <= max(available, plan) + overtime, i.e.
  // sum_a g[m,a] - c[m] - sum_b x[m,b] + o[m] >= -slack[m].
  std::vector<std::vector<LpTerm>> capacity(mm);
  std::vector<std::vector<LpTerm>> demand(mm);
  for (int m : component_.members) {
    for (int a = 0; a < in.num_ambitions; ++a) {
      if (g_[m][a] >= 0) capacity[m].push_back({g_[m][a], 1.0});
    }
    capacity[m].push_back({c_[m], -1.0});
    capacity[m].push_back({o_[m], 1.0});
    demand[m].push_back({c_[m], 1.0});
    demand[m].push_back({s_[m], 1.0});
  }
  for (int k : component_.loans) {
    capacity[in.loans[k].lender].push_back({x_[k], -1.0});
    demand[in.loans[k].borrower].push_back({x_[k], 1.0});
  }
  for (int m : component_.members) {
    lp_.AddRow(absl::StrCat("capacity[", in.municipality(m).key, "]"), -in.slack[m], kInfinity,
               capacity[m]);
  }
  // demand[m]: own crisis work + borrowed + shortfall = demand.
  for (int m : component_.members) {
    lp_.AddRow(absl::StrCat("demand[", in.municipality(m).key, "]"), in.demand[m], in.demand[m],
               demand[m]);
  }
}

void StageSolver::Record(const std::string& name, const std::string& objective, bool maximise,
                         double value, int iterations) {
  Stage stage;
  stage.name = absl::StrCat(name, suffix_);
  stage.objective = objective;
  stage.maximise = maximise;
  stage.value = value;
  stage.iterations = iterations;
  if (options_.keep_stage_lps) stage.lp = SolvedLp{lp_.Program(), lp_.Solution()};
  stages_->push_back(std::move(stage));
}

absl::Status StageSolver::Minimise(const std::string& name, const std::string& objective,
                                   const std::vector<LpTerm>& terms, bool fix, double* value) {
  if (value != nullptr) *value = 0;
  if (terms.empty()) return absl::OkStatus();
  lp_.SetObjective(terms);
  if (absl::Status s = lp_.Solve(absl::StrCat(name, suffix_)); !s.ok()) return s;
  const double z = lp_.objective_value();
  if (value != nullptr) *value = z;
  Record(name, objective, /*maximise=*/false, z, lp_.iterations());
  if (fix) lp_.AddRow(absl::StrCat("fix[", name, "]"), -kInfinity, z + FixSlack(z), terms);
  return absl::OkStatus();
}

absl::Status StageSolver::MaxMinShares(const std::string& name, const std::string& objective,
                                       const std::vector<Participant>& participants) {
  if (participants.empty()) return absl::OkStatus();
  const size_t n = participants.size();
  // share[i]: loss_i + whole_i * t + whole_i * e_i <= whole_i, i.e. the share kept is at
  // least t + e_i. The e_i are fixed at 0 except in a blocking test.
  const int t = lp_.AddColumn(absl::StrCat("t[", name, "]"), 0.0, 1.0);
  std::vector<int> e(n);
  std::vector<int> rows(n);
  for (size_t i = 0; i < n; ++i) {
    const Participant& p = participants[i];
    const std::string& key = in_.municipality(p.municipality).key;
    e[i] = lp_.AddColumn(absl::StrCat("e[", name, ",", key, "]"), 0.0, 0.0);
    std::vector<LpTerm> terms = p.loss;
    terms.push_back({t, p.whole});
    terms.push_back({e[i], p.whole});
    rows[i] = lp_.AddRow(absl::StrCat("share[", name, ",", key, "]"), -kInfinity, p.whole, terms);
  }
  std::vector<bool> fixed(n, false);
  size_t remaining = n;
  for (int round = 1; remaining > 0; ++round) {
    const std::string stage = absl::StrCat(name, ", round ", round);
    lp_.SetObjective({{t, -1.0}});
    if (absl::Status s = lp_.Solve(absl::StrCat(stage, suffix_)); !s.ok()) return s;
    const double level = std::clamp(lp_.column_values()[t], 0.0, 1.0);
    Record(stage, objective, /*maximise=*/true, level, lp_.iterations());

    std::vector<bool> blocked(n, false);
    std::vector<int> undecided;
    for (size_t i = 0; i < n; ++i) {
      if (fixed[i]) continue;
      const double slack = participants[i].whole - lp_.row_activities()[rows[i]];
      if (level >= kFullShare) {
        blocked[i] = true;
      } else if (participants[i].whole * std::fabs(lp_.row_duals()[rows[i]]) > kBlockingDual) {
        // A positive dual proves the share cannot rise above `level` while every other
        // share stays at `level` or more.
        blocked[i] = true;
      } else if (slack <= kBlockingSlack * std::max(1.0, participants[i].whole)) {
        undecided.push_back(static_cast<int>(i));  // tight, but the dual is degenerate
      }
    }
    if (!undecided.empty()) {
      // Blocking test: with every share at `level` or more, raise the undecided ones by up
      // to kBlockingStep each, as many as possible. One that cannot rise at all is blocked.
      // (The set of shares that can rise is convex, so every one that can rise reaches
      // kBlockingStep at the optimum unless they compete for less than that.)
      lp_.SetColumnBounds(t, std::max(0.0, level - kFixTolerance), 1.0);
      std::vector<LpTerm> raise;
      for (int i : undecided) {
        lp_.SetColumnBounds(e[i], 0.0, kBlockingStep);
        raise.push_back({e[i], -1.0});
      }
      lp_.SetObjective(raise);
      const std::string test = absl::StrCat(stage, ", blocking test");
      if (absl::Status s = lp_.Solve(absl::StrCat(test, suffix_)); !s.ok()) return s;
      Record(test, "maximise the sum of the undecided shares' rises e_i (each at most 1e-4)",
             /*maximise=*/true, -lp_.objective_value(), lp_.iterations());
      for (int i : undecided) {
        if (lp_.column_values()[e[i]] < kBlockingRise * kBlockingStep) blocked[i] = true;
        lp_.SetColumnBounds(e[i], 0.0, 0.0);
      }
      lp_.SetColumnBounds(t, 0.0, 1.0);
    }
    bool progress = false;
    for (size_t i = 0; i < n; ++i) progress = progress || blocked[i];
    if (!progress) {
      // Cannot happen with exact arithmetic (some row binds the maximum); fix them all
      // rather than loop.
      for (size_t i = 0; i < n; ++i) blocked[i] = !fixed[i];
    }
    for (size_t i = 0; i < n; ++i) {
      if (!blocked[i]) continue;
      // loss_i <= whole_i * (1 - level) + slack: the share stays at least `level`.
      const double whole = participants[i].whole;
      lp_.SetCoefficient(rows[i], t, 0.0);
      lp_.SetCoefficient(rows[i], e[i], 0.0);
      lp_.SetRowBounds(rows[i], -kInfinity, whole * (1.0 - level) + FixSlack(whole));
      fixed[i] = true;
      --remaining;
    }
  }
  lp_.SetColumnBounds(t, 0.0, 0.0);
  return absl::OkStatus();
}

std::vector<LpTerm> StageSolver::ShortfallTerms() const {
  std::vector<LpTerm> terms;
  for (int m : component_.members) terms.push_back({s_[m], 1.0});
  return terms;
}

std::vector<LpTerm> StageSolver::OvertimeTerms() const {
  std::vector<LpTerm> terms;
  for (int m : component_.members) {
    if (in_.overtime_room[m] > 0) terms.push_back({o_[m], 1.0});
  }
  return terms;
}

std::vector<LpTerm> StageSolver::GivenUpTerms(const std::vector<int>& ambitions) const {
  std::vector<LpTerm> terms;
  for (int m : component_.members) {
    for (int a : ambitions) {
      if (g_[m][a] >= 0 && in_.planned[m][a] > in_.floor[m][a]) {
        terms.push_back({g_[m][a], in_.ambition(a).weight});
      }
    }
  }
  return terms;
}

std::vector<LpTerm> StageSolver::LoanCostTerms() const {
  std::vector<LpTerm> terms;
  if (component_.loans.empty()) return terms;  // then every solution costs the same
  for (int m : component_.members) terms.push_back({c_[m], 1.0});
  // Every lent hour carries kLoanPremium on top of its cost: with the demand rows this stage
  // minimises a constant plus sum (cost - 1 + premium) x, positive for every pair, so no
  // loan stays that local hours could replace (a cost of 1 would leave lending free).
  for (int k : component_.loans) terms.push_back({x_[k], in_.loans[k].cost + kLoanPremium});
  return terms;
}

std::vector<Participant> StageSolver::CoveredShareParticipants() const {
  std::vector<Participant> out;
  for (int m : component_.members) {
    if (in_.demand[m] > 0) out.push_back({m, in_.demand[m], {{s_[m], 1.0}}});
  }
  return out;
}

std::vector<Participant> StageSolver::KeptShareParticipants(const Tier& tier) const {
  std::vector<Participant> out;
  for (int m : component_.members) {
    Participant p;
    p.municipality = m;
    double room = 0;
    for (int a : tier.ambitions) {
      if (g_[m][a] < 0) continue;
      p.whole += in_.planned[m][a];
      room += in_.planned[m][a] - in_.floor[m][a];
      p.loss.push_back({g_[m][a], 1.0});
    }
    if (p.whole > 0 && room > 0) out.push_back(std::move(p));
  }
  return out;
}

void StageSolver::Read(RawSolution* raw) const {
  const double* x = lp_.column_values();
  for (int m : component_.members) {
    for (int a = 0; a < in_.num_ambitions; ++a) {
      if (g_[m][a] >= 0) {
        raw->given_up[m][a] =
            Snap(x[g_[m][a]], 0.0, in_.planned[m][a] - in_.floor[m][a], in_.noise[m]);
      }
    }
    raw->own[m] = Snap(x[c_[m]], 0.0, in_.demand[m], in_.noise[m]);
    raw->overtime[m] = Snap(x[o_[m]], 0.0, in_.overtime_room[m], in_.noise[m]);
    raw->shortfall[m] = Snap(x[s_[m]], 0.0, in_.demand[m], in_.noise[m]);
  }
  for (int k : component_.loans) {
    const int borrower = in_.loans[k].borrower;
    raw->lent[k] = Snap(x[x_[k]], 0.0, in_.demand[borrower], in_.noise[borrower]);
  }
}

std::string JoinHours(const std::vector<std::pair<std::string, double>>& items) {
  std::vector<std::string> parts;
  for (const auto& [key, hours] : items) {
    parts.push_back(absl::StrCat(key, " (", FormatHours(hours), " h)"));
  }
  return absl::StrJoin(parts, ", ");
}

// Reads the plan from the solution: outcomes, loans, totals and explanations.
void Assemble(const Instance& in, const RawSolution& raw, ReallocationPlan* plan) {
  const int mm = in.num_municipalities;

  plan->municipalities.resize(mm);
  std::vector<std::vector<double>> kept(mm, std::vector<double>(in.num_ambitions, 0.0));
  for (int m = 0; m < mm; ++m) {
    MunicipalityOutcome& out = plan->municipalities[m];
    const Municipality& mun = in.municipality(m);
    out.municipality = mun.key;
    out.fte = mun.fte;
    out.available_hours = mun.available_hours;
    out.planned_hours = in.total_planned[m];
    out.slack_hours = in.slack[m];
    out.demand_hours = in.demand[m];
    for (int a = 0; a < in.num_ambitions; ++a) {
      if (!in.in_plan[m][a]) continue;
      const double planned = in.planned[m][a];
      const double floor = in.floor[m][a];
      // At the bound the ambition is exactly at its floor, free of rounding.
      const double g = raw.given_up[m][a];
      const double k = g == planned - floor
                           ? floor
                           : std::clamp(std::round((planned - g) * 1e6) / 1e6, floor, planned);
      kept[m][a] = k;
      plan->allocations.push_back(
          {mun.key, in.ambition(a).key, planned, floor, k, planned - k, Share(k, planned)});
      out.kept_hours += k;
    }
    out.given_up_hours = out.planned_hours - out.kept_hours;
    out.share_kept = Share(out.kept_hours, out.planned_hours);
    out.crisis_hours_own = raw.own[m];
    out.overtime_hours = raw.overtime[m];
    out.shortfall_hours = raw.shortfall[m];
  }
  for (size_t k = 0; k < in.loans.size(); ++k) {
    const LoanPair& p = in.loans[k];
    const double hours = raw.lent[k];
    if (hours <= 0) continue;
    plan->loans.push_back({in.municipality(p.lender).key, in.municipality(p.borrower).key, hours,
                           p.cost, hours * p.cost});
    plan->municipalities[p.lender].hours_lent += hours;
    plan->municipalities[p.borrower].crisis_hours_borrowed += hours;
    plan->total_hours_lent += hours;
    plan->total_loan_cost += hours * p.cost;
  }
  for (int m = 0; m < mm; ++m) {
    MunicipalityOutcome& out = plan->municipalities[m];
    const double worked = out.kept_hours + out.crisis_hours_own + out.hours_lent;
    const double capacity = std::max(out.available_hours, out.planned_hours) + out.overtime_hours;
    out.unused_hours = std::max(0.0, capacity - worked);
    if (out.unused_hours <= in.noise[m]) out.unused_hours = 0;
    out.workload_per_fte_before = out.planned_hours / out.fte;
    out.workload_per_fte_crisis_on_top = (out.planned_hours + out.demand_hours) / out.fte;
    out.workload_per_fte_after = worked / out.fte;
    plan->total_demand_hours += out.demand_hours;
    plan->total_shortfall_hours += out.shortfall_hours;
    plan->total_overtime_hours += out.overtime_hours;
  }
  for (int a = 0; a < in.num_ambitions; ++a) {
    AmbitionSummary sum;
    sum.ambition = in.ambition(a).key;
    for (int m = 0; m < mm; ++m) {
      sum.planned_hours += in.planned[m][a];
      sum.kept_hours += kept[m][a];
    }
    sum.given_up_hours = sum.planned_hours - sum.kept_hours;
    sum.share_kept = Share(sum.kept_hours, sum.planned_hours);
    plan->ambitions.push_back(std::move(sum));
  }

  // What each municipality could still give: unused capacity, hours above floors, overtime
  // not yet used. A lender with none of these left is exhausted.
  std::vector<double> hours_left(mm, 0.0);
  for (int m = 0; m < mm; ++m) {
    const MunicipalityOutcome& out = plan->municipalities[m];
    double left = out.unused_hours + (in.overtime_room[m] - out.overtime_hours);
    for (int a = 0; a < in.num_ambitions; ++a) {
      if (in.in_plan[m][a]) left += kept[m][a] - in.floor[m][a];
    }
    // Within the noise it is exhausted: the sum has as many rounding errors as terms.
    hours_left[m] = left <= in.noise[m] ? 0.0 : left;
  }
  for (int m = 0; m < mm; ++m) {
    const MunicipalityOutcome& out = plan->municipalities[m];
    if (out.shortfall_hours <= kNegligibleHours) continue;
    ShortfallExplanation e;
    e.municipality = out.municipality;
    e.shortfall_hours = out.shortfall_hours;
    std::vector<std::pair<std::string, double>> above;
    for (int a = 0; a < in.num_ambitions; ++a) {
      if (in.in_plan[m][a] && kept[m][a] - in.floor[m][a] > in.noise[m]) {
        above.emplace_back(in.ambition(a).key, kept[m][a] - in.floor[m][a]);
        e.ambitions_above_floor.push_back(in.ambition(a).key);
      }
    }
    e.all_ambitions_at_floor = above.empty();
    e.overtime_limit_hours = in.overtime_room[m];
    e.overtime_at_limit = in.overtime_room[m] - out.overtime_hours <= in.noise[m];
    e.hours_lent = out.hours_lent;
    std::vector<std::pair<std::string, double>> lent_to;
    std::vector<std::pair<std::string, double>> lenders_left;
    for (size_t k = 0; k < in.loans.size(); ++k) {
      const LoanPair& p = in.loans[k];
      if (p.borrower == m) {
        const std::string& lender = in.municipality(p.lender).key;
        e.allowed_lenders.push_back(lender);
        if (hours_left[p.lender] > 0) {
          e.lenders_with_hours_left.push_back(lender);
          lenders_left.emplace_back(lender, hours_left[p.lender]);
        } else {
          e.exhausted_lenders.push_back(lender);
        }
      }
    }
    for (const Loan& loan : plan->loans) {
      if (loan.lender == out.municipality) lent_to.emplace_back(loan.borrower, loan.hours);
    }
    std::vector<std::string> clauses = {
        absl::StrCat(out.municipality, ": ", FormatHours(out.shortfall_hours), " h/week short")};
    clauses.push_back(e.all_ambitions_at_floor
                          ? "all ambitions at their floor"
                          : absl::StrCat("ambitions above their floor: ", JoinHours(above)));
    if (e.overtime_limit_hours > 0) {
      clauses.push_back(
          e.overtime_at_limit
              ? absl::StrCat("overtime at its limit (", FormatHours(e.overtime_limit_hours), " h)")
              : absl::StrCat("overtime ", FormatHours(out.overtime_hours), " of ",
                             FormatHours(e.overtime_limit_hours), " h"));
    }
    if (out.unused_hours > 0) {
      clauses.push_back(absl::StrCat(FormatHours(out.unused_hours), " h unused"));
    }
    if (!lent_to.empty()) {
      std::vector<std::string> parts;
      for (const auto& [borrower, hours] : lent_to) {
        parts.push_back(absl::StrCat(FormatHours(hours), " h to ", borrower));
      }
      clauses.push_back(absl::StrCat("lends ", absl::StrJoin(parts, ", ")));
    }
    if (e.allowed_lenders.empty()) {
      clauses.push_back(absl::StrCat("no municipality may lend to ", out.municipality));
    } else if (e.lenders_with_hours_left.empty()) {
      clauses.push_back("no lender has hours left");
    } else {
      clauses.push_back(absl::StrCat("lenders with hours left: ", JoinHours(lenders_left)));
    }
    e.text = absl::StrJoin(clauses, "; ");
    plan->shortfalls.push_back(std::move(e));
  }
}

// The stage sequence of `policy` on one component (docs/capacity.md, "Stage order").
absl::Status SolveComponent(const Instance& in, Policy policy, StageSolver& solver) {
  // 1. Staff the crisis as far as at all possible.
  double shortfall = 0;
  if (absl::Status s = solver.Minimise("shortfall", "minimise total shortfall (h)",
                                       solver.ShortfallTerms(), /*fix=*/true, &shortfall);
      !s.ok()) {
    return s;
  }
  // 2. If it cannot be staffed, spread what is missing in proportion to demand.
  if (shortfall > kNegligibleHours) {
    if (absl::Status s =
            solver.MaxMinShares("shortfall spread", "maximise the smallest share of demand covered",
                                solver.CoveredShareParticipants());
        !s.ok()) {
      return s;
    }
  }
  // 3. Overtime only where cutting everything allowed to its floor does not suffice.
  if (absl::Status s = solver.Minimise("overtime", "minimise total overtime (h)",
                                       solver.OvertimeTerms(), /*fix=*/true);
      !s.ok()) {
    return s;
  }
  // 4. The policy proper, tier by tier from the most protected.
  if (policy == Policy::kPriority) {
    for (const Tier& tier : in.tiers) {
      if (absl::Status s = solver.Minimise(absl::StrCat("priority: ", tier.label),
                                           "minimise weighted hours given up in the tier (h)",
                                           solver.GivenUpTerms(tier.ambitions), /*fix=*/true);
          !s.ok()) {
        return s;
      }
    }
  } else {
    for (const Tier& tier : in.tiers) {
      if (absl::Status s =
              solver.MaxMinShares(absl::StrCat("equal share: ", tier.label),
                                  "maximise the smallest share of the tier's plan kept",
                                  solver.KeptShareParticipants(tier));
          !s.ok()) {
        return s;
      }
    }
    std::vector<int> all(in.num_ambitions);
    for (int a = 0; a < in.num_ambitions; ++a) all[a] = a;
    if (absl::Status s = solver.Minimise("hours given up", "minimise weighted hours given up (h)",
                                         solver.GivenUpTerms(all), /*fix=*/true);
        !s.ok()) {
      return s;
    }
  }
  // 5. Among what is left, the cheapest: local hours before lent ones.
  return solver.Minimise("loan cost", "minimise crisis hours weighted by their cost",
                         solver.LoanCostTerms(), /*fix=*/false);
}

}  // namespace

absl::string_view PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kPriority:
      return "priority";
    case Policy::kEqualShare:
      return "equal-share";
  }
  return "unknown";
}

absl::StatusOr<Policy> ParsePolicy(absl::string_view name) {
  if (name == "priority") return Policy::kPriority;
  if (name == "equal-share") return Policy::kEqualShare;
  return absl::InvalidArgumentError(
      absl::StrCat("policy '", name, "' is not one of: priority, equal-share"));
}

absl::StatusOr<ReallocationPlan> Propose(const CapacityInput& input, Policy policy,
                                         const ProposeOptions& options) {
  if (absl::Status s = Validate(input); !s.ok()) return s;
  const Instance in = IndexInput(input);
  ReallocationPlan plan;
  plan.policy = policy;
  plan.crisis = input.demand.crisis;
  plan.week = input.demand.week;
  RawSolution raw;
  raw.given_up.assign(in.num_municipalities, std::vector<double>(in.num_ambitions, 0.0));
  raw.lent.assign(in.loans.size(), 0.0);
  raw.own.assign(in.num_municipalities, 0.0);
  raw.overtime.assign(in.num_municipalities, 0.0);
  raw.shortfall.assign(in.num_municipalities, 0.0);
  for (const Component& component : in.components) {
    // Without demand every stage's optimum is 0 and the plan stays as it is.
    if (!component.has_demand) continue;
    const std::string suffix =
        in.components.size() > 1 ? absl::StrCat(" [", component.label, "]") : "";
    StageSolver solver(in, component, options, suffix, &plan.stages);
    if (absl::Status s = SolveComponent(in, policy, solver); !s.ok()) return s;
    solver.Read(&raw);
  }
  Assemble(in, raw, &plan);
  return plan;
}

std::string PlanSummary(const ReallocationPlan& plan) {
  std::vector<std::string> lines;
  lines.push_back(absl::StrCat("Capacity plan ", FormatIsoWeek(plan.week), " for '", plan.crisis,
                               "' (policy ", PolicyName(plan.policy), "): demand ",
                               FormatHours(plan.total_demand_hours), " h/week, covered ",
                               FormatHours(plan.total_demand_hours - plan.total_shortfall_hours),
                               " h, shortfall ", FormatHours(plan.total_shortfall_hours),
                               " h, overtime ", FormatHours(plan.total_overtime_hours), " h, lent ",
                               FormatHours(plan.total_hours_lent), " h."));
  std::vector<std::string> given_up;
  for (const AmbitionSummary& a : plan.ambitions) {
    if (a.given_up_hours > kNegligibleHours) {
      given_up.push_back(absl::StrFormat("%s %s h (%.0f%% kept)", a.ambition,
                                         FormatHours(a.given_up_hours), 100 * a.share_kept));
    }
  }
  lines.push_back(given_up.empty()
                      ? "Given up: nothing."
                      : absl::StrCat("Given up: ", absl::StrJoin(given_up, ", "), "."));
  if (!plan.loans.empty()) {
    std::vector<std::string> loans;
    for (const Loan& l : plan.loans) {
      loans.push_back(absl::StrCat(l.lender, " -> ", l.borrower, " ", FormatHours(l.hours), " h"));
    }
    lines.push_back(absl::StrCat("Loans: ", absl::StrJoin(loans, ", "), "."));
  }
  for (const ShortfallExplanation& e : plan.shortfalls) {
    lines.push_back(absl::StrCat("Short: ", e.text, "."));
  }
  return absl::StrJoin(lines, "\n");
}

}  // namespace paraat::capacity
