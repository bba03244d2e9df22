// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/capacity/capacity_json.h"
#include "common/ledger/sha256.h"
#include "common/status/status_macros.h"
#include "server/storage/audit.h"
#include "server/storage/capacity_store.h"
#include "server/storage/database.h"
#include "server/storage/directory_rows.h"
#include "server/storage/settings.h"

namespace paraat::storage {

using capacity::Ambition;
using capacity::CapacityInput;
using capacity::IsoWeek;
using capacity::Municipality;

namespace {

int64_t Us(absl::Time t) { return absl::ToUnixMicros(t); }

absl::StatusOr<std::vector<std::pair<Ambition, bool>>> ReadAmbitions(Connection& c) {
  std::vector<std::pair<Ambition, bool>> out;
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT key, name, rank, weight, regular, active FROM ambition ORDER BY regular DESC, rank, key"));
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    Ambition a;
    a.key = st->Text(0);
    a.name = st->Text(1);
    a.rank = static_cast<int>(st->Int(2));
    a.weight = st->Double(3);
    a.regular = st->Bool(4);
    out.emplace_back(a, st->Bool(5));
  }
}

absl::StatusOr<std::string> Setting(Connection& c, const char* key, const char* fallback) {
  PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare("SELECT value FROM setting WHERE key = ?"));
  st->Bind(1, key);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Text(0) : std::string(fallback);
}

absl::StatusOr<LoanSettings> ReadLoans(Connection& c) {
  LoanSettings l;
  PARAAT_ASSIGN_OR_RETURN(std::string same, Setting(c, "loans_same_region_default", "1"));
  PARAAT_ASSIGN_OR_RETURN(std::string cost, Setting(c, "loans_default_cost", "1.2"));
  l.same_region_default = same != "0";
  if (!absl::SimpleAtod(cost, &l.default_cost)) l.default_cost = capacity::kDefaultLoanCost;
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT a.key, b.key, r.allowed, r.cost FROM loan_rule r JOIN municipality a "
                "ON a.id = r.lender_id JOIN municipality b ON b.id = r.borrower_id ORDER BY a.key, b.key"));
  capacity::LoanRules stored{l.same_region_default, l.default_cost, {}};
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    stored.rules.push_back({st->Text(0), st->Text(1), st->Bool(2), st->Double(3)});
  }
  // Costs below 1 stored before they were refused plan as 1.
  capacity::RaiseLoanCostsToMinimum(&stored);
  l.default_cost = stored.default_cost;
  l.rules = std::move(stored.rules);
  return l;
}

// With `inactive_ambitions`, also the plan lines of ambitions taken out of use (they come back
// when the ambition is reactivated).
absl::StatusOr<std::vector<Municipality>> ReadMunicipalities(Connection& c,
                                                             bool inactive_ambitions = false) {
  std::vector<Municipality> out;
  std::map<std::string, size_t> index;
  {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        c.Prepare("SELECT m.key, m.name, m.region, k.fte, k.available_hours, k.overtime_hours "
                  "FROM capacity k JOIN municipality m ON m.id = k.municipality_id "
                  "WHERE m.active = 1 ORDER BY m.key"));
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      Municipality m;
      m.key = st->Text(0);
      m.name = st->Text(1);
      m.region = st->Text(2);
      m.fte = st->Double(3);
      m.available_hours = st->Double(4);
      m.overtime_hours = st->Double(5);
      index[m.key] = out.size();
      out.push_back(std::move(m));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT m.key, a.key, p.planned_hours, p.floor_hours FROM capacity_plan p "
                "JOIN municipality m ON m.id = p.municipality_id JOIN ambition a ON a.id = p.ambition_id "
                "WHERE a.active = 1 OR ?1 ORDER BY m.key, a.regular DESC, a.rank, a.key"));
  st->Bind(1, inactive_ambitions);
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    auto it = index.find(st->Text(0));
    if (it == index.end()) continue;
    capacity::AmbitionPlan p;
    p.ambition = st->Text(1);
    p.planned_hours = st->Double(2);
    if (!st->IsNull(3)) p.floor_hours = st->Double(3);
    out[it->second].plan.push_back(p);
  }
}

