// SPDX-License-Identifier: EUPL-1.2
// The crisis export parser and offline verifier (common/crisis/export.cc, the
// paraat-crisis-export-v1 format that `paraat crisis verify` reads from any file).
//
// The input is the file. Checks:
//   - ParseExport refuses with INVALID_ARGUMENT and a message, or parses;
//   - what parses writes back (WriteExport) to a file that parses to the same bundle;
//   - VerifyExport with the key in the file refuses with INVALID_ARGUMENT, PERMISSION_DENIED or
//     DATA_LOSS and a message, or passes;
//   - the same file with its checkpoint re-signed by a key of this target (the signature is
//     not what is fuzzed here: the checkpoint commits to the file's own leaf hashes, so the
//     fuzzer reaches everything after the signature check): when it passes, everything the
//     file shows of the verified entries is what the signature covers: each entry object
//     is exactly what its verified values export to, and the crisis header's fixed fields
//     (title, type, municipalities, opening time and who opened it) agree with the signed
//     opening entry when the file has it;
//   - the readable views of the parsed entries (Markdown, JSON lines, actions, handover) do
//     not crash.
// PARAAT_FUZZ_WRITE_SEEDS=DIR writes signed exports as seeds.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/crisis/entry_codec.h"
#include "common/crisis/export.h"
#include "common/crisis/views.h"
#include "common/json/json.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/ed25519.h"
#include "common/ledger/merkle.h"
#include "common/ledger/note.h"
#include "fuzz/support/check.h"

