// SPDX-License-Identifier: EUPL-1.2
#include "server/app/seed.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/capacity/demo.h"
#include "common/demo/crisis_demo.h"
#include "server/storage/capacity_store.h"
#include "common/demo/tweestromenland.h"
#include "common/time/civil.h"
#include "server/storage/crisis_store.h"
#include "common/status/status_macros.h"
#include "server/auth/credentials.h"
#include "server/storage/account_store.h"
#include "server/storage/directory_store.h"
#include "server/storage/settings.h"

namespace paraat::app {

namespace {
constexpr absl::string_view kSystem = "system";
}  // namespace


std::string RegionName(storage::Database& db) {
  absl::StatusOr<std::string> name = storage::GetSetting(db, "region_name", "Paraat");
  return name.ok() ? *name : std::string("Paraat");
}

absl::StatusOr<std::string> SeedDemoCrisis(storage::Database& db) {
  const demo::DemoCrisis& d = demo::RefugeeReception();
  PARAAT_ASSIGN_OR_RETURN(absl::TimeZone zone, time::LoadZone(time::kDefaultZone));
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), zone);
  auto at = [&](int days_ago, int hour) {
    const absl::CivilDay day = today - days_ago;
    return time::ResolveLocalLenient(absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0), zone);
  };
  auto crises = storage::NewSqliteCrisisStore(&db);
  // Written by the demo coordinator, through the same append path the RPCs use.
  const crisis::Author author{"coordinator", "Marieke Gerritsen"};
  PARAAT_ASSIGN_OR_RETURN(auto opened, crises->OpenCrisis(author, d.crisis, d.opening_text,
                                                          at(d.opened_days_ago, 9), "demo-open"));
  const int64_t id = opened.first.id;
  int n = 0;
  for (const demo::DemoEntry& e : d.entries) {
    crisis::AppendRequest r;
    r.crisis_id = id;
    r.kind = e.kind;
    r.text = e.text;
    r.event_time = at(e.days_ago, e.hour);
    r.grip = e.grip;
    r.action_owner = e.action_owner;
    if (e.kind == crisis::EntryKind::kAction) r.action_deadline = at(e.days_ago - e.deadline_days, 17);
    r.action_ref = e.action_ref;
    r.action_status = e.action_status;
    r.corrects = e.corrects;
    if (e.action_ref != 0) r.refs = {e.action_ref};
    if (e.corrects != 0) r.refs = {e.corrects};
    r.idempotency_key = absl::StrCat("demo-", ++n);
    PARAAT_RETURN_IF_ERROR(
        crises->Append(author, r, [](const crisis::Crisis&) { return absl::OkStatus(); }).status());
  }
  // Capacity: the IVP ambitions, each municipality's hours and plan, and the crisis's demand
  // for the weeks around now (the demo's ramp: from last week to four weeks ahead).
  auto capacity_store = storage::NewSqliteCapacityStore(&db);
  const capacity::CapacityInput model = capacity::DemoCapacity();
  for (const capacity::Ambition& a : model.ambitions) {
    PARAAT_RETURN_IF_ERROR(capacity_store->SetAmbition(
        kSystem, a, true, [](const capacity::CapacityInput&) { return absl::OkStatus(); }));
  }
  for (const capacity::Municipality& m : model.municipalities) {
    PARAAT_RETURN_IF_ERROR(capacity_store->SetCapacity(
        kSystem, m, [](const capacity::CapacityInput& in) { return capacity::Validate(in); }));
  }
  const absl::CivilDay this_monday = today - (time::IsoWeekday(today) - 1);
  const std::vector<capacity::CrisisDemand> demand = capacity::DemoRefugeeReceptionDemand();
  for (size_t i = 0; i < demand.size(); ++i) {
    const absl::CivilDay monday = this_monday + 7 * (static_cast<int>(i) - 1);
    PARAAT_ASSIGN_OR_RETURN(capacity::IsoWeek week, capacity::ParseIsoWeek(time::FormatIsoWeek(monday)));
    for (const capacity::DemandEntry& e : demand[i].hours) {
      PARAAT_RETURN_IF_ERROR(capacity_store->SetDemand(kSystem, {id, week, e.municipality, e.hours}));
    }
  }
  return absl::StrCat("Seeded crisis ", id, " \"", d.crisis.title, "\" with ", n + 1,
                      " entries, and the capacity of the six municipalities with the crisis's "
                      "demand for ", demand.size(), " weeks.\n");
}

absl::StatusOr<std::string> SeedDemo(storage::Database& db, const DataDirPaths& paths) {
  const demo::DemoRegion& region = demo::Tweestromenland();
  auto directory = storage::NewSqliteDirectoryStore(&db);
  auto accounts = storage::NewSqliteAccountStore(&db);
  PARAAT_RETURN_IF_ERROR(storage::SetSetting(db, kSystem, "region_name", region.region_name));
  for (const auto& m : region.municipalities) {
    PARAAT_RETURN_IF_ERROR(directory::Validate(m));
    PARAAT_RETURN_IF_ERROR(directory->CreateMunicipality(kSystem, m).status());
  }
  for (const auto& p : region.people) {
    PARAAT_RETURN_IF_ERROR(directory::Validate(p));
    PARAAT_RETURN_IF_ERROR(directory->CreatePerson(kSystem, p).status());
  }
  for (const auto& pool : region.pools) {
    PARAAT_RETURN_IF_ERROR(directory::Validate(pool));
    PARAAT_RETURN_IF_ERROR(directory->CreatePool(kSystem, pool).status());
    for (const std::string& member : pool.members) {
      PARAAT_RETURN_IF_ERROR(
          directory->AddPoolMember(kSystem, pool.key, member, directory::CheckCanJoin).status());
    }
  }
  std::string file;
  std::string report =
      absl::StrCat("Seeded the ", region.region_name, " demo: ", region.municipalities.size(),
                   " municipalities, ", region.people.size(), " people, ", region.pools.size(),
                   " pools.\nDemo accounts (also in ", paths.demo_accounts(),
                   ", readable only by you):\n");
  for (const auto& a : region.accounts) {
    const std::string password = auth::RandomPassword();
    PARAAT_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
    PARAAT_RETURN_IF_ERROR(
        accounts
            ->CreateAccount(kSystem, a, hash,
                            [](const directory::Person&) { return absl::OkStatus(); })
            .status());
    const std::string role(directory::RoleName(a.role));
    absl::StrAppend(&file, a.username, " ", password, " ", role, "\n");
    absl::StrAppendFormat(&report, "  %-14s %-24s %s\n", a.username, password, role);
  }
  PARAAT_RETURN_IF_ERROR(WritePrivateFile(paths.demo_accounts(), file));
  PARAAT_ASSIGN_OR_RETURN(std::string crisis_report, SeedDemoCrisis(db));
  absl::StrAppend(&report, crisis_report);
  return report;
}

}  // namespace paraat::app
