// SPDX-License-Identifier: EUPL-1.2
// C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys: verifier key strings, key IDs,
// signing a text and opening a signed note against trusted keys.
#ifndef PARAAT_COMMON_LEDGER_NOTE_H_
#define PARAAT_COMMON_LEDGER_NOTE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/ledger/ed25519.h"

namespace paraat::ledger {

// Signature type byte of Ed25519 in key IDs and verifier keys.
inline constexpr uint8_t kNoteEd25519Type = 0x01;

// A note longer than this many signatures is rejected as malformed (the spec asks for at
// least 16).
inline constexpr size_t kMaxNoteSignatures = 100;

// OK if `name` can name a note key: non-empty UTF-8 without Unicode spaces or '+'.
// INVALID_ARGUMENT saying which rule it breaks.
[[nodiscard]] absl::Status ValidateKeyName(absl::string_view name);

// The key ID: the first four bytes, big-endian, of
// SHA-256(name || 0x0A || 0x01 || 32-byte Ed25519 public key).
uint32_t NoteKeyId(absl::string_view name, const Ed25519PublicKey& public_key);

// A trusted Ed25519 note key: name, key ID and public key. A value type.
class NoteVerifier {
 public:
  // INVALID_ARGUMENT if `name` is not a valid key name.
  [[nodiscard]] static absl::StatusOr<NoteVerifier> Create(absl::string_view name,
                                                           const Ed25519PublicKey& public_key);

  // Parses "<name>+<8 hex digits key ID>+<base64(0x01 || 32-byte public key)>".
  // INVALID_ARGUMENT naming the part that is wrong, including a key ID that does not match
  // the name and key, or a signature type other than Ed25519.
  [[nodiscard]] static absl::StatusOr<NoteVerifier> FromKeyString(absl::string_view key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const Ed25519PublicKey& public_key() const { return public_key_; }

  // "<name>+<key ID, 8 lowercase hex digits>+<base64(0x01 || public key)>".
  std::string KeyString() const;

  // "<name>+<key ID>", how errors name a key.
  std::string Label() const;

 private:
  NoteVerifier(std::string name, uint32_t key_id, const Ed25519PublicKey& public_key)
      : name_(std::move(name)), key_id_(key_id), public_key_(public_key) {}

  std::string name_;
  uint32_t key_id_;
  Ed25519PublicKey public_key_;
};

// A named Ed25519 private key that signs notes. Move-only; Sign is thread-safe.
class NoteSigner {
 public:
  // INVALID_ARGUMENT if `name` is not a valid key name.
  [[nodiscard]] static absl::StatusOr<NoteSigner> Create(absl::string_view name,
                                                         Ed25519PrivateKey key);

  const std::string& name() const { return verifier_.name(); }
  uint32_t key_id() const { return verifier_.key_id(); }
  const NoteVerifier& verifier() const { return verifier_; }
  const Ed25519PrivateKey& private_key() const { return key_; }

  // The signed note: `text`, a blank line, and "— <name> <base64(key ID || signature)>\n".
  // INVALID_ARGUMENT if `text` is empty, does not end in a newline, is not UTF-8 or holds
  // control characters other than newline.
  [[nodiscard]] absl::StatusOr<std::string> Sign(absl::string_view text) const;

 private:
  NoteSigner(NoteVerifier verifier, Ed25519PrivateKey key)
      : verifier_(std::move(verifier)), key_(std::move(key)) {}

  NoteVerifier verifier_;
  Ed25519PrivateKey key_;
};

// One signature line of a note, not yet verified.
struct NoteSignature {
  std::string key_name;
  uint32_t key_id = 0;
  std::string signature;  // the raw bytes after the key ID

  friend bool operator==(const NoteSignature&, const NoteSignature&) = default;
};

// A parsed, unverified note. Its text must not be trusted before OpenNote.
struct Note {
  std::string text;  // ends with a newline; excludes the blank line before the signatures
  std::vector<NoteSignature> signatures;
};

// Splits a signed note into text and signature lines, checking the syntax only.
// INVALID_ARGUMENT ("malformed note: ...") naming the rule and, for a signature line, which.
[[nodiscard]] absl::StatusOr<Note> ParseNote(absl::string_view signed_note);

// Parses the note and verifies it against the trusted keys, as c2sp.org/signed-note says:
// signatures by other keys (name and key ID not both matching) are ignored; every signature
// by a trusted key must verify; at least one must be present. Returns the note text.
//   INVALID_ARGUMENT  malformed note, or two trusted keys with the same name and key ID;
//   NOT_FOUND         no signature by any trusted key (the message lists the keys found);
//   DATA_LOSS         a trusted key's signature does not verify: text or signature altered.
[[nodiscard]] absl::StatusOr<std::string> OpenNote(absl::string_view signed_note,
                                                   absl::Span<const NoteVerifier> trusted);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_NOTE_H_
