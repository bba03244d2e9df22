// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/verify.h"

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

using ::testing::HasSubstr;

std::vector<Hash> Leaves(int n) {
  std::vector<Hash> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(LeafHash(absl::StrCat("entry ", i)));
  return leaves;
}

const Hash kSomeHash =
    HashFromHex("abacaba000000000000000000000000000000000000000000060061e00123456").value();

TEST(VerifyInclusionTest, SingleLeafTreeNeedsNoProof) {
  const Hash leaf = LeafHash("data");
  EXPECT_TRUE(VerifyInclusion(0, 1, leaf, {}, leaf).ok());
  const absl::Status status = VerifyInclusion(0, 1, leaf, {}, kSomeHash);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
}

// transparency-dev/merkle TestVerifyInclusion: impossible positions never verify.
TEST(VerifyInclusionTest, ImpossiblePositions) {
  struct Position {
    uint64_t index;
    uint64_t size;
  };
  for (const Position& p : {Position{0, 0}, Position{1, 0}, Position{2, 1}, Position{1, 1}}) {
    const absl::Status status = VerifyInclusion(p.index, p.size, kSomeHash, {}, EmptyRoot());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << p.index << "/" << p.size;
  }
  EXPECT_EQ(VerifyInclusion(2, 1, kSomeHash, {}, kSomeHash).message(),
            "leaf index 2 is not in a tree of size 1 (indices run from 0 to size - 1)");
  // {0, 1} is a possible position; the wrong root makes it fail.
  EXPECT_EQ(VerifyInclusion(0, 1, kSomeHash, {}, EmptyRoot()).code(), absl::StatusCode::kDataLoss);
}

class VerifyInclusionFailureTest : public testing::Test {
 protected:
  VerifyInclusionFailureTest() : leaves_(Leaves(7)), tree_(leaves_) {
    proof_ = InclusionProof(2, 7, tree_).value();  // d g j i -> 3 hashes: d, g, l
    root_ = tree_.Root();
  }

  std::vector<Hash> leaves_;
  InMemoryTree tree_;
  std::vector<Hash> proof_;
  Hash root_;
};

TEST_F(VerifyInclusionFailureTest, TheGoodProofVerifies) {
  ASSERT_EQ(proof_.size(), 3u);
  EXPECT_TRUE(VerifyInclusion(2, 7, leaves_[2], proof_, root_).ok());
  EXPECT_EQ(RootFromInclusionProof(2, 7, leaves_[2], proof_).value(), root_);
}

TEST_F(VerifyInclusionFailureTest, TooManyHashes) {
  std::vector<Hash> longer = proof_;
  longer.push_back(root_);
  const absl::Status status = VerifyInclusion(2, 7, leaves_[2], longer, root_);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(status.message(),
            "inclusion proof for leaf 2 in a tree of size 7 has 4 hashes; it must have 3");
}

TEST_F(VerifyInclusionFailureTest, TooFewHashes) {
  const std::vector<Hash> shorter(proof_.begin(), proof_.end() - 1);
  const absl::Status status = VerifyInclusion(2, 7, leaves_[2], shorter, root_);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(status.message(),
            "inclusion proof for leaf 2 in a tree of size 7 has 2 hashes; it must have 3");
}

TEST_F(VerifyInclusionFailureTest, EveryFlippedBitIsCaught) {
  for (size_t i = 0; i < proof_.size(); ++i) {
    for (size_t byte = 0; byte < kHashSize; ++byte) {
      for (int bit = 0; bit < 8; ++bit) {
        std::vector<Hash> flipped = proof_;
        flipped[i][byte] ^= static_cast<uint8_t>(1 << bit);
        ASSERT_EQ(VerifyInclusion(2, 7, leaves_[2], flipped, root_).code(),
                  absl::StatusCode::kDataLoss)
            << i << "/" << byte << "/" << bit;
      }
    }
  }
}

TEST_F(VerifyInclusionFailureTest, WrongLeafNamesBothRoots) {
  const Hash wrong_leaf = LeafHash("edited entry");
  const Hash reached = RootFromInclusionProof(2, 7, wrong_leaf, proof_).value();
  const absl::Status status = VerifyInclusion(2, 7, wrong_leaf, proof_, root_);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(status.message(),
            absl::StrCat("inclusion proof for leaf 2 (hash ", HashToHex(wrong_leaf),
                         ") leads to root ", HashToHex(reached), ", not to the expected root ",
                         HashToHex(root_), " of the tree of size 7"));
}

