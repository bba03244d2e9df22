// SPDX-License-Identifier: EUPL-1.2
// The Dienst view, its dialogs, the sign-in and the main window against a real in-process
// server with the demo data and a rotated roster, on the offscreen platform.
#include "client/desk/duty_view.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QBrush>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "client/api/session_store.h"
#include "client/desk/duty_model.h"
#include "client/desk/feed_link.h"
#include "client/desk/formats.h"
#include "client/desk/leave_dialog.h"
#include "client/desk/marks.h"
#include "client/desk/main_window.h"
#include "client/desk/notifier.h"
#include "client/desk/on_call_model.h"
#include "client/desk/roster_model.h"
#include "client/desk/sign_in_dialog.h"
#include "client/desk/swap_dialog.h"
#include "client/desk/swap_model.h"
#include "client/desk/view_text.h"
#include "tests/client/desk/answer_box.h"
#include "tests/client/support/wait.h"
#include "tests/client/desk/signed_in.h"
#include "tests/support/test_server.h"

namespace paraat::desk {
namespace {

using testing::Await;
using testing::TestServer;

constexpr int kWait = testing::kWaitMs;

QString Plain(QString s) { return s.remove(QLatin1Char('&')); }

QPushButton* Button(QWidget* root, const QString& text) {
  for (QPushButton* b : root->findChildren<QPushButton*>()) {
    if (Plain(b->text()) == text) return b;
  }
  ADD_FAILURE() << "no button " << text.toStdString();
  return nullptr;
}

bool Has(const QStringList& lines, const QString& line) { return lines.contains(line); }

std::string Joined(const QStringList& lines) { return lines.join(QLatin1Char('\n')).toStdString(); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    admin_ = SyncClient("administrator");
    // Both pools rotated from two Mondays back, so that someone is on duty now and the demo
    // officer (h.devries, fourth in Oost) has duties ahead; published four weeks out.
    absl::CivilDay monday = Formats::civilDay(absl::Now()) - 7;
    while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
    const std::string from = absl::FormatCivilTime(monday);
    ASSERT_TRUE(admin_
                    ->RotateRoster("oost", from, 12,
                                   {"g.smits", "i.verhoeven", "k.vandenberg", "h.devries",
                                    "j.kuijpers", "l.maas"})
                    .ok());
    ASSERT_TRUE(admin_
                    ->RotateRoster(
                        "west", from, 12,
                        {"a.jansen", "c.peters", "e.willems", "b.vandijk", "d.hendriks", "f.bos"})
                    .ok());
    const std::string until = absl::FormatCivilTime(monday + 35);
    ASSERT_TRUE(admin_->PublishRoster("oost", until).ok());
    ASSERT_TRUE(admin_->PublishRoster("west", until).ok());
  }

  std::unique_ptr<client::Client> SyncClient(const std::string& role) {
    client::ClientOptions o;
    o.server = server_->address();
    auto c = std::make_unique<client::Client>(o);
    const auto& a = server_->account(role);
    EXPECT_TRUE(c->Login(a.username, a.password).ok());
    return c;
  }

  // An AsyncClient signed in as `role`, and the account.
  std::unique_ptr<client::AsyncClient> Async(const std::string& role,
                                             directory::AccountInfo* account) {
    client::ClientOptions o;
    o.server = server_->address();
    auto c = std::make_unique<client::AsyncClient>(o);
    const auto& a = server_->account(role);
    auto r = Await<client::LoginResult>(
        [&](auto done) { c->login(nullptr, a.username, a.password, done); });
    EXPECT_TRUE(r.has_value() && r->ok());
    if (r.has_value() && r->ok()) *account = (*r)->account;
    return c;
  }

  // A Dienst view signed in as `role`, after its first complete load.
  struct View {
    std::unique_ptr<client::AsyncClient> client;
    directory::AccountInfo account;
    std::unique_ptr<FeedLinkSource> feeds;
    std::unique_ptr<QWidget> window;
    Banner* banner = nullptr;
    Notifier* notifier = nullptr;
    DutyView* view = nullptr;
  };
  std::unique_ptr<View> OpenView(const std::string& role, bool serverFeeds = false) {
    auto v = std::make_unique<View>();
    v->client = Async(role, &v->account);
    if (serverFeeds) {
      v->feeds = std::make_unique<ServerFeedLinks>(v->client.get());
    } else {
      v->feeds = std::make_unique<NoFeedLinks>();
    }
    v->window = std::make_unique<QWidget>();
    auto* layout = new QVBoxLayout(v->window.get());
    v->banner = new Banner(v->window.get());
    layout->addWidget(v->banner);
    v->notifier = new Notifier(v->banner, QIcon(), v->window.get());
    v->view = new DutyView(v->client.get(), v->feeds.get(), v->notifier, v->window.get());
    layout->addWidget(v->view);
    v->window->resize(1366, 700);
    v->window->show();
    QSignalSpy refreshed(v->view, &DutyView::refreshed);
    v->view->setAccount(v->account);
    EXPECT_TRUE(refreshed.wait(kWait));
    EXPECT_TRUE(refreshed.count() >= 1 && refreshed.last().at(0).toBool())
        << Joined(visibleTexts(v->view));
    return v;
  }

