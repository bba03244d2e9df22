// SPDX-License-Identifier: EUPL-1.2
// One figure of ./scripts/bench: a measured value, the baseline measured in the same run, the
// ratio between them and the goal the issue states. Every benchmark reports its figures with
// Figure(); ./scripts/bench collects them (PARAAT_FIGURES) into one Markdown table.

#ifndef PARAAT_TESTS_BENCH_SUPPORT_FIGURES_H_
#define PARAAT_TESTS_BENCH_SUPPORT_FIGURES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace paraat::bench {

// Every member has a default, so designated initializers may name only what they need
// (GCC's -Wmissing-field-initializers stays quiet): Figure({.area = "load", .figure = ...}).
struct FigureRow {
  std::string area = {};    // "roster", "crisis", "load", ... (the benchmark folder)
  std::string figure = {};  // what was measured, e.g. "who-is-on-duty QPS (8 clients)"
  double value = 0;
  std::string unit = {};  // "QPS", "ms", "us", "MB", "entries/s", ... (also the baseline's)
  // The baseline measured in the same run (empty name: none), and value / baseline_value.
  std::string baseline = {};
  std::optional<double> baseline_value = {};
  std::optional<double> ratio = {};
  std::string goal = {};         // e.g. ">= 0.8" (of the ratio) or "< 50 ms" (of the value)
  std::optional<bool> met = {};  // empty: no goal, or not decidable
};

// value / baseline (empty when the baseline is not positive).
std::optional<double> Ratio(double value, double baseline);

// Prints the row on stdout (one line, "FIGURE ...") and, when the environment variable
// PARAAT_FIGURES names a file, appends it there as one JSON object per line (one write(2),
// O_APPEND, so several processes may report into the same file). Without a ratio but with a
// baseline value, the ratio is value / baseline_value.
void Figure(const FigureRow& row);

// The JSON line Figure() appends (without the newline).
std::string FigureJson(const FigureRow& row);

// A number for a table: three significant digits, thousands kept whole ("12345", "0.0123").
std::string FormatNumber(double value);

}  // namespace paraat::bench

#endif  // PARAAT_TESTS_BENCH_SUPPORT_FIGURES_H_
