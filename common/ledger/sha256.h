// SPDX-License-Identifier: EUPL-1.2
// SHA-256 through OpenSSL 3's EVP interface, shared by the Merkle tree and the note key IDs.
#ifndef PARAAT_COMMON_LEDGER_SHA256_H_
#define PARAAT_COMMON_LEDGER_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace paraat::ledger {

inline constexpr size_t kSha256Size = 32;
using Sha256Digest = std::array<uint8_t, kSha256Size>;

// The bytes of a string, for hashing.
inline absl::Span<const uint8_t> AsBytes(absl::string_view s) {
  return absl::Span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// SHA-256 of the concatenation of `parts`. Thread-safe (one EVP context per thread).
//
// SHA-256 cannot fail on valid input; OpenSSL only fails here when it cannot allocate or
// its default provider is missing. Rather than return a hash it does not have, the process
// then prints OpenSSL's error and aborts.
Sha256Digest Sha256(std::initializer_list<absl::Span<const uint8_t>> parts);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_SHA256_H_
