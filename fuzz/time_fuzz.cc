// SPDX-License-Identifier: EUPL-1.2
// The time parsers people type into (common/time/civil.h, and the capacity ISO week):
// instants in every accepted form and zone, dates, times of day, ISO weeks, zone names.
// Checks: a refusal is INVALID_ARGUMENT with a message; an accepted value is finite and in
// range, formats back to text that parses to the same value, and an instant given in local
// time is a wall time that exists in its zone (a skipped time is refused, never moved).
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/capacity/model.h"
#include "common/time/civil.h"
#include "fuzz/support/check.h"

namespace paraat::time {
namespace {

using fuzz::Check;
using fuzz::CheckRefusal;

absl::TimeZone Zone(int i) {
  static const char* const kZones[] = {"Europe/Amsterdam", "UTC", "America/New_York",
                                       "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kathmandu"};
  absl::TimeZone z;
  absl::LoadTimeZone(kZones[i % 6], &z);
  return z;
}

void FuzzInstant(absl::string_view text, absl::TimeZone zone) {
  const absl::Time now = absl::FromUnixSeconds(1795000000);
  absl::StatusOr<absl::Time> t = ParseInstant(text, zone, "at", now);
  if (!t.ok()) {
    CheckRefusal(t.status(), {absl::StatusCode::kInvalidArgument}, "ParseInstant");
    return;
  }
  Check(*t != absl::InfiniteFuture() && *t != absl::InfinitePast(),
        "ParseInstant accepted an infinite time", std::string(text));
  // Its RFC 3339 form (UTC, with any fraction) reads back as the same instant.
  const std::string rfc = absl::FormatTime(absl::RFC3339_full, *t, absl::UTCTimeZone());
  absl::StatusOr<absl::Time> back = ParseInstant(rfc, zone, "at", now);
  Check(back.ok() && *back == *t, "an accepted instant does not read back from its RFC 3339 form",
        absl::StrCat(std::string(text), " -> ", rfc, " -> ",
                     back.ok() ? absl::FormatTime(*back) : back.status().ToString()));
  // In local time (minute precision when that is all it had) it exists in the zone.
  const absl::TimeZone::CivilInfo ci = zone.At(*t);
  const absl::TimeZone::TimeInfo ti = zone.At(ci.cs);
  Check(ti.kind != absl::TimeZone::TimeInfo::SKIPPED, "ParseInstant gave a skipped wall time");
}

// Input: a byte choosing the parser, a byte choosing the zone, then the text.
void FuzzOne(const uint8_t* data, size_t size) {
  if (size < 2) return;
  const int mode = data[0] % 7;
  const absl::TimeZone zone = Zone(data[1]);
  const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
  switch (mode) {
    case 0:
    case 1: FuzzInstant(text, zone); break;
    case 2: {
      absl::StatusOr<absl::CivilDay> d = ParseDate(text, "date");
      if (!d.ok()) {
        CheckRefusal(d.status(), {absl::StatusCode::kInvalidArgument}, "ParseDate");
        break;
      }
      Check(absl::FormatCivilTime(*d) == absl::StripAsciiWhitespace(text), "ParseDate is not canonical");
      break;
    }
    case 3: {
      absl::StatusOr<int> m = ParseTimeOfDay(text, "time");
      if (!m.ok()) {
        CheckRefusal(m.status(), {absl::StatusCode::kInvalidArgument}, "ParseTimeOfDay");
        break;
      }
      Check(*m >= 0 && *m < 1440 && FormatTimeOfDay(*m) == text, "ParseTimeOfDay out of range");
      break;
    }
    case 4: {
      absl::StatusOr<absl::CivilDay> monday = ParseIsoWeek(text, "week");
      if (!monday.ok()) {
        CheckRefusal(monday.status(), {absl::StatusCode::kInvalidArgument}, "time::ParseIsoWeek");
      } else {
        Check(IsoWeekday(*monday) == 1, "an ISO week that does not start on a Monday");
        Check(absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text)) == FormatIsoWeek(*monday),
              "time::ParseIsoWeek is not canonical", text);
      }
      absl::StatusOr<capacity::IsoWeek> w = capacity::ParseIsoWeek(text);
      if (!w.ok()) {
        CheckRefusal(w.status(), {absl::StatusCode::kInvalidArgument}, "capacity::ParseIsoWeek");
      } else {
        Check(capacity::FormatIsoWeek(*w) == text, "capacity::ParseIsoWeek is not canonical", text);
        absl::StatusOr<absl::CivilDay> same = ParseIsoWeek(text, "week");
        Check(!same.ok() || FormatIsoWeek(*same) == text, "the two ISO week parsers disagree", text);
      }
      break;
    }
    case 5: {
      absl::StatusOr<absl::TimeZone> z = LoadZone(text, "time_zone");
      if (!z.ok()) {
        CheckRefusal(z.status(), {absl::StatusCode::kInvalidArgument}, "LoadZone");
        break;
      }
      Check(z->name() == text, "LoadZone loaded another zone", z->name());
      break;
    }
    default: {
      absl::StatusOr<int> m = ParseTimeOfDay(text.substr(0, 5), "time");
      if (m.ok()) (void)TimeOfDayHitsTransition(*m, zone);
      break;
    }
  }
}

}  // namespace
}  // namespace paraat::time

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  paraat::time::FuzzOne(data, size);
  return 0;
}
