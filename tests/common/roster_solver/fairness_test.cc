// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/fairness.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/roster/solver/solver.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/roster_solver/solver_test_util.h"

namespace paraat::roster::solver {
namespace {

using test::Local;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

directory::Pool WestPool() {
  directory::Pool pool;
  pool.key = "west";
  pool.members = {"anna", "bram", "cor"};
  return pool;
}

TEST(FairnessTest, StoredRosterAcrossTheSpringDstChange) {
  // Three weeks from Monday 22 March 2027: the first week has the clocks going forward on
  // Sunday 28 March and is 167 hours long; Pasen (28-29 March) falls in weeks 1 and 2.
  absl::StatusOr<std::vector<Interval>> slots =
      DutySlots(WestPool(), absl::CivilDay(2027, 3, 22), 3);
  ASSERT_TRUE(slots.ok());
  std::vector<RosterShift> shifts;
  const std::vector<std::string> who = {"anna", "bram", "dirk"};  // dirk has left the pool
  for (size_t i = 0; i < 3; ++i) {
    RosterShift s;
    s.pool = "west";
    s.person = who[i];
    s.interval = (*slots)[i];
    shifts.push_back(s);
  }
  RosterShift other;
  other.pool = "oost";  // ignored
  shifts.push_back(other);
  RosterProblem problem;
  problem.pools.push_back(PoolProblemFromShifts(WestPool(), shifts));
  problem.holidays = DutchHolidays(2027, 2027);
  problem.leave.push_back({1, "cor", {Local(2027, 3, 23, 0), Local(2027, 3, 24, 0)}, ""});
  absl::StatusOr<FairnessReport> r = ComputeFairness(problem, FixedAssignment(problem));
  ASSERT_TRUE(r.ok()) << r.status();

  ASSERT_EQ(r->pools.size(), 1u);
  const PoolFairness& pool = r->pools[0];
  EXPECT_EQ(pool.pool, "west");
  EXPECT_EQ(pool.slots, 3);
  EXPECT_EQ(pool.holiday_slots, 2);  // 22-29 March holds Easter Sunday, 29 March-5 April Monday
  EXPECT_EQ(pool.unfilled, 0);
  EXPECT_DOUBLE_EQ(pool.hours, 167 + 168 + 168);

  ASSERT_EQ(r->people.size(), 4u);
  const PersonFairness& anna = r->people[0];
  EXPECT_EQ(anna.person, "anna");
  EXPECT_EQ(anna.duties, 1);
  EXPECT_DOUBLE_EQ(anna.hours, 167);
  EXPECT_EQ(anna.holiday_duties, 1);
  EXPECT_THAT(anna.holidays, ElementsAre("Pasen"));
  const PersonFairness& bram = r->people[1];
  EXPECT_DOUBLE_EQ(bram.hours, 168);
  EXPECT_EQ(bram.holiday_duties, 1);
  // Two counted slots (Dirk's is not); available 3, 3, 2: shares 2 * 3/8, 2 * 3/8, 2 * 2/8.
  EXPECT_EQ(anna.available_slots, 3);
  EXPECT_DOUBLE_EQ(anna.expected_duties, 0.75);
  EXPECT_DOUBLE_EQ(anna.deviation, 0.25);
  const PersonFairness& cor = r->people[2];
  EXPECT_EQ(cor.available_slots, 2);
  EXPECT_DOUBLE_EQ(cor.expected_duties, 0.5);
  EXPECT_DOUBLE_EQ(cor.deviation, -0.5);
  EXPECT_DOUBLE_EQ(cor.expected_holiday_duties, 0.5);  // 2 holiday slots * 2/8
  EXPECT_DOUBLE_EQ(pool.spread, 0.25 - -0.5);
  EXPECT_DOUBLE_EQ(pool.holiday_spread, 0.25 - -0.5);
  const PersonFairness& dirk = r->people[3];
  EXPECT_EQ(dirk.person, "dirk");
  EXPECT_FALSE(dirk.member);
  EXPECT_EQ(dirk.duties, 1);
  EXPECT_DOUBLE_EQ(dirk.hours, 168);
  EXPECT_EQ(dirk.holiday_duties, 0);
}

TEST(FairnessTest, SolvedRosterAcrossTheAutumnDstChange) {
  // Six weeks from Monday 11 October 2027; the week of 25 October has the clocks going back
  // on 31 October and is 169 hours long.
  directory::Pool pool = WestPool();
  absl::StatusOr<PoolProblem> west = PoolProblemFor(pool, absl::CivilDay(2027, 10, 11), 6);
  ASSERT_TRUE(west.ok());
  RosterProblem problem;
  problem.pools.push_back(*west);
  absl::StatusOr<SolveResult> solved = SolveRoster(problem);
  ASSERT_TRUE(solved.ok()) << solved.status();
  ASSERT_EQ(solved->status, SolveStatus::kOptimal);
  absl::StatusOr<FairnessReport> r = ComputeFairness(problem, solved->assignment);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->pools[0].hours, 5 * 168 + 169);
  std::vector<double> hours;
  for (const PersonFairness& p : r->people) {
    EXPECT_EQ(p.duties, 2);
    EXPECT_DOUBLE_EQ(p.deviation, 0);
    hours.push_back(p.hours);
  }
  std::sort(hours.begin(), hours.end());
  EXPECT_THAT(hours, ElementsAre(336, 336, 337));
  EXPECT_DOUBLE_EQ(r->pools[0].spread, 0);
  EXPECT_EQ(r->objective, solved->objective);
}

TEST(FairnessTest, UnfilledSlotsAndInvalidInput) {
  RosterProblem problem;
  problem.pools.push_back(
      test::MakePool("west", {"anna"}, test::WeeklySlots(absl::CivilDay(2026, 3, 2), 2)));
  Assignment a = FixedAssignment(problem);
  absl::StatusOr<FairnessReport> r = ComputeFairness(problem, a);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->pools[0].unfilled, 2);
  EXPECT_DOUBLE_EQ(r->pools[0].hours, 0);
  EXPECT_DOUBLE_EQ(r->people[0].deviation, -2);
  EXPECT_THAT(r->people[0].holidays, IsEmpty());
  a.person.clear();
  EXPECT_EQ(ComputeFairness(problem, a).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace paraat::roster::solver
