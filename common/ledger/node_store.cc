// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/node_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace paraat::ledger {

std::vector<NodeId> CompletedNodes(uint64_t leaf_index) {
  std::vector<NodeId> nodes;
  nodes.push_back(NodeId{0, leaf_index});
  // The node one level up closes when the node just completed is a right child.
  uint64_t index = leaf_index;
  int level = 0;
  while (level < kMaxLevel && (index & 1) == 1) {
    index >>= 1;
    ++level;
    nodes.push_back(NodeId{level, index});
  }
  return nodes;
}

InMemoryTree::InMemoryTree(absl::Span<const Hash> leaf_hashes) {
  for (const Hash& leaf_hash : leaf_hashes) Append(leaf_hash);
}

void InMemoryTree::Append(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  // Same walk as CompletedNodes, hashing as it climbs.
  size_t level = 0;
  while (levels_[level].size() % 2 == 0) {
    const std::vector<Hash>& below = levels_[level];
    const Hash parent = NodeHash(below[below.size() - 2], below[below.size() - 1]);
    if (levels_.size() == level + 1) levels_.emplace_back();
    ++level;
    levels_[level].push_back(parent);
  }
}

Hash InMemoryTree::Root() const {
  // Fold the highest complete node of every level from the right, as CompactRange does:
  // the nodes at the end of each level whose ranges tile [0, size).
  const uint64_t n = size();
  if (n == 0) return EmptyRoot();
  bool have_root = false;
  Hash root{};
  for (size_t level = 0; level < levels_.size(); ++level) {
    if (((n >> level) & 1) == 0) continue;
    const Hash& node = levels_[level].back();
    root = have_root ? NodeHash(node, root) : node;
    have_root = true;
  }
  return root;
}

absl::StatusOr<Hash> InMemoryTree::Node(int level, uint64_t index) const {
  if (level < 0 || level > kMaxLevel) {
    return absl::InvalidArgumentError(
        absl::StrFormat("node level %d is outside 0..%d", level, kMaxLevel));
  }
  if (static_cast<size_t>(level) >= levels_.size() || index >= levels_[level].size()) {
    return absl::NotFoundError(absl::StrFormat(
        "node (level %d, index %d) is not complete in a tree of %d leaves", level, index, size()));
  }
  return levels_[level][index];
}

}  // namespace paraat::ledger
