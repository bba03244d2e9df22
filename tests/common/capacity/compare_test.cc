// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/compare.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "common/capacity/demo.h"
#include "common/capacity/reallocation.h"
#include "gtest/gtest.h"

namespace paraat::capacity {
namespace {

std::vector<ReallocationPlan> DemoPlans() {
  std::vector<ReallocationPlan> plans;
  for (Policy p : {Policy::kPriority, Policy::kEqualShare}) {
    absl::StatusOr<ReallocationPlan> plan = Propose(DemoCapacity(), p);
    EXPECT_TRUE(plan.ok()) << plan.status();
    if (plan.ok()) plans.push_back(*std::move(plan));
  }
  return plans;
}

TEST(ComparePlansTest, RowsPerMunicipalityAndAmbition) {
  const std::vector<ReallocationPlan> plans = DemoPlans();
  ASSERT_EQ(plans.size(), 2u);
  absl::StatusOr<PlanComparison> c = ComparePlans(plans);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->labels, (std::vector<std::string>{"1 priority", "2 equal-share"}));
  ASSERT_EQ(c->ambitions.size(), 36u);
  ASSERT_EQ(c->municipalities.size(), 6u);
  // Heumen's veilig-verkeer: plan 6 h; priority gives up all 3 h above the floor, equal
  // share keeps 37/53 of it.
  const ComparedAmbition& row = c->ambitions[3 * 6 + 3];
  EXPECT_EQ(row.municipality, "heumen");
  EXPECT_EQ(row.ambition, "veilig-verkeer");
  EXPECT_EQ(row.planned_hours, 6);
  EXPECT_EQ(row.floor_hours, 3);
  ASSERT_EQ(row.kept_hours.size(), 2u);
  EXPECT_EQ(row.kept_hours[0], 3);
  EXPECT_NEAR(row.kept_hours[1], 6 * 37.0 / 53, 1e-5);
  EXPECT_NEAR(row.share_kept[1], 37.0 / 53, 1e-5);
  const ComparedMunicipality& heumen = c->municipalities[3];
  EXPECT_EQ(heumen.municipality, "heumen");
  EXPECT_EQ(heumen.demand_hours, 20);
  EXPECT_EQ(heumen.workload_per_fte_before, 88 / 2.5);
  EXPECT_NEAR(heumen.hours_borrowed[0], 13, 1e-5);
  EXPECT_EQ(heumen.hours_lent[0], 0);
  EXPECT_EQ(heumen.shortfall_hours, (std::vector<double>{0, 0}));
  EXPECT_NEAR(heumen.workload_per_fte_after[0], 90 / 2.5, 1e-5);
}

TEST(ComparePlansTest, LabelsAndTable) {
  const std::vector<ReallocationPlan> plans = DemoPlans();
  const std::vector<std::string> labels = {"P-17", "P-18"};
  absl::StatusOr<PlanComparison> c = ComparePlans(plans, labels);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->labels, labels);
  const std::string table = FormatComparison(*c);
  EXPECT_TRUE(absl::StrContains(table, "P-17")) << table;
  EXPECT_TRUE(absl::StrContains(table, "heumen               veilig-verkeer                  6"))
      << table;
  // One header, 36 ambition rows, a blank line, two headers, six municipality rows.
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 1 + 36 + 1 + 2 + 6);
}

TEST(ComparePlansTest, RefusesPlansForDifferentInputs) {
  std::vector<ReallocationPlan> plans = DemoPlans();
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(ComparePlans({}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ComparePlans({}).status().message(), "no plans to compare");
  const std::vector<std::string> one = {"only"};
  EXPECT_EQ(ComparePlans(plans, one).status().message(), "1 labels for 2 plans to compare");

  CapacityInput other_week = DemoCapacity();
  other_week.demand.week = {2026, 50};
  absl::StatusOr<ReallocationPlan> later = Propose(other_week, Policy::kPriority);
  ASSERT_TRUE(later.ok());
  std::vector<ReallocationPlan> mixed = {plans[0], *later};
  EXPECT_EQ(ComparePlans(mixed).status().message(),
            "plan 2 (2 priority) was not made for the same input as plan 1: week 2026-W50 "
            "instead of 2026-W49");

  CapacityInput other_plan = DemoCapacity();
  other_plan.municipalities[3].plan[0].planned_hours = 13;
  absl::StatusOr<ReallocationPlan> changed = Propose(other_plan, Policy::kEqualShare);
  ASSERT_TRUE(changed.ok());
  mixed = {plans[0], *changed};
  EXPECT_EQ(ComparePlans(mixed).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ComparePlans(mixed).status().message(),
            "plan 2 (2 equal-share) was not made for the same input as plan 1: municipality "
            "heumen ambition 'ondermijning' has plan 13 h, floor 10 h instead of 14 h, 10 h");
}

}  // namespace
}  // namespace paraat::capacity
