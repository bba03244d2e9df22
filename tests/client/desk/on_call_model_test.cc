// SPDX-License-Identifier: EUPL-1.2
// Who is on duty now: one row per pool, a gap said in words and shown in colour.
#include "client/desk/on_call_model.h"

#include <gtest/gtest.h>

#include <QBrush>
#include <QSignalSpy>

#include "client/desk/marks.h"
#include "tests/client/desk/values.h"

namespace paraat::desk {
namespace {

using testing::At;
using testing::MakeDuty;
using testing::Person;

client::OnCall TwoPools() {
  client::OnCall oc;
  oc.at = At(2026, 12, 3, 14);
  client::PoolOnCall oost;
  oost.pool = "oost";
  oost.pool_name = "OvD-Bz Oost";
  oost.current = MakeDuty("oost", Person("g.smits", "Gert Smits", "+31 6 1000 0201"),
                          At(2026, 11, 30, 9), At(2026, 12, 7, 9));
  oost.next = MakeDuty("oost", Person("i.verhoeven", "Iris Verhoeven"), At(2026, 12, 7, 9),
                       At(2026, 12, 14, 9));
  oost.arrival_norm_minutes = 30;
  client::PoolOnCall west;
  west.pool = "west";
  west.pool_name = "OvD-Bz West";
  west.gap_until = At(2026, 12, 8, 9);
  west.next =
      MakeDuty("west", Person("c.peters", "Carla Peters"), At(2026, 12, 8, 9), At(2026, 12, 14, 9));
  oc.pools = {oost, west};
  return oc;
}

QString Text(const OnCallModel& m, int row, int column) {
  return m.index(row, column).data().toString();
}

TEST(OnCallModel, ShowsNamePhoneUntilAndNextPerPool) {
  OnCallModel m;
  QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
  m.setOnCall(TwoPools());
  EXPECT_EQ(reset.count(), 1);
  ASSERT_EQ(m.rowCount(), 2);
  ASSERT_EQ(m.columnCount(), OnCallModel::ColumnCount);
  EXPECT_EQ(Text(m, 0, OnCallModel::PoolColumn), QStringLiteral("OvD-Bz Oost"));
  EXPECT_EQ(Text(m, 0, OnCallModel::OnDutyColumn), QStringLiteral("Gert Smits"));
  EXPECT_EQ(Text(m, 0, OnCallModel::PhoneColumn), QStringLiteral("+31 6 1000 0201"));
  EXPECT_EQ(Text(m, 0, OnCallModel::UntilColumn), QStringLiteral("ma 7 dec. 09:00"));
  EXPECT_EQ(Text(m, 0, OnCallModel::NextColumn),
            QStringLiteral("Iris Verhoeven from ma 7 dec. 09:00"));
  EXPECT_FALSE(m.index(0, 0).data(OnCallModel::GapRole).toBool());
  EXPECT_FALSE(m.index(0, 0).data(Qt::BackgroundRole).isValid());
  EXPECT_EQ(m.index(0, OnCallModel::PoolColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("OvD-Bz Oost: arrival norm 30 minutes"));
  EXPECT_EQ(m.headerData(OnCallModel::PhoneColumn, Qt::Horizontal).toString(),
            QStringLiteral("Phone"));
}

TEST(OnCallModel, AGapIsSaidInWordsAndMarkedInColour) {
  OnCallModel m;
  m.setOnCall(TwoPools());
  EXPECT_EQ(Text(m, 1, OnCallModel::OnDutyColumn), QStringLiteral("NOBODY ON DUTY (gap)"));
  EXPECT_EQ(Text(m, 1, OnCallModel::PhoneColumn), QString());
  EXPECT_EQ(Text(m, 1, OnCallModel::UntilColumn), QStringLiteral("gap until di 8 dec. 09:00"));
  EXPECT_TRUE(m.index(1, 0).data(OnCallModel::GapRole).toBool());
  EXPECT_EQ(m.index(1, 0).data(Qt::BackgroundRole).value<QBrush>().color(), Marks::gapColour());
}

TEST(OnCallModel, ASwapOrOverrideIsNamedNextToThePerson) {
  client::OnCall oc = TwoPools();
  oc.pools[0].current->slice.source = roster::Source::kSwap;
  OnCallModel m;
  m.setOnCall(oc);
  EXPECT_EQ(Text(m, 0, OnCallModel::OnDutyColumn), QStringLiteral("Gert Smits (swap)"));
  oc.pools[0].current->slice.source = roster::Source::kOverride;
  m.setOnCall(oc);
  EXPECT_EQ(Text(m, 0, OnCallModel::OnDutyColumn), QStringLiteral("Gert Smits (override)"));
}

// An override across a handover: the person hands over at its end, not at the slice's.
TEST(OnCallModel, UntilIsTheHandoverOfTheWholeStretch) {
  client::OnCall oc = TwoPools();
  oc.pools[0].handover = At(2026, 12, 9, 18);
  OnCallModel m;
  m.setOnCall(oc);
  EXPECT_EQ(Text(m, 0, OnCallModel::UntilColumn), QStringLiteral("wo 9 dec. 18:00"));
}

// Rostered but on leave (sick since this morning): said, and marked like a gap, since nobody
// can be called there.
TEST(OnCallModel, APersonOnDutyWhoIsOnLeaveIsSaidToBe) {
  client::OnCall oc = TwoPools();
  oc.pools[0].current_on_leave = roster::Interval{At(2026, 12, 3, 8), At(2026, 12, 5, 0)};
  OnCallModel m;
  m.setOnCall(oc);
  EXPECT_EQ(Text(m, 0, OnCallModel::OnDutyColumn),
            QStringLiteral("Gert Smits – ON LEAVE until za 5 dec. 00:00"));
  EXPECT_EQ(m.index(0, 0).data(Qt::BackgroundRole).value<QBrush>().color(), Marks::gapColour());
  EXPECT_FALSE(m.index(0, 0).data(OnCallModel::GapRole).toBool());  // not a gap: a clash
}

// Removed from the pool but still rostered: said, and marked like a gap.
TEST(OnCallModel, APersonOnDutyWhoMayNoLongerServeIsSaidToBe) {
  client::OnCall oc = TwoPools();
  oc.pools[0].current_ineligible = "not_member";
  OnCallModel m;
  m.setOnCall(oc);
  EXPECT_EQ(Text(m, 0, OnCallModel::OnDutyColumn),
            QStringLiteral("Gert Smits – MAY NOT SERVE (is no longer a member of the pool)"));
  EXPECT_EQ(m.index(0, 0).data(Qt::BackgroundRole).value<QBrush>().color(), Marks::gapColour());
}

}  // namespace
}  // namespace paraat::desk
