// SPDX-License-Identifier: EUPL-1.2
// Directory records as JSON, for the audit trail and for scripts (--json).
#ifndef PARAAT_COMMON_DIRECTORY_DIRECTORY_JSON_H_
#define PARAAT_COMMON_DIRECTORY_DIRECTORY_JSON_H_

#include "common/directory/directory.h"
#include "common/json/json.h"

namespace paraat::directory {

json::Value ToJson(const Municipality& m);
json::Value ToJson(const Person& p);
json::Value ToJson(const Pool& p);
json::Value ToJson(const Account& a);

}  // namespace paraat::directory

#endif  // PARAAT_COMMON_DIRECTORY_DIRECTORY_JSON_H_
