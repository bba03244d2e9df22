// SPDX-License-Identifier: EUPL-1.2
#include "proto/convert/feed_convert.h"

#include "absl/time/civil_time.h"

namespace paraat::convert {

v1::FeedKind ToProto(roster::FeedKind k) {
  return k == roster::FeedKind::kPool ? v1::FEED_KIND_POOL : v1::FEED_KIND_PERSON;
}

roster::FeedKind FromProto(v1::FeedKind k) {
  return k == v1::FEED_KIND_PERSON ? roster::FeedKind::kPerson : roster::FeedKind::kPool;
}

void ToProto(const roster::DutyHours& h, const People& people, v1::DutyHoursRow* out) {
  ToProto(h.person, people, out->mutable_person());
  out->set_pool(h.pool);
  out->set_weekday_seconds(absl::ToInt64Seconds(h.weekday));
  out->set_weekend_seconds(absl::ToInt64Seconds(h.weekend));
  out->set_holiday_seconds(absl::ToInt64Seconds(h.holiday));
}

roster::DutyHours FromProto(const v1::DutyHoursRow& row) {
  roster::DutyHours h;
  h.person = row.person().key();
  h.pool = row.pool();
  h.weekday = absl::Seconds(row.weekday_seconds());
  h.weekend = absl::Seconds(row.weekend_seconds());
  h.holiday = absl::Seconds(row.holiday_seconds());
  return h;
}

void ToProto(const roster::PublicHoliday& h, v1::PublicHoliday* out) {
  out->set_date(absl::FormatCivilTime(h.day));
  out->set_name(h.name);
}

roster::PublicHoliday FromProto(const v1::PublicHoliday& h) {
  roster::PublicHoliday out;
  if (!absl::ParseCivilTime(h.date(), &out.day)) out.day = absl::CivilDay(1970, 1, 1);
  out.name = h.name();
  return out;
}

}  // namespace paraat::convert
