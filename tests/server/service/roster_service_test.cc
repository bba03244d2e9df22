// SPDX-License-Identifier: EUPL-1.2
// The piket duty RPCs against a real server with the demo data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/time/civil.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "proto/convert/convert.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using testing::TestServer;

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

// The last Sunday of `month` in `year`.
absl::CivilDay LastSunday(int year, int month) {
  absl::CivilDay d = absl::CivilDay(absl::CivilMonth(year, month) + 1) - 1;
  while (absl::GetWeekday(d) != absl::Weekday::sunday) --d;
  return d;
}

absl::Time Local(absl::CivilDay day, int hour) {
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0), Amsterdam());
}

std::string Date(absl::CivilDay d) { return absl::FormatCivilTime(d); }

class RosterServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    roster_ = v1::RosterService::NewStub(server_->channel());
    admin_ = server_->LoginAs("administrator");
    coordinator_ = server_->LoginAs("coordinator");
    officer_ = server_->LoginAs("officer");  // h.devries, pool oost
    // Next year's spring DST change, so the dates stay in the future.
    const int year = absl::ToCivilYear(absl::Now(), Amsterdam()).year() + 1;
    spring_ = LastSunday(year, 3);
    autumn_ = LastSunday(year, 10);
  }

  grpc::Status Rotate(const std::string& pool, absl::CivilDay from, int weeks,
                      std::vector<std::string> order, v1::RotateRosterResponse* resp,
                      const std::string& token = "") {
    v1::RotateRosterRequest req;
    req.set_pool(pool);
    req.set_from_date(Date(from));
    req.set_weeks(weeks);
    for (const auto& o : order) req.add_order(o);
    auto ctx = TestServer::Context(token.empty() ? admin_ : token);
    return roster_->RotateRoster(ctx.get(), req, resp);
  }

  v1::GetScheduleResponse Schedule(const std::string& pool, absl::Time from, absl::Time to) {
    v1::GetScheduleRequest req;
    req.set_pool(pool);
    convert::ToProto(from, req.mutable_from());
    convert::ToProto(to, req.mutable_to());
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = roster_->GetSchedule(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // Who is on duty in every pool at `t`, as an officer asks.
  v1::GetOnCallResponse OnCall(absl::Time t) {
    v1::GetOnCallRequest req;
    convert::ToProto(t, req.mutable_at());
    v1::GetOnCallResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = roster_->GetOnCall(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // Who is on duty in `pool` at `t` ("" for a gap, "?" when the pool is not in service).
  std::string OnDuty(const std::string& pool, absl::Time t) {
    const v1::GetOnCallResponse resp = OnCall(t);
    for (const auto& p : resp.pools()) {
      if (p.pool() == pool) return p.has_current() ? p.current().person().key() : "";
    }
    return "?";
  }

  const std::vector<std::string> oost_ = {"g.smits", "h.devries", "i.verhoeven", "j.kuijpers",
                                          "k.vandenberg", "l.maas"};
  const std::vector<std::string> west_ = {"a.jansen", "b.vandijk", "c.peters", "d.hendriks",
                                          "e.willems", "f.bos"};
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::RosterService::Stub> roster_;
  std::string admin_, coordinator_, officer_;
  absl::CivilDay spring_, autumn_;
};

TEST_F(RosterServiceTest, DstWeeksKeepTheHandoverAtNineLocalTime) {
  for (absl::CivilDay change : {spring_, autumn_}) {
    v1::RotateRosterResponse resp;
    const absl::CivilDay monday_before = change - 6;
    ASSERT_TRUE(Rotate("oost", monday_before - 7, 3, oost_, &resp).ok());
    ASSERT_EQ(resp.shifts_size(), 3);
    for (int i = 0; i < 3; ++i) {
      const absl::Time start = convert::TimeFromProto(resp.shifts(i).interval().start());
      const absl::Time end = convert::TimeFromProto(resp.shifts(i).interval().end());
      EXPECT_EQ(absl::FormatTime("%a %H:%M", start, Amsterdam()), "Mon 09:00");
      EXPECT_EQ(absl::FormatTime("%a %H:%M", end, Amsterdam()), "Mon 09:00");
      if (i > 0) {
        EXPECT_EQ(start, convert::TimeFromProto(resp.shifts(i - 1).interval().end()));  // no gap
      }
      const int64_t hours = absl::ToInt64Hours(end - start);
      EXPECT_EQ(hours, i == 1 ? (change == spring_ ? 167 : 169) : 168) << i;
    }
    const auto sched = Schedule("oost", Local(monday_before - 7, 9), Local(monday_before + 14, 9));
    EXPECT_EQ(sched.gaps_size(), 0);
  }
}

// Who do I call: the person on duty now is shown with when they hand over, and said to be on
// leave when they are (sick since this morning), rather than shown as if they could be called.
TEST_F(RosterServiceTest, OnCallSaysWhenThePersonOnDutyIsOnLeave) {
  // A roster from last Monday: someone is on duty in oost now.
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
  absl::CivilDay monday = today - 7;
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday += 1;
  v1::RotateRosterResponse rotated;
  ASSERT_TRUE(Rotate("oost", monday, 3, oost_, &rotated).ok());
  const absl::Time at = absl::Now() + absl::Minutes(1);
  v1::GetOnCallResponse before = OnCall(at);
  const v1::PoolOnCall* oost = nullptr;
  for (const auto& p : before.pools()) {
    if (p.pool() == "oost") oost = &p;
  }
  ASSERT_NE(oost, nullptr);
  ASSERT_TRUE(oost->has_current());
  const std::string person = oost->current().person().key();
  EXPECT_EQ(convert::TimeFromProto(oost->handover()),
            convert::TimeFromProto(oost->current().interval().end()));
  EXPECT_FALSE(oost->has_current_on_leave());

  v1::AddUnavailabilityRequest leave;
  leave.set_person(person);
  convert::ToProto(absl::Now() - absl::Hours(1), leave.mutable_interval()->mutable_start());
  const absl::Time until = absl::Now() + absl::Hours(30);
  convert::ToProto(until, leave.mutable_interval()->mutable_end());
  leave.set_reason("ziek");
  v1::AddUnavailabilityResponse added;
  auto ctx = TestServer::Context(admin_);
  const grpc::Status s = roster_->AddUnavailability(ctx.get(), leave, &added);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::GetOnCallResponse after = OnCall(at);
  int seen = 0;
  for (const auto& p : after.pools()) {
    if (p.pool() != "oost") continue;
    ++seen;
    EXPECT_EQ(p.current().person().key(), person);  // still rostered: a clash, not a gap
    ASSERT_TRUE(p.has_current_on_leave());
    EXPECT_LT(absl::AbsDuration(convert::TimeFromProto(p.current_on_leave().end()) - until),
              absl::Seconds(1));
  }
  EXPECT_EQ(seen, 1);

  // Everyone sees when someone is away; only they and administrators read why.
  auto list = [&](const std::string& token) {
    v1::ListUnavailabilityRequest req;
    req.set_everyone(true);
    v1::ListUnavailabilityResponse resp;
    auto lctx = TestServer::Context(token);
    const grpc::Status ls = roster_->ListUnavailability(lctx.get(), req, &resp);
    EXPECT_TRUE(ls.ok()) << ls.error_message();
    for (const auto& l : resp.unavailability()) {
      if (l.id() == added.unavailability().id()) return l.reason();
    }
    ADD_FAILURE() << "leave " << added.unavailability().id() << " not listed";
    return std::string();
  };
  EXPECT_EQ(list(admin_), "ziek");
  EXPECT_EQ(list(officer_), person == "h.devries" ? "ziek" : "");  // the officer is h.devries
  // An administrator of another municipality (Druten: pool oost has nobody from there) sees
  // only when, like anyone.
  EXPECT_EQ(list(server_->LoginNewAccount("d.beheer", "d.hendriks", v1::ROLE_ADMINISTRATOR,
                                          "druten")),
            "");
}

// A list of an unknown pool or person is NOT_FOUND, not an empty list that reads as "none".
TEST_F(RosterServiceTest, ListsOfAnUnknownPoolOrPersonAreNotFound) {
  v1::ListOverridesRequest overrides;
  overrides.set_pool("nope");
  v1::ListOverridesResponse o;
  auto octx = TestServer::Context(officer_);
  grpc::Status s = roster_->ListOverrides(octx.get(), overrides, &o);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown pool 'nope'");
  v1::ListUnavailabilityRequest leave;
  leave.set_person("nobody.x");
  v1::ListUnavailabilityResponse l;
  auto lctx = TestServer::Context(admin_);
  s = roster_->ListUnavailability(lctx.get(), leave, &l);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown person 'nobody.x'");
  v1::ListPreferencesRequest prefs;
  prefs.set_person("nobody.x");
  v1::ListPreferencesResponse pr;
  auto pctx = TestServer::Context(admin_);
  s = roster_->ListPreferences(pctx.get(), prefs, &pr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown person 'nobody.x'");
  // A holiday list and a reset at once: which one was meant?
  v1::SetHolidaysRequest both;
  both.set_reset_to_default(true);
  v1::Holiday* h = both.add_holidays();
  h->set_name("Kerst");
  h->set_first("2030-12-25");
  h->set_last("2030-12-26");
  v1::ListHolidaysResponse hr;
  auto hctx = TestServer::Context(admin_);
  s = roster_->SetHolidays(hctx.get(), both, &hr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(),
            "holidays: give a list or reset_to_default, not both (the list would be dropped)");
}

TEST_F(RosterServiceTest, SwapsOfAnUnknownPoolAreNotFoundRatherThanNone) {
  for (const char* pool : {"west", "nope"}) {
    v1::ListSwapsRequest req;
    req.set_pool(pool);
    v1::ListSwapsResponse resp;
    auto ctx = TestServer::Context(officer_);
    const grpc::Status s = roster_->ListSwaps(ctx.get(), req, &resp);
    if (std::string(pool) == "west") {
      EXPECT_TRUE(s.ok()) << s.error_message();
    } else {
      EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
      EXPECT_EQ(s.error_message(), "unknown pool 'nope'");
    }
  }
}

TEST_F(RosterServiceTest, ARotationCanBeChangedOnlyFromNowOn) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
  v1::RotateRosterResponse first;
  ASSERT_TRUE(Rotate("west", today - 7, 4, west_, &first).ok());
  const absl::Time before_change = absl::Now();
  const std::string was = OnDuty("west", before_change);
  ASSERT_FALSE(was.empty());
  absl::SleepFor(absl::Milliseconds(20));
  v1::RotateRosterResponse second;
  std::vector<std::string> reversed(west_.rbegin(), west_.rend());
  ASSERT_TRUE(Rotate("west", today - 7, 4, reversed, &second).ok());
  // The moment before the change still shows who was on duty then.
  EXPECT_EQ(OnDuty("west", before_change), was);
  EXPECT_NE(OnDuty("west", absl::Now()), was);
}

// "Who is on duty now" is answered from a schedule shared between calls; every committed
// change, of the roster or of the directory around it, shows in the very next answer.
TEST_F(RosterServiceTest, WhoIsOnDutyShowsEveryCommittedChangeAtOnce) {
  auto pool_of = [](const v1::GetOnCallResponse& r, const std::string& key) -> v1::PoolOnCall {
    for (const auto& p : r.pools()) {
      if (p.pool() == key) return p;
    }
    return {};
  };
  auto directory = v1::DirectoryService::NewStub(server_->channel());
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
  const absl::Time now = absl::Now();
  EXPECT_EQ(OnDuty("west", now), "");
  v1::RotateRosterResponse rotated;
  ASSERT_TRUE(Rotate("west", today - 7, 4, west_, &rotated).ok());
  const std::string rostered = OnDuty("west", absl::Now());
  ASSERT_FALSE(rostered.empty());

  // The person's name, as the directory has it.
  v1::UpdatePersonRequest rename;
  rename.set_key(rostered);
  rename.set_name("Hernoemd Persoon");
  v1::Person person;
  auto c1 = TestServer::Context(admin_);
  ASSERT_TRUE(directory->UpdatePerson(c1.get(), rename, &person).ok());
  EXPECT_EQ(pool_of(OnCall(absl::Now()), "west").current().person().name(), "Hernoemd Persoon");

  // An emergency override.
  v1::CreateOverrideRequest ovr;
  ovr.set_pool("west");
  ovr.set_person(rostered == "a.jansen" ? "b.vandijk" : "a.jansen");
  convert::ToProto(absl::Now() + absl::Hours(2), ovr.mutable_until());
  ovr.set_reason("storm");
  v1::Override o;
  auto c2 = TestServer::Context(coordinator_);
  ASSERT_TRUE(roster_->CreateOverride(c2.get(), ovr, &o).ok());
  EXPECT_EQ(OnDuty("west", absl::Now()), ovr.person());
  v1::EndOverrideRequest end;
  end.set_id(o.id());
  convert::ToProto(absl::Now() + absl::Milliseconds(1), end.mutable_at());
  auto c3 = TestServer::Context(coordinator_);
  ASSERT_TRUE(roster_->EndOverride(c3.get(), end, &o).ok());
  absl::SleepFor(absl::Milliseconds(5));
  EXPECT_EQ(OnDuty("west", absl::Now()), rostered);

  // The pool's arrival norm, and the pool itself going out of service.
  v1::UpdatePoolRequest norm;
  norm.set_key("west");
  norm.set_arrival_norm_minutes(25);
  v1::Pool pool;
  auto c4 = TestServer::Context(admin_);
  ASSERT_TRUE(directory->UpdatePool(c4.get(), norm, &pool).ok());
  EXPECT_EQ(pool_of(OnCall(absl::Now()), "west").arrival_norm_minutes(), 25);
  v1::UpdatePoolRequest off;
  off.set_key("west");
  off.set_active(false);
  auto c5 = TestServer::Context(admin_);
  ASSERT_TRUE(directory->UpdatePool(c5.get(), off, &pool).ok());
  EXPECT_EQ(OnDuty("west", absl::Now()), "?");

  // Moments beyond the week the shared schedule serves are read afresh, and answered the same
  // way: who the schedule has, until the end of that duty, and who comes next.
  v1::RotateRosterResponse oost;
  ASSERT_TRUE(Rotate("oost", today - 7, 6, oost_, &oost).ok());
  for (const absl::Time at : {absl::Now(), Local(today + 21, 12)}) {
    const auto sched = Schedule("oost", at, at + absl::Hours(24 * 14));
    ASSERT_GE(sched.slices_size(), 2);
    const v1::PoolOnCall p = pool_of(OnCall(at), "oost");
    ASSERT_TRUE(p.has_current());
    EXPECT_EQ(p.current().person().key(), sched.slices(0).person().key());
    EXPECT_EQ(convert::TimeFromProto(p.current().interval().end()),
              convert::TimeFromProto(sched.slices(0).interval().end()));
    EXPECT_EQ(p.next().person().key(), sched.slices(1).person().key());
  }
}

TEST_F(RosterServiceTest, PublishedDutiesAreKeptByRotation) {
  v1::RotateRosterResponse resp;
  ASSERT_TRUE(Rotate("oost", spring_, 4, oost_, &resp).ok());
  v1::PublishRosterRequest pub;
  pub.set_pool("oost");
  pub.set_until_date(Date(spring_ + 14));
  v1::PublishRosterResponse pr;
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->PublishRoster(ctx.get(), pub, &pr).ok());
  EXPECT_EQ(pr.published(), 2);
  std::vector<std::string> reversed(oost_.rbegin(), oost_.rend());
  grpc::Status s = Rotate("oost", spring_, 4, reversed, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("is published; change published duties with a swap or an override"),
            std::string::npos)
      << s.error_message();
  // In the pool's own time: the week began on the Monday at 09:00 there.
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr(absl::StrCat(
                                     "(from ", Date(spring_ + 1), " 09:00)")));
  // Not half-applied: the roster is as it was.
  EXPECT_EQ(OnDuty("oost", Local(spring_ + 22, 12)), "j.kuijpers");
}

TEST_F(RosterServiceTest, RotationErrorsNameTheProblem) {
  v1::RotateRosterResponse resp;
  grpc::Status s = Rotate("oost", spring_, 2, {"a.jansen"}, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "a.jansen is not a member of pool 'oost'");
  s = Rotate("zuid", spring_, 2, {"a.jansen"}, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "unknown pool 'zuid'");
  s = Rotate("oost", spring_, 0, oost_, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Rotate("oost", spring_, 2, {}, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::RotateRosterRequest bad;
  bad.set_pool("oost");
  bad.set_from_date("next monday");
  bad.set_weeks(1);
  bad.add_order("g.smits");
  auto ctx = TestServer::Context(admin_);
  s = roster_->RotateRoster(ctx.get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "from_date: 'next monday' is not a date (expected YYYY-MM-DD)");
}

TEST_F(RosterServiceTest, SwapRequestAcceptApproveChangesTheFinalSchedule) {
  v1::RotateRosterResponse resp;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 6, oost_, &resp).ok());
  const int64_t mine = resp.shifts(1).shift_id();  // h.devries
  ASSERT_EQ(resp.shifts(1).person().key(), "h.devries");
  const absl::Time mid = convert::TimeFromProto(resp.shifts(1).interval().start()) + absl::Hours(30);

  v1::RequestSwapRequest req;
  req.set_shift_id(mine);
  req.set_taker("l.maas");
  req.set_reason("familie");
  v1::DutySwap swap;
  auto c1 = TestServer::Context(officer_);
  grpc::Status s = roster_->RequestSwap(c1.get(), req, &swap);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(swap.status(), v1::SWAP_STATUS_REQUESTED);
  EXPECT_EQ(OnDuty("oost", mid), "h.devries");  // nothing changes before approval

  // l.maas has no account in the demo: an administrator creates one so they can accept.
  auto auth = v1::AuthService::NewStub(server_->channel());
  v1::CreateAccountRequest ca;
  ca.set_username("lmaas");
  ca.set_person("l.maas");
  ca.set_role(v1::ROLE_OFFICER);
  ca.mutable_scope()->set_municipality("berg-en-dal");
  v1::CreateAccountResponse car;
  auto c2 = TestServer::Context(admin_);
  ASSERT_TRUE(auth->CreateAccount(c2.get(), ca, &car).ok());
  const std::string taker = server_->Login("lmaas", car.initial_password());

  v1::DecideSwapRequest early;
  early.set_id(swap.id());
  early.set_approve(true);
  auto c3 = TestServer::Context(admin_);
  EXPECT_EQ(roster_->DecideSwap(c3.get(), early, &swap).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::RespondSwapRequest accept;
  accept.set_id(swap.id());
  accept.set_accept(true);
  auto c4 = TestServer::Context(officer_);  // the giver cannot accept for the taker
  EXPECT_EQ(roster_->RespondSwap(c4.get(), accept, &swap).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto c5 = TestServer::Context(taker);
  ASSERT_TRUE(roster_->RespondSwap(c5.get(), accept, &swap).ok());
  EXPECT_EQ(swap.status(), v1::SWAP_STATUS_ACCEPTED);
  auto c6 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->DecideSwap(c6.get(), early, &swap).ok());
  EXPECT_EQ(swap.status(), v1::SWAP_STATUS_APPROVED);
  EXPECT_EQ(OnDuty("oost", mid), "l.maas");

  // The duty view of the giver no longer has it; the taker's has it twice.
  v1::ListDutiesRequest ld;
  ld.set_person("l.maas");
  convert::ToProto(Local(spring_, 0), ld.mutable_from());
  convert::ToProto(Local(spring_ + 60, 0), ld.mutable_to());
  v1::ListDutiesResponse lr;
  auto c7 = TestServer::Context(officer_);
  ASSERT_TRUE(roster_->ListDuties(c7.get(), ld, &lr).ok());
  ASSERT_EQ(lr.duties_size(), 2);
  EXPECT_EQ(lr.duties(0).source(), v1::DUTY_SOURCE_SWAP);
  EXPECT_EQ(lr.duties(0).rostered(), "h.devries");
}

// A request that another swap has made impossible stays open (its parties decide what to do
// with it) but the list says why it cannot be carried out as it stands, for as long as that is so.
TEST_F(RosterServiceTest, OpenSwapsSayWhyTheyCanNoLongerBeCarriedOut) {
  v1::RotateRosterResponse resp;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 6, oost_, &resp).ok());
  const int64_t mine = resp.shifts(1).shift_id();  // h.devries
  ASSERT_EQ(resp.shifts(1).person().key(), "h.devries");

  v1::RequestSwapRequest ask;
  ask.set_shift_id(mine);
  ask.set_taker("l.maas");
  v1::DutySwap asked;
  auto c1 = TestServer::Context(officer_);
  ASSERT_TRUE(roster_->RequestSwap(c1.get(), ask, &asked).ok());

  // Asked twice is asked once.
  v1::DutySwap twice;
  auto c0 = TestServer::Context(officer_);
  const grpc::Status again = roster_->RequestSwap(c0.get(), ask, &twice);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(again.error_message(), absl::StrCat("swap ", asked.id(),
                                                " already asks this of l.maas (requested); it was "
                                                "not asked twice"));

  auto list = [&]() {
    v1::ListSwapsRequest req;
    req.set_mine(true);
    v1::ListSwapsResponse out;
    auto ctx = TestServer::Context(officer_);
    const grpc::Status s = roster_->ListSwaps(ctx.get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::map<int64_t, v1::DutySwap> by_id;
    for (const auto& x : out.swaps()) by_id[x.id()] = x;
    return by_id;
  };
  auto before = list();
  ASSERT_EQ(before.count(asked.id()), 1u);
  EXPECT_EQ(before[asked.id()].obstacle(), "");

  // The administrator gives the whole duty to someone else.
  v1::RequestSwapRequest arrange;
  arrange.set_shift_id(mine);
  arrange.set_taker("k.vandenberg");
  v1::DutySwap arranged;
  auto c2 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->ArrangeSwap(c2.get(), arrange, &arranged).ok());

  auto after = list();
  ASSERT_EQ(after.count(asked.id()), 1u);
  EXPECT_EQ(after[asked.id()].status(), v1::SWAP_STATUS_REQUESTED);  // nothing decided for them
  EXPECT_THAT(after[asked.id()].obstacle(),
              ::testing::HasSubstr("h.devries is not on duty in pool 'oost'"));
  EXPECT_EQ(after[arranged.id()].obstacle(), "");  // decided swaps have none

  // Undone, the request can be carried out again.
  v1::CancelSwapRequest undo;
  undo.set_id(arranged.id());
  v1::DutySwap cancelled;
  auto c3 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->CancelSwap(c3.get(), undo, &cancelled).ok());
  EXPECT_EQ(list()[asked.id()].obstacle(), "");
}

