// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/fairness.h"

#include <algorithm>

#include "common/roster/solver/prepared.h"
#include "common/status/status_macros.h"

namespace paraat::roster::solver {

absl::StatusOr<FairnessReport> ComputeFairness(const RosterProblem& problem, const Assignment& a) {
  PARAAT_ASSIGN_OR_RETURN(PreparedProblem prepared, PreparedProblem::Prepare(problem));
  PARAAT_RETURN_IF_ERROR(ValidateAssignment(problem, a));
  FairnessReport report;
  PARAAT_ASSIGN_OR_RETURN(report.objective, EvaluateObjective(problem, a));
  for (int p = 0; p < prepared.num_pools(); ++p) {
    const PoolProblem& pool = problem.pools[p];
    const PreparedPool& pp = prepared.pool(p);
    PoolFairness pf;
    pf.pool = pool.key;
    pf.slots = static_cast<int>(pool.slots.size());
    pf.spacing = PoolObjective(prepared, p, a.person[p]).spacing;

    std::vector<PersonFairness> people(pool.members.size());
    for (size_t m = 0; m < pool.members.size(); ++m) {
      PersonFairness& f = people[m];
      f.pool = pool.key;
      f.person = pool.members[m];
      f.available_slots = pp.available[m];
      f.expected_duties = pp.expected[m];
      f.expected_holiday_duties = pp.expected_holiday[m];
    }
    std::vector<PersonFairness> former;
    for (int s = 0; s < pf.slots; ++s) {
      const bool holiday = pp.IsHoliday(s);
      if (holiday) ++pf.holiday_slots;
      const std::string& person = a.person[p][s];
      if (person.empty()) {
        ++pf.unfilled;
        continue;
      }
      const double hours =
          absl::ToDoubleHours(pool.slots[s].interval.end - pool.slots[s].interval.start);
      pf.hours += hours;
      PersonFairness* f = nullptr;
      if (auto it = pp.member_index.find(person); it != pp.member_index.end()) {
        f = &people[it->second];
      } else {
        auto it2 = std::find_if(former.begin(), former.end(),
                                [&](const PersonFairness& x) { return x.person == person; });
        if (it2 == former.end()) {
          PersonFairness x;
          x.pool = pool.key;
          x.person = person;
          x.member = false;
          former.push_back(std::move(x));
          it2 = former.end() - 1;
        }
        f = &*it2;
      }
      ++f->duties;
      f->hours += hours;
      if (holiday) {
        ++f->holiday_duties;
        for (const std::string& name : pp.slot_holidays[s]) {
          if (std::find(f->holidays.begin(), f->holidays.end(), name) == f->holidays.end()) {
            f->holidays.push_back(name);
          }
        }
      }
    }
    double lo = 0, hi = 0, hlo = 0, hhi = 0;
    for (size_t m = 0; m < people.size(); ++m) {
      PersonFairness& f = people[m];
      f.deviation = f.duties - f.expected_duties;
      f.holiday_deviation = f.holiday_duties - f.expected_holiday_duties;
      lo = m == 0 ? f.deviation : std::min(lo, f.deviation);
      hi = m == 0 ? f.deviation : std::max(hi, f.deviation);
      hlo = m == 0 ? f.holiday_deviation : std::min(hlo, f.holiday_deviation);
      hhi = m == 0 ? f.holiday_deviation : std::max(hhi, f.holiday_deviation);
    }
    for (PersonFairness& f : former) {
      f.deviation = f.duties;
      f.holiday_deviation = f.holiday_duties;
    }
    pf.spread = hi - lo;
    pf.holiday_spread = hhi - hlo;
    report.pools.push_back(std::move(pf));
    for (PersonFairness& f : people) report.people.push_back(std::move(f));
    for (PersonFairness& f : former) report.people.push_back(std::move(f));
  }
  return report;
}

PoolProblem PoolProblemFromShifts(const directory::Pool& pool, std::vector<RosterShift> shifts) {
  PoolProblem out;
  out.key = pool.key;
  out.time_zone = pool.time_zone;
  out.shift_days = pool.shift_days;
  out.min_rest_shifts = pool.min_rest_shifts;
  out.members = pool.members;
  std::stable_sort(shifts.begin(), shifts.end(), [](const RosterShift& a, const RosterShift& b) {
    return a.interval.start < b.interval.start;
  });
  for (RosterShift& shift : shifts) {
    if (shift.pool != pool.key) continue;
    out.slots.push_back({shift.interval, std::move(shift.person)});
  }
  return out;
}

}  // namespace paraat::roster::solver
