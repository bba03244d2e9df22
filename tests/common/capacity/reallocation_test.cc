// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/reallocation.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/capacity/demo.h"
#include "common/capacity/lp_model.h"
#include "common/capacity/model.h"
#include "gtest/gtest.h"

namespace paraat::capacity {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Equality of hour figures read from a solution. Each stage keeps its optimum with a slack
// of 1e-8 relative to the stage's total, which later stages may use (docs/capacity.md).
constexpr double kHours = 1e-5;

// Tolerance for properties that hold exactly in exact arithmetic ("every less protected
// ambition is at its floor", "the crisis work balances"): the fixing slacks are relative
// to the stage totals, so this scales with the hours in the instance, like the noise in
// docs/capacity.md.
double PropertyTolerance(const CapacityInput& in) {
  double total = 0;
  for (const Municipality& m : in.municipalities) {
    for (const AmbitionPlan& p : m.plan) total += p.planned_hours;
  }
  for (const DemandEntry& d : in.demand.hours) total += d.hours;
  return 1e-5 + 1e-6 * total;
}

// ---------------------------------------------------------------------------------------
// Optimality certificates, computed here from the LP and CLP's solution alone.

double Scale(double v) { return std::isfinite(v) ? std::max(1.0, std::fabs(v)) : 1.0; }

// Primal feasibility, dual feasibility, complementary slackness and equal primal and dual
// objectives for  min c.x  s.t.  rl <= Ax <= ru, l <= x <= u.
testing::AssertionResult ProvenOptimal(const SolvedLp& solved) {
  const LinearProgram& p = solved.program;
  const LpSolution& s = solved.solution;
  const size_t n = p.objective.size();
  const size_t m = p.row_lower.size();
  if (s.column_values.size() != n || s.reduced_costs.size() != n || s.row_duals.size() != m ||
      s.row_activities.size() != m || p.column_starts.size() != n + 1) {
    return testing::AssertionFailure() << "sizes do not match";
  }
  constexpr double kPrimal = 1e-6;
  double cmax = 1;
  for (double c : p.objective) cmax = std::max(cmax, std::fabs(c));
  const double kDual = 1e-6 * cmax;
  const std::vector<double>& x = s.column_values;
  const std::vector<double>& y = s.row_duals;
  std::vector<double> ax(m, 0.0);
  std::vector<double> aty(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    for (int k = p.column_starts[j]; k < p.column_starts[j + 1]; ++k) {
      ax[p.row_indices[k]] += p.values[k] * x[j];
      aty[j] += p.values[k] * y[p.row_indices[k]];
    }
  }
  double cx = 0;
  for (size_t j = 0; j < n; ++j) cx += p.objective[j] * x[j];
  if (std::fabs(cx - s.objective_value) > 1e-9 * Scale(cx)) {
    return testing::AssertionFailure()
           << "objective value " << s.objective_value << " != c.x " << cx;
  }
  double dual_objective = 0;
  for (size_t j = 0; j < n; ++j) {
    const std::string& name = p.column_names[j];
    const double l = p.column_lower[j];
    const double u = p.column_upper[j];
    if (x[j] < l - kPrimal * Scale(l) || x[j] > u + kPrimal * Scale(u)) {
      return testing::AssertionFailure()
             << "column " << name << " = " << x[j] << " outside [" << l << ", " << u << "]";
    }
    const double d = p.objective[j] - aty[j];
    if (std::fabs(d - s.reduced_costs[j]) > kDual) {
      return testing::AssertionFailure() << "column " << name << ": reduced cost " << d
                                         << " but CLP says " << s.reduced_costs[j];
    }
    if (d > kDual) {  // must sit at a finite lower bound
      if (!std::isfinite(l) || std::fabs(x[j] - l) > kPrimal * Scale(l)) {
        return testing::AssertionFailure() << "column " << name << ": reduced cost " << d
                                           << " > 0 but value " << x[j] << " not at lower " << l;
      }
      dual_objective += d * l;
    } else if (d < -kDual) {  // must sit at a finite upper bound
      if (!std::isfinite(u) || std::fabs(x[j] - u) > kPrimal * Scale(u)) {
        return testing::AssertionFailure() << "column " << name << ": reduced cost " << d
                                           << " < 0 but value " << x[j] << " not at upper " << u;
      }
      dual_objective += d * u;
    } else {
      dual_objective += d * x[j];
    }
  }
  for (size_t i = 0; i < m; ++i) {
    const std::string& name = p.row_names[i];
    const double rl = p.row_lower[i];
    const double ru = p.row_upper[i];
    if (std::fabs(ax[i] - s.row_activities[i]) > kPrimal * Scale(ax[i])) {
      return testing::AssertionFailure()
             << "row " << name << ": A x = " << ax[i] << " but CLP says " << s.row_activities[i];
    }
    if (ax[i] < rl - kPrimal * Scale(rl) || ax[i] > ru + kPrimal * Scale(ru)) {
      return testing::AssertionFailure()
             << "row " << name << " = " << ax[i] << " outside [" << rl << ", " << ru << "]";
    }
    if (y[i] > kDual) {
      if (!std::isfinite(rl) || std::fabs(ax[i] - rl) > kPrimal * Scale(rl)) {
        return testing::AssertionFailure()
               << "row " << name << ": dual " << y[i] << " > 0 but activity " << ax[i]
               << " not at lower " << rl;
      }
      dual_objective += y[i] * rl;
    } else if (y[i] < -kDual) {
      if (!std::isfinite(ru) || std::fabs(ax[i] - ru) > kPrimal * Scale(ru)) {
        return testing::AssertionFailure()
               << "row " << name << ": dual " << y[i] << " < 0 but activity " << ax[i]
               << " not at upper " << ru;
      }
      dual_objective += y[i] * ru;
    } else {
      dual_objective += y[i] * ax[i];
    }
  }
  if (std::fabs(dual_objective - cx) > 1e-6 * Scale(cx)) {
    return testing::AssertionFailure()
           << "dual objective " << dual_objective << " != primal objective " << cx;
  }
  return testing::AssertionSuccess();
}

// The minimum of c.x over all vertices of the LP's feasible polytope, by brute force: every
// choice of active bounds and rows that makes a nonsingular square system, solved and kept
// when feasible. Fixed columns are substituted first. For tiny LPs only.
struct VertexResult {
  std::optional<double> minimum;
  int feasible_bases = 0;  // a degenerate vertex counts once per basis
};

VertexResult MinimumOverVertices(const LinearProgram& p) {
  const int n_all = static_cast<int>(p.objective.size());
  const int m = static_cast<int>(p.row_lower.size());
  std::vector<int> free_columns;
  std::vector<int> position(n_all, -1);
  double constant = 0;
  for (int j = 0; j < n_all; ++j) {
    if (p.column_lower[j] == p.column_upper[j]) {
      constant += p.objective[j] * p.column_lower[j];
    } else {
      position[j] = static_cast<int>(free_columns.size());
      free_columns.push_back(j);
    }
  }
  const int n = static_cast<int>(free_columns.size());
  // Dense rows over the free columns, and what the fixed columns contribute.
  std::vector<std::vector<double>> a(m, std::vector<double>(n, 0.0));
  std::vector<double> shift(m, 0.0);
  for (int j = 0; j < n_all; ++j) {
    for (int k = p.column_starts[j]; k < p.column_starts[j + 1]; ++k) {
      if (position[j] >= 0) {
        a[p.row_indices[k]][position[j]] += p.values[k];
      } else {
        shift[p.row_indices[k]] += p.values[k] * p.column_lower[j];
      }
    }
  }
  struct Plane {
    std::vector<double> a;
    double b;
    int group;  // planes of one group cannot be active together (both sides of a row)
  };
  std::vector<Plane> equalities;
  std::vector<Plane> candidates;
  int group = 0;
  for (int i = 0; i < m; ++i, ++group) {
    const double rl = p.row_lower[i] - shift[i];
    const double ru = p.row_upper[i] - shift[i];
    if (p.row_lower[i] == p.row_upper[i]) {
      equalities.push_back({a[i], rl, group});
      continue;
    }
    if (std::isfinite(rl)) candidates.push_back({a[i], rl, group});
    if (std::isfinite(ru)) candidates.push_back({a[i], ru, group});
  }
  for (int f = 0; f < n; ++f, ++group) {
    std::vector<double> unit(n, 0.0);
    unit[f] = 1.0;
    const int j = free_columns[f];
    if (std::isfinite(p.column_lower[j])) candidates.push_back({unit, p.column_lower[j], group});
    if (std::isfinite(p.column_upper[j])) candidates.push_back({unit, p.column_upper[j], group});
  }
  VertexResult result;

  auto feasible = [&](const std::vector<double>& z) {
    for (int f = 0; f < n; ++f) {
      const int j = free_columns[f];
      if (z[f] < p.column_lower[j] - 1e-7 * Scale(p.column_lower[j]) ||
          z[f] > p.column_upper[j] + 1e-7 * Scale(p.column_upper[j])) {
        return false;
      }
    }
    for (int i = 0; i < m; ++i) {
      double v = shift[i];
      for (int f = 0; f < n; ++f) v += a[i][f] * z[f];
      if (v < p.row_lower[i] - 1e-7 * Scale(p.row_lower[i]) ||
          v > p.row_upper[i] + 1e-7 * Scale(p.row_upper[i])) {
        return false;
      }
    }
    return true;
  };
  // The chosen planes in reduced row echelon form (Gauss-Jordan), built up one plane at a
  // time so that a plane dependent on those already chosen prunes its whole subtree.
  struct Echelon {
    std::vector<std::vector<double>> rows;  // n coefficients, then the right-hand side
    std::vector<int> pivots;
  };
  auto add = [n](const Echelon& from, const Plane& plane, Echelon& to) {
    std::vector<double> r = plane.a;
    r.push_back(plane.b);
    for (size_t i = 0; i < from.rows.size(); ++i) {
      const double f = r[from.pivots[i]];
      if (f == 0) continue;
      for (int c = 0; c <= n; ++c) r[c] -= f * from.rows[i][c];
    }
    int pivot = -1;
    for (int c = 0; c < n; ++c) {
      if (pivot < 0 || std::fabs(r[c]) > std::fabs(r[pivot])) pivot = c;
    }
    if (pivot < 0 || std::fabs(r[pivot]) < 1e-9) return false;
    const double p = r[pivot];
    for (double& v : r) v /= p;
    to = from;
    for (std::vector<double>& row : to.rows) {
      const double f = row[pivot];
      if (f == 0) continue;
      for (int c = 0; c <= n; ++c) row[c] -= f * r[c];
    }
    to.rows.push_back(std::move(r));
    to.pivots.push_back(pivot);
    return true;
  };

  std::vector<Echelon> levels(n + 1);
  int depth = 0;
  for (const Plane& e : equalities) {
    Echelon next;
    if (!add(levels[depth], e, next)) continue;  // a redundant equality
    levels[++depth] = std::move(next);
  }
  std::vector<bool> group_used(group, false);
  std::vector<double> z(n);
  std::function<void(size_t, int)> choose = [&](size_t next, int level) {
    if (level == n) {
      for (int i = 0; i < n; ++i) z[levels[n].pivots[i]] = levels[n].rows[i][n];
      if (feasible(z)) {
        double v = constant;
        for (int f = 0; f < n; ++f) v += p.objective[free_columns[f]] * z[f];
        ++result.feasible_bases;
        if (!result.minimum.has_value() || v < *result.minimum) result.minimum = v;
      }
      return;
    }
    const size_t needed = n - level;
    for (size_t c = next; c + needed <= candidates.size(); ++c) {
      if (group_used[candidates[c].group]) continue;
      if (!add(levels[level], candidates[c], levels[level + 1])) continue;
      group_used[candidates[c].group] = true;
      choose(c + 1, level + 1);
      group_used[candidates[c].group] = false;
    }
  };
  if (depth > n) return result;
  choose(0, depth);
  return result;
}

// ---------------------------------------------------------------------------------------
// Building inputs.

Ambition MakeAmbition(std::string key, int rank, double weight = 1.0, bool regular = false) {
  return {key, key, rank, weight, regular};
}

Municipality MakeMunicipality(std::string key, std::string region, double available,
                              double overtime, std::vector<AmbitionPlan> plan) {
  Municipality m;
  m.key = key;
  m.name = key;
  m.region = std::move(region);
  m.fte = available / 36.0;
  m.available_hours = available;
  m.overtime_hours = overtime;
  m.plan = std::move(plan);
  return m;
}

CapacityInput MakeInput(std::vector<Ambition> ambitions, std::vector<Municipality> municipalities,
                        std::vector<DemandEntry> demand) {
  CapacityInput in;
  in.ambitions = std::move(ambitions);
  in.municipalities = std::move(municipalities);
  in.demand = {"test", {2026, 49}, std::move(demand)};
  return in;
}

const AmbitionOutcome& Allocation(const ReallocationPlan& plan, const std::string& municipality,
                                  const std::string& ambition) {
  for (const AmbitionOutcome& a : plan.allocations) {
    if (a.municipality == municipality && a.ambition == ambition) return a;
  }
  ADD_FAILURE() << "no allocation " << municipality << "/" << ambition;
  static const AmbitionOutcome* none = new AmbitionOutcome;
  return *none;
}

const MunicipalityOutcome& Outcome(const ReallocationPlan& plan, const std::string& key) {
  for (const MunicipalityOutcome& m : plan.municipalities) {
    if (m.municipality == key) return m;
  }
  ADD_FAILURE() << "no municipality " << key;
  static const MunicipalityOutcome* none = new MunicipalityOutcome;
  return *none;
}

double Lent(const ReallocationPlan& plan, const std::string& lender, const std::string& borrower) {
  double hours = 0;
  for (const Loan& l : plan.loans) {
    if (l.lender == lender && l.borrower == borrower) hours += l.hours;
  }
  return hours;
}

ReallocationPlan MustPropose(const CapacityInput& in, Policy policy, bool keep_lps = false) {
  absl::StatusOr<ReallocationPlan> plan = Propose(in, policy, {.keep_stage_lps = keep_lps});
  EXPECT_TRUE(plan.ok()) << plan.status();
  return plan.ok() ? *std::move(plan) : ReallocationPlan{};
}

std::vector<std::string> StageNames(const ReallocationPlan& plan) {
  std::vector<std::string> names;
  for (const Stage& s : plan.stages) names.push_back(s.name);
  return names;
}

// Tier order of an ambition: smaller is more protected (regular tasks, then rank 1, ...).
std::pair<int, int> TierOf(const Ambition& a) { return {a.regular ? 0 : 1, a.rank}; }

// Everything a plan must satisfy whatever the policy, checked against the input.
void ExpectInvariants(const CapacityInput& in, const ReallocationPlan& plan,
                      const std::string& context) {
  SCOPED_TRACE(context);
  const double tolerance = PropertyTolerance(in);
  std::map<std::string, const Ambition*> ambitions;
  for (const Ambition& a : in.ambitions) ambitions[a.key] = &a;
  std::map<std::string, const Municipality*> municipalities;
  for (const Municipality& m : in.municipalities) municipalities[m.key] = &m;
  std::map<std::string, double> demand;
  for (const DemandEntry& d : in.demand.hours) demand[d.municipality] = d.hours;

  // Floors hold exactly; kept never exceeds the plan.
  size_t plan_entries = 0;
  for (const Municipality& m : in.municipalities) {
    for (const AmbitionPlan& p : m.plan) {
      ++plan_entries;
      const AmbitionOutcome& a = Allocation(plan, m.key, p.ambition);
      const double floor = EffectiveFloor(*ambitions[p.ambition], p);
      EXPECT_GE(a.kept_hours, floor) << m.key << "/" << p.ambition;
      EXPECT_LE(a.kept_hours, p.planned_hours) << m.key << "/" << p.ambition;
      EXPECT_EQ(a.floor_hours, floor);
      EXPECT_EQ(a.given_up_hours, p.planned_hours - a.kept_hours);
    }
  }
  EXPECT_EQ(plan.allocations.size(), plan_entries);

  // Loans only on allowed pairs.
  for (const Loan& l : plan.loans) {
    bool allowed = in.loans.same_region_default &&
                   municipalities[l.lender]->region == municipalities[l.borrower]->region;
    for (const LoanRule& r : in.loans.rules) {
      if (r.lender == l.lender && r.borrower == l.borrower) allowed = r.allowed;
    }
    EXPECT_TRUE(allowed) << l.lender << " -> " << l.borrower;
    EXPECT_GT(l.hours, 0);
    // Never both ways: lending back what one borrows gains nothing (every lent hour costs).
    EXPECT_EQ(Lent(plan, l.borrower, l.lender), 0) << l.lender << " <-> " << l.borrower;
  }

  for (const Municipality& m : in.municipalities) {
    SCOPED_TRACE(m.key);
    const MunicipalityOutcome& o = Outcome(plan, m.key);
    double planned = 0;
    for (const AmbitionPlan& p : m.plan) planned += p.planned_hours;
    const double room = m.overtime_hours - std::max(0.0, planned - m.available_hours);
    // The crisis work balances; nobody works beyond available hours plus overtime.
    EXPECT_NEAR(o.crisis_hours_own + o.crisis_hours_borrowed + o.shortfall_hours, demand[m.key],
                tolerance);
    EXPECT_LE(o.overtime_hours, room + 1e-12);
    EXPECT_LE(o.kept_hours + o.crisis_hours_own + o.hours_lent,
              std::max(m.available_hours, planned) + o.overtime_hours + tolerance);
    EXPECT_GE(o.shortfall_hours, 0);
    // Tier order within a municipality: giving up in a tier means every less protected
    // ambition is at its floor; overtime means every ambition is; freeing hours means none
    // stay unused.
    bool gives_up = false;
    for (const AmbitionPlan& p : m.plan) {
      const AmbitionOutcome& a = Allocation(plan, m.key, p.ambition);
      if (a.given_up_hours <= tolerance) continue;
      gives_up = true;
      for (const AmbitionPlan& q : m.plan) {
        if (TierOf(*ambitions[q.ambition]) <= TierOf(*ambitions[p.ambition])) continue;
        const AmbitionOutcome& b = Allocation(plan, m.key, q.ambition);
        EXPECT_LE(b.kept_hours - b.floor_hours, tolerance)
            << p.ambition << " gives up " << a.given_up_hours << " h while " << q.ambition
            << " keeps " << b.kept_hours - b.floor_hours << " h above its floor";
      }
    }
    if (gives_up) {
      EXPECT_LE(o.unused_hours, tolerance);
    }
    if (o.overtime_hours > tolerance || o.shortfall_hours > tolerance) {
      for (const AmbitionPlan& p : m.plan) {
        const AmbitionOutcome& a = Allocation(plan, m.key, p.ambition);
        EXPECT_LE(a.kept_hours - a.floor_hours, tolerance) << p.ambition;
      }
    }
  }

  // Every short municipality, and only those, is explained.
  std::set<std::string> explained;
  for (const ShortfallExplanation& e : plan.shortfalls) {
    explained.insert(e.municipality);
    EXPECT_EQ(e.shortfall_hours, Outcome(plan, e.municipality).shortfall_hours);
    EXPECT_TRUE(e.all_ambitions_at_floor) << e.text;
    EXPECT_TRUE(e.overtime_at_limit) << e.text;
    EXPECT_TRUE(e.text.starts_with(
        absl::StrCat(e.municipality, ": ", FormatHours(e.shortfall_hours), " h/week short")))
        << e.text;
  }
  for (const MunicipalityOutcome& o : plan.municipalities) {
    EXPECT_EQ(explained.contains(o.municipality), o.shortfall_hours > kHours) << o.municipality;
  }
}

void ExpectEveryStageProvenOptimal(const ReallocationPlan& plan, const std::string& context) {
  // Without demand nothing is solved: the plan stays as it is.
  EXPECT_EQ(plan.stages.empty(), plan.total_demand_hours == 0) << context;
  for (const Stage& stage : plan.stages) {
    ASSERT_TRUE(stage.lp.has_value()) << context << ": " << stage.name;
    EXPECT_TRUE(ProvenOptimal(*stage.lp)) << context << ": " << stage.name;
    const double value =
        stage.maximise ? -stage.lp->solution.objective_value : stage.lp->solution.objective_value;
    EXPECT_NEAR(stage.value, value, 1e-7) << context << ": " << stage.name;
  }
}

// ---------------------------------------------------------------------------------------
// Tiny instances: two municipalities, two ambitions.

struct TinyCase {
  std::string name;
  CapacityInput input;
};

void PrintTo(const TinyCase& c, std::ostream* os) { *os << c.name; }

std::vector<TinyCase> TinyCases() {
  const std::vector<Ambition> ambitions = {MakeAmbition("hoog", 1), MakeAmbition("laag", 2)};
  std::vector<TinyCase> cases;
  // The borrower can only give up its rank-1 ambition, the lender its rank-2 one.
  cases.push_back(
      {"LenderLowRankBeatsBorrowerHighRank",
       MakeInput(ambitions,
                 {MakeMunicipality("a", "r", 20, 0, {{"hoog", 10, 2.0}, {"laag", 10, 10.0}}),
                  MakeMunicipality("b", "r", 20, 0, {{"hoog", 10, 10.0}, {"laag", 10, 0.0}})},
                 {{"a", 6}})});
  // Both can give up their rank-2 ambition: the borrower does so itself.
  cases.push_back(
      {"LocalBeforeLent",
       MakeInput(ambitions,
                 {MakeMunicipality("a", "r", 20, 0, {{"hoog", 10, 2.0}, {"laag", 10, 0.0}}),
                  MakeMunicipality("b", "r", 20, 0, {{"hoog", 10, 2.0}, {"laag", 10, 0.0}})},
                 {{"a", 6}, {"b", 3}})});
  // Slack first, then rank 2 in both, then rank 1; demand in both, partly infeasible.
  cases.push_back(
      {"ShortInBoth",
       MakeInput(ambitions,
                 {MakeMunicipality("a", "r", 22, 0, {{"hoog", 10, 6.0}, {"laag", 10, 4.0}}),
                  MakeMunicipality("b", "r", 20, 0, {{"hoog", 12, 8.0}, {"laag", 8, 3.0}})},
                 {{"a", 20}, {"b", 13}})});
  // Overtime in one municipality; lending one way only.
  {
    CapacityInput in =
        MakeInput(ambitions,
                  {MakeMunicipality("a", "r", 20, 3, {{"hoog", 10, 7.0}, {"laag", 10, 8.0}}),
                   MakeMunicipality("b", "r", 20, 0, {{"hoog", 10, 6.0}, {"laag", 10, 9.0}})},
                  {{"a", 9}, {"b", 2}});
    in.loans.rules.push_back({"a", "b", false, 1.2});
    cases.push_back({"OvertimeOneWayLoans", in});
  }
  // Equal shares: demand in one, identical plans.
  cases.push_back(
      {"EqualPlans",
       MakeInput(ambitions,
                 {MakeMunicipality("a", "r", 20, 0, {{"hoog", 10, 5.0}, {"laag", 10, 0.0}}),
                  MakeMunicipality("b", "r", 20, 0, {{"hoog", 10, 5.0}, {"laag", 10, 0.0}})},
                 {{"a", 12}})});
  return cases;
}

class TinyInstanceTest : public testing::TestWithParam<std::tuple<TinyCase, Policy>> {};

TEST_P(TinyInstanceTest, EveryStageMatchesTheBestVertex) {
  const auto& [tiny, policy] = GetParam();
  const ReallocationPlan plan = MustPropose(tiny.input, policy, /*keep_lps=*/true);
  ExpectEveryStageProvenOptimal(plan, tiny.name);
  ExpectInvariants(tiny.input, plan, tiny.name);
  for (const Stage& stage : plan.stages) {
    ASSERT_TRUE(stage.lp.has_value());
    const VertexResult best = MinimumOverVertices(stage.lp->program);
    ASSERT_TRUE(best.minimum.has_value()) << stage.name;
    EXPECT_GT(best.feasible_bases, 0);
    EXPECT_NEAR(*best.minimum, stage.lp->solution.objective_value, 1e-6 * Scale(*best.minimum))
        << stage.name << " (" << best.feasible_bases << " feasible bases)";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, TinyInstanceTest,
                         testing::Combine(testing::ValuesIn(TinyCases()),
                                          testing::Values(Policy::kPriority, Policy::kEqualShare)),
                         [](const testing::TestParamInfo<std::tuple<TinyCase, Policy>>& info) {
                           return absl::StrCat(std::get<0>(info.param).name,
                                               std::get<1>(info.param) == Policy::kPriority
                                                   ? "Priority"
                                                   : "EqualShare");
                         });

TEST(VertexEnumerationTest, FindsTheKnownOptimumOfASmallLp) {
  // min -x - y  s.t.  x + 2y <= 4,  3x + y <= 6,  x, y >= 0: optimum at (1.6, 1.2), -2.8.
  LpModel lp;
  const int x = lp.AddColumn("x", 0, kInf);
  const int y = lp.AddColumn("y", 0, kInf);
  lp.AddRow("r1", -kInf, 4, {{x, 1}, {y, 2}});
  lp.AddRow("r2", -kInf, 6, {{x, 3}, {y, 1}});
  lp.SetObjective({{x, -1}, {y, -1}});
  ASSERT_TRUE(lp.Solve("known").ok());
  const SolvedLp solved{lp.Program(), lp.Solution()};
  EXPECT_TRUE(ProvenOptimal(solved));
  const VertexResult best = MinimumOverVertices(solved.program);
  EXPECT_EQ(best.feasible_bases, 4);  // (0,0), (2,0), (0,2), (1.6,1.2)
  ASSERT_TRUE(best.minimum.has_value());
  EXPECT_NEAR(*best.minimum, -2.8, 1e-12);
  EXPECT_NEAR(solved.solution.objective_value, -2.8, 1e-9);
}

TEST(CertificateTest, RejectsASuboptimalSolution) {
  LpModel lp;
  const int x = lp.AddColumn("x", 0, 1);
  const int y = lp.AddColumn("y", 0, 10);
  lp.AddRow("cover", 3, kInf, {{x, 1}, {y, 1}});
  lp.SetObjective({{x, 1}, {y, 2}});
  ASSERT_TRUE(lp.Solve("small").ok());
  SolvedLp solved{lp.Program(), lp.Solution()};
  ASSERT_TRUE(ProvenOptimal(solved));
  // Feasible but not optimal (x = 0, y = 3), with CLP's duals: slackness must fail.
  solved.solution.column_values = {0, 3};
  solved.solution.objective_value = 6;
  EXPECT_FALSE(ProvenOptimal(solved));
}

// ---------------------------------------------------------------------------------------
// Exact outcomes on the tiny instances.

TEST(PriorityTest, LenderGivesUpLowRankBeforeBorrowerGivesUpHighRank) {
  const ReallocationPlan plan = MustPropose(TinyCases()[0].input, Policy::kPriority);
  EXPECT_EQ(Allocation(plan, "a", "hoog").kept_hours, 10);
  EXPECT_EQ(Allocation(plan, "b", "laag").given_up_hours, 6);
  EXPECT_EQ(Allocation(plan, "b", "laag").kept_hours, 4);
  ASSERT_EQ(plan.loans.size(), 1u);
  EXPECT_EQ(plan.loans[0].lender, "b");
  EXPECT_EQ(plan.loans[0].borrower, "a");
  EXPECT_EQ(plan.loans[0].hours, 6);
  EXPECT_NEAR(plan.loans[0].cost, 7.2, 1e-12);
  EXPECT_EQ(Outcome(plan, "a").crisis_hours_borrowed, 6);
  EXPECT_EQ(Outcome(plan, "a").crisis_hours_own, 0);
  EXPECT_EQ(Outcome(plan, "b").hours_lent, 6);
  EXPECT_EQ(plan.total_shortfall_hours, 0);
}

TEST(PriorityTest, LoanCostBreaksTiesInFavourOfLocalHours) {
  const ReallocationPlan plan = MustPropose(TinyCases()[1].input, Policy::kPriority);
  EXPECT_TRUE(plan.loans.empty());
  EXPECT_EQ(Allocation(plan, "a", "laag").given_up_hours, 6);
  EXPECT_EQ(Allocation(plan, "b", "laag").given_up_hours, 3);
  EXPECT_EQ(Allocation(plan, "a", "hoog").given_up_hours, 0);
  EXPECT_EQ(Outcome(plan, "a").crisis_hours_own, 6);
}

// A lent hour at a cost of exactly 1 still costs a little more than a local one: no loans
// nobody needs (the review found Wijchen lending 16 h to Heumen and Heumen 16 h to Wijchen).
TEST(PriorityTest, LoanCostOfOneLendsNoMoreThanNeeded) {
  CapacityInput in = DemoCapacity();
  in.loans.default_cost = 1.0;
  for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
    SCOPED_TRACE(PolicyName(policy));
    const ReallocationPlan plan = MustPropose(in, policy, /*keep_lps=*/true);
    ExpectEveryStageProvenOptimal(plan, "demo at cost 1");
    ExpectInvariants(in, plan, "demo at cost 1");
    EXPECT_EQ(Lent(plan, "wijchen", "heumen") * Lent(plan, "heumen", "wijchen"), 0);
    for (const MunicipalityOutcome& o : plan.municipalities) {
      EXPECT_FALSE(o.hours_lent > 0 && o.crisis_hours_borrowed > 0) << o.municipality;
    }
    if (policy == Policy::kPriority) {
      // What the demo lends at 1.2: Heumen and Wijchen borrow what they cannot free.
      EXPECT_NEAR(plan.total_hours_lent, 14, kHours);
      EXPECT_NEAR(plan.total_loan_cost, 14, kHours);
      EXPECT_NEAR(Outcome(plan, "heumen").crisis_hours_borrowed, 13, kHours);
      EXPECT_NEAR(Outcome(plan, "wijchen").crisis_hours_borrowed, 1, kHours);
    }
  }
  // Local hours before lent ones, at cost 1 too.
  CapacityInput tiny = TinyCases()[1].input;
  tiny.loans.default_cost = 1.0;
  EXPECT_TRUE(MustPropose(tiny, Policy::kPriority).loans.empty());
}

TEST(PriorityTest, CheaperLenderFirst) {
  CapacityInput in = MakeInput({MakeAmbition("laag", 5)},
                               {MakeMunicipality("a", "r", 10, 0, {{"laag", 10, 10.0}}),
                                MakeMunicipality("b", "r", 10, 0, {{"laag", 10, 0.0}}),
                                MakeMunicipality("c", "r", 10, 0, {{"laag", 10, 0.0}})},
                               {{"a", 12}});
  in.loans.rules = {{"b", "a", true, 1.5}, {"c", "a", true, 1.1}};
  const ReallocationPlan plan = MustPropose(in, Policy::kPriority);
  EXPECT_EQ(Lent(plan, "c", "a"), 10);
  EXPECT_EQ(Lent(plan, "b", "a"), 2);
  EXPECT_NEAR(plan.total_loan_cost, 10 * 1.1 + 2 * 1.5, 1e-9);
}

TEST(PriorityTest, ShortInBothExactShortfallsAndExplanations) {
  const ReallocationPlan plan = MustPropose(TinyCases()[2].input, Policy::kPriority);
  // a: slack 2 + rank 2 (6) + rank 1 (4) = 12 for 20; b: rank 2 (5) + rank 1 (4) = 9 for 13.
  // Supply 21 for demand 33: short 12, spread in proportion to demand (covered 21/33).
  EXPECT_NEAR(plan.total_shortfall_hours, 12, kHours);
  EXPECT_NEAR(Outcome(plan, "a").shortfall_hours, 20.0 * 12 / 33, kHours);
  EXPECT_NEAR(Outcome(plan, "b").shortfall_hours, 13.0 * 12 / 33, kHours);
  ASSERT_EQ(plan.shortfalls.size(), 2u);
  EXPECT_EQ(plan.shortfalls[0].municipality, "a");
  EXPECT_TRUE(plan.shortfalls[0].all_ambitions_at_floor);
  EXPECT_EQ(plan.shortfalls[0].allowed_lenders, (std::vector<std::string>{"b"}));
  EXPECT_EQ(plan.shortfalls[0].exhausted_lenders, (std::vector<std::string>{"b"}));
  EXPECT_TRUE(plan.shortfalls[0].lenders_with_hours_left.empty());
  // a covers 20 * 21/33 = 12.73 h with its own 12 h and 0.73 h from b.
  EXPECT_NEAR(Lent(plan, "b", "a"), 20.0 * 21 / 33 - 12, kHours);
  EXPECT_EQ(plan.shortfalls[0].text,
            "a: 7.27 h/week short; all ambitions at their floor; no lender has hours left");
  EXPECT_EQ(plan.shortfalls[1].text,
            "b: 4.73 h/week short; all ambitions at their floor; lends 0.73 h to a; no lender "
            "has hours left");
}

TEST(PriorityTest, OvertimeOnlyWhenFloorsDoNotSuffice) {
  const ReallocationPlan plan = MustPropose(TinyCases()[3].input, Policy::kPriority);
  // a frees 3 + 2 = 5 h and may not lend; b frees 4 + 1 = 5 h and lends 3 of them to a
  // (b needs 2). a still needs 9 - 5 - 3 = 1 h: overtime 1 of 3.
  EXPECT_EQ(plan.total_shortfall_hours, 0);
  EXPECT_NEAR(Outcome(plan, "a").overtime_hours, 1, kHours);
  EXPECT_EQ(Lent(plan, "b", "a"), 3);
  EXPECT_EQ(Allocation(plan, "a", "hoog").kept_hours, 7);
  EXPECT_EQ(Allocation(plan, "b", "hoog").kept_hours, 6);

  CapacityInput easier = TinyCases()[3].input;
  easier.demand.hours = {{"a", 5}, {"b", 2}};
  const ReallocationPlan relaxed = MustPropose(easier, Policy::kPriority);
  EXPECT_EQ(relaxed.total_overtime_hours, 0);
  EXPECT_EQ(Allocation(relaxed, "a", "hoog").given_up_hours, 3);
}

TEST(EqualShareTest, EqualSharesWhereUnconstrained) {
  const ReallocationPlan plan = MustPropose(TinyCases()[4].input, Policy::kEqualShare);
  // 12 h needed, only rank 2 is touched: both keep 4 of 10.
  EXPECT_NEAR(Allocation(plan, "a", "laag").kept_hours, 4, kHours);
  EXPECT_NEAR(Allocation(plan, "b", "laag").kept_hours, 4, kHours);
  EXPECT_EQ(Allocation(plan, "a", "hoog").kept_hours, 10);
  EXPECT_EQ(Allocation(plan, "b", "hoog").kept_hours, 10);
  EXPECT_NEAR(Lent(plan, "b", "a"), 6, kHours);
  // The priority policy keeps the cut local instead (cheaper).
  const ReallocationPlan priority = MustPropose(TinyCases()[4].input, Policy::kPriority);
  EXPECT_EQ(Allocation(priority, "a", "laag").kept_hours, 0);
  EXPECT_EQ(Allocation(priority, "b", "laag").kept_hours, 8);
  EXPECT_EQ(Lent(priority, "b", "a"), 2);
}

TEST(EqualShareTest, FloorsBlockSomeAndTheRestShareEqually) {
  // Rank 2 of a can drop to 70% only; b and c then share the rest equally.
  const CapacityInput in =
      MakeInput({MakeAmbition("hoog", 1), MakeAmbition("laag", 2)},
                {MakeMunicipality("a", "r", 20, 0, {{"hoog", 10, 10.0}, {"laag", 10, 7.0}}),
                 MakeMunicipality("b", "r", 40, 0, {{"hoog", 20, 20.0}, {"laag", 20, 0.0}}),
                 MakeMunicipality("c", "r", 20, 0, {{"hoog", 10, 10.0}, {"laag", 10, 0.0}})},
                {{"a", 18}});
  const ReallocationPlan plan = MustPropose(in, Policy::kEqualShare, /*keep_lps=*/true);
  ExpectEveryStageProvenOptimal(plan, "floors");
  ExpectInvariants(in, plan, "floors");
  // a gives 3; b and c give 15 at an equal share s: 30 (1 - s) = 15, s = 0.5.
  EXPECT_EQ(Allocation(plan, "a", "laag").kept_hours, 7);
  EXPECT_NEAR(Allocation(plan, "b", "laag").kept_hours, 10, kHours);
  EXPECT_NEAR(Allocation(plan, "c", "laag").kept_hours, 5, kHours);
  EXPECT_NEAR(Allocation(plan, "b", "laag").share_kept, 0.5, kHours);
  EXPECT_NEAR(Allocation(plan, "c", "laag").share_kept, 0.5, kHours);
}

TEST(ShortfallTest, ExplainsWhenNoMunicipalityMayLend) {
  CapacityInput in = DemoCapacity();
  for (Municipality& m : in.municipalities) {
    if (m.key == "heumen") m.region = "elders";
  }
  for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
    const ReallocationPlan plan = MustPropose(in, policy);
    ExpectInvariants(in, plan, std::string(PolicyName(policy)));
    // Heumen: slack 2 h and 4 + 3 + 3 + 3 + 2 h above floors: 17 h for a demand of 20 h.
    ASSERT_EQ(plan.shortfalls.size(), 1u);
    EXPECT_EQ(plan.shortfalls[0].municipality, "heumen");
    EXPECT_EQ(plan.shortfalls[0].shortfall_hours, 3);
    EXPECT_TRUE(plan.shortfalls[0].allowed_lenders.empty());
    EXPECT_EQ(plan.shortfalls[0].text,
              "heumen: 3 h/week short; all ambitions at their floor; no municipality may lend "
              "to heumen");
    EXPECT_EQ(Allocation(plan, "heumen", "regulier").kept_hours, 46);
  }
}