  void Refresh(DutyView* view) {
    QSignalSpy refreshed(view, &DutyView::refreshed);
    view->refresh();
    ASSERT_TRUE(refreshed.wait(kWait));
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<client::Client> admin_;
};

TEST_F(DeskTest, TheOfficerSeesWhoIsOnDutyTheirDutiesAndTheirPoolsRoster) {
  std::unique_ptr<View> v = OpenView("officer");
  absl::StatusOr<client::OnCall> truth = admin_->GetOnCall(std::nullopt);
  ASSERT_TRUE(truth.ok());

  OnCallModel* oc = v->view->onCallModel();
  ASSERT_EQ(oc->rowCount(), 2);
  for (int r = 0; r < 2; ++r) {
    const client::PoolOnCall& p = truth->pools[static_cast<size_t>(r)];
    ASSERT_TRUE(p.current.has_value());
    EXPECT_EQ(oc->index(r, OnCallModel::PoolColumn).data().toString(), Formats::qs(p.pool_name));
    EXPECT_EQ(oc->index(r, OnCallModel::OnDutyColumn).data().toString(),
              Formats::qs(p.current->person.name));
    EXPECT_EQ(oc->index(r, OnCallModel::PhoneColumn).data().toString(),
              Formats::qs(p.current->person.phone));
  }

  DutyModel* mine = v->view->myDutiesModel();
  ASSERT_GE(mine->rowCount(), 1);
  EXPECT_TRUE(Has(visibleTexts(v->view), QStringLiteral("The next 90 days.")))
      << Joined(visibleTexts(v->view));
  for (const client::Duty& d : mine->duties()) {
    EXPECT_EQ(d.person.key, "h.devries");
    EXPECT_EQ(d.slice.pool, "oost");
    EXPECT_GT(d.slice.interval.end, absl::Now());
  }

  RosterModel* roster = v->view->rosterModel();
  EXPECT_EQ(roster->rowCount(), 7);
  EXPECT_EQ(absl::GetWeekday(roster->first()), absl::Weekday::monday);
  const QStringList texts = visibleTexts(v->view);
  EXPECT_TRUE(Has(texts, QStringLiteral("<OvD-Bz Oost>"))) << Joined(texts);
  // Today's row names whoever is on duty in Oost now.
  const QString now = Formats::qs(truth->pools[0].current->person.name);
  const int today = static_cast<int>(Formats::civilDay(absl::Now()) - roster->first());
  EXPECT_TRUE(roster->index(today, RosterModel::OnDutyColumn).data().toString().contains(now));
  // The duty that runs past the end of the week shown comes whole (to its handover), so that a
  // swap arranged from it starts from the real duty.
  const RosterModel::Day& sunday = roster->day(6);
  ASSERT_FALSE(sunday.duties.empty());
  EXPECT_GT(sunday.duties.back().slice.interval.end, roster->window().end);

  // What an officer is offered, and what not.
  EXPECT_TRUE(Has(texts, QStringLiteral("[Ask for a swap…]"))) << Joined(texts);
  EXPECT_TRUE(Has(texts, QStringLiteral("[Register leave…]")));
  EXPECT_TRUE(Has(texts, QStringLiteral("[Accept] (disabled)")));
  EXPECT_FALSE(texts.join(QLatin1Char('\n')).contains(QStringLiteral("Approve")));
  EXPECT_FALSE(texts.join(QLatin1Char('\n')).contains(QStringLiteral("Put someone on duty")));
  EXPECT_FALSE(texts.join(QLatin1Char('\n')).contains(QStringLiteral("Arrange a swap")));
  // The feed link waits for the server's FeedService: disabled, and it says why.
  EXPECT_TRUE(Has(texts, QStringLiteral("[Copy calendar feed link] (disabled)")));
  EXPECT_EQ(Button(v->view, QStringLiteral("Copy calendar feed link"))->toolTip(),
            QStringLiteral("This server does not offer iCalendar feed links yet. (Ctrl+Shift+C)"));
}

TEST_F(DeskTest, TheFeedLinkIsMadeByTheServerAndARefusalShowsItsMessage) {
  std::unique_ptr<View> v = OpenView("officer", /*serverFeeds=*/true);
  QPushButton* copy = Button(v->view, QStringLiteral("Copy calendar feed link"));
  ASSERT_TRUE(copy->isEnabled());
  QSignalSpy message(v->view, &DutyView::message);
  QTest::mouseClick(copy, Qt::LeftButton);
  ASSERT_TRUE(message.wait(kWait));
  // The in-process server has no published feed address: the link exists, but the desk
  // cannot give a calendar app a usable URL, and says so in a message box.
  EXPECT_TRUE(message.last().at(0).toString().contains(QStringLiteral("--feed-url")))
      << message.last().at(0).toString().toStdString();
  QMessageBox* box = v->view->findChild<QMessageBox*>();
  ASSERT_NE(box, nullptr);
  EXPECT_TRUE(box->isVisible());
  EXPECT_TRUE(box->text().contains(QStringLiteral("Ask the administrator")));
  absl::StatusOr<std::vector<client::FeedLinkView>> links = admin_->ListFeedLinks(true, false);
  ASSERT_TRUE(links.ok()) << links.status();
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].owner, "officer");
  box->close();

