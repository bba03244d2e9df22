// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/access.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/status_macros.h"

namespace paraat::crisis {

bool CanRead(const directory::Principal& p, const Crisis& c) {
  return p.regional() ||
         std::find(c.municipalities.begin(), c.municipalities.end(), p.scope) != c.municipalities.end();
}

absl::Status CheckRead(const directory::Principal& p, const Crisis& c) {
  if (CanRead(p, c)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "crisis ", c.id, " does not concern municipality '", p.scope, "'; ", p.username,
      " may not read it"));
}

absl::Status CheckWrite(const directory::Principal& p, const Crisis& c) {
  PARAAT_RETURN_IF_ERROR(CheckRead(p, c));
  return directory::RequireRole(p, directory::Role::kCoordinator, "writing to a crisis log");
}

absl::Status CheckAppend(const directory::Principal& p, const Crisis& c, const AppendRequest& r,
                         absl::string_view action_owner_now) {
  PARAAT_RETURN_IF_ERROR(CheckRead(p, c));
  if (p.AtLeast(directory::Role::kCoordinator)) {
    if (p.regional()) return absl::OkStatus();
    for (const std::string& m : r.municipalities) {
      PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(p, m, "an entry for a municipality"));
    }
    const bool whole_crisis = r.kind == EntryKind::kGripChange || r.kind == EntryKind::kClosed ||
                              r.kind == EntryKind::kReopened;
    const bool others = std::any_of(c.municipalities.begin(), c.municipalities.end(),
                                    [&](const std::string& m) { return m != p.scope; });
    if (whole_crisis && others) {
      return absl::PermissionDeniedError(absl::StrCat(
          r.kind == EntryKind::kGripChange ? "changing the GRIP level"
          : r.kind == EntryKind::kClosed   ? "closing"
                                           : "reopening",
          " of crisis ", c.id, " concerns all its municipalities (",
          absl::StrJoin(c.municipalities, ", "), "): a regional coordinator does it; ", p.username,
          " may act only for '", p.scope, "'"));
    }
    return absl::OkStatus();
  }
  const bool own_update = r.kind == EntryKind::kActionUpdate && !p.person.empty() &&
                          action_owner_now == p.person;
  if (!own_update) {
    absl::Status s = directory::RequireRole(p, directory::Role::kCoordinator, "writing to a crisis log");
    return absl::Status(s.code(), absl::StrCat(s.message(),
                                               " (an officer may update the status of an "
                                               "action they own)"));
  }
  for (int64_t ref : r.refs) {
    if (ref != r.action_ref) {
      return absl::PermissionDeniedError(absl::StrCat(
          "the owner of action ", r.action_ref, " reports on that action only; refs may name "
          "no other entry"));
    }
  }
  if (!r.action_owner.empty() || r.action_deadline.has_value()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "the owner of action ", r.action_ref, " reports its status (and a note); its owner and "
        "deadline are changed by a coordinator"));
  }
  return absl::OkStatus();
}

absl::Status CheckOpen(const directory::Principal& p, const std::vector<std::string>& municipalities) {
  PARAAT_RETURN_IF_ERROR(directory::RequireRole(p, directory::Role::kCoordinator, "opening a crisis"));
  for (const std::string& m : municipalities) {
    PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(p, m, "opening a crisis"));
  }
  return absl::OkStatus();
}

absl::Status CheckOwnerCanRead(absl::string_view owner,
                                const std::vector<directory::Principal>& owner_accounts,
                                const Crisis& c) {
  if (owner_accounts.empty()) return absl::OkStatus();
  std::vector<std::string> scopes;
  for (const directory::Principal& a : owner_accounts) {
    if (CanRead(a, c)) return absl::OkStatus();
    scopes.push_back(a.scope);
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "action_owner: ", owner, " cannot read crisis ", c.id, " (it concerns ",
      absl::StrJoin(c.municipalities, ", "), "; their accounts are for ",
      absl::StrJoin(scopes, ", "), ") and would never see the action; give it to someone who can"));
}

}  // namespace paraat::crisis
