// SPDX-License-Identifier: EUPL-1.2
// The server as the fuzz targets of the gRPC services see it: a real data directory with the
// Tweestromenland demo (SQLite, the writer thread, the checkpoint signer), the service
// implementations wired exactly as server/app/app.cc wires them, and one session per kind of
// caller. Handlers are called in-process and directly (no channel, no serialization), with a
// grpc::ServerContext that carries the caller's bearer token.
//
// The database is put back to its seeded state every `reset_every` calls, so what earlier
// inputs wrote (people, entries, revoked sessions, locked accounts) does not pile up and an
// input found by the fuzzer reproduces from a fresh start.
#ifndef PARAAT_FUZZ_SUPPORT_SERVICE_WORLD_H_
#define PARAAT_FUZZ_SUPPORT_SERVICE_WORLD_H_

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace grpc::testing {
class ServerContextTestSpouse;
}

namespace paraat::storage {
class Database;
class DirectoryStore;
class AccountStore;
class RosterStore;
class FeedStore;
class CrisisStore;
class CapacityStore;
}  // namespace paraat::storage

namespace paraat::app {
struct LedgerIdentity;
class Checkpointer;
}  // namespace paraat::app

namespace paraat::service {
class Authorizer;
class CrisisHub;
class AuthServiceImpl;
class DirectoryServiceImpl;
class RosterServiceImpl;
class FeedServiceImpl;
class CrisisServiceImpl;
class LedgerServiceImpl;
class CapacityServiceImpl;
class CrisisStreamServiceImpl;
class AuditServiceImpl;
class ServerServiceImpl;
}  // namespace paraat::service

namespace paraat::fuzz {

// Who calls. The fuzz input picks one per call.
enum class Caller {
  kNoToken,        // no authorization header
  kBadToken,       // a well-formed header with a token nobody issued
  kOfficer,        // demo "officer" (h.devries, scope wijchen)
  kCoordinator,    // demo "coordinator" (regional)
  kAdministrator,  // demo "administrator" (regional)
  kMunicipalAdmin, // "beheer.druten": administrator scoped to druten (made by the harness)
};
inline constexpr int kCallerCount = 6;
const char* CallerName(Caller c);
// The bearer token the harness gave the caller ("" for none).
const char* CallerToken(Caller c);

// A server context as a handler sees it for `caller`'s call.
class CallContext {
 public:
  explicit CallContext(Caller caller);
  ~CallContext();
  grpc::ServerContext* get() { return &ctx_; }

 private:
  grpc::ServerContext ctx_;
  std::unique_ptr<grpc::testing::ServerContextTestSpouse> spouse_;
};

class ServiceWorld {
 public:
  // The one world of this process, made on first use in a fresh directory under
  // $PARAAT_FUZZ_DIR, else /dev/shm (fsync is free there), else $TMPDIR or /tmp.
  static ServiceWorld& Get();

  // Called before every input: puts the database back to its seeded state every
  // `reset_every` calls.
  void BeforeCall();
  void set_reset_every(int n) { reset_every_ = n; }

  // Puts the database back to its seeded state now.
  void Reset();

  service::AuthServiceImpl* auth() { return auth_.get(); }
  service::DirectoryServiceImpl* directory() { return directory_service_.get(); }
  service::RosterServiceImpl* roster() { return roster_service_.get(); }
  service::FeedServiceImpl* feed() { return feed_service_.get(); }
  service::CrisisServiceImpl* crisis() { return crisis_service_.get(); }
  service::LedgerServiceImpl* ledger() { return ledger_service_.get(); }
  service::CapacityServiceImpl* capacity() { return capacity_service_.get(); }
  service::CrisisStreamServiceImpl* crisis_stream() { return stream_service_.get(); }
  service::AuditServiceImpl* audit() { return audit_service_.get(); }
  service::ServerServiceImpl* server() { return server_service_.get(); }
  storage::CrisisStore* crisis_store() { return crises_.get(); }
  const std::string& data_dir() const { return dir_; }

  ~ServiceWorld();

 private:
  ServiceWorld() = default;
  void Seed();
  void Open();
  void Close();

