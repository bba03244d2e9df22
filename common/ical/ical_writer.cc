// SPDX-License-Identifier: EUPL-1.2
#include "common/ical/ical_writer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/ical/content_line.h"
#include "common/ical/observance.h"

namespace paraat::ical {
namespace {

constexpr absl::string_view kUtcName = "UTC";
constexpr int64_t kSecondsPerDay = int64_t{24} * 60 * 60;

std::string Quote(absl::string_view text) {
  return absl::StrCat("\"", absl::CHexEscape(text), "\"");
}

// The calendar's zone as loaded by abseil; `utc` selects the "Z" form and no VTIMEZONE.
struct Zone {
  std::string name;
  absl::TimeZone tz;
  bool utc = false;
};

absl::StatusOr<Zone> LoadZone(const std::string& name) {
  if (name.empty()) {
    return absl::InvalidArgumentError(
        R"(calendar has no time zone; give an IANA name such as "Europe/Amsterdam", or "UTC")");
  }
  // abseil also accepts "localtime" (whatever the host is set to) and file paths; a feed must
  // not depend on the machine that writes it, and a TZID must be a plain zone name.
  const bool plain_name = name.front() != '/' && name != "localtime" &&
                          std::all_of(name.begin(), name.end(), [](char c) {
                            return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '/' ||
                                   c == '_' || c == '-' || c == '+';
                          });
  Zone zone;
  zone.name = name;
  zone.utc = name == kUtcName;
  // LoadTimeZone falls back to UTC for a name it does not know, so its result decides.
  if (!plain_name || !absl::LoadTimeZone(name, &zone.tz)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown time zone ", Quote(name), ": not in the tz database"));
  }
  return zone;
}

// A wall time as "human" text for error messages: "2027-03-22 09:00:00 +01:00".
std::string Describe(absl::Time t, const absl::TimeZone& tz) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S %Ez", t, tz);
}

bool IsWholeSecond(absl::Time t) { return absl::FromUnixSeconds(absl::ToUnixSeconds(t)) == t; }

// iCalendar writes four-digit years.
bool IsWritableYear(const absl::CivilSecond& cs) { return cs.year() >= 1 && cs.year() <= 9999; }

// DATE-TIME without zone designator (RFC 5545 section 3.3.5, forms 1 and 3).
std::string FormatCivil(const absl::CivilSecond& cs) {
  return absl::StrFormat("%04d%02d%02dT%02d%02d%02d", cs.year(), cs.month(), cs.day(), cs.hour(),
                         cs.minute(), cs.second());
}

// DATE-TIME in UTC (form 2), floored to the second.
std::string FormatUtc(absl::Time t) {
  return absl::StrCat(FormatCivil(absl::ToCivilSecond(t, absl::UTCTimeZone())), "Z");
}

// UTC-OFFSET (section 3.3.14): "+0100", seconds only when there are any ("+001932").
std::string FormatOffset(int seconds_east) {
  const int magnitude = std::abs(seconds_east);
  std::string offset = absl::StrFormat("%c%02d%02d", seconds_east < 0 ? '-' : '+', magnitude / 3600,
                                       magnitude / 60 % 60);
  if (magnitude % 60 != 0) absl::StrAppendFormat(&offset, "%02d", magnitude % 60);
  return offset;
}

// DURATION (section 3.3.6) of a positive whole number of seconds. The grammar lets an hour be
// followed only by minutes and minutes only by seconds, so the units between the first and
// the last non-zero one are all written: 3605 s is "PT1H0M5S".
std::string DurationValue(absl::Duration duration) {
  const int64_t total = absl::ToInt64Seconds(duration);
  std::string text = "P";
  if (total >= kSecondsPerDay) absl::StrAppend(&text, total / kSecondsPerDay, "D");
  const int64_t rest = total % kSecondsPerDay;
  if (rest == 0) return text;
  const int64_t units[] = {rest / 3600, rest / 60 % 60, rest % 60};
  const char* const designators[] = {"H", "M", "S"};
  int first = 0;
  while (units[first] == 0) ++first;
  int last = 2;
  while (units[last] == 0) --last;
  text.append("T");
  for (int i = first; i <= last; ++i) absl::StrAppend(&text, units[i], designators[i]);
  return text;
}

// How one event's start and end are written.
struct EventTimes {
  std::string start;  // value, e.g. "20270322T090000" or "20271031T003000Z"
  std::string end;
  bool local = false;  // with TZID
};

class IcalText {
 public:
  void Line(absl::string_view name, absl::string_view value) {
    AppendFoldedLine(absl::StrCat(name, ":", value), &text_);
  }
  // A TEXT property; left out when `value` is empty.
  [[nodiscard]] absl::Status TextLine(absl::string_view name, absl::string_view value,
                                      absl::string_view what) {
    if (value.empty()) return absl::OkStatus();
    absl::StatusOr<std::string> escaped = EscapeText(value, what);
    if (!escaped.ok()) return escaped.status();
    Line(name, *escaped);
    return absl::OkStatus();
  }
  std::string Take() && { return std::move(text_); }

