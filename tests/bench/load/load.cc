// SPDX-License-Identifier: EUPL-1.2
// The load driver: the real paraat-server on loopback with a fresh demo data directory (init
// --demo, a generated and published roster, a crisis opened for the run), then
//   1. who-is-on-duty (RosterService.GetOnCall) against the empty unary handler
//      ServerService.Ping in the same server build, with one client (server time, goal < 1 ms)
//      and with N clients at the same concurrency (goal: GetOnCall >= 0.8 x Ping);
//   2. for --seconds (default 30) a mix on several threads and channels: who-is-on-duty
//      reads, roster reads (GetSchedule, nine weeks of a pool), crisis appends (AppendEntry)
//      and watchers (CrisisStreamService.WatchCrisis, every one must receive every entry once,
//      in order): throughput, p50/p99 latency and errors per kind (errors must be 0), and the
//      server's resident memory sampled every second from /proc/<pid>/status (it must level
//      off: growth over the second half of the mix against the first).
// Loopback only; bounded in time (a watchdog kills the server and exits if a phase hangs);
// the server is stopped (SIGTERM, then SIGKILL) at the end. Exit code 0; 1 on a setup
// failure; 3 when any call failed. Figures go through Figure() (PARAAT_FIGURES).
//
// Usage: paraat_load [--seconds N] [--compare-seconds N] [--clients N] [--oncall-threads N]
//                    [--roster-threads N] [--append-threads N] [--watchers N] [--channels N]
//                    [--server PATH] [--keep] [--quick]
#include <grpcpp/create_channel.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/crisis_stream.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "paraat/v1/server.grpc.pb.h"
#include "tests/bench/support/bench_util.h"
#include "tests/bench/support/figures.h"
#include "tests/support/process.h"

namespace paraat::bench {
namespace {

namespace v1 = ::paraat::v1;
using ::paraat::testing::BackgroundProcess;
using ::paraat::testing::ProcessResult;
using ::paraat::testing::RunProcess;

constexpr absl::string_view kArea = "load";

struct Options {
  int seconds = 30;          // the mix
  int compare_seconds = 10;  // each of GetOnCall and Ping, at N clients (half as long at 1)
  int clients = 8;           // concurrency of the GetOnCall / Ping comparison
  int oncall_threads = 4;
  int roster_threads = 2;
  int append_threads = 2;
  int watchers = 16;
  int channels = 4;
  std::string server = PARAAT_SERVER_BIN;
  bool keep = false;
};

bool ParseFlags(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--quick") {
      o->seconds = 8;
      o->compare_seconds = 2;
      o->watchers = 8;
      continue;
    }
    if (flag == "--keep") {
      o->keep = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "paraat_load: %s needs a value\n", flag.c_str());
      return false;
    }
    const std::string value = argv[++i];
    if (flag == "--server") {
      o->server = value;
      continue;
    }
    int* target = nullptr;
    if (flag == "--seconds") target = &o->seconds;
    if (flag == "--compare-seconds") target = &o->compare_seconds;
    if (flag == "--clients") target = &o->clients;
    if (flag == "--oncall-threads") target = &o->oncall_threads;
    if (flag == "--roster-threads") target = &o->roster_threads;
    if (flag == "--append-threads") target = &o->append_threads;
    if (flag == "--watchers") target = &o->watchers;
    if (flag == "--channels") target = &o->channels;
    if (target == nullptr || !absl::SimpleAtoi(value, target) || *target < 0 ||
        (*target == 0 && (flag == "--seconds" || flag == "--compare-seconds" ||
                          flag == "--clients" || flag == "--channels"))) {
      std::fprintf(stderr, "paraat_load: bad flag %s %s\n", flag.c_str(), value.c_str());
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Measurements.

// One kind of call: successes with their latencies (ms), failures with a few messages.
class Tally {
 public:
  void Ok(double ms) {
    std::lock_guard<std::mutex> l(mu_);
    latencies_.push_back(ms);
  }
  void Error(absl::string_view what) {
    std::lock_guard<std::mutex> l(mu_);
    ++errors_;
    if (messages_.size() < 5) messages_.emplace_back(what);
  }
  void Merge(const std::vector<double>& latencies) {
    std::lock_guard<std::mutex> l(mu_);
    latencies_.insert(latencies_.end(), latencies.begin(), latencies.end());
  }
  int64_t ok() const { return static_cast<int64_t>(latencies_.size()); }
  int64_t errors() const { return errors_; }
  const std::vector<std::string>& messages() const { return messages_; }
  double p(double q) const { return Percentile(latencies_, q); }

 private:
  std::mutex mu_;
  std::vector<double> latencies_;
  int64_t errors_ = 0;
  std::vector<std::string> messages_;
};

// Runs `op(thread, i)` (true: success) on `threads` threads until `stop` is set or `run`
// has passed; latencies go to `tally` (each thread keeps its own vector until the end).
absl::Duration Drive(int threads, absl::Duration run, Tally* tally,
                     const std::function<grpc::Status(int thread, int64_t i)>& op,
                     const std::atomic<bool>* external_stop = nullptr) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  const absl::Time start = absl::Now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::vector<double> lat;
      for (int64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const absl::Time a = absl::Now();
        const grpc::Status s = op(t, i);
        if (s.ok()) {
          lat.push_back(absl::ToDoubleMilliseconds(absl::Now() - a));
        } else {
          tally->Error(absl::StrCat(s.error_code(), ": ", s.error_message()));
        }
      }
      tally->Merge(lat);
    });
  }
  const absl::Time until = absl::Now() + run;
  while (absl::Now() < until &&
         (external_stop == nullptr || !external_stop->load(std::memory_order_relaxed))) {
    absl::SleepFor(std::min(absl::Milliseconds(50), until - absl::Now()));
  }
  stop = true;
  for (auto& w : workers) w.join();
  return absl::Now() - start;
}

