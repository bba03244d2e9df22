// SPDX-License-Identifier: EUPL-1.2
// The client library: one connection to a Paraat server, every call synchronous with a
// deadline, results as domain values. Thread-safe (gRPC stubs are); the CLI calls it
// directly and paraat-desk through AsyncClient, off the GUI thread.
#ifndef PARAAT_CLIENT_API_CLIENT_H_
#define PARAAT_CLIENT_API_CLIENT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/security/credentials.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/api/tls.h"
#include "common/directory/directory.h"
#include "common/roster/duty_calendar.h"
#include "common/roster/duty_hours.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"
#include "common/crisis/crisis.h"
#include "common/capacity/model.h"
#include "common/capacity/reallocation.h"
#include "common/crisis/export.h"
#include "common/crisis/rules.h"
#include "common/crisis/views.h"
#include <atomic>
#include <functional>
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/directory.grpc.pb.h"
#include "paraat/v1/feed.grpc.pb.h"
#include "paraat/v1/roster.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/crisis_stream.grpc.pb.h"
#include "paraat/v1/ledger.grpc.pb.h"
#include "paraat/v1/capacity.grpc.pb.h"
#include "paraat/v1/audit.grpc.pb.h"
#include "paraat/v1/server.grpc.pb.h"

namespace paraat::client::cache {
class Cache;
}  // namespace paraat::client::cache

