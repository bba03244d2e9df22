// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/export.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crisis/entry_codec.h"
#include "common/crisis/views.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/note.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::crisis {

namespace {

absl::StatusOr<const json::Value*> Field(const json::Value& v, absl::string_view name,
                                         json::Value::Type type, absl::string_view where) {
  const json::Value* f = v.Find(name);
  if (f == nullptr) return absl::InvalidArgumentError(absl::StrCat(where, ": '", name, "' is missing"));
  const bool ok = f->type() == type ||
                  (type == json::Value::Type::kInt && f->type() == json::Value::Type::kDouble &&
                   static_cast<double>(f->as_int()) == f->as_double());
  if (!ok) return absl::InvalidArgumentError(absl::StrCat(where, ": '", name, "' has the wrong type"));
  return f;
}

absl::StatusOr<std::string> Str(const json::Value& v, absl::string_view name, absl::string_view where) {
  PARAAT_ASSIGN_OR_RETURN(const json::Value* f, Field(v, name, json::Value::Type::kString, where));
  return f->as_string();
}

absl::StatusOr<int64_t> Int(const json::Value& v, absl::string_view name, absl::string_view where) {
  PARAAT_ASSIGN_OR_RETURN(const json::Value* f, Field(v, name, json::Value::Type::kInt, where));
  return f->as_int();
}

std::string OptStr(const json::Value& v, absl::string_view name) {
  const json::Value* f = v.Find(name);
  return f != nullptr && f->is_string() ? f->as_string() : std::string();
}

// An optional field of an entry: absent gives the default; present, it must have its type.
absl::StatusOr<std::string> StrOr(const json::Value& v, absl::string_view name,
                                  absl::string_view where) {
  if (v.Find(name) == nullptr) return std::string();
  return Str(v, name, where);
}

absl::StatusOr<int64_t> IntOr(const json::Value& v, absl::string_view name, absl::string_view where) {
  if (v.Find(name) == nullptr) return 0;
  return Int(v, name, where);
}

// Every field an exported entry has (EntryToExportJson): a verifier checks each one against
// the leaf, so a field it does not know would be shown without being covered.
constexpr absl::string_view kEntryFields[] = {
    "crisis",       "seq",          "kind",         "author",         "author_name",
    "entered",      "entered_us",   "event_time",   "event_us",       "text",
    "municipalities", "refs",       "title",        "type",           "grip",
    "action_owner", "action_deadline", "action_deadline_us", "action_status", "action_ref",
    "corrects",
};

// A readable time next to its microseconds (which the leaf covers) must say the same.
absl::Status CheckReadableTime(const json::Value& v, absl::string_view name, absl::Time t,
                               absl::string_view micros_name, absl::string_view where) {
  const json::Value* f = v.Find(name);
  if (f == nullptr) return absl::OkStatus();
  if (!f->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": '", name, "' has the wrong type"));
  }
  const std::string want = time::FormatUtc(t);
  if (f->as_string() != want) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": '", name, "' says ", f->as_string(), " but '", micros_name, "' says ", want,
        ": the two must agree, so the file was edited"));
  }
  return absl::OkStatus();
}

}  // namespace

json::Value EntryToExportJson(const Entry& e) {
  json::Value v = ToJson(e);
  // Every field of the leaf is present, so a verifier never has to guess a default.
  v.Set("title", e.title);
  v.Set("type", e.type);
  v.Set("grip", e.grip);
  v.Set("action_owner", e.action_owner);
  v.Set("action_status", e.action_status);
  v.Set("action_ref", e.action_ref);
  v.Set("corrects", e.corrects);
  return v;
}

