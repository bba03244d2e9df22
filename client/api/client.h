// SPDX-License-Identifier: EUPL-1.2
// The client library: one connection to a Paraat server, every call synchronous with a
// deadline, results as domain values. Thread-safe (gRPC stubs are); the CLI calls it
// directly and paraat-desk through AsyncClient, off the GUI thread.
#ifndef PARAAT_CLIENT_API_CLIENT_H_
#define PARAAT_CLIENT_API_CLIENT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "paraat/v1/server.grpc.pb.h"

namespace paraat::client {

struct ClientOptions {
  std::string server = "127.0.0.1:50051";
  std::string token;                         // session token; empty before login
  absl::Duration deadline = absl::Seconds(10);  // for every call
};

struct LoginResult {
  std::string token;
  absl::Time expires;
  directory::AccountInfo account;
};

struct ServerInfo {
  std::string version;
  int schema_version = 0;
  absl::Time server_time;
  std::string region;
};

// Edits of a directory record: only the fields that are set change.
struct MunicipalityUpdate {
  std::optional<std::string> name, region;
  std::optional<bool> active;
};
struct PersonUpdate {
  std::optional<std::string> name, municipality, phone, email;
  std::optional<std::vector<std::string>> qualifications;
  std::optional<bool> active;
};
struct PoolUpdate {
  std::optional<std::string> name, time_zone, handover_time;
  std::optional<int> handover_weekday, shift_days, arrival_norm_minutes, min_rest_shifts;
  std::optional<bool> auto_approve_swaps, active;
};
struct AccountUpdate {
  std::optional<directory::Role> role;
  std::optional<std::string> scope;  // "" = region
  std::optional<bool> active;
};

// Piket views: domain values with the people named.
struct Duty {
  roster::DutySlice slice;
  roster::PersonRef person;
};
struct PoolOnCall {
  std::string pool;
  std::string pool_name;
  std::optional<Duty> current;   // nullopt: nobody on duty (a gap)
  std::optional<Duty> next;
  std::optional<absl::Time> gap_until;
  int arrival_norm_minutes = 0;
};
struct OnCall {
  absl::Time at;
  std::vector<PoolOnCall> pools;
};
struct ClashView {
  roster::Clash clash;
  roster::PersonRef person;
};
struct ScheduleView {
  std::vector<Duty> slices;
  std::vector<roster::Gap> gaps;
  std::vector<ClashView> clashes;
};
struct SwapView {
  roster::Swap swap;
  roster::PersonRef giver;
  roster::PersonRef taker;
};
struct OverrideView {
  roster::Override override_;
  roster::PersonRef person;
};
struct LeaveView {
  roster::Leave leave;
  roster::PersonRef person;
};
struct SwapRequestArgs {
  int64_t shift_id = 0;
  std::string taker;
  std::optional<roster::Interval> part;
  int64_t return_shift_id = 0;
  std::string reason;
};

// Turns a failed call into a status with the server's message; UNAVAILABLE and
// DEADLINE_EXCEEDED say which server could not be reached.
absl::Status FromGrpc(const grpc::Status& s, const std::string& server);

class Client {
 public:
  explicit Client(ClientOptions options);

  void set_token(std::string token);
  std::string token() const;
  const std::string& server() const { return options_.server; }

  // AuthService
  absl::StatusOr<LoginResult> Login(const std::string& username, const std::string& password);
  absl::Status Logout();
  absl::StatusOr<std::pair<directory::AccountInfo, absl::Time>> WhoAmI();
  absl::Status ChangePassword(const std::string& current, const std::string& next);
  absl::StatusOr<std::vector<directory::AccountInfo>> ListAccounts();
  // Returns the account and its initial password.
  absl::StatusOr<std::pair<directory::AccountInfo, std::string>> CreateAccount(
      const directory::Account& account);
  absl::StatusOr<directory::AccountInfo> UpdateAccount(const std::string& username,
                                                       const AccountUpdate& update);
  absl::StatusOr<std::string> ResetPassword(const std::string& username);

