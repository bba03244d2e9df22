// SPDX-License-Identifier: EUPL-1.2
#include "server/service/capacity_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/capacity/compare.h"
#include "common/crisis/access.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "proto/convert/capacity_convert.h"
#include "proto/convert/convert.h"
#include "server/log/log.h"
#include "server/storage/database.h"

namespace paraat::service {

using capacity::IsoWeek;
using directory::Principal;

namespace {

absl::StatusOr<IsoWeek> Week(const std::string& text) {
  absl::StatusOr<IsoWeek> w = capacity::ParseIsoWeek(text);
  if (!w.ok()) return absl::InvalidArgumentError(absl::StrCat("week: ", w.status().message()));
  return w;
}

absl::StatusOr<capacity::Policy> PolicyOf(v1::Policy p) {
  switch (p) {
    case v1::POLICY_UNSPECIFIED:
    case v1::POLICY_PRIORITY:
      return capacity::Policy::kPriority;
    case v1::POLICY_EQUAL_SHARE:
      return capacity::Policy::kEqualShare;
    default:
      return absl::InvalidArgumentError("policy is unknown (priority or equal-share)");
  }
}

v1::Policy ToProto(capacity::Policy p) {
  return p == capacity::Policy::kEqualShare ? v1::POLICY_EQUAL_SHARE : v1::POLICY_PRIORITY;
}

// The crisis week must lie within the crisis: from the week it opened to the week it closed.
// An allocation for a week that is over would be in force for no moment at all.
absl::Status CheckWeekNotOver(IsoWeek week, absl::Time now) {
  if (capacity::WeekIsOver(week, now)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "week ", capacity::FormatIsoWeek(week), " is over: an allocation for it would be in force "
        "at no moment; plan the current or a coming week"));
  }
  return absl::OkStatus();
}

absl::Status CheckWeekInCrisis(const crisis::Crisis& c, IsoWeek week) {
  absl::StatusOr<absl::TimeZone> zone = time::LoadZone(time::kDefaultZone);
  if (!zone.ok()) return zone.status();
  absl::StatusOr<absl::CivilDay> monday = time::ParseIsoWeek(capacity::FormatIsoWeek(week), "week");
  if (!monday.ok()) return monday.status();
  const absl::CivilDay opened = absl::ToCivilDay(c.opened, *zone);
  const absl::CivilDay opened_monday = opened - (time::IsoWeekday(opened) - 1);
  if (*monday < opened_monday) {
    return absl::FailedPreconditionError(absl::StrCat(
        "week ", capacity::FormatIsoWeek(week), " lies before crisis ", c.id, " opened (",
        time::FormatIsoWeek(opened), ")"));
  }
  if (c.closed.has_value()) {
    const absl::CivilDay closed = absl::ToCivilDay(*c.closed, *zone);
    if (*monday > closed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "week ", capacity::FormatIsoWeek(week), " lies after crisis ", c.id, " closed (",
          time::FormatIsoWeek(closed), ")"));
    }
  }
  return absl::OkStatus();
}

void ToProto(const capacity::ReallocationPlan& plan, v1::Proposal* out) {
  for (const auto& a : plan.allocations) {
    v1::AmbitionOutcome* x = out->add_allocations();
    x->set_municipality(a.municipality);
    x->set_ambition(a.ambition);
    x->set_planned_hours(a.planned_hours);
    x->set_floor_hours(a.floor_hours);
    x->set_kept_hours(a.kept_hours);
    x->set_given_up_hours(a.given_up_hours);
  }
  for (const auto& l : plan.loans) {
    v1::Loan* x = out->add_loans();
    x->set_lender(l.lender);
    x->set_borrower(l.borrower);
    x->set_hours(l.hours);
    x->set_cost(l.cost);
    x->set_cost_per_hour(l.cost_per_hour);
  }
  for (const auto& m : plan.municipalities) {
    v1::MunicipalityOutcome* x = out->add_municipalities();
    x->set_municipality(m.municipality);
    x->set_fte(m.fte);
    x->set_planned_hours(m.planned_hours);
    x->set_kept_hours(m.kept_hours);
    x->set_demand_hours(m.demand_hours);
    x->set_crisis_hours_own(m.crisis_hours_own);
    x->set_crisis_hours_borrowed(m.crisis_hours_borrowed);
    x->set_hours_lent(m.hours_lent);
    x->set_overtime_hours(m.overtime_hours);
    x->set_shortfall_hours(m.shortfall_hours);
    x->set_workload_per_fte_before(m.workload_per_fte_before);
    x->set_workload_per_fte_after(m.workload_per_fte_after);
    x->set_share_kept(m.share_kept);
  }
  for (const auto& s : plan.shortfalls) out->add_shortfalls(s.text);
  out->set_summary(capacity::PlanSummary(plan));
  out->set_total_demand_hours(plan.total_demand_hours);
  out->set_total_shortfall_hours(plan.total_shortfall_hours);
}

