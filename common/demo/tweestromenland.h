// SPDX-License-Identifier: EUPL-1.2
// The Tweestromenland demo as data: six municipalities, two OvD-Bz pools whose officers come
// from them, and one account per role. Another region loads its own data the same way.
#ifndef PARAAT_COMMON_DEMO_TWEESTROMENLAND_H_
#define PARAAT_COMMON_DEMO_TWEESTROMENLAND_H_

#include <vector>

#include "common/directory/directory.h"

namespace paraat::demo {

struct DemoRegion {
  std::string region_name;  // "Tweestromenland"
  std::vector<directory::Municipality> municipalities;
  std::vector<directory::Person> people;
  std::vector<directory::Pool> pools;  // with members
  std::vector<directory::Account> accounts;  // one per role; passwords are made at init
};

const DemoRegion& Tweestromenland();

}  // namespace paraat::demo

#endif  // PARAAT_COMMON_DEMO_TWEESTROMENLAND_H_
