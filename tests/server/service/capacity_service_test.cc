// SPDX-License-Identifier: EUPL-1.2
// CapacityService against a real server with the demo data: proposals for the demo crisis
// (demand met, floors and hours respected), comparison, approval as exactly one decision in
// the crisis log, restore, closing a crisis with an allocation in force, bad input that
// changes nothing, and infeasible demand explained per municipality.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/time/civil.h"
#include "paraat/v1/audit.grpc.pb.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/capacity.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "proto/convert/convert.h"
#include "common/status/status_macros.h"
#include "server/storage/database.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::TestServer;

constexpr int64_t kDemoCrisis = 1;
// Hours out of an LP solved to a relative tolerance of 1e-6 per stage: well under a second.
constexpr double kTolerance = 1e-4;

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

// Monday of the ISO week `weeks_ahead` weeks from this one (Amsterdam).
absl::CivilDay MondayIn(int weeks_ahead) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
  return today - (time::IsoWeekday(today) - 1) + 7 * weeks_ahead;
}

std::string WeekIn(int weeks_ahead) { return time::FormatIsoWeek(MondayIn(weeks_ahead)); }

// Noon on the Wednesday of that week: an instant inside it.
absl::Time InsideWeek(int weeks_ahead) {
  const absl::CivilDay wednesday = MondayIn(weeks_ahead) + 2;
  return absl::FromCivil(absl::CivilSecond(wednesday.year(), wednesday.month(), wednesday.day(), 12, 0, 0),
                         Amsterdam());
}

class CapacityServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    capacity_ = v1::CapacityService::NewStub(server_->channel());
    crisis_ = v1::CrisisService::NewStub(server_->channel());
    audit_ = v1::AuditService::NewStub(server_->channel());
    admin_ = server_->LoginAs("administrator");
    coordinator_ = server_->LoginAs("coordinator");
    officer_ = server_->LoginAs("officer");
    next_week_ = WeekIn(1);
  }

  grpc::Status Propose(v1::Policy policy, const std::string& week, v1::Proposal* out,
                       const std::string& token = "") {
    v1::ProposeRequest req;
    req.set_crisis(kDemoCrisis);
    req.set_week(week);
    req.set_policy(policy);
    auto ctx = TestServer::Context(token.empty() ? admin_ : token);
    return capacity_->Propose(ctx.get(), req, out);
  }

  v1::Proposal MustPropose(v1::Policy policy, const std::string& week) {
    v1::Proposal p;
    grpc::Status s = Propose(policy, week, &p);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return p;
  }

  grpc::Status Approve(int64_t proposal, v1::Allocation* out) {
    v1::ApproveRequest req;
    req.set_proposal(proposal);
    auto ctx = TestServer::Context(admin_);
    return capacity_->Approve(ctx.get(), req, out);
  }

  grpc::Status SetDemand(const std::string& week, const std::string& municipality, double hours) {
    v1::SetDemandRequest req;
    req.mutable_demand()->set_crisis(kDemoCrisis);
    req.mutable_demand()->set_week(week);
    req.mutable_demand()->set_municipality(municipality);
    req.mutable_demand()->set_hours(hours);
    v1::Demand resp;
    auto ctx = TestServer::Context(coordinator_);
    return capacity_->SetDemand(ctx.get(), req, &resp);
  }

  grpc::Status SetLoanRule(const std::string& lender, const std::string& borrower, bool allowed,
                           double cost) {
    v1::LoanRule req;
    req.set_lender(lender);
    req.set_borrower(borrower);
    req.set_allowed(allowed);
    req.set_cost(cost);
    v1::LoanRule resp;
    auto ctx = TestServer::Context(admin_);
    return capacity_->SetLoanRule(ctx.get(), req, &resp);
  }

  grpc::Status SetCapacity(const v1::MunicipalityCapacity& m) {
    v1::MunicipalityCapacity resp;
    auto ctx = TestServer::Context(admin_);
    return capacity_->SetCapacity(ctx.get(), m, &resp);
  }

  std::vector<v1::Entry> Entries() {
    v1::ListEntriesRequest req;
    req.set_crisis(kDemoCrisis);
    req.set_page_size(1000);
    v1::ListEntriesResponse resp;
    auto ctx = TestServer::Context(coordinator_);
    grpc::Status s = crisis_->ListEntries(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.entries().begin(), resp.entries().end()};
  }

  // The allocations of the demo crisis in force at `at`, or all ever (history).
  std::vector<v1::Allocation> Allocations(std::optional<absl::Time> at) {
    v1::ListAllocationsRequest req;
    req.set_crisis(kDemoCrisis);
    if (at.has_value()) convert::ToProto(*at, req.mutable_at());
    v1::ListAllocationsResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = capacity_->ListAllocations(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.allocations().begin(), resp.allocations().end()};
  }

  v1::GetCapacityResponse Capacity() {
    v1::GetCapacityResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = capacity_->GetCapacity(ctx.get(), v1::GetCapacityRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  v1::MunicipalityCapacity CapacityOf(const std::string& municipality) {
    const auto capacity_now = Capacity();
    for (const auto& m : capacity_now.municipalities()) {
      if (m.municipality() == municipality) return m;
    }
    ADD_FAILURE() << "no capacity for " << municipality;
    return {};
  }

  // Demand of the demo crisis in `week`, per municipality.
  std::map<std::string, double> DemandIn(const std::string& week) {
    v1::ListDemandRequest req;
    req.set_crisis(kDemoCrisis);
    v1::ListDemandResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = capacity_->ListDemand(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::map<std::string, double> out;
    for (const auto& d : resp.demand()) {
      if (d.week() == week) out[d.municipality()] = d.hours();
    }
    return out;
  }

  std::map<std::string, bool> RegularAmbitions() {
    v1::ListAmbitionsResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = capacity_->ListAmbitions(ctx.get(), v1::ListAmbitionsRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::map<std::string, bool> out;
    for (const auto& a : resp.ambitions()) out[a.key()] = a.regular();
    return out;
  }

  // The id of the newest audit record: any change the server makes is audited.
  int64_t LastAuditId() {
    int64_t after = 0, last = 0;
    while (true) {
      v1::ListAuditRequest req;
      req.set_after_id(after);
      req.set_page_size(1000);
      v1::ListAuditResponse resp;
      auto ctx = TestServer::Context(admin_);
      grpc::Status s = audit_->ListAudit(ctx.get(), req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) return -1;
      if (resp.records_size() > 0) last = resp.records(resp.records_size() - 1).id();
      if (resp.next_after_id() == 0 || resp.records_size() == 0) return last;
      after = resp.next_after_id();
    }
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::CapacityService::Stub> capacity_;
  std::unique_ptr<v1::CrisisService::Stub> crisis_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
  std::string admin_, coordinator_, officer_;
  std::string next_week_;
};

TEST_F(CapacityServiceTest, TheDemoCrisisHasDemandForNextWeek) {
  const std::map<std::string, double> demand = DemandIn(next_week_);
  // The demo's peak: the reception in Heumen, registration and aftercare around it.
  const std::map<std::string, double> expected = {
      {"berg-en-dal", 6}, {"beuningen", 4}, {"druten", 8}, {"heumen", 20}, {"wijchen", 16}};
  EXPECT_EQ(demand, expected);
  EXPECT_EQ(Capacity().municipalities_size(), 6);
}

class ProposalPolicyTest : public CapacityServiceTest,
                           public ::testing::WithParamInterface<v1::Policy> {};

TEST_P(ProposalPolicyTest, MeetsTheDemandKeepsFloorsAndStaysWithinHours) {
  const v1::Proposal p = MustPropose(GetParam(), next_week_);
  ASSERT_GT(p.id(), 0);
  EXPECT_EQ(p.crisis(), kDemoCrisis);
  EXPECT_EQ(p.week(), next_week_);
  EXPECT_EQ(p.policy(), GetParam());
  EXPECT_EQ(p.created_by(), "administrator");
  EXPECT_FALSE(p.stale());
  EXPECT_DOUBLE_EQ(p.total_demand_hours(), 54);
  EXPECT_NEAR(p.total_shortfall_hours(), 0, kTolerance);
  EXPECT_THAT(p.shortfalls(), ::testing::IsEmpty());
  EXPECT_THAT(p.summary(), StartsWith(absl::StrCat("Capacity plan ", next_week_,
                                                    " for 'Opvang vluchtelingen'")));

  const std::map<std::string, double> demand = DemandIn(next_week_);
  const std::map<std::string, bool> regular = RegularAmbitions();
  std::map<std::string, v1::MunicipalityCapacity> capacity;
  const auto capacity_now = Capacity();
  for (const auto& m : capacity_now.municipalities()) capacity[m.municipality()] = m;

  // Every ambition keeps at least its floor (the stored one, or the default) and at most its plan.
  std::map<std::string, double> kept;
  ASSERT_EQ(p.allocations_size(), 36);  // 6 municipalities x 6 ambitions
  for (const v1::AmbitionOutcome& a : p.allocations()) {
    SCOPED_TRACE(absl::StrCat(a.municipality(), " ", a.ambition()));
    const v1::MunicipalityCapacity& m = capacity.at(a.municipality());
    const auto line = std::find_if(m.plan().begin(), m.plan().end(),
                                   [&](const v1::PlanLine& l) { return l.ambition() == a.ambition(); });
    ASSERT_NE(line, m.plan().end());
    const double floor = line->has_floor_hours() ? line->floor_hours()
                         : regular.at(a.ambition()) ? line->planned_hours()
                                                    : 0.0;
    EXPECT_DOUBLE_EQ(a.planned_hours(), line->planned_hours());
    EXPECT_DOUBLE_EQ(a.floor_hours(), floor);
    EXPECT_GE(a.kept_hours(), floor - kTolerance);
    EXPECT_LE(a.kept_hours(), a.planned_hours() + kTolerance);
    EXPECT_NEAR(a.given_up_hours(), a.planned_hours() - a.kept_hours(), kTolerance);
    kept[a.municipality()] += a.kept_hours();
  }

  std::map<std::string, double> lent, borrowed;
  for (const v1::Loan& l : p.loans()) {
    EXPECT_GT(l.hours(), 0);
    EXPECT_NE(l.lender(), l.borrower());
    lent[l.lender()] += l.hours();
    borrowed[l.borrower()] += l.hours();
  }

  ASSERT_EQ(p.municipalities_size(), 6);
  double covered = 0;
  for (const v1::MunicipalityOutcome& o : p.municipalities()) {
    SCOPED_TRACE(o.municipality());
    const v1::MunicipalityCapacity& m = capacity.at(o.municipality());
    const double want = demand.count(o.municipality()) ? demand.at(o.municipality()) : 0.0;
    // Demand met, by own staff and borrowed staff together.
    EXPECT_DOUBLE_EQ(o.demand_hours(), want);
    EXPECT_NEAR(o.crisis_hours_own() + o.crisis_hours_borrowed(), want, kTolerance);
    EXPECT_NEAR(o.shortfall_hours(), 0, kTolerance);
    EXPECT_NEAR(o.crisis_hours_borrowed(), borrowed[o.municipality()], kTolerance);
    EXPECT_NEAR(o.hours_lent(), lent[o.municipality()], kTolerance);
    EXPECT_NEAR(o.kept_hours(), kept[o.municipality()], kTolerance);
    // Nobody works more than available hours plus the allowed overtime.
    const double worked = o.kept_hours() + o.crisis_hours_own() + o.hours_lent();
    EXPECT_LE(worked, m.available_hours() + m.overtime_hours() + kTolerance)
        << "kept " << o.kept_hours() << " own " << o.crisis_hours_own() << " lent " << o.hours_lent();
    EXPECT_LE(o.overtime_hours(), m.overtime_hours() + kTolerance);
    covered += o.crisis_hours_own() + o.crisis_hours_borrowed();
  }
  EXPECT_NEAR(covered, 54, kTolerance);

  // The proposal is kept with its input: reading it again gives the same plan.
  v1::GetProposalRequest get;
  get.set_id(p.id());
  v1::Proposal again;
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(capacity_->GetProposal(ctx.get(), get, &again).ok());
  EXPECT_EQ(again.summary(), p.summary());
  EXPECT_FALSE(again.stale());
  ASSERT_EQ(again.allocations_size(), p.allocations_size());
  for (int i = 0; i < p.allocations_size(); ++i) {
    EXPECT_DOUBLE_EQ(again.allocations(i).kept_hours(), p.allocations(i).kept_hours()) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, ProposalPolicyTest,
                         ::testing::Values(v1::POLICY_PRIORITY, v1::POLICY_EQUAL_SHARE),
                         [](const ::testing::TestParamInfo<v1::Policy>& info) {
                           return info.param == v1::POLICY_PRIORITY ? std::string("Priority")
                                                                    : std::string("EqualShare");
                         });

TEST_F(CapacityServiceTest, ComparesTwoProposalsOfTheSameWeek) {
  const v1::Proposal priority = MustPropose(v1::POLICY_PRIORITY, next_week_);
  const v1::Proposal equal = MustPropose(v1::POLICY_EQUAL_SHARE, next_week_);
  ASSERT_NE(priority.id(), equal.id());

  v1::CompareProposalsRequest req;
  req.add_ids(priority.id());
  req.add_ids(equal.id());
  v1::CompareProposalsResponse resp;
  auto ctx = TestServer::Context(admin_);
  grpc::Status s = capacity_->CompareProposals(ctx.get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.proposals_size(), 2);
  EXPECT_EQ(resp.proposals(0).id(), priority.id());
  EXPECT_EQ(resp.proposals(0).policy(), v1::POLICY_PRIORITY);
  EXPECT_EQ(resp.proposals(1).id(), equal.id());
  EXPECT_EQ(resp.proposals(1).policy(), v1::POLICY_EQUAL_SHARE);
  EXPECT_EQ(resp.proposals(0).summary(), priority.summary());
  EXPECT_EQ(resp.proposals(1).summary(), equal.summary());
  EXPECT_THAT(resp.table(), HasSubstr(absl::StrCat("#", priority.id(), " priority")));
  EXPECT_THAT(resp.table(), HasSubstr(absl::StrCat("#", equal.id(), " equal-share")));
  for (const char* m : {"berg-en-dal", "beuningen", "druten", "heumen", "west-maas-en-waal", "wijchen"}) {
    EXPECT_THAT(resp.table(), HasSubstr(m));
  }

  // Proposals for different weeks are not comparable; neither is nothing.
  const v1::Proposal later = MustPropose(v1::POLICY_PRIORITY, WeekIn(2));
  req.add_ids(later.id());
  auto ctx2 = TestServer::Context(admin_);
  s = capacity_->CompareProposals(ctx2.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("ids: plan 3 (#", later.id(),
                                                         " priority) was not made for the same input")));
  EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("week ", WeekIn(2), " instead of ", next_week_)));
  auto ctx3 = TestServer::Context(admin_);
  s = capacity_->CompareProposals(ctx3.get(), v1::CompareProposalsRequest(), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "ids: give 1 to 10 proposals");
}

// Administrators on other computers see the proposals made for a crisis week.
TEST_F(CapacityServiceTest, ListsTheProposalsOfACrisisNewestFirst) {
  const v1::Proposal a = MustPropose(v1::POLICY_PRIORITY, next_week_);
  const v1::Proposal b = MustPropose(v1::POLICY_EQUAL_SHARE, next_week_);
  const v1::Proposal c = MustPropose(v1::POLICY_PRIORITY, WeekIn(2));
  auto list = [&](const std::string& token, int64_t crisis, const std::string& week,
                  v1::ListProposalsResponse* out) {
    v1::ListProposalsRequest req;
    req.set_crisis(crisis);
    req.set_week(week);
    auto ctx = TestServer::Context(token);
    return capacity_->ListProposals(ctx.get(), req, out);
  };
  v1::ListProposalsResponse resp;
  ASSERT_TRUE(list(admin_, kDemoCrisis, next_week_, &resp).ok());
  ASSERT_GE(resp.proposals_size(), 2);
  EXPECT_EQ(resp.proposals(0).id(), b.id());
  EXPECT_EQ(resp.proposals(0).policy(), v1::POLICY_EQUAL_SHARE);
  EXPECT_EQ(resp.proposals(1).id(), a.id());
  for (const v1::ProposalHeader& h : resp.proposals()) {
    EXPECT_EQ(h.week(), next_week_);
    EXPECT_EQ(h.crisis(), kDemoCrisis);
    EXPECT_EQ(h.created_by(), "administrator");
    EXPECT_NE(h.id(), c.id());
  }
  v1::ListProposalsResponse all;
  ASSERT_TRUE(list(admin_, kDemoCrisis, "", &all).ok());
  EXPECT_EQ(all.proposals_size(), resp.proposals_size() + 1);
  EXPECT_EQ(all.proposals(0).id(), c.id());

  // Bad input names the field; an officer may not look.
  grpc::Status s = list(admin_, 0, "", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "crisis is required");
  s = list(admin_, -5, "", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "crisis must be a positive id, not -5");
  s = list(admin_, kDemoCrisis, "week 49", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("week: "));
  s = list(admin_, 999, "", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  s = list(officer_, kDemoCrisis, "", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CapacityServiceTest, ApprovalWritesOneDecisionAndPutsTheAllocationInForce) {
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  const std::vector<v1::Entry> before = Entries();
  ASSERT_FALSE(before.empty());

  v1::Allocation a;
  grpc::Status s = Approve(p.id(), &a);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(a.proposal(), p.id());
  EXPECT_EQ(a.crisis(), kDemoCrisis);
  EXPECT_EQ(a.week(), next_week_);
  EXPECT_EQ(a.approved_by(), "administrator");
  EXPECT_FALSE(a.has_restored());
  EXPECT_EQ(a.summary(), p.summary());

  // Exactly one new entry: the decision, carrying the plan's summary.
  const std::vector<v1::Entry> after = Entries();
  ASSERT_EQ(after.size(), before.size() + 1);
  const v1::Entry& decision = after.back();
  EXPECT_EQ(decision.seq(), before.back().seq() + 1);
  EXPECT_EQ(a.decision_seq(), decision.seq());
  EXPECT_EQ(decision.kind(), v1::ENTRY_KIND_DECISION);
  EXPECT_EQ(decision.author(), "administrator");
  EXPECT_THAT(decision.text(), HasSubstr(absl::StrCat("Capacity plan approved (proposal ", p.id(), ", priority)")));
  EXPECT_THAT(decision.text(), HasSubstr(p.summary()));

  // In force during next week, not this week.
  std::vector<v1::Allocation> in_force = Allocations(InsideWeek(1));
  ASSERT_EQ(in_force.size(), 1u);
  EXPECT_EQ(in_force[0].id(), a.id());
  EXPECT_EQ(in_force[0].decision_seq(), decision.seq());
  EXPECT_TRUE(Allocations(absl::Now()).empty());

  // Approving again (a retry by the same administrator) changes nothing.
  v1::Allocation again;
  s = Approve(p.id(), &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.id(), a.id());
  EXPECT_EQ(again.decision_seq(), a.decision_seq());
  EXPECT_EQ(Entries().size(), after.size());
  EXPECT_EQ(Allocations(std::nullopt).size(), 1u);
}

TEST_F(CapacityServiceTest, ApprovingAProposalWhoseDataChangedIsAborted) {
  const v1::Proposal p = MustPropose(v1::POLICY_EQUAL_SHARE, next_week_);
  ASSERT_TRUE(SetDemand(next_week_, "heumen", 22).ok());
  const size_t entries = Entries().size();

  v1::Allocation a;
  grpc::Status s = Approve(p.id(), &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(s.error_message(),
            absl::StrCat("the data behind proposal ", p.id(), " (hours, plans, ambitions, loans or the demand of ",
                         next_week_, ") changed since it was made; propose again"));
  EXPECT_EQ(Entries().size(), entries);
  EXPECT_TRUE(Allocations(std::nullopt).empty());

  v1::GetProposalRequest get;
  get.set_id(p.id());
  v1::Proposal stale;
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(capacity_->GetProposal(ctx.get(), get, &stale).ok());
  EXPECT_TRUE(stale.stale());

  // A new proposal on the new data is approved.
  const v1::Proposal fresh = MustPropose(v1::POLICY_EQUAL_SHARE, next_week_);
  EXPECT_DOUBLE_EQ(fresh.total_demand_hours(), 56);
  s = Approve(fresh.id(), &a);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Entries().size(), entries + 1);

  // In force, it is marked when its data changes after all (it stays in force).
  ASSERT_EQ(Allocations(std::nullopt).size(), 1u);
  EXPECT_FALSE(Allocations(std::nullopt)[0].stale());
  ASSERT_TRUE(SetDemand(next_week_, "heumen", 30).ok());
  ASSERT_EQ(Allocations(std::nullopt).size(), 1u);
  EXPECT_TRUE(Allocations(std::nullopt)[0].stale());
  EXPECT_FALSE(Allocations(std::nullopt)[0].has_restored());
}

TEST_F(CapacityServiceTest, RestoreAppendsOneDecisionAndEndsTheAllocation) {
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  v1::Allocation a;
  ASSERT_TRUE(Approve(p.id(), &a).ok());
  const std::vector<v1::Entry> before = Entries();

  v1::RestoreRequest req;
  req.set_crisis(kDemoCrisis);
  req.set_week(next_week_);
  v1::Allocation restored;
  auto ctx = TestServer::Context(admin_);
  grpc::Status s = capacity_->Restore(ctx.get(), req, &restored);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(restored.id(), a.id());
  EXPECT_EQ(restored.restored_by(), "administrator");
  EXPECT_TRUE(restored.has_restored());

  const std::vector<v1::Entry> after = Entries();
  ASSERT_EQ(after.size(), before.size() + 1);
  const v1::Entry& decision = after.back();
  EXPECT_EQ(decision.kind(), v1::ENTRY_KIND_DECISION);
  EXPECT_EQ(restored.restore_seq(), decision.seq());
  EXPECT_EQ(decision.text(), absl::StrCat("Capacity allocation ", a.id(), " for ", next_week_,
                                          " (approved in entry ", a.decision_seq(),
                                          ") ends: the hours it moved for this crisis go back to the municipalities' plans."));
  EXPECT_THAT(decision.refs(), ::testing::ElementsAre(a.decision_seq()));

  EXPECT_TRUE(Allocations(InsideWeek(1)).empty());
  const std::vector<v1::Allocation> history = Allocations(std::nullopt);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].restore_seq(), decision.seq());
  EXPECT_TRUE(history[0].has_restored());

  // Nothing left to restore.
  auto ctx2 = TestServer::Context(admin_);
  s = capacity_->Restore(ctx2.get(), req, &restored);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), absl::StrCat("crisis 1 has no active capacity allocation for ", next_week_));
  EXPECT_EQ(Entries().size(), after.size());
}

