// SPDX-License-Identifier: EUPL-1.2
#include "server/service/auth_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "server/auth/credentials.h"
#include "server/log/log.h"
#include "proto/convert/convert.h"

namespace paraat::service {

using convert::FromProto;
using convert::ToProto;

using directory::Account;
using directory::Person;
using directory::Principal;

namespace {

constexpr absl::string_view kWrongCredentials = "wrong username or password";

// A municipal administrator may only touch accounts of their own municipality's people, and
// may only give out their own municipality's scope.
absl::Status CheckAccountScope(const Principal& p, const Person& person, const Account& acc,
                               absl::string_view what) {
  PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(p, person.municipality, what));
  if (!p.regional() && acc.scope != p.scope) {
    return absl::PermissionDeniedError(absl::StrCat(
        what, ": ", p.username, " manages only accounts scoped to municipality '", p.scope,
        "'; account '", acc.username, "' ",
        acc.scope.empty() ? std::string("has regional scope")
                          : absl::StrCat("is scoped to '", acc.scope, "'"),
        " (ask a regional administrator)"));
  }
  return absl::OkStatus();
}

absl::Status LockedOut(absl::string_view username, absl::Time until, absl::Time now) {
  const int64_t wait = absl::ToInt64Seconds(until - now) + 1;
  // In the time Paraat shows everywhere (the CLI prints the message as it is), to the minute
  // rounded up: "at 23:43" must not come before the lockout ends at 23:43:12.
  until = absl::FromUnixSeconds((absl::ToUnixSeconds(until + absl::Seconds(1)) + 59) / 60 * 60);
  return absl::ResourceExhaustedError(absl::StrCat("too many failed logins for '", username,
                                                   "'; try again in ", wait, " s (at ",
                                                   time::FormatLocal(until), " ",
                                                   time::kDefaultZone,
                                                   " time), or ask an administrator to unlock "
                                                   "the account"));
}

}  // namespace

absl::Status AuthServiceImpl::UnknownNameLocked(const std::string& username, absl::Time now) {
  std::lock_guard<std::mutex> lock(unknown_mu_);
  auto it = unknown_.find(username);
  if (it != unknown_.end() && it->second.locked_until > now) {
    return LockedOut(username, it->second.locked_until, now);
  }
  return absl::OkStatus();
}

absl::Status AuthServiceImpl::UnknownNameFailed(const std::string& username, absl::Time now) {
  std::lock_guard<std::mutex> lock(unknown_mu_);
  if (unknown_.size() >= 100000) {
    // Bound the memory: names not locked out go (locked ones stay locked); a flood of locked
    // names starts afresh rather than scan a growing map at every login.
    absl::erase_if(unknown_, [&](const auto& kv) { return kv.second.locked_until <= now; });
    if (unknown_.size() >= 100000) unknown_.clear();
  }
  UnknownName& u = unknown_[username];
  if (u.locked_until > now) return LockedOut(username, u.locked_until, now);
  ++u.failures;
  const absl::Duration wait = directory::LockoutAfter(u.failures);
  if (wait > absl::ZeroDuration()) u.locked_until = now + wait;
  return absl::UnauthenticatedError(kWrongCredentials);
}

