// SPDX-License-Identifier: EUPL-1.2
#include "fuzz/support/service_world.h"

#include <google/protobuf/text_format.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "fuzz/support/proto_mutator.h"
#include "server/app/app.h"
#include "server/app/checkpointer.h"
#include "server/app/data_dir.h"
#include "server/app/seed.h"
#include "server/auth/credentials.h"
#include "server/log/log.h"
#include "server/service/audit_service.h"
#include "server/service/auth_service.h"
#include "server/service/authorization.h"
#include "server/service/capacity_service.h"
#include "server/service/crisis_service.h"
#include "server/service/crisis_stream.h"
#include "server/service/directory_service.h"
#include "server/service/feed_service.h"
#include "server/service/roster_service.h"
#include "server/service/server_service.h"
#include "server/storage/account_store.h"
#include "server/storage/capacity_store.h"
#include "server/storage/crisis_store.h"
#include "server/storage/database.h"
#include "server/storage/directory_store.h"
#include "server/storage/feed_store.h"
#include "server/storage/roster_store.h"

namespace paraat::fuzz {

namespace {

// Each caller's username and the bearer token the harness gives it.
struct CallerInfo {
  const char* name;
  const char* username;  // "" for none
  const char* token;     // "" for no header
};

constexpr CallerInfo kCallers[kCallerCount] = {
    {"no-token", "", ""},
    {"bad-token", "", "not-a-session-anybody-was-given"},
    {"officer", "officer", "fuzz-officer-session"},
    {"coordinator", "coordinator", "fuzz-coordinator-session"},
    {"administrator", "administrator", "fuzz-administrator-session"},
    {"municipal-admin", "beheer.druten", "fuzz-municipal-admin-session"},
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz harness: %s\n", what.c_str());
  std::abort();
}

template <class T>
T Must(absl::StatusOr<T> v, absl::string_view what) {
  if (!v.ok()) Die(absl::StrCat(what, ": ", v.status().ToString()));
  return *std::move(v);
}

void Must(const absl::Status& s, absl::string_view what) {
  if (!s.ok()) Die(absl::StrCat(what, ": ", s.ToString()));
}

std::string MakeScratchDir() {
  std::string base;
  if (const char* d = std::getenv("PARAAT_FUZZ_DIR"); d != nullptr && *d != '\0') {
    base = d;
  } else if (::access("/dev/shm", W_OK) == 0) {
    base = "/dev/shm";
  } else if (const char* t = std::getenv("TMPDIR"); t != nullptr && *t != '\0') {
    base = t;
  } else {
    base = "/tmp";
  }
  std::string tmpl = base + "/paraat-fuzz-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) Die(absl::StrCat("cannot make a directory in ", base));
  return tmpl;
}

void RemoveWal(const std::string& db) {
  std::error_code ec;
  std::filesystem::remove(db + "-wal", ec);
  std::filesystem::remove(db + "-shm", ec);
}

}  // namespace

const char* CallerName(Caller c) { return kCallers[static_cast<int>(c)].name; }
const char* CallerToken(Caller c) { return kCallers[static_cast<int>(c)].token; }

CallContext::CallContext(Caller caller)
    : spouse_(std::make_unique<grpc::testing::ServerContextTestSpouse>(&ctx_)) {
  const char* token = kCallers[static_cast<int>(caller)].token;
  if (*token != '\0') spouse_->AddClientMetadata("authorization", absl::StrCat("Bearer ", token));
}

CallContext::~CallContext() = default;

ServiceWorld& ServiceWorld::Get() {
  static ServiceWorld* const world = [] {
    log::SetMinimumLevel(log::Level::kError);
    auto* w = new ServiceWorld();
    w->Seed();
    w->Open();
    return w;
  }();
  return *world;
}

ServiceWorld::~ServiceWorld() {
  Close();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void ServiceWorld::Seed() {
  dir_ = MakeScratchDir();
  Must(app::InitDataDir(dir_, /*demo=*/true).status(), "paraat-server init --demo");
  app::DataDirPaths paths{dir_};
  auto db = Must(storage::Database::Open(paths.database(), storage::OpenMode::kExisting),
                 "opening the demo database");
  auto accounts = storage::NewSqliteAccountStore(db.get());
  // A municipal administrator: the demo has only regional ones.
  const std::string hash = Must(auth::HashPassword("fuzz-municipal-admin-password"), "hashing");
  Must(accounts
           ->CreateAccount("system",
                           directory::Account{"beheer.druten", "c.peters",
                                              directory::Role::kAdministrator, "druten", true},
                           hash, [](const directory::Person&) { return absl::OkStatus(); })
           .status(),
       "creating beheer.druten");
  // A session per caller, long-lived, without spending an argon2id hash per login.
  for (const CallerInfo& c : kCallers) {
    if (*c.username == '\0') continue;
    const storage::LoginRecord rec = Must(accounts->FindLogin(c.username), c.username);
    Must(accounts->RecordLogin(rec.account_id, auth::TokenHash(c.token),
                               absl::Now() + absl::Hours(24 * 365))
             .status(),
         "storing a session");
  }
  // The checkpoints of the demo crisis, so exports and proofs work from the first call.
  {
    auto crises = storage::NewSqliteCrisisStore(db.get());
    app::LedgerIdentity identity = Must(app::LoadLedgerIdentity(paths, *db, false), "ledger key");
    app::Checkpointer checkpointer(crises.get(), &identity);
    Must(checkpointer.SignPending().status(), "signing the demo checkpoints");
    checkpointer.Stop();
  }
  accounts.reset();
  db->Close();
  db.reset();
  snapshot_ = paths.database() + ".seeded";
  RemoveWal(paths.database());
  std::filesystem::copy_file(paths.database(), snapshot_,
                             std::filesystem::copy_options::overwrite_existing);
}

void ServiceWorld::Open() {
  app::DataDirPaths paths{dir_};
  db_ = Must(storage::Database::Open(paths.database(), storage::OpenMode::kExisting),
             "opening the database");
  directory_store_ = storage::NewSqliteDirectoryStore(db_.get());
  accounts_ = storage::NewSqliteAccountStore(db_.get());
  roster_store_ = storage::NewSqliteRosterStore(db_.get());
  crises_ = storage::NewSqliteCrisisStore(db_.get());
  capacity_store_ = storage::NewSqliteCapacityStore(db_.get());
  feeds_ = storage::NewSqliteFeedStore(db_.get());
  ledger_identity_ = std::make_unique<app::LedgerIdentity>(
      Must(app::LoadLedgerIdentity(paths, *db_, false), "ledger key"));
  checkpointer_ = std::make_unique<app::Checkpointer>(crises_.get(), ledger_identity_.get());
  hub_ = std::make_unique<service::CrisisHub>();
  crises_->SetAppendObserver([this](const crisis::Entry& e) {
    checkpointer_->Poke();
    hub_->Publish(e);
  });
  authorizer_ = std::make_unique<service::Authorizer>(accounts_.get(), absl::Hours(12));
  service::ServiceContext sc;
  sc.authorizer = authorizer_.get();
  auth_ = std::make_unique<service::AuthServiceImpl>(sc, accounts_.get(), absl::Hours(12));
  directory_service_ =
      std::make_unique<service::DirectoryServiceImpl>(sc, directory_store_.get());
  roster_service_ = std::make_unique<service::RosterServiceImpl>(sc, roster_store_.get(),
                                                                 directory_store_.get(), db_.get());
  feed_service_ = std::make_unique<service::FeedServiceImpl>(sc, feeds_.get(), roster_store_.get(),
                                                             "https://paraat.example.nl");
  crisis_service_ = std::make_unique<service::CrisisServiceImpl>(
      sc, crises_.get(), directory_store_.get(), ledger_identity_->verifier_key,
      capacity_store_.get());
  ledger_service_ = std::make_unique<service::LedgerServiceImpl>(
      sc, crises_.get(), ledger_identity_->verifier_key, ledger_identity_->key_name);
  capacity_service_ =
      std::make_unique<service::CapacityServiceImpl>(sc, capacity_store_.get(), crises_.get());
  stream_service_ =
      std::make_unique<service::CrisisStreamServiceImpl>(sc, crises_.get(), hub_.get());
  audit_service_ = std::make_unique<service::AuditServiceImpl>(sc, db_.get(), accounts_.get());
  server_service_ = std::make_unique<service::ServerServiceImpl>(
      sc, app::Version(), db_->schema_version(), app::RegionName(*db_));
}

void ServiceWorld::Close() {
  if (db_ == nullptr) return;
  if (hub_ != nullptr) hub_->Shutdown();
  if (checkpointer_ != nullptr) checkpointer_->Stop();
  server_service_.reset();
  audit_service_.reset();
  stream_service_.reset();
  capacity_service_.reset();
  ledger_service_.reset();
  crisis_service_.reset();
  feed_service_.reset();
  roster_service_.reset();
  directory_service_.reset();
  auth_.reset();
  authorizer_.reset();
  checkpointer_.reset();
  hub_.reset();
  db_->Close();
  feeds_.reset();
  capacity_store_.reset();
  crises_.reset();
  roster_store_.reset();
  accounts_.reset();
  directory_store_.reset();
  ledger_identity_.reset();
  db_.reset();
}

void ServiceWorld::Reset() {
  Close();
  const std::string db = app::DataDirPaths{dir_}.database();
  RemoveWal(db);
  std::filesystem::copy_file(snapshot_, db, std::filesystem::copy_options::overwrite_existing);
  Open();
}

void ServiceWorld::BeforeCall() {
  if (++calls_ >= reset_every_) {
    calls_ = 0;
    Reset();
  }
}

namespace {

bool NeedsNoToken(const Method& m) { return m.name == "Login"; }

[[noreturn]] void Report(const Method& m, Caller caller, const google::protobuf::Message& request,
                         const grpc::Status& status, absl::string_view problem) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(request, &text);
  std::fprintf(stderr,
               "\n==== Paraat fuzz invariant violated ====\n"
               "problem: %s\nmethod:  %s\ncaller:  %s\nstatus:  %d %s\nrequest:\n%s\n",
               std::string(problem).c_str(), m.name.c_str(), CallerName(caller),
               static_cast<int>(status.error_code()), status.error_message().c_str(),
               text.c_str());
  std::abort();
}

}  // namespace

int RunServiceInput(const std::vector<Method>& methods, const uint8_t* data, size_t size) {
  if (size < 2) return -1;
  const Method& m = methods[data[0] % methods.size()];
  const Caller caller = static_cast<Caller>(data[1] % kCallerCount);
  std::unique_ptr<google::protobuf::Message> request(m.request_type->New());
  // gRPC refuses a request that does not parse (e.g. a string that is not UTF-8) before any
  // handler sees it.
  if (!request->ParseFromArray(data + 2, static_cast<int>(size - 2))) return -1;
  ServiceWorld& world = ServiceWorld::Get();
  world.BeforeCall();
  CallContext ctx(caller);
  std::string response_problem;
  const grpc::Status status = m.call(world, ctx.get(), *request, &response_problem);
  if (!response_problem.empty()) Report(m, caller, *request, status, response_problem);
  if (status.ok()) {
    if ((caller == Caller::kNoToken || caller == Caller::kBadToken) && !NeedsNoToken(m)) {
      Report(m, caller, *request, status, "a call without a valid session succeeded");
    }
    return 0;
  }
  if (status.error_message().empty()) {
    Report(m, caller, *request, status, "a non-OK status without a message");
  }
  switch (status.error_code()) {
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
      Report(m, caller, *request, status,
             "bad input gave INTERNAL, UNKNOWN or DATA_LOSS (must be a client error code)");
    default:
      break;
  }
  if ((caller == Caller::kNoToken || caller == Caller::kBadToken) && !NeedsNoToken(m) &&
      status.error_code() != grpc::StatusCode::UNAUTHENTICATED) {
    Report(m, caller, *request, status, "a call without a valid session was not UNAUTHENTICATED");
  }
  return 0;
}

size_t MutateServiceInput(const std::vector<Method>& methods, uint8_t* data, size_t size,
                          size_t max_size, unsigned int seed) {
  ProtoMutator mutator(seed);
  if (size < 2 || max_size < 2) {
    if (max_size < 2) return size;
    data[0] = static_cast<uint8_t>(mutator.Below(256));
    data[1] = static_cast<uint8_t>(mutator.Below(256));
    return 2;
  }
  const unsigned choice = mutator.Below(100);
  if (choice < 4) {
    // Another method: keep the bytes (fields may mean something there too) or start empty.
    data[0] = static_cast<uint8_t>(mutator.Below(static_cast<unsigned>(methods.size())));
    return mutator.Below(2) == 0 ? size : 2;
  }
  if (choice < 10) {
    data[1] = static_cast<uint8_t>(mutator.Below(kCallerCount));
    return size;
  }
  if (choice < 18) {
    // Plain byte-level mutation of the request (libFuzzer's own).
    return 2 + mutator.RawMutate(data + 2, size - 2, max_size - 2);
  }
  const Method& m = methods[data[0] % methods.size()];
  std::unique_ptr<google::protobuf::Message> request(m.request_type->New());
  if (!request->ParseFromArray(data + 2, static_cast<int>(size - 2))) request->Clear();
  const int rounds = 1 + static_cast<int>(mutator.Below(3));
  for (int i = 0; i < rounds; ++i) mutator.Mutate(request.get());
  std::string wire;
  if (!request->SerializeToString(&wire) || wire.size() + 2 > max_size) {
    return 2 + mutator.RawMutate(data + 2, size - 2, max_size - 2);
  }
  std::copy(wire.begin(), wire.end(), data + 2);
  return wire.size() + 2;
}

void MaybeWriteSeeds(const std::vector<Method>& methods, const std::vector<Seed>& seeds) {
  const char* dir = std::getenv("PARAAT_FUZZ_WRITE_SEEDS");
  if (dir == nullptr || *dir == '\0') return;
  std::filesystem::create_directories(dir);
  int n = 0;
  for (const Seed& s : seeds) {
    size_t index = methods.size();
    for (size_t i = 0; i < methods.size(); ++i) {
      if (methods[i].name == s.method) index = i;
    }
    if (index == methods.size()) Die(absl::StrCat("seed for unknown method ", s.method));
    std::unique_ptr<google::protobuf::Message> request(methods[index].request_type->New());
    if (!google::protobuf::TextFormat::ParseFromString(s.request, request.get())) {
      Die(absl::StrCat("seed for ", s.method, " is not valid text format: ", s.request));
    }
    std::string bytes;
    bytes.push_back(static_cast<char>(index));
    bytes.push_back(static_cast<char>(s.caller));
    bytes += request->SerializeAsString();
    const std::string path =
        absl::StrCat(dir, "/seed-", s.method, "-", CallerName(s.caller), "-", ++n);
    std::ofstream(path, std::ios::binary) << bytes;
  }
  std::fprintf(stderr, "wrote %d seeds to %s\n", n, dir);
  std::exit(0);
}

}  // namespace paraat::fuzz
