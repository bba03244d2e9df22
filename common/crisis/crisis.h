// SPDX-License-Identifier: EUPL-1.2
// A crisis log: crises and their append-only entries (BOB: beeld, oordeel, besluit; actions,
// messages, GRIP changes, handovers, corrections), as domain values.
#ifndef PARAAT_COMMON_CRISIS_CRISIS_H_
#define PARAAT_COMMON_CRISIS_CRISIS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace paraat::crisis {

enum class EntryKind {
  kOpened,        // the crisis was opened (title, type, municipalities, GRIP)
  kSituation,     // beeld
  kAssessment,    // oordeel
  kDecision,      // besluit
  kAction,        // actiepunt: owner, deadline, status open
  kActionUpdate,  // a change of an action's status, owner or deadline
  kMessage,       // bericht
  kGripChange,    // a new GRIP level (or activation outside GRIP)
  kHandover,      // overdracht to the next shift
  kCorrection,    // corrects an earlier entry (pen, not pencil)
  kClosed,        // the crisis was closed; only reopening is accepted after it
  kReopened,
};

absl::string_view KindName(EntryKind kind);
// English names and the Dutch words users say (beeld, oordeel, besluit, actiepunt, bericht,
// overdracht, correctie). INVALID_ARGUMENT naming `field` otherwise.
[[nodiscard]] absl::StatusOr<EntryKind> ParseKind(absl::string_view text, absl::string_view field);
// The kinds a person may append with crisis log (the others come from dedicated commands).
bool IsFreeKind(EntryKind kind);

// GRIP levels: "0" (routine) to "5", "rijk", and "outside" (activated outside GRIP).
[[nodiscard]] absl::StatusOr<std::string> ParseGrip(absl::string_view text, absl::string_view field);
std::string GripLabel(absl::string_view grip);  // "GRIP 2", "GRIP Rijk", "buiten GRIP"

enum class ActionStatus { kOpen, kInProgress, kDone, kCancelled };
absl::string_view ActionStatusName(ActionStatus s);
[[nodiscard]] absl::StatusOr<ActionStatus> ParseActionStatus(absl::string_view text,
                                                             absl::string_view field);

struct Entry {
  int64_t crisis_id = 0;
  int64_t seq = 0;  // 1, 2, 3, ... per crisis; the Merkle leaf index is seq - 1
  EntryKind kind = EntryKind::kMessage;
  std::string author;       // username (from the session)
  std::string author_name;  // the person's name at the time
  absl::Time entered;       // server time of the append
  absl::Time event_time;    // when it happened (given; may be earlier)
  std::string text;
  std::vector<std::string> municipalities;  // sorted, unique
  std::vector<int64_t> refs;                // earlier entries referred to; sorted, unique
  // kOpened:
  std::string title;
  std::string type;
  // kOpened (initial level) and kGripChange (new level):
  std::string grip;
  // kAction (initial) and kActionUpdate (changed fields; empty = unchanged):
  std::string action_owner;  // person key
  std::optional<absl::Time> action_deadline;
  std::string action_status;
  int64_t action_ref = 0;    // kActionUpdate: the action entry
  // kCorrection:
  int64_t corrects = 0;
};

struct Crisis {
  int64_t id = 0;
  std::string title;
  std::string type;
  std::vector<std::string> municipalities;  // affected; decide who may read and write
  std::string grip;
  bool open = true;
  absl::Time opened;
  std::optional<absl::Time> closed;
  std::string opened_by;
  int64_t entries = 0;  // the tree size
};

// Limits that keep one entry readable and the log bounded.
inline constexpr size_t kMaxTextBytes = 16 * 1024;
inline constexpr size_t kMaxTitleBytes = 200;
inline constexpr size_t kMaxRefs = 50;
// How far in the future an event time may lie (clocks differ a little).
inline constexpr absl::Duration kFutureTolerance = absl::Minutes(5);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_CRISIS_H_
