// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/audit.h"

#include <openssl/evp.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace paraat::storage {

namespace {

constexpr absl::string_view kDomain = "paraat-audit-v1";

void AppendField(std::string& out, absl::string_view field) {
  // 8-byte big-endian length, then the bytes: unambiguous whatever the content.
  const uint64_t n = field.size();
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out.append(field.data(), field.size());
}

void AppendOptional(std::string& out, const std::optional<std::string>& field) {
  out.push_back(field.has_value() ? 1 : 0);
  if (field.has_value()) AppendField(out, *field);
}

std::string Sha256(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    return std::string();  // never on a working OpenSSL; an empty hash fails verification
  }
  return std::string(reinterpret_cast<char*>(digest), len);
}

const std::string& GenesisHash() {
  static const std::string* const kGenesis = new std::string(32, '\0');
  return *kGenesis;
}

}  // namespace

std::string AuditHash(const AuditRecord& r) {
  std::string buf;
  AppendField(buf, kDomain);
  AppendField(buf, absl::StrCat(r.id));
  AppendField(buf, absl::StrCat(absl::ToUnixMicros(r.at)));
  AppendField(buf, r.actor);
  AppendField(buf, r.action);
  AppendField(buf, r.object);
  AppendOptional(buf, r.before_json);
  AppendOptional(buf, r.after_json);
  AppendField(buf, r.prev_hash);
  return Sha256(buf);
}

absl::Status AppendAudit(Txn& txn, absl::string_view actor, absl::string_view action,
                         absl::string_view object, const json::Value& before,
                         const json::Value& after) {
  Connection& c = txn.conn();
  AuditRecord r;
  {
    absl::StatusOr<StatementRef> last = c.Prepare("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
    if (!last.ok()) return last.status();
    absl::StatusOr<bool> row = (*last)->Step();
    if (!row.ok()) return row.status();
    r.id = *row ? (*last)->Int(0) + 1 : 1;
    r.prev_hash = *row ? (*last)->Blob(1) : GenesisHash();
  }
  r.at = txn.now();
  r.actor = std::string(actor);
  r.action = std::string(action);
  r.object = std::string(object);
  if (!before.is_null()) r.before_json = before.Serialize();
  if (!after.is_null()) r.after_json = after.Serialize();
  r.hash = AuditHash(r);
  absl::StatusOr<StatementRef> ins = c.Prepare(
      "INSERT INTO audit (id, at_us, actor, action, object, before_json, after_json, prev_hash, "
      "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!ins.ok()) return ins.status();
  (*ins)->Bind(1, r.id).Bind(2, absl::ToUnixMicros(r.at)).Bind(3, r.actor).Bind(4, r.action)
      .Bind(5, r.object).Bind(6, r.before_json).Bind(7, r.after_json)
      .BindBlob(8, r.prev_hash).BindBlob(9, r.hash);
  return (*ins)->Run();
}

namespace {

AuditRecord ReadRecord(const Statement& s) {
  AuditRecord r;
  r.id = s.Int(0);
  r.at = absl::FromUnixMicros(s.Int(1));
  r.actor = s.Text(2);
  r.action = s.Text(3);
  r.object = s.Text(4);
  r.before_json = s.OptText(5);
  r.after_json = s.OptText(6);
  r.prev_hash = s.Blob(7);
  r.hash = s.Blob(8);
  return r;
}

}  // namespace

absl::StatusOr<std::vector<AuditRecord>> ListAudit(Connection& conn, const AuditQuery& q) {
  absl::StatusOr<StatementRef> st = conn.Prepare(
      "SELECT id, at_us, actor, action, object, before_json, after_json, prev_hash, hash "
      "FROM audit WHERE id > ? AND at_us >= ? AND (? = '' OR actor = ?) "
      "AND (? = '' OR substr(object, 1, length(?)) = ?) ORDER BY id LIMIT ?");
  if (!st.ok()) return st.status();
  const int64_t since = q.since == absl::InfinitePast() ? INT64_MIN : absl::ToUnixMicros(q.since);
  (*st)->Bind(1, q.after_id).Bind(2, since).Bind(3, q.actor).Bind(4, q.actor)
      .Bind(5, q.object_prefix).Bind(6, q.object_prefix).Bind(7, q.object_prefix)
      .Bind(8, static_cast<int64_t>(q.limit));
  std::vector<AuditRecord> out;
  while (true) {
    absl::StatusOr<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(ReadRecord(**st));
  }
  return out;
}

absl::StatusOr<int64_t> CrisisOfObject(Connection& conn, absl::string_view object) {
  const std::pair<absl::string_view, const char*> kinds[] = {
      {"crisis/", nullptr},
      {"proposal/", "SELECT crisis_id FROM proposal WHERE id = ?"},
      {"allocation/", "SELECT crisis_id FROM allocation WHERE id = ?"},
  };
  for (const auto& [prefix, sql] : kinds) {
    if (!absl::ConsumePrefix(&object, prefix)) continue;
    int64_t id = 0;
    if (!absl::SimpleAtoi(object, &id) || id <= 0) return int64_t{0};
    if (sql == nullptr) return id;
    absl::StatusOr<StatementRef> st = conn.Prepare(sql);
    if (!st.ok()) return st.status();
    (*st)->Bind(1, id);
    absl::StatusOr<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    return *row ? (*st)->Int(0) : int64_t{0};
  }
  return 0;
}

absl::Status VerifyAuditChain(Connection& conn, int64_t* count) {
  absl::StatusOr<std::unique_ptr<Statement>> st = conn.PrepareOnce(
      "SELECT id, at_us, actor, action, object, before_json, after_json, prev_hash, hash "
      "FROM audit ORDER BY id");
  if (!st.ok()) return st.status();
  std::string prev = GenesisHash();
  int64_t expected_id = 1;
  *count = 0;
  while (true) {
    absl::StatusOr<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const AuditRecord r = ReadRecord(**st);
    if (r.id != expected_id) {
      return absl::DataLossError(absl::StrCat("audit trail: record ", expected_id,
                                              " is missing (next record is ", r.id, ")"));
    }
    if (r.prev_hash != prev) {
      return absl::DataLossError(absl::StrCat(
          "audit trail: record ", r.id, " does not chain to record ", r.id - 1,
          " (a record was removed, inserted or changed before it)"));
    }
    if (AuditHash(r) != r.hash) {
      return absl::DataLossError(absl::StrCat("audit trail: record ", r.id, " (", r.action, " ",
                                              r.object, ") was changed after it was written"));
    }
    prev = r.hash;
    ++expected_id;
    ++*count;
  }
  return absl::OkStatus();
}

}  // namespace paraat::storage
