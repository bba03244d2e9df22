// SPDX-License-Identifier: EUPL-1.2
// Duties of someone the directory no longer lets serve (deactivated, removed from the pool, a
// qualification taken away) show as clashes from now on, so they are fixed before the duty.
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/roster/rules.h"
#include "common/roster/snapshot.h"

namespace paraat::roster {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1798761600);  // 2027-01-01T00:00:00Z

Interval Hours(double from, double to) {
  return {kNow + absl::Hours(from), kNow + absl::Hours(to)};
}

directory::Person Person(const std::string& key, bool active = true,
                         std::vector<std::string> quals = {"ovd-bz"}) {
  directory::Person p;
  p.key = key;
  p.name = key;
  p.active = active;
  p.qualifications = std::move(quals);
  return p;
}

RosterSnapshot West() {
  RosterSnapshot s;
  s.now = kNow;
  s.window = Hours(-200, 1000);
  directory::Pool west;
  west.key = "west";
  west.qualification = "ovd-bz";
  west.members = {"a", "b", "d"};
  s.pools["west"] = west;
  s.people["a"] = Person("a");
  s.people["b"] = Person("b", /*active=*/false);
  s.people["c"] = Person("c");                              // qualified, not a member
  s.people["d"] = Person("d", true, {});                    // a member without the qualification
  return s;
}

std::vector<Clash> Ineligible(const RosterSnapshot& s) {
  std::vector<Clash> out;
  for (Clash& c : s.Clashes(s.Schedules())) {
    if (c.kind == ClashKind::kNotEligible) out.push_back(std::move(c));
  }
  return out;
}

TEST(Eligibility, DutiesOfSomeoneNoLongerEligibleClashFromNowOn) {
  RosterSnapshot s = West();
  s.input.shifts = {{1, "west", "b", Hours(-100, 68), true},  // began before now
                    {2, "west", "b", Hours(68, 236), false},  // then the next week: one stretch
                    {3, "west", "a", Hours(236, 404), true},
                    {4, "west", "c", Hours(404, 572), true},
                    {5, "west", "d", Hours(572, 740), true}};
  const std::vector<Clash> c = Ineligible(s);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].person, "b");
  EXPECT_EQ(c[0].reason, "deactivated");
  EXPECT_EQ(c[0].interval.start, kNow);  // not the past, which was right then
  EXPECT_EQ(c[0].interval.end, Hours(0, 236).end);
  EXPECT_TRUE(c[0].published);
  EXPECT_EQ(c[1].person, "c");
  EXPECT_EQ(c[1].reason, "not_member");
  EXPECT_EQ(c[2].person, "d");
  EXPECT_EQ(c[2].reason, "unqualified");
  EXPECT_EQ(ClashKindName(c[0].kind), "not_eligible");
}

TEST(Eligibility, AnOverrideNeedsTheQualificationButNoMembership) {
  RosterSnapshot s = West();
  s.input.shifts = {{1, "west", "a", Hours(0, 168), true}};
  s.input.overrides = {{7, "west", "c", Hours(10, 20), "", "", kNow},
                       {8, "west", "d", Hours(30, 40), "", "", kNow}};
  const std::vector<Clash> c = Ineligible(s);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].person, "d");
  EXPECT_EQ(c[0].reason, "unqualified");
  EXPECT_EQ(c[0].interval, Hours(30, 40));
  // The same rule refuses them up front.
  EXPECT_EQ(Ineligibility(s, s.pools.at("west"), "c", Membership::kQualificationOnly), "");
  EXPECT_EQ(Ineligibility(s, s.pools.at("west"), "c", Membership::kRequired), "not_member");
  EXPECT_EQ(Ineligibility(s, s.pools.at("west"), "x", Membership::kRequired), "unknown");
}

}  // namespace
}  // namespace paraat::roster
