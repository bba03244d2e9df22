// SPDX-License-Identifier: EUPL-1.2
// Client: the CrisisService, LedgerService and CrisisStreamService calls.
#include <thread>

#include "absl/strings/str_cat.h"
#include "client/api/client.h"
#include "common/crisis/export.h"
#include "common/crisis/views.h"
#include "common/time/civil.h"
#include "common/status/status_macros.h"
#include "proto/convert/convert.h"
#include "proto/convert/crisis_convert.h"

namespace paraat::client {

using convert::FromProto;
using convert::ToProto;

namespace {

void ToProto(const EntryFilter& f, v1::EntryFilter* out) {
  for (crisis::EntryKind k : f.kinds) out->add_kinds(convert::ToProto(k));
  out->set_author(f.author);
  if (f.from) convert::ToProto(*f.from, out->mutable_from());
  if (f.to) convert::ToProto(*f.to, out->mutable_to());
  out->set_municipality(f.municipality);
}

EntryView ToView(const v1::Entry& e) {
  return {FromProto(e), std::vector<int64_t>(e.corrected_by().begin(), e.corrected_by().end())};
}

EntryPage ToPage(const v1::ListEntriesResponse& r) {
  EntryPage p;
  for (const auto& e : r.entries()) p.entries.push_back(ToView(e));
  p.next_after_seq = r.next_after_seq();
  return p;
}

ActionView ToAction(const v1::Action& a) {
  ActionView v;
  v.action.crisis_id = a.crisis();
  v.action.seq = a.seq();
  v.action.text = a.text();
  v.action.owner = a.owner();
  if (a.has_deadline()) v.action.deadline = convert::TimeFromProto(a.deadline());
  v.action.status = crisis::ParseActionStatus(a.status(), "status").value_or(crisis::ActionStatus::kOpen);
  v.action.last_change = a.last_change();
  v.action.text_corrected_by = a.text_corrected_by();
  if (a.has_finished()) v.action.finished_at = convert::TimeFromProto(a.finished());
  v.crisis_title = a.crisis_title();
  v.owner_name = a.owner_name();
  v.overdue = a.overdue();
  return v;
}

bool Retryable(const absl::Status& s) {
  return absl::IsUnavailable(s) || absl::IsDeadlineExceeded(s) || absl::IsResourceExhausted(s) ||
         absl::IsCancelled(s) || absl::IsAborted(s) || absl::IsInternal(s) || absl::IsUnknown(s);
}

}  // namespace

absl::StatusOr<std::pair<crisis::Crisis, crisis::Entry>> Client::OpenCrisis(
    const crisis::Crisis& c, const std::string& text, std::optional<absl::Time> event_time,
    const std::string& key, std::vector<std::string>* warnings) {
  v1::OpenCrisisRequest req;
  req.set_title(c.title);
  req.set_type(c.type);
  for (const auto& m : c.municipalities) req.add_municipalities(m);
  req.set_grip(c.grip);
  req.set_text(text);
  if (event_time) convert::ToProto(*event_time, req.mutable_event_time());
  req.set_idempotency_key(key);
  v1::OpenCrisisResponse resp;
  absl::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    s = Call(&v1::CrisisService::Stub::OpenCrisis, crisis_.get(), req, &resp);
    if (!absl::IsUnavailable(s) && !absl::IsDeadlineExceeded(s)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(300 << attempt));
  }
  PARAAT_RETURN_IF_ERROR(s);
  if (warnings != nullptr) warnings->assign(resp.warnings().begin(), resp.warnings().end());
  return std::make_pair(FromProto(resp.crisis()), FromProto(resp.entry()));
}

absl::StatusOr<std::vector<crisis::Crisis>> Client::ListCrises(bool include_closed) {
  v1::ListCrisesRequest req;
  req.set_include_closed(include_closed);
  v1::ListCrisesResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CrisisService::Stub::ListCrises, crisis_.get(), req, &resp));
  std::vector<crisis::Crisis> out;
  for (const auto& c : resp.crises()) out.push_back(FromProto(c));
  return out;
}

