// SPDX-License-Identifier: EUPL-1.2
// Client: the RosterService calls.
#include "client/api/client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/status/status_macros.h"
#include "proto/convert/convert.h"
#include "proto/convert/roster_convert.h"

namespace paraat::client {

using convert::FromProto;
using convert::ToProto;

namespace {

void SetTime(std::optional<absl::Time> t, google::protobuf::Timestamp* out) {
  if (t.has_value()) ToProto(*t, out);
}

Duty ToDuty(const v1::DutySlice& d) { return {FromProto(d), FromProto(d.person())}; }

ClashView ToClash(const v1::Clash& c) { return {FromProto(c), FromProto(c.person())}; }

SwapView ToSwap(const v1::DutySwap& s) {
  return {FromProto(s), FromProto(s.giver()), FromProto(s.taker()), s.obstacle()};
}

OverrideView ToOverride(const v1::Override& o) { return {FromProto(o), FromProto(o.person())}; }

LeaveView ToLeave(const v1::Unavailability& l) { return {FromProto(l), FromProto(l.person())}; }

template <typename Resp>
ScheduleView ToSchedule(const Resp& r, const google::protobuf::RepeatedPtrField<v1::DutySlice>& s) {
  ScheduleView v;
  for (const auto& d : s) v.slices.push_back(ToDuty(d));
  for (const auto& c : r.clashes()) v.clashes.push_back(ToClash(c));
  return v;
}

}  // namespace

absl::StatusOr<OnCall> Client::GetOnCall(std::optional<absl::Time> at) {
  v1::GetOnCallRequest req;
  SetTime(at, req.mutable_at());
  if (!at.has_value()) req.clear_at();
  v1::GetOnCallResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::RosterService::Stub::GetOnCall, roster_.get(), req, &resp));
  OnCall out;
  out.at = convert::TimeFromProto(resp.at());
  for (const auto& p : resp.pools()) {
    PoolOnCall pc;
    pc.pool = p.pool();
    pc.pool_name = p.pool_name();
    if (p.has_current()) pc.current = ToDuty(p.current());
    if (p.has_next()) pc.next = ToDuty(p.next());
    if (p.has_gap_until()) pc.gap_until = convert::TimeFromProto(p.gap_until());
    if (p.has_handover()) pc.handover = convert::TimeFromProto(p.handover());
    if (p.has_current_on_leave()) pc.current_on_leave = convert::FromProto(p.current_on_leave());
    pc.current_ineligible = p.current_ineligible();
    pc.arrival_norm_minutes = p.arrival_norm_minutes();
    out.pools.push_back(std::move(pc));
  }
  return out;
}

absl::StatusOr<ScheduleView> Client::ListDuties(const std::string& person,
                                                std::optional<absl::Time> from,
                                                std::optional<absl::Time> to) {
  v1::ListDutiesRequest req;
  req.set_person(person);
  if (from) ToProto(*from, req.mutable_from());
  if (to) ToProto(*to, req.mutable_to());
  v1::ListDutiesResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::RosterService::Stub::ListDuties, roster_.get(), req, &resp));
  return ToSchedule(resp, resp.duties());
}

absl::StatusOr<ScheduleView> Client::GetSchedule(const std::string& pool,
                                                 std::optional<absl::Time> from,
                                                 std::optional<absl::Time> to) {
  v1::GetScheduleRequest req;
  req.set_pool(pool);
  if (from) ToProto(*from, req.mutable_from());
  if (to) ToProto(*to, req.mutable_to());
  v1::GetScheduleResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::RosterService::Stub::GetSchedule, roster_.get(), req, &resp));
  ScheduleView v = ToSchedule(resp, resp.slices());
  for (const auto& g : resp.gaps()) v.gaps.push_back(FromProto(g));
  return v;
}

absl::StatusOr<std::vector<Duty>> Client::RotateRoster(const std::string& pool,
                                                       const std::string& from_date, int weeks,
                                                       const std::vector<std::string>& order) {
  v1::RotateRosterRequest req;
  req.set_pool(pool);
  req.set_from_date(from_date);
  req.set_weeks(weeks);
  for (const auto& o : order) req.add_order(o);
  v1::RotateRosterResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::RotateRoster, roster_.get(), req, &resp));
  std::vector<Duty> out;
  for (const auto& d : resp.shifts()) out.push_back(ToDuty(d));
  return out;
}

absl::StatusOr<Duty> Client::AssignShift(const std::string& pool, absl::Time at,
                                         const std::string& person) {
  v1::AssignShiftRequest req;
  req.set_pool(pool);
  ToProto(at, req.mutable_at());
  req.set_person(person);
  v1::AssignShiftResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::AssignShift, roster_.get(), req, &resp));
  return ToDuty(resp.shift());
}

