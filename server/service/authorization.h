// SPDX-License-Identifier: EUPL-1.2
// The authorization table (one rule per RPC, deny by default) and the authorizer that every
// handler calls first: it authenticates the bearer token, applies the rule and counts refusals.
#ifndef PARAAT_SERVER_SERVICE_AUTHORIZATION_H_
#define PARAAT_SERVER_SERVICE_AUTHORIZATION_H_

#include <grpcpp/server_context.h>

#include <cstdint>
#include <mutex>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/directory/access.h"
#include "server/storage/account_store.h"

namespace paraat::service {

struct Rule {
  bool needs_token = true;  // false only for Login
  directory::Role min_role = directory::Role::kAdministrator;
  directory::ScopeRule scope = directory::ScopeRule::kRegion;
  // What the call does, in words, for refusals ("publishing a roster needs the role ...").
  // Every rule that can refuse a signed-in caller has one.
  const char* what = nullptr;
};

// Full method name ("/paraat.v1.DirectoryService/ListPeople") -> rule. A method that is not
// in the table is refused (PERMISSION_DENIED) for everyone.
const absl::flat_hash_map<std::string, Rule>& AuthorizationTable();

class Authorizer {
 public:
  // Sessions end `session_ttl` after login at the latest, also those given out while the
  // server ran with a longer session length.
  Authorizer(storage::AccountStore* accounts, absl::Duration session_ttl)
      : accounts_(accounts), session_ttl_(session_ttl) {}

  // Authenticates the call's bearer token and applies `method`'s rule. UNAUTHENTICATED for a
  // missing, malformed, unknown, expired or revoked token; PERMISSION_DENIED for a role or
  // scope the rule does not allow, or a method without a rule. For Login (no token needed)
  // returns an empty principal.
  absl::StatusOr<directory::Principal> Authorize(const grpc::ServerContextBase* ctx,
                                                 absl::string_view method);

  // The same for a call whose token hash is known already: a long-lived stream re-checks its
  // caller before each message without hashing the token again.
  absl::StatusOr<directory::Principal> AuthorizeHash(absl::string_view token_hash,
                                                     absl::string_view method);

  // Counts a refusal that a handler decided after Authorize (e.g. a municipal scope).
  void CountRefusal(absl::string_view actor, absl::string_view method);

  // Forgets cached sessions, so a logout or a changed account takes effect at once.
  void ForgetToken(absl::string_view token_hash);
  void ForgetUser(absl::string_view username);

  // Writes the refused-call counters gathered so far (called every minute and at shutdown).
  absl::Status FlushRefusals();

  // The token hash of the call's bearer token, or UNAUTHENTICATED.
  static absl::StatusOr<std::string> BearerTokenHash(const grpc::ServerContextBase* ctx);

 private:
  absl::StatusOr<directory::Principal> Authenticate(absl::string_view token_hash);
  // Applies `method`'s rule to an authenticated caller.
  absl::StatusOr<directory::Principal> Apply(const Rule& rule,
                                             absl::StatusOr<directory::Principal> p,
                                             absl::string_view method);

  storage::AccountStore* accounts_;
  absl::Duration session_ttl_;

  std::mutex mu_;
  struct Cached {
    directory::Principal principal;
    absl::Time fetched;
  };
  absl::flat_hash_map<std::string, Cached> sessions_;  // by token hash; guarded by mu_
  // When each user's sessions were last forgotten: a session read from the store before that
  // (a call under way while they were revoked) is not cached. Guarded by mu_.
  absl::flat_hash_map<std::string, absl::Time> forgotten_;
  absl::Time forgotten_all_ = absl::InfinitePast();  // when forgotten_ was last cleared
  storage::RefusalCounts refusals_;                    // guarded by mu_
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_AUTHORIZATION_H_
