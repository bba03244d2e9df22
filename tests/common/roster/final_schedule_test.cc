// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/final_schedule.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"
#include "common/roster/roster.h"
#include "common/roster/rotation.h"
#include "common/time/civil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::roster {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Hour 0 of the examples: Monday 4 January 2027, 09:00 in Amsterdam.
absl::Time T0() {
  static const absl::Time t0 =
      absl::FromCivil(absl::CivilSecond(2027, 1, 4, 8, 0, 0), absl::UTCTimeZone());
  return t0;
}
absl::Time H(double hours) { return T0() + absl::Hours(hours); }
Interval I(double from, double to) { return {H(from), H(to)}; }

RosterShift Shift(int64_t id, const std::string& pool, const std::string& person, double from,
                  double to, bool published = false) {
  RosterShift s;
  s.id = id;
  s.pool = pool;
  s.person = person;
  s.interval = I(from, to);
  s.published = published;
  return s;
}

Replacement Repl(int64_t swap_id, const std::string& pool, const std::string& from,
                 const std::string& to, double start, double end) {
  return {swap_id, pool, I(start, end), from, to};
}

Override Ovr(int64_t id, const std::string& pool, const std::string& person, double from,
             double to) {
  Override o;
  o.id = id;
  o.pool = pool;
  o.person = person;
  o.interval = I(from, to);
  return o;
}

Leave Off(int64_t id, const std::string& person, double from, double to) {
  return {id, person, I(from, to), "leave"};
}

// Instants as offsets from T0: "0", "168h", "1h30m", "-2h", "inf".
std::string Rel(absl::Time t) { return absl::FormatDuration(t - T0()); }
std::string Render(const Interval& i) {
  return absl::StrCat("[", Rel(i.start), ",", Rel(i.end), ")");
}

// Everything of a slice except its interval.
std::string KeyOf(const DutySlice& s) {
  return absl::StrCat(s.pool, " ", s.person, " ", SourceName(s.source), "#", s.source_id, " shift ",
                      s.shift_id, " rostered ", s.rostered.empty() ? "-" : s.rostered,
                      s.published ? " published" : "");
}

// "west a [0,10h) roster#1 shift 1 rostered a published"
std::string Render(const DutySlice& s) {
  return absl::StrCat(s.pool, " ", s.person, " ", Render(s.interval), " ", SourceName(s.source),
                      "#", s.source_id, " shift ", s.shift_id, " rostered ",
                      s.rostered.empty() ? "-" : s.rostered, s.published ? " published" : "");
}
std::string Render(const std::optional<DutySlice>& s) {
  return s.has_value() ? Render(*s) : "nobody";
}
std::vector<std::string> Render(const std::vector<DutySlice>& slices) {
  std::vector<std::string> out;
  for (const DutySlice& s : slices) out.push_back(Render(s));
  return out;
}
std::vector<std::string> Render(const std::vector<Gap>& gaps) {
  std::vector<std::string> out;
  for (const Gap& g : gaps) out.push_back(absl::StrCat(g.pool, " ", Render(g.interval)));
  return out;
}
std::vector<std::string> Render(const std::vector<Clash>& clashes) {
  std::vector<std::string> out;
  for (const Clash& c : clashes) {
    if (c.kind == ClashKind::kBothPools) {
      out.push_back(absl::StrCat("both ", c.person, " ", Render(c.interval), " ", c.pool, "/",
                                 c.other_pool, c.published ? " published" : ""));
    } else if (c.kind == ClashKind::kTooLittleRest) {
      out.push_back(absl::StrCat("rest ", c.person, " ", Render(c.interval), " ", c.pool,
                                 " after ", c.other_pool, " rest ", Render(c.rest),
                                 c.published ? " published" : ""));
    } else {
      out.push_back(absl::StrCat("leave ", c.person, " ", Render(c.interval), " ", c.pool,
                                 " leave ", c.leave_id,
                                 c.other_pool.empty() ? "" : absl::StrCat(" other ", c.other_pool),
                                 c.published ? " published" : ""));
    }
  }
  return out;
}

// --- The roster alone -----------------------------------------------------------------

TEST(ResolvePoolTest, RosterOnlyGivesThePoolsShiftsClippedToTheWindow) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168, true), Shift(2, "west", "b", 168, 336),
               Shift(3, "oost", "c", 0, 168)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 336))),
              ElementsAre("west a [0,168h) roster#1 shift 1 rostered a published",
                          "west b [168h,336h) roster#2 shift 2 rostered b"));
  EXPECT_THAT(Render(ResolvePool(in, "west", I(100, 200))),
              ElementsAre("west a [100h,168h) roster#1 shift 1 rostered a published",
                          "west b [168h,200h) roster#2 shift 2 rostered b"));
  EXPECT_THAT(Render(ResolvePool(in, "west", I(10, 20))),
              ElementsAre("west a [10h,20h) roster#1 shift 1 rostered a published"));
  EXPECT_THAT(Render(ResolvePool(in, "oost", I(-10, 400))),
              ElementsAre("oost c [0,168h) roster#3 shift 3 rostered c"));
  EXPECT_THAT(Render(ResolvePool(in, "west", I(336, 400))), IsEmpty());
  EXPECT_THAT(Render(ResolvePool(in, "west", I(-50, 0))), IsEmpty());
  EXPECT_THAT(Render(ResolvePool(in, "noord", I(0, 336))), IsEmpty());
  EXPECT_THAT(Render(ResolvePool(in, "west", {absl::InfinitePast(), absl::InfiniteFuture()})),
              ElementsAre("west a [0,168h) roster#1 shift 1 rostered a published",
                          "west b [168h,336h) roster#2 shift 2 rostered b"));
}

TEST(ResolvePoolTest, AnEmptyOrInvertedWindowHasNoSlices) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 30), Shift(2, "west", "b", 30, 100)};
  in.overrides = {Ovr(3, "west", "x", 40, 45)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(50, 50))), IsEmpty());
  EXPECT_THAT(Render(ResolvePool(in, "west", I(60, 20))), IsEmpty());
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0.5, 0))), IsEmpty());
}

TEST(ResolvePoolTest, AHoleInTheRosterIsAGap) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "c", 336, 504)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(0, 504));
  EXPECT_THAT(Render(slices), ElementsAre("west a [0,168h) roster#1 shift 1 rostered a",
                                          "west c [336h,504h) roster#2 shift 2 rostered c"));
  EXPECT_THAT(Render(FindGaps(slices, "west", I(0, 504))), ElementsAre("west [168h,336h)"));
}

TEST(ResolvePoolTest, WhereShiftsOverlapTheLatestIdDecides) {
  ScheduleInput in;
  in.shifts = {Shift(5, "west", "a", 0, 100), Shift(4, "west", "b", 50, 150)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 150))),
              ElementsAre("west a [0,100h) roster#5 shift 5 rostered a",
                          "west b [100h,150h) roster#4 shift 4 rostered b"));
  in.shifts[1].id = 6;
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 150))),
              ElementsAre("west a [0,50h) roster#5 shift 5 rostered a",
                          "west b [50h,150h) roster#6 shift 6 rostered b"));
  // Equal ids (shifts not yet stored have id 0): the first in the input.
  in.shifts[0].id = 0;
  in.shifts[1].id = 0;
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 150))),
              ElementsAre("west a [0,100h) roster#0 shift 0 rostered a",
                          "west b [100h,150h) roster#0 shift 0 rostered b"));
}

TEST(ResolvePoolTest, ConsecutiveShiftsOfOnePersonStayTwoSlices) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "a", 168, 336, true)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 336))),
              ElementsAre("west a [0,168h) roster#1 shift 1 rostered a",
                          "west a [168h,336h) roster#2 shift 2 rostered a published"));
}

// --- Swaps ----------------------------------------------------------------------------

Swap ApprovedSwap() {
  Swap s;
  s.id = 7;
  s.pool = "west";
  s.shift_id = 1;
  s.giver = "a";
  s.taker = "b";
  s.interval = I(24, 48);
  s.status = SwapStatus::kApproved;
  return s;
}

