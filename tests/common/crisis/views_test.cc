// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/views.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::crisis {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const absl::Time kNow = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z (01:00 CET)

Entry Make(int64_t crisis_id, int64_t seq, EntryKind kind, std::string text,
           absl::Time entered = kNow) {
  Entry e;
  e.crisis_id = crisis_id;
  e.seq = seq;
  e.kind = kind;
  e.author = "coordinator";
  e.author_name = "Marieke Gerritsen";
  e.entered = entered;
  e.event_time = entered;
  e.text = std::move(text);
  return e;
}

Entry Action(int64_t crisis_id, int64_t seq, std::string owner, std::optional<absl::Time> deadline,
             std::string text = "actie") {
  Entry e = Make(crisis_id, seq, EntryKind::kAction, std::move(text));
  e.action_owner = std::move(owner);
  e.action_deadline = deadline;
  e.action_status = "open";
  return e;
}

Entry Update(int64_t crisis_id, int64_t seq, int64_t action, std::string status,
             std::string owner = "", std::optional<absl::Time> deadline = std::nullopt) {
  Entry e = Make(crisis_id, seq, EntryKind::kActionUpdate, "");
  e.action_ref = action;
  e.action_status = std::move(status);
  e.action_owner = std::move(owner);
  e.action_deadline = deadline;
  return e;
}

Entry Correction(int64_t seq, int64_t corrects, std::string text) {
  Entry e = Make(1, seq, EntryKind::kCorrection, std::move(text));
  e.corrects = corrects;
  e.refs = {corrects};
  return e;
}

std::vector<std::pair<int64_t, int64_t>> Keys(const std::vector<ActionState>& actions) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const ActionState& a : actions) out.emplace_back(a.crisis_id, a.seq);
  return out;
}

TEST(ViewsTest, CorrectionsMapEachEntryToItsCorrectionsInOrder) {
  const std::vector<Entry> log = {Make(1, 1, EntryKind::kOpened, ""),
                                  Make(1, 2, EntryKind::kDecision, "tot eind januari"),
                                  Correction(3, 2, "tot half februari"),
                                  Make(1, 4, EntryKind::kMessage, "brief"),
                                  Correction(5, 2, "tot eind februari"),
                                  Correction(6, 4, "brief van het COA")};
  const auto c = Corrections(log);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.at(2), std::vector<int64_t>({3, 5}));
  EXPECT_EQ(c.at(4), std::vector<int64_t>({6}));
}

TEST(ViewsTest, FoldActionsAppliesEveryUpdateToItsActionOnly) {
  const absl::Time d1 = kNow + absl::Hours(24);
  const absl::Time d2 = kNow + absl::Hours(48);
  const std::vector<Entry> log = {
      Action(1, 3, "h.devries", d1, "Bedden regelen"),
      Action(1, 4, "i.verhoeven", std::nullopt, "Bewonersbrief"),
      Action(2, 3, "e.willems", d1, "Locatie Beuningen"),  // same seq, another crisis
      Update(1, 5, 3, "in-progress"),
      Update(1, 6, 3, "", "g.smits", d2),  // owner and deadline change, status stays
      Update(1, 7, 4, "done"),
      Update(1, 8, 99, "done"),              // no such action: ignored
      Update(2, 4, 3, "cancelled"),
  };
  const std::vector<ActionState> a = FoldActions(log);
  ASSERT_EQ(Keys(a), (std::vector<std::pair<int64_t, int64_t>>{{1, 3}, {1, 4}, {2, 3}}));
  EXPECT_EQ(a[0].text, "Bedden regelen");
  EXPECT_EQ(a[0].owner, "g.smits");
  EXPECT_EQ(a[0].deadline, d2);
  EXPECT_EQ(a[0].status, ActionStatus::kInProgress);
  EXPECT_EQ(a[0].last_change, 6);
  EXPECT_EQ(a[0].created, kNow);
  EXPECT_EQ(a[1].owner, "i.verhoeven");
  EXPECT_EQ(a[1].status, ActionStatus::kDone);
  EXPECT_TRUE(a[1].finished());
  EXPECT_EQ(a[1].last_change, 7);
  EXPECT_EQ(a[2].owner, "e.willems");
  EXPECT_EQ(a[2].status, ActionStatus::kCancelled);
  EXPECT_EQ(a[2].last_change, 4);
  EXPECT_FALSE(a[0].finished_at.has_value());
  EXPECT_EQ(a[1].finished_at, kNow);
}