namespace paraat::client {

struct ClientOptions {
  std::string server = "127.0.0.1:50051";  // "tls://host:port" for TLS
  std::shared_ptr<grpc::ChannelCredentials> credentials;  // null: from `tls`
  std::string token;                         // session token; empty before login
  absl::Duration deadline = absl::Seconds(10);  // for every call
  // The TLS settings to connect with when `credentials` is null (the CLI's, from its flags);
  // none: ResolveTls(server) from the environment, the config and what a login kept.
  std::optional<TlsSettings> tls;
};

struct LoginResult {
  std::string token;
  absl::Time expires;
  directory::AccountInfo account;
};

struct ServerInfo {
  std::string version;
  int schema_version = 0;
  absl::Time server_time;
  std::string region;
};

// Edits of a directory record: only the fields that are set change.
struct MunicipalityUpdate {
  std::optional<std::string> name, region;
  std::optional<bool> active;
};
struct PersonUpdate {
  std::optional<std::string> name, municipality, phone, email;
  std::optional<std::vector<std::string>> qualifications;
  std::optional<bool> active;
};
struct PoolUpdate {
  std::optional<std::string> name, time_zone, handover_time;
  std::optional<int> handover_weekday, shift_days, arrival_norm_minutes, min_rest_shifts;
  std::optional<bool> auto_approve_swaps, active;
};
struct AccountUpdate {
  std::optional<directory::Role> role;
  std::optional<std::string> scope;  // "" = region
  std::optional<bool> active;
};

// Piket views: domain values with the people named.
struct Duty {
  roster::DutySlice slice;
  roster::PersonRef person;
};
struct PoolOnCall {
  std::string pool;
  std::string pool_name;
  std::optional<Duty> current;   // nullopt: nobody on duty (a gap)
  std::optional<Duty> next;
  std::optional<absl::Time> gap_until;
  int arrival_norm_minutes = 0;
  std::optional<absl::Time> handover;             // when `current` hands over
  std::optional<roster::Interval> current_on_leave;  // `current` is on leave now (a clash)
  // `current` may no longer serve in the pool (a clash): "deactivated", "unqualified" or
  // "not_member"; empty when they may.
  std::string current_ineligible;
};
struct OnCall {
  absl::Time at;
  std::vector<PoolOnCall> pools;
};
struct ClashView {
  roster::Clash clash;
  roster::PersonRef person;
};
struct ScheduleView {
  std::vector<Duty> slices;
  std::vector<roster::Gap> gaps;
  std::vector<ClashView> clashes;
  // FindGaps: the end of the period looked at; a gap or clash that ends there may go on.
  std::optional<absl::Time> until;
};
// The server cuts what it sends at the edges of the period asked for, so a week-long duty
// that began before it would show as a few hours. Ask WholeDutiesAsk(period) instead - a
// fortnight more on both sides, less where the server's limit of 800 days leaves less room -
// and then KeepPeriod(view, period): the duties and clashes that overlap the period stay,
// whole; gaps stay within it.
roster::Interval WholeDutiesAsk(const roster::Interval& period);
void KeepPeriod(ScheduleView& v, const roster::Interval& period);

struct SwapView {
  roster::Swap swap;
  roster::PersonRef giver;
  roster::PersonRef taker;
  // Listed open swaps only: why it cannot be carried out as it stands (empty: it can).
  std::string obstacle;
};
struct OverrideView {
  roster::Override override_;
  roster::PersonRef person;
};
struct LeaveView {
  roster::Leave leave;
  roster::PersonRef person;
};
struct SwapRequestArgs {
  int64_t shift_id = 0;
  std::string taker;
  std::optional<roster::Interval> part;
  int64_t return_shift_id = 0;
  std::string reason;
};

// Crisis log views.
struct EntryView {
  crisis::Entry entry;
  std::vector<int64_t> corrected_by;
};
struct EntryPage {
  std::vector<EntryView> entries;
  int64_t next_after_seq = 0;  // 0: no more
};
struct EntryFilter {
  std::vector<crisis::EntryKind> kinds;
  std::string author;
  std::optional<absl::Time> from, to;
  std::string municipality;
  bool empty() const {
    return kinds.empty() && author.empty() && !from && !to && municipality.empty();
  }
};
struct ActionView {
  crisis::ActionState action;
  std::string crisis_title;
  std::string owner_name;
  bool overdue = false;
};
struct HandoverView {
  crisis::Crisis crisis;
  absl::Time since;
  std::vector<EntryView> decisions;
  std::vector<EntryView> assessments;
  std::vector<EntryView> grip_changes;
  std::optional<EntryView> latest_situation;
  std::vector<ActionView> open_actions;
  std::vector<ActionView> finished_actions;  // done or cancelled since, in the order finished
  std::optional<EntryView> latest_handover;  // the handover note logged last
  std::vector<EntryView> other_entries;      // messages, closing and reopening since
  // The corrections of the entries above, and of those corrections in turn, by seq (what a
  // corrected entry now says).
  std::map<int64_t, EntryView> corrections;
};
// A correction shown under an entry of the handover: depth 1 corrects the entry itself, depth 2
// corrects that correction, and so on (a correction that is itself corrected is struck through).
struct CorrectionLine {
  int depth = 1;
  const EntryView* correction = nullptr;
};
// The corrections under `v`, each followed by its own corrections, in the order they were logged.
std::vector<CorrectionLine> CorrectionsUnder(const HandoverView& h, const EntryView& v);
struct CheckpointView {
  std::string note;
  uint64_t tree_size = 0;
  std::string root_hash;  // 32 bytes
  std::string origin;
};

// Feed links and hours on duty.
struct FeedLinkView {
  int64_t id = 0;
  std::string owner;
  roster::FeedTarget target;
  std::string target_name;  // the person's name for a person's feed
  absl::Time created;
  std::optional<absl::Time> revoked;
  std::string revoked_by;
  std::string hint;
};
struct NewFeedLink {
  FeedLinkView link;
  std::string path;  // "/ical/<secret>.ics", shown once
  std::string url;   // empty when the server does not know where its side door is published
};
struct DutyHoursView {
  roster::DutyHours hours;
  roster::PersonRef person;
};
struct DutyHoursReport {
  std::vector<DutyHoursView> rows;
  std::vector<roster::PublicHoliday> holidays;
};

// A fresh idempotency key for an append: 128 random bits as hex.
std::string NewIdempotencyKey();

// Capacity views.
struct CapacityView {
  std::vector<capacity::Municipality> municipalities;
  std::map<std::string, std::string> versions;  // municipality -> version of its capacity
  bool loans_same_region_default = true;
  double loans_default_cost = 0;
  std::vector<capacity::LoanRule> loan_rules;
};
struct DemandView {
  int64_t crisis_id = 0;
  std::string week;
  std::string municipality;
  double hours = 0;
};
struct ProposalView {
  int64_t id = 0;
  int64_t crisis_id = 0;
  std::string week;
  capacity::Policy policy = capacity::Policy::kPriority;
  std::string created_by;
  absl::Time created;
  std::vector<capacity::AmbitionOutcome> allocations;
  std::vector<capacity::Loan> loans;
  std::vector<capacity::MunicipalityOutcome> municipalities;
  std::vector<std::string> shortfalls;
  std::string summary;
  double total_demand_hours = 0;
  double total_shortfall_hours = 0;
  bool stale = false;
  // Other crises' allocations in force that week, whose hours this proposal does not count.
  std::vector<std::string> warnings;
};
using AllocationView = capacity::Allocation;

struct AuditView {
  int64_t id = 0;
  absl::Time at;
  std::string actor, action, object, before_json, after_json;
};

struct GenerateResult {
  std::string status;  // optimal, feasible, infeasible
  std::vector<Duty> shifts;
  double relative_gap = 0;
  std::vector<std::string> stages;      // one line per stage
  std::vector<std::string> unfillable;  // when infeasible
  std::vector<std::string> warnings;
  double fairness = 0;
  int64_t spacing = 0, preferences = 0;
  double seconds = 0;
};
struct FairnessRow {
  std::string pool;
  roster::PersonRef person;
  int duties = 0, holiday_duties = 0;
  double hours = 0, expected_duties = 0, expected_holiday_duties = 0, deviation = 0,
         holiday_deviation = 0;
  std::vector<std::string> holidays;
  bool member = true;  // in the pool's share (a member who may serve)
};
struct PoolFairnessRow {
  std::string pool;
  int duties = 0, holiday_duties = 0, unfilled = 0;
  double hours = 0, spread = 0, holiday_spread = 0;
};
struct HolidayRow {
  std::string name, first, last;
};

// Turns a failed call into a status with the server's message; UNAVAILABLE and
// DEADLINE_EXCEEDED say which server could not be reached, and when gRPC's detail shows that
// the TLS handshake failed, why and what to do (ExplainTlsFailure, with `tls`: the settings
// the connection was made with; a "tls://" address is TLS in any case).
absl::Status FromGrpc(const grpc::Status& s, const std::string& server, const TlsUse& tls = {});

class Client {
 public:
  explicit Client(ClientOptions options);

