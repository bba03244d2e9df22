// SPDX-License-Identifier: EUPL-1.2
// Conversions of the capacity messages (paraat/v1/capacity.proto) to and from domain values.
#ifndef PARAAT_PROTO_CONVERT_CAPACITY_CONVERT_H_
#define PARAAT_PROTO_CONVERT_CAPACITY_CONVERT_H_

#include "absl/status/statusor.h"
#include "common/capacity/model.h"
#include "paraat/v1/capacity.pb.h"

namespace paraat::convert {

void ToProto(const capacity::Allocation& a, v1::Allocation* out);
// INVALID_ARGUMENT naming `week` when it is not an ISO week.
absl::StatusOr<capacity::Allocation> FromProto(const v1::Allocation& a);

}  // namespace paraat::convert

#endif  // PARAAT_PROTO_CONVERT_CAPACITY_CONVERT_H_
