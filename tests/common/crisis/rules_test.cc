// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/rules.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

// GCC 12 at -O3 reports impossible overlaps in the std::string assignments inlined into the
// lambdas below (GCC bug 105651, a false positive fixed in GCC 13).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace paraat::crisis {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z

// Crisis 1 at GRIP 1 for heumen and wijchen, with five entries:
// 1 opened, 2 situation, 3 action, 4 decision, 5 message.
LogState State(bool open = true) {
  static const std::map<int64_t, EntryKind>* const kKinds = new std::map<int64_t, EntryKind>{
      {1, EntryKind::kOpened}, {2, EntryKind::kSituation}, {3, EntryKind::kAction},
      {4, EntryKind::kDecision}, {5, EntryKind::kMessage}};
  LogState s;
  s.crisis.id = 1;
  s.crisis.title = "Opvang";
  s.crisis.type = "opvang";
  s.crisis.municipalities = {"heumen", "wijchen"};
  s.crisis.grip = "1";
  s.crisis.open = open;
  s.crisis.entries = 5;
  s.crisis.opened = kNow - absl::Hours(24 * 30);
  s.kind_of = [](int64_t seq) -> std::optional<EntryKind> {
    auto it = kKinds->find(seq);
    if (it == kKinds->end()) return std::nullopt;
    return it->second;
  };
  return s;
}

const Author kAuthor{"coordinator", "Marieke Gerritsen"};

AppendRequest Decision(std::string text = "Noodopvang in Heumensoord") {
  AppendRequest r;
  r.crisis_id = 1;
  r.kind = EntryKind::kDecision;
  r.text = std::move(text);
  r.idempotency_key = "k1";
  return r;
}

struct BadCase {
  std::string name;
  std::function<void(AppendRequest&)> edit;
  bool closed = false;
  absl::StatusCode code;
  std::string message;
};

