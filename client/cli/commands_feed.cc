// SPDX-License-Identifier: EUPL-1.2
// paraat roster feed-link, feed-links, ical and hours: calendar feeds and hours on duty.
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/cli.h"
#include "client/cli/csv.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

absl::TimeZone Zone() { return time::DefaultZone(); }

std::string Local(absl::Time t) { return time::FormatLocal(t); }

std::string FeedName(const client::FeedLinkView& l) {
  if (l.target.kind == roster::FeedKind::kPool) return absl::StrCat("pool ", l.target.key);
  return absl::StrCat("duties of ", l.target_name.empty() ? l.target.key : l.target_name);
}

json::Value LinkJson(const client::FeedLinkView& l) {
  json::Value v;
  v.Set("id", l.id);
  v.Set("owner", l.owner);
  v.Set("kind", roster::FeedKindName(l.target.kind));
  v.Set(roster::FeedKindName(l.target.kind), l.target.key);
  v.Set("created", time::FormatUtc(l.created));
  v.Set("revoked", l.revoked ? json::Value(time::FormatUtc(*l.revoked)) : json::Value());
  if (!l.revoked_by.empty()) v.Set("revoked_by", l.revoked_by);
  v.Set("hint", l.hint);
  return v;
}

absl::Status FeedLink(Context& ctx) {
  const std::string pool = ctx.GetOr("pool", "");
  if (ctx.Has("revoke")) {
    int64_t id = 0;
    if (std::optional<std::string> v = ctx.Get("id")) {
      if (!absl::SimpleAtoi(*v, &id) || id <= 0) {
        return absl::InvalidArgumentError(absl::StrCat("--id '", *v, "' is not a feed link id"));
      }
      if (!pool.empty()) return absl::InvalidArgumentError("give --id or --pool, not both");
    }
    PARAAT_ASSIGN_OR_RETURN(client::FeedLinkView l, ctx.client().RevokeFeedLink(id, pool));
    if (ctx.json()) {
      ctx.PrintJson(LinkJson(l));
    } else {
      ctx.out() << "Revoked feed link " << l.id << " (" << FeedName(l) << ", " << l.owner
                << ", hint " << l.hint
                << "): calendars subscribed to it show no duties from now on, only a notice that "
                   "the link was revoked.\n";
    }
    return absl::OkStatus();
  }
  if (ctx.Has("id")) return absl::InvalidArgumentError("--id goes with --revoke");
  PARAAT_ASSIGN_OR_RETURN(client::NewFeedLink made, ctx.client().CreateFeedLink(pool));
  if (ctx.json()) {
    json::Value v = LinkJson(made.link);
    v.Set("path", made.path);
    v.Set("url", made.url);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << "Feed link " << made.link.id << " to the " << FeedName(made.link)
            << ". It is shown only now; anyone with it can read the feed:\n\n  "
            << (made.url.empty() ? made.path : made.url) << "\n\n";
  if (made.url.empty()) {
    ctx.out() << "Put the address where the server's HTTP side door is published in front of "
                 "this path\n(the server's --feed-url sets it for you).\n";
  }
  ctx.out() << "Subscribe to it in your calendar app. A new link replaces this one; end it with\n"
            << "'paraat roster feed-link" << (pool.empty() ? "" : " --pool " + pool)
            << " --revoke'.\n";
  return absl::OkStatus();
}

absl::Status FeedLinks(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::FeedLinkView> links,
                          ctx.client().ListFeedLinks(ctx.Has("all"), ctx.Has("revoked")));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& l : links) arr.Append(LinkJson(l));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (links.empty()) {
    ctx.out() << "No feed links. Make one with 'paraat roster feed-link [--pool POOL]'.\n";
    return absl::OkStatus();
  }
  Table t({"ID", "OWNER", "FEED", "CREATED", "REVOKED", "HINT"});
  for (const auto& l : links) {
    t.Add({absl::StrCat(l.id), l.owner, FeedName(l), Local(l.created),
           l.revoked ? absl::StrCat(Local(*l.revoked), " by ", l.revoked_by) : "-", l.hint});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

absl::Status Ical(Context& ctx) {
  const std::string pool = ctx.GetOr("pool", "");
  std::string person = ctx.GetOr("person", "");
  if (!pool.empty() && !person.empty()) {
    return absl::InvalidArgumentError("give --pool POOL or --person KEY, not both");
  }
  if (pool.empty() && person.empty()) {
    // Without either: your own duties, as feed-link gives them.
    PARAAT_ASSIGN_OR_RETURN(auto me, ctx.client().WhoAmI());
    person = me.first.account.person;
    if (person.empty()) {
      return absl::FailedPreconditionError(
          "this account is not linked to a person on the roster: give --pool POOL or --person KEY");
    }
  }
  PARAAT_ASSIGN_OR_RETURN(std::string ics, ctx.client().GetCalendar(pool, person));
  ctx.out() << ics << std::flush;
  return absl::OkStatus();
}

std::string Hours(absl::Duration d) { return absl::StrFormat("%.2f", absl::ToDoubleHours(d)); }

absl::Status HoursReport(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string from_text, ctx.Require("from"));
  PARAAT_ASSIGN_OR_RETURN(std::string to_text, ctx.Require("to"));
  PARAAT_ASSIGN_OR_RETURN(absl::Time from, time::ParseInstant(from_text, Zone(), "--from"));
  PARAAT_ASSIGN_OR_RETURN(absl::Time to, time::ParseInstant(to_text, Zone(), "--to"));
  if (to <= from) {
    return absl::InvalidArgumentError(
        absl::StrCat("--to ", to_text, " is not after --from ", from_text,
                     " (--to is exclusive: --from 2027-01-01 --to 2027-02-01 counts January)"));
  }
  PARAAT_ASSIGN_OR_RETURN(
      client::DutyHoursReport report,
      ctx.client().GetDutyHours(from, to, ctx.GetOr("person", ""), ctx.GetOr("pool", "")));
  const bool by_pool = ctx.Has("by-pool");
  std::vector<client::DutyHoursView> rows = report.rows;
  if (!by_pool) {
    std::map<std::string, client::DutyHoursView> sums;
    for (const auto& r : report.rows) {
      client::DutyHoursView& s = sums[r.hours.person];
      s.person = r.person;
      s.hours.person = r.hours.person;
      s.hours.weekday += r.hours.weekday;
      s.hours.weekend += r.hours.weekend;
      s.hours.holiday += r.hours.holiday;
    }
    rows.clear();
    for (auto& [key, r] : sums) rows.push_back(std::move(r));
  }
  if (ctx.Has("csv")) {
    std::vector<std::string> header = {"person", "name", "municipality"};
    if (by_pool) header.push_back("pool");
    for (const char* h : {"weekday_hours", "weekend_hours", "holiday_hours", "total_hours"}) {
      header.push_back(h);
    }
    ctx.out() << CsvRecord(header);
    for (const auto& r : rows) {
      std::vector<std::string> fields = {r.hours.person, r.person.name, r.person.municipality};
      if (by_pool) fields.push_back(r.hours.pool);
      for (absl::Duration d :
           {r.hours.weekday, r.hours.weekend, r.hours.holiday, r.hours.total()}) {
        fields.push_back(Hours(d));
      }
      ctx.out() << CsvRecord(fields);
    }
    return absl::OkStatus();
  }
  if (ctx.json()) {
    json::Value out;
    out.Set("from", time::FormatUtc(from));
    out.Set("to", time::FormatUtc(to));
    json::Value arr = json::Value::MakeArray();
    for (const auto& r : rows) {
      json::Value v;
      v.Set("person", r.hours.person);
      v.Set("name", r.person.name);
      v.Set("municipality", r.person.municipality);
      if (by_pool) v.Set("pool", r.hours.pool);
      v.Set("weekday_seconds", absl::ToInt64Seconds(r.hours.weekday));
      v.Set("weekend_seconds", absl::ToInt64Seconds(r.hours.weekend));
      v.Set("holiday_seconds", absl::ToInt64Seconds(r.hours.holiday));
      arr.Append(v);
    }
    out.Set("rows", arr);
    json::Value hol = json::Value::MakeArray();
    for (const auto& h : report.holidays) {
      json::Value v;
      v.Set("date", absl::FormatCivilTime(h.day));
      v.Set("name", h.name);
      hol.Append(v);
    }
    out.Set("holidays", hol);
    ctx.PrintJson(out);
    return absl::OkStatus();
  }
  ctx.out() << "Hours on duty from " << Local(from) << " to " << Local(to) << " (exclusive):\n\n";
  if (rows.empty()) {
    ctx.out() << "No hours on duty in this period (an officer sees only their own).\n";
  } else {
    std::vector<std::string> header = {"PERSON", "NAME"};
    if (by_pool) header.push_back("POOL");
    for (const char* h : {"WEEKDAY", "WEEKEND", "HOLIDAY", "TOTAL"}) header.push_back(h);
    Table t(header);
    for (const auto& r : rows) {
      std::vector<std::string> cells = {r.hours.person, r.person.name};
      if (by_pool) cells.push_back(r.hours.pool);
      for (absl::Duration d :
           {r.hours.weekday, r.hours.weekend, r.hours.holiday, r.hours.total()}) {
        cells.push_back(Hours(d));
      }
      t.Add(cells);
    }
    t.Print(ctx.out());
  }
  if (!report.holidays.empty()) {
    std::vector<std::string> names;
    for (const auto& h : report.holidays) {
      names.push_back(absl::StrCat(absl::FormatCivilTime(h.day), " ", h.name));
    }
    ctx.out() << "\nHolidays in this period: " << absl::StrJoin(names, ", ") << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

void AddFeedCommands(std::vector<CommandSpec>& c) {
  c.push_back({"roster feed-link",
               "",
               "a secret link to an iCalendar feed of your duties (or of a pool); --revoke ends it",
               {{"pool", "POOL", "the feed of a pool's final schedule (default: your own duties)"},
                {"revoke", "", "end your link to that feed (or link --id) instead"},
                {"id", "ID", "with --revoke: a link by id (administrators: anyone's)"}},
               0,
               0,
               FeedLink});
  c.push_back({"roster feed-links",
               "",
               "your feed links (administrators: --all)",
               {{"all", "", "everyone's (administrators)"}, {"revoked", "", "also revoked ones"}},
               0,
               0,
               FeedLinks});
  c.push_back(
      {"roster ical",
       "",
       "the iCalendar text of a pool's or a person's duties (without either: yours), to stdout",
       {{"pool", "POOL", "a pool's final schedule"}, {"person", "KEY", "one person's duties"}},
       0,
       0,
       Ical});
  c.push_back({"roster hours",
               "",
               "hours on duty per person (weekday, weekend, holiday) for the piket allowance",
               {{"from", "DATE", "first day (YYYY-MM-DD, local time)"},
                {"to", "DATE", "end, exclusive (YYYY-MM-DD)"},
                {"csv", "", "RFC 4180 CSV for a spreadsheet or payroll"},
                {"person", "KEY", "one person (officers: only themselves)"},
                {"pool", "POOL", "one pool"},
                {"by-pool", "", "one row per person and pool"}},
               0,
               0,
               HoursReport});
}

}  // namespace paraat::cli
