// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/directory/directory.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::crisis {

namespace {

absl::Status CheckText(absl::string_view text, absl::string_view field, bool required) {
  if (required && absl::StripAsciiWhitespace(text).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is empty"));
  }
  if (text.size() > kMaxTextBytes) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is ", text.size(),
                                                   " bytes long; at most ", kMaxTextBytes));
  }
  return directory::CheckNoControl(text, field, true);
}

bool TextRequired(EntryKind k) {
  return IsFreeKind(k) || k == EntryKind::kAction || k == EntryKind::kCorrection;
}

template <typename T>
std::vector<T> SortedUnique(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

absl::Status CheckRef(const LogState& s, int64_t seq, absl::string_view field) {
  if (seq <= 0 || seq > s.crisis.entries || !s.kind_of(seq).has_value()) {
    return absl::NotFoundError(absl::StrCat(field, ": entry ", seq, " does not exist in crisis ",
                                            s.crisis.id, " (it has ", s.crisis.entries,
                                            " entries)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRequest(const AppendRequest& r) {
  if (r.crisis_id == 0) return absl::InvalidArgumentError("crisis is required");
  if (r.crisis_id < 0) {
    return absl::InvalidArgumentError(absl::StrCat("crisis must be a positive id, not ", r.crisis_id));
  }
  PARAAT_RETURN_IF_ERROR(CheckText(r.text, "text", TextRequired(r.kind)));
  if (r.refs.size() > kMaxRefs) {
    return absl::InvalidArgumentError(absl::StrCat("refs: at most ", kMaxRefs, " references"));
  }
  for (size_t i = 0; i < r.refs.size(); ++i) {
    if (r.refs[i] <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("refs[", i, "] is ", r.refs[i],
                                                     "; entries are numbered from 1"));
    }
  }
  if (r.idempotency_key.empty()) {
    return absl::InvalidArgumentError(
        "idempotency_key is empty: every append carries a key chosen by the client, so a retry "
        "never makes a duplicate");
  }
  PARAAT_RETURN_IF_ERROR(directory::CheckNoControl(r.idempotency_key, "idempotency_key", false));
  if (r.idempotency_key.size() > 128) {
    return absl::InvalidArgumentError("idempotency_key is longer than 128 bytes");
  }
  switch (r.kind) {
    case EntryKind::kGripChange:
      PARAAT_RETURN_IF_ERROR(ParseGrip(r.grip, "grip").status());
      break;
    case EntryKind::kAction:
      if (r.action_owner.empty()) {
        return absl::InvalidArgumentError("action_owner is required for an action");
      }
      break;
    case EntryKind::kActionUpdate:
      if (r.action_ref <= 0) {
        return absl::InvalidArgumentError(
            r.action_ref == 0 ? std::string("action_ref is required: the action entry to update")
                              : absl::StrCat("action_ref is ", r.action_ref, "; entries are numbered from 1"));
      }
      if (!r.action_status.empty()) {
        PARAAT_RETURN_IF_ERROR(ParseActionStatus(r.action_status, "action_status").status());
      }
      if (r.action_status.empty() && r.action_owner.empty() && !r.action_deadline.has_value()) {
        return absl::InvalidArgumentError(
            "an action update changes the status, the owner or the deadline; none was given");
      }
      break;
    case EntryKind::kCorrection:
      if (r.corrects <= 0) {
        return absl::InvalidArgumentError(
            r.corrects == 0 ? std::string("corrects is required: the entry being corrected")
                            : absl::StrCat("corrects is ", r.corrects, "; entries are numbered from 1"));
      }
      break;
    case EntryKind::kOpened:
      return absl::InvalidArgumentError("kind: a crisis is opened with OpenCrisis, not appended");
    default:
      break;
  }
  return absl::OkStatus();
}

absl::StatusOr<Entry> BuildEntry(const AppendRequest& r, const LogState& s, const Author& author,
                                 absl::Time now) {
  PARAAT_RETURN_IF_ERROR(ValidateRequest(r));
  const Crisis& c = s.crisis;
  if (!c.open && r.kind != EntryKind::kReopened) {
    return absl::FailedPreconditionError(absl::StrCat(
        "crisis ", c.id, " is closed; reopen it first (only reopening is accepted)"));
  }
  if (c.open && r.kind == EntryKind::kReopened) {
    return absl::FailedPreconditionError(absl::StrCat("crisis ", c.id, " is open"));
  }
  Entry e;
  e.crisis_id = c.id;
  e.seq = c.entries + 1;
  e.kind = r.kind;
  e.author = author.username;
  e.author_name = author.name;
  e.entered = now;
  e.event_time = r.event_time.value_or(now);
  if (r.kind == EntryKind::kCorrection && !r.event_time.has_value() && s.event_time_of) {
    if (std::optional<absl::Time> corrected = s.event_time_of(r.corrects)) e.event_time = *corrected;
  }
  if (e.event_time > now + kFutureTolerance) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event_time ", time::FormatLocal(e.event_time), " lies in the future (now ",
        time::FormatLocal(now), ", ", time::kDefaultZone, " time); give the time it happened"));
  }
  // With the same tolerance as for the future: times are given to the minute, clocks differ.
  if (e.event_time < c.opened - kFutureTolerance) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event_time ", time::FormatLocal(e.event_time), " lies before crisis ", c.id, " began (",
        time::FormatLocal(c.opened), ", ", time::kDefaultZone,
        " time); give the time it happened, and say what happened before the crisis in the text"));
  }
  // A deadline is a moment of the crisis: one before it began is a mistyped date (1970, last
  // year in January), which would make the action overdue at once.
  if (r.action_deadline.has_value() && *r.action_deadline < c.opened - kFutureTolerance) {
    return absl::InvalidArgumentError(absl::StrCat(
        "action_deadline ", time::FormatLocal(*r.action_deadline), " lies before crisis ", c.id,
        " began (", time::FormatLocal(c.opened), ", ", time::kDefaultZone,
        " time); give the moment the action is due"));
  }
  e.text = r.text;
  e.refs = SortedUnique(r.refs);
  for (int64_t ref : e.refs) PARAAT_RETURN_IF_ERROR(CheckRef(s, ref, "refs"));
  e.municipalities = SortedUnique(r.municipalities);
  for (const std::string& m : e.municipalities) {
    if (std::find(c.municipalities.begin(), c.municipalities.end(), m) == c.municipalities.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "municipalities: '", m, "' is not among the municipalities of crisis ", c.id));
    }
  }
  switch (r.kind) {
    case EntryKind::kGripChange: {
      PARAAT_ASSIGN_OR_RETURN(e.grip, ParseGrip(r.grip, "grip"));
      // A change logged afterwards may repeat a level: it says since when the level held.
      if (e.grip == c.grip && SetsLevel(e, s)) {
        return absl::FailedPreconditionError(
            absl::StrCat("crisis ", c.id, " is already at ", GripLabel(c.grip)));
      }
      break;
    }
    case EntryKind::kAction:
      e.action_owner = r.action_owner;
      e.action_deadline = r.action_deadline;
      e.action_status = std::string(ActionStatusName(ActionStatus::kOpen));
      break;
    case EntryKind::kActionUpdate: {
      PARAAT_RETURN_IF_ERROR(CheckRef(s, r.action_ref, "action_ref"));
      if (s.kind_of(r.action_ref) != EntryKind::kAction) {
        return absl::FailedPreconditionError(
            absl::StrCat("action_ref: entry ", r.action_ref, " is not an action"));
      }
      e.action_ref = r.action_ref;
      e.action_owner = r.action_owner;
      e.action_deadline = r.action_deadline;
      if (!r.action_status.empty()) {
        PARAAT_ASSIGN_OR_RETURN(ActionStatus st, ParseActionStatus(r.action_status, "action_status"));
        e.action_status = std::string(ActionStatusName(st));
      }
      break;
    }
    case EntryKind::kCorrection:
      PARAAT_RETURN_IF_ERROR(CheckRef(s, r.corrects, "corrects"));
      if (s.correction_of) {
        if (std::optional<int64_t> by = s.correction_of(r.corrects)) {
          // The one to correct is at the end of the chain of corrections.
          int64_t last = *by;
          for (int i = 0; i < 10000; ++i) {
            std::optional<int64_t> next = s.correction_of(last);
            if (!next.has_value()) break;
            last = *next;
          }
          return absl::FailedPreconditionError(
              absl::StrCat("corrects: entry ", r.corrects, " was corrected already, by entry ", *by,
                           "; correct entry ", last, " instead"));
        }
      }
      e.corrects = r.corrects;
      break;
    default:
      break;
  }
  return e;
}

