// SPDX-License-Identifier: EUPL-1.2
#include "server/service/feed_service.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/roster/duty_hours.h"
#include "common/roster/public_holidays.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "proto/convert/convert.h"
#include "proto/convert/feed_convert.h"
#include "proto/convert/roster_convert.h"
#include "server/auth/credentials.h"
#include "server/feed/feed_calendar.h"
#include "server/feed/feed_endpoint.h"
#include "server/log/log.h"

namespace paraat::service {

using directory::Principal;
using directory::Role;
using roster::FeedKind;
using roster::FeedTarget;

namespace {

constexpr absl::Duration kDay = absl::Hours(24);
constexpr int64_t kMaxHoursDays = 800;

void ToProto(const storage::FeedLink& l, const convert::People& people, v1::FeedLink* out) {
  out->set_id(l.id);
  out->set_owner(l.owner);
  out->set_kind(convert::ToProto(l.target.kind));
  if (l.target.kind == FeedKind::kPool) {
    out->set_pool(l.target.key);
  } else {
    convert::ToProto(l.target.key, people, out->mutable_person());
  }
  convert::ToProto(l.created, out->mutable_created());
  if (!l.active()) {
    convert::ToProto(l.revoked, out->mutable_revoked());
    out->set_revoked_by(l.revoked_by);
  }
  out->set_hint(l.hint);
}

// The feed a request names: a pool's, or the caller's own duties when `pool` is empty.
absl::StatusOr<FeedTarget> OwnTarget(const Principal& p, const std::string& pool) {
  if (pool.empty()) return FeedTarget{FeedKind::kPerson, p.person};
  PARAAT_RETURN_IF_ERROR(directory::ValidateKey(pool, "pool"));
  return FeedTarget{FeedKind::kPool, pool};
}

// Administrators act on anyone in their scope; everyone else on their own.
bool AdministersPerson(const Principal& p, absl::string_view municipality) {
  return p.AtLeast(Role::kAdministrator) && (p.regional() || p.scope == municipality);
}

}  // namespace

absl::StatusOr<roster::RosterSnapshot> FeedServiceImpl::People() {
  const absl::Time now = absl::Now();
  return roster_->Snapshot({now, now + absl::Seconds(1)});
}

grpc::Status FeedServiceImpl::CreateFeedLink(grpc::ServerContext* ctx,
                                             const v1::CreateFeedLinkRequest* req,
                                             v1::CreateFeedLinkResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(FeedService, CreateFeedLink),
      [&](const Principal& p) -> absl::Status {
        PARAAT_ASSIGN_OR_RETURN(FeedTarget target, OwnTarget(p, req->pool()));
        // A secret made like a session token: 32 random bytes from libsodium,
        // base64url; only its SHA-256 is stored.
        const std::string secret = auth::NewSessionToken();
        PARAAT_ASSIGN_OR_RETURN(storage::FeedLink link,
                                feeds_->CreateLink(p.username, target, auth::TokenHash(secret)));
        PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s, People());
        ToProto(link, s.people, resp->mutable_link());
        resp->set_path(feed::FeedPath(secret));
        if (!feed_url_.empty()) {
          resp->set_url(absl::StrCat(absl::StripSuffix(feed_url_, "/"), resp->path()));
        }
        log::Info(
            "feed", "feed link created",
            {{"link", absl::StrCat(link.id)},
             {"owner", link.owner},
             {"feed", absl::StrCat(roster::FeedKindName(link.target.kind), "/", link.target.key)},
             {"hint", link.hint}});
        return absl::OkStatus();
      });
}

grpc::Status FeedServiceImpl::RevokeFeedLink(grpc::ServerContext* ctx,
                                             const v1::RevokeFeedLinkRequest* req,
                                             v1::FeedLink* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(FeedService, RevokeFeedLink),
      [&](const Principal& p) -> absl::Status {
        if (req->id() < 0) {
          return absl::InvalidArgumentError(
              absl::StrCat("id ", req->id(), " is not a feed link id"));
        }
        int64_t id = req->id();
        if (id != 0 && !req->pool().empty()) {
          return absl::InvalidArgumentError(
              "give the feed link's id or the pool of your own link, not both");
        }
        if (id == 0) {
          PARAAT_ASSIGN_OR_RETURN(FeedTarget target, OwnTarget(p, req->pool()));
          PARAAT_ASSIGN_OR_RETURN(storage::FeedLink own, feeds_->FindOwnLink(p.username, target));
          id = own.id;
        }
        PARAAT_ASSIGN_OR_RETURN(
            storage::FeedLink link,
            feeds_->RevokeLink(p.username, id, [&](const storage::FeedLink& l) -> absl::Status {
              if (l.owner == p.username || AdministersPerson(p, l.owner_municipality)) {
                return absl::OkStatus();
              }
              return absl::PermissionDeniedError(
                  absl::StrCat("feed link ", l.id, " is ", l.owner,
                               "'s; only they or an administrator over them can revoke it"));
            }));
        PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s, People());
        ToProto(link, s.people, resp);
        log::Info("feed", "feed link revoked",
                  {{"link", absl::StrCat(link.id)},
                   {"owner", link.owner},
                   {"by", p.username},
                   {"hint", link.hint}});
        return absl::OkStatus();
      });
}

