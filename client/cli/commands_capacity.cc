// SPDX-License-Identifier: EUPL-1.2
// paraat capacity: ambitions, hours and plans, loans, demand, propose, compare, approve,
// restore, show.
#include <algorithm>
#include <cmath>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/cli/cli.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

// Hours as the server's summaries and the crisis log give them: at most two decimals, no
// trailing zeros ("13", "6.67"), so the lines of a proposal add up as its decision does.
std::string H(double hours) { return capacity::FormatHours(hours); }

std::string Local(absl::Time t) { return time::FormatLocal(t); }

absl::StatusOr<int64_t> Positive(const std::string& text, absl::string_view what) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(text, &v) || v <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(what, " '", text, "' is not a positive number"));
  }
  return v;
}

// A decimal number as people write it: digits, a point, a sign, an exponent; not "0x10",
// "inf" or "nan", which strtod would take.
bool Decimal(absl::string_view text, double* out) {
  if (text.empty() || text.find_first_not_of("0123456789.+-eE") != absl::string_view::npos) {
    return false;
  }
  return absl::SimpleAtod(text, out) && std::isfinite(*out);
}

absl::StatusOr<double> Hours(Context& ctx, const std::string& flag) {
  PARAAT_ASSIGN_OR_RETURN(std::string v, ctx.Require(flag));
  double d = 0;
  if (!Decimal(v, &d)) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " '", v, "' is not a number"));
  }
  return d;
}

json::Value AmbitionJson(const capacity::Ambition& a, bool active) {
  json::Value v;
  v.Set("key", a.key);
  v.Set("name", a.name);
  v.Set("rank", a.rank);
  v.Set("weight", a.weight);
  v.Set("regular", a.regular);
  v.Set("active", active);
  return v;
}

absl::Status Ambitions(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(auto list, ctx.client().ListAmbitions());
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& [a, active] : list) arr.Append(AmbitionJson(a, active));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  Table t({"KEY", "NAME", "RANK", "WEIGHT", "KIND", "ACTIVE"});
  for (const auto& [a, active] : list) {
    t.Add({a.key, a.name, absl::StrCat(a.rank), absl::StrFormat("%g", a.weight),
           a.regular ? "regular tasks" : "IVP priority", YesNo(active)});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

// A factor (weight, loan cost) from --FLAG, in [min, kMaxFactor]; `why` explains the minimum.
absl::StatusOr<double> Factor(const std::string& flag, const std::string& text,
                              double min = capacity::kMinFactor, absl::string_view why = "") {
  double v = 0;
  if (!Decimal(text, &v)) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " '", text, "' is not a number"));
  }
  if (v < min || v > capacity::kMaxFactor) {
    return absl::InvalidArgumentError(absl::StrFormat("--%s '%s' must be from %g to %g%s", flag, text,
                                                      min, capacity::kMaxFactor, why));
  }
  return v;
}

// Adds an ambition (--name and --rank required), or changes what the flags name in an
// existing one and keeps the rest.
absl::Status AmbitionSet(Context& ctx) {
  std::optional<double> weight;
  if (auto w = ctx.Get("weight")) {
    PARAAT_ASSIGN_OR_RETURN(weight, Factor("weight", *w));
  }
  // Every flag is read before the server is asked: a mistyped one is a usage error (exit 2).
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> rank, ctx.GetInt("rank"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<bool> regular, ctx.GetBool("regular"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<bool> set_active, ctx.GetBool("active"));
  PARAAT_ASSIGN_OR_RETURN(auto list, ctx.client().ListAmbitions());
  capacity::Ambition a;
  a.key = ctx.args()[0];
  bool active = true;
  bool known = false;
  for (const auto& [x, x_active] : list) {
    if (x.key != a.key) continue;
    a = x;
    active = x_active;
    known = true;
  }
  if (auto name = ctx.Get("name")) a.name = *name;
  if (rank) a.rank = *rank;
  if (known && !ctx.Has("name") && !rank && !weight && !ctx.Has("regular") && !ctx.Has("active")) {
    return absl::InvalidArgumentError(
        "nothing to change: give --name, --rank, --weight, --regular or --active");
  }
  if (!known && (!ctx.Has("name") || !rank)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "there is no ambition '", a.key, "' yet: a new one needs --name and --rank (1 = highest "
        "priority); 'paraat capacity ambitions' lists the keys"));
  }
  if (weight) a.weight = *weight;
  if (regular) a.regular = *regular;
  if (set_active) active = *set_active;
  PARAAT_RETURN_IF_ERROR(ctx.client().SetAmbition(a, active));
  if (ctx.json()) {
    ctx.PrintJson(AmbitionJson(a, active));
    return absl::OkStatus();
  }
  ctx.out() << "Ambition " << a.key << (known ? " changed" : " added") << ": " << a.name << ", rank "
            << a.rank << ", weight " << absl::StrFormat("%g", a.weight) << ", "
            << (a.regular ? "regular tasks" : "IVP priority") << (active ? "" : ", inactive") << ".\n";
  return absl::OkStatus();
}

