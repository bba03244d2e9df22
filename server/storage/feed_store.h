// SPDX-License-Identifier: EUPL-1.2
// Repository of feed links (secret links to iCalendar feeds, stored only as the SHA-256 of
// their secret) and of the change times the feeds derive their revisions from.
#ifndef PARAAT_SERVER_STORAGE_FEED_STORE_H_
#define PARAAT_SERVER_STORAGE_FEED_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/roster/duty_calendar.h"

namespace paraat::storage {

class Database;
class Txn;

struct FeedLink {
  int64_t id = 0;
  std::string owner;               // username of the account that made it
  std::string owner_person;        // that account's person key
  std::string owner_municipality;  // that person's municipality key
  roster::FeedTarget target;
  absl::Time created;
  absl::Time revoked = absl::InfiniteFuture();  // InfiniteFuture: active
  std::string revoked_by;
  std::string hint;  // first 8 hex digits of the secret's SHA-256

  bool active() const { return revoked == absl::InfiniteFuture(); }
};

struct FeedLinkFilter {
  std::string owner;         // empty: every owner
  std::string municipality;  // empty: every municipality; else owners' people in it
  bool include_revoked = false;
};

class FeedStore {
 public:
  virtual ~FeedStore() = default;

  // Stores a link of `owner` (a username) to `target` with the SHA-256 `secret_hash` (32
  // bytes), revoking the owner's active links to the same target, audited as feed.create
  // (never with the secret or its hash; the hint at most). NOT_FOUND: unknown account, pool
  // or person.
  virtual absl::StatusOr<FeedLink> CreateLink(absl::string_view owner,
                                              const roster::FeedTarget& target,
                                              absl::string_view secret_hash) = 0;
  // Revokes link `id` after `check` (ownership, scope) saw it; audited as feed.revoke.
  // NOT_FOUND: no such link. FAILED_PRECONDITION: already revoked.
  virtual absl::StatusOr<FeedLink> RevokeLink(
      absl::string_view actor, int64_t id,
      const std::function<absl::Status(const FeedLink&)>& check) = 0;
  // The active link of `owner` to `target`; NOT_FOUND when there is none.
  virtual absl::StatusOr<FeedLink> FindOwnLink(absl::string_view owner,
                                               const roster::FeedTarget& target) = 0;
  // Links by id.
  virtual absl::StatusOr<std::vector<FeedLink>> ListLinks(const FeedLinkFilter& filter) = 0;
  // The link whose secret hashes to `secret_hash`, active or not; NOT_FOUND for an unknown
  // one. A link of a deactivated account that was not revoked with it (from before accounts
  // took their links along) counts as revoked at an unknown time (InfinitePast).
  virtual absl::StatusOr<FeedLink> FindLink(absl::string_view secret_hash) = 0;

  // When every shift, swap (in any state) and override that can shape the final schedule
  // in `window` was made and last changed, and the last edits of people and pools. An
  // override ended early counts as changed when it was ended (from the audit trail).
  virtual absl::StatusOr<roster::ScheduleHistory> History(const roster::Interval& window) = 0;
};

// In a write transaction: revokes every active feed link of the account, each audited as
// feed.revoke by `actor`. An account that is deactivated loses its links for good, so that
// reactivating it cannot bring back a link that was passed on meanwhile.
absl::Status RevokeFeedLinksOfAccount(Txn& txn, absl::string_view actor, int64_t account_id);

std::unique_ptr<FeedStore> NewSqliteFeedStore(Database* db);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_FEED_STORE_H_