// When an action was finished is the moment the update that finished it was logged; taken up
// again, it is not finished.
TEST(ViewsTest, FinishedAtIsWhenTheFinishingUpdateWasLogged) {
  Entry done = Update(1, 2, 1, "done");
  done.entered = kNow - absl::Hours(2);
  Entry note = Update(1, 3, 1, "");
  note.entered = kNow - absl::Hours(1);
  std::vector<Entry> log = {Action(1, 1, "g.smits", std::nullopt), done, note};
  std::vector<ActionState> a = FoldActions(log);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].finished_at, kNow - absl::Hours(2));
  log.push_back(Update(1, 4, 1, "in-progress"));
  a = FoldActions(log);
  EXPECT_FALSE(a[0].finished_at.has_value());
}

// A corrected action says what its correction says (and a corrected correction, what
// corrects that); corrections of other entries, and of updates, leave the actions alone.
TEST(ViewsTest, FoldActionsTakesTheWordsOfTheLatestCorrection) {
  const std::vector<Entry> log = {
      Action(1, 3, "h.devries", std::nullopt, "Bussen regelen"),
      Action(1, 4, "i.verhoeven", std::nullopt, "Bewonersbrief"),
      Update(1, 5, 3, "in-progress"),
      Correction(6, 3, "Bussen en taxi's regelen"),
      Correction(7, 5, "nog niet begonnen"),  // corrects the update: status stays
      Correction(8, 6, "Bussen en taxi's regelen voor 40 personen"),
      Correction(9, 2, "iets anders"),
  };
  const std::vector<ActionState> a = FoldActions(log);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].text, "Bussen en taxi's regelen voor 40 personen");
  EXPECT_EQ(a[0].text_corrected_by, 8);
  EXPECT_EQ(a[0].status, ActionStatus::kInProgress);
  EXPECT_EQ(a[0].last_change, 5);
  EXPECT_EQ(a[1].text, "Bewonersbrief");
  EXPECT_EQ(a[1].text_corrected_by, 0);
}

TEST(ViewsTest, OverdueMeansUnfinishedWithADeadlineInThePast) {
  ActionState a;
  a.deadline = kNow - absl::Seconds(1);
  EXPECT_TRUE(a.overdue(kNow));
  a.status = ActionStatus::kInProgress;
  EXPECT_TRUE(a.overdue(kNow));
  a.status = ActionStatus::kDone;
  EXPECT_FALSE(a.overdue(kNow));
  a.status = ActionStatus::kOpen;
  a.deadline = kNow;
  EXPECT_FALSE(a.overdue(kNow));
  a.deadline.reset();
  EXPECT_FALSE(a.overdue(kNow));
}

TEST(ViewsTest, SortForAttentionPutsOverdueFirstThenDeadlineThenNone) {
  auto state = [](int64_t crisis, int64_t seq, std::optional<absl::Time> deadline,
                  ActionStatus status = ActionStatus::kOpen) {
    ActionState a;
    a.crisis_id = crisis;
    a.seq = seq;
    a.deadline = deadline;
    a.status = status;
    return a;
  };
  std::vector<ActionState> actions = {
      state(1, 1, std::nullopt),
      state(1, 2, kNow + absl::Hours(5)),
      state(2, 1, kNow - absl::Hours(1)),                        // overdue, latest
      state(1, 3, kNow - absl::Hours(30), ActionStatus::kDone),  // finished: last
      state(1, 4, kNow - absl::Hours(2)),                        // overdue, earliest
      state(2, 2, kNow + absl::Hours(1)),
      state(1, 5, std::nullopt),
      state(1, 6, kNow + absl::Hours(5)),  // same deadline as (1,2): crisis, then seq
      state(0, 9, kNow + absl::Hours(5)),
  };
  SortForAttention(actions, kNow);
  EXPECT_EQ(Keys(actions), (std::vector<std::pair<int64_t, int64_t>>{
                               {1, 4}, {2, 1}, {2, 2}, {0, 9}, {1, 2}, {1, 6}, {1, 1}, {1, 5},
                               {1, 3}}));
}