// A municipality's hours and plan, for scripts.
json::Value CapacityJson(const capacity::Municipality& m) {
  json::Value v;
  v.Set("municipality", m.key);
  v.Set("fte", m.fte);
  v.Set("available_hours", m.available_hours);
  v.Set("overtime_hours", m.overtime_hours);
  json::Value plan = json::Value::MakeArray();
  for (const auto& l : m.plan) {
    json::Value y;
    y.Set("ambition", l.ambition);
    y.Set("planned_hours", l.planned_hours);
    y.Set("floor_hours", l.floor_hours ? json::Value(*l.floor_hours) : json::Value());
    plan.Append(y);
  }
  v.Set("plan", plan);
  return v;
}

absl::Status Plans(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(client::CapacityView v, ctx.client().GetCapacity());
  if (ctx.json()) {
    json::Value out;
    json::Value ms = json::Value::MakeArray();
    for (const auto& m : v.municipalities) {
      ms.Append(CapacityJson(m));
    }
    out.Set("municipalities", ms);
    json::Value loans;
    loans.Set("same_region_default", v.loans_same_region_default);
    loans.Set("default_cost", v.loans_default_cost);
    json::Value rules = json::Value::MakeArray();
    for (const auto& r : v.loan_rules) {
      json::Value y;
      y.Set("lender", r.lender);
      y.Set("borrower", r.borrower);
      y.Set("allowed", r.allowed);
      y.Set("cost", r.cost);
      rules.Append(y);
    }
    loans.Set("rules", rules);
    out.Set("loans", loans);
    ctx.PrintJson(out);
    return absl::OkStatus();
  }
  for (const auto& m : v.municipalities) {
    double planned = 0;
    for (const auto& p : m.plan) planned += p.planned_hours;
    ctx.out() << m.key << ": " << H(m.fte) << " FTE, " << H(m.available_hours) << " h/week available, "
              << H(m.overtime_hours) << " h overtime allowed, " << H(planned) << " h planned\n";
    Table t({"  AMBITION", "PLANNED", "FLOOR"});
    for (const auto& p : m.plan) {
      t.Add({"  " + p.ambition, H(p.planned_hours), p.floor_hours ? H(*p.floor_hours) : "default"});
    }
    t.Print(ctx.out());
  }
  ctx.out() << "Loans: " << (v.loans_same_region_default ? "every municipality may lend within its region"
                                                         : "only the rules below")
            << ", a lent hour costs " << absl::StrFormat("%g", v.loans_default_cost) << " local hours\n";
  for (const auto& r : v.loan_rules) {
    ctx.out() << "  " << r.lender << " -> " << r.borrower << ": " << (r.allowed ? "allowed" : "not allowed")
              << ", cost " << absl::StrFormat("%g", r.cost) << "\n";
  }
  return absl::OkStatus();
}

// A --plan line: AMBITION=HOURS keeps the ambition's floor, AMBITION=HOURS:FLOOR sets it,
// AMBITION=HOURS: clears it (the default floor).
struct PlanChange {
  std::string ambition;
  double hours = 0;
  enum class Floor { kKeep, kSet, kClear } floor = Floor::kKeep;
  double floor_hours = 0;
};

absl::StatusOr<PlanChange> ParsePlan(const std::string& line) {
  std::vector<std::string> kv = absl::StrSplit(line, '=');
  std::vector<std::string> hf =
      kv.size() == 2 ? absl::StrSplit(kv[1], ':') : std::vector<std::string>{};
  PlanChange c;
  bool ok = kv.size() == 2 && !kv[0].empty() && !hf.empty() && hf.size() <= 2 &&
            Decimal(hf[0], &c.hours);
  if (ok && hf.size() == 2) {
    if (hf[1].empty()) {
      c.floor = PlanChange::Floor::kClear;
    } else {
      c.floor = PlanChange::Floor::kSet;
      ok = Decimal(hf[1], &c.floor_hours);
    }
  }
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--plan '", line, "' is not AMBITION=HOURS, AMBITION=HOURS:FLOOR or AMBITION=HOURS:"));
  }
  c.ambition = kv[0];
  return c;
}

// What the flags make of a municipality's capacity as stored now, and the version it was read at.
struct Changed {
  capacity::Municipality m;
  std::string read_version;
};