TEST(ShortfallTest, DemoRegionOverwhelmedSpreadsShortfallInProportionToDemand) {
  CapacityInput in = DemoCapacity();
  for (DemandEntry& d : in.demand.hours) {
    if (d.municipality == "heumen") d.hours = 200;
  }
  // Supply: slack 18 h, 147 h above floors, 8 h overtime = 173 h; demand 234 h.
  for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
    SCOPED_TRACE(PolicyName(policy));
    const ReallocationPlan plan = MustPropose(in, policy, /*keep_lps=*/true);
    ExpectEveryStageProvenOptimal(plan, "overwhelmed");
    ExpectInvariants(in, plan, "overwhelmed");
    EXPECT_NEAR(plan.total_shortfall_hours, 61, kHours);
    EXPECT_NEAR(plan.total_overtime_hours, 8, kHours);
    const std::map<std::string, double> demand = {{"heumen", 200},  {"wijchen", 16},
                                                  {"druten", 8},    {"berg-en-dal", 6},
                                                  {"beuningen", 4}, {"west-maas-en-waal", 0}};
    for (const auto& [key, hours] : demand) {
      EXPECT_NEAR(Outcome(plan, key).shortfall_hours, hours * 61 / 234, kHours) << key;
    }
    ASSERT_EQ(plan.shortfalls.size(), 5u);
    EXPECT_EQ(plan.shortfalls[0].text,
              "berg-en-dal: 1.56 h/week short; all ambitions at their floor; overtime at its "
              "limit (4 h); lends 34.56 h to heumen; no lender has hours left");
    EXPECT_EQ(plan.shortfalls[2].text,
              "druten: 2.09 h/week short; all ambitions at their floor; lends 16.09 h to heumen; "
              "no lender has hours left");
    EXPECT_EQ(plan.shortfalls[3].text,
              "heumen: 52.14 h/week short; all ambitions at their floor; no lender has hours "
              "left");
    EXPECT_EQ(Allocation(plan, "wijchen", "regulier").kept_hours, 110);
    EXPECT_EQ(Allocation(plan, "heumen", "ondermijning").kept_hours, 10);
  }
}

