// SPDX-License-Identifier: EUPL-1.2
// A request that is not a valid protobuf message of its method's request type (bytes that do
// not parse, or a text field that is not UTF-8) never reaches a handler: gRPC answers it itself
// with INTERNAL (synchronous methods) or UNIMPLEMENTED (callback methods), both without a
// message. This server interceptor turns that answer into INVALID_ARGUMENT naming the type, as
// for any other bad input.
#ifndef PARAAT_SERVER_SERVICE_MALFORMED_REQUEST_H_
#define PARAAT_SERVER_SERVICE_MALFORMED_REQUEST_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>

namespace paraat::service {

// The factory to give grpc::ServerBuilder (experimental().SetInterceptorCreators). It
// intercepts only Paraat's own methods (paraat.v1.*).
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MalformedRequestInterceptors();

// The status gRPC's own answer to an unparsable request becomes: `sent` as it is unless it is
// such an answer for the method `method` ("/paraat.v1.Service/Method").
grpc::Status ForMalformedRequest(const std::string& method, const grpc::Status& sent);

// Protocol Buffers reports each unparsable string on stderr, for anyone who sends one (no
// session needed). From this call on such reports go into the server log as warnings, at most
// one a minute with the number left out, so bad requests cannot flood the log.
void RouteProtobufLog();

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_MALFORMED_REQUEST_H_
