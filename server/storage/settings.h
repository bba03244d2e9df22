// SPDX-License-Identifier: EUPL-1.2
// Installation settings: a small key/value table (e.g. the region's name).
#ifndef PARAAT_SERVER_STORAGE_SETTINGS_H_
#define PARAAT_SERVER_STORAGE_SETTINGS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/storage/database.h"

namespace paraat::storage {

// The value, or `fallback` when the key is not set.
[[nodiscard]] absl::StatusOr<std::string> GetSetting(Database& db, absl::string_view key,
                                                     absl::string_view fallback);
// Sets a value, audited.
[[nodiscard]] absl::Status SetSetting(Database& db, absl::string_view actor, absl::string_view key,
                                      absl::string_view value);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_SETTINGS_H_
