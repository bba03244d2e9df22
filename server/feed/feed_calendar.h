// SPDX-License-Identifier: EUPL-1.2
// A feed's calendar as it stands now: the schedule and the change times behind it read
// consistently from storage, written as iCalendar text. Shared by the HTTP feed endpoint and
// FeedService.GetCalendar, so both give the same bytes.
#ifndef PARAAT_SERVER_FEED_FEED_CALENDAR_H_
#define PARAAT_SERVER_FEED_FEED_CALENDAR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/roster/duty_calendar.h"
#include "server/storage/feed_store.h"
#include "server/storage/roster_store.h"

namespace paraat::feed {

struct RenderedFeed {
  std::string ics;   // text/calendar, UTF-8, CRLF
  std::string name;  // the calendar's name
};

// The calendar of `target` at `now` (roster::FeedRange). No cache: every call reads the
// database, so a change shows at once. NOT_FOUND: unknown pool or person; the stores' errors
// (UNAVAILABLE when the database is busy).
[[nodiscard]] absl::StatusOr<RenderedFeed> RenderFeed(storage::RosterStore& roster,
                                                      storage::FeedStore& feeds,
                                                      const roster::FeedTarget& target,
                                                      absl::Time now);

}  // namespace paraat::feed

#endif  // PARAAT_SERVER_FEED_FEED_CALENDAR_H_
