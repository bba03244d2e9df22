// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.DirectoryService: municipalities, people and pools.
#ifndef PARAAT_SERVER_SERVICE_DIRECTORY_SERVICE_H_
#define PARAAT_SERVER_SERVICE_DIRECTORY_SERVICE_H_

#include "paraat/v1/directory.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/directory_store.h"

namespace paraat::service {

class DirectoryServiceImpl final : public v1::DirectoryService::Service {
 public:
  DirectoryServiceImpl(ServiceContext sc, storage::DirectoryStore* store)
      : sc_(sc), store_(store) {}

  grpc::Status ListMunicipalities(grpc::ServerContext* ctx,
                                  const v1::ListMunicipalitiesRequest* req,
                                  v1::ListMunicipalitiesResponse* resp) override;
  grpc::Status GetMunicipality(grpc::ServerContext* ctx, const v1::GetMunicipalityRequest* req,
                               v1::Municipality* resp) override;
  grpc::Status CreateMunicipality(grpc::ServerContext* ctx,
                                  const v1::CreateMunicipalityRequest* req,
                                  v1::Municipality* resp) override;
  grpc::Status UpdateMunicipality(grpc::ServerContext* ctx,
                                  const v1::UpdateMunicipalityRequest* req,
                                  v1::Municipality* resp) override;
  grpc::Status ListPeople(grpc::ServerContext* ctx, const v1::ListPeopleRequest* req,
                          v1::ListPeopleResponse* resp) override;
  grpc::Status GetPerson(grpc::ServerContext* ctx, const v1::GetPersonRequest* req,
                         v1::Person* resp) override;
  grpc::Status CreatePerson(grpc::ServerContext* ctx, const v1::CreatePersonRequest* req,
                            v1::Person* resp) override;
  grpc::Status UpdatePerson(grpc::ServerContext* ctx, const v1::UpdatePersonRequest* req,
                            v1::Person* resp) override;
  grpc::Status ListPools(grpc::ServerContext* ctx, const v1::ListPoolsRequest* req,
                         v1::ListPoolsResponse* resp) override;
  grpc::Status GetPool(grpc::ServerContext* ctx, const v1::GetPoolRequest* req,
                       v1::Pool* resp) override;
  grpc::Status CreatePool(grpc::ServerContext* ctx, const v1::CreatePoolRequest* req,
                          v1::Pool* resp) override;
  grpc::Status UpdatePool(grpc::ServerContext* ctx, const v1::UpdatePoolRequest* req,
                          v1::Pool* resp) override;
  grpc::Status AddPoolMember(grpc::ServerContext* ctx, const v1::PoolMemberRequest* req,
                             v1::Pool* resp) override;
  grpc::Status RemovePoolMember(grpc::ServerContext* ctx, const v1::PoolMemberRequest* req,
                                v1::Pool* resp) override;

 private:
  ServiceContext sc_;
  storage::DirectoryStore* store_;
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_DIRECTORY_SERVICE_H_
