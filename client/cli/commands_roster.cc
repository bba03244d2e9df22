// SPDX-License-Identifier: EUPL-1.2
// paraat oncall, duties, roster, swap, override and unavailable.
#include <algorithm>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli/cli.h"
#include "client/cli/text.h"
#include "common/roster/roster_json.h"
#include "common/roster/rules.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

using client::Duty;

absl::TimeZone Zone() { return time::DefaultZone(); }

std::string Local(absl::Time t) {
  if (t == absl::InfinitePast()) return "-";
  return absl::StrCat(absl::FormatTime("%a %Y-%m-%d %H:%M", t, Zone()),
                      time::RepeatedHourOffset(t, Zone()));
}

absl::StatusOr<absl::Time> TimeFlag(Context& ctx, const std::string& flag) {
  PARAAT_ASSIGN_OR_RETURN(std::string v, ctx.Require(flag));
  return time::ParseInstant(v, Zone(), absl::StrCat("--", flag));
}

absl::StatusOr<std::optional<absl::Time>> OptTimeFlag(Context& ctx, const std::string& flag) {
  if (!ctx.Has(flag)) return std::optional<absl::Time>();
  PARAAT_ASSIGN_OR_RETURN(absl::Time t, TimeFlag(ctx, flag));
  return std::optional<absl::Time>(t);
}

absl::StatusOr<int64_t> IdArg(Context& ctx) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(ctx.args()[0], &id) || id <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("'", ctx.args()[0], "' is not an id (a positive number)"));
  }
  return id;
}

// "168", "1.5", "137.25": whole hours as such, parts of an hour to the hundredth.
std::string Hours(absl::Duration d) {
  std::string h = absl::StrFormat("%.2f", absl::ToDoubleHours(d));
  while (h.back() == '0') h.pop_back();
  if (h.back() == '.') h.pop_back();
  return h;
}

std::string Who(const roster::PersonRef& p) {
  return p.name.empty() ? p.key : absl::StrCat(p.name, " (", p.municipality, ")");
}

// Why someone may no longer serve in a pool, as the server names it (roster::Ineligibility).
std::string IneligibleWhy(absl::string_view reason) {
  if (reason == "deactivated") return "is deactivated";
  if (reason == "unqualified") return "lacks the pool's qualification";
  if (reason == "not_member") return "is no longer a member of the pool";
  return "may not serve there";
}

std::string Marks(const roster::DutySlice& d) {
  std::vector<std::string> m;
  if (d.source == roster::Source::kSwap) m.push_back(absl::StrCat("swap ", d.source_id));
  if (d.source == roster::Source::kOverride) m.push_back(absl::StrCat("override ", d.source_id));
  if (d.source != roster::Source::kRoster && !d.rostered.empty()) {
    m.push_back(absl::StrCat("rostered: ", d.rostered));
  }
  // As the feeds have it: an override is final, also over a draft week.
  if (d.source != roster::Source::kOverride && d.shift_id != 0 && !d.published) m.push_back("draft");
  return absl::StrJoin(m, ", ");
}

json::Value DutyJson(const Duty& d) {
  json::Value v = roster::ToJson(d.slice);
  v.Set("name", d.person.name);
  v.Set("municipality", d.person.municipality);
  v.Set("phone", d.person.phone);
  return v;
}

}  // namespace

std::string EndText(absl::Time end, std::optional<absl::Time> horizon) {
  if (horizon.has_value() && end >= *horizon) return absl::StrCat("at least ", Local(end));
  return Local(end);
}

std::string ClashText(const client::ClashView& c, std::optional<absl::Time> horizon) {
  const std::string published = c.clash.published ? " [a published duty]" : "";
  switch (c.clash.kind) {
    case roster::ClashKind::kBothPools:
      return absl::StrCat(Who(c.person), " is on duty in both ", c.clash.pool, " and ",
                          c.clash.other_pool, " from ", Local(c.clash.interval.start), " to ",
                          EndText(c.clash.interval.end, horizon), published);
    case roster::ClashKind::kOnLeave:
      return absl::StrCat(Who(c.person), " is on leave (", c.clash.leave_id,
                          ") while on duty in ", c.clash.pool, " from ",
                          Local(c.clash.interval.start), " to ", EndText(c.clash.interval.end, horizon),
                          published);
    case roster::ClashKind::kTooLittleRest:
      return absl::StrCat(Who(c.person), " has too little rest: on duty in ", c.clash.pool,
                          " from ", Local(c.clash.interval.start), " after a duty in ",
                          c.clash.other_pool, " until ", Local(c.clash.rest.start),
                          "; the rest lasts until ", Local(c.clash.rest.end), published);
    case roster::ClashKind::kNotEligible:
      return absl::StrCat(Who(c.person), " is on duty in ", c.clash.pool, " from ",
                          Local(c.clash.interval.start), " to ", EndText(c.clash.interval.end, horizon),
                          " but ", IneligibleWhy(c.clash.reason),
                          "; arrange a swap or an override", published);
  }
  return "";
}

