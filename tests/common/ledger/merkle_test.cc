// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/merkle.h"

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::HasSubstr;

// MTH straight from RFC 9162 §2.1.1, recursive, for cross-checking.
Hash ReferenceRoot(absl::Span<const Hash> leaves) {
  if (leaves.empty()) return EmptyRoot();
  if (leaves.size() == 1) return leaves[0];
  const size_t k = std::bit_floor(leaves.size() - 1);
  return NodeHash(ReferenceRoot(leaves.subspan(0, k)), ReferenceRoot(leaves.subspan(k)));
}

TEST(MerkleTest, LeafAndNodeHashesAreDomainSeparated) {
  const Hash a = LeafHash("a");
  const Hash b = LeafHash("b");
  const std::string concatenated = HashToBytes(a) + HashToBytes(b);
  EXPECT_NE(NodeHash(a, b), LeafHash(concatenated));
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
  EXPECT_NE(LeafHash(""), EmptyRoot());
}

TEST(MerkleTest, SpanAndStringLeafHashesAgree) {
  const std::vector<uint8_t> bytes = {0x00, 0xff, 0x10};
  EXPECT_EQ(LeafHash(bytes), LeafHash(std::string("\x00\xff\x10", 3)));
}

TEST(MerkleTest, NodeHashIsSha256OfPrefixAndChildren) {
  // SHA-256(0x01 || LeafHash("") || LeafHash("00")), the level 1 node of the CT tree.
  const Hash left = LeafHash("");
  const Hash right = LeafHash(std::string(1, '\0'));
  EXPECT_EQ(HashToHex(NodeHash(left, right)),
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
}

TEST(MerkleTest, RootFromLeafHashesMatchesTheRecursiveDefinition) {
  std::vector<Hash> leaves;
  for (int n = 0; n <= 130; ++n) {
    EXPECT_EQ(RootFromLeafHashes(leaves), ReferenceRoot(leaves)) << n;
    leaves.push_back(LeafHash(absl::StrCat("entry ", n)));
  }
}

TEST(MerkleTest, HexRoundTrip) {
  const Hash hash = LeafHash("round trip");
  const std::string hex = HashToHex(hash);
  EXPECT_EQ(hex.size(), 64u);
  EXPECT_EQ(HashFromHex(hex).value(), hash);
}

TEST(MerkleTest, HexAcceptsUpperCase) {
  absl::StatusOr<Hash> hash =
      HashFromHex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_EQ(*hash, EmptyRoot());
}

struct BadText {
  std::string text;
  std::string message;
};

TEST(MerkleTest, HexRejectsMalformedText) {
  const std::string good = HashToHex(EmptyRoot());
  // Built by assignment: GCC 12 at -O3 warns falsely (-Wrestrict) on "g" + std::string.
  std::string bad_first = good;
  bad_first[0] = 'g';
  std::string bad_last = good;
  bad_last[63] = ' ';
  const BadText cases[] = {
      {"", "a SHA-256 hash is 64 hexadecimal digits, got 0"},
      {good.substr(1), "a SHA-256 hash is 64 hexadecimal digits, got 63"},
      {good + "0", "a SHA-256 hash is 64 hexadecimal digits, got 65"},
      {bad_first, "has a non-hexadecimal character at position 0"},
      {bad_last, "has a non-hexadecimal character at position 63"},
  };
  for (const BadText& c : cases) {
    absl::StatusOr<Hash> hash = HashFromHex(c.text);
    EXPECT_EQ(hash.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(std::string(hash.status().message()), HasSubstr(c.message)) << c.text;
  }
}

TEST(MerkleTest, Base64RoundTrip) {
  const Hash hash = EmptyRoot();
  EXPECT_EQ(HashToBase64(hash), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(HashFromBase64("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=").value(), hash);
}

TEST(MerkleTest, Base64RejectsNonCanonicalAndWrongLength) {
  const BadText cases[] = {
      {"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "not canonical standard base64"},
      {"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", "not canonical standard base64"},
      {"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=", "not canonical standard base64"},
      {" 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "not canonical standard base64"},
      {"AAAA", "decodes to 3 bytes; a SHA-256 hash is 32 bytes"},
  };
  for (const BadText& c : cases) {
    absl::StatusOr<Hash> hash = HashFromBase64(c.text);
    EXPECT_EQ(hash.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(std::string(hash.status().message()), HasSubstr(c.message)) << c.text;
  }
}

TEST(MerkleTest, BytesRoundTripAndLengthCheck) {
  const Hash hash = LeafHash("bytes");
  EXPECT_EQ(HashFromBytes(HashToBytes(hash)).value(), hash);
  absl::StatusOr<Hash> short_hash = HashFromBytes(std::string(31, 'x'));
  EXPECT_EQ(short_hash.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_hash.status().message(), "a SHA-256 hash is 32 bytes, got 31 bytes");
}

}  // namespace
}  // namespace paraat::ledger
