// SPDX-License-Identifier: EUPL-1.2
// `paraat-server backup` and `restore` (BackupDataDir, RestoreDataDir): a backup taken while
// several clients append to a crisis log restores into an empty directory, verifies, and holds
// every entry acknowledged before it started; restores that would overwrite something, or read
// something that is not a backup, are refused and change nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/ledger.grpc.pb.h"
#include "server/app/app.h"
#include "server/app/backup.h"
#include "server/storage/crisis_store.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;
using testing::TestServer;

constexpr int64_t kDemoCrisis = 1;

struct Acknowledged {
  int64_t seq = 0;
  std::string text;
};

// The text of every entry of `crisis` in the database file at `path`, by seq.
std::map<int64_t, std::string> EntriesIn(const std::string& path, int64_t crisis) {
  std::map<int64_t, std::string> out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK) << path;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT seq, text FROM entry WHERE crisis_id = ? ORDER BY seq", -1,
                               &st, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_bind_int64(st, 1, crisis);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out[sqlite3_column_int64(st, 0)] = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// The database's size in pages, as SQLite sees it (WAL included).
int64_t PageCount(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK) << path;
  sqlite3_stmt* st = nullptr;
  int64_t pages = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    pages = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return pages;
}

bool EmptyOrAbsent(const std::string& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
}

TEST(BackupTest, ABackupTakenUnderLoadRestoresVerifiesAndHoldsEveryAcknowledgedEntry) {
  std::unique_ptr<TestServer> server = TestServer::StartDemo();
  // A database of several megabytes, so that the copy takes a while the appends below go on
  // (it is one snapshot: in steps, each of their commits restarted it, and it could go on for
  // ever).
  const crisis::Author author{"coordinator", "Marieke Gerritsen"};
  const std::string filler(12 * 1024, 'x');
  for (int i = 0; i < 240; ++i) {
    crisis::AppendRequest r;
    r.crisis_id = kDemoCrisis;
    r.kind = crisis::EntryKind::kSituation;
    r.text = absl::StrCat("Bijlage ", i, " ", filler);
    r.idempotency_key = absl::StrCat("filler-", i);
    ASSERT_TRUE(server->app()
                    ->crises()
                    ->Append(author, r, [](const crisis::Crisis&) { return absl::OkStatus(); })
                    .ok());
  }
  ASSERT_GT(PageCount(server->data_dir() + "/paraat.db"), 2 * 256);

  const std::string token = server->LoginAs("coordinator");
  std::mutex mu;
  std::vector<Acknowledged> acknowledged;  // guarded by mu
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      auto stub = v1::CrisisService::NewStub(server->channel());
      for (int n = 0; !stop.load(); ++n) {
        v1::AppendEntryRequest req;
        req.set_crisis(kDemoCrisis);
        req.set_kind(v1::ENTRY_KIND_SITUATION);
        req.set_text(absl::StrCat("Melding ", t, "-", n, ": ", std::string(200, 'm')));
        req.set_idempotency_key(absl::StrCat("load-", t, "-", n));
        v1::AppendEntryResponse resp;
        auto ctx = TestServer::Context(token);
        grpc::Status s = stub->AppendEntry(ctx.get(), req, &resp);
        if (!s.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        acknowledged.push_back({resp.entry().seq(), req.text()});
      }
    });
  }

  const absl::Time load_start = absl::Now();
  absl::SleepFor(absl::Milliseconds(500));
  std::vector<Acknowledged> before_backup;
  {
    std::lock_guard<std::mutex> lock(mu);
    before_backup = acknowledged;
  }
  TempDir dir;
  const std::string backup_file = dir.File("paraat.backup");
  const absl::Time backup_start = absl::Now();
  absl::StatusOr<std::string> backup = app::BackupDataDir(server->data_dir(), backup_file);
  const absl::Duration backup_took = absl::Now() - backup_start;
  // Keep the load going for about two seconds in all.
  absl::SleepFor(std::max(absl::ZeroDuration(), absl::Seconds(2) - (absl::Now() - load_start)));
  stop = true;
  for (auto& w : writers) w.join();

  ASSERT_TRUE(backup.ok()) << backup.status();
  EXPECT_THAT(*backup, HasSubstr(absl::StrCat("Backed up ", server->data_dir(), "/paraat.db to ", backup_file)));
  EXPECT_LT(backup_took, absl::Seconds(10));
  EXPECT_EQ(failures.load(), 0);
  ASSERT_GT(before_backup.size(), 10u) << "the load did not run before the backup";
  size_t total;
  {
    std::lock_guard<std::mutex> lock(mu);
    total = acknowledged.size();
  }
  EXPECT_GT(total, before_backup.size()) << "the load did not run during the backup";

  // The backup file is private, like the data directory it copies.
  struct stat st;
  ASSERT_EQ(::stat(backup_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);

  const std::string restored = dir.File("restored");
  absl::StatusOr<std::string> report = app::RestoreDataDir(backup_file, restored);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(*report, HasSubstr(absl::StrCat("Restored ", backup_file, " into ", restored)));
  EXPECT_THAT(*report, HasSubstr("Everything verifies."));

  // Verified again on its own: every crisis log against its checkpoints, and the audit chain.
  absl::StatusOr<std::string> verified = app::VerifyDataDir(restored);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_THAT(*verified, HasSubstr("Checked 1 crisis logs"));
  EXPECT_THAT(*verified, HasSubstr("Everything verifies."));

  // Every entry acknowledged before the backup started is in it, unchanged.
  const std::map<int64_t, std::string> entries = EntriesIn(restored + "/paraat.db", kDemoCrisis);
  for (const Acknowledged& a : before_backup) {
    auto it = entries.find(a.seq);
    ASSERT_NE(it, entries.end()) << "entry " << a.seq << " is missing";
    EXPECT_EQ(it->second, a.text) << "entry " << a.seq;
  }
  // The log has no holes.
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.begin()->first, 1);
  EXPECT_EQ(entries.rbegin()->first, static_cast<int64_t>(entries.size()));

  // The restored directory serves, and signs as the same installation.
  absl::StatusOr<std::string> key = app::PublicKeyOf(server->data_dir());
  absl::StatusOr<std::string> restored_key = app::PublicKeyOf(restored);
  ASSERT_TRUE(key.ok()) << key.status();
  ASSERT_TRUE(restored_key.ok()) << restored_key.status();
  EXPECT_EQ(*restored_key, *key);
  server.reset();
  app::ServerOptions o;
  o.data_dir = restored;
  o.listen = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<app::App>> a = app::App::Start(o);
  ASSERT_TRUE(a.ok()) << a.status();
  absl::StatusOr<crisis::Crisis> c = (*a)->crises()->GetCrisis(kDemoCrisis);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->title, "Opvang vluchtelingen");
  (*a)->Shutdown(absl::Seconds(2));
}

