// SPDX-License-Identifier: EUPL-1.2
// ServerService: server information and ping (no input beyond the caller, which is what is
// fuzzed: the authorization of every caller). See fuzz/support/service_world.h.
#include "fuzz/support/service_world.h"
#include "server/service/server_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(server, ServerServiceImpl, GetServerInfo),
      PARAAT_FUZZ_METHOD(server, ServerServiceImpl, Ping),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"GetServerInfo", Caller::kOfficer, ""},
      {"Ping", Caller::kBadToken, ""},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 1000)
