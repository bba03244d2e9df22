// SPDX-License-Identifier: EUPL-1.2
// Crisis logs with the real binaries: open, log, correct and show with the CLI; export a log,
// verify it offline against `paraat-server key`, and catch an edited entry; follow a log live
// while another CLI process appends; verify the data directory afterwards.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// The "more" line of a page is the next page with the same filters, ready to run.
TEST(CrisisCli, PagingKeepsTheFilters) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  ProcessResult page = env.Cli({"crisis", "entries", "1", "--kind", "besluit", "--limit", "2"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const std::string after = After(page.out, "(more: paraat crisis entries 1 --after ");
  ASSERT_FALSE(after.empty()) << page.out;
  EXPECT_TRUE(Contains(page.out, absl::StrCat("(more: paraat crisis entries 1 --after ", after,
                                              " --kind besluit --limit 2)")))
      << page.out;
  ProcessResult next = env.Cli({"crisis", "entries", "1", "--after", after, "--kind", "besluit",
                                "--limit", "2"});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_TRUE(Contains(next.out, " decision by ")) << next.out;
  for (const char* other : {" situation by ", " assessment by ", " message by "}) {
    EXPECT_FALSE(Contains(next.out, other)) << next.out;
  }
  // With --json the hint goes to stderr, so stdout stays one JSON value.
  ProcessResult json = env.Cli({"crisis", "entries", "1", "--kind", "besluit", "--limit", "2", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_FALSE(Contains(json.out, "(more:")) << json.out;
  EXPECT_TRUE(Contains(json.err, "--kind besluit --limit 2 --json)")) << json.err;
  // Search pages the same way: three hits for "opvang" in the demo crisis, two per page.
  ProcessResult hits = env.Cli({"crisis", "search", "1", "opvang", "--limit", "2"});
  ASSERT_EQ(hits.exit_code, 0) << hits.err;
  const std::string from = After(hits.out, "(more: paraat crisis search 1 opvang --after ");
  ASSERT_FALSE(from.empty()) << hits.out;
  EXPECT_TRUE(Contains(hits.out, absl::StrCat("--after ", from, " --limit 2)"))) << hits.out;
  ProcessResult rest = env.Cli({"crisis", "search", "1", "opvang", "--after", from, "--limit", "2"});
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_TRUE(Contains(rest.out, "opvang")) << rest.out;
  EXPECT_FALSE(Contains(rest.out, "(more:")) << rest.out;
  // Filters that match nothing say so, and --author says what it takes.
  ProcessResult none = env.Cli({"crisis", "entries", "1", "--author", "m.gerritsen"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_TRUE(Contains(none.out, "No entries match.\n(--author takes the account name")) << none.out;
  ProcessResult zero = env.Cli({"crisis", "entries", "1", "--limit", "0"});
  EXPECT_NE(zero.exit_code, 0);
  EXPECT_TRUE(Contains(zero.err, "--limit must be 1 or more, not 0")) << zero.err;
  EXPECT_EQ(env.StopServer(), 0);
}

// A corrected decision in the handover report is struck through and followed by what its
// correction says; the JSON names the corrections too.
TEST(CrisisCli, HandoverShowsWhatCorrectionsSay) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("officer"));
  ProcessResult h = env.Cli({"crisis", "handover", "1", "--since", "2000-01-01 00:00"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_TRUE(Contains(h.out, "what was logged since 2000-01-01 00:00")) << h.out;
  EXPECT_TRUE(Contains(h.out, "[corrected by #15]\n    correction #15: ")) << h.out;
  // What the shift judged and finished comes along: the demo's assessments, and the letter
  // to the residents (#7) that was sent.
  EXPECT_TRUE(Contains(h.out, "== Assessments (oordelen) since ==\n#")) << h.out;
  EXPECT_TRUE(Contains(h.out, "== Actions finished since ==\n#7 ")) << h.out;
  ProcessResult json = env.Cli({"crisis", "handover", "1", "--since", "2000-01-01 00:00", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"corrected_by\": [")) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"corrections\": [")) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"corrects\": 14")) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"finished_actions\": [")) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"finished\": \"")) << json.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// Only the time of an entry was wrong: a correction with --event-time alone keeps its words.
