// SPDX-License-Identifier: EUPL-1.2
// RosterService: fair rosters from the MIP solver, the fairness report, the holiday list and
// stated preferences.
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/json/json.h"
#include "common/roster/rules.h"
#include "common/roster/solver/fairness.h"
#include "common/roster/solver/holidays.h"
#include "common/roster/solver/problem.h"
#include "common/roster/solver/solver.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "proto/convert/convert.h"
#include "proto/convert/roster_convert.h"
#include "server/service/roster_service.h"
#include "server/storage/settings.h"

namespace paraat::service {

using directory::Principal;
using roster::Interval;
using roster::RosterShift;
namespace solver = roster::solver;

namespace {

constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::string_view kHolidaysSetting = "roster_holidays";

// The administrator's list when there is one, else the Dutch default for the years.
absl::StatusOr<std::pair<std::vector<solver::Holiday>, bool>> LoadHolidays(storage::Database* db,
                                                                            int first_year,
                                                                            int last_year) {
  std::string text;
  if (db != nullptr) {
    PARAAT_ASSIGN_OR_RETURN(text, storage::GetSetting(*db, kHolidaysSetting, ""));
  }
  if (text.empty()) return std::make_pair(solver::DutchHolidays(first_year, last_year), false);
  PARAAT_ASSIGN_OR_RETURN(json::Value v, json::Parse(text));
  std::vector<solver::Holiday> out;
  for (const json::Value& h : v.as_array()) {
    const json::Value* name = h.Find("name");
    const json::Value* first = h.Find("first");
    const json::Value* last = h.Find("last");
    if (name == nullptr || first == nullptr || last == nullptr) continue;
    PARAAT_ASSIGN_OR_RETURN(absl::CivilDay f, time::ParseDate(first->as_string(), "first"));
    PARAAT_ASSIGN_OR_RETURN(absl::CivilDay l, time::ParseDate(last->as_string(), "last"));
    out.push_back({name->as_string(), f, l});
  }
  return std::make_pair(std::move(out), true);
}

std::string Local(absl::Time t) { return time::FormatLocal(t); }

}  // namespace

grpc::Status RosterServiceImpl::GenerateRoster(grpc::ServerContext* ctx,
                                               const v1::GenerateRosterRequest* req,
                                               v1::GenerateRosterResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, GenerateRoster), [&](const Principal& p) -> absl::Status {
    PARAAT_ASSIGN_OR_RETURN(absl::CivilDay from, time::ParseDate(req->from_date(), "from_date"));
    if (req->weeks() < 1 || req->weeks() > 156) {
      return absl::InvalidArgumentError(absl::StrCat("weeks must be 1 to 156, not ", req->weeks()));
    }
    const int budget = req->time_budget_seconds() == 0 ? 25 : req->time_budget_seconds();
    if (budget < 1 || budget > 600) {
      return absl::InvalidArgumentError("time_budget_seconds must be 1 to 600");
    }
    PARAAT_ASSIGN_OR_RETURN(std::vector<directory::Pool> pools, directory_->ListPools(false));
    std::set<std::string> targets(req->pools().begin(), req->pools().end());
    for (const std::string& t : targets) {
      PARAAT_RETURN_IF_ERROR(directory::ValidateKey(t, "pools"));
      if (std::none_of(pools.begin(), pools.end(), [&](const auto& x) { return x.key == t; })) {
        // Unknown, or deactivated (then say so).
        PARAAT_ASSIGN_OR_RETURN(directory::Pool pool, directory_->GetPool(t));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(pool));
      }
    }
    if (targets.empty()) {
      for (const auto& x : pools) targets.insert(x.key);
    }
    solver::RosterProblem problem;
    Interval horizon{absl::InfiniteFuture(), absl::InfinitePast()};
    int margin_days = 0;
    for (const auto& pool : pools) {
      PARAAT_ASSIGN_OR_RETURN(solver::PoolProblem pp, solver::PoolProblemFor(pool, from, req->weeks()));
      if (!pp.slots.empty()) {
        horizon.start = std::min(horizon.start, pp.slots.front().interval.start);
        horizon.end = std::max(horizon.end, pp.slots.back().interval.end);
      }
      margin_days = std::max(margin_days, (pool.min_rest_shifts + 1) * pool.shift_days);
      problem.pools.push_back(std::move(pp));
    }
    const absl::Time now = absl::Now();
    if (horizon.end <= now) {
      return absl::FailedPreconditionError(absl::StrCat(
          "from_date: the ", req->weeks(), " weeks from ", req->from_date(),
          " lie in the past; the past of the schedule is never changed"));
    }
    PARAAT_ASSIGN_OR_RETURN(
        roster::RosterSnapshot s,
        roster_->Snapshot({horizon.start - margin_days * kDay, horizon.end + margin_days * kDay}));
    std::map<std::string, std::vector<int64_t>> keep_ids;  // pool -> drafts that stay
    std::vector<std::string> left_out;  // members who may not serve now, with why
    std::map<std::string, Interval> spans;  // pool -> the period planned by its handovers
    for (solver::PoolProblem& pp : problem.pools) {
      const bool target = targets.count(pp.key) > 0;
      // Only who may serve is planned: a deactivated member, or one who lost the pool's
      // qualification, keeps the duties already fixed but gets no new ones.
      if (auto pool = s.pools.find(pp.key); pool != s.pools.end()) {
        roster::MemberSplit split = roster::SplitMembers(s, pool->second);
        pp.members = std::move(split.serving);
        for (const auto& [m, why] : split.not_serving) {
          if (target) left_out.push_back(absl::StrCat(m, " in ", pp.key, " (", why, ")"));
        }
      }
      // The duties that stay are slots of their holders as they are; the rest of the period
      // is laid out by the pool's handover around them (so a duty made before the handover
      // moved leaves no gap). Other pools' duties all stay. Duties that stay: begun ones (the
      // past is never changed), published ones, and those an approved or open swap refers to
      // (so the swap keeps applying, or can still be carried out).
      const Interval own = pp.slots.empty()
                               ? Interval{horizon.start, horizon.start}
                               : Interval{pp.slots.front().interval.start, pp.slots.back().interval.end};
      std::vector<Interval> pattern;
      for (const solver::Slot& slot : pp.slots) pattern.push_back(slot.interval);
      std::vector<solver::StayingDuty> fixed;
      std::set<int64_t> holders;  // the shifts that hold a slot of this pool
      for (const RosterShift& r : s.input.shifts) {
        if (r.pool != pp.key || !r.interval.Overlaps(own)) continue;
        const bool swapped = std::any_of(s.swaps.begin(), s.swaps.end(), [&](const roster::Swap& w) {
          return (w.status == roster::SwapStatus::kApproved || roster::IsOpen(w)) &&
                 (w.shift_id == r.id || w.return_shift_id == r.id);
        });
        if (target && !r.published && !swapped && r.interval.start >= now) continue;
        holders.insert(r.id);
        fixed.push_back({r.person, r.interval});
        if (target) keep_ids[pp.key].push_back(r.id);
      }
      pp.slots = solver::LaySlots(pattern, std::move(fixed), target);
      spans[pp.key] = own;
      // Every other duty of the pool limits rest and overlap: those before and after its slots,
      // among them one under way when the period begins (the period starts at the earliest
      // first handover of all pools, which may lie inside this pool's duty). Drafts the new
      // roster replaces do not count.
      // A draft the new roster replaces counts only with what stays of it: the writer keeps
      // its parts outside the period written (from now, or its start, to its end).
      const Interval written{std::max(own.start, now), own.end};
      for (const RosterShift& r : s.input.shifts) {
        if (r.pool != pp.key || holders.count(r.id) > 0) continue;
        if (target && !r.published && r.interval.Overlaps(written)) {
          if (r.interval.start < written.start) {
            pp.context.push_back({r.person, {r.interval.start, written.start}});
          }
          if (r.interval.end > written.end) pp.context.push_back({r.person, {written.end, r.interval.end}});
          continue;
        }
        pp.context.push_back({r.person, r.interval});
      }
      // Who is on duty by an approved swap or an override is on duty as much as by the roster:
      // nobody is planned into a duty that overlaps it, or into the rest after it.
      for (const roster::Replacement& r : s.input.replacements) {
        if (r.pool == pp.key) pp.context.push_back({r.to, r.interval});
      }
      for (const roster::Override& o : s.input.overrides) {
        if (o.pool == pp.key && !o.interval.empty()) pp.context.push_back({o.person, o.interval});
      }
    }
    problem.leave = s.leave;
    PARAAT_ASSIGN_OR_RETURN(std::vector<roster::Preference> prefs, roster_->ListPreferences("", horizon));
    for (const auto& pr : prefs) problem.preferences.push_back({pr.person, pr.interval, pr.weight});
    const int y0 = static_cast<int>(absl::ToCivilYear(horizon.start, absl::UTCTimeZone()).year());
    const int y1 = static_cast<int>(absl::ToCivilYear(horizon.end, absl::UTCTimeZone()).year());
    PARAAT_ASSIGN_OR_RETURN(auto holidays, LoadHolidays(db_, y0, y1));
    problem.holidays = holidays.first;
    PARAAT_RETURN_IF_ERROR(solver::ValidateProblem(problem));
    solver::SolveOptions options;
    options.time_budget = absl::Seconds(budget);
    PARAAT_ASSIGN_OR_RETURN(solver::SolveResult result, solver::SolveRoster(problem, options));
    switch (result.status) {
      case solver::SolveStatus::kOptimal: resp->set_status("optimal"); break;
      case solver::SolveStatus::kFeasible: resp->set_status("feasible"); break;
      case solver::SolveStatus::kInfeasible: resp->set_status("infeasible"); break;
    }
    for (const auto& st : result.stages) {
      v1::SolverStage* x = resp->add_stages();
      x->set_stage(std::string(StageName(st.stage)));
      for (const auto& k : st.pools) x->add_pools(k);
      x->set_proven_optimal(st.proven_optimal);
      x->set_objective(st.objective);
      x->set_best_bound(st.best_bound);
      x->set_relative_gap(st.relative_gap);
      x->set_seconds(absl::ToDoubleSeconds(st.time));
    }
    resp->set_relative_gap(result.relative_gap);
    resp->set_fairness(result.objective.fairness);
    resp->set_spacing(result.objective.spacing);
    resp->set_preferences(result.objective.preferences);
    resp->set_seconds(absl::ToDoubleSeconds(result.solve_time));
    if (!left_out.empty()) {
      resp->add_warnings(absl::StrCat("not planned, as they may not serve: ",
                                      absl::StrJoin(left_out, ", "),
                                      "; their duties already fixed stay theirs"));
    }
    for (const auto& v : result.fixed_conflicts) resp->add_warnings(v.message);
    if (result.status == solver::SolveStatus::kInfeasible) {
      for (const auto& u : result.unfillable) {
        resp->add_unfillable(absl::StrCat(u.pool_key, " ", Local(u.interval.start), " - ",
                                          Local(u.interval.end), ":\n", u.explanation));
      }
      return absl::OkStatus();  // a normal answer: nothing written, the reasons given
    }
    std::map<std::string, storage::RosterStore::PoolDrafts> drafts;
    for (const solver::PoolProblem& pp : problem.pools) {
      if (targets.count(pp.key) == 0 || pp.slots.empty()) continue;
      auto& d = drafts[pp.key];
      d.pool = pp.key;
      d.span = {std::max(spans[pp.key].start, now), spans[pp.key].end};
      d.keep_published = true;
      d.keep_ids = keep_ids[pp.key];
    }
    for (const RosterShift& r : solver::DraftShifts(problem, result.assignment)) {
      auto it = drafts.find(r.pool);
      if (it != drafts.end()) it->second.shifts.push_back(r);
    }
    std::vector<storage::RosterStore::PoolDrafts> list;
    for (auto& [k, d] : drafts) {
      if (!d.span.empty()) list.push_back(std::move(d));
    }
    PARAAT_ASSIGN_OR_RETURN(std::vector<RosterShift> written,
                            roster_->ReplaceDraftsMany(p.actor(), list, "generate",
                                                       [](const roster::RosterSnapshot&) { return absl::OkStatus(); }));
    for (const RosterShift& r : written) {
      roster::DutySlice d;
      d.pool = r.pool;
      d.person = r.person;
      d.interval = r.interval;
      d.source_id = d.shift_id = r.id;
      d.rostered = r.person;
      convert::ToProto(d, s.people, resp->add_shifts());
    }
    return absl::OkStatus();
  });
}