// Every bad append of issue #6 that the rules decide, with its code and its message.
std::vector<BadCase> BadCases() {
  return {
      {"EmptyText", [](AppendRequest& r) { r.text = " \n\t "; }, false,
       absl::StatusCode::kInvalidArgument, "text is empty"},
      {"OverlongText", [](AppendRequest& r) { r.text = std::string(kMaxTextBytes + 1, 'x'); },
       false, absl::StatusCode::kInvalidArgument, "text is 16385 bytes long; at most 16384"},
      {"NoCrisis", [](AppendRequest& r) { r.crisis_id = 0; }, false,
       absl::StatusCode::kInvalidArgument, "crisis is required"},
      {"NoIdempotencyKey", [](AppendRequest& r) { r.idempotency_key.clear(); }, false,
       absl::StatusCode::kInvalidArgument,
       "idempotency_key is empty: every append carries a key chosen by the client, so a retry "
       "never makes a duplicate"},
      {"OverlongIdempotencyKey", [](AppendRequest& r) { r.idempotency_key = std::string(129, 'k'); },
       false, absl::StatusCode::kInvalidArgument, "idempotency_key is longer than 128 bytes"},
      {"TooManyRefs", [](AppendRequest& r) { r.refs = std::vector<int64_t>(kMaxRefs + 1, 1); },
       false, absl::StatusCode::kInvalidArgument, "refs: at most 50 references"},
      {"RefToMissingEntry", [](AppendRequest& r) { r.refs = {2, 9}; }, false,
       absl::StatusCode::kNotFound, "refs: entry 9 does not exist in crisis 1 (it has 5 entries)"},
      {"RefToEntryZero", [](AppendRequest& r) { r.refs = {2, 0}; }, false,
       absl::StatusCode::kInvalidArgument, "refs[1] is 0; entries are numbered from 1"},
      {"NegativeRef", [](AppendRequest& r) { r.refs = {-1}; }, false,
       absl::StatusCode::kInvalidArgument, "refs[0] is -1; entries are numbered from 1"},
      {"EscapeInText", [](AppendRequest& r) { r.text = "a\x1b[31mb"; }, false,
       absl::StatusCode::kInvalidArgument,
       "text contains a control character (0x1B) at byte 2; only line breaks and tabs are allowed"},
      {"NulInKey", [](AppendRequest& r) { r.idempotency_key = std::string("k\0k", 3); }, false,
       absl::StatusCode::kInvalidArgument, "idempotency_key contains a control character (0x00) at byte 2"},
      {"RefToItself", [](AppendRequest& r) { r.refs = {6}; }, false, absl::StatusCode::kNotFound,
       "refs: entry 6 does not exist in crisis 1 (it has 5 entries)"},
      {"ForeignMunicipality", [](AppendRequest& r) { r.municipalities = {"druten"}; }, false,
       absl::StatusCode::kInvalidArgument,
       "municipalities: 'druten' is not among the municipalities of crisis 1"},
      {"AppendToClosedCrisis", [](AppendRequest&) {}, true, absl::StatusCode::kFailedPrecondition,
       "crisis 1 is closed; reopen it first (only reopening is accepted)"},
      {"CloseAClosedCrisis", [](AppendRequest& r) { r.kind = EntryKind::kClosed; r.text = ""; },
       true, absl::StatusCode::kFailedPrecondition,
       "crisis 1 is closed; reopen it first (only reopening is accepted)"},
      {"GripChangeToAClosedCrisis",
       [](AppendRequest& r) { r.kind = EntryKind::kGripChange; r.grip = "2"; }, true,
       absl::StatusCode::kFailedPrecondition,
       "crisis 1 is closed; reopen it first (only reopening is accepted)"},
      {"ReopenAnOpenCrisis", [](AppendRequest& r) { r.kind = EntryKind::kReopened; r.text = ""; },
       false, absl::StatusCode::kFailedPrecondition, "crisis 1 is open"},
      {"EventTimeBeyondTolerance",
       [](AppendRequest& r) { r.event_time = kNow + kFutureTolerance + absl::Seconds(1); }, false,
       absl::StatusCode::kInvalidArgument,
       "event_time 2026-01-01 01:05 lies in the future (now 2026-01-01 01:00, Europe/Amsterdam "
       "time); give the time it happened"},
      {"EventBeforeTheCrisisBegan",
       [](AppendRequest& r) { r.event_time = kNow - absl::Hours(24 * 31); }, false,
       absl::StatusCode::kInvalidArgument,
       "event_time 2025-12-01 01:00 lies before crisis 1 began (2025-12-02 01:00, "
       "Europe/Amsterdam time); give the time it happened, and say what happened before the "
       "crisis in the text"},
      {"GripUnchanged", [](AppendRequest& r) { r.kind = EntryKind::kGripChange; r.grip = "GRIP 1"; },
       false, absl::StatusCode::kFailedPrecondition, "crisis 1 is already at GRIP 1"},
      {"GripNotALevel", [](AppendRequest& r) { r.kind = EntryKind::kGripChange; r.grip = "6"; },
       false, absl::StatusCode::kInvalidArgument,
       "grip: '6' is not a GRIP level (0 to 5, rijk, or outside for activation outside GRIP)"},
      {"ActionWithoutOwner", [](AppendRequest& r) { r.kind = EntryKind::kAction; }, false,
       absl::StatusCode::kInvalidArgument, "action_owner is required for an action"},
      {"ActionUpdateOfANonAction",
       [](AppendRequest& r) {
         r.kind = EntryKind::kActionUpdate;
         r.action_ref = 4;
         r.action_status = "done";
       },
       false, absl::StatusCode::kFailedPrecondition, "action_ref: entry 4 is not an action"},
      {"ActionUpdateOfAMissingEntry",
       [](AppendRequest& r) {
         r.kind = EntryKind::kActionUpdate;
         r.action_ref = 42;
         r.action_status = "done";
       },
       false, absl::StatusCode::kNotFound,
       "action_ref: entry 42 does not exist in crisis 1 (it has 5 entries)"},
      {"ActionUpdateWithoutRef",
       [](AppendRequest& r) { r.kind = EntryKind::kActionUpdate; r.action_status = "done"; }, false,
       absl::StatusCode::kInvalidArgument, "action_ref is required: the action entry to update"},
      {"ActionUpdateChangingNothing",
       [](AppendRequest& r) { r.kind = EntryKind::kActionUpdate; r.action_ref = 3; }, false,
       absl::StatusCode::kInvalidArgument,
       "an action update changes the status, the owner or the deadline; none was given"},
      {"ActionUpdateUnknownStatus",
       [](AppendRequest& r) {
         r.kind = EntryKind::kActionUpdate;
         r.action_ref = 3;
         r.action_status = "later";
       },
       false, absl::StatusCode::kInvalidArgument,
       "action_status: unknown action status 'later' (open, in-progress, done, cancelled)"},
      {"CorrectionWithoutTarget", [](AppendRequest& r) { r.kind = EntryKind::kCorrection; }, false,
       absl::StatusCode::kInvalidArgument, "corrects is required: the entry being corrected"},
      {"CorrectionOfAMissingEntry",
       [](AppendRequest& r) { r.kind = EntryKind::kCorrection; r.corrects = 6; }, false,
       absl::StatusCode::kNotFound,
       "corrects: entry 6 does not exist in crisis 1 (it has 5 entries)"},
      {"OpenedIsNotAppended", [](AppendRequest& r) { r.kind = EntryKind::kOpened; }, false,
       absl::StatusCode::kInvalidArgument, "kind: a crisis is opened with OpenCrisis, not appended"},
  };
}

class BadAppendTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadAppendTest, IsRefusedWithItsCodeAndMessage) {
  const BadCase& c = GetParam();
  AppendRequest r = Decision();
  c.edit(r);
  absl::StatusOr<Entry> e = BuildEntry(r, State(!c.closed), kAuthor, kNow);
  ASSERT_FALSE(e.ok()) << c.name << " was accepted";
  EXPECT_EQ(e.status().code(), c.code) << e.status();
  EXPECT_EQ(e.status().message(), c.message);
}

INSTANTIATE_TEST_SUITE_P(Rules, BadAppendTest, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<BadCase>& i) { return i.param.name; });

TEST(RulesTest, ValidateRequestRefusesWithoutLookingAtTheState) {
  // The stateless checks come first, so a bad request is refused before any lookup.
  AppendRequest r = Decision("");
  EXPECT_EQ(ValidateRequest(r).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateRequest(Decision()).ok());
  // Kinds that need no text.
  for (EntryKind k : {EntryKind::kClosed, EntryKind::kReopened}) {
    AppendRequest empty = Decision("");
    empty.kind = k;
    EXPECT_TRUE(ValidateRequest(empty).ok()) << KindName(k);
  }
}

TEST(RulesTest, LimitsAreInclusive) {
  AppendRequest r = Decision(std::string(kMaxTextBytes, 'x'));
  r.idempotency_key = std::string(128, 'k');
  r.refs = std::vector<int64_t>(kMaxRefs, 2);
  r.event_time = kNow + kFutureTolerance;
  absl::StatusOr<Entry> e = BuildEntry(r, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->text.size(), kMaxTextBytes);
  EXPECT_EQ(e->refs, std::vector<int64_t>({2}));
  EXPECT_EQ(e->event_time, kNow + kFutureTolerance);
}

TEST(RulesTest, AnAcceptedAppendBecomesTheNextEntry) {
  AppendRequest r = Decision();
  r.refs = {4, 2, 4};
  r.municipalities = {"wijchen", "heumen", "wijchen"};
  r.event_time = kNow - absl::Hours(3);
  absl::StatusOr<Entry> e = BuildEntry(r, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->crisis_id, 1);
  EXPECT_EQ(e->seq, 6);
  EXPECT_EQ(e->kind, EntryKind::kDecision);
  EXPECT_EQ(e->author, "coordinator");
  EXPECT_EQ(e->author_name, "Marieke Gerritsen");
  EXPECT_EQ(e->entered, kNow);
  EXPECT_EQ(e->event_time, kNow - absl::Hours(3));
  EXPECT_EQ(e->text, "Noodopvang in Heumensoord");
  EXPECT_EQ(e->refs, std::vector<int64_t>({2, 4}));
  EXPECT_EQ(e->municipalities, std::vector<std::string>({"heumen", "wijchen"}));
  EXPECT_EQ(e->grip, "");
  EXPECT_EQ(e->corrects, 0);
}