TEST(CrisisCli, ACorrectionOfTheTimeAloneKeepsTheWords) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  const absl::Time when = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) / 60 * 60) -
                          absl::Hours(3);
  const std::string iso = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", when, absl::UTCTimeZone());
  // Entry 15 corrects 14 (the demo): the end of the chain is the one to correct.
  ProcessResult fixed = env.Cli({"crisis", "correct", "1", "15", "--event-time", iso, "--json"});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_TRUE(Contains(fixed.out, "\"corrects\": 15")) << fixed.out;
  EXPECT_TRUE(Contains(fixed.out, absl::StrCat("\"event_time\": \"", iso, "\""))) << fixed.out;
  ProcessResult again = env.Cli({"crisis", "entries", "1", "--after", "14", "--limit", "1", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  // The words of #15, as they were.
  const size_t at = again.out.find("\"text\": ");
  ASSERT_NE(at, std::string::npos) << again.out;
  std::string text15 = again.out.substr(at, again.out.find('\n', at) - at);
  if (!text15.empty() && text15.back() == ',') text15.pop_back();
  EXPECT_TRUE(Contains(fixed.out, text15)) << text15 << "\n" << fixed.out;
  // Neither given: the words are asked for.
  ProcessResult neither = env.Cli({"crisis", "correct", "1", "21"});
  EXPECT_EQ(neither.exit_code, 2);  // a usage error
  EXPECT_TRUE(Contains(neither.err, "--text")) << neither.err;
  EXPECT_EQ(env.StopServer(), 0);
}

TEST(CrisisCli, OpenLogCorrectShow) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));

  ProcessResult open = env.Cli({"crisis", "open", "--title", "Hoogwater Maas", "--type",
                                "overstroming", "--municipality", "wijchen", "--grip", "1",
                                "--text", "Waterstand stijgt"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_TRUE(Contains(open.out, "Crisis 2: Hoogwater Maas\n  *** GRIP 1 ***   open")) << open.out;
  EXPECT_FALSE(Contains(open.out, "WARNING")) << open.out;
  // A colleague opens it again under stress: it is opened, with a warning that names the first.
  ProcessResult twice = env.Cli({"crisis", "open", "--title", "hoogwater maas ", "--type",
                                 "overstroming", "--municipality", "wijchen"});
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  EXPECT_TRUE(Contains(twice.out, "WARNING: crisis 2 'Hoogwater Maas' is open too (opened "))
      << twice.out;
  EXPECT_TRUE(Contains(twice.out, "); if it is the same crisis, log in that one and close crisis 3\n"))
      << twice.out;
  ASSERT_EQ(env.Cli({"crisis", "close", "3", "--text", "Dubbel geopend; zie crisis 2"}).exit_code, 0);

  ProcessResult log = env.Cli({"crisis", "log", "2", "--kind", "besluit", "--text",
                               "Zandzakken uitdelen", "--idempotency-key", "e2e-1"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_TRUE(Contains(log.out, "Logged #2 ")) << log.out;
  EXPECT_TRUE(Contains(log.out, " decision by Marieke Gerritsen\n    Zandzakken uitdelen")) << log.out;
  // A retry (the same key and request) is not a second entry.
  ProcessResult again = env.Cli({"crisis", "log", "2", "--kind", "besluit", "--text",
                                 "Zandzakken uitdelen", "--idempotency-key", "e2e-1"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "Already logged (same request): #2 ")) << again.out;

  ProcessResult correct =
      env.Cli({"crisis", "correct", "2", "2", "--text", "Zandzakken uitdelen aan de Maasdijk"});
  ASSERT_EQ(correct.exit_code, 0) << correct.err;
  EXPECT_TRUE(Contains(correct.out, "Logged #3 ")) << correct.out;
  EXPECT_TRUE(Contains(correct.out, "corrects #2: Zandzakken uitdelen aan de Maasdijk")) << correct.out;

  ProcessResult show = env.Cli({"crisis", "show", "2"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "Crisis 2: Hoogwater Maas")) << show.out;
  EXPECT_TRUE(Contains(show.out, "3 entries")) << show.out;
  // The corrected entry is struck through (U+0336 after every character) with a pointer.
  EXPECT_TRUE(Contains(show.out, "Z\u0336a\u0336n\u0336d\u0336")) << show.out;
  EXPECT_TRUE(Contains(show.out, "[corrected by #3]")) << show.out;
  EXPECT_FALSE(Contains(show.out, "Zandzakken uitdelen\n")) << show.out;

  // A corrected action is listed with its corrected words; correcting a GRIP change says
  // that the level stays (it changes by `crisis grip`).
  // A deadline given as a date alone is the end of that day.
  ProcessResult action = env.Cli({"crisis", "action", "2", "--text", "Bussen regelen", "--owner",
                                  "h.devries", "--deadline", "2031-03-14"});
  ASSERT_EQ(action.exit_code, 0) << action.err;
  ProcessResult fix = env.Cli({"crisis", "correct", "2", "4", "--text", "Bussen en taxi's regelen"});
  ASSERT_EQ(fix.exit_code, 0) << fix.err;
  EXPECT_TRUE(Contains(fix.out, "The action list now shows the corrected words of action #4")) << fix.out;
  ProcessResult actions = env.Cli({"crisis", "actions", "--crisis", "2"});
  ASSERT_EQ(actions.exit_code, 0) << actions.err;
  EXPECT_TRUE(Contains(actions.out, "Bussen en taxi's regelen [corrected by #5]")) << actions.out;
  EXPECT_TRUE(Contains(actions.out, "2031-03-14 23:59")) << actions.out;
  ProcessResult grip = env.Cli({"crisis", "grip", "2", "3", "--text", "Opschaling"});
  ASSERT_EQ(grip.exit_code, 0) << grip.err;
  ProcessResult regret = env.Cli({"crisis", "correct", "2", "6", "--text", "Bedoeld was GRIP 2"});
  ASSERT_EQ(regret.exit_code, 0) << regret.err;
  EXPECT_TRUE(Contains(regret.out, "Note: this corrects what entry #6 says, not the GRIP level it "
                                   "set. To change the level: paraat crisis grip 2 LEVEL"))
      << regret.out;

  // Refusals come with the server's reason and exit code 1.
  ProcessResult empty = env.Cli({"crisis", "log", "2", "--kind", "decision", "--text", " "});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_TRUE(Contains(empty.err, "text is empty")) << empty.err;
  ProcessResult unknown = env.Cli({"crisis", "log", "9", "--kind", "decision", "--text", "x"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, "unknown crisis 9")) << unknown.err;
  ASSERT_EQ(env.Login("officer").exit_code, 0);
  ProcessResult officer = env.Cli({"crisis", "log", "2", "--kind", "decision", "--text", "x"});
  EXPECT_EQ(officer.exit_code, 1);
  EXPECT_TRUE(Contains(officer.err, "writing to a crisis log needs the role coordinator")) << officer.err;

  EXPECT_EQ(env.StopServer(), 0);
}

// Closing a crisis names the actions still open; they leave the list across crises and are
// not overdue any more (a closed crisis asks nothing of anyone), and its own list keeps them.
TEST(CrisisCli, ClosingNamesTheActionsStillOpen) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  // Logged afterwards: the power failed the day before yesterday.
  const absl::Time began = absl::Now() - absl::Hours(48);
  ProcessResult open = env.Cli({"crisis", "open", "--title", "Stroomstoring", "--type", "stroom",
                                "--municipality", "wijchen", "--grip", "1", "--event-time",
                                absl::FormatTime(absl::RFC3339_sec, began, absl::UTCTimeZone())});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  // Overdue at once: its deadline (yesterday) has passed.
  // Written up afterwards from the paper log: the action was given an hour after it began.
  ProcessResult action =
      env.Cli({"crisis", "action", "2", "--text", "Aggregaat ophalen", "--owner", "h.devries",
               "--deadline",
               absl::FormatTime(absl::RFC3339_sec, began + absl::Hours(24), absl::UTCTimeZone()),
               "--event-time",
               absl::FormatTime(absl::RFC3339_sec, began + absl::Hours(1), absl::UTCTimeZone())});
  ASSERT_EQ(action.exit_code, 0) << action.err;
  ProcessResult logged = env.Cli({"crisis", "entries", "2", "--kind", "action", "--json"});
  EXPECT_TRUE(Contains(logged.out, absl::StrCat("\"event_time\": \"",
                                                absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                                                                 began + absl::Hours(1),
                                                                 absl::UTCTimeZone()),
                                                "\"")))
      << logged.out;
  ProcessResult before = env.Cli({"crisis", "actions", "--crisis", "2"});
  EXPECT_TRUE(Contains(before.out, "OVERDUE")) << before.out;
  ProcessResult close = env.Cli({"crisis", "close", "2", "--text", "Stroom hersteld"});
  ASSERT_EQ(close.exit_code, 0) << close.err;
  EXPECT_TRUE(Contains(close.out, "1 action was still open when the crisis closed (reopen it to "
                                  "finish or cancel them):\n  #2 Aggregaat ophalen ("))
      << close.out;
  ProcessResult all = env.Cli({"crisis", "actions"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_FALSE(Contains(all.out, "Aggregaat ophalen")) << all.out;
  ProcessResult its = env.Cli({"crisis", "actions", "--crisis", "2"});
  ASSERT_EQ(its.exit_code, 0) << its.err;
  EXPECT_TRUE(Contains(its.out, "Aggregaat ophalen")) << its.out;
  EXPECT_FALSE(Contains(its.out, "OVERDUE")) << its.out;
  ProcessResult json = env.Cli({"crisis", "actions", "--crisis", "2", "--json"});
  EXPECT_TRUE(Contains(json.out, "\"overdue\": false")) << json.out;
  EXPECT_FALSE(Contains(json.out, "\"overdue\": true")) << json.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// An append that could not be confirmed names its idempotency key; the same command with that
// key, once the server is back, logs it exactly once.
TEST(CrisisCli, AnUnconfirmedAppendNamesItsKey) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  ASSERT_EQ(env.StopServer(), 0);
  ProcessResult lost = env.Cli({"crisis", "log", "1", "--kind", "beeld", "--text", "Rustig"});
  EXPECT_EQ(lost.exit_code, 1);
  const std::string key = After(lost.err, "Run the same command again with --idempotency-key ");
  ASSERT_EQ(key.size(), 32u) << lost.err;
  env.StartServer();  // on another port: log in there
  ASSERT_EQ(env.Login("coordinator").exit_code, 0);
  ProcessResult again = env.Cli({"crisis", "log", "1", "--kind", "beeld", "--text", "Rustig",
                                 "--idempotency-key", key});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "Logged #")) << again.out;
  ProcessResult twice = env.Cli({"crisis", "log", "1", "--kind", "beeld", "--text", "Rustig",
                                 "--idempotency-key", key});
  EXPECT_TRUE(Contains(twice.out, "Already logged (same request)")) << twice.out;
  EXPECT_EQ(env.StopServer(), 0);
}

TEST(CrisisCli, ExportVerifyAndAnEditedEntry) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("officer"));
  const std::string file = env.path() + "/crisis-1.json";
  ProcessResult exported = env.Cli({"crisis", "export", "1", "-o", file});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_TRUE(Contains(exported.err, "Wrote 20 of 20 entries of crisis 1 to " + file)) << exported.err;
  // The log may name people: the file is the user's alone.
  struct stat st;
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // Which entries are corrected is in show --json too (the demo's decision 14, by 15).
  ProcessResult show = env.Cli({"crisis", "show", "1", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "\"corrected_by\": [\n")) << show.out;

  ProcessResult key = RunProcess({PARAAT_SERVER_BIN, "key", "--data-dir", env.data_dir()});
  ASSERT_EQ(key.exit_code, 0) << key.err;
  const std::string public_key(absl::StripTrailingAsciiWhitespace(key.out));
  ASSERT_TRUE(Contains(public_key, "paraat.tweestromenland+")) << public_key;

  ProcessResult ok = env.Cli({"crisis", "verify", file, "--key", public_key});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(Contains(ok.out, "OK: crisis 1 (Opvang vluchtelingen): 20 entries checked against "
                               "the checkpoint of 20 entries signed by paraat.tweestromenland."))
      << ok.out;

  // One entry's text edited in the file: verification fails naming it.
  const std::string original = ReadFile(file);
  const std::string edited = absl::StrReplaceAll(
      original, {{"Noodopvang in Heumensoord voor 300 personen, 4 weken.",
                  "Noodopvang in Heumensoord voor 30 personen, 4 weken."}});
  ASSERT_NE(edited, original);
  WriteFile(file, edited);
  ProcessResult failed = env.Cli({"crisis", "verify", file, "--key", public_key});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_TRUE(Contains(failed.err, "VERIFICATION FAILED: entry 5 (decision by coordinator) does "
                                   "not match its signed leaf: it was changed after it was logged"))
      << failed.err;

  // A filtered export still verifies: it carries the leaf hashes of the entries left out.
  const std::string decisions = env.path() + "/decisions.json";
  ProcessResult filtered = env.Cli({"crisis", "export", "1", "--kind", "decision", "-o", decisions});
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
  EXPECT_TRUE(Contains(filtered.err, "Wrote 3 of 20 entries")) << filtered.err;
  ProcessResult some = env.Cli({"crisis", "verify", decisions, "--key", public_key});
  ASSERT_EQ(some.exit_code, 0) << some.err;
  EXPECT_TRUE(Contains(some.out, ": 3 entries checked against the checkpoint of 20 entries")) << some.out;
  EXPECT_TRUE(Contains(some.out, "Filtered export (")) << some.out;
  EXPECT_TRUE(Contains(some.out, "): 3 of 20 entries are in the file; the others are only counted, "
                                 "not shown."))
      << some.out;

  // Without a trusted key the file is only consistent with the key it carries: not verified.
  ProcessResult keyless = env.Cli({"crisis", "verify", decisions});
  EXPECT_EQ(keyless.exit_code, 1);
  EXPECT_TRUE(Contains(keyless.out, "Consistent with the key inside the file: crisis 1")) << keyless.out;
  EXPECT_TRUE(Contains(keyless.err, "NOT VERIFIED: no trusted key was given")) << keyless.err;

  // A readable report is no evidence, and says so rather than failing to parse.
  const std::string report = env.path() + "/crisis-1.md";
  ASSERT_EQ(env.Cli({"crisis", "export", "1", "--format", "markdown", "-o", report}).exit_code, 0);
  ProcessResult md_verify = env.Cli({"crisis", "verify", report, "--key", public_key});
  EXPECT_EQ(md_verify.exit_code, 1);
  EXPECT_TRUE(Contains(md_verify.err, report + " is not a verifiable export")) << md_verify.err;

  // The readable report strikes the corrected decision through.
  ProcessResult md = env.Cli({"crisis", "export", "1", "--format", "markdown", "-o", "-"});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_TRUE(Contains(md.out, "# Crisis 1: Opvang vluchtelingen")) << md.out;
  EXPECT_TRUE(Contains(md.out, "~~Verlenging tot eind januari; Beuningen biedt een tweede locatie.~~\n\n"
                               "_Corrected by entry 15._"))
      << md.out;

  EXPECT_EQ(env.StopServer(), 0);
  ProcessResult verify = RunProcess({PARAAT_SERVER_BIN, "verify", "--data-dir", env.data_dir()});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_TRUE(Contains(verify.out, "Everything verifies.")) << verify.out;
}

