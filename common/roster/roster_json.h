// SPDX-License-Identifier: EUPL-1.2
// Roster values as JSON, for the audit trail and for scripts.
#ifndef PARAAT_COMMON_ROSTER_ROSTER_JSON_H_
#define PARAAT_COMMON_ROSTER_ROSTER_JSON_H_

#include "common/json/json.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"

namespace paraat::roster {

json::Value ToJson(const Interval& i);
json::Value ToJson(const RosterShift& s);
json::Value ToJson(const Swap& s);
json::Value ToJson(const Override& o);
json::Value ToJson(const Leave& l);
json::Value ToJson(const DutySlice& d);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_ROSTER_JSON_H_
