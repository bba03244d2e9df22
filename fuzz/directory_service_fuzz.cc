// SPDX-License-Identifier: EUPL-1.2
// DirectoryService: municipalities, people and pools. See fuzz/support/service_world.h for
// the input layout and the checks.
#include "fuzz/support/service_world.h"
#include "server/service/directory_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, ListMunicipalities),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, GetMunicipality),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, CreateMunicipality),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, UpdateMunicipality),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, ListPeople),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, GetPerson),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, CreatePerson),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, UpdatePerson),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, ListPools),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, GetPool),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, CreatePool),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, UpdatePool),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, AddPoolMember),
      PARAAT_FUZZ_METHOD(directory, DirectoryServiceImpl, RemovePoolMember),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"ListMunicipalities", Caller::kOfficer, "include_inactive: true"},
      {"GetMunicipality", Caller::kOfficer, "key: 'druten'"},
      {"CreateMunicipality", Caller::kAdministrator,
       "municipality { key: 'nijmegen' name: 'Nijmegen' region: 'vrgz' active: true }"},
      {"UpdateMunicipality", Caller::kAdministrator, "key: 'heumen' name: 'Heumen (Gld)'"},
      {"ListPeople", Caller::kOfficer, "municipality: 'druten' qualification: 'ovd-bz'"},
      {"GetPerson", Caller::kOfficer, "key: 'a.jansen'"},
      {"CreatePerson", Caller::kAdministrator,
       "person { key: 'p.jansen' name: 'Piet Jansen' municipality: 'druten' phone: '+31 6 1234 "
       "5678' email: 'p.jansen@druten.nl' qualifications: 'ovd-bz' active: true }"},
      {"CreatePerson", Caller::kMunicipalAdmin,
       "person { key: 'q.devos' name: 'Q de Vos' municipality: 'druten' phone: '024 123 4567' }"},
      {"UpdatePerson", Caller::kAdministrator,
       "key: 'c.peters' phone: '024 123 4567' set_qualifications: true qualifications: 'ovd-bz' "
       "qualifications: 'aov'"},
      {"UpdatePerson", Caller::kMunicipalAdmin, "key: 'c.peters' municipality: 'wijchen'"},
      {"ListPools", Caller::kOfficer, ""},
      {"GetPool", Caller::kOfficer, "key: 'west'"},
      {"CreatePool", Caller::kAdministrator,
       "pool { key: 'noord' name: 'OvD-Bz Noord' qualification: 'ovd-bz' time_zone: "
       "'Europe/Amsterdam' handover_weekday: 1 handover_time: '09:00' shift_days: 7 "
       "arrival_norm_minutes: 30 min_rest_shifts: 1 members: 'a.jansen' }"},
      {"UpdatePool", Caller::kAdministrator,
       "key: 'oost' handover_time: '02:30' time_zone: 'Europe/Amsterdam' shift_days: 14"},
      {"AddPoolMember", Caller::kAdministrator, "pool: 'oost' person: 'a.jansen'"},
      {"RemovePoolMember", Caller::kAdministrator, "pool: 'west' person: 'f.bos'"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 400)