TEST(BackupTest, RefusedRestoresChangeNothing) {
  std::unique_ptr<TestServer> server = TestServer::StartDemo();
  TempDir dir;
  const std::string backup_file = dir.File("paraat.backup");
  absl::StatusOr<std::string> backup = app::BackupDataDir(server->data_dir(), backup_file);
  ASSERT_TRUE(backup.ok()) << backup.status();

  // A backup never overwrites a file.
  absl::StatusOr<std::string> again = app::BackupDataDir(server->data_dir(), backup_file);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().message(),
            absl::StrCat(backup_file, " exists; a backup never overwrites a file"));

  // Not into a directory that holds anything.
  const std::string occupied = dir.File("occupied");
  std::filesystem::create_directory(occupied);
  { std::ofstream(occupied + "/notes.txt") << "mine\n"; }
  absl::StatusOr<std::string> over = app::RestoreDataDir(backup_file, occupied);
  EXPECT_EQ(over.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(over.status().message(),
            absl::StrCat(occupied, " is not empty; restore only into an empty (or new) data directory"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(occupied), std::filesystem::directory_iterator()), 1);

  // Not from a file that is not a backup: a text file, or a Paraat database without the key.
  const std::string text_file = dir.File("notes.txt");
  { std::ofstream(text_file) << std::string(8192, 'n'); }
  struct Case {
    std::string name;
    std::string input;
    absl::StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"a text file", text_file, absl::StatusCode::kFailedPrecondition,
       absl::StrCat(text_file, " is not a Paraat backup (no key inside)")},
      {"a bare database", server->data_dir() + "/paraat.db", absl::StatusCode::kFailedPrecondition,
       absl::StrCat(server->data_dir(), "/paraat.db is not a Paraat backup (no key inside)")},
      {"nothing", dir.File("absent.backup"), absl::StatusCode::kNotFound,
       absl::StrCat("cannot read ", dir.File("absent.backup"))},
  };
  const std::string target = dir.File("target");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<std::string> r = app::RestoreDataDir(c.input, target);
    EXPECT_EQ(r.status().code(), c.code) << r.status();
    EXPECT_EQ(r.status().message(), c.message);
    EXPECT_TRUE(EmptyOrAbsent(target));
  }

  // The refusals left the target usable.
  absl::StatusOr<std::string> restored = app::RestoreDataDir(backup_file, target);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_THAT(*restored, HasSubstr("Everything verifies."));
}

