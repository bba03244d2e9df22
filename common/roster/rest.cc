// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/rest.h"

#include <algorithm>

#include "common/time/civil.h"

namespace paraat::roster {

absl::Time RestEnd(absl::Time end, absl::TimeZone zone, int rest_days) {
  if (rest_days == 0) return end;
  const absl::CivilSecond local = absl::ToCivilSecond(end, zone);
  const absl::CivilDay day = absl::CivilDay(local) + rest_days;
  return time::ResolveLocalLenient(absl::CivilSecond(day.year(), day.month(), day.day(),
                                                     local.hour(), local.minute(), local.second()),
                                   zone);
}

RestRule RestRuleOf(const directory::Pool& pool) {
  RestRule r;
  if (!absl::LoadTimeZone(pool.time_zone, &r.zone)) r.zone = absl::UTCTimeZone();
  r.rest_shifts = std::max(0, pool.min_rest_shifts);
  r.rest_days = r.rest_shifts * std::max(0, pool.shift_days);
  return r;
}

std::map<std::string, RestRule> RestRulesOf(const std::map<std::string, directory::Pool>& pools) {
  std::map<std::string, RestRule> out;
  for (const auto& [key, pool] : pools) out.emplace(key, RestRuleOf(pool));
  return out;
}

absl::Duration RestReach(const std::vector<directory::Pool>& pools) {
  int days = 0;
  for (const directory::Pool& pool : pools) {
    days = std::max(days, (std::max(0, pool.min_rest_shifts) + 1) * std::max(0, pool.shift_days));
  }
  return absl::Hours(24 * (days + 1));
}

absl::Duration RestReach(const std::map<std::string, directory::Pool>& pools) {
  std::vector<directory::Pool> list;
  for (const auto& [key, pool] : pools) list.push_back(pool);
  return RestReach(list);
}

}  // namespace paraat::roster