  void set_token(std::string token);
  std::string token() const;
  const std::string& server() const { return options_.server; }

  // AuthService
  absl::StatusOr<LoginResult> Login(const std::string& username, const std::string& password);
  // Ends this session (with `everywhere`, every session of the account); returns how many.
  absl::StatusOr<int> Logout(bool everywhere = false);
  absl::StatusOr<std::pair<directory::AccountInfo, absl::Time>> WhoAmI();
  // Returns how many other sessions of the account ended with the old password.
  absl::StatusOr<int> ChangePassword(const std::string& current, const std::string& next);
  absl::StatusOr<std::vector<directory::AccountInfo>> ListAccounts();
  // Returns the account and its initial password.
  absl::StatusOr<std::pair<directory::AccountInfo, std::string>> CreateAccount(
      const directory::Account& account);
  absl::StatusOr<directory::AccountInfo> UpdateAccount(const std::string& username,
                                                       const AccountUpdate& update);
  absl::StatusOr<std::string> ResetPassword(const std::string& username);
  // The account after the unlock, and whether it was locked out.
  absl::StatusOr<std::pair<directory::AccountInfo, bool>> UnlockAccount(
      const std::string& username);

  // DirectoryService
  absl::StatusOr<std::vector<directory::Municipality>> ListMunicipalities(bool include_inactive);
  absl::StatusOr<directory::Municipality> GetMunicipality(const std::string& key);
  absl::StatusOr<directory::Municipality> CreateMunicipality(const directory::Municipality& m);
  absl::StatusOr<directory::Municipality> UpdateMunicipality(const std::string& key,
                                                             const MunicipalityUpdate& u);
  absl::StatusOr<std::vector<directory::Person>> ListPeople(const std::string& municipality,
                                                            const std::string& qualification,
                                                            bool include_inactive);
  absl::StatusOr<directory::Person> GetPerson(const std::string& key);
  absl::StatusOr<directory::Person> CreatePerson(const directory::Person& p);
  absl::StatusOr<directory::Person> UpdatePerson(const std::string& key, const PersonUpdate& u);
  absl::StatusOr<std::vector<directory::Pool>> ListPools(bool include_inactive);
  absl::StatusOr<directory::Pool> GetPool(const std::string& key);
  absl::StatusOr<directory::Pool> CreatePool(const directory::Pool& p);
  absl::StatusOr<directory::Pool> UpdatePool(const std::string& key, const PoolUpdate& u);
  absl::StatusOr<directory::Pool> AddPoolMember(const std::string& pool, const std::string& person);
  absl::StatusOr<directory::Pool> RemovePoolMember(const std::string& pool,
                                                   const std::string& person);

