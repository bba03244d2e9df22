// SPDX-License-Identifier: EUPL-1.2
// Writes duty schedules as RFC 5545 iCalendar objects for calendar feeds and exports.
#ifndef PARAAT_COMMON_ICAL_ICAL_WRITER_H_
#define PARAAT_COMMON_ICAL_ICAL_WRITER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace paraat::ical {

// One VEVENT, typically one shift of the final schedule.
struct Event {
  // Stable across regenerations of the feed, e.g. "shift-123@paraat"; unique in a calendar.
  std::string uid;
  // Bumped by the caller on every change of the event, so clients replace their copy.
  int sequence = 0;
  // Whole seconds (iCalendar's resolution), start < end.
  absl::Time start;
  absl::Time end;
  // DTSTAMP: when this revision of the event was written. Floored to the second.
  absl::Time stamp;
  // LAST-MODIFIED, floored to the second; absl::InfinitePast() leaves it out.
  absl::Time last_modified = absl::InfinitePast();
  // Empty summary, description or location are left out.
  std::string summary;
  std::string description;
  std::string location;
  // Non-empty each.
  std::vector<std::string> categories;
  // STATUS:CANCELLED rather than STATUS:CONFIRMED.
  bool cancelled = false;
  // STATUS:TENTATIVE rather than STATUS:CONFIRMED: planned, not yet final (a draft roster).
  bool tentative = false;
};

struct Calendar {
  // PRODID, e.g. "-//Paraat//Paraat 0.1//NL". Required.
  std::string product_id;
  // NAME (RFC 7986) and X-WR-CALNAME; left out when empty.
  std::string name;
  // IANA zone name, e.g. "Europe/Amsterdam": events are written in local time with a TZID
  // and a VTIMEZONE. "UTC" writes UTC times ending in Z and no VTIMEZONE.
  std::string time_zone;
  // REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL, e.g. absl::Minutes(15) -> "PT15M".
  // Whole seconds; zero leaves both out.
  absl::Duration refresh_interval = absl::ZeroDuration();
  // Written in this order.
  std::vector<Event> events;
  // The span the calendar shows (e.g. a feed's range). Without events and with a local zone,
  // the VTIMEZONE over this span is written all the same: RFC 5545 wants a calendar to hold
  // at least one component, and a new pool has no duties yet. Ignored when empty.
  absl::Time shows_from = absl::InfinitePast();
  absl::Time shows_until = absl::InfinitePast();
};

// Returns `calendar` as an iCalendar object (VERSION:2.0, CALSCALE:GREGORIAN,
// METHOD:PUBLISH): CRLF line endings, lines folded at 75 octets on UTF-8 boundaries, text
// escaped. The same input always gives the same bytes.
//
// Times: an event's start and end are written as local time with TZID=<time_zone>, and the
// VTIMEZONE lists the zone's real transitions (from abseil's tz data) over the span of all
// events. An event whose start or end falls in a repeated hour (the night DST ends) is
// written in UTC instead: RFC 5545 reads such a local time as its first occurrence, many
// readers (python-icalendar among them) as its second, and UTC is read alike by all.
// DTSTAMP and LAST-MODIFIED are always UTC.
//
// Errors, all INVALID_ARGUMENT with a message naming the offending value:
// an empty product id or time zone, a time zone abseil does not know (or "localtime"), a
// negative or fractional refresh interval; an event with an empty or duplicate uid, a
// negative sequence, an infinite or fractional start or end, an end not after its start, an
// infinite stamp, a last_modified of InfiniteFuture, an empty category, a time outside the
// years 1-9999, or text that is not UTF-8 or holds a control character other than tab and
// line breaks.
[[nodiscard]] absl::StatusOr<std::string> WriteCalendar(const Calendar& calendar);

}  // namespace paraat::ical

#endif  // PARAAT_COMMON_ICAL_ICAL_WRITER_H_
