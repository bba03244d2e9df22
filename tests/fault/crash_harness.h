// SPDX-License-Identifier: EUPL-1.2
// The crash harness: clients write to the real `paraat-server` over gRPC on 127.0.0.1 (crisis
// log appends with idempotency keys, leave, and whole-roster rotations) while the server is
// killed with SIGKILL at random moments (while calls are in flight, and sometimes while it is
// still starting) and started again. After every crash it checks, through the API and with
// `paraat-server verify` on a copy of what the crash left:
//   - every acknowledged write is there, as acknowledged (lost writes);
//   - a write that was in flight is either wholly there or wholly absent: an entry with its
//     Merkle leaf and its audit record, leave with its audit record, a rotation's duties all
//     from one rotation and matching its audit record (torn writes);
//   - nothing is there twice, and a retried append with the same idempotency key returns the
//     original entry (duplicates);
//   - every crisis log's Merkle tree rebuilds its signed checkpoints and the audit chain holds
//     (verify failures).
// The same function runs a few rounds in the normal test suite and hundreds in
// paraat_crash_bench. Bounded in rounds and in time; every child process is killed on exit.
#ifndef PARAAT_TESTS_FAULT_CRASH_HARNESS_H_
#define PARAAT_TESTS_FAULT_CRASH_HARNESS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace paraat::fault {

struct CrashOptions {
  std::string server_bin;        // the paraat-server binary
  int rounds = 5;                // crashes (each followed by a restart and the checks)
  uint64_t seed = 0;             // 0: from the clock; the seed used is in the report
  int appenders = 4;             // concurrent AppendEntry clients
  bool roster_writer = true;     // one client adding leave and rotating a pool's roster
  // How long the clients write before the kill: uniform in [min_run, max_run].
  absl::Duration min_run = absl::Milliseconds(30);
  absl::Duration max_run = absl::Milliseconds(400);
  // Chance that a round's kill comes while the server is still starting (within 80 ms of
  // its spawn, often before it serves).
  double startup_kill_chance = 0.1;
  int rounds_per_crisis = 10;    // a new crisis log every this many rounds
  // The whole run stops after this long, whatever `rounds` says (the report says how many
  // rounds ran).
  absl::Duration time_limit = absl::Minutes(30);
  std::string work_dir;          // empty: a fresh directory under $TMPDIR, removed afterwards
  // Progress lines (one per round when `verbose`); default: nothing.
  std::function<void(const std::string&)> log;
  bool verbose = false;
};

struct CrashReport {
  uint64_t seed = 0;
  int rounds = 0;                 // crashes survived and checked
  int startup_kills = 0;          // of which while the server was starting
  int64_t acked_appends = 0;      // acknowledged AppendEntry calls (first acknowledgement)
  int64_t acked_roster = 0;       // acknowledged leave and rotation calls
  int64_t in_flight_at_kill = 0;  // writes sent but not answered when the server died
  int64_t in_flight_committed = 0;  // ... of which turned out to be committed
  int64_t lost = 0;               // acknowledged writes missing or changed afterwards
  int64_t torn = 0;               // writes partly there (entry without leaf or audit, ...)
  int64_t duplicates = 0;         // a write there twice, or a retry that made a second entry
  int64_t verify_failures = 0;    // `paraat-server verify` runs that did not pass
  int64_t client_errors = 0;      // unexpected answers while the server was up
  int64_t entries_checked = 0;    // entries compared one by one, over all checks
  absl::Duration total_restart;   // spawn to serving, summed over restarts
  int restarts = 0;
  absl::Duration elapsed;
  std::vector<std::string> problems;  // the first problems found, described

  int64_t acked() const { return acked_appends + acked_roster; }
  absl::Duration mean_restart() const {
    return restarts == 0 ? absl::ZeroDuration() : total_restart / restarts;
  }
  bool ok() const {
    return lost == 0 && torn == 0 && duplicates == 0 && verify_failures == 0 &&
           client_errors == 0 && problems.empty();
  }
  // A table of the figures, one per line.
  std::string Summary() const;
};

// Runs the harness. An error status means it could not run (no binary, the server would not
// start, an unexpected API answer during setup); what the crashes did is in the report.
[[nodiscard]] absl::StatusOr<CrashReport> RunCrashHarness(const CrashOptions& options);

}  // namespace paraat::fault

#endif  // PARAAT_TESTS_FAULT_CRASH_HARNESS_H_
