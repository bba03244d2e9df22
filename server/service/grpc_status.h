// SPDX-License-Identifier: EUPL-1.2
// The one place where absl::Status becomes grpc::Status: the codes map one to one.
#ifndef PARAAT_SERVER_SERVICE_GRPC_STATUS_H_
#define PARAAT_SERVER_SERVICE_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace paraat::service {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_GRPC_STATUS_H_
