// SPDX-License-Identifier: EUPL-1.2
#include <mutex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/notification.h"
#include "common/crisis/entry_codec.h"
#include "common/crisis/search.h"
#include "common/ledger/node_store.h"
#include "common/ledger/proof.h"
#include "common/status/status_macros.h"
#include "server/storage/audit.h"
#include "server/storage/crisis_store.h"
#include "server/storage/database.h"
#include "server/storage/directory_rows.h"

namespace paraat::storage {

using crisis::Crisis;
using crisis::Entry;
using crisis::EntryKind;

namespace {

int64_t Us(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time At(int64_t us) { return absl::FromUnixMicros(us); }

std::string Bytes(const ledger::Hash& h) {
  return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

absl::StatusOr<ledger::Hash> HashOf(const std::string& bytes, absl::string_view what) {
  absl::StatusOr<ledger::Hash> h = ledger::HashFromBytes(bytes);
  if (!h.ok()) return absl::DataLossError(absl::StrCat(what, ": stored hash is damaged"));
  return h;
}

// Columns of an entry, in the order ReadEntry expects.
#define PARAAT_ENTRY_COLUMNS                                                                   \
  "e.crisis_id, e.seq, e.kind, e.author, e.author_name, e.entered_us, e.event_us, e.text, "   \
  "e.municipalities, e.refs, e.title, e.type, e.grip, e.action_owner, e.action_deadline_us, " \
  "e.action_status, e.action_ref, e.corrects"

Entry ReadEntry(const Statement& st) {
  Entry e;
  e.crisis_id = st.Int(0);
  e.seq = st.Int(1);
  e.kind = crisis::ParseKind(st.Text(2), "kind").value_or(EntryKind::kMessage);
  e.author = st.Text(3);
  e.author_name = st.Text(4);
  e.entered = At(st.Int(5));
  e.event_time = At(st.Int(6));
  e.text = st.Text(7);
  for (absl::string_view m : absl::StrSplit(st.Text(8), ',', absl::SkipEmpty())) {
    e.municipalities.emplace_back(m);
  }
  for (absl::string_view r : absl::StrSplit(st.Text(9), ',', absl::SkipEmpty())) {
    int64_t v = 0;
    if (absl::SimpleAtoi(r, &v)) e.refs.push_back(v);
  }
  e.title = st.Text(10);
  e.type = st.Text(11);
  e.grip = st.Text(12);
  e.action_owner = st.Text(13);
  if (!st.IsNull(14)) e.action_deadline = At(st.Int(14));
  e.action_status = st.Text(15);
  e.action_ref = st.Int(16);
  e.corrects = st.Int(17);
  return e;
}

absl::StatusOr<std::vector<Entry>> ReadEntries(Statement& st) {
  std::vector<Entry> out;
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(ReadEntry(st));
  }
}

absl::StatusOr<Crisis> LoadCrisis(Connection& c, int64_t id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT id, title, type, grip, open, opened_us, opened_by, closed_us, entry_count "
                "FROM crisis WHERE id = ?"));
  st->Bind(1, id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown crisis ", id));
  Crisis k;
  k.id = st->Int(0);
  k.title = st->Text(1);
  k.type = st->Text(2);
  k.grip = st->Text(3);
  k.open = st->Bool(4);
  k.opened = At(st->Int(5));
  k.opened_by = st->Text(6);
  if (!st->IsNull(7)) k.closed = At(st->Int(7));
  k.entries = st->Int(8);
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef ms,
      c.Prepare("SELECT m.key FROM crisis_municipality cm JOIN municipality m "
                "ON m.id = cm.municipality_id WHERE cm.crisis_id = ? ORDER BY m.key"));
  ms->Bind(1, id);
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool r, ms->Step());
    if (!r) break;
    k.municipalities.push_back(ms->Text(0));
  }
  return k;
}

absl::StatusOr<Entry> LoadEntry(Connection& c, int64_t crisis_id, int64_t seq) {
  PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                          c.Prepare("SELECT " PARAAT_ENTRY_COLUMNS
                                    " FROM entry e WHERE e.crisis_id = ? AND e.seq = ?"));
  st->Bind(1, crisis_id).Bind(2, seq);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("crisis ", crisis_id, " has no entry ", seq));
  return ReadEntry(*st);
}

