// SPDX-License-Identifier: EUPL-1.2
// `paraat-server verify`: recomputes every crisis log's Merkle tree from the stored columns
// (never from stored hashes) and checks it against the signed checkpoints, and checks the
// audit trail's hash chain. An edited, deleted, inserted or reordered row is reported with
// the crisis and sequence number.
#ifndef PARAAT_SERVER_APP_VERIFY_H_
#define PARAAT_SERVER_APP_VERIFY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/storage/database.h"

namespace paraat::app {

struct VerifyOutcome {
  int64_t crises = 0;
  int64_t entries = 0;
  int64_t checkpoints = 0;
  int64_t audit_records = 0;
  std::vector<std::string> problems;  // empty: everything verified
};

// `verifier_key`: the C2SP key string that must have signed every checkpoint.
[[nodiscard]] absl::StatusOr<VerifyOutcome> VerifyDatabase(storage::Database& db,
                                                           const std::string& verifier_key,
                                                           const std::string& key_name);

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_VERIFY_H_
