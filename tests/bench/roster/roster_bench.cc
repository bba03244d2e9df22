// SPDX-License-Identifier: EUPL-1.2
// The final schedule at the size of Tweestromenland: a year of week-long duties in two pools
// with 50 approved swaps and 50 overrides. Measures resolving the whole year for both pools
// (what `paraat roster gaps` and the coverage reports do) and OnDutyAt ("who is on duty
// now", goal < 1 ms at the server). Larger inputs show how the cost grows. Prints figures;
// never fails on time.
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
BENCHMARK(BM_OnDutyAt)
    ->ArgNames({"shift_days", "swaps+overrides"})
    ->Args({7, 50})
    ->Args({7, 500})
    ->Args({1, 500})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace paraat::roster
