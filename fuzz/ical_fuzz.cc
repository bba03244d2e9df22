// SPDX-License-Identifier: EUPL-1.2
// The iCalendar writer (common/ical): calendars with arbitrary strings in the product id,
// name, uids, summaries, descriptions, locations and categories, in time zones with unusual
// rules, with times from year 1 to 9999 and around DST changes.
//
// WriteCalendar either refuses with INVALID_ARGUMENT and a message, or writes text that a
// strict RFC 5545 reader (fuzz/support/ical_check.h) accepts: CRLF, lines of at most 75
// octets, folds on UTF-8 boundaries, escaped TEXT, valid DATE-TIME and UTC-OFFSET values,
// matched components. Reading it back gives what was asked for: every text (line breaks as
// \n), every category, uid and sequence, and every start and end instant, resolved the way a
// calendar client resolves it, from the VTIMEZONE the writer put in the file.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/ical/ical_writer.h"
#include "fuzz/support/check.h"
#include "fuzz/support/ical_check.h"

namespace paraat::ical {
namespace {

using fuzz::Check;

std::string Text(FuzzedDataProvider& in, size_t max) {
  switch (in.ConsumeIntegralInRange<int>(0, 5)) {
    case 0: return "";
    case 1: return "Piket OvD-Bz West: Anouk Jansen (+31 6 1000 0101), overdracht 09:00; bel 112";
    default: return in.ConsumeRandomLengthString(max);
  }
}

absl::Time Instant(FuzzedDataProvider& in) {
  static constexpr int64_t kBases[] = {
      1795000000,     // 2026-11-17
      1806195600,     // 2027-03-28 01:00 UTC: Amsterdam springs forward
      1824944400,     // 2027-10-31 01:00 UTC: Amsterdam falls back
      -62135596800,   // 0001-01-01T00:00:00Z
      253402300799,   // 9999-12-31T23:59:59Z
      0,
  };
  int64_t s = kBases[in.ConsumeIntegralInRange<size_t>(0, sizeof(kBases) / sizeof(kBases[0]) - 1)];
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: s += in.ConsumeIntegralInRange<int64_t>(-4 * 86400, 4 * 86400); break;
    case 1: s += in.ConsumeIntegralInRange<int64_t>(-800, 800) * 3600; break;
    case 2: s += in.ConsumeIntegralInRange<int64_t>(-50, 50) * 900; break;
    default: s = in.ConsumeIntegral<int64_t>(); break;
  }
  absl::Time t = absl::FromUnixSeconds(s);
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) t += absl::Milliseconds(500);
  if (in.ConsumeIntegralInRange<int>(0, 31) == 0) t = absl::InfiniteFuture();
  return t;
}

std::string Normalized(const std::string& s) {
  return absl::StrReplaceAll(absl::StrReplaceAll(s, {{"\r\n", "\n"}}), {{"\r", "\n"}});
}

// RFC 5545 DATE-TIME in UTC: the year always has four digits (absl's %Y gives "1" for 0001).
std::string UtcValue(absl::Time t) {
  const absl::CivilSecond c = absl::ToCivilSecond(t, absl::UTCTimeZone());
  return absl::StrFormat("%04d%02d%02dT%02d%02d%02dZ", c.year(), c.month(), c.day(), c.hour(),
                         c.minute(), c.second());
}

absl::CivilSecond ParseCivil(absl::string_view v) {
  auto num = [&](size_t at, size_t len) {
    int n = 0;
    for (size_t i = at; i < at + len; ++i) n = n * 10 + (v[i] - '0');
    return n;
  };
  return absl::CivilSecond(num(0, 4), num(4, 2), num(6, 2), num(9, 2), num(11, 2), num(13, 2));
}

int OffsetSeconds(absl::string_view v) {
  auto num = [&](size_t at) { return (v[at] - '0') * 10 + (v[at + 1] - '0'); };
  int s = num(1) * 3600 + num(3) * 60 + (v.size() == 7 ? num(5) : 0);
  return v[0] == '-' ? -s : s;
}

struct Onset {
  absl::CivilSecond local;  // in the offset before the change
  int offset_to = 0;
};

// A local DTSTART/DTEND resolved as a client resolves it from the VTIMEZONE: the offset of
// the latest observance that began at or before the wall time.
absl::Time ResolveFromVtimezone(absl::string_view value, const std::vector<Onset>& onsets,
                                const std::string& what) {
  const absl::CivilSecond local = ParseCivil(value);
  const Onset* in_effect = nullptr;
  for (const Onset& o : onsets) {
    if (o.local <= local && (in_effect == nullptr || o.local >= in_effect->local)) in_effect = &o;
  }
  Check(in_effect != nullptr, absl::StrCat(what, " ", value, " is before every observance of the VTIMEZONE"));
  return absl::FromCivil(local, absl::UTCTimeZone()) - absl::Seconds(in_effect->offset_to);
}