absl::StatusOr<std::pair<int, absl::Time>> Client::PublishRoster(const std::string& pool,
                                                                 const std::string& until_date) {
  v1::PublishRosterRequest req;
  req.set_pool(pool);
  req.set_until_date(until_date);
  v1::PublishRosterResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::PublishRoster, roster_.get(), req, &resp));
  return std::make_pair(resp.published(), convert::TimeFromProto(resp.published_until()));
}

absl::StatusOr<ScheduleView> Client::FindGaps(const std::string& pool, int days) {
  v1::FindGapsRequest req;
  req.set_pool(pool);
  req.set_days(days);
  v1::FindGapsResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::FindGaps, roster_.get(), req, &resp));
  ScheduleView v;
  for (const auto& g : resp.gaps()) v.gaps.push_back(FromProto(g));
  for (const auto& c : resp.clashes()) v.clashes.push_back(ToClash(c));
  if (resp.has_until()) v.until = convert::TimeFromProto(resp.until());
  return v;
}

absl::StatusOr<SwapView> Client::RequestSwap(const SwapRequestArgs& args, bool arrange) {
  v1::RequestSwapRequest req;
  req.set_shift_id(args.shift_id);
  req.set_taker(args.taker);
  if (args.part) ToProto(*args.part, req.mutable_part());
  req.set_return_shift_id(args.return_shift_id);
  req.set_reason(args.reason);
  v1::DutySwap resp;
  PARAAT_RETURN_IF_ERROR(Call(arrange ? &v1::RosterService::Stub::ArrangeSwap
                                      : &v1::RosterService::Stub::RequestSwap,
                              roster_.get(), req, &resp));
  return ToSwap(resp);
}

absl::StatusOr<SwapView> Client::RespondSwap(int64_t id, bool accept) {
  v1::RespondSwapRequest req;
  req.set_id(id);
  req.set_accept(accept);
  v1::DutySwap resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::RespondSwap, roster_.get(), req, &resp));
  return ToSwap(resp);
}

absl::StatusOr<SwapView> Client::DecideSwap(int64_t id, bool approve) {
  v1::DecideSwapRequest req;
  req.set_id(id);
  req.set_approve(approve);
  v1::DutySwap resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::DecideSwap, roster_.get(), req, &resp));
  return ToSwap(resp);
}

absl::StatusOr<SwapView> Client::EditSwap(int64_t id, const std::string& taker,
                                          std::optional<roster::Interval> part) {
  v1::EditSwapRequest req;
  req.set_id(id);
  req.set_taker(taker);
  if (part) ToProto(*part, req.mutable_part());
  v1::DutySwap resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::EditSwap, roster_.get(), req, &resp));
  return ToSwap(resp);
}

absl::StatusOr<SwapView> Client::CancelSwap(int64_t id) {
  v1::CancelSwapRequest req;
  req.set_id(id);
  v1::DutySwap resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::CancelSwap, roster_.get(), req, &resp));
  return ToSwap(resp);
}

absl::StatusOr<std::vector<SwapView>> Client::ListSwaps(const std::string& pool, bool mine,
                                                        bool open_only) {
  v1::ListSwapsRequest req;
  req.set_pool(pool);
  req.set_mine(mine);
  req.set_open_only(open_only);
  v1::ListSwapsResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::RosterService::Stub::ListSwaps, roster_.get(), req, &resp));
  std::vector<SwapView> out;
  for (const auto& s : resp.swaps()) out.push_back(ToSwap(s));
  return out;
}

absl::StatusOr<OverrideView> Client::CreateOverride(const std::string& pool,
                                                    const std::string& person,
                                                    std::optional<absl::Time> from,
                                                    absl::Time until, const std::string& reason) {
  v1::CreateOverrideRequest req;
  req.set_pool(pool);
  req.set_person(person);
  if (from) ToProto(*from, req.mutable_from());
  ToProto(until, req.mutable_until());
  req.set_reason(reason);
  v1::Override resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::CreateOverride, roster_.get(), req, &resp));
  return ToOverride(resp);
}

absl::StatusOr<OverrideView> Client::EndOverride(int64_t id, std::optional<absl::Time> at) {
  v1::EndOverrideRequest req;
  req.set_id(id);
  if (at) ToProto(*at, req.mutable_at());
  v1::Override resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::EndOverride, roster_.get(), req, &resp));
  return ToOverride(resp);
}