TEST(RegularTasksTest, GiveUpOnlyAfterEveryPriorityIsAtItsFloor) {
  const CapacityInput in =
      MakeInput({MakeAmbition("ondermijning", 1), MakeAmbition("verbinding", 5),
                 MakeAmbition("regulier", 1, 1.0, /*regular=*/true)},
                {MakeMunicipality(
                    "a", "r", 30, 0,
                    {{"ondermijning", 10, 6.0}, {"verbinding", 10, 5.0}, {"regulier", 10, 0.0}})},
                {{"a", 12}});
  for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
    const ReallocationPlan plan = MustPropose(in, policy);
    EXPECT_EQ(Allocation(plan, "a", "verbinding").kept_hours, 5);
    EXPECT_EQ(Allocation(plan, "a", "ondermijning").kept_hours, 6);
    EXPECT_EQ(Allocation(plan, "a", "regulier").kept_hours, 7);
  }
}

TEST(WeightTest, WithinARankTheLighterAmbitionYieldsFirst) {
  const CapacityInput in = MakeInput(
      {MakeAmbition("zwaar", 3, 2.0), MakeAmbition("licht", 3, 0.5)},
      {MakeMunicipality("a", "r", 20, 0, {{"zwaar", 10, 0.0}, {"licht", 10, 2.0}})}, {{"a", 12}});
  const ReallocationPlan plan = MustPropose(in, Policy::kPriority);
  EXPECT_EQ(Allocation(plan, "a", "licht").kept_hours, 2);
  EXPECT_EQ(Allocation(plan, "a", "zwaar").kept_hours, 6);
  // No overtime allowed and no loans possible: those stages are skipped.
  EXPECT_EQ(StageNames(plan),
            (std::vector<std::string>{"shortfall", "priority: rank 3 (zwaar, licht)"}));
  EXPECT_NEAR(plan.stages[1].value, 8 * 0.5 + 4 * 2.0, 1e-6);
}

