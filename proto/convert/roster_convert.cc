// SPDX-License-Identifier: EUPL-1.2
#include "proto/convert/roster_convert.h"

#include "absl/strings/str_cat.h"
#include "proto/convert/convert.h"

namespace paraat::convert {

void ToProto(const roster::Interval& i, v1::Interval* out) {
  ToProto(i.start, out->mutable_start());
  ToProto(i.end, out->mutable_end());
}

roster::Interval FromProto(const v1::Interval& i) {
  return {TimeFromProto(i.start()), TimeFromProto(i.end())};
}

absl::StatusOr<roster::Interval> IntervalFromRequest(const v1::Interval& i,
                                                     absl::string_view field) {
  if (!i.has_start() || !i.has_end()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " needs a start and an end"));
  }
  absl::StatusOr<absl::Time> start = FromProto(i.start(), true, absl::StrCat(field, ".start"));
  if (!start.ok()) return start.status();
  absl::StatusOr<absl::Time> end = FromProto(i.end(), true, absl::StrCat(field, ".end"));
  if (!end.ok()) return end.status();
  roster::Interval out{*start, *end};
  absl::Status s = roster::ValidateInterval(out, field);
  if (!s.ok()) return s;
  return out;
}

void ToProto(absl::string_view person, const People& people, v1::PersonRef* out) {
  out->set_key(std::string(person));
  auto it = people.find(std::string(person));
  if (it == people.end()) return;
  out->set_name(it->second.name);
  out->set_municipality(it->second.municipality);
  out->set_phone(it->second.phone);
}

roster::PersonRef FromProto(const v1::PersonRef& p) {
  return {p.key(), p.name(), p.municipality(), p.phone()};
}

namespace {

v1::DutySource ToProto(roster::Source s) {
  switch (s) {
    case roster::Source::kRoster: return v1::DUTY_SOURCE_ROSTER;
    case roster::Source::kSwap: return v1::DUTY_SOURCE_SWAP;
    case roster::Source::kOverride: return v1::DUTY_SOURCE_OVERRIDE;
  }
  return v1::DUTY_SOURCE_UNSPECIFIED;
}

roster::Source FromProto(v1::DutySource s) {
  switch (s) {
    case v1::DUTY_SOURCE_SWAP: return roster::Source::kSwap;
    case v1::DUTY_SOURCE_OVERRIDE: return roster::Source::kOverride;
    default: return roster::Source::kRoster;
  }
}

v1::SwapStatus ToProto(roster::SwapStatus s) {
  switch (s) {
    case roster::SwapStatus::kRequested: return v1::SWAP_STATUS_REQUESTED;
    case roster::SwapStatus::kAccepted: return v1::SWAP_STATUS_ACCEPTED;
    case roster::SwapStatus::kApproved: return v1::SWAP_STATUS_APPROVED;
    case roster::SwapStatus::kDeclined: return v1::SWAP_STATUS_DECLINED;
    case roster::SwapStatus::kRejected: return v1::SWAP_STATUS_REJECTED;
    case roster::SwapStatus::kCancelled: return v1::SWAP_STATUS_CANCELLED;
  }
  return v1::SWAP_STATUS_UNSPECIFIED;
}

roster::SwapStatus FromProto(v1::SwapStatus s) {
  switch (s) {
    case v1::SWAP_STATUS_ACCEPTED: return roster::SwapStatus::kAccepted;
    case v1::SWAP_STATUS_APPROVED: return roster::SwapStatus::kApproved;
    case v1::SWAP_STATUS_DECLINED: return roster::SwapStatus::kDeclined;
    case v1::SWAP_STATUS_REJECTED: return roster::SwapStatus::kRejected;
    case v1::SWAP_STATUS_CANCELLED: return roster::SwapStatus::kCancelled;
    default: return roster::SwapStatus::kRequested;
  }
}

}  // namespace

void ToProto(const roster::DutySlice& d, const People& people, v1::DutySlice* out) {
  out->set_pool(d.pool);
  ToProto(d.person, people, out->mutable_person());
  ToProto(d.interval, out->mutable_interval());
  out->set_source(ToProto(d.source));
  out->set_source_id(d.source_id);
  out->set_shift_id(d.shift_id);
  out->set_published(d.published);
  out->set_rostered(d.rostered);
}

roster::DutySlice FromProto(const v1::DutySlice& d) {
  roster::DutySlice out;
  out.pool = d.pool();
  out.person = d.person().key();
  out.interval = FromProto(d.interval());
  out.source = FromProto(d.source());
  out.source_id = d.source_id();
  out.shift_id = d.shift_id();
  out.published = d.published();
  out.rostered = d.rostered();
  return out;
}