TEST_F(VerifyInclusionFailureTest, WrongIndexOrSizeFails) {
  for (uint64_t index = 0; index < 7; ++index) {
    if (index == 2) continue;
    EXPECT_EQ(VerifyInclusion(index, 7, leaves_[2], proof_, root_).code(),
              absl::StatusCode::kDataLoss)
        << index;
  }
  // The probes of transparency-dev/merkle: a tree of another height.
  EXPECT_EQ(VerifyInclusion(2, 14, leaves_[2], proof_, root_).code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(VerifyInclusion(2, 3, leaves_[2], proof_, root_).code(), absl::StatusCode::kDataLoss);
}

// RFC 9162 verification uses the tree size only for the shape of the path: leaf 2 has the
// same path in trees of 5 to 8 leaves, so a proof verifies against root_ with any of them.
// The root is what binds the size, which is why a verifier must take both from the same
// signed checkpoint.
TEST_F(VerifyInclusionFailureTest, TheRootNotTheSizeBindsTheTree) {
  for (uint64_t size : {5, 6, 8}) {
    EXPECT_TRUE(VerifyInclusion(2, size, leaves_[2], proof_, root_).ok()) << size;
  }
  const InMemoryTree eight(Leaves(8));
  EXPECT_EQ(VerifyInclusion(2, 8, leaves_[2], proof_, eight.Root()).code(),
            absl::StatusCode::kDataLoss);
}

// transparency-dev/merkle TestVerifyConsistency.
TEST(VerifyConsistencyTest, EdgeCases) {
  const Hash root1 = LeafHash("don't care 1");
  const Hash root2 = LeafHash("don't care 2");
  const Hash empty = EmptyRoot();
  struct Case {
    uint64_t size1;
    uint64_t size2;
    Hash root1;
    Hash root2;
    std::vector<Hash> proof;
    absl::StatusCode code;
  };
  const Case cases[] = {
      {0, 0, root1, root2, {}, absl::StatusCode::kDataLoss},
      {1, 1, root1, root2, {}, absl::StatusCode::kDataLoss},
      // Sizes that are always consistent.
      {0, 0, root1, root1, {}, absl::StatusCode::kOk},
      {0, 1, root1, root2, {}, absl::StatusCode::kOk},
      {1, 1, root2, root2, {}, absl::StatusCode::kOk},
      // Time travel to the past.
      {1, 0, root1, root2, {}, absl::StatusCode::kInvalidArgument},
      {2, 1, root1, root2, {}, absl::StatusCode::kInvalidArgument},
      // Empty proof.
      {1, 2, root1, root2, {}, absl::StatusCode::kDataLoss},
      // Roots don't match.
      {0, 0, empty, root2, {}, absl::StatusCode::kDataLoss},
      {1, 1, empty, root2, {}, absl::StatusCode::kDataLoss},
      // Roots match but the proof is not empty.
      {0, 0, empty, empty, {empty}, absl::StatusCode::kDataLoss},
      {0, 1, empty, empty, {empty}, absl::StatusCode::kDataLoss},
      {1, 1, empty, empty, {empty}, absl::StatusCode::kDataLoss},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(VerifyConsistency(c.size1, c.size2, c.root1, c.root2, c.proof).code(), c.code)
        << c.size1 << " -> " << c.size2;
  }
}

TEST(VerifyConsistencyTest, Messages) {
  const std::vector<Hash> leaves = Leaves(8);
  const InMemoryTree tree(leaves);
  const Hash root5 = RootAt(5, tree).value();
  const Hash root8 = RootAt(8, tree).value();
  const std::vector<Hash> proof = ConsistencyProof(5, 8, tree).value();

  EXPECT_EQ(VerifyConsistency(9, 8, root5, root8, proof).message(),
            "first tree size 9 is larger than second tree size 8; a log only grows");
  EXPECT_EQ(VerifyConsistency(5, 8, root5, root8, {}).message(),
            "consistency proof from tree size 5 to 8 has 0 hashes; it must have 4");
  std::vector<Hash> longer = proof;
  longer.push_back(root8);
  EXPECT_EQ(VerifyConsistency(5, 8, root5, root8, longer).message(),
            "consistency proof from tree size 5 to 8 has 5 hashes; it must have 4");
  EXPECT_EQ(VerifyConsistency(8, 8, root8, root8, proof).message(),
            "consistency proof from tree size 8 to 8 must be empty, got 4 hashes");
  EXPECT_EQ(VerifyConsistency(8, 8, root5, root8, {}).message(),
            absl::StrCat("two trees of the same size 8 have different roots ", HashToHex(root5),
                         " and ", HashToHex(root8)));

  // A rewritten history: the old tree of size 5 had a different entry 3.
  std::vector<Hash> forged = leaves;
  forged[3] = LeafHash("rewritten");
  const Hash forged_root5 = RootFromLeafHashes(absl::MakeConstSpan(forged).subspan(0, 5));
  const absl::Status status = VerifyConsistency(5, 8, forged_root5, root8, proof);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(absl::StrCat("rebuilds the first root as ", HashToHex(root5),
                                     ", not as the expected ", HashToHex(forged_root5),
                                     ": the first tree is not a prefix of the second")));
  EXPECT_THAT(std::string(VerifyConsistency(5, 8, root5, forged_root5, proof).message()),
              HasSubstr("rebuilds the second root as"));
}

TEST(VerifyConsistencyTest, EveryFlippedBitAndWrongSizeFails) {
  const InMemoryTree tree(Leaves(21));
  for (uint64_t m = 1; m < 21; ++m) {
    const Hash root_m = RootAt(m, tree).value();
    const Hash root_n = RootAt(21, tree).value();
    const std::vector<Hash> proof = ConsistencyProof(m, 21, tree).value();
    ASSERT_TRUE(VerifyConsistency(m, 21, root_m, root_n, proof).ok()) << m;
    for (size_t i = 0; i < proof.size(); ++i) {
      for (size_t byte = 0; byte < kHashSize; byte += 7) {
        std::vector<Hash> flipped = proof;
        flipped[i][byte] ^= 0x40;
        ASSERT_EQ(VerifyConsistency(m, 21, root_m, root_n, flipped).code(),
                  absl::StatusCode::kDataLoss)
            << m << "/" << i << "/" << byte;
      }
    }
    for (uint64_t other = 1; other <= 21; ++other) {
      if (other == m) continue;
      EXPECT_FALSE(VerifyConsistency(other, 21, root_m, root_n, proof).ok()) << m << "/" << other;
    }
    // As for inclusion, only a second size of another shape is caught without the root.
    EXPECT_FALSE(VerifyConsistency(m, 42, root_m, root_n, proof).ok()) << m;
    EXPECT_FALSE(VerifyConsistency(m, 10, root_m, root_n, proof).ok()) << m;
  }
}

}  // namespace
}  // namespace paraat::ledger
