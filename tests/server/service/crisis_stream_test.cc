// SPDX-License-Identifier: EUPL-1.2
// WatchCrisis over loopback: resume without gap or duplicate across cuts and a restart, a
// stalled subscriber cut off while the others keep up, shutdown, and read access.
#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/crisis_stream.grpc.pb.h"
#include "server/service/authorization.h"
#include "server/service/crisis_stream.h"
#include "server/storage/account_store.h"
#include "server/storage/crisis_store.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::TestServer;

constexpr int64_t kDemo = 1;
constexpr int64_t kDemoEntries = 20;

std::unique_ptr<grpc::ClientContext> StreamContext(const std::string& token,
                                                   absl::Duration deadline = absl::Seconds(60)) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  ctx->AddMetadata("authorization", "Bearer " + token);
  return ctx;
}

v1::WatchCrisisRequest Watch(int64_t crisis, int64_t after) {
  v1::WatchCrisisRequest req;
  req.set_crisis(crisis);
  req.set_after_seq(after);
  return req;
}

// A channel of its own (not shared with other channels to the same address).
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address, bool bdp_probe = true) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  if (!bdp_probe) args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

// Waits (at most `limit`) until `done` holds.
bool Eventually(const std::function<bool()>& done, absl::Duration limit = absl::Seconds(20)) {
  const absl::Time deadline = absl::Now() + limit;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

class CrisisStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    officer_ = server_->LoginAs("officer");
    coordinator_ = server_->LoginAs("coordinator");
    admin_ = server_->LoginAs("administrator");
  }

  // Appends through the store, as the RPC does (used where the RPC's cost is not the point).
  void AppendDirect(int64_t crisis, const std::string& text, const std::string& key) {
    crisis::AppendRequest r;
    r.crisis_id = crisis;
    r.kind = crisis::EntryKind::kMessage;
    r.text = text;
    r.idempotency_key = key;
    absl::StatusOr<storage::AppendResult> a = server_->app()->crises()->Append(
        {"coordinator", "Marieke Gerritsen"}, r, [](const crisis::Crisis&) { return absl::OkStatus(); });
    ASSERT_TRUE(a.ok()) << a.status();
  }

  std::vector<v1::Entry> AllEntries(int64_t crisis) {
    auto stub = v1::CrisisService::NewStub(server_->channel());
    v1::ListEntriesRequest req;
    req.set_crisis(crisis);
    req.set_page_size(1000);
    v1::ListEntriesResponse resp;
    auto ctx = TestServer::Context(coordinator_);
    grpc::Status s = stub->ListEntries(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.entries().begin(), resp.entries().end()};
  }

  std::unique_ptr<TestServer> server_;
  std::string officer_, coordinator_, admin_;
};

// Entries as streamed compare equal to entries as listed, field for field (corrected_by is a
// reader's addition, not part of the entry).
std::string Canonical(v1::Entry e) {
  e.clear_corrected_by();
  return e.SerializeAsString();
}

