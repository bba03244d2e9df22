// SPDX-License-Identifier: EUPL-1.2
// AsyncClient: client::Client for a Qt GUI. Every call runs on the client's own thread pool,
// never on the calling (GUI) thread, with the Client's deadline; its result is delivered on
// the thread that owns the AsyncClient. It also keeps the connection state (connecting,
// connected, unreachable, and the last time the server answered), driven by every call's
// outcome and by a periodic Ping. Qt naming (camelCase, m_ members): its users are widgets.
//
// Threading: create, use and destroy an AsyncClient on one thread with an event loop (the GUI
// thread). Only the work functions run on the pool. The destructor waits for calls in flight
// (each is bounded by the deadline); their callbacks are then dropped.
#ifndef PARAAT_CLIENT_API_ASYNC_CLIENT_H_
#define PARAAT_CLIENT_API_ASYNC_CLIENT_H_

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/api/client.h"
#include "client/cache/cache.h"

namespace paraat::client {

class AsyncClient : public QObject {
  Q_OBJECT

 public:
  enum class Connection {
    Connecting,   // no call has been answered (or failed to connect) yet on this server
    Connected,    // the last call reached the server (whatever it answered)
    Unreachable,  // the last call could not reach the server or timed out
  };
  Q_ENUM(Connection)

  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;
  using DoneStatus = std::function<void(absl::Status)>;

  // `options.deadline` bounds every call. Pings start at once (see setPingInterval).
  explicit AsyncClient(ClientOptions options, QObject* parent = nullptr);
  ~AsyncClient() override;

  QString server() const;
  // Talks to another server from now on: a new channel, no token, state Connecting. Calls in
  // flight to the old server still deliver their results but no longer move the state.
  void setServer(const QString& server);
  void setToken(const std::string& token);
  std::string token() const;
  absl::Duration deadline() const { return m_options.deadline; }

  Connection connection() const { return m_connection; }
  // When the server last answered a call (invalid before the first answer).
  QDateTime lastContact() const { return m_lastContact; }
  int callsInFlight() const { return m_inFlight; }

  // Offline reading (see Client::set_cache): read calls store their answers in `cache` and,
  // while the server cannot be reached, are answered from it. Such an answer is delivered as
  // a success but leaves the state Unreachable, and `answeredFromCache` says how old it is.
  // The cache is kept alive until this object is destroyed (calls in flight may use it);
  // nullptr switches it off. The cache belongs to the current server: setServer drops it.
  void setCache(std::shared_ptr<cache::Cache> cache);
  std::shared_ptr<cache::Cache> cache() const { return m_cache; }
  // The client itself, for work that does not fit a call: a crisis stream on its own thread.
  std::shared_ptr<Client> sharedClient() const { return m_client; }

  // How often to Ping while nothing else happens; zero stops pinging. Default 30 s.
  void setPingInterval(std::chrono::milliseconds interval);
  // Pings now (unless a ping is already in flight).
  void ping();

  // Runs `work` on the pool and then `done` on this object's thread, unless `context` (when
  // not null) has been destroyed by then. The connection state follows the outcome.
  template <typename T>
  void run(QObject* context, std::function<absl::StatusOr<T>(Client&)> work, Done<T> done);
  void runStatus(QObject* context, std::function<absl::Status(Client&)> work, DoneStatus done);