std::vector<std::string> Render(const std::vector<Replacement>& rs) {
  std::vector<std::string> out;
  for (const Replacement& r : rs) {
    out.push_back(absl::StrCat("#", r.swap_id, " ", r.pool, " ", Render(r.interval), " ", r.from,
                               "->", r.to));
  }
  return out;
}

TEST(ReplacementsOfTest, OnlyApprovedSwapsReplaceAnyone) {
  for (SwapStatus status : {SwapStatus::kRequested, SwapStatus::kAccepted, SwapStatus::kDeclined,
                            SwapStatus::kRejected, SwapStatus::kCancelled}) {
    Swap s = ApprovedSwap();
    s.status = status;
    s.return_shift_id = 2;
    s.return_interval = I(200, 220);
    EXPECT_THAT(ReplacementsOf(s), IsEmpty()) << SwapStatusName(status);
  }
  EXPECT_THAT(Render(ReplacementsOf(ApprovedSwap())), ElementsAre("#7 west [24h,48h) a->b"));
}

TEST(ReplacementsOfTest, AReturnShiftGivesTheTakersDutyToTheGiver) {
  Swap s = ApprovedSwap();
  s.return_shift_id = 2;
  s.return_interval = I(200, 220);
  EXPECT_THAT(Render(ReplacementsOf(s)),
              ElementsAre("#7 west [24h,48h) a->b", "#7 west [200h,220h) b->a"));
  // A return shift without an interval, or an interval without a shift, is no return.
  s.return_interval = I(200, 200);
  EXPECT_THAT(Render(ReplacementsOf(s)), ElementsAre("#7 west [24h,48h) a->b"));
  s.return_shift_id = 0;
  s.return_interval = I(200, 220);
  EXPECT_THAT(Render(ReplacementsOf(s)), ElementsAre("#7 west [24h,48h) a->b"));
}

TEST(ResolvePoolTest, ASwapWithoutReturnShift) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168, true), Shift(2, "west", "b", 168, 336)};
  in.replacements = ReplacementsOf(ApprovedSwap());
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 336))),
              ElementsAre("west a [0,24h) roster#1 shift 1 rostered a published",
                          "west b [24h,48h) swap#7 shift 1 rostered a published",
                          "west a [48h,168h) roster#1 shift 1 rostered a published",
                          "west b [168h,336h) roster#2 shift 2 rostered b"));
  // The swap is of pool west only.
  in.shifts.push_back(Shift(3, "oost", "a", 0, 168));
  EXPECT_THAT(Render(ResolvePool(in, "oost", I(0, 336))),
              ElementsAre("oost a [0,168h) roster#3 shift 3 rostered a"));
}

TEST(ResolvePoolTest, ASwapWithReturnShift) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336)};
  Swap whole = ApprovedSwap();
  whole.interval = I(0, 168);
  whole.return_shift_id = 2;
  whole.return_interval = I(168, 336);
  in.replacements = ReplacementsOf(whole);
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 336))),
              ElementsAre("west b [0,168h) swap#7 shift 1 rostered a",
                          "west a [168h,336h) swap#7 shift 2 rostered b"));

  Swap part = ApprovedSwap();
  part.interval = I(0, 24);
  part.return_shift_id = 2;
  part.return_interval = I(168, 192);
  in.replacements = ReplacementsOf(part);
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 336))),
              ElementsAre("west b [0,24h) swap#7 shift 1 rostered a",
                          "west a [24h,168h) roster#1 shift 1 rostered a",
                          "west a [168h,192h) swap#7 shift 2 rostered b",
                          "west b [192h,336h) roster#2 shift 2 rostered b"));
}

TEST(ResolvePoolTest, ASwapReplacesItsGiverOnlyWhereTheGiverIsOnDuty) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "c", 168, 336),
               Shift(3, "west", "a", 400, 500)};
  in.replacements = {Repl(7, "west", "a", "b", 100, 450)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(0, 500));
  EXPECT_THAT(Render(slices), ElementsAre("west a [0,100h) roster#1 shift 1 rostered a",
                                          "west b [100h,168h) swap#7 shift 1 rostered a",
                                          "west c [168h,336h) roster#2 shift 2 rostered c",
                                          "west b [400h,450h) swap#7 shift 3 rostered a",
                                          "west a [450h,500h) roster#3 shift 3 rostered a"));
  // Not in c's shift, and not in the hole: the swap does not fill a gap.
  EXPECT_THAT(Render(FindGaps(slices, "west", I(0, 500))), ElementsAre("west [336h,400h)"));
}

TEST(ResolvePoolTest, SwapsApplyInTheirOrder) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 100)};
  in.replacements = {Repl(1, "west", "a", "b", 0, 100), Repl(2, "west", "b", "c", 50, 100)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 100))),
              ElementsAre("west b [0,50h) swap#1 shift 1 rostered a",
                          "west c [50h,100h) swap#2 shift 1 rostered a"));
  // The other way round, b is not on duty when b->c is applied.
  std::swap(in.replacements[0], in.replacements[1]);
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 100))),
              ElementsAre("west b [0,100h) swap#1 shift 1 rostered a"));
}

// --- Overrides ------------------------------------------------------------------------

TEST(ResolvePoolTest, OverridesGoOnTopAndTheLaterIdWins) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168, true)};
  // Out of id order on purpose: the id decides, not the position.
  in.overrides = {Ovr(6, "west", "y", 15, 30), Ovr(5, "west", "x", 10, 20),
                  Ovr(9, "west", "z", 150, 200), Ovr(8, "oost", "q", 0, 200)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 250))),
              ElementsAre("west a [0,10h) roster#1 shift 1 rostered a published",
                          "west x [10h,15h) override#5 shift 1 rostered a published",
                          "west y [15h,30h) override#6 shift 1 rostered a published",
                          "west a [30h,150h) roster#1 shift 1 rostered a published",
                          "west z [150h,168h) override#9 shift 1 rostered a published",
                          "west z [168h,200h) override#9 shift 0 rostered -"));
}

TEST(ResolvePoolTest, AnOverrideBeatsASwap) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168)};
  in.replacements = {Repl(7, "west", "a", "b", 0, 50)};
  in.overrides = {Ovr(3, "west", "x", 20, 30)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 168))),
              ElementsAre("west b [0,20h) swap#7 shift 1 rostered a",
                          "west x [20h,30h) override#3 shift 1 rostered a",
                          "west b [30h,50h) swap#7 shift 1 rostered a",
                          "west a [50h,168h) roster#1 shift 1 rostered a"));
}

TEST(ResolvePoolTest, AnOverrideInAGapFillsIt) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 10), Shift(2, "west", "b", 20, 30)};
  in.overrides = {Ovr(4, "west", "x", 10, 20)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(0, 30));
  EXPECT_THAT(Render(slices), ElementsAre("west a [0,10h) roster#1 shift 1 rostered a",
                                          "west x [10h,20h) override#4 shift 0 rostered -",
                                          "west b [20h,30h) roster#2 shift 2 rostered b"));
  EXPECT_THAT(Render(FindGaps(slices, "west", I(0, 30))), IsEmpty());
  EXPECT_THAT(Render(ResolvePool(in, "west", I(15, 100))),
              ElementsAre("west x [15h,20h) override#4 shift 0 rostered -",
                          "west b [20h,30h) roster#2 shift 2 rostered b"));
  // Without any roster.
  in.shifts.clear();
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 30))),
              ElementsAre("west x [10h,20h) override#4 shift 0 rostered -"));
}

// --- Merging --------------------------------------------------------------------------

