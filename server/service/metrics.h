// SPDX-License-Identifier: EUPL-1.2
// Call metrics for Prometheus: calls by method and status code with latency histograms.
// The server adds its gauges (writer queue, batch sizes, live subscribers, roster gaps) when
// it renders /metrics.
#ifndef PARAAT_SERVER_SERVICE_METRICS_H_
#define PARAAT_SERVER_SERVICE_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "server/service/call.h"

namespace paraat::service {

class Metrics : public CallObserver {
 public:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   2.5};

  void OnCall(absl::string_view method, absl::StatusCode code, absl::Duration latency) override;

  // Appends the call metrics in the Prometheus text format (version 0.0.4).
  void Render(std::string& out) const;

  // Calls of `method` that ended with `code` so far.
  uint64_t Count(absl::string_view method, absl::StatusCode code) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> calls_;  // guarded by mu_
  std::map<std::string, Histogram> latency_;               // guarded by mu_
};

// Escapes a Prometheus label value.
std::string LabelValue(absl::string_view v);

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_METRICS_H_