absl::Status CheckHours(double v, absl::string_view field) {
  if (!(v >= 0) || v > capacity::kMaxHours) {
    return absl::InvalidArgumentError(absl::StrFormat("%s must be 0 to %.0f hours, not %.10g",
                                                      field, capacity::kMaxHours, v));
  }
  return absl::OkStatus();
}

absl::Status CheckHasDemand(int64_t crisis_id, const capacity::CrisisDemand& demand) {
  if (capacity::TotalDemandHours(demand) > 0) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "crisis ", crisis_id, " has no demand for ", capacity::FormatIsoWeek(demand.week),
      demand.hours.empty() ? "" : " (every municipality's demand is 0 h)",
      "; set it first (paraat capacity demand set)"));
}

}  // namespace

std::vector<storage::AllocationRecord> WithoutEndedWeeks(
    std::vector<storage::AllocationRecord> allocations, absl::Time now,
    std::vector<std::string>* ended) {
  std::vector<storage::AllocationRecord> out;
  for (storage::AllocationRecord& a : allocations) {
    if (capacity::WeekIsOver(a.week, now)) {
      if (ended != nullptr) {
        ended->push_back(absl::StrCat("allocation ", a.id, " of ", capacity::FormatIsoWeek(a.week)));
      }
      continue;
    }
    out.push_back(std::move(a));
  }
  return out;
}

void RestoreAllocations(storage::CrisisStore* crises, const Principal& p, int64_t crisis_id,
                        std::vector<storage::AllocationRecord> active,
                        std::optional<crisis::AppendRequest> close,
                        std::function<void(absl::StatusOr<std::vector<crisis::Entry>>)> done) {
  std::vector<crisis::AppendRequest> requests;
  std::vector<int64_t> ids;
  for (const auto& a : active) {
    crisis::AppendRequest r;
    r.crisis_id = crisis_id;
    r.kind = crisis::EntryKind::kDecision;
    r.text = absl::StrCat("Capacity allocation ", a.id, " for ", capacity::FormatIsoWeek(a.week),
                          " (approved in entry ", a.decision_seq,
                          ") ends: the hours it moved for this crisis go back to the municipalities' plans.");
    r.refs = {a.decision_seq};
    r.idempotency_key = absl::StrCat("restore-allocation-", a.id);
    requests.push_back(std::move(r));
    ids.push_back(a.id);
  }
  // A close goes by the rules of appending it (a municipal coordinator closes only a crisis of
  // their municipality alone), as it would without allocations.
  std::optional<crisis::AppendRequest> closing = close;
  if (close.has_value()) requests.push_back(*std::move(close));
  crises->AppendAllAsync(
      {p.username, p.person_name}, std::move(requests),
      [p, closing](const crisis::Crisis& c) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(crisis::CheckWrite(p, c));
        if (closing.has_value()) return crisis::CheckAppend(p, c, *closing, "");
        return absl::OkStatus();
      },
      [ids, username = p.username](storage::Txn& txn,
                                   const std::vector<crisis::Entry>& entries) -> absl::Status {
        for (size_t i = 0; i < ids.size(); ++i) {
          PARAAT_RETURN_IF_ERROR(storage::RestoreInTxn(txn, ids[i], username, entries[i].seq));
        }
        return absl::OkStatus();
      },
      [done = std::move(done)](absl::StatusOr<std::vector<storage::AppendResult>> results) {
        if (!results.ok()) return done(results.status());
        std::vector<crisis::Entry> out;
        for (auto& r : *results) out.push_back(std::move(r.entry));
        done(std::move(out));
      });
}

