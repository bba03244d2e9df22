// SPDX-License-Identifier: EUPL-1.2
#include "client/api/client.h"

#include "client/api/tls.h"
#include "client/cache/cache.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>
#include <random>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "common/status/status_macros.h"
#include "proto/convert/convert.h"

namespace paraat::client {

using convert::FromProto;
using convert::ToProto;

std::string NewIdempotencyKey() {
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 4; ++i) absl::StrAppend(&out, absl::Hex(rd(), absl::kZeroPad8));
  return out;
}

absl::Status FromGrpc(const grpc::Status& s, const std::string& server, const TlsUse& tls) {
  if (s.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(s.error_code());
  if (code == absl::StatusCode::kUnavailable && s.error_message().find("server is shutting") ==
                                                    std::string::npos) {
    TlsUse use = tls;
    use.enabled = use.enabled || ParseAddress(server).second;
    // Still UNAVAILABLE (the desk then shows what it kept), but saying what to change.
    if (std::string why = ExplainTlsFailure(s.error_message(), server, use); !why.empty()) {
      return absl::UnavailableError(absl::StrCat(why, " (", s.error_message(), ")"));
    }
    return absl::UnavailableError(
        absl::StrCat("cannot reach the Paraat server at ", server, " (", s.error_message(), ")"));
  }
  if (code == absl::StatusCode::kDeadlineExceeded) {
    return absl::DeadlineExceededError(
        absl::StrCat("the Paraat server at ", server, " did not answer in time"));
  }
  return absl::Status(code, s.error_message());
}

Client::Client(ClientOptions options) : options_(std::move(options)), token_(options_.token) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, 64 * 1024 * 1024);
  // Reconnect quickly after the server comes back (the default backoff grows to 120 s).
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 500);
  const auto [target, tls] = ParseAddress(options_.server);
  std::shared_ptr<grpc::ChannelCredentials> creds = options_.credentials;
  tls_use_.enabled = tls;
  if (creds == nullptr) {
    absl::StatusOr<TlsSettings> settings =
        options_.tls.has_value() ? *options_.tls : ResolveTls(options_.server, "", "");
    if (!settings.ok()) {
      // Nothing is sent over a connection weaker than the settings asked for.
      settings_error_ = absl::FailedPreconditionError(absl::StrCat(
          "the connection settings for ", options_.server, " are wrong, so nothing was sent: ",
          settings.status().message()));
    }
    const TlsSettings used = settings.ok() ? *settings : TlsSettings{tls, "", "", "", ""};
    creds = MakeCredentials(used);
    tls_use_ = UseOf(used);
  }
  channel_ = grpc::CreateCustomChannel(target, creds, args);
  auth_ = v1::AuthService::NewStub(channel_);
  directory_ = v1::DirectoryService::NewStub(channel_);
  server_ = v1::ServerService::NewStub(channel_);
  roster_ = v1::RosterService::NewStub(channel_);
  feed_ = v1::FeedService::NewStub(channel_);
  crisis_ = v1::CrisisService::NewStub(channel_);
  ledger_ = v1::LedgerService::NewStub(channel_);
  stream_ = v1::CrisisStreamService::NewStub(channel_);
  capacity_ = v1::CapacityService::NewStub(channel_);
  audit_ = v1::AuditService::NewStub(channel_);
}

void Client::set_token(std::string token) {
  std::lock_guard<std::mutex> lock(mu_);
  token_ = std::move(token);
}

std::string Client::token() const {
  std::lock_guard<std::mutex> lock(mu_);
  return token_;
}

void Client::set_cache(cache::Cache* cache, std::function<void(absl::Time)> on_cached) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    on_cached_ = std::move(on_cached);
  }
  cache_.store(cache);
}

std::string Client::CacheKey(const google::protobuf::Message& req) {
  // The question: the request's type and its deterministic bytes.
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    req.SerializeToCodedStream(&coded);
  }
  return absl::StrCat(req.GetDescriptor()->full_name(), ":", absl::BytesToHexString(bytes));
}

