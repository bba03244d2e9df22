// SPDX-License-Identifier: EUPL-1.2
// Checking inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 say.
#ifndef PARAAT_COMMON_LEDGER_VERIFY_H_
#define PARAAT_COMMON_LEDGER_VERIFY_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/ledger/merkle.h"

namespace paraat::ledger {

// Error codes of the functions below:
//   INVALID_ARGUMENT  the question itself is impossible (leaf index not below the tree size,
//                     first tree larger than the second); no proof could answer it.
//   DATA_LOSS         the proof does not prove the claim: wrong number of hashes, or it leads
//                     to a different root. Either the proof or the log has been altered (or
//                     the caller paired the wrong root, index or size with it).
// Messages name the sizes, the expected proof length and the roots involved.

// The root that `proof` leads to from the leaf `leaf_hash` at `index` in a tree of
// `tree_size` leaves (steps 1-4 of RFC 9162 §2.1.3.2).
[[nodiscard]] absl::StatusOr<Hash> RootFromInclusionProof(uint64_t index, uint64_t tree_size,
                                                          const Hash& leaf_hash,
                                                          absl::Span<const Hash> proof);

// OK if `proof` shows that the leaf with hash `leaf_hash` is at `index` in the tree of
// `tree_size` leaves whose root is `root`.
[[nodiscard]] absl::Status VerifyInclusion(uint64_t index, uint64_t tree_size,
                                           const Hash& leaf_hash, absl::Span<const Hash> proof,
                                           const Hash& root);

// OK if `proof` shows that the tree of `first_size` leaves with root `first_root` is a
// prefix of the tree of `second_size` leaves with root `second_root`. Trees of equal size
// need an empty proof and equal roots; every tree extends the empty tree (first_size 0,
// empty proof, whatever first_root is), as in Certificate Transparency's verifiers.
[[nodiscard]] absl::Status VerifyConsistency(uint64_t first_size, uint64_t second_size,
                                             const Hash& first_root, const Hash& second_root,
                                             absl::Span<const Hash> proof);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_VERIFY_H_
