// SPDX-License-Identifier: EUPL-1.2
// Everything the piket rules need to decide a change, as read in one transaction: the pools,
// the people, and the roster, swaps, overrides and leave around the change.
#ifndef PARAAT_COMMON_ROSTER_SNAPSHOT_H_
#define PARAAT_COMMON_ROSTER_SNAPSHOT_H_

#include <map>
#include <string>
#include <vector>

#include "common/directory/directory.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"

namespace paraat::roster {

struct RosterSnapshot {
  absl::Time now;
  Interval window;  // the span the roster data below covers
  std::map<std::string, directory::Pool> pools;      // every pool, with its members
  std::map<std::string, directory::Person> people;   // every person
  ScheduleInput input;        // every pool's shifts, approved swaps and overrides in the window
  std::vector<Swap> swaps;    // swaps in any state overlapping the window
  std::vector<Leave> leave;   // leave in force overlapping the window

  // The final schedule of every pool over the window.
  std::map<std::string, std::vector<DutySlice>> Schedules() const;
  std::vector<DutySlice> Schedule(absl::string_view pool) const;
  // Every clash in `schedules` (this snapshot's Schedules()): in two pools at once, on leave,
  // and too little rest by each pool's rule.
  std::vector<Clash> Clashes(const std::map<std::string, std::vector<DutySlice>>& schedules) const;
  const Swap* FindSwap(int64_t id) const;
  const RosterShift* FindShift(int64_t id) const;
  // The same state without one swap's effect (to re-check that swap itself).
  RosterSnapshot WithoutSwap(int64_t swap_id) const;
};

// A snapshot with every pool's final schedule over its window worked out once, to be shared
// read-only by many readers.
struct ResolvedRoster {
  RosterSnapshot snapshot;
  std::map<std::string, std::vector<DutySlice>> schedules;  // pool -> ResolvePool over window

  static ResolvedRoster Of(RosterSnapshot s);
  // Whether the window covers [from, to).
  bool Covers(absl::Time from, absl::Time to) const {
    return snapshot.window.start <= from && to <= snapshot.window.end;
  }
};

}  // namespace paraat::roster

#endif  // PARAAT_COMMON_ROSTER_SNAPSHOT_H_
