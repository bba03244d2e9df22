// SPDX-License-Identifier: EUPL-1.2
// The final schedule as an iCalendar feed: one event per duty slice of a pool, or of one
// person in every pool, with UIDs that stay put and a SEQUENCE and LAST-MODIFIED derived
// from when the records behind each slice were stored, so the same data always gives the
// same bytes and every change shows as a new revision.
#ifndef PARAAT_COMMON_ROSTER_DUTY_CALENDAR_H_
#define PARAAT_COMMON_ROSTER_DUTY_CALENDAR_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/ical/ical_writer.h"
#include "common/roster/final_schedule.h"
#include "common/roster/snapshot.h"

namespace paraat::roster {

// A stored record that shapes the final schedule, with when it was made and last changed.
struct ScheduleRecord {
  Source kind = Source::kRoster;  // kRoster: a roster shift
  int64_t id = 0;
  std::string pool;
  // Where it can decide who is on duty: a shift's interval; a swap's interval and, with a
  // return shift, its return interval; an override's interval as planned (also once it was
  // ended early, or ended before it began).
  std::vector<Interval> spans;
  absl::Time created;
  absl::Time changed;  // the last change; `created` when it never changed

  friend bool operator==(const ScheduleRecord& a, const ScheduleRecord& b) {
    return a.kind == b.kind && a.id == b.id && a.pool == b.pool && a.spans == b.spans &&
           a.created == b.created && a.changed == b.changed;
  }
};

// A stored leave record (also a cancelled one): when it was made and last changed.
struct LeaveRecord {
  std::string person;
  Interval interval;
  absl::Time changed;  // made, or cancelled

  friend bool operator==(const LeaveRecord& a, const LeaveRecord& b) {
    return a.person == b.person && a.interval == b.interval && a.changed == b.changed;
  }
};

// The change times behind a feed, read from storage.
struct ScheduleHistory {
  std::vector<ScheduleRecord> records;
  // Leave of the people on duty changes what their duties say (not who is on duty).
  std::vector<LeaveRecord> leave;
  std::map<std::string, absl::Time> person_changed;  // person key -> last edit (name, phone)
  std::map<std::string, absl::Time> pool_changed;    // pool key -> last edit (name)

  friend bool operator==(const ScheduleHistory& a, const ScheduleHistory& b) {
    return a.records == b.records && a.leave == b.leave && a.person_changed == b.person_changed &&
           a.pool_changed == b.pool_changed;
  }
};

enum class FeedKind { kPool, kPerson };
absl::string_view FeedKindName(FeedKind k);  // "pool", "person"

// What a feed shows: the final schedule of one pool, or one person's duties in every pool.
struct FeedTarget {
  FeedKind kind = FeedKind::kPool;
  std::string key;  // pool key or person key
};

// A feed at `now` shows the duties that overlap [now - 31 days, now + 400 days): the past
// month, and a year ahead with room to spare.
Interval FeedRange(absl::Time now);
// The span to resolve the schedule over for a feed at `now`: the range and 62 days either
// side, so a duty shown is never cut short by the edge of what was read (its start is part of
// its UID) and the past month's duties stay as they were.
Interval FeedReadWindow(absl::Time now);

// One slice as a calendar event revision.
struct DutyRevision {
  // "<source>-<source id>-<pool>-<start as YYYYMMDDTHHMMSSZ>@paraat": stable while the slice
  // keeps its source and start.
  std::string uid;
  // Whole seconds from the creation of the slice's source record to the last change of any
  // record that can decide it (its source, and every shift, swap or override of the pool
  // whose span overlaps the source's span) or that it shows (leave of its person overlapping
  // it), rounded up; 0 when none changed after. It grows
  // with every change that can move the slice's end or person, never shrinks, and is the
  // same on every read of the same data.
  int sequence = 0;
  // The last change of any of those records, of the person on duty (name, phone) or of the
  // pool (name): DTSTAMP and LAST-MODIFIED.
  absl::Time modified;
};

DutyRevision RevisionOf(const DutySlice& slice, const ScheduleHistory& history);

// The feed of `target` from `snapshot` (read over FeedReadWindow) with the events whose
// slices overlap `range`, in start order. Times are written in the pool's zone (a person's
// feed: the zone of their pools when they agree, else Europe/Amsterdam) with a VTIMEZONE,
// starts and ends floored to whole seconds. Text is Dutch: SUMMARY "Piket <pool name>:
// <person name>", DESCRIPTION with the phone number and the source (rooster, ruil, override).
// NOT_FOUND: an unknown pool or person.
[[nodiscard]] absl::StatusOr<ical::Calendar> DutyCalendar(const RosterSnapshot& snapshot,
                                                          const ScheduleHistory& history,
                                                          const FeedTarget& target,
                                                          const Interval& range);

// How long a revoked or replaced feed link still answers, with RevokedLinkCalendar, before it
// is unknown (404). A calendar app keeps the last copy it fetched when a link stops answering,
// so a subscription to a revoked link would show its duties frozen as they were; the notice
// empties it and says why.
inline constexpr absl::Duration kRevokedNoticeFor = absl::Hours(24 * 183);

// What a link revoked at `revoked` answers at `now`: no duties, and one event over the day of
// `now` (in Europe/Amsterdam) that says the link no longer works and what to do, in Dutch.
// Its UID stays with the link (`link_id`) and its SEQUENCE grows by the day, so clients move
// it along to the day they look. The calendar is the same all day (stamped at its start).
ical::Calendar RevokedLinkCalendar(int64_t link_id, absl::Time revoked, absl::Time now);

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_DUTY_CALENDAR_H_
