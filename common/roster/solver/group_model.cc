// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/solver/group_model.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/time/civil.h"

namespace paraat::roster::solver {

namespace {

// A fixed slot or a context duty of one person.
struct FixedDuty {
  int pool = 0;
  int slot = -1;  // -1: context duty
  Interval interval;
  absl::Time rest_end;
};

Blocker DutyBlocker(const std::string& person, const Interval& slot, const Interval& duty,
                    const std::string& pool, int duty_slot, bool fixed) {
  Blocker b;
  b.person = person;
  b.interval = duty;
  b.pool = pool;
  b.slot = duty_slot;
  b.fixed = fixed;
  if (slot.Overlaps(duty)) {
    b.reason = BlockReason::kOnDutySameTime;
  } else if (duty.end <= slot.start) {
    b.reason = BlockReason::kRestingAfterDuty;
  } else {
    b.reason = BlockReason::kRestingBeforeDuty;
  }
  return b;
}

}  // namespace

Candidates FindCandidates(const PreparedProblem& prepared) {
  const RosterProblem& problem = prepared.problem();
  absl::flat_hash_map<std::string, std::vector<FixedDuty>> fixed;
  for (int p = 0; p < prepared.num_pools(); ++p) {
    const PoolProblem& pool = problem.pools[p];
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      if (pool.slots[s].fixed_person.empty()) continue;
      fixed[pool.slots[s].fixed_person].push_back(
          {p, s, pool.slots[s].interval, prepared.pool(p).slot_rest_end[s]});
    }
    for (int c = 0; c < static_cast<int>(pool.context.size()); ++c) {
      fixed[pool.context[c].person].push_back(
          {p, -1, pool.context[c].interval, prepared.pool(p).context_rest_end[c]});
    }
  }
  Candidates out;
  out.members.resize(problem.pools.size());
  out.blockers.resize(problem.pools.size());
  for (int p = 0; p < prepared.num_pools(); ++p) {
    const PoolProblem& pool = problem.pools[p];
    const PreparedPool& pp = prepared.pool(p);
    out.members[p].resize(pool.slots.size());
    out.blockers[p].resize(pool.slots.size());
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      if (!pool.slots[s].fixed_person.empty()) continue;
      const Interval& slot = pool.slots[s].interval;
      out.blockers[p][s].resize(pool.members.size());
      for (int m = 0; m < static_cast<int>(pool.members.size()); ++m) {
        const std::string& person = pool.members[m];
        std::vector<Blocker>& why = out.blockers[p][s][m];
        if (const Leave* leave = prepared.LeaveDuring(person, slot); leave != nullptr) {
          Blocker b;
          b.person = person;
          b.reason = BlockReason::kOnLeave;
          b.interval = leave->interval;
          b.leave_reason = leave->reason;
          why.push_back(std::move(b));
        }
        if (auto it = fixed.find(person); it != fixed.end()) {
          for (const FixedDuty& d : it->second) {
            if (TooClose(slot, pp.slot_rest_end[s], d.interval, d.rest_end)) {
              why.push_back(
                  DutyBlocker(person, slot, d.interval, problem.pools[d.pool].key, d.slot, true));
            }
          }
        }
        if (why.empty()) out.members[p][s].push_back(m);
      }
    }
  }
  return out;
}

