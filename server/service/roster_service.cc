// SPDX-License-Identifier: EUPL-1.2
#include "server/service/roster_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/roster/rotation.h"
#include "common/roster/rules.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "proto/convert/convert.h"
#include "proto/convert/roster_convert.h"
#include "server/log/log.h"

namespace paraat::service {

using convert::ToProto;
using directory::Principal;
using directory::Role;
using roster::Interval;
using roster::RosterSnapshot;
using roster::Swap;
using roster::SwapStatus;

namespace {

constexpr absl::Duration kDay = absl::Hours(24);
constexpr int64_t kMaxWindowDays = 800;
// How far ahead GetOnCall looks for the next duty or the end of a gap.
constexpr absl::Duration kOnCallAhead = absl::Hours(24 * 120);

absl::StatusOr<absl::Time> TimeOr(const google::protobuf::Timestamp& ts, bool present,
                                  absl::Time fallback, absl::string_view field) {
  if (!present) return fallback;
  return convert::FromProto(ts, true, field);
}

absl::StatusOr<Interval> Window(absl::Time from, absl::Time to) {
  Interval w{from, to};
  PARAAT_RETURN_IF_ERROR(roster::ValidateInterval(w, "from/to"));
  if (to - from > kMaxWindowDays * kDay) {
    return absl::InvalidArgumentError(
        absl::StrCat("from/to spans more than ", kMaxWindowDays, " days; ask for less"));
  }
  return w;
}

absl::Status RequireKey(absl::string_view key, absl::string_view field) {
  return directory::ValidateKey(key, field);
}

// The zone of a pool, for reading dates given in it.
absl::StatusOr<absl::TimeZone> PoolZone(const directory::Pool& pool) {
  return time::LoadZone(pool.time_zone, "pool.time_zone");
}

bool IsParty(const Principal& p, const Swap& s) { return p.person == s.giver || p.person == s.taker; }

}  // namespace

grpc::Status RosterServiceImpl::GetOnCall(grpc::ServerContext* ctx,
                                          const v1::GetOnCallRequest* req,
                                          v1::GetOnCallResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, GetOnCall),
               [&](const Principal&) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(absl::Time at,
                                         TimeOr(req->at(), req->has_at(), absl::Now(), "at"));
                 const absl::Time until = at + kOnCallAhead;
                 PARAAT_ASSIGN_OR_RETURN(std::shared_ptr<const roster::ResolvedRoster> r,
                                         roster_->Resolved(at, kOnCallAhead));
                 ToProto(at, resp->mutable_at());
                 const RosterSnapshot& s = r->snapshot;
                 for (const auto& [key, pool] : s.pools) {
                   if (!pool.active) continue;
                   v1::PoolOnCall* out = resp->add_pools();
                   out->set_pool(key);
                   out->set_pool_name(pool.name);
                   out->set_arrival_norm_minutes(pool.arrival_norm_minutes);
                   const roster::OnCall now = roster::OnCallAt(r->schedules.at(key), at, until);
                   if (now.current) {
                     ToProto(*now.current, s.people, out->mutable_current());
                     if (now.handover) ToProto(*now.handover, out->mutable_handover());
                     if (std::optional<Interval> l =
                             roster::LeaveAt(s.leave, now.current->person, at)) {
                       convert::ToProto(*l, out->mutable_current_on_leave());
                     }
                     // The directory as it is now: said of now and what lies ahead only.
                     if (at >= absl::Now() - absl::Minutes(1)) {
                       out->set_current_ineligible(
                           roster::SliceIneligibility(s, pool, *now.current));
                     }
                   }
                   if (now.gap_until) ToProto(*now.gap_until, out->mutable_gap_until());
                   if (now.next) ToProto(*now.next, s.people, out->mutable_next());
                 }
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::ListDuties(grpc::ServerContext* ctx,
                                           const v1::ListDutiesRequest* req,
                                           v1::ListDutiesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ListDuties),
               [&](const Principal& p) -> absl::Status {
                 const std::string person = req->person().empty() ? p.person : req->person();
                 PARAAT_RETURN_IF_ERROR(RequireKey(person, "person"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time from,
                                         TimeOr(req->from(), req->has_from(), absl::Now(), "from"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time to,
                                         TimeOr(req->to(), req->has_to(), from + 365 * kDay, "to"));
                 PARAAT_ASSIGN_OR_RETURN(Interval w, Window(from, to));
                 PARAAT_ASSIGN_OR_RETURN(Around a, LoadAround(w));
                 const RosterSnapshot& s = a.snapshot;
                 if (s.people.count(person) == 0) {
                   return absl::NotFoundError(absl::StrCat("unknown person '", person, "'"));
                 }
                 const auto& schedules = a.schedules;
                 std::vector<roster::DutySlice> mine;
                 for (const auto& [pool, slices] : schedules) {
                   for (const auto& d : slices) {
                     if (d.person == person) mine.push_back(d);
                   }
                 }
                 std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
                   return a.interval.start < b.interval.start;
                 });
                 for (const auto& d : mine) ToProto(d, s.people, resp->add_duties());
                 for (const auto& c : a.clashes) {
                   if (c.person == person) ToProto(c, s.people, resp->add_clashes());
                 }
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::GetSchedule(grpc::ServerContext* ctx,
                                            const v1::GetScheduleRequest* req,
                                            v1::GetScheduleResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, GetSchedule),
               [&](const Principal&) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time from,
                                         TimeOr(req->from(), req->has_from(), absl::Now(), "from"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time to,
                                         TimeOr(req->to(), req->has_to(), from + 56 * kDay, "to"));
                 PARAAT_ASSIGN_OR_RETURN(Interval w, Window(from, to));
                 PARAAT_ASSIGN_OR_RETURN(Around a, LoadAround(w));
                 const RosterSnapshot& s = a.snapshot;
                 if (s.pools.count(req->pool()) == 0) {
                   return absl::NotFoundError(absl::StrCat("unknown pool '", req->pool(), "'"));
                 }
                 const auto& slices = a.schedules.at(req->pool());
                 for (const auto& d : slices) ToProto(d, s.people, resp->add_slices());
                 for (const auto& g : roster::FindGaps(slices, req->pool(), w)) {
                   ToProto(g, resp->add_gaps());
                 }
                 for (const auto& c : a.clashes) {
                   if (c.pool == req->pool() || c.other_pool == req->pool()) {
                     ToProto(c, s.people, resp->add_clashes());
                   }
                 }
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::RotateRoster(grpc::ServerContext* ctx,
                                             const v1::RotateRosterRequest* req,
                                             v1::RotateRosterResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, RotateRoster), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
        PARAAT_ASSIGN_OR_RETURN(absl::CivilDay from, time::ParseDate(req->from_date(), "from_date"));
        PARAAT_ASSIGN_OR_RETURN(directory::Pool pool, directory_->GetPool(req->pool()));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(pool));
        const std::vector<std::string> order(req->order().begin(), req->order().end());
        for (const std::string& person : order) PARAAT_RETURN_IF_ERROR(RequireKey(person, "order"));
        PARAAT_ASSIGN_OR_RETURN(std::vector<roster::RosterShift> shifts,
                                roster::Rotate(pool, from, req->weeks(), order));
        const Interval span{shifts.front().interval.start, shifts.back().interval.end};
        PARAAT_ASSIGN_OR_RETURN(
            std::vector<roster::RosterShift> written,
            roster_->ReplaceDrafts(p.actor(), req->pool(), span, shifts, "rotate",
                                   [&](const RosterSnapshot& s) -> absl::Status {
                                     // Membership as it is now, inside the transaction.
                                     std::vector<std::string> members =
                                         s.pools.at(req->pool()).members;
                                     for (const std::string& person : order) {
                                       if (std::find(members.begin(), members.end(), person) ==
                                           members.end()) {
                                         return absl::FailedPreconditionError(absl::StrCat(
                                             person, " is not a member of pool '", req->pool(), "'"));
                                       }
                                     }
                                     // Nobody is rotated onto a week they are on leave (or
                                     // on duty elsewhere), as `assign` refuses it too.
                                     for (const roster::RosterShift& r : shifts) {
                                       const Interval part = roster::FromNow(r.interval, s.now);
                                       if (part.empty()) continue;
                                       PARAAT_RETURN_IF_ERROR(roster::CheckCanServe(
                                           s, req->pool(), r.person, part,
                                           roster::Membership::kRequired));
                                     }
                                     return absl::OkStatus();
                                   }));
        PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot(span));
        for (const auto& r : written) {
          roster::DutySlice d;
          d.pool = r.pool;
          d.person = r.person;
          d.interval = r.interval;
          d.source_id = d.shift_id = r.id;
          d.rostered = r.person;
          ToProto(d, s.people, resp->add_shifts());
        }
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::AssignShift(grpc::ServerContext* ctx,
                                            const v1::AssignShiftRequest* req,
                                            v1::AssignShiftResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, AssignShift), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
        PARAAT_RETURN_IF_ERROR(RequireKey(req->person(), "person"));
        if (!req->has_at()) return absl::InvalidArgumentError("at is required: a moment in the duty");
        PARAAT_ASSIGN_OR_RETURN(absl::Time at, convert::FromProto(req->at(), true, "at"));
        PARAAT_ASSIGN_OR_RETURN(directory::Pool pool, directory_->GetPool(req->pool()));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(pool));
        PARAAT_ASSIGN_OR_RETURN(absl::TimeZone zone, PoolZone(pool));
        PARAAT_ASSIGN_OR_RETURN(std::vector<Interval> anchor,
                                roster::DutySlots(pool, absl::ToCivilDay(at, zone), 1));
        PARAAT_ASSIGN_OR_RETURN(Interval slot,
                                roster::SlotContaining(pool, anchor.front().start, at));
        roster::RosterShift shift;
        shift.pool = pool.key;
        shift.person = req->person();
        shift.interval = slot;
        PARAAT_ASSIGN_OR_RETURN(
            std::vector<roster::RosterShift> written,
            roster_->ReplaceDrafts(p.actor(), pool.key, slot, {shift}, "assign",
                                   [&](const RosterSnapshot& s) {
                                     return roster::CheckCanServe(
                                         s, pool.key, req->person(),
                                         roster::FromNow(slot, s.now),
                                         roster::Membership::kRequired);
                                   }));
        if (written.empty()) return absl::InternalError("no duty was written");
        PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot(slot));
        roster::DutySlice d;
        d.pool = pool.key;
        d.person = written.front().person;
        d.interval = written.front().interval;
        d.source_id = d.shift_id = written.front().id;
        d.rostered = d.person;
        ToProto(d, s.people, resp->mutable_shift());
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::PublishRoster(grpc::ServerContext* ctx,
                                              const v1::PublishRosterRequest* req,
                                              v1::PublishRosterResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, PublishRoster),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
                 PARAAT_ASSIGN_OR_RETURN(absl::CivilDay day,
                                         time::ParseDate(req->until_date(), "until_date"));
                 PARAAT_ASSIGN_OR_RETURN(directory::Pool pool, directory_->GetPool(req->pool()));
                 PARAAT_RETURN_IF_ERROR(directory::RequireActive(pool));
                 PARAAT_ASSIGN_OR_RETURN(absl::TimeZone zone, PoolZone(pool));
                 const absl::Time until = time::ResolveLocalLenient(absl::CivilSecond(day), zone);
                 PARAAT_ASSIGN_OR_RETURN(int n, roster_->Publish(p.actor(), pool.key, until));
                 resp->set_published(n);
                 ToProto(until, resp->mutable_published_until());
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::FindGaps(grpc::ServerContext* ctx, const v1::FindGapsRequest* req,
                                         v1::FindGapsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, FindGaps),
               [&](const Principal&) -> absl::Status {
                 const int days = req->days() == 0 ? 90 : req->days();
                 if (days < 1 || days > 730) {
                   return absl::InvalidArgumentError(
                       absl::StrCat("days must be 1 to 730, not ", days));
                 }
                 if (!req->pool().empty()) PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
                 const absl::Time now = absl::Now();
                 const Interval w{now, now + days * kDay};
                 ToProto(w.end, resp->mutable_until());
                 PARAAT_ASSIGN_OR_RETURN(Around a, LoadAround(w));
                 const RosterSnapshot& s = a.snapshot;
                 if (!req->pool().empty() && s.pools.count(req->pool()) == 0) {
                   return absl::NotFoundError(absl::StrCat("unknown pool '", req->pool(), "'"));
                 }
                 for (const auto& [key, slices] : a.schedules) {
                   if (!s.pools.at(key).active) continue;
                   if (!req->pool().empty() && key != req->pool()) continue;
                   for (const auto& g : roster::FindGaps(slices, key, w)) ToProto(g, resp->add_gaps());
                 }
                 for (const auto& c : a.clashes) {
                   if (!req->pool().empty() && c.pool != req->pool() && c.other_pool != req->pool()) {
                     continue;
                   }
                   ToProto(c, s.people, resp->add_clashes());
                 }
                 return absl::OkStatus();
               });
}

