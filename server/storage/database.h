// SPDX-License-Identifier: EUPL-1.2
// The Paraat database: one SQLite file in WAL mode, a single writer thread that commits
// waiting writes together (group commit, synchronous=FULL) and acknowledges each only after
// its commit, and a pool of read connections.
#ifndef PARAAT_SERVER_STORAGE_DATABASE_H_
#define PARAAT_SERVER_STORAGE_DATABASE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/storage/completer.h"
#include "server/storage/sqlite.h"

namespace paraat::storage {

// The database a write job runs in: a savepoint inside the writer's group transaction.
// A job that returns an error is rolled back alone; the others in its group still commit.
class Txn {
 public:
  Txn(Connection& conn, absl::Time now) : conn_(conn), now_(now) {}
  Connection& conn() { return conn_; }
  // The server time of this write, the same for everything the job records.
  absl::Time now() const { return now_; }
  // Runs `fn` on the writer thread after the group commits durably (not if it fails).
  // Used to update in-memory state only once the change is on disk.
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }
  std::vector<std::function<void()>>& on_commit() { return on_commit_; }
  // Runs `fn` in the group transaction once all its jobs have run, outside their savepoints,
  // just before the commit (not if this job fails). An error there fails the whole group.
  // For writes that cost less once per group, e.g. FTS5 rows (FTS5 flushes at savepoints).
  using GroupStep = std::function<absl::Status(Connection&)>;
  void BeforeCommit(GroupStep fn) { before_commit_.push_back(std::move(fn)); }
  std::vector<GroupStep>& before_commit() { return before_commit_; }

 private:
  Connection& conn_;
  absl::Time now_;
  std::vector<std::function<void()>> on_commit_;
  std::vector<GroupStep> before_commit_;
};

using WriteJob = std::function<absl::Status(Txn&)>;
using ReadJob = std::function<absl::Status(Connection&)>;

struct WriterStats {
  int64_t commits = 0;          // group transactions committed
  int64_t jobs = 0;             // write jobs completed (ok or not)
  int64_t queue_depth = 0;      // jobs waiting now
  int64_t max_batch = 0;        // largest group so far
  // batch_histogram[i]: commits whose group had size in [2^i, 2^(i+1)).
  std::vector<int64_t> batch_histogram;
  // Groups the storage failed (a full disk, an I/O error: the transaction could not begin or
  // commit, or SQLite refused a write for such a reason), the last of them, and the last group
  // that committed a write. Writes fail now when last_failure > last_commit.
  int64_t storage_failures = 0;
  absl::Time last_failure = absl::InfinitePast();
  std::string last_failure_message;
  absl::Time last_commit = absl::InfinitePast();
};

enum class OpenMode {
  kCreate,    // `init`: create a new database; refuse one that is already initialised
  kExisting,  // serve: the database must exist and be a Paraat database of a known version;
              // an older schema is upgraded
  kCurrent,   // tools (verify, key, create-admin): as kExisting, but an older schema is
              // refused, not upgraded: only the server that will serve it upgrades a database
  kAsItIs,    // backup: as kExisting, but an older schema is opened as it is
};

// The schema version this build writes. Migrations bring older databases up to it.
int LatestSchemaVersion();

class Database {
 public:
  // Opens `path`. A file that is not a Paraat database, or one from a newer version, is
  // refused with FAILED_PRECONDITION and left untouched.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                                      OpenMode mode);
  // Drains the writer queue and closes every connection.
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `job` on the writer thread and returns once its group is durably committed, or with
  // the job's error, or with the commit's error (e.g. RESOURCE_EXHAUSTED on a full disk).
  // Not from inside a `done` of WriteAsync: that would wait for itself.
  [[nodiscard]] absl::Status Write(WriteJob job);
  // The same without waiting: `done` runs once the group has committed (or failed), groups in
  // commit order: on the completion thread while more writes are queued, so the next group
  // need not wait for it, else on the writer thread (after Close(), on the calling thread).
  // It must not wait for another write.
  void WriteAsync(WriteJob job, std::function<void(absl::Status)> done);

  // Runs `job` with a read connection inside one read transaction (a consistent snapshot).
  // With `tables`, also adds every table the job's statements read to it.
  [[nodiscard]] absl::Status Read(const ReadJob& job, TableSet* tables = nullptr);

  // Change counting, for caches of reads: every write transaction that touches a table (rows
  // inserted, updated or deleted, in any table, WITHOUT ROWID ones included) raises that
  // table's count once it has ended, before its writers are told. A stamp is the sum of the
  // counts of some tables: it only grows, so an unchanged stamp means none of them changed.
  // Take the stamp before the read it vouches for.
  using ChangeCounts = absl::flat_hash_map<std::string, uint64_t>;
  ChangeCounts Changes() const;
  uint64_t Stamp(const TableSet& tables) const;
  static uint64_t Stamp(const ChangeCounts& counts, const TableSet& tables);

  // Copies the live database to `dest_path` with SQLite's online backup API.
  [[nodiscard]] absl::Status Backup(const std::string& dest_path);

  WriterStats Stats() const;
  int schema_version() const { return schema_version_; }
  // The version the database had when it was opened (below schema_version() after an upgrade).
  int opened_at_version() const { return opened_at_version_; }
  // Whether SQLite could open the file for reading only (its owner or mode lets this user not
  // write it): a server on it would fail every write.
  bool read_only() const;
  const std::string& path() const { return path_; }

  // Stops accepting writes (UNAVAILABLE afterwards) and waits for the queue to drain.
  void Close();

  // Called on the writer thread when writes begin to fail (`failing`, with the storage's
  // words) and when a write commits again after that: for the operator's log. Set it before
  // the first write.
  using WriteStateHook = std::function<void(bool failing, const std::string& why)>;

  // While writes fail (no commit since the last storage failure), queues one small real write
  // (a row of the setting table), at most every `every`, without waiting: when the cause is
  // gone it commits and writes count as working again, also on a server nobody writes to (a
  // load balancer that took it out on /healthz's 503 sends it nothing). Does nothing else.
  void ProbeWritesIfFailing(absl::Duration every);
  void SetWriteStateHook(WriteStateHook hook) { write_state_hook_ = std::move(hook); }

 private:
  struct Pending {
    WriteJob job;
    std::function<void(absl::Status)> done;
  };

  Database(std::string path, std::unique_ptr<Connection> writer, int schema_version,
           int opened_at_version);
  void WriterLoop();
  void CommitGroup(std::vector<Pending>& group);
  absl::StatusOr<std::unique_ptr<Connection>> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> conn);

  const std::string path_;
  std::unique_ptr<Connection> writer_conn_;
  const int schema_version_;
  const int opened_at_version_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;      // guarded by mu_
  bool closing_ = false;           // guarded by mu_
  WriterStats stats_;              // guarded by mu_
  WriteStateHook write_state_hook_;  // set before writes begin
  absl::Time last_probe_ = absl::InfinitePast();  // guarded by mu_
  // Runs the completions of committed groups; reset by Close() once the writer has stopped.
  std::unique_ptr<Completer> completer_ = std::make_unique<Completer>();
  std::thread writer_thread_;

  TableSet changed_;  // tables the current group transaction touched; writer thread only
  mutable std::mutex changes_mu_;
  ChangeCounts change_counts_;  // guarded by changes_mu_

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by readers_mu_
};

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_DATABASE_H_
