// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"

#include "server/storage/audit.h"
#include "server/storage/migrations.h"
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

// A database file the server cannot write (its mode changed under it) refuses writes as
// UNAVAILABLE, which is logged, with what to check; not as a silent FAILED_PRECONDITION.
TEST(DatabaseTest, AWriteToADatabaseThatCannotBeWrittenSaysWhatToCheck) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  {
    auto db = Database::Open(path, OpenMode::kCreate);
    ASSERT_TRUE(db.ok()) << db.status();
  }
  auto ro = Connection::Open(path, /*read_only=*/true, /*create=*/false);
  ASSERT_TRUE(ro.ok()) << ro.status();
  const absl::Status s = (*ro)->Exec("CREATE TABLE scratch (a INTEGER)");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_NE(s.message().find("the data directory cannot be written: check the owner and mode of "
                             "paraat.db, paraat.db-wal, paraat.db-shm"),
            std::string::npos)
      << s;
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

// A Paraat database whose schema page was overwritten is called damaged, with the way out
// (restore the backup), not "not a Paraat database".
TEST(DatabaseTest, ADamagedDatabaseIsCalledDamagedAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  {
    auto db = Database::Open(path, OpenMode::kCreate);
    ASSERT_TRUE(db.ok()) << db.status();
  }
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(bytes.size(), 4096u);
  for (size_t i = 100; i < 4096; ++i) bytes[i] = static_cast<char>(0xA5);
  { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; }
  for (OpenMode mode : {OpenMode::kExisting, OpenMode::kCurrent, OpenMode::kAsItIs}) {
    auto db = Database::Open(path, mode);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), absl::StatusCode::kDataLoss) << db.status();
    EXPECT_THAT(std::string(db.status().message()),
                ::testing::HasSubstr(path + " is damaged ("));
    EXPECT_THAT(std::string(db.status().message()),
                ::testing::HasSubstr("it was left untouched. Restore the last backup"));
  }
  std::ifstream in(path, std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(back, bytes);
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

// Completions are told in the order the writes committed, whichever thread tells them, and a
// completion may queue the next write itself (a client with one write in flight at a time).
TEST(DatabaseTest, CompletionsRunInCommitOrderAndMayQueueTheNextWrite) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  constexpr int kClients = 48, kPerClient = 25;
  std::mutex mu;
  std::vector<int> ran, told;  // write ids, in the order their jobs ran and were told
  std::atomic<int> failed{0};
  absl::Notification all_told;
  std::function<void(int, int)> submit = [&](int client, int i) {
    const int id = client * kPerClient + i;
    (*db)->WriteAsync(
        [&, id](Txn& txn) -> absl::Status {
          {
            std::lock_guard<std::mutex> lock(mu);
            ran.push_back(id);
          }
          return AppendAudit(txn, "tester", "test.write", "write/" + std::to_string(id), nullptr,
                             nullptr);
        },
        [&, client, i, id](absl::Status s) {
          if (!s.ok()) ++failed;
          // Some completions are slow (a client doing its next step), so a later group can
          // commit while an earlier one is still being told.
          if (id % 5 == 0) absl::SleepFor(absl::Microseconds(300));
          bool last;
          {
            std::lock_guard<std::mutex> lock(mu);
            told.push_back(id);
            last = told.size() == kClients * kPerClient;
          }
          if (i + 1 < kPerClient) submit(client, i + 1);
          if (last) all_told.Notify();
        });
  };
  for (int c = 0; c < kClients; ++c) submit(c, 0);
  ASSERT_TRUE(all_told.WaitForNotificationWithTimeout(absl::Seconds(60)));
  EXPECT_EQ(failed.load(), 0);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(told, ran);
  EXPECT_LT((*db)->Stats().commits, kClients * kPerClient) << "no write shared a commit";
}

// Close() returns once every write queued before it has committed and been told.
TEST(DatabaseTest, CloseTellsEveryQueuedWriteBeforeItReturns) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  constexpr int kWrites = 300;
  std::atomic<int> ok{0};
  for (int i = 0; i < kWrites; ++i) {
    (*db)->WriteAsync(
        [i](Txn& txn) {
          return AppendAudit(txn, "tester", "test.write", "write/" + std::to_string(i), nullptr,
                             nullptr);
        },
        [&](absl::Status s) {
          if (s.ok()) ++ok;
        });
  }
  (*db)->Close();
  EXPECT_EQ(ok.load(), kWrites);
}

