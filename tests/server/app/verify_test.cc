// SPDX-License-Identifier: EUPL-1.2
// `paraat-server verify` (VerifyDataDir) on the demo data directory, untouched and tampered
// with directly in the SQLite file after the server stopped, as an attacker with access to
// the disk would: drop the append-only triggers, then edit, delete, insert or reorder rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/crisis/entry_codec.h"
#include "server/app/app.h"
#include "server/storage/crisis_store.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::StartsWith;
using testing::TempDir;
using testing::TestServer;

// Runs `sql` on the database file of `dir` (the server is not running).
void Tamper(const std::string& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir + "/paraat.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "") << "\n" << sql;
  sqlite3_free(error);
  sqlite3_close(db);
}

std::vector<std::string> Failures(const std::string& report) {
  std::vector<std::string> out;
  for (absl::string_view line : absl::StrSplit(report, '\n')) {
    if (absl::StartsWith(line, "FAILED: ")) out.emplace_back(line.substr(8));
  }
  return out;
}

constexpr char kDropTriggers[] =
    "DROP TRIGGER entry_no_update; DROP TRIGGER entry_no_delete; "
    "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ";

class VerifyDataDirTest : public ::testing::Test {
 protected:
  // One demo data directory for the suite: served once (so its checkpoints are signed), then
  // stopped; every test works on a copy of it.
  static void SetUpTestSuite() {
    pristine_ = TestServer::StartDemo().release();
    // A second crisis, so a report must say which crisis was tampered with.
    crisis::Crisis c;
    c.title = "Hoogwater Maas";
    c.type = "overstroming";
    c.municipalities = {"druten"};
    c.grip = "1";
    const crisis::Author author{"coordinator", "Marieke Gerritsen"};
    auto opened = pristine_->app()->crises()->OpenCrisis(author, c, "Waterstand stijgt",
                                                         std::nullopt, "hw-open");
    ASSERT_TRUE(opened.ok()) << opened.status();
    for (int i = 0; i < 4; ++i) {
      crisis::AppendRequest r;
      r.crisis_id = opened->first.id;
      r.kind = crisis::EntryKind::kSituation;
      r.text = absl::StrCat("Peil ", i);
      r.idempotency_key = absl::StrCat("hw-", i);
      ASSERT_TRUE(pristine_->app()
                      ->crises()
                      ->Append(author, r, [](const crisis::Crisis&) { return absl::OkStatus(); })
                      .ok());
    }
    pristine_->Stop();  // signs what is pending, closes the database
  }
  static void TearDownTestSuite() {
    delete pristine_;
    pristine_ = nullptr;
  }

  void SetUp() override {
    std::filesystem::copy(pristine_->data_dir(), dir_.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
  }

  static TestServer* pristine_;
  TempDir dir_;
};

TestServer* VerifyDataDirTest::pristine_ = nullptr;

TEST_F(VerifyDataDirTest, TheDemoVerifies) {
  absl::StatusOr<std::string> report = app::VerifyDataDir(dir_.path());
  ASSERT_TRUE(report.ok()) << report.status();
  // (How many checkpoints crisis 2 got depends on how its appends met the checkpointer.)
  EXPECT_THAT(*report, ::testing::MatchesRegex("Checked 2 crisis logs \\(25 entries, [2-6] signed "
                                               "checkpoints\\) and [0-9]+ audit records in .*"));
  EXPECT_THAT(*report, ::testing::EndsWith("Everything verifies.\n"));
  EXPECT_TRUE(Failures(*report).empty());
  // Dropping the triggers alone changes no data.
  Tamper(dir_.path(), kDropTriggers);
  EXPECT_TRUE(app::VerifyDataDir(dir_.path()).ok());
}

struct Tampering {
  std::string name;
  std::string sql;
  std::vector<std::string> failures;  // exactly these, in this order
};

class TamperingTest : public VerifyDataDirTest,
                      public ::testing::WithParamInterface<Tampering> {};

TEST_P(TamperingTest, IsReportedWithCrisisAndSequenceNumber) {
  const Tampering& t = GetParam();
  Tamper(dir_.path(), std::string(kDropTriggers) + t.sql);
  absl::StatusOr<std::string> report = app::VerifyDataDir(dir_.path());
  ASSERT_FALSE(report.ok()) << t.name << " was not noticed:\n" << *report;
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Failures(std::string(report.status().message())), t.failures)
      << report.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    VerifyDataDir, TamperingTest,
    ::testing::Values(
        Tampering{"EditedEntry",
                  "UPDATE entry SET text = 'Geen noodopvang' WHERE crisis_id = 1 AND seq = 5;",
                  {"crisis 1 entry 5 does not match the leaf it was logged with (edited or moved)"}},
        Tampering{"EditedEventTime",
                  "UPDATE entry SET event_us = event_us + 3600000000 WHERE crisis_id = 2 AND seq = 3;",
                  {"crisis 2 entry 3 does not match the leaf it was logged with (edited or moved)"}},
        Tampering{"DeletedEntry", "DELETE FROM entry WHERE crisis_id = 1 AND seq = 7;",
                  {"crisis 1 entry 7 is missing (deleted); the next row has sequence number 8"}},
        Tampering{
            "InsertedEntryRenumberingLaterRows",
            // Make room at 10 (in two steps, as UNIQUE(crisis_id, seq) is checked per row),
            // then slip in a decision that was never taken.
            "UPDATE entry SET seq = seq + 1000 WHERE crisis_id = 1 AND seq >= 10;"
            "UPDATE entry SET seq = seq - 999 WHERE crisis_id = 1 AND seq >= 1000;"
            "INSERT INTO entry (crisis_id, seq, kind, author, author_name, entered_us, event_us, "
            "text, municipalities, refs, title, type, grip, action_owner, action_deadline_us, "
            "action_status, action_ref, corrects, idempotency_key, request_digest, leaf_hash) "
            "SELECT crisis_id, 10, 'decision', author, author_name, entered_us, event_us, "
            "'Besluit dat nooit genomen is', '', '', '', '', '', '', NULL, '', 0, 0, 'forged', "
            "request_digest, leaf_hash FROM entry WHERE crisis_id = 1 AND seq = 9;"
            "UPDATE crisis SET entry_count = 21 WHERE id = 1;",
            {"crisis 1 entry 10 does not match the leaf it was logged with (edited or moved)"}},
        Tampering{"InsertedEntryWithoutRenumbering",
                  "INSERT INTO entry (crisis_id, seq, kind, author, author_name, entered_us, "
                  "event_us, text, municipalities, refs, title, type, grip, action_owner, "
                  "action_deadline_us, action_status, action_ref, corrects, idempotency_key, "
                  "request_digest, leaf_hash) SELECT crisis_id, 6, kind, author, author_name, "
                  "entered_us, event_us, text, municipalities, refs, title, type, grip, "
                  "action_owner, action_deadline_us, action_status, action_ref, corrects, "
                  "'forged', request_digest, leaf_hash FROM entry WHERE crisis_id = 2 AND seq = 5;",
                  {"crisis 2 has 6 entry rows but its log says 5"}},
        Tampering{"ReorderedRows",
                  "UPDATE entry SET seq = -5 WHERE crisis_id = 1 AND seq = 5;"
                  "UPDATE entry SET seq = 5 WHERE crisis_id = 1 AND seq = 11;"
                  "UPDATE entry SET seq = 11 WHERE crisis_id = 1 AND seq = -5;",
                  {"crisis 1 entry 5 does not match the leaf it was logged with (edited or moved)"}},
        Tampering{"DeletedLastEntryWithTheCountFixedUp",
                  "DELETE FROM entry WHERE crisis_id = 1 AND seq = 20;"
                  "UPDATE crisis SET entry_count = 19 WHERE id = 1;",
                  {"crisis 1 has 19 entries but a signed checkpoint of 20: entries at the end "
                   "were deleted"}},
        Tampering{"AlteredCheckpointRow",
                  "UPDATE checkpoint SET root = zeroblob(32) WHERE crisis_id = 2;",
                  {"crisis 2: checkpoint of size 5 was altered (its row differs from its signed "
                   "note)",
                   "crisis 2: the entries up to 5 do not rebuild the signed root of checkpoint 5 "
                   "(an entry up to there was edited, inserted, deleted or reordered)"}},
        Tampering{"DeletedAuditRecord", "DELETE FROM audit WHERE id = 5;",
                  {"audit trail: record 5 is missing (next record is 6)"}}),
    [](const ::testing::TestParamInfo<Tampering>& i) { return i.param.name; });