TEST(ResolvePoolTest, PiecesOfOneStretchAreMergedAndNothingElse) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168)};
  // Cuts that change nothing: a swap of someone not on duty, an override in another pool.
  in.replacements = {Repl(2, "west", "c", "b", 50, 60)};
  in.overrides = {Ovr(10, "oost", "x", 70, 80),
                  // Adjacent overrides of one person are two decisions: two slices.
                  Ovr(11, "west", "x", 100, 110), Ovr(12, "west", "x", 110, 120),
                  // One on top of another of the same person.
                  Ovr(13, "west", "x", 130, 140), Ovr(14, "west", "x", 135, 138)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 168))),
              ElementsAre("west a [0,100h) roster#1 shift 1 rostered a",
                          "west x [100h,110h) override#11 shift 1 rostered a",
                          "west x [110h,120h) override#12 shift 1 rostered a",
                          "west a [120h,130h) roster#1 shift 1 rostered a",
                          "west x [130h,135h) override#13 shift 1 rostered a",
                          "west x [135h,138h) override#14 shift 1 rostered a",
                          "west x [138h,140h) override#13 shift 1 rostered a",
                          "west a [140h,168h) roster#1 shift 1 rostered a"));
}

TEST(ResolvePoolTest, ATakersSwapNextToTheirOwnShiftIsASeparateSlice) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336)};
  in.replacements = {Repl(7, "west", "a", "b", 100, 168)};
  EXPECT_THAT(Render(ResolvePool(in, "west", I(0, 336))),
              ElementsAre("west a [0,100h) roster#1 shift 1 rostered a",
                          "west b [100h,168h) swap#7 shift 1 rostered a",
                          "west b [168h,336h) roster#2 shift 2 rostered b"));
}

// --- OnDutyAt -------------------------------------------------------------------------

TEST(OnDutyAtTest, GivesTheWholeStretchAroundTheInstant) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168, true), Shift(2, "west", "b", 168, 336),
               Shift(3, "oost", "c", 0, 336)};
  in.replacements = {Repl(8, "west", "x", "y", 50, 60)};  // a cut that changes nothing
  in.overrides = {Ovr(4, "west", "x", 10, 20)};
  struct Case {
    double at;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {-1, "nobody"},
      {0, "west a [0,10h) roster#1 shift 1 rostered a published"},
      {9.99, "west a [0,10h) roster#1 shift 1 rostered a published"},
      {10, "west x [10h,20h) override#4 shift 1 rostered a published"},
      {19.5, "west x [10h,20h) override#4 shift 1 rostered a published"},
      {20, "west a [20h,168h) roster#1 shift 1 rostered a published"},
      {55, "west a [20h,168h) roster#1 shift 1 rostered a published"},
      {167.99, "west a [20h,168h) roster#1 shift 1 rostered a published"},
      {168, "west b [168h,336h) roster#2 shift 2 rostered b"},
      {335.99, "west b [168h,336h) roster#2 shift 2 rostered b"},
      {336, "nobody"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Render(OnDutyAt(in, "west", H(c.at))), c.expected) << "at " << c.at << "h";
  }
  EXPECT_EQ(Render(OnDutyAt(in, "oost", H(100))), "oost c [0,336h) roster#3 shift 3 rostered c");
  EXPECT_EQ(Render(OnDutyAt(in, "noord", H(100))), "nobody");
}

TEST(OnDutyAtTest, AStretchOfShiftsWithoutIdsIsFoundWhole) {
  // Shifts straight from Rotate have id 0 until stored: one person's consecutive duties then
  // form one stretch, and OnDutyAt must still see all of it.
  ScheduleInput in;
  for (int k = 0; k < 40; ++k) in.shifts.push_back(Shift(0, "west", "a", 24 * k, 24 * (k + 1)));
  in.shifts.push_back(Shift(0, "west", "b", 960, 1000));
  EXPECT_EQ(Render(OnDutyAt(in, "west", H(500))), "west a [0,960h) roster#0 shift 0 rostered a");
  EXPECT_EQ(Render(OnDutyAt(in, "west", H(970))),
            "west b [960h,1000h) roster#0 shift 0 rostered b");
}

// --- FindGaps -------------------------------------------------------------------------

TEST(FindGapsTest, GapsAreClippedToTheWindow) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 10, 20), Shift(2, "west", "b", 30, 40)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(-100, 100));
  struct Case {
    double from, to;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {0, 50, {"west [0,10h)", "west [20h,30h)", "west [40h,50h)"}},
      {10, 40, {"west [20h,30h)"}},
      {15, 35, {"west [20h,30h)"}},
      {20, 30, {"west [20h,30h)"}},
      {12, 18, {}},
      {10, 20, {}},
      {40, 50, {"west [40h,50h)"}},
      {0, 10, {"west [0,10h)"}},
      {5, 15, {"west [5h,10h)"}},
      {35, 45, {"west [40h,45h)"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Render(FindGaps(slices, "west", I(c.from, c.to))), c.expected)
        << "window " << c.from << "h to " << c.to << "h";
  }
}

TEST(FindGapsTest, TouchingSlicesLeaveNoGapAndNoSlicesLeaveAllOfIt) {
  ScheduleInput in;
  in.shifts = {Shift(1, "oost", "a", 10, 20), Shift(2, "oost", "b", 20, 30)};
  EXPECT_THAT(Render(FindGaps(ResolvePool(in, "oost", I(0, 40)), "oost", I(0, 40))),
              ElementsAre("oost [0,10h)", "oost [30h,40h)"));
  EXPECT_THAT(Render(FindGaps({}, "oost", I(0, 40))), ElementsAre("oost [0,40h)"));
  EXPECT_THAT(Render(FindGaps(ResolvePool(in, "oost", I(0, 40)), "oost", I(10, 30))), IsEmpty());
  // A gap of one nanosecond is a gap.
  in.shifts[1].interval.start += absl::Nanoseconds(1);
  EXPECT_THAT(Render(FindGaps(ResolvePool(in, "oost", I(0, 40)), "oost", I(10, 30))),
              ElementsAre("oost [20h,20h0.000000001s)"));
}

// --- FindClashes ----------------------------------------------------------------------

TEST(FindClashesTest, OnePersonInBothPoolsAndOnDutyWhileOnLeave) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168, true), Shift(2, "oost", "c", 0, 100),
               Shift(3, "oost", "d", 200, 300)};
  in.overrides = {Ovr(4, "oost", "a", 100, 200)};
  std::map<std::string, std::vector<DutySlice>> by_pool;
  by_pool["west"] = ResolvePool(in, "west", I(0, 400));
  by_pool["oost"] = ResolvePool(in, "oost", I(0, 400));
  const std::vector<Leave> leave = {
      Off(9, "a", 150, 400),
      Off(10, "d", 300, 400),  // touches d's duty: no clash
      Off(11, "b", 0, 1000),   // b is not on duty
      Off(12, "c", 99, 99.5),
  };
  EXPECT_THAT(
      Render(FindClashes(by_pool, leave)),
      ElementsAre("leave c [99h,99h30m) oost leave 12", "both a [100h,168h) oost/west published",
                  "leave a [150h,200h) oost leave 9",
                  "leave a [150h,168h) west leave 9 published"));
  EXPECT_THAT(Render(FindClashes(by_pool, {})),
              ElementsAre("both a [100h,168h) oost/west published"));
}

TEST(FindClashesTest, NoClashWhereDutiesOnlyTouch) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "oost", "a", 168, 336)};
  std::map<std::string, std::vector<DutySlice>> by_pool;
  by_pool["west"] = ResolvePool(in, "west", I(0, 400));
  by_pool["oost"] = ResolvePool(in, "oost", I(0, 400));
  EXPECT_THAT(FindClashes(by_pool, {Off(1, "a", 336, 400), Off(2, "b", 0, 400)}), IsEmpty());
}

TEST(FindClashesTest, ASwapIntoTheOtherPoolIsAClash) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "oost", "b", 0, 168)};
  in.replacements = {Repl(5, "west", "a", "b", 24, 48)};
  std::map<std::string, std::vector<DutySlice>> by_pool;
  by_pool["west"] = ResolvePool(in, "west", I(0, 168));
  by_pool["oost"] = ResolvePool(in, "oost", I(0, 168));
  EXPECT_THAT(Render(FindClashes(by_pool, {})), ElementsAre("both b [24h,48h) oost/west"));
}