TEST(DatabaseTest, GroupStepsRunAfterTheJobsAndTheirFailureFailsTheGroup) {
  TempDir dir;
  auto db = Database::Open(dir.File("paraat.db"), OpenMode::kCreate);
  ASSERT_TRUE(db.ok());
  auto count = [&](const std::string& prefix) {
    int64_t n = -1;
    EXPECT_TRUE((*db)
                    ->Read([&](Connection& c) -> absl::Status {
                      auto st = c.Prepare("SELECT count(*) FROM setting WHERE key LIKE ?");
                      if (!st.ok()) return st.status();
                      (*st)->Bind(1, prefix + "%");
                      auto row = (*st)->Step();
                      if (!row.ok()) return row.status();
                      n = (*st)->Int(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return n;
  };
  // Runs `jobs` as one group: a first job holds the writer until they are all queued.
  auto run_group = [&](std::vector<WriteJob> jobs) {
    std::promise<void> queued, holding;
    std::shared_future<void> go = queued.get_future().share();
    std::atomic<int> done{0};
    std::vector<absl::Status> results(jobs.size());
    (*db)->WriteAsync(
        [go, &holding](Txn&) {
          holding.set_value();
          go.wait();
          return absl::OkStatus();
        },
        [&](absl::Status) { ++done; });
    holding.get_future().wait();  // the writer is busy: what follows queues up as one group
    for (size_t i = 0; i < jobs.size(); ++i) {
      (*db)->WriteAsync(jobs[i], [&, i](absl::Status s) {
        results[i] = s;
        ++done;
      });
    }
    queued.set_value();
    while (done.load() < static_cast<int>(jobs.size()) + 1) std::this_thread::yield();
    return results;
  };
  constexpr int kJobs = 6;
  // Each job writes a row and leaves a step; job 3 then refuses. Every step must find every
  // row of the group's good jobs (the steps run after all jobs) and no job's savepoint open.
  std::vector<WriteJob> jobs;
  for (int i = 0; i < kJobs; ++i) {
    jobs.push_back([i](Txn& txn) -> absl::Status {
      auto st = txn.conn().Prepare("INSERT INTO setting (key, value) VALUES (?, 'job')");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, "job-" + std::to_string(i));
      if (absl::Status s = (*st)->Run(); !s.ok()) return s;
      txn.BeforeCommit([i](Connection& c) -> absl::Status {
        auto jobs_seen = c.QueryInt("SELECT count(*) FROM setting WHERE key LIKE 'job-%'");
        if (!jobs_seen.ok() || *jobs_seen != kJobs - 1) {
          return absl::InternalError("a step ran before every job of its group");
        }
        if (c.Exec("RELEASE job").ok()) return absl::InternalError("a step ran in a savepoint");
        auto st = c.Prepare("INSERT INTO setting (key, value) VALUES (?, 'step')");
        if (!st.ok()) return st.status();
        (*st)->Bind(1, "step-" + std::to_string(i));
        return (*st)->Run();
      });
      if (i == 3) return absl::InvalidArgumentError("job 3 refuses");
      return absl::OkStatus();
    });
  }
  std::vector<absl::Status> results = run_group(jobs);
  for (int i = 0; i < kJobs; ++i) {
    EXPECT_EQ(results[i].ok(), i != 3) << i << ": " << results[i];
  }
  EXPECT_EQ(count("job-"), kJobs - 1);
  EXPECT_EQ(count("step-"), kJobs - 1);

  // A step that fails rolls back its whole group: every job of it is told, nothing stays.
  std::vector<WriteJob> doomed;
  for (int i = 0; i < 4; ++i) {
    doomed.push_back([i](Txn& txn) -> absl::Status {
      if (i == 2) {
        txn.BeforeCommit([](Connection& c) { return c.Exec("INSERT INTO nowhere VALUES (1)"); });
      }
      return txn.conn().Exec("INSERT INTO setting (key, value) VALUES ('lost-" +
                             std::to_string(i) + "', 'x')");
    });
  }
  results = run_group(doomed);
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(results[i].ok()) << i;
  EXPECT_EQ(count("lost-"), 0);
  // And the writer goes on.
  EXPECT_TRUE((*db)
                  ->Write([](Txn& txn) {
                    return txn.conn().Exec("INSERT INTO setting (key, value) VALUES ('after', 'x')");
                  })
                  .ok());
  EXPECT_EQ(count("after"), 1);
}

// Migration 8 drops the trigger that indexed entries for search; what it had indexed stays
// searchable.
TEST(DatabaseTest, MigrationEightKeepsTheSearchIndexOfEarlierEntries) {
  TempDir dir;
  const std::string path = dir.File("paraat.db");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << (err != nullptr ? err : "") << " in " << sql.substr(0, 80);
    sqlite3_free(err);
  };
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  for (const Migration& m : Migrations()) {
    if (m.version <= 7) exec(std::string(m.sql));
  }
  exec("PRAGMA user_version = 7");
  exec("INSERT INTO crisis (id, title, type, grip, open, opened_us, opened_by, entry_count, "
       "frontier, last_entry_us) VALUES (1, 'Opvang', 'opvang', '1', 1, 0, 'x', 0, x'', 0)");
  exec("INSERT INTO entry (crisis_id, seq, kind, author, author_name, entered_us, event_us, "
       "text, municipalities, refs, title, type, grip, action_owner, action_deadline_us, "
       "action_status, action_ref, corrects, idempotency_key, request_digest, leaf_hash) VALUES "
       "(1, 1, 'situation', 'a', 'A', 0, 0, 'Heumensoord vol', '', '', '', '', '', '', NULL, '', "
       "0, 0, 'k', x'00', x'00')");
  sqlite3_close(raw);

  auto db = Database::Open(path, OpenMode::kExisting);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)
                  ->Read([](Connection& c) -> absl::Status {
                    auto triggers = c.QueryInt(
                        "SELECT count(*) FROM sqlite_schema WHERE name = 'entry_fts_insert'");
                    if (!triggers.ok()) return triggers.status();
                    EXPECT_EQ(*triggers, 0);
                    auto found = c.QueryInt(
                        "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'heumensoord'");
                    if (!found.ok()) return found.status();
                    EXPECT_EQ(*found, 1);
                    auto version = c.QueryInt("PRAGMA user_version");
                    if (!version.ok()) return version.status();
                    EXPECT_EQ(*version, LatestSchemaVersion());
                    return absl::OkStatus();
                  })
                  .ok());
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
