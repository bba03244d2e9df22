// SPDX-License-Identifier: EUPL-1.2
// Who is calling and what their role and scope allow: the rules behind the authorization
// table, free of any transport.
#ifndef PARAAT_COMMON_DIRECTORY_ACCESS_H_
#define PARAAT_COMMON_DIRECTORY_ACCESS_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"

namespace paraat::directory {

// The signed-in account behind a call.
struct Principal {
  int64_t account_id = 0;
  std::string username;
  std::string person;        // person key
  std::string person_name;
  std::string municipality;  // the person's own municipality
  Role role = Role::kOfficer;
  std::string scope;         // municipality key; empty = the whole region
  absl::Time expires = absl::InfinitePast();

  bool regional() const { return scope.empty(); }
  bool AtLeast(Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
  // The actor recorded in the audit trail.
  const std::string& actor() const { return username; }
};

// How far a rule reaches beyond the role.
enum class ScopeRule {
  kAny,           // any scope
  kRegion,        // the account's scope must be the whole region
  kMunicipality,  // regional, or the municipality the call touches (checked by the handler)
};

// PERMISSION_DENIED unless `p` has at least `role`.
[[nodiscard]] absl::Status RequireRole(const Principal& p, Role role, absl::string_view what);
// PERMISSION_DENIED unless `p` is regional or scoped to `municipality`.
[[nodiscard]] absl::Status RequireMunicipality(const Principal& p, absl::string_view municipality,
                                               absl::string_view what);

// Failed logins in a row before an account is locked, and how long: 5 failures lock for
// 1 minute, doubling with every further failure up to 1 hour.
inline constexpr int kFreeLoginFailures = 5;
absl::Duration LockoutAfter(int consecutive_failures);

}  // namespace paraat::directory

#endif  // PARAAT_COMMON_DIRECTORY_ACCESS_H_