namespace paraat::crisis {
namespace {

using fuzz::Check;
using fuzz::CheckRefusal;

const ledger::NoteSigner& Signer() {
  static const ledger::NoteSigner* const signer = [] {
    std::vector<uint8_t> seed(32, 42);
    auto key = ledger::Ed25519PrivateKey::FromSeed(seed);
    Check(key.ok(), "fixed key");
    auto s = ledger::NoteSigner::Create("paraat.fuzz", *std::move(key));
    Check(s.ok(), "fixed signer");
    return new ledger::NoteSigner(*std::move(s));
  }();
  return *signer;
}

// A checkpoint by this target's key over the file's own leaf hashes.
std::string Resign(const ExportBundle& b) {
  ledger::Checkpoint cp;
  cp.origin = absl::StrCat(Signer().name(), "/crisis/", b.crisis.id);
  cp.tree_size = b.leaf_hashes.size();
  cp.root_hash = ledger::RootFromLeafHashes(b.leaf_hashes);
  absl::StatusOr<std::string> note = ledger::SignCheckpoint(cp, Signer());
  Check(note.ok(), "signing a checkpoint", note.status().ToString());
  return *note;
}

void Views(const ExportBundle& b) {
  const auto corrections = Corrections(b.entries);
  (void)RenderMarkdown(b.crisis, b.entries, corrections, absl::UTCTimeZone(), b.filter);
  (void)ToJsonLines(b.entries);
  std::vector<ActionState> actions = FoldActions(b.entries);
  SortForAttention(actions, absl::FromUnixSeconds(1795000000));
  for (const ActionState& a : actions) (void)ToJson(a, absl::FromUnixSeconds(1795000000));
  (void)BuildHandover(b.crisis, b.entries, absl::FromUnixSeconds(0),
                      absl::FromUnixSeconds(1795000000));
}

// JSON values that mean the same: numbers by value (a whole number written as 3.0 is 3).
bool Same(const json::Value& a, const json::Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.type() == json::Value::Type::kInt && b.type() == json::Value::Type::kInt) {
      return a.as_int() == b.as_int();
    }
    return a.as_double() == b.as_double();
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.as_array().size() != b.as_array().size()) return false;
    for (size_t i = 0; i < a.as_array().size(); ++i) {
      if (!Same(a.as_array()[i], b.as_array()[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.as_object().size() != b.as_object().size()) return false;
    for (const auto& [k, v] : a.as_object()) {
      const json::Value* w = b.Find(k);
      if (w == nullptr || !Same(v, *w)) return false;
    }
    return true;
  }
  return a == b;
}

// Everything the file shows of a verified bundle is covered by the signature.
void CheckCovered(absl::string_view text, const ExportBundle& b, const VerifyReport& r) {
  absl::StatusOr<json::Value> v = json::Parse(text);
  Check(v.ok(), "a parsed export is not JSON");
  const json::Value* entries = v->Find("entries");
  Check(entries != nullptr && entries->is_array() && entries->as_array().size() == b.entries.size(),
        "the entries of a verified export do not match the file");
  for (size_t i = 0; i < b.entries.size(); ++i) {
    const json::Value& shown = entries->as_array()[i];
    const json::Value signed_json = EntryToExportJson(b.entries[i]);
    Check(Same(shown, signed_json),
          absl::StrCat("entry ", b.entries[i].seq,
                       " verified, but the file shows more or other than its signed leaf"),
          absl::StrCat("file:   ", shown.Serialize(), "\nsigned: ", signed_json.Serialize()));
  }
  // The header: the fields that never change after the crisis is opened must agree with the
  // signed opening entry (entry 1) when the file has it. (The GRIP level, open or closed and
  // the size are the server's view at export time, which may be ahead of the checkpoint, and
  // are documented as not signed.)
  const json::Value* header = v->Find("crisis");
  Check(header != nullptr && header->is_object(), "a verified export has no crisis header");
  if (b.entries.empty() || b.entries[0].seq != 1 || b.entries[0].kind != EntryKind::kOpened) return;
  const Entry& o = b.entries[0];
  Crisis expected;
  expected.id = b.crisis.id;
  expected.title = o.title;
  expected.type = o.type;
  expected.municipalities = o.municipalities;
  expected.opened = o.event_time;  // the crisis opened when it happened
  expected.opened_by = o.author;
  const json::Value expected_json = ToJson(expected);
  for (const char* key : {"id", "title", "type", "municipalities", "opened", "opened_by"}) {
    const json::Value* shown = header->Find(key);
    if (shown == nullptr) continue;
    const json::Value* want = expected_json.Find(key);
    Check(want != nullptr && Same(*want, *shown),
          absl::StrCat("the crisis header's '", key,
                       "' of a verified export contradicts the signed opening entry"),
          absl::StrCat("file: ", shown->Serialize(),
                       "\nsigned: ", want == nullptr ? "(absent)" : want->Serialize()));
  }
  Check(r.title == o.title, "VerifyReport's title is not the signed opening entry's");
}

void FuzzOne(absl::string_view text) {
  absl::StatusOr<ExportBundle> b = ParseExport(text);
  if (!b.ok()) {
    CheckRefusal(b.status(), {absl::StatusCode::kInvalidArgument}, "ParseExport");
    return;
  }
  // Written back, it reads the same.
  const std::string written = WriteExport(*b);
  absl::StatusOr<ExportBundle> again = ParseExport(written);
  Check(again.ok(), "WriteExport of a parsed export does not parse", again.status().ToString());
  Check(WriteExport(*again) == written, "an export does not survive a write and a read");
  Views(*b);

  absl::StatusOr<VerifyReport> own = VerifyExport(*b, "");
  if (!own.ok()) {
    CheckRefusal(own.status(),
                 {absl::StatusCode::kInvalidArgument, absl::StatusCode::kPermissionDenied,
                  absl::StatusCode::kDataLoss},
                 "VerifyExport (key in the file)");
  }
  ExportBundle resigned = *b;
  resigned.checkpoint = Resign(*b);
  absl::StatusOr<VerifyReport> r = VerifyExport(resigned, Signer().verifier().KeyString());
  if (!r.ok()) {
    CheckRefusal(r.status(),
                 {absl::StatusCode::kInvalidArgument, absl::StatusCode::kPermissionDenied,
                  absl::StatusCode::kDataLoss},
                 "VerifyExport (re-signed)");
    return;
  }
  CheckCovered(text, resigned, *r);
}

// Seeds: signed exports of a small crisis log with every kind of entry.
void MaybeWriteSeeds() {
  const char* dir = std::getenv("PARAAT_FUZZ_WRITE_SEEDS");
  if (dir == nullptr || *dir == '\0') return;
  std::filesystem::create_directories(dir);
  const absl::Time t0 = absl::FromUnixSeconds(1795000000);
  auto entry = [&](int64_t seq, EntryKind kind, const std::string& text) {
    Entry e;
    e.crisis_id = 3;
    e.seq = seq;
    e.kind = kind;
    e.author = "coordinator";
    e.author_name = "Marieke Gerritsen";
    e.entered = t0 + absl::Minutes(seq * 7) + absl::Microseconds(seq * 13);
    e.event_time = t0 + absl::Minutes(seq * 5);
    e.text = text;
    e.municipalities = {"heumen", "wijchen"};
    return e;
  };
  std::vector<Entry> log;
  Entry opened = entry(1, EntryKind::kOpened, "Opvang vluchtelingen in sporthal De Heuvel");
  opened.title = "Opvang vluchtelingen";
  opened.type = "opvang";
  opened.grip = "1";
  log.push_back(opened);
  log.push_back(entry(2, EntryKind::kSituation, "120 mensen; \"bus\" om 14:00, é ø 😀"));
  Entry decision = entry(3, EntryKind::kDecision, "Sporthal openen");
  decision.refs = {2};
  log.push_back(decision);
  Entry action = entry(4, EntryKind::kAction, "Bedden regelen");
  action.action_owner = "h.devries";
  action.action_deadline = t0 + absl::Hours(20);
  action.action_status = "open";
  log.push_back(action);
  Entry update = entry(5, EntryKind::kActionUpdate, "");
  update.action_ref = 4;
  update.action_status = "done";
  update.refs = {4};
  log.push_back(update);
  Entry grip = entry(6, EntryKind::kGripChange, "opschaling");
  grip.grip = "2";
  log.push_back(grip);
  Entry correction = entry(7, EntryKind::kCorrection, "Sporthal De Heuvel openen");
  correction.corrects = 3;
  correction.refs = {3};
  log.push_back(correction);
  log.push_back(entry(8, EntryKind::kClosed, "afgeschaald"));

  ExportBundle b;
  b.crisis.id = 3;
  b.crisis.title = opened.title;
  b.crisis.type = opened.type;
  b.crisis.municipalities = opened.municipalities;
  b.crisis.grip = "2";
  b.crisis.open = false;
  b.crisis.opened = opened.event_time;
  b.crisis.closed = log.back().entered;
  b.crisis.opened_by = "coordinator";
  b.crisis.entries = static_cast<int64_t>(log.size());
  b.entries = log;
  for (const Entry& e : log) b.leaf_hashes.push_back(EntryLeafHash(e));
  b.tree_size = log.size();
  b.public_key = Signer().verifier().KeyString();
  b.checkpoint = Resign(b);
  auto write = [&](const std::string& name, const ExportBundle& bundle) {
    std::ofstream(absl::StrCat(dir, "/", name), std::ios::binary) << WriteExport(bundle);
  };
  write("seed-whole-log.json", b);
  ExportBundle filtered = b;
  filtered.filter = "kind=decision";
  filtered.entries = {decision};
  write("seed-filtered.json", filtered);
  ExportBundle empty = b;
  empty.entries.clear();
  empty.leaf_hashes.clear();
  empty.tree_size = 0;
  empty.checkpoint = Resign(empty);
  write("seed-empty.json", empty);
  std::exit(0);
}

}  // namespace
}  // namespace paraat::crisis

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  paraat::crisis::MaybeWriteSeeds();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  paraat::crisis::FuzzOne(absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
