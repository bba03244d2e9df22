// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/problem.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/roster/solver/prepared.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/roster_solver/solver_test_util.h"

namespace paraat::roster::solver {
namespace {

using test::Local;
using test::MakePool;
using test::WeeklySlots;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

RosterProblem OnePool(int weeks = 4) {
  RosterProblem problem;
  problem.pools.push_back(
      MakePool("west", {"anna", "bram", "cor"}, WeeklySlots(absl::CivilDay(2026, 3, 2), weeks)));
  return problem;
}

// --- Validation ---------------------------------------------------------------------------

TEST(ValidateProblemTest, RefusesBadInputNamingTheProblem) {
  struct Case {
    std::string name;
    std::function<void(RosterProblem&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"no pools", [](RosterProblem& p) { p.pools.clear(); }, "the problem has no pools"},
      {"no key", [](RosterProblem& p) { p.pools[0].key = ""; }, "pool 1 has no key"},
      {"zone", [](RosterProblem& p) { p.pools[0].time_zone = "Mars/Base"; },
       "pool 'west': time_zone: unknown time zone 'Mars/Base'"},
      {"shift days", [](RosterProblem& p) { p.pools[0].shift_days = 0; },
       "pool 'west': shift_days is 0; it must be 1 to 28"},
      {"rest", [](RosterProblem& p) { p.pools[0].min_rest_shifts = 53; },
       "pool 'west': min_rest_shifts is 53; it must be 0 to 52"},
      {"comfort", [](RosterProblem& p) { p.pools[0].comfortable_rest_shifts = -2; },
       "pool 'west': comfortable_rest_shifts is -2"},
      {"empty member", [](RosterProblem& p) { p.pools[0].members.push_back(""); },
       "pool 'west': a member has no key"},
      {"member twice", [](RosterProblem& p) { p.pools[0].members.push_back("anna"); },
       "pool 'west': anna is a member twice"},
      {"slot backwards",
       [](RosterProblem& p) {
         std::swap(p.pools[0].slots[1].interval.start, p.pools[0].slots[1].interval.end);
       },
       "pool 'west' slot 2 ends before it starts"},
      {"slots overlap",
       [](RosterProblem& p) { p.pools[0].slots[2].interval.start -= absl::Hours(1); },
       "pool 'west' slot 3 (2026-03-16 08:00 - 2026-03-23 09:00) starts before slot 2 "
       "(2026-03-09 09:00 - 2026-03-16 09:00) ends"},
      // A context duty may lie on top of a slot (an override), but not end before it starts.
      {"context inverted",
       [](RosterProblem& p) {
         p.pools[0].context.push_back({"anna", {Local(2026, 3, 3, 9), Local(2026, 2, 28, 9)}});
       },
       "pool 'west' context duty 1"},
      {"context person",
       [](RosterProblem& p) {
         p.pools[0].context.push_back({"", {Local(2026, 2, 23, 9), Local(2026, 3, 2, 9)}});
       },
       "pool 'west' context duty 1 has no person"},
      {"pool twice", [](RosterProblem& p) { p.pools.push_back(p.pools[0]); },
       "pool 'west' appears twice"},
      {"leave person",
       [](RosterProblem& p) {
         p.leave.push_back({1, "", {Local(2026, 3, 2, 9), Local(2026, 3, 3, 9)}, ""});
       },
       "leave 1 has no person"},
      {"leave backwards",
       [](RosterProblem& p) {
         p.leave.push_back({1, "anna", {Local(2026, 3, 3, 9), Local(2026, 3, 2, 9)}, ""});
       },
       "leave 1 (anna) ends before it starts"},
      {"weight zero",
       [](RosterProblem& p) {
         p.preferences.push_back({"anna", {Local(2026, 3, 2, 9), Local(2026, 3, 3, 9)}, 0});
       },
       "preference 1 (anna) has weight 0; it must be 1 to 100 (would like) or -1 to -100"},
      {"weight too large",
       [](RosterProblem& p) {
         p.preferences.push_back({"anna", {Local(2026, 3, 2, 9), Local(2026, 3, 3, 9)}, -101});
       },
       "preference 1 (anna) has weight -101"},
      {"holiday",
       [](RosterProblem& p) {
         p.holidays.push_back({"", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 1)});
       },
       "holiday 1 ('', 2026-01-01 - 2026-01-01) has no name"},
  };
  EXPECT_TRUE(ValidateProblem(OnePool()).ok());
  for (const Case& c : cases) {
    RosterProblem problem = OnePool();
    c.change(problem);
    const absl::Status s = ValidateProblem(problem);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(s.message(), HasSubstr(c.message)) << c.name;
  }
}

TEST(ValidateAssignmentTest, ShapeAndFixedSlots) {
  RosterProblem problem = OnePool(3);
  problem.pools[0].slots[1].fixed_person = "bram";
  Assignment a = FixedAssignment(problem);
  EXPECT_THAT(a.person, ElementsAre(ElementsAre("", "bram", "")));
  EXPECT_TRUE(ValidateAssignment(problem, a).ok());
  a.person[0][1] = "anna";
  EXPECT_THAT(ValidateAssignment(problem, a).message(),
              HasSubstr("gives fixed slot 2 of pool 'west' to 'anna'; it is bram's"));
  a.person[0].pop_back();
  EXPECT_THAT(ValidateAssignment(problem, a).message(),
              HasSubstr("the roster has 2 slots for pool 'west'; the problem has 3"));
  a.person.clear();
  EXPECT_EQ(ValidateAssignment(problem, a).code(), absl::StatusCode::kInvalidArgument);
}

TEST(PoolProblemForTest, TakesTheDirectoryPool) {
  directory::Pool pool;
  pool.key = "oost";
  pool.min_rest_shifts = 2;
  pool.members = {"x", "y"};
  absl::StatusOr<PoolProblem> p = PoolProblemFor(pool, absl::CivilDay(2026, 3, 4), 3);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->key, "oost");
  EXPECT_EQ(p->min_rest_shifts, 2);
  EXPECT_EQ(p->shift_days, 7);
  EXPECT_THAT(p->members, ElementsAre("x", "y"));
  ASSERT_EQ(p->slots.size(), 3u);
  EXPECT_EQ(p->slots[0].interval.start, Local(2026, 3, 9, 9));  // the next Monday
  EXPECT_EQ(p->slots[2].interval.end, Local(2026, 3, 30, 9));
  pool.time_zone = "Nowhere/Land";
  EXPECT_EQ(PoolProblemFor(pool, absl::CivilDay(2026, 3, 4), 3).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// The handover moved from Monday 09:00 to Wednesday 12:00 after two duties were published:
// the next duty begins where the published one ends (no gap), and nothing is planned on top.
TEST(LaySlotsTest, DutiesThatStayAreSlotsAndTheRestFollowsTheHandoverWithoutAGap) {
  std::vector<Interval> pattern;  // Wednesdays 12:00, from 2027-01-06 for four weeks
  for (int w = 0; w < 4; ++w) {
    pattern.push_back({Local(2027, 1, 6 + 7 * w, 12), Local(2027, 1, 13 + 7 * w, 12)});
  }
  // Published Monday duties: 2027-01-04 to 01-11 and 01-11 to 01-18.
  const std::vector<StayingDuty> fixed = {{"b", {Local(2027, 1, 11, 9), Local(2027, 1, 18, 9)}},
                                          {"a", {Local(2027, 1, 4, 9), Local(2027, 1, 11, 9)}}};
  const std::vector<Slot> slots = LaySlots(pattern, fixed, true);
  ASSERT_EQ(slots.size(), 4u);
  EXPECT_EQ(slots[0].fixed_person, "a");
  EXPECT_EQ(slots[1].fixed_person, "b");
  EXPECT_EQ(slots[1].interval.end, Local(2027, 1, 18, 9));
  // 01-18 09:00 to 01-20 12:00 is shorter than half a duty: it joins the next piece.
  EXPECT_EQ(slots[2].fixed_person, "");
  EXPECT_EQ(slots[2].interval.start, Local(2027, 1, 18, 9));
  EXPECT_EQ(slots[2].interval.end, Local(2027, 1, 27, 12));
  EXPECT_EQ(slots[3].interval.start, Local(2027, 1, 27, 12));
  EXPECT_EQ(slots[3].interval.end, Local(2027, 2, 3, 12));
  // Without filling (a pool not being planned) only the duties that stay are slots.
  EXPECT_EQ(LaySlots(pattern, fixed, false).size(), 2u);
  // Nothing that stays: the pattern itself.
  const std::vector<Slot> plain = LaySlots(pattern, {}, true);
  ASSERT_EQ(plain.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(plain[i].interval, pattern[i]);
}

TEST(ComfortableRestTest, DefaultIsHalfARotationAndNeverBelowTheMinimum) {
  PoolProblem pool =
      MakePool("west", {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}, {}, 1);
  EXPECT_EQ(ComfortableRest(pool), 5);  // (12 - 1) / 2
  pool.min_rest_shifts = 7;
  EXPECT_EQ(ComfortableRest(pool), 7);
  pool.comfortable_rest_shifts = 9;
  EXPECT_EQ(ComfortableRest(pool), 9);
  pool.comfortable_rest_shifts = 3;
  EXPECT_EQ(ComfortableRest(pool), 7);
}

// --- Rest and spacing ---------------------------------------------------------------------

TEST(RestEndTest, CivilDaysAcrossDst) {
  const absl::TimeZone zone = test::Amsterdam();
  // A duty ending Monday 22 March 2027 09:00 CET, one week of rest: until Monday 29 March
  // 09:00 CEST, which is only 167 hours later.
  const absl::Time end = Local(2027, 3, 22, 9);
  EXPECT_EQ(RestEnd(end, zone, 7), Local(2027, 3, 29, 9));
  EXPECT_EQ(RestEnd(end, zone, 7) - end, absl::Hours(167));
  EXPECT_EQ(RestEnd(Local(2027, 10, 25, 9), zone, 7) - Local(2027, 10, 25, 9), absl::Hours(169));
  EXPECT_EQ(RestEnd(end, zone, 0), end);
}

TEST(TooCloseTest, OverlapAndRest) {
  const Interval a{Local(2026, 3, 2, 9), Local(2026, 3, 9, 9)};
  const Interval b{Local(2026, 3, 9, 9), Local(2026, 3, 16, 9)};
  const Interval c{Local(2026, 3, 16, 9), Local(2026, 3, 23, 9)};
  // No rest: back to back is fine, overlap is not.
  EXPECT_FALSE(TooClose(a, a.end, b, b.end));
  EXPECT_TRUE(TooClose(a, a.end, {a.start + absl::Hours(1), b.end}, b.end));
  // A week of rest after a: b is too close, c is not; the rule is symmetric.
  const absl::Time a_rest = a.end + absl::Hours(168);
  EXPECT_TRUE(TooClose(a, a_rest, b, b.end + absl::Hours(168)));
  EXPECT_TRUE(TooClose(b, b.end + absl::Hours(168), a, a_rest));
  EXPECT_FALSE(TooClose(a, a_rest, c, c.end + absl::Hours(168)));
}

TEST(SpacingTest, WindowsCountCloseDutiesLinearly) {
  // Five slots, comfort 2 (windows of 3 positions), min rest 0.
  const std::vector<SpacingWindow> w = SpacingWindows(5, 2, 0);
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].first, 0);
  EXPECT_EQ(w[0].last, 1);
  EXPECT_EQ(w[1].first, 0);
  EXPECT_EQ(w[1].last, 2);
  // A pair with f free slots between costs comfort - f.
  EXPECT_EQ(SpacingPenalty({0, 1}, w), 2);
  EXPECT_EQ(SpacingPenalty({3, 4}, w), 2);  // the same at the end of the horizon
  EXPECT_EQ(SpacingPenalty({0, 2}, w), 1);
  EXPECT_EQ(SpacingPenalty({0, 3}, w), 0);
  EXPECT_EQ(SpacingPenalty({0, 1, 2}, w), 4);
  EXPECT_EQ(SpacingPenalty({1}, w), 0);
  // Windows longer than the horizon are clipped and counted with their multiplicity.
  const std::vector<SpacingWindow> long_w = SpacingWindows(3, 5, 1);
  EXPECT_EQ(SpacingPenalty({0, 2}, long_w), 4);  // comfort 5 - 1 free slot
  // No term when the comfort is not above the minimum rest.
  EXPECT_THAT(SpacingWindows(10, 2, 2), IsEmpty());
}

// --- Hard rules -----------------------------------------------------------------------------

TEST(CheckHardRulesTest, FindsEveryKind) {
  RosterProblem problem = OnePool(4);
  problem.pools[0].slots[3].fixed_person = "cor";
  problem.pools[0].context.push_back({"cor", {Local(2026, 3, 30, 9), Local(2026, 4, 6, 9)}});
  problem.leave.push_back({1, "bram", {Local(2026, 3, 10, 0), Local(2026, 3, 11, 0)}, "ziek"});
  Assignment a = FixedAssignment(problem);
  a.person[0] = {"anna", "bram", "", "cor"};
  absl::StatusOr<std::vector<Violation>> v = CheckHardRules(problem, a);
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->size(), 3u);
  EXPECT_EQ((*v)[0].kind, RuleKind::kOnLeave);
  EXPECT_EQ((*v)[0].message,
            "pool 'west' slot 2 (2026-03-09 09:00 - 2026-03-16 09:00): bram is on leave "
            "2026-03-10 00:00 - 2026-03-11 00:00");
  EXPECT_FALSE((*v)[0].only_fixed_duties);
  EXPECT_EQ((*v)[1].kind, RuleKind::kUnfilled);
  EXPECT_EQ((*v)[1].slot, 2);
  // Cor's fixed slot and the context duty right after it: not the solver's doing.
  EXPECT_EQ((*v)[2].kind, RuleKind::kTooClose);
  EXPECT_TRUE((*v)[2].only_fixed_duties);
  EXPECT_EQ((*v)[2].message,
            "cor: pool 'west' duty 2026-03-30 09:00 - 2026-04-06 09:00 outside the horizon is "
            "within the rest after pool 'west' slot 4 (2026-03-23 09:00 - 2026-03-30 09:00)");