namespace {

json::Value ClashJson(const client::ClashView& c) {
  json::Value v;
  v.Set("kind", roster::ClashKindName(c.clash.kind));
  v.Set("person", c.clash.person);
  v.Set("pool", c.clash.pool);
  if (!c.clash.other_pool.empty()) v.Set("other_pool", c.clash.other_pool);
  if (c.clash.leave_id != 0) v.Set("leave_id", c.clash.leave_id);
  v.Set("interval", roster::ToJson(c.clash.interval));
  if (c.clash.kind == roster::ClashKind::kTooLittleRest) {
    v.Set("rest", roster::ToJson(c.clash.rest));
  }
  if (!c.clash.reason.empty()) v.Set("reason", c.clash.reason);
  v.Set("published", c.clash.published);
  return v;
}

void PrintClashes(Context& ctx, const std::vector<client::ClashView>& clashes,
                  std::optional<absl::Time> horizon = std::nullopt) {
  for (const auto& c : clashes) ctx.out() << "CLASH: " << ClashText(c, horizon) << "\n";
}

absl::Status OnCall(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> at, OptTimeFlag(ctx, "at"));
  PARAAT_ASSIGN_OR_RETURN(client::OnCall oc, ctx.client().GetOnCall(at));
  if (auto only = ctx.Get("pool")) {
    const size_t before = oc.pools.size();
    oc.pools.erase(std::remove_if(oc.pools.begin(), oc.pools.end(),
                                  [&](const client::PoolOnCall& p) { return p.pool != *only; }),
                   oc.pools.end());
    if (oc.pools.empty() && before > 0) {
      return absl::NotFoundError(absl::StrCat("no active pool '", *only, "' (paraat pools lists them)"));
    }
  }
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& p : oc.pools) {
      json::Value v;
      v.Set("pool", p.pool);
      v.Set("pool_name", p.pool_name);
      v.Set("current", p.current ? DutyJson(*p.current) : json::Value());
      if (p.handover) v.Set("handover", time::FormatUtc(*p.handover));
      if (p.current_on_leave) {
        json::Value l;
        l.Set("from", time::FormatUtc(p.current_on_leave->start));
        l.Set("to", time::FormatUtc(p.current_on_leave->end));
        v.Set("current_on_leave", l);
      }
      if (!p.current_ineligible.empty()) v.Set("current_ineligible", p.current_ineligible);
      v.Set("next", p.next ? DutyJson(*p.next) : json::Value());
      if (p.gap_until) v.Set("gap_until", time::FormatUtc(*p.gap_until));
      arr.Append(v);
    }
    json::Value out;
    out.Set("at", time::FormatUtc(oc.at));
    out.Set("pools", arr);
    ctx.PrintJson(out);
    return absl::OkStatus();
  }
  ctx.out() << "On duty at " << Local(oc.at) << ":\n";
  for (const auto& p : oc.pools) {
    ctx.out() << "\n" << p.pool_name << " (" << p.pool << ", arrival norm "
              << p.arrival_norm_minutes << " min)\n";
    if (p.current) {
      const Duty& d = *p.current;
      ctx.out() << "  now:  " << Who(d.person) << "  " << d.person.phone << "  until "
                << Local(p.handover.value_or(d.slice.interval.end))
                << (Marks(d.slice).empty() ? "" : "  [" + Marks(d.slice) + "]") << "\n";
      if (p.current_on_leave) {
        ctx.out() << "        ON LEAVE until " << Local(p.current_on_leave->end)
                  << ": call the next, or put someone on duty (paraat override)\n";
      }
      if (!p.current_ineligible.empty()) {
        ctx.out() << "        MAY NOT SERVE: " << IneligibleWhy(p.current_ineligible)
                  << "; call the next, or put someone on duty (paraat override)\n";
      }
    } else {
      ctx.out() << "  now:  NO ONE ON DUTY (gap"
                << (p.gap_until ? " until " + Local(*p.gap_until) : std::string(", no roster yet"))
                << ")\n";
    }
    if (p.next) {
      const Duty& d = *p.next;
      ctx.out() << "  next: " << Who(d.person) << "  " << d.person.phone << "  "
                << Local(d.slice.interval.start) << " - " << Local(d.slice.interval.end)
                << (Marks(d.slice).empty() ? "" : "  [" + Marks(d.slice) + "]") << "\n";
    }
  }
  return absl::OkStatus();
}

void PrintDuties(Context& ctx, const std::vector<Duty>& duties, bool with_person) {
  std::vector<std::string> headers = {"POOL", "FROM", "UNTIL", "HOURS", "SHIFT", "NOTE"};
  if (with_person) headers.insert(headers.begin() + 1, "ON DUTY");
  if (with_person) headers.insert(headers.begin() + 2, "PHONE");
  Table t(headers);
  for (const auto& d : duties) {
    std::vector<std::string> row = {d.slice.pool, Local(d.slice.interval.start),
                                    Local(d.slice.interval.end),
                                    Hours(d.slice.interval.end - d.slice.interval.start),
                                    d.slice.shift_id ? absl::StrCat(d.slice.shift_id) : "-",
                                    Marks(d.slice)};
    if (with_person) row.insert(row.begin() + 1, Who(d.person));
    if (with_person) row.insert(row.begin() + 2, d.person.phone);
    t.Add(row);
  }
  t.Print(ctx.out());
}

// The period of `duties` and `roster show`: from --from (now) for --days/--weeks or to --to.
absl::StatusOr<roster::Interval> Period(Context& ctx, absl::Duration unit, const char* count_flag,
                                        int default_count) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> from, OptTimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> to,
                          ctx.Has("to") ? OptTimeFlag(ctx, "to") : std::optional<absl::Time>());
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> count, ctx.GetCount(count_flag));
  const absl::Time start = from.value_or(absl::Now());
  const absl::Time end = to.value_or(start + unit * count.value_or(default_count));
  if (end <= start) {
    return absl::InvalidArgumentError(absl::StrCat("--to (", Local(end), ") is not after --from (",
                                                   Local(start), ")"));
  }
  // The server answers for at most 800 days, whole duties around the period included: say so
  // of the flag the user gave.
  constexpr absl::Duration kLongest = absl::Hours(24 * 730);
  if (end - start > kLongest) {
    const int64_t most = kLongest / unit;
    return absl::InvalidArgumentError(
        to.has_value() ? std::string("--from/--to span more than 730 days; ask for less")
                       : absl::StrCat("--", count_flag, " must be 1 to ", most, ", not ",
                                      count.value_or(default_count)));
  }
  return roster::Interval{start, end};
}

