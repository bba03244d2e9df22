// SPDX-License-Identifier: EUPL-1.2
#include "tests/fault/crash_harness.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/grpcpp.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/crisis/entry_codec.h"
#include "common/json/json.h"
#include "paraat/v1/audit.grpc.pb.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "proto/convert/convert.h"
#include "proto/convert/crisis_convert.h"
#include "tests/fault/server_process.h"
#include "tests/support/process.h"

namespace paraat::fault {

using ::paraat::testing::ProcessResult;
using ::paraat::testing::RunProcess;

namespace {

namespace fs = std::filesystem;

constexpr absl::string_view kTextPrefix = "crash-harness ";
constexpr absl::string_view kLeaveReason = "crash-harness leave ";
constexpr char kPool[] = "oost";
constexpr int kRotationWeeks = 4;
constexpr size_t kMaxProblems = 20;
// Leave slots are one hour each, back to back, from a moment well after the rotated weeks.
constexpr absl::Duration kSlot = absl::Hours(1);
constexpr int64_t kSlotsPerWindow = 24 * 30;  // ListUnavailability returns at most 1000

const std::vector<std::string>& Order(int which) {
  static const std::vector<std::string> kA = {"g.smits", "h.devries", "i.verhoeven", "j.kuijpers"};
  static const std::vector<std::string> kB = {"j.kuijpers", "i.verhoeven", "h.devries", "g.smits"};
  return which == 0 ? kA : kB;
}

// One append the clients sent: what, and what became of it.
struct AppendRec {
  std::string key;
  int64_t crisis = 0;
  int64_t event_us = 0;
  int round = 0;
  bool acked = false;      // the server acknowledged it (seq below)
  bool uncertain = false;  // sent; no answer before the server died
  int64_t seq = 0;
};

struct LeaveRec {
  int round = 0;
  bool acked = false;
  bool uncertain = false;
  bool absent = false;  // was in flight and turned out not to be committed: must stay absent
  int64_t id = 0;
};

struct RotateOp {
  int order = 0;
  bool acked = false;
};

// A duty as the schedule and the audit record show it.
struct Duty {
  int64_t id = 0;
  std::string person;
  bool operator==(const Duty& o) const { return id == o.id && person == o.person; }
};

bool ServerGone(const grpc::Status& s) {
  switch (s.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
      return true;
    default:
      return false;
  }
}

std::string Describe(const grpc::Status& s) {
  return absl::StrCat("code ", static_cast<int>(s.error_code()), ": ", s.error_message());
}

// The stubs of one server run (a new port after every restart).
struct Api {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::AuthService::Stub> auth;
  std::unique_ptr<v1::CrisisService::Stub> crisis;
  std::unique_ptr<v1::RosterService::Stub> roster;
  std::unique_ptr<v1::AuditService::Stub> audit;

  explicit Api(const std::string& address) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetMaxReceiveMessageSize(-1);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 200);
    channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
    auth = v1::AuthService::NewStub(channel);
    crisis = v1::CrisisService::NewStub(channel);
    roster = v1::RosterService::NewStub(channel);
    audit = v1::AuditService::NewStub(channel);
  }
};

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token,
                                          absl::Duration timeout = absl::Seconds(10)) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
  return ctx;
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = absl::StrCat(base != nullptr && *base != '\0' ? base : "/tmp",
                                  "/paraat-crash-XXXXXX");
  if (::mkdtemp(tmpl.data()) == nullptr) return "";
  return tmpl;
}

std::string Hex(absl::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) absl::StrAppendFormat(&out, "%02x", c);
  return out;
}

class Harness {
 public:
  explicit Harness(const CrashOptions& o) : o_(o) {}

  ~Harness() {
    server_.reset();  // kills the server if still running
    if (own_dir_ && !work_.empty()) {
      std::error_code ec;
      fs::remove_all(work_, ec);
    }
  }

  absl::StatusOr<CrashReport> Run() {
    const absl::Time start = absl::Now();
    r_.seed = o_.seed != 0 ? o_.seed : static_cast<uint64_t>(absl::ToUnixNanos(absl::Now()));
    rng_.seed(r_.seed);
    Log(absl::StrCat("crash harness: seed ", r_.seed, ", ", o_.rounds, " rounds, ", o_.appenders,
                     " appenders", o_.roster_writer ? " and a roster writer" : ""));
    if (absl::Status s = Setup(); !s.ok()) return s;
    for (int round = 0; round < o_.rounds; ++round) {
      if (absl::Now() - start > o_.time_limit) {
        Log(absl::StrCat("time limit reached after ", round, " rounds"));
        break;
      }
      if (absl::Status s = Round(round, round + 1 == o_.rounds); !s.ok()) {
        r_.elapsed = absl::Now() - start;
        return s;
      }
      ++r_.rounds;
      if (o_.verbose) {
        Log(absl::StrCat("round ", round + 1, ": acked ", r_.acked(), ", in flight at kills ",
                         r_.in_flight_at_kill, " (committed ", r_.in_flight_committed, "), lost ",
                         r_.lost, ", torn ", r_.torn, ", duplicates ", r_.duplicates,
                         ", verify failures ", r_.verify_failures));
      }
    }
    if (r_.rounds < o_.rounds) {
      // Stopped by the time limit: the last check was not the full one.
      if (absl::Status s = Check(/*full=*/true); !s.ok()) return s;
    }
    // A clean stop, and the data directory itself verifies.
    const int code = server_->Stop();
    if (code != 0) {
      Problem(absl::StrCat("paraat-server exited with ", code, " on SIGTERM: ",
                           server_->Stderr()));
    }
    VerifyDir(data_, "after the clean stop");
    r_.elapsed = absl::Now() - start;
    return r_;
  }

