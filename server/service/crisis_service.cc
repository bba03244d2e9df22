// SPDX-License-Identifier: EUPL-1.2
#include "server/service/crisis_service.h"

#include <algorithm>
#include <future>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/crisis/access.h"
#include "common/crisis/views.h"
#include "common/ledger/checkpoint.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "proto/convert/convert.h"
#include "proto/convert/crisis_convert.h"
#include "server/service/capacity_service.h"

namespace paraat::service {

using convert::ToProto;
using crisis::Crisis;
using crisis::Entry;
using directory::Principal;

namespace {

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 1000;

absl::StatusOr<int> PageSize(int32_t requested) {
  if (requested < 0 || requested > kMaxPage) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must be 1 to ", kMaxPage, ", not ", requested));
  }
  return requested == 0 ? kDefaultPage : requested;
}

absl::StatusOr<storage::EntryQuery> QueryFrom(int64_t crisis_id, const v1::EntryFilter& f) {
  storage::EntryQuery q;
  q.crisis_id = crisis_id;
  for (int k : f.kinds()) {
    PARAAT_ASSIGN_OR_RETURN(crisis::EntryKind kind,
                            convert::FromProto(static_cast<v1::EntryKind>(k), "filter.kinds"));
    q.kinds.emplace_back(crisis::KindName(kind));
  }
  q.author = f.author();
  if (f.has_from()) {
    PARAAT_ASSIGN_OR_RETURN(q.from, convert::FromProto(f.from(), true, "filter.from"));
  }
  if (f.has_to()) {
    PARAAT_ASSIGN_OR_RETURN(q.to, convert::FromProto(f.to(), true, "filter.to"));
  }
  if (q.from.has_value() && q.to.has_value() && *q.to <= *q.from) {
    return absl::InvalidArgumentError(absl::StrCat(
        "filter.to (", time::FormatLocal(*q.to), ") is not after filter.from (",
        time::FormatLocal(*q.from), ", ", time::kDefaultZone, " time)"));
  }
  q.municipality = f.municipality();
  return q;
}

// Puts `page` into `resp` up to about `page_bytes` (at least one entry) and says where the next
// page starts: after the last entry given, when the page was full or cut short. A page of long
// entries ends early so the answer fits the message limit; clients ask on.
std::vector<int64_t> FillPage(const std::vector<Entry>& page, int limit, size_t page_bytes,
                              v1::ListEntriesResponse* resp) {
  std::vector<int64_t> seqs;
  size_t bytes = 0;
  for (const Entry& e : page) {
    v1::Entry* x = resp->add_entries();
    ToProto(e, x);
    bytes += x->ByteSizeLong() + 8;
    seqs.push_back(e.seq);
    if (bytes > page_bytes && static_cast<int>(seqs.size()) < static_cast<int>(page.size())) {
      resp->set_next_after_seq(e.seq);
      return seqs;
    }
  }
  if (static_cast<int>(page.size()) == limit && !page.empty()) {
    resp->set_next_after_seq(page.back().seq);
  }
  return seqs;
}

// Fills the entries with the corrections that correct them (from the whole log).
void AddCorrections(const std::map<int64_t, std::vector<int64_t>>& corrections,
                    google::protobuf::RepeatedPtrField<v1::Entry>* entries) {
  for (v1::Entry& e : *entries) {
    auto it = corrections.find(e.seq());
    if (it == corrections.end()) continue;
    for (int64_t c : it->second) e.add_corrected_by(c);
  }
}

absl::StatusOr<std::vector<Entry>> AllEntries(storage::CrisisStore* s, storage::EntryQuery q) {
  std::vector<Entry> out;
  q.limit = kMaxPage;
  while (true) {
    PARAAT_ASSIGN_OR_RETURN(std::vector<Entry> page, s->ListEntries(q));
    out.insert(out.end(), page.begin(), page.end());
    if (static_cast<int>(page.size()) < q.limit) return out;
    q.after_seq = page.back().seq;
  }
}

void ToProto(const crisis::ActionState& a, const Crisis& c,
             const std::map<std::string, std::string>& names, absl::Time now, v1::Action* out) {
  out->set_crisis(a.crisis_id);
  out->set_crisis_title(c.title);
  out->set_seq(a.seq);
  out->set_text(a.text);
  out->set_owner(a.owner);
  auto it = names.find(a.owner);
  if (it != names.end()) out->set_owner_name(it->second);
  if (a.deadline.has_value()) convert::ToProto(*a.deadline, out->mutable_deadline());
  out->set_status(std::string(crisis::ActionStatusName(a.status)));
  // A closed crisis asks nothing more of anyone: its open actions are not overdue.
  out->set_overdue(c.open && a.overdue(now));
  out->set_last_change(a.last_change);
  out->set_text_corrected_by(a.text_corrected_by);
  if (a.finished_at.has_value()) convert::ToProto(*a.finished_at, out->mutable_finished());
}

}  // namespace