TEST_F(RosterServiceTest, SwapsThatBreakARuleAreRefusedNamingTheRule) {
  v1::RotateRosterResponse oost, west;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 6, oost_, &oost).ok());
  ASSERT_TRUE(Rotate("west", spring_ + 1, 6, west_, &west).ok());
  const int64_t mine = oost.shifts(1).shift_id();
  auto request = [&](const std::string& taker) {
    v1::RequestSwapRequest req;
    req.set_shift_id(mine);
    req.set_taker(taker);
    v1::DutySwap swap;
    auto ctx = TestServer::Context(officer_);
    return roster_->RequestSwap(ctx.get(), req, &swap);
  };
  grpc::Status s = request("a.jansen");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "refused: a.jansen is not a member of pool 'oost'");
  s = request("m.gerritsen");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "refused: m.gerritsen lacks the qualification 'ovd-bz' of pool 'oost'");
  // b.vandijk (west) joins oost too; in that week b.vandijk is on duty in west.
  auto dir = v1::DirectoryService::NewStub(server_->channel());
  v1::PoolMemberRequest m;
  m.set_pool("oost");
  m.set_person("b.vandijk");
  v1::Pool pool;
  auto ctx = TestServer::Context(admin_);
  ASSERT_TRUE(dir->AddPoolMember(ctx.get(), m, &pool).ok());
  s = request("b.vandijk");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("refused: b.vandijk would be on duty in both pools (west and oost)"),
            std::string::npos)
      << s.error_message();
  // On leave.
  v1::AddUnavailabilityRequest leave;
  leave.set_person("i.verhoeven");
  *leave.mutable_interval() = oost.shifts(1).interval();
  v1::AddUnavailabilityResponse lr;
  auto lctx = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->AddUnavailability(lctx.get(), leave, &lr).ok());
  s = request("i.verhoeven");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("refused: i.verhoeven is on leave"), std::string::npos);
  // Someone else's duty.
  v1::RequestSwapRequest other;
  other.set_shift_id(oost.shifts(0).shift_id());  // g.smits
  other.set_taker("l.maas");
  v1::DutySwap swap;
  auto octx = TestServer::Context(officer_);
  s = roster_->RequestSwap(octx.get(), other, &swap);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // A part that starts before the duty is refused as such, not as someone else's duty.
  v1::RequestSwapRequest early;
  early.set_shift_id(mine);
  early.set_taker("l.maas");
  const absl::Time start = convert::TimeFromProto(oost.shifts(1).interval().start());
  convert::ToProto(start - absl::Hours(24), early.mutable_part()->mutable_start());
  convert::ToProto(start + absl::Hours(24), early.mutable_part()->mutable_end());
  auto ectx = TestServer::Context(officer_);
  s = roster_->RequestSwap(ectx.get(), early, &swap);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find(absl::StrCat("lies outside duty ", mine)), std::string::npos)
      << s.error_message();
  // Unknown duty.
  other.set_shift_id(99999);
  auto uctx = TestServer::Context(officer_);
  EXPECT_EQ(roster_->RequestSwap(uctx.get(), other, &swap).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RosterServiceTest, SwapsKeepTheRestRuleAndOverridesThatBreakItShowAsClashes) {
  // oost: g.smits week 1, h.devries week 2, i.verhoeven week 3, j.kuijpers week 4, ...; the
  // pool asks for one free week between two duties.
  v1::RotateRosterResponse oost;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 6, oost_, &oost).ok());
  const int64_t mine = oost.shifts(1).shift_id();
  const absl::Time week2 = convert::TimeFromProto(oost.shifts(1).interval().start());
  auto swap = [&](const std::string& taker, const std::string& token, bool arrange) {
    v1::RequestSwapRequest req;
    req.set_shift_id(mine);
    req.set_taker(taker);
    v1::DutySwap out;
    auto ctx = TestServer::Context(token);
    return arrange ? roster_->ArrangeSwap(ctx.get(), req, &out)
                   : roster_->RequestSwap(ctx.get(), req, &out);
  };
  grpc::Status s = swap("g.smits", officer_, false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(),
            absl::StrCat("refused: g.smits would be on duty in pool 'oost' from ",
                         time::FormatLocal(week2, Amsterdam()),
                         " while resting after a duty in pool 'oost' that ends ",
                         time::FormatLocal(week2, Amsterdam()),
                         "; pool 'oost' asks for at least 1 free shift (7 days) between two "
                         "duties, so the rest lasts until ",
                         time::FormatLocal(week2 + absl::Hours(24 * 7), Amsterdam())));
  // The week after: i.verhoeven would go straight from week 2 into week 3. An administrator
  // cannot arrange it either.
  s = swap("i.verhoeven", admin_, true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("refused: i.verhoeven would be on duty"));
  // j.kuijpers has week 3 free before week 4: allowed.
  s = swap("j.kuijpers", officer_, false);
  EXPECT_TRUE(s.ok()) << s.error_message();

  // In an emergency a coordinator may still call g.smits back on the first day of week 2,
  // twelve hours after their week ended; the schedule then shows the short rest. (Had they
  // stayed on from the handover, it would have been one longer duty.)
  v1::CreateOverrideRequest o;
  o.set_pool("oost");
  o.set_person("g.smits");
  convert::ToProto(week2 + absl::Hours(12), o.mutable_from());
  convert::ToProto(week2 + absl::Hours(24), o.mutable_until());
  o.set_reason("ziekte");
  v1::Override made;
  auto octx = TestServer::Context(coordinator_);
  ASSERT_TRUE(roster_->CreateOverride(octx.get(), o, &made).ok());
  const v1::GetScheduleResponse sched = Schedule("oost", week2 - absl::Hours(24 * 7), week2 + absl::Hours(24 * 21));
  int rest = 0;
  for (const v1::Clash& c : sched.clashes()) {
    if (c.kind() != v1::CLASH_KIND_TOO_LITTLE_REST) continue;
    ++rest;
    EXPECT_EQ(c.person().key(), "g.smits");
    EXPECT_EQ(c.pool(), "oost");
    EXPECT_EQ(c.other_pool(), "oost");
    EXPECT_EQ(convert::TimeFromProto(c.interval().start()), week2 + absl::Hours(12));
    EXPECT_EQ(convert::TimeFromProto(c.interval().end()), week2 + absl::Hours(24));
    EXPECT_EQ(convert::TimeFromProto(c.rest().start()), week2);
    EXPECT_EQ(convert::TimeFromProto(c.rest().end()), week2 + absl::Hours(24 * 7));
  }
  EXPECT_EQ(rest, 1) << sched.DebugString();
}

