// SPDX-License-Identifier: EUPL-1.2
// The Crisis view and the offline behaviour of the main window against a real in-process
// server with the demo crisis ("Opvang vluchtelingen", 20 entries), on the offscreen platform.
#include "client/desk/crisis_view.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHeaderView>
#include <QInputDialog>
#include <QListWidget>
#include <QTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/api/offline.h"
#include "client/api/session_store.h"
#include "client/desk/crisis_models.h"
#include "client/desk/duty_view.h"
#include "client/desk/entry_form.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"
#include "client/desk/main_window.h"
#include "client/desk/marks.h"
#include "client/desk/open_crisis_dialog.h"
#include "client/desk/view_text.h"
#include "common/crisis/export.h"
#include "common/json/json.h"
#include "tests/client/support/wait.h"
#include "tests/client/desk/signed_in.h"
#include "tests/support/test_server.h"

namespace paraat::desk {
namespace {

using testing::Await;
using testing::TempDir;
using testing::TestServer;

constexpr int kWait = testing::kWaitMs;

std::string Joined(const QStringList& lines) { return lines.join(QLatin1Char('\n')).toStdString(); }

// The text field of a draft kept as JSON ("(not a JSON draft)" otherwise).
std::string DraftText(const std::string& draft) {
  absl::StatusOr<json::Value> d = json::Parse(draft);
  if (!d.ok() || !d->is_object() || d->Find("text") == nullptr) return "(not a JSON draft)";
  return d->Find("text")->as_string();
}

// How often `text` occurs as an entry text in the model.
int Count(const EntryModel* m, const std::string& text) {
  int n = 0;
  for (const crisis::Entry& e : m->entries()) n += e.text == text ? 1 : 0;
  return n;
}

class CrisisViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    auto crises = Sync("coordinator")->ListCrises(false);
    ASSERT_TRUE(crises.ok() && crises->size() == 1u);
    crisis_ = crises->front().id;
  }

  std::unique_ptr<client::Client> Sync(const std::string& role) {
    client::ClientOptions o;
    o.server = server_->address();
    auto c = std::make_unique<client::Client>(o);
    const auto& a = server_->account(role);
    EXPECT_TRUE(c->Login(a.username, a.password).ok());
    return c;
  }

  struct View {
    std::unique_ptr<client::AsyncClient> client;
    directory::AccountInfo account;
    std::unique_ptr<CrisisView> view;
  };

  // A Crisis view signed in as `role`, after its first complete load and log check.
  std::unique_ptr<View> Open(const std::string& role,
                             std::shared_ptr<client::cache::Cache> cache = nullptr,
                             const std::string& witness = "") {
    auto v = std::make_unique<View>();
    client::ClientOptions o;
    o.server = server_->address();
    v->client = std::make_unique<client::AsyncClient>(o);
    const auto& a = server_->account(role);
    auto r = Await<client::LoginResult>(
        [&](auto done) { v->client->login(nullptr, a.username, a.password, done); });
    EXPECT_TRUE(r.has_value() && r->ok());
    if (r.has_value() && r->ok()) v->account = (*r)->account;
    if (cache) v->client->setCache(cache);
    v->view = std::make_unique<CrisisView>(v->client.get());
    v->view->setWitnessPath(witness.empty() ? dir_.File("witness.json") : witness);
    v->view->setCache(cache);
    v->view->resize(1366, 700);
    v->view->show();
    QSignalSpy checked(v->view.get(), &CrisisView::witnessChecked);
    QSignalSpy refreshed(v->view.get(), &CrisisView::refreshed);
    v->view->setAccount(v->account);
    EXPECT_TRUE(refreshed.wait(kWait));
    EXPECT_TRUE(refreshed.last().at(0).toBool()) << Joined(visibleTexts(v->view.get()));
    EXPECT_TRUE(checked.count() >= 1 || checked.wait(kWait));
    return v;
  }

  // A new local cache in the test's directory.
  std::shared_ptr<client::cache::Cache> NewCache(const std::string& name = "cache.sqlite") {
    auto cache = client::cache::Cache::Open(dir_.File(name));
    EXPECT_TRUE(cache.ok()) << cache.status();
    return cache.ok() ? std::shared_ptr<client::cache::Cache>(std::move(*cache)) : nullptr;
  }

  // Stops the server and waits until the view's client knows it.
  void GoOffline(View& v) {
    server_->Stop();
    v.client->setPingInterval(std::chrono::milliseconds(100));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return v.client->connection() == client::AsyncClient::Connection::Unreachable; },
        kWait));
  }

  TempDir dir_;  // witness and caches of this test only (ports are reused between tests)
  std::unique_ptr<TestServer> server_;
  int64_t crisis_ = 0;
};

TEST_F(CrisisViewTest, TheLogShowsGripCorrectionsActionsHandoverAndTheCheck) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  EXPECT_EQ(view->currentCrisis(), crisis_);
  ASSERT_EQ(view->crisisModel()->rowCount(), 1);
  EXPECT_EQ(view->crisisModel()->index(0, CrisisListModel::TitleColumn).data().toString(),
            QStringLiteral("Opvang vluchtelingen"));

  // The whole log, in order; the GRIP level it reached (down again, outside GRIP), large.
  EntryModel* log = view->entryModel();
  ASSERT_EQ(log->rowCount(), 20);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(log->entries()[static_cast<size_t>(i)].seq, i + 1);
  EXPECT_EQ(view->gripLabel()->text(), QStringLiteral("outside GRIP"));
  EXPECT_GE(view->gripLabel()->font().pointSizeF(), view->font().pointSizeF());
  EXPECT_TRUE(view->gripLabel()->styleSheet().contains(QStringLiteral("26pt")));

  // Entry 14 (the decision to extend) is corrected by entry 15: struck through and pointed at.
  const QModelIndex corrected = log->index(13, EntryModel::TextColumn);
  EXPECT_TRUE(corrected.data(Qt::FontRole).value<QFont>().strikeOut());
  EXPECT_TRUE(corrected.data().toString().endsWith(QStringLiteral("[corrected by #15]")))
      << corrected.data().toString().toStdString();
  EXPECT_FALSE(
      log->index(14, EntryModel::TextColumn).data(Qt::FontRole).value<QFont>().strikeOut());
  EXPECT_TRUE(log->index(14, EntryModel::TextColumn)
                  .data()
                  .toString()
                  .startsWith(QStringLiteral("corrects #14: ")));

  // Open actions: #6 (h.devries) and #16 (e.willems, in progress), both past their deadline.
  ActionModel* actions = view->actionModel();
  ASSERT_EQ(actions->rowCount(), 2) << Joined(tableTexts(actions));
  for (int r = 0; r < 2; ++r) {
    EXPECT_TRUE(actions->index(r, ActionModel::StatusColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("OVERDUE")));
    EXPECT_EQ(actions->index(r, 0).data(Qt::ForegroundRole).value<QBrush>().color(),
              QColor(0xb0, 0x00, 0x00));
    EXPECT_FALSE(actions->isMine(r));  // the coordinator owns neither
  }

  // The handover report and the log check.
  EXPECT_TRUE(view->handoverLabel()->text().startsWith(
      QStringLiteral("HANDOVER REPORT: what was logged since")));
  // The demo logged its decisions just now about days past: each says when it was logged.
  EXPECT_TRUE(view->handoverLabel()->text().contains(QStringLiteral(" (logged ")))
      << view->handoverLabel()->text().toStdString();
  EXPECT_TRUE(
      view->handoverLabel()->text().contains(QStringLiteral("Open actions (overdue first):")));
  EXPECT_TRUE(view->handoverLabel()->text().contains(QStringLiteral("Assessments since:\n  #")))
      << view->handoverLabel()->text().toStdString();
  // What the shift before said at its handover (the demo's week handover), however long ago.
  EXPECT_TRUE(view->handoverLabel()->text().contains(
      QStringLiteral("Last handover note:\n  #")))
      << view->handoverLabel()->text().toStdString();
  EXPECT_TRUE(view->handoverLabel()->text().contains(QStringLiteral("Weekoverdracht: locatie Beuningen")))
      << view->handoverLabel()->text().toStdString();
  EXPECT_TRUE(view->handoverLabel()->text().contains(
      QStringLiteral("Messages, closing and reopening since:")));
  EXPECT_TRUE(
      view->handoverLabel()->text().contains(QStringLiteral("Actions finished since:\n  #7 ")))
      << view->handoverLabel()->text().toStdString();
  // A corrected decision comes with what its correction says.
  EXPECT_TRUE(view->handoverLabel()->text().contains(
      QStringLiteral("[corrected by #15]\n      correction #15: ")))
      << view->handoverLabel()->text().toStdString();
  EXPECT_EQ(view->witness(), CrisisView::Witness::Ok) << view->witnessLabel()->text().toStdString();
  EXPECT_TRUE(view->witnessLabel()->text().contains(QStringLiteral("Log checked: 20 entries")))
      << view->witnessLabel()->text().toStdString();

  // Filter by kind: the three decisions.
  view->kindFilter()->setCurrentIndex(
      view->kindFilter()->findData(static_cast<int>(crisis::EntryKind::kDecision)));
  EXPECT_EQ(view->logModel()->rowCount(), 3);
  view->kindFilter()->setCurrentIndex(0);
  EXPECT_EQ(view->logModel()->rowCount(), 20);

  // Search on the server.
  auto truth = Sync("coordinator")->SearchEntries(crisis_, "Heumensoord", 0, 100);
  ASSERT_TRUE(truth.ok());
  ASSERT_FALSE(truth->entries.empty());
  view->searchEdit()->setText(QStringLiteral("Heumensoord"));
  QTest::keyClick(view->searchEdit(), Qt::Key_Return);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return view->logModel()->rowCount() == static_cast<int>(truth->entries.size()); },
      kWait));
  EXPECT_TRUE(Joined(visibleTexts(view)).find("Search \"Heumensoord\": ") != std::string::npos);
  view->searchEdit()->clear();
  EXPECT_EQ(view->logModel()->rowCount(), 20);
}

