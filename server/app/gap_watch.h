// SPDX-License-Identifier: EUPL-1.2
// Watches the next 90 days of every pool and writes gaps and clashes to the server log when
// they appear (and when they are resolved), so nobody has to poll for them.
#ifndef PARAAT_SERVER_APP_GAP_WATCH_H_
#define PARAAT_SERVER_APP_GAP_WATCH_H_

#include <set>
#include <string>

#include "absl/status/status.h"
#include "server/storage/roster_store.h"

namespace paraat::app {

class GapWatch {
 public:
  explicit GapWatch(storage::RosterStore* roster) : roster_(roster) {}
  // Computes gaps and clashes now and logs what changed since the last check. Returns the
  // number of open problems.
  absl::StatusOr<int> Check();

 private:
  storage::RosterStore* roster_;
  std::set<std::string> known_;
  bool first_ = true;
};

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_GAP_WATCH_H_