TEST(ShortfallTest, SpreadBetweenTwoBorrowersOfOneLender) {
  const CapacityInput in = MakeInput({MakeAmbition("laag", 5)},
                                     {MakeMunicipality("lender", "r", 10, 0, {{"laag", 10, 0.0}}),
                                      MakeMunicipality("b", "r", 10, 0, {{"laag", 10, 10.0}}),
                                      MakeMunicipality("c", "r", 10, 0, {{"laag", 10, 10.0}})},
                                     {{"b", 20}, {"c", 10}});
  const ReallocationPlan plan = MustPropose(in, Policy::kPriority);
  EXPECT_NEAR(Outcome(plan, "b").shortfall_hours, 40.0 / 3, kHours);
  EXPECT_NEAR(Outcome(plan, "c").shortfall_hours, 20.0 / 3, kHours);
  EXPECT_NEAR(Lent(plan, "lender", "b"), 20.0 / 3, kHours);
  EXPECT_NEAR(Lent(plan, "lender", "c"), 10.0 / 3, kHours);
  ASSERT_EQ(plan.shortfalls.size(), 2u);
  EXPECT_EQ(plan.shortfalls[0].text,
            "b: 13.33 h/week short; all ambitions at their floor; no lender has hours left");
  EXPECT_EQ(plan.stages[1].name, "shortfall spread, round 1");
  EXPECT_NEAR(plan.stages[1].value, 1.0 / 3, 1e-9);
}