// Someone who already has two weeks back to back may still give part of one away: the swap
// makes their short rest no worse, and the colleague who takes it keeps theirs.
TEST_F(RosterServiceTest, GivingAwayPartOfADutyIsNotHeldAgainstAnExistingShortRest) {
  v1::RotateRosterResponse oost;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 6, oost_, &oost).ok());
  // h.devries has week 2; an administrator gives them week 3 as well.
  const absl::Time week3 = convert::TimeFromProto(oost.shifts(2).interval().start());
  v1::AssignShiftRequest assign;
  assign.set_pool("oost");
  convert::ToProto(week3 + absl::Hours(12), assign.mutable_at());
  assign.set_person("h.devries");
  v1::AssignShiftResponse assigned;
  auto actx = TestServer::Context(admin_);
  grpc::Status s = roster_->AssignShift(actx.get(), assign, &assigned);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const int64_t week3_id = assigned.shift().shift_id();
  const v1::GetScheduleResponse sched =
      Schedule("oost", week3 - absl::Hours(24 * 7), week3 + absl::Hours(24 * 14));
  int rest = 0;
  for (const v1::Clash& c : sched.clashes()) rest += c.kind() == v1::CLASH_KIND_TOO_LITTLE_REST;
  EXPECT_EQ(rest, 1) << sched.DebugString();

  // The first three days of week 3 go to l.maas (on duty in week 6 only).
  v1::RequestSwapRequest req;
  req.set_shift_id(week3_id);
  req.set_taker("l.maas");
  convert::ToProto(week3, req.mutable_part()->mutable_start());
  convert::ToProto(week3 + absl::Hours(24 * 3), req.mutable_part()->mutable_end());
  v1::DutySwap swap;
  auto rctx = TestServer::Context(officer_);
  s = roster_->RequestSwap(rctx.get(), req, &swap);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

