// SPDX-License-Identifier: EUPL-1.2
// Crisis-log verification cost at 1,000,000 entries: recomputing the whole tree from the
// entries (the work of `paraat-server verify` and `paraat crisis verify`), and building and
// checking proofs against an in-memory tree. The baseline of full verification is the
// machine's SHA-256 over the same entries, one call per entry, no tree. Prints figures (also
// through Figure() for ./scripts/bench); never fails on time.
#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "tests/bench/support/figures.h"
#include "tests/bench/support/gbench.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/compact_range.h"
#include "common/ledger/ed25519.h"
#include "common/ledger/merkle.h"
#include "common/ledger/node_store.h"
#include "common/ledger/note.h"
#include "common/ledger/proof.h"
#include "common/ledger/verify.h"

namespace paraat::ledger {
namespace {

constexpr uint64_t kEntries = 1'000'000;
constexpr size_t kEntrySize = 200;

// One million 200-byte stand-ins for encoded crisis log entries, in one buffer.
const std::string& Entries() {
  static const std::string* const entries = [] {
    auto* buffer = new std::string;
    buffer->reserve(kEntries * kEntrySize);
    std::mt19937_64 random(7);
    for (uint64_t i = 0; i < kEntries; ++i) {
      std::string entry = absl::StrFormat(
          "crisis=7;seq=%d;at=2026-03-30T09:%02d:%02dZ;author=officer-%d;kind=observation;text=", i,
          (i / 60) % 60, i % 60, random() % 500);
      while (entry.size() < kEntrySize) entry.push_back(static_cast<char>('a' + random() % 26));
      buffer->append(entry, 0, kEntrySize);
    }
    return buffer;
  }();
  return *entries;
}

absl::string_view Entry(uint64_t i) {
  return absl::string_view(Entries()).substr(i * kEntrySize, kEntrySize);
}

const InMemoryTree& MillionTree() {
  static const InMemoryTree* const tree = [] {
    auto* t = new InMemoryTree;
    for (uint64_t i = 0; i < kEntries; ++i) t->Append(LeafHash(Entry(i)));
    return t;
  }();
  return *tree;
}

// Counts node reads, to report how many a database-backed store would do.
class CountingStore final : public NodeStore {
 public:
  explicit CountingStore(const NodeStore& store) : store_(store) {}
  absl::StatusOr<Hash> Node(int level, uint64_t index) const override {
    ++reads_;
    return store_.Node(level, index);
  }
  uint64_t reads() const { return reads_; }

