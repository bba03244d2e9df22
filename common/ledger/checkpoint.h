// SPDX-License-Identifier: EUPL-1.2
// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed statement "the log <origin> has
// <tree size> leaves with root <hash>", in the signed-note format.
#ifndef PARAAT_COMMON_LEDGER_CHECKPOINT_H_
#define PARAAT_COMMON_LEDGER_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/ledger/merkle.h"
#include "common/ledger/note.h"

namespace paraat::ledger {

struct Checkpoint {
  // Identifies the log; non-empty UTF-8 without control characters.
  std::string origin;
  uint64_t tree_size = 0;
  // RFC 6962 root of the first tree_size leaves.
  Hash root_hash{};
  // Opaque extra lines, each non-empty (the spec does not recommend them).
  std::vector<std::string> extensions;

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// The note text: "<origin>\n<tree size, decimal>\n<base64 root hash>\n" then one line per
// extension. INVALID_ARGUMENT for an empty origin or extension, or one holding a control
// character (a newline would change the meaning of the lines after it).
[[nodiscard]] absl::StatusOr<std::string> FormatCheckpoint(const Checkpoint& checkpoint);

// Parses a note text strictly: every line ends in a newline; the size is decimal without a
// sign or leading zeros and fits 64 bits; the root is the canonical base64 of 32 bytes.
// INVALID_ARGUMENT naming the line and what is wrong with it.
[[nodiscard]] absl::StatusOr<Checkpoint> ParseCheckpoint(absl::string_view text);

// FormatCheckpoint, signed by `signer` (NoteSigner::Sign).
[[nodiscard]] absl::StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                                         const NoteSigner& signer);

// Verifies a signed checkpoint against the trusted keys (OpenNote, with its error codes),
// parses its text, and checks it is for `expected_origin`: one server key signs the
// checkpoints of every crisis log, so a valid signature alone does not say which log.
// INVALID_ARGUMENT if the origin differs.
[[nodiscard]] absl::StatusOr<Checkpoint> OpenCheckpoint(absl::string_view signed_note,
                                                        absl::string_view expected_origin,
                                                        absl::Span<const NoteVerifier> trusted);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_CHECKPOINT_H_
