// SPDX-License-Identifier: EUPL-1.2
// Duty feeds: UIDs, SEQUENCE and LAST-MODIFIED derived from stored change times, and the
// calendar of a pool and of a person.
#include "common/roster/duty_calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"

namespace paraat::roster {
namespace {

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

absl::Time Local(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), Amsterdam());
}

// When the records were stored, long before the duties.
absl::Time Stored(int minute, int second = 0) {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 20, 10, minute, second), absl::UTCTimeZone());
}

ScheduleRecord Record(Source kind, int64_t id, const std::string& pool, Interval span,
                      absl::Time created, absl::Time changed) {
  return ScheduleRecord{kind, id, pool, {span}, created, changed};
}

DutySlice Slice(Source source, int64_t id, const std::string& pool, const std::string& person,
                Interval i) {
  DutySlice s;
  s.source = source;
  s.source_id = id;
  s.shift_id = source == Source::kRoster ? id : 0;
  s.pool = pool;
  s.person = person;
  s.interval = i;
  return s;
}

const Interval kWeek1{Local(2027, 3, 22, 9), Local(2027, 3, 29, 9)};
const Interval kWeek2{Local(2027, 3, 29, 9), Local(2027, 4, 5, 9)};

TEST(RevisionOf, UidFromSourcePoolAndStart) {
  ScheduleHistory h;
  h.records = {Record(Source::kRoster, 12, "west", kWeek1, Stored(0), Stored(0))};
  const DutyRevision r = RevisionOf(Slice(Source::kRoster, 12, "west", "a.jansen", kWeek1), h);
  EXPECT_EQ(r.uid, "roster-12-west-20270322T080000Z@paraat");
  EXPECT_EQ(r.sequence, 0);
  EXPECT_EQ(r.modified, Stored(0));
}

TEST(RevisionOf, SequenceCountsSecondsToTheLastChangeThatCanMoveTheSlice) {
  ScheduleHistory h;
  h.records = {
      Record(Source::kRoster, 1, "west", kWeek1, Stored(0), Stored(0)),
      Record(Source::kRoster, 2, "west", kWeek2, Stored(0), Stored(0)),
      // A swap in week 1, asked at minute 5 and approved at 10:07:30.5.
      Record(Source::kSwap, 4, "west", {Local(2027, 3, 24, 9), Local(2027, 3, 25, 9)}, Stored(5),
             Stored(7, 30) + absl::Milliseconds(500)),
      // An override in the other pool, and one in week 2 that was ended before it began.
      Record(Source::kOverride, 8, "oost", kWeek1, Stored(50), Stored(50)),
      Record(Source::kOverride, 9, "west", {Local(2027, 4, 1, 9), Local(2027, 4, 2, 9)}, Stored(20),
             Stored(30)),
  };
  // Week 1 before the swap: the swap overlaps its shift, so its last change counts
  // (7 min 30.5 s after the shift was stored, rounded up).
  const DutySlice before_swap =
      Slice(Source::kRoster, 1, "west", "a.jansen", {kWeek1.start, Local(2027, 3, 24, 9)});
  const DutyRevision r1 = RevisionOf(before_swap, h);
  EXPECT_EQ(r1.sequence, 7 * 60 + 31);
  EXPECT_EQ(r1.modified, Stored(7, 30) + absl::Milliseconds(500));
  // The swap's own slice: 2 min 30.5 s after it was asked.
  const DutyRevision r2 = RevisionOf(
      Slice(Source::kSwap, 4, "west", "b.vandijk", {Local(2027, 3, 24, 9), Local(2027, 3, 25, 9)}),
      h);
  EXPECT_EQ(r2.uid, "swap-4-west-20270324T080000Z@paraat");
  EXPECT_EQ(r2.sequence, 151);
  // Week 2 only sees the override of its own pool (ended at minute 30).
  const DutyRevision r3 = RevisionOf(Slice(Source::kRoster, 2, "west", "c.peters", kWeek2), h);
  EXPECT_EQ(r3.sequence, 30 * 60);
  EXPECT_EQ(r3.modified, Stored(30));
  // Nothing newer than a record itself: 0.
  h.records[0].created = h.records[0].changed = Stored(59);
  EXPECT_EQ(RevisionOf(before_swap, h).sequence, 0);
  EXPECT_EQ(RevisionOf(before_swap, h).modified, Stored(59));
}