// The typical emergency: the officer whose week has just ended is called in again. The clash
// of rest shows although the week before lies in the past.
TEST_F(RosterServiceTest, CallingInSomeoneWhoseDutyJustEndedShowsAsTooLittleRest) {
  // l.maas covered oost until a moment ago ...
  auto put = [&](absl::Time from, absl::Time until) {
    v1::CreateOverrideRequest o;
    o.set_pool("oost");
    o.set_person("l.maas");
    convert::ToProto(from, o.mutable_from());
    convert::ToProto(until, o.mutable_until());
    o.set_reason("storm");
    v1::Override made;
    auto ctx = TestServer::Context(coordinator_);
    return roster_->CreateOverride(ctx.get(), o, &made);
  };
  const absl::Time start = absl::Now();
  grpc::Status st = put(start, start + absl::Milliseconds(300));
  ASSERT_TRUE(st.ok()) << st.error_message();
  absl::SleepFor(absl::Milliseconds(400));
  // ... and is called in again for this afternoon: inside the week of rest oost asks for.
  st = put(absl::Now() + absl::Hours(1), absl::Now() + absl::Hours(5));
  ASSERT_TRUE(st.ok()) << st.error_message();
  v1::FindGapsRequest req;
  req.set_pool("oost");
  v1::FindGapsResponse resp;
  auto ctx = TestServer::Context(officer_);
  ASSERT_TRUE(roster_->FindGaps(ctx.get(), req, &resp).ok());
  int rest = 0;
  for (const v1::Clash& c : resp.clashes()) {
    if (c.kind() != v1::CLASH_KIND_TOO_LITTLE_REST) continue;
    ++rest;
    EXPECT_EQ(c.person().key(), "l.maas");
    EXPECT_LT(convert::TimeFromProto(c.rest().start()), absl::Now());
  }
  EXPECT_EQ(rest, 1) << resp.DebugString();
}

