// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/snapshot.h"

#include <algorithm>

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
  return FindClashes(schedules, leave, RestRulesOf(pools));
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
