// SPDX-License-Identifier: EUPL-1.2
// The one place where absl::Status becomes grpc::Status: the codes map one to one.
#ifndef PARAAT_SERVER_SERVICE_GRPC_STATUS_H_
#define PARAAT_SERVER_SERVICE_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace paraat::service {

// Status messages are kept under this many bytes (plus a short note). A message quoting back
// a huge value of the request would otherwise not fit gRPC's limit on metadata (8 KB by
// default), and the caller would get RESOURCE_EXHAUSTED instead of what was wrong.
inline constexpr size_t kMaxStatusMessage = 1024;

// `message` as it is, or its start and its end with the middle left out (and said so).
std::string ShortenMessage(absl::string_view message);

// The code as it is, the message shortened.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_GRPC_STATUS_H_
