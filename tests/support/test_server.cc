// SPDX-License-Identifier: EUPL-1.2
#include "tests/support/test_server.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "paraat/v1/auth.grpc.pb.h"

namespace paraat::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/paraat-test-XXXXXX";
  char* p = ::mkdtemp(tmpl.data());
  if (p == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
  }
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<TestServer> TestServer::StartDemo() {
  auto s = std::unique_ptr<TestServer>(new TestServer());
  absl::StatusOr<std::string> report = app::InitDataDir(s->dir_.path(), /*demo=*/true);
  EXPECT_TRUE(report.ok()) << report.status();
  std::ifstream in(s->dir_.File("demo-accounts.txt"));
  DemoAccount a;
  while (in >> a.username >> a.password >> a.role) s->accounts_[a.role] = a;
  EXPECT_EQ(s->accounts_.size(), 3u);
  s->Start();
  return s;
}

void TestServer::Start() {
  app::ServerOptions o;
  o.data_dir = dir_.path();
  // A restart comes back on the same address when it can, as a real server does (clients
  // keep their caches and sessions per address); else on a port the kernel chooses.
  o.listen = last_address_.empty() ? "127.0.0.1:0" : last_address_;
  if (adjust_) adjust_(o);
  absl::StatusOr<std::unique_ptr<app::App>> a = app::App::Start(o);
  if (!a.ok() && !last_address_.empty()) {
    o.listen = "127.0.0.1:0";
    a = app::App::Start(o);
  }
  ASSERT_TRUE(a.ok()) << a.status();
  app_ = std::move(*a);
  last_address_ = address();
  channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
}

void TestServer::Stop() {
  if (app_ != nullptr) app_->Shutdown(absl::Seconds(2));
  app_.reset();
  channel_.reset();
}

void TestServer::Restart() {
  Stop();
  Start();
}

void TestServer::Restart(std::function<void(app::ServerOptions&)> adjust) {
  adjust_ = std::move(adjust);
  Restart();
}

TestServer::~TestServer() { Stop(); }

std::string TestServer::address() const { return app_ != nullptr ? app_->address() : ""; }

std::shared_ptr<grpc::Channel> TestServer::channel() { return channel_; }

const DemoAccount& TestServer::account(const std::string& role) const { return accounts_.at(role); }

std::unique_ptr<grpc::ClientContext> TestServer::Context(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  return ctx;
}

std::string TestServer::Login(const std::string& username, const std::string& password) {
  auto stub = v1::AuthService::NewStub(channel_);
  v1::LoginRequest req;
  req.set_username(username);
  req.set_password(password);
  v1::LoginResponse resp;
  auto ctx = Context("");
  grpc::Status s = stub->Login(ctx.get(), req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.token();
}

std::string TestServer::LoginAs(const std::string& role) {
  const DemoAccount& a = account(role);
  return Login(a.username, a.password);
}

std::string TestServer::LoginNewAccount(const std::string& username, const std::string& person,
                                        v1::Role role, const std::string& municipality) {
  auto stub = v1::AuthService::NewStub(channel_);
  v1::CreateAccountRequest req;
  req.set_username(username);
  req.set_person(person);
  req.set_role(role);
  if (!municipality.empty()) req.mutable_scope()->set_municipality(municipality);
  v1::CreateAccountResponse resp;
  auto ctx = Context(LoginAs("administrator"));
  grpc::Status s = stub->CreateAccount(ctx.get(), req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return Login(username, resp.initial_password());
}

}  // namespace paraat::testing
