// SPDX-License-Identifier: EUPL-1.2
// Durable crisis log appends per second, measured against what the disk gives a plain SQLite
// table in the same run:
//   1. CrisisStore::Append on a real data directory with 1 and 64 concurrent appenders
//      (group commit, synchronous=FULL), against single-row synchronous=FULL commits of a plain
//      table (one INSERT per transaction) in the same directory. Goal: 64 appenders >= 10x.
//   2. The same through gRPC (AppendEntry) against the empty unary handler Ping at the same
//      concurrency. Goal: >= 0.5x.
// Prints a table; never fails on time. Usage: paraat_crisis_append_bench [--seconds N]
#include <grpcpp/create_channel.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/crisis/rules.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/server.grpc.pb.h"
#include "server/app/app.h"
#include "server/storage/crisis_store.h"
#include "server/storage/database.h"
#include "tests/bench/support/figures.h"

#include "tests/bench/support/bench_util.h"
namespace paraat::bench {
namespace {

absl::Duration g_run = absl::Seconds(3);

struct Run {
  int64_t ops = 0;
  int64_t errors = 0;
  absl::Duration elapsed;
  std::vector<double> latencies_ms;
  double rate() const { return static_cast<double>(ops) / absl::ToDoubleSeconds(elapsed); }
  double percentile(double p) const {
    if (latencies_ms.empty()) return 0;
    std::vector<double> v = latencies_ms;
    const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
  }
};

// Runs `op(thread, i)` in `threads` threads for g_run; counts the calls that succeed.
Run Measure(int threads, const std::function<bool(int thread, int64_t i)>& op) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> ops{0}, errors{0};
  std::vector<std::vector<double>> lat(threads);
  std::vector<std::thread> workers;
  const absl::Time start = absl::Now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const absl::Time a = absl::Now();
        if (op(t, i)) {
          ++ops;
          lat[t].push_back(absl::ToDoubleMilliseconds(absl::Now() - a));
        } else {
          ++errors;
        }
      }
    });
  }
  absl::SleepFor(g_run);
  stop = true;
  for (auto& w : workers) w.join();
  Run r;
  r.elapsed = absl::Now() - start;
  r.ops = ops;
  r.errors = errors;
  for (auto& v : lat) r.latencies_ms.insert(r.latencies_ms.end(), v.begin(), v.end());
  return r;
}

// The baseline: a plain table in its own file in the same directory, WAL and
// synchronous=FULL like Paraat's database, one INSERT per transaction, one writer.
Run PlainSqliteCommits(const std::string& dir) {
  sqlite3* db = nullptr;
  if (sqlite3_open((dir + "/baseline.db").c_str(), &db) != SQLITE_OK) std::exit(1);
  auto exec = [&](const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::fprintf(stderr, "baseline: %s: %s\n", sql, err);
      std::exit(1);
    }
  };
  exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
       "CREATE TABLE entry (id INTEGER PRIMARY KEY, crisis INTEGER NOT NULL, text TEXT NOT NULL)");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO entry (crisis, text) VALUES (2, ?)", -1, &ins, nullptr);
  const std::string text(200, 'x');
  Run r = Measure(1, [&](int, int64_t) {
    exec("BEGIN IMMEDIATE");
    sqlite3_bind_text(ins, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    const bool ok = sqlite3_step(ins) == SQLITE_DONE;
    sqlite3_reset(ins);
    exec("COMMIT");
    return ok;
  });
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return r;
}

std::string Batches(const storage::WriterStats& before, const storage::WriterStats& after) {
  const int64_t commits = after.commits - before.commits;
  const int64_t jobs = after.jobs - before.jobs;
  std::string hist;
  for (size_t i = 0; i < after.batch_histogram.size(); ++i) {
    const int64_t n = after.batch_histogram[i] - (i < before.batch_histogram.size() ? before.batch_histogram[i] : 0);
    if (n > 0) absl::StrAppend(&hist, hist.empty() ? "" : " ", "[", 1 << i, ",", 2 << i, "):", n);
  }
  return absl::StrFormat("%d jobs in %d commits, mean %.1f/commit, largest so far %d; %s", jobs,
                         commits, commits ? static_cast<double>(jobs) / commits : 0.0,
                         after.max_batch, hist);
}