TEST(ProposeTest, NoDemandChangesNothing) {
  CapacityInput in = DemoCapacity();
  in.demand.hours.clear();
  for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
    const ReallocationPlan plan = MustPropose(in, policy);
    for (const AmbitionOutcome& a : plan.allocations) {
      EXPECT_EQ(a.kept_hours, a.planned_hours) << a.municipality << "/" << a.ambition;
    }
    EXPECT_TRUE(plan.loans.empty());
    EXPECT_EQ(plan.total_overtime_hours, 0);
    for (const MunicipalityOutcome& m : plan.municipalities) {
      EXPECT_EQ(m.workload_per_fte_after, m.workload_per_fte_before) << m.municipality;
    }
  }
}

TEST(ProposeTest, ValidationErrorsComeBackUnchanged) {
  CapacityInput in = DemoCapacity();
  in.ambitions[3].rank = 0;
  const absl::StatusOr<ReallocationPlan> plan = Propose(in, Policy::kPriority);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(plan.status().message(),
            "ambition 'veilig-verkeer': rank 0 is below 1 (1 = highest priority)");
}

TEST(ProposeTest, ClpNeverPrints) {
  CapacityInput overwhelmed = DemoCapacity();
  overwhelmed.demand.hours.push_back({"west-maas-en-waal", 500});
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  for (const CapacityInput& in : {DemoCapacity(), overwhelmed}) {
    for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
      EXPECT_TRUE(Propose(in, policy).ok());
    }
  }
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(PolicyTest, NamesRoundTrip) {
  for (Policy p : {Policy::kPriority, Policy::kEqualShare}) {
    absl::StatusOr<Policy> parsed = ParsePolicy(PolicyName(p));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, p);
  }
  EXPECT_EQ(ParsePolicy("fair").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePolicy("fair").status().message(),
            "policy 'fair' is not one of: priority, equal-share");
}