grpc::Status AuthServiceImpl::Login(grpc::ServerContext* ctx, const v1::LoginRequest* req,
                                    v1::LoginResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, Login), [&](const Principal&) -> absl::Status {
    if (req->username().empty()) return absl::InvalidArgumentError("username is empty");
    if (req->password().empty()) return absl::InvalidArgumentError("password is empty");
    if (req->username().size() > 200 || req->password().size() > 1024) {
      return absl::UnauthenticatedError(kWrongCredentials);
    }
    if (!directory::ValidateUsername(req->username(), "username").ok()) {
      // No account can have this name: nothing to look up, and the name (which may hold
      // anything, line breaks and terminal escapes too) goes into neither the audit trail nor
      // the log.
      (void)auth::VerifyPassword(req->password(), auth::DummyPasswordHash());  // same cost
      log::Info("auth", "login failed", {{"reason", "not a valid username"}});
      return absl::UnauthenticatedError(kWrongCredentials);
    }
    absl::StatusOr<storage::LoginRecord> rec = accounts_->FindLogin(req->username());
    const absl::Time now = absl::Now();
    if (absl::IsNotFound(rec.status())) {
      // As for an account: while locked out, no password is checked (the same cost, the same
      // answer); otherwise a dummy check costs what a real one does.
      if (absl::Status locked = UnknownNameLocked(req->username(), now); !locked.ok()) {
        PARAAT_RETURN_IF_ERROR(
            accounts_->RecordLoginFailure(req->username(), 0, 0, absl::InfinitePast()));
        return locked;
      }
      (void)auth::VerifyPassword(req->password(), auth::DummyPasswordHash());
      PARAAT_RETURN_IF_ERROR(
          accounts_->RecordLoginFailure(req->username(), 0, 0, absl::InfinitePast()));
      log::Info("auth", "login failed",
                {{"user", req->username()}, {"reason", "unknown"}, {"client", ctx->peer()}});
      return UnknownNameFailed(req->username(), now);
    }
    if (!rec.ok()) return rec.status();
    if (rec->locked_until > now) {
      PARAAT_RETURN_IF_ERROR(accounts_->RecordLoginFailure(req->username(), rec->account_id,
                                                           rec->failed_logins, rec->locked_until));
      return LockedOut(req->username(), rec->locked_until, now);
    }
    if (!auth::VerifyPassword(req->password(), rec->password_hash) || !rec->active) {
      PARAAT_RETURN_IF_ERROR(RecordWrongPassword(req->username(), *rec, ctx->peer()));
      return absl::UnauthenticatedError(kWrongCredentials);
    }
    const std::string token = auth::NewSessionToken();
    const absl::Time expires = now + session_ttl_;
    absl::StatusOr<Principal> recorded =
        accounts_->RecordLogin(rec->account_id, auth::TokenHash(token), expires);
    if (!recorded.ok() && (absl::IsResourceExhausted(recorded.status()) ||
                           absl::IsUnavailable(recorded.status()))) {
      // A session must be stored to be checked later: no login while writes fail. Say so
      // first, the storage's words after.
      return absl::Status(recorded.status().code(),
                          absl::StrCat("cannot log in now: the server cannot store the session, "
                                       "as writing fails; sessions already open keep working. ",
                                       recorded.status().message()));
    }
    PARAAT_ASSIGN_OR_RETURN(Principal p, std::move(recorded));
    PARAAT_ASSIGN_OR_RETURN(storage::AccountView view, accounts_->GetAccount(p.username));
    resp->set_token(token);
    ToProto(expires, resp->mutable_expires());
    ToProto(view, resp->mutable_account());
    log::Info("auth", "login", {{"user", p.username}});
    return absl::OkStatus();
  });
}

absl::Status AuthServiceImpl::RecordWrongPassword(const std::string& username,
                                                  const storage::LoginRecord& rec,
                                                  const std::string& client) {
  // Counted where it is stored: wrong passwords sent at the same moment all count.
  PARAAT_ASSIGN_OR_RETURN(const int failures,
                          accounts_->CountWrongPassword(username, rec.account_id,
                                                        &directory::LockoutAfter));
  const absl::Duration locked = directory::LockoutAfter(failures);
  if (locked > absl::ZeroDuration()) {
    // For the operator: someone may be guessing. The account unlocks by itself.
    log::Warning("auth", "account locked out after failed logins",
                 {{"user", username}, {"failures", absl::StrCat(failures)},
                  {"for", absl::FormatDuration(locked)}, {"client", client}});
  } else {
    log::Info("auth", "login failed",
              {{"user", username}, {"failures", absl::StrCat(failures)}, {"client", client}});
  }
  return absl::OkStatus();
}