grpc::Status FeedServiceImpl::ListFeedLinks(grpc::ServerContext* ctx,
                                            const v1::ListFeedLinksRequest* req,
                                            v1::ListFeedLinksResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(FeedService, ListFeedLinks), [&](const Principal& p) -> absl::Status {
        storage::FeedLinkFilter f;
        f.include_revoked = req->include_revoked();
        if (req->everyone()) {
          PARAAT_RETURN_IF_ERROR(
              directory::RequireRole(p, Role::kAdministrator, "listing everyone's feed links"));
          f.municipality = p.scope;
        } else {
          f.owner = p.username;
        }
        PARAAT_ASSIGN_OR_RETURN(std::vector<storage::FeedLink> links, feeds_->ListLinks(f));
        PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s, People());
        for (const auto& l : links) ToProto(l, s.people, resp->add_links());
        return absl::OkStatus();
      });
}

grpc::Status FeedServiceImpl::GetCalendar(grpc::ServerContext* ctx,
                                          const v1::GetCalendarRequest* req,
                                          v1::GetCalendarResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(FeedService, GetCalendar),
               [&](const Principal&) -> absl::Status {
                 if (req->pool().empty() == req->person().empty()) {
                   return absl::InvalidArgumentError(
                       "give either pool or person: the calendar of a pool, or of one person");
                 }
                 FeedTarget target;
                 if (!req->pool().empty()) {
                   PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->pool(), "pool"));
                   target = {FeedKind::kPool, req->pool()};
                 } else {
                   PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->person(), "person"));
                   target = {FeedKind::kPerson, req->person()};
                 }
                 PARAAT_ASSIGN_OR_RETURN(feed::RenderedFeed feed,
                                         feed::RenderFeed(*roster_, *feeds_, target, absl::Now()));
                 resp->set_ics(std::move(feed.ics));
                 resp->set_name(std::move(feed.name));
                 return absl::OkStatus();
               });
}

grpc::Status FeedServiceImpl::GetDutyHours(grpc::ServerContext* ctx,
                                           const v1::GetDutyHoursRequest* req,
                                           v1::GetDutyHoursResponse* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(FeedService, GetDutyHours), [&](const Principal& p) -> absl::Status {
        if (!req->has_from() || !req->has_to()) {
          return absl::InvalidArgumentError("from and to are required: the period to count");
        }
        PARAAT_ASSIGN_OR_RETURN(absl::Time from, convert::FromProto(req->from(), true, "from"));
        PARAAT_ASSIGN_OR_RETURN(absl::Time to, convert::FromProto(req->to(), true, "to"));
        const roster::Interval window{from, to};
        PARAAT_RETURN_IF_ERROR(roster::ValidateInterval(window, "from/to"));
        if (to - from > kMaxHoursDays * kDay) {
          return absl::InvalidArgumentError(
              absl::StrCat("from/to spans more than ", kMaxHoursDays, " days; ask for less"));
        }
        const bool admin = p.AtLeast(Role::kAdministrator);
        std::string person = req->person();
        if (person.empty() && !admin) person = p.person;
        if (!person.empty()) PARAAT_RETURN_IF_ERROR(directory::ValidateKey(person, "person"));
        if (!req->pool().empty())
          PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->pool(), "pool"));

        PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s, roster_->Snapshot(window));
        if (!person.empty()) {
          auto who = s.people.find(person);
          if (who == s.people.end()) {
            return absl::NotFoundError(absl::StrCat("unknown person '", person, "'"));
          }
          if (person != p.person && !AdministersPerson(p, who->second.municipality)) {
            return absl::PermissionDeniedError(
                absl::StrCat("the hours of ", person, " are for them and their administrators; ",
                             p.username, " is neither"));
          }
        }
        if (!req->pool().empty() && s.pools.count(req->pool()) == 0) {
          return absl::NotFoundError(absl::StrCat("unknown pool '", req->pool(), "'"));
        }
        std::map<std::string, std::vector<roster::DutySlice>> schedules;
        std::map<std::string, absl::TimeZone> zones;
        for (const auto& [key, pool] : s.pools) {
          if (!req->pool().empty() && key != req->pool()) continue;
          PARAAT_ASSIGN_OR_RETURN(zones[key], time::LoadZone(pool.time_zone, "pool.time_zone"));
          schedules[key] = s.Schedule(key);
        }
        PARAAT_ASSIGN_OR_RETURN(absl::TimeZone home, time::LoadZone(time::kDefaultZone));
        const absl::CivilDay first = absl::ToCivilDay(from, home);
        const absl::CivilDay last = absl::ToCivilDay(to - absl::Nanoseconds(1), home);
        // A year either side: pools in other zones may see a date the home zone does not.
        const std::vector<roster::PublicHoliday> holidays = roster::DutchPublicHolidays(
            static_cast<int>(first.year()) - 1, static_cast<int>(last.year()) + 1);
        for (const roster::DutyHours& h :
             roster::ComputeDutyHours(schedules, zones, window, holidays)) {
          if (!person.empty() && h.person != person) continue;
          if (person.empty()) {
            // Everyone the caller administers (only administrators get here).
            auto who = s.people.find(h.person);
            const std::string municipality =
                who == s.people.end() ? std::string() : who->second.municipality;
            if (!AdministersPerson(p, municipality)) continue;
          }
          convert::ToProto(h, s.people, resp->add_rows());
        }
        for (const roster::PublicHoliday& h : holidays) {
          if (h.day >= first && h.day <= last) convert::ToProto(h, resp->add_holidays());
        }
        return absl::OkStatus();
      });
}

}  // namespace paraat::service
