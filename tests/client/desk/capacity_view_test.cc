// SPDX-License-Identifier: EUPL-1.2
// The Capaciteit view against a real in-process server with the demo capacity (six
// municipalities, the IVP ambitions, the refugee-reception crisis's demand), offscreen.
#include "client/desk/capacity_view.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <map>
#include <set>

#include "client/api/session_store.h"
#include "client/desk/main_window.h"
#include "client/desk/view_text.h"
#include "tests/client/support/wait.h"
#include "tests/client/desk/answer_box.h"
#include "tests/client/desk/signed_in.h"
#include "tests/support/test_server.h"

namespace paraat::desk {
namespace {

using testing::AnswerNextBox;
using testing::Await;
using testing::TestServer;

constexpr int kWait = testing::kWaitMs;

std::string Joined(const QStringList& lines) { return lines.join(QLatin1Char('\n')).toStdString(); }

class CapacityViewTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = TestServer::StartDemo(); }

  struct View {
    std::unique_ptr<client::AsyncClient> client;
    std::unique_ptr<CapacityView> view;
  };

  std::unique_ptr<View> Open(const std::string& role) {
    auto v = std::make_unique<View>();
    client::ClientOptions o;
    o.server = server_->address();
    v->client = std::make_unique<client::AsyncClient>(o);
    const auto& a = server_->account(role);
    auto r = Await<client::LoginResult>(
        [&](auto done) { v->client->login(nullptr, a.username, a.password, done); });
    EXPECT_TRUE(r.has_value() && r->ok());
    v->view = std::make_unique<CapacityView>(v->client.get());
    v->view->resize(1366, 700);
    v->view->show();
    QSignalSpy refreshed(v->view.get(), &CapacityView::refreshed);
    if (r.has_value() && r->ok()) v->view->setAccount((*r)->account);
    EXPECT_TRUE(refreshed.wait(kWait));
    EXPECT_TRUE(refreshed.last().at(0).toBool()) << Joined(visibleTexts(v->view.get()));
    return v;
  }

  std::unique_ptr<client::Client> Admin() {
    client::ClientOptions options;
    options.server = server_->address();
    auto admin = std::make_unique<client::Client>(options);
    EXPECT_TRUE(admin
                    ->Login(server_->account("administrator").username,
                            server_->account("administrator").password)
                    .ok());
    return admin;
  }

  // The week of the crisis with the most demand.
  std::string PeakWeek(client::Client& admin, int64_t crisis) {
    auto demand = admin.ListDemand(crisis);
    EXPECT_TRUE(demand.ok());
    std::map<std::string, double> perWeek;
    if (demand.ok()) {
      for (const auto& d : *demand) perWeek[d.week] += d.hours;
    }
    std::string peak;
    for (const auto& [w, h] : perWeek) {
      if (peak.empty() || h > perWeek[peak]) peak = w;
    }
    return peak;
  }

  std::unique_ptr<TestServer> server_;
};

