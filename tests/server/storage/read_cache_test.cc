// SPDX-License-Identifier: EUPL-1.2
// Change counting and the read cache on a real database file: a cached read is served until a
// table it used changes, and never after a writer has been told its change is committed.
#include "server/storage/read_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/storage/database.h"
#include "tests/support/test_server.h"

namespace paraat::storage {
namespace {

using testing::TempDir;

class ReadCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(dir_.File("paraat.db"), OpenMode::kCreate);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }

  void Exec(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](Txn& txn) { return txn.conn().Exec(sql); }).ok()) << sql;
  }

  // A read of the municipalities with their setting, the way a store reads.
  static absl::StatusOr<int64_t> CountMunicipalities(Connection& c) {
    auto st = c.Prepare("SELECT count(*) + (SELECT count(*) FROM setting WHERE key = 'x') "
                        "FROM municipality");
    if (!st.ok()) return st.status();
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    return (*st)->Int(0);
  }

  int64_t Cached(ReadCache<int64_t>& cache) {
    auto v = cache.Get([](const int64_t&) { return true; }, &CountMunicipalities);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? **v : -1;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(ReadCacheTest, AReadReportsEveryTableItsStatementsUse) {
  TableSet tables;
  ASSERT_TRUE(db_->Read([](Connection& c) { return CountMunicipalities(c).status(); }, &tables)
                  .ok());
  EXPECT_EQ(tables, (TableSet{"municipality", "setting"}));
  // A cached statement reports its tables again on its next use.
  TableSet again;
  ASSERT_TRUE(db_->Read([](Connection& c) { return CountMunicipalities(c).status(); }, &again)
                  .ok());
  EXPECT_EQ(again, tables);
}

TEST_F(ReadCacheTest, ASearchIndexCountsAsChangedWhenItsShadowTablesAre) {
  TableSet tables;
  ASSERT_TRUE(db_->Read(
                     [](Connection& c) {
                       return c.QueryInt("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH "
                                         "'heumensoord'")
                           .status();
                     },
                     &tables)
                  .ok());
  EXPECT_TRUE(tables.contains("entry_fts")) << absl::StrJoin(tables, ",");
  const uint64_t before = db_->Stamp(tables);
  Exec("INSERT INTO entry_fts (rowid, text) VALUES (1, 'Heumensoord vol')");
  EXPECT_GT(db_->Stamp(tables), before);
}

TEST_F(ReadCacheTest, ACommitCountsTheTablesItTouched) {
  const uint64_t m0 = db_->Stamp({"municipality"});
  const uint64_t s0 = db_->Stamp({"setting"});
  Exec("INSERT INTO municipality (key, name) VALUES ('druten', 'Druten')");
  EXPECT_GT(db_->Stamp({"municipality"}), m0);
  EXPECT_EQ(db_->Stamp({"setting"}), s0);
  // `setting` is a WITHOUT ROWID table: SQLite's update hook would miss it, this does not.
  Exec("INSERT INTO setting (key, value) VALUES ('x', '1')");
  EXPECT_GT(db_->Stamp({"setting"}), s0);
  // A statement that changes no row touches nothing.
  const uint64_t m1 = db_->Stamp({"municipality"});
  Exec("UPDATE municipality SET name = 'x' WHERE key = 'nowhere'");
  EXPECT_EQ(db_->Stamp({"municipality"}), m1);
}

TEST_F(ReadCacheTest, ServedUntilATableItReadChanges) {
  ReadCache<int64_t> cache(db_.get());
  const int64_t before = Cached(cache);
  EXPECT_EQ(Cached(cache), before);
  EXPECT_EQ(cache.loads(), 1);
  // A change elsewhere keeps it.
  Exec("INSERT INTO refusal (actor, method, minute_us, count) VALUES ('a', 'b', 0, 1)");
  EXPECT_EQ(Cached(cache), before);
  EXPECT_EQ(cache.loads(), 1);
  // A change to a table it read (here through a subquery) is seen by the very next read.
  Exec("INSERT INTO setting (key, value) VALUES ('x', '1')");
  EXPECT_EQ(Cached(cache), before + 1);
  EXPECT_EQ(cache.loads(), 2);
  Exec("INSERT INTO municipality (key, name) VALUES ('druten', 'Druten')");
  EXPECT_EQ(Cached(cache), before + 2);
  EXPECT_EQ(cache.loads(), 3);
  EXPECT_EQ(Cached(cache), before + 2);
  EXPECT_EQ(cache.loads(), 3);
}

TEST_F(ReadCacheTest, AValueThatDoesNotFitIsReadAfreshAndNotKept) {
  ReadCache<int64_t> cache(db_.get());
  auto never = cache.Get([](const int64_t&) { return false; }, &CountMunicipalities);
  ASSERT_TRUE(never.ok());
  Cached(cache);
  Cached(cache);
  EXPECT_EQ(cache.loads(), 2);
  // A failing read is an error, not a cached value.
  ReadCache<int64_t> empty(db_.get());
  auto bad = empty.Get([](const int64_t&) { return true; },
                       [](Connection& c) -> absl::StatusOr<int64_t> {
                         return c.Prepare("SELECT nope FROM nowhere").status();
                       });
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(empty.loads(), 0);
  EXPECT_EQ(Cached(empty), Cached(cache));
}

// After a change, callers that find the value stale at the same moment share one load.
TEST_F(ReadCacheTest, CallersThatFindItStaleTogetherShareOneLoad) {
  ReadCache<int64_t> cache(db_.get());
  const int64_t before = Cached(cache);
  Exec("INSERT INTO municipality (key, name) VALUES ('druten', 'Druten')");
  constexpr int kCallers = 8;
  std::atomic<int> arrived{0};
  std::vector<int64_t> seen(kCallers, -1);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      ++arrived;
      while (arrived.load() < kCallers) std::this_thread::yield();
      auto v = cache.Get([](const int64_t&) { return true; },
                         [&](Connection& c) -> absl::StatusOr<int64_t> {
                           // A slow read, so every caller finds the value stale meanwhile.
                           std::this_thread::sleep_for(std::chrono::milliseconds(100));
                           return CountMunicipalities(c);
                         });
      if (v.ok()) seen[i] = **v;
    });
  }
  for (auto& t : callers) t.join();
  for (int64_t v : seen) EXPECT_EQ(v, before + 1);
  EXPECT_EQ(cache.loads(), 2) << "the callers did not share the load after the change";
}