absl::StatusOr<crisis::Crisis> Client::GetCrisis(int64_t id) {
  v1::GetCrisisRequest req;
  req.set_id(id);
  v1::Crisis resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CrisisService::Stub::GetCrisis, crisis_.get(), req, &resp));
  return FromProto(resp);
}

absl::StatusOr<crisis::Entry> Client::AppendEntry(const crisis::AppendRequest& r, bool* replayed) {
  v1::AppendEntryRequest req;
  convert::ToProto(r, &req);
  v1::AppendEntryResponse resp;
  absl::Status s;
  for (int attempt = 0; attempt < 4; ++attempt) {
    s = Call(&v1::CrisisService::Stub::AppendEntry, crisis_.get(), req, &resp);
    if (!absl::IsUnavailable(s) && !absl::IsDeadlineExceeded(s)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250 << attempt));
  }
  PARAAT_RETURN_IF_ERROR(s);
  if (replayed != nullptr) *replayed = resp.replayed();
  return FromProto(resp.entry());
}

absl::StatusOr<EntryPage> Client::ListEntries(int64_t crisis_id, int64_t after_seq, int page_size,
                                              const EntryFilter& filter) {
  v1::ListEntriesRequest req;
  req.set_crisis(crisis_id);
  req.set_after_seq(after_seq);
  req.set_page_size(page_size);
  ToProto(filter, req.mutable_filter());
  v1::ListEntriesResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CrisisService::Stub::ListEntries, crisis_.get(), req, &resp));
  return ToPage(resp);
}

absl::StatusOr<EntryPage> Client::SearchEntries(int64_t crisis_id, const std::string& query,
                                                int64_t after_seq, int page_size) {
  v1::SearchEntriesRequest req;
  req.set_crisis(crisis_id);
  req.set_query(query);
  req.set_after_seq(after_seq);
  req.set_page_size(page_size);
  v1::ListEntriesResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::CrisisService::Stub::SearchEntries, crisis_.get(), req, &resp));
  return ToPage(resp);
}

absl::StatusOr<std::vector<ActionView>> Client::ListActions(int64_t crisis_id, bool mine,
                                                            bool include_finished) {
  v1::ListActionsRequest req;
  req.set_crisis(crisis_id);
  req.set_mine(mine);
  req.set_include_finished(include_finished);
  v1::ListActionsResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CrisisService::Stub::ListActions, crisis_.get(), req, &resp));
  std::vector<ActionView> out;
  for (const auto& a : resp.actions()) out.push_back(ToAction(a));
  return out;
}

absl::StatusOr<HandoverView> Client::GetHandover(int64_t crisis_id, std::optional<absl::Time> since) {
  v1::GetHandoverRequest req;
  req.set_crisis(crisis_id);
  if (since) convert::ToProto(*since, req.mutable_since());
  v1::GetHandoverResponse resp;
  PARAAT_RETURN_IF_ERROR(Read(&v1::CrisisService::Stub::GetHandover, crisis_.get(), req, &resp));
  HandoverView v;
  v.crisis = FromProto(resp.crisis());
  v.since = convert::TimeFromProto(resp.since());
  for (const auto& e : resp.decisions()) v.decisions.push_back(ToView(e));
  for (const auto& e : resp.assessments()) v.assessments.push_back(ToView(e));
  for (const auto& e : resp.grip_changes()) v.grip_changes.push_back(ToView(e));
  if (resp.has_latest_situation()) v.latest_situation = ToView(resp.latest_situation());
  for (const auto& a : resp.open_actions()) v.open_actions.push_back(ToAction(a));
  for (const auto& a : resp.finished_actions()) v.finished_actions.push_back(ToAction(a));
  if (resp.has_latest_handover()) v.latest_handover = ToView(resp.latest_handover());
  for (const auto& e : resp.other_entries()) v.other_entries.push_back(ToView(e));
  for (const auto& e : resp.corrections()) v.corrections.emplace(e.seq(), ToView(e));
  return v;
}

