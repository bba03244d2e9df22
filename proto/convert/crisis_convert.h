// SPDX-License-Identifier: EUPL-1.2
// Conversions of the crisis log messages (paraat/v1/crisis.proto) to and from domain values.
#ifndef PARAAT_PROTO_CONVERT_CRISIS_CONVERT_H_
#define PARAAT_PROTO_CONVERT_CRISIS_CONVERT_H_

#include "common/crisis/crisis.h"
#include "common/crisis/rules.h"
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
// An append request, both ways (the server reads it; the client sends it and keeps it in its
// outbox). INVALID_ARGUMENT naming the field for a bad kind or time; the rules are checked
// by crisis::ValidateRequest, not here.
void ToProto(const crisis::AppendRequest& r, v1::AppendEntryRequest* out);
absl::StatusOr<crisis::AppendRequest> FromProto(const v1::AppendEntryRequest& r);

}  // namespace paraat::convert

#endif  // PARAAT_PROTO_CONVERT_CRISIS_CONVERT_H_
