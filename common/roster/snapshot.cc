// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/snapshot.h"

#include <algorithm>

#include "common/roster/rules.h"

namespace paraat::roster {

std::map<std::string, std::vector<DutySlice>> RosterSnapshot::Schedules() const {
  std::map<std::string, std::vector<DutySlice>> out;
  for (const auto& [key, pool] : pools) out[key] = ResolvePool(input, key, window);
  return out;
}

ResolvedRoster ResolvedRoster::Of(RosterSnapshot s) {
  ResolvedRoster r;
  r.schedules = s.Schedules();
  r.snapshot = std::move(s);
  return r;
}

std::vector<DutySlice> RosterSnapshot::Schedule(absl::string_view pool) const {
  return ResolvePool(input, pool, window);
}

std::vector<Clash> RosterSnapshot::Clashes(
    const std::map<std::string, std::vector<DutySlice>>& schedules) const {
  std::vector<Clash> out = FindClashes(schedules, leave, RestRulesOf(pools));
  // Duties from now on of someone the directory no longer lets serve there (deactivated,
  // removed from the pool, a qualification taken away): one clash per unbroken stretch.
  for (const auto& [key, slices] : schedules) {
    auto pool = pools.find(key);
    if (pool == pools.end()) continue;
    for (const DutySlice& d : slices) {
      if (d.interval.end <= now) continue;
      const std::string why = SliceIneligibility(*this, pool->second, d);
      if (why.empty()) continue;
      const Interval part{std::max(d.interval.start, now), d.interval.end};
      Clash* last = out.empty() ? nullptr : &out.back();
      if (last != nullptr && last->kind == ClashKind::kNotEligible && last->person == d.person &&
          last->pool == key && last->reason == why && last->interval.end == part.start) {
        last->interval.end = part.end;
        last->published = last->published || d.published;
        continue;
      }
      Clash c;
      c.kind = ClashKind::kNotEligible;
      c.person = d.person;
      c.interval = part;
      c.pool = key;
      c.published = d.published;
      c.reason = why;
      out.push_back(std::move(c));
    }
  }
  return out;
}

const Swap* RosterSnapshot::FindSwap(int64_t id) const {
  for (const Swap& s : swaps) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const RosterShift* RosterSnapshot::FindShift(int64_t id) const {
  for (const RosterShift& s : input.shifts) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

RosterSnapshot RosterSnapshot::WithoutSwap(int64_t swap_id) const {
  RosterSnapshot out = *this;
  std::vector<Replacement>& r = out.input.replacements;
  r.erase(std::remove_if(r.begin(), r.end(),
                         [&](const Replacement& x) { return x.swap_id == swap_id; }),
          r.end());
  return out;
}

}  // namespace paraat::roster