// --- The rest rule ----------------------------------------------------------------------

std::map<std::string, RestRule> WeeklyRest(int rest_shifts) {
  directory::Pool p;
  p.shift_days = 7;
  p.min_rest_shifts = rest_shifts;
  return {{"west", RestRuleOf(p)}, {"oost", RestRuleOf(p)}};
}

std::map<std::string, std::vector<DutySlice>> Both(const ScheduleInput& in, const Interval& w) {
  return {{"west", ResolvePool(in, "west", w)}, {"oost", ResolvePool(in, "oost", w)}};
}

TEST(RestClashTest, BackToBackWeeksBreakAOneWeekRest) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168, true), Shift(2, "west", "a", 168, 336),
               Shift(3, "west", "b", 336, 504), Shift(4, "west", "a", 504, 672)};
  const auto by_pool = Both(in, I(0, 700));
  // Week 2 starts the moment week 1 ends; week 4 starts after a free week 3: allowed.
  EXPECT_THAT(Render(FindClashes(by_pool, {}, WeeklyRest(1))),
              ElementsAre("rest a [168h,336h) west after west rest [168h,336h)"));
  // Two free weeks asked: week 4 comes too early after week 2 as well.
  EXPECT_THAT(Render(FindClashes(by_pool, {}, WeeklyRest(2))),
              ElementsAre("rest a [168h,336h) west after west rest [168h,504h)",
                          "rest a [504h,672h) west after west rest [336h,672h)"));
  EXPECT_THAT(FindClashes(by_pool, {}, WeeklyRest(0)), IsEmpty());
  EXPECT_THAT(FindClashes(by_pool, {}), IsEmpty()) << "no rules given, no rest checked";
}

TEST(RestClashTest, ADutyInterruptedByAnOverrideIsStillOneDuty) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336)};
  in.overrides = {Ovr(7, "west", "c", 50, 52)};  // c covers two hours of a's week
  EXPECT_THAT(FindClashes(Both(in, I(0, 400)), {}, WeeklyRest(1)), IsEmpty());
}

TEST(RestClashTest, AnOverrideAfterADutyAndADutyInTheOtherPoolCount) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336),
               Shift(3, "oost", "c", 0, 336)};
  // a stays on for the first day of b's week in west (one duty with their own week), and is
  // in oost after that: a clash against the duty whose rest ends last.
  in.overrides = {Ovr(7, "west", "a", 168, 192), Ovr(8, "oost", "a", 200, 210)};
  EXPECT_THAT(Render(FindClashes(Both(in, I(0, 400)), {}, WeeklyRest(1))),
              ElementsAre("rest a [200h,210h) oost after west rest [192h,360h)"));
  // Called in a day after their week ended: one clash per duty.
  in.overrides = {Ovr(7, "west", "a", 192, 196), Ovr(8, "oost", "a", 200, 210)};
  EXPECT_THAT(Render(FindClashes(Both(in, I(0, 400)), {}, WeeklyRest(1))),
              ElementsAre("rest a [192h,196h) west after west rest [168h,336h)",
                          "rest a [200h,210h) oost after west rest [196h,364h)"));
}

TEST(RestClashTest, AnOverrideAcrossAHandoverIsOneDuty) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336),
               Shift(3, "west", "c", 336, 504)};
  // d covers Sunday evening to Tuesday: the shifts underneath cut it at Monday's handover.
  in.overrides = {Ovr(7, "west", "d", 155, 192)};
  EXPECT_THAT(FindClashes(Both(in, I(0, 600)), {}, WeeklyRest(1)), IsEmpty());
  // a goes on past their own week by the override: one long duty, no clash either.
  in.overrides = {Ovr(8, "west", "a", 160, 192)};
  EXPECT_THAT(FindClashes(Both(in, I(0, 600)), {}, WeeklyRest(1)), IsEmpty());
  // c, rostered in week 3, covers the first day of week 2: week 3 then starts inside the rest
  // after that day.
  in.overrides = {Ovr(9, "west", "c", 168, 192)};
  EXPECT_THAT(Render(FindClashes(Both(in, I(0, 600)), {}, WeeklyRest(1))),
              ElementsAre("rest c [336h,360h) west after west rest [192h,360h)"));
}

TEST(RestClashTest, AnOverrideThatRunsIntoTheSamePersonsDutyExtendsIt) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336),
               Shift(3, "west", "a", 504, 672)};
  // b is called in the evening before their own week and stays on: one duty.
  in.overrides = {Ovr(7, "west", "b", 150, 168)};
  EXPECT_THAT(FindClashes(Both(in, I(0, 700)), {}, WeeklyRest(1)), IsEmpty());
  // A second override for b that takes over the end of the first (the coordinator extends
  // it): still one duty, not a rest of no time at all between the two.
  in.overrides = {Ovr(7, "west", "b", 140, 160), Ovr(8, "west", "b", 150, 168)};
  EXPECT_THAT(FindClashes(Both(in, I(0, 700)), {}, WeeklyRest(1)), IsEmpty());
  // An override between two of a's own weeks does not make them one duty: a is on duty for
  // three weeks in a row, and week 3 starts inside the rest after the first two.
  {
    ScheduleInput three;
    three.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336),
                    Shift(3, "west", "a", 336, 504)};
    three.overrides = {Ovr(5, "west", "a", 168, 336)};
    EXPECT_THAT(Render(FindClashes(Both(three, I(0, 700)), {}, WeeklyRest(1))),
                ElementsAre("rest a [336h,504h) west after west rest [336h,504h)"));
  }
  // An override for b that ends an hour before their week starts is a duty of its own.
  in.overrides = {Ovr(9, "west", "b", 150, 167)};
  EXPECT_THAT(Render(FindClashes(Both(in, I(0, 700)), {}, WeeklyRest(1))),
              ElementsAre("rest b [168h,335h) west after west rest [167h,335h)"));
}

TEST(RestClashTest, OverlappingDutiesAreAClashOfTwoPoolsNotOfRest) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "oost", "a", 100, 268)};
  EXPECT_THAT(Render(FindClashes(Both(in, I(0, 400)), {}, WeeklyRest(1))),
              ElementsAre("both a [100h,168h) oost/west"));
}

TEST(RestClashTest, TheRestCountsCivilDaysAcrossTheDstChange) {
  // A duty that ends Monday 22 March 2027 09:00 CET: the week's rest ends Monday 29 March
  // 09:00 CEST, 167 hours later, where the next week's duty starts.
  const absl::TimeZone ams = [] {
    absl::TimeZone z;
    absl::LoadTimeZone("Europe/Amsterdam", &z);
    return z;
  }();
  auto at = [&](int d, int h) { return absl::FromCivil(absl::CivilSecond(2027, 3, d, h, 0, 0), ams); };
  ScheduleInput in;
  RosterShift first = Shift(1, "west", "a", 0, 0);
  first.interval = {at(15, 9), at(22, 9)};
  RosterShift third = Shift(3, "west", "a", 0, 0);
  third.interval = {at(29, 9), at(29, 9) + absl::Hours(167)};
  RosterShift early = Shift(4, "oost", "a", 0, 0);  // starts an hour before the rest ends
  early.interval = {at(29, 8), at(29, 9)};
  in.shifts = {first, third};
  const Interval w{at(1, 0), at(31, 0) + absl::Hours(24 * 14)};
  EXPECT_THAT(FindClashes(Both(in, w), {}, WeeklyRest(1)), IsEmpty());
  in.shifts.push_back(early);
  const std::vector<Clash> clashes = FindClashes(Both(in, w), {}, WeeklyRest(1));
  ASSERT_EQ(clashes.size(), 2u);
  EXPECT_EQ(clashes[0].interval, (Interval{at(29, 8), at(29, 9)}));
  EXPECT_EQ(clashes[0].rest, (Interval{at(22, 9), at(29, 9)}));
  EXPECT_EQ(clashes[1].pool, "west") << "and oost's short duty leaves no rest before week 3";
}

// --- BusyElsewhere --------------------------------------------------------------------

