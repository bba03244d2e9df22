// SPDX-License-Identifier: EUPL-1.2
// paraat login, logout, whoami, passwd and accounts.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/api/session_store.h"
#include "client/api/tls.h"
#include "common/certs/certs.h"
#include <unistd.h>
#include "client/cli/cli.h"
#include "client/cli/text.h"
#include "common/directory/directory_json.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

std::string ScopeText(const std::string& scope) { return scope.empty() ? "region" : scope; }

std::string LocalTime(absl::Time t) {
  if (t == absl::InfinitePast()) return "-";
  return time::FormatLocal(t);
}

json::Value AccountJson(const directory::AccountInfo& a) {
  json::Value v = directory::ToJson(a.account);
  v.Set("person_name", a.person_name);
  if (a.last_login != absl::InfinitePast()) v.Set("last_login", time::FormatUtc(a.last_login));
  v.Set("failed_logins", a.failed_logins);
  // Only while the lockout lasts (the server keeps the end of a past one until the next login).
  if (a.locked_until > absl::Now()) v.Set("locked_until", time::FormatUtc(a.locked_until));
  return v;
}

// "until 14:05" while locked out, the failures in a row otherwise ("" for none).
std::string LockText(const directory::AccountInfo& a, absl::Time now) {
  if (a.locked_until > now) return absl::StrCat("locked until ", time::FormatLocal(a.locked_until));
  if (a.failed_logins > 0) {
    return absl::StrCat(a.failed_logins, a.failed_logins == 1 ? " failed login" : " failed logins");
  }
  return "";
}

// Trust on first use, only when the user confirms: a TLS server with neither a CA nor a pin
// shows its certificate's fingerprint and the pin is kept if the user says yes.
absl::Status ConfirmServerCertificate(Context& ctx) {
  const auto [target, tls] = client::ParseAddress(ctx.server());
  if (!tls || ctx.Has("ca") || ctx.Has("pin") || !client::StoredPin(ctx.server()).empty()) {
    return absl::OkStatus();
  }
  absl::StatusOr<client::TlsSettings> settings = client::ResolveTls(ctx.server(), "", "");
  if (!settings.ok() || !settings->ca_pem.empty()) return absl::OkStatus();
  auto seen = std::make_shared<std::string>();
  client::ClientOptions probe;
  probe.server = ctx.server();
  probe.deadline = absl::Seconds(5);
  probe.credentials = client::MakeCredentials(
      {true, "", "SHA256:0000000000000000000000000000000000000000000000000000000000000000", "", ""},
      seen);
  client::Client c(probe);
  (void)c.Ping();
  if (seen->empty()) return absl::OkStatus();  // unreachable: the login will say so
  if (ctx.Has("password-stdin") || !::isatty(STDIN_FILENO)) {
    return absl::FailedPreconditionError(absl::StrCat(
        ctx.server(), " presents certificate ", *seen,
        ", which this client does not know. Check it with the administrator (paraat-server init "
        "printed it) and pass --pin ", *seen, " or --ca FILE"));
  }
  ctx.err() << "The server " << ctx.server() << " presents the certificate\n  " << *seen
            << "\nwhich this client has not seen before. Compare it with the fingerprint your "
               "administrator gave you.\nTrust it? [y/N] "
            << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "Y" && answer != "yes" && answer != "ja" && answer != "j") {
    return absl::FailedPreconditionError("not trusted; nothing was sent to the server");
  }
  return client::StorePin(ctx.server(), *seen);
}

