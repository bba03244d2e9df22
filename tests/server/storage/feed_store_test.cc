// SPDX-License-Identifier: EUPL-1.2
// The feed store on a demo database: links stored by hash, replaced and revoked with an
// audit record that holds neither secret nor hash, and the change times feeds derive their
// revisions from (an override ended early counts from when it was ended).
#include "server/storage/feed_store.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "server/app/app.h"
#include "server/storage/audit.h"
#include "server/storage/database.h"
#include "server/storage/directory_store.h"
#include "server/storage/roster_store.h"
#include "tests/support/test_server.h"

namespace paraat::storage {
namespace {

using roster::FeedKind;
using roster::FeedTarget;

class FeedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(app::InitDataDir(dir_.path(), /*demo=*/true).ok());
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.File("paraat.db"), OpenMode::kExisting);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    feeds_ = NewSqliteFeedStore(db_.get());
    roster_ = NewSqliteRosterStore(db_.get());
    directory_ = NewSqliteDirectoryStore(db_.get());
  }

  std::vector<AuditRecord> Audit(const std::string& prefix) {
    std::vector<AuditRecord> out;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> absl::Status {
                     AuditQuery q;
                     q.object_prefix = prefix;
                     absl::StatusOr<std::vector<AuditRecord>> r = ListAudit(c, q);
                     if (!r.ok()) return r.status();
                     out = *r;
                     return absl::OkStatus();
                   })
                    .ok());
    return out;
  }

  static std::string Hash(char fill) { return std::string(32, fill); }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<FeedStore> feeds_;
  std::unique_ptr<RosterStore> roster_;
  std::unique_ptr<DirectoryStore> directory_;
};

TEST_F(FeedStoreTest, ANewLinkReplacesTheOwnersLinkToTheSameFeed) {
  const FeedTarget west{FeedKind::kPool, "west"};
  absl::StatusOr<FeedLink> first = feeds_->CreateLink("officer", west, Hash('a'));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->owner, "officer");
  EXPECT_EQ(first->owner_person, "h.devries");
  EXPECT_EQ(first->hint, "61616161");
  EXPECT_TRUE(first->active());
  // Another owner's link and the same owner's link to another feed are left alone.
  ASSERT_TRUE(feeds_->CreateLink("coordinator", west, Hash('b')).ok());
  ASSERT_TRUE(feeds_->CreateLink("officer", {FeedKind::kPerson, "h.devries"}, Hash('c')).ok());
  absl::StatusOr<FeedLink> second = feeds_->CreateLink("officer", west, Hash('d'));
  ASSERT_TRUE(second.ok()) << second.status();

  // The replaced link is found, revoked (it answers with a notice for a while).
  absl::StatusOr<FeedLink> replaced = feeds_->FindLink(Hash('a'));
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_FALSE(replaced->active());
  EXPECT_EQ(replaced->id, first->id);
  EXPECT_EQ(feeds_->FindLink(Hash('z')).status().code(), absl::StatusCode::kNotFound);
  for (char c : {'b', 'c', 'd'}) {
    absl::StatusOr<FeedLink> l = feeds_->FindLink(Hash(c));
    ASSERT_TRUE(l.ok()) << c;
    EXPECT_TRUE(l->active()) << c;
  }
  absl::StatusOr<FeedLink> own = feeds_->FindOwnLink("officer", west);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->id, second->id);

  absl::StatusOr<std::vector<FeedLink>> all = feeds_->ListLinks({"", "", true});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_FALSE((*all)[0].active());
  EXPECT_EQ((*all)[0].revoked_by, "officer");
  absl::StatusOr<std::vector<FeedLink>> active = feeds_->ListLinks({"officer", "", false});
  ASSERT_TRUE(active.ok());
  EXPECT_EQ(active->size(), 2u);
  // h.devries lives in Wijchen: the links of Wijchen's people.
  absl::StatusOr<std::vector<FeedLink>> wijchen = feeds_->ListLinks({"", "wijchen", false});
  ASSERT_TRUE(wijchen.ok());
  for (const FeedLink& l : *wijchen) EXPECT_EQ(l.owner_municipality, "wijchen");

  // Audited: created four times, revoked once; never the hash.
  const std::vector<AuditRecord> audit = Audit("feed/");
  int created = 0, revoked = 0;
  for (const AuditRecord& r : audit) {
    created += r.action == "feed.create";
    revoked += r.action == "feed.revoke";
    for (const std::optional<std::string>& text : {r.before_json, r.after_json}) {
      if (!text) continue;
      EXPECT_FALSE(absl::StrContains(*text, "aaaaaaaa")) << *text;
      EXPECT_FALSE(absl::StrContains(*text, absl::BytesToHexString(Hash('a')))) << *text;
    }
  }
  EXPECT_EQ(created, 4);
  EXPECT_EQ(revoked, 1);
}