TEST_F(CrisisStreamTest, AWatcherCutOffManyTimesAndAcrossARestartGetsTheWholeLogOnce) {
  constexpr int kAppends = 240;
  constexpr int64_t kTarget = kDemoEntries + kAppends;
  std::mutex mu;
  std::string address = server_->address();  // guarded by mu
  auto current = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return address;
  };

  // The appender: one entry every few milliseconds through the RPC, retrying with the same key
  // whatever happens (exactly once makes the retries safe).
  std::atomic<int> appended{0};
  std::thread appender([&] {
    std::map<std::string, std::unique_ptr<v1::CrisisService::Stub>> stubs;
    for (int i = 0; i < kAppends; ++i) {
      v1::AppendEntryRequest req;
      req.set_crisis(kDemo);
      req.set_kind(v1::ENTRY_KIND_MESSAGE);
      req.set_text(absl::StrCat("bericht ", i));
      req.set_idempotency_key(absl::StrCat("live-", i));
      const absl::Time give_up = absl::Now() + absl::Seconds(30);
      while (absl::Now() < give_up) {
        const std::string addr = current();
        if (!addr.empty()) {
          auto& stub = stubs[addr];
          if (stub == nullptr) stub = v1::CrisisService::NewStub(OwnChannel(addr));
          v1::AppendEntryResponse resp;
          auto ctx = TestServer::Context(coordinator_);
          if (stub->AppendEntry(ctx.get(), req, &resp).ok()) break;
        }
        absl::SleepFor(absl::Milliseconds(20));
      }
      ++appended;
      absl::SleepFor(absl::Milliseconds(2 + i % 3));
    }
  });

  // The watcher: cut at a random number of entries or at a random moment, then resume after
  // the last entry it received.
  std::vector<v1::Entry> got;
  int connects = 0;
  int disorder = 0;
  std::map<int, int> endings;  // status code -> how often
  std::thread watcher([&] {
    std::mt19937 rng(20260101);
    std::map<std::string, std::unique_ptr<v1::CrisisStreamService::Stub>> stubs;
    int64_t last = 0;
    const absl::Time give_up = absl::Now() + absl::Seconds(50);
    while (last < kTarget && absl::Now() < give_up) {
      const std::string addr = current();
      if (addr.empty()) {
        absl::SleepFor(absl::Milliseconds(5));
        continue;
      }
      auto& stub = stubs[addr];
      if (stub == nullptr) stub = v1::CrisisStreamService::NewStub(OwnChannel(addr));
      auto ctx = StreamContext(coordinator_);
      ++connects;
      const int cut_after = std::uniform_int_distribution<int>(1, 30)(rng);
      const int cut_ms = std::uniform_int_distribution<int>(1, 60)(rng);
      std::mutex cut_mu;
      std::condition_variable cut_cv;
      bool finished = false;
      std::thread timer([&] {
        std::unique_lock<std::mutex> lock(cut_mu);
        if (!cut_cv.wait_for(lock, std::chrono::milliseconds(cut_ms), [&] { return finished; })) {
          ctx->TryCancel();
        }
      });
      auto reader = stub->WatchCrisis(ctx.get(), Watch(kDemo, last));
      v1::WatchCrisisResponse msg;
      int n = 0;
      while (reader->Read(&msg)) {
        if (msg.entry().seq() != last + 1) ++disorder;
        last = msg.entry().seq();
        got.push_back(msg.entry());
        if (++n >= cut_after || last >= kTarget) {
          ctx->TryCancel();
          break;
        }
      }
      const grpc::Status s = reader->Finish();
      ++endings[s.error_code()];
      {
        std::lock_guard<std::mutex> lock(cut_mu);
        finished = true;
      }
      cut_cv.notify_one();
      timer.join();
    }
  });

  // Restart the server halfway through the appends.
  ASSERT_TRUE(Eventually([&] { return appended.load() >= kAppends / 2; }, absl::Seconds(40)));
  {
    std::lock_guard<std::mutex> lock(mu);
    address.clear();
  }
  server_->Restart();
  {
    std::lock_guard<std::mutex> lock(mu);
    address = server_->address();
  }
  appender.join();
  watcher.join();

  EXPECT_EQ(disorder, 0);
  EXPECT_GE(connects, 20);
  EXPECT_GT(endings[grpc::StatusCode::CANCELLED], 10);
  ASSERT_EQ(got.size(), static_cast<size_t>(kTarget)) << "connects " << connects;
  const std::vector<v1::Entry> log = AllEntries(kDemo);
  ASSERT_EQ(log.size(), static_cast<size_t>(kTarget));
  for (size_t i = 0; i < log.size(); ++i) {
    ASSERT_EQ(got[i].seq(), static_cast<int64_t>(i + 1));
    EXPECT_EQ(Canonical(got[i]), Canonical(log[i])) << "entry " << i + 1 << " streamed:\n"
                                                    << got[i].DebugString() << "listed:\n"
                                                    << log[i].DebugString();
  }
}