TEST_F(CrisisViewTest, EntriesAppearLiveAndTheFormLogsWithAClearMessageForBadInput) {
  std::shared_ptr<client::cache::Cache> shared = NewCache();
  ASSERT_NE(shared, nullptr);
  std::unique_ptr<View> v = Open("coordinator", shared);
  CrisisView* view = v->view.get();
  ASSERT_EQ(view->entryModel()->rowCount(), 20);

  // Someone else logs: it arrives through the stream, and the GRIP label follows.
  auto other = Sync("administrator");
  crisis::AppendRequest r;
  r.crisis_id = crisis_;
  r.kind = crisis::EntryKind::kGripChange;
  r.grip = "2";
  r.text = "Opschaling: onrust breidt zich uit.";
  r.idempotency_key = client::NewIdempotencyKey();
  ASSERT_TRUE(other->AppendEntry(r).ok());
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 21; }, kWait));
  EXPECT_EQ(view->gripLabel()->text(), QStringLiteral("GRIP 2"));
  // The list of crises follows too, without waiting for its next load.
  const QModelIndex row = view->crisisModel()->index(view->crisisModel()->rowOf(crisis_), 0);
  EXPECT_EQ(view->crisisModel()->crises()[static_cast<size_t>(row.row())].grip, "2");
  EXPECT_EQ(view->crisisModel()->crises()[static_cast<size_t>(row.row())].entries, 21);
  EXPECT_EQ(row.siblingAtColumn(CrisisListModel::GripColumn).data().toString(),
            QStringLiteral("GRIP 2"));
  EXPECT_EQ(row.siblingAtColumn(CrisisListModel::EntriesColumn).data().toString(),
            QStringLiteral("21"));
  // It was remembered in the cache too.
  auto cached = client::CachedEntries(*shared, crisis_, 0);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(cached->size(), 21u);

  EntryForm* form = view->form();
  EXPECT_TRUE(form->sendButton()->isEnabled());
  // What is typed is kept as a draft at once.
  form->textEdit()->setPlainText(QStringLiteral("Bijeenkomst omwonenden om 19:00 in De Hucht."));
  auto draft = shared->Draft(EntryForm::draftKey(crisis_));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(DraftText(*draft), "Bijeenkomst omwonenden om 19:00 in De Hucht.") << *draft;

  // A reference that is not a number is refused, naming the field; nothing is sent.
  form->refsEdit()->setText(QStringLiteral("12, twaalf"));
  form->sendButton()->click();
  EXPECT_FALSE(form->errorLabel()->isHidden());
  EXPECT_EQ(form->errorLabel()->text(),
            QStringLiteral("Refers to: \"twaalf\" is not an entry number"));
  // A correction needs the entry it corrects.
  form->refsEdit()->setText(QStringLiteral("#18"));
  form->kindBox()->setCurrentIndex(
      form->kindBox()->findData(static_cast<int>(crisis::EntryKind::kCorrection)));
  form->sendButton()->click();
  EXPECT_EQ(form->errorLabel()->text(),
            QStringLiteral("Corrects entry: give the number of the entry this corrects"));
  form->kindBox()->setCurrentIndex(
      form->kindBox()->findData(static_cast<int>(crisis::EntryKind::kMessage)));

  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 22; }, kWait));
  const crisis::Entry& mine = view->entryModel()->entries().back();
  EXPECT_EQ(mine.text, "Bijeenkomst omwonenden om 19:00 in De Hucht.");
  EXPECT_EQ(mine.kind, crisis::EntryKind::kMessage);
  EXPECT_EQ(mine.refs, std::vector<int64_t>{18});
  EXPECT_EQ(mine.author, "coordinator");
  EXPECT_TRUE(form->textEdit()->toPlainText().isEmpty());
  draft = shared->Draft(EntryForm::draftKey(crisis_));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(*draft, "");
  EXPECT_EQ(Count(view->entryModel(), mine.text), 1);  // the stream does not double it
  QTest::qWait(300);
  EXPECT_EQ(Count(view->entryModel(), mine.text), 1);

  // Typing on while an entry is on its way: the entry is logged and the new text stays.
  form->textEdit()->setPlainText(QStringLiteral("Tolk Tigrinya geregeld voor morgen."));
  form->sendButton()->click();
  form->textEdit()->setPlainText(QStringLiteral("Tolk Tigrinya geregeld voor morgen. Ook Arabisch"));
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 23; }, kWait));
  EXPECT_EQ(view->entryModel()->entries().back().text, "Tolk Tigrinya geregeld voor morgen.");
  EXPECT_EQ(form->textEdit()->toPlainText().toStdString(),
            "Tolk Tigrinya geregeld voor morgen. Ook Arabisch");
  draft = shared->Draft(EntryForm::draftKey(crisis_));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(DraftText(*draft), "Tolk Tigrinya geregeld voor morgen. Ook Arabisch");
}

