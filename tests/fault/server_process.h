// SPDX-License-Identifier: EUPL-1.2
// The real `paraat-server` binary as the fault tests need it: started on 127.0.0.1 with a
// free port, killed with SIGKILL at any moment (also while it starts), stopped with SIGTERM,
// and never left behind: the destructor kills it, and a child dies with the thread that
// started it (PR_SET_PDEATHSIG), so a test killed by its time limit leaves no server running.
#ifndef PARAAT_TESTS_FAULT_SERVER_PROCESS_H_
#define PARAAT_TESTS_FAULT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace paraat::fault {

class ServerProcess {
 public:
  // `log_dir` receives server.out and server.err of the latest start.
  ServerProcess(std::string server_bin, std::string data_dir, std::string log_dir);
  ~ServerProcess();  // SIGKILL and reap when still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Spawns the server without waiting for it. `extra` is added to the command line.
  absl::Status Spawn(const std::vector<std::string>& extra = {});
  // Waits until the server prints "listening on HOST:PORT"; fails (with its stderr) when it
  // exits first or `timeout` passes.
  absl::Status WaitListening(absl::Duration timeout);
  // Spawn + WaitListening.
  absl::Status Start(absl::Duration timeout = absl::Seconds(30));

  // SIGKILL and reap. Nothing happens when it is not running.
  void Kill();
  // SIGTERM, then waits; returns the exit code (-1 when it had to be killed after `timeout`).
  int Stop(absl::Duration timeout = absl::Seconds(20));
  bool running();

  pid_t pid() const { return pid_; }
  // HOST:PORT the server reported, after WaitListening.
  const std::string& address() const { return address_; }
  std::string Stdout() const;
  std::string Stderr() const;

 private:
  const std::string server_bin_;
  const std::string data_dir_;
  const std::string log_dir_;
  pid_t pid_ = -1;
  int status_ = 0;
  std::string address_;
};

}  // namespace paraat::fault

#endif  // PARAAT_TESTS_FAULT_SERVER_PROCESS_H_
