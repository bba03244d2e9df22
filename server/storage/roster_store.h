// SPDX-License-Identifier: EUPL-1.2
// Repository of the piket roster: shifts, swaps, overrides and leave. Every change runs in
// one write transaction: the store reads a snapshot, the caller's rule function (from
// common/roster) decides, the store applies and audits. The past is never rewritten.
#ifndef PARAAT_SERVER_STORAGE_ROSTER_STORE_H_
#define PARAAT_SERVER_STORAGE_ROSTER_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/roster/snapshot.h"

namespace paraat::storage {

class Database;

using SnapshotCheck = std::function<absl::Status(const roster::RosterSnapshot&)>;

struct SwapFilter {
  std::string pool;    // empty: all
  std::string person;  // empty: all; else giver or taker
  bool open_only = false;
};

class RosterStore {
 public:
  virtual ~RosterStore() = default;

  // A consistent snapshot of everything around `window`, taken at `now`.
  virtual absl::StatusOr<roster::RosterSnapshot> Snapshot(const roster::Interval& window) = 0;

  // The roster resolved over a window that covers [at, at + ahead), for reads such as "who is
  // on duty now". For `at` from now to a week ahead it comes from a cache shared by all callers
  // and kept until a table it was read from changes (so a committed change shows at once);
  // other moments are read afresh. Its snapshot's `now` is the time it was read.
  virtual absl::StatusOr<std::shared_ptr<const roster::ResolvedRoster>> Resolved(
      absl::Time at, absl::Duration ahead) = 0;

  // Replaces the draft duties of `pool` in `span` from now on by `shifts` (clipped to now).
  // Published duties in that span are kept and make it FAILED_PRECONDITION. Duties that
  // straddle the edge of the span (or now) keep their parts outside it. `check` sees the
  // snapshot first. Returns the shifts written.
  virtual absl::StatusOr<std::vector<roster::RosterShift>> ReplaceDrafts(
      absl::string_view actor, absl::string_view pool, const roster::Interval& span,
      const std::vector<roster::RosterShift>& shifts, absl::string_view origin,
      const SnapshotCheck& check) = 0;
  // The same for several pools in one transaction: all or nothing (the solver's joint roster).
  struct PoolDrafts {
    std::string pool;
    roster::Interval span;
    std::vector<roster::RosterShift> shifts;
    // Keep published duties in the span (and skip new shifts that overlap them) instead of
    // refusing: regenerating only changes drafts.
    bool keep_published = false;
    // Drafts kept as they are too (an approved swap refers to them).
    std::vector<int64_t> keep_ids;
  };
  virtual absl::StatusOr<std::vector<roster::RosterShift>> ReplaceDraftsMany(
      absl::string_view actor, const std::vector<PoolDrafts>& pools, absl::string_view origin,
      const SnapshotCheck& check) = 0;
  // Stated preferences (would like / rather not) that the solver weighs.
  virtual absl::StatusOr<int64_t> AddPreference(absl::string_view actor,
                                                const roster::Preference& p) = 0;
  virtual absl::StatusOr<std::vector<roster::Preference>> ListPreferences(
      absl::string_view person, const roster::Interval& window) = 0;
  virtual absl::Status RemovePreference(absl::string_view actor, int64_t id,
                                        absl::string_view person) = 0;
  // Publishes the draft duties of `pool` that start before `until`. Returns how many.
  virtual absl::StatusOr<int> Publish(absl::string_view actor, absl::string_view pool,
                                      absl::Time until) = 0;

  // Inserts the swap `plan` builds from the snapshot of `window`.
  virtual absl::StatusOr<roster::Swap> CreateSwap(
      absl::string_view actor, const roster::Interval& window,
      const std::function<absl::StatusOr<roster::Swap>(const roster::RosterSnapshot&)>& plan) = 0;
  // Changes a swap; `edit` sees it and a snapshot that reaches `reach` (and at least 30 days,
  // for an edit that moves the swap within its duty) before and after it.
  virtual absl::StatusOr<roster::Swap> UpdateSwap(
      absl::string_view actor, int64_t id, absl::string_view action, absl::Duration reach,
      const std::function<absl::Status(roster::Swap&, const roster::RosterSnapshot&)>& edit) = 0;
  virtual absl::StatusOr<roster::Swap> GetSwap(int64_t id) = 0;
  virtual absl::StatusOr<std::vector<roster::Swap>> ListSwaps(const SwapFilter& f) = 0;

  virtual absl::StatusOr<roster::Override> CreateOverride(absl::string_view actor,
                                                          const roster::Override& o,
                                                          const SnapshotCheck& check) = 0;
  // Ends an override at `at` (not before now, not before its start).
  virtual absl::StatusOr<roster::Override> EndOverride(absl::string_view actor, int64_t id,
                                                       absl::Time at) = 0;
  virtual absl::StatusOr<std::vector<roster::Override>> ListOverrides(
      absl::string_view pool, const roster::Interval& window) = 0;

  virtual absl::StatusOr<roster::Leave> CreateLeave(absl::string_view actor,
                                                    const roster::Leave& l,
                                                    const SnapshotCheck& check) = 0;
  // Cancels leave from now on; `check` sees it first (ownership, scope).
  virtual absl::StatusOr<roster::Leave> CancelLeave(
      absl::string_view actor, int64_t id,
      const std::function<absl::Status(const roster::Leave&)>& check) = 0;
  virtual absl::StatusOr<std::vector<roster::Leave>> ListLeave(absl::string_view person,
                                                               const roster::Interval& window) = 0;
  virtual absl::StatusOr<roster::RosterShift> GetShift(int64_t id) = 0;
};

std::unique_ptr<RosterStore> NewSqliteRosterStore(Database* db);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_ROSTER_STORE_H_