TEST(BusyElsewhereTest, FindsTheDutyInAnotherPool) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "oost", "b", 0, 168),
               Shift(3, "oost", "a", 168, 336)};
  std::map<std::string, std::vector<DutySlice>> s;
  s["west"] = ResolvePool(in, "west", I(0, 400));
  s["oost"] = ResolvePool(in, "oost", I(0, 400));
  EXPECT_EQ(Render(BusyElsewhere(s, "a", I(100, 200), "west")),
            "oost a [168h,336h) roster#3 shift 3 rostered a");
  EXPECT_EQ(Render(BusyElsewhere(s, "a", I(100, 168), "west")), "nobody");
  EXPECT_EQ(Render(BusyElsewhere(s, "a", I(100, 200), "oost")),
            "west a [0,168h) roster#1 shift 1 rostered a");
  EXPECT_EQ(Render(BusyElsewhere(s, "a", I(336, 400), "")), "nobody");
  EXPECT_EQ(Render(BusyElsewhere(s, "c", I(0, 400), "")), "nobody");
  EXPECT_EQ(Render(BusyElsewhere(s, "b", I(167, 169), "west")),
            "oost b [0,168h) roster#2 shift 2 rostered b");
}

// --- Properties on random rosters -----------------------------------------------------

const std::vector<std::string>& Pools() {
  static const std::vector<std::string> pools = {"oost", "west"};
  return pools;
}
const std::vector<std::string>& People() {
  static const std::vector<std::string> people = {"a", "b", "c", "d", "e", "f"};
  return people;
}

struct World {
  ScheduleInput in;
  std::vector<Leave> leave;
  Interval horizon;
  int64_t next_id = 1;
};

class Random {
 public:
  explicit Random(uint32_t seed) : rng_(seed) {}
  int64_t Uniform(int64_t lo, int64_t hi) {  // [lo, hi]
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Uniform(0, static_cast<int64_t>(v.size()) - 1))];
  }
  // A non-empty sub-interval of `i` on whole minutes (i spans at least a minute).
  Interval Within(const Interval& i) {
    const int64_t minutes = absl::ToInt64Minutes(i.end - i.start);
    const int64_t a = Uniform(0, minutes - 1);
    const int64_t b = Uniform(a + 1, minutes);
    return {i.start + absl::Minutes(a), i.start + absl::Minutes(b)};
  }
  // An instant in `i` anywhere to the nanosecond.
  absl::Time Instant(const Interval& i) {
    return i.start + absl::Nanoseconds(Uniform(0, absl::ToInt64Nanoseconds(i.end - i.start) - 1));
  }
  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
};

// Rosters from real duty slots (1, 7 or 14 days, across DST), with holes and shifts split
// at odd minutes; approved and other swaps, stray replacements, overrides in random id order
// and leave.
World RandomWorld(Random& r) {
  World w;
  const int shift_days = std::vector<int>{1, 7, 14}[static_cast<size_t>(r.Uniform(0, 2))];
  absl::Time lo = absl::InfiniteFuture(), hi = absl::InfinitePast();
  for (const std::string& pool : Pools()) {
    directory::Pool p;
    p.key = pool;
    p.shift_days = shift_days;
    const absl::CivilDay from = absl::CivilDay(2027, 1, 1) + r.Uniform(0, 330);
    absl::StatusOr<std::vector<Interval>> slots =
        DutySlots(p, from, static_cast<int>(r.Uniform(3, 10)));
    if (!slots.ok()) continue;  // reported by the caller as an empty world
    for (const Interval& slot : *slots) {
      lo = std::min(lo, slot.start);
      hi = std::max(hi, slot.end);
      if (r.Chance(0.15)) continue;  // a hole
      RosterShift s;
      s.pool = pool;
      s.published = r.Chance(0.5);
      if (r.Chance(0.15)) {  // two shifts in one slot, split at an odd minute
        const Interval first = r.Within(slot);
        RosterShift early = s;
        early.id = w.next_id++;
        early.person = r.Pick(People());
        early.interval = {slot.start, first.end};
        w.in.shifts.push_back(early);
        if (first.end == slot.end) continue;
        s.interval = {first.end, slot.end};
      } else {
        s.interval = slot;
      }
      s.id = w.next_id++;
      s.person = r.Pick(People());
      w.in.shifts.push_back(s);
    }
  }
  w.horizon = {lo - absl::Hours(72), hi + absl::Hours(72)};
  if (w.in.shifts.empty()) return w;
  const int swaps = static_cast<int>(r.Uniform(0, 8));
  for (int k = 0; k < swaps; ++k) {
    const RosterShift& sh = r.Pick(w.in.shifts);
    Swap s;
    s.id = w.next_id++;
    s.pool = sh.pool;
    s.shift_id = sh.id;
    s.giver = sh.person;
    s.taker = r.Pick(People());
    s.interval = r.Within(sh.interval);
    s.status = r.Chance(0.75) ? SwapStatus::kApproved : SwapStatus::kCancelled;
    if (r.Chance(0.5)) {
      const RosterShift& back = r.Pick(w.in.shifts);
      if (back.pool == sh.pool) {
        s.return_shift_id = back.id;
        s.return_interval = r.Within(back.interval);
      }
    }
    for (const Replacement& rep : ReplacementsOf(s)) w.in.replacements.push_back(rep);
    if (r.Chance(0.2)) {  // a replacement whose giver may well not be on duty
      w.in.replacements.push_back(
          {w.next_id++, r.Pick(Pools()), r.Within(w.horizon), r.Pick(People()), r.Pick(People())});
    }
  }
  const int overrides = static_cast<int>(r.Uniform(0, 8));
  for (int k = 0; k < overrides; ++k) {
    Override o;
    o.id = w.next_id++;
    o.pool = r.Pick(Pools());
    o.person = r.Pick(People());
    const absl::Time start = r.Within(w.horizon).start;
    o.interval = {start, std::min(w.horizon.end, start + absl::Minutes(r.Uniform(1, 200 * 60)))};
    w.in.overrides.push_back(o);
  }
  std::shuffle(w.in.overrides.begin(), w.in.overrides.end(), r.rng());
  const int leaves = static_cast<int>(r.Uniform(0, 6));
  for (int k = 0; k < leaves; ++k) {
    w.leave.push_back({w.next_id++, r.Pick(People()), r.Within(w.horizon), "leave"});
  }
  return w;
}

// The final schedule at one instant, straight from its definition: the roster shift (latest
// id), then each approved replacement in order where its giver is on duty, then the
// override with the latest id. Only the fields that KeyOf shows are filled in.
std::optional<DutySlice> Oracle(const ScheduleInput& in, const std::string& pool, absl::Time t) {
  const RosterShift* shift = nullptr;
  for (const RosterShift& s : in.shifts) {
    if (s.pool == pool && s.interval.Contains(t) && (shift == nullptr || s.id > shift->id)) {
      shift = &s;
    }
  }
  const Override* top = nullptr;
  for (const Override& o : in.overrides) {
    if (o.pool == pool && o.interval.Contains(t) && (top == nullptr || o.id > top->id)) top = &o;
  }
  if (shift == nullptr && top == nullptr) return std::nullopt;
  DutySlice d;
  d.pool = pool;
  if (shift != nullptr) {
    d.person = shift->person;
    d.source = Source::kRoster;
    d.source_id = shift->id;
    d.shift_id = shift->id;
    d.published = shift->published;
    d.rostered = shift->person;
    for (const Replacement& r : in.replacements) {
      if (r.pool == pool && r.interval.Contains(t) && r.from == d.person) {
        d.person = r.to;
        d.source = Source::kSwap;
        d.source_id = r.swap_id;
      }
    }
  }
  if (top != nullptr) {
    d.person = top->person;
    d.source = Source::kOverride;
    d.source_id = top->id;
  }
  return d;
}

const DutySlice* SliceAt(const std::vector<DutySlice>& slices, absl::Time t) {
  auto it = std::upper_bound(slices.begin(), slices.end(), t,
                             [](absl::Time x, const DutySlice& s) { return x < s.interval.start; });
  if (it == slices.begin()) return nullptr;
  --it;
  return it->interval.Contains(t) ? &*it : nullptr;
}

