// SPDX-License-Identifier: EUPL-1.2
#include "proto/convert/capacity_convert.h"

#include "common/status/status_macros.h"
#include "proto/convert/convert.h"

namespace paraat::convert {

void ToProto(const capacity::Allocation& a, v1::Allocation* out) {
  out->set_id(a.id);
  out->set_proposal(a.proposal_id);
  out->set_crisis(a.crisis_id);
  out->set_week(capacity::FormatIsoWeek(a.week));
  out->set_approved_by(a.approved_by);
  ToProto(a.approved, out->mutable_approved());
  out->set_decision_seq(a.decision_seq);
  if (a.restored.has_value()) ToProto(*a.restored, out->mutable_restored());
  out->set_restored_by(a.restored_by);
  out->set_restore_seq(a.restore_seq);
  out->set_summary(a.summary);
}

absl::StatusOr<capacity::Allocation> FromProto(const v1::Allocation& a) {
  capacity::Allocation out;
  out.id = a.id();
  out.proposal_id = a.proposal();
  out.crisis_id = a.crisis();
  PARAAT_ASSIGN_OR_RETURN(out.week, capacity::ParseIsoWeek(a.week()));
  out.approved_by = a.approved_by();
  out.approved = TimeFromProto(a.approved());
  out.decision_seq = a.decision_seq();
  if (a.has_restored()) out.restored = TimeFromProto(a.restored());
  out.restored_by = a.restored_by();
  out.restore_seq = a.restore_seq();
  out.summary = a.summary();
  out.warnings.assign(a.warnings().begin(), a.warnings().end());
  out.stale = a.stale();
  return out;
}

}  // namespace paraat::convert
