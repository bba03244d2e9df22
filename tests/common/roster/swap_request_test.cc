// SPDX-License-Identifier: EUPL-1.2
// A swap request made twice is one request, also for a duty that has begun (each request then
// starts when it was made).
#include <gtest/gtest.h>

#include "common/roster/rules.h"
#include "common/roster/snapshot.h"

namespace paraat::roster {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1798761600);  // 2027-01-01T00:00:00Z

Swap Asked(int64_t id, absl::Time start, const std::string& taker = "b.vandijk") {
  Swap s;
  s.id = id;
  s.pool = std::string("west");
  s.shift_id = 4;
  s.giver = std::string("a.jansen");
  s.taker = taker;
  s.interval = {start, kNow + absl::Hours(100)};
  s.status = SwapStatus::kRequested;
  return s;
}

TEST(RequireNotAskedAlready, ARequestForADutyThatHasBegunIsComparedFromNowOn) {
  RosterSnapshot s;
  s.now = kNow;
  s.swaps = {Asked(1, kNow - absl::Hours(2))};  // asked two hours ago, from then
  const absl::Status again = RequireNotAskedAlready(s, Asked(0, kNow));
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(again.message(),
            "swap 1 already asks this of b.vandijk (requested); it was not asked twice");
  // Another part, another colleague or a decided request is not the same.
  Swap shorter = Asked(0, kNow);
  shorter.interval.end -= absl::Hours(1);
  EXPECT_TRUE(RequireNotAskedAlready(s, shorter).ok());
  EXPECT_TRUE(RequireNotAskedAlready(s, Asked(0, kNow, "c.peters")).ok());
  s.swaps[0].status = SwapStatus::kDeclined;
  EXPECT_TRUE(RequireNotAskedAlready(s, Asked(0, kNow)).ok());
}

}  // namespace
}  // namespace paraat::roster