// A node store over the ledger_node table of one crisis, for proofs.
class SqliteNodeStore : public ledger::NodeStore {
 public:
  SqliteNodeStore(Connection& c, int64_t crisis_id) : c_(c), crisis_id_(crisis_id) {}
  absl::StatusOr<ledger::Hash> Node(int level, uint64_t index) const override {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c_.Prepare("SELECT hash FROM ledger_node WHERE crisis_id = ? AND level = ? AND idx = ?"));
    st->Bind(1, crisis_id_).Bind(2, level).Bind(3, static_cast<int64_t>(index));
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      return absl::NotFoundError(absl::StrCat("crisis ", crisis_id_, ": Merkle node (", level,
                                              ", ", index, ") is missing"));
    }
    return HashOf(st->Blob(0), "Merkle node");
  }

 private:
  Connection& c_;
  int64_t crisis_id_;
};

// Appends `e` (with its seq already set) to the crisis's tree and table, in `txn`. With
// `sets_level`, e's GRIP level becomes the crisis's (crisis::SetsLevel).
absl::Status WriteEntry(Txn& txn, const Entry& e, const std::string& key,
                        const std::string& digest, bool sets_level = false) {
  Connection& c = txn.conn();
  PARAAT_ASSIGN_OR_RETURN(StatementRef fr,
                          c.Prepare("SELECT frontier, entry_count FROM crisis WHERE id = ?"));
  fr->Bind(1, e.crisis_id);
  PARAAT_ASSIGN_OR_RETURN(bool row, fr->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown crisis ", e.crisis_id));
  PARAAT_ASSIGN_OR_RETURN(ledger::CompactRange range, ledger::CompactRange::Deserialize(fr->Blob(0)));
  if (static_cast<int64_t>(range.size()) != fr->Int(1) || fr->Int(1) + 1 != e.seq) {
    return absl::DataLossError(absl::StrCat("crisis ", e.crisis_id,
                                            ": the stored tree does not match the entry count"));
  }
  const ledger::Hash leaf = crisis::EntryLeafHash(e);
  std::vector<ledger::StoredNode> completed;
  range.Append(leaf, &completed);
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("INSERT INTO entry (crisis_id, seq, kind, author, author_name, entered_us, "
                  "event_us, text, municipalities, refs, title, type, grip, action_owner, "
                  "action_deadline_us, action_status, action_ref, corrects, idempotency_key, "
                  "request_digest, leaf_hash) VALUES "
                  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    st->Bind(1, e.crisis_id).Bind(2, e.seq).Bind(3, crisis::KindName(e.kind)).Bind(4, e.author)
        .Bind(5, e.author_name).Bind(6, Us(e.entered)).Bind(7, Us(e.event_time)).Bind(8, e.text)
        .Bind(9, absl::StrJoin(e.municipalities, ",")).Bind(10, absl::StrJoin(e.refs, ","))
        .Bind(11, e.title).Bind(12, e.type).Bind(13, e.grip).Bind(14, e.action_owner)
        .Bind(15, e.action_deadline ? std::optional<int64_t>(Us(*e.action_deadline)) : std::nullopt)
        .Bind(16, e.action_status).Bind(17, e.action_ref).Bind(18, e.corrects).Bind(19, key)
        .BindBlob(20, digest).BindBlob(21, Bytes(leaf));
    absl::Status s = st->Run();
    if (absl::IsAlreadyExists(s)) {
      return absl::AlreadyExistsError(absl::StrCat("idempotency_key '", key, "' is already used"));
    }
    PARAAT_RETURN_IF_ERROR(s);
  }
  // Into the search index in the same transaction, once the group's jobs have run: FTS5 writes
  // out its pending index at every savepoint, so inside the job's savepoint each append would
  // cost a flush of its own.
  txn.BeforeCommit([rowid = c.LastInsertRowId(), text = e.text](Connection& conn) -> absl::Status {
    PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                            conn.Prepare("INSERT INTO entry_fts (rowid, text) VALUES (?, ?)"));
    st->Bind(1, rowid).Bind(2, text);
    return st->Run();
  });
  for (const ledger::StoredNode& n : completed) {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("INSERT INTO ledger_node (crisis_id, level, idx, hash) VALUES (?, ?, ?, ?)"));
    st->Bind(1, e.crisis_id).Bind(2, n.id.level).Bind(3, static_cast<int64_t>(n.id.index))
        .BindBlob(4, Bytes(n.hash));
    PARAAT_RETURN_IF_ERROR(st->Run());
  }
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef up,
      c.Prepare("UPDATE crisis SET entry_count = ?, frontier = ?, last_entry_us = ?, "
                "grip = CASE WHEN ?4 != '' THEN ?4 ELSE grip END, "
                "open = CASE ?5 WHEN 'closed' THEN 0 WHEN 'reopened' THEN 1 ELSE open END, "
                "closed_us = CASE ?5 WHEN 'closed' THEN ?3 WHEN 'reopened' THEN NULL "
                "ELSE closed_us END WHERE id = ?6"));
  up->Bind(1, e.seq).BindBlob(2, range.Serialize()).Bind(3, Us(e.entered))
      .Bind(4, sets_level ? e.grip : std::string())
      .Bind(5, crisis::KindName(e.kind)).Bind(6, e.crisis_id);
  PARAAT_RETURN_IF_ERROR(up->Run());
  json::Value after;
  after.Set("seq", e.seq);
  after.Set("kind", std::string(crisis::KindName(e.kind)));
  after.Set("leaf_hash", ledger::HashToHex(leaf));
  return AppendAudit(txn, e.author, "crisis.append", absl::StrCat("crisis/", e.crisis_id), nullptr,
                     after);
}

