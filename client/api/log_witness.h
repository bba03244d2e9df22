// SPDX-License-Identifier: EUPL-1.2
// The client's memory of crisis logs: per server, the checkpoint key it trusts (pinned the
// first time) and, per crisis, the last signed tree head it saw. Every sync checks that the
// new head is signed by that key and extends the old one (a consistency proof), so a
// rewritten log is noticed and shown loudly, never silently accepted.
#ifndef PARAAT_CLIENT_API_LOG_WITNESS_H_
#define PARAAT_CLIENT_API_LOG_WITNESS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "client/api/client.h"

namespace paraat::client {

struct WitnessResult {
  uint64_t tree_size = 0;
  uint64_t previous_size = 0;  // 0 the first time
  bool key_pinned_now = false;
};

class LogWitness {
 public:
  // `path` defaults to ConfigDir()/witness.json.
  explicit LogWitness(std::string path = "");

  // DATA_LOSS when the new checkpoint does not extend the one seen before or the server's key
  // changed; PERMISSION_DENIED when the signature does not verify. The stored head only
  // moves forward after a successful check.
  [[nodiscard]] absl::StatusOr<WitnessResult> Sync(Client& client, int64_t crisis_id);

 private:
  std::string path_;
};

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_LOG_WITNESS_H_
