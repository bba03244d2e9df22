// SPDX-License-Identifier: EUPL-1.2
#include "server/app/backup.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status/status_macros.h"
#include "server/app/app.h"
#include "server/app/data_dir.h"
#include "server/storage/database.h"
#include "server/storage/sqlite.h"

namespace paraat::app {

namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

bool EmptyOrAbsentDir(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return !Exists(dir);
  bool empty = true;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") empty = false;
  }
  ::closedir(d);
  return empty;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Removes what a failed backup or restore wrote: a partial file must neither pass for a backup
// nor block the next attempt ("exists; a backup never overwrites a file").
void RemoveWithSidecars(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    ::unlink(absl::StrCat(path, suffix).c_str());
  }
}

// A failure to write the backup or the restored directory, said of that place (the server's
// own words for a full disk speak of its data directory and of writing resuming).
absl::Status WritingFailed(const absl::Status& s, const std::string& where) {
  if (absl::IsResourceExhausted(s)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the disk of ", where, " is full (or the file is too large for it); what was written "
        "was removed. Free space, or write elsewhere, and run it again"));
  }
  return absl::Status(s.code(), absl::StrCat(s.message(), " (what was written to ", where,
                                             " was removed)"));
}

// Sets `writing` once it begins to write `output`.
absl::StatusOr<std::string> BackupInto(const DataDirPaths& paths, const std::string& output,
                                       bool& writing);
// Sets `written` once the database and the key are in place (what follows only checks them).
absl::StatusOr<std::string> RestoreInto(const std::string& input, const DataDirPaths& paths,
                                        bool& written);

}  // namespace

absl::StatusOr<std::string> BackupDataDir(const std::string& data_dir, const std::string& output) {
  DataDirPaths paths{data_dir};
  // Claimed first, so that two backups to one path cannot remove each other's file.
  const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat(output, " exists; a backup never overwrites a file"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", output, ": ", std::strerror(errno)));
  }
  ::close(fd);
  bool writing = false;
  absl::StatusOr<std::string> done = BackupInto(paths, output, writing);
  if (!done.ok()) {
    RemoveWithSidecars(output);
    return writing ? WritingFailed(done.status(), output) : done.status();
  }
  return done;
}

namespace {

absl::StatusOr<std::string> BackupInto(const DataDirPaths& paths, const std::string& output,
                                       bool& writing) {
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                          storage::Database::Open(paths.database(), storage::OpenMode::kAsItIs));
  const absl::Time start = absl::Now();
  ::umask(077);
  writing = true;
  PARAAT_RETURN_IF_ERROR(db->Backup(output));
  // The signing key travels inside the backup, so a restored server signs as the same
  // installation. It is as secret as the backup itself: keep backups like the data directory.
  PARAAT_ASSIGN_OR_RETURN(std::string key, ReadFile(paths.signing_key()));
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Connection> out,
                          storage::Connection::Open(output, false, false));
  PARAAT_RETURN_IF_ERROR(out->Exec("CREATE TABLE paraat_backup_key (pem TEXT NOT NULL) STRICT"));
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Statement> st,
                          out->PrepareOnce("INSERT INTO paraat_backup_key (pem) VALUES (?)"));
  st->Bind(1, key);
  PARAAT_RETURN_IF_ERROR(st->Run());
  PARAAT_ASSIGN_OR_RETURN(int64_t entries, out->QueryInt("SELECT count(*) FROM entry"));
  PARAAT_ASSIGN_OR_RETURN(int64_t audit, out->QueryInt("SELECT count(*) FROM audit"));
  return absl::StrCat("Backed up ", paths.database(), " to ", output, " (", entries,
                      " crisis log entries, ", audit, " audit records) in ",
                      absl::FormatDuration(absl::Trunc(absl::Now() - start, absl::Milliseconds(1))),
                      ".\n");
}

}  // namespace