TEST(ViewsTest, HandoverHoldsWhatTheNextShiftNeeds) {
  const absl::Time since = kNow - absl::Hours(12);
  const absl::Time before = since - absl::Hours(1);
  const absl::Time after = since + absl::Hours(1);
  Crisis c;
  c.id = 1;
  c.grip = "2";
  Entry grip_before = Make(1, 2, EntryKind::kGripChange, "", before);
  grip_before.grip = "1";
  Entry grip_after = Make(1, 8, EntryKind::kGripChange, "", after);
  grip_after.grip = "2";
  const std::vector<Entry> log = {
      Make(1, 1, EntryKind::kOpened, "", before),
      grip_before,
      Make(1, 3, EntryKind::kDecision, "oud besluit", before),
      Make(1, 4, EntryKind::kSituation, "oud beeld", before),
      Action(1, 5, "h.devries", kNow - absl::Hours(3), "te laat"),
      Action(1, 6, "g.smits", kNow + absl::Hours(3), "op tijd"),
      Action(1, 7, "g.smits", std::nullopt, "klaar"),
      grip_after,
      Make(1, 9, EntryKind::kDecision, "nieuw besluit", after),
      Correction(10, 9, "nieuw besluit, verbeterd"),
      Make(1, 11, EntryKind::kSituation, "nieuw beeld", after),
      Update(1, 12, 7, "done"),
      Make(1, 13, EntryKind::kAssessment, "oordeel", after),
      Make(1, 14, EntryKind::kAssessment, "oud oordeel", before),
  };
  // Finished before the shift began: not news for the next one.
  std::vector<Entry> with_old = log;
  with_old.insert(with_old.begin() + 5, Action(1, 15, "g.smits", std::nullopt, "al klaar"));
  Entry old_done = Update(1, 16, 15, "cancelled");
  old_done.entered = old_done.event_time = before;
  with_old.insert(with_old.begin() + 6, old_done);
  const HandoverReport r = BuildHandover(c, with_old, since, kNow);
  EXPECT_EQ(r.since, since);
  EXPECT_EQ(r.grip, "2");
  ASSERT_EQ(r.decisions.size(), 1u);
  EXPECT_EQ(r.decisions[0].seq, 9);
  ASSERT_EQ(r.grip_changes.size(), 1u);
  EXPECT_EQ(r.grip_changes[0].seq, 8);
  ASSERT_TRUE(r.latest_situation.has_value());
  EXPECT_EQ(r.latest_situation->seq, 11);
  EXPECT_EQ(Keys(r.open_actions), (std::vector<std::pair<int64_t, int64_t>>{{1, 5}, {1, 6}}));
  EXPECT_TRUE(r.open_actions[0].overdue(kNow));
  EXPECT_EQ(r.corrections.at(9), std::vector<int64_t>({10}));
  // The assessments logged since, and the actions finished since (done or cancelled).
  ASSERT_EQ(r.assessments.size(), 1u);
  EXPECT_EQ(r.assessments[0].seq, 13);
  EXPECT_EQ(Keys(r.finished_actions), (std::vector<std::pair<int64_t, int64_t>>{{1, 7}}));
  ASSERT_TRUE(r.finished_actions[0].finished_at.has_value());
  EXPECT_EQ(*r.finished_actions[0].finished_at, kNow);

  // The latest situation is reported even when it is older than `since`.
  const std::vector<Entry> quiet = {Make(1, 1, EntryKind::kOpened, "", before),
                                    Make(1, 2, EntryKind::kSituation, "rustig", before)};
  const HandoverReport q = BuildHandover(c, quiet, since, kNow);
  ASSERT_TRUE(q.latest_situation.has_value());
  EXPECT_EQ(q.latest_situation->text, "rustig");
  EXPECT_TRUE(q.decisions.empty());
  EXPECT_TRUE(q.open_actions.empty());
  EXPECT_FALSE(q.latest_handover.has_value());
  EXPECT_TRUE(q.other_since.empty());

  // What the shift before said at its handover (also before `since`), and the messages,
  // closing and reopening logged since.
  const std::vector<Entry> shifts = {
      Make(1, 1, EntryKind::kOpened, "", before),
      Make(1, 2, EntryKind::kHandover, "overdracht ochtend", before),
      Make(1, 3, EntryKind::kMessage, "oud bericht", before),
      Make(1, 4, EntryKind::kHandover, "overdracht middag", before + absl::Minutes(30)),
      Make(1, 5, EntryKind::kMessage, "Rijkswaterstaat: piek maandag 04:00", after),
      Make(1, 6, EntryKind::kClosed, "gesloten", after),
      Make(1, 7, EntryKind::kReopened, "heropend", after)};
  const HandoverReport h = BuildHandover(c, shifts, since, kNow);
  ASSERT_TRUE(h.latest_handover.has_value());
  EXPECT_EQ(h.latest_handover->seq, 4);
  std::vector<int64_t> other;
  for (const Entry& e : h.other_since) other.push_back(e.seq);
  EXPECT_EQ(other, (std::vector<int64_t>{5, 6, 7}));
}

