// SPDX-License-Identifier: EUPL-1.2
// paraat-desk's window: the sign-in flow (a stored session of the CLI's token file is used
// when it is valid for this server), the views as tabs (part 1: "Dienst"), the notification
// banner and a status bar that always shows the connection state and who is signed in.
#ifndef PARAAT_CLIENT_DESK_MAIN_WINDOW_H_
#define PARAAT_CLIENT_DESK_MAIN_WINDOW_H_

#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <string>

#include "client/api/async_client.h"
#include "client/desk/feed_link.h"

class QAction;
class QLabel;
class QTabWidget;

namespace paraat {
namespace desk {

class Banner;
class DutyView;
class Notifier;
class SignInDialog;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  struct Options {
    QString server;                       // empty: ResolveServer (PARAAT_SERVER, config, default)
    QString username;                     // preset user name
    std::optional<std::string> password;  // sign in with it at start (--password-stdin)
    bool interactive = true;              // false: never open the sign-in dialog
  };

  explicit MainWindow(Options options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Signs in (password, stored session or dialog) and loads the views.
  void start();

  DutyView* dutyView() const { return m_duty; }
  client::AsyncClient* client() const { return m_client; }
  Notifier* notifier() const { return m_notifier; }
  // Everything the window shows as text (title, banner, the current tab, status bar).
  QStringList visibleTexts() const;

 Q_SIGNALS:
  // Signed in and the first complete load of the views is done (ok: nothing failed).
  void ready(bool ok);
  // Signing in without the dialog failed; `message` is the server's.
  void signInFailed(const QString& message);

 private:
  void signInWithPassword(const std::string& username, const std::string& password);
  void resumeSession();
  void openSignIn(const QString& message);
  void signedIn(const directory::AccountInfo& account);
  void signOut();
  void updateConnection();
  void updateTitle();

  Options m_options;
  client::AsyncClient* m_client;
  std::unique_ptr<FeedLinkSource> m_feeds;
  Banner* m_banner;
  Notifier* m_notifier;
  QTabWidget* m_tabs;
  DutyView* m_duty;
  QLabel* m_connectionLabel;
  QLabel* m_accountLabel;
  QLabel* m_busyLabel;
  QAction* m_signInAction;
  QAction* m_signOutAction;
  QPointer<SignInDialog> m_signIn;
  std::optional<directory::AccountInfo> m_account;
  bool m_resumePending = false;  // a stored session waits for the server to be reachable
  bool m_readySent = false;
  QTimer m_clock;  // keeps "last contact" current
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_MAIN_WINDOW_H_