// ---------------------------------------------------------------------------------------
// The demo instance.

TEST(DemoTest, PriorityProposal) {
  const CapacityInput in = DemoCapacity();
  const ReallocationPlan plan = MustPropose(in, Policy::kPriority, /*keep_lps=*/true);
  ExpectEveryStageProvenOptimal(plan, "demo priority");
  ExpectInvariants(in, plan, "demo priority");
  EXPECT_EQ(StageNames(plan),
            (std::vector<std::string>{"shortfall", "overtime", "priority: rank 1 (ondermijning)",
                                      "priority: rank 2 (digitale-veiligheid)",
                                      "priority: rank 3 (zorg-en-veiligheid)",
                                      "priority: rank 4 (veilig-verkeer)",
                                      "priority: rank 5 (verbinding-samenleving)", "loan cost"}));
  // The loan cost stage counts kLoanPremium on every lent hour; the plan's costs leave it out.
  const std::vector<double> values = {0, 0, 0, 0, 0, 16, 20, 40 + 14 * (1.2 + kLoanPremium)};
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_NEAR(plan.stages[i].value, values[i], 1e-6) << plan.stages[i].name;
  }
  // Slack (18 h) and all of rank 5 (20 h) first, then 16 of the 26 rank-4 hours that can go.
  const std::map<std::string, double> given_up = {
      {"ondermijning", 0},    {"digitale-veiligheid", 0},     {"zorg-en-veiligheid", 0},
      {"veilig-verkeer", 16}, {"verbinding-samenleving", 20}, {"regulier", 0}};
  for (const AmbitionSummary& a : plan.ambitions) {
    EXPECT_NEAR(a.given_up_hours, given_up.at(a.ambition), kHours) << a.ambition;
  }
  // Heumen frees 7 h (slack 2, ranks 4 and 5) for 20 h: borrows 13; Wijchen frees 15 for 16.
  EXPECT_NEAR(Outcome(plan, "heumen").crisis_hours_borrowed, 13, kHours);
  EXPECT_NEAR(Outcome(plan, "wijchen").crisis_hours_borrowed, 1, kHours);
  EXPECT_NEAR(plan.total_hours_lent, 14, kHours);
  EXPECT_NEAR(plan.total_loan_cost, 14 * 1.2, kHours);
  EXPECT_EQ(plan.total_shortfall_hours, 0);
  EXPECT_TRUE(plan.shortfalls.empty());
  const MunicipalityOutcome& heumen = Outcome(plan, "heumen");
  EXPECT_EQ(heumen.fte, 2.5);
  EXPECT_EQ(heumen.workload_per_fte_before, 88 / 2.5);
  EXPECT_EQ(heumen.workload_per_fte_crisis_on_top, 108 / 2.5);
  EXPECT_NEAR(heumen.workload_per_fte_after, 90 / 2.5, kHours);
  EXPECT_EQ(PlanSummary(plan).substr(0, PlanSummary(plan).find("\nLoans")),
            "Capacity plan 2026-W49 for 'Opvang vluchtelingen' (policy priority): demand 54 "
            "h/week, covered 54 h, shortfall 0 h, overtime 0 h, lent 14 h.\n"
            "Given up: veilig-verkeer 16 h (70% kept), verbinding-samenleving 20 h (47% kept).");
}

