// SPDX-License-Identifier: EUPL-1.2
// Instants (UTC) and civil time in a pool's zone: parsing, resolving and formatting, with
// every DST gap and fold made explicit instead of silently resolved.
#ifndef PARAAT_COMMON_TIME_CIVIL_H_
#define PARAAT_COMMON_TIME_CIVIL_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace paraat::time {

// The zone every Tweestromenland pool uses unless configured otherwise.
inline constexpr absl::string_view kDefaultZone = "Europe/Amsterdam";

// Loads an IANA zone. absl::LoadTimeZone falls back to UTC when the name is unknown; this
// does not: an unknown name is INVALID_ARGUMENT naming `field` and the zone.
[[nodiscard]] absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name,
                                                      absl::string_view field = "time_zone");

// The instant of a civil time in `zone`. A time skipped by a DST change is
// INVALID_ARGUMENT naming `field`; a repeated time resolves to its first occurrence.
[[nodiscard]] absl::StatusOr<absl::Time> ResolveLocal(absl::CivilSecond local, absl::TimeZone zone,
                                                      absl::string_view field);

// Resolves a civil time that must exist: skipped times move forward by the length of the gap
// (02:30 on the spring-forward day becomes 03:30), repeated times take the first occurrence.
// Used to expand rotations, where a handover validated at pool creation never hits a gap.
absl::Time ResolveLocalLenient(absl::CivilSecond local, absl::TimeZone zone);

// True when the time of day `minute_of_day` (0..1439) is skipped or repeated on some day in
// `zone` between 1970 and 2100. A daily handover at such a time would not exist exactly once.
bool TimeOfDayHitsTransition(int minute_of_day, absl::TimeZone zone);

// Parses an instant given by a person. Accepts RFC 3339 with an offset or Z
// ("2026-12-07T09:00:00+01:00"), local "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]"
// in `zone`, a bare date "YYYY-MM-DD" (00:00 local) and "now". Errors name `field`.
[[nodiscard]] absl::StatusOr<absl::Time> ParseInstant(absl::string_view text, absl::TimeZone zone,
                                                      absl::string_view field,
                                                      absl::Time now = absl::Now());

// Parses "YYYY-MM-DD".
[[nodiscard]] absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text,
                                                       absl::string_view field);

// Parses "HH:MM" into minutes since midnight (0..1439).
[[nodiscard]] absl::StatusOr<int> ParseTimeOfDay(absl::string_view text, absl::string_view field);
std::string FormatTimeOfDay(int minute_of_day);

// Parses an ISO 8601 week "2026-W49" into the Monday that starts it.
[[nodiscard]] absl::StatusOr<absl::CivilDay> ParseIsoWeek(absl::string_view text,
                                                          absl::string_view field);
// The ISO week "YYYY-Www" that contains `day`.
std::string FormatIsoWeek(absl::CivilDay day);

// ISO weekday of a day: 1 = Monday ... 7 = Sunday.
int IsoWeekday(absl::CivilDay day);

// " +02:00" when `t` falls in an hour the clocks repeat in `zone` (the autumn night), where the
// wall time alone names two instants; "" otherwise.
std::string RepeatedHourOffset(absl::Time t, absl::TimeZone zone);
// "2026-12-07 09:00" in `zone` ("2027-10-31 02:30 +02:00" in the repeated hour).
std::string FormatLocal(absl::Time t, absl::TimeZone zone);
// Europe/Amsterdam (UTC if the time zone database lacks it): where Paraat shows and reads times
// that name no zone.
absl::TimeZone DefaultZone();
// "2026-12-07 09:00" in DefaultZone().
std::string FormatLocal(absl::Time t);
// "2026-12-07T08:00:00Z".
std::string FormatUtc(absl::Time t);

}  // namespace paraat::time

#endif  // PARAAT_COMMON_TIME_CIVIL_H_
