// SPDX-License-Identifier: EUPL-1.2
// What the signed-in account may do in the duty, crisis and capacity views, mirroring the server's
// authorization table (server/service/authorization.cc): the desk offers only these; the server
// decides.
#ifndef PARAAT_CLIENT_DESK_PERMISSIONS_H_
#define PARAAT_CLIENT_DESK_PERMISSIONS_H_

#include "common/directory/directory.h"

namespace paraat {
namespace desk {

struct Permissions {
  bool requestSwap = false;     // RequestSwap, RespondSwap, CancelSwap (own): every role
  bool registerLeave = false;   // AddUnavailability for oneself: every role
  bool leaveForOthers = false;  // AddUnavailability for someone in scope: administrators
  bool putOnDuty = false;       // CreateOverride: coordinators and administrators
  bool decideSwaps = false;  // DecideSwap, ArrangeSwap, CancelSwap (any): regional administrators
  bool writeLog = false;     // AppendEntry: coordinators and administrators
  bool capacity = false;     // Propose, GetProposal, CompareProposals: administrators
  bool approveCapacity = false;  // Approve: regional administrators
  bool restoreCapacity = false;  // Restore: regional administrators

  static Permissions of(const directory::AccountInfo& account) {
    const directory::Role role = account.account.role;
    Permissions p;
    p.requestSwap = true;
    p.registerLeave = true;
    p.leaveForOthers = role == directory::Role::kAdministrator;
    p.putOnDuty = role == directory::Role::kCoordinator || role == directory::Role::kAdministrator;
    p.decideSwaps = role == directory::Role::kAdministrator && account.account.scope.empty();
    p.writeLog = p.putOnDuty;
    p.capacity = role == directory::Role::kAdministrator;
    p.approveCapacity = p.decideSwaps;
    p.restoreCapacity = p.decideSwaps;
    return p;
  }
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_PERMISSIONS_H_
