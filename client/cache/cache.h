// SPDX-License-Identifier: EUPL-1.2
// The client's local store (SQLite, one file per server and account): the last answers to
// read calls, the entries of the crisis logs the user follows, the outbox of entries written
// while the server could not be reached, and drafts of forms. It keeps opaque bytes; what they
// mean is the client library's business (client/api/offline.h). Every write is durable
// (synchronous=FULL) before the call returns, so quitting or a crash loses nothing queued.
// Thread-safe: one connection behind a mutex.
#ifndef PARAAT_CLIENT_CACHE_CACHE_H_
#define PARAAT_CLIENT_CACHE_CACHE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

struct sqlite3;

namespace paraat::client::cache {

struct Stored {
  std::string bytes;
  absl::Time saved;
};

enum class OutboxState {
  kQueued,  // waiting to be sent (also after failed attempts that a retry may fix)
  kSent,    // the server has it: `seq` is its number in the log
  kFailed,  // the server refused it for good; `last_error` says why
};
absl::string_view OutboxStateName(OutboxState s);

struct OutboxItem {
  int64_t id = 0;  // the order of sending
  int64_t crisis_id = 0;
  std::string idempotency_key;
  std::string request;  // opaque
  std::string summary;  // one line for people ("besluit: ...")
  OutboxState state = OutboxState::kQueued;
  int attempts = 0;
  std::string last_error;
  int64_t seq = 0;
  absl::Time queued;
  std::optional<absl::Time> done;
};

class Cache {
 public:
  // Opens or creates the file (and its folder). INVALID_ARGUMENT for an empty path,
  // UNAVAILABLE when it cannot be opened, FAILED_PRECONDITION for a file that is not a cache
  // or comes from a newer version.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Cache>> Open(const std::string& path);
  ~Cache();
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  const std::string& path() const { return path_; }

  // Answers to read calls, by a key the caller chooses.
  [[nodiscard]] absl::Status Put(absl::string_view key, absl::string_view bytes, absl::Time saved);
  [[nodiscard]] absl::StatusOr<std::optional<Stored>> Get(absl::string_view key);

  // When the server last answered (kept across restarts, for "last synchronised at").
  [[nodiscard]] absl::Status SetLastContact(absl::Time t);
  [[nodiscard]] absl::StatusOr<std::optional<absl::Time>> LastContact();

  // Crisis log entries, by crisis and number. Putting an entry again replaces it (the same
  // entry: logs are append-only).
  [[nodiscard]] absl::Status PutEntries(int64_t crisis_id,
                                        const std::vector<std::pair<int64_t, std::string>>& entries);
  // The entries after `after_seq`, in order.
  [[nodiscard]] absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> Entries(
      int64_t crisis_id, int64_t after_seq);
  // The highest number held without a gap from 1 (0 when none): where a stream resumes.
  [[nodiscard]] absl::StatusOr<int64_t> ContiguousSeq(int64_t crisis_id);

  // The outbox. Enqueue returns the item's id; ALREADY_EXISTS when the key is queued already.
  [[nodiscard]] absl::StatusOr<int64_t> Enqueue(int64_t crisis_id, absl::string_view idempotency_key,
                                                absl::string_view request, absl::string_view summary,
                                                absl::Time queued);
  // Items in sending order; only those still queued when `pending_only`.
  [[nodiscard]] absl::StatusOr<std::vector<OutboxItem>> Outbox(bool pending_only);
  [[nodiscard]] absl::Status NoteAttempt(int64_t id, absl::string_view error);
  [[nodiscard]] absl::Status MarkSent(int64_t id, int64_t seq, absl::Time at);
  [[nodiscard]] absl::Status MarkFailed(int64_t id, absl::string_view error, absl::Time at);
  // Forgets sent items finished before `before`. Queued items always stay; so do refused
  // ones, until someone takes them back (RemoveFailed): their text is not lost.
  [[nodiscard]] absl::Status PruneOutbox(absl::Time before);
  // Removes a refused item (NOT_FOUND when there is no refused item `id`).
  [[nodiscard]] absl::Status RemoveFailed(int64_t id);

  // Drafts: what someone was typing, saved as they type; empty text removes the draft.
  [[nodiscard]] absl::Status SaveDraft(absl::string_view key, absl::string_view text);
  [[nodiscard]] absl::StatusOr<std::string> Draft(absl::string_view key);

 private:
  Cache(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  absl::Status Migrate();

  std::string path_;
  std::mutex mu_;
  sqlite3* db_;  // guarded by mu_
};

}  // namespace paraat::client::cache

#endif  // PARAAT_CLIENT_CACHE_CACHE_H_