absl::StatusOr<std::vector<OverrideView>> Client::ListOverrides(const std::string& pool,
                                                                std::optional<absl::Time> from,
                                                                std::optional<absl::Time> to) {
  v1::ListOverridesRequest req;
  req.set_pool(pool);
  if (from) ToProto(*from, req.mutable_from());
  if (to) ToProto(*to, req.mutable_to());
  v1::ListOverridesResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::RosterService::Stub::ListOverrides, roster_.get(), req, &resp));
  std::vector<OverrideView> out;
  for (const auto& o : resp.overrides()) out.push_back(ToOverride(o));
  return out;
}

absl::StatusOr<std::pair<LeaveView, std::vector<ClashView>>> Client::AddUnavailability(
    const std::string& person, const roster::Interval& interval, const std::string& reason) {
  v1::AddUnavailabilityRequest req;
  req.set_person(person);
  ToProto(interval, req.mutable_interval());
  req.set_reason(reason);
  v1::AddUnavailabilityResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::RosterService::Stub::AddUnavailability, roster_.get(), req, &resp));
  std::vector<ClashView> clashes;
  for (const auto& c : resp.clashes()) clashes.push_back(ToClash(c));
  return std::make_pair(ToLeave(resp.unavailability()), std::move(clashes));
}

absl::StatusOr<LeaveView> Client::CancelUnavailability(int64_t id) {
  v1::CancelUnavailabilityRequest req;
  req.set_id(id);
  v1::Unavailability resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::RosterService::Stub::CancelUnavailability, roster_.get(), req, &resp));
  return ToLeave(resp);
}

absl::StatusOr<std::vector<LeaveView>> Client::ListUnavailability(const std::string& person,
                                                                  bool everyone,
                                                                  std::optional<absl::Time> from,
                                                                  std::optional<absl::Time> to) {
  v1::ListUnavailabilityRequest req;
  req.set_person(person);
  req.set_everyone(everyone);
  if (from) ToProto(*from, req.mutable_from());
  if (to) ToProto(*to, req.mutable_to());
  v1::ListUnavailabilityResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Read(&v1::RosterService::Stub::ListUnavailability, roster_.get(), req, &resp));
  std::vector<LeaveView> out;
  for (const auto& l : resp.unavailability()) out.push_back(ToLeave(l));
  return out;
}

absl::StatusOr<GenerateResult> Client::GenerateRoster(const std::string& from_date, int weeks,
                                                      const std::vector<std::string>& pools,
                                                      int time_budget_seconds) {
  v1::GenerateRosterRequest req;
  req.set_from_date(from_date);
  req.set_weeks(weeks);
  for (const auto& p : pools) req.add_pools(p);
  req.set_time_budget_seconds(time_budget_seconds);
  v1::GenerateRosterResponse resp;
  if (!settings_error_.ok()) return settings_error_;
  // Solving takes up to the time budget: allow for it beyond the usual deadline.
  std::unique_ptr<grpc::ClientContext> ctx =
      NewContext(absl::Seconds(time_budget_seconds == 0 ? 25 : time_budget_seconds) + absl::Seconds(60));
  PARAAT_RETURN_IF_ERROR(FromGrpc(roster_->GenerateRoster(ctx.get(), req, &resp), options_.server, tls_use_));
  GenerateResult r;
  r.status = resp.status();
  for (const auto& d : resp.shifts()) r.shifts.push_back(ToDuty(d));
  r.relative_gap = resp.relative_gap();
  for (const auto& st : resp.stages()) {
    r.stages.push_back(absl::StrCat(st.stage(), " [", absl::StrJoin(st.pools(), ","), "]: ",
                                    st.proven_optimal() ? std::string("proven optimal") : absl::StrFormat("gap %.2f%%", st.relative_gap() * 100),
                                    ", objective ", st.objective(), ", bound ", st.best_bound(), ", ",
                                    absl::StrFormat("%.2f", st.seconds()), " s"));
  }
  r.unfillable.assign(resp.unfillable().begin(), resp.unfillable().end());
  r.warnings.assign(resp.warnings().begin(), resp.warnings().end());
  r.fairness = resp.fairness();
  r.spacing = resp.spacing();
  r.preferences = resp.preferences();
  r.seconds = resp.seconds();
  return r;
}

