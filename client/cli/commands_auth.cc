// SPDX-License-Identifier: EUPL-1.2
// paraat login, logout, whoami, passwd and accounts.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "client/api/session_store.h"
#include "client/cli/cli.h"
#include "common/directory/directory_json.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

std::string ScopeText(const std::string& scope) { return scope.empty() ? "region" : scope; }

std::string LocalTime(absl::Time t) {
  if (t == absl::InfinitePast()) return "-";
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &zone)) zone = absl::UTCTimeZone();
  return time::FormatLocal(t, zone);
}

json::Value AccountJson(const directory::AccountInfo& a) {
  json::Value v = directory::ToJson(a.account);
  v.Set("person_name", a.person_name);
  if (a.last_login != absl::InfinitePast()) v.Set("last_login", time::FormatUtc(a.last_login));
  return v;
}

absl::Status Login(Context& ctx) {
  std::string username = ctx.args().empty() ? ctx.GetOr("username", "") : ctx.args()[0];
  if (username.empty()) {
    if (ctx.Has("password-stdin")) {
      return absl::InvalidArgumentError("give the username as an argument with --password-stdin");
    }
    ctx.err() << "Username: " << std::flush;
    std::getline(std::cin, username);
  }
  PARAAT_ASSIGN_OR_RETURN(std::string password, ReadPassword(ctx, "Password: "));
  PARAAT_ASSIGN_OR_RETURN(client::LoginResult r, ctx.client().Login(username, password));
  PARAAT_RETURN_IF_ERROR(client::SaveSession({ctx.server(), r.account.account.username, r.token, r.expires}));
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
  absl::Status s = ctx.client().Logout();
  PARAAT_RETURN_IF_ERROR(client::ClearSession());
  if (!s.ok() && !absl::IsUnauthenticated(s)) return s;
  ctx.out() << "Logged out.\n";
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
  PARAAT_RETURN_IF_ERROR(ctx.client().ChangePassword(current, next));
  ctx.out() << "Password changed.\n";
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
  Table t({"USERNAME", "NAME", "PERSON", "ROLE", "SCOPE", "ACTIVE", "LAST LOGIN"});
  for (const auto& a : list) {
    t.Add({a.account.username, a.person_name, a.account.person,
           std::string(directory::RoleName(a.account.role)), ScopeText(a.account.scope),
           YesNo(a.account.active), LocalTime(a.last_login)});
  }
  t.Print(ctx.out());
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

}  // namespace

void AddAuthCommands(std::vector<CommandSpec>& c) {
  const FlagSpec pw_stdin{"password-stdin", "", "read the password from standard input"};
  c.push_back({"login", "[USERNAME]", "log in and keep the session token (mode 0600)",
               {pw_stdin, {"username", "NAME", "username (or give it as the argument)"}}, 0, 1,
               Login, false});
  c.push_back({"logout", "", "end the session on the server and forget the token", {}, 0, 0, Logout});
  c.push_back({"whoami", "", "show the signed-in account", {}, 0, 0, WhoAmI});
  c.push_back({"passwd", "", "change your password", {pw_stdin}, 0, 0, Passwd});
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
}

}  // namespace paraat::cli