absl::StatusOr<Entry> EntryFromJson(const json::Value& v) {
  if (!v.is_object()) return absl::InvalidArgumentError("entry is not an object");
  Entry e;
  const std::string where = "entry";
  PARAAT_ASSIGN_OR_RETURN(e.crisis_id, Int(v, "crisis", where));
  PARAAT_ASSIGN_OR_RETURN(e.seq, Int(v, "seq", where));
  const std::string at = absl::StrCat("entry ", e.seq);
  for (const auto& [name, value] : v.as_object()) {
    if (std::find(std::begin(kEntryFields), std::end(kEntryFields), name) == std::end(kEntryFields)) {
      return absl::InvalidArgumentError(absl::StrCat(
          at, ": unknown field '", name, "' (the signature would not cover it)"));
    }
  }
  PARAAT_ASSIGN_OR_RETURN(std::string kind, Str(v, "kind", at));
  PARAAT_ASSIGN_OR_RETURN(e.kind, ParseKind(kind, absl::StrCat(at, ".kind")));
  if (KindName(e.kind) != kind) {
    // ParseKind also takes the Dutch words people type; a file has the canonical name.
    return absl::InvalidArgumentError(
        absl::StrCat(at, ": kind '", kind, "' is not written as '", KindName(e.kind), "'"));
  }
  PARAAT_ASSIGN_OR_RETURN(e.author, Str(v, "author", at));
  PARAAT_ASSIGN_OR_RETURN(e.author_name, Str(v, "author_name", at));
  PARAAT_ASSIGN_OR_RETURN(int64_t entered, Int(v, "entered_us", at));
  PARAAT_ASSIGN_OR_RETURN(int64_t event, Int(v, "event_us", at));
  e.entered = absl::FromUnixMicros(entered);
  e.event_time = absl::FromUnixMicros(event);
  PARAAT_RETURN_IF_ERROR(CheckReadableTime(v, "entered", e.entered, "entered_us", at));
  PARAAT_RETURN_IF_ERROR(CheckReadableTime(v, "event_time", e.event_time, "event_us", at));
  PARAAT_ASSIGN_OR_RETURN(e.text, Str(v, "text", at));
  PARAAT_ASSIGN_OR_RETURN(const json::Value* ms, Field(v, "municipalities", json::Value::Type::kArray, at));
  for (const json::Value& m : ms->as_array()) {
    if (!m.is_string()) return absl::InvalidArgumentError(absl::StrCat(at, ": a municipality is not a string"));
    if (absl::StrContains(m.as_string(), ',')) {
      // The leaf joins the municipalities with ',': ["a,b"] and ["a", "b"] would share it.
      return absl::InvalidArgumentError(
          absl::StrCat(at, ": municipality '", m.as_string(), "' contains a ','"));
    }
    e.municipalities.push_back(m.as_string());
  }
  PARAAT_ASSIGN_OR_RETURN(const json::Value* refs, Field(v, "refs", json::Value::Type::kArray, at));
  for (const json::Value& r : refs->as_array()) {
    if (r.type() != json::Value::Type::kInt) {
      return absl::InvalidArgumentError(absl::StrCat(at, ": a reference is not a whole number"));
    }
    e.refs.push_back(r.as_int());
  }
  PARAAT_ASSIGN_OR_RETURN(e.title, StrOr(v, "title", at));
  PARAAT_ASSIGN_OR_RETURN(e.type, StrOr(v, "type", at));
  PARAAT_ASSIGN_OR_RETURN(e.grip, StrOr(v, "grip", at));
  PARAAT_ASSIGN_OR_RETURN(e.action_owner, StrOr(v, "action_owner", at));
  PARAAT_ASSIGN_OR_RETURN(e.action_status, StrOr(v, "action_status", at));
  if (v.Find("action_deadline_us") != nullptr) {
    PARAAT_ASSIGN_OR_RETURN(int64_t deadline, Int(v, "action_deadline_us", at));
    e.action_deadline = absl::FromUnixMicros(deadline);
    PARAAT_RETURN_IF_ERROR(CheckReadableTime(v, "action_deadline", *e.action_deadline,
                                             "action_deadline_us", at));
  } else if (v.Find("action_deadline") != nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(at, ": 'action_deadline' without 'action_deadline_us'"));
  }
  PARAAT_ASSIGN_OR_RETURN(e.action_ref, IntOr(v, "action_ref", at));
  PARAAT_ASSIGN_OR_RETURN(e.corrects, IntOr(v, "corrects", at));
  return e;
}