grpc::Status RosterServiceImpl::GetFairness(grpc::ServerContext* ctx, const v1::GetFairnessRequest* req,
                                            v1::GetFairnessResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, GetFairness), [&](const Principal&) -> absl::Status {
    const absl::Time now = absl::Now();
    absl::Time from = now - 26 * 7 * kDay, to = now + 26 * 7 * kDay;
    if (req->has_from()) {
      PARAAT_ASSIGN_OR_RETURN(from, convert::FromProto(req->from(), true, "from"));
    }
    if (req->has_to()) {
      PARAAT_ASSIGN_OR_RETURN(to, convert::FromProto(req->to(), true, "to"));
    }
    PARAAT_RETURN_IF_ERROR(roster::ValidateInterval({from, to}, "from/to"));
    if (to - from > 800 * kDay) return absl::InvalidArgumentError("from/to spans more than 800 days");
    if (!req->pool().empty()) PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->pool(), "pool"));
    PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s, roster_->Snapshot({from, to}));
    if (!req->pool().empty() && s.pools.count(req->pool()) == 0) {
      return absl::NotFoundError(absl::StrCat("unknown pool '", req->pool(), "'"));
    }
    const int y0 = static_cast<int>(absl::ToCivilYear(from, absl::UTCTimeZone()).year());
    const int y1 = static_cast<int>(absl::ToCivilYear(to, absl::UTCTimeZone()).year());
    PARAAT_ASSIGN_OR_RETURN(auto holidays, LoadHolidays(db_, y0, y1));
    for (const auto& [key, pool] : s.pools) {
      if (!req->pool().empty() && key != req->pool()) continue;
      if (!pool.active) continue;
      std::vector<RosterShift> shifts;
      for (const RosterShift& r : s.input.shifts) {
        if (r.pool == key && r.interval.start >= from && r.interval.start < to) shifts.push_back(r);
      }
      solver::RosterProblem problem;
      problem.pools.push_back(solver::PoolProblemFromShifts(pool, shifts));
      // Shares among who may serve now; a member who may not shows with what they served.
      problem.pools.back().members = roster::SplitMembers(s, pool).serving;
      problem.leave = s.leave;
      problem.holidays = holidays.first;
      PARAAT_ASSIGN_OR_RETURN(solver::FairnessReport report,
                              solver::ComputeFairness(problem, solver::FixedAssignment(problem)));
      for (const auto& pf : report.pools) {
        v1::PoolFairness* x = resp->add_pools();
        x->set_pool(pf.pool);
        x->set_duties(pf.slots - pf.unfilled);
        x->set_holiday_duties(pf.holiday_slots);
        x->set_unfilled(pf.unfilled);
        x->set_hours(pf.hours);
        x->set_spread(pf.spread);
        x->set_holiday_spread(pf.holiday_spread);
      }
      for (const auto& person : report.people) {
        v1::PersonFairness* x = resp->add_people();
        x->set_pool(person.pool);
        convert::ToProto(person.person, s.people, x->mutable_person());
        x->set_duties(person.duties);
        x->set_holiday_duties(person.holiday_duties);
        x->set_hours(person.hours);
        x->set_expected_duties(person.expected_duties);
        x->set_expected_holiday_duties(person.expected_holiday_duties);
        x->set_deviation(person.deviation);
        x->set_holiday_deviation(person.holiday_deviation);
        for (const auto& h : person.holidays) x->add_holidays(h);
        x->set_member(person.member);
      }
    }
    return absl::OkStatus();
  });
}

