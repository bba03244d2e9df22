// SPDX-License-Identifier: EUPL-1.2
// What each role is offered, matching the server's authorization table.
#include "client/desk/permissions.h"

#include <gtest/gtest.h>

namespace paraat::desk {
namespace {

directory::AccountInfo Account(directory::Role role, const std::string& scope) {
  directory::AccountInfo a;
  a.account.username = "u";
  a.account.role = role;
  a.account.scope = scope;
  return a;
}

TEST(Permissions, PerRoleAndScope) {
  struct Case {
    directory::Role role;
    const char* scope;
    bool leaveForOthers, putOnDuty, decideSwaps, writeLog, capacity, approveCapacity;
  };
  const Case cases[] = {
      {directory::Role::kOfficer, "wijchen", false, false, false, false, false, false},
      {directory::Role::kCoordinator, "", false, true, false, true, false, false},
      {directory::Role::kAdministrator, "beuningen", true, true, false, true, true, false},
      {directory::Role::kAdministrator, "", true, true, true, true, true, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(directory::RoleName(c.role)) + " " + c.scope);
    const Permissions p = Permissions::of(Account(c.role, c.scope));
    EXPECT_TRUE(p.requestSwap);
    EXPECT_TRUE(p.registerLeave);
    EXPECT_EQ(p.leaveForOthers, c.leaveForOthers);
    EXPECT_EQ(p.putOnDuty, c.putOnDuty);
    EXPECT_EQ(p.decideSwaps, c.decideSwaps);
    EXPECT_EQ(p.writeLog, c.writeLog);
    EXPECT_EQ(p.capacity, c.capacity);
    EXPECT_EQ(p.approveCapacity, c.approveCapacity);
    EXPECT_EQ(p.restoreCapacity, c.approveCapacity);  // both regional administrators only
  }
  const Permissions none;
  EXPECT_FALSE(none.requestSwap || none.registerLeave || none.putOnDuty || none.decideSwaps ||
               none.writeLog || none.capacity || none.approveCapacity || none.restoreCapacity);
}

}  // namespace
}  // namespace paraat::desk
