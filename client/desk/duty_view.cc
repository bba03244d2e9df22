// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/duty_view.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

#include "client/desk/duty_model.h"
#include "client/desk/feed_link.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"
#include "client/desk/leave_dialog.h"
#include "client/desk/marks.h"
#include "client/desk/notifier.h"
#include "client/desk/on_call_model.h"
#include "client/desk/override_dialog.h"
#include "client/desk/roster_model.h"
#include "client/desk/swap_dialog.h"
#include "client/desk/swap_model.h"
#include "common/roster/rules.h"

namespace paraat {
namespace desk {

namespace {

// My duties are listed from a little in the past, so that the one I am on now shows its real
// start (the server cuts slices at the window), up to this far ahead.
constexpr absl::Duration kDutiesBack = absl::Hours(24 * 8);
constexpr absl::Duration kDutiesAhead = absl::Hours(24 * 90);
constexpr std::chrono::milliseconds kDefaultPoll{3 * 60 * 1000};

}  // namespace

DutyView::DutyView(client::AsyncClient* client, FeedLinkSource* feeds, Notifier* notifier,
                   QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_feeds(feeds),
      m_notifier(notifier),
      m_onCallModel(new OnCallModel(this)),
      m_myDutiesModel(new DutyModel(this)),
      m_rosterModel(new RosterModel(this)),
      m_swapModel(new SwapModel(this)) {
  m_swapAction = new QAction(tr("Ask for a &swap…"), this);
  m_swapAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  m_swapAction->setStatusTip(tr("Ask a colleague to take over (part of) one of your duties"));
  m_leaveAction = new QAction(tr("Register &leave…"), this);
  m_leaveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  m_leaveAction->setStatusTip(tr("Register a period in which you cannot be on duty"));
  m_overrideAction = new QAction(tr("Put someone &on duty…"), this);
  m_overrideAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
  m_overrideAction->setStatusTip(tr("Put someone on duty now, on top of the roster"));
  m_endOverrideAction = new QAction(tr("&End override…"), this);
  m_endOverrideAction->setStatusTip(
      tr("End an override on the day selected in the roster now; the roster applies again"));
  m_arrangeAction = new QAction(tr("Arran&ge a swap…"), this);
  m_arrangeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  m_arrangeAction->setStatusTip(tr("Arrange an approved swap of the duty selected in the roster"));
  m_feedAction = new QAction(tr("Cop&y calendar feed link"), this);
  m_feedAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  // F5 is the main window's: it refreshes whichever view is shown.
  m_refreshAction = new QAction(tr("Refresh"), this);
  m_refreshAction->setStatusTip(tr("Load everything again from the server"));
  for (QAction* a : {m_swapAction, m_leaveAction, m_overrideAction, m_endOverrideAction,
                     m_arrangeAction, m_feedAction, m_refreshAction}) {
    a->setShortcutContext(Qt::WindowShortcut);
    addAction(a);
  }
  connect(m_swapAction, &QAction::triggered, this, &DutyView::askForSwap);
  connect(m_leaveAction, &QAction::triggered, this, &DutyView::registerLeave);
  connect(m_overrideAction, &QAction::triggered, this, &DutyView::putOnDuty);
  connect(m_endOverrideAction, &QAction::triggered, this, &DutyView::endOverride);
  connect(m_arrangeAction, &QAction::triggered, this, &DutyView::arrangeSwap);
  connect(m_feedAction, &QAction::triggered, this, &DutyView::copyFeedLink);
  connect(m_refreshAction, &QAction::triggered, this, &DutyView::refresh);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  m_loadError = newErrorLabel(this);
  layout->addWidget(m_loadError);

  auto* top = new QHBoxLayout();
  top->addWidget(buildOnCall(), 3);
  top->addWidget(buildMyDuties(), 2);
  layout->addLayout(top, 0);
  layout->addWidget(buildRoster(), 3);
  layout->addWidget(buildSwaps(), 1);
  layout->addWidget(buildActions(), 0);

  // Ctrl+1..4 move to the four tables.
  const QList<QTableView*> tables = {m_onCallView, m_myDutiesView, m_rosterView, m_swapView};
  for (int i = 0; i < tables.size(); ++i) {
    auto* s = new QShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)), this);
    QTableView* t = tables[i];
    connect(s, &QShortcut::activated, t, [t] { t->setFocus(Qt::ShortcutFocusReason); });
  }

