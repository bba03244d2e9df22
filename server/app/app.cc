// SPDX-License-Identifier: EUPL-1.2
#include "server/app/app.h"

#include <algorithm>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/certs/certs.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "server/app/seed.h"
#include "server/app/verify.h"
#include "server/auth/credentials.h"
#include "server/log/log.h"
#include "server/service/audit_service.h"
#include "server/service/auth_service.h"
#include "server/service/authorization.h"
#include "server/service/metrics.h"
#include "server/service/directory_service.h"
#include "server/service/feed_service.h"
#include "server/service/roster_service.h"
#include "server/service/capacity_service.h"
#include "server/service/crisis_service.h"
#include "server/service/crisis_stream.h"
#include "server/service/server_service.h"
#include "server/storage/account_store.h"
#include "server/storage/database.h"
#include "server/storage/directory_store.h"
#include "server/storage/feed_store.h"
#include "server/storage/roster_store.h"
#include "server/storage/capacity_store.h"
#include "server/service/malformed_request.h"
#include "server/storage/crisis_store.h"

namespace paraat::app {

const char* Version() { return "0.1.0"; }

bool IsLoopbackListen(absl::string_view listen) {
  absl::string_view host = listen;
  const size_t colon = listen.rfind(':');
  if (colon != absl::string_view::npos) host = listen.substr(0, colon);
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]")) {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8 as an address, not a host name that happens to begin with "127.".
  in_addr v4;
  const std::string h(host);
  return ::inet_pton(AF_INET, h.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view flag) {
  std::ifstream in(path);
  if (!in) return absl::FailedPreconditionError(absl::StrCat(flag, ": cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  if (ss.str().find("-----BEGIN") == std::string::npos) {
    return absl::FailedPreconditionError(absl::StrCat(flag, ": ", path, " is not a PEM file"));
  }
  return ss.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerTlsCredentials(const ServerOptions& o) {
  grpc::SslServerCredentialsOptions ssl;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  PARAAT_ASSIGN_OR_RETURN(pair.cert_chain, ReadPem(o.tls_cert, "--tls-cert"));
  PARAAT_ASSIGN_OR_RETURN(pair.private_key, ReadPem(o.tls_key, "--tls-key"));
  // gRPC would only fail to listen, with the reason in its own log lines.
  PARAAT_ASSIGN_OR_RETURN(const absl::Time expires,
                          certs::CheckServerPair(pair.cert_chain, pair.private_key, "--tls-cert",
                                                 "--tls-key", absl::Now()));
  if (expires - absl::Now() < absl::Hours(24 * 30)) {
    log::Warning("server", "the TLS certificate expires soon; renew it",
                 {{"cert", o.tls_cert}, {"expires", absl::FormatTime(expires)}});
  }
  ssl.pem_key_cert_pairs.push_back(pair);
  if (!o.tls_client_ca.empty()) {
    PARAAT_ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadPem(o.tls_client_ca, "--tls-client-ca"));
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

absl::Status CheckListen(absl::string_view listen) {
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen '", listen, "' is not HOST:PORT (e.g. 127.0.0.1:50051)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<App>> App::Start(const ServerOptions& options) {
  PARAAT_RETURN_IF_ERROR(CheckListen(options.listen));
  const bool tls = !options.tls_cert.empty() || !options.tls_key.empty();
  if (tls && (options.tls_cert.empty() || options.tls_key.empty())) {
    return absl::InvalidArgumentError("TLS needs both --tls-cert and --tls-key");
  }
  if (!tls && !options.tls_client_ca.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  if (!tls && !IsLoopbackListen(options.listen) && !options.insecure) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to listen on ", options.listen,
        " without TLS: plaintext is only for loopback. Give --tls-cert and --tls-key, or "
        "--insecure if a trusted network really needs plaintext"));
  }
  if (!options.http_listen.empty() && !IsLoopbackListen(options.http_listen) &&
      !options.insecure) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve HTTP on ", options.http_listen,
        ": Qt HttpServer is meant for trusted networks, so the side door listens on loopback "
        "behind a reverse proxy with TLS (see README); --insecure if you really mean it"));
  }
  // Duties, handovers and feeds are in local time: without the zone data every roster answer
  // would fail (or, worse, be in UTC).
  if (absl::TimeZone zone; !absl::LoadTimeZone(std::string(time::kDefaultZone), &zone)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the time zone data has no ", time::kDefaultZone,
        "; install it (Debian: apt-get install tzdata) or point TZDIR at it"));
  }
  PARAAT_RETURN_IF_ERROR(auth::InitCrypto());
  auto app = std::unique_ptr<App>(new App());
  app->options_ = options;
  app->paths_.dir = options.data_dir;
  if (::access(options.data_dir.c_str(), F_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "there is no data directory ", options.data_dir,
        "; create one with: paraat-server init --data-dir ", options.data_dir, " [--demo]"));
  }
  PARAAT_ASSIGN_OR_RETURN(app->lock_,
                          DataDirLock::Acquire(app->paths_, absl::StrCat("starting on ", options.listen)));
  PARAAT_ASSIGN_OR_RETURN(app->db_, storage::Database::Open(app->paths_.database(),
                                                            storage::OpenMode::kExisting));
  // Said at once: the upgrade stays also when the start fails later (a port in use), and an
  // older paraat-server no longer serves the database.
  app->db_->SetWriteStateHook([](bool failing, const std::string& why) {
    if (failing) {
      log::Error("storage", "writes fail; reading still works (see /healthz)", {{"error", why}});
    } else {
      log::Info("storage", "writes work again", {});
    }
  });
  if (app->db_->opened_at_version() < app->db_->schema_version()) {
    log::Info("server", "upgraded the database",
              {{"from_schema", absl::StrCat(app->db_->opened_at_version())},
               {"to_schema", absl::StrCat(app->db_->schema_version())},
               {"database", app->paths_.database()}});
  }
  if (app->db_->read_only()) {
    return absl::FailedPreconditionError(absl::StrCat(
        app->paths_.database(), " can only be read by this user; the server writes it. Check "
        "its owner and mode (and the directory's): the server's user must be able to write both"));
  }
  app->directory_ = storage::NewSqliteDirectoryStore(app->db_.get());
  app->accounts_ = storage::NewSqliteAccountStore(app->db_.get());
  app->roster_ = storage::NewSqliteRosterStore(app->db_.get());
  app->crises_ = storage::NewSqliteCrisisStore(app->db_.get());
  app->capacity_ = storage::NewSqliteCapacityStore(app->db_.get());
  PARAAT_ASSIGN_OR_RETURN(LedgerIdentity ledger, LoadLedgerIdentity(app->paths_, *app->db_, false));
  app->ledger_ = std::make_unique<LedgerIdentity>(std::move(ledger));
  app->checkpointer_ = std::make_unique<Checkpointer>(app->crises_.get(), app->ledger_.get());
  app->hub_ = std::make_unique<service::CrisisHub>();
  app->crises_->SetAppendObserver([a = app.get()](const crisis::Entry& e) {
    a->checkpointer_->Poke();
    a->hub_->Publish(e);
  });
  app->feeds_ = storage::NewSqliteFeedStore(app->db_.get());
  app->authorizer_ = std::make_unique<service::Authorizer>(app->accounts_.get(),
                                                           options.session_ttl);

  app->metrics_ = std::make_unique<service::Metrics>();
  service::ServiceContext sc;
  sc.authorizer = app->authorizer_.get();
  sc.observer = app->metrics_.get();
  app->services_.push_back(std::make_unique<service::AuthServiceImpl>(sc, app->accounts_.get(),
                                                                      options.session_ttl));
  app->services_.push_back(
      std::make_unique<service::DirectoryServiceImpl>(sc, app->directory_.get()));
  app->services_.push_back(std::make_unique<service::RosterServiceImpl>(
      sc, app->roster_.get(), app->directory_.get(), app->db_.get()));
  std::string feed_url = options.feed_url;
  if (feed_url.empty() && !options.http_listen.empty() &&
      !absl::EndsWith(options.http_listen, ":0")) {
    feed_url = absl::StrCat("http://", options.http_listen);
    if (IsLoopbackListen(options.http_listen)) {
      // Fine on one machine (the demo); a phone's calendar cannot reach it.
      log::Warning("feed",
                   "feed links name a loopback address only this machine can reach; set "
                   "--feed-url to where the reverse proxy publishes the side door",
                   {{"feed_url", feed_url}});
    }
  }
  app->services_.push_back(std::make_unique<service::FeedServiceImpl>(
      sc, app->feeds_.get(), app->roster_.get(), feed_url));
  auto crisis_service = std::make_unique<service::CrisisServiceImpl>(
      sc, app->crises_.get(), app->directory_.get(), app->ledger_->verifier_key,
      app->capacity_.get(), app->accounts_.get());
  crisis_service->SetMessageLimit(options.max_message_bytes);
  app->services_.push_back(std::move(crisis_service));
  app->services_.push_back(
      std::make_unique<service::CapacityServiceImpl>(sc, app->capacity_.get(), app->crises_.get()));
  app->services_.push_back(std::make_unique<service::LedgerServiceImpl>(
      sc, app->crises_.get(), app->ledger_->verifier_key, app->ledger_->key_name));
  app->services_.push_back(std::make_unique<service::CrisisStreamServiceImpl>(
      sc, app->crises_.get(), app->hub_.get()));
  app->services_.push_back(
      std::make_unique<service::AuditServiceImpl>(sc, app->db_.get(), app->accounts_.get(),
                                                  app->crises_.get()));
  app->services_.push_back(std::make_unique<service::ServerServiceImpl>(
      sc, Version(), app->db_->schema_version(), RegionName(*app->db_)));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> creds = grpc::InsecureServerCredentials();
  if (tls) {
    PARAAT_ASSIGN_OR_RETURN(creds, ServerTlsCredentials(options));
  }
  // One server per port: gRPC would otherwise let a second server share it (SO_REUSEPORT) and
  // the kernel would hand each connection to either, with its own database.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, creds, &app->port_);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  for (auto& s : app->services_) builder.RegisterService(s.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(service::MalformedRequestInterceptors());
  service::RouteProtobufLog();
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  app->server_ = builder.BuildAndStart();
  if (app->server_ == nullptr || app->port_ == 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.listen,
        ": the address is in use by another program or not available on this machine"));
  }
  app->server_->GetHealthCheckService()->SetServingStatus(true);
  app->lock_->Describe(absl::StrCat("serving on ", app->address()));
  app->gap_watch_ = std::make_unique<GapWatch>(app->roster_.get());
  app->ticker_ = std::thread([a = app.get()] { a->Ticker(); });
  if (!tls && !IsLoopbackListen(options.listen)) {
    log::Warning("server", "listening WITHOUT TLS on a non-loopback address (--insecure)",
                 {{"listen", app->address()}});
  }
  // The signing key and the database are the server's alone: say so when others can read them.
  for (const std::string& exposed : ExposedFiles(app->paths_, options.tls_key)) {
    log::Warning("server", "a secret file is readable by others", {{"detail", exposed}});
  }
  log::Info("server", "serving",
            {{"listen", app->address()},
             {"tls", !tls ? "off" : options.tls_client_ca.empty() ? "on" : "mutual"},
             {"data_dir", options.data_dir},
             {"schema", absl::StrCat(app->db_->schema_version())}, {"version", Version()}});
  return app;
}