std::vector<std::vector<int>> PoolGroups(const RosterProblem& problem) {
  std::vector<int> parent(problem.pools.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  absl::flat_hash_map<std::string, int> first_pool;
  for (int p = 0; p < static_cast<int>(problem.pools.size()); ++p) {
    for (const std::string& member : problem.pools[p].members) {
      auto [it, inserted] = first_pool.try_emplace(member, p);
      if (!inserted) parent[find(p)] = find(it->second);
    }
  }
  std::vector<std::vector<int>> groups;
  absl::flat_hash_map<int, int> group_of_root;
  for (int p = 0; p < static_cast<int>(problem.pools.size()); ++p) {
    auto [it, inserted] = group_of_root.try_emplace(find(p), static_cast<int>(groups.size()));
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(p);
  }
  return groups;
}

GroupModel::GroupModel(const PreparedProblem& prepared, const Candidates& candidates,
                       std::vector<int> pools)
    : prepared_(prepared), candidates_(candidates), pools_(std::move(pools)) {
  const RosterProblem& problem = prepared.problem();
  slot_x_.resize(pools_.size());
  member_x_.resize(pools_.size());
  for (size_t lp = 0; lp < pools_.size(); ++lp) {
    const int p = pools_[lp];
    const PoolProblem& pool = problem.pools[p];
    slot_x_[lp].resize(pool.slots.size());
    member_x_[lp].resize(pool.members.size());
    for (int m = 0; m < static_cast<int>(pool.members.size()); ++m) {
      person_entries_[pool.members[m]].push_back({static_cast<int>(lp), m});
    }
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      if (!pool.slots[s].fixed_person.empty()) continue;
      free_slots_.push_back({static_cast<int>(lp), s});
      if (candidates.members[p][s].empty()) has_empty_slot_ = true;
      for (int m : candidates.members[p][s]) {
        const int id = static_cast<int>(x_.size());
        x_.push_back({static_cast<int>(lp), s, m});
        slot_x_[lp][s].push_back(id);
        member_x_[lp][m].push_back(id);
      }
    }
  }
}

std::vector<std::string> GroupModel::PoolKeys() const {
  std::vector<std::string> keys;
  for (int p : pools_) keys.push_back(prepared_.problem().pools[p].key);
  return keys;
}

const Interval& GroupModel::SlotInterval(int id) const {
  return prepared_.problem().pools[pools_[x_[id].pool]].slots[x_[id].slot].interval;
}

absl::Time GroupModel::SlotRestEnd(int id) const {
  return prepared_.pool(pools_[x_[id].pool]).slot_rest_end[x_[id].slot];
}

void GroupModel::AddHardRules(Mip* mip, std::vector<int>* slack) const {
  for (size_t i = 0; i < x_.size(); ++i) mip->AddColumn(0, 1, 0, true);
  for (const auto& [lp, s] : free_slots_) {
    std::vector<std::pair<int, double>> terms;
    for (int id : slot_x_[lp][s]) terms.push_back({id, 1.0});
    if (slack != nullptr) {
      const int u = mip->AddColumn(0, 1, 1, true);
      slack->push_back(u);
      terms.push_back({u, 1.0});
    }
    mip->AddRow(1, 1, terms);
  }
  for (size_t lp = 0; lp < pools_.size(); ++lp) {
    for (const std::vector<int>& xs : member_x_[lp]) {
      // Slots in time order have rest ends in time order too, so the slots after slot i
      // that clash with it form a run, and the run is a clique (all pairs clash). A run
      // inside the previous one adds nothing.
      size_t previous_last = 0;
      bool have_previous = false;
      for (size_t i = 0; i < xs.size(); ++i) {
        size_t last = i;
        while (last + 1 < xs.size() && SlotInterval(xs[last + 1]).start < SlotRestEnd(xs[i])) {
          ++last;
        }
        if (last == i || (have_previous && last <= previous_last)) continue;
        previous_last = last;
        have_previous = true;
        std::vector<std::pair<int, double>> terms;
        for (size_t j = i; j <= last; ++j) terms.push_back({xs[j], 1.0});
        mip->AddRow(-Mip::kInfinity, 1, terms);
      }
    }
  }
  for (const auto& [person, entries] : person_entries_) {
    for (size_t a = 0; a < entries.size(); ++a) {
      for (size_t b = a + 1; b < entries.size(); ++b) {
        for (int xa : member_x_[entries[a].first][entries[a].second]) {
          for (int xb : member_x_[entries[b].first][entries[b].second]) {
            if (TooClose(SlotInterval(xa), SlotRestEnd(xa), SlotInterval(xb), SlotRestEnd(xb))) {
              mip->AddRow(-Mip::kInfinity, 1, {{xa, 1.0}, {xb, 1.0}});
            }
          }
        }
      }
    }
  }
}

int64_t GroupModel::MaxDuties(const std::vector<int>& xs) const {
  // Earliest rest end first is optimal for intervals; slots in time order are in that order.
  int64_t count = 0;
  absl::Time free_from = absl::InfinitePast();
  for (int id : xs) {
    if (SlotInterval(id).start >= free_from) {
      ++count;
      free_from = SlotRestEnd(id);
    }
  }
  return count;
}

