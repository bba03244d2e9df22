// SPDX-License-Identifier: EUPL-1.2
// A mixed-integer program built row by row and solved with COIN-OR CBC through its C
// interface: silent, with a time budget, every outcome turned into a status or a result.
#ifndef PARAAT_COMMON_ROSTER_SOLVER_MIP_H_
#define PARAAT_COMMON_ROSTER_SOLVER_MIP_H_

#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace paraat::roster::solver {

// Minimise cost . x subject to row_lower <= A x <= row_upper, col_lower <= x <= col_upper,
// some columns integer. Build it, then Solve() it; the object is not changed by solving.
class Mip {
 public:
  static constexpr double kInfinity = 1e30;

  // Returns the column's index.
  int AddColumn(double lower, double upper, double cost, bool integer);
  // Adds lower <= sum(coefficient * column) <= upper. Terms on the same column are summed.
  void AddRow(double lower, double upper, const std::vector<std::pair<int, double>>& terms);

  int num_columns() const { return static_cast<int>(col_lower_.size()); }
  int num_rows() const { return static_cast<int>(row_lower_.size()); }
  double cost(int column) const { return cost_[column]; }
  void SetCost(int column, double cost) { cost_[column] = cost; }

  enum class Outcome {
    kOptimal,     // proven optimal
    kFeasible,    // stopped at the time budget with a solution
    kInfeasible,  // proven infeasible
    kNoSolution,  // stopped at the time budget without a solution
  };

  struct Result {
    Outcome outcome = Outcome::kNoSolution;
    std::vector<double> values;  // one per column when there is a solution
    double objective = 0;        // of `values`, as computed by CBC
    double best_bound = 0;       // CBC's best possible objective
    int nodes = 0;
    absl::Duration time;
    int cbc_status = -1;            // Cbc_status(), for diagnostics
    int cbc_secondary_status = -1;  // Cbc_secondaryStatus()
  };

  // Solves with CBC, log level 0, at most `time_limit` of wall time. `start`, when not
  // empty, is a feasible value for every column, passed to CBC as a MIP start (and then
  // CBC's preprocessing is off: see mip.cc). INTERNAL when CBC
  // abandons the search (numerical trouble) or returns something inconsistent.
  // Solves are serialised process-wide: CBC's CbcMain1 keeps global state.
  [[nodiscard]] absl::StatusOr<Result> Solve(absl::Duration time_limit,
                                             const std::vector<double>& start = {}) const;

 private:
  std::vector<double> col_lower_, col_upper_, cost_;
  std::vector<char> integer_;
  std::vector<double> row_lower_, row_upper_;
  // Matrix entries as (column, row, coefficient), ordered by insertion.
  std::vector<int> entry_col_, entry_row_;
  std::vector<double> entry_value_;
};

}  // namespace paraat::roster::solver

#endif  // PARAAT_COMMON_ROSTER_SOLVER_MIP_H_
