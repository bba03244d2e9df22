// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/note.h"

#include <cstring>
#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/ledger/sha256.h"

namespace paraat::ledger {
namespace {

// "— ": U+2014 EM DASH, then a space.
constexpr absl::string_view kSignaturePrefix = "\xE2\x80\x94 ";

// Decodes the UTF-8 sequence at s[*pos], advancing *pos; -1 (and *pos unchanged) if the
// bytes there are not well-formed UTF-8 (overlong forms, surrogates and values above
// U+10FFFF are not).
int32_t DecodeUtf8(absl::string_view s, size_t* pos) {
  const size_t i = *pos;
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  int length;
  int32_t cp;
  int32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (i + length > s.size()) return -1;
  for (int k = 1; k < length; ++k) {
    const uint8_t b = byte(i + k);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *pos = i + length;
  return cp;
}

// Go's unicode.IsSpace, which the reference implementation (golang.org/x/mod/sumdb/note)
// applies to key names.
bool IsUnicodeSpace(int32_t cp) {
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// OK if `text` is UTF-8 without ASCII control characters other than newline.
absl::Status ValidateNoteCharacters(absl::string_view text, absl::string_view what) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t at = pos;
    const int32_t cp = DecodeUtf8(text, &pos);
    if (cp < 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("%s is not valid UTF-8 at byte %d", what, at));
    }
    if (cp < 0x20 && cp != '\n') {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s holds the control character 0x%02x at byte %d; only newline is allowed", what, cp,
          at));
    }
  }
  return absl::OkStatus();
}

std::string KeyLabel(absl::string_view name, uint32_t key_id) {
  return absl::StrFormat("%s+%08x", name, key_id);
}

std::string Quoted(absl::string_view text) {
  constexpr size_t kMax = 80;
  if (text.size() <= kMax) return absl::StrCat("\"", absl::CHexEscape(text), "\"");
  return absl::StrCat("\"", absl::CHexEscape(text.substr(0, kMax)), "\"...");
}

absl::Status Malformed(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("malformed note: ", why));
}

// Decodes canonical standard base64 (with padding); false for anything else.
bool DecodeCanonicalBase64(absl::string_view base64, std::string* bytes) {
  return absl::Base64Unescape(base64, bytes) && absl::Base64Escape(*bytes) == base64;
}

uint32_t ReadBigEndian32(absl::string_view bytes) {
  return (uint32_t{static_cast<uint8_t>(bytes[0])} << 24) |
         (uint32_t{static_cast<uint8_t>(bytes[1])} << 16) |
         (uint32_t{static_cast<uint8_t>(bytes[2])} << 8) | uint32_t{static_cast<uint8_t>(bytes[3])};
}

std::string BigEndian32(uint32_t value) {
  return std::string{static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                     static_cast<char>(value >> 8), static_cast<char>(value)};
}

std::string PublicKeyBytes(const Ed25519PublicKey& public_key) {
  return std::string(reinterpret_cast<const char*>(public_key.data()), public_key.size());
}

}  // namespace

absl::Status ValidateKeyName(absl::string_view name) {
  if (name.empty()) return absl::InvalidArgumentError("a note key name must not be empty");
  size_t pos = 0;
  while (pos < name.size()) {
    const size_t at = pos;
    const int32_t cp = DecodeUtf8(name, &pos);
    if (cp < 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("note key name %s is not valid UTF-8 at byte %d", Quoted(name), at));
    }
    if (IsUnicodeSpace(cp)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "note key name %s contains a space (U+%04X) at byte %d", Quoted(name), cp, at));
    }
    if (cp == '+') {
      return absl::InvalidArgumentError(
          absl::StrFormat("note key name %s contains '+' at byte %d", Quoted(name), at));
    }
  }
  return absl::OkStatus();
}

