// SPDX-License-Identifier: EUPL-1.2
// A thread that runs closures in the order they are posted. The database hands it the
// completions of each committed group, so that waking the writers and what they do next
// (converting a response, logging, metrics, gRPC's send) never holds up the next group commit.
#ifndef PARAAT_SERVER_STORAGE_COMPLETER_H_
#define PARAAT_SERVER_STORAGE_COMPLETER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace paraat::storage {

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

  // True when nothing posted is waiting or running: then the poster may as well run its next
  // closure itself, in order, without the hop to this thread.
  bool Idle() {
    std::lock_guard<std::mutex> lock(mu_);
    return queue_.empty() && !running_;
  }

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
      running_ = true;
      lock.unlock();
      for (auto& fn : batch) fn();
      batch.clear();
      lock.lock();
      running_ = false;
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool running_ = false;                     // guarded by mu_: a batch is running
  bool stopping_ = false;                    // guarded by mu_
  std::thread thread_;                       // last: starts after the members it uses
};

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_COMPLETER_H_
