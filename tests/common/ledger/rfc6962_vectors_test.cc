// SPDX-License-Identifier: EUPL-1.2
// The RFC 6962 reference tree used by Certificate Transparency: eight leaves, the root of
// every prefix, every complete node, and the known inclusion and consistency proofs.
// Copied from google/certificate-transparency cpp/merkletree/merkle_tree_test.cc and
// transparency-dev/merkle (testonly/constants.go, proof/verify_test.go,
// rfc6962/rfc6962_test.go). CT numbers leaves from 1 in its path vectors; here from 0.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/ledger/compact_range.h"
#include "common/ledger/merkle.h"
#include "common/ledger/node_store.h"
#include "common/ledger/proof.h"
#include "common/ledger/verify.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::ElementsAreArray;

// The leaf inputs, hex.
const char* const kLeafInputs[8] = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
};

// kRoots[n] is the root of the tree of the first n leaves.
const char* const kRoots[9] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

// kNodeHashes[level][index] for every complete node of the 8-leaf tree.
const std::vector<std::vector<std::string>> kNodeHashes = {
    {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    },
    {
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    },
    {
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    },
    {
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    },
};

struct InclusionVector {
  uint64_t index;
  uint64_t tree_size;
  std::vector<std::string> proof;
};

const InclusionVector kInclusionVectors[] = {
    {0, 1, {}},
    {0,
     8,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {5,
     8,
     {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
    {1,
     5,
     {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
};

struct ConsistencyVector {
  uint64_t first_size;
  uint64_t second_size;
  std::vector<std::string> proof;
};

const ConsistencyVector kConsistencyVectors[] = {
    {1, 1, {}},
    {1,
     8,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {6,
     8,
     {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2,
     5,
     {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
    {6,
     7,
     {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
};

Hash H(const std::string& hex) {
  absl::StatusOr<Hash> hash = HashFromHex(hex);
  EXPECT_TRUE(hash.ok()) << hash.status();
  return hash.value_or(Hash{});
}

std::vector<Hash> Hashes(const std::vector<std::string>& hexes) {
  std::vector<Hash> hashes;
  for (const std::string& hex : hexes) hashes.push_back(H(hex));
  return hashes;
}

std::vector<Hash> ReferenceLeafHashes() {
  std::vector<Hash> leaf_hashes;
  for (const char* input : kLeafInputs) {
    leaf_hashes.push_back(LeafHash(absl::HexStringToBytes(input)));
  }
  return leaf_hashes;
}

std::vector<std::string> Hex(const std::vector<Hash>& hashes) {
  std::vector<std::string> hexes;
  for (const Hash& hash : hashes) hexes.push_back(HashToHex(hash));
  return hexes;
}

TEST(Rfc6962HasherTest, KnownHashes) {
  // From transparency-dev/merkle rfc6962_test.go.
  EXPECT_EQ(HashToHex(EmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashToHex(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(HashToHex(LeafHash("L123456")),
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
}

TEST(Rfc6962VectorsTest, RootOfEveryPrefix) {
  const std::vector<Hash> leaf_hashes = ReferenceLeafHashes();
  CompactRange range;
  InMemoryTree tree;
  for (size_t n = 0; n <= leaf_hashes.size(); ++n) {
    SCOPED_TRACE(n);
    const absl::Span<const Hash> prefix = absl::MakeConstSpan(leaf_hashes).subspan(0, n);
    EXPECT_EQ(HashToHex(RootFromLeafHashes(prefix)), kRoots[n]);
    EXPECT_EQ(HashToHex(range.Root()), kRoots[n]);
    EXPECT_EQ(HashToHex(tree.Root()), kRoots[n]);
    if (n < leaf_hashes.size()) {
      range.Append(leaf_hashes[n]);
      tree.Append(leaf_hashes[n]);
    }
  }
  // Every smaller tree's root, read from the store of the whole tree.
  for (size_t n = 0; n <= leaf_hashes.size(); ++n) {
    absl::StatusOr<Hash> root = RootAt(n, tree);
    ASSERT_TRUE(root.ok()) << root.status();
    EXPECT_EQ(HashToHex(*root), kRoots[n]) << n;
  }
}

TEST(Rfc6962VectorsTest, EveryCompleteNode) {
  const InMemoryTree tree(ReferenceLeafHashes());
  for (size_t level = 0; level < kNodeHashes.size(); ++level) {
    for (size_t index = 0; index < kNodeHashes[level].size(); ++index) {
      absl::StatusOr<Hash> node = tree.Node(static_cast<int>(level), index);
      ASSERT_TRUE(node.ok()) << node.status();
      EXPECT_EQ(HashToHex(*node), kNodeHashes[level][index]) << level << "," << index;
    }
  }
}

TEST(Rfc6962VectorsTest, CompactRangeOfEveryPrefix) {
  // transparency-dev/merkle testonly.CompactTrees(): the frontier of each prefix.
  const std::vector<std::vector<std::string>> want = {
      {},
      {kNodeHashes[0][0]},
      {kNodeHashes[1][0]},
      {kNodeHashes[1][0], kNodeHashes[0][2]},
      {kNodeHashes[2][0]},
      {kNodeHashes[2][0], kNodeHashes[0][4]},
      {kNodeHashes[2][0], kNodeHashes[1][2]},
      {kNodeHashes[2][0], kNodeHashes[1][2], kNodeHashes[0][6]},
      {kNodeHashes[3][0]},
  };
  const std::vector<Hash> leaf_hashes = ReferenceLeafHashes();
  CompactRange range;
  for (size_t n = 0; n <= leaf_hashes.size(); ++n) {
    EXPECT_THAT(Hex(range.hashes()), ElementsAreArray(want[n])) << n;
    if (n < leaf_hashes.size()) range.Append(leaf_hashes[n]);
  }
}

TEST(Rfc6962VectorsTest, InclusionProofs) {
  const std::vector<Hash> leaf_hashes = ReferenceLeafHashes();
  const InMemoryTree tree(leaf_hashes);
  for (const InclusionVector& v : kInclusionVectors) {
    SCOPED_TRACE(testing::Message() << "leaf " << v.index << " of " << v.tree_size);
    absl::StatusOr<std::vector<Hash>> proof = InclusionProof(v.index, v.tree_size, tree);
    ASSERT_TRUE(proof.ok()) << proof.status();
    EXPECT_THAT(Hex(*proof), ElementsAreArray(v.proof));
    EXPECT_TRUE(VerifyInclusion(v.index, v.tree_size, leaf_hashes[v.index], Hashes(v.proof),
                                H(kRoots[v.tree_size]))
                    .ok());
  }
}

TEST(Rfc6962VectorsTest, ConsistencyProofs) {
  const InMemoryTree tree(ReferenceLeafHashes());
  for (const ConsistencyVector& v : kConsistencyVectors) {
    SCOPED_TRACE(testing::Message() << v.first_size << " -> " << v.second_size);
    absl::StatusOr<std::vector<Hash>> proof = ConsistencyProof(v.first_size, v.second_size, tree);
    ASSERT_TRUE(proof.ok()) << proof.status();
    EXPECT_THAT(Hex(*proof), ElementsAreArray(v.proof));
    EXPECT_TRUE(VerifyConsistency(v.first_size, v.second_size, H(kRoots[v.first_size]),
                                  H(kRoots[v.second_size]), Hashes(v.proof))
                    .ok());
  }
}

// The probes of transparency-dev/merkle's corruptInclusionProof that fit fixed-size hashes:
// each must be rejected.
TEST(Rfc6962VectorsTest, CorruptedInclusionProofsFail) {
  const std::vector<Hash> leaf_hashes = ReferenceLeafHashes();
  const Hash some_hash = H("abacaba000000000000000000000000000000000000000000060061e00123456");
  for (const InclusionVector& v : kInclusionVectors) {
    SCOPED_TRACE(testing::Message() << "leaf " << v.index << " of " << v.tree_size);
    const std::vector<Hash> proof = Hashes(v.proof);
    const Hash root = H(kRoots[v.tree_size]);
    const Hash leaf = leaf_hashes[v.index];
    const auto fails = [](const absl::Status& status) { return !status.ok(); };
    EXPECT_PRED1(fails, VerifyInclusion(v.index - 1, v.tree_size, leaf, proof, root));
    EXPECT_PRED1(fails, VerifyInclusion(v.index + 1, v.tree_size, leaf, proof, root));
    EXPECT_PRED1(fails, VerifyInclusion(v.index ^ 2, v.tree_size, leaf, proof, root));
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size * 2, leaf, proof, root));
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size / 2, leaf, proof, root));
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, LeafHash("WrongLeaf"), proof, root));
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, proof, EmptyRoot()));
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, proof, some_hash));
    std::vector<Hash> longer = proof;
    longer.push_back(root);
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, longer, root));
    longer = proof;
    longer.insert(longer.begin(), root);
    EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, longer, root));
    for (size_t i = 0; i < proof.size(); ++i) {
      std::vector<Hash> flipped = proof;
      flipped[i][0] ^= 8;
      EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, flipped, root)) << i;
    }
    if (!proof.empty()) {
      const std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
      EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, shorter, root));
    }
    if (proof.size() > 1) {
      std::vector<Hash> inserted = proof;
      inserted.insert(inserted.begin() + 1, some_hash);
      EXPECT_PRED1(fails, VerifyInclusion(v.index, v.tree_size, leaf, inserted, root));
    }
  }
}

