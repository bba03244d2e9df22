// SPDX-License-Identifier: EUPL-1.2
#include "common/ical/observance.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ical {

// For readable failures; found by argument-dependent lookup.
void PrintTo(const Observance& o, std::ostream* os) {
  *os << (o.daylight ? "DAYLIGHT " : "STANDARD ") << o.onset << " " << o.offset_from_seconds
      << "s->" << o.offset_to_seconds << "s " << o.name;
}

namespace {

using ::testing::ElementsAre;

constexpr int kHour = 3600;

absl::TimeZone Zone(const std::string& name) {
  absl::TimeZone zone;
  // LoadTimeZone falls back to UTC: a missing tzdata must fail the test, not pass it quietly.
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << "tzdata has no " << name;
  return zone;
}

absl::Time Utc(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

Observance Make(bool daylight, absl::CivilSecond onset, int from, int to, std::string name) {
  return Observance{daylight, onset, from, to, std::move(name)};
}

const Observance kCet2026 =
    Make(false, absl::CivilSecond(2026, 10, 25, 3, 0, 0), 2 * kHour, 1 * kHour, "CET");
const Observance kCest2027 =
    Make(true, absl::CivilSecond(2027, 3, 28, 2, 0, 0), 1 * kHour, 2 * kHour, "CEST");
const Observance kCet2027 =
    Make(false, absl::CivilSecond(2027, 10, 31, 3, 0, 0), 2 * kHour, 1 * kHour, "CET");

TEST(ObservancesCoveringTest, AmsterdamDutyYear2027) {
  // 2027-03-22 09:00 CET to 2027-11-01 09:00 CET.
  EXPECT_THAT(
      ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 3, 22, 8), Utc(2027, 11, 1, 8)),
      ElementsAre(kCet2026, kCest2027, kCet2027));
}

TEST(ObservancesCoveringTest, WinterOnlyNeedsOneObservance) {
  EXPECT_THAT(
      ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 1, 4, 8), Utc(2027, 1, 11, 8)),
      ElementsAre(kCet2026));
}

TEST(ObservancesCoveringTest, SummerOnlyAlsoGetsTheStandardObservanceBeforeIt) {
  EXPECT_THAT(
      ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 6, 7, 7), Utc(2027, 6, 14, 7)),
      ElementsAre(kCet2026, kCest2027));
}

TEST(ObservancesCoveringTest, SpanEdgesOnTransitionsIncludeThem) {
  // From exactly the spring change (01:00 UTC) to exactly the autumn change (01:00 UTC).
  // The autumn change is a STANDARD observance, so winter 2026 is not needed.
  EXPECT_THAT(
      ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 3, 28, 1), Utc(2027, 10, 31, 1)),
      ElementsAre(kCest2027, kCet2027));
  // A fraction of a second into the summer changes nothing.
  EXPECT_THAT(
      ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 3, 28, 1) + absl::Milliseconds(500),
                          Utc(2027, 10, 31, 1)),
      ElementsAre(kCest2027, kCet2027));
  // One second before the spring change, the winter observance alone is in effect at `from`.
  EXPECT_THAT(ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 3, 28, 1) - absl::Seconds(1),
                                  Utc(2027, 3, 28, 1)),
              ElementsAre(kCet2026, kCest2027));
  // Up to one second before the autumn change: it is not needed.
  EXPECT_THAT(ObservancesCovering(Zone("Europe/Amsterdam"), Utc(2027, 7, 1, 0),
                                  Utc(2027, 10, 31, 1) - absl::Seconds(1)),
              ElementsAre(kCet2026, kCest2027));
}

TEST(ObservancesCoveringTest, HistoricalOffsetsKeepTheirSeconds) {
  // Amsterdam Mean Time was +00:19:32 until 1 July 1937, when it became +00:20.
  const int amt = 19 * 60 + 32;
  const int nst = kHour + amt;
  EXPECT_THAT(
      ObservancesCovering(Zone("Europe/Amsterdam"), Utc(1937, 6, 30, 12), Utc(1937, 7, 2, 12)),
      ElementsAre(
          Make(false, absl::CivilSecond(1936, 10, 4, 3, 0, 0), nst, amt, "AMT"),
          Make(true, absl::CivilSecond(1937, 5, 22, 2, 0, 0), amt, nst, "NST"),
          Make(true, absl::CivilSecond(1937, 7, 1, 0, 0, 0), nst, kHour + 20 * 60, "+0120")));
}

TEST(ObservancesCoveringTest, ZoneWithoutTransitionsGetsOneFixedObservance) {
  EXPECT_THAT(ObservancesCovering(Zone("Etc/GMT-2"), Utc(2027, 3, 22, 7), Utc(2027, 3, 29, 7)),
              ElementsAre(Make(false, absl::CivilSecond(2027, 1, 1, 0, 0, 0), 2 * kHour, 2 * kHour,
                               "+02")));
}

TEST(ObservancesCoveringTest, SouthernHemisphereDaylightAcrossNewYear) {
  // Sydney: daylight time from the first Sunday of October to the first Sunday of April.
  EXPECT_THAT(
      ObservancesCovering(Zone("Australia/Sydney"), Utc(2027, 1, 4, 0), Utc(2027, 1, 11, 0)),
      ElementsAre(
          Make(false, absl::CivilSecond(2026, 4, 5, 3, 0, 0), 11 * kHour, 10 * kHour, "AEST"),
          Make(true, absl::CivilSecond(2026, 10, 4, 2, 0, 0), 10 * kHour, 11 * kHour, "AEDT")));
}

}  // namespace
}  // namespace paraat::ical
