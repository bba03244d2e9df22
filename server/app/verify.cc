// SPDX-License-Identifier: EUPL-1.2
#include "server/app/verify.h"

#include <limits>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crisis/entry_codec.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/compact_range.h"
#include "common/ledger/note.h"
#include "common/status/status_macros.h"
#include "server/storage/audit.h"

namespace paraat::app {

namespace {

using crisis::Entry;

Entry ReadEntry(const storage::Statement& st) {
  Entry e;
  e.crisis_id = st.Int(0);
  e.seq = st.Int(1);
  e.kind = crisis::ParseKind(st.Text(2), "kind").value_or(crisis::EntryKind::kMessage);
  e.author = st.Text(3);
  e.author_name = st.Text(4);
  e.entered = absl::FromUnixMicros(st.Int(5));
  e.event_time = absl::FromUnixMicros(st.Int(6));
  e.text = st.Text(7);
  for (absl::string_view m : absl::StrSplit(st.Text(8), ',', absl::SkipEmpty())) e.municipalities.emplace_back(m);
  for (absl::string_view r : absl::StrSplit(st.Text(9), ',', absl::SkipEmpty())) {
    int64_t v = 0;
    if (absl::SimpleAtoi(r, &v)) e.refs.push_back(v);
  }
  e.title = st.Text(10);
  e.type = st.Text(11);
  e.grip = st.Text(12);
  e.action_owner = st.Text(13);
  if (!st.IsNull(14)) e.action_deadline = absl::FromUnixMicros(st.Int(14));
  e.action_status = st.Text(15);
  e.action_ref = st.Int(16);
  e.corrects = st.Int(17);
  return e;
}

struct Checkpoint {
  uint64_t size;
  std::string root;
  std::string note;
};

absl::Status VerifyCrisis(storage::Connection& c, int64_t crisis_id, int64_t entry_count,
                          const std::string& frontier,
                          const std::vector<ledger::NoteVerifier>& trusted, const std::string& key_name,
                          VerifyOutcome& out) {
  std::map<uint64_t, Checkpoint> checkpoints;
  {
    PARAAT_ASSIGN_OR_RETURN(std::unique_ptr<storage::Statement> st,
                            c.PrepareOnce("SELECT tree_size, root, note FROM checkpoint "
                                          "WHERE crisis_id = ? ORDER BY tree_size"));
    st->Bind(1, crisis_id);
    while (true) {
      PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      checkpoints[static_cast<uint64_t>(st->Int(0))] = {static_cast<uint64_t>(st->Int(0)), st->Blob(1), st->Text(2)};
    }
  }
  // Every checkpoint must carry a valid signature of this server for this crisis.
  const std::string origin = absl::StrCat(key_name, "/crisis/", crisis_id);
  for (const auto& [size, cp] : checkpoints) {
    absl::StatusOr<ledger::Checkpoint> opened = ledger::OpenCheckpoint(cp.note, origin, trusted);
    if (!opened.ok()) {
      out.problems.push_back(absl::StrCat("crisis ", crisis_id, ": checkpoint of size ", size,
                                          " does not verify: ", opened.status().message()));
    } else if (opened->tree_size != size ||
               std::string(reinterpret_cast<const char*>(opened->root_hash.data()), 32) != cp.root) {
      out.problems.push_back(absl::StrCat("crisis ", crisis_id, ": checkpoint of size ", size,
                                          " was altered (its row differs from its signed note)"));
    }
    ++out.checkpoints;
  }
  PARAAT_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Statement> st,
      c.PrepareOnce("SELECT e.crisis_id, e.seq, e.kind, e.author, e.author_name, e.entered_us, "
                    "e.event_us, e.text, e.municipalities, e.refs, e.title, e.type, e.grip, "
                    "e.action_owner, e.action_deadline_us, e.action_status, e.action_ref, "
                    "e.corrects FROM entry e WHERE e.crisis_id = ? ORDER BY e.seq, e.id"));
  st->Bind(1, crisis_id);
  // The stored leaves, read in step with the entries (both in order) rather than looked up
  // one by one: a merge instead of a million index searches.
  PARAAT_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Statement> leaves,
      c.PrepareOnce("SELECT idx, hash FROM ledger_node WHERE crisis_id = ? AND level = 0 "
                    "ORDER BY idx"));
  leaves->Bind(1, crisis_id);
  int64_t leaf_idx = -1;  // the index of the leaf row `leaves` is on; INT64_MAX past the end
  std::string leaf_hash;
  // The stored leaf of entry `seq` ("" when there is none). Sequence numbers never decrease.
  auto stored_leaf = [&](int64_t seq) -> absl::StatusOr<std::string> {
    while (leaf_idx < seq - 1) {
      PARAAT_ASSIGN_OR_RETURN(bool more, leaves->Step());
      if (!more) {
        leaf_idx = std::numeric_limits<int64_t>::max();
        break;
      }
      leaf_idx = leaves->Int(0);
      leaf_hash = leaves->Blob(1);
    }
    return leaf_idx == seq - 1 ? leaf_hash : std::string();
  };
  ledger::CompactRange range;
  int64_t expected = 1;
  int64_t first_without_leaf = 0;  // an entry row without its leaf in the Merkle tree
  bool reported = false;
  auto report = [&](std::string problem) {
    if (!reported) out.problems.push_back(std::move(problem));
    reported = true;
  };
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    const Entry e = ReadEntry(*st);
    ++out.entries;
    if (e.seq != expected) {
      report(absl::StrCat("crisis ", crisis_id, " entry ", expected,
                          e.seq > expected ? " is missing (deleted)" : " appears twice (inserted)",
                          "; the next row has sequence number ", e.seq));
      expected = e.seq;
    }
    const ledger::Hash leaf = crisis::EntryLeafHash(e);
    PARAAT_ASSIGN_OR_RETURN(const std::string stored, stored_leaf(e.seq));
    if (stored.size() != 32 && first_without_leaf == 0) first_without_leaf = e.seq;
    if (stored.size() == 32 && std::string(reinterpret_cast<const char*>(leaf.data()), 32) != stored) {
      report(absl::StrCat("crisis ", crisis_id, " entry ", e.seq,
                          " does not match the leaf it was logged with (edited or moved)"));
    }
    range.Append(leaf);
    ++expected;
    auto cp = checkpoints.find(range.size());
    if (cp != checkpoints.end()) {
      const ledger::Hash root = range.Root();
      if (std::string(reinterpret_cast<const char*>(root.data()), 32) != cp->second.root) {
        report(absl::StrCat("crisis ", crisis_id, ": the entries up to ", e.seq,
                            " do not rebuild the signed root of checkpoint ", cp->first,
                            " (an entry up to there was edited, inserted, deleted or reordered)"));
      }
    }
  }
  if (static_cast<int64_t>(range.size()) != entry_count) {
    report(absl::StrCat("crisis ", crisis_id, " has ", range.size(), " entry rows but its log says ",
                        entry_count));
  }
  if (!checkpoints.empty() && checkpoints.rbegin()->first > range.size()) {
    report(absl::StrCat("crisis ", crisis_id, " has ", range.size(),
                        " entries but a signed checkpoint of ", checkpoints.rbegin()->first,
                        ": entries at the end were deleted"));
  }
  // What a torn write would leave (an entry without its leaf, a tree head that does not
  // follow the entries; the next append would build on it): checked last, so a tampering
  // found above is reported by its first symptom.
  if (first_without_leaf != 0) {
    report(absl::StrCat("crisis ", crisis_id, " entry ", first_without_leaf,
                        " has no leaf in the Merkle tree (its ledger node is missing)"));
  }
  absl::StatusOr<ledger::CompactRange> head = ledger::CompactRange::Deserialize(frontier);
  if (!head.ok() || head->size() != range.size() || head->Root() != range.Root()) {
    report(absl::StrCat("crisis ", crisis_id, ": the stored tree head (",
                        head.ok() ? absl::StrCat(head->size(), " entries") : "unreadable",
                        ") is not the tree of its ", range.size(), " entries"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<VerifyOutcome> VerifyDatabase(storage::Database& db, const std::string& verifier_key,
                                             const std::string& key_name) {
  VerifyOutcome out;
  PARAAT_ASSIGN_OR_RETURN(ledger::NoteVerifier verifier, ledger::NoteVerifier::FromKeyString(verifier_key));
  const std::vector<ledger::NoteVerifier> trusted = {verifier};
  PARAAT_RETURN_IF_ERROR(db.Read([&](storage::Connection& c) -> absl::Status {
    struct Row {
      int64_t id;
      int64_t count;
      std::string frontier;
    };
    std::vector<Row> crises;
    {
      PARAAT_ASSIGN_OR_RETURN(
          std::unique_ptr<storage::Statement> st,
          c.PrepareOnce("SELECT id, entry_count, frontier FROM crisis ORDER BY id"));
      while (true) {
        PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        crises.push_back(Row{st->Int(0), st->Int(1), st->Blob(2)});
      }
    }
    for (const auto& [id, count, frontier] : crises) {
      PARAAT_RETURN_IF_ERROR(VerifyCrisis(c, id, count, frontier, trusted, key_name, out));
      ++out.crises;
    }
    absl::Status chain = storage::VerifyAuditChain(c, &out.audit_records);
    if (!chain.ok()) out.problems.push_back(std::string(chain.message()));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace paraat::app