std::string KeyAt(const std::vector<DutySlice>& slices, absl::Time t) {
  const DutySlice* s = SliceAt(slices, t);
  return s == nullptr ? "nobody" : KeyOf(*s);
}

// The instants where something could change, one nanosecond before each, and random ones.
std::vector<absl::Time> Samples(const World& w, Random& r, int random_count) {
  std::vector<absl::Time> out;
  auto add = [&](const Interval& i) {
    for (absl::Time t : {i.start, i.end}) {
      out.push_back(t);
      out.push_back(t - absl::Nanoseconds(1));
    }
  };
  for (const RosterShift& s : w.in.shifts) add(s.interval);
  for (const Replacement& rep : w.in.replacements) add(rep.interval);
  for (const Override& o : w.in.overrides) add(o.interval);
  for (int k = 0; k < random_count; ++k) out.push_back(r.Instant(w.horizon));
  std::vector<absl::Time> inside;
  for (absl::Time t : out) {
    if (w.horizon.Contains(t)) inside.push_back(t);
  }
  return inside;
}

std::vector<DutySlice> Clip(const std::vector<DutySlice>& slices, const Interval& window) {
  std::vector<DutySlice> out;
  for (DutySlice s : slices) {
    if (!s.interval.Overlaps(window)) continue;
    s.interval = {std::max(s.interval.start, window.start), std::min(s.interval.end, window.end)};
    out.push_back(std::move(s));
  }
  return out;
}

// Sorted, non-empty, inside the window, non-overlapping, of the pool, and merged: two
// touching slices always differ in who or why.
void ExpectWellFormed(const std::vector<DutySlice>& slices, const std::string& pool,
                      const Interval& window) {
  for (size_t i = 0; i < slices.size(); ++i) {
    const DutySlice& s = slices[i];
    ASSERT_EQ(s.pool, pool);
    ASSERT_LT(s.interval.start, s.interval.end) << Render(s);
    ASSERT_GE(s.interval.start, window.start) << Render(s);
    ASSERT_LE(s.interval.end, window.end) << Render(s);
    if (i == 0) continue;
    const DutySlice& prev = slices[i - 1];
    ASSERT_LE(prev.interval.end, s.interval.start) << Render(prev) << " / " << Render(s);
    if (prev.interval.end == s.interval.start) {
      ASSERT_NE(KeyOf(prev), KeyOf(s)) << "not merged: " << Render(prev) << " / " << Render(s);
    }
  }
}

constexpr int kCases = 300;

// (a) Each pool has exactly one person on duty at every instant that a roster shift or an
// override covers, and nobody elsewhere; each instant is decided as defined; OnDutyAt and
// narrower windows agree with the whole resolution.
TEST(FinalSchedulePropertyTest, CoversEveryInstantExactlyOnceWhereRosterOrOverrideDoes) {
  Random r(20270328);
  int covered = 0, uncovered = 0, swapped = 0, overridden = 0;
  for (int c = 0; c < kCases; ++c) {
    SCOPED_TRACE(absl::StrCat("case ", c));
    const World w = RandomWorld(r);
    ASSERT_FALSE(w.in.shifts.empty());
    for (const std::string& pool : Pools()) {
      SCOPED_TRACE(pool);
      const std::vector<DutySlice> slices = ResolvePool(w.in, pool, w.horizon);
      ExpectWellFormed(slices, pool, w.horizon);
      if (HasFatalFailure()) return;
      int on_duty_checks = 0;
      for (absl::Time t : Samples(w, r, 40)) {
        bool should = false;
        for (const RosterShift& s : w.in.shifts) should |= s.pool == pool && s.interval.Contains(t);
        for (const Override& o : w.in.overrides) should |= o.pool == pool && o.interval.Contains(t);
        const DutySlice* got = SliceAt(slices, t);
        const std::optional<DutySlice> want = Oracle(w.in, pool, t);
        ASSERT_EQ(got != nullptr, should) << time::FormatUtc(t);
        ASSERT_EQ(want.has_value(), should);
        if (got != nullptr) {
          ASSERT_EQ(KeyOf(*got), KeyOf(*want)) << Rel(t);
          ++covered;
          swapped += got->source == Source::kSwap;
          overridden += got->source == Source::kOverride;
        } else {
          ++uncovered;
        }
        if (++on_duty_checks % 3 == 0) {
          ASSERT_EQ(Render(OnDutyAt(w.in, pool, t)), got == nullptr ? "nobody" : Render(*got))
              << Rel(t);
        }
      }
      // A narrower window gives the same schedule, cut at its edges.
      Interval sub = r.Within(w.horizon);
      ASSERT_EQ(Render(ResolvePool(w.in, pool, sub)), Render(Clip(slices, sub))) << Render(sub);
    }
  }
  // The random worlds exercise every kind of decision.
  EXPECT_GT(covered, 10000);
  EXPECT_GT(uncovered, 1000);
  EXPECT_GT(swapped, 500);
  EXPECT_GT(overridden, 500);
}

