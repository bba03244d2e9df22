// SPDX-License-Identifier: EUPL-1.2
// The HTTP side door with a real server on the demo data: feeds read back by a real parser
// around both coming DST changes, changes visible at once, 404 and nothing else for unknown
// links, a notice without duties for revoked ones, no secret in the log or the database, and the FeedService's rules.
#include <gtest/gtest.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>

#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/feed.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "proto/convert/convert.h"
#include "server/feed/feed_endpoint.h"
#include "server/feed/side_door.h"
#include "server/log/log.h"
#include "tests/support/http_client.h"
#include "tests/support/ics_parser.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using testing::HttpReply;
using testing::TestServer;

constexpr char k404[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

absl::Time Local(absl::CivilDay day, int hour) {
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0),
                         Amsterdam());
}

// The last Sunday of `month` in `year`: the day Europe/Amsterdam changes its clocks.
absl::CivilDay LastSunday(int64_t year, int month) {
  absl::CivilDay d = absl::CivilDay(absl::CivilMonth(year, month) + 1) - 1;
  while (absl::GetWeekday(d) != absl::Weekday::sunday) --d;
  return d;
}

// The first DST change of `month` (3 or 10) at least two weeks from now, so that a rotation
// from the Monday two weeks before it is not in the past (the server refuses past changes),
// and at most 379 days ahead, so that three weeks around it are inside the 400 days a feed
// shows. In November 2026 these are the two changes of 2027.
absl::CivilDay NextChange(int month) {
  const absl::CivilDay soon = absl::ToCivilDay(absl::Now(), Amsterdam()) + 14;
  absl::CivilDay d = LastSunday(soon.year(), month);
  if (d < soon) d = LastSunday(soon.year() + 1, month);
  return d;
}

// "2027-03-22T09:00:00+01:00", as Python's isoformat() writes a local time.
std::string Iso(absl::Time t) { return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, Amsterdam()); }
std::string IsoUtc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string Field(const json::Value& v, const char* name) {
  const json::Value* f = v.Find(name);
  return f == nullptr ? "" : f->is_string() ? f->as_string() : f->Serialize();
}

class FeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The side door needs a Qt event loop in this thread; the tests pump it while waiting.
    if (QCoreApplication::instance() == nullptr) {
      static int argc = 1;
      static char arg0[] = "paraat_feed_test";
      static char* argv[] = {arg0, nullptr};
      new QCoreApplication(argc, argv);
    }
  }

  void SetUp() override {
    server_ = TestServer::StartDemo();
    door_ = std::make_unique<feed::SideDoor>();
    feed::AddFeedRoutes(*door_, server_->app()->feed_store(), server_->app()->roster_store());
    absl::StatusOr<int> port = door_->Listen("127.0.0.1:0");
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
    feeds_ = v1::FeedService::NewStub(server_->channel());
    roster_ = v1::RosterService::NewStub(server_->channel());
    admin_ = server_->LoginAs("administrator");
    coordinator_ = server_->LoginAs("coordinator");
    officer_ = server_->LoginAs("officer");  // h.devries, pool oost
    spring_ = NextChange(3);
    autumn_ = NextChange(10);
  }

  void TearDown() override {
    door_.reset();
    server_.reset();
  }

  // One request from another thread while this one runs the event loop.
  HttpReply Fetch(const std::string& path, const std::string& method = "GET",
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::future<HttpReply> reply = std::async(
        std::launch::async, [&] { return testing::HttpFetch(port_, method, path, headers); });
    while (reply.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    HttpReply r = reply.get();
    EXPECT_EQ(r.error, "") << method << " " << path;
    return r;
  }

  // Rotates `weeks` weeks of pool oost from the Monday two weeks before `change`.
  void RotateAround(absl::CivilDay change, int weeks = 3) {
    v1::RotateRosterRequest req;
    req.set_pool("oost");
    req.set_from_date(absl::FormatCivilTime(change - 6 - 7));
    req.set_weeks(weeks);
    for (const auto& o : oost_) req.add_order(o);
    v1::RotateRosterResponse resp;
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = roster_->RotateRoster(ctx.get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const auto& d : resp.shifts()) shifts_.push_back(d);
  }

  v1::CreateFeedLinkResponse CreateLink(const std::string& token, const std::string& pool) {
    v1::CreateFeedLinkRequest req;
    req.set_pool(pool);
    v1::CreateFeedLinkResponse resp;
    auto ctx = TestServer::Context(token);
    grpc::Status s = feeds_->CreateFeedLink(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  grpc::Status Revoke(const std::string& token, int64_t id, const std::string& pool = "",
                      v1::FeedLink* out = nullptr) {
    v1::RevokeFeedLinkRequest req;
    req.set_id(id);
    req.set_pool(pool);
    v1::FeedLink resp;
    auto ctx = TestServer::Context(token);
    grpc::Status s = feeds_->RevokeFeedLink(ctx.get(), req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  const std::vector<std::string> oost_ = {"g.smits",    "h.devries",    "i.verhoeven",
                                          "j.kuijpers", "k.vandenberg", "l.maas"};
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<feed::SideDoor> door_;
  int port_ = 0;
  std::unique_ptr<v1::FeedService::Stub> feeds_;
  std::unique_ptr<v1::RosterService::Stub> roster_;
  std::string admin_, coordinator_, officer_;
  absl::CivilDay spring_, autumn_;
  std::vector<v1::DutySlice> shifts_;
};

TEST_F(FeedTest, BothDstWeeksReadBackByARealParser) {
  ASSERT_EQ(access(testing::kSystemPython, X_OK), 0)
      << "this test needs Debian's python3 and python3-icalendar, a declared test dependency";
  RotateAround(spring_);
  RotateAround(autumn_);
  ASSERT_EQ(shifts_.size(), 6u);
  const v1::CreateFeedLinkResponse link = CreateLink(officer_, "oost");
  EXPECT_TRUE(absl::StartsWith(link.path(), "/ical/")) << link.path();
  EXPECT_EQ(link.path().size(), 6u + 43u + 4u);
  EXPECT_EQ(link.url(), "");  // the test server has no --http-listen or --feed-url
  EXPECT_EQ(link.link().kind(), v1::FEED_KIND_POOL);
  EXPECT_EQ(link.link().owner(), "officer");

  const HttpReply r = Fetch(link.path());
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.Header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "private, no-cache");
  EXPECT_EQ(r.Header("ETag").size(), 34u);
  const testing::ParsedIcs parsed = testing::ParseIcs(r.body);
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err << "\n" << r.body;
  ASSERT_EQ(parsed.events.size(), 6u) << r.body;

  // Each week from Monday 09:00 to Monday 09:00 local time, 167 hours across the spring
  // change and 169 across the autumn one, as the parser reads it both through the tz
  // database and through the feed's own VTIMEZONE.
  for (size_t i = 0; i < 6; ++i) {
    const json::Value& e = parsed.events[i];
    const absl::Time start = convert::TimeFromProto(shifts_[i].interval().start());
    const absl::Time end = convert::TimeFromProto(shifts_[i].interval().end());
    EXPECT_EQ(absl::FormatTime("%a %H:%M", start, Amsterdam()), "Mon 09:00");
    EXPECT_EQ(Field(e, "start"), Iso(start)) << i;
    EXPECT_EQ(Field(e, "end"), Iso(end)) << i;
    EXPECT_EQ(Field(e, "start_utc"), IsoUtc(start)) << i;
    EXPECT_EQ(Field(e, "end_utc"), IsoUtc(end)) << i;
    EXPECT_EQ(Field(e, "start_utc_by_vtimezone"), IsoUtc(start)) << i;
    EXPECT_EQ(Field(e, "end_utc_by_vtimezone"), IsoUtc(end)) << i;
    EXPECT_EQ(Field(e, "tzid"), "Europe/Amsterdam") << i;
    EXPECT_EQ(Field(e, "sequence"), "0") << i;
    EXPECT_EQ(
        Field(e, "uid"),
        absl::StrCat("roster-", shifts_[i].source_id(), "-oost-",
                     absl::FormatTime("%Y%m%dT%H%M%SZ", start, absl::UTCTimeZone()), "@paraat"));
    const int64_t hours = absl::ToInt64Hours(end - start);
    EXPECT_EQ(hours, i == 1 ? 167 : i == 4 ? 169 : 168) << i;
  }
  EXPECT_EQ(Field(parsed.events[1], "start"), Iso(Local(spring_ - 6, 9)));
  EXPECT_TRUE(absl::EndsWith(Field(parsed.events[1], "start"), "+01:00"));
  EXPECT_TRUE(absl::EndsWith(Field(parsed.events[1], "end"), "+02:00"));
  EXPECT_TRUE(absl::EndsWith(Field(parsed.events[4], "start"), "+02:00"));
  EXPECT_TRUE(absl::EndsWith(Field(parsed.events[4], "end"), "+01:00"));

  // The same bytes again (nothing changed), and from FeedService.GetCalendar.
  EXPECT_EQ(Fetch(link.path()).body, r.body);
  v1::GetCalendarRequest req;
  req.set_pool("oost");
  v1::GetCalendarResponse cal;
  auto ctx = TestServer::Context(officer_);
  ASSERT_TRUE(feeds_->GetCalendar(ctx.get(), req, &cal).ok());
  EXPECT_EQ(cal.ics(), r.body);
  EXPECT_EQ(cal.name(), "Piket OvD-Bz Oost");
}

TEST_F(FeedTest, AChangeShowsAtOnceWithANewSequence) {
  RotateAround(spring_);
  const v1::CreateFeedLinkResponse link = CreateLink(officer_, "oost");
  const HttpReply before = Fetch(link.path());
  ASSERT_EQ(before.status, 200);
  const std::string etag = before.Header("ETag");
  // Unchanged: 304 with the same tag and no body.
  const HttpReply same = Fetch(link.path(), "GET", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(same.Header("ETag"), etag);
  // No Content-Length: a cache could take a 0 there for an empty calendar (RFC 9110 8.6).
  EXPECT_EQ(same.raw.find("Content-Length"), std::string::npos) << same.raw;

  // An administrator arranges a swap in the middle of the DST week: two days to l.maas.
  const v1::DutySlice& week = shifts_[1];
  v1::RequestSwapRequest swap;
  swap.set_shift_id(week.source_id());
  swap.set_taker("l.maas");
  convert::ToProto(Local(spring_ - 4, 9), swap.mutable_part()->mutable_start());
  convert::ToProto(Local(spring_ - 2, 9), swap.mutable_part()->mutable_end());
  v1::DutySwap made;
  {
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = roster_->ArrangeSwap(ctx.get(), swap, &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const HttpReply after = Fetch(link.path(), "GET", {{"If-None-Match", etag}});
  ASSERT_EQ(after.status, 200) << "a change must show at once";
  EXPECT_NE(after.Header("ETag"), etag);
  const testing::ParsedIcs parsed = testing::ParseIcs(after.body);
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  std::map<std::string, json::Value> by_uid;
  for (const auto& e : parsed.events) by_uid[Field(e, "uid")] = e;
  const std::string start_uid = absl::StrCat(
      "roster-", week.source_id(), "-oost-",
      absl::FormatTime("%Y%m%dT%H%M%SZ", Local(spring_ - 6, 9), absl::UTCTimeZone()), "@paraat");
  const std::string swap_uid = absl::StrCat(
      "swap-", made.id(), "-oost-",
      absl::FormatTime("%Y%m%dT%H%M%SZ", Local(spring_ - 4, 9), absl::UTCTimeZone()), "@paraat");
  ASSERT_EQ(by_uid.count(start_uid), 1u) << after.body;
  ASSERT_EQ(by_uid.count(swap_uid), 1u) << after.body;
  // The DST week's first part keeps its UID, ends where the swap begins, and has a higher
  // SEQUENCE; the swap is l.maas's; the rest of the week is a new event.
  EXPECT_EQ(Field(by_uid[start_uid], "end"), Iso(Local(spring_ - 4, 9)));
  EXPECT_GT(std::stoi(Field(by_uid[start_uid], "sequence")), 0);
  EXPECT_EQ(Field(by_uid[swap_uid], "start"), Iso(Local(spring_ - 4, 9)));
  EXPECT_EQ(Field(by_uid[swap_uid], "end"), Iso(Local(spring_ - 2, 9)));
  EXPECT_TRUE(absl::StrContains(after.body,
                                absl::StrCat("SUMMARY:Piket OvD-Bz Oost: ", made.taker().name())))
      << after.body;
  EXPECT_EQ(parsed.events.size(), 5u);

  // A coordinator's override in the autumn shows at once too.
  v1::CreateOverrideRequest o;
  o.set_pool("oost");
  o.set_person("k.vandenberg");
  convert::ToProto(Local(autumn_, 1), o.mutable_from());
  convert::ToProto(Local(autumn_, 5), o.mutable_until());
  o.set_reason("oefening");
  v1::Override override_made;
  {
    auto ctx = TestServer::Context(coordinator_);
    grpc::Status s = roster_->CreateOverride(ctx.get(), o, &override_made);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const HttpReply third = Fetch(link.path());
  ASSERT_EQ(third.status, 200);
  const testing::ParsedIcs parsed3 = testing::ParseIcs(third.body);
  ASSERT_EQ(parsed3.exit_code, 0) << parsed3.err;
  bool found = false;
  for (const auto& e : parsed3.events) {
    if (!absl::StartsWith(Field(e, "uid"), absl::StrCat("override-", override_made.id(), "-")))
      continue;
    found = true;
    // 01:00 - 05:00 on the night the clocks go back: 5 hours across the repeated hour, read
    // back as the exact instants.
    EXPECT_EQ(Field(e, "start_utc"), IsoUtc(Local(autumn_, 1)));
    EXPECT_EQ(Field(e, "end_utc"), IsoUtc(Local(autumn_, 5)));
    // In Dutch, as the rest of the feed.
    EXPECT_TRUE(absl::StrContains(Field(e, "description"),
                                  absl::StrCat("\nBron: noodinzet (override ", override_made.id(), ")")))
        << Field(e, "description");
  }
  EXPECT_TRUE(found) << third.body;
}

// A draft roster's duties are TENTATIVE ("concept"); once published they turn CONFIRMED with a
// higher SEQUENCE, so calendar programs replace their copy.
TEST_F(FeedTest, PublishingTurnsConceptDutiesIntoConfirmedOnesWithANewSequence) {
  RotateAround(spring_);
  const v1::CreateFeedLinkResponse link = CreateLink(officer_, "oost");
  auto events = [&]() {
    const HttpReply reply = Fetch(link.path());
    EXPECT_EQ(reply.status, 200);
    const testing::ParsedIcs parsed = testing::ParseIcs(reply.body);
    EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
    std::map<std::string, json::Value> by_uid;
    for (const auto& e : parsed.events) by_uid[Field(e, "uid")] = e;
    return by_uid;
  };
  auto before = events();
  ASSERT_FALSE(before.empty());
  for (auto& [uid, e] : before) EXPECT_EQ(Field(e, "status"), "TENTATIVE") << uid;
  auto publish_until = [&](absl::CivilDay until) {
    v1::PublishRosterRequest publish;
    publish.set_pool("oost");
    publish.set_until_date(absl::FormatCivilTime(until));
    v1::PublishRosterResponse published;
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = roster_->PublishRoster(ctx.get(), publish, &published);
    EXPECT_TRUE(s.ok()) << s.error_message();
  };
  // First the weeks before spring_, a moment later the rest.
  publish_until(spring_);
  auto first = events();
  absl::SleepFor(absl::Milliseconds(1100));  // SEQUENCE counts whole seconds
  publish_until(spring_ + 30);
  auto after = events();
  ASSERT_EQ(after.size(), before.size());
  int kept = 0;
  for (auto& [uid, e] : after) {
    EXPECT_EQ(Field(e, "status"), "CONFIRMED") << uid;
    EXPECT_GT(std::stoi(Field(e, "sequence")), std::stoi(Field(before[uid], "sequence"))) << uid;
    // What the first publication confirmed did not change with the second.
    if (Field(first[uid], "status") == "CONFIRMED") {
      ++kept;
      EXPECT_EQ(Field(e, "sequence"), Field(first[uid], "sequence")) << uid;
      EXPECT_EQ(Field(e, "last_modified"), Field(first[uid], "last_modified")) << uid;
    }
  }
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, static_cast<int>(after.size()));
}

// Leave over a duty shows on it: whoever reads the calendar to decide whom to call sees that
// the person on duty is away (the reason stays private), and calendar programs replace it.
TEST_F(FeedTest, LeaveOfThePersonOnDutyShowsOnTheDuty) {
  RotateAround(spring_);
  const v1::DutySlice* mine = nullptr;
  for (const v1::DutySlice& d : shifts_) {
    if (d.person().key() == "h.devries") mine = &d;
  }
  ASSERT_NE(mine, nullptr);
  const std::string uid =
      absl::StrCat("roster-", mine->source_id(), "-oost-",
                   absl::FormatTime("%Y%m%dT%H%M%SZ", convert::TimeFromProto(mine->interval().start()),
                                    absl::UTCTimeZone()),
                   "@paraat");
  const v1::CreateFeedLinkResponse link = CreateLink(officer_, "oost");
  auto fetch = [&](std::string* unfolded) {
    const HttpReply reply = Fetch(link.path());
    EXPECT_EQ(reply.status, 200);
    *unfolded = absl::StrReplaceAll(reply.body, {{"\r\n ", ""}});
    const testing::ParsedIcs parsed = testing::ParseIcs(reply.body);
    EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
    for (const auto& e : parsed.events) {
      if (Field(e, "uid") == uid) return std::stoi(Field(e, "sequence"));
    }
    ADD_FAILURE() << "no event " << uid << " in\n" << reply.body;
    return -1;
  };
  std::string before_text;
  const int before = fetch(&before_text);
  EXPECT_FALSE(absl::StrContains(before_text, "(afwezig)")) << before_text;

  absl::SleepFor(absl::Milliseconds(1100));  // SEQUENCE counts whole seconds
  v1::AddUnavailabilityRequest leave;
  const absl::Time start = convert::TimeFromProto(mine->interval().start()) + absl::Hours(24);
  convert::ToProto(start, leave.mutable_interval()->mutable_start());
  convert::ToProto(start + absl::Hours(48), leave.mutable_interval()->mutable_end());
  leave.set_reason("griep");
  v1::AddUnavailabilityResponse added;
  {
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = roster_->AddUnavailability(ctx.get(), leave, &added);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  std::string after_text;
  const int after = fetch(&after_text);
  EXPECT_GT(after, before);
  EXPECT_TRUE(absl::StrContains(after_text, "Hanna de Vries (afwezig)")) << after_text;
  EXPECT_TRUE(absl::StrContains(after_text, "Let op: afwezig van ")) << after_text;
  EXPECT_FALSE(absl::StrContains(after_text, "griep")) << after_text;
}

// A revoked or replaced link answers for half a year with a calendar without the duties that
// says so: a calendar app keeps its last copy when a link answers 404, so the duties it showed
// would stay, frozen, while the roster changes.
void ExpectRevokedNotice(const HttpReply& r, const std::string& what) {
  ASSERT_EQ(r.status, 200) << what << ": " << r.raw;
  const testing::ParsedIcs parsed = testing::ParseIcs(r.body);
  ASSERT_EQ(parsed.exit_code, 0) << what << ": " << parsed.err;
  ASSERT_EQ(parsed.events.size(), 1u) << what << ": " << r.body;
  const json::Value& e = parsed.events[0];
  ASSERT_NE(e.Find("description"), nullptr) << e.Serialize();
  EXPECT_TRUE(absl::StrContains(e.Find("description")->as_string(), "ingetrokken of vervangen"))
      << e.Serialize();
  EXPECT_TRUE(absl::StrContains(r.body, "SUMMARY:Paraat: deze agendalink werkt niet meer\r\n"))
      << r.body;
  EXPECT_FALSE(absl::StrContains(r.body, "Telefoon")) << what << ": no duty, no phone number";
}

TEST_F(FeedTest, RevokedLinksSaySoUnknownAndMalformedOnesAre404) {
  const v1::CreateFeedLinkResponse link = CreateLink(officer_, "");
  EXPECT_EQ(link.link().kind(), v1::FEED_KIND_PERSON);
  EXPECT_EQ(link.link().person().key(), "h.devries");
  ASSERT_EQ(Fetch(link.path()).status, 200);

  const std::string unknown = feed::FeedPath(std::string(43, 'A'));
  for (const std::string& path : {unknown, std::string("/ical/short.ics"), std::string("/ical/"),
                                  std::string("/"), std::string("/metrics"), link.path() + "x",
                                  link.path().substr(0, link.path().size() - 4)}) {
    const HttpReply r = Fetch(path);
    EXPECT_EQ(r.raw, k404) << path;
  }
  EXPECT_EQ(Fetch(link.path(), "HEAD").status, 200);
  EXPECT_EQ(Fetch(link.path(), "POST").status, 405);

  v1::FeedLink revoked;
  ASSERT_TRUE(Revoke(officer_, 0, "", &revoked).ok());
  EXPECT_EQ(revoked.id(), link.link().id());
  EXPECT_TRUE(revoked.has_revoked());
  EXPECT_EQ(revoked.revoked_by(), "officer");
  const HttpReply notice = Fetch(link.path());
  ExpectRevokedNotice(notice, "revoked");
  // The same all day: the ETag spares the body.
  EXPECT_EQ(Fetch(link.path(), "GET", {{"If-None-Match", notice.Header("ETag")}}).status, 304);
  EXPECT_EQ(Fetch(link.path(), "HEAD").status, 200);
  // Revoking again is refused; there is no active link any more.
  EXPECT_EQ(Revoke(officer_, link.link().id()).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Revoke(officer_, 0).error_code(), grpc::StatusCode::NOT_FOUND);

  // A new link to the same feed replaces the one before it.
  const v1::CreateFeedLinkResponse first = CreateLink(officer_, "west");
  const v1::CreateFeedLinkResponse second = CreateLink(officer_, "west");
  EXPECT_NE(first.path(), second.path());
  ExpectRevokedNotice(Fetch(first.path()), "replaced");
  EXPECT_EQ(Fetch(second.path()).status, 200);

  // A link stops working with its owner's account.
  v1::UpdateAccountRequest deactivate;
  deactivate.set_username("officer");
  deactivate.set_active(false);
  v1::UpdateAccountResponse updated;
  auto auth = v1::AuthService::NewStub(server_->channel());
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(auth->UpdateAccount(ctx.get(), deactivate, &updated).ok());
  ExpectRevokedNotice(Fetch(second.path()), "owner deactivated");
  // For good: reactivating the account does not bring back a link that may have been passed on.
  v1::UpdateAccountRequest reactivate = deactivate;
  reactivate.set_active(true);
  auto ctx2 = TestServer::Context(admin_);
  ASSERT_TRUE(auth->UpdateAccount(ctx2.get(), reactivate, &updated).ok());
  ExpectRevokedNotice(Fetch(second.path()), "owner reactivated");
}

// While the server shuts down, the side door answers 503 "shutting down" on every route (a
// load balancer sees the drain) and runs no handler, as the stores they read are closing.
TEST(SideDoorTest, ADrainingSideDoorAnswers503AndRunsNoHandler) {
  feed::SideDoor door;
  int ran = 0;
  door.Route("/healthz", [&ran](const feed::HttpRequest&) {
    ++ran;
    return feed::HttpResponse{200, {}, "ok\n"};
  });
  door.Route("/ical/", [&ran](const feed::HttpRequest&) {
    ++ran;
    return feed::HttpResponse::Status(200);
  });
  feed::HttpRequest get{"GET", "/healthz", {}};
  EXPECT_EQ(door.Dispatch(get).status, 200);
  door.Drain("the server is shutting down");
  for (const char* path : {"/healthz", "/ical/abc.ics"}) {
    get.path = path;
    const feed::HttpResponse r = door.Dispatch(get);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_EQ(r.body, "the server is shutting down\n") << path;
  }
  EXPECT_EQ(ran, 1);
  get.path = "/nothing";
  EXPECT_EQ(door.Dispatch(get).status, 404);
}

TEST_F(FeedTest, NoSecretInTheLogOrTheDatabase) {
  log::SetMinimumLevel(log::Level::kDebug);
  ::testing::internal::CaptureStderr();
  const v1::CreateFeedLinkResponse link = CreateLink(officer_, "oost");
  EXPECT_EQ(Fetch(link.path()).status, 200);
  ASSERT_TRUE(Revoke(officer_, link.link().id()).ok());
  EXPECT_EQ(Fetch(link.path()).status, 200);  // the notice that it was revoked
  EXPECT_EQ(Fetch(feed::FeedPath(std::string(43, 'Q'))).status, 404);
  const std::string log = ::testing::internal::GetCapturedStderr();
  log::SetMinimumLevel(log::Level::kInfo);
  const std::string secret = link.path().substr(6, 43);
  EXPECT_FALSE(absl::StrContains(log, secret)) << log;
  EXPECT_TRUE(absl::StrContains(log, absl::StrCat("hint=", link.link().hint()))) << log;
  EXPECT_EQ(link.link().hint().size(), 8u);
  for (const char* file : {"paraat.db", "paraat.db-wal"}) {
    std::ifstream in(server_->data_dir() + "/" + file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    EXPECT_FALSE(absl::StrContains(bytes.str(), secret)) << file;
  }
}

TEST_F(FeedTest, WhoMayListAndRevokeWhichLinks) {
  const v1::CreateFeedLinkResponse mine = CreateLink(officer_, "");
  const v1::CreateFeedLinkResponse theirs = CreateLink(coordinator_, "west");
  // Someone else's link: refused for an officer or coordinator, allowed to an administrator.
  grpc::Status s = Revoke(officer_, theirs.link().id());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "is coordinator's")) << s.error_message();
  EXPECT_EQ(Revoke(coordinator_, mine.link().id()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Revoke(officer_, 999).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Revoke(officer_, -1).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  auto list = [&](const std::string& token, bool everyone, bool revoked, grpc::Status* status) {
    v1::ListFeedLinksRequest req;
    req.set_everyone(everyone);
    req.set_include_revoked(revoked);
    v1::ListFeedLinksResponse resp;
    auto ctx = TestServer::Context(token);
    *status = feeds_->ListFeedLinks(ctx.get(), req, &resp);
    std::set<int64_t> ids;
    for (const auto& l : resp.links()) ids.insert(l.id());
    return ids;
  };
  EXPECT_EQ(list(officer_, false, false, &s), (std::set<int64_t>{mine.link().id()}));
  list(officer_, true, false, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(list(admin_, true, false, &s),
            (std::set<int64_t>{mine.link().id(), theirs.link().id()}));

  ASSERT_TRUE(Revoke(admin_, theirs.link().id()).ok());
  EXPECT_EQ(list(admin_, true, false, &s), (std::set<int64_t>{mine.link().id()}));
  EXPECT_EQ(list(admin_, true, true, &s),
            (std::set<int64_t>{mine.link().id(), theirs.link().id()}));
  ExpectRevokedNotice(Fetch(theirs.path()), "revoked by an administrator");

  // Unknown pool; malformed key; GetCalendar needs exactly one of pool and person.
  v1::CreateFeedLinkRequest bad;
  bad.set_pool("zuid");
  v1::CreateFeedLinkResponse resp;
  auto ctx = TestServer::Context(officer_);
  s = feeds_->CreateFeedLink(ctx.get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "zuid")) << s.error_message();
  v1::GetCalendarRequest both;
  both.set_pool("oost");
  both.set_person("h.devries");
  v1::GetCalendarResponse cal;
  auto ctx2 = TestServer::Context(officer_);
  EXPECT_EQ(feeds_->GetCalendar(ctx2.get(), both, &cal).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(FeedTest, DutyHoursAcrossTheSpringChange) {
  RotateAround(spring_);
  const absl::Time from = Local(spring_ - 13, 0);
  const absl::Time to = Local(spring_ + 15, 0);
  auto hours = [&](const std::string& token, const std::string& person, grpc::Status* status) {
    v1::GetDutyHoursRequest req;
    convert::ToProto(from, req.mutable_from());
    convert::ToProto(to, req.mutable_to());
    req.set_person(person);
    v1::GetDutyHoursResponse resp;
    auto ctx = TestServer::Context(token);
    *status = feeds_->GetDutyHours(ctx.get(), req, &resp);
    return resp;
  };
  grpc::Status s;
  const v1::GetDutyHoursResponse all = hours(admin_, "", &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // Three weeks from Monday 09:00: g.smits, h.devries (the DST week) and i.verhoeven.
  std::map<std::string, int64_t> total;
  for (const auto& row : all.rows()) {
    EXPECT_EQ(row.pool(), "oost");
    total[row.person().key()] =
        row.weekday_seconds() + row.weekend_seconds() + row.holiday_seconds();
  }
  EXPECT_EQ(total,
            (std::map<std::string, int64_t>{
                {"g.smits", 168 * 3600}, {"h.devries", 167 * 3600}, {"i.verhoeven", 168 * 3600}}));
  for (const auto& row : all.rows()) {
    if (row.person().key() == "h.devries") {
      EXPECT_EQ(row.person().name(), "Hanna de Vries");
    }
  }
  // Each week has its Saturday and Sunday in weekend or holiday hours; the spring Sunday has
  // 23 hours.
  for (const auto& row : all.rows()) {
    const int64_t weekend = row.weekend_seconds() + row.holiday_seconds();
    EXPECT_GE(weekend, (row.person().key() == "h.devries" ? 47 : 48) * 3600) << row.person().key();
  }
  // An officer sees their own hours by default and nobody else's.
  const v1::GetDutyHoursResponse own = hours(officer_, "", &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(own.rows_size(), 1);
  EXPECT_EQ(own.rows(0).person().key(), "h.devries");
  hours(officer_, "g.smits", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  hours(admin_, "nobody", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  // The holidays in the period are listed with their names.
  for (const auto& h : all.holidays()) EXPECT_FALSE(h.name().empty());
  // A reversed or missing period is refused.
  v1::GetDutyHoursRequest reversed;
  convert::ToProto(to, reversed.mutable_from());
  convert::ToProto(from, reversed.mutable_to());
  v1::GetDutyHoursResponse resp;
  auto ctx = TestServer::Context(admin_);
  EXPECT_EQ(feeds_->GetDutyHours(ctx.get(), reversed, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace paraat