TEST_F(RosterServiceTest, AdministratorArrangesEditsAndCancelsASwap) {
  v1::RotateRosterResponse oost;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 4, oost_, &oost).ok());
  const absl::Time mid = convert::TimeFromProto(oost.shifts(2).interval().start()) + absl::Hours(10);
  v1::RequestSwapRequest req;
  req.set_shift_id(oost.shifts(2).shift_id());  // i.verhoeven
  req.set_taker("k.vandenberg");
  req.set_return_shift_id(oost.shifts(4 - 1).shift_id());  // j.kuijpers? no: shifts(3) = j.kuijpers
  v1::DutySwap swap;
  auto c1 = TestServer::Context(admin_);
  grpc::Status s = roster_->ArrangeSwap(c1.get(), req, &swap);
  // The return duty belongs to j.kuijpers, not the taker: refused, naming who is on duty.
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  req.set_return_shift_id(0);
  auto c2 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->ArrangeSwap(c2.get(), req, &swap).ok());
  EXPECT_EQ(swap.status(), v1::SWAP_STATUS_APPROVED);
  EXPECT_EQ(OnDuty("oost", mid), "k.vandenberg");
  v1::EditSwapRequest edit;
  edit.set_id(swap.id());
  edit.set_taker("l.maas");
  auto c3 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->EditSwap(c3.get(), edit, &swap).ok());
  EXPECT_EQ(OnDuty("oost", mid), "l.maas");
  v1::CancelSwapRequest cancel;
  cancel.set_id(swap.id());
  auto c4 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->CancelSwap(c4.get(), cancel, &swap).ok());
  EXPECT_EQ(swap.status(), v1::SWAP_STATUS_CANCELLED);
  EXPECT_EQ(OnDuty("oost", mid), "i.verhoeven");
}