  a.person[0] = {"anna", "anna", "dirk", "cor"};
  v = CheckHardRules(problem, a);
  ASSERT_TRUE(v.ok());
  std::vector<RuleKind> kinds;
  for (const Violation& x : *v) kinds.push_back(x.kind);
  EXPECT_THAT(kinds, ElementsAre(RuleKind::kNotMember, RuleKind::kTooClose, RuleKind::kTooClose));
  EXPECT_EQ((*v)[1].person, "anna");
  EXPECT_EQ((*v)[1].slot, 1);
  EXPECT_EQ(RuleKindName((*v)[1].kind), "too close");
}

TEST(CheckHardRulesTest, OverlapAcrossPools) {
  RosterProblem problem = OnePool(2);
  problem.pools[0].min_rest_shifts = 0;
  problem.pools.push_back(
      MakePool("oost", {"anna", "dirk"}, WeeklySlots(absl::CivilDay(2026, 3, 2), 2, 3, 12), 0));
  Assignment a = FixedAssignment(problem);
  a.person = {{"anna", "bram"}, {"anna", "dirk"}};  // oost 4-11 March overlaps west 2-9 March
  absl::StatusOr<std::vector<Violation>> v = CheckHardRules(problem, a);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].pool, "oost");
  EXPECT_THAT((*v)[0].message, HasSubstr("overlaps pool 'west' slot 1"));
  EXPECT_THAT(test::BrokenRules(problem, a), ElementsAre(HasSubstr("too close")));
}

