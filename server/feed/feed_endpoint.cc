// SPDX-License-Identifier: EUPL-1.2
#include "server/feed/feed_endpoint.h"

#include <openssl/evp.h>

#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "server/auth/credentials.h"
#include "common/ical/ical_writer.h"
#include "common/roster/duty_calendar.h"
#include "server/feed/feed_calendar.h"
#include "server/log/log.h"

namespace paraat::feed {

namespace {

// A secret is 32 random bytes in base64url without padding: 43 characters.
constexpr size_t kSecretLength = 43;

bool WellFormedSecret(absl::string_view s) {
  if (s.size() != kSecretLength) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string ETagOf(absl::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::StrCat(
      "\"", absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), 16)), "\"");
}

// RFC 9110 13.1.2: a list of entity tags or "*", compared weakly.
bool NoneMatch(const HttpRequest& request, absl::string_view etag) {
  auto it = request.headers.find("if-none-match");
  if (it == request.headers.end()) return false;
  for (absl::string_view tag : absl::StrSplit(it->second, ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

}  // namespace

std::string FeedPath(absl::string_view secret) { return absl::StrCat(kFeedPrefix, secret, ".ics"); }

HttpResponse FeedEndpoint::Serve(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    return HttpResponse::NotAllowed();
  }
  absl::string_view secret = request.path;
  if (!absl::ConsumePrefix(&secret, kFeedPrefix) || !absl::ConsumeSuffix(&secret, ".ics") ||
      !WellFormedSecret(secret)) {
    return HttpResponse::Status(404);
  }
  const std::string hash = auth::TokenHash(secret);
  // At most this prefix of the hash is logged: it tells links apart, not their secrets.
  const std::string hint = absl::BytesToHexString(absl::string_view(hash).substr(0, 4));
  absl::StatusOr<storage::FeedLink> link = feeds_->FindLink(hash);
  const absl::Time now = absl::Now();
  if (absl::IsNotFound(link.status()) ||
      (link.ok() && !link->active() && now - link->revoked >= roster::kRevokedNoticeFor)) {
    log::Write(log::Level::kDebug, "feed", "unknown or revoked feed link", {{"hint", hint}});
    return HttpResponse::Status(404);
  }
  absl::StatusOr<RenderedFeed> feed;
  if (!link.ok()) {
    feed = link.status();
  } else if (!link->active()) {
    // Revoked lately: a calendar without the duties that says so, rather than a 404 that
    // leaves the app showing its last copy as if it were current.
    absl::StatusOr<std::string> ics =
        ical::WriteCalendar(roster::RevokedLinkCalendar(link->id, link->revoked, now));
    if (ics.ok()) {
      feed = RenderedFeed{std::move(*ics), "revoked"};
    } else {
      feed = ics.status();
    }
  } else {
    feed = RenderFeed(*roster_, *feeds_, link->target, now);
  }
  if (!feed.ok()) {
    if (absl::IsNotFound(feed.status())) return HttpResponse::Status(404);  // pool or person gone
    log::Warning("feed", "cannot serve a feed",
                 {{"hint", hint}, {"error", std::string(feed.status().message())}});
    HttpResponse r = HttpResponse::Status(503);
    r.headers.push_back({"Retry-After", "60"});
    return r;
  }
  const std::string etag = ETagOf(feed->ics);
  log::Write(log::Level::kDebug, "feed", "feed served",
             {{"link", absl::StrCat(link->id)},
              {"hint", hint},
              {"bytes", absl::StrCat(feed->ics.size())}});
  HttpResponse r;
  r.headers = {{"ETag", etag}, {"Cache-Control", "private, no-cache"}};
  if (NoneMatch(request, etag)) {
    r.status = 304;
    return r;
  }
  r.headers.push_back({"Content-Type", "text/calendar; charset=utf-8"});
  r.headers.push_back({"X-Content-Type-Options", "nosniff"});
  r.body = std::move(feed->ics);
  return r;
}

void AddFeedRoutes(SideDoor& door, storage::FeedStore* feeds, storage::RosterStore* roster) {
  auto endpoint = std::make_shared<FeedEndpoint>(feeds, roster);
  door.Route(std::string(kFeedPrefix),
             [endpoint](const HttpRequest& request) { return endpoint->Serve(request); });
}

}  // namespace paraat::feed
