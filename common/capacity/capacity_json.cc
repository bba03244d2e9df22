// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/capacity_json.h"

#include "absl/strings/str_cat.h"
#include "common/json/fields.h"
#include "common/status/status_macros.h"

namespace paraat::capacity {

namespace {

constexpr absl::string_view kInput = "capacity input";

// Each struct's fields, once for both directions.
const json::Field<Ambition> kAmbition[] = {
    {"key", &Ambition::key},       {"name", &Ambition::name},
    {"rank", &Ambition::rank},     {"weight", &Ambition::weight},
    {"regular", &Ambition::regular}};
const json::Field<Municipality> kMunicipality[] = {
    {"key", &Municipality::key},
    {"name", &Municipality::name},
    {"region", &Municipality::region},
    {"fte", &Municipality::fte},
    {"available_hours", &Municipality::available_hours},
    {"overtime_hours", &Municipality::overtime_hours}};  // and "plan", below
const json::Field<AmbitionPlan> kPlan[] = {{"ambition", &AmbitionPlan::ambition},
                                           {"planned_hours", &AmbitionPlan::planned_hours},
                                           {"floor_hours", &AmbitionPlan::floor_hours}};
const json::Field<LoanRules> kLoans[] = {{"same_region_default", &LoanRules::same_region_default},
                                         {"default_cost", &LoanRules::default_cost,
                                          json::kMayBeLeftOut}};
const json::Field<LoanRule> kLoanRule[] = {{"lender", &LoanRule::lender},
                                           {"borrower", &LoanRule::borrower},
                                           {"allowed", &LoanRule::allowed},
                                           {"cost", &LoanRule::cost}};
const json::Field<CrisisDemand> kDemand[] = {{"crisis", &CrisisDemand::crisis}};
const json::Field<DemandEntry> kDemandEntry[] = {{"municipality", &DemandEntry::municipality},
                                                 {"hours", &DemandEntry::hours}};
// Written only (a plan is worked out, never read back).
const json::Field<AmbitionOutcome> kAmbitionOutcome[] = {
    {"municipality", &AmbitionOutcome::municipality},
    {"ambition", &AmbitionOutcome::ambition},
    {"planned_hours", &AmbitionOutcome::planned_hours},
    {"floor_hours", &AmbitionOutcome::floor_hours},
    {"kept_hours", &AmbitionOutcome::kept_hours},
    {"given_up_hours", &AmbitionOutcome::given_up_hours}};
const json::Field<Loan> kLoan[] = {
    {"lender", &Loan::lender}, {"borrower", &Loan::borrower}, {"hours", &Loan::hours}};
const json::Field<MunicipalityOutcome> kMunicipalityOutcome[] = {
    {"municipality", &MunicipalityOutcome::municipality},
    {"demand_hours", &MunicipalityOutcome::demand_hours},
    {"given_up_hours", &MunicipalityOutcome::given_up_hours},
    {"hours_lent", &MunicipalityOutcome::hours_lent},
    {"crisis_hours_borrowed", &MunicipalityOutcome::crisis_hours_borrowed},
    {"overtime_hours", &MunicipalityOutcome::overtime_hours},
    {"shortfall_hours", &MunicipalityOutcome::shortfall_hours},
    {"workload_per_fte_before", &MunicipalityOutcome::workload_per_fte_before},
    {"workload_per_fte_after", &MunicipalityOutcome::workload_per_fte_after}};

}  // namespace

json::Value ToJson(const CapacityInput& in) {
  json::Value v;
  v.Set("ambitions", json::ArrayToJson(in.ambitions, kAmbition));
  json::Value ms = json::Value::MakeArray();
  for (const Municipality& m : in.municipalities) {
    json::Value j = json::ToJson(m, kMunicipality);
    j.Set("plan", json::ArrayToJson(m.plan, kPlan));
    ms.Append(std::move(j));
  }
  v.Set("municipalities", ms);
  json::Value loans = json::ToJson(in.loans, kLoans);
  loans.Set("rules", json::ArrayToJson(in.loans.rules, kLoanRule));
  v.Set("loans", loans);
  json::Value demand = json::ToJson(in.demand, kDemand);
  demand.Set("week", FormatIsoWeek(in.demand.week));
  demand.Set("hours", json::ArrayToJson(in.demand.hours, kDemandEntry));
  v.Set("demand", demand);
  return v;
}

absl::StatusOr<CapacityInput> InputFromJson(const json::Value& v) {
  CapacityInput in;
  PARAAT_ASSIGN_OR_RETURN(in.ambitions, json::ArrayFromJson(v, "ambitions", kAmbition, kInput));
  if (const json::Value* ms = v.Find("municipalities"); ms != nullptr && ms->is_array()) {
    for (const json::Value& j : ms->as_array()) {
      Municipality m;
      PARAAT_RETURN_IF_ERROR(json::FromJson(j, kMunicipality, kInput, m));
      PARAAT_ASSIGN_OR_RETURN(m.plan, json::ArrayFromJson(j, "plan", kPlan, kInput));
      in.municipalities.push_back(std::move(m));
    }
  }
  if (const json::Value* loans = v.Find("loans"); loans != nullptr && loans->is_object()) {
    PARAAT_RETURN_IF_ERROR(json::FromJson(*loans, kLoans, kInput, in.loans));
    PARAAT_ASSIGN_OR_RETURN(in.loans.rules, json::ArrayFromJson(*loans, "rules", kLoanRule, kInput));
  }
  if (const json::Value* d = v.Find("demand"); d != nullptr && d->is_object()) {
    PARAAT_RETURN_IF_ERROR(json::FromJson(*d, kDemand, kInput, in.demand));
    const json::Value* week = d->Find("week");
    if (week == nullptr || !week->is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(kInput, ": 'week' is missing"));
    }
    PARAAT_ASSIGN_OR_RETURN(in.demand.week, ParseIsoWeek(week->as_string()));
    PARAAT_ASSIGN_OR_RETURN(in.demand.hours, json::ArrayFromJson(*d, "hours", kDemandEntry, kInput));
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
  v.Set("allocations", json::ArrayToJson(p.allocations, kAmbitionOutcome));
  v.Set("loans", json::ArrayToJson(p.loans, kLoan));
  v.Set("municipalities", json::ArrayToJson(p.municipalities, kMunicipalityOutcome));
  json::Value sh = json::Value::MakeArray();
  for (const ShortfallExplanation& s : p.shortfalls) sh.Append(s.text);
  v.Set("shortfalls", sh);
  v.Set("summary", PlanSummary(p));
  return v;
}

}  // namespace paraat::capacity
