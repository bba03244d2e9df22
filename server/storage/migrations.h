// SPDX-License-Identifier: EUPL-1.2
// The schema as an ordered list of migrations keyed on PRAGMA user_version.
#ifndef PARAAT_SERVER_STORAGE_MIGRATIONS_H_
#define PARAAT_SERVER_STORAGE_MIGRATIONS_H_

#include "absl/strings/string_view.h"
#include <vector>

namespace paraat::storage {

// Paraat's application_id in the SQLite header ("PRAT"), so another application's file is
// recognised and refused.
inline constexpr int kApplicationId = 0x50524154;

struct Migration {
  int version;                 // user_version after this migration
  absl::string_view summary;
  absl::string_view sql;
};

// Every migration in order; migration i brings user_version from i to i + 1.
const std::vector<Migration>& Migrations();

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_MIGRATIONS_H_
