// SPDX-License-Identifier: EUPL-1.2
// The leaf encoding is a promise to every verifier ever written against docs/ledger.md: these
// golden values were computed outside Paraat (Python's hashlib over the bytes the encoding
// describes) and must never change. If one of these tests fails, the encoding changed and
// every signed checkpoint already given out no longer matches its entries.
#include "common/crisis/entry_codec.h"

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "common/ledger/merkle.h"
#include "gtest/gtest.h"

// GCC 12 at -O3 reports impossible overlaps in the std::string assignments inlined into the
// lambdas below (GCC bug 105651, a false positive fixed in GCC 13).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace paraat::crisis {
namespace {

std::string Hex(absl::string_view bytes) { return absl::BytesToHexString(bytes); }

// Crisis 7, entry 3: a decision with two references and two municipalities, and a text with
// a multi-byte character (lengths are bytes).
Entry GoldenDecision() {
  Entry e;
  e.crisis_id = 7;
  e.seq = 3;
  e.kind = EntryKind::kDecision;
  e.author = "coordinator";
  e.author_name = "Marieke Gerritsen";
  e.entered = absl::FromUnixMicros(1767225600123456);
  e.event_time = absl::FromUnixMicros(1767222000000000);
  e.text = "Noodopvang Heumensoord \u2014 300 personen";
  e.municipalities = {"heumen", "wijchen"};
  e.refs = {1, 2};
  return e;
}

Entry GoldenAction() {
  Entry e;
  e.crisis_id = 7;
  e.seq = 4;
  e.kind = EntryKind::kAction;
  e.author = "coordinator";
  e.author_name = "Marieke Gerritsen";
  e.entered = absl::FromUnixMicros(1767225660000000);
  e.event_time = e.entered;
  e.text = "Bedden regelen";
  e.refs = {3};
  e.action_owner = "h.devries";
  e.action_deadline = absl::FromUnixMicros(1767398400000000);
  e.action_status = "open";
  return e;
}

Entry GoldenOpening() {
  Entry e;
  e.crisis_id = 7;
  e.seq = 1;
  e.kind = EntryKind::kOpened;
  e.author = "coordinator";
  e.author_name = "Marieke Gerritsen";
  e.entered = absl::FromUnixMicros(1767222000000000);
  e.event_time = e.entered;
  e.municipalities = {"heumen", "wijchen"};
  e.title = "Opvang";
  e.type = "opvang";
  e.grip = "outside";
  return e;
}

Entry GoldenCorrection() {
  Entry e;
  e.crisis_id = 7;
  e.seq = 5;
  e.kind = EntryKind::kCorrection;
  e.author = "coordinator";
  e.author_name = "Marieke Gerritsen";
  e.entered = absl::FromUnixMicros(1767225720000000);
  e.event_time = e.entered;
  e.text = "Noodopvang Heumensoord \u2014 250 personen";
  e.refs = {3};
  e.corrects = 3;
  return e;
}

TEST(EntryCodecTest, LeafBytesFollowTheDocumentedLayout) {
  // "paraat-crisis-entry-v1" 0x00, then tags 1..18, each: tag, 4-byte big-endian length, bytes.
  EXPECT_EQ(
      Hex(LeafBytes(GoldenDecision())),
      "7061726161742d6372697369732d656e7472792d763100"  // domain and 0x00
      "0100000001" "37"                                 // 1 crisis "7"
      "0200000001" "33"                                 // 2 seq "3"
      "0300000008" "6465636973696f6e"                   // 3 kind "decision"
      "040000000b" "636f6f7264696e61746f72"             // 4 author
      "0500000011" "4d617269656b652047657272697473656e"  // 5 author name
      "0600000010" "31373637323235363030313233343536"   // 6 entered, unix microseconds
      "0700000010" "31373637323232303030303030303030"   // 7 event time
      "0800000027"                                      // 8 text: 39 bytes (the em dash is 3)
      "4e6f6f646f7076616e67204865756d656e736f6f726420e280942033303020706572736f6e656e"
      "090000000e" "6865756d656e2c77696a6368656e"       // 9 "heumen,wijchen"
      "0a00000003" "312c32"                             // 10 refs "1,2"
      "0b00000000" "0c00000000" "0d00000000"            // 11-13 title, type, grip: empty
      "0e00000000" "0f00000000" "1000000000"            // 14-16 owner, deadline, status
      "1100000000" "1200000000");                       // 17-18 action ref, corrects
  EXPECT_EQ(LeafBytes(GoldenDecision()).size(), 239u);
}

TEST(EntryCodecTest, GoldenLeafHashes) {
  EXPECT_EQ(ledger::HashToHex(EntryLeafHash(GoldenDecision())),
            "f22980813bf887ee102bba74a7a04c5ab102f96c07a0b0b798fa9c1e50f9cc7c");
  EXPECT_EQ(ledger::HashToHex(EntryLeafHash(GoldenAction())),
            "f87731b39b5d50a280fed9de9c48e9c1eee54073b212414d6615b28e343a9590");
  EXPECT_EQ(ledger::HashToHex(EntryLeafHash(GoldenOpening())),
            "4ca60a3202b054ca81592275efdc8ff33eed2c2637011bbecfa3e17a484f46ec");
  EXPECT_EQ(ledger::HashToHex(EntryLeafHash(GoldenCorrection())),
            "5af9e5000511e0e20e501533e05da79307b64bf16b1135e746ac1e8174f45d8f");
  // The leaf hash is the RFC 6962 leaf hash of the leaf bytes.
  EXPECT_EQ(EntryLeafHash(GoldenDecision()), ledger::LeafHash(LeafBytes(GoldenDecision())));
}

TEST(EntryCodecTest, EveryFieldIsCoveredByTheLeaf) {
  const std::vector<std::pair<std::string, std::function<void(Entry&)>>> edits = {
      {"crisis", [](Entry& e) { e.crisis_id = 8; }},
      {"seq", [](Entry& e) { e.seq = 4; }},
      {"kind", [](Entry& e) { e.kind = EntryKind::kAssessment; }},
      {"author", [](Entry& e) { e.author = "administrator"; }},
      {"author_name", [](Entry& e) { e.author_name = "Niels Arts"; }},
      {"entered", [](Entry& e) { e.entered += absl::Microseconds(1); }},
      {"event_time", [](Entry& e) { e.event_time -= absl::Microseconds(1); }},
      {"text", [](Entry& e) { e.text += "."; }},
      {"municipalities", [](Entry& e) { e.municipalities.pop_back(); }},
      {"refs", [](Entry& e) { e.refs = {1}; }},
      {"title", [](Entry& e) { e.title = "x"; }},
      {"type", [](Entry& e) { e.type = "x"; }},
      {"grip", [](Entry& e) { e.grip = "1"; }},
      {"action_owner", [](Entry& e) { e.action_owner = "h.devries"; }},
      {"action_deadline", [](Entry& e) { e.action_deadline = absl::FromUnixMicros(0); }},
      {"action_status", [](Entry& e) { e.action_status = "open"; }},
      {"action_ref", [](Entry& e) { e.action_ref = 1; }},
      {"corrects", [](Entry& e) { e.corrects = 1; }},
  };
  const ledger::Hash golden = EntryLeafHash(GoldenDecision());
  for (const auto& [field, edit] : edits) {
    Entry e = GoldenDecision();
    edit(e);
    EXPECT_NE(EntryLeafHash(e), golden) << field << " is not part of the leaf";
  }
}

TEST(EntryCodecTest, LengthPrefixesKeepFieldsApart) {
  // Moving a byte from one field to the next must change the leaf (no ambiguous joins).
  Entry a = GoldenDecision();
  a.author = "coordinatorM";
  a.author_name = "arieke Gerritsen";
  EXPECT_NE(LeafBytes(a), LeafBytes(GoldenDecision()));
  Entry b = GoldenDecision();
  b.text = "";
  b.title = GoldenDecision().text;
  EXPECT_NE(EntryLeafHash(b), EntryLeafHash(GoldenDecision()));
}

AppendRequest GoldenRequest() {
  AppendRequest r;
  r.crisis_id = 7;
  r.kind = EntryKind::kDecision;
  r.text = "Noodopvang Heumensoord";
  r.event_time = absl::FromUnixMicros(1767222000000000);
  r.refs = {2, 1};
  r.municipalities = {"wijchen", "heumen"};
  r.idempotency_key = "k-1";
  return r;
}

TEST(EntryCodecTest, RequestDigestIsStable) {
  // SHA-256("paraat-append-request-v1" 0x00, tags 1..12 in the leaf's style); refs and
  // municipalities sorted, the idempotency key left out. Stored with every entry, so it must
  // not change between versions either: a retry after an upgrade must still be recognised.
  EXPECT_EQ(Hex(RequestDigest(GoldenRequest())),
            "eed8c3324b87dca11b4cbf5dbf57ae40c86dcc8c4af4d25db08623c416665d42");
}

TEST(EntryCodecTest, RequestDigestIgnoresTheKeyAndTheOrderOfLists) {
  const std::string golden = RequestDigest(GoldenRequest());
  AppendRequest r = GoldenRequest();
  r.idempotency_key = "another";
  r.refs = {1, 2};
  r.municipalities = {"heumen", "wijchen"};
  EXPECT_EQ(RequestDigest(r), golden);
}

TEST(EntryCodecTest, RequestDigestCoversEveryField) {
  const std::vector<std::pair<std::string, std::function<void(AppendRequest&)>>> edits = {
      {"crisis", [](AppendRequest& r) { r.crisis_id = 8; }},
      {"kind", [](AppendRequest& r) { r.kind = EntryKind::kSituation; }},
      {"text", [](AppendRequest& r) { r.text += "!"; }},
      {"event_time", [](AppendRequest& r) { r.event_time.reset(); }},
      {"refs", [](AppendRequest& r) { r.refs = {1}; }},
      {"municipalities", [](AppendRequest& r) { r.municipalities = {"heumen"}; }},
      {"grip", [](AppendRequest& r) { r.grip = "2"; }},
      {"action_owner", [](AppendRequest& r) { r.action_owner = "h.devries"; }},
      {"action_deadline", [](AppendRequest& r) { r.action_deadline = absl::FromUnixMicros(1); }},
      {"action_status", [](AppendRequest& r) { r.action_status = "done"; }},
      {"action_ref", [](AppendRequest& r) { r.action_ref = 3; }},
      {"corrects", [](AppendRequest& r) { r.corrects = 3; }},
  };
  const std::string golden = RequestDigest(GoldenRequest());
  EXPECT_EQ(golden.size(), 32u);
  for (const auto& [field, edit] : edits) {
    AppendRequest r = GoldenRequest();
    edit(r);
    EXPECT_NE(RequestDigest(r), golden) << field << " is not part of the request digest";
  }
}

}  // namespace
}  // namespace paraat::crisis
