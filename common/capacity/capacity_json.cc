// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/capacity_json.h"

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace paraat::capacity {

namespace {

absl::StatusOr<std::string> Str(const json::Value& v, absl::string_view k) {
  const json::Value* f = v.Find(k);
  if (f == nullptr || !f->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("capacity input: '", k, "' is missing"));
  }
  return f->as_string();
}

absl::StatusOr<double> Num(const json::Value& v, absl::string_view k) {
  const json::Value* f = v.Find(k);
  if (f == nullptr || !f->is_number()) {
    return absl::InvalidArgumentError(absl::StrCat("capacity input: '", k, "' is missing"));
  }
  return f->as_double();
}

const json::Value::Array& Arr(const json::Value& v, absl::string_view k) {
  static const json::Value::Array* const kEmpty = new json::Value::Array();
  const json::Value* f = v.Find(k);
  return f != nullptr && f->is_array() ? f->as_array() : *kEmpty;
}

}  // namespace

json::Value ToJson(const CapacityInput& in) {
  json::Value v;
  json::Value ambitions = json::Value::MakeArray();
  for (const Ambition& a : in.ambitions) {
    json::Value j;
    j.Set("key", a.key);
    j.Set("name", a.name);
    j.Set("rank", a.rank);
    j.Set("weight", a.weight);
    j.Set("regular", a.regular);
    ambitions.Append(j);
  }
  v.Set("ambitions", ambitions);
  json::Value ms = json::Value::MakeArray();
  for (const Municipality& m : in.municipalities) {
    json::Value j;
    j.Set("key", m.key);
    j.Set("name", m.name);
    j.Set("region", m.region);
    j.Set("fte", m.fte);
    j.Set("available_hours", m.available_hours);
    j.Set("overtime_hours", m.overtime_hours);
    json::Value plan = json::Value::MakeArray();
    for (const AmbitionPlan& p : m.plan) {
      json::Value x;
      x.Set("ambition", p.ambition);
      x.Set("planned_hours", p.planned_hours);
      if (p.floor_hours.has_value()) x.Set("floor_hours", *p.floor_hours);
      plan.Append(x);
    }
    j.Set("plan", plan);
    ms.Append(j);
  }
  v.Set("municipalities", ms);
  json::Value loans;
  loans.Set("same_region_default", in.loans.same_region_default);
  loans.Set("default_cost", in.loans.default_cost);
  json::Value rules = json::Value::MakeArray();
  for (const LoanRule& r : in.loans.rules) {
    json::Value x;
    x.Set("lender", r.lender);
    x.Set("borrower", r.borrower);
    x.Set("allowed", r.allowed);
    x.Set("cost", r.cost);
    rules.Append(x);
  }
  loans.Set("rules", rules);
  v.Set("loans", loans);
  json::Value demand;
  demand.Set("crisis", in.demand.crisis);
  demand.Set("week", FormatIsoWeek(in.demand.week));
  json::Value hours = json::Value::MakeArray();
  for (const DemandEntry& d : in.demand.hours) {
    json::Value x;
    x.Set("municipality", d.municipality);
    x.Set("hours", d.hours);
    hours.Append(x);
  }
  demand.Set("hours", hours);
  v.Set("demand", demand);
  return v;
}

