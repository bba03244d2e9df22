// SPDX-License-Identifier: EUPL-1.2
#include "server/service/authorization.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/auth/credentials.h"

namespace paraat::service {

using directory::Principal;
using directory::Role;
using directory::ScopeRule;

namespace {

// A cached session is re-read from the database at least this often; logouts and account
// changes made through this server drop it at once.
constexpr absl::Duration kSessionCacheTtl = absl::Seconds(30);

Rule Any(Role r, const char* what = nullptr) { return Rule{true, r, ScopeRule::kAny, what}; }
Rule Region(Role r, const char* what) { return Rule{true, r, ScopeRule::kRegion, what}; }
Rule Municipal(Role r, const char* what) { return Rule{true, r, ScopeRule::kMunicipality, what}; }

}  // namespace

const absl::flat_hash_map<std::string, Rule>& AuthorizationTable() {
  static const auto* const kTable = new absl::flat_hash_map<std::string, Rule>{
      // AuthService
      {"/paraat.v1.AuthService/Login", Rule{false, Role::kOfficer, ScopeRule::kAny}},
      {"/paraat.v1.AuthService/Logout", Any(Role::kOfficer)},
      {"/paraat.v1.AuthService/WhoAmI", Any(Role::kOfficer)},
      {"/paraat.v1.AuthService/ChangePassword", Any(Role::kOfficer)},
      {"/paraat.v1.AuthService/ListAccounts", Municipal(Role::kAdministrator, "listing accounts")},
      {"/paraat.v1.AuthService/CreateAccount",
       Municipal(Role::kAdministrator, "creating an account")},
      {"/paraat.v1.AuthService/UpdateAccount",
       Municipal(Role::kAdministrator, "changing an account")},
      {"/paraat.v1.AuthService/ResetPassword",
       Municipal(Role::kAdministrator, "resetting someone's password")},
      {"/paraat.v1.AuthService/UnlockAccount",
       Municipal(Role::kAdministrator, "unlocking an account")},
      // DirectoryService
      {"/paraat.v1.DirectoryService/ListMunicipalities", Any(Role::kOfficer)},
      {"/paraat.v1.DirectoryService/GetMunicipality", Any(Role::kOfficer)},
      {"/paraat.v1.DirectoryService/CreateMunicipality",
       Region(Role::kAdministrator, "adding a municipality")},
      {"/paraat.v1.DirectoryService/UpdateMunicipality",
       Region(Role::kAdministrator, "changing a municipality")},
      {"/paraat.v1.DirectoryService/ListPeople", Any(Role::kOfficer)},
      {"/paraat.v1.DirectoryService/GetPerson", Any(Role::kOfficer)},
      {"/paraat.v1.DirectoryService/CreatePerson",
       Municipal(Role::kAdministrator, "adding a person")},
      {"/paraat.v1.DirectoryService/UpdatePerson",
       Municipal(Role::kAdministrator, "changing a person")},
      {"/paraat.v1.DirectoryService/ListPools", Any(Role::kOfficer)},
      {"/paraat.v1.DirectoryService/GetPool", Any(Role::kOfficer)},
      {"/paraat.v1.DirectoryService/CreatePool", Region(Role::kAdministrator, "creating a pool")},
      {"/paraat.v1.DirectoryService/UpdatePool", Region(Role::kAdministrator, "changing a pool")},
      {"/paraat.v1.DirectoryService/AddPoolMember",
       Region(Role::kAdministrator, "adding a pool member")},
      {"/paraat.v1.DirectoryService/RemovePoolMember",
       Region(Role::kAdministrator, "removing a pool member")},
      // RosterService
      {"/paraat.v1.RosterService/GetOnCall", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/ListDuties", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/GetSchedule", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/RotateRoster", Region(Role::kAdministrator, "rotating a roster")},
      {"/paraat.v1.RosterService/AssignShift", Region(Role::kAdministrator, "assigning a duty")},
      {"/paraat.v1.RosterService/PublishRoster",
       Region(Role::kAdministrator, "publishing a roster")},
      {"/paraat.v1.RosterService/FindGaps", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/RequestSwap", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/RespondSwap", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/DecideSwap", Region(Role::kAdministrator, "deciding on a swap")},
      {"/paraat.v1.RosterService/ArrangeSwap",
       Region(Role::kAdministrator, "arranging a swap for others")},
      {"/paraat.v1.RosterService/EditSwap", Region(Role::kAdministrator, "changing a swap")},
      {"/paraat.v1.RosterService/CancelSwap", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/ListSwaps", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/CreateOverride", Any(Role::kCoordinator, "an emergency override")},
      {"/paraat.v1.RosterService/EndOverride",
       Any(Role::kCoordinator, "ending an emergency override")},
      {"/paraat.v1.RosterService/ListOverrides", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/AddUnavailability", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/CancelUnavailability", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/ListUnavailability", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/GenerateRoster",
       Region(Role::kAdministrator, "generating a roster")},
      {"/paraat.v1.RosterService/GetFairness", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/ListHolidays", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/SetHolidays",
       Region(Role::kAdministrator, "setting the holidays")},
      {"/paraat.v1.RosterService/AddPreference", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/ListPreferences", Any(Role::kOfficer)},
      {"/paraat.v1.RosterService/RemovePreference", Any(Role::kOfficer)},
      // FeedService: every officer for their own links and hours; handlers check others'.
      {"/paraat.v1.FeedService/CreateFeedLink", Any(Role::kOfficer)},
      {"/paraat.v1.FeedService/RevokeFeedLink", Any(Role::kOfficer)},
      {"/paraat.v1.FeedService/ListFeedLinks", Any(Role::kOfficer)},
      {"/paraat.v1.FeedService/GetCalendar", Any(Role::kOfficer)},
      {"/paraat.v1.FeedService/GetDutyHours", Any(Role::kOfficer)},
      // CrisisService (read access per crisis is checked by the handler)
      {"/paraat.v1.CrisisService/OpenCrisis", Any(Role::kCoordinator, "opening a crisis")},
      {"/paraat.v1.CrisisService/ListCrises", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisService/GetCrisis", Any(Role::kOfficer)},
      // Officers too: the owner of an action reports on it (crisis::CheckAppend decides).
      {"/paraat.v1.CrisisService/AppendEntry", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisService/ListEntries", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisService/SearchEntries", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisService/ListActions", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisService/GetHandover", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisService/ExportCrisis", Any(Role::kOfficer)},
      {"/paraat.v1.CrisisStreamService/WatchCrisis", Any(Role::kOfficer)},
      // LedgerService
      {"/paraat.v1.LedgerService/GetPublicKey", Any(Role::kOfficer)},
      {"/paraat.v1.LedgerService/GetCheckpoint", Any(Role::kOfficer)},
      {"/paraat.v1.LedgerService/GetInclusionProof", Any(Role::kOfficer)},
      {"/paraat.v1.LedgerService/GetConsistencyProof", Any(Role::kOfficer)},
      // CapacityService
      {"/paraat.v1.CapacityService/ListAmbitions", Any(Role::kOfficer)},
      {"/paraat.v1.CapacityService/SetAmbition",
       Region(Role::kAdministrator, "changing an ambition")},
      {"/paraat.v1.CapacityService/GetCapacity", Any(Role::kOfficer)},
      {"/paraat.v1.CapacityService/SetCapacity",
       Municipal(Role::kAdministrator, "setting a municipality's hours")},
      {"/paraat.v1.CapacityService/SetLoanRule",
       Region(Role::kAdministrator, "setting a loan rule")},
      {"/paraat.v1.CapacityService/SetDemand",
       Any(Role::kCoordinator, "stating a crisis's demand for hours")},
      {"/paraat.v1.CapacityService/ListDemand", Any(Role::kOfficer)},
      {"/paraat.v1.CapacityService/Propose", Any(Role::kAdministrator, "a capacity proposal")},
      {"/paraat.v1.CapacityService/GetProposal",
       Any(Role::kAdministrator, "reading a capacity proposal")},
      {"/paraat.v1.CapacityService/ListProposals",
       Any(Role::kAdministrator, "listing capacity proposals")},
      {"/paraat.v1.CapacityService/CompareProposals",
       Any(Role::kAdministrator, "comparing capacity proposals")},
      {"/paraat.v1.CapacityService/Approve",
       Region(Role::kAdministrator, "approving a capacity plan")},
      {"/paraat.v1.CapacityService/Restore", Region(Role::kAdministrator, "restoring the plans")},
      {"/paraat.v1.CapacityService/ListAllocations", Any(Role::kOfficer)},
      // AuditService
      {"/paraat.v1.AuditService/ListAudit",
       Municipal(Role::kAdministrator, "reading the audit trail")},
      // ServerService
      {"/paraat.v1.ServerService/GetServerInfo", Any(Role::kOfficer)},
      {"/paraat.v1.ServerService/Ping", Any(Role::kOfficer)},
  };
  return *kTable;
}

absl::StatusOr<std::string> Authorizer::BearerTokenHash(const grpc::ServerContextBase* ctx) {
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) {
    return absl::UnauthenticatedError("no session token: log in first (paraat login)");
  }
  const absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kPrefix = "Bearer ";
  if (!absl::StartsWithIgnoreCase(value, kPrefix) || value.size() == kPrefix.size()) {
    return absl::UnauthenticatedError(
        "the authorization header must be 'Bearer <token>'; log in again");
  }
  return auth::TokenHash(value.substr(kPrefix.size()));
}

absl::StatusOr<Principal> Authorizer::Authenticate(absl::string_view token_hash) {
  const absl::Time now = absl::Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = sessions_.find(token_hash);
    if (it != sessions_.end()) {
      if (now - it->second.fetched < kSessionCacheTtl && it->second.principal.expires > now) {
        return it->second.principal;
      }
      sessions_.erase(it);
    }
  }
  absl::StatusOr<Principal> p = accounts_->FindSession(token_hash, now, session_ttl_);
  if (!p.ok()) return p.status();
  std::lock_guard<std::mutex> lock(mu_);
  // Read before the user's sessions were forgotten (revoked meanwhile, perhaps): answered
  // this once, as the store said, but not kept.
  if (now <= forgotten_all_) return p;
  if (auto f = forgotten_.find(p->username); f != forgotten_.end() && now <= f->second) return p;
  if (sessions_.size() > 100000) sessions_.clear();  // bound the cache
  sessions_[token_hash] = Cached{*p, now};
  return p;
}

absl::StatusOr<Principal> Authorizer::Authorize(const grpc::ServerContextBase* ctx,
                                                absl::string_view method) {
  const auto& table = AuthorizationTable();
  auto rule = table.find(method);
  if (rule == table.end()) {
    CountRefusal("-", method);
    return absl::PermissionDeniedError(
        absl::StrCat(method, " has no authorization rule and is refused"));
  }
  if (!rule->second.needs_token) return Principal{};
  absl::StatusOr<std::string> hash = BearerTokenHash(ctx);
  if (!hash.ok()) {
    CountRefusal("-", method);
    return hash.status();
  }
  return Apply(rule->second, Authenticate(*hash), method);
}

absl::StatusOr<Principal> Authorizer::AuthorizeHash(absl::string_view token_hash,
                                                    absl::string_view method) {
  const auto& table = AuthorizationTable();
  auto rule = table.find(method);
  if (rule == table.end() || !rule->second.needs_token) {
    CountRefusal("-", method);
    return absl::PermissionDeniedError(
        absl::StrCat(method, " has no authorization rule for a signed-in caller"));
  }
  return Apply(rule->second, Authenticate(token_hash), method);
}

absl::StatusOr<Principal> Authorizer::Apply(const Rule& rule, absl::StatusOr<Principal> p,
                                            absl::string_view method) {
  if (!p.ok()) {
    CountRefusal("-", method);
    return p.status();
  }
  const absl::string_view what =
      rule.what != nullptr ? absl::string_view(rule.what) : method.substr(method.rfind('/') + 1);
  if (absl::Status s = directory::RequireRole(*p, rule.min_role, what); !s.ok()) {
    CountRefusal(p->username, method);
    return s;
  }
  if (rule.scope == ScopeRule::kRegion && !p->regional()) {
    CountRefusal(p->username, method);
    return absl::PermissionDeniedError(absl::StrCat(what, " is a region-wide change; ", p->username,
                                                    " is scoped to municipality '", p->scope, "'"));
  }
  return p;
}

void Authorizer::CountRefusal(absl::string_view actor, absl::string_view method) {
  const int64_t minute = absl::ToUnixSeconds(absl::Now()) / 60 * 60 * 1000000;
  std::lock_guard<std::mutex> lock(mu_);
  ++refusals_[{std::string(actor), std::string(method), minute}];
}

void Authorizer::ForgetToken(absl::string_view token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(std::string(token_hash));
}

void Authorizer::ForgetUser(absl::string_view username) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::erase_if(sessions_,
                 [&](const auto& kv) { return kv.second.principal.username == username; });
  if (forgotten_.size() > 100000) {  // bound the memory: then nothing read before now is kept
    forgotten_.clear();
    forgotten_all_ = absl::Now();
  }
  forgotten_[std::string(username)] = absl::Now();
}

absl::Status Authorizer::FlushRefusals() {
  storage::RefusalCounts counts;
  {
    std::lock_guard<std::mutex> lock(mu_);
    counts.swap(refusals_);
  }
  absl::Status s = accounts_->AddRefusals(counts);
  if (!s.ok()) {
    // Keep them for the next flush rather than lose them.
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [k, n] : counts) refusals_[k] += n;
  }
  return s;
}

}  // namespace paraat::service
