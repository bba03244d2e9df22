// SPDX-License-Identifier: EUPL-1.2
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/directory/directory_json.h"
#include "server/storage/audit.h"
#include "server/storage/database.h"
#include "server/storage/directory_rows.h"
#include "server/storage/directory_store.h"

namespace paraat::storage {

using directory::Municipality;
using directory::Person;
using directory::Pool;

namespace {

absl::StatusOr<int64_t> IdByKey(Connection& c, const char* sql, absl::string_view kind,
                                absl::string_view key) {
  absl::StatusOr<StatementRef> st = c.Prepare(sql);
  if (!st.ok()) return st.status();
  (*st)->Bind(1, key);
  absl::StatusOr<bool> row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("unknown ", kind, " '", key, "'"));
  return (*st)->Int(0);
}

absl::Status LoadQualifications(Connection& c, int64_t person_id, Person& p) {
  absl::StatusOr<StatementRef> st = c.Prepare(
      "SELECT qualification FROM person_qualification WHERE person_id = ? ORDER BY qualification");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, person_id);
  p.qualifications.clear();
  while (true) {
    absl::StatusOr<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    p.qualifications.push_back((*st)->Text(0));
  }
}

absl::StatusOr<std::vector<Person>> QueryPeople(Connection& c, Statement& st) {
  std::vector<std::pair<int64_t, Person>> rows;
  while (true) {
    absl::StatusOr<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Person p;
    p.key = st.Text(1);
    p.name = st.Text(2);
    p.municipality = st.Text(3);
    p.phone = st.Text(4);
    p.email = st.Text(5);
    p.active = st.Bool(6);
    rows.emplace_back(st.Int(0), std::move(p));
  }
  std::vector<Person> out;
  out.reserve(rows.size());
  for (auto& [id, p] : rows) {
    if (absl::Status s = LoadQualifications(c, id, p); !s.ok()) return s;
    out.push_back(std::move(p));
  }
  return out;
}

absl::Status LoadMembers(Connection& c, int64_t pool_id, Pool& p) {
  absl::StatusOr<StatementRef> st = c.Prepare(
      "SELECT pe.key FROM pool_member pm JOIN person pe ON pe.id = pm.person_id "
      "WHERE pm.pool_id = ? AND pm.until_us IS NULL ORDER BY pe.key");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, pool_id);
  p.members.clear();
  while (true) {
    absl::StatusOr<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    p.members.push_back((*st)->Text(0));
  }
}

Pool ReadPool(const Statement& st) {
  Pool p;
  p.key = st.Text(1);
  p.name = st.Text(2);
  p.qualification = st.Text(3);
  p.time_zone = st.Text(4);
  p.handover_weekday = static_cast<int>(st.Int(5));
  p.handover_minute = static_cast<int>(st.Int(6));
  p.shift_days = static_cast<int>(st.Int(7));
  p.arrival_norm_minutes = static_cast<int>(st.Int(8));
  p.min_rest_shifts = static_cast<int>(st.Int(9));
  p.auto_approve_swaps = st.Bool(10);
  p.active = st.Bool(11);
  return p;
}

}  // namespace

absl::StatusOr<int64_t> MunicipalityId(Connection& c, absl::string_view key) {
  return IdByKey(c, "SELECT id FROM municipality WHERE key = ?", "municipality", key);
}
absl::StatusOr<int64_t> PersonId(Connection& c, absl::string_view key) {
  return IdByKey(c, "SELECT id FROM person WHERE key = ?", "person", key);
}
absl::StatusOr<int64_t> PoolId(Connection& c, absl::string_view key) {
  return IdByKey(c, "SELECT id FROM pool WHERE key = ?", "pool", key);
}
absl::StatusOr<int64_t> AccountId(Connection& c, absl::string_view username) {
  return IdByKey(c, "SELECT id FROM account WHERE username = ?", "account", username);
}

absl::StatusOr<Municipality> LoadMunicipality(Connection& c, absl::string_view key) {
  absl::StatusOr<StatementRef> st =
      c.Prepare("SELECT key, name, region, active FROM municipality WHERE key = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, key);
  absl::StatusOr<bool> row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("unknown municipality '", key, "'"));
  return Municipality{(*st)->Text(0), (*st)->Text(1), (*st)->Text(2), (*st)->Bool(3)};
}