std::vector<GroupModel::Counter> GroupModel::AddFairness(Mip* mip, int64_t* constant) const {
  std::vector<Counter> counters;
  *constant = 0;
  for (size_t lp = 0; lp < pools_.size(); ++lp) {
    const int p = pools_[lp];
    const PoolProblem& pool = prepared_.problem().pools[p];
    const PreparedPool& pp = prepared_.pool(p);
    for (int m = 0; m < static_cast<int>(pool.members.size()); ++m) {
      for (bool holiday : {false, true}) {
        Counter c;
        c.share_scaled = holiday ? pp.holiday_share_scaled[m] : pp.share_scaled[m];
        for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
          if (pool.slots[s].fixed_person == pool.members[m] && (!holiday || pp.IsHoliday(s))) {
            ++c.fixed;
          }
        }
        for (int id : member_x_[lp][m]) {
          if (!holiday || pp.IsHoliday(x_[id].slot)) c.x.push_back(id);
        }
        *constant += SharePenalty(c.fixed, c.share_scaled);
        // No more z than duties the person can take at all: a valid cut that keeps the LP
        // from counting impossible duties.
        const int64_t most = MaxDuties(c.x);
        std::vector<std::pair<int, double>> terms;
        for (int id : c.x) terms.push_back({id, 1.0});
        for (int64_t k = c.fixed; k < c.fixed + most; ++k) {
          const double cost = static_cast<double>(SharePenalty(k + 1, c.share_scaled) -
                                                  SharePenalty(k, c.share_scaled));
          const int z = mip->AddColumn(0, 1, cost, true);
          c.z.push_back(z);
          c.cost.push_back(cost);
          terms.push_back({z, -1.0});
        }
        if (!c.x.empty()) mip->AddRow(0, 0, terms);
        counters.push_back(std::move(c));
      }
    }
  }
  return counters;
}

std::vector<GroupModel::Window> GroupModel::AddSpacing(Mip* mip, int64_t weight, bool zero) const {
  std::vector<Window> out;
  for (size_t lp = 0; lp < pools_.size(); ++lp) {
    const int p = pools_[lp];
    const PoolProblem& pool = prepared_.problem().pools[p];
    const std::vector<SpacingWindow> windows = SpacingWindows(
        static_cast<int>(pool.slots.size()), prepared_.pool(p).comfort, pool.min_rest_shifts);
    if (windows.empty()) continue;
    for (int m = 0; m < static_cast<int>(pool.members.size()); ++m) {
      std::vector<int> fixed_prefix(pool.slots.size() + 1, 0);
      for (size_t s = 0; s < pool.slots.size(); ++s) {
        fixed_prefix[s + 1] = fixed_prefix[s] + (pool.slots[s].fixed_person == pool.members[m]);
      }
      const std::vector<int>& xs = member_x_[lp][m];
      for (const SpacingWindow& w : windows) {
        Window win;
        win.fixed = fixed_prefix[w.last + 1] - fixed_prefix[w.first];
        for (int id : xs) {
          if (x_[id].slot >= w.first && x_[id].slot <= w.last) win.x.push_back(id);
        }
        // Without a free slot the window is a constant; with at most one duty possible it
        // never costs anything.
        if (win.x.empty() || static_cast<int64_t>(win.x.size()) + win.fixed <= 1) continue;
        std::vector<std::pair<int, double>> terms;
        for (int id : win.x) terms.push_back({id, 1.0});
        if (!zero) {
          win.e =
              mip->AddColumn(0, Mip::kInfinity, static_cast<double>(weight * w.multiplicity), true);
          terms.push_back({win.e, -1.0});
        }
        mip->AddRow(-Mip::kInfinity, 1.0 - static_cast<double>(win.fixed), terms);
        out.push_back(std::move(win));
      }
    }
  }
  return out;
}

