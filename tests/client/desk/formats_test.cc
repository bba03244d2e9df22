// SPDX-License-Identifier: EUPL-1.2
// Dates and numbers follow the language of the window: Dutch by default, English with
// --language en.
#include "client/desk/formats.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"

namespace paraat::desk {
namespace {

absl::Time MondaySevenDecemberAtNine() {
  return absl::FromCivil(absl::CivilSecond(2026, 12, 7, 9, 0, 0), Formats::zone());
}

TEST(FormatsTest, DatesAndHoursFollowTheLanguage) {
  const absl::Time t = MondaySevenDecemberAtNine();
  Formats::setLanguage(QStringLiteral("en"));
  EXPECT_EQ(Formats::dateTime(t), QStringLiteral("Mon 7 Dec 2026 09:00"));
  EXPECT_EQ(Formats::hours(40.5), QStringLiteral("40.5"));
  Formats::setLanguage(QStringLiteral("nl"));
  EXPECT_EQ(Formats::dateTime(t), QStringLiteral("ma 7 dec. 2026 09:00"));
  EXPECT_EQ(Formats::shortDateTime(t), QStringLiteral("ma 7 dec. 09:00"));
  EXPECT_EQ(Formats::hours(40.5), QStringLiteral("40,5"));
  EXPECT_EQ(Formats::hours(12), QStringLiteral("12"));
  EXPECT_EQ(Formats::hours(0.25), QStringLiteral("0,25"));
}

}  // namespace
}  // namespace paraat::desk
