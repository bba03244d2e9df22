// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.CapacityService: the capacity model, proposals, approvals.
#ifndef PARAAT_SERVER_SERVICE_CAPACITY_SERVICE_H_
#define PARAAT_SERVER_SERVICE_CAPACITY_SERVICE_H_

#include "paraat/v1/capacity.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/capacity_store.h"
#include "server/storage/crisis_store.h"

namespace paraat::service {

class CapacityServiceImpl final : public v1::CapacityService::Service {
 public:
  CapacityServiceImpl(ServiceContext sc, storage::CapacityStore* capacity,
                      storage::CrisisStore* crises)
      : sc_(sc), capacity_(capacity), crises_(crises) {}

  grpc::Status ListAmbitions(grpc::ServerContext* ctx, const v1::ListAmbitionsRequest* req,
                             v1::ListAmbitionsResponse* resp) override;
  grpc::Status SetAmbition(grpc::ServerContext* ctx, const v1::SetAmbitionRequest* req,
                           v1::Ambition* resp) override;
  grpc::Status GetCapacity(grpc::ServerContext* ctx, const v1::GetCapacityRequest* req,
                           v1::GetCapacityResponse* resp) override;
  grpc::Status SetCapacity(grpc::ServerContext* ctx, const v1::MunicipalityCapacity* req,
                           v1::MunicipalityCapacity* resp) override;
  grpc::Status SetLoanRule(grpc::ServerContext* ctx, const v1::LoanRule* req,
                           v1::LoanRule* resp) override;
  grpc::Status SetDemand(grpc::ServerContext* ctx, const v1::SetDemandRequest* req,
                         v1::Demand* resp) override;
  grpc::Status ListDemand(grpc::ServerContext* ctx, const v1::ListDemandRequest* req,
                          v1::ListDemandResponse* resp) override;
  grpc::Status Propose(grpc::ServerContext* ctx, const v1::ProposeRequest* req,
                       v1::Proposal* resp) override;
  grpc::Status GetProposal(grpc::ServerContext* ctx, const v1::GetProposalRequest* req,
                           v1::Proposal* resp) override;
  grpc::Status ListProposals(grpc::ServerContext* ctx, const v1::ListProposalsRequest* req,
                             v1::ListProposalsResponse* resp) override;
  grpc::Status CompareProposals(grpc::ServerContext* ctx, const v1::CompareProposalsRequest* req,
                                v1::CompareProposalsResponse* resp) override;
  grpc::Status Approve(grpc::ServerContext* ctx, const v1::ApproveRequest* req,
                       v1::Allocation* resp) override;
  grpc::Status Restore(grpc::ServerContext* ctx, const v1::RestoreRequest* req,
                       v1::Allocation* resp) override;
  grpc::Status ListAllocations(grpc::ServerContext* ctx, const v1::ListAllocationsRequest* req,
                               v1::ListAllocationsResponse* resp) override;

 private:
  // The proposal with its plan recomputed from the exact input it was made on.
  absl::Status FillProposal(const storage::ProposalRecord& p, const directory::Principal& reader,
                            v1::Proposal* out);
  // Proposal.warnings: the other crises' allocations in force in `week`.
  absl::Status AddWarnings(const storage::ProposalRecord& p, const directory::Principal& reader,
                           v1::Proposal* out);
  // The ambitions out of use whose planned hours `p` counts as free (capacity::OutOfUseNotes).
  std::vector<std::string> OutOfUseWarnings(const storage::ProposalRecord& p);
  // What the allocations of other crises in force in `week` mean for this `what` ("proposal",
  // "plan"): each is counted on its own.
  // Whether the data `p` was made from changed since (its digest differs from the data's now).
  absl::StatusOr<bool> Stale(const storage::ProposalRecord& p);
  // `reader` null: for the log, the other crisis unnamed; else named where `reader` may read it.
  std::vector<std::string> OtherCrisesWarnings(int64_t crisis_id, capacity::IsoWeek week,
                                               absl::string_view what,
                                               const directory::Principal* reader);

  ServiceContext sc_;
  storage::CapacityStore* capacity_;
  storage::CrisisStore* crises_;
};

// `allocations` without those whose week is over at `now` (each named in `ended`, if given,
// as "allocation 3 of 2026-W40"). Such an allocation ended with its week: it is not restored
// afterwards, at the crisis's close nor on request (capacity::WeekIsOver).
std::vector<storage::AllocationRecord> WithoutEndedWeeks(
    std::vector<storage::AllocationRecord> allocations, absl::Time now,
    std::vector<std::string>* ended = nullptr);

// Appends the decision entries that restore a crisis's active allocations: one entry per
// allocation, followed by `close` if given; the allocations are marked restored in the same
// transaction. `done` gets the entries once they are durable (as CrisisStore::AppendAsync).
// Shared by CapacityService::Restore and CrisisService's close.
void RestoreAllocations(storage::CrisisStore* crises, const directory::Principal& p,
                        int64_t crisis_id, std::vector<storage::AllocationRecord> active,
                        std::optional<crisis::AppendRequest> close,
                        std::function<void(absl::StatusOr<std::vector<crisis::Entry>>)> done);

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_CAPACITY_SERVICE_H_
