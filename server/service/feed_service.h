// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.FeedService: feed links, calendars and hours on duty.
#ifndef PARAAT_SERVER_SERVICE_FEED_SERVICE_H_
#define PARAAT_SERVER_SERVICE_FEED_SERVICE_H_

#include <string>

#include "paraat/v1/feed.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/feed_store.h"
#include "server/storage/roster_store.h"

namespace paraat::service {

class FeedServiceImpl final : public v1::FeedService::Service {
 public:
  // `feed_url`: where the side door's /ical/ is published (e.g. "https://paraat.example.nl"),
  // prefixed to a new link's path; empty: links are returned as a path only.
  FeedServiceImpl(ServiceContext sc, storage::FeedStore* feeds, storage::RosterStore* roster,
                  std::string feed_url)
      : sc_(sc), feeds_(feeds), roster_(roster), feed_url_(std::move(feed_url)) {}

  grpc::Status CreateFeedLink(grpc::ServerContext* ctx, const v1::CreateFeedLinkRequest* req,
                              v1::CreateFeedLinkResponse* resp) override;
  grpc::Status RevokeFeedLink(grpc::ServerContext* ctx, const v1::RevokeFeedLinkRequest* req,
                              v1::FeedLink* resp) override;
  grpc::Status ListFeedLinks(grpc::ServerContext* ctx, const v1::ListFeedLinksRequest* req,
                             v1::ListFeedLinksResponse* resp) override;
  grpc::Status GetCalendar(grpc::ServerContext* ctx, const v1::GetCalendarRequest* req,
                           v1::GetCalendarResponse* resp) override;
  grpc::Status GetDutyHours(grpc::ServerContext* ctx, const v1::GetDutyHoursRequest* req,
                            v1::GetDutyHoursResponse* resp) override;

 private:
  // The people, for naming link targets and rows.
  absl::StatusOr<roster::RosterSnapshot> People();

  ServiceContext sc_;
  storage::FeedStore* feeds_;
  storage::RosterStore* roster_;
  const std::string feed_url_;
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_FEED_SERVICE_H_
