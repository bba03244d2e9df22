// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/lp_model.h"

#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace paraat::capacity {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// min x + 2y  s.t.  x + y >= 3,  x <= 1,  0 <= y <= 10: optimum x = 1, y = 2, value 5.
class SmallLpTest : public testing::Test {
 protected:
  void SetUp() override {
    x_ = lp_.AddColumn("x", 0, 1);
    y_ = lp_.AddColumn("y", 0, 10);
    row_ = lp_.AddRow("cover", 3, kInf, {{x_, 1}, {y_, 1}});
    lp_.SetObjective({{x_, 1}, {y_, 2}});
  }
  LpModel lp_;
  int x_ = 0;
  int y_ = 0;
  int row_ = 0;
};

TEST_F(SmallLpTest, SolvesAndReportsDualsInMinimisationConvention) {
  ASSERT_TRUE(lp_.Solve("small").ok());
  EXPECT_NEAR(lp_.objective_value(), 5.0, 1e-9);
  const LpSolution s = lp_.Solution();
  ASSERT_EQ(s.column_values.size(), 2u);
  EXPECT_NEAR(s.column_values[x_], 1.0, 1e-9);
  EXPECT_NEAR(s.column_values[y_], 2.0, 1e-9);
  EXPECT_NEAR(s.row_activities[row_], 3.0, 1e-9);
  // The >= row binds at its lower bound: dual 2 (the price of y); x is at its upper bound
  // with reduced cost 1 - 2 = -1.
  EXPECT_NEAR(s.row_duals[row_], 2.0, 1e-9);
  EXPECT_NEAR(s.reduced_costs[x_], -1.0, 1e-9);
  EXPECT_NEAR(s.reduced_costs[y_], 0.0, 1e-9);
}

TEST_F(SmallLpTest, ProgramIsWhatWasBuilt) {
  ASSERT_TRUE(lp_.Solve("small").ok());
  const LinearProgram p = lp_.Program();
  EXPECT_EQ(p.column_names, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(p.row_names, (std::vector<std::string>{"cover"}));
  EXPECT_EQ(p.column_lower, (std::vector<double>{0, 0}));
  EXPECT_EQ(p.column_upper, (std::vector<double>{1, 10}));
  EXPECT_EQ(p.objective, (std::vector<double>{1, 2}));
  EXPECT_EQ(p.row_lower, (std::vector<double>{3}));
  EXPECT_EQ(p.row_upper, (std::vector<double>{kInf}));
  EXPECT_EQ(p.column_starts, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(p.row_indices, (std::vector<int>{0, 0}));
  EXPECT_EQ(p.values, (std::vector<double>{1, 1}));
}

TEST_F(SmallLpTest, ChangesBetweenSolvesWarmStart) {
  ASSERT_TRUE(lp_.Solve("first").ok());
  // Fix the optimum, then prefer x: the fixing row keeps x + 2y <= 5.
  lp_.AddRow("fix", -kInf, 5.0, {{x_, 1}, {y_, 2}});
  lp_.SetObjective({{y_, 1}});
  ASSERT_TRUE(lp_.Solve("second").ok());
  EXPECT_NEAR(lp_.objective_value(), 2.0, 1e-9);
  // Remove x from the cover row: y alone must cover 3, which breaks the fixing row.
  lp_.SetRowBounds(1, -kInf, 6.0);
  lp_.SetCoefficient(row_, x_, 0.0);
  ASSERT_TRUE(lp_.Solve("third").ok());
  EXPECT_NEAR(lp_.column_values()[y_], 3.0, 1e-9);
  const LinearProgram p = lp_.Program();
  EXPECT_EQ(p.column_starts, (std::vector<int>{0, 1, 3}));  // x only in the fixing row
  EXPECT_EQ(p.row_indices[0], 1);
  EXPECT_EQ(p.row_upper[1], 6.0);
}

TEST_F(SmallLpTest, ColumnsAndRowsAddedAfterSolving) {
  ASSERT_TRUE(lp_.Solve("first").ok());
  const int z = lp_.AddColumn("z", 0, kInf);
  lp_.AddRow("z-covers", 1, 1, {{z, 1}, {x_, 1}});
  lp_.SetObjective({{z, -2}, {x_, 1}, {y_, 2}});
  ASSERT_TRUE(lp_.Solve("second").ok());
  // x + z = 1 and x + y >= 3: z = 1, x = 0, y = 3 gives -2 + 6 = 4 (x = 1 would give 5).
  EXPECT_NEAR(lp_.objective_value(), 4.0, 1e-9);
  EXPECT_NEAR(lp_.column_values()[z], 1.0, 1e-9);
  EXPECT_EQ(lp_.Program().column_names.back(), "z");
}

TEST(LpModelTest, InfeasibleIsAnInternalErrorNamingTheStage) {
  LpModel lp;
  const int x = lp.AddColumn("x", 0, 1);
  lp.AddRow("impossible", 2, kInf, {{x, 1}});
  lp.SetObjective({{x, 1}});
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  const absl::Status s = lp.Solve("stage one");
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StartsWith(s.message(),
                               "capacity LP 'stage one' (1 columns, 1 rows) was not solved to "
                               "optimality: CLP status 1"))
      << s.message();
}

TEST(LpModelTest, UnboundedIsAnInternalError) {
  LpModel lp;
  const int x = lp.AddColumn("x", 0, kInf);
  lp.SetObjective({{x, -1}});
  testing::internal::CaptureStdout();
  const absl::Status s = lp.Solve("unbounded");
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace paraat::capacity
