// SPDX-License-Identifier: EUPL-1.2
#include "common/directory/access.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace paraat::directory {

absl::Status RequireRole(const Principal& p, Role role, absl::string_view what) {
  if (p.AtLeast(role)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(what, " needs the role ", RoleName(role),
                                                  " or higher; the account '", p.username,
                                                  "' has the role ", RoleName(p.role)));
}

absl::Status RequireMunicipality(const Principal& p, absl::string_view municipality,
                                 absl::string_view what) {
  if (p.regional() || p.scope == municipality) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(what, " concerns municipality '", municipality,
                                                  "'; ", p.username, " may act only for '",
                                                  p.scope, "'"));
}

absl::Duration LockoutAfter(int consecutive_failures) {
  if (consecutive_failures < kFreeLoginFailures) return absl::ZeroDuration();
  const int doublings = std::min(consecutive_failures - kFreeLoginFailures, 6);
  return std::min(absl::Minutes(1) * (1 << doublings), absl::Hours(1));
}

}  // namespace paraat::directory