int64_t GroupModel::SetPreferenceCosts(Mip* mip) const {
  const RosterProblem& problem = prepared_.problem();
  int64_t spread = 0;
  for (const auto& [lp, s] : free_slots_) {
    const PoolProblem& pool = problem.pools[pools_[lp]];
    int64_t lo = 0;
    int64_t hi = 0;
    bool first = true;
    for (int id : slot_x_[lp][s]) {
      int64_t like = 0;
      int64_t dislike = 0;
      prepared_.PreferenceWeights(pool.members[x_[id].member], pool.slots[s].interval, &like,
                                  &dislike);
      const int64_t cost = dislike - like;
      mip->SetCost(id, static_cast<double>(cost));
      lo = first ? cost : std::min(lo, cost);
      hi = first ? cost : std::max(hi, cost);
      first = false;
    }
    spread += hi - lo;
  }
  return spread + 1;
}

absl::Status GroupModel::Extract(const std::vector<double>& values, Assignment* a) const {
  for (const auto& [lp, s] : free_slots_) {
    const PoolProblem& pool = prepared_.problem().pools[pools_[lp]];
    std::string chosen;
    for (int id : slot_x_[lp][s]) {
      if (values[id] > 0.5) {
        if (!chosen.empty()) {
          return absl::InternalError(
              absl::StrCat("CBC put two people on slot ", s + 1, " of pool '", pool.key, "'"));
        }
        chosen = pool.members[x_[id].member];
      }
    }
    a->person[pools_[lp]][s] = chosen;
  }
  return absl::OkStatus();
}

void GroupModel::XValues(const Assignment& a, std::vector<double>* values) const {
  for (size_t id = 0; id < x_.size(); ++id) {
    const X& x = x_[id];
    const int p = pools_[x.pool];
    (*values)[id] =
        a.person[p][x.slot] == prepared_.problem().pools[p].members[x.member] ? 1.0 : 0.0;
  }
}

PoolTerms GroupModel::Terms(const Assignment& a) const {
  PoolTerms total;
  for (int p : pools_) {
    const PoolTerms t = PoolObjective(prepared_, p, a.person[p]);
    total.duty_scaled += t.duty_scaled;
    total.holiday_scaled += t.holiday_scaled;
    total.spacing += t.spacing;
    total.preferences += t.preferences;
  }
  return total;
}

