// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::roster {

namespace {

std::string Local(absl::Time t, const RosterSnapshot& s, absl::string_view pool) {
  auto it = s.pools.find(std::string(pool));
  absl::TimeZone zone;
  if (it == s.pools.end() || !absl::LoadTimeZone(it->second.time_zone, &zone)) {
    zone = absl::UTCTimeZone();
  }
  return time::FormatLocal(t, zone);
}

std::string Span(const Interval& i, const RosterSnapshot& s, absl::string_view pool) {
  return absl::StrCat(Local(i.start, s, pool), " - ", Local(i.end, s, pool));
}

}  // namespace

absl::Status RequireNotPast(const Interval& i, absl::Time now, absl::string_view what) {
  if (i.end <= now) {
    return absl::FailedPreconditionError(absl::StrCat(
        what, " lies in the past (ended ", time::FormatLocal(i.end),
        "); the past of the schedule is never changed"));
  }
  return absl::OkStatus();
}

Interval FromNow(const Interval& i, absl::Time now) {
  return {std::max(i.start, now), std::max(i.end, now)};
}

std::string Ineligibility(const RosterSnapshot& s, const directory::Pool& pool,
                          absl::string_view person, Membership membership) {
  auto who = s.people.find(std::string(person));
  if (who == s.people.end()) return "unknown";
  if (!who->second.active) return "deactivated";
  const auto& quals = who->second.qualifications;
  if (std::find(quals.begin(), quals.end(), pool.qualification) == quals.end()) {
    return "unqualified";
  }
  if (membership == Membership::kRequired &&
      std::find(pool.members.begin(), pool.members.end(), person) == pool.members.end()) {
    return "not_member";
  }
  return "";
}

MemberSplit SplitMembers(const RosterSnapshot& s, const directory::Pool& pool) {
  MemberSplit out;
  for (const std::string& m : pool.members) {
    const std::string why = Ineligibility(s, pool, m, Membership::kRequired);
    if (why.empty()) {
      out.serving.push_back(m);
    } else {
      out.not_serving.emplace_back(
          m, why == "unqualified" ? absl::StrCat("lacks the qualification '", pool.qualification, "'")
                                  : why);
    }
  }
  return out;
}

std::string SliceIneligibility(const RosterSnapshot& s, const directory::Pool& pool,
                               const DutySlice& d) {
  return Ineligibility(s, pool, d.person,
                       d.source == Source::kOverride ? Membership::kQualificationOnly
                                                     : Membership::kRequired);
}

absl::Status CheckCanServe(const RosterSnapshot& s, absl::string_view pool,
                           absl::string_view person, const Interval& i, Membership membership) {
  auto p = s.pools.find(std::string(pool));
  if (p == s.pools.end()) return absl::NotFoundError(absl::StrCat("unknown pool '", pool, "'"));
  PARAAT_RETURN_IF_ERROR(directory::RequireActive(p->second));
  const std::string why = Ineligibility(s, p->second, person, membership);
  if (why == "unknown") return absl::NotFoundError(absl::StrCat("unknown person '", person, "'"));
  if (why == "deactivated") {
    return absl::FailedPreconditionError(absl::StrCat(person, " is deactivated"));
  }
  if (why == "unqualified") {
    return absl::FailedPreconditionError(absl::StrCat(
        "refused: ", person, " lacks the qualification '", p->second.qualification,
        "' of pool '", pool, "'"));
  }
  if (why == "not_member") {
    return absl::FailedPreconditionError(
        absl::StrCat("refused: ", person, " is not a member of pool '", pool, "'"));
  }
  if (std::optional<DutySlice> busy = BusyElsewhere(s.Schedules(), person, i, pool)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refused: ", person, " would be on duty in both pools (", busy->pool, " and ", pool,
        ") ", Span({std::max(i.start, busy->interval.start), std::min(i.end, busy->interval.end)},
                   s, pool),
        "; one person is never on duty in two pools at once"));
  }
  for (const Leave& l : s.leave) {
    if (l.person == person && l.interval.Overlaps(i)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "refused: ", person, " is on leave ", Span(l.interval, s, pool)));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateReason(absl::string_view reason) {
  if (reason.size() > 1000) return absl::InvalidArgumentError("reason is longer than 1000 bytes");
  return directory::CheckNoControl(reason, "reason", false);
}

bool MayReadReason(const directory::Principal& p, absl::string_view person,
                   absl::string_view municipality) {
  return p.person == person || (p.AtLeast(directory::Role::kAdministrator) &&
                                (p.regional() || p.scope == municipality));
}

