// SPDX-License-Identifier: EUPL-1.2
// Runs the real binaries in end-to-end tests: spawn with arguments, environment and stdin,
// capture stdout and stderr, wait with a time limit, signal.
#ifndef PARAAT_TESTS_SUPPORT_PROCESS_H_
#define PARAAT_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace paraat::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  int signal = 0;
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs a program to completion (killed after `timeout`). `env` adds to the environment.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         const std::string& stdin_text = "",
                         absl::Duration timeout = absl::Seconds(60));

// A program running in the background; its output goes to files in `log_dir`.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv,
                    const std::map<std::string, std::string>& env, const std::string& log_dir);
  ~BackgroundProcess();  // SIGKILL if still running

  pid_t pid() const { return pid_; }
  // Waits until stdout contains `text` (true) or the process exits / time runs out (false).
  bool WaitForOutput(const std::string& text, absl::Duration timeout);
  std::string Stdout() const;
  std::string Stderr() const;
  void Signal(int sig);
  // Waits for exit; returns the exit code, -1 on signal or timeout.
  int Wait(absl::Duration timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool exited_ = false;
  std::string out_path_, err_path_;
};

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_SUPPORT_PROCESS_H_
