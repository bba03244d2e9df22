// SPDX-License-Identifier: EUPL-1.2
// Test helpers for the roster solver: random instances, an independent check of the hard
// rules written straight from docs/roster-solver.md, and an exhaustive search.
#ifndef PARAAT_TESTS_COMMON_ROSTER_SOLVER_SOLVER_TEST_UTIL_H_
#define PARAAT_TESTS_COMMON_ROSTER_SOLVER_SOLVER_TEST_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"
#include "common/roster/rotation.h"
#include "common/roster/solver/holidays.h"
#include "common/roster/solver/problem.h"

namespace paraat::roster::solver::test {

inline absl::TimeZone Amsterdam() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &zone)) std::abort();
  return zone;
}

inline absl::Time Local(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), Amsterdam());
}

// Weekly slots from the Monday on or after `from` at `hour`:00 Amsterdam time.
inline std::vector<Slot> WeeklySlots(absl::CivilDay from, int count, int weekday = 1,
                                     int hour = 9) {
  directory::Pool pool;
  pool.handover_weekday = weekday;
  pool.handover_minute = hour * 60;
  const absl::StatusOr<std::vector<Interval>> slots = DutySlots(pool, from, count);
  if (!slots.ok()) std::abort();
  std::vector<Slot> out;
  for (const Interval& i : *slots) out.push_back({i, ""});
  return out;
}

inline PoolProblem MakePool(std::string key, std::vector<std::string> members,
                            std::vector<Slot> slots, int min_rest = 1) {
  PoolProblem pool;
  pool.key = std::move(key);
  pool.members = std::move(members);
  pool.slots = std::move(slots);
  pool.min_rest_shifts = min_rest;
  return pool;
}

// The rest end of docs/roster-solver.md, computed independently of the library.
inline absl::Time TestRestEnd(absl::Time end, const PoolProblem& pool) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(pool.time_zone, &zone)) std::abort();
  const absl::CivilSecond local = absl::ToCivilSecond(end, zone);
  const absl::CivilDay day = absl::CivilDay(local) + pool.min_rest_shifts * pool.shift_days;
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), local.hour(),
                                           local.minute(), local.second()),
                         zone);
}

struct TestDuty {
  int pool;
  int slot;  // -1: context duty
  Interval interval;
  absl::Time rest_end;
};

inline bool Compatible(const TestDuty& a, const TestDuty& b) {
  return b.interval.start >= a.rest_end || a.interval.start >= b.rest_end;
}

inline bool OnLeave(const RosterProblem& problem, const std::string& person, const Interval& i) {
  for (const Leave& l : problem.leave) {
    if (l.person == person && l.interval.start < i.end && i.start < l.interval.end) return true;
  }
  return false;
}

inline bool IsMember(const PoolProblem& pool, const std::string& person) {
  return std::find(pool.members.begin(), pool.members.end(), person) != pool.members.end();
}

