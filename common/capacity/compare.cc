// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/compare.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/capacity/model.h"

namespace paraat::capacity {
namespace {

absl::Status Mismatch(size_t plan, absl::string_view label, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "plan ", plan + 1, " (", label, ") was not made for the same input as plan 1: ", what));
}

absl::Status CheckSameInput(const ReallocationPlan& first, const ReallocationPlan& other,
                            size_t index, absl::string_view label) {
  if (!(other.week == first.week)) {
    return Mismatch(index, label,
                    absl::StrCat("week ", FormatIsoWeek(other.week), " instead of ",
                                 FormatIsoWeek(first.week)));
  }
  if (other.allocations.size() != first.allocations.size()) {
    return Mismatch(index, label,
                    absl::StrCat(other.allocations.size(), " ambition plans instead of ",
                                 first.allocations.size()));
  }
  for (size_t i = 0; i < first.allocations.size(); ++i) {
    const AmbitionOutcome& a = first.allocations[i];
    const AmbitionOutcome& b = other.allocations[i];
    if (a.municipality != b.municipality || a.ambition != b.ambition) {
      return Mismatch(index, label,
                      absl::StrCat("municipality ", b.municipality, " ambition '", b.ambition,
                                   "' where plan 1 has municipality ", a.municipality,
                                   " ambition '", a.ambition, "'"));
    }
    if (a.planned_hours != b.planned_hours || a.floor_hours != b.floor_hours) {
      return Mismatch(
          index, label,
          absl::StrCat("municipality ", a.municipality, " ambition '", a.ambition, "' has plan ",
                       FormatHours(b.planned_hours), " h, floor ", FormatHours(b.floor_hours),
                       " h instead of ", FormatHours(a.planned_hours), " h, ",
                       FormatHours(a.floor_hours), " h"));
    }
  }
  if (other.municipalities.size() != first.municipalities.size()) {
    return Mismatch(index, label,
                    absl::StrCat(other.municipalities.size(), " municipalities instead of ",
                                 first.municipalities.size()));
  }
  for (size_t i = 0; i < first.municipalities.size(); ++i) {
    const MunicipalityOutcome& a = first.municipalities[i];
    const MunicipalityOutcome& b = other.municipalities[i];
    if (a.municipality != b.municipality) {
      return Mismatch(
          index, label,
          absl::StrCat("municipality ", b.municipality, " where plan 1 has ", a.municipality));
    }
    if (a.demand_hours != b.demand_hours || a.fte != b.fte ||
        a.available_hours != b.available_hours) {
      return Mismatch(index, label,
                      absl::StrCat("municipality ", a.municipality,
                                   " has different demand, fte or available hours"));
    }
  }
  return absl::OkStatus();
}

std::string Cell(double v) { return FormatHours(v); }
std::string Percent(double share) { return absl::StrFormat("%.0f%%", 100 * share); }

}  // namespace

