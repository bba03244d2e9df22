// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/main_window.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "client/api/offline.h"
#include "client/api/session_store.h"
#include "client/desk/capacity_view.h"
#include "client/desk/crisis_view.h"
#include "client/desk/duty_view.h"
#include "client/desk/formats.h"
#include "client/desk/notifier.h"
#include "client/desk/sign_in_dialog.h"
#include "client/desk/view_text.h"

namespace paraat {
namespace desk {

namespace {

client::ClientOptions ClientOptionsFor(const QString& server) {
  client::ClientOptions o;
  o.server = client::ResolveServer(server.toStdString());
  o.deadline = absl::Seconds(10);
  return o;
}

QString RememberedUsername() {
  absl::StatusOr<std::map<std::string, std::string>> config = client::LoadClientConfig();
  if (config.ok()) {
    if (auto it = config->find("username"); it != config->end()) return Formats::qs(it->second);
  }
  return QString();
}

enum View { kDutyView = 1, kCrisisView = 2, kCapacityView = 4 };

}  // namespace

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent), m_options(std::move(options)) {
  setWindowIcon(appIcon());
  m_client = new client::AsyncClient(ClientOptionsFor(m_options.server), this);
  m_feeds = std::make_unique<ServerFeedLinks>(m_client);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  m_banner = new Banner(central);
  layout->addWidget(m_banner);
  m_notifier = new Notifier(m_banner, appIcon(), this);
  // Wrong TLS settings: said at once, and nothing is sent (not even the password).
  if (const QString wrong = m_client->settingsError(); !wrong.isEmpty()) {
    m_banner->showMessage(tr("Connection settings"), wrong, Banner::Kind::Warning);
  }
  m_offline = new QLabel(central);
  m_offline->setTextFormat(Qt::PlainText);
  m_offline->setWordWrap(true);
  m_offline->setContentsMargins(8, 4, 8, 4);
  m_offline->setStyleSheet(
      QStringLiteral("QLabel { background: #f4b6b6; color: black; font-weight: bold; }"));
  m_offline->hide();
  layout->addWidget(m_offline);
  m_tabs = new QTabWidget(central);
  m_tabs->setDocumentMode(true);
  m_duty = new DutyView(m_client, m_feeds.get(), m_notifier, m_tabs);
  m_tabs->addTab(m_duty, tr("Duty"));
  m_crisis = new CrisisView(m_client, m_tabs);
  m_tabs->addTab(m_crisis, tr("Crisis"));
  // Administrators only: added when one signs in.
  m_capacity = new CapacityView(m_client, m_tabs);
  m_capacity->hide();
  layout->addWidget(m_tabs, 1);
  setCentralWidget(central);

  // Menus.
  QMenu* file = menuBar()->addMenu(tr("&File"));
  m_signInAction = file->addAction(tr("&Sign in…"));
  m_signOutAction = file->addAction(tr("Sign &out"));
  QAction* refresh = file->addAction(tr("&Refresh"));
  refresh->setShortcut(QKeySequence(Qt::Key_F5));
  refresh->setStatusTip(tr("Load the view shown again from the server"));
  connect(refresh, &QAction::triggered, this, &MainWindow::refreshShownView);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"));
  quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  connect(m_signInAction, &QAction::triggered, this, [this] { openSignIn(QString()); });
  connect(m_signOutAction, &QAction::triggered, this, &MainWindow::signOut);
  connect(quit, &QAction::triggered, this, &QWidget::close);
  QMenu* duty = menuBar()->addMenu(tr("&Duty"));
  for (QAction* a : m_duty->menuActions()) duty->addAction(a);
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* keys = help->addAction(tr("&Keyboard"));
  keys->setShortcut(QKeySequence(Qt::Key_F1));
  connect(keys, &QAction::triggered, this, [this] {
    QMessageBox box(QMessageBox::Information, tr("Keyboard"),
                    tr("Tab and Shift+Tab move between the parts of the window; arrow keys move "
                       "in a table. Ctrl+Tab and Ctrl+Shift+Tab go to the next and previous tab: "
                       "Duty, Crisis and Capacity (administrators), or, inside the crisis "
                       "details, Actions, New entry and Handover report.\n\n"
                       "Duty: Ctrl+1 on duty now · Ctrl+2 my duties · Ctrl+3 roster · "
                       "Ctrl+4 swaps\nCtrl+R ask for a swap · Ctrl+L register leave"
                       "\n\n"
                       "Crisis, New entry: Ctrl+Enter logs the entry (Enter alone starts a new "
                       "line). Choose the kind first: an action asks for its owner and deadline, "
                       "an action update for the action and its new status, a GRIP change for "
                       "the new level.\n\n"
                       "Capacity: propose, compare and approve proposals; restore the plan of a "
                       "week.\n\n"
                       "F5 loads the view shown again · F1 this help · Ctrl+Q quit\n"
                       "Alt with the underlined letter presses a button or goes to a field."),
                    QMessageBox::NoButton, this);
    box.addButton(tr("Close"), QMessageBox::AcceptRole);
    box.exec();
  });

  // Status bar: connection (always), who is signed in, busy.
  m_connectionLabel = new QLabel(this);
  m_connectionLabel->setTextFormat(Qt::PlainText);
  m_connectionLabel->setContentsMargins(6, 0, 6, 0);
  m_accountLabel = new QLabel(this);
  m_accountLabel->setTextFormat(Qt::PlainText);
  m_busyLabel = new QLabel(this);
  statusBar()->addPermanentWidget(m_busyLabel);
  statusBar()->addPermanentWidget(m_accountLabel);
  statusBar()->addPermanentWidget(m_connectionLabel);

  connect(m_client, &client::AsyncClient::connectionChanged, this, [this] {
    updateConnection();
    if (m_resumePending && m_client->connection() == client::AsyncClient::Connection::Connected) {
      resumeSession();
    }
  });
  connect(m_client, &client::AsyncClient::contacted, this, &MainWindow::updateConnection);
  connect(m_client, &client::AsyncClient::answeredFromCache, this, &MainWindow::updateConnection);
  connect(m_client, &client::AsyncClient::busyChanged, this,
          [this](bool busy) { m_busyLabel->setText(busy ? tr("Loading…") : QString()); });
  connect(m_client, &client::AsyncClient::unauthenticated, this, [this](const QString& message) {
    if (!m_account) return;
    m_account.reset();
    updateTitle();
    if (!m_options.interactive) {
      Q_EMIT signInFailed(message);
      return;
    }
    openSignIn(tr("Your session has ended (%1). Please sign in again.").arg(message));
  });
  connect(m_duty, &DutyView::message, this,
          [this](const QString& text) { statusBar()->showMessage(text, 15000); });
  connect(m_duty, &DutyView::refreshed, this, [this](bool ok) { viewLoaded(kDutyView, ok); });
  connect(m_crisis, &CrisisView::refreshed, this, [this](bool ok) { viewLoaded(kCrisisView, ok); });
  connect(m_capacity, &CapacityView::refreshed, this,
          [this](bool ok) { viewLoaded(kCapacityView, ok); });
  connect(m_crisis, &CrisisView::message, this,
          [this](const QString& text) { statusBar()->showMessage(text, 15000); });
  connect(m_capacity, &CapacityView::message, this,
          [this](const QString& text) { statusBar()->showMessage(text, 15000); });
  connect(m_notifier, &Notifier::activated, this, [this] {
    showNormal();
    raise();
    activateWindow();
  });
  m_clock.setInterval(30000);
  connect(&m_clock, &QTimer::timeout, this, &MainWindow::updateConnection);
  m_clock.start();
  updateConnection();
  updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::refreshShownView() {
  QWidget* shown = m_tabs->currentWidget();
  if (shown == m_duty) {
    m_duty->refresh();
  } else if (shown == m_crisis) {
    m_crisis->refresh();
  } else if (shown == m_capacity) {
    m_capacity->refresh();
  }
}

void MainWindow::start() {
  if (m_options.password) {
    const std::string user = m_options.username.toStdString();
    const std::string password = *m_options.password;
    m_options.password.reset();  // not kept longer than needed
    signInWithPassword(user, password);
    return;
  }
  resumeSession();
}

void MainWindow::signInWithPassword(const std::string& username, const std::string& password) {
  m_client->login(
      this, username, password, [this, username](absl::StatusOr<client::LoginResult> r) {
        if (!r.ok()) {
          const QString message = Formats::qs(std::string(r.status().message()));
          Q_EMIT signInFailed(message);
          if (m_options.interactive) {
            openSignIn(SignInDialog::explain(r.status(), m_client->server()));
          }
          return;
        }
        openCache(username);
        const QString error = storeSession(m_client->server().toStdString(), username, *r);
        if (!error.isEmpty()) statusBar()->showMessage(error, 15000);
        signedIn(r->account);
      });
}

void MainWindow::resumeSession() {
  m_resumePending = false;
  absl::StatusOr<std::optional<client::StoredSession>> stored = client::LoadSession();
  const std::string server = m_client->server().toStdString();
  // The token goes only to the server that issued it. One that has expired still opens what
  // this computer kept while the server cannot be reached (the server, once back, refuses it
  // and asks for a sign-in).
  if (!stored.ok() || !stored->has_value() || (*stored)->server != server ||
      (*stored)->token.empty()) {
    const QString why =
        stored.ok() ? QString() : Formats::qs(std::string(stored.status().message()));
    if (!m_options.interactive) {
      Q_EMIT signInFailed(why.isEmpty() ? tr("not signed in to %1").arg(m_client->server()) : why);
      return;
    }
    openSignIn(why);
    return;
  }
  m_client->setToken((*stored)->token);
  // With the cache open first, an unreachable server still lets the account in: WhoAmI and
  // the views answer from what this computer kept.
  openCache((*stored)->username);
  m_client->whoAmI(this, [this](absl::StatusOr<std::pair<directory::AccountInfo, absl::Time>> r) {
    if (r.ok()) {
      signedIn(r->first);
      return;
    }
    const absl::StatusCode code = r.status().code();
    if (code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kDeadlineExceeded) {
      // Try again when the server can be reached; the status bar says it cannot.
      m_resumePending = true;
      statusBar()->showMessage(Formats::qs(std::string(r.status().message())), 15000);
      return;
    }
    const QString message = Formats::qs(std::string(r.status().message()));
    m_client->setToken("");
    if (!m_options.interactive) {
      Q_EMIT signInFailed(message);
      return;
    }
    openSignIn(code == absl::StatusCode::kUnauthenticated
                   ? tr("Your session has ended. Please sign in again.")
                   : tr("Your stored session cannot be used (%1). Please sign in.").arg(message));
  });
}

void MainWindow::openSignIn(const QString& message) {
  if (m_signIn) {
    m_signIn->setMessage(message);
    m_signIn->raise();
    return;
  }
  QString user = m_options.username;
  if (user.isEmpty()) user = RememberedUsername();
  m_signIn = new SignInDialog(m_client, m_client->server(), user, this);
  m_signIn->setAttribute(Qt::WA_DeleteOnClose);
  m_signIn->setMessage(message);
  connect(m_signIn, &QDialog::accepted, this, [this] {
    if (m_signIn && m_signIn->result()) signedIn(m_signIn->result()->account);
  });
  connect(m_signIn, &QDialog::rejected, this, [this] {
    if (!m_account) statusBar()->showMessage(tr("Not signed in. File → Sign in…"), 0);
  });
  m_signIn->open();
}

void MainWindow::signedIn(const directory::AccountInfo& account) {
  m_account = account;
  m_options.username = Formats::qs(account.account.username);
  updateTitle();
  statusBar()->clearMessage();
  openCache(account.account.username);
  const Permissions p = Permissions::of(account);
  const int capacityTab = m_tabs->indexOf(m_capacity);
  if (p.capacity && capacityTab < 0) {
    m_tabs->addTab(m_capacity, tr("Capacity"));
  } else if (!p.capacity && capacityTab >= 0) {
    m_tabs->removeTab(capacityTab);
  }
  m_loadedViews = 0;
  m_loadsOk = true;
  m_duty->setAccount(account);
  m_crisis->setAccount(account);
  m_capacity->setAccount(p.capacity ? std::optional<directory::AccountInfo>(account)
                                    : std::nullopt);
  if (!m_options.tab.isEmpty()) showTab(m_options.tab);
}

void MainWindow::viewLoaded(int view, bool ok) {
  if (!m_account || m_readySent) return;
  if ((m_loadedViews & view) == 0) {
    m_loadedViews |= view;
    m_loadsOk = m_loadsOk && ok;
  }
  int needed = kDutyView | kCrisisView;
  if (Permissions::of(*m_account).capacity) needed |= kCapacityView;
  if ((m_loadedViews & needed) != needed) return;
  m_readySent = true;
  Q_EMIT ready(m_loadsOk);
}

bool MainWindow::isTabName(const QString& name) {
  const QString n = name.toLower();
  return n == QLatin1String("dienst") || n == QLatin1String("duty") ||
         n == QLatin1String("crisis") || n == QLatin1String("capaciteit") ||
         n == QLatin1String("capacity");
}

bool MainWindow::showTab(const QString& name) {
  const QString n = name.toLower();
  QWidget* page = nullptr;
  if (n == QLatin1String("dienst") || n == QLatin1String("duty")) page = m_duty;
  if (n == QLatin1String("crisis")) page = m_crisis;
  if (n == QLatin1String("capaciteit") || n == QLatin1String("capacity")) page = m_capacity;
  const int i = page == nullptr ? -1 : m_tabs->indexOf(page);
  if (i < 0) return false;
  m_tabs->setCurrentIndex(i);
  return true;
}

void MainWindow::openCache(const std::string& username) {
  std::string base = m_options.cacheDir.toStdString();
  if (base.empty() && !qEnvironmentVariableIsEmpty("PARAAT_CONFIG_DIR")) base = client::ConfigDir();
  const std::string path = client::CachePath(base, m_client->server().toStdString(), username);
  if (path == m_cachePath && m_client->cache()) return;
  absl::StatusOr<std::unique_ptr<client::cache::Cache>> opened = client::cache::Cache::Open(path);
  if (!opened.ok()) {
    // Everything works without it, only not offline.
    statusBar()->showMessage(tr("The local cache cannot be used (%1); working online only.")
                                 .arg(Formats::qs(std::string(opened.status().message()))),
                             15000);
    return;
  }
  m_cachePath = path;
  std::shared_ptr<client::cache::Cache> cache(std::move(*opened));
  m_client->setCache(cache);
  m_crisis->setCache(cache);
  m_capacity->setCache(cache);
  updateConnection();
}

void MainWindow::signOut() {
  if (!m_account) return;
  const std::string token = m_client->token();
  m_client->logout(this, [](absl::Status) {});
  // Forget the stored session only when it is this one (the CLI may have signed in since).
  absl::StatusOr<std::optional<client::StoredSession>> stored = client::LoadSession();
  if (stored.ok() && stored->has_value() && (*stored)->token == token) {
    absl::Status s = client::ClearSession();
    if (!s.ok()) statusBar()->showMessage(Formats::qs(std::string(s.message())), 15000);
  }
  m_client->setToken("");
  m_account.reset();
  m_duty->setAccount(std::nullopt);
  m_crisis->setAccount(std::nullopt);
  m_capacity->setAccount(std::nullopt);
  updateTitle();
  openSignIn(tr("You are signed out."));
}

void MainWindow::updateTitle() {
  m_signInAction->setVisible(!m_account);
  m_signOutAction->setVisible(m_account.has_value());
  if (!m_account) {
    setWindowTitle(tr("Paraat"));
    m_accountLabel->setText(tr("Not signed in"));
    return;
  }
  const directory::Account& a = m_account->account;
  const QString scope = a.scope.empty() ? tr("region") : Formats::qs(a.scope);
  const QString who = m_account->person_name.empty() ? Formats::qs(a.username)
                                                     : Formats::qs(m_account->person_name);
  // The platform adds " — Paraat" (the application's display name).
  setWindowTitle(who);
  m_accountLabel->setText(tr("%1 (%2, %3)").arg(who, Formats::roleName(a.role), scope));
}

QString MainWindow::lastContactText() const {
  // The last answer in this session, else the one the cache remembers.
  std::optional<absl::Time> last;
  if (m_client->lastContact().isValid()) {
    last = absl::FromUnixMillis(m_client->lastContact().toMSecsSinceEpoch());
  }
  if (std::shared_ptr<client::cache::Cache> c = m_client->cache(); c && !last) {
    absl::StatusOr<std::optional<absl::Time>> t = c->LastContact();
    if (t.ok() && t->has_value()) last = **t;
  }
  if (!last) return tr("never");
  return Formats::civilDay(*last) == Formats::civilDay(absl::Now()) ? Formats::time(*last)
                                                                     : Formats::shortDateTime(*last);
}

void MainWindow::updateConnection() {
  const QString lastText = lastContactText();
  QString text;
  QString style;
  switch (m_client->connection()) {
    case client::AsyncClient::Connection::Connecting:
      text = tr("Connecting to %1…").arg(m_client->server());
      style = QStringLiteral("QLabel { background: #fff0a8; color: black; }");
      break;
    case client::AsyncClient::Connection::Connected:
      text = tr("Connected to %1 · last contact %2").arg(m_client->server(), lastText);
      style = QStringLiteral("QLabel { background: #d4f0d4; color: black; }");
      break;
    case client::AsyncClient::Connection::Unreachable:
      text = tr("SERVER UNREACHABLE: %1 · last contact %2").arg(m_client->server(), lastText);
      style = QStringLiteral("QLabel { background: #f4b6b6; color: black; font-weight: bold; }");
      break;
  }
  // Not the server's fault: nothing was sent (the banner says why).
  if (!m_client->settingsError().isEmpty()) {
    text = tr("NOT CONNECTED: the connection settings for %1 are wrong; nothing is sent")
               .arg(m_client->server());
    style = QStringLiteral("QLabel { background: #f4b6b6; color: black; font-weight: bold; }");
  }
  m_connectionLabel->setText(text);
  m_connectionLabel->setStyleSheet(style);
  const QString offline = offlineText();
  m_offline->setText(offline);
  m_offline->setVisible(!offline.isEmpty());
}

QString MainWindow::offlineText() const {
  if (m_client->connection() != client::AsyncClient::Connection::Unreachable) return QString();
  QString text = tr("Server unreachable — last sync %1").arg(lastContactText());
  if (m_client->cache()) {
    text = tr("%1 · showing what this computer kept; new entries are queued and sent when the "
              "server is back")
               .arg(text);
  }
  return text;
}

QStringList MainWindow::visibleTexts() const {
  QStringList out;
  out << QStringLiteral("# %1").arg(windowTitle());
  out << paraat::desk::visibleTexts(centralWidget());
  out << QStringLiteral("-- %1").arg(m_accountLabel->text());
  out << QStringLiteral("-- %1").arg(m_connectionLabel->text());
  if (!statusBar()->currentMessage().isEmpty()) {
    out << QStringLiteral("-- %1").arg(statusBar()->currentMessage());
  }
  return out;
}

}  // namespace desk
}  // namespace paraat
