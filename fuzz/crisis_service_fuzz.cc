// SPDX-License-Identifier: EUPL-1.2
// CrisisService: opening crises, appending entries (every kind, with references, actions,
// corrections and GRIP changes), listing, searching (FTS5), actions, handover and export.
// See fuzz/support/service_world.h for the input layout and the checks.
#include "fuzz/support/service_world.h"
#include "server/service/crisis_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, OpenCrisis),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, ListCrises),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, GetCrisis),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, AppendEntry),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, ListEntries),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, SearchEntries),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, ListActions),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, GetHandover),
      PARAAT_FUZZ_METHOD(crisis, CrisisServiceImpl, ExportCrisis),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"OpenCrisis", Caller::kCoordinator,
       "title: 'Stroomuitval' type: 'nutsvoorziening' municipalities: 'heumen' municipalities: "
       "'wijchen' grip: '1' text: 'Stroom uit in Malden' idempotency_key: 'k1'"},
      {"ListCrises", Caller::kOfficer, "include_closed: true"},
      {"GetCrisis", Caller::kOfficer, "id: 1"},
      {"AppendEntry", Caller::kCoordinator,
       "crisis: 1 kind: ENTRY_KIND_DECISION text: 'Sporthal openen' refs: 2 idempotency_key: 'k2'"},
      {"AppendEntry", Caller::kCoordinator,
       "crisis: 1 kind: ENTRY_KIND_ACTION text: 'Bedden regelen' action_owner: 'h.devries' "
       "action_deadline { seconds: 1796025600 } idempotency_key: 'k3'"},
      {"AppendEntry", Caller::kCoordinator,
       "crisis: 1 kind: ENTRY_KIND_ACTION_UPDATE action_ref: 5 action_status: 'done' "
       "idempotency_key: 'k4'"},
      {"AppendEntry", Caller::kCoordinator,
       "crisis: 1 kind: ENTRY_KIND_CORRECTION corrects: 3 text: 'Sporthal De Heuvel' "
       "idempotency_key: 'k5'"},
      {"AppendEntry", Caller::kCoordinator,
       "crisis: 1 kind: ENTRY_KIND_GRIP_CHANGE grip: '2' text: 'opschaling' event_time { seconds: "
       "1795780800 } idempotency_key: 'k6'"},
      {"AppendEntry", Caller::kCoordinator, "crisis: 1 kind: ENTRY_KIND_CLOSED text: 'afgeschaald' idempotency_key: 'k7'"},
      {"AppendEntry", Caller::kCoordinator,
       "crisis: 1 kind: ENTRY_KIND_MESSAGE text: 'bericht' municipalities: 'heumen' idempotency_key: 'k8'"},
      {"ListEntries", Caller::kOfficer,
       "crisis: 1 after_seq: 1 page_size: 3 filter { kinds: ENTRY_KIND_DECISION author: "
       "'coordinator' from { seconds: 1700000000 } to { seconds: 1900000000 } municipality: 'wijchen' }"},
      {"SearchEntries", Caller::kOfficer, "crisis: 1 query: 'sporthal AND heuvel' page_size: 10"},
      {"SearchEntries", Caller::kCoordinator, "crisis: 1 query: '\"opvang\" OR bed*'"},
      {"ListActions", Caller::kOfficer, "mine: true include_finished: true"},
      {"GetHandover", Caller::kCoordinator, "crisis: 1 since { seconds: 1795000000 }"},
      {"ExportCrisis", Caller::kOfficer, "crisis: 1"},
      {"ExportCrisis", Caller::kCoordinator, "crisis: 1 filter { kinds: ENTRY_KIND_ACTION }"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 300)