 private:
  void Log(const std::string& line) {
    if (o_.log) o_.log(line);
  }

  void Problem(const std::string& p) {
    std::lock_guard<std::mutex> lock(mu_);
    ProblemLocked(p);
  }
  void ProblemLocked(const std::string& p) {
    if (r_.problems.size() < kMaxProblems) r_.problems.push_back(p);
  }

  absl::Status Setup() {
    if (o_.server_bin.empty() || ::access(o_.server_bin.c_str(), X_OK) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("no paraat-server binary at '", o_.server_bin, "'"));
    }
    work_ = o_.work_dir;
    if (work_.empty()) {
      work_ = MakeTempDir();
      own_dir_ = true;
      if (work_.empty()) return absl::InternalError("cannot create a temporary directory");
    }
    data_ = work_ + "/data";
    logs_ = work_ + "/logs";
    fs::create_directories(logs_);
    ProcessResult init = RunProcess({o_.server_bin, "init", "--data-dir", data_, "--demo"}, {}, "",
                              absl::Seconds(60));
    if (init.exit_code != 0) {
      return absl::InternalError(absl::StrCat("paraat-server init --demo failed: ", init.err));
    }
    std::ifstream in(data_ + "/demo-accounts.txt");
    std::string user, pw, role;
    while (in >> user >> pw >> role) passwords_[user] = pw;
    for (const char* u : {"coordinator", "officer", "administrator"}) {
      if (passwords_[u].empty()) return absl::InternalError(absl::StrCat("no demo account ", u));
    }
    server_ = std::make_unique<ServerProcess>(o_.server_bin, data_, logs_);
    if (absl::Status s = StartServer(); !s.ok()) return s;
    for (const char* u : {"coordinator", "officer", "administrator"}) {
      if (absl::Status s = Login(u); !s.ok()) return s;
    }
    // Leave goes in one-hour slots from 90 days ahead (whole hours, UTC).
    band_start_ = absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now()) / 3600 + 90 * 24) * 3600);
    // The rotated weeks: from three weeks ahead, in the pool's zone.
    absl::TimeZone ams;
    if (!absl::LoadTimeZone("Europe/Amsterdam", &ams)) {
      return absl::FailedPreconditionError("the time zone Europe/Amsterdam is missing (tzdata)");
    }
    const absl::CivilDay from = absl::ToCivilDay(absl::Now() + absl::Hours(24 * 21), ams);
    from_date_ = absl::FormatCivilTime(from);
    // Learn what each rotation writes (both acknowledged, nothing is killed yet).
    for (int order : {1, 0}) {
      v1::RotateRosterResponse resp;
      grpc::Status s = Rotate(order, &resp);
      if (!s.ok()) return absl::InternalError(absl::StrCat("RotateRoster: ", Describe(s)));
      for (const auto& d : resp.shifts()) pattern_[order].push_back(d.person().key());
      if (resp.shifts_size() == 0) return absl::InternalError("RotateRoster wrote no duties");
      span_start_ = convert::TimeFromProto(resp.shifts(0).interval().start());
      span_end_ = convert::TimeFromProto(resp.shifts(resp.shifts_size() - 1).interval().end());
      r_.acked_roster++;
    }
    committed_order_ = 0;
    if (pattern_[0] == pattern_[1]) return absl::InternalError("both rotations write the same");
    return Check(/*full=*/true);
  }

  // Whole crisis logs are exported for the checks: allow large answers.
  static std::vector<std::string> ServerFlags() { return {"--max-message-bytes", "67108864"}; }

  absl::Status StartServer() {
    const absl::Time t0 = absl::Now();
    if (absl::Status s = server_->Spawn(ServerFlags()); !s.ok()) return s;
    if (absl::Status s = server_->WaitListening(absl::Seconds(60)); !s.ok()) return s;
    api_ = std::make_unique<Api>(server_->address());
    if (!api_->channel->WaitForConnected(std::chrono::system_clock::now() +
                                         std::chrono::seconds(20))) {
      return absl::UnavailableError(absl::StrCat("cannot connect to ", server_->address()));
    }
    r_.total_restart += absl::Now() - t0;
    ++r_.restarts;
    return absl::OkStatus();
  }

  absl::Status Login(const std::string& user) {
    v1::LoginRequest req;
    req.set_username(user);
    req.set_password(passwords_[user]);
    v1::LoginResponse resp;
    grpc::Status s = api_->auth->Login(Ctx("").get(), req, &resp);
    if (!s.ok()) return absl::InternalError(absl::StrCat("login ", user, ": ", Describe(s)));
    tokens_[user] = resp.token();
    return absl::OkStatus();
  }

  const std::string& Token(const char* user) const { return tokens_.at(user); }

  grpc::Status Rotate(int order, v1::RotateRosterResponse* resp) {
    v1::RotateRosterRequest req;
    req.set_pool(kPool);
    req.set_from_date(from_date_);
    req.set_weeks(kRotationWeeks);
    for (const std::string& p : Order(order)) req.add_order(p);
    return api_->roster->RotateRoster(Ctx(Token("administrator")).get(), req, resp);
  }

  // Opens the crisis log of this round's group (idempotent: a retry after a crash replays).
  absl::Status EnsureCrisis(int round) {
    const int index = round / std::max(1, o_.rounds_per_crisis);
    if (crisis_ids_.count(index) != 0) return absl::OkStatus();
    v1::OpenCrisisRequest req;
    req.set_title(absl::StrCat("Crash harness ", index + 1));
    req.set_type("exercise");
    req.add_municipalities("wijchen");
    req.set_grip("1");
    req.set_text("Opened by the crash harness.");
    req.set_idempotency_key(absl::StrCat("crash-harness-crisis-", index));
    v1::OpenCrisisResponse resp;
    grpc::Status s = api_->crisis->OpenCrisis(Ctx(Token("coordinator")).get(), req, &resp);
    if (!s.ok()) return absl::InternalError(absl::StrCat("OpenCrisis: ", Describe(s)));
    crisis_ids_[index] = resp.crisis().id();
    dirty_.insert(resp.crisis().id());
    return absl::OkStatus();
  }

  // ---- the clients ----

  void Appender(int client, int round, int64_t crisis_id) {
    for (int n = 0; !stop_.load(); ++n) {
      const std::string key = absl::StrCat("r", round, "-c", client, "-", n);
      v1::AppendEntryRequest req;
      {
        std::lock_guard<std::mutex> lock(mu_);
        AppendRec& rec = appends_[key];
        rec.key = key;
        rec.crisis = crisis_id;
        rec.round = round;
        rec.event_us = absl::ToUnixMicros(absl::Now() - absl::Seconds(1));
        rec.uncertain = true;
        FillAppend(rec, &req);
      }
      v1::AppendEntryResponse resp;
      grpc::Status s = api_->crisis->AppendEntry(Ctx(Token("coordinator")).get(), req, &resp);
      std::lock_guard<std::mutex> lock(mu_);
      AppendRec& rec = appends_[key];
      if (s.ok()) {
        rec.uncertain = false;
        Acknowledge(rec, resp);
        continue;
      }
      if (!killed_.load() || !ServerGone(s)) {
        ++r_.client_errors;
        ProblemLocked(absl::StrCat("AppendEntry ", key, " failed while the server was up: ",
                                   Describe(s)));
      }
      return;  // the server is gone; the write stays uncertain until the check
    }
  }

  static void FillAppend(const AppendRec& rec, v1::AppendEntryRequest* req) {
    req->set_crisis(rec.crisis);
    req->set_kind(v1::ENTRY_KIND_MESSAGE);
    req->set_text(absl::StrCat(kTextPrefix, rec.key));
    convert::ToProto(absl::FromUnixMicros(rec.event_us), req->mutable_event_time());
    req->set_idempotency_key(rec.key);
  }

  // Records an acknowledged append (under mu_).
  void Acknowledge(AppendRec& rec, const v1::AppendEntryResponse& resp) {
    const v1::Entry& e = resp.entry();
    if (e.text() != absl::StrCat(kTextPrefix, rec.key) || e.crisis() != rec.crisis) {
      ++r_.client_errors;
      ProblemLocked(absl::StrCat("AppendEntry ", rec.key, " was answered with another entry (",
                                 e.crisis(), "/", e.seq(), ": ", e.text(), ")"));
      return;
    }
    rec.acked = true;
    rec.seq = e.seq();
    ++r_.acked_appends;
    if (!acked_seqs_[rec.crisis].insert(rec.seq).second) {
      ++r_.duplicates;
      ProblemLocked(absl::StrCat("crisis ", rec.crisis, " entry ", rec.seq,
                                 " was acknowledged for two different appends"));
    }
  }

  void RosterWriter(int round) {
    for (int n = 0; !stop_.load(); ++n) {
      grpc::Status s;
      std::string what;
      if (n % 4 == 3) {
        int order = 0;
        size_t op = 0;
        {
          std::lock_guard<std::mutex> lock(mu_);
          order = next_order_;
          next_order_ = 1 - next_order_;
          rotate_ops_.push_back(RotateOp{order, false});
          op = rotate_ops_.size() - 1;
        }
        v1::RotateRosterResponse resp;
        s = Rotate(order, &resp);
        what = "RotateRoster";
        std::lock_guard<std::mutex> lock(mu_);
        if (s.ok()) {
          rotate_ops_[op].acked = true;
          ++r_.acked_roster;
          std::vector<std::string> persons;
          for (const auto& d : resp.shifts()) persons.push_back(d.person().key());
          if (persons != pattern_[order]) {
            ++r_.client_errors;
            ProblemLocked("RotateRoster was acknowledged with other duties than before");
          }
        }
      } else {
        int64_t slot = 0;
        {
          std::lock_guard<std::mutex> lock(mu_);
          slot = next_slot_++;
          LeaveRec& rec = leaves_[slot];
          rec.round = round;
          rec.uncertain = true;
        }
        v1::AddUnavailabilityRequest req;
        const absl::Time start = band_start_ + slot * kSlot;
        convert::ToProto(start, req.mutable_interval()->mutable_start());
        convert::ToProto(start + kSlot, req.mutable_interval()->mutable_end());
        req.set_reason(absl::StrCat(kLeaveReason, slot));
        v1::AddUnavailabilityResponse resp;
        s = api_->roster->AddUnavailability(Ctx(Token("officer")).get(), req, &resp);
        what = "AddUnavailability";
        std::lock_guard<std::mutex> lock(mu_);
        if (s.ok()) {
          LeaveRec& rec = leaves_[slot];
          rec.uncertain = false;
          rec.acked = true;
          rec.id = resp.unavailability().id();
          ++r_.acked_roster;
        }
      }
      if (s.ok()) continue;
      std::lock_guard<std::mutex> lock(mu_);
      if (!killed_.load() || !ServerGone(s)) {
        ++r_.client_errors;
        ProblemLocked(absl::StrCat(what, " failed while the server was up: ", Describe(s)));
      }
      return;
    }
  }

  // ---- a round ----

  absl::Status Round(int round, bool last) {
    if (absl::Status s = EnsureCrisis(round); !s.ok()) return s;
    const int64_t crisis_id = crisis_ids_[round / std::max(1, o_.rounds_per_crisis)];
    dirty_.insert(crisis_id);
    stop_ = false;
    killed_ = false;
    std::vector<std::thread> clients;
    for (int i = 0; i < o_.appenders; ++i) {
      clients.emplace_back([this, i, round, crisis_id] { Appender(i, round, crisis_id); });
    }
    if (o_.roster_writer) clients.emplace_back([this, round] { RosterWriter(round); });
    std::uniform_int_distribution<int64_t> run(absl::ToInt64Microseconds(o_.min_run),
                                               absl::ToInt64Microseconds(o_.max_run));
    std::this_thread::sleep_for(std::chrono::microseconds(run(rng_)));
    killed_ = true;
    server_->Kill();
    stop_ = true;
    for (std::thread& t : clients) t.join();
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [key, rec] : appends_) r_.in_flight_at_kill += rec.round == round && rec.uncertain;
      for (const auto& [slot, rec] : leaves_) r_.in_flight_at_kill += rec.round == round && rec.uncertain;
      for (const RotateOp& op : rotate_ops_) r_.in_flight_at_kill += !op.acked;
    }
    VerifyCopy(absl::StrCat("after the kill of round ", round + 1));
    std::uniform_real_distribution<double> chance(0, 1);
    if (chance(rng_) < o_.startup_kill_chance) {
      // Killed again while starting: recovery, the checkpointer's first pass, the listener.
      if (absl::Status s = server_->Spawn(ServerFlags()); !s.ok()) return s;
      std::uniform_int_distribution<int> early(0, 80);
      std::this_thread::sleep_for(std::chrono::milliseconds(early(rng_)));
      server_->Kill();
      ++r_.startup_kills;
      VerifyCopy(absl::StrCat("after the startup kill of round ", round + 1));
    }
    if (absl::Status s = StartServer(); !s.ok()) return s;
    return Check(/*full=*/last);
  }

  // ---- verification ----

  void VerifyDir(const std::string& dir, const std::string& when) {
    ProcessResult v = RunProcess({o_.server_bin, "verify", "--data-dir", dir}, {}, "", absl::Seconds(120));
    if (v.exit_code != 0 || !absl::StrContains(v.out, "Everything verifies.")) {
      ++r_.verify_failures;
      Problem(absl::StrCat("paraat-server verify failed ", when, ": ", v.out, v.err));
    }
  }

  // Verifies a copy of the data directory as the crash left it, so the server's own recovery
  // still runs on the original.
  void VerifyCopy(const std::string& when) {
    const std::string copy = work_ + "/verify";
    std::error_code ec;
    fs::remove_all(copy, ec);
    fs::create_directories(copy, ec);
    for (const char* f : {"paraat.db", "paraat.db-wal", "checkpoint-key.pem"}) {
      if (fs::exists(data_ + "/" + f)) fs::copy_file(data_ + "/" + f, copy + "/" + f, ec);
      if (ec) {
        Problem(absl::StrCat("cannot copy ", f, ": ", ec.message()));
        return;
      }
    }
    VerifyDir(copy, when);
    fs::remove_all(copy, ec);
  }

  // All checks against the restarted server; resolves the writes left in flight. `full`:
  // every crisis log entry by entry (else the logs written since the last check).
  absl::Status Check(bool full) {
    // Sessions are acknowledged writes too.
    for (const char* u : {"coordinator", "officer", "administrator"}) {
      v1::WhoAmIRequest req;
      v1::WhoAmIResponse resp;
      grpc::Status s = api_->auth->WhoAmI(Ctx(tokens_[u]).get(), req, &resp);
      if (s.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
        ++r_.lost;
        Problem(absl::StrCat("the session of ", u, " was lost: ", s.error_message()));
        if (absl::Status l = Login(u); !l.ok()) return l;
      } else if (!s.ok()) {
        return absl::InternalError(absl::StrCat("WhoAmI: ", Describe(s)));
      }
    }
    std::map<int64_t, int64_t> counts;  // crisis -> entries
    {
      v1::ListCrisesRequest req;
      req.set_include_closed(true);
      v1::ListCrisesResponse resp;
      grpc::Status s = api_->crisis->ListCrises(Ctx(Token("coordinator")).get(), req, &resp);
      if (!s.ok()) return absl::InternalError(absl::StrCat("ListCrises: ", Describe(s)));
      for (const auto& c : resp.crises()) counts[c.id()] = c.entries();
    }
    std::vector<int64_t> to_check;
    for (const auto& [index, id] : crisis_ids_) {
      if (counts.count(id) == 0) {
        ++r_.lost;
        Problem(absl::StrCat("crisis ", id, " is gone"));
        continue;
      }
      if (full || dirty_.count(id) != 0) to_check.push_back(id);
    }
    std::map<int64_t, std::map<std::string, int64_t>> present;  // crisis -> key -> seq
    for (int64_t id : to_check) {
      if (absl::Status s = CheckCrisis(id, counts[id], &present[id]); !s.ok()) return s;
    }
    if (absl::Status s = FetchAudit(); !s.ok()) return s;
    for (const auto& [index, id] : crisis_ids_) {
      const int64_t audited = append_audits_[absl::StrCat("crisis/", id)];
      if (counts.count(id) != 0 && audited != counts[id]) {
        ++r_.torn;
        Problem(absl::StrCat("crisis ", id, " has ", counts[id], " entries but ", audited,
                             " crisis.append audit records"));
      }
    }
    // Appends: acknowledged ones where they were acknowledged; in-flight ones resolved.
    std::vector<std::string> resend;
    for (auto& [key, rec] : appends_) {
      auto crisis = present.find(rec.crisis);
      if (crisis == present.end()) {
        // Not checked entry by entry this time: at least the count must cover it.
        if (rec.acked && rec.seq > counts[rec.crisis]) {
          ++r_.lost;
          Problem(absl::StrCat("append ", key, " (crisis ", rec.crisis, " entry ", rec.seq,
                               ") is missing: the log has ", counts[rec.crisis], " entries"));
        }
        continue;
      }
      auto it = crisis->second.find(key);
      if (rec.acked) {
        if (it == crisis->second.end()) {
          ++r_.lost;
          Problem(absl::StrCat("acknowledged append ", key, " (crisis ", rec.crisis, " entry ",
                               rec.seq, ") is missing"));
        } else if (it->second != rec.seq) {
          ++r_.lost;
          Problem(absl::StrCat("acknowledged append ", key, " moved from entry ", rec.seq,
                               " to ", it->second));
        }
        continue;
      }
      if (it != crisis->second.end()) ++r_.in_flight_committed;
      resend.push_back(key);
    }
    for (int64_t id : to_check) dirty_.erase(id);
    // A client retries what it never heard back about; the same key must give the original.
    for (const std::string& key : resend) {
      AppendRec& rec = appends_[key];
      const auto& keys = present[rec.crisis];
      auto it = keys.find(key);
      v1::AppendEntryRequest req;
      FillAppend(rec, &req);
      v1::AppendEntryResponse resp;
      grpc::Status s = api_->crisis->AppendEntry(Ctx(Token("coordinator")).get(), req, &resp);
      if (!s.ok()) return absl::InternalError(absl::StrCat("retrying ", key, ": ", Describe(s)));
      const bool was_there = it != keys.end();
      if (resp.replayed() != was_there || (was_there && resp.entry().seq() != it->second)) {
        ++r_.duplicates;
        Problem(absl::StrCat("retry of ", key, ": replayed=", resp.replayed(), " entry ",
                             resp.entry().seq(), ", but the log ",
                             was_there ? absl::StrCat("had it as entry ", it->second)
                                       : std::string("did not have it")));
      }
      rec.uncertain = false;
      std::lock_guard<std::mutex> lock(mu_);
      Acknowledge(rec, resp);
      dirty_.insert(rec.crisis);  // the retry appended: check it next time
    }
    if (absl::Status s = CheckLeave(); !s.ok()) return s;
    if (absl::Status s = CheckRotation(); !s.ok()) return s;
    return absl::OkStatus();
  }

  absl::Status CheckCrisis(int64_t id, int64_t count, std::map<std::string, int64_t>* keys) {
    v1::ExportCrisisRequest req;
    req.set_crisis(id);
    v1::ExportCrisisResponse resp;
    // An export holds the entries its signed checkpoint covers. After a restart the
    // checkpointer signs the recovered head on its first pass (at most a few seconds): wait
    // for a checkpoint of the whole log, and check whatever the export has after 20 s.
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (true) {
      resp.Clear();
      grpc::Status s = api_->crisis->ExportCrisis(
          Ctx(Token("coordinator"), absl::Seconds(60)).get(), req, &resp);
      const bool unsigned_yet = s.error_code() == grpc::StatusCode::NOT_FOUND;  // no checkpoint yet
      if (!s.ok() && !(unsigned_yet && absl::Now() < deadline)) {
        return absl::InternalError(absl::StrCat("ExportCrisis ", id, ": ", Describe(s)));
      }
      if (s.ok() && (static_cast<int64_t>(resp.tree_size()) >= count || absl::Now() > deadline)) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const int64_t n = resp.entries_size();
    r_.entries_checked += n;
    if (n != count || resp.leaf_hashes_size() != n || static_cast<int64_t>(resp.tree_size()) != n ||
        resp.crisis().entries() != n) {
      ++r_.torn;
      Problem(absl::StrCat("crisis ", id, ": ", n, " entries, ", resp.leaf_hashes_size(),
                           " Merkle leaves, tree size ", resp.tree_size(), ", entry count ",
                           resp.crisis().entries(), " (listed ", count, ")"));
    }
    for (int64_t i = 0; i < n; ++i) {
      const v1::Entry& e = resp.entries(static_cast<int>(i));
      if (e.seq() != i + 1) {
        ++r_.torn;
        Problem(absl::StrCat("crisis ", id, ": entry ", i + 1, " has sequence number ", e.seq()));
        break;
      }
      if (i < resp.leaf_hashes_size()) {
        const ledger::Hash leaf = crisis::EntryLeafHash(convert::FromProto(e));
        const std::string stored = resp.leaf_hashes(static_cast<int>(i));
        if (stored != std::string(reinterpret_cast<const char*>(leaf.data()), leaf.size())) {
          ++r_.torn;
          Problem(absl::StrCat("crisis ", id, " entry ", e.seq(), ": its Merkle leaf ",
                               Hex(stored), " is not the hash of the entry"));
        }
      }
      if (!absl::StartsWith(e.text(), kTextPrefix)) continue;
      const std::string key(e.text().substr(kTextPrefix.size()));
      if (!keys->emplace(key, e.seq()).second) {
        ++r_.duplicates;
        Problem(absl::StrCat("crisis ", id, ": append ", key, " is there twice (entries ",
                             (*keys)[key], " and ", e.seq(), ")"));
        continue;
      }
      auto rec = appends_.find(key);
      if (rec == appends_.end() || rec->second.crisis != id) {
        ++r_.torn;
        Problem(absl::StrCat("crisis ", id, " entry ", e.seq(), " (", key,
                             ") was never sent to this crisis"));
      } else if (convert::TimeFromProto(e.event_time()) !=
                 absl::FromUnixMicros(rec->second.event_us)) {
        ++r_.torn;
        Problem(absl::StrCat("crisis ", id, " entry ", e.seq(), " (", key,
                             ") has another event time than was sent"));
      }
    }
    return absl::OkStatus();
  }

  // Reads the audit records written since the last check, and checks that the last one seen
  // before is still there unchanged.
  absl::Status FetchAudit() {
    int64_t after = std::max<int64_t>(0, last_audit_id_ - 1);
    bool first_page = true;
    while (true) {
      v1::ListAuditRequest req;
      req.set_after_id(after);
      req.set_page_size(1000);
      v1::ListAuditResponse resp;
      grpc::Status s = api_->audit->ListAudit(Ctx(Token("administrator"), absl::Seconds(30)).get(),
                                              req, &resp);
      if (!s.ok()) return absl::InternalError(absl::StrCat("ListAudit: ", Describe(s)));
      for (int i = 0; i < resp.records_size(); ++i) {
        const v1::AuditRecord& a = resp.records(i);
        if (first_page && i == 0 && last_audit_id_ > 0) {
          if (a.id() != last_audit_id_ || a.hash() != last_audit_hash_) {
            ++r_.lost;
            Problem(absl::StrCat("audit record ", last_audit_id_, " changed or vanished"));
          }
          continue;
        }
        if (a.id() <= last_audit_id_) continue;
        last_audit_id_ = a.id();
        last_audit_hash_ = a.hash();
        if (a.action() == "crisis.append") ++append_audits_[a.object()];
        if (a.action() == "leave.create" && absl::StartsWith(a.object(), "leave/")) {
          int64_t leave = 0;
          if (absl::SimpleAtoi(a.object().substr(6), &leave)) leave_audits_.insert(leave);
        }
        if (a.action() == "roster.rotate" && a.object() == absl::StrCat("pool/", kPool)) {
          last_rotation_audit_ = a.after_json();
        }
      }
      first_page = false;
      if (resp.next_after_id() == 0 || resp.records_size() == 0) break;
      after = resp.next_after_id();
    }
    return absl::OkStatus();
  }

  absl::Status CheckLeave() {
    std::map<int64_t, std::vector<int64_t>> by_slot;  // slot -> leave ids
    std::set<int64_t> ids;
    for (int64_t w = 0; w < std::max<int64_t>(next_slot_, 1); w += kSlotsPerWindow) {
      v1::ListUnavailabilityRequest req;
      convert::ToProto(band_start_ + w * kSlot, req.mutable_from());
      convert::ToProto(band_start_ + (w + kSlotsPerWindow) * kSlot, req.mutable_to());
      v1::ListUnavailabilityResponse resp;
      grpc::Status s = api_->roster->ListUnavailability(Ctx(Token("officer")).get(), req, &resp);
      if (!s.ok()) return absl::InternalError(absl::StrCat("ListUnavailability: ", Describe(s)));
      for (const auto& l : resp.unavailability()) {
        const absl::Time start = convert::TimeFromProto(l.interval().start());
        const int64_t slot = (start - band_start_) / kSlot;
        if (slot < w || slot >= w + kSlotsPerWindow) continue;  // straddles: the other window
        if (start != band_start_ + slot * kSlot ||
            convert::TimeFromProto(l.interval().end()) != start + kSlot) {
          ++r_.torn;
          Problem(absl::StrCat("leave ", l.id(), " is not one of the harness's slots"));
          continue;
        }
        by_slot[slot].push_back(l.id());
        ids.insert(l.id());
      }
    }
    for (auto& [slot, rec] : leaves_) {
      auto it = by_slot.find(slot);
      const bool there = it != by_slot.end();
      if (there && it->second.size() > 1) {
        ++r_.duplicates;
        Problem(absl::StrCat("leave slot ", slot, " is there ", it->second.size(), " times"));
      }
      if (rec.acked) {
        if (!there || it->second.front() != rec.id) {
          ++r_.lost;
          Problem(absl::StrCat("acknowledged leave ", rec.id, " (slot ", slot, ") is missing"));
        }
      } else if (rec.uncertain) {
        rec.uncertain = false;
        if (there) {
          ++r_.in_flight_committed;
          rec.acked = true;
          rec.id = it->second.front();
        } else {
          rec.absent = true;
        }
      } else if (rec.absent && there) {
        ++r_.torn;
        Problem(absl::StrCat("leave slot ", slot, " was absent after its crash and is back"));
      }
    }
    for (const auto& [slot, list] : by_slot) {
      if (leaves_.count(slot) == 0) {
        ++r_.torn;
        Problem(absl::StrCat("leave slot ", slot, " was never sent"));
      }
    }
    if (ids != leave_audits_) {
      ++r_.torn;
      std::vector<int64_t> only_rows, only_audit;
      std::set_difference(ids.begin(), ids.end(), leave_audits_.begin(), leave_audits_.end(),
                          std::back_inserter(only_rows));
      std::set_difference(leave_audits_.begin(), leave_audits_.end(), ids.begin(), ids.end(),
                          std::back_inserter(only_audit));
      Problem(absl::StrCat("leave and its audit records differ: ", only_rows.size(),
                           " without a record, ", only_audit.size(), " records without leave"));
    }
    return absl::OkStatus();
  }

  absl::Status CheckRotation() {
    v1::GetScheduleRequest req;
    req.set_pool(kPool);
    convert::ToProto(span_start_, req.mutable_from());
    convert::ToProto(span_end_, req.mutable_to());
    v1::GetScheduleResponse resp;
    grpc::Status s = api_->roster->GetSchedule(Ctx(Token("officer")).get(), req, &resp);
    if (!s.ok()) return absl::InternalError(absl::StrCat("GetSchedule: ", Describe(s)));
    std::vector<Duty> duties;
    std::vector<std::string> persons;
    for (const auto& d : resp.slices()) {
      if (d.source() != v1::DUTY_SOURCE_ROSTER) continue;
      duties.push_back(Duty{d.source_id(), d.person().key()});
      persons.push_back(d.person().key());
    }
    int now_order = -1;
    for (int order : {0, 1}) {
      if (persons == pattern_[order]) now_order = order;
    }
    if (now_order < 0) {
      ++r_.torn;
      Problem(absl::StrCat("the rotated weeks are neither rotation (", persons.size(),
                           " duties): a rotation was half applied"));
    }
    // The duties are exactly those the latest roster.rotate audit record says it wrote.
    std::vector<Duty> audited;
    absl::StatusOr<json::Value> after = json::Parse(last_rotation_audit_);
    if (after.ok() && after->is_array()) {
      for (const json::Value& v : after->as_array()) {
        const json::Value* id = v.Find("id");
        const json::Value* person = v.Find("person");
        if (id != nullptr && person != nullptr) audited.push_back(Duty{id->as_int(), person->as_string()});
      }
    }
    if (audited != duties) {
      ++r_.torn;
      Problem("the rotated duties are not those of the latest roster.rotate audit record");
    }
    // Which rotations could be the last committed one? The one last acknowledged (or the state
    // of the last check), or one in flight after it. The writer alternates the two orders, so
    // a rotation in flight committed when the roster changed.
    int last_acked = -1;
    for (size_t i = 0; i < rotate_ops_.size(); ++i) {
      if (rotate_ops_[i].acked) last_acked = static_cast<int>(i);
    }
    const int before = last_acked < 0 ? committed_order_ : rotate_ops_[last_acked].order;
    std::set<int> possible = {before};
    for (size_t i = static_cast<size_t>(last_acked + 1); i < rotate_ops_.size(); ++i) {
      possible.insert(rotate_ops_[i].order);
    }
    if (possible.size() > 1 && now_order >= 0 && now_order != before) ++r_.in_flight_committed;
    if (now_order >= 0 && possible.count(now_order) == 0) {
      ++r_.lost;
      Problem("an acknowledged rotation is not what the roster shows");
    }
    if (now_order >= 0) committed_order_ = now_order;
    rotate_ops_.clear();
    return absl::OkStatus();
  }

  const CrashOptions o_;
  CrashReport r_;
  std::mt19937_64 rng_;
  std::string work_, data_, logs_;
  bool own_dir_ = false;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Api> api_;
  std::map<std::string, std::string> passwords_;
  std::map<std::string, std::string> tokens_;
  std::map<int, int64_t> crisis_ids_;  // group index -> crisis id
  std::set<int64_t> dirty_;            // crises appended to since their last full check
  absl::Time band_start_;
  std::string from_date_;
  absl::Time span_start_, span_end_;
  std::vector<std::string> pattern_[2];
  int committed_order_ = 0;

  std::atomic<bool> stop_{false};
  std::atomic<bool> killed_{false};
  std::mutex mu_;  // guards the records and the report while clients run
  std::map<std::string, AppendRec> appends_;
  std::map<int64_t, std::set<int64_t>> acked_seqs_;
  std::map<int64_t, LeaveRec> leaves_;
  int64_t next_slot_ = 0;
  std::vector<RotateOp> rotate_ops_;
  int next_order_ = 1;

  int64_t last_audit_id_ = 0;
  std::string last_audit_hash_;
  std::map<std::string, int64_t> append_audits_;  // "crisis/ID" -> crisis.append records
  std::set<int64_t> leave_audits_;
  std::string last_rotation_audit_;
};

}  // namespace