// The visible widgets of `form` that overlap another one (names of the pairs), and those shown
// smaller than they need.
std::vector<std::string> Squeezed(QWidget* form) {
  std::vector<std::string> out;
  std::vector<QWidget*> shown;
  for (QWidget* w : form->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    if (w->isVisible()) shown.push_back(w);  // one laid out at no height counts too
  }
  auto name = [](QWidget* w) {
    const QString text = w->property("text").toString();
    return absl::StrCat(w->metaObject()->className(), " '", text.left(30).toStdString(), "'");
  };
  for (size_t i = 0; i < shown.size(); ++i) {
    if (shown[i]->height() < shown[i]->minimumSizeHint().height()) {
      out.push_back(absl::StrCat(name(shown[i]), " is ", shown[i]->height(), " high, needs ",
                                 shown[i]->minimumSizeHint().height()));
    }
    for (size_t j = i + 1; j < shown.size(); ++j) {
      if (shown[i]->geometry().intersects(shown[j]->geometry())) {
        out.push_back(absl::StrCat(name(shown[i]), " overlaps ", name(shown[j])));
      }
    }
  }
  return out;
}

// In a low window, a message in the form still leaves every field and the button to fix it
// in view: the form scrolls rather than squeezing its rows on top of each other.
TEST_F(CrisisViewTest, AMessageInTheFormNeverHidesItsFields) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  view->resize(1024, 600);
  view->detailTabs()->setCurrentIndex(1);
  EntryForm* form = view->form();
  form->kindBox()->setCurrentIndex(
      form->kindBox()->findData(static_cast<int>(crisis::EntryKind::kCorrection)));
  form->showError(QStringLiteral(
      "corrects: entry 99 does not exist in crisis 1 (its log has 20 entries); give the "
      "number of an entry of this crisis"));
  QApplication::processEvents();
  EXPECT_TRUE(Squeezed(form).empty()) << absl::StrJoin(Squeezed(form), "\n");
  form->kindBox()->setCurrentIndex(
      form->kindBox()->findData(static_cast<int>(crisis::EntryKind::kAction)));
  form->textEdit()->setPlainText(QStringLiteral("Noodstroom regelen"));
  QApplication::processEvents();
  QApplication::processEvents();
  EXPECT_GT(form->deadlineEdit()->height(), 10) << "before the message";
  form->sendButton()->click();  // no owner: refused by the form, naming the field
  QApplication::processEvents();
  QApplication::processEvents();
  EXPECT_TRUE(form->errorLabel()->text().startsWith(QStringLiteral("Owner:")));
  EXPECT_TRUE(Squeezed(form).empty()) << absl::StrJoin(Squeezed(form), "\n");
  EXPECT_TRUE(form->deadlineEdit()->isVisible());
  EXPECT_TRUE(form->deadlineBox()->isVisible());
  EXPECT_GT(form->deadlineEdit()->height(), 10);
  // The message itself is in view.
  EXPECT_FALSE(form->errorLabel()->visibleRegion().isEmpty());
}

// F5 loads the view shown again, whichever tab that is.
TEST_F(CrisisViewTest, F5LoadsTheCrisisTabAgain) {
  TempDir dir;
  MainWindow w(testing::SignedIn(*server_, "coordinator", dir.path()));
  QSignalSpy ready(&w, &MainWindow::ready);
  w.resize(1366, 800);
  w.show();
  w.start();
  ASSERT_TRUE(ready.wait(kWait));
  ASSERT_TRUE(w.showTab(QStringLiteral("crisis")));
  w.activateWindow();
  QSignalSpy crisis(w.crisisView(), &CrisisView::refreshed);
  QSignalSpy duty(w.dutyView(), &DutyView::refreshed);
  QTest::keyClick(&w, Qt::Key_F5);
  ASSERT_TRUE(crisis.wait(kWait));
  EXPECT_TRUE(crisis.last().at(0).toBool());
  EXPECT_EQ(duty.count(), 0);
  ASSERT_TRUE(w.showTab(QStringLiteral("dienst")));
  QTest::keyClick(&w, Qt::Key_F5);
  EXPECT_TRUE(duty.wait(kWait));
}

// The handover report covers what was logged since a moment of the coordinator's choosing.
TEST_F(CrisisViewTest, TheHandoverReportCoversWhatWasLoggedSinceTheMomentChosen) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  ASSERT_TRUE(view->handoverLabel()->text().contains(QStringLiteral("Decisions since:")));
  EXPECT_FALSE(view->handoverLabel()->text().contains(QStringLiteral("Decisions since:\n  (none)")));
  // Ticked, the moment starts 12 hours ago; then since an hour from now: nothing logged yet.
  view->handoverSinceBox()->setChecked(true);
  EXPECT_LE(timeOf(view->handoverSinceEdit()), absl::Now() - absl::Hours(11));
  setTime(view->handoverSinceEdit(), absl::Now() + absl::Hours(1));
  Q_EMIT view->handoverSinceEdit()->editingFinished();
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return view->handoverLabel()->text().contains(QStringLiteral("Decisions since:\n  (none)"));
      },
      kWait))
      << view->handoverLabel()->text().toStdString();
  EXPECT_TRUE(view->handoverLabel()->text().startsWith(QStringLiteral(
      "HANDOVER REPORT: what was logged since ")));
  // Back to the default.
  view->handoverSinceBox()->setChecked(false);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return !view->handoverLabel()->text().contains(QStringLiteral("Decisions since:\n  (none)"));
      },
      kWait));
}

// Rows of the log fit their wrapped text again when the window changes width.
TEST_F(CrisisViewTest, LogRowsFitTheirTextWhenTheWindowChangesWidth) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  QTableView* log = view->logTable();
  const QAbstractItemView* items = log;  // sizeHintForRow is public there
  auto unfit = [&] {
    std::vector<std::string> out;
    for (int r = 0; r < log->model()->rowCount(); ++r) {
      const int fits =
          std::max(items->sizeHintForRow(r), log->verticalHeader()->minimumSectionSize());
      if (log->rowHeight(r) != fits) {
        out.push_back(absl::StrCat("row ", r, ": ", log->rowHeight(r), " high, fits ", fits));
      }
    }
    return out;
  };
  for (int width : {900, 1800, 1100}) {
    view->resize(width, 700);
    EXPECT_TRUE(QTest::qWaitFor([&] { return unfit().empty(); }, 2000))
        << width << ": " << absl::StrJoin(unfit(), "; ");
  }
}

// A coordinator opens a crisis from the desk; what is missing is named before anything is sent.
TEST_F(CrisisViewTest, ACoordinatorOpensACrisis) {
  std::unique_ptr<View> v = Open("coordinator");
  OpenCrisisDialog dialog(v->client.get());
  QSignalSpy loaded(&dialog, &OpenCrisisDialog::municipalitiesLoaded);
  dialog.show();
  ASSERT_TRUE(loaded.wait(kWait));
  ASSERT_EQ(dialog.municipalityList()->count(), 6);
  dialog.openButton()->click();
  EXPECT_EQ(dialog.errorLabel()->text(), QStringLiteral("Title: give the crisis a title."));
  dialog.titleEdit()->setText(QStringLiteral("Stroomuitval Wijchen"));
  dialog.typeBox()->setCurrentText(QStringLiteral("stroomuitval"));
  dialog.openButton()->click();
  EXPECT_EQ(dialog.errorLabel()->text(),
            QStringLiteral("Municipalities: tick at least one affected municipality."));
  for (int i = 0; i < dialog.municipalityList()->count(); ++i) {
    QListWidgetItem* item = dialog.municipalityList()->item(i);
    if (item->data(Qt::UserRole).toString() == QStringLiteral("wijchen")) {
      item->setCheckState(Qt::Checked);
    }
  }
  dialog.gripBox()->setCurrentIndex(dialog.gripBox()->findData(QStringLiteral("1")));
  dialog.textEdit()->setPlainText(QStringLiteral("Stroomstoring in heel Wijchen sinds 06:10."));
  QSignalSpy accepted(&dialog, &QDialog::accepted);
  dialog.openButton()->click();
  ASSERT_TRUE(accepted.wait(kWait)) << dialog.errorLabel()->text().toStdString();
  ASSERT_TRUE(dialog.result().has_value());
  auto truth = Sync("coordinator")->GetCrisis(dialog.result()->id);
  ASSERT_TRUE(truth.ok()) << truth.status();
  EXPECT_EQ(truth->title, "Stroomuitval Wijchen");
  EXPECT_EQ(truth->type, "stroomuitval");
  EXPECT_EQ(truth->grip, "1");
  EXPECT_EQ(truth->municipalities, std::vector<std::string>{"wijchen"});
}

