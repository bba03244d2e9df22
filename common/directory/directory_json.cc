// SPDX-License-Identifier: EUPL-1.2
#include "common/directory/directory_json.h"

#include "common/time/civil.h"

namespace paraat::directory {

namespace {
json::Value Strings(const std::vector<std::string>& v) {
  json::Value a = json::Value::MakeArray();
  for (const std::string& s : v) a.Append(s);
  return a;
}
}  // namespace

json::Value ToJson(const Municipality& m) {
  json::Value v;
  v.Set("key", m.key);
  v.Set("name", m.name);
  v.Set("region", m.region);
  v.Set("active", m.active);
  return v;
}

json::Value ToJson(const Person& p) {
  json::Value v;
  v.Set("key", p.key);
  v.Set("name", p.name);
  v.Set("municipality", p.municipality);
  v.Set("phone", p.phone);
  v.Set("email", p.email);
  v.Set("qualifications", Strings(p.qualifications));
  v.Set("active", p.active);
  return v;
}

json::Value ToJson(const Pool& p) {
  json::Value v;
  v.Set("key", p.key);
  v.Set("name", p.name);
  v.Set("qualification", p.qualification);
  v.Set("time_zone", p.time_zone);
  v.Set("handover_weekday", p.handover_weekday);
  v.Set("handover_time", time::FormatTimeOfDay(p.handover_minute));
  v.Set("shift_days", p.shift_days);
  v.Set("arrival_norm_minutes", p.arrival_norm_minutes);
  v.Set("min_rest_shifts", p.min_rest_shifts);
  v.Set("auto_approve_swaps", p.auto_approve_swaps);
  v.Set("members", Strings(p.members));
  v.Set("active", p.active);
  return v;
}

json::Value ToJson(const Account& a) {
  json::Value v;
  v.Set("username", a.username);
  v.Set("person", a.person);
  v.Set("role", std::string(RoleName(a.role)));
  v.Set("scope", a.scope.empty() ? std::string("region") : a.scope);
  v.Set("active", a.active);
  return v;
}

}  // namespace paraat::directory
