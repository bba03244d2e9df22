// SPDX-License-Identifier: EUPL-1.2
// Backups: one SQLite file made with SQLite's online backup API while the server serves,
// carrying the checkpoint signing key so a restore keeps the installation's identity; and
// the restore into an empty data directory, checked before it is used.
#ifndef PARAAT_SERVER_APP_BACKUP_H_
#define PARAAT_SERVER_APP_BACKUP_H_

#include <string>

#include "absl/status/statusor.h"

namespace paraat::app {

// Writes `output` (must not exist). Returns a report. Safe while a server is running.
[[nodiscard]] absl::StatusOr<std::string> BackupDataDir(const std::string& data_dir,
                                                        const std::string& output);

// Restores `input` into `data_dir`, which must be empty or absent, then verifies every
// crisis log and the audit chain. FAILED_PRECONDITION for a non-empty directory or a file
// that is not a Paraat backup; DATA_LOSS when the restored data does not verify.
// A restore that does not verify is undone, unless `keep_unverified` (the backup is all there
// is): then it stays, and the error names what failed.
[[nodiscard]] absl::StatusOr<std::string> RestoreDataDir(const std::string& input,
                                                         const std::string& data_dir,
                                                         bool keep_unverified = false);

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_BACKUP_H_