// Two coordinators under stress open the same crisis twice: the dialog names the open crisis
// of that title before anything is sent; a second press opens a new one all the same, and the
// server's warning reaches the status line.
TEST_F(CrisisViewTest, ATitleAnOpenCrisisHasIsNamedBeforeOpening) {
  std::unique_ptr<View> v = Open("coordinator");
  auto before = Sync("coordinator")->GetCrisis(crisis_);
  ASSERT_TRUE(before.ok()) << before.status();
  OpenCrisisDialog dialog(v->client.get());
  dialog.setKnownCrises(v->view->crisisModel()->crises());
  QSignalSpy loaded(&dialog, &OpenCrisisDialog::municipalitiesLoaded);
  dialog.show();
  ASSERT_TRUE(loaded.wait(kWait));
  // The same title but for case and spaces.
  dialog.titleEdit()->setText(QStringLiteral("  ") + Formats::qs(before->title).toUpper());
  dialog.typeBox()->setCurrentText(QStringLiteral("opvang"));
  dialog.municipalityList()->item(0)->setCheckState(Qt::Checked);
  dialog.textEdit()->setPlainText(QStringLiteral("Nieuwe melding."));
  dialog.openButton()->click();
  const std::string error = dialog.errorLabel()->text().toStdString();
  EXPECT_NE(error.find(absl::StrCat("Crisis ", crisis_, " “", before->title, "” is open already")),
            std::string::npos)
      << error;
  EXPECT_EQ(dialog.openButton()->text(), QStringLiteral("Open &anyway"));
  EXPECT_FALSE(dialog.result().has_value());
  // Another title typed: the warning goes; the same again warns again.
  dialog.titleEdit()->setFocus();
  QTest::keyClick(dialog.titleEdit(), Qt::Key_Space);
  EXPECT_EQ(dialog.openButton()->text(), QStringLiteral("&Open crisis"));
  dialog.openButton()->click();
  EXPECT_EQ(dialog.openButton()->text(), QStringLiteral("Open &anyway"));
  auto list = Sync("coordinator")->ListCrises(false);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);  // nothing sent yet
  QSignalSpy accepted(&dialog, &QDialog::accepted);
  dialog.openButton()->click();
  ASSERT_TRUE(accepted.wait(kWait)) << dialog.errorLabel()->text().toStdString();
  ASSERT_TRUE(dialog.result().has_value());
  EXPECT_NE(dialog.result()->id, crisis_);
  ASSERT_EQ(dialog.warnings().size(), 1u);
  EXPECT_NE(dialog.warnings()[0].find(absl::StrCat("crisis ", crisis_, " ")), std::string::npos)
      << dialog.warnings()[0];
}

// Closing asks for a closing note; the closed crisis leaves the list of open ones.
TEST_F(CrisisViewTest, ACoordinatorClosesACrisisWithANote) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  ASSERT_EQ(view->crisisModel()->rowCount(), 1);
  auto* answer = new QTimer(view);
  answer->setInterval(20);
  QObject::connect(answer, &QTimer::timeout, [answer] {
    auto* input = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
    if (input == nullptr) return;
    answer->stop();
    input->setTextValue(QStringLiteral("Opvang beëindigd; iedereen is gehuisvest."));
    input->accept();
  });
  answer->start();
  QSignalSpy message(view, &CrisisView::message);
  QMetaObject::invokeMethod(view, [view] { view->closeCrisis(); }, Qt::QueuedConnection);
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->crisisModel()->rowCount() == 0; }, kWait));
  auto closed = Sync("coordinator")->GetCrisis(crisis_);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->open);
}

// A close the server did not take keeps its note: closing again offers it.
TEST_F(CrisisViewTest, AClosingNoteIsKeptWhenTheCloseFails) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  const QString note = QStringLiteral("Opvang beëindigd; iedereen is gehuisvest.");
  QString offered;
  int asked = 0;
  auto* answer = new QTimer(view);
  answer->setInterval(20);
  QObject::connect(answer, &QTimer::timeout, [&, answer] {
    auto* input = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
    if (input == nullptr) return;
    answer->stop();
    if (++asked == 1) {
      input->setTextValue(note);
    } else {
      offered = input->textValue();
    }
    input->accept();
  });
  server_->Stop();
  QSignalSpy message(view, &CrisisView::message);
  answer->start();
  QMetaObject::invokeMethod(view, [view] { view->closeCrisis(); }, Qt::QueuedConnection);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        for (const auto& m : message) {
          if (m.at(0).toString().contains(QStringLiteral("not closed"))) return true;
        }
        return false;
      },
      kWait));
  server_->Restart();
  answer->start();
  QMetaObject::invokeMethod(view, [view] { view->closeCrisis(); }, Qt::QueuedConnection);
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->crisisModel()->rowCount() == 0; }, 3 * kWait));
  EXPECT_EQ(offered, note);
  auto closed = Sync("coordinator")->GetCrisis(crisis_);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->open);
}