absl::StatusOr<Changed> ApplyCapacityChange(
    Context& ctx, const std::optional<double>& fte, const std::optional<double>& available,
    const std::optional<double>& overtime, const std::vector<PlanChange>& changes) {
  PARAAT_ASSIGN_OR_RETURN(client::CapacityView now, ctx.client().GetCapacity());
  capacity::Municipality m;
  m.key = ctx.args()[0];
  std::string version;
  if (auto v = now.versions.find(m.key); v != now.versions.end()) version = v->second;
  bool known = false;
  for (const capacity::Municipality& x : now.municipalities) {
    if (x.key == m.key) {
      m = x;
      known = true;
    }
  }
  for (const char* flag : {"fte", "available"}) {
    if (!known && !ctx.Has(flag)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", flag, " is required: ", m.key, " has no capacity yet (later calls may leave it out)"));
    }
  }
  m.fte = fte.value_or(m.fte);
  m.available_hours = available.value_or(m.available_hours);
  m.overtime_hours = overtime.value_or(m.overtime_hours);
  for (const PlanChange& c : changes) {
    auto same = std::find_if(m.plan.begin(), m.plan.end(),
                             [&](const capacity::AmbitionPlan& x) { return x.ambition == c.ambition; });
    if (same == m.plan.end()) {
      m.plan.push_back(capacity::AmbitionPlan{c.ambition, 0, std::nullopt});
      same = std::prev(m.plan.end());
    }
    same->planned_hours = c.hours;
    if (c.floor == PlanChange::Floor::kSet) same->floor_hours = c.floor_hours;
    if (c.floor == PlanChange::Floor::kClear) same->floor_hours.reset();
  }
  for (const std::string& ambition : ctx.GetList("drop")) {
    auto same = std::find_if(m.plan.begin(), m.plan.end(),
                             [&](const capacity::AmbitionPlan& x) { return x.ambition == ambition; });
    if (same == m.plan.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--drop '", ambition, "': ", m.key, " has no plan for that ambition"));
    }
    m.plan.erase(same);
  }
  return Changed{std::move(m), std::move(version)};
}

// Changes what the flags name in a municipality's capacity and keeps the rest: --plan changes
// or adds the ambitions it names, --drop removes one. Every flag is checked before the server
// is asked.
absl::Status SetCapacity(Context& ctx) {
  std::optional<double> fte, available, overtime;
  for (auto [flag, value] : {std::pair{"fte", &fte}, std::pair{"available", &available},
                             std::pair{"overtime", &overtime}}) {
    if (!ctx.Has(flag)) continue;
    PARAAT_ASSIGN_OR_RETURN(*value, Hours(ctx, flag));
  }
  std::vector<PlanChange> changes;
  std::set<std::string> named;
  for (const std::string& line : ctx.GetList("plan")) {
    PARAAT_ASSIGN_OR_RETURN(PlanChange c, ParsePlan(line));
    if (!named.insert(c.ambition).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("--plan names '", c.ambition, "' twice; give each ambition once"));
    }
    changes.push_back(std::move(c));
  }
  std::set<std::string> dropped;
  for (const std::string& ambition : ctx.GetList("drop")) {
    if (!dropped.insert(ambition).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("--drop names '", ambition, "' twice; give each ambition once"));
    }
    if (named.count(ambition) > 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--plan and --drop both name '", ambition, "'; change it or drop it, not both"));
    }
  }
  if (!fte && !available && !overtime && changes.empty() && ctx.GetList("drop").empty()) {
    return absl::InvalidArgumentError(
        "nothing to change: give --fte, --available, --overtime, --plan or --drop");
  }
  // The change is applied to what is stored now; if someone changed it meanwhile (ABORTED),
  // it is applied again to what they left.
  capacity::Municipality m;
  for (int attempt = 1;; ++attempt) {
    PARAAT_ASSIGN_OR_RETURN(Changed c, ApplyCapacityChange(ctx, fte, available, overtime, changes));
    m = std::move(c.m);
    absl::Status s = ctx.client().SetCapacity(m, c.read_version);
    if (!absl::IsAborted(s) || attempt == 10) {
      PARAAT_RETURN_IF_ERROR(s);
      break;
    }
    // Others changing it at the same moment: each waits a different while before reading again.
    static thread_local std::minstd_rand jitter(std::random_device{}());
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + jitter() % (20 * attempt)));
  }
  if (ctx.json()) {
    ctx.PrintJson(CapacityJson(m));
    return absl::OkStatus();
  }
  double planned = 0;
  std::vector<std::string> parts;
  for (const capacity::AmbitionPlan& p : m.plan) {
    planned += p.planned_hours;
    parts.push_back(absl::StrCat(p.ambition, " ", H(p.planned_hours),
                                 p.floor_hours ? absl::StrCat(" (floor ", H(*p.floor_hours), ")") : ""));
  }
  ctx.out() << "Capacity of " << m.key << " saved: " << H(m.fte) << " FTE, " << H(m.available_hours)
            << " h/week available, " << H(m.overtime_hours) << " h overtime allowed, " << H(planned)
            << " h planned (" << (parts.empty() ? "no ambitions" : absl::StrJoin(parts, ", ")) << ").\n";
  return absl::OkStatus();
}