absl::Status CapacityServiceImpl::FillProposal(const storage::ProposalRecord& p,
                                               const Principal& reader, v1::Proposal* out) {
  PARAAT_ASSIGN_OR_RETURN(capacity::ReallocationPlan plan, capacity::Propose(p.input, p.policy));
  out->set_id(p.id);
  out->set_crisis(p.crisis_id);
  out->set_week(capacity::FormatIsoWeek(p.week));
  out->set_policy(ToProto(p.policy));
  out->set_created_by(p.created_by);
  convert::ToProto(p.created, out->mutable_created());
  ToProto(plan, out);
  PARAAT_ASSIGN_OR_RETURN(const bool stale, Stale(p));
  out->set_stale(stale);
  return AddWarnings(p, reader, out);
}

absl::StatusOr<bool> CapacityServiceImpl::Stale(const storage::ProposalRecord& p) {
  // Data that can no longer make a proposal (demand of a municipality taken out of use) is a
  // change like any other: the proposal is stale, and still shown.
  absl::StatusOr<capacity::CapacityInput> now =
      capacity_->CurrentInput(p.crisis_id, p.week, p.input.demand.crisis);
  if (!now.ok() && !absl::IsFailedPrecondition(now.status())) return now.status();
  return !now.ok() || storage::InputDigest(*now) != p.digest;
}

std::vector<std::string> CapacityServiceImpl::OtherCrisesWarnings(int64_t crisis_id,
                                                                   capacity::IsoWeek week,
                                                                   absl::string_view what,
                                                                   const Principal* reader) {
  // Each crisis is planned on its own: what another crisis's allocation already claims that
  // week is not counted here, so approving both may ask hours twice.
  std::vector<std::string> out;
  absl::StatusOr<std::vector<storage::AllocationRecord>> active = capacity_->Active(0);
  if (!active.ok()) {
    // The proposal or approval stands; only the warning is missing.
    log::Warning("capacity", "cannot read the allocations in force for a warning",
                 {{"error", std::string(active.status().message())}});
    return out;
  }
  for (const storage::AllocationRecord& a : *active) {
    if (a.crisis_id == crisis_id || !(a.week == week)) continue;
    // Which crisis only to a reader who may read it: read access is all-or-nothing. That
    // hours are claimed twice is said to everyone (the log notes it without naming it).
    bool named = false;
    if (reader != nullptr) {
      absl::StatusOr<crisis::Crisis> other = crises_->GetCrisis(a.crisis_id);
      named = other.ok() && crisis::CanRead(*reader, *other);
    }
    const std::string which =
        named ? absl::StrCat("allocation ", a.id, " (proposal ", a.proposal_id, ") of crisis ",
                             a.crisis_id)
              : std::string("an allocation of another crisis");
    out.push_back(absl::StrCat(
        which, " is in force in ", capacity::FormatIsoWeek(a.week), " too; this ", what,
        " does not count the hours it already claims, so together they may ask more than the "
        "municipalities have"));
  }
  return out;
}

std::vector<std::string> CapacityServiceImpl::OutOfUseWarnings(const storage::ProposalRecord& p) {
  absl::StatusOr<capacity::CapacityInput> all =
      capacity_->CurrentInput(p.crisis_id, p.week, p.input.demand.crisis, true);
  if (!all.ok()) return {};  // the data cannot make a proposal now: it is stale anyway
  return capacity::OutOfUseNotes(p.input, *all);
}

absl::Status CapacityServiceImpl::AddWarnings(const storage::ProposalRecord& p,
                                              const Principal& reader, v1::Proposal* out) {
  for (std::string& w : OutOfUseWarnings(p)) out->add_warnings(std::move(w));
  for (std::string& w : OtherCrisesWarnings(p.crisis_id, p.week, "proposal", &reader)) {
    out->add_warnings(std::move(w));
  }
  return absl::OkStatus();
}

