// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/checkpoint.h"

#include <limits>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::ledger {
namespace {

std::string Quoted(absl::string_view text) {
  constexpr size_t kMax = 80;
  if (text.size() <= kMax) return absl::StrCat("\"", absl::CHexEscape(text), "\"");
  return absl::StrCat("\"", absl::CHexEscape(text.substr(0, kMax)), "\"...");
}

// Checkpoint lines: non-empty, no ASCII control characters. (UTF-8 validity is checked by
// the note layer for a whole signed note; a lone line is checked here too.)
absl::Status ValidateLine(absl::string_view line, absl::string_view what) {
  if (line.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " is empty"));
  for (size_t i = 0; i < line.size(); ++i) {
    const uint8_t c = static_cast<uint8_t>(line[i]);
    if (c < 0x20 || c == 0x7F) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s %s holds the control character 0x%02x at byte %d", what, Quoted(line), c, i));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ParseTreeSize(absl::string_view line) {
  if (line.empty()) return absl::InvalidArgumentError("checkpoint line 2 (tree size) is empty");
  if (line.size() > 1 && line[0] == '0') {
    return absl::InvalidArgumentError(
        absl::StrFormat("checkpoint line 2: tree size %s has a leading zero", Quoted(line)));
  }
  uint64_t size = 0;
  for (char c : line) {
    if (c < '0' || c > '9') {
      return absl::InvalidArgumentError(
          absl::StrFormat("checkpoint line 2: tree size %s is not a decimal number", Quoted(line)));
    }
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (size > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return absl::InvalidArgumentError(
          absl::StrFormat("checkpoint line 2: tree size %s does not fit in 64 bits", Quoted(line)));
    }
    size = size * 10 + digit;
  }
  return size;
}

}  // namespace

absl::StatusOr<std::string> FormatCheckpoint(const Checkpoint& checkpoint) {
  if (absl::Status status = ValidateLine(checkpoint.origin, "checkpoint origin"); !status.ok()) {
    return status;
  }
  std::string text = absl::StrCat(checkpoint.origin, "\n", checkpoint.tree_size, "\n",
                                  HashToBase64(checkpoint.root_hash), "\n");
  for (size_t i = 0; i < checkpoint.extensions.size(); ++i) {
    if (absl::Status status = ValidateLine(checkpoint.extensions[i],
                                           absl::StrFormat("checkpoint extension %d", i + 1));
        !status.ok()) {
      return status;
    }
    absl::StrAppend(&text, checkpoint.extensions[i], "\n");
  }
  return text;
}

absl::StatusOr<Checkpoint> ParseCheckpoint(absl::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return absl::InvalidArgumentError("a checkpoint text must end with a newline");
  }
  std::vector<absl::string_view> lines;
  absl::string_view rest = text;
  while (!rest.empty()) {
    const size_t newline = rest.find('\n');
    lines.push_back(rest.substr(0, newline));
    rest.remove_prefix(newline + 1);
  }
  if (lines.size() < 3) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "a checkpoint has at least 3 lines (origin, tree size, root hash), got %d", lines.size()));
  }
  Checkpoint checkpoint;
  if (absl::Status status = ValidateLine(lines[0], "checkpoint line 1 (origin)"); !status.ok()) {
    return status;
  }
  checkpoint.origin = std::string(lines[0]);
  absl::StatusOr<uint64_t> size = ParseTreeSize(lines[1]);
  if (!size.ok()) return size.status();
  checkpoint.tree_size = *size;
  absl::StatusOr<Hash> root = HashFromBase64(lines[2]);
  if (!root.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("checkpoint line 3 (root hash): ", root.status().message()));
  }
  checkpoint.root_hash = *root;
  for (size_t i = 3; i < lines.size(); ++i) {
    if (absl::Status status =
            ValidateLine(lines[i], absl::StrFormat("checkpoint line %d (extension)", i + 1));
        !status.ok()) {
      return status;
    }
    checkpoint.extensions.emplace_back(lines[i]);
  }
  return checkpoint;
}

absl::StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer) {
  absl::StatusOr<std::string> text = FormatCheckpoint(checkpoint);
  if (!text.ok()) return text.status();
  return signer.Sign(*text);
}

absl::StatusOr<Checkpoint> OpenCheckpoint(absl::string_view signed_note,
                                          absl::string_view expected_origin,
                                          absl::Span<const NoteVerifier> trusted) {
  absl::StatusOr<std::string> text = OpenNote(signed_note, trusted);
  if (!text.ok()) return text.status();
  absl::StatusOr<Checkpoint> checkpoint = ParseCheckpoint(*text);
  if (!checkpoint.ok()) return checkpoint.status();
  if (checkpoint->origin != expected_origin) {
    return absl::InvalidArgumentError(absl::StrFormat("the checkpoint is for log %s, not for %s",
                                                      Quoted(checkpoint->origin),
                                                      Quoted(expected_origin)));
  }
  return checkpoint;
}

}  // namespace paraat::ledger
