// SPDX-License-Identifier: EUPL-1.2
// The "Dienst" (duty) view: who is on duty now in each pool, my coming duties, the roster of
// one pool as a week or month of days, and the swaps that concern me; with the actions the
// signed-in role may take (ask for a swap, register leave, put someone on duty, arrange and
// decide swaps, copy the iCalendar feed link). Every call goes through AsyncClient; the view
// polls every few minutes and tells the person, through the Notifier, a day before a duty
// and when their coming duties change.
#ifndef PARAAT_CLIENT_DESK_DUTY_VIEW_H_
#define PARAAT_CLIENT_DESK_DUTY_VIEW_H_

#include <QAction>
#include <QList>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <optional>
#include <string>

#include "client/api/async_client.h"
#include "client/desk/duty_watch.h"
#include "client/desk/permissions.h"
#include "client/desk/pool_directory.h"

class QAbstractItemModel;
class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;

namespace paraat {
namespace desk {

class DutyModel;
class FeedLinkSource;
class Notifier;
class OnCallModel;
class RosterModel;
class SwapModel;

class DutyView : public QWidget {
  Q_OBJECT

 public:
  enum class Period { Week, Month };

  DutyView(client::AsyncClient* client, FeedLinkSource* feeds, Notifier* notifier,
           QWidget* parent = nullptr);

  // Signed in as `account` (loads everything), or signed out (nullopt: clears the view).
  void setAccount(std::optional<directory::AccountInfo> account);
  const std::optional<directory::AccountInfo>& account() const { return m_account; }
  const Permissions& permissions() const { return m_permissions; }

  // The actions for the window's "Dienst" menu.
  QList<QAction*> menuActions() const;
  // Shows the week or month containing `day` of the current pool and loads it.
  void showPeriod(Period period, absl::CivilDay day);
  // How often the view polls (default 3 minutes).
  void setPollInterval(std::chrono::milliseconds interval);

  OnCallModel* onCallModel() const { return m_onCallModel; }
  DutyModel* myDutiesModel() const { return m_myDutiesModel; }
  RosterModel* rosterModel() const { return m_rosterModel; }
  SwapModel* swapModel() const { return m_swapModel; }
  const PoolDirectory& directory() const { return m_directory; }

 public Q_SLOTS:
  // Loads everything again.
  void refresh();

 Q_SIGNALS:
  // A complete refresh ended; `ok` is false when some part could not be loaded.
  void refreshed(bool ok);
  // A short message for the status bar.
  void message(const QString& text);

 private:
  QGroupBox* buildOnCall();
  QGroupBox* buildMyDuties();
  QGroupBox* buildRoster();
  QGroupBox* buildSwaps();
  QWidget* buildActions();
  QPushButton* buttonFor(QAction* action);
  QTableView* newTable(QAbstractItemModel* model);

  // Each load counts as pending until its answer arrives.
  void begin();
  void end(const absl::Status& status, const QString& what);
  void loadDirectory();
  void loadOnCall();
  void loadMyDuties();
  void loadRoster();
  void loadSwaps();
  void applyPermissions();
  void updateSwapButtons();
  void updatePeriodLabel();
  void scheduleHandoverRefresh();
  std::string currentPool() const;
  std::string myPerson() const;

  void askForSwap();
  void arrangeSwap();
  void registerLeave();
  void putOnDuty();
  // Ends (now) an override on the day selected in the roster, after asking.
  void endOverride();
  // The overrides on the day selected in the roster that have not ended.
  std::vector<client::Duty> selectedOverrides() const;
  void copyFeedLink();
  void makeFeedLink();
  void respondToSwap(bool accept);
  void decideSwap(bool approve);
  void withdrawSwap();
  void swapAction(
      const QString& title,
      const std::function<void(int64_t, client::AsyncClient::Done<client::SwapView>)>& call);
  std::optional<client::SwapView> selectedSwap() const;
  // Shows a refusal as the server worded it.
  void showRefusal(const QString& what, const absl::Status& status);

  client::AsyncClient* m_client;
  FeedLinkSource* m_feeds;
  Notifier* m_notifier;
  std::optional<directory::AccountInfo> m_account;
  Permissions m_permissions;
  PoolDirectory m_directory;
  DutyWatch m_watch;
  Period m_period = Period::Week;

  OnCallModel* m_onCallModel;
  DutyModel* m_myDutiesModel;
  RosterModel* m_rosterModel;
  SwapModel* m_swapModel;

  QTableView* m_onCallView = nullptr;
  QTableView* m_myDutiesView = nullptr;
  QTableView* m_rosterView = nullptr;
  QTableView* m_swapView = nullptr;
  QComboBox* m_poolCombo = nullptr;
  QComboBox* m_periodCombo = nullptr;
  QLabel* m_periodLabel = nullptr;
  QLabel* m_loadError = nullptr;
  QPushButton* m_acceptButton = nullptr;
  QPushButton* m_declineButton = nullptr;
  QPushButton* m_withdrawButton = nullptr;
  QPushButton* m_approveButton = nullptr;
  QPushButton* m_rejectButton = nullptr;

  QAction* m_swapAction;
  QAction* m_leaveAction;
  QAction* m_overrideAction;
  QAction* m_endOverrideAction;
  QLabel* m_myDutiesNote = nullptr;  // the period shown, or why there is nothing
  QAction* m_arrangeAction;
  QAction* m_feedAction;
  QAction* m_refreshAction;

  QTimer m_pollTimer;
  QTimer m_handoverTimer;
  int m_pending = 0;
  bool m_refreshOk = true;
  bool m_swapBusy = false;  // a decision on a swap is on its way
  QStringList m_loadErrors;
  int m_rosterGeneration = 0;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_DUTY_VIEW_H_