// Changes what the flags name in the rule for one pair and keeps the rest. A new rule says
// whether the loan is allowed: what applies without one depends on the regions.
absl::Status Loan(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::optional<bool> allowed, ctx.GetBool("allowed"));
  std::optional<double> cost;
  if (auto c = ctx.Get("cost")) {
    PARAAT_ASSIGN_OR_RETURN(cost, Factor("cost", *c, capacity::kMinLoanCost,
                                         " (a lent hour costs at least a local hour)"));
  }
  if (!allowed.has_value() && !cost.has_value()) {
    return absl::InvalidArgumentError("nothing to change: give --allowed yes|no, --cost or both");
  }
  PARAAT_ASSIGN_OR_RETURN(client::CapacityView now, ctx.client().GetCapacity());
  capacity::LoanRule r;
  r.lender = ctx.args()[0];
  r.borrower = ctx.args()[1];
  r.cost = now.loans_default_cost;
  bool known = false;
  for (const capacity::LoanRule& x : now.loan_rules) {
    if (x.lender == r.lender && x.borrower == r.borrower) {
      r = x;
      known = true;
    }
  }
  if (!known && !allowed.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--allowed yes|no is required: ", r.lender, " -> ", r.borrower,
        " has no rule yet (later calls may leave it out)"));
  }
  if (allowed.has_value()) r.allowed = *allowed;
  if (cost.has_value()) r.cost = *cost;
  PARAAT_RETURN_IF_ERROR(ctx.client().SetLoanRule(r));
  if (ctx.json()) {
    json::Value v;
    v.Set("lender", r.lender);
    v.Set("borrower", r.borrower);
    v.Set("allowed", r.allowed);
    v.Set("cost", r.cost);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << "Loan rule saved: " << r.lender << " -> " << r.borrower << " "
            << (r.allowed ? "allowed" : "not allowed") << ", cost " << absl::StrFormat("%g", r.cost)
            << ".\n";
  return absl::OkStatus();
}

absl::Status DemandSet(Context& ctx) {
  client::DemandView d;
  PARAAT_ASSIGN_OR_RETURN(std::string crisis, ctx.Require("crisis"));
  PARAAT_ASSIGN_OR_RETURN(d.crisis_id, Positive(crisis, "--crisis"));
  PARAAT_ASSIGN_OR_RETURN(d.week, ctx.Require("week"));
  PARAAT_ASSIGN_OR_RETURN(d.municipality, ctx.Require("municipality"));
  PARAAT_ASSIGN_OR_RETURN(d.hours, Hours(ctx, "hours"));
  PARAAT_RETURN_IF_ERROR(ctx.client().SetDemand(d));
  if (ctx.json()) {
    json::Value v;
    v.Set("crisis", d.crisis_id);
    v.Set("week", d.week);
    v.Set("municipality", d.municipality);
    v.Set("hours", d.hours);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << "Demand of crisis " << d.crisis_id << " in " << d.week << " for " << d.municipality
            << ": " << H(d.hours) << " h/week.\n";
  return absl::OkStatus();
}

absl::Status DemandList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string crisis, ctx.Require("crisis"));
  PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(crisis, "--crisis"));
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::DemandView> list, ctx.client().ListDemand(id));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& d : list) {
      json::Value v;
      v.Set("week", d.week);
      v.Set("municipality", d.municipality);
      v.Set("hours", d.hours);
      arr.Append(v);
    }
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  Table t({"WEEK", "MUNICIPALITY", "HOURS/WEEK"});
  for (const auto& d : list) t.Add({d.week, d.municipality, H(d.hours)});
  t.Print(ctx.out());
  return absl::OkStatus();
}

// Why no ambition gives up hours: said from the proposal's loans and shortfall, not assumed.
std::string NothingGivenUp(const client::ProposalView& p) {
  if (!p.shortfalls.empty() || p.total_shortfall_hours > 0) {
    return "(none, and the demand is not met: see DEMAND NOT MET below)";
  }
  if (p.total_demand_hours <= 0) return "(none: there is no demand)";
  if (!p.loans.empty()) return "(none: slack, overtime and hours lent cover the demand)";
  return "(none: slack and overtime cover the demand)";
}

