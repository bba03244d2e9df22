// SPDX-License-Identifier: EUPL-1.2
// The server wired together: database, repositories, services, gRPC server, background
// tasks and an orderly shutdown. Used by main.cc and by the in-process tests.
#ifndef PARAAT_SERVER_APP_APP_H_
#define PARAAT_SERVER_APP_APP_H_

#include <grpcpp/server.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/app/data_dir.h"
#include "server/app/gap_watch.h"
#include "server/app/checkpointer.h"
#include "server/log/log.h"

namespace paraat::storage {
class Database;
class DirectoryStore;
class AccountStore;
class RosterStore;
class FeedStore;
class CrisisStore;
class CapacityStore;
}  // namespace paraat::storage

namespace paraat::service {
class Authorizer;
class Metrics;
class CrisisHub;
}  // namespace paraat::service

namespace paraat::app {

struct ServerOptions {
  std::string data_dir;
  std::string listen = "127.0.0.1:50051";  // HOST:PORT; port 0 picks a free port
  absl::Duration session_ttl = absl::Hours(12);
  // Listening on a non-loopback address without TLS needs this (and warns at every start).
  bool insecure = false;
  int max_message_bytes = 4 * 1024 * 1024;
  // The HTTP side door (iCalendar feeds), HOST:PORT; empty: none. main.cc serves it in the
  // Qt event loop; App only checks it (loopback unless `insecure`) and names it in links.
  std::string http_listen;
  // Where the side door's /ical/ is published (the reverse proxy), e.g.
  // "https://paraat.example.nl"; empty: http://<http_listen> when its port is fixed.
  std::string feed_url;
  // TLS: certificate chain and key files (PEM); with a client CA, clients must present a
  // certificate signed by it (mutual TLS).
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // The least severe log lines written (paraat-server applies it to the process).
  log::Level log_level = log::Level::kInfo;
};

// The version printed by --version and served by GetServerInfo.
const char* Version();

// True when HOST in HOST:PORT is a loopback address (127.0.0.0/8, ::1, localhost).
bool IsLoopbackListen(absl::string_view listen);

class App {
 public:
  // Opens the data directory (locked against a second server), starts serving.
  // FAILED_PRECONDITION: no or foreign database, directory in use, non-loopback without TLS
  // or --insecure. UNAVAILABLE: the address cannot be bound (in use).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<App>> Start(const ServerOptions& options);
  ~App();

  storage::Database* database() { return db_.get(); }
  storage::CrisisStore* crises() { return crises_.get(); }
  storage::RosterStore* roster() { return roster_.get(); }
  storage::DirectoryStore* directory() { return directory_.get(); }
  service::CrisisHub* hub() { return hub_.get(); }
  Checkpointer* checkpointer() { return checkpointer_.get(); }
  const LedgerIdentity& ledger() const { return *ledger_; }

  // Everything /metrics shows, in the Prometheus text format.
  std::string MetricsText() const;

  // Whether the server serves in full (/healthz): OK, or UNAVAILABLE saying why: it is
  // shutting down, the database cannot be read, or writes have failed since a moment (a full
  // disk, an I/O error) with the storage's words. Writes resume by themselves when the cause
  // goes; the next write that commits (a probe, if no one writes) makes it OK again.
  absl::Status Health();

  // The port actually bound (useful with port 0).
  int port() const { return port_; }
  std::string address() const;

  // The stores the HTTP side door serves feeds from; owned by the App, valid until it is
  // destroyed (stop serving HTTP before Shutdown).
  storage::RosterStore* roster_store() const { return roster_.get(); }
  storage::FeedStore* feed_store() const { return feeds_.get(); }

  // Health goes NOT_SERVING, new calls are refused, calls in flight get `grace` to finish,
  // then background work stops and the database closes cleanly. Idempotent.
  void Shutdown(absl::Duration grace = absl::Seconds(5));

 private:
  App() = default;
  void Ticker();

  ServerOptions options_;
  DataDirPaths paths_;
  std::unique_ptr<DataDirLock> lock_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::DirectoryStore> directory_;
  std::unique_ptr<storage::AccountStore> accounts_;
  std::unique_ptr<storage::RosterStore> roster_;
  std::unique_ptr<storage::CrisisStore> crises_;
  std::unique_ptr<storage::CapacityStore> capacity_;
  std::unique_ptr<LedgerIdentity> ledger_;
  std::unique_ptr<Checkpointer> checkpointer_;
  std::unique_ptr<service::CrisisHub> hub_;
  std::unique_ptr<storage::FeedStore> feeds_;
  std::unique_ptr<service::Authorizer> authorizer_;
  std::unique_ptr<service::Metrics> metrics_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<GapWatch> gap_watch_;
  int port_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  bool stopped_ = false;   // guarded by mu_
  std::thread ticker_;
};

// `paraat-server create-admin`: the first regional administrator of an installation (or
// another one later): the municipality (created when new), the person and the account, with
// a random password that is returned once. Safe while the server runs.
struct AdminSpec {
  std::string username;
  std::string name;               // the person's name
  std::string municipality;       // key
  std::string municipality_name;  // when the municipality is new
  std::string region;             // when the municipality is new
  std::string email;
  std::string phone;
};
[[nodiscard]] absl::StatusOr<std::string> CreateAdministrator(const std::string& data_dir,
                                                              const AdminSpec& spec);

// `paraat-server key`: the verifier key string of the data directory's checkpoint key.
[[nodiscard]] absl::StatusOr<std::string> PublicKeyOf(const std::string& data_dir);

// `paraat-server verify`: every crisis log against its signed checkpoints, and the audit
// chain. Returns the report text; FAILED_PRECONDITION... DATA_LOSS when anything fails.
// With `upgrade` (a restored copy about to be served by this build), an older schema is
// upgraded first; otherwise it is refused and left untouched.
[[nodiscard]] absl::StatusOr<std::string> VerifyDataDir(const std::string& data_dir,
                                                        bool upgrade = false);

// `paraat-server init`: creates the data directory and database; with `demo`, seeds the
// Tweestromenland demo and writes DIR/demo-accounts.txt (0600). Returns the text to print.
[[nodiscard]] absl::StatusOr<std::string> InitDataDir(const std::string& data_dir, bool demo);

// `paraat-server init --self-signed`: a key and self-signed certificate for a first install in
// DIR/tls/ (server.key 0600, server.crt) for `hostnames`, localhost and 127.0.0.1. Returns the
// text to print: the SHA-256 fingerprint clients pin and the flags to use.
[[nodiscard]] absl::StatusOr<std::string> MakeSelfSignedCertificate(
    const std::string& data_dir, const std::vector<std::string>& hostnames);

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_APP_H_