bool SetsLevel(const Entry& e, const LogState& state) {
  return e.kind == EntryKind::kGripChange &&
         (!state.level_since.has_value() || e.event_time >= *state.level_since);
}

absl::Status ValidateCrisis(const Crisis& c) {
  if (absl::StripAsciiWhitespace(c.title).empty()) {
    return absl::InvalidArgumentError("title is empty");
  }
  if (c.title.size() > kMaxTitleBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("title is ", c.title.size(), " bytes long; at most ", kMaxTitleBytes));
  }
  if (absl::StripAsciiWhitespace(c.type).empty()) return absl::InvalidArgumentError("type is empty");
  if (c.type.size() > 100) return absl::InvalidArgumentError("type is longer than 100 bytes");
  PARAAT_RETURN_IF_ERROR(directory::CheckNoControl(c.title, "title", false));
  PARAAT_RETURN_IF_ERROR(directory::CheckNoControl(c.type, "type", false));
  if (c.municipalities.empty()) {
    return absl::InvalidArgumentError("municipalities: name at least one affected municipality");
  }
  PARAAT_RETURN_IF_ERROR(ParseGrip(c.grip, "grip").status());
  return absl::OkStatus();
}

absl::StatusOr<Entry> BuildOpening(const Crisis& c, const std::string& text,
                                   std::optional<absl::Time> event_time, const Author& author,
                                   absl::Time now) {
  PARAAT_RETURN_IF_ERROR(ValidateCrisis(c));
  PARAAT_RETURN_IF_ERROR(CheckText(text, "text", false));
  Entry e;
  e.crisis_id = c.id;
  e.seq = 1;
  e.kind = EntryKind::kOpened;
  e.author = author.username;
  e.author_name = author.name;
  e.entered = now;
  e.event_time = event_time.value_or(now);
  if (e.event_time > now + kFutureTolerance) {
    return absl::InvalidArgumentError(
        absl::StrCat("event_time ", time::FormatLocal(e.event_time), " (", time::kDefaultZone,
                     " time) lies in the future"));
  }
  // A crisis logged afterwards may have begun some time ago, not in another era: every later
  // entry must lie after its beginning, so a mistyped year would make the log unusable.
  if (e.event_time < now - kMaxOpeningBackdate) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event_time ", time::FormatLocal(e.event_time), " lies more than ",
        absl::ToInt64Hours(kMaxOpeningBackdate) / 24,
        " days back; a crisis is opened when it begins, or logged soon after"));
  }
  e.text = text;
  e.municipalities = SortedUnique(c.municipalities);
  e.title = c.title;
  e.type = c.type;
  PARAAT_ASSIGN_OR_RETURN(e.grip, ParseGrip(c.grip, "grip"));
  return e;
}

namespace {

// A title as a reader compares it: lower case, words separated by one space.
std::string TitleKey(absl::string_view title) {
  return absl::AsciiStrToLower(
      absl::StrJoin(absl::StrSplit(title, absl::ByAnyChar(" \t\n\r"), absl::SkipEmpty()), " "));
}

}  // namespace

std::vector<const Crisis*> OpenWithSameTitle(const std::vector<Crisis>& crises,
                                             absl::string_view title, int64_t except_id) {
  const std::string wanted = TitleKey(title);
  std::vector<const Crisis*> out;
  for (const Crisis& c : crises) {
    if (!c.open || c.id == except_id) continue;
    if (TitleKey(c.title) == wanted) out.push_back(&c);
  }
  return out;
}

}  // namespace paraat::crisis
