// SPDX-License-Identifier: EUPL-1.2
#include "common/ical/observance.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace paraat::ical {
namespace {

// The instant of a change. `to` is the first wall time after it; after a backward change
// that wall time occurs twice, and TimeInfo::trans is then the instant of the change itself.
absl::Time TransitionInstant(const absl::TimeZone& zone,
                             const absl::TimeZone::CivilTransition& transition) {
  return zone.At(transition.to).trans;
}

// The observance that starts with `transition`.
Observance FromTransition(const absl::TimeZone& zone,
                          const absl::TimeZone::CivilTransition& transition) {
  const absl::Time at = TransitionInstant(zone, transition);
  const absl::TimeZone::CivilInfo before = zone.At(at - absl::Seconds(1));
  const absl::TimeZone::CivilInfo after = zone.At(at);
  Observance observance;
  observance.daylight = after.is_dst;
  observance.onset = transition.from;
  observance.offset_from_seconds = before.offset;
  observance.offset_to_seconds = after.offset;
  observance.name = after.zone_abbr;
  return observance;
}

}  // namespace

std::vector<Observance> ObservancesCovering(const absl::TimeZone& zone, absl::Time from,
                                            absl::Time to) {
  // The changes inside (from, to]. NextTransition is strictly after its argument.
  std::vector<Observance> later;
  absl::TimeZone::CivilTransition transition;
  for (absl::Time t = from; zone.NextTransition(t, &transition);) {
    const absl::Time at = TransitionInstant(zone, transition);
    if (at > to) break;
    later.push_back(FromTransition(zone, transition));
    t = at;
  }

  // The change in effect at `from`, and older ones while no STANDARD observance is listed.
  // PrevTransition finds changes strictly before its argument's whole second (changes fall on
  // whole seconds), so the second after `from`'s finds a change at exactly `from` too.
  std::vector<Observance> earlier;  // newest first
  const auto has_standard = [](const std::vector<Observance>& observances) {
    return std::any_of(observances.begin(), observances.end(),
                       [](const Observance& o) { return !o.daylight; });
  };
  for (absl::Time t = absl::FromUnixSeconds(absl::ToUnixSeconds(from) + 1);
       zone.PrevTransition(t, &transition);) {
    earlier.push_back(FromTransition(zone, transition));
    if (has_standard(earlier) || has_standard(later)) break;
    t = TransitionInstant(zone, transition);
  }
  if (earlier.empty()) {
    // No change at or before `from`: the offset at `from` has always applied.
    const absl::TimeZone::CivilInfo at_from = zone.At(from);
    Observance always;
    always.daylight = at_from.is_dst;
    always.onset = absl::CivilSecond(absl::CivilYear(at_from.cs));
    always.offset_from_seconds = at_from.offset;
    always.offset_to_seconds = at_from.offset;
    always.name = at_from.zone_abbr;
    earlier.push_back(always);
  }

  std::vector<Observance> observances(earlier.rbegin(), earlier.rend());
  observances.insert(observances.end(), later.begin(), later.end());
  return observances;
}

}  // namespace paraat::ical