grpc::Status CapacityServiceImpl::ListAmbitions(grpc::ServerContext* ctx,
                                                const v1::ListAmbitionsRequest*,
                                                v1::ListAmbitionsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, ListAmbitions),
               [&](const Principal&) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(auto list, capacity_->ListAmbitions());
                 for (const auto& [a, active] : list) {
                   v1::Ambition* x = resp->add_ambitions();
                   x->set_key(a.key);
                   x->set_name(a.name);
                   x->set_rank(a.rank);
                   x->set_weight(a.weight);
                   x->set_regular(a.regular);
                   x->set_active(active);
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::SetAmbition(grpc::ServerContext* ctx,
                                              const v1::SetAmbitionRequest* req, v1::Ambition* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, SetAmbition),
               [&](const Principal& p) -> absl::Status {
                 const v1::Ambition& in = req->ambition();
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(in.key(), "ambition.key"));
                 PARAAT_RETURN_IF_ERROR(directory::ValidateName(in.name(), "ambition.name"));
                 if (in.rank() < 1 || in.rank() > 100) {
                   return absl::InvalidArgumentError(absl::StrCat("ambition.rank must be 1 to 100, not ", in.rank()));
                 }
                 const double weight = in.weight() == 0 ? 1.0 : in.weight();
                 if (!(weight >= capacity::kMinFactor && weight <= capacity::kMaxFactor)) {
                   return absl::InvalidArgumentError(absl::StrCat("ambition.weight must be ", capacity::kMinFactor,
                                                                  " to ", capacity::kMaxFactor));
                 }
                 capacity::Ambition a{in.key(), in.name(), in.rank(), weight, in.regular()};
                 PARAAT_RETURN_IF_ERROR(capacity_->SetAmbition(
                     p.actor(), a, in.active(),
                     [](const capacity::CapacityInput& all) { return capacity::Validate(all); }));
                 *resp = in;
                 resp->set_weight(weight);
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::GetCapacity(grpc::ServerContext* ctx, const v1::GetCapacityRequest*,
                                              v1::GetCapacityResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, GetCapacity),
               [&](const Principal&) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(auto data, capacity_->GetCapacity());
                 for (const auto& m : data.first) {
                   v1::MunicipalityCapacity* x = resp->add_municipalities();
                   x->set_municipality(m.key);
                   x->set_fte(m.fte);
                   x->set_available_hours(m.available_hours);
                   x->set_overtime_hours(m.overtime_hours);
                   for (const auto& line : m.plan) {
                     v1::PlanLine* l = x->add_plan();
                     l->set_ambition(line.ambition);
                     l->set_planned_hours(line.planned_hours);
                     if (line.floor_hours.has_value()) l->set_floor_hours(*line.floor_hours);
                   }
                   x->set_version(storage::CapacityVersion(m));
                 }
                 resp->set_loans_same_region_default(data.second.same_region_default);
                 resp->set_loans_default_cost(data.second.default_cost);
                 for (const auto& r : data.second.rules) {
                   v1::LoanRule* x = resp->add_loan_rules();
                   x->set_lender(r.lender);
                   x->set_borrower(r.borrower);
                   x->set_allowed(r.allowed);
                   x->set_cost(r.cost);
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::SetCapacity(grpc::ServerContext* ctx,
                                              const v1::MunicipalityCapacity* req,
                                              v1::MunicipalityCapacity* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(CapacityService, SetCapacity), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->municipality(), "municipality"));
        PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(p, req->municipality(), "changing capacity figures"));
        PARAAT_RETURN_IF_ERROR(CheckHours(req->available_hours(), "available_hours"));
        PARAAT_RETURN_IF_ERROR(CheckHours(req->overtime_hours(), "overtime_hours"));
        if (!(req->fte() >= capacity::kMinFte && req->fte() <= capacity::kMaxFte)) {
          return absl::InvalidArgumentError(absl::StrFormat(
              "fte must be from %g to %g, not %g", capacity::kMinFte, capacity::kMaxFte, req->fte()));
        }
        // A version is what a read gave (64 hex digits); empty: change whatever is there.
        if (!req->version().empty() &&
            (req->version().size() != 64 ||
             req->version().find_first_not_of("0123456789abcdef") != std::string::npos)) {
          return absl::InvalidArgumentError(
              "version is not one a read of the capacity figures gave (64 hex digits), so it "
              "cannot say whether they changed since; read them again");
        }
        capacity::Municipality m;
        m.key = req->municipality();
        m.fte = req->fte();
        m.available_hours = req->available_hours();
        m.overtime_hours = req->overtime_hours();
        for (const auto& line : req->plan()) {
          PARAAT_RETURN_IF_ERROR(directory::ValidateKey(line.ambition(), "plan.ambition"));
          PARAAT_RETURN_IF_ERROR(CheckHours(line.planned_hours(), absl::StrCat("plan ", line.ambition(), " planned_hours")));
          capacity::AmbitionPlan ap{line.ambition(), line.planned_hours(), std::nullopt};
          if (line.has_floor_hours()) {
            PARAAT_RETURN_IF_ERROR(CheckHours(line.floor_hours(), absl::StrCat("plan ", line.ambition(), " floor_hours")));
            ap.floor_hours = line.floor_hours();
          }
          m.plan.push_back(ap);
        }
        PARAAT_RETURN_IF_ERROR(capacity_->SetCapacity(
            p.actor(), m, [](const capacity::CapacityInput& in) { return capacity::Validate(in); },
            req->version()));
        *resp = *req;
        // The version readers see now (they see the municipality's name and region too).
        PARAAT_ASSIGN_OR_RETURN(auto now, capacity_->GetCapacity());
        for (const auto& x : now.first) {
          if (x.key == m.key) resp->set_version(storage::CapacityVersion(x));
        }
        return absl::OkStatus();
      });
}

