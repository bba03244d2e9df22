// SPDX-License-Identifier: EUPL-1.2
// Live fan-out of a crisis log: one append to 1,000 WatchCrisis streams over loopback (a few
// client channels), the time until the last subscriber has it (p50/p99; goal p99 < 50 ms), and
// the server's memory per idle subscriber (goal < 75 KB).
//
// The server runs in this process; the 1,000 subscribers run in a child process (this binary
// with --child), so the server's VmRSS (/proc/self/status) before and after opening them
// counts only the server's side of the streams. For comparison it also opens 1,000 streams
// in-process, where the growth is the server's and the clients' together.
// Prints a table; never fails on time. Usage: paraat_crisis_fanout_bench [--subscribers N]
// [--rounds R]
#include <grpcpp/create_channel.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis_stream.grpc.pb.h"
#include "server/app/app.h"
#include "server/service/crisis_stream.h"
#include "server/storage/crisis_store.h"

extern char** environ;

#include "tests/bench/support/figures.h"

#include "tests/bench/support/bench_util.h"
namespace paraat::bench {
namespace {

int64_t RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      int64_t kb = 0;
      std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
      if (parts.size() >= 2 && absl::SimpleAtoi(parts[1], &kb)) return kb;
    }
  }
  return 0;
}

// Counts, per sequence number, how many subscribers have it and when the first and the last
// got it; `on_all` runs once every subscriber has an entry.
class Collector {
 public:
  Collector(int subscribers, std::function<void(int64_t, absl::Time, absl::Time)> on_all)
      : subscribers_(subscribers), on_all_(std::move(on_all)) {}
  void Got(int64_t seq) {
    const absl::Time now = absl::Now();
    std::lock_guard<std::mutex> lock(mu_);
    Seen& s = seen_[seq];
    if (s.count == 0) s.first = now;
    s.last = now;
    if (++s.count == subscribers_) {
      on_all_(seq, s.first, s.last);
      seen_.erase(seq);
    }
  }

 private:
  struct Seen {
    int count = 0;
    absl::Time first, last;
  };
  const int subscribers_;
  std::function<void(int64_t, absl::Time, absl::Time)> on_all_;
  std::mutex mu_;
  std::map<int64_t, Seen> seen_;
};

class Watcher final : public grpc::ClientReadReactor<v1::WatchCrisisResponse> {
 public:
  Watcher(v1::CrisisStreamService::Stub* stub, const std::string& token, int64_t crisis,
          int64_t after, Collector* collector)
      : collector_(collector) {
    ctx_.AddMetadata("authorization", "Bearer " + token);
    req_.set_crisis(crisis);
    req_.set_after_seq(after);
    stub->async()->WatchCrisis(&ctx_, &req_, this);
    StartRead(&resp_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;
    if (collector_ != nullptr) collector_->Got(resp_.entry().seq());
    StartRead(&resp_);
  }
  void OnDone(const grpc::Status& s) override {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = s;
    done_ = true;
    cv_.notify_all();
  }
  void Cancel() { ctx_.TryCancel(); }
  grpc::Status Await() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return done_; });
    return status_;
  }

 private:
  Collector* collector_;
  grpc::ClientContext ctx_;
  v1::WatchCrisisRequest req_;
  v1::WatchCrisisResponse resp_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  grpc::Status status_;
};

// The child: opens the streams, reports every entry all of them have, answers MEM, and ends
// them all at EOF on stdin.
int Child(const std::string& address, const std::string& token, int64_t crisis, int64_t after,
          int subscribers, int channels) {
  std::mutex out_mu;
  auto say = [&](const std::string& line) {
    std::lock_guard<std::mutex> lock(out_mu);
    std::cout << line << std::endl;
  };
  Collector collector(subscribers, [&](int64_t seq, absl::Time first, absl::Time last) {
    say(absl::StrCat("ALL ", seq, " ", absl::ToUnixNanos(first), " ", absl::ToUnixNanos(last)));
  });
  const int64_t rss0 = RssKb();
  std::vector<std::unique_ptr<v1::CrisisStreamService::Stub>> stubs;
  for (int i = 0; i < channels; ++i) {
    stubs.push_back(v1::CrisisStreamService::NewStub(OwnChannel(address)));
  }
  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int i = 0; i < subscribers; ++i) {
    watchers.push_back(std::make_unique<Watcher>(stubs[i % channels].get(), token, crisis, after,
                                                 &collector));
  }
  say("OPEN");
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line == "MEM") say(absl::StrCat("MEM ", RssKb() - rss0));
  }
  for (auto& w : watchers) w->Cancel();
  for (auto& w : watchers) w->Await();
  return 0;
}

bool Eventually(const std::function<bool()>& done, absl::Duration limit) {
  const absl::Time deadline = absl::Now() + limit;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return true;
}

