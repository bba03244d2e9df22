// SPDX-License-Identifier: EUPL-1.2
// Keyboard users reach every field and button with Alt and a letter. Two of them with the same
// letter in one window make that letter cycle instead of act, so this walks what paraat-desk
// shows together (the menu bar, the tabs and the current tab's page, each kind of crisis log
// entry in the form, every dialog), in English and in Dutch, and asks for one letter each.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTranslator>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/api/session_store.h"
#include "client/desk/crisis_view.h"
#include "client/desk/entry_form.h"
#include "client/desk/leave_dialog.h"
#include "client/desk/main_window.h"
#include "client/desk/open_crisis_dialog.h"
#include "client/desk/override_dialog.h"
#include "client/desk/sign_in_dialog.h"
#include "client/desk/swap_dialog.h"
#include "tests/client/support/wait.h"
#include "tests/client/desk/signed_in.h"
#include "tests/support/test_server.h"

namespace paraat::desk {
namespace {

using testing::TempDir;
using testing::TestServer;

// The letter after a single '&' ("&&" is a literal ampersand), lower case; 0 when none.
QChar Mnemonic(const QString& text) {
  for (qsizetype i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != QLatin1Char('&')) continue;
    if (text[i + 1] == QLatin1Char('&')) {
      ++i;
      continue;
    }
    return text[i + 1].toLower();
  }
  return QChar();
}

// Letter -> the texts that use it, for everything a user can reach in `window` now.
class Letters {
 public:
  void Add(const QString& text, const std::string& where) {
    const QChar c = Mnemonic(text);
    if (!c.isNull()) used_[c].push_back(absl::StrCat(where, " \"", text.toStdString(), "\""));
  }

  void AddVisible(QWidget* window) {
    if (auto* bar = window->findChild<QMenuBar*>()) {
      for (QAction* a : bar->actions()) Add(a->text(), "menu");
    }
    for (QWidget* w : window->findChildren<QWidget*>()) {
      if (!w->isVisible() || !w->isEnabled()) continue;
      if (auto* b = qobject_cast<QAbstractButton*>(w)) Add(b->text(), "button");
      if (auto* l = qobject_cast<QLabel*>(w); l != nullptr && l->buddy() != nullptr) {
        Add(l->text(), "label");
      }
      if (auto* g = qobject_cast<QGroupBox*>(w)) Add(g->title(), "group");
      if (auto* t = qobject_cast<QTabBar*>(w)) {
        for (int i = 0; i < t->count(); ++i) {
          if (t->isTabVisible(i) && t->isTabEnabled(i)) Add(t->tabText(i), "tab");
        }
      }
    }
  }

  // "" when every letter is used once; else the clashes, one per line.
  std::string Clashes() const {
    std::vector<std::string> out;
    for (const auto& [letter, texts] : used_) {
      if (texts.size() > 1) {
        out.push_back(absl::StrCat("Alt+", QString(letter).toStdString(), ": ",
                                   absl::StrJoin(texts, ", ")));
      }
    }
    return absl::StrJoin(out, "\n");
  }

 private:
  std::map<QChar, std::vector<std::string>> used_;
};

std::string Check(QWidget* window) {
  Letters letters;
  letters.AddVisible(window);
  return letters.Clashes();
}

class MnemonicsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      ASSERT_TRUE(translator_.load(QStringLiteral(PARAAT_DESK_QM)))
          << "the Dutch translation " << PARAAT_DESK_QM << " is missing";
      QApplication::installTranslator(&translator_);
    }
    server_ = TestServer::StartDemo();
  }
  void TearDown() override { QApplication::removeTranslator(&translator_); }

  const char* language() const { return GetParam() ? "Dutch" : "English"; }

  QTranslator translator_;
  std::unique_ptr<TestServer> server_;
};

TEST_P(MnemonicsTest, EveryTabOfTheMainWindowHasOneLetterPerField) {
  int forms_checked = 0;
  for (const char* role : {"coordinator", "administrator"}) {
    SCOPED_TRACE(absl::StrCat(language(), ", ", role));
    TempDir dir;
    MainWindow w(testing::SignedIn(*server_, role, dir.path()));
    QSignalSpy ready(&w, &MainWindow::ready);
    w.resize(1366, 800);
    w.show();
    w.start();
    ASSERT_TRUE(ready.wait(testing::kWaitMs));
    for (const char* tab : {"dienst", "crisis", "capaciteit"}) {
      if (!w.showTab(QString::fromLatin1(tab))) continue;
      QApplication::processEvents();
      EXPECT_EQ(Check(&w), "") << tab;
      if (std::string(tab) != "crisis") continue;
      // Each tab beside the log (actions, handover, a new entry), and in the entry form each
      // kind of entry, which shows other fields.
      QTabWidget* details = w.crisisView()->detailTabs();
      for (int d = 0; d < details->count(); ++d) {
        details->setCurrentIndex(d);
        QApplication::processEvents();
        const std::string where =
            absl::StrCat("crisis, ", details->tabText(d).toStdString());
        EXPECT_EQ(Check(&w), "") << where;
        EntryForm* form = w.crisisView()->form();
        if (!form->isVisible()) continue;
        ++forms_checked;
        for (int i = 0; i < form->kindBox()->count(); ++i) {
          form->kindBox()->setCurrentIndex(i);
          QApplication::processEvents();
          EXPECT_EQ(Check(&w), "") << where << ", entry kind "
                                   << form->kindBox()->itemText(i).toStdString();
        }
      }
    }
  }
  EXPECT_GT(forms_checked, 0) << "the entry form was never shown";
}

TEST_P(MnemonicsTest, EveryDialogHasOneLetterPerField) {
  SCOPED_TRACE(language());
  client::ClientOptions o;
  o.server = server_->address();
  client::AsyncClient client(o);
  PoolDirectory directory;
  std::vector<std::unique_ptr<QDialog>> dialogs;
  dialogs.push_back(std::make_unique<SignInDialog>(&client, QString(), QString()));
  dialogs.push_back(std::make_unique<LeaveDialog>(&client, directory, /*forOthers=*/true, "me"));
  dialogs.push_back(std::make_unique<OverrideDialog>(&client, directory, ""));
  dialogs.push_back(std::make_unique<OpenCrisisDialog>(&client));
  for (SwapDialog::Mode mode : {SwapDialog::Mode::Request, SwapDialog::Mode::Arrange}) {
    dialogs.push_back(std::make_unique<SwapDialog>(&client, mode, std::vector<client::Duty>{},
                                                   directory, -1));
  }
  for (auto& d : dialogs) {
    d->show();
    QApplication::processEvents();
    EXPECT_EQ(Check(d.get()), "") << d->metaObject()->className();
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, MnemonicsTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Dutch" : "English";
                         });

}  // namespace
}  // namespace paraat::desk
