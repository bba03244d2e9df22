// SPDX-License-Identifier: EUPL-1.2
// Watches the next 90 days of every pool and writes gaps and clashes to the server log when
// they appear (and when they are resolved), so nobody has to poll for them.
#ifndef PARAAT_SERVER_APP_GAP_WATCH_H_
#define PARAAT_SERVER_APP_GAP_WATCH_H_

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "server/storage/roster_store.h"

namespace paraat::app {

class GapWatch {
 public:
  explicit GapWatch(storage::RosterStore* roster) : roster_(roster) {}
  // What one check found: open problems, and how many of them are new since the last check
  // (each logged as such) and how many of the last check's are gone (logged as resolved).
  struct Found {
    int open = 0;
    int appeared = 0;
    int resolved = 0;
  };
  // Computes gaps and clashes as of `now` and logs what changed since the last check.
  absl::StatusOr<Found> Check(absl::Time now);
  absl::StatusOr<Found> Check() { return Check(absl::Now()); }
  // Gaps found by the last check, per active pool (for /metrics).
  std::map<std::string, int> GapsPerPool() const;

 private:
  storage::RosterStore* roster_;
  std::set<std::string> known_;
  mutable std::mutex mu_;
  std::map<std::string, int> gaps_per_pool_;  // guarded by mu_
  bool first_ = true;
  absl::Duration reach_ = absl::ZeroDuration();  // how far back the rest rule looks (grows)
};

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_GAP_WATCH_H_
