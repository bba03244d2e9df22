// SPDX-License-Identifier: EUPL-1.2
// `paraat-server create-admin` on a real data directory: the first administrator of a fresh
// installation logs in over gRPC; typing errors (an unknown municipality, a username that is
// someone else, an account that exists) are refused before anything is written.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "client/api/client.h"
#include "server/app/app.h"
#include "server/storage/database.h"
#include "server/storage/directory_store.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::HasSubstr;

// The initial password from create-admin's report (the indented line after "shown once").
std::string PasswordIn(const std::string& report) {
  const size_t at = report.find("shown once");
  const size_t start = report.find("\n  ", at);
  if (at == std::string::npos || start == std::string::npos) return "";
  return report.substr(start + 3, report.find('\n', start + 3) - start - 3);
}

struct Counts {
  size_t municipalities = 0;
  size_t people = 0;
};

Counts CountsIn(const std::string& data_dir) {
  auto db = storage::Database::Open(data_dir + "/paraat.db", storage::OpenMode::kExisting);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return {};
  auto dir = storage::NewSqliteDirectoryStore(db->get());
  Counts c;
  c.municipalities = dir->ListMunicipalities(true).value().size();
  storage::PeopleFilter everyone;
  everyone.include_inactive = true;
  c.people = dir->ListPeople(everyone).value().size();
  (*db)->Close();
  return c;
}

app::AdminSpec Admin(const std::string& username, const std::string& municipality,
                     const std::string& municipality_name) {
  app::AdminSpec s;
  s.username = username;
  s.name = "Jan Beheer";
  s.municipality = municipality;
  s.municipality_name = municipality_name;
  s.region = "vrgz";
  return s;
}

TEST(CreateAdminTest, TheFirstAdministratorOfAFreshInstallationLogsIn) {
  testing::TempDir dir;
  const std::string data = dir.File("data");
  ASSERT_TRUE(app::InitDataDir(data, /*demo=*/false).ok());
  absl::StatusOr<std::string> report =
      app::CreateAdministrator(data, Admin("jbeheer", "wijchen", "Wijchen"));
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string password = PasswordIn(*report);
  ASSERT_FALSE(password.empty()) << *report;

  app::ServerOptions o;
  o.data_dir = data;
  o.listen = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<app::App>> server = app::App::Start(o);
  ASSERT_TRUE(server.ok()) << server.status();
  client::ClientOptions co;
  co.server = (*server)->address();
  co.deadline = absl::Seconds(10);
  client::Client c(co);
  absl::StatusOr<client::LoginResult> login = c.Login("jbeheer", password);
  ASSERT_TRUE(login.ok()) << login.status();
  EXPECT_EQ(login->account.account.role, directory::Role::kAdministrator);
  server->reset();
  EXPECT_EQ(CountsIn(data).municipalities, 1u);
}

TEST(CreateAdminTest, AMistypedMunicipalityIsNamedAndNotCreated) {
  testing::TempDir dir;
  const std::string data = dir.File("data");
  ASSERT_TRUE(app::InitDataDir(data, /*demo=*/false).ok());
  ASSERT_TRUE(app::CreateAdministrator(data, Admin("jbeheer", "wijchen", "Wijchen")).ok());

  // A second administrator of the same municipality, key mistyped, no name given.
  absl::StatusOr<std::string> typo = app::CreateAdministrator(data, Admin("pbeheer", "wijchn", ""));
  EXPECT_EQ(typo.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(typo.status().message(), HasSubstr("--municipality: there is no municipality 'wijchn'"));
  EXPECT_THAT(typo.status().message(), HasSubstr("known: wijchen"));
  // With the name of the existing one spelled differently: not silently a second one.
  absl::StatusOr<std::string> renamed =
      app::CreateAdministrator(data, Admin("pbeheer", "wijchen", "Gemeente Wijchen"));
  EXPECT_EQ(renamed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(renamed.status().message(), HasSubstr("already exists as 'Wijchen'"));
  // A new municipality needs its region.
  app::AdminSpec regionless = Admin("pbeheer", "druten", "Druten");
  regionless.region = "";
  absl::StatusOr<std::string> no_region = app::CreateAdministrator(data, regionless);
  EXPECT_EQ(no_region.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_region.status().message(), HasSubstr("--region is required"));
  const Counts after = CountsIn(data);
  EXPECT_EQ(after.municipalities, 1u);
  EXPECT_EQ(after.people, 1u);

  // The right key without a name uses the existing municipality.
  EXPECT_TRUE(app::CreateAdministrator(data, Admin("pbeheer", "wijchen", "")).ok());
  EXPECT_EQ(CountsIn(data).people, 2u);
}

TEST(CreateAdminTest, SomeoneElsesUsernameOrAnExistingAccountIsRefusedBeforeAnythingIsWritten) {
  testing::TempDir dir;
  const std::string data = dir.File("data");
  ASSERT_TRUE(app::InitDataDir(data, /*demo=*/false).ok());
  ASSERT_TRUE(app::CreateAdministrator(data, Admin("jbeheer", "wijchen", "Wijchen")).ok());
  {
    // A person already in the directory, without an account.
    auto db = storage::Database::Open(data + "/paraat.db", storage::OpenMode::kExisting);
    ASSERT_TRUE(db.ok());
    directory::Person p;
    p.key = "a.smit";
    p.name = "Anne Smit";
    p.municipality = "wijchen";
    ASSERT_TRUE(storage::NewSqliteDirectoryStore(db->get())->CreatePerson("system", p).ok());
    (*db)->Close();
  }
  const Counts before = CountsIn(data);

  // An existing account: refused, with the way to promote it.
  absl::StatusOr<std::string> taken = app::CreateAdministrator(data, Admin("jbeheer", "wijchen", ""));
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(taken.status().message(), HasSubstr("paraat accounts update jbeheer"));

  // Someone else's key (another name, or a new municipality): not made administrator, and
  // the municipality is not created either.
  app::AdminSpec other = Admin("a.smit", "druten", "Druten");
  absl::StatusOr<std::string> someone_else = app::CreateAdministrator(data, other);
  EXPECT_EQ(someone_else.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(someone_else.status().message(),
              HasSubstr("--username: 'a.smit' is already in the directory as Anne Smit (wijchen)"));
  EXPECT_EQ(CountsIn(data).municipalities, before.municipalities);
  EXPECT_EQ(CountsIn(data).people, before.people);

  // The same person, named as the directory has her: she becomes the administrator.
  app::AdminSpec same = Admin("a.smit", "wijchen", "");
  same.name = "Anne Smit";
  EXPECT_TRUE(app::CreateAdministrator(data, same).ok());
  EXPECT_EQ(CountsIn(data).people, before.people);
}

}  // namespace
}  // namespace paraat
