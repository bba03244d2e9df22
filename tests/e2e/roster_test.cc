// SPDX-License-Identifier: EUPL-1.2
// Rosters with the real binaries: ending an override at a moment already past ends it now, and
// says so (what has been on duty is history).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

// A week-long duty that began before the period asked for shows whole, not cut at its edge.
TEST(RosterCli, DutiesAcrossTheEdgeOfThePeriodShowWhole) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  const absl::TimeZone amsterdam = Amsterdam();
  // A draft roster from next Monday; that week's Wednesday noon lies inside a duty that began
  // on the Monday at 09:00.
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), amsterdam) + 1;
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday += 1;
  ProcessResult generate =
      env.Cli({"roster", "generate", "--from", absl::FormatCivilTime(monday), "--weeks", "3"});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  const absl::CivilDay day = monday + 2;
  const std::string from = absl::StrCat(absl::FormatCivilTime(day), " 12:00");
  ProcessResult show = env.Cli({"roster", "show", "--pool", "west", "--from", from, "--weeks", "1"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, absl::StrCat("Mon ", absl::FormatCivilTime(day - 2), " 09:00")))
      << show.out;
  EXPECT_FALSE(Contains(show.out, absl::StrCat(absl::FormatCivilTime(day), " 12:00"))) << show.out;
  ProcessResult wrong = env.Cli({"duties", "--from", from, "--to", "2020-01-01"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_TRUE(Contains(wrong.err, "--to (Wed 2020-01-01 00:00) is not after --from (")) << wrong.err;
  // Too long a period is said of the flag given, not of what the CLI asks the server.
  ProcessResult long_ask = env.Cli({"duties", "--days", "100000"});
  EXPECT_NE(long_ask.exit_code, 0);
  EXPECT_TRUE(Contains(long_ask.err, "--days must be 1 to 730, not 100000")) << long_ask.err;
  EXPECT_EQ(env.StopServer(), 0);
}

// Publishing says what is still unsettled in what it published: here the gap until the
// roster begins next Monday.
TEST(RosterCli, PublishingNamesTheGapsItPublishes) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam()) + 1;
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday += 1;
  ProcessResult generate = env.Cli({"roster", "generate", "--from", absl::FormatCivilTime(monday),
                                    "--weeks", "3", "--pool", "west"});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  ProcessResult publish = env.Cli({"roster", "publish", "--pool", "west", "--until",
                                   absl::FormatCivilTime(monday + 14)});
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  EXPECT_TRUE(Contains(publish.out, "Published 2 duties of pool west")) << publish.out;
  EXPECT_TRUE(Contains(publish.out, "Still to settle in what is published (officers see it as it is):\n"
                                    "GAP in west: no one on duty from "))
      << publish.out;
  EXPECT_TRUE(Contains(publish.out, absl::StrCat(" to Mon ", absl::FormatCivilTime(monday), " 09:00")))
      << publish.out;
  ProcessResult json = env.Cli({"roster", "publish", "--pool", "west", "--until",
                                absl::FormatCivilTime(monday + 14), "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"gaps\": [")) << json.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// Someone removed from a pool keeps their duties on the roster: removing them names those
