// SPDX-License-Identifier: EUPL-1.2
// Live crisis logs: the hub that fans committed entries out to subscribers, and the
// WatchCrisis server stream (gRPC callback API) with a bounded queue per subscriber, one write
// in flight, resume by sequence number, and a clean end at shutdown.
#ifndef PARAAT_SERVER_SERVICE_CRISIS_STREAM_H_
#define PARAAT_SERVER_SERVICE_CRISIS_STREAM_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "common/crisis/crisis.h"
#include "paraat/v1/crisis_stream.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/crisis_store.h"

namespace paraat::service {

// An entry as it goes out to watchers: converted once, shared read-only by every subscriber's
// queue (protobuf messages may be serialized from several threads at once).
using SharedResponse = std::shared_ptr<const v1::WatchCrisisResponse>;

// Fans entries out, on its own thread, to the subscribers of their crisis. Publish only
// queues the entry, under a lock the fan-out never holds, so the writer thread that commits
// never waits for subscribers (not even for one that reads the database to catch up).
class CrisisHub {
 public:
  class Subscriber {
   public:
    virtual ~Subscriber() = default;
    // On the hub thread, with the subscriber list locked: should not block for long (it
    // holds up the fan-out, subscribing and unsubscribing, but never Publish). Returns false
    // once the subscriber has ended (e.g. it fell behind): the hub lets go of it at once, since
    // a stalled client may not read its final status, and so not end its call, for a long time.
    virtual bool OnEntry(const SharedResponse& e) = 0;
    virtual void OnShutdown() = 0;
  };

  CrisisHub();
  ~CrisisHub();

  void Publish(const crisis::Entry& e);
  // false after Shutdown.
  bool Subscribe(int64_t crisis_id, Subscriber* s);
  // After it returns, `s` gets no more calls.
  void Unsubscribe(int64_t crisis_id, Subscriber* s);
  // Every subscriber gets OnShutdown once; new subscriptions are refused.
  void Shutdown();
  int64_t subscribers() const { return count_.load(); }

 private:
  void Loop();

  // Lock order: subscribers_mu_, then mu_.
  std::mutex subscribers_mu_;                               // held while fanning out
  std::map<int64_t, std::set<Subscriber*>> subscribers_;    // guarded by subscribers_mu_
  std::mutex mu_;                                           // Publish takes only this one
  std::condition_variable cv_;
  std::deque<crisis::Entry> pending_;                       // guarded by mu_
  bool stopping_ = false;                                   // guarded by mu_
  std::atomic<int64_t> count_{0};
  std::thread thread_;
};

struct StreamOptions {
  size_t max_queue = 512;  // entries waiting for a subscriber before it is cut off
  int backlog_page = 200;  // entries read from the database per step while catching up
};

class CrisisStreamServiceImpl final : public v1::CrisisStreamService::CallbackService {
 public:
  CrisisStreamServiceImpl(ServiceContext sc, storage::CrisisStore* crises, CrisisHub* hub,
                          StreamOptions options = {})
      : sc_(sc), crises_(crises), hub_(hub), options_(options) {}

  grpc::ServerWriteReactor<v1::WatchCrisisResponse>* WatchCrisis(
      grpc::CallbackServerContext* ctx, const v1::WatchCrisisRequest* req) override;

 private:
  ServiceContext sc_;
  storage::CrisisStore* crises_;
  CrisisHub* hub_;
  StreamOptions options_;
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_CRISIS_STREAM_H_