TEST(RulesTest, EventTimeDefaultsToNow) {
  absl::StatusOr<Entry> e = BuildEntry(Decision(), State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->event_time, kNow);
}

TEST(RulesTest, ActionsStartOpenAndUpdatesNormaliseTheStatus) {
  AppendRequest a = Decision("Bedden regelen");
  a.kind = EntryKind::kAction;
  a.action_owner = "h.devries";
  a.action_deadline = kNow + absl::Hours(48);
  absl::StatusOr<Entry> e = BuildEntry(a, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->action_owner, "h.devries");
  EXPECT_EQ(e->action_status, "open");
  EXPECT_EQ(e->action_deadline, kNow + absl::Hours(48));

  AppendRequest u = Decision("");
  u.kind = EntryKind::kActionUpdate;
  u.action_ref = 3;
  u.action_status = "Gereed";
  e = BuildEntry(u, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->action_ref, 3);
  EXPECT_EQ(e->action_status, "done");
  EXPECT_EQ(e->action_owner, "");
  EXPECT_FALSE(e->action_deadline.has_value());
}

TEST(RulesTest, GripChangeCarriesTheParsedLevel) {
  AppendRequest r = Decision("");
  r.kind = EntryKind::kGripChange;
  r.grip = " GRIP Rijk ";
  absl::StatusOr<Entry> e = BuildEntry(r, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->grip, "rijk");
}

// A GRIP change that happened before the level in force took effect is logged afterwards: it
// is accepted (even at the level in force, which it then held earlier) and does not set the level.
TEST(RulesTest, AGripChangeLoggedAfterwardsDoesNotSetTheLevel) {
  LogState s = State();
  s.level_since = kNow - absl::Hours(2);
  AppendRequest r = Decision("");
  r.kind = EntryKind::kGripChange;
  r.grip = "1";
  r.event_time = kNow - absl::Hours(3);
  absl::StatusOr<Entry> earlier = BuildEntry(r, s, kAuthor, kNow);
  ASSERT_TRUE(earlier.ok()) << earlier.status();
  EXPECT_FALSE(SetsLevel(*earlier, s));
  r.grip = "2";
  r.event_time = kNow - absl::Hours(2);  // at the same moment, logged later: it counts
  absl::StatusOr<Entry> same = BuildEntry(r, s, kAuthor, kNow);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_TRUE(SetsLevel(*same, s));
  r.grip = "1";
  r.event_time.reset();
  EXPECT_EQ(BuildEntry(r, s, kAuthor, kNow).status().message(), "crisis 1 is already at GRIP 1");
  Entry decision = *BuildEntry(Decision(), s, kAuthor, kNow);
  EXPECT_FALSE(SetsLevel(decision, s));
}

