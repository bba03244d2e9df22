// SPDX-License-Identifier: EUPL-1.2
// The right frontier of an append-only Merkle tree: O(log n) hashes that are enough to append
// leaves and compute the root of every later size. The server keeps one per crisis log.
#ifndef PARAAT_COMMON_LEDGER_COMPACT_RANGE_H_
#define PARAAT_COMMON_LEDGER_COMPACT_RANGE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/ledger/merkle.h"
#include "common/ledger/node_store.h"

namespace paraat::ledger {

// The compact range [0, size): for every bit set in `size`, from the highest bit down, the
// hash of one complete aligned subtree; together they tile the leaves [0, size).
// A value type; not thread-safe while being appended to.
class CompactRange {
 public:
  // The empty tree.
  CompactRange() = default;

  // From the frontier hashes, highest subtree first. INVALID_ARGUMENT unless there is exactly
  // one hash per bit set in `size`.
  [[nodiscard]] static absl::StatusOr<CompactRange> FromHashes(uint64_t size,
                                                               std::vector<Hash> hashes);

  // Reads the frontier of the tree of `size` leaves from a store (FrontierNodes(size)).
  // Propagates the store's error, with the node named.
  [[nodiscard]] static absl::StatusOr<CompactRange> FromStore(uint64_t size,
                                                              const NodeStore& store);

  // The inverse of Serialize(). INVALID_ARGUMENT names what is wrong: too short, unknown
  // format version, or a length that does not match the tree size.
  [[nodiscard]] static absl::StatusOr<CompactRange> Deserialize(absl::string_view bytes);

  // The nodes whose hashes make up the frontier of a tree of `size` leaves, highest first.
  static std::vector<NodeId> FrontierNodes(uint64_t size);

  // Appends one leaf hash in O(log n). If `completed` is not null, appends to it every node
  // that the new leaf completes (CompletedNodes(size()) before the call, lowest level first),
  // with its hash, ready to be written to a node store.
  void Append(const Hash& leaf_hash, std::vector<StoredNode>* completed = nullptr);

  // MTH(D[0:size]) in O(log n); EmptyRoot() for the empty tree.
  Hash Root() const;

  uint64_t size() const { return size_; }

  // The frontier hashes, highest subtree first (one per bit set in size()).
  const std::vector<Hash>& hashes() const { return hashes_; }

  // Version byte 0x01 || tree size (8 bytes, big-endian) || the hashes() (32 bytes each).
  std::string Serialize() const;

  friend bool operator==(const CompactRange&, const CompactRange&) = default;

 private:
  CompactRange(uint64_t size, std::vector<Hash> hashes) : size_(size), hashes_(std::move(hashes)) {}

  uint64_t size_ = 0;
  std::vector<Hash> hashes_;
};

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_COMPACT_RANGE_H_