std::string WriteExport(const ExportBundle& b) {
  json::Value v;
  v.Set("format", std::string(kExportFormat));
  v.Set("crisis", ToJson(b.crisis));
  v.Set("tree_size", static_cast<int64_t>(b.tree_size));
  v.Set("checkpoint", b.checkpoint);
  v.Set("public_key", b.public_key);
  v.Set("filter", b.filter);
  json::Value entries = json::Value::MakeArray();
  for (const Entry& e : b.entries) entries.Append(EntryToExportJson(e));
  v.Set("entries", entries);
  json::Value leaves = json::Value::MakeArray();
  for (const ledger::Hash& h : b.leaf_hashes) leaves.Append(ledger::HashToHex(h));
  v.Set("leaf_hashes", leaves);
  return v.SerializePretty() + "\n";
}

absl::StatusOr<ExportBundle> ParseExport(absl::string_view text) {
  PARAAT_ASSIGN_OR_RETURN(json::Value v, json::Parse(text));
  if (!v.is_object()) return absl::InvalidArgumentError("not a Paraat export (not a JSON object)");
  const std::string where = "export";
  PARAAT_ASSIGN_OR_RETURN(std::string format, Str(v, "format", where));
  if (format != kExportFormat) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a Paraat export: format is '", format, "', expected '", kExportFormat, "'"));
  }
  ExportBundle b;
  PARAAT_ASSIGN_OR_RETURN(const json::Value* c, Field(v, "crisis", json::Value::Type::kObject, where));
  b.header = *c;
  PARAAT_ASSIGN_OR_RETURN(b.crisis.id, Int(*c, "id", "crisis"));
  b.crisis.title = OptStr(*c, "title");
  b.crisis.type = OptStr(*c, "type");
  b.crisis.grip = OptStr(*c, "grip");
  if (const json::Value* ms = c->Find("municipalities"); ms != nullptr && ms->is_array()) {
    for (const json::Value& m : ms->as_array()) {
      if (m.is_string()) b.crisis.municipalities.push_back(m.as_string());
    }
  }
  PARAAT_ASSIGN_OR_RETURN(int64_t size, Int(v, "tree_size", where));
  if (size < 0) return absl::InvalidArgumentError("export: tree_size is negative");
  b.tree_size = static_cast<uint64_t>(size);
  PARAAT_ASSIGN_OR_RETURN(b.checkpoint, Str(v, "checkpoint", where));
  PARAAT_ASSIGN_OR_RETURN(b.public_key, Str(v, "public_key", where));
  b.filter = OptStr(v, "filter");
  PARAAT_ASSIGN_OR_RETURN(const json::Value* entries, Field(v, "entries", json::Value::Type::kArray, where));
  for (const json::Value& e : entries->as_array()) {
    PARAAT_ASSIGN_OR_RETURN(Entry entry, EntryFromJson(e));
    b.entries.push_back(std::move(entry));
  }
  PARAAT_ASSIGN_OR_RETURN(const json::Value* leaves, Field(v, "leaf_hashes", json::Value::Type::kArray, where));
  for (const json::Value& h : leaves->as_array()) {
    if (!h.is_string()) return absl::InvalidArgumentError("export: a leaf hash is not a string");
    absl::StatusOr<ledger::Hash> hash = ledger::HashFromHex(h.as_string());
    if (!hash.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("export: leaf hash ", b.leaf_hashes.size() + 1,
                                                     " is not 64 hex digits"));
    }
    b.leaf_hashes.push_back(*hash);
  }
  return b;
}

