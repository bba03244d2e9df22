// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/compact_range.h"

#include <bit>
#include <cassert>
#include <cstring>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::ledger {
namespace {

constexpr uint8_t kFormatVersion = 0x01;
constexpr size_t kHeaderSize = 1 + 8;

}  // namespace

absl::StatusOr<CompactRange> CompactRange::FromHashes(uint64_t size, std::vector<Hash> hashes) {
  const size_t want = static_cast<size_t>(std::popcount(size));
  if (hashes.size() != want) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the frontier of a tree of size %d has %d hashes (one per bit set in the size), got %d",
        size, want, hashes.size()));
  }
  return CompactRange(size, std::move(hashes));
}

std::vector<NodeId> CompactRange::FrontierNodes(uint64_t size) {
  std::vector<NodeId> nodes;
  for (int level = kMaxLevel; level >= 0; --level) {
    if (((size >> level) & 1) == 0) continue;
    // The subtree ends where the bits of `size` above and at `level` end.
    nodes.push_back(NodeId{level, (size >> level) - 1});
  }
  return nodes;
}

absl::StatusOr<CompactRange> CompactRange::FromStore(uint64_t size, const NodeStore& store) {
  std::vector<Hash> hashes;
  for (const NodeId& id : FrontierNodes(size)) {
    absl::StatusOr<Hash> hash = store.Node(id.level, id.index);
    if (!hash.ok()) {
      return absl::Status(hash.status().code(),
                          absl::StrFormat("reading the frontier of the tree of size %d, node "
                                          "(level %d, index %d): %s",
                                          size, id.level, id.index, hash.status().message()));
    }
    hashes.push_back(*hash);
  }
  return CompactRange(size, std::move(hashes));
}

void CompactRange::Append(const Hash& leaf_hash, std::vector<StoredNode>* completed) {
  assert(size_ < std::numeric_limits<uint64_t>::max());
  // Like incrementing a binary counter: every trailing 1 bit of size_ is a frontier subtree
  // that the new leaf's subtree merges into.
  Hash hash = leaf_hash;
  uint64_t index = size_;
  int level = 0;
  if (completed != nullptr) completed->push_back(StoredNode{NodeId{0, index}, hash});
  while ((index & 1) == 1) {
    hash = NodeHash(hashes_.back(), hash);
    hashes_.pop_back();
    index >>= 1;
    ++level;
    if (completed != nullptr) completed->push_back(StoredNode{NodeId{level, index}, hash});
  }
  hashes_.push_back(hash);
  ++size_;
}

Hash CompactRange::Root() const {
  if (hashes_.empty()) return EmptyRoot();
  // RFC 6962 splits at the largest power of two below the size, so the smallest subtrees,
  // on the right, are combined first.
  Hash root = hashes_.back();
  for (size_t i = hashes_.size() - 1; i > 0; --i) root = NodeHash(hashes_[i - 1], root);
  return root;
}

std::string CompactRange::Serialize() const {
  std::string bytes;
  bytes.reserve(kHeaderSize + hashes_.size() * kHashSize);
  bytes.push_back(static_cast<char>(kFormatVersion));
  for (int shift = 56; shift >= 0; shift -= 8) {
    bytes.push_back(static_cast<char>((size_ >> shift) & 0xff));
  }
  for (const Hash& hash : hashes_) bytes.append(HashToBytes(hash));
  return bytes;
}

absl::StatusOr<CompactRange> CompactRange::Deserialize(absl::string_view bytes) {
  if (bytes.size() < kHeaderSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("serialized compact range is %d bytes, shorter than its %d-byte header",
                        bytes.size(), kHeaderSize));
  }
  const uint8_t version = static_cast<uint8_t>(bytes[0]);
  if (version != kFormatVersion) {
    return absl::InvalidArgumentError(
        absl::StrFormat("serialized compact range has format version %d; only version %d is "
                        "known",
                        version, kFormatVersion));
  }
  uint64_t size = 0;
  for (size_t i = 1; i < kHeaderSize; ++i) size = (size << 8) | static_cast<uint8_t>(bytes[i]);
  const size_t count = static_cast<size_t>(std::popcount(size));
  const size_t want = kHeaderSize + count * kHashSize;
  if (bytes.size() != want) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "serialized compact range for tree size %d must be %d bytes (%d hashes), got %d bytes",
        size, want, count, bytes.size()));
  }
  std::vector<Hash> hashes(count);
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(hashes[i].data(), bytes.data() + kHeaderSize + i * kHashSize, kHashSize);
  }
  return CompactRange(size, std::move(hashes));
}

}  // namespace paraat::ledger
