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

}  // namespace paraat::service

// The full method name of an RPC of a Paraat service.
#define PARAAT_METHOD(service, method) "/paraat.v1." #service "/" #method

#endif  // PARAAT_SERVER_SERVICE_CALL_H_