absl::Status Login(Context& ctx) {
  PARAAT_RETURN_IF_ERROR(ConfirmServerCertificate(ctx));
  // A --pin (or else a --ca) is kept for the server only once a login through it has
  // succeeded: a mistyped one must not replace the one that works.
  std::string pin;
  if (auto p = ctx.Get("pin")) {
    PARAAT_ASSIGN_OR_RETURN(pin, certs::NormaliseFingerprint(*p));
  }
  std::string username = ctx.args().empty() ? ctx.GetOr("username", "") : ctx.args()[0];
  if (username.empty()) {
    if (ctx.Has("password-stdin")) {
      return absl::InvalidArgumentError("give the username as an argument with --password-stdin");
    }
    ctx.err() << "Username: " << std::flush;
    std::getline(std::cin, username);
  }
  PARAAT_ASSIGN_OR_RETURN(
      std::string password,
      ReadPassword(ctx, absl::StrCat("Password for ", ctx.args()[0], " on ", ctx.server(), ": ")));
  PARAAT_ASSIGN_OR_RETURN(client::LoginResult r, ctx.client().Login(username, password));
  PARAAT_RETURN_IF_ERROR(client::SaveSession({ctx.server(), r.account.account.username, r.token, r.expires}));
  if (!pin.empty()) {
    PARAAT_RETURN_IF_ERROR(client::StorePin(ctx.server(), pin));
  } else if (auto ca = ctx.Get("ca")) {
    PARAAT_RETURN_IF_ERROR(client::StoreCaFile(ctx.server(), *ca));
  }
  if (ctx.json()) {
    json::Value v = AccountJson(r.account);
    v.Set("expires", time::FormatUtc(r.expires));
    v.Set("server", ctx.server());
    ctx.PrintJson(v);
  } else {
    ctx.out() << "Logged in to " << ctx.server() << " as " << r.account.account.username << " ("
              << r.account.person_name << ", " << directory::RoleName(r.account.account.role)
              << ", " << ScopeText(r.account.account.scope) << ") until " << LocalTime(r.expires)
              << ".\n";
  }
  return absl::OkStatus();
}

absl::Status Logout(Context& ctx) {
  const bool everywhere = ctx.Has("everywhere");
  absl::StatusOr<int> ended = ctx.client().Logout(everywhere);
  // Everywhere: the token stays while the server did not end the sessions, to try again.
  if (everywhere && !ended.ok()) return ended.status();
  PARAAT_RETURN_IF_ERROR(client::ClearSession());
  if (!ended.ok() && !absl::IsUnauthenticated(ended.status())) return ended.status();
  if (everywhere) {
    ctx.out() << "Logged out everywhere: " << *ended << (*ended == 1 ? " session" : " sessions")
              << " ended.\n";
  } else {
    ctx.out() << "Logged out.\n";
  }
  return absl::OkStatus();
}

absl::Status WhoAmI(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(auto who, ctx.client().WhoAmI());
  const directory::AccountInfo& a = who.first;
  if (ctx.json()) {
    json::Value v = AccountJson(a);
    v.Set("expires", time::FormatUtc(who.second));
    v.Set("server", ctx.server());
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << a.account.username << " (" << a.person_name << ")\n"
            << "  person:   " << a.account.person << "\n"
            << "  role:     " << directory::RoleName(a.account.role) << "\n"
            << "  scope:    " << ScopeText(a.account.scope) << "\n"
            << "  server:   " << ctx.server() << "\n"
            << "  session until " << LocalTime(who.second) << "\n";
  return absl::OkStatus();
}

absl::Status Passwd(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string current, ReadPassword(ctx, "Current password: "));
  PARAAT_ASSIGN_OR_RETURN(std::string next, ReadPassword(ctx, "New password (12+ characters): "));
  if (!ctx.Has("password-stdin")) {
    PARAAT_ASSIGN_OR_RETURN(std::string again, ReadPassword(ctx, "New password again: "));
    if (again != next) return absl::InvalidArgumentError("the two new passwords differ");
  }
  PARAAT_ASSIGN_OR_RETURN(const int ended, ctx.client().ChangePassword(current, next));
  ctx.out() << "Password changed.";
  if (ended > 0) {
    ctx.out() << " Your " << ended << (ended == 1 ? " other session was" : " other sessions were")
              << " logged out (other devices log in again with the new password).";
  }
  ctx.out() << "\n";
  return absl::OkStatus();
}