grpc::Status CapacityServiceImpl::SetLoanRule(grpc::ServerContext* ctx, const v1::LoanRule* req,
                                              v1::LoanRule* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, SetLoanRule),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->lender(), "lender"));
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->borrower(), "borrower"));
                 if (req->lender() == req->borrower()) {
                   return absl::InvalidArgumentError("lender and borrower are the same municipality");
                 }
                 const double cost = req->cost() == 0 ? capacity::kDefaultLoanCost : req->cost();
                 // Below 1 lending would pay for itself, and proposals would lend both ways.
                 if (!(cost >= capacity::kMinLoanCost && cost <= capacity::kMaxFactor)) {
                   return absl::InvalidArgumentError(absl::StrFormat(
                       "cost must be from %g to %g (a lent hour costs at least a local hour), not %g",
                       capacity::kMinLoanCost, capacity::kMaxFactor, cost));
                 }
                 PARAAT_RETURN_IF_ERROR(capacity_->SetLoanRule(
                     p.actor(), {req->lender(), req->borrower(), req->allowed(), cost}));
                 *resp = *req;
                 resp->set_cost(cost);
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::SetDemand(grpc::ServerContext* ctx, const v1::SetDemandRequest* req,
                                            v1::Demand* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, SetDemand),
               [&](const Principal& p) -> absl::Status {
                 const v1::Demand& d = req->demand();
                 PARAAT_ASSIGN_OR_RETURN(IsoWeek week, Week(d.week()));
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(d.municipality(), "municipality"));
                 PARAAT_RETURN_IF_ERROR(CheckHours(d.hours(), "hours"));
                 PARAAT_RETURN_IF_ERROR(RequireId(d.crisis(), "crisis"));
                 PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(d.crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckWrite(p, c));
                 // What a crisis claims of a municipality's staff is for that municipality (or
                 // the region) to state.
                 PARAAT_RETURN_IF_ERROR(directory::RequireMunicipality(
                     p, d.municipality(), "stating the crisis demand of a municipality"));
                 PARAAT_RETURN_IF_ERROR(CheckWeekInCrisis(c, week));
                 PARAAT_RETURN_IF_ERROR(capacity_->SetDemand(p.actor(), {c.id, week, d.municipality(), d.hours()}));
                 *resp = d;
                 resp->set_week(capacity::FormatIsoWeek(week));
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::ListDemand(grpc::ServerContext* ctx, const v1::ListDemandRequest* req,
                                             v1::ListDemandResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, ListDemand),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(req->crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 PARAAT_ASSIGN_OR_RETURN(auto list, capacity_->ListDemand(c.id));
                 for (const auto& d : list) {
                   v1::Demand* x = resp->add_demand();
                   x->set_crisis(d.crisis_id);
                   x->set_week(capacity::FormatIsoWeek(d.week));
                   x->set_municipality(d.municipality);
                   x->set_hours(d.hours);
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::Propose(grpc::ServerContext* ctx, const v1::ProposeRequest* req,
                                          v1::Proposal* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, Propose),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 PARAAT_ASSIGN_OR_RETURN(IsoWeek week, Week(req->week()));
                 PARAAT_ASSIGN_OR_RETURN(capacity::Policy policy, PolicyOf(req->policy()));
                 PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(req->crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 PARAAT_RETURN_IF_ERROR(CheckWeekInCrisis(c, week));
                 storage::ProposalRecord record;
                 record.crisis_id = c.id;
                 record.week = week;
                 record.policy = policy;
                 PARAAT_ASSIGN_OR_RETURN(record.input, capacity_->CurrentInput(c.id, week, c.title));
                 // Rows of 0 h (a demand taken back) are no demand either: a proposal that
                 // moves nothing would only be a decision about nothing.
                 PARAAT_RETURN_IF_ERROR(CheckHasDemand(c.id, record.input.demand));
                 PARAAT_RETURN_IF_ERROR(capacity::Validate(record.input));
                 PARAAT_ASSIGN_OR_RETURN(capacity::ReallocationPlan plan, capacity::Propose(record.input, policy));
                 record.digest = storage::InputDigest(record.input);
                 record.summary = capacity::PlanSummary(plan);
                 PARAAT_ASSIGN_OR_RETURN(record.id, capacity_->SaveProposal(p.actor(), record));
                 record.created_by = p.username;
                 record.created = absl::Now();
                 resp->set_id(record.id);
                 resp->set_crisis(c.id);
                 resp->set_week(capacity::FormatIsoWeek(week));
                 resp->set_policy(ToProto(policy));
                 resp->set_created_by(p.username);
                 convert::ToProto(record.created, resp->mutable_created());
                 ToProto(plan, resp);
                 return AddWarnings(record, p, resp);
               });
}

