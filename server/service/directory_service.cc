// SPDX-License-Identifier: EUPL-1.2
#include "server/service/directory_service.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"
#include "proto/convert/convert.h"

namespace paraat::service {

using convert::FromProto;
using convert::ToProto;

using directory::Municipality;
using directory::Person;
using directory::Pool;
using directory::Principal;

grpc::Status DirectoryServiceImpl::ListMunicipalities(grpc::ServerContext* ctx,
                                                      const v1::ListMunicipalitiesRequest* req,
                                                      v1::ListMunicipalitiesResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, ListMunicipalities),
               [&](const Principal&) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Municipality> list,
                                         store_->ListMunicipalities(req->include_inactive()));
                 for (const Municipality& m : list) ToProto(m, resp->add_municipalities());
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::GetMunicipality(grpc::ServerContext* ctx,
                                                   const v1::GetMunicipalityRequest* req,
                                                   v1::Municipality* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, GetMunicipality),
               [&](const Principal&) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->key(), "key"));
                 PARAAT_ASSIGN_OR_RETURN(Municipality m, store_->GetMunicipality(req->key()));
                 ToProto(m, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::CreateMunicipality(grpc::ServerContext* ctx,
                                                      const v1::CreateMunicipalityRequest* req,
                                                      v1::Municipality* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, CreateMunicipality),
               [&](const Principal& p) -> absl::Status {
                 Municipality m = FromProto(req->municipality());
                 m.active = true;  // records are created active
                 PARAAT_RETURN_IF_ERROR(directory::Validate(m));
                 PARAAT_ASSIGN_OR_RETURN(Municipality created,
                                         store_->CreateMunicipality(p.actor(), m));
                 ToProto(created, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::UpdateMunicipality(grpc::ServerContext* ctx,
                                                      const v1::UpdateMunicipalityRequest* req,
                                                      v1::Municipality* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, UpdateMunicipality),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->key(), "key"));
                 PARAAT_ASSIGN_OR_RETURN(
                     Municipality m,
                     store_->UpdateMunicipality(p.actor(), req->key(), [&](Municipality& m) {
                       if (req->has_name()) m.name = req->name();
                       if (req->has_region()) m.region = req->region();
                       if (req->has_active()) m.active = req->active();
                       return directory::Validate(m);
                     }));
                 ToProto(m, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::ListPeople(grpc::ServerContext* ctx,
                                              const v1::ListPeopleRequest* req,
                                              v1::ListPeopleResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, ListPeople),
               [&](const Principal&) -> absl::Status {
                 storage::PeopleFilter f;
                 f.municipality = req->municipality();
                 f.qualification = req->qualification();
                 f.include_inactive = req->include_inactive();
                 if (!f.municipality.empty()) {
                   PARAAT_RETURN_IF_ERROR(directory::ValidateKey(f.municipality, "municipality"));
                   PARAAT_RETURN_IF_ERROR(store_->GetMunicipality(f.municipality).status());
                 }
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Person> list, store_->ListPeople(f));
                 for (const Person& person : list) ToProto(person, resp->add_people());
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::GetPerson(grpc::ServerContext* ctx,
                                             const v1::GetPersonRequest* req, v1::Person* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, GetPerson),
               [&](const Principal&) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->key(), "key"));
                 PARAAT_ASSIGN_OR_RETURN(Person person, store_->GetPerson(req->key()));
                 ToProto(person, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::CreatePerson(grpc::ServerContext* ctx,
                                                const v1::CreatePersonRequest* req,
                                                v1::Person* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, CreatePerson),
               [&](const Principal& p) -> absl::Status {
                 Person person = FromProto(req->person());
                 person.active = true;
                 PARAAT_RETURN_IF_ERROR(directory::Validate(person));
                 PARAAT_RETURN_IF_ERROR(
                     directory::RequireMunicipality(p, person.municipality, "adding a person"));
                 PARAAT_ASSIGN_OR_RETURN(directory::Municipality m,
                                         store_->GetMunicipality(person.municipality));
                 PARAAT_RETURN_IF_ERROR(directory::RequireActive(m));
                 PARAAT_ASSIGN_OR_RETURN(Person created, store_->CreatePerson(p.actor(), person));
                 ToProto(created, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::UpdatePerson(grpc::ServerContext* ctx,
                                                const v1::UpdatePersonRequest* req,
                                                v1::Person* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, UpdatePerson),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->key(), "key"));
                 // Moving someone is into a municipality in use (staying in one taken out of
                 // use is not a move).
                 std::optional<directory::Municipality> into;
                 if (req->has_municipality()) {
                   PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->municipality(), "municipality"));
                   PARAAT_ASSIGN_OR_RETURN(into, store_->GetMunicipality(req->municipality()));
                 }
                 PARAAT_ASSIGN_OR_RETURN(
                     Person person,
                     store_->UpdatePerson(p.actor(), req->key(), [&](Person& x) -> absl::Status {
                       PARAAT_RETURN_IF_ERROR(
                           directory::RequireMunicipality(p, x.municipality, "changing a person"));
                       if (req->has_name()) x.name = req->name();
                       if (req->has_municipality() && x.municipality != req->municipality()) {
                         PARAAT_RETURN_IF_ERROR(directory::RequireActive(*into));
                         x.municipality = req->municipality();
                       }
                       if (req->has_phone()) x.phone = req->phone();
                       if (req->has_email()) x.email = req->email();
                       if (req->set_qualifications()) {
                         x.qualifications.assign(req->qualifications().begin(),
                                                 req->qualifications().end());
                       }
                       if (req->has_active()) x.active = req->active();
                       PARAAT_RETURN_IF_ERROR(directory::Validate(x));
                       return directory::RequireMunicipality(p, x.municipality, "changing a person");
                     }));
                 ToProto(person, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::ListPools(grpc::ServerContext* ctx,
                                             const v1::ListPoolsRequest* req,
                                             v1::ListPoolsResponse* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, ListPools),
               [&](const Principal&) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(std::vector<Pool> list,
                                         store_->ListPools(req->include_inactive()));
                 for (const Pool& pool : list) ToProto(pool, resp->add_pools());
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::GetPool(grpc::ServerContext* ctx, const v1::GetPoolRequest* req,
                                           v1::Pool* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, GetPool),
               [&](const Principal&) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->key(), "key"));
                 PARAAT_ASSIGN_OR_RETURN(Pool pool, store_->GetPool(req->key()));
                 ToProto(pool, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::CreatePool(grpc::ServerContext* ctx,
                                              const v1::CreatePoolRequest* req, v1::Pool* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, CreatePool),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_ASSIGN_OR_RETURN(Pool pool, FromProto(req->pool()));
                 pool.active = true;
                 pool.members.clear();  // members join through AddPoolMember
                 PARAAT_RETURN_IF_ERROR(directory::Validate(pool));
                 PARAAT_ASSIGN_OR_RETURN(Pool created, store_->CreatePool(p.actor(), pool));
                 ToProto(created, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::UpdatePool(grpc::ServerContext* ctx,
                                              const v1::UpdatePoolRequest* req, v1::Pool* resp) {
  return Serve(
      sc_, ctx, PARAAT_METHOD(DirectoryService, UpdatePool), [&](const Principal& p) -> absl::Status {
        PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->key(), "key"));
        std::optional<int> handover;
        if (req->has_handover_time()) {
          PARAAT_ASSIGN_OR_RETURN(handover,
                                  time::ParseTimeOfDay(req->handover_time(), "handover_time"));
        }
        PARAAT_ASSIGN_OR_RETURN(
            Pool pool, store_->UpdatePool(p.actor(), req->key(), [&](Pool& x) {
              if (req->has_name()) x.name = req->name();
              if (req->has_time_zone()) x.time_zone = req->time_zone();
              if (req->has_handover_weekday()) x.handover_weekday = req->handover_weekday();
              if (handover.has_value()) x.handover_minute = *handover;
              if (req->has_shift_days()) x.shift_days = req->shift_days();
              if (req->has_arrival_norm_minutes()) x.arrival_norm_minutes = req->arrival_norm_minutes();
              if (req->has_min_rest_shifts()) x.min_rest_shifts = req->min_rest_shifts();
              if (req->has_auto_approve_swaps()) x.auto_approve_swaps = req->auto_approve_swaps();
              if (req->has_active()) x.active = req->active();
              return directory::Validate(x);
            }));
        ToProto(pool, resp);
        return absl::OkStatus();
      });
}

grpc::Status DirectoryServiceImpl::AddPoolMember(grpc::ServerContext* ctx,
                                                 const v1::PoolMemberRequest* req, v1::Pool* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, AddPoolMember),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->pool(), "pool"));
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->person(), "person"));
                 PARAAT_ASSIGN_OR_RETURN(
                     Pool pool, store_->AddPoolMember(p.actor(), req->pool(), req->person(), directory::CheckCanJoin));
                 ToProto(pool, resp);
                 return absl::OkStatus();
               });
}

grpc::Status DirectoryServiceImpl::RemovePoolMember(grpc::ServerContext* ctx,
                                                    const v1::PoolMemberRequest* req,
                                                    v1::Pool* resp) {
  return Serve(sc_, ctx, PARAAT_METHOD(DirectoryService, RemovePoolMember),
               [&](const Principal& p) -> absl::Status {
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->pool(), "pool"));
                 PARAAT_RETURN_IF_ERROR(directory::ValidateKey(req->person(), "person"));
                 PARAAT_ASSIGN_OR_RETURN(
                     Pool pool, store_->RemovePoolMember(p.actor(), req->pool(), req->person()));
                 ToProto(pool, resp);
                 return absl::OkStatus();
               });
}

}  // namespace paraat::service
