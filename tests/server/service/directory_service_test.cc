// SPDX-License-Identifier: EUPL-1.2
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "proto/convert/convert.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using testing::TestServer;

class DirectoryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    dir_ = v1::DirectoryService::NewStub(server_->channel());
    admin_ = server_->LoginAs("administrator");
    officer_ = server_->LoginAs("officer");
  }

  std::unique_ptr<grpc::ClientContext> Admin() { return TestServer::Context(admin_); }

  grpc::Status CreatePerson(const v1::Person& p, v1::Person* out) {
    v1::CreatePersonRequest req;
    *req.mutable_person() = p;
    return dir_->CreatePerson(Admin().get(), req, out);
  }

  grpc::Status CreatePool(const v1::Pool& p, v1::Pool* out) {
    v1::CreatePoolRequest req;
    *req.mutable_pool() = p;
    return dir_->CreatePool(Admin().get(), req, out);
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::DirectoryService::Stub> dir_;
  std::string admin_, officer_;
};

TEST_F(DirectoryServiceTest, TheDemoHasSixMunicipalitiesAndTwoPools) {
  v1::ListMunicipalitiesResponse ms;
  auto ctx = TestServer::Context(officer_);
  ASSERT_TRUE(dir_->ListMunicipalities(ctx.get(), {}, &ms).ok());
  std::vector<std::string> names;
  for (const auto& m : ms.municipalities()) names.push_back(m.name());
  EXPECT_EQ(names, (std::vector<std::string>{"Berg en Dal", "Beuningen", "Druten", "Heumen",
                                             "West Maas en Waal", "Wijchen"}));
  v1::ListPoolsResponse ps;
  auto ctx2 = TestServer::Context(officer_);
  ASSERT_TRUE(dir_->ListPools(ctx2.get(), {}, &ps).ok());
  ASSERT_EQ(ps.pools_size(), 2);
  EXPECT_EQ(ps.pools(0).key(), "oost");
  EXPECT_EQ(ps.pools(0).handover_time(), "09:00");
  EXPECT_EQ(ps.pools(0).handover_weekday(), 1);
  EXPECT_EQ(ps.pools(0).members_size(), 6);
  EXPECT_EQ(ps.pools(1).key(), "west");
}

