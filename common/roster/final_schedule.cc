// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/final_schedule.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <tuple>
#include <utility>

namespace paraat::roster {

absl::string_view SourceName(Source s) {
  switch (s) {
    case Source::kRoster: return "roster";
    case Source::kSwap: return "swap";
    case Source::kOverride: return "override";
  }
  return "roster";
}

namespace {

// An input of the pool clipped to the window; `index` is its position in the input.
struct Span {
  absl::Time start;
  absl::Time end;
  size_t index;
};

template <typename T>
std::vector<Span> SpansIn(const std::vector<T>& items, absl::string_view pool,
                          const Interval& window) {
  std::vector<Span> out;
  for (size_t i = 0; i < items.size(); ++i) {
    const Interval& iv = items[i].interval;
    if (items[i].pool != pool || iv.empty() || !iv.Overlaps(window)) continue;
    out.push_back({std::max(iv.start, window.start), std::min(iv.end, window.end), i});
  }
  std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) {
    return a.start != b.start ? a.start < b.start : a.index < b.index;
  });
  return out;
}

// The spans that cover the elementary interval starting at the current cut, kept by
// input position. Few are active at once (one shift, a handful of swaps and overrides), so a
// sorted vector beats any tree.
class ActiveSpans {
 public:
  explicit ActiveSpans(std::vector<Span> spans) : spans_(std::move(spans)) {}

  void AdvanceTo(absl::Time cut) {
    std::erase_if(active_, [&](const Span& s) { return s.end <= cut; });
    for (; next_ < spans_.size() && spans_[next_].start <= cut; ++next_) {
      const Span& s = spans_[next_];
      if (s.end <= cut) continue;
      active_.insert(
          std::upper_bound(active_.begin(), active_.end(), s,
                           [](const Span& a, const Span& b) { return a.index < b.index; }),
          s);
    }
  }
  const std::vector<Span>& active() const { return active_; }
  void AddCuts(std::vector<absl::Time>& cuts) const {
    for (const Span& s : spans_) {
      cuts.push_back(s.start);
      cuts.push_back(s.end);
    }
  }

 private:
  std::vector<Span> spans_;  // by start
  size_t next_ = 0;
  std::vector<Span> active_;  // by index
};

// Decides one elementary interval in which no input starts or ends, from the inputs that
// cover it (each list in input order).
std::optional<DutySlice> Decide(const ScheduleInput& in, absl::string_view pool,
                                const std::vector<Span>& shifts,
                                const std::vector<Span>& replacements,
                                const std::vector<Span>& overrides, const Interval& e) {
  DutySlice s;
  bool have = false;
  // Roster: the shift covering the interval (the latest id if an overlap slipped in; the
  // first in input order among equal ids).
  const RosterShift* shift = nullptr;
  for (const Span& sp : shifts) {
    const RosterShift& sh = in.shifts[sp.index];
    if (shift == nullptr || sh.id > shift->id) shift = &sh;
  }
  if (shift != nullptr) {
    s.pool = shift->pool;
    s.person = shift->person;
    s.source = Source::kRoster;
    s.source_id = shift->id;
    s.shift_id = shift->id;
    s.published = shift->published;
    s.rostered = shift->person;
    have = true;
    // Approved swaps, in order: each replaces its giver where the giver is on duty.
    for (const Span& sp : replacements) {
      const Replacement& r = in.replacements[sp.index];
      if (r.from != s.person) continue;
      s.person = r.to;
      s.source = Source::kSwap;
      s.source_id = r.swap_id;
    }
  }
  // Overrides on top; the latest wins.
  const Override* top = nullptr;
  for (const Span& sp : overrides) {
    const Override& o = in.overrides[sp.index];
    if (top == nullptr || o.id > top->id) top = &o;
  }
  if (top != nullptr) {
    if (!have) {
      s.pool = std::string(pool);
      s.shift_id = 0;
      s.published = false;
    }
    s.person = top->person;
    s.source = Source::kOverride;
    s.source_id = top->id;
    have = true;
  }
  if (!have) return std::nullopt;
  s.interval = e;
  return s;
}

bool SameStretch(const DutySlice& a, const DutySlice& b) {
  return a.interval.end == b.interval.start && a.person == b.person && a.source == b.source &&
         a.source_id == b.source_id && a.shift_id == b.shift_id;
}

}  // namespace

