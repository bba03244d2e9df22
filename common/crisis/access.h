// SPDX-License-Identifier: EUPL-1.2
// Who may read and write a crisis log: read access is per crisis and all-or-nothing.
#ifndef PARAAT_COMMON_CRISIS_ACCESS_H_
#define PARAAT_COMMON_CRISIS_ACCESS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/crisis/crisis.h"
#include "common/crisis/rules.h"
#include "common/directory/access.h"

namespace paraat::crisis {

// Regional accounts read every crisis; a municipal account reads the crises that affect its
// municipality. PERMISSION_DENIED naming the crisis otherwise.
[[nodiscard]] absl::Status CheckRead(const directory::Principal& p, const Crisis& c);
bool CanRead(const directory::Principal& p, const Crisis& c);
// Read access and at least the coordinator role.
[[nodiscard]] absl::Status CheckWrite(const directory::Principal& p, const Crisis& c);
// May `p` append `r` to `c`? Coordinators with read access append; a municipal one tags
// entries with their own municipality only, and changes the GRIP level, closes or reopens only
// a crisis of their municipality alone (of several, that is a regional coordinator's). Below that, the
// owner of an action reports on it: an action-update of an action they own now
// (`action_owner_now`, the person key; "" when r is no update or the action is unknown) that
// changes its status or adds a note, not its owner or deadline (the coordinator's to set).
[[nodiscard]] absl::Status CheckAppend(const directory::Principal& p, const Crisis& c,
                                       const AppendRequest& r, absl::string_view action_owner_now);
// An action is for someone who can read its crisis, or they would never see it: with
// `owner_accounts` (the owner's active accounts) FAILED_PRECONDITION naming action_owner when
// none of them may read `c`. An owner without an account is not checked (they are told outside
// Paraat).
[[nodiscard]] absl::Status CheckOwnerCanRead(absl::string_view owner,
                                             const std::vector<directory::Principal>& owner_accounts,
                                             const Crisis& c);
// Coordinators open crises; a municipal account only for its own municipality.
[[nodiscard]] absl::Status CheckOpen(const directory::Principal& p,
                                     const std::vector<std::string>& municipalities);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_ACCESS_H_
