// SPDX-License-Identifier: EUPL-1.2
#include "server/service/call.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/log/log.h"
#include "server/service/grpc_status.h"

namespace paraat::service {

namespace {

// Counts, logs and observes a finished call, and gives its gRPC status.
grpc::Status Conclude(const ServiceContext& sc, absl::string_view method,
                      const absl::StatusOr<directory::Principal>& principal, absl::Status status,
                      absl::Time start) {
  if (principal.ok() && absl::IsPermissionDenied(status)) {
    sc.authorizer->CountRefusal(principal->username, method);
  }
  if (!status.ok() && (status.code() == absl::StatusCode::kInternal ||
                       status.code() == absl::StatusCode::kDataLoss ||
                       status.code() == absl::StatusCode::kUnavailable ||
                       status.code() == absl::StatusCode::kResourceExhausted)) {
    // A damaged database or a broken invariant needs the operator now; a busy or full disk
    // and a slow subscriber are warnings.
    const bool error = status.code() == absl::StatusCode::kInternal ||
                       status.code() == absl::StatusCode::kDataLoss;
    (error ? log::Error : log::Warning)(
        "rpc", "call failed",
        {{"method", std::string(method)},
         {"actor", principal.ok() ? principal->username : std::string("-")},
         {"code", absl::StatusCodeToString(status.code())},
         {"error", std::string(status.message())}});
  }
  if (sc.observer != nullptr) sc.observer->OnCall(method, status.code(), absl::Now() - start);
  return ToGrpcStatus(status);
}

// Authorizes the call; a cancelled call stops here too.
absl::StatusOr<directory::Principal> Admit(const ServiceContext& sc,
                                          const grpc::ServerContextBase* ctx,
                                          absl::string_view method) {
  absl::StatusOr<directory::Principal> principal = sc.authorizer->Authorize(ctx, method);
  if (principal.ok() && ctx->IsCancelled()) {
    return absl::CancelledError("the call was cancelled or its deadline passed");
  }
  return principal;
}

}  // namespace

grpc::Status Serve(const ServiceContext& sc, grpc::ServerContext* ctx, absl::string_view method,
                   const CallBody& body) {
  const absl::Time start = absl::Now();
  absl::StatusOr<directory::Principal> principal = Admit(sc, ctx, method);
  absl::Status status = principal.ok() ? body(*principal) : principal.status();
  return Conclude(sc, method, principal, std::move(status), start);
}

void ServeAsync(const ServiceContext& sc, const grpc::ServerContextBase* ctx,
                absl::string_view method, const AsyncCallBody& body,
                std::function<void(grpc::Status)> finish) {
  const absl::Time start = absl::Now();
  absl::StatusOr<directory::Principal> principal = Admit(sc, ctx, method);
  if (!principal.ok()) {
    finish(Conclude(sc, method, principal, principal.status(), start));
    return;
  }
  body(*principal, [sc, method, principal, start, finish = std::move(finish)](absl::Status s) {
    finish(Conclude(sc, method, principal, std::move(s), start));
  });
}

absl::Status RequireId(int64_t id, absl::string_view field) {
  if (id == 0) return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  if (id < 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, " must be a positive id, not ", id));
  }
  return absl::OkStatus();
}

}  // namespace paraat::service