std::vector<Interval> Normalize(std::vector<Interval> v) {
  std::sort(v.begin(), v.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<Interval> out;
  for (const Interval& i : v) {
    if (i.empty()) continue;
    if (!out.empty() && out.back().end >= i.start) {
      out.back().end = std::max(out.back().end, i.end);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<Interval> Intervals(const std::vector<Gap>& gaps) {
  std::vector<Interval> out;
  for (const Gap& g : gaps) out.push_back(g.interval);
  return out;
}

std::vector<std::string> RenderIntervals(const std::vector<Interval>& v) {
  std::vector<std::string> out;
  for (const Interval& i : v) out.push_back(Render(i));
  return out;
}

// (b) Ending an override early, at E' instead of E, changes the schedule on [E', E) only:
// there it is what it would be without that override (the roster or swap comes back, or a
// lower override), and where that is nobody exactly that gap opens.
TEST(FinalSchedulePropertyTest, AnOverrideEndingEarlyOpensExactlyTheExpectedGap) {
  Random r(20271031);
  int opened = 0, returned = 0;
  for (int c = 0; c < kCases; ++c) {
    SCOPED_TRACE(absl::StrCat("case ", c));
    World w = RandomWorld(r);
    ASSERT_FALSE(w.in.shifts.empty());
    if (w.in.overrides.empty() || r.Chance(0.3)) {
      // An override that also covers a gap now and then: starts in the horizon, long.
      Override o;
      o.id = w.next_id++;
      o.pool = r.Pick(Pools());
      o.person = r.Pick(People());
      o.interval = r.Within(w.horizon);
      w.in.overrides.push_back(o);
    }
    const size_t k =
        static_cast<size_t>(r.Uniform(0, static_cast<int64_t>(w.in.overrides.size()) - 1));
    const Override o = w.in.overrides[k];
    if (o.interval.end - o.interval.start < absl::Minutes(2)) continue;
    const absl::Time e = o.interval.end;
    const absl::Time e2 = r.Within({o.interval.start + absl::Minutes(1), e}).start;
    ASSERT_LT(e2, e);
    ASSERT_GT(e2, o.interval.start);
    ScheduleInput after_in = w.in;
    after_in.overrides[k].interval.end = e2;
    ScheduleInput without_in = w.in;
    without_in.overrides.erase(without_in.overrides.begin() + static_cast<std::ptrdiff_t>(k));

    const std::vector<DutySlice> before = ResolvePool(w.in, o.pool, w.horizon);
    const std::vector<DutySlice> after = ResolvePool(after_in, o.pool, w.horizon);
    const std::vector<DutySlice> without = ResolvePool(without_in, o.pool, w.horizon);
    const Interval changed{e2, e};

    std::vector<absl::Time> samples = Samples(w, r, 30);
    for (absl::Time t : {e2, e2 - absl::Nanoseconds(1), e, e - absl::Nanoseconds(1)}) {
      samples.push_back(t);
    }
    for (int j = 0; j < 20; ++j) samples.push_back(r.Instant(changed));
    for (absl::Time t : samples) {
      if (changed.Contains(t)) {
        ASSERT_EQ(KeyAt(after, t), KeyAt(without, t)) << Rel(t);
        if (KeyAt(after, t) == "nobody") ++opened;
        if (const DutySlice* s = SliceAt(after, t);
            s != nullptr && s->source != Source::kOverride) {
          ++returned;
        }
      } else {
        ASSERT_EQ(KeyAt(after, t), KeyAt(before, t)) << Rel(t);
      }
    }
    // Outside [E', E) the slices are the same, to the nanosecond.
    ASSERT_EQ(Render(Clip(after, {w.horizon.start, e2})),
              Render(Clip(before, {w.horizon.start, e2})));
    ASSERT_EQ(Render(Clip(after, {e, w.horizon.end})), Render(Clip(before, {e, w.horizon.end})));
    // The gaps: those before, plus the gaps without the override inside [E', E).
    std::vector<Interval> expected = Intervals(FindGaps(before, o.pool, w.horizon));
    for (const Interval& g : Intervals(FindGaps(without, o.pool, changed))) expected.push_back(g);
    ASSERT_EQ(RenderIntervals(Intervals(FindGaps(after, o.pool, w.horizon))),
              RenderIntervals(Normalize(expected)));
  }
  EXPECT_GT(opened, 100);
  EXPECT_GT(returned, 100);
}

// An operation as the server allows it: it changes nothing before `from` (now), or, for the
// control run, anything (`from` = InfinitePast()).
void ApplyOperation(World& w, Random& r, int op, absl::Time from) {
  auto clip = [&](Interval i) {
    i.start = std::max(i.start, from);
    return i;
  };
  switch (op) {
    case 0: {  // an approved swap, possibly with a return shift
      const RosterShift& sh = r.Pick(w.in.shifts);
      Swap s;
      s.id = w.next_id++;
      s.pool = sh.pool;
      s.shift_id = sh.id;
      s.giver = sh.person;
      s.taker = r.Pick(People());
      s.interval = clip(r.Within(sh.interval));
      s.status = SwapStatus::kApproved;
      const RosterShift& back = r.Pick(w.in.shifts);
      if (back.pool == sh.pool) {
        s.return_shift_id = back.id;
        s.return_interval = clip(r.Within(back.interval));
      }
      if (s.interval.empty()) return;
      for (const Replacement& rep : ReplacementsOf(s)) w.in.replacements.push_back(rep);
      return;
    }
    case 1: {  // an override
      Override o;
      o.id = w.next_id++;
      o.pool = r.Pick(Pools());
      o.person = r.Pick(People());
      o.interval = clip(r.Within(w.horizon));
      if (!o.interval.empty()) w.in.overrides.push_back(o);
      return;
    }
    case 2: {  // the roster of one pool replaced from `from` on
      const std::string pool = r.Pick(Pools());
      std::vector<RosterShift> out;
      for (const RosterShift& s : w.in.shifts) {
        if (s.pool != pool || s.interval.end <= from) {
          out.push_back(s);
          continue;
        }
        RosterShift fresh = s;
        fresh.id = w.next_id++;
        fresh.person = r.Pick(People());
        if (s.interval.start < from) {  // keep the part that has happened
          RosterShift past = s;
          past.interval.end = from;
          out.push_back(past);
          fresh.interval.start = from;
        }
        if (r.Chance(0.8)) out.push_back(fresh);  // or leave a hole
      }
      w.in.shifts = out;
      return;
    }
    case 3: {  // an override ended early (or withdrawn), not before `from`
      if (w.in.overrides.empty()) return;
      const size_t k =
          static_cast<size_t>(r.Uniform(0, static_cast<int64_t>(w.in.overrides.size()) - 1));
      Override& o = w.in.overrides[k];
      const absl::Time end = std::max(from, r.Within(o.interval).start);
      if (end >= o.interval.end) return;
      if (end <= o.interval.start) {
        w.in.overrides.erase(w.in.overrides.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        o.interval.end = end;
      }
      return;
    }
    case 4: {  // a swap cancelled from `from` on
      if (w.in.replacements.empty()) return;
      const int64_t id = r.Pick(w.in.replacements).swap_id;
      std::vector<Replacement> out;
      for (Replacement rep : w.in.replacements) {
        if (rep.swap_id == id && rep.interval.end > from) {
          if (rep.interval.start >= from) continue;
          rep.interval.end = from;
        }
        out.push_back(rep);
      }
      w.in.replacements = out;
      return;
    }
    default:
      return;
  }
}

// (c) No operation changes a past instant: with every change clipped to start at `now`, the
// final schedule before `now` stays as it was, to the nanosecond. The same operations
// unclipped do change the past, so the check has teeth.
TEST(FinalSchedulePropertyTest, NoOperationChangesAPastInstant) {
  Random r(4242);
  int changed_future = 0, unclipped_changed_past = 0;
  for (int c = 0; c < kCases; ++c) {
    SCOPED_TRACE(absl::StrCat("case ", c));
    const World w = RandomWorld(r);
    ASSERT_FALSE(w.in.shifts.empty());
    const absl::Time now = r.Within(w.horizon).start;
    const int op = static_cast<int>(r.Uniform(0, 4));
    SCOPED_TRACE(absl::StrCat("operation ", op, ", now ", Rel(now)));
    const uint32_t op_seed = static_cast<uint32_t>(r.Uniform(0, 1 << 30));
    World clipped = w, unclipped = w;
    Random r1(op_seed), r2(op_seed);
    ApplyOperation(clipped, r1, op, now);
    ApplyOperation(unclipped, r2, op, absl::InfinitePast());
    const Interval past{absl::InfinitePast(), now};
    const Interval future{now, absl::InfiniteFuture()};
    for (const std::string& pool : Pools()) {
      ASSERT_EQ(Render(ResolvePool(clipped.in, pool, past)), Render(ResolvePool(w.in, pool, past)))
          << pool;
      changed_future +=
          Render(ResolvePool(clipped.in, pool, future)) != Render(ResolvePool(w.in, pool, future));
      unclipped_changed_past +=
          Render(ResolvePool(unclipped.in, pool, past)) != Render(ResolvePool(w.in, pool, past));
    }
  }
  EXPECT_GT(changed_future, 100);
  EXPECT_GT(unclipped_changed_past, 50);
}

// Clashes and BusyElsewhere agree, instant by instant, with the final schedules and leave.
TEST(FinalSchedulePropertyTest, ClashesAndBusyElsewhereMatchTheSchedules) {
  Random r(112);
  int clashes_seen = 0, busy_seen = 0;
  for (int c = 0; c < kCases; ++c) {
    SCOPED_TRACE(absl::StrCat("case ", c));
    const World w = RandomWorld(r);
    std::map<std::string, std::vector<DutySlice>> by_pool;
    for (const std::string& pool : Pools()) by_pool[pool] = ResolvePool(w.in, pool, w.horizon);
    const std::vector<Clash> clashes = FindClashes(by_pool, w.leave);
    for (size_t i = 1; i < clashes.size(); ++i) {
      ASSERT_LE(clashes[i - 1].interval.start, clashes[i].interval.start);
    }
    for (absl::Time t : Samples(w, r, 30)) {
      std::vector<std::string> want;
      std::map<std::string, std::vector<const DutySlice*>> duties;  // person -> slices at t
      for (const auto& [pool, slices] : by_pool) {
        if (const DutySlice* s = SliceAt(slices, t)) duties[s->person].push_back(s);
      }
      for (const auto& [person, slices] : duties) {
        if (slices.size() == 2) {
          want.push_back(absl::StrCat("both ", person, " ", slices[0]->pool, "/", slices[1]->pool));
        }
        for (const DutySlice* s : slices) {
          for (const Leave& l : w.leave) {
            if (l.person == person && l.interval.Contains(t)) {
              want.push_back(absl::StrCat("leave ", person, " ", s->pool, " ", l.id));
            }
          }
        }
      }
      std::vector<std::string> got;
      for (const Clash& cl : clashes) {
        if (!cl.interval.Contains(t)) continue;
        got.push_back(cl.kind == ClashKind::kBothPools
                          ? absl::StrCat("both ", cl.person, " ", cl.pool, "/", cl.other_pool)
                          : absl::StrCat("leave ", cl.person, " ", cl.pool, " ", cl.leave_id));
      }
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      ASSERT_EQ(got, want) << Rel(t);
      clashes_seen += static_cast<int>(got.size());
    }
    // BusyElsewhere: some slice of the person in another pool overlaps.
    for (int j = 0; j < 20; ++j) {
      const std::string person = r.Pick(People());
      const std::string except = r.Pick(Pools());
      const Interval i = r.Within(w.horizon);
      const std::optional<DutySlice> got = BusyElsewhere(by_pool, person, i, except);
      const std::string other = except == "west" ? "oost" : "west";
      const DutySlice* first = nullptr;
      for (const DutySlice& s : by_pool[other]) {
        if (s.person == person && s.interval.Overlaps(i)) {
          first = &s;
          break;
        }
      }
      ASSERT_EQ(Render(got), first == nullptr ? "nobody" : Render(*first));
      busy_seen += first != nullptr;
    }
  }
  EXPECT_GT(clashes_seen, 200);
  EXPECT_GT(busy_seen, 200);
}

TEST(OnCallAtTest, CurrentAndNextAreClippedToTheQuestion) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(-100, 1000));
  const OnCall at = OnCallAt(slices, H(10), H(200));
  ASSERT_TRUE(at.current.has_value());
  EXPECT_EQ(Render(*at.current), Render(DutySlice{"west", "a", I(10, 168), Source::kRoster, 1, 1,
                                                   false, "a"}));
  ASSERT_TRUE(at.next.has_value());
  EXPECT_EQ(Render(at.next->interval), Render(I(168, 200)));
  EXPECT_EQ(at.next->person, "b");
  EXPECT_FALSE(at.gap_until.has_value());
  // At the handover the next one is on duty.
  EXPECT_EQ(OnCallAt(slices, H(168), H(500)).current->person, "b");
  EXPECT_FALSE(OnCallAt(slices, H(168), H(500)).next.has_value());
}

// An override across a handover keeps its person on duty: they hand over at its end, and the
// next is whoever comes then, not the same person again.
TEST(OnCallAtTest, TheHandoverIsTheEndOfTheUnbrokenStretch) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 168), Shift(2, "west", "b", 168, 336),
               Shift(3, "west", "c", 336, 504)};
  in.overrides = {Ovr(5, "west", "x", 100, 200)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(-100, 1000));
  const OnCall now = OnCallAt(slices, H(120), H(600));
  ASSERT_TRUE(now.current.has_value());
  EXPECT_EQ(now.current->person, "x");
  ASSERT_TRUE(now.handover.has_value());
  EXPECT_EQ(*now.handover, H(200));
  ASSERT_TRUE(now.next.has_value());
  EXPECT_EQ(now.next->person, "b");
  EXPECT_EQ(now.next->interval.start, H(200));
  // Without an override the handover is the shift's end.
  EXPECT_EQ(*OnCallAt(slices, H(210), H(600)).handover, H(336));
  // Clipped to the question.
  EXPECT_EQ(*OnCallAt(slices, H(120), H(150)).handover, H(150));
}