// A WatchCrisis service of its own on the demo server's store and hub, with a small queue, so
// that a stalled subscriber is cut off after few entries.
class DedicatedStreamServer {
 public:
  DedicatedStreamServer(app::App* app, service::StreamOptions options)
      : accounts_(storage::NewSqliteAccountStore(app->database())), authorizer_(accounts_.get(), absl::Hours(12)) {
    service::ServiceContext sc;
    sc.authorizer = &authorizer_;
    service_ = std::make_unique<service::CrisisStreamServiceImpl>(sc, app->crises(), app->hub(),
                                                                   options);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
  }
  ~DedicatedStreamServer() {
    server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  std::unique_ptr<storage::AccountStore> accounts_;
  service::Authorizer authorizer_;
  std::unique_ptr<service::CrisisStreamServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(CrisisStreamTest, AStalledSubscriberIsCutOffWhileAHundredOthersKeepUp) {
  constexpr int kWatchers = 100;
  constexpr int kChannels = 4;
  constexpr int kAppends = 400;
  constexpr int64_t kTarget = kDemoEntries + kAppends;
  constexpr size_t kMaxQueue = 64;
  service::CrisisHub* hub = server_->app()->hub();
  DedicatedStreamServer stream_server(server_->app(), {kMaxQueue, /*backlog_page=*/50});

  // The stalled one: its own connection with a small receive window, and it never reads.
  grpc::ChannelArguments small_window;
  small_window.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  small_window.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small_window.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 1024);
  auto stalled_stub = v1::CrisisStreamService::NewStub(grpc::CreateCustomChannel(
      stream_server.address(), grpc::InsecureChannelCredentials(), small_window));
  auto stalled_ctx = StreamContext(officer_);
  auto stalled = stalled_stub->WatchCrisis(stalled_ctx.get(), Watch(kDemo, kDemoEntries));
  bool stalled_finished = false;
  absl::Cleanup end_stalled = [&] {
    if (!stalled_finished) {
      stalled_ctx->TryCancel();
      (void)stalled->Finish();
    }
  };
  ASSERT_TRUE(Eventually([&] { return hub->subscribers() == 1; }));

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < kChannels; ++i) channels.push_back(OwnChannel(stream_server.address()));
  std::vector<std::vector<int64_t>> received(kWatchers);
  std::vector<grpc::Status> endings(kWatchers);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  for (int i = 0; i < kWatchers; ++i) contexts.push_back(StreamContext(officer_));
  std::vector<std::thread> watchers;
  for (int i = 0; i < kWatchers; ++i) {
    watchers.emplace_back([&, i] {
      auto stub = v1::CrisisStreamService::NewStub(channels[i % kChannels]);
      auto reader = stub->WatchCrisis(contexts[i].get(), Watch(kDemo, kDemoEntries));
      v1::WatchCrisisResponse msg;
      while (reader->Read(&msg)) {
        received[i].push_back(msg.entry().seq());
        if (msg.entry().seq() == kTarget) contexts[i]->TryCancel();
      }
      endings[i] = reader->Finish();
    });
  }
  ASSERT_TRUE(Eventually([&] { return hub->subscribers() == kWatchers + 1; }));

  // 256-byte entries from four appenders at once (commits carry several entries), at a pace
  // the hundred can follow.
  std::vector<std::thread> appenders;
  for (int a = 0; a < 4; ++a) {
    appenders.emplace_back([&, a] {
      for (int i = a; i < kAppends; i += 4) {
        AppendDirect(kDemo, absl::StrCat(i, " ", std::string(256, 'x')), absl::StrCat("s-", i));
        absl::SleepFor(absl::Milliseconds(10));
      }
    });
  }
  for (auto& t : appenders) t.join();
  // Every healthy watcher cancels itself after the last entry (or its deadline ends it).
  for (auto& t : watchers) t.join();

