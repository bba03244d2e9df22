// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/database.h"

#include <pthread.h>
#include <sys/stat.h>

#include <bit>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/status/status_macros.h"
#include "server/storage/migrations.h"

namespace paraat::storage {

namespace {

constexpr size_t kMaxGroup = 512;
constexpr size_t kMaxReaders = 16;

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Reads the header fields without the right to write, so a foreign file is never touched.
absl::Status CheckExisting(const std::string& path, int* version_out, bool* initialised) {
  absl::StatusOr<std::unique_ptr<Connection>> ro = Connection::Open(path, true, false);
  if (!ro.ok()) return ro.status();
  absl::StatusOr<int64_t> tables = (*ro)->QueryInt("SELECT count(*) FROM sqlite_schema");
  if (!tables.ok()) {
    if (absl::StrContains(tables.status().message(), "malformed")) {
      // An SQLite file whose own structure is damaged (a truncated or overwritten page).
      return absl::DataLossError(absl::StrCat(
          path, " is damaged (", tables.status().message(),
          "); it was left untouched. Restore the last backup into a new data directory "
          "(paraat-server restore -i BACKUP --data-dir NEW) and start the server on that"));
    }
    if (absl::StrContains(tables.status().message(), "not a database")) {
      return absl::FailedPreconditionError(absl::StrCat(
          path, " is not a Paraat database (", tables.status().message(), "); it was left untouched"));
    }
    // Anything else (a full disk, an I/O error, no permission) says nothing about the file:
    // it is named as it is, not as a foreign or damaged file (which would invite a restore).
    return absl::Status(tables.status().code(),
                        absl::StrCat("cannot read ", path, ": ", tables.status().message(),
                                     "; it was left untouched"));
  }
  absl::StatusOr<int64_t> app = (*ro)->QueryInt("PRAGMA application_id");
  absl::StatusOr<int64_t> version = (*ro)->QueryInt("PRAGMA user_version");
  if (!app.ok()) return app.status();
  if (!version.ok()) return version.status();
  if (*tables == 0 && *version == 0 && *app == 0) {
    *initialised = false;
    *version_out = 0;
    return absl::OkStatus();
  }
  if (*app != kApplicationId) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is an SQLite database of another application (application_id ",
                     *app, "), not a Paraat database; it was left untouched"));
  }
  if (*version > LatestSchemaVersion()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " has schema version ", *version, ", newer than this paraat-server knows (",
        LatestSchemaVersion(), "); upgrade paraat-server. The database was left untouched"));
  }
  *initialised = true;
  *version_out = static_cast<int>(*version);
  return absl::OkStatus();
}

