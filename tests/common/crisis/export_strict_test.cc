// SPDX-License-Identifier: EUPL-1.2
// Regression tests for what fuzz/export_fuzz.cc found: a file could verify while showing
// things its signature does not cover. Each entry's readable times ("entered", "event_time",
// "action_deadline") sat next to the microseconds the leaf covers and were never compared;
// optional fields of the wrong type, fields the format does not have and Dutch kind words
// were silently accepted; a municipality holding the leaf's ',' separator shared a leaf with
// two municipalities; and the crisis header (the title `paraat crisis verify` prints) was not
// checked at all.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/crisis/entry_codec.h"
#include "common/crisis/export.h"
#include "common/json/json.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/ed25519.h"
#include "common/ledger/note.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::crisis {
namespace {

using ::testing::HasSubstr;

const absl::Time kStart = absl::FromUnixSeconds(1795000000);

class ExportStrictTest : public ::testing::Test {
 protected:
  ExportStrictTest()
      : signer_(ledger::NoteSigner::Create(
                    "paraat.test",
                    ledger::Ed25519PrivateKey::FromSeed(std::vector<uint8_t>(32, 0x44)).value())
                    .value()) {
    Entry opened = Make(1, EntryKind::kOpened, "Stroom uit in Malden");
    opened.title = "Stroomuitval";
    opened.type = "nutsvoorziening";
    opened.grip = "1";
    Entry action = Make(2, EntryKind::kAction, "Aggregaat regelen");
    action.action_owner = "h.devries";
    action.action_deadline = kStart + absl::Hours(5) + absl::Microseconds(3);
    action.action_status = "open";
    Entry decision = Make(3, EntryKind::kDecision, "Sporthal openen");
    bundle_.crisis.id = 9;
    bundle_.crisis.title = opened.title;
    bundle_.crisis.type = opened.type;
    bundle_.crisis.municipalities = opened.municipalities;
    bundle_.crisis.grip = "1";
    bundle_.crisis.opened = opened.event_time;
    bundle_.crisis.opened_by = opened.author;
    bundle_.crisis.entries = 3;
    bundle_.entries = {opened, action, decision};
    for (const Entry& e : bundle_.entries) bundle_.leaf_hashes.push_back(EntryLeafHash(e));
    bundle_.tree_size = 3;
    ledger::Checkpoint cp{"paraat.test/crisis/9", 3, ledger::RootFromLeafHashes(bundle_.leaf_hashes), {}};
    bundle_.checkpoint = ledger::SignCheckpoint(cp, signer_).value();
    bundle_.public_key = signer_.verifier().KeyString();
    key_ = bundle_.public_key;
  }

  static Entry Make(int64_t seq, EntryKind kind, std::string text) {
    Entry e;
    e.crisis_id = 9;
    e.seq = seq;
    e.kind = kind;
    e.author = "coordinator";
    e.author_name = "Marieke Gerritsen";
    e.entered = kStart + absl::Minutes(seq) + absl::Microseconds(seq);
    e.event_time = e.entered - absl::Seconds(40);
    e.text = std::move(text);
    e.municipalities = {"heumen", "wijchen"};
    return e;
  }

  // The written file with one field of one entry (index) or of the header (index -1) set.
  std::string Edited(int index, const std::string& field, json::Value value) const {
    json::Value v = json::Parse(WriteExport(bundle_)).value();
    if (index < 0) {
      json::Value header = *v.Find("crisis");
      header.Set(field, std::move(value));
      v.Set("crisis", header);
    } else {
      json::Value entries = *v.Find("entries");
      entries.as_array()[static_cast<size_t>(index)].Set(field, std::move(value));
      v.Set("entries", entries);
    }
    return v.SerializePretty();
  }

  absl::StatusOr<VerifyReport> ParseAndVerify(const std::string& text) const {
    absl::StatusOr<ExportBundle> b = ParseExport(text);
    if (!b.ok()) return b.status();
    return VerifyExport(*b, key_);
  }

  ledger::NoteSigner signer_;
  ExportBundle bundle_;
  std::string key_;
};

TEST_F(ExportStrictTest, TheUneditedFileVerifiesAndTheTitleComesFromTheSignedEntry) {
  absl::StatusOr<VerifyReport> r = ParseAndVerify(WriteExport(bundle_));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, 3u);
  EXPECT_EQ(r->title, "Stroomuitval");
}

TEST_F(ExportStrictTest, AnEditedReadableTimeIsRefused) {
  // The microseconds stay as signed; only the time people read changes. This verified before.
  absl::StatusOr<VerifyReport> r = ParseAndVerify(Edited(2, "event_time", "2026-11-17T07:00:00Z"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr("entry 3: 'event_time' says 2026-11-17T07:00:00Z but 'event_us' says "));
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr(": the two must agree, so the file was edited"));
  r = ParseAndVerify(Edited(1, "entered", "2030-01-01T00:00:00Z"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("entry 2: 'entered' says"));
  r = ParseAndVerify(Edited(1, "action_deadline", "2030-01-01T00:00:00Z"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("entry 2: 'action_deadline' says"));
}

TEST_F(ExportStrictTest, FieldsTheSignatureDoesNotCoverAreRefused) {
  absl::StatusOr<VerifyReport> r = ParseAndVerify(Edited(2, "note", "approved by the mayor"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr("entry 3: unknown field 'note' (the signature would not cover it)"));
  // A field of the wrong type was read as empty, which the leaf then matched.
  r = ParseAndVerify(Edited(2, "title", int64_t{5}));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("entry 3: 'title' has the wrong type"));
  r = ParseAndVerify(Edited(2, "corrects", "2"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  // "besluit" parses to the same kind, and so matched the leaf.
  r = ParseAndVerify(Edited(2, "kind", "besluit"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("is not written as 'decision'"));
}

TEST_F(ExportStrictTest, AMunicipalityWithTheLeafSeparatorIsRefused) {
  // ["heumen,wijchen"] and ["heumen", "wijchen"] have the same leaf.
  json::Value one = json::Value::MakeArray();
  one.Append("heumen,wijchen");
  absl::StatusOr<VerifyReport> r = ParseAndVerify(Edited(2, "municipalities", one));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("contains a ','"));
}

TEST_F(ExportStrictTest, AnEditedHeaderIsCaughtWhenTheOpeningEntryIsThere) {
  absl::StatusOr<VerifyReport> r = ParseAndVerify(Edited(-1, "title", "Oefening"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(r.status().message(),
            "the crisis header's title \"Oefening\" is not what the signed opening entry "
            "(entry 1) says: \"Stroomuitval\"");
  r = ParseAndVerify(Edited(-1, "opened_by", "administrator"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  r = ParseAndVerify(Edited(-1, "opened", "2026-01-01T00:00:00Z"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  // In an export of the whole log, the level, the status and the number of entries are what the
  // signed entries say.
  r = ParseAndVerify(Edited(-1, "grip", "3"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  EXPECT_EQ(r.status().message(),
            "the crisis header's grip \"3\" is not what the signed entries say: \"1\"");
  r = ParseAndVerify(Edited(-1, "open", false));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  r = ParseAndVerify(Edited(-1, "entries", 99));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
}

TEST_F(ExportStrictTest, AFilteredExportWithoutTheOpeningEntrySaysTheTitleIsNotSigned) {
  bundle_.filter = "kind=decision";
  bundle_.entries = {bundle_.entries[2]};
  absl::StatusOr<VerifyReport> r = ParseAndVerify(Edited(-1, "title", "Oefening"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, 1u);
  EXPECT_EQ(r->title, "");
}

}  // namespace
}  // namespace paraat::crisis