// What was logged afterwards takes its place by when it happened: the latest situation is the
// one that happened last, and so is the GRIP change that sets the level in force.
TEST(ViewsTest, LatestSituationAndLevelGoByWhenItHappened) {
  Crisis c;
  c.id = 1;
  c.grip = "2";
  Entry opened = Make(1, 1, EntryKind::kOpened, "", kNow - absl::Hours(5));
  opened.grip = "1";
  Entry up = Make(1, 2, EntryKind::kGripChange, "", kNow - absl::Hours(1));
  up.grip = "2";
  Entry now = Make(1, 3, EntryKind::kSituation, "Waterstand 12,6 m", kNow - absl::Minutes(10));
  // Logged last, happened earlier.
  Entry report = Make(1, 4, EntryKind::kSituation, "Melding van 07:30: 11,8 m", kNow);
  report.event_time = kNow - absl::Hours(2);
  Entry late_grip = Make(1, 5, EntryKind::kGripChange, "", kNow);
  late_grip.event_time = kNow - absl::Hours(3);
  late_grip.grip = "1";
  const std::vector<Entry> log = {opened, up, now, report, late_grip};
  const HandoverReport r = BuildHandover(c, log, kNow - absl::Hours(12), kNow);
  ASSERT_TRUE(r.latest_situation.has_value());
  EXPECT_EQ(r.latest_situation->seq, 3);
  EXPECT_EQ(GripInForce(log), "2");
  // The handover lists the GRIP changes in the order they happened: the last is the level in
  // force.
  ASSERT_EQ(r.grip_changes.size(), 2u);
  EXPECT_EQ(r.grip_changes[0].seq, 5);
  EXPECT_EQ(r.grip_changes[1].seq, 2);
  EXPECT_TRUE(HappenedAfter(now, report));
  EXPECT_FALSE(HappenedAfter(report, now));
  // At the same moment, the one logged later counts.
  Entry same = Make(1, 6, EntryKind::kGripChange, "", kNow);
  same.event_time = up.event_time;
  same.grip = "3";
  EXPECT_EQ(GripInForce({opened, up, now, report, late_grip, same}), "3");
  EXPECT_EQ(GripInForce({now}), "");
}

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

Crisis ReportCrisis() {
  Crisis c;
  c.id = 1;
  c.title = "Opvang *vluchtelingen*";
  c.type = "opvang";
  c.municipalities = {"heumen", "wijchen"};
  c.grip = "outside";
  c.opened = kNow - absl::Hours(24);
  c.opened_by = "coordinator";
  c.entries = 4;
  return c;
}

std::vector<Entry> ReportLog() {
  Entry opened = Make(1, 1, EntryKind::kOpened, "COA vraagt noodopvang", kNow - absl::Hours(24));
  opened.title = "Opvang";
  opened.type = "opvang";
  opened.grip = "outside";
  Entry decision = Make(1, 2, EntryKind::kDecision, "Verlenging tot eind januari");
  decision.event_time = kNow - absl::Hours(2);
  return {opened, decision, Correction(3, 2, "Verlenging tot half februari"),
          Make(1, 4, EntryKind::kMessage, "regel 1\nregel 2 met <b>html</b>")};
}