// When the crisis's level in force took effect: the time it happened of the GRIP change or
// opening that happened last (crisis::GripInForce).
absl::StatusOr<std::optional<absl::Time>> LevelSince(Connection& c, int64_t crisis_id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT MAX(event_us) FROM entry WHERE crisis_id = ? AND kind IN (?, ?)"));
  st->Bind(1, crisis_id)
      .Bind(2, std::string(crisis::KindName(EntryKind::kGripChange)))
      .Bind(3, std::string(crisis::KindName(EntryKind::kOpened)));
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || st->IsNull(0)) return std::optional<absl::Time>();
  return std::optional<absl::Time>(absl::FromUnixMicros(st->Int(0)));
}

struct Existing {
  int64_t crisis_id;
  int64_t seq;
  std::string digest;
};

absl::StatusOr<std::optional<Existing>> FindByKey(Connection& c, absl::string_view author,
                                                  absl::string_view key) {
  PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                          c.Prepare("SELECT crisis_id, seq, request_digest FROM entry "
                                    "WHERE author = ? AND idempotency_key = ?"));
  st->Bind(1, author).Bind(2, key);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Existing>();
  return std::optional<Existing>(Existing{st->Int(0), st->Int(1), st->Blob(2)});
}

class SqliteCrisisStore : public CrisisStore {
 public:
  explicit SqliteCrisisStore(Database* db) : db_(db) {}

  void SetAppendObserver(std::function<void(const Entry&)> observer) override {
    std::lock_guard<std::mutex> lock(mu_);
    observer_ = std::move(observer);
  }

  void Notify(Txn& txn, const Entry& e) {
    std::function<void(const Entry&)> obs;
    {
      std::lock_guard<std::mutex> lock(mu_);
      obs = observer_;
    }
    if (obs) txn.OnCommit([obs, e] { obs(e); });
  }