// The log saved from the desk is the same verifiable export the CLI writes: it checks offline.
TEST_F(CrisisViewTest, TheLogIsExportedVerifiablyAndAsAReport) {
  std::unique_ptr<View> v = Open("officer");
  CrisisView* view = v->view.get();
  QSignalSpy exported(view, &CrisisView::exported);
  const std::string json = dir_.File("crisis.json");
  view->exportTo(QString::fromStdString(json));
  ASSERT_TRUE(exported.wait(kWait));
  EXPECT_TRUE(exported.last().at(0).toBool()) << exported.last().at(1).toString().toStdString();
  std::ifstream in(json, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<crisis::ExportBundle> bundle = crisis::ParseExport(text.str());
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(bundle->entries.size(), 20u);
  absl::StatusOr<crisis::VerifyReport> report = crisis::VerifyExport(*bundle, bundle->public_key);
  ASSERT_TRUE(report.ok()) << report.status();

  const std::string md = dir_.File("crisis.md");
  view->exportTo(QString::fromStdString(md));
  ASSERT_TRUE(exported.wait(kWait));
  std::ifstream rin(md);
  std::stringstream report_text;
  report_text << rin.rdbuf();
  EXPECT_NE(report_text.str().find("Opvang vluchtelingen"), std::string::npos);
  // A place that cannot be written says so.
  view->exportTo(QStringLiteral("/nonexistent-dir/crisis.json"));
  ASSERT_TRUE(exported.wait(kWait));
  EXPECT_FALSE(exported.last().at(0).toBool());
  EXPECT_TRUE(exported.last().at(1).toString().contains(QStringLiteral("cannot write")));
}

// The row of action `seq` in the actions list, or -1.
int ActionRow(const ActionModel* m, int64_t seq) {
  for (int r = 0; r < m->rowCount(); ++r) {
    if (m->actions()[static_cast<size_t>(r)].action.seq == seq) return r;
  }
  return -1;
}

// Tomorrow at 10:00 in the pools' zone.
absl::Time TomorrowAtTen() {
  const absl::CivilDay d = Formats::civilDay(absl::Now()) + 1;
  return absl::FromCivil(absl::CivilSecond(d.year(), d.month(), d.day(), 10, 0, 0),
                         Formats::zone());
}

TEST_F(CrisisViewTest, TheFormWritesAnActionItsUpdateAndAGripChange) {
  std::unique_ptr<View> v = Open("coordinator");
  CrisisView* view = v->view.get();
  EntryForm* form = view->form();
  auto truth = Sync("coordinator");
  ASSERT_EQ(view->entryModel()->rowCount(), 20);
  ASSERT_EQ(view->actionModel()->rowCount(), 2);
  view->detailTabs()->setCurrentIndex(1);

  // An action: owner and deadline are shown, what does not apply is hidden; the owners are
  // the people of the directory, by name.
  form->setKind(crisis::EntryKind::kAction);
  EXPECT_FALSE(form->ownerBox()->isHidden());
  EXPECT_FALSE(form->deadlineEdit()->isHidden());
  EXPECT_TRUE(form->deadlineBox()->isChecked());
  EXPECT_TRUE(form->actionBox()->isHidden());
  EXPECT_TRUE(form->statusBox()->isHidden());
  EXPECT_TRUE(form->gripBox()->isHidden());
  EXPECT_TRUE(form->correctsEdit()->isHidden());
  const int owner = form->ownerBox()->findText(QStringLiteral("Hanna de Vries"));
  ASSERT_GT(owner, 0) << form->ownerBox()->count();
  EXPECT_EQ(form->ownerBox()->itemData(owner).toString(), QStringLiteral("h.devries"));

  // Bad input names the field and sends nothing: no owner, then a deadline in the past.
  const QString what = QStringLiteral("Extra veldbedden ophalen bij het Rode Kruis in Nijmegen.");
  form->textEdit()->setPlainText(what);
  form->sendButton()->click();
  EXPECT_FALSE(form->errorLabel()->isHidden());
  EXPECT_EQ(form->errorLabel()->text(), QStringLiteral("Owner: choose who does the action"));
  form->ownerBox()->setCurrentIndex(owner);
  setTime(form->deadlineEdit(), absl::Now() - absl::Hours(3));
  form->sendButton()->click();
  EXPECT_TRUE(form->errorLabel()->text().startsWith(QStringLiteral("Deadline: ")))
      << form->errorLabel()->text().toStdString();
  EXPECT_TRUE(form->errorLabel()->text().endsWith(QStringLiteral(" lies in the past")))
      << form->errorLabel()->text().toStdString();
  QTest::qWait(300);
  EXPECT_EQ(view->entryModel()->rowCount(), 20);
  auto page = truth->ListEntries(crisis_, 0, 100, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->entries.size(), 20u);
  EXPECT_EQ(form->textEdit()->toPlainText(), what);  // nothing typed is lost

  // A good deadline, sent with Ctrl+Return: the action is in the log and in the actions list
  // with its owner and deadline.
  const absl::Time deadline = TomorrowAtTen();
  setTime(form->deadlineEdit(), deadline);
  view->window()->activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(view->window()));
  form->textEdit()->setFocus();
  QTest::keyClick(form->textEdit(), Qt::Key_Return, Qt::ControlModifier);
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 21; }, kWait))
      << form->errorLabel()->text().toStdString();
  const crisis::Entry action = view->entryModel()->entries().back();
  EXPECT_EQ(action.kind, crisis::EntryKind::kAction);
  EXPECT_EQ(action.text, what.toStdString());
  EXPECT_EQ(action.action_owner, "h.devries");
  ASSERT_TRUE(action.action_deadline.has_value());
  EXPECT_EQ(*action.action_deadline, deadline);
  EXPECT_TRUE(form->textEdit()->toPlainText().isEmpty());
  ActionModel* actions = view->actionModel();
  ASSERT_TRUE(QTest::qWaitFor([&] { return ActionRow(actions, action.seq) >= 0; }, kWait))
      << Joined(tableTexts(actions));
  const int row = ActionRow(actions, action.seq);
  EXPECT_EQ(actions->index(row, ActionModel::OwnerColumn).data().toString(),
            QStringLiteral("Hanna de Vries"));
  EXPECT_EQ(actions->index(row, ActionModel::DeadlineColumn).data().toString(),
            Formats::shortDateTime(deadline));
  EXPECT_EQ(actions->index(row, ActionModel::StatusColumn).data().toString(),
            QStringLiteral("open"));

  // An update closes it: the form offers the open actions, the update refers to its action.
  form->setKind(crisis::EntryKind::kActionUpdate);
  EXPECT_FALSE(form->actionBox()->isHidden());
  EXPECT_FALSE(form->statusBox()->isHidden());
  EXPECT_FALSE(form->ownerBox()->isHidden());
  EXPECT_FALSE(form->deadlineBox()->isChecked());  // the deadline stays unless asked
  EXPECT_TRUE(form->gripBox()->isHidden());
  const int which = form->actionBox()->findData(QVariant::fromValue<qlonglong>(action.seq));
  ASSERT_GE(which, 0);
  form->actionBox()->setCurrentIndex(which);
  // An update that changes nothing is refused.
  form->statusBox()->setCurrentIndex(form->statusBox()->findData(QString()));
  form->sendButton()->click();
  EXPECT_EQ(form->errorLabel()->text(),
            QStringLiteral("New status: choose a new status, owner or deadline"));
  form->statusBox()->setCurrentIndex(form->statusBox()->findData(QStringLiteral("done")));
  form->textEdit()->setPlainText(QStringLiteral("Opgehaald en geplaatst in sporthal De Arend."));
  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 22; }, kWait))
      << form->errorLabel()->text().toStdString();
  const crisis::Entry update = view->entryModel()->entries().back();
  EXPECT_EQ(update.kind, crisis::EntryKind::kActionUpdate);
  EXPECT_EQ(update.action_ref, action.seq);
  EXPECT_EQ(update.action_status, "done");
  EXPECT_EQ(update.refs, std::vector<int64_t>{action.seq});
  ASSERT_TRUE(QTest::qWaitFor([&] { return ActionRow(actions, action.seq) < 0; }, kWait))
      << Joined(tableTexts(actions));
  EXPECT_EQ(actions->rowCount(), 2);
  auto all = truth->ListActions(crisis_, false, true);
  ASSERT_TRUE(all.ok());
  bool done = false;
  for (const auto& a : *all) {
    done = done || (a.action.seq == action.seq && a.action.status == crisis::ActionStatus::kDone);
  }
  EXPECT_TRUE(done);

  // A GRIP change: the big label follows; the level the crisis is at is refused.
  EXPECT_EQ(view->gripLabel()->text(), QStringLiteral("outside GRIP"));
  form->setKind(crisis::EntryKind::kGripChange);
  EXPECT_FALSE(form->gripBox()->isHidden());
  EXPECT_TRUE(form->ownerBox()->isHidden());
  EXPECT_TRUE(form->actionBox()->isHidden());
  form->gripBox()->setCurrentIndex(form->gripBox()->findData(QStringLiteral("outside")));
  form->sendButton()->click();
  EXPECT_EQ(form->errorLabel()->text(),
            QStringLiteral("New GRIP level: the crisis is already at outside GRIP"));
  form->gripBox()->setCurrentIndex(form->gripBox()->findData(QStringLiteral("3")));
  form->textEdit()->setPlainText(QStringLiteral("Onrust bij de opvang in meerdere gemeenten."));
  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 23; }, kWait))
      << form->errorLabel()->text().toStdString();
  EXPECT_EQ(view->entryModel()->entries().back().kind, crisis::EntryKind::kGripChange);
  EXPECT_EQ(view->entryModel()->entries().back().grip, "3");
  EXPECT_EQ(view->gripLabel()->text(), QStringLiteral("GRIP 3"));
  EXPECT_TRUE(form->errorLabel()->isHidden());
  EXPECT_EQ(form->gripBox()->currentData().toString(), QStringLiteral("4"));  // the next one up
  EXPECT_EQ(form->gripBox()->itemText(form->gripBox()->findData(QStringLiteral("3"))),
            QStringLiteral("GRIP 3 (current)"));
  QTest::qWait(300);  // the stream does not double anything
  EXPECT_EQ(view->entryModel()->rowCount(), 23);
}