TEST(DemoTest, EqualShareProposal) {
  const CapacityInput in = DemoCapacity();
  const ReallocationPlan plan = MustPropose(in, Policy::kEqualShare, /*keep_lps=*/true);
  ExpectEveryStageProvenOptimal(plan, "demo equal-share");
  ExpectInvariants(in, plan, "demo equal-share");
  // Rank 5 goes to its floors everywhere; rank 4 (53 h planned) gives up 16 h, each
  // municipality keeping the same 37/53 of it.
  for (const Municipality& m : in.municipalities) {
    EXPECT_NEAR(Allocation(plan, m.key, "veilig-verkeer").share_kept, 37.0 / 53, kHours) << m.key;
    const AmbitionOutcome& rank5 = Allocation(plan, m.key, "verbinding-samenleving");
    EXPECT_EQ(rank5.kept_hours, rank5.floor_hours) << m.key;
    EXPECT_EQ(Allocation(plan, m.key, "zorg-en-veiligheid").given_up_hours, 0) << m.key;
  }
  EXPECT_EQ(plan.total_shortfall_hours, 0);
}

TEST(DemoTest, StageLpIsTheDocumentedModel) {
  const ReallocationPlan plan = MustPropose(DemoCapacity(), Policy::kPriority, /*keep_lps=*/true);
  ASSERT_TRUE(plan.stages[0].lp.has_value());
  const LinearProgram& lp = plan.stages[0].lp->program;
  // 36 plan entries, 30 ordered pairs in one region, c/o/s for six municipalities.
  ASSERT_EQ(lp.column_names.size(), 36u + 30u + 18u);
  ASSERT_EQ(lp.row_names.size(), 12u);
  EXPECT_EQ(lp.column_names[0], "g[berg-en-dal,ondermijning]");
  EXPECT_EQ(lp.column_upper[0], 8);  // plan 26, floor 18
  EXPECT_EQ(lp.column_names[5], "g[berg-en-dal,regulier]");
  EXPECT_EQ(lp.column_upper[5], 0);  // regular tasks: floor = plan
  EXPECT_EQ(lp.column_names[36], "x[berg-en-dal,beuningen]");
  EXPECT_EQ(lp.column_upper[36], kInf);
  EXPECT_EQ(lp.column_names[66], "c[berg-en-dal]");
  EXPECT_EQ(lp.column_names[67], "o[berg-en-dal]");
  EXPECT_EQ(lp.column_upper[67], 4);
  EXPECT_EQ(lp.column_names[68], "s[berg-en-dal]");
  EXPECT_EQ(lp.row_names[0], "capacity[berg-en-dal]");
  EXPECT_EQ(lp.row_lower[0], -4);  // slack: 180 - 176
  EXPECT_EQ(lp.row_upper[0], kInf);
  EXPECT_EQ(lp.row_names[9], "demand[heumen]");
  EXPECT_EQ(lp.row_lower[9], 20);
  EXPECT_EQ(lp.row_upper[9], 20);
  // The objective of the first stage: total shortfall.
  for (size_t j = 0; j < lp.objective.size(); ++j) {
    EXPECT_EQ(lp.objective[j], lp.column_names[j].starts_with("s[") ? 1.0 : 0.0)
        << lp.column_names[j];
  }
  // The last stage carries every fixing row: shortfall, overtime and five ranks.
  const LinearProgram& last = plan.stages.back().lp->program;
  ASSERT_EQ(last.row_names.size(), 12u + 7u);
  EXPECT_EQ(last.row_names[12], "fix[shortfall]");
  EXPECT_EQ(last.row_names[18], "fix[priority: rank 5 (verbinding-samenleving)]");
  EXPECT_NEAR(last.row_upper[17], 16, 1e-6);  // rank 4 gave up 16 h
}

TEST(ComponentTest, RegionsAreSolvedSeparatelyAndNamedInStages) {
  CapacityInput in = DemoCapacity();
  for (Municipality& m : in.municipalities) {
    if (m.key == "heumen" || m.key == "berg-en-dal") m.region = "oost";
  }
  in.demand.hours = {{"heumen", 10}, {"druten", 4}};
  const ReallocationPlan plan = MustPropose(in, Policy::kPriority, /*keep_lps=*/true);
  ExpectEveryStageProvenOptimal(plan, "regions");
  ExpectInvariants(in, plan, "regions");
  EXPECT_EQ(plan.stages.front().name, "shortfall [oost]");
  EXPECT_EQ(plan.stages.back().name, "loan cost [tweestromenland]");
  // Heumen has 2 h slack and 2 h at rank 5; Berg en Dal lends its 4 h slack and 2 of its
  // rank-5 hours, so that rank 4 is untouched. Nothing crosses between the two regions.
  for (const Loan& l : plan.loans) {
    EXPECT_TRUE((l.lender == "berg-en-dal" && l.borrower == "heumen") ||
                (l.lender != "heumen" && l.lender != "berg-en-dal"))
        << l.lender << " -> " << l.borrower;
  }
  EXPECT_NEAR(Lent(plan, "berg-en-dal", "heumen"), 6, kHours);
  EXPECT_EQ(Allocation(plan, "heumen", "veilig-verkeer").given_up_hours, 0);
}

