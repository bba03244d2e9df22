// SPDX-License-Identifier: EUPL-1.2
// The authorization table against the API itself: every RPC of every service (enumerated from
// the generated descriptors, not from the table) has a rule, and a real server applies it to
// every role, to a missing token and to an administrator of another municipality.
#include "server/service/authorization.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using directory::Role;
using directory::ScopeRule;

std::vector<std::string> AllMethods() {
  std::vector<std::string> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (absl::string_view file : absl::StrSplit(PARAAT_PROTO_FILES, ',')) {
    const google::protobuf::FileDescriptor* fd = pool->FindFileByName(std::string(file));
    EXPECT_NE(fd, nullptr) << "proto file not linked into the test: " << file;
    if (fd == nullptr) continue;
    for (int s = 0; s < fd->service_count(); ++s) {
      const auto* sd = fd->service(s);
      for (int m = 0; m < sd->method_count(); ++m) {
        out.push_back("/" + sd->full_name() + "/" + sd->method(m)->name());
      }
    }
  }
  return out;
}

TEST(AuthorizationTable, EveryRpcHasARule) {
  const std::vector<std::string> methods = AllMethods();
  ASSERT_GT(methods.size(), 20u);
  for (const std::string& m : methods) {
    EXPECT_EQ(service::AuthorizationTable().count(m), 1u) << m << " has no authorization rule";
  }
}

TEST(AuthorizationTable, NoRuleForAMethodThatDoesNotExist) {
  std::set<std::string> methods;
  for (const std::string& m : AllMethods()) methods.insert(m);
  for (const auto& [name, rule] : service::AuthorizationTable()) {
    EXPECT_EQ(methods.count(name), 1u) << "rule for unknown method " << name;
  }
}

TEST(AuthorizationTable, OnlyLoginWorksWithoutAToken) {
  for (const auto& [name, rule] : service::AuthorizationTable()) {
    EXPECT_EQ(rule.needs_token, name != "/paraat.v1.AuthService/Login") << name;
  }
}

// A refusal says in words what was refused ("publishing a roster needs the role ..."), not
// the name of the RPC method.
TEST(AuthorizationTable, EveryRuleThatCanRefuseSaysWhatItGuards) {
  for (const auto& [name, rule] : service::AuthorizationTable()) {
    const bool can_refuse = rule.min_role != directory::Role::kOfficer ||
                            rule.scope == directory::ScopeRule::kRegion;
    if (!can_refuse) continue;
    ASSERT_NE(rule.what, nullptr) << name;
    EXPECT_FALSE(std::string(rule.what).empty()) << name;
    EXPECT_EQ(std::string(rule.what).find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos)
        << name << ": " << rule.what;
  }
}

// Calls `method` with an empty request through the generic stub; returns the status.
grpc::Status CallEmpty(grpc::GenericStub& stub, const std::string& method,
                       const std::string& token) {
  auto ctx = testing::TestServer::Context(token);
  grpc::ByteBuffer request;  // zero bytes: every field at its default
  grpc::Slice empty("");
  request = grpc::ByteBuffer(&empty, 1);
  grpc::ByteBuffer response;
  grpc::Status result;
  absl::Notification done;
  stub.UnaryCall(ctx.get(), method, grpc::StubOptions(), &request, &response,
                 [&](grpc::Status s) {
                   result = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  return result;
}

class AuthorizationWalk : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::StartDemo();
    // A municipal administrator of Heumen, made through the API.
    const std::string admin = server_->LoginAs("administrator");
    auto auth = v1::AuthService::NewStub(server_->channel());
    v1::CreateAccountRequest req;
    req.set_username("heumen-admin");
    req.set_person("j.kuijpers");
    req.set_role(v1::ROLE_ADMINISTRATOR);
    req.mutable_scope()->set_municipality("heumen");
    v1::CreateAccountResponse resp;
    auto ctx = testing::TestServer::Context(admin);
    ASSERT_TRUE(auth->CreateAccount(ctx.get(), req, &resp).ok());
    municipal_password_ = resp.initial_password();
  }

  std::string Token(const std::string& who) {
    if (who == "municipal-admin") return server_->Login("heumen-admin", municipal_password_);
    return server_->LoginAs(who);
  }

  std::unique_ptr<testing::TestServer> server_;
  std::string municipal_password_;
};

