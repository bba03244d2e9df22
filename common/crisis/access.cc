// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/access.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
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

absl::Status CheckOpen(const directory::Principal& p, const std::vector<std::string>& municipalities) {
  PARAAT_RETURN_IF_ERROR(directory::RequireRole(p, directory::Role::kCoordinator, "opening a crisis"));
  for (const std::string& m : municipalities) {
    PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(p, m, "opening a crisis"));
  }
  return absl::OkStatus();
}

}  // namespace paraat::crisis
