// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/holidays.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/roster/public_holidays.h"

namespace paraat::roster::solver {

absl::CivilDay KingsDay(int year) {
  const absl::CivilDay day(year, 4, 27);
  return absl::GetWeekday(day) == absl::Weekday::sunday ? day - 1 : day;
}

std::vector<Holiday> DutchHolidays(int first_year, int last_year) {
  std::vector<Holiday> out;
  for (int year = first_year; year <= last_year; ++year) {
    const absl::CivilDay easter = EasterSundayOf(year);
    out.push_back({"Oud en nieuw", absl::CivilDay(year - 1, 12, 31), absl::CivilDay(year, 1, 1)});
    out.push_back({"Carnaval", easter - 49, easter - 47});
    out.push_back({"Pasen", easter, easter + 1});
    out.push_back({"Koningsdag", KingsDay(year), KingsDay(year)});
    out.push_back({"Hemelvaart", easter + 39, easter + 39});
    out.push_back({"Pinksteren", easter + 49, easter + 50});
    out.push_back({"Kerst", absl::CivilDay(year, 12, 24), absl::CivilDay(year, 12, 26)});
  }
  if (last_year >= first_year) {
    out.push_back(
        {"Oud en nieuw", absl::CivilDay(last_year, 12, 31), absl::CivilDay(last_year + 1, 1, 1)});
  }
  return out;
}

absl::Status ValidateHolidays(const std::vector<Holiday>& holidays) {
  for (size_t i = 0; i < holidays.size(); ++i) {
    const Holiday& h = holidays[i];
    const std::string what =
        absl::StrFormat("holiday %d ('%s', %s - %s)", i + 1, h.name, absl::FormatCivilTime(h.first),
                        absl::FormatCivilTime(h.last));
    if (h.name.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " has no name"));
    if (h.last < h.first) {
      return absl::InvalidArgumentError(absl::StrCat(what, " ends before it starts"));
    }
    if (h.last - h.first + 1 > kMaxHolidayDays) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " is longer than ", kMaxHolidayDays, " days"));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> HolidaysOverlapping(const Interval& slot, absl::TimeZone zone,
                                             const std::vector<Holiday>& holidays) {
  std::vector<std::string> names;
  if (slot.empty()) return names;
  // The civil dates the slot touches: from the date of its start to the date of its last
  // instant (the end is exclusive, so a slot ending at midnight does not touch that day).
  const absl::CivilDay first = absl::ToCivilDay(slot.start, zone);
  const absl::CivilDay last = absl::ToCivilDay(slot.end - absl::Nanoseconds(1), zone);
  for (const Holiday& h : holidays) {
    if (h.first <= last && first <= h.last &&
        std::find(names.begin(), names.end(), h.name) == names.end()) {
      names.push_back(h.name);
    }
  }
  return names;
}

}  // namespace paraat::roster::solver