void GroupModel::Improve(int64_t weight, absl::Time deadline, Assignment* a) const {
  const RosterProblem& problem = prepared_.problem();
  const size_t num_pools = pools_.size();
  // Per local pool and member: sorted duty slots (fixed and free), duty and holiday counts.
  std::vector<std::vector<std::vector<int>>> duties(num_pools);
  std::vector<std::vector<int64_t>> count(num_pools), holidays(num_pools);
  std::vector<std::vector<SpacingWindow>> windows(num_pools);
  // Per local pool and slot: (member, preference cost) of each candidate.
  std::vector<std::vector<std::vector<std::pair<int, int64_t>>>> options(num_pools);
  for (size_t lp = 0; lp < num_pools; ++lp) {
    const int p = pools_[lp];
    const PoolProblem& pool = problem.pools[p];
    const PreparedPool& pp = prepared_.pool(p);
    duties[lp].resize(pool.members.size());
    count[lp].assign(pool.members.size(), 0);
    holidays[lp].assign(pool.members.size(), 0);
    windows[lp] =
        SpacingWindows(static_cast<int>(pool.slots.size()), pp.comfort, pool.min_rest_shifts);
    options[lp].resize(pool.slots.size());
    for (int s = 0; s < static_cast<int>(pool.slots.size()); ++s) {
      auto it = pp.member_index.find(a->person[p][s]);
      if (it != pp.member_index.end()) {
        duties[lp][it->second].push_back(s);
        ++count[lp][it->second];
        if (pp.IsHoliday(s)) ++holidays[lp][it->second];
      }
      for (int id : slot_x_[lp][s]) {
        int64_t like = 0;
        int64_t dislike = 0;
        prepared_.PreferenceWeights(pool.members[x_[id].member], pool.slots[s].interval, &like,
                                    &dislike);
        options[lp][s].push_back({x_[id].member, dislike - like});
      }
    }
  }
  auto cost_of = [&](int lp, int s, int m) -> int64_t {
    for (const auto& [member, cost] : options[lp][s]) {
      if (member == m) return cost;
    }
    return -1;  // never asked for a non-candidate
  };
  auto is_candidate = [&](int lp, int s, int m) {
    for (const auto& option : options[lp][s]) {
      if (option.first == m) return true;
    }
    return false;
  };
  // Whether `person` taking slot s of local pool lp clashes with any of their duties except
  // the slots `skip1` and `skip2` (local pool, slot).
  auto clashes = [&](const std::string& person, int lp, int s, std::pair<int, int> skip1,
                     std::pair<int, int> skip2) {
    const PreparedPool& pp = prepared_.pool(pools_[lp]);
    const Interval& slot = problem.pools[pools_[lp]].slots[s].interval;
    for (const auto& [lq, m] : person_entries_.at(person)) {
      const int q = pools_[lq];
      for (int t : duties[lq][m]) {
        const std::pair<int, int> here{lq, t};
        if (here == std::make_pair(lp, s) || here == skip1 || here == skip2) continue;
        if (TooClose(slot, pp.slot_rest_end[s], problem.pools[q].slots[t].interval,
                     prepared_.pool(q).slot_rest_end[t])) {
          return true;
        }
      }
    }
    return false;
  };
  auto fairness_delta = [&](int lp, int m, int64_t dc, int64_t dh) {
    const PreparedPool& pp = prepared_.pool(pools_[lp]);
    return SharePenalty(count[lp][m] + dc, pp.share_scaled[m]) -
           SharePenalty(count[lp][m], pp.share_scaled[m]) +
           SharePenalty(holidays[lp][m] + dh, pp.holiday_share_scaled[m]) -
           SharePenalty(holidays[lp][m], pp.holiday_share_scaled[m]);
  };
  auto replaced = [](std::vector<int> slots, int remove, int add) {
    if (remove >= 0) slots.erase(std::find(slots.begin(), slots.end(), remove));
    if (add >= 0) slots.insert(std::upper_bound(slots.begin(), slots.end(), add), add);
    return slots;
  };
  auto apply = [&](int lp, int m, int remove, int add) {
    const PreparedPool& pp = prepared_.pool(pools_[lp]);
    duties[lp][m] = replaced(duties[lp][m], remove, add);
    if (remove >= 0) {
      --count[lp][m];
      if (pp.IsHoliday(remove)) --holidays[lp][m];
    }
    if (add >= 0) {
      ++count[lp][m];
      if (pp.IsHoliday(add)) ++holidays[lp][m];
    }
  };
  auto better = [](int64_t fairness, int64_t rest) {
    return fairness < 0 || (fairness == 0 && rest < 0);
  };

  int checks = 0;
  bool improved = true;
  while (improved) {
    improved = false;
    for (size_t lp = 0; lp < num_pools; ++lp) {
      const int p = pools_[lp];
      const PoolProblem& pool = problem.pools[p];
      const PreparedPool& pp = prepared_.pool(p);
      const int num_slots = static_cast<int>(pool.slots.size());
      for (int s = 0; s < num_slots; ++s) {
        if (!pool.slots[s].fixed_person.empty() || a->person[p][s].empty()) continue;
        if (++checks % 64 == 0 && absl::Now() >= deadline) return;
        const int li = static_cast<int>(lp);
        const int from = pp.member_index.at(a->person[p][s]);
        const int64_t hs = pp.IsHoliday(s) ? 1 : 0;
        const int64_t spacing_from = SpacingPenalty(duties[lp][from], windows[lp]);
        // Move slot s to another candidate.
        for (const auto& [to, cost] : options[lp][s]) {
          if (to == from || clashes(pool.members[to], li, s, {-1, -1}, {-1, -1})) continue;
          const int64_t df = fairness_delta(li, from, -1, -hs) + fairness_delta(li, to, 1, hs);
          const int64_t ds =
              weight *
                  (SpacingPenalty(replaced(duties[lp][from], s, -1), windows[lp]) - spacing_from +
                   SpacingPenalty(replaced(duties[lp][to], -1, s), windows[lp]) -
                   SpacingPenalty(duties[lp][to], windows[lp])) +
              cost - cost_of(li, s, from);
          if (better(df, ds)) {
            apply(li, from, s, -1);
            apply(li, to, -1, s);
            a->person[p][s] = pool.members[to];
            improved = true;
            break;
          }
        }
        if (a->person[p][s] != pool.members[from]) continue;
        // Swap slot s with a later free slot t of another member.
        for (int t = s + 1; t < num_slots; ++t) {
          if (!pool.slots[t].fixed_person.empty() || a->person[p][t].empty()) continue;
          const int other = pp.member_index.at(a->person[p][t]);
          if (other == from || !is_candidate(li, t, from) || !is_candidate(li, s, other)) {
            continue;
          }
          if (clashes(pool.members[from], li, t, {li, s}, {-1, -1}) ||
              clashes(pool.members[other], li, s, {li, t}, {-1, -1})) {
            continue;
          }
          const int64_t ht = pp.IsHoliday(t) ? 1 : 0;
          const int64_t df =
              fairness_delta(li, from, 0, ht - hs) + fairness_delta(li, other, 0, hs - ht);
          const int64_t ds =
              weight *
                  (SpacingPenalty(replaced(duties[lp][from], s, t), windows[lp]) - spacing_from +
                   SpacingPenalty(replaced(duties[lp][other], t, s), windows[lp]) -
                   SpacingPenalty(duties[lp][other], windows[lp])) +
              cost_of(li, t, from) + cost_of(li, s, other) - cost_of(li, s, from) -
              cost_of(li, t, other);
          if (better(df, ds)) {
            apply(li, from, s, t);
            apply(li, other, t, s);
            a->person[p][s] = pool.members[other];
            a->person[p][t] = pool.members[from];
            improved = true;
            break;
          }
        }
      }
    }
  }
}

