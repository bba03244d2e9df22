// SPDX-License-Identifier: EUPL-1.2
// Repository of crisis logs: crises, append-only entries with exactly-once appends, the
// Merkle tree of each log (frontier, complete nodes, signed checkpoints), search.
#ifndef PARAAT_SERVER_STORAGE_CRISIS_STORE_H_
#define PARAAT_SERVER_STORAGE_CRISIS_STORE_H_

#include <map>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crisis/crisis.h"
#include "common/crisis/rules.h"
#include "common/ledger/compact_range.h"
#include "common/ledger/merkle.h"

namespace paraat::storage {

class Database;
class Txn;

struct EntryQuery {
  int64_t crisis_id = 0;
  int64_t after_seq = 0;   // entries with seq > after_seq
  int limit = 100;         // at most this many (1..1000)
  std::vector<std::string> kinds;  // kind names; empty = all
  std::string author;              // username; empty = all
  std::optional<absl::Time> from;  // event time >= from
  std::optional<absl::Time> to;    // event time < to
  std::string municipality;        // entries naming it (or, for the opening, the crisis's)
};

struct AppendResult {
  crisis::Entry entry;
  bool replayed = false;  // the same request was made before: this is the original entry
};

struct StoredCheckpoint {
  int64_t crisis_id = 0;
  uint64_t tree_size = 0;
  ledger::Hash root{};
  std::string note;  // the C2SP signed note
  absl::Time signed_at;
};

// Checks the crisis before a change (who may write to it).
using CrisisCheck = std::function<absl::Status(const crisis::Crisis&)>;

class CrisisStore {
 public:
  virtual ~CrisisStore() = default;

  // Creates a crisis and its first entry ("opened"). Idempotent on (author, key): a retry
  // returns the crisis made the first time.
  virtual absl::StatusOr<std::pair<crisis::Crisis, crisis::Entry>> OpenCrisis(
      const crisis::Author& author, const crisis::Crisis& c, const std::string& text,
      std::optional<absl::Time> event_time, const std::string& idempotency_key) = 0;

  // Appends one entry, acknowledged only after its group commit. Exactly once: a retry with
  // the same key and body returns the original entry (also after a restart); the same key
  // with another body is ALREADY_EXISTS. `check` sees the crisis first (write access).
  virtual absl::StatusOr<AppendResult> Append(const crisis::Author& author,
                                              const crisis::AppendRequest& r,
                                              const CrisisCheck& check) = 0;
  // The same without waiting for the commit: `done` runs once, on the database's completion
  // thread, when the append is durable or has failed; it must not wait for another write.
  virtual void AppendAsync(const crisis::Author& author, const crisis::AppendRequest& r,
                           CrisisCheck check,
                           std::function<void(absl::StatusOr<AppendResult>)> done) = 0;

  // Appends several entries to one crisis in one transaction, all or nothing, after running
  // `also` in the same transaction (a change the entries record, e.g. approving a capacity
  // plan). When the first request is a replay of an earlier call, nothing runs and the
  // original entries are returned.
  using AlsoInTxn = std::function<absl::Status(Txn&, const std::vector<crisis::Entry>&)>;
  virtual absl::StatusOr<std::vector<AppendResult>> AppendAll(
      const crisis::Author& author, const std::vector<crisis::AppendRequest>& requests,
      const CrisisCheck& check, const AlsoInTxn& also) = 0;
  // The same without waiting for the commit; `done` as for AppendAsync.
  virtual void AppendAllAsync(
      const crisis::Author& author, std::vector<crisis::AppendRequest> requests,
      CrisisCheck check, AlsoInTxn also,
      std::function<void(absl::StatusOr<std::vector<AppendResult>>)> done) = 0;

  virtual absl::StatusOr<crisis::Crisis> GetCrisis(int64_t id) = 0;
  virtual absl::StatusOr<std::vector<crisis::Crisis>> ListCrises(bool include_closed) = 0;
  virtual absl::StatusOr<std::vector<crisis::Entry>> ListEntries(const EntryQuery& q) = 0;
  // Full-text search (SQLite FTS5 syntax), ordered by seq, at most `limit`. A malformed query
  // is INVALID_ARGUMENT.
  virtual absl::StatusOr<std::vector<crisis::Entry>> Search(int64_t crisis_id,
                                                            const std::string& query,
                                                            int64_t after_seq, int limit) = 0;
  // The corrections of some entries of a crisis: for each of `seqs` that a correction entry
  // corrects, the sequence numbers of those corrections in order. Reads only the corrections of
  // those entries (an index), however long the log.
  virtual absl::StatusOr<std::map<int64_t, std::vector<int64_t>>> CorrectionsOf(
      int64_t crisis_id, const std::vector<int64_t>& seqs) = 0;
  // Action, action-update and correction entries of the given crises (all when empty), in seq
  // order per crisis (FoldActions).
  virtual absl::StatusOr<std::vector<crisis::Entry>> ActionEntries(
      const std::vector<int64_t>& crisis_ids) = 0;

  // The Merkle tree of a log.
  virtual absl::StatusOr<std::vector<ledger::Hash>> InclusionProof(int64_t crisis_id,
                                                                   uint64_t index,
                                                                   uint64_t tree_size) = 0;
  virtual absl::StatusOr<std::vector<ledger::Hash>> ConsistencyProof(int64_t crisis_id,
                                                                     uint64_t m, uint64_t n) = 0;
  virtual absl::StatusOr<std::vector<ledger::Hash>> LeafHashes(int64_t crisis_id) = 0;
  virtual absl::StatusOr<ledger::Hash> LeafHash(int64_t crisis_id, uint64_t index) = 0;
  // The newest signed checkpoint; NOT_FOUND before the first.
  virtual absl::StatusOr<StoredCheckpoint> LatestCheckpoint(int64_t crisis_id) = 0;
  virtual absl::StatusOr<std::vector<StoredCheckpoint>> Checkpoints(int64_t crisis_id) = 0;
  // Crises whose log has grown past their newest checkpoint, with their current frontier.
  virtual absl::StatusOr<std::vector<std::pair<int64_t, ledger::CompactRange>>> UnsignedHeads() = 0;
  virtual absl::Status SaveCheckpoint(const StoredCheckpoint& cp) = 0;

  // Called on the writer thread after each append is durably committed.
  virtual void SetAppendObserver(std::function<void(const crisis::Entry&)> observer) = 0;
};

std::unique_ptr<CrisisStore> NewSqliteCrisisStore(Database* db);

// How many signed checkpoints the database holds, over all crises (a data directory whose
// signing key is missing must not get a new one when something was signed with the old).
[[nodiscard]] absl::StatusOr<int64_t> CountSignedCheckpoints(Database& db);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_CRISIS_STORE_H_