absl::Status CheckOnDutyThroughout(const RosterSnapshot& s, absl::string_view pool,
                                   absl::string_view person, const Interval& i) {
  absl::Time cursor = i.start;
  for (const DutySlice& d : ResolvePool(s.input, pool, i)) {
    if (d.person != person || d.interval.start > cursor) break;
    cursor = d.interval.end;
  }
  if (cursor < i.end) {
    return absl::FailedPreconditionError(absl::StrCat(
        person, " is not on duty in pool '", pool, "' for all of ", Span(i, s, pool),
        " (from ", Local(cursor, s, pool), " someone else is, or no one)"));
  }
  return absl::OkStatus();
}

namespace {

absl::StatusOr<Interval> SwapInterval(const RosterSnapshot& s, const RosterShift& shift,
                                      const Interval& part, absl::string_view what) {
  Interval i = shift.interval;
  if (!part.empty()) {
    PARAAT_RETURN_IF_ERROR(ValidateInterval(part, absl::StrCat(what, ".part")));
    if (part.start < shift.interval.start || part.end > shift.interval.end) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ".part ", Span(part, s, shift.pool), " lies outside duty ", shift.id, " (",
          Span(shift.interval, s, shift.pool), ")"));
    }
    i = part;
  }
  PARAAT_RETURN_IF_ERROR(RequireNotPast(i, s.now, absl::StrCat("duty ", shift.id)));
  return FromNow(i, s.now);
}

}  // namespace

absl::StatusOr<Swap> PlanSwap(const RosterSnapshot& s, const SwapRequest& req) {
  const RosterShift* shift = s.FindShift(req.shift_id);
  if (shift == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown duty ", req.shift_id));
  }
  if (req.taker == req.giver) {
    return absl::InvalidArgumentError("taker: a swap needs a colleague, not yourself");
  }
  Swap swap;
  swap.pool = shift->pool;
  swap.shift_id = shift->id;
  swap.giver = req.giver;
  swap.taker = req.taker;
  swap.reason = req.reason;
  swap.created = s.now;
  PARAAT_ASSIGN_OR_RETURN(swap.interval, SwapInterval(s, *shift, req.part, "swap"));
  if (req.return_shift_id != 0) {
    const RosterShift* back = s.FindShift(req.return_shift_id);
    if (back == nullptr) {
      return absl::NotFoundError(absl::StrCat("unknown duty ", req.return_shift_id));
    }
    if (back->pool != shift->pool) {
      return absl::InvalidArgumentError(absl::StrCat(
          "return_shift_id: duty ", back->id, " is in pool '", back->pool,
          "'; a swap stays within one pool"));
    }
    swap.return_shift_id = back->id;
    PARAAT_ASSIGN_OR_RETURN(swap.return_interval,
                            SwapInterval(s, *back, Interval{}, "return duty"));
    if (swap.return_interval.Overlaps(swap.interval)) {
      return absl::InvalidArgumentError("the return duty overlaps the duty being swapped");
    }
  }
  PARAAT_RETURN_IF_ERROR(RecheckSwap(s, swap));
  return swap;
}

