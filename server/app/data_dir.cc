// SPDX-License-Identifier: EUPL-1.2
#include "server/app/data_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace paraat::app {

namespace {

std::string ReadAll(int fd) {
  std::string out;
  char buf[512];
  if (::lseek(fd, 0, SEEK_SET) < 0) return out;
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

bool WriteAll(int fd, absl::string_view s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::vector<std::string> ExposedFiles(const DataDirPaths& paths, const std::string& tls_key) {
  std::vector<std::string> out;
  auto check = [&](const std::string& path, bool dir) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return;
    const mode_t mode = st.st_mode & 0777;
    if ((mode & 077) == 0) return;
    out.push_back(absl::StrFormat("%s is open to %s (mode %04o); chmod %s %s", path,
                                  (mode & 007) != 0 ? "every user of this machine" : "its group",
                                  mode, dir ? "700" : "600", path));
  };
  check(paths.dir, true);
  check(paths.database(), false);
  check(paths.database() + "-wal", false);
  check(paths.signing_key(), false);
  if (!tls_key.empty()) check(tls_key, false);
  return out;
}

absl::Status EnsureDataDir(const DataDirPaths& paths) {
  struct stat st;
  if (::stat(paths.dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      return absl::FailedPreconditionError(absl::StrCat(paths.dir, " is not a directory"));
    }
    return absl::OkStatus();
  }
  if (::mkdir(paths.dir.c_str(), 0700) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create data directory ", paths.dir, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<DataDirLock>> DataDirLock::Acquire(const DataDirPaths& paths,
                                                                  absl::string_view holder) {
  const int fd = ::open(paths.lock().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open lock file ", paths.lock(), ": ", std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    std::string who(absl::StripTrailingAsciiWhitespace(ReadAll(fd)));
    ::close(fd);
    return absl::FailedPreconditionError(absl::StrCat(
        "the data directory ", paths.dir, " is in use by another paraat-server (",
        who.empty() ? std::string("unknown process") : who,
        "); stop it first or use another --data-dir"));
  }
  auto lock = std::unique_ptr<DataDirLock>(new DataDirLock(fd));
  lock->Describe(holder);
  return lock;
}

void DataDirLock::Describe(absl::string_view holder) {
  if (::ftruncate(fd_, 0) != 0) return;
  if (::lseek(fd_, 0, SEEK_SET) < 0) return;
  (void)WriteAll(fd_, absl::StrCat("pid ", ::getpid(), ", ", holder, "\n"));
}

DataDirLock::~DataDirLock() {
  if (::ftruncate(fd_, 0) != 0) {
    // Nothing to do: the lock is released by close anyway.
  }
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

absl::Status WritePrivateFile(const std::string& path, absl::string_view content) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", tmp, ": ", std::strerror(errno)));
  }
  const bool ok = ::fchmod(fd, 0600) == 0 && WriteAll(fd, content) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace paraat::app
