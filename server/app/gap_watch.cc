// SPDX-License-Identifier: EUPL-1.2
#include "server/app/gap_watch.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/roster/final_schedule.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "server/log/log.h"

namespace paraat::app {

namespace {

std::string ClashMessage(roster::ClashKind kind) {
  switch (kind) {
    case roster::ClashKind::kBothPools: return "clash: on duty in both pools";
    case roster::ClashKind::kOnLeave: return "clash: on duty while on leave";
    case roster::ClashKind::kTooLittleRest: return "clash: on duty again before the rest is over";
    case roster::ClashKind::kNotEligible: return "clash: on duty but no longer eligible";
  }
  return "clash";
}

}  // namespace

absl::StatusOr<GapWatch::Found> GapWatch::Check(absl::Time now) {
  // Gaps are reported from the next whole minute so a gap does not "change" every check.
  const absl::Time from = absl::FromUnixSeconds((absl::ToUnixSeconds(now) / 60 + 1) * 60);
  const roster::Interval window{from, from + absl::Hours(24 * 90)};
  // Reaching back as far as the pools' rest rule does, so that a duty called in soon after one
  // that has ended shows as a clash of rest (and the clash is not "resolved" by that end).
  PARAAT_ASSIGN_OR_RETURN(roster::RosterSnapshot s,
                          roster_->Snapshot({from - reach_, window.end}));
  if (const absl::Duration need = roster::RestReach(s.pools); need > reach_) {
    reach_ = need;
    PARAAT_ASSIGN_OR_RETURN(s, roster_->Snapshot({from - reach_, window.end}));
  }
  std::vector<roster::Clash> clashes;
  for (roster::Clash& c : s.Clashes(s.Schedules())) {
    if (c.interval.Overlaps(window)) clashes.push_back(std::move(c));
  }
  s.window = window;
  const auto schedules = s.Schedules();
  std::set<std::string> current;
  std::map<std::string, int> per_pool;
  std::map<std::string, std::pair<std::string, std::vector<log::Field>>> details;
  for (const auto& [pool, slices] : schedules) {
    if (!s.pools.at(pool).active) continue;
    per_pool[pool] = 0;
    for (const roster::Gap& g : roster::FindGaps(slices, pool, window)) {
      ++per_pool[pool];
      // A gap is known by its end, which stays put while the checks move on (its start is cut
      // at the window's start once it has begun); the one that runs beyond the window (the
      // last, at most one per pool) is known as open.
      const bool open_ended = g.interval.end >= window.end;
      const std::string key = absl::StrCat(
          "gap/", pool, "/",
          open_ended ? std::string("open") : absl::StrCat("until-", absl::ToUnixSeconds(g.interval.end)));
      current.insert(key);
      details[key] = {"gap in pool: no one on duty",
                      {{"pool", pool},
                       {"from", time::FormatUtc(g.interval.start)},
                       {"to", g.interval.end == window.end ? std::string("(beyond 90 days)")
                                                           : time::FormatUtc(g.interval.end)}}};
    }
  }
  for (const roster::Clash& c : clashes) {
    // Known by its end: its start may be cut where the snapshot begins (or, for a duty of
    // someone no longer eligible, at now), which moves with every check.
    const std::string key =
        absl::StrCat("clash/", roster::ClashKindName(c.kind), "/", c.person, "/", c.pool, "/",
                     c.other_pool, "/", c.leave_id, "/", c.reason, "/",
                     absl::ToUnixSeconds(c.interval.end));
    current.insert(key);
    std::vector<log::Field> fields = {{"person", c.person},
                                      {"pool", c.pool},
                                      {"other_pool", c.other_pool},
                                      {"from", time::FormatUtc(c.interval.start)},
                                      {"to", time::FormatUtc(c.interval.end)},
                                      {"published", c.published ? "yes" : "no"}};
    if (c.kind == roster::ClashKind::kTooLittleRest) {
      fields.push_back({"rest_from", time::FormatUtc(c.rest.start)});
      fields.push_back({"rest_until", time::FormatUtc(c.rest.end)});
    }
    if (!c.reason.empty()) fields.push_back({"reason", c.reason});
    details[key] = {ClashMessage(c.kind), std::move(fields)};
  }
  Found found;
  for (const std::string& key : current) {
    if (known_.count(key) != 0) continue;
    ++found.appeared;
    const auto& [message, fields] = details[key];
    log::Write(log::Level::kWarning, "roster", first_ ? message : absl::StrCat("new ", message),
               fields);
  }
  for (const std::string& key : known_) {
    if (current.count(key) != 0) continue;
    ++found.resolved;
    log::Info("roster", "resolved", {{"problem", key}});
  }
  known_ = std::move(current);
  {
    std::lock_guard<std::mutex> lock(mu_);
    gaps_per_pool_ = std::move(per_pool);
  }
  first_ = false;
  found.open = static_cast<int>(known_.size());
  return found;
}

std::map<std::string, int> GapWatch::GapsPerPool() const {
  std::lock_guard<std::mutex> lock(mu_);
  return gaps_per_pool_;
}

}  // namespace paraat::app
