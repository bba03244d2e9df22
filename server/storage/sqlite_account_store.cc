// SPDX-License-Identifier: EUPL-1.2
#include "absl/strings/str_cat.h"
#include "common/directory/directory_json.h"
#include "common/status/status_macros.h"
#include "server/storage/account_store.h"
#include "server/storage/feed_store.h"
#include "server/storage/audit.h"
#include "server/storage/database.h"
#include "server/storage/directory_rows.h"

namespace paraat::storage {

using directory::Account;
using directory::Person;
using directory::Principal;

namespace {


AccountView ReadAccount(const Statement& st) {
  AccountView v;
  v.account.username = st.Text(1);
  v.account.person = st.Text(2);
  v.person_name = st.Text(3);
  v.account.role = directory::ParseRole(st.Text(4), "role").value_or(directory::Role::kOfficer);
  v.account.scope = st.Text(5);
  v.account.active = st.Bool(6);
  if (!st.IsNull(7)) v.last_login = absl::FromUnixMicros(st.Int(7));
  // Column 8 is the person's municipality (for a principal).
  v.failed_logins = static_cast<int>(st.Int(9));
  if (st.Int(10) != 0) v.locked_until = absl::FromUnixMicros(st.Int(10));
  return v;
}

absl::StatusOr<AccountView> LoadAccount(Connection& c, absl::string_view username) {
  PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                          c.Prepare("SELECT a.id, a.username, p.key, p.name, a.role, "
                                    "COALESCE(m.key, ''), a.active, a.last_login_us, pm.key, "
                                    "a.failed_logins, a.locked_until_us "
                                    "FROM account a JOIN person p ON p.id = a.person_id "
                                    "JOIN municipality pm ON pm.id = p.municipality_id "
                                    "LEFT JOIN municipality m ON m.id = a.scope_municipality_id "
                                    "WHERE a.username = ?"));
  st->Bind(1, username);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown account '", username, "'"));
  return ReadAccount(*st);
}

absl::StatusOr<Principal> LoadPrincipal(Connection& c, int64_t account_id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT a.id, a.username, p.key, p.name, a.role, COALESCE(m.key, ''), a.active, "
                "a.last_login_us, pm.key, a.failed_logins, a.locked_until_us FROM account a "
                "JOIN person p ON p.id = a.person_id "
                "JOIN municipality pm ON pm.id = p.municipality_id "
                "LEFT JOIN municipality m ON m.id = a.scope_municipality_id WHERE a.id = ?"));
  st->Bind(1, account_id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::UnauthenticatedError("the account of this session no longer exists");
  const AccountView v = ReadAccount(*st);
  if (!v.account.active) return absl::UnauthenticatedError("the account is deactivated");
  Principal p;
  p.account_id = account_id;
  p.username = v.account.username;
  p.person = v.account.person;
  p.person_name = v.person_name;
  p.municipality = st->Text(8);
  p.role = v.account.role;
  p.scope = v.account.scope;
  return p;
}

// Ends the account's sessions but the one of `except_token_hash`; returns how many.
absl::StatusOr<int> RevokeAll(Txn& txn, int64_t account_id, absl::string_view except_token_hash = "") {
  PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                          txn.conn().Prepare("UPDATE session SET revoked_us = ?1 WHERE "
                                             "account_id = ?2 AND revoked_us IS NULL "
                                             "AND expires_us > ?1 AND token_hash != ?3"));
  st->Bind(1, absl::ToUnixMicros(txn.now())).Bind(2, account_id).BindBlob(3, except_token_hash);
  PARAAT_RETURN_IF_ERROR(st->Run());
  return txn.conn().Changes();
}

class SqliteAccountStore : public AccountStore {
 public:
  explicit SqliteAccountStore(Database* db) : db_(db) {}

