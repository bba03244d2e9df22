// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/model.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/time/civil.h"

namespace paraat::capacity {
namespace {

bool IsValidKey(absl::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

absl::Status KeyError(absl::string_view what, absl::string_view key) {
  if (key.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " key is empty"));
  return absl::InvalidArgumentError(
      absl::StrCat(what, " key '", key, "' must be lowercase letters, digits and '-'"));
}

// Checks a number of hours; `subject` reads like "municipality heumen: available hours".
absl::Status CheckHours(absl::string_view subject, double hours) {
  if (!std::isfinite(hours)) {
    return absl::InvalidArgumentError(absl::StrCat(subject, " are not a finite number"));
  }
  if (hours < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(subject, " are negative (", FormatHours(hours), " h)"));
  }
  if (hours > kMaxHours) {
    return absl::InvalidArgumentError(absl::StrCat(subject, " (", FormatHours(hours),
                                                   " h) are above the limit of ",
                                                   FormatHours(kMaxHours), " h"));
  }
  return absl::OkStatus();
}

// Weights and loan costs are relative factors. Their range keeps the LPs' duals within what
// LpModel accepts as a sound certificate (see lp_model.cc).
absl::Status CheckFactor(absl::string_view subject, double factor, double min = kMinFactor,
                         absl::string_view why = "") {
  if (!(factor >= min && factor <= kMaxFactor)) {  // also refuses NaN
    return absl::InvalidArgumentError(
        absl::StrCat(subject, " must be a number from ", absl::StrFormat("%g", min), " to ",
                     absl::StrFormat("%g", kMaxFactor), why, ", not ",
                     absl::StrFormat("%g", factor)));
  }
  return absl::OkStatus();
}

// Below 1 lending would pay: see kMinLoanCost.
absl::Status CheckLoanCost(absl::string_view subject, double cost) {
  return CheckFactor(subject, cost, kMinLoanCost, " (a lent hour costs at least a local hour)");
}

absl::Status ValidateAmbitions(const std::vector<Ambition>& ambitions,
                               absl::flat_hash_map<std::string, const Ambition*>& by_key) {
  if (ambitions.empty()) return absl::InvalidArgumentError("capacity input has no ambitions");
  for (const Ambition& a : ambitions) {
    if (!IsValidKey(a.key)) return KeyError("ambition", a.key);
    if (!by_key.emplace(a.key, &a).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate ambition key '", a.key, "'"));
    }
    if (a.rank < 1) {
      return absl::InvalidArgumentError(absl::StrCat("ambition '", a.key, "': rank ", a.rank,
                                                     " is below 1 (1 = highest priority)"));
    }
    if (absl::Status s = CheckFactor(absl::StrCat("ambition '", a.key, "': weight"), a.weight);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateMunicipality(
    const Municipality& m, const absl::flat_hash_map<std::string, const Ambition*>& ambitions) {
  const std::string who = absl::StrCat("municipality ", m.key, ": ");
  if (m.region.empty()) return absl::InvalidArgumentError(absl::StrCat(who, "region is empty"));
  if (!(m.fte >= kMinFte && m.fte <= kMaxFte)) {
    return absl::InvalidArgumentError(absl::StrFormat("%sfte must be from %g to %g, not %g", who,
                                                      kMinFte, kMaxFte, m.fte));
  }
  if (absl::Status s = CheckHours(absl::StrCat(who, "available hours"), m.available_hours);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckHours(absl::StrCat(who, "overtime hours"), m.overtime_hours); !s.ok()) {
    return s;
  }
  absl::flat_hash_set<std::string> seen;
  double total = 0;
  for (const AmbitionPlan& p : m.plan) {
    auto it = ambitions.find(p.ambition);
    if (it == ambitions.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(who, "plan names unknown ambition '", p.ambition, "'"));
    }
    if (!seen.insert(p.ambition).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(who, "ambition '", p.ambition, "' is planned twice"));
    }
    const std::string what = absl::StrCat(who, "ambition '", p.ambition, "'");
    if (absl::Status s = CheckHours(absl::StrCat(what, ": planned hours"), p.planned_hours);
        !s.ok()) {
      return s;
    }
    if (p.floor_hours.has_value()) {
      if (absl::Status s = CheckHours(absl::StrCat(what, ": floor hours"), *p.floor_hours);
          !s.ok()) {
        return s;
      }
      if (*p.floor_hours > p.planned_hours) {
        return absl::InvalidArgumentError(
            absl::StrCat(who, "floor of ambition '", p.ambition, "' (", FormatHours(*p.floor_hours),
                         " h) is above its plan (", FormatHours(p.planned_hours), " h)"));
      }
    }
    total += p.planned_hours;
  }
  // A hair of tolerance: a plan of 0.1 h + 0.2 h must fit 0.3 h available.
  const double limit = m.available_hours + m.overtime_hours;
  if (total > limit + 1e-9 * std::max(1.0, limit)) {
    return absl::InvalidArgumentError(absl::StrCat(
        who, "total plan (", FormatHours(total), " h) is above available hours plus overtime (",
        FormatHours(m.available_hours), " h + ", FormatHours(m.overtime_hours), " h)"));
  }
  return absl::OkStatus();
}

absl::Status ValidateLoans(const LoanRules& loans,
                           const absl::flat_hash_set<std::string>& municipalities) {
  if (absl::Status s = CheckLoanCost("loan rules: default cost", loans.default_cost); !s.ok()) {
    return s;
  }
  absl::flat_hash_set<std::pair<std::string, std::string>> pairs;
  for (const LoanRule& r : loans.rules) {
    const std::string who = absl::StrCat("loan rule ", r.lender, " -> ", r.borrower, ": ");
    if (!municipalities.contains(r.lender)) {
      return absl::InvalidArgumentError(
          absl::StrCat(who, "unknown lender municipality '", r.lender, "'"));
    }
    if (!municipalities.contains(r.borrower)) {
      return absl::InvalidArgumentError(
          absl::StrCat(who, "unknown borrower municipality '", r.borrower, "'"));
    }
    if (r.lender == r.borrower) {
      return absl::InvalidArgumentError(absl::StrCat(who, "a municipality cannot lend to itself"));
    }
    if (!pairs.emplace(r.lender, r.borrower).second) {
      return absl::InvalidArgumentError(absl::StrCat(who, "pair appears twice"));
    }
    if (absl::Status s = CheckLoanCost(absl::StrCat(who, "cost"), r.cost); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ValidateDemand(const CrisisDemand& demand,
                            const absl::flat_hash_set<std::string>& municipalities) {
  if (demand.week.week < 1 || demand.week.year < 1 || demand.week.year > 9999 ||
      demand.week.week > IsoWeeksInYear(demand.week.year)) {
    return absl::InvalidArgumentError(absl::StrCat("demand: week ", demand.week.week, " of ",
                                                   demand.week.year, " is not an ISO week"));
  }
  absl::flat_hash_set<std::string> seen;
  for (const DemandEntry& d : demand.hours) {
    if (!municipalities.contains(d.municipality)) {
      return absl::InvalidArgumentError(
          absl::StrCat("demand names unknown municipality '", d.municipality, "'"));
    }
    if (!seen.insert(d.municipality).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("demand for municipality ", d.municipality, " is given twice"));
    }
    if (absl::Status s = CheckHours(
            absl::StrCat("demand for municipality ", d.municipality, ": hours"), d.hours);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

std::string Exact(double v) { return absl::StrFormat("%.17g", v); }

}  // namespace

absl::Status Validate(const CapacityInput& input) {
  absl::flat_hash_map<std::string, const Ambition*> ambitions;
  if (absl::Status s = ValidateAmbitions(input.ambitions, ambitions); !s.ok()) return s;
  if (input.municipalities.empty()) {
    return absl::InvalidArgumentError("capacity input has no municipalities");
  }
  absl::flat_hash_set<std::string> municipalities;
  for (const Municipality& m : input.municipalities) {
    if (!IsValidKey(m.key)) return KeyError("municipality", m.key);
    if (!municipalities.insert(m.key).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate municipality key '", m.key, "'"));
    }
    if (absl::Status s = ValidateMunicipality(m, ambitions); !s.ok()) return s;
  }
  if (absl::Status s = ValidateLoans(input.loans, municipalities); !s.ok()) return s;
  return ValidateDemand(input.demand, municipalities);
}

int RaiseLoanCostsToMinimum(LoanRules* loans) {
  int raised = 0;
  auto raise = [&raised](double& cost) {
    if (cost < kMinLoanCost) {  // NaN stays, for Validate to refuse
      cost = kMinLoanCost;
      ++raised;
    }
  };
  raise(loans->default_cost);
  for (LoanRule& r : loans->rules) raise(r.cost);
  return raised;
}

std::vector<LoanRule> LeaveOutDormantLoanRules(CapacityInput* input) {
  absl::flat_hash_set<std::string> present;
  for (const Municipality& m : input->municipalities) present.insert(m.key);
  std::vector<LoanRule> dormant;
  std::vector<LoanRule> kept;
  for (LoanRule& r : input->loans.rules) {
    if (present.contains(r.lender) && present.contains(r.borrower)) {
      kept.push_back(std::move(r));
    } else {
      dormant.push_back(std::move(r));
    }
  }
  input->loans.rules = std::move(kept);
  return dormant;
}

double TotalDemandHours(const CrisisDemand& demand) {
  double total = 0;
  for (const DemandEntry& d : demand.hours) total += d.hours;
  return total;
}

double EffectiveFloor(const Ambition& ambition, const AmbitionPlan& plan) {
  if (plan.floor_hours.has_value()) return *plan.floor_hours;
  return ambition.regular ? plan.planned_hours : 0.0;
}

int IsoWeeksInYear(int year) {
  // A year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year;
  // equivalently when 31 December is a Thursday, or 1 January is.
  const absl::Weekday jan1 = absl::GetWeekday(absl::CivilDay(year, 1, 1));
  const absl::Weekday dec31 = absl::GetWeekday(absl::CivilDay(year, 12, 31));
  return (jan1 == absl::Weekday::thursday || dec31 == absl::Weekday::thursday) ? 53 : 52;
}

namespace {

// Monday of ISO week 1 is the Monday of the week that holds 4 January.
absl::CivilDay MondayOf(IsoWeek week) {
  const absl::CivilDay jan4(week.year, 1, 4);
  return jan4 - (time::IsoWeekday(jan4) - 1) + 7 * (week.week - 1);
}

}  // namespace

absl::Time WeekStart(IsoWeek week) { return absl::FromCivil(MondayOf(week), time::DefaultZone()); }

absl::Time WeekEnd(IsoWeek week) {
  return absl::FromCivil(MondayOf(week) + 7, time::DefaultZone());
}

bool WeekIsOver(IsoWeek week, absl::Time now) { return WeekEnd(week) <= now; }

absl::StatusOr<IsoWeek> ParseIsoWeek(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("week '", text, "' is not an ISO week such as 2026-W49"));
  };
  const size_t dash = text.find("-W");
  if (dash != 4 || text.size() != 8) return bad();
  IsoWeek week;
  if (!absl::SimpleAtoi(text.substr(0, 4), &week.year) ||
      !absl::SimpleAtoi(text.substr(6), &week.week)) {
    return bad();
  }
  if (!std::all_of(text.begin() + 6, text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      !std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
    return bad();
  }
  if (week.week < 1 || week.week > IsoWeeksInYear(week.year)) {
    return absl::InvalidArgumentError(absl::StrFormat("week '%s': the weeks of %d run from W01 to W%02d",
                                                     text, week.year, IsoWeeksInYear(week.year)));
  }
  return week;
}

std::string FormatIsoWeek(IsoWeek week) {
  return absl::StrFormat("%04d-W%02d", week.year, week.week);
}

std::string FormatHours(double hours) {
  std::string s = absl::StrFormat("%.2f", hours);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string CanonicalText(const CapacityInput& input) {
  // Sorted by key so that the order a database returns rows in does not matter.
  std::vector<std::string> lines;
  for (const Ambition& a : input.ambitions) {
    lines.push_back(absl::StrCat("ambition ", a.key, " name=", a.name, " rank=", a.rank,
                                 " weight=", Exact(a.weight), " regular=", a.regular));
  }
  for (const Municipality& m : input.municipalities) {
    lines.push_back(absl::StrCat("municipality ", m.key, " name=", m.name, " region=", m.region,
                                 " fte=", Exact(m.fte), " available=", Exact(m.available_hours),
                                 " overtime=", Exact(m.overtime_hours)));
    for (const AmbitionPlan& p : m.plan) {
      lines.push_back(
          absl::StrCat("plan ", m.key, " ", p.ambition, " planned=", Exact(p.planned_hours),
                       " floor=", p.floor_hours.has_value() ? Exact(*p.floor_hours) : "default"));
    }
  }
  for (const LoanRule& r : input.loans.rules) {
    lines.push_back(absl::StrCat("loan ", r.lender, " ", r.borrower, " allowed=", r.allowed,
                                 " cost=", Exact(r.cost)));
  }
  for (const DemandEntry& d : input.demand.hours) {
    lines.push_back(absl::StrCat("demand ", d.municipality, " ", Exact(d.hours)));
  }
  std::sort(lines.begin(), lines.end());
  std::string out = absl::StrCat(
      "paraat-capacity-input v1\nloans same_region_default=", input.loans.same_region_default,
      " default_cost=", Exact(input.loans.default_cost), "\ncrisis ", input.demand.crisis,
      " week=", FormatIsoWeek(input.demand.week), "\n");
  absl::StrAppend(&out, absl::StrJoin(lines, "\n"), "\n");
  return out;
}

std::vector<std::string> OutOfUseNotes(const CapacityInput& in_use, const CapacityInput& all) {
  std::vector<std::string> out;
  for (const Ambition& a : all.ambitions) {
    const bool used = std::any_of(in_use.ambitions.begin(), in_use.ambitions.end(),
                                  [&](const Ambition& x) { return x.key == a.key; });
    if (used) continue;
    double total = 0;
    std::vector<std::string> where;
    for (const Municipality& m : all.municipalities) {
      for (const AmbitionPlan& p : m.plan) {
        if (p.ambition != a.key || p.planned_hours <= 0) continue;
        total += p.planned_hours;
        where.push_back(absl::StrCat(m.key, " ", FormatHours(p.planned_hours), " h"));
      }
    }
    if (where.empty()) continue;
    out.push_back(absl::StrCat("ambition ", a.key, " is out of use: its planned ",
                               FormatHours(total), " h/week (", absl::StrJoin(where, ", "),
                               ") are free hours in this plan"));
  }
  return out;
}

}  // namespace paraat::capacity