void Client::Remember(cache::Cache* c, const std::string& key,
                      const google::protobuf::Message& resp) const {
  const absl::Time now = absl::Now();
  // A cache that cannot be written only costs the offline answer; the call itself succeeded.
  (void)c->Put(key, resp.SerializeAsString(), now);
  (void)c->SetLastContact(now);
}

bool Client::Recall(cache::Cache* c, const std::string& key, const absl::Status& s,
                    google::protobuf::Message* resp) const {
  if (!absl::IsUnavailable(s) && !absl::IsDeadlineExceeded(s)) return false;
  absl::StatusOr<std::optional<cache::Stored>> stored = c->Get(key);
  if (!stored.ok() || !stored->has_value()) return false;
  resp->Clear();
  if (!resp->ParseFromString((*stored)->bytes)) return false;
  std::function<void(absl::Time)> on_cached;
  {
    std::lock_guard<std::mutex> lock(mu_);
    on_cached = on_cached_;
  }
  if (on_cached) on_cached((*stored)->saved);
  return true;
}

std::unique_ptr<grpc::ClientContext> Client::NewContext(absl::Duration deadline) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (deadline != absl::InfiniteDuration()) {
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::milliseconds(absl::ToInt64Milliseconds(deadline)));
  }
  const std::string t = token();
  if (!t.empty()) ctx->AddMetadata("authorization", absl::StrCat("Bearer ", t));
  return ctx;
}


absl::StatusOr<LoginResult> Client::Login(const std::string& username,
                                          const std::string& password) {
  v1::LoginRequest req;
  req.set_username(username);
  req.set_password(password);
  v1::LoginResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::Login, auth_.get(), req, &resp));
  set_token(resp.token());
  return LoginResult{resp.token(), convert::TimeFromProto(resp.expires()),
                     FromProto(resp.account())};
}

absl::StatusOr<int> Client::Logout(bool everywhere) {
  v1::LogoutRequest req;
  req.set_everywhere(everywhere);
  v1::LogoutResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::Logout, auth_.get(), req, &resp));
  return resp.sessions_ended();
}

absl::StatusOr<std::pair<directory::AccountInfo, absl::Time>> Client::WhoAmI() {
  v1::WhoAmIResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::AuthService::Stub::WhoAmI, auth_.get(), v1::WhoAmIRequest(), &resp));
  return std::make_pair(FromProto(resp.account()), convert::TimeFromProto(resp.expires()));
}

absl::StatusOr<int> Client::ChangePassword(const std::string& current, const std::string& next) {
  v1::ChangePasswordRequest req;
  req.set_current_password(current);
  req.set_new_password(next);
  v1::ChangePasswordResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::ChangePassword, auth_.get(), req, &resp));
  return resp.other_sessions_ended();
}

absl::StatusOr<std::vector<directory::AccountInfo>> Client::ListAccounts() {
  v1::ListAccountsResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::AuthService::Stub::ListAccounts, auth_.get(), v1::ListAccountsRequest(), &resp));
  std::vector<directory::AccountInfo> out;
  for (const auto& a : resp.accounts()) out.push_back(FromProto(a));
  return out;
}

absl::StatusOr<std::pair<directory::AccountInfo, std::string>> Client::CreateAccount(
    const directory::Account& account) {
  v1::CreateAccountRequest req;
  req.set_username(account.username);
  req.set_person(account.person);
  req.set_role(ToProto(account.role));
  req.mutable_scope()->set_municipality(account.scope);
  v1::CreateAccountResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::CreateAccount, auth_.get(), req, &resp));
  return std::make_pair(FromProto(resp.account()), resp.initial_password());
}

