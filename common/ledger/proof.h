// SPDX-License-Identifier: EUPL-1.2
// Building inclusion and consistency proofs (RFC 9162 §2.1.3.1, §2.1.4.1) from the complete
// aligned subtrees a NodeStore keeps.
#ifndef PARAAT_COMMON_LEDGER_PROOF_H_
#define PARAAT_COMMON_LEDGER_PROOF_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "common/ledger/merkle.h"
#include "common/ledger/node_store.h"

namespace paraat::ledger {

// MTH(D[begin:end]): the hash of the leaves [begin, end) as a tree of their own; EmptyRoot()
// when begin == end. Reads the range's decomposition into complete aligned subtrees: O(log n)
// nodes for the ranges proofs use (begin a multiple of a power of two >= end - begin), more
// for arbitrary ranges. INVALID_ARGUMENT if begin > end; the store's error (with the node
// named) if a node cannot be read.
[[nodiscard]] absl::StatusOr<Hash> RangeHash(uint64_t begin, uint64_t end, const NodeStore& store);

// MTH(D[0:tree_size]): the root of the tree of that size.
[[nodiscard]] absl::StatusOr<Hash> RootAt(uint64_t tree_size, const NodeStore& store);

// PATH(index, D[0:tree_size]) (RFC 9162 §2.1.3.1): the sibling hashes from the leaf up to the
// root, leaf end first; empty for a tree of one leaf. INVALID_ARGUMENT unless
// index < tree_size. About 2 * log2(tree_size) node reads.
[[nodiscard]] absl::StatusOr<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t tree_size,
                                                               const NodeStore& store);

// PROOF(first_size, D[0:second_size]) (RFC 9162 §2.1.4.1), that the tree of first_size
// leaves is a prefix of the tree of second_size leaves. Empty when first_size is 0 or equals
// second_size. INVALID_ARGUMENT if first_size > second_size.
[[nodiscard]] absl::StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t first_size,
                                                                 uint64_t second_size,
                                                                 const NodeStore& store);

// The number of hashes in InclusionProof(index, tree_size) (index < tree_size).
size_t InclusionProofLength(uint64_t index, uint64_t tree_size);

// The number of hashes in ConsistencyProof(first_size, second_size) (first <= second).
size_t ConsistencyProofLength(uint64_t first_size, uint64_t second_size);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_PROOF_H_