 private:
  std::string text_;
};

absl::Status ValidateEventTimes(const Event& event, const Zone& zone) {
  const std::string uid = Quote(event.uid);
  for (const auto& [what, t] : {std::pair<const char*, absl::Time>{"start", event.start},
                                std::pair<const char*, absl::Time>{"end", event.end}}) {
    if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) {
      return absl::InvalidArgumentError(
          absl::StrCat("event ", uid, " has no ", what, " time (it is infinite)"));
    }
    if (!IsWholeSecond(t)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "event ", uid, ": ", what, " time ", absl::FormatTime(absl::RFC3339_full, t, zone.tz),
          " has a fraction of a second; iCalendar times have one-second resolution"));
    }
    if (!IsWritableYear(zone.tz.At(t).cs) ||
        !IsWritableYear(absl::ToCivilSecond(t, absl::UTCTimeZone()))) {
      return absl::InvalidArgumentError(absl::StrCat("event ", uid, ": ", what, " time ",
                                                     Describe(t, zone.tz),
                                                     " is outside the years 1 to 9999"));
    }
  }
  if (event.end <= event.start) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event ", uid, " does not end after it starts: start ", Describe(event.start, zone.tz),
        ", end ", Describe(event.end, zone.tz), " (", zone.name, ")"));
  }
  const auto writable_utc = [](absl::Time t) {
    return t != absl::InfinitePast() && t != absl::InfiniteFuture() &&
           IsWritableYear(absl::ToCivilSecond(t, absl::UTCTimeZone()));
  };
  if (!writable_utc(event.stamp)) {
    return absl::InvalidArgumentError(
        absl::StrCat("event ", uid, " has no writable stamp: ", absl::FormatTime(event.stamp)));
  }
  // InfinitePast means "leave LAST-MODIFIED out".
  if (event.last_modified != absl::InfinitePast() && !writable_utc(event.last_modified)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event ", uid,
        " has no writable last-modified time: ", absl::FormatTime(event.last_modified)));
  }
  return absl::OkStatus();
}

absl::Status ValidateEvents(const std::vector<Event>& events, const Zone& zone) {
  std::map<absl::string_view, size_t> index_of_uid;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    if (event.uid.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("events[", i, "] has an empty uid; every event needs a stable uid"));
    }
    const auto [it, inserted] = index_of_uid.emplace(event.uid, i);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat("events[", it->second, "] and events[", i,
                                                     "] have the same uid ", Quote(event.uid),
                                                     "; every event needs its own uid"));
    }
    if (event.sequence < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("event ", Quote(event.uid), " has a negative sequence: ", event.sequence));
    }
    for (const std::string& category : event.categories) {
      if (category.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("event ", Quote(event.uid), " has an empty category"));
      }
    }
    if (absl::Status status = ValidateEventTimes(event, zone); !status.ok()) return status;
  }
  return absl::OkStatus();
}

// Local time with TZID when both ends are unambiguous wall times, UTC otherwise (see the
// header on repeated hours).
EventTimes ChooseEventTimes(const Event& event, const Zone& zone) {
  EventTimes times;
  if (!zone.utc) {
    const absl::CivilSecond start = zone.tz.At(event.start).cs;
    const absl::CivilSecond end = zone.tz.At(event.end).cs;
    times.local = zone.tz.At(start).kind == absl::TimeZone::TimeInfo::UNIQUE &&
                  zone.tz.At(end).kind == absl::TimeZone::TimeInfo::UNIQUE;
    if (times.local) {
      times.start = FormatCivil(start);
      times.end = FormatCivil(end);
      return times;
    }
  }
  times.start = FormatUtc(event.start);
  times.end = FormatUtc(event.end);
  return times;
}

absl::Status WriteTimeZone(const Zone& zone, absl::Time from, absl::Time to, IcalText* text) {
  text->Line("BEGIN", "VTIMEZONE");
  text->Line("TZID", zone.name);
  for (const Observance& observance : ObservancesCovering(zone.tz, from, to)) {
    const char* const kind = observance.daylight ? "DAYLIGHT" : "STANDARD";
    text->Line("BEGIN", kind);
    text->Line("DTSTART", FormatCivil(observance.onset));
    text->Line("TZOFFSETFROM", FormatOffset(observance.offset_from_seconds));
    text->Line("TZOFFSETTO", FormatOffset(observance.offset_to_seconds));
    if (absl::Status s = text->TextLine("TZNAME", observance.name,
                                        absl::StrCat("abbreviation of time zone ", zone.name));
        !s.ok()) {
      return s;
    }
    text->Line("END", kind);
  }
  text->Line("END", "VTIMEZONE");
  return absl::OkStatus();
}

