// SPDX-License-Identifier: EUPL-1.2
// Rosters with the real binaries: ending an override at a moment already past ends it now, and
// says so (what has been on duty is history).
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

TEST(RosterCli, AnOverrideEndedInThePastEndsNowAndSaysSo) {
  DemoEnvironment env;
  env.StartServer();
  ASSERT_EQ(env.Login("coordinator").exit_code, 0);
  absl::TimeZone amsterdam;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &amsterdam));
  const std::string until =
      absl::FormatTime("%Y-%m-%d %H:%M", absl::Now() + absl::Hours(20), amsterdam);
  ProcessResult put = env.Cli({"override", "--pool", "oost", "--person", "l.maas", "--until",
                               until, "--reason", "ziek"});
  ASSERT_EQ(put.exit_code, 0) << put.err << put.out;
  const std::string id = After(put.out, "override ");
  ASSERT_FALSE(id.empty()) << put.out;
  const std::string past =
      absl::FormatTime("%Y-%m-%d %H:%M", absl::Now() - absl::Hours(3), amsterdam);
  ProcessResult end = env.Cli({"override", "end", id, "--at", past});
  ASSERT_EQ(end.exit_code, 0) << end.err;
  EXPECT_TRUE(Contains(end.out, absl::StrCat(past.substr(11), ": what has been on duty")) &&
              Contains(end.out, "what has been on duty is history and is not rewritten"))
      << end.out;
  ProcessResult now = env.Cli({"override", "end", id});
  EXPECT_NE(now.exit_code, 0) << now.out;
  EXPECT_EQ(env.StopServer(), 0);
}

}  // namespace
}  // namespace paraat::testing