grpc::Status RosterServiceImpl::ListHolidays(grpc::ServerContext* ctx, const v1::ListHolidaysRequest* req,
                                             v1::ListHolidaysResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ListHolidays), [&](const Principal&) -> absl::Status {
    const int this_year = static_cast<int>(absl::ToCivilYear(absl::Now(), absl::UTCTimeZone()).year());
    constexpr int kFirst = 1970, kLast = 2200, kSpan = 20;
    const int y0 = req->from_year() == 0 ? this_year : req->from_year();
    if (y0 < kFirst || y0 > kLast) {
      return absl::InvalidArgumentError(absl::StrCat("from_year: ", y0, " is not a year from ", kFirst,
                                                     " to ", kLast));
    }
    // Checked before any arithmetic: a year near INT32_MAX must not overflow (found by
    // fuzz/roster_service_fuzz.cc).
    const int y1 = req->to_year() == 0 ? std::min(y0 + 1, kLast) : req->to_year();
    if (y1 < y0 || y1 > kLast || y1 - y0 > kSpan) {
      return absl::InvalidArgumentError(absl::StrCat("to_year: ", y1, " must lie from from_year (", y0,
                                                     ") to at most ", kSpan, " years later and not after ",
                                                     kLast));
    }
    PARAAT_ASSIGN_OR_RETURN(auto holidays, LoadHolidays(db_, y0, y1));
    for (const auto& h : holidays.first) {
      if (h.last.year() < y0 || h.first.year() > y1) continue;
      v1::Holiday* x = resp->add_holidays();
      x->set_name(h.name);
      x->set_first(absl::FormatCivilTime(h.first));
      x->set_last(absl::FormatCivilTime(h.last));
    }
    resp->set_custom(holidays.second);
    return absl::OkStatus();
  });
}

