// SPDX-License-Identifier: EUPL-1.2
// Duty feeds as a user meets them: the real paraat-server with its HTTP side door, the real
// paraat CLI making and revoking links, calendars read by python3-icalendar, hours as CSV,
// and a server log without a single secret.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/json/json.h"
#include "tests/e2e/e2e.h"
#include "tests/support/http_client.h"
#include "tests/support/ics_parser.h"

namespace paraat::testing {
namespace {

constexpr char k404[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

// The first last-Sunday-of-`month` at least two weeks ahead (see tests/server/feed).
absl::CivilDay NextChange(int month) {
  const absl::CivilDay soon = absl::ToCivilDay(absl::Now(), Amsterdam()) + 14;
  auto last_sunday = [](int64_t year, int m) {
    absl::CivilDay d = absl::CivilDay(absl::CivilMonth(year, m) + 1) - 1;
    while (absl::GetWeekday(d) != absl::Weekday::sunday) --d;
    return d;
  };
  absl::CivilDay d = last_sunday(soon.year(), month);
  if (d < soon) d = last_sunday(soon.year() + 1, month);
  return d;
}

std::string Iso(absl::CivilDay day, int hour) {
  const absl::Time t = absl::FromCivil(
      absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0), Amsterdam());
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, Amsterdam());
}

std::string Field(const json::Value& v, const char* name) {
  const json::Value* f = v.Find(name);
  return f == nullptr ? "" : f->is_string() ? f->as_string() : f->Serialize();
}

// The HTTP port from "... serving iCalendar feeds on http://127.0.0.1:PORT/ical/".
int HttpPort(const std::string& server_stdout) {
  const std::string marker = "serving iCalendar feeds on http://127.0.0.1:";
  const size_t at = server_stdout.find(marker);
  if (at == std::string::npos) return 0;
  int port = 0;
  const size_t from = at + marker.size();
  (void)absl::SimpleAtoi(server_stdout.substr(from, server_stdout.find('/', from) - from), &port);
  return port;
}

TEST(Feeds, LinkSubscribeChangeRevokeAndCountHours) {
  ASSERT_EQ(access(kSystemPython, X_OK), 0) << "needs Debian's python3 and python3-icalendar";
  DemoEnvironment env;
  env.StartServer({"--http-listen", "127.0.0.1:0"});
  const int http = HttpPort(env.server()->Stdout());
  ASSERT_GT(http, 0) << env.server()->Stdout();

  // An administrator rotates pool oost over three weeks around each coming DST change.
  const absl::CivilDay spring = NextChange(3);
  const absl::CivilDay autumn = NextChange(10);
  ASSERT_EQ(env.Login("administrator").exit_code, 0);
  for (absl::CivilDay change : {spring, autumn}) {
    ProcessResult rotate =
        env.Cli({"roster", "rotate", "--pool", "oost", "--from", absl::FormatCivilTime(change - 13),
                 "--weeks", "3", "--order", "g.smits,h.devries,i.verhoeven,j.kuijpers"});
    ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  }

  // The officer (h.devries) makes a link to the pool's feed; the secret is shown once.
  ASSERT_EQ(env.Login("officer").exit_code, 0);
  ProcessResult made = env.Cli({"roster", "feed-link", "--pool", "oost", "--json"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  absl::StatusOr<json::Value> link = json::Parse(made.out);
  ASSERT_TRUE(link.ok()) << made.out;
  const std::string path = Field(*link, "path");
  ASSERT_TRUE(absl::StartsWith(path, "/ical/")) << made.out;
  const std::string secret = path.substr(6, 43);
  // Without --feed-url the server names its own side door, port 0 being unknown: path only.
  EXPECT_EQ(Field(*link, "url"), "");
  ProcessResult human = env.Cli({"roster", "feed-link", "--pool", "west"});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_TRUE(absl::StrContains(human.out, "It is shown only now")) << human.out;

  HttpReply feed = HttpFetch(http, "GET", path);
  ASSERT_EQ(feed.status, 200) << feed.raw;
  EXPECT_EQ(feed.Header("Content-Type"), "text/calendar; charset=utf-8");
  ParsedIcs parsed = ParseIcs(feed.body);
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  ASSERT_EQ(parsed.events.size(), 6u) << feed.body;
  // Every week Monday 09:00 to Monday 09:00 local time, the DST weeks included.
  for (size_t i = 0; i < 6; ++i) {
    const absl::CivilDay first_monday = (i < 3 ? spring : autumn) - 13;
    const absl::CivilDay monday = first_monday + 7 * static_cast<int>(i % 3);
    EXPECT_EQ(Field(parsed.events[i], "start"), Iso(monday, 9)) << i;
    EXPECT_EQ(Field(parsed.events[i], "end"), Iso(monday + 7, 9)) << i;
    EXPECT_EQ(Field(parsed.events[i], "start_utc"),
              Field(parsed.events[i], "start_utc_by_vtimezone"));
    EXPECT_EQ(Field(parsed.events[i], "end_utc"), Field(parsed.events[i], "end_utc_by_vtimezone"));
  }
  // `paraat roster ical` prints the same calendar.
  ProcessResult ical = env.Cli({"roster", "ical", "--pool", "oost"});
  ASSERT_EQ(ical.exit_code, 0) << ical.err;
  EXPECT_EQ(ical.out, feed.body);
  // Without --pool or --person: the officer's own duties (h.devries).
  ProcessResult mine = env.Cli({"roster", "ical"});
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  EXPECT_EQ(mine.out, env.Cli({"roster", "ical", "--person", "h.devries"}).out);
  EXPECT_TRUE(Contains(mine.out, "BEGIN:VCALENDAR")) << mine.out;

  // An administrator arranges a swap in the spring DST week: the feed shows it at once.
  ASSERT_EQ(env.Login("administrator").exit_code, 0);
  ProcessResult duties = env.Cli({"duties", "--person", "h.devries", "--json"});
  ASSERT_EQ(duties.exit_code, 0) << duties.err;
  absl::StatusOr<json::Value> list = json::Parse(duties.out);
  ASSERT_TRUE(list.ok() && list->Find("duties") != nullptr) << duties.out;
  const json::Value& first_duty = list->Find("duties")->as_array().at(0);
  const std::string shift = Field(first_duty, "shift_id");
  ASSERT_FALSE(shift.empty()) << duties.out;
  ProcessResult swap = env.Cli({"swap", "arrange", "--shift", shift, "--with", "l.maas", "--from",
                                absl::StrCat(absl::FormatCivilTime(spring - 4), " 09:00"), "--to",
                                absl::StrCat(absl::FormatCivilTime(spring - 2), " 09:00"),
                                "--reason", "bruiloft"});
  ASSERT_EQ(swap.exit_code, 0) << swap.err;
  EXPECT_TRUE(Contains(swap.out, "\n    reason: bruiloft")) << swap.out;
  HttpReply changed = HttpFetch(http, "GET", path, {{"If-None-Match", feed.Header("ETag")}});
  ASSERT_EQ(changed.status, 200) << changed.raw;
  ParsedIcs reparsed = ParseIcs(changed.body);
  ASSERT_EQ(reparsed.exit_code, 0) << reparsed.err;
  ASSERT_EQ(reparsed.events.size(), 8u) << changed.body;
  bool swap_seen = false;
  for (const json::Value& e : reparsed.events) {
    if (!absl::StartsWith(Field(e, "uid"), "swap-")) continue;
    swap_seen = true;
    EXPECT_EQ(Field(e, "start"), Iso(spring - 4, 9));
    EXPECT_EQ(Field(e, "end"), Iso(spring - 2, 9));
  }
  EXPECT_TRUE(swap_seen) << changed.body;

  // Hours for the allowance as CSV: the DST week is 167 hours.
  ProcessResult csv = env.Cli({"roster", "hours", "--from", absl::FormatCivilTime(spring - 13),
                               "--to", absl::FormatCivilTime(spring + 15), "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> lines = absl::StrSplit(csv.out, "\r\n");
  ASSERT_GE(lines.size(), 5u) << csv.out;
  EXPECT_EQ(lines[0],
            "person,name,municipality,weekday_hours,weekend_hours,holiday_hours,total_hours");
  std::map<std::string, std::string> totals;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string> f = absl::StrSplit(lines[i], ',');
    ASSERT_EQ(f.size(), 7u) << lines[i];
    totals[f[0]] = f[6];
  }
  EXPECT_EQ(totals, (std::map<std::string, std::string>{{"g.smits", "168.00"},
                                                        {"h.devries", "119.00"},
                                                        {"i.verhoeven", "168.00"},
                                                        {"l.maas", "48.00"}}));

  // The officer revokes the link: the calendar empties and says why; an unknown secret is 404.
  ASSERT_EQ(env.Login("officer").exit_code, 0);
  ProcessResult revoke = env.Cli({"roster", "feed-link", "--pool", "oost", "--revoke"});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_TRUE(absl::StrContains(revoke.out, "show no duties from now on")) << revoke.out;
  HttpReply notice = HttpFetch(http, "GET", path);
  EXPECT_EQ(notice.status, 200) << notice.raw;
  const ParsedIcs revoked = ParseIcs(notice.body);
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(revoked.events.size(), 1u) << notice.body;
  EXPECT_TRUE(absl::StrContains(notice.body, "deze agendalink werkt niet meer")) << notice.body;
  EXPECT_EQ(HttpFetch(http, "GET", "/ical/" + std::string(43, 'x') + ".ics").raw, k404);
  ProcessResult again = env.Cli({"roster", "feed-link", "--pool", "oost", "--revoke"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(again.err, "no active feed link")) << again.err;

  // The secret never reached the server's log.
  const std::string log = env.server()->Stdout() + env.server()->Stderr();
  EXPECT_FALSE(absl::StrContains(log, secret)) << log;
  EXPECT_TRUE(absl::StrContains(log, "feed link revoked")) << log;
  EXPECT_EQ(env.StopServer(), 0);

  // Plaintext HTTP off loopback is refused, as gRPC is.
  ProcessResult open = RunProcess({PARAAT_SERVER_BIN, "--data-dir", env.data_dir(), "--listen",
                                   "127.0.0.1:0", "--http-listen", "0.0.0.0:0"});
  EXPECT_EQ(open.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(open.err, "refusing to serve HTTP on 0.0.0.0:0")) << open.err;
  ProcessResult help = RunProcess({PARAAT_SERVER_BIN, "--help"});
  EXPECT_TRUE(absl::StrContains(help.out, "--http-listen HOST:PORT")) << help.out;
}

// A monitor's view of the side door: /healthz for "is it serving, can it write", /metrics for
// the figures (scraped on loopback).
TEST(Feeds, TheSideDoorAnswersHealthAndMetrics) {
  DemoEnvironment env;
  env.StartServer({"--http-listen", "127.0.0.1:0"});
  const int http = HttpPort(env.server()->Stdout());
  ASSERT_GT(http, 0) << env.server()->Stdout();
  HttpReply health = HttpFetch(http, "GET", "/healthz");
  EXPECT_EQ(health.status, 200) << health.raw;
  EXPECT_EQ(health.body, "ok\n");
  EXPECT_EQ(health.Header("Cache-Control"), "no-store");
  HttpReply head = HttpFetch(http, "HEAD", "/healthz");
  EXPECT_EQ(head.status, 200) << head.raw;
  EXPECT_EQ(head.body, "");
  HttpReply post = HttpFetch(http, "POST", "/healthz");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET, HEAD");

  // A failed login and a write, then the figures.
  EXPECT_EQ(env.Cli({"login", "officer", "--password-stdin"}, "not-the-password\n").exit_code, 1);
  ASSERT_EQ(env.Login("coordinator").exit_code, 0);
  HttpReply metrics = HttpFetch(http, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200) << metrics.raw;
  for (const char* line : {"paraat_failed_logins_total 1\n", "paraat_writes_failing 0\n",
                           "paraat_writer_storage_failures_total 0\n"}) {
    EXPECT_TRUE(absl::StrContains(metrics.body, line)) << line << " not in\n" << metrics.body;
  }
  EXPECT_TRUE(absl::StrContains(metrics.body, "paraat_writer_commits_total ")) << metrics.body;
  EXPECT_EQ(env.StopServer(), 0);
}

}  // namespace
}  // namespace paraat::testing
