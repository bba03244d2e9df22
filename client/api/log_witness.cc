// SPDX-License-Identifier: EUPL-1.2
#include "client/api/log_witness.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "client/api/session_store.h"
#include "common/json/json.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/note.h"
#include "common/ledger/verify.h"
#include "common/status/status_macros.h"

namespace paraat::client {

namespace {

// What this client saw before. No file: nothing yet. A damaged file is an error, not a fresh
// start: starting afresh would trust whatever key and log the server shows now.
absl::StatusOr<json::Value> Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return json::Value::MakeObject();
  std::stringstream ss;
  ss << in.rdbuf();
  absl::StatusOr<json::Value> v = json::Parse(ss.str());
  if (!v.ok() || !v->is_object()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the witness file ", path, " is damaged (",
        v.ok() ? std::string("not a JSON object") : std::string(v.status().message()),
        "): it holds the logs this computer saw before, so it is not replaced; restore it, or "
        "move it aside to trust the server's logs afresh"));
  }
  return *v;
}

absl::Status Save(const std::string& path, const json::Value& v) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << v.SerializePretty() << "\n";
    if (!out) return absl::FailedPreconditionError(absl::StrCat("cannot write ", tmp));
  }
  ::chmod(tmp.c_str(), 0600);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace

LogWitness::LogWitness(std::string path)
    : path_(path.empty() ? ConfigDir() + "/witness.json" : std::move(path)) {}

absl::StatusOr<WitnessResult> LogWitness::Sync(Client& client, int64_t crisis_id) {
  PARAAT_ASSIGN_OR_RETURN(json::Value state, Load(path_));
  json::Value server = state.Find(client.server()) ? *state.Find(client.server()) : json::Value::MakeObject();
  WitnessResult r;
  std::string key;
  if (const json::Value* k = server.Find("key"); k != nullptr && k->is_string()) {
    key = k->as_string();
  } else {
    PARAAT_ASSIGN_OR_RETURN(key, client.GetPublicKey());
    server.Set("key", key);
    r.key_pinned_now = true;
  }
  PARAAT_ASSIGN_OR_RETURN(ledger::NoteVerifier verifier, ledger::NoteVerifier::FromKeyString(key));
  PARAAT_ASSIGN_OR_RETURN(CheckpointView cp, client.GetCheckpoint(crisis_id));
  const ledger::NoteVerifier trusted[] = {verifier};
  absl::StatusOr<ledger::Checkpoint> opened = ledger::OpenCheckpoint(
      cp.note, absl::StrCat(verifier.name(), "/crisis/", crisis_id), trusted);
  if (!opened.ok()) {
    return absl::DataLossError(absl::StrCat(
        "WARNING: the checkpoint of crisis ", crisis_id, " from ", client.server(),
        " is not signed by the key this client trusts (", verifier.name(), "): ",
        opened.status().message(), ". The server's key changed or the log was replaced; "
        "do not trust this log until an administrator explains it"));
  }
  r.tree_size = opened->tree_size;
  json::Value crises = server.Find("crises") ? *server.Find("crises") : json::Value::MakeObject();
  const std::string id = absl::StrCat(crisis_id);
  if (const json::Value* seen = crises.Find(id); seen != nullptr && seen->is_object()) {
    const json::Value* size = seen->Find("size");
    const json::Value* root = seen->Find("root");
    if (size != nullptr && root != nullptr && root->is_string()) {
      r.previous_size = static_cast<uint64_t>(size->as_int());
      PARAAT_ASSIGN_OR_RETURN(ledger::Hash old_root, ledger::HashFromHex(root->as_string()));
      if (opened->tree_size < r.previous_size) {
        return absl::DataLossError(absl::StrCat(
            "WARNING: crisis ", crisis_id, " on ", client.server(), " has ", opened->tree_size,
            " entries, but this client saw ", r.previous_size, " before: entries were removed"));
      }
      if (opened->tree_size == r.previous_size) {
        if (opened->root_hash != old_root) {
          return absl::DataLossError(absl::StrCat(
              "WARNING: crisis ", crisis_id, " on ", client.server(),
              " has the same size as before but another root: its log was rewritten"));
        }
      } else if (r.previous_size > 0) {
        PARAAT_ASSIGN_OR_RETURN(std::vector<std::string> raw,
                                client.GetConsistencyProof(crisis_id, r.previous_size, opened->tree_size));
        std::vector<ledger::Hash> proof;
        for (const std::string& h : raw) {
          PARAAT_ASSIGN_OR_RETURN(ledger::Hash hash, ledger::HashFromBytes(h));
          proof.push_back(hash);
        }
        absl::Status ok = ledger::VerifyConsistency(r.previous_size, opened->tree_size, old_root,
                                                    opened->root_hash, proof);
        if (!ok.ok()) {
          return absl::DataLossError(absl::StrCat(
              "WARNING: crisis ", crisis_id, " on ", client.server(), " is not an extension of the ",
              r.previous_size, " entries this client saw before (", ok.message(),
              "): its history was changed"));
        }
      }
    }
  }
  json::Value head;
  head.Set("size", static_cast<int64_t>(opened->tree_size));
  head.Set("root", ledger::HashToHex(opened->root_hash));
  crises.Set(id, head);
  server.Set("crises", crises);
  state.Set(client.server(), server);
  PARAAT_RETURN_IF_ERROR(Save(path_, state));
  return r;
}

}  // namespace paraat::client
