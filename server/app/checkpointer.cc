// SPDX-License-Identifier: EUPL-1.2
#include "server/app/checkpointer.h"

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/ed25519.h"
#include "common/status/status_macros.h"
#include "server/app/seed.h"
#include "server/log/log.h"
#include "server/storage/settings.h"

namespace paraat::app {

std::string LedgerIdentity::Origin(int64_t crisis_id) const {
  return absl::StrCat(key_name, "/crisis/", crisis_id);
}

namespace {

std::string KeyNameFor(const std::string& region) {
  std::string slug;
  for (char c : absl::AsciiStrToLower(region)) {
    if (absl::ascii_isalnum(c)) slug.push_back(c);
  }
  return absl::StrCat("paraat.", slug.empty() ? "local" : slug);
}

}  // namespace

absl::StatusOr<LedgerIdentity> LoadLedgerIdentity(const DataDirPaths& paths, storage::Database& db,
                                                  bool create) {
  LedgerIdentity id;
  PARAAT_ASSIGN_OR_RETURN(id.key_name, storage::GetSetting(db, "ledger_key_name", ""));
  if (id.key_name.empty()) {
    id.key_name = KeyNameFor(RegionName(db));
    PARAAT_RETURN_IF_ERROR(storage::SetSetting(db, "system", "ledger_key_name", id.key_name));
  }
  const std::string path = paths.signing_key();
  if (::access(path.c_str(), F_OK) != 0) {
    // A new key where the old one signed checkpoints would sign on as another server, and
    // every checkpoint signed before would fail to verify against what `key` then prints.
    PARAAT_ASSIGN_OR_RETURN(const int64_t signed_before, storage::CountSignedCheckpoints(db));
    if (signed_before > 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the signing key ", path, " is missing, but ", signed_before,
          " checkpoints of the crisis logs were signed with it; a new key would sign as another "
          "server. Put the key back (paraat-server restore writes it from a backup) and start "
          "again"));
    }
    if (!create) {
      log::Warning("ledger", "no checkpoint key in the data directory; creating one",
                   {{"path", path}});
    }
    PARAAT_ASSIGN_OR_RETURN(ledger::Ed25519PrivateKey fresh, ledger::Ed25519PrivateKey::Generate());
    PARAAT_RETURN_IF_ERROR(fresh.SavePemFile(path));
  }
  PARAAT_ASSIGN_OR_RETURN(ledger::Ed25519PrivateKey key, ledger::Ed25519PrivateKey::LoadPemFile(path));
  PARAAT_ASSIGN_OR_RETURN(ledger::NoteSigner signer, ledger::NoteSigner::Create(id.key_name, std::move(key)));
  id.verifier_key = signer.verifier().KeyString();
  // The key that signs this database's checkpoints is recorded with it the first time; another
  // key put in its place (a copy from another server, an old backup's) would sign as someone
  // else, and every checkpoint signed before would fail to verify against what `key` prints.
  PARAAT_ASSIGN_OR_RETURN(const std::string recorded,
                          storage::GetSetting(db, "ledger_verifier_key", ""));
  if (recorded.empty()) {
    PARAAT_RETURN_IF_ERROR(
        storage::SetSetting(db, "system", "ledger_verifier_key", id.verifier_key));
  } else if (recorded != id.verifier_key) {
    // Nothing signed with the recorded key (a key lost before the first crisis): this key
    // takes its place, and the log says so.
    PARAAT_ASSIGN_OR_RETURN(const int64_t signed_before, storage::CountSignedCheckpoints(db));
    if (signed_before == 0) {
      log::Warning("ledger", "the signing key changed; nothing was signed with the one before",
                   {{"path", path}, {"key", id.verifier_key}});
      PARAAT_RETURN_IF_ERROR(
          storage::SetSetting(db, "system", "ledger_verifier_key", id.verifier_key));
      id.signer = std::make_unique<ledger::NoteSigner>(std::move(signer));
      return id;
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the signing key ", path, " is not the key of this database (it signs as ",
        id.verifier_key, "; the database's checkpoints are signed as ", recorded,
        "). Put the right key back (paraat-server restore writes it from a backup) and start "
        "again"));
  }
  id.signer = std::make_unique<ledger::NoteSigner>(std::move(signer));
  return id;
}

Checkpointer::Checkpointer(storage::CrisisStore* crises, const LedgerIdentity* identity)
    : crises_(crises), identity_(identity) {
  thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() { Stop(); }

void Checkpointer::Poke() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked_ = true;
  }
  cv_.notify_one();
}

void Checkpointer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<int> Checkpointer::SignPending() {
  PARAAT_ASSIGN_OR_RETURN(auto heads, crises_->UnsignedHeads());
  int n = 0;
  for (const auto& [crisis_id, range] : heads) {
    ledger::Checkpoint cp;
    cp.origin = identity_->Origin(crisis_id);
    cp.tree_size = range.size();
    cp.root_hash = range.Root();
    PARAAT_ASSIGN_OR_RETURN(std::string note, ledger::SignCheckpoint(cp, *identity_->signer));
    storage::StoredCheckpoint stored;
    stored.crisis_id = crisis_id;
    stored.tree_size = cp.tree_size;
    stored.root = cp.root_hash;
    stored.note = std::move(note);
    PARAAT_RETURN_IF_ERROR(crises_->SaveCheckpoint(stored));
    ++n;
  }
  return n;
}

void Checkpointer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    // Sign at once after a poke; appends arriving meanwhile share the next checkpoint. A
    // periodic pass catches heads left unsigned by an error or a crash.
    cv_.wait_for(lock, std::chrono::seconds(5), [this] { return poked_ || stopping_; });
    poked_ = false;
    lock.unlock();
    absl::StatusOr<int> n = SignPending();
    if (!n.ok() && !absl::IsUnavailable(n.status())) {
      log::Warning("ledger", "could not sign checkpoints", {{"error", n.status().ToString()}});
    }
    // Bound the rate: at most a few checkpoint rounds per second under heavy appending.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    lock.lock();
  }
  lock.unlock();
  (void)SignPending();  // the last appends get their checkpoint before the database closes
}

}  // namespace paraat::app