std::string App::MetricsText() const {
  std::string out;
  metrics_->Render(out);
  const uint64_t failed = metrics_->Count("/paraat.v1.AuthService/Login", absl::StatusCode::kUnauthenticated) +
                          metrics_->Count("/paraat.v1.AuthService/Login", absl::StatusCode::kResourceExhausted);
  absl::StrAppend(&out,
                  "# HELP paraat_failed_logins_total Logins refused (wrong credentials or locked).\n"
                  "# TYPE paraat_failed_logins_total counter\n"
                  "paraat_failed_logins_total ", failed, "\n");
  db_->ProbeWritesIfFailing(absl::Seconds(5));  // so the alert clears once writing works
  const storage::WriterStats w = db_->Stats();
  absl::StrAppend(&out,
                  "# HELP paraat_writer_queue_depth Writes waiting for the writer thread.\n"
                  "# TYPE paraat_writer_queue_depth gauge\n"
                  "paraat_writer_queue_depth ", w.queue_depth, "\n"
                  "# HELP paraat_writer_commits_total Group commits (one fsync each).\n"
                  "# TYPE paraat_writer_commits_total counter\n"
                  "paraat_writer_commits_total ", w.commits, "\n"
                  "# HELP paraat_writer_jobs_total Writes committed or refused.\n"
                  "# TYPE paraat_writer_jobs_total counter\n"
                  "paraat_writer_jobs_total ", w.jobs, "\n"
                  "# HELP paraat_writer_storage_failures_total Groups of writes the storage "
                  "failed (full disk, I/O error).\n"
                  "# TYPE paraat_writer_storage_failures_total counter\n"
                  "paraat_writer_storage_failures_total ", w.storage_failures, "\n"
                  "# HELP paraat_writes_failing 1 while writes fail (no write committed since the "
                  "last storage failure).\n"
                  "# TYPE paraat_writes_failing gauge\n"
                  "paraat_writes_failing ", w.last_failure > w.last_commit ? 1 : 0, "\n"
                  "# HELP paraat_writer_batch_size Writes per group commit.\n"
                  "# TYPE paraat_writer_batch_size histogram\n");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < w.batch_histogram.size(); ++i) {
    cumulative += static_cast<uint64_t>(w.batch_histogram[i]);
    absl::StrAppend(&out, "paraat_writer_batch_size_bucket{le=\"", (uint64_t{1} << (i + 1)) - 1, "\"} ",
                    cumulative, "\n");
  }
  absl::StrAppend(&out, "paraat_writer_batch_size_bucket{le=\"+Inf\"} ", w.commits, "\n",
                  "paraat_writer_batch_size_count ", w.commits, "\n",
                  "paraat_writer_batch_size_sum ", w.jobs, "\n");
  absl::StrAppend(&out,
                  "# HELP paraat_live_subscribers Open WatchCrisis streams.\n"
                  "# TYPE paraat_live_subscribers gauge\n"
                  "paraat_live_subscribers ", hub_ != nullptr ? hub_->subscribers() : 0, "\n"
                  "# HELP paraat_roster_gaps_ahead Gaps in the next 90 days, per pool.\n"
                  "# TYPE paraat_roster_gaps_ahead gauge\n");
  for (const auto& [pool, n] : gap_watch_->GapsPerPool()) {
    absl::StrAppend(&out, "paraat_roster_gaps_ahead{pool=\"", service::LabelValue(pool), "\"} ", n, "\n");
  }
  return out;
}

