// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.AuthService: sign-in, sessions, accounts.
#ifndef PARAAT_SERVER_SERVICE_AUTH_SERVICE_H_
#define PARAAT_SERVER_SERVICE_AUTH_SERVICE_H_

#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/account_store.h"

namespace paraat::service {

class AuthServiceImpl final : public v1::AuthService::Service {
 public:
  AuthServiceImpl(ServiceContext sc, storage::AccountStore* accounts, absl::Duration session_ttl)
      : sc_(sc), accounts_(accounts), session_ttl_(session_ttl) {}

  grpc::Status Login(grpc::ServerContext* ctx, const v1::LoginRequest* req,
                     v1::LoginResponse* resp) override;
  grpc::Status Logout(grpc::ServerContext* ctx, const v1::LogoutRequest* req,
                      v1::LogoutResponse* resp) override;
  grpc::Status WhoAmI(grpc::ServerContext* ctx, const v1::WhoAmIRequest* req,
                      v1::WhoAmIResponse* resp) override;
  grpc::Status ChangePassword(grpc::ServerContext* ctx, const v1::ChangePasswordRequest* req,
                              v1::ChangePasswordResponse* resp) override;
  grpc::Status ListAccounts(grpc::ServerContext* ctx, const v1::ListAccountsRequest* req,
                            v1::ListAccountsResponse* resp) override;
  grpc::Status CreateAccount(grpc::ServerContext* ctx, const v1::CreateAccountRequest* req,
                             v1::CreateAccountResponse* resp) override;
  grpc::Status UpdateAccount(grpc::ServerContext* ctx, const v1::UpdateAccountRequest* req,
                             v1::UpdateAccountResponse* resp) override;
  grpc::Status ResetPassword(grpc::ServerContext* ctx, const v1::ResetPasswordRequest* req,
                             v1::ResetPasswordResponse* resp) override;
  grpc::Status UnlockAccount(grpc::ServerContext* ctx, const v1::UnlockAccountRequest* req,
                             v1::UnlockAccountResponse* resp) override;

 private:
  // Failed logins under names that have no account, counted like an account's, so that the
  // lockout answers the same whether or not a name exists (it must not tell which do).
  struct UnknownName {
    int failures = 0;
    absl::Time locked_until = absl::InfinitePast();
  };
  // The lockout answer when `username` (without an account) is locked out, else OK.
  absl::Status UnknownNameLocked(const std::string& username, absl::Time now);
  absl::Status UnknownNameFailed(const std::string& username, absl::Time now);
  // Counts a wrong password for the account of `rec` (at login or when changing it) and locks
  // it out after kFreeLoginFailures in a row.
  // `client`: the caller's address (grpc::ServerContext::peer()), for the log.
  absl::Status RecordWrongPassword(const std::string& username, const storage::LoginRecord& rec,
                                   const std::string& client);

  ServiceContext sc_;
  storage::AccountStore* accounts_;
  absl::Duration session_ttl_;
  std::mutex unknown_mu_;
  absl::flat_hash_map<std::string, UnknownName> unknown_;  // guarded by unknown_mu_
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_AUTH_SERVICE_H_