void PrintProposal(Context& ctx, const client::ProposalView& p) {
  ctx.out() << "Proposal " << p.id << " for crisis " << p.crisis_id << ", " << p.week << " ("
            << capacity::PolicyName(p.policy) << ")" << (p.stale ? "  [STALE: data changed; propose again]" : "")
            << "\n\n";
  for (const std::string& w : p.warnings) ctx.out() << "WARNING: " << w << ".\n\n";
  Table m({"MUNICIPALITY", "DEMAND", "OWN", "BORROWED", "LENT", "GIVEN UP", "OVERTIME", "SHORT",
           "KEPT", "H/FTE BEFORE", "H/FTE AFTER"});
  for (const auto& o : p.municipalities) {
    m.Add({o.municipality, H(o.demand_hours), H(o.crisis_hours_own), H(o.crisis_hours_borrowed),
           H(o.hours_lent), H(o.planned_hours - o.kept_hours), H(o.overtime_hours), H(o.shortfall_hours),
           absl::StrFormat("%.0f%%", 100 * o.share_kept), H(o.workload_per_fte_before),
           H(o.workload_per_fte_after)});
  }
  m.Print(ctx.out());
  ctx.out() << "\nHours given up per ambition:\n";
  Table a({"  MUNICIPALITY", "AMBITION", "PLANNED", "FLOOR", "KEPT", "GIVEN UP"});
  for (const auto& o : p.allocations) {
    if (o.given_up_hours <= 0) continue;
    a.Add({"  " + o.municipality, o.ambition, H(o.planned_hours), H(o.floor_hours), H(o.kept_hours),
           H(o.given_up_hours)});
  }
  if (a.empty()) {
    ctx.out() << "  " << NothingGivenUp(p) << "\n";
  } else {
    a.Print(ctx.out());
  }
  if (!p.loans.empty()) {
    ctx.out() << "\nLoans:\n";
    for (const auto& l : p.loans) {
      ctx.out() << "  " << l.lender << " lends " << H(l.hours) << " h/week to " << l.borrower << "\n";
    }
  }
  if (!p.shortfalls.empty()) {
    ctx.out() << "\nDEMAND NOT MET:\n";
    for (const auto& s : p.shortfalls) ctx.out() << "  " << s << "\n";
  }
  if (p.stale) {
    ctx.out() << "\nThe data changed since: propose again (paraat capacity propose --crisis "
              << p.crisis_id << " --week " << p.week << ") before approving.\n";
  } else {
    ctx.out() << "\nApprove it with: paraat capacity approve " << p.id << "\n";
  }
}

// Hours for scripts: rounded to a micro-hour, as docs/capacity.md says of every figure.
double Micro(double hours) { return std::round(hours * 1e6) / 1e6; }

json::Value ProposalJson(const client::ProposalView& p) {
  json::Value v;
  v.Set("id", p.id);
  v.Set("crisis", p.crisis_id);
  v.Set("week", p.week);
  v.Set("policy", std::string(capacity::PolicyName(p.policy)));
  v.Set("stale", p.stale);
  v.Set("total_demand_hours", Micro(p.total_demand_hours));
  v.Set("total_shortfall_hours", Micro(p.total_shortfall_hours));
  json::Value ms = json::Value::MakeArray();
  for (const auto& o : p.municipalities) {
    json::Value x;
    x.Set("municipality", o.municipality);
    x.Set("demand_hours", Micro(o.demand_hours));
    x.Set("crisis_hours_own", Micro(o.crisis_hours_own));
    x.Set("crisis_hours_borrowed", Micro(o.crisis_hours_borrowed));
    x.Set("hours_lent", Micro(o.hours_lent));
    x.Set("planned_hours", Micro(o.planned_hours));
    x.Set("kept_hours", Micro(o.kept_hours));
    x.Set("given_up_hours", Micro(o.planned_hours - o.kept_hours));
    x.Set("overtime_hours", Micro(o.overtime_hours));
    x.Set("shortfall_hours", Micro(o.shortfall_hours));
    x.Set("hours_per_fte_before", Micro(o.workload_per_fte_before));
    x.Set("hours_per_fte_after", Micro(o.workload_per_fte_after));
    ms.Append(x);
  }
  v.Set("municipalities", ms);
  json::Value as = json::Value::MakeArray();
  for (const auto& o : p.allocations) {
    json::Value x;
    x.Set("municipality", o.municipality);
    x.Set("ambition", o.ambition);
    x.Set("planned_hours", Micro(o.planned_hours));
    x.Set("floor_hours", Micro(o.floor_hours));
    x.Set("kept_hours", Micro(o.kept_hours));
    x.Set("given_up_hours", Micro(o.given_up_hours));
    as.Append(x);
  }
  v.Set("allocations", as);
  json::Value ls = json::Value::MakeArray();
  for (const auto& l : p.loans) {
    json::Value x;
    x.Set("lender", l.lender);
    x.Set("borrower", l.borrower);
    x.Set("hours", Micro(l.hours));
    x.Set("cost_per_hour", l.cost_per_hour);
    x.Set("cost", Micro(l.cost));
    ls.Append(x);
  }
  v.Set("loans", ls);
  json::Value sh = json::Value::MakeArray();
  for (const auto& s : p.shortfalls) sh.Append(s);
  v.Set("shortfalls", sh);
  v.Set("summary", p.summary);
  json::Value warnings = json::Value::MakeArray();
  for (const std::string& w : p.warnings) warnings.Append(w);
  v.Set("warnings", warnings);
  return v;
}