absl::StatusOr<std::string> RestoreDataDir(const std::string& input, const std::string& data_dir,
                                           bool keep_unverified) {
  if (!EmptyOrAbsentDir(data_dir)) {
    return absl::FailedPreconditionError(absl::StrCat(
        data_dir, " is not empty; restore only into an empty (or new) data directory"));
  }
  if (!Exists(input)) return absl::NotFoundError(absl::StrCat("cannot read ", input));
  DataDirPaths paths{data_dir};
  PARAAT_RETURN_IF_ERROR(EnsureDataDir(paths));
  bool written = false;
  absl::StatusOr<std::string> done = RestoreInto(input, paths, written);
  if (!done.ok() && written && keep_unverified && absl::IsDataLoss(done.status())) {
    return absl::Status(
        done.status().code(),
        absl::StrCat(done.status().message(),
                     absl::EndsWith(done.status().message(), "\n") ? "" : "\n",
                     "Kept as asked (--keep-unverified): ", data_dir,
                     " holds the restore. What is named FAILED above is not as it was logged; "
                     "say so to whoever relies on it.\n"));
  }
  if (!done.ok()) {
    // The directory was empty: what is in it now is this restore's. Half written, or written
    // whole but failing its checks, it goes, so no server is ever started on it by mistake;
    // the backup itself is there to be inspected.
    const bool wrote = Exists(paths.database()) || Exists(paths.signing_key());
    RemoveWithSidecars(paths.database());
    ::unlink(paths.signing_key().c_str());
    if (written) {
      return absl::Status(done.status().code(),
                          absl::StrCat(done.status().message(),
                                       absl::EndsWith(done.status().message(), "\n") ? "" : "\n",
                                       "The restore was undone: ",
                                       data_dir, " holds nothing of it (", input,
                                       " was not changed).\n"));
    }
    if (wrote) return WritingFailed(done.status(), data_dir);
  }
  return done;
}

namespace {

absl::StatusOr<std::string> RestoreInto(const std::string& input, const DataDirPaths& paths,
                                        bool& written) {
  const std::string& data_dir = paths.dir;
  std::string key;
  {
    PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Connection> in,
                            storage::Connection::Open(input, true, false));
    absl::StatusOr<std::unique_ptr<storage::Statement>> st =
        in->PrepareOnce("SELECT pem FROM paraat_backup_key");
    if (!st.ok()) {
      return absl::FailedPreconditionError(absl::StrCat(input, " is not a Paraat backup (no key inside)"));
    }
    PARAAT_ASSIGN_OR_RETURN(bool row, (*st)->Step());
    if (!row) return absl::FailedPreconditionError(absl::StrCat(input, " carries no signing key"));
    key = (*st)->Text(0);
  }
  {
    // Copy with the backup API, then drop the key table from the copy.
    PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Connection> src, storage::Connection::Open(input, true, false));
    PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Connection> dest,
                            storage::Connection::Open(paths.database(), false, true));
    sqlite3_backup* b = sqlite3_backup_init(dest->raw(), "main", src->raw(), "main");
    if (b == nullptr) return storage::SqliteStatus(sqlite3_errcode(dest->raw()), dest->raw(), "restoring");
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return storage::SqliteStatus(rc, dest->raw(), "restoring");
    PARAAT_RETURN_IF_ERROR(dest->Exec("DROP TABLE paraat_backup_key"));
    PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Statement> check, dest->PrepareOnce("PRAGMA integrity_check"));
    PARAAT_ASSIGN_OR_RETURN(bool row, check->Step());
    if (!row || check->Text(0) != "ok") {
      return absl::DataLossError(absl::StrCat("the restored database fails its integrity check: ",
                                              row ? check->Text(0) : std::string("no answer")));
    }
  }
  PARAAT_RETURN_IF_ERROR(WritePrivateFile(paths.signing_key(), key));
  written = true;
  // The restored copy is this paraat-server's to serve: an older schema is upgraded (the
  // backup file keeps its own).
  PARAAT_ASSIGN_OR_RETURN(std::string report, VerifyDataDir(data_dir, /*upgrade=*/true));
  return absl::StrCat("Restored ", input, " into ", data_dir, ".\n", report);
}

}  // namespace

}  // namespace paraat::app
