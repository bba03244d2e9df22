// SPDX-License-Identifier: EUPL-1.2
// The part of the directory the duty views need: the pools with their members and the people
// who can be on duty, by key. Loaded with ListPools and ListPeople.
#ifndef PARAAT_CLIENT_DESK_POOL_DIRECTORY_H_
#define PARAAT_CLIENT_DESK_POOL_DIRECTORY_H_

#include <QString>

#include <map>
#include <string>
#include <vector>

#include "common/directory/directory.h"

namespace paraat {
namespace desk {

struct PoolDirectory {
  std::vector<directory::Pool> pools;
  std::map<std::string, directory::Person> people;

  const directory::Pool* pool(const std::string& key) const;
  // The person's name, or the key when the person is unknown.
  QString personName(const std::string& key) const;
  std::map<std::string, std::string> poolNames() const;
  std::map<std::string, std::string> personNames() const;
  // Members of `pool` by name, without `except`.
  std::vector<const directory::Person*> members(const std::string& pool,
                                                const std::string& except = "") const;
  // Everyone by name.
  std::vector<const directory::Person*> everyone() const;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_POOL_DIRECTORY_H_