grpc::Status CapacityServiceImpl::GetProposal(grpc::ServerContext* ctx, const v1::GetProposalRequest* req,
                                              v1::Proposal* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, GetProposal),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->id(), "id"));
                 PARAAT_ASSIGN_OR_RETURN(storage::ProposalRecord record, capacity_->GetProposal(req->id()));
                 PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(record.crisis_id));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 return FillProposal(record, p, resp);
               });
}

grpc::Status CapacityServiceImpl::ListProposals(grpc::ServerContext* ctx,
                                                const v1::ListProposalsRequest* req,
                                                v1::ListProposalsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, ListProposals),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 std::optional<IsoWeek> week;
                 if (!req->week().empty()) {
                   PARAAT_ASSIGN_OR_RETURN(week, Week(req->week()));
                 }
                 PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(req->crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<storage::ProposalRecord> list,
                                         capacity_->ListProposals(c.id, week));
                 for (const storage::ProposalRecord& r : list) {
                   v1::ProposalHeader* h = resp->add_proposals();
                   h->set_id(r.id);
                   h->set_crisis(r.crisis_id);
                   h->set_week(capacity::FormatIsoWeek(r.week));
                   h->set_policy(ToProto(r.policy));
                   h->set_created_by(r.created_by);
                   convert::ToProto(r.created, h->mutable_created());
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::CompareProposals(grpc::ServerContext* ctx,
                                                   const v1::CompareProposalsRequest* req,
                                                   v1::CompareProposalsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, CompareProposals),
               [&](const Principal& p) -> absl::Status {
                 if (req->ids_size() < 1 || req->ids_size() > 10) {
                   return absl::InvalidArgumentError("ids: give 1 to 10 proposals");
                 }
                 std::vector<capacity::ReallocationPlan> plans;
                 std::vector<std::string> labels;
                 for (int i = 0; i < req->ids_size(); ++i) {
                   PARAAT_RETURN_IF_ERROR(RequireId(req->ids(i), absl::StrCat("ids[", i, "]")));
                 }
                 for (int64_t id : req->ids()) {
                   PARAAT_ASSIGN_OR_RETURN(storage::ProposalRecord record, capacity_->GetProposal(id));
                   PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(record.crisis_id));
                   PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                   PARAAT_ASSIGN_OR_RETURN(capacity::ReallocationPlan plan, capacity::Propose(record.input, record.policy));
                   plans.push_back(std::move(plan));
                   labels.push_back(absl::StrCat("#", id, " ", capacity::PolicyName(record.policy)));
                   PARAAT_RETURN_IF_ERROR(FillProposal(record, p, resp->add_proposals()));
                 }
                 absl::StatusOr<capacity::PlanComparison> cmp = capacity::ComparePlans(plans, labels);
                 if (!cmp.ok()) {
                   return absl::InvalidArgumentError(absl::StrCat("ids: ", cmp.status().message()));
                 }
                 resp->set_table(capacity::FormatComparison(*cmp));
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::Approve(grpc::ServerContext* ctx, const v1::ApproveRequest* req,
                                          v1::Allocation* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(CapacityService, Approve), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(RequireId(req->proposal(), "proposal"));
        PARAAT_ASSIGN_OR_RETURN(storage::ProposalRecord record, capacity_->GetProposal(req->proposal()));
        PARAAT_RETURN_IF_ERROR(CheckWeekNotOver(record.week, absl::Now()));
        // A proposal made on no demand (before it was refused) moves nothing: no decision.
        PARAAT_RETURN_IF_ERROR(CheckHasDemand(record.crisis_id, record.input.demand));
        crisis::AppendRequest decision;
        decision.crisis_id = record.crisis_id;
        decision.kind = crisis::EntryKind::kDecision;
        decision.text = absl::StrCat("Capacity plan approved (proposal ", record.id, ", ",
                                     capacity::PolicyName(record.policy), "):\n", record.summary);
        PARAAT_ASSIGN_OR_RETURN(std::vector<storage::AllocationRecord> allocations,
                                capacity_->ListAllocations(record.crisis_id));
        for (const storage::AllocationRecord& a : allocations) {
          if (a.proposal_id != record.id) continue;
          // Approved before: the same answer again while it is in force (a retry); approving
          // again what has ended would only repeat that old answer.
          if (a.restored.has_value()) {
            return absl::FailedPreconditionError(absl::StrCat(
                "proposal ", record.id, " was approved as allocation ", a.id, " (entry ",
                a.decision_seq, "), which ended at ", time::FormatLocal(*a.restored), " by ",
                a.restored_by, " (entry ", a.restore_seq,
                "); to apply this plan again, make a new proposal (paraat capacity propose)"));
          }
          convert::ToProto(a, resp);
          for (const std::string& w : OutOfUseWarnings(record)) resp->add_warnings(w);
          for (const std::string& w :
               OtherCrisesWarnings(record.crisis_id, record.week, "plan", &p)) {
            resp->add_warnings(w);
          }
          return absl::OkStatus();
        }
        // One allocation is in force per week: say which one this approval ends.
        std::vector<int64_t> replaced;
        for (const storage::AllocationRecord& a : allocations) {
          if (!(a.week == record.week) || a.restored.has_value()) continue;
          absl::StrAppend(&decision.text, "\nIt replaces allocation ", a.id, " (proposal ",
                          a.proposal_id, ", approved in entry ", a.decision_seq, ").");
          replaced.push_back(a.id);
        }
        // The record says what it was decided alongside: ambitions out of use, and another
        // crisis's plan for the week (unnamed in the log, which its readers may not read).
        std::vector<std::string> warnings = OutOfUseWarnings(record);
        std::vector<std::string> notes = warnings;
        for (std::string& w : OtherCrisesWarnings(record.crisis_id, record.week, "plan", nullptr)) {
          notes.push_back(std::move(w));
        }
        for (std::string& w : OtherCrisesWarnings(record.crisis_id, record.week, "plan", &p)) {
          warnings.push_back(std::move(w));
        }
        for (const std::string& w : notes) absl::StrAppend(&decision.text, "\nNote: ", w, ".");
        decision.municipalities.clear();
        decision.idempotency_key = absl::StrCat("approve-proposal-", record.id);
        storage::AllocationRecord made;
        PARAAT_ASSIGN_OR_RETURN(
            std::vector<storage::AppendResult> results,
            crises_->AppendAll(
                {p.username, p.person_name}, {decision},
                [&](const crisis::Crisis& c) { return crisis::CheckWrite(p, c); },
                [&](storage::Txn& txn, const std::vector<crisis::Entry>& entries) -> absl::Status {
                  // The decision names what it replaces: that must still be what is in force.
                  PARAAT_ASSIGN_OR_RETURN(
                      std::vector<storage::AllocationRecord> now,
                      storage::ActiveAllocations(txn.conn(), record.crisis_id, record.week));
                  std::vector<int64_t> in_force;
                  for (const auto& a : now) in_force.push_back(a.id);
                  std::sort(in_force.begin(), in_force.end());
                  std::sort(replaced.begin(), replaced.end());
                  if (in_force != replaced) {
                    return absl::AbortedError(absl::StrCat(
                        "another approval for ", capacity::FormatIsoWeek(record.week),
                        " came in meanwhile; look at what is in force (paraat capacity show) and "
                        "approve again"));
                  }
                  PARAAT_ASSIGN_OR_RETURN(made, storage::ApproveInTxn(txn, record.id, p.username, entries[0].seq));
                  return absl::OkStatus();
                }));
        if (results.front().replayed) {
          PARAAT_ASSIGN_OR_RETURN(auto all, capacity_->ListAllocations(record.crisis_id));
          for (const auto& a : all) {
            if (a.proposal_id == record.id) made = a;
          }
        }
        convert::ToProto(made, resp);
        for (const std::string& w : warnings) resp->add_warnings(w);
        return absl::OkStatus();
      });
}