namespace {

void AddCorrections(const HandoverView& h, const EntryView& v, int depth,
                    std::vector<CorrectionLine>& out) {
  for (int64_t by : v.corrected_by) {
    auto c = h.corrections.find(by);
    // Depth is bounded by the log: a correction only corrects an earlier entry.
    if (c == h.corrections.end() || c->second.entry.seq <= v.entry.seq) continue;
    out.push_back({depth, &c->second});
    AddCorrections(h, c->second, depth + 1, out);
  }
}

}  // namespace

std::vector<CorrectionLine> CorrectionsUnder(const HandoverView& h, const EntryView& v) {
  std::vector<CorrectionLine> out;
  AddCorrections(h, v, 1, out);
  return out;
}

absl::StatusOr<crisis::ExportBundle> Client::ExportCrisis(int64_t crisis_id,
                                                          const EntryFilter& filter) {
  // In pages (a long log outgrows one message), all under the first page's checkpoint.
  v1::ExportCrisisRequest req;
  req.set_crisis(crisis_id);
  ToProto(filter, req.mutable_filter());
  req.set_paged(true);
  crisis::ExportBundle b;
  for (bool first = true;; first = false) {
    v1::ExportCrisisResponse resp;
    PARAAT_RETURN_IF_ERROR(Call(&v1::CrisisService::Stub::ExportCrisis, crisis_.get(), req, &resp));
    if (first) {
      b.crisis = FromProto(resp.crisis());
      b.tree_size = resp.tree_size();
      b.checkpoint = resp.checkpoint();
      b.public_key = resp.public_key();
      req.set_tree_size(resp.tree_size());
    }
    for (const auto& e : resp.entries()) b.entries.push_back(FromProto(e));
    for (const auto& h : resp.leaf_hashes()) {
      PARAAT_ASSIGN_OR_RETURN(ledger::Hash hash, ledger::HashFromBytes(h));
      b.leaf_hashes.push_back(hash);
    }
    if (resp.next_after_seq() <= req.after_seq()) break;  // the last page (or no progress)
    req.set_after_seq(resp.next_after_seq());
  }
  return b;
}

absl::StatusOr<std::string> Client::GetPublicKey() {
  v1::GetPublicKeyResponse resp;
  PARAAT_RETURN_IF_ERROR(
      Call(&v1::LedgerService::Stub::GetPublicKey, ledger_.get(), v1::GetPublicKeyRequest(), &resp));
  return resp.verifier_key();
}

absl::StatusOr<CheckpointView> Client::GetCheckpoint(int64_t crisis_id) {
  v1::GetCheckpointRequest req;
  req.set_crisis(crisis_id);
  v1::GetCheckpointResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::LedgerService::Stub::GetCheckpoint, ledger_.get(), req, &resp));
  return CheckpointView{resp.note(), resp.tree_size(), resp.root_hash(), resp.origin()};
}

absl::StatusOr<std::vector<std::string>> Client::GetConsistencyProof(int64_t crisis_id,
                                                                     uint64_t from, uint64_t to) {
  v1::GetConsistencyProofRequest req;
  req.set_crisis(crisis_id);
  req.set_from_size(from);
  req.set_to_size(to);
  v1::GetConsistencyProofResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::LedgerService::Stub::GetConsistencyProof, ledger_.get(), req, &resp));
  return std::vector<std::string>(resp.proof().begin(), resp.proof().end());
}

absl::StatusOr<std::pair<std::string, std::vector<std::string>>> Client::GetInclusionProof(
    int64_t crisis_id, int64_t seq, uint64_t tree_size) {
  v1::GetInclusionProofRequest req;
  req.set_crisis(crisis_id);
  req.set_seq(seq);
  req.set_tree_size(tree_size);
  v1::GetInclusionProofResponse resp;
  PARAAT_RETURN_IF_ERROR(Call(&v1::LedgerService::Stub::GetInclusionProof, ledger_.get(), req, &resp));
  return std::make_pair(resp.leaf_hash(),
                        std::vector<std::string>(resp.proof().begin(), resp.proof().end()));
}

