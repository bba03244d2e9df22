// SPDX-License-Identifier: EUPL-1.2
#include "server/service/crisis_stream.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/crisis/access.h"
#include "proto/convert/crisis_convert.h"
#include "server/service/grpc_status.h"

namespace paraat::service {

CrisisHub::CrisisHub() { thread_ = std::thread([this] { Loop(); }); }

CrisisHub::~CrisisHub() {
  Shutdown();
  if (thread_.joinable()) thread_.join();
}

void CrisisHub::Publish(const crisis::Entry& e) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    pending_.push_back(e);
  }
  cv_.notify_one();
}

bool CrisisHub::Subscribe(int64_t crisis_id, Subscriber* s) {
  std::lock_guard<std::mutex> list(subscribers_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return false;
  }
  if (subscribers_[crisis_id].insert(s).second) ++count_;
  return true;
}

void CrisisHub::Unsubscribe(int64_t crisis_id, Subscriber* s) {
  std::lock_guard<std::mutex> list(subscribers_mu_);
  auto it = subscribers_.find(crisis_id);
  if (it == subscribers_.end()) return;
  if (it->second.erase(s) > 0) --count_;
  if (it->second.empty()) subscribers_.erase(it);
}

void CrisisHub::Shutdown() {
  std::lock_guard<std::mutex> list(subscribers_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_one();
  for (auto& [crisis_id, subs] : subscribers_) {
    for (Subscriber* s : subs) s->OnShutdown();
  }
}

void CrisisHub::Loop() {
  std::deque<crisis::Entry> batch;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (stopping_) return;
      batch.swap(pending_);
    }
    std::lock_guard<std::mutex> list(subscribers_mu_);
    for (const crisis::Entry& e : batch) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;  // Shutdown has told every subscriber
      }
      auto it = subscribers_.find(e.crisis_id);
      if (it == subscribers_.end()) continue;
      // Converted once for all subscribers; the size is worked out here so that the
      // serializations that share the message only read it.
      auto response = std::make_shared<v1::WatchCrisisResponse>();
      convert::ToProto(e, response->mutable_entry());
      (void)response->ByteSizeLong();
      const SharedResponse shared = std::move(response);
      for (auto s = it->second.begin(); s != it->second.end();) {
        if ((*s)->OnEntry(shared)) {
          ++s;
        } else {
          s = it->second.erase(s);
          --count_;
        }
      }
      if (it->second.empty()) subscribers_.erase(it);
    }
    batch.clear();
  }
}

namespace {

constexpr absl::string_view kMethod = PARAAT_METHOD(CrisisStreamService, WatchCrisis);

// One WatchCrisis call. Entries are read from the database until the subscriber has caught
// up, then taken from the hub as they commit; a gap (the subscriber fell behind the hub)
// sends it back to the database, so nothing is skipped and nothing is sent twice.
class WatchReactor final : public grpc::ServerWriteReactor<v1::WatchCrisisResponse>,
                           public CrisisHub::Subscriber {
 public:
  WatchReactor(const ServiceContext& sc, storage::CrisisStore* crises, CrisisHub* hub,
               const StreamOptions& options, grpc::CallbackServerContext* ctx,
               const v1::WatchCrisisRequest* req)
      : sc_(sc), crises_(crises), hub_(hub), options_(options), ctx_(ctx),
        crisis_id_(req->crisis()), last_enqueued_(req->after_seq()), last_sent_(req->after_seq()) {
    Start();
  }

  bool OnEntry(const SharedResponse& e) override {
    const int64_t seq = e->entry().seq();
    std::unique_lock<std::mutex> lock(mu_);
    if (finished_) return false;
    max_seen_ = std::max(max_seen_, seq);
    if (backlog_ || seq != last_enqueued_ + 1) {
      if (seq > last_enqueued_) backlog_ = true;
    } else if (queue_.size() >= options_.max_queue) {
      FinishLocked(grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("this watcher fell ", queue_.size(),
                       " entries behind the log; reconnect and resume after entry ",
                       LastDeliveredLocked())));
      return false;
    } else {
      queue_.push_back(e);
      last_enqueued_ = seq;
    }
    MaybeWriteLocked(lock);
    return !finished_;
  }