absl::Status Duties(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(roster::Interval period, Period(ctx, absl::Hours(24), "days", 365));
  PARAAT_ASSIGN_OR_RETURN(
      client::ScheduleView v,
      ctx.client().ListDuties(ctx.GetOr("person", ""), client::WholeDutiesAsk(period).start,
                              client::WholeDutiesAsk(period).end));
  client::KeepPeriod(v, period);
  if (ctx.json()) {
    json::Value out;
    json::Value arr = json::Value::MakeArray();
    for (const auto& d : v.slices) arr.Append(DutyJson(d));
    out.Set("duties", arr);
    json::Value cl = json::Value::MakeArray();
    for (const auto& c : v.clashes) cl.Append(ClashJson(c));
    out.Set("clashes", cl);
    ctx.PrintJson(out);
    return absl::OkStatus();
  }
  if (v.slices.empty()) {
    ctx.out() << "No duties in this period.\n";
  } else {
    PrintDuties(ctx, v.slices, false);
  }
  PrintClashes(ctx, v.clashes);
  return absl::OkStatus();
}

absl::Status RosterShow(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string pool, ctx.Require("pool"));
  PARAAT_ASSIGN_OR_RETURN(roster::Interval period, Period(ctx, absl::Hours(24 * 7), "weeks", 8));
  PARAAT_ASSIGN_OR_RETURN(
      client::ScheduleView v,
      ctx.client().GetSchedule(pool, client::WholeDutiesAsk(period).start,
                               client::WholeDutiesAsk(period).end));
  client::KeepPeriod(v, period);
  if (ctx.json()) {
    json::Value out;
    json::Value arr = json::Value::MakeArray();
    for (const auto& d : v.slices) arr.Append(DutyJson(d));
    out.Set("slices", arr);
    json::Value gaps = json::Value::MakeArray();
    for (const auto& g : v.gaps) gaps.Append(roster::ToJson(g.interval));
    out.Set("gaps", gaps);
    json::Value cl = json::Value::MakeArray();
    for (const auto& c : v.clashes) cl.Append(ClashJson(c));
    out.Set("clashes", cl);
    ctx.PrintJson(out);
    return absl::OkStatus();
  }
  PrintDuties(ctx, v.slices, true);
  for (const auto& g : v.gaps) {
    ctx.out() << "GAP: no one on duty from " << Local(g.interval.start) << " to "
              << Local(g.interval.end) << "\n";
  }
  PrintClashes(ctx, v.clashes);
  return absl::OkStatus();
}

// A rule the new draft duties break (too little rest, two pools, leave) is said at once, as a
// swap would be refused for it: the clashes of their people during them or in the rest after
// them. A courtesy after the write: the duties stand whatever this finds.
void NoteClashesOfNewDuties(Context& ctx, const std::vector<Duty>& duties) {
  if (duties.empty()) return;
  absl::StatusOr<client::ScheduleView> ahead = ctx.client().FindGaps("", 730);
  if (!ahead.ok()) return;
  std::vector<const client::ClashView*> found;
  for (const client::ClashView& c : ahead->clashes) {
    const bool theirs = std::any_of(duties.begin(), duties.end(), [&](const Duty& d) {
      if (c.person.key != d.person.key) return false;
      const roster::Interval during = d.slice.interval;
      return c.clash.interval.Overlaps(during) ||
             (c.clash.kind == roster::ClashKind::kTooLittleRest && c.clash.rest.start == during.end);
    });
    if (theirs) found.push_back(&c);
  }
  if (found.empty()) return;
  std::ostream& note = ctx.json() ? ctx.err() : ctx.out();
  note << "The new draft " << (duties.size() == 1 ? "duty breaks" : "duties break")
       << " a rule; change it, or arrange a swap or an override:\n";
  for (const client::ClashView* c : found) note << "  " << ClashText(*c, ahead->until) << "\n";
}

absl::Status RosterRotate(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string pool, ctx.Require("pool"));
  PARAAT_ASSIGN_OR_RETURN(std::string from, ctx.Require("from"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> weeks, ctx.GetCount("weeks"));
  if (!weeks) return absl::InvalidArgumentError("--weeks is required");
  const std::vector<std::string> order = ctx.GetList("order");
  if (order.empty()) return absl::InvalidArgumentError("--order is required: person keys, comma-separated");
  PARAAT_ASSIGN_OR_RETURN(std::vector<Duty> duties,
                          ctx.client().RotateRoster(pool, from, *weeks, order));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& d : duties) arr.Append(DutyJson(d));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  ctx.out() << "Wrote " << duties.size() << " draft duties for pool " << pool
            << " (publish them with 'paraat roster publish'):\n";
  PrintDuties(ctx, duties, true);
  NoteClashesOfNewDuties(ctx, duties);
  return absl::OkStatus();
}

absl::Status RosterAssign(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string pool, ctx.Require("pool"));
  PARAAT_ASSIGN_OR_RETURN(std::string person, ctx.Require("person"));
  PARAAT_ASSIGN_OR_RETURN(absl::Time at, TimeFlag(ctx, "at"));
  PARAAT_ASSIGN_OR_RETURN(Duty d, ctx.client().AssignShift(pool, at, person));
  if (ctx.json()) {
    ctx.PrintJson(DutyJson(d));
    return absl::OkStatus();
  }
  ctx.out() << "Draft duty " << d.slice.shift_id << ": " << Who(d.person) << " in " << pool
            << " from " << Local(d.slice.interval.start) << " to " << Local(d.slice.interval.end) << "\n";
  NoteClashesOfNewDuties(ctx, {d});
  return absl::OkStatus();
}

