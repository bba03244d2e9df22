// SPDX-License-Identifier: EUPL-1.2
// Conversions between the API's messages and the domain values, shared by the server's
// service adapters and the client library, so both sides read the wire the same way.
#ifndef PARAAT_PROTO_CONVERT_CONVERT_H_
#define PARAAT_PROTO_CONVERT_CONVERT_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"
#include "paraat/v1/auth.pb.h"
#include "paraat/v1/common.pb.h"
#include "paraat/v1/directory.pb.h"

namespace paraat::convert {

// The times Paraat takes from a request: from 1970 up to (not including) 2200.
inline constexpr absl::Time kEarliestTime = absl::UnixEpoch();
inline const absl::Time kLatestTime = absl::FromCivil(absl::CivilSecond(2200, 1, 1, 0, 0, 0),
                                                      absl::UTCTimeZone());

void ToProto(absl::Time t, google::protobuf::Timestamp* out);
// INVALID_ARGUMENT naming `field` for a timestamp outside kEarliestTime..kLatestTime or with
// invalid nanos; an unset one (`present` false) is absl's InfinitePast.
absl::StatusOr<absl::Time> FromProto(const google::protobuf::Timestamp& ts, bool present,
                                     absl::string_view field);
// For replies from a trusted server: an unset or invalid timestamp is InfinitePast.
absl::Time TimeFromProto(const google::protobuf::Timestamp& ts);

v1::Role ToProto(directory::Role role);
absl::StatusOr<directory::Role> FromProto(v1::Role role, absl::string_view field);

void ToProto(const directory::Municipality& m, v1::Municipality* out);
directory::Municipality FromProto(const v1::Municipality& m);
void ToProto(const directory::Person& p, v1::Person* out);
directory::Person FromProto(const v1::Person& p);
void ToProto(const directory::Pool& p, v1::Pool* out);
// INVALID_ARGUMENT for a malformed handover time.
absl::StatusOr<directory::Pool> FromProto(const v1::Pool& p);
void ToProto(const directory::AccountInfo& a, v1::Account* out);
directory::AccountInfo FromProto(const v1::Account& a);

}  // namespace paraat::convert

#endif  // PARAAT_PROTO_CONVERT_CONVERT_H_
