// SPDX-License-Identifier: EUPL-1.2
// The rules of a crisis log: what an append must carry, what the state of the crisis allows,
// and how an accepted append becomes an entry. Every refusal names the field or entry.
#ifndef PARAAT_COMMON_CRISIS_RULES_H_
#define PARAAT_COMMON_CRISIS_RULES_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crisis/crisis.h"

namespace paraat::crisis {

// How far back the beginning of a crisis may be given when it is opened (logged afterwards).
inline constexpr absl::Duration kMaxOpeningBackdate = absl::Hours(24 * 366);

struct AppendRequest {
  int64_t crisis_id = 0;
  EntryKind kind = EntryKind::kMessage;
  std::string text;
  std::optional<absl::Time> event_time;  // default: now
  std::vector<int64_t> refs;
  std::vector<std::string> municipalities;
  std::string grip;                      // kGripChange
  std::string action_owner;              // kAction (required), kActionUpdate (optional)
  std::optional<absl::Time> action_deadline;
  std::string action_status;             // kActionUpdate
  int64_t action_ref = 0;                // kActionUpdate
  int64_t corrects = 0;                  // kCorrection
  std::string idempotency_key;           // chosen by the client; scoped to the account
};

// Checks the request on its own (no state): INVALID_ARGUMENT naming the field.
[[nodiscard]] absl::Status ValidateRequest(const AppendRequest& r);

// What the rules need of the crisis as it is.
struct LogState {
  Crisis crisis;
  // The kind of entry `seq`, or nullopt when there is none.
  std::function<std::optional<EntryKind>(int64_t seq)> kind_of;
  // For a GRIP change: when the level in force took effect (the time it happened of the GRIP
  // change or opening that set it). A GRIP change that happened earlier is logged afterwards:
  // history, not the level now.
  std::optional<absl::Time> level_since;
  // For a correction: the correction of entry `seq` logged before, if any (an entry is
  // corrected once; later changes correct the correction). Not checked when unset.
  std::function<std::optional<int64_t>(int64_t seq)> correction_of;
  // For a correction: when entry `seq` happened. A correction given no event time takes the
  // one of the entry it corrects (it says again what happened then); given one, it corrects
  // that time too. Unset: now, as any entry.
  std::function<std::optional<absl::Time>(int64_t seq)> event_time_of;
};

struct Author {
  std::string username;
  std::string name;
};

// Applies the state rules and builds the entry that will be appended as number
// crisis.entries + 1. FAILED_PRECONDITION for a closed crisis (only reopening) or a state
// that does not allow the kind; NOT_FOUND for a reference to an entry that does not exist;
// INVALID_ARGUMENT for an event time in the future.
[[nodiscard]] absl::StatusOr<Entry> BuildEntry(const AppendRequest& r, const LogState& state,
                                               const Author& author, absl::Time now);

// Whether the entry `e`, built by BuildEntry in `state`, sets the crisis's level: a GRIP change
// that happened no earlier than the level in force took effect. (The level in force is the one
// of the GRIP change or opening that happened last: GripInForce in views.h.)
bool SetsLevel(const Entry& e, const LogState& state);

// The first entry of a new crisis.
[[nodiscard]] absl::StatusOr<Entry> BuildOpening(const Crisis& c, const std::string& text,
                                                 std::optional<absl::Time> event_time,
                                                 const Author& author, absl::Time now);

// Validates the fields of a crisis to be opened.
[[nodiscard]] absl::Status ValidateCrisis(const Crisis& c);

// The open crises of `crises` (but `except_id`) whose title is `title`, but for case and
// spacing (spaces around it, several between words): two coordinators under stress may open the same crisis twice. Opening one
// is allowed (the same title may be a new crisis), with a warning that names these.
std::vector<const Crisis*> OpenWithSameTitle(const std::vector<Crisis>& crises,
                                             absl::string_view title, int64_t except_id = 0);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_RULES_H_
