// SPDX-License-Identifier: EUPL-1.2
// A cache of one read's result, kept until a table the read used changes. The read's tables are
// not declared but observed (every statement it prepares reports what it reads), so a query
// that starts to use another table is covered without anyone remembering to say so.
//
// What it relies on: the server's writer is the only writer of the database while it runs
// (the data directory's lock keeps other processes out), and it raises the change counts after
// a commit and before it tells anyone the write is done. So a caller who was told "done" never
// reads an older value; another reader may, for the microseconds between the commit and the
// counts, still get the cached value while a fresh read would see the commit.
#ifndef PARAAT_SERVER_STORAGE_READ_CACHE_H_
#define PARAAT_SERVER_STORAGE_READ_CACHE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "absl/status/statusor.h"
#include "server/storage/database.h"

namespace paraat::storage {

template <typename T>
class ReadCache {
 public:
  explicit ReadCache(Database* db) : db_(db) {}

  using Fits = std::function<bool(const T&)>;
  using Load = std::function<absl::StatusOr<T>(Connection&)>;

  // The cached value when it `fits` and none of the tables it was read from has changed since;
  // otherwise `load` runs in a read transaction and its result replaces the cached one (when
  // it fits; a result that does not is returned uncached). One load at a time: callers that
  // find the value stale together wait for the first one's load instead of each reading.
  absl::StatusOr<std::shared_ptr<const T>> Get(const Fits& fits, const Load& load) {
    if (std::shared_ptr<const T> v = Current(fits)) return v;
    std::lock_guard<std::mutex> loading(load_mu_);
    if (std::shared_ptr<const T> v = Current(fits)) return v;  // loaded while this one waited
    const Database::ChangeCounts before = db_->Changes();
    TableSet tables;
    std::shared_ptr<const T> fresh;
    absl::Status s = db_->Read(
        [&](Connection& c) -> absl::Status {
          absl::StatusOr<T> v = load(c);
          if (!v.ok()) return v.status();
          fresh = std::make_shared<const T>(*std::move(v));
          return absl::OkStatus();
        },
        &tables);
    if (!s.ok()) return s;
    loads_.fetch_add(1, std::memory_order_relaxed);
    if (fits(*fresh)) {
      std::lock_guard<std::mutex> lock(mu_);
      value_ = fresh;
      tables_ = std::move(tables);
      stamp_ = Database::Stamp(before, tables_);
    }
    return fresh;
  }

  // How many times `load` ran (for tests and figures).
  int64_t loads() const { return loads_.load(std::memory_order_relaxed); }

 private:
  std::shared_ptr<const T> Current(const Fits& fits) {
    std::lock_guard<std::mutex> lock(mu_);
    if (value_ != nullptr && fits(*value_) && db_->Stamp(tables_) == stamp_) return value_;
    return nullptr;
  }

  Database* db_;
  std::mutex load_mu_;  // held while loading
  std::mutex mu_;
  std::shared_ptr<const T> value_;  // guarded by mu_
  TableSet tables_;                 // the tables value_ was read from; guarded by mu_
  uint64_t stamp_ = 0;              // their change stamp before the read; guarded by mu_
  std::atomic<int64_t> loads_{0};
};

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_READ_CACHE_H_
