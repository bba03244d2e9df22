// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/verify.h"

#include <bit>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/ledger/proof.h"

namespace paraat::ledger {
namespace {

// Shifts fn and sn right until LSB(fn) is set or fn is 0 (RFC 9162 steps "right-shift both
// fn and sn equally until ...").
void ShiftUntilOddOrZero(uint64_t& fn, uint64_t& sn) {
  while (fn != 0 && (fn & 1) == 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

absl::StatusOr<Hash> RootFromInclusionProof(uint64_t index, uint64_t tree_size,
                                            const Hash& leaf_hash, absl::Span<const Hash> proof) {
  // 1. The leaf must be in the tree.
  if (index >= tree_size) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "leaf index %d is not in a tree of size %d (indices run from 0 to size - 1)", index,
        tree_size));
  }
  const auto wrong_length = [&] {
    return absl::DataLossError(absl::StrFormat(
        "inclusion proof for leaf %d in a tree of size %d has %d hashes; it must have %d", index,
        tree_size, proof.size(), InclusionProofLength(index, tree_size)));
  };
  // 2.-4.
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return wrong_length();
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) ShiftUntilOddOrZero(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // 5. (first half) every level up to the root must have been consumed.
  if (sn != 0) return wrong_length();
  return r;
}

absl::Status VerifyInclusion(uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                             absl::Span<const Hash> proof, const Hash& root) {
  absl::StatusOr<Hash> computed = RootFromInclusionProof(index, tree_size, leaf_hash, proof);
  if (!computed.ok()) return computed.status();
  // 5. (second half)
  if (*computed != root) {
    return absl::DataLossError(absl::StrFormat(
        "inclusion proof for leaf %d (hash %s) leads to root %s, not to the expected root %s "
        "of the tree of size %d",
        index, HashToHex(leaf_hash), HashToHex(*computed), HashToHex(root), tree_size));
  }
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t first_size, uint64_t second_size, const Hash& first_root,
                               const Hash& second_root, absl::Span<const Hash> proof) {
  if (first_size > second_size) {
    return absl::InvalidArgumentError(
        absl::StrFormat("first tree size %d is larger than second tree size %d; a log only grows",
                        first_size, second_size));
  }
  // RFC 9162 covers 0 < first_size < second_size; the two edge cases need an empty proof.
  if (first_size == second_size || first_size == 0) {
    if (!proof.empty()) {
      return absl::DataLossError(
          absl::StrFormat("consistency proof from tree size %d to %d must be empty, got %d hashes",
                          first_size, second_size, proof.size()));
    }
    if (first_size == second_size && first_root != second_root) {
      return absl::DataLossError(
          absl::StrFormat("two trees of the same size %d have different roots %s and %s",
                          first_size, HashToHex(first_root), HashToHex(second_root)));
    }
    return absl::OkStatus();
  }
  const auto wrong_length = [&] {
    return absl::DataLossError(absl::StrFormat(
        "consistency proof from tree size %d to %d has %d hashes; it must have %d", first_size,
        second_size, proof.size(), ConsistencyProofLength(first_size, second_size)));
  };
  // 1. An empty proof proves nothing.
  if (proof.empty()) return wrong_length();
  // 2. A first tree of 2^k leaves is a complete subtree of the second: its root starts the
  // path.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(first_size)) path.push_back(first_root);
  path.insert(path.end(), proof.begin(), proof.end());
  // 3.-4.
  uint64_t fn = first_size - 1;
  uint64_t sn = second_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  // 5.
  Hash fr = path[0];
  Hash sr = path[0];
  // 6.
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return wrong_length();
    if ((fn & 1) == 1 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) ShiftUntilOddOrZero(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // 7.
  if (sn != 0) return wrong_length();
  if (fr != first_root) {
    return absl::DataLossError(absl::StrFormat(
        "consistency proof from tree size %d to %d rebuilds the first root as %s, not as the "
        "expected %s: the first tree is not a prefix of the second",
        first_size, second_size, HashToHex(fr), HashToHex(first_root)));
  }
  if (sr != second_root) {
    return absl::DataLossError(absl::StrFormat(
        "consistency proof from tree size %d to %d rebuilds the second root as %s, not as the "
        "expected %s: the first tree is not a prefix of the second",
        first_size, second_size, HashToHex(sr), HashToHex(second_root)));
  }
  return absl::OkStatus();
}

}  // namespace paraat::ledger