TEST_F(VerifyDataDirTest, ATamperedAuditRecordIsReported) {
  Tamper(dir_.path(), std::string(kDropTriggers) +
                          "UPDATE audit SET actor = 'someone else' WHERE id = 3;");
  absl::StatusOr<std::string> report = app::VerifyDataDir(dir_.path());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  const std::vector<std::string> failures = Failures(std::string(report.status().message()));
  ASSERT_EQ(failures.size(), 1u) << report.status().message();
  EXPECT_THAT(failures[0], StartsWith("audit trail: record 3 ("));
  EXPECT_THAT(failures[0], ::testing::EndsWith(") was changed after it was written"));
}

TEST_F(VerifyDataDirTest, AnEditWhoseStoredLeafIsRewrittenTooBreaksTheSignedRoot) {
  // The attacker also recomputes the leaf hash the store kept; the signed checkpoint still
  // tells. Read the entry with the real store, change it, write the new leaf back.
  crisis::Entry e;
  {
    auto db = storage::Database::Open(dir_.path() + "/paraat.db", storage::OpenMode::kExisting);
    ASSERT_TRUE(db.ok()) << db.status();
    auto store = storage::NewSqliteCrisisStore(db->get());
    storage::EntryQuery q;
    q.crisis_id = 1;
    q.after_seq = 4;
    q.limit = 1;
    auto page = store->ListEntries(q);
    ASSERT_TRUE(page.ok() && page->size() == 1u);
    e = page->front();
    (*db)->Close();
  }
  e.text = "Geen noodopvang";
  const std::string leaf = ledger::HashToHex(crisis::EntryLeafHash(e));
  Tamper(dir_.path(), absl::StrCat(kDropTriggers,
                                   "UPDATE entry SET text = 'Geen noodopvang', leaf_hash = x'", leaf,
                                   "' WHERE crisis_id = 1 AND seq = 5;"
                                   "UPDATE ledger_node SET hash = x'", leaf,
                                   "' WHERE crisis_id = 1 AND level = 0 AND idx = 4;"));
  absl::StatusOr<std::string> report = app::VerifyDataDir(dir_.path());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Failures(std::string(report.status().message())),
            std::vector<std::string>(
                {"crisis 1: the entries up to 20 do not rebuild the signed root of checkpoint 20 "
                 "(an entry up to there was edited, inserted, deleted or reordered)"}));
}

TEST(VerifyDataDirErrors, NoDataDirectory) {
  absl::StatusOr<std::string> report = app::VerifyDataDir("/nonexistent/paraat-data");
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(report.status().message(), "there is no data directory /nonexistent/paraat-data");
}

}  // namespace
}  // namespace paraat
