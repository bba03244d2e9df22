// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/export.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "common/crisis/entry_codec.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/ed25519.h"
#include "common/ledger/note.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::crisis {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const absl::Time kStart = absl::FromUnixSeconds(1767225600);

ledger::NoteSigner Signer(uint8_t seed_byte, const std::string& name = "paraat.test") {
  std::vector<uint8_t> seed(32, seed_byte);
  return ledger::NoteSigner::Create(name, ledger::Ed25519PrivateKey::FromSeed(seed).value()).value();
}

Entry Make(int64_t seq, EntryKind kind, std::string text) {
  Entry e;
  e.crisis_id = 7;
  e.seq = seq;
  e.kind = kind;
  e.author = "coordinator";
  e.author_name = "Marieke Gerritsen";
  e.entered = kStart + absl::Minutes(seq);
  e.event_time = e.entered - absl::Seconds(30);
  e.text = std::move(text);
  e.municipalities = {"heumen"};
  return e;
}

std::vector<Entry> Log() {
  Entry opened = Make(1, EntryKind::kOpened, "COA vraagt noodopvang");
  opened.title = "Opvang \"vluchtelingen\"";
  opened.type = "opvang";
  opened.grip = "outside";
  opened.municipalities = {"heumen", "wijchen"};
  Entry action = Make(4, EntryKind::kAction, "Bedden regelen");
  action.action_owner = "h.devries";
  action.action_deadline = kStart + absl::Hours(48) + absl::Microseconds(7);
  action.action_status = "open";
  action.refs = {3};
  Entry correction = Make(5, EntryKind::kCorrection, "Tot half februari");
  correction.corrects = 3;
  correction.refs = {3};
  Entry update = Make(6, EntryKind::kActionUpdate, "");
  update.action_ref = 4;
  update.action_status = "done";
  Entry grip = Make(7, EntryKind::kGripChange, "Opschaling");
  grip.grip = "1";
  return {opened,
          Make(2, EntryKind::kSituation, "Heumensoord beschikbaar; \u00e9\u00e9n zorgpost"),
          Make(3, EntryKind::kDecision, "Tot eind januari"),
          action,
          correction,
          update,
          grip};
}

Crisis TheCrisis() {
  Crisis c;
  c.id = 7;
  c.title = "Opvang \"vluchtelingen\"";
  c.type = "opvang";
  c.municipalities = {"heumen", "wijchen"};
  c.grip = "1";
  c.entries = 7;
  // As the server has them: the crisis opened when its opening entry happened, by its author.
  c.opened = kStart + absl::Minutes(1) - absl::Seconds(30);
  c.opened_by = "coordinator";
  return c;
}

std::string Sign(const ledger::NoteSigner& signer, int64_t crisis_id, uint64_t size,
                 const ledger::Hash& root) {
  ledger::Checkpoint cp;
  cp.origin = absl::StrCat(signer.name(), "/crisis/", crisis_id);
  cp.tree_size = size;
  cp.root_hash = root;
  return ledger::SignCheckpoint(cp, signer).value();
}

ExportBundle Bundle(const ledger::NoteSigner& signer) {
  ExportBundle b;
  b.crisis = TheCrisis();
  b.entries = Log();
  for (const Entry& e : b.entries) b.leaf_hashes.push_back(EntryLeafHash(e));
  b.tree_size = b.leaf_hashes.size();
  b.checkpoint = Sign(signer, 7, b.tree_size, ledger::RootFromLeafHashes(b.leaf_hashes));
  b.public_key = signer.verifier().KeyString();
  return b;
}

// Writes the bundle, lets `edit` change the file's text, and reads it back.
ExportBundle EditFile(const ExportBundle& b, const std::function<std::string(std::string)>& edit) {
  const std::string edited = edit(WriteExport(b));
  absl::StatusOr<ExportBundle> parsed = ParseExport(edited);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *parsed : ExportBundle{};
}

void ExpectFails(const absl::StatusOr<VerifyReport>& r, absl::StatusCode code,
                 const std::string& message) {
  ASSERT_FALSE(r.ok()) << "verified: " << message;
  EXPECT_EQ(r.status().code(), code) << r.status();
  EXPECT_EQ(r.status().message(), message);
}

class ExportTest : public ::testing::Test {
 protected:
  ledger::NoteSigner signer_ = Signer(0x11);
  ExportBundle bundle_ = Bundle(signer_);
  std::string key_ = signer_.verifier().KeyString();
};