  // Copying again would end that link: the desk asks first, and Cancel keeps it.
  auto question = [&]() -> QMessageBox* {
    for (QMessageBox* b : v->view->findChildren<QMessageBox*>()) {
      if (b->isVisible() && b->text().contains(QStringLiteral("already have"))) return b;
    }
    return nullptr;
  };
  QTest::mouseClick(copy, Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor([&] { return question() != nullptr; }, kWait));
  EXPECT_TRUE(question()->text().contains(QStringLiteral("the old link stops working")));
  QTest::mouseClick(Button(question(), QStringLiteral("Cancel")), Qt::LeftButton);
  QTest::qWait(200);
  absl::StatusOr<std::vector<client::FeedLinkView>> kept = admin_->ListFeedLinks(true, false);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ((*kept)[0].id, (*links)[0].id);
  // Making a new one replaces it.
  const int before = message.count();
  QTest::mouseClick(copy, Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor([&] { return question() != nullptr; }, kWait));
  QTest::mouseClick(Button(question(), QStringLiteral("Make a new link")), Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor([&] { return message.count() > before; }, kWait));
  absl::StatusOr<std::vector<client::FeedLinkView>> now = admin_->ListFeedLinks(true, false);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->size(), 1u);
  EXPECT_NE((*now)[0].id, (*links)[0].id);
  for (QMessageBox* b : v->view->findChildren<QMessageBox*>()) b->close();
}

TEST_F(DeskTest, CoordinatorsAndAdministratorsAreOfferedMore) {
  {
    std::unique_ptr<View> v = OpenView("coordinator");
    const QString all = visibleTexts(v->view).join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("[Put someone on duty…]"))) << all.toStdString();
    EXPECT_FALSE(all.contains(QStringLiteral("Approve")));
    // The coordinator is in no pool: nothing to swap.
    EXPECT_TRUE(all.contains(QStringLiteral("[Ask for a swap…] (disabled)")));
  }
  std::unique_ptr<View> v = OpenView("administrator");
  const QString all = visibleTexts(v->view).join(QLatin1Char('\n'));
  EXPECT_TRUE(all.contains(QStringLiteral("[Approve] (disabled)"))) << all.toStdString();
  EXPECT_TRUE(all.contains(QStringLiteral("[Reject] (disabled)")));
  EXPECT_TRUE(all.contains(QStringLiteral("[Put someone on duty…]")));
  EXPECT_TRUE(all.contains(QStringLiteral("[Arrange a swap…]")));
}

TEST_F(DeskTest, TheMonthViewAndPeriodNavigationLoadTheSchedule) {
  std::unique_ptr<View> v = OpenView("officer");
  QSignalSpy refreshed(v->view, &DutyView::refreshed);
  const absl::CivilDay first = v->view->rosterModel()->first();
  QTest::mouseClick(Button(v->view, QStringLiteral("Next ›")), Qt::LeftButton);
  ASSERT_TRUE(refreshed.wait(kWait));
  EXPECT_EQ(v->view->rosterModel()->first(), first + 7);
  v->view->showPeriod(DutyView::Period::Month, Formats::civilDay(absl::Now()));
  ASSERT_TRUE(refreshed.wait(kWait));
  RosterModel* m = v->view->rosterModel();
  EXPECT_GE(m->rowCount(), 28);
  EXPECT_EQ(m->first().day(), 1);
  // Every day after the rotation began has someone on duty or says there is a gap.
  for (int r = 0; r < m->rowCount(); ++r) {
    EXPECT_FALSE(m->index(r, RosterModel::OnDutyColumn).data().toString().isEmpty());
  }
}