  absl::StatusOr<std::pair<Crisis, Entry>> OpenCrisis(const crisis::Author& author,
                                                      const Crisis& c, const std::string& text,
                                                      std::optional<absl::Time> event_time,
                                                      const std::string& key) override {
    std::pair<Crisis, Entry> out;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      Connection& conn = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(std::optional<Existing> prior, FindByKey(conn, author.username, key));
      if (prior.has_value()) {
        PARAAT_ASSIGN_OR_RETURN(Entry first, LoadEntry(conn, prior->crisis_id, prior->seq));
        if (first.kind != EntryKind::kOpened || first.title != c.title) {
          return absl::AlreadyExistsError(absl::StrCat(
              "idempotency_key '", key, "' was already used for another request (crisis ",
              prior->crisis_id, ", entry ", prior->seq, ")"));
        }
        PARAAT_ASSIGN_OR_RETURN(out.first, LoadCrisis(conn, prior->crisis_id));
        out.second = first;
        return absl::OkStatus();
      }
      std::vector<int64_t> municipality_ids;
      for (const std::string& m : c.municipalities) {
        // A new crisis is for municipalities in use (a retry above returns the one made).
        PARAAT_ASSIGN_OR_RETURN(directory::Municipality row, LoadMunicipality(conn, m));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(row));
        PARAAT_ASSIGN_OR_RETURN(int64_t id, MunicipalityId(conn, m));
        municipality_ids.push_back(id);
      }
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef ins,
          conn.Prepare("INSERT INTO crisis (title, type, grip, open, opened_us, opened_by, "
                       "entry_count, frontier, last_entry_us) VALUES (?, ?, ?, 1, ?, ?, 0, ?, ?)"));
      ins->Bind(1, c.title).Bind(2, c.type).Bind(3, c.grip).Bind(4, Us(txn.now()))
          .Bind(5, author.username).BindBlob(6, ledger::CompactRange().Serialize())
          .Bind(7, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(ins->Run());
      Crisis made = c;
      made.id = conn.LastInsertRowId();
      for (int64_t mid : municipality_ids) {
        PARAAT_ASSIGN_OR_RETURN(
            StatementRef cm,
            conn.Prepare("INSERT OR IGNORE INTO crisis_municipality (crisis_id, municipality_id) "
                         "VALUES (?, ?)"));
        cm->Bind(1, made.id).Bind(2, mid);
        PARAAT_RETURN_IF_ERROR(cm->Run());
      }
      PARAAT_ASSIGN_OR_RETURN(Entry first,
                              crisis::BuildOpening(made, text, event_time, author, txn.now()));
      {
        // A crisis logged afterwards opened when it happened, not when it was entered.
        PARAAT_ASSIGN_OR_RETURN(StatementRef at,
                                conn.Prepare("UPDATE crisis SET opened_us = ? WHERE id = ?"));
        at->Bind(1, Us(first.event_time)).Bind(2, made.id);
        PARAAT_RETURN_IF_ERROR(at->Run());
      }
      crisis::AppendRequest digest_of;
      digest_of.crisis_id = 0;
      digest_of.kind = EntryKind::kOpened;
      digest_of.text = c.title + "\n" + text;
      PARAAT_RETURN_IF_ERROR(WriteEntry(txn, first, key, crisis::RequestDigest(digest_of)));
      PARAAT_RETURN_IF_ERROR(AppendAudit(txn, author.username, "crisis.open",
                                         absl::StrCat("crisis/", made.id), nullptr,
                                         json::Value(made.title)));
      PARAAT_ASSIGN_OR_RETURN(out.first, LoadCrisis(conn, made.id));
      out.second = first;
      Notify(txn, first);
      return absl::OkStatus();
    }));
    return out;
  }

  // One append inside a write transaction.
  absl::StatusOr<AppendResult> AppendInTxn(Txn& txn, const crisis::Author& author,
                                           const crisis::AppendRequest& r, const CrisisCheck& check) {
    AppendResult out;
    Connection& conn = txn.conn();
    const std::string digest = crisis::RequestDigest(r);
    PARAAT_ASSIGN_OR_RETURN(std::optional<Existing> prior,
                            FindByKey(conn, author.username, r.idempotency_key));
    if (prior.has_value()) {
      if (prior->digest != digest || prior->crisis_id != r.crisis_id) {
        return absl::AlreadyExistsError(absl::StrCat(
            "idempotency_key '", r.idempotency_key, "' was already used for a different entry "
            "(crisis ", prior->crisis_id, ", entry ", prior->seq, "); use a new key for a new entry"));
      }
      PARAAT_ASSIGN_OR_RETURN(out.entry, LoadEntry(conn, prior->crisis_id, prior->seq));
      out.replayed = true;
      return out;
    }
    PARAAT_ASSIGN_OR_RETURN(Crisis c, LoadCrisis(conn, r.crisis_id));
    PARAAT_RETURN_IF_ERROR(check(c));
    crisis::LogState state;
    state.crisis = c;
    // The kind and the time it happened of entry `seq`, for the rules.
    struct Head {
      std::string kind;
      absl::Time event_time;
    };
    auto head = [&conn, id = c.id](int64_t seq) -> std::optional<Head> {
      absl::StatusOr<StatementRef> st =
          conn.Prepare("SELECT kind, event_us FROM entry WHERE crisis_id = ? AND seq = ?");
      if (!st.ok()) return std::nullopt;
      (*st)->Bind(1, id).Bind(2, seq);
      absl::StatusOr<bool> row = (*st)->Step();
      if (!row.ok() || !*row) return std::nullopt;
      return Head{(*st)->Text(0), absl::FromUnixMicros((*st)->Int(1))};
    };
    state.kind_of = [head](int64_t seq) -> std::optional<EntryKind> {
      std::optional<Head> h = head(seq);
      if (!h.has_value()) return std::nullopt;
      absl::StatusOr<EntryKind> k = crisis::ParseKind(h->kind, "kind");
      return k.ok() ? std::optional<EntryKind>(*k) : std::nullopt;
    };
    state.event_time_of = [head](int64_t seq) -> std::optional<absl::Time> {
      std::optional<Head> h = head(seq);
      if (!h.has_value()) return std::nullopt;
      return h->event_time;
    };
    state.correction_of = [&conn, id = c.id](int64_t seq) -> std::optional<int64_t> {
      absl::StatusOr<StatementRef> st =
          conn.Prepare("SELECT MIN(seq) FROM entry INDEXED BY entry_corrections "
                       "WHERE crisis_id = ? AND kind = 'correction' AND corrects = ?");
      if (!st.ok()) return std::nullopt;
      (*st)->Bind(1, id).Bind(2, seq);
      absl::StatusOr<bool> row = (*st)->Step();
      if (!row.ok() || !*row || (*st)->IsNull(0)) return std::nullopt;
      return (*st)->Int(0);
    };
    if (!r.action_owner.empty()) PARAAT_RETURN_IF_ERROR(PersonId(conn, r.action_owner).status());
    if (r.kind == EntryKind::kGripChange) {
      PARAAT_ASSIGN_OR_RETURN(state.level_since, LevelSince(conn, c.id));
    }
    PARAAT_ASSIGN_OR_RETURN(out.entry, crisis::BuildEntry(r, state, author, txn.now()));
    PARAAT_RETURN_IF_ERROR(WriteEntry(txn, out.entry, r.idempotency_key, digest,
                                      crisis::SetsLevel(out.entry, state)));
    Notify(txn, out.entry);
    return out;
  }

  absl::StatusOr<AppendResult> Append(const crisis::Author& author, const crisis::AppendRequest& r,
                                      const CrisisCheck& check) override {
    AppendResult out;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(out, AppendInTxn(txn, author, r, check));
      return absl::OkStatus();
    }));
    return out;
  }

  void AppendAsync(const crisis::Author& author, const crisis::AppendRequest& r,
                   CrisisCheck check,
                   std::function<void(absl::StatusOr<AppendResult>)> done) override {
    auto out = std::make_shared<AppendResult>();
    db_->WriteAsync(
        [this, author, r, check = std::move(check), out](Txn& txn) -> absl::Status {
          PARAAT_ASSIGN_OR_RETURN(*out, AppendInTxn(txn, author, r, check));
          return absl::OkStatus();
        },
        [out, done = std::move(done)](absl::Status s) {
          if (s.ok()) {
            done(std::move(*out));
          } else {
            done(s);
          }
        });
  }

  absl::StatusOr<std::vector<AppendResult>> AppendAll(const crisis::Author& author,
                                                      const std::vector<crisis::AppendRequest>& requests,
                                                      const CrisisCheck& check,
                                                      const AlsoInTxn& also) override {
    absl::StatusOr<std::vector<AppendResult>> result;
    absl::Notification finished;
    AppendAllAsync(author, requests, check, also,
                   [&](absl::StatusOr<std::vector<AppendResult>> r) {
                     result = std::move(r);
                     finished.Notify();
                   });
    finished.WaitForNotification();
    return result;
  }

  void AppendAllAsync(const crisis::Author& author, std::vector<crisis::AppendRequest> requests,
                      CrisisCheck check, AlsoInTxn also,
                      std::function<void(absl::StatusOr<std::vector<AppendResult>>)> done) override {
    auto out = std::make_shared<std::vector<AppendResult>>();
    db_->WriteAsync(
        [this, author, requests = std::move(requests), check = std::move(check),
         also = std::move(also), out](Txn& txn) -> absl::Status {
          out->clear();
          std::vector<Entry> entries;
          for (const crisis::AppendRequest& r : requests) {
            PARAAT_ASSIGN_OR_RETURN(AppendResult one, AppendInTxn(txn, author, r, check));
            if (one.replayed && out->empty()) {
              // The whole call was made before: return what it wrote, change nothing.
              out->push_back(one);
              for (size_t i = 1; i < requests.size(); ++i) {
                PARAAT_ASSIGN_OR_RETURN(AppendResult again,
                                        AppendInTxn(txn, author, requests[i], check));
                out->push_back(again);
              }
              return absl::OkStatus();
            }
            entries.push_back(one.entry);
            out->push_back(std::move(one));
          }
          return also ? also(txn, entries) : absl::OkStatus();
        },
        [out, done = std::move(done)](absl::Status s) {
          if (s.ok()) {
            done(std::move(*out));
          } else {
            done(s);
          }
        });
  }

  absl::StatusOr<Crisis> GetCrisis(int64_t id) override {
    Crisis c;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(c, LoadCrisis(conn, id));
      return absl::OkStatus();
    }));
    return c;
  }

  absl::StatusOr<std::vector<Crisis>> ListCrises(bool include_closed) override {
    std::vector<Crisis> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      std::vector<int64_t> ids;
      PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                              conn.Prepare("SELECT id FROM crisis WHERE open = 1 OR ? "
                                           "ORDER BY open DESC, last_entry_us DESC LIMIT 1000"));
      st->Bind(1, include_closed);
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        ids.push_back(st->Int(0));
      }
      for (int64_t id : ids) {
        PARAAT_ASSIGN_OR_RETURN(Crisis c, LoadCrisis(conn, id));
        out.push_back(std::move(c));
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<Entry>> ListEntries(const EntryQuery& q) override {
    std::vector<Entry> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_RETURN_IF_ERROR(LoadCrisis(conn, q.crisis_id).status());
      // One prepared statement; the optional filters are written so an empty value matches all.
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          conn.Prepare("SELECT " PARAAT_ENTRY_COLUMNS " FROM entry e WHERE e.crisis_id = ?1 "
                       "AND e.seq > ?2 AND (?3 = '' OR instr(?3, ',' || e.kind || ',') > 0) "
                       "AND (?4 = '' OR e.author = ?4) AND e.event_us >= ?5 AND e.event_us < ?6 "
                       "AND (?7 = '' OR instr(',' || e.municipalities || ',', ',' || ?7 || ',') > 0) "
                       "ORDER BY e.seq LIMIT ?8"));
      const std::string kinds = q.kinds.empty() ? "" : absl::StrCat(",", absl::StrJoin(q.kinds, ","), ",");
      st->Bind(1, q.crisis_id).Bind(2, q.after_seq).Bind(3, kinds).Bind(4, q.author)
          .Bind(5, q.from ? Us(*q.from) : INT64_MIN).Bind(6, q.to ? Us(*q.to) : INT64_MAX)
          .Bind(7, q.municipality).Bind(8, static_cast<int64_t>(q.limit));
      PARAAT_ASSIGN_OR_RETURN(out, ReadEntries(*st));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<Entry>> Search(int64_t crisis_id, const std::string& query,
                                            int64_t after_seq, int limit) override {
    std::vector<Entry> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_RETURN_IF_ERROR(LoadCrisis(conn, crisis_id).status());
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          // The full-text index drives (CROSS JOIN fixes the order): left to itself SQLite
          // walks the crisis's entries in seq order and probes the index for each, which
          // reads the whole log for a rare word. Entries are only ever appended, so within a
          // crisis the row id grows with seq: the index yields its matches in row id order
          // from the row of `after_seq` on, and the first `limit` of this crisis are the page,
          // without sorting every match of a common word.
          conn.Prepare("SELECT " PARAAT_ENTRY_COLUMNS " FROM entry_fts f "
                       "CROSS JOIN entry e ON e.id = f.rowid WHERE entry_fts MATCH ?1 "
                       "AND f.rowid > coalesce((SELECT id FROM entry WHERE crisis_id = ?2 "
                       "AND seq = ?3), 0) "
                       "AND e.crisis_id = ?2 AND e.seq > ?3 ORDER BY f.rowid LIMIT ?4"));
      PARAAT_ASSIGN_OR_RETURN(const std::string expression, crisis::SearchExpression(query));
      st->Bind(1, expression).Bind(2, crisis_id).Bind(3, after_seq)
          .Bind(4, static_cast<int64_t>(limit));
      absl::StatusOr<std::vector<Entry>> r = ReadEntries(*st);
      if (!r.ok()) {
        if (r.status().code() == absl::StatusCode::kInternal ||
            r.status().code() == absl::StatusCode::kFailedPrecondition) {
          // SQLite's words without the wrapping ("executing statement: fts5: ...").
          absl::string_view why = r.status().message();
          for (absl::string_view wrap : {"executing statement: ", "fts5: "}) {
            absl::ConsumePrefix(&why, wrap);
          }
          return absl::InvalidArgumentError(absl::StrCat(
              "query: '", query, "' is not a valid search (", why,
              "); use words, \"phrases\", AND, OR, NOT and prefix*"));
        }
        return r.status();
      }
      out = std::move(*r);
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::map<int64_t, std::vector<int64_t>>> CorrectionsOf(
      int64_t crisis_id, const std::vector<int64_t>& seqs) override {
    std::map<int64_t, std::vector<int64_t>> out;
    if (seqs.empty()) return out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          // INDEXED BY: without statistics SQLite prefers entry_kind, which reads every
          // correction of the crisis.
          conn.Prepare("SELECT corrects, seq FROM entry INDEXED BY entry_corrections "
                       "WHERE crisis_id = ?1 "
                       "AND kind = 'correction' AND corrects IN (SELECT value FROM json_each(?2)) "
                       "ORDER BY seq"));
      st->Bind(1, crisis_id).Bind(2, absl::StrCat("[", absl::StrJoin(seqs, ","), "]"));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        out[st->Int(0)].push_back(st->Int(1));
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<Entry>> ActionEntries(const std::vector<int64_t>& ids) override {
    std::vector<Entry> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          // Per crisis through the entry_kind index (crisis_id, kind, seq): never a scan of
          // every entry of every crisis.
          conn.Prepare("SELECT " PARAAT_ENTRY_COLUMNS " FROM entry e INDEXED BY entry_kind "
                       "WHERE e.crisis_id IN (SELECT value FROM json_each(?1) "
                       "                      UNION ALL SELECT id FROM crisis WHERE ?1 = '[]') "
                       "AND e.kind IN ('action', 'action-update', 'correction') "
                       "ORDER BY e.crisis_id, e.seq"));
      st->Bind(1, absl::StrCat("[", absl::StrJoin(ids, ","), "]"));
      PARAAT_ASSIGN_OR_RETURN(out, ReadEntries(*st));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<ledger::Hash>> InclusionProof(int64_t crisis_id, uint64_t index,
                                                           uint64_t tree_size) override {
    std::vector<ledger::Hash> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(Crisis c, LoadCrisis(conn, crisis_id));
      if (tree_size == 0 || tree_size > static_cast<uint64_t>(c.entries) || index >= tree_size) {
        return absl::InvalidArgumentError(absl::StrCat(
            "crisis ", crisis_id, " has ", c.entries, " entries; no entry ", index + 1,
            " in a tree of size ", tree_size));
      }
      SqliteNodeStore store(conn, crisis_id);
      PARAAT_ASSIGN_OR_RETURN(out, ledger::InclusionProof(index, tree_size, store));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<ledger::Hash>> ConsistencyProof(int64_t crisis_id, uint64_t m,
                                                             uint64_t n) override {
    std::vector<ledger::Hash> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(Crisis c, LoadCrisis(conn, crisis_id));
      if (m == 0 || m > n || n > static_cast<uint64_t>(c.entries)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "crisis ", crisis_id, " has ", c.entries, " entries; no consistency proof from ", m,
            " to ", n));
      }
      SqliteNodeStore store(conn, crisis_id);
      PARAAT_ASSIGN_OR_RETURN(out, ledger::ConsistencyProof(m, n, store));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<ledger::Hash>> LeafHashes(int64_t crisis_id) override {
    std::vector<ledger::Hash> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_RETURN_IF_ERROR(LoadCrisis(conn, crisis_id).status());
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          conn.Prepare("SELECT hash FROM ledger_node WHERE crisis_id = ? AND level = 0 ORDER BY idx"));
      st->Bind(1, crisis_id);
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        PARAAT_ASSIGN_OR_RETURN(ledger::Hash h, HashOf(st->Blob(0), "leaf"));
        out.push_back(h);
      }
    }));
    return out;
  }

  absl::StatusOr<ledger::Hash> LeafHash(int64_t crisis_id, uint64_t index) override {
    ledger::Hash out{};
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      SqliteNodeStore store(conn, crisis_id);
      PARAAT_ASSIGN_OR_RETURN(out, store.Node(0, index));
      return absl::OkStatus();
    }));
    return out;
  }

  static StoredCheckpoint ReadCheckpoint(const Statement& st) {
    StoredCheckpoint cp;
    cp.crisis_id = st.Int(0);
    cp.tree_size = static_cast<uint64_t>(st.Int(1));
    absl::StatusOr<ledger::Hash> h = ledger::HashFromBytes(st.Blob(2));
    if (h.ok()) cp.root = *h;
    cp.note = st.Text(3);
    cp.signed_at = At(st.Int(4));
    return cp;
  }

  absl::StatusOr<StoredCheckpoint> LatestCheckpoint(int64_t crisis_id) override {
    StoredCheckpoint cp;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          conn.Prepare("SELECT crisis_id, tree_size, root, note, signed_us FROM checkpoint "
                       "WHERE crisis_id = ? ORDER BY tree_size DESC LIMIT 1"));
      st->Bind(1, crisis_id);
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) {
        return absl::NotFoundError(absl::StrCat("crisis ", crisis_id, " has no signed checkpoint yet"));
      }
      cp = ReadCheckpoint(*st);
      return absl::OkStatus();
    }));
    return cp;
  }

  absl::StatusOr<std::vector<StoredCheckpoint>> Checkpoints(int64_t crisis_id) override {
    std::vector<StoredCheckpoint> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          conn.Prepare("SELECT crisis_id, tree_size, root, note, signed_us FROM checkpoint "
                       "WHERE crisis_id = ? ORDER BY tree_size"));
      st->Bind(1, crisis_id);
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        out.push_back(ReadCheckpoint(*st));
      }
    }));
    return out;
  }

  absl::StatusOr<std::vector<std::pair<int64_t, ledger::CompactRange>>> UnsignedHeads() override {
    std::vector<std::pair<int64_t, ledger::CompactRange>> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& conn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          conn.Prepare("SELECT c.id, c.frontier FROM crisis c WHERE c.entry_count > "
                       "COALESCE((SELECT MAX(tree_size) FROM checkpoint k WHERE k.crisis_id = c.id), 0)"));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        PARAAT_ASSIGN_OR_RETURN(ledger::CompactRange r, ledger::CompactRange::Deserialize(st->Blob(1)));
        out.emplace_back(st->Int(0), std::move(r));
      }
    }));
    return out;
  }

  absl::Status SaveCheckpoint(const StoredCheckpoint& cp) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("INSERT OR IGNORE INTO checkpoint (crisis_id, tree_size, root, note, "
                             "signed_us) VALUES (?, ?, ?, ?, ?)"));
      st->Bind(1, cp.crisis_id).Bind(2, static_cast<int64_t>(cp.tree_size)).BindBlob(3, Bytes(cp.root))
          .Bind(4, cp.note).Bind(5, Us(txn.now()));
      return st->Run();
    });
  }

 private:
  Database* db_;
  std::mutex mu_;
  std::function<void(const Entry&)> observer_;  // guarded by mu_
};

}  // namespace

std::unique_ptr<CrisisStore> NewSqliteCrisisStore(Database* db) {
  return std::make_unique<SqliteCrisisStore>(db);
}

absl::StatusOr<int64_t> CountSignedCheckpoints(Database& db) {
  int64_t n = 0;
  PARAAT_RETURN_IF_ERROR(db.Read([&](Connection& c) -> absl::Status {
    PARAAT_ASSIGN_OR_RETURN(n, c.QueryInt("SELECT count(*) FROM checkpoint"));
    return absl::OkStatus();
  }));
  return n;
}

}  // namespace paraat::storage
