// SPDX-License-Identifier: EUPL-1.2
// Test fixtures: a temporary directory, and a real Paraat server with the demo data in it,
// serving gRPC on 127.0.0.1 with a port chosen by the kernel.
#ifndef PARAAT_TESTS_SUPPORT_TEST_SERVER_H_
#define PARAAT_TESTS_SUPPORT_TEST_SERVER_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "paraat/v1/common.pb.h"
#include "server/app/app.h"

namespace paraat::testing {

// A fresh directory under $TMPDIR, removed with everything in it at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
};

class TestServer {
 public:
  // Creates the demo data directory and starts the server. Fails the test on error.
  static std::unique_ptr<TestServer> StartDemo();
  ~TestServer();

  std::string address() const;
  const std::string& data_dir() const { return dir_.path(); }
  std::shared_ptr<grpc::Channel> channel();
  // The demo account of a role: "officer", "coordinator" or "administrator".
  const DemoAccount& account(const std::string& role) const;
  // Logs in and returns the session token; fails the test on error.
  std::string Login(const std::string& username, const std::string& password);
  std::string LoginAs(const std::string& role);
  // Creates an account (as the demo administrator) for `person` with `role`, scoped to
  // `municipality` ("" for the region), logs in with its first password and returns the
  // session token; fails the test on error.
  std::string LoginNewAccount(const std::string& username, const std::string& person,
                              v1::Role role, const std::string& municipality);
  // A client context with the token (none when empty) and a 10 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);

  // Stops the server (clean shutdown) and starts it again on the same data directory, on the
  // same address when that port is still free.
  void Restart();
  // Restarts with options changed by `adjust` (this and later restarts).
  void Restart(std::function<void(app::ServerOptions&)> adjust);
  void Stop();
  app::App* app() { return app_.get(); }

 private:
  TestServer() = default;
  void Start();

  TempDir dir_;
  std::map<std::string, DemoAccount> accounts_;
  std::unique_ptr<app::App> app_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string last_address_;
  std::function<void(app::ServerOptions&)> adjust_;
};

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_SUPPORT_TEST_SERVER_H_
