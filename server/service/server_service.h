// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.ServerService: version, clock and ping.
#ifndef PARAAT_SERVER_SERVICE_SERVER_SERVICE_H_
#define PARAAT_SERVER_SERVICE_SERVER_SERVICE_H_

#include <string>

#include "paraat/v1/server.grpc.pb.h"
#include "server/service/call.h"

namespace paraat::service {

class ServerServiceImpl final : public v1::ServerService::Service {
 public:
  ServerServiceImpl(ServiceContext sc, std::string version, int schema_version, std::string region)
      : sc_(sc), version_(std::move(version)), schema_version_(schema_version),
        region_(std::move(region)) {}

  grpc::Status GetServerInfo(grpc::ServerContext* ctx, const v1::GetServerInfoRequest* req,
                             v1::GetServerInfoResponse* resp) override;
  grpc::Status Ping(grpc::ServerContext* ctx, const v1::PingRequest* req,
                    v1::PingResponse* resp) override;

 private:
  ServiceContext sc_;
  std::string version_;
  int schema_version_;
  std::string region_;
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_SERVER_SERVICE_H_