absl::Status Migrate(Connection& conn, int from) {
  for (const Migration& m : Migrations()) {
    if (m.version <= from) continue;
    if (absl::Status s = conn.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    absl::Status s = conn.Exec(m.sql);
    if (s.ok()) s = conn.Exec(absl::StrCat("PRAGMA user_version = ", m.version));
    if (s.ok()) s = conn.Exec("COMMIT");
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return absl::Status(s.code(), absl::StrCat("migrating the database to schema version ",
                                                 m.version, " (", m.summary, "): ", s.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status ConfigureConnection(Connection& conn) {
  return conn.Exec(
      "PRAGMA foreign_keys = ON;"
      "PRAGMA synchronous = FULL;"
      "PRAGMA temp_store = MEMORY;");
}

// A write the storage failed, not one the rules refused: a full disk (RESOURCE_EXHAUSTED), an
// I/O error or a file that cannot be written (UNAVAILABLE), damage (DATA_LOSS).
bool IsStorageFailure(const absl::Status& s) {
  return absl::IsResourceExhausted(s) || absl::IsUnavailable(s) || absl::IsDataLoss(s);
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, OpenMode mode) {
  const bool exists = FileExists(path);
  int version = 0;
  bool initialised = false;
  if (exists) {
    if (absl::Status s = CheckExisting(path, &version, &initialised); !s.ok()) return s;
  }
  if (mode != OpenMode::kCreate && !initialised) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no Paraat database at ", path, "; create one with: paraat-server init --data-dir DIR"));
  }
  if (mode == OpenMode::kCreate && initialised) {
    return absl::AlreadyExistsError(
        absl::StrCat(path, " is already a Paraat database; it was left untouched"));
  }
  if (mode == OpenMode::kCurrent && version < LatestSchemaVersion()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " has schema version ", version, ", older than this paraat-server's (",
        LatestSchemaVersion(), "), and was left untouched: only starting the server upgrades a "
        "database. Use the paraat-server that serves it, or back it up and start this one"));
  }
  absl::StatusOr<std::unique_ptr<Connection>> conn =
      Connection::Open(path, /*read_only=*/false, /*create=*/mode == OpenMode::kCreate);
  if (!conn.ok()) return conn.status();
  Connection& c = **conn;
  if (absl::Status s = c.Exec("PRAGMA journal_mode = WAL"); !s.ok()) return s;
  if (absl::Status s = ConfigureConnection(c); !s.ok()) return s;
  if (!initialised) {
    if (absl::Status s = c.Exec(absl::StrCat("PRAGMA application_id = ", kApplicationId));
        !s.ok()) {
      return s;
    }
  }
  if (mode == OpenMode::kAsItIs && initialised) {
    return std::unique_ptr<Database>(new Database(path, std::move(*conn), version, version));
  }
  if (absl::Status s = Migrate(c, version); !s.ok()) return s;
  return std::unique_ptr<Database>(
      new Database(path, std::move(*conn), LatestSchemaVersion(), version));
}

Database::Database(std::string path, std::unique_ptr<Connection> writer, int schema_version,
                   int opened_at_version)
    : path_(std::move(path)),
      writer_conn_(std::move(writer)),
      schema_version_(schema_version),
      opened_at_version_(opened_at_version) {
  stats_.batch_histogram.assign(11, 0);
  writer_conn_->TrackChanges(&changed_);
  writer_thread_ = std::thread([this] { WriterLoop(); });
  // Named for operators (top -H, perf): the one thread that writes the database.
  pthread_setname_np(writer_thread_.native_handle(), "paraat-writer");
}

Database::~Database() { Close(); }

void Database::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_ && !writer_thread_.joinable()) return;
    closing_ = true;
  }
  cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  completer_.reset();  // runs the completions still posted, then stops
  std::lock_guard<std::mutex> lock(readers_mu_);
  idle_readers_.clear();
  if (writer_conn_ != nullptr) {
    // A clean close checkpoints the WAL into the main file.
    (void)writer_conn_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    writer_conn_.reset();
  }
}

absl::Status Database::Write(WriteJob job) {
  absl::Notification done;
  absl::Status result;
  WriteAsync(std::move(job), [&](absl::Status s) {
    result = std::move(s);
    done.Notify();
  });
  done.WaitForNotification();
  return result;
}

void Database::ProbeWritesIfFailing(absl::Duration every) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const absl::Time now = absl::Now();
    if (stats_.last_failure <= stats_.last_commit || now - last_probe_ < every) return;
    last_probe_ = now;
  }
  WriteAsync(
      [](Txn& txn) -> absl::Status {
        PARAAT_ASSIGN_OR_RETURN(
            StatementRef st,
            txn.conn().Prepare("INSERT OR REPLACE INTO setting (key, value) VALUES "
                               "('write_probe', ?)"));
        st->Bind(1, absl::FormatTime(absl::RFC3339_full, txn.now(), absl::UTCTimeZone()));
        return st->Run();
      },
      [](absl::Status) {});  // what it found is in the writer's stats
}

void Database::WriteAsync(WriteJob job, std::function<void(absl::Status)> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closing_) {
      queue_.push_back(Pending{std::move(job), std::move(done)});
      ++stats_.queue_depth;
      cv_.notify_one();
      return;
    }
  }
  done(absl::UnavailableError("the server is shutting down; the change was not made"));
}

void Database::WriterLoop() {
  std::vector<Pending> group;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty() && closing_) return;
      while (!queue_.empty() && group.size() < kMaxGroup) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      stats_.queue_depth = static_cast<int64_t>(queue_.size());
    }
    CommitGroup(group);
    group.clear();
  }
}

