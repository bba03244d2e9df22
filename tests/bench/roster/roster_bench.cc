// SPDX-License-Identifier: EUPL-1.2
// The final schedule at the size of Tweestromenland: a year of week-long duties in two pools
// with 50 approved swaps and 50 overrides. Measures resolving the whole year for both pools
// (what `paraat roster gaps` and the coverage reports do) and OnDutyAt ("who is on duty
// now", goal < 1 ms at the server). Larger inputs show how the cost grows. The baseline of
// OnDutyAt is the least any lookup costs: a binary search in the sorted duty starts of the
// pool. Prints figures (also through Figure() for ./scripts/bench); never fails on time.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "common/directory/directory.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"
#include "common/roster/rotation.h"
#include "tests/bench/support/figures.h"
#include "tests/bench/support/gbench.h"

namespace paraat::roster {
namespace {

const std::vector<std::string>& PoolKeys() {
  static const std::vector<std::string> pools = {"west", "oost"};
  return pools;
}

// A year from Monday 4 January 2027 in both pools, with `changes` approved swaps and
// `changes` overrides spread over the pools at random (fixed seed).
struct Year {
  ScheduleInput input;
  Interval window;
};

Year MakeYear(int shift_days, int changes) {
  Year y;
  std::mt19937 rng(2027);
  int64_t id = 1;
  for (const std::string& key : PoolKeys()) {
    directory::Pool pool;
    pool.key = key;
    pool.shift_days = shift_days;
    for (int m = 0; m < 8; ++m) pool.members.push_back(absl::StrCat(key, "-officer-", m));
    absl::StatusOr<std::vector<RosterShift>> shifts =
        Rotate(pool, absl::CivilDay(2027, 1, 4), 52, pool.members);
    if (!shifts.ok()) std::abort();
    for (RosterShift& s : *shifts) {
      s.id = id++;
      s.published = true;
      y.input.shifts.push_back(std::move(s));
    }
  }
  y.window = {y.input.shifts.front().interval.start, y.input.shifts.back().interval.end};
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto within = [&](const Interval& i) {
    const int64_t minutes = absl::ToInt64Minutes(i.end - i.start);
    const int64_t a = std::uniform_int_distribution<int64_t>(0, minutes - 1)(rng);
    const int64_t b = std::uniform_int_distribution<int64_t>(a + 1, minutes)(rng);
    return Interval{i.start + absl::Minutes(a), i.start + absl::Minutes(b)};
  };
  for (int k = 0; k < changes; ++k) {
    const RosterShift& give = y.input.shifts[pick(y.input.shifts.size())];
    const RosterShift& back = y.input.shifts[pick(y.input.shifts.size())];
    Swap s;
    s.id = id++;
    s.pool = give.pool;
    s.shift_id = give.id;
    s.giver = give.person;
    s.taker = back.person;
    s.interval = within(give.interval);
    s.status = SwapStatus::kApproved;
    if (back.pool == give.pool && k % 2 == 0) {
      s.return_shift_id = back.id;
      s.return_interval = within(back.interval);
    }
    for (const Replacement& r : ReplacementsOf(s)) y.input.replacements.push_back(r);
  }
  for (int k = 0; k < changes; ++k) {
    Override o;
    o.id = id++;
    o.pool = PoolKeys()[pick(2)];
    o.person = absl::StrCat(o.pool, "-officer-", pick(8));
    const Interval i = within(y.window);
    o.interval = {i.start, std::min(i.end, i.start + absl::Hours(48))};
    y.input.overrides.push_back(o);
  }
  return y;
}

// args: shift days, swaps (and as many overrides).
void BM_ResolveYearBothPools(benchmark::State& state) {
  const Year y = MakeYear(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  size_t slices = 0;
  for (auto _ : state) {
    slices = 0;
    for (const std::string& pool : PoolKeys()) {
      std::vector<DutySlice> s = ResolvePool(y.input, pool, y.window);
      slices += s.size();
      benchmark::DoNotOptimize(s);
    }
  }
  state.counters["shifts"] = static_cast<double>(y.input.shifts.size());
  state.counters["slices"] = static_cast<double>(slices);
}
BENCHMARK(BM_ResolveYearBothPools)
    ->ArgNames({"shift_days", "swaps+overrides"})
    ->Args({7, 50})
    ->Args({7, 500})
    ->Args({1, 50})
    ->Args({1, 500})
    ->Unit(benchmark::kMicrosecond);

// One call for one pool at a random instant of the year.
void BM_OnDutyAt(benchmark::State& state) {
  const Year y = MakeYear(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  std::mt19937_64 rng(9);
  std::vector<absl::Time> instants;
  instants.reserve(1024);
  const int64_t span = absl::ToInt64Seconds(y.window.end - y.window.start);
  for (int k = 0; k < 1024; ++k) {
    instants.push_back(y.window.start +
                       absl::Seconds(std::uniform_int_distribution<int64_t>(0, span - 1)(rng)));
  }
  size_t k = 0;
  for (auto _ : state) {
    const std::string& pool = PoolKeys()[k & 1];
    benchmark::DoNotOptimize(OnDutyAt(y.input, pool, instants[k % instants.size()]));
    ++k;
  }
}
// The baseline: the same instants and pools, a binary search in each pool's sorted duty
// starts (who holds the duty, without swaps and overrides).
void BM_OnDutyAtBinarySearchBaseline(benchmark::State& state) {
  const Year y = MakeYear(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  std::vector<std::vector<absl::Time>> starts(2);
  std::vector<std::vector<const std::string*>> people(2);
  for (const RosterShift& s : y.input.shifts) {
    const size_t p = s.pool == PoolKeys()[0] ? 0 : 1;
    starts[p].push_back(s.interval.start);
    people[p].push_back(&s.person);
  }
  std::mt19937_64 rng(9);
  std::vector<absl::Time> instants;
  instants.reserve(1024);
  const int64_t span = absl::ToInt64Seconds(y.window.end - y.window.start);
  for (int k = 0; k < 1024; ++k) {
    instants.push_back(y.window.start +
                       absl::Seconds(std::uniform_int_distribution<int64_t>(0, span - 1)(rng)));
  }
  size_t k = 0;
  for (auto _ : state) {
    const size_t p = k & 1;
    const auto it =
        std::upper_bound(starts[p].begin(), starts[p].end(), instants[k % instants.size()]);
    const std::string* who = it == starts[p].begin() ? nullptr : people[p][it - starts[p].begin() - 1];
    benchmark::DoNotOptimize(who);
    ++k;
  }
}
BENCHMARK(BM_OnDutyAtBinarySearchBaseline)
    ->ArgNames({"shift_days", "swaps+overrides"})
    ->Args({7, 50})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_OnDutyAt)
    ->ArgNames({"shift_days", "swaps+overrides"})
    ->Args({7, 50})
    ->Args({7, 500})
    ->Args({1, 500})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace paraat::roster

int main(int argc, char** argv) {
  using paraat::bench::Figure;
  const paraat::bench::BenchmarkRun run = paraat::bench::RunGoogleBenchmarks(argc, argv);
  const paraat::bench::BenchmarkResult* base =
      run.Find("BM_OnDutyAtBinarySearchBaseline/shift_days:7/swaps+overrides:50");
  struct Case {
    const char* args;
    const char* what;
  };
  for (const Case& c : {Case{"7/swaps+overrides:50", "week duties, 50 swaps + 50 overrides"},
                        Case{"7/swaps+overrides:500", "week duties, 500 swaps + 500 overrides"},
                        Case{"1/swaps+overrides:500", "day duties, 500 swaps + 500 overrides"}}) {
    const auto* r = run.Find(absl::StrCat("BM_OnDutyAt/shift_days:", c.args));
    if (r == nullptr) continue;
    paraat::bench::FigureRow row{
        .area = "roster",
        .figure = absl::StrCat("who is on duty now (OnDutyAt), a year of ", c.what),
        .value = r->cpu_us(),
        .unit = "us",
        .goal = "< 1000 us",
        .met = r->cpu_us() < 1000};
    if (base != nullptr && std::string(c.args) == "7/swaps+overrides:50") {
      row.baseline = "binary search in the duty starts";
      row.baseline_value = base->cpu_us();
    }
    Figure(row);
  }
  for (const Case& c : {Case{"7/swaps+overrides:50", "week duties, 50 swaps + 50 overrides"},
                        Case{"1/swaps+overrides:500", "day duties, 500 swaps + 500 overrides"}}) {
    const auto* r = run.Find(absl::StrCat("BM_ResolveYearBothPools/shift_days:", c.args));
    if (r == nullptr) continue;
    Figure({.area = "roster",
            .figure = absl::StrCat("final schedule of a year, both pools, ", c.what),
            .value = r->cpu_us(),
            .unit = "us"});
  }
  return run.errors > 0 ? 1 : 0;
}
