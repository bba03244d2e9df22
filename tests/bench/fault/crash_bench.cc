// SPDX-License-Identifier: EUPL-1.2
// The crash harness (tests/fault/crash_harness.h) for hundreds of rounds: the real
// paraat-server is killed with SIGKILL at random moments while four clients append crisis-log
// entries and one adds leave and rotates a pool's roster, then restarted and checked.
// Reports rounds, acknowledged writes, lost / torn / duplicate writes and verify failures
// (all must be 0) and the mean restart time, as a table and as figures for ./scripts/bench.
// Exits 1 when anything was lost, torn, duplicated or failed to verify.
// Usage: paraat_crash_bench [--rounds N (300)] [--seed S] [--appenders N (4)] [--quick]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tests/bench/support/figures.h"
#include "tests/fault/crash_harness.h"

namespace {

int Usage() {
  std::cerr << "usage: paraat_crash_bench [--rounds N] [--seed S] [--appenders N] [--quick]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  paraat::fault::CrashOptions o;
  o.server_bin = PARAAT_SERVER_BIN;
  o.rounds = 300;
  o.time_limit = absl::Minutes(30);
  const char* quick_env = std::getenv("PARAAT_BENCH_QUICK");
  bool quick = quick_env != nullptr && std::strcmp(quick_env, "1") == 0;
  bool rounds_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](auto* out) {
      return i + 1 < argc && absl::SimpleAtoi(argv[++i], out);
    };
    if (a == "--rounds") {
      if (!value(&o.rounds) || o.rounds < 1) return Usage();
      rounds_given = true;
    } else if (a == "--seed") {
      if (!value(&o.seed)) return Usage();
    } else if (a == "--appenders") {
      if (!value(&o.appenders) || o.appenders < 1 || o.appenders > 64) return Usage();
    } else if (a == "--quick") {
      quick = true;
    } else {
      return Usage();
    }
  }
  if (quick && !rounds_given) o.rounds = 30;
  o.verbose = true;
  int printed = 0;
  o.log = [&printed](const std::string& line) {
    // Every round for short runs, every tenth for long ones.
    if (printed++ < 12 || printed % 10 == 0) std::cerr << line << std::endl;
  };
  absl::StatusOr<paraat::fault::CrashReport> r = paraat::fault::RunCrashHarness(o);
  if (!r.ok()) {
    std::cerr << "paraat_crash_bench: " << r.status() << "\n";
    return 1;
  }
  std::cout << "Crash harness: SIGKILL at random moments, restart, check (" << r->rounds
            << " rounds, seed " << r->seed << ")\n"
            << r->Summary();
  using paraat::bench::Figure;
  const std::string zero = "0";
  Figure({.area = "fault", .figure = "crash rounds (SIGKILL, restart, check)",
          .value = static_cast<double>(r->rounds), .unit = "rounds"});
  Figure({.area = "fault", .figure = "acknowledged writes across the crashes",
          .value = static_cast<double>(r->acked()), .unit = "writes"});
  Figure({.area = "fault", .figure = "writes in flight at a kill",
          .value = static_cast<double>(r->in_flight_at_kill), .unit = "writes"});
  Figure({.area = "fault", .figure = "lost acknowledged writes",
          .value = static_cast<double>(r->lost), .unit = "writes", .goal = zero,
          .met = r->lost == 0});
  Figure({.area = "fault", .figure = "torn writes (partly there)",
          .value = static_cast<double>(r->torn), .unit = "writes", .goal = zero,
          .met = r->torn == 0});
  Figure({.area = "fault", .figure = "duplicate writes",
          .value = static_cast<double>(r->duplicates), .unit = "writes", .goal = zero,
          .met = r->duplicates == 0});
  Figure({.area = "fault", .figure = "paraat-server verify failures after a crash",
          .value = static_cast<double>(r->verify_failures), .unit = "runs", .goal = zero,
          .met = r->verify_failures == 0});
  Figure({.area = "fault", .figure = "mean restart after SIGKILL (spawn to serving)",
          .value = absl::ToDoubleMilliseconds(r->mean_restart()), .unit = "ms"});
  return r->ok() ? 0 : 1;
}