grpc::Status AuthServiceImpl::Logout(grpc::ServerContext* ctx, const v1::LogoutRequest* req,
                                     v1::LogoutResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, Logout),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(std::string hash, Authorizer::BearerTokenHash(ctx));
                 if (req->everywhere()) {
                   PARAAT_ASSIGN_OR_RETURN(const int ended,
                                           accounts_->RevokeSessions(p.username, p.username, ""));
                   sc_.authorizer->ForgetUser(p.username);
                   resp->set_sessions_ended(ended);
                   return absl::OkStatus();
                 }
                 PARAAT_RETURN_IF_ERROR(accounts_->RevokeSession(p.username, hash));
                 sc_.authorizer->ForgetToken(hash);
                 resp->set_sessions_ended(1);
                 return absl::OkStatus();
               });
}

grpc::Status AuthServiceImpl::WhoAmI(grpc::ServerContext* ctx, const v1::WhoAmIRequest*,
                                     v1::WhoAmIResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, WhoAmI),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(storage::AccountView view,
                                         accounts_->GetAccount(p.username));
                 ToProto(view, resp->mutable_account());
                 ToProto(p.expires, resp->mutable_expires());
                 return absl::OkStatus();
               });
}

grpc::Status AuthServiceImpl::ChangePassword(grpc::ServerContext* ctx,
                                             const v1::ChangePasswordRequest* req,
                                             v1::ChangePasswordResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, ChangePassword),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(
                     directory::ValidateNewPassword(req->new_password(), "new_password"));
                 PARAAT_ASSIGN_OR_RETURN(storage::LoginRecord rec, accounts_->FindLogin(p.username));
                 // The current password is guessed no faster here than at login: wrong ones
                 // count towards the same lockout, and while locked out none is checked.
                 const absl::Time now = absl::Now();
                 if (rec.locked_until > now) return LockedOut(p.username, rec.locked_until, now);
                 if (!auth::VerifyPassword(req->current_password(), rec.password_hash)) {
                   PARAAT_RETURN_IF_ERROR(RecordWrongPassword(p.username, rec, ctx->peer()));
                   return absl::UnauthenticatedError("current_password is wrong");
                 }
                 if (req->new_password() == req->current_password()) {
                   return absl::InvalidArgumentError(
                       "new_password is the current password; choose another");
                 }
                 PARAAT_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(req->new_password()));
                 // This session stays (the person changing it is the one signed in); the
                 // others end, as whoever knew the old password may hold one.
                 PARAAT_ASSIGN_OR_RETURN(std::string token_hash, Authorizer::BearerTokenHash(ctx));
                 PARAAT_ASSIGN_OR_RETURN(
                     const int ended,
                     accounts_->SetPassword(p.username, p.username, hash, true, token_hash,
                                            [](const Account&, const Person&) {
                                              return absl::OkStatus();
                                            }));
                 sc_.authorizer->ForgetUser(p.username);
                 resp->set_other_sessions_ended(ended);
                 return absl::OkStatus();
               });
}

grpc::Status AuthServiceImpl::ListAccounts(grpc::ServerContext* ctx,
                                           const v1::ListAccountsRequest*,
                                           v1::ListAccountsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, ListAccounts),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(std::vector<storage::AccountView> list,
                                         accounts_->ListAccounts(p.scope));
                 for (const auto& a : list) ToProto(a, resp->add_accounts());
                 return absl::OkStatus();
               });
}

grpc::Status AuthServiceImpl::CreateAccount(grpc::ServerContext* ctx,
                                            const v1::CreateAccountRequest* req,
                                            v1::CreateAccountResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, CreateAccount),
               [&](const Principal& p) -> absl::Status {
                 Account a;
                 a.username = req->username();
                 a.person = req->person();
                 a.scope = req->scope().municipality();
                 PARAAT_RETURN_IF_ERROR(directory::ValidateUsername(a.username, "username"));
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(a.person, "person"));
                 if (!a.scope.empty()) {
                   PARAAT_RETURN_IF_ERROR(directory::ValidateKey(a.scope, "scope.municipality"));
                 }
                 PARAAT_ASSIGN_OR_RETURN(a.role, FromProto(req->role(), "role"));
                 const std::string password = auth::RandomPassword();
                 PARAAT_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
                 PARAAT_ASSIGN_OR_RETURN(
                     storage::AccountView view,
                     accounts_->CreateAccount(p.username, a, hash, [&](const Person& person) {
                       PARAAT_RETURN_IF_ERROR(directory::RequireActive(person));
                       return CheckAccountScope(p, person, a, "creating an account");
                     }));
                 ToProto(view, resp->mutable_account());
                 resp->set_initial_password(password);
                 return absl::OkStatus();
               });
}

