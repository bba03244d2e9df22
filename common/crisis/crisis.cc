// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/crisis.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace paraat::crisis {

namespace {

struct KindInfo {
  EntryKind kind;
  absl::string_view name;
  absl::string_view dutch;
};

constexpr KindInfo kKinds[] = {
    {EntryKind::kOpened, "opened", "geopend"},
    {EntryKind::kSituation, "situation", "beeld"},
    {EntryKind::kAssessment, "assessment", "oordeel"},
    {EntryKind::kDecision, "decision", "besluit"},
    {EntryKind::kAction, "action", "actiepunt"},
    {EntryKind::kActionUpdate, "action-update", "actie-update"},
    {EntryKind::kMessage, "message", "bericht"},
    {EntryKind::kGripChange, "grip-change", "grip"},
    {EntryKind::kHandover, "handover", "overdracht"},
    {EntryKind::kCorrection, "correction", "correctie"},
    {EntryKind::kClosed, "closed", "gesloten"},
    {EntryKind::kReopened, "reopened", "heropend"},
};

}  // namespace

absl::string_view KindName(EntryKind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "message";
}

absl::StatusOr<EntryKind> ParseKind(absl::string_view text, absl::string_view field) {
  const std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  for (const KindInfo& k : kKinds) {
    if (t == k.name || t == k.dutch) return k.kind;
  }
  if (t == "actie") return EntryKind::kAction;
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": unknown entry kind '", text,
      "' (situation/beeld, assessment/oordeel, decision/besluit, action/actiepunt, message/"
      "bericht, handover/overdracht)"));
}

bool IsFreeKind(EntryKind kind) {
  switch (kind) {
    case EntryKind::kSituation:
    case EntryKind::kAssessment:
    case EntryKind::kDecision:
    case EntryKind::kMessage:
    case EntryKind::kHandover:
      return true;
    default:
      return false;
  }
}

absl::StatusOr<std::string> ParseGrip(absl::string_view text, absl::string_view field) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (t.rfind("grip", 0) == 0) t = std::string(absl::StripAsciiWhitespace(t.substr(4)));
  if (t.size() == 1 && t[0] >= '0' && t[0] <= '5') return t;
  if (t == "rijk") return std::string("rijk");
  if (t == "outside" || t == "buiten" || t == "buiten grip") return std::string("outside");
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": '", text, "' is not a GRIP level (0 to 5, rijk, or outside for activation "
      "outside GRIP)"));
}

std::string GripLabel(absl::string_view grip) {
  if (grip == "rijk") return "GRIP Rijk";
  if (grip == "outside") return "buiten GRIP";
  return absl::StrCat("GRIP ", grip);
}

absl::string_view ActionStatusName(ActionStatus s) {
  switch (s) {
    case ActionStatus::kOpen: return "open";
    case ActionStatus::kInProgress: return "in-progress";
    case ActionStatus::kDone: return "done";
    case ActionStatus::kCancelled: return "cancelled";
  }
  return "open";
}

absl::StatusOr<ActionStatus> ParseActionStatus(absl::string_view text, absl::string_view field) {
  const std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (t == "open") return ActionStatus::kOpen;
  if (t == "in-progress" || t == "in progress" || t == "bezig" || t == "in behandeling") {
    return ActionStatus::kInProgress;
  }
  if (t == "done" || t == "gereed" || t == "klaar") return ActionStatus::kDone;
  if (t == "cancelled" || t == "canceled" || t == "vervallen" || t == "geannuleerd") {
    return ActionStatus::kCancelled;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": unknown action status '", text, "' (open, in-progress, done, cancelled)"));
}

}  // namespace paraat::crisis