grpc::Status CapacityServiceImpl::Restore(grpc::ServerContext* ctx, const v1::RestoreRequest* req,
                                          v1::Allocation* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, Restore),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 std::optional<IsoWeek> week;
                 if (!req->week().empty()) {
                   PARAAT_ASSIGN_OR_RETURN(week, Week(req->week()));
                 }
                 // An unknown crisis is named as such (NOT_FOUND), not as one without allocations.
                 PARAAT_RETURN_IF_ERROR(crises_->GetCrisis(req->crisis()).status());
                 PARAAT_ASSIGN_OR_RETURN(std::vector<storage::AllocationRecord> active,
                                         capacity_->Active(req->crisis()));
                 if (week.has_value()) {
                   active.erase(std::remove_if(active.begin(), active.end(),
                                               [&](const auto& a) { return !(a.week == *week); }),
                                active.end());
                 }
                 // One whose week is over ended with it: restoring it now would record a
                 // decision about hours long spent.
                 std::vector<std::string> over;
                 active = WithoutEndedWeeks(std::move(active), absl::Now(), &over);
                 if (active.empty()) {
                   return absl::NotFoundError(absl::StrCat(
                       "crisis ", req->crisis(), " has no active capacity allocation",
                       week ? absl::StrCat(" for ", capacity::FormatIsoWeek(*week)) : "",
                       over.empty() ? ""
                                    : absl::StrCat(" (", absl::StrJoin(over, ", "),
                                                   " ended with its week)")));
                 }
                 absl::StatusOr<std::vector<crisis::Entry>> restored;
                 absl::Notification finished;
                 RestoreAllocations(crises_, p, req->crisis(), active, std::nullopt,
                                    [&](absl::StatusOr<std::vector<crisis::Entry>> r) {
                                      restored = std::move(r);
                                      finished.Notify();
                                    });
                 finished.WaitForNotification();
                 PARAAT_ASSIGN_OR_RETURN(std::vector<crisis::Entry> entries, std::move(restored));
                 storage::AllocationRecord last = active.back();
                 last.restored = absl::Now();
                 last.restored_by = p.username;
                 last.restore_seq = entries.back().seq;
                 convert::ToProto(last, resp);
                 return absl::OkStatus();
               });
}

