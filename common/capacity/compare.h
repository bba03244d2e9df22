// SPDX-License-Identifier: EUPL-1.2
// Side-by-side comparison of reallocation plans for the same input
// (`paraat capacity compare P1 P2 ...`).

#ifndef PARAAT_COMMON_CAPACITY_COMPARE_H_
#define PARAAT_COMMON_CAPACITY_COMPARE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/capacity/reallocation.h"

namespace paraat::capacity {

// One municipality's ambition: the plan, then one value per compared plan.
struct ComparedAmbition {
  std::string municipality;
  std::string ambition;
  double planned_hours = 0.0;
  double floor_hours = 0.0;
  std::vector<double> kept_hours;
  std::vector<double> share_kept;
};

// One municipality: before, then one value per compared plan.
struct ComparedMunicipality {
  std::string municipality;
  double planned_hours = 0.0;
  double demand_hours = 0.0;
  double workload_per_fte_before = 0.0;
  double workload_per_fte_crisis_on_top = 0.0;
  std::vector<double> kept_hours;
  std::vector<double> share_kept;
  std::vector<double> hours_lent;
  std::vector<double> hours_borrowed;
  std::vector<double> overtime_hours;
  std::vector<double> shortfall_hours;
  std::vector<double> workload_per_fte_after;
};

struct PlanComparison {
  std::vector<std::string> labels;          // one per plan
  std::vector<ComparedAmbition> ambitions;  // in the first plan's order
  std::vector<ComparedMunicipality> municipalities;
};

// `labels` names the plans (e.g. proposal ids); empty means "1 priority", "2 equal-share",
// and so on. INVALID_ARGUMENT when there are no plans, when labels and plans differ in
// number, or when the plans were not made for the same input (week, municipalities,
// ambitions, planned hours, floors, demand), naming the first difference.
[[nodiscard]] absl::StatusOr<PlanComparison> ComparePlans(
    absl::Span<const ReallocationPlan> plans, absl::Span<const std::string> labels = {});

// A fixed-width text table of the comparison, one line per municipality and ambition
// followed by one line per municipality, for the command-line client.
[[nodiscard]] std::string FormatComparison(const PlanComparison& comparison);

}  // namespace paraat::capacity

#endif  // PARAAT_COMMON_CAPACITY_COMPARE_H_