absl::Status Client::WatchCrisis(int64_t crisis_id, int64_t* after_seq,
                                 const std::function<bool(const crisis::Entry&)>& on_entry,
                                 const std::atomic<bool>* stop,
                                 const std::function<void(const std::string&)>& on_state) {
  if (!settings_error_.ok()) return settings_error_;
  absl::Duration backoff = absl::Milliseconds(500);
  while (stop == nullptr || !stop->load()) {
    auto ctx = NewContext(absl::InfiniteDuration());
    v1::WatchCrisisRequest req;
    req.set_crisis(crisis_id);
    req.set_after_seq(*after_seq);
    std::unique_ptr<grpc::ClientReader<v1::WatchCrisisResponse>> reader =
        stream_->WatchCrisis(ctx.get(), req);
    // A watcher thread cancels the stream when asked to stop.
    std::atomic<bool> done{false};
    std::thread canceller([&] {
      while (!done.load()) {
        if (stop != nullptr && stop->load()) {
          ctx->TryCancel();
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    // The server says in its headers when the subscription stands: followed from then on,
    // also while no entry comes (after a reconnect).
    reader->WaitForInitialMetadata();
    bool first = true;
    if (ctx->GetServerInitialMetadata().count("paraat-subscribed") > 0) {
      if (on_state) on_state("connected");
      first = false;
      backoff = absl::Milliseconds(500);
    }
    v1::WatchCrisisResponse msg;
    bool keep_going = true;
    while (reader->Read(&msg)) {
      if (first && on_state) on_state("connected");
      first = false;
      backoff = absl::Milliseconds(500);
      const crisis::Entry e = FromProto(msg.entry());
      if (e.seq != *after_seq + 1) continue;  // never a duplicate, never out of order
      *after_seq = e.seq;
      if (!on_entry(e)) {
        keep_going = false;
        ctx->TryCancel();
        break;
      }
    }
    const absl::Status s = FromGrpc(reader->Finish(), options_.server, tls_use_);
    done = true;
    canceller.join();
    if (!keep_going || (stop != nullptr && stop->load())) return absl::OkStatus();
    if (!Retryable(s) && !s.ok()) return s;
    if (on_state) on_state(absl::StrCat("reconnecting: ", s.ok() ? "stream ended" : s.message()));
    // Wait out the backoff in small steps, so that a stop is heard within 50 ms.
    for (absl::Duration waited; waited < backoff && (stop == nullptr || !stop->load());
         waited += absl::Milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    backoff = std::min(backoff * 2, absl::Seconds(10));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Client::ExportContent(int64_t crisis_id, const EntryFilter& filter,
                                                  const std::string& format,
                                                  const std::string& filter_note,
                                                  crisis::ExportBundle* bundle) {
  if (format != "verifiable" && format != "jsonl" && format != "markdown" && format != "md") {
    return absl::InvalidArgumentError(
        absl::StrCat("format '", format, "': one of verifiable (default), jsonl, markdown"));
  }
  PARAAT_ASSIGN_OR_RETURN(crisis::ExportBundle b, ExportCrisis(crisis_id, filter));
  b.filter = filter_note;
  std::string content;
  if (format == "verifiable") {
    content = crisis::WriteExport(b);
  } else if (format == "jsonl") {
    content = crisis::ToJsonLines(b.entries);
  } else {
    EntryFilter corrections;
    corrections.kinds = {crisis::EntryKind::kCorrection};
    PARAAT_ASSIGN_OR_RETURN(crisis::ExportBundle all, ExportCrisis(crisis_id, corrections));
    content = crisis::RenderMarkdown(b.crisis, b.entries, crisis::Corrections(all.entries),
                                     time::DefaultZone(), b.filter);
  }
  if (bundle != nullptr) *bundle = std::move(b);
  return content;
}

}  // namespace paraat::client
