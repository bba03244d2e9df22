// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/sqlite.h"

#include <algorithm>
#include <cerrno>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace paraat::storage {

namespace {

constexpr absl::string_view kDiskFull =
    " (the disk of the data directory is full: nothing was written. Reading still works; "
    "writing resumes as soon as there is space again)";

}  // namespace

absl::Status SqliteStatus(int rc, sqlite3* db, absl::string_view context) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return absl::OkStatus();
  const std::string detail =
      absl::StrCat(context, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(absl::StrCat(detail, " (database busy; try again)"));
    case SQLITE_IOERR:
      // SQLite reports ENOSPC as SQLITE_FULL on database and WAL writes, but as an I/O error
      // in some places (e.g. growing the WAL index, -shm): both are a full disk to the user.
      if (db != nullptr && (sqlite3_system_errno(db) == ENOSPC ||
                            sqlite3_system_errno(db) == EDQUOT)) {
        return absl::ResourceExhaustedError(absl::StrCat(detail, kDiskFull));
      }
      return absl::UnavailableError(absl::StrCat(detail, " (I/O error on the data directory)"));
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(absl::StrCat(detail, kDiskFull));
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(detail);
      }
      return absl::FailedPreconditionError(detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(detail);
    case SQLITE_READONLY:
      // A file of the database (or the directory) the server's user cannot write, changed
      // under a running server: the operator's to fix, logged with every refused call.
      return absl::UnavailableError(absl::StrCat(
          detail, " (the data directory cannot be written: check the owner and mode of "
                  "paraat.db, paraat.db-wal, paraat.db-shm and the directory; nothing was written)"));
    case SQLITE_CANTOPEN:
      return absl::FailedPreconditionError(detail);
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(detail);
    case SQLITE_INTERRUPT:
      return absl::CancelledError(detail);
    default:
      return absl::InternalError(detail);
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Remember(int rc, int index) {
  if (rc != SQLITE_OK && bind_status_.ok()) {
    bind_status_ = SqliteStatus(rc, db_, absl::StrCat("binding parameter ", index));
  }
}

Statement& Statement::Bind(int index, int64_t value) {
  Remember(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  Remember(sqlite3_bind_double(stmt_, index, value), index);
  return *this;
}
Statement& Statement::Bind(int index, absl::string_view text) {
  Remember(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8),
           index);
  return *this;
}
Statement& Statement::BindBlob(int index, absl::string_view bytes) {
  Remember(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), index);
  return *this;
}
Statement& Statement::BindNull(int index) {
  Remember(sqlite3_bind_null(stmt_, index), index);
  return *this;
}
Statement& Statement::Bind(int index, const std::optional<std::string>& text) {
  return text.has_value() ? Bind(index, absl::string_view(*text)) : BindNull(index);
}
Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value.has_value() ? Bind(index, *value) : BindNull(index);
}

absl::StatusOr<bool> Statement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(sqlite3_extended_errcode(db_), db_, "executing statement");
}

absl::Status Statement::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = absl::OkStatus();
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(static_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

std::optional<int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                             bool read_only, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX;  // one thread at a time per connection
  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status s = SqliteStatus(rc, db, absl::StrCat("opening ", path));
    sqlite3_close(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<Connection> conn(new Connection(db, path));
  // The authorizer runs only while statements are prepared; it allows everything and notes
  // the tables a statement reads.
  sqlite3_set_authorizer(db, &Connection::Authorize, conn.get());
  return conn;
}

int Connection::Authorize(void* self, int action, const char* a3, const char* /*a4*/,
                          const char* /*db*/, const char* /*trigger*/) {
  auto* c = static_cast<Connection*>(self);
  if (action == SQLITE_READ && a3 != nullptr && c->preparing_reads_ != nullptr) {
    std::vector<std::string>& r = *c->preparing_reads_;
    if (std::find(r.begin(), r.end(), a3) == r.end()) r.emplace_back(a3);
  }
  return SQLITE_OK;
}

void Connection::TrackChanges(TableSet* into) {
  changes_into_ = into;
  if (into == nullptr) {
    sqlite3_preupdate_hook(db_, nullptr, nullptr);
    return;
  }
  sqlite3_preupdate_hook(
      db_,
      [](void* self, sqlite3*, int, const char*, const char* table, sqlite3_int64,
         sqlite3_int64) {
        TableSet& changed = *static_cast<Connection*>(self)->changes_into_;
        const absl::string_view name(table);
        if (changed.contains(name)) return;
        changed.emplace(name);
        // A virtual table is written through its shadow tables; a read names the virtual
        // table itself. FTS5's shadow tables are <name>_data, _idx, _content, _docsize and
        // _config: count the change for <name> too.
        for (absl::string_view suffix : {"_data", "_idx", "_content", "_docsize", "_config"}) {
          if (absl::EndsWith(name, suffix) && name.size() > suffix.size()) {
            changed.emplace(name.substr(0, name.size() - suffix.size()));
          }
        }
      },
      this);
}

absl::StatusOr<std::unique_ptr<Statement>> Connection::PrepareTracked(absl::string_view sql,
                                                                      unsigned flags) {
  std::vector<std::string> reads;
  preparing_reads_ = &reads;
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &stmt,
                                    nullptr);
  preparing_reads_ = nullptr;
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(rc, db_, absl::StrCat("preparing: ", sql));
  }
  auto st = std::make_unique<Statement>(db_, stmt);
  st->set_reads(std::move(reads));
  return st;
}

void Connection::NoteReads(const Statement& st) {
  if (reads_into_ == nullptr) return;
  for (const std::string& t : st.reads()) reads_into_->insert(t);
}

Connection::~Connection() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

absl::Status Connection::Exec(absl::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return SqliteStatus(sqlite3_extended_errcode(db_), db_, "executing SQL");
  }
  return absl::OkStatus();
}

absl::Status Connection::Run(const char* sql) {
  absl::StatusOr<StatementRef> st = Prepare(sql);
  if (!st.ok()) return st.status();
  return (*st)->Run();
}

absl::StatusOr<StatementRef> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    absl::StatusOr<std::unique_ptr<Statement>> st = PrepareTracked(sql, SQLITE_PREPARE_PERSISTENT);
    if (!st.ok()) return st.status();
    it = cache_.emplace(sql, *std::move(st)).first;
  }
  NoteReads(*it->second);
  return StatementRef(it->second.get());
}

absl::StatusOr<std::unique_ptr<Statement>> Connection::PrepareOnce(absl::string_view sql) {
  absl::StatusOr<std::unique_ptr<Statement>> st = PrepareTracked(sql, 0);
  if (st.ok()) NoteReads(**st);
  return st;
}

absl::StatusOr<int64_t> Connection::QueryInt(absl::string_view sql) {
  absl::StatusOr<std::unique_ptr<Statement>> st = PrepareOnce(sql);
  if (!st.ok()) return st.status();
  absl::StatusOr<bool> row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("no result for: ", sql));
  return (*st)->Int(0);
}

}  // namespace paraat::storage
