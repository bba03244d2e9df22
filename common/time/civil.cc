// SPDX-License-Identifier: EUPL-1.2
#include "common/time/civil.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace paraat::time {

namespace {

// IANA names are '/'-separated parts of ASCII letters, digits, '_', '-' and '+', each starting
// with a letter ("America/Argentina/Buenos_Aires", "Etc/GMT-1"). absl::LoadTimeZone also
// takes file paths ("/etc/localtime", "../zoneinfo/UTC", "file:...") and "localtime", all of
// which give whatever zone the server's host happens to have: as silent as the UTC fallback.
bool IsIanaName(absl::string_view name) {
  if (name == "localtime") return false;
  for (absl::string_view part : absl::StrSplit(name, '/')) {
    if (part.empty() || !absl::ascii_isalpha(part[0])) return false;
    for (char c : part) {
      if (!absl::ascii_isalnum(c) && c != '_' && c != '-' && c != '+') return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name, absl::string_view field) {
  absl::TimeZone zone;
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is empty: give an IANA time zone such as Europe/Amsterdam"));
  }
  if (!IsIanaName(name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": '", name, "' is not an IANA time zone name (such as Europe/Amsterdam)"));
  }
  // abseil also reads some POSIX TZ strings ("UTC0") as another zone: only a zone that is
  // loaded under the name given is that zone.
  if (!absl::LoadTimeZone(std::string(name), &zone) || zone.name() != name) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": unknown time zone '", name,
                     "' (give an IANA name such as Europe/Amsterdam; is tzdata installed?)"));
  }
  return zone;
}

absl::StatusOr<absl::Time> ResolveLocal(absl::CivilSecond local, absl::TimeZone zone,
                                        absl::string_view field) {
  const absl::TimeZone::TimeInfo info = zone.At(local);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::UNIQUE:
      return info.pre;
    case absl::TimeZone::TimeInfo::REPEATED:
      return info.pre;  // the first occurrence, still in summer time
    case absl::TimeZone::TimeInfo::SKIPPED:
      break;
  }
  return absl::InvalidArgumentError(absl::StrFormat(
      "%s: %s does not exist in %s (skipped when the clocks go forward)", field,
      absl::FormatCivilTime(absl::CivilMinute(local)), zone.name()));
}

absl::Time ResolveLocalLenient(absl::CivilSecond local, absl::TimeZone zone) {
  const absl::TimeZone::TimeInfo info = zone.At(local);
  // For SKIPPED, `pre` is the instant using the offset before the gap, which lands after it.
  return info.pre;
}

bool TimeOfDayHitsTransition(int minute_of_day, absl::TimeZone zone) {
  absl::TimeZone::CivilTransition tr;
  absl::Time t = absl::FromCivil(absl::CivilSecond(1970, 1, 1), absl::UTCTimeZone());
  const absl::Time end = absl::FromCivil(absl::CivilSecond(2100, 1, 1), absl::UTCTimeZone());
  while (t < end && zone.NextTransition(t, &tr)) {
    // The civil range [min(from,to), max(from,to)) is skipped or repeated on that day.
    const absl::CivilSecond lo = std::min(tr.from, tr.to);
    const absl::CivilSecond hi = std::max(tr.from, tr.to);
    for (absl::CivilMinute m = absl::CivilMinute(lo); absl::CivilSecond(m) < hi; ++m) {
      if (m.hour() * 60 + m.minute() == minute_of_day) return true;
      if (m - absl::CivilMinute(lo) > 24 * 60) break;  // never loop on odd zone data
    }
    t = zone.At(tr.to).trans + absl::Seconds(1);
  }
  return false;
}

namespace {

bool ParseFixedInt(absl::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return absl::SimpleAtoi(s, out);
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text, absl::string_view field) {
  absl::CivilDay day;
  const std::string s(absl::StripAsciiWhitespace(text));
  // The digit check refuses "-999-01-01", which absl parses and formats back unchanged.
  if (s.size() != 10 || !absl::ascii_isdigit(s[0]) || !absl::ParseCivilTime(s, &day) ||
      absl::FormatCivilTime(day) != s) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": '", text, "' is not a date (expected YYYY-MM-DD)"));
  }
  return day;
}

absl::StatusOr<int> ParseTimeOfDay(absl::string_view text, absl::string_view field) {
  int h = -1, m = -1;
  if (text.size() == 5 && text[2] == ':' && ParseFixedInt(text.substr(0, 2), &h) &&
      ParseFixedInt(text.substr(3, 2), &m) && h >= 0 && h <= 23 && m >= 0 && m <= 59) {
    return h * 60 + m;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": '", text, "' is not a time of day (expected HH:MM, 00:00 to 23:59)"));
}

std::string FormatTimeOfDay(int minute_of_day) {
  return absl::StrFormat("%02d:%02d", minute_of_day / 60, minute_of_day % 60);
}