  // RosterService
  absl::StatusOr<OnCall> GetOnCall(std::optional<absl::Time> at);
  absl::StatusOr<ScheduleView> ListDuties(const std::string& person, std::optional<absl::Time> from,
                                          std::optional<absl::Time> to);
  absl::StatusOr<ScheduleView> GetSchedule(const std::string& pool, std::optional<absl::Time> from,
                                           std::optional<absl::Time> to);
  absl::StatusOr<std::vector<Duty>> RotateRoster(const std::string& pool, const std::string& from_date,
                                                 int weeks, const std::vector<std::string>& order);
  absl::StatusOr<Duty> AssignShift(const std::string& pool, absl::Time at, const std::string& person);
  absl::StatusOr<std::pair<int, absl::Time>> PublishRoster(const std::string& pool,
                                                           const std::string& until_date);
  absl::StatusOr<ScheduleView> FindGaps(const std::string& pool, int days);
  absl::StatusOr<SwapView> RequestSwap(const SwapRequestArgs& args, bool arrange);
  absl::StatusOr<SwapView> RespondSwap(int64_t id, bool accept);
  absl::StatusOr<SwapView> DecideSwap(int64_t id, bool approve);
  absl::StatusOr<SwapView> EditSwap(int64_t id, const std::string& taker,
                                    std::optional<roster::Interval> part);
  absl::StatusOr<SwapView> CancelSwap(int64_t id);
  absl::StatusOr<std::vector<SwapView>> ListSwaps(const std::string& pool, bool mine, bool open_only);
  absl::StatusOr<OverrideView> CreateOverride(const std::string& pool, const std::string& person,
                                              std::optional<absl::Time> from, absl::Time until,
                                              const std::string& reason);
  absl::StatusOr<OverrideView> EndOverride(int64_t id, std::optional<absl::Time> at);
  absl::StatusOr<std::vector<OverrideView>> ListOverrides(const std::string& pool,
                                                          std::optional<absl::Time> from,
                                                          std::optional<absl::Time> to);
  absl::StatusOr<std::pair<LeaveView, std::vector<ClashView>>> AddUnavailability(
      const std::string& person, const roster::Interval& interval, const std::string& reason);
  absl::StatusOr<LeaveView> CancelUnavailability(int64_t id);
  absl::StatusOr<std::vector<LeaveView>> ListUnavailability(const std::string& person, bool everyone,
                                                            std::optional<absl::Time> from,
                                                            std::optional<absl::Time> to);