  void OnShutdown() override {
    std::unique_lock<std::mutex> lock(mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                              absl::StrCat("the server is shutting down; reconnect and resume "
                                           "after entry ", LastDeliveredLocked())));
  }

  void OnWriteDone(bool ok) override {
    std::unique_lock<std::mutex> lock(mu_);
    writing_ = false;
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the watcher went away"));
      return;
    }
    last_sent_ = in_flight_->entry().seq();
    in_flight_.reset();
    MaybeWriteLocked(lock);
  }

  void OnCancel() override {
    std::unique_lock<std::mutex> lock(mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by the watcher"));
  }

  void OnDone() override {
    if (subscribed_) hub_->Unsubscribe(crisis_id_, this);
    delete this;
  }

 private:
  void Start() {
    absl::StatusOr<std::string> hash = Authorizer::BearerTokenHash(ctx_);
    if (!hash.ok()) sc_.authorizer->CountRefusal("-", kMethod);
    absl::StatusOr<directory::Principal> p =
        hash.ok() ? sc_.authorizer->AuthorizeHash(*hash, kMethod)
                  : absl::StatusOr<directory::Principal>(hash.status());
    absl::Status s = p.status();
    if (s.ok()) token_hash_ = *std::move(hash);
    if (s.ok() && crisis_id_ <= 0) s = absl::InvalidArgumentError("crisis is required");
    if (s.ok() && last_enqueued_ < 0) s = absl::InvalidArgumentError(absl::StrCat("after_seq is ", last_enqueued_, "; it must be 0 or more"));
    if (s.ok()) {
      absl::StatusOr<crisis::Crisis> c = crises_->GetCrisis(crisis_id_);
      s = c.status();
      if (s.ok()) {
        crisis_ = *c;
        s = crisis::CheckRead(*p, crisis_);
      }
      // Nobody can have seen an entry the log does not have: such a watcher would wait forever.
      if (s.ok() && last_enqueued_ > crisis_.entries) {
        s = absl::OutOfRangeError(absl::StrCat(
            "after_seq ", last_enqueued_, " is beyond the end of crisis ", crisis_id_, "'s log (",
            crisis_.entries, " entries); resume after the last entry you have"));
      }
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (!s.ok()) {
      if (absl::IsPermissionDenied(s) && p.ok()) sc_.authorizer->CountRefusal(p->username, kMethod);
      FinishLocked(ToGrpcStatus(s));
      return;
    }
    if (!hub_->Subscribe(crisis_id_, this)) {
      FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
      return;
    }
    subscribed_ = true;
    // Said in the headers, so that a watcher knows it follows the log before any entry comes.
    ctx_->AddInitialMetadata("paraat-subscribed", "1");
    // The response headers go out now, on their own: the watcher knows it is subscribed, and
    // the first entry is not held up by the completion of the headers' write (which gRPC
    // reports late, tens of milliseconds after the client has the data).
    StartSendInitialMetadata();
    MaybeWriteLocked(lock);
  }

  // Whether the caller may still read the crisis: checked before every entry sent.
  absl::Status StillAllowed() {
    absl::StatusOr<directory::Principal> p = sc_.authorizer->AuthorizeHash(token_hash_, kMethod);
    if (!p.ok()) return p.status();
    return crisis::CheckRead(*p, crisis_);
  }

  void MaybeWriteLocked(std::unique_lock<std::mutex>& lock) {
    int rereads = 0;
    while (!writing_ && !finished_) {
      if (queue_.empty() && backlog_ && !reading_) {
        reading_ = true;
        const int64_t from = last_enqueued_;
        lock.unlock();
        storage::EntryQuery q;
        q.crisis_id = crisis_id_;
        q.after_seq = from;
        q.limit = options_.backlog_page;
        absl::StatusOr<std::vector<crisis::Entry>> page = crises_->ListEntries(q);
        lock.lock();
        reading_ = false;
        if (finished_) return;
        if (!page.ok()) {
          FinishLocked(ToGrpcStatus(page.status()));
          return;
        }
        for (const crisis::Entry& e : *page) {
          if (e.seq != last_enqueued_ + 1) break;  // a concurrent read got there first
          last_enqueued_ = e.seq;
          auto r = std::make_shared<v1::WatchCrisisResponse>();
          convert::ToProto(e, r->mutable_entry());
          queue_.push_back(std::move(r));
        }
        // Caught up when the page was short and nothing newer was announced meanwhile.
        if (static_cast<int>(page->size()) < options_.backlog_page && max_seen_ <= last_enqueued_) {
          backlog_ = false;
        }
        if (queue_.empty()) {
          // An entry announced while this read ran was committed after its snapshot: read again
          // (the announcement found the read running and left it to this one). A bound, in case
          // the announced entry can never be read; the next announcement starts over.
          if (backlog_ && max_seen_ > last_enqueued_ && ++rereads < 100) continue;
          return;
        }
      }
      if (queue_.empty()) return;
      lock.unlock();
      absl::Status allowed = StillAllowed();
      lock.lock();
      if (finished_) return;
      if (!allowed.ok()) {
        FinishLocked(ToGrpcStatus(allowed));
        return;
      }
      // Another thread (the hub's or a write completion) may have written while the lock was
      // released: the queue may be empty now.
      if (writing_ || queue_.empty()) continue;
      in_flight_ = std::move(queue_.front());
      queue_.pop_front();
      writing_ = true;
      StartWrite(in_flight_.get());
    }
  }

  // The last entry the watcher has when it reads the status: a write in flight goes out
  // before the status, so resuming after it gives no duplicate.
  int64_t LastDeliveredLocked() const {
    return writing_ ? in_flight_->entry().seq() : last_sent_;
  }

  void FinishLocked(grpc::Status s) {
    if (finished_) return;
    finished_ = true;
    queue_.clear();
    Finish(std::move(s));
  }

  const ServiceContext sc_;
  storage::CrisisStore* crises_;
  CrisisHub* hub_;
  const StreamOptions options_;
  grpc::CallbackServerContext* ctx_;
  const int64_t crisis_id_;
  crisis::Crisis crisis_;
  std::string token_hash_;  // the caller's, to re-check it before each entry

  std::mutex mu_;
  std::deque<SharedResponse> queue_;  // guarded by mu_
  int64_t last_enqueued_;            // guarded by mu_
  int64_t last_sent_;                // guarded by mu_
  int64_t max_seen_ = 0;             // guarded by mu_
  bool backlog_ = true;              // guarded by mu_: still reading from the database
  bool reading_ = false;             // guarded by mu_
  bool writing_ = false;             // guarded by mu_: one write in flight
  bool finished_ = false;            // guarded by mu_
  bool subscribed_ = false;
  SharedResponse in_flight_;          // guarded by mu_: the write in flight
};

}  // namespace

grpc::ServerWriteReactor<v1::WatchCrisisResponse>* CrisisStreamServiceImpl::WatchCrisis(
    grpc::CallbackServerContext* ctx, const v1::WatchCrisisRequest* req) {
  return new WatchReactor(sc_, crises_, hub_, options_, ctx, req);
}

}  // namespace paraat::service