// Rotating (or assigning) over a draft that a swap refers to would make an approved swap stop
// applying without a word, or an open one impossible: refused, naming the swap. Nobody is
// rotated onto a week they are on leave.
TEST_F(RosterServiceTest, RotationKeepsSwapsAndLeave) {
  v1::RotateRosterResponse oost;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 4, oost_, &oost).ok());
  v1::RequestSwapRequest req;
  req.set_shift_id(oost.shifts(2).shift_id());  // i.verhoeven
  req.set_taker("k.vandenberg");
  v1::DutySwap swap;
  auto c1 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->ArrangeSwap(c1.get(), req, &swap).ok());
  v1::RotateRosterResponse again;
  grpc::Status s = Rotate("oost", spring_ + 1, 4, {"l.maas", "g.smits"}, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(),
              ::testing::HasSubstr(absl::StrCat(
                  "rotate would replace the draft duty ", oost.shifts(2).shift_id(),
                  " of i.verhoeven in pool 'oost' (")));
  EXPECT_THAT(s.error_message(),
              ::testing::HasSubstr(absl::StrCat("which swap ", swap.id(),
                                                " (approved, i.verhoeven -> k.vandenberg) refers "
                                                "to; nothing was changed")));
  const absl::Time mid = convert::TimeFromProto(oost.shifts(2).interval().start()) + absl::Hours(10);
  EXPECT_EQ(OnDuty("oost", mid), "k.vandenberg");
  // Assigning that week to someone else is refused the same way.
  v1::AssignShiftRequest assign;
  assign.set_pool("oost");
  convert::ToProto(mid, assign.mutable_at());
  assign.set_person("l.maas");
  v1::AssignShiftResponse assigned;
  auto c2 = TestServer::Context(admin_);
  s = roster_->AssignShift(c2.get(), assign, &assigned);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("assign would replace the draft duty"));

  // l.maas is on leave in week 1: a rotation that gives them week 1 is refused.
  v1::AddUnavailabilityRequest leave;
  leave.set_person("l.maas");
  convert::ToProto(Local(spring_ + 2, 0), leave.mutable_interval()->mutable_start());
  convert::ToProto(Local(spring_ + 4, 0), leave.mutable_interval()->mutable_end());
  leave.set_reason("ziek");
  v1::AddUnavailabilityResponse lr;
  auto c3 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->AddUnavailability(c3.get(), leave, &lr).ok());
  s = Rotate("oost", spring_ + 1, 1, {"l.maas"}, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("l.maas"));
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("leave"));
  EXPECT_EQ(OnDuty("oost", Local(spring_ + 3, 12)), "g.smits");
}

