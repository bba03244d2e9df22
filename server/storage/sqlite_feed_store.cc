// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "server/storage/audit.h"
#include "server/storage/database.h"
#include "server/storage/directory_rows.h"
#include "server/storage/feed_store.h"

namespace paraat::storage {

using roster::FeedKind;
using roster::FeedTarget;
using roster::Interval;
using roster::ScheduleHistory;
using roster::ScheduleRecord;
using roster::Source;

namespace {

int64_t Us(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time At(int64_t us) { return absl::FromUnixMicros(us); }

std::string Hint(absl::string_view secret_hash) {
  return absl::BytesToHexString(secret_hash.substr(0, 4));
}

// Columns read by ReadLink, in order.
constexpr char kLinkColumns[] =
    "f.id, a.username, ap.key, am.key, f.kind, COALESCE(po.key, ''), COALESCE(pe.key, ''), "
    "f.created_us, f.revoked_us, COALESCE(f.revoked_by, ''), f.secret_hash, a.active "
    "FROM feed_link f JOIN account a ON a.id = f.account_id "
    "JOIN person ap ON ap.id = a.person_id JOIN municipality am ON am.id = ap.municipality_id "
    "LEFT JOIN pool po ON po.id = f.pool_id LEFT JOIN person pe ON pe.id = f.person_id ";

FeedLink ReadLink(const Statement& st) {
  FeedLink l;
  l.id = st.Int(0);
  l.owner = st.Text(1);
  l.owner_person = st.Text(2);
  l.owner_municipality = st.Text(3);
  l.target.kind = st.Text(4) == "pool" ? FeedKind::kPool : FeedKind::kPerson;
  l.target.key = l.target.kind == FeedKind::kPool ? st.Text(5) : st.Text(6);
  l.created = At(st.Int(7));
  if (!st.IsNull(8)) l.revoked = At(st.Int(8));
  l.revoked_by = st.Text(9);
  l.hint = Hint(st.Blob(10));
  return l;
}

absl::StatusOr<std::vector<FeedLink>> ReadLinks(Statement& st) {
  std::vector<FeedLink> out;
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(ReadLink(st));
  }
}

absl::StatusOr<FeedLink> LoadLink(Connection& c, int64_t id) {
  static const std::string* const kSql =
      new std::string(absl::StrCat("SELECT ", kLinkColumns, "WHERE f.id = ?"));
  PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare(kSql->c_str()));
  st->Bind(1, id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown feed link ", id));
  return ReadLink(*st);
}

// The audit record of a link: never its secret, nor its hash (a hash of 32 random bytes
// gives nothing away, but the audit trail is read by more people than the link table).
json::Value LinkJson(const FeedLink& l) {
  json::Value v;
  v.Set("id", l.id);
  v.Set("owner", l.owner);
  v.Set("kind", roster::FeedKindName(l.target.kind));
  v.Set(roster::FeedKindName(l.target.kind), l.target.key);
  v.Set("hint", l.hint);
  if (!l.active()) v.Set("revoked", time::FormatUtc(l.revoked));
  return v;
}

absl::Status Revoke(Txn& txn, absl::string_view actor, int64_t id) {
  PARAAT_ASSIGN_OR_RETURN(FeedLink before, LoadLink(txn.conn(), id));
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      txn.conn().Prepare("UPDATE feed_link SET revoked_us = ?, revoked_by = ? WHERE id = ? "
                         "AND revoked_us IS NULL"));
  st->Bind(1, Us(txn.now())).Bind(2, actor).Bind(3, id);
  PARAAT_RETURN_IF_ERROR(st->Run());
  FeedLink after = before;
  after.revoked = txn.now();
  after.revoked_by = std::string(actor);
  return AppendAudit(txn, actor, "feed.revoke", absl::StrCat("feed/", id), LinkJson(before),
                     LinkJson(after));
}

// The last time of `action` on each object whose name starts with `prefix` ("person/"),
// keyed by the rest of the name. Uses the audit_object index for the prefix range.
absl::StatusOr<std::map<std::string, absl::Time>> LastAudited(Connection& c,
                                                              absl::string_view prefix,
                                                              absl::string_view action) {
  std::map<std::string, absl::Time> out;
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT object, MAX(at_us) FROM audit WHERE object >= ?1 AND object < ?2 "
                "AND action = ?3 GROUP BY object"));
  // Every name with the prefix sorts in [prefix, prefix with its last byte raised by one).
  std::string end(prefix);
  end.back() = static_cast<char>(end.back() + 1);
  st->Bind(1, prefix).Bind(2, end).Bind(3, action);
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    out[st->Text(0).substr(prefix.size())] = At(st->Int(1));
  }
}