void PrintRun(const std::string& name, const Run& r) {
  std::printf("  %-44s %10.0f /s  p50 %7.2f ms  p99 %7.2f ms  (%lld ok, %lld failed)\n",
              name.c_str(), r.rate(), r.percentile(0.5), r.percentile(0.99),
              static_cast<long long>(r.ops), static_cast<long long>(r.errors));
}

int Main(int argc, char** argv) {
  // As paraat-server does: Debian's abseil leaves absl::Mutex's deadlock detector on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  for (int i = 1; i + 1 < argc; ++i) {
    int s = 0;
    if (std::string(argv[i]) == "--seconds" && absl::SimpleAtoi(argv[i + 1], &s) && s > 0) {
      g_run = absl::Seconds(s);
    }
  }
  const std::string dir = MakeTempDir();
  std::printf("Crisis log appends, data directory %s, %s per measurement\n\n", dir.c_str(),
              absl::FormatDuration(g_run).c_str());
  Check(app::InitDataDir(dir, /*demo=*/true).status(), "init");
  const std::string text =
      "Situatie Heumensoord: 290 personen in de opvang, twee gezinnen met medische zorg; "
      "extra beveiliging 's nachts via de politie-basiseenheid. Volgende overleg 14:00.";
  const crisis::Author author{"coordinator", "Marieke Gerritsen"};

  // 1. The store.
  double store1 = 0, store64 = 0, baseline = 0;
  {
    auto db = storage::Database::Open(dir + "/paraat.db", storage::OpenMode::kExisting);
    Check(db.status(), "open");
    auto store = storage::NewSqliteCrisisStore(db->get());
    crisis::Crisis c;
    c.title = "Benchmark";
    c.type = "bench";
    c.municipalities = {"wijchen"};
    c.grip = "1";
    auto opened = store->OpenCrisis(author, c, "", std::nullopt, "bench-open");
    Check(opened.status(), "open crisis");
    const int64_t crisis_id = opened->first.id;
    std::printf("Store: CrisisStore::Append, acknowledged after the durable group commit\n");
    for (int threads : {1, 64}) {
      const storage::WriterStats before = (*db)->Stats();
      Run r = Measure(threads, [&](int t, int64_t i) {
        crisis::AppendRequest a;
        a.crisis_id = crisis_id;
        a.kind = crisis::EntryKind::kMessage;
        a.text = text;
        a.idempotency_key = absl::StrCat("s", threads, "-", t, "-", i);
        return store->Append(author, a, [](const crisis::Crisis&) { return absl::OkStatus(); }).ok();
      });
      PrintRun(absl::StrCat(threads, " appender", threads > 1 ? "s" : ""), r);
      std::printf("    writer: %s\n", Batches(before, (*db)->Stats()).c_str());
      (threads == 1 ? store1 : store64) = r.rate();
    }
    (*db)->Close();
    const Run base = PlainSqliteCommits(dir);
    PrintRun("baseline: single-row synchronous=FULL commits", base);
    baseline = base.rate();
    std::printf("  ratio 64 appenders / baseline: %.1fx (goal >= 10x); 1 appender / baseline: "
                "%.2fx\n\n",
                store64 / baseline, store1 / baseline);
  }

  // 2. Through gRPC, against the empty handler.
  double rpc_ratio1 = 0, rpc_ratio64 = 0, append_rpc64 = 0, ping64 = 0;
  {
    app::ServerOptions o;
    o.data_dir = dir;
    o.listen = "127.0.0.1:0";
    auto server = app::App::Start(o);
    Check(server.status(), "start");
    const std::string address = (*server)->address();
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    for (int i = 0; i < 8; ++i) channels.push_back(OwnChannel(address));
    std::string token;
    {
      auto auth = v1::AuthService::NewStub(channels[0]);
      v1::LoginRequest req;
      req.set_username("coordinator");
      req.set_password(DemoPassword(dir, "coordinator"));
      v1::LoginResponse resp;
      grpc::ClientContext ctx;
      grpc::Status s = auth->Login(&ctx, req, &resp);
      if (!s.ok()) {
        std::fprintf(stderr, "login: %s\n", s.error_message().c_str());
        return 1;
      }
      token = resp.token();
    }
    std::vector<std::unique_ptr<v1::CrisisService::Stub>> crisis_stubs;
    std::vector<std::unique_ptr<v1::ServerService::Stub>> server_stubs;
    for (int i = 0; i < 64; ++i) {
      crisis_stubs.push_back(v1::CrisisService::NewStub(channels[i % channels.size()]));
      server_stubs.push_back(v1::ServerService::NewStub(channels[i % channels.size()]));
    }
    auto context = [&](grpc::ClientContext& ctx) {
      ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
      ctx.AddMetadata("authorization", "Bearer " + token);
    };
    std::printf("gRPC over loopback: AppendEntry against the empty unary handler Ping\n");
    for (int threads : {1, 64}) {
      const Run ping = Measure(threads, [&](int t, int64_t) {
        grpc::ClientContext ctx;
        context(ctx);
        v1::PingResponse resp;
        return server_stubs[t]->Ping(&ctx, v1::PingRequest(), &resp).ok();
      });
      const storage::WriterStats before = (*server)->database()->Stats();
      const Run append = Measure(threads, [&](int t, int64_t i) {
        v1::AppendEntryRequest req;
        req.set_crisis(2);
        req.set_kind(v1::ENTRY_KIND_MESSAGE);
        req.set_text(text);
        req.set_idempotency_key(absl::StrCat("g", threads, "-", t, "-", i));
        grpc::ClientContext ctx;
        context(ctx);
        v1::AppendEntryResponse resp;
        return crisis_stubs[t]->AppendEntry(&ctx, req, &resp).ok();
      });
      PrintRun(absl::StrCat("Ping, ", threads, " client", threads > 1 ? "s" : ""), ping);
      PrintRun(absl::StrCat("AppendEntry, ", threads, " client", threads > 1 ? "s" : ""), append);
      std::printf("    writer: %s\n", Batches(before, (*server)->database()->Stats()).c_str());
      std::printf("    ratio AppendEntry / Ping: %.2fx (goal >= 0.5x)\n", append.rate() / ping.rate());
      (threads == 1 ? rpc_ratio1 : rpc_ratio64) = append.rate() / ping.rate();
      if (threads == 64) {
        append_rpc64 = append.rate();
        ping64 = ping.rate();
      }
    }
    (*server)->Shutdown(absl::Seconds(2));
  }

  std::printf("\nSummary\n");
  std::printf("  %-52s %10.0f /s\n", "baseline single-row FULL commits", baseline);
  std::printf("  %-52s %10.0f /s\n", "store, 1 appender", store1);
  std::printf("  %-52s %10.0f /s  (%.1fx baseline, goal >= 10x)\n", "store, 64 appenders", store64,
              store64 / baseline);
  std::printf("  %-52s %10.0f /s\n", "Ping, 64 clients", ping64);
  std::printf("  %-52s %10.0f /s  (%.2fx Ping, goal >= 0.5x; 1 client %.2fx)\n",
              "AppendEntry, 64 clients", append_rpc64, rpc_ratio64, rpc_ratio1);
  Figure({.area = "crisis",
          .figure = "durable appends, store, 64 appenders",
          .value = store64,
          .unit = "/s",
          .baseline = "single-row synchronous=FULL commits",
          .baseline_value = baseline,
          .goal = ">= 10",
          .met = store64 >= 10 * baseline});
  Figure({.area = "crisis",
          .figure = "durable appends, store, 1 appender",
          .value = store1,
          .unit = "/s",
          .baseline = "single-row synchronous=FULL commits",
          .baseline_value = baseline});
  Figure({.area = "crisis",
          .figure = "AppendEntry through gRPC, 64 clients",
          .value = append_rpc64,
          .unit = "/s",
          .baseline = "empty unary handler Ping, 64 clients",
          .baseline_value = ping64,
          .goal = ">= 0.5",
          .met = rpc_ratio64 >= 0.5});
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace
}  // namespace paraat::bench

int main(int argc, char** argv) { return paraat::bench::Main(argc, argv); }
