// SPDX-License-Identifier: EUPL-1.2
// Seeding a new database: the Tweestromenland demo.
#ifndef PARAAT_SERVER_APP_SEED_H_
#define PARAAT_SERVER_APP_SEED_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/app/data_dir.h"
#include "server/storage/database.h"

namespace paraat::app {

// Writes the demo region through the same repositories the RPCs use (audited as "system"),
// creates one account per role with a random password, writes them to DIR/demo-accounts.txt
// (mode 0600, "username password role" per line) and returns the text to print once.
[[nodiscard]] absl::StatusOr<std::string> SeedDemo(storage::Database& db, const DataDirPaths& paths);

// The demo crisis "Opvang vluchtelingen" with a few weeks of entries and its GRIP history.
[[nodiscard]] absl::StatusOr<std::string> SeedDemoCrisis(storage::Database& db);

// The region's display name ("Paraat" when none is set).
std::string RegionName(storage::Database& db);

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_SEED_H_