TEST_F(ExportTest, RoundTripKeepsEveryFieldOfEveryEntry) {
  bundle_.filter = "";
  const std::string text = WriteExport(bundle_);
  absl::StatusOr<ExportBundle> back = ParseExport(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->crisis.id, 7);
  EXPECT_EQ(back->crisis.title, "Opvang \"vluchtelingen\"");
  EXPECT_EQ(back->crisis.municipalities, std::vector<std::string>({"heumen", "wijchen"}));
  EXPECT_EQ(back->tree_size, 7u);
  EXPECT_EQ(back->checkpoint, bundle_.checkpoint);
  EXPECT_EQ(back->public_key, key_);
  EXPECT_EQ(back->leaf_hashes, bundle_.leaf_hashes);
  ASSERT_EQ(back->entries.size(), bundle_.entries.size());
  for (size_t i = 0; i < bundle_.entries.size(); ++i) {
    // The leaf bytes hold every field, so equal bytes mean an exact round trip.
    EXPECT_EQ(LeafBytes(back->entries[i]), LeafBytes(bundle_.entries[i])) << "entry " << i + 1;
  }
  EXPECT_EQ(back->entries[3].action_deadline, kStart + absl::Hours(48) + absl::Microseconds(7));
}

TEST_F(ExportTest, AnIntactExportVerifies) {
  absl::StatusOr<VerifyReport> r = VerifyExport(bundle_, key_);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->tree_size, 7u);
  EXPECT_EQ(r->entries_checked, 7u);
  EXPECT_EQ(r->origin, "paraat.test/crisis/7");
  EXPECT_EQ(r->key_name, "paraat.test");
  // Without a trusted key, the key inside the file is used.
  r = VerifyExport(EditFile(bundle_, [](std::string s) { return s; }), "");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, 7u);
}

TEST_F(ExportTest, AFilteredExportCarriesTheOtherLeavesAndVerifies) {
  ExportBundle b = bundle_;
  b.filter = "kind=decision";
  b.entries = {bundle_.entries[2]};
  absl::StatusOr<VerifyReport> r = VerifyExport(EditFile(b, [](std::string s) { return s; }), key_);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, 1u);
  EXPECT_EQ(r->tree_size, 7u);
}

TEST_F(ExportTest, AnEditedEntryIsNamed) {
  const ExportBundle b = EditFile(bundle_, [](std::string s) {
    return absl::StrReplaceAll(s, {{"\"Tot eind januari\"", "\"Tot eind maart\""}});
  });
  ASSERT_EQ(b.entries[2].text, "Tot eind maart");
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "entry 3 (decision by coordinator) does not match its signed leaf: it was changed "
              "after it was logged");
}

TEST_F(ExportTest, AnyEditedFieldIsCaught) {
  // Times are verified to the microsecond, the author and the action fields too.
  const std::vector<std::pair<std::string, std::function<void(ExportBundle&)>>> edits = {
      {"entry 2 (situation by coordinator)",
       [](ExportBundle& b) { b.entries[1].event_time -= absl::Microseconds(1); }},
      {"entry 3 (decision by coordinator)", [](ExportBundle& b) { b.entries[2].author_name = "X"; }},
      {"entry 4 (action by coordinator)",
       [](ExportBundle& b) { b.entries[3].action_owner = "g.smits"; }},
      {"entry 6 (action-update by administrator)",
       [](ExportBundle& b) { b.entries[5].author = "administrator"; }},
      {"entry 7 (grip-change by coordinator)", [](ExportBundle& b) { b.entries[6].grip = "2"; }},
      {"entry 1 (opened by coordinator)",
       [](ExportBundle& b) { b.entries[0].municipalities = {"heumen"}; }},
  };
  for (const auto& [name, edit] : edits) {
    ExportBundle b = bundle_;
    edit(b);
    ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
                absl::StrCat(name, " does not match its signed leaf: it was changed after it was "
                                   "logged"));
  }
}

TEST_F(ExportTest, ARemovedEntryIsCaught) {
  // Removed with its leaf hash: the leaves no longer match the signed size.
  ExportBundle b = bundle_;
  b.entries.erase(b.entries.begin() + 2);
  b.leaf_hashes.erase(b.leaf_hashes.begin() + 2);
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "the checkpoint covers 7 entries but the file has 6 leaf hashes");
  // ... and with tree_size lowered too.
  b.tree_size = 6;
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "the checkpoint covers 7 entries but the file has 6 leaf hashes");
  // Removed from an export of the whole log, leaving its leaf hash behind.
  b = bundle_;
  b.entries.erase(b.entries.begin() + 2);
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "entry 3 is missing: the file claims the whole log (no filter) but leaves it out");
  // The last entry too.
  b = bundle_;
  b.entries.pop_back();
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "entry 7 is missing: the file claims the whole log (no filter) but leaves it out");
}

