// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/migrations.h"

namespace paraat::storage {

namespace {

// Times are microseconds since the Unix epoch, UTC. Nothing that history refers to is ever
// deleted: rows are deactivated instead.
constexpr absl::string_view kV1Directory = R"sql(
CREATE TABLE municipality (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  municipality_id INTEGER NOT NULL REFERENCES municipality(id),
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX person_municipality ON person(municipality_id);

CREATE TABLE person_qualification (
  person_id INTEGER NOT NULL REFERENCES person(id),
  qualification TEXT NOT NULL,
  PRIMARY KEY (person_id, qualification)
) STRICT, WITHOUT ROWID;

CREATE TABLE pool (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  qualification TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  handover_weekday INTEGER NOT NULL CHECK (handover_weekday BETWEEN 1 AND 7),
  handover_minute INTEGER NOT NULL CHECK (handover_minute BETWEEN 0 AND 1439),
  shift_days INTEGER NOT NULL CHECK (shift_days >= 1),
  arrival_norm_minutes INTEGER NOT NULL,
  min_rest_shifts INTEGER NOT NULL DEFAULT 1,
  auto_approve_swaps INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Memberships are kept after they end (until_us set), because rosters refer to them.
CREATE TABLE pool_member (
  id INTEGER PRIMARY KEY,
  pool_id INTEGER NOT NULL REFERENCES pool(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  since_us INTEGER NOT NULL,
  until_us INTEGER
) STRICT;
CREATE UNIQUE INDEX pool_member_active ON pool_member(pool_id, person_id) WHERE until_us IS NULL;

CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'coordinator', 'administrator')),
  scope_municipality_id INTEGER REFERENCES municipality(id),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_us INTEGER NOT NULL DEFAULT 0,
  last_login_us INTEGER,
  created_us INTEGER NOT NULL
) STRICT;

-- Session tokens are stored only as their SHA-256 hash.
CREATE TABLE session (
  token_hash BLOB PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id),
  created_us INTEGER NOT NULL,
  expires_us INTEGER NOT NULL,
  revoked_us INTEGER
) STRICT;
CREATE INDEX session_account ON session(account_id);

-- The audit trail: append-only, each row chained to the previous by hash
-- (see docs/audit.md). Written in the same transaction as the change it records.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at_us INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Refused calls are counted per account, method and minute instead of audited one by one.
CREATE TABLE refusal (
  actor TEXT NOT NULL,
  method TEXT NOT NULL,
  minute_us INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (actor, method, minute_us)
) STRICT, WITHOUT ROWID;

-- Settings of the installation (key/value), e.g. the region's name.
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

// Piket duty. Roster shifts are never deleted: a replaced shift is marked superseded, and
// the parts of it outside the change are written again as new rows, so the final schedule
// of the past stays exactly as it was.
constexpr absl::string_view kV2Roster = R"sql(
CREATE TABLE roster_shift (
  id INTEGER PRIMARY KEY,
  pool_id INTEGER NOT NULL REFERENCES pool(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  origin TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  superseded_us INTEGER,
  CHECK (end_us > start_us)
) STRICT;
CREATE INDEX roster_shift_in_force ON roster_shift(pool_id, start_us) WHERE superseded_us IS NULL;
CREATE INDEX roster_shift_person ON roster_shift(person_id, start_us) WHERE superseded_us IS NULL;

CREATE TABLE swap (
  id INTEGER PRIMARY KEY,
  pool_id INTEGER NOT NULL REFERENCES pool(id),
  shift_id INTEGER NOT NULL REFERENCES roster_shift(id),
  giver_id INTEGER NOT NULL REFERENCES person(id),
  taker_id INTEGER NOT NULL REFERENCES person(id),
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  return_shift_id INTEGER REFERENCES roster_shift(id),
  return_start_us INTEGER,
  return_end_us INTEGER,
  status TEXT NOT NULL CHECK (status IN
    ('requested', 'accepted', 'approved', 'declined', 'rejected', 'cancelled')),
  requested_by TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL,
  CHECK (end_us > start_us)
) STRICT;
CREATE INDEX swap_pool_time ON swap(pool_id, start_us);

CREATE TABLE override (
  id INTEGER PRIMARY KEY,
  pool_id INTEGER NOT NULL REFERENCES pool(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  planned_end_us INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  CHECK (end_us >= start_us)
) STRICT;
CREATE INDEX override_pool_time ON override(pool_id, start_us);

CREATE TABLE leave (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  cancelled_us INTEGER,
  CHECK (end_us >= start_us)
) STRICT;
CREATE INDEX leave_person_time ON leave(person_id, start_us);
)sql";

// Crisis logs. Entries are append-only (triggers refuse UPDATE and DELETE); each is a leaf of
// its crisis's Merkle tree, whose complete subtrees are kept in ledger_node and whose signed
// tree heads are kept in checkpoint (docs/ledger.md).
constexpr absl::string_view kV3Crisis = R"sql(
CREATE TABLE crisis (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  grip TEXT NOT NULL,
  open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
  opened_us INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  closed_us INTEGER,
  entry_count INTEGER NOT NULL DEFAULT 0,
  frontier BLOB NOT NULL,
  last_entry_us INTEGER NOT NULL
) STRICT;

CREATE TABLE crisis_municipality (
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  municipality_id INTEGER NOT NULL REFERENCES municipality(id),
  PRIMARY KEY (crisis_id, municipality_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE entry (
  id INTEGER PRIMARY KEY,
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  author TEXT NOT NULL,
  author_name TEXT NOT NULL,
  entered_us INTEGER NOT NULL,
  event_us INTEGER NOT NULL,
  text TEXT NOT NULL,
  municipalities TEXT NOT NULL,
  refs TEXT NOT NULL,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  grip TEXT NOT NULL,
  action_owner TEXT NOT NULL,
  action_deadline_us INTEGER,
  action_status TEXT NOT NULL,
  action_ref INTEGER NOT NULL,
  corrects INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_digest BLOB NOT NULL,
  leaf_hash BLOB NOT NULL,
  UNIQUE (crisis_id, seq)
) STRICT;
CREATE UNIQUE INDEX entry_idempotency ON entry(author, idempotency_key);
CREATE INDEX entry_kind ON entry(crisis_id, kind, seq);
CREATE INDEX entry_actions ON entry(kind, crisis_id) WHERE kind IN ('action', 'action-update');
CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry
  BEGIN SELECT RAISE(ABORT, 'crisis log entries are append-only; append a correction'); END;
CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry
  BEGIN SELECT RAISE(ABORT, 'crisis log entries are append-only'); END;

-- Full-text search over entry text (external content: the entry table).
CREATE VIRTUAL TABLE entry_fts USING fts5(text, content='entry', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry
  BEGIN INSERT INTO entry_fts(rowid, text) VALUES (new.id, new.text); END;

CREATE TABLE ledger_node (
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (crisis_id, level, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkpoint (
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  tree_size INTEGER NOT NULL,
  root BLOB NOT NULL,
  note TEXT NOT NULL,
  signed_us INTEGER NOT NULL,
  PRIMARY KEY (crisis_id, tree_size)
) STRICT, WITHOUT ROWID;
)sql";

// Feed links: secret links to iCalendar feeds, stored only as the SHA-256 of the secret.
// Feeds read change times from the audit trail (when an override was ended, when a person or
// pool was last edited), hence the index on the audit trail's object names.
constexpr absl::string_view kV4Feeds = R"sql(
CREATE TABLE feed_link (
  id INTEGER PRIMARY KEY,
  secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  account_id INTEGER NOT NULL REFERENCES account(id),
  kind TEXT NOT NULL CHECK (kind IN ('pool', 'person')),
  pool_id INTEGER REFERENCES pool(id),
  person_id INTEGER REFERENCES person(id),
  created_us INTEGER NOT NULL,
  revoked_us INTEGER,
  revoked_by TEXT,
  CHECK ((kind = 'pool') = (pool_id IS NOT NULL)),
  CHECK ((kind = 'person') = (person_id IS NOT NULL))
) STRICT;
CREATE INDEX feed_link_account ON feed_link(account_id);
CREATE INDEX audit_object ON audit(object, at_us);
)sql";

// Capacity reallocation: the ambitions, each municipality's hours and plan, loan rules, the
// crisis demand per ISO week, proposals (with the exact input they were solved on) and the
// allocations approved from them (never deleted: restored ones keep their history).
constexpr absl::string_view kV5Capacity = R"sql(
CREATE TABLE ambition (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  rank INTEGER NOT NULL CHECK (rank >= 1),
  weight REAL NOT NULL,
  regular INTEGER NOT NULL DEFAULT 0 CHECK (regular IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE capacity (
  municipality_id INTEGER PRIMARY KEY REFERENCES municipality(id),
  fte REAL NOT NULL,
  available_hours REAL NOT NULL,
  overtime_hours REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE capacity_plan (
  municipality_id INTEGER NOT NULL REFERENCES municipality(id),
  ambition_id INTEGER NOT NULL REFERENCES ambition(id),
  planned_hours REAL NOT NULL,
  floor_hours REAL,
  PRIMARY KEY (municipality_id, ambition_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE loan_rule (
  lender_id INTEGER NOT NULL REFERENCES municipality(id),
  borrower_id INTEGER NOT NULL REFERENCES municipality(id),
  allowed INTEGER NOT NULL CHECK (allowed IN (0, 1)),
  cost REAL NOT NULL,
  PRIMARY KEY (lender_id, borrower_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE crisis_demand (
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  iso_year INTEGER NOT NULL,
  iso_week INTEGER NOT NULL,
  municipality_id INTEGER NOT NULL REFERENCES municipality(id),
  hours REAL NOT NULL,
  PRIMARY KEY (crisis_id, iso_year, iso_week, municipality_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE proposal (
  id INTEGER PRIMARY KEY,
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  iso_year INTEGER NOT NULL,
  iso_week INTEGER NOT NULL,
  policy TEXT NOT NULL,
  input_json TEXT NOT NULL,
  input_digest BLOB NOT NULL,
  summary TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_us INTEGER NOT NULL
) STRICT;

CREATE TABLE allocation (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL UNIQUE REFERENCES proposal(id),
  crisis_id INTEGER NOT NULL REFERENCES crisis(id),
  iso_year INTEGER NOT NULL,
  iso_week INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  approved_us INTEGER NOT NULL,
  decision_seq INTEGER NOT NULL,
  restored_us INTEGER,
  restored_by TEXT,
  restore_seq INTEGER
) STRICT;
CREATE UNIQUE INDEX allocation_active ON allocation(crisis_id, iso_year, iso_week)
  WHERE restored_us IS NULL;
)sql";

// Stated roster preferences: duties people would like or would rather not have.
constexpr absl::string_view kV6Preferences = R"sql(
CREATE TABLE preference (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  weight INTEGER NOT NULL CHECK (weight BETWEEN -100 AND 100 AND weight != 0),
  reason TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  removed_us INTEGER,
  CHECK (end_us > start_us)
) STRICT;
CREATE INDEX preference_person ON preference(person_id, start_us);
)sql";

// The corrections of an entry, found without reading the log (ListEntries and SearchEntries
// show each entry's corrections).
constexpr absl::string_view kV7Corrections = R"sql(
CREATE INDEX entry_corrections ON entry(crisis_id, corrects) WHERE kind = 'correction';
)sql";

// Entries are indexed for search by the append itself (WriteEntry leaves a group step that
// inserts the row once all jobs of the group have run, in the same transaction): the AFTER
// INSERT trigger ran inside each job's savepoint, and FTS5 flushes its pending index at every
// savepoint, so each append wrote a segment of its own (about 20 us of the writer's time).
constexpr absl::string_view kV8FtsWithoutTrigger = R"sql(
DROP TRIGGER IF EXISTS entry_fts_insert;
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration>* const kMigrations = new std::vector<Migration>{
      {1, "directory, accounts, sessions, audit trail", kV1Directory},
      {2, "piket duty: roster shifts, swaps, overrides, leave", kV2Roster},
      {3, "crisis logs: entries, full-text search, Merkle nodes, checkpoints", kV3Crisis},
      {4, "feed links to iCalendar feeds; audit trail indexed by object", kV4Feeds},
      {5, "capacity reallocation: ambitions, plans, loans, demand, proposals, allocations",
       kV5Capacity},
      {6, "roster preferences", kV6Preferences},
      {7, "crisis logs: corrections indexed by the entry they correct", kV7Corrections},
      {8, "crisis logs: entries indexed for search by the append itself, not a trigger",
       kV8FtsWithoutTrigger},
  };
  return *kMigrations;
}

}  // namespace paraat::storage