TEST(RulesTest, AnEventJustBeforeTheOpeningIsWithinTheTolerance) {
  const LogState s = State();
  AppendRequest r = Decision();
  r.event_time = s.crisis.opened - kFutureTolerance;
  EXPECT_TRUE(BuildEntry(r, s, kAuthor, kNow).ok());
  r.event_time = s.crisis.opened - kFutureTolerance - absl::Seconds(1);
  EXPECT_EQ(BuildEntry(r, s, kAuthor, kNow).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RulesTest, OnlyReopeningIsAcceptedAfterClosing) {
  AppendRequest r = Decision("");
  r.kind = EntryKind::kReopened;
  absl::StatusOr<Entry> e = BuildEntry(r, State(/*open=*/false), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->kind, EntryKind::kReopened);
  r.kind = EntryKind::kClosed;
  e = BuildEntry(r, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->seq, 6);
}

TEST(RulesTest, CorrectionPointsAtItsEntry) {
  AppendRequest r = Decision("Verlenging tot half februari");
  r.kind = EntryKind::kCorrection;
  r.corrects = 4;
  r.refs = {4};
  absl::StatusOr<Entry> e = BuildEntry(r, State(), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->corrects, 4);
}

// A correction says again what happened: without a time it keeps the time of the entry it
// corrects (a decision taken at 09:40 and corrected at 15:00 was still taken at 09:40); with
// one, it corrects that time too.
TEST(RulesTest, ACorrectionKeepsTheTimeOfItsEntryUnlessGivenOne) {
  LogState s = State();
  const absl::Time decided = kNow - absl::Hours(5);
  s.event_time_of = [decided](int64_t seq) -> std::optional<absl::Time> {
    if (seq == 4) return decided;
    return std::nullopt;
  };
  AppendRequest r = Decision("Noodopvang in Heumensoord, 400 plaatsen");
  r.kind = EntryKind::kCorrection;
  r.corrects = 4;
  absl::StatusOr<Entry> e = BuildEntry(r, s, kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->event_time, decided);
  EXPECT_EQ(e->entered, kNow);
  r.event_time = kNow - absl::Hours(6);  // the decision was in fact taken an hour earlier
  e = BuildEntry(r, s, kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->event_time, kNow - absl::Hours(6));
  // Other kinds still default to now.
  AppendRequest d = Decision();
  e = BuildEntry(d, s, kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->event_time, kNow);
}

// An entry is corrected once: two corrections of it would leave readers two versions that
// both seem to count. A later change corrects the correction.
TEST(RulesTest, AnEntryIsCorrectedOnceAndThenItsCorrectionIsCorrected) {
  LogState s = State();
  s.correction_of = [](int64_t seq) -> std::optional<int64_t> {
    if (seq == 4) return 6;
    if (seq == 6) return 7;  // the correction was corrected in turn
    return std::nullopt;
  };
  s.crisis.entries = 7;
  AppendRequest r = Decision("Verlenging tot eind februari");
  r.kind = EntryKind::kCorrection;
  r.corrects = 4;
  absl::StatusOr<Entry> e = BuildEntry(r, s, kAuthor, kNow);
  EXPECT_EQ(e.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(e.status().message(),
            "corrects: entry 4 was corrected already, by entry 6; correct entry 7 instead");
  r.corrects = 2;
  EXPECT_TRUE(BuildEntry(r, s, kAuthor, kNow).ok());
}

// A deadline before the crisis began is a mistyped date, not an action overdue from the start.
TEST(RulesTest, ADeadlineBeforeTheCrisisBeganIsRefused) {
  AppendRequest r = Decision("Extra bedden regelen");
  r.kind = EntryKind::kAction;
  r.action_owner = "c.peters";
  r.action_deadline = absl::FromUnixSeconds(0);
  absl::StatusOr<Entry> e = BuildEntry(r, State(), kAuthor, kNow);
  EXPECT_EQ(e.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(e.status().message()),
              ::testing::StartsWith("action_deadline 1970-01-01 01:00 lies before crisis 1 began ("));
  // A deadline already past (an action logged afterwards) is a fact, and is taken.
  r.action_deadline = kNow - absl::Hours(2);
  EXPECT_TRUE(BuildEntry(r, State(), kAuthor, kNow).ok());
}

Crisis NewCrisis() {
  Crisis c;
  c.id = 9;
  c.title = "Stikstof";
  c.type = "maatschappelijke onrust";
  c.municipalities = {"wijchen", "druten"};
  c.grip = "GRIP 2";
  return c;
}

TEST(RulesTest, OpeningIsTheFirstEntry) {
  absl::StatusOr<Entry> e =
      BuildOpening(NewCrisis(), "Blokkades", kNow - absl::Hours(1), kAuthor, kNow);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->crisis_id, 9);
  EXPECT_EQ(e->seq, 1);
  EXPECT_EQ(e->kind, EntryKind::kOpened);
  EXPECT_EQ(e->title, "Stikstof");
  EXPECT_EQ(e->type, "maatschappelijke onrust");
  EXPECT_EQ(e->grip, "2");
  EXPECT_EQ(e->municipalities, std::vector<std::string>({"druten", "wijchen"}));
  EXPECT_EQ(e->event_time, kNow - absl::Hours(1));
  EXPECT_EQ(e->entered, kNow);
  EXPECT_EQ(e->text, "Blokkades");
}

TEST(RulesTest, BadCrisesAreRefusedNamingTheField) {
  struct Case {
    std::function<void(Crisis&)> edit;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](Crisis& c) { c.title = "  "; }, "title is empty"},
      {[](Crisis& c) { c.title = std::string(kMaxTitleBytes + 1, 't'); },
       "title is 201 bytes long; at most 200"},
      {[](Crisis& c) { c.type = ""; }, "type is empty"},
      {[](Crisis& c) { c.type = std::string(101, 't'); }, "type is longer than 100 bytes"},
      {[](Crisis& c) { c.municipalities.clear(); },
       "municipalities: name at least one affected municipality"},
      {[](Crisis& c) { c.grip = "7"; },
       "grip: '7' is not a GRIP level (0 to 5, rijk, or outside for activation outside GRIP)"},
  };
  for (const Case& k : cases) {
    Crisis c = NewCrisis();
    k.edit(c);
    absl::Status s = ValidateCrisis(c);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << k.message;
    EXPECT_EQ(s.message(), k.message);
    EXPECT_EQ(BuildOpening(c, "", std::nullopt, kAuthor, kNow).status(), s);
  }
  absl::StatusOr<Entry> future =
      BuildOpening(NewCrisis(), "", kNow + absl::Minutes(6), kAuthor, kNow);
  EXPECT_EQ(future.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(future.status().message(), "event_time 2026-01-01 01:06 (Europe/Amsterdam time) lies in the future");
  absl::StatusOr<Entry> long_text =
      BuildOpening(NewCrisis(), std::string(kMaxTextBytes + 1, 'x'), std::nullopt, kAuthor, kNow);
  EXPECT_EQ(long_text.status().code(), absl::StatusCode::kInvalidArgument);
  // Logged afterwards: up to a year back; a mistyped year is refused.
  EXPECT_TRUE(BuildOpening(NewCrisis(), "", kNow - absl::Hours(24 * 300), kAuthor, kNow).ok());
  absl::StatusOr<Entry> ancient =
      BuildOpening(NewCrisis(), "", kNow - absl::Hours(24 * 400), kAuthor, kNow);
  EXPECT_EQ(ancient.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ancient.status().message(),
            "event_time 2024-11-27 01:00 lies more than 366 days back; a crisis is opened when it "
            "begins, or logged soon after");
}