void Database::CommitGroup(std::vector<Pending>& group) {
  Connection& c = *writer_conn_;
  std::vector<absl::Status> results(group.size());
  std::vector<std::vector<std::function<void()>>> hooks(group.size());
  std::vector<std::vector<Txn::GroupStep>> steps(group.size());
  // The group runs in one transaction, each job in a savepoint. SQLite may roll back the
  // whole transaction itself when a statement fails with SQLITE_FULL, SQLITE_IOERR,
  // SQLITE_NOMEM or SQLITE_BUSY. Then the jobs before the failing one are undone too (they
  // fail with its error), and the jobs after it run in a new transaction: outside one, their
  // savepoints would commit each of them on its own while they were reported as failed.
  size_t next = 0;
  while (next < group.size()) {
    const size_t first = next;
    absl::Status begin = c.Run("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (size_t i = first; i < group.size(); ++i) results[i] = begin;
      break;
    }
    bool aborted = false;
    for (; next < group.size(); ++next) {
      Txn txn(c, absl::Now());
      absl::Status s = c.Run("SAVEPOINT job");
      if (s.ok()) {
        s = group[next].job(txn);
        if (s.ok()) s = c.Run("RELEASE job");
        // A job that failed, or whose savepoint could not be released, leaves nothing behind.
        if (!s.ok() && sqlite3_get_autocommit(c.raw()) == 0) {
          (void)c.Run("ROLLBACK TO job");
          (void)c.Run("RELEASE job");
        }
      }
      if (sqlite3_get_autocommit(c.raw()) != 0) {
        // The group transaction is gone: rolled back by SQLite (or ended by the job).
        const absl::Status undone =
            !s.ok() ? s
                    : absl::InternalError(
                          "a write job ended the group transaction; the change was not made");
        for (size_t i = first; i < next; ++i) {
          if (!results[i].ok()) continue;
          results[i] = absl::Status(
              undone.code(), absl::StrCat("the change was rolled back with its group: ",
                                          undone.message()));
          hooks[i].clear();
          steps[i].clear();
        }
        results[next] = undone;
        ++next;
        aborted = true;
        break;
      }
      results[next] = s;
      if (s.ok()) {
        hooks[next] = std::move(txn.on_commit());
        steps[next] = std::move(txn.before_commit());
      }
    }
    if (aborted) continue;
    absl::Status commit;
    for (size_t i = first; i < next && commit.ok(); ++i) {
      if (!results[i].ok()) continue;
      for (auto& step : steps[i]) {
        commit = step(c);
        if (!commit.ok()) break;
      }
    }
    if (commit.ok()) commit = c.Run("COMMIT");
    if (!commit.ok()) {
      if (sqlite3_get_autocommit(c.raw()) == 0) (void)c.Exec("ROLLBACK");
      for (size_t i = first; i < group.size(); ++i) {
        if (!results[i].ok()) continue;
        results[i] = commit;
        hooks[i].clear();
      }
    }
    for (size_t i = first; i < next; ++i) steps[i].clear();
  }
  // Caches of reads learn of the change before any writer is told it is done. (A rolled-back
  // change counts too: a needless reload, never a stale read.)
  if (!changed_.empty()) {
    std::lock_guard<std::mutex> lock(changes_mu_);
    for (const std::string& table : changed_) ++change_counts_[table];
    changed_.clear();
  }
  // In-memory state (live streams, the checkpointer's poke) follows only what is on disk.
  for (size_t i = 0; i < group.size(); ++i) {
    if (results[i].ok()) {
      for (auto& hook : hooks[i]) hook();
    }
  }
  // What the storage itself failed (not a refusal of the rules) and whether anything committed.
  const absl::Status* storage_failure = nullptr;
  bool committed = false;
  for (const absl::Status& r : results) {
    if (r.ok()) {
      committed = true;
    } else if (IsStorageFailure(r)) {
      storage_failure = &r;
    }
  }
  bool waiting;  // more writes are queued
  bool was_failing, failing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    waiting = !queue_.empty();
    was_failing = stats_.last_failure > stats_.last_commit;
    const absl::Time now = absl::Now();
    if (committed) stats_.last_commit = now;
    if (storage_failure != nullptr) {
      ++stats_.storage_failures;
      stats_.last_failure = now;
      stats_.last_failure_message = std::string(storage_failure->message());
    }
    failing = stats_.last_failure > stats_.last_commit;
    ++stats_.commits;
    stats_.jobs += static_cast<int64_t>(group.size());
    stats_.max_batch = std::max<int64_t>(stats_.max_batch, static_cast<int64_t>(group.size()));
    const size_t bucket =
        std::min<size_t>(stats_.batch_histogram.size() - 1, std::bit_width(group.size()) - 1);
    ++stats_.batch_histogram[bucket];
  }
  if (write_state_hook_ && failing != was_failing) {
    write_state_hook_(failing, failing ? std::string(storage_failure->message()) : std::string());
  }
  // With more writes waiting, the writers are told on the completion thread, so the next group
  // need not wait for that. Otherwise (and with no earlier group's completions still pending,
  // to keep commit order) telling them here saves them the hop.
  if (!waiting && completer_->Idle()) {
    for (size_t i = 0; i < group.size(); ++i) group[i].done(results[i]);
    return;
  }
  std::vector<std::function<void(absl::Status)>> dones;
  dones.reserve(group.size());
  for (Pending& p : group) dones.push_back(std::move(p.done));
  completer_->Post([dones = std::move(dones), results = std::move(results)] {
    for (size_t i = 0; i < dones.size(); ++i) dones[i](results[i]);
  });
}

