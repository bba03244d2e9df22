// SPDX-License-Identifier: EUPL-1.2
// A full disk, for real: a small tmpfs is mounted for the test with the data directory on it,
// the real paraat-server serves from it, and a filler file takes the last free byte. Then:
//   - writes fail with RESOURCE_EXHAUSTED (or UNAVAILABLE) and a message naming the full disk,
//     also when several wait in one group commit, and nothing of a failed write is left;
//   - reads still work, `paraat-server verify` passes and PRAGMA integrity_check is ok;
//   - once the filler is deleted, writes succeed again without a restart, the writes that
//     failed can be retried with their idempotency keys (they were never made), the
//     checkpointer signs the new tree heads, and a clean stop checkpoints the WAL.
// Needs root (CAP_SYS_ADMIN) for mount(2); skipped with a message otherwise. The tmpfs is
// always unmounted in TearDown.
#include <errno.h>
#include <fcntl.h>
#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/ledger.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "tests/fault/server_process.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"

namespace paraat::fault {

using ::paraat::testing::ProcessResult;
using ::paraat::testing::RunProcess;
namespace {

namespace fs = std::filesystem;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kTmpfsSize[] = "size=16m";

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return ctx;
}

// PRAGMA integrity_check on a read-only connection.
std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string err = db != nullptr ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return err;
  }
  sqlite3_busy_timeout(db, 5000);
  std::string out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      absl::StrAppend(&out, out.empty() ? "" : "; ",
                      reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
  } else {
    out = sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = absl::StrCat(base != nullptr && *base != '\0' ? base : "/tmp",
                                    "/paraat-diskfull-XXXXXX");
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    mnt_ = dir_ + "/fs";
    logs_ = dir_ + "/logs";
    fs::create_directories(mnt_);
    fs::create_directories(logs_);
    if (::mount("tmpfs", mnt_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                absl::StrCat(kTmpfsSize, ",mode=0700").c_str()) != 0) {
      const int e = errno;
      GTEST_SKIP() << "cannot mount a " << kTmpfsSize << " tmpfs at " << mnt_ << ": "
                   << std::strerror(e)
                   << " (the disk-full test needs root, i.e. CAP_SYS_ADMIN, to mount it)";
    }
    mounted_ = true;
    data_ = mnt_ + "/data";
    filler_ = mnt_ + "/filler";
  }

  void TearDown() override {
    server_.reset();  // SIGKILL if still running: nothing may keep the mount busy
    if (mounted_ && ::umount2(mnt_.c_str(), MNT_DETACH) != 0) {
      ADD_FAILURE() << "cannot unmount " << mnt_ << ": " << std::strerror(errno);
    }
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  std::string Login(const std::string& user) {
    std::ifstream in(data_ + "/demo-accounts.txt");
    std::string u, pw, role, password;
    while (in >> u >> pw >> role) {
      if (u == user) password = pw;
    }
    v1::LoginRequest req;
    req.set_username(user);
    req.set_password(password);
    v1::LoginResponse resp;
    grpc::Status s = auth_->Login(Ctx("").get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.token();
  }

  grpc::Status Append(const std::string& key, size_t size, v1::AppendEntryResponse* resp) {
    v1::AppendEntryRequest req;
    req.set_crisis(crisis_);
    req.set_kind(v1::ENTRY_KIND_SITUATION);
    std::string text = absl::StrCat("disk-full ", key, " ");
    while (text.size() < size) absl::StrAppend(&text, "Water level at the Waal dike ", text.size(), ". ");
    req.set_text(text.substr(0, size));
    req.set_idempotency_key(key);
    return crises_->AppendEntry(Ctx(coordinator_).get(), req, resp);
  }

  // Takes every free block of the tmpfs.
  void Fill() {
    const int fd = ::open(filler_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    ASSERT_GE(fd, 0) << std::strerror(errno);
    std::string block(1 << 20, 'f');
    for (size_t size : {size_t{1} << 20, size_t{4096}, size_t{1}}) {
      while (true) {
        const ssize_t n = ::write(fd, block.data(), size);
        if (n > 0) continue;  // a short write took the last blocks: the next one says ENOSPC
        ASSERT_LT(n, 0);
        ASSERT_EQ(errno, ENOSPC) << std::strerror(errno);
        break;
      }
    }
    ::close(fd);
    struct statvfs st;
    ASSERT_EQ(::statvfs(mnt_.c_str(), &st), 0);
    EXPECT_EQ(st.f_bavail, 0u);
  }

  ProcessResult Verify() {
    return RunProcess({PARAAT_SERVER_BIN, "verify", "--data-dir", data_}, {}, "", absl::Seconds(60));
  }

  // The idempotency keys present in the crisis log (from the entries' text).
  std::set<std::string> KeysInLog() {
    // Listed, not exported: an export needs a signed checkpoint, which the checkpointer cannot
    // write while the disk is full.
    v1::ListEntriesRequest req;
    req.set_crisis(crisis_);
    req.set_page_size(1000);
    v1::ListEntriesResponse resp;
    grpc::Status s = crises_->ListEntries(Ctx(coordinator_).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.next_after_seq(), 0);
    std::set<std::string> keys;
    for (const v1::Entry& e : resp.entries()) {
      if (e.text().rfind("disk-full ", 0) != 0) continue;
      const std::string key = e.text().substr(10, e.text().find(' ', 10) - 10);
      EXPECT_TRUE(keys.insert(key).second) << key << " is in the log twice";
    }
    return keys;
  }

  void ExpectDiskFull(const grpc::Status& s, const std::string& what) {
    EXPECT_THAT(s.error_code(), AnyOf(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                      grpc::StatusCode::UNAVAILABLE))
        << what << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr("disk")) << what;
    EXPECT_THAT(s.error_message(), HasSubstr("full")) << what;
  }

  std::string dir_, mnt_, logs_, data_, filler_;
  bool mounted_ = false;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
  std::unique_ptr<v1::CrisisService::Stub> crises_;
  std::unique_ptr<v1::RosterService::Stub> roster_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::string coordinator_, officer_;
  int64_t crisis_ = 0;
};

TEST_F(DiskFullTest, WritesFailClearlyReadsWorkAndServiceResumesWhenSpaceReturns) {
  ProcessResult init = RunProcess({PARAAT_SERVER_BIN, "init", "--data-dir", data_, "--demo"}, {}, "",
                            absl::Seconds(60));
  ASSERT_EQ(init.exit_code, 0) << init.err;
  server_ = std::make_unique<ServerProcess>(PARAAT_SERVER_BIN, data_, logs_);
  // With the HTTP side door, whose /healthz a monitor asks.
  ASSERT_TRUE(server_->Spawn({"--http-listen", "127.0.0.1:0"}).ok());
  ASSERT_TRUE(server_->WaitListening(absl::Seconds(30)).ok()) << server_->Stderr();
  const pid_t pid = server_->pid();
  int http_port = 0;
  {
    const std::string out = server_->Stdout();
    const std::string marker = "feeds on http://127.0.0.1:";
    const size_t at = out.find(marker);
    ASSERT_NE(at, std::string::npos) << out;
    http_port = std::atoi(out.c_str() + at + marker.size());
    ASSERT_GT(http_port, 0) << out;
  }
  auto health = [&] { return ::paraat::testing::HttpFetch(http_port, "GET", "/healthz"); };
  {
    const ::paraat::testing::HttpReply h = health();
    EXPECT_EQ(h.status, 200) << h.raw;
    EXPECT_EQ(h.body, "ok\n");
  }
  channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  auth_ = v1::AuthService::NewStub(channel_);
  crises_ = v1::CrisisService::NewStub(channel_);
  roster_ = v1::RosterService::NewStub(channel_);
  ledger_ = v1::LedgerService::NewStub(channel_);
  coordinator_ = Login("coordinator");
  officer_ = Login("officer");
  {
    v1::OpenCrisisRequest req;
    req.set_title("Hoog water Waal");
    req.set_type("flood");
    req.add_municipalities("druten");
    req.add_municipalities("wijchen");  // the officer's, who reads it below
    req.set_grip("1");
    req.set_text("High water expected on the Waal.");
    req.set_idempotency_key("disk-full-open");
    v1::OpenCrisisResponse resp;
    grpc::Status s = crises_->OpenCrisis(Ctx(coordinator_).get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    crisis_ = resp.crisis().id();
  }
  std::set<std::string> acked;
  for (int i = 0; i < 5; ++i) {
    v1::AppendEntryResponse resp;
    const std::string key = absl::StrCat("before-", i);
    grpc::Status s = Append(key, 200, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    acked.insert(key);
  }

  // The disk fills up.
  ASSERT_NO_FATAL_FAILURE(Fill());
  grpc::Status failure;
  std::set<std::string> failed;
  for (int i = 0; i < 4000 && failure.ok(); ++i) {
    v1::AppendEntryResponse resp;
    const std::string key = absl::StrCat("filling-", i);
    grpc::Status s = Append(key, 15000, &resp);
    if (s.ok()) {
      acked.insert(key);
    } else {
      failure = s;
      failed.insert(key);
    }
  }
  ASSERT_FALSE(failure.ok()) << "appends kept succeeding on a full disk";
  ExpectDiskFull(failure, "the first append on the full disk");
  // The monitor learns it: writes fail, since when, and why.
  {
    const ::paraat::testing::HttpReply h = health();
    EXPECT_EQ(h.status, 503) << h.raw;
    EXPECT_THAT(h.body, HasSubstr("writes fail since ")) << h.body;
    EXPECT_THAT(h.body, HasSubstr("full")) << h.body;
  }
  std::cout << "on the full disk, after " << acked.size() << " acknowledged appends: "
            << failure.error_message() << std::endl;

  // Several waiters in one group commit: each either fails with the disk error or is there.
  {
    std::vector<std::thread> threads;
    std::vector<grpc::Status> results(8);
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([this, i, &results] {
        v1::AppendEntryResponse resp;
        results[i] = Append(absl::StrCat("group-", i), 15000, &resp);
      });
    }
    for (std::thread& t : threads) t.join();
    int failures = 0;
    for (int i = 0; i < 8; ++i) {
      const std::string key = absl::StrCat("group-", i);
      if (results[i].ok()) {
        acked.insert(key);
      } else {
        ++failures;
        failed.insert(key);
        ExpectDiskFull(results[i], key);
      }
    }
    EXPECT_GT(failures, 0) << "every append of the group succeeded on a full disk";
  }
  // A roster change fails the same way (or, if it still fitted, is there: checked below).
  int64_t leave_id = 0;
  const absl::Time leave_start =
      absl::FromUnixSeconds((absl::ToUnixSeconds(absl::Now()) / 3600 + 24 * 60) * 3600);
  {
    v1::AddUnavailabilityRequest req;
    req.mutable_interval()->mutable_start()->set_seconds(absl::ToUnixSeconds(leave_start));
    req.mutable_interval()->mutable_end()->set_seconds(absl::ToUnixSeconds(leave_start) + 3600);
    req.set_reason("disk full");
    v1::AddUnavailabilityResponse resp;
    grpc::Status s = roster_->AddUnavailability(Ctx(officer_).get(), req, &resp);
    if (s.ok()) {
      leave_id = resp.unavailability().id();
    } else {
      ExpectDiskFull(s, "AddUnavailability");
    }
  }

  // Reads still work, and nothing of a failed write is there.
  {
    v1::GetOnCallRequest req;
    v1::GetOnCallResponse resp;
    grpc::Status s = roster_->GetOnCall(Ctx(officer_).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.pools_size(), 2);
    v1::ListCrisesRequest lc;
    v1::ListCrisesResponse crises;
    s = crises_->ListCrises(Ctx(officer_).get(), lc, &crises);
    EXPECT_TRUE(s.ok()) << s.error_message();
    v1::SearchEntriesRequest sr;
    sr.set_crisis(crisis_);
    sr.set_query("dike");
    v1::ListEntriesResponse found;
    s = crises_->SearchEntries(Ctx(officer_).get(), sr, &found);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_GT(found.entries_size(), 0);
  }
  EXPECT_EQ(KeysInLog(), acked);

  // The database is intact on the full disk.
  ProcessResult verify = Verify();
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_THAT(verify.out, HasSubstr("Everything verifies."));
  EXPECT_EQ(IntegrityCheck(data_ + "/paraat.db"), "ok");

  // Space returns: writing resumes in the same server process, and /healthz says so without
  // a user's write (a load balancer that took the server out sends it none).
  ASSERT_EQ(::unlink(filler_.c_str()), 0);
  {
    ::paraat::testing::HttpReply h;
    for (absl::Time deadline = absl::Now() + absl::Seconds(30); absl::Now() < deadline;) {
      h = health();
      if (h.status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    EXPECT_EQ(h.status, 200) << h.raw;
  }
  {
    v1::AppendEntryResponse resp;
    grpc::Status s = Append("after-space", 200, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    acked.insert("after-space");
  }
  {
    const ::paraat::testing::HttpReply h = health();
    EXPECT_EQ(h.status, 200) << h.raw;
  }
  // What failed was never written: retried with the same keys, the appends are new.
  for (const std::string& key : failed) {
    v1::AppendEntryResponse resp;
    grpc::Status s = Append(key, 15000, &resp);
    ASSERT_TRUE(s.ok()) << key << ": " << s.error_message();
    EXPECT_FALSE(resp.replayed()) << key << " was written although its append failed";
    acked.insert(key);
  }
  EXPECT_EQ(KeysInLog(), acked);
  {
    v1::ListUnavailabilityRequest req;
    req.mutable_from()->set_seconds(absl::ToUnixSeconds(leave_start));
    req.mutable_to()->set_seconds(absl::ToUnixSeconds(leave_start) + 3600);
    v1::ListUnavailabilityResponse resp;
    grpc::Status s = roster_->ListUnavailability(Ctx(officer_).get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.unavailability_size(), leave_id != 0 ? 1 : 0);
    v1::AddUnavailabilityRequest add;
    add.mutable_interval()->mutable_start()->set_seconds(absl::ToUnixSeconds(leave_start) + 7200);
    add.mutable_interval()->mutable_end()->set_seconds(absl::ToUnixSeconds(leave_start) + 10800);
    v1::AddUnavailabilityResponse added;
    s = roster_->AddUnavailability(Ctx(officer_).get(), add, &added);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  // The checkpointer catches up by itself (its periodic pass) and signs the whole log.
  const int64_t entries = static_cast<int64_t>(acked.size()) + 1;  // + the opening entry
  uint64_t signed_size = 0;
  for (absl::Time deadline = absl::Now() + absl::Seconds(20); absl::Now() < deadline;) {
    v1::GetCheckpointRequest req;
    req.set_crisis(crisis_);
    v1::GetCheckpointResponse resp;
    if (ledger_->GetCheckpoint(Ctx(officer_).get(), req, &resp).ok()) signed_size = resp.tree_size();
    if (static_cast<int64_t>(signed_size) == entries) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(static_cast<int64_t>(signed_size), entries);
  EXPECT_EQ(server_->pid(), pid);
  EXPECT_TRUE(server_->running()) << "the server must not need a restart";
  EXPECT_THAT(server_->Stderr(), HasSubstr("full"));
  // The operator's log says when writes began to fail, once, and when they worked again.
  const std::string log = server_->Stdout() + server_->Stderr();
  EXPECT_THAT(log, HasSubstr("ERROR storage  writes fail; reading still works")) << log;
  EXPECT_THAT(log, HasSubstr("INFO  storage  writes work again")) << log;

  // A clean stop checkpoints the WAL into the database; everything verifies.
  EXPECT_EQ(server_->Stop(), 0) << server_->Stderr();
  std::error_code ec;
  const auto wal = fs::file_size(data_ + "/paraat.db-wal", ec);
  EXPECT_TRUE(ec || wal == 0) << "the WAL still holds " << wal << " bytes after a clean stop";
  verify = Verify();
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_THAT(verify.out, HasSubstr("Everything verifies."));
  EXPECT_EQ(IntegrityCheck(data_ + "/paraat.db"), "ok");
}

// Starting on a full disk: the server either serves (reads work, writes fail clearly) or
// refuses to start naming the full disk; once there is space it serves normally.
TEST_F(DiskFullTest, StartingOnAFullDisk) {
  ProcessResult init = RunProcess({PARAAT_SERVER_BIN, "init", "--data-dir", data_, "--demo"}, {}, "",
                            absl::Seconds(60));
  ASSERT_EQ(init.exit_code, 0) << init.err;
  ASSERT_NO_FATAL_FAILURE(Fill());
  server_ = std::make_unique<ServerProcess>(PARAAT_SERVER_BIN, data_, logs_);
  absl::Status started = server_->Start();
  std::cout << "starting on a full disk: "
            << (started.ok() ? std::string("serves") : std::string(started.message()))
            << std::endl;
  v1::LoginRequest login;
  login.set_username("officer");
  {
    std::ifstream in(data_ + "/demo-accounts.txt");
    std::string u, pw, role;
    while (in >> u >> pw >> role) {
      if (u == "officer") login.set_password(pw);
    }
  }
  if (!started.ok()) {
    EXPECT_THAT(std::string(started.message()), HasSubstr("full")) << started;
    // Named as what it is, not as a foreign or damaged file (which would invite a restore).
    EXPECT_THAT(std::string(started.message()), Not(HasSubstr("not a Paraat database"))) << started;
  } else {
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    auth_ = v1::AuthService::NewStub(channel_);
    v1::LoginResponse resp;
    grpc::Status s = auth_->Login(Ctx("").get(), login, &resp);  // writes a session
    if (!s.ok()) {
      ExpectDiskFull(s, "Login on a full disk");
      // Said as what it means for the user before the storage's words.
      EXPECT_THAT(s.error_message(), ::testing::StartsWith("cannot log in now: the server cannot "
                                                           "store the session"));
    }
  }
  // Space returns: the server serves (started now if it could not start before).
  ASSERT_EQ(::unlink(filler_.c_str()), 0);
  if (!started.ok()) {
    ASSERT_TRUE(server_->Start().ok()) << server_->Stderr();
  }
  channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  auth_ = v1::AuthService::NewStub(channel_);
  roster_ = v1::RosterService::NewStub(channel_);
  v1::LoginResponse resp;
  grpc::Status s = auth_->Login(Ctx("").get(), login, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::GetOnCallResponse on_call;
  s = roster_->GetOnCall(Ctx(resp.token()).get(), v1::GetOnCallRequest(), &on_call);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(server_->Stop(), 0) << server_->Stderr();
  ProcessResult verify = Verify();
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(IntegrityCheck(data_ + "/paraat.db"), "ok");
}

}  // namespace
}  // namespace paraat::fault