absl::Status App::Health() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return absl::UnavailableError("the server is shutting down");
  }
  absl::Status read = db_->Read([](storage::Connection& c) -> absl::Status {
    PARAAT_ASSIGN_OR_RETURN(storage::StatementRef st, c.Prepare("SELECT count(*) FROM sqlite_schema"));
    return st->Step().status();
  });
  if (!read.ok()) {
    return absl::UnavailableError(absl::StrCat("the database cannot be read: ", read.message()));
  }
  // A server nobody writes to learns that writing works again from a probe.
  db_->ProbeWritesIfFailing(absl::Seconds(5));
  const storage::WriterStats w = db_->Stats();
  if (w.last_failure > w.last_commit) {
    return absl::UnavailableError(absl::StrCat("writes fail since ", time::FormatLocal(w.last_failure),
                                               " ", time::kDefaultZone, " time: ",
                                               w.last_failure_message));
  }
  return absl::OkStatus();
}

std::string App::address() const {
  const size_t colon = options_.listen.rfind(':');
  return absl::StrCat(options_.listen.substr(0, colon), ":", port_);
}

void App::Ticker() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    if (absl::StatusOr<GapWatch::Found> n = gap_watch_->Check(); !n.ok()) {
      log::Warning("roster", "could not check for gaps", {{"error", n.status().ToString()}});
    }
    lock.lock();
    cv_.wait_for(lock, std::chrono::seconds(60), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    if (absl::Status s = authorizer_->FlushRefusals(); !s.ok()) {
      log::Warning("auth", "could not write refused-call counters", {{"error", s.ToString()}});
    }
    lock.lock();
  }
}

