// SPDX-License-Identifier: EUPL-1.2
// The writer thread when a commit fails: every waiter hears the truth (acknowledged exactly
// when the change is on disk), in-memory hooks run only for what committed, and the writer
// keeps working afterwards.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "server/storage/database.h"
#include "tests/support/test_server.h"

namespace paraat::storage {
namespace {

using testing::TempDir;

class GroupCommitFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.File("paraat.db"), OpenMode::kCreate);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Write([](Txn& t) {
                     return t.conn().Exec("CREATE TABLE fault_test (k TEXT PRIMARY KEY) STRICT");
                   }).ok());
  }

  // A job inserting `key`, with a hook that records it once committed.
  WriteJob Insert(const std::string& key) {
    return [this, key](Txn& t) -> absl::Status {
      absl::StatusOr<std::unique_ptr<Statement>> st =
          t.conn().PrepareOnce("INSERT INTO fault_test (k) VALUES (?)");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, key);
      if (absl::Status s = (*st)->Run(); !s.ok()) return s;
      t.OnCommit([this, key] {
        std::lock_guard<std::mutex> lock(mu_);
        hooked_.insert(key);
      });
      return absl::OkStatus();
    };
  }

  std::set<std::string> Rows() {
    std::set<std::string> out;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                     absl::StatusOr<std::unique_ptr<Statement>> st =
                         c.PrepareOnce("SELECT k FROM fault_test");
                     if (!st.ok()) return st.status();
                     while (true) {
                       absl::StatusOr<bool> row = (*st)->Step();
                       if (!row.ok()) return row.status();
                       if (!*row) return absl::OkStatus();
                       out.insert((*st)->Text(0));
                     }
                   }).ok());
    return out;
  }

  // Runs `jobs` as one group: they queue behind a job that holds the writer until all are in.
  std::vector<absl::Status> RunAsOneGroup(std::vector<WriteJob> jobs) {
    absl::Notification entered, release, blocker_done;
    db_->WriteAsync(
        [&](Txn&) {
          entered.Notify();
          release.WaitForNotification();
          return absl::OkStatus();
        },
        [&](absl::Status) { blocker_done.Notify(); });
    entered.WaitForNotification();
    std::vector<absl::Status> results(jobs.size());
    std::vector<std::unique_ptr<absl::Notification>> done;
    for (size_t i = 0; i < jobs.size(); ++i) {
      done.push_back(std::make_unique<absl::Notification>());
      db_->WriteAsync(std::move(jobs[i]), [&results, &done, i](absl::Status s) {
        results[i] = std::move(s);
        done[i]->Notify();
      });
    }
    release.Notify();
    blocker_done.WaitForNotification();
    for (auto& d : done) d->WaitForNotification();
    return results;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  std::mutex mu_;
  std::set<std::string> hooked_;
};

// SQLite may roll back the whole transaction when a statement fails with SQLITE_FULL,
// SQLITE_IOERR or SQLITE_NOMEM (simulated here by a job that rolls back and reports a full
// disk). Before the fix, the jobs after it ran outside any transaction, so each committed on
// its own while the writer reported them failed ("cannot commit - no transaction is active");
// the ones before it were reported with that INTERNAL error instead of the disk error.
TEST_F(GroupCommitFaultTest, AJobWhoseFailureEndsTheGroupTransaction) {
  std::vector<WriteJob> jobs;
  jobs.push_back(Insert("before"));
  jobs.push_back([](Txn& t) -> absl::Status {
    (void)t.conn().Exec("INSERT INTO fault_test (k) VALUES ('failing')");
    (void)t.conn().Exec("ROLLBACK");  // what SQLite does itself on some SQLITE_FULL errors
    return absl::ResourceExhaustedError("database or disk is full (simulated)");
  });
  jobs.push_back(Insert("after"));
  jobs.push_back(Insert("after too"));
  const std::vector<absl::Status> r = RunAsOneGroup(std::move(jobs));

  // Acknowledged exactly when committed.
  const std::set<std::string> rows = Rows();
  EXPECT_EQ(rows, (std::set<std::string>{"after", "after too"}));
  EXPECT_EQ(r[0].code(), absl::StatusCode::kResourceExhausted) << r[0];
  EXPECT_NE(r[0].message().find("rolled back with its group"), absl::string_view::npos) << r[0];
  EXPECT_EQ(r[1].code(), absl::StatusCode::kResourceExhausted) << r[1];
  EXPECT_TRUE(r[2].ok()) << r[2];
  EXPECT_TRUE(r[3].ok()) << r[3];
  {
    std::lock_guard<std::mutex> lock(mu_);
    EXPECT_EQ(hooked_, rows) << "in-memory hooks must follow exactly what is on disk";
  }
  // The writer goes on.
  EXPECT_TRUE(db_->Write(Insert("later")).ok());
  EXPECT_EQ(Rows().count("later"), 1u);
}

// A job that fails on its own (a rule, a constraint) is rolled back alone; the group commits.
TEST_F(GroupCommitFaultTest, AFailingJobIsRolledBackAlone) {
  std::vector<WriteJob> jobs;
  jobs.push_back(Insert("one"));
  jobs.push_back(Insert("one"));  // PRIMARY KEY: ALREADY_EXISTS
  jobs.push_back([](Txn& t) -> absl::Status {
    (void)t.conn().Exec("INSERT INTO fault_test (k) VALUES ('refused')");
    return absl::FailedPreconditionError("a rule says no");
  });
  jobs.push_back(Insert("two"));
  const std::vector<absl::Status> r = RunAsOneGroup(std::move(jobs));
  EXPECT_TRUE(r[0].ok()) << r[0];
  EXPECT_EQ(r[1].code(), absl::StatusCode::kAlreadyExists) << r[1];
  EXPECT_EQ(r[2].code(), absl::StatusCode::kFailedPrecondition) << r[2];
  EXPECT_TRUE(r[3].ok()) << r[3];
  EXPECT_EQ(Rows(), (std::set<std::string>{"one", "two"}));
  std::lock_guard<std::mutex> lock(mu_);
  EXPECT_EQ(hooked_, (std::set<std::string>{"one", "two"}));
}

// A failed COMMIT (the disk filled up while the group's pages were written) fails every
// waiter of the group with the mapped status and runs no hook.
TEST_F(GroupCommitFaultTest, AFailedCommitFailsEveryWaiterOfTheGroup) {
  // A deferred foreign key violated at COMMIT is a COMMIT failure SQLite makes on demand.
  ASSERT_TRUE(db_->Write([](Txn& t) {
                   return t.conn().Exec(
                       "CREATE TABLE fault_parent (id INTEGER PRIMARY KEY) STRICT;"
                       "CREATE TABLE fault_child (p INTEGER REFERENCES fault_parent (id) "
                       "DEFERRABLE INITIALLY DEFERRED) STRICT;");
                 }).ok());
  std::vector<WriteJob> jobs;
  jobs.push_back(Insert("a"));
  jobs.push_back([](Txn& t) { return t.conn().Exec("INSERT INTO fault_child (p) VALUES (42)"); });
  jobs.push_back(Insert("b"));
  const std::vector<absl::Status> r = RunAsOneGroup(std::move(jobs));
  for (const absl::Status& s : r) EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Rows().empty());
  std::lock_guard<std::mutex> lock(mu_);
  EXPECT_TRUE(hooked_.empty());
}

}  // namespace
}  // namespace paraat::storage
