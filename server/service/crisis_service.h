// SPDX-License-Identifier: EUPL-1.2
// Adapters of paraat.v1.CrisisService and paraat.v1.LedgerService: crisis logs, their reading
// and their proofs.
#ifndef PARAAT_SERVER_SERVICE_CRISIS_SERVICE_H_
#define PARAAT_SERVER_SERVICE_CRISIS_SERVICE_H_

#include <string>

#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/ledger.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/account_store.h"
#include "server/storage/capacity_store.h"
#include "server/storage/crisis_store.h"
#include "server/storage/directory_store.h"

namespace paraat::service {

// AppendEntry is a callback-API method: an append waits for the writer's group commit, and
// waiting in a reactor costs no thread (see docs/architecture.md). The other methods are sync.
class CrisisServiceImpl final
    : public v1::CrisisService::WithCallbackMethod_AppendEntry<v1::CrisisService::Service> {
 public:
  // `capacity` may be null; with it, closing a crisis restores its active allocations.
  CrisisServiceImpl(ServiceContext sc, storage::CrisisStore* crises,
                    storage::DirectoryStore* directory, std::string verifier_key,
                    storage::CapacityStore* capacity = nullptr,
                    storage::AccountStore* accounts = nullptr)
      : sc_(sc), crises_(crises), directory_(directory), verifier_key_(std::move(verifier_key)),
        capacity_(capacity), accounts_(accounts) {}

  grpc::Status OpenCrisis(grpc::ServerContext* ctx, const v1::OpenCrisisRequest* req,
                          v1::OpenCrisisResponse* resp) override;
  grpc::Status ListCrises(grpc::ServerContext* ctx, const v1::ListCrisesRequest* req,
                          v1::ListCrisesResponse* resp) override;
  grpc::Status GetCrisis(grpc::ServerContext* ctx, const v1::GetCrisisRequest* req,
                         v1::Crisis* resp) override;
  grpc::ServerUnaryReactor* AppendEntry(grpc::CallbackServerContext* ctx,
                                        const v1::AppendEntryRequest* req,
                                        v1::AppendEntryResponse* resp) override;
  // The same, waiting for the answer: for callers in the server's own process (the fuzzer).
  grpc::Status AppendEntry(grpc::ServerContext* ctx, const v1::AppendEntryRequest* req,
                           v1::AppendEntryResponse* resp) override;
  grpc::Status ListEntries(grpc::ServerContext* ctx, const v1::ListEntriesRequest* req,
                           v1::ListEntriesResponse* resp) override;
  grpc::Status SearchEntries(grpc::ServerContext* ctx, const v1::SearchEntriesRequest* req,
                             v1::ListEntriesResponse* resp) override;
  grpc::Status ListActions(grpc::ServerContext* ctx, const v1::ListActionsRequest* req,
                           v1::ListActionsResponse* resp) override;
  grpc::Status GetHandover(grpc::ServerContext* ctx, const v1::GetHandoverRequest* req,
                           v1::GetHandoverResponse* resp) override;
  grpc::Status ExportCrisis(grpc::ServerContext* ctx, const v1::ExportCrisisRequest* req,
                            v1::ExportCrisisResponse* resp) override;

  // Pages of entries (lists, searches, exports) stay under about half of `max_message_bytes`,
  // the server's message limit, and under 2 MB.
  void SetMessageLimit(int max_message_bytes);

 private:
  absl::StatusOr<crisis::Crisis> Readable(const directory::Principal& p, int64_t id);
  // AppendEntry under both APIs: `finish` gets the status once the append is durable or failed.
  void Append(const grpc::ServerContextBase* ctx, const v1::AppendEntryRequest* req,
              v1::AppendEntryResponse* resp, std::function<void(grpc::Status)> finish);

  ServiceContext sc_;
  storage::CrisisStore* crises_;
  storage::DirectoryStore* directory_;
  std::string verifier_key_;
  storage::CapacityStore* capacity_;
  storage::AccountStore* accounts_;  // may be null: action owners are then not checked
  size_t page_bytes_ = 2 << 20;
};

class LedgerServiceImpl final : public v1::LedgerService::Service {
 public:
  LedgerServiceImpl(ServiceContext sc, storage::CrisisStore* crises, std::string verifier_key,
                    std::string key_name)
      : sc_(sc), crises_(crises), verifier_key_(std::move(verifier_key)),
        key_name_(std::move(key_name)) {}

  grpc::Status GetPublicKey(grpc::ServerContext* ctx, const v1::GetPublicKeyRequest* req,
                            v1::GetPublicKeyResponse* resp) override;
  grpc::Status GetCheckpoint(grpc::ServerContext* ctx, const v1::GetCheckpointRequest* req,
                             v1::GetCheckpointResponse* resp) override;
  grpc::Status GetInclusionProof(grpc::ServerContext* ctx,
                                 const v1::GetInclusionProofRequest* req,
                                 v1::GetInclusionProofResponse* resp) override;
  grpc::Status GetConsistencyProof(grpc::ServerContext* ctx,
                                   const v1::GetConsistencyProofRequest* req,
                                   v1::GetConsistencyProofResponse* resp) override;

 private:
  ServiceContext sc_;
  storage::CrisisStore* crises_;
  std::string verifier_key_;
  std::string key_name_;
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_CRISIS_SERVICE_H_
