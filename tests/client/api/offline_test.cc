// SPDX-License-Identifier: EUPL-1.2
// Working offline against a real server: read calls answer from the local cache while the
// server is down, entries written meanwhile wait in the outbox on disk, survive quitting,
// and reach the log exactly once and in order when the server is back; a send whose answer
// was lost is not doubled; an entry the server refuses for good is marked with its message
// and does not hold up the rest.
#include "client/api/offline.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "client/api/client.h"
#include "client/cache/cache.h"
#include "tests/support/test_server.h"

namespace paraat::client {
namespace {

using ::paraat::testing::TempDir;
using ::paraat::testing::TestServer;

std::unique_ptr<Client> Connect(const std::string& address, const std::string& token) {
  ClientOptions o;
  o.server = address;
  o.token = token;
  o.deadline = absl::Seconds(2);
  return std::make_unique<Client>(o);
}

std::unique_ptr<cache::Cache> OpenCache(const std::string& path) {
  absl::StatusOr<std::unique_ptr<cache::Cache>> c = cache::Cache::Open(path);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *std::move(c) : nullptr;
}

crisis::AppendRequest Entry(int64_t crisis_id, crisis::EntryKind kind, const std::string& text) {
  crisis::AppendRequest r;
  r.crisis_id = crisis_id;
  r.kind = kind;
  r.text = text;
  return r;
}

// The texts of the crisis's entries, in order, read live from the server.
std::vector<std::string> Texts(Client& client, int64_t crisis_id) {
  std::vector<std::string> out;
  int64_t after = 0;
  while (true) {
    absl::StatusOr<EntryPage> page = client.ListEntries(crisis_id, after, 500, {});
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok() || page->entries.empty()) break;
    for (const EntryView& v : page->entries) out.push_back(v.entry.text);
    after = page->entries.back().entry.seq;
  }
  return out;
}

int Count(const std::vector<std::string>& texts, const std::string& text) {
  return static_cast<int>(std::count(texts.begin(), texts.end(), text));
}

class OfflineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    token_ = server_->LoginAs("coordinator");
    cache_path_ = cache_dir_.File("cache/coordinator.sqlite");
  }

  int64_t OpenCrisisId(Client& client) {
    absl::StatusOr<std::vector<crisis::Crisis>> crises = client.ListCrises(false);
    EXPECT_TRUE(crises.ok()) << crises.status();
    EXPECT_FALSE(crises->empty());
    return crises.ok() && !crises->empty() ? crises->front().id : 0;
  }

  std::unique_ptr<TestServer> server_;
  std::string token_;
  TempDir cache_dir_;
  std::string cache_path_;
};

TEST_F(OfflineTest, EntriesWrittenOfflineArriveOnceInOrderAfterQuittingAndRestarting) {
  int64_t crisis_id = 0;
  std::vector<std::string> before;
  {
    auto cache = OpenCache(cache_path_);
    ASSERT_NE(cache, nullptr);
    auto client = Connect(server_->address(), token_);
    client->set_cache(cache.get());
    crisis_id = OpenCrisisId(*client);
    ASSERT_GT(crisis_id, 0);
    before = Texts(*client, crisis_id);
    absl::StatusOr<EntryPage> page = client->ListEntries(crisis_id, 0, 500, {});
    ASSERT_TRUE(page.ok());
    std::vector<crisis::Entry> entries;
    for (const EntryView& v : page->entries) entries.push_back(v.entry);
    ASSERT_TRUE(RememberEntries(*cache, entries).ok());

    server_->Stop();

    // Reads answer from the cache, and say when that answer was fetched.
    absl::Time fetched;
    client->set_cache(cache.get(), [&fetched](absl::Time t) { fetched = t; });
    absl::StatusOr<std::vector<crisis::Crisis>> crises = client->ListCrises(false);
    ASSERT_TRUE(crises.ok()) << crises.status();
    EXPECT_EQ(crises->front().id, crisis_id);
    EXPECT_GT(fetched, absl::Now() - absl::Minutes(1));
    // A question never asked before has no cached answer: the error stays.
    EXPECT_EQ(client->ListCrises(true).status().code(), absl::StatusCode::kUnavailable);
    auto cached = CachedEntries(*cache, crisis_id, 0);
    ASSERT_TRUE(cached.ok());
    EXPECT_EQ(cached->size(), page->entries.size());

    Outbox outbox(cache.get());
    auto a = outbox.Queue(Entry(crisis_id, crisis::EntryKind::kSituation,
                                "Offline 1: stroomstoring in Druten, noodaggregaat draait"),
                          absl::Now());
    ASSERT_TRUE(a.ok()) << a.status();
    EXPECT_FALSE(a->request.idempotency_key.empty());
    EXPECT_TRUE(a->request.event_time.has_value());
    auto b = outbox.Queue(Entry(crisis_id, crisis::EntryKind::kDecision,
                                "Offline 2: sporthal De Arend open als opvanglocatie"),
                          absl::Now());
    ASSERT_TRUE(b.ok()) << b.status();
    // A mistake shows at once, not when the server is back.
    EXPECT_EQ(outbox.Queue(Entry(crisis_id, crisis::EntryKind::kDecision, ""), absl::Now())
                  .status()
                  .code(),
              absl::StatusCode::kInvalidArgument);

    FlushResult r = outbox.Flush(*client);
    EXPECT_EQ(r.sent, 0);
    EXPECT_EQ(r.pending, 2);
    EXPECT_EQ(r.stopped.code(), absl::StatusCode::kUnavailable) << r.stopped;
    auto items = outbox.Items(false);
    ASSERT_TRUE(items.ok());
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ((*items)[0].item.state, cache::OutboxState::kQueued);
    EXPECT_GE((*items)[0].item.attempts, 1);
    EXPECT_FALSE((*items)[0].item.last_error.empty());
    EXPECT_EQ((*items)[1].item.attempts, 0);  // the order holds: the second was not tried
    // Quit: the client, the outbox and the cache go away.
  }

  server_->Restart();
  auto cache = OpenCache(cache_path_);
  ASSERT_NE(cache, nullptr);
  auto client = Connect(server_->address(), token_);
  client->set_cache(cache.get());
  Outbox outbox(cache.get());
  auto pending = outbox.Items(true);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);

  FlushResult r = outbox.Flush(*client);
  EXPECT_TRUE(r.stopped.ok()) << r.stopped;
  EXPECT_EQ(r.sent, 2);
  EXPECT_EQ(r.pending, 0);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_LT(r.entries[0].seq, r.entries[1].seq);

  // A second flush has nothing to send.
  FlushResult again = outbox.Flush(*client);
  EXPECT_EQ(again.sent, 0);
  EXPECT_TRUE(again.stopped.ok());

  const std::vector<std::string> after = Texts(*client, crisis_id);
  EXPECT_EQ(after.size(), before.size() + 2);
  EXPECT_EQ(Count(after, "Offline 1: stroomstoring in Druten, noodaggregaat draait"), 1);
  EXPECT_EQ(Count(after, "Offline 2: sporthal De Arend open als opvanglocatie"), 1);
  EXPECT_EQ(after[after.size() - 2], "Offline 1: stroomstoring in Druten, noodaggregaat draait");
  EXPECT_EQ(after.back(), "Offline 2: sporthal De Arend open als opvanglocatie");

  auto items = outbox.Items(false);
  ASSERT_TRUE(items.ok());
  for (const QueuedEntry& q : *items) {
    EXPECT_EQ(q.item.state, cache::OutboxState::kSent);
    EXPECT_GT(q.item.seq, 0);
  }
  // The sent entries are in the cached log too.
  auto cached = CachedEntries(*cache, crisis_id, r.entries[0].seq - 1);
  ASSERT_TRUE(cached.ok());
  ASSERT_EQ(cached->size(), 2u);
}

