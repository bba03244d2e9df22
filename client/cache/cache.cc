// SPDX-License-Identifier: EUPL-1.2
#include "client/cache/cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace paraat::client::cache {

namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS answer (
  key   TEXT PRIMARY KEY,
  bytes BLOB NOT NULL,
  saved INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS log_entry (
  crisis_id INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  bytes     BLOB NOT NULL,
  PRIMARY KEY (crisis_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  crisis_id       INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  request         BLOB NOT NULL,
  summary         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  seq             INTEGER NOT NULL DEFAULT 0,
  queued          INTEGER NOT NULL,
  done            INTEGER
);
CREATE TABLE IF NOT EXISTS draft (
  key  TEXT PRIMARY KEY,
  text TEXT NOT NULL
);
)sql";

absl::Status Error(sqlite3* db, int rc, absl::string_view what) {
  const std::string detail =
      absl::StrCat("local cache: ", what, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(absl::StrCat(detail, " (the disk is full)"));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return absl::UnavailableError(detail);
    case SQLITE_CONSTRAINT:
      return absl::AlreadyExistsError(detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(detail);
    default:
      return absl::InternalError(detail);
  }
}

// One prepared statement; finalized when it goes out of scope.
class Stmt {
 public:
  Stmt(sqlite3* db, absl::string_view sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Int(int i, int64_t v) {
    Keep(stmt_ ? sqlite3_bind_int64(stmt_, i, v) : rc_);
    return *this;
  }
  Stmt& Text(int i, absl::string_view v) {
    Keep(stmt_ ? sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT)
               : rc_);
    return *this;
  }
  Stmt& Blob(int i, absl::string_view v) {
    Keep(stmt_ ? sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT)
               : rc_);
    return *this;
  }
  Stmt& Null(int i) {
    Keep(stmt_ ? sqlite3_bind_null(stmt_, i) : rc_);
    return *this;
  }
  // true while there is a row.
  absl::StatusOr<bool> Step(absl::string_view what) {
    if (rc_ != SQLITE_OK) return Error(db_, rc_, what);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error(db_, rc, what);
  }
  absl::Status Run(absl::string_view what) { return Step(what).status(); }

  int64_t ColInt(int c) const { return sqlite3_column_int64(stmt_, c); }
  bool ColNull(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::string ColBytes(int c) const {
    const void* p = sqlite3_column_blob(stmt_, c);
    const int n = sqlite3_column_bytes(stmt_, c);
    return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), n);
  }

 private:
  void Keep(int rc) {
    if (rc_ == SQLITE_OK && rc != SQLITE_OK) rc_ = rc;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

absl::Status Exec(sqlite3* db, const char* sql, absl::string_view what) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? absl::OkStatus() : Error(db, rc, what);
}

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

OutboxState StateFrom(absl::string_view s) {
  if (s == "sent") return OutboxState::kSent;
  if (s == "failed") return OutboxState::kFailed;
  return OutboxState::kQueued;
}

}  // namespace

absl::string_view OutboxStateName(OutboxState s) {
  switch (s) {
    case OutboxState::kQueued: return "queued";
    case OutboxState::kSent: return "sent";
    case OutboxState::kFailed: return "failed";
  }
  return "queued";
}

absl::StatusOr<std::unique_ptr<Cache>> Cache::Open(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("local cache: the path is empty");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("local cache: cannot create the folder ", parent.string(), ": ", ec.message()));
    }
  }
  // Crisis logs, the outbox and drafts are for this user only: the file is made (or made
  // again) readable by its owner alone before SQLite opens it, and SQLite gives its -wal and
  // -shm files the same mode.
  if (const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) {
    (void)::fchmod(fd, 0600);
    ::close(fd);
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    absl::Status s = Error(db, rc, absl::StrCat("cannot open ", path));
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Cache> cache(new Cache(path, db));
  sqlite3_busy_timeout(db, 2000);
  absl::Status s = cache->Migrate();
  if (!s.ok()) return s;
  return cache;
}

Cache::~Cache() { sqlite3_close(db_); }

absl::Status Cache::Migrate() {
  std::lock_guard<std::mutex> lock(mu_);
  {
    Stmt check(db_, "SELECT count(*) FROM sqlite_master");
    absl::StatusOr<bool> row = check.Step("read the schema");
    if (!row.ok()) {
      if (absl::IsDataLoss(row.status())) {
        return absl::FailedPreconditionError(
            absl::StrCat(path_, " is not a Paraat cache (", row.status().message(), ")"));
      }
      return row.status();
    }
  }
  int64_t v = 0;
  {
    // Scoped: a statement not yet finished holds a read transaction open.
    Stmt version(db_, "PRAGMA user_version");
    absl::StatusOr<bool> row = version.Step("read the cache version");
    if (!row.ok()) return row.status();
    v = version.ColInt(0);
  }
  if (v > kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        path_, " was written by a newer Paraat (cache version ", v, "; this one knows ",
        kSchemaVersion, ")"));
  }
  if (absl::Status s = Exec(db_, "PRAGMA journal_mode=WAL", "switch to WAL"); !s.ok()) return s;
  if (absl::Status s = Exec(db_, "PRAGMA synchronous=FULL", "set synchronous"); !s.ok()) return s;
  if (absl::Status s = Exec(db_, kSchema, "create the tables"); !s.ok()) return s;
  return Exec(db_, "PRAGMA user_version=1", "set the cache version");
}