// A sweep over the cuts (every start and end inside the window): the inputs are sorted once
// and each keeps a short list of what covers the current elementary interval, so the cost
// is O(n log n) plus the overlaps, not O(cuts x inputs).
std::vector<DutySlice> ResolvePool(const ScheduleInput& in, absl::string_view pool,
                                   const Interval& window) {
  std::vector<DutySlice> out;
  if (window.empty()) return out;
  ActiveSpans shifts(SpansIn(in.shifts, pool, window));
  ActiveSpans replacements(SpansIn(in.replacements, pool, window));
  ActiveSpans overrides(SpansIn(in.overrides, pool, window));
  std::vector<absl::Time> cuts = {window.start, window.end};
  shifts.AddCuts(cuts);
  replacements.AddCuts(cuts);
  overrides.AddCuts(cuts);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    shifts.AdvanceTo(cuts[i]);
    replacements.AdvanceTo(cuts[i]);
    overrides.AdvanceTo(cuts[i]);
    std::optional<DutySlice> s = Decide(in, pool, shifts.active(), replacements.active(),
                                        overrides.active(), {cuts[i], cuts[i + 1]});
    if (!s.has_value()) continue;
    if (!out.empty() && SameStretch(out.back(), *s)) {
      out.back().interval.end = s->interval.end;
    } else {
      out.push_back(std::move(*s));
    }
  }
  return out;
}

// The stretch around `t` can reach beyond the shift or override that decides `t` only when
// ids repeat (shifts not yet stored have id 0), so start with that input's interval (and a
// nanosecond either side, to see that the stretch ends with it) and widen the window until
// the stretch ends inside it.
std::optional<DutySlice> OnDutyAt(const ScheduleInput& input, absl::string_view pool,
                                  absl::Time t) {
  Interval w{t, t + absl::Nanoseconds(1)};
  std::vector<DutySlice> at = ResolvePool(input, pool, w);
  if (at.empty()) return std::nullopt;
  const DutySlice& decided = at.front();
  if (decided.source == Source::kOverride) {
    for (const Override& o : input.overrides) {
      if (o.pool == pool && o.id == decided.source_id && o.interval.Contains(t)) {
        w = {o.interval.start - absl::Nanoseconds(1), o.interval.end + absl::Nanoseconds(1)};
        break;
      }
    }
  } else {
    for (const RosterShift& s : input.shifts) {
      if (s.pool == pool && s.id == decided.shift_id && s.interval.Contains(t)) {
        w = {s.interval.start - absl::Nanoseconds(1), s.interval.end + absl::Nanoseconds(1)};
        break;
      }
    }
  }
  for (;;) {
    std::vector<DutySlice> slices = ResolvePool(input, pool, w);
    auto it = std::find_if(slices.begin(), slices.end(),
                           [&](const DutySlice& s) { return s.interval.Contains(t); });
    if (it == slices.end()) return std::nullopt;  // unreachable: `t` is covered
    const bool open_before = it->interval.start == w.start && w.start != absl::InfinitePast();
    const bool open_after = it->interval.end == w.end && w.end != absl::InfiniteFuture();
    if (!open_before && !open_after) return std::move(*it);
    const absl::Duration grow = std::max(w.end - w.start, absl::Hours(1));
    if (open_before) w.start -= grow;
    if (open_after) w.end += grow;
  }
}

OnCall OnCallAt(const std::vector<DutySlice>& slices, absl::Time at, absl::Time until) {
  OnCall out;
  if (until <= at) return out;
  auto clipped = [&](const DutySlice& s) {
    DutySlice c = s;
    c.interval = {std::max(s.interval.start, at), std::min(s.interval.end, until)};
    return c;
  };
  // The first slice that ends after `at`; slices are ordered and do not overlap.
  auto it = std::upper_bound(slices.begin(), slices.end(), at,
                             [](absl::Time t, const DutySlice& s) { return t < s.interval.end; });
  if (it == slices.end() || it->interval.start >= until) return out;
  if (it->interval.start <= at) {
    out.current = clipped(*it);
    absl::Time end = it->interval.end;
    for (++it; it != slices.end() && it->interval.start == end && it->person == out.current->person;
         ++it) {
      end = it->interval.end;
    }
    out.handover = std::min(end, until);
  } else {
    out.gap_until = it->interval.start;
  }
  if (it != slices.end() && it->interval.start < until) out.next = clipped(*it);
  return out;
}

