// SPDX-License-Identifier: EUPL-1.2
// The STANDARD and DAYLIGHT observances of a VTIMEZONE, read from the tz database via abseil.
#ifndef PARAAT_COMMON_ICAL_OBSERVANCE_H_
#define PARAAT_COMMON_ICAL_OBSERVANCE_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace paraat::ical {

// One observance (RFC 5545 section 3.6.5): from `onset` on, the zone's offset is `offset_to`.
// Each observance stands for exactly one real transition of the zone, so it needs no RRULE.
struct Observance {
  bool daylight = false;        // DAYLIGHT sub-component rather than STANDARD
  absl::CivilSecond onset;      // DTSTART: the local wall time just before the change, i.e. in
                                // the offset_from offset (2027-03-28 02:00 for Amsterdam's spring)
  int offset_from_seconds = 0;  // TZOFFSETFROM, east of UTC
  int offset_to_seconds = 0;    // TZOFFSETTO, east of UTC
  std::string name;             // TZNAME: the abbreviation, e.g. "CEST"

  friend bool operator==(const Observance&, const Observance&) = default;
};

// The observances that fix `zone`'s offset at every instant of [from, to] (from <= to, both
// finite), oldest first: the transition in effect at `from`, then every transition after
// `from` up to and including `to`. If that list has no STANDARD observance, earlier
// transitions are added until it has one (or the zone has none): some readers, among them
// python-icalendar, cannot build a zone from DAYLIGHT observances alone. A zone without a
// transition at or before `from` gets one synthetic observance at 1 January of `from`'s
// year with its offset at `from` on both sides.
std::vector<Observance> ObservancesCovering(const absl::TimeZone& zone, absl::Time from,
                                            absl::Time to);

}  // namespace paraat::ical

#endif  // PARAAT_COMMON_ICAL_OBSERVANCE_H_