// An action written while the server cannot be reached waits in the outbox and is sent, once,
// when it is back.
TEST_F(CrisisViewTest, AnActionWrittenOfflineIsQueuedAndSentWhenTheServerIsBack) {
  std::shared_ptr<client::cache::Cache> shared = NewCache();
  ASSERT_NE(shared, nullptr);
  std::unique_ptr<View> v = Open("coordinator", shared);
  CrisisView* view = v->view.get();
  EntryForm* form = view->form();
  ASSERT_EQ(view->entryModel()->rowCount(), 20);

  GoOffline(*v);
  form->setKind(crisis::EntryKind::kAction);
  const int owner = form->ownerBox()->findData(QStringLiteral("h.devries"));
  ASSERT_GT(owner, 0);
  form->ownerBox()->setCurrentIndex(owner);
  const absl::Time deadline = TomorrowAtTen();
  setTime(form->deadlineEdit(), deadline);
  const std::string text = "Offline actie: aggregaat bijtanken in Druten";
  form->textEdit()->setPlainText(QString::fromStdString(text));
  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->outboxModel()->pending() == 1; }, kWait))
      << form->errorLabel()->text().toStdString();
  EXPECT_TRUE(form->textEdit()->toPlainText().isEmpty());
  EXPECT_EQ(view->outboxModel()->items().front().request.kind, crisis::EntryKind::kAction);

  server_->Restart();
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return Count(view->entryModel(), text) == 1 && view->outboxModel()->pending() == 0; },
      kWait))
      << Joined(tableTexts(view->outboxModel()));
  const crisis::Entry& sent = view->entryModel()->entries().back();
  EXPECT_EQ(sent.kind, crisis::EntryKind::kAction);
  EXPECT_EQ(sent.action_owner, "h.devries");
  ASSERT_TRUE(sent.action_deadline.has_value());
  EXPECT_EQ(*sent.action_deadline, deadline);
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return ActionRow(view->actionModel(), sent.seq) >= 0; }, kWait));
  QTest::qWait(300);
  EXPECT_EQ(Count(view->entryModel(), text), 1);
}

// An entry written offline that the server refuses stays in the outbox until it is taken back
// into the form, mended and logged again: its text is never lost.
TEST_F(CrisisViewTest, ARefusedOutboxEntryGoesBackIntoTheForm) {
  std::shared_ptr<client::cache::Cache> shared = NewCache();
  ASSERT_NE(shared, nullptr);
  std::unique_ptr<View> v = Open("coordinator", shared);
  CrisisView* view = v->view.get();
  EntryForm* form = view->form();
  GoOffline(*v);
  const QString text = QStringLiteral("Zie het besluit over de noodopvang in Beuningen.");
  form->textEdit()->setPlainText(text);
  form->refsEdit()->setText(QStringLiteral("999"));  // no such entry: the server will refuse it
  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->outboxModel()->pending() == 1; }, kWait));
  server_->Restart();
  auto refused = [&] {
    const auto& items = view->outboxModel()->items();
    return items.size() == 1 && items.front().item.state == client::cache::OutboxState::kFailed;
  };
  ASSERT_TRUE(QTest::qWaitFor(refused, kWait)) << Joined(tableTexts(view->outboxModel()));
  // Kept across a start of the program (the outbox is pruned then).
  view->setCache(shared);
  ASSERT_TRUE(refused());

  EXPECT_FALSE(view->takeBackButton()->isEnabled());
  view->outboxTable()->setCurrentIndex(view->outboxModel()->index(0, 0));
  ASSERT_TRUE(view->takeBackButton()->isEnabled());
  view->takeBackButton()->click();
  EXPECT_EQ(form->textEdit()->toPlainText(), text);
  EXPECT_EQ(form->refsEdit()->text(), QStringLiteral("999"));
  EXPECT_EQ(view->outboxModel()->rowCount(), 0);
  // Mended, it is logged.
  form->refsEdit()->setText(QStringLiteral("18"));
  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 21; }, kWait))
      << form->errorLabel()->text().toStdString();
  EXPECT_EQ(view->entryModel()->entries().back().text, text.toStdString());
}

TEST_F(CrisisViewTest, TheLiveLogResumesAfterTheServerRestarts) {
  std::unique_ptr<View> v = Open("officer");
  CrisisView* view = v->view.get();
  ASSERT_EQ(view->entryModel()->rowCount(), 20);
  auto live = [&] {
    return Joined(visibleTexts(view)).find("Live: new entries appear as they are logged.") !=
           std::string::npos;
  };
  ASSERT_TRUE(QTest::qWaitFor(live, kWait)) << Joined(visibleTexts(view));
  server_->Restart();
  // Following again is said as soon as the stream stands, before any new entry comes.
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return Joined(visibleTexts(view)).find("reconnecting") != std::string::npos; }, kWait));
  ASSERT_TRUE(QTest::qWaitFor(live, kWait)) << Joined(visibleTexts(view));
  crisis::AppendRequest r;
  r.crisis_id = crisis_;
  r.kind = crisis::EntryKind::kSituation;
  r.text = "Na de herstart: 352 personen in de opvang.";
  r.idempotency_key = client::NewIdempotencyKey();
  ASSERT_TRUE(Sync("coordinator")->AppendEntry(r).ok());
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 21; }, kWait));
  EXPECT_EQ(view->entryModel()->entries().back().text, r.text);
  EXPECT_EQ(view->entryModel()->contiguousSeq(), 21);
}

// The session ends (the password was reset) and the live log stops; once signed in again
// it follows the log again, without restarting the program.
TEST_F(CrisisViewTest, TheLiveLogFollowsAgainAfterSigningInAgain) {
  std::unique_ptr<View> v = Open("officer");
  CrisisView* view = v->view.get();
  ASSERT_EQ(view->entryModel()->rowCount(), 20);
  const std::string officer = server_->account("officer").username;
  absl::StatusOr<std::string> password = Sync("administrator")->ResetPassword(officer);
  ASSERT_TRUE(password.ok()) << password.status();
  server_->Restart();  // the open stream ends; it may not come back with the old session
  auto stopped = [&] {
    return absl::StrContains(Joined(visibleTexts(view)), "Live log stopped");
  };
  ASSERT_TRUE(QTest::qWaitFor(stopped, kWait)) << Joined(visibleTexts(view));

  auto r = Await<client::LoginResult>(
      [&](auto done) { v->client->login(nullptr, officer, *password, done); });
  ASSERT_TRUE(r.has_value() && r->ok());
  QSignalSpy refreshed(view, &CrisisView::refreshed);
  view->setAccount((*r)->account);
  ASSERT_TRUE(refreshed.wait(kWait));
  crisis::AppendRequest a;
  a.crisis_id = crisis_;
  a.kind = crisis::EntryKind::kSituation;
  a.text = "Na opnieuw aanmelden: 352 personen in de opvang.";
  a.idempotency_key = client::NewIdempotencyKey();
  ASSERT_TRUE(Sync("coordinator")->AppendEntry(a).ok());
  EXPECT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == 21; }, kWait))
      << Joined(visibleTexts(view));
  EXPECT_FALSE(stopped());
}

