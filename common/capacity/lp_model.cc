// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/lp_model.h"

#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <coin/Clp_C_Interface.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::capacity {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// CLP's own infinity is COIN_DBL_MAX (DBL_MAX); anything this large is infinite to us.
constexpr double kClpInfinity = DBL_MAX;
constexpr double kInfiniteThreshold = 1e30;
// CLP's feasibility and optimality tolerances, a hundred times tighter than its defaults
// (1e-7): duals multiply any infeasibility, and the tests prove optimality from the
// solution (docs/capacity.md).
constexpr double kPrimalTolerance = 1e-9;
constexpr double kDualTolerance = 1e-9;
// What Solve() accepts as a feasible answer, relative to max(1, |bound|).
constexpr double kAcceptedViolation = 1e-6;
// CLP's default scaling mode (3: automatic).
constexpr int kDefaultScaling = 3;

Clp_Simplex* Clp(void* model) { return static_cast<Clp_Simplex*>(model); }

double ToClp(double bound) {
  if (bound == kInfinity) return kClpInfinity;
  if (bound == -kInfinity) return -kClpInfinity;
  return bound;
}

double FromClp(double bound) {
  if (bound >= kInfiniteThreshold) return kInfinity;
  if (bound <= -kInfiniteThreshold) return -kInfinity;
  return bound;
}

std::vector<double> ToClp(const std::vector<double>& bounds) {
  std::vector<double> out(bounds.size());
  for (size_t i = 0; i < bounds.size(); ++i) out[i] = ToClp(bounds[i]);
  return out;
}

double Violation(double value, double lower, double upper) {
  double v = 0;
  if (value < lower) v = (lower - value) / std::max(1.0, std::fabs(lower));
  if (value > upper) v = (value - upper) / std::max(1.0, std::fabs(upper));
  return v;
}

}  // namespace

LpModel::LpModel() : model_(Clp_newModel()) { Configure(); }

LpModel::~LpModel() { Clp_deleteModel(Clp(model_)); }

int LpModel::AddColumn(std::string name, double lower, double upper) {
  column_names_.push_back(std::move(name));
  column_lower_.push_back(lower);
  column_upper_.push_back(upper);
  objective_.push_back(0.0);
  return num_columns() - 1;
}

int LpModel::AddRow(std::string name, double lower, double upper,
                    const std::vector<LpTerm>& terms) {
  row_names_.push_back(std::move(name));
  row_lower_.push_back(lower);
  row_upper_.push_back(upper);
  pending_rows_.push_back({lower, upper, terms});
  return num_rows() - 1;
}

void LpModel::SetObjective(const std::vector<LpTerm>& terms) {
  std::fill(objective_.begin(), objective_.end(), 0.0);
  for (const LpTerm& t : terms) objective_[t.index] += t.coefficient;
  objective_dirty_ = true;
}

void LpModel::SetColumnBounds(int column, double lower, double upper) {
  column_lower_[column] = lower;
  column_upper_[column] = upper;
  column_bounds_dirty_ = true;
}

void LpModel::SetRowBounds(int row, double lower, double upper) {
  row_lower_[row] = lower;
  row_upper_[row] = upper;
  const int first_pending = num_rows() - static_cast<int>(pending_rows_.size());
  if (row >= first_pending) {
    pending_rows_[row - first_pending].lower = lower;
    pending_rows_[row - first_pending].upper = upper;
  } else {
    row_bounds_dirty_ = true;
  }
}

void LpModel::SetCoefficient(int row, int column, double value) {
  const int first_pending = num_rows() - static_cast<int>(pending_rows_.size());
  if (row >= first_pending) {
    std::vector<LpTerm>& terms = pending_rows_[row - first_pending].terms;
    std::erase_if(terms, [column](const LpTerm& t) { return t.index == column; });
    if (value != 0.0) terms.push_back({column, value});
    return;
  }
  Flush();  // the column may still be pending
  Clp_modifyCoefficient(Clp(model_), row, column, value, /*keepZero=*/false);
}

