// SPDX-License-Identifier: EUPL-1.2
// What readers see of a log: corrections (struck through, with a pointer), the state of each
// action, the handover report, and the log as JSON lines or a readable Markdown report.
#ifndef PARAAT_COMMON_CRISIS_VIEWS_H_
#define PARAAT_COMMON_CRISIS_VIEWS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/crisis/crisis.h"
#include "common/json/json.h"

namespace paraat::crisis {

// Entry seq -> the seqs of the corrections that correct it, in order.
std::map<int64_t, std::vector<int64_t>> Corrections(const std::vector<Entry>& entries);

struct ActionState {
  int64_t crisis_id = 0;
  int64_t seq = 0;          // the action entry
  std::string text;
  std::string owner;        // person key
  std::optional<absl::Time> deadline;
  ActionStatus status = ActionStatus::kOpen;
  int64_t last_change = 0;  // seq of the latest update (or the action itself)
  int64_t text_corrected_by = 0;  // the correction whose words `text` now is (0: none)
  absl::Time created;
  // When the update that made it done or cancelled was logged (none while unfinished).
  std::optional<absl::Time> finished_at;
  bool overdue(absl::Time now) const {
    return (status == ActionStatus::kOpen || status == ActionStatus::kInProgress) &&
           deadline.has_value() && *deadline < now;
  }
  bool finished() const {
    return status == ActionStatus::kDone || status == ActionStatus::kCancelled;
  }
};

// Folds action and action-update entries (of one or more crises, in seq order per crisis).
// A correction of an action (or of such a correction) gives the action its words: the list
// shows what the action now says, as the log does. Status, owner and deadline change only by
// an action-update.
std::vector<ActionState> FoldActions(const std::vector<Entry>& entries);

// Open actions first by overdue, then by deadline (none last), then crisis and seq.
void SortForAttention(std::vector<ActionState>& actions, absl::Time now);

// Whether `a` happened after `b`: by the time it happened, then (logged afterwards at the same
// moment) by the order of logging. The latest situation and the level in force go by this, not
// by the order entries were logged in.
bool HappenedAfter(const Entry& a, const Entry& b);

// The GRIP level in force after `entries` (one crisis, any order): that of the GRIP change or
// opening that happened last. Empty when there is neither.
std::string GripInForce(const std::vector<Entry>& entries);

// `c` as its log says it stands after `entries` (the whole log up to some size, in seq order):
// the number of entries, the GRIP level in force, open or closed (and since when). What an
// export's header says of a crisis is checked against this.
Crisis StateOfLog(Crisis c, const std::vector<Entry>& entries);

struct HandoverReport {
  absl::Time since;
  std::string grip;                    // the level now
  std::vector<Entry> decisions;        // since
  std::vector<Entry> assessments;      // since
  std::vector<Entry> grip_changes;     // since
  std::optional<Entry> latest_situation;  // the situation that happened last
  std::vector<ActionState> open_actions;  // all unfinished, overdue first
  std::vector<ActionState> finished_actions;  // done or cancelled since, in the order finished
  std::optional<Entry> latest_handover;  // the handover note logged last: what the shift said
  std::vector<Entry> other_since;        // messages, closing and reopening logged since
  std::map<int64_t, std::vector<int64_t>> corrections;
};

// `seqs` and, a correction being correctable in turn, every correction that corrects one of
// them, and so on (`corrections` as Corrections() gives it).
std::set<int64_t> WithTheirCorrections(const std::map<int64_t, std::vector<int64_t>>& corrections,
                                       std::set<int64_t> seqs);

// The handover report of one crisis from all its entries.
HandoverReport BuildHandover(const Crisis& c, const std::vector<Entry>& entries, absl::Time since,
                             absl::Time now);

json::Value ToJson(const Entry& e);
json::Value ToJson(const Crisis& c);
json::Value ToJson(const ActionState& a, absl::Time now);

// One compact JSON object per line.
std::string ToJsonLines(const std::vector<Entry>& entries);

// A readable report for the evaluation: header, then every entry with its times (in `zone`),
// author, kind and text; corrected entries struck through with a pointer to the correction.
// `filter_note` says which filters were applied ("" for the whole log).
std::string RenderMarkdown(const Crisis& c, const std::vector<Entry>& entries,
                           const std::map<int64_t, std::vector<int64_t>>& corrections,
                           absl::TimeZone zone, absl::string_view filter_note);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_VIEWS_H_
