// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/problem.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/roster/rotation.h"
#include "common/roster/solver/prepared.h"
#include "common/status/status_macros.h"

namespace paraat::roster::solver {

namespace {

std::string PoolName(const PoolProblem& pool, size_t index) {
  return pool.key.empty() ? absl::StrCat("pool ", index + 1)
                          : absl::StrCat("pool '", pool.key, "'");
}

std::string SlotName(const PoolProblem& pool, absl::TimeZone zone, int s) {
  return absl::StrCat("pool '", pool.key, "' slot ", s + 1, " (",
                      time::FormatLocal(pool.slots[s].interval.start, zone), " - ",
                      time::FormatLocal(pool.slots[s].interval.end, zone), ")");
}

std::string Range(const Interval& i, absl::TimeZone zone) {
  return absl::StrCat(time::FormatLocal(i.start, zone), " - ", time::FormatLocal(i.end, zone));
}

absl::Status ValidatePool(const PoolProblem& pool, size_t index) {
  const std::string name = PoolName(pool, index);
  if (pool.key.empty()) return absl::InvalidArgumentError(absl::StrCat(name, " has no key"));
  PARAAT_ASSIGN_OR_RETURN(absl::TimeZone zone,
                          time::LoadZone(pool.time_zone, absl::StrCat(name, ": time_zone")));
  if (pool.shift_days < 1 || pool.shift_days > 28) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s: shift_days is %d; it must be 1 to 28", name, pool.shift_days));
  }
  if (pool.min_rest_shifts < 0 || pool.min_rest_shifts > 52) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: min_rest_shifts is %d; it must be 0 to 52", name, pool.min_rest_shifts));
  }
  if (pool.comfortable_rest_shifts != kDefaultComfortableRest &&
      (pool.comfortable_rest_shifts < 0 || pool.comfortable_rest_shifts > kMaxSlotsPerPool)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: comfortable_rest_shifts is %d; it must be 0 to %d (or %d for the "
        "default)",
        name, pool.comfortable_rest_shifts, kMaxSlotsPerPool, kDefaultComfortableRest));
  }
  if (pool.members.size() > static_cast<size_t>(kMaxMembersPerPool)) {
    return absl::InvalidArgumentError(absl::StrFormat("%s has %d members; at most %d are supported",
                                                      name, pool.members.size(),
                                                      kMaxMembersPerPool));
  }
  absl::flat_hash_set<std::string> seen;
  for (const std::string& member : pool.members) {
    if (member.empty())
      return absl::InvalidArgumentError(absl::StrCat(name, ": a member has no key"));
    if (!seen.insert(member).second) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": ", member, " is a member twice"));
    }
  }
  if (pool.slots.size() > static_cast<size_t>(kMaxSlotsPerPool)) {
    return absl::InvalidArgumentError(absl::StrFormat("%s has %d slots; at most %d are supported",
                                                      name, pool.slots.size(), kMaxSlotsPerPool));
  }
  for (size_t s = 0; s < pool.slots.size(); ++s) {
    const Interval& i = pool.slots[s].interval;
    PARAAT_RETURN_IF_ERROR(ValidateInterval(i, absl::StrCat(name, " slot ", s + 1)));
    if (s > 0 && i.start < pool.slots[s - 1].interval.end) {
      return absl::InvalidArgumentError(absl::StrCat(name, " slot ", s + 1, " (", Range(i, zone),
                                                     ") starts before slot ", s, " (",
                                                     Range(pool.slots[s - 1].interval, zone),
                                                     ") ends: slots must be in time order and "
                                                     "must not overlap"));
    }
  }
  for (size_t c = 0; c < pool.context.size(); ++c) {
    const ContextDuty& duty = pool.context[c];
    const std::string what = absl::StrCat(name, " context duty ", c + 1);
    if (duty.person.empty())
      return absl::InvalidArgumentError(absl::StrCat(what, " has no person"));
    PARAAT_RETURN_IF_ERROR(ValidateInterval(duty.interval, what));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PoolProblem> PoolProblemFor(const directory::Pool& pool, absl::CivilDay from,
                                           int weeks) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<Interval> slots,
                          DutySlots(pool, from, SlotsForWeeks(pool, weeks)));
  PoolProblem out;
  out.key = pool.key;
  out.time_zone = pool.time_zone;
  out.shift_days = pool.shift_days;
  out.min_rest_shifts = pool.min_rest_shifts;
  out.members = pool.members;
  for (const Interval& i : slots) out.slots.push_back({i, ""});
  return out;
}