void LpModel::Flush() {
  Clp_Simplex* clp = Clp(model_);
  const int columns = num_columns();
  if (!loaded_) {
    // Columns first with an empty matrix; the rows follow row-wise below.
    std::vector<CoinBigIndex> starts(columns + 1, 0);
    const std::vector<double> lower = ToClp(column_lower_);
    const std::vector<double> upper = ToClp(column_upper_);
    int no_index = 0;
    double no_element = 0;
    Clp_loadProblem(clp, columns, 0, starts.data(), &no_index, &no_element, lower.data(),
                    upper.data(), objective_.data(), nullptr, nullptr);
    loaded_ = true;
    loaded_columns_ = columns;
    column_bounds_dirty_ = false;
    objective_dirty_ = false;
  } else if (loaded_columns_ < columns) {
    const int added = columns - loaded_columns_;
    std::vector<int> starts(added + 1, 0);
    std::vector<double> lower(column_lower_.begin() + loaded_columns_, column_lower_.end());
    std::vector<double> upper(column_upper_.begin() + loaded_columns_, column_upper_.end());
    std::vector<double> objective(objective_.begin() + loaded_columns_, objective_.end());
    for (double& b : lower) b = ToClp(b);
    for (double& b : upper) b = ToClp(b);
    int no_row = 0;
    double no_element = 0;
    Clp_addColumns(clp, added, lower.data(), upper.data(), objective.data(), starts.data(), &no_row,
                   &no_element);
    loaded_columns_ = columns;
  }
  if (!pending_rows_.empty()) {
    std::vector<double> lower;
    std::vector<double> upper;
    std::vector<int> starts = {0};
    std::vector<int> indices;
    std::vector<double> elements;
    for (const PendingRow& r : pending_rows_) {
      lower.push_back(ToClp(r.lower));
      upper.push_back(ToClp(r.upper));
      for (const LpTerm& t : r.terms) {
        indices.push_back(t.index);
        elements.push_back(t.coefficient);
      }
      starts.push_back(static_cast<int>(indices.size()));
    }
    int no_index = 0;
    double no_element = 0;
    Clp_addRows(clp, static_cast<int>(pending_rows_.size()), lower.data(), upper.data(),
                starts.data(), indices.empty() ? &no_index : indices.data(),
                elements.empty() ? &no_element : elements.data());
    pending_rows_.clear();
  }
  if (column_bounds_dirty_) {
    const std::vector<double> lower = ToClp(column_lower_);
    const std::vector<double> upper = ToClp(column_upper_);
    Clp_chgColumnLower(clp, lower.data());
    Clp_chgColumnUpper(clp, upper.data());
    column_bounds_dirty_ = false;
  }
  if (row_bounds_dirty_) {
    const std::vector<double> lower = ToClp(row_lower_);
    const std::vector<double> upper = ToClp(row_upper_);
    Clp_chgRowLower(clp, lower.data());
    Clp_chgRowUpper(clp, upper.data());
    row_bounds_dirty_ = false;
  }
  if (objective_dirty_) {
    Clp_chgObjCoefficients(clp, objective_.data());
    objective_dirty_ = false;
  }
}

bool LpModel::RunSolver(Attempt attempt) {
  int rc = 0;
  switch (attempt) {
    case Attempt::kWarm:
      // Primal simplex from the previous basis, which stays primal feasible because every
      // change between stages keeps the previous solution feasible; on the first solve
      // from the slack basis. No presolve: its "empty problem" path reports optimal
      // problems with a secondary status that we would have to trust blindly.
      rc = Clp_primal(Clp(model_), 0);
      break;
    case Attempt::kDual:
      rc = Clp_dual(Clp(model_), 0);
      break;
    case Attempt::kFreshDual:
      Reload();
      rc = Clp_dual(Clp(model_), 0);
      break;
    case Attempt::kFreshUnscaledPrimal:
      Reload();
      Clp_scaling(Clp(model_), 0);
      rc = Clp_primal(Clp(model_), 0);
      Clp_scaling(Clp(model_), kDefaultScaling);
      break;
  }
  Clp_Simplex* clp = Clp(model_);
  iterations_ += Clp_numberIterations(clp);
  if (rc != 0 || Clp_status(clp) != 0 || Clp_secondaryStatus(clp) != 0 ||
      !Clp_isProvenOptimal(clp) || Clp_isAbandoned(clp)) {
    return false;
  }
  return MaxViolation() <= kAcceptedViolation && DualCertificateHolds();
}