std::vector<Blocker> GroupModel::AssignedBlockers(const Assignment& a, const std::string& person,
                                                  int p, int s, std::pair<int, int> except) const {
  std::vector<Blocker> out;
  const PoolProblem& pool = prepared_.problem().pools[p];
  const Interval& slot = pool.slots[s].interval;
  const absl::Time rest_end = prepared_.pool(p).slot_rest_end[s];
  auto entries = person_entries_.find(person);
  if (entries == person_entries_.end()) return out;
  for (const auto& [lq, m] : entries->second) {
    const int q = pools_[lq];
    const PoolProblem& other = prepared_.problem().pools[q];
    for (int t = 0; t < static_cast<int>(other.slots.size()); ++t) {
      if ((q == p && t == s) || std::make_pair(q, t) == except ||
          !other.slots[t].fixed_person.empty() || a.person[q][t] != person) {
        continue;
      }
      if (TooClose(slot, rest_end, other.slots[t].interval, prepared_.pool(q).slot_rest_end[t])) {
        out.push_back(DutyBlocker(person, slot, other.slots[t].interval, other.key, t, false));
      }
    }
  }
  return out;
}

void GroupModel::Repair(Assignment* a) const {
  for (const auto& [lp, s] : free_slots_) {
    const int p = pools_[lp];
    if (!a->person[p][s].empty()) continue;
    for (int id : slot_x_[lp][s]) {
      const std::string& person = prepared_.problem().pools[p].members[x_[id].member];
      if (AssignedBlockers(*a, person, p, s).empty()) {
        a->person[p][s] = person;
        break;
      }
    }
  }
}

