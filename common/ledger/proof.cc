// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/proof.h"

#include <algorithm>
#include <bit>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace paraat::ledger {
namespace {

// The largest power of two smaller than n (n >= 2): where RFC 6962 splits a tree of n leaves.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

absl::StatusOr<Hash> ReadNode(const NodeStore& store, int level, uint64_t index) {
  absl::StatusOr<Hash> hash = store.Node(level, index);
  if (!hash.ok()) {
    return absl::Status(hash.status().code(),
                        absl::StrFormat("reading node (level %d, index %d): %s", level, index,
                                        hash.status().message()));
  }
  return hash;
}

// MTH(D[begin:end]), begin <= end.
absl::StatusOr<Hash> SubtreeHash(uint64_t begin, uint64_t end, const NodeStore& store) {
  const uint64_t n = end - begin;
  if (n == 0) return EmptyRoot();
  if (std::has_single_bit(n) && begin % n == 0) {
    return ReadNode(store, std::countr_zero(n), begin / n);
  }
  const uint64_t k = SplitPoint(n);
  absl::StatusOr<Hash> left = SubtreeHash(begin, begin + k, store);
  if (!left.ok()) return left.status();
  absl::StatusOr<Hash> right = SubtreeHash(begin + k, end, store);
  if (!right.ok()) return right.status();
  return NodeHash(*left, *right);
}

}  // namespace

absl::StatusOr<Hash> RangeHash(uint64_t begin, uint64_t end, const NodeStore& store) {
  if (begin > end) {
    return absl::InvalidArgumentError(
        absl::StrFormat("leaf range [%d, %d) ends before it begins", begin, end));
  }
  return SubtreeHash(begin, end, store);
}

absl::StatusOr<Hash> RootAt(uint64_t tree_size, const NodeStore& store) {
  return RangeHash(0, tree_size, store);
}

absl::StatusOr<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t tree_size,
                                                 const NodeStore& store) {
  if (index >= tree_size) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "leaf index %d is not in a tree of size %d (indices run from 0 to size - 1)", index,
        tree_size));
  }
  // PATH(m, D[n]) recurses into the half holding leaf m and appends the other half's MTH
  // after the sub-path. Walking down collects those hashes root end first.
  std::vector<Hash> proof;
  uint64_t begin = 0;
  uint64_t end = tree_size;
  while (end - begin > 1) {
    const uint64_t k = SplitPoint(end - begin);
    absl::StatusOr<Hash> sibling;
    if (index < begin + k) {
      sibling = SubtreeHash(begin + k, end, store);
      end = begin + k;
    } else {
      sibling = SubtreeHash(begin, begin + k, store);
      begin += k;
    }
    if (!sibling.ok()) return sibling.status();
    proof.push_back(*sibling);
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

absl::StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t first_size, uint64_t second_size,
                                                   const NodeStore& store) {
  if (first_size > second_size) {
    return absl::InvalidArgumentError(
        absl::StrFormat("no consistency proof from tree size %d to the smaller tree size %d",
                        first_size, second_size));
  }
  std::vector<Hash> proof;
  if (first_size == 0 || first_size == second_size) return proof;
  // SUBPROOF(m, D[n], b): walking down, each step appends (after the sub-proof) the MTH of
  // the half that m does not end in; `whole` is b, still true while D[0:m] is the left
  // part of every range visited.
  uint64_t begin = 0;
  uint64_t end = second_size;
  bool whole = true;
  while (first_size != end) {
    const uint64_t k = SplitPoint(end - begin);
    absl::StatusOr<Hash> sibling;
    if (first_size - begin <= k) {
      sibling = SubtreeHash(begin + k, end, store);
      end = begin + k;
    } else {
      sibling = SubtreeHash(begin, begin + k, store);
      begin += k;
      whole = false;
    }
    if (!sibling.ok()) return sibling.status();
    proof.push_back(*sibling);
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot rebuild this subtree alone.
  if (!whole) {
    absl::StatusOr<Hash> subtree = SubtreeHash(begin, end, store);
    if (!subtree.ok()) return subtree.status();
    proof.push_back(*subtree);
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

size_t InclusionProofLength(uint64_t index, uint64_t tree_size) {
  size_t length = 0;
  uint64_t begin = 0;
  uint64_t end = tree_size;
  while (end - begin > 1) {
    const uint64_t k = SplitPoint(end - begin);
    if (index < begin + k) {
      end = begin + k;
    } else {
      begin += k;
    }
    ++length;
  }
  return length;
}

size_t ConsistencyProofLength(uint64_t first_size, uint64_t second_size) {
  if (first_size == 0 || first_size >= second_size) return 0;
  size_t length = 0;
  uint64_t begin = 0;
  uint64_t end = second_size;
  bool whole = true;
  while (first_size != end) {
    const uint64_t k = SplitPoint(end - begin);
    if (first_size - begin <= k) {
      end = begin + k;
    } else {
      begin += k;
      whole = false;
    }
    ++length;
  }
  return whole ? length : length + 1;
}

}  // namespace paraat::ledger