uint32_t NoteKeyId(absl::string_view name, const Ed25519PublicKey& public_key) {
  constexpr uint8_t kSeparator[2] = {'\n', kNoteEd25519Type};
  const Sha256Digest digest = Sha256({AsBytes(name), kSeparator, public_key});
  return ReadBigEndian32(
      absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

absl::StatusOr<NoteVerifier> NoteVerifier::Create(absl::string_view name,
                                                  const Ed25519PublicKey& public_key) {
  if (absl::Status status = ValidateKeyName(name); !status.ok()) return status;
  return NoteVerifier(std::string(name), NoteKeyId(name, public_key), public_key);
}

absl::StatusOr<NoteVerifier> NoteVerifier::FromKeyString(absl::string_view key) {
  // The name has no '+', the key ID is hex; base64 may contain '+', so split twice only.
  const size_t first = key.find('+');
  const size_t second = first == key.npos ? key.npos : key.find('+', first + 1);
  if (second == key.npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "verifier key %s is not of the form <name>+<key ID>+<base64 key>", Quoted(key)));
  }
  const absl::string_view name = key.substr(0, first);
  const absl::string_view id_hex = key.substr(first + 1, second - first - 1);
  const absl::string_view key_base64 = key.substr(second + 1);
  if (absl::Status status = ValidateKeyName(name); !status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("verifier key ", Quoted(key), ": ", status.message()));
  }
  uint32_t key_id = 0;
  bool id_ok = id_hex.size() == 8;
  for (char c : id_hex) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) id_ok = false;
    key_id = (key_id << 4) | static_cast<uint32_t>(digit & 0xF);
  }
  if (!id_ok) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "verifier key %s: the key ID %s is not 8 hexadecimal digits", Quoted(key), Quoted(id_hex)));
  }
  std::string key_bytes;
  if (!DecodeCanonicalBase64(key_base64, &key_bytes)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "verifier key %s: the public key is not canonical standard base64", Quoted(key)));
  }
  if (key_bytes.empty() || static_cast<uint8_t>(key_bytes[0]) != kNoteEd25519Type) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "verifier key %s: signature type %s is not Ed25519 (0x01), the only type Paraat "
        "verifies",
        Quoted(key),
        key_bytes.empty() ? std::string("(missing)")
                          : absl::StrFormat("0x%02x", static_cast<uint8_t>(key_bytes[0]))));
  }
  if (key_bytes.size() != 1 + kEd25519PublicKeySize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("verifier key %s: an Ed25519 public key is %d bytes, got %d", Quoted(key),
                        kEd25519PublicKeySize, key_bytes.size() - 1));
  }
  Ed25519PublicKey public_key;
  std::memcpy(public_key.data(), key_bytes.data() + 1, public_key.size());
  const uint32_t computed = NoteKeyId(name, public_key);
  if (computed != key_id) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "verifier key %s: key ID %08x does not match the name and public key, which give %08x",
        Quoted(key), key_id, computed));
  }
  return NoteVerifier(std::string(name), key_id, public_key);
}

std::string NoteVerifier::KeyString() const {
  std::string key_bytes(1, static_cast<char>(kNoteEd25519Type));
  key_bytes.append(PublicKeyBytes(public_key_));
  return absl::StrCat(Label(), "+", absl::Base64Escape(key_bytes));
}

std::string NoteVerifier::Label() const { return KeyLabel(name_, key_id_); }

absl::StatusOr<NoteSigner> NoteSigner::Create(absl::string_view name, Ed25519PrivateKey key) {
  absl::StatusOr<NoteVerifier> verifier = NoteVerifier::Create(name, key.public_key());
  if (!verifier.ok()) return verifier.status();
  return NoteSigner(*std::move(verifier), std::move(key));
}

absl::StatusOr<std::string> NoteSigner::Sign(absl::string_view text) const {
  if (text.empty() || text.back() != '\n') {
    return absl::InvalidArgumentError("a note text must be non-empty and end with a newline");
  }
  if (absl::Status status = ValidateNoteCharacters(text, "the note text"); !status.ok()) {
    return status;
  }
  absl::StatusOr<Ed25519Signature> signature = key_.Sign(text);
  if (!signature.ok()) return signature.status();
  const std::string signed_bytes = absl::StrCat(
      BigEndian32(key_id()),
      absl::string_view(reinterpret_cast<const char*>(signature->data()), signature->size()));
  return absl::StrCat(text, "\n", kSignaturePrefix, name(), " ", absl::Base64Escape(signed_bytes),
                      "\n");
}

