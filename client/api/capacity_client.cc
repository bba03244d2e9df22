// SPDX-License-Identifier: EUPL-1.2
// Client: the CapacityService calls.
#include "client/api/client.h"
#include "common/status/status_macros.h"
#include "proto/convert/capacity_convert.h"
#include "proto/convert/convert.h"

namespace paraat::client {

namespace {

v1::Policy ToProto(capacity::Policy p) {
  return p == capacity::Policy::kEqualShare ? v1::POLICY_EQUAL_SHARE : v1::POLICY_PRIORITY;
}

// Who made which proposal when: the same fields in a Proposal and a ProposalHeader.
template <typename P>
ProposalView HeaderOf(const P& p) {
  ProposalView v;
  v.id = p.id();
  v.crisis_id = p.crisis();
  v.week = p.week();
  v.policy = p.policy() == v1::POLICY_EQUAL_SHARE ? capacity::Policy::kEqualShare
                                                  : capacity::Policy::kPriority;
  v.created_by = p.created_by();
  v.created = convert::TimeFromProto(p.created());
  return v;
}

ProposalView ToView(const v1::Proposal& p) {
  ProposalView v = HeaderOf(p);
  for (const auto& a : p.allocations()) {
    capacity::AmbitionOutcome o;
    o.municipality = a.municipality();
    o.ambition = a.ambition();
    o.planned_hours = a.planned_hours();
    o.floor_hours = a.floor_hours();
    o.kept_hours = a.kept_hours();
    o.given_up_hours = a.given_up_hours();
    o.share_kept = a.planned_hours() > 0 ? a.kept_hours() / a.planned_hours() : 1.0;
    v.allocations.push_back(o);
  }
  for (const auto& l : p.loans()) {
    capacity::Loan x;
    x.lender = l.lender();
    x.borrower = l.borrower();
    x.hours = l.hours();
    x.cost = l.cost();
    x.cost_per_hour = l.cost_per_hour();
    v.loans.push_back(x);
  }
  for (const auto& m : p.municipalities()) {
    capacity::MunicipalityOutcome o;
    o.municipality = m.municipality();
    o.fte = m.fte();
    o.planned_hours = m.planned_hours();
    o.kept_hours = m.kept_hours();
    o.given_up_hours = m.planned_hours() - m.kept_hours();
    o.share_kept = m.share_kept();
    o.demand_hours = m.demand_hours();
    o.crisis_hours_own = m.crisis_hours_own();
    o.crisis_hours_borrowed = m.crisis_hours_borrowed();
    o.hours_lent = m.hours_lent();
    o.overtime_hours = m.overtime_hours();
    o.shortfall_hours = m.shortfall_hours();
    o.workload_per_fte_before = m.workload_per_fte_before();
    o.workload_per_fte_after = m.workload_per_fte_after();
    v.municipalities.push_back(o);
  }
  v.shortfalls.assign(p.shortfalls().begin(), p.shortfalls().end());
  v.summary = p.summary();
  v.total_demand_hours = p.total_demand_hours();
  v.total_shortfall_hours = p.total_shortfall_hours();
  v.stale = p.stale();
  v.warnings.assign(p.warnings().begin(), p.warnings().end());
  return v;
}


}  // namespace

absl::StatusOr<std::vector<std::pair<capacity::Ambition, bool>>> Client::ListAmbitions() {
  v1::ListAmbitionsResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CapacityService::Stub::ListAmbitions, capacity_.get(),
                              v1::ListAmbitionsRequest(), &resp));
  std::vector<std::pair<capacity::Ambition, bool>> out;
  for (const auto& a : resp.ambitions()) {
    out.push_back({{a.key(), a.name(), a.rank(), a.weight(), a.regular()}, a.active()});
  }
  return out;
}

absl::Status Client::SetAmbition(const capacity::Ambition& a, bool active) {
  v1::SetAmbitionRequest req;
  v1::Ambition* x = req.mutable_ambition();
  x->set_key(a.key);
  x->set_name(a.name);
  x->set_rank(a.rank);
  x->set_weight(a.weight);
  x->set_regular(a.regular);
  x->set_active(active);
  v1::Ambition resp;
  return Call(&v1::CapacityService::Stub::SetAmbition, capacity_.get(), req, &resp);
}

absl::StatusOr<CapacityView> Client::GetCapacity() {
  v1::GetCapacityResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CapacityService::Stub::GetCapacity, capacity_.get(),
                              v1::GetCapacityRequest(), &resp));
  CapacityView v;
  for (const auto& m : resp.municipalities()) {
    capacity::Municipality x;
    x.key = m.municipality();
    x.fte = m.fte();
    x.available_hours = m.available_hours();
    x.overtime_hours = m.overtime_hours();
    for (const auto& line : m.plan()) {
      capacity::AmbitionPlan p{line.ambition(), line.planned_hours(), std::nullopt};
      if (line.has_floor_hours()) p.floor_hours = line.floor_hours();
      x.plan.push_back(p);
    }
    v.versions[x.key] = m.version();
    v.municipalities.push_back(std::move(x));
  }
  v.loans_same_region_default = resp.loans_same_region_default();
  v.loans_default_cost = resp.loans_default_cost();
  for (const auto& r : resp.loan_rules()) v.loan_rules.push_back({r.lender(), r.borrower(), r.allowed(), r.cost()});
  return v;
}