TEST(CrisisCli, WatchReceivesWhatAnotherProcessAppends) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("coordinator"));
  BackgroundProcess watch({PARAAT_CLI_BIN, "crisis", "watch", "1", "--count", "23"},
                          {{"PARAAT_CONFIG_DIR", env.client_dir()},
                           {"PARAAT_SERVER", env.address()}},
                          env.path());
  // The whole log first ...
  ASSERT_TRUE(watch.WaitForOutput("#20 ", absl::Seconds(20))) << watch.Stderr();
  // ... then what another CLI process logs.
  for (const char* text : {"Eerste live", "Tweede live", "Derde live"}) {
    ProcessResult log = env.Cli({"crisis", "log", "1", "--kind", "message", "--text", text});
    ASSERT_EQ(log.exit_code, 0) << log.err;
  }
  EXPECT_EQ(watch.Wait(absl::Seconds(20)), 0) << watch.Stderr();
  const std::string out = watch.Stdout();
  const size_t first = out.find("#21 ");
  const size_t second = out.find("#22 ");
  const size_t third = out.find("#23 ");
  ASSERT_NE(first, std::string::npos) << out;
  ASSERT_NE(second, std::string::npos) << out;
  ASSERT_NE(third, std::string::npos) << out;
  EXPECT_LT(out.find("#20 "), first);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_TRUE(Contains(out.substr(first), "message by Marieke Gerritsen\n    Eerste live")) << out;
  EXPECT_TRUE(Contains(out.substr(third), "Derde live")) << out;
  EXPECT_FALSE(Contains(out, "#24 "));
  EXPECT_EQ(env.StopServer(), 0);
}

}  // namespace
}  // namespace paraat::testing
