// SPDX-License-Identifier: EUPL-1.2
// Conversions of the feed and duty-hours messages (paraat/v1/feed.proto) to and from domain
// values.
#ifndef PARAAT_PROTO_CONVERT_FEED_CONVERT_H_
#define PARAAT_PROTO_CONVERT_FEED_CONVERT_H_

#include "common/roster/duty_calendar.h"
#include "common/roster/duty_hours.h"
#include "common/roster/public_holidays.h"
#include "paraat/v1/feed.pb.h"
#include "proto/convert/roster_convert.h"

namespace paraat::convert {

v1::FeedKind ToProto(roster::FeedKind k);
// FEED_KIND_UNSPECIFIED reads as kPool; only a trusted server sends it.
roster::FeedKind FromProto(v1::FeedKind k);

void ToProto(const roster::DutyHours& h, const People& people, v1::DutyHoursRow* out);
roster::DutyHours FromProto(const v1::DutyHoursRow& row);

void ToProto(const roster::PublicHoliday& h, v1::PublicHoliday* out);
// A malformed date reads as 1970-01-01; only a trusted server sends it.
roster::PublicHoliday FromProto(const v1::PublicHoliday& h);

}  // namespace paraat::convert

#endif  // PARAAT_PROTO_CONVERT_FEED_CONVERT_H_
