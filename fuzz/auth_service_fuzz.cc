// SPDX-License-Identifier: EUPL-1.2
// AuthService: login, sessions, accounts and passwords. Login, ChangePassword and
// ResetPassword cost an argon2id hash (tens of milliseconds) whenever the input gets that
// far, so this target runs slower than the others. See fuzz/support/service_world.h.
#include "fuzz/support/service_world.h"
#include "server/service/auth_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, Login),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, Logout),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, WhoAmI),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, ChangePassword),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, ListAccounts),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, CreateAccount),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, UpdateAccount),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, ResetPassword),
      PARAAT_FUZZ_METHOD(auth, AuthServiceImpl, UnlockAccount),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"Login", Caller::kNoToken, "username: 'beheer.druten' password: 'fuzz-municipal-admin-password'"},
      {"Login", Caller::kNoToken, "username: 'officer' password: 'wrong password'"},
      {"Logout", Caller::kOfficer, ""},
      {"WhoAmI", Caller::kMunicipalAdmin, ""},
      {"ChangePassword", Caller::kMunicipalAdmin,
       "current_password: 'fuzz-municipal-admin-password' new_password: 'a new password of length'"},
      {"ListAccounts", Caller::kMunicipalAdmin, ""},
      {"CreateAccount", Caller::kAdministrator,
       "username: 'pjansen' person: 'a.jansen' role: ROLE_OFFICER scope { municipality: 'west-maas-en-waal' }"},
      {"CreateAccount", Caller::kMunicipalAdmin,
       "username: 'dhendriks' person: 'd.hendriks' role: ROLE_COORDINATOR scope { municipality: 'druten' }"},
      {"UpdateAccount", Caller::kAdministrator, "username: 'officer' role: ROLE_COORDINATOR active: true"},
      {"UpdateAccount", Caller::kMunicipalAdmin, "username: 'beheer.druten' scope { }"},
      {"ResetPassword", Caller::kAdministrator, "username: 'coordinator'"},
      {"UnlockAccount", Caller::kMunicipalAdmin, "username: 'officer'"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 200)
