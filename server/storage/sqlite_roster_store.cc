// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/roster/roster_json.h"
#include "common/roster/rules.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "server/storage/audit.h"
#include "server/storage/database.h"
#include "server/storage/directory_rows.h"
#include "server/storage/read_cache.h"
#include "server/storage/roster_store.h"

namespace paraat::storage {

using roster::Interval;
using roster::Leave;
using roster::Override;
using roster::RosterShift;
using roster::RosterSnapshot;
using roster::Swap;
using roster::SwapStatus;

namespace {

int64_t Us(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time At(int64_t us) { return absl::FromUnixMicros(us); }

SwapStatus ParseStatus(const std::string& s) {
  if (s == "accepted") return SwapStatus::kAccepted;
  if (s == "approved") return SwapStatus::kApproved;
  if (s == "declined") return SwapStatus::kDeclined;
  if (s == "rejected") return SwapStatus::kRejected;
  if (s == "cancelled") return SwapStatus::kCancelled;
  return SwapStatus::kRequested;
}

absl::Status LoadPoolsAndPeople(Connection& c, RosterSnapshot& s) {
  std::vector<std::string> keys;
  {
    PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare("SELECT key FROM pool ORDER BY key"));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      keys.push_back(st->Text(0));
    }
  }
  for (const std::string& k : keys) {
    PARAAT_ASSIGN_OR_RETURN(directory::Pool p, LoadPool(c, k));
    s.pools[k] = std::move(p);
  }
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT p.key, p.name, m.key, p.phone, p.email, p.active, "
                "COALESCE((SELECT group_concat(qualification, ',') FROM person_qualification q "
                "WHERE q.person_id = p.id), '') FROM person p "
                "JOIN municipality m ON m.id = p.municipality_id"));
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    directory::Person p;
    p.key = st->Text(0);
    p.name = st->Text(1);
    p.municipality = st->Text(2);
    p.phone = st->Text(3);
    p.email = st->Text(4);
    p.active = st->Bool(5);
    const std::string quals = st->Text(6);
    size_t start = 0;
    while (start < quals.size()) {
      size_t comma = quals.find(',', start);
      if (comma == std::string::npos) comma = quals.size();
      p.qualifications.push_back(quals.substr(start, comma - start));
      start = comma + 1;
    }
    s.people[p.key] = std::move(p);
  }
  return absl::OkStatus();
}


Swap ReadSwap(const Statement& st) {
  Swap s;
  s.id = st.Int(0);
  s.pool = st.Text(1);
  s.shift_id = st.Int(2);
  s.giver = st.Text(3);
  s.taker = st.Text(4);
  s.interval = {At(st.Int(5)), At(st.Int(6))};
  s.return_shift_id = st.Int(7);
  if (s.return_shift_id != 0) s.return_interval = {At(st.Int(8)), At(st.Int(9))};
  s.status = ParseStatus(st.Text(10));
  s.requested_by = st.Text(11);
  s.decided_by = st.Text(12);
  s.reason = st.Text(13);
  s.created = At(st.Int(14));
  return s;
}

absl::StatusOr<std::vector<Swap>> QuerySwaps(Statement& st) {
  std::vector<Swap> out;
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(ReadSwap(st));
  }
}

Override ReadOverride(const Statement& st) {
  Override o;
  o.id = st.Int(0);
  o.pool = st.Text(1);
  o.person = st.Text(2);
  o.interval = {At(st.Int(3)), At(st.Int(4))};
  o.reason = st.Text(5);
  o.created_by = st.Text(6);
  o.created = At(st.Int(7));
  return o;
}

Leave ReadLeave(const Statement& st) {
  Leave l;
  l.id = st.Int(0);
  l.person = st.Text(1);
  l.interval = {At(st.Int(2)), At(st.Int(3))};
  l.reason = st.Text(4);
  return l;
}

