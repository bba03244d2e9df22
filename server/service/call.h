// SPDX-License-Identifier: EUPL-1.2
// The frame every unary handler runs in: authorize, run the body, map the status, observe.
#ifndef PARAAT_SERVER_SERVICE_CALL_H_
#define PARAAT_SERVER_SERVICE_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/directory/access.h"
#include "server/service/authorization.h"

namespace paraat::service {

// Sees every finished call: method, status code and latency (metrics, logs).
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  virtual void OnCall(absl::string_view method, absl::StatusCode code, absl::Duration latency) = 0;
};

// What every service adapter shares.
struct ServiceContext {
  Authorizer* authorizer = nullptr;
  CallObserver* observer = nullptr;  // may be null
};

using CallBody = std::function<absl::Status(const directory::Principal&)>;

// Authorizes `method` for the caller, runs `body` with the principal, and returns the gRPC
// status. Errors are logged with the method and the actor (never the request).
grpc::Status Serve(const ServiceContext& sc, grpc::ServerContext* ctx, absl::string_view method,
                   const CallBody& body);

// The same frame for a body that finishes later (a callback-API handler waiting for the
// writer): `body` gets the principal and `done`, to be called once from any thread; `finish`
// then gets the gRPC status. Errors before the body (authorization, cancellation) finish at once.
using Done = std::function<void(absl::Status)>;
using AsyncCallBody = std::function<void(const directory::Principal&, Done done)>;
void ServeAsync(const ServiceContext& sc, const grpc::ServerContextBase* ctx,
                absl::string_view method, const AsyncCallBody& body,
                std::function<void(grpc::Status)> finish);

// INVALID_ARGUMENT unless `id` can name a record: "<field> is required" when it is 0 (unset),
// "<field> must be a positive id, not -5" below that.
[[nodiscard]] absl::Status RequireId(int64_t id, absl::string_view field);

}  // namespace paraat::service

// The full method name of an RPC of a Paraat service.
#define PARAAT_METHOD(service, method) "/paraat.v1." #service "/" #method

#endif  // PARAAT_SERVER_SERVICE_CALL_H_