std::optional<Interval> LeaveAt(const std::vector<Leave>& leave, absl::string_view person,
                                absl::Time at) {
  std::optional<Interval> out;
  for (const Leave& l : leave) {
    if (l.person != person || !l.interval.Contains(at)) continue;
    if (!out) out = l.interval;
    out->start = std::min(out->start, l.interval.start);
    out->end = std::max(out->end, l.interval.end);
  }
  // Leave that follows on (touching or overlapping), until none does.
  for (bool grew = out.has_value(); grew;) {
    grew = false;
    for (const Leave& l : leave) {
      if (l.person == person && l.interval.start <= out->end && l.interval.end > out->end) {
        out->end = l.interval.end;
        grew = true;
      }
    }
  }
  return out;
}

std::vector<Gap> FindGaps(const std::vector<DutySlice>& slices, absl::string_view pool,
                          const Interval& window) {
  std::vector<Gap> out;
  absl::Time cursor = window.start;
  for (const DutySlice& s : slices) {
    if (s.interval.end <= window.start || s.interval.start >= window.end) continue;
    if (s.interval.start > cursor) out.push_back({std::string(pool), {cursor, s.interval.start}});
    cursor = std::max(cursor, s.interval.end);
  }
  if (cursor < window.end) out.push_back({std::string(pool), {cursor, window.end}});
  return out;
}

absl::string_view ClashKindName(ClashKind k) {
  switch (k) {
    case ClashKind::kBothPools: return "both_pools";
    case ClashKind::kOnLeave: return "on_leave";
    case ClashKind::kTooLittleRest: return "too_little_rest";
    case ClashKind::kNotEligible: return "not_eligible";
  }
  return "both_pools";
}

namespace {

// One person's duty for the rest rule: what they hold of one roster shift.
struct RestDuty {
  std::string pool;
  Interval interval;
  bool published = false;
};

void AddRestClashes(const std::map<std::string, std::vector<DutySlice>>& by_pool,
                    const std::map<std::string, RestRule>& rest, std::vector<Clash>& out) {
  if (rest.empty()) return;
  std::map<std::string, std::vector<RestDuty>> duties;  // person -> duties
  for (const auto& [pool, slices] : by_pool) {
    // The slices one person holds of one roster shift, or of one override (which the roster's
    // shifts underneath cut into pieces), are one duty: join them, transitively.
    std::vector<size_t> parent(slices.size());
    for (size_t i = 0; i < slices.size(); ++i) parent[i] = i;
    auto root = [&](size_t i) {
      while (parent[i] != i) i = parent[i] = parent[parent[i]];
      return i;
    };
    std::map<std::tuple<std::string, int, int64_t>, size_t> first;  // (person, kind, id) -> slice
    for (size_t i = 0; i < slices.size(); ++i) {
      const DutySlice& x = slices[i];
      auto join = [&](int kind, int64_t id) {
        auto [it, added] = first.try_emplace({x.person, kind, id}, i);
        if (!added) parent[root(i)] = root(it->second);
      };
      if (x.shift_id != 0) join(0, x.shift_id);
      if (x.source == Source::kOverride) join(1, x.source_id);
    }
    // An override that runs on into another duty of the same person (their own week, a swap,
    // another override for them) extends that duty: the moment one ends and the other begins
    // is no rest. Two of the person's own roster shifts stay two duties, also with an override
    // between them (that is what the rule is for). The slices of a pool are ordered and do not
    // overlap.
    std::map<size_t, int64_t> own;  // root -> the person's own roster shift in it (0: none)
    for (size_t i = 0; i < slices.size(); ++i) {
      if (slices[i].shift_id != 0 && slices[i].rostered == slices[i].person) {
        own[root(i)] = slices[i].shift_id;
      }
    }
    std::map<std::string, size_t> previous;  // person -> their latest slice so far
    for (size_t i = 0; i < slices.size(); ++i) {
      const DutySlice& x = slices[i];
      auto [it, added] = previous.try_emplace(x.person, i);
      if (added) continue;
      const DutySlice& before = slices[it->second];
      const size_t a = root(it->second), b = root(i);
      const int64_t own_a = own.count(a) ? own[a] : 0, own_b = own.count(b) ? own[b] : 0;
      if (a != b && before.interval.end == x.interval.start &&
          (before.source == Source::kOverride || x.source == Source::kOverride) &&
          (own_a == 0 || own_b == 0 || own_a == own_b)) {
        parent[b] = a;
        own[a] = own_a != 0 ? own_a : own_b;
      }
      it->second = i;
    }
    std::map<size_t, RestDuty> joined;  // root -> duty
    for (size_t i = 0; i < slices.size(); ++i) {
      const DutySlice& x = slices[i];
      auto [it, added] = joined.try_emplace(root(i), RestDuty{pool, x.interval, x.published});
      if (added) continue;
      RestDuty& d = it->second;
      d.interval.start = std::min(d.interval.start, x.interval.start);
      d.interval.end = std::max(d.interval.end, x.interval.end);
      d.published = d.published || x.published;
    }
    for (auto& [r, d] : joined) duties[slices[r].person].push_back(std::move(d));
  }
  for (auto& [person, mine] : duties) {
    std::sort(mine.begin(), mine.end(), [](const RestDuty& a, const RestDuty& b) {
      return a.interval.start != b.interval.start ? a.interval.start < b.interval.start
                                                  : a.pool < b.pool;
    });
    // Each duty that starts inside the rest after an earlier one is one clash, against the
    // earlier duty whose rest ends last.
    for (size_t j = 1; j < mine.size(); ++j) {
      const RestDuty& later = mine[j];
      const RestDuty* earlier = nullptr;
      absl::Time rest_end;
      for (size_t i = 0; i < j; ++i) {
        // Overlapping duties are in two pools at once: that clash is reported as such.
        if (mine[i].interval.end > later.interval.start) continue;
        auto rule = rest.find(mine[i].pool);
        if (rule == rest.end()) continue;
        const absl::Time end = rule->second.RestEndAfter(mine[i].interval.end);
        if (end > later.interval.start && (earlier == nullptr || end > rest_end)) {
          earlier = &mine[i];
          rest_end = end;
        }
      }
      if (earlier == nullptr) continue;
      // Published when the duty inside the rest is: that is the one an officer was told.
      out.push_back({ClashKind::kTooLittleRest, person,
                     {later.interval.start, std::min(later.interval.end, rest_end)}, later.pool,
                     earlier->pool, 0, later.published, {earlier->interval.end, rest_end}, ""});
    }
  }
}

}  // namespace

