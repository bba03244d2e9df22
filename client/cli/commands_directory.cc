// SPDX-License-Identifier: EUPL-1.2
// paraat municipalities, people and pools.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli/cli.h"
#include "common/directory/directory_json.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

using directory::Municipality;
using directory::Person;
using directory::Pool;

constexpr const char* kWeekdays[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

template <typename T>
void PrintJsonList(Context& ctx, const std::vector<T>& list) {
  json::Value arr = json::Value::MakeArray();
  for (const auto& x : list) arr.Append(directory::ToJson(x));
  ctx.PrintJson(arr);
}

absl::Status MunicipalitiesList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<Municipality> list,
                          ctx.client().ListMunicipalities(ctx.Has("all")));
  if (ctx.json()) {
    PrintJsonList(ctx, list);
    return absl::OkStatus();
  }
  Table t({"KEY", "NAME", "REGION", "ACTIVE"});
  for (const auto& m : list) t.Add({m.key, m.name, m.region, YesNo(m.active)});
  t.Print(ctx.out());
  return absl::OkStatus();
}

void PrintMunicipality(Context& ctx, const Municipality& m) {
  if (ctx.json()) {
    ctx.PrintJson(directory::ToJson(m));
    return;
  }
  ctx.out() << m.name << " (" << m.key << ")\n  region: " << m.region
            << "\n  active: " << YesNo(m.active) << "\n";
}

absl::Status MunicipalitiesShow(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(Municipality m, ctx.client().GetMunicipality(ctx.args()[0]));
  PrintMunicipality(ctx, m);
  return absl::OkStatus();
}

absl::Status MunicipalitiesCreate(Context& ctx) {
  Municipality m;
  m.key = ctx.args()[0];
  PARAAT_ASSIGN_OR_RETURN(m.name, ctx.Require("name"));
  m.region = ctx.GetOr("region", "");
  PARAAT_ASSIGN_OR_RETURN(Municipality created, ctx.client().CreateMunicipality(m));
  PrintMunicipality(ctx, created);
  return absl::OkStatus();
}

absl::Status MunicipalitiesUpdate(Context& ctx) {
  client::MunicipalityUpdate u;
  u.name = ctx.Get("name");
  u.region = ctx.Get("region");
  PARAAT_ASSIGN_OR_RETURN(u.active, ctx.GetBool("active"));
  PARAAT_ASSIGN_OR_RETURN(Municipality m, ctx.client().UpdateMunicipality(ctx.args()[0], u));
  PrintMunicipality(ctx, m);
  return absl::OkStatus();
}

absl::Status MunicipalitiesDeactivate(Context& ctx) {
  client::MunicipalityUpdate u;
  u.active = false;
  PARAAT_ASSIGN_OR_RETURN(Municipality m, ctx.client().UpdateMunicipality(ctx.args()[0], u));
  PrintMunicipality(ctx, m);
  return absl::OkStatus();
}