// Rotating again over a duty that has begun, with the same person on it, continues that duty:
// one shift from its handover, not a part ending now and a new one starting now (which would
// read as a duty right after a duty).
TEST_F(RosterServiceTest, RotatingAgainContinuesTheDutyThatHasBegun) {
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam());
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday -= 1;
  if (Local(monday, 9) > absl::Now()) monday -= 7;  // the week that has begun
  v1::RotateRosterResponse first, second;
  ASSERT_TRUE(Rotate("oost", monday, 3, oost_, &first).ok());
  ASSERT_TRUE(Rotate("oost", monday, 3, oost_, &second).ok());
  // The first rotation began the week's duty when it was made (the past stays as it was).
  const absl::Time began = convert::TimeFromProto(first.shifts(0).interval().start());
  const v1::GetScheduleResponse sched =
      Schedule("oost", Local(monday, 0), Local(monday + 14, 0));
  ASSERT_GE(sched.slices_size(), 2);
  EXPECT_EQ(sched.slices(0).person().key(), "g.smits");
  EXPECT_EQ(convert::TimeFromProto(sched.slices(0).interval().start()), began);
  EXPECT_EQ(convert::TimeFromProto(sched.slices(0).interval().end()), Local(monday + 7, 9))
      << sched.DebugString();
  EXPECT_EQ(sched.slices(0).shift_id(), second.shifts(0).shift_id());
  for (const v1::Clash& c : sched.clashes()) ADD_FAILURE() << c.DebugString();
}

TEST_F(RosterServiceTest, OverrideCoversAGapAndEndingItEarlyReopensExactlyThatGap) {
  const absl::Time now = absl::Now();
  EXPECT_EQ(OnDuty("west", now + absl::Minutes(1)), "");  // no roster yet
  v1::CreateOverrideRequest req;
  req.set_pool("west");
  req.set_person("a.jansen");
  convert::ToProto(now + absl::Hours(5), req.mutable_until());
  req.set_reason("storm");
  v1::Override o;
  auto c1 = TestServer::Context(coordinator_);
  ASSERT_TRUE(roster_->CreateOverride(c1.get(), req, &o).ok());
  EXPECT_EQ(OnDuty("west", now + absl::Hours(2)), "a.jansen");
  auto sched = Schedule("west", now + absl::Minutes(1), now + absl::Hours(6));
  ASSERT_EQ(sched.gaps_size(), 1);
  v1::EndOverrideRequest end;
  end.set_id(o.id());
  convert::ToProto(now + absl::Hours(3), end.mutable_at());
  auto c2 = TestServer::Context(coordinator_);
  ASSERT_TRUE(roster_->EndOverride(c2.get(), end, &o).ok());
  EXPECT_EQ(OnDuty("west", now + absl::Hours(2)), "a.jansen");
  EXPECT_EQ(OnDuty("west", now + absl::Hours(4)), "");
  sched = Schedule("west", now + absl::Minutes(1), now + absl::Hours(6));
  ASSERT_EQ(sched.gaps_size(), 1);
  // Stored with microsecond precision.
  EXPECT_EQ(absl::ToUnixMicros(convert::TimeFromProto(sched.gaps(0).interval().start())),
            absl::ToUnixMicros(now + absl::Hours(3)));
  // An officer cannot put someone on duty.
  auto c3 = TestServer::Context(officer_);
  EXPECT_EQ(roster_->CreateOverride(c3.get(), req, &o).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(RosterServiceTest, OverrideRefusedWhenThePersonIsOnDutyInTheOtherPool) {
  v1::RotateRosterResponse west;
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
  ASSERT_TRUE(Rotate("west", today - 7, 3, west_, &west).ok());
  const std::string busy = OnDuty("west", absl::Now() + absl::Minutes(1));
  v1::CreateOverrideRequest req;
  req.set_pool("oost");
  req.set_person(busy);
  convert::ToProto(absl::Now() + absl::Hours(2), req.mutable_until());
  v1::Override o;
  auto ctx = TestServer::Context(coordinator_);
  grpc::Status s = roster_->CreateOverride(ctx.get(), req, &o);
  // A member of west lacks nothing but is busy: refused for being on duty in both pools.
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("would be on duty in both pools"), std::string::npos)
      << s.error_message();
  // One in the past is refused saying when it ended, in local time.
  const absl::Time ended = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) / 60 * 60) -
                           absl::Hours(3);
  req.set_person("l.maas");
  convert::ToProto(ended - absl::Hours(2), req.mutable_from());
  convert::ToProto(ended, req.mutable_until());
  auto pctx = TestServer::Context(coordinator_);
  s = roster_->CreateOverride(pctx.get(), req, &o);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find(
                absl::StrCat("lies in the past (ended ", time::FormatLocal(ended, Amsterdam()), ")")),
            std::string::npos)
      << s.error_message();
}

