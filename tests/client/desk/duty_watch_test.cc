// SPDX-License-Identifier: EUPL-1.2
// When the signed-in person is told about their duties: a day before each, once; and when
// their coming duties change between two polls, not when the polled window only moves on.
#include "client/desk/duty_watch.h"

#include <gtest/gtest.h>

#include "tests/client/desk/values.h"

namespace paraat::desk {
namespace {

using testing::At;
using testing::MakeDuty;
using testing::Person;
using Kind = DutyWatch::Notice::Kind;

const roster::PersonRef kHanna = Person("h.devries", "Hanna de Vries");

std::vector<Kind> Kinds(const std::vector<DutyWatch::Notice>& n) {
  std::vector<Kind> out;
  for (const auto& x : n) out.push_back(x.kind);
  return out;
}

class DutyWatchTest : public ::testing::Test {
 protected:
  const absl::Time t0_ = At(2026, 12, 5, 12);  // Saturday noon
  const absl::Duration horizon_ = absl::Hours(24 * 90);
  std::vector<client::Duty> duties_ = {
      MakeDuty("oost", kHanna, At(2026, 12, 7, 9), At(2026, 12, 14, 9), roster::Source::kRoster, 1),
      MakeDuty("oost", kHanna, At(2027, 1, 18, 9), At(2027, 1, 25, 9), roster::Source::kRoster, 2),
  };
  DutyWatch watch_;
};

TEST_F(DutyWatchTest, TheFirstPollOnlyRemembers) {
  EXPECT_TRUE(watch_.update(duties_, t0_, t0_ + horizon_).empty());
  EXPECT_TRUE(
      watch_.update(duties_, t0_ + absl::Minutes(3), t0_ + absl::Minutes(3) + horizon_).empty());
}

TEST_F(DutyWatchTest, ADayBeforeTheDutyOnce) {
  watch_.setPoolNames({{"oost", "OvD-Bz Oost"}});
  ASSERT_TRUE(watch_.update(duties_, t0_, t0_ + horizon_).empty());
  // Sunday 09:01: the duty starts in 23 h 59 min.
  const absl::Time sunday = At(2026, 12, 6, 9, 1);
  std::vector<DutyWatch::Notice> n = watch_.update(duties_, sunday, sunday + horizon_);
  ASSERT_EQ(Kinds(n), std::vector<Kind>{Kind::Reminder});
  EXPECT_EQ(n[0].title, QStringLiteral("Duty tomorrow"));
  EXPECT_EQ(n[0].text, QStringLiteral("Your duty in pool OvD-Bz Oost starts ma 7 dec. 09:00 and "
                                      "lasts until ma 14 dec. 09:00."));
  EXPECT_TRUE(watch_.update(duties_, sunday + absl::Minutes(3), sunday + horizon_).empty());
}

TEST_F(DutyWatchTest, ADutyLaterTodayIsTodaysNotTomorrows) {
  ASSERT_TRUE(watch_.update(duties_, t0_, t0_ + horizon_).empty());
  const absl::Time morning = At(2026, 12, 7, 1);  // the duty starts at 09:00 the same day
  std::vector<DutyWatch::Notice> n = watch_.update(duties_, morning, morning + horizon_);
  ASSERT_EQ(Kinds(n), std::vector<Kind>{Kind::Reminder});
  EXPECT_EQ(n[0].title, QStringLiteral("Duty today"));
}

TEST_F(DutyWatchTest, AppStartedTheEveningBeforeStillReminds) {
  const absl::Time evening = At(2026, 12, 6, 20);
  EXPECT_EQ(Kinds(watch_.update(duties_, evening, evening + horizon_)),
            std::vector<Kind>{Kind::Reminder});
}

TEST_F(DutyWatchTest, AChangedOrRemovedDutyIsReported) {
  ASSERT_TRUE(watch_.update(duties_, t0_, t0_ + horizon_).empty());
  std::vector<client::Duty> changed = duties_;
  changed.pop_back();  // swapped away
  const absl::Time t1 = t0_ + absl::Minutes(3);
  std::vector<DutyWatch::Notice> n = watch_.update(changed, t1, t1 + horizon_);
  ASSERT_EQ(Kinds(n), std::vector<Kind>{Kind::Changed});
  EXPECT_EQ(n[0].title, QStringLiteral("Your duties have changed"));
  // Only once.
  EXPECT_TRUE(watch_.update(changed, t1 + absl::Minutes(3), t1 + horizon_).empty());
  // A new swap inside a duty changes it too.
  changed.push_back(
      MakeDuty("oost", kHanna, At(2027, 2, 1, 9), At(2027, 2, 2, 9), roster::Source::kSwap, 7));
  EXPECT_EQ(Kinds(watch_.update(changed, t1 + absl::Minutes(6), t1 + horizon_)),
            std::vector<Kind>{Kind::Changed});
}

TEST_F(DutyWatchTest, NothingChangesWhenOnlyTheWindowMovesOrADutyEnds) {
  ASSERT_TRUE(watch_.update(duties_, t0_, t0_ + horizon_).empty());
  // A day later the window reaches a day further, where a new duty appears.
  const absl::Time t1 = t0_ + absl::Hours(24);
  std::vector<client::Duty> later = duties_;
  later.push_back(MakeDuty("oost", kHanna, t0_ + horizon_ + absl::Hours(2),
                           t0_ + horizon_ + absl::Hours(10), roster::Source::kRoster, 3));
  EXPECT_EQ(Kinds(watch_.update(later, t1, t1 + horizon_)), std::vector<Kind>{Kind::Reminder});
  // After the first duty ended it is no longer listed: no change either.
  const absl::Time t2 = At(2026, 12, 14, 10);
  std::vector<client::Duty> after(later.begin() + 1, later.end());
  EXPECT_TRUE(watch_.update(after, t2, t1 + horizon_).empty());
}

TEST_F(DutyWatchTest, AStretchThatContinuesMyDutyIsNoNewDuty) {
  std::vector<client::Duty> d = {
      MakeDuty("oost", kHanna, At(2026, 12, 5, 9), At(2026, 12, 6, 12), roster::Source::kRoster, 1),
      MakeDuty("oost", kHanna, At(2026, 12, 6, 12), At(2026, 12, 7, 9), roster::Source::kOverride,
               4),
  };
  EXPECT_TRUE(watch_.update(d, t0_, t0_ + horizon_).empty());
}

}  // namespace
}  // namespace paraat::desk