TEST_F(DeskTest, EveryPartIsReachableWithTheKeyboard) {
  std::unique_ptr<View> v = OpenView("officer");
  QWidget* window = v->window.get();
  window->activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(window));
  const QList<QTableView*> tables = v->view->findChildren<QTableView*>();
  ASSERT_EQ(tables.size(), 4);
  // Ctrl+1..4 go to the four tables.
  for (int i = 0; i < 4; ++i) {
    QTest::keyClick(window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
    EXPECT_EQ(QApplication::focusWidget(), tables[i]) << i;
  }
  // Tab walks through the parts in reading order: the tables, the roster's controls, the
  // swap buttons that apply, the actions.
  QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
  QStringList order;
  for (int i = 0; i < 20; ++i) {
    QWidget* f = QApplication::focusWidget();
    if (auto* t = qobject_cast<QTableView*>(f)) {
      order << QStringLiteral("table%1").arg(tables.indexOf(t) + 1);
    } else if (auto* b = qobject_cast<QPushButton*>(f)) {
      order << Plain(b->text());
    } else if (auto* c = qobject_cast<QComboBox*>(f)) {
      order << QStringLiteral("<%1>").arg(c->currentText());
    }
    QTest::keyClick(f, Qt::Key_Tab);
  }
  const QStringList expected = {
      QStringLiteral("table1"),          QStringLiteral("table2"),
      QStringLiteral("<OvD-Bz Oost>"),   QStringLiteral("<Week>"),
      QStringLiteral("‹ Previous"),      QStringLiteral("Today"),
      QStringLiteral("Next ›"),          QStringLiteral("table3"),
      QStringLiteral("table4"),          QStringLiteral("Ask for a swap…"),
      QStringLiteral("Register leave…"), QStringLiteral("Refresh")};
  EXPECT_EQ(order.mid(0, expected.size()), expected)
      << order.join(QStringLiteral(", ")).toStdString();
  // Alt+N (the mnemonic of "Next ›") shows the next week.
  QSignalSpy refreshed(v->view, &DutyView::refreshed);
  const absl::CivilDay first = v->view->rosterModel()->first();
  QTest::keyClick(window, Qt::Key_N, Qt::AltModifier);
  ASSERT_TRUE(refreshed.wait(kWait));
  EXPECT_EQ(v->view->rosterModel()->first(), first + 7);
}

TEST_F(DeskTest, AskingForASwapShowsItInTheSwapsTable) {
  std::unique_ptr<View> v = OpenView("officer");
  ASSERT_GE(v->view->myDutiesModel()->rowCount(), 1);
  SwapDialog dialog(v->client.get(), SwapDialog::Mode::Request, v->view->myDutiesModel()->duties(),
                    v->view->directory(), 0, nullptr);
  dialog.show();
  auto combos = dialog.findChildren<QComboBox*>();
  ASSERT_EQ(combos.size(), 2);
  QComboBox* taker = combos[1];
  const int gert = taker->findData(QStringLiteral("g.smits"));
  ASSERT_GE(gert, 0) << "colleagues are the pool's other members";
  EXPECT_EQ(taker->findData(QStringLiteral("h.devries")), -1);
  taker->setCurrentIndex(gert);
  dialog.findChild<QLineEdit*>()->setText(QStringLiteral("family"));
  QTest::mouseClick(Button(&dialog, QStringLiteral("Send request")), Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result().has_value(); }, kWait));
  EXPECT_EQ(dialog.result()->swap.status, roster::SwapStatus::kRequested);
  EXPECT_EQ(dialog.result()->taker.key, "g.smits");
  EXPECT_EQ(dialog.result()->swap.reason, "family");

  Refresh(v->view);
  SwapModel* swaps = v->view->swapModel();
  ASSERT_EQ(swaps->rowCount(), 1);
  EXPECT_EQ(swaps->index(0, SwapModel::TakerColumn).data().toString(),
            QStringLiteral("Gert Smits"));
  // The giver may withdraw it, not accept it.
  v->view->findChildren<QTableView*>()[3]->setCurrentIndex(swaps->index(0, 0));
  EXPECT_TRUE(Button(v->view, QStringLiteral("Withdraw"))->isEnabled());
  EXPECT_FALSE(Button(v->view, QStringLiteral("Accept"))->isEnabled());

  // A double click withdraws it once: the button waits for the answer, no refusal follows.
  QSignalSpy messages(v->view, &DutyView::message);
  QPushButton* withdraw = Button(v->view, QStringLiteral("Withdraw"));
  withdraw->click();
  EXPECT_FALSE(withdraw->isEnabled());
  withdraw->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return messages.count() >= 1; }, kWait));
  QTest::qWait(300);
  ASSERT_EQ(messages.count(), 1);
  EXPECT_FALSE(messages.at(0).at(0).toString().contains(QStringLiteral("Withdraw swap:")))
      << messages.at(0).at(0).toString().toStdString();
}