void LpModel::Reload() {
  // A new CLP model holding the same LP, without the old basis and factorisation.
  const LinearProgram lp = Program();
  Clp_deleteModel(Clp(model_));
  model_ = Clp_newModel();
  Configure();
  const std::vector<double> column_lower = ToClp(lp.column_lower);
  const std::vector<double> column_upper = ToClp(lp.column_upper);
  const std::vector<double> row_lower = ToClp(lp.row_lower);
  const std::vector<double> row_upper = ToClp(lp.row_upper);
  const std::vector<CoinBigIndex> starts(lp.column_starts.begin(), lp.column_starts.end());
  int no_index = 0;
  double no_element = 0;
  Clp_loadProblem(Clp(model_), num_columns(), num_rows(), starts.data(),
                  lp.row_indices.empty() ? &no_index : lp.row_indices.data(),
                  lp.values.empty() ? &no_element : lp.values.data(), column_lower.data(),
                  column_upper.data(), lp.objective.data(), row_lower.data(), row_upper.data());
}

void LpModel::Configure() {
  Clp_Simplex* clp = Clp(model_);
  Clp_setLogLevel(clp, 0);
  Clp_setPrimalTolerance(clp, kPrimalTolerance);
  Clp_setDualTolerance(clp, kDualTolerance);
  Clp_setOptimizationDirection(clp, 1.0);
}

bool LpModel::DualCertificateHolds() const {
  // Weak duality turned around: with duals of the right sign, the dual objective (rows and
  // columns at the bounds their duals point to) must equal the primal objective. CLP has
  // been seen to end a warm primal solve "optimal" with duals near its infeasibility
  // weight (1e10), which would make the max-min rounds block the wrong participants.
  Clp_Simplex* clp = Clp(model_);
  const double* x = Clp_getColSolution(clp);
  const double* d = Clp_getReducedCost(clp);
  const double* y = Clp_getRowPrice(clp);
  const double* activity = Clp_getRowActivity(clp);
  double largest_cost = 1;
  for (double c : objective_) largest_cost = std::max(largest_cost, std::fabs(c));
  const double tolerance = 1e-6 * largest_cost;
  // Legitimate duals of these LPs stay far below this (objective coefficients and weights
  // are in [0.001, 1000], hours below 1e6); CLP's infeasibility weight is 1e10.
  const double largest_dual = 1e8 * largest_cost;
  double primal = 0;
  double dual = 0;
  double magnitude = 0;
  auto add = [&](double price, double value, double lower, double upper) {
    if (!(std::fabs(price) <= largest_dual)) return false;
    double term = price * value;
    if (price > tolerance) {
      if (!std::isfinite(lower)) return false;
      term = price * lower;
    } else if (price < -tolerance) {
      if (!std::isfinite(upper)) return false;
      term = price * upper;
    }
    if (!std::isfinite(term)) return false;
    dual += term;
    magnitude += std::fabs(term);
    return true;
  };
  for (int j = 0; j < num_columns(); ++j) {
    primal += objective_[j] * x[j];
    if (!add(d[j], x[j], column_lower_[j], column_upper_[j])) return false;
  }
  for (int i = 0; i < num_rows(); ++i) {
    if (!add(y[i], activity[i], row_lower_[i], row_upper_[i])) return false;
  }
  return std::fabs(primal - dual) <= 1e-6 * std::max(1.0, std::fabs(primal)) + 1e-9 * magnitude;
}

