// SPDX-License-Identifier: EUPL-1.2
// The ledger's parsers of untrusted text and its proof checkers (common/ledger): verifier key
// strings, signed notes, checkpoint texts, serialized compact ranges, hashes in hex and
// base64, and inclusion and consistency proofs against a real tree.
//
// The first byte picks what is fuzzed. Besides "no crash, no sanitizer report", each parser
// is checked to be strict and canonical: what it accepts formats back to the same bytes, and
// what it refuses is refused with INVALID_ARGUMENT (or the documented code) and a message.
// Proofs: a real proof verifies, and a proof, leaf, size or root changed by the fuzzer does
// not, unless it is still true.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/compact_range.h"
#include "common/ledger/ed25519.h"
#include "common/ledger/merkle.h"
#include "common/ledger/node_store.h"
#include "common/ledger/note.h"
#include "common/ledger/proof.h"
#include "common/ledger/verify.h"
#include "fuzz/support/check.h"

namespace paraat::ledger {
namespace {

using fuzz::Check;
using fuzz::CheckRefusal;

const NoteSigner& Signer() {
  static const NoteSigner* const signer = [] {
    std::vector<uint8_t> seed(32, 7);
    auto key = Ed25519PrivateKey::FromSeed(seed);
    Check(key.ok(), "fixed key");
    auto s = NoteSigner::Create("paraat.fuzz", *std::move(key));
    Check(s.ok(), "fixed signer");
    return new NoteSigner(*std::move(s));
  }();
  return *signer;
}

void FuzzKeyString(absl::string_view text) {
  absl::StatusOr<NoteVerifier> v = NoteVerifier::FromKeyString(text);
  if (!v.ok()) {
    CheckRefusal(v.status(), {absl::StatusCode::kInvalidArgument}, "FromKeyString");
    return;
  }
  // Canonical apart from the case of the key ID's hex digits.
  Check(absl::AsciiStrToLower(v->KeyString()) == absl::AsciiStrToLower(text),
        "a verifier key does not format back to itself");
  absl::StatusOr<NoteVerifier> again = NoteVerifier::FromKeyString(v->KeyString());
  Check(again.ok() && again->KeyString() == v->KeyString(), "KeyString does not parse back");
}

void FuzzNote(absl::string_view text) {
  absl::StatusOr<Note> note = ParseNote(text);
  if (!note.ok()) {
    CheckRefusal(note.status(), {absl::StatusCode::kInvalidArgument}, "ParseNote");
  } else {
    // Rebuild the note from its parts: it must be the same bytes.
    std::string rebuilt = note->text + "\n";
    for (const NoteSignature& s : note->signatures) {
      std::string bytes = {static_cast<char>(s.key_id >> 24), static_cast<char>(s.key_id >> 16),
                           static_cast<char>(s.key_id >> 8), static_cast<char>(s.key_id)};
      bytes += s.signature;
      absl::StrAppend(&rebuilt, "\xE2\x80\x94 ", s.key_name, " ", absl::Base64Escape(bytes), "\n");
    }
    Check(rebuilt == text, "a parsed note does not rebuild to the same bytes");
  }
  const NoteVerifier trusted[] = {Signer().verifier()};
  absl::StatusOr<std::string> opened = OpenNote(text, trusted);
  if (!opened.ok()) {
    CheckRefusal(opened.status(),
                 {absl::StatusCode::kInvalidArgument, absl::StatusCode::kNotFound,
                  absl::StatusCode::kDataLoss},
                 "OpenNote");
  }
  // Whatever Sign accepts, OpenNote opens to the same text; and a changed byte is caught.
  absl::StatusOr<std::string> signed_note = Signer().Sign(text);
  if (!signed_note.ok()) {
    CheckRefusal(signed_note.status(), {absl::StatusCode::kInvalidArgument}, "Sign");
    return;
  }
  absl::StatusOr<std::string> back = OpenNote(*signed_note, trusted);
  Check(back.ok() && *back == text, "a note signed by a trusted key does not open to its text");
  std::string tampered = *signed_note;
  tampered[text.size() / 2] ^= 0x01;
  absl::StatusOr<std::string> t = OpenNote(tampered, trusted);
  Check(!t.ok() || *t == text, "a tampered note opened to another text");
}

void FuzzCheckpoint(absl::string_view text) {
  absl::StatusOr<Checkpoint> cp = ParseCheckpoint(text);
  if (!cp.ok()) {
    CheckRefusal(cp.status(), {absl::StatusCode::kInvalidArgument}, "ParseCheckpoint");
    return;
  }
  absl::StatusOr<std::string> formatted = FormatCheckpoint(*cp);
  Check(formatted.ok() && *formatted == text, "a checkpoint does not format back to its text");
  absl::StatusOr<std::string> signed_cp = SignCheckpoint(*cp, Signer());
  if (!signed_cp.ok()) {
    // The note layer also wants UTF-8.
    CheckRefusal(signed_cp.status(), {absl::StatusCode::kInvalidArgument}, "SignCheckpoint");
    return;
  }
  const NoteVerifier trusted[] = {Signer().verifier()};
  absl::StatusOr<Checkpoint> opened = OpenCheckpoint(*signed_cp, cp->origin, trusted);
  Check(opened.ok() && *opened == *cp, "a signed checkpoint does not open to itself");
  absl::StatusOr<Checkpoint> other = OpenCheckpoint(*signed_cp, cp->origin + "x", trusted);
  Check(!other.ok() && other.status().code() == absl::StatusCode::kInvalidArgument,
        "a checkpoint opened for another origin");
}

void FuzzHashes(absl::string_view text) {
  if (absl::StatusOr<Hash> h = HashFromHex(text); h.ok()) {
    Check(HashToHex(*h) == absl::AsciiStrToLower(text), "hex hash does not round-trip");
  } else {
    CheckRefusal(h.status(), {absl::StatusCode::kInvalidArgument}, "HashFromHex");
  }
  if (absl::StatusOr<Hash> h = HashFromBase64(text); h.ok()) {
    Check(HashToBase64(*h) == text, "base64 hash is not canonical");
  } else {
    CheckRefusal(h.status(), {absl::StatusCode::kInvalidArgument}, "HashFromBase64");
  }
  if (absl::StatusOr<CompactRange> r = CompactRange::Deserialize(text); r.ok()) {
    Check(r->Serialize() == text, "a compact range does not serialize back to its bytes");
    (void)r->Root();
  } else {
    CheckRefusal(r.status(), {absl::StatusCode::kInvalidArgument}, "CompactRange::Deserialize");
  }
}

Hash TakeHash(FuzzedDataProvider& in) {
  Hash h{};
  const std::vector<uint8_t> bytes = in.ConsumeBytes<uint8_t>(h.size());
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

void FuzzProofs(FuzzedDataProvider& in) {
  const uint64_t size = in.ConsumeIntegralInRange<uint64_t>(0, 70);
  InMemoryTree tree;
  CompactRange range;
  for (uint64_t i = 0; i < size; ++i) {
    const Hash leaf = LeafHash(absl::StrCat("leaf ", i));
    tree.Append(leaf);
    range.Append(leaf);
  }
  Check(range.Root() == tree.Root(), "compact range and tree disagree on the root");
  Check(RootFromLeafHashes([&] {
          std::vector<Hash> leaves;
          for (uint64_t i = 0; i < size; ++i) leaves.push_back(LeafHash(absl::StrCat("leaf ", i)));
          return leaves;
        }()) == tree.Root(),
        "RootFromLeafHashes disagrees with the tree");
  // Arbitrary claims: never a crash; OK only when true.
  const uint64_t index = in.ConsumeBool() ? in.ConsumeIntegral<uint64_t>()
                                          : in.ConsumeIntegralInRange<uint64_t>(0, 80);
  const uint64_t claimed = in.ConsumeBool() ? in.ConsumeIntegral<uint64_t>()
                                            : in.ConsumeIntegralInRange<uint64_t>(0, 80);
  absl::StatusOr<std::vector<Hash>> real = InclusionProof(index, size, tree);
  if (index < size) {
    Check(real.ok(), "no inclusion proof for a leaf in the tree");
    const Hash leaf = LeafHash(absl::StrCat("leaf ", index));
    Check(VerifyInclusion(index, size, leaf, *real, tree.Root()).ok(),
          "a real inclusion proof does not verify");
    std::vector<Hash> proof = *real;
    const int edit = in.ConsumeIntegralInRange<int>(0, 3);
    if (edit == 0 && !proof.empty()) proof[in.ConsumeIntegralInRange<size_t>(0, proof.size() - 1)] = TakeHash(in);
    if (edit == 1) proof.push_back(TakeHash(in));
    if (edit == 2 && !proof.empty()) proof.pop_back();
    const Hash other_leaf = in.ConsumeBool() ? leaf : TakeHash(in);
    absl::Status s = VerifyInclusion(index, claimed, other_leaf, proof, tree.Root());
    if (s.ok()) {
      Check(other_leaf == leaf, "an inclusion proof verified for a leaf that is not in the tree");
    } else {
      CheckRefusal(s, {absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss},
                   "VerifyInclusion");
    }
  } else {
    CheckRefusal(real.status(), {absl::StatusCode::kInvalidArgument}, "InclusionProof");
  }
  const uint64_t first = in.ConsumeIntegralInRange<uint64_t>(0, size);
  absl::StatusOr<std::vector<Hash>> cons = ConsistencyProof(first, size, tree);
  Check(cons.ok(), "no consistency proof within the tree");
  absl::StatusOr<Hash> first_root = RootAt(first, tree);
  Check(first_root.ok(), "RootAt failed");
  Check(VerifyConsistency(first, size, *first_root, tree.Root(), *cons).ok(),
        "a real consistency proof does not verify");
  std::vector<Hash> proof = *cons;
  if (!proof.empty() && in.ConsumeBool()) {
    proof[in.ConsumeIntegralInRange<size_t>(0, proof.size() - 1)] = TakeHash(in);
    absl::Status s = VerifyConsistency(first, size, *first_root, tree.Root(), proof);
    Check(!s.ok(), "a consistency proof with a replaced hash verified");
    CheckRefusal(s, {absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss},
                 "VerifyConsistency");
  }
  // Claims about sizes the tree does not have.
  const Hash a = TakeHash(in);
  const Hash b = TakeHash(in);
  std::vector<Hash> junk;
  while (in.remaining_bytes() >= 32 && junk.size() < 70) junk.push_back(TakeHash(in));
  absl::Status s = VerifyConsistency(in.ConsumeIntegral<uint64_t>(), claimed, a, b, junk);
  if (!s.ok()) {
    CheckRefusal(s, {absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss},
                 "VerifyConsistency");
  }
  absl::StatusOr<Hash> r = RootFromInclusionProof(index, claimed, a, junk);
  if (!r.ok()) {
    CheckRefusal(r.status(), {absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss},
                 "RootFromInclusionProof");
  }
}

}  // namespace
}  // namespace paraat::ledger

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paraat::ledger;  // NOLINT
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const absl::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (mode % 5) {
    case 0: FuzzKeyString(text); break;
    case 1: FuzzNote(text); break;
    case 2: FuzzCheckpoint(text); break;
    case 3: FuzzHashes(text); break;
    case 4: {
      FuzzedDataProvider in(data + 1, size - 1);
      FuzzProofs(in);
      break;
    }
  }
  return 0;
}
