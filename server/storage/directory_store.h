// SPDX-License-Identifier: EUPL-1.2
// Repository of municipalities, people and pools. Changes are audited in the same
// transaction; edits are read-modify-write functions so the rules stay with the caller.
#ifndef PARAAT_SERVER_STORAGE_DIRECTORY_STORE_H_
#define PARAAT_SERVER_STORAGE_DIRECTORY_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "common/directory/directory.h"

namespace paraat::storage {

class Database;

struct PeopleFilter {
  std::string municipality;   // empty: all
  std::string qualification;  // empty: all
  bool include_inactive = false;
};

// An edit receives the current record and changes it in place; an error aborts the change.
template <typename T>
using Edit = std::function<absl::Status(T&)>;

// Checks whether `person` may join `pool` (qualification, active).
using MembershipCheck =
    std::function<absl::Status(const directory::Pool&, const directory::Person&)>;

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual absl::StatusOr<std::vector<directory::Municipality>> ListMunicipalities(
      bool include_inactive) = 0;
  // NOT_FOUND naming the key.
  virtual absl::StatusOr<directory::Municipality> GetMunicipality(absl::string_view key) = 0;
  // ALREADY_EXISTS for a taken key.
  virtual absl::StatusOr<directory::Municipality> CreateMunicipality(
      absl::string_view actor, const directory::Municipality& m) = 0;
  virtual absl::StatusOr<directory::Municipality> UpdateMunicipality(
      absl::string_view actor, absl::string_view key, const Edit<directory::Municipality>& edit) = 0;

  virtual absl::StatusOr<std::vector<directory::Person>> ListPeople(const PeopleFilter& f) = 0;
  virtual absl::StatusOr<directory::Person> GetPerson(absl::string_view key) = 0;
  // NOT_FOUND for an unknown municipality, ALREADY_EXISTS for a taken key.
  virtual absl::StatusOr<directory::Person> CreatePerson(absl::string_view actor,
                                                         const directory::Person& p) = 0;
  virtual absl::StatusOr<directory::Person> UpdatePerson(absl::string_view actor,
                                                         absl::string_view key,
                                                         const Edit<directory::Person>& edit) = 0;

  virtual absl::StatusOr<std::vector<directory::Pool>> ListPools(bool include_inactive) = 0;
  virtual absl::StatusOr<directory::Pool> GetPool(absl::string_view key) = 0;
  virtual absl::StatusOr<directory::Pool> CreatePool(absl::string_view actor,
                                                     const directory::Pool& p) = 0;
  virtual absl::StatusOr<directory::Pool> UpdatePool(absl::string_view actor, absl::string_view key,
                                                     const Edit<directory::Pool>& edit) = 0;
  virtual absl::StatusOr<directory::Pool> AddPoolMember(absl::string_view actor,
                                                        absl::string_view pool,
                                                        absl::string_view person,
                                                        const MembershipCheck& check) = 0;
  virtual absl::StatusOr<directory::Pool> RemovePoolMember(absl::string_view actor,
                                                           absl::string_view pool,
                                                           absl::string_view person) = 0;
};

std::unique_ptr<DirectoryStore> NewSqliteDirectoryStore(Database* db);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_DIRECTORY_STORE_H_
