// SPDX-License-Identifier: EUPL-1.2
// The piket rules for changing a roster: history stays as it was, and nobody is put on duty
// who is outside the pool, lacks the qualification, is on duty in another pool or on leave;
// a swap also keeps the pools' rest rule (an emergency override may break it; the schedule
// then shows the clash).
// Every refusal names the rule.
#ifndef PARAAT_COMMON_ROSTER_RULES_H_
#define PARAAT_COMMON_ROSTER_RULES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/directory/access.h"
#include "common/roster/snapshot.h"

namespace paraat::roster {

// FAILED_PRECONDITION unless `i` ends after `now`; the part before now is never changed.
[[nodiscard]] absl::Status RequireNotPast(const Interval& i, absl::Time now, absl::string_view what);

// The part of `i` from `now` on (empty when `i` is past).
Interval FromNow(const Interval& i, absl::Time now);

enum class Membership { kRequired, kQualificationOnly };

// Why `person` may not be on duty in `pool` as the directory stands: "unknown", "deactivated",
// "unqualified" (lacks the pool's qualification) or "not_member" (when membership is required),
// or "" when they may.
std::string Ineligibility(const RosterSnapshot& s, const directory::Pool& pool,
                          absl::string_view person, Membership membership);

// The members of `pool` who may serve as the directory stands (the rest: deactivated, or
// lacking the pool's qualification), for planning and fair shares.
struct MemberSplit {
  std::vector<std::string> serving;
  std::vector<std::pair<std::string, std::string>> not_serving;  // person, why in words
};
MemberSplit SplitMembers(const RosterSnapshot& s, const directory::Pool& pool);

// Why the person of `d` may no longer be on duty in `pool` by what put them there (an override
// needs the qualification only, the roster and swaps membership too): as Ineligibility().
std::string SliceIneligibility(const RosterSnapshot& s, const directory::Pool& pool,
                               const DutySlice& d);

// May `person` be on duty in `pool` during `i`? Checks that the person exists and is active,
// holds the pool's qualification, is a member (when required), is not on duty in another
// pool and is not on leave. `ignore_swap` leaves out one swap's effect when re-checking it.
[[nodiscard]] absl::Status CheckCanServe(const RosterSnapshot& s, absl::string_view pool,
                                         absl::string_view person, const Interval& i,
                                         Membership membership);

// The reason given with a swap, an override, leave or a preference: at most 1000 bytes on one
// line, no control characters. INVALID_ARGUMENT naming "reason" otherwise.
[[nodiscard]] absl::Status ValidateReason(absl::string_view reason);

// The reason of someone's leave (or of a preference) is private: sickness is medical data.
// The person reads it, and the administrators over them (regional, or of `municipality`, the
// person's), who plan around it; the others see only when.
bool MayReadReason(const directory::Principal& p, absl::string_view person,
                   absl::string_view municipality);

// FAILED_PRECONDITION unless `person` is on duty in `pool` for the whole of `i`.
[[nodiscard]] absl::Status CheckOnDutyThroughout(const RosterSnapshot& s, absl::string_view pool,
                                                 absl::string_view person, const Interval& i);

struct SwapRequest {
  int64_t shift_id = 0;
  std::string giver;  // person key
  std::string taker;  // person key
  Interval part;      // empty: the whole duty (from now on if it has begun)
  int64_t return_shift_id = 0;
  std::string reason;
};

// Builds a swap from a request and checks every rule. The swap is returned in status
// kRequested; the caller decides whether it is approved at once.
[[nodiscard]] absl::StatusOr<Swap> PlanSwap(const RosterSnapshot& s, const SwapRequest& req);

// Re-checks a swap against the current state before it is approved. The rest rule needs the
// snapshot to reach RestReach() beyond the swapped duties.
[[nodiscard]] absl::Status RecheckSwap(const RosterSnapshot& s, const Swap& swap);

// Whether a swap still open (requested or accepted) can be carried out as it stands in `s`:
// RecheckSwap's answer, which accepting or approving it would get. OK for a decided swap.
[[nodiscard]] absl::Status StillPossible(const RosterSnapshot& s, const Swap& swap);

// ALREADY_EXISTS when an open swap in `s` already asks what `swap` asks (the same duty,
// colleague, part and return duty): a request made twice is one request.
[[nodiscard]] absl::Status RequireNotAskedAlready(const RosterSnapshot& s, const Swap& swap);

// Whether a swap is still open: requested, or accepted and waiting for approval.
bool IsOpen(const Swap& swap);

// FAILED_PRECONDITION when an approved or open swap of `s` refers to the draft `duty`, which
// `what` ("rotate", "assign") would replace: the swap would silently stop applying, or could
// never be carried out. Names the swaps and what to do.
[[nodiscard]] absl::Status RequireNoSwapOn(const RosterSnapshot& s, const RosterShift& duty,
                                           absl::string_view what);

// Checks an override before it is created.
[[nodiscard]] absl::Status CheckOverride(const RosterSnapshot& s, const Override& o);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_RULES_H_