TEST_F(FeedStoreTest, RevokeSeesTheLinkFirstAndRefusesTwice) {
  absl::StatusOr<FeedLink> link =
      feeds_->CreateLink("officer", {FeedKind::kPool, "oost"}, Hash('x'));
  ASSERT_TRUE(link.ok());
  absl::StatusOr<FeedLink> refused =
      feeds_->RevokeLink("coordinator", link->id,
                         [](const FeedLink&) { return absl::PermissionDeniedError("not theirs"); });
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(feeds_->FindLink(Hash('x'))->active());
  auto any = [](const FeedLink&) { return absl::OkStatus(); };
  absl::StatusOr<FeedLink> done = feeds_->RevokeLink("administrator", link->id, any);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_FALSE(done->active());
  EXPECT_EQ(done->revoked_by, "administrator");
  EXPECT_FALSE(feeds_->FindLink(Hash('x'))->active());
  absl::StatusOr<FeedLink> again = feeds_->RevokeLink("administrator", link->id, any);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(again.status().message(), "already revoked")) << again.status();
  EXPECT_EQ(feeds_->RevokeLink("administrator", 999, any).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(feeds_->CreateLink("officer", {FeedKind::kPool, "zuid"}, Hash('y')).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(feeds_->CreateLink("nobody", {FeedKind::kPool, "oost"}, Hash('y')).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(feeds_->CreateLink("officer", {FeedKind::kPool, "oost"}, "short").status().code(),
            absl::StatusCode::kInternal);
}

TEST_F(FeedStoreTest, HistoryHasEveryRecordsChangeTime) {
  // Whole microseconds, as the database keeps them.
  const absl::Time now = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()));
  const roster::Interval week{now + absl::Hours(24 * 10), now + absl::Hours(24 * 17)};
  roster::RosterShift shift;
  shift.person = "h.devries";
  shift.interval = week;
  auto ok = [](const roster::RosterSnapshot&) { return absl::OkStatus(); };
  absl::StatusOr<std::vector<roster::RosterShift>> shifts =
      roster_->ReplaceDrafts("administrator", "oost", week, {shift}, "test", ok);
  ASSERT_TRUE(shifts.ok()) << shifts.status();
  ASSERT_EQ(shifts->size(), 1u);
  roster::Override kept, ended;
  kept.pool = ended.pool = "oost";
  kept.person = ended.person = "l.maas";
  kept.interval = {week.start + absl::Hours(24), week.start + absl::Hours(26)};
  ended.interval = {week.start + absl::Hours(48), week.start + absl::Hours(50)};
  absl::StatusOr<roster::Override> o1 = roster_->CreateOverride("coordinator", kept, ok);
  absl::StatusOr<roster::Override> o2 = roster_->CreateOverride("coordinator", ended, ok);
  ASSERT_TRUE(o1.ok() && o2.ok());
  // Ended before it began: zero length, gone from the schedule, but a change of the week.
  ASSERT_TRUE(roster_->EndOverride("coordinator", o2->id, now).ok());
  ASSERT_TRUE(directory_
                  ->UpdatePerson("administrator", "l.maas",
                                 [](directory::Person& p) {
                                   p.phone = "+31 6 9999 0000";
                                   return absl::OkStatus();
                                 })
                  .ok());

  absl::StatusOr<roster::ScheduleHistory> h = feeds_->History(roster::FeedReadWindow(now));
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_EQ(h->records.size(), 3u);
  const roster::ScheduleRecord& s = h->records[0];
  EXPECT_EQ(s.kind, roster::Source::kRoster);
  EXPECT_EQ(s.id, (*shifts)[0].id);
  EXPECT_EQ(s.pool, "oost");
  EXPECT_EQ(s.spans, (std::vector<roster::Interval>{week}));
  EXPECT_EQ(s.created, s.changed);
  const roster::ScheduleRecord& r1 = h->records[1];
  const roster::ScheduleRecord& r2 = h->records[2];
  EXPECT_EQ(r1.kind, roster::Source::kOverride);
  EXPECT_EQ(r1.id, o1->id);
  EXPECT_EQ(r1.created, r1.changed);
  EXPECT_EQ(r2.id, o2->id);
  EXPECT_EQ(r2.spans, (std::vector<roster::Interval>{ended.interval}));  // as planned
  EXPECT_GT(r2.changed, r2.created);
  EXPECT_GE(r2.created, s.created);
  ASSERT_EQ(h->person_changed.count("l.maas"), 1u);
  EXPECT_GE(h->person_changed.at("l.maas"), r2.changed);
  EXPECT_EQ(h->person_changed.count("h.devries"), 0u);
  // Reading twice without a change gives the same history (RenderFeed relies on it).
  absl::StatusOr<roster::ScheduleHistory> again = feeds_->History(roster::FeedReadWindow(now));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*h, *again);
}

}  // namespace
}  // namespace paraat::storage
