// SPDX-License-Identifier: EUPL-1.2
// The server's data directory: its files, and the lock that keeps a second server out.
#ifndef PARAAT_SERVER_APP_DATA_DIR_H_
#define PARAAT_SERVER_APP_DATA_DIR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::app {

struct DataDirPaths {
  std::string dir;
  std::string database() const { return dir + "/paraat.db"; }
  std::string lock() const { return dir + "/paraat.lock"; }
  std::string demo_accounts() const { return dir + "/demo-accounts.txt"; }
  std::string signing_key() const { return dir + "/checkpoint-key.pem"; }
};

// Holds an exclusive lock on DIR/paraat.lock while alive. The file says who holds it.
class DataDirLock {
 public:
  // FAILED_PRECONDITION naming the holder (pid, what it is doing) when another process has
  // the lock; `holder` describes this process ("serving on 127.0.0.1:50051").
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<DataDirLock>> Acquire(
      const DataDirPaths& paths, absl::string_view holder);
  ~DataDirLock();
  // Rewrites the description (e.g. once the port is known).
  void Describe(absl::string_view holder);

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

// Creates DIR (mode 0700) if missing. FAILED_PRECONDITION when it cannot.
[[nodiscard]] absl::Status EnsureDataDir(const DataDirPaths& paths);

// What others on the machine could read that only the server's user should: the data
// directory, the database and its WAL, the signing key, and `tls_key` when given, when their
// mode gives anything to group or others. One line per path, with the mode and the chmod
// that closes it; empty when all is well (or a path is absent).
std::vector<std::string> ExposedFiles(const DataDirPaths& paths, const std::string& tls_key);

// Writes `content` to `path` with mode 0600 (atomically: temp file and rename).
[[nodiscard]] absl::Status WritePrivateFile(const std::string& path, absl::string_view content);

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_DATA_DIR_H_