void ToProto(const roster::Gap& g, v1::Gap* out) {
  out->set_pool(g.pool);
  ToProto(g.interval, out->mutable_interval());
}

roster::Gap FromProto(const v1::Gap& g) { return {g.pool(), FromProto(g.interval())}; }

void ToProto(const roster::Clash& c, const People& people, v1::Clash* out) {
  switch (c.kind) {
    case roster::ClashKind::kBothPools: out->set_kind(v1::CLASH_KIND_BOTH_POOLS); break;
    case roster::ClashKind::kOnLeave: out->set_kind(v1::CLASH_KIND_ON_LEAVE); break;
    case roster::ClashKind::kTooLittleRest:
      out->set_kind(v1::CLASH_KIND_TOO_LITTLE_REST);
      ToProto(c.rest, out->mutable_rest());
      break;
    case roster::ClashKind::kNotEligible:
      out->set_kind(v1::CLASH_KIND_NOT_ELIGIBLE);
      out->set_reason(c.reason);
      break;
  }
  ToProto(c.person, people, out->mutable_person());
  ToProto(c.interval, out->mutable_interval());
  out->set_pool(c.pool);
  out->set_other_pool(c.other_pool);
  out->set_leave_id(c.leave_id);
  out->set_published(c.published);
}

roster::Clash FromProto(const v1::Clash& c) {
  roster::Clash out;
  switch (c.kind()) {
    case v1::CLASH_KIND_BOTH_POOLS: out.kind = roster::ClashKind::kBothPools; break;
    case v1::CLASH_KIND_TOO_LITTLE_REST:
      out.kind = roster::ClashKind::kTooLittleRest;
      out.rest = FromProto(c.rest());
      break;
    case v1::CLASH_KIND_NOT_ELIGIBLE:
      out.kind = roster::ClashKind::kNotEligible;
      out.reason = c.reason();
      break;
    default: out.kind = roster::ClashKind::kOnLeave; break;
  }
  out.person = c.person().key();
  out.interval = FromProto(c.interval());
  out.pool = c.pool();
  out.other_pool = c.other_pool();
  out.leave_id = c.leave_id();
  out.published = c.published();
  return out;
}

void ToProto(const roster::Swap& s, const People& people, v1::DutySwap* out) {
  out->set_id(s.id);
  out->set_pool(s.pool);
  out->set_shift_id(s.shift_id);
  ToProto(s.giver, people, out->mutable_giver());
  ToProto(s.taker, people, out->mutable_taker());
  ToProto(s.interval, out->mutable_interval());
  out->set_return_shift_id(s.return_shift_id);
  if (s.return_shift_id != 0) ToProto(s.return_interval, out->mutable_return_interval());
  out->set_status(ToProto(s.status));
  out->set_requested_by(s.requested_by);
  out->set_decided_by(s.decided_by);
  out->set_reason(s.reason);
  ToProto(s.created, out->mutable_created());
}

roster::Swap FromProto(const v1::DutySwap& s) {
  roster::Swap out;
  out.id = s.id();
  out.pool = s.pool();
  out.shift_id = s.shift_id();
  out.giver = s.giver().key();
  out.taker = s.taker().key();
  out.interval = FromProto(s.interval());
  out.return_shift_id = s.return_shift_id();
  if (s.has_return_interval()) out.return_interval = FromProto(s.return_interval());
  out.status = FromProto(s.status());
  out.requested_by = s.requested_by();
  out.decided_by = s.decided_by();
  out.reason = s.reason();
  out.created = TimeFromProto(s.created());
  return out;
}

void ToProto(const roster::Override& o, const People& people, v1::Override* out) {
  out->set_id(o.id);
  out->set_pool(o.pool);
  ToProto(o.person, people, out->mutable_person());
  ToProto(o.interval, out->mutable_interval());
  out->set_reason(o.reason);
  out->set_created_by(o.created_by);
  ToProto(o.created, out->mutable_created());
}

roster::Override FromProto(const v1::Override& o) {
  roster::Override out;
  out.id = o.id();
  out.pool = o.pool();
  out.person = o.person().key();
  out.interval = FromProto(o.interval());
  out.reason = o.reason();
  out.created_by = o.created_by();
  out.created = TimeFromProto(o.created());
  return out;
}

void ToProto(const roster::Leave& l, const People& people, v1::Unavailability* out) {
  out->set_id(l.id);
  ToProto(l.person, people, out->mutable_person());
  ToProto(l.interval, out->mutable_interval());
  out->set_reason(l.reason);
}

roster::Leave FromProto(const v1::Unavailability& l) {
  return {l.id(), l.person().key(), FromProto(l.interval()), l.reason()};
}

}  // namespace paraat::convert