int Main(int argc, char** argv) {
  // As paraat-server does: Debian's abseil leaves absl::Mutex's deadlock detector on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  int subscribers = 1000;
  int rounds = 100;
  for (int i = 1; i + 1 < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--subscribers") (void)absl::SimpleAtoi(argv[i + 1], &subscribers);
    if (flag == "--rounds") (void)absl::SimpleAtoi(argv[i + 1], &rounds);
  }
  if (argc >= 8 && std::string(argv[1]) == "--child") {
    int64_t crisis = 0, after = 0;
    int n = 0, channels = 0;
    if (!absl::SimpleAtoi(argv[4], &crisis) || !absl::SimpleAtoi(argv[5], &after) ||
        !absl::SimpleAtoi(argv[6], &n) || !absl::SimpleAtoi(argv[7], &channels)) {
      return 2;
    }
    return Child(argv[2], argv[3], crisis, after, n, channels);
  }
  constexpr int kChannels = 4;
  const char* base = std::getenv("TMPDIR");
  std::string dir = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/paraat-bench-XXXXXX";
  if (::mkdtemp(dir.data()) == nullptr) return 1;
  Check(app::InitDataDir(dir, /*demo=*/true).status(), "init");
  app::ServerOptions o;
  o.data_dir = dir;
  o.listen = "127.0.0.1:0";
  auto server = app::App::Start(o);
  Check(server.status(), "start");
  app::App* a = server->get();
  service::CrisisHub* hub = a->hub();
  std::string token;
  {
    auto auth = v1::AuthService::NewStub(grpc::CreateChannel(a->address(), grpc::InsecureChannelCredentials()));
    v1::LoginRequest req;
    req.set_username("officer");
    req.set_password(DemoPassword(dir, "officer"));
    v1::LoginResponse resp;
    grpc::ClientContext ctx;
    if (!auth->Login(&ctx, req, &resp).ok()) return 1;
    token = resp.token();
  }
  const int64_t crisis = 1;
  const crisis::Author author{"coordinator", "Marieke Gerritsen"};
  int64_t size = a->crises()->GetCrisis(crisis)->entries;
  auto append = [&](const std::string& text) {
    crisis::AppendRequest r;
    r.crisis_id = crisis;
    r.kind = crisis::EntryKind::kMessage;
    r.text = text;
    r.idempotency_key = absl::StrCat("fan-", ++size);
    Check(a->crises()->Append(author, r, [](const crisis::Crisis&) { return absl::OkStatus(); }).status(),
          "append");
  };
  std::printf("Fan-out of a crisis log to %d live subscribers (%d client channels, loopback)\n\n",
              subscribers, kChannels);

  // Warm the server up with a few streams, so thread pools and caches exist before measuring.
  {
    auto stub = v1::CrisisStreamService::NewStub(OwnChannel(a->address()));
    std::vector<std::unique_ptr<Watcher>> warm;
    for (int i = 0; i < 20; ++i) warm.push_back(std::make_unique<Watcher>(stub.get(), token, crisis, 0, nullptr));
    Eventually([&] { return hub->subscribers() == 20; }, absl::Seconds(20));
    append("warm-up");
    absl::SleepFor(absl::Milliseconds(200));
    for (auto& w : warm) w->Cancel();
    for (auto& w : warm) w->Await();
    Eventually([&] { return hub->subscribers() == 0; }, absl::Seconds(20));
  }

  // The subscribers in a child process.
  int to_child[2], from_child[2];
  if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) return 1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<std::string> args = {self, "--child", a->address(), token, absl::StrCat(crisis),
                                   absl::StrCat(size), absl::StrCat(subscribers),
                                   absl::StrCat(kChannels)};
  std::vector<char*> cargv;
  for (auto& s : args) cargv.push_back(s.data());
  cargv.push_back(nullptr);
  absl::SleepFor(absl::Seconds(1));
  const int64_t rss_before = RssKb();
  pid_t child = 0;
  if (posix_spawn(&child, self.c_str(), &actions, nullptr, cargv.data(), environ) != 0) return 1;
  ::close(to_child[0]);
  ::close(from_child[1]);
  FILE* in = ::fdopen(from_child[0], "r");
  FILE* out = ::fdopen(to_child[1], "w");
  auto read_line = [&]() -> std::string {
    char buf[256];
    if (std::fgets(buf, sizeof(buf), in) == nullptr) return "";
    std::string s(buf);
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  };
  if (read_line() != "OPEN") return 1;
  const absl::Time open_start = absl::Now();
  if (!Eventually([&] { return hub->subscribers() == subscribers; }, absl::Seconds(120))) {
    std::fprintf(stderr, "only %lld of %d subscribed\n", static_cast<long long>(hub->subscribers()),
                 subscribers);
    return 1;
  }
  const absl::Duration open_took = absl::Now() - open_start;
  absl::SleepFor(absl::Seconds(1));
  const int64_t rss_idle = RssKb();
  std::fprintf(out, "MEM\n");
  std::fflush(out);
  std::string mem = read_line();
  int64_t child_kb = 0;
  (void)absl::SimpleAtoi(absl::StripPrefix(mem, "MEM "), &child_kb);

  // Rounds: one append, then wait until every subscriber has it. Round 0 is not counted: it
  // is the first entry each of the new streams sends (their buffers are allocated then).
  std::vector<double> last_ms, first_ms, ack_ms;
  for (int r = 0; r <= rounds; ++r) {
    const absl::Time t0 = absl::Now();
    append(absl::StrCat("Ronde ", r, ": nieuwe situatie"));
    ack_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - t0));
    const std::string line = read_line();
    std::vector<std::string> parts = absl::StrSplit(line, ' ');
    int64_t seq = 0, first_ns = 0, last_ns = 0;
    if (parts.size() != 4 || parts[0] != "ALL" || !absl::SimpleAtoi(parts[1], &seq) ||
        !absl::SimpleAtoi(parts[2], &first_ns) || !absl::SimpleAtoi(parts[3], &last_ns) ||
        seq != size) {
      std::fprintf(stderr, "unexpected from the subscribers: '%s' (expected entry %lld)\n",
                   line.c_str(), static_cast<long long>(size));
      return 1;
    }
    if (r == 0) {
      ack_ms.pop_back();
    } else {
      first_ms.push_back(absl::ToDoubleMilliseconds(absl::FromUnixNanos(first_ns) - t0));
      last_ms.push_back(absl::ToDoubleMilliseconds(absl::FromUnixNanos(last_ns) - t0));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  std::fclose(out);  // EOF: the child ends its streams
  int status = 0;
  ::waitpid(child, &status, 0);
  std::fclose(in);
  Eventually([&] { return hub->subscribers() == 0; }, absl::Seconds(30));

  // For comparison: the same number of idle streams opened in this process.
  int64_t both_kb = 0;
  {
    std::vector<std::unique_ptr<v1::CrisisStreamService::Stub>> stubs;
    for (int i = 0; i < kChannels; ++i) {
      stubs.push_back(v1::CrisisStreamService::NewStub(OwnChannel(a->address())));
    }
    absl::SleepFor(absl::Milliseconds(500));
    const int64_t before = RssKb();
    std::vector<std::unique_ptr<Watcher>> local;
    for (int i = 0; i < subscribers; ++i) {
      local.push_back(std::make_unique<Watcher>(stubs[i % kChannels].get(), token, crisis, size, nullptr));
    }
    Eventually([&] { return hub->subscribers() == subscribers; }, absl::Seconds(120));
    absl::SleepFor(absl::Seconds(1));
    both_kb = RssKb() - before;
    for (auto& w : local) w->Cancel();
    for (auto& w : local) w->Await();
  }

  const double per_sub = static_cast<double>(rss_idle - rss_before) / subscribers;
  std::printf("  %-56s %s\n", "opening the streams took",
              absl::FormatDuration(absl::Trunc(open_took, absl::Milliseconds(1))).c_str());
  std::printf("  %-56s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", "append acknowledged (durable commit)",
              Percentile(ack_ms, 0.5), Percentile(ack_ms, 0.99), Percentile(ack_ms, 1.0));
  std::printf("  %-56s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", "append -> first subscriber has it",
              Percentile(first_ms, 0.5), Percentile(first_ms, 0.99), Percentile(first_ms, 1.0));
  std::printf("  %-56s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (goal p99 < 50 ms; %d rounds)\n",
              absl::StrCat("append -> last of ", subscribers, " subscribers has it").c_str(),
              Percentile(last_ms, 0.5), Percentile(last_ms, 0.99), Percentile(last_ms, 1.0), rounds);
  std::printf("  %-56s %7.1f KB  (server VmRSS %lld -> %lld KB; goal < 75 KB)\n",
              "server memory per idle subscriber", per_sub, static_cast<long long>(rss_before),
              static_cast<long long>(rss_idle));
  std::printf("  %-56s %7.1f KB\n", "client process memory per stream (for reference)",
              static_cast<double>(child_kb) / subscribers);
  std::printf("  %-56s %7.1f KB\n", "server + client in one process, per stream (reference)",
              static_cast<double>(both_kb) / subscribers);
  Figure({.area = "crisis",
          .figure = absl::StrCat("one append to ", subscribers,
                                 " live subscribers: the last has it, p99"),
          .value = Percentile(last_ms, 0.99),
          .unit = "ms",
          .goal = "< 50 ms",
          .met = Percentile(last_ms, 0.99) < 50});
  Figure({.area = "crisis",
          .figure = "server memory per idle subscriber",
          .value = per_sub,
          .unit = "KB",
          .goal = "< 75 KB",
          .met = per_sub < 75});
  a->Shutdown(absl::Seconds(2));
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace
}  // namespace paraat::bench

int main(int argc, char** argv) { return paraat::bench::Main(argc, argv); }
