// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/pool_directory.h"

#include <algorithm>

namespace paraat {
namespace desk {

namespace {

void SortByName(std::vector<const directory::Person*>& v) {
  std::sort(v.begin(), v.end(), [](const directory::Person* a, const directory::Person* b) {
    return QString::localeAwareCompare(QString::fromStdString(a->name),
                                       QString::fromStdString(b->name)) < 0;
  });
}

}  // namespace

const directory::Pool* PoolDirectory::pool(const std::string& key) const {
  for (const auto& p : pools) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

QString PoolDirectory::personName(const std::string& key) const {
  auto it = people.find(key);
  return QString::fromStdString(it != people.end() && !it->second.name.empty() ? it->second.name
                                                                               : key);
}

std::map<std::string, std::string> PoolDirectory::poolNames() const {
  std::map<std::string, std::string> out;
  for (const auto& p : pools) out[p.key] = p.name;
  return out;
}

std::map<std::string, std::string> PoolDirectory::personNames() const {
  std::map<std::string, std::string> out;
  for (const auto& [key, p] : people) out[key] = p.name;
  return out;
}

std::vector<const directory::Person*> PoolDirectory::members(const std::string& poolKey,
                                                             const std::string& except) const {
  std::vector<const directory::Person*> out;
  if (const directory::Pool* p = pool(poolKey)) {
    for (const auto& m : p->members) {
      if (m == except) continue;
      auto it = people.find(m);
      if (it != people.end()) out.push_back(&it->second);
    }
  }
  SortByName(out);
  return out;
}

std::vector<const directory::Person*> PoolDirectory::everyone() const {
  std::vector<const directory::Person*> out;
  for (const auto& [key, p] : people) out.push_back(&p);
  SortByName(out);
  return out;
}

}  // namespace desk
}  // namespace paraat
