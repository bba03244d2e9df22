// SPDX-License-Identifier: EUPL-1.2
// What the benchmarks of tests/bench/ share besides Figure(): a scratch directory, stopping on
// a setup failure, the demo accounts' passwords, a channel with its own TCP connection and
// percentiles of a sample.
#ifndef PARAAT_TESTS_BENCH_SUPPORT_BENCH_UTIL_H_
#define PARAAT_TESTS_BENCH_SUPPORT_BENCH_UTIL_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace paraat::bench {

// A new directory under $TMPDIR (or /tmp) named paraat-<what>-XXXXXX; exits on failure.
std::string MakeTempDir(const std::string& what = "bench");

// A benchmark cannot go on without its setup: prints `what: status` and exits with 1.
void Check(const absl::Status& s, const char* what);

// The password of the demo account with `role` (officer, coordinator, administrator, ...) from
// the demo-accounts.txt that `paraat-server init --demo` wrote in `data_dir`; "" when absent.
std::string DemoPassword(const std::string& data_dir, const std::string& role);

// An insecure channel to `address` with its own TCP connection (channels with equal arguments
// share one otherwise), so that several channels spread the load as several clients would.
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address);

// The p-quantile (0..1) of a sample (the nearest rank); 0 for an empty sample.
double Percentile(std::vector<double> v, double p);

}  // namespace paraat::bench

#endif  // PARAAT_TESTS_BENCH_SUPPORT_BENCH_UTIL_H_