TEST_F(DeskTest, ARefusedCallShowsTheServersMessageAndTheDialogStaysOpen) {
  std::unique_ptr<View> v = OpenView("officer");
  // An officer's client trying what only a regional administrator may do.
  SwapDialog dialog(v->client.get(), SwapDialog::Mode::Arrange, v->view->myDutiesModel()->duties(),
                    v->view->directory(), 0, nullptr);
  dialog.show();
  QSignalSpy accepted(&dialog, &QDialog::accepted);
  QTest::mouseClick(Button(&dialog, QStringLiteral("Arrange swap")), Qt::LeftButton);
  QLabel* error = nullptr;
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        for (QLabel* l : dialog.findChildren<QLabel*>()) {
          if (l->isVisible() && l->text().contains(QStringLiteral("arranging a swap for others needs"))) error = l;
        }
        return error != nullptr;
      },
      kWait));
  EXPECT_TRUE(error->text().contains(QStringLiteral("administrator")))
      << error->text().toStdString();
  EXPECT_EQ(accepted.count(), 0);
  EXPECT_TRUE(dialog.isVisible());
  EXPECT_FALSE(dialog.result().has_value());
}

TEST_F(DeskTest, LeaveOverADutyIsRegisteredAndItsClashesReported) {
  std::unique_ptr<View> v = OpenView("officer");
  ASSERT_GE(v->view->myDutiesModel()->rowCount(), 1);
  const client::Duty duty = v->view->myDutiesModel()->duty(0);
  LeaveDialog dialog(v->client.get(), v->view->directory(), /*forOthers=*/false, "h.devries");
  dialog.show();
  const absl::Time from = std::max(duty.slice.interval.start, absl::Now()) + absl::Hours(1);
  dialog.setInterval(from, from + absl::Hours(24));
  QTest::mouseClick(Button(&dialog, QStringLiteral("Save leave")), Qt::LeftButton);
  // Escape while the call is on its way does not drop its answer.
  dialog.reject();
  EXPECT_TRUE(dialog.isVisible());
  ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result().has_value(); }, kWait));
  EXPECT_EQ(dialog.result()->first.person.key, "h.devries");
  ASSERT_FALSE(dialog.result()->second.empty());
  EXPECT_EQ(dialog.result()->second[0].clash.kind, roster::ClashKind::kOnLeave);
  // My duties say so too, on the duty itself, until the clash is resolved.
  Refresh(v->view);
  DutyModel* mine = v->view->myDutiesModel();
  int row = -1;
  for (int r = 0; r < mine->rowCount(); ++r) {
    if (mine->duty(r).slice.interval.Overlaps({from, from + absl::Hours(24)})) row = r;
  }
  ASSERT_GE(row, 0);
  EXPECT_TRUE(mine->index(row, DutyModel::NoteColumn)
                  .data()
                  .toString()
                  .contains(QStringLiteral("is on leave while on duty")))
      << mine->index(row, DutyModel::NoteColumn).data().toString().toStdString();
  EXPECT_EQ(mine->index(row, 0).data(Qt::BackgroundRole).value<QBrush>().color(),
            Marks::clashColour());
}