  std::string dir_;
  std::string snapshot_;  // the seeded database file
  int reset_every_ = 500;
  int calls_ = 0;

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::DirectoryStore> directory_store_;
  std::unique_ptr<storage::AccountStore> accounts_;
  std::unique_ptr<storage::RosterStore> roster_store_;
  std::unique_ptr<storage::CrisisStore> crises_;
  std::unique_ptr<storage::CapacityStore> capacity_store_;
  std::unique_ptr<storage::FeedStore> feeds_;
  std::unique_ptr<app::LedgerIdentity> ledger_identity_;
  std::unique_ptr<app::Checkpointer> checkpointer_;
  std::unique_ptr<service::CrisisHub> hub_;
  std::unique_ptr<service::Authorizer> authorizer_;
  std::unique_ptr<service::AuthServiceImpl> auth_;
  std::unique_ptr<service::DirectoryServiceImpl> directory_service_;
  std::unique_ptr<service::RosterServiceImpl> roster_service_;
  std::unique_ptr<service::FeedServiceImpl> feed_service_;
  std::unique_ptr<service::CrisisServiceImpl> crisis_service_;
  std::unique_ptr<service::LedgerServiceImpl> ledger_service_;
  std::unique_ptr<service::CapacityServiceImpl> capacity_service_;
  std::unique_ptr<service::CrisisStreamServiceImpl> stream_service_;
  std::unique_ptr<service::AuditServiceImpl> audit_service_;
  std::unique_ptr<service::ServerServiceImpl> server_service_;
};

// One RPC of a service, callable with a request message of its type.
struct Method {
  std::string name;                                // "ListPeople"
  const google::protobuf::Message* request_type;   // the request's default instance
  // Calls the handler. On OK, `response_problem` is set when the response would not reach a
  // client intact (does not serialize, or does not parse back).
  std::function<grpc::Status(ServiceWorld&, grpc::ServerContext*, const google::protobuf::Message&,
                             std::string* response_problem)>
      call;
};

template <class Getter, class Impl, class Req, class Resp>
Method MakeMethod(const char* name, Getter getter,
                  grpc::Status (Impl::*handler)(grpc::ServerContext*, const Req*, Resp*)) {
  Method m;
  m.name = name;
  m.request_type = &Req::default_instance();
  m.call = [getter, handler](ServiceWorld& world, grpc::ServerContext* ctx,
                             const google::protobuf::Message& request,
                             std::string* response_problem) {
    Resp response;
    grpc::Status status =
        (getter(world)->*handler)(ctx, static_cast<const Req*>(&request), &response);
    if (status.ok()) {
      std::string wire;
      Resp back;
      if (!response.SerializeToString(&wire)) {
        *response_problem = "the response does not serialize";
      } else if (!back.ParseFromString(wire)) {
        *response_problem =
            "the response does not parse back (a string field is not valid UTF-8?)";
      }
    }
    return status;
  };
  return m;
}

// PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, AppendEntry)
#define PARAAT_FUZZ_METHOD(getter, Impl, Name)                                                \
  ::paraat::fuzz::MakeMethod(                                                                 \
      #Name, [](::paraat::fuzz::ServiceWorld& w) { return w.getter(); }, &::paraat::service::Impl::Name)

// A seed for the corpus: a method, a caller and the request in protobuf text format.
struct Seed {
  const char* method;
  Caller caller;
  const char* request;  // text format
};

// The whole fuzz target of a service: the input is one byte choosing the method, one byte
// choosing the caller, then the request's wire bytes. An input whose request does not parse
// is ignored (gRPC refuses it before any handler runs). Checks after every call:
//   - a non-OK status has a message;
//   - no status is INTERNAL, UNKNOWN or DATA_LOSS: bad input is the caller's fault, and
//     the demo database is healthy;
//   - without a valid session the answer is UNAUTHENTICATED (Login excepted);
//   - an OK response serializes and parses back.
// A violation prints the method, the caller, the request and the status, and aborts.
int RunServiceInput(const std::vector<Method>& methods, const uint8_t* data, size_t size);

// The structure-aware mutator for that input layout (see proto_mutator.h).
size_t MutateServiceInput(const std::vector<Method>& methods, uint8_t* data, size_t size,
                          size_t max_size, unsigned int seed);

// Writes `seeds` as corpus files into $PARAAT_FUZZ_WRITE_SEEDS and exits, when that variable
// is set (./scripts/fuzz --seeds). Called from LLVMFuzzerInitialize.
void MaybeWriteSeeds(const std::vector<Method>& methods, const std::vector<Seed>& seeds);

// The usual body of a service target's file.
#define PARAAT_SERVICE_FUZZ_TARGET(methods_fn, seeds_fn, reset_every)                       \
  extern "C" int LLVMFuzzerInitialize(int*, char***) {                                      \
    ::paraat::fuzz::MaybeWriteSeeds(methods_fn(), seeds_fn());                              \
    ::paraat::fuzz::ServiceWorld::Get().set_reset_every(reset_every);                       \
    return 0;                                                                               \
  }                                                                                         \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {                 \
    return ::paraat::fuzz::RunServiceInput(methods_fn(), data, size);                       \
  }                                                                                         \
  extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,    \
                                            unsigned int seed) {                            \
    return ::paraat::fuzz::MutateServiceInput(methods_fn(), data, size, max_size, seed);    \
  }

}  // namespace paraat::fuzz

#endif  // PARAAT_FUZZ_SUPPORT_SERVICE_WORLD_H_
