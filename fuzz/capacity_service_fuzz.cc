// SPDX-License-Identifier: EUPL-1.2
// CapacityService: ambitions, hours and plans, loans, crisis demand, proposals (the LPs),
// comparison, approval and restore. See fuzz/support/service_world.h.
#include "fuzz/support/service_world.h"
#include "server/service/capacity_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, ListAmbitions),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, SetAmbition),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, GetCapacity),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, SetCapacity),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, SetLoanRule),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, SetDemand),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, ListDemand),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, Propose),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, GetProposal),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, ListProposals),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, CompareProposals),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, Approve),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, Restore),
      PARAAT_FUZZ_METHOD(capacity, CapacityServiceImpl, ListAllocations),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"ListAmbitions", Caller::kOfficer, ""},
      {"SetAmbition", Caller::kAdministrator,
       "ambition { key: 'ondermijning' name: 'Ondermijning' rank: 2 weight: 1.5 active: true }"},
      {"GetCapacity", Caller::kOfficer, ""},
      {"SetCapacity", Caller::kMunicipalAdmin,
       "municipality: 'druten' fte: 2.5 available_hours: 90 overtime_hours: 4 plan { ambition: "
       "'ondermijning' planned_hours: 14 floor_hours: 10 }"},
      {"SetLoanRule", Caller::kAdministrator, "lender: 'heumen' borrower: 'druten' allowed: false cost: 1"},
      {"SetDemand", Caller::kCoordinator,
       "demand { crisis: 1 week: '2026-W49' municipality: 'heumen' hours: 20 }"},
      {"ListDemand", Caller::kOfficer, "crisis: 1"},
      {"Propose", Caller::kAdministrator, "crisis: 1 week: '2026-W48' policy: POLICY_PRIORITY"},
      {"Propose", Caller::kAdministrator, "crisis: 1 week: '2026-W49' policy: POLICY_EQUAL_SHARE"},
      {"GetProposal", Caller::kAdministrator, "id: 1"},
      {"ListProposals", Caller::kAdministrator, "crisis: 1 week: '2026-W49'"},
      {"CompareProposals", Caller::kAdministrator, "ids: 1 ids: 2"},
      {"Approve", Caller::kAdministrator, "proposal: 1"},
      {"Restore", Caller::kAdministrator, "crisis: 1 week: '2026-W48'"},
      {"ListAllocations", Caller::kOfficer, "crisis: 1 at { seconds: 1795780800 }"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 300)
