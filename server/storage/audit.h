// SPDX-License-Identifier: EUPL-1.2
// The audit trail: one append-only, hash-chained table for the whole server. Every change is
// recorded in the same transaction as the change itself (see docs/audit.md).
#ifndef PARAAT_SERVER_STORAGE_AUDIT_H_
#define PARAAT_SERVER_STORAGE_AUDIT_H_

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/json/json.h"
#include "server/storage/database.h"

namespace paraat::storage {

struct AuditRecord {
  int64_t id = 0;
  absl::Time at;
  std::string actor;   // username, or "system"
  std::string action;  // e.g. "person.create", "login.failed"
  std::string object;  // e.g. "person/j.devries"
  std::optional<std::string> before_json;  // compact JSON, absent for creations
  std::optional<std::string> after_json;   // compact JSON, absent for removals
  std::string prev_hash;  // 32 bytes
  std::string hash;       // 32 bytes
};

// The chain hash of a record: SHA-256 over its fields in the documented encoding.
std::string AuditHash(const AuditRecord& r);

// Appends a record in `txn`. A null `before`/`after` is stored as absent.
[[nodiscard]] absl::Status AppendAudit(Txn& txn, absl::string_view actor, absl::string_view action,
                                       absl::string_view object, const json::Value& before,
                                       const json::Value& after);

struct AuditQuery {
  absl::Time since = absl::InfinitePast();
  std::string actor;       // empty: everyone
  std::string object_prefix;
  int64_t after_id = 0;    // paging
  int limit = 100;
};
[[nodiscard]] absl::StatusOr<std::vector<AuditRecord>> ListAudit(Connection& conn,
                                                                 const AuditQuery& q);

// The crisis a record's object belongs to: "crisis/N" is crisis N, "proposal/N" and
// "allocation/N" the crisis of that capacity proposal or allocation. 0 for other objects (and
// for a proposal or allocation that does not exist).
[[nodiscard]] absl::StatusOr<int64_t> CrisisOfObject(Connection& conn, absl::string_view object);

// Recomputes every record's hash from its columns and checks the chain. DATA_LOSS names the
// first record that fails. `count` receives the number of records checked.
[[nodiscard]] absl::Status VerifyAuditChain(Connection& conn, int64_t* count);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_AUDIT_H_
