// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/mip.h"

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include <coin/Cbc_C_Interface.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace paraat::roster::solver {

namespace {

// CbcMain1, which Cbc_solve runs, keeps parser and signal state in globals.
absl::Mutex& CbcMutex() {
  static absl::Mutex* mutex = new absl::Mutex();
  return *mutex;
}

struct CbcModelDeleter {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};

// CbcMain1 installs its own SIGINT handler while it runs (Ctrl-C stops the search). Put the
// process's handler back afterwards whatever CBC does, so a server keeps its own shutdown.
class SigintGuard {
 public:
  SigintGuard() { saved_ok_ = sigaction(SIGINT, nullptr, &saved_) == 0; }
  ~SigintGuard() {
    if (saved_ok_) sigaction(SIGINT, &saved_, nullptr);
  }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  struct sigaction saved_ {};
  bool saved_ok_ = false;
};

}  // namespace

int Mip::AddColumn(double lower, double upper, double cost, bool integer) {
  col_lower_.push_back(lower);
  col_upper_.push_back(upper);
  cost_.push_back(cost);
  integer_.push_back(integer ? 1 : 0);
  return static_cast<int>(col_lower_.size()) - 1;
}

void Mip::AddRow(double lower, double upper, const std::vector<std::pair<int, double>>& terms) {
  const int row = static_cast<int>(row_lower_.size());
  row_lower_.push_back(lower);
  row_upper_.push_back(upper);
  for (const auto& [column, value] : terms) {
    entry_col_.push_back(column);
    entry_row_.push_back(row);
    entry_value_.push_back(value);
  }
}

absl::StatusOr<Mip::Result> Mip::Solve(absl::Duration time_limit,
                                       const std::vector<double>& start) const {
  const int n = num_columns();
  const int m = num_rows();
  if (!start.empty() && static_cast<int>(start.size()) != n) {
    return absl::InternalError(
        absl::StrCat("MIP start has ", start.size(), " values for ", n, " columns"));
  }
  for (size_t e = 0; e < entry_col_.size(); ++e) {
    if (entry_col_[e] < 0 || entry_col_[e] >= n) {
      return absl::InternalError(
          absl::StrCat("MIP row ", entry_row_[e], " uses column ", entry_col_[e], " of ", n));
    }
  }
  Result result;
  if (n == 0) {
    // Nothing to decide; CBC is not needed (and an empty model is not what it expects).
    for (int r = 0; r < m; ++r) {
      if (row_lower_[r] > 1e-9 || row_upper_[r] < -1e-9) {
        result.outcome = Outcome::kInfeasible;
        return result;
      }
    }
    result.outcome = Outcome::kOptimal;
    return result;
  }

  // Column-major matrix, duplicate (row, column) entries summed.
  std::vector<int> order(entry_col_.size());
  for (size_t e = 0; e < order.size(); ++e) order[e] = static_cast<int>(e);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return entry_col_[a] != entry_col_[b] ? entry_col_[a] < entry_col_[b]
                                          : entry_row_[a] < entry_row_[b];
  });
  std::vector<CoinBigIndex> starts(static_cast<size_t>(n) + 1, 0);
  std::vector<int> index;
  std::vector<double> value;
  index.reserve(order.size());
  value.reserve(order.size());
  int column = 0;
  for (int e : order) {
    while (column < entry_col_[e]) starts[++column] = static_cast<CoinBigIndex>(index.size());
    if (!index.empty() && static_cast<CoinBigIndex>(index.size()) > starts[column] &&
        index.back() == entry_row_[e]) {
      value.back() += entry_value_[e];
    } else {
      index.push_back(entry_row_[e]);
      value.push_back(entry_value_[e]);
    }
  }
  while (column < n) starts[++column] = static_cast<CoinBigIndex>(index.size());

  const absl::Time began = absl::Now();
  absl::MutexLock lock(&CbcMutex());
  std::unique_ptr<Cbc_Model, CbcModelDeleter> model(Cbc_newModel());
  if (model == nullptr) return absl::ResourceExhaustedError("CBC could not create a model");
  Cbc_Model* cbc = model.get();
  Cbc_setLogLevel(cbc, 0);
  Cbc_loadProblem(cbc, n, m, starts.data(), index.data(), value.data(), col_lower_.data(),
                  col_upper_.data(), cost_.data(), row_lower_.data(), row_upper_.data());
  if (Cbc_getNumCols(cbc) != n || Cbc_getNumRows(cbc) != m) {
    return absl::InternalError(absl::StrCat("CBC loaded ", Cbc_getNumCols(cbc), " columns and ",
                                            Cbc_getNumRows(cbc), " rows; the model has ", n,
                                            " and ", m));
  }
  std::vector<int> start_columns;
  std::vector<double> start_values;
  for (int c = 0; c < n; ++c) {
    if (!integer_[c]) continue;
    Cbc_setInteger(cbc, c);
    if (!start.empty()) {
      start_columns.push_back(c);
      start_values.push_back(std::round(start[c]));
    }
  }
  Cbc_setObjSense(cbc, 1.0);
  // Exact optimality: the objectives built here are integers or multiples of a known unit,
  // so no relative gap is allowed.
  Cbc_setAllowableFractionGap(cbc, 0.0);
  Cbc_setAllowableGap(cbc, 1e-7);
  // Wall time, not CPU time (CBC's default): on a shared machine CPU seconds run slower.
  Cbc_setParameter(cbc, "timeMode", "elapsed");
  Cbc_setMaximumSeconds(cbc, std::max(0.01, absl::ToDoubleSeconds(time_limit)));
  if (!start_columns.empty()) {
    // CBC 2.10.8 crashes (segfault in CglPreProcess::postProcess) when the time limit stops
    // a search that has a known solution from the start, after preprocessing. Without
    // preprocessing that path is never taken.
    Cbc_setParameter(cbc, "preprocess", "off");
    Cbc_setMIPStartI(cbc, static_cast<int>(start_columns.size()), start_columns.data(),
                     start_values.data());
  }
  int status = 0;
  {
    SigintGuard guard;
    // CBC is C++ behind a C interface; nothing may escape into Paraat, which uses no
    // exceptions.
    try {
      status = Cbc_solve(cbc);
    } catch (...) {
      return absl::InternalError("CBC failed with an exception while solving");
    }
  }
  result.time = absl::Now() - began;
  result.nodes = Cbc_getNodeCount(cbc);
  if (Cbc_isAbandoned(cbc)) {
    return absl::InternalError(
        absl::StrCat("CBC abandoned the search (numerical difficulties), status ", status,
                     ", secondary status ", Cbc_secondaryStatus(cbc)));
  }
  const double* best = Cbc_bestSolution(cbc);
  const bool optimal = Cbc_isProvenOptimal(cbc) != 0;
  result.cbc_status = status;
  result.cbc_secondary_status = Cbc_secondaryStatus(cbc);
  // A search the clock stopped proves nothing, whatever CBC's flags say afterwards.
  const bool stopped_by_clock = Cbc_isSecondsLimitReached(cbc) != 0 ||
                                result.cbc_secondary_status == 4 || result.time >= time_limit;
  if (Cbc_isProvenInfeasible(cbc) && best == nullptr && !stopped_by_clock) {
    result.outcome = Outcome::kInfeasible;
    return result;
  }
  if (best == nullptr) {
    if (optimal) return absl::InternalError("CBC reports an optimum but no solution");
    result.outcome = Outcome::kNoSolution;
    result.best_bound = Cbc_getBestPossibleObjValue(cbc);
    if (!std::isfinite(result.best_bound)) result.best_bound = -kInfinity;
    return result;
  }
  result.values.assign(best, best + n);
  result.objective = Cbc_getObjValue(cbc);
  result.best_bound = Cbc_getBestPossibleObjValue(cbc);
  if (!std::isfinite(result.objective)) {
    return absl::InternalError("CBC returned a solution with an infinite objective");
  }
  if (optimal || !std::isfinite(result.best_bound) || result.best_bound > result.objective) {
    // Proven optimal: the bound is the objective (CBC's own bound may be stale after the
    // search closes). A bound CBC could not give is no bound at all.
    result.best_bound =
        optimal ? result.objective
                : std::min(result.objective,
                           std::isfinite(result.best_bound) ? result.best_bound : -kInfinity);
  }
  result.outcome = optimal ? Outcome::kOptimal : Outcome::kFeasible;
  return result;
}

}  // namespace paraat::roster::solver
