# SPDX-License-Identifier: EUPL-1.2
"""Reads an iCalendar file the way a calendar client would, and prints what it understood.

Used by ical_writer_dst_test.cc, run with Debian's /usr/bin/python3 and python3-icalendar
(4.0.3 in Debian 12). Usage: parse_ics.py FILE

Prints a JSON array, one object per line, sorted keys:
- for each STANDARD/DAYLIGHT observance of each VTIMEZONE: its tzid, dtstart (wall time),
  tzoffsetfrom, tzoffsetto and tzname;
- for each VEVENT: uid, sequence, status, last_modified (as written, when there is one), tzid (of DTSTART, or "UTC"), start and end as wall
  time with offset in the event's zone (the calendar's VTIMEZONE zone for UTC-written events),
  start_utc and end_utc as icalendar read them (it resolves a TZID through the tz database),
  and start_utc_by_vtimezone and end_utc_by_vtimezone: the same wall times resolved through
  the file's own VTIMEZONE instead (icalendar's Timezone.to_tz()).

Exits 1 with a message on stderr if the file is not well-formed (lines not ending in CRLF,
longer than 75 octets, not UTF-8, or errors icalendar recorded while parsing), 2 if
icalendar itself cannot be imported.
"""

import datetime
import json
import sys

try:
    import icalendar
    import pytz
except ImportError as error:
    sys.stderr.write(
        "parse_ics.py needs Debian's python3-icalendar (apt-get install python3-icalendar) "
        "and must run with /usr/bin/python3: %s\n" % error)
    sys.exit(2)


def fail(message):
    sys.stderr.write("parse_ics.py: %s\n" % message)
    sys.exit(1)


def check_lines(data):
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            fail("line %d has a bare CR or LF" % number)
        if len(line) > 75:
            fail("line %d is %d octets long, more than 75" % (number, len(line)))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail("not UTF-8: %s" % error)


def iso_utc(moment):
    return moment.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_offset(offset):
    sign = "-" if offset < datetime.timedelta(0) else "+"
    seconds = int(abs(offset).total_seconds())
    text = "%s%02d:%02d" % (sign, seconds // 3600, seconds // 60 % 60)
    if seconds % 60:
        text += ":%02d" % (seconds % 60)
    return text


def main():
    if len(sys.argv) != 2:
        fail("usage: parse_ics.py FILE")
    with open(sys.argv[1], "rb") as ics:
        data = ics.read()
    check_lines(data)
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        if component.errors:
            fail("icalendar could not read %s: %s" % (component.name, component.errors))

    out = []
    zones = {}  # TZID -> tzinfo built from the file's VTIMEZONE
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = str(vtimezone["TZID"])
        zones[tzid] = vtimezone.to_tz()
        for observance in vtimezone.subcomponents:
            out.append({
                "component": observance.name,
                "tzid": tzid,
                "dtstart": observance["DTSTART"].dt.isoformat(),
                "tzoffsetfrom": iso_offset(observance["TZOFFSETFROM"].td),
                "tzoffsetto": iso_offset(observance["TZOFFSETTO"].td),
                "tzname": str(observance.get("TZNAME", "")),
            })
    calendar_zone = next(iter(zones), None)
    if len(zones) > 1:
        fail("more than one VTIMEZONE: %s" % sorted(zones))

    for event in calendar.walk("VEVENT"):
        item = {
            "component": "VEVENT",
            "uid": str(event["UID"]),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS", "")),
        }
        if "DESCRIPTION" in event:
            item["description"] = str(event["DESCRIPTION"])
        if "LAST-MODIFIED" in event:
            item["last_modified"] = event["LAST-MODIFIED"].to_ical().decode()
        tzids = {event[name].params.get("TZID", "UTC") for name in ("DTSTART", "DTEND")}
        if len(tzids) != 1:
            fail("event %s mixes zones: %s" % (item["uid"], sorted(tzids)))
        item["tzid"] = tzids.pop()
        for key, name in (("start", "DTSTART"), ("end", "DTEND")):
            moment = event.decoded(name)
            if not isinstance(moment, datetime.datetime) or moment.tzinfo is None:
                fail("event %s: %s is not a date-time with a zone: %r"
                     % (item["uid"], name, moment))
            if item["tzid"] == "UTC":
                local = moment.astimezone(pytz.timezone(calendar_zone or "UTC"))
                by_vtimezone = moment
            else:
                if item["tzid"] not in zones:
                    fail("event %s: TZID %s has no VTIMEZONE" % (item["uid"], item["tzid"]))
                local = moment
                by_vtimezone = zones[item["tzid"]].localize(moment.replace(tzinfo=None))
            item[key] = local.isoformat()
            item[key + "_utc"] = iso_utc(moment)
            item[key + "_utc_by_vtimezone"] = iso_utc(by_vtimezone)
        out.append(item)

    sys.stdout.write("[\n")
    sys.stdout.write(",\n".join(json.dumps(item, sort_keys=True) for item in out))
    sys.stdout.write("\n]\n")


if __name__ == "__main__":
    main()