namespace {

// Whether `before` already had the rest clash `c` of the same person, or a larger one: the
// same stretch of duty inside a rest that lasted at least as long.
bool HadAlready(const std::vector<Clash>& before, const Clash& c) {
  return std::any_of(before.begin(), before.end(), [&](const Clash& w) {
    return w.kind == ClashKind::kTooLittleRest && w.person == c.person && w.pool == c.pool &&
           w.interval.start <= c.interval.start && c.interval.end <= w.interval.end &&
           c.rest.end <= w.rest.end;
  });
}

// FAILED_PRECONDITION when the swap, once approved, gives whoever receives duty by it - the
// taker, and with a return duty the giver - less rest than the pools ask for, where they had
// enough before. (Giving duty away never shortens a rest; a clash a swap only makes smaller
// is not new.)
absl::Status CheckRestKept(const RosterSnapshot& before, const Swap& swap) {
  RosterSnapshot after = before;
  Swap approved = swap;
  approved.status = SwapStatus::kApproved;
  for (Replacement& r : ReplacementsOf(approved)) after.input.replacements.push_back(std::move(r));
  const std::vector<Clash> was = before.Clashes(before.Schedules());
  for (const Clash& c : after.Clashes(after.Schedules())) {
    const bool receives = c.person == swap.taker || (swap.return_shift_id != 0 && c.person == swap.giver);
    if (c.kind != ClashKind::kTooLittleRest || !receives || HadAlready(was, c)) continue;
    const RestRule rule = RestRuleOf(before.pools.at(c.other_pool));
    // Quote the duty the swap hands over where it lies in the clash (the clash can begin
    // earlier, with a duty the person already had that week).
    const Interval& received = c.person == swap.taker ? swap.interval : swap.return_interval;
    const absl::Time from = received.Overlaps(c.interval)
                                ? std::max(c.interval.start, received.start)
                                : c.interval.start;
    return absl::FailedPreconditionError(absl::StrCat(
        "refused: ", c.person, " would be on duty in pool '", c.pool, "' from ",
        Local(from, before, c.pool), " while resting after a duty in pool '",
        c.other_pool, "' that ends ", Local(c.rest.start, before, c.other_pool), "; pool '",
        c.other_pool, "' asks for at least ", rule.rest_shifts, " free ",
        rule.rest_shifts == 1 ? "shift" : "shifts", " (", rule.rest_days,
        " days) between two duties, so the rest lasts until ",
        Local(c.rest.end, before, c.other_pool)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RecheckSwap(const RosterSnapshot& s, const Swap& swap) {
  PARAAT_RETURN_IF_ERROR(RequireNotPast(swap.interval, s.now, absl::StrCat("swap ", swap.id)));
  PARAAT_RETURN_IF_ERROR(CheckOnDutyThroughout(s, swap.pool, swap.giver, swap.interval));
  PARAAT_RETURN_IF_ERROR(
      CheckCanServe(s, swap.pool, swap.taker, swap.interval, Membership::kRequired));
  if (swap.return_shift_id != 0) {
    PARAAT_RETURN_IF_ERROR(
        CheckOnDutyThroughout(s, swap.pool, swap.taker, swap.return_interval));
    PARAAT_RETURN_IF_ERROR(
        CheckCanServe(s, swap.pool, swap.giver, swap.return_interval, Membership::kRequired));
  }
  return CheckRestKept(s, swap);
}

bool IsOpen(const Swap& swap) {
  return swap.status == SwapStatus::kRequested || swap.status == SwapStatus::kAccepted;
}

absl::Status RequireNotAskedAlready(const RosterSnapshot& s, const Swap& swap) {
  for (const Swap& o : s.swaps) {
    // A request for a duty that has begun starts when it was made: compared from now on.
    const auto same = [&](const Interval& a, const Interval& b) {
      return a.end == b.end && std::max(a.start, s.now) == std::max(b.start, s.now);
    };
    if (o.id != swap.id && IsOpen(o) && o.pool == swap.pool && o.shift_id == swap.shift_id &&
        o.giver == swap.giver && o.taker == swap.taker && same(o.interval, swap.interval) &&
        o.return_shift_id == swap.return_shift_id &&
        (o.return_shift_id == 0 || same(o.return_interval, swap.return_interval))) {
      return absl::AlreadyExistsError(absl::StrCat(
          "swap ", o.id, " already asks this of ", o.taker, " (", SwapStatusName(o.status),
          "); it was not asked twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status RequireNoSwapOn(const RosterSnapshot& s, const RosterShift& duty,
                             absl::string_view what) {
  std::vector<std::string> swaps;
  for (const Swap& w : s.swaps) {
    if ((w.status != SwapStatus::kApproved && !IsOpen(w)) ||
        (w.shift_id != duty.id && w.return_shift_id != duty.id)) {
      continue;
    }
    swaps.push_back(absl::StrCat("swap ", w.id, " (", SwapStatusName(w.status), ", ", w.giver,
                                 " -> ", w.taker, ")"));
  }
  if (swaps.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      what, " would replace the draft duty ", duty.id, " of ", duty.person, " in pool '",
      duty.pool, "' (", Span(duty.interval, s, duty.pool), "), which ",
      absl::StrJoin(swaps, " and "), swaps.size() == 1 ? " refers" : " refer",
      " to; nothing was changed. Cancel or decline the swap first (paraat swap cancel ID), or "
      "leave that duty out"));
}

absl::Status StillPossible(const RosterSnapshot& s, const Swap& swap) {
  return IsOpen(swap) ? RecheckSwap(s, swap) : absl::OkStatus();
}

absl::Status CheckOverride(const RosterSnapshot& s, const Override& o) {
  PARAAT_RETURN_IF_ERROR(ValidateInterval(o.interval, "override"));
  PARAAT_RETURN_IF_ERROR(RequireNotPast(o.interval, s.now, "the override"));
  return CheckCanServe(s, o.pool, o.person, FromNow(o.interval, s.now),
                       Membership::kQualificationOnly);
}

}  // namespace paraat::roster