TEST(ViewsTest, MarkdownStrikesCorrectedEntriesThroughWithAPointer) {
  const std::vector<Entry> log = ReportLog();
  const std::string md = RenderMarkdown(ReportCrisis(), log, Corrections(log), Amsterdam(), "");
  EXPECT_THAT(md, ::testing::StartsWith("# Crisis 1: Opvang \\*vluchtelingen\\*\n\n"));
  EXPECT_THAT(md, HasSubstr("| Level | buiten GRIP |\n"));
  EXPECT_THAT(md, HasSubstr("| Status | open |\n"));
  EXPECT_THAT(md, HasSubstr("| Entries | 4 |\n"));
  EXPECT_THAT(md, HasSubstr("## 1. opened (buiten GRIP)\n"));
  EXPECT_THAT(md, HasSubstr("## 2. decision\n\nHappened 2025-12-31 23:00, logged 2026-01-01 01:00 "
                            "by Marieke Gerritsen (coordinator)\n\n"
                            "~~Verlenging tot eind januari~~\n\n"
                            "_Corrected by entry 3._\n\n"));
  EXPECT_THAT(md, HasSubstr("## 3. correction\n\nHappened 2026-01-01 01:00, logged 2026-01-01 01:00 "
                            "by Marieke Gerritsen (coordinator); refers to 2; corrects entry 2\n\n"
                            "Verlenging tot half februari\n\n"));
  // The correction itself is not struck through, and only corrected entries are.
  EXPECT_THAT(md, Not(HasSubstr("~~Verlenging tot half februari~~")));
  EXPECT_THAT(md, Not(HasSubstr("~~COA")));
  // Markdown and HTML in the text are escaped; line breaks survive.
  EXPECT_THAT(md, HasSubstr("regel 1  \nregel 2 met &lt;b>html&lt;/b>"));
  EXPECT_THAT(md, Not(HasSubstr("only entries matching")));
  EXPECT_THAT(md, HasSubstr("Times are Europe/Amsterdam."));
}

TEST(ViewsTest, ACorrectionOfACorrectionComesAlong) {
  const std::map<int64_t, std::vector<int64_t>> corrections = {{3, {5}}, {5, {8, 9}}, {4, {6}}};
  EXPECT_EQ(WithTheirCorrections(corrections, {3}), (std::set<int64_t>{3, 5, 8, 9}));
  EXPECT_EQ(WithTheirCorrections(corrections, {7}), (std::set<int64_t>{7}));
}

TEST(ViewsTest, MarkdownShowsWhatAnActionUpdateChanges) {
  Crisis c = ReportCrisis();
  Entry update = Update(1, 5, 4, "");
  update.action_owner = "g.smits";
  update.action_deadline = kNow + absl::Hours(11);
  const std::vector<Entry> log = {update};
  const std::string md = RenderMarkdown(c, log, Corrections(log), Amsterdam(), "");
  EXPECT_THAT(md, HasSubstr("; action 4, owner g.smits, deadline 2026-01-01 12:00\n"));
}

TEST(ViewsTest, MarkdownOfAFilteredExportSaysSo) {
  const std::vector<Entry> log = ReportLog();
  const std::vector<Entry> decisions = {log[1]};
  // Corrections come from the whole log, so a filtered report still strikes corrected text.
  const std::string md =
      RenderMarkdown(ReportCrisis(), decisions, Corrections(log), Amsterdam(), "kind=decision");
  EXPECT_THAT(md, HasSubstr("_This report shows only entries matching: kind=decision._\n\n"));
  EXPECT_THAT(md, HasSubstr("~~Verlenging tot eind januari~~"));
  EXPECT_THAT(md, Not(HasSubstr("## 3.")));
  EXPECT_THAT(md, Not(HasSubstr("## 1.")));
}

TEST(ViewsTest, JsonLinesHaveOneObjectPerEntry) {
  const std::vector<Entry> log = ReportLog();
  const std::string lines = ToJsonLines(log);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 4);
  EXPECT_THAT(lines, HasSubstr("\"corrects\":2"));
  EXPECT_THAT(lines, HasSubstr("\"text\":\"regel 1\\nregel 2 met <b>html</b>\""));
  const json::Value first = ToJson(log[1]);
  EXPECT_EQ(first.Find("seq")->as_int(), 2);
  EXPECT_EQ(first.Find("kind")->as_string(), "decision");
  EXPECT_EQ(first.Find("event_time")->as_string(), "2025-12-31T22:00:00Z");
  EXPECT_EQ(first.Find("entered_us")->as_int(), 1767225600000000);
  EXPECT_EQ(first.Find("corrects"), nullptr);  // only present when set
}

}  // namespace
}  // namespace paraat::crisis