absl::StatusOr<RosterServiceImpl::Around> RosterServiceImpl::LoadAround(const Interval& w) {
  PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
  PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot({w.start - reach, w.end}));
  Around a;
  for (roster::Clash& c : s.Clashes(s.Schedules())) {
    if (c.interval.Overlaps(w)) a.clashes.push_back(std::move(c));
  }
  s.window = w;
  a.schedules = s.Schedules();
  a.snapshot = std::move(s);
  return a;
}

absl::StatusOr<absl::Duration> RosterServiceImpl::RestReach() {
  PARAAT_ASSIGN_OR_RETURN(std::vector<directory::Pool> pools, directory_->ListPools(true));
  return roster::RestReach(pools);
}

absl::StatusOr<Swap> RosterServiceImpl::CreateSwap(const Principal& p,
                                                   const v1::RequestSwapRequest& req,
                                                   bool arranged) {
  PARAAT_RETURN_IF_ERROR(RequireId(req.shift_id(), "shift_id"));
  PARAAT_RETURN_IF_ERROR(RequireKey(req.taker(), "taker"));
  PARAAT_RETURN_IF_ERROR(roster::ValidateReason(req.reason()));
  roster::SwapRequest sr;
  sr.shift_id = req.shift_id();
  sr.taker = req.taker();
  sr.return_shift_id = req.return_shift_id();
  if (sr.return_shift_id < 0) PARAAT_RETURN_IF_ERROR(RequireId(sr.return_shift_id, "return_shift_id"));
  sr.reason = req.reason();
  if (req.has_part()) {
    PARAAT_ASSIGN_OR_RETURN(sr.part, convert::IntervalFromRequest(req.part(), "part"));
  }
  PARAAT_ASSIGN_OR_RETURN(roster::RosterShift shift, roster_->GetShift(req.shift_id()));
  Interval window = shift.interval;
  if (sr.return_shift_id != 0) {
    PARAAT_ASSIGN_OR_RETURN(roster::RosterShift back, roster_->GetShift(sr.return_shift_id));
    window.start = std::min(window.start, back.interval.start);
    window.end = std::max(window.end, back.interval.end);
  }
  // The rest rule relates the swapped duties to the duties around them.
  PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
  window.start -= reach;
  window.end += reach;
  return roster_->CreateSwap(p.actor(), window, [&](const RosterSnapshot& s) -> absl::StatusOr<Swap> {
    // The giver is whoever holds the duty in the final schedule; an officer may only give
    // away their own duty.
    const roster::RosterShift* sh = s.FindShift(sr.shift_id);
    if (sh == nullptr) return absl::NotFoundError(absl::StrCat("unknown duty ", sr.shift_id));
    // A part outside the duty is refused as such, before asking whose the duty is there.
    if (!sr.part.empty() &&
        (sr.part.start < sh->interval.start || sr.part.end > sh->interval.end)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "part ", time::FormatLocal(sr.part.start), " - ", time::FormatLocal(sr.part.end),
          " lies outside duty ", sh->id, " (", time::FormatLocal(sh->interval.start), " - ",
          time::FormatLocal(sh->interval.end), ")"));
    }
    const Interval probe = roster::FromNow(sr.part.empty() ? sh->interval : sr.part, s.now);
    std::optional<roster::DutySlice> holder =
        probe.empty() ? std::nullopt : roster::OnDutyAt(s.input, sh->pool, probe.start);
    sr.giver = holder.has_value() ? holder->person : sh->person;
    if (!arranged && sr.giver != p.person) {
      return absl::PermissionDeniedError(absl::StrCat(
          "duty ", sr.shift_id, " is ", sr.giver, "'s; only they (or an administrator) can swap it"));
    }
    PARAAT_ASSIGN_OR_RETURN(Swap swap, roster::PlanSwap(s, sr));
    if (!arranged) PARAAT_RETURN_IF_ERROR(roster::RequireNotAskedAlready(s, swap));
    if (arranged) {
      swap.status = SwapStatus::kApproved;
      swap.decided_by = p.username;
    }
    return swap;
  });
}

