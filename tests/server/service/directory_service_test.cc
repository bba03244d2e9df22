// SPDX-License-Identifier: EUPL-1.2
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "paraat/v1/directory.grpc.pb.h"
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