absl::Status PeopleList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(
      std::vector<Person> list,
      ctx.client().ListPeople(ctx.GetOr("municipality", ""), ctx.GetOr("qualification", ""),
                              ctx.Has("all")));
  if (ctx.json()) {
    PrintJsonList(ctx, list);
    return absl::OkStatus();
  }
  Table t({"KEY", "NAME", "MUNICIPALITY", "PHONE", "E-MAIL", "QUALIFICATIONS", "ACTIVE"});
  for (const auto& p : list) {
    t.Add({p.key, p.name, p.municipality, p.phone, p.email, absl::StrJoin(p.qualifications, ","),
           YesNo(p.active)});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

void PrintPerson(Context& ctx, const Person& p) {
  if (ctx.json()) {
    ctx.PrintJson(directory::ToJson(p));
    return;
  }
  ctx.out() << p.name << " (" << p.key << ")\n  municipality:   " << p.municipality
            << "\n  phone:          " << p.phone << "\n  e-mail:         " << p.email
            << "\n  qualifications: " << absl::StrJoin(p.qualifications, ", ")
            << "\n  active:         " << YesNo(p.active) << "\n";
}

absl::Status PeopleShow(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(Person p, ctx.client().GetPerson(ctx.args()[0]));
  PrintPerson(ctx, p);
  return absl::OkStatus();
}

absl::Status PeopleCreate(Context& ctx) {
  Person p;
  p.key = ctx.args()[0];
  PARAAT_ASSIGN_OR_RETURN(p.name, ctx.Require("name"));
  PARAAT_ASSIGN_OR_RETURN(p.municipality, ctx.Require("municipality"));
  p.phone = ctx.GetOr("phone", "");
  p.email = ctx.GetOr("email", "");
  p.qualifications = ctx.GetList("qualification");
  PARAAT_ASSIGN_OR_RETURN(Person created, ctx.client().CreatePerson(p));
  PrintPerson(ctx, created);
  return absl::OkStatus();
}

// Their duties stay on the roster when someone may no longer serve (removed from a pool,
// deactivated, a qualification taken away): names those still ahead, so none is left to
// chance. `pool` "" for every pool. A courtesy: the change stands whatever this finds.
void NoteDutiesStillHeld(Context& ctx, const std::string& pool, const std::string& person) {
  absl::StatusOr<client::ScheduleView> ahead = ctx.client().FindGaps(pool, 365);
  if (!ahead.ok()) return;
  std::vector<const client::ClashView*> theirs;
  for (const client::ClashView& c : ahead->clashes) {
    if (c.clash.kind == roster::ClashKind::kNotEligible && c.person.key == person) {
      theirs.push_back(&c);
    }
  }
  if (theirs.empty()) return;
  std::ostream& note = ctx.json() ? ctx.err() : ctx.out();
  note << person << " still holds " << theirs.size() << (theirs.size() == 1 ? " duty" : " duties")
       << (pool.empty() ? std::string() : absl::StrCat(" in ", pool))
       << " in the coming year; arrange a swap or an override for each:\n";
  for (const client::ClashView* c : theirs) note << "  " << ClashText(*c, ahead->until) << "\n";
}

absl::Status PeopleUpdate(Context& ctx) {
  client::PersonUpdate u;
  u.name = ctx.Get("name");
  u.municipality = ctx.Get("municipality");
  u.phone = ctx.Get("phone");
  u.email = ctx.Get("email");
  if (ctx.Has("qualification")) u.qualifications = ctx.GetList("qualification");
  PARAAT_ASSIGN_OR_RETURN(u.active, ctx.GetBool("active"));
  PARAAT_ASSIGN_OR_RETURN(Person p, ctx.client().UpdatePerson(ctx.args()[0], u));
  PrintPerson(ctx, p);
  if (u.qualifications.has_value() || (u.active.has_value() && !*u.active)) {
    NoteDutiesStillHeld(ctx, "", p.key);
  }
  return absl::OkStatus();
}

absl::Status PeopleDeactivate(Context& ctx) {
  client::PersonUpdate u;
  u.active = false;
  PARAAT_ASSIGN_OR_RETURN(Person p, ctx.client().UpdatePerson(ctx.args()[0], u));
  PrintPerson(ctx, p);
  NoteDutiesStillHeld(ctx, "", p.key);
  return absl::OkStatus();
}

std::string Handover(const Pool& p) {
  const int d = p.handover_weekday >= 1 && p.handover_weekday <= 7 ? p.handover_weekday : 0;
  return absl::StrCat(kWeekdays[d], " ", time::FormatTimeOfDay(p.handover_minute));
}

absl::Status PoolsList(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<Pool> list, ctx.client().ListPools(ctx.Has("all")));
  if (ctx.json()) {
    PrintJsonList(ctx, list);
    return absl::OkStatus();
  }
  Table t({"KEY", "NAME", "QUALIFICATION", "HANDOVER", "ZONE", "SHIFT", "ARRIVAL", "MEMBERS"});
  for (const auto& p : list) {
    t.Add({p.key, p.name, p.qualification, Handover(p), p.time_zone,
           absl::StrCat(p.shift_days, " d"), absl::StrCat(p.arrival_norm_minutes, " min"),
           absl::StrCat(p.members.size())});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

void PrintPool(Context& ctx, const Pool& p) {
  if (ctx.json()) {
    ctx.PrintJson(directory::ToJson(p));
    return;
  }
  ctx.out() << p.name << " (" << p.key << ")\n  qualification:  " << p.qualification
            << "\n  handover:       " << Handover(p) << " " << p.time_zone
            << "\n  shift length:   " << p.shift_days << " days"
            << "\n  arrival norm:   " << p.arrival_norm_minutes << " minutes"
            << "\n  rest:           at least " << p.min_rest_shifts << " free shift(s) between duties"
            << "\n  swaps:          " << (p.auto_approve_swaps ? "approved automatically" : "need an administrator")
            << "\n  active:         " << YesNo(p.active)
            << "\n  members:        " << absl::StrJoin(p.members, ", ") << "\n";
}

absl::Status PoolsShow(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(Pool p, ctx.client().GetPool(ctx.args()[0]));
  PrintPool(ctx, p);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<int>> Weekday(Context& ctx) {
  std::optional<std::string> v = ctx.Get("handover-weekday");
  if (!v.has_value()) return std::optional<int>();
  static constexpr const char* kDutch[] = {"",        "maandag",  "dinsdag", "woensdag",
                                           "donderdag", "vrijdag", "zaterdag", "zondag"};
  for (int d = 1; d <= 7; ++d) {
    for (absl::string_view name : {absl::string_view(kWeekdays[d]), absl::string_view(kDutch[d])}) {
      if (absl::EqualsIgnoreCase(*v, name) || absl::EqualsIgnoreCase(*v, name.substr(0, 2)) ||
          absl::EqualsIgnoreCase(*v, name.substr(0, 3))) {
        return std::optional<int>(d);
      }
    }
    if (*v == absl::StrCat(d)) return std::optional<int>(d);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--handover-weekday '", *v,
      "' is not a weekday (Monday..Sunday, maandag..zondag, or 1..7)"));
}

absl::Status PoolsCreate(Context& ctx) {
  Pool p;
  p.key = ctx.args()[0];
  PARAAT_ASSIGN_OR_RETURN(p.name, ctx.Require("name"));
  p.qualification = ctx.GetOr("qualification", "ovd-bz");
  p.time_zone = ctx.GetOr("time-zone", std::string(time::kDefaultZone));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> wd, Weekday(ctx));
  if (wd) p.handover_weekday = *wd;
  if (auto t = ctx.Get("handover-time")) {
    PARAAT_ASSIGN_OR_RETURN(p.handover_minute, time::ParseTimeOfDay(*t, "--handover-time"));
  }
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> days, ctx.GetInt("shift-days"));
  if (days) p.shift_days = *days;
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> norm, ctx.GetInt("arrival-norm"));
  if (norm) p.arrival_norm_minutes = *norm;
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> rest, ctx.GetInt("min-rest-shifts"));
  if (rest) p.min_rest_shifts = *rest;
  PARAAT_ASSIGN_OR_RETURN(std::optional<bool> autoswap, ctx.GetBool("auto-approve-swaps"));
  if (autoswap) p.auto_approve_swaps = *autoswap;
  PARAAT_ASSIGN_OR_RETURN(Pool created, ctx.client().CreatePool(p));
  PrintPool(ctx, created);
  return absl::OkStatus();
}

