// SPDX-License-Identifier: EUPL-1.2
// AsyncClient against a real in-process server: calls run off the GUI thread and deliver on
// it, results are the server's, refusals keep the server's message, every call is bounded by
// the deadline, and the connection state follows what happens.
#include "client/api/async_client.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/client/support/wait.h"
#include "tests/support/test_server.h"

namespace paraat::client {
namespace {

using testing::Await;
using testing::TestServer;
using Connection = AsyncClient::Connection;

ClientOptions Options(const std::string& server, absl::Duration deadline = absl::Seconds(10)) {
  ClientOptions o;
  o.server = server;
  o.deadline = deadline;
  return o;
}

// A TCP port that accepts connections (the kernel completes the handshake) but never speaks
// HTTP/2: every gRPC call to it can only end by its deadline.
class SilentPort {
 public:
  SilentPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::listen(fd_, 16), 0);
    socklen_t len = sizeof a;
    EXPECT_EQ(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len), 0);
    port_ = ntohs(a.sin_port);
  }
  ~SilentPort() { ::close(fd_); }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port nobody listens on: connecting is refused at once.
std::string ClosedAddress() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return absl::StrCat("127.0.0.1:", ntohs(a.sin_port));
}

class AsyncClientTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = TestServer::StartDemo(); }

  std::unique_ptr<AsyncClient> SignedIn(const std::string& role) {
    auto c = std::make_unique<AsyncClient>(Options(server_->address()));
    c->setPingInterval(std::chrono::milliseconds(0));
    const auto& a = server_->account(role);
    auto r =
        Await<LoginResult>([&](auto done) { c->login(nullptr, a.username, a.password, done); });
    EXPECT_TRUE(r.has_value() && r->ok()) << (r ? r->status().ToString() : "timed out");
    return c;
  }

  std::unique_ptr<TestServer> server_;
};

TEST_F(AsyncClientTest, WorkRunsOffTheGuiThreadAndResultsArriveOnIt) {
  AsyncClient client(Options(server_->address()));
  QThread* gui = QThread::currentThread();
  std::atomic<QThread*> worker{nullptr};
  QThread* delivered = nullptr;
  auto r = Await<int>([&](auto done) {
    client.run<int>(
        nullptr,
        [&](Client&) -> absl::StatusOr<int> {
          worker = QThread::currentThread();
          return 42;
        },
        [&, done](absl::StatusOr<int> v) {
          delivered = QThread::currentThread();
          done(std::move(v));
        });
  });
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->ok());
  EXPECT_EQ(**r, 42);
  EXPECT_NE(worker.load(), nullptr);
  EXPECT_NE(worker.load(), gui);
  EXPECT_EQ(delivered, gui);
}

TEST_F(AsyncClientTest, TheGuiThreadKeepsRunningWhileACallIsInFlight) {
  AsyncClient client(Options(server_->address()));
  std::atomic<bool> release{false};
  bool finished = false;
  client.run<int>(
      nullptr,
      [&](Client&) -> absl::StatusOr<int> {
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return 1;
      },
      [&](absl::StatusOr<int>) { finished = true; });
  // The event loop still runs timers while the call waits on the pool.
  int ticks = 0;
  QTimer timer;
  QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
  timer.start(10);
  QTest::qWait(200);
  EXPECT_GE(ticks, 5);
  EXPECT_FALSE(finished);
  EXPECT_EQ(client.callsInFlight(), 1);
  release = true;
  EXPECT_TRUE(QTest::qWaitFor([&] { return finished; }, testing::kWaitMs));
  EXPECT_EQ(client.callsInFlight(), 0);
}

TEST_F(AsyncClientTest, SignsInAndReadsTheDutyViewsAsDomainValues) {
  std::unique_ptr<AsyncClient> c = SignedIn("officer");
  EXPECT_FALSE(c->token().empty());

  auto me = Await<std::pair<directory::AccountInfo, absl::Time>>(
      [&](auto done) { c->whoAmI(nullptr, done); });
  ASSERT_TRUE(me.has_value() && me->ok());
  EXPECT_EQ((*me)->first.account.username, "officer");
  EXPECT_EQ((*me)->first.account.person, "h.devries");
  EXPECT_EQ((*me)->first.account.role, directory::Role::kOfficer);

  auto pools = Await<std::vector<directory::Pool>>([&](auto done) { c->listPools(nullptr, done); });
  ASSERT_TRUE(pools.has_value() && pools->ok());
  ASSERT_EQ((*pools)->size(), 2u);
  EXPECT_EQ((**pools)[0].key, "oost");
  EXPECT_EQ((**pools)[1].key, "west");

  auto oncall = Await<OnCall>([&](auto done) { c->getOnCall(nullptr, std::nullopt, done); });
  ASSERT_TRUE(oncall.has_value() && oncall->ok());
  ASSERT_EQ((*oncall)->pools.size(), 2u);
  // The demo has no roster yet: both pools have a gap now.
  EXPECT_FALSE((*oncall)->pools[0].current.has_value());
  EXPECT_FALSE((*oncall)->pools[1].current.has_value());
}

TEST_F(AsyncClientTest, ARefusalKeepsTheServersMessageAndCountsAsContact) {
  std::unique_ptr<AsyncClient> c = SignedIn("officer");
  auto r = Await<SwapView>([&](auto done) { c->decideSwap(nullptr, 1, true, done); });
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(r->status().message().find("deciding on a swap needs the role administrator"),
            absl::string_view::npos)
      << r->status();
  EXPECT_EQ(c->connection(), Connection::Connected);
  EXPECT_TRUE(c->lastContact().isValid());
}