absl::Status Cache::Put(absl::string_view key, absl::string_view bytes, absl::Time saved) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "INSERT INTO answer(key, bytes, saved) VALUES (?1, ?2, ?3) "
              "ON CONFLICT(key) DO UPDATE SET bytes = excluded.bytes, saved = excluded.saved");
  return s.Text(1, key).Blob(2, bytes).Int(3, Micros(saved)).Run("save an answer");
}

absl::StatusOr<std::optional<Stored>> Cache::Get(absl::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "SELECT bytes, saved FROM answer WHERE key = ?1");
  s.Text(1, key);
  absl::StatusOr<bool> row = s.Step("read an answer");
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Stored>();
  return std::optional<Stored>(Stored{s.ColBytes(0), FromMicros(s.ColInt(1))});
}

absl::Status Cache::SetLastContact(absl::Time t) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "INSERT INTO meta(key, value) VALUES ('last_contact', ?1) "
              "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  return s.Text(1, absl::StrCat(Micros(t))).Run("save the last contact");
}

absl::StatusOr<std::optional<absl::Time>> Cache::LastContact() {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_contact'");
  absl::StatusOr<bool> row = s.Step("read the last contact");
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<absl::Time>();
  return std::optional<absl::Time>(FromMicros(s.ColInt(0)));
}

absl::Status Cache::PutEntries(int64_t crisis_id,
                               const std::vector<std::pair<int64_t, std::string>>& entries) {
  std::lock_guard<std::mutex> lock(mu_);
  if (absl::Status s = Exec(db_, "BEGIN IMMEDIATE", "begin"); !s.ok()) return s;
  for (const auto& [seq, bytes] : entries) {
    Stmt s(db_, "INSERT INTO log_entry(crisis_id, seq, bytes) VALUES (?1, ?2, ?3) "
                "ON CONFLICT(crisis_id, seq) DO UPDATE SET bytes = excluded.bytes");
    absl::Status st = s.Int(1, crisis_id).Int(2, seq).Blob(3, bytes).Run("save an entry");
    if (!st.ok()) {
      (void)Exec(db_, "ROLLBACK", "roll back");
      return st;
    }
  }
  return Exec(db_, "COMMIT", "save the entries");
}

absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> Cache::Entries(int64_t crisis_id,
                                                                            int64_t after_seq) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "SELECT seq, bytes FROM log_entry WHERE crisis_id = ?1 AND seq > ?2 ORDER BY seq");
  s.Int(1, crisis_id).Int(2, after_seq);
  std::vector<std::pair<int64_t, std::string>> out;
  while (true) {
    absl::StatusOr<bool> row = s.Step("read the entries");
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back(s.ColInt(0), s.ColBytes(1));
  }
  return out;
}

absl::StatusOr<int64_t> Cache::ContiguousSeq(int64_t crisis_id) {
  std::lock_guard<std::mutex> lock(mu_);
  // The first number whose successor is missing, among 0 and the numbers held.
  Stmt s(db_,
         "SELECT min(n) FROM (SELECT 0 AS n UNION ALL SELECT seq FROM log_entry WHERE crisis_id = ?1) "
         "AS held WHERE NOT EXISTS (SELECT 1 FROM log_entry e WHERE e.crisis_id = ?1 "
         "AND e.seq = held.n + 1)");
  s.Int(1, crisis_id);
  absl::StatusOr<bool> row = s.Step("find where the log continues");
  if (!row.ok()) return row.status();
  return s.ColInt(0);
}

absl::StatusOr<int64_t> Cache::Enqueue(int64_t crisis_id, absl::string_view idempotency_key,
                                       absl::string_view request, absl::string_view summary,
                                       absl::Time queued) {
  if (idempotency_key.empty()) {
    return absl::InvalidArgumentError("local cache: an outbox item needs an idempotency key");
  }
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "INSERT INTO outbox(crisis_id, idempotency_key, request, summary, state, queued) "
              "VALUES (?1, ?2, ?3, ?4, 'queued', ?5)");
  absl::Status st = s.Int(1, crisis_id)
                        .Text(2, idempotency_key)
                        .Blob(3, request)
                        .Text(4, summary)
                        .Int(5, Micros(queued))
                        .Run("queue an entry");
  if (absl::IsAlreadyExists(st)) {
    return absl::AlreadyExistsError(
        absl::StrCat("an entry with idempotency key ", idempotency_key, " is queued already"));
  }
  if (!st.ok()) return st;
  return sqlite3_last_insert_rowid(db_);
}

