// SPDX-License-Identifier: EUPL-1.2
#include "tests/bench/support/gbench.h"

#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"

namespace paraat::bench {
namespace {

double ToNanoseconds(double value, benchmark::TimeUnit unit) {
  switch (unit) {
    case benchmark::kNanosecond: return value;
    case benchmark::kMicrosecond: return value * 1e3;
    case benchmark::kMillisecond: return value * 1e6;
    case benchmark::kSecond: return value * 1e9;
  }
  return value;
}

// The console table as usual, and every run kept.
class CollectingReporter final : public benchmark::ConsoleReporter {
 public:
  explicit CollectingReporter(BenchmarkRun* out) : out_(out) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    benchmark::ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) {
        ++out_->errors;
        continue;
      }
      if (run.run_type != Run::RT_Iteration) continue;
      BenchmarkResult r;
      r.name = run.benchmark_name();
      r.real_ns = ToNanoseconds(run.GetAdjustedRealTime(), run.time_unit);
      r.cpu_ns = ToNanoseconds(run.GetAdjustedCPUTime(), run.time_unit);
      r.iterations = static_cast<int64_t>(run.iterations);
      for (const auto& [key, counter] : run.counters) r.counters[key] = counter.value;
      out_->results.push_back(std::move(r));
    }
  }

 private:
  BenchmarkRun* out_;
};

}  // namespace

std::optional<double> BenchmarkResult::counter(absl::string_view key) const {
  auto it = counters.find(std::string(key));
  if (it == counters.end()) return std::nullopt;
  return it->second;
}

const BenchmarkResult* BenchmarkRun::Find(absl::string_view name) const {
  for (const BenchmarkResult& r : results) {
    if (r.name == name) return &r;
  }
  // The run options Google Benchmark appends to a name: "/min_time:3.000", "/iterations:3".
  for (const BenchmarkResult& r : results) {
    if (absl::StartsWith(r.name, absl::StrCat(name, "/min_time:")) ||
        absl::StartsWith(r.name, absl::StrCat(name, "/iterations:"))) {
      return &r;
    }
  }
  return nullptr;
}

BenchmarkRun RunGoogleBenchmarks(int argc, char** argv, const std::string& quick_filter,
                                 double quick_min_time) {
  BenchmarkRun run;
  std::vector<std::string> args;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strcmp(argv[i], "--quick") == 0) {
      run.quick = true;
    } else {
      args.emplace_back(argv[i]);
    }
  }
  if (run.quick) {
    args.insert(args.begin() + 1, absl::StrCat("--benchmark_min_time=", quick_min_time));
    if (!quick_filter.empty()) {
      args.insert(args.begin() + 1, absl::StrCat("--benchmark_filter=", quick_filter));
    }
  }
  std::vector<char*> ptrs;
  for (std::string& a : args) ptrs.push_back(a.data());
  ptrs.push_back(nullptr);
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, ptrs.data());
  benchmark::ReportUnrecognizedArguments(n, ptrs.data());
  CollectingReporter reporter(&run);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return run;
}

}  // namespace paraat::bench
