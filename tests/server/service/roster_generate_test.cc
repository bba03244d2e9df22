// SPDX-License-Identifier: EUPL-1.2
// RosterService's solver RPCs against a real server with the demo data: GenerateRoster for
// both demo pools (every hard rule holds in the stored roster, the fairness report is even),
// published duties kept, an infeasible week explained with nothing written, the holiday list
// and stated preferences.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/time/civil.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "proto/convert/convert.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::TestServer;

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

absl::Time Local(absl::CivilDay day, int hour) {
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0), Amsterdam());
}

std::string Date(absl::CivilDay d) { return absl::FormatCivilTime(d); }

// One stored duty, read back through GetSchedule.
struct StoredDuty {
  std::string pool;
  std::string person;
  absl::Time start, end;
  int64_t shift_id = 0;
  bool published = false;
};

constexpr int kWeeks = 12;

class RosterGenerateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    roster_ = v1::RosterService::NewStub(server_->channel());
    admin_ = server_->LoginAs("administrator");
    officer_ = server_->LoginAs("officer");  // h.devries, pool oost
    const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
    monday_ = today + (8 - time::IsoWeekday(today));  // next Monday, never today
    start_ = Local(monday_, 9);                       // the demo pools hand over Monday 09:00
    end_ = Local(monday_ + 7 * kWeeks, 9);
  }

  grpc::Status Generate(v1::GenerateRosterResponse* resp, std::vector<std::string> pools = {}) {
    v1::GenerateRosterRequest req;
    req.set_from_date(Date(monday_));
    req.set_weeks(kWeeks);
    for (const auto& p : pools) req.add_pools(p);
    req.set_time_budget_seconds(60);
    auto ctx = TestServer::Context(admin_);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(90));
    return roster_->GenerateRoster(ctx.get(), req, resp);
  }

  v1::GetScheduleResponse Schedule(const std::string& pool) {
    v1::GetScheduleRequest req;
    req.set_pool(pool);
    convert::ToProto(start_, req.mutable_from());
    convert::ToProto(end_, req.mutable_to());
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = roster_->GetSchedule(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // The stored duties of a pool in the horizon, one per roster shift, in time order.
  std::vector<StoredDuty> Duties(const std::string& pool) {
    std::map<int64_t, StoredDuty> by_shift;
    const auto schedule_now = Schedule(pool);
    for (const v1::DutySlice& s : schedule_now.slices()) {
      EXPECT_EQ(s.source(), v1::DUTY_SOURCE_ROSTER);
      StoredDuty& d = by_shift[s.shift_id()];
      const absl::Time start = convert::TimeFromProto(s.interval().start());
      const absl::Time end = convert::TimeFromProto(s.interval().end());
      if (d.shift_id == 0) {
        d = {pool, s.person().key(), start, end, s.shift_id(), s.published()};
      } else {
        EXPECT_EQ(d.person, s.person().key());
        d.start = std::min(d.start, start);
        d.end = std::max(d.end, end);
      }
    }
    std::vector<StoredDuty> out;
    for (auto& [id, d] : by_shift) out.push_back(d);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    return out;
  }

  grpc::Status AddLeave(const std::string& person, absl::Time from, absl::Time to,
                        const std::string& reason) {
    v1::AddUnavailabilityRequest req;
    req.set_person(person);
    convert::ToProto(from, req.mutable_interval()->mutable_start());
    convert::ToProto(to, req.mutable_interval()->mutable_end());
    req.set_reason(reason);
    v1::AddUnavailabilityResponse resp;
    auto ctx = TestServer::Context(admin_);
    return roster_->AddUnavailability(ctx.get(), req, &resp);
  }

  v1::GetFairnessResponse Fairness() {
    v1::GetFairnessRequest req;
    convert::ToProto(start_, req.mutable_from());
    convert::ToProto(end_, req.mutable_to());
    v1::GetFairnessResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = roster_->GetFairness(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  const std::map<std::string, std::vector<std::string>> members_ = {
      {"west", {"a.jansen", "b.vandijk", "c.peters", "d.hendriks", "e.willems", "f.bos"}},
      {"oost", {"g.smits", "h.devries", "i.verhoeven", "j.kuijpers", "k.vandenberg", "l.maas"}},
  };
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::RosterService::Stub> roster_;
  std::string admin_, officer_;
  absl::CivilDay monday_;
  absl::Time start_, end_;
};

TEST_F(RosterGenerateTest, BothPoolsForTwelveWeeksKeepEveryHardRuleAndAreFair) {
  // Leave the roster must respect: two weeks of h.devries, two days inside a week of a.jansen.
  const absl::Time devries_from = Local(monday_ + 14, 0), devries_to = Local(monday_ + 28, 0);
  const absl::Time jansen_from = Local(monday_ + 2, 8), jansen_to = Local(monday_ + 4, 18);
  ASSERT_TRUE(AddLeave("h.devries", devries_from, devries_to, "Vakantie").ok());
  ASSERT_TRUE(AddLeave("a.jansen", jansen_from, jansen_to, "Cursus").ok());

  v1::GenerateRosterResponse resp;
  grpc::Status s = Generate(&resp);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(resp.status(), "optimal");
  EXPECT_THAT(resp.unfillable(), ::testing::IsEmpty());
  EXPECT_THAT(resp.warnings(), ::testing::IsEmpty());
  EXPECT_EQ(resp.shifts_size(), 2 * kWeeks);
  EXPECT_DOUBLE_EQ(resp.relative_gap(), 0);

  std::map<std::string, std::vector<StoredDuty>> by_person;
  for (const auto& [pool, members] : members_) {
    SCOPED_TRACE(pool);
    const v1::GetScheduleResponse sched = Schedule(pool);
    EXPECT_EQ(sched.gaps_size(), 0);  // every slot filled
    EXPECT_EQ(sched.clashes_size(), 0);
    const std::vector<StoredDuty> duties = Duties(pool);
    ASSERT_EQ(duties.size(), static_cast<size_t>(kWeeks));
    for (int w = 0; w < kWeeks; ++w) {
      const StoredDuty& d = duties[w];
      EXPECT_EQ(d.start, Local(monday_ + 7 * w, 9)) << w;
      EXPECT_EQ(d.end, Local(monday_ + 7 * (w + 1), 9)) << w;
      EXPECT_FALSE(d.published);
      EXPECT_THAT(members, ::testing::Contains(d.person)) << w;
      by_person[d.person].push_back(d);
    }
  }
  for (auto& [person, duties] : by_person) {
    SCOPED_TRACE(person);
    std::sort(duties.begin(), duties.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (size_t i = 0; i < duties.size(); ++i) {
      // Leave respected: no duty overlaps it.
      if (person == "h.devries") {
        EXPECT_FALSE(duties[i].start < devries_to && devries_from < duties[i].end);
      }
      if (person == "a.jansen") {
        EXPECT_FALSE(duties[i].start < jansen_to && jansen_from < duties[i].end);
      }
      if (i == 0) continue;
      // Never in two places at once, and at least one free week (min_rest_shifts 1) between.
      const StoredDuty& prev = duties[i - 1];
      EXPECT_GE(duties[i].start, prev.end) << prev.pool << " and " << duties[i].pool;
      EXPECT_GE(absl::ToCivilDay(duties[i].start, Amsterdam()) - absl::ToCivilDay(prev.end, Amsterdam()), 7)
          << "duties ending " << prev.end << " and starting " << duties[i].start;
    }
  }
  // Everybody takes part: 12 weeks over 6 members.
  EXPECT_EQ(by_person.size(), 12u);

  const v1::GetFairnessResponse fairness = Fairness();
  ASSERT_EQ(fairness.pools_size(), 2);
  for (const v1::PoolFairness& p : fairness.pools()) {
    SCOPED_TRACE(p.pool());
    EXPECT_EQ(p.duties(), kWeeks);
    EXPECT_EQ(p.unfilled(), 0);
    EXPECT_LE(p.spread(), 1.0 + 1e-9);
    EXPECT_LE(p.holiday_spread(), 1.0 + 1e-9);
  }
  int people = 0;
  for (const v1::PersonFairness& f : fairness.people()) {
    if (!f.member()) continue;
    ++people;
    EXPECT_NEAR(f.deviation(), f.duties() - f.expected_duties(), 1e-9) << f.person().key();
    EXPECT_LE(std::abs(f.deviation()), 1.0) << f.person().key();
  }
  EXPECT_EQ(people, 12);
}

TEST_F(RosterGenerateTest, PublishedDutiesAreKeptByASecondGenerate) {
  v1::GenerateRosterResponse first;
  ASSERT_TRUE(Generate(&first).ok());
  ASSERT_EQ(first.status(), "optimal");

  v1::PublishRosterRequest pub;
  pub.set_pool("oost");
  pub.set_until_date(Date(monday_ + 28));  // the first four weeks
  v1::PublishRosterResponse published;
  auto ctx = TestServer::Context(admin_);
  grpc::Status s = roster_->PublishRoster(ctx.get(), pub, &published);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(published.published(), 4);
  const std::vector<StoredDuty> before = Duties("oost");
  ASSERT_EQ(before.size(), static_cast<size_t>(kWeeks));

  // Whoever holds the first published week now has leave then: only a draft would move.
  const std::string holder = before[0].person;
  ASSERT_TRUE(AddLeave(holder, Local(monday_ + 1, 9), Local(monday_ + 3, 9), "Ziek").ok());

  v1::GenerateRosterResponse second;
  s = Generate(&second);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(second.status(), "optimal");
  // The clash among fixed duties is reported, not "solved".
  ASSERT_EQ(second.warnings_size(), 1);
  EXPECT_THAT(second.warnings(0), HasSubstr(holder));
  EXPECT_THAT(second.warnings(0), HasSubstr("on leave"));
  // Only drafts were written: oost's from week 5 on, all of west.
  EXPECT_EQ(second.shifts_size(), 2 * kWeeks - 4);
  for (const v1::DutySlice& d : second.shifts()) {
    if (d.pool() == "oost") {
      EXPECT_GE(convert::TimeFromProto(d.interval().start()), Local(monday_ + 28, 9));
    }
  }

  const std::vector<StoredDuty> after = Duties("oost");
  ASSERT_EQ(after.size(), static_cast<size_t>(kWeeks));
  for (int w = 0; w < 4; ++w) {
    SCOPED_TRACE(w);
    EXPECT_TRUE(after[w].published);
    EXPECT_EQ(after[w].shift_id, before[w].shift_id);
    EXPECT_EQ(after[w].person, before[w].person);
    EXPECT_EQ(after[w].start, before[w].start);
    EXPECT_EQ(after[w].end, before[w].end);
  }
  for (int w = 4; w < kWeeks; ++w) EXPECT_FALSE(after[w].published) << w;
  EXPECT_EQ(Schedule("oost").gaps_size(), 0);
}

// The planner moves the handover (Monday 09:00 to Wednesday 12:00) after publishing two weeks
// and generates again: the first new duty begins where the last published one ends. (It began
// at the next Wednesday, and the days between were a gap nobody could fill.)
TEST_F(RosterGenerateTest, AMovedHandoverLeavesNoGapAfterThePublishedDuties) {
  v1::GenerateRosterResponse first;
  ASSERT_TRUE(Generate(&first).ok());
  v1::PublishRosterRequest pub;
  pub.set_pool("west");
  pub.set_until_date(Date(monday_ + 14));
  v1::PublishRosterResponse published;
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->PublishRoster(ctx.get(), pub, &published).ok());
  ASSERT_EQ(published.published(), 2);
  auto directory = v1::DirectoryService::NewStub(server_->channel());
  v1::UpdatePoolRequest move;
  move.set_key("west");
  move.set_handover_weekday(3);
  move.set_handover_time("12:00");
  v1::Pool pool;
  auto c2 = TestServer::Context(admin_);
  grpc::Status s = directory->UpdatePool(c2.get(), move, &pool);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::GenerateRosterResponse second;
  s = Generate(&second, {"west"});
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(second.status(), "optimal");
  const std::vector<StoredDuty> duties = Duties("west");
  ASSERT_GE(duties.size(), 4u);
  EXPECT_TRUE(duties[0].published);
  EXPECT_TRUE(duties[1].published);
  EXPECT_EQ(duties[1].end, Local(monday_ + 14, 9));
  EXPECT_EQ(duties[2].start, Local(monday_ + 14, 9));  // on from the published one
  EXPECT_EQ(duties[3].start, Local(monday_ + 23, 12));  // then on the Wednesdays
  for (size_t i = 1; i < duties.size(); ++i) EXPECT_EQ(duties[i].start, duties[i - 1].end) << i;
  EXPECT_EQ(Schedule("west").gaps_size(), 0) << Schedule("west").DebugString();
}

// The roster is made around who is on duty already by an override or an approved swap: the
// solver plans nobody into their rest, and keeps the duty the swap changes.
TEST_F(RosterGenerateTest, OverridesAndApprovedSwapsAreKeptInMind) {
  v1::GenerateRosterResponse first;
  ASSERT_TRUE(Generate(&first, {"oost"}).ok());
  const std::vector<StoredDuty> before = Duties("oost");
  ASSERT_GE(before.size(), 4u);
  // Someone covers the last day of week 1 by an override ...
  const std::string covering = before[2].person;  // on duty in week 3 only among weeks 1-3
  ASSERT_NE(covering, before[0].person);
  ASSERT_NE(covering, before[1].person);
  v1::CreateOverrideRequest o;
  o.set_pool("oost");
  o.set_person(covering);
  convert::ToProto(before[0].end - absl::Hours(24), o.mutable_from());
  convert::ToProto(before[0].end, o.mutable_until());
  o.set_reason("ziekte");
  v1::Override made;
  auto octx = TestServer::Context(admin_);
  grpc::Status s = roster_->CreateOverride(octx.get(), o, &made);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // ... and week 4 goes, by an approved swap, to whoever has week 6.
  v1::RequestSwapRequest swap;
  swap.set_shift_id(before[3].shift_id);
  swap.set_taker(before[5].person);
  v1::DutySwap arranged;
  auto sctx = TestServer::Context(admin_);
  s = roster_->ArrangeSwap(sctx.get(), swap, &arranged);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // ... and the officer h.devries asks a colleague to take a later week of theirs (open).
  const StoredDuty* asked = nullptr;
  for (size_t i = 6; i < before.size() && asked == nullptr; ++i) {
    if (before[i].person == "h.devries") asked = &before[i];
  }
  ASSERT_NE(asked, nullptr);
  v1::RequestSwapRequest ask;
  ask.set_shift_id(asked->shift_id);
  ask.set_taker(before[3].person == "l.maas" ? "g.smits" : "l.maas");
  v1::DutySwap open;
  auto rctx = TestServer::Context(officer_);
  s = roster_->RequestSwap(rctx.get(), ask, &open);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::GenerateRosterResponse second;
  s = Generate(&second, {"oost"});
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_NE(second.status(), "infeasible");
  // The week the open request asks for stays as it is, so it can still be carried out.
  bool asked_kept = false;
  const v1::GetScheduleResponse after = Schedule("oost");
  for (const v1::DutySlice& d : after.slices()) asked_kept |= d.shift_id() == asked->shift_id;
  EXPECT_TRUE(asked_kept);
  // The swapped week keeps its shift, so the swap still applies to the whole week.
  const v1::GetScheduleResponse sched = Schedule("oost");
  bool week4 = false;
  for (const v1::DutySlice& d : sched.slices()) {
    if (convert::TimeFromProto(d.interval().start()) > before[3].start ||
        convert::TimeFromProto(d.interval().end()) <= before[3].start) {
      continue;
    }
    week4 = true;
    EXPECT_EQ(d.shift_id(), before[3].shift_id);
    EXPECT_EQ(d.person().key(), before[5].person);
    EXPECT_EQ(convert::TimeFromProto(d.interval().end()), before[3].end);
  }
  EXPECT_TRUE(week4);
  // Nobody has too little rest: the override's day is a duty too.
  v1::FindGapsRequest gaps;
  gaps.set_pool("oost");
  gaps.set_days(200);
  v1::FindGapsResponse found;
  auto gctx = TestServer::Context(officer_);
  ASSERT_TRUE(roster_->FindGaps(gctx.get(), gaps, &found).ok());
  for (const v1::Clash& c : found.clashes()) {
    EXPECT_NE(c.kind(), v1::CLASH_KIND_TOO_LITTLE_REST) << c.DebugString();
  }
  // In particular, whoever covered is not planned into week 2.
  for (const v1::DutySlice& d : sched.slices()) {
    const absl::Time start = convert::TimeFromProto(d.interval().start());
    if (start >= before[1].start && start < before[1].end) {
      EXPECT_NE(d.person().key(), covering);
    }
  }
}

// A pool planned from a day when another pool's duty is under way: that duty (published, begun
// before the other pool's first handover in the period) still counts. Nobody is planned into
// it or into the rest after it.
TEST_F(RosterGenerateTest, AnotherPoolsDutyUnderWayAtTheStartIsKeptInMind) {
  v1::GenerateRosterResponse first;
  ASSERT_TRUE(Generate(&first, {"oost"}).ok());
  v1::PublishRosterRequest pub;
  pub.set_pool("oost");
  pub.set_until_date(Date(monday_ + 28));
  v1::PublishRosterResponse published;
  auto pctx = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->PublishRoster(pctx.get(), pub, &published).ok());
  const std::vector<StoredDuty> oost = Duties("oost");
  ASSERT_GE(oost.size(), 2u);

  // A daily pool of the same officers, handing over at 08:00, planned from a Friday: oost's
  // first handover in that week is the Monday after, its duty under way began before.
  auto dir = v1::DirectoryService::NewStub(server_->channel());
  v1::CreatePoolRequest create;
  v1::Pool* dag = create.mutable_pool();
  dag->set_key("dag");
  dag->set_name("Dagdienst");
  dag->set_qualification("ovd-bz");
  dag->set_handover_time("08:00");
  dag->set_handover_weekday(1);
  dag->set_shift_days(1);
  v1::Pool made;
  auto cctx = TestServer::Context(admin_);
  grpc::Status s = dir->CreatePool(cctx.get(), create, &made);
  ASSERT_TRUE(s.ok()) << s.error_message();
  for (const std::string& person : members_.at("oost")) {
    v1::PoolMemberRequest m;
    m.set_pool("dag");
    m.set_person(person);
    auto mctx = TestServer::Context(admin_);
    s = dir->AddPoolMember(mctx.get(), m, &made);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  v1::GenerateRosterRequest req;
  req.set_from_date(Date(monday_ + 4));
  req.set_weeks(1);
  req.add_pools("dag");
  v1::GenerateRosterResponse resp;
  auto gctx = TestServer::Context(admin_);
  s = roster_->GenerateRoster(gctx.get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.status(), "optimal") << resp.DebugString();
  EXPECT_EQ(resp.warnings_size(), 0) << resp.DebugString();
  ASSERT_EQ(resp.shifts_size(), 7);
  for (const v1::DutySlice& d : resp.shifts()) {
    // Whoever has oost's first week is on duty or resting after it all that week.
    EXPECT_NE(d.person().key(), oost[0].person) << d.DebugString();
  }
  v1::FindGapsRequest gaps;
  gaps.set_days(60);
  v1::FindGapsResponse found;
  auto fctx = TestServer::Context(officer_);
  ASSERT_TRUE(roster_->FindGaps(fctx.get(), gaps, &found).ok());
  for (const v1::Clash& c : found.clashes()) ADD_FAILURE() << c.DebugString();
}

TEST_F(RosterGenerateTest, AnInfeasibleWeekIsExplainedAndNothingIsWritten) {
  v1::GenerateRosterResponse first;
  ASSERT_TRUE(Generate(&first).ok());
  ASSERT_EQ(first.status(), "optimal");
  const std::string west_before = Schedule("west").SerializeAsString();
  const std::string oost_before = Schedule("oost").SerializeAsString();

  // Everybody in West is away for a day inside the fifth week.
  const absl::CivilDay day = monday_ + 30;
  for (const std::string& m : members_.at("west")) {
    ASSERT_TRUE(AddLeave(m, Local(day, 8), Local(day, 20), "Regionale oefening").ok()) << m;
  }

  v1::GenerateRosterResponse resp;
  grpc::Status s = Generate(&resp);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(resp.status(), "infeasible");
  EXPECT_EQ(resp.shifts_size(), 0);
  ASSERT_EQ(resp.unfillable_size(), 1);
  const std::string& why = resp.unfillable(0);
  const std::string week = absl::StrCat(Date(monday_ + 28), " 09:00 - ", Date(monday_ + 35), " 09:00");
  EXPECT_THAT(why, StartsWith(absl::StrCat("west ", week, ":\n")));
  EXPECT_THAT(why, HasSubstr(absl::StrCat("pool 'west' slot 5 (", week, ") cannot be filled:")));
  for (const std::string& m : members_.at("west")) {
    EXPECT_THAT(why, HasSubstr(absl::StrCat("  ", m, ": on leave ", Date(day), " 08:00 - ", Date(day),
                                            " 20:00 (Regionale oefening)")));
  }

  // Nothing was written: both pools' rosters are as they were. (West's schedule now reports
  // the new leave as clashing with its duties: the duties themselves are unchanged.)
  v1::GetScheduleResponse west_after = Schedule("west");
  EXPECT_EQ(west_after.clashes_size(), 1);
  west_after.clear_clashes();
  EXPECT_EQ(west_after.SerializeAsString(), west_before);
  EXPECT_EQ(Schedule("oost").SerializeAsString(), oost_before);
}

// Only who may serve is planned: a deactivated member, or one who lost the pool's
// qualification, gets no new duties, and the planner is told who was left out.
TEST_F(RosterGenerateTest, MembersWhoMayNotServeAreNotPlanned) {
  auto directory = v1::DirectoryService::NewStub(server_->channel());
  v1::UpdatePersonRequest off;
  off.set_key("d.hendriks");
  off.set_active(false);
  v1::Person person;
  auto c1 = TestServer::Context(admin_);
  ASSERT_TRUE(directory->UpdatePerson(c1.get(), off, &person).ok());
  v1::UpdatePersonRequest unqualified;
  unqualified.set_key("k.vandenberg");
  unqualified.set_set_qualifications(true);
  unqualified.add_qualifications("aov");
  auto c2 = TestServer::Context(admin_);
  ASSERT_TRUE(directory->UpdatePerson(c2.get(), unqualified, &person).ok());

  v1::GenerateRosterResponse resp;
  grpc::Status s = Generate(&resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.status(), "optimal");
  for (const char* pool : {"west", "oost"}) {
    const std::vector<StoredDuty> duties = Duties(pool);
    EXPECT_EQ(duties.size(), static_cast<size_t>(kWeeks)) << pool;
    for (const StoredDuty& d : duties) {
      EXPECT_NE(d.person, "d.hendriks");
      EXPECT_NE(d.person, "k.vandenberg");
    }
  }
  ASSERT_GE(resp.warnings_size(), 1);
  EXPECT_EQ(resp.warnings(0),
            "not planned, as they may not serve: k.vandenberg in oost (lacks the qualification "
            "'ovd-bz'), d.hendriks in west (deactivated); their duties already fixed stay theirs");
  // The fair shares are among who may serve: five in each pool, a twelve-week share each.
  std::map<std::string, double> expected;
  const v1::GetFairnessResponse fairness = Fairness();
  for (const v1::PersonFairness& f : fairness.people()) {
    EXPECT_TRUE(f.member()) << f.person().key();
    expected[f.pool()] += f.expected_duties();
    EXPECT_NE(f.person().key(), "d.hendriks");
    EXPECT_NE(f.person().key(), "k.vandenberg");
  }
  EXPECT_NEAR(expected["west"], kWeeks, 1e-6);
  EXPECT_NEAR(expected["oost"], kWeeks, 1e-6);
}

// A period wholly in the past is refused as such, not "generated" as zero proven-optimal duties.
TEST_F(RosterGenerateTest, APeriodInThePastIsRefused) {
  v1::GenerateRosterRequest req;
  req.set_from_date("2020-01-06");
  req.set_weeks(2);
  v1::GenerateRosterResponse resp;
  auto ctx = TestServer::Context(admin_);
  const grpc::Status s = roster_->GenerateRoster(ctx.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(),
            "from_date: the 2 weeks from 2020-01-06 lie in the past; the past of the schedule is "
            "never changed");
}

TEST_F(RosterGenerateTest, HolidayYearsOutOfRangeAreRefusedNamingTheField) {
  struct Case {
    int32_t from, to;
    std::string message;
  };
  // INT32_MAX with the default to_year once overflowed (found by roster_service_fuzz).
  const std::vector<Case> cases = {
      {std::numeric_limits<int32_t>::max(), 0, "from_year: 2147483647 is not a year from 1970 to 2200"},
      {std::numeric_limits<int32_t>::min(), 0, "from_year: -2147483648 is not a year from 1970 to 2200"},
      {1969, 1970, "from_year: 1969 is not a year from 1970 to 2200"},
      {2030, 2029, "to_year: 2029 must lie from from_year (2030)"},
      {2030, 2051, "to_year: 2051 must lie from from_year (2030) to at most 20 years later"},
      {2190, std::numeric_limits<int32_t>::max(), "to_year: 2147483647 must lie from from_year"},
  };
  for (const Case& c : cases) {
    v1::ListHolidaysRequest req;
    req.set_from_year(c.from);
    req.set_to_year(c.to);
    v1::ListHolidaysResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = roster_->ListHolidays(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.from << " " << c.to;
    EXPECT_THAT(s.error_message(), ::testing::StartsWith(c.message)) << c.from << " " << c.to;
  }
  // The last year alone, with the default to_year, is fine.
  v1::ListHolidaysRequest last;
  last.set_from_year(2200);
  v1::ListHolidaysResponse resp;
  auto ctx = TestServer::Context(officer_);
  EXPECT_TRUE(roster_->ListHolidays(ctx.get(), last, &resp).ok());
}

TEST_F(RosterGenerateTest, HolidayListRoundTrip) {
  const int year = absl::ToCivilYear(absl::Now(), Amsterdam()).year() + 1;
  auto list = [&](const std::string& token) {
    v1::ListHolidaysRequest req;
    req.set_from_year(year);
    req.set_to_year(year);
    v1::ListHolidaysResponse resp;
    auto ctx = TestServer::Context(token);
    grpc::Status s = roster_->ListHolidays(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  };
  auto names = [](const v1::ListHolidaysResponse& r) {
    std::vector<std::string> out;
    for (const auto& h : r.holidays()) out.push_back(absl::StrCat(h.name(), " ", h.first(), " ", h.last()));
    return out;
  };

  const v1::ListHolidaysResponse dutch = list(officer_);
  EXPECT_FALSE(dutch.custom());
  EXPECT_THAT(names(dutch), ::testing::Contains(absl::StrCat("Kerst ", year, "-12-24 ", year, "-12-26")));

  v1::SetHolidaysRequest set;
  auto add = [&](const std::string& name, const std::string& first, const std::string& last) {
    v1::Holiday* h = set.add_holidays();
    h->set_name(name);
    h->set_first(first);
    h->set_last(last);
  };
  add("Vierdaagse", absl::StrCat(year, "-07-14"), absl::StrCat(year, "-07-17"));
  add("Kerst", absl::StrCat(year, "-12-24"), absl::StrCat(year, "-12-26"));
  v1::ListHolidaysResponse stored;
  auto ctx = TestServer::Context(admin_);
  grpc::Status s = roster_->SetHolidays(ctx.get(), set, &stored);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(stored.custom());

  const v1::ListHolidaysResponse custom = list(officer_);
  EXPECT_TRUE(custom.custom());
  EXPECT_THAT(names(custom), ::testing::ElementsAre(absl::StrCat("Vierdaagse ", year, "-07-14 ", year, "-07-17"),
                                                   absl::StrCat("Kerst ", year, "-12-24 ", year, "-12-26")));

  // Refused changes leave the list as it is.
  struct Refused {
    std::string token;
    std::string name, first, last;
    grpc::StatusCode code;
    std::string message;
  };
  const std::vector<Refused> refused = {
      {officer_, "Carnaval", absl::StrCat(year, "-02-07"), absl::StrCat(year, "-02-09"),
       grpc::StatusCode::PERMISSION_DENIED, "setting the holidays needs the role administrator or higher; the account 'officer' has the role officer"},
      {admin_, "Omgekeerd", absl::StrCat(year, "-05-02"), absl::StrCat(year, "-05-01"),
       grpc::StatusCode::INVALID_ARGUMENT,
       absl::StrCat("holiday 1 ('Omgekeerd', ", year, "-05-02 - ", year, "-05-01) ends before it starts")},
      {admin_, "Zomer", absl::StrCat(year, "-06-01"), absl::StrCat(year, "-08-31"),
       grpc::StatusCode::INVALID_ARGUMENT, "is longer than 62 days"},
      {admin_, "Datum", absl::StrCat(year, "-13-01"), absl::StrCat(year, "-13-02"),
       grpc::StatusCode::INVALID_ARGUMENT, "holidays.first"},
  };
  for (const Refused& r : refused) {
    SCOPED_TRACE(r.name);
    v1::SetHolidaysRequest bad;
    v1::Holiday* h = bad.add_holidays();
    h->set_name(r.name);
    h->set_first(r.first);
    h->set_last(r.last);
    v1::ListHolidaysResponse ignored;
    auto c = TestServer::Context(r.token);
    s = roster_->SetHolidays(c.get(), bad, &ignored);
    EXPECT_EQ(s.error_code(), r.code) << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr(r.message));
  }
  EXPECT_EQ(names(list(officer_)), names(custom));

  v1::SetHolidaysRequest reset;
  reset.set_reset_to_default(true);
  auto ctx2 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->SetHolidays(ctx2.get(), reset, &stored).ok());
  const v1::ListHolidaysResponse back = list(officer_);
  EXPECT_FALSE(back.custom());
  EXPECT_EQ(names(back), names(dutch));
}

TEST_F(RosterGenerateTest, PreferencesAreStoredListedAndOnlyAdministratorsStateOthers) {
  auto add = [&](const std::string& token, const std::string& person, int weight,
                 const std::string& reason, v1::RosterPreference* out) {
    v1::AddPreferenceRequest req;
    req.set_person(person);
    convert::ToProto(Local(monday_ + 7, 9), req.mutable_interval()->mutable_start());
    convert::ToProto(Local(monday_ + 14, 9), req.mutable_interval()->mutable_end());
    req.set_weight(weight);
    req.set_reason(reason);
    auto ctx = TestServer::Context(token);
    return roster_->AddPreference(ctx.get(), req, out);
  };
  auto list = [&](const std::string& token, const std::string& person, grpc::Status* status) {
    v1::ListPreferencesRequest req;
    req.set_person(person);
    v1::ListPreferencesResponse resp;
    auto ctx = TestServer::Context(token);
    *status = roster_->ListPreferences(ctx.get(), req, &resp);
    return resp;
  };

  v1::RosterPreference own;
  grpc::Status s = add(officer_, "", -50, "Bruiloft van mijn zus", &own);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_GT(own.id(), 0);
  EXPECT_EQ(own.person().key(), "h.devries");
  EXPECT_EQ(own.weight(), -50);

  // An officer cannot state (or read all) preferences of others; nothing is stored.
  v1::RosterPreference other;
  s = add(officer_, "g.smits", 40, "namens Gert", &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "stating someone else's preference needs the role administrator or higher; the account 'officer' has the role officer");
  list(officer_, "*", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "listing everyone's preferences needs the role administrator or higher; the account 'officer' has the role officer");
  // Nor read someone else's: a reason may be private.
  list(officer_, "g.smits", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "listing someone else's preferences is for them and their administrators; officer is neither for g.smits");

  // An administrator can.
  v1::RosterPreference smits;
  s = add(admin_, "g.smits", 30, "Wil graag in de zomer", &smits);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(smits.person().key(), "g.smits");

  // Stored: they survive a restart.
  server_->Restart();
  roster_ = v1::RosterService::NewStub(server_->channel());

  const v1::ListPreferencesResponse mine = list(officer_, "", &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(mine.preferences_size(), 1);
  const v1::RosterPreference& p = mine.preferences(0);
  EXPECT_EQ(p.id(), own.id());
  EXPECT_EQ(p.person().key(), "h.devries");
  EXPECT_EQ(p.person().name(), "Hanna de Vries");
  EXPECT_EQ(p.weight(), -50);
  EXPECT_EQ(p.reason(), "Bruiloft van mijn zus");
  EXPECT_EQ(convert::TimeFromProto(p.interval().start()), Local(monday_ + 7, 9));
  EXPECT_EQ(convert::TimeFromProto(p.interval().end()), Local(monday_ + 14, 9));

  const v1::ListPreferencesResponse all = list(admin_, "*", &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::set<std::string> whose;
  for (const auto& x : all.preferences()) whose.insert(absl::StrCat(x.person().key(), " ", x.weight()));
  EXPECT_EQ(whose, (std::set<std::string>{"h.devries -50", "g.smits 30"}));

  // Bad weights are refused.
  for (int weight : {0, 101, -101}) {
    v1::RosterPreference ignored;
    s = add(officer_, "", weight, "", &ignored);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << weight;
    EXPECT_EQ(s.error_message(), "weight must be 1..100 (would like) or -1..-100 (rather not)");
  }
}

}  // namespace
}  // namespace paraat