TEST(RevisionOf, PersonAndPoolEditsMoveLastModifiedButNotTheSequence) {
  ScheduleHistory h;
  h.records = {Record(Source::kRoster, 1, "west", kWeek1, Stored(0), Stored(0))};
  h.person_changed = {{"a.jansen", Stored(40)}, {"b.vandijk", Stored(59)}};
  h.pool_changed = {{"west", Stored(30)}};
  const DutyRevision r = RevisionOf(Slice(Source::kRoster, 1, "west", "a.jansen", kWeek1), h);
  EXPECT_EQ(r.sequence, 0);
  EXPECT_EQ(r.modified, Stored(40));
}

TEST(RevisionOf, ASwapsReturnSpanCountsForItsReturnSlice) {
  ScheduleHistory h;
  ScheduleRecord swap{Source::kSwap, 3, "west", {kWeek1, kWeek2}, Stored(0), Stored(2)};
  h.records = {swap, Record(Source::kOverride, 5, "west", kWeek2, Stored(1), Stored(9))};
  // The override overlaps the return span only: it counts for the return slice alone.
  EXPECT_EQ(RevisionOf(Slice(Source::kSwap, 3, "west", "x", kWeek2), h).sequence, 9 * 60);
  EXPECT_EQ(RevisionOf(Slice(Source::kSwap, 3, "west", "x", kWeek1), h).sequence, 2 * 60);
}

RosterSnapshot TwoPools() {
  RosterSnapshot s;
  s.window = {Local(2027, 1, 1, 0), Local(2028, 1, 1, 0)};
  s.pools["west"].key = "west";
  s.pools["west"].name = "OvD-Bz West";
  s.pools["oost"].key = "oost";
  s.pools["oost"].name = "OvD-Bz Oost";
  s.people["a.jansen"] = {"a.jansen", "Anouk Jansen", "druten", "+31 6 1000 0101", "", {}, true};
  s.people["b.vandijk"] = {"b.vandijk", "Bram van Dijk", "druten", "", "", {}, true};
  s.input.shifts = {
      {1, "west", "a.jansen", kWeek1, true},
      {2, "west", "b.vandijk", kWeek2, true},
      {3, "oost", "a.jansen", {Local(2027, 4, 5, 9), Local(2027, 4, 12, 9)}, false},
  };
  // b.vandijk takes Wednesday of week 1; an override of 0.4 s (floored away).
  s.input.replacements = {
      {7, "west", {Local(2027, 3, 24, 9), Local(2027, 3, 25, 9)}, "a.jansen", "b.vandijk"}};
  s.input.overrides = {{9,
                        "west",
                        "b.vandijk",
                        {Local(2027, 3, 26, 9), Local(2027, 3, 26, 9) + absl::Milliseconds(400)},
                        "",
                        "",
                        Stored(0)}};
  return s;
}

ScheduleHistory HistoryOf(const RosterSnapshot& s) {
  ScheduleHistory h;
  for (const RosterShift& r : s.input.shifts) {
    h.records.push_back(Record(Source::kRoster, r.id, r.pool, r.interval, Stored(0), Stored(0)));
  }
  h.records.push_back(
      Record(Source::kSwap, 7, "west", s.input.replacements[0].interval, Stored(1), Stored(1)));
  h.records.push_back(
      Record(Source::kOverride, 9, "west", s.input.overrides[0].interval, Stored(2), Stored(2)));
  return h;
}