TEST_F(CapacityServiceTest, ClosingTheCrisisRestoresTheAllocationInTheSameStep) {
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  v1::Allocation a;
  ASSERT_TRUE(Approve(p.id(), &a).ok());
  const std::vector<v1::Entry> before = Entries();

  v1::AppendEntryRequest close;
  close.set_crisis(kDemoCrisis);
  close.set_kind(v1::ENTRY_KIND_CLOSED);
  close.set_text("De opvang is beëindigd; de crisis wordt gesloten.");
  close.set_idempotency_key("close-1");
  v1::AppendEntryResponse resp;
  // A coordinator of one of its municipalities may not close this crisis of three, also not
  // by the way that restores its allocations; nothing is restored.
  const std::string heumen = server_->LoginNewAccount("c.heumen", "k.vandenberg",
                                                      v1::ROLE_COORDINATOR, "heumen");
  auto refused_ctx = TestServer::Context(heumen);
  grpc::Status s = crisis_->AppendEntry(refused_ctx.get(), close, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_NE(s.error_message().find("closing of crisis 1 concerns all its municipalities"),
            std::string::npos)
      << s.error_message();
  EXPECT_EQ(Entries().size(), before.size());
  auto ctx = TestServer::Context(coordinator_);
  s = crisis_->AppendEntry(ctx.get(), close, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.entry().kind(), v1::ENTRY_KIND_CLOSED);

  // Two entries: the restore decision, then the closing.
  const std::vector<v1::Entry> after = Entries();
  ASSERT_EQ(after.size(), before.size() + 2);
  const v1::Entry& restore = after[after.size() - 2];
  const v1::Entry& closed = after.back();
  EXPECT_EQ(restore.kind(), v1::ENTRY_KIND_DECISION);
  EXPECT_EQ(restore.seq(), before.back().seq() + 1);
  EXPECT_EQ(restore.author(), "coordinator");
  EXPECT_THAT(restore.text(), HasSubstr(absl::StrCat("Capacity allocation ", a.id(), " for ", next_week_)));
  EXPECT_THAT(restore.refs(), ::testing::ElementsAre(a.decision_seq()));
  EXPECT_EQ(closed.kind(), v1::ENTRY_KIND_CLOSED);
  EXPECT_EQ(closed.seq(), restore.seq() + 1);
  EXPECT_EQ(resp.entry().seq(), closed.seq());

  EXPECT_TRUE(Allocations(InsideWeek(1)).empty());
  const std::vector<v1::Allocation> history = Allocations(std::nullopt);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_TRUE(history[0].has_restored());
  EXPECT_EQ(history[0].restore_seq(), restore.seq());
  EXPECT_EQ(history[0].restored_by(), "coordinator");

  v1::GetCrisisRequest get;
  get.set_id(kDemoCrisis);
  v1::Crisis c;
  auto ctx2 = TestServer::Context(officer_);
  ASSERT_TRUE(crisis_->GetCrisis(ctx2.get(), get, &c).ok());
  EXPECT_FALSE(c.open());

  // The closing is exactly once: a retry returns the closing entry and writes nothing.
  v1::AppendEntryResponse retry;
  auto ctx3 = TestServer::Context(coordinator_);
  s = crisis_->AppendEntry(ctx3.get(), close, &retry);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.entry().seq(), closed.seq());
  EXPECT_EQ(Entries().size(), after.size());
}

