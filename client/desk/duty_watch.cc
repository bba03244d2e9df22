// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/duty_watch.h"

#include <algorithm>

#include "client/desk/formats.h"

namespace paraat {
namespace desk {

std::vector<DutyWatch::Key> DutyWatch::keys(const std::vector<client::Duty>& duties,
                                            absl::Time from, absl::Time to) {
  // The server cuts slices at the edges of the window asked for, so both polls are compared
  // on the same clipped window.
  std::vector<Key> out;
  for (const client::Duty& d : duties) {
    const absl::Time start = std::max(d.slice.interval.start, from);
    const absl::Time end = std::min(d.slice.interval.end, to);
    if (end <= start) continue;
    out.emplace_back(d.slice.pool, start, end, static_cast<int>(d.slice.source), d.slice.source_id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<DutyWatch::Notice> DutyWatch::update(const std::vector<client::Duty>& duties,
                                                 absl::Time now, absl::Time horizon) {
  std::vector<Notice> notices;
  if (m_primed) {
    const absl::Time until = std::min(horizon, m_lastHorizon);
    if (keys(m_last, now, until) != keys(duties, now, until)) {
      notices.push_back({Notice::Kind::Changed, tr("Your duties have changed"),
                         tr("Your coming duties have changed. Check the Duty tab.")});
    }
  }
  for (const client::Duty& d : duties) {
    const absl::Time start = d.slice.interval.start;
    if (start <= now || start > now + kLead) continue;
    // A stretch that continues another of mine (a swap inside my duty) is not a new duty.
    const bool continues = std::any_of(duties.begin(), duties.end(), [&](const client::Duty& o) {
      return o.slice.interval.end == start;
    });
    if (continues) continue;
    if (!m_reminded.insert({d.slice.pool, start}).second) continue;
    auto name = m_poolNames.find(d.slice.pool);
    // Within a day: today or tomorrow, as the calendar has it.
    const bool today = Formats::civilDay(start) == Formats::civilDay(now);
    notices.push_back(
        {Notice::Kind::Reminder, today ? tr("Duty today") : tr("Duty tomorrow"),
         tr("Your duty in pool %1 starts %2 and lasts until %3.")
             .arg(Formats::qs(name != m_poolNames.end() ? name->second : d.slice.pool),
                  Formats::shortDateTime(start), Formats::shortDateTime(d.slice.interval.end))});
  }
  m_primed = true;
  m_last = duties;
  m_lastHorizon = horizon;
  return notices;
}

void DutyWatch::reset() {
  m_primed = false;
  m_last.clear();
  m_reminded.clear();
}

}  // namespace desk
}  // namespace paraat
