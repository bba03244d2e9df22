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
class CapacityView;
class CrisisView;
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
    QString tab;  // the tab shown after signing in: dienst, crisis or capaciteit
    // Where the local cache lives; empty: under $PARAAT_CONFIG_DIR when that is set (tests),
    // else the user's data folder.
    QString cacheDir;
  };

  explicit MainWindow(Options options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Signs in (password, stored session or dialog) and loads the views.
  void start();

  DutyView* dutyView() const { return m_duty; }
  CrisisView* crisisView() const { return m_crisis; }
  CapacityView* capacityView() const { return m_capacity; }
  // Shows a tab by name (dienst/duty, crisis, capaciteit/capacity); false when there is no
  // such tab for this account.
  bool showTab(const QString& name);
  static bool isTabName(const QString& name);
  // The local cache in use (null before signing in or when it cannot be opened).
  std::shared_ptr<client::cache::Cache> cache() const { return m_client->cache(); }
  // The text of the "server unreachable" banner (empty while the server answers).
  QString offlineText() const;
  // When the server last answered: in this session, else as the cache remembers ("never").
  QString lastContactText() const;
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
  // F5: loads the view shown again.
  void refreshShownView();
  void updateConnection();
  void updateTitle();
  void openCache(const std::string& username);
  void viewLoaded(int view, bool ok);

  Options m_options;
  client::AsyncClient* m_client;
  std::unique_ptr<FeedLinkSource> m_feeds;
  Banner* m_banner;
  Notifier* m_notifier;
  QTabWidget* m_tabs;
  DutyView* m_duty;
  CrisisView* m_crisis;
  CapacityView* m_capacity;
  QLabel* m_offline;
  std::string m_cachePath;
  int m_loadedViews = 0;  // bits of the views whose first load is in
  bool m_loadsOk = true;
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