double LpModel::MaxViolation() const {
  Clp_Simplex* clp = Clp(model_);
  const double* x = Clp_getColSolution(clp);
  const double* activity = Clp_getRowActivity(clp);
  double worst = 0;
  for (int j = 0; j < num_columns(); ++j) {
    if (!std::isfinite(x[j])) return kInfinity;
    worst = std::max(worst, Violation(x[j], column_lower_[j], column_upper_[j]));
  }
  for (int i = 0; i < num_rows(); ++i) {
    if (!std::isfinite(activity[i])) return kInfinity;
    worst = std::max(worst, Violation(activity[i], row_lower_[i], row_upper_[i]));
  }
  return worst;
}

absl::Status LpModel::Solve(absl::string_view stage) {
  Flush();
  iterations_ = 0;
  bool ok = false;
  for (Attempt attempt :
       {Attempt::kWarm, Attempt::kDual, Attempt::kFreshDual, Attempt::kFreshUnscaledPrimal}) {
    ok = RunSolver(attempt);
    if (ok) break;
  }
  if (!ok) {
    Clp_Simplex* clp = Clp(model_);
    return absl::InternalError(absl::StrFormat(
        "capacity LP '%s' (%d columns, %d rows) was not solved to optimality: CLP status %d, "
        "secondary status %d, largest violation %g",
        stage, num_columns(), num_rows(), Clp_status(clp), Clp_secondaryStatus(clp),
        MaxViolation()));
  }
  const double* x = Clp_getColSolution(Clp(model_));
  objective_value_ = 0;
  for (int j = 0; j < num_columns(); ++j) objective_value_ += objective_[j] * x[j];
  return absl::OkStatus();
}

const double* LpModel::column_values() const { return Clp_getColSolution(Clp(model_)); }
const double* LpModel::row_duals() const { return Clp_getRowPrice(Clp(model_)); }
const double* LpModel::row_activities() const { return Clp_getRowActivity(Clp(model_)); }

LinearProgram LpModel::Program() const {
  Clp_Simplex* clp = Clp(model_);
  LinearProgram lp;
  const int columns = Clp_getNumCols(clp);
  const int rows = Clp_getNumRows(clp);
  lp.column_names = column_names_;
  lp.row_names = row_names_;
  const double* cl = Clp_getColLower(clp);
  const double* cu = Clp_getColUpper(clp);
  const double* obj = Clp_getObjCoefficients(clp);
  for (int j = 0; j < columns; ++j) {
    lp.column_lower.push_back(FromClp(cl[j]));
    lp.column_upper.push_back(FromClp(cu[j]));
    lp.objective.push_back(obj[j]);
  }
  const double* rl = Clp_getRowLower(clp);
  const double* ru = Clp_getRowUpper(clp);
  for (int i = 0; i < rows; ++i) {
    lp.row_lower.push_back(FromClp(rl[i]));
    lp.row_upper.push_back(FromClp(ru[i]));
  }
  // CLP's matrix may have gaps after SetCoefficient(): read each column by its length.
  const CoinBigIndex* starts = Clp_getVectorStarts(clp);
  const int* lengths = Clp_getVectorLengths(clp);
  const int* indices = Clp_getIndices(clp);
  const double* elements = Clp_getElements(clp);
  lp.column_starts.push_back(0);
  for (int j = 0; j < columns; ++j) {
    for (CoinBigIndex k = starts[j]; k < starts[j] + lengths[j]; ++k) {
      lp.row_indices.push_back(indices[k]);
      lp.values.push_back(elements[k]);
    }
    lp.column_starts.push_back(static_cast<int>(lp.row_indices.size()));
  }
  return lp;
}

LpSolution LpModel::Solution() const {
  Clp_Simplex* clp = Clp(model_);
  const int columns = Clp_getNumCols(clp);
  const int rows = Clp_getNumRows(clp);
  LpSolution s;
  s.objective_value = objective_value_;
  s.iterations = iterations_;
  const double* x = Clp_getColSolution(clp);
  const double* d = Clp_getReducedCost(clp);
  const double* y = Clp_getRowPrice(clp);
  const double* ax = Clp_getRowActivity(clp);
  s.column_values.assign(x, x + columns);
  s.reduced_costs.assign(d, d + columns);
  s.row_duals.assign(y, y + rows);
  s.row_activities.assign(ax, ax + rows);
  return s;
}

}  // namespace paraat::capacity
