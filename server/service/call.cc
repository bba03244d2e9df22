// SPDX-License-Identifier: EUPL-1.2
#include "server/service/call.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/log/log.h"
#include "server/service/grpc_status.h"

namespace paraat::service {

grpc::Status Serve(const ServiceContext& sc, grpc::ServerContext* ctx, absl::string_view method,
                   const CallBody& body) {
  const absl::Time start = absl::Now();
  absl::StatusOr<directory::Principal> principal = sc.authorizer->Authorize(ctx, method);
  absl::Status status = principal.status();
  if (status.ok()) {
    if (ctx->IsCancelled()) {
      status = absl::CancelledError("the call was cancelled or its deadline passed");
    } else {
      status = body(*principal);
    }
    if (absl::IsPermissionDenied(status)) sc.authorizer->CountRefusal(principal->username, method);
  }
  if (!status.ok() && (status.code() == absl::StatusCode::kInternal ||
                       status.code() == absl::StatusCode::kDataLoss ||
                       status.code() == absl::StatusCode::kUnavailable ||
                       status.code() == absl::StatusCode::kResourceExhausted)) {
    log::Warning("rpc", "call failed",
                 {{"method", std::string(method)},
                  {"actor", principal.ok() ? principal->username : std::string("-")},
                  {"code", absl::StatusCodeToString(status.code())},
                  {"error", std::string(status.message())}});
  }
  if (sc.observer != nullptr) sc.observer->OnCall(method, status.code(), absl::Now() - start);
  return ToGrpcStatus(status);
}

}  // namespace paraat::service