TEST(DutyCalendar, APoolsFinalScheduleOneEventPerSlice) {
  const RosterSnapshot s = TwoPools();
  absl::StatusOr<ical::Calendar> cal = DutyCalendar(s, HistoryOf(s), {FeedKind::kPool, "west"},
                                                    {Local(2027, 3, 1, 0), Local(2027, 5, 1, 0)});
  ASSERT_TRUE(cal.ok()) << cal.status();
  EXPECT_EQ(cal->name, "Piket OvD-Bz West");
  EXPECT_EQ(cal->time_zone, "Europe/Amsterdam");
  std::vector<std::string> uids, summaries;
  for (const ical::Event& e : cal->events) {
    uids.push_back(e.uid);
    summaries.push_back(e.summary);
  }
  // The override of 0.4 s is left out: less than a second once floored. The roster slices
  // either side of it stay apart, since their sources differ from the override's.
  EXPECT_EQ(uids, (std::vector<std::string>{
                      "roster-1-west-20270322T080000Z@paraat",
                      "swap-7-west-20270324T080000Z@paraat",
                      "roster-1-west-20270325T080000Z@paraat",
                      "roster-1-west-20270326T080000Z@paraat",
                      "roster-2-west-20270329T070000Z@paraat",
                  }));
  const ical::Event& swap = cal->events[1];
  EXPECT_EQ(swap.summary, "Piket OvD-Bz West: Bram van Dijk");
  EXPECT_EQ(swap.description,
            "Dienst: Bram van Dijk\nTelefoon: onbekend\nBron: ruil 7; geroosterd: Anouk "
            "Jansen\nPool: OvD-Bz West");
  EXPECT_EQ(swap.categories, (std::vector<std::string>{"Piket", "OvD-Bz West"}));
  EXPECT_EQ(swap.start, Local(2027, 3, 24, 9));
  EXPECT_EQ(swap.end, Local(2027, 3, 25, 9));
  EXPECT_EQ(swap.sequence, 0);
  EXPECT_EQ(swap.stamp, Stored(1));
  EXPECT_EQ(swap.last_modified, Stored(1));
  const ical::Event& first = cal->events[0];
  EXPECT_EQ(first.description,
            "Dienst: Anouk Jansen\nTelefoon: +31 6 1000 0101\nBron: rooster (dienst 1)\n"
            "Pool: OvD-Bz West");
  EXPECT_EQ(first.sequence, 120);  // the override, stored 2 minutes after the shift
  // The slice after the override starts at 09:00:00.4 and is written from 09:00:00.
  EXPECT_EQ(cal->events[3].start, Local(2027, 3, 26, 9));
  EXPECT_EQ(cal->events[3].end, Local(2027, 3, 29, 9));
}

TEST(DutyCalendar, OnlySlicesOverlappingTheRange) {
  const RosterSnapshot s = TwoPools();
  absl::StatusOr<ical::Calendar> cal = DutyCalendar(
      s, HistoryOf(s), {FeedKind::kPool, "west"}, {Local(2027, 3, 28, 0), Local(2027, 3, 29, 10)});
  ASSERT_TRUE(cal.ok()) << cal.status();
  ASSERT_EQ(cal->events.size(), 2u);
  EXPECT_EQ(cal->events[0].uid, "roster-1-west-20270326T080000Z@paraat");
  EXPECT_EQ(cal->events[1].uid, "roster-2-west-20270329T070000Z@paraat");
}

TEST(DutyCalendar, APersonsDutiesInEveryPool) {
  const RosterSnapshot s = TwoPools();
  absl::StatusOr<ical::Calendar> cal =
      DutyCalendar(s, HistoryOf(s), {FeedKind::kPerson, "a.jansen"},
                   {Local(2027, 3, 1, 0), Local(2027, 5, 1, 0)});
  ASSERT_TRUE(cal.ok()) << cal.status();
  EXPECT_EQ(cal->name, "Piket Anouk Jansen");
  std::vector<std::string> summaries;
  for (const ical::Event& e : cal->events) summaries.push_back(e.summary);
  EXPECT_EQ(summaries, (std::vector<std::string>{
                           "Piket OvD-Bz West: Anouk Jansen", "Piket OvD-Bz West: Anouk Jansen",
                           "Piket OvD-Bz West: Anouk Jansen",
                           "Piket OvD-Bz Oost: Anouk Jansen (concept)"}));
  EXPECT_EQ(cal->events.back().uid, "roster-3-oost-20270405T070000Z@paraat");
  // Shift 3 is a draft: planned, not final (STATUS:TENTATIVE); the published ones are final.
  EXPECT_TRUE(cal->events.back().tentative);
  EXPECT_THAT(cal->events.back().description,
              ::testing::HasSubstr("\nStatus: concept, nog niet gepubliceerd"));
  EXPECT_FALSE(cal->events.front().tentative);
}

