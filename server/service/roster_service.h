// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.RosterService: the final schedule, rosters, swaps, overrides, leave.
#ifndef PARAAT_SERVER_SERVICE_ROSTER_SERVICE_H_
#define PARAAT_SERVER_SERVICE_ROSTER_SERVICE_H_

#include "paraat/v1/roster.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/directory_store.h"
#include "server/storage/database.h"
#include "server/storage/roster_store.h"

namespace paraat::service {

class RosterServiceImpl final : public v1::RosterService::Service {
 public:
  RosterServiceImpl(ServiceContext sc, storage::RosterStore* roster,
                    storage::DirectoryStore* directory, storage::Database* db = nullptr)
      : sc_(sc), roster_(roster), directory_(directory), db_(db) {}

  grpc::Status GetOnCall(grpc::ServerContext* ctx, const v1::GetOnCallRequest* req,
                         v1::GetOnCallResponse* resp) override;
  grpc::Status ListDuties(grpc::ServerContext* ctx, const v1::ListDutiesRequest* req,
                          v1::ListDutiesResponse* resp) override;
  grpc::Status GetSchedule(grpc::ServerContext* ctx, const v1::GetScheduleRequest* req,
                           v1::GetScheduleResponse* resp) override;
  grpc::Status RotateRoster(grpc::ServerContext* ctx, const v1::RotateRosterRequest* req,
                            v1::RotateRosterResponse* resp) override;
  grpc::Status AssignShift(grpc::ServerContext* ctx, const v1::AssignShiftRequest* req,
                           v1::AssignShiftResponse* resp) override;
  grpc::Status PublishRoster(grpc::ServerContext* ctx, const v1::PublishRosterRequest* req,
                             v1::PublishRosterResponse* resp) override;
  grpc::Status FindGaps(grpc::ServerContext* ctx, const v1::FindGapsRequest* req,
                        v1::FindGapsResponse* resp) override;
  grpc::Status RequestSwap(grpc::ServerContext* ctx, const v1::RequestSwapRequest* req,
                           v1::DutySwap* resp) override;
  grpc::Status RespondSwap(grpc::ServerContext* ctx, const v1::RespondSwapRequest* req,
                           v1::DutySwap* resp) override;
  grpc::Status DecideSwap(grpc::ServerContext* ctx, const v1::DecideSwapRequest* req,
                          v1::DutySwap* resp) override;
  grpc::Status ArrangeSwap(grpc::ServerContext* ctx, const v1::RequestSwapRequest* req,
                           v1::DutySwap* resp) override;
  grpc::Status EditSwap(grpc::ServerContext* ctx, const v1::EditSwapRequest* req,
                        v1::DutySwap* resp) override;
  grpc::Status CancelSwap(grpc::ServerContext* ctx, const v1::CancelSwapRequest* req,
                          v1::DutySwap* resp) override;
  grpc::Status ListSwaps(grpc::ServerContext* ctx, const v1::ListSwapsRequest* req,
                         v1::ListSwapsResponse* resp) override;
  grpc::Status CreateOverride(grpc::ServerContext* ctx, const v1::CreateOverrideRequest* req,
                              v1::Override* resp) override;
  grpc::Status EndOverride(grpc::ServerContext* ctx, const v1::EndOverrideRequest* req,
                           v1::Override* resp) override;
  grpc::Status ListOverrides(grpc::ServerContext* ctx, const v1::ListOverridesRequest* req,
                             v1::ListOverridesResponse* resp) override;
  grpc::Status AddUnavailability(grpc::ServerContext* ctx,
                                 const v1::AddUnavailabilityRequest* req,
                                 v1::AddUnavailabilityResponse* resp) override;
  grpc::Status CancelUnavailability(grpc::ServerContext* ctx,
                                    const v1::CancelUnavailabilityRequest* req,
                                    v1::Unavailability* resp) override;
  grpc::Status ListUnavailability(grpc::ServerContext* ctx,
                                  const v1::ListUnavailabilityRequest* req,
                                  v1::ListUnavailabilityResponse* resp) override;
  // roster_solver_service.cc: generation, fairness, holidays, preferences.
  grpc::Status GenerateRoster(grpc::ServerContext* ctx, const v1::GenerateRosterRequest* req,
                              v1::GenerateRosterResponse* resp) override;
  grpc::Status GetFairness(grpc::ServerContext* ctx, const v1::GetFairnessRequest* req,
                           v1::GetFairnessResponse* resp) override;
  grpc::Status ListHolidays(grpc::ServerContext* ctx, const v1::ListHolidaysRequest* req,
                            v1::ListHolidaysResponse* resp) override;
  grpc::Status SetHolidays(grpc::ServerContext* ctx, const v1::SetHolidaysRequest* req,
                           v1::ListHolidaysResponse* resp) override;
  grpc::Status AddPreference(grpc::ServerContext* ctx, const v1::AddPreferenceRequest* req,
                             v1::RosterPreference* resp) override;
  grpc::Status ListPreferences(grpc::ServerContext* ctx, const v1::ListPreferencesRequest* req,
                               v1::ListPreferencesResponse* resp) override;
  grpc::Status RemovePreference(grpc::ServerContext* ctx, const v1::RemovePreferenceRequest* req,
                                v1::RemovePreferenceResponse* resp) override;

 private:
  // How far around a swap its snapshot reaches, for the rest rule (roster::RestReach).
  absl::StatusOr<absl::Duration> RestReach();
  // The roster over `w` for an answer: the snapshot reaches RestReach() further back, so that
  // a rest clash with a duty that ended before `w` is seen; `clashes` are those overlapping
  // `w`, `schedules` every pool's final schedule over `w`.
  struct Around {
    roster::RosterSnapshot snapshot;
    std::map<std::string, std::vector<roster::DutySlice>> schedules;
    std::vector<roster::Clash> clashes;
  };
  absl::StatusOr<Around> LoadAround(const roster::Interval& w);
  absl::StatusOr<roster::Swap> CreateSwap(const directory::Principal& p,
                                          const v1::RequestSwapRequest& req, bool arranged);

  ServiceContext sc_;
  storage::RosterStore* roster_;
  storage::DirectoryStore* directory_;
  storage::Database* db_;  // settings (the holiday list)
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_ROSTER_SERVICE_H_
