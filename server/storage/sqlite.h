// SPDX-License-Identifier: EUPL-1.2
// RAII owners for SQLite connections and prepared statements, and the one place where SQLite
// result codes become absl::Status.
#ifndef PARAAT_SERVER_STORAGE_SQLITE_H_
#define PARAAT_SERVER_STORAGE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::storage {

// Names of database tables, e.g. the tables a read used or a transaction changed.
using TableSet = absl::flat_hash_set<std::string>;

// Maps a SQLite result code to a status: BUSY/LOCKED/IOERR -> UNAVAILABLE,
// FULL -> RESOURCE_EXHAUSTED, CONSTRAINT_UNIQUE/PRIMARYKEY -> ALREADY_EXISTS, other
// constraints -> FAILED_PRECONDITION, CORRUPT/NOTADB -> DATA_LOSS, READONLY ->
// FAILED_PRECONDITION, anything else INTERNAL. `context` says what was being done.
absl::Status SqliteStatus(int rc, sqlite3* db, absl::string_view context);

// A prepared statement. Bind errors are remembered and returned by the next Step, so call
// sites stay linear. Not thread-safe; belongs to one connection.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, bool value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, absl::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, absl::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, absl::string_view(text)); }
  Statement& BindBlob(int index, absl::string_view bytes);
  Statement& BindNull(int index);
  // Binds NULL when the optional is empty.
  Statement& Bind(int index, const std::optional<std::string>& text);
  Statement& Bind(int index, const std::optional<int64_t>& value);

  // true: a row is available; false: done.
  [[nodiscard]] absl::StatusOr<bool> Step();
  // Steps to completion, expecting no rows.
  [[nodiscard]] absl::Status Run();
  // Resets for reuse and clears bindings.
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool Bool(int col) const { return sqlite3_column_int64(stmt_, col) != 0; }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  std::string Blob(int col) const;
  std::optional<std::string> OptText(int col) const;
  std::optional<int64_t> OptInt(int col) const;

  sqlite3_stmt* raw() const { return stmt_; }

  // The tables this statement reads (as SQLite's authorizer reported them when preparing it).
  const std::vector<std::string>& reads() const { return reads_; }
  void set_reads(std::vector<std::string> tables) { reads_ = std::move(tables); }

 private:
  void Remember(int rc, int index);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  absl::Status bind_status_;
  std::vector<std::string> reads_;
};

// A statement borrowed from a connection's cache; reset when the borrow ends.
class StatementRef {
 public:
  explicit StatementRef(Statement* s) : s_(s) {}
  ~StatementRef() {
    if (s_ != nullptr) s_->Reset();
  }
  StatementRef(StatementRef&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementRef(const StatementRef&) = delete;
  StatementRef& operator=(const StatementRef&) = delete;
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

// One SQLite connection with a cache of prepared statements. Used by one thread at a time.
class Connection {
 public:
  // Opens `path`. `read_only` opens without the right to write or create.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path,
                                                                        bool read_only,
                                                                        bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results.
  [[nodiscard]] absl::Status Exec(absl::string_view sql);
  // Runs one statement without results, prepared once and kept (`sql` must be a literal):
  // for the transaction control the writer repeats for every job.
  [[nodiscard]] absl::Status Run(const char* sql);
  // A cached prepared statement for `sql` (which must outlive the connection: a literal).
  [[nodiscard]] absl::StatusOr<StatementRef> Prepare(const char* sql);
  // An uncached statement, for SQL built at run time.
  [[nodiscard]] absl::StatusOr<std::unique_ptr<Statement>> PrepareOnce(absl::string_view sql);

  // Reads a single integer (e.g. a pragma).
  [[nodiscard]] absl::StatusOr<int64_t> QueryInt(absl::string_view sql);

  // While `into` is set, every statement prepared or taken from the cache adds the tables it
  // reads to `into` (nullptr stops). A read that knows its tables can be cached until one of
  // them changes.
  void TrackReads(TableSet* into) { reads_into_ = into; }
  // While `into` is set, every row this connection inserts, updates or deletes adds its table
  // to `into` (SQLite's pre-update hook: also WITHOUT ROWID tables; an FTS5 table is reported
  // through its shadow tables and under its own name). Changes later rolled back are reported
  // too.
  void TrackChanges(TableSet* into);

  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  // Prepares `sql` and records the tables it reads on the statement.
  absl::StatusOr<std::unique_ptr<Statement>> PrepareTracked(absl::string_view sql,
                                                            unsigned flags);
  void NoteReads(const Statement& st);
  static int Authorize(void* self, int action, const char* a3, const char* a4, const char* db,
                       const char* trigger);

  sqlite3* db_;
  std::string path_;
  std::map<const char*, std::unique_ptr<Statement>> cache_;
  std::vector<std::string>* preparing_reads_ = nullptr;  // set during a prepare
  TableSet* reads_into_ = nullptr;
  TableSet* changes_into_ = nullptr;
};

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_SQLITE_H_