// Sick until Wednesday, then extended to Friday as a second record: on leave until Friday.
TEST(LeaveAtTest, RunsToTheEndOfTheUnbrokenStretchOfLeave) {
  const std::vector<Leave> leave = {{1, "a", I(0, 48), "ziek"},
                                    {2, "a", I(48, 96), "ziek"},
                                    {3, "a", I(100, 120), "vakantie"},
                                    {4, "b", I(0, 500), ""}};
  ASSERT_TRUE(LeaveAt(leave, "a", H(10)).has_value());
  EXPECT_EQ(Render(*LeaveAt(leave, "a", H(10))), Render(I(0, 96)));
  EXPECT_EQ(Render(*LeaveAt(leave, "a", H(60))), Render(I(48, 96)));
  EXPECT_FALSE(LeaveAt(leave, "a", H(97)).has_value());
  EXPECT_FALSE(LeaveAt(leave, "c", H(10)).has_value());
}

TEST(OnCallAtTest, AGapSaysUntilWhenAndWhoComes) {
  ScheduleInput in;
  in.shifts = {Shift(1, "west", "a", 0, 10), Shift(2, "west", "b", 20, 30)};
  const std::vector<DutySlice> slices = ResolvePool(in, "west", I(-100, 1000));
  const OnCall gap = OnCallAt(slices, H(12), H(100));
  EXPECT_FALSE(gap.current.has_value());
  ASSERT_TRUE(gap.gap_until.has_value());
  EXPECT_EQ(*gap.gap_until, H(20));
  ASSERT_TRUE(gap.next.has_value());
  EXPECT_EQ(gap.next->person, "b");
  // Nothing before the horizon: an open gap.
  const OnCall open = OnCallAt(slices, H(12), H(20));
  EXPECT_FALSE(open.current || open.next || open.gap_until);
  const OnCall after = OnCallAt(slices, H(30), H(100));
  EXPECT_FALSE(after.current || after.next || after.gap_until);
  EXPECT_FALSE(OnCallAt({}, H(0), H(10)).current.has_value());
}

// The answer is the same whatever window the schedule was resolved over, as long as it covers
// the question: this is what lets one cached schedule answer every "who is on duty now".
TEST(FinalSchedulePropertyTest, OnCallAtDoesNotDependOnTheWindowResolved) {
  Random r(20271104);
  int current = 0, gaps = 0, nexts = 0;
  for (int c = 0; c < kCases; ++c) {
    SCOPED_TRACE(absl::StrCat("case ", c));
    const World w = RandomWorld(r);
    for (const std::string& pool : Pools()) {
      const std::vector<DutySlice> wide = ResolvePool(w.in, pool, w.horizon);
      for (int k = 0; k < 20; ++k) {
        const Interval q = r.Within(w.horizon);
        if (q.empty()) continue;
        const std::vector<DutySlice> narrow = ResolvePool(w.in, pool, q);
        const OnCall a = OnCallAt(wide, q.start, q.end);
        const OnCall b = OnCallAt(narrow, q.start, q.end);
        ASSERT_EQ(Render(a.current), Render(b.current)) << Render(q);
        ASSERT_EQ(Render(a.next), Render(b.next)) << Render(q);
        ASSERT_EQ(a.gap_until, b.gap_until) << Render(q);
        // And as read straight off the narrow schedule: the first slice is current when it
        // holds the start, else the gap lasts until it begins.
        if (!narrow.empty() && narrow[0].interval.Contains(q.start)) {
          ASSERT_EQ(Render(b.current), Render(narrow[0]));
          // The stretch of the person on duty runs over the slices that follow on unbroken.
          size_t run = 1;
          while (run < narrow.size() && narrow[run].interval.start == narrow[run - 1].interval.end &&
                 narrow[run].person == narrow[0].person) {
            ++run;
          }
          ASSERT_EQ(a.handover, b.handover);
          ASSERT_EQ(b.handover, narrow[run - 1].interval.end);
          ASSERT_EQ(Render(b.next), run < narrow.size() ? Render(narrow[run]) : std::string("nobody"));
        } else if (!narrow.empty()) {
          ASSERT_FALSE(b.current.has_value());
          ASSERT_EQ(b.gap_until, narrow[0].interval.start);
          ASSERT_EQ(Render(b.next), Render(narrow[0]));
        }
        current += a.current.has_value();
        gaps += a.gap_until.has_value();
        nexts += a.next.has_value();
      }
    }
  }
  EXPECT_GT(current, 1000);
  EXPECT_GT(gaps, 100);
  EXPECT_GT(nexts, 1000);
}

}  // namespace
}  // namespace paraat::roster