grpc::Status RosterServiceImpl::SetHolidays(grpc::ServerContext* ctx, const v1::SetHolidaysRequest* req,
                                            v1::ListHolidaysResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, SetHolidays), [&](const Principal& p) -> absl::Status {
    if (db_ == nullptr) return absl::InternalError("no settings store");
    if (req->reset_to_default() && req->holidays_size() > 0) {
      return absl::InvalidArgumentError(
          "holidays: give a list or reset_to_default, not both (the list would be dropped)");
    }
    if (req->holidays_size() > 1000) {
      return absl::InvalidArgumentError("holidays: at most 1000 periods");
    }
    std::vector<solver::Holiday> list;
    json::Value arr = json::Value::MakeArray();
    for (const auto& h : req->holidays()) {
      PARAAT_RETURN_IF_ERROR(directory::ValidateName(h.name(), "holidays.name"));
      PARAAT_ASSIGN_OR_RETURN(absl::CivilDay f, time::ParseDate(h.first(), "holidays.first"));
      PARAAT_ASSIGN_OR_RETURN(absl::CivilDay l, time::ParseDate(h.last(), "holidays.last"));
      list.push_back({h.name(), f, l});
      json::Value x;
      x.Set("name", h.name());
      x.Set("first", h.first());
      x.Set("last", h.last());
      arr.Append(x);
    }
    PARAAT_RETURN_IF_ERROR(solver::ValidateHolidays(list));
    PARAAT_RETURN_IF_ERROR(storage::SetSetting(*db_, p.actor(), kHolidaysSetting,
                                               req->reset_to_default() ? "" : arr.Serialize()));
    for (const auto& h : req->holidays()) *resp->add_holidays() = h;
    resp->set_custom(!req->reset_to_default());
    return absl::OkStatus();
  });
}

