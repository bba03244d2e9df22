// SPDX-License-Identifier: EUPL-1.2
#include "tests/fault/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

extern char** environ;

namespace paraat::fault {

namespace {

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// fork + exec with stdout/stderr to files and stdin from /dev/null. The child gets SIGKILL
// when the thread that spawned it ends (PR_SET_PDEATHSIG), so it never outlives the test.
// Only async-signal-safe calls happen between fork and exec.
pid_t SpawnChild(const std::vector<std::string>& argv, const std::string& out_path,
                 const std::string& err_path) {
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (std::string& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  const int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (in_fd < 0 || out_fd < 0 || err_fd < 0) {
    if (in_fd >= 0) ::close(in_fd);
    if (out_fd >= 0) ::close(out_fd);
    if (err_fd >= 0) ::close(err_fd);
    return -1;
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent is already gone
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execve(cargs[0], cargs.data(), environ);
    ::_exit(127);
  }
  ::close(in_fd);
  ::close(out_fd);
  ::close(err_fd);
  return pid;
}

}  // namespace

ServerProcess::ServerProcess(std::string server_bin, std::string data_dir, std::string log_dir)
    : server_bin_(std::move(server_bin)),
      data_dir_(std::move(data_dir)),
      log_dir_(std::move(log_dir)) {}

ServerProcess::~ServerProcess() { Kill(); }

absl::Status ServerProcess::Spawn(const std::vector<std::string>& extra) {
  if (running()) return absl::FailedPreconditionError("the server is already running");
  std::vector<std::string> argv = {server_bin_, "--data-dir", data_dir_, "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  address_.clear();
  pid_ = SpawnChild(argv, log_dir_ + "/server.out", log_dir_ + "/server.err");
  if (pid_ <= 0) {
    pid_ = -1;
    return absl::InternalError(absl::StrCat("cannot start ", server_bin_));
  }
  return absl::OkStatus();
}

absl::Status ServerProcess::WaitListening(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  constexpr absl::string_view kMark = "listening on ";
  while (true) {
    const std::string out = Stdout();
    const size_t at = out.find(kMark.data(), 0, kMark.size());
    if (at != std::string::npos) {
      const size_t end = out.find('\n', at);
      if (end != std::string::npos) {
        address_ = out.substr(at + kMark.size(), end - at - kMark.size());
        return absl::OkStatus();
      }
    }
    if (!running()) {
      return absl::UnavailableError(
          absl::StrCat("paraat-server exited before serving: ", Stderr()));
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "paraat-server did not serve within ", absl::FormatDuration(timeout), ": ", Stderr()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

absl::Status ServerProcess::Start(absl::Duration timeout) {
  if (absl::Status s = Spawn(); !s.ok()) return s;
  return WaitListening(timeout);
}

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  if (::waitpid(pid_, &status_, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status_, 0);
  pid_ = -1;
}

int ServerProcess::Stop(absl::Duration timeout) {
  if (pid_ <= 0) return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  ::kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + timeout;
  while (running()) {
    if (absl::Now() > deadline) {
      Kill();
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

std::string ServerProcess::Stdout() const { return ReadText(log_dir_ + "/server.out"); }
std::string ServerProcess::Stderr() const { return ReadText(log_dir_ + "/server.err"); }

}  // namespace paraat::fault