  // The calls paraat-desk makes; see client.h for what each returns.
  void login(QObject* context, const std::string& username, const std::string& password,
             Done<LoginResult> done);
  void logout(QObject* context, DoneStatus done);
  void whoAmI(QObject* context, Done<std::pair<directory::AccountInfo, absl::Time>> done);
  void listPools(QObject* context, Done<std::vector<directory::Pool>> done);
  void listPeople(QObject* context, const std::string& qualification,
                  Done<std::vector<directory::Person>> done);
  void getOnCall(QObject* context, std::optional<absl::Time> at, Done<OnCall> done);
  void listDuties(QObject* context, const std::string& person, std::optional<absl::Time> from,
                  std::optional<absl::Time> to, Done<ScheduleView> done);
  void getSchedule(QObject* context, const std::string& pool, std::optional<absl::Time> from,
                   std::optional<absl::Time> to, Done<ScheduleView> done);
  void listSwaps(QObject* context, const std::string& pool, bool mine, bool openOnly,
                 Done<std::vector<SwapView>> done);
  void requestSwap(QObject* context, const SwapRequestArgs& args, bool arrange,
                   Done<SwapView> done);
  void respondSwap(QObject* context, int64_t id, bool accept, Done<SwapView> done);
  void decideSwap(QObject* context, int64_t id, bool approve, Done<SwapView> done);
  void cancelSwap(QObject* context, int64_t id, Done<SwapView> done);
  void createOverride(QObject* context, const std::string& pool, const std::string& person,
                      std::optional<absl::Time> from, absl::Time until, const std::string& reason,
                      Done<OverrideView> done);
  void endOverride(QObject* context, int64_t id, std::optional<absl::Time> at,
                   Done<OverrideView> done);
  void addUnavailability(QObject* context, const std::string& person,
                         const roster::Interval& interval, const std::string& reason,
                         Done<std::pair<LeaveView, std::vector<ClashView>>> done);
  void cancelUnavailability(QObject* context, int64_t id, Done<LeaveView> done);
  void listUnavailability(QObject* context, const std::string& person, bool everyone,
                          std::optional<absl::Time> from, std::optional<absl::Time> to,
                          Done<std::vector<LeaveView>> done);
  void createFeedLink(QObject* context, const std::string& pool, Done<NewFeedLink> done);
  void listFeedLinks(QObject* context, bool everyone, bool includeRevoked,
                     Done<std::vector<FeedLinkView>> done);

 public:
  // Why no call can be made to this server (Client::settings_error), or empty.
  QString settingsError() const {
    return QString::fromStdString(std::string(m_client->settings_error().message()));
  }

 Q_SIGNALS:
  void connectionChanged(paraat::client::AsyncClient::Connection connection);
  // Every answer from the server (also refusals): the new last-contact time.
  void contacted(const QDateTime& at);
  // A call made with a session token was refused as UNAUTHENTICATED (expired or revoked).
  void unauthenticated(const QString& message);
  void busyChanged(bool busy);
  // A read call was answered from the local cache; `fetched` is when that answer was fetched.
  void answeredFromCache(const QDateTime& fetched);

 private:
  // Runs `work` on the pool. `work` returns the call's status and the function that delivers
  // its result; both are handled on this object's thread.
  using Delivery = std::function<void()>;
  void start(std::function<std::pair<absl::Status, Delivery>(Client&)> work, bool sessionCall,
             bool isPing = false);
  template <typename T>
  void runImpl(QObject* context, std::function<absl::StatusOr<T>(Client&)> work, Done<T> done,
               bool sessionCall);
  void finish(const std::shared_ptr<Client>& client, const absl::Status& status, bool withToken,
              bool sessionCall, bool isPing);
  void setConnection(Connection c);
  void updatePingTimer();

  ClientOptions m_options;
  std::shared_ptr<Client> m_client;
  QThreadPool m_pool;
  QTimer m_pingTimer;
  std::chrono::milliseconds m_pingInterval{30000};
  bool m_pingInFlight = false;
  int m_inFlight = 0;
  Connection m_connection = Connection::Connecting;
  QDateTime m_lastContact;
  std::shared_ptr<cache::Cache> m_cache;
  std::vector<std::shared_ptr<cache::Cache>> m_oldCaches;  // calls in flight may still use them
};

template <typename T>
void AsyncClient::run(QObject* context, std::function<absl::StatusOr<T>(Client&)> work,
                      Done<T> done) {
  runImpl<T>(context, std::move(work), std::move(done), /*sessionCall=*/true);
}

template <typename T>
void AsyncClient::runImpl(QObject* context, std::function<absl::StatusOr<T>(Client&)> work,
                          Done<T> done, bool sessionCall) {
  const bool guarded = context != nullptr;
  QPointer<QObject> guard(context);
  start(
      [work = std::move(work), done = std::move(done), guard, guarded](Client& c) {
        auto result = std::make_shared<absl::StatusOr<T>>(work(c));
        Delivery deliver = [result, done, guard, guarded]() {
          if (guarded && guard.isNull()) return;
          if (done) done(std::move(*result));
        };
        return std::make_pair(result->status(), std::move(deliver));
      },
      sessionCall);
}

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_ASYNC_CLIENT_H_