  m_pollTimer.setInterval(kDefaultPoll);
  connect(&m_pollTimer, &QTimer::timeout, this, &DutyView::refresh);
  m_handoverTimer.setSingleShot(true);
  connect(&m_handoverTimer, &QTimer::timeout, this, &DutyView::loadOnCall);
  connect(m_client, &client::AsyncClient::connectionChanged, this,
          [this](client::AsyncClient::Connection c) {
            // Back after an outage: show what changed meanwhile.
            if (c == client::AsyncClient::Connection::Connected && m_account && !m_refreshOk) {
              refresh();
            }
          });
  showPeriod(Period::Week, Formats::civilDay(absl::Now()));
  applyPermissions();
}

QTableView* DutyView::newTable(QAbstractItemModel* model) {
  auto* t = new QTableView(this);
  t->setModel(model);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setTabKeyNavigation(false);  // Tab leaves the table: keyboard users move between parts
  t->setWordWrap(false);
  t->setAlternatingRowColors(false);
  t->verticalHeader()->hide();
  t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 10);
  t->horizontalHeader()->setHighlightSections(false);
  return t;
}

QGroupBox* DutyView::buildOnCall() {
  auto* box = new QGroupBox(tr("On duty now (Ctrl+1)"), this);
  auto* l = new QVBoxLayout(box);
  m_onCallView = newTable(m_onCallModel);
  m_onCallView->setParent(box);
  QHeaderView* h = m_onCallView->horizontalHeader();
  h->setSectionResizeMode(QHeaderView::ResizeToContents);
  h->setSectionResizeMode(OnCallModel::NextColumn, QHeaderView::Stretch);
  // Two pools in the demo; room for four before it scrolls.
  const int row = m_onCallView->verticalHeader()->defaultSectionSize();
  m_onCallView->setMinimumHeight(3 * row + 8);
  m_onCallView->setMaximumHeight(5 * row + 8);
  l->addWidget(m_onCallView);
  return box;
}

QGroupBox* DutyView::buildMyDuties() {
  auto* box = new QGroupBox(tr("My coming duties (Ctrl+2)"), this);
  auto* l = new QVBoxLayout(box);
  m_myDutiesView = newTable(m_myDutiesModel);
  m_myDutiesView->setParent(box);
  QHeaderView* h = m_myDutiesView->horizontalHeader();
  h->setSectionResizeMode(QHeaderView::ResizeToContents);
  h->setSectionResizeMode(DutyModel::NoteColumn, QHeaderView::Stretch);
  const int row = m_myDutiesView->verticalHeader()->defaultSectionSize();
  m_myDutiesView->setMinimumHeight(3 * row + 8);
  m_myDutiesView->setMaximumHeight(5 * row + 8);
  l->addWidget(m_myDutiesView);
  m_myDutiesNote = new QLabel(box);
  m_myDutiesNote->setWordWrap(true);
  l->addWidget(m_myDutiesNote);
  return box;
}

QGroupBox* DutyView::buildRoster() {
  auto* box = new QGroupBox(tr("Roster (Ctrl+3)"), this);
  auto* l = new QVBoxLayout(box);
  auto* bar = new QHBoxLayout();
  auto* poolLabel = new QLabel(tr("&Pool:"), box);
  m_poolCombo = new QComboBox(box);
  m_poolCombo->setMinimumContentsLength(14);
  poolLabel->setBuddy(m_poolCombo);
  auto* periodLabel = new QLabel(tr("&View:"), box);
  m_periodCombo = new QComboBox(box);
  m_periodCombo->addItem(tr("Week"));
  m_periodCombo->addItem(tr("Month"));
  periodLabel->setBuddy(m_periodCombo);
  auto* prev = new QPushButton(tr("‹ P&revious"), box);
  auto* today = new QPushButton(tr("&Today"), box);
  auto* next = new QPushButton(tr("&Next ›"), box);
  m_periodLabel = new QLabel(box);
  QFont bold = m_periodLabel->font();
  bold.setBold(true);
  m_periodLabel->setFont(bold);
  bar->addWidget(poolLabel);
  bar->addWidget(m_poolCombo);
  bar->addSpacing(12);
  bar->addWidget(periodLabel);
  bar->addWidget(m_periodCombo);
  bar->addSpacing(12);
  bar->addWidget(prev);
  bar->addWidget(today);
  bar->addWidget(next);
  bar->addSpacing(12);
  bar->addWidget(m_periodLabel, 1);
  l->addLayout(bar);

  m_rosterView = newTable(m_rosterModel);
  m_rosterView->setParent(box);
  QHeaderView* h = m_rosterView->horizontalHeader();
  h->setSectionResizeMode(RosterModel::DayColumn, QHeaderView::ResizeToContents);
  h->setSectionResizeMode(RosterModel::OnDutyColumn, QHeaderView::Interactive);
  h->setSectionResizeMode(RosterModel::NoteColumn, QHeaderView::Stretch);
  h->resizeSection(RosterModel::OnDutyColumn, 430);
  l->addWidget(m_rosterView, 1);

  auto* legend = new QLabel(tr("Marks: gap = nobody on duty (red) · override (orange) · swap "
                               "(blue) · leave (yellow) · clash (purple) · your duty (green)"),
                            box);
  legend->setWordWrap(true);
  l->addWidget(legend);

  connect(m_poolCombo, &QComboBox::currentIndexChanged, this, [this] { loadRoster(); });
  connect(m_periodCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
    showPeriod(i == 1 ? Period::Month : Period::Week, m_rosterModel->first());
  });
  connect(prev, &QPushButton::clicked, this, [this] {
    const absl::CivilDay first = m_rosterModel->first();
    if (m_period == Period::Week) {
      showPeriod(m_period, first - 7);
    } else {
      const absl::CivilMonth m(first);
      showPeriod(m_period, absl::CivilDay(m - 1));
    }
  });
  connect(next, &QPushButton::clicked, this, [this] {
    const absl::CivilDay first = m_rosterModel->first();
    showPeriod(m_period,
               m_period == Period::Week ? first + 7 : absl::CivilDay(absl::CivilMonth(first) + 1));
  });
  connect(today, &QPushButton::clicked, this,
          [this] { showPeriod(m_period, Formats::civilDay(absl::Now())); });
  connect(m_rosterView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this] { applyPermissions(); });
  return box;
}

