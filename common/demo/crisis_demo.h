// SPDX-License-Identifier: EUPL-1.2
// The demo crisis as data: "Opvang vluchtelingen", a few weeks of a long-running crisis with
// its GRIP history, decisions, actions and handovers. Seeded through the normal append path.
#ifndef PARAAT_COMMON_DEMO_CRISIS_DEMO_H_
#define PARAAT_COMMON_DEMO_CRISIS_DEMO_H_

#include <string>
#include <vector>

#include "common/crisis/crisis.h"

namespace paraat::demo {

struct DemoEntry {
  int days_ago;   // when it happened, relative to the seed
  int hour;       // local hour of day
  crisis::EntryKind kind;
  std::string text;
  std::string grip = {};          // kGripChange
  std::string action_owner = {};  // kAction
  int deadline_days = 0;     // kAction: deadline, days after it happened
  int action_ref = 0;        // kActionUpdate: index (1-based seq) of the action
  std::string action_status = {};
  int corrects = 0;          // kCorrection: seq
};

struct DemoCrisis {
  crisis::Crisis crisis;     // title, type, municipalities, initial GRIP
  int opened_days_ago;
  std::string opening_text;
  std::vector<DemoEntry> entries;  // in order; seq = index + 2
};

const DemoCrisis& RefugeeReception();

}  // namespace paraat::demo

#endif  // PARAAT_COMMON_DEMO_CRISIS_DEMO_H_