grpc::Status RosterServiceImpl::RequestSwap(grpc::ServerContext* ctx,
                                            const v1::RequestSwapRequest* req, v1::DutySwap* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, RequestSwap),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(Swap swap, CreateSwap(p, *req, false));
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot(swap.interval));
                 ToProto(swap, s.people, resp);
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::ArrangeSwap(grpc::ServerContext* ctx,
                                            const v1::RequestSwapRequest* req, v1::DutySwap* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ArrangeSwap),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(Swap swap, CreateSwap(p, *req, true));
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot(swap.interval));
                 ToProto(swap, s.people, resp);
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::RespondSwap(grpc::ServerContext* ctx,
                                            const v1::RespondSwapRequest* req, v1::DutySwap* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, RespondSwap), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
        PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
        RosterSnapshot people;
        PARAAT_ASSIGN_OR_RETURN(
            Swap swap,
            roster_->UpdateSwap(p.actor(), req->id(), req->accept() ? "accept" : "decline", reach,
                                [&](Swap& s, const RosterSnapshot& snap) -> absl::Status {
                                  people = snap;
                                  if (s.taker != p.person) {
                                    return absl::PermissionDeniedError(absl::StrCat(
                                        "swap ", s.id, " asks ", s.taker, ", not ", p.person));
                                  }
                                  if (s.status != SwapStatus::kRequested) {
                                    return absl::FailedPreconditionError(absl::StrCat(
                                        "swap ", s.id, " is ", roster::SwapStatusName(s.status),
                                        "; only a requested swap can be accepted or declined"));
                                  }
                                  if (!req->accept()) {
                                    s.status = SwapStatus::kDeclined;
                                    return absl::OkStatus();
                                  }
                                  PARAAT_RETURN_IF_ERROR(roster::RecheckSwap(snap, s));
                                  s.status = SwapStatus::kAccepted;
                                  if (snap.pools.at(s.pool).auto_approve_swaps) {
                                    s.status = SwapStatus::kApproved;
                                    s.decided_by = "auto";
                                  }
                                  return absl::OkStatus();
                                }));
        ToProto(swap, people.people, resp);
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::DecideSwap(grpc::ServerContext* ctx,
                                           const v1::DecideSwapRequest* req, v1::DutySwap* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, DecideSwap), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
        PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
        RosterSnapshot people;
        PARAAT_ASSIGN_OR_RETURN(
            Swap swap,
            roster_->UpdateSwap(p.actor(), req->id(), req->approve() ? "approve" : "reject", reach,
                                [&](Swap& s, const RosterSnapshot& snap) -> absl::Status {
                                  people = snap;
                                  if (s.status != SwapStatus::kAccepted &&
                                      s.status != SwapStatus::kRequested) {
                                    return absl::FailedPreconditionError(absl::StrCat(
                                        "swap ", s.id, " is ", roster::SwapStatusName(s.status),
                                        "; only an open swap can be decided"));
                                  }
                                  if (req->approve() && s.status != SwapStatus::kAccepted) {
                                    return absl::FailedPreconditionError(absl::StrCat(
                                        "swap ", s.id, " has not been accepted by ", s.taker,
                                        " yet; to decide for them, arrange the swap instead"));
                                  }
                                  s.decided_by = p.username;
                                  if (!req->approve()) {
                                    s.status = SwapStatus::kRejected;
                                    return absl::OkStatus();
                                  }
                                  PARAAT_RETURN_IF_ERROR(roster::RecheckSwap(snap, s));
                                  s.status = SwapStatus::kApproved;
                                  return absl::OkStatus();
                                }));
        ToProto(swap, people.people, resp);
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::EditSwap(grpc::ServerContext* ctx, const v1::EditSwapRequest* req,
                                         v1::DutySwap* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, EditSwap), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
        PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
        if (!req->taker().empty()) PARAAT_RETURN_IF_ERROR(RequireKey(req->taker(), "taker"));
        std::optional<Interval> part;
        if (req->has_part()) {
          PARAAT_ASSIGN_OR_RETURN(part, convert::IntervalFromRequest(req->part(), "part"));
        }
        RosterSnapshot people;
        PARAAT_ASSIGN_OR_RETURN(
            Swap swap,
            roster_->UpdateSwap(
                p.actor(), req->id(), "edit", reach, [&](Swap& s, const RosterSnapshot& snap) -> absl::Status {
                  people = snap;
                  if (s.status == SwapStatus::kDeclined || s.status == SwapStatus::kRejected ||
                      s.status == SwapStatus::kCancelled) {
                    return absl::FailedPreconditionError(absl::StrCat(
                        "swap ", s.id, " is ", roster::SwapStatusName(s.status), "; it cannot be edited"));
                  }
                  if (s.interval.start < snap.now) {
                    return absl::FailedPreconditionError(absl::StrCat(
                        "swap ", s.id, " has begun; cancel it (it ends now) and arrange a new one"));
                  }
                  if (!req->taker().empty()) s.taker = req->taker();
                  if (part.has_value()) {
                    const roster::RosterShift* sh = snap.FindShift(s.shift_id);
                    if (sh != nullptr && (part->start < sh->interval.start || part->end > sh->interval.end)) {
                      return absl::InvalidArgumentError(absl::StrCat(
                          "part lies outside duty ", s.shift_id));
                    }
                    s.interval = *part;
                  }
                  return roster::RecheckSwap(snap.WithoutSwap(s.id), s);
                }));
        ToProto(swap, people.people, resp);
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::CancelSwap(grpc::ServerContext* ctx,
                                           const v1::CancelSwapRequest* req, v1::DutySwap* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, CancelSwap), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
        PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
        const bool admin = p.AtLeast(Role::kAdministrator) && p.regional();
        RosterSnapshot people;
        PARAAT_ASSIGN_OR_RETURN(
            Swap swap,
            roster_->UpdateSwap(
                p.actor(), req->id(), "cancel", reach, [&](Swap& s, const RosterSnapshot& snap) -> absl::Status {
                  people = snap;
                  if (!admin && !IsParty(p, s)) {
                    return absl::PermissionDeniedError(absl::StrCat(
                        "swap ", s.id, " is between ", s.giver, " and ", s.taker,
                        "; only they or a regional administrator can cancel it"));
                  }
                  if (s.status == SwapStatus::kDeclined || s.status == SwapStatus::kRejected ||
                      s.status == SwapStatus::kCancelled) {
                    return absl::FailedPreconditionError(
                        absl::StrCat("swap ", s.id, " is already ", roster::SwapStatusName(s.status)));
                  }
                  if (s.status == SwapStatus::kApproved && !admin) {
                    return absl::PermissionDeniedError(absl::StrCat(
                        "swap ", s.id, " is approved; ask an administrator to cancel it"));
                  }
                  if (s.status == SwapStatus::kApproved && s.interval.start < snap.now) {
                    // It has begun: it ends now; what already happened stays.
                    const absl::Time last = std::max(
                        s.interval.end, s.return_shift_id != 0 ? s.return_interval.end : s.interval.end);
                    if (last <= snap.now) {
                      return absl::FailedPreconditionError(absl::StrCat(
                          "swap ", s.id, " lies in the past; the past of the schedule is never changed"));
                    }
                    s.interval.end = std::min(s.interval.end, std::max(s.interval.start, snap.now));
                    if (s.return_shift_id != 0) {
                      s.return_interval.end = std::min(
                          s.return_interval.end, std::max(s.return_interval.start, snap.now));
                    }
                    return absl::OkStatus();
                  }
                  s.status = SwapStatus::kCancelled;
                  return absl::OkStatus();
                }));
        ToProto(swap, people.people, resp);
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::ListSwaps(grpc::ServerContext* ctx, const v1::ListSwapsRequest* req,
                                          v1::ListSwapsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ListSwaps),
               [&](const Principal& p) -> absl::Status {
                 storage::SwapFilter f;
                 f.pool = req->pool();
                 if (!f.pool.empty()) PARAAT_RETURN_IF_ERROR(RequireKey(f.pool, "pool"));
                 if (req->mine()) f.person = p.person;
                 f.open_only = req->open_only();
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Swap> swaps, roster_->ListSwaps(f));
                 // One snapshot over the open swaps still to come, as far around them as the
                 // rest rule reaches, says which of them can still be carried out.
                 const absl::Time now = absl::Now();
                 Interval w{now, now + absl::Seconds(1)};
                 for (const Swap& x : swaps) {
                   if (!roster::IsOpen(x) || x.interval.end <= now) continue;
                   w.start = std::min(w.start, x.interval.start);
                   w.end = std::max(w.end, x.interval.end);
                   if (x.return_shift_id != 0) {
                     w.start = std::min(w.start, x.return_interval.start);
                     w.end = std::max(w.end, x.return_interval.end);
                   }
                 }
                 PARAAT_ASSIGN_OR_RETURN(absl::Duration reach, RestReach());
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s,
                                         roster_->Snapshot({w.start - reach, w.end + reach}));
                 if (!f.pool.empty() && s.pools.count(f.pool) == 0) {
                   return absl::NotFoundError(absl::StrCat("unknown pool '", f.pool, "'"));
                 }
                 for (const Swap& x : swaps) {
                   v1::DutySwap* out = resp->add_swaps();
                   ToProto(x, s.people, out);
                   if (absl::Status why = roster::StillPossible(s, x); !why.ok()) {
                     out->set_obstacle(std::string(why.message()));
                   }
                 }
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::CreateOverride(grpc::ServerContext* ctx,
                                               const v1::CreateOverrideRequest* req,
                                               v1::Override* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, CreateOverride),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
                 PARAAT_RETURN_IF_ERROR(RequireKey(req->person(), "person"));
                 if (!req->has_until()) return absl::InvalidArgumentError("until is required");
                 const absl::Time now = absl::Now();
                 roster::Override o;
                 o.pool = req->pool();
                 o.person = req->person();
                 o.reason = req->reason();
                 PARAAT_RETURN_IF_ERROR(roster::ValidateReason(o.reason));
                 PARAAT_ASSIGN_OR_RETURN(o.interval.start, TimeOr(req->from(), req->has_from(), now, "from"));
                 PARAAT_ASSIGN_OR_RETURN(o.interval.end, convert::FromProto(req->until(), true, "until"));
                 PARAAT_RETURN_IF_ERROR(roster::ValidateInterval(o.interval, "override"));
                 PARAAT_ASSIGN_OR_RETURN(
                     roster::Override made,
                     roster_->CreateOverride(p.actor(), o, [&](const RosterSnapshot& s) {
                       return roster::CheckOverride(s, o);
                     }));
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot(made.interval));
                 ToProto(made, s.people, resp);
                 log::Info("roster", "override",
                           {{"pool", made.pool}, {"person", made.person}, {"by", p.username}});
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::EndOverride(grpc::ServerContext* ctx,
                                            const v1::EndOverrideRequest* req, v1::Override* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, EndOverride),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time at, TimeOr(req->at(), req->has_at(), absl::Now(), "at"));
                 PARAAT_ASSIGN_OR_RETURN(roster::Override o, roster_->EndOverride(p.actor(), req->id(), at));
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot({o.interval.start, o.interval.start + absl::Seconds(1)}));
                 ToProto(o, s.people, resp);
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::ListOverrides(grpc::ServerContext* ctx,
                                              const v1::ListOverridesRequest* req,
                                              v1::ListOverridesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ListOverrides),
               [&](const Principal&) -> absl::Status {
                 if (!req->pool().empty()) PARAAT_RETURN_IF_ERROR(RequireKey(req->pool(), "pool"));
                 const absl::Time now = absl::Now();
                 PARAAT_ASSIGN_OR_RETURN(absl::Time from, TimeOr(req->from(), req->has_from(), now - 7 * kDay, "from"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time to, TimeOr(req->to(), req->has_to(), now + 365 * kDay, "to"));
                 PARAAT_ASSIGN_OR_RETURN(Interval w, Window(from, to));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<roster::Override> list, roster_->ListOverrides(req->pool(), w));
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot({now, now + absl::Seconds(1)}));
                 if (!req->pool().empty() && s.pools.count(req->pool()) == 0) {
                   return absl::NotFoundError(absl::StrCat("unknown pool '", req->pool(), "'"));
                 }
                 for (const auto& o : list) ToProto(o, s.people, resp->add_overrides());
                 return absl::OkStatus();
               });
}

