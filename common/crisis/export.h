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
  // The crisis object as the file has it (ParseExport), so VerifyExport can hold its fixed
  // fields against the signed opening entry. WriteExport writes `crisis` instead.
  json::Value header;
};

// The entry as JSON with every field of the leaf encoding (times in microseconds too), and
// back. EntryFromJson is strict, so that everything a file shows of an entry is covered by
// its leaf: INVALID_ARGUMENT names the entry and the field for a missing field, a field of
// the wrong type, a field the format does not have, a readable time ("entered",
// "event_time", "action_deadline") that is not its microseconds value, or a municipality
// with a ',' (the leaf encoding's separator).
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
  // The crisis title from the signed opening entry (entry 1); empty when the file does not
  // have it (a filtered export), and then the header's title is not covered by the signature.
  std::string title;
};

// Verifies offline: the checkpoint is signed by `trusted_key` (or the key in the file when
// empty; the report says so), its origin names this crisis, the leaf hashes rebuild its root,
// every entry in the file hashes to its leaf, and when the file has the opening entry, the
// crisis header's title, type, municipalities, opening time and opener are the ones it
// signed; in an export of the whole log, the header's size, GRIP level and status are what
// the signed entries say (crisis::StateOfLog; a filtered export's are the server's view and
// not checked). DATA_LOSS names the first entry or header field that fails;
// PERMISSION_DENIED when the signature does not verify.
[[nodiscard]] absl::StatusOr<VerifyReport> VerifyExport(const ExportBundle& b,
                                                        absl::string_view trusted_key);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_EXPORT_H_