grpc::Status AuthServiceImpl::UpdateAccount(grpc::ServerContext* ctx,
                                            const v1::UpdateAccountRequest* req,
                                            v1::UpdateAccountResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(AuthService, UpdateAccount), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(directory::ValidateUsername(req->username(), "username"));
        std::optional<directory::Role> role;
        if (req->has_role()) {
          PARAAT_ASSIGN_OR_RETURN(role, FromProto(req->role(), "role"));
        }
        if (req->has_scope() && !req->scope().municipality().empty()) {
          PARAAT_RETURN_IF_ERROR(
              directory::ValidateKey(req->scope().municipality(), "scope.municipality"));
        }
        PARAAT_ASSIGN_OR_RETURN(
            storage::AccountView view,
            accounts_->UpdateAccount(
                p.username, req->username(), [&](Account& a, const Person& person) -> absl::Status {
                  // Checked on the account as it is and as it will be.
                  PARAAT_RETURN_IF_ERROR(CheckAccountScope(p, person, a, "changing an account"));
                  if (role.has_value()) a.role = *role;
                  if (req->has_scope()) a.scope = req->scope().municipality();
                  if (req->has_active()) {
                    // Reactivating is for someone in service.
                    if (req->active() && !a.active) PARAAT_RETURN_IF_ERROR(directory::RequireActive(person));
                    a.active = req->active();
                  }
                  if (a.username == p.username &&
                      (!a.active || a.role != p.role || a.scope != p.scope)) {
                    return absl::FailedPreconditionError(
                        "you cannot deactivate your own account or change your own role or "
                        "scope; ask another administrator");
                  }
                  return CheckAccountScope(p, person, a, "changing an account");
                }));
        sc_.authorizer->ForgetUser(req->username());
        ToProto(view, resp->mutable_account());
        return absl::OkStatus();
      });
}

grpc::Status AuthServiceImpl::ResetPassword(grpc::ServerContext* ctx,
                                            const v1::ResetPasswordRequest* req,
                                            v1::ResetPasswordResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, ResetPassword),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateUsername(req->username(), "username"));
                 const std::string password = auth::RandomPassword();
                 PARAAT_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
                 PARAAT_RETURN_IF_ERROR(accounts_->SetPassword(
                     p.username, req->username(), hash, true, "",
                     [&](const Account& a, const Person& person) {
                       return CheckAccountScope(p, person, a, "resetting a password");
                     }).status());
                 sc_.authorizer->ForgetUser(req->username());
                 resp->set_new_password(password);
                 return absl::OkStatus();
               });
}

grpc::Status AuthServiceImpl::UnlockAccount(grpc::ServerContext* ctx,
                                            const v1::UnlockAccountRequest* req,
                                            v1::UnlockAccountResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuthService, UnlockAccount),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateUsername(req->username(), "username"));
                 const absl::Time now = absl::Now();
                 storage::AccountView before;
                 PARAAT_ASSIGN_OR_RETURN(
                     storage::AccountView view,
                     accounts_->UnlockAccount(
                         p.username, req->username(),
                         [&](const Account& a, const Person& person) {
                           return CheckAccountScope(p, person, a, "unlocking an account");
                         },
                         &before));
                 if (before.locked_until > now) {
                   log::Info("auth", "account unlocked by an administrator",
                             {{"user", req->username()}, {"by", p.username}});
                 }
                 ToProto(view, resp->mutable_account());
                 resp->set_was_locked(before.locked_until > now);
                 return absl::OkStatus();
               });
}

}  // namespace paraat::service
