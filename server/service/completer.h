// SPDX-License-Identifier: EUPL-1.2
// A thread that runs closures in the order they are posted. Completions of writes are handed
// to it so that what they do (converting the response, logging, metrics, gRPC's send) never
// holds up the writer thread's next group commit.
#ifndef PARAAT_SERVER_SERVICE_COMPLETER_H_
#define PARAAT_SERVER_SERVICE_COMPLETER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace paraat::service {

class Completer {
 public:
  Completer() : thread_([this] { Loop(); }) {}
  // Runs everything posted so far, then stops.
  ~Completer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Completer(const Completer&) = delete;
  Completer& operator=(const Completer&) = delete;

  void Post(std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(fn));
    }
    cv_.notify_one();
  }

 private:
  void Loop() {
    std::deque<std::function<void()>> batch;
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      batch.swap(queue_);
      lock.unlock();
      for (auto& fn : batch) fn();
      batch.clear();
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::thread thread_;                       // last: starts after the members it uses
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_COMPLETER_H_