absl::StatusOr<Crisis> CrisisServiceImpl::Readable(const Principal& p, int64_t id) {
  PARAAT_RETURN_IF_ERROR(RequireId(id, "crisis"));
  PARAAT_ASSIGN_OR_RETURN(Crisis c, crises_->GetCrisis(id));
  PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
  return c;
}

grpc::Status CrisisServiceImpl::OpenCrisis(grpc::ServerContext* ctx,
                                           const v1::OpenCrisisRequest* req,
                                           v1::OpenCrisisResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, OpenCrisis),
               [&](const Principal& p) -> absl::Status {
                 Crisis c;
                 c.title = req->title();
                 c.type = req->type();
                 c.municipalities.assign(req->municipalities().begin(), req->municipalities().end());
                 std::sort(c.municipalities.begin(), c.municipalities.end());
                 c.municipalities.erase(std::unique(c.municipalities.begin(), c.municipalities.end()),
                                        c.municipalities.end());
                 for (const auto& m : c.municipalities) {
                   PARAAT_RETURN_IF_ERROR(directory::ValidateKey(m, "municipalities"));
                 }
                 PARAAT_ASSIGN_OR_RETURN(c.grip, crisis::ParseGrip(req->grip().empty() ? "0" : req->grip(), "grip"));
                 PARAAT_RETURN_IF_ERROR(crisis::ValidateCrisis(c));
                 if (req->idempotency_key().empty() || req->idempotency_key().size() > 128) {
                   return absl::InvalidArgumentError("idempotency_key is required (at most 128 bytes)");
                 }
                 PARAAT_RETURN_IF_ERROR(
                     directory::CheckNoControl(req->idempotency_key(), "idempotency_key", false));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckOpen(p, c.municipalities));
                 std::optional<absl::Time> event_time;
                 if (req->has_event_time()) {
                   PARAAT_ASSIGN_OR_RETURN(event_time, convert::FromProto(req->event_time(), true, "event_time"));
                 }
                 PARAAT_ASSIGN_OR_RETURN(
                     auto made, crises_->OpenCrisis({p.username, p.person_name}, c, req->text(),
                                                    event_time, req->idempotency_key()));
                 ToProto(made.first, resp->mutable_crisis());
                 ToProto(made.second, resp->mutable_entry());
                 // Two coordinators under stress may open the same crisis twice: say so. (A
                 // courtesy after the write: the crisis stands whatever this finds.)
                 absl::StatusOr<std::vector<Crisis>> open = crises_->ListCrises(false);
                 if (open.ok()) {
                   for (const Crisis* same :
                        crisis::OpenWithSameTitle(*open, c.title, made.first.id)) {
                     const Crisis& other = *same;
                     if (!crisis::CanRead(p, other)) continue;
                     resp->add_warnings(absl::StrCat(
                         "crisis ", other.id, " '", other.title, "' is open too (opened ",
                         time::FormatLocal(other.opened), " by ", other.opened_by,
                         "); if it is the same crisis, log in that one and close crisis ",
                         made.first.id));
                   }
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CrisisServiceImpl::ListCrises(grpc::ServerContext* ctx,
                                           const v1::ListCrisesRequest* req,
                                           v1::ListCrisesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, ListCrises),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Crisis> list,
                                         crises_->ListCrises(req->include_closed()));
                 for (const Crisis& c : list) {
                   if (crisis::CanRead(p, c)) ToProto(c, resp->add_crises());
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CrisisServiceImpl::GetCrisis(grpc::ServerContext* ctx,
                                          const v1::GetCrisisRequest* req, v1::Crisis* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, GetCrisis),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(Crisis c, Readable(p, req->id()));
                 ToProto(c, resp);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* CrisisServiceImpl::AppendEntry(grpc::CallbackServerContext* ctx,
                                                         const v1::AppendEntryRequest* req,
                                                         v1::AppendEntryResponse* resp) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  Append(ctx, req, resp, [reactor](grpc::Status s) { reactor->Finish(std::move(s)); });
  return reactor;
}