// A coordinator ends an override from the roster: after asking, it ends now.
TEST_F(DeskTest, ACoordinatorEndsAnOverrideFromTheRoster) {
  std::unique_ptr<View> v = OpenView("coordinator");
  RosterModel* roster = v->view->rosterModel();
  const int today = static_cast<int>(Formats::civilDay(absl::Now()) - roster->first());
  ASSERT_FALSE(roster->day(today).duties.empty());
  const std::string pool = roster->day(today).duties.front().slice.pool;
  const directory::Pool* p = v->view->directory().pool(pool);
  ASSERT_NE(p, nullptr);
  ASSERT_FALSE(p->members.empty());
  auto made = admin_->CreateOverride(pool, p->members.back(), std::nullopt,
                                     absl::Now() + absl::Hours(5), "ziekte");
  ASSERT_TRUE(made.ok()) << made.status();
  Refresh(v->view);
  QTableView* table = nullptr;
  for (QTableView* t : v->view->findChildren<QTableView*>()) {
    if (t->model() == roster) table = t;
  }
  ASSERT_NE(table, nullptr);
  QPushButton* end = Button(v->view, QStringLiteral("End override…"));
  ASSERT_NE(end, nullptr);
  table->setCurrentIndex(roster->index(today, 0));
  ASSERT_TRUE(end->isEnabled());

  QString asked;
  testing::AnswerNextBox(QStringLiteral("End now"), &asked);
  QSignalSpy message(v->view, &DutyView::message);
  QTest::mouseClick(end, Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        for (const QList<QVariant>& m : message) {
          if (m.at(0).toString().startsWith(QStringLiteral("Override %1 ended at")
                                                .arg(made->override_.id))) {
            return true;
          }
        }
        return false;
      },
      kWait));
  EXPECT_TRUE(asked.contains(QStringLiteral("From now on the roster"))) << asked.toStdString();
  auto after = admin_->ListOverrides(pool, absl::Now() - absl::Hours(1), absl::Now() + absl::Hours(6));
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_LE((*after)[0].override_.interval.end, absl::Now());
  // Nothing left to end on that day.
  ASSERT_TRUE(QTest::qWaitFor([&] { return !end->isEnabled(); }, kWait));
}

// The leave dialog lists the coming leave, and withdraws the chosen one.
TEST_F(DeskTest, ComingLeaveIsListedAndCanBeWithdrawn) {
  std::unique_ptr<View> v = OpenView("officer");
  auto officer = SyncClient("officer");
  const absl::Time from = absl::Now() + absl::Hours(24 * 40);
  auto made = officer->AddUnavailability("", {from, from + absl::Hours(24 * 3)}, "vakantie");
  ASSERT_TRUE(made.ok()) << made.status();
  LeaveDialog dialog(v->client.get(), v->view->directory(), /*forOthers=*/false, "h.devries");
  QSignalSpy listed(&dialog, &LeaveDialog::leaveListed);
  dialog.show();
  ASSERT_TRUE(listed.wait(kWait));
  QListWidget* list = dialog.leaveList();
  ASSERT_EQ(list->count(), 1);
  EXPECT_TRUE(list->item(0)->text().contains(QStringLiteral("(vakantie)")))
      << list->item(0)->text().toStdString();
  EXPECT_TRUE(list->item(0)->text().contains(
      QString::number(absl::ToCivilYear(from, Formats::zone()).year())))
      << "with the year: " << list->item(0)->text().toStdString();
  QPushButton* withdraw = Button(&dialog, QStringLiteral("Withdraw the chosen leave"));
  EXPECT_FALSE(withdraw->isEnabled());
  list->setCurrentRow(0);
  ASSERT_TRUE(withdraw->isEnabled());
  QSignalSpy withdrawn(&dialog, &LeaveDialog::withdrawn);
  // It asks first; the answer is given as a user would.
  QString asked;
  testing::AnswerNextBox(QStringLiteral("Withdraw"), &asked);
  QTest::mouseClick(withdraw, Qt::LeftButton);
  ASSERT_TRUE(withdrawn.wait(kWait));
  EXPECT_TRUE(asked.contains(QStringLiteral("It ends now"))) << asked.toStdString();
  ASSERT_TRUE(QTest::qWaitFor([&] { return list->count() == 0; }, kWait));
  auto left = officer->ListUnavailability("", false, absl::Now(), std::nullopt);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
}

TEST_F(DeskTest, TheOfficerIsToldWhenTheirComingDutiesChange) {
  std::unique_ptr<View> v = OpenView("officer");
  ASSERT_GE(v->view->myDutiesModel()->rowCount(), 1);
  EXPECT_FALSE(v->notifier->usesTray());  // offscreen: no system tray, so the banner
  // Find a published duty that has not begun, and let an administrator give it to a colleague.
  const client::Duty* coming = nullptr;
  for (const client::Duty& d : v->view->myDutiesModel()->duties()) {
    if (d.slice.interval.start > absl::Now() && coming == nullptr) coming = &d;
  }
  ASSERT_NE(coming, nullptr);
  client::SwapRequestArgs a;
  a.shift_id = coming->slice.shift_id;
  a.taker = "g.smits";
  absl::StatusOr<client::SwapView> s = admin_->RequestSwap(a, /*arrange=*/true);
  ASSERT_TRUE(s.ok()) << s.status();
  Refresh(v->view);
  EXPECT_TRUE(v->banner->isVisible());
  EXPECT_TRUE(v->banner->text().contains(QStringLiteral("Your duties have changed")))
      << v->banner->text().toStdString();
  EXPECT_TRUE(v->notifier->last().contains(QStringLiteral("Your coming duties have changed")));
}