QGroupBox* DutyView::buildSwaps() {
  auto* box = new QGroupBox(tr("Swaps (Ctrl+4)"), this);
  auto* l = new QVBoxLayout(box);
  m_swapView = newTable(m_swapModel);
  m_swapView->setParent(box);
  QHeaderView* h = m_swapView->horizontalHeader();
  h->setSectionResizeMode(QHeaderView::ResizeToContents);
  h->setSectionResizeMode(SwapModel::StatusColumn, QHeaderView::Stretch);
  l->addWidget(m_swapView, 1);
  auto* buttons = new QHBoxLayout();
  m_acceptButton = new QPushButton(tr("&Accept"), box);
  m_acceptButton->setToolTip(tr("Take over the duty you were asked to take"));
  m_declineButton = new QPushButton(tr("De&cline"), box);
  m_withdrawButton = new QPushButton(tr("W&ithdraw"), box);
  m_withdrawButton->setToolTip(
      tr("Withdraw the swap (before it is approved; administrators: any time)"));
  m_approveButton = new QPushButton(tr("Approv&e"), box);
  m_rejectButton = new QPushButton(tr("Re&ject"), box);
  for (QPushButton* b :
       {m_acceptButton, m_declineButton, m_withdrawButton, m_approveButton, m_rejectButton}) {
    buttons->addWidget(b);
  }
  buttons->addStretch(1);
  l->addLayout(buttons);
  connect(m_acceptButton, &QPushButton::clicked, this, [this] { respondToSwap(true); });
  connect(m_declineButton, &QPushButton::clicked, this, [this] { respondToSwap(false); });
  connect(m_withdrawButton, &QPushButton::clicked, this, &DutyView::withdrawSwap);
  connect(m_approveButton, &QPushButton::clicked, this, [this] { decideSwap(true); });
  connect(m_rejectButton, &QPushButton::clicked, this, [this] { decideSwap(false); });
  connect(m_swapView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &DutyView::updateSwapButtons);
  return box;
}

QPushButton* DutyView::buttonFor(QAction* action) {
  // A push button that follows its action (text with mnemonic, enabled, visible, tooltip).
  auto* b = new QPushButton(action->text(), this);
  auto sync = [b, action] {
    b->setText(action->text());
    b->setEnabled(action->isEnabled());
    b->setVisible(action->isVisible());
    QString tip = action->toolTip();
    if (!action->shortcut().isEmpty()) {
      tip = tr("%1 (%2)").arg(tip, action->shortcut().toString(QKeySequence::NativeText));
    }
    b->setToolTip(tip);
  };
  sync();
  connect(action, &QAction::changed, b, sync);
  connect(b, &QPushButton::clicked, action, &QAction::trigger);
  return b;
}

QWidget* DutyView::buildActions() {
  auto* w = new QWidget(this);
  auto* l = new QHBoxLayout(w);
  l->setContentsMargins(0, 0, 0, 0);
  for (QAction* a : {m_swapAction, m_leaveAction, m_overrideAction, m_endOverrideAction,
                     m_arrangeAction, m_feedAction}) {
    QPushButton* b = buttonFor(a);
    b->setParent(w);
    l->addWidget(b);
  }
  l->addStretch(1);
  QPushButton* refresh = buttonFor(m_refreshAction);
  refresh->setParent(w);
  l->addWidget(refresh);
  return w;
}