TEST_F(CapacityViewTest, PlannedAgainstReallocatedProposalsSideBySideAndApproval) {
  std::unique_ptr<View> v = Open("administrator");
  CapacityView* view = v->view.get();
  ASSERT_GT(view->crisisId(), 0);
  ASSERT_FALSE(view->week().isEmpty());

  // Before any proposal: the plan, nothing given up, for all six municipalities.
  CapacityModel* table = view->capacityModel();
  ASSERT_GT(table->rowCount(), 6);
  std::set<std::string> municipalities;
  for (const auto& r : table->rows()) {
    municipalities.insert(r.municipality);
    EXPECT_EQ(r.planned, r.reallocated);
  }
  EXPECT_EQ(municipalities.size(), 6u);
  EXPECT_EQ(view->compareModel()->rowCount(), 0);
  // The chart: planned and after, one bar per ambition.
  ASSERT_EQ(view->chart()->series().size(), 1);
  auto* bars = qobject_cast<QBarSeries*>(view->chart()->series().front());
  ASSERT_NE(bars, nullptr);
  EXPECT_EQ(bars->count(), 2);
  EXPECT_EQ(bars->barSets()[0]->label(), QStringLiteral("Planned"));

  // Two proposals for the week with the highest demand, side by side.
  client::ClientOptions options;
  options.server = server_->address();
  auto admin = std::make_unique<client::Client>(options);
  ASSERT_TRUE(admin
                  ->Login(server_->account("administrator").username,
                          server_->account("administrator").password)
                  .ok());
  auto demand = admin->ListDemand(view->crisisId());
  ASSERT_TRUE(demand.ok());
  std::map<std::string, double> perWeek;
  for (const auto& d : *demand) perWeek[d.week] += d.hours;
  std::string peak;
  for (const auto& [w, h] : perWeek) {
    if (peak.empty() || h > perWeek[peak]) peak = w;
  }
  // A new week loads its demand, allocations and proposals; wait for all of them, or a
  // proposal made meanwhile would be forgotten by the week's load.
  if (view->week().toStdString() != peak) {
    QSignalSpy loaded(view, &CapacityView::refreshed);
    view->selectWeek(QString::fromStdString(peak));
    ASSERT_TRUE(loaded.wait(kWait));
  }
  ASSERT_EQ(view->week().toStdString(), peak);
  EXPECT_TRUE(view->statusLabel()->text().startsWith(QStringLiteral("No ")));

  QSignalSpy compared(view, &CapacityView::compared);
  view->propose(capacity::Policy::kPriority);
  // Not offered again while it is on its way.
  int proposeButtons = 0;
  for (QPushButton* b : view->findChildren<QPushButton*>()) {
    if (!b->text().startsWith(QStringLiteral("Propose"))) continue;
    ++proposeButtons;
    EXPECT_FALSE(b->isEnabled()) << b->text().toStdString();
  }
  EXPECT_EQ(proposeButtons, 2);
  ASSERT_TRUE(compared.wait(kWait));
  view->propose(capacity::Policy::kEqualShare);
  ASSERT_TRUE(compared.wait(kWait));
  ProposalCompareModel* side = view->compareModel();
  ASSERT_EQ(side->proposals().size(), 2u) << Joined(tableTexts(side));
  EXPECT_EQ(side->columnCount(), 3);
  EXPECT_EQ(side->index(0, 1).data().toString(), QStringLiteral("priority"));
  EXPECT_EQ(side->index(0, 2).data().toString(), QStringLiteral("equal share"));
  const int64_t shown = view->shownProposal();
  EXPECT_EQ(shown, side->proposals()[1].id);

  // The shown proposal leaves some ambition fewer hours than planned.
  double givenUp = 0;
  for (const auto& r : table->rows()) givenUp += r.planned - r.reallocated;
  EXPECT_GT(givenUp, 0) << Joined(tableTexts(table));

  // Approve the first: a decision in the crisis log.
  ASSERT_TRUE(view->approveButton()->isVisible());
  QSignalSpy approved(view, &CapacityView::approved);
  view->showProposal(side->proposals()[0].id);
  EXPECT_EQ(view->shownProposal(), side->proposals()[0].id);
  view->approve(view->shownProposal());
  ASSERT_TRUE(approved.wait(kWait)) << view->statusLabel()->text().toStdString();
  EXPECT_TRUE(view->statusLabel()->text().startsWith(QStringLiteral("Approved: proposal")));
  // The proposal in force is not offered for approval again.
  EXPECT_FALSE(view->approveButton()->isEnabled());
  auto entries = admin->ListEntries(view->crisisId(), 0, 500, {});
  ASSERT_TRUE(entries.ok());
  bool found = false;
  for (const auto& e : entries->entries) {
    found = found || (e.entry.kind == crisis::EntryKind::kDecision &&
                      view->statusLabel()->text().contains(QStringLiteral("#%1").arg(e.entry.seq)));
  }
  EXPECT_TRUE(found) << view->statusLabel()->text().toStdString();

  // The demand changes after the approval: the allocation stays in force, and says it was
  // planned on data that changed since.
  client::DemandView more;
  more.crisis_id = view->crisisId();
  more.week = view->week().toStdString();
  more.municipality = "heumen";
  more.hours = 33;
  ASSERT_TRUE(admin->SetDemand(more).ok());
  view->refresh();
  EXPECT_TRUE(QTest::qWaitFor(
      [&] {
        return view->statusLabel()->text().contains(
            QStringLiteral("planned on data that changed since; propose again"));
      },
      kWait))
      << view->statusLabel()->text().toStdString();
}