TEST_F(DeskTest, SigningInShowsTheServersRefusalAndStoresTheSessionButNeverThePassword) {
  client::ClientOptions o;
  o.server = server_->address();
  client::AsyncClient c(o);
  SignInDialog dialog(&c, QString::fromStdString(server_->address()), QStringLiteral("officer"));
  dialog.show();
  auto edits = dialog.findChildren<QLineEdit*>();
  ASSERT_EQ(edits.size(), 3);
  QLineEdit* password = edits[2];
  EXPECT_EQ(password->echoMode(), QLineEdit::Password);
  password->setText(QStringLiteral("not-the-password"));
  QTest::mouseClick(Button(&dialog, QStringLiteral("Sign in")), Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        for (QLabel* l : dialog.findChildren<QLabel*>()) {
          if (l->isVisible() && l->text() == QStringLiteral("Wrong user name or password."))
            return true;
        }
        return false;
      },
      kWait));
  EXPECT_TRUE(password->text().isEmpty());
  EXPECT_FALSE(dialog.result().has_value());

  // A server that cannot be reached is named, and the message covers none of the fields.
  edits[0]->setText(QStringLiteral("127.0.0.1:1"));
  password->setText(QStringLiteral("whatever"));
  QLabel* said = nullptr;
  QTest::mouseClick(Button(&dialog, QStringLiteral("Sign in")), Qt::LeftButton);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        for (QLabel* l : dialog.findChildren<QLabel*>()) {
          if (l->isVisible() && l->text().startsWith(QStringLiteral(
                                    "The server 127.0.0.1:1 cannot be reached."))) {
            said = l;
          }
        }
        return said != nullptr;
      },
      kWait))
      << [&] {
           std::string all;
           for (QLabel* l : dialog.findChildren<QLabel*>()) {
             if (l->isVisible()) all += l->text().toStdString() + "\n";
           }
           return all;
         }();
  QApplication::processEvents();
  for (QLineEdit* e : edits) {
    EXPECT_FALSE(said->geometry().intersects(e->geometry()))
        << said->text().toStdString() << " covers a field";
  }
  EXPECT_GE(said->height(), said->heightForWidth(said->width()));
  edits[0]->setText(QString::fromStdString(server_->address()));

  const std::string secret = server_->account("officer").password;
  password->setText(QString::fromStdString(secret));
  QSignalSpy accepted(&dialog, &QDialog::accepted);
  QTest::mouseClick(Button(&dialog, QStringLiteral("Sign in")), Qt::LeftButton);
  ASSERT_TRUE(accepted.wait(kWait));
  ASSERT_TRUE(dialog.result().has_value());
  EXPECT_EQ(dialog.result()->account.account.username, "officer");

  // The CLI's token file now holds this session; the settings remember server and user.
  absl::StatusOr<std::optional<client::StoredSession>> stored = client::LoadSession();
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->server, server_->address());
  EXPECT_EQ((*stored)->username, "officer");
  EXPECT_EQ((*stored)->token, dialog.result()->token);
  absl::StatusOr<std::map<std::string, std::string>> config = client::LoadClientConfig();
  ASSERT_TRUE(config.ok());
  EXPECT_EQ((*config)["server"], server_->address());
  EXPECT_EQ((*config)["username"], "officer");
  for (const char* file : {"/config", "/session.json"}) {
    EXPECT_EQ(ReadFile(client::ConfigDir() + file).find(secret), std::string::npos) << file;
  }
}