grpc::Status CapacityServiceImpl::ListAllocations(grpc::ServerContext* ctx,
                                                  const v1::ListAllocationsRequest* req,
                                                  v1::ListAllocationsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CapacityService, ListAllocations),
               [&](const Principal& p) -> absl::Status {
                 if (req->crisis() != 0) {
                   // One crisis (0: all those the caller may read).
                   PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                   PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, crises_->GetCrisis(req->crisis()));
                   PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 }
                 PARAAT_ASSIGN_OR_RETURN(std::vector<storage::AllocationRecord> list,
                                         capacity_->ListAllocations(req->crisis()));
                 std::optional<absl::Time> at;
                 if (req->has_at()) {
                   PARAAT_ASSIGN_OR_RETURN(at, convert::FromProto(req->at(), true, "at"));
                 }
                 absl::StatusOr<absl::TimeZone> zone = time::LoadZone(time::kDefaultZone);
                 if (!zone.ok()) return zone.status();
                 for (const auto& a : list) {
                   absl::StatusOr<crisis::Crisis> c = crises_->GetCrisis(a.crisis_id);
                   if (!c.ok() || !crisis::CanRead(p, *c)) continue;
                   if (at.has_value()) {
                     // In force at `at`: its week contains `at`, approved before, not yet restored.
                     const std::string at_week = time::FormatIsoWeek(absl::ToCivilDay(*at, *zone));
                     if (at_week != capacity::FormatIsoWeek(a.week) || a.approved > *at ||
                         (a.restored.has_value() && *a.restored <= *at)) {
                       continue;
                     }
                   }
                   v1::Allocation* x = resp->add_allocations();
                   convert::ToProto(a, x);
                   if (!a.restored.has_value() && !capacity::WeekIsOver(a.week, absl::Now())) {
                     // In force: is it still planned on the data as it is?
                     PARAAT_ASSIGN_OR_RETURN(storage::ProposalRecord record,
                                             capacity_->GetProposal(a.proposal_id));
                     PARAAT_ASSIGN_OR_RETURN(const bool stale, Stale(record));
                     x->set_stale(stale);
                   }
                 }
                 return absl::OkStatus();
               });
}

}  // namespace paraat::service