grpc::Status CrisisServiceImpl::AppendEntry(grpc::ServerContext* ctx,
                                            const v1::AppendEntryRequest* req,
                                            v1::AppendEntryResponse* resp) {
  std::promise<grpc::Status> result;
  Append(ctx, req, resp, [&result](grpc::Status s) { result.set_value(std::move(s)); });
  return result.get_future().get();
}

void CrisisServiceImpl::Append(const grpc::ServerContextBase* ctx,
                               const v1::AppendEntryRequest* req, v1::AppendEntryResponse* resp,
                               std::function<void(grpc::Status)> finish) {
  ServeAsync(
      sc_, ctx, PARAAT_METHOD(CrisisService, AppendEntry),
      [this, req, resp](const Principal& p, Done done) {
        absl::StatusOr<crisis::AppendRequest> r = convert::FromProto(*req);
        absl::Status valid = r.status();
        if (valid.ok() && !r->action_owner.empty()) {
          valid = directory::ValidateKey(r->action_owner, "action_owner");
        }
        if (valid.ok()) valid = crisis::ValidateRequest(*r);
        if (!valid.ok()) return done(valid);
        if (r->kind == crisis::EntryKind::kClosed && capacity_ != nullptr) {
          // Closing a crisis restores its capacity allocations in the same step, both logged.
          absl::StatusOr<std::vector<storage::AllocationRecord>> active =
              capacity_->Active(r->crisis_id);
          if (!active.ok()) return done(active.status());
          // Those of weeks that are over ended with their week: nothing to restore.
          *active = WithoutEndedWeeks(*std::move(active), absl::Now());
          if (!active->empty()) {
            return RestoreAllocations(
                crises_, p, r->crisis_id, *std::move(active), *std::move(r),
                [resp, done](absl::StatusOr<std::vector<crisis::Entry>> entries) {
                  if (entries.ok()) ToProto(entries->back(), resp->mutable_entry());
                  done(entries.status());
                });
          }
        }
        // The owner of an action must be able to read the crisis to see it.
        std::vector<Principal> owner_accounts;
        if (!r->action_owner.empty() && accounts_ != nullptr) {
          absl::StatusOr<std::vector<storage::AccountView>> all = accounts_->ListAccounts("");
          if (!all.ok()) return done(all.status());
          for (const storage::AccountView& v : *all) {
            if (v.account.person != r->action_owner || !v.account.active) continue;
            Principal a;
            a.username = v.account.username;
            a.person = v.account.person;
            a.role = v.account.role;
            a.scope = v.account.scope;
            owner_accounts.push_back(std::move(a));
          }
        }
        crises_->AppendAsync(
            {p.username, p.person_name}, *r,
            [this, p, owner_accounts, owner = r->action_owner,
             request = *r](const Crisis& c) -> absl::Status {
              // Below coordinator, only the owner of an action reports on it: who owns it is
              // read here, as the write begins (everything committed before it counts).
              std::string action_owner_now;
              if (!p.AtLeast(directory::Role::kCoordinator) &&
                  request.kind == crisis::EntryKind::kActionUpdate) {
                PARAAT_ASSIGN_OR_RETURN(std::vector<crisis::Entry> entries,
                                        crises_->ActionEntries({request.crisis_id}));
                for (const crisis::ActionState& a : crisis::FoldActions(entries)) {
                  if (a.seq == request.action_ref) action_owner_now = a.owner;
                }
              }
              PARAAT_RETURN_IF_ERROR(crisis::CheckAppend(p, c, request, action_owner_now));
              if (!owner.empty()) {
                // An action is for someone in service (checked for a new entry only: a retry
                // returns the entry made, whatever happened since).
                PARAAT_ASSIGN_OR_RETURN(directory::Person person, directory_->GetPerson(owner));
                PARAAT_RETURN_IF_ERROR(directory::RequireActive(person));
              }
              return crisis::CheckOwnerCanRead(owner, owner_accounts, c);
            },
            [resp, done](absl::StatusOr<storage::AppendResult> result) {
              // After the commit: on the completion thread while writes wait, else on the writer.
              if (result.ok()) {
                ToProto(result->entry, resp->mutable_entry());
                resp->set_replayed(result->replayed);
              }
              done(result.status());
            });
      },
      std::move(finish));
}