TEST_F(AsyncClientTest, AnEndedSessionIsSignalledButAWrongPasswordIsNot) {
  AsyncClient c(Options(server_->address()));
  c.setPingInterval(std::chrono::milliseconds(0));
  QSignalSpy ended(&c, &AsyncClient::unauthenticated);

  auto wrong = Await<LoginResult>([&](auto done) { c.login(nullptr, "officer", "not-it", done); });
  ASSERT_TRUE(wrong.has_value());
  EXPECT_EQ(wrong->status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(wrong->status().message().find("wrong username or password"), absl::string_view::npos);
  EXPECT_EQ(ended.count(), 0);

  c.setToken("forged");
  auto who = Await<std::pair<directory::AccountInfo, absl::Time>>(
      [&](auto done) { c.whoAmI(nullptr, done); });
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->status().code(), absl::StatusCode::kUnauthenticated);
  ASSERT_EQ(ended.count(), 1);
  EXPECT_TRUE(ended.at(0).at(0).toString().contains(QStringLiteral("unknown session token")))
      << ended.at(0).at(0).toString().toStdString();
}

TEST_F(AsyncClientTest, ConnectionStateFollowsPingsAndCalls) {
  AsyncClient c(Options(ClosedAddress(), absl::Seconds(5)));
  QSignalSpy changed(&c, &AsyncClient::connectionChanged);
  EXPECT_EQ(c.connection(), Connection::Connecting);
  EXPECT_FALSE(c.lastContact().isValid());
  // The first ping goes out by itself and finds nobody.
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return c.connection() == Connection::Unreachable; }, testing::kWaitMs));
  EXPECT_FALSE(c.lastContact().isValid());
  ASSERT_GE(changed.count(), 1);
  EXPECT_EQ(changed.last().at(0).value<Connection>(), Connection::Unreachable);

  // Another server: connecting again, then connected. A ping without a session is refused,
  // but it is an answer from the server.
  QSignalSpy contacted(&c, &AsyncClient::contacted);
  c.setServer(QString::fromStdString(server_->address()));
  EXPECT_EQ(c.connection(), Connection::Connecting);
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return c.connection() == Connection::Connected; }, testing::kWaitMs));
  EXPECT_TRUE(c.lastContact().isValid());
  EXPECT_GE(contacted.count(), 1);
  EXPECT_LE(c.lastContact().secsTo(QDateTime::currentDateTimeUtc()), 5);

  // The server goes away: the next ping says so, and the last contact is kept.
  const QDateTime last = c.lastContact();
  server_->Stop();
  c.setPingInterval(std::chrono::milliseconds(100));
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return c.connection() == Connection::Unreachable; }, testing::kWaitMs));
  EXPECT_EQ(c.lastContact(), last);
  const auto states = [&] {
    std::vector<Connection> v;
    for (const auto& args : changed) v.push_back(args.at(0).value<Connection>());
    return v;
  }();
  EXPECT_EQ(states, (std::vector<Connection>{Connection::Unreachable, Connection::Connecting,
                                             Connection::Connected, Connection::Unreachable}));
}

TEST_F(AsyncClientTest, EveryCallEndsByTheDeadline) {
  SilentPort silent;
  AsyncClient c(Options(silent.address(), absl::Milliseconds(300)));
  c.setPingInterval(std::chrono::milliseconds(0));
  QElapsedTimer t;
  t.start();
  auto r = Await<OnCall>([&](auto done) { c.getOnCall(nullptr, std::nullopt, done); });
  ASSERT_TRUE(r.has_value()) << "no answer within the test's limit";
  EXPECT_EQ(r->status().code(), absl::StatusCode::kDeadlineExceeded) << r->status();
  EXPECT_NE(r->status().message().find("did not answer in time"), absl::string_view::npos);
  EXPECT_LT(t.elapsed(), 5000);
  EXPECT_EQ(c.connection(), Connection::Unreachable);
}

TEST_F(AsyncClientTest, NoCallbackForADestroyedContext) {
  AsyncClient c(Options(server_->address()));
  c.setPingInterval(std::chrono::milliseconds(0));
  QSignalSpy busy(&c, &AsyncClient::busyChanged);
  bool called = false;
  auto* context = new QObject();
  c.run<int>(
      context,
      [](Client&) -> absl::StatusOr<int> {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return 1;
      },
      [&](absl::StatusOr<int>) { called = true; });
  delete context;
  ASSERT_TRUE(QTest::qWaitFor([&] { return c.callsInFlight() == 0; }, testing::kWaitMs));
  EXPECT_FALSE(called);
  ASSERT_EQ(busy.count(), 2);
  EXPECT_TRUE(busy.at(0).at(0).toBool());
  EXPECT_FALSE(busy.at(1).at(0).toBool());
}

TEST_F(AsyncClientTest, DestroyingTheClientWaitsForCallsInFlightAndDropsTheirResults) {
  std::atomic<bool> workDone{false};
  bool called = false;
  {
    AsyncClient c(Options(server_->address()));
    c.run<int>(
        nullptr,
        [&](Client&) -> absl::StatusOr<int> {
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
          workDone = true;
          return 1;
        },
        [&](absl::StatusOr<int>) { called = true; });
  }
  EXPECT_TRUE(workDone);
  QCoreApplication::processEvents();
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace paraat::client
