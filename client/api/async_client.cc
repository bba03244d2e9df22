// SPDX-License-Identifier: EUPL-1.2
#include "client/api/async_client.h"

#include <QMetaObject>

namespace paraat::client {

namespace {

// While the server cannot be reached, ping at least this often so that the state turns back
// to Connected soon after the server returns.
constexpr std::chrono::milliseconds kUnreachablePing{5000};

// Calls are short; a few threads let a slow call (a big schedule) not hold up the rest.
constexpr int kThreads = 4;

// Set on a pool thread while a call's work runs when its answer came from the local cache.
thread_local bool t_answeredFromCache = false;

bool IsUnreachable(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable ||
         s.code() == absl::StatusCode::kDeadlineExceeded;
}

}  // namespace

AsyncClient::AsyncClient(ClientOptions options, QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_client(std::make_shared<Client>(m_options)) {
  m_pool.setMaxThreadCount(kThreads);
  m_pingTimer.setSingleShot(false);
  connect(&m_pingTimer, &QTimer::timeout, this, &AsyncClient::ping);
  updatePingTimer();
  // The first ping is queued, so that whoever made this object can connect to its signals
  // before the state first changes.
  QMetaObject::invokeMethod(this, &AsyncClient::ping, Qt::QueuedConnection);
}

AsyncClient::~AsyncClient() {
  m_pingTimer.stop();
  // Calls in flight end within the deadline. Their deliveries are queued events of this
  // object, which QObject's destructor discards: no callback runs after this point.
  m_pool.waitForDone();
}

QString AsyncClient::server() const { return QString::fromStdString(m_options.server); }

void AsyncClient::setCache(std::shared_ptr<cache::Cache> cache) {
  if (m_cache) m_oldCaches.push_back(m_cache);
  m_cache = std::move(cache);
  if (!m_cache) {
    m_client->set_cache(nullptr);
    return;
  }
  m_client->set_cache(m_cache.get(), [this](absl::Time fetched) {
    // On a pool thread, inside the call's work; `this` outlives the pool's tasks.
    t_answeredFromCache = true;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(absl::ToUnixMillis(fetched), Qt::UTC);
    QMetaObject::invokeMethod(
        this, [this, at] { Q_EMIT answeredFromCache(at); }, Qt::QueuedConnection);
  });
}

void AsyncClient::setServer(const QString& server) {
  m_options.server = server.toStdString();
  m_options.token.clear();
  m_client->set_cache(nullptr);
  if (m_cache) m_oldCaches.push_back(m_cache);
  m_cache.reset();
  m_client = std::make_shared<Client>(m_options);
  m_lastContact = QDateTime();
  m_pingInFlight = false;
  setConnection(Connection::Connecting);
  ping();
}

void AsyncClient::setToken(const std::string& token) {
  m_options.token = token;
  m_client->set_token(token);
}

std::string AsyncClient::token() const { return m_client->token(); }

void AsyncClient::setPingInterval(std::chrono::milliseconds interval) {
  m_pingInterval = interval;
  updatePingTimer();
}

void AsyncClient::updatePingTimer() {
  if (m_pingInterval.count() <= 0) {
    m_pingTimer.stop();
    return;
  }
  std::chrono::milliseconds every = m_pingInterval;
  if (m_connection == Connection::Unreachable && every > kUnreachablePing) every = kUnreachablePing;
  if (!m_pingTimer.isActive() || m_pingTimer.intervalAsDuration() != every)
    m_pingTimer.start(every);
}

void AsyncClient::ping() {
  if (m_pingInFlight) return;
  m_pingInFlight = true;
  start([](Client& c) { return std::make_pair(c.Ping(), Delivery()); }, /*sessionCall=*/true,
        /*isPing=*/true);
}

void AsyncClient::start(std::function<std::pair<absl::Status, Delivery>(Client&)> work,
                        bool sessionCall, bool isPing) {
  std::shared_ptr<Client> c = m_client;
  const bool withToken = !c->token().empty();
  if (!isPing && m_inFlight++ == 0) Q_EMIT busyChanged(true);
  m_pool.start([this, c, work, withToken, sessionCall, isPing]() {
    t_answeredFromCache = false;
    std::pair<absl::Status, Delivery> r = work(*c);
    if (t_answeredFromCache && r.first.ok()) {
      // The server was not reached: the state stays Unreachable; the result is delivered.
      r.first = absl::UnavailableError("answered from the local cache");
    }
    t_answeredFromCache = false;
    // Back to the owner's thread. `this` outlives the task (the destructor waits for the pool).
    QMetaObject::invokeMethod(
        this,
        [this, c, r, withToken, sessionCall, isPing]() {
          finish(c, r.first, withToken, sessionCall, isPing);
          if (r.second) r.second();
        },
        Qt::QueuedConnection);
  });
}

void AsyncClient::finish(const std::shared_ptr<Client>& client, const absl::Status& status,
                         bool withToken, bool sessionCall, bool isPing) {
  if (isPing) {
    m_pingInFlight = false;
  } else if (--m_inFlight == 0) {
    Q_EMIT busyChanged(false);
  }
  if (client != m_client) return;  // an answer from the server we used before
  // With unusable connection settings nothing reached the server.
  if (IsUnreachable(status) || !client->settings_error().ok()) {
    setConnection(Connection::Unreachable);
  } else {
    m_lastContact = QDateTime::currentDateTimeUtc();
    setConnection(Connection::Connected);
    Q_EMIT contacted(m_lastContact);
  }
  if (sessionCall && withToken && status.code() == absl::StatusCode::kUnauthenticated) {
    Q_EMIT unauthenticated(QString::fromStdString(std::string(status.message())));
  }
}

void AsyncClient::setConnection(Connection c) {
  if (c == m_connection) return;
  m_connection = c;
  updatePingTimer();
  Q_EMIT connectionChanged(c);
}

void AsyncClient::runStatus(QObject* context, std::function<absl::Status(Client&)> work,
                            DoneStatus done) {
  const bool guarded = context != nullptr;
  QPointer<QObject> guard(context);
  start(
      [work = std::move(work), done = std::move(done), guard, guarded](Client& c) {
        absl::Status s = work(c);
        Delivery deliver = [s, done, guard, guarded]() {
          if (guarded && guard.isNull()) return;
          if (done) done(s);
        };
        return std::make_pair(s, std::move(deliver));
      },
      /*sessionCall=*/true);
}

void AsyncClient::login(QObject* context, const std::string& username, const std::string& password,
                        Done<LoginResult> done) {
  // A refused login is UNAUTHENTICATED too, but it says nothing about a session.
  runImpl<LoginResult>(
      context, [username, password](Client& c) { return c.Login(username, password); },
      std::move(done), /*sessionCall=*/false);
}

void AsyncClient::logout(QObject* context, DoneStatus done) {
  runStatus(
      context, [](Client& c) { return c.Logout().status(); }, std::move(done));
}

void AsyncClient::whoAmI(QObject* context,
                         Done<std::pair<directory::AccountInfo, absl::Time>> done) {
  run<std::pair<directory::AccountInfo, absl::Time>>(
      context, [](Client& c) { return c.WhoAmI(); }, std::move(done));
}

void AsyncClient::listPools(QObject* context, Done<std::vector<directory::Pool>> done) {
  run<std::vector<directory::Pool>>(
      context, [](Client& c) { return c.ListPools(/*include_inactive=*/false); }, std::move(done));
}

void AsyncClient::listPeople(QObject* context, const std::string& qualification,
                             Done<std::vector<directory::Person>> done) {
  run<std::vector<directory::Person>>(
      context, [qualification](Client& c) { return c.ListPeople("", qualification, false); },
      std::move(done));
}

void AsyncClient::getOnCall(QObject* context, std::optional<absl::Time> at, Done<OnCall> done) {
  run<OnCall>(
      context, [at](Client& c) { return c.GetOnCall(at); }, std::move(done));
}

void AsyncClient::listDuties(QObject* context, const std::string& person,
                             std::optional<absl::Time> from, std::optional<absl::Time> to,
                             Done<ScheduleView> done) {
  run<ScheduleView>(
      context, [person, from, to](Client& c) { return c.ListDuties(person, from, to); },
      std::move(done));
}

void AsyncClient::getSchedule(QObject* context, const std::string& pool,
                              std::optional<absl::Time> from, std::optional<absl::Time> to,
                              Done<ScheduleView> done) {
  run<ScheduleView>(
      context, [pool, from, to](Client& c) { return c.GetSchedule(pool, from, to); },
      std::move(done));
}

void AsyncClient::listSwaps(QObject* context, const std::string& pool, bool mine, bool openOnly,
                            Done<std::vector<SwapView>> done) {
  run<std::vector<SwapView>>(
      context, [pool, mine, openOnly](Client& c) { return c.ListSwaps(pool, mine, openOnly); },
      std::move(done));
}

void AsyncClient::requestSwap(QObject* context, const SwapRequestArgs& args, bool arrange,
                              Done<SwapView> done) {
  run<SwapView>(
      context, [args, arrange](Client& c) { return c.RequestSwap(args, arrange); },
      std::move(done));
}

void AsyncClient::respondSwap(QObject* context, int64_t id, bool accept, Done<SwapView> done) {
  run<SwapView>(
      context, [id, accept](Client& c) { return c.RespondSwap(id, accept); }, std::move(done));
}

void AsyncClient::decideSwap(QObject* context, int64_t id, bool approve, Done<SwapView> done) {
  run<SwapView>(
      context, [id, approve](Client& c) { return c.DecideSwap(id, approve); }, std::move(done));
}

void AsyncClient::cancelSwap(QObject* context, int64_t id, Done<SwapView> done) {
  run<SwapView>(
      context, [id](Client& c) { return c.CancelSwap(id); }, std::move(done));
}

void AsyncClient::createOverride(QObject* context, const std::string& pool,
                                 const std::string& person, std::optional<absl::Time> from,
                                 absl::Time until, const std::string& reason,
                                 Done<OverrideView> done) {
  run<OverrideView>(
      context,
      [pool, person, from, until, reason](Client& c) {
        return c.CreateOverride(pool, person, from, until, reason);
      },
      std::move(done));
}

void AsyncClient::addUnavailability(QObject* context, const std::string& person,
                                    const roster::Interval& interval, const std::string& reason,
                                    Done<std::pair<LeaveView, std::vector<ClashView>>> done) {
  run<std::pair<LeaveView, std::vector<ClashView>>>(
      context,
      [person, interval, reason](Client& c) {
        return c.AddUnavailability(person, interval, reason);
      },
      std::move(done));
}

void AsyncClient::listUnavailability(QObject* context, const std::string& person, bool everyone,
                                     std::optional<absl::Time> from, std::optional<absl::Time> to,
                                     Done<std::vector<LeaveView>> done) {
  run<std::vector<LeaveView>>(
      context,
      [person, everyone, from, to](Client& c) {
        return c.ListUnavailability(person, everyone, from, to);
      },
      std::move(done));
}

void AsyncClient::createFeedLink(QObject* context, const std::string& pool,
                                 Done<NewFeedLink> done) {
  run<NewFeedLink>(
      context, [pool](Client& c) { return c.CreateFeedLink(pool); }, std::move(done));
}

void AsyncClient::listFeedLinks(QObject* context, bool everyone, bool includeRevoked,
                                Done<std::vector<FeedLinkView>> done) {
  run<std::vector<FeedLinkView>>(
      context,
      [everyone, includeRevoked](Client& c) { return c.ListFeedLinks(everyone, includeRevoked); },
      std::move(done));
}

void AsyncClient::endOverride(QObject* context, int64_t id, std::optional<absl::Time> at,
                              Done<OverrideView> done) {
  run<OverrideView>(
      context, [id, at](Client& c) { return c.EndOverride(id, at); }, std::move(done));
}

void AsyncClient::cancelUnavailability(QObject* context, int64_t id, Done<LeaveView> done) {
  run<LeaveView>(
      context, [id](Client& c) { return c.CancelUnavailability(id); }, std::move(done));
}

}  // namespace paraat::client
