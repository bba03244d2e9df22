// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/model.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/capacity/demo.h"
#include "gtest/gtest.h"

namespace paraat::capacity {
namespace {

Municipality& Find(CapacityInput& in, const std::string& key) {
  for (Municipality& m : in.municipalities) {
    if (m.key == key) return m;
  }
  ADD_FAILURE() << "no municipality " << key;
  return in.municipalities.front();
}

AmbitionPlan& FindPlan(Municipality& m, const std::string& ambition) {
  for (AmbitionPlan& p : m.plan) {
    if (p.ambition == ambition) return p;
  }
  ADD_FAILURE() << "no plan for " << ambition;
  return m.plan.front();
}

struct ValidationCase {
  std::string name;
  std::function<void(CapacityInput&)> mutate;
  std::string message;
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const std::vector<ValidationCase>& ValidationCases() {
  static const auto* cases = new std::vector<ValidationCase>{
      {"NoAmbitions", [](CapacityInput& in) { in.ambitions.clear(); },
       "capacity input has no ambitions"},
      {"NoMunicipalities", [](CapacityInput& in) { in.municipalities.clear(); },
       "capacity input has no municipalities"},
      {"EmptyAmbitionKey", [](CapacityInput& in) { in.ambitions[0].key = ""; },
       "ambition key is empty"},
      {"BadAmbitionKey", [](CapacityInput& in) { in.ambitions[3].key = "Veilig Verkeer"; },
       "ambition key 'Veilig Verkeer' must be lowercase letters, digits and '-'"},
      {"DuplicateAmbition", [](CapacityInput& in) { in.ambitions[1].key = "ondermijning"; },
       "duplicate ambition key 'ondermijning'"},
      {"RankZero", [](CapacityInput& in) { in.ambitions[2].rank = 0; },
       "ambition 'zorg-en-veiligheid': rank 0 is below 1 (1 = highest priority)"},
      {"WeightZero", [](CapacityInput& in) { in.ambitions[0].weight = 0; },
       "ambition 'ondermijning': weight must be a number from 0.001 to 1000, not 0"},
      {"WeightNaN", [](CapacityInput& in) { in.ambitions[0].weight = kNaN; },
       "ambition 'ondermijning': weight must be a number from 0.001 to 1000, not nan"},
      {"DuplicateMunicipality", [](CapacityInput& in) { in.municipalities[1].key = "berg-en-dal"; },
       "duplicate municipality key 'berg-en-dal'"},
      {"BadMunicipalityKey", [](CapacityInput& in) { Find(in, "heumen").key = "Heumen"; },
       "municipality key 'Heumen' must be lowercase letters, digits and '-'"},
      {"EmptyRegion", [](CapacityInput& in) { Find(in, "heumen").region = ""; },
       "municipality heumen: region is empty"},
      {"ZeroFte", [](CapacityInput& in) { Find(in, "heumen").fte = 0; },
       "municipality heumen: fte must be from 0.01 to 10000, not 0"},
      {"NegativeAvailable", [](CapacityInput& in) { Find(in, "heumen").available_hours = -90; },
       "municipality heumen: available hours are negative (-90 h)"},
      {"InfiniteAvailable", [](CapacityInput& in) { Find(in, "heumen").available_hours = kInf; },
       "municipality heumen: available hours are not a finite number"},
      {"HugeAvailable", [](CapacityInput& in) { Find(in, "heumen").available_hours = 2e6; },
       "municipality heumen: available hours (2000000 h) are above the limit of 1000000 h"},
      {"NegativeOvertime", [](CapacityInput& in) { Find(in, "heumen").overtime_hours = -1.5; },
       "municipality heumen: overtime hours are negative (-1.5 h)"},
      {"UnknownAmbitionInPlan",
       [](CapacityInput& in) { FindPlan(Find(in, "heumen"), "regulier").ambition = "feesten"; },
       "municipality heumen: plan names unknown ambition 'feesten'"},
      {"AmbitionPlannedTwice",
       [](CapacityInput& in) {
         Municipality& m = Find(in, "heumen");
         m.plan.push_back(m.plan[0]);
       },
       "municipality heumen: ambition 'ondermijning' is planned twice"},
      {"NegativePlan",
       [](CapacityInput& in) {
         AmbitionPlan& p = FindPlan(Find(in, "druten"), "digitale-veiligheid");
         p.planned_hours = -3;
         p.floor_hours = 0;
       },
       "municipality druten: ambition 'digitale-veiligheid': planned hours are negative (-3 h)"},
      {"NaNPlan",
       [](CapacityInput& in) {
         FindPlan(Find(in, "druten"), "digitale-veiligheid").planned_hours = kNaN;
       },
       "municipality druten: ambition 'digitale-veiligheid': planned hours are not a finite "
       "number"},
      {"NegativeFloor",
       [](CapacityInput& in) {
         FindPlan(Find(in, "druten"), "digitale-veiligheid").floor_hours = -1;
       },
       "municipality druten: ambition 'digitale-veiligheid': floor hours are negative (-1 h)"},
      {"FloorAbovePlan",
       [](CapacityInput& in) {
         AmbitionPlan& p = FindPlan(Find(in, "heumen"), "veilig-verkeer");
         p.planned_hours = 10;
         p.floor_hours = 12;
       },
       "municipality heumen: floor of ambition 'veilig-verkeer' (12 h) is above its plan (10 h)"},
      {"PlanAboveAvailablePlusOvertime",
       [](CapacityInput& in) { FindPlan(Find(in, "heumen"), "regulier").planned_hours = 50; },
       "municipality heumen: total plan (92 h) is above available hours plus overtime (90 h + "
       "0 h)"},
      {"LoanUnknownLender",
       [](CapacityInput& in) {
         in.loans.rules.push_back({"nijmegen", "heumen", true, 1.1});
       },
       "loan rule nijmegen -> heumen: unknown lender municipality 'nijmegen'"},
      {"LoanUnknownBorrower",
       [](CapacityInput& in) {
         in.loans.rules.push_back({"heumen", "mook", true, 1.1});
       },
       "loan rule heumen -> mook: unknown borrower municipality 'mook'"},
      {"LoanToItself",
       [](CapacityInput& in) {
         in.loans.rules.push_back({"heumen", "heumen", true, 1.1});
       },
       "loan rule heumen -> heumen: a municipality cannot lend to itself"},
      {"LoanPairTwice",
       [](CapacityInput& in) {
         in.loans.rules.push_back({"druten", "heumen", true, 1.1});
         in.loans.rules.push_back({"druten", "heumen", false, 1.1});
       },
       "loan rule druten -> heumen: pair appears twice"},
      {"LoanCostZero",
       [](CapacityInput& in) {
         in.loans.rules.push_back({"druten", "heumen", true, 0});
       },
       "loan rule druten -> heumen: cost must be a number from 1 to 1000 (a lent hour costs at "
       "least a local hour), not 0"},
      // Below 1 the last stage would reward lending: Wijchen and Heumen lending each other.
      {"LoanCostBelowOne",
       [](CapacityInput& in) {
         in.loans.rules.push_back({"wijchen", "heumen", true, 0.5});
       },
       "loan rule wijchen -> heumen: cost must be a number from 1 to 1000 (a lent hour costs at "
       "least a local hour), not 0.5"},
      {"DefaultCostBelowOne", [](CapacityInput& in) { in.loans.default_cost = 0.999; },
       "loan rules: default cost must be a number from 1 to 1000 (a lent hour costs at least a "
       "local hour), not 0.999"},
      {"DefaultCostNegative", [](CapacityInput& in) { in.loans.default_cost = -1; },
       "loan rules: default cost must be a number from 1 to 1000 (a lent hour costs at least a "
       "local hour), not -1"},
      {"DemandUnknownMunicipality",
       [](CapacityInput& in) {
         in.demand.hours.push_back({"nijmegen", 4});
       },
       "demand names unknown municipality 'nijmegen'"},
      {"DemandTwice",
       [](CapacityInput& in) {
         in.demand.hours.push_back({"heumen", 4});
       },
       "demand for municipality heumen is given twice"},
      {"DemandNegative", [](CapacityInput& in) { in.demand.hours[0].hours = -20; },
       "demand for municipality heumen: hours are negative (-20 h)"},
      {"DemandNaN", [](CapacityInput& in) { in.demand.hours[0].hours = kNaN; },
       "demand for municipality heumen: hours are not a finite number"},
      {"Week53In2027",
       [](CapacityInput& in) {
         in.demand.week = {2027, 53};
       },
       "demand: week 53 of 2027 is not an ISO week"},
      {"WeekZero",
       [](CapacityInput& in) {
         in.demand.week = {2026, 0};
       },
       "demand: week 0 of 2026 is not an ISO week"},
  };
  return *cases;
}

class ValidationTest : public testing::TestWithParam<ValidationCase> {};

TEST_P(ValidationTest, RefusesWithExactMessage) {
  CapacityInput in = DemoCapacity();
  ASSERT_TRUE(Validate(in).ok());
  GetParam().mutate(in);
  const absl::Status status = Validate(in);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(Cases, ValidationTest, testing::ValuesIn(ValidationCases()),
                         [](const testing::TestParamInfo<ValidationCase>& info) {
                           return info.param.name;
                         });

TEST(ValidateTest, AcceptsDemoAndPlanUsingAllowedOvertime) {
  CapacityInput in = DemoCapacity();
  EXPECT_TRUE(Validate(in).ok());
  Municipality& wijchen = Find(in, "wijchen");        // 216 h available, 4 h overtime
  FindPlan(wijchen, "regulier").planned_hours = 114;  // plan 216 h
  EXPECT_TRUE(Validate(in).ok());
  FindPlan(wijchen, "regulier").planned_hours = 118;  // plan 220 h = 216 + 4
  EXPECT_TRUE(Validate(in).ok());
  FindPlan(wijchen, "regulier").planned_hours = 118.5;
  EXPECT_EQ(Validate(in).message(),
            "municipality wijchen: total plan (220.5 h) is above available hours plus overtime "
            "(216 h + 4 h)");
}

TEST(ValidateTest, AllowsFloorEqualToPlanAndMissingPlanEntries) {
  CapacityInput in = DemoCapacity();
  AmbitionPlan& p = FindPlan(Find(in, "heumen"), "veilig-verkeer");
  p.floor_hours = p.planned_hours;
  Find(in, "druten").plan.erase(Find(in, "druten").plan.begin());
  EXPECT_TRUE(Validate(in).ok());
}

// A rule naming a municipality that takes no part (deactivated, or without capacity figures
// yet) is dormant: left out, not an error that blocks every proposal.
TEST(RaiseLoanCostsToMinimumTest, StoredCostsBelowOneReadAsOne) {
  LoanRules loans;
  loans.default_cost = 0.5;
  loans.rules = {{"wijchen", "heumen", true, 0.8}, {"heumen", "wijchen", true, 1.3}};
  EXPECT_EQ(RaiseLoanCostsToMinimum(&loans), 2);
  EXPECT_EQ(loans.default_cost, 1.0);
  EXPECT_EQ(loans.rules[0].cost, 1.0);
  EXPECT_EQ(loans.rules[1].cost, 1.3);
  EXPECT_EQ(RaiseLoanCostsToMinimum(&loans), 0);
}

TEST(LeaveOutDormantLoanRulesTest, KeepsRulesBetweenMunicipalitiesOfTheInputOnly) {
  CapacityInput in = DemoCapacity();
  in.loans.rules = {{"wijchen", "heumen", true, 1.1},
                    {"heumen", "gennep", false, 1.2},
                    {"mook", "druten", true, 1.5},
                    {"druten", "heumen", false, 1.2}};
  // Without it, Validate() names the first unknown municipality.
  EXPECT_EQ(Validate(in).message(),
            "loan rule heumen -> gennep: unknown borrower municipality 'gennep'");
  const std::vector<LoanRule> dormant = LeaveOutDormantLoanRules(&in);
  ASSERT_EQ(dormant.size(), 2u);
  EXPECT_EQ(dormant[0].borrower, "gennep");
  EXPECT_EQ(dormant[1].lender, "mook");
  ASSERT_EQ(in.loans.rules.size(), 2u);
  EXPECT_EQ(in.loans.rules[0].lender, "wijchen");
  EXPECT_EQ(in.loans.rules[1].lender, "druten");
  EXPECT_TRUE(Validate(in).ok()) << Validate(in);
  EXPECT_TRUE(LeaveOutDormantLoanRules(&in).empty());
}

TEST(EffectiveFloorTest, DefaultsToZeroForPrioritiesAndPlanForRegularTasks) {
  const Ambition priority{"veilig-verkeer", "Veilig verkeer", 4, 1.0, false};
  const Ambition regular{"regulier", "Regulier", 1, 1.0, true};
  EXPECT_EQ(EffectiveFloor(priority, {"veilig-verkeer", 8, std::nullopt}), 0.0);
  EXPECT_EQ(EffectiveFloor(regular, {"regulier", 46, std::nullopt}), 46.0);
  EXPECT_EQ(EffectiveFloor(regular, {"regulier", 46, 30.0}), 30.0);
  EXPECT_EQ(EffectiveFloor(priority, {"veilig-verkeer", 8, 3.0}), 3.0);
}

TEST(IsoWeekTest, ParsesAndFormats) {
  absl::StatusOr<IsoWeek> w = ParseIsoWeek("2026-W49");
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->year, 2026);
  EXPECT_EQ(w->week, 49);
  EXPECT_EQ(FormatIsoWeek(*w), "2026-W49");
  EXPECT_EQ(FormatIsoWeek({2026, 1}), "2026-W01");
  EXPECT_EQ(ParseIsoWeek("2027-W53").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseIsoWeek("2027-W53").status().message(), "week '2027-W53': the weeks of 2027 run from W01 to W52");
  EXPECT_EQ(ParseIsoWeek("2026-W00").status().message(),
            "week '2026-W00': the weeks of 2026 run from W01 to W53");
  EXPECT_TRUE(ParseIsoWeek("2026-W53").ok());
  for (const char* bad :
       {"2026W49", "2026-W4", "2026-w49", "26-W49", "2026-W4x", "2026-W00", "", "2026-W490"}) {
    EXPECT_EQ(ParseIsoWeek(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(ParseIsoWeek("2026W49").status().message(),
            "week '2026W49' is not an ISO week such as 2026-W49");
}

TEST(IsoWeekTest, WeeksInYear) {
  // 2026 starts on a Thursday; 2020 is a leap year starting on a Wednesday.
  const std::vector<std::pair<int, int>> cases = {
      {2004, 53}, {2014, 52}, {2015, 53}, {2016, 52}, {2019, 52}, {2020, 53}, {2021, 52},
      {2024, 52}, {2025, 52}, {2026, 53}, {2027, 52}, {2032, 53}, {2037, 53}, {2038, 52}};
  for (const auto& [year, weeks] : cases) EXPECT_EQ(IsoWeeksInYear(year), weeks) << year;
}

TEST(FormatHoursTest, TwoDecimalsAtMostWithoutTrailingZeros) {
  EXPECT_EQ(FormatHours(12), "12");
  EXPECT_EQ(FormatHours(12.5), "12.5");
  EXPECT_EQ(FormatHours(1.0 / 3.0), "0.33");
  EXPECT_EQ(FormatHours(-0.001), "0");
  EXPECT_EQ(FormatHours(100), "100");
  EXPECT_EQ(FormatHours(2.005e-9), "0");
}

// An ambition out of use frees its planned hours; the note says how many and where.
TEST(OutOfUseNotesTest, NameTheFreedHoursPerMunicipality) {
  const CapacityInput all = DemoCapacity();
  EXPECT_TRUE(OutOfUseNotes(all, all).empty());
  CapacityInput in_use = all;
  in_use.ambitions.erase(std::remove_if(in_use.ambitions.begin(), in_use.ambitions.end(),
                                        [](const Ambition& a) { return a.key == "veilig-verkeer"; }),
                         in_use.ambitions.end());
  const std::vector<std::string> notes = OutOfUseNotes(in_use, all);
  ASSERT_EQ(notes.size(), 1u);
  double total = 0;
  std::string where;
  for (const Municipality& m : all.municipalities) {
    for (const AmbitionPlan& p : m.plan) {
      if (p.ambition != "veilig-verkeer" || p.planned_hours <= 0) continue;
      total += p.planned_hours;
      where += (where.empty() ? "" : ", ") + m.key + " " + FormatHours(p.planned_hours) + " h";
    }
  }
  ASSERT_GT(total, 0);
  EXPECT_EQ(notes[0], "ambition veilig-verkeer is out of use: its planned " + FormatHours(total) +
                          " h/week (" + where + ") are free hours in this plan");
}

TEST(CanonicalTextTest, IgnoresOrderButSeesEveryChange) {
  const CapacityInput in = DemoCapacity();
  CapacityInput shuffled = in;
  std::reverse(shuffled.municipalities.begin(), shuffled.municipalities.end());
  std::reverse(shuffled.ambitions.begin(), shuffled.ambitions.end());
  std::reverse(shuffled.demand.hours.begin(), shuffled.demand.hours.end());
  for (Municipality& m : shuffled.municipalities) std::reverse(m.plan.begin(), m.plan.end());
  EXPECT_EQ(CanonicalText(in), CanonicalText(shuffled));

  CapacityInput changed = in;
  changed.municipalities[0].plan[0].planned_hours += 1e-9;
  EXPECT_NE(CanonicalText(in), CanonicalText(changed));
  changed = in;
  changed.demand.week = {2026, 50};
  EXPECT_NE(CanonicalText(in), CanonicalText(changed));
  changed = in;
  changed.loans.rules.push_back({"druten", "heumen", false, 1.2});
  EXPECT_NE(CanonicalText(in), CanonicalText(changed));
}

}  // namespace
}  // namespace paraat::capacity