// The gaps (with their pool) and clashes of `v`, as fields of `out` and as lines.
void SetGapsAndClashes(const client::ScheduleView& v, json::Value& out) {
  json::Value gaps = json::Value::MakeArray();
  for (const roster::Gap& g : v.gaps) {
    json::Value x = roster::ToJson(g.interval);
    x.Set("pool", g.pool);
    gaps.Append(x);
  }
  out.Set("gaps", gaps);
  // The end of the period looked at: a gap or clash ending there may go on.
  if (v.until) out.Set("until", time::FormatUtc(*v.until));
  json::Value clashes = json::Value::MakeArray();
  for (const client::ClashView& c : v.clashes) clashes.Append(ClashJson(c));
  out.Set("clashes", clashes);
}

void PrintGapsAndClashes(Context& ctx, const client::ScheduleView& v) {
  for (const roster::Gap& g : v.gaps) {
    ctx.out() << "GAP in " << g.pool << ": no one on duty from " << Local(g.interval.start)
              << " to " << EndText(g.interval.end, v.until) << "\n";
  }
  PrintClashes(ctx, v.clashes, v.until);
}

absl::Status RosterPublish(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string pool, ctx.Require("pool"));
  PARAAT_ASSIGN_OR_RETURN(std::string until, ctx.Require("until"));
  PARAAT_ASSIGN_OR_RETURN(auto r, ctx.client().PublishRoster(pool, until));
  // What is now published and still unsettled: the gaps and clashes of this pool from now to
  // the end of what was published. Publishing does not wait for them, but says so.
  client::ScheduleView open;
  const absl::Time now = absl::Now();
  if (r.first > 0 && r.second > now) {
    const int days = static_cast<int>(std::min<int64_t>(
        730, absl::ToInt64Hours(r.second - now) / 24 + 8));  // up to the end of the last duty
    absl::StatusOr<client::ScheduleView> found = ctx.client().FindGaps(pool, days);
    if (found.ok()) {
      open.until = found->until;
      for (const roster::Gap& g : found->gaps) {
        if (g.pool == pool && g.interval.start < r.second) open.gaps.push_back(g);
      }
      for (const client::ClashView& c : found->clashes) {
        if (c.clash.published && c.clash.interval.start < r.second) open.clashes.push_back(c);
      }
    }
  }
  if (ctx.json()) {
    json::Value v;
    v.Set("pool", pool);
    v.Set("published", r.first);
    v.Set("until", time::FormatUtc(r.second));
    SetGapsAndClashes(open, v);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << "Published " << r.first << " duties of pool " << pool << " starting before "
            << Local(r.second) << ".\n";
  if (!open.gaps.empty() || !open.clashes.empty()) {
    ctx.out() << "Still to settle in what is published (officers see it as it is):\n";
    PrintGapsAndClashes(ctx, open);
  }
  return absl::OkStatus();
}

absl::Status RosterGaps(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> days, ctx.GetCount("days"));
  if (days && *days > 730) {
    return absl::InvalidArgumentError(absl::StrCat("--days must be 1 to 730, not ", *days));
  }
  PARAAT_ASSIGN_OR_RETURN(client::ScheduleView v,
                          ctx.client().FindGaps(ctx.GetOr("pool", ""), days.value_or(90)));
  if (ctx.json()) {
    json::Value out;
    SetGapsAndClashes(v, out);
    ctx.PrintJson(out);
    return absl::OkStatus();
  }
  if (v.gaps.empty() && v.clashes.empty()) {
    ctx.out() << "No gaps and no clashes in the next " << days.value_or(90) << " days.\n";
    return absl::OkStatus();
  }
  PrintGapsAndClashes(ctx, v);
  return absl::OkStatus();
}

std::string SwapText(const client::SwapView& s) {
  std::string t = absl::StrCat("swap ", s.swap.id, " [", roster::SwapStatusName(s.swap.status), "] ",
                               s.swap.pool, ": ", Who(s.taker), " takes over from ", Who(s.giver),
                               " ", Local(s.swap.interval.start), " - ", Local(s.swap.interval.end));
  if (s.swap.return_shift_id != 0) {
    absl::StrAppend(&t, "; in return ", Who(s.giver), " takes ", Local(s.swap.return_interval.start),
                    " - ", Local(s.swap.return_interval.end));
  }
  if (!s.swap.reason.empty()) absl::StrAppend(&t, "\n    reason: ", PrintableLine(s.swap.reason));
  if (!s.obstacle.empty()) absl::StrAppend(&t, "\n    cannot be carried out now: ", s.obstacle);
  return t;
}

json::Value SwapJson(const client::SwapView& s) {
  json::Value v = roster::ToJson(s.swap);
  if (roster::IsOpen(s.swap)) v.Set("obstacle", s.obstacle);
  return v;
}

absl::Status PrintSwap(Context& ctx, const client::SwapView& s) {
  if (ctx.json()) {
    ctx.PrintJson(SwapJson(s));
  } else {
    ctx.out() << SwapText(s) << "\n";
  }
  return absl::OkStatus();
}

absl::StatusOr<client::SwapRequestArgs> SwapArgs(Context& ctx) {
  client::SwapRequestArgs a;
  PARAAT_ASSIGN_OR_RETURN(std::string shift, ctx.Require("shift"));
  if (!absl::SimpleAtoi(shift, &a.shift_id)) {
    return absl::InvalidArgumentError("--shift must be a duty id (see 'paraat duties')");
  }
  PARAAT_ASSIGN_OR_RETURN(a.taker, ctx.Require("with"));
  if (auto r = ctx.Get("return-shift")) {
    if (!absl::SimpleAtoi(*r, &a.return_shift_id)) {
      return absl::InvalidArgumentError("--return-shift must be a duty id");
    }
  }
  if (ctx.Has("from") || ctx.Has("to")) {
    PARAAT_ASSIGN_OR_RETURN(absl::Time from, TimeFlag(ctx, "from"));
    PARAAT_ASSIGN_OR_RETURN(absl::Time to, TimeFlag(ctx, "to"));
    a.part = roster::Interval{from, to};
  }
  a.reason = ctx.GetOr("reason", "");
  return a;
}