absl::StatusOr<Note> ParseNote(absl::string_view signed_note) {
  if (absl::Status status = ValidateNoteCharacters(signed_note, "the note"); !status.ok()) {
    return Malformed(status.message());
  }
  // The text ends at the last blank line; the text keeps its final newline.
  const size_t split = signed_note.rfind("\n\n");
  if (split == signed_note.npos) {
    return Malformed("no blank line separates the text from the signatures");
  }
  absl::string_view signatures = signed_note.substr(split + 2);
  if (signatures.empty()) return Malformed("no signature lines after the blank line");
  if (signatures.back() != '\n') return Malformed("the last signature line has no newline");
  Note note;
  note.text = std::string(signed_note.substr(0, split + 1));
  int line_number = 0;
  while (!signatures.empty()) {
    ++line_number;
    const size_t newline = signatures.find('\n');
    absl::string_view line = signatures.substr(0, newline);
    signatures.remove_prefix(newline + 1);
    if (note.signatures.size() == kMaxNoteSignatures) {
      return Malformed(absl::StrFormat("more than %d signature lines", kMaxNoteSignatures));
    }
    if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
      return Malformed(absl::StrFormat(
          "signature line %d %s does not start with an em dash (U+2014) and a space", line_number,
          Quoted(line)));
    }
    line.remove_prefix(kSignaturePrefix.size());
    const size_t space = line.find(' ');
    if (space == line.npos) {
      return Malformed(absl::StrFormat(
          "signature line %d has no space between key name and signature", line_number));
    }
    const absl::string_view name = line.substr(0, space);
    const absl::string_view base64 = line.substr(space + 1);
    if (absl::Status status = ValidateKeyName(name); !status.ok()) {
      return Malformed(absl::StrFormat("signature line %d: %s", line_number, status.message()));
    }
    std::string bytes;
    if (!DecodeCanonicalBase64(base64, &bytes)) {
      return Malformed(
          absl::StrFormat("signature line %d: signature %s is not canonical standard base64",
                          line_number, Quoted(base64)));
    }
    if (bytes.size() < 5) {
      return Malformed(absl::StrFormat(
          "signature line %d: a signature is a 4-byte key ID and at least one byte, got %d "
          "bytes",
          line_number, bytes.size()));
    }
    note.signatures.push_back(NoteSignature{
        .key_name = std::string(name),
        .key_id = ReadBigEndian32(bytes),
        .signature = bytes.substr(4),
    });
  }
  return note;
}

absl::StatusOr<std::string> OpenNote(absl::string_view signed_note,
                                     absl::Span<const NoteVerifier> trusted) {
  std::set<std::pair<std::string, uint32_t>> trusted_ids;
  for (const NoteVerifier& verifier : trusted) {
    if (!trusted_ids.emplace(verifier.name(), verifier.key_id()).second) {
      return absl::InvalidArgumentError(
          absl::StrFormat("two trusted keys share the name and key ID %s", verifier.Label()));
    }
  }
  absl::StatusOr<Note> note = ParseNote(signed_note);
  if (!note.ok()) return note.status();
  bool verified = false;
  std::vector<std::string> others;
  for (const NoteSignature& signature : note->signatures) {
    const NoteVerifier* verifier = nullptr;
    for (const NoteVerifier& candidate : trusted) {
      if (candidate.name() == signature.key_name && candidate.key_id() == signature.key_id) {
        verifier = &candidate;
      }
    }
    if (verifier == nullptr) {
      others.push_back(KeyLabel(signature.key_name, signature.key_id));
      continue;
    }
    const absl::Status status =
        VerifyEd25519(verifier->public_key(), note->text, AsBytes(signature.signature));
    if (absl::IsInternal(status)) return status;
    if (!status.ok()) {
      return absl::DataLossError(absl::StrFormat(
          "the signature by trusted key %s does not verify (%s): the note text or the "
          "signature has been altered",
          verifier->Label(), status.message()));
    }
    verified = true;
  }
  if (!verified) {
    std::vector<std::string> trusted_labels;
    for (const NoteVerifier& verifier : trusted) trusted_labels.push_back(verifier.Label());
    return absl::NotFoundError(
        absl::StrFormat("the note has no signature by a trusted key (trusted: %s; signed by: %s)",
                        trusted_labels.empty() ? "none" : absl::StrJoin(trusted_labels, ", "),
                        absl::StrJoin(others, ", ")));
  }
  return std::move(note->text);
}

}  // namespace paraat::ledger
