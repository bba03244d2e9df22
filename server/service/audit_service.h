// SPDX-License-Identifier: EUPL-1.2
// Adapter of paraat.v1.AuditService: administrators read the audit trail.
#ifndef PARAAT_SERVER_SERVICE_AUDIT_SERVICE_H_
#define PARAAT_SERVER_SERVICE_AUDIT_SERVICE_H_

#include "paraat/v1/audit.grpc.pb.h"
#include "server/service/call.h"
#include "server/storage/account_store.h"
#include "server/storage/crisis_store.h"
#include "server/storage/database.h"

namespace paraat::service {

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  AuditServiceImpl(ServiceContext sc, storage::Database* db, storage::AccountStore* accounts,
                   storage::CrisisStore* crises)
      : sc_(sc), db_(db), accounts_(accounts), crises_(crises) {}

  grpc::Status ListAudit(grpc::ServerContext* ctx, const v1::ListAuditRequest* req,
                         v1::ListAuditResponse* resp) override;

 private:
  ServiceContext sc_;
  storage::Database* db_;
  storage::AccountStore* accounts_;
  storage::CrisisStore* crises_;
};

}  // namespace paraat::service

#endif  // PARAAT_SERVER_SERVICE_AUDIT_SERVICE_H_