absl::Status AccountsList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<directory::AccountInfo> list, ctx.client().ListAccounts());
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& a : list) arr.Append(AccountJson(a));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  const absl::Time now = absl::Now();
  Table t({"USERNAME", "NAME", "PERSON", "ROLE", "SCOPE", "ACTIVE", "LAST LOGIN", "LOGIN"});
  int locked = 0;
  for (const auto& a : list) {
    const std::string lock = LockText(a, now);
    if (a.locked_until > now) ++locked;
    t.Add({a.account.username, a.person_name, a.account.person,
           std::string(directory::RoleName(a.account.role)), ScopeText(a.account.scope),
           YesNo(a.account.active), LocalTime(a.last_login), lock.empty() ? "ok" : lock});
  }
  t.Print(ctx.out());
  if (locked > 0) {
    ctx.out() << locked << (locked == 1 ? " account is" : " accounts are")
              << " locked out after failed logins; it unlocks by itself, or: paraat accounts "
                 "unlock USERNAME\n";
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ScopeFlag(Context& ctx) {
  std::string scope = ctx.GetOr("scope", "region");
  return scope == "region" ? std::string() : scope;
}

absl::Status AccountsCreate(Context& ctx) {
  directory::Account a;
  a.username = ctx.args()[0];
  PARAAT_ASSIGN_OR_RETURN(a.person, ctx.Require("person"));
  PARAAT_ASSIGN_OR_RETURN(std::string role, ctx.Require("role"));
  PARAAT_ASSIGN_OR_RETURN(a.role, directory::ParseRole(role, "--role"));
  PARAAT_ASSIGN_OR_RETURN(a.scope, ScopeFlag(ctx));
  PARAAT_ASSIGN_OR_RETURN(auto created, ctx.client().CreateAccount(a));
  if (ctx.json()) {
    json::Value v = AccountJson(created.first);
    v.Set("initial_password", created.second);
    ctx.PrintJson(v);
  } else {
    ctx.out() << "Created account " << created.first.account.username << " for "
              << created.first.person_name << ".\nInitial password (shown once): "
              << created.second << "\n";
  }
  return absl::OkStatus();
}

absl::Status AccountsUpdate(Context& ctx) {
  client::AccountUpdate u;
  if (auto r = ctx.Get("role")) {
    PARAAT_ASSIGN_OR_RETURN(u.role, directory::ParseRole(*r, "--role"));
  }
  if (ctx.Has("scope")) {
    PARAAT_ASSIGN_OR_RETURN(u.scope, ScopeFlag(ctx));
  }
  PARAAT_ASSIGN_OR_RETURN(u.active, ctx.GetBool("active"));
  PARAAT_ASSIGN_OR_RETURN(directory::AccountInfo a, ctx.client().UpdateAccount(ctx.args()[0], u));
  if (ctx.json()) {
    ctx.PrintJson(AccountJson(a));
  } else {
    ctx.out() << "Updated account " << a.account.username << ": "
              << directory::RoleName(a.account.role) << ", " << ScopeText(a.account.scope)
              << (a.account.active ? "" : ", deactivated") << ".\n";
  }
  return absl::OkStatus();
}

absl::Status AccountsReset(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string pw, ctx.client().ResetPassword(ctx.args()[0]));
  if (ctx.json()) {
    json::Value v;
    v.Set("username", ctx.args()[0]);
    v.Set("new_password", pw);
    ctx.PrintJson(v);
  } else {
    ctx.out() << "New password for " << ctx.args()[0] << " (shown once; their sessions ended): "
              << pw << "\n";
  }
  return absl::OkStatus();
}

absl::Status AccountsUnlock(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(auto unlocked, ctx.client().UnlockAccount(ctx.args()[0]));
  const auto& [a, was_locked] = unlocked;
  if (ctx.json()) {
    json::Value v = AccountJson(a);
    v.Set("was_locked", was_locked);
    ctx.PrintJson(v);
  } else if (was_locked) {
    ctx.out() << "Unlocked account " << a.account.username
              << ": they can log in again with their password.\n";
  } else {
    ctx.out() << "Account " << a.account.username
              << " was not locked out; its count of failed logins is cleared.\n";
  }
  return absl::OkStatus();
}