void GroupModel::Greedy(Assignment* a) const {
  const RosterProblem& problem = prepared_.problem();
  std::vector<std::vector<int64_t>> count(pools_.size());
  for (size_t lp = 0; lp < pools_.size(); ++lp) {
    const int p = pools_[lp];
    const PreparedPool& pp = prepared_.pool(p);
    count[lp].assign(problem.pools[p].members.size(), 0);
    for (const std::string& person : a->person[p]) {
      if (auto it = pp.member_index.find(person); it != pp.member_index.end()) {
        ++count[lp][it->second];
      }
    }
  }
  std::vector<std::pair<int, int>> order = free_slots_;
  std::stable_sort(order.begin(), order.end(), [&](const auto& x, const auto& y) {
    return problem.pools[pools_[x.first]].slots[x.second].interval.start <
           problem.pools[pools_[y.first]].slots[y.second].interval.start;
  });
  for (const auto& [lp, s] : order) {
    const int p = pools_[lp];
    if (!a->person[p][s].empty()) continue;
    const PreparedPool& pp = prepared_.pool(p);
    int best = -1;
    int64_t best_excess = 0;
    for (int id : slot_x_[lp][s]) {
      const int m = x_[id].member;
      const int64_t excess = count[lp][m] * kShareDenominator - pp.share_scaled[m];
      if (best >= 0 && excess >= best_excess) continue;
      if (!AssignedBlockers(*a, problem.pools[p].members[m], p, s).empty()) continue;
      best = m;
      best_excess = excess;
    }
    if (best < 0) continue;
    a->person[p][s] = problem.pools[p].members[best];
    ++count[lp][best];
  }
}

bool GroupModel::AllFilled(const Assignment& a) const {
  for (const auto& [lp, s] : free_slots_) {
    if (a.person[pools_[lp]][s].empty()) return false;
  }
  return true;
}

std::vector<UnfillableSlot> GroupModel::Explain(const Assignment& a) const {
  std::vector<UnfillableSlot> out;
  const RosterProblem& problem = prepared_.problem();
  for (const auto& [lp, s] : free_slots_) {
    const int p = pools_[lp];
    if (!a.person[p][s].empty()) continue;
    const PoolProblem& pool = problem.pools[p];
    UnfillableSlot u;
    u.pool = p;
    u.pool_key = pool.key;
    u.slot = s;
    u.interval = pool.slots[s].interval;
    u.has_candidates = !candidates_.members[p][s].empty();
    for (int m = 0; m < static_cast<int>(pool.members.size()); ++m) {
      std::vector<Blocker> why = candidates_.blockers[p][s][m];
      if (why.empty()) why = AssignedBlockers(a, pool.members[m], p, s);
      for (Blocker& b : why) u.blockers.push_back(std::move(b));
    }
    u.explanation = ExplanationText(u);
    out.push_back(std::move(u));
  }
  return out;
}

std::string GroupModel::ExplanationText(const UnfillableSlot& u) const {
  const PoolProblem& pool = prepared_.problem().pools[u.pool];
  const absl::TimeZone zone = prepared_.pool(u.pool).zone;
  auto range = [&](const Interval& i) {
    return absl::StrCat(time::FormatLocal(i.start, zone), " - ", time::FormatLocal(i.end, zone));
  };
  std::vector<std::string> lines;
  lines.push_back(absl::StrCat("pool '", pool.key, "' slot ", u.slot + 1, " (", range(u.interval),
                               ") cannot be filled",
                               u.has_candidates ? " together with the other slots:" : ":"));
  if (pool.members.empty()) lines.push_back("  the pool has no members");
  for (const Blocker& b : u.blockers) {
    std::string line = absl::StrCat("  ", b.person, ": ");
    std::string duty = absl::StrCat("duty in pool '", b.pool, "' ", range(b.interval));
    if (b.reason != BlockReason::kOnLeave) {
      if (b.slot < 0) {
        absl::StrAppend(&duty, " (outside the horizon)");
      } else if (b.fixed) {
        absl::StrAppend(&duty, " (fixed)");
      } else {
        absl::StrAppend(&duty, " (needed there to fill slot ", b.slot + 1, ")");
      }
    }
    switch (b.reason) {
      case BlockReason::kOnLeave:
        absl::StrAppend(&line, "on leave ", range(b.interval));
        if (!b.leave_reason.empty()) absl::StrAppend(&line, " (", b.leave_reason, ")");
        break;
      case BlockReason::kOnDutySameTime:
        absl::StrAppend(&line, "on ", duty, " at the same time");
        break;
      case BlockReason::kRestingAfterDuty:
        absl::StrAppend(&line, "resting after ", duty);
        break;
      case BlockReason::kRestingBeforeDuty:
        absl::StrAppend(&line, "would not be rested before ", duty);
        break;
    }
    lines.push_back(std::move(line));
  }
  return absl::StrJoin(lines, "\n");
}

}  // namespace paraat::roster::solver
