// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/compact_range.h"

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/ledger/node_store.h"
#include "common/ledger/proof.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::ElementsAre;

std::vector<Hash> Leaves(int n) {
  std::vector<Hash> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(LeafHash(absl::StrCat("entry ", i)));
  return leaves;
}

// MTH straight from RFC 9162 §2.1.1.
Hash ReferenceRoot(absl::Span<const Hash> leaves) {
  if (leaves.empty()) return EmptyRoot();
  if (leaves.size() == 1) return leaves[0];
  const size_t k = std::bit_floor(leaves.size() - 1);
  return NodeHash(ReferenceRoot(leaves.subspan(0, k)), ReferenceRoot(leaves.subspan(k)));
}

TEST(CompactRangeTest, EmptyRangeHasTheEmptyRoot) {
  const CompactRange range;
  EXPECT_EQ(range.size(), 0u);
  EXPECT_TRUE(range.hashes().empty());
  EXPECT_EQ(range.Root(), EmptyRoot());
}

TEST(CompactRangeTest, RootMatchesEveryTreeSizeUpTo1000) {
  const std::vector<Hash> leaves = Leaves(1000);
  CompactRange range;
  InMemoryTree tree;
  for (size_t n = 1; n <= leaves.size(); ++n) {
    range.Append(leaves[n - 1]);
    tree.Append(leaves[n - 1]);
    ASSERT_EQ(range.size(), n);
    ASSERT_EQ(range.hashes().size(), static_cast<size_t>(std::popcount(n)));
    const Hash root = range.Root();
    ASSERT_EQ(root, tree.Root()) << n;
    ASSERT_EQ(root, RootFromLeafHashes(absl::MakeConstSpan(leaves).subspan(0, n))) << n;
    ASSERT_EQ(root, ReferenceRoot(absl::MakeConstSpan(leaves).subspan(0, n))) << n;
  }
}

TEST(CompactRangeTest, AppendReportsTheNodesItCompletes) {
  const std::vector<Hash> leaves = Leaves(300);
  CompactRange range;
  InMemoryTree tree;
  for (size_t i = 0; i < leaves.size(); ++i) {
    tree.Append(leaves[i]);
    std::vector<StoredNode> completed;
    range.Append(leaves[i], &completed);
    const std::vector<NodeId> ids = CompletedNodes(i);
    ASSERT_EQ(completed.size(), ids.size()) << i;
    for (size_t k = 0; k < ids.size(); ++k) {
      EXPECT_EQ(completed[k].id, ids[k]) << i;
      EXPECT_EQ(completed[k].hash, tree.Node(ids[k].level, ids[k].index).value()) << i;
    }
  }
}

TEST(CompactRangeTest, CompletedNodesOfSomeLeaves) {
  EXPECT_THAT(CompletedNodes(0), ElementsAre(NodeId{0, 0}));
  EXPECT_THAT(CompletedNodes(1), ElementsAre(NodeId{0, 1}, NodeId{1, 0}));
  EXPECT_THAT(CompletedNodes(6), ElementsAre(NodeId{0, 6}));
  EXPECT_THAT(CompletedNodes(7),
              ElementsAre(NodeId{0, 7}, NodeId{1, 3}, NodeId{2, 1}, NodeId{3, 0}));
  EXPECT_THAT(CompletedNodes(11), ElementsAre(NodeId{0, 11}, NodeId{1, 5}, NodeId{2, 2}));
}

TEST(CompactRangeTest, FrontierNodesTileTheTree) {
  EXPECT_TRUE(CompactRange::FrontierNodes(0).empty());
  EXPECT_THAT(CompactRange::FrontierNodes(1), ElementsAre(NodeId{0, 0}));
  EXPECT_THAT(CompactRange::FrontierNodes(7),
              ElementsAre(NodeId{2, 0}, NodeId{1, 2}, NodeId{0, 6}));
  EXPECT_THAT(CompactRange::FrontierNodes(12), ElementsAre(NodeId{3, 0}, NodeId{2, 2}));
}

TEST(CompactRangeTest, FromStoreEqualsTheAppendedRange) {
  const std::vector<Hash> leaves = Leaves(200);
  const InMemoryTree tree(leaves);
  CompactRange range;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    absl::StatusOr<CompactRange> loaded = CompactRange::FromStore(n, tree);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    EXPECT_EQ(*loaded, range) << n;
    if (n < leaves.size()) range.Append(leaves[n]);
  }
}