TEST(ComponentTest, ForbiddenLoansSplitARegion) {
  CapacityInput in = DemoCapacity();
  in.loans.same_region_default = false;
  in.loans.rules = {{"druten", "heumen", true, 1.5}};
  in.demand.hours = {{"heumen", 30}};
  const ReallocationPlan plan = MustPropose(in, Policy::kPriority);
  ExpectInvariants(in, plan, "rules");
  EXPECT_EQ(plan.stages.front().name, "shortfall [tweestromenland:druten]");
  // Slack and ranks 5 to 2 of both (13 h in Heumen, 17 h in Druten) cover the 30 h; rank 1
  // stays whole. Druten lends all of its 17 h.
  EXPECT_NEAR(Lent(plan, "druten", "heumen"), 17, kHours);
  EXPECT_NEAR(plan.total_loan_cost, 17 * 1.5, 1e-9);
  EXPECT_EQ(Allocation(plan, "heumen", "ondermijning").given_up_hours, 0);
  EXPECT_EQ(Allocation(plan, "druten", "digitale-veiligheid").kept_hours, 5);
  EXPECT_EQ(plan.total_shortfall_hours, 0);
}

// ---------------------------------------------------------------------------------------
// Random instances (fixed seed).

// Small random instances: 2-5 municipalities, 2-4 ranked ambitions (ties allowed) and
// maybe regular tasks, random floors, slack, overtime, demand and loan rules. Whole hours,
// or with `scale` > 0 fractional hours multiplied by `scale`.
CapacityInput RandomInput(std::mt19937& rng, bool one_region, double scale = 0) {
  auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&rng](double p) { return std::bernoulli_distribution(p)(rng); };
  // Hours in [0, hi]: whole, or fractional and scaled.
  auto hours = [&](int hi) {
    return scale > 0 ? std::uniform_real_distribution<double>(0, hi)(rng) * scale
                     : static_cast<double>(uniform(0, hi));
  };
  CapacityInput in;
  const int ambitions = uniform(2, 4);
  for (int a = 0; a < ambitions; ++a) {
    in.ambitions.push_back(MakeAmbition(absl::StrCat("a", a), uniform(1, 3),
                                        std::vector<double>{0.5, 1, 2}[uniform(0, 2)]));
  }
  if (chance(0.5)) in.ambitions.push_back(MakeAmbition("regulier", 1, 1.0, /*regular=*/true));
  const int municipalities = uniform(2, 5);
  for (int m = 0; m < municipalities; ++m) {
    Municipality mun;
    mun.key = absl::StrCat("m", m);
    mun.name = mun.key;
    mun.region = one_region ? "r" : absl::StrCat("r", uniform(0, 1));
    mun.fte = uniform(2, 12) / 2.0;
    double total = 0;
    for (const Ambition& a : in.ambitions) {
      if (!chance(0.85)) continue;
      AmbitionPlan p{a.key, hours(20), std::nullopt};
      if (!chance(0.3)) {
        p.floor_hours = scale > 0
                            ? p.planned_hours * std::uniform_real_distribution<double>(0, 1)(rng)
                            : static_cast<double>(uniform(0, static_cast<int>(p.planned_hours)));
      }
      total += p.planned_hours;
      mun.plan.push_back(p);
    }
    mun.overtime_hours = hours(4);
    mun.available_hours = std::max(0.0, total + hours(13) - (scale > 0 ? 3 * scale : 3));
    if (mun.available_hours + mun.overtime_hours < total) {
      mun.available_hours = total - mun.overtime_hours / 2;  // the plan uses some overtime
    }
    in.municipalities.push_back(std::move(mun));
    if (chance(0.6)) in.demand.hours.push_back({absl::StrCat("m", m), hours(30)});
  }
  if (!one_region) {
    in.loans.same_region_default = chance(0.7);
    in.loans.default_cost = std::vector<double>{1.0, 1.2, 1.5}[uniform(0, 2)];
    for (int l = 0; l < municipalities; ++l) {
      for (int b = 0; b < municipalities; ++b) {
        if (l != b && chance(0.25)) {
          in.loans.rules.push_back({absl::StrCat("m", l), absl::StrCat("m", b), chance(0.6),
                                    std::vector<double>{1.0, 1.1, 1.3}[uniform(0, 2)]});
        }
      }
    }
  }
  in.demand.crisis = "random";
  in.demand.week = {2026, 49};
  return in;
}

TEST(RandomInstancesTest, EveryStageOptimalAndEveryFloorHolds) {
  std::mt19937 rng(20261201);
  int short_plans = 0;
  for (int i = 0; i < 300; ++i) {
    const CapacityInput in = RandomInput(rng, /*one_region=*/false);
    ASSERT_TRUE(Validate(in).ok()) << i << ": " << Validate(in);
    for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
      const std::string context = absl::StrCat("instance ", i, " ", PolicyName(policy));
      const ReallocationPlan plan = MustPropose(in, policy, /*keep_lps=*/true);
      ExpectEveryStageProvenOptimal(plan, context);
      ExpectInvariants(in, plan, context);
      if (!plan.shortfalls.empty()) ++short_plans;
      if (HasFailure()) return;
    }
  }
  // The generator covers both staffed and short weeks.
  EXPECT_GT(short_plans, 50);
  EXPECT_LT(short_plans, 550);
}

TEST(RandomInstancesTest, FractionalHoursAtSeveralScales) {
  std::mt19937 rng(7);
  for (int i = 0; i < 150; ++i) {
    const double scale = std::vector<double>{0.05, 1, 40}[i % 3];
    const CapacityInput in = RandomInput(rng, /*one_region=*/false, scale);
    ASSERT_TRUE(Validate(in).ok()) << i << ": " << Validate(in);
    for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
      const std::string context =
          absl::StrCat("instance ", i, " (scale ", scale, ") ", PolicyName(policy));
      const ReallocationPlan plan = MustPropose(in, policy, /*keep_lps=*/true);
      ExpectEveryStageProvenOptimal(plan, context);
      ExpectInvariants(in, plan, context);
      if (HasFailure()) return;
    }
  }
}

// Where every municipality may lend to every other, a tier gives up hours anywhere only
// when every less protected ambition everywhere is at its floor, and overtime or shortfall
// anywhere means every ambition everywhere is at its floor.
TEST(RandomInstancesTest, PriorityOrderHoldsAcrossTheRegion) {
  std::mt19937 rng(4242);
  for (int i = 0; i < 200; ++i) {
    const CapacityInput in = RandomInput(rng, /*one_region=*/true);
    const double tolerance = PropertyTolerance(in);
    std::map<std::string, const Ambition*> ambitions;
    for (const Ambition& a : in.ambitions) ambitions[a.key] = &a;
    for (Policy policy : {Policy::kPriority, Policy::kEqualShare}) {
      SCOPED_TRACE(absl::StrCat("instance ", i, " ", PolicyName(policy)));
      const ReallocationPlan plan = MustPropose(in, policy);
      std::optional<std::pair<int, int>> most_protected_cut;
      for (const AmbitionOutcome& a : plan.allocations) {
        if (a.given_up_hours <= tolerance) continue;
        const std::pair<int, int> tier = TierOf(*ambitions[a.ambition]);
        if (!most_protected_cut.has_value() || tier < *most_protected_cut) {
          most_protected_cut = tier;
        }
      }
      const bool everything_at_floor =
          plan.total_overtime_hours > tolerance || plan.total_shortfall_hours > tolerance;
      for (const AmbitionOutcome& a : plan.allocations) {
        const bool less_protected =
            most_protected_cut.has_value() && TierOf(*ambitions[a.ambition]) > *most_protected_cut;
        if (less_protected || everything_at_floor) {
          EXPECT_LE(a.kept_hours - a.floor_hours, tolerance) << a.municipality << "/" << a.ambition;
        }
      }
      if (HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace paraat::capacity