AllocationRecord ReadAllocation(const Statement& st) {
  AllocationRecord a;
  a.id = st.Int(0);
  a.proposal_id = st.Int(1);
  a.crisis_id = st.Int(2);
  a.week = {static_cast<int>(st.Int(3)), static_cast<int>(st.Int(4))};
  a.approved_by = st.Text(5);
  a.approved = absl::FromUnixMicros(st.Int(6));
  a.decision_seq = st.Int(7);
  if (!st.IsNull(8)) a.restored = absl::FromUnixMicros(st.Int(8));
  a.restored_by = st.Text(9);
  a.restore_seq = st.IsNull(10) ? 0 : st.Int(10);
  a.summary = st.Text(11);
  return a;
}

#define PARAAT_ALLOCATION_COLUMNS                                                              \
  "a.id, a.proposal_id, a.crisis_id, a.iso_year, a.iso_week, a.approved_by, a.approved_us, " \
  "a.decision_seq, a.restored_us, COALESCE(a.restored_by, ''), a.restore_seq, p.summary "

absl::StatusOr<std::vector<AllocationRecord>> QueryAllocations(Statement& st) {
  std::vector<AllocationRecord> out;
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(ReadAllocation(st));
  }
}

absl::StatusOr<ProposalRecord> LoadProposal(Connection& c, int64_t id) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT id, crisis_id, iso_year, iso_week, policy, input_json, input_digest, "
                "summary, created_by, created_us FROM proposal WHERE id = ?"));
  st->Bind(1, id);
  PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("unknown proposal ", id));
  ProposalRecord p;
  p.id = st->Int(0);
  p.crisis_id = st->Int(1);
  p.week = {static_cast<int>(st->Int(2)), static_cast<int>(st->Int(3))};
  PARAAT_ASSIGN_OR_RETURN(p.policy, capacity::ParsePolicy(st->Text(4)));
  PARAAT_ASSIGN_OR_RETURN(json::Value input, json::Parse(st->Text(5)));
  PARAAT_ASSIGN_OR_RETURN(p.input, capacity::InputFromJson(input));
  capacity::RaiseLoanCostsToMinimum(&p.input.loans);  // as ReadLoans
  p.digest = st->Blob(6);
  p.summary = st->Text(7);
  p.created_by = st->Text(8);
  p.created = absl::FromUnixMicros(st->Int(9));
  return p;
}

}  // namespace

std::string CapacityVersion(const Municipality& m) {
  CapacityInput one;
  one.municipalities = {m};
  const std::string text = capacity::CanonicalText(one);
  const ledger::Sha256Digest d = ledger::Sha256({ledger::AsBytes(text)});
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

std::string InputDigest(const CapacityInput& in) {
  const std::string text = capacity::CanonicalText(in);
  const ledger::Sha256Digest d = ledger::Sha256({ledger::AsBytes(text)});
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

absl::StatusOr<CapacityInput> LoadCapacityInput(Connection& c, int64_t crisis_id, IsoWeek week,
                                                const std::string& crisis_label,
                                                bool inactive_ambitions) {
  CapacityInput in;
  PARAAT_ASSIGN_OR_RETURN(auto ambitions, ReadAmbitions(c));
  for (const auto& [a, active] : ambitions) {
    if (active || inactive_ambitions) in.ambitions.push_back(a);
  }
  PARAAT_ASSIGN_OR_RETURN(in.municipalities, ReadMunicipalities(c, inactive_ambitions));
  PARAAT_ASSIGN_OR_RETURN(LoanSettings loans, ReadLoans(c));
  in.loans.same_region_default = loans.same_region_default;
  in.loans.default_cost = loans.default_cost;
  in.loans.rules = loans.rules;
  // A rule of a municipality deactivated, or without capacity figures yet, is dormant.
  capacity::LeaveOutDormantLoanRules(&in);
  in.demand.crisis = crisis_label;
  in.demand.week = week;
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT m.key, d.hours, m.active FROM crisis_demand d JOIN municipality m "
                "ON m.id = d.municipality_id WHERE d.crisis_id = ? AND d.iso_year = ? AND "
                "d.iso_week = ? ORDER BY m.key"));
  st->Bind(1, crisis_id).Bind(2, week.year).Bind(3, week.week);
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (!st->Bool(2)) {
      if (st->Double(1) <= 0) continue;  // no demand: a municipality out of use may have that
      return absl::FailedPreconditionError(absl::StrCat(
          "the crisis demand of ", capacity::FormatIsoWeek(week), " asks ", capacity::FormatHours(st->Double(1)),
          " h of ", st->Text(0), ", which is deactivated: set that demand to 0 or reactivate ",
          st->Text(0)));
    }
    const std::string key = st->Text(0);
    if (std::none_of(in.municipalities.begin(), in.municipalities.end(),
                     [&](const capacity::Municipality& m) { return m.key == key; })) {
      if (st->Double(1) <= 0) continue;  // no demand: nothing to plan for it
      return absl::FailedPreconditionError(absl::StrCat(
          "the crisis demand of ", capacity::FormatIsoWeek(week), " asks ",
          capacity::FormatHours(st->Double(1)), " h of ", key,
          ", which has no capacity figures: set them (paraat capacity set ", key,
          " --fte N --available H) or set that demand to 0"));
    }
    in.demand.hours.push_back({key, st->Double(1)});
  }
  return in;
}