void CrisisServiceImpl::SetMessageLimit(int max_message_bytes) {
  // Half the limit leaves room for the entry that crosses the line and the answer's own fields
  // (a single entry is at most 16 KB of text).
  page_bytes_ = std::min<size_t>(2 << 20, static_cast<size_t>(std::max(max_message_bytes, 65536)) / 2);
}

grpc::Status CrisisServiceImpl::ListEntries(grpc::ServerContext* ctx,
                                            const v1::ListEntriesRequest* req,
                                            v1::ListEntriesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, ListEntries),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(Readable(p, req->crisis()).status());
                 PARAAT_ASSIGN_OR_RETURN(storage::EntryQuery q, QueryFrom(req->crisis(), req->filter()));
                 PARAAT_ASSIGN_OR_RETURN(q.limit, PageSize(req->page_size()));
                 if (req->after_seq() < 0) {
                   return absl::InvalidArgumentError(
                       absl::StrCat("after_seq is ", req->after_seq(), "; it must be 0 or more"));
                 }
                 q.after_seq = req->after_seq();
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Entry> page, crises_->ListEntries(q));
                 const std::vector<int64_t> given = FillPage(page, q.limit, page_bytes_, resp);
                 PARAAT_ASSIGN_OR_RETURN(auto corrections,
                                         crises_->CorrectionsOf(req->crisis(), given));
                 AddCorrections(corrections, resp->mutable_entries());
                 return absl::OkStatus();
               });
}

grpc::Status CrisisServiceImpl::SearchEntries(grpc::ServerContext* ctx,
                                              const v1::SearchEntriesRequest* req,
                                              v1::ListEntriesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, SearchEntries),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(Readable(p, req->crisis()).status());
                 if (req->query().empty()) return absl::InvalidArgumentError("query is empty");
                 if (req->query().size() > 1000) {
                   return absl::InvalidArgumentError("query is longer than 1000 bytes");
                 }
                 PARAAT_ASSIGN_OR_RETURN(int limit, PageSize(req->page_size()));
                 if (req->after_seq() < 0) {
                   return absl::InvalidArgumentError(
                       absl::StrCat("after_seq is ", req->after_seq(), "; it must be 0 or more"));
                 }
                 PARAAT_ASSIGN_OR_RETURN(
                     std::vector<Entry> page,
                     crises_->Search(req->crisis(), req->query(), req->after_seq(), limit));
                 const std::vector<int64_t> given = FillPage(page, limit, page_bytes_, resp);
                 PARAAT_ASSIGN_OR_RETURN(auto corrections,
                                         crises_->CorrectionsOf(req->crisis(), given));
                 AddCorrections(corrections, resp->mutable_entries());
                 return absl::OkStatus();
               });
}