// The server's resident memory, once a second.
struct MemorySample {
  double t = 0;  // seconds since the sampler started
  double rss_mb = 0;
  double anon_mb = 0;
  std::string phase;
};

class MemorySampler {
 public:
  explicit MemorySampler(pid_t pid) : pid_(pid), start_(absl::Now()) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~MemorySampler() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  void SetPhase(absl::string_view phase) {
    std::lock_guard<std::mutex> l(mu_);
    phase_ = std::string(phase);
  }
  std::vector<MemorySample> Samples() {
    std::lock_guard<std::mutex> l(mu_);
    return samples_;
  }
  std::optional<MemorySample> Now() {
    std::ifstream in(absl::StrCat("/proc/", pid_, "/status"));
    if (!in) return std::nullopt;
    MemorySample s;
    std::string line;
    while (std::getline(in, line)) {
      double kb = 0;
      if (line.rfind("VmRSS:", 0) == 0 && std::sscanf(line.c_str() + 6, "%lf", &kb) == 1) {
        s.rss_mb = kb / 1024;
      } else if (line.rfind("RssAnon:", 0) == 0 &&
                 std::sscanf(line.c_str() + 8, "%lf", &kb) == 1) {
        s.anon_mb = kb / 1024;
      }
    }
    s.t = absl::ToDoubleSeconds(absl::Now() - start_);
    return s;
  }

 private:
  void Loop() {
    while (!stop_) {
      std::optional<MemorySample> s = Now();
      if (s) {
        std::lock_guard<std::mutex> l(mu_);
        s->phase = phase_;
        samples_.push_back(*s);
      }
      for (int i = 0; i < 20 && !stop_; ++i) absl::SleepFor(absl::Milliseconds(50));
    }
  }

  pid_t pid_;
  absl::Time start_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::string phase_ = "setup";
  std::vector<MemorySample> samples_;
  std::thread thread_;
};

// ---------------------------------------------------------------------------------------------
// The server and its clients.

std::map<std::string, std::string> DemoPasswords(const std::string& data_dir) {
  std::map<std::string, std::string> out;
  std::ifstream in(data_dir + "/demo-accounts.txt");
  std::string user, pw, role;
  while (in >> user >> pw >> role) out[user] = pw;
  return out;
}

void Prepare(grpc::ClientContext* ctx, const std::string& token,
             absl::Duration deadline = absl::Seconds(30)) {
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  ctx->AddMetadata("authorization", absl::StrCat("Bearer ", token));
}

std::string Describe(const grpc::Status& s) {
  return absl::StrCat("gRPC status ", s.error_code(), ": ", s.error_message());
}

// Monday of this week (today when it is Monday) in Europe/Amsterdam, as YYYY-MM-DD.
absl::CivilDay ThisMonday() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &zone)) zone = absl::UTCTimeZone();
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), zone);
  while (absl::GetWeekday(day) != absl::Weekday::monday) --day;
  return day;
}

std::string DayString(absl::CivilDay d) { return absl::FormatCivilTime(d); }

void ToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t us = absl::ToUnixMicros(t);
  out->set_seconds(us / 1000000);
  out->set_nanos(static_cast<int32_t>((us % 1000000) * 1000));
}

