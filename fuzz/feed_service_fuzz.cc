// SPDX-License-Identifier: EUPL-1.2
// FeedService: calendar feed links, the iCalendar text of a pool's or a person's duties, and
// the hours on duty. See fuzz/support/service_world.h.
#include "fuzz/support/service_world.h"
#include "server/service/feed_service.h"

namespace paraat::fuzz {
namespace {

const std::vector<Method>& Methods() {
  static const auto* const kMethods = new std::vector<Method>{
      PARAAT_FUZZ_METHOD(feed, FeedServiceImpl, CreateFeedLink),
      PARAAT_FUZZ_METHOD(feed, FeedServiceImpl, RevokeFeedLink),
      PARAAT_FUZZ_METHOD(feed, FeedServiceImpl, ListFeedLinks),
      PARAAT_FUZZ_METHOD(feed, FeedServiceImpl, GetCalendar),
      PARAAT_FUZZ_METHOD(feed, FeedServiceImpl, GetDutyHours),
  };
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"CreateFeedLink", Caller::kOfficer, ""},
      {"CreateFeedLink", Caller::kAdministrator, "pool: 'west'"},
      {"RevokeFeedLink", Caller::kOfficer, "id: 1"},
      {"RevokeFeedLink", Caller::kAdministrator, "pool: 'west'"},
      {"ListFeedLinks", Caller::kAdministrator, "everyone: true include_revoked: true"},
      {"GetCalendar", Caller::kOfficer, "pool: 'oost'"},
      {"GetCalendar", Caller::kOfficer, "person: 'h.devries'"},
      {"GetDutyHours", Caller::kAdministrator,
       "from { seconds: 1795000000 } to { seconds: 1800000000 } pool: 'west'"},
      {"GetDutyHours", Caller::kOfficer, "from { seconds: 1790000000 } to { seconds: 1795780800 } person: 'h.devries'"},
  };
  return *kSeeds;
}

}  // namespace
}  // namespace paraat::fuzz

PARAAT_SERVICE_FUZZ_TARGET(paraat::fuzz::Methods, paraat::fuzz::Seeds, 500)
