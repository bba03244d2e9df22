// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/demo.h"

#include <string>
#include <vector>

#include "common/capacity/model.h"
#include "gtest/gtest.h"

namespace paraat::capacity {
namespace {

TEST(DemoCapacityTest, IsValidAndHasTheSixMunicipalities) {
  const CapacityInput in = DemoCapacity();
  EXPECT_TRUE(Validate(in).ok()) << Validate(in);
  std::vector<std::string> keys;
  for (const Municipality& m : in.municipalities) {
    keys.push_back(m.key);
    EXPECT_EQ(m.region, "tweestromenland");
    EXPECT_EQ(m.available_hours, m.fte * 36) << m.key;
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"berg-en-dal", "beuningen", "druten", "heumen",
                                            "west-maas-en-waal", "wijchen"}));
  EXPECT_EQ(in.municipalities[3].fte, 2.5);  // Heumen, the thinnest
  EXPECT_EQ(in.municipalities[5].fte, 6.0);  // Wijchen, the largest
  EXPECT_TRUE(in.loans.same_region_default);
  EXPECT_EQ(in.loans.default_cost, 1.2);
}

TEST(DemoCapacityTest, AmbitionsFollowTheIvp) {
  const CapacityInput in = DemoCapacity();
  ASSERT_EQ(in.ambitions.size(), 6u);
  const std::vector<std::string> order = {"ondermijning", "digitale-veiligheid",
                                          "zorg-en-veiligheid", "veilig-verkeer",
                                          "verbinding-samenleving"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(in.ambitions[i].key, order[i]);
    EXPECT_EQ(in.ambitions[i].rank, i + 1);
    EXPECT_FALSE(in.ambitions[i].regular);
  }
  EXPECT_EQ(in.ambitions[5].key, "regulier");
  EXPECT_TRUE(in.ambitions[5].regular);
  // Regular tasks keep their whole plan by default.
  for (const Municipality& m : in.municipalities) {
    for (const AmbitionPlan& p : m.plan) {
      if (p.ambition == "regulier") {
        EXPECT_FALSE(p.floor_hours.has_value());
        EXPECT_EQ(EffectiveFloor(in.ambitions[5], p), p.planned_hours);
      }
    }
  }
}

TEST(DemoCapacityTest, RefugeeReceptionWeeks) {
  const std::vector<CrisisDemand> weeks = DemoRefugeeReceptionDemand();
  ASSERT_EQ(weeks.size(), 6u);
  EXPECT_EQ(weeks.front().week, (IsoWeek{2026, 47}));
  EXPECT_EQ(weeks.back().week, (IsoWeek{2026, 52}));
  const CapacityInput in = DemoCapacity();
  EXPECT_EQ(in.demand.crisis, "Opvang vluchtelingen");
  EXPECT_EQ(in.demand.week, kDemoPeakWeek);
  double peak = 0;
  for (const DemandEntry& d : in.demand.hours) peak += d.hours;
  EXPECT_EQ(peak, 54);
  for (const CrisisDemand& week : weeks) {
    CapacityInput other = in;
    other.demand = week;
    EXPECT_TRUE(Validate(other).ok()) << FormatIsoWeek(week.week);
    double total = 0;
    for (const DemandEntry& d : week.hours) total += d.hours;
    EXPECT_LE(total, peak);
  }
}

}  // namespace
}  // namespace paraat::capacity
