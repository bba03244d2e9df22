// SPDX-License-Identifier: EUPL-1.2
#include "common/roster/roster_json.h"

#include "common/time/civil.h"

namespace paraat::roster {

json::Value ToJson(const Interval& i) {
  json::Value v;
  v.Set("start", time::FormatUtc(i.start));
  v.Set("end", time::FormatUtc(i.end));
  return v;
}

json::Value ToJson(const RosterShift& s) {
  json::Value v;
  v.Set("id", s.id);
  v.Set("pool", s.pool);
  v.Set("person", s.person);
  v.Set("interval", ToJson(s.interval));
  v.Set("published", s.published);
  return v;
}

json::Value ToJson(const Swap& s) {
  json::Value v;
  v.Set("id", s.id);
  v.Set("pool", s.pool);
  v.Set("shift_id", s.shift_id);
  v.Set("giver", s.giver);
  v.Set("taker", s.taker);
  v.Set("interval", ToJson(s.interval));
  if (s.return_shift_id != 0) {
    v.Set("return_shift_id", s.return_shift_id);
    v.Set("return_interval", ToJson(s.return_interval));
  }
  v.Set("status", std::string(SwapStatusName(s.status)));
  v.Set("requested_by", s.requested_by);
  if (!s.decided_by.empty()) v.Set("decided_by", s.decided_by);
  if (!s.reason.empty()) v.Set("reason", s.reason);
  return v;
}

json::Value ToJson(const Override& o) {
  json::Value v;
  v.Set("id", o.id);
  v.Set("pool", o.pool);
  v.Set("person", o.person);
  v.Set("interval", ToJson(o.interval));
  if (!o.reason.empty()) v.Set("reason", o.reason);
  return v;
}

json::Value ToJson(const Leave& l) {
  json::Value v;
  v.Set("id", l.id);
  v.Set("person", l.person);
  v.Set("interval", ToJson(l.interval));
  if (!l.reason.empty()) v.Set("reason", l.reason);
  return v;
}

json::Value ToJson(const DutySlice& d) {
  json::Value v;
  v.Set("pool", d.pool);
  v.Set("person", d.person);
  v.Set("interval", ToJson(d.interval));
  v.Set("source", std::string(SourceName(d.source)));
  v.Set("source_id", d.source_id);
  if (d.shift_id != 0) v.Set("shift_id", d.shift_id);
  v.Set("published", d.published);
  if (!d.rostered.empty()) v.Set("rostered", d.rostered);
  return v;
}

}  // namespace paraat::roster