// After an approval and a change of the demand, a new proposal cannot be compared with the
// approved one (made on other data): it is shown and can be approved, and the old one is still
// listed.
TEST_F(CapacityViewTest, ANewProposalAfterTheDemandChangedIsShownAndCanBeApproved) {
  std::unique_ptr<View> v = Open("administrator");
  CapacityView* view = v->view.get();
  auto admin = Admin();
  const std::string peak = PeakWeek(*admin, view->crisisId());
  if (view->week().toStdString() != peak) {
    QSignalSpy loaded(view, &CapacityView::refreshed);
    view->selectWeek(QString::fromStdString(peak));
    ASSERT_TRUE(loaded.wait(kWait));
  }
  QSignalSpy compared(view, &CapacityView::compared);
  view->propose(capacity::Policy::kPriority);
  ASSERT_TRUE(compared.wait(kWait)) << view->statusLabel()->text().toStdString();
  const int64_t first = view->shownProposal();
  ASSERT_GT(first, 0);
  QSignalSpy approved(view, &CapacityView::approved);
  view->approve(first);
  ASSERT_TRUE(approved.wait(kWait)) << view->statusLabel()->text().toStdString();

  client::DemandView more;
  more.crisis_id = view->crisisId();
  more.week = peak;
  more.municipality = "heumen";
  more.hours = 33;
  ASSERT_TRUE(admin->SetDemand(more).ok());
  {
    QSignalSpy refreshed(view, &CapacityView::refreshed);
    view->refresh();
    ASSERT_TRUE(refreshed.wait(kWait));
  }
  compared.clear();
  view->propose(capacity::Policy::kPriority);
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->shownProposal() > first; }, kWait))
      << view->statusLabel()->text().toStdString();
  ASSERT_TRUE(compared.count() >= 1 || compared.wait(kWait));
  const int64_t second = view->shownProposal();
  // Side by side: the new one alone (the approved one was made on other data).
  ASSERT_EQ(view->compareModel()->proposals().size(), 1u) << Joined(tableTexts(view->compareModel()));
  EXPECT_EQ(view->compareModel()->proposals()[0].id, second);
  EXPECT_TRUE(view->approveButton()->isEnabled());
  // Listed: the plan, the new one, and the approved one.
  QComboBox* combo = view->proposalCombo();
  ASSERT_EQ(combo->count(), 3);
  EXPECT_EQ(combo->itemData(1).toLongLong(), second);
  EXPECT_EQ(combo->itemData(2).toLongLong(), first);
  EXPECT_TRUE(combo->itemText(2).contains(QStringLiteral("made on other data")))
      << combo->itemText(2).toStdString();
  // The old one can still be looked at (not approved again: it is in force).
  view->showProposal(first);
  EXPECT_EQ(view->shownProposal(), first);
  EXPECT_FALSE(view->approveButton()->isEnabled());
  view->showProposal(second);
  approved.clear();
  view->approve(second);
  ASSERT_TRUE(approved.wait(kWait)) << view->statusLabel()->text().toStdString();
  EXPECT_EQ(view->inForce(), second);
}

// A proposal another administrator made elsewhere shows here too, after the next load.
TEST_F(CapacityViewTest, ProposalsMadeElsewhereAreShown) {
  std::unique_ptr<View> v = Open("administrator");
  CapacityView* view = v->view.get();
  ASSERT_EQ(view->compareModel()->proposals().size(), 0u);
  auto admin = Admin();
  auto made = admin->Propose(view->crisisId(), view->week().toStdString(),
                             capacity::Policy::kEqualShare);
  ASSERT_TRUE(made.ok()) << made.status();
  QSignalSpy compared(view, &CapacityView::compared);
  view->refresh();
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        const auto& shown = view->compareModel()->proposals();
        return std::any_of(shown.begin(), shown.end(),
                           [&](const client::ProposalView& p) { return p.id == made->id; });
      },
      kWait));
}