TEST(CrisisTest, KindsParseInEnglishAndDutch) {
  const std::vector<std::pair<std::string, EntryKind>> cases = {
      {"situation", EntryKind::kSituation}, {"Beeld", EntryKind::kSituation},
      {"oordeel", EntryKind::kAssessment},  {"besluit", EntryKind::kDecision},
      {" DECISION ", EntryKind::kDecision}, {"actiepunt", EntryKind::kAction},
      {"actie", EntryKind::kAction},        {"bericht", EntryKind::kMessage},
      {"overdracht", EntryKind::kHandover}, {"correctie", EntryKind::kCorrection},
      {"grip-change", EntryKind::kGripChange}, {"action-update", EntryKind::kActionUpdate},
  };
  for (const auto& [text, kind] : cases) {
    absl::StatusOr<EntryKind> k = ParseKind(text, "--kind");
    ASSERT_TRUE(k.ok()) << text;
    EXPECT_EQ(*k, kind) << text;
  }
  absl::StatusOr<EntryKind> bad = ParseKind("rumour", "--kind");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()),
              ::testing::StartsWith("--kind: unknown entry kind 'rumour' (situation/beeld"));
  // Every kind's name parses back to it.
  for (int k = 0; k <= static_cast<int>(EntryKind::kReopened); ++k) {
    const EntryKind kind = static_cast<EntryKind>(k);
    EXPECT_EQ(ParseKind(KindName(kind), "kind").value(), kind) << KindName(kind);
  }
}