absl::StatusOr<Person> LoadPerson(Connection& c, absl::string_view key) {
  absl::StatusOr<StatementRef> st =
      c.Prepare("SELECT p.id, p.key, p.name, m.key, p.phone, p.email, p.active FROM person p "
                "JOIN municipality m ON m.id = p.municipality_id WHERE p.key = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, key);
  absl::StatusOr<std::vector<Person>> people = QueryPeople(c, **st);
  if (!people.ok()) return people.status();
  if (people->empty()) return absl::NotFoundError(absl::StrCat("unknown person '", key, "'"));
  return std::move(people->front());
}

absl::StatusOr<Person> LoadPersonById(Connection& c, int64_t id) {
  absl::StatusOr<StatementRef> st =
      c.Prepare("SELECT p.id, p.key, p.name, m.key, p.phone, p.email, p.active FROM person p "
                "JOIN municipality m ON m.id = p.municipality_id WHERE p.id = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, id);
  absl::StatusOr<std::vector<Person>> people = QueryPeople(c, **st);
  if (!people.ok()) return people.status();
  if (people->empty()) return absl::NotFoundError(absl::StrCat("unknown person id ", id));
  return std::move(people->front());
}

absl::StatusOr<Pool> LoadPool(Connection& c, absl::string_view key) {
  absl::StatusOr<StatementRef> st = c.Prepare(
      "SELECT id, key, name, qualification, time_zone, handover_weekday, handover_minute, "
      "shift_days, arrival_norm_minutes, min_rest_shifts, auto_approve_swaps, active FROM pool "
      "WHERE key = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, key);
  absl::StatusOr<bool> row = (*st)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(absl::StrCat("unknown pool '", key, "'"));
  Pool p = ReadPool(**st);
  const int64_t id = (*st)->Int(0);
  if (absl::Status s = LoadMembers(c, id, p); !s.ok()) return s;
  return p;
}

namespace {

class SqliteDirectoryStore : public DirectoryStore {
 public:
  explicit SqliteDirectoryStore(Database* db) : db_(db) {}

  absl::StatusOr<std::vector<Municipality>> ListMunicipalities(bool include_inactive) override {
    std::vector<Municipality> out;
    absl::Status s = db_->Read([&](Connection& c) -> absl::Status {
      absl::StatusOr<StatementRef> st = c.Prepare(
          "SELECT key, name, region, active FROM municipality WHERE active = 1 OR ? "
          "ORDER BY name");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, include_inactive);
      while (true) {
        absl::StatusOr<bool> row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) return absl::OkStatus();
        out.push_back({(*st)->Text(0), (*st)->Text(1), (*st)->Text(2), (*st)->Bool(3)});
      }
    });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<Municipality> GetMunicipality(absl::string_view key) override {
    absl::StatusOr<Municipality> out;
    absl::Status s = db_->Read([&](Connection& c) {
      out = LoadMunicipality(c, key);
      return out.status();
    });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<Municipality> CreateMunicipality(absl::string_view actor,
                                                  const Municipality& m) override {
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      absl::StatusOr<StatementRef> st = txn.conn().Prepare(
          "INSERT INTO municipality (key, name, region, active) VALUES (?, ?, ?, ?)");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, m.key).Bind(2, m.name).Bind(3, m.region).Bind(4, m.active);
      if (absl::Status r = (*st)->Run(); !r.ok()) {
        if (absl::IsAlreadyExists(r)) {
          return absl::AlreadyExistsError(absl::StrCat("municipality '", m.key, "' already exists"));
        }
        return r;
      }
      return AppendAudit(txn, actor, "municipality.create", absl::StrCat("municipality/", m.key),
                         nullptr, directory::ToJson(m));
    });
    if (!s.ok()) return s;
    return m;
  }

  absl::StatusOr<Municipality> UpdateMunicipality(absl::string_view actor, absl::string_view key,
                                                  const Edit<Municipality>& edit) override {
    Municipality after;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      absl::StatusOr<Municipality> before = LoadMunicipality(txn.conn(), key);
      if (!before.ok()) return before.status();
      after = *before;
      if (absl::Status e = edit(after); !e.ok()) return e;
      absl::StatusOr<StatementRef> st = txn.conn().Prepare(
          "UPDATE municipality SET name = ?, region = ?, active = ? WHERE key = ?");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, after.name).Bind(2, after.region).Bind(3, after.active).Bind(4, key);
      if (absl::Status r = (*st)->Run(); !r.ok()) return r;
      return AppendAudit(txn, actor, "municipality.update", absl::StrCat("municipality/", key),
                         directory::ToJson(*before), directory::ToJson(after));
    });
    if (!s.ok()) return s;
    return after;
  }

  absl::StatusOr<std::vector<Person>> ListPeople(const PeopleFilter& f) override {
    std::vector<Person> out;
    absl::Status s = db_->Read([&](Connection& c) -> absl::Status {
      absl::StatusOr<StatementRef> st = c.Prepare(
          "SELECT p.id, p.key, p.name, m.key, p.phone, p.email, p.active FROM person p "
          "JOIN municipality m ON m.id = p.municipality_id "
          "WHERE (p.active = 1 OR ?) AND (? = '' OR m.key = ?) AND (? = '' OR EXISTS ("
          "SELECT 1 FROM person_qualification q WHERE q.person_id = p.id AND q.qualification = ?)) "
          "ORDER BY p.name, p.key");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, f.include_inactive).Bind(2, f.municipality).Bind(3, f.municipality)
          .Bind(4, f.qualification).Bind(5, f.qualification);
      absl::StatusOr<std::vector<Person>> people = QueryPeople(c, **st);
      if (!people.ok()) return people.status();
      out = std::move(*people);
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<Person> GetPerson(absl::string_view key) override {
    absl::StatusOr<Person> out;
    absl::Status s = db_->Read([&](Connection& c) {
      out = LoadPerson(c, key);
      return out.status();
    });
    if (!s.ok()) return s;
    return out;
  }

  static absl::Status WriteQualifications(Connection& c, int64_t person_id, const Person& p) {
    absl::StatusOr<StatementRef> del =
        c.Prepare("DELETE FROM person_qualification WHERE person_id = ?");
    if (!del.ok()) return del.status();
    (*del)->Bind(1, person_id);
    if (absl::Status s = (*del)->Run(); !s.ok()) return s;
    for (const std::string& q : p.qualifications) {
      absl::StatusOr<StatementRef> ins = c.Prepare(
          "INSERT OR IGNORE INTO person_qualification (person_id, qualification) VALUES (?, ?)");
      if (!ins.ok()) return ins.status();
      (*ins)->Bind(1, person_id).Bind(2, q);
      if (absl::Status s = (*ins)->Run(); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Person> CreatePerson(absl::string_view actor, const Person& p) override {
    Person created;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      absl::StatusOr<int64_t> mid = MunicipalityId(c, p.municipality);
      if (!mid.ok()) return mid.status();
      absl::StatusOr<StatementRef> st = c.Prepare(
          "INSERT INTO person (key, name, municipality_id, phone, email, active) "
          "VALUES (?, ?, ?, ?, ?, ?)");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, p.key).Bind(2, p.name).Bind(3, *mid).Bind(4, p.phone).Bind(5, p.email)
          .Bind(6, p.active);
      if (absl::Status r = (*st)->Run(); !r.ok()) {
        if (absl::IsAlreadyExists(r)) {
          return absl::AlreadyExistsError(absl::StrCat("person '", p.key, "' already exists"));
        }
        return r;
      }
      if (absl::Status r = WriteQualifications(c, c.LastInsertRowId(), p); !r.ok()) return r;
      absl::StatusOr<Person> loaded = LoadPerson(c, p.key);
      if (!loaded.ok()) return loaded.status();
      created = *loaded;
      return AppendAudit(txn, actor, "person.create", absl::StrCat("person/", p.key), nullptr,
                         directory::ToJson(created));
    });
    if (!s.ok()) return s;
    return created;
  }

  absl::StatusOr<Person> UpdatePerson(absl::string_view actor, absl::string_view key,
                                      const Edit<Person>& edit) override {
    Person after;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      absl::StatusOr<Person> before = LoadPerson(c, key);
      if (!before.ok()) return before.status();
      after = *before;
      if (absl::Status e = edit(after); !e.ok()) return e;
      absl::StatusOr<int64_t> mid = MunicipalityId(c, after.municipality);
      if (!mid.ok()) return mid.status();
      absl::StatusOr<int64_t> pid = PersonId(c, key);
      if (!pid.ok()) return pid.status();
      absl::StatusOr<StatementRef> st = c.Prepare(
          "UPDATE person SET name = ?, municipality_id = ?, phone = ?, email = ?, active = ? "
          "WHERE id = ?");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, after.name).Bind(2, *mid).Bind(3, after.phone).Bind(4, after.email)
          .Bind(5, after.active).Bind(6, *pid);
      if (absl::Status r = (*st)->Run(); !r.ok()) return r;
      if (absl::Status r = WriteQualifications(c, *pid, after); !r.ok()) return r;
      absl::StatusOr<Person> loaded = LoadPerson(c, key);
      if (!loaded.ok()) return loaded.status();
      after = *loaded;
      return AppendAudit(txn, actor, "person.update", absl::StrCat("person/", key),
                         directory::ToJson(*before), directory::ToJson(after));
    });
    if (!s.ok()) return s;
    return after;
  }

  absl::StatusOr<std::vector<Pool>> ListPools(bool include_inactive) override {
    std::vector<Pool> out;
    absl::Status s = db_->Read([&](Connection& c) -> absl::Status {
      absl::StatusOr<StatementRef> st = c.Prepare(
          "SELECT id, key, name, qualification, time_zone, handover_weekday, handover_minute, "
          "shift_days, arrival_norm_minutes, min_rest_shifts, auto_approve_swaps, active "
          "FROM pool WHERE active = 1 OR ? ORDER BY key");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, include_inactive);
      std::vector<std::pair<int64_t, Pool>> rows;
      while (true) {
        absl::StatusOr<bool> row = (*st)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        rows.emplace_back((*st)->Int(0), ReadPool(**st));
      }
      for (auto& [id, p] : rows) {
        if (absl::Status m = LoadMembers(c, id, p); !m.ok()) return m;
        out.push_back(std::move(p));
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<Pool> GetPool(absl::string_view key) override {
    absl::StatusOr<Pool> out;
    absl::Status s = db_->Read([&](Connection& c) {
      out = LoadPool(c, key);
      return out.status();
    });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<Pool> CreatePool(absl::string_view actor, const Pool& p) override {
    Pool created;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      absl::StatusOr<StatementRef> st = c.Prepare(
          "INSERT INTO pool (key, name, qualification, time_zone, handover_weekday, "
          "handover_minute, shift_days, arrival_norm_minutes, min_rest_shifts, "
          "auto_approve_swaps, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, p.key).Bind(2, p.name).Bind(3, p.qualification).Bind(4, p.time_zone)
          .Bind(5, p.handover_weekday).Bind(6, p.handover_minute).Bind(7, p.shift_days)
          .Bind(8, p.arrival_norm_minutes).Bind(9, p.min_rest_shifts)
          .Bind(10, p.auto_approve_swaps).Bind(11, p.active);
      if (absl::Status r = (*st)->Run(); !r.ok()) {
        if (absl::IsAlreadyExists(r)) {
          return absl::AlreadyExistsError(absl::StrCat("pool '", p.key, "' already exists"));
        }
        return r;
      }
      absl::StatusOr<Pool> loaded = LoadPool(c, p.key);
      if (!loaded.ok()) return loaded.status();
      created = *loaded;
      return AppendAudit(txn, actor, "pool.create", absl::StrCat("pool/", p.key), nullptr,
                         directory::ToJson(created));
    });
    if (!s.ok()) return s;
    return created;
  }

  absl::StatusOr<Pool> UpdatePool(absl::string_view actor, absl::string_view key,
                                  const Edit<Pool>& edit) override {
    Pool after;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      absl::StatusOr<Pool> before = LoadPool(c, key);
      if (!before.ok()) return before.status();
      after = *before;
      if (absl::Status e = edit(after); !e.ok()) return e;
      absl::StatusOr<StatementRef> st = c.Prepare(
          "UPDATE pool SET name = ?, time_zone = ?, handover_weekday = ?, handover_minute = ?, "
          "shift_days = ?, arrival_norm_minutes = ?, min_rest_shifts = ?, auto_approve_swaps = ?, "
          "active = ?, qualification = ? WHERE key = ?");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, after.name).Bind(2, after.time_zone).Bind(3, after.handover_weekday)
          .Bind(4, after.handover_minute).Bind(5, after.shift_days)
          .Bind(6, after.arrival_norm_minutes).Bind(7, after.min_rest_shifts)
          .Bind(8, after.auto_approve_swaps).Bind(9, after.active).Bind(10, after.qualification)
          .Bind(11, key);
      if (absl::Status r = (*st)->Run(); !r.ok()) return r;
      return AppendAudit(txn, actor, "pool.update", absl::StrCat("pool/", key),
                         directory::ToJson(*before), directory::ToJson(after));
    });
    if (!s.ok()) return s;
    return after;
  }

  absl::StatusOr<Pool> AddPoolMember(absl::string_view actor, absl::string_view pool,
                                     absl::string_view person,
                                     const MembershipCheck& check) override {
    Pool after;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      absl::StatusOr<Pool> before = LoadPool(c, pool);
      if (!before.ok()) return before.status();
      absl::StatusOr<Person> who = LoadPerson(c, person);
      if (!who.ok()) return who.status();
      for (const std::string& m : before->members) {
        if (m == person) {
          return absl::AlreadyExistsError(
              absl::StrCat(person, " is already a member of pool '", pool, "'"));
        }
      }
      if (absl::Status e = check(*before, *who); !e.ok()) return e;
      absl::StatusOr<int64_t> pool_id = PoolId(c, pool);
      absl::StatusOr<int64_t> person_id = PersonId(c, person);
      if (!pool_id.ok()) return pool_id.status();
      if (!person_id.ok()) return person_id.status();
      absl::StatusOr<StatementRef> st = c.Prepare(
          "INSERT INTO pool_member (pool_id, person_id, since_us) VALUES (?, ?, ?)");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, *pool_id).Bind(2, *person_id).Bind(3, absl::ToUnixMicros(txn.now()));
      if (absl::Status r = (*st)->Run(); !r.ok()) return r;
      absl::StatusOr<Pool> loaded = LoadPool(c, pool);
      if (!loaded.ok()) return loaded.status();
      after = *loaded;
      return AppendAudit(txn, actor, "pool.member.add", absl::StrCat("pool/", pool),
                         directory::ToJson(*before), directory::ToJson(after));
    });
    if (!s.ok()) return s;
    return after;
  }

  absl::StatusOr<Pool> RemovePoolMember(absl::string_view actor, absl::string_view pool,
                                        absl::string_view person) override {
    Pool after;
    absl::Status s = db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      absl::StatusOr<Pool> before = LoadPool(c, pool);
      if (!before.ok()) return before.status();
      absl::StatusOr<int64_t> person_id = PersonId(c, person);
      if (!person_id.ok()) return person_id.status();
      absl::StatusOr<int64_t> pool_id = PoolId(c, pool);
      if (!pool_id.ok()) return pool_id.status();
      absl::StatusOr<StatementRef> st = c.Prepare(
          "UPDATE pool_member SET until_us = ? WHERE pool_id = ? AND person_id = ? "
          "AND until_us IS NULL");
      if (!st.ok()) return st.status();
      (*st)->Bind(1, absl::ToUnixMicros(txn.now())).Bind(2, *pool_id).Bind(3, *person_id);
      if (absl::Status r = (*st)->Run(); !r.ok()) return r;
      if (c.Changes() == 0) {
        return absl::NotFoundError(
            absl::StrCat(person, " is not a member of pool '", pool, "'"));
      }
      absl::StatusOr<Pool> loaded = LoadPool(c, pool);
      if (!loaded.ok()) return loaded.status();
      after = *loaded;
      return AppendAudit(txn, actor, "pool.member.remove", absl::StrCat("pool/", pool),
                         directory::ToJson(*before), directory::ToJson(after));
    });
    if (!s.ok()) return s;
    return after;
  }

 private:
  Database* db_;
};

}  // namespace

std::unique_ptr<DirectoryStore> NewSqliteDirectoryStore(Database* db) {
  return std::make_unique<SqliteDirectoryStore>(db);
}

}  // namespace paraat::storage