void App::Shutdown(absl::Duration grace) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    stopping_ = true;
  }
  cv_.notify_all();
  if (hub_ != nullptr) hub_->Shutdown();  // live streams end with UNAVAILABLE: resume later
  if (server_ != nullptr) {
    log::Info("server", "shutting down", {{"grace", absl::FormatDuration(grace)}});
    server_->GetHealthCheckService()->SetServingStatus(false);
    server_->Shutdown(std::chrono::system_clock::now() +
                      std::chrono::milliseconds(absl::ToInt64Milliseconds(grace)));
  }
  if (ticker_.joinable()) ticker_.join();
  if (checkpointer_ != nullptr) checkpointer_->Stop();
  if (authorizer_ != nullptr) (void)authorizer_->FlushRefusals();
  if (db_ != nullptr) db_->Close();
  if (server_ != nullptr) log::Info("server", "stopped", {});
}

App::~App() { Shutdown(); }

absl::StatusOr<std::string> InitDataDir(const std::string& data_dir, bool demo) {
  PARAAT_RETURN_IF_ERROR(auth::InitCrypto());
  // What init creates (the database and its WAL, the key) is for the server's user alone,
  // whatever the caller's umask (given back when init is done).
  struct UmaskScope {
    mode_t before = ::umask(077);
    ~UmaskScope() { ::umask(before); }
  } umask_scope;
  DataDirPaths paths{data_dir};
  PARAAT_RETURN_IF_ERROR(EnsureDataDir(paths));
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<DataDirLock> lock,
                          DataDirLock::Acquire(paths, "paraat-server init"));
  if (::access(paths.signing_key().c_str(), F_OK) == 0) {
    // A signing key without its database (none, or an empty file): what was here is gone, not
    // new. A new database signed with the old key would pass for the old server's.
    struct stat st;
    if (::stat(paths.database().c_str(), &st) != 0 || st.st_size == 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the data directory ", data_dir, " holds the signing key of an installation (",
          paths.signing_key(), ") but not its database: its data is gone. Restore the last "
          "backup into a new data directory (paraat-server restore -i BACKUP --data-dir NEW), or "
          "move the key away to start a new installation here"));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                          storage::Database::Open(paths.database(), storage::OpenMode::kCreate));
  std::string report = absl::StrCat("Created the Paraat database ", paths.database(),
                                    " (schema version ", db->schema_version(), ").\n");
  if (demo) {
    PARAAT_ASSIGN_OR_RETURN(std::string accounts, SeedDemo(*db, paths));
    absl::StrAppend(&report, accounts);
  }
  PARAAT_ASSIGN_OR_RETURN(LedgerIdentity ledger, LoadLedgerIdentity(paths, *db, true));
  absl::StrAppend(&report, "Checkpoint signing key: ", paths.signing_key(),
                  "\nPublic key (give it to anyone who verifies exports):\n  ", ledger.verifier_key,
                  "\n");
  db->Close();
  return report;
}

}  // namespace paraat::app