absl::StatusOr<directory::AccountInfo> Client::UpdateAccount(const std::string& username,
                                                             const AccountUpdate& u) {
  v1::UpdateAccountRequest req;
  req.set_username(username);
  if (u.role) req.set_role(ToProto(*u.role));
  if (u.scope) req.mutable_scope()->set_municipality(*u.scope);
  if (u.active) req.set_active(*u.active);
  v1::UpdateAccountResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::UpdateAccount, auth_.get(), req, &resp));
  return FromProto(resp.account());
}

absl::StatusOr<std::string> Client::ResetPassword(const std::string& username) {
  v1::ResetPasswordRequest req;
  req.set_username(username);
  v1::ResetPasswordResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::ResetPassword, auth_.get(), req, &resp));
  return resp.new_password();
}

absl::StatusOr<std::pair<directory::AccountInfo, bool>> Client::UnlockAccount(
    const std::string& username) {
  v1::UnlockAccountRequest req;
  req.set_username(username);
  v1::UnlockAccountResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuthService::Stub::UnlockAccount, auth_.get(), req, &resp));
  return std::make_pair(FromProto(resp.account()), resp.was_locked());
}

absl::StatusOr<std::vector<directory::Municipality>> Client::ListMunicipalities(
    bool include_inactive) {
  v1::ListMunicipalitiesRequest req;
  req.set_include_inactive(include_inactive);
  v1::ListMunicipalitiesResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Read(&v1::DirectoryService::Stub::ListMunicipalities, directory_.get(), req, &resp));
  std::vector<directory::Municipality> out;
  for (const auto& m : resp.municipalities()) out.push_back(FromProto(m));
  return out;
}

