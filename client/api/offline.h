// SPDX-License-Identifier: EUPL-1.2
// Working without the server (paraat-desk): the followed crisis logs kept in the local cache,
// and the outbox of entries written while the server could not be reached. Queued entries
// carry their idempotency keys and are sent in order when the server is back, each exactly
// once: a send whose answer was lost is sent again with the same key and the server answers
// with the entry it already has.
#ifndef PARAAT_CLIENT_API_OFFLINE_H_
#define PARAAT_CLIENT_API_OFFLINE_H_

#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/api/client.h"
#include "client/cache/cache.h"
#include "common/crisis/crisis.h"
#include "common/crisis/rules.h"

namespace paraat::client {

// Where paraat-desk keeps the cache of `username` on `server`: one file per server and
// account under the user's data folder (or under `base_dir` when it is not empty).
std::string CachePath(const std::string& base_dir, const std::string& server,
                      const std::string& username);

// The crisis logs in the cache.
[[nodiscard]] absl::Status RememberEntries(cache::Cache& cache,
                                           const std::vector<crisis::Entry>& entries);
[[nodiscard]] absl::StatusOr<std::vector<crisis::Entry>> CachedEntries(cache::Cache& cache,
                                                                       int64_t crisis_id,
                                                                       int64_t after_seq);

struct QueuedEntry {
  cache::OutboxItem item;
  crisis::AppendRequest request;
};

struct FlushResult {
  int sent = 0;     // accepted by the server in this flush (also replays of earlier sends)
  int failed = 0;   // refused for good in this flush
  int pending = 0;  // still queued afterwards
  // Why the flush stopped early (the server could not be reached, the session expired),
  // OK when it went through the whole queue.
  absl::Status stopped;
  std::vector<crisis::Entry> entries;  // the entries the server holds for the sent items
};

class Outbox {
 public:
  explicit Outbox(cache::Cache* cache) : cache_(cache) {}

  // Checks the request (crisis::ValidateRequest, so a mistake shows while it is typed, not
  // hours later), gives it an idempotency key when it has none and the time it happened
  // (`now`) when none was given, and stores it durably.
  [[nodiscard]] absl::StatusOr<QueuedEntry> Queue(crisis::AppendRequest r, absl::Time now);
  [[nodiscard]] absl::StatusOr<std::vector<QueuedEntry>> Items(bool pending_only);

  // Sends the queued items in order. Stops at the first item the server could not take now
  // (unreachable, busy, the session expired, its disk full): that item and the ones after it
  // stay queued, so the order holds. An item the server refuses for good (a closed crisis, a
  // rule) is marked failed with the server's message and the flush goes on. One flush at a
  // time; a second caller waits.
  FlushResult Flush(Client& client);

 private:
  cache::Cache* cache_;
  std::mutex flush_mu_;
};

// The line people see for a queued entry: its text, shortened to about 80 characters on a
// character boundary, on one line.
std::string OutboxSummary(const crisis::AppendRequest& r);

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_OFFLINE_H_
