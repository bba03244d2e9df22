// SPDX-License-Identifier: EUPL-1.2
// Repository of accounts, sessions, login failures and refused-call counters.
#ifndef PARAAT_SERVER_STORAGE_ACCOUNT_STORE_H_
#define PARAAT_SERVER_STORAGE_ACCOUNT_STORE_H_

#include <functional>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/directory/access.h"
#include "common/directory/directory.h"
#include "server/storage/directory_store.h"

namespace paraat::storage {

class Database;

// What a login needs to know about an account.
struct LoginRecord {
  int64_t account_id = 0;
  std::string password_hash;
  bool active = false;
  int failed_logins = 0;
  absl::Time locked_until = absl::InfinitePast();
};

using AccountView = directory::AccountInfo;

// (actor, method, minute) -> number of refused calls.
using RefusalCounts = std::map<std::tuple<std::string, std::string, int64_t>, int64_t>;

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // NOT_FOUND when there is no such account.
  virtual absl::StatusOr<LoginRecord> FindLogin(absl::string_view username) = 0;
  // Stores the session (by token hash), resets the failure count and audits the login.
  virtual absl::StatusOr<directory::Principal> RecordLogin(int64_t account_id,
                                                           absl::string_view token_hash,
                                                           absl::Time expires) = 0;
  // Audits a refused login with the failures and lock as the caller read them (an unknown
  // username: `account_id` 0; an account locked out). Changes no account: a wrong password is
  // counted by CountWrongPassword, and writing back what was read would undo an unlock made
  // in between.
  virtual absl::Status RecordLoginFailure(absl::string_view username, int64_t account_id,
                                          int failed_logins, absl::Time locked_until) = 0;
  // Counts a wrong password for the account in the same step as reading the count, so
  // failures at the same moment all count; locks it for `lockout(failures in a row)` when that
  // is positive, and audits it as RecordLoginFailure does. Returns the failures in a row.
  virtual absl::StatusOr<int> CountWrongPassword(
      absl::string_view username, int64_t account_id,
      const std::function<absl::Duration(int)>& lockout) = 0;
  // UNAUTHENTICATED when the token is unknown, expired or revoked, or the account inactive.
  // A session also ends `max_age` after it began, so a shorter session length set by the
  // operator holds for the sessions already given out.
  virtual absl::StatusOr<directory::Principal> FindSession(absl::string_view token_hash,
                                                           absl::Time now,
                                                           absl::Duration max_age) = 0;
  virtual absl::Status RevokeSession(absl::string_view actor, absl::string_view token_hash) = 0;
  // Ends every session of `username` but the one of `except_token_hash` ("" for none), audited
  // as a logout everywhere; returns how many ended.
  virtual absl::StatusOr<int> RevokeSessions(absl::string_view actor, absl::string_view username,
                                             absl::string_view except_token_hash) = 0;

  virtual absl::StatusOr<std::vector<AccountView>> ListAccounts(absl::string_view municipality) = 0;
  virtual absl::StatusOr<AccountView> GetAccount(absl::string_view username) = 0;
  // NOT_FOUND (person, scope municipality), ALREADY_EXISTS (username, person has one).
  // `check` sees the person before anything is written.
  virtual absl::StatusOr<AccountView> CreateAccount(
      absl::string_view actor, const directory::Account& account, absl::string_view password_hash,
      const std::function<absl::Status(const directory::Person&)>& check) = 0;
  // The edit sees the account and its person's municipality; revokes sessions when the
  // account is deactivated or its role or scope changes.
  virtual absl::StatusOr<AccountView> UpdateAccount(
      absl::string_view actor, absl::string_view username,
      const std::function<absl::Status(directory::Account&, const directory::Person&)>& edit) = 0;
  // Sets a password hash; revokes every session of the account when `revoke_sessions`, but the
  // one of `except_token_hash` ("" for none). Returns how many sessions ended.
  // `check` sees the account and person first (scope rules).
  virtual absl::StatusOr<int> SetPassword(
      absl::string_view actor, absl::string_view username, absl::string_view password_hash,
      bool revoke_sessions, absl::string_view except_token_hash,
      const std::function<absl::Status(const directory::Account&, const directory::Person&)>&
          check) = 0;
  // Clears the failed logins and any lockout of `username` (the password stays), audited with
  // what was cleared; `before` receives the account as it was. `check` sees the account and
  // person first (scope rules).
  virtual absl::StatusOr<AccountView> UnlockAccount(
      absl::string_view actor, absl::string_view username,
      const std::function<absl::Status(const directory::Account&, const directory::Person&)>&
          check,
      AccountView* before) = 0;
  // Adds refused-call counts (merged with what is already stored for the same minute).
  virtual absl::Status AddRefusals(const RefusalCounts& counts) = 0;
};

std::unique_ptr<AccountStore> NewSqliteAccountStore(Database* db);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_ACCOUNT_STORE_H_
