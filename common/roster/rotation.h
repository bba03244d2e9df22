// SPDX-License-Identifier: EUPL-1.2
// Duty slots in a pool's civil time: a 7-day duty from Monday 09:00 ends next Monday 09:00
// local time, 167 or 169 hours across the DST changes.
#ifndef PARAAT_COMMON_ROSTER_ROTATION_H_
#define PARAAT_COMMON_ROSTER_ROTATION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/directory/directory.h"
#include "common/roster/roster.h"

namespace paraat::roster {

// The first day on or after `from` on which a rotation of `pool` starts: the handover
// weekday for duties of whole weeks, `from` itself otherwise.
absl::CivilDay FirstHandoverDay(const directory::Pool& pool, absl::CivilDay from);

// `count` consecutive duty slots of `pool` starting at the handover on FirstHandoverDay(from).
// INVALID_ARGUMENT for an unknown zone or a count outside 1..1000.
[[nodiscard]] absl::StatusOr<std::vector<Interval>> DutySlots(const directory::Pool& pool,
                                                              absl::CivilDay from, int count);

// The number of duty slots that cover `weeks` weeks.
int SlotsForWeeks(const directory::Pool& pool, int weeks);

// The duty slot of `pool` that contains instant `t`, aligned to the handovers that pass
// through `anchor` (a handover instant of the pool).
[[nodiscard]] absl::StatusOr<Interval> SlotContaining(const directory::Pool& pool,
                                                      absl::Time anchor, absl::Time t);

// Shifts for the slots, people taken from `order` round robin. INVALID_ARGUMENT for an
// empty order; every person must be a member of the pool (FAILED_PRECONDITION naming them).
[[nodiscard]] absl::StatusOr<std::vector<RosterShift>> Rotate(const directory::Pool& pool,
                                                              absl::CivilDay from, int weeks,
                                                              const std::vector<std::string>& order);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_ROTATION_H_
