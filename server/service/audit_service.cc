// SPDX-License-Identifier: EUPL-1.2
#include "server/service/audit_service.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/crisis/access.h"
#include "common/status/status_macros.h"
#include "proto/convert/convert.h"
#include "server/storage/audit.h"

namespace paraat::service {

grpc::Status AuditServiceImpl::ListAudit(grpc::ServerContext* ctx, const v1::ListAuditRequest* req,
                                         v1::ListAuditResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(AuditService, ListAudit),
               [&](const directory::Principal& p) -> absl::Status {
                 storage::AuditQuery q;
                 if (req->page_size() < 0 || req->page_size() > 1000) {
                   return absl::InvalidArgumentError("page_size must be 1 to 1000");
                 }
                 q.limit = req->page_size() == 0 ? 100 : req->page_size();
                 if (req->has_since()) {
                   PARAAT_ASSIGN_OR_RETURN(q.since, convert::FromProto(req->since(), true, "since"));
                 }
                 q.actor = req->actor();
                 q.object_prefix = req->object_prefix();
                 q.after_id = req->after_id();
                 // A municipal administrator sees what the accounts of their municipality did,
                 // except to crises they may not read (read access is all-or-nothing: the
                 // record of an entry or of capacity taken for a crisis tells of the crisis).
                 std::set<std::string> own;
                 std::map<int64_t, bool> readable;  // crisis -> may p read it
                 auto visible = [&](const storage::AuditRecord& r) -> absl::StatusOr<bool> {
                   if (p.regional()) return true;
                   if (own.count(r.actor) == 0) return false;
                   int64_t crisis_id = 0;
                   PARAAT_RETURN_IF_ERROR(db_->Read([&](storage::Connection& c) -> absl::Status {
                     PARAAT_ASSIGN_OR_RETURN(crisis_id, storage::CrisisOfObject(c, r.object));
                     return absl::OkStatus();
                   }));
                   if (crisis_id == 0) return true;
                   auto known = readable.find(crisis_id);
                   if (known == readable.end()) {
                     absl::StatusOr<crisis::Crisis> c = crises_->GetCrisis(crisis_id);
                     if (!c.ok() && !absl::IsNotFound(c.status())) return c.status();
                     known = readable.emplace(crisis_id, c.ok() && crisis::CanRead(p, *c)).first;
                   }
                   return known->second;
                 };
                 if (!p.regional()) {
                   PARAAT_ASSIGN_OR_RETURN(std::vector<storage::AccountView> accounts,
                                           accounts_->ListAccounts(p.scope));
                   for (const auto& a : accounts) own.insert(a.account.username);
                 }
                 std::vector<storage::AuditRecord> records;
                 int64_t last = q.after_id;
                 // Page until the page is full of visible records or the trail ends.
                 while (static_cast<int>(records.size()) < q.limit) {
                   std::vector<storage::AuditRecord> page;
                   q.after_id = last;
                   PARAAT_RETURN_IF_ERROR(db_->Read([&](storage::Connection& c) -> absl::Status {
                     PARAAT_ASSIGN_OR_RETURN(page, storage::ListAudit(c, q));
                     return absl::OkStatus();
                   }));
                   size_t read = 0;
                   for (auto& r : page) {
                     ++read;
                     last = r.id;
                     PARAAT_ASSIGN_OR_RETURN(const bool show, visible(r));
                     if (show) records.push_back(std::move(r));
                     if (static_cast<int>(records.size()) == q.limit) break;
                   }
                   // The trail ends here only if this short page was read to its end.
                   if (static_cast<int>(page.size()) < q.limit) {
                     if (read == page.size()) last = 0;
                     break;
                   }
                 }
                 for (const auto& r : records) {
                   v1::AuditRecord* x = resp->add_records();
                   x->set_id(r.id);
                   convert::ToProto(r.at, x->mutable_at());
                   x->set_actor(r.actor);
                   x->set_action(r.action);
                   x->set_object(r.object);
                   x->set_before_json(r.before_json.value_or(""));
                   x->set_after_json(r.after_json.value_or(""));
                   x->set_hash(r.hash);
                 }
                 resp->set_next_after_id(last);
                 return absl::OkStatus();
               });
}

}  // namespace paraat::service