absl::StatusOr<RosterSnapshot> LoadSnapshot(Connection& c, const Interval& window, absl::Time now) {
  RosterSnapshot s;
  s.now = now;
  s.window = window;
  PARAAT_RETURN_IF_ERROR(LoadPoolsAndPeople(c, s));
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT r.id, po.key, pe.key, r.start_us, r.end_us, r.published "
                  "FROM roster_shift r JOIN pool po ON po.id = r.pool_id "
                  "JOIN person pe ON pe.id = r.person_id "
                  "WHERE r.superseded_us IS NULL AND r.start_us < ? AND r.end_us > ? "
                  "ORDER BY r.start_us"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      RosterShift r;
      r.id = st->Int(0);
      r.pool = st->Text(1);
      r.person = st->Text(2);
      r.interval = {At(st->Int(3)), At(st->Int(4))};
      r.published = st->Bool(5);
      s.input.shifts.push_back(std::move(r));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT s.id, po.key, s.shift_id, g.key, t.key, s.start_us, s.end_us, "
                  "COALESCE(s.return_shift_id, 0), COALESCE(s.return_start_us, 0), "
                  "COALESCE(s.return_end_us, 0), s.status, s.requested_by, s.decided_by, "
                  "s.reason, s.created_us FROM swap s JOIN pool po ON po.id = s.pool_id "
                  "JOIN person g ON g.id = s.giver_id JOIN person t ON t.id = s.taker_id "
                  "WHERE (s.start_us < ?1 AND s.end_us > ?2) OR "
                  "(s.return_start_us < ?1 AND s.return_end_us > ?2) ORDER BY s.id"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    PARAAT_ASSIGN_OR_RETURN(s.swaps, QuerySwaps(*st));
    for (const Swap& sw : s.swaps) {
      for (roster::Replacement& r : roster::ReplacementsOf(sw)) {
        s.input.replacements.push_back(std::move(r));
      }
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT o.id, po.key, pe.key, o.start_us, o.end_us, o.reason, o.created_by, "
                  "o.created_us FROM override o JOIN pool po ON po.id = o.pool_id "
                  "JOIN person pe ON pe.id = o.person_id "
                  "WHERE o.end_us > o.start_us AND o.start_us < ? AND o.end_us > ? ORDER BY o.id"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      s.input.overrides.push_back(ReadOverride(*st));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT l.id, pe.key, l.start_us, l.end_us, l.reason FROM leave l "
                  "JOIN person pe ON pe.id = l.person_id WHERE l.cancelled_us IS NULL "
                  "AND l.end_us > l.start_us AND l.start_us < ? AND l.end_us > ? ORDER BY l.id"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      s.leave.push_back(ReadLeave(*st));
    }
  }
  return s;
}

absl::StatusOr<int64_t> InsertShift(Txn& txn, const RosterShift& r, absl::string_view origin,
                                    absl::string_view actor) {
  Connection& c = txn.conn();
  PARAAT_ASSIGN_OR_RETURN(int64_t pool_id, PoolId(c, r.pool));
  PARAAT_ASSIGN_OR_RETURN(int64_t person_id, PersonId(c, r.person));
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("INSERT INTO roster_shift (pool_id, person_id, start_us, end_us, published, "
                "origin, created_by, created_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, pool_id).Bind(2, person_id).Bind(3, Us(r.interval.start)).Bind(4, Us(r.interval.end))
      .Bind(5, r.published).Bind(6, origin).Bind(7, actor).Bind(8, Us(txn.now()));
  PARAAT_RETURN_IF_ERROR(st->Run());
  return c.LastInsertRowId();
}

absl::StatusOr<Swap> LoadSwap(Connection& c, int64_t id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT s.id, po.key, s.shift_id, g.key, t.key, s.start_us, s.end_us, "
                "COALESCE(s.return_shift_id, 0), COALESCE(s.return_start_us, 0), "
                "COALESCE(s.return_end_us, 0), s.status, s.requested_by, s.decided_by, s.reason, "
                "s.created_us FROM swap s JOIN pool po ON po.id = s.pool_id "
                "JOIN person g ON g.id = s.giver_id JOIN person t ON t.id = s.taker_id "
                "WHERE s.id = ?"));
  st->Bind(1, id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown swap ", id));
  return ReadSwap(*st);
}