// Two administrators read heumen's capacity and each change it: the second change, made on
// what the first has replaced, is refused rather than undoing the first unnoticed.
TEST_F(CapacityServiceTest, AChangeOnAStaleReadIsAbortedNotLost) {
  const v1::MunicipalityCapacity read = CapacityOf("heumen");
  ASSERT_FALSE(read.version().empty());
  v1::MunicipalityCapacity first = read;
  first.set_fte(read.fte() + 0.5);
  v1::MunicipalityCapacity resp;
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(capacity_->SetCapacity(ctx.get(), first, &resp).ok());
  EXPECT_NE(resp.version(), read.version());
  EXPECT_EQ(CapacityOf("heumen").version(), resp.version());

  v1::MunicipalityCapacity second = read;
  second.set_overtime_hours(read.overtime_hours() + 2);
  grpc::Status s = SetCapacity(second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("the capacity of heumen changed since it was read"));
  EXPECT_EQ(CapacityOf("heumen").fte(), read.fte() + 0.5) << "the first change was undone";
  EXPECT_EQ(CapacityOf("heumen").overtime_hours(), read.overtime_hours());
  // Without a version, the change is made as before.
  second.clear_version();
  ASSERT_TRUE(SetCapacity(second).ok());
  EXPECT_EQ(CapacityOf("heumen").overtime_hours(), read.overtime_hours() + 2);
}

class CapacityBadInputTest : public CapacityServiceTest {
 public:
  using CapacityServiceTest::Propose;
  using CapacityServiceTest::SetCapacity;
  using CapacityServiceTest::SetDemand;
  using CapacityServiceTest::SetLoanRule;

  // Heumen's stored capacity with one change.
  v1::MunicipalityCapacity Heumen(const std::function<void(v1::MunicipalityCapacity&)>& edit) {
    v1::MunicipalityCapacity m = CapacityOf("heumen");
    edit(m);
    return m;
  }
  // The plan line of `ambition` (it must exist).
  static v1::PlanLine& Line(v1::MunicipalityCapacity& m, const std::string& ambition) {
    for (auto& l : *m.mutable_plan()) {
      if (l.ambition() == ambition) return l;
    }
    ADD_FAILURE() << "no plan line " << ambition;
    return *m.add_plan();
  }
  const std::string& officer() const { return officer_; }
  grpc::Status Restore(int64_t crisis) {
    v1::RestoreRequest req;
    req.set_crisis(crisis);
    v1::Allocation resp;
    auto ctx = TestServer::Context(admin_);
    return capacity_->Restore(ctx.get(), req, &resp);
  }
};

// Each case is one refused call; none may change anything.
struct BadInputCase {
  std::string name;
  std::function<grpc::Status(CapacityBadInputTest&)> call;
  grpc::StatusCode code;
  std::string message;  // a substring of the message
};