std::vector<Clash> FindClashes(const std::map<std::string, std::vector<DutySlice>>& by_pool,
                               const std::vector<Leave>& leave,
                               const std::map<std::string, RestRule>& rest) {
  std::vector<Clash> out;
  for (auto a = by_pool.begin(); a != by_pool.end(); ++a) {
    for (auto b = std::next(a); b != by_pool.end(); ++b) {
      for (const DutySlice& x : a->second) {
        for (const DutySlice& y : b->second) {
          if (x.person != y.person || !x.interval.Overlaps(y.interval)) continue;
          out.push_back({ClashKind::kBothPools, x.person,
                         {std::max(x.interval.start, y.interval.start),
                          std::min(x.interval.end, y.interval.end)},
                         a->first, b->first, 0, x.published || y.published, {}, ""});
        }
      }
    }
  }
  for (const auto& [pool, slices] : by_pool) {
    for (const DutySlice& x : slices) {
      for (const Leave& l : leave) {
        if (l.person != x.person || !l.interval.Overlaps(x.interval)) continue;
        out.push_back({ClashKind::kOnLeave, x.person,
                       {std::max(x.interval.start, l.interval.start),
                        std::min(x.interval.end, l.interval.end)},
                       pool, "", l.id, x.published, {}, ""});
      }
    }
  }
  AddRestClashes(by_pool, rest, out);
  // A total order, so that the same clashes always come out in the same order.
  std::sort(out.begin(), out.end(), [](const Clash& a, const Clash& b) {
    if (a.interval.start != b.interval.start) return a.interval.start < b.interval.start;
    if (a.person != b.person) return a.person < b.person;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.pool != b.pool) return a.pool < b.pool;
    if (a.other_pool != b.other_pool) return a.other_pool < b.other_pool;
    if (a.leave_id != b.leave_id) return a.leave_id < b.leave_id;
    if (a.interval.end != b.interval.end) return a.interval.end < b.interval.end;
    return a.rest.start < b.rest.start;
  });
  return out;
}

std::optional<DutySlice> BusyElsewhere(
    const std::map<std::string, std::vector<DutySlice>>& schedules, absl::string_view person,
    const Interval& i, absl::string_view except_pool) {
  for (const auto& [pool, slices] : schedules) {
    if (pool == except_pool) continue;
    for (const DutySlice& s : slices) {
      if (s.person == person && s.interval.Overlaps(i)) return s;
    }
  }
  return std::nullopt;
}

}  // namespace paraat::roster
