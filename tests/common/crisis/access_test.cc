// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/access.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace paraat::crisis {
namespace {

using directory::Principal;
using directory::Role;

Principal Account(std::string username, Role role, std::string scope) {
  Principal p;
  p.username = std::move(username);
  p.role = role;
  p.scope = std::move(scope);
  return p;
}

Crisis Of(int64_t id, std::vector<std::string> municipalities) {
  Crisis c;
  c.id = id;
  c.municipalities = std::move(municipalities);
  return c;
}

TEST(AccessTest, ReadAccessIsPerCrisisAndAllOrNothing) {
  struct Case {
    Principal who;
    Crisis crisis;
    bool reads;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Account("officer", Role::kOfficer, "wijchen"), Of(1, {"beuningen", "heumen", "wijchen"}),
       true, ""},
      {Account("officer", Role::kOfficer, "wijchen"), Of(3, {"druten"}), false,
       "crisis 3 does not concern municipality 'wijchen'; officer may not read it"},
      {Account("regional", Role::kOfficer, ""), Of(3, {"druten"}), true, ""},
      {Account("coordinator", Role::kCoordinator, ""), Of(1, {"wijchen"}), true, ""},
      {Account("c.druten", Role::kCoordinator, "druten"), Of(1, {"heumen", "wijchen"}), false,
       "crisis 1 does not concern municipality 'druten'; c.druten may not read it"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanRead(c.who, c.crisis), c.reads) << c.who.username << " " << c.crisis.id;
    const absl::Status s = CheckRead(c.who, c.crisis);
    EXPECT_EQ(s.code(), c.reads ? absl::StatusCode::kOk : absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(s.message(), c.message);
  }
}

TEST(AccessTest, CoordinatorsWithReadAccessWriteOfficersDoNot) {
  const Crisis wijchen = Of(1, {"heumen", "wijchen"});
  EXPECT_TRUE(CheckWrite(Account("coordinator", Role::kCoordinator, ""), wijchen).ok());
  EXPECT_TRUE(CheckWrite(Account("c.wijchen", Role::kCoordinator, "wijchen"), wijchen).ok());
  EXPECT_TRUE(CheckWrite(Account("administrator", Role::kAdministrator, ""), wijchen).ok());
  absl::Status s = CheckWrite(Account("officer", Role::kOfficer, "wijchen"), wijchen);
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "writing to a crisis log needs the role coordinator or higher; the account 'officer' has the role officer");
  // No read access: refused for that reason first.
  s = CheckWrite(Account("c.druten", Role::kCoordinator, "druten"), wijchen);
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "crisis 1 does not concern municipality 'druten'; c.druten may not read it");
}

// A coordinator of one municipality logs in a crisis of several, but speaks for their own
// municipality: they tag entries with it alone, and the crisis's GRIP level, closing and
// reopening are for a regional coordinator (or theirs, when the crisis is theirs alone).
TEST(AccessTest, AMunicipalCoordinatorSpeaksForTheirMunicipalityInARegionalCrisis) {
  const Crisis regional = Of(2, {"beuningen", "druten", "west-maas-en-waal"});
  const Principal druten = Account("c.druten", Role::kCoordinator, "druten");
  AppendRequest r;
  r.kind = EntryKind::kSituation;
  r.municipalities = {"druten"};
  EXPECT_TRUE(CheckAppend(druten, regional, r, "").ok());
  r.municipalities = {"druten", "beuningen"};
  absl::Status s = CheckAppend(druten, regional, r, "");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "an entry for a municipality concerns municipality 'beuningen'; c.druten "
                         "may act only for 'druten'");
  r.municipalities.clear();
  for (EntryKind k : {EntryKind::kGripChange, EntryKind::kClosed, EntryKind::kReopened}) {
    r.kind = k;
    s = CheckAppend(druten, regional, r, "");
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << KindName(k);
    EXPECT_EQ(s.message(),
              absl::StrCat(k == EntryKind::kGripChange ? "changing the GRIP level"
                           : k == EntryKind::kClosed   ? "closing"
                                                       : "reopening",
                           " of crisis 2 concerns all its municipalities (beuningen, druten, "
                           "west-maas-en-waal): a regional coordinator does it; c.druten may act "
                           "only for 'druten'"));
    // A crisis of Druten alone is theirs; a regional coordinator's everywhere.
    EXPECT_TRUE(CheckAppend(druten, Of(3, {"druten"}), r, "").ok());
    EXPECT_TRUE(CheckAppend(Account("coordinator", Role::kCoordinator, ""), regional, r, "").ok());
  }
}

// Below coordinator, only the owner of an action writes, and only its status (and a note).
TEST(AccessTest, TheOwnerOfAnActionReportsOnIt) {
  const Crisis wijchen = Of(1, {"wijchen"});
  directory::Principal owner = Account("officer", Role::kOfficer, "wijchen");
  owner.person = "h.devries";
  AppendRequest update;
  update.kind = EntryKind::kActionUpdate;
  update.action_ref = 6;
  update.action_status = "done";
  EXPECT_TRUE(CheckAppend(owner, wijchen, update, "h.devries").ok());
  EXPECT_EQ(CheckAppend(owner, wijchen, update, "i.verhoeven").code(),
            absl::StatusCode::kPermissionDenied);
  update.refs = {6};
  EXPECT_TRUE(CheckAppend(owner, wijchen, update, "h.devries").ok());
  update.refs = {6, 3};  // on that action only
  EXPECT_EQ(CheckAppend(owner, wijchen, update, "h.devries").code(),
            absl::StatusCode::kPermissionDenied);
  update.refs = {};
  update.action_owner = "i.verhoeven";
  EXPECT_EQ(CheckAppend(owner, wijchen, update, "h.devries").code(),
            absl::StatusCode::kPermissionDenied);
  AppendRequest situation;
  situation.kind = EntryKind::kSituation;
  EXPECT_EQ(CheckAppend(owner, wijchen, situation, "").code(), absl::StatusCode::kPermissionDenied);
  // Without read access, not even that.
  EXPECT_EQ(CheckAppend(owner, Of(2, {"druten"}), update, "h.devries").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckAppend(Account("coordinator", Role::kCoordinator, ""), wijchen, situation, "").ok());
}

TEST(AccessTest, MunicipalCoordinatorsOpenCrisesOnlyForTheirMunicipality) {
  EXPECT_TRUE(CheckOpen(Account("coordinator", Role::kCoordinator, ""), {"druten", "wijchen"}).ok());
  EXPECT_TRUE(CheckOpen(Account("c.druten", Role::kCoordinator, "druten"), {"druten"}).ok());
  absl::Status s = CheckOpen(Account("c.druten", Role::kCoordinator, "druten"), {"druten", "wijchen"});
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(),
            "opening a crisis concerns municipality 'wijchen'; c.druten may act only for 'druten'");
  s = CheckOpen(Account("officer", Role::kOfficer, "wijchen"), {"wijchen"});
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "opening a crisis needs the role coordinator or higher; the account 'officer' has the role officer");
}

}  // namespace
}  // namespace paraat::crisis