 private:
  const NodeStore& store_;
  mutable uint64_t reads_ = 0;
};

// Full verification: hash every entry and recompute the root, as `verify` does.
void BM_VerifyMillionEntries(benchmark::State& state) {
  Entries();
  const Hash expected = MillionTree().Root();
  for (auto _ : state) {
    CompactRange range;
    for (uint64_t i = 0; i < kEntries; ++i) range.Append(LeafHash(Entry(i)));
    const Hash root = range.Root();
    if (root != expected) state.SkipWithError("root mismatch");
    benchmark::DoNotOptimize(root);
  }
  state.counters["entries/s"] = benchmark::Counter(static_cast<double>(kEntries),
                                                   benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kEntries * kEntrySize));
}
BENCHMARK(BM_VerifyMillionEntries)->Unit(benchmark::kMillisecond)->MinTime(3);

// The baseline: SHA-256 of every entry with OpenSSL, one call per entry and nothing else,
// i.e. what hashing the same bytes costs on this machine without the tree.
void BM_Sha256EachEntryBaseline(benchmark::State& state) {
  Entries();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  const EVP_MD* sha256 = EVP_sha256();
  for (auto _ : state) {
    for (uint64_t i = 0; i < kEntries; ++i) {
      const absl::string_view e = Entry(i);
      EVP_Digest(e.data(), e.size(), digest, &size, sha256, nullptr);
      benchmark::DoNotOptimize(digest);
    }
  }
  state.counters["entries/s"] = benchmark::Counter(static_cast<double>(kEntries),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Sha256EachEntryBaseline)->Unit(benchmark::kMillisecond)->MinTime(3);

// The tree part alone, from precomputed leaf hashes.
void BM_RootFromMillionLeafHashes(benchmark::State& state) {
  std::vector<Hash> leaf_hashes;
  leaf_hashes.reserve(kEntries);
  for (uint64_t i = 0; i < kEntries; ++i) leaf_hashes.push_back(MillionTree().Node(0, i).value());
  for (auto _ : state) benchmark::DoNotOptimize(RootFromLeafHashes(leaf_hashes));
  state.counters["leaves/s"] = benchmark::Counter(static_cast<double>(kEntries),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RootFromMillionLeafHashes)->Unit(benchmark::kMillisecond);

void BM_InclusionProofAtMillion(benchmark::State& state) {
  const InMemoryTree& tree = MillionTree();
  CountingStore store(tree);
  std::mt19937_64 random(1);
  uint64_t hashes = 0;
  for (auto _ : state) {
    absl::StatusOr<std::vector<Hash>> proof = InclusionProof(random() % kEntries, kEntries, store);
    if (!proof.ok()) state.SkipWithError("proof failed");
    hashes += proof->size();
    benchmark::DoNotOptimize(proof);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["proof_hashes"] = static_cast<double>(hashes) / n;
  state.counters["proof_bytes"] = static_cast<double>(hashes * kHashSize) / n;
  state.counters["node_reads"] = static_cast<double>(store.reads()) / n;
}
BENCHMARK(BM_InclusionProofAtMillion);

void BM_VerifyInclusionAtMillion(benchmark::State& state) {
  const InMemoryTree& tree = MillionTree();
  const Hash root = tree.Root();
  const uint64_t index = 123'456;
  const std::vector<Hash> proof = InclusionProof(index, kEntries, tree).value();
  const Hash leaf = LeafHash(Entry(index));
  for (auto _ : state) {
    if (!VerifyInclusion(index, kEntries, leaf, proof, root).ok()) state.SkipWithError("bad");
  }
  state.counters["proof_hashes"] = static_cast<double>(proof.size());
}
BENCHMARK(BM_VerifyInclusionAtMillion);

void BM_ConsistencyProofAtMillion(benchmark::State& state) {
  const InMemoryTree& tree = MillionTree();
  CountingStore store(tree);
  std::mt19937_64 random(2);
  uint64_t hashes = 0;
  for (auto _ : state) {
    absl::StatusOr<std::vector<Hash>> proof =
        ConsistencyProof(1 + random() % (kEntries - 1), kEntries, store);
    if (!proof.ok()) state.SkipWithError("proof failed");
    hashes += proof->size();
    benchmark::DoNotOptimize(proof);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["proof_hashes"] = static_cast<double>(hashes) / n;
  state.counters["node_reads"] = static_cast<double>(store.reads()) / n;
}
BENCHMARK(BM_ConsistencyProofAtMillion);

// The cost of one fresh checkpoint, and of checking one.
void BM_SignCheckpoint(benchmark::State& state) {
  const NoteSigner signer =
      NoteSigner::Create("paraat.example", Ed25519PrivateKey::Generate().value()).value();
  Checkpoint checkpoint{.origin = "paraat.example/crisis/7",
                        .tree_size = kEntries,
                        .root_hash = MillionTree().Root(),
                        .extensions = {}};
  for (auto _ : state) benchmark::DoNotOptimize(SignCheckpoint(checkpoint, signer));
}
BENCHMARK(BM_SignCheckpoint);

void BM_OpenCheckpoint(benchmark::State& state) {
  const NoteSigner signer =
      NoteSigner::Create("paraat.example", Ed25519PrivateKey::Generate().value()).value();
  Checkpoint checkpoint{.origin = "paraat.example/crisis/7",
                        .tree_size = kEntries,
                        .root_hash = MillionTree().Root(),
                        .extensions = {}};
  const std::string note = SignCheckpoint(checkpoint, signer).value();
  const NoteVerifier verifier = signer.verifier();
  for (auto _ : state) {
    absl::StatusOr<Checkpoint> opened = OpenCheckpoint(note, "paraat.example/crisis/7", {verifier});
    if (!opened.ok()) state.SkipWithError("open failed");
  }
}
BENCHMARK(BM_OpenCheckpoint);

}  // namespace
}  // namespace paraat::ledger

int main(int argc, char** argv) {
  using paraat::bench::Figure;
  const paraat::bench::BenchmarkRun run = paraat::bench::RunGoogleBenchmarks(argc, argv);
  const auto* verify = run.Find("BM_VerifyMillionEntries");
  const auto* sha = run.Find("BM_Sha256EachEntryBaseline");
  if (verify != nullptr) {
    const double rate = verify->counter("entries/s").value_or(0);
    const std::optional<double> base =
        sha != nullptr ? sha->counter("entries/s") : std::optional<double>();
    Figure({.area = "ledger",
            .figure = "full verification of a 1,000,000-entry crisis (leaf hashes and root)",
            .value = rate,
            .unit = "entries/s",
            .baseline = "OpenSSL SHA-256 of each entry alone, no tree",
            .baseline_value = base,
            .goal = ">= 500000 entries/s",
            .met = rate >= 500'000});
  }
  if (const auto* r = run.Find("BM_InclusionProofAtMillion")) {
    Figure({.area = "ledger",
            .figure = "inclusion proof at 1,000,000 entries: size",
            .value = r->counter("proof_bytes").value_or(0),
            .unit = "bytes"});
    Figure({.area = "ledger",
            .figure = "inclusion proof at 1,000,000 entries: build (node reads from the tree)",
            .value = r->cpu_us(),
            .unit = "us"});
  }
  if (const auto* r = run.Find("BM_VerifyInclusionAtMillion")) {
    Figure({.area = "ledger",
            .figure = "inclusion proof at 1,000,000 entries: verify",
            .value = r->cpu_us(),
            .unit = "us"});
  }
  if (const auto* r = run.Find("BM_ConsistencyProofAtMillion")) {
    Figure({.area = "ledger",
            .figure = "consistency proof at 1,000,000 entries: build",
            .value = r->cpu_us(),
            .unit = "us"});
  }
  return run.errors > 0 ? 1 : 0;
}