TEST_F(DeskTest, TheMainWindowUsesAStoredSessionAndAlwaysShowsTheConnection) {
  const std::string token = server_->LoginAs("officer");
  ASSERT_TRUE(
      client::SaveSession({server_->address(), "officer", token, absl::Now() + absl::Hours(1)})
          .ok());
  MainWindow::Options o;
  o.server = QString::fromStdString(server_->address());
  o.interactive = false;
  MainWindow w(o);
  w.resize(1366, 768);
  w.show();
  QSignalSpy ready(&w, &MainWindow::ready);
  QSignalSpy failed(&w, &MainWindow::signInFailed);
  w.start();
  ASSERT_TRUE(ready.wait(kWait)) << (failed.isEmpty()
                                         ? ""
                                         : failed.at(0).at(0).toString().toStdString());
  EXPECT_TRUE(ready.at(0).at(0).toBool());
  EXPECT_EQ(w.client()->token(), token);
  const QStringList texts = w.visibleTexts();
  EXPECT_EQ(texts.value(0), QStringLiteral("# Hanna de Vries"));  // the platform adds " — Paraat"
  EXPECT_TRUE(Has(texts, QStringLiteral("-- Hanna de Vries (officer, wijchen)"))) << Joined(texts);
  const QString connection = QStringLiteral("-- Connected to %1 · last contact ")
                                 .arg(QString::fromStdString(server_->address()));
  EXPECT_TRUE(texts.join(QLatin1Char('\n')).contains(connection)) << Joined(texts);

  // The server goes away: the status bar says so.
  server_->Stop();
  w.client()->setPingInterval(std::chrono::milliseconds(100));
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return w.visibleTexts()
            .join(QLatin1Char('\n'))
            .contains(QStringLiteral("SERVER UNREACHABLE"));
      },
      kWait));
}

// A session that has ended still opens what this computer kept while the server is away.
TEST_F(DeskTest, AnExpiredSessionStillOpensWhatWasKeptWhileTheServerIsAway) {
  paraat::testing::TempDir cache;
  {
    MainWindow w(testing::SignedIn(*server_, "officer", cache.path()));
    QSignalSpy ready(&w, &MainWindow::ready);
    w.start();
    ASSERT_TRUE(ready.wait(kWait));
  }
  const std::string token = server_->LoginAs("officer");
  const std::string address = server_->address();
  ASSERT_TRUE(client::SaveSession({address, "officer", token, absl::Now() - absl::Hours(1)}).ok());
  server_->Stop();
  MainWindow::Options o;
  o.server = QString::fromStdString(address);
  o.interactive = false;
  o.cacheDir = QString::fromStdString(cache.path());
  MainWindow w(o);
  w.resize(1366, 768);
  w.show();
  QSignalSpy failed(&w, &MainWindow::signInFailed);
  w.start();
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return w.visibleTexts().join(QLatin1Char('\n')).contains(
            QStringLiteral("-- Hanna de Vries (officer, wijchen)"));
      },
      kWait))
      << Joined(w.visibleTexts()) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
  EXPECT_TRUE(failed.isEmpty());
  // The connection line and the banner agree on when the server last answered.
  EXPECT_NE(w.lastContactText(), QStringLiteral("never"));
  EXPECT_FALSE(w.visibleTexts().join(QLatin1Char('\n')).contains(QStringLiteral("last contact never")))
      << Joined(w.visibleTexts());
}

// Wrong TLS settings are said as such, not as an unreachable server, and nothing is sent.
TEST_F(DeskTest, WrongConnectionSettingsAreSaidAsSuch) {
  paraat::testing::TempDir dir;
  ASSERT_EQ(setenv("PARAAT_CA", dir.File("absent-ca.crt").c_str(), 1), 0);
  MainWindow::Options o;
  o.server = QString::fromStdString(server_->address());
  o.interactive = false;
  MainWindow w(o);
  unsetenv("PARAAT_CA");
  w.show();
  w.start();
  const std::string texts = Joined(w.visibleTexts());
  EXPECT_NE(texts.find("the connection settings for"), std::string::npos) << texts;
  EXPECT_NE(texts.find("cannot read the CA file"), std::string::npos) << texts;
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return Joined(w.visibleTexts()).find("NOT CONNECTED: the connection settings") !=
               std::string::npos;
      },
      kWait))
      << Joined(w.visibleTexts());
  EXPECT_EQ(Joined(w.visibleTexts()).find("SERVER UNREACHABLE"), std::string::npos);
}

TEST_F(DeskTest, WithoutASessionAScriptedStartSaysSo) {
  MainWindow::Options o;
  o.server = QString::fromStdString(server_->address());
  o.interactive = false;
  MainWindow w(o);
  QSignalSpy failed(&w, &MainWindow::signInFailed);
  w.start();
  ASSERT_TRUE(failed.count() == 1 || failed.wait(kWait));
  EXPECT_EQ(failed.at(0).at(0).toString(),
            QStringLiteral("not signed in to %1").arg(QString::fromStdString(server_->address())));
}

}  // namespace
}  // namespace paraat::desk