QList<QAction*> DutyView::menuActions() const {
  return {m_swapAction,    m_leaveAction, m_overrideAction, m_endOverrideAction,
          m_arrangeAction, m_feedAction};
}

void DutyView::setPollInterval(std::chrono::milliseconds interval) {
  m_pollTimer.setInterval(interval);
  if (m_pollTimer.isActive()) m_pollTimer.start();
}

std::string DutyView::myPerson() const {
  return m_account ? m_account->account.person : std::string();
}

std::string DutyView::currentPool() const {
  return m_poolCombo->currentData().toString().toStdString();
}

void DutyView::setAccount(std::optional<directory::AccountInfo> account) {
  const bool samePerson =
      account && m_account && account->account.person == m_account->account.person;
  m_account = std::move(account);
  if (!samePerson) m_watch.reset();
  m_permissions = m_account ? Permissions::of(*m_account) : Permissions();
  applyPermissions();
  if (!m_account) {
    m_pollTimer.stop();
    m_handoverTimer.stop();
    m_onCallModel->setOnCall({});
    m_myDutiesModel->setDuties({}, absl::Now());
    m_swapModel->setSwaps({}, "");
    m_rosterModel->setPeriod(m_rosterModel->first(), m_rosterModel->count(), absl::Now());
    return;
  }
  m_pollTimer.start();
  refresh();
}

void DutyView::applyPermissions() {
  const bool in = m_account.has_value();
  m_swapAction->setVisible(m_permissions.requestSwap);
  m_swapAction->setEnabled(in && !m_myDutiesModel->duties().empty());
  m_leaveAction->setVisible(m_permissions.registerLeave);
  m_leaveAction->setEnabled(in);
  m_overrideAction->setVisible(m_permissions.putOnDuty);
  m_overrideAction->setEnabled(in && !m_directory.pools.empty());
  m_endOverrideAction->setVisible(m_permissions.putOnDuty);
  m_endOverrideAction->setEnabled(in && !selectedOverrides().empty());
  m_arrangeAction->setVisible(m_permissions.decideSwaps);
  m_arrangeAction->setEnabled(in && m_rosterView != nullptr &&
                              m_rosterView->currentIndex().isValid());
  m_feedAction->setEnabled(in && m_feeds->available());
  m_feedAction->setToolTip(m_feeds->available()
                               ? tr("Copy the secret link of your duties for a calendar app")
                               : m_feeds->unavailableReason());
  m_refreshAction->setEnabled(in);
  updateSwapButtons();
}

std::optional<client::SwapView> DutyView::selectedSwap() const {
  const QModelIndex i = m_swapView->currentIndex();
  if (!i.isValid() || i.row() >= m_swapModel->rowCount()) return std::nullopt;
  return m_swapModel->swap(i.row());
}

void DutyView::updateSwapButtons() {
  if (m_acceptButton == nullptr) return;
  const std::optional<client::SwapView> s = selectedSwap();
  const std::string me = myPerson();
  const bool open = s && roster::IsOpen(s->swap);
  // What the server would refuse is not offered; declining or rejecting it still is.
  const bool possible = s && s->obstacle.empty();
  const bool asked =
      s && s->swap.status == roster::SwapStatus::kRequested && !me.empty() && s->taker.key == me;
  const bool party = s && !me.empty() && (s->giver.key == me || s->taker.key == me);
  m_acceptButton->setVisible(m_permissions.requestSwap);
  m_declineButton->setVisible(m_permissions.requestSwap);
  m_withdrawButton->setVisible(m_permissions.requestSwap);
  m_approveButton->setVisible(m_permissions.decideSwaps);
  m_rejectButton->setVisible(m_permissions.decideSwaps);
  m_acceptButton->setEnabled(asked && possible);
  m_declineButton->setEnabled(asked);
  m_withdrawButton->setEnabled(
      s && ((party && open) ||
            (m_permissions.decideSwaps && s->swap.status == roster::SwapStatus::kApproved) ||
            (m_permissions.decideSwaps && open)));
  m_approveButton->setEnabled(s && m_permissions.decideSwaps && possible &&
                              s->swap.status == roster::SwapStatus::kAccepted);
  m_rejectButton->setEnabled(s && m_permissions.decideSwaps && open);
  if (m_swapBusy) {
    for (QPushButton* b : {m_acceptButton, m_declineButton, m_withdrawButton, m_approveButton,
                           m_rejectButton}) {
      b->setEnabled(false);
    }
  }
}

