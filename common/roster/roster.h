// SPDX-License-Identifier: EUPL-1.2
// The piket schedule model: roster shifts, swaps, overrides and leave as domain values.
// Every interval is half-open [start, end) in UTC instants; rotations are made in the pool's
// civil time zone (see rotation.h) and resolved into the final schedule (final_schedule.h).
#ifndef PARAAT_COMMON_ROSTER_ROSTER_H_
#define PARAAT_COMMON_ROSTER_ROSTER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace paraat::roster {

struct Interval {
  absl::Time start;
  absl::Time end;

  bool empty() const { return end <= start; }
  bool Contains(absl::Time t) const { return start <= t && t < end; }
  bool Overlaps(const Interval& o) const { return start < o.end && o.start < end; }
  friend bool operator==(const Interval& a, const Interval& b) {
    return a.start == b.start && a.end == b.end;
  }
};

// INVALID_ARGUMENT naming `field` when the interval ends before (or when) it starts.
[[nodiscard]] absl::Status ValidateInterval(const Interval& i, absl::string_view field);

// How a person is shown next to a duty: enough to call them.
struct PersonRef {
  std::string key;
  std::string name;
  std::string municipality;
  std::string phone;
};

// One duty of the roster: one person, one pool, one interval.
struct RosterShift {
  int64_t id = 0;
  std::string pool;
  std::string person;
  Interval interval;
  bool published = false;  // frozen: only swaps and overrides change it
};

enum class SwapStatus { kRequested, kAccepted, kApproved, kDeclined, kRejected, kCancelled };
absl::string_view SwapStatusName(SwapStatus s);

// A swap: `taker` takes (part of) `giver`'s duty `shift_id`; with a return shift the giver
// takes the taker's duty `return_shift_id` in exchange. Only approved swaps change the final
// schedule.
struct Swap {
  int64_t id = 0;
  std::string pool;
  int64_t shift_id = 0;
  std::string giver;
  std::string taker;
  Interval interval;             // the part of the shift that changes hands
  int64_t return_shift_id = 0;   // 0: none
  Interval return_interval;
  SwapStatus status = SwapStatus::kRequested;
  std::string requested_by;      // username
  std::string decided_by;        // username of the administrator (or "auto")
  std::string reason;
  absl::Time created;
};

// An approved swap as it applies: in `pool` during `interval`, where `from` was on duty,
// `to` is.
struct Replacement {
  int64_t swap_id = 0;
  std::string pool;
  Interval interval;
  std::string from;
  std::string to;
};

// Replacements of an approved swap (one, or two with a return shift).
std::vector<Replacement> ReplacementsOf(const Swap& s);

// Someone put on duty directly, on top of roster and swaps (e.g. an emergency).
struct Override {
  int64_t id = 0;
  std::string pool;
  std::string person;
  Interval interval;
  std::string reason;
  std::string created_by;
  absl::Time created;
};

// A duty a person would like (weight 1..100) or would rather not have (-1..-100); the
// roster solver weighs these after fairness and spacing.
struct Preference {
  int64_t id = 0;
  std::string person;
  Interval interval;
  int weight = 0;
  std::string reason;
};

// Leave or other unavailability of a person.
struct Leave {
  int64_t id = 0;
  std::string person;
  Interval interval;
  std::string reason;
};

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_ROSTER_H_