absl::StatusOr<std::vector<AllocationRecord>> ActiveAllocations(Connection& c, int64_t crisis_id,
                                                                std::optional<IsoWeek> week) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      c.Prepare("SELECT " PARAAT_ALLOCATION_COLUMNS " FROM allocation a JOIN proposal p "
                "ON p.id = a.proposal_id WHERE (?1 = 0 OR a.crisis_id = ?1) AND a.restored_us IS NULL "
                "AND (?2 = 0 OR (a.iso_year = ?2 AND a.iso_week = ?3)) ORDER BY a.iso_year, a.iso_week"));
  st->Bind(1, crisis_id).Bind(2, week ? week->year : 0).Bind(3, week ? week->week : 0);
  return QueryAllocations(*st);
}

absl::StatusOr<AllocationRecord> ApproveInTxn(Txn& txn, int64_t proposal_id, absl::string_view actor,
                                              int64_t decision_seq) {
  Connection& c = txn.conn();
  PARAAT_ASSIGN_OR_RETURN(ProposalRecord p, LoadProposal(c, proposal_id));
  {
    PARAAT_ASSIGN_OR_RETURN(StatementRef st,
                            c.Prepare("SELECT id FROM allocation WHERE proposal_id = ?"));
    st->Bind(1, proposal_id);
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      return absl::FailedPreconditionError(
          absl::StrCat("proposal ", proposal_id, " was approved already (allocation ", st->Int(0), ")"));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(CapacityInput now, LoadCapacityInput(c, p.crisis_id, p.week, p.input.demand.crisis));
  if (InputDigest(now) != p.digest) {
    return absl::AbortedError(absl::StrCat(
        "the data behind proposal ", proposal_id, " (hours, plans, ambitions, loans or the demand of ",
        capacity::FormatIsoWeek(p.week), ") changed since it was made; propose again"));
  }
  // An earlier allocation of the same week ends now: one allocation is in force per week.
  PARAAT_ASSIGN_OR_RETURN(std::vector<AllocationRecord> active, ActiveAllocations(c, p.crisis_id, p.week));
  for (const AllocationRecord& a : active) {
    PARAAT_RETURN_IF_ERROR(RestoreInTxn(txn, a.id, actor, decision_seq));
  }
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef ins,
      c.Prepare("INSERT INTO allocation (proposal_id, crisis_id, iso_year, iso_week, approved_by, "
                "approved_us, decision_seq) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  ins->Bind(1, proposal_id).Bind(2, p.crisis_id).Bind(3, p.week.year).Bind(4, p.week.week)
      .Bind(5, actor).Bind(6, Us(txn.now())).Bind(7, decision_seq);
  PARAAT_RETURN_IF_ERROR(ins->Run());
  AllocationRecord a;
  a.id = c.LastInsertRowId();
  a.proposal_id = proposal_id;
  a.crisis_id = p.crisis_id;
  a.week = p.week;
  a.approved_by = std::string(actor);
  a.approved = txn.now();
  a.decision_seq = decision_seq;
  a.summary = p.summary;
  json::Value after;
  after.Set("proposal", proposal_id);
  after.Set("week", capacity::FormatIsoWeek(p.week));
  after.Set("decision_seq", decision_seq);
  PARAAT_RETURN_IF_ERROR(AppendAudit(txn, actor, "capacity.approve", absl::StrCat("crisis/", p.crisis_id),
                                     nullptr, after));
  return a;
}

absl::Status RestoreInTxn(Txn& txn, int64_t allocation_id, absl::string_view actor, int64_t restore_seq) {
  PARAAT_ASSIGN_OR_RETURN(
      StatementRef st,
      txn.conn().Prepare("UPDATE allocation SET restored_us = ?, restored_by = ?, restore_seq = ? "
                         "WHERE id = ? AND restored_us IS NULL"));
  st->Bind(1, Us(txn.now())).Bind(2, actor).Bind(3, restore_seq).Bind(4, allocation_id);
  PARAAT_RETURN_IF_ERROR(st->Run());
  if (txn.conn().Changes() == 0) {
    return absl::AbortedError(absl::StrCat("allocation ", allocation_id, " is no longer active"));
  }
  json::Value after;
  after.Set("allocation", allocation_id);
  after.Set("restore_seq", restore_seq);
  return AppendAudit(txn, actor, "capacity.restore", absl::StrCat("allocation/", allocation_id), nullptr,
                     after);
}

namespace {

class SqliteCapacityStore : public CapacityStore {
 public:
  explicit SqliteCapacityStore(Database* db) : db_(db) {}

  absl::StatusOr<std::vector<std::pair<Ambition, bool>>> ListAmbitions() override {
    std::vector<std::pair<Ambition, bool>> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(out, ReadAmbitions(c));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::Status SetAmbition(absl::string_view actor, const Ambition& a, bool active,
                           const std::function<absl::Status(const CapacityInput&)>& check) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      // What held before the change must hold after it (reactivating an ambition brings back
      // its plan lines, which may no longer fit a municipality's hours).
      PARAAT_ASSIGN_OR_RETURN(CapacityInput before, LoadCapacityInput(txn.conn(), 0, {2000, 1}, ""));
      const bool held = check(before).ok();
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("INSERT INTO ambition (key, name, rank, weight, regular, active) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO UPDATE SET "
                             "name = ?2, rank = ?3, weight = ?4, regular = ?5, active = ?6"));
      st->Bind(1, a.key).Bind(2, a.name).Bind(3, a.rank).Bind(4, a.weight).Bind(5, a.regular)
          .Bind(6, active);
      PARAAT_RETURN_IF_ERROR(st->Run());
      if (held && active) {
        PARAAT_ASSIGN_OR_RETURN(CapacityInput now, LoadCapacityInput(txn.conn(), 0, {2000, 1}, ""));
        if (absl::Status s = check(now); !s.ok()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "ambition '", a.key, "' was not changed: ", s.message(),
              active ? " (with the plan lines it brings back); change that plan first" : ""));
        }
      }
      json::Value after;
      after.Set("name", a.name);
      after.Set("rank", a.rank);
      after.Set("weight", a.weight);
      after.Set("regular", a.regular);
      after.Set("active", active);
      return AppendAudit(txn, actor, "capacity.ambition", absl::StrCat("ambition/", a.key), nullptr, after);
    });
  }

  absl::StatusOr<std::pair<std::vector<Municipality>, LoanSettings>> GetCapacity() override {
    std::pair<std::vector<Municipality>, LoanSettings> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(out.first, ReadMunicipalities(c));
      PARAAT_ASSIGN_OR_RETURN(out.second, ReadLoans(c));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::Status SetCapacity(absl::string_view actor, const Municipality& m,
                           const std::function<absl::Status(const CapacityInput&)>& check,
                           const std::string& if_version) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      PARAAT_ASSIGN_OR_RETURN(int64_t mid, MunicipalityId(c, m.key));
      // Counting the plan lines of ambitions out of use: whether that held before this change
      // (a database from before this check may hold plans that do not; then only the check
      // without them applies, as it did).
      bool all_held = false;
      {
        absl::StatusOr<CapacityInput> before = LoadCapacityInput(c, 0, {2000, 1}, "", true);
        all_held = before.ok() && check(*before).ok();
      }
      if (!if_version.empty()) {
        PARAAT_ASSIGN_OR_RETURN(std::vector<Municipality> stored, ReadMunicipalities(c));
        std::string version;
        for (const Municipality& x : stored) {
          if (x.key == m.key) version = CapacityVersion(x);
        }
        if (version != if_version) {
          return absl::AbortedError(absl::StrCat(
              "the capacity of ", m.key,
              " changed since it was read; read it again and repeat the change"));
        }
      }
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO capacity (municipality_id, fte, available_hours, overtime_hours) "
                    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (municipality_id) DO UPDATE SET "
                    "fte = ?2, available_hours = ?3, overtime_hours = ?4"));
      st->Bind(1, mid).Bind(2, m.fte).Bind(3, m.available_hours).Bind(4, m.overtime_hours);
      PARAAT_RETURN_IF_ERROR(st->Run());
      // The plan replaces the lines of active ambitions; those of inactive ones (which readers
      // do not show) stay, and cannot be named.
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef del,
          c.Prepare("DELETE FROM capacity_plan WHERE municipality_id = ? AND ambition_id IN "
                    "(SELECT id FROM ambition WHERE active = 1)"));
      del->Bind(1, mid);
      PARAAT_RETURN_IF_ERROR(del->Run());
      for (const capacity::AmbitionPlan& p : m.plan) {
        PARAAT_ASSIGN_OR_RETURN(StatementRef aid,
                                c.Prepare("SELECT id, active FROM ambition WHERE key = ?"));
        aid->Bind(1, p.ambition);
        PARAAT_ASSIGN_OR_RETURN(bool row, aid->Step());
        if (!row) return absl::NotFoundError(absl::StrCat("unknown ambition '", p.ambition, "'"));
        const int64_t ambition_id = aid->Int(0);
        if (aid->Int(1) == 0) {
          // Readers do not show its lines: one written now could be neither seen nor dropped.
          return absl::FailedPreconditionError(absl::StrCat(
              "ambition '", p.ambition, "' is out of use; reactivate it first to plan hours "
              "for it"));
        }
        PARAAT_ASSIGN_OR_RETURN(
            StatementRef ins,
            c.Prepare("INSERT INTO capacity_plan (municipality_id, ambition_id, planned_hours, "
                      "floor_hours) VALUES (?, ?, ?, ?)"));
        ins->Bind(1, mid).Bind(2, ambition_id).Bind(3, p.planned_hours);
        if (p.floor_hours.has_value()) {
          ins->Bind(4, *p.floor_hours);
        } else {
          ins->BindNull(4);
        }
        absl::Status s = ins->Run();
        if (absl::IsAlreadyExists(s)) {
          return absl::InvalidArgumentError(
              absl::StrCat("plan: ambition '", p.ambition, "' appears twice for ", m.key));
        }
        PARAAT_RETURN_IF_ERROR(s);
      }
      // The whole region's data as it will be, checked before it is committed.
      PARAAT_ASSIGN_OR_RETURN(CapacityInput after, LoadCapacityInput(c, 0, {2000, 1}, ""));
      PARAAT_RETURN_IF_ERROR(check(after));
      // The plan lines of inactive ambitions must fit too: they come back on reactivation.
      PARAAT_ASSIGN_OR_RETURN(CapacityInput all, LoadCapacityInput(c, 0, {2000, 1}, "", true));
      if (absl::Status s = check(all); all_held && !s.ok()) {
        return absl::Status(s.code(), absl::StrCat(s.message(), " (counting the plan of ambitions "
                                                   "out of use, which comes back when they are "
                                                   "reactivated)"));
      }
      json::Value j;
      j.Set("fte", m.fte);
      j.Set("available_hours", m.available_hours);
      j.Set("overtime_hours", m.overtime_hours);
      j.Set("plan_lines", static_cast<int64_t>(m.plan.size()));
      return AppendAudit(txn, actor, "capacity.set", absl::StrCat("municipality/", m.key), nullptr, j);
    });
  }

  absl::Status SetLoanRule(absl::string_view actor, const capacity::LoanRule& r) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      // Unknown: NOT_FOUND; deactivated: FAILED_PRECONDITION, each naming the municipality. (A
      // municipality without capacity figures yet may have rules: they apply once it has them.)
      for (const std::string& key : {r.lender, r.borrower}) {
        PARAAT_ASSIGN_OR_RETURN(directory::Municipality m, LoadMunicipality(c, key));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(m));
      }
      PARAAT_ASSIGN_OR_RETURN(int64_t lender, MunicipalityId(c, r.lender));
      PARAAT_ASSIGN_OR_RETURN(int64_t borrower, MunicipalityId(c, r.borrower));
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO loan_rule (lender_id, borrower_id, allowed, cost) VALUES (?1, ?2, ?3, ?4) "
                    "ON CONFLICT (lender_id, borrower_id) DO UPDATE SET allowed = ?3, cost = ?4"));
      st->Bind(1, lender).Bind(2, borrower).Bind(3, r.allowed).Bind(4, r.cost);
      PARAAT_RETURN_IF_ERROR(st->Run());
      json::Value after;
      after.Set("allowed", r.allowed);
      after.Set("cost", r.cost);
      return AppendAudit(txn, actor, "capacity.loan", absl::StrCat("loan/", r.lender, "/", r.borrower),
                         nullptr, after);
    });
  }

  absl::Status SetDemand(absl::string_view actor, const DemandRecord& d) override {
    return db_->Write([&](Txn& txn) -> absl::Status {
      Connection& c = txn.conn();
      // Demand on a municipality out of use could never be planned; 0 (no demand) may be set.
      if (d.hours > 0) {
        PARAAT_ASSIGN_OR_RETURN(directory::Municipality m, LoadMunicipality(c, d.municipality));
        PARAAT_RETURN_IF_ERROR(directory::RequireActive(m));
      }
      PARAAT_ASSIGN_OR_RETURN(int64_t mid, MunicipalityId(c, d.municipality));
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("INSERT INTO crisis_demand (crisis_id, iso_year, iso_week, municipality_id, hours) "
                    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (crisis_id, iso_year, iso_week, "
                    "municipality_id) DO UPDATE SET hours = ?5"));
      st->Bind(1, d.crisis_id).Bind(2, d.week.year).Bind(3, d.week.week).Bind(4, mid).Bind(5, d.hours);
      PARAAT_RETURN_IF_ERROR(st->Run());
      json::Value after;
      after.Set("week", capacity::FormatIsoWeek(d.week));
      after.Set("municipality", d.municipality);
      after.Set("hours", d.hours);
      return AppendAudit(txn, actor, "capacity.demand", absl::StrCat("crisis/", d.crisis_id), nullptr, after);
    });
  }

  absl::StatusOr<std::vector<DemandRecord>> ListDemand(int64_t crisis_id) override {
    std::vector<DemandRecord> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT d.iso_year, d.iso_week, m.key, d.hours FROM crisis_demand d "
                    "JOIN municipality m ON m.id = d.municipality_id WHERE d.crisis_id = ? "
                    "ORDER BY d.iso_year, d.iso_week, m.key"));
      st->Bind(1, crisis_id);
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::OkStatus();
        out.push_back({crisis_id, {static_cast<int>(st->Int(0)), static_cast<int>(st->Int(1))},
                       st->Text(2), st->Double(3)});
      }
    }));
    return out;
  }

  using CapacityStore::CurrentInput;
  absl::StatusOr<CapacityInput> CurrentInput(int64_t crisis_id, IsoWeek week,
                                             const std::string& label,
                                             bool inactive_ambitions) override {
    CapacityInput in;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(in, LoadCapacityInput(c, crisis_id, week, label, inactive_ambitions));
      return absl::OkStatus();
    }));
    return in;
  }

  absl::StatusOr<int64_t> SaveProposal(absl::string_view actor, const ProposalRecord& p) override {
    int64_t id = 0;
    PARAAT_RETURN_IF_ERROR(db_->Write([&](Txn& txn) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          txn.conn().Prepare("INSERT INTO proposal (crisis_id, iso_year, iso_week, policy, input_json, "
                             "input_digest, summary, created_by, created_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      st->Bind(1, p.crisis_id).Bind(2, p.week.year).Bind(3, p.week.week)
          .Bind(4, capacity::PolicyName(p.policy)).Bind(5, capacity::ToJson(p.input).Serialize())
          .BindBlob(6, p.digest).Bind(7, p.summary).Bind(8, actor).Bind(9, Us(txn.now()));
      PARAAT_RETURN_IF_ERROR(st->Run());
      id = txn.conn().LastInsertRowId();
      json::Value after;
      after.Set("crisis", p.crisis_id);
      after.Set("week", capacity::FormatIsoWeek(p.week));
      after.Set("policy", std::string(capacity::PolicyName(p.policy)));
      return AppendAudit(txn, actor, "capacity.propose", absl::StrCat("proposal/", id), nullptr, after);
    }));
    return id;
  }

  absl::StatusOr<ProposalRecord> GetProposal(int64_t id) override {
    ProposalRecord p;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(p, LoadProposal(c, id));
      return absl::OkStatus();
    }));
    return p;
  }

  absl::StatusOr<std::vector<ProposalRecord>> ListProposals(
      int64_t crisis_id, std::optional<capacity::IsoWeek> week) override {
    std::vector<ProposalRecord> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT id, crisis_id, iso_year, iso_week, policy, summary, created_by, "
                    "created_us FROM proposal WHERE crisis_id = ?1 AND (?2 = 0 OR "
                    "(iso_year = ?2 AND iso_week = ?3)) ORDER BY id DESC LIMIT 500"));
      st->Bind(1, crisis_id);
      st->Bind(2, static_cast<int64_t>(week ? week->year : 0));
      st->Bind(3, static_cast<int64_t>(week ? week->week : 0));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        ProposalRecord p;
        p.id = st->Int(0);
        p.crisis_id = st->Int(1);
        p.week = {static_cast<int>(st->Int(2)), static_cast<int>(st->Int(3))};
        PARAAT_ASSIGN_OR_RETURN(p.policy, capacity::ParsePolicy(st->Text(4)));
        p.summary = st->Text(5);
        p.created_by = st->Text(6);
        p.created = absl::FromUnixMicros(st->Int(7));
        out.push_back(std::move(p));
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<AllocationRecord>> ListAllocations(int64_t crisis_id) override {
    std::vector<AllocationRecord> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(
          StatementRef st,
          c.Prepare("SELECT " PARAAT_ALLOCATION_COLUMNS " FROM allocation a JOIN proposal p "
                    "ON p.id = a.proposal_id WHERE ?1 = 0 OR a.crisis_id = ?1 ORDER BY a.id DESC LIMIT 1000"));
      st->Bind(1, crisis_id);
      PARAAT_ASSIGN_OR_RETURN(out, QueryAllocations(*st));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<AllocationRecord>> Active(int64_t crisis_id) override {
    std::vector<AllocationRecord> out;
    PARAAT_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> absl::Status {
      PARAAT_ASSIGN_OR_RETURN(out, ActiveAllocations(c, crisis_id, std::nullopt));
      return absl::OkStatus();
    }));
    return out;
  }

 private:
  Database* db_;
};

}  // namespace

std::unique_ptr<CapacityStore> NewSqliteCapacityStore(Database* db) {
  return std::make_unique<SqliteCapacityStore>(db);
}

}  // namespace paraat::storage
