// SPDX-License-Identifier: EUPL-1.2
#include "proto/convert/crisis_convert.h"

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "proto/convert/convert.h"

namespace paraat::convert {

namespace {
struct KindPair {
  crisis::EntryKind kind;
  v1::EntryKind proto;
};
constexpr KindPair kKinds[] = {
    {crisis::EntryKind::kOpened, v1::ENTRY_KIND_OPENED},
    {crisis::EntryKind::kSituation, v1::ENTRY_KIND_SITUATION},
    {crisis::EntryKind::kAssessment, v1::ENTRY_KIND_ASSESSMENT},
    {crisis::EntryKind::kDecision, v1::ENTRY_KIND_DECISION},
    {crisis::EntryKind::kAction, v1::ENTRY_KIND_ACTION},
    {crisis::EntryKind::kActionUpdate, v1::ENTRY_KIND_ACTION_UPDATE},
    {crisis::EntryKind::kMessage, v1::ENTRY_KIND_MESSAGE},
    {crisis::EntryKind::kGripChange, v1::ENTRY_KIND_GRIP_CHANGE},
    {crisis::EntryKind::kHandover, v1::ENTRY_KIND_HANDOVER},
    {crisis::EntryKind::kCorrection, v1::ENTRY_KIND_CORRECTION},
    {crisis::EntryKind::kClosed, v1::ENTRY_KIND_CLOSED},
    {crisis::EntryKind::kReopened, v1::ENTRY_KIND_REOPENED},
};
}  // namespace

v1::EntryKind ToProto(crisis::EntryKind k) {
  for (const KindPair& p : kKinds) {
    if (p.kind == k) return p.proto;
  }
  return v1::ENTRY_KIND_UNSPECIFIED;
}

absl::StatusOr<crisis::EntryKind> FromProto(v1::EntryKind k, absl::string_view field) {
  for (const KindPair& p : kKinds) {
    if (p.proto == k) return p.kind;
  }
  if (k == v1::ENTRY_KIND_UNSPECIFIED) return absl::InvalidArgumentError(absl::StrCat(field, " is missing"));
  return absl::InvalidArgumentError(absl::StrCat(field, " is ", static_cast<int>(k),
                                                 ", which is no entry kind"));
}

void ToProto(const crisis::Crisis& c, v1::Crisis* out) {
  out->set_id(c.id);
  out->set_title(c.title);
  out->set_type(c.type);
  for (const auto& m : c.municipalities) out->add_municipalities(m);
  out->set_grip(c.grip);
  out->set_open(c.open);
  ToProto(c.opened, out->mutable_opened());
  if (c.closed.has_value()) ToProto(*c.closed, out->mutable_closed());
  out->set_opened_by(c.opened_by);
  out->set_entries(c.entries);
}

crisis::Crisis FromProto(const v1::Crisis& c) {
  crisis::Crisis out;
  out.id = c.id();
  out.title = c.title();
  out.type = c.type();
  out.municipalities.assign(c.municipalities().begin(), c.municipalities().end());
  out.grip = c.grip();
  out.open = c.open();
  out.opened = TimeFromProto(c.opened());
  if (c.has_closed()) out.closed = TimeFromProto(c.closed());
  out.opened_by = c.opened_by();
  out.entries = c.entries();
  return out;
}

void ToProto(const crisis::Entry& e, v1::Entry* out) {
  out->set_crisis(e.crisis_id);
  out->set_seq(e.seq);
  out->set_kind(ToProto(e.kind));
  out->set_author(e.author);
  out->set_author_name(e.author_name);
  ToProto(e.entered, out->mutable_entered());
  ToProto(e.event_time, out->mutable_event_time());
  out->set_text(e.text);
  for (const auto& m : e.municipalities) out->add_municipalities(m);
  for (int64_t r : e.refs) out->add_refs(r);
  out->set_title(e.title);
  out->set_type(e.type);
  out->set_grip(e.grip);
  out->set_action_owner(e.action_owner);
  if (e.action_deadline.has_value()) ToProto(*e.action_deadline, out->mutable_action_deadline());
  out->set_action_status(e.action_status);
  out->set_action_ref(e.action_ref);
  out->set_corrects(e.corrects);
}

crisis::Entry FromProto(const v1::Entry& e) {
  crisis::Entry out;
  out.crisis_id = e.crisis();
  out.seq = e.seq();
  out.kind = FromProto(e.kind(), "kind").value_or(crisis::EntryKind::kMessage);
  out.author = e.author();
  out.author_name = e.author_name();
  out.entered = TimeFromProto(e.entered());
  out.event_time = TimeFromProto(e.event_time());
  out.text = e.text();
  out.municipalities.assign(e.municipalities().begin(), e.municipalities().end());
  out.refs.assign(e.refs().begin(), e.refs().end());
  out.title = e.title();
  out.type = e.type();
  out.grip = e.grip();
  out.action_owner = e.action_owner();
  if (e.has_action_deadline()) out.action_deadline = TimeFromProto(e.action_deadline());
  out.action_status = e.action_status();
  out.action_ref = e.action_ref();
  out.corrects = e.corrects();
  return out;
}

void ToProto(const crisis::AppendRequest& r, v1::AppendEntryRequest* out) {
  out->set_crisis(r.crisis_id);
  out->set_kind(ToProto(r.kind));
  out->set_text(r.text);
  if (r.event_time) ToProto(*r.event_time, out->mutable_event_time());
  for (int64_t ref : r.refs) out->add_refs(ref);
  for (const auto& m : r.municipalities) out->add_municipalities(m);
  out->set_grip(r.grip);
  out->set_action_owner(r.action_owner);
  if (r.action_deadline) ToProto(*r.action_deadline, out->mutable_action_deadline());
  out->set_action_status(r.action_status);
  out->set_action_ref(r.action_ref);
  out->set_corrects(r.corrects);
  out->set_idempotency_key(r.idempotency_key);
}

absl::StatusOr<crisis::AppendRequest> FromProto(const v1::AppendEntryRequest& req) {
  crisis::AppendRequest r;
  r.crisis_id = req.crisis();
  PARAAT_ASSIGN_OR_RETURN(r.kind, FromProto(req.kind(), "kind"));
  r.text = req.text();
  if (req.has_event_time()) {
    PARAAT_ASSIGN_OR_RETURN(r.event_time, FromProto(req.event_time(), true, "event_time"));
  }
  r.refs.assign(req.refs().begin(), req.refs().end());
  r.municipalities.assign(req.municipalities().begin(), req.municipalities().end());
  r.grip = req.grip();
  r.action_owner = req.action_owner();
  if (req.has_action_deadline()) {
    PARAAT_ASSIGN_OR_RETURN(r.action_deadline,
                            FromProto(req.action_deadline(), true, "action_deadline"));
  }
  r.action_status = req.action_status();
  r.action_ref = req.action_ref();
  r.corrects = req.corrects();
  r.idempotency_key = req.idempotency_key();
  return r;
}

}  // namespace paraat::convert