void CheckText(const fuzz::IcsComponent& c, const char* name, const std::string& want,
               const std::string& where) {
  const fuzz::IcsProperty* p = c.Find(name);
  if (want.empty()) {
    Check(p == nullptr, absl::StrCat(where, ": ", name, " written for an empty value"));
    return;
  }
  Check(p != nullptr, absl::StrCat(where, ": ", name, " missing"));
  absl::StatusOr<std::string> got = fuzz::UnescapeText(p->value);
  Check(got.ok(), absl::StrCat(where, ": ", name, " is not valid TEXT"), got.status().ToString());
  Check(*got == Normalized(want), absl::StrCat(where, ": ", name, " reads back differently"),
        absl::StrCat("wrote ", want, "\nread ", *got));
}

void FuzzOne(FuzzedDataProvider& in) {
  static const char* const kZones[] = {
      "Europe/Amsterdam", "UTC",         "America/New_York", "Asia/Kolkata",
      "Pacific/Chatham",  "Australia/Lord_Howe", "Africa/Casablanca", "Europe/Dublin",
      "America/St_Johns", "Antarctica/Troll",    "Pacific/Kiritimati", "Etc/GMT+12",
  };
  Calendar cal;
  cal.product_id = in.ConsumeBool() ? "-//Paraat//Paraat 0.1//NL" : Text(in, 100);
  cal.name = Text(in, 120);
  const int z = in.ConsumeIntegralInRange<int>(0, 12);
  cal.time_zone = z < 12 ? kZones[z] : in.ConsumeRandomLengthString(40);
  if (in.ConsumeBool()) cal.refresh_interval = absl::Seconds(in.ConsumeIntegralInRange<int64_t>(-10, 200000));
  const int events = in.ConsumeIntegralInRange<int>(0, 4);
  for (int i = 0; i < events; ++i) {
    Event e;
    e.uid = in.ConsumeBool() ? absl::StrCat("shift-", i, "@paraat") : Text(in, 90);
    e.sequence = in.ConsumeIntegralInRange<int>(-1, 1000000);
    e.start = Instant(in);
    e.end = in.ConsumeBool() ? e.start + absl::Seconds(in.ConsumeIntegralInRange<int64_t>(-3600, 400 * 86400))
                             : Instant(in);
    e.stamp = in.ConsumeBool() ? absl::FromUnixSeconds(1795000000) : Instant(in);
    if (in.ConsumeBool()) e.last_modified = Instant(in);
    e.summary = Text(in, 200);
    e.description = Text(in, 400);
    e.location = Text(in, 60);
    const int cats = in.ConsumeIntegralInRange<int>(0, 3);
    for (int k = 0; k < cats; ++k) e.categories.push_back(in.ConsumeBool() ? "piket" : Text(in, 30));
    e.cancelled = in.ConsumeBool();
    cal.events.push_back(std::move(e));
  }

  absl::StatusOr<std::string> ics = WriteCalendar(cal);
  if (!ics.ok()) {
    fuzz::CheckRefusal(ics.status(), {absl::StatusCode::kInvalidArgument}, "WriteCalendar");
    return;
  }
  absl::StatusOr<std::string> again = WriteCalendar(cal);
  Check(again.ok() && *again == *ics, "the same calendar gave other bytes");
  absl::StatusOr<fuzz::IcsComponent> root = fuzz::ParseIcsStrictly(*ics);
  Check(root.ok(), "WriteCalendar wrote invalid iCalendar", absl::StrCat(root.status().ToString(), "\n", *ics));
  Check(root->name == "VCALENDAR", "not a VCALENDAR");
  const fuzz::IcsProperty* version = root->Find("VERSION");
  Check(version != nullptr && version->value == "2.0", "no VERSION:2.0");
  CheckText(*root, "PRODID", cal.product_id, "calendar");
  CheckText(*root, "NAME", cal.name, "calendar");
  CheckText(*root, "X-WR-CALNAME", cal.name, "calendar");

  std::vector<Onset> onsets;
  bool have_vtimezone = false;
  std::vector<const fuzz::IcsComponent*> vevents;
  for (const fuzz::IcsComponent& c : root->children) {
    if (c.name == "VEVENT") {
      vevents.push_back(&c);
      continue;
    }
    Check(c.name == "VTIMEZONE", absl::StrCat("unexpected component ", c.name));
    Check(!have_vtimezone, "two VTIMEZONEs");
    have_vtimezone = true;
    const fuzz::IcsProperty* tzid = c.Find("TZID");
    Check(tzid != nullptr && tzid->value == cal.time_zone, "VTIMEZONE with another TZID");
    Check(!c.children.empty(), "a VTIMEZONE without observances");
    for (const fuzz::IcsComponent& o : c.children) {
      Check(o.name == "STANDARD" || o.name == "DAYLIGHT", absl::StrCat("bad observance ", o.name));
      const fuzz::IcsProperty* start = o.Find("DTSTART");
      const fuzz::IcsProperty* from = o.Find("TZOFFSETFROM");
      const fuzz::IcsProperty* to = o.Find("TZOFFSETTO");
      Check(start != nullptr && fuzz::IsDateTime(start->value, false),
            "an observance DTSTART is not a local DATE-TIME", start ? start->value : "(none)");
      Check(from != nullptr && fuzz::IsUtcOffset(from->value), "bad TZOFFSETFROM", from ? from->value : "");
      Check(to != nullptr && fuzz::IsUtcOffset(to->value), "bad TZOFFSETTO", to ? to->value : "");
      onsets.push_back(Onset{ParseCivil(start->value), OffsetSeconds(to->value)});
    }
  }
  Check(vevents.size() == cal.events.size(), "not one VEVENT per event");
  for (size_t i = 0; i < cal.events.size(); ++i) {
    const Event& e = cal.events[i];
    const fuzz::IcsComponent& v = *vevents[i];
    const std::string where = absl::StrCat("event ", i);
    CheckText(v, "UID", e.uid, where);
    const fuzz::IcsProperty* seq = v.Find("SEQUENCE");
    Check(seq != nullptr && seq->value == absl::StrCat(e.sequence), absl::StrCat(where, ": SEQUENCE"));
    const fuzz::IcsProperty* stamp = v.Find("DTSTAMP");
    Check(stamp != nullptr && stamp->value == UtcValue(e.stamp) &&
              fuzz::IsDateTime(stamp->value, true),
          absl::StrCat(where, ": DTSTAMP"), stamp ? stamp->value : "");
    CheckText(v, "SUMMARY", e.summary, where);
    CheckText(v, "DESCRIPTION", e.description, where);
    CheckText(v, "LOCATION", e.location, where);
    if (!e.categories.empty()) {
      const fuzz::IcsProperty* cats = v.Find("CATEGORIES");
      Check(cats != nullptr, absl::StrCat(where, ": CATEGORIES missing"));
      absl::StatusOr<std::vector<std::string>> got = fuzz::UnescapeTextList(cats->value);
      Check(got.ok(), absl::StrCat(where, ": CATEGORIES is not a TEXT list"));
      std::vector<std::string> want;
      for (const std::string& c : e.categories) want.push_back(Normalized(c));
      Check(*got == want, absl::StrCat(where, ": CATEGORIES read back differently"), cats->value);
    }
    for (const auto& [name, t] : {std::pair<const char*, absl::Time>{"DTSTART", e.start},
                                  std::pair<const char*, absl::Time>{"DTEND", e.end}}) {
      const fuzz::IcsProperty* p = v.Find(name);
      Check(p != nullptr, absl::StrCat(where, ": no ", name));
      const auto tzid = p->params.find("TZID");
      if (tzid == p->params.end()) {
        Check(fuzz::IsDateTime(p->value, true) && p->value == UtcValue(t),
              absl::StrCat(where, ": ", name, " in UTC is wrong"), p->value);
        continue;
      }
      Check(tzid->second == cal.time_zone && have_vtimezone,
            absl::StrCat(where, ": ", name, " names a TZID without its VTIMEZONE"));
      Check(fuzz::IsDateTime(p->value, false), absl::StrCat(where, ": ", name, " is not a local DATE-TIME"),
            p->value);
      const absl::Time read = ResolveFromVtimezone(p->value, onsets, absl::StrCat(where, " ", name));
      Check(read == t, absl::StrCat(where, ": ", name, " reads back as another instant"),
            absl::StrCat(p->value, " in ", cal.time_zone, " read as ", absl::FormatTime(read),
                         ", written for ", absl::FormatTime(t), "\n", *ics));
    }
  }
}

}  // namespace
}  // namespace paraat::ical

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  paraat::ical::FuzzOne(in);
  return 0;
}