TEST(ProposalsToCompareTest, TheNewestTenAndTheOneInForce) {
  EXPECT_EQ(ProposalsToCompare({4, 2}, {5, 4, 1}, 0), (std::vector<int64_t>{1, 2, 4, 5}));
  std::vector<int64_t> listed;
  for (int64_t id = 20; id >= 1; --id) listed.push_back(id);
  EXPECT_EQ(ProposalsToCompare({}, listed, 3),
            (std::vector<int64_t>{3, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
  EXPECT_EQ(ProposalsToCompare({}, listed, 0),
            (std::vector<int64_t>{11, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
}

TEST_F(CapacityViewTest, RestorePutsThePlanBackAfterConfirmation) {
  std::unique_ptr<View> v = Open("administrator");
  CapacityView* view = v->view.get();
  ASSERT_GT(view->crisisId(), 0);
  auto admin = Admin();
  const std::string peak = PeakWeek(*admin, view->crisisId());
  ASSERT_FALSE(peak.empty());
  if (view->week().toStdString() != peak) {
    QSignalSpy loaded(view, &CapacityView::refreshed);
    view->selectWeek(QString::fromStdString(peak));
    ASSERT_TRUE(loaded.wait(kWait));
  }
  ASSERT_EQ(view->week().toStdString(), peak);
  EXPECT_TRUE(view->statusLabel()->text().startsWith(QStringLiteral("No ")));
  // Nothing in force: nothing to restore.
  EXPECT_TRUE(view->restoreButton()->isVisible());
  EXPECT_FALSE(view->restoreButton()->isEnabled());
  EXPECT_EQ(view->inForce(), 0);

  // Approve a proposal that gives up ambition hours.
  QSignalSpy compared(view, &CapacityView::compared);
  view->propose(capacity::Policy::kPriority);
  ASSERT_TRUE(compared.wait(kWait)) << view->statusLabel()->text().toStdString();
  const int64_t proposal = view->shownProposal();
  ASSERT_GT(proposal, 0);
  double givenUp = 0;
  for (const auto& r : view->capacityModel()->rows()) givenUp += r.planned - r.reallocated;
  EXPECT_GT(givenUp, 0) << Joined(tableTexts(view->capacityModel()));
  QSignalSpy approved(view, &CapacityView::approved);
  view->approve(proposal);
  ASSERT_TRUE(approved.wait(kWait)) << view->statusLabel()->text().toStdString();
  EXPECT_EQ(view->inForce(), proposal);
  EXPECT_TRUE(view->restoreButton()->isEnabled());

  // Restore with the button: it asks first, naming the week and the proposal.
  QSignalSpy restored(view, &CapacityView::restored);
  QSignalSpy refreshed(view, &CapacityView::refreshed);
  client::AllocationView allocation;
  QObject::connect(view, &CapacityView::restored, view,
                   [&allocation](const client::AllocationView& a) { allocation = a; });
  QString asked;
  AnswerNextBox(QStringLiteral("Restore"), &asked);
  view->restoreButton()->click();
  ASSERT_TRUE(restored.count() >= 1 || restored.wait(kWait))
      << view->statusLabel()->text().toStdString();
  EXPECT_TRUE(asked.startsWith(
      QStringLiteral("Restore the plan for %1 in ").arg(QString::fromStdString(peak))))
      << asked.toStdString();
  EXPECT_TRUE(asked.contains(QStringLiteral("proposal %1").arg(proposal))) << asked.toStdString();
  EXPECT_EQ(allocation.proposal_id, proposal);
  EXPECT_TRUE(allocation.restored.has_value());
  EXPECT_TRUE(view->statusLabel()->text().startsWith(
      QStringLiteral("Restored: every municipality is back on its plan for %1")
          .arg(QString::fromStdString(peak))))
      << view->statusLabel()->text().toStdString();
  EXPECT_EQ(view->inForce(), 0);
  EXPECT_FALSE(view->restoreButton()->isEnabled());
  ASSERT_TRUE(refreshed.count() >= 1 || refreshed.wait(kWait));

  // The table shows the plan as GetCapacity gives it: nothing given up.
  EXPECT_EQ(view->shownProposal(), 0);
  auto plan = admin->GetCapacity();
  ASSERT_TRUE(plan.ok());
  std::map<std::pair<std::string, std::string>, double> planned;
  for (const auto& m : plan->municipalities) {
    for (const auto& line : m.plan) planned[{m.key, line.ambition}] = line.planned_hours;
  }
  ASSERT_EQ(view->capacityModel()->rows().size(), planned.size());
  for (const auto& r : view->capacityModel()->rows()) {
    EXPECT_EQ(r.planned, (planned[{r.municipality, r.ambition}]))
        << r.municipality << " " << r.ambition;
    EXPECT_EQ(r.reallocated, r.planned) << r.municipality << " " << r.ambition;
  }
  // The server agrees: no allocation in force, and the restore is a decision in the log.
  auto allocations = admin->ListAllocations(view->crisisId(), std::nullopt);
  ASSERT_TRUE(allocations.ok());
  for (const auto& a : *allocations) {
    if (a.proposal_id == proposal) {
      EXPECT_TRUE(a.restored.has_value());
      EXPECT_EQ(a.restore_seq, allocation.restore_seq);
    }
  }
  auto entries = admin->ListEntries(view->crisisId(), allocation.restore_seq - 1, 1, {});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->entries.size(), 1u);
  EXPECT_EQ(entries->entries[0].entry.kind, crisis::EntryKind::kDecision);
}

TEST_F(CapacityViewTest, TheTabIsForAdministratorsOnly) {
  for (const char* role : {"officer", "administrator"}) {
    testing::TempDir dir;
    MainWindow w(testing::SignedIn(*server_, role, dir.path()));
    QSignalSpy ready(&w, &MainWindow::ready);
    w.start();
    ASSERT_TRUE(ready.wait(kWait));
    const bool admin = std::string(role) == "administrator";
    EXPECT_EQ(w.showTab(QStringLiteral("capaciteit")), admin) << role;
    if (admin) {
      const QStringList texts = w.visibleTexts();
      EXPECT_TRUE(texts.contains(QStringLiteral("{Duty | Crisis | Capacity}"))) << Joined(texts);
      EXPECT_TRUE(texts.contains(QStringLiteral("== Proposals side by side =="))) << Joined(texts);
    }
  }
}

}  // namespace
}  // namespace paraat::desk