grpc::Status RosterServiceImpl::AddUnavailability(grpc::ServerContext* ctx,
                                                  const v1::AddUnavailabilityRequest* req,
                                                  v1::AddUnavailabilityResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, AddUnavailability), [&](const Principal& p) -> absl::Status {
        roster::Leave l;
        l.person = req->person().empty() ? p.person : req->person();
        PARAAT_RETURN_IF_ERROR(RequireKey(l.person, "person"));
        PARAAT_ASSIGN_OR_RETURN(l.interval, convert::IntervalFromRequest(req->interval(), "interval"));
        l.reason = req->reason();
        PARAAT_RETURN_IF_ERROR(roster::ValidateReason(l.reason));
        RosterSnapshot after;
        PARAAT_ASSIGN_OR_RETURN(
            roster::Leave made,
            roster_->CreateLeave(p.actor(), l, [&](const RosterSnapshot& s) -> absl::Status {
              auto who = s.people.find(l.person);
              if (who == s.people.end()) {
                return absl::NotFoundError(absl::StrCat("unknown person '", l.person, "'"));
              }
              if (l.person != p.person) {
                PARAAT_RETURN_IF_ERROR(directory::RequireRole(p, Role::kAdministrator,
                                                              "registering someone else's leave"));
                PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(
                    p, who->second.municipality, "registering leave"));
              }
              PARAAT_RETURN_IF_ERROR(roster::RequireNotPast(l.interval, s.now, "the leave"));
              for (const roster::Leave& other : s.leave) {
                if (other.person == l.person && other.interval.Overlaps(l.interval)) {
                  return absl::FailedPreconditionError(absl::StrCat(
                      "the leave overlaps leave ", other.id, " of ", l.person, " (",
                      time::FormatLocal(other.interval.start), " - ",
                      time::FormatLocal(other.interval.end), ", ", time::kDefaultZone,
                      " time); change or cancel that one"));
                }
              }
              after = s;
              return absl::OkStatus();
            }));
        after.leave.push_back(made);
        ToProto(made, after.people, resp->mutable_unavailability());
        for (const auto& c : roster::FindClashes(after.Schedules(), {made})) {
          ToProto(c, after.people, resp->add_clashes());
          log::Warning("roster", "leave clashes with a duty",
                       {{"person", c.person}, {"pool", c.pool},
                        {"from", time::FormatUtc(c.interval.start)},
                        {"to", time::FormatUtc(c.interval.end)},
                        {"published", c.published ? "yes" : "no"}});
        }
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::CancelUnavailability(grpc::ServerContext* ctx,
                                                     const v1::CancelUnavailabilityRequest* req,
                                                     v1::Unavailability* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(RosterService, CancelUnavailability), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
        PARAAT_ASSIGN_OR_RETURN(
            roster::Leave l,
            roster_->CancelLeave(p.actor(), req->id(), [&](const roster::Leave& l) -> absl::Status {
              if (l.person == p.person) return absl::OkStatus();
              PARAAT_RETURN_IF_ERROR(
                  directory::RequireRole(p, Role::kAdministrator, "cancelling someone else's leave"));
              PARAAT_ASSIGN_OR_RETURN(directory::Person who, directory_->GetPerson(l.person));
              return directory::RequireMunicipality(p, who.municipality, "cancelling leave");
            }));
        PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot({l.interval.start, l.interval.start + absl::Seconds(1)}));
        ToProto(l, s.people, resp);
        return absl::OkStatus();
      });
}