absl::Status Propose(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string crisis, ctx.Require("crisis"));
  PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(crisis, "--crisis"));
  PARAAT_ASSIGN_OR_RETURN(std::string week, ctx.Require("week"));
  PARAAT_ASSIGN_OR_RETURN(capacity::Policy policy, capacity::ParsePolicy(ctx.GetOr("policy", "priority")));
  PARAAT_ASSIGN_OR_RETURN(client::ProposalView p, ctx.client().Propose(id, week, policy));
  if (ctx.json()) {
    ctx.PrintJson(ProposalJson(p));
  } else {
    PrintProposal(ctx, p);
  }
  return absl::OkStatus();
}

absl::Status ShowProposal(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(ctx.args()[0], "proposal"));
  PARAAT_ASSIGN_OR_RETURN(client::ProposalView p, ctx.client().GetProposal(id));
  if (ctx.json()) {
    ctx.PrintJson(ProposalJson(p));
  } else {
    PrintProposal(ctx, p);
  }
  return absl::OkStatus();
}

absl::Status ListProposals(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string crisis, ctx.Require("crisis"));
  PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(crisis, "--crisis"));
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::ProposalView> list,
                          ctx.client().ListProposals(id, ctx.GetOr("week", "")));
  // Which of them is the allocation in force for its week.
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::AllocationView> allocations,
                          ctx.client().ListAllocations(id, std::nullopt));
  // Not restored, and its week not over: an allocation ends with its week.
  const absl::Time now = absl::Now();
  auto in_force = [&](int64_t proposal) {
    return std::any_of(allocations.begin(), allocations.end(), [&](const auto& a) {
      return a.proposal_id == proposal && !a.restored.has_value() &&
             !capacity::WeekIsOver(a.week, now);
    });
  };
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& p : list) {
      json::Value v;
      v.Set("id", p.id);
      v.Set("crisis", p.crisis_id);
      v.Set("week", p.week);
      v.Set("policy", capacity::PolicyName(p.policy));
      v.Set("created_by", p.created_by);
      v.Set("created", time::FormatUtc(p.created));
      v.Set("in_force", in_force(p.id));
      arr.Append(v);
    }
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) {
    ctx.out() << "No proposals for crisis " << id
              << (ctx.Has("week") ? absl::StrCat(" in ", ctx.GetOr("week", "")) : std::string())
              << " yet (paraat capacity propose).\n";
    return absl::OkStatus();
  }
  Table t({"ID", "WEEK", "POLICY", "BY", "MADE", "IN FORCE"});
  for (const auto& p : list) {
    t.Add({absl::StrCat(p.id), p.week, std::string(capacity::PolicyName(p.policy)), p.created_by,
           time::FormatLocal(p.created), in_force(p.id) ? "yes" : ""});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

absl::Status Compare(Context& ctx) {
  std::vector<int64_t> ids;
  for (const std::string& a : ctx.args()) {
    PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(a, "proposal"));
    ids.push_back(id);
  }
  PARAAT_ASSIGN_OR_RETURN(auto r, ctx.client().CompareProposals(ids));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& p : r.first) arr.Append(ProposalJson(p));
    ctx.PrintJson(arr);
  } else {
    ctx.out() << r.second;
  }
  return absl::OkStatus();
}

// The week of an allocation: from its Monday 00:00 to the next (local time).
roster::Interval WeekOf(capacity::IsoWeek week) {
  return {capacity::WeekStart(week), capacity::WeekEnd(week)};
}