void DutyView::showPeriod(Period period, absl::CivilDay day) {
  m_period = period;
  if (m_periodCombo->currentIndex() != (period == Period::Month ? 1 : 0)) {
    const QSignalBlocker block(m_periodCombo);
    m_periodCombo->setCurrentIndex(period == Period::Month ? 1 : 0);
  }
  absl::CivilDay first;
  int count;
  if (period == Period::Week) {
    first = day;
    while (absl::GetWeekday(first) != absl::Weekday::monday) --first;
    count = 7;
  } else {
    const absl::CivilMonth m(day);
    first = absl::CivilDay(m);
    count = static_cast<int>(absl::CivilDay(m + 1) - first);
  }
  m_rosterModel->setPeriod(first, count, absl::Now());
  updatePeriodLabel();
  loadRoster();
}

void DutyView::updatePeriodLabel() {
  const QDate first = Formats::toDate(m_rosterModel->first());
  const QDate last = first.addDays(m_rosterModel->count() - 1);
  const QLocale nl = Formats::locale();
  if (m_period == Period::Week) {
    m_periodLabel->setText(tr("Week %1: %2 – %3")
                               .arg(first.weekNumber())
                               .arg(nl.toString(first, QStringLiteral("d MMM")),
                                    nl.toString(last, QStringLiteral("d MMM yyyy"))));
  } else {
    m_periodLabel->setText(nl.toString(first, QStringLiteral("MMMM yyyy")));
  }
}

void DutyView::begin() {
  if (m_pending++ == 0) {
    m_refreshOk = true;
    m_loadErrors.clear();
  }
}

void DutyView::end(const absl::Status& status, const QString& what) {
  if (!status.ok()) {
    m_refreshOk = false;
    m_loadErrors << tr("%1: %2").arg(what, Formats::qs(std::string(status.message())));
  }
  if (--m_pending > 0) return;
  m_loadError->setText(
      m_loadErrors.isEmpty()
          ? QString()
          : tr("Could not load everything. %1").arg(m_loadErrors.join(QStringLiteral("; "))));
  m_loadError->setVisible(!m_loadErrors.isEmpty());
  applyPermissions();
  Q_EMIT refreshed(m_refreshOk);
}

void DutyView::refresh() {
  if (!m_account) return;
  // Everything is counted as one refresh: `refreshed` comes when the last part is in.
  begin();
  loadDirectory();
  loadOnCall();
  loadMyDuties();
  loadSwaps();
  loadRoster();
  end(absl::OkStatus(), QString());
}

void DutyView::loadDirectory() {
  begin();
  m_client->listPools(this, [this](absl::StatusOr<std::vector<directory::Pool>> r) {
    if (r.ok()) {
      m_directory.pools = std::move(*r);
      const std::string keep = currentPool();
      // Officers see their own pool first.
      std::string mine;
      for (const auto& p : m_directory.pools) {
        if (std::find(p.members.begin(), p.members.end(), myPerson()) != p.members.end())
          mine = p.key;
      }
      {
        const QSignalBlocker block(m_poolCombo);
        m_poolCombo->clear();
        for (const auto& p : m_directory.pools) {
          m_poolCombo->addItem(Formats::qs(p.name), Formats::qs(p.key));
        }
        const std::string want = !keep.empty() ? keep : mine;
        const int i = m_poolCombo->findData(Formats::qs(want));
        m_poolCombo->setCurrentIndex(i >= 0 ? i : 0);
      }
      const auto names = m_directory.poolNames();
      m_myDutiesModel->setPoolNames(names);
      m_swapModel->setPoolNames(names);
      m_watch.setPoolNames(names);
      if (keep != currentPool() || keep.empty()) loadRoster();
    }
    end(r.status(), tr("pools"));
  });
  begin();
  m_client->listPeople(this, "", [this](absl::StatusOr<std::vector<directory::Person>> r) {
    if (r.ok()) {
      m_directory.people.clear();
      for (auto& p : *r) m_directory.people[p.key] = std::move(p);
      m_rosterModel->setPersonNames(m_directory.personNames());
    }
    end(r.status(), tr("people"));
  });
}

void DutyView::loadOnCall() {
  begin();
  m_client->getOnCall(this, std::nullopt, [this](absl::StatusOr<client::OnCall> r) {
    if (r.ok()) {
      m_onCallModel->setOnCall(std::move(*r));
      scheduleHandoverRefresh();
    }
    end(r.status(), tr("on duty now"));
  });
}

void DutyView::scheduleHandoverRefresh() {
  // Ask again just after the first handover, so "on duty now" never shows a past duty.
  std::optional<absl::Time> soonest;
  for (const auto& p : m_onCallModel->onCall().pools) {
    std::optional<absl::Time> t;
    if (p.current)
      t = p.current->slice.interval.end;
    else if (p.gap_until)
      t = *p.gap_until;
    if (t && (!soonest || *t < *soonest)) soonest = t;
  }
  if (!soonest) return;
  const absl::Duration wait =
      std::clamp(*soonest - absl::Now() + absl::Seconds(2), absl::Seconds(2), absl::Hours(24));
  m_handoverTimer.start(std::chrono::milliseconds(absl::ToInt64Milliseconds(wait)));
}