TEST(CompactRangeTest, FromStoreNamesTheMissingNode) {
  const InMemoryTree tree(Leaves(4));
  absl::StatusOr<CompactRange> loaded = CompactRange::FromStore(6, tree);
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(loaded.status().message(),
            "reading the frontier of the tree of size 6, node (level 1, index 2): node (level "
            "1, index 2) is not complete in a tree of 4 leaves");
}

TEST(CompactRangeTest, SerializeRoundTripsEverySizeUpTo1000) {
  const std::vector<Hash> leaves = Leaves(1000);
  CompactRange range;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    const std::string bytes = range.Serialize();
    ASSERT_EQ(bytes.size(), 9 + 32 * static_cast<size_t>(std::popcount(n)));
    absl::StatusOr<CompactRange> restored = CompactRange::Deserialize(bytes);
    ASSERT_TRUE(restored.ok()) << restored.status();
    ASSERT_EQ(*restored, range) << n;
    if (n < leaves.size()) range.Append(leaves[n]);
  }
}

TEST(CompactRangeTest, SerializedFormIsVersionSizeAndHashes) {
  CompactRange range;
  for (const Hash& leaf : Leaves(3)) range.Append(leaf);
  const std::string bytes = range.Serialize();
  EXPECT_EQ(bytes.substr(0, 9), std::string("\x01\0\0\0\0\0\0\0\x03", 9));
  EXPECT_EQ(bytes.substr(9), HashToBytes(range.hashes()[0]) + HashToBytes(range.hashes()[1]));
}

TEST(CompactRangeTest, DeserializedRangeKeepsGrowingCorrectly) {
  const std::vector<Hash> leaves = Leaves(100);
  CompactRange range;
  for (int i = 0; i < 37; ++i) range.Append(leaves[i]);
  absl::StatusOr<CompactRange> restored = CompactRange::Deserialize(range.Serialize());
  ASSERT_TRUE(restored.ok()) << restored.status();
  for (int i = 37; i < 100; ++i) restored->Append(leaves[i]);
  EXPECT_EQ(restored->Root(), RootFromLeafHashes(leaves));
}

struct CorruptCase {
  std::string name;
  std::string bytes;
  std::string message;
};

TEST(CompactRangeTest, DeserializeRejectsCorruptBytes) {
  CompactRange range;
  for (const Hash& leaf : Leaves(6)) range.Append(leaf);  // size 6: two hashes
  const std::string good = range.Serialize();
  std::string wrong_version = good;
  wrong_version[0] = '\x02';
  std::string wrong_size = good;
  wrong_size[8] = '\x07';  // size 7 needs three hashes
  const CorruptCase cases[] = {
      {"empty", "", "serialized compact range is 0 bytes, shorter than its 9-byte header"},
      {"short header", good.substr(0, 8),
       "serialized compact range is 8 bytes, shorter than its 9-byte header"},
      {"version", wrong_version,
       "serialized compact range has format version 2; only version 1 is known"},
      {"truncated", good.substr(0, good.size() - 1),
       "serialized compact range for tree size 6 must be 73 bytes (2 hashes), got 72 bytes"},
      {"trailing byte", good + "x",
       "serialized compact range for tree size 6 must be 73 bytes (2 hashes), got 74 bytes"},
      {"size without its hashes", wrong_size,
       "serialized compact range for tree size 7 must be 105 bytes (3 hashes), got 73 bytes"},
      {"header only", good.substr(0, 9),
       "serialized compact range for tree size 6 must be 73 bytes (2 hashes), got 9 bytes"},
  };
  for (const CorruptCase& c : cases) {
    absl::StatusOr<CompactRange> restored = CompactRange::Deserialize(c.bytes);
    EXPECT_EQ(restored.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(restored.status().message(), c.message) << c.name;
  }
}

TEST(CompactRangeTest, FromHashesChecksTheCount) {
  const std::vector<Hash> leaves = Leaves(2);
  absl::StatusOr<CompactRange> range = CompactRange::FromHashes(3, {leaves[0]});
  EXPECT_EQ(range.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(range.status().message(),
            "the frontier of a tree of size 3 has 2 hashes (one per bit set in the size), got 1");
  absl::StatusOr<CompactRange> ok = CompactRange::FromHashes(3, {leaves[0], leaves[1]});
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->Root(), NodeHash(leaves[0], leaves[1]));
}

}  // namespace
}  // namespace paraat::ledger