std::string AllocationText(const client::AllocationView& a) {
  std::string state;
  if (a.restored) {
    state = absl::StrCat("; restored ", Local(*a.restored), " by ", a.restored_by, " (entry ",
                         a.restore_seq, ")");
  } else {
    // Not ended: in force during its week, which may lie ahead or be over.
    const roster::Interval w = WeekOf(a.week);
    const absl::Time now = absl::Now();
    state = now < w.start  ? absl::StrCat("; IN FORCE from ", Local(w.start))
            : now >= w.end ? std::string("; was in force (its week is over)")
                           : std::string("; IN FORCE");
    if (a.stale && now < w.end) {
      absl::StrAppend(&state, " [the data it was planned on changed since: propose again]");
    }
  }
  return absl::StrCat("allocation ", a.id, " (proposal ", a.proposal_id, ") crisis ", a.crisis_id,
                      ", ", capacity::FormatIsoWeek(a.week), ": approved ", Local(a.approved),
                      " by ", a.approved_by, " (entry ", a.decision_seq, ")", state);
}

json::Value AllocationJson(const client::AllocationView& a) {
  json::Value v;
  v.Set("id", a.id);
  v.Set("proposal", a.proposal_id);
  v.Set("crisis", a.crisis_id);
  v.Set("week", capacity::FormatIsoWeek(a.week));
  v.Set("approved", time::FormatUtc(a.approved));
  v.Set("approved_by", a.approved_by);
  v.Set("decision_entry", a.decision_seq);
  // Ended by a restore, or by itself with its week; until its week begins it is in force
  // ahead (as approved).
  const bool over = capacity::WeekIsOver(a.week, absl::Now());
  v.Set("in_force", !a.restored.has_value() && !over);
  v.Set("week_over", over);
  if (!a.restored.has_value()) v.Set("stale", a.stale);
  const roster::Interval w = WeekOf(a.week);
  v.Set("week_start", time::FormatUtc(w.start));
  v.Set("week_end", time::FormatUtc(w.end));
  if (a.restored) {
    v.Set("restored", time::FormatUtc(*a.restored));
    v.Set("restored_by", a.restored_by);
    v.Set("restore_entry", a.restore_seq);
  }
  v.Set("summary", a.summary);
  if (!a.warnings.empty()) {
    json::Value w = json::Value::MakeArray();
    for (const std::string& x : a.warnings) w.Append(x);
    v.Set("warnings", w);
  }
  return v;
}

// The allocations a command approved or ended: text lines, or a JSON array with --json.
void PrintAllocations(Context& ctx, const char* verb, const std::vector<client::AllocationView>& list) {
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& a : list) arr.Append(AllocationJson(a));
    ctx.PrintJson(arr);
    return;
  }
  for (const auto& a : list) {
    ctx.out() << verb << ": " << AllocationText(a) << "\n";
    for (const std::string& w : a.warnings) ctx.out() << "WARNING: " << w << "\n";
  }
}

absl::Status Approve(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(ctx.args()[0], "proposal"));
  PARAAT_ASSIGN_OR_RETURN(client::AllocationView a, ctx.client().Approve(id));
  PrintAllocations(ctx, "Approved", {a});
  return absl::OkStatus();
}

absl::Status Restore(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::string crisis, ctx.Require("crisis"));
  PARAAT_ASSIGN_OR_RETURN(int64_t id, Positive(crisis, "--crisis"));
  const std::string week = ctx.GetOr("week", "");
  // Every week of the crisis: each allocation that was in force before and is ended now (one
  // whose week is over ended with it, and the server leaves it).
  std::set<int64_t> in_force;
  if (week.empty()) {
    PARAAT_ASSIGN_OR_RETURN(std::vector<client::AllocationView> before,
                            ctx.client().ListAllocations(id, std::nullopt));
    const absl::Time now = absl::Now();
    for (const client::AllocationView& x : before) {
      if (!x.restored && !capacity::WeekIsOver(x.week, now)) in_force.insert(x.id);
    }
  }
  PARAAT_ASSIGN_OR_RETURN(client::AllocationView a, ctx.client().Restore(id, week));
  if (in_force.size() <= 1) {
    PrintAllocations(ctx, "Restored", {a});
    return absl::OkStatus();
  }
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::AllocationView> after,
                          ctx.client().ListAllocations(id, std::nullopt));
  std::vector<client::AllocationView> ended;
  for (const client::AllocationView& x : after) {
    if (in_force.count(x.id) > 0 && x.restored) ended.push_back(x);
  }
  PrintAllocations(ctx, "Restored", ended);
  return absl::OkStatus();
}