void DutyView::loadMyDuties() {
  if (myPerson().empty()) {
    m_myDutiesNote->setText(
        m_account ? tr("This account is not linked to a person on the roster: it has no duties.")
                  : QString());
    return;
  }
  begin();
  // The window starts at midnight, so that every load of a day asks the same question and the
  // offline cache can answer it.
  const absl::Time now = Formats::startOfDay(Formats::civilDay(absl::Now()));
  const absl::Time horizon = now + kDutiesAhead;
  m_client->listDuties(this, "", now - kDutiesBack, horizon,
                       [this, horizon](absl::StatusOr<client::ScheduleView> r) {
                         if (r.ok()) {
                           const absl::Time at = absl::Now();
                           std::vector<client::Duty> coming;
                           for (auto& d : r->slices) {
                             if (d.slice.interval.end > at) coming.push_back(std::move(d));
                           }
                           for (const DutyWatch::Notice& n : m_watch.update(coming, at, horizon)) {
                             m_notifier->notify(n.title, n.text);
                           }
                           m_myDutiesNote->setText(
                               coming.empty() ? tr("No duties in the next 90 days.")
                                              : tr("The next 90 days."));
                           m_myDutiesModel->setDuties(std::move(coming), at,
                                                      std::move(r->clashes));
                         }
                         end(r.status(), tr("my duties"));
                       });
}

void DutyView::loadRoster() {
  const std::string pool = currentPool();
  if (!m_account || pool.empty()) return;
  const int generation = ++m_rosterGeneration;
  const roster::Interval window = m_rosterModel->window();
  // The schedule and the leave in it arrive separately; the table is filled when both are in.
  struct Parts {
    std::optional<client::ScheduleView> schedule;
    std::optional<std::vector<client::LeaveView>> leave;
    int waiting = 2;
  };
  auto parts = std::make_shared<Parts>();
  auto fill = [this, parts, pool, generation] {
    if (--parts->waiting > 0 || generation != m_rosterGeneration) return;
    if (!parts->schedule) return;
    std::vector<client::LeaveView> members;
    if (parts->leave) {
      const directory::Pool* p = m_directory.pool(pool);
      for (auto& l : *parts->leave) {
        if (p == nullptr ||
            std::find(p->members.begin(), p->members.end(), l.person.key) != p->members.end()) {
          members.push_back(std::move(l));
        }
      }
    }
    m_rosterModel->setSchedule(*parts->schedule, members, myPerson());
  };
  begin();
  // Duties that cross the edges of the period come whole (a swap of one starts from them).
  const roster::Interval ask = client::WholeDutiesAsk(window);
  m_client->getSchedule(this, pool, ask.start, ask.end,
                        [this, parts, fill, window](absl::StatusOr<client::ScheduleView> r) {
                          if (r.ok()) {
                            client::KeepPeriod(*r, window);
                            parts->schedule = std::move(*r);
                          }
                          fill();
                          end(r.status(), tr("roster"));
                        });
  begin();
  m_client->listUnavailability(
      this, "", /*everyone=*/true, window.start, window.end,
      [this, parts, fill](absl::StatusOr<std::vector<client::LeaveView>> r) {
        if (r.ok()) parts->leave = std::move(*r);
        fill();
        end(r.status(), tr("leave"));
      });
}

void DutyView::loadSwaps() {
  begin();
  // Regional administrators decide every pool's swaps; everyone else sees their own.
  const bool all = m_permissions.decideSwaps;
  m_client->listSwaps(this, "", /*mine=*/!all, /*openOnly=*/false,
                      [this](absl::StatusOr<std::vector<client::SwapView>> r) {
                        if (r.ok()) {
                          const absl::Time now = absl::Now();
                          std::vector<client::SwapView> current;
                          for (auto& s : *r) {
                            if (s.swap.interval.end > now) current.push_back(std::move(s));
                          }
                          std::sort(current.begin(), current.end(),
                                    [](const auto& a, const auto& b) {
                                      return a.swap.interval.start < b.swap.interval.start;
                                    });
                          m_swapModel->setSwaps(std::move(current), myPerson());
                        }
                        updateSwapButtons();
                        end(r.status(), tr("swaps"));
                      });
}

