// SPDX-License-Identifier: EUPL-1.2
// Signs the tree heads of crisis logs: within a second of any append, a new C2SP checkpoint
// (origin, tree size, root hash) signed with the server's Ed25519 key is stored.
#ifndef PARAAT_SERVER_APP_CHECKPOINTER_H_
#define PARAAT_SERVER_APP_CHECKPOINTER_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/ledger/note.h"
#include "server/app/data_dir.h"
#include "server/storage/crisis_store.h"
#include "server/storage/database.h"

namespace paraat::app {

// The signing identity of this installation: its key (DIR/checkpoint-key.pem, made at init)
// and its key name (a setting), from which each crisis's origin follows.
struct LedgerIdentity {
  std::string key_name;       // e.g. "paraat.tweestromenland"
  std::string verifier_key;   // the C2SP verifier key string
  std::unique_ptr<ledger::NoteSigner> signer;
  std::string Origin(int64_t crisis_id) const;
};

// Creates the key and the key-name setting when they do not exist yet (init), then loads them.
[[nodiscard]] absl::StatusOr<LedgerIdentity> LoadLedgerIdentity(const DataDirPaths& paths,
                                                                storage::Database& db,
                                                                bool create);

class Checkpointer {
 public:
  Checkpointer(storage::CrisisStore* crises, const LedgerIdentity* identity);
  ~Checkpointer();
  // Asks for a checkpoint soon (called after each append commits).
  void Poke();
  // Signs every unsigned head now; returns how many were signed.
  absl::StatusOr<int> SignPending();
  void Stop();

 private:
  void Loop();

  storage::CrisisStore* crises_;
  const LedgerIdentity* identity_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool poked_ = true;     // guarded by mu_ (true: sign what is pending at start)
  bool stopping_ = false; // guarded by mu_
  std::thread thread_;
};

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_CHECKPOINTER_H_
