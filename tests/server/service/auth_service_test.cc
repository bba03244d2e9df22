// SPDX-License-Identifier: EUPL-1.2
#include <gmock/gmock.h>

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/server.grpc.pb.h"
#include "server/storage/audit.h"
#include "server/storage/database.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using testing::TestServer;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    auth_ = v1::AuthService::NewStub(server_->channel());
  }

  grpc::Status Login(const std::string& user, const std::string& password,
                     v1::LoginResponse* resp) {
    v1::LoginRequest req;
    req.set_username(user);
    req.set_password(password);
    auto ctx = TestServer::Context("");
    return auth_->Login(ctx.get(), req, resp);
  }

  grpc::Status WhoAmI(const std::string& token, v1::WhoAmIResponse* resp) {
    auto ctx = TestServer::Context(token);
    return auth_->WhoAmI(ctx.get(), v1::WhoAmIRequest(), resp);
  }

  // Stops the server and reads its audit trail (`q`) from the database file; checks the chain.
  std::vector<storage::AuditRecord> StopAndReadAudit(const storage::AuditQuery& q,
                                                     int64_t* chained = nullptr) {
    const std::string path = server_->data_dir() + "/paraat.db";
    server_->Stop();
    auto db = storage::Database::Open(path, storage::OpenMode::kExisting);
    EXPECT_TRUE(db.ok()) << db.status();
    std::vector<storage::AuditRecord> records;
    if (!db.ok()) return records;
    EXPECT_TRUE((*db)->Read([&](storage::Connection& c) {
                        auto r = storage::ListAudit(c, q);
                        if (r.ok()) records = *r;
                        return r.status();
                      }).ok());
    int64_t n = 0;
    EXPECT_TRUE((*db)->Read([&](storage::Connection& c) { return storage::VerifyAuditChain(c, &n); }).ok());
    if (chained != nullptr) *chained = n;
    return records;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
};

TEST_F(AuthServiceTest, LoginGivesATokenThatIdentifiesTheAccount) {
  const auto& a = server_->account("coordinator");
  v1::LoginResponse resp;
  ASSERT_TRUE(Login(a.username, a.password, &resp).ok());
  EXPECT_GE(resp.token().size(), 40u);
  EXPECT_EQ(resp.account().username(), "coordinator");
  EXPECT_EQ(resp.account().role(), v1::ROLE_COORDINATOR);
  EXPECT_EQ(resp.account().person(), "m.gerritsen");
  v1::WhoAmIResponse who;
  ASSERT_TRUE(WhoAmI(resp.token(), &who).ok());
  EXPECT_EQ(who.account().person_name(), "Marieke Gerritsen");
  EXPECT_GT(who.expires().seconds(), resp.account().last_login().seconds());
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  v1::LoginResponse resp;
  grpc::Status wrong = Login("officer", "not-the-password", &resp);
  grpc::Status unknown = Login("nobody", "not-the-password", &resp);
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(wrong.error_message(), unknown.error_message());
  EXPECT_EQ(wrong.error_message(), "wrong username or password");
}

TEST_F(AuthServiceTest, EmptyFieldsAreInvalid) {
  v1::LoginResponse resp;
  grpc::Status s = Login("", "x", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "username is empty");
  s = Login("officer", "", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "password is empty");
}