// An officer does not write the log, but reports on the actions they own: the form offers only
// an update of those (a status and a note), and the server takes it.
TEST_F(CrisisViewTest, AnOfficerSeesTheirActionHighlightedAndReportsOnIt) {
  std::unique_ptr<View> v = Open("officer");
  CrisisView* view = v->view.get();
  ActionModel* actions = view->actionModel();
  ASSERT_EQ(actions->rowCount(), 2);
  int mine = -1;
  for (int r = 0; r < actions->rowCount(); ++r) {
    if (actions->isMine(r)) mine = r;
  }
  ASSERT_GE(mine, 0);
  EXPECT_EQ(actions->index(mine, ActionModel::OwnerColumn).data().toString(),
            QStringLiteral("Hanna de Vries (you)"));
  EXPECT_EQ(actions->index(mine, 0).data(Qt::BackgroundRole).value<QBrush>().color(),
            Marks::mineColour());
  EntryForm* form = view->form();
  view->detailTabs()->setCurrentIndex(1);
  QApplication::processEvents();
  EXPECT_TRUE(visibleTexts(view).contains(QStringLiteral(
      "You report on the actions you own; coordinators write the rest of the log.")))
      << Joined(visibleTexts(view));
  EXPECT_EQ(form->kindBox()->currentData().toInt(),
            static_cast<int>(crisis::EntryKind::kActionUpdate));
  EXPECT_FALSE(form->kindBox()->isEnabled());
  ASSERT_EQ(form->actionBox()->count(), 1);  // only their own
  EXPECT_EQ(form->actionBox()->currentData().toLongLong(),
            actions->actions()[static_cast<size_t>(mine)].action.seq);
  EXPECT_FALSE(form->ownerBox()->isVisible());
  EXPECT_FALSE(form->deadlineBox()->isVisible());
  EXPECT_FALSE(form->refsEdit()->isVisible());
  ASSERT_TRUE(form->sendButton()->isEnabled());
  const int before = view->entryModel()->rowCount();
  form->statusBox()->setCurrentIndex(form->statusBox()->findData(QStringLiteral("done")));
  form->textEdit()->setPlainText(QStringLiteral("Bedden staan klaar"));
  form->sendButton()->click();
  ASSERT_TRUE(QTest::qWaitFor([&] { return view->entryModel()->rowCount() == before + 1; }, kWait))
      << form->errorLabel()->text().toStdString();
  EXPECT_TRUE(form->errorLabel()->text().isEmpty()) << form->errorLabel()->text().toStdString();
}

TEST_F(CrisisViewTest, ALogThatDoesNotExtendWhatWasSeenIsMarkedInRed) {
  // This computer "saw" a one-entry log with another root before: the server's log is not an
  // extension of it.
  TempDir dir;
  const std::string witness = dir.File("witness.json");
  {
    std::ofstream out(witness);
    out << "{\"" << server_->address() << "\": {\"crises\": {\"" << crisis_
        << "\": {\"size\": 1, \"root\": \"" << std::string(64, 'a') << "\"}}}}\n";
  }
  std::unique_ptr<View> v = Open("coordinator", nullptr, witness);
  EXPECT_EQ(v->view->witness(), CrisisView::Witness::Failed);
  EXPECT_TRUE(v->view->witnessLabel()->text().startsWith(QStringLiteral("✘ LOG CHECK FAILED")))
      << v->view->witnessLabel()->text().toStdString();
  EXPECT_TRUE(v->view->witnessLabel()->styleSheet().contains(QStringLiteral("#8b0000")));
}

// A damaged witness file is said, not silently replaced (which would trust the server afresh).
TEST_F(CrisisViewTest, ADamagedWitnessFileIsNotReplaced) {
  const std::string witness = dir_.File("damaged-witness.json");
  { std::ofstream(witness) << "{\"127.0.0.1"; }
  std::unique_ptr<View> v = Open("coordinator", nullptr, witness);
  EXPECT_EQ(v->view->witness(), CrisisView::Witness::Failed);
  EXPECT_TRUE(v->view->witnessLabel()->text().contains(QStringLiteral("is damaged")))
      << v->view->witnessLabel()->text().toStdString();
  std::ifstream in(witness);
  std::stringstream kept;
  kept << in.rdbuf();
  EXPECT_EQ(kept.str(), "{\"127.0.0.1");
}

// The issue's offline test: stop the server, write two entries in the form, quit, restart the
// server and the app: exactly those two entries, once each, in the log.
TEST_F(CrisisViewTest, EntriesWrittenOfflineAreSentOnceAfterRestartingAppAndServer) {
  const std::string address = server_->address();
  MainWindow::Options o = testing::SignedIn(*server_, "coordinator", dir_.path());
  o.tab = QStringLiteral("crisis");
  const std::string first = "Offline 1: stroomstoring in Druten, noodaggregaat draait";
  const std::string second = "Offline 2: sporthal De Arend open als opvanglocatie";
  {
    MainWindow w(o);
    w.resize(1366, 768);
    w.show();
    QSignalSpy ready(&w, &MainWindow::ready);
    w.start();
    ASSERT_TRUE(ready.wait(kWait));
    ASSERT_NE(w.cache(), nullptr);
    CrisisView* view = w.crisisView();
    ASSERT_EQ(view->entryModel()->rowCount(), 20);

    server_->Stop();
    w.client()->setPingInterval(std::chrono::milliseconds(100));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !w.offlineText().isEmpty(); }, kWait));
    EXPECT_TRUE(w.offlineText().startsWith(QStringLiteral("Server unreachable — last sync ")))
        << w.offlineText().toStdString();
    EXPECT_TRUE(w.visibleTexts().join(QLatin1Char('\n')).contains(w.offlineText()));
    EXPECT_EQ(view->entryModel()->rowCount(), 20);  // the cached log stays

    for (const std::string& text : {first, second}) {
      view->form()->textEdit()->setPlainText(QString::fromStdString(text));
      view->form()->sendButton()->click();
      ASSERT_TRUE(
          QTest::qWaitFor([&] { return view->form()->textEdit()->toPlainText().isEmpty(); }, kWait))
          << view->form()->errorLabel()->text().toStdString();
    }
    // Queued: the draft is gone.
    auto draft = w.cache()->Draft(EntryForm::draftKey(crisis_));
    ASSERT_TRUE(draft.ok());
    EXPECT_EQ(*draft, "");
    OutboxModel* outbox = view->outboxModel();
    ASSERT_EQ(outbox->rowCount(), 2);
    EXPECT_EQ(outbox->pending(), 2);
    EXPECT_EQ(outbox->index(0, OutboxModel::StatusColumn).data().toString(),
              QStringLiteral("queued"));
    // Quit.
  }

  server_->Restart();
  ASSERT_EQ(server_->address(), address);
  MainWindow w(o);
  w.resize(1366, 768);
  w.show();
  QSignalSpy ready(&w, &MainWindow::ready);
  w.start();
  ASSERT_TRUE(ready.wait(kWait));
  CrisisView* view = w.crisisView();
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return Count(view->entryModel(), first) >= 1 && Count(view->entryModel(), second) >= 1 &&
               view->outboxModel()->pending() == 0;
      },
      kWait))
      << Joined(tableTexts(view->outboxModel()));
  QTest::qWait(500);  // let the stream catch up: nothing may come twice
  EXPECT_EQ(Count(view->entryModel(), first), 1);
  EXPECT_EQ(Count(view->entryModel(), second), 1);
  EXPECT_EQ(view->entryModel()->rowCount(), 22);
  const auto& entries = view->entryModel()->entries();
  EXPECT_EQ(entries[20].text, first);
  EXPECT_EQ(entries[21].text, second);
  for (int r = 0; r < 2; ++r) {
    EXPECT_EQ(view->outboxModel()->index(r, OutboxModel::StatusColumn).data().toString(),
              QStringLiteral("sent"));
  }
  // The server holds them once too.
  auto page = Sync("coordinator")->ListEntries(crisis_, 0, 100, {});
  ASSERT_TRUE(page.ok());
  int n1 = 0, n2 = 0;
  for (const auto& e : page->entries) {
    n1 += e.entry.text == first ? 1 : 0;
    n2 += e.entry.text == second ? 1 : 0;
  }
  EXPECT_EQ(n1, 1);
  EXPECT_EQ(n2, 1);
  EXPECT_TRUE(w.offlineText().isEmpty());
}