absl::Status PoolsUpdate(Context& ctx) {
  client::PoolUpdate u;
  u.name = ctx.Get("name");
  u.time_zone = ctx.Get("time-zone");
  u.handover_time = ctx.Get("handover-time");
  PARAAT_ASSIGN_OR_RETURN(u.handover_weekday, Weekday(ctx));
  PARAAT_ASSIGN_OR_RETURN(u.shift_days, ctx.GetInt("shift-days"));
  PARAAT_ASSIGN_OR_RETURN(u.arrival_norm_minutes, ctx.GetInt("arrival-norm"));
  PARAAT_ASSIGN_OR_RETURN(u.min_rest_shifts, ctx.GetInt("min-rest-shifts"));
  PARAAT_ASSIGN_OR_RETURN(u.auto_approve_swaps, ctx.GetBool("auto-approve-swaps"));
  PARAAT_ASSIGN_OR_RETURN(u.active, ctx.GetBool("active"));
  PARAAT_ASSIGN_OR_RETURN(Pool p, ctx.client().UpdatePool(ctx.args()[0], u));
  PrintPool(ctx, p);
  return absl::OkStatus();
}

absl::Status PoolsDeactivate(Context& ctx) {
  client::PoolUpdate u;
  u.active = false;
  PARAAT_ASSIGN_OR_RETURN(Pool p, ctx.client().UpdatePool(ctx.args()[0], u));
  PrintPool(ctx, p);
  return absl::OkStatus();
}

absl::Status PoolsAddMember(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(Pool p, ctx.client().AddPoolMember(ctx.args()[0], ctx.args()[1]));
  PrintPool(ctx, p);
  return absl::OkStatus();
}

absl::Status PoolsRemoveMember(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(Pool p, ctx.client().RemovePoolMember(ctx.args()[0], ctx.args()[1]));
  PrintPool(ctx, p);
  NoteDutiesStillHeld(ctx, p.key, ctx.args()[1]);
  return absl::OkStatus();
}

}  // namespace