// The hard rules, broken ones as readable strings. Rules among fixed and context duties
// alone are not the solver's and are left out; `allow_unfilled` skips the first rule.
inline std::vector<std::string> BrokenRules(const RosterProblem& problem, const Assignment& a,
                                            bool allow_unfilled = false) {
  std::vector<std::string> out;
  std::vector<std::pair<std::string, TestDuty>> duties;
  std::vector<bool> fixed_duty;
  for (int p = 0; p < static_cast<int>(problem.pools.size()); ++p) {
    const PoolProblem& pool = problem.pools[p];
    if (a.person.size() <= static_cast<size_t>(p) || a.person[p].size() != pool.slots.size()) {
      out.push_back(absl::StrCat("pool ", pool.key, " has the wrong number of slots"));
      return out;
    }
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      const std::string& person = a.person[p][s];
      const bool fixed = !pool.slots[s].fixed_person.empty();
      if (fixed && person != pool.slots[s].fixed_person) {
        out.push_back(absl::StrCat(pool.key, " slot ", s, ": fixed slot changed"));
      }
      if (person.empty()) {
        if (!allow_unfilled) out.push_back(absl::StrCat(pool.key, " slot ", s, ": unfilled"));
        continue;
      }
      if (!fixed && !IsMember(pool, person)) {
        out.push_back(absl::StrCat(pool.key, " slot ", s, ": ", person, " is not a member"));
      }
      if (!fixed && OnLeave(problem, person, pool.slots[s].interval)) {
        out.push_back(absl::StrCat(pool.key, " slot ", s, ": ", person, " is on leave"));
      }
      duties.push_back(
          {person, {p, s, pool.slots[s].interval, TestRestEnd(pool.slots[s].interval.end, pool)}});
      fixed_duty.push_back(fixed);
    }
    for (const ContextDuty& c : pool.context) {
      duties.push_back({c.person, {p, -1, c.interval, TestRestEnd(c.interval.end, pool)}});
      fixed_duty.push_back(true);
    }
  }
  for (size_t i = 0; i < duties.size(); ++i) {
    for (size_t j = i + 1; j < duties.size(); ++j) {
      if (duties[i].first != duties[j].first || (fixed_duty[i] && fixed_duty[j])) continue;
      if (!Compatible(duties[i].second, duties[j].second)) {
        out.push_back(absl::StrCat(duties[i].first, ": pool ", duties[i].second.pool, " slot ",
                                   duties[i].second.slot, " and pool ", duties[j].second.pool,
                                   " slot ", duties[j].second.slot, " are too close"));
      }
    }
  }
  return out;
}

// Lexicographic objective tuple.
inline std::tuple<int64_t, int64_t, int64_t> Key(const ObjectiveTerms& t) {
  return {t.fairness_scaled, t.spacing, t.preferences};
}

struct Exhaustive {
  int64_t rosters = 0;                 // complete rosters that keep every hard rule
  std::optional<ObjectiveTerms> best;  // lexicographically best among them
  int min_unfilled = 0;                // fewest unfilled slots (when asked for)
  bool gave_up = false;                // more than `limit` nodes
};

// Enumerates every roster of `problem` that keeps the hard rules. With `allow_unfilled`,
// also rosters with empty free slots, to find the fewest empty slots possible.
inline Exhaustive Search(const RosterProblem& problem, bool allow_unfilled,
                         int64_t limit = 2'000'000) {
  Exhaustive out;
  out.min_unfilled = 1 << 30;
  Assignment a = FixedAssignment(problem);
  std::vector<std::pair<std::string, TestDuty>> preset;
  struct FreeSlot {
    int pool;
    int slot;
  };
  std::vector<FreeSlot> free;
  for (int p = 0; p < static_cast<int>(problem.pools.size()); ++p) {
    const PoolProblem& pool = problem.pools[p];
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      const TestDuty d{p, s, pool.slots[s].interval, TestRestEnd(pool.slots[s].interval.end, pool)};
      if (pool.slots[s].fixed_person.empty()) {
        free.push_back({p, s});
      } else {
        preset.push_back({pool.slots[s].fixed_person, d});
      }
    }
    for (const ContextDuty& c : pool.context) {
      preset.push_back({c.person, {p, -1, c.interval, TestRestEnd(c.interval.end, pool)}});
    }
  }
  std::sort(free.begin(), free.end(), [&](const FreeSlot& x, const FreeSlot& y) {
    return problem.pools[x.pool].slots[x.slot].interval.start <
           problem.pools[y.pool].slots[y.slot].interval.start;
  });
  std::vector<std::pair<std::string, TestDuty>> chosen;
  int64_t nodes = 0;
  const absl::StatusOr<ObjectiveEvaluator> evaluator = ObjectiveEvaluator::Create(problem);
  if (!evaluator.ok()) std::abort();
  auto recurse = [&](auto&& self, size_t k, int unfilled) -> void {
    if (out.gave_up) return;
    if (++nodes > limit) {
      out.gave_up = true;
      return;
    }
    if (k == free.size()) {
      out.min_unfilled = std::min(out.min_unfilled, unfilled);
      if (unfilled > 0) return;
      ++out.rosters;
      absl::StatusOr<ObjectiveTerms> t = evaluator->Evaluate(a);
      if (!t.ok()) std::abort();
      if (!out.best || Key(*t) < Key(*out.best)) out.best = *t;
      return;
    }
    const FreeSlot f = free[k];
    const PoolProblem& pool = problem.pools[f.pool];
    const TestDuty d{f.pool, f.slot, pool.slots[f.slot].interval,
                     TestRestEnd(pool.slots[f.slot].interval.end, pool)};
    for (const std::string& person : pool.members) {
      if (OnLeave(problem, person, d.interval)) continue;
      bool ok = true;
      for (const auto& [who, other] : preset) ok = ok && (who != person || Compatible(d, other));
      for (const auto& [who, other] : chosen) ok = ok && (who != person || Compatible(d, other));
      if (!ok) continue;
      a.person[f.pool][f.slot] = person;
      chosen.push_back({person, d});
      self(self, k + 1, unfilled);
      chosen.pop_back();
      a.person[f.pool][f.slot] = "";
    }
    if (allow_unfilled) self(self, k + 1, unfilled + 1);
  };
  recurse(recurse, 0, 0);
  return out;
}

