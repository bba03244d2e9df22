// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/rotation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::roster {

absl::CivilDay FirstHandoverDay(const directory::Pool& pool, absl::CivilDay from) {
  if (pool.shift_days % 7 != 0) return from;
  const int delta = (pool.handover_weekday - time::IsoWeekday(from) + 7) % 7;
  return from + delta;
}

namespace {

absl::Time HandoverOn(const directory::Pool& pool, absl::CivilDay day, absl::TimeZone zone) {
  const absl::CivilSecond local(day.year(), day.month(), day.day(), pool.handover_minute / 60,
                                pool.handover_minute % 60, 0);
  return time::ResolveLocalLenient(local, zone);
}

}  // namespace

absl::StatusOr<std::vector<Interval>> DutySlots(const directory::Pool& pool, absl::CivilDay from,
                                                int count) {
  if (count < 1 || count > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat("the number of duties must be 1 to 1000, not ", count));
  }
  PARAAT_ASSIGN_OR_RETURN(absl::TimeZone zone, time::LoadZone(pool.time_zone, "pool.time_zone"));
  const absl::CivilDay first = FirstHandoverDay(pool, from);
  std::vector<Interval> out;
  out.reserve(static_cast<size_t>(count));
  for (int k = 0; k < count; ++k) {
    // Each boundary is computed from civil days, never by adding hours, so DST weeks come
    // out at 167 or 169 hours with the handover at the same local time.
    out.push_back({HandoverOn(pool, first + k * pool.shift_days, zone),
                   HandoverOn(pool, first + (k + 1) * pool.shift_days, zone)});
  }
  return out;
}

int SlotsForWeeks(const directory::Pool& pool, int weeks) {
  const int days = weeks * 7;
  return std::max(1, (days + pool.shift_days - 1) / pool.shift_days);
}

absl::StatusOr<Interval> SlotContaining(const directory::Pool& pool, absl::Time anchor,
                                        absl::Time t) {
  PARAAT_ASSIGN_OR_RETURN(absl::TimeZone zone, time::LoadZone(pool.time_zone, "pool.time_zone"));
  const absl::CivilDay anchor_day = absl::ToCivilDay(anchor, zone);
  const absl::CivilDay t_day = absl::ToCivilDay(t, zone);
  int64_t k = (t_day - anchor_day) / pool.shift_days;
  if (t_day < anchor_day && (t_day - anchor_day) % pool.shift_days != 0) --k;
  for (int64_t j = k - 1; j <= k + 1; ++j) {
    Interval slot{HandoverOn(pool, anchor_day + j * pool.shift_days, zone),
                  HandoverOn(pool, anchor_day + (j + 1) * pool.shift_days, zone)};
    if (slot.Contains(t)) return slot;
  }
  return absl::InternalError("no duty slot contains the instant");
}

absl::StatusOr<std::vector<RosterShift>> Rotate(const directory::Pool& pool, absl::CivilDay from,
                                                int weeks, const std::vector<std::string>& order) {
  if (order.empty()) {
    return absl::InvalidArgumentError("order is empty: give the people of the rotation in order");
  }
  if (weeks < 1 || weeks > 520) {
    return absl::InvalidArgumentError(absl::StrCat("weeks must be 1 to 520, not ", weeks));
  }
  for (const std::string& person : order) {
    if (std::find(pool.members.begin(), pool.members.end(), person) == pool.members.end()) {
      return absl::FailedPreconditionError(
          absl::StrCat(person, " is not a member of pool '", pool.key, "'"));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(std::vector<Interval> slots,
                          DutySlots(pool, from, SlotsForWeeks(pool, weeks)));
  std::vector<RosterShift> out;
  out.reserve(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    RosterShift s;
    s.pool = pool.key;
    s.person = order[i % order.size()];
    s.interval = slots[i];
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace paraat::roster