TEST(DutyCalendar, UnknownPoolOrPersonIsNotFound) {
  const RosterSnapshot s = TwoPools();
  const Interval range{Local(2027, 3, 1, 0), Local(2027, 5, 1, 0)};
  absl::StatusOr<ical::Calendar> pool = DutyCalendar(s, {}, {FeedKind::kPool, "zuid"}, range);
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(pool.status().message(), "unknown pool 'zuid'");
  absl::StatusOr<ical::Calendar> person = DutyCalendar(s, {}, {FeedKind::kPerson, "x.y"}, range);
  EXPECT_EQ(person.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(person.status().message(), "unknown person 'x.y'");
}

TEST(DutyCalendar, TheSameDataGivesTheSameBytes) {
  const RosterSnapshot s = TwoPools();
  const Interval range{Local(2027, 3, 1, 0), Local(2027, 5, 1, 0)};
  absl::StatusOr<ical::Calendar> a =
      DutyCalendar(s, HistoryOf(s), {FeedKind::kPool, "west"}, range);
  absl::StatusOr<ical::Calendar> b =
      DutyCalendar(s, HistoryOf(s), {FeedKind::kPool, "west"}, range);
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<std::string> x = ical::WriteCalendar(*a);
  absl::StatusOr<std::string> y = ical::WriteCalendar(*b);
  ASSERT_TRUE(x.ok()) << x.status();
  EXPECT_EQ(*x, *y);
  EXPECT_TRUE(absl::StrContains(*x, "DTSTAMP:20261120T100100Z\r\n")) << *x;
}

TEST(FeedRange, AMonthBackAYearAheadReadWithTwoMonthsEitherSide) {
  const absl::Time now = Local(2027, 3, 1, 12);
  EXPECT_EQ(FeedRange(now), (Interval{now - absl::Hours(24 * 31), now + absl::Hours(24 * 400)}));
  EXPECT_EQ(FeedReadWindow(now),
            (Interval{now - absl::Hours(24 * 93), now + absl::Hours(24 * 462)}));
}

// A revoked link's notice: one event over the day it is looked at, the same UID every day and a
// SEQUENCE that grows by the day, so an app moves it to today; written as valid iCalendar.
TEST(RevokedLinkCalendarTest, OneEventOverTheDayOfTheFetch) {
  absl::TimeZone ams;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &ams));
  const absl::Time revoked = absl::FromCivil(absl::CivilSecond(2026, 11, 20, 16, 30, 0), ams);
  const absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 28, 8, 15, 0), ams);
  const ical::Calendar cal = RevokedLinkCalendar(7, revoked, now);
  ASSERT_EQ(cal.events.size(), 1u);
  const ical::Event& e = cal.events[0];
  EXPECT_EQ(e.uid, "feed-link-7-revoked@paraat");
  EXPECT_EQ(e.start, absl::FromCivil(absl::CivilDay(2026, 11, 28), ams));
  EXPECT_EQ(e.end, absl::FromCivil(absl::CivilDay(2026, 11, 29), ams));
  EXPECT_EQ(e.sequence, 8);
  EXPECT_TRUE(absl::StrContains(e.description, "2026-11-20 16:30")) << e.description;
  const ical::Event next = RevokedLinkCalendar(7, revoked, now + absl::Hours(24)).events[0];
  EXPECT_EQ(next.uid, e.uid);
  EXPECT_EQ(next.sequence, 9);
  absl::StatusOr<std::string> ics = ical::WriteCalendar(cal);
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_TRUE(absl::StrContains(*ics, "SUMMARY:Paraat: deze agendalink werkt niet meer")) << *ics;
}

}  // namespace
}  // namespace paraat::roster