// The probes of transparency-dev/merkle's corruptConsistencyProof, for the non-trivial
// vectors.
TEST(Rfc6962VectorsTest, CorruptedConsistencyProofsFail) {
  for (const ConsistencyVector& v : kConsistencyVectors) {
    if (v.proof.empty()) continue;
    SCOPED_TRACE(testing::Message() << v.first_size << " -> " << v.second_size);
    const std::vector<Hash> proof = Hashes(v.proof);
    const Hash root1 = H(kRoots[v.first_size]);
    const Hash root2 = H(kRoots[v.second_size]);
    const uint64_t m = v.first_size;
    const uint64_t n = v.second_size;
    const auto fails = [](const absl::Status& status) { return !status.ok(); };
    EXPECT_PRED1(fails, VerifyConsistency(m - 1, n, root1, root2, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m + 1, n, root1, root2, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m ^ 2, n, root1, root2, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m, n * 2, root1, root2, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m, n / 2, root1, root2, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m, n, LeafHash("WrongRoot"), root2, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, LeafHash("WrongRoot"), proof));
    EXPECT_PRED1(fails, VerifyConsistency(m, n, root2, root1, proof));
    EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, root2, {}));
    for (const Hash& extra : {root1, root2}) {
      std::vector<Hash> longer = proof;
      longer.push_back(extra);
      EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, root2, longer));
      longer = proof;
      longer.insert(longer.begin(), extra);
      EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, root2, longer));
    }
    std::vector<Hash> repeated = proof;
    repeated.insert(repeated.begin(), proof[0]);
    EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, root2, repeated));
    const std::vector<Hash> truncated(proof.begin(), proof.end() - 1);
    EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, root2, truncated));
    for (size_t i = 0; i < proof.size(); ++i) {
      std::vector<Hash> flipped = proof;
      flipped[i][0] ^= 16;
      EXPECT_PRED1(fails, VerifyConsistency(m, n, root1, root2, flipped)) << i;
    }
  }
}

}  // namespace
}  // namespace paraat::ledger
