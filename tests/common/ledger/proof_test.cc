// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/proof.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/ledger/node_store.h"
#include "common/ledger/verify.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::UnorderedElementsAreArray;

std::vector<Hash> Leaves(int n) {
  std::vector<Hash> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(LeafHash(absl::StrCat("entry ", i)));
  return leaves;
}

// Wraps a store and records which nodes were read.
class RecordingStore final : public NodeStore {
 public:
  explicit RecordingStore(const NodeStore& store) : store_(store) {}

  absl::StatusOr<Hash> Node(int level, uint64_t index) const override {
    reads_.push_back(NodeId{level, index});
    return store_.Node(level, index);
  }

  std::vector<NodeId> TakeReads() {
    std::vector<NodeId> reads;
    reads.swap(reads_);
    return reads;
  }

 private:
  const NodeStore& store_;
  mutable std::vector<NodeId> reads_;
};

// A store that fails like a busy database.
class UnavailableStore final : public NodeStore {
 public:
  absl::StatusOr<Hash> Node(int, uint64_t) const override {
    return absl::UnavailableError("database is locked");
  }
};

TEST(ProofTest, InclusionProofsVerifyForEveryLeafOfEveryTreeUpTo300) {
  const std::vector<Hash> leaves = Leaves(300);
  const InMemoryTree tree(leaves);
  for (uint64_t size = 1; size <= leaves.size(); ++size) {
    const Hash root = RootAt(size, tree).value();
    ASSERT_EQ(root, RootFromLeafHashes(absl::MakeConstSpan(leaves).subspan(0, size)));
    for (uint64_t index = 0; index < size; ++index) {
      absl::StatusOr<std::vector<Hash>> proof = InclusionProof(index, size, tree);
      ASSERT_TRUE(proof.ok()) << proof.status();
      ASSERT_EQ(proof->size(), InclusionProofLength(index, size));
      const absl::Status verified = VerifyInclusion(index, size, leaves[index], *proof, root);
      ASSERT_TRUE(verified.ok()) << "leaf " << index << " of " << size << ": " << verified;
    }
  }
}

TEST(ProofTest, ConsistencyProofsVerifyForEveryPairUpTo130) {
  const std::vector<Hash> leaves = Leaves(130);
  const InMemoryTree tree(leaves);
  std::vector<Hash> roots;
  for (uint64_t size = 0; size <= leaves.size(); ++size)
    roots.push_back(RootAt(size, tree).value());
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    for (uint64_t m = 1; m <= n; ++m) {
      absl::StatusOr<std::vector<Hash>> proof = ConsistencyProof(m, n, tree);
      ASSERT_TRUE(proof.ok()) << proof.status();
      ASSERT_EQ(proof->size(), ConsistencyProofLength(m, n));
      const absl::Status verified = VerifyConsistency(m, n, roots[m], roots[n], *proof);
      ASSERT_TRUE(verified.ok()) << m << " -> " << n << ": " << verified;
    }
  }
}

struct NodesCase {
  uint64_t a;  // leaf index (inclusion) or first size (consistency)
  uint64_t b;  // tree size (inclusion) or second size (consistency)
  std::vector<NodeId> nodes;
};

// The node sets of transparency-dev/merkle proof/proof_test.go (TestInclusion): a proof
// reads exactly these nodes, each once.
TEST(ProofTest, InclusionProofReadsTheMinimalNodes) {
  const NodesCase cases[] = {
      {0, 1, {}},
      {0, 2, {{0, 1}}},
      {1, 2, {{0, 0}}},
      {1, 3, {{0, 0}, {0, 2}}},
      {0, 7, {{0, 1}, {1, 1}, {0, 6}, {1, 2}}},
      {1, 7, {{0, 0}, {1, 1}, {0, 6}, {1, 2}}},
      {2, 7, {{0, 3}, {1, 0}, {0, 6}, {1, 2}}},
      {3, 7, {{0, 2}, {1, 0}, {0, 6}, {1, 2}}},
      {4, 7, {{0, 5}, {0, 6}, {2, 0}}},
      {5, 7, {{0, 4}, {0, 6}, {2, 0}}},
      {6, 7, {{1, 2}, {2, 0}}},
      {2, 4, {{0, 3}, {1, 0}}},
      {3, 5, {{0, 2}, {1, 0}, {0, 4}}},
      {3, 6, {{0, 2}, {1, 0}, {1, 2}}},
      {4, 6, {{0, 5}, {2, 0}}},
      {10, 15, {{0, 11}, {1, 4}, {0, 14}, {1, 6}, {3, 0}}},
      {24, 31, {{0, 25}, {1, 13}, {0, 30}, {1, 14}, {3, 2}, {4, 0}}},
      {81, 95, {{0, 80}, {1, 41}, {2, 21}, {0, 94}, {1, 46}, {2, 22}, {4, 4}, {6, 0}}},
  };
  const InMemoryTree tree(Leaves(128));
  RecordingStore store(tree);
  for (const NodesCase& c : cases) {
    ASSERT_TRUE(InclusionProof(c.a, c.b, store).ok());
    EXPECT_THAT(store.TakeReads(), UnorderedElementsAreArray(c.nodes))
        << "leaf " << c.a << " of " << c.b;
  }
}