absl::StatusOr<Override> LoadOverride(Connection& c, int64_t id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT o.id, po.key, pe.key, o.start_us, o.end_us, o.reason, o.created_by, "
                "o.created_us FROM override o JOIN pool po ON po.id = o.pool_id "
                "JOIN person pe ON pe.id = o.person_id WHERE o.id = ?"));
  st->Bind(1, id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown override ", id));
  return ReadOverride(*st);
}

absl::StatusOr<Leave> LoadLeave(Connection& c, int64_t id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT l.id, pe.key, l.start_us, l.end_us, l.reason, l.cancelled_us FROM leave l "
                "JOIN person pe ON pe.id = l.person_id WHERE l.id = ?"));
  st->Bind(1, id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || !st->IsNull(5)) {
    return absl::NotFoundError(absl::StrCat("unknown or cancelled leave ", id));
  }
  return ReadLeave(*st);
}

class SqliteRosterStore : public RosterStore {
 public:
  explicit SqliteRosterStore(Database* db) : db_(db), resolved_(db) {}

  absl::StatusOr<RosterSnapshot> Snapshot(const Interval& window) override {
    RosterSnapshot s;
    const absl::Time now = absl::Now();
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(s, LoadSnapshot(c, window, now));
      return absl::OkStatus();
    }));
    return s;
  }

  absl::StatusOr<std::shared_ptr<const roster::ResolvedRoster>> Resolved(
      absl::Time at, absl::Duration ahead) override {
    const absl::Time now = absl::Now();
    if (at < now - kResolvedSlack || at > now + kResolvedReach) {
      PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, Snapshot({at, at + ahead}));
      return std::make_shared<const roster::ResolvedRoster>(roster::ResolvedRoster::Of(std::move(s)));
    }
    // One window serves every `at` up to a week after the one that loaded it.
    const Interval window{std::min(at, now - kResolvedSlack), at + ahead + kResolvedReach};
    return resolved_.Get(
        [&](const roster::ResolvedRoster& r) { return r.Covers(at, at + ahead); },
        [&](Connection& c) -> absl::StatusOr<roster::ResolvedRoster> {
          PARAAT_ASSIGN_OR_RETURN(RosterSnapshot s, LoadSnapshot(c, window, now));
          return roster::ResolvedRoster::Of(std::move(s));
        });
  }

  // Replaces one pool's drafts inside `txn` (see ReplaceDrafts).
  static absl::Status ReplaceInTxn(Txn& txn, absl::string_view actor, const PoolDrafts& d,
                                   absl::string_view origin, std::vector<RosterShift>& written) {
    Connection& c = txn.conn();
    const Interval change = roster::FromNow(d.span, txn.now());
    PARAAT_ASSIGN_OR_RETURN(RosterSnapshot snap, LoadSnapshot(c, change, txn.now()));
    if (snap.pools.count(d.pool) == 0) {
      return absl::NotFoundError(absl::StrCat("unknown pool '", d.pool, "'"));
    }
    std::vector<RosterShift> old;
    std::vector<Interval> kept;
    for (const RosterShift& r : snap.input.shifts) {
      if (r.pool != d.pool || !r.interval.Overlaps(change)) continue;
      if ((r.published && d.keep_published) ||
          std::find(d.keep_ids.begin(), d.keep_ids.end(), r.id) != d.keep_ids.end()) {
        kept.push_back(r.interval);
        continue;
      }
      if (!r.published) PARAAT_RETURN_IF_ERROR(roster::RequireNoSwapOn(snap, r, origin));
      if (r.published) {
        // In the pool's own time, as everything else about its duties is said.
        absl::TimeZone zone = absl::UTCTimeZone();
        (void)absl::LoadTimeZone(snap.pools.at(d.pool).time_zone, &zone);
        return absl::FailedPreconditionError(absl::StrCat(
            "duty ", r.id, " of ", r.person, " in pool '", d.pool, "' (from ",
            time::FormatLocal(r.interval.start, zone),
            ") is published; change published duties with a swap or an override"));
      }
      old.push_back(r);
    }
    // A new shift that goes on where a draft of the same person is cut at the start of the
    // change (a duty that has begun, given again to whoever has it) continues that duty: one
    // shift from the draft's start, not a part ending now and a new one starting now.
    std::map<size_t, absl::Time> continues;  // index in d.shifts -> where it starts instead
    for (const RosterShift& r : old) {
      if (r.interval.start >= change.start) continue;
      for (size_t k = 0; k < d.shifts.size(); ++k) {
        const RosterShift& n = d.shifts[k];
        if (n.person != r.person || n.interval.start > change.start ||
            n.interval.end <= change.start) {
          continue;
        }
        // Only a shift that will be written (one that a kept duty is in the way of is not).
        Interval written = roster::FromNow(n.interval, txn.now());
        written.start = std::max(written.start, change.start);
        written.end = std::min(written.end, change.end);
        bool blocked = written.empty();
        for (const Interval& k2 : kept) blocked |= k2.Overlaps(written);
        if (!blocked) continues[k] = r.interval.start;
      }
    }
    for (const RosterShift& r : old) {
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              c.Prepare("UPDATE roster_shift SET superseded_us = ? WHERE id = ?"));
      st->Bind(1, Us(txn.now())).Bind(2, r.id);
      PARAAT_RETURN_IF_ERROR(st->Run());
      // The parts outside the change stay as they were (the part before it, unless a new
      // shift continues it).
      const bool continued =
          std::any_of(continues.begin(), continues.end(),
                      [&](const auto& kv) { return kv.second == r.interval.start; });
      for (const Interval& keep : {Interval{continued ? change.start : r.interval.start, change.start},
                                   Interval{change.end, r.interval.end}}) {
        if (keep.empty()) continue;
        RosterShift part = r;
        part.interval = keep;
        PARAAT_RETURN_IF_ERROR(InsertShift(txn, part, "split", actor).status());
      }
    }
    std::vector<RosterShift> made;
    for (size_t k = 0; k < d.shifts.size(); ++k) {
      RosterShift r = d.shifts[k];
      r.pool = d.pool;
      r.interval = roster::FromNow(r.interval, txn.now());
      r.interval.start = std::max(r.interval.start, change.start);
      r.interval.end = std::min(r.interval.end, change.end);
      if (r.interval.empty()) continue;
      if (auto it = continues.find(k); it != continues.end()) r.interval.start = it->second;
      bool overlaps_kept = false;
      for (const Interval& k : kept) overlaps_kept |= k.Overlaps(r.interval);
      if (overlaps_kept) continue;
      r.published = false;
      PARAAT_ASSIGN_OR_RETURN(r.id, InsertShift(txn, r, origin, actor));
      made.push_back(r);
    }
    json::Value before = json::Value::MakeArray();
    for (const RosterShift& r : old) before.Append(roster::ToJson(r));
    json::Value after = json::Value::MakeArray();
    for (const RosterShift& r : made) after.Append(roster::ToJson(r));
    written.insert(written.end(), made.begin(), made.end());
    return AppendAudit(txn, actor, absl::StrCat("roster.", origin), absl::StrCat("pool/", d.pool),
                       before, after);
  }

  absl::StatusOr<std::vector<RosterShift>> ReplaceDraftsMany(absl::string_view actor,
                                                             const std::vector<PoolDrafts>& pools,
                                                             absl::string_view origin,
                                                             const SnapshotCheck& check) override {
    std::vector<RosterShift> written;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      written.clear();
      Interval all{absl::InfiniteFuture(), absl::InfinitePast()};
      for (const PoolDrafts& d : pools) {
        PARAAT_RETURN_IF_ERROR(roster::RequireNotPast(d.span, txn.now(), "the change"));
        all.start = std::min(all.start, d.span.start);
        all.end = std::max(all.end, d.span.end);
      }
      if (pools.empty()) return absl::OkStatus();
      PARAAT_ASSIGN_OR_RETURN(RosterSnapshot snap,
                              LoadSnapshot(txn.conn(), roster::FromNow(all, txn.now()), txn.now()));
      PARAAT_RETURN_IF_ERROR(check(snap));
      for (const PoolDrafts& d : pools) {
        PARAAT_RETURN_IF_ERROR(ReplaceInTxn(txn, actor, d, origin, written));
      }
      return absl::OkStatus();
    }));
    return written;
  }

  absl::StatusOr<std::vector<RosterShift>> ReplaceDrafts(absl::string_view actor,
                                                         absl::string_view pool,
                                                         const Interval& span,
                                                         const std::vector<RosterShift>& shifts,
                                                         absl::string_view origin,
                                                         const SnapshotCheck& check) override {
    return ReplaceDraftsMany(actor, {PoolDrafts{std::string(pool), span, shifts, false, {}}}, origin, check);
  }

  absl::StatusOr<int64_t> AddPreference(absl::string_view actor, const roster::Preference& p) override {
    int64_t id = 0;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(int64_t person_id, PersonId(txn.conn(), p.person));
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("INSERT INTO preference (person_id, start_us, end_us, weight, reason, "
                             "created_by, created_us) VALUES (?, ?, ?, ?, ?, ?, ?)"));
      st->Bind(1, person_id).Bind(2, Us(p.interval.start)).Bind(3, Us(p.interval.end)).Bind(4, p.weight)
          .Bind(5, p.reason).Bind(6, actor).Bind(7, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(st->Run());
      id = txn.conn().LastInsertRowId();
      json::Value after;
      after.Set("person", p.person);
      after.Set("weight", p.weight);
      after.Set("interval", roster::ToJson(p.interval));
      return AppendAudit(txn, actor, "preference.create", absl::StrCat("preference/", id), nullptr, after);
    }));
    return id;
  }

  absl::StatusOr<std::vector<roster::Preference>> ListPreferences(absl::string_view person,
                                                                  const Interval& window) override {
    std::vector<roster::Preference> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT p.id, pe.key, p.start_us, p.end_us, p.weight, p.reason FROM preference p "
                    "JOIN person pe ON pe.id = p.person_id WHERE p.removed_us IS NULL "
                    "AND (?1 = '' OR pe.key = ?1) AND p.start_us < ?2 AND p.end_us > ?3 "
                    "ORDER BY p.start_us LIMIT 10000"));
      st->Bind(1, person).Bind(2, Us(window.end)).Bind(3, Us(window.start));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        out.push_back({st->Int(0), st->Text(1), {At(st->Int(2)), At(st->Int(3))},
                       static_cast<int>(st->Int(4)), st->Text(5)});
      }
    }));
    return out;
  }

  absl::Status RemovePreference(absl::string_view actor, int64_t id, absl::string_view person) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("UPDATE preference SET removed_us = ? WHERE id = ? AND removed_us IS NULL "
                             "AND (? = '' OR person_id = (SELECT id FROM person WHERE key = ?))"));
      st->Bind(1, Us(txn.now())).Bind(2, id).Bind(3, person).Bind(4, person);
      PARAAT_RETURN_IF_ERROR(st->Run());
      if (txn.conn().Changes() == 0) return absl::NotFoundError(absl::StrCat("unknown preference ", id));
      return AppendAudit(txn, actor, "preference.remove", absl::StrCat("preference/", id), nullptr, nullptr);
    });
  }

  absl::StatusOr<int> Publish(absl::string_view actor, absl::string_view pool,
                              absl::Time until) override {
    int count = 0;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(int64_t pool_id, PoolId(txn.conn(), pool));
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("UPDATE roster_shift SET published = 1 WHERE pool_id = ? AND "
                             "superseded_us IS NULL AND published = 0 AND start_us < ?"));
      st->Bind(1, pool_id).Bind(2, Us(until));
      PARAAT_RETURN_IF_ERROR(st->Run());
      count = txn.conn().Changes();
      json::Value after;
      after.Set("until", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", until, absl::UTCTimeZone()));
      after.Set("published", count);
      return AppendAudit(txn, actor, "roster.publish", absl::StrCat("pool/", pool), nullptr, after);
    }));
    return count;
  }

  static absl::Status WriteSwap(Txn& txn, Swap& s, bool insert) {
    Connection& c = txn.conn();
    PARAAT_ASSIGN_OR_RETURN(int64_t pool_id, PoolId(c, s.pool));
    PARAAT_ASSIGN_OR_RETURN(int64_t giver, PersonId(c, s.giver));
    PARAAT_ASSIGN_OR_RETURN(int64_t taker, PersonId(c, s.taker));
    const std::optional<int64_t> ret =
        s.return_shift_id != 0 ? std::optional<int64_t>(s.return_shift_id) : std::nullopt;
    const std::optional<int64_t> rs =
        ret ? std::optional<int64_t>(Us(s.return_interval.start)) : std::nullopt;
    const std::optional<int64_t> re =
        ret ? std::optional<int64_t>(Us(s.return_interval.end)) : std::nullopt;
    const std::string status(roster::SwapStatusName(s.status));
    if (insert) {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO swap (pool_id, shift_id, giver_id, taker_id, start_us, end_us, "
                    "return_shift_id, return_start_us, return_end_us, status, requested_by, "
                    "decided_by, reason, created_us, updated_us) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      st->Bind(1, pool_id).Bind(2, s.shift_id).Bind(3, giver).Bind(4, taker)
          .Bind(5, Us(s.interval.start)).Bind(6, Us(s.interval.end)).Bind(7, ret).Bind(8, rs)
          .Bind(9, re).Bind(10, status).Bind(11, s.requested_by).Bind(12, s.decided_by)
          .Bind(13, s.reason).Bind(14, Us(txn.now())).Bind(15, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(st->Run());
      s.id = c.LastInsertRowId();
      s.created = txn.now();
      return absl::OkStatus();
    }
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("UPDATE swap SET taker_id = ?, start_us = ?, end_us = ?, return_start_us = ?, "
                  "return_end_us = ?, status = ?, decided_by = ?, updated_us = ? WHERE id = ?"));
    st->Bind(1, taker).Bind(2, Us(s.interval.start)).Bind(3, Us(s.interval.end)).Bind(4, rs)
        .Bind(5, re).Bind(6, status).Bind(7, s.decided_by).Bind(8, Us(txn.now())).Bind(9, s.id);
    return st->Run();
  }

  absl::StatusOr<Swap> CreateSwap(
      absl::string_view actor, const Interval& window,
      const std::function<absl::StatusOr<Swap>(const RosterSnapshot&)>& plan) override {
    Swap swap;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(RosterSnapshot snap, LoadSnapshot(txn.conn(), window, txn.now()));
      PARAAT_ASSIGN_OR_RETURN(swap, plan(snap));
      swap.requested_by = std::string(actor);
      PARAAT_RETURN_IF_ERROR(WriteSwap(txn, swap, true));
      return AppendAudit(txn, actor, "swap.create", absl::StrCat("swap/", swap.id), nullptr,
                         roster::ToJson(swap));
    }));
    return swap;
  }

  absl::StatusOr<Swap> UpdateSwap(
      absl::string_view actor, int64_t id, absl::string_view action, absl::Duration reach,
      const std::function<absl::Status(Swap&, const RosterSnapshot&)>& edit) override {
    Swap swap;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(Swap before, LoadSwap(txn.conn(), id));
      Interval window = before.interval;
      if (before.return_shift_id != 0) {
        window.start = std::min(window.start, before.return_interval.start);
        window.end = std::max(window.end, before.return_interval.end);
      }
      // Wide enough for an edit that moves the swap within its duty.
      reach = std::max(reach, absl::Hours(24 * 30));
      window.start -= reach;
      window.end += reach;
      PARAAT_ASSIGN_OR_RETURN(RosterSnapshot snap, LoadSnapshot(txn.conn(), window, txn.now()));
      swap = before;
      PARAAT_RETURN_IF_ERROR(edit(swap, snap));
      PARAAT_RETURN_IF_ERROR(WriteSwap(txn, swap, false));
      return AppendAudit(txn, actor, absl::StrCat("swap.", action), absl::StrCat("swap/", id),
                         roster::ToJson(before), roster::ToJson(swap));
    }));
    return swap;
  }

  absl::StatusOr<Swap> GetSwap(int64_t id) override {
    Swap s;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(s, LoadSwap(c, id));
      return absl::OkStatus();
    }));
    return s;
  }

  absl::StatusOr<std::vector<Swap>> ListSwaps(const SwapFilter& f) override {
    std::vector<Swap> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT s.id, po.key, s.shift_id, g.key, t.key, s.start_us, s.end_us, "
                    "COALESCE(s.return_shift_id, 0), COALESCE(s.return_start_us, 0), "
                    "COALESCE(s.return_end_us, 0), s.status, s.requested_by, s.decided_by, "
                    "s.reason, s.created_us FROM swap s JOIN pool po ON po.id = s.pool_id "
                    "JOIN person g ON g.id = s.giver_id JOIN person t ON t.id = s.taker_id "
                    "WHERE (?1 = '' OR po.key = ?1) AND (?2 = '' OR g.key = ?2 OR t.key = ?2) "
                    "AND (?3 = 0 OR s.status IN ('requested', 'accepted')) "
                    "ORDER BY s.start_us, s.id LIMIT 1000"));
      st->Bind(1, f.pool).Bind(2, f.person).Bind(3, f.open_only);
      PARAAT_ASSIGN_OR_RETURN(out, QuerySwaps(*st));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<Override> CreateOverride(absl::string_view actor, const Override& o,
                                          const SnapshotCheck& check) override {
    Override made = o;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      made.interval = roster::FromNow(o.interval, txn.now());
      PARAAT_ASSIGN_OR_RETURN(RosterSnapshot snap, LoadSnapshot(c, made.interval, txn.now()));
      PARAAT_RETURN_IF_ERROR(check(snap));
      PARAAT_ASSIGN_OR_RETURN(int64_t pool_id, PoolId(c, o.pool));
      PARAAT_ASSIGN_OR_RETURN(int64_t person_id, PersonId(c, o.person));
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO override (pool_id, person_id, start_us, end_us, planned_end_us, "
                    "reason, created_by, created_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
      st->Bind(1, pool_id).Bind(2, person_id).Bind(3, Us(made.interval.start))
          .Bind(4, Us(made.interval.end)).Bind(5, Us(made.interval.end)).Bind(6, o.reason)
          .Bind(7, actor).Bind(8, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(st->Run());
      made.id = c.LastInsertRowId();
      made.created_by = std::string(actor);
      made.created = txn.now();
      return AppendAudit(txn, actor, "override.create", absl::StrCat("override/", made.id),
                         nullptr, roster::ToJson(made));
    }));
    return made;
  }

  absl::StatusOr<Override> EndOverride(absl::string_view actor, int64_t id, absl::Time at) override {
    Override after;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(Override before, LoadOverride(txn.conn(), id));
      PARAAT_RETURN_IF_ERROR(
          roster::RequireNotPast(before.interval, txn.now(), absl::StrCat("override ", id)));
      // Never earlier than now (the past stays) nor than its start; never later than planned.
      const absl::Time end = std::min(before.interval.end,
                                      std::max({at, txn.now(), before.interval.start}));
      after = before;
      after.interval.end = end;
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              txn.conn().Prepare("UPDATE override SET end_us = ? WHERE id = ?"));
      st->Bind(1, Us(end)).Bind(2, id);
      PARAAT_RETURN_IF_ERROR(st->Run());
      return AppendAudit(txn, actor, "override.end", absl::StrCat("override/", id),
                         roster::ToJson(before), roster::ToJson(after));
    }));
    return after;
  }

  absl::StatusOr<std::vector<Override>> ListOverrides(absl::string_view pool,
                                                      const Interval& window) override {
    std::vector<Override> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT o.id, po.key, pe.key, o.start_us, o.end_us, o.reason, o.created_by, "
                    "o.created_us FROM override o JOIN pool po ON po.id = o.pool_id "
                    "JOIN person pe ON pe.id = o.person_id WHERE (?1 = '' OR po.key = ?1) "
                    "AND o.start_us < ?2 AND o.end_us > ?3 ORDER BY o.start_us LIMIT 1000"));
      st->Bind(1, pool).Bind(2, Us(window.end)).Bind(3, Us(window.start));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        out.push_back(ReadOverride(*st));
      }
    }));
    return out;
  }

  absl::StatusOr<Leave> CreateLeave(absl::string_view actor, const Leave& l,
                                    const SnapshotCheck& check) override {
    Leave made = l;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(RosterSnapshot snap, LoadSnapshot(c, l.interval, txn.now()));
      PARAAT_RETURN_IF_ERROR(check(snap));
      PARAAT_ASSIGN_OR_RETURN(int64_t person_id, PersonId(c, l.person));
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO leave (person_id, start_us, end_us, reason, created_by, "
                    "created_us) VALUES (?, ?, ?, ?, ?, ?)"));
      st->Bind(1, person_id).Bind(2, Us(l.interval.start)).Bind(3, Us(l.interval.end))
          .Bind(4, l.reason).Bind(5, actor).Bind(6, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(st->Run());
      made.id = c.LastInsertRowId();
      return AppendAudit(txn, actor, "leave.create", absl::StrCat("leave/", made.id), nullptr,
                         roster::ToJson(made));
    }));
    return made;
  }

  absl::StatusOr<Leave> CancelLeave(absl::string_view actor, int64_t id,
                                    const std::function<absl::Status(const Leave&)>& check) override {
    Leave after;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(Leave before, LoadLeave(txn.conn(), id));
      PARAAT_RETURN_IF_ERROR(check(before));
      PARAAT_RETURN_IF_ERROR(
          roster::RequireNotPast(before.interval, txn.now(), absl::StrCat("leave ", id)));
      after = before;
      if (before.interval.start >= txn.now()) {
        PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                                txn.conn().Prepare("UPDATE leave SET cancelled_us = ? WHERE id = ?"));
        st->Bind(1, Us(txn.now())).Bind(2, id);
        PARAAT_RETURN_IF_ERROR(st->Run());
        after.interval.end = after.interval.start;
      } else {
        // Leave that has begun ends now; what was taken stays in the record.
        PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                                txn.conn().Prepare("UPDATE leave SET end_us = ? WHERE id = ?"));
        st->Bind(1, Us(txn.now())).Bind(2, id);
        PARAAT_RETURN_IF_ERROR(st->Run());
        after.interval.end = txn.now();
      }
      return AppendAudit(txn, actor, "leave.cancel", absl::StrCat("leave/", id),
                         roster::ToJson(before), roster::ToJson(after));
    }));
    return after;
  }

  absl::StatusOr<std::vector<Leave>> ListLeave(absl::string_view person,
                                               const Interval& window) override {
    std::vector<Leave> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT l.id, pe.key, l.start_us, l.end_us, l.reason FROM leave l "
                    "JOIN person pe ON pe.id = l.person_id WHERE l.cancelled_us IS NULL "
                    "AND l.end_us > l.start_us AND (?1 = '' OR pe.key = ?1) "
                    "AND l.start_us < ?2 AND l.end_us > ?3 ORDER BY l.start_us LIMIT 1000"));
      st->Bind(1, person).Bind(2, Us(window.end)).Bind(3, Us(window.start));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        out.push_back(ReadLeave(*st));
      }
    }));
    return out;
  }

  absl::StatusOr<RosterShift> GetShift(int64_t id) override {
    RosterShift r;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT r.id, po.key, pe.key, r.start_us, r.end_us, r.published, "
                    "r.superseded_us FROM roster_shift r JOIN pool po ON po.id = r.pool_id "
                    "JOIN person pe ON pe.id = r.person_id WHERE r.id = ?"));
      st->Bind(1, id);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::NotFoundError(absl::StrCat("unknown duty ", id));
      if (!st->IsNull(6)) {
        return absl::NotFoundError(
            absl::StrCat("duty ", id, " was replaced; look up the current duty (paraat roster show)"));
      }
      r.id = st->Int(0);
      r.pool = st->Text(1);
      r.person = st->Text(2);
      r.interval = {At(st->Int(3)), At(st->Int(4))};
      r.published = st->Bool(5);
      return absl::OkStatus();
    }));
    return r;
  }

 private:
  // `at` within [now - slack, now + reach] is served from the cache.
  static constexpr absl::Duration kResolvedSlack = absl::Minutes(1);
  static constexpr absl::Duration kResolvedReach = absl::Hours(24 * 7);

  Database* db_;
  ReadCache<roster::ResolvedRoster> resolved_;
};

}  // namespace

std::unique_ptr<RosterStore> NewSqliteRosterStore(Database* db) {
  return std::make_unique<SqliteRosterStore>(db);
}

}  // namespace paraat::storage