// Every field of the form survives quitting: an action (owner, deadline, time it happened,
// references), then an update of an action (the action and its new status), then a GRIP
// change (the new level); each round quits and starts the app again on the same cache.
TEST_F(CrisisViewTest, WhatWasTypedSurvivesQuitting) {
  const MainWindow::Options o = testing::SignedIn(*server_, "coordinator", dir_.path());
  const QString typed = QStringLiteral("Half getypt: de burgemeester belt om");
  const absl::Time happened =
      absl::UnixEpoch() +
      absl::Floor(absl::Now() - absl::Hours(2) - absl::UnixEpoch(), absl::Minutes(15));
  const absl::Time deadline = TomorrowAtTen();
  const QString inProgress = QString::fromStdString(
      std::string(crisis::ActionStatusName(crisis::ActionStatus::kInProgress)));
  for (int round = 0; round < 4; ++round) {
    SCOPED_TRACE(round);
    MainWindow w(o);
    QSignalSpy ready(&w, &MainWindow::ready);
    w.start();
    ASSERT_TRUE(ready.wait(kWait));
    EntryForm* form = w.crisisView()->form();
    // The people an action is given to, and the open actions (#6, #16), are there.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
          return form->ownerBox()->findData(QStringLiteral("h.devries")) > 0 &&
                 form->actionBox()->findData(QVariant::fromValue<qlonglong>(16)) >= 0;
        },
        kWait));
    if (round == 0) {
      // Nothing yet: the form as it starts.
      EXPECT_TRUE(form->textEdit()->toPlainText().isEmpty());
      form->setKind(crisis::EntryKind::kAction);
      form->textEdit()->setPlainText(typed);
      form->nowBox()->setChecked(false);
      setTime(form->timeEdit(), happened);
      form->refsEdit()->setText(QStringLiteral("12, 15"));
      form->correctsEdit()->setText(QStringLiteral("14"));
      form->ownerBox()->setCurrentIndex(form->ownerBox()->findData(QStringLiteral("h.devries")));
      EXPECT_TRUE(form->deadlineBox()->isChecked());
      setTime(form->deadlineEdit(), deadline);
      continue;
    }
    // What every round keeps.
    EXPECT_EQ(form->textEdit()->toPlainText(), typed);
    EXPECT_FALSE(form->nowBox()->isChecked());
    EXPECT_TRUE(form->timeEdit()->isEnabled());
    EXPECT_EQ(timeOf(form->timeEdit()), happened);
    EXPECT_EQ(form->refsEdit()->text(), QStringLiteral("12, 15"));
    EXPECT_EQ(form->correctsEdit()->text(), QStringLiteral("14"));
    EXPECT_EQ(form->ownerBox()->currentData().toString(), QStringLiteral("h.devries"));
    if (round == 1) {
      EXPECT_EQ(form->kindBox()->currentData().toInt(),
                static_cast<int>(crisis::EntryKind::kAction));
      EXPECT_FALSE(form->ownerBox()->isHidden());
      EXPECT_TRUE(form->deadlineBox()->isChecked());
      EXPECT_TRUE(form->deadlineEdit()->isEnabled());
      EXPECT_EQ(timeOf(form->deadlineEdit()), deadline);
      // The action as it is would be sent as typed.
      auto r = form->request();
      ASSERT_TRUE(r.ok()) << r.status();
      EXPECT_EQ(r->kind, crisis::EntryKind::kAction);
      EXPECT_EQ(r->text, typed.toStdString());
      EXPECT_EQ(r->event_time, happened);
      EXPECT_EQ(r->refs, (std::vector<int64_t>{12, 15}));
      EXPECT_EQ(r->action_owner, "h.devries");
      EXPECT_EQ(r->action_deadline, deadline);
      // Now an update of action #16 that sets it in progress.
      form->setKind(crisis::EntryKind::kActionUpdate);
      form->actionBox()->setCurrentIndex(
          form->actionBox()->findData(QVariant::fromValue<qlonglong>(16)));
      form->statusBox()->setCurrentIndex(form->statusBox()->findData(inProgress));
    } else if (round == 2) {
      EXPECT_EQ(form->kindBox()->currentData().toInt(),
                static_cast<int>(crisis::EntryKind::kActionUpdate));
      EXPECT_FALSE(form->actionBox()->isHidden());
      EXPECT_EQ(form->actionBox()->currentData().toLongLong(), 16);
      EXPECT_EQ(form->statusBox()->currentData().toString(), inProgress);
      EXPECT_FALSE(form->deadlineBox()->isChecked());
      EXPECT_FALSE(form->deadlineEdit()->isEnabled());
      // Now a GRIP change to GRIP 3 (not the level offered first).
      form->setKind(crisis::EntryKind::kGripChange);
      form->gripBox()->setCurrentIndex(form->gripBox()->findData(QStringLiteral("3")));
    } else {
      EXPECT_EQ(form->kindBox()->currentData().toInt(),
                static_cast<int>(crisis::EntryKind::kGripChange));
      EXPECT_FALSE(form->gripBox()->isHidden());
      EXPECT_EQ(form->gripBox()->currentData().toString(), QStringLiteral("3"));
      EXPECT_EQ(form->actionBox()->currentData().toLongLong(), 16);
      EXPECT_EQ(form->statusBox()->currentData().toString(), inProgress);
      // Emptied (as after sending): the draft is gone, and the next start has a blank form.
      form->clear();
      auto draft = w.cache()->Draft(EntryForm::draftKey(crisis_));
      ASSERT_TRUE(draft.ok());
      EXPECT_EQ(*draft, "");
    }
  }
}

// A draft of an older version, the text alone, still comes back as the text.
TEST_F(CrisisViewTest, AnOldPlainTextDraftComesBackAsText) {
  std::shared_ptr<client::cache::Cache> shared = NewCache();
  ASSERT_NE(shared, nullptr);
  const std::string old = "Oud concept: {geen JSON} \"wel\" aanhalingstekens\nen een tweede regel";
  ASSERT_TRUE(shared->SaveDraft(EntryForm::draftKey(crisis_), old).ok());
  std::unique_ptr<View> v = Open("coordinator", shared);
  EntryForm* form = v->view->form();
  EXPECT_EQ(form->textEdit()->toPlainText().toStdString(), old);
  EXPECT_TRUE(form->nowBox()->isChecked());
  EXPECT_TRUE(form->refsEdit()->text().isEmpty());
  EXPECT_EQ(form->kindBox()->currentIndex(), 0);
  // Left alone it stays as it was; the next change keeps it as JSON.
  auto draft = shared->Draft(EntryForm::draftKey(crisis_));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(*draft, old);
  form->refsEdit()->setText(QStringLiteral("3"));
  draft = shared->Draft(EntryForm::draftKey(crisis_));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(DraftText(*draft), old);
  EXPECT_EQ(form->draft(), *draft);
}

}  // namespace
}  // namespace paraat::desk