absl::StatusOr<ScheduleHistory> LoadHistory(Connection& c, const Interval& window) {
  ScheduleHistory h;
  {
    // A published shift changed when it was published (its event turns from concept to
    // confirmed): at the first publication of its pool after it was made that reached it.
    // Later publications leave it as it was.
    struct Publication {
      absl::Time at;
      absl::Time until;
    };
    std::map<std::string, std::vector<Publication>> publications;  // pool -> in time order
    {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef pub,
          c.Prepare("SELECT substr(object, 6), at_us, json_extract(after_json, '$.until') "
                    "FROM audit WHERE object >= 'pool/' AND object < 'pool0' "
                    "AND action = 'roster.publish' ORDER BY id"));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, pub->Step());
        if (!row) break;
        absl::Time until = absl::InfiniteFuture();
        std::string err;
        if (!pub->IsNull(2) && !absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", pub->Text(2), &until, &err)) {
          until = absl::InfiniteFuture();
        }
        publications[pub->Text(0)].push_back({At(pub->Int(1)), until});
      }
    }
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT r.id, po.key, r.start_us, r.end_us, r.created_us, r.published "
                  "FROM roster_shift r "
                  "JOIN pool po ON po.id = r.pool_id WHERE r.superseded_us IS NULL "
                  "AND r.start_us < ? AND r.end_us > ? ORDER BY r.id"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ScheduleRecord r;
      r.kind = Source::kRoster;
      r.id = st->Int(0);
      r.pool = st->Text(1);
      r.spans = {{At(st->Int(2)), At(st->Int(3))}};
      r.created = r.changed = At(st->Int(4));
      if (st->Bool(5)) {
        for (const Publication& p : publications[r.pool]) {
          if (p.at > r.created && r.spans[0].start < p.until) {
            r.changed = p.at;
            break;
          }
        }
      }
      h.records.push_back(std::move(r));
    }
  }
  {
    // Swaps in every state: a declined or cancelled swap changed the schedule back.
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT s.id, po.key, s.start_us, s.end_us, s.return_start_us, "
                  "s.return_end_us, s.created_us, s.updated_us FROM swap s "
                  "JOIN pool po ON po.id = s.pool_id "
                  "WHERE (s.start_us < ?1 AND s.end_us > ?2) OR "
                  "(s.return_start_us < ?1 AND s.return_end_us > ?2) ORDER BY s.id"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ScheduleRecord r;
      r.kind = Source::kSwap;
      r.id = st->Int(0);
      r.pool = st->Text(1);
      r.spans = {{At(st->Int(2)), At(st->Int(3))}};
      if (!st->IsNull(4) && !st->IsNull(5)) r.spans.push_back({At(st->Int(4)), At(st->Int(5))});
      r.created = At(st->Int(6));
      r.changed = std::max(r.created, At(st->Int(7)));
      h.records.push_back(std::move(r));
    }
  }
  {
    // The override table keeps no change time; an override ended before its planned end was
    // changed when the audit trail says it was ended.
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT o.id, po.key, o.start_us, o.planned_end_us, o.created_us, "
                  "CASE WHEN o.end_us = o.planned_end_us THEN NULL ELSE "
                  "(SELECT MAX(a.at_us) FROM audit a WHERE a.object = 'override/' || o.id "
                  "AND a.action = 'override.end') END "
                  "FROM override o JOIN pool po ON po.id = o.pool_id "
                  "WHERE o.start_us < ? AND o.planned_end_us > ? ORDER BY o.id"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ScheduleRecord r;
      r.kind = Source::kOverride;
      r.id = st->Int(0);
      r.pool = st->Text(1);
      r.spans = {{At(st->Int(2)), At(st->Int(3))}};
      r.created = r.changed = At(st->Int(4));
      if (!st->IsNull(5)) r.changed = std::max(r.created, At(st->Int(5)));
      h.records.push_back(std::move(r));
    }
  }
  {
    // Leave (also cancelled) of anyone, overlapping the window: a duty shows its person's.
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT p.key, l.start_us, l.end_us, l.created_us, l.cancelled_us FROM leave l "
                  "JOIN person p ON p.id = l.person_id WHERE l.start_us < ? AND l.end_us > ?"));
    st->Bind(1, Us(window.end)).Bind(2, Us(window.start));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      roster::LeaveRecord l;
      l.person = st->Text(0);
      l.interval = {At(st->Int(1)), At(st->Int(2))};
      l.changed = st->IsNull(4) ? At(st->Int(3)) : std::max(At(st->Int(3)), At(st->Int(4)));
      h.leave.push_back(std::move(l));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(h.person_changed, LastAudited(c, "person/", "person.update"));
  PARAAT_ASSIGN_OR_RETURN(h.pool_changed, LastAudited(c, "pool/", "pool.update"));
  return h;
}