// The node sets of transparency-dev/merkle proof/proof_test.go (TestConsistency).
TEST(ProofTest, ConsistencyProofReadsTheMinimalNodes) {
  const NodesCase cases[] = {
      {1, 2, {{0, 1}}},
      {1, 4, {{0, 1}, {1, 1}}},
      {1, 6, {{0, 1}, {1, 1}, {1, 2}}},
      {2, 3, {{0, 2}}},
      {2, 8, {{1, 1}, {2, 1}}},
      {3, 7, {{0, 2}, {0, 3}, {1, 0}, {0, 6}, {1, 2}}},
      {4, 7, {{0, 6}, {1, 2}}},
      {5, 7, {{0, 4}, {0, 5}, {0, 6}, {2, 0}}},
      {6, 7, {{1, 2}, {0, 6}, {2, 0}}},
      {7, 8, {{0, 6}, {0, 7}, {1, 2}, {2, 0}}},
      {1, 1, {}},
      {2, 2, {}},
      {3, 3, {}},
      {4, 4, {}},
      {5, 5, {}},
      {7, 7, {}},
      {8, 8, {}},
      {2, 4, {{1, 1}}},
      {3, 5, {{0, 2}, {0, 3}, {1, 0}, {0, 4}}},
      {3, 6, {{0, 2}, {0, 3}, {1, 0}, {1, 2}}},
      {4, 6, {{1, 2}}},
      {1, 7, {{0, 1}, {1, 1}, {0, 6}, {1, 2}}},
      {10, 15, {{1, 4}, {1, 5}, {0, 14}, {1, 6}, {3, 0}}},
      {24, 31, {{3, 2}, {0, 30}, {1, 14}, {2, 6}, {4, 0}}},
      {81, 95, {{0, 80}, {0, 81}, {1, 41}, {2, 21}, {0, 94}, {1, 46}, {2, 22}, {4, 4}, {6, 0}}},
  };
  const InMemoryTree tree(Leaves(128));
  RecordingStore store(tree);
  for (const NodesCase& c : cases) {
    ASSERT_TRUE(ConsistencyProof(c.a, c.b, store).ok());
    EXPECT_THAT(store.TakeReads(), UnorderedElementsAreArray(c.nodes)) << c.a << " -> " << c.b;
  }
}

TEST(ProofTest, SmallerTreeProofsFromALargerStore) {
  // Proofs for old tree sizes come from the same store as the current tree.
  const std::vector<Hash> leaves = Leaves(64);
  const InMemoryTree big(leaves);
  for (uint64_t size = 1; size <= 20; ++size) {
    const InMemoryTree small(absl::MakeConstSpan(leaves).subspan(0, size));
    for (uint64_t index = 0; index < size; ++index) {
      EXPECT_EQ(InclusionProof(index, size, big).value(),
                InclusionProof(index, size, small).value());
    }
  }
}

TEST(ProofTest, RangeHashIsTheRootOfTheLeavesAlone) {
  const std::vector<Hash> leaves = Leaves(40);
  const InMemoryTree tree(leaves);
  for (uint64_t begin = 0; begin <= leaves.size(); ++begin) {
    for (uint64_t end = begin; end <= leaves.size(); ++end) {
      const absl::Span<const Hash> range = absl::MakeConstSpan(leaves).subspan(begin, end - begin);
      ASSERT_EQ(RangeHash(begin, end, tree).value(), RootFromLeafHashes(range))
          << begin << ", " << end;
    }
  }
}