absl::Status WriteEvent(const Event& event, const Zone& zone, const EventTimes& times,
                        IcalText* text) {
  const std::string uid = Quote(event.uid);
  text->Line("BEGIN", "VEVENT");
  if (absl::Status s = text->TextLine("UID", event.uid, absl::StrCat("uid ", uid)); !s.ok()) {
    return s;
  }
  text->Line("SEQUENCE", absl::StrCat(event.sequence));
  text->Line("DTSTAMP", FormatUtc(event.stamp));
  if (event.last_modified != absl::InfinitePast()) {
    text->Line("LAST-MODIFIED", FormatUtc(event.last_modified));
  }
  const std::string tzid = times.local ? absl::StrCat(";TZID=", zone.name) : "";
  text->Line(absl::StrCat("DTSTART", tzid), times.start);
  text->Line(absl::StrCat("DTEND", tzid), times.end);
  for (const auto& [name, value, what] : {std::tuple<const char*, const std::string&, const char*>{
                                              "SUMMARY", event.summary, "summary"},
                                          {"DESCRIPTION", event.description, "description"},
                                          {"LOCATION", event.location, "location"}}) {
    if (absl::Status s = text->TextLine(name, value, absl::StrCat(what, " of event ", uid));
        !s.ok()) {
      return s;
    }
  }
  if (!event.categories.empty()) {
    std::vector<std::string> escaped;
    for (const std::string& category : event.categories) {
      absl::StatusOr<std::string> one =
          EscapeText(category, absl::StrCat("category of event ", uid));
      if (!one.ok()) return one.status();
      escaped.push_back(*std::move(one));
    }
    text->Line("CATEGORIES", absl::StrJoin(escaped, ","));
  }
  text->Line("STATUS", event.cancelled ? "CANCELLED" : event.tentative ? "TENTATIVE" : "CONFIRMED");
  text->Line("END", "VEVENT");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> WriteCalendar(const Calendar& calendar) {
  if (calendar.product_id.empty()) {
    return absl::InvalidArgumentError(
        "calendar has no product id (PRODID), e.g. \"-//Paraat//Paraat 0.1//NL\"");
  }
  const absl::StatusOr<Zone> loaded = LoadZone(calendar.time_zone);
  if (!loaded.ok()) return loaded.status();
  const Zone& zone = *loaded;
  if (calendar.refresh_interval < absl::ZeroDuration() ||
      absl::Trunc(calendar.refresh_interval, absl::Seconds(1)) != calendar.refresh_interval) {
    return absl::InvalidArgumentError(
        absl::StrCat("refresh interval must be a positive whole number of seconds, got ",
                     absl::FormatDuration(calendar.refresh_interval)));
  }
  if (absl::Status status = ValidateEvents(calendar.events, zone); !status.ok()) return status;

  std::vector<EventTimes> times;
  times.reserve(calendar.events.size());
  bool any_local = false;
  absl::Time first_start = absl::InfiniteFuture();
  absl::Time last_end = absl::InfinitePast();
  for (const Event& event : calendar.events) {
    times.push_back(ChooseEventTimes(event, zone));
    any_local = any_local || times.back().local;
    first_start = std::min(first_start, event.start);
    last_end = std::max(last_end, event.end);
  }

  IcalText text;
  text.Line("BEGIN", "VCALENDAR");
  text.Line("VERSION", "2.0");
  if (absl::Status s = text.TextLine("PRODID", calendar.product_id, "product id"); !s.ok()) {
    return s;
  }
  text.Line("CALSCALE", "GREGORIAN");
  text.Line("METHOD", "PUBLISH");
  for (const char* property : {"NAME", "X-WR-CALNAME"}) {
    if (absl::Status s = text.TextLine(property, calendar.name, "calendar name"); !s.ok()) {
      return s;
    }
  }
  if (calendar.refresh_interval > absl::ZeroDuration()) {
    const std::string interval = DurationValue(calendar.refresh_interval);
    text.Line("REFRESH-INTERVAL;VALUE=DURATION", interval);
    text.Line("X-PUBLISHED-TTL", interval);
  }
  // A VTIMEZONE when a TZID refers to it, or as the one component of a calendar without
  // events.
  if (any_local) {
    if (absl::Status s = WriteTimeZone(zone, first_start, last_end, &text); !s.ok()) return s;
  } else if (calendar.events.empty() && !zone.utc && calendar.shows_from < calendar.shows_until &&
             calendar.shows_from != absl::InfinitePast() &&
             calendar.shows_until != absl::InfiniteFuture()) {
    if (absl::Status s = WriteTimeZone(zone, calendar.shows_from, calendar.shows_until, &text);
        !s.ok()) {
      return s;
    }
  }
  for (size_t i = 0; i < calendar.events.size(); ++i) {
    if (absl::Status s = WriteEvent(calendar.events[i], zone, times[i], &text); !s.ok()) {
      return s;
    }
  }
  text.Line("END", "VCALENDAR");
  return std::move(text).Take();
}

}  // namespace paraat::ical
