// SPDX-License-Identifier: EUPL-1.2
// The capacity input as JSON (what `paraat capacity` reads and the proposals keep): what is
// written reads back the same, and a missing field is named.
#include "common/capacity/capacity_json.h"

#include <gtest/gtest.h>

#include "common/capacity/demo.h"

namespace paraat::capacity {
namespace {

TEST(CapacityJsonTest, TheDemoInputReadsBackAsItWasWritten) {
  const CapacityInput in = DemoCapacity();
  const std::string text = ToJson(in).Serialize();
  auto parsed = json::Parse(text);
  ASSERT_TRUE(parsed.ok());
  auto back = InputFromJson(*parsed);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(ToJson(*back).Serialize(), text);
  ASSERT_EQ(back->ambitions.size(), in.ambitions.size());
  for (size_t i = 0; i < in.ambitions.size(); ++i) {
    EXPECT_EQ(back->ambitions[i].key, in.ambitions[i].key);
    EXPECT_EQ(back->ambitions[i].rank, in.ambitions[i].rank);
    EXPECT_EQ(back->ambitions[i].regular, in.ambitions[i].regular);
  }
  ASSERT_EQ(back->municipalities.size(), in.municipalities.size());
  for (size_t i = 0; i < in.municipalities.size(); ++i) {
    const Municipality& a = in.municipalities[i];
    const Municipality& b = back->municipalities[i];
    EXPECT_EQ(b.key, a.key);
    EXPECT_EQ(b.fte, a.fte);
    ASSERT_EQ(b.plan.size(), a.plan.size());
    for (size_t k = 0; k < a.plan.size(); ++k) {
      EXPECT_EQ(b.plan[k].planned_hours, a.plan[k].planned_hours);
      EXPECT_EQ(b.plan[k].floor_hours, a.plan[k].floor_hours);
    }
  }
  EXPECT_EQ(back->loans.rules.size(), in.loans.rules.size());
  EXPECT_EQ(back->demand.week, in.demand.week);
  EXPECT_EQ(back->demand.hours.size(), in.demand.hours.size());
}

TEST(CapacityJsonTest, AMissingFieldIsNamedAndDefaultsStay) {
  auto v = json::Parse(R"({"municipalities":[{"key":"heumen","name":"Heumen","fte":12,)"
                       R"("available_hours":430,"overtime_hours":20}]})");
  ASSERT_TRUE(v.ok());
  auto in = InputFromJson(*v);
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(in.status().message(), "capacity input: 'region' is missing");

  v = json::Parse(R"({"loans":{"rules":[{"lender":"heumen","borrower":"druten","cost":1.2}]},)"
                  R"("demand":{"crisis":"Opvang","hours":[]}})");
  ASSERT_TRUE(v.ok());
  in = InputFromJson(*v);
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().message(), "capacity input: 'week' is missing");

  v = json::Parse(R"({"loans":{"rules":[{"lender":"heumen","borrower":"druten","cost":1.2}]}})");
  in = InputFromJson(*v);
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_TRUE(in->loans.same_region_default);
  EXPECT_EQ(in->loans.default_cost, LoanRules().default_cost);
  ASSERT_EQ(in->loans.rules.size(), 1u);
  EXPECT_TRUE(in->loans.rules[0].allowed);
}

}  // namespace
}  // namespace paraat::capacity
