// SPDX-License-Identifier: EUPL-1.2
#include "common/directory/access.h"

#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::directory {
namespace {

Principal Make(Role role, std::string scope, std::string username = "jan") {
  Principal p;
  p.account_id = 7;
  p.username = std::move(username);
  p.person = "j.devries";
  p.municipality = "tiel";
  p.role = role;
  p.scope = std::move(scope);
  return p;
}

TEST(PrincipalTest, RegionalAndActor) {
  EXPECT_TRUE(Make(Role::kOfficer, "").regional());
  EXPECT_FALSE(Make(Role::kAdministrator, "tiel").regional());
  EXPECT_EQ(Make(Role::kOfficer, "", "piet").actor(), "piet");
}

TEST(PrincipalTest, AtLeastFollowsThePowerOrder) {
  struct Case {
    Role have;
    Role need;
    bool ok;
  };
  for (const Case& c :
       {Case{Role::kOfficer, Role::kOfficer, true}, Case{Role::kOfficer, Role::kCoordinator, false},
        Case{Role::kOfficer, Role::kAdministrator, false},
        Case{Role::kCoordinator, Role::kOfficer, true},
        Case{Role::kCoordinator, Role::kCoordinator, true},
        Case{Role::kCoordinator, Role::kAdministrator, false},
        Case{Role::kAdministrator, Role::kOfficer, true},
        Case{Role::kAdministrator, Role::kCoordinator, true},
        Case{Role::kAdministrator, Role::kAdministrator, true}}) {
    const Principal p = Make(c.have, "");
    EXPECT_EQ(p.AtLeast(c.need), c.ok) << RoleName(c.have) << " vs " << RoleName(c.need);
    const absl::Status s = RequireRole(p, c.need, "creating a pool");
    EXPECT_EQ(s.code(), c.ok ? absl::StatusCode::kOk : absl::StatusCode::kPermissionDenied)
        << RoleName(c.have) << " vs " << RoleName(c.need);
  }
}

TEST(RequireRoleTest, DenialNamesTheRoleNeededAndHeld) {
  const absl::Status s =
      RequireRole(Make(Role::kOfficer, "tiel"), Role::kAdministrator, "creating a pool");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "creating a pool needs the role administrator or higher; the account 'jan' has the role officer");
  const absl::Status c = RequireRole(Make(Role::kCoordinator, "", "piet"), Role::kAdministrator,
                                     "deactivating a person");
  EXPECT_EQ(c.message(), "deactivating a person needs the role administrator or higher; the account 'piet' has the role coordinator");
}

TEST(RequireMunicipalityTest, RegionalMayActEverywhere) {
  for (const char* m : {"tiel", "culemborg", "west-maas-en-waal", ""}) {
    EXPECT_TRUE(RequireMunicipality(Make(Role::kAdministrator, ""), m, "changing a person").ok())
        << m;
  }
}

TEST(RequireMunicipalityTest, ScopedOnlyInItsOwn) {
  const Principal tiel = Make(Role::kAdministrator, "tiel");
  EXPECT_TRUE(RequireMunicipality(tiel, "tiel", "changing a person").ok());
  for (const char* m : {"culemborg", "Tiel", "tiel ", "tie", ""}) {
    const absl::Status s = RequireMunicipality(tiel, m, "changing a person");
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << "'" << m << "'";
    EXPECT_THAT(std::string(s.message()),
                ::testing::HasSubstr(std::string("municipality '") + m + "'"));
  }
  EXPECT_EQ(RequireMunicipality(tiel, "culemborg", "changing a person").message(),
            "changing a person concerns municipality 'culemborg'; jan may act only for 'tiel'");
}

TEST(LockoutTest, FreeFailuresThenDoublingCappedAtAnHour) {
  EXPECT_EQ(kFreeLoginFailures, 5);
  struct Case {
    int failures;
    absl::Duration lockout;
  };
  for (const Case& c :
       {Case{-1, absl::ZeroDuration()}, Case{0, absl::ZeroDuration()},
        Case{1, absl::ZeroDuration()}, Case{4, absl::ZeroDuration()}, Case{5, absl::Minutes(1)},
        Case{6, absl::Minutes(2)}, Case{7, absl::Minutes(4)}, Case{8, absl::Minutes(8)},
        Case{9, absl::Minutes(16)}, Case{10, absl::Minutes(32)}, Case{11, absl::Hours(1)},
        Case{12, absl::Hours(1)}, Case{40, absl::Hours(1)}, Case{100, absl::Hours(1)},
        Case{std::numeric_limits<int>::max(), absl::Hours(1)}}) {
    EXPECT_EQ(LockoutAfter(c.failures), c.lockout) << c.failures << " failures";
  }
  absl::Duration previous = absl::ZeroDuration();
  for (int failures = 0; failures <= 1000; ++failures) {
    const absl::Duration d = LockoutAfter(failures);
    EXPECT_GE(d, previous) << failures;
    EXPECT_LE(d, absl::Hours(1)) << failures;
    previous = d;
  }
}

}  // namespace
}  // namespace paraat::directory