struct InstanceShape {
  int max_pools = 2;
  int min_slots = 6;
  int max_slots = 9;
  int min_members = 3;
  int max_members = 5;
};

// A random instance: 1..max_pools pools (the second with its handover on Wednesday 12:00,
// sometimes sharing a member with the first), weekly slots from a random Monday in
// 2026-2027, rest 0..2, some fixed slots (a few held by a former member), context duties
// before the horizon, leave, preferences and the Dutch holidays.
inline RosterProblem RandomInstance(uint32_t seed, const InstanceShape& shape = {}) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  RosterProblem problem;
  problem.holidays = DutchHolidays(2025, 2028);
  const absl::CivilDay from = absl::CivilDay(2026, 1, 5) + 7 * uniform(0, 100);
  const int pools = uniform(1, shape.max_pools);
  for (int p = 0; p < pools; ++p) {
    std::vector<std::string> members;
    const int n = uniform(shape.min_members, shape.max_members);
    for (int m = 0; m < n; ++m) members.push_back(absl::StrCat("p", p, "m", m));
    if (p > 0 && uniform(0, 1) == 1) members.back() = "p0m0";  // member of both pools
    std::vector<Slot> slots =
        p == 0 ? WeeklySlots(from, uniform(shape.min_slots, shape.max_slots))
               : WeeklySlots(from, uniform(shape.min_slots, shape.max_slots), 3, 12);
    PoolProblem pool = MakePool(absl::StrCat("pool", p), members, std::move(slots), uniform(0, 2));
    if (uniform(0, 2) == 0) pool.comfortable_rest_shifts = uniform(0, 4);
    for (Slot& slot : pool.slots) {
      const int r = uniform(0, 99);
      if (r < 12) slot.fixed_person = pool.members[uniform(0, n - 1)];
      if (r >= 12 && r < 14) slot.fixed_person = "former";
    }
    if (uniform(0, 2) == 0) {
      const Interval& first = pool.slots.front().interval;
      pool.context.push_back(
          {pool.members[uniform(0, n - 1)], {first.start - absl::Hours(168), first.start}});
    }
    problem.pools.push_back(std::move(pool));
  }
  const absl::Time begin = problem.pools[0].slots.front().interval.start;
  const absl::Time end = problem.pools[0].slots.back().interval.end;
  const int64_t hours = absl::ToInt64Hours(end - begin);
  for (const PoolProblem& pool : problem.pools) {
    for (const std::string& person : pool.members) {
      for (int k = uniform(0, 2); k > 0; --k) {
        const absl::Time start = begin + absl::Hours(uniform(0, static_cast<int>(hours)));
        problem.leave.push_back(
            {0, person, {start, start + absl::Hours(uniform(12, 240))}, "verlof"});
      }
      if (uniform(0, 3) == 0) {
        const absl::Time start = begin + absl::Hours(uniform(0, static_cast<int>(hours)));
        int weight = uniform(1, 5);
        if (uniform(0, 1) == 0) weight = -weight;
        problem.preferences.push_back({person, {start, start + absl::Hours(48)}, weight});
      }
    }
  }
  return problem;
}

}  // namespace paraat::roster::solver::test

#endif  // PARAAT_TESTS_COMMON_ROSTER_SOLVER_SOLVER_TEST_UTIL_H_