  int complete = 0;
  std::map<int, int> codes;
  for (int i = 0; i < kWatchers; ++i) {
    ++codes[endings[i].error_code()];
    bool in_order = received[i].size() == static_cast<size_t>(kAppends);
    for (size_t k = 0; in_order && k < received[i].size(); ++k) {
      in_order = received[i][k] == kDemoEntries + 1 + static_cast<int64_t>(k);
    }
    if (in_order && endings[i].error_code() == grpc::StatusCode::CANCELLED) ++complete;
  }
  EXPECT_EQ(complete, kWatchers) << "watcher 0 got " << received[0].size() << " entries and "
                                 << endings[0].error_code() << " " << endings[0].error_message()
                                 << "; " << codes[grpc::StatusCode::RESOURCE_EXHAUSTED]
                                 << " were cut off";
  // The stalled one was ended by the server and let go of: the hub no longer holds it.
  EXPECT_TRUE(Eventually([&] { return hub->subscribers() == 0; }, absl::Seconds(10)))
      << hub->subscribers() << " subscribers left";
  // When it finally reads, it gets what was sent before it fell behind, then the status that
  // tells it where to resume.
  v1::WatchCrisisResponse msg;
  int64_t last = kDemoEntries;
  int64_t out_of_order = 0;
  while (stalled->Read(&msg)) {
    if (msg.entry().seq() != last + 1) ++out_of_order;
    last = msg.entry().seq();
  }
  const grpc::Status s = stalled->Finish();
  stalled_finished = true;
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  EXPECT_THAT(s.error_message(), StartsWith("this watcher fell 64 entries behind the log; "
                                            "reconnect and resume after entry "));
  EXPECT_EQ(out_of_order, 0);
  EXPECT_LT(last, kTarget);
  EXPECT_GT(last, kDemoEntries);
  // Resuming where the status says gives neither a gap nor a duplicate.
  EXPECT_EQ(s.error_message().substr(s.error_message().rfind(' ') + 1), absl::StrCat(last));
}

TEST_F(CrisisStreamTest, ShutdownEndsEveryStreamWithUnavailable) {
  constexpr int kWatchers = 12;
  auto stub = v1::CrisisStreamService::NewStub(server_->channel());
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<v1::WatchCrisisResponse>>> readers;
  for (int i = 0; i < kWatchers; ++i) {
    contexts.push_back(StreamContext(officer_));
    readers.push_back(stub->WatchCrisis(contexts.back().get(), Watch(kDemo, i)));
  }
  // Each catches up with the log first.
  for (int i = 0; i < kWatchers; ++i) {
    v1::WatchCrisisResponse msg;
    for (int64_t seq = i + 1; seq <= kDemoEntries; ++seq) {
      ASSERT_TRUE(readers[i]->Read(&msg)) << i;
      ASSERT_EQ(msg.entry().seq(), seq);
    }
  }
  ASSERT_TRUE(Eventually([&] { return server_->app()->hub()->subscribers() == kWatchers; }));
  const absl::Time start = absl::Now();
  std::thread stop([&] { server_->Stop(); });
  for (int i = 0; i < kWatchers; ++i) {
    v1::WatchCrisisResponse msg;
    EXPECT_FALSE(readers[i]->Read(&msg)) << i;
    const grpc::Status s = readers[i]->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << i << ": " << s.error_message();
    EXPECT_EQ(s.error_message(),
              "the server is shutting down; reconnect and resume after entry 20");
  }
  stop.join();
  // Ended at once, not after the grace period of the calls in flight.
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

TEST_F(CrisisStreamTest, ResumingBeyondTheEndOfTheLogIsOutOfRange) {
  auto stub = v1::CrisisStreamService::NewStub(server_->channel());
  auto ctx = StreamContext(officer_, absl::Seconds(10));
  auto reader = stub->WatchCrisis(ctx.get(), Watch(kDemo, kDemoEntries + 80));
  v1::WatchCrisisResponse msg;
  EXPECT_FALSE(reader->Read(&msg));
  const grpc::Status s = reader->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::OUT_OF_RANGE) << s.error_message();
  EXPECT_EQ(s.error_message(),
            absl::StrCat("after_seq ", kDemoEntries + 80, " is beyond the end of crisis 1's log (",
                         kDemoEntries, " entries); resume after the last entry you have"));
  // Right at the end is fine: the watcher waits for the next entry.
  auto at_end_ctx = StreamContext(officer_, absl::Seconds(10));
  auto at_end = stub->WatchCrisis(at_end_ctx.get(), Watch(kDemo, kDemoEntries));
  AppendDirect(kDemo, "na het einde", "end-1");
  ASSERT_TRUE(at_end->Read(&msg));
  EXPECT_EQ(msg.entry().seq(), kDemoEntries + 1);
  at_end_ctx->TryCancel();
  (void)at_end->Finish();
}