std::vector<Slot> LaySlots(const std::vector<Interval>& pattern, std::vector<StayingDuty> fixed,
                           bool fill) {
  std::vector<Slot> out;
  if (pattern.empty()) return out;
  const Interval span{pattern.front().start, pattern.back().end};
  const absl::Duration half = (pattern.front().end - pattern.front().start) / 2;
  std::stable_sort(fixed.begin(), fixed.end(), [](const StayingDuty& a, const StayingDuty& b) {
    return a.interval.start < b.interval.start;
  });
  auto free_stretch = [&](absl::Time from, absl::Time to) {
    if (!fill || from >= to) return;
    std::vector<Interval> pieces;
    absl::Time start = from;
    for (const Interval& p : pattern) {
      if (p.start > from && p.start < to) {
        pieces.push_back({start, p.start});
        start = p.start;
      }
    }
    pieces.push_back({start, to});
    if (pieces.size() > 1 && pieces.front().end - pieces.front().start < half) {
      pieces[1].start = pieces.front().start;
      pieces.erase(pieces.begin());
    }
    if (pieces.size() > 1 && pieces.back().end - pieces.back().start < half) {
      pieces[pieces.size() - 2].end = pieces.back().end;
      pieces.pop_back();
    }
    for (const Interval& i : pieces) out.push_back({i, ""});
  };
  absl::Time free_from = span.start;
  for (StayingDuty& f : fixed) {
    if (!f.interval.Overlaps(span)) continue;
    free_stretch(free_from, std::min(f.interval.start, span.end));
    free_from = std::max(free_from, f.interval.end);
    out.push_back({f.interval, std::move(f.person)});
  }
  free_stretch(free_from, span.end);
  return out;
}

int ComfortableRest(const PoolProblem& pool) {
  const int wanted = pool.comfortable_rest_shifts == kDefaultComfortableRest
                         ? (static_cast<int>(pool.members.size()) - 1) / 2
                         : pool.comfortable_rest_shifts;
  return std::max(wanted, pool.min_rest_shifts);
}

absl::Status ValidateProblem(const RosterProblem& problem) {
  if (problem.pools.empty()) return absl::InvalidArgumentError("the problem has no pools");
  if (problem.pools.size() > static_cast<size_t>(kMaxPools)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the problem has %d pools; at most %d are supported", problem.pools.size(), kMaxPools));
  }
  absl::flat_hash_set<std::string> keys;
  for (size_t p = 0; p < problem.pools.size(); ++p) {
    PARAAT_RETURN_IF_ERROR(ValidatePool(problem.pools[p], p));
    if (!keys.insert(problem.pools[p].key).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("pool '", problem.pools[p].key, "' appears twice"));
    }
  }
  for (size_t i = 0; i < problem.leave.size(); ++i) {
    const Leave& leave = problem.leave[i];
    const std::string what = absl::StrCat("leave ", i + 1, " (", leave.person, ")");
    if (leave.person.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("leave ", i + 1, " has no person"));
    }
    PARAAT_RETURN_IF_ERROR(ValidateInterval(leave.interval, what));
  }
  for (size_t i = 0; i < problem.preferences.size(); ++i) {
    const Preference& pref = problem.preferences[i];
    const std::string what = absl::StrCat("preference ", i + 1, " (", pref.person, ")");
    if (pref.person.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("preference ", i + 1, " has no person"));
    }
    PARAAT_RETURN_IF_ERROR(ValidateInterval(pref.interval, what));
    if (pref.weight == 0 || pref.weight > kMaxPreferenceWeight ||
        pref.weight < -kMaxPreferenceWeight) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s has weight %d; it must be 1 to %d (would like) or -1 to -%d (rather not)", what,
          pref.weight, kMaxPreferenceWeight, kMaxPreferenceWeight));
    }
  }
  return ValidateHolidays(problem.holidays);
}

