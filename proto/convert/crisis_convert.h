// SPDX-License-Identifier: EUPL-1.2
// Conversions of the crisis log messages (paraat/v1/crisis.proto) to and from domain values.
#ifndef PARAAT_PROTO_CONVERT_CRISIS_CONVERT_H_
#define PARAAT_PROTO_CONVERT_CRISIS_CONVERT_H_

#include "common/crisis/crisis.h"
#include "common/crisis/views.h"
#include "paraat/v1/crisis.pb.h"

namespace paraat::convert {

v1::EntryKind ToProto(crisis::EntryKind k);
// INVALID_ARGUMENT naming `field` for UNSPECIFIED or unknown values.
absl::StatusOr<crisis::EntryKind> FromProto(v1::EntryKind k, absl::string_view field);

void ToProto(const crisis::Crisis& c, v1::Crisis* out);
crisis::Crisis FromProto(const v1::Crisis& c);
void ToProto(const crisis::Entry& e, v1::Entry* out);
crisis::Entry FromProto(const v1::Entry& e);

}  // namespace paraat::convert

#endif  // PARAAT_PROTO_CONVERT_CRISIS_CONVERT_H_
