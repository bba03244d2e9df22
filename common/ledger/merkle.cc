// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/merkle.h"

#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/ledger/compact_range.h"
#include "common/ledger/sha256.h"

namespace paraat::ledger {
namespace {

constexpr uint8_t kLeafPrefix[1] = {0x00};
constexpr uint8_t kNodePrefix[1] = {0x01};

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Quotes user input for an error message without flooding it.
std::string Excerpt(absl::string_view text) {
  constexpr size_t kMax = 80;
  if (text.size() <= kMax) return absl::StrCat("\"", absl::CHexEscape(text), "\"");
  return absl::StrCat("\"", absl::CHexEscape(text.substr(0, kMax)), "\"...");
}

}  // namespace

Hash LeafHash(absl::Span<const uint8_t> data) { return Sha256({kLeafPrefix, data}); }

Hash LeafHash(absl::string_view data) { return LeafHash(AsBytes(data)); }

Hash NodeHash(const Hash& left, const Hash& right) { return Sha256({kNodePrefix, left, right}); }

Hash EmptyRoot() { return Sha256({}); }

Hash RootFromLeafHashes(absl::Span<const Hash> leaf_hashes) {
  CompactRange range;
  for (const Hash& leaf_hash : leaf_hashes) range.Append(leaf_hash);
  return range.Root();
}

std::string HashToBytes(const Hash& hash) {
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

absl::StatusOr<Hash> HashFromBytes(absl::string_view bytes) {
  if (bytes.size() != kHashSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("a SHA-256 hash is %d bytes, got %d bytes", kHashSize, bytes.size()));
  }
  Hash hash;
  std::memcpy(hash.data(), bytes.data(), kHashSize);
  return hash;
}

std::string HashToHex(const Hash& hash) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

absl::StatusOr<Hash> HashFromHex(absl::string_view hex) {
  if (hex.size() != 2 * kHashSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("a SHA-256 hash is %d hexadecimal digits, got %d: %s", 2 * kHashSize,
                        hex.size(), Excerpt(hex)));
  }
  Hash hash;
  for (size_t i = 0; i < kHashSize; ++i) {
    const int high = HexDigitValue(hex[2 * i]);
    const int low = HexDigitValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      const size_t bad = high < 0 ? 2 * i : 2 * i + 1;
      return absl::InvalidArgumentError(absl::StrFormat(
          "hash %s has a non-hexadecimal character at position %d", Excerpt(hex), bad));
    }
    hash[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return hash;
}

std::string HashToBase64(const Hash& hash) {
  return absl::Base64Escape(
      absl::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

absl::StatusOr<Hash> HashFromBase64(absl::string_view base64) {
  std::string bytes;
  // absl's decoder tolerates missing padding; re-encoding rejects every non-canonical form.
  if (!absl::Base64Unescape(base64, &bytes) || absl::Base64Escape(bytes) != base64) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not canonical standard base64 (RFC 4648 §4, with padding): ", Excerpt(base64)));
  }
  if (bytes.size() != kHashSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("base64 %s decodes to %d bytes; a SHA-256 hash is %d bytes",
                        Excerpt(base64), bytes.size(), kHashSize));
  }
  return HashFromBytes(bytes);
}

}  // namespace paraat::ledger