// --- Objective ------------------------------------------------------------------------------

TEST(EvaluateObjectiveTest, HandComputedTerms) {
  // Four weeks from 21 December 2026: weeks 1 (Kerst) and 2 (Oud en nieuw) are holiday
  // duties. Anna is on leave in week 4.
  RosterProblem problem;
  problem.pools.push_back(
      MakePool("west", {"anna", "bram", "cor"}, WeeklySlots(absl::CivilDay(2026, 12, 21), 4), 0));
  problem.pools[0].comfortable_rest_shifts = 2;
  problem.holidays = DutchHolidays(2026, 2027);
  problem.leave.push_back({1, "anna", {Local(2027, 1, 12, 0), Local(2027, 1, 13, 0)}, ""});
  problem.preferences.push_back({"bram", {Local(2026, 12, 24, 0), Local(2026, 12, 25, 0)}, -4});
  problem.preferences.push_back({"cor", {Local(2027, 1, 5, 0), Local(2027, 1, 6, 0)}, 2});
  Assignment a = FixedAssignment(problem);
  a.person[0] = {"bram", "anna", "bram", "cor"};
  absl::StatusOr<ObjectiveTerms> t = EvaluateObjective(problem, a);
  ASSERT_TRUE(t.ok()) << t.status();
  // Available 3, 4, 4 of 4 slots: shares 4 * 3/11, 4 * 4/11, 4 * 4/11 = 1.09, 1.45, 1.45
  // (x20: 22, 29, 29); holiday shares 2 * 3/11, 2 * 4/11 (x20: 11, 15, 15).
  // Duties 1, 2, 1: (20-22)^2 + (40-29)^2 + (20-29)^2 = 4 + 121 + 81 = 206.
  // Holidays 1, 1, 0: (20-11)^2 + (20-15)^2 + (0-15)^2 = 81 + 25 + 225 = 331.
  EXPECT_EQ(t->fairness_scaled, 206 + 331);
  EXPECT_DOUBLE_EQ(t->duty_fairness, 206 / 400.0);
  EXPECT_DOUBLE_EQ(t->holiday_fairness, 331 / 400.0);
  EXPECT_DOUBLE_EQ(t->fairness, 537 / 400.0);
  // Bram in weeks 1 and 3, one free week between, comfort 2: 2 - 1 = 1.
  EXPECT_EQ(t->spacing, 1);
  // Bram would rather not do week 1 (4); Cor would like week 3 and does not get it (2).
  EXPECT_EQ(t->preferences, 4 + 2);
  // The evaluator gives the same, and refuses a roster of the wrong shape.
  absl::StatusOr<ObjectiveEvaluator> evaluator = ObjectiveEvaluator::Create(problem);
  ASSERT_TRUE(evaluator.ok());
  EXPECT_EQ(*evaluator->Evaluate(a), *t);
  a.person[0].pop_back();
  EXPECT_EQ(evaluator->Evaluate(a).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EvaluateObjectiveTest, FormerMembersAndUnfilledSlotsCountForNobody) {
  RosterProblem problem = OnePool(3);
  problem.pools[0].slots[0].fixed_person = "dirk";  // no longer a member: not counted
  Assignment a = FixedAssignment(problem);
  a.person[0] = {"dirk", "anna", ""};
  absl::StatusOr<ObjectiveTerms> t = EvaluateObjective(problem, a);
  ASSERT_TRUE(t.ok());
  // Two counted slots, shares 2/3 each (x20: 13): anna 20, bram 0, cor 0.
  EXPECT_EQ(t->fairness_scaled, 49 + 169 + 169 + 0);
}

}  // namespace
}  // namespace paraat::roster::solver
