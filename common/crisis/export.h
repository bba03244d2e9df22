// SPDX-License-Identifier: EUPL-1.2
// The self-contained export of a crisis log and its offline verification: the entries (all,
// or those matching a filter), the leaf hash of every entry, the signed checkpoint and the
// public key. Anyone can check it with this code or from docs/ledger.md alone.
#ifndef PARAAT_COMMON_CRISIS_EXPORT_H_
#define PARAAT_COMMON_CRISIS_EXPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crisis/crisis.h"
#include "common/json/json.h"
#include "common/ledger/merkle.h"

namespace paraat::crisis {

inline constexpr absl::string_view kExportFormat = "paraat-crisis-export-v1";

struct ExportBundle {
  Crisis crisis;
  std::vector<Entry> entries;             // sorted by seq; all, or the filtered ones
  std::vector<ledger::Hash> leaf_hashes;  // every entry's, index = seq - 1, tree_size of them
  uint64_t tree_size = 0;
  std::string checkpoint;                 // C2SP signed note
  std::string public_key;                 // C2SP verifier key string
  std::string filter;                     // "" for the whole log
};

// The entry as JSON with every field of the leaf encoding (times in microseconds too), and
// back. EntryFromJson is strict: INVALID_ARGUMENT names the field.
json::Value EntryToExportJson(const Entry& e);
[[nodiscard]] absl::StatusOr<Entry> EntryFromJson(const json::Value& v);

std::string WriteExport(const ExportBundle& b);
// INVALID_ARGUMENT with the reason for a file that is not a Paraat export.
[[nodiscard]] absl::StatusOr<ExportBundle> ParseExport(absl::string_view text);

struct VerifyReport {
  uint64_t tree_size = 0;
  size_t entries_checked = 0;
  std::string origin;
  std::string key_name;
};

// Verifies offline: the checkpoint is signed by `trusted_key` (or the key in the file when
// empty; the report says so), its origin names this crisis, the leaf hashes rebuild its root,
// and every entry in the file hashes to its leaf. DATA_LOSS names the first entry that fails;
// PERMISSION_DENIED when the signature does not verify.
[[nodiscard]] absl::StatusOr<VerifyReport> VerifyExport(const ExportBundle& b,
                                                        absl::string_view trusted_key);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_EXPORT_H_