TEST_F(CrisisStreamTest, ReadAccessIsCheckedAtSubscribe) {
  // A crisis of druten only, which the wijchen officer may not read.
  auto crises = v1::CrisisService::NewStub(server_->channel());
  v1::OpenCrisisRequest open;
  open.set_title("Stikstofprotest");
  open.set_type("openbare orde");
  open.add_municipalities("druten");
  open.set_idempotency_key("open-druten");
  v1::OpenCrisisResponse opened;
  auto octx = TestServer::Context(coordinator_);
  ASSERT_TRUE(crises->OpenCrisis(octx.get(), open, &opened).ok());
  const int64_t druten = opened.crisis().id();

  auto stub = v1::CrisisStreamService::NewStub(server_->channel());
  struct Case {
    std::string token;
    v1::WatchCrisisRequest req;
    grpc::StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {officer_, Watch(druten, 0), grpc::StatusCode::PERMISSION_DENIED,
       "crisis 2 does not concern municipality 'wijchen'; officer may not read it"},
      {officer_, Watch(99, 0), grpc::StatusCode::NOT_FOUND, "unknown crisis 99"},
      {officer_, Watch(0, 0), grpc::StatusCode::INVALID_ARGUMENT, "crisis is required"},
      {officer_, Watch(kDemo, -1), grpc::StatusCode::INVALID_ARGUMENT, "after_seq is -1; it must be 0 or more"},
      {"not-a-token", Watch(kDemo, 0), grpc::StatusCode::UNAUTHENTICATED, ""},
  };
  for (const Case& c : cases) {
    auto ctx = StreamContext(c.token, absl::Seconds(10));
    auto reader = stub->WatchCrisis(ctx.get(), c.req);
    v1::WatchCrisisResponse msg;
    EXPECT_FALSE(reader->Read(&msg)) << c.message;
    const grpc::Status s = reader->Finish();
    EXPECT_EQ(s.error_code(), c.code) << s.error_message();
    if (!c.message.empty()) {
      EXPECT_EQ(s.error_message(), c.message);
    }
  }
  // The coordinator (regional) reads it.
  auto ctx = StreamContext(coordinator_, absl::Seconds(10));
  auto reader = stub->WatchCrisis(ctx.get(), Watch(druten, 0));
  v1::WatchCrisisResponse msg;
  ASSERT_TRUE(reader->Read(&msg));
  EXPECT_EQ(msg.entry().seq(), 1);
  EXPECT_EQ(msg.entry().title(), "Stikstofprotest");
  ctx->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_TRUE(Eventually([&] { return server_->app()->hub()->subscribers() == 0; }));
}

