// SPDX-License-Identifier: EUPL-1.2
#include "proto/convert/convert.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/time/civil.h"

namespace paraat::convert {

void ToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t secs = micros / 1000000;
  int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --secs;
  }
  out->set_seconds(secs);
  out->set_nanos(static_cast<int32_t>(rem * 1000));
}

absl::StatusOr<absl::Time> FromProto(const google::protobuf::Timestamp& ts, bool present,
                                     absl::string_view field) {
  if (!present) return absl::InfinitePast();
  if (ts.nanos() < 0 || ts.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " has nanos ", ts.nanos(), "; they must be 0 to 999999999"));
  }
  // Paraat's times lie between 1970 and 2200: a year outside is a typing error (0001, 9999)
  // that would otherwise be stored, or make a period of thousands of years.
  const absl::Time t = absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  if (t < kEarliestTime || t >= kLatestTime) {
    // google.protobuf.Timestamp's own range (0001 to 9999) can still be shown as a date.
    const bool showable = ts.seconds() >= -62135596800 && ts.seconds() <= 253402300799;
    const absl::CivilDay d = absl::ToCivilDay(t, absl::UTCTimeZone());
    return absl::InvalidArgumentError(absl::StrCat(
        field, " is out of range",
        showable ? absl::StrFormat(" (%04d-%02d-%02d)", d.year(), d.month(), d.day())
                 : std::string(),
        ": Paraat takes times from 1970 up to 2200"));
  }
  return t;
}

absl::Time TimeFromProto(const google::protobuf::Timestamp& ts) {
  // google.protobuf.Timestamp's own range, 0001-01-01 to 9999-12-31.
  if (ts.seconds() < -62135596800 || ts.seconds() > 253402300799 || ts.nanos() < 0 ||
      ts.nanos() > 999999999) {
    return absl::InfinitePast();
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

v1::Role ToProto(directory::Role role) {
  switch (role) {
    case directory::Role::kOfficer: return v1::ROLE_OFFICER;
    case directory::Role::kCoordinator: return v1::ROLE_COORDINATOR;
    case directory::Role::kAdministrator: return v1::ROLE_ADMINISTRATOR;
  }
  return v1::ROLE_UNSPECIFIED;
}

absl::StatusOr<directory::Role> FromProto(v1::Role role, absl::string_view field) {
  switch (role) {
    case v1::ROLE_OFFICER: return directory::Role::kOfficer;
    case v1::ROLE_COORDINATOR: return directory::Role::kCoordinator;
    case v1::ROLE_ADMINISTRATOR: return directory::Role::kAdministrator;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(field, " is missing or unknown (officer, coordinator or administrator)"));
  }
}

void ToProto(const directory::Municipality& m, v1::Municipality* out) {
  out->set_key(m.key);
  out->set_name(m.name);
  out->set_region(m.region);
  out->set_active(m.active);
}

directory::Municipality FromProto(const v1::Municipality& m) {
  return directory::Municipality{m.key(), m.name(), m.region(), m.active()};
}

void ToProto(const directory::Person& p, v1::Person* out) {
  out->set_key(p.key);
  out->set_name(p.name);
  out->set_municipality(p.municipality);
  out->set_phone(p.phone);
  out->set_email(p.email);
  for (const std::string& q : p.qualifications) out->add_qualifications(q);
  out->set_active(p.active);
}

directory::Person FromProto(const v1::Person& p) {
  directory::Person out;
  out.key = p.key();
  out.name = p.name();
  out.municipality = p.municipality();
  out.phone = p.phone();
  out.email = p.email();
  out.qualifications.assign(p.qualifications().begin(), p.qualifications().end());
  out.active = p.active();
  return out;
}

void ToProto(const directory::Pool& p, v1::Pool* out) {
  out->set_key(p.key);
  out->set_name(p.name);
  out->set_qualification(p.qualification);
  out->set_time_zone(p.time_zone);
  out->set_handover_weekday(p.handover_weekday);
  out->set_handover_time(time::FormatTimeOfDay(p.handover_minute));
  out->set_shift_days(p.shift_days);
  out->set_arrival_norm_minutes(p.arrival_norm_minutes);
  out->set_min_rest_shifts(p.min_rest_shifts);
  out->set_auto_approve_swaps(p.auto_approve_swaps);
  for (const std::string& m : p.members) out->add_members(m);
  out->set_active(p.active);
}

absl::StatusOr<directory::Pool> FromProto(const v1::Pool& p) {
  directory::Pool out;
  out.key = p.key();
  out.name = p.name();
  out.qualification = p.qualification();
  if (!p.time_zone().empty()) out.time_zone = p.time_zone();
  if (p.handover_weekday() != 0) out.handover_weekday = p.handover_weekday();
  if (!p.handover_time().empty()) {
    absl::StatusOr<int> minute = time::ParseTimeOfDay(p.handover_time(), "pool.handover_time");
    if (!minute.ok()) return minute.status();
    out.handover_minute = *minute;
  }
  if (p.shift_days() != 0) out.shift_days = p.shift_days();
  if (p.arrival_norm_minutes() != 0) out.arrival_norm_minutes = p.arrival_norm_minutes();
  if (p.has_min_rest_shifts()) out.min_rest_shifts = p.min_rest_shifts();
  out.auto_approve_swaps = p.auto_approve_swaps();
  out.members.assign(p.members().begin(), p.members().end());
  out.active = p.active();
  return out;
}

void ToProto(const directory::AccountInfo& a, v1::Account* out) {
  out->set_username(a.account.username);
  out->set_person(a.account.person);
  out->set_person_name(a.person_name);
  out->set_role(ToProto(a.account.role));
  out->mutable_scope()->set_municipality(a.account.scope);
  out->set_active(a.account.active);
  if (a.last_login != absl::InfinitePast()) ToProto(a.last_login, out->mutable_last_login());
  if (a.locked_until != absl::InfinitePast()) ToProto(a.locked_until, out->mutable_locked_until());
  out->set_failed_logins(a.failed_logins);
}

directory::AccountInfo FromProto(const v1::Account& a) {
  directory::AccountInfo out;
  out.account.username = a.username();
  out.account.person = a.person();
  out.person_name = a.person_name();
  out.account.role = FromProto(a.role(), "role").value_or(directory::Role::kOfficer);
  out.account.scope = a.scope().municipality();
  out.account.active = a.active();
  if (a.has_last_login()) out.last_login = TimeFromProto(a.last_login());
  if (a.has_locked_until()) out.locked_until = TimeFromProto(a.locked_until());
  out.failed_logins = a.failed_logins();
  return out;
}

}  // namespace paraat::convert
