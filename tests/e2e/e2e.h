// SPDX-License-Identifier: EUPL-1.2
// What the end-to-end tests share: a demo data directory made by the real `paraat-server
// init --demo`, a real server process, and the real `paraat` CLI run as a user would.
#ifndef PARAAT_TESTS_E2E_E2E_H_
#define PARAAT_TESTS_E2E_E2E_H_

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "tests/support/process.h"
#include "tests/support/test_server.h"

namespace paraat::testing {

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The text after `prefix` up to the end of its word or line ("" when absent).
inline std::string After(const std::string& text, const std::string& prefix) {
  const size_t at = text.find(prefix);
  if (at == std::string::npos) return "";
  const size_t from = at + prefix.size();
  return text.substr(from, text.find_first_of("\n ", from) - from);
}

// The time zone the demo's pools and the CLI's times are in.
inline absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

class DemoEnvironment {
 public:
  DemoEnvironment() {
    ProcessResult init = RunProcess({PARAAT_SERVER_BIN, "init", "--data-dir", data_dir(), "--demo"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    init_output_ = init.out;
    std::ifstream in(dir_.File("data/demo-accounts.txt"));
    std::string user, pw, role;
    while (in >> user >> pw >> role) passwords_[user] = pw;
  }
  ~DemoEnvironment() { StopServer(); }

  std::string data_dir() const { return dir_.File("data"); }
  const std::string& init_output() const { return init_output_; }
  std::string password(const std::string& user) const {
    auto it = passwords_.find(user);
    return it == passwords_.end() ? "" : it->second;
  }

  // Starts `paraat-server` on 127.0.0.1 with a free port and waits until it serves.
  void StartServer(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {PARAAT_SERVER_BIN, "--data-dir", data_dir(), "--listen",
                                     "127.0.0.1:0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    server_ = std::make_unique<BackgroundProcess>(argv, std::map<std::string, std::string>{},
                                                  dir_.path());
    ASSERT_TRUE(server_->WaitForOutput("listening on ", absl::Seconds(20))) << server_->Stderr();
    const std::string out = server_->Stdout();
    const size_t at = out.find("listening on ") + 13;
    address_ = out.substr(at, out.find('\n', at) - at);
  }

  // SIGTERM and wait; returns the exit code.
  int StopServer() {
    if (server_ == nullptr) return 0;
    server_->Signal(SIGTERM);
    const int code = server_->Wait(absl::Seconds(20));
    server_.reset();
    return code;
  }

  BackgroundProcess* server() { return server_.get(); }
  const std::string& address() const { return address_; }

  // Runs the CLI against this server with its own config directory.
  ProcessResult Cli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    std::vector<std::string> argv = {PARAAT_CLI_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv, {{"PARAAT_CONFIG_DIR", dir_.File("client")}, {"PARAAT_SERVER", address_}},
                      stdin_text);
  }

  // The same on another device: a config directory of its own, named `device`.
  ProcessResult CliOn(const std::string& device, const std::vector<std::string>& args,
                      const std::string& stdin_text = "") {
    std::vector<std::string> argv = {PARAAT_CLI_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv,
                      {{"PARAAT_CONFIG_DIR", dir_.File("client-" + device)}, {"PARAAT_SERVER", address_}},
                      stdin_text);
  }

  ProcessResult Login(const std::string& user) {
    return Cli({"login", user, "--password-stdin"}, password(user) + "\n");
  }

  // Starts the server and logs the CLI in as `user`; false (with the reason reported) if not.
  bool StartAndLogin(const std::string& user) {
    StartServer();
    if (server_ == nullptr || address_.empty()) return false;
    const ProcessResult login = Login(user);
    EXPECT_EQ(login.exit_code, 0) << login.err;
    return login.exit_code == 0;
  }

  std::string client_dir() const { return dir_.File("client"); }
  std::string path() const { return dir_.path(); }

 private:
  TempDir dir_;
  std::string init_output_;
  std::map<std::string, std::string> passwords_;
  std::unique_ptr<BackgroundProcess> server_;
  std::string address_;
};

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_E2E_E2E_H_