TEST_F(DirectoryServiceTest, PersonLifecycle) {
  v1::Person p;
  p.set_key("p.test");
  p.set_name("Pieter Test");
  p.set_municipality("druten");
  p.set_phone("+31 6 1234 5678");
  p.set_email("p.test@druten.example.nl");
  p.add_qualifications("ovd-bz");
  v1::Person created;
  ASSERT_TRUE(CreatePerson(p, &created).ok());
  EXPECT_TRUE(created.active());
  EXPECT_EQ(created.qualifications(0), "ovd-bz");

  v1::Person again;
  grpc::Status dup = CreatePerson(p, &again);
  EXPECT_EQ(dup.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(dup.error_message(), "person 'p.test' already exists");

  v1::UpdatePersonRequest up;
  up.set_key("p.test");
  up.set_phone("024 123 4567");
  up.set_active(false);
  v1::Person updated;
  grpc::Status us = dir_->UpdatePerson(Admin().get(), up, &updated);
  ASSERT_TRUE(us.ok()) << us.error_message();
  EXPECT_EQ(updated.phone(), "024 123 4567");
  EXPECT_FALSE(updated.active());
  EXPECT_EQ(updated.name(), "Pieter Test");  // untouched fields stay

  // Deactivated people are hidden by default and never deleted.
  v1::ListPeopleRequest lr;
  lr.set_municipality("druten");
  v1::ListPeopleResponse list;
  ASSERT_TRUE(dir_->ListPeople(Admin().get(), lr, &list).ok());
  for (const auto& x : list.people()) EXPECT_NE(x.key(), "p.test");
  lr.set_include_inactive(true);
  ASSERT_TRUE(dir_->ListPeople(Admin().get(), lr, &list).ok());
  bool found = false;
  for (const auto& x : list.people()) found |= x.key() == "p.test";
  EXPECT_TRUE(found);
}

struct BadPerson {
  const char* name;
  std::function<void(v1::Person&)> mutate;
  grpc::StatusCode code;
  const char* message;
};

TEST_F(DirectoryServiceTest, BadPeopleAreRefusedNamingTheField) {
  const std::vector<BadPerson> cases = {
      {"empty name", [](v1::Person& p) { p.set_name(""); }, grpc::StatusCode::INVALID_ARGUMENT,
       "person.name is empty"},
      {"long name", [](v1::Person& p) { p.set_name(std::string(201, 'x')); },
       grpc::StatusCode::INVALID_ARGUMENT, "person.name is 201 bytes long; at most 200"},
      {"bad phone", [](v1::Person& p) { p.set_phone("call me"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "person.phone 'call me' is not a phone number (digits, spaces, '-', '()' and a leading '+')"},
      {"bad email", [](v1::Person& p) { p.set_email("nobody-at-example.nl"); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "person.email 'nobody-at-example.nl' is not an e-mail address (name@example.nl)"},
      {"bad key", [](v1::Person& p) { p.set_key("Has Space"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "person.key 'Has Space' must start with a lower-case letter or digit"},
      {"unknown municipality", [](v1::Person& p) { p.set_municipality("nijmegen"); },
       grpc::StatusCode::NOT_FOUND, "unknown municipality 'nijmegen'"},
  };
  for (const auto& c : cases) {
    v1::Person p;
    p.set_key("ok.key");
    p.set_name("Name");
    p.set_municipality("heumen");
    c.mutate(p);
    v1::Person out;
    grpc::Status s = CreatePerson(p, &out);
    EXPECT_EQ(s.error_code(), c.code) << c.name;
    EXPECT_EQ(s.error_message(), c.message) << c.name;
  }
  // Nothing was written by any of them.
  v1::GetPersonRequest g;
  g.set_key("ok.key");
  v1::Person out;
  EXPECT_EQ(dir_->GetPerson(Admin().get(), g, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DirectoryServiceTest, BadPoolsAreRefusedNamingTheField) {
  struct Case {
    std::function<void(v1::Pool&)> mutate;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](v1::Pool& p) { p.set_time_zone("Europe/Amsterdan"); },
       "pool.time_zone: unknown time zone 'Europe/Amsterdan' (give an IANA name such as "
       "Europe/Amsterdam; is tzdata installed?)"},
      {[](v1::Pool& p) { p.set_handover_time("25:00"); },
       "pool.handover_time: '25:00' is not a time of day (expected HH:MM, 00:00 to 23:59)"},
      {[](v1::Pool& p) { p.set_handover_time("02:30"); },
       "pool.handover_time 02:30 falls in a daylight-saving change of Europe/Amsterdam (skipped "
       "or repeated once a year), so a handover then would not happen exactly once; choose "
       "another time"},
      {[](v1::Pool& p) { p.set_handover_weekday(8); },
       "pool.handover_weekday is 8; it must be 1 (Monday) to 7 (Sunday)"},
      {[](v1::Pool& p) { p.set_shift_days(-1); }, "pool.shift_days is -1; it must be 1 to 28"},
      {[](v1::Pool& p) { p.set_name(""); }, "pool.name is empty"},
  };
  for (const auto& c : cases) {
    v1::Pool p;
    p.set_key("noord");
    p.set_name("OvD-Bz Noord");
    p.set_qualification("ovd-bz");
    c.mutate(p);
    v1::Pool out;
    grpc::Status s = CreatePool(p, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.message;
    EXPECT_EQ(s.error_message(), c.message);
  }
}

// A huge bad value is quoted back shortened: the caller gets INVALID_ARGUMENT naming the field
// and the problem, not RESOURCE_EXHAUSTED for a status too large to receive.
TEST_F(DirectoryServiceTest, AHugeBadValueIsNamedInAShortMessage) {
  v1::CreatePersonRequest req;
  req.mutable_person()->set_key("p.lang");
  req.mutable_person()->set_name("Lang");
  req.mutable_person()->set_municipality("wijchen");
  req.mutable_person()->set_phone(std::string(20000, 'x'));
  v1::Person out;
  grpc::Status s = dir_->CreatePerson(Admin().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_LT(s.error_message().size(), 1100u);
  EXPECT_THAT(std::string(s.error_message()), ::testing::StartsWith("person.phone 'xxx"));
  EXPECT_THAT(std::string(s.error_message()), ::testing::HasSubstr(" bytes left out] xxx"));
  EXPECT_THAT(std::string(s.error_message()),
              ::testing::EndsWith("' is not a phone number (digits, spaces, '-', '()' and a leading '+')"));
}

// A deactivated municipality, pool or person is history: nothing new is made with it, and the
// refusal says how to reactivate it. Nothing is written.
TEST_F(DirectoryServiceTest, NothingNewIsMadeWithADeactivatedRecord) {
  auto check = [](const grpc::Status& s, const std::string& message) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
    EXPECT_EQ(s.error_message(), message);
  };
  const std::string coordinator = server_->LoginAs("coordinator");
  // A municipality.
  v1::CreateMunicipalityRequest cm;
  cm.mutable_municipality()->set_key("gennep");
  cm.mutable_municipality()->set_name("Gennep");
  cm.mutable_municipality()->set_region("vrgz");
  v1::Municipality m;
  ASSERT_TRUE(dir_->CreateMunicipality(Admin().get(), cm, &m).ok());
  v1::UpdateMunicipalityRequest um;
  um.set_key("gennep");
  um.set_active(false);
  ASSERT_TRUE(dir_->UpdateMunicipality(Admin().get(), um, &m).ok());
  const std::string gennep =
      "municipality 'gennep' is deactivated; reactivate it first (paraat municipalities update "
      "gennep --active yes)";
  v1::Person person;
  person.set_key("p.gennep");
  person.set_name("Piet Gennep");
  person.set_municipality("gennep");
  v1::Person made;
  check(CreatePerson(person, &made), gennep);
  v1::UpdatePersonRequest move;
  move.set_key("a.jansen");
  move.set_municipality("gennep");
  check(dir_->UpdatePerson(Admin().get(), move, &made), gennep);
  auto crises = v1::CrisisService::NewStub(server_->channel());
  v1::OpenCrisisRequest open;
  open.set_title("Hoogwater");
  open.set_type("overstroming");
  open.add_municipalities("gennep");
  open.set_idempotency_key("gennep-open");
  v1::OpenCrisisResponse opened;
  {
    auto ctx = TestServer::Context(coordinator);
    check(crises->OpenCrisis(ctx.get(), open, &opened), gennep);
  }

  auto auth0 = v1::AuthService::NewStub(server_->channel());
  v1::CreateAccountRequest scoped;
  scoped.set_username("kberg");
  scoped.set_person("k.vandenberg");
  scoped.set_role(v1::ROLE_OFFICER);
  scoped.mutable_scope()->set_municipality("gennep");
  v1::CreateAccountResponse scoped_made;
  check(auth0->CreateAccount(Admin().get(), scoped, &scoped_made), gennep);

  // A person: no account, no action for them.
  v1::UpdatePersonRequest off;
  off.set_key("l.maas");
  off.set_active(false);
  ASSERT_TRUE(dir_->UpdatePerson(Admin().get(), off, &made).ok());
  const std::string maas =
      "person 'l.maas' is deactivated; reactivate it first (paraat people update l.maas --active yes)";
  auto auth = v1::AuthService::NewStub(server_->channel());
  v1::CreateAccountRequest account;
  account.set_username("lmaas");
  account.set_person("l.maas");
  account.set_role(v1::ROLE_OFFICER);
  v1::CreateAccountResponse created;
  check(auth->CreateAccount(Admin().get(), account, &created), maas);
  v1::AppendEntryRequest action;
  action.set_crisis(1);
  action.set_kind(v1::ENTRY_KIND_ACTION);
  action.set_text("Bussen regelen");
  action.set_action_owner("l.maas");
  action.set_idempotency_key("maas-action");
  v1::AppendEntryResponse appended;
  {
    auto ctx = TestServer::Context(coordinator);
    check(crises->AppendEntry(ctx.get(), action, &appended), maas);
  }

  // A pool: its roster is not changed any more.
  v1::UpdatePoolRequest up;
  up.set_key("west");
  up.set_active(false);
  v1::Pool pool;
  ASSERT_TRUE(dir_->UpdatePool(Admin().get(), up, &pool).ok());
  const std::string west = "pool 'west' is deactivated; reactivate it first (paraat pools update west --active yes)";
  auto roster = v1::RosterService::NewStub(server_->channel());
  v1::PublishRosterRequest publish;
  publish.set_pool("west");
  publish.set_until_date("2030-01-01");
  v1::PublishRosterResponse published;
  check(roster->PublishRoster(Admin().get(), publish, &published), west);
  v1::CreateOverrideRequest o;
  o.set_pool("west");
  o.set_person("a.jansen");
  convert::ToProto(absl::Now() + absl::Hours(2), o.mutable_until());
  v1::Override override_made;
  check(roster->CreateOverride(Admin().get(), o, &override_made), west);
  v1::GenerateRosterRequest generate;
  generate.set_from_date("2030-01-07");
  generate.set_weeks(1);
  generate.add_pools("west");
  v1::GenerateRosterResponse generated;
  check(roster->GenerateRoster(Admin().get(), generate, &generated), west);
}

TEST_F(DirectoryServiceTest, PoolMembershipNeedsTheQualification) {
  v1::PoolMemberRequest req;
  req.set_pool("oost");
  req.set_person("m.gerritsen");  // holds "aov", not "ovd-bz"
  v1::Pool out;
  grpc::Status s = dir_->AddPoolMember(Admin().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "m.gerritsen lacks the qualification 'ovd-bz' that pool 'oost' requires");

  req.set_person("a.jansen");  // already in pool west, qualified
  ASSERT_TRUE(dir_->AddPoolMember(Admin().get(), req, &out).ok());
  EXPECT_EQ(out.members_size(), 7);
  s = dir_->AddPoolMember(Admin().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  ASSERT_TRUE(dir_->RemovePoolMember(Admin().get(), req, &out).ok());
  EXPECT_EQ(out.members_size(), 6);
  s = dir_->RemovePoolMember(Admin().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  req.set_pool("zuid");
  s = dir_->AddPoolMember(Admin().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown pool 'zuid'");
}

TEST_F(DirectoryServiceTest, UnknownKeysAreNotFoundNamingTheKey) {
  v1::GetMunicipalityRequest gm;
  gm.set_key("nijmegen");
  v1::Municipality m;
  grpc::Status s = dir_->GetMunicipality(Admin().get(), gm, &m);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown municipality 'nijmegen'");
  v1::UpdatePoolRequest up;
  up.set_key("zuid");
  up.set_name("x");
  v1::Pool p;
  s = dir_->UpdatePool(Admin().get(), up, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DirectoryServiceTest, OfficerReadsButCannotWrite) {
  v1::CreateMunicipalityRequest req;
  req.mutable_municipality()->set_key("nijmegen");
  req.mutable_municipality()->set_name("Nijmegen");
  v1::Municipality out;
  auto ctx = TestServer::Context(officer_);
  grpc::Status s = dir_->CreateMunicipality(ctx.get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "adding a municipality needs the role administrator or higher; the account 'officer' has the role officer");
}

}  // namespace
}  // namespace paraat