absl::Status SwapRequest(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(client::SwapRequestArgs a, SwapArgs(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().RequestSwap(a, false));
  return PrintSwap(ctx, s);
}

absl::Status SwapArrange(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(client::SwapRequestArgs a, SwapArgs(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().RequestSwap(a, true));
  return PrintSwap(ctx, s);
}

absl::Status SwapAccept(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().RespondSwap(id, true));
  return PrintSwap(ctx, s);
}
absl::Status SwapDecline(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().RespondSwap(id, false));
  return PrintSwap(ctx, s);
}
absl::Status SwapApprove(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().DecideSwap(id, true));
  return PrintSwap(ctx, s);
}
absl::Status SwapReject(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().DecideSwap(id, false));
  return PrintSwap(ctx, s);
}
absl::Status SwapCancel(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().CancelSwap(id));
  return PrintSwap(ctx, s);
}
absl::Status SwapEdit(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  std::optional<roster::Interval> part;
  if (ctx.Has("from") || ctx.Has("to")) {
    PARAAT_ASSIGN_OR_RETURN(absl::Time from, TimeFlag(ctx, "from"));
    PARAAT_ASSIGN_OR_RETURN(absl::Time to, TimeFlag(ctx, "to"));
    part = roster::Interval{from, to};
  }
  PARAAT_ASSIGN_OR_RETURN(client::SwapView s, ctx.client().EditSwap(id, ctx.GetOr("with", ""), part));
  return PrintSwap(ctx, s);
}

absl::Status SwapList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::SwapView> list,
                          ctx.client().ListSwaps(ctx.GetOr("pool", ""), ctx.Has("mine"), ctx.Has("open")));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& s : list) arr.Append(SwapJson(s));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) ctx.out() << "No swaps.\n";
  for (const auto& s : list) ctx.out() << SwapText(s) << "\n";
  return absl::OkStatus();
}

std::string OverrideText(const client::OverrideView& o) {
  return absl::StrCat("override ", o.override_.id, " ", o.override_.pool, ": ", Who(o.person), " ",
                      Local(o.override_.interval.start), " - ", Local(o.override_.interval.end),
                      o.override_.reason.empty() ? "" : absl::StrCat(" (", o.override_.reason, ")"),
                      " by ", o.override_.created_by);
}

absl::Status OverrideCreate(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string pool, ctx.Require("pool"));
  PARAAT_ASSIGN_OR_RETURN(std::string person, ctx.Require("person"));
  PARAAT_ASSIGN_OR_RETURN(absl::Time until, TimeFlag(ctx, "until"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> from, OptTimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(client::OverrideView o,
                          ctx.client().CreateOverride(pool, person, from, until, ctx.GetOr("reason", "")));
  if (ctx.json()) {
    ctx.PrintJson(roster::ToJson(o.override_));
  } else {
    ctx.out() << OverrideText(o) << "\n";
  }
  // Where two overrides overlap the later one counts: say which earlier ones it covers, so
  // none lingers in the list without anyone on duty by it.
  const roster::Interval& mine = o.override_.interval;
  absl::StatusOr<std::vector<client::OverrideView>> others =
      ctx.client().ListOverrides(pool, mine.start, mine.end);
  if (others.ok()) {
    for (const client::OverrideView& other : *others) {
      if (other.override_.id == o.override_.id || other.override_.interval.empty() ||
          !other.override_.interval.Overlaps(mine)) {
        continue;  // itself, an override ended before it began, or one beside it
      }
      const bool whole = mine.start <= other.override_.interval.start &&
                         other.override_.interval.end <= mine.end;
      (ctx.json() ? ctx.err() : ctx.out())
          << "Note: this override covers " << (whole ? "all" : "part") << " of override "
          << other.override_.id << " (" << Who(other.person) << ", "
          << Local(other.override_.interval.start) << " - " << Local(other.override_.interval.end)
          << "); where they overlap, this one counts."
          << (whole ? absl::StrCat(" End it if it no longer applies: paraat override end ",
                                   other.override_.id)
                    : std::string())
          << "\n";
    }
  }
  return absl::OkStatus();
}

absl::Status OverrideEnd(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> at, OptTimeFlag(ctx, "at"));
  PARAAT_ASSIGN_OR_RETURN(client::OverrideView o, ctx.client().EndOverride(id, at));
  if (ctx.json()) {
    ctx.PrintJson(roster::ToJson(o.override_));
  } else if (o.override_.interval.empty()) {
    ctx.out() << "Override " << o.override_.id << " of " << Who(o.person)
              << " had not begun: it is cancelled, and nobody is on duty by it.\n";
    return absl::OkStatus();
  } else {
    ctx.out() << OverrideText(o) << "\n";
  }
  if (at.has_value() && o.override_.interval.end > *at) {
    (ctx.json() ? ctx.err() : ctx.out())
        << "It ends at " << Local(o.override_.interval.end) << ", not at " << Local(*at)
        << ": what has been on duty is history and is not rewritten.\n";
  }
  return absl::OkStatus();
}

absl::Status OverrideList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> from, OptTimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> to, OptTimeFlag(ctx, "to"));
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::OverrideView> list,
                          ctx.client().ListOverrides(ctx.GetOr("pool", ""), from, to));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& o : list) arr.Append(roster::ToJson(o.override_));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) ctx.out() << "No overrides.\n";
  for (const auto& o : list) ctx.out() << OverrideText(o) << "\n";
  return absl::OkStatus();
}

std::string LeaveText(const client::LeaveView& l) {
  return absl::StrCat("leave ", l.leave.id, ": ", Who(l.person), " ", Local(l.leave.interval.start),
                      " - ", Local(l.leave.interval.end),
                      l.leave.reason.empty() ? "" : absl::StrCat(" (", l.leave.reason, ")"));
}

