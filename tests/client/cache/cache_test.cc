// SPDX-License-Identifier: EUPL-1.2
// The client's local store on a real SQLite file: answers, followed logs, the outbox and
// drafts survive closing and reopening; the outbox keeps its order and each item's state.
#include "client/cache/cache.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "tests/support/test_server.h"

namespace paraat::client::cache {
namespace {

using ::paraat::testing::TempDir;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

std::unique_ptr<Cache> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Cache>> c = Cache::Open(path);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *std::move(c) : nullptr;
}

TEST(CacheTest, AnswersSurviveReopening) {
  TempDir dir;
  const std::string path = dir.File("sub/folder/cache.sqlite");
  {
    auto c = OpenOrDie(path);
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(c->Put("k1", std::string("a\0b", 3), kT0).ok());
    ASSERT_TRUE(c->Put("k1", "second", kT0 + absl::Minutes(1)).ok());
    ASSERT_TRUE(c->SetLastContact(kT0 + absl::Minutes(2)).ok());
  }
  auto c = OpenOrDie(path);
  ASSERT_NE(c, nullptr);
  auto got = c->Get("k1");
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->bytes, "second");
  EXPECT_EQ((*got)->saved, kT0 + absl::Minutes(1));
  auto missing = c->Get("k2");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  auto last = c->LastContact();
  ASSERT_TRUE(last.ok());
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ(**last, kT0 + absl::Minutes(2));
}

// The cache holds crisis logs, drafts and the outbox: readable by its owner only, also a
// cache file made before with a wider mode.
TEST(CacheTest, OnlyItsOwnerCanReadIt) {
  TempDir dir;
  const std::string path = dir.File("cache.sqlite");
  { std::ofstream(path) << ""; }
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto c = OpenOrDie(path);
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Put("k1", "answer", kT0).ok());
  for (const std::string& f : {path, path + "-wal"}) {
    struct stat st {};
    ASSERT_EQ(::stat(f.c_str(), &st), 0) << f;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << f;
  }
}

TEST(CacheTest, EntriesAndWhereTheLogContinues) {
  TempDir dir;
  auto c = OpenOrDie(dir.File("c.sqlite"));
  ASSERT_NE(c, nullptr);
  auto cont = c->ContiguousSeq(7);
  ASSERT_TRUE(cont.ok());
  EXPECT_EQ(*cont, 0);
  ASSERT_TRUE(c->PutEntries(7, {{1, "one"}, {2, "two"}, {4, "four"}}).ok());
  ASSERT_TRUE(c->PutEntries(8, {{1, "other"}}).ok());
  cont = c->ContiguousSeq(7);
  ASSERT_TRUE(cont.ok());
  EXPECT_EQ(*cont, 2);  // 3 is missing
  ASSERT_TRUE(c->PutEntries(7, {{3, "three"}}).ok());
  cont = c->ContiguousSeq(7);
  ASSERT_TRUE(cont.ok());
  EXPECT_EQ(*cont, 4);
  auto after = c->Entries(7, 2);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].first, 3);
  EXPECT_EQ((*after)[0].second, "three");
  EXPECT_EQ((*after)[1].first, 4);
}

TEST(CacheTest, OutboxKeepsOrderAndStatesAcrossReopening) {
  TempDir dir;
  const std::string path = dir.File("c.sqlite");
  int64_t a = 0, b = 0, d = 0;
  {
    auto c = OpenOrDie(path);
    ASSERT_NE(c, nullptr);
    auto id = c->Enqueue(1, "key-a", "req-a", "first", kT0);
    ASSERT_TRUE(id.ok()) << id.status();
    a = *id;
    id = c->Enqueue(1, "key-b", "req-b", "second", kT0 + absl::Seconds(1));
    ASSERT_TRUE(id.ok());
    b = *id;
    id = c->Enqueue(2, "key-d", "req-d", "third", kT0 + absl::Seconds(2));
    ASSERT_TRUE(id.ok());
    d = *id;
    EXPECT_LT(a, b);
    EXPECT_LT(b, d);
    auto dup = c->Enqueue(1, "key-a", "other", "again", kT0);
    EXPECT_EQ(dup.status().code(), absl::StatusCode::kAlreadyExists);
    EXPECT_EQ(c->Enqueue(1, "", "x", "y", kT0).status().code(), absl::StatusCode::kInvalidArgument);
    ASSERT_TRUE(c->NoteAttempt(a, "the server cannot be reached").ok());
    ASSERT_TRUE(c->MarkSent(a, 41, kT0 + absl::Minutes(5)).ok());
    ASSERT_TRUE(c->MarkFailed(b, "crisis 1 is closed", kT0 + absl::Minutes(5)).ok());
    // A finished item does not change again.
    EXPECT_EQ(c->MarkSent(b, 42, kT0).code(), absl::StatusCode::kNotFound);
  }
  auto c = OpenOrDie(path);
  ASSERT_NE(c, nullptr);
  auto all = c->Outbox(false);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].state, OutboxState::kSent);
  EXPECT_EQ((*all)[0].seq, 41);
  EXPECT_EQ((*all)[0].attempts, 2);
  EXPECT_EQ((*all)[0].last_error, "");
  EXPECT_EQ((*all)[1].state, OutboxState::kFailed);
  EXPECT_EQ((*all)[1].last_error, "crisis 1 is closed");
  EXPECT_EQ((*all)[2].state, OutboxState::kQueued);
  EXPECT_EQ((*all)[2].request, "req-d");
  EXPECT_EQ((*all)[2].summary, "third");
  auto pending = c->Outbox(true);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].id, d);
  ASSERT_TRUE(c->PruneOutbox(kT0 + absl::Hours(1)).ok());
  all = c->Outbox(false);
  ASSERT_TRUE(all.ok());
  // The queued one always stays; so does the refused one, until it is taken back.
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].state, OutboxState::kFailed);
  EXPECT_EQ(c->RemoveFailed(d).code(), absl::StatusCode::kNotFound);  // queued, not refused
  ASSERT_TRUE(c->RemoveFailed((*all)[0].id).ok());
  all = c->Outbox(false);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].id, d);
}

TEST(CacheTest, DraftsAreKeptUntilCleared) {
  TempDir dir;
  const std::string path = dir.File("c.sqlite");
  {
    auto c = OpenOrDie(path);
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(c->SaveDraft("crisis/1/entry", "Besluit: opvang in sporthal").ok());
  }
  auto c = OpenOrDie(path);
  ASSERT_NE(c, nullptr);
  auto d = c->Draft("crisis/1/entry");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, "Besluit: opvang in sporthal");
  ASSERT_TRUE(c->SaveDraft("crisis/1/entry", "").ok());
  d = c->Draft("crisis/1/entry");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, "");
}

TEST(CacheTest, RefusesAFileThatIsNotACache) {
  TempDir dir;
  const std::string path = dir.File("not-a-cache.sqlite");
  {
    std::ofstream f(path);
    f << "this is a text file, not SQLite, and it is long enough to have a header";
  }
  absl::StatusOr<std::unique_ptr<Cache>> c = Cache::Open(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kFailedPrecondition) << c.status();
  EXPECT_NE(c.status().message().find("not a Paraat cache"), std::string::npos) << c.status();
  EXPECT_EQ(Cache::Open("").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace paraat::client::cache