namespace paraat::app {

namespace {

absl::StatusOr<std::unique_ptr<storage::Database>> OpenForTool(
    const std::string& data_dir, storage::OpenMode mode = storage::OpenMode::kCurrent) {
  DataDirPaths paths{data_dir};
  if (::access(data_dir.c_str(), F_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("there is no data directory ", data_dir));
  }
  return storage::Database::Open(paths.database(), mode);
}

}  // namespace

absl::StatusOr<std::string> PublicKeyOf(const std::string& data_dir) {
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, OpenForTool(data_dir));
  PARAAT_ASSIGN_OR_RETURN(LedgerIdentity id, LoadLedgerIdentity(DataDirPaths{data_dir}, *db, false));
  return id.verifier_key;
}

absl::StatusOr<std::string> VerifyDataDir(const std::string& data_dir, bool upgrade) {
  PARAAT_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Database> db,
      OpenForTool(data_dir, upgrade ? storage::OpenMode::kExisting : storage::OpenMode::kCurrent));
  PARAAT_ASSIGN_OR_RETURN(LedgerIdentity id, LoadLedgerIdentity(DataDirPaths{data_dir}, *db, false));
  const absl::Time start = absl::Now();
  PARAAT_ASSIGN_OR_RETURN(VerifyOutcome o, VerifyDatabase(*db, id.verifier_key, id.key_name));
  const absl::Duration took = absl::Now() - start;
  std::string report = absl::StrCat(
      "Checked ", o.crises, " crisis logs (", o.entries, " entries, ", o.checkpoints,
      " signed checkpoints) and ", o.audit_records, " audit records in ",
      absl::StrFormat("%.0f ms", absl::ToDoubleMilliseconds(took)), ".\n");
  if (o.problems.empty()) {
    absl::StrAppend(&report, "Everything verifies.\n");
    return report;
  }
  for (const std::string& p : o.problems) absl::StrAppend(&report, "FAILED: ", p, "\n");
  return absl::DataLossError(report);
}

}  // namespace paraat::app