// docs/ledger.md gives the length as inner + border: inner is the bit length of
// index ^ (size - 1), border the number of 1 bits in index >> inner.
TEST(ProofTest, InclusionProofLengthFormula) {
  for (uint64_t size = 1; size <= 300; ++size) {
    for (uint64_t index = 0; index < size; ++index) {
      const int inner = std::bit_width(index ^ (size - 1));
      const int border = std::popcount(index >> inner);
      ASSERT_EQ(InclusionProofLength(index, size), static_cast<size_t>(inner + border))
          << index << "/" << size;
    }
  }
}

TEST(ProofTest, ProofLengthsAtAMillion) {
  EXPECT_EQ(InclusionProofLength(0, 1'000'000), 20u);
  // The last leaf: one hash per bit set in 999999 (0b11110100001000111111).
  EXPECT_EQ(InclusionProofLength(999'999, 1'000'000), 12u);
  EXPECT_EQ(ConsistencyProofLength(1, 1'000'000), 20u);
}

TEST(ProofTest, RejectsImpossibleRequests) {
  const InMemoryTree tree(Leaves(8));
  absl::StatusOr<std::vector<Hash>> proof = InclusionProof(8, 8, tree);
  EXPECT_EQ(proof.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(proof.status().message(),
            "leaf index 8 is not in a tree of size 8 (indices run from 0 to size - 1)");
  proof = InclusionProof(0, 0, tree);
  EXPECT_EQ(proof.status().code(), absl::StatusCode::kInvalidArgument);
  proof = ConsistencyProof(5, 4, tree);
  EXPECT_EQ(proof.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(proof.status().message(),
            "no consistency proof from tree size 5 to the smaller tree size 4");
  absl::StatusOr<Hash> range = RangeHash(3, 2, tree);
  EXPECT_EQ(range.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(range.status().message(), "leaf range [3, 2) ends before it begins");
}

TEST(ProofTest, EdgeSizesGiveEmptyProofs) {
  const InMemoryTree tree(Leaves(8));
  EXPECT_TRUE(ConsistencyProof(0, 8, tree).value().empty());
  EXPECT_TRUE(ConsistencyProof(0, 0, tree).value().empty());
  EXPECT_TRUE(ConsistencyProof(8, 8, tree).value().empty());
  EXPECT_TRUE(InclusionProof(0, 1, tree).value().empty());
  EXPECT_EQ(RangeHash(5, 5, tree).value(), EmptyRoot());
}

TEST(ProofTest, ProofsBeyondTheStoredTreeAreNotFound) {
  const InMemoryTree tree(Leaves(8));
  absl::StatusOr<std::vector<Hash>> proof = InclusionProof(0, 9, tree);
  EXPECT_EQ(proof.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(proof.status().message(),
            "reading node (level 0, index 8): node (level 0, index 8) is not complete in a "
            "tree of 8 leaves");
}

TEST(ProofTest, StoreErrorsKeepTheirCodeAndNameTheNode) {
  const UnavailableStore store;
  absl::StatusOr<std::vector<Hash>> proof = InclusionProof(0, 2, store);
  EXPECT_EQ(proof.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(proof.status().message(), "reading node (level 0, index 1): database is locked");
  proof = ConsistencyProof(1, 3, store);
  EXPECT_EQ(proof.status().code(), absl::StatusCode::kUnavailable);
  absl::StatusOr<Hash> root = RootAt(4, store);
  EXPECT_EQ(root.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(root.status().message(), "reading node (level 2, index 0): database is locked");
}

TEST(InMemoryTreeTest, NodeOutsideTheTree) {
  const InMemoryTree tree(Leaves(5));
  EXPECT_EQ(tree.size(), 5u);
  EXPECT_TRUE(tree.Node(2, 0).ok());
  absl::StatusOr<Hash> node = tree.Node(2, 1);
  EXPECT_EQ(node.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(node.status().message(),
            "node (level 2, index 1) is not complete in a tree of 5 leaves");
  node = tree.Node(64, 0);
  EXPECT_EQ(node.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(node.status().message(), "node level 64 is outside 0..63");
  node = tree.Node(-1, 0);
  EXPECT_EQ(node.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace paraat::ledger