void AddDirectoryCommands(std::vector<CommandSpec>& c) {
  const FlagSpec all{"all", "", "include deactivated records"};
  c.push_back({"municipalities", "", "list the municipalities", {all}, 0, 0, MunicipalitiesList});
  c.push_back({"municipalities list", "", "list the municipalities", {all}, 0, 0, MunicipalitiesList});
  c.push_back({"municipalities show", "KEY", "show one municipality", {}, 1, 1, MunicipalitiesShow});
  c.push_back({"municipalities create", "KEY", "add a municipality (regional administrators)",
               {{"name", "NAME", "display name"}, {"region", "KEY", "safety region key, e.g. vrgz"}},
               1, 1, MunicipalitiesCreate});
  c.push_back({"municipalities update", "KEY", "change a municipality",
               {{"name", "NAME", "display name"}, {"region", "KEY", "safety region key"},
                {"active", "yes|no", "deactivate or reactivate"}},
               1, 1, MunicipalitiesUpdate});
  c.push_back({"municipalities deactivate", "KEY", "deactivate a municipality (kept in history)", {},
               1, 1, MunicipalitiesDeactivate});

  const std::vector<FlagSpec> person_flags = {
      {"name", "NAME", "full name"},
      {"municipality", "KEY", "municipality the person works for"},
      {"phone", "NUMBER", "phone number, e.g. +31 6 12345678"},
      {"email", "ADDRESS", "e-mail address"},
      {"qualification", "Q", "a qualification such as ovd-bz", true},
  };
  const std::vector<FlagSpec> list_people = {
      all, {"municipality", "KEY", "only this municipality"}, {"qualification", "Q", "only people with it"}};
  c.push_back({"people", "", "list people", list_people, 0, 0, PeopleList});
  c.push_back({"people list", "", "list people", list_people, 0, 0, PeopleList});
  c.push_back({"people show", "KEY", "show one person", {}, 1, 1, PeopleShow});
  c.push_back({"people create", "KEY", "add a person (administrators of their municipality)",
               person_flags, 1, 1, PeopleCreate});
  std::vector<FlagSpec> person_update = person_flags;
  person_update.push_back({"active", "yes|no", "deactivate or reactivate"});
  c.push_back({"people update", "KEY", "change a person (--qualification replaces the list)",
               person_update, 1, 1, PeopleUpdate});
  c.push_back({"people deactivate", "KEY", "deactivate a person (kept in history)", {}, 1, 1,
               PeopleDeactivate});

  const std::vector<FlagSpec> pool_flags = {
      {"name", "NAME", "display name"},
      {"time-zone", "ZONE", "IANA time zone (default Europe/Amsterdam)"},
      {"handover-weekday", "DAY", "weekday of the handover (default Monday)"},
      {"handover-time", "HH:MM", "local time of the handover (default 09:00)"},
      {"shift-days", "N", "length of a duty in days (default 7)"},
      {"arrival-norm", "MINUTES", "arrival norm in minutes (default 30)"},
      {"min-rest-shifts", "N", "free shifts at least between two duties (default 1)"},
      {"auto-approve-swaps", "yes|no", "approve accepted swaps without an administrator"},
  };
  c.push_back({"pools", "", "list the piket pools", {all}, 0, 0, PoolsList});
  c.push_back({"pools list", "", "list the piket pools", {all}, 0, 0, PoolsList});
  c.push_back({"pools show", "KEY", "show one pool with its members", {}, 1, 1, PoolsShow});
  std::vector<FlagSpec> pool_create = pool_flags;
  pool_create.push_back({"qualification", "Q", "qualification members need (default ovd-bz)"});
  c.push_back({"pools create", "KEY", "add a pool (regional administrators)", pool_create, 1, 1,
               PoolsCreate});
  std::vector<FlagSpec> pool_update = pool_flags;
  pool_update.push_back({"active", "yes|no", "deactivate or reactivate"});
  c.push_back({"pools update", "KEY", "change a pool's settings (applies to future rosters)",
               pool_update, 1, 1, PoolsUpdate});
  c.push_back({"pools deactivate", "KEY", "deactivate a pool (kept in history)", {}, 1, 1,
               PoolsDeactivate});
  c.push_back({"pools add-member", "POOL PERSON", "add a qualified person to a pool", {}, 2, 2,
               PoolsAddMember});
  c.push_back({"pools remove-member", "POOL PERSON", "end a membership (kept in history)", {}, 2, 2,
               PoolsRemoveMember});
}

}  // namespace paraat::cli
