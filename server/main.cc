// SPDX-License-Identifier: EUPL-1.2
// paraat-server: flags and configuration, wiring, the Qt event loop (for the HTTP side door)
// and an orderly shutdown on SIGINT/SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QSocketNotifier>
#include <cstdio>
#include <functional>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/app/app.h"
#include "server/app/backup.h"
#include "server/app/config.h"
#include "server/feed/feed_endpoint.h"
#include "server/feed/side_door.h"
#include "server/log/log.h"

namespace {

int g_signal_pipe[2] = {-1, -1};

void OnSignal(int signo) {
  const char c = static_cast<char>(signo);
  // Async-signal-safe: only write(2). The event loop does the rest.
  if (::write(g_signal_pipe[1], &c, 1) < 0) {
  }
}

int Fail(const absl::Status& s) {
  std::cerr << "paraat-server: " << s.message() << "\n";
  return s.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

int Serve(int argc, char** argv, const paraat::app::Invocation& inv) {
  absl::StatusOr<paraat::app::ServerOptions> options = paraat::app::ServerOptionsFrom(inv);
  if (!options.ok()) return Fail(options.status());
  paraat::log::SetMinimumLevel(options->log_level);
  QCoreApplication qapp(argc, argv);
  // Signals are caught before the server starts (opening and upgrading the database can take a
  // while): a SIGTERM then stops it as soon as it serves, a SIGHUP never stops it.
  if (::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Fail(absl::InternalError("cannot create the signal pipe"));
  }
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // SIGHUP (a reload by habit, `systemctl reload`, a closed terminal) does not stop a crisis
  // server: there is nothing to reload, and a unit restarted only on failure would stay down
  // after a clean exit. It is logged and the server goes on.
  sigaction(SIGHUP, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  QSocketNotifier notifier(g_signal_pipe[0], QSocketNotifier::Read);
  // What a stop does; once the server serves, a graceful stop (below).
  std::function<void()> stop_requested = [&qapp] { qapp.quit(); };
  QObject::connect(&notifier, &QSocketNotifier::activated, &qapp, [&] {
    char buf[16];
    bool stop = false;
    ssize_t n;
    while ((n = ::read(g_signal_pipe[0], buf, sizeof buf)) > 0) {
      for (ssize_t i = 0; i < n; ++i) {
        const int signo = static_cast<unsigned char>(buf[i]);
        if (signo == SIGHUP) {
          paraat::log::Info("server",
                            "SIGHUP received: nothing to reload (restart to use new certificates or "
                            "settings); still serving. Stop with SIGTERM",
                            {});
          continue;
        }
        paraat::log::Info("server", "stop requested",
                          {{"signal", signo == SIGINT ? "SIGINT" : "SIGTERM"}});
        stop = true;
      }
    }
    if (stop) stop_requested();
  });
  absl::StatusOr<std::unique_ptr<paraat::app::App>> app = paraat::app::App::Start(*options);
  if (!app.ok()) return Fail(app.status());
  // The HTTP side door runs in this thread's event loop; routes for /metrics can join it.
  std::unique_ptr<paraat::feed::SideDoor> side_door;
  if (!options->http_listen.empty()) {
    side_door = std::make_unique<paraat::feed::SideDoor>();
    paraat::feed::AddFeedRoutes(*side_door, (*app)->feed_store(), (*app)->roster_store());
    paraat::app::App* a = app->get();
    side_door->Route("/metrics", [a](const paraat::feed::HttpRequest& req) {
      if (req.method != "GET" && req.method != "HEAD") return paraat::feed::HttpResponse::NotAllowed();
      return paraat::feed::HttpResponse{
          200, {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}}, a->MetricsText()};
    });
    // For a load balancer or a monitor: 200 "ok", or 503 with why (see App::Health).
    side_door->Route("/healthz", [a](const paraat::feed::HttpRequest& req) {
      if (req.method != "GET" && req.method != "HEAD") return paraat::feed::HttpResponse::NotAllowed();
      const absl::Status health = a->Health();
      return paraat::feed::HttpResponse{
          health.ok() ? 200 : 503,
          {{"Content-Type", "text/plain; charset=utf-8"}, {"Cache-Control", "no-store"}},
          health.ok() ? std::string("ok\n") : absl::StrCat(health.message(), "\n")};
    });
    absl::StatusOr<int> port = side_door->Listen(options->http_listen);
    if (!port.ok()) {
      (*app)->Shutdown();
      return Fail(port.status());
    }
    const std::string http = absl::StrCat(
        options->http_listen.substr(0, options->http_listen.rfind(':')), ":", *port);
    paraat::log::Info("feed", "serving the HTTP side door", {{"listen", http}});
    std::cout << "paraat-server " << paraat::app::Version() << " serving iCalendar feeds on http://"
              << http << "/ical/" << std::endl;
  }
  std::cout << "paraat-server " << paraat::app::Version() << " listening on "
            << (*app)->address() << std::endl;
  // A stop: the side door answers 503 "shutting down" (a load balancer sees the drain) while
  // calls in flight get their grace on another thread; then the event loop ends.
  std::thread stopper;
  stop_requested = [&] {
    if (stopper.joinable()) return;  // stopping already
    if (side_door != nullptr) side_door->Drain("the server is shutting down");
    stopper = std::thread([&] {
      (*app)->Shutdown();
      QMetaObject::invokeMethod(&qapp, [&qapp] { qapp.quit(); }, Qt::QueuedConnection);
    });
  };
  qapp.exec();
  if (stopper.joinable()) stopper.join();
  side_door.reset();  // its handlers use the App's stores
  (*app)->Shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Debian builds abseil without NDEBUG, which leaves absl::Mutex's deadlock detector on: it
  // keeps a lock graph on every lock of every mutex (gRPC's included). Paraat's own tests run
  // with it; the server does not pay for it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  ::umask(077);  // the database, keys and secrets are for the server alone
  absl::StatusOr<paraat::app::Invocation> inv = paraat::app::ParseCommandLine(argc, argv);
  if (!inv.ok()) return Fail(inv.status());
  if (inv->command == "help") {
    std::cout << paraat::app::HelpText();
    return 0;
  }
  if (inv->command == "version") {
    std::cout << "paraat-server " << paraat::app::Version() << "\n";
    return 0;
  }
  if (inv->command != "serve") {
    if (absl::Status s = paraat::app::TakeDataDirFromConfig(*inv); !s.ok()) return Fail(s);
  }
  if (inv->command == "create-admin") {
    auto get = [&](const char* k) {
      auto it = inv->flags.find(k);
      return it == inv->flags.end() ? std::string() : it->second;
    };
    if (get("data-dir").empty() || get("username").empty() || get("name").empty() ||
        get("municipality").empty()) {
      return Fail(absl::InvalidArgumentError(
          "create-admin needs --data-dir DIR --username USER --name \"FULL NAME\" --municipality KEY "
          "[--municipality-name NAME --region KEY] [--email ADDRESS] [--phone NUMBER]"));
    }
    paraat::app::AdminSpec spec{get("username"), get("name"), get("municipality"),
                                get("municipality-name"), get("region"), get("email"), get("phone")};
    absl::StatusOr<std::string> out = paraat::app::CreateAdministrator(get("data-dir"), spec);
    if (!out.ok()) return Fail(out.status());
    std::cout << *out;
    return 0;
  }
  if (inv->command == "backup" || inv->command == "restore") {
    auto dir = inv->flags.find("data-dir");
    auto file = inv->flags.find(inv->command == "backup" ? "output" : "input");
    if (dir == inv->flags.end() || file == inv->flags.end()) {
      return Fail(absl::InvalidArgumentError(
          inv->command == "backup" ? "backup needs --data-dir DIR and -o/--output FILE"
                                   : "restore needs --input FILE and --data-dir DIR (empty)"));
    }
    const absl::StatusOr<bool> keep = paraat::app::SwitchOn(*inv, "keep-unverified");
    if (!keep.ok()) return Fail(keep.status());
    absl::StatusOr<std::string> out =
        inv->command == "backup"
            ? paraat::app::BackupDataDir(dir->second, file->second)
            : paraat::app::RestoreDataDir(file->second, dir->second, *keep);
    if (!out.ok()) return Fail(out.status());
    std::cout << *out;
    return 0;
  }
  if (inv->command == "key" || inv->command == "verify") {
    auto it = inv->flags.find("data-dir");
    if (it == inv->flags.end() || it->second.empty()) {
      return Fail(absl::InvalidArgumentError(inv->command + " needs --data-dir DIR"));
    }
    absl::StatusOr<std::string> out = inv->command == "key" ? paraat::app::PublicKeyOf(it->second)
                                                            : paraat::app::VerifyDataDir(it->second);
    if (!out.ok()) {
      // A failed verification is its report, already in lines; anything else is one error.
      if (!absl::IsDataLoss(out.status())) return Fail(out.status());
      std::cerr << out.status().message();
      return 1;
    }
    std::cout << *out << (inv->command == "key" ? "\n" : "");
    return 0;
  }
  if (inv->command == "init") {
    auto it = inv->flags.find("data-dir");
    if (it == inv->flags.end() || it->second.empty()) {
      return Fail(absl::InvalidArgumentError("init needs --data-dir DIR"));
    }
    const absl::StatusOr<bool> self_signed = paraat::app::SwitchOn(*inv, "self-signed");
    const absl::StatusOr<bool> demo = paraat::app::SwitchOn(*inv, "demo");
    if (!self_signed.ok()) return Fail(self_signed.status());
    if (!demo.ok()) return Fail(demo.status());
    if (*self_signed) {
      std::vector<std::string> hosts;
      if (auto h = inv->flags.find("hostname"); h != inv->flags.end()) hosts.push_back(h->second);
      // On an existing data directory only the certificate is made.
      if (::access((it->second + "/paraat.db").c_str(), F_OK) == 0) {
        absl::StatusOr<std::string> cert = paraat::app::MakeSelfSignedCertificate(it->second, hosts);
        if (!cert.ok()) return Fail(cert.status());
        std::cout << *cert;
        return 0;
      }
      absl::StatusOr<std::string> report = paraat::app::InitDataDir(it->second, *demo);
      if (!report.ok()) return Fail(report.status());
      absl::StatusOr<std::string> cert = paraat::app::MakeSelfSignedCertificate(it->second, hosts);
      if (!cert.ok()) return Fail(cert.status());
      std::cout << *report << *cert;
      return 0;
    }
    absl::StatusOr<std::string> report =
        paraat::app::InitDataDir(it->second, *demo);
    if (!report.ok()) return Fail(report.status());
    std::cout << *report;
    return 0;
  }
  return Serve(argc, argv, *inv);
}
