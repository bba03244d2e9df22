// SPDX-License-Identifier: EUPL-1.2
// The capacity input as JSON (a proposal keeps the exact input it was solved on) and the plan
// as JSON for scripts.
#ifndef PARAAT_COMMON_CAPACITY_CAPACITY_JSON_H_
#define PARAAT_COMMON_CAPACITY_CAPACITY_JSON_H_

#include "absl/status/statusor.h"
#include "common/capacity/model.h"
#include "common/capacity/reallocation.h"
#include "common/json/json.h"

namespace paraat::capacity {

json::Value ToJson(const CapacityInput& in);
// INVALID_ARGUMENT naming the field for a malformed document.
[[nodiscard]] absl::StatusOr<CapacityInput> InputFromJson(const json::Value& v);
json::Value ToJson(const ReallocationPlan& plan);

}  // namespace paraat::capacity

#endif  // PARAAT_COMMON_CAPACITY_CAPACITY_JSON_H_
