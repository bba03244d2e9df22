// SPDX-License-Identifier: EUPL-1.2
// The final schedule: the roster, then approved swaps, then overrides on top, resolved for
// any interval; and the gaps (no one on duty) and clashes (one person on duty in two pools,
// on duty while on leave, or on duty again before their rest is over) it contains. Pure: the
// caller loads the inputs.
#ifndef PARAAT_COMMON_ROSTER_FINAL_SCHEDULE_H_
#define PARAAT_COMMON_ROSTER_FINAL_SCHEDULE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/roster/rest.h"
#include "common/roster/roster.h"

namespace paraat::roster {

enum class Source { kRoster, kSwap, kOverride };
absl::string_view SourceName(Source s);

// One stretch of one person's duty in one pool.
struct DutySlice {
  std::string pool;
  std::string person;
  Interval interval;
  Source source = Source::kRoster;
  int64_t source_id = 0;   // the shift, swap or override that decided it
  int64_t shift_id = 0;    // the roster shift underneath (0 when there is none)
  bool published = false;  // the roster shift underneath is published
  std::string rostered;    // who the roster has here ("" when there is no roster shift)
};

struct ScheduleInput {
  std::vector<RosterShift> shifts;          // shifts of one pool must not overlap
  std::vector<Replacement> replacements;    // applied in order
  std::vector<Override> overrides;          // later ids win where they overlap
};

// The final schedule of `pool` over `window`: ordered, non-overlapping slices; adjacent
// stretches of the same person from the same source are merged. Instants without a slice are
// gaps. An empty (or inverted) window has no slices.
std::vector<DutySlice> ResolvePool(const ScheduleInput& input, absl::string_view pool,
                                   const Interval& window);

// Who is on duty in `pool` at `t` (nullopt: a gap), with the whole stretch around `t`: the
// slice that ResolvePool gives over any window containing it, so `interval.end` is "until".
std::optional<DutySlice> OnDutyAt(const ScheduleInput& input, absl::string_view pool,
                                  absl::Time t);

struct Gap {
  std::string pool;
  Interval interval;
};

// Who is on duty at `at` and who is next, as seen over [at, until): `current` is the slice
// containing `at`; `handover` when its person hands over: the end of their unbroken stretch
// (an override across a handover, a swap followed by their own duty are one stretch of
// several slices); `next` the slice after that stretch (or after the gap): another person, or
// the same after a gap. All clipped to [at, until). `gap_until` is set when nobody is on duty
// at `at` and a slice starts before `until`.
struct OnCall {
  std::optional<DutySlice> current;
  std::optional<absl::Time> handover;
  std::optional<DutySlice> next;
  std::optional<absl::Time> gap_until;
};

// `slices`: one pool's final schedule (ResolvePool) over any window that contains [at, until).
// The answer does not depend on how far that window reaches beyond it.
OnCall OnCallAt(const std::vector<DutySlice>& slices, absl::Time at, absl::Time until);

// The leave of `person` in force at `at`, if any: from the start of a leave that holds `at` to
// the end of the unbroken stretch of leave it begins (sick until Wednesday, then extended to
// Friday as a second record: until Friday).
std::optional<Interval> LeaveAt(const std::vector<Leave>& leave, absl::string_view person, absl::Time at);

// The parts of `window` that no slice covers.
std::vector<Gap> FindGaps(const std::vector<DutySlice>& slices, absl::string_view pool,
                          const Interval& window);

enum class ClashKind { kBothPools, kOnLeave, kTooLittleRest, kNotEligible };
// "both_pools", "on_leave", "too_little_rest", "not_eligible".
absl::string_view ClashKindName(ClashKind k);

struct Clash {
  ClashKind kind;
  std::string person;
  // kBothPools, kOnLeave: when both hold; kTooLittleRest: the part of the later duty that
  // falls in the rest after the earlier one.
  Interval interval;
  std::string pool;        // the pool of the duty (kTooLittleRest: of the later duty)
  std::string other_pool;  // kBothPools: the other pool; kTooLittleRest: the earlier duty's
  int64_t leave_id = 0;    // kOnLeave: the leave
  bool published = false;  // the duty is on a published roster shift (kTooLittleRest: the
                           // later duty, the one inside the rest)
  Interval rest;           // kTooLittleRest: from the end of the earlier duty to the end of
                           // the rest its pool asks for
  // kNotEligible: why the person may no longer be on duty there: "deactivated", "unqualified"
  // (lacks the pool's qualification) or "not_member" (of the pool; overrides need none).
  std::string reason;
};

// Clashes among the final schedules of all pools (pool -> slices), the leave given and the
// rest rules of the pools (pool -> rule; a pool without a rule is not checked for rest).
// For the rest rule, the slices one person holds of one roster shift or of one override make
// one duty (joined transitively: an override that runs on past the end of someone's own week
// makes one long duty with it).
std::vector<Clash> FindClashes(const std::map<std::string, std::vector<DutySlice>>& by_pool,
                               const std::vector<Leave>& leave,
                               const std::map<std::string, RestRule>& rest = {});

// Whether `person` would be on duty somewhere in `schedules` during `i` (other than in
// `except_pool`); returns the first such slice.
std::optional<DutySlice> BusyElsewhere(
    const std::map<std::string, std::vector<DutySlice>>& schedules, absl::string_view person,
    const Interval& i, absl::string_view except_pool);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_FINAL_SCHEDULE_H_