absl::Status LeaveAdd(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(absl::Time from, TimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(absl::Time to, TimeFlag(ctx, "to"));
  PARAAT_ASSIGN_OR_RETURN(auto r, ctx.client().AddUnavailability(ctx.GetOr("person", ""), {from, to},
                                                                  ctx.GetOr("reason", "")));
  if (ctx.json()) {
    json::Value v = roster::ToJson(r.first.leave);
    json::Value cl = json::Value::MakeArray();
    for (const auto& c : r.second) cl.Append(ClashJson(c));
    v.Set("clashes", cl);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << "Registered " << LeaveText(r.first) << "\n";
  if (!r.second.empty()) {
    ctx.out() << "This leave clashes with duties; arrange a swap (paraat swap request) or ask an "
                 "administrator:\n";
  }
  PrintClashes(ctx, r.second);
  return absl::OkStatus();
}

absl::Status LeaveList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> from, OptTimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> to, OptTimeFlag(ctx, "to"));
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::LeaveView> list,
                          ctx.client().ListUnavailability(ctx.GetOr("person", ""), ctx.Has("all"), from, to));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& l : list) arr.Append(roster::ToJson(l.leave));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) ctx.out() << "No leave registered.\n";
  for (const auto& l : list) ctx.out() << LeaveText(l) << "\n";
  return absl::OkStatus();
}

absl::Status LeaveCancel(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::LeaveView l, ctx.client().CancelUnavailability(id));
  if (ctx.json()) {
    ctx.PrintJson(roster::ToJson(l.leave));
  } else if (l.leave.interval.empty()) {
    ctx.out() << "Cancelled leave " << l.leave.id << " of " << Who(l.person)
              << ": it had not begun, so none of it counts.\n";
  } else {
    ctx.out() << "Cancelled the rest of " << LeaveText(l) << " (what has passed stays)\n";
  }
  return absl::OkStatus();
}

absl::Status RosterGenerate(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string from, ctx.Require("from"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> weeks, ctx.GetCount("weeks"));
  if (!weeks) return absl::InvalidArgumentError("--weeks is required");
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> budget, ctx.GetCount("time-budget"));
  PARAAT_ASSIGN_OR_RETURN(client::GenerateResult r,
                          ctx.client().GenerateRoster(from, *weeks, ctx.GetList("pool"), budget.value_or(0)));
  if (ctx.json()) {
    json::Value v;
    v.Set("status", r.status);
    v.Set("relative_gap", r.relative_gap);
    v.Set("fairness", r.fairness);
    v.Set("spacing", r.spacing);
    v.Set("preferences", r.preferences);
    v.Set("seconds", r.seconds);
    json::Value shifts = json::Value::MakeArray();
    for (const auto& d : r.shifts) shifts.Append(DutyJson(d));
    v.Set("shifts", shifts);
    json::Value un = json::Value::MakeArray();
    for (const auto& u : r.unfillable) un.Append(u);
    v.Set("unfillable", un);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  if (r.status == "infeasible") {
    ctx.out() << "No roster keeps every hard rule. These duties cannot be filled:\n";
    for (const auto& u : r.unfillable) ctx.out() << "\n" << u << "\n";
    ctx.out() << "\nNothing was written. Change leave, membership or the rest rule, or fill them "
                 "by hand (paraat roster assign / override).\n";
    return absl::FailedPreconditionError("the roster cannot be generated (see above)");
  }
  ctx.out() << "Generated " << r.shifts.size() << " draft duties in " << absl::StrFormat("%.2f", r.seconds)
            << " s: " << (r.status == "optimal" ? "proven optimal"
                                                : absl::StrFormat("best found, within %.2f%% of optimal", r.relative_gap * 100))
            << ". Fairness " << absl::StrFormat("%.3f", r.fairness) << ", spacing " << r.spacing
            << ", preferences " << r.preferences << ".\n";
  for (const auto& st : r.stages) ctx.out() << "  " << st << "\n";
  for (const auto& w : r.warnings) ctx.out() << "WARNING: " << w << "\n";
  PrintDuties(ctx, r.shifts, true);
  ctx.out() << "Publish them with 'paraat roster publish --pool P --until DATE'.\n";
  return absl::OkStatus();
}

absl::Status RosterFairness(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> from, OptTimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> to, OptTimeFlag(ctx, "to"));
  PARAAT_ASSIGN_OR_RETURN(auto r, ctx.client().GetFairness(ctx.GetOr("pool", ""), from, to));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& p : r.first) {
      json::Value v;
      v.Set("pool", p.pool);
      v.Set("person", p.person.key);
      v.Set("duties", p.duties);
      v.Set("holiday_duties", p.holiday_duties);
      v.Set("hours", p.hours);
      v.Set("expected_duties", p.expected_duties);
      v.Set("expected_holiday_duties", p.expected_holiday_duties);
      v.Set("deviation", p.deviation);
      v.Set("member", p.member);
      arr.Append(v);
    }
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  Table t({"POOL", "PERSON", "DUTIES", "EXPECTED", "HOLIDAY DUTIES", "EXPECTED", "HOURS", "HOLIDAYS"});
  bool outside = false;  // someone who is not (or no longer) in the pool's share
  for (const auto& p : r.first) {
    outside = outside || !p.member;
    t.Add({p.pool, p.member ? Who(p.person) : absl::StrCat(Who(p.person), " *"), absl::StrCat(p.duties), absl::StrFormat("%.2f", p.expected_duties),
           absl::StrCat(p.holiday_duties), absl::StrFormat("%.2f", p.expected_holiday_duties),
           absl::StrFormat("%.0f", p.hours), absl::StrJoin(p.holidays, ", ")});
  }
  t.Print(ctx.out());
  for (const auto& p : r.second) {
    ctx.out() << "Pool " << p.pool << ": " << p.duties << " duties (" << p.holiday_duties
              << " on holidays), " << p.unfilled << " unfilled, spread "
              << absl::StrFormat("%.2f", p.spread) << " duties, holiday spread "
              << absl::StrFormat("%.2f", p.holiday_spread) << "\n";
  }
  if (outside) {
    ctx.out() << "* not in the pool's share: no longer a member, deactivated or without the "
                 "pool's qualification\n";
  }
  ctx.out() << "Counted by the roster as planned: swaps and overrides are not (for the hours "
               "served, see 'paraat roster hours').\n";
  return absl::OkStatus();
}

