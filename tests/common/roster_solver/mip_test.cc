// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/mip.h"

#include <random>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::roster::solver {
namespace {

TEST(MipTest, SmallAssignmentIsOptimal) {
  // Two people, two jobs; costs 1 2 / 3 1: the optimum is 2.
  Mip mip;
  const double cost[4] = {1, 2, 3, 1};
  for (double c : cost) mip.AddColumn(0, 1, c, true);
  mip.AddRow(1, 1, {{0, 1}, {1, 1}});
  mip.AddRow(1, 1, {{2, 1}, {3, 1}});
  mip.AddRow(1, 1, {{0, 1}, {2, 1}});
  mip.AddRow(1, 1, {{1, 1}, {3, 1}});
  absl::StatusOr<Mip::Result> r = mip.Solve(absl::Seconds(5));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->outcome, Mip::Outcome::kOptimal);
  EXPECT_DOUBLE_EQ(r->objective, 2);
  EXPECT_DOUBLE_EQ(r->best_bound, 2);
  EXPECT_THAT(r->values, ::testing::ElementsAre(1, 0, 0, 1));
}

TEST(MipTest, InfeasibleIsReportedNotFatal) {
  Mip mip;
  mip.AddColumn(0, 1, 1, true);
  mip.AddColumn(0, 1, 1, true);
  mip.AddRow(2, Mip::kInfinity, {{0, 1}, {1, 1}});
  mip.AddRow(-Mip::kInfinity, 1, {{0, 1}, {1, 1}});
  absl::StatusOr<Mip::Result> r = mip.Solve(absl::Seconds(5));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->outcome, Mip::Outcome::kInfeasible);
  EXPECT_THAT(r->values, ::testing::IsEmpty());
}

TEST(MipTest, EmptyModelNeedsNoSolver) {
  Mip mip;
  absl::StatusOr<Mip::Result> r = mip.Solve(absl::Seconds(1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Mip::Outcome::kOptimal);
  mip.AddRow(1, 1, {});
  r = mip.Solve(absl::Seconds(1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Mip::Outcome::kInfeasible);
}

TEST(MipTest, StopsAtTheTimeLimitKeepingTheStart) {
  // A multi-dimensional knapsack that CBC does not close in 50 ms, started from the empty
  // selection (feasible, objective 0).
  std::mt19937 rng(3);
  Mip mip;
  const int n = 300;
  for (int c = 0; c < n; ++c) mip.AddColumn(0, 1, -static_cast<double>(rng() % 1000), true);
  for (int row = 0; row < 30; ++row) {
    std::vector<std::pair<int, double>> terms;
    for (int c = 0; c < n; ++c) terms.push_back({c, static_cast<double>(rng() % 1000)});
    mip.AddRow(-Mip::kInfinity, 5000, terms);
  }
  const std::vector<double> start(n, 0.0);
  const absl::Time began = absl::Now();
  absl::StatusOr<Mip::Result> r = mip.Solve(absl::Milliseconds(50), start);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_LT(absl::Now() - began, absl::Seconds(3));
  EXPECT_EQ(r->outcome, Mip::Outcome::kFeasible);
  EXPECT_LE(r->objective, 0);
  EXPECT_LT(r->best_bound, r->objective);
  EXPECT_EQ(r->values.size(), static_cast<size_t>(n));
}

TEST(MipTest, StartOfTheWrongSizeIsInternal) {
  Mip mip;
  mip.AddColumn(0, 1, 1, true);
  EXPECT_EQ(mip.Solve(absl::Seconds(1), {1, 0}).status().code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace paraat::roster::solver
