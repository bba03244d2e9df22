// SPDX-License-Identifier: EUPL-1.2
#include "server/service/server_service.h"

#include "absl/time/clock.h"
#include "proto/convert/convert.h"

namespace paraat::service {

using convert::FromProto;
using convert::ToProto;

grpc::Status ServerServiceImpl::GetServerInfo(grpc::ServerContext* ctx,
                                              const v1::GetServerInfoRequest*,
                                              v1::GetServerInfoResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(ServerService, GetServerInfo),
               [&](const directory::Principal&) {
                 resp->set_version(version_);
                 resp->set_schema_version(schema_version_);
                 resp->set_region(region_);
                 ToProto(absl::Now(), resp->mutable_server_time());
                 return absl::OkStatus();
               });
}

grpc::Status ServerServiceImpl::Ping(grpc::ServerContext* ctx, const v1::PingRequest*,
                                     v1::PingResponse*) {
  return Serve(sc_, ctx, PARAAT_METHOD(ServerService, Ping),
               [](const directory::Principal&) { return absl::OkStatus(); });
}

}  // namespace paraat::service