absl::Status Holidays(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> from, ctx.GetInt("from-year"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> to, ctx.GetInt("to-year"));
  PARAAT_ASSIGN_OR_RETURN(auto r, ctx.client().ListHolidays(from.value_or(0), to.value_or(0)));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& h : r.first) {
      json::Value v;
      v.Set("name", h.name);
      v.Set("first", h.first);
      v.Set("last", h.last);
      arr.Append(v);
    }
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  ctx.out() << (r.second ? "The administrators' holiday list:\n" : "The default Dutch holiday list:\n");
  Table t({"NAME", "FIRST", "LAST"});
  for (const auto& h : r.first) t.Add({h.name, h.first, h.last});
  t.Print(ctx.out());
  return absl::OkStatus();
}

absl::Status HolidaysSet(Context& ctx) {
  if (ctx.Has("default")) {
    PARAAT_RETURN_IF_ERROR(ctx.client().SetHolidays({}, true));
    ctx.out() << "The default Dutch holiday list applies again.\n";
    return absl::OkStatus();
  }
  // One holiday per line: NAME,YYYY-MM-DD,YYYY-MM-DD (from the file, or stdin with '-').
  PARAAT_ASSIGN_OR_RETURN(std::string file, ctx.Require("file"));
  std::ifstream f(file);
  std::istream& in = file == "-" ? ctx.in() : f;
  if (file != "-" && !f) return absl::NotFoundError(absl::StrCat("cannot read ", file));
  std::vector<client::HolidayRow> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> parts = absl::StrSplit(line, ',');
    if (parts.size() != 3) {
      return absl::InvalidArgumentError(absl::StrCat(file, ":", n, ": expected NAME,FIRST,LAST"));
    }
    rows.push_back({parts[0], parts[1], parts[2]});
  }
  // An empty file (a failed export, a wrong path piped in) would wipe the list unnoticed.
  if (rows.empty() && !ctx.Has("empty")) {
    return absl::InvalidArgumentError(absl::StrCat(
        file == "-" ? std::string("standard input") : file,
        " holds no holidays; that would leave the solver none to spread. To mean it, add "
        "--empty; for the Dutch list, --default"));
  }
  PARAAT_RETURN_IF_ERROR(ctx.client().SetHolidays(rows, false));
  ctx.out() << "Saved " << rows.size() << " holidays.\n";
  return absl::OkStatus();
}

absl::Status Prefer(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(absl::Time from, TimeFlag(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(absl::Time to, TimeFlag(ctx, "to"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> weight, ctx.GetInt("weight"));
  if (!weight || *weight == 0 || *weight > 100 || *weight < -100) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--weight ", weight ? absl::StrCat(*weight, " is out of range") : std::string("is required"),
        ": 1..100 would like, -1..-100 rather not"));
  }
  PARAAT_ASSIGN_OR_RETURN(int64_t id, ctx.client().AddPreference(ctx.GetOr("person", ""), {from, to}, *weight,
                                                                 ctx.GetOr("reason", "")));
  ctx.out() << "Preference " << id << " saved; the next 'roster generate' weighs it.\n";
  return absl::OkStatus();
}

absl::Status Preferences(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(auto list, ctx.client().ListPreferences(ctx.Has("all") ? "*" : ctx.GetOr("person", "")));
  Table t({"ID", "PERSON", "FROM", "TO", "WEIGHT", "REASON"});
  for (const auto& [p, who] : list) {
    t.Add({absl::StrCat(p.id), Who(who), Local(p.interval.start), Local(p.interval.end),
           absl::StrCat(p.weight), p.reason});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

absl::Status PreferenceRemove(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, IdArg(ctx));
  PARAAT_RETURN_IF_ERROR(ctx.client().RemovePreference(id));
  ctx.out() << "Preference " << id << " removed.\n";
  return absl::OkStatus();
}

}  // namespace

