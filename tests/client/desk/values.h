// SPDX-License-Identifier: EUPL-1.2
// Domain values for the model tests: duties, gaps and leave at local times in
// Europe/Amsterdam.
#ifndef PARAAT_TESTS_CLIENT_DESK_VALUES_H_
#define PARAAT_TESTS_CLIENT_DESK_VALUES_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "client/api/client.h"
#include "client/desk/formats.h"

namespace paraat::testing {

inline absl::Time At(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), desk::Formats::zone());
}

inline roster::PersonRef Person(const std::string& key, const std::string& name,
                                const std::string& phone = "") {
  return {key, name, "", phone};
}

inline client::Duty MakeDuty(const std::string& pool, const roster::PersonRef& p, absl::Time from,
                             absl::Time to, roster::Source source = roster::Source::kRoster,
                             int64_t source_id = 1, bool published = true,
                             const std::string& rostered = "") {
  client::Duty d;
  d.slice.pool = pool;
  d.slice.person = p.key;
  d.slice.interval = {from, to};
  d.slice.source = source;
  d.slice.source_id = source_id;
  d.slice.shift_id = source == roster::Source::kRoster ? source_id : 99;
  d.slice.published = published;
  d.slice.rostered = rostered.empty() ? p.key : rostered;
  d.person = p;
  return d;
}

inline client::LeaveView MakeLeave(const roster::PersonRef& p, absl::Time from, absl::Time to) {
  client::LeaveView l;
  l.leave.id = 1;
  l.leave.person = p.key;
  l.leave.interval = {from, to};
  l.person = p;
  return l;
}

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_CLIENT_DESK_VALUES_H_