class SqliteFeedStore : public FeedStore {
 public:
  explicit SqliteFeedStore(Database* db) : db_(db) {}

  absl::StatusOr<FeedLink> CreateLink(absl::string_view owner, const FeedTarget& target,
                                      absl::string_view secret_hash) override {
    if (secret_hash.size() != 32) {
      return absl::InternalError("a feed secret hash must be 32 bytes (SHA-256)");
    }
    FeedLink made;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(int64_t account_id, AccountId(c, owner));
      std::optional<int64_t> pool_id, person_id;
      if (target.kind == FeedKind::kPool) {
        PARAAT_ASSIGN_OR_RETURN(pool_id, PoolId(c, target.key));
      } else {
        PARAAT_ASSIGN_OR_RETURN(person_id, PersonId(c, target.key));
      }
      // The owner's earlier links to the same feed end now: a new link replaces a lost one.
      {
        PARAAT_ASSIGN_OR_RETURN(
            StatementRef st,
            c.Prepare("SELECT f.id FROM feed_link f WHERE f.account_id = ?1 AND f.kind = ?2 "
                      "AND f.pool_id IS ?3 AND f.person_id IS ?4 AND f.revoked_us IS NULL "
                      "ORDER BY f.id"));
        st->Bind(1, account_id)
            .Bind(2, roster::FeedKindName(target.kind))
            .Bind(3, pool_id)
            .Bind(4, person_id);
        std::vector<int64_t> earlier;
        while (true) {
          PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          earlier.push_back(st->Int(0));
        }
        for (int64_t id : earlier) PARAAT_RETURN_IF_ERROR(Revoke(txn, owner, id));
      }
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO feed_link (secret_hash, account_id, kind, pool_id, person_id, "
                    "created_us) VALUES (?, ?, ?, ?, ?, ?)"));
      st->BindBlob(1, secret_hash)
          .Bind(2, account_id)
          .Bind(3, roster::FeedKindName(target.kind))
          .Bind(4, pool_id)
          .Bind(5, person_id)
          .Bind(6, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(st->Run());
      PARAAT_ASSIGN_OR_RETURN(made, LoadLink(c, c.LastInsertRowId()));
      return AppendAudit(txn, owner, "feed.create", absl::StrCat("feed/", made.id), nullptr,
                         LinkJson(made));
    }));
    return made;
  }

  absl::StatusOr<FeedLink> RevokeLink(
      absl::string_view actor, int64_t id,
      const std::function<absl::Status(const FeedLink&)>& check) override {
    FeedLink after;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(FeedLink before, LoadLink(txn.conn(), id));
      PARAAT_RETURN_IF_ERROR(check(before));
      if (!before.active()) {
        return absl::FailedPreconditionError(
            absl::StrCat("feed link ", id, " was already revoked at ",
                         time::FormatLocal(before.revoked), " by ", before.revoked_by));
      }
      PARAAT_RETURN_IF_ERROR(Revoke(txn, actor, id));
      PARAAT_ASSIGN_OR_RETURN(after, LoadLink(txn.conn(), id));
      return absl::OkStatus();
    }));
    return after;
  }

  absl::StatusOr<FeedLink> FindOwnLink(absl::string_view owner, const FeedTarget& target) override {
    FeedLink found;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      static const std::string* const kSql = new std::string(
          absl::StrCat("SELECT ", kLinkColumns,
                       "WHERE a.username = ?1 AND f.kind = ?2 AND COALESCE(po.key, pe.key) = ?3 "
                       "AND f.revoked_us IS NULL ORDER BY f.id DESC LIMIT 1"));
      PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare(kSql->c_str()));
      st->Bind(1, owner).Bind(2, roster::FeedKindName(target.kind)).Bind(3, target.key);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) {
        return absl::NotFoundError(absl::StrCat(owner, " has no active feed link to the ",
                                                roster::FeedKindName(target.kind), " '", target.key,
                                                "'"));
      }
      found = ReadLink(*st);
      return absl::OkStatus();
    }));
    return found;
  }

  absl::StatusOr<std::vector<FeedLink>> ListLinks(const FeedLinkFilter& f) override {
    std::vector<FeedLink> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      static const std::string* const kSql = new std::string(
          absl::StrCat("SELECT ", kLinkColumns,
                       "WHERE (?1 = '' OR a.username = ?1) AND (?2 = '' OR am.key = ?2) "
                       "AND (?3 = 1 OR f.revoked_us IS NULL) ORDER BY f.id LIMIT 10000"));
      PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare(kSql->c_str()));
      st->Bind(1, f.owner).Bind(2, f.municipality).Bind(3, f.include_revoked);
      PARAAT_ASSIGN_OR_RETURN(out, ReadLinks(*st));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<FeedLink> FindLink(absl::string_view secret_hash) override {
    FeedLink found;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      static const std::string* const kSql = new std::string(
          absl::StrCat("SELECT ", kLinkColumns, "WHERE f.secret_hash = ?"));
      PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare(kSql->c_str()));
      st->BindBlob(1, secret_hash);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::NotFoundError("no such feed");
      found = ReadLink(*st);
      // A link stops working with its owner's account.
      if (found.active() && !st->Bool(11)) found.revoked = absl::InfinitePast();
      return absl::OkStatus();
    }));
    return found;
  }

  absl::StatusOr<ScheduleHistory> History(const Interval& window) override {
    ScheduleHistory h;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(h, LoadHistory(c, window));
      return absl::OkStatus();
    }));
    return h;
  }

 private:
  Database* db_;
};

}  // namespace

absl::Status RevokeFeedLinksOfAccount(Txn& txn, absl::string_view actor, int64_t account_id) {
  std::vector<int64_t> ids;
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        txn.conn().Prepare("SELECT id FROM feed_link WHERE account_id = ? AND revoked_us IS NULL"));
    st->Bind(1, account_id);
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ids.push_back(st->Int(0));
    }
  }
  for (int64_t id : ids) PARAAT_RETURN_IF_ERROR(Revoke(txn, actor, id));
  return absl::OkStatus();
}

std::unique_ptr<FeedStore> NewSqliteFeedStore(Database* db) {
  return std::make_unique<SqliteFeedStore>(db);
}

}  // namespace paraat::storage