TEST_F(CrisisStreamTest, ReadAccessIsCheckedForEveryEntrySent) {
  auto stub = v1::CrisisStreamService::NewStub(server_->channel());
  auto ctx = StreamContext(officer_, absl::Seconds(20));
  auto reader = stub->WatchCrisis(ctx.get(), Watch(kDemo, kDemoEntries));
  ASSERT_TRUE(Eventually([&] { return server_->app()->hub()->subscribers() == 1; }));
  AppendDirect(kDemo, "nog leesbaar", "acc-1");
  v1::WatchCrisisResponse msg;
  ASSERT_TRUE(reader->Read(&msg));
  EXPECT_EQ(msg.entry().seq(), kDemoEntries + 1);

  // The administrator moves the officer to druten (which ends the officer's sessions): the
  // next entry is not sent.
  auto auth = v1::AuthService::NewStub(server_->channel());
  v1::UpdateAccountRequest up;
  up.set_username("officer");
  up.mutable_scope()->set_municipality("druten");
  v1::UpdateAccountResponse resp;
  auto actx = TestServer::Context(admin_);
  grpc::Status s = auth->UpdateAccount(actx.get(), up, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  AppendDirect(kDemo, "niet meer leesbaar", "acc-2");
  EXPECT_FALSE(reader->Read(&msg)) << "sent entry " << msg.entry().seq();
  s = reader->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << s.error_message();
  EXPECT_EQ(s.error_message(), "the session was logged out; log in again");
  // Logged in again, now for druten: this crisis is no longer readable.
  const std::string druten = server_->LoginAs("officer");
  auto again_ctx = StreamContext(druten, absl::Seconds(10));
  auto again = stub->WatchCrisis(again_ctx.get(), Watch(kDemo, kDemoEntries));
  EXPECT_FALSE(again->Read(&msg));
  s = again->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_EQ(s.error_message(), "crisis 1 does not concern municipality 'druten'; officer may not read it");
}

TEST_F(CrisisStreamTest, ResumeSendsTheBacklogThenLiveEntries) {
  auto stub = v1::CrisisStreamService::NewStub(server_->channel());
  auto ctx = StreamContext(officer_, absl::Seconds(20));
  auto reader = stub->WatchCrisis(ctx.get(), Watch(kDemo, 15));
  v1::WatchCrisisResponse msg;
  for (int64_t seq = 16; seq <= kDemoEntries; ++seq) {
    ASSERT_TRUE(reader->Read(&msg));
    EXPECT_EQ(msg.entry().seq(), seq);
  }
  for (int i = 0; i < 3; ++i) {
    AppendDirect(kDemo, absl::StrCat("live ", i), absl::StrCat("res-", i));
    ASSERT_TRUE(reader->Read(&msg));
    EXPECT_EQ(msg.entry().seq(), kDemoEntries + 1 + i);
    EXPECT_EQ(msg.entry().text(), absl::StrCat("live ", i));
  }
  ctx->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

// The writer thread publishes each committed entry; a subscriber that takes its time (one
// that reads the database to catch up, or re-reads a session) must not hold the writer up.
TEST(CrisisHubTest, PublishNeverWaitsForASlowSubscriber) {
  struct Slow : service::CrisisHub::Subscriber {
    std::mutex mu;
    std::condition_variable cv;
    bool release = false;  // guarded by mu
    std::atomic<int> entries{0};
    bool OnEntry(const service::SharedResponse&) override {
      ++entries;
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [this] { return release; });
      return true;
    }
    void OnShutdown() override {}
  } slow;
  service::CrisisHub hub;
  ASSERT_TRUE(hub.Subscribe(7, &slow));
  auto entry = [](int64_t seq) {
    crisis::Entry e;
    e.crisis_id = 7;
    e.seq = seq;
    e.text = absl::StrCat("entry ", seq);
    return e;
  };
  hub.Publish(entry(1));
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (slow.entries.load() == 0 && absl::Now() < deadline) std::this_thread::yield();
  ASSERT_EQ(slow.entries.load(), 1) << "the hub never delivered the first entry";
  // The hub thread is inside OnEntry now; the writer goes on publishing.
  auto published = std::async(std::launch::async, [&] {
    for (int64_t seq = 2; seq <= 100; ++seq) hub.Publish(entry(seq));
  });
  EXPECT_EQ(published.wait_for(std::chrono::seconds(10)), std::future_status::ready)
      << "Publish waited for a slow subscriber";
  {
    std::lock_guard<std::mutex> lock(slow.mu);
    slow.release = true;
  }
  slow.cv.notify_all();
  published.wait();
  while (slow.entries.load() < 100 && absl::Now() < deadline) std::this_thread::yield();
  EXPECT_EQ(slow.entries.load(), 100);
  hub.Unsubscribe(7, &slow);
}

}  // namespace
}  // namespace paraat