absl::StatusOr<CapacityInput> InputFromJson(const json::Value& v) {
  CapacityInput in;
  for (const json::Value& j : Arr(v, "ambitions")) {
    Ambition a;
    PARAAT_ASSIGN_OR_RETURN(a.key, Str(j, "key"));
    PARAAT_ASSIGN_OR_RETURN(a.name, Str(j, "name"));
    PARAAT_ASSIGN_OR_RETURN(double rank, Num(j, "rank"));
    a.rank = static_cast<int>(rank);
    PARAAT_ASSIGN_OR_RETURN(a.weight, Num(j, "weight"));
    const json::Value* r = j.Find("regular");
    a.regular = r != nullptr && r->type() == json::Value::Type::kBool && r->as_bool();
    in.ambitions.push_back(a);
  }
  for (const json::Value& j : Arr(v, "municipalities")) {
    Municipality m;
    PARAAT_ASSIGN_OR_RETURN(m.key, Str(j, "key"));
    PARAAT_ASSIGN_OR_RETURN(m.name, Str(j, "name"));
    PARAAT_ASSIGN_OR_RETURN(m.region, Str(j, "region"));
    PARAAT_ASSIGN_OR_RETURN(m.fte, Num(j, "fte"));
    PARAAT_ASSIGN_OR_RETURN(m.available_hours, Num(j, "available_hours"));
    PARAAT_ASSIGN_OR_RETURN(m.overtime_hours, Num(j, "overtime_hours"));
    for (const json::Value& x : Arr(j, "plan")) {
      AmbitionPlan p;
      PARAAT_ASSIGN_OR_RETURN(p.ambition, Str(x, "ambition"));
      PARAAT_ASSIGN_OR_RETURN(p.planned_hours, Num(x, "planned_hours"));
      if (const json::Value* f = x.Find("floor_hours"); f != nullptr && f->is_number()) {
        p.floor_hours = f->as_double();
      }
      m.plan.push_back(p);
    }
    in.municipalities.push_back(std::move(m));
  }
  if (const json::Value* loans = v.Find("loans"); loans != nullptr && loans->is_object()) {
    const json::Value* d = loans->Find("same_region_default");
    in.loans.same_region_default = d == nullptr || d->type() != json::Value::Type::kBool || d->as_bool();
    if (const json::Value* c = loans->Find("default_cost"); c != nullptr && c->is_number()) {
      in.loans.default_cost = c->as_double();
    }
    for (const json::Value& x : Arr(*loans, "rules")) {
      LoanRule r;
      PARAAT_ASSIGN_OR_RETURN(r.lender, Str(x, "lender"));
      PARAAT_ASSIGN_OR_RETURN(r.borrower, Str(x, "borrower"));
      const json::Value* a = x.Find("allowed");
      r.allowed = a == nullptr || a->type() != json::Value::Type::kBool || a->as_bool();
      PARAAT_ASSIGN_OR_RETURN(r.cost, Num(x, "cost"));
      in.loans.rules.push_back(r);
    }
  }
  if (const json::Value* d = v.Find("demand"); d != nullptr && d->is_object()) {
    PARAAT_ASSIGN_OR_RETURN(in.demand.crisis, Str(*d, "crisis"));
    PARAAT_ASSIGN_OR_RETURN(std::string week, Str(*d, "week"));
    PARAAT_ASSIGN_OR_RETURN(in.demand.week, ParseIsoWeek(week));
    for (const json::Value& x : Arr(*d, "hours")) {
      DemandEntry e;
      PARAAT_ASSIGN_OR_RETURN(e.municipality, Str(x, "municipality"));
      PARAAT_ASSIGN_OR_RETURN(e.hours, Num(x, "hours"));
      in.demand.hours.push_back(e);
    }
  }
  return in;
}

json::Value ToJson(const ReallocationPlan& p) {
  json::Value v;
  v.Set("policy", std::string(PolicyName(p.policy)));
  v.Set("crisis", p.crisis);
  v.Set("week", FormatIsoWeek(p.week));
  v.Set("total_demand_hours", p.total_demand_hours);
  v.Set("total_shortfall_hours", p.total_shortfall_hours);
  v.Set("total_overtime_hours", p.total_overtime_hours);
  v.Set("total_hours_lent", p.total_hours_lent);
  json::Value allocations = json::Value::MakeArray();
  for (const AmbitionOutcome& a : p.allocations) {
    json::Value x;
    x.Set("municipality", a.municipality);
    x.Set("ambition", a.ambition);
    x.Set("planned_hours", a.planned_hours);
    x.Set("floor_hours", a.floor_hours);
    x.Set("kept_hours", a.kept_hours);
    x.Set("given_up_hours", a.given_up_hours);
    allocations.Append(x);
  }
  v.Set("allocations", allocations);
  json::Value loans = json::Value::MakeArray();
  for (const Loan& l : p.loans) {
    json::Value x;
    x.Set("lender", l.lender);
    x.Set("borrower", l.borrower);
    x.Set("hours", l.hours);
    loans.Append(x);
  }
  v.Set("loans", loans);
  json::Value ms = json::Value::MakeArray();
  for (const MunicipalityOutcome& m : p.municipalities) {
    json::Value x;
    x.Set("municipality", m.municipality);
    x.Set("demand_hours", m.demand_hours);
    x.Set("given_up_hours", m.given_up_hours);
    x.Set("hours_lent", m.hours_lent);
    x.Set("crisis_hours_borrowed", m.crisis_hours_borrowed);
    x.Set("overtime_hours", m.overtime_hours);
    x.Set("shortfall_hours", m.shortfall_hours);
    x.Set("workload_per_fte_before", m.workload_per_fte_before);
    x.Set("workload_per_fte_after", m.workload_per_fte_after);
    ms.Append(x);
  }
  v.Set("municipalities", ms);
  json::Value sh = json::Value::MakeArray();
  for (const ShortfallExplanation& s : p.shortfalls) sh.Append(s.text);
  v.Set("shortfalls", sh);
  v.Set("summary", PlanSummary(p));
  return v;
}

}  // namespace paraat::capacity
