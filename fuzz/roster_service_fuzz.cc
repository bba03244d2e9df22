// SPDX-License-Identifier: EUPL-1.2
// RosterService: on-call, duties, schedules, rotations, assignments, publishing, gaps,
// swaps, overrides, leave, the roster solver, fairness, holidays and preferences. See
// fuzz/support/service_world.h for the input layout and the checks.
//
// GenerateRoster runs the MIP solver for up to its time budget (default 25 s): the harness
// gives it at most one second, so a valid request costs a second rather than minutes.
#include "fuzz/support/service_world.h"
#include "server/service/roster_service.h"

namespace paraat::fuzz {
namespace {

Method ShortSolves(Method m) {
  auto call = m.call;
  m.call = [call](ServiceWorld& w, grpc::ServerContext* ctx, const google::protobuf::Message& req,
                  std::string* problem) {
    v1::GenerateRosterRequest r;
    r.CopyFrom(req);
    if (r.time_budget_seconds() == 0 || r.time_budget_seconds() > 1) r.set_time_budget_seconds(1);
    return call(w, ctx, r, problem);
  };
  return m;
}

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, GetOnCall),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ListDuties),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, GetSchedule),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, RotateRoster),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, AssignShift),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, PublishRoster),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, FindGaps),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, RequestSwap),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, RespondSwap),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, DecideSwap),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ArrangeSwap),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, EditSwap),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, CancelSwap),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ListSwaps),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, CreateOverride),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, EndOverride),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ListOverrides),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, AddUnavailability),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, CancelUnavailability),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ListUnavailability),
      ShortSolves(PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, GenerateRoster)),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, GetFairness),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ListHolidays),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, SetHolidays),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, AddPreference),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, ListPreferences),
      PARAAT_FUZZ_METHOD(roster, RosterServiceImpl, RemovePreference),
  };
  return *kMethods;
}

// 1795780800 is 2026-11-27 12:00 UTC, 1796025600 2026-11-30 09:00 Amsterdam (a handover),
// 1806195600 the spring-forward instant of 2027.
const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"GetOnCall", Caller::kOfficer, "at { seconds: 1795780800 }"},
      {"ListDuties", Caller::kOfficer, "from { seconds: 1795780800 } to { seconds: 1806195600 }"},
      {"GetSchedule", Caller::kOfficer,
       "pool: 'west' from { seconds: 1795780800 } to { seconds: 1800000000 }"},
      {"RotateRoster", Caller::kAdministrator,
       "pool: 'west' from_date: '2026-11-30' weeks: 6 order: 'a.jansen' order: 'b.vandijk' order: "
       "'c.peters' order: 'd.hendriks' order: 'e.willems' order: 'f.bos'"},
      {"RotateRoster", Caller::kAdministrator,
       "pool: 'oost' from_date: '2027-03-22' weeks: 3 order: 'g.smits' order: 'h.devries'"},
      {"AssignShift", Caller::kAdministrator, "pool: 'west' at { seconds: 1796630400 } person: 'd.hendriks'"},
      {"PublishRoster", Caller::kAdministrator, "pool: 'west' until_date: '2027-01-04'"},
      {"FindGaps", Caller::kOfficer, "days: 90"},
      {"RequestSwap", Caller::kOfficer,
       "shift_id: 2 taker: 'g.smits' part { start { seconds: 1796630400 } end { seconds: "
       "1796716800 } } return_shift_id: 3 reason: 'bruiloft'"},
      {"RespondSwap", Caller::kOfficer, "id: 1 accept: true"},
      {"DecideSwap", Caller::kAdministrator, "id: 1 approve: true"},
      {"ArrangeSwap", Caller::kAdministrator, "shift_id: 1 taker: 'f.bos'"},
      {"EditSwap", Caller::kAdministrator, "id: 1 taker: 'e.willems'"},
      {"CancelSwap", Caller::kOfficer, "id: 1"},
      {"ListSwaps", Caller::kOfficer, "mine: true open_only: true"},
      {"CreateOverride", Caller::kCoordinator,
       "pool: 'oost' person: 'l.maas' from { seconds: 1795780800 } until { seconds: 1795867200 } reason: 'ziek'"},
      {"EndOverride", Caller::kCoordinator, "id: 1 at { seconds: 1795800000 }"},
      {"ListOverrides", Caller::kOfficer, "pool: 'oost'"},
      {"AddUnavailability", Caller::kOfficer,
       "interval { start { seconds: 1796025600 } end { seconds: 1796630400 } } reason: 'vakantie'"},
      {"AddUnavailability", Caller::kAdministrator,
       "person: 'a.jansen' interval { start { seconds: 1796025600 } end { seconds: 1796630400 } }"},
      {"CancelUnavailability", Caller::kOfficer, "id: 1"},
      {"ListUnavailability", Caller::kAdministrator, "everyone: true"},
      {"GenerateRoster", Caller::kAdministrator, "from_date: '2026-11-30' weeks: 4 pools: 'west'"},
      {"GetFairness", Caller::kOfficer, "pool: 'west'"},
      {"ListHolidays", Caller::kOfficer, "from_year: 2026 to_year: 2027"},
      {"SetHolidays", Caller::kAdministrator,
       "holidays { name: 'Kerst' first: '2026-12-25' last: '2026-12-26' }"},
      {"AddPreference", Caller::kOfficer,
       "interval { start { seconds: 1796025600 } end { seconds: 1796630400 } } weight: -50 reason: 'liever niet'"},
      {"ListPreferences", Caller::kAdministrator, "person: '*'"},
      {"RemovePreference", Caller::kOfficer, "id: 1"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 300)
