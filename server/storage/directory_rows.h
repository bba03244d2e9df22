// SPDX-License-Identifier: EUPL-1.2
// Row-level reads of the directory tables on a given connection, shared by the repositories
// that need them inside their own transactions.
#ifndef PARAAT_SERVER_STORAGE_DIRECTORY_ROWS_H_
#define PARAAT_SERVER_STORAGE_DIRECTORY_ROWS_H_

#include <cstdint>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "common/directory/directory.h"
#include "server/storage/sqlite.h"

namespace paraat::storage {

// Each NOT_FOUND names the kind and the key.
absl::StatusOr<int64_t> MunicipalityId(Connection& c, absl::string_view key);
absl::StatusOr<int64_t> PersonId(Connection& c, absl::string_view key);
absl::StatusOr<int64_t> PoolId(Connection& c, absl::string_view key);
absl::StatusOr<int64_t> AccountId(Connection& c, absl::string_view username);

absl::StatusOr<directory::Municipality> LoadMunicipality(Connection& c, absl::string_view key);
absl::StatusOr<directory::Person> LoadPerson(Connection& c, absl::string_view key);
absl::StatusOr<directory::Person> LoadPersonById(Connection& c, int64_t id);
absl::StatusOr<directory::Pool> LoadPool(Connection& c, absl::string_view key);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_DIRECTORY_ROWS_H_
