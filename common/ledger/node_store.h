// SPDX-License-Identifier: EUPL-1.2
// Addressing the complete aligned subtrees of a Merkle tree, the interface proofs read them
// through, and an in-memory tree that keeps all of them.
#ifndef PARAAT_COMMON_LEDGER_NODE_STORE_H_
#define PARAAT_COMMON_LEDGER_NODE_STORE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/ledger/merkle.h"

namespace paraat::ledger {

// Levels run from 0 (leaf hashes) to kMaxLevel (a subtree of 2^63 leaves).
inline constexpr int kMaxLevel = 63;

// A complete aligned subtree: the node at `level` with `index` covers the leaves
// [index * 2^level, (index + 1) * 2^level). Level 0 nodes are the leaf hashes.
struct NodeId {
  int level = 0;
  uint64_t index = 0;

  friend bool operator==(const NodeId&, const NodeId&) = default;
};

// A node and its hash, as a store keeps it.
struct StoredNode {
  NodeId id;
  Hash hash{};

  friend bool operator==(const StoredNode&, const StoredNode&) = default;
};

// The nodes that become complete when the leaf with index `leaf_index` is appended:
// (0, leaf_index), then (1, leaf_index / 2) if leaf_index is odd, and so on upward while the
// new leaf closes the subtree. A store that saves these for every appended leaf can answer
// every NodeStore::Node call for the tree sizes it has seen. Lowest level first; on average
// two nodes per leaf.
std::vector<NodeId> CompletedNodes(uint64_t leaf_index);

// Read access to the hashes of complete aligned subtrees of one append-only tree.
// Implementations: InMemoryTree below; a database table keyed by (log, level, index).
class NodeStore {
 public:
  virtual ~NodeStore() = default;

  // The hash of the complete subtree covering leaves [index * 2^level, (index+1) * 2^level).
  // NOT_FOUND if the store does not have that node (the tree is not yet that large);
  // other errors are the store's own (UNAVAILABLE for a busy database, DATA_LOSS ...).
  // Implementations must be safe to call concurrently if the proofs are built concurrently.
  [[nodiscard]] virtual absl::StatusOr<Hash> Node(int level, uint64_t index) const = 0;
};

// A whole tree in memory: every leaf hash and every complete aligned node above them, about
// 64 bytes per leaf. For tests, the client's offline verification and benchmarks.
// Not thread-safe while appending; concurrent Node() calls without Append are fine.
class InMemoryTree final : public NodeStore {
 public:
  InMemoryTree() = default;
  explicit InMemoryTree(absl::Span<const Hash> leaf_hashes);

  // Appends one leaf hash and completes the nodes CompletedNodes(size()) names.
  void Append(const Hash& leaf_hash);

  // Number of leaves.
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }

  // MTH of all leaves appended so far.
  Hash Root() const;

  [[nodiscard]] absl::StatusOr<Hash> Node(int level, uint64_t index) const override;

 private:
  // levels_[l][i] is the hash of NodeId{l, i}; only complete nodes are kept.
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_NODE_STORE_H_