  // CrisisService
  // `warnings` (when given) gets what the server warns of: another open crisis of that title.
  absl::StatusOr<std::pair<crisis::Crisis, crisis::Entry>> OpenCrisis(
      const crisis::Crisis& c, const std::string& text, std::optional<absl::Time> event_time,
      const std::string& idempotency_key, std::vector<std::string>* warnings = nullptr);
  absl::StatusOr<std::vector<crisis::Crisis>> ListCrises(bool include_closed);
  absl::StatusOr<crisis::Crisis> GetCrisis(int64_t id);
  // Appends with the request's idempotency key; retries UNAVAILABLE and DEADLINE_EXCEEDED a
  // few times with the same key, so a retry never makes a duplicate. `replayed` tells whether
  // the server had it already.
  absl::StatusOr<crisis::Entry> AppendEntry(const crisis::AppendRequest& r, bool* replayed = nullptr);
  absl::StatusOr<EntryPage> ListEntries(int64_t crisis_id, int64_t after_seq, int page_size,
                                        const EntryFilter& filter);
  absl::StatusOr<EntryPage> SearchEntries(int64_t crisis_id, const std::string& query,
                                          int64_t after_seq, int page_size);
  absl::StatusOr<std::vector<ActionView>> ListActions(int64_t crisis_id, bool mine,
                                                      bool include_finished);
  absl::StatusOr<HandoverView> GetHandover(int64_t crisis_id, std::optional<absl::Time> since);
  absl::StatusOr<crisis::ExportBundle> ExportCrisis(int64_t crisis_id, const EntryFilter& filter);
  // An export as a file's content in `format`: "verifiable" (self-contained and checkable
  // offline), "jsonl" or "markdown" (a report; corrected text struck through, taken from the
  // whole log even when `filter` leaves corrections out). `filter_note` says which filter was
  // used. INVALID_ARGUMENT names an unknown format. `bundle` (optional) receives the export.
  absl::StatusOr<std::string> ExportContent(int64_t crisis_id, const EntryFilter& filter,
                                            const std::string& format,
                                            const std::string& filter_note,
                                            crisis::ExportBundle* bundle = nullptr);
  // LedgerService
  absl::StatusOr<std::string> GetPublicKey();
  absl::StatusOr<CheckpointView> GetCheckpoint(int64_t crisis_id);
  absl::StatusOr<std::vector<std::string>> GetConsistencyProof(int64_t crisis_id, uint64_t from,
                                                               uint64_t to);
  absl::StatusOr<std::pair<std::string, std::vector<std::string>>> GetInclusionProof(
      int64_t crisis_id, int64_t seq, uint64_t tree_size);
  // CrisisStreamService: calls `on_entry` for every entry after *after_seq, then live ones,
  // reconnecting with backoff (0.5 s doubling to 10 s) and resuming from the last entry
  // seen, until `on_entry` returns false, *stop becomes true, or an error that a retry cannot
  // fix (PERMISSION_DENIED, NOT_FOUND, UNAUTHENTICATED, INVALID_ARGUMENT). `on_state` (may be
  // empty) hears "connected"/"reconnecting: <reason>".
  absl::Status WatchCrisis(int64_t crisis_id, int64_t* after_seq,
                           const std::function<bool(const crisis::Entry&)>& on_entry,
                           const std::atomic<bool>* stop,
                           const std::function<void(const std::string&)>& on_state = {});

  // FeedService
  // A link to the feed of `pool`, or of the caller's own duties when `pool` is empty.
  absl::StatusOr<NewFeedLink> CreateFeedLink(const std::string& pool);
  // By id, or (id 0) the caller's link to `pool`'s feed (own duties when empty).
  absl::StatusOr<FeedLinkView> RevokeFeedLink(int64_t id, const std::string& pool);
  absl::StatusOr<std::vector<FeedLinkView>> ListFeedLinks(bool everyone, bool include_revoked);
  // The .ics text of a pool's or a person's feed (exactly one of the two).
  absl::StatusOr<std::string> GetCalendar(const std::string& pool, const std::string& person);
  absl::StatusOr<DutyHoursReport> GetDutyHours(absl::Time from, absl::Time to,
                                               const std::string& person,
                                               const std::string& pool);

  absl::StatusOr<GenerateResult> GenerateRoster(const std::string& from_date, int weeks,
                                                const std::vector<std::string>& pools,
                                                int time_budget_seconds);
  absl::StatusOr<std::pair<std::vector<FairnessRow>, std::vector<PoolFairnessRow>>> GetFairness(
      const std::string& pool, std::optional<absl::Time> from, std::optional<absl::Time> to);
  absl::StatusOr<std::pair<std::vector<HolidayRow>, bool>> ListHolidays(int from_year, int to_year);
  absl::Status SetHolidays(const std::vector<HolidayRow>& holidays, bool reset_to_default);
  absl::StatusOr<int64_t> AddPreference(const std::string& person, const roster::Interval& interval,
                                        int weight, const std::string& reason);
  absl::StatusOr<std::vector<std::pair<roster::Preference, roster::PersonRef>>> ListPreferences(
      const std::string& person);
  absl::Status RemovePreference(int64_t id);