grpc::Status RosterServiceImpl::AddPreference(grpc::ServerContext* ctx, const v1::AddPreferenceRequest* req,
                                              v1::RosterPreference* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, AddPreference), [&](const Principal& p) -> absl::Status {
    roster::Preference pref;
    pref.person = req->person().empty() ? p.person : req->person();
    PARAAT_RETURN_IF_ERROR(directory::ValidateKey(pref.person, "person"));
    PARAAT_ASSIGN_OR_RETURN(pref.interval, convert::IntervalFromRequest(req->interval(), "interval"));
    if (req->weight() == 0 || req->weight() < -100 || req->weight() > 100) {
      return absl::InvalidArgumentError("weight must be 1..100 (would like) or -1..-100 (rather not)");
    }
    pref.weight = req->weight();
    pref.reason = req->reason();
    PARAAT_RETURN_IF_ERROR(roster::ValidateReason(pref.reason));
    PARAAT_ASSIGN_OR_RETURN(directory::Person who, directory_->GetPerson(pref.person));
    if (pref.person != p.person) {
      PARAAT_RETURN_IF_ERROR(directory::RequireRole(p, directory::Role::kAdministrator,
                                                    "stating someone else's preference"));
      PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(p, who.municipality, "stating a preference"));
    }
    PARAAT_ASSIGN_OR_RETURN(pref.id, roster_->AddPreference(p.actor(), pref));
    resp->set_id(pref.id);
    resp->mutable_person()->set_key(who.key);
    resp->mutable_person()->set_name(who.name);
    convert::ToProto(pref.interval, resp->mutable_interval());
    resp->set_weight(pref.weight);
    resp->set_reason(pref.reason);
    return absl::OkStatus();
  });
}