grpc::Status RosterServiceImpl::ListUnavailability(grpc::ServerContext* ctx,
                                                   const v1::ListUnavailabilityRequest* req,
                                                   v1::ListUnavailabilityResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ListUnavailability),
               [&](const Principal& p) -> absl::Status {
                 std::string person = req->person();
                 if (person.empty() && !req->everyone()) person = p.person;
                 if (!person.empty()) PARAAT_RETURN_IF_ERROR(RequireKey(person, "person"));
                 const absl::Time now = absl::Now();
                 PARAAT_ASSIGN_OR_RETURN(absl::Time from, TimeOr(req->from(), req->has_from(), now, "from"));
                 PARAAT_ASSIGN_OR_RETURN(absl::Time to, TimeOr(req->to(), req->has_to(), now + 365 * kDay, "to"));
                 PARAAT_ASSIGN_OR_RETURN(Interval w, Window(from, to));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<roster::Leave> list, roster_->ListLeave(person, w));
                 PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, roster_->Snapshot({now, now + absl::Seconds(1)}));
                 if (!person.empty() && s.people.count(person) == 0) {
                   return absl::NotFoundError(absl::StrCat("unknown person '", person, "'"));
                 }
                 for (roster::Leave l : list) {
                   auto who = s.people.find(l.person);
                   const std::string municipality =
                       who == s.people.end() ? std::string() : who->second.municipality;
                   if (!roster::MayReadReason(p, l.person, municipality)) l.reason.clear();
                   ToProto(l, s.people, resp->add_unavailability());
                 }
                 return absl::OkStatus();
               });
}

}  // namespace paraat::service