absl::StatusOr<directory::Municipality> Client::GetMunicipality(const std::string& key) {
  v1::GetMunicipalityRequest req;
  req.set_key(key);
  v1::Municipality resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::GetMunicipality, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Municipality> Client::CreateMunicipality(
    const directory::Municipality& m) {
  v1::CreateMunicipalityRequest req;
  ToProto(m, req.mutable_municipality());
  v1::Municipality resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::CreateMunicipality, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Municipality> Client::UpdateMunicipality(const std::string& key,
                                                                   const MunicipalityUpdate& u) {
  v1::UpdateMunicipalityRequest req;
  req.set_key(key);
  if (u.name) req.set_name(*u.name);
  if (u.region) req.set_region(*u.region);
  if (u.active) req.set_active(*u.active);
  v1::Municipality resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::UpdateMunicipality, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<std::vector<directory::Person>> Client::ListPeople(const std::string& municipality,
                                                                  const std::string& qualification,
                                                                  bool include_inactive) {
  v1::ListPeopleRequest req;
  req.set_municipality(municipality);
  req.set_qualification(qualification);
  req.set_include_inactive(include_inactive);
  v1::ListPeopleResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::DirectoryService::Stub::ListPeople, directory_.get(), req, &resp));
  std::vector<directory::Person> out;
  for (const auto& p : resp.people()) out.push_back(FromProto(p));
  return out;
}

absl::StatusOr<directory::Person> Client::GetPerson(const std::string& key) {
  v1::GetPersonRequest req;
  req.set_key(key);
  v1::Person resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::DirectoryService::Stub::GetPerson, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Person> Client::CreatePerson(const directory::Person& p) {
  v1::CreatePersonRequest req;
  ToProto(p, req.mutable_person());
  v1::Person resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::CreatePerson, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Person> Client::UpdatePerson(const std::string& key,
                                                       const PersonUpdate& u) {
  v1::UpdatePersonRequest req;
  req.set_key(key);
  if (u.name) req.set_name(*u.name);
  if (u.municipality) req.set_municipality(*u.municipality);
  if (u.phone) req.set_phone(*u.phone);
  if (u.email) req.set_email(*u.email);
  if (u.qualifications) {
    req.set_set_qualifications(true);
    for (const auto& q : *u.qualifications) req.add_qualifications(q);
  }
  if (u.active) req.set_active(*u.active);
  v1::Person resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::UpdatePerson, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<std::vector<directory::Pool>> Client::ListPools(bool include_inactive) {
  v1::ListPoolsRequest req;
  req.set_include_inactive(include_inactive);
  v1::ListPoolsResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::DirectoryService::Stub::ListPools, directory_.get(), req, &resp));
  std::vector<directory::Pool> out;
  for (const auto& p : resp.pools()) {
    PARAAT_ASSIGN_OR_RETURN(directory::Pool pool, FromProto(p));
    out.push_back(std::move(pool));
  }
  return out;
}

absl::StatusOr<directory::Pool> Client::GetPool(const std::string& key) {
  v1::GetPoolRequest req;
  req.set_key(key);
  v1::Pool resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::DirectoryService::Stub::GetPool, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Pool> Client::CreatePool(const directory::Pool& p) {
  v1::CreatePoolRequest req;
  ToProto(p, req.mutable_pool());
  v1::Pool resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::DirectoryService::Stub::CreatePool, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Pool> Client::UpdatePool(const std::string& key, const PoolUpdate& u) {
  v1::UpdatePoolRequest req;
  req.set_key(key);
  if (u.name) req.set_name(*u.name);
  if (u.time_zone) req.set_time_zone(*u.time_zone);
  if (u.handover_time) req.set_handover_time(*u.handover_time);
  if (u.handover_weekday) req.set_handover_weekday(*u.handover_weekday);
  if (u.shift_days) req.set_shift_days(*u.shift_days);
  if (u.arrival_norm_minutes) req.set_arrival_norm_minutes(*u.arrival_norm_minutes);
  if (u.min_rest_shifts) req.set_min_rest_shifts(*u.min_rest_shifts);
  if (u.auto_approve_swaps) req.set_auto_approve_swaps(*u.auto_approve_swaps);
  if (u.active) req.set_active(*u.active);
  v1::Pool resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::DirectoryService::Stub::UpdatePool, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Pool> Client::AddPoolMember(const std::string& pool,
                                                      const std::string& person) {
  v1::PoolMemberRequest req;
  req.set_pool(pool);
  req.set_person(person);
  v1::Pool resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::AddPoolMember, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<directory::Pool> Client::RemovePoolMember(const std::string& pool,
                                                         const std::string& person) {
  v1::PoolMemberRequest req;
  req.set_pool(pool);
  req.set_person(person);
  v1::Pool resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::DirectoryService::Stub::RemovePoolMember, directory_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<std::vector<AuditView>> Client::ListAudit(std::optional<absl::Time> since,
                                                         const std::string& actor,
                                                         const std::string& object_prefix,
                                                         int64_t after_id, int page_size,
                                                         int64_t* next_after_id) {
  v1::ListAuditRequest req;
  if (since) ToProto(*since, req.mutable_since());
  req.set_actor(actor);
  req.set_object_prefix(object_prefix);
  req.set_after_id(after_id);
  req.set_page_size(page_size);
  v1::ListAuditResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::AuditService::Stub::ListAudit, audit_.get(), req, &resp));
  std::vector<AuditView> out;
  for (const auto& r : resp.records()) {
    out.push_back({r.id(), convert::TimeFromProto(r.at()), r.actor(), r.action(), r.object(),
                   r.before_json(), r.after_json()});
  }
  if (next_after_id != nullptr) *next_after_id = resp.next_after_id();
  return out;
}

absl::StatusOr<ServerInfo> Client::GetServerInfo() {
  v1::GetServerInfoResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Read(&v1::ServerService::Stub::GetServerInfo, server_.get(), v1::GetServerInfoRequest(), &resp));
  return ServerInfo{resp.version(), resp.schema_version(), convert::TimeFromProto(resp.server_time()),
                    resp.region()};
}

absl::Status Client::Ping() {
  v1::PingResponse resp;
  return Call(&v1::ServerService::Stub::Ping, server_.get(), v1::PingRequest(), &resp);
}

}  // namespace paraat::client
