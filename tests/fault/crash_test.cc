// SPDX-License-Identifier: EUPL-1.2
// A short run of the crash harness (tests/fault/crash_harness.h) in the normal suite: the real
// paraat-server is killed with SIGKILL five times while clients append crisis-log entries,
// add leave and rotate a pool's roster, and restarted; nothing acknowledged may be lost,
// nothing in flight half there, nothing twice, and `paraat-server verify` must pass each
// time. The seed is fixed (PARAAT_CRASH_SEED overrides it) and printed; the outcome does not
// depend on it. paraat_crash_bench runs hundreds of rounds.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "absl/strings/numbers.h"
#include "tests/fault/crash_harness.h"

namespace paraat::fault {
namespace {

TEST(Crash, AcknowledgedWritesSurviveSigkillAtRandomMoments) {
  CrashOptions o;
  o.server_bin = PARAAT_SERVER_BIN;
  o.rounds = 5;
  o.seed = 20240613;
  if (const char* s = std::getenv("PARAAT_CRASH_SEED"); s != nullptr) {
    ASSERT_TRUE(absl::SimpleAtoi(s, &o.seed)) << "PARAAT_CRASH_SEED=" << s;
  }
  o.appenders = 4;
  o.startup_kill_chance = 0.3;
  o.rounds_per_crisis = 3;  // two logs: one grows across three crashes
  o.time_limit = absl::Seconds(90);
  o.verbose = true;
  o.log = [](const std::string& line) { std::cout << line << std::endl; };
  std::cout << "crash harness seed " << o.seed << " (set PARAAT_CRASH_SEED to repeat)" << std::endl;
  absl::StatusOr<CrashReport> r = RunCrashHarness(o);
  ASSERT_TRUE(r.ok()) << r.status();
  std::cout << r->Summary();
  EXPECT_EQ(r->rounds, o.rounds) << "the time limit cut the run short";
  EXPECT_GT(r->acked_appends, 0);
  EXPECT_GT(r->acked_roster, 2);
  EXPECT_EQ(r->lost, 0);
  EXPECT_EQ(r->torn, 0);
  EXPECT_EQ(r->duplicates, 0);
  EXPECT_EQ(r->verify_failures, 0);
  EXPECT_EQ(r->client_errors, 0);
  EXPECT_TRUE(r->problems.empty()) << r->Summary();
  EXPECT_GT(r->entries_checked, 0);
}

}  // namespace
}  // namespace paraat::fault