grpc::Status CrisisServiceImpl::ListActions(grpc::ServerContext* ctx,
                                            const v1::ListActionsRequest* req,
                                            v1::ListActionsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, ListActions),
               [&](const Principal& p) -> absl::Status {
                 std::map<int64_t, Crisis> readable;
                 if (req->crisis() != 0) {
                   PARAAT_ASSIGN_OR_RETURN(Crisis c, Readable(p, req->crisis()));
                   readable[c.id] = c;
                 } else {
                   // Across crises: those still open (a closed crisis's actions are asked
                   // for by its id).
                   PARAAT_ASSIGN_OR_RETURN(std::vector<Crisis> all, crises_->ListCrises(false));
                   for (const Crisis& c : all) {
                     if (c.open && crisis::CanRead(p, c)) readable[c.id] = c;
                   }
                 }
                 std::vector<int64_t> ids;
                 for (const auto& [id, c] : readable) ids.push_back(id);
                 if (ids.empty()) return absl::OkStatus();
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Entry> entries, crises_->ActionEntries(ids));
                 std::vector<crisis::ActionState> actions = crisis::FoldActions(entries);
                 const absl::Time now = absl::Now();
                 actions.erase(std::remove_if(actions.begin(), actions.end(),
                                              [&](const crisis::ActionState& a) {
                                                return (req->mine() && a.owner != p.person) ||
                                                       (!req->include_finished() && a.finished());
                                              }),
                               actions.end());
                 crisis::SortForAttention(actions, now);
                 std::map<std::string, std::string> names;
                 PARAAT_ASSIGN_OR_RETURN(std::vector<directory::Person> people,
                                         directory_->ListPeople({"", "", true}));
                 for (const auto& person : people) names[person.key] = person.name;
                 for (const auto& a : actions) ToProto(a, readable[a.crisis_id], names, now, resp->add_actions());
                 return absl::OkStatus();
               });
}

grpc::Status CrisisServiceImpl::GetHandover(grpc::ServerContext* ctx,
                                            const v1::GetHandoverRequest* req,
                                            v1::GetHandoverResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, GetHandover),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(Crisis c, Readable(p, req->crisis()));
                 const absl::Time now = absl::Now();
                 absl::Time since = now - absl::Hours(12);
                 if (req->has_since()) {
                   PARAAT_ASSIGN_OR_RETURN(since, convert::FromProto(req->since(), true, "since"));
                 }
                 storage::EntryQuery q;
                 q.crisis_id = c.id;
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Entry> all, AllEntries(crises_, q));
                 const crisis::HandoverReport r = crisis::BuildHandover(c, all, since, now);
                 ToProto(c, resp->mutable_crisis());
                 convert::ToProto(since, resp->mutable_since());
                 for (const Entry& e : r.decisions) ToProto(e, resp->add_decisions());
                 for (const Entry& e : r.assessments) ToProto(e, resp->add_assessments());
                 for (const Entry& e : r.grip_changes) ToProto(e, resp->add_grip_changes());
                 AddCorrections(r.corrections, resp->mutable_decisions());
                 AddCorrections(r.corrections, resp->mutable_assessments());
                 AddCorrections(r.corrections, resp->mutable_grip_changes());
                 std::set<int64_t> corrections;
                 auto note = [&](const v1::Entry& e) {
                   corrections.insert(e.corrected_by().begin(), e.corrected_by().end());
                 };
                 if (r.latest_situation.has_value()) {
                   v1::Entry* s = resp->mutable_latest_situation();
                   ToProto(*r.latest_situation, s);
                   if (auto it = r.corrections.find(s->seq()); it != r.corrections.end()) {
                     for (int64_t by : it->second) s->add_corrected_by(by);
                   }
                   note(*s);
                 }
                 for (const v1::Entry& e : resp->decisions()) note(e);
                 for (const v1::Entry& e : resp->assessments()) note(e);
                 for (const v1::Entry& e : resp->grip_changes()) note(e);
                 if (r.latest_handover.has_value()) {
                   ToProto(*r.latest_handover, resp->mutable_latest_handover());
                 }
                 for (const Entry& e : r.other_since) ToProto(e, resp->add_other_entries());
                 if (resp->has_latest_handover()) {
                   v1::Entry* h = resp->mutable_latest_handover();
                   if (auto it = r.corrections.find(h->seq()); it != r.corrections.end()) {
                     for (int64_t by : it->second) h->add_corrected_by(by);
                   }
                   note(*h);
                 }
                 AddCorrections(r.corrections, resp->mutable_other_entries());
                 for (const v1::Entry& e : resp->other_entries()) note(e);
                 // A correction may be corrected in turn: what the entry says now is at the
                 // end of that chain.
                 corrections = crisis::WithTheirCorrections(r.corrections, std::move(corrections));
                 for (const Entry& e : all) {
                   if (corrections.count(e.seq) > 0) ToProto(e, resp->add_corrections());
                 }
                 AddCorrections(r.corrections, resp->mutable_corrections());
                 std::map<std::string, std::string> names;
                 PARAAT_ASSIGN_OR_RETURN(std::vector<directory::Person> people,
                                         directory_->ListPeople({"", "", true}));
                 for (const auto& person : people) names[person.key] = person.name;
                 for (const auto& a : r.open_actions) ToProto(a, c, names, now, resp->add_open_actions());
                 for (const auto& a : r.finished_actions) {
                   ToProto(a, c, names, now, resp->add_finished_actions());
                 }
                 return absl::OkStatus();
               });
}

