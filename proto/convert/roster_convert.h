// SPDX-License-Identifier: EUPL-1.2
// Conversions of the piket messages (paraat/v1/roster.proto) to and from domain values.
#ifndef PARAAT_PROTO_CONVERT_ROSTER_CONVERT_H_
#define PARAAT_PROTO_CONVERT_ROSTER_CONVERT_H_

#include <map>
#include <string>

#include "common/directory/directory.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"
#include "paraat/v1/common.pb.h"
#include "paraat/v1/roster.pb.h"

namespace paraat::convert {

using People = std::map<std::string, directory::Person>;

void ToProto(const roster::Interval& i, v1::Interval* out);
roster::Interval FromProto(const v1::Interval& i);
// An interval from a request: INVALID_ARGUMENT naming `field` when incomplete or reversed.
absl::StatusOr<roster::Interval> IntervalFromRequest(const v1::Interval& i, absl::string_view field);

void ToProto(absl::string_view person, const People& people, v1::PersonRef* out);
roster::PersonRef FromProto(const v1::PersonRef& p);

void ToProto(const roster::DutySlice& d, const People& people, v1::DutySlice* out);
roster::DutySlice FromProto(const v1::DutySlice& d);
void ToProto(const roster::Gap& g, v1::Gap* out);
roster::Gap FromProto(const v1::Gap& g);
void ToProto(const roster::Clash& c, const People& people, v1::Clash* out);
roster::Clash FromProto(const v1::Clash& c);
void ToProto(const roster::Swap& s, const People& people, v1::DutySwap* out);
roster::Swap FromProto(const v1::DutySwap& s);
void ToProto(const roster::Override& o, const People& people, v1::Override* out);
roster::Override FromProto(const v1::Override& o);
void ToProto(const roster::Leave& l, const People& people, v1::Unavailability* out);
roster::Leave FromProto(const v1::Unavailability& l);

}  // namespace paraat::convert

#endif  // PARAAT_PROTO_CONVERT_ROSTER_CONVERT_H_