TEST_F(OfflineTest, ASendWhoseAnswerWasLostIsNotDoubled) {
  auto cache = OpenCache(cache_path_);
  ASSERT_NE(cache, nullptr);
  auto client = Connect(server_->address(), token_);
  const int64_t crisis_id = OpenCrisisId(*client);
  Outbox outbox(cache.get());
  auto q = outbox.Queue(Entry(crisis_id, crisis::EntryKind::kMessage, "Verbinding viel weg"),
                        absl::Now());
  ASSERT_TRUE(q.ok()) << q.status();
  // The server took it, but the answer never reached the outbox (the app died first).
  ASSERT_TRUE(client->AppendEntry(q->request).ok());

  FlushResult r = outbox.Flush(*client);
  EXPECT_EQ(r.sent, 1);
  EXPECT_TRUE(r.stopped.ok()) << r.stopped;
  EXPECT_EQ(Count(Texts(*client, crisis_id), "Verbinding viel weg"), 1);
}

TEST_F(OfflineTest, ARefusedEntryIsMarkedAndTheRestStillGoes) {
  auto cache = OpenCache(cache_path_);
  ASSERT_NE(cache, nullptr);
  auto client = Connect(server_->address(), token_);
  const int64_t crisis_id = OpenCrisisId(*client);
  Outbox outbox(cache.get());
  ASSERT_TRUE(outbox
                  .Queue(Entry(999999, crisis::EntryKind::kMessage, "Naar een onbekende crisis"),
                         absl::Now())
                  .ok());
  ASSERT_TRUE(
      outbox.Queue(Entry(crisis_id, crisis::EntryKind::kMessage, "Daarna gewoon door"), absl::Now())
          .ok());
  FlushResult r = outbox.Flush(*client);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.pending, 0);
  auto items = outbox.Items(false);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].item.state, cache::OutboxState::kFailed);
  EXPECT_NE((*items)[0].item.last_error.find("999999"), std::string::npos)
      << (*items)[0].item.last_error;
  EXPECT_EQ((*items)[1].item.state, cache::OutboxState::kSent);
  EXPECT_EQ(Count(Texts(*client, crisis_id), "Daarna gewoon door"), 1);
}

TEST(OfflineSummaryTest, OneLineCutOnACharacterBoundary) {
  crisis::AppendRequest r;
  r.text = "Regel één\nregel twee";
  EXPECT_EQ(OutboxSummary(r), "Regel één regel twee");
  r.text = std::string(79, 'a') + "ëëë";
  const std::string s = OutboxSummary(r);
  EXPECT_EQ(s, std::string(79, 'a') + "…");
}

TEST(CachePathTest, OneFilePerServerAndAccount) {
  EXPECT_EQ(CachePath("/home/x/.local/share/paraat", "tls://paraat.example.nl:443", "j.devries"),
            "/home/x/.local/share/paraat/cache/tls___paraat.example.nl_443-j.devries.sqlite");
}

}  // namespace
}  // namespace paraat::client