Assignment FixedAssignment(const RosterProblem& problem) {
  Assignment a;
  for (const PoolProblem& pool : problem.pools) {
    std::vector<std::string>& row = a.person.emplace_back();
    for (const Slot& slot : pool.slots) row.push_back(slot.fixed_person);
  }
  return a;
}

absl::Status ValidateAssignment(const RosterProblem& problem, const Assignment& a) {
  if (a.person.size() != problem.pools.size()) {
    return absl::InvalidArgumentError(absl::StrFormat("the roster has %d pools; the problem has %d",
                                                      a.person.size(), problem.pools.size()));
  }
  for (size_t p = 0; p < problem.pools.size(); ++p) {
    const PoolProblem& pool = problem.pools[p];
    if (a.person[p].size() != pool.slots.size()) {
      return absl::InvalidArgumentError(
          absl::StrFormat("the roster has %d slots for pool '%s'; the problem has %d",
                          a.person[p].size(), pool.key, pool.slots.size()));
    }
    for (size_t s = 0; s < pool.slots.size(); ++s) {
      const std::string& fixed = pool.slots[s].fixed_person;
      if (!fixed.empty() && a.person[p][s] != fixed) {
        return absl::InvalidArgumentError(
            absl::StrFormat("the roster gives fixed slot %d of pool '%s' to '%s'; it is %s's",
                            s + 1, pool.key, a.person[p][s], fixed));
      }
    }
  }
  return absl::OkStatus();
}

std::vector<RosterShift> DraftShifts(const RosterProblem& problem, const Assignment& a) {
  std::vector<RosterShift> out;
  for (size_t p = 0; p < problem.pools.size() && p < a.person.size(); ++p) {
    const PoolProblem& pool = problem.pools[p];
    for (size_t s = 0; s < pool.slots.size() && s < a.person[p].size(); ++s) {
      if (!pool.slots[s].fixed_person.empty() || a.person[p][s].empty()) continue;
      RosterShift shift;
      shift.pool = pool.key;
      shift.person = a.person[p][s];
      shift.interval = pool.slots[s].interval;
      out.push_back(std::move(shift));
    }
  }
  return out;
}

absl::string_view RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kUnfilled:
      return "unfilled";
    case RuleKind::kNotMember:
      return "not a member";
    case RuleKind::kOnLeave:
      return "on leave";
    case RuleKind::kTooClose:
      return "too close";
  }
  return "unfilled";
}

