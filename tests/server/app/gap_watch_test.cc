// SPDX-License-Identifier: EUPL-1.2
// The gap watch logs a gap once when it appears and once when it is resolved, also a gap that
// has begun already (cut at the moment of each check, it must not look new every minute).
#include "server/app/gap_watch.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "server/app/app.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using testing::TestServer;

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

// The Monday after next.
absl::CivilDay MondayAfterNext() {
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam()) + 8;
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday += 1;
  return monday;
}

// Pool oost rostered for `weeks` weeks from `from`, as an administrator does.
void RotateOost(TestServer& server, absl::CivilDay from, int weeks) {
  auto roster = v1::RosterService::NewStub(server.channel());
  v1::RotateRosterRequest req;
  req.set_pool("oost");
  req.set_from_date(absl::FormatCivilTime(from));
  req.set_weeks(weeks);
  for (const char* p : {"g.smits", "h.devries", "i.verhoeven", "j.kuijpers", "k.vandenberg", "l.maas"}) {
    req.add_order(p);
  }
  v1::RotateRosterResponse resp;
  auto ctx = TestServer::Context(server.LoginAs("administrator"));
  const grpc::Status s = roster->RotateRoster(ctx.get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
}

TEST(GapWatch, AGapThatHasBegunIsReportedOnceNotEveryMinute) {
  std::unique_ptr<TestServer> server = TestServer::StartDemo();
  // Pool oost has no one on duty now; a roster from the Monday after next closes the gap there.
  const absl::TimeZone amsterdam = Amsterdam();
  const absl::CivilDay monday = MondayAfterNext();
  RotateOost(*server, monday, 20);

  app::GapWatch watch(server->app()->roster_store());
  const absl::Time now = absl::Now();
  absl::StatusOr<app::GapWatch::Found> first = watch.Check(now);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_GT(first->open, 0);
  EXPECT_EQ(first->appeared, first->open);
  for (int minute = 1; minute <= 3; ++minute) {
    absl::StatusOr<app::GapWatch::Found> later = watch.Check(now + absl::Minutes(minute));
    ASSERT_TRUE(later.ok()) << later.status();
    EXPECT_EQ(later->appeared, 0) << "minute " << minute;
    EXPECT_EQ(later->resolved, 0) << "minute " << minute;
    EXPECT_EQ(later->open, first->open);
  }
  // Once the roster has begun, oost's gap is over: resolved, once.
  absl::StatusOr<app::GapWatch::Found> after =
      watch.Check(absl::FromCivil(absl::CivilSecond(monday.year(), monday.month(), monday.day(), 12, 0, 0),
                                  amsterdam));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_GE(after->resolved, 1);
}

// A gap that lies ahead is the same gap when it begins: not new again, nor resolved.
TEST(GapWatch, AGapThatBeginsBetweenTwoChecksIsTheSameGap) {
  std::unique_ptr<TestServer> server = TestServer::StartDemo();
  const absl::TimeZone amsterdam = Amsterdam();
  const absl::CivilDay monday = MondayAfterNext();
  // A week on duty, a week's hole, then twenty weeks.
  RotateOost(*server, monday, 1);
  RotateOost(*server, monday + 14, 20);
  const absl::CivilDay hole = monday + 7;
  const absl::Time begins =
      absl::FromCivil(absl::CivilSecond(hole.year(), hole.month(), hole.day(), 9, 0, 0), amsterdam);
  app::GapWatch watch(server->app()->roster_store());
  absl::StatusOr<app::GapWatch::Found> first = watch.Check(begins - absl::Seconds(150));
  ASSERT_TRUE(first.ok()) << first.status();
  for (int minute = 1; minute <= 4; ++minute) {
    absl::StatusOr<app::GapWatch::Found> later =
        watch.Check(begins - absl::Seconds(150) + absl::Minutes(minute));
    ASSERT_TRUE(later.ok()) << later.status();
    EXPECT_EQ(later->appeared, 0) << "minute " << minute;
    EXPECT_EQ(later->resolved, 0) << "minute " << minute;
  }
}

}  // namespace
}  // namespace paraat
