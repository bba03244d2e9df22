// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/duty_calendar.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/time/civil.h"

namespace paraat::roster {

namespace {

constexpr absl::Duration kDay = absl::Hours(24);
constexpr char kProductId[] = "-//Paraat//Paraat piket//NL";
// How often calendar clients are asked to fetch the feed again.
constexpr absl::Duration kRefresh = absl::Minutes(15);

const ScheduleRecord* FindRecord(const ScheduleHistory& h, Source kind, int64_t id) {
  for (const ScheduleRecord& r : h.records) {
    if (r.kind == kind && r.id == id) return &r;
  }
  return nullptr;
}

bool AnyOverlap(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  for (const Interval& x : a) {
    for (const Interval& y : b) {
      if (x.Overlaps(y)) return true;
    }
  }
  return false;
}

absl::Time Latest(const std::map<std::string, absl::Time>& m, const std::string& key,
                  absl::Time t) {
  auto it = m.find(key);
  return it == m.end() ? t : std::max(t, it->second);
}

std::string PersonName(const RosterSnapshot& s, const std::string& key) {
  auto it = s.people.find(key);
  return it == s.people.end() || it->second.name.empty() ? key : it->second.name;
}

std::string SourceText(const RosterSnapshot& s, const DutySlice& d) {
  std::string text;
  switch (d.source) {
    case Source::kRoster:
      text = absl::StrCat("rooster (dienst ", d.source_id, ")");
      break;
    case Source::kSwap:
      text = absl::StrCat("ruil ", d.source_id);
      break;
    case Source::kOverride:
      text = absl::StrCat("noodinzet (override ", d.source_id, ")");
      break;
  }
  if (d.source != Source::kRoster && !d.rostered.empty()) {
    absl::StrAppend(&text, "; geroosterd: ", PersonName(s, d.rostered));
  }
  return text;
}

ical::Event EventOf(const RosterSnapshot& s, const ScheduleHistory& h, const DutySlice& d) {
  const DutyRevision rev = RevisionOf(d, h);
  const auto pool = s.pools.find(d.pool);
  const std::string pool_name =
      pool == s.pools.end() || pool->second.name.empty() ? d.pool : pool->second.name;
  ical::Event e;
  e.uid = rev.uid;
  e.sequence = rev.sequence;
  e.start = absl::FromUnixSeconds(absl::ToUnixSeconds(d.interval.start));
  e.end = absl::FromUnixSeconds(absl::ToUnixSeconds(d.interval.end));
  e.stamp = rev.modified;
  e.last_modified = rev.modified;
  // A duty of a draft roster (not yet published) is planned, not final; an override is final.
  e.tentative = d.source != Source::kOverride && !d.published;
  // Leave of the person on duty during the duty: whoever reads the calendar to decide whom to
  // call must see it (the reason stays private).
  std::vector<std::string> away;
  for (const Leave& l : s.leave) {
    if (l.person != d.person || !l.interval.Overlaps(d.interval)) continue;
    away.push_back(absl::StrCat("van ", time::FormatLocal(l.interval.start), " tot ",
                                time::FormatLocal(l.interval.end)));
  }
  e.summary = absl::StrCat("Piket ", pool_name, ": ", PersonName(s, d.person),
                           away.empty() ? "" : " (afwezig)", e.tentative ? " (concept)" : "");
  std::string phone;
  if (auto p = s.people.find(d.person); p != s.people.end()) phone = p->second.phone;
  e.description = absl::StrCat(
      "Dienst: ", PersonName(s, d.person), "\nTelefoon: ", phone.empty() ? "onbekend" : phone,
      "\nBron: ", SourceText(s, d), "\nPool: ", pool_name,
      e.tentative ? "\nStatus: concept, nog niet gepubliceerd" : "",
      away.empty() ? ""
                   : absl::StrCat("\nLet op: afwezig ", absl::StrJoin(away, "; "),
                                  "; regel vervanging"));
  e.categories = {"Piket", pool_name};
  return e;
}

}  // namespace

absl::string_view FeedKindName(FeedKind k) { return k == FeedKind::kPool ? "pool" : "person"; }

Interval FeedRange(absl::Time now) { return {now - 31 * kDay, now + 400 * kDay}; }

Interval FeedReadWindow(absl::Time now) {
  const Interval r = FeedRange(now);
  return {r.start - 62 * kDay, r.end + 62 * kDay};
}

DutyRevision RevisionOf(const DutySlice& slice, const ScheduleHistory& history) {
  DutyRevision rev;
  rev.uid = absl::StrCat(
      SourceName(slice.source), "-", slice.source_id, "-", slice.pool, "-",
      absl::FormatTime("%Y%m%dT%H%M%SZ", slice.interval.start, absl::UTCTimeZone()), "@paraat");
  const ScheduleRecord* source = FindRecord(history, slice.source, slice.source_id);
  absl::Time created = absl::UnixEpoch();
  absl::Time changed = absl::UnixEpoch();
  if (source != nullptr) {
    created = source->created;
    changed = std::max(source->created, source->changed);
    // The source's own span that this slice lies in (a swap has two).
    std::vector<Interval> span;
    for (const Interval& i : source->spans) {
      if (i.Overlaps(slice.interval)) span.push_back(i);
    }
    if (span.empty()) span = source->spans;
    for (const ScheduleRecord& r : history.records) {
      if (r.pool == slice.pool && AnyOverlap(r.spans, span)) changed = std::max(changed, r.changed);
    }
    for (const LeaveRecord& l : history.leave) {
      if (l.person == slice.person && l.interval.Overlaps(slice.interval)) {
        changed = std::max(changed, l.changed);
      }
    }
  }
  if (changed > created) {
    const int64_t seconds = absl::ToInt64Seconds(absl::Ceil(changed - created, absl::Seconds(1)));
    rev.sequence =
        static_cast<int>(std::min<int64_t>(seconds, std::numeric_limits<int32_t>::max()));
  }
  changed = Latest(history.person_changed, slice.person, changed);
  changed = Latest(history.pool_changed, slice.pool, changed);
  rev.modified = changed;
  return rev;
}

absl::StatusOr<ical::Calendar> DutyCalendar(const RosterSnapshot& snapshot,
                                            const ScheduleHistory& history,
                                            const FeedTarget& target, const Interval& range) {
  ical::Calendar cal;
  cal.product_id = kProductId;
  cal.refresh_interval = kRefresh;
  cal.shows_from = range.start;
  cal.shows_until = range.end;
  std::vector<DutySlice> slices;
  if (target.kind == FeedKind::kPool) {
    auto pool = snapshot.pools.find(target.key);
    if (pool == snapshot.pools.end()) {
      return absl::NotFoundError(absl::StrCat("unknown pool '", target.key, "'"));
    }
    cal.name = absl::StrCat("Piket ", pool->second.name.empty() ? target.key : pool->second.name);
    cal.time_zone = pool->second.time_zone;
    slices = snapshot.Schedule(target.key);
  } else {
    if (snapshot.people.count(target.key) == 0) {
      return absl::NotFoundError(absl::StrCat("unknown person '", target.key, "'"));
    }
    cal.name = absl::StrCat("Piket ", PersonName(snapshot, target.key));
    std::set<std::string> zones;
    for (const auto& [key, pool_slices] : snapshot.Schedules()) {
      for (const DutySlice& d : pool_slices) {
        if (d.person != target.key) continue;
        slices.push_back(d);
        zones.insert(snapshot.pools.at(key).time_zone);
      }
    }
    cal.time_zone = zones.size() == 1 ? *zones.begin() : std::string(time::kDefaultZone);
    std::sort(slices.begin(), slices.end(), [](const DutySlice& a, const DutySlice& b) {
      return a.interval.start != b.interval.start ? a.interval.start < b.interval.start
                                                  : a.pool < b.pool;
    });
  }
  for (const DutySlice& d : slices) {
    if (!d.interval.Overlaps(range)) continue;
    ical::Event e = EventOf(snapshot, history, d);
    if (e.end <= e.start) continue;  // shorter than a second once floored
    cal.events.push_back(std::move(e));
  }
  return cal;
}

ical::Calendar RevokedLinkCalendar(int64_t link_id, absl::Time revoked, absl::Time now) {
  const absl::TimeZone zone = time::DefaultZone();
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  ical::Calendar cal;
  cal.product_id = kProductId;
  cal.refresh_interval = kRefresh;
  cal.name = "Piket (agendalink ingetrokken)";
  cal.time_zone = std::string(time::kDefaultZone);
  ical::Event e;
  e.uid = absl::StrCat("feed-link-", link_id, "-revoked@paraat");
  e.start = absl::FromCivil(today, zone);
  e.end = absl::FromCivil(today + 1, zone);
  e.sequence = static_cast<int>(std::max<int64_t>(0, (today - absl::ToCivilDay(revoked, zone))));
  // The same bytes all day (so the ETag spares the body): stamped at the start of the day.
  e.stamp = e.start;
  e.summary = "Paraat: deze agendalink werkt niet meer";
  e.description = absl::StrCat(
      "Deze agendalink van Paraat is op ", time::FormatLocal(revoked, zone),
      " ingetrokken of vervangen door een nieuwe. De piketdiensten staan daarom niet meer in "
      "deze agenda.\nMaak in Paraat een nieuwe link (in Paraat Desk: Agenda-link kopiëren; of "
      "paraat roster feed-link), abonneer u daarop en verwijder dit abonnement.");
  e.categories = {"Piket"};
  cal.events.push_back(std::move(e));
  cal.shows_from = cal.events.front().start;
  cal.shows_until = cal.events.front().end;
  return cal;
}

}  // namespace paraat::roster
