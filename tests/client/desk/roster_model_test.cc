// SPDX-License-Identifier: EUPL-1.2
// The roster as a table of days: who is on duty with the handover times, and every special
// day marked in text and colour.
#include "client/desk/roster_model.h"

#include <gtest/gtest.h>

#include <QBrush>

#include "client/desk/marks.h"
#include "tests/client/desk/values.h"

namespace paraat::desk {
namespace {

using testing::At;
using testing::MakeDuty;
using testing::MakeLeave;
using testing::Person;

const roster::PersonRef kAnouk = Person("a.jansen", "Anouk Jansen");
const roster::PersonRef kBram = Person("b.vandijk", "Bram van Dijk");
const roster::PersonRef kCarla = Person("c.peters", "Carla Peters");
const roster::PersonRef kDaan = Person("d.hendriks", "Daan Hendriks");
const roster::PersonRef kEva = Person("e.willems", "Eva Willems");

QString Text(const RosterModel& m, int row, int column) {
  return m.index(row, column).data().toString();
}

class RosterModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The week of Monday 7 December 2026, seen on Thursday 10 December.
    model_.setPeriod(absl::CivilDay(2026, 12, 7), 7, At(2026, 12, 10, 14));
    client::ScheduleView s;
    s.slices = {
        MakeDuty("west", kAnouk, At(2026, 11, 30, 9), At(2026, 12, 7, 9)),
        MakeDuty("west", kCarla, At(2026, 12, 7, 9), At(2026, 12, 9, 12), roster::Source::kRoster,
                 2),
        MakeDuty("west", kBram, At(2026, 12, 9, 12), At(2026, 12, 9, 18), roster::Source::kSwap, 5,
                 true, "c.peters"),
        MakeDuty("west", kCarla, At(2026, 12, 9, 18), At(2026, 12, 11, 0), roster::Source::kRoster,
                 2),
        MakeDuty("west", kDaan, At(2026, 12, 11, 6), At(2026, 12, 11, 10),
                 roster::Source::kOverride, 3),
        MakeDuty("west", kCarla, At(2026, 12, 11, 10), At(2026, 12, 14, 9), roster::Source::kRoster,
                 2,
                 /*published=*/false),
    };
    s.gaps = {{"west", {At(2026, 12, 11, 0), At(2026, 12, 11, 6)}}};
    model_.setPersonNames({{"c.peters", "Carla Peters"}});
    model_.setSchedule(s, {MakeLeave(kEva, At(2026, 12, 12, 0), At(2026, 12, 13, 0))}, "c.peters");
  }

  RosterModel model_;
};

TEST_F(RosterModelTest, OneRowPerDayWithTheDaysInDutchAndTodayMarked) {
  ASSERT_EQ(model_.rowCount(), 7);
  ASSERT_EQ(model_.columnCount(), 3);
  EXPECT_EQ(Text(model_, 0, RosterModel::DayColumn), QStringLiteral("ma 7 dec. 2026"));
  EXPECT_EQ(Text(model_, 3, RosterModel::DayColumn), QStringLiteral("do 10 dec. 2026 (today)"));
  EXPECT_EQ(Text(model_, 6, RosterModel::DayColumn), QStringLiteral("zo 13 dec. 2026"));
  EXPECT_EQ(model_.headerData(RosterModel::OnDutyColumn, Qt::Horizontal).toString(),
            QStringLiteral("On duty"));
  EXPECT_EQ(model_.window().start, At(2026, 12, 7, 0));
  EXPECT_EQ(model_.window().end, At(2026, 12, 14, 0));
}

TEST_F(RosterModelTest, EachDaySaysWhoIsOnDutyAndWhatIsSpecial) {
  struct Case {
    int row;
    const char* onDuty;
    const char* notes;
    int marks;
  };
  const Case cases[] = {
      {0, "Anouk Jansen until 09:00 · Carla Peters from 09:00", "", RosterModel::MineMark},
      {1, "Carla Peters", "", RosterModel::MineMark},
      {2, "Carla Peters until 12:00 · Bram van Dijk (swap) 12:00–18:00 · Carla Peters from 18:00",
       "swap 5: Bram van Dijk instead of Carla Peters",
       RosterModel::SwapMark | RosterModel::MineMark},
      {4,
       "NOBODY (gap) until 06:00 · Daan Hendriks (override) 06:00–10:00 · Carla Peters from 10:00",
       "gap: nobody on duty 00:00–06:00; override 3: Daan Hendriks; draft (not published)",
       RosterModel::GapMark | RosterModel::OverrideMark | RosterModel::DraftMark |
           RosterModel::MineMark},
      {5, "Carla Peters", "leave: Eva Willems; draft (not published)",
       RosterModel::LeaveMark | RosterModel::DraftMark | RosterModel::MineMark},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row);
    EXPECT_EQ(Text(model_, c.row, RosterModel::OnDutyColumn), QString::fromUtf8(c.onDuty));
    EXPECT_EQ(Text(model_, c.row, RosterModel::NoteColumn), QString::fromUtf8(c.notes));
    EXPECT_EQ(model_.index(c.row, 0).data(RosterModel::MarksRole).toInt(), c.marks);
  }
}

TEST_F(RosterModelTest, TheColourFollowsTheMostUrgentMark) {
  auto colour = [&](int row) {
    return model_.index(row, RosterModel::NoteColumn)
        .data(Qt::BackgroundRole)
        .value<QBrush>()
        .color();
  };
  EXPECT_EQ(colour(4), Marks::gapColour());
  EXPECT_EQ(colour(2), Marks::swapColour());
  EXPECT_EQ(colour(5), Marks::leaveColour());
  EXPECT_EQ(colour(1), Marks::mineColour());
}

TEST_F(RosterModelTest, TheDaysKeepTheirDutiesAsDomainValues) {
  const RosterModel::Day& wed = model_.day(2);
  ASSERT_EQ(wed.duties.size(), 3u);
  EXPECT_EQ(wed.duties[1].slice.source, roster::Source::kSwap);
  EXPECT_EQ(wed.duties[1].person.key, "b.vandijk");
  EXPECT_EQ(model_.day(4).gaps.size(), 1u);
  EXPECT_EQ(model_.day(5).leave.size(), 1u);
}

TEST(RosterModelDst, TheSpringForwardDayHas23HoursAndTheMonthAllItsDays) {
  RosterModel m;
  m.setPeriod(absl::CivilDay(2027, 3, 1), 31, At(2027, 3, 1, 12));
  ASSERT_EQ(m.rowCount(), 31);
  const RosterModel::Day& change = m.day(27);  // Sunday 28 March 2027
  EXPECT_EQ(change.day, absl::CivilDay(2027, 3, 28));
  EXPECT_EQ(change.window.end - change.window.start, absl::Hours(23));
  EXPECT_EQ(m.day(26).window.end - m.day(26).window.start, absl::Hours(24));
  // Without a schedule every day says so.
  EXPECT_EQ(m.index(0, RosterModel::OnDutyColumn).data().toString(), QStringLiteral("no schedule"));
}

}  // namespace
}  // namespace paraat::desk