// duties, and `oncall` says the person on duty may no longer serve there. A draft "next" is
// marked as one.
TEST(RosterCli, OnCallSaysWhenThePersonOnDutyMayNoLongerServe) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam());
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday -= 1;
  ProcessResult generate = env.Cli({"roster", "generate", "--from", absl::FormatCivilTime(monday),
                                    "--weeks", "4", "--pool", "oost"});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  // Pools come in key order and an object's keys sorted: the first person is oost's "current".
  ProcessResult before = env.Cli({"oncall", "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const std::string from_person = before.out.substr(before.out.find("\"person\": \"") + 11);
  const std::string person = from_person.substr(0, from_person.find('"'));
  ASSERT_FALSE(person.empty()) << before.out;
  ProcessResult text = env.Cli({"oncall"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const std::string oost = text.out.substr(text.out.find("(oost,"));
  ASSERT_NE(oost.find("  next: "), std::string::npos) << text.out;
  const std::string next = oost.substr(oost.find("  next: "));
  EXPECT_TRUE(Contains(next.substr(0, next.find('\n')), "[draft]")) << text.out;

  ProcessResult removed = env.Cli({"pools", "remove-member", "oost", person});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_TRUE(Contains(removed.out, absl::StrCat(person, " still holds "))) << removed.out;
  EXPECT_TRUE(Contains(removed.out, "is no longer a member of the pool; arrange a swap or an override"))
      << removed.out;
  ProcessResult after = env.Cli({"oncall"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_TRUE(Contains(after.out, "        MAY NOT SERVE: is no longer a member of the pool; call "
                                  "the next, or put someone on duty (paraat override)"))
      << after.out;
  ProcessResult json = env.Cli({"oncall", "--json"});
  EXPECT_TRUE(Contains(json.out, "\"current_ineligible\": \"not_member\"")) << json.out;
  // One pool only, when asked.
  ProcessResult one = env.Cli({"oncall", "--pool", "west"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(Contains(one.out, "(west, ")) << one.out;
  EXPECT_FALSE(Contains(one.out, "(oost, ")) << one.out;
  ProcessResult none = env.Cli({"oncall", "--pool", "noord"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(Contains(none.err, "no active pool 'noord'")) << none.err;
  EXPECT_EQ(env.StopServer(), 0);
}

// Deactivating someone who holds duties names them, as removing them from the pool does.
TEST(RosterCli, DeactivatingSomeoneNamesTheDutiesTheyStillHold) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam());
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday -= 1;
  ProcessResult generate = env.Cli({"roster", "generate", "--from", absl::FormatCivilTime(monday + 7),
                                    "--weeks", "6", "--pool", "west"});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  ProcessResult off = env.Cli({"people", "deactivate", "a.jansen"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_TRUE(Contains(off.out, "a.jansen still holds 1 duty in the coming year; arrange a swap or "
                                "an override for each:\n"))
      << off.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// Giving someone a duty that starts two days after their own ended (the handover moved) says
// at once that it leaves too little rest, as a swap would be refused for it; not only later in
// 'roster gaps'.
TEST(RosterCli, AnAssignmentThatBreaksTheRestRuleSaysSo) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam());
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday -= 1;
  monday += 7;
  ProcessResult rotate = env.Cli({"roster", "rotate", "--pool", "west", "--from",
                                  absl::FormatCivilTime(monday), "--weeks", "1", "--order",
                                  "a.jansen"});
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  EXPECT_FALSE(Contains(rotate.out, "breaks a rule")) << rotate.out;
  ProcessResult moved = env.Cli({"pools", "update", "west", "--handover-weekday", "wednesday",
                                 "--handover-time", "12:00"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  ProcessResult assign = env.Cli({"roster", "assign", "--pool", "west", "--at",
                                  absl::StrCat(absl::FormatCivilTime(monday + 9), " 18:00"),
                                  "--person", "a.jansen"});
  ASSERT_EQ(assign.exit_code, 0) << assign.err;
  EXPECT_TRUE(Contains(assign.out, "The new draft duty breaks a rule; change it, or arrange a swap "
                                   "or an override:\n  Anouk Jansen (west-maas-en-waal) has too "
                                   "little rest: on duty in west from "))
      << assign.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// A gap that runs on past the days looked at ends "at least" there, not at a made-up moment.
TEST(RosterCli, AGapBeyondThePeriodLookedAtIsOpenEnded) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("officer"));
  ProcessResult gaps = env.Cli({"roster", "gaps", "--pool", "west", "--days", "3"});
  ASSERT_EQ(gaps.exit_code, 0) << gaps.err;
  EXPECT_TRUE(Contains(gaps.out, "GAP in west: no one on duty from ")) << gaps.out;
  EXPECT_TRUE(Contains(gaps.out, " to at least ")) << gaps.out;
  ProcessResult json = env.Cli({"roster", "gaps", "--pool", "west", "--days", "3", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"until\": \"")) << json.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// A flag out of range or of the wrong kind is a usage error (exit 2), said before the server is
// asked, whichever command it is given to.
TEST(RosterCli, FlagMistakesAreUsageErrors) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : {
           Case{{"roster", "gaps", "--days", "5000"}, "--days must be 1 to 730, not 5000"},
           Case{{"roster", "prefer", "--from", "2030-01-01", "--to", "2030-01-08", "--weight", "500"},
                "--weight 500 is out of range: 1..100 would like, -1..-100 rather not"},
           Case{{"capacity", "ambition", "klimaat", "--rank", "abc"}, "--rank"},
           Case{{"capacity", "ambition", "klimaat", "--regular", "maybe"}, "--regular"},
           Case{{"capacity", "loan", "heumen", "druten"},
                "nothing to change: give --allowed yes|no, --cost or both"},
       }) {
    ProcessResult r = env.Cli(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[1] << ": " << r.err;
    EXPECT_TRUE(Contains(r.err, c.message)) << r.err;
  }
  // An empty holiday file would wipe the list unnoticed: refused, the list kept.
  ProcessResult empty = env.Cli({"roster", "holidays", "set", "--file", "-"}, "");
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_TRUE(Contains(empty.err, "standard input holds no holidays; that would leave the solver "
                                  "none to spread. To mean it, add --empty; for the Dutch list, "
                                  "--default"))
      << empty.err;
  ProcessResult list = env.Cli({"roster", "holidays"});
  EXPECT_TRUE(Contains(list.out, "The default Dutch holiday list:")) << list.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// An override that covers an earlier one says so (the later one counts where they overlap).
TEST(RosterCli, AnOverrideThatCoversAnotherSaysSo) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  const std::string day = absl::FormatCivilTime(absl::ToCivilDay(absl::Now(), Amsterdam()) + 2);
  ProcessResult first = env.Cli({"override", "--pool", "west", "--person", "a.jansen", "--from",
                                 day + " 12:00", "--until", day + " 18:00", "--reason", "ziekte"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string id = After(first.out, "override ");
  ProcessResult second = env.Cli({"override", "--pool", "west", "--person", "b.vandijk", "--from",
                                  day + " 10:00", "--until", day + " 20:00", "--reason", "ziekte"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(Contains(second.out, absl::StrCat("Note: this override covers all of override ", id, " (")))
      << second.out;
  EXPECT_TRUE(Contains(second.out, absl::StrCat("End it if it no longer applies: paraat override end ", id)))
      << second.out;
  // Ended before it began, it is cancelled, and said so.
  ProcessResult ended = env.Cli({"override", "end", id});
  ASSERT_EQ(ended.exit_code, 0) << ended.err;
  EXPECT_TRUE(Contains(ended.out, absl::StrCat("Override ", id, " of ")) &&
              Contains(ended.out, " had not begun: it is cancelled, and nobody is on duty by it."))
      << ended.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// The officer of one week cannot be swapped straight into the next (the pool asks for a free
// week between two duties); an emergency override may do it, and `roster gaps` then shows it.
TEST(RosterCli, TooLittleRestIsRefusedForSwapsAndShownForOverrides) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam()) + 1;
  while (absl::GetWeekday(monday) != absl::Weekday::monday) monday += 1;
  ProcessResult generate =
      env.Cli({"roster", "generate", "--from", absl::FormatCivilTime(monday), "--weeks", "3"});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  auto duty_at = [&](absl::CivilDay day, const std::string& field) {
    ProcessResult show =
        env.Cli({"roster", "show", "--pool", "west", "--from",
                 absl::StrCat(absl::FormatCivilTime(day), " 12:00"), "--weeks", "1", "--json"});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    std::string v = After(show.out, absl::StrCat("\"", field, "\": "));
    v.erase(std::remove_if(v.begin(), v.end(), [](char c) { return c == '"' || c == ','; }),
            v.end());
    return v;
  };
  const std::string first = duty_at(monday, "person");
  const std::string second_shift = duty_at(monday + 7, "shift_id");
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second_shift.empty());
  ProcessResult swap =
      env.Cli({"swap", "arrange", "--shift", second_shift, "--with", first, "--reason", "ruil"});
  EXPECT_NE(swap.exit_code, 0) << swap.out;
  EXPECT_TRUE(Contains(swap.err, absl::StrCat("refused: ", first,
                                              " would be on duty in pool 'west' from ",
                                              absl::FormatCivilTime(monday + 7), " 09:00")) &&
              Contains(swap.err, "asks for at least 1 free shift (7 days) between two duties"))
      << swap.err;
  ProcessResult put = env.Cli(
      {"override", "--pool", "west", "--person", first, "--from",
       absl::StrCat(absl::FormatCivilTime(monday + 7), " 21:00"), "--until",
       absl::StrCat(absl::FormatCivilTime(monday + 8), " 09:00"), "--reason", "ziekte"});
  ASSERT_EQ(put.exit_code, 0) << put.err;
  ProcessResult gaps = env.Cli({"roster", "gaps", "--pool", "west"});
  ASSERT_EQ(gaps.exit_code, 0) << gaps.err;
  // Called back the evening after their week ended (staying on would have been one duty).
  EXPECT_TRUE(Contains(gaps.out, absl::StrCat("has too little rest: on duty in west from Mon ",
                                              absl::FormatCivilTime(monday + 7),
                                              " 21:00 after a duty in west until Mon ",
                                              absl::FormatCivilTime(monday + 7),
                                              " 09:00; the rest lasts until Mon ",
                                              absl::FormatCivilTime(monday + 14), " 09:00")))
      << gaps.out;
  ProcessResult json = env.Cli({"roster", "gaps", "--pool", "west", "--json"});
  EXPECT_TRUE(Contains(json.out, "\"kind\": \"too_little_rest\"")) << json.out;
  // The override is final, also over a draft week (as the feeds say): no "draft" on its row.
  ProcessResult shown = env.Cli({"roster", "show", "--pool", "west", "--from",
                                 absl::StrCat(absl::FormatCivilTime(monday + 7), " 12:00"),
                                 "--weeks", "1"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const std::string row = After(shown.out, "override ");
  EXPECT_FALSE(Contains(row.substr(0, row.find('\n')), "draft")) << shown.out;
  EXPECT_EQ(env.StopServer(), 0);
}

TEST(RosterCli, AHandoverWeekdayMayBeGivenInDutch) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  ProcessResult create = env.Cli({"pools", "create", "noord", "--name", "OvD-Bz Noord",
                                  "--handover-weekday", "donderdag", "--handover-time", "09:00"});
  ASSERT_EQ(create.exit_code, 0) << create.err;
  ProcessResult show = env.Cli({"pools", "show", "noord", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "\"handover_weekday\": 4")) << show.out;
  ProcessResult wrong = env.Cli({"pools", "create", "zuid", "--name", "OvD-Bz Zuid",
                                 "--handover-weekday", "feestdag", "--handover-time", "09:00"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_TRUE(Contains(wrong.err, "(Monday..Sunday, maandag..zondag, or 1..7)")) << wrong.err;
  EXPECT_EQ(env.StopServer(), 0);
}

TEST(RosterCli, AnOverrideEndedInThePastEndsNowAndSaysSo) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  const absl::TimeZone amsterdam = Amsterdam();
  const std::string until =
      absl::FormatTime("%Y-%m-%d %H:%M", absl::Now() + absl::Hours(20), amsterdam);
  ProcessResult put = env.Cli({"override", "--pool", "oost", "--person", "l.maas", "--until",
                               until, "--reason", "ziek"});
  ASSERT_EQ(put.exit_code, 0) << put.err << put.out;
  const std::string id = After(put.out, "override ");
  ASSERT_FALSE(id.empty()) << put.out;
  const std::string past =
      absl::FormatTime("%Y-%m-%d %H:%M", absl::Now() - absl::Hours(3), amsterdam);
  ProcessResult end = env.Cli({"override", "end", id, "--at", past});
  ASSERT_EQ(end.exit_code, 0) << end.err;
  EXPECT_TRUE(Contains(end.out, absl::StrCat(past.substr(11), ": what has been on duty")) &&
              Contains(end.out, "what has been on duty is history and is not rewritten"))
      << end.out;
  ProcessResult now = env.Cli({"override", "end", id});
  EXPECT_NE(now.exit_code, 0) << now.out;
  EXPECT_EQ(env.StopServer(), 0);
}

}  // namespace
}  // namespace paraat::testing