std::string CrashReport::Summary() const {
  std::string out;
  auto row = [&out](absl::string_view what, const std::string& value) {
    absl::StrAppendFormat(&out, "  %-44s %s\n", what, value);
  };
  row("seed", absl::StrCat(seed));
  row("rounds (SIGKILL, restart, check)", absl::StrCat(rounds));
  row("  of which killed again while starting", absl::StrCat(startup_kills));
  row("acknowledged writes", absl::StrCat(acked(), " (", acked_appends, " appends, ",
                                           acked_roster, " leave/rotations)"));
  row("writes in flight at a kill", absl::StrCat(in_flight_at_kill));
  row("  of which committed anyway", absl::StrCat(in_flight_committed));
  row("lost writes (must be 0)", absl::StrCat(lost));
  row("torn writes (must be 0)", absl::StrCat(torn));
  row("duplicates (must be 0)", absl::StrCat(duplicates));
  row("verify failures (must be 0)", absl::StrCat(verify_failures));
  row("unexpected client errors (must be 0)", absl::StrCat(client_errors));
  row("entries compared one by one (all checks)", absl::StrCat(entries_checked));
  row("mean restart (spawn to serving)",
      absl::StrFormat("%.1f ms", absl::ToDoubleMilliseconds(mean_restart())));
  row("elapsed", absl::StrFormat("%.1f s", absl::ToDoubleSeconds(elapsed)));
  for (const std::string& p : problems) absl::StrAppend(&out, "  PROBLEM: ", p, "\n");
  return out;
}

absl::StatusOr<CrashReport> RunCrashHarness(const CrashOptions& options) {
  Harness h(options);
  return h.Run();
}

}  // namespace paraat::fault
