// SPDX-License-Identifier: EUPL-1.2
// Client: the FeedService calls.
#include "client/api/client.h"
#include "common/status/status_macros.h"
#include "proto/convert/convert.h"
#include "proto/convert/feed_convert.h"
#include "proto/convert/roster_convert.h"

namespace paraat::client {

namespace {

FeedLinkView ToView(const v1::FeedLink& l) {
  FeedLinkView v;
  v.id = l.id();
  v.owner = l.owner();
  v.target.kind = convert::FromProto(l.kind());
  if (v.target.kind == roster::FeedKind::kPool) {
    v.target.key = l.pool();
  } else {
    v.target.key = l.person().key();
    v.target_name = l.person().name();
  }
  v.created = convert::TimeFromProto(l.created());
  if (l.has_revoked()) v.revoked = convert::TimeFromProto(l.revoked());
  v.revoked_by = l.revoked_by();
  v.hint = l.hint();
  return v;
}

}  // namespace

absl::StatusOr<NewFeedLink> Client::CreateFeedLink(const std::string& pool) {
  v1::CreateFeedLinkRequest req;
  req.set_pool(pool);
  v1::CreateFeedLinkResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::FeedService::Stub::CreateFeedLink, feed_.get(), req, &resp));
  return NewFeedLink{ToView(resp.link()), resp.path(), resp.url()};
}

absl::StatusOr<FeedLinkView> Client::RevokeFeedLink(int64_t id, const std::string& pool) {
  v1::RevokeFeedLinkRequest req;
  req.set_id(id);
  req.set_pool(pool);
  v1::FeedLink resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::FeedService::Stub::RevokeFeedLink, feed_.get(), req, &resp));
  return ToView(resp);
}

absl::StatusOr<std::vector<FeedLinkView>> Client::ListFeedLinks(bool everyone,
                                                                bool include_revoked) {
  v1::ListFeedLinksRequest req;
  req.set_everyone(everyone);
  req.set_include_revoked(include_revoked);
  v1::ListFeedLinksResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::FeedService::Stub::ListFeedLinks, feed_.get(), req, &resp));
  std::vector<FeedLinkView> out;
  for (const auto& l : resp.links()) out.push_back(ToView(l));
  return out;
}

absl::StatusOr<std::string> Client::GetCalendar(const std::string& pool,
                                                const std::string& person) {
  v1::GetCalendarRequest req;
  req.set_pool(pool);
  req.set_person(person);
  v1::GetCalendarResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::FeedService::Stub::GetCalendar, feed_.get(), req, &resp));
  return resp.ics();
}

absl::StatusOr<DutyHoursReport> Client::GetDutyHours(absl::Time from, absl::Time to,
                                                     const std::string& person,
                                                     const std::string& pool) {
  v1::GetDutyHoursRequest req;
  convert::ToProto(from, req.mutable_from());
  convert::ToProto(to, req.mutable_to());
  req.set_person(person);
  req.set_pool(pool);
  v1::GetDutyHoursResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::FeedService::Stub::GetDutyHours, feed_.get(), req, &resp));
  DutyHoursReport out;
  for (const auto& row : resp.rows()) {
    out.rows.push_back({convert::FromProto(row), convert::FromProto(row.person())});
  }
  for (const auto& h : resp.holidays()) out.holidays.push_back(convert::FromProto(h));
  return out;
}

}  // namespace paraat::client