absl::StatusOr<std::unique_ptr<Connection>> Database::AcquireReader() {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return c;
    }
  }
  absl::StatusOr<std::unique_ptr<Connection>> c = Connection::Open(path_, false, false);
  if (!c.ok()) return c.status();
  if (absl::Status s = (*c)->Exec("PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"); !s.ok()) {
    return s;
  }
  return c;
}

void Database::ReleaseReader(std::unique_ptr<Connection> conn) {
  std::lock_guard<std::mutex> lock(readers_mu_);
  if (idle_readers_.size() < kMaxReaders) idle_readers_.push_back(std::move(conn));
}

Database::ChangeCounts Database::Changes() const {
  std::lock_guard<std::mutex> lock(changes_mu_);
  return change_counts_;
}

uint64_t Database::Stamp(const ChangeCounts& counts, const TableSet& tables) {
  uint64_t sum = 0;
  for (const std::string& t : tables) {
    auto it = counts.find(t);
    if (it != counts.end()) sum += it->second;
  }
  return sum;
}

uint64_t Database::Stamp(const TableSet& tables) const {
  std::lock_guard<std::mutex> lock(changes_mu_);
  return Stamp(change_counts_, tables);
}

absl::Status Database::Read(const ReadJob& job, TableSet* tables) {
  absl::StatusOr<std::unique_ptr<Connection>> conn = AcquireReader();
  if (!conn.ok()) return conn.status();
  Connection& c = **conn;
  absl::Status s;
  {
    absl::StatusOr<StatementRef> begin = c.Prepare("BEGIN");
    if (!begin.ok()) return begin.status();
    s = (*begin)->Run();
  }
  if (s.ok()) {
    c.TrackReads(tables);
    s = job(c);
    c.TrackReads(nullptr);
    absl::StatusOr<StatementRef> end = c.Prepare("COMMIT");
    absl::Status e = end.ok() ? (*end)->Run() : end.status();
    if (!e.ok() && sqlite3_get_autocommit(c.raw()) == 0) (void)c.Exec("ROLLBACK");
    if (s.ok()) s = e;
  }
  ReleaseReader(std::move(*conn));
  return s;
}

absl::Status Database::Backup(const std::string& dest_path) {
  absl::StatusOr<std::unique_ptr<Connection>> src = AcquireReader();
  if (!src.ok()) return src.status();
  absl::StatusOr<std::unique_ptr<Connection>> dest = Connection::Open(dest_path, false, true);
  if (!dest.ok()) {
    ReleaseReader(std::move(*src));
    return dest.status();
  }
  sqlite3_backup* b = sqlite3_backup_init((*dest)->raw(), "main", (*src)->raw(), "main");
  if (b == nullptr) {
    absl::Status s = SqliteStatus(sqlite3_errcode((*dest)->raw()), (*dest)->raw(), "starting backup");
    ReleaseReader(std::move(*src));
    return s;
  }
  // All pages in one step, inside one read transaction: a snapshot of the database as it was
  // when the step began (WAL: the writer goes on meanwhile). Copied in smaller steps, every
  // commit of the server between two steps restarted the copy from the first page, and under
  // steady writes a backup could go on for ever.
  int rc;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const int finish = sqlite3_backup_finish(b);
  ReleaseReader(std::move(*src));
  if (rc != SQLITE_DONE) return SqliteStatus(rc, (*dest)->raw(), "copying the database");
  return SqliteStatus(finish, (*dest)->raw(), "finishing backup");
}

bool Database::read_only() const {
  return writer_conn_ != nullptr && sqlite3_db_readonly(writer_conn_->raw(), "main") == 1;
}

WriterStats Database::Stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace paraat::storage