// The schema version of the database file at `path`, read without SQLite's right to write.
int64_t SchemaVersion(const std::string& path) {
  sqlite3* db = nullptr;
  int64_t v = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return v;
}

void Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
      << (err != nullptr ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// New binaries next to a database of the previous schema (installed, not yet restarted): the
// nightly backup and a verify leave it as it is, so the old server keeps running on what it
// knows and the backup can roll back. Only the server that starts on it, or a restore made
// for this build, upgrades it.
TEST(BackupTest, OnlyStartingTheServerUpgradesAnOlderSchema) {
  TempDir dir;
  const std::string data = dir.File("data");
  ASSERT_TRUE(app::InitDataDir(data, /*demo=*/true).ok());
  const std::string db = data + "/paraat.db";
  const int64_t latest = SchemaVersion(db);
  // Back to the previous schema: migration 8 dropped this trigger.
  Exec(db, absl::StrCat("CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN INSERT INTO "
                        "entry_fts(rowid, text) VALUES (new.id, new.text); END; "
                        "PRAGMA user_version = ", latest - 1));

  absl::StatusOr<std::string> verified = app::VerifyDataDir(data);
  EXPECT_EQ(verified.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(verified.status().message()),
              HasSubstr(absl::StrCat("has schema version ", latest - 1,
                                     ", older than this paraat-server's (", latest,
                                     "), and was left untouched")));
  EXPECT_EQ(app::PublicKeyOf(data).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(SchemaVersion(db), latest - 1);

  const std::string backup_file = dir.File("paraat.backup");
  absl::StatusOr<std::string> backup = app::BackupDataDir(data, backup_file);
  ASSERT_TRUE(backup.ok()) << backup.status();
  EXPECT_EQ(SchemaVersion(db), latest - 1);
  EXPECT_EQ(SchemaVersion(backup_file), latest - 1);

  // Restored for this build: upgraded, and it verifies; the backup keeps its schema.
  absl::StatusOr<std::string> restored = app::RestoreDataDir(backup_file, dir.File("restored"));
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_THAT(*restored, HasSubstr("Everything verifies."));
  EXPECT_EQ(SchemaVersion(dir.File("restored") + "/paraat.db"), latest);
  EXPECT_EQ(SchemaVersion(backup_file), latest - 1);
}

// A backup whose log was edited restores, fails its verification, and is taken out again: no
// server can be started on it by mistake. The backup itself stays for inspection.
TEST(BackupTest, ARestoreThatDoesNotVerifyIsUndone) {
  TempDir dir;
  const std::string data = dir.File("data");
  ASSERT_TRUE(app::InitDataDir(data, /*demo=*/true).ok());
  const std::string backup_file = dir.File("paraat.backup");
  ASSERT_TRUE(app::BackupDataDir(data, backup_file).ok());
  Exec(backup_file, "DROP TRIGGER entry_no_update; UPDATE entry SET text = 'Geen evacuatie' "
                    "WHERE crisis_id = 1 AND seq = 3");
  const std::string target = dir.File("target");
  absl::StatusOr<std::string> r = app::RestoreDataDir(backup_file, target);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("FAILED: crisis 1"));
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr(absl::StrCat("The restore was undone: ", target, " holds nothing of it (",
                                     backup_file, " was not changed)")));
  EXPECT_TRUE(EmptyOrAbsent(target));
  struct stat st;
  EXPECT_EQ(::stat(backup_file.c_str(), &st), 0);
  // When that backup is all there is, it can be kept, with the report of what failed.
  absl::StatusOr<std::string> kept = app::RestoreDataDir(backup_file, target, /*keep_unverified=*/true);
  EXPECT_EQ(kept.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(kept.status().message()), HasSubstr("FAILED: crisis 1"));
  EXPECT_THAT(std::string(kept.status().message()),
              HasSubstr(absl::StrCat("Kept as asked (--keep-unverified): ", target, " holds the restore")));
  EXPECT_EQ(::stat((target + "/paraat.db").c_str(), &st), 0);
}

// A backup that cannot be written whole (here: the file may not grow beyond 64 KiB, as on a
// full disk) leaves no partial file behind that would pass for a backup or block the next one.
TEST(BackupTest, AFailedBackupLeavesNothingBehind) {
  TempDir dir;
  ASSERT_TRUE(app::InitDataDir(dir.File("data"), /*demo=*/true).ok());
  const std::string output = dir.File("backup.db");
  struct rlimit before;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &before), 0);
  void (*old_handler)(int) = ::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = before;
  small.rlim_cur = 64 * 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  absl::StatusOr<std::string> r = app::BackupDataDir(dir.File("data"), output);
  ::setrlimit(RLIMIT_FSIZE, &before);
  ::signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr(output));
  struct stat st;
  EXPECT_NE(::stat(output.c_str(), &st), 0) << "a partial backup was left";
  // The next attempt, with room, succeeds.
  EXPECT_TRUE(app::BackupDataDir(dir.File("data"), output).ok());
}

