// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "server/storage/audit.h"
#include "tests/support/test_server.h"

namespace paraat::storage {
namespace {

using testing::TempDir;

TEST(DatabaseTest, ServeRefusesAMissingDatabase) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kExisting);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("paraat-server init"), std::string::npos);
}

TEST(DatabaseTest, AFileThatIsNotADatabaseIsRefusedAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  const std::string content = "these are someone's notes, not a database\n";
  { std::ofstream(path) << content; }
  for (OpenMode mode : {OpenMode::kExisting, OpenMode::kCreate}) {
    auto db = Database::Open(path, mode);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(db.status().message().find("is not a Paraat database"), std::string::npos)
        << db.status();
  }
  std::ifstream in(path);
  std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(back, content);
}

TEST(DatabaseTest, AnotherApplicationsDatabaseIsRefused) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hi');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto db = Database::Open(path, OpenMode::kExisting);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("another application"), std::string::npos);
}

TEST(DatabaseTest, ADatabaseFromANewerVersionIsRefusedAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  { ASSERT_TRUE(Database::Open(path, OpenMode::kCreate).ok()); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  const std::string bump = "PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1);
  ASSERT_EQ(sqlite3_exec(raw, bump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto db = Database::Open(path, OpenMode::kExisting);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("newer than this paraat-server"), std::string::npos);
}

TEST(DatabaseTest, InitRefusesAnExistingDatabase) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  { ASSERT_TRUE(Database::Open(path, OpenMode::kCreate).ok()); }
  auto again = Database::Open(path, OpenMode::kCreate);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
}

TEST(DatabaseTest, ConcurrentWritesShareCommitsAndEachIsAcknowledgedAfterIt) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  constexpr int kThreads = 32, kPerThread = 20;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        absl::Status s = (*db)->Write([&](Txn& txn) {
          return AppendAudit(txn, "tester", "test.write", "thread/" + std::to_string(t), nullptr,
                             json::Value(i));
        });
        if (s.ok()) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kThreads * kPerThread);
  const WriterStats stats = (*db)->Stats();
  EXPECT_EQ(stats.jobs, kThreads * kPerThread);
  EXPECT_LT(stats.commits, stats.jobs) << "no write shared a commit";
  EXPECT_GT(stats.max_batch, 1);
  int64_t n = 0;
  ASSERT_TRUE((*db)->Read([&](Connection& c) { return VerifyAuditChain(c, &n); }).ok());
  EXPECT_EQ(n, kThreads * kPerThread);
}

TEST(DatabaseTest, AFailingJobIsRolledBackAloneInItsGroup) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  std::atomic<int> done{0};
  absl::Status bad_status;
  for (int i = 0; i < 10; ++i) {
    (*db)->WriteAsync(
        [i](Txn& txn) -> absl::Status {
          absl::Status s = AppendAudit(txn, "t", "x", "n/" + std::to_string(i), nullptr, nullptr);
          if (!s.ok()) return s;
          if (i == 5) return absl::InvalidArgumentError("job 5 refuses");
          return absl::OkStatus();
        },
        [&, i](absl::Status s) {
          if (i == 5) bad_status = s;
          ++done;
        });
  }
  while (done.load() < 10) std::this_thread::yield();
  EXPECT_EQ(bad_status.code(), absl::StatusCode::kInvalidArgument);
  int64_t n = 0;
  ASSERT_TRUE((*db)->Read([&](Connection& c) { return VerifyAuditChain(c, &n); }).ok());
  EXPECT_EQ(n, 9);
}

TEST(DatabaseTest, WritesAfterCloseAreUnavailable) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  (*db)->Close();
  absl::Status s = (*db)->Write([](Txn&) { return absl::OkStatus(); });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
}

// Tampering with the audit trail (by someone with the file, who first drops the guard
// triggers) is found by the chain check, naming the record.
TEST(AuditTest, EveryKindOfTamperingIsFound) {
  struct Case {
    const char* name;
    const char* sql;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"edited", "UPDATE audit SET actor = 'mallory' WHERE id = 3",
       "audit trail: record 3 (test.write n/2) was changed after it was written"},
      {"deleted", "DELETE FROM audit WHERE id = 3", "audit trail: record 3 is missing (next record is 4)"},
      {"deleted last and replaced",
       "DELETE FROM audit WHERE id = 5; INSERT INTO audit SELECT 5, at_us, actor, action, object, "
       "before_json, after_json, prev_hash, hash FROM audit WHERE id = 4",
       "audit trail: record 5 does not chain to record 4 (a record was removed, inserted or "
       "changed before it)"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    const std::string path = dir.File("paraat.db");
    {
      auto db = Database::Open(path, OpenMode::kCreate);
      ASSERT_TRUE(db.ok());
      for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE((*db)->Write([&](Txn& txn) {
                          return AppendAudit(txn, "t", "test.write", "n/" + std::to_string(i),
                                             nullptr, json::Value(i));
                        }).ok());
      }
    }
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, c.sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    sqlite3_close(raw);
    auto db = Database::Open(path, OpenMode::kExisting);
    ASSERT_TRUE(db.ok());
    int64_t n = 0;
    absl::Status s = (*db)->Read([&](Connection& conn) { return VerifyAuditChain(conn, &n); });
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << c.name;
    EXPECT_EQ(s.message(), c.expected) << c.name;
  }
}

TEST(AuditTest, TheTriggersRefuseEditsThroughSql) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Write([](Txn& txn) { return AppendAudit(txn, "t", "a", "o", nullptr, nullptr); }).ok());
  absl::Status s = (*db)->Write([](Txn& txn) { return txn.conn().Exec("UPDATE audit SET actor = 'x'"); });
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("append-only"), std::string::npos) << s;
}

}  // namespace
}  // namespace paraat::storage
