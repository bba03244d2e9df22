// SPDX-License-Identifier: EUPL-1.2
// The swaps table: who gives, who takes, when, the status in words, and the swaps waiting
// for the signed-in person stand out.
#include "client/desk/swap_model.h"

#include <gtest/gtest.h>

#include <QBrush>
#include <QFont>

#include "client/desk/marks.h"

#include "tests/client/desk/values.h"

namespace paraat::desk {
namespace {

using testing::At;
using testing::Person;

client::SwapView Swap(int64_t id, roster::SwapStatus status, const std::string& taker) {
  client::SwapView s;
  s.swap.id = id;
  s.swap.pool = "oost";
  s.swap.status = status;
  s.swap.interval = {At(2026, 12, 14, 9), At(2026, 12, 21, 9)};
  s.giver = Person("h.devries", "Hanna de Vries");
  s.taker = Person(taker, taker == "g.smits" ? "Gert Smits" : "Hanna de Vries");
  return s;
}

TEST(SwapModel, ShowsEachSwapAndWhatItWaitsFor) {
  SwapModel m;
  m.setPoolNames({{"oost", "OvD-Bz Oost"}});
  client::SwapView back = Swap(3, roster::SwapStatus::kRequested, "h.devries");
  back.giver = Person("g.smits", "Gert Smits");
  back.swap.reason = "family";
  m.setSwaps({Swap(2, roster::SwapStatus::kAccepted, "g.smits"), back}, "h.devries");
  ASSERT_EQ(m.rowCount(), 2);
  auto text = [&](int r, int c) { return m.index(r, c).data().toString(); };
  EXPECT_EQ(text(0, SwapModel::IdColumn), QStringLiteral("2"));
  EXPECT_EQ(text(0, SwapModel::PoolColumn), QStringLiteral("OvD-Bz Oost"));
  EXPECT_EQ(text(0, SwapModel::GiverColumn), QStringLiteral("Hanna de Vries"));
  EXPECT_EQ(text(0, SwapModel::TakerColumn), QStringLiteral("Gert Smits"));
  EXPECT_EQ(text(0, SwapModel::PeriodColumn),
            QStringLiteral("ma 14 dec. 09:00 – ma 21 dec. 09:00"));
  EXPECT_EQ(text(0, SwapModel::StatusColumn),
            QStringLiteral("accepted – waits for an administrator"));
  EXPECT_FALSE(m.index(0, 0).data(Qt::FontRole).isValid());
  // Asked of me: said and shown in bold.
  EXPECT_EQ(text(1, SwapModel::StatusColumn), QStringLiteral("requested – waits for your answer"));
  EXPECT_TRUE(m.index(1, 0).data(Qt::FontRole).value<QFont>().bold());
  EXPECT_EQ(m.index(1, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("Reason: family"));
}

// A request that something else made impossible says so in its status, and why in its tip.
TEST(SwapModel, AnOpenSwapThatCannotBeCarriedOutSaysWhy) {
  SwapModel m;
  client::SwapView stale = Swap(4, roster::SwapStatus::kRequested, "g.smits");
  stale.swap.reason = "family";
  stale.obstacle = "h.devries is not on duty in pool 'oost' for all of it";
  m.setSwaps({stale}, "g.smits");
  EXPECT_EQ(m.index(0, SwapModel::StatusColumn).data().toString(),
            QStringLiteral("requested – cannot be carried out now"));
  // Not to be answered as if it could: not bold, and marked like a clash.
  EXPECT_FALSE(m.index(0, 0).data(Qt::FontRole).isValid());
  EXPECT_EQ(m.index(0, 0).data(Qt::BackgroundRole).value<QBrush>().color(), Marks::clashColour());
  EXPECT_EQ(m.index(0, SwapModel::StatusColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("Cannot be carried out now: h.devries is not on duty in pool 'oost' "
                           "for all of it\nReason: family"));
}

}  // namespace
}  // namespace paraat::desk