  // DirectoryService
  absl::StatusOr<std::vector<directory::Municipality>> ListMunicipalities(bool include_inactive);
  absl::StatusOr<directory::Municipality> GetMunicipality(const std::string& key);
  absl::StatusOr<directory::Municipality> CreateMunicipality(const directory::Municipality& m);
  absl::StatusOr<directory::Municipality> UpdateMunicipality(const std::string& key,
                                                             const MunicipalityUpdate& u);
  absl::StatusOr<std::vector<directory::Person>> ListPeople(const std::string& municipality,
                                                            const std::string& qualification,
                                                            bool include_inactive);
  absl::StatusOr<directory::Person> GetPerson(const std::string& key);
  absl::StatusOr<directory::Person> CreatePerson(const directory::Person& p);
  absl::StatusOr<directory::Person> UpdatePerson(const std::string& key, const PersonUpdate& u);
  absl::StatusOr<std::vector<directory::Pool>> ListPools(bool include_inactive);
  absl::StatusOr<directory::Pool> GetPool(const std::string& key);
  absl::StatusOr<directory::Pool> CreatePool(const directory::Pool& p);
  absl::StatusOr<directory::Pool> UpdatePool(const std::string& key, const PoolUpdate& u);
  absl::StatusOr<directory::Pool> AddPoolMember(const std::string& pool, const std::string& person);
  absl::StatusOr<directory::Pool> RemovePoolMember(const std::string& pool,
                                                   const std::string& person);

  // RosterService
  absl::StatusOr<OnCall> GetOnCall(std::optional<absl::Time> at);
  absl::StatusOr<ScheduleView> ListDuties(const std::string& person, std::optional<absl::Time> from,
                                          std::optional<absl::Time> to);
  absl::StatusOr<ScheduleView> GetSchedule(const std::string& pool, std::optional<absl::Time> from,
                                           std::optional<absl::Time> to);
  absl::StatusOr<std::vector<Duty>> RotateRoster(const std::string& pool, const std::string& from_date,
                                                 int weeks, const std::vector<std::string>& order);
  absl::StatusOr<Duty> AssignShift(const std::string& pool, absl::Time at, const std::string& person);
  absl::StatusOr<std::pair<int, absl::Time>> PublishRoster(const std::string& pool,
                                                           const std::string& until_date);
  absl::StatusOr<ScheduleView> FindGaps(const std::string& pool, int days);
  absl::StatusOr<SwapView> RequestSwap(const SwapRequestArgs& args, bool arrange);
  absl::StatusOr<SwapView> RespondSwap(int64_t id, bool accept);
  absl::StatusOr<SwapView> DecideSwap(int64_t id, bool approve);
  absl::StatusOr<SwapView> EditSwap(int64_t id, const std::string& taker,
                                    std::optional<roster::Interval> part);
  absl::StatusOr<SwapView> CancelSwap(int64_t id);
  absl::StatusOr<std::vector<SwapView>> ListSwaps(const std::string& pool, bool mine, bool open_only);
  absl::StatusOr<OverrideView> CreateOverride(const std::string& pool, const std::string& person,
                                              std::optional<absl::Time> from, absl::Time until,
                                              const std::string& reason);
  absl::StatusOr<OverrideView> EndOverride(int64_t id, std::optional<absl::Time> at);
  absl::StatusOr<std::vector<OverrideView>> ListOverrides(const std::string& pool,
                                                          std::optional<absl::Time> from,
                                                          std::optional<absl::Time> to);
  absl::StatusOr<std::pair<LeaveView, std::vector<ClashView>>> AddUnavailability(
      const std::string& person, const roster::Interval& interval, const std::string& reason);
  absl::StatusOr<LeaveView> CancelUnavailability(int64_t id);
  absl::StatusOr<std::vector<LeaveView>> ListUnavailability(const std::string& person, bool everyone,
                                                            std::optional<absl::Time> from,
                                                            std::optional<absl::Time> to);

  // ServerService
  absl::StatusOr<ServerInfo> GetServerInfo();
  absl::Status Ping();

  // A context with the deadline and the bearer token, for calls made outside this class
  // (streams).
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration deadline) const;
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  template <typename Stub, typename Req, typename Resp>
  absl::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    Stub* stub, const Req& req, Resp* resp) const {
    std::unique_ptr<grpc::ClientContext> ctx = NewContext(options_.deadline);
    return FromGrpc((stub->*method)(ctx.get(), req, resp), options_.server);
  }

  ClientOptions options_;
  mutable std::mutex mu_;
  std::string token_;  // guarded by mu_
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::ServerService::Stub> server_;
  std::unique_ptr<v1::RosterService::Stub> roster_;
};

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_CLIENT_H_