absl::StatusOr<absl::Time> ParseInstant(absl::string_view text, absl::TimeZone zone,
                                        absl::string_view field, absl::Time now) {
  std::string s(absl::StripAsciiWhitespace(text));
  if (s.empty()) return absl::InvalidArgumentError(absl::StrCat(field, " is empty"));
  if (absl::AsciiStrToLower(s) == "now") return now;
  // As Paraat prints a time in the repeated hour, "2026-10-25 02:30 +02:00" (or with
  // seconds): the RFC 3339 form of it.
  if ((s.size() == 23 || s.size() == 26) && s[10] == ' ' && s[s.size() - 7] == ' ' &&
      (s[s.size() - 6] == '+' || s[s.size() - 6] == '-')) {
    const std::string clock = s.substr(11, s.size() - 18);
    s = absl::StrCat(s.substr(0, 10), "T", clock, clock.size() == 5 ? ":00" : "",
                     s.substr(s.size() - 6));
  }
  absl::Time t;
  std::string err;
  // With an explicit offset or Z: an absolute instant.
  const bool has_zone = s.size() > 19 && (s.back() == 'Z' || s.back() == 'z' ||
                                          s[s.size() - 6] == '+' || s[s.size() - 6] == '-');
  if (has_zone) {
    if (absl::ParseTime(absl::RFC3339_full, s, &t, &err)) return t;
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": '", text, "' is not an RFC 3339 time (", err, ")"));
  }
  if (s.size() == 10) {
    absl::StatusOr<absl::CivilDay> day = ParseDate(s, field);
    if (!day.ok()) return day.status();
    return ResolveLocal(absl::CivilSecond(*day), zone, field);
  }
  if (s.size() >= 16 && s[10] == ' ') s[10] = 'T';
  if (s.size() == 16) s += ":00";
  absl::CivilSecond cs;
  if (s.size() == 19 && absl::ParseCivilTime(s, &cs) && absl::FormatCivilTime(cs) == s) {
    // The hour the clocks go back happens twice: which one is meant is the user's to say
    // (a crisis log is read in court), not ours to guess.
    const absl::TimeZone::TimeInfo info = zone.At(cs);
    if (info.kind == absl::TimeZone::TimeInfo::REPEATED) {
      auto offset = [&](absl::Time t) {
        const int minutes = zone.At(t).offset / 60;
        return absl::StrFormat("%s%02d:%02d", minutes < 0 ? "-" : "+", std::abs(minutes) / 60,
                               std::abs(minutes) % 60);
      };
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: %s happens twice in %s (the clocks go back that night); say which with its "
          "offset: %s%s (the first, summer time) or %s%s (the second)",
          field, absl::FormatCivilTime(absl::CivilMinute(cs)), zone.name(),
          absl::FormatCivilTime(cs), offset(info.pre), absl::FormatCivilTime(cs),
          offset(info.post)));
    }
    return ResolveLocal(cs, zone, field);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": '", text,
      "' is not a time (expected YYYY-MM-DD HH:MM in local time, YYYY-MM-DD, an RFC 3339 time "
      "with offset, or 'now')"));
}

absl::StatusOr<absl::CivilDay> ParseIsoWeek(absl::string_view text, absl::string_view field) {
  int year = 0, week = 0;
  const std::string s(absl::StripAsciiWhitespace(text));
  if (s.size() == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w') &&
      ParseFixedInt(s.substr(0, 4), &year) && ParseFixedInt(s.substr(6, 2), &week) &&
      year >= 1970 && week >= 1) {
    // Week 1 is the week with the year's first Thursday; its Monday is the start.
    const absl::CivilDay jan4(year, 1, 4);
    const absl::CivilDay week1_monday = jan4 - (IsoWeekday(jan4) - 1);
    const absl::CivilDay monday = week1_monday + 7 * (week - 1);
    if (FormatIsoWeek(monday) == absl::StrFormat("%04d-W%02d", year, week)) return monday;
    return absl::InvalidArgumentError(
        absl::StrFormat("%s: %04d has no week %d", field, year, week));
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": '", text, "' is not an ISO week (expected YYYY-Www, e.g. 2026-W49)"));
}

int IsoWeekday(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday: return 1;
    case absl::Weekday::tuesday: return 2;
    case absl::Weekday::wednesday: return 3;
    case absl::Weekday::thursday: return 4;
    case absl::Weekday::friday: return 5;
    case absl::Weekday::saturday: return 6;
    case absl::Weekday::sunday: return 7;
  }
  return 1;
}

std::string FormatIsoWeek(absl::CivilDay day) {
  const absl::CivilDay thursday = day - (IsoWeekday(day) - 1) + 3;
  const absl::CivilDay jan1(thursday.year(), 1, 1);
  const int week = static_cast<int>((thursday - jan1) / 7) + 1;
  return absl::StrFormat("%04d-W%02d", static_cast<int>(thursday.year()), week);
}

std::string RepeatedHourOffset(absl::Time t, absl::TimeZone zone) {
  const absl::TimeZone::CivilInfo info = zone.At(t);
  if (zone.At(info.cs).kind != absl::TimeZone::TimeInfo::REPEATED) return "";
  return absl::FormatTime(" %Ez", t, zone);
}

std::string FormatLocal(absl::Time t, absl::TimeZone zone) {
  return absl::StrCat(absl::FormatTime("%Y-%m-%d %H:%M", t, zone), RepeatedHourOffset(t, zone));
}

absl::TimeZone DefaultZone() {
  static const absl::TimeZone zone = [] {
    absl::TimeZone z;
    if (!absl::LoadTimeZone(std::string(kDefaultZone), &z)) z = absl::UTCTimeZone();
    return z;
  }();
  return zone;
}

std::string FormatLocal(absl::Time t) { return FormatLocal(t, DefaultZone()); }

std::string FormatUtc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

}  // namespace paraat::time