absl::StatusOr<std::vector<OutboxItem>> Cache::Outbox(bool pending_only) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, pending_only
                  ? "SELECT id, crisis_id, idempotency_key, request, summary, state, attempts, "
                    "last_error, seq, queued, done FROM outbox WHERE state = 'queued' ORDER BY id"
                  : "SELECT id, crisis_id, idempotency_key, request, summary, state, attempts, "
                    "last_error, seq, queued, done FROM outbox ORDER BY id");
  std::vector<OutboxItem> out;
  while (true) {
    absl::StatusOr<bool> row = s.Step("read the outbox");
    if (!row.ok()) return row.status();
    if (!*row) break;
    OutboxItem it;
    it.id = s.ColInt(0);
    it.crisis_id = s.ColInt(1);
    it.idempotency_key = s.ColBytes(2);
    it.request = s.ColBytes(3);
    it.summary = s.ColBytes(4);
    it.state = StateFrom(s.ColBytes(5));
    it.attempts = static_cast<int>(s.ColInt(6));
    it.last_error = s.ColBytes(7);
    it.seq = s.ColInt(8);
    it.queued = FromMicros(s.ColInt(9));
    if (!s.ColNull(10)) it.done = FromMicros(s.ColInt(10));
    out.push_back(std::move(it));
  }
  return out;
}

namespace {

absl::Status ChangedOne(sqlite3* db, int64_t id) {
  if (sqlite3_changes(db) == 1) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat("local cache: no queued outbox item ", id));
}

}  // namespace

absl::Status Cache::NoteAttempt(int64_t id, absl::string_view error) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 "
              "WHERE id = ?1 AND state = 'queued'");
  if (absl::Status st = s.Int(1, id).Text(2, error).Run("note an attempt"); !st.ok()) return st;
  return ChangedOne(db_, id);
}

absl::Status Cache::MarkSent(int64_t id, int64_t seq, absl::Time at) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_error = '', "
              "seq = ?2, done = ?3 WHERE id = ?1 AND state = 'queued'");
  if (absl::Status st = s.Int(1, id).Int(2, seq).Int(3, Micros(at)).Run("mark as sent"); !st.ok()) {
    return st;
  }
  return ChangedOne(db_, id);
}

absl::Status Cache::MarkFailed(int64_t id, absl::string_view error, absl::Time at) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2, "
              "done = ?3 WHERE id = ?1 AND state = 'queued'");
  if (absl::Status st = s.Int(1, id).Text(2, error).Int(3, Micros(at)).Run("mark as failed");
      !st.ok()) {
    return st;
  }
  return ChangedOne(db_, id);
}

absl::Status Cache::PruneOutbox(absl::Time before) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "DELETE FROM outbox WHERE state = 'sent' AND done < ?1");
  return s.Int(1, Micros(before)).Run("prune the outbox");
}

absl::Status Cache::RemoveFailed(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "DELETE FROM outbox WHERE id = ?1 AND state = 'failed'");
  PARAAT_RETURN_IF_ERROR(s.Int(1, id).Run("remove an outbox item"));
  if (sqlite3_changes(db_) == 0) {
    return absl::NotFoundError(absl::StrCat("the outbox has no refused item ", id));
  }
  return absl::OkStatus();
}

absl::Status Cache::SaveDraft(absl::string_view key, absl::string_view text) {
  std::lock_guard<std::mutex> lock(mu_);
  // A draft is saved at every keystroke, on the GUI thread: without a sync of its own (WAL,
  // synchronous=NORMAL), so that typing never waits for the disk. It survives the program
  // ending; a power cut may take the last keystrokes. The outbox keeps synchronous=FULL.
  if (absl::Status s = Exec(db_, "PRAGMA synchronous=NORMAL", "set synchronous"); !s.ok()) return s;
  absl::Status saved;
  if (text.empty()) {
    Stmt s(db_, "DELETE FROM draft WHERE key = ?1");
    saved = s.Text(1, key).Run("remove a draft");
  } else {
    Stmt s(db_, "INSERT INTO draft(key, text) VALUES (?1, ?2) "
                "ON CONFLICT(key) DO UPDATE SET text = excluded.text");
    saved = s.Text(1, key).Text(2, text).Run("save a draft");
  }
  if (absl::Status s = Exec(db_, "PRAGMA synchronous=FULL", "set synchronous"); !s.ok()) return s;
  return saved;
}

absl::StatusOr<std::string> Cache::Draft(absl::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt s(db_, "SELECT text FROM draft WHERE key = ?1");
  s.Text(1, key);
  absl::StatusOr<bool> row = s.Step("read a draft");
  if (!row.ok()) return row.status();
  return *row ? s.ColBytes(0) : std::string();
}

}  // namespace paraat::client::cache