void AddRosterCommands(std::vector<CommandSpec>& c) {
  const FlagSpec pool{"pool", "POOL", "pool key, e.g. west"};
  const FlagSpec time_hint{"from", "TIME", "YYYY-MM-DD [HH:MM] local time, RFC 3339, or 'now'"};
  c.push_back({"oncall", "", "who is on duty now (and next) in each pool, with phone numbers",
               {{"at", "TIME", "another moment (YYYY-MM-DD HH:MM local)"},
                {"pool", "KEY", "only this pool"}},
               0, 0, OnCall});
  c.push_back({"duties", "", "my coming duties (or someone's with --person)",
               {{"person", "KEY", "whose duties (default: yours)"}, time_hint,
                {"to", "TIME", "end of the period"}, {"days", "N", "days ahead (default 365)"}},
               0, 0, Duties});
  c.push_back({"roster show", "", "the final schedule of a pool with swaps, overrides, gaps and clashes",
               {pool, time_hint, {"weeks", "N", "weeks to show (default 8)"}}, 0, 0, RosterShow});
  c.push_back({"roster rotate", "", "fill a pool's draft roster by a rotation order (administrators)",
               {pool, {"from", "DATE", "first day: the rotation starts at the first handover on or after it; a duty that has begun is filled from now (the past is not rewritten)"},
                {"weeks", "N", "weeks to fill"},
                {"order", "a,b,c", "person keys in rotation order", true}},
               0, 0, RosterRotate});
  c.push_back({"roster assign", "", "put one person on the draft duty that contains a moment",
               {pool, {"at", "TIME", "a moment in the duty"}, {"person", "KEY", "who"}}, 0, 0,
               RosterAssign});
  c.push_back({"roster publish", "", "freeze a pool's draft duties that start before a date",
               {pool, {"until", "DATE", "YYYY-MM-DD"}}, 0, 0, RosterPublish});
  c.push_back({"roster generate", "", "make a fair draft roster with the solver (administrators)",
               {{"from", "DATE", "first day (duties start at the next handover)"},
                {"weeks", "N", "weeks to plan"},
                {"pool", "POOL", "plan these pools (default all; the others are kept)", true},
                {"time-budget", "SECONDS", "stop and report the gap after this (default 25)"}},
               0, 0, RosterGenerate});
  c.push_back({"roster fairness", "", "duties, holiday duties and hours per person against their share",
               {{"pool", "POOL", "one pool"}, {"from", "TIME", "from (default 26 weeks ago)"},
                {"to", "TIME", "to (default 26 weeks ahead)"}},
               0, 0, RosterFairness});
  c.push_back({"roster holidays", "", "the holidays the solver spreads fairly",
               {{"from-year", "YEAR", "first year"}, {"to-year", "YEAR", "last year"}}, 0, 0, Holidays});
  c.push_back({"roster holidays set", "", "replace the holiday list (administrators)",
               {{"file", "FILE", "lines NAME,YYYY-MM-DD,YYYY-MM-DD ('-' for stdin)"},
                {"default", "", "go back to the default Dutch list"},
                {"empty", "", "allow an empty list (no holidays at all)"}},
               0, 0, HolidaysSet});
  c.push_back({"roster prefer", "", "a duty you would like (weight > 0) or rather not have (< 0)",
               {{"from", "TIME", "start"}, {"to", "TIME", "end"}, {"weight", "N", "1..100 or -1..-100"},
                {"reason", "TEXT", "why"}, {"person", "KEY", "someone else's (administrators)"}},
               0, 0, Prefer});
  c.push_back({"roster preferences", "", "stated preferences",
               {{"person", "KEY", "whose"}, {"all", "", "everyone's (administrators)"}}, 0, 0, Preferences});
  c.push_back({"roster preference remove", "ID", "withdraw a preference", {}, 1, 1, PreferenceRemove});
  c.push_back({"roster gaps", "", "gaps and clashes in the next 90 days",
               {{"pool", "POOL", "one pool (default all)"}, {"days", "N", "days ahead (default 90)"}},
               0, 0, RosterGaps});
  const std::vector<FlagSpec> swap_flags = {
      {"shift", "ID", "the duty to hand over (see 'paraat duties')"},
      {"with", "PERSON", "the colleague who takes it"},
      {"return-shift", "ID", "a duty of theirs you take in return"},
      {"from", "TIME", "only part of the duty: from"},
      {"to", "TIME", "only part of the duty: to"},
      {"reason", "TEXT", "why"}};
  c.push_back({"swap request", "", "ask a colleague to take (part of) your duty", swap_flags, 0, 0,
               SwapRequest});
  c.push_back({"swap arrange", "", "arrange an approved swap on someone's behalf (administrators)",
               swap_flags, 0, 0, SwapArrange});
  c.push_back({"swap accept", "ID", "accept a swap someone asked you", {}, 1, 1, SwapAccept});
  c.push_back({"swap decline", "ID", "decline a swap someone asked you", {}, 1, 1, SwapDecline});
  c.push_back({"swap approve", "ID", "approve an accepted swap (administrators)", {}, 1, 1, SwapApprove});
  c.push_back({"swap reject", "ID", "reject a swap (administrators)", {}, 1, 1, SwapReject});
  c.push_back({"swap cancel", "ID", "withdraw a swap (an approved one that began ends now)", {}, 1, 1,
               SwapCancel});
  c.push_back({"swap edit", "ID", "change the colleague or the part of a swap (administrators)",
               {{"with", "PERSON", "the new colleague"}, {"from", "TIME", "new start"},
                {"to", "TIME", "new end"}},
               1, 1, SwapEdit});
  c.push_back({"swap list", "", "swaps; an open one says why it cannot be carried out now, if so",
               {{"pool", "POOL", "one pool"}, {"mine", "", "only mine"}, {"open", "", "only open ones"}},
               0, 0, SwapList});
  c.push_back({"override", "", "put someone on duty now in an emergency (coordinators)",
               {pool, {"person", "KEY", "who"}, {"until", "TIME", "until when"},
                {"from", "TIME", "from (default now)"}, {"reason", "TEXT", "why"}},
               0, 0, OverrideCreate});
  c.push_back({"override list", "", "overrides",
               {{"pool", "POOL", "one pool"}, time_hint, {"to", "TIME", "end"}}, 0, 0, OverrideList});
  c.push_back({"override end", "ID", "end an override now (or --at)",
               {{"at", "TIME", "when"}}, 1, 1, OverrideEnd});
  c.push_back({"unavailable add", "", "register leave; clashes with duties are reported at once",
               {{"from", "TIME", "start"}, {"to", "TIME", "end, exclusive (a date alone: that day is not included)"}, {"reason", "TEXT", "why"},
                {"person", "KEY", "someone else's (administrators)"}},
               0, 0, LeaveAdd});
  c.push_back({"unavailable list", "", "leave (yours, someone's, or --all)",
               {{"person", "KEY", "whose"}, {"all", "", "everyone's"}, time_hint, {"to", "TIME", "end"}},
               0, 0, LeaveList});
  c.push_back({"unavailable cancel", "ID", "cancel leave from now on", {}, 1, 1, LeaveCancel});
}

}  // namespace paraat::cli