namespace paraat::app {

absl::StatusOr<std::string> MakeSelfSignedCertificate(const std::string& data_dir,
                                                      const std::vector<std::string>& hostnames) {
  DataDirPaths paths{data_dir};
  PARAAT_RETURN_IF_ERROR(EnsureDataDir(paths));
  const std::string dir = data_dir + "/tls";
  ::mkdir(dir.c_str(), 0700);
  const std::string key_path = dir + "/server.key";
  const std::string cert_path = dir + "/server.crt";
  if (::access(cert_path.c_str(), F_OK) == 0) {
    return absl::AlreadyExistsError(absl::StrCat(cert_path, " exists; remove it first to make a new one"));
  }
  std::vector<std::string> names;
  for (const std::string& h : hostnames) {
    if (std::find(names.begin(), names.end(), h) == names.end()) names.push_back(h);
  }
  if (std::find(names.begin(), names.end(), "localhost") == names.end()) {
    names.push_back("localhost");
  }
  PARAAT_ASSIGN_OR_RETURN(certs::KeyAndCert kc,
                          certs::MakeSelfSigned(names, {"127.0.0.1", "::1"}, absl::Hours(24 * 825)));
  PARAAT_RETURN_IF_ERROR(WritePrivateFile(key_path, kc.key_pem));
  PARAAT_RETURN_IF_ERROR(WritePrivateFile(cert_path, kc.cert_pem));
  ::chmod(cert_path.c_str(), 0644);
  PARAAT_ASSIGN_OR_RETURN(std::string fp, certs::Fingerprint(kc.cert_pem));
  return absl::StrCat("Self-signed certificate for ", absl::StrJoin(names, ", "),
                      " (valid 825 days):\n  ", cert_path, "\n  ", key_path,
                      "\nFingerprint (clients pin it):\n  ", fp,
                      "\nServe with:\n  paraat-server --data-dir ", data_dir,
                      " --listen 0.0.0.0:50051 --tls-cert ", cert_path, " --tls-key ", key_path,
                      "\nConnect with:\n  paraat login --server tls://HOST:50051 --pin ", fp, "\n");
}

}  // namespace paraat::app