absl::Status Audit(Context& ctx) {
  std::optional<absl::Time> since;
  if (auto v = ctx.Get("since")) {
    PARAAT_ASSIGN_OR_RETURN(absl::Time t, time::ParseInstant(*v, time::DefaultZone(), "--since"));
    since = t;
  }
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> limit, ctx.GetCount("limit"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> after, ctx.GetInt("after"));
  int64_t next = 0;
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::AuditView> records,
                          ctx.client().ListAudit(since, ctx.GetOr("who", ""), ctx.GetOr("object", ""),
                                                 after.value_or(0), limit.value_or(100), &next));
  // The next page with the same filters; beside JSON on stdout, on stderr.
  std::string more;
  if (next != 0) {
    more = absl::StrCat("(more: paraat audit --after ", next);
    for (const char* flag : {"since", "who", "object"}) {
      if (auto v = ctx.Get(flag)) absl::StrAppend(&more, " --", flag, " ", ShellQuoted(*v));
    }
    if (limit.has_value()) absl::StrAppend(&more, " --limit ", *limit);
    absl::StrAppend(&more, ctx.json() ? " --json)\n" : ")\n");
  }
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& r : records) {
      json::Value v;
      v.Set("id", r.id);
      v.Set("at", time::FormatUtc(r.at));
      v.Set("actor", r.actor);
      v.Set("action", r.action);
      v.Set("object", r.object);
      if (!r.before_json.empty()) v.Set("before", r.before_json);
      if (!r.after_json.empty()) v.Set("after", r.after_json);
      arr.Append(v);
    }
    ctx.PrintJson(arr);
    ctx.err() << more;
    return absl::OkStatus();
  }
  Table t({"ID", "WHEN", "WHO", "ACTION", "OBJECT", "CHANGE"});
  for (const auto& r : records) {
    std::string change = r.after_json.empty() ? r.before_json : r.after_json;
    if (change.size() > 70) change = change.substr(0, 67) + "...";
    t.Add({absl::StrCat(r.id), LocalTime(r.at), r.actor, r.action, r.object, change});
  }
  t.Print(ctx.out());
  ctx.out() << more;
  return absl::OkStatus();
}

}  // namespace

void AddAuthCommands(std::vector<CommandSpec>& c) {
  const FlagSpec pw_stdin{"password-stdin", "", "read the password from standard input"};
  c.push_back({"login", "[USERNAME]", "log in and keep the session token (mode 0600)",
               {pw_stdin, {"username", "NAME", "username (or give it as the argument)"}}, 0, 1,
               Login, false});
  c.push_back({"logout", "", "end the session on the server and forget the token",
               {{"everywhere", "", "end every session of your account, on every device"}}, 0, 0,
               Logout});
  c.push_back({"whoami", "", "show the signed-in account", {}, 0, 0, WhoAmI});
  c.push_back({"passwd", "", "change your password",
               {{"password-stdin", "",
                 "read two lines from standard input: the current password, then the new one"}},
               0, 0, Passwd});
  c.push_back({"audit", "", "the audit trail: who changed what, when (administrators)",
               {{"since", "TIME", "from this moment"}, {"who", "USER", "one account"},
                {"object", "PREFIX", "e.g. crisis/1 or person/j.devries"},
                {"after", "ID", "records after this id"}, {"limit", "N", "at most N (default 100)"}},
               0, 0, Audit});
  c.push_back({"accounts list", "", "list accounts (administrators)", {}, 0, 0, AccountsList});
  c.push_back({"accounts create", "USERNAME", "create an account for a person; prints its initial password",
               {{"person", "KEY", "the person the account belongs to"},
                {"role", "ROLE", "officer, coordinator or administrator"},
                {"scope", "MUNICIPALITY", "a municipality key, or 'region' (default)"}},
               1, 1, AccountsCreate});
  c.push_back({"accounts update", "USERNAME", "change an account's role, scope or active flag",
               {{"role", "ROLE", "officer, coordinator or administrator"},
                {"scope", "MUNICIPALITY", "a municipality key, or 'region'"},
                {"active", "yes|no", "deactivate (no) or reactivate (yes)"}},
               1, 1, AccountsUpdate});
  c.push_back({"accounts reset-password", "USERNAME", "set a new random password and end the account's sessions",
               {}, 1, 1, AccountsReset});
  c.push_back({"accounts unlock", "USERNAME",
               "lift a lockout after failed logins (the password stays; to replace a password "
               "that may be known, use reset-password)",
               {}, 1, 1, AccountsUnlock});
}

}  // namespace paraat::cli