grpc::Status RosterServiceImpl::ListPreferences(grpc::ServerContext* ctx, const v1::ListPreferencesRequest* req,
                                                v1::ListPreferencesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, ListPreferences), [&](const Principal& p) -> absl::Status {
    std::string person = req->person().empty() ? p.person : req->person();
    if (person == "*") {
      // Everyone's an administrator may read: all of them for a regional one, their
      // municipality's people for a municipal one.
      PARAAT_RETURN_IF_ERROR(directory::RequireRole(p, directory::Role::kAdministrator, "listing everyone's preferences"));
      person.clear();
    } else {
      PARAAT_RETURN_IF_ERROR(directory::ValidateKey(person, "person"));
    }
    const absl::Time now = absl::Now();
    PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s, roster_->Snapshot({now, now + absl::Seconds(1)}));
    auto municipality_of = [&](const std::string& key) {
      auto who = s.people.find(key);
      return who == s.people.end() ? std::string() : who->second.municipality;
    };
    if (!person.empty()) {
      if (s.people.count(person) == 0) {
        return absl::NotFoundError(absl::StrCat("unknown person '", person, "'"));
      }
      if (!roster::MayReadReason(p, person, municipality_of(person))) {
        return absl::PermissionDeniedError(absl::StrCat(
            "listing someone else's preferences is for them and their administrators; ",
            p.username, " is neither for ", person));
      }
    }
    PARAAT_ASSIGN_OR_RETURN(std::vector<roster::Preference> list,
                            roster_->ListPreferences(person, {now - 7 * kDay, now + 1000 * kDay}));
    for (const auto& pr : list) {
      if (!roster::MayReadReason(p, pr.person, municipality_of(pr.person))) continue;
      v1::RosterPreference* x = resp->add_preferences();
      x->set_id(pr.id);
      convert::ToProto(pr.person, s.people, x->mutable_person());
      convert::ToProto(pr.interval, x->mutable_interval());
      x->set_weight(pr.weight);
      x->set_reason(pr.reason);
    }
    return absl::OkStatus();
  });
}

grpc::Status RosterServiceImpl::RemovePreference(grpc::ServerContext* ctx, const v1::RemovePreferenceRequest* req,
                                                 v1::RemovePreferenceResponse*) {
  return Serve(sc_, ctx, PARAAT_METHOD(RosterService, RemovePreference), [&](const Principal& p) -> absl::Status {
    PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
    // Administrators remove anyone's; others only their own.
    const bool admin = p.AtLeast(directory::Role::kAdministrator);
    return roster_->RemovePreference(p.actor(), req->id(), admin ? "" : p.person);
  });
}

}  // namespace paraat::service
