// SPDX-License-Identifier: EUPL-1.2
// For benchmarks written with Google Benchmark: run them as benchmark_main would (same flags,
// same console table) and hand back the results, so main() can report them as figures.
#ifndef PARAAT_TESTS_BENCH_SUPPORT_GBENCH_H_
#define PARAAT_TESTS_BENCH_SUPPORT_GBENCH_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace paraat::bench {

struct BenchmarkResult {
  std::string name;  // e.g. "BM_OnDutyAt/shift_days:7/swaps+overrides:50"
  double real_ns = 0;  // wall time per iteration
  double cpu_ns = 0;
  int64_t iterations = 0;
  std::map<std::string, double> counters;  // as printed (rates already divided)
  double real_ms() const { return real_ns / 1e6; }
  double real_us() const { return real_ns / 1e3; }
  // CPU time of the benchmark's thread: what single-threaded code costs, without the time
  // other processes took the core (the figures of single-threaded benchmarks use it).
  double cpu_ms() const { return cpu_ns / 1e6; }
  double cpu_us() const { return cpu_ns / 1e3; }
  std::optional<double> counter(absl::string_view key) const;
};

struct BenchmarkRun {
  bool quick = false;  // --quick was given
  std::vector<BenchmarkResult> results;  // iteration runs without errors, in order
  int errors = 0;                        // benchmarks that reported an error
  // By name, ignoring the "/min_time:..." or "/iterations:..." Google Benchmark appends.
  const BenchmarkResult* Find(absl::string_view name) const;
};

// Removes --quick from argv (then: --benchmark_min_time=`quick_min_time` and, when not empty,
// --benchmark_filter=`quick_filter`), initializes Google Benchmark with the rest, runs the
// registered benchmarks with the console reporter and returns what they measured.
BenchmarkRun RunGoogleBenchmarks(int argc, char** argv, const std::string& quick_filter = "",
                                 double quick_min_time = 0.05);

}  // namespace paraat::bench

#endif  // PARAAT_TESTS_BENCH_SUPPORT_GBENCH_H_