absl::StatusOr<std::vector<Violation>> CheckHardRules(const RosterProblem& problem,
                                                      const Assignment& a) {
  PARAAT_ASSIGN_OR_RETURN(PreparedProblem prepared, PreparedProblem::Prepare(problem));
  PARAAT_RETURN_IF_ERROR(ValidateAssignment(problem, a));
  std::vector<Violation> out;

  struct Duty {
    int pool;
    int slot;     // -1: a context duty
    int context;  // index in the pool's context (slot == -1)
    Interval interval;
    absl::Time rest_end;
    bool fixed;
  };
  absl::flat_hash_map<std::string, std::vector<Duty>> duties;
  for (int p = 0; p < prepared.num_pools(); ++p) {
    const PoolProblem& pool = problem.pools[p];
    const PreparedPool& pp = prepared.pool(p);
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      const std::string& person = a.person[p][s];
      const bool fixed = !pool.slots[s].fixed_person.empty();
      const Interval& interval = pool.slots[s].interval;
      if (person.empty()) {
        out.push_back({RuleKind::kUnfilled, pool.key, s, "", false,
                       absl::StrCat(SlotName(pool, pp.zone, s), " has nobody on duty")});
        continue;
      }
      if (!fixed && !pp.member_index.contains(person)) {
        out.push_back({RuleKind::kNotMember, pool.key, s, person, false,
                       absl::StrCat(SlotName(pool, pp.zone, s), " is given to ", person,
                                    ", who is not a member of the pool")});
      }
      if (const Leave* leave = prepared.LeaveDuring(person, interval); leave != nullptr) {
        out.push_back({RuleKind::kOnLeave, pool.key, s, person, fixed,
                       absl::StrCat(SlotName(pool, pp.zone, s), ": ", person, " is on leave ",
                                    Range(leave->interval, pp.zone))});
      }
      duties[person].push_back({p, s, -1, interval, pp.slot_rest_end[s], fixed});
    }
    for (int c = 0; c < static_cast<int>(pool.context.size()); ++c) {
      duties[pool.context[c].person].push_back(
          {p, -1, c, pool.context[c].interval, pp.context_rest_end[c], true});
    }
  }
  auto describe = [&](const Duty& d) {
    const PoolProblem& pool = problem.pools[d.pool];
    const absl::TimeZone zone = prepared.pool(d.pool).zone;
    if (d.slot >= 0) return SlotName(pool, zone, d.slot);
    return absl::StrCat("pool '", pool.key, "' duty ", Range(d.interval, zone),
                        " outside the horizon");
  };
  std::vector<std::string> people;
  for (const auto& [person, list] : duties) people.push_back(person);
  std::sort(people.begin(), people.end());
  for (const std::string& person : people) {
    std::vector<Duty>& list = duties[person];
    std::sort(list.begin(), list.end(),
              [](const Duty& x, const Duty& y) { return x.interval.start < y.interval.start; });
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        const Duty& d1 = list[i];
        const Duty& d2 = list[j];
        if (d1.slot < 0 && d2.slot < 0) continue;
        if (!TooClose(d1.interval, d1.rest_end, d2.interval, d2.rest_end)) continue;
        const Duty& at = d2.slot >= 0 ? d2 : d1;
        const std::string how =
            d1.interval.Overlaps(d2.interval) ? "overlaps" : "is within the rest after";
        out.push_back({RuleKind::kTooClose, problem.pools[at.pool].key, at.slot, person,
                       d1.fixed && d2.fixed,
                       absl::StrCat(person, ": ", describe(d2), " ", how, " ", describe(d1))});
      }
    }
  }
  return out;
}

absl::StatusOr<ObjectiveEvaluator> ObjectiveEvaluator::Create(const RosterProblem& problem) {
  PARAAT_ASSIGN_OR_RETURN(PreparedProblem prepared, PreparedProblem::Prepare(problem));
  return ObjectiveEvaluator(std::make_shared<const PreparedProblem>(std::move(prepared)));
}

absl::StatusOr<ObjectiveTerms> ObjectiveEvaluator::Evaluate(const Assignment& a) const {
  const RosterProblem& problem = prepared_->problem();
  PARAAT_RETURN_IF_ERROR(ValidateAssignment(problem, a));
  ObjectiveTerms out;
  int64_t duty_scaled = 0;
  int64_t holiday_scaled = 0;
  for (int p = 0; p < prepared_->num_pools(); ++p) {
    const PoolTerms terms = PoolObjective(*prepared_, p, a.person[p]);
    duty_scaled += terms.duty_scaled;
    holiday_scaled += terms.holiday_scaled;
    out.spacing += terms.spacing;
    out.preferences += terms.preferences;
  }
  constexpr double kScale = static_cast<double>(kShareDenominator) * kShareDenominator;
  out.fairness_scaled = duty_scaled + holiday_scaled;
  out.fairness = out.fairness_scaled / kScale;
  out.duty_fairness = duty_scaled / kScale;
  out.holiday_fairness = holiday_scaled / kScale;
  return out;
}

absl::StatusOr<ObjectiveTerms> EvaluateObjective(const RosterProblem& problem,
                                                 const Assignment& a) {
  PARAAT_ASSIGN_OR_RETURN(ObjectiveEvaluator evaluator, ObjectiveEvaluator::Create(problem));
  return evaluator.Evaluate(a);
}

}  // namespace paraat::roster::solver