  absl::StatusOr<LoginRecord> FindLogin(absl::string_view username) override {
    LoginRecord r;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              c.Prepare("SELECT id, password_hash, active, failed_logins, "
                                        "locked_until_us FROM account WHERE username = ?"));
      st->Bind(1, username);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::NotFoundError(absl::StrCat("unknown account '", username, "'"));
      r.account_id = st->Int(0);
      r.password_hash = st->Text(1);
      r.active = st->Bool(2);
      r.failed_logins = static_cast<int>(st->Int(3));
      r.locked_until = absl::FromUnixMicros(st->Int(4));
      return absl::OkStatus();
    }));
    return r;
  }

  absl::StatusOr<Principal> RecordLogin(int64_t account_id, absl::string_view token_hash,
                                        absl::Time expires) override {
    Principal p;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(StatementRef ins,
                              c.Prepare("INSERT INTO session (token_hash, account_id, "
                                        "created_us, expires_us) VALUES (?, ?, ?, ?)"));
      ins->BindBlob(1, token_hash).Bind(2, account_id).Bind(3, absl::ToUnixMicros(txn.now()))
          .Bind(4, absl::ToUnixMicros(expires));
      PARAAT_RETURN_IF_ERROR(ins->Run());
      PARAAT_ASSIGN_OR_RETURN(StatementRef upd,
                              c.Prepare("UPDATE account SET failed_logins = 0, "
                                        "locked_until_us = 0, last_login_us = ? WHERE id = ?"));
      upd->Bind(1, absl::ToUnixMicros(txn.now())).Bind(2, account_id);
      PARAAT_RETURN_IF_ERROR(upd->Run());
      PARAAT_ASSIGN_OR_RETURN(p, LoadPrincipal(c, account_id));
      p.expires = expires;
      return AppendAudit(txn, p.username, "login", absl::StrCat("account/", p.username), nullptr,
                         nullptr);
    }));
    return p;
  }

  absl::Status RecordLoginFailure(absl::string_view username, int64_t account_id,
                                  int failed_logins, absl::Time locked_until) override {
    // Only the audit record: the account row keeps what it holds. (Writing back the count and
    // lock read before would undo an unlock made in between.)
    return db_->Write([&](Txn& txn) -> absl::Status {
      json::Value after;
      after.Set("failed_logins", failed_logins);
      after.Set("known_account", account_id != 0);
      if (locked_until > txn.now()) after.Set("locked_until_us", absl::ToUnixMicros(locked_until));
      return AppendAudit(txn, username, "login.failed", absl::StrCat("account/", username),
                         nullptr, after);
    });
  }

  absl::StatusOr<int> CountWrongPassword(
      absl::string_view username, int64_t account_id,
      const std::function<absl::Duration(int)>& lockout) override {
    int failures = 0;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("UPDATE account SET failed_logins = failed_logins + 1 WHERE id = ? "
                             "RETURNING failed_logins"));
      st->Bind(1, account_id);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::NotFoundError(absl::StrCat("unknown account '", username, "'"));
      failures = static_cast<int>(st->Int(0));
      PARAAT_ASSIGN_OR_RETURN(bool more, st->Step());  // to its end: one row
      (void)more;
      const absl::Duration lock = lockout(failures);
      json::Value after;
      after.Set("failed_logins", failures);
      after.Set("known_account", true);
      if (lock > absl::ZeroDuration()) {
        const absl::Time until = txn.now() + lock;
        PARAAT_ASSIGN_OR_RETURN(
            StatementRef set,
            txn.conn().Prepare("UPDATE account SET locked_until_us = ? WHERE id = ?"));
        set->Bind(1, absl::ToUnixMicros(until)).Bind(2, account_id);
        PARAAT_RETURN_IF_ERROR(set->Run());
        after.Set("locked_until_us", absl::ToUnixMicros(until));
      }
      return AppendAudit(txn, username, "login.failed", absl::StrCat("account/", username),
                         nullptr, after);
    }));
    return failures;
  }

  absl::StatusOr<Principal> FindSession(absl::string_view token_hash, absl::Time now,
                                        absl::Duration max_age) override {
    Principal p;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st, c.Prepare("SELECT account_id, expires_us, revoked_us, created_us "
                                     "FROM session WHERE token_hash = ?"));
      st->BindBlob(1, token_hash);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::UnauthenticatedError("unknown session token; log in again");
      if (!st->IsNull(2)) return absl::UnauthenticatedError("the session was logged out; log in again");
      const absl::Time expires =
          std::min(absl::FromUnixMicros(st->Int(1)), absl::FromUnixMicros(st->Int(3)) + max_age);
      if (expires <= now) return absl::UnauthenticatedError("the session has expired; log in again");
      const int64_t account_id = st->Int(0);
      PARAAT_ASSIGN_OR_RETURN(p, LoadPrincipal(c, account_id));
      p.expires = expires;
      return absl::OkStatus();
    }));
    return p;
  }

  absl::Status RevokeSession(absl::string_view actor, absl::string_view token_hash) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              txn.conn().Prepare("UPDATE session SET revoked_us = ? WHERE "
                                                 "token_hash = ? AND revoked_us IS NULL"));
      st->Bind(1, absl::ToUnixMicros(txn.now())).BindBlob(2, token_hash);
      PARAAT_RETURN_IF_ERROR(st->Run());
      return AppendAudit(txn, actor, "logout", absl::StrCat("account/", actor), nullptr, nullptr);
    });
  }

  absl::StatusOr<std::vector<AccountView>> ListAccounts(absl::string_view municipality) override {
    std::vector<AccountView> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT a.id, a.username, p.key, p.name, a.role, COALESCE(m.key, ''), "
                    "a.active, a.last_login_us, pm.key, a.failed_logins, a.locked_until_us "
                    "FROM account a "
                    "JOIN person p ON p.id = a.person_id "
                    "JOIN municipality pm ON pm.id = p.municipality_id "
                    "LEFT JOIN municipality m ON m.id = a.scope_municipality_id "
                    "WHERE ? = '' OR pm.key = ? ORDER BY a.username"));
      st->Bind(1, municipality).Bind(2, municipality);
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        out.push_back(ReadAccount(*st));
      }
    }));
    return out;
  }

  absl::StatusOr<AccountView> GetAccount(absl::string_view username) override {
    AccountView v;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(v, LoadAccount(c, username));
      return absl::OkStatus();
    }));
    return v;
  }

  absl::StatusOr<AccountView> CreateAccount(
      absl::string_view actor, const Account& a, absl::string_view password_hash,
      const std::function<absl::Status(const Person&)>& check) override {
    AccountView v;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(Person person, LoadPerson(c, a.person));
      PARAAT_RETURN_IF_ERROR(check(person));
      PARAAT_ASSIGN_OR_RETURN(int64_t person_id, PersonId(c, a.person));
      std::optional<int64_t> scope_id;
      if (!a.scope.empty()) {
        // A new account's scope is a municipality in use.
        PARAAT_ASSIGN_OR_RETURN(directory::Municipality m, LoadMunicipality(c, a.scope));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(m));
        PARAAT_ASSIGN_OR_RETURN(scope_id, MunicipalityId(c, a.scope));
      }
      {
        PARAAT_ASSIGN_OR_RETURN(StatementRef has,
                                c.Prepare("SELECT username FROM account WHERE person_id = ?"));
        has->Bind(1, person_id);
        PARAAT_ASSIGN_OR_RETURN(bool row, has->Step());
        if (row) {
          return absl::AlreadyExistsError(absl::StrCat(
              "person '", a.person, "' already has an account ('", has->Text(0), "')"));
        }
      }
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO account (username, person_id, password_hash, role, "
                    "scope_municipality_id, active, created_us) VALUES (?, ?, ?, ?, ?, ?, ?)"));
      st->Bind(1, a.username).Bind(2, person_id).Bind(3, password_hash)
          .Bind(4, directory::RoleName(a.role)).Bind(5, scope_id).Bind(6, a.active)
          .Bind(7, absl::ToUnixMicros(txn.now()));
      if (absl::Status r = st->Run(); !r.ok()) {
        if (absl::IsAlreadyExists(r)) {
          return absl::AlreadyExistsError(
              absl::StrCat("username '", a.username, "' is already taken"));
        }
        return r;
      }
      PARAAT_ASSIGN_OR_RETURN(v, LoadAccount(c, a.username));
      return AppendAudit(txn, actor, "account.create", absl::StrCat("account/", a.username),
                         nullptr, directory::ToJson(v.account));
    }));
    return v;
  }

  absl::StatusOr<AccountView> UpdateAccount(
      absl::string_view actor, absl::string_view username,
      const std::function<absl::Status(Account&, const Person&)>& edit) override {
    AccountView v;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(AccountView before, LoadAccount(c, username));
      PARAAT_ASSIGN_OR_RETURN(Person person, LoadPerson(c, before.account.person));
      Account after = before.account;
      PARAAT_RETURN_IF_ERROR(edit(after, person));
      std::optional<int64_t> scope_id;
      if (!after.scope.empty()) {
        if (after.scope != before.account.scope) {  // a scope given now is one in use
          PARAAT_ASSIGN_OR_RETURN(directory::Municipality m, LoadMunicipality(c, after.scope));
          PARAAT_RETURN_IF_ERROR(directory::RequireActive(m));
        }
        PARAAT_ASSIGN_OR_RETURN(scope_id, MunicipalityId(c, after.scope));
      }
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              c.Prepare("UPDATE account SET role = ?, scope_municipality_id = ?, "
                                        "active = ? WHERE username = ?"));
      st->Bind(1, directory::RoleName(after.role)).Bind(2, scope_id).Bind(3, after.active)
          .Bind(4, username);
      PARAAT_RETURN_IF_ERROR(st->Run());
      if (after.role != before.account.role || after.scope != before.account.scope ||
          !after.active || !before.account.active) {
        PARAAT_ASSIGN_OR_RETURN(StatementRef id,
                                c.Prepare("SELECT id FROM account WHERE username = ?"));
        id->Bind(1, username);
        PARAAT_ASSIGN_OR_RETURN(bool row, id->Step());
        if (row) PARAAT_RETURN_IF_ERROR(RevokeAll(txn, id->Int(0)).status());
        // Deactivated: its feed links end. Reactivated: any link still standing from before
        // (an account deactivated before links ended with it) ends too.
        if (row && after.active != before.account.active) {
          PARAAT_RETURN_IF_ERROR(RevokeFeedLinksOfAccount(txn, actor, id->Int(0)));
        }
      }
      PARAAT_ASSIGN_OR_RETURN(v, LoadAccount(c, username));
      return AppendAudit(txn, actor, "account.update", absl::StrCat("account/", username),
                         directory::ToJson(before.account), directory::ToJson(v.account));
    }));
    return v;
  }

  absl::StatusOr<int> SetPassword(
      absl::string_view actor, absl::string_view username, absl::string_view password_hash,
      bool revoke_sessions, absl::string_view except_token_hash,
      const std::function<absl::Status(const Account&, const Person&)>& check) override {
    int ended = 0;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      ended = 0;
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(AccountView acc, LoadAccount(c, username));
      PARAAT_ASSIGN_OR_RETURN(Person person, LoadPerson(c, acc.account.person));
      PARAAT_RETURN_IF_ERROR(check(acc.account, person));
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              c.Prepare("UPDATE account SET password_hash = ?, failed_logins = 0, "
                                        "locked_until_us = 0 WHERE username = ?"));
      st->Bind(1, password_hash).Bind(2, username);
      PARAAT_RETURN_IF_ERROR(st->Run());
      if (revoke_sessions) {
        PARAAT_ASSIGN_OR_RETURN(const int64_t id, AccountId(c, username));
        PARAAT_ASSIGN_OR_RETURN(ended, RevokeAll(txn, id, except_token_hash));
      }
      return AppendAudit(txn, actor, "account.password", absl::StrCat("account/", username),
                         nullptr, nullptr);
    }));
    return ended;
  }

  absl::StatusOr<AccountView> UnlockAccount(
      absl::string_view actor, absl::string_view username,
      const std::function<absl::Status(const Account&, const Person&)>& check,
      AccountView* before) override {
    AccountView v;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(*before, LoadAccount(c, username));
      PARAAT_ASSIGN_OR_RETURN(Person person, LoadPerson(c, before->account.person));
      PARAAT_RETURN_IF_ERROR(check(before->account, person));
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              c.Prepare("UPDATE account SET failed_logins = 0, "
                                        "locked_until_us = 0 WHERE username = ?"));
      st->Bind(1, username);
      PARAAT_RETURN_IF_ERROR(st->Run());
      PARAAT_ASSIGN_OR_RETURN(v, LoadAccount(c, username));
      json::Value was;
      was.Set("failed_logins", before->failed_logins);
      if (before->locked_until > txn.now()) {
        was.Set("locked_until_us", absl::ToUnixMicros(before->locked_until));
      }
      return AppendAudit(txn, actor, "account.unlock", absl::StrCat("account/", username), was,
                         nullptr);
    }));
    return v;
  }

  absl::StatusOr<int> RevokeSessions(absl::string_view actor, absl::string_view username,
                                     absl::string_view except_token_hash) override {
    int ended = 0;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(const int64_t id, AccountId(txn.conn(), username));
      PARAAT_ASSIGN_OR_RETURN(ended, RevokeAll(txn, id, except_token_hash));
      json::Value after;
      after.Set("sessions_ended", ended);
      return AppendAudit(txn, actor, "logout.everywhere", absl::StrCat("account/", username),
                         nullptr, after);
    }));
    return ended;
  }

  absl::Status AddRefusals(const RefusalCounts& counts) override {
    if (counts.empty()) return absl::OkStatus();
    return db_->Write([&](Txn& txn) -> absl::Status {
      for (const auto& [key, n] : counts) {
        PARAAT_ASSIGN_OR_RETURN(
            StatementRef st,
            txn.conn().Prepare("INSERT INTO refusal (actor, method, minute_us, count) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT (actor, method, minute_us) "
                               "DO UPDATE SET count = count + excluded.count"));
        st->Bind(1, std::get<0>(key)).Bind(2, std::get<1>(key)).Bind(3, std::get<2>(key))
            .Bind(4, n);
        PARAAT_RETURN_IF_ERROR(st->Run());
      }
      return absl::OkStatus();
    });
  }

 private:
  Database* db_;
};

}  // namespace

std::unique_ptr<AccountStore> NewSqliteAccountStore(Database* db) {
  return std::make_unique<SqliteAccountStore>(db);
}

}  // namespace paraat::storage