TEST_F(ReadCacheTest, AWriterThatWasToldDoneAlwaysReadsItsOwnChange) {
  ReadCache<int64_t> cache(db_.get());
  const int64_t base = Cached(cache);
  std::atomic<bool> failed{false};
  std::vector<std::thread> writers;
  constexpr int kWriters = 4, kEach = 40;
  std::atomic<int> done{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach && !failed; ++i) {
        const std::string key = absl::StrCat("m", w, "-", i);
        absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
          auto st = txn.conn().Prepare("INSERT INTO municipality (key, name) VALUES (?, ?)");
          if (!st.ok()) return st.status();
          (*st)->Bind(1, key).Bind(2, key);
          return (*st)->Run();
        });
        if (!s.ok()) failed = true;
        const int mine = done.fetch_add(1) + 1;  // at least this many are committed now
        auto v = cache.Get([](const int64_t&) { return true; }, &CountMunicipalities);
        if (!v.ok() || **v < base + mine) failed = true;
      }
    });
  }
  // Readers that only read, at the same time.
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (done.load() < kWriters * kEach && !failed) {
        auto v = cache.Get([](const int64_t&) { return true; }, &CountMunicipalities);
        if (!v.ok()) failed = true;
      }
    });
  }
  for (auto& t : writers) t.join();
  for (auto& t : readers) t.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(Cached(cache), base + kWriters * kEach);
}

}  // namespace
}  // namespace paraat::storage