absl::Status Client::SetCapacity(const capacity::Municipality& m, const std::string& if_version) {
  v1::MunicipalityCapacity req;
  req.set_municipality(m.key);
  req.set_version(if_version);
  req.set_fte(m.fte);
  req.set_available_hours(m.available_hours);
  req.set_overtime_hours(m.overtime_hours);
  for (const auto& p : m.plan) {
    v1::PlanLine* l = req.add_plan();
    l->set_ambition(p.ambition);
    l->set_planned_hours(p.planned_hours);
    if (p.floor_hours.has_value()) l->set_floor_hours(*p.floor_hours);
  }
  v1::MunicipalityCapacity resp;
  return Call(&v1::CapacityService::Stub::SetCapacity, capacity_.get(), req, &resp);
}

absl::Status Client::SetLoanRule(const capacity::LoanRule& r) {
  v1::LoanRule req;
  req.set_lender(r.lender);
  req.set_borrower(r.borrower);
  req.set_allowed(r.allowed);
  req.set_cost(r.cost);
  v1::LoanRule resp;
  return Call(&v1::CapacityService::Stub::SetLoanRule, capacity_.get(), req, &resp);
}

absl::Status Client::SetDemand(const DemandView& d) {
  v1::SetDemandRequest req;
  req.mutable_demand()->set_crisis(d.crisis_id);
  req.mutable_demand()->set_week(d.week);
  req.mutable_demand()->set_municipality(d.municipality);
  req.mutable_demand()->set_hours(d.hours);
  v1::Demand resp;
  return Call(&v1::CapacityService::Stub::SetDemand, capacity_.get(), req, &resp);
}

absl::StatusOr<std::vector<DemandView>> Client::ListDemand(int64_t crisis_id) {
  v1::ListDemandRequest req;
  req.set_crisis(crisis_id);
  v1::ListDemandResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CapacityService::Stub::ListDemand, capacity_.get(), req, &resp));
  std::vector<DemandView> out;
  for (const auto& d : resp.demand()) out.push_back({d.crisis(), d.week(), d.municipality(), d.hours()});
  return out;
}

absl::StatusOr<ProposalView> Client::Propose(int64_t crisis_id, const std::string& week,
                                             capacity::Policy policy) {
  v1::ProposeRequest req;
  req.set_crisis(crisis_id);
  req.set_week(week);
  req.set_policy(ToProto(policy));
  v1::Proposal resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::CapacityService::Stub::Propose, capacity_.get(), req, &resp));
  return ToView(resp);
}

absl::StatusOr<ProposalView> Client::GetProposal(int64_t id) {
  v1::GetProposalRequest req;
  req.set_id(id);
  v1::Proposal resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CapacityService::Stub::GetProposal, capacity_.get(), req, &resp));
  return ToView(resp);
}

absl::StatusOr<std::vector<ProposalView>> Client::ListProposals(int64_t crisis_id,
                                                                const std::string& week) {
  v1::ListProposalsRequest req;
  req.set_crisis(crisis_id);
  req.set_week(week);
  v1::ListProposalsResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Read(&v1::CapacityService::Stub::ListProposals, capacity_.get(), req, &resp));
  std::vector<ProposalView> out;
  for (const v1::ProposalHeader& h : resp.proposals()) out.push_back(HeaderOf(h));
  return out;
}

absl::StatusOr<std::pair<std::vector<ProposalView>, std::string>> Client::CompareProposals(
    const std::vector<int64_t>& ids) {
  v1::CompareProposalsRequest req;
  for (int64_t id : ids) req.add_ids(id);
  v1::CompareProposalsResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CapacityService::Stub::CompareProposals, capacity_.get(), req, &resp));
  std::vector<ProposalView> out;
  for (const auto& p : resp.proposals()) out.push_back(ToView(p));
  return std::make_pair(std::move(out), resp.table());
}

absl::StatusOr<AllocationView> Client::Approve(int64_t proposal_id) {
  v1::ApproveRequest req;
  req.set_proposal(proposal_id);
  v1::Allocation resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::CapacityService::Stub::Approve, capacity_.get(), req, &resp));
  return convert::FromProto(resp);
}

absl::StatusOr<AllocationView> Client::Restore(int64_t crisis_id, const std::string& week) {
  v1::RestoreRequest req;
  req.set_crisis(crisis_id);
  req.set_week(week);
  v1::Allocation resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::CapacityService::Stub::Restore, capacity_.get(), req, &resp));
  return convert::FromProto(resp);
}

absl::StatusOr<std::vector<AllocationView>> Client::ListAllocations(int64_t crisis_id,
                                                                    std::optional<absl::Time> at) {
  v1::ListAllocationsRequest req;
  req.set_crisis(crisis_id);
  if (at) convert::ToProto(*at, req.mutable_at());
  v1::ListAllocationsResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CapacityService::Stub::ListAllocations, capacity_.get(), req, &resp));
  std::vector<AllocationView> out;
  for (const auto& a : resp.allocations()) {
    PARAAT_ASSIGN_OR_RETURN(AllocationView v, convert::FromProto(a));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace paraat::client