// Client send time embedded in an appended entry's text, so a watcher sees its delivery time.
std::string EntryText(int thread, int64_t i) {
  return absl::StrCat("Belastingproef: melding ", thread, "-", i,
                      " over de opvang in Heumensoord; volgende overleg 14:00. t=",
                      absl::ToUnixMicros(absl::Now()));
}

std::optional<int64_t> SentMicros(const std::string& text) {
  const size_t at = text.rfind(" t=");
  int64_t us = 0;
  if (at == std::string::npos || !absl::SimpleAtoi(text.substr(at + 3), &us)) return std::nullopt;
  return us;
}

// One watcher: a WatchCrisis stream on its own thread; every sequence number must arrive once
// and in order. Resumes after an error (which is counted) from the last sequence received.
class Watcher {
 public:
  Watcher(std::shared_ptr<grpc::Channel> channel, std::string token, int64_t crisis)
      : stub_(v1::CrisisStreamService::NewStub(std::move(channel))),
        token_(std::move(token)),
        crisis_(crisis) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~Watcher() { Stop(); }

  void Stop() {
    stopping_ = true;
    {
      std::lock_guard<std::mutex> l(mu_);
      if (ctx_ != nullptr) ctx_->TryCancel();
    }
    if (thread_.joinable()) thread_.join();
  }
  int64_t last_seq() const { return last_seq_.load(); }
  int64_t received() const { return received_.load(); }
  int64_t errors() const { return errors_.load(); }
  std::vector<std::string> messages() {
    std::lock_guard<std::mutex> l(mu_);
    return messages_;
  }
  std::vector<double>& latencies() { return latencies_; }  // after Stop()

 private:
  void Error(const std::string& what) {
    ++errors_;
    std::lock_guard<std::mutex> l(mu_);
    if (messages_.size() < 5) messages_.push_back(what);
  }

  void Loop() {
    while (!stopping_) {
      auto ctx = std::make_unique<grpc::ClientContext>();
      ctx->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
      {
        std::lock_guard<std::mutex> l(mu_);
        ctx_ = ctx.get();
        if (stopping_) break;
      }
      v1::WatchCrisisRequest req;
      req.set_crisis(crisis_);
      req.set_after_seq(last_seq_.load());
      std::unique_ptr<grpc::ClientReader<v1::WatchCrisisResponse>> reader =
          stub_->WatchCrisis(ctx.get(), req);
      v1::WatchCrisisResponse msg;
      while (reader->Read(&msg)) {
        const v1::Entry& e = msg.entry();
        const int64_t expected = last_seq_.load() + 1;
        if (e.seq() != expected) {
          Error(absl::StrCat("expected entry ", expected, ", received ", e.seq()));
        }
        if (e.seq() > last_seq_.load()) last_seq_ = e.seq();
        ++received_;
        if (std::optional<int64_t> sent = SentMicros(e.text())) {
          latencies_.push_back(static_cast<double>(absl::ToUnixMicros(absl::Now()) - *sent) /
                               1000.0);
        }
      }
      const grpc::Status s = reader->Finish();
      {
        std::lock_guard<std::mutex> l(mu_);
        ctx_ = nullptr;
      }
      if (stopping_ && s.error_code() == grpc::StatusCode::CANCELLED) break;
      Error(absl::StrCat("stream ended: ", Describe(s)));
      if (!stopping_) absl::SleepFor(absl::Milliseconds(100));
    }
  }

  std::unique_ptr<v1::CrisisStreamService::Stub> stub_;
  std::string token_;
  int64_t crisis_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> last_seq_{0};
  std::atomic<int64_t> received_{0};
  std::atomic<int64_t> errors_{0};
  std::mutex mu_;
  grpc::ClientContext* ctx_ = nullptr;
  std::vector<std::string> messages_;
  std::vector<double> latencies_;
  std::thread thread_;
};

// ---------------------------------------------------------------------------------------------

struct Server {
  std::string dir;
  std::unique_ptr<BackgroundProcess> process;
  std::string address;
  std::map<std::string, std::string> tokens;  // user -> session token
};

absl::Status Fail(absl::string_view what) { return absl::InternalError(what); }