absl::StatusOr<PlanComparison> ComparePlans(absl::Span<const ReallocationPlan> plans,
                                            absl::Span<const std::string> labels) {
  if (plans.empty()) return absl::InvalidArgumentError("no plans to compare");
  if (!labels.empty() && labels.size() != plans.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(labels.size(), " labels for ", plans.size(), " plans to compare"));
  }
  PlanComparison out;
  for (size_t p = 0; p < plans.size(); ++p) {
    out.labels.push_back(labels.empty() ? absl::StrCat(p + 1, " ", PolicyName(plans[p].policy))
                                        : labels[p]);
  }
  for (size_t p = 1; p < plans.size(); ++p) {
    if (absl::Status s = CheckSameInput(plans[0], plans[p], p, out.labels[p]); !s.ok()) return s;
  }
  const ReallocationPlan& first = plans[0];
  for (size_t i = 0; i < first.allocations.size(); ++i) {
    ComparedAmbition row;
    row.municipality = first.allocations[i].municipality;
    row.ambition = first.allocations[i].ambition;
    row.planned_hours = first.allocations[i].planned_hours;
    row.floor_hours = first.allocations[i].floor_hours;
    for (const ReallocationPlan& plan : plans) {
      row.kept_hours.push_back(plan.allocations[i].kept_hours);
      row.share_kept.push_back(plan.allocations[i].share_kept);
    }
    out.ambitions.push_back(std::move(row));
  }
  for (size_t i = 0; i < first.municipalities.size(); ++i) {
    const MunicipalityOutcome& m = first.municipalities[i];
    ComparedMunicipality row;
    row.municipality = m.municipality;
    row.planned_hours = m.planned_hours;
    row.demand_hours = m.demand_hours;
    row.workload_per_fte_before = m.workload_per_fte_before;
    row.workload_per_fte_crisis_on_top = m.workload_per_fte_crisis_on_top;
    for (const ReallocationPlan& plan : plans) {
      const MunicipalityOutcome& o = plan.municipalities[i];
      row.kept_hours.push_back(o.kept_hours);
      row.share_kept.push_back(o.share_kept);
      row.hours_lent.push_back(o.hours_lent);
      row.hours_borrowed.push_back(o.crisis_hours_borrowed);
      row.overtime_hours.push_back(o.overtime_hours);
      row.shortfall_hours.push_back(o.shortfall_hours);
      row.workload_per_fte_after.push_back(o.workload_per_fte_after);
    }
    out.municipalities.push_back(std::move(row));
  }
  return out;
}

std::string FormatComparison(const PlanComparison& c) {
  std::string out;
  std::string header = absl::StrFormat("%-20s %-24s %8s", "municipality", "ambition", "plan");
  for (const std::string& label : c.labels) {
    absl::StrAppend(&header, absl::StrFormat(" %16s", label.substr(0, 16)));
  }
  absl::StrAppend(&out, header, "\n");
  for (const ComparedAmbition& row : c.ambitions) {
    std::string line =
        absl::StrFormat("%-20s %-24s %8s", row.municipality, row.ambition, Cell(row.planned_hours));
    for (size_t p = 0; p < row.kept_hours.size(); ++p) {
      absl::StrAppend(&line,
                      absl::StrFormat(" %16s", absl::StrCat(Cell(row.kept_hours[p]), " (",
                                                            Percent(row.share_kept[p]), ")")));
    }
    absl::StrAppend(&out, line, "\n");
  }
  absl::StrAppend(&out, "\n");
  std::string header2 =
      absl::StrFormat("%-20s %8s %8s %8s", "municipality", "demand", "h/fte", "on top");
  for (const std::string& label : c.labels) {
    absl::StrAppend(&header2, absl::StrFormat(" | %-40s", label.substr(0, 40)));
  }
  absl::StrAppend(&out, header2, "\n");
  std::string sub = absl::StrFormat("%-20s %8s %8s %8s", "", "", "before", "");
  for (size_t p = 0; p < c.labels.size(); ++p) {
    absl::StrAppend(&sub, absl::StrFormat(" | %6s %6s %6s %6s %6s %6s", "kept", "lent", "borr",
                                          "overt", "short", "h/fte"));
  }
  absl::StrAppend(&out, sub, "\n");
  for (const ComparedMunicipality& row : c.municipalities) {
    std::string line = absl::StrFormat("%-20s %8s %8s %8s", row.municipality,
                                       Cell(row.demand_hours), Cell(row.workload_per_fte_before),
                                       Cell(row.workload_per_fte_crisis_on_top));
    for (size_t p = 0; p < row.kept_hours.size(); ++p) {
      absl::StrAppend(&line,
                      absl::StrFormat(" | %6s %6s %6s %6s %6s %6s", Percent(row.share_kept[p]),
                                      Cell(row.hours_lent[p]), Cell(row.hours_borrowed[p]),
                                      Cell(row.overtime_hours[p]), Cell(row.shortfall_hours[p]),
                                      Cell(row.workload_per_fte_after[p])));
    }
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace paraat::capacity
