// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/duty_hours.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/time/civil.h"

namespace paraat::roster {

namespace {

enum class Kind { kWeekday, kWeekend, kHoliday };

Kind KindOf(absl::CivilDay day, const std::set<absl::CivilDay>& holidays) {
  if (holidays.count(day) > 0) return Kind::kHoliday;
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday ? Kind::kWeekend
                                                                    : Kind::kWeekday;
}

// The instant a civil day starts in `zone`. Midnight exists in Europe/Amsterdam every day;
// in a zone that skips midnight the day starts when the clocks resume.
absl::Time DayStart(absl::CivilDay day, absl::TimeZone zone) {
  return time::ResolveLocalLenient(absl::CivilSecond(day), zone);
}

void Add(const Interval& piece, absl::TimeZone zone, const std::set<absl::CivilDay>& holidays,
         DutyHours& into) {
  absl::CivilDay day = absl::ToCivilDay(piece.start, zone);
  absl::Time from = piece.start;
  while (from < piece.end) {
    const absl::Time next_day = DayStart(day + 1, zone);
    const absl::Time to = std::min(piece.end, next_day);
    if (to > from) {
      const absl::Duration d = to - from;
      switch (KindOf(day, holidays)) {
        case Kind::kWeekday:
          into.weekday += d;
          break;
        case Kind::kWeekend:
          into.weekend += d;
          break;
        case Kind::kHoliday:
          into.holiday += d;
          break;
      }
      from = to;
    }
    ++day;
  }
}

}  // namespace

std::vector<DutyHours> ComputeDutyHours(
    const std::map<std::string, std::vector<DutySlice>>& schedules,
    const std::map<std::string, absl::TimeZone>& zones, const Interval& window,
    const std::vector<PublicHoliday>& holidays) {
  std::set<absl::CivilDay> holiday_days;
  for (const PublicHoliday& h : holidays) holiday_days.insert(h.day);
  std::map<std::pair<std::string, std::string>, DutyHours> by_key;
  if (window.empty()) return {};
  for (const auto& [pool, slices] : schedules) {
    auto z = zones.find(pool);
    const absl::TimeZone zone = z == zones.end() ? absl::UTCTimeZone() : z->second;
    for (const DutySlice& s : slices) {
      const Interval piece{std::max(s.interval.start, window.start),
                           std::min(s.interval.end, window.end)};
      if (piece.empty()) continue;
      DutyHours& h = by_key[{s.person, pool}];
      h.person = s.person;
      h.pool = pool;
      Add(piece, zone, holiday_days, h);
    }
  }
  std::vector<DutyHours> out;
  out.reserve(by_key.size());
  for (auto& [key, h] : by_key) out.push_back(std::move(h));
  return out;
}

std::vector<DutyHours> SumOverPools(const std::vector<DutyHours>& hours) {
  std::map<std::string, DutyHours> by_person;
  for (const DutyHours& h : hours) {
    DutyHours& sum = by_person[h.person];
    sum.person = h.person;
    sum.weekday += h.weekday;
    sum.weekend += h.weekend;
    sum.holiday += h.holiday;
  }
  std::vector<DutyHours> out;
  out.reserve(by_person.size());
  for (auto& [person, h] : by_person) out.push_back(std::move(h));
  return out;
}

}  // namespace paraat::roster
