// SPDX-License-Identifier: EUPL-1.2
// GET /ical/<secret>.ics on the side door: the feed a secret link points at, or 404 with an
// empty body for an unknown or revoked secret (the same answer for both, and for anything
// that is not a well-formed secret). The secret is never logged.
#ifndef PARAAT_SERVER_FEED_FEED_ENDPOINT_H_
#define PARAAT_SERVER_FEED_FEED_ENDPOINT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "server/feed/side_door.h"
#include "server/storage/feed_store.h"
#include "server/storage/roster_store.h"

namespace paraat::feed {

inline constexpr absl::string_view kFeedPrefix = "/ical/";

// The path of a feed link's secret: "/ical/<secret>.ics".
std::string FeedPath(absl::string_view secret);

class FeedEndpoint {
 public:
  // The stores must outlive the endpoint.
  FeedEndpoint(storage::FeedStore* feeds, storage::RosterStore* roster)
      : feeds_(feeds), roster_(roster) {}

  // GET and HEAD: 200 text/calendar; charset=utf-8 with an ETag (a matching If-None-Match
  // gets 304) and Cache-Control: private, no-cache; 404 with an empty body for an unknown
  // or revoked link; 405 for other methods; 503 when the database cannot be read.
  HttpResponse Serve(const HttpRequest& request) const;

 private:
  storage::FeedStore* feeds_;
  storage::RosterStore* roster_;
};

// Serves FeedEndpoint on `door` under /ical/.
void AddFeedRoutes(SideDoor& door, storage::FeedStore* feeds, storage::RosterStore* roster);

}  // namespace paraat::feed

#endif  // PARAAT_SERVER_FEED_FEED_ENDPOINT_H_