TEST(CrisisTest, OpenCrisesOfTheSameTitleButForCaseAndSpaces) {
  std::vector<Crisis> crises(4);
  crises[0].id = 1;
  crises[0].title = "Opvang vluchtelingen";
  crises[1].id = 2;
  crises[1].title = "  opvang  VLUCHTELINGEN ";
  crises[2].id = 3;
  crises[2].title = "Opvang vluchtelingen";
  crises[2].open = false;  // closed: a new one of that title is no duplicate
  crises[3].id = 4;
  crises[3].title = "Opvang vluchtelingen Heumen";
  auto ids = [](const std::vector<const Crisis*>& v) {
    std::vector<int64_t> out;
    for (const Crisis* c : v) out.push_back(c->id);
    return out;
  };
  EXPECT_THAT(ids(OpenWithSameTitle(crises, "OPVANG vluchtelingen\t")), ::testing::ElementsAre(1, 2));
  EXPECT_THAT(ids(OpenWithSameTitle(crises, "Opvang vluchtelingen", 1)), ::testing::ElementsAre(2));
  EXPECT_TRUE(OpenWithSameTitle(crises, "Opvang").empty());
}

TEST(CrisisTest, FreeKindsAreTheOnesTheLogCommandTakes) {
  std::vector<std::string> free;
  for (int k = 0; k <= static_cast<int>(EntryKind::kReopened); ++k) {
    if (IsFreeKind(static_cast<EntryKind>(k))) free.emplace_back(KindName(static_cast<EntryKind>(k)));
  }
  EXPECT_EQ(free, std::vector<std::string>(
                      {"situation", "assessment", "decision", "message", "handover"}));
}

TEST(CrisisTest, GripLevels) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"0", "0", "GRIP 0"},         {"GRIP 5", "5", "GRIP 5"},
      {"grip3", "3", "GRIP 3"},     {"Rijk", "rijk", "GRIP Rijk"},
      {"buiten GRIP", "outside", "buiten GRIP"}, {"outside", "outside", "buiten GRIP"},
  };
  for (const auto& [text, level, label] : cases) {
    absl::StatusOr<std::string> g = ParseGrip(text, "grip");
    ASSERT_TRUE(g.ok()) << text;
    EXPECT_EQ(*g, level);
    EXPECT_EQ(GripLabel(*g), label);
  }
  for (const std::string bad : {"", "6", "-1", "12", "grip", "regional"}) {
    EXPECT_EQ(ParseGrip(bad, "grip").status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(CrisisTest, ActionStatuses) {
  const std::vector<std::pair<std::string, ActionStatus>> cases = {
      {"open", ActionStatus::kOpen},          {"in progress", ActionStatus::kInProgress},
      {"bezig", ActionStatus::kInProgress},   {"done", ActionStatus::kDone},
      {"klaar", ActionStatus::kDone},         {"canceled", ActionStatus::kCancelled},
      {"vervallen", ActionStatus::kCancelled},
  };
  for (const auto& [text, status] : cases) {
    EXPECT_EQ(ParseActionStatus(text, "status").value(), status) << text;
  }
  for (ActionStatus s : {ActionStatus::kOpen, ActionStatus::kInProgress, ActionStatus::kDone,
                         ActionStatus::kCancelled}) {
    EXPECT_EQ(ParseActionStatus(ActionStatusName(s), "status").value(), s);
  }
}

}  // namespace
}  // namespace paraat::crisis
