// SPDX-License-Identifier: EUPL-1.2
// Capacity proposals: the demo (6 municipalities x 6 ambitions, goal < 10 ms) and a
// national instance (342 municipalities in 25 regions x 10 ambitions, lending only inside
// a region, goal < 1 s), for both policies. Figures only (also through Figure() for
// ./scripts/bench); nothing passes or fails on time.

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "common/capacity/demo.h"
#include "common/capacity/model.h"
#include "common/capacity/reallocation.h"
#include "tests/bench/support/figures.h"
#include "tests/bench/support/gbench.h"

namespace paraat::capacity {
namespace {

// 342 municipalities over 25 regions (13 or 14 each), regular tasks plus nine ranked
// ambitions, staff of 1.5 to 40 FTE. A crisis claims hours in about a third of the
// municipalities; in a few regions more than the region can free, so shortfalls occur.
CapacityInput NationalInstance() {
  std::mt19937 rng(342);
  auto uniform = [&rng](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  CapacityInput in;
  in.ambitions.push_back({"regulier", "Reguliere aanpak", 1, 1.0, true});
  for (int a = 1; a <= 9; ++a) {
    in.ambitions.push_back({absl::StrCat("ambitie-", a), absl::StrCat("Ambitie ", a),
                            a <= 5 ? a : 5 + (a - 5 + 1) / 2, a % 3 == 0 ? 2.0 : 1.0, false});
  }
  constexpr int kMunicipalities = 342;
  constexpr int kRegions = 25;
  for (int m = 0; m < kMunicipalities; ++m) {
    Municipality mun;
    mun.key = absl::StrCat("gemeente-", m);
    mun.name = mun.key;
    mun.region = absl::StrCat("regio-", m % kRegions);
    mun.fte = std::round(uniform(1.5, 40) * 2) / 2;
    mun.available_hours = mun.fte * 36;
    mun.overtime_hours = m % 4 == 0 ? std::round(mun.fte) : 0;
    double left = mun.available_hours * uniform(0.93, 1.0);
    const double regular = std::round(left * 0.5);
    mun.plan.push_back({"regulier", regular, std::nullopt});
    left -= regular;
    for (int a = 1; a <= 9; ++a) {
      const double planned = std::round(left / (10 - a) * uniform(0.8, 1.2));
      const double hours = std::min(planned, left);
      left -= hours;
      mun.plan.push_back(
          {absl::StrCat("ambitie-", a), hours, std::round(hours * uniform(0.3, 0.8))});
    }
    in.municipalities.push_back(std::move(mun));
  }
  in.demand.crisis = "landelijke crisis";
  in.demand.week = {2026, 49};
  for (int m = 0; m < kMunicipalities; ++m) {
    if (m % 3 != 0) continue;
    const bool overwhelmed_region = (m % kRegions) < 3;
    const double fte = in.municipalities[m].fte;
    in.demand.hours.push_back(
        {in.municipalities[m].key,
         std::round(fte * 36 * (overwhelmed_region ? uniform(0.6, 1.0) : uniform(0.05, 0.3)))});
  }
  return in;
}

void Run(benchmark::State& state, const CapacityInput& in, Policy policy) {
  if (!Validate(in).ok()) {
    state.SkipWithError(std::string(Validate(in).message()).c_str());
    return;
  }
  size_t stages = 0;
  double iterations = 0;
  double shortfall = 0;
  for (auto _ : state) {
    absl::StatusOr<ReallocationPlan> plan = Propose(in, policy);
    if (!plan.ok()) {
      state.SkipWithError(std::string(plan.status().message()).c_str());
      return;
    }
    stages = plan->stages.size();
    iterations = 0;
    for (const Stage& s : plan->stages) iterations += s.iterations;
    shortfall = plan->total_shortfall_hours;
    benchmark::DoNotOptimize(plan);
  }
  state.counters["lps"] = static_cast<double>(stages);
  state.counters["simplex_iterations"] = iterations;
  state.counters["shortfall_h"] = shortfall;
}

void BM_DemoPriority(benchmark::State& state) { Run(state, DemoCapacity(), Policy::kPriority); }
void BM_DemoEqualShare(benchmark::State& state) { Run(state, DemoCapacity(), Policy::kEqualShare); }
void BM_NationalPriority(benchmark::State& state) {
  static const CapacityInput* in = new CapacityInput(NationalInstance());
  Run(state, *in, Policy::kPriority);
}
void BM_NationalEqualShare(benchmark::State& state) {
  static const CapacityInput* in = new CapacityInput(NationalInstance());
  Run(state, *in, Policy::kEqualShare);
}

BENCHMARK(BM_DemoPriority)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DemoEqualShare)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NationalPriority)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NationalEqualShare)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace paraat::capacity

int main(int argc, char** argv) {
  const paraat::bench::BenchmarkRun run = paraat::bench::RunGoogleBenchmarks(argc, argv);
  struct Case {
    const char* name;
    const char* figure;
    double goal_ms;
  };
  for (const Case& c : {
           Case{"BM_DemoPriority", "proposal, demo 6 municipalities x 6 ambitions, priority", 10},
           Case{"BM_DemoEqualShare", "proposal, demo 6 x 6, equal share", 10},
           Case{"BM_NationalPriority", "proposal, national 342 municipalities x 10, priority",
                1000},
           Case{"BM_NationalEqualShare", "proposal, national 342 x 10, equal share", 1000},
       }) {
    const paraat::bench::BenchmarkResult* r = run.Find(c.name);
    if (r == nullptr) continue;
    paraat::bench::Figure({.area = "capacity",
                           .figure = absl::StrCat(c.figure, " (",
                                                  r->counter("lps").value_or(0), " LPs)"),
                           .value = r->cpu_ms(),
                           .unit = "ms",
                           .goal = absl::StrCat("< ", c.goal_ms, " ms"),
                           .met = r->cpu_ms() < c.goal_ms});
  }
  return run.errors > 0 ? 1 : 0;
}