void DutyView::showRefusal(const QString& what, const absl::Status& status) {
  // Window-modal but not blocking: polls and the connection state go on meanwhile.
  auto* box =
      new QMessageBox(QMessageBox::Warning, what, Formats::qs(std::string(status.message())),
                      QMessageBox::NoButton, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->addButton(tr("Close"), QMessageBox::AcceptRole);
  box->open();
  Q_EMIT message(tr("%1: %2").arg(what, box->text()));
}

void DutyView::askForSwap() {
  if (!m_account) return;
  int selected = -1;
  if (m_myDutiesView->currentIndex().isValid()) selected = m_myDutiesView->currentIndex().row();
  SwapDialog dialog(m_client, SwapDialog::Mode::Request, m_myDutiesModel->duties(), m_directory,
                    selected, this);
  if (dialog.exec() != QDialog::Accepted || !dialog.result()) return;
  const client::SwapView& s = *dialog.result();
  Q_EMIT message(tr("Swap %1 asked of %2 (%3).")
                     .arg(s.swap.id)
                     .arg(Marks::personName(s.taker), Formats::swapStatusName(s.swap.status)));
  refresh();
}

void DutyView::arrangeSwap() {
  const QModelIndex i = m_rosterView->currentIndex();
  if (!m_account || !i.isValid()) return;
  const RosterModel::Day& day = m_rosterModel->day(i.row());
  std::vector<client::Duty> duties;
  for (const auto& d : day.duties) {
    if (d.slice.interval.end > absl::Now()) duties.push_back(d);
  }
  SwapDialog dialog(m_client, SwapDialog::Mode::Arrange, duties, m_directory, 0, this);
  if (dialog.exec() != QDialog::Accepted || !dialog.result()) return;
  const client::SwapView& s = *dialog.result();
  Q_EMIT message(tr("Swap %1 arranged: %2 takes over from %3.")
                     .arg(s.swap.id)
                     .arg(Marks::personName(s.taker), Marks::personName(s.giver)));
  refresh();
}

void DutyView::registerLeave() {
  if (!m_account) return;
  LeaveDialog dialog(m_client, m_directory, m_permissions.leaveForOthers, myPerson(), this);
  const QModelIndex i = m_rosterView->currentIndex();
  if (i.isValid()) {
    const RosterModel::Day& d = m_rosterModel->day(i.row());
    if (d.window.start > absl::Now()) dialog.setInterval(d.window.start, d.window.end);
  }
  bool withdrew = false;
  connect(&dialog, &LeaveDialog::withdrawn, this, [this, &withdrew](const QString& text) {
    withdrew = true;
    Q_EMIT message(text);
  });
  if (dialog.exec() != QDialog::Accepted || !dialog.result()) {
    if (withdrew) refresh();
    return;
  }
  const auto& [leave, clashes] = *dialog.result();
  if (clashes.empty()) {
    Q_EMIT message(tr("Leave registered: %1.").arg(Formats::interval(leave.leave.interval)));
  } else {
    QStringList lines;
    for (const auto& c : clashes) {
      const directory::Pool* pool = m_directory.pool(c.clash.pool);
      lines << tr("%1 in pool %2: %3")
                   .arg(Marks::personName(c.person),
                        Formats::qs(pool != nullptr ? pool->name : c.clash.pool),
                        Formats::interval(c.clash.interval));
    }
    QMessageBox box(QMessageBox::Information, tr("Leave registered"),
                    tr("The leave is registered, but it clashes with these duties. Arrange a "
                       "swap for them or ask an administrator.\n\n%1")
                        .arg(lines.join(QLatin1Char('\n'))),
                    QMessageBox::NoButton, this);
    box.addButton(tr("Close"), QMessageBox::AcceptRole);
    box.exec();
  }
  refresh();
}

void DutyView::putOnDuty() {
  if (!m_account) return;
  OverrideDialog dialog(m_client, m_directory, currentPool(), this);
  if (dialog.exec() != QDialog::Accepted || !dialog.result()) return;
  const client::OverrideView& o = *dialog.result();
  Q_EMIT message(
      tr("%1 is on duty until %2.")
          .arg(Marks::personName(o.person), Formats::shortDateTime(o.override_.interval.end)));
  refresh();
}

std::vector<client::Duty> DutyView::selectedOverrides() const {
  std::vector<client::Duty> out;
  if (m_rosterView == nullptr || !m_rosterView->currentIndex().isValid()) return out;
  const RosterModel::Day& day = m_rosterModel->day(m_rosterView->currentIndex().row());
  const absl::Time now = absl::Now();
  for (const client::Duty& d : day.duties) {
    if (d.slice.source != roster::Source::kOverride || d.slice.interval.end <= now) continue;
    const bool known = std::any_of(out.begin(), out.end(), [&](const client::Duty& o) {
      return o.slice.source_id == d.slice.source_id;
    });
    if (!known) out.push_back(d);
  }
  return out;
}

void DutyView::endOverride() {
  const std::vector<client::Duty> overrides = selectedOverrides();
  if (!m_account || overrides.empty()) return;
  QStringList items;
  for (const client::Duty& d : overrides) {
    items << tr("override %1: %2, %3")
                 .arg(d.slice.source_id)
                 .arg(Marks::personName(d.person), Formats::interval(d.slice.interval));
  }
  int chosen = 0;
  if (overrides.size() > 1) {
    bool ok = false;
    const QString item = QInputDialog::getItem(this, tr("End override"), tr("Override to end:"),
                                               items, 0, false, &ok);
    if (!ok) return;
    chosen = static_cast<int>(items.indexOf(item));
    if (chosen < 0) return;
  }
  QMessageBox box(QMessageBox::Question, tr("End override"),
                  tr("End %1 now? From now on the roster (with its swaps) applies again.")
                      .arg(items[chosen]),
                  QMessageBox::NoButton, this);
  QPushButton* end = box.addButton(tr("&End now"), QMessageBox::AcceptRole);
  box.addButton(tr("Cancel"), QMessageBox::RejectRole);
  box.setDefaultButton(end);
  box.exec();
  if (box.clickedButton() != end) return;
  const client::Duty d = overrides[static_cast<size_t>(chosen)];
  m_client->endOverride(this, d.slice.source_id, std::nullopt,
                        [this, d](absl::StatusOr<client::OverrideView> r) {
                          if (!r.ok()) {
                            showRefusal(tr("End override"), r.status());
                            return;
                          }
                          Q_EMIT message(tr("Override %1 ended at %2.")
                                             .arg(d.slice.source_id)
                                             .arg(Formats::shortDateTime(
                                                 r->override_.interval.end)));
                          refresh();
                        });
}

void DutyView::copyFeedLink() {
  if (!m_feeds->available()) {
    Q_EMIT message(m_feeds->unavailableReason());
    return;
  }
  // Paraat keeps no copy of a link, so copying one means making a new one, which ends the old
  // one: say so first when there is one, as calendars subscribed to it stop updating.
  m_feeds->hasLink(this, [this](absl::StatusOr<bool> has) {
    if (!has.ok()) {
      showRefusal(tr("Calendar feed link"), has.status());
      return;
    }
    if (!*has) {
      makeFeedLink();
      return;
    }
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Calendar feed link"),
        tr("You already have a calendar feed link. Paraat keeps no copy of it, so it makes a "
           "new one: the old link stops working, and calendars subscribed to it need the new "
           "link."),
        QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* replace = box->addButton(tr("Make a &new link"), QMessageBox::AcceptRole);
    box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    box->setDefaultButton(replace);
    connect(box, &QMessageBox::buttonClicked, this, [this, replace](QAbstractButton* b) {
      if (b == replace) makeFeedLink();
    });
    box->open();
  });
}

void DutyView::makeFeedLink() {
  m_feeds->createLink(this, [this](absl::StatusOr<QString> link) {
    if (!link.ok()) {
      showRefusal(tr("Calendar feed link"), link.status());
      return;
    }
    QApplication::clipboard()->setText(*link);
    Q_EMIT message(tr("The calendar feed link is on the clipboard. Keep it secret."));
  });
}

// One decision on the selected swap at a time: its buttons wait for the answer (a double
// click would ask twice and show the second refusal over the first's success). A refusal
// reloads the list too: someone else may have decided the swap meanwhile.
void DutyView::swapAction(
    const QString& title,
    const std::function<void(int64_t, client::AsyncClient::Done<client::SwapView>)>& call) {
  const std::optional<client::SwapView> s = selectedSwap();
  if (!s || m_swapBusy) return;
  m_swapBusy = true;
  updateSwapButtons();
  call(s->swap.id, [this, title](absl::StatusOr<client::SwapView> r) {
    m_swapBusy = false;
    updateSwapButtons();
    if (!r.ok()) {
      showRefusal(title, r.status());
    } else {
      Q_EMIT message(tr("Swap %1 is now %2.")
                         .arg(r->swap.id)
                         .arg(Formats::swapStatusName(r->swap.status)));
    }
    refresh();
  });
}

void DutyView::respondToSwap(bool accept) {
  swapAction(accept ? tr("Accept swap") : tr("Decline swap"), [this, accept](int64_t id, auto done) {
    m_client->respondSwap(this, id, accept, std::move(done));
  });
}

void DutyView::decideSwap(bool approve) {
  swapAction(approve ? tr("Approve swap") : tr("Reject swap"), [this, approve](int64_t id, auto done) {
    m_client->decideSwap(this, id, approve, std::move(done));
  });
}

void DutyView::withdrawSwap() {
  swapAction(tr("Withdraw swap"), [this](int64_t id, auto done) {
    m_client->cancelSwap(this, id, std::move(done));
  });
}

}  // namespace desk
}  // namespace paraat