absl::Status StartServer(const Options& o, Server* s) {
  const std::string data = s->dir + "/data";
  ProcessResult init = RunProcess({o.server, "init", "--data-dir", data, "--demo"}, {}, "",
                                  absl::Seconds(120));
  if (init.exit_code != 0) return Fail(absl::StrCat("paraat-server init --demo: ", init.err));
  const std::map<std::string, std::string> passwords = DemoPasswords(data);
  s->process = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{o.server, "--data-dir", data, "--listen", "127.0.0.1:0"},
      std::map<std::string, std::string>{}, s->dir);
  if (s->process->pid() <= 0) return Fail(absl::StrCat("cannot start ", o.server));
  if (!s->process->WaitForOutput("listening on ", absl::Seconds(30))) {
    return Fail(absl::StrCat("paraat-server did not start: ", s->process->Stderr()));
  }
  const std::string out = s->process->Stdout();
  const size_t at = out.find("listening on ") + 13;
  s->address = out.substr(at, out.find('\n', at) - at);
  auto auth = v1::AuthService::NewStub(OwnChannel(s->address));
  for (const char* user : {"officer", "coordinator", "administrator"}) {
    auto it = passwords.find(user);
    if (it == passwords.end()) return Fail(absl::StrCat("no demo password for ", user));
    v1::LoginRequest req;
    req.set_username(user);
    req.set_password(it->second);
    v1::LoginResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    const grpc::Status st = auth->Login(&ctx, req, &resp);
    if (!st.ok()) return Fail(absl::StrCat("login ", user, ": ", Describe(st)));
    s->tokens[user] = resp.token();
  }
  return absl::OkStatus();
}

