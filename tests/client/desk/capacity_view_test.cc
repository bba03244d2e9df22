// SPDX-License-Identifier: EUPL-1.2
// The Capaciteit view against a real in-process server with the demo capacity (six
// municipalities, the IVP ambitions, the refugee-reception crisis's demand), offscreen.
#include "client/desk/capacity_view.h"

#include <gtest/gtest.h>

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <map>
#include <set>

#include "client/api/session_store.h"
#include "client/desk/main_window.h"
#include "client/desk/view_text.h"
#include "tests/client/support/wait.h"
#include "tests/support/test_server.h"

namespace paraat::desk {
namespace {

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
  view->selectWeek(QString::fromStdString(peak));
  ASSERT_EQ(view->week().toStdString(), peak);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return view->statusLabel()->text().startsWith(QStringLiteral("No ")); }, kWait));

  QSignalSpy compared(view, &CapacityView::compared);
  view->propose(capacity::Policy::kPriority);
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
  auto entries = admin->ListEntries(view->crisisId(), 0, 500, {});
  ASSERT_TRUE(entries.ok());
  bool found = false;
  for (const auto& e : entries->entries) {
    found = found || (e.entry.kind == crisis::EntryKind::kDecision &&
                      view->statusLabel()->text().contains(QStringLiteral("#%1").arg(e.entry.seq)));
  }
  EXPECT_TRUE(found) << view->statusLabel()->text().toStdString();
}

TEST_F(CapacityViewTest, TheTabIsForAdministratorsOnly) {
  for (const char* role : {"officer", "administrator"}) {
    const std::string token = server_->LoginAs(role);
    ASSERT_TRUE(client::SaveSession({server_->address(), server_->account(role).username, token,
                                     absl::Now() + absl::Hours(1)})
                    .ok());
    MainWindow::Options o;
    o.server = QString::fromStdString(server_->address());
    o.interactive = false;
    testing::TempDir dir;
    o.cacheDir = QString::fromStdString(dir.path());
    MainWindow w(o);
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