namespace paraat::app {

absl::StatusOr<std::string> CreateAdministrator(const std::string& data_dir, const AdminSpec& spec) {
  PARAAT_RETURN_IF_ERROR(auth::InitCrypto());
  PARAAT_RETURN_IF_ERROR(directory::ValidateUsername(spec.username, "--username"));
  PARAAT_RETURN_IF_ERROR(directory::ValidateName(spec.name, "--name"));
  PARAAT_RETURN_IF_ERROR(directory::ValidateKey(spec.municipality, "--municipality"));
  PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, OpenForTool(data_dir));
  auto dir = storage::NewSqliteDirectoryStore(db.get());
  auto accounts = storage::NewSqliteAccountStore(db.get());
  constexpr absl::string_view kActor = "system";
  // Everything is checked before anything is written: a typing error must not leave a new
  // municipality, or an administrator made of someone else.
  absl::StatusOr<storage::AccountView> account_now = accounts->GetAccount(spec.username);
  if (!account_now.ok() && !absl::IsNotFound(account_now.status())) return account_now.status();
  if (account_now.ok()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "--username: the account '", spec.username, "' already exists; change its role with "
        "'paraat accounts update ", spec.username, " --role administrator', or choose another "
        "username"));
  }
  absl::StatusOr<directory::Municipality> known = dir->GetMunicipality(spec.municipality);
  if (!known.ok() && !absl::IsNotFound(known.status())) return known.status();
  if (known.ok() && !spec.municipality_name.empty() && spec.municipality_name != known->name) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--municipality-name: the municipality '", spec.municipality, "' already exists as '",
        known->name, "'; leave out --municipality-name to use it"));
  }
  if (!known.ok() && spec.municipality_name.empty()) {
    PARAAT_ASSIGN_OR_RETURN(std::vector<directory::Municipality> all,
                            dir->ListMunicipalities(/*include_inactive=*/true));
    std::vector<std::string> keys;
    for (const directory::Municipality& m : all) keys.push_back(m.key);
    return absl::NotFoundError(absl::StrCat(
        "--municipality: there is no municipality '", spec.municipality, "'",
        keys.empty() ? std::string(" yet") : absl::StrCat(" (known: ", absl::StrJoin(keys, ", "), ")"),
        "; to add it, also give --municipality-name NAME and --region KEY"));
  }
  absl::StatusOr<directory::Person> existing = dir->GetPerson(spec.username);
  if (!existing.ok() && !absl::IsNotFound(existing.status())) return existing.status();
  if (existing.ok() && (existing->name != spec.name || existing->municipality != spec.municipality)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--username: '", spec.username, "' is already in the directory as ", existing->name, " (",
        existing->municipality, "); give that --name and --municipality to make this person the "
        "administrator, or choose another username"));
  }
  directory::Person person;
  person.key = spec.username;
  person.name = spec.name;
  person.municipality = spec.municipality;
  person.email = spec.email;
  person.phone = spec.phone;
  PARAAT_RETURN_IF_ERROR(directory::Validate(person));
  const directory::Municipality new_municipality{spec.municipality, spec.municipality_name,
                                                 spec.region, true};
  if (!known.ok() && spec.region.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--region is required to add the municipality '", spec.municipality,
        "' (its safety region, e.g. vrgz): capacity planning and loans go by region"));
  }
  if (!known.ok()) {
    PARAAT_RETURN_IF_ERROR(directory::Validate(new_municipality));
    PARAAT_RETURN_IF_ERROR(dir->CreateMunicipality(kActor, new_municipality).status());
  }
  if (!existing.ok()) {
    PARAAT_RETURN_IF_ERROR(dir->CreatePerson(kActor, person).status());
  }
  const std::string password = auth::RandomPassword();
  PARAAT_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
  directory::Account account{spec.username, person.key, directory::Role::kAdministrator, "", true};
  PARAAT_RETURN_IF_ERROR(
      accounts->CreateAccount(kActor, account, hash, [](const directory::Person&) { return absl::OkStatus(); })
          .status());
  return absl::StrCat("Created the regional administrator ", spec.username, " (", spec.name,
                      ").\nInitial password (shown once; change it with 'paraat passwd'):\n  ",
                      password, "\n");
}

}  // namespace paraat::app
