// SPDX-License-Identifier: EUPL-1.2
// AuditService: the audit trail for administrators. See fuzz/support/service_world.h.
#include "fuzz/support/service_world.h"
#include "server/service/audit_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(audit, AuditServiceImpl, ListAudit),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"ListAudit", Caller::kAdministrator, "page_size: 5"},
      {"ListAudit", Caller::kAdministrator,
       "since { seconds: 1795000000 } actor: 'system' object_prefix: 'crisis/1' after_id: 3 page_size: 1000"},
      {"ListAudit", Caller::kMunicipalAdmin, "object_prefix: 'person/' page_size: 0"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 1000)
