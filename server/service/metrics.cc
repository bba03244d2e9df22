// SPDX-License-Identifier: EUPL-1.2
#include "server/service/metrics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace paraat::service {

std::string LabelValue(absl::string_view v) {
  return absl::StrReplaceAll(v, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}});
}

void Metrics::OnCall(absl::string_view method, absl::StatusCode code, absl::Duration latency) {
  const double seconds = absl::ToDoubleSeconds(latency);
  std::lock_guard<std::mutex> lock(mu_);
  ++calls_[{std::string(method), static_cast<int>(code)}];
  Histogram& h = latency_[std::string(method)];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

uint64_t Metrics::Count(absl::string_view method, absl::StatusCode code) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find({std::string(method), static_cast<int>(code)});
  return it == calls_.end() ? 0 : it->second;
}

void Metrics::Render(std::string& out) const {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StrAppend(&out,
                  "# HELP paraat_rpc_calls_total Finished gRPC calls by method and status code.\n"
                  "# TYPE paraat_rpc_calls_total counter\n");
  for (const auto& [key, n] : calls_) {
    absl::StrAppend(&out, "paraat_rpc_calls_total{method=\"", LabelValue(key.first), "\",code=\"",
                    absl::StatusCodeToString(static_cast<absl::StatusCode>(key.second)), "\"} ", n, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP paraat_rpc_latency_seconds Time from the start of a call to its status.\n"
                  "# TYPE paraat_rpc_latency_seconds histogram\n");
  for (const auto& [method, h] : latency_) {
    const std::string m = LabelValue(method);
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      absl::StrAppendFormat(&out, "paraat_rpc_latency_seconds_bucket{method=\"%s\",le=\"%g\"} %d\n", m,
                            kBuckets[i], h.buckets[i]);
    }
    absl::StrAppendFormat(&out, "paraat_rpc_latency_seconds_bucket{method=\"%s\",le=\"+Inf\"} %d\n", m, h.count);
    absl::StrAppendFormat(&out, "paraat_rpc_latency_seconds_sum{method=\"%s\"} %.9f\n", m, h.sum);
    absl::StrAppendFormat(&out, "paraat_rpc_latency_seconds_count{method=\"%s\"} %d\n", m, h.count);
  }
}

}  // namespace paraat::service