// A backup, in `backup_file`, of the demo once its crisis log's first checkpoint is signed
// (within a second of the demo's appends).
void BackupWithSignedCheckpoints(const std::string& backup_file) {
  std::unique_ptr<TestServer> server = TestServer::StartDemo();
  auto ledger = v1::LedgerService::NewStub(server->channel());
  const std::string token = server->LoginAs("coordinator");
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (absl::Now() < deadline) {
    v1::GetCheckpointRequest req;
    req.set_crisis(kDemoCrisis);
    v1::GetCheckpointResponse cp;
    auto ctx = TestServer::Context(token);
    if (ledger->GetCheckpoint(ctx.get(), req, &cp).ok()) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_TRUE(app::BackupDataDir(server->data_dir(), backup_file).ok());
}

// Another installation's signing key in place of this one's is refused once checkpoints were
// signed: it would sign as another server. Before anything was signed, a new key simply takes
// the place of a lost one. A key whose database is gone is not given a new database by init.
TEST(BackupTest, AnotherInstallationsKeyIsRefusedAndAKeyWithoutItsDatabaseIsNotReused) {
  TempDir dir;
  const std::string a = dir.File("a");
  const std::string b = dir.File("b");
  ASSERT_NO_FATAL_FAILURE(BackupWithSignedCheckpoints(dir.File("a.db")));
  ASSERT_TRUE(app::RestoreDataDir(dir.File("a.db"), a).ok());
  ASSERT_TRUE(app::InitDataDir(b, /*demo=*/false).ok());
  absl::StatusOr<std::string> own = app::PublicKeyOf(a);
  ASSERT_TRUE(own.ok()) << own.status();
  std::filesystem::copy_file(a + "/checkpoint-key.pem", dir.File("a.pem"));
  std::filesystem::copy_file(b + "/checkpoint-key.pem", a + "/checkpoint-key.pem",
                             std::filesystem::copy_options::overwrite_existing);
  absl::StatusOr<std::string> other = app::PublicKeyOf(a);
  EXPECT_EQ(other.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(other.status().message()),
              HasSubstr(absl::StrCat("the signing key ", a,
                                     "/checkpoint-key.pem is not the key of this database")));
  EXPECT_THAT(std::string(other.status().message()), HasSubstr(*own));
  EXPECT_EQ(app::VerifyDataDir(a).status().code(), absl::StatusCode::kFailedPrecondition);

  // b signed nothing yet: its key lost, a new one takes its place (the server would make it).
  std::filesystem::copy_file(dir.File("a.pem"), b + "/checkpoint-key.pem",
                             std::filesystem::copy_options::overwrite_existing);
  absl::StatusOr<std::string> replaced = app::PublicKeyOf(b);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_EQ(replaced->substr(replaced->rfind('+')), own->substr(own->rfind('+')));

  // b's database is gone (an empty file left): init does not make a new one under its key.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(b + "/paraat.db" + suffix);
  }
  { std::ofstream(b + "/paraat.db"); }
  absl::StatusOr<std::string> again = app::InitDataDir(b, /*demo=*/false);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(again.status().message()),
              HasSubstr("holds the signing key of an installation"));
}

// Without its signing key a data directory whose logs were signed is not started, verified or
// asked for its key: a new key would sign as another server.
TEST(BackupTest, AMissingSigningKeyIsNotReplacedWhenCheckpointsWereSigned) {
  TempDir dir;
  const std::string data = dir.File("data");
  ASSERT_NO_FATAL_FAILURE(BackupWithSignedCheckpoints(dir.File("b.db")));
  ASSERT_TRUE(app::RestoreDataDir(dir.File("b.db"), data).ok());
  ASSERT_EQ(::unlink((data + "/checkpoint-key.pem").c_str()), 0);
  app::ServerOptions o;
  o.data_dir = data;
  o.listen = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<app::App>> started = app::App::Start(o);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(started.status().message(),
              HasSubstr(absl::StrCat("the signing key ", data,
                                     "/checkpoint-key.pem is missing, but ")));
  EXPECT_FALSE(app::VerifyDataDir(data).ok());
  EXPECT_FALSE(app::PublicKeyOf(data).ok());
  struct stat st;
  EXPECT_NE(::stat((data + "/checkpoint-key.pem").c_str(), &st), 0);  // none was made
}

}  // namespace
}  // namespace paraat
