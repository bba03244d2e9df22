// SPDX-License-Identifier: EUPL-1.2
// Waiting in client tests: run the Qt event loop until an AsyncClient callback has delivered
// its result, with a time limit so that no test hangs.
#ifndef PARAAT_TESTS_CLIENT_SUPPORT_WAIT_H_
#define PARAAT_TESTS_CLIENT_SUPPORT_WAIT_H_

#include <QDeadlineTimer>
#include <QTest>

#include <functional>
#include <optional>

#include "absl/status/statusor.h"

namespace paraat::testing {

inline constexpr int kWaitMs = 20000;

// Calls `start` with a callback and returns what the callback got (or nullopt after the time
// limit).
template <typename T>
std::optional<absl::StatusOr<T>> Await(
    const std::function<void(std::function<void(absl::StatusOr<T>)>)>& start) {
  std::optional<absl::StatusOr<T>> got;
  start([&got](absl::StatusOr<T> r) { got = std::move(r); });
  (void)QTest::qWaitFor([&got] { return got.has_value(); }, kWaitMs);
  return got;
}

inline std::optional<absl::Status> AwaitStatus(
    const std::function<void(std::function<void(absl::Status)>)>& start) {
  std::optional<absl::Status> got;
  start([&got](absl::Status s) { got = std::move(s); });
  (void)QTest::qWaitFor([&got] { return got.has_value(); }, kWaitMs);
  return got;
}

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_CLIENT_SUPPORT_WAIT_H_