TEST_F(RosterServiceTest, LeaveClashesAreReportedAndOverlapsRefused) {
  v1::RotateRosterResponse oost;
  ASSERT_TRUE(Rotate("oost", spring_ + 1, 4, oost_, &oost).ok());
  v1::PublishRosterRequest pub;
  pub.set_pool("oost");
  pub.set_until_date(Date(spring_ + 60));
  v1::PublishRosterResponse pr;
  auto pctx = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->PublishRoster(pctx.get(), pub, &pr).ok());
  v1::AddUnavailabilityRequest req;  // the officer's own leave, over their published duty
  convert::ToProto(Local(spring_ + 9, 0), req.mutable_interval()->mutable_start());
  convert::ToProto(Local(spring_ + 11, 0), req.mutable_interval()->mutable_end());
  req.set_reason("vakantie");
  v1::AddUnavailabilityResponse resp;
  auto c1 = TestServer::Context(officer_);
  ASSERT_TRUE(roster_->AddUnavailability(c1.get(), req, &resp).ok());
  ASSERT_EQ(resp.clashes_size(), 1);
  EXPECT_EQ(resp.clashes(0).kind(), v1::CLASH_KIND_ON_LEAVE);
  EXPECT_TRUE(resp.clashes(0).published());
  EXPECT_EQ(resp.clashes(0).person().key(), "h.devries");
  // Visible to administrators in the gaps report.
  v1::FindGapsRequest g;
  g.set_days(500);
  v1::FindGapsResponse gr;
  auto c2 = TestServer::Context(admin_);
  ASSERT_TRUE(roster_->FindGaps(c2.get(), g, &gr).ok());
  ASSERT_EQ(gr.clashes_size(), 1);
  // Overlapping leave is refused.
  auto c3 = TestServer::Context(officer_);
  grpc::Status s = roster_->AddUnavailability(c3.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // A reversed interval is invalid.
  std::swap(*req.mutable_interval()->mutable_start(), *req.mutable_interval()->mutable_end());
  auto c4 = TestServer::Context(officer_);
  s = roster_->AddUnavailability(c4.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("interval ends before it starts"), std::string::npos);
  // An officer cannot register someone else's leave.
  req.set_person("g.smits");
  std::swap(*req.mutable_interval()->mutable_start(), *req.mutable_interval()->mutable_end());
  auto c5 = TestServer::Context(officer_);
  EXPECT_EQ(roster_->AddUnavailability(c5.get(), req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// A mistyped year (0001, 9999) is refused with the field and the date, not stored as leave of
// eight thousand years.
TEST_F(RosterServiceTest, TimesOutsideTheYearsParaatTakesAreRefusedNamingTheField) {
  struct Case {
    absl::Time start, end;
    std::string message;
  };
  const absl::Time y2027 = absl::FromCivil(absl::CivilSecond(2027, 5, 1, 9, 0, 0), absl::UTCTimeZone());
  const std::vector<Case> cases = {
      {y2027, absl::FromCivil(absl::CivilSecond(9999, 5, 1, 0, 0, 0), absl::UTCTimeZone()),
       "interval.end is out of range (9999-05-01): Paraat takes times from 1970 up to 2200"},
      {absl::FromCivil(absl::CivilSecond(1, 1, 1, 0, 0, 0), absl::UTCTimeZone()), y2027,
       "interval.start is out of range (0001-01-01): Paraat takes times from 1970 up to 2200"},
      {y2027, absl::FromCivil(absl::CivilSecond(2200, 1, 1, 0, 0, 0), absl::UTCTimeZone()),
       "interval.end is out of range (2200-01-01): Paraat takes times from 1970 up to 2200"},
  };
  for (const Case& c : cases) {
    v1::AddUnavailabilityRequest req;
    convert::ToProto(c.start, req.mutable_interval()->mutable_start());
    convert::ToProto(c.end, req.mutable_interval()->mutable_end());
    v1::AddUnavailabilityResponse resp;
    auto ctx = TestServer::Context(officer_);
    const grpc::Status s = roster_->AddUnavailability(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message(), c.message);
  }
  // The last moment before 2200 is still taken.
  v1::AddUnavailabilityRequest req;
  convert::ToProto(y2027, req.mutable_interval()->mutable_start());
  convert::ToProto(absl::FromCivil(absl::CivilSecond(2199, 12, 31, 23, 59, 59), absl::UTCTimeZone()),
                   req.mutable_interval()->mutable_end());
  v1::AddUnavailabilityResponse resp;
  auto ctx = TestServer::Context(officer_);
  const grpc::Status s = roster_->AddUnavailability(ctx.get(), req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

}  // namespace
}  // namespace paraat