absl::StatusOr<std::pair<std::vector<FairnessRow>, std::vector<PoolFairnessRow>>> Client::GetFairness(
    const std::string& pool, std::optional<absl::Time> from, std::optional<absl::Time> to) {
  v1::GetFairnessRequest req;
  req.set_pool(pool);
  if (from) ToProto(*from, req.mutable_from());
  if (to) ToProto(*to, req.mutable_to());
  v1::GetFairnessResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::RosterService::Stub::GetFairness, roster_.get(), req, &resp));
  std::vector<FairnessRow> people;
  for (const auto& x : resp.people()) {
    people.push_back({x.pool(), FromProto(x.person()), x.duties(), x.holiday_duties(), x.hours(),
                      x.expected_duties(), x.expected_holiday_duties(), x.deviation(),
                      x.holiday_deviation(), std::vector<std::string>(x.holidays().begin(), x.holidays().end()),
                      x.member()});
  }
  std::vector<PoolFairnessRow> pools;
  for (const auto& x : resp.pools()) {
    pools.push_back({x.pool(), x.duties(), x.holiday_duties(), x.unfilled(), x.hours(), x.spread(), x.holiday_spread()});
  }
  return std::make_pair(std::move(people), std::move(pools));
}

absl::StatusOr<std::pair<std::vector<HolidayRow>, bool>> Client::ListHolidays(int from_year, int to_year) {
  v1::ListHolidaysRequest req;
  req.set_from_year(from_year);
  req.set_to_year(to_year);
  v1::ListHolidaysResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::ListHolidays, roster_.get(), req, &resp));
  std::vector<HolidayRow> out;
  for (const auto& h : resp.holidays()) out.push_back({h.name(), h.first(), h.last()});
  return std::make_pair(std::move(out), resp.custom());
}

absl::Status Client::SetHolidays(const std::vector<HolidayRow>& holidays, bool reset) {
  v1::SetHolidaysRequest req;
  for (const auto& h : holidays) {
    v1::Holiday* x = req.add_holidays();
    x->set_name(h.name);
    x->set_first(h.first);
    x->set_last(h.last);
  }
  req.set_reset_to_default(reset);
  v1::ListHolidaysResponse resp;
  return Call(&v1::RosterService::Stub::SetHolidays, roster_.get(), req, &resp);
}

absl::StatusOr<int64_t> Client::AddPreference(const std::string& person, const roster::Interval& interval,
                                              int weight, const std::string& reason) {
  v1::AddPreferenceRequest req;
  req.set_person(person);
  ToProto(interval, req.mutable_interval());
  req.set_weight(weight);
  req.set_reason(reason);
  v1::RosterPreference resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::AddPreference, roster_.get(), req, &resp));
  return resp.id();
}

absl::StatusOr<std::vector<std::pair<roster::Preference, roster::PersonRef>>> Client::ListPreferences(
    const std::string& person) {
  v1::ListPreferencesRequest req;
  req.set_person(person);
  v1::ListPreferencesResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::RosterService::Stub::ListPreferences, roster_.get(), req, &resp));
  std::vector<std::pair<roster::Preference, roster::PersonRef>> out;
  for (const auto& p : resp.preferences()) {
    out.push_back({{p.id(), p.person().key(), FromProto(p.interval()), p.weight(), p.reason()},
                   FromProto(p.person())});
  }
  return out;
}

absl::Status Client::RemovePreference(int64_t id) {
  v1::RemovePreferenceRequest req;
  req.set_id(id);
  v1::RemovePreferenceResponse resp;
  return Call(&v1::RosterService::Stub::RemovePreference, roster_.get(), req, &resp);
}

namespace {

constexpr absl::Duration kDutyMargin = absl::Hours(24 * 14);
constexpr absl::Duration kLongestAsk = absl::Hours(24 * 800);  // the server's limit

}  // namespace

// The margin on each side: less when the server's limit leaves less room (none for a period
// beyond it, so that the server's answer is about what was asked).
roster::Interval WholeDutiesAsk(const roster::Interval& period) {
  const absl::Duration room = (kLongestAsk - (period.end - period.start)) / 2;
  const absl::Duration margin = std::clamp(room, absl::ZeroDuration(), kDutyMargin);
  return {period.start - margin, period.end + margin};
}

void KeepPeriod(ScheduleView& v, const roster::Interval& period) {
  std::erase_if(v.slices, [&](const Duty& d) { return !d.slice.interval.Overlaps(period); });
  std::erase_if(v.clashes,
                [&](const ClashView& c) { return !c.clash.interval.Overlaps(period); });
  std::erase_if(v.gaps, [&](const roster::Gap& g) { return !g.interval.Overlaps(period); });
  for (roster::Gap& g : v.gaps) {
    g.interval.start = std::max(g.interval.start, period.start);
    g.interval.end = std::min(g.interval.end, period.end);
  }
}

}  // namespace paraat::client