  // CapacityService
  absl::StatusOr<std::vector<std::pair<capacity::Ambition, bool>>> ListAmbitions();
  absl::Status SetAmbition(const capacity::Ambition& a, bool active);
  absl::StatusOr<CapacityView> GetCapacity();
  // With `if_version` (from GetCapacity): ABORTED when someone changed it since.
  absl::Status SetCapacity(const capacity::Municipality& m, const std::string& if_version = "");
  absl::Status SetLoanRule(const capacity::LoanRule& r);
  absl::Status SetDemand(const DemandView& d);
  absl::StatusOr<std::vector<DemandView>> ListDemand(int64_t crisis_id);
  absl::StatusOr<ProposalView> Propose(int64_t crisis_id, const std::string& week,
                                       capacity::Policy policy);
  absl::StatusOr<ProposalView> GetProposal(int64_t id);
  // The proposals of a crisis (one week, or every week when `week` is empty), newest first:
  // id, week, policy, who and when only.
  absl::StatusOr<std::vector<ProposalView>> ListProposals(int64_t crisis_id,
                                                          const std::string& week);
  absl::StatusOr<std::pair<std::vector<ProposalView>, std::string>> CompareProposals(
      const std::vector<int64_t>& ids);
  absl::StatusOr<AllocationView> Approve(int64_t proposal_id);
  absl::StatusOr<AllocationView> Restore(int64_t crisis_id, const std::string& week);
  absl::StatusOr<std::vector<AllocationView>> ListAllocations(int64_t crisis_id,
                                                              std::optional<absl::Time> at);

  // AuditService: one page; `next_after_id` 0 when there is no more.
  absl::StatusOr<std::vector<AuditView>> ListAudit(std::optional<absl::Time> since,
                                                   const std::string& actor,
                                                   const std::string& object_prefix,
                                                   int64_t after_id, int page_size,
                                                   int64_t* next_after_id);

  // ServerService
  absl::StatusOr<ServerInfo> GetServerInfo();
  absl::Status Ping();

  // Offline reading (paraat-desk): with a cache, every read call stores its answer, and
  // when the server cannot be reached (UNAVAILABLE, DEADLINE_EXCEEDED) a read call answers
  // from the cache when it has that very question's last answer; `on_cached` (may be empty)
  // then hears when that answer was fetched. Writes are never answered from the cache. The
  // cache must outlive its use here; nullptr switches it off. Thread-safe.
  void set_cache(cache::Cache* cache, std::function<void(absl::Time fetched)> on_cached = {});

  // A context with the deadline and the bearer token, for calls made outside this class
  // (streams).
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration deadline) const;
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Why no call can be made: the TLS settings of the environment or config are wrong (a CA
  // file or client certificate that cannot be read, half a certificate pair). Every call then
  // fails with it (FAILED_PRECONDITION) instead of falling back to fewer protections. OK when
  // the settings are usable (or were given as `credentials`).
  const absl::Status& settings_error() const { return settings_error_; }

 private:
  template <typename Stub, typename Req, typename Resp>
  absl::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    Stub* stub, const Req& req, Resp* resp) const {
    if (!settings_error_.ok()) return settings_error_;
    std::unique_ptr<grpc::ClientContext> ctx = NewContext(options_.deadline);
    return FromGrpc((stub->*method)(ctx.get(), req, resp), options_.server, tls_use_);
  }

  // Call, plus the offline cache (set_cache) for read calls.
  template <typename Stub, typename Req, typename Resp>
  absl::Status Read(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    Stub* stub, const Req& req, Resp* resp) const {
    absl::Status s = Call(method, stub, req, resp);
    std::string key;
    if (cache::Cache* c = cache_.load(); c != nullptr) {
      key = CacheKey(req);
      if (s.ok()) {
        Remember(c, key, *resp);
      } else if (Recall(c, key, s, resp)) {
        return absl::OkStatus();
      }
    }
    return s;
  }
  static std::string CacheKey(const google::protobuf::Message& req);
  void Remember(cache::Cache* c, const std::string& key, const google::protobuf::Message& resp) const;
  // true when `s` means the server could not be reached and the cache had the answer.
  bool Recall(cache::Cache* c, const std::string& key, const absl::Status& s,
              google::protobuf::Message* resp) const;

  ClientOptions options_;
  TlsUse tls_use_;  // how the channel was secured, to explain a failed handshake
  absl::Status settings_error_;
  std::atomic<cache::Cache*> cache_{nullptr};
  std::function<void(absl::Time)> on_cached_;  // guarded by mu_
  mutable std::mutex mu_;
  std::string token_;  // guarded by mu_
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::ServerService::Stub> server_;
  std::unique_ptr<v1::RosterService::Stub> roster_;
  std::unique_ptr<v1::FeedService::Stub> feed_;
  std::unique_ptr<v1::CrisisService::Stub> crisis_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::unique_ptr<v1::CrisisStreamService::Stub> stream_;
  std::unique_ptr<v1::CapacityService::Stub> capacity_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_CLIENT_H_