TEST_F(AuthServiceTest, FailedLoginsLockTheAccountEvenForTheRightPassword) {
  const auto& a = server_->account("officer");
  v1::LoginResponse resp;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Login(a.username, "wrong", &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::Status locked = Login(a.username, a.password, &resp);
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(locked.error_message().find("too many failed logins for 'officer'"), std::string::npos)
      << locked.error_message();
  // When, in the time Paraat shows everywhere.
  EXPECT_NE(locked.error_message().find(" Europe/Amsterdam time)"), std::string::npos)
      << locked.error_message();
  // Another account is not affected.
  const auto& c = server_->account("coordinator");
  EXPECT_TRUE(Login(c.username, c.password, &resp).ok());
}

// The lockout must not tell which names have an account: a name without one is locked out
// after as many failures, with the same words.
TEST_F(AuthServiceTest, AnUnknownNameIsLockedOutLikeAnAccount) {
  v1::LoginResponse resp;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Login("officer", "wrong", &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(Login("ghost", "wrong", &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::Status real = Login("officer", "wrong", &resp);
  grpc::Status ghost = Login("ghost", "wrong", &resp);
  EXPECT_EQ(real.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << real.error_message();
  EXPECT_EQ(ghost.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << ghost.error_message();
  EXPECT_EQ(real.error_message().rfind("too many failed logins for 'officer'; try again in ", 0), 0u)
      << real.error_message();
  EXPECT_EQ(ghost.error_message().rfind("too many failed logins for 'ghost'; try again in ", 0), 0u)
      << ghost.error_message();
}

// A name no account can have (here with a line break and a terminal escape, which would forge
// a line of `paraat audit`) is refused like any wrong login and recorded nowhere.
TEST_F(AuthServiceTest, ANameNoAccountCanHaveIsNotRecorded) {
  v1::LoginResponse resp;
  const std::string forged = "x\n130  2026-11-28 14:50  jbeheer  account.update \x1b[31m";
  grpc::Status s = Login(forged, "whatever", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "wrong username or password");
  const std::string path = server_->data_dir() + "/paraat.db";
  server_->Stop();
  auto db = storage::Database::Open(path, storage::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Read([&](storage::Connection& c) -> absl::Status {
                      // No failed login at all was recorded (the demo seed records none).
                      auto n = c.QueryInt(
                          "SELECT count(*) FROM audit WHERE action = 'login.failed' OR "
                          "instr(actor || object || coalesce(after_json, ''), 'jbeheer') > 0");
                      if (!n.ok()) return n.status();
                      EXPECT_EQ(*n, 0);
                      return absl::OkStatus();
                    }).ok());
}

TEST_F(AuthServiceTest, LogoutRevokesTheTokenAtOnce) {
  const std::string token = server_->LoginAs("officer");
  v1::WhoAmIResponse who;
  ASSERT_TRUE(WhoAmI(token, &who).ok());
  auto ctx = TestServer::Context(token);
  v1::LogoutResponse out;
  ASSERT_TRUE(auth_->Logout(ctx.get(), v1::LogoutRequest(), &out).ok());
  grpc::Status s = WhoAmI(token, &who);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "the session was logged out; log in again");
}

// Logging out everywhere ends the account's sessions on every device (a lost phone).
TEST_F(AuthServiceTest, LogoutEverywhereEndsEverySessionOfTheAccount) {
  const std::string laptop = server_->LoginAs("officer");
  const std::string phone = server_->LoginAs("officer");
  const std::string other = server_->LoginAs("coordinator");
  v1::LogoutRequest req;
  req.set_everywhere(true);
  v1::LogoutResponse out;
  auto ctx = TestServer::Context(laptop);
  ASSERT_TRUE(auth_->Logout(ctx.get(), req, &out).ok());
  EXPECT_EQ(out.sessions_ended(), 2);
  v1::WhoAmIResponse who;
  EXPECT_EQ(WhoAmI(laptop, &who).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(WhoAmI(phone, &who).error_message(), "the session was logged out; log in again");
  EXPECT_TRUE(WhoAmI(other, &who).ok());
}

// A changed password ends the account's other sessions (whoever knew the old password may
// hold one); the session it was changed in stays.
TEST_F(AuthServiceTest, ChangingThePasswordEndsTheOtherSessions) {
  const auto& a = server_->account("officer");
  const std::string here = server_->LoginAs("officer");
  const std::string elsewhere = server_->LoginAs("officer");
  v1::WhoAmIResponse who;
  ASSERT_TRUE(WhoAmI(elsewhere, &who).ok());  // cached by the server now
  v1::ChangePasswordRequest req;
  req.set_current_password(a.password);
  req.set_new_password("a-long-new-password");
  v1::ChangePasswordResponse resp;
  auto ctx = TestServer::Context(here);
  ASSERT_TRUE(auth_->ChangePassword(ctx.get(), req, &resp).ok());
  EXPECT_EQ(resp.other_sessions_ended(), 1);
  EXPECT_TRUE(WhoAmI(here, &who).ok());
  EXPECT_EQ(WhoAmI(elsewhere, &who).error_message(), "the session was logged out; log in again");
}

TEST_F(AuthServiceTest, MissingOrMalformedTokenIsUnauthenticated) {
  v1::WhoAmIResponse who;
  grpc::Status s = WhoAmI("", &who);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "no session token: log in first (paraat login)");
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Basic abc");
  s = auth_->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &who);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  s = WhoAmI("made-up", &who);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "unknown session token; log in again");
}

TEST_F(AuthServiceTest, SessionsSurviveARestart) {
  const std::string token = server_->LoginAs("officer");
  server_->Restart();
  auth_ = v1::AuthService::NewStub(server_->channel());
  v1::WhoAmIResponse who;
  EXPECT_TRUE(WhoAmI(token, &who).ok());
}

// An operator who shortens the session length (--session-hours) shortens the sessions given
// out before: they end that long after their login, not at the end they were given then.
TEST_F(AuthServiceTest, AShorterSessionLengthHoldsForSessionsGivenOutBefore) {
  const std::string token = server_->LoginAs("officer");
  v1::WhoAmIResponse who;
  ASSERT_TRUE(WhoAmI(token, &who).ok());
  const int64_t given_end = who.expires().seconds();
  server_->Restart([](app::ServerOptions& o) { o.session_ttl = absl::Hours(1); });
  auth_ = v1::AuthService::NewStub(server_->channel());
  ASSERT_TRUE(WhoAmI(token, &who).ok());
  // (The session began when its login was written, a moment after its end was set.)
  EXPECT_NEAR(who.expires().seconds(), given_end - 11 * 3600, 2);
  server_->Restart([](app::ServerOptions& o) { o.session_ttl = absl::Milliseconds(1); });
  auth_ = v1::AuthService::NewStub(server_->channel());
  const grpc::Status s = WhoAmI(token, &who);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "the session has expired; log in again");
}

TEST_F(AuthServiceTest, ChangePasswordChecksTheCurrentOneAndTheLength) {
  const auto& a = server_->account("officer");
  const std::string token = server_->LoginAs("officer");
  auto change = [&](const std::string& cur, const std::string& next) {
    v1::ChangePasswordRequest req;
    req.set_current_password(cur);
    req.set_new_password(next);
    v1::ChangePasswordResponse resp;
    auto ctx = TestServer::Context(token);
    return auth_->ChangePassword(ctx.get(), req, &resp);
  };
  EXPECT_EQ(change(a.password, "short").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(change("wrong", "a-long-new-password").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The same password again is no change.
  const grpc::Status same = change("a-long-new-password", "a-long-new-password");
  EXPECT_EQ(same.error_code(), grpc::StatusCode::UNAUTHENTICATED);  // not yet its password
  ASSERT_TRUE(change(a.password, "a-long-new-password").ok());
  const grpc::Status again = change("a-long-new-password", "a-long-new-password");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(again.error_message(), "new_password is the current password; choose another");
  v1::LoginResponse resp;
  EXPECT_EQ(Login("officer", a.password, &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Login("officer", "a-long-new-password", &resp).ok());
}

// Whoever holds a session cannot guess the password faster than at login: wrong current
// passwords count towards the same lockout, and while locked out even the right one is refused.
TEST_F(AuthServiceTest, WrongCurrentPasswordsLockTheAccountOutAsLoginsDo) {
  const auto& a = server_->account("officer");
  const std::string token = server_->LoginAs("officer");
  auto change = [&](const std::string& cur) {
    v1::ChangePasswordRequest req;
    req.set_current_password(cur);
    req.set_new_password("a-long-new-password");
    v1::ChangePasswordResponse resp;
    auto ctx = TestServer::Context(token);
    return auth_->ChangePassword(ctx.get(), req, &resp);
  };
  for (int i = 0; i < 5; ++i) {
    const grpc::Status s = change(absl::StrCat("guess-", i));
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << i;
    EXPECT_EQ(s.error_message(), "current_password is wrong");
  }
  grpc::Status s = change(a.password);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  EXPECT_THAT(std::string(s.error_message()), ::testing::StartsWith("too many failed logins for 'officer'"));
  v1::LoginResponse resp;
  EXPECT_EQ(Login("officer", a.password, &resp).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// Wrong passwords sent at the same moment all count: eight at once lock the account (the right
// password is then refused, unchecked).
TEST_F(AuthServiceTest, SimultaneousWrongPasswordsAllCount) {
  const auto& a = server_->account("officer");
  std::vector<std::thread> guesses;
  std::atomic<int> refused{0};
  for (int i = 0; i < 8; ++i) {
    guesses.emplace_back([&, i] {
      v1::LoginResponse resp;
      if (!Login(a.username, absl::StrCat("guess-", i), &resp).ok()) ++refused;
    });
  }
  for (auto& t : guesses) t.join();
  EXPECT_EQ(refused.load(), 8);
  v1::LoginResponse resp;
  const grpc::Status s = Login(a.username, a.password, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  const std::string path = server_->data_dir() + "/paraat.db";
  server_->Stop();
  auto db = storage::Database::Open(path, storage::OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status();
  int failures = 0;
  ASSERT_TRUE((*db)->Read([&](storage::Connection& c) -> absl::Status {
                      auto st = c.Prepare("SELECT failed_logins FROM account WHERE username = 'officer'");
                      if (!st.ok()) return st.status();
                      auto row = (*st)->Step();
                      if (!row.ok()) return row.status();
                      failures = static_cast<int>((*st)->Int(0));
                      return absl::OkStatus();
                    }).ok());
  // Each guess either counted or met the lock its predecessors set: at least the five that
  // lock (read-then-write could leave a single one counted).
  EXPECT_GE(failures, 5);
  EXPECT_LE(failures, 8);
}

TEST_F(AuthServiceTest, DeactivatedAccountCannotLogInAndLosesItsSessions) {
  const std::string officer = server_->LoginAs("officer");
  const std::string admin = server_->LoginAs("administrator");
  v1::UpdateAccountRequest req;
  req.set_username("officer");
  req.set_active(false);
  v1::UpdateAccountResponse resp;
  auto ctx = TestServer::Context(admin);
  ASSERT_TRUE(auth_->UpdateAccount(ctx.get(), req, &resp).ok());
  v1::WhoAmIResponse who;
  EXPECT_EQ(WhoAmI(officer, &who).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::LoginResponse lr;
  const auto& a = server_->account("officer");
  EXPECT_EQ(Login(a.username, a.password, &lr).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

// Someone who mistyped their password five times during a crisis cannot wait a quarter of an
// hour: an administrator lifts the lockout, and the password stays what it was.
TEST_F(AuthServiceTest, AnAdministratorUnlocksALockedOutAccount) {
  const auto& a = server_->account("officer");
  v1::LoginResponse resp;
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Login(a.username, "wrong", &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  grpc::Status locked = Login(a.username, a.password, &resp);
  ASSERT_EQ(locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(locked.error_message().find("or ask an administrator to unlock the account"),
            std::string::npos)
      << locked.error_message();

  const std::string admin = server_->LoginAs("administrator");
  // The list shows who is locked out, until when, and the failures in a row.
  {
    v1::ListAccountsResponse list;
    auto ctx = TestServer::Context(admin);
    ASSERT_TRUE(auth_->ListAccounts(ctx.get(), v1::ListAccountsRequest(), &list).ok());
    bool seen = false;
    for (const v1::Account& acc : list.accounts()) {
      if (acc.username() == "officer") {
        seen = true;
        EXPECT_EQ(acc.failed_logins(), 5);
        EXPECT_GT(acc.locked_until().seconds(), absl::ToUnixSeconds(absl::Now()));
      } else if (acc.username() == "coordinator") {
        EXPECT_EQ(acc.failed_logins(), 0);
        EXPECT_FALSE(acc.has_locked_until());
      }
    }
    EXPECT_TRUE(seen);
  }
  // A municipal administrator of another municipality may not (the officer is of Wijchen).
  {
    const std::string heumen =
        server_->LoginNewAccount("h.beheer", "i.verhoeven", v1::ROLE_ADMINISTRATOR, "heumen");
    v1::UnlockAccountRequest req;
    req.set_username("officer");
    v1::UnlockAccountResponse un;
    auto ctx = TestServer::Context(heumen);
    grpc::Status s = auth_->UnlockAccount(ctx.get(), req, &un);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  }
  // One of their own municipality with regional scope: refused, saying why.
  {
    const std::string wijchen =
        server_->LoginNewAccount("w.beheer", "g.smits", v1::ROLE_ADMINISTRATOR, "wijchen");
    v1::UnlockAccountRequest req;
    req.set_username("coordinator");  // Marieke Gerritsen of Wijchen, regional scope
    v1::UnlockAccountResponse un;
    auto ctx = TestServer::Context(wijchen);
    grpc::Status s = auth_->UnlockAccount(ctx.get(), req, &un);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
    EXPECT_EQ(s.error_message(),
              "unlocking an account: w.beheer manages only accounts scoped to municipality "
              "'wijchen'; account 'coordinator' has regional scope (ask a regional "
              "administrator)");
  }
  auto unlock = [&](const std::string& user, v1::UnlockAccountResponse* un) {
    v1::UnlockAccountRequest req;
    req.set_username(user);
    auto ctx = TestServer::Context(admin);
    return auth_->UnlockAccount(ctx.get(), req, un);
  };
  v1::UnlockAccountResponse un;
  ASSERT_TRUE(unlock("officer", &un).ok());
  EXPECT_TRUE(un.was_locked());
  EXPECT_EQ(un.account().failed_logins(), 0);
  EXPECT_FALSE(un.account().has_locked_until());
  // The same password works again, and the count starts afresh.
  ASSERT_TRUE(Login(a.username, a.password, &resp).ok());
  // Unlocking an account that is not locked clears nothing and says so.
  ASSERT_TRUE(unlock("officer", &un).ok());
  EXPECT_FALSE(un.was_locked());
  // Bad input.
  grpc::Status s = unlock("nobody", &un);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown account 'nobody'");
  s = unlock("", &un);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("username"), std::string::npos) << s.error_message();
  // An officer may not unlock anyone.
  {
    v1::UnlockAccountRequest req;
    req.set_username("coordinator");
    auto ctx = TestServer::Context(server_->LoginAs("coordinator"));
    EXPECT_EQ(auth_->UnlockAccount(ctx.get(), req, &un).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  // The unlock is in the audit trail with what it cleared.
  storage::AuditQuery q;
  q.object_prefix = "account/officer";
  const std::vector<storage::AuditRecord> records = StopAndReadAudit(q);
  int unlocks = 0;
  for (const auto& r : records) {
    if (r.action != "account.unlock") continue;
    ++unlocks;
    EXPECT_EQ(r.actor, "administrator");
    ASSERT_TRUE(r.before_json.has_value());
    if (unlocks == 1) {  // the lockout it lifted
      EXPECT_NE(r.before_json->find("\"failed_logins\":5"), std::string::npos) << *r.before_json;
      EXPECT_NE(r.before_json->find("locked_until_us"), std::string::npos) << *r.before_json;
    }
  }
  EXPECT_EQ(unlocks, 2);
}

TEST_F(AuthServiceTest, AdministratorCannotLockThemselvesOut) {
  const std::string admin = server_->LoginAs("administrator");
  v1::UpdateAccountRequest req;
  req.set_username("administrator");
  req.set_role(v1::ROLE_OFFICER);
  v1::UpdateAccountResponse resp;
  auto ctx = TestServer::Context(admin);
  grpc::Status s = auth_->UpdateAccount(ctx.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(AuthServiceTest, CreateAccountErrors) {
  const std::string admin = server_->LoginAs("administrator");
  auto create = [&](const std::string& user, const std::string& person, v1::Role role) {
    v1::CreateAccountRequest req;
    req.set_username(user);
    req.set_person(person);
    req.set_role(role);
    v1::CreateAccountResponse resp;
    auto ctx = TestServer::Context(admin);
    return auth_->CreateAccount(ctx.get(), req, &resp);
  };
  grpc::Status s = create("new", "nobody", v1::ROLE_OFFICER);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown person 'nobody'");
  s = create("officer", "a.jansen", v1::ROLE_OFFICER);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  s = create("second", "h.devries", v1::ROLE_OFFICER);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(s.error_message(), "person 'h.devries' already has an account ('officer')");
  s = create("Bad Name", "a.jansen", v1::ROLE_OFFICER);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = create("ajansen", "a.jansen", v1::ROLE_UNSPECIFIED);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(create("ajansen", "a.jansen", v1::ROLE_OFFICER).ok());
}

TEST_F(AuthServiceTest, LoginsFailedLoginsAndChangesAreInTheAuditTrail) {
  const auto& a = server_->account("officer");
  v1::LoginResponse resp;
  ASSERT_EQ(Login(a.username, "wrong", &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(Login(a.username, a.password, &resp).ok());
  storage::AuditQuery q;
  q.actor = "officer";
  int64_t n = 0;
  const std::vector<storage::AuditRecord> records = StopAndReadAudit(q, &n);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].action, "login.failed");
  EXPECT_EQ(records[1].action, "login");
  EXPECT_GT(n, 20);  // the demo seed plus the logins
}

TEST_F(AuthServiceTest, PingNeedsASession) {
  auto stub = v1::ServerService::NewStub(server_->channel());
  v1::PingResponse resp;
  auto anon = TestServer::Context("");
  EXPECT_EQ(stub->Ping(anon.get(), v1::PingRequest(), &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto ctx = TestServer::Context(server_->LoginAs("officer"));
  EXPECT_TRUE(stub->Ping(ctx.get(), v1::PingRequest(), &resp).ok());
}

}  // namespace
}  // namespace paraat