// The demo's roster: the solver from this Monday for 8 weeks, published four weeks ahead.
absl::Status FillRoster(const Server& s) {
  auto roster = v1::RosterService::NewStub(OwnChannel(s.address));
  const absl::CivilDay monday = ThisMonday();
  {
    v1::GenerateRosterRequest req;
    req.set_from_date(DayString(monday));
    req.set_weeks(8);
    req.set_time_budget_seconds(20);
    v1::GenerateRosterResponse resp;
    grpc::ClientContext ctx;
    Prepare(&ctx, s.tokens.at("administrator"), absl::Seconds(90));
    const grpc::Status st = roster->GenerateRoster(&ctx, req, &resp);
    if (!st.ok()) return Fail(absl::StrCat("GenerateRoster: ", Describe(st)));
    std::printf("Roster: generated from %s for 8 weeks: %s, %d duties, %.2f s\n",
                DayString(monday).c_str(), resp.status().c_str(), resp.shifts_size(),
                resp.seconds());
  }
  for (const char* pool : {"west", "oost"}) {
    v1::PublishRosterRequest req;
    req.set_pool(pool);
    req.set_until_date(DayString(monday + 28));
    v1::PublishRosterResponse resp;
    grpc::ClientContext ctx;
    Prepare(&ctx, s.tokens.at("administrator"));
    const grpc::Status st = roster->PublishRoster(&ctx, req, &resp);
    if (!st.ok()) return Fail(absl::StrCat("PublishRoster ", pool, ": ", Describe(st)));
  }
  v1::GetOnCallResponse resp;
  grpc::ClientContext ctx;
  Prepare(&ctx, s.tokens.at("officer"));
  const grpc::Status st = roster->GetOnCall(&ctx, v1::GetOnCallRequest(), &resp);
  if (!st.ok()) return Fail(absl::StrCat("GetOnCall: ", Describe(st)));
  for (const v1::PoolOnCall& p : resp.pools()) {
    std::printf("  on duty now in %s: %s\n", p.pool_name().c_str(),
                p.has_current() ? p.current().person().name().c_str() : "nobody (gap)");
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> OpenLoadCrisis(const Server& s) {
  auto crises = v1::CrisisService::NewStub(OwnChannel(s.address));
  v1::OpenCrisisRequest req;
  req.set_title("Belastingproef");
  req.set_type("oefening");
  req.add_municipalities("wijchen");
  req.set_grip("1");
  req.set_text("Oefening: de server onder belasting.");
  req.set_idempotency_key("load-open");
  v1::OpenCrisisResponse resp;
  grpc::ClientContext ctx;
  Prepare(&ctx, s.tokens.at("coordinator"));
  const grpc::Status st = crises->OpenCrisis(&ctx, req, &resp);
  if (!st.ok()) return Fail(absl::StrCat("OpenCrisis: ", Describe(st)));
  return resp.crisis().id();
}

// ---------------------------------------------------------------------------------------------

void PrintTally(absl::string_view name, const Tally& t, absl::Duration elapsed) {
  const double secs = absl::ToDoubleSeconds(elapsed);
  std::printf("  %-44s %10.0f /s  p50 %7.2f ms  p99 %7.2f ms  ok %8lld  errors %lld\n",
              std::string(name).c_str(), static_cast<double>(t.ok()) / secs, t.p(0.5), t.p(0.99),
              static_cast<long long>(t.ok()), static_cast<long long>(t.errors()));
  for (const std::string& m : t.messages()) std::printf("      error: %s\n", m.c_str());
}

int Main(int argc, char** argv) {
  Options o;
  if (!ParseFlags(argc, argv, &o)) return 2;
  ::signal(SIGPIPE, SIG_IGN);
  const absl::Duration budget =
      absl::Seconds(o.seconds + 3 * o.compare_seconds + 240);  // setup, solver, shutdown
  Server server;
  server.dir = MakeTempDir("load");
  if (server.dir.empty()) {
    std::perror("mkdtemp");
    return 1;
  }
  std::printf("paraat_load: %s, data in %s\n", o.server.c_str(), server.dir.c_str());
  std::fflush(stdout);

  // The watchdog: a hung phase must not outlive the budget, nor leave a server behind.
  std::atomic<pid_t> server_pid{0};
  std::thread([budget, &server_pid] {
    absl::SleepFor(budget);
    std::fprintf(stderr, "paraat_load: over the time budget of %s; killing the server\n",
                 absl::FormatDuration(budget).c_str());
    if (server_pid.load() > 0) ::kill(server_pid.load(), SIGKILL);
    std::_Exit(4);
  }).detach();

  int exit_code = 0;
  auto cleanup = [&] {
    if (server.process != nullptr && server.process->running()) {
      server.process->Signal(SIGTERM);
      const int code = server.process->Wait(absl::Seconds(20));
      if (code != 0) {
        std::printf("paraat-server exited with %d on SIGTERM; its log ends:\n%s\n", code,
                    server.process->Stderr().substr(
                        server.process->Stderr().size() -
                        std::min<size_t>(2000, server.process->Stderr().size())).c_str());
        if (exit_code == 0) exit_code = 3;
      }
    }
    server.process.reset();  // SIGKILL if it is still there
    std::error_code ec;
    if (!o.keep) std::filesystem::remove_all(server.dir, ec);
  };

  if (absl::Status st = StartServer(o, &server); !st.ok()) {
    std::fprintf(stderr, "paraat_load: %s\n", std::string(st.message()).c_str());
    cleanup();
    return 1;
  }
  server_pid = server.process->pid();
  std::printf("paraat-server pid %d on %s\n", server_pid.load(), server.address.c_str());
  MemorySampler memory(server_pid.load());
  if (absl::Status st = FillRoster(server); !st.ok()) {
    std::fprintf(stderr, "paraat_load: %s\n", std::string(st.message()).c_str());
    cleanup();
    return 1;
  }
  absl::StatusOr<int64_t> crisis = OpenLoadCrisis(server);
  if (!crisis.ok()) {
    std::fprintf(stderr, "paraat_load: %s\n", std::string(crisis.status().message()).c_str());
    cleanup();
    return 1;
  }

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < o.channels; ++i) channels.push_back(OwnChannel(server.address));
  const int max_threads = std::max({o.clients, o.oncall_threads, o.roster_threads,
                                    o.append_threads, 1});
  std::vector<std::unique_ptr<v1::RosterService::Stub>> roster;
  std::vector<std::unique_ptr<v1::ServerService::Stub>> ping;
  std::vector<std::unique_ptr<v1::CrisisService::Stub>> crises;
  for (int i = 0; i < max_threads; ++i) {
    roster.push_back(v1::RosterService::NewStub(channels[i % channels.size()]));
    ping.push_back(v1::ServerService::NewStub(channels[i % channels.size()]));
    crises.push_back(v1::CrisisService::NewStub(channels[(i + 1) % channels.size()]));
  }
  const std::string& officer = server.tokens.at("officer");
  const std::string& coordinator = server.tokens.at("coordinator");
  auto do_ping = [&](int t, int64_t) {
    grpc::ClientContext ctx;
    Prepare(&ctx, officer);
    v1::PingResponse resp;
    return ping[t]->Ping(&ctx, v1::PingRequest(), &resp);
  };
  auto do_oncall = [&](int t, int64_t) {
    grpc::ClientContext ctx;
    Prepare(&ctx, officer);
    v1::GetOnCallResponse resp;
    grpc::Status s = roster[t]->GetOnCall(&ctx, v1::GetOnCallRequest(), &resp);
    if (s.ok() && resp.pools_size() != 2) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "GetOnCall did not return both pools");
    }
    return s;
  };

  // 1. Who is on duty against the empty handler: one client (server time), then N clients.
  //    Ping and GetOnCall alternate (A B B A) so a drift of the machine hits both alike.
  int64_t total_errors = 0;
  memory.SetPhase("compare");
  std::printf("\nWho is on duty (GetOnCall) against the empty unary handler (Ping)\n");
  {
    Tally warm;  // connections, sessions, caches
    Drive(o.clients, absl::Seconds(1), &warm, do_ping);
    total_errors += warm.errors();
  }
  struct Pair {
    Tally ping, oncall;
    absl::Duration ping_time, oncall_time;
  };
  auto compare = [&](int clients, absl::Duration slice) {
    auto pair = std::make_unique<Pair>();
    Tally warm;
    Drive(clients, absl::Milliseconds(500), &warm, do_oncall);
    pair->ping_time += Drive(clients, slice, &pair->ping, do_ping);
    pair->oncall_time += Drive(clients, slice, &pair->oncall, do_oncall);
    pair->oncall_time += Drive(clients, slice, &pair->oncall, do_oncall);
    pair->ping_time += Drive(clients, slice, &pair->ping, do_ping);
    total_errors += warm.errors();
    return pair;
  };
  const auto single = compare(1, absl::Milliseconds(std::max(500, o.compare_seconds * 250)));
  PrintTally("Ping, 1 client", single->ping, single->ping_time);
  PrintTally("GetOnCall, 1 client", single->oncall, single->oncall_time);
  const auto many = compare(o.clients, absl::Milliseconds(o.compare_seconds * 500));
  PrintTally(absl::StrCat("Ping, ", o.clients, " clients"), many->ping, many->ping_time);
  PrintTally(absl::StrCat("GetOnCall, ", o.clients, " clients"), many->oncall, many->oncall_time);
  for (const Pair* p : {single.get(), many.get()}) total_errors += p->ping.errors() + p->oncall.errors();
  const double ping_qps =
      static_cast<double>(many->ping.ok()) / absl::ToDoubleSeconds(many->ping_time);
  const double oncall_qps =
      static_cast<double>(many->oncall.ok()) / absl::ToDoubleSeconds(many->oncall_time);
  const double server_ms = single->oncall.p(0.5) - single->ping.p(0.5);
  std::fflush(stdout);

  // 2. The mix.
  memory.SetPhase("mix");
  std::printf("\nThe mix for %d s: %d who-is-on-duty, %d roster, %d append threads, %d watchers, "
              "%d channels\n",
              o.seconds, o.oncall_threads, o.roster_threads, o.append_threads, o.watchers,
              o.channels);
  std::fflush(stdout);
  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int w = 0; w < o.watchers; ++w) {
    watchers.push_back(std::make_unique<Watcher>(channels[w % channels.size()],
                                                 officer, *crisis));
  }
  // Every watcher has the opening entry before the load starts.
  for (const absl::Time until = absl::Now() + absl::Seconds(20); absl::Now() < until;) {
    if (std::all_of(watchers.begin(), watchers.end(),
                    [](const auto& w) { return w->last_seq() >= 1; })) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  const size_t mix_first_sample = memory.Samples().size();
  Tally oncall_mix, roster_mix, append_mix;
  std::atomic<int64_t> last_acked{1};
  absl::Duration oncall_time, roster_time, append_time;
  {
    std::vector<std::thread> kinds;
    const absl::Duration run = absl::Seconds(o.seconds);
    kinds.emplace_back([&] { oncall_time = Drive(o.oncall_threads, run, &oncall_mix, do_oncall); });
    kinds.emplace_back([&] {
      roster_time = Drive(o.roster_threads, run, &roster_mix, [&](int t, int64_t i) {
        v1::GetScheduleRequest req;
        req.set_pool((t + i) % 2 == 0 ? "west" : "oost");
        const absl::Time now = absl::Now();
        ToProto(now - absl::Hours(24 * 7), req.mutable_from());
        ToProto(now + absl::Hours(24 * 56), req.mutable_to());
        grpc::ClientContext ctx;
        Prepare(&ctx, officer);
        v1::GetScheduleResponse resp;
        grpc::Status s = roster[t]->GetSchedule(&ctx, req, &resp);
        if (s.ok() && resp.slices_size() == 0) {
          return grpc::Status(grpc::StatusCode::INTERNAL, "GetSchedule returned no duties");
        }
        return s;
      });
    });
    kinds.emplace_back([&] {
      append_time = Drive(o.append_threads, run, &append_mix, [&](int t, int64_t i) {
        v1::AppendEntryRequest req;
        req.set_crisis(*crisis);
        req.set_kind(v1::ENTRY_KIND_MESSAGE);
        req.set_idempotency_key(absl::StrCat("load-", t, "-", i));
        req.set_text(EntryText(t, i));
        grpc::ClientContext ctx;
        Prepare(&ctx, coordinator);
        v1::AppendEntryResponse resp;
        grpc::Status s = crises[t]->AppendEntry(&ctx, req, &resp);
        if (s.ok()) {
          int64_t seen = last_acked.load();
          while (resp.entry().seq() > seen && !last_acked.compare_exchange_weak(seen, resp.entry().seq())) {
          }
        }
        return s;
      });
    });
    for (auto& k : kinds) k.join();
  }
  const size_t mix_last_sample = memory.Samples().size();
  // The watchers catch up with the last acknowledged entry, then stop.
  const absl::Time catch_up_start = absl::Now();
  for (const absl::Time until = absl::Now() + absl::Seconds(30); absl::Now() < until;) {
    if (std::all_of(watchers.begin(), watchers.end(),
                    [&](const auto& w) { return w->last_seq() >= last_acked.load(); })) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  const double catch_up_ms = absl::ToDoubleMilliseconds(absl::Now() - catch_up_start);
  Tally deliveries;
  int64_t watcher_errors = 0, behind = 0, received = 0;
  std::vector<std::string> watcher_messages;
  for (auto& w : watchers) {
    w->Stop();
    deliveries.Merge(w->latencies());
    watcher_errors += w->errors();
    received += w->received();
    if (w->last_seq() < last_acked.load()) ++behind;
    for (const std::string& m : w->messages()) {
      if (watcher_messages.size() < 5) watcher_messages.push_back(m);
    }
  }
  if (behind > 0) {
    watcher_errors += behind;
    watcher_messages.push_back(absl::StrCat(behind, " watcher(s) never received entry ",
                                            last_acked.load()));
  }
  memory.SetPhase("idle");
  PrintTally("who-is-on-duty reads (GetOnCall)", oncall_mix, oncall_time);
  PrintTally("roster reads (GetSchedule, 9 weeks)", roster_mix, roster_time);
  PrintTally("crisis appends (AppendEntry)", append_mix, append_time);
  std::printf("  %-44s %10.0f /s  p50 %7.2f ms  p99 %7.2f ms  received %lld  errors %lld\n",
              "watcher deliveries (send to receipt)",
              static_cast<double>(received) / absl::ToDoubleSeconds(append_time),
              deliveries.p(0.5), deliveries.p(0.99), static_cast<long long>(received),
              static_cast<long long>(watcher_errors));
  for (const std::string& m : watcher_messages) std::printf("      error: %s\n", m.c_str());
  std::printf("  watchers caught up with entry %lld %.0f ms after the load stopped\n",
              static_cast<long long>(last_acked.load()), catch_up_ms);
  total_errors += oncall_mix.errors() + roster_mix.errors() + append_mix.errors() + watcher_errors;

  // Memory: the timeline, and growth over the second half of the mix against the first.
  absl::SleepFor(absl::Seconds(1));
  memory.Stop();
  const std::vector<MemorySample> samples = memory.Samples();
  std::printf("\nServer memory (VmRSS / RssAnon, MB), once a second:\n");
  std::string line;
  for (size_t i = 0; i < samples.size(); ++i) {
    if (i == 0 || samples[i].phase != samples[i - 1].phase) {
      if (!line.empty()) std::printf("%s\n", line.c_str());
      line = absl::StrFormat("  %-8s", samples[i].phase);
    } else if (line.size() > 90) {
      std::printf("%s\n", line.c_str());
      line = absl::StrFormat("  %-8s", "");
    }
    absl::StrAppendFormat(&line, " %.0fs %.1f/%.1f", samples[i].t, samples[i].rss_mb,
                          samples[i].anon_mb);
  }
  if (!line.empty()) std::printf("%s\n", line.c_str());
  double rss_start = 0, rss_mid = 0, rss_end = 0, rss_peak = 0;
  if (mix_last_sample > mix_first_sample + 2 && mix_last_sample <= samples.size()) {
    const size_t a = mix_first_sample, b = mix_last_sample - 1, m = (a + b) / 2;
    rss_start = samples[a].rss_mb;
    rss_mid = samples[m].rss_mb;
    rss_end = samples[b].rss_mb;
    for (size_t i = a; i <= b; ++i) rss_peak = std::max(rss_peak, samples[i].rss_mb);
  }
  const double growth_first = rss_mid - rss_start;
  const double growth_second = rss_end - rss_mid;
  const double growth_second_pct = rss_mid > 0 ? 100.0 * growth_second / rss_mid : 0;
  std::printf("  mix: %.1f MB at the start, %.1f MB halfway, %.1f MB at the end (peak %.1f MB); "
              "growth %.1f MB in the first half, %.1f MB (%.1f%%) in the second\n",
              rss_start, rss_mid, rss_end, rss_peak, growth_first, growth_second,
              growth_second_pct);

  std::printf("\nFigures\n");
  const std::string n = absl::StrCat(o.clients, " clients");
  Figure({.area = std::string(kArea),
          .figure = absl::StrCat("who-is-on-duty QPS (GetOnCall, ", n, ")"),
          .value = oncall_qps,
          .unit = "QPS",
          .baseline = absl::StrCat("empty handler Ping, ", n),
          .baseline_value = ping_qps,
          .ratio = Ratio(oncall_qps, ping_qps),
          .goal = ">= 0.8",
          .met = Ratio(oncall_qps, ping_qps).value_or(0) >= 0.8});
  Figure({.area = std::string(kArea),
          .figure = "who-is-on-duty server time (GetOnCall p50 - Ping p50, 1 client)",
          .value = server_ms,
          .unit = "ms",
          .baseline = "Ping p50 latency, 1 client",
          .baseline_value = single->ping.p(0.5),
          .ratio = Ratio(single->oncall.p(0.5), single->ping.p(0.5)),
          .goal = "< 1 ms",
          .met = server_ms < 1.0});
  const std::string mix = absl::StrCat("mix (", o.seconds, " s)");
  auto mix_figures = [&](absl::string_view kind, const Tally& t, absl::Duration elapsed) {
    Figure({.area = std::string(kArea),
            .figure = absl::StrCat(mix, ": ", kind, " throughput"),
            .value = static_cast<double>(t.ok()) / absl::ToDoubleSeconds(elapsed),
            .unit = "/s"});
    Figure({.area = std::string(kArea),
            .figure = absl::StrCat(mix, ": ", kind, " p50"),
            .value = t.p(0.5),
            .unit = "ms"});
    Figure({.area = std::string(kArea),
            .figure = absl::StrCat(mix, ": ", kind, " p99"),
            .value = t.p(0.99),
            .unit = "ms"});
  };
  mix_figures(absl::StrCat("who-is-on-duty reads, ", o.oncall_threads, " threads"), oncall_mix,
              oncall_time);
  mix_figures(absl::StrCat("roster reads, ", o.roster_threads, " threads"), roster_mix,
              roster_time);
  mix_figures(absl::StrCat("crisis appends, ", o.append_threads, " threads"), append_mix,
              append_time);
  Figure({.area = std::string(kArea),
          .figure = absl::StrCat(mix, ": entries delivered to ", o.watchers, " watchers"),
          .value = static_cast<double>(received) / absl::ToDoubleSeconds(append_time),
          .unit = "/s"});
  Figure({.area = std::string(kArea),
          .figure = absl::StrCat(mix, ": append to watcher receipt p99"),
          .value = deliveries.p(0.99),
          .unit = "ms"});
  Figure({.area = std::string(kArea),
          .figure = absl::StrCat(mix, ": errors (all kinds, watchers included)"),
          .value = static_cast<double>(total_errors),
          .unit = "",
          .goal = "= 0",
          .met = total_errors == 0});
  Figure({.area = std::string(kArea),
          .figure = absl::StrCat(mix, ": server RSS at the end"),
          .value = rss_end,
          .unit = "MB"});
  Figure({.area = std::string(kArea),
          .figure = absl::StrCat(mix, ": server RSS growth, second half"),
          .value = growth_second,
          .unit = "MB",
          .baseline = "growth in the first half",
          .baseline_value = growth_first,
          .ratio = Ratio(growth_second, growth_first),
          .goal = "< 5% of RSS",
          .met = growth_second_pct < 5.0});

  if (total_errors > 0) exit_code = 3;
  cleanup();
  std::printf("paraat_load: %s\n", exit_code == 0 ? "done" : "FAILED: calls failed");
  return exit_code;
}

}  // namespace
}  // namespace paraat::bench

int main(int argc, char** argv) { return paraat::bench::Main(argc, argv); }
