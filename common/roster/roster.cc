// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/roster.h"

#include "absl/strings/str_cat.h"
#include "common/time/civil.h"

namespace paraat::roster {

absl::Status ValidateInterval(const Interval& i, absl::string_view field) {
  if (i.start == absl::InfinitePast() || i.end == absl::InfinitePast()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " needs a start and an end"));
  }
  if (i.end == i.start) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " is empty: it ends when it starts (", time::FormatLocal(i.start), ", ",
        time::kDefaultZone, " time)"));
  }
  if (i.end < i.start) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " ends before it starts: from ", time::FormatLocal(i.start), " to ",
        time::FormatLocal(i.end), " (", time::kDefaultZone, " time)"));
  }
  return absl::OkStatus();
}

absl::string_view SwapStatusName(SwapStatus s) {
  switch (s) {
    case SwapStatus::kRequested: return "requested";
    case SwapStatus::kAccepted: return "accepted";
    case SwapStatus::kApproved: return "approved";
    case SwapStatus::kDeclined: return "declined";
    case SwapStatus::kRejected: return "rejected";
    case SwapStatus::kCancelled: return "cancelled";
  }
  return "requested";
}

std::vector<Replacement> ReplacementsOf(const Swap& s) {
  std::vector<Replacement> out;
  if (s.status != SwapStatus::kApproved) return out;
  out.push_back({s.id, s.pool, s.interval, s.giver, s.taker});
  if (s.return_shift_id != 0 && !s.return_interval.empty()) {
    out.push_back({s.id, s.pool, s.return_interval, s.taker, s.giver});
  }
  return out;
}

}  // namespace paraat::roster