grpc::Status CrisisServiceImpl::ExportCrisis(grpc::ServerContext* ctx,
                                             const v1::ExportCrisisRequest* req,
                                             v1::ExportCrisisResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(CrisisService, ExportCrisis),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(Crisis c, Readable(p, req->crisis()));
                 // The checkpoint decides the size of the export: everything it covers.
                 PARAAT_ASSIGN_OR_RETURN(storage::StoredCheckpoint cp, crises_->LatestCheckpoint(c.id));
                 if (req->paged() && req->tree_size() != 0 && req->tree_size() != cp.tree_size) {
                   // The pages after the first stay with the first one's checkpoint.
                   PARAAT_ASSIGN_OR_RETURN(std::vector<storage::StoredCheckpoint> all,
                                           crises_->Checkpoints(c.id));
                   auto it = std::find_if(all.begin(), all.end(), [&](const auto& x) {
                     return x.tree_size == req->tree_size();
                   });
                   if (it == all.end()) {
                     return absl::NotFoundError(absl::StrCat(
                         "tree_size: crisis ", c.id, " has no checkpoint of ", req->tree_size(),
                         " entries; export again from the start"));
                   }
                   cp = *it;
                 }
                 if (req->after_seq() < 0 || static_cast<uint64_t>(req->after_seq()) > cp.tree_size) {
                   return absl::InvalidArgumentError(absl::StrCat(
                       "after_seq is ", req->after_seq(), "; it must be 0 to ", cp.tree_size));
                 }
                 PARAAT_ASSIGN_OR_RETURN(storage::EntryQuery q, QueryFrom(c.id, req->filter()));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Entry> entries, AllEntries(crises_, q));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<ledger::Hash> leaves, crises_->LeafHashes(c.id));
                 std::vector<Entry> signed_entries;
                 for (const Entry& e : entries) {
                   if (static_cast<uint64_t>(e.seq) <= cp.tree_size) signed_entries.push_back(e);
                 }
                 // A whole log's header says what the signed entries say (not what entries
                 // logged after the checkpoint say), so a verifier can check it.
                 const bool whole = static_cast<uint64_t>(signed_entries.size()) == cp.tree_size &&
                                    req->filter().ByteSizeLong() == 0;
                 ToProto(whole ? crisis::StateOfLog(c, signed_entries) : c, resp->mutable_crisis());
                 // Unpaged: everything. Paged: from after_seq on, up to about page_bytes_.
                 uint64_t end = cp.tree_size;
                 const uint64_t after = req->paged() ? static_cast<uint64_t>(req->after_seq()) : 0;
                 size_t bytes = 0;
                 auto next_entry = std::lower_bound(
                     signed_entries.begin(), signed_entries.end(), after + 1,
                     [](const Entry& e, uint64_t seq) { return static_cast<uint64_t>(e.seq) < seq; });
                 for (uint64_t seq = after + 1; seq <= cp.tree_size; ++seq) {
                   if (req->paged() && bytes > page_bytes_) {
                     end = seq - 1;
                     resp->set_next_after_seq(static_cast<int64_t>(end));
                     break;
                   }
                   if (seq - 1 < leaves.size()) {
                     const ledger::Hash& h = leaves[seq - 1];
                     resp->add_leaf_hashes(std::string(reinterpret_cast<const char*>(h.data()), h.size()));
                     bytes += h.size() + 2;
                   }
                   if (next_entry != signed_entries.end() && static_cast<uint64_t>(next_entry->seq) == seq) {
                     v1::Entry* x = resp->add_entries();
                     ToProto(*next_entry, x);
                     bytes += x->ByteSizeLong() + 8;
                     ++next_entry;
                   }
                 }
                 resp->set_checkpoint(cp.note);
                 resp->set_public_key(verifier_key_);
                 resp->set_tree_size(cp.tree_size);
                 return absl::OkStatus();
               });
}

