// SPDX-License-Identifier: EUPL-1.2
#include "server/feed/feed_calendar.h"

#include "common/ical/ical_writer.h"
#include "common/status/status_macros.h"

namespace paraat::feed {

absl::StatusOr<RenderedFeed> RenderFeed(storage::RosterStore& roster, storage::FeedStore& feeds,
                                        const roster::FeedTarget& target, absl::Time now) {
  const roster::Interval window = roster::FeedReadWindow(now);
  // The schedule and its change times come from two read transactions. Reading the change
  // times before and after the schedule and finding them equal proves that no change was
  // committed in between, so every event's SEQUENCE belongs to the content beside it. A
  // change in between (rare: it takes milliseconds) means reading again.
  roster::RosterSnapshot snapshot;
  roster::ScheduleHistory history;
  for (int attempt = 0; attempt < 5; ++attempt) {
    PARAAT_ASSIGN_OR_RETURN(roster::ScheduleHistory before, feeds.History(window));
    PARAAT_ASSIGN_OR_RETURN(snapshot, roster.Snapshot(window));
    PARAAT_ASSIGN_OR_RETURN(history, feeds.History(window));
    if (before == history) break;
  }
  PARAAT_ASSIGN_OR_RETURN(ical::Calendar calendar,
                          roster::DutyCalendar(snapshot, history, target, roster::FeedRange(now)));
  RenderedFeed out;
  out.name = calendar.name;
  PARAAT_ASSIGN_OR_RETURN(out.ics, ical::WriteCalendar(calendar));
  return out;
}

}  // namespace paraat::feed
