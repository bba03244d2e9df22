// SPDX-License-Identifier: EUPL-1.2
// LedgerService: the public key, signed checkpoints and inclusion and consistency proofs of
// crisis logs, with every size and index the fuzzer finds. See fuzz/support/service_world.h.
#include "fuzz/support/service_world.h"
#include "server/service/crisis_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(ledger, LedgerServiceImpl, GetPublicKey),
      PARAAT_FUZZ_METHOD(ledger, LedgerServiceImpl, GetCheckpoint),
      PARAAT_FUZZ_METHOD(ledger, LedgerServiceImpl, GetInclusionProof),
      PARAAT_FUZZ_METHOD(ledger, LedgerServiceImpl, GetConsistencyProof),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"GetPublicKey", Caller::kOfficer, ""},
      {"GetCheckpoint", Caller::kOfficer, "crisis: 1"},
      {"GetInclusionProof", Caller::kOfficer, "crisis: 1 seq: 3 tree_size: 5"},
      {"GetInclusionProof", Caller::kCoordinator, "crisis: 1 seq: 1"},
      {"GetConsistencyProof", Caller::kOfficer, "crisis: 1 from_size: 2 to_size: 6"},
      {"GetConsistencyProof", Caller::kAdministrator, "crisis: 1 from_size: 0"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 1000)
