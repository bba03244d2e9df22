// SPDX-License-Identifier: EUPL-1.2
// The rest rule of a pool: after a duty, a person is free for at least min_rest_shifts x
// shift_days civil days before their next duty, in any pool. The solver keeps it when it
// makes a roster; swaps keep it too; emergency overrides may break it, and the final schedule
// then reports the clash. Pure.
#ifndef PARAAT_COMMON_ROSTER_REST_H_
#define PARAAT_COMMON_ROSTER_REST_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/directory/directory.h"

namespace paraat::roster {

// The end of the rest after a duty ending at `end` in a pool of `zone`: `end` plus
// `rest_days` civil days at the same local time (so a rest after a duty that ends Monday
// 09:00 ends on a later Monday 09:00, across a DST change too).
absl::Time RestEnd(absl::Time end, absl::TimeZone zone, int rest_days);

struct RestRule {
  absl::TimeZone zone;
  int rest_shifts = 0;  // the pool's min_rest_shifts
  int rest_days = 0;    // min_rest_shifts x shift_days

  absl::Time RestEndAfter(absl::Time duty_end) const { return RestEnd(duty_end, zone, rest_days); }
};

// The rest rule of `pool` (UTC when its time zone does not load; the directory refuses such
// zones, so that only guards old data).
RestRule RestRuleOf(const directory::Pool& pool);

// The rest rules of the pools, by key.
std::map<std::string, RestRule> RestRulesOf(const std::map<std::string, directory::Pool>& pools);

// How far before and after a change a snapshot has to reach to see every duty that the rest
// rule relates to it: one duty plus its rest, in the pool that asks for the most, plus a day
// for DST changes.
absl::Duration RestReach(const std::vector<directory::Pool>& pools);
absl::Duration RestReach(const std::map<std::string, directory::Pool>& pools);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_REST_H_