TEST_F(ExportTest, ReorderedEntriesAreCaught) {
  // Two entries swapped in the file.
  ExportBundle b = bundle_;
  std::swap(b.entries[1], b.entries[2]);
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "entry 2 is out of order or outside the signed log");
  // Swapped and renumbered, so the story reads in another order.
  b = bundle_;
  std::swap(b.entries[1].seq, b.entries[2].seq);
  std::swap(b.entries[1], b.entries[2]);
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "entry 2 (decision by coordinator) does not match its signed leaf: it was changed "
              "after it was logged");
  // And with the leaf hashes recomputed to match: the signed root says no.
  for (size_t i = 0; i < b.entries.size(); ++i) b.leaf_hashes[i] = EntryLeafHash(b.entries[i]);
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "the leaf hashes in the file do not rebuild the signed root: entries were added, "
              "removed, reordered or changed");
  // An entry of another crisis slipped in.
  b = bundle_;
  b.entries[4].crisis_id = 8;
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss, "entry 5 belongs to crisis 8");
  // An entry beyond the signed log.
  b = bundle_;
  b.entries.push_back(Make(8, EntryKind::kMessage, "later"));
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "entry 8 is out of order or outside the signed log");
}

TEST_F(ExportTest, AnEditedEntryWithARecomputedLeafBreaksTheRoot) {
  ExportBundle b = bundle_;
  b.entries[2].text = "Tot eind maart";
  b.leaf_hashes[2] = EntryLeafHash(b.entries[2]);
  ExpectFails(VerifyExport(b, key_), absl::StatusCode::kDataLoss,
              "the leaf hashes in the file do not rebuild the signed root: entries were added, "
              "removed, reordered or changed");
}

TEST_F(ExportTest, AWrongKeyIsRefused) {
  const ledger::NoteSigner other = Signer(0x22);  // same name, another key
  absl::StatusOr<VerifyReport> r = VerifyExport(bundle_, other.verifier().KeyString());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(r.status().message()),
              StartsWith("the checkpoint does not verify with key paraat.test: "));
  const ledger::NoteSigner renamed = Signer(0x11, "paraat.elsewhere");
  r = VerifyExport(bundle_, renamed.verifier().KeyString());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  r = VerifyExport(bundle_, "not a key");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()), StartsWith("the public key is malformed: "));
}

TEST_F(ExportTest, AForgedCheckpointIsRefused) {
  // The signed text changed (a smaller tree with the root of the edited log), signature kept.
  ExportBundle b = bundle_;
  b.entries.pop_back();
  b.leaf_hashes.pop_back();
  b.tree_size = 6;
  const std::string forged_text =
      ledger::FormatCheckpoint({"paraat.test/crisis/7", 6, ledger::RootFromLeafHashes(b.leaf_hashes), {}})
          .value();
  b.checkpoint = forged_text + b.checkpoint.substr(b.checkpoint.find("\n\n") + 1);
  absl::StatusOr<VerifyReport> r = VerifyExport(b, key_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied) << r.status();
  // Signed by the forger, who also put their own key in the file: the trusted key says no.
  const ledger::NoteSigner forger = Signer(0x33);
  b.checkpoint = Sign(forger, 7, 6, ledger::RootFromLeafHashes(b.leaf_hashes));
  b.public_key = forger.verifier().KeyString();
  ASSERT_TRUE(VerifyExport(b, "").ok());  // only self-consistent
  r = VerifyExport(b, key_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied) << r.status();
  // A genuine checkpoint, but of another crisis.
  b = bundle_;
  b.checkpoint = Sign(signer_, 8, b.tree_size, ledger::RootFromLeafHashes(b.leaf_hashes));
  r = VerifyExport(b, key_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("paraat.test/crisis/7"));
}

TEST_F(ExportTest, ParseRefusesWhatIsNotAnExport) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[1, 2]", "not a Paraat export (not a JSON object)"},
      {"{\"format\": \"paraat-crisis-export-v0\"}",
       "not a Paraat export: format is 'paraat-crisis-export-v0', expected "
       "'paraat-crisis-export-v1'"},
      {"{\"format\": \"paraat-crisis-export-v1\"}", "export: 'crisis' is missing"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ExportBundle> b = ParseExport(c.text);
    ASSERT_FALSE(b.ok()) << c.text;
    EXPECT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(b.status().message(), c.message);
  }
  EXPECT_EQ(ParseExport("{not json").status().code(), absl::StatusCode::kInvalidArgument);
  const std::string bad_leaf = absl::StrReplaceAll(
      WriteExport(bundle_), {{ledger::HashToHex(bundle_.leaf_hashes[1]), "abc"}});
  absl::StatusOr<ExportBundle> b = ParseExport(bad_leaf);
  EXPECT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(b.status().message(), "export: leaf hash 2 is not 64 hex digits");
  const std::string bad_kind =
      absl::StrReplaceAll(WriteExport(bundle_), {{"\"kind\": \"decision\"", "\"kind\": \"rumour\""}});
  b = ParseExport(bad_kind);
  EXPECT_EQ(b.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(b.status().message()), StartsWith("entry 3.kind: unknown entry kind 'rumour'"));
}

}  // namespace
}  // namespace paraat::crisis