grpc::Status LedgerServiceImpl::GetPublicKey(grpc::ServerContext* ctx,
                                             const v1::GetPublicKeyRequest*,
                                             v1::GetPublicKeyResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(LedgerService, GetPublicKey),
               [&](const Principal&) -> absl::Status {
                 resp->set_verifier_key(verifier_key_);
                 resp->set_key_name(key_name_);
                 return absl::OkStatus();
               });
}

grpc::Status LedgerServiceImpl::GetCheckpoint(grpc::ServerContext* ctx,
                                              const v1::GetCheckpointRequest* req,
                                              v1::GetCheckpointResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(LedgerService, GetCheckpoint),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 PARAAT_ASSIGN_OR_RETURN(Crisis c, crises_->GetCrisis(req->crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 PARAAT_ASSIGN_OR_RETURN(storage::StoredCheckpoint cp, crises_->LatestCheckpoint(c.id));
                 resp->set_note(cp.note);
                 resp->set_tree_size(cp.tree_size);
                 resp->set_root_hash(std::string(reinterpret_cast<const char*>(cp.root.data()), cp.root.size()));
                 absl::StatusOr<ledger::Checkpoint> parsed = ledger::ParseCheckpoint(
                     cp.note.substr(0, cp.note.find("\n\n") + 1));
                 if (parsed.ok()) resp->set_origin(parsed->origin);
                 return absl::OkStatus();
               });
}

grpc::Status LedgerServiceImpl::GetInclusionProof(grpc::ServerContext* ctx,
                                                  const v1::GetInclusionProofRequest* req,
                                                  v1::GetInclusionProofResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(LedgerService, GetInclusionProof),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 if (req->seq() <= 0) return absl::InvalidArgumentError("seq must be 1 or more");
                 PARAAT_ASSIGN_OR_RETURN(Crisis c, crises_->GetCrisis(req->crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<ledger::Hash> proof,
                                         crises_->InclusionProof(c.id, static_cast<uint64_t>(req->seq() - 1),
                                                                 req->tree_size()));
                 PARAAT_ASSIGN_OR_RETURN(ledger::Hash leaf,
                                         crises_->LeafHash(c.id, static_cast<uint64_t>(req->seq() - 1)));
                 resp->set_leaf_hash(std::string(reinterpret_cast<const char*>(leaf.data()), leaf.size()));
                 for (const auto& h : proof) {
                   resp->add_proof(std::string(reinterpret_cast<const char*>(h.data()), h.size()));
                 }
                 return absl::OkStatus();
               });
}

grpc::Status LedgerServiceImpl::GetConsistencyProof(grpc::ServerContext* ctx,
                                                    const v1::GetConsistencyProofRequest* req,
                                                    v1::GetConsistencyProofResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(LedgerService, GetConsistencyProof),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(RequireId(req->crisis(), "crisis"));
                 PARAAT_ASSIGN_OR_RETURN(Crisis c, crises_->GetCrisis(req->crisis()));
                 PARAAT_RETURN_IF_ERROR(crisis::CheckRead(p, c));
                 PARAAT_ASSIGN_OR_RETURN(std::vector<ledger::Hash> proof,
                                         crises_->ConsistencyProof(c.id, req->from_size(), req->to_size()));
                 for (const auto& h : proof) {
                   resp->add_proof(std::string(reinterpret_cast<const char*>(h.data()), h.size()));
                 }
                 return absl::OkStatus();
               });
}

}  // namespace paraat::service
