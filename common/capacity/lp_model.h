// SPDX-License-Identifier: EUPL-1.2
// A linear program solved by COIN-OR CLP, changed in place between solves.
//
// The reallocation policies solve a sequence of LPs that differ by an objective, a few
// rows and a few bounds; LpModel keeps one CLP model so that every stage warm-starts from
// the previous optimal basis. Program() and Solution() expose the LP exactly as CLP holds
// it, so that tests can prove optimality independently of the solver.

#ifndef PARAAT_COMMON_CAPACITY_LP_MODEL_H_
#define PARAAT_COMMON_CAPACITY_LP_MODEL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace paraat::capacity {

// minimise objective . x  subject to  row_lower <= A x <= row_upper,
//                                     column_lower <= x <= column_upper.
// Infinite bounds are +-std::numeric_limits<double>::infinity().
struct LinearProgram {
  std::vector<std::string> column_names;
  std::vector<double> column_lower;
  std::vector<double> column_upper;
  std::vector<double> objective;
  std::vector<std::string> row_names;
  std::vector<double> row_lower;
  std::vector<double> row_upper;
  // A by column: column j's entries are at [column_starts[j], column_starts[j + 1]).
  std::vector<int> column_starts;
  std::vector<int> row_indices;
  std::vector<double> values;
};

// CLP's answer. Duals follow the minimisation convention: reduced_costs = objective - A^T
// row_duals; a row at its lower bound has a dual >= 0, at its upper bound <= 0.
struct LpSolution {
  double objective_value = 0.0;
  std::vector<double> column_values;
  std::vector<double> row_activities;
  std::vector<double> row_duals;
  std::vector<double> reduced_costs;
  int iterations = 0;
};

struct SolvedLp {
  LinearProgram program;
  LpSolution solution;
};

struct LpTerm {
  int index = 0;  // column index
  double coefficient = 0.0;
};

// Owns one CLP model (log level 0: CLP never prints). Not thread-safe; one per proposal.
class LpModel {
 public:
  LpModel();
  ~LpModel();
  LpModel(const LpModel&) = delete;
  LpModel& operator=(const LpModel&) = delete;

  // Appends a column with objective 0; returns its index. Bounds may be infinite.
  int AddColumn(std::string name, double lower, double upper);
  // Appends lower <= sum(terms) <= upper; returns its index. Terms name existing columns.
  int AddRow(std::string name, double lower, double upper, const std::vector<LpTerm>& terms);
  // Replaces the whole objective (columns not named get 0). Always minimised.
  void SetObjective(const std::vector<LpTerm>& terms);
  void SetColumnBounds(int column, double lower, double upper);
  void SetRowBounds(int row, double lower, double upper);
  // Sets A[row][column]; 0 removes the entry.
  void SetCoefficient(int row, int column, double value);

  // Solves to proven optimality. Tries, until one succeeds: primal simplex from the last
  // basis; dual simplex from it; dual simplex in a fresh CLP model; primal simplex without
  // scaling in a fresh CLP model. An attempt succeeds when CLP reports proven optimality
  // (status 0, secondary status 0), no bound or row is violated by more than 1e-6
  // (relative to the bound's size), and the duals certify it (right signs, dual objective
  // equal to the primal one). INTERNAL naming `stage` when no attempt succeeds.
  [[nodiscard]] absl::Status Solve(absl::string_view stage);

  int num_columns() const { return static_cast<int>(column_lower_.size()); }
  int num_rows() const { return static_cast<int>(row_lower_.size()); }

  // Valid after a successful Solve() and until the next change.
  const double* column_values() const;
  const double* row_duals() const;
  const double* row_activities() const;
  // objective . column_values(), computed from the objective as set.
  double objective_value() const { return objective_value_; }
  int iterations() const { return iterations_; }

  // The LP as CLP holds it, and CLP's solution. Valid after a successful Solve().
  [[nodiscard]] LinearProgram Program() const;
  [[nodiscard]] LpSolution Solution() const;

 private:
  struct PendingRow {
    double lower;
    double upper;
    std::vector<LpTerm> terms;
  };
  void Flush();
  enum class Attempt { kWarm, kDual, kFreshDual, kFreshUnscaledPrimal };
  bool RunSolver(Attempt attempt);
  void Reload();
  void Configure();
  bool DualCertificateHolds() const;
  double MaxViolation() const;

  void* model_;  // Clp_Simplex*
  bool loaded_ = false;
  bool column_bounds_dirty_ = false;
  bool row_bounds_dirty_ = false;
  bool objective_dirty_ = false;
  int loaded_columns_ = 0;
  std::vector<PendingRow> pending_rows_;
  std::vector<std::string> column_names_;
  std::vector<std::string> row_names_;
  std::vector<double> column_lower_;
  std::vector<double> column_upper_;
  std::vector<double> objective_;
  std::vector<double> row_lower_;
  std::vector<double> row_upper_;
  double objective_value_ = 0.0;
  int iterations_ = 0;
};

}  // namespace paraat::capacity

#endif  // PARAAT_COMMON_CAPACITY_LP_MODEL_H_