TEST_F(AuthorizationWalk, EveryMethodTimesEveryRole) {
  grpc::GenericStub stub(server_->channel());
  struct Caller {
    std::string who;
    Role role;
    bool regional;
  };
  const std::vector<Caller> callers = {
      {"officer", Role::kOfficer, false},
      {"coordinator", Role::kCoordinator, true},
      {"administrator", Role::kAdministrator, true},
      {"municipal-admin", Role::kAdministrator, false},
  };
  std::map<std::string, std::string> tokens;
  for (const Caller& c : callers) tokens[c.who] = Token(c.who);
  int checked = 0;
  for (const std::string& method : AllMethods()) {
    const service::Rule& rule = service::AuthorizationTable().at(method);
    // Without a token.
    grpc::Status anon = CallEmpty(stub, method, "");
    if (rule.needs_token) {
      EXPECT_EQ(anon.error_code(), grpc::StatusCode::UNAUTHENTICATED) << method;
    } else {
      EXPECT_NE(anon.error_code(), grpc::StatusCode::UNAUTHENTICATED) << method;
    }
    // With a token that the server never issued.
    EXPECT_EQ(CallEmpty(stub, method, "forged-token").error_code(),
              rule.needs_token ? grpc::StatusCode::UNAUTHENTICATED
                               : anon.error_code())
        << method;
    for (const Caller& c : callers) {
      grpc::Status s = CallEmpty(stub, method, tokens[c.who]);
      const bool role_ok = static_cast<int>(c.role) >= static_cast<int>(rule.min_role);
      const bool scope_ok = rule.scope != ScopeRule::kRegion || c.regional;
      if (!rule.needs_token) continue;
      if (role_ok && scope_ok) {
        EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << c.who << ": " << s.error_message();
        EXPECT_NE(s.error_code(), grpc::StatusCode::UNIMPLEMENTED) << method;
        EXPECT_NE(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << method << " as " << c.who;
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << c.who << ": " << s.error_message();
        // In words: "publishing a roster needs the role administrator or higher; ..." or
        // "publishing a roster is a region-wide change; ...".
        ASSERT_NE(rule.what, nullptr) << method;
        EXPECT_EQ(s.error_message().rfind(rule.what, 0), 0u)
            << method << " as " << c.who << ": " << s.error_message();
      }
      if (method == "/paraat.v1.AuthService/Logout") tokens[c.who] = Token(c.who);
      ++checked;
    }
  }
  EXPECT_GT(checked, 80);
}

// A municipal administrator of Heumen may manage Heumen's people and accounts, and nothing
// of another municipality.
TEST_F(AuthorizationWalk, MunicipalAdministratorStaysInTheirMunicipality) {
  const std::string token = Token("municipal-admin");
  auto dir = v1::DirectoryService::NewStub(server_->channel());
  auto auth = v1::AuthService::NewStub(server_->channel());
  {
    v1::CreatePersonRequest req;
    req.mutable_person()->set_key("x.wijchen");
    req.mutable_person()->set_name("Someone in Wijchen");
    req.mutable_person()->set_municipality("wijchen");
    v1::Person resp;
    auto ctx = testing::TestServer::Context(token);
    grpc::Status s = dir->CreatePerson(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
    EXPECT_NE(s.error_message().find("wijchen"), std::string::npos) << s.error_message();
  }
  {
    v1::CreatePersonRequest req;
    req.mutable_person()->set_key("x.heumen");
    req.mutable_person()->set_name("Someone in Heumen");
    req.mutable_person()->set_municipality("heumen");
    v1::Person resp;
    auto ctx = testing::TestServer::Context(token);
    EXPECT_TRUE(dir->CreatePerson(ctx.get(), req, &resp).ok());
  }
  {
    // Moving a Heumen person to Wijchen is moving them out of reach: refused.
    v1::UpdatePersonRequest req;
    req.set_key("x.heumen");
    req.set_municipality("wijchen");
    v1::Person resp;
    auto ctx = testing::TestServer::Context(token);
    EXPECT_EQ(dir->UpdatePerson(ctx.get(), req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    v1::UpdatePersonRequest req;
    req.set_key("g.smits");  // Wijchen
    req.set_phone("+31 6 9999 9999");
    v1::Person resp;
    auto ctx = testing::TestServer::Context(token);
    EXPECT_EQ(dir->UpdatePerson(ctx.get(), req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    v1::ResetPasswordRequest req;
    req.set_username("officer");  // a Wijchen person
    v1::ResetPasswordResponse resp;
    auto ctx = testing::TestServer::Context(token);
    EXPECT_EQ(auth->ResetPassword(ctx.get(), req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    v1::CreateAccountRequest req;
    req.set_username("x-heumen");
    req.set_person("x.heumen");
    req.set_role(v1::ROLE_OFFICER);  // regional scope: not theirs to give
    v1::CreateAccountResponse resp;
    auto ctx = testing::TestServer::Context(token);
    EXPECT_EQ(auth->CreateAccount(ctx.get(), req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    req.mutable_scope()->set_municipality("heumen");
    auto ctx2 = testing::TestServer::Context(token);
    EXPECT_TRUE(auth->CreateAccount(ctx2.get(), req, &resp).ok());
  }
  {
    v1::ListAccountsResponse resp;
    auto ctx = testing::TestServer::Context(token);
    ASSERT_TRUE(auth->ListAccounts(ctx.get(), v1::ListAccountsRequest(), &resp).ok());
    std::set<std::string> names;
    for (const auto& a : resp.accounts()) names.insert(a.username());
    EXPECT_EQ(names, (std::set<std::string>{"heumen-admin", "x-heumen"}));
  }
}

}  // namespace
}  // namespace paraat