absl::Status Show(Context& ctx) {
  int64_t crisis = 0;
  if (auto c = ctx.Get("crisis")) {
    PARAAT_ASSIGN_OR_RETURN(crisis, Positive(*c, "--crisis"));
  }
  std::optional<absl::Time> at = absl::Now();
  if (ctx.Has("history")) at.reset();
  if (auto v = ctx.Get("at")) {
    PARAAT_ASSIGN_OR_RETURN(absl::Time t, time::ParseInstant(*v, time::DefaultZone(), "--at"));
    at = t;
  }
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::AllocationView> list, ctx.client().ListAllocations(crisis, at));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& a : list) arr.Append(AllocationJson(a));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) {
    ctx.out() << (!at ? "No allocation was ever approved.\n"
                  : ctx.Has("at")
                      ? "No capacity allocation is in force then: every municipality works to its plan.\n"
                      : "No capacity allocation is in force now: every municipality works to its plan.\n");
    return absl::OkStatus();
  }
  for (const auto& a : list) ctx.out() << AllocationText(a) << "\n" << a.summary << "\n\n";
  return absl::OkStatus();
}

}  // namespace

void AddCapacityCommands(std::vector<CommandSpec>& c) {
  c.push_back({"capacity ambitions", "", "the prioritised ambitions (IVP) and regular tasks", {}, 0, 0, Ambitions});
  c.push_back({"capacity ambition", "KEY",
               "add an ambition (--name and --rank required) or change what the flags name "
               "(regional administrators)",
               {{"name", "NAME", "display name"}, {"rank", "N", "1 = highest priority"},
                {"weight", "W", "relative value of an hour within its rank, 0.001 to 1000 (new: 1)"},
                {"regular", "yes|no", "regular tasks (keep their plan by default)"},
                {"active", "yes|no", "deactivate (no) or reactivate"}},
               1, 1, AmbitionSet});
  c.push_back({"capacity plans", "", "each municipality's hours, plan and floors; the loan rules", {}, 0, 0, Plans});
  c.push_back({"capacity set", "MUNICIPALITY",
               "change a municipality's hours and plan (its administrators); what no flag names stays",
               {{"fte", "N", "safety staff in FTE (required the first time)"},
                {"available", "HOURS", "hours a week, FTE x contract (required the first time)"},
                {"overtime", "HOURS", "allowed overtime a week (first time: 0)"},
                {"plan", "AMBITION=HOURS[:FLOOR]",
                 "planned hours of one ambition, and its floor (without: kept; 'X=8:' clears it)", true},
                {"drop", "AMBITION", "remove an ambition from the plan", true}},
               1, 1, SetCapacity});
  c.push_back({"capacity loan", "LENDER BORROWER",
               "allow or forbid lending, and its cost; what no flag names stays",
               {{"allowed", "yes|no", "may lend (required for a new rule)"},
                {"cost", "X",
                 "cost of a lent hour in local hours, 1 to 1000 (a new rule: the default); even "
                 "at 1 a proposal prefers local hours"}},
               2, 2, Loan});
  c.push_back({"capacity demand set", "", "a crisis's demand in hours a week (coordinators and administrators)",
               {{"crisis", "ID", "the crisis"}, {"week", "YYYY-Www", "ISO week, e.g. 2026-W49"},
                {"municipality", "KEY", "where the work is"}, {"hours", "HOURS", "hours a week"}},
               0, 0, DemandSet});
  c.push_back({"capacity demand list", "", "a crisis's demand per week", {{"crisis", "ID", "the crisis"}}, 0, 0,
               DemandList});
  c.push_back({"capacity propose", "", "the optimal way to staff a crisis week (administrators)",
               {{"crisis", "ID", "the crisis"}, {"week", "YYYY-Www", "ISO week"},
                {"policy", "P", "priority (default) or equal-share"}},
               0, 0, Propose});
  c.push_back({"capacity proposal", "ID", "show a proposal again", {}, 1, 1, ShowProposal});
  c.push_back({"capacity proposals", "", "the proposals made for a crisis, newest first (administrators)",
               {{"crisis", "ID", "the crisis"}, {"week", "YYYY-Www", "one ISO week (default all)"}},
               0, 0, ListProposals});
  c.push_back({"capacity compare", "ID ID...", "proposals side by side", {}, 1, 10, Compare});
  c.push_back({"capacity approve", "PROPOSAL",
               "make a proposal the allocation in force; logged as a decision (regional administrators)",
               {}, 1, 1, Approve});
  c.push_back({"capacity restore", "",
               "end the allocation of a crisis (week); logged as a decision (regional administrators)",
               {{"crisis", "ID", "the crisis"}, {"week", "YYYY-Www", "one week (default: all)"}}, 0, 0, Restore});
  c.push_back({"capacity show", "", "the allocation in force (now, --at a date, or --history)",
               {{"crisis", "ID", "one crisis"}, {"at", "DATE", "another moment"},
                {"history", "", "every allocation ever approved"}},
               0, 0, Show});
}

}  // namespace paraat::cli