TEST_F(CapacityBadInputTest, IsRefusedWithTheRightCodeAndChangesNothing) {
  // A week before the crisis opened (24 days ago in the demo).
  const std::string before_crisis = WeekIn(-10);
  const std::vector<BadInputCase> cases = {
      {"negative demand",
       [](CapacityBadInputTest& t) {
         return t.SetDemand(WeekIn(1), "heumen", -5);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "hours must be 0 to"},
      {"negative available hours",
       [](CapacityBadInputTest& t) {
         return t.SetCapacity(t.Heumen([](v1::MunicipalityCapacity& m) { m.set_available_hours(-1); }));
       },
       grpc::StatusCode::INVALID_ARGUMENT, "available_hours must be 0 to"},
      {"negative planned hours",
       [](CapacityBadInputTest& t) {
         return t.SetCapacity(t.Heumen([](v1::MunicipalityCapacity& m) {
           Line(m, "veilig-verkeer").set_planned_hours(-6);
         }));
       },
       grpc::StatusCode::INVALID_ARGUMENT, "plan veilig-verkeer planned_hours must be 0 to"},
      {"floor above plan",
       [](CapacityBadInputTest& t) {
         return t.SetCapacity(t.Heumen([](v1::MunicipalityCapacity& m) {
           Line(m, "ondermijning").set_floor_hours(15);  // planned 14
         }));
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "municipality heumen: floor of ambition 'ondermijning' (15 h) is above its plan (14 h)"},
      {"plan above available hours plus overtime",
       [](CapacityBadInputTest& t) {
         return t.SetCapacity(t.Heumen([](v1::MunicipalityCapacity& m) {
           Line(m, "regulier").set_planned_hours(60);  // 42 + 60 = 102 > 90 + 0
         }));
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "municipality heumen: total plan (102 h) is above available hours plus overtime (90 h + 0 h)"},
      {"unknown ambition",
       [](CapacityBadInputTest& t) {
         return t.SetCapacity(t.Heumen([](v1::MunicipalityCapacity& m) {
           v1::PlanLine* l = m.add_plan();
           l->set_ambition("ruimtevaart");
           l->set_planned_hours(1);
         }));
       },
       grpc::StatusCode::NOT_FOUND, "unknown ambition 'ruimtevaart'"},
      // Below 1 a proposal would reward lending: Wijchen and Heumen lending each other 16 h.
      {"loan cost below 1",
       [](CapacityBadInputTest& t) { return t.SetLoanRule("wijchen", "heumen", true, 0.5); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "cost must be from 1 to 1000 (a lent hour costs at least a local hour), not 0.5"},
      {"negative loan cost",
       [](CapacityBadInputTest& t) { return t.SetLoanRule("wijchen", "heumen", true, -2); },
       grpc::StatusCode::INVALID_ARGUMENT, "cost must be from 1 to 1000"},
      {"unknown municipality in demand",
       [](CapacityBadInputTest& t) {
         return t.SetDemand(WeekIn(1), "atlantis", 5);
       },
       grpc::StatusCode::NOT_FOUND, "unknown municipality 'atlantis'"},
      {"unknown municipality in capacity",
       [](CapacityBadInputTest& t) {
         return t.SetCapacity(t.Heumen([](v1::MunicipalityCapacity& m) { m.set_municipality("atlantis"); }));
       },
       grpc::StatusCode::NOT_FOUND, "unknown municipality 'atlantis'"},
      {"demand for a week before the crisis",
       [before_crisis](CapacityBadInputTest& t) {
         return t.SetDemand(before_crisis, "heumen", 5);
       },
       grpc::StatusCode::FAILED_PRECONDITION,
       absl::StrCat("week ", before_crisis, " lies before crisis 1 opened")},
      {"proposal for a week before the crisis",
       [before_crisis](CapacityBadInputTest& t) {
         v1::Proposal p;
         return t.Propose(v1::POLICY_PRIORITY, before_crisis, &p);
       },
       grpc::StatusCode::FAILED_PRECONDITION,
       absl::StrCat("week ", before_crisis, " lies before crisis 1 opened")},
      {"malformed week",
       [](CapacityBadInputTest& t) {
         v1::Proposal p;
         return t.Propose(v1::POLICY_PRIORITY, "week 49", &p);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "week: "},
      {"restore of an unknown crisis",
       [](CapacityBadInputTest& t) { return t.Restore(99); },
       grpc::StatusCode::NOT_FOUND, "unknown crisis 99"},
      {"officer proposing",
       [](CapacityBadInputTest& t) {
         v1::Proposal p;
         return t.Propose(v1::POLICY_PRIORITY, WeekIn(1), &p, t.officer());
       },
       grpc::StatusCode::PERMISSION_DENIED, "a capacity proposal needs the role administrator or higher; the account 'officer' has the role officer"},
  };

  const std::string capacity_before = Capacity().SerializeAsString();
  v1::ListDemandRequest demand_req;
  demand_req.set_crisis(kDemoCrisis);
  auto demand = [&] {
    v1::ListDemandResponse resp;
    auto ctx = TestServer::Context(officer_);
    EXPECT_TRUE(capacity_->ListDemand(ctx.get(), demand_req, &resp).ok());
    return resp.SerializeAsString();
  };
  const std::string demand_before = demand();
  const size_t entries_before = Entries().size();
  const int64_t audit_before = LastAuditId();
  ASSERT_GT(audit_before, 0);

  for (const BadInputCase& c : cases) {
    SCOPED_TRACE(c.name);
    grpc::Status s = c.call(*this);
    EXPECT_EQ(s.error_code(), c.code) << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr(c.message));
  }

  EXPECT_EQ(Capacity().SerializeAsString(), capacity_before);
  EXPECT_EQ(demand(), demand_before);
  EXPECT_EQ(Entries().size(), entries_before);
  EXPECT_EQ(LastAuditId(), audit_before);
  // No proposal was kept either: the first one made now gets id 1.
  EXPECT_EQ(MustPropose(v1::POLICY_PRIORITY, next_week_).id(), 1);
}

// Two crises in the same week: the second's proposal says that the first's allocation is
// in force and that its hours are not counted.
TEST_F(CapacityServiceTest, AProposalNamesAnotherCrisisAllocationInTheSameWeek) {
  v1::Proposal first = MustPropose(v1::POLICY_PRIORITY, next_week_);
  EXPECT_EQ(first.warnings_size(), 0);
  v1::Allocation allocation;
  ASSERT_TRUE(Approve(first.id(), &allocation).ok());

  v1::OpenCrisisRequest open;
  open.set_title("Hoogwater Maas");
  open.set_type("overstroming");
  open.add_municipalities("druten");
  open.set_grip("1");
  open.set_idempotency_key("hoogwater-open");
  v1::OpenCrisisResponse opened;
  {
    auto ctx = TestServer::Context(coordinator_);
    grpc::Status s = crisis_->OpenCrisis(ctx.get(), open, &opened);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  v1::SetDemandRequest demand;
  demand.mutable_demand()->set_crisis(opened.crisis().id());
  demand.mutable_demand()->set_week(next_week_);
  demand.mutable_demand()->set_municipality("druten");
  demand.mutable_demand()->set_hours(8);
  v1::Demand set;
  {
    auto ctx = TestServer::Context(coordinator_);
    grpc::Status s = capacity_->SetDemand(ctx.get(), demand, &set);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  v1::ProposeRequest req;
  req.set_crisis(opened.crisis().id());
  req.set_week(next_week_);
  v1::Proposal second;
  auto ctx = TestServer::Context(admin_);
  grpc::Status s = capacity_->Propose(ctx.get(), req, &second);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(second.warnings_size(), 1);
  EXPECT_THAT(second.warnings(0),
              StartsWith(absl::StrCat("allocation ", allocation.id(), " (proposal ", first.id(),
                                      ") of crisis 1 is in force in ", next_week_, " too")));
  // The first crisis's own proposal does not warn about itself.
  EXPECT_EQ(MustPropose(v1::POLICY_PRIORITY, next_week_).warnings_size(), 0);

  // Approving the second says so again, and its decision in the log notes it.
  v1::Allocation second_allocation;
  s = Approve(second.id(), &second_allocation);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(second_allocation.warnings_size(), 1);
  EXPECT_THAT(second_allocation.warnings(0),
              StartsWith(absl::StrCat("allocation ", allocation.id(), " (proposal ", first.id(),
                                      ") of crisis 1 is in force in ", next_week_, " too; this plan")));
  v1::ListEntriesRequest get;
  get.set_crisis(opened.crisis().id());
  get.set_after_seq(second_allocation.decision_seq() - 1);
  get.set_page_size(1);
  v1::ListEntriesResponse entries;
  auto gctx = TestServer::Context(admin_);
  ASSERT_TRUE(crisis_->ListEntries(gctx.get(), get, &entries).ok());
  ASSERT_EQ(entries.entries_size(), 1);
  // The log notes it without naming the other crisis (its readers may not read that one).
  EXPECT_THAT(entries.entries(0).text(),
              HasSubstr(absl::StrCat("\nNote: an allocation of another crisis is in force in ",
                                     next_week_, " too; this plan")));
}

// A week that is over can be proposed (to look back) but not approved: the allocation would
// be in force at no moment.
TEST_F(CapacityServiceTest, AWeekThatIsOverIsNotApproved) {
  const std::string last_week = WeekIn(-1);
  ASSERT_TRUE(SetDemand(last_week, "heumen", 6).ok());
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, last_week);
  v1::Allocation a;
  grpc::Status s = Approve(p.id(), &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("week ", last_week, " is over")));
  EXPECT_TRUE(Allocations(std::nullopt).empty());
}

// An ambition taken out of use keeps its plan lines (they come back with it): they must
// still fit the municipality's hours, or reactivating it would break every proposal.
TEST_F(CapacityServiceTest, ThePlanOfAnAmbitionOutOfUseStillFitsTheHours) {
  auto set_ambition = [&](bool active) {
    v1::ListAmbitionsResponse list;
    auto lctx = TestServer::Context(admin_);
    EXPECT_TRUE(capacity_->ListAmbitions(lctx.get(), v1::ListAmbitionsRequest(), &list).ok());
    v1::SetAmbitionRequest req;
    for (const v1::Ambition& a : list.ambitions()) {
      if (a.key() == "veilig-verkeer") *req.mutable_ambition() = a;
    }
    req.mutable_ambition()->set_active(active);
    v1::Ambition resp;
    auto ctx = TestServer::Context(admin_);
    return capacity_->SetAmbition(ctx.get(), req, &resp);
  };
  v1::MunicipalityCapacity heumen = CapacityOf("heumen");
  double planned = 0, verkeer = 0;
  for (const v1::PlanLine& l : heumen.plan()) {
    planned += l.planned_hours();
    if (l.ambition() == "veilig-verkeer") verkeer = l.planned_hours();
  }
  ASSERT_GT(verkeer, 0);
  const double room = heumen.available_hours() + heumen.overtime_hours() - planned;
  ASSERT_TRUE(set_ambition(false).ok());

  // Its line is not shown now, and cannot be planned (it could be neither seen nor dropped).
  heumen = CapacityOf("heumen");
  v1::PlanLine* line = heumen.add_plan();
  line->set_ambition("veilig-verkeer");
  line->set_planned_hours(verkeer + 1);
  grpc::Status named = SetCapacity(heumen);
  EXPECT_EQ(named.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << named.error_message();
  EXPECT_THAT(named.error_message(), HasSubstr("ambition 'veilig-verkeer' is out of use"));
  // Using the hours it frees for another ambition is refused: they come back with it.
  heumen = CapacityOf("heumen");
  (*heumen.mutable_plan())[0].set_planned_hours(heumen.plan(0).planned_hours() + room + 1);
  grpc::Status raised = SetCapacity(heumen);
  EXPECT_EQ(raised.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << raised.error_message();
  EXPECT_THAT(raised.error_message(), HasSubstr("municipality heumen: total plan"));
  EXPECT_THAT(raised.error_message(), HasSubstr("counting the plan of ambitions out of use"));

  // A proposal meanwhile uses its hours as free hours, and says so; so does the decision.
  const v1::Proposal meanwhile = MustPropose(v1::POLICY_PRIORITY, next_week_);
  ASSERT_GE(meanwhile.warnings_size(), 1);
  EXPECT_THAT(meanwhile.warnings(0), StartsWith("ambition veilig-verkeer is out of use: its planned "));
  EXPECT_THAT(meanwhile.warnings(0), HasSubstr("heumen "));
  v1::Allocation approved;
  ASSERT_TRUE(Approve(meanwhile.id(), &approved).ok());
  ASSERT_GE(approved.warnings_size(), 1);
  EXPECT_THAT(Entries().back().text(), HasSubstr("\nNote: ambition veilig-verkeer is out of use"));

  // Reactivated, the plan is as it was and proposals work.
  ASSERT_TRUE(set_ambition(true).ok());
  double after = 0;
  const v1::MunicipalityCapacity again = CapacityOf("heumen");
  for (const v1::PlanLine& l : again.plan()) after += l.planned_hours();
  EXPECT_DOUBLE_EQ(after, planned);
  MustPropose(v1::POLICY_PRIORITY, next_week_);
}

// Demand of a municipality taken out of use is named, and a demand of 0 is no demand.
TEST_F(CapacityServiceTest, DemandOfADeactivatedMunicipalityIsNamedAndZeroIsNoDemand) {
  ASSERT_TRUE(SetDemand(next_week_, "heumen", 6).ok());
  const v1::Proposal before = MustPropose(v1::POLICY_PRIORITY, next_week_);
  auto directory = v1::DirectoryService::NewStub(server_->channel());
  auto set_active = [&](bool active) {
    v1::UpdateMunicipalityRequest req;
    req.set_key("heumen");
    req.set_active(active);
    v1::Municipality resp;
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = directory->UpdateMunicipality(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  };
  set_active(false);
  // New demand on it is refused (it could never be planned); what was set before is named
  // when proposing.
  grpc::Status more = SetDemand(next_week_, "heumen", 7);
  EXPECT_EQ(more.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << more.error_message();
  EXPECT_THAT(more.error_message(), StartsWith("municipality 'heumen' is deactivated"));
  v1::Proposal p;
  grpc::Status s = Propose(v1::POLICY_PRIORITY, next_week_, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(),
              HasSubstr(absl::StrCat("the crisis demand of ", next_week_, " asks 6 h of heumen, "
                                     "which is deactivated: set that demand to 0 or reactivate heumen")));
  // A proposal made before is still shown, as stale.
  v1::GetProposalRequest get;
  get.set_id(before.id());
  v1::Proposal shown;
  {
    auto gctx = TestServer::Context(admin_);
    grpc::Status g = capacity_->GetProposal(gctx.get(), get, &shown);
    ASSERT_TRUE(g.ok()) << g.error_message();
  }
  EXPECT_TRUE(shown.stale());
  ASSERT_TRUE(SetDemand(next_week_, "heumen", 0).ok());
  v1::Proposal without = MustPropose(v1::POLICY_PRIORITY, next_week_);
  for (const v1::MunicipalityOutcome& o : without.municipalities()) {
    EXPECT_NE(o.municipality(), "heumen");
  }
  set_active(true);
}

// A municipality added to the directory has no capacity figures yet: demand on it is named
// with what to do, and a demand of 0 is no demand (it does not block the week).
TEST_F(CapacityServiceTest, DemandOfAMunicipalityWithoutCapacityFiguresIsNamed) {
  auto directory = v1::DirectoryService::NewStub(server_->channel());
  v1::CreateMunicipalityRequest create;
  create.mutable_municipality()->set_key("gennep");
  create.mutable_municipality()->set_name("Gennep");
  create.mutable_municipality()->set_region("vrgz");
  v1::Municipality made;
  {
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = directory->CreateMunicipality(ctx.get(), create, &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  ASSERT_TRUE(SetDemand(next_week_, "gennep", 4).ok());
  v1::Proposal p;
  grpc::Status s = Propose(v1::POLICY_PRIORITY, next_week_, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(s.error_message(),
            absl::StrCat("the crisis demand of ", next_week_, " asks 4 h of gennep, which has no "
                         "capacity figures: set them (paraat capacity set gennep --fte N "
                         "--available H) or set that demand to 0"));
  ASSERT_TRUE(SetDemand(next_week_, "gennep", 0).ok());
  MustPropose(v1::POLICY_PRIORITY, next_week_);
}

// A loan rule of a municipality that takes no part (deactivated, or without capacity figures
// yet) is dormant: proposals and capacity changes go on. New rules name only municipalities
// in use.
TEST_F(CapacityServiceTest, ALoanRuleOfAMunicipalityOutOfUseIsDormantNotAnError) {
  auto directory = v1::DirectoryService::NewStub(server_->channel());
  auto set_active = [&](const std::string& key, bool active) {
    v1::UpdateMunicipalityRequest req;
    req.set_key(key);
    req.set_active(active);
    v1::Municipality resp;
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = directory->UpdateMunicipality(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  };
  // West Maas en Waal has no demand in the demo week; it may not lend to Heumen.
  ASSERT_TRUE(SetLoanRule("west-maas-en-waal", "heumen", false, 1.2).ok());
  set_active("west-maas-en-waal", false);
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  EXPECT_GT(p.id(), 0);
  for (const v1::MunicipalityOutcome& o : p.municipalities()) {
    EXPECT_NE(o.municipality(), "west-maas-en-waal");
  }
  // Changing another municipality's figures checks the whole region: not blocked either.
  grpc::Status set = SetCapacity(CapacityOf("heumen"));
  EXPECT_TRUE(set.ok()) << set.error_message();
  // A new rule names only municipalities in use, and says which is not.
  grpc::Status inactive = SetLoanRule("west-maas-en-waal", "druten", true, 1.2);
  EXPECT_EQ(inactive.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << inactive.error_message();
  EXPECT_THAT(inactive.error_message(), StartsWith("municipality 'west-maas-en-waal' is deactivated"));
  inactive = SetLoanRule("druten", "west-maas-en-waal", true, 1.2);
  EXPECT_EQ(inactive.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << inactive.error_message();
  EXPECT_THAT(inactive.error_message(), StartsWith("municipality 'west-maas-en-waal' is deactivated"));
  grpc::Status unknown = SetLoanRule("druten", "atlantis", true, 1.2);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND) << unknown.error_message();
  EXPECT_THAT(unknown.error_message(), HasSubstr("unknown municipality 'atlantis'"));
  // Reactivated, the rule applies again: the data changed, so the proposal is stale.
  set_active("west-maas-en-waal", true);
  v1::GetProposalRequest get;
  get.set_id(p.id());
  v1::Proposal again;
  {
    auto ctx = TestServer::Context(admin_);
    ASSERT_TRUE(capacity_->GetProposal(ctx.get(), get, &again).ok());
  }
  EXPECT_TRUE(again.stale());
  const v1::Proposal with_rule = MustPropose(v1::POLICY_PRIORITY, next_week_);
  for (const v1::Loan& l : with_rule.loans()) {
    EXPECT_FALSE(l.lender() == "west-maas-en-waal" && l.borrower() == "heumen");
  }

  // A municipality new in the directory, without capacity figures yet, may get rules; they
  // wait for its figures.
  v1::CreateMunicipalityRequest create;
  create.mutable_municipality()->set_key("gennep");
  create.mutable_municipality()->set_name("Gennep");
  create.mutable_municipality()->set_region("tweestromenland");
  v1::Municipality made;
  {
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = directory->CreateMunicipality(ctx.get(), create, &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  ASSERT_TRUE(SetLoanRule("gennep", "heumen", true, 1.5).ok());
  ASSERT_TRUE(SetLoanRule("heumen", "gennep", false, 1.2).ok());
  MustPropose(v1::POLICY_PRIORITY, next_week_);
  set = SetCapacity(CapacityOf("druten"));
  EXPECT_TRUE(set.ok()) << set.error_message();
}

// An allocation whose week is over ended with its week: closing the crisis restores only those
// in force or coming (one decision each), and a restore of the old week names it as ended.
TEST_F(CapacityServiceTest, AnAllocationWhoseWeekIsOverIsNotRestoredAtClose) {
  v1::Allocation old_one, coming;
  ASSERT_TRUE(Approve(MustPropose(v1::POLICY_PRIORITY, next_week_).id(), &old_one).ok());
  const std::string later = WeekIn(2);
  ASSERT_TRUE(Approve(MustPropose(v1::POLICY_PRIORITY, later).id(), &coming).ok());
  // The first was approved long ago for a week that is over now: as a database holds it
  // after the weeks have passed (an approval for a week that is over is refused).
  const std::string long_ago = WeekIn(-3);
  const std::string path = server_->data_dir() + "/paraat.db";
  server_->Stop();
  {
    auto db = storage::Database::Open(path, storage::OpenMode::kExisting);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->Write([&](storage::Txn& txn) -> absl::Status {
                      return txn.conn().Exec(absl::StrCat(
                          "UPDATE allocation SET iso_year = ", long_ago.substr(0, 4),
                          ", iso_week = ", std::stoi(long_ago.substr(6)),
                          " WHERE id = ", old_one.id()));
                    }).ok());
  }
  server_->Restart();
  admin_ = server_->LoginAs("administrator");
  coordinator_ = server_->LoginAs("coordinator");
  officer_ = server_->LoginAs("officer");

  // Restoring that week: nothing to restore, and why.
  v1::RestoreRequest restore;
  restore.set_crisis(kDemoCrisis);
  restore.set_week(long_ago);
  v1::Allocation restored;
  {
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = capacity_->Restore(ctx.get(), restore, &restored);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
    EXPECT_EQ(s.error_message(),
              absl::StrCat("crisis 1 has no active capacity allocation for ", long_ago,
                           " (allocation ", old_one.id(), " of ", long_ago,
                           " ended with its week)"));
  }

  // Closing: one restore decision, for the coming week only, then the closing.
  const std::vector<v1::Entry> before = Entries();
  v1::AppendEntryRequest close;
  close.set_crisis(kDemoCrisis);
  close.set_kind(v1::ENTRY_KIND_CLOSED);
  close.set_text("De opvang is beëindigd.");
  close.set_idempotency_key("close-old-weeks");
  v1::AppendEntryResponse resp;
  {
    auto ctx = TestServer::Context(coordinator_);
    grpc::Status s = crisis_->AppendEntry(ctx.get(), close, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const std::vector<v1::Entry> after = Entries();
  ASSERT_EQ(after.size(), before.size() + 2);
  EXPECT_THAT(after[after.size() - 2].text(),
              StartsWith(absl::StrCat("Capacity allocation ", coming.id(), " for ", later)));
  for (const v1::Entry& e : after) {
    EXPECT_THAT(e.text(), ::testing::Not(HasSubstr(absl::StrCat("Capacity allocation ",
                                                                old_one.id(), " for "))));
  }
  EXPECT_EQ(after.back().kind(), v1::ENTRY_KIND_CLOSED);
}

// Demand taken back (every row set to 0 h) is no demand: no proposal, nothing to approve.
TEST_F(CapacityServiceTest, AWeekWhoseDemandIsAllZeroHasNoDemandToPropose) {
  for (const auto& [municipality, hours] : DemandIn(next_week_)) {
    ASSERT_TRUE(SetDemand(next_week_, municipality, 0).ok()) << municipality;
  }
  const int64_t audit_before = LastAuditId();
  v1::Proposal p;
  grpc::Status s = Propose(v1::POLICY_PRIORITY, next_week_, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(s.error_message(),
            absl::StrCat("crisis 1 has no demand for ", next_week_,
                         " (every municipality's demand is 0 h); set it first (paraat capacity "
                         "demand set)"));
  EXPECT_EQ(LastAuditId(), audit_before);  // no proposal kept
  // Some demand again: a proposal as before.
  ASSERT_TRUE(SetDemand(next_week_, "heumen", 4).ok());
  EXPECT_DOUBLE_EQ(MustPropose(v1::POLICY_PRIORITY, next_week_).total_demand_hours(), 4);
}

// Costs below 1 were accepted before they were refused. A database that holds them (a rule, the
// default, the input of a proposal) stays usable after the upgrade: they plan as 1.
TEST_F(CapacityServiceTest, LoanCostsBelowOneStoredBeforeArePlannedAsOne) {
  ASSERT_TRUE(SetLoanRule("wijchen", "heumen", true, 1.5).ok());
  ASSERT_TRUE(SetLoanRule("heumen", "wijchen", true, 1.5).ok());
  const v1::Proposal before = MustPropose(v1::POLICY_PRIORITY, next_week_);
  const std::string path = server_->data_dir() + "/paraat.db";
  server_->Stop();
  {
    auto db = storage::Database::Open(path, storage::OpenMode::kExisting);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->Write([&](storage::Txn& txn) -> absl::Status {
                      PARAAT_RETURN_IF_ERROR(txn.conn().Exec("UPDATE loan_rule SET cost = 0.8"));
                      PARAAT_RETURN_IF_ERROR(txn.conn().Exec(
                          "INSERT OR REPLACE INTO setting (key, value) VALUES "
                          "('loans_default_cost', '0.5')"));
                      return txn.conn().Exec(
                          "UPDATE proposal SET input_json = "
                          "replace(input_json, '\"cost\":1.5', '\"cost\":0.8')");
                    }).ok());
    int64_t changed = 0;
    ASSERT_TRUE((*db)->Read([&](storage::Connection& c) -> absl::Status {
                      PARAAT_ASSIGN_OR_RETURN(
                          storage::StatementRef st,
                          c.Prepare("SELECT count(*) FROM proposal WHERE input_json LIKE "
                                    "'%\"cost\":0.8%'"));
                      PARAAT_RETURN_IF_ERROR(st->Step().status());
                      changed = st->Int(0);
                      return absl::OkStatus();
                    }).ok());
    ASSERT_EQ(changed, 1) << "the stored proposal holds no cost of 0.8";
  }
  server_->Restart();
  admin_ = server_->LoginAs("administrator");
  // The proposal made before reads, is out of date (the rules changed), and plans as 1.
  v1::GetProposalRequest get;
  get.set_id(before.id());
  v1::Proposal again;
  {
    auto ctx = TestServer::Context(admin_);
    grpc::Status s = capacity_->GetProposal(ctx.get(), get, &again);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // A new one plans, lending one way at most; changing figures is not blocked.
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  std::map<std::pair<std::string, std::string>, double> lent;
  for (const v1::Loan& l : p.loans()) lent[{l.lender(), l.borrower()}] += l.hours();
  const double both_ways = lent[{"wijchen", "heumen"}] * lent[{"heumen", "wijchen"}];
  EXPECT_EQ(both_ways, 0);
  grpc::Status set = SetCapacity(CapacityOf("heumen"));
  EXPECT_TRUE(set.ok()) << set.error_message();
}

// A cost of exactly 1 is allowed, and a proposal still lends only what it must, one way.
TEST_F(CapacityServiceTest, ALoanCostOfOneLendsNeitherBothWaysNorMoreThanNeeded) {
  ASSERT_TRUE(SetLoanRule("wijchen", "heumen", true, 1).ok());
  ASSERT_TRUE(SetLoanRule("heumen", "wijchen", true, 1).ok());
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  std::map<std::pair<std::string, std::string>, double> lent;
  for (const v1::Loan& l : p.loans()) lent[{l.lender(), l.borrower()}] += l.hours();
  const double both_ways = lent[{"wijchen", "heumen"}] * lent[{"heumen", "wijchen"}];
  EXPECT_EQ(both_ways, 0);
  double total = 0;
  for (const auto& [pair, hours] : lent) total += hours;
  // At most what Heumen (13 h) and Wijchen (1 h) cannot free at 1.2; nobody lends and borrows.
  EXPECT_LE(total, 14 + kTolerance);
  for (const v1::MunicipalityOutcome& o : p.municipalities()) {
    EXPECT_FALSE(o.hours_lent() > 0 && o.crisis_hours_borrowed() > 0) << o.municipality();
  }
}

// What a crisis claims of a municipality's staff is stated by that municipality or the region.
TEST_F(CapacityServiceTest, AMunicipalAccountStatesTheDemandOfItsOwnMunicipalityOnly) {
  const std::string heumen =
      server_->LoginNewAccount("h.beheer", "i.verhoeven", v1::ROLE_ADMINISTRATOR, "heumen");
  auto set = [&](const std::string& municipality, double hours) {
    v1::SetDemandRequest req;
    req.mutable_demand()->set_crisis(kDemoCrisis);
    req.mutable_demand()->set_week(next_week_);
    req.mutable_demand()->set_municipality(municipality);
    req.mutable_demand()->set_hours(hours);
    v1::Demand resp;
    auto ctx = TestServer::Context(heumen);
    return capacity_->SetDemand(ctx.get(), req, &resp);
  };
  const std::map<std::string, double> before = DemandIn(next_week_);
  grpc::Status s = set("wijchen", 30);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(),
            "stating the crisis demand of a municipality concerns municipality 'wijchen'; "
            "h.beheer may act only for 'heumen'");
  EXPECT_EQ(DemandIn(next_week_), before);
  s = set("heumen", 21);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(DemandIn(next_week_).at("heumen"), 21);
}

TEST_F(CapacityServiceTest, AllocationsOfAnUnknownCrisisAndMalformedVersionsAreRefused) {
  v1::ListAllocationsRequest req;
  req.set_crisis(9999);
  v1::ListAllocationsResponse resp;
  auto ctx = TestServer::Context(admin_);
  grpc::Status s = capacity_->ListAllocations(ctx.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  req.set_crisis(-1);
  auto ctx2 = TestServer::Context(admin_);
  s = capacity_->ListAllocations(ctx2.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();

  v1::MunicipalityCapacity heumen;
  const v1::GetCapacityResponse all = Capacity();
  for (const auto& m : all.municipalities()) {
    if (m.municipality() == "heumen") heumen = m;
  }
  ASSERT_EQ(heumen.municipality(), "heumen");
  heumen.set_version("zzz");
  s = SetCapacity(heumen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), StartsWith("version is not one a read of the capacity figures gave"));
}

TEST_F(CapacityServiceTest, InfeasibleDemandStillGivesAProposalWithShortfallsExplained) {
  ASSERT_TRUE(SetDemand(next_week_, "heumen", 500).ok());
  const v1::Proposal p = MustPropose(v1::POLICY_PRIORITY, next_week_);
  ASSERT_GT(p.id(), 0);

  // With loans allowed between all six, the region can give the crisis every hour above the
  // floors (plus overtime); the rest is short, whichever municipality ends up short.
  const std::map<std::string, bool> regular = RegularAmbitions();
  double free_hours = 0;
  const auto capacity_now = Capacity();
  for (const auto& m : capacity_now.municipalities()) {
    double floors = 0;
    for (const auto& l : m.plan()) {
      floors += l.has_floor_hours() ? l.floor_hours() : regular.at(l.ambition()) ? l.planned_hours() : 0.0;
    }
    free_hours += m.available_hours() + m.overtime_hours() - floors;
  }
  const double demand = 500 + 16 + 8 + 6 + 4;
  EXPECT_DOUBLE_EQ(p.total_demand_hours(), demand);
  EXPECT_NEAR(p.total_shortfall_hours(), demand - free_hours, kTolerance);

  double short_sum = 0;
  std::vector<std::string> short_ones;
  for (const v1::MunicipalityOutcome& o : p.municipalities()) {
    short_sum += o.shortfall_hours();
    if (o.shortfall_hours() > kTolerance) short_ones.push_back(o.municipality());
  }
  EXPECT_NEAR(short_sum, p.total_shortfall_hours(), kTolerance);
  EXPECT_THAT(short_ones, ::testing::Contains("heumen"));
  // One explanation per short municipality, naming it first, saying why.
  ASSERT_EQ(p.shortfalls_size(), static_cast<int>(short_ones.size()));
  for (size_t i = 0; i < short_ones.size(); ++i) {
    EXPECT_THAT(p.shortfalls(i), StartsWith(absl::StrCat(short_ones[i], ": ")));
    EXPECT_THAT(p.shortfalls(i), HasSubstr(" h/week short; "));
    EXPECT_THAT(p.shortfalls(i), HasSubstr("all ambitions at their floor"));
  }
  // Every ambition everywhere is at its floor.
  for (const v1::AmbitionOutcome& a : p.allocations()) {
    EXPECT_NEAR(a.kept_hours(), a.floor_hours(), kTolerance) << a.municipality() << " " << a.ambition();
  }
  EXPECT_THAT(p.summary(), HasSubstr("Short: heumen: "));
}

}  // namespace
}  // namespace paraat