absl::StatusOr<VerifyReport> VerifyExport(const ExportBundle& b, absl::string_view trusted_key) {
  const std::string key(trusted_key.empty() ? absl::string_view(b.public_key) : trusted_key);
  absl::StatusOr<ledger::NoteVerifier> verifier = ledger::NoteVerifier::FromKeyString(key);
  if (!verifier.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("the public key is malformed: ", verifier.status().message()));
  }
  VerifyReport r;
  r.key_name = verifier->name();
  const std::string origin = absl::StrCat(verifier->name(), "/crisis/", b.crisis.id);
  const ledger::NoteVerifier trusted[] = {*verifier};
  absl::StatusOr<ledger::Checkpoint> cp = ledger::OpenCheckpoint(b.checkpoint, origin, trusted);
  if (!cp.ok()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "the checkpoint does not verify with key ", verifier->name(), ": ", cp.status().message()));
  }
  r.origin = cp->origin;
  r.tree_size = cp->tree_size;
  if (cp->tree_size != b.tree_size || b.leaf_hashes.size() != cp->tree_size) {
    return absl::DataLossError(absl::StrCat("the checkpoint covers ", cp->tree_size,
                                            " entries but the file has ", b.leaf_hashes.size(),
                                            " leaf hashes"));
  }
  if (ledger::RootFromLeafHashes(b.leaf_hashes) != cp->root_hash) {
    return absl::DataLossError(
        "the leaf hashes in the file do not rebuild the signed root: entries were added, removed, "
        "reordered or changed");
  }
  int64_t prev = 0;
  for (const Entry& e : b.entries) {
    if (e.crisis_id != b.crisis.id) {
      return absl::DataLossError(absl::StrCat("entry ", e.seq, " belongs to crisis ", e.crisis_id));
    }
    if (e.seq <= prev || e.seq < 1 || static_cast<uint64_t>(e.seq) > cp->tree_size) {
      return absl::DataLossError(absl::StrCat("entry ", e.seq, " is out of order or outside the signed log"));
    }
    prev = e.seq;
    if (EntryLeafHash(e) != b.leaf_hashes[static_cast<size_t>(e.seq - 1)]) {
      return absl::DataLossError(absl::StrCat(
          "entry ", e.seq, " (", KindName(e.kind), " by ", e.author,
          ") does not match its signed leaf: it was changed after it was logged"));
    }
    ++r.entries_checked;
  }
  // The header's fixed fields against the signed opening entry, when the file has it.
  if (!b.entries.empty() && b.entries.front().seq == 1 &&
      b.entries.front().kind == EntryKind::kOpened) {
    const Entry& o = b.entries.front();
    Crisis signed_crisis;
    signed_crisis.id = b.crisis.id;
    signed_crisis.title = o.title;
    signed_crisis.type = o.type;
    signed_crisis.municipalities = o.municipalities;
    signed_crisis.opened = o.event_time;  // a crisis opened when it happened
    signed_crisis.opened_by = o.author;
    const json::Value want = ToJson(signed_crisis);
    for (absl::string_view field : {"title", "type", "municipalities", "opened", "opened_by"}) {
      const json::Value* shown = b.header.Find(field);
      const json::Value* signed_value = want.Find(field);
      if (shown != nullptr && signed_value != nullptr && !(*shown == *signed_value)) {
        return absl::DataLossError(absl::StrCat(
            "the crisis header's ", field, " ", shown->Serialize(),
            " is not what the signed opening entry (entry 1) says: ", signed_value->Serialize()));
      }
    }
    r.title = o.title;
  }
  // An export without a filter claims every entry: one left out (with its leaf hash kept)
  // would otherwise pass for a filtered export.
  const bool whole = b.filter.empty() && r.entries_checked == cp->tree_size;
  if (whole && !b.entries.empty()) {
    // Then the header's state - entries, GRIP level, open or closed - is what they say.
    const json::Value want = ToJson(StateOfLog(b.crisis, b.entries));
    for (absl::string_view field : {"entries", "grip", "open", "closed"}) {
      const json::Value* shown = b.header.Find(field);
      const json::Value* signed_value = want.Find(field);
      if (shown == nullptr) continue;  // the header says nothing of it
      if (signed_value == nullptr || !(*shown == *signed_value)) {
        return absl::DataLossError(absl::StrCat(
            "the crisis header's ", field, " ", shown != nullptr ? shown->Serialize() : "(none)",
            " is not what the signed entries say: ",
            signed_value != nullptr ? signed_value->Serialize() : "(none)"));
      }
    }
  }
  if (b.filter.empty() && r.entries_checked != cp->tree_size) {
    int64_t missing = 1;
    for (const Entry& e : b.entries) {
      if (e.seq != missing) break;
      ++missing;
    }
    return absl::DataLossError(absl::StrCat(
        "entry ", missing, " is missing: the file claims the whole log (no filter) but leaves it out"));
  }
  return r;
}

}  // namespace paraat::crisis
