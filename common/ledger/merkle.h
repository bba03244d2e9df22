// SPDX-License-Identifier: EUPL-1.2
// RFC 6962 / RFC 9162 Merkle tree hashing (SHA-256): leaf and node hashes, tree roots, and
// the text forms of a hash.
#ifndef PARAAT_COMMON_LEDGER_MERKLE_H_
#define PARAAT_COMMON_LEDGER_MERKLE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace paraat::ledger {

inline constexpr size_t kHashSize = 32;
using Hash = std::array<uint8_t, kHashSize>;

// SHA-256(0x00 || data): the hash of one leaf (RFC 9162 §2.1.1).
Hash LeafHash(absl::string_view data);
Hash LeafHash(absl::Span<const uint8_t> data);

// SHA-256(0x01 || left || right): the hash of an interior node.
Hash NodeHash(const Hash& left, const Hash& right);

// SHA-256 of the empty string: the root of the tree with no leaves.
Hash EmptyRoot();

// MTH(D[0:n]) of the leaves with these hashes (RFC 9162 §2.1.1). O(n) time, O(log n) memory.
Hash RootFromLeafHashes(absl::Span<const Hash> leaf_hashes);

// The raw 32 bytes of a hash, as a string (for storage and the wire).
std::string HashToBytes(const Hash& hash);
// The inverse of HashToBytes: INVALID_ARGUMENT unless `bytes` is exactly 32 bytes long.
[[nodiscard]] absl::StatusOr<Hash> HashFromBytes(absl::string_view bytes);

// 64 lowercase hexadecimal digits.
std::string HashToHex(const Hash& hash);
// Accepts exactly 64 hexadecimal digits, either case; anything else is INVALID_ARGUMENT.
[[nodiscard]] absl::StatusOr<Hash> HashFromHex(absl::string_view hex);

// Standard base64 with padding (RFC 4648 §4): 44 characters, as in checkpoints.
std::string HashToBase64(const Hash& hash);
// Accepts only the canonical 44-character encoding of 32 bytes; INVALID_ARGUMENT otherwise.
[[nodiscard]] absl::StatusOr<Hash> HashFromBase64(absl::string_view base64);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_MERKLE_H_
