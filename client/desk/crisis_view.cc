// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/crisis_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

#include "client/api/log_witness.h"
#include "client/desk/crisis_models.h"
#include "client/desk/entry_form.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"
#include "client/desk/log_stream.h"
#include "client/desk/open_crisis_dialog.h"

namespace paraat {
namespace desk {

namespace {

constexpr std::chrono::milliseconds kCrisisPoll{5 * 60 * 1000};
constexpr int kPageSize = 500;
// Sent and failed outbox items stay listed this long.
constexpr absl::Duration kOutboxKeep = absl::Hours(24);

bool Unreachable(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable ||
         s.code() == absl::StatusCode::kDeadlineExceeded;
}

QString Message(const absl::Status& s) { return Formats::qs(std::string(s.message())); }

QString GripStyle(const std::string& grip) {
  QString bg = QStringLiteral("#e0e0e0");
  if (grip == "1") bg = QStringLiteral("#fff0a8");
  if (grip == "2") bg = QStringLiteral("#ffd8a8");
  if (grip == "3" || grip == "4" || grip == "5" || grip == "rijk") bg = QStringLiteral("#f4b6b6");
  if (grip == "outside") bg = QStringLiteral("#c9e0ff");
  return QStringLiteral(
             "QLabel { background: %1; color: black; font-size: 26pt; font-weight: bold; "
             "padding: 4px 14px; border: 1px solid #808080; }")
      .arg(bg);
}

}  // namespace

CrisisView::CrisisView(client::AsyncClient* client, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_crisisModel(new CrisisListModel(this)),
      m_entryModel(new EntryModel(this)),
      m_logModel(new EntryFilterModel(this)),
      m_actionModel(new ActionModel(this)),
      m_outboxModel(new OutboxModel(this)) {
  m_logModel->setSourceModel(m_entryModel);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  m_loadError = newErrorLabel(this);
  layout->addWidget(m_loadError);

  auto* top = new QHBoxLayout();
  top->addWidget(buildList(), 3);
  top->addWidget(buildHeader(), 2);
  layout->addLayout(top, 0);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->setChildrenCollapsible(false);
  split->addWidget(buildLog());
  split->addWidget(buildDetails());
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({780, 560});
  layout->addWidget(split, 1);

  m_detailsTimer.setSingleShot(true);
  m_detailsTimer.setInterval(700);
  connect(&m_detailsTimer, &QTimer::timeout, this, [this] {
    loadActions();
    loadHandover();
    checkWitness();
  });
  m_pollTimer.setInterval(kCrisisPoll);
  connect(&m_pollTimer, &QTimer::timeout, this, &CrisisView::refresh);

  connect(m_client, &client::AsyncClient::connectionChanged, this,
          [this](client::AsyncClient::Connection c) {
            if (c != client::AsyncClient::Connection::Connected || !m_account) return;
            // Back: send what was written meanwhile, and bring everything up to date (the
            // stream resumes by itself).
            flushOutbox();
            // A stream the server refused (a session that had ended) starts again.
            if (m_crisisId > 0 && (m_stream == nullptr || m_streamFailed)) startStream();
            if (m_crisisModel->rowCount() == 0 || !m_loadOk) {
              refresh();
            } else {
              m_detailsTimer.start();
            }
          });
  connect(m_form, &EntryForm::submitted, this, &CrisisView::send);
  updateHeader();
}

CrisisView::~CrisisView() {
  delete m_stream;  // stops and joins its thread before the models go
  m_stream = nullptr;
}

QTableView* CrisisView::newTable(QAbstractItemModel* model, QWidget* parent) {
  auto* t = new QTableView(parent);
  t->setModel(model);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setTabKeyNavigation(false);
  t->setWordWrap(false);
  t->verticalHeader()->hide();
  t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 10);
  t->horizontalHeader()->setHighlightSections(false);
  return t;
}

QWidget* CrisisView::buildList() {
  auto* box = new QGroupBox(tr("Open crises"), this);
  auto* l = new QVBoxLayout(box);
  m_crisisTable = newTable(m_crisisModel, box);
  QHeaderView* h = m_crisisTable->horizontalHeader();
  h->setSectionResizeMode(QHeaderView::ResizeToContents);
  h->setSectionResizeMode(CrisisListModel::TitleColumn, QHeaderView::Stretch);
  const int row = m_crisisTable->verticalHeader()->defaultSectionSize();
  m_crisisTable->setMinimumHeight(2 * row + 8);
  m_crisisTable->setMaximumHeight(4 * row + 8);
  l->addWidget(m_crisisTable);
  auto* buttons = new QHBoxLayout();
  m_openButton = new QPushButton(tr("&Begin a crisis log…"), box);
  m_openButton->setToolTip(tr("Open a new crisis log (coordinators)"));
  m_closeButton = new QPushButton(tr("&Mark the crisis closed…"), box);
  m_closeButton->setToolTip(
      tr("Close the chosen crisis with a closing note; after that only reopening is accepted"));
  m_exportButton = new QPushButton(tr("E&xport…"), box);
  m_exportButton->setToolTip(
      tr("Save the chosen crisis's log: a verifiable export (.json) anyone can check offline "
         "with paraat crisis verify, or a report (.md)"));
  buttons->addWidget(m_openButton);
  buttons->addWidget(m_closeButton);
  buttons->addStretch(1);
  buttons->addWidget(m_exportButton);
  l->addLayout(buttons);
  m_openButton->hide();
  m_closeButton->hide();
  connect(m_openButton, &QPushButton::clicked, this, &CrisisView::openCrisis);
  connect(m_closeButton, &QPushButton::clicked, this, &CrisisView::closeCrisis);
  connect(this, &CrisisView::exported, this, [this](bool ok, const QString& text) {
    Q_EMIT message(text);
    if (!ok) {
      m_loadError->setText(text);
      m_loadError->show();
    }
  });
  connect(m_exportButton, &QPushButton::clicked, this, [this] {
    if (m_crisisId <= 0) return;
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the crisis log"), QStringLiteral("crisis-%1.json").arg(m_crisisId),
        tr("Verifiable export (*.json);;Report (*.md)"), &filter);
    if (!path.isEmpty()) exportTo(path);
  });
  connect(m_crisisTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (!current.isValid()) return;
            const int64_t id = m_crisisModel->crises()[static_cast<size_t>(current.row())].id;
            if (id != m_crisisId) selectCrisis(id);
          });
  return box;
}

void CrisisView::openCrisis() {
  if (!m_permissions.writeLog) return;
  OpenCrisisDialog dialog(m_client, this);
  dialog.setKnownCrises(m_crisisModel->crises());
  if (dialog.exec() != QDialog::Accepted || !dialog.result()) return;
  QString opened = tr("Crisis %1 opened: %2.")
                       .arg(dialog.result()->id)
                       .arg(Formats::qs(dialog.result()->title));
  // Another coordinator opened one of the same title meanwhile (the server's words).
  for (const std::string& w : dialog.warnings()) {
    opened += QLatin1Char(' ') + tr("Warning: %1").arg(Formats::qs(w));
  }
  Q_EMIT message(opened);
  m_pickNext = dialog.result()->id;
  loadCrises();
}

void CrisisView::exportTo(const QString& path) {
  if (m_crisisId <= 0) return;
  const int64_t id = m_crisisId;
  const std::string format =
      path.endsWith(QStringLiteral(".md"), Qt::CaseInsensitive) ? "markdown" : "verifiable";
  m_client->run<std::string>(
      this,
      [id, format](client::Client& c) {
        return c.ExportContent(id, client::EntryFilter(), format, "");
      },
      [this, id, path](absl::StatusOr<std::string> content) {
        if (!content.ok()) {
          Q_EMIT exported(false, tr("The log was not exported: %1").arg(Message(content.status())));
          return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(content->data(), static_cast<qint64>(content->size())) !=
                static_cast<qint64>(content->size()) ||
            !file.commit()) {
          Q_EMIT exported(false, tr("The log was not exported: cannot write %1 (%2)")
                                     .arg(path, file.errorString()));
          return;
        }
        Q_EMIT exported(true, tr("The log of crisis %1 was saved in %2.").arg(id).arg(path));
      });
}

void CrisisView::closeCrisis() {
  const int row = m_crisisModel->rowOf(m_crisisId);
  if (!m_permissions.writeLog || row < 0) return;
  const crisis::Crisis c = m_crisisModel->crises()[static_cast<size_t>(row)];
  bool ok = false;
  const QString note = QInputDialog::getMultiLineText(
      this, tr("Close the crisis"),
      tr("Closing note for \"%1\" (why it ends; the log keeps everything, and after this only "
         "reopening is accepted):")
          .arg(Formats::qs(c.title)),
      m_closingNote.value(c.id), &ok);
  if (!ok) return;
  m_closingNote[c.id] = note;
  if (note.trimmed().isEmpty()) {
    Q_EMIT message(tr("Not closed: a closing note is needed."));
    return;
  }
  crisis::AppendRequest r;
  r.crisis_id = c.id;
  r.kind = crisis::EntryKind::kClosed;
  r.text = note.trimmed().toStdString();
  r.idempotency_key = client::NewIdempotencyKey();
  m_client->run<crisis::Entry>(
      this,
      [r](client::Client& cl) -> absl::StatusOr<crisis::Entry> {
        bool replayed = false;
        return cl.AppendEntry(r, &replayed);
      },
      [this, c](absl::StatusOr<crisis::Entry> e) {
        if (!e.ok()) {
          // The note typed is kept: closing again offers it.
          const QString text = tr("The crisis was not closed: %1. Your closing note is kept; "
                                  "choose “Mark the crisis closed” again to send it.")
                                   .arg(Message(e.status()));
          Q_EMIT message(text);
          m_loadError->setText(text);
          m_loadError->show();
          return;
        }
        m_closingNote.remove(c.id);
        Q_EMIT message(tr("Crisis %1 closed (entry %2).").arg(c.id).arg(e->seq));
        loadCrises();
      });
}

QWidget* CrisisView::buildHeader() {
  auto* w = new QWidget(this);
  auto* l = new QVBoxLayout(w);
  l->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout();
  m_grip = new QLabel(w);
  m_grip->setTextFormat(Qt::PlainText);
  m_grip->setAlignment(Qt::AlignCenter);
  m_grip->setAccessibleName(tr("GRIP level"));
  m_title = new QLabel(w);
  m_title->setTextFormat(Qt::PlainText);
  m_title->setWordWrap(true);
  QFont f = m_title->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.3);
  m_title->setFont(f);
  row->addWidget(m_grip, 0);
  row->addWidget(m_title, 1);
  l->addLayout(row);
  m_witness = new QLabel(w);
  m_witness->setTextFormat(Qt::PlainText);
  m_witness->setWordWrap(true);
  l->addWidget(m_witness);
  m_streamState = new QLabel(w);
  m_streamState->setTextFormat(Qt::PlainText);
  l->addWidget(m_streamState);
  l->addStretch(1);
  return w;
}

QWidget* CrisisView::buildLog() {
  auto* box = new QGroupBox(tr("Log"), this);
  auto* l = new QVBoxLayout(box);
  auto* bar = new QHBoxLayout();
  auto* kindLabel = new QLabel(tr("&Show:"), box);
  m_kindFilter = new QComboBox(box);
  m_kindFilter->addItem(tr("all kinds"), -1);
  using K = crisis::EntryKind;
  for (K k :
       {K::kSituation, K::kAssessment, K::kDecision, K::kAction, K::kActionUpdate, K::kMessage,
        K::kGripChange, K::kHandover, K::kCorrection, K::kOpened, K::kClosed, K::kReopened}) {
    m_kindFilter->addItem(CrisisWords::kind(k), static_cast<int>(k));
  }
  kindLabel->setBuddy(m_kindFilter);
  auto* searchLabel = new QLabel(tr("Sea&rch:"), box);
  m_search = new QLineEdit(box);
  m_search->setPlaceholderText(tr("words in the log"));
  m_search->setClearButtonEnabled(true);
  searchLabel->setBuddy(m_search);
  auto* go = new QPushButton(tr("F&ind"), box);
  bar->addWidget(kindLabel);
  bar->addWidget(m_kindFilter);
  bar->addSpacing(12);
  bar->addWidget(searchLabel);
  bar->addWidget(m_search, 1);
  bar->addWidget(go);
  l->addLayout(bar);
  m_searchNote = new QLabel(box);
  m_searchNote->setTextFormat(Qt::PlainText);
  m_searchNote->hide();
  l->addWidget(m_searchNote);
  m_logTable = newTable(m_logModel, box);
  m_logTable->setWordWrap(true);
  QHeaderView* h = m_logTable->horizontalHeader();
  h->setSectionResizeMode(QHeaderView::ResizeToContents);
  h->setSectionResizeMode(EntryModel::TextColumn, QHeaderView::Stretch);
  l->addWidget(m_logTable, 1);
  // Wrapped texts need other row heights whenever the text column gets wider or narrower (a
  // resized window, the table shown again): fit them once the resizing settles.
  m_rowFit.setSingleShot(true);
  m_rowFit.setInterval(30);
  connect(&m_rowFit, &QTimer::timeout, m_logTable, [this] { m_logTable->resizeRowsToContents(); });
  connect(h, &QHeaderView::sectionResized, this, [this](int section) {
    if (section == EntryModel::TextColumn) m_rowFit.start();
  });
  auto* legend =
      new QLabel(tr("Struck through: corrected by a later entry (the log keeps everything). Bold: "
                    "decisions and GRIP changes."),
                 box);
  legend->setWordWrap(true);
  l->addWidget(legend);

  connect(m_kindFilter, &QComboBox::currentIndexChanged, this, [this] {
    const int k = m_kindFilter->currentData().toInt();
    m_logModel->setKind(
        k < 0 ? std::nullopt : std::optional<crisis::EntryKind>(static_cast<crisis::EntryKind>(k)));
  });
  connect(go, &QPushButton::clicked, this, [this] { search(m_search->text()); });
  connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
  connect(m_search, &QLineEdit::textChanged, this, [this](const QString& t) {
    if (t.isEmpty() && m_logModel->searching()) search(QString());
  });
  // New entries scroll into view when the end of the log is shown.
  connect(m_logModel, &QAbstractItemModel::rowsInserted, m_logTable, [this] {
    m_logTable->resizeRowsToContents();
    m_logTable->scrollToBottom();
  });
  connect(m_logModel, &QAbstractItemModel::modelReset, m_logTable, [this] {
    m_logTable->resizeRowsToContents();
    m_logTable->scrollToBottom();
  });
  return box;
}

QWidget* CrisisView::buildDetails() {
  m_details = new QTabWidget(this);

  // Actions.
  auto* actions = new QWidget(m_details);
  auto* al = new QVBoxLayout(actions);
  m_actionTable = newTable(m_actionModel, actions);
  QHeaderView* h = m_actionTable->horizontalHeader();
  h->setSectionResizeMode(QHeaderView::ResizeToContents);
  h->setSectionResizeMode(ActionModel::TextColumn, QHeaderView::Stretch);
  al->addWidget(m_actionTable, 1);
  auto* legend = new QLabel(tr("Your actions: green · overdue: red, marked OVERDUE"), actions);
  legend->setWordWrap(true);
  al->addWidget(legend);
  m_details->addTab(actions, tr("&Actions"));

  // New entry and the outbox, in a scroll area: in a low window the form scrolls rather than
  // squeezing its rows (and a message) on top of each other.
  auto* writeArea = new QScrollArea(m_details);
  writeArea->setWidgetResizable(true);
  writeArea->setFrameShape(QFrame::NoFrame);
  auto* write = new QWidget(writeArea);
  auto* wl = new QVBoxLayout(write);
  m_form = new EntryForm(write);
  wl->addWidget(m_form, 0);
  auto* outbox = new QGroupBox(tr("Outbox (written while the server could not be reached)"), write);
  auto* ol = new QVBoxLayout(outbox);
  m_outboxTable = newTable(m_outboxModel, outbox);
  QHeaderView* oh = m_outboxTable->horizontalHeader();
  oh->setSectionResizeMode(QHeaderView::ResizeToContents);
  oh->setSectionResizeMode(OutboxModel::EntryColumn, QHeaderView::Stretch);
  ol->addWidget(m_outboxTable);
  // A refused entry is kept until it is taken back into the form, mended and sent again.
  m_takeBackButton = new QPushButton(tr("Put the refused entry back in the form"), outbox);
  m_takeBackButton->setEnabled(false);
  connect(m_takeBackButton, &QPushButton::clicked, this, &CrisisView::takeBackRefused);
  connect(m_outboxTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &CrisisView::updateOutboxButtons);
  ol->addWidget(m_takeBackButton, 0, Qt::AlignLeft);
  wl->addWidget(outbox, 1);
  writeArea->setWidget(write);
  m_details->addTab(writeArea, tr("&New entry"));

  // Handover report: what was logged since a moment (by default the server's: 12 hours ago).
  auto* handover = new QWidget(m_details);
  auto* hl = new QVBoxLayout(handover);
  auto* sinceRow = new QHBoxLayout();
  m_handoverSinceSet = new QCheckBox(tr("&Logged since:"), handover);
  m_handoverSinceSet->setToolTip(
      tr("Without a moment the report covers what was logged in the last 12 hours"));
  m_handoverSince = newTimeEdit(absl::Now() - absl::Hours(12), handover);
  m_handoverSince->setEnabled(false);
  sinceRow->addWidget(m_handoverSinceSet);
  sinceRow->addWidget(m_handoverSince);
  sinceRow->addStretch(1);
  hl->addLayout(sinceRow);
  connect(m_handoverSinceSet, &QCheckBox::toggled, this, [this](bool on) {
    // Starts from the default's moment, 12 hours ago (not when the window opened).
    if (on) setTime(m_handoverSince, absl::Now() - absl::Hours(12));
    m_handoverSince->setEnabled(on);
    loadHandover();
  });
  connect(m_handoverSince, &QDateTimeEdit::editingFinished, this, [this] {
    if (m_handoverSinceSet->isChecked()) loadHandover();
  });
  auto* scroll = new QScrollArea(handover);
  scroll->setWidgetResizable(true);
  hl->addWidget(scroll, 1);
  m_handover = new QLabel(scroll);
  m_handover->setTextFormat(Qt::PlainText);
  m_handover->setWordWrap(true);
  m_handover->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  m_handover->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  m_handover->setMargin(6);
  scroll->setWidget(m_handover);
  m_details->addTab(handover, tr("Hando&ver report"));
  return m_details;
}

void CrisisView::setCache(std::shared_ptr<client::cache::Cache> cache) {
  m_cache = std::move(cache);
  m_outbox = m_cache ? std::make_shared<client::Outbox>(m_cache.get()) : nullptr;
  if (m_cache) (void)m_cache->PruneOutbox(absl::Now() - kOutboxKeep);
  m_form->setCrisis(m_crisisId, m_cache);
  reloadOutbox();
}

void CrisisView::setAccount(std::optional<directory::AccountInfo> account) {
  m_account = std::move(account);
  m_permissions = m_account ? Permissions::of(*m_account) : Permissions();
  m_form->setWritable(m_permissions.writeLog);
  // Everyone reports on the actions they own (crisis::CheckAppend).
  m_form->setReporter(m_account ? m_account->account.person : std::string());
  m_openButton->setVisible(m_permissions.writeLog);
  m_closeButton->setVisible(m_permissions.writeLog);
  if (!m_account) {
    m_pollTimer.stop();
    delete m_stream;
    m_stream = nullptr;
    m_crisisId = 0;
    ++m_generation;
    m_crisisModel->setCrises({});
    m_entryModel->clear();
    m_actionModel->setActions({}, "");
    m_form->setActions({});
    m_form->setPeople({});
    m_handover->clear();
    m_form->setCrisis(0, m_cache);
    updateHeader();
    return;
  }
  m_pollTimer.start();
  refresh();
  if (m_client->connection() != client::AsyncClient::Connection::Unreachable) flushOutbox();
}

void CrisisView::loadDone(bool ok) {
  if (!ok) m_loadOk = false;
  if (--m_pending > 0) return;
  m_loadError->setVisible(!m_loadError->text().isEmpty());
  Q_EMIT refreshed(m_loadOk);
}

void CrisisView::refresh() {
  if (!m_account) return;
  if (m_pending == 0) {
    m_loadOk = true;
    m_loadError->clear();
  }
  loadCrises();
  loadPeople();
}

void CrisisView::loadPeople() {
  // The owners an action can be given to; only those who write need them.
  if (!m_permissions.writeLog) return;
  ++m_pending;
  m_client->listPeople(this, "", [this](absl::StatusOr<std::vector<directory::Person>> r) {
    if (r.ok()) {
      m_form->setPeople(std::move(*r));
    } else if (!Unreachable(r.status())) {
      m_loadError->setText(tr("Could not load the people: %1").arg(Message(r.status())));
    }
    loadDone(r.ok() || Unreachable(r.status()));
  });
}

void CrisisView::loadCrises() {
  ++m_pending;
  m_client->run<std::vector<crisis::Crisis>>(
      this, [](client::Client& c) { return c.ListCrises(/*include_closed=*/false); },
      [this](absl::StatusOr<std::vector<crisis::Crisis>> r) {
        if (!r.ok()) {
          m_loadError->setText(tr("Could not load the crises: %1").arg(Message(r.status())));
          loadDone(false);
          return;
        }
        m_crisisModel->setCrises(std::move(*r));
        int64_t pick = m_pickNext > 0 ? m_pickNext : m_crisisId;
        m_pickNext = 0;
        if (m_crisisModel->rowOf(pick) < 0) {
          pick = m_crisisModel->crises().empty() ? 0 : m_crisisModel->crises().front().id;
        }
        if (pick != m_crisisId || m_stream == nullptr) {
          selectCrisis(pick);
        } else {
          // A stream the server refused (the session had ended) follows again: this load
          // reached the server and succeeded (not an answer from the cache), so the session is
          // good now (also after signing in again).
          if (m_streamFailed &&
              m_client->connection() == client::AsyncClient::Connection::Connected) {
            startStream();
          }
          const QSignalBlocker block(m_crisisTable->selectionModel());
          m_crisisTable->selectRow(m_crisisModel->rowOf(pick));
          updateHeader();
          loadActions();
          loadHandover();
          checkWitness();
        }
        loadDone(true);
      });
}

void CrisisView::selectCrisis(int64_t id) {
  delete m_stream;
  m_stream = nullptr;
  m_crisisId = id;
  ++m_generation;
  m_entryModel->clear();
  m_actionModel->setActions({}, "");
  m_form->setActions({});
  m_handover->clear();
  m_logModel->setFound(std::nullopt);
  m_searchNote->hide();
  m_search->clear();
  m_witnessState = Witness::Unknown;
  m_witness->clear();
  m_streamState->clear();
  m_form->setCrisis(id, m_cache);
  if (const int row = m_crisisModel->rowOf(id); row >= 0) {
    const QSignalBlocker block(m_crisisTable->selectionModel());
    m_crisisTable->selectRow(row);
  }
  updateHeader();
  if (id <= 0) return;
  loadLog(id);
  loadActions();
  loadHandover();
}

void CrisisView::loadLog(int64_t id) {
  ++m_pending;
  if (m_cache) {
    absl::StatusOr<std::vector<crisis::Entry>> cached = client::CachedEntries(*m_cache, id, 0);
    if (cached.ok()) m_entryModel->addEntries(*cached);
  }
  const int64_t after = m_entryModel->contiguousSeq();
  const int generation = m_generation;
  std::shared_ptr<client::cache::Cache> cache = m_cache;
  m_client->run<std::vector<crisis::Entry>>(
      this,
      [id, after, cache](client::Client& c) -> absl::StatusOr<std::vector<crisis::Entry>> {
        std::vector<crisis::Entry> out;
        int64_t next = after;
        for (int page = 0; page < 10000; ++page) {
          absl::StatusOr<client::EntryPage> p = c.ListEntries(id, next, kPageSize, {});
          if (!p.ok()) {
            if (out.empty()) return p.status();
            break;
          }
          for (client::EntryView& v : p->entries) out.push_back(std::move(v.entry));
          if (p->next_after_seq == 0 || p->next_after_seq <= next) break;
          next = p->next_after_seq;
        }
        if (cache) (void)client::RememberEntries(*cache, out);
        return out;
      },
      [this, generation](absl::StatusOr<std::vector<crisis::Entry>> r) {
        if (generation != m_generation) {
          loadDone(true);
          return;
        }
        bool ok = true;
        if (r.ok()) {
          m_entryModel->addEntries(*r);
        } else if (Unreachable(r.status()) && m_entryModel->rowCount() > 0) {
          Q_EMIT message(
              tr("Showing the log as kept on this computer: %1").arg(Message(r.status())));
        } else {
          ok = false;
          m_loadError->setText(tr("Could not load the log: %1").arg(Message(r.status())));
        }
        updateHeader();
        startStream();
        checkWitness();
        Q_EMIT logLoaded();
        loadDone(ok);
      });
}

void CrisisView::startStream() {
  delete m_stream;
  m_stream = nullptr;
  if (m_crisisId <= 0) return;
  m_stream = new LogStream(m_client->sharedClient(), m_cache, m_crisisId,
                           m_entryModel->contiguousSeq(), this);
  const int64_t id = m_crisisId;
  connect(m_stream, &LogStream::entries, this,
          [this, id](const std::vector<crisis::Entry>& entries) {
            if (id == m_crisisId) onEntries(entries);
          });
  connect(m_stream, &LogStream::stateChanged, this, [this](const QString& state) {
    if (state == QLatin1String("connected")) {
      m_streamState->setText(tr("Live: new entries appear as they are logged."));
    } else {
      m_streamState->setText(tr("Live log interrupted; reconnecting…"));
    }
  });
  connect(m_stream, &LogStream::failed, this, [this](const QString& message) {
    m_streamFailed = true;
    m_streamState->setText(tr("Live log stopped: %1").arg(message));
  });
  m_streamFailed = false;
  m_streamState->setText(tr("Live: following the log."));
}

void CrisisView::onEntries(const std::vector<crisis::Entry>& entries) {
  std::vector<crisis::Entry> mine;
  for (const crisis::Entry& e : entries) {
    if (e.crisis_id == m_crisisId) mine.push_back(e);
  }
  if (mine.empty()) return;
  m_entryModel->addEntries(mine);
  updateHeader();
  m_detailsTimer.start();
}

void CrisisView::updateHeader() {
  const int row = m_crisisModel->rowOf(m_crisisId);
  m_closeButton->setEnabled(m_crisisId > 0 && row >= 0);
  m_exportButton->setEnabled(m_crisisId > 0 && row >= 0);
  if (m_crisisId <= 0 || row < 0) {
    m_title->setText(m_account ? tr("No open crisis.") : QString());
    m_grip->hide();
    return;
  }
  const std::vector<crisis::Entry>& log = m_entryModel->entries();
  m_crisisModel->updateFromLog(m_crisisId, m_entryModel->grip(), log.empty() ? 0 : log.back().seq);
  const crisis::Crisis& c = m_crisisModel->crises()[static_cast<size_t>(row)];
  const std::string& grip = c.grip;
  m_grip->setText(CrisisWords::grip(grip));
  m_grip->setStyleSheet(GripStyle(grip));
  m_form->setCurrentGrip(grip);
  m_grip->show();
  QStringList munis;
  for (const std::string& m : c.municipalities) munis << Formats::qs(m);
  m_title->setText(tr("%1 · %2 · open since %3")
                       .arg(Formats::qs(c.title), munis.join(QStringLiteral(", ")),
                            Formats::dateTime(c.opened)));
}

void CrisisView::loadActions() {
  if (m_crisisId <= 0) return;
  ++m_pending;
  const int64_t id = m_crisisId;
  const int generation = m_generation;
  m_client->run<std::vector<client::ActionView>>(
      this, [id](client::Client& c) { return c.ListActions(id, false, false); },
      [this, generation](absl::StatusOr<std::vector<client::ActionView>> r) {
        if (generation == m_generation) {
          if (r.ok()) {
            m_form->setActions(*r);
            m_actionModel->setActions(std::move(*r), m_account ? m_account->account.person : "");
            int overdue = 0;
            for (const auto& a : m_actionModel->actions()) overdue += a.overdue ? 1 : 0;
            m_details->setTabText(
                0, overdue > 0
                       ? tr("&Actions (%1, %2 overdue)").arg(m_actionModel->rowCount()).arg(overdue)
                       : tr("&Actions (%1)").arg(m_actionModel->rowCount()));
          } else if (!Unreachable(r.status())) {
            m_loadError->setText(tr("Could not load the actions: %1").arg(Message(r.status())));
          }
        }
        loadDone(r.ok() || Unreachable(r.status()));
      });
}

void CrisisView::loadHandover() {
  if (m_crisisId <= 0) return;
  ++m_pending;
  const int64_t id = m_crisisId;
  const int generation = m_generation;
  const std::optional<absl::Time> since =
      m_handoverSinceSet->isChecked() ? std::optional<absl::Time>(timeOf(m_handoverSince))
                                      : std::nullopt;
  const int asked = ++m_handoverGeneration;  // only the answer to the last question is shown
  m_client->run<client::HandoverView>(
      this, [id, since](client::Client& c) { return c.GetHandover(id, since); },
      [this, generation, asked](absl::StatusOr<client::HandoverView> r) {
        if (generation != m_generation || asked != m_handoverGeneration) {
          loadDone(true);
          return;
        }
        if (!r.ok()) {
          if (!Unreachable(r.status())) {
            m_handover->setText(
                tr("Could not load the handover report: %1").arg(Message(r.status())));
          }
          loadDone(Unreachable(r.status()));
          return;
        }
        const client::HandoverView& h = *r;
        QStringList out;
        out << tr("HANDOVER REPORT: what was logged since %1").arg(Formats::dateTime(h.since));
        out << tr("%1 · %2").arg(Formats::qs(h.crisis.title), CrisisWords::grip(h.crisis.grip));
        // An entry, and under it what its corrections say now.
        auto add = [&](const client::EntryView& v) {
          // When it happened; when it was logged too where that was later (logged after the
          // fact, which is why an old decision can be news at a handover).
          QString when = Formats::shortDateTime(v.entry.event_time);
          if (v.entry.entered - v.entry.event_time > absl::Minutes(1)) {
            when = tr("%1 (logged %2)").arg(when, Formats::shortDateTime(v.entry.entered));
          }
          QString line = tr("  #%1 %2: %3").arg(v.entry.seq).arg(when, EntryModel::body(v.entry));
          if (!v.corrected_by.empty()) {
            QStringList by;
            for (int64_t s : v.corrected_by) by << QStringLiteral("#%1").arg(s);
            line = tr("%1 [corrected by %2]").arg(line, by.join(QStringLiteral(", ")));
          }
          out << line;
          for (const client::CorrectionLine& c : client::CorrectionsUnder(h, v)) {
            QString text = Formats::qs(c.correction->entry.text);
            if (!c.correction->corrected_by.empty()) {
              QStringList by;
              for (int64_t s : c.correction->corrected_by) by << QStringLiteral("#%1").arg(s);
              text = tr("%1 [corrected by %2]").arg(text, by.join(QStringLiteral(", ")));
            }
            out << tr("%1correction #%2: %3")
                       .arg(QString(4 + 2 * c.depth, QLatin1Char(' ')))
                       .arg(c.correction->entry.seq)
                       .arg(text);
          }
        };
        out << QString() << tr("Latest situation:");
        if (h.latest_situation) {
          add(*h.latest_situation);
        } else {
          out << tr("  (none logged)");
        }
        out << QString() << tr("Last handover note:");
        if (h.latest_handover) {
          add(*h.latest_handover);
        } else {
          out << tr("  (none logged)");
        }
        out << QString() << tr("GRIP changes since:");
        if (h.grip_changes.empty()) out << tr("  (none)");
        for (const client::EntryView& v : h.grip_changes) add(v);
        out << QString() << tr("Decisions since:");
        if (h.decisions.empty()) out << tr("  (none)");
        for (const client::EntryView& v : h.decisions) add(v);
        out << QString() << tr("Assessments since:");
        if (h.assessments.empty()) out << tr("  (none)");
        for (const client::EntryView& v : h.assessments) add(v);
        out << QString() << tr("Messages, closing and reopening since:");
        if (h.other_entries.empty()) out << tr("  (none)");
        for (const client::EntryView& v : h.other_entries) add(v);
        out << QString() << tr("Open actions (overdue first):");
        if (h.open_actions.empty()) out << tr("  (none)");
        for (const client::ActionView& a : h.open_actions) {
          out << tr("  %1#%2 %3 [%4, %5]")
                     .arg(a.overdue ? tr("OVERDUE ") : QString())
                     .arg(a.action.seq)
                     .arg(Formats::qs(a.action.text),
                          Formats::qs(a.owner_name.empty() ? a.action.owner : a.owner_name),
                          a.action.deadline ? Formats::shortDateTime(*a.action.deadline)
                                            : tr("no deadline"));
        }
        out << QString() << tr("Actions finished since:");
        if (h.finished_actions.empty()) out << tr("  (none)");
        for (const client::ActionView& a : h.finished_actions) {
          out << tr("  #%1 %2 [%3, %4 %5]")
                     .arg(a.action.seq)
                     .arg(Formats::qs(a.action.text),
                          Formats::qs(a.owner_name.empty() ? a.action.owner : a.owner_name),
                          CrisisWords::actionStatus(a.action.status),
                          a.action.finished_at ? Formats::shortDateTime(*a.action.finished_at)
                                               : QString());
        }
        m_handover->setText(out.join(QLatin1Char('\n')));
        loadDone(true);
      });
}

void CrisisView::checkWitness() {
  if (m_crisisId <= 0) return;
  ++m_pending;
  const int64_t id = m_crisisId;
  const int generation = m_generation;
  const std::string path = m_witnessPath;
  m_client->run<client::WitnessResult>(
      this,
      [id, path](client::Client& c) {
        client::LogWitness witness(path);
        return witness.Sync(c, id);
      },
      [this, generation](absl::StatusOr<client::WitnessResult> r) {
        if (generation != m_generation) {
          loadDone(true);
          return;
        }
        QString style = QStringLiteral("QLabel { color: #505050; }");
        Witness state = Witness::Unknown;
        if (r.ok()) {
          state = Witness::Ok;
          m_witness->setText(tr("✔ Log checked: %n entries, signed by the server and consistent "
                                "with what this computer saw before.",
                                nullptr, static_cast<int>(r->tree_size)));
          style = QStringLiteral("QLabel { color: #006400; }");
        } else if (absl::IsNotFound(r.status())) {
          m_witness->setText(tr("Log check: the server has not signed this log yet."));
        } else if (Unreachable(r.status())) {
          m_witness->setText(tr("Log check waits for the server."));
        } else {
          state = Witness::Failed;
          m_witness->setText(tr("✘ LOG CHECK FAILED: %1").arg(Message(r.status())));
          style = QStringLiteral(
              "QLabel { background: #f4b6b6; color: #8b0000; font-weight: bold; padding: 4px; }");
        }
        m_witness->setStyleSheet(style);
        m_witnessState = state;
        Q_EMIT witnessChecked(state);
        loadDone(true);
      });
}

void CrisisView::search(const QString& query) {
  const QString q = query.trimmed();
  if (q.isEmpty() || m_crisisId <= 0) {
    m_logModel->setFound(std::nullopt);
    m_searchNote->hide();
    return;
  }
  const int64_t id = m_crisisId;
  const int generation = m_generation;
  const std::string text = q.toStdString();
  m_client->run<client::EntryPage>(
      this, [id, text](client::Client& c) { return c.SearchEntries(id, text, 0, 500); },
      [this, generation, q](absl::StatusOr<client::EntryPage> r) {
        if (generation != m_generation) return;
        std::set<int64_t> found;
        QString note;
        if (r.ok()) {
          for (const client::EntryView& v : r->entries) found.insert(v.entry.seq);
          note = tr("Search \"%1\": %n entries found.", nullptr, static_cast<int>(found.size()))
                     .arg(q);
        } else if (Unreachable(r.status())) {
          // Offline: search the log as kept here.
          for (const crisis::Entry& e : m_entryModel->entries()) {
            if (EntryModel::body(e).contains(q, Qt::CaseInsensitive)) found.insert(e.seq);
          }
          note = tr("Search \"%1\" in the log kept on this computer (server unreachable): %n "
                    "entries found.",
                    nullptr, static_cast<int>(found.size()))
                     .arg(q);
        } else {
          note = tr("Search failed: %1").arg(Message(r.status()));
        }
        m_logModel->setFound(std::move(found));
        m_searchNote->setText(note);
        m_searchNote->show();
      });
}

void CrisisView::reloadOutbox() {
  if (!m_outbox) {
    m_outboxModel->setItems({});
    Q_EMIT outboxChanged();
    return;
  }
  absl::StatusOr<std::vector<client::QueuedEntry>> items = m_outbox->Items(false);
  if (items.ok()) {
    m_outboxModel->setItems(std::move(*items));
  } else {
    Q_EMIT message(tr("The outbox cannot be read: %1").arg(Message(items.status())));
  }
  updateOutboxButtons();
  Q_EMIT outboxChanged();
}

const client::QueuedEntry* CrisisView::selectedRefused() const {
  const QModelIndex at = m_outboxTable->currentIndex();
  const auto& items = m_outboxModel->items();
  if (!at.isValid() || at.row() >= static_cast<int>(items.size())) return nullptr;
  const client::QueuedEntry& q = items[static_cast<size_t>(at.row())];
  return q.item.state == client::cache::OutboxState::kFailed ? &q : nullptr;
}

void CrisisView::updateOutboxButtons() {
  const client::QueuedEntry* q = selectedRefused();
  m_takeBackButton->setEnabled(
      q != nullptr && q->request.crisis_id == m_crisisId &&
      (m_permissions.writeLog || q->request.kind == crisis::EntryKind::kActionUpdate));
}

void CrisisView::takeBackRefused() {
  const client::QueuedEntry* q = selectedRefused();
  if (q == nullptr || !m_cache || q->request.crisis_id != m_crisisId) return;
  const crisis::AppendRequest request = q->request;
  m_form->load(request);
  if (absl::Status s = m_cache->RemoveFailed(q->item.id); !s.ok()) {
    Q_EMIT message(tr("The outbox cannot be changed: %1").arg(Message(s)));
  }
  reloadOutbox();
  Q_EMIT message(tr("The refused entry is back in the form: mend it and log it again."));
}

void CrisisView::send(crisis::AppendRequest request) {
  // Writers send anything; others an update of an action (the form offers only their own,
  // and the server decides).
  if (!m_permissions.writeLog && request.kind != crisis::EntryKind::kActionUpdate) return;
  request.idempotency_key = client::NewIdempotencyKey();
  // The form as it was sent: cleared afterwards only if it still holds just that.
  const std::string typed = m_form->draft();
  bool queued = false;
  if (m_outbox) {
    absl::StatusOr<std::vector<client::QueuedEntry>> pending = m_outbox->Items(true);
    queued = pending.ok() && !pending->empty();
  }
  // Entries go out in the order they were written: behind anything still queued.
  if (m_client->connection() == client::AsyncClient::Connection::Unreachable || queued) {
    queue(std::move(request), typed);
    return;
  }
  m_form->setBusy(true);
  std::shared_ptr<client::cache::Cache> cache = m_cache;
  m_client->run<crisis::Entry>(
      this,
      [request, cache](client::Client& c) -> absl::StatusOr<crisis::Entry> {
        absl::StatusOr<crisis::Entry> e = c.AppendEntry(request);
        if (e.ok() && cache) (void)client::RememberEntries(*cache, {*e});
        return e;
      },
      [this, request, typed](absl::StatusOr<crisis::Entry> r) {
        m_form->setBusy(false);
        if (r.ok()) {
          if (m_form->crisisId() == request.crisis_id) {
            clearFormIfItHolds(typed);
          } else if (m_cache) {
            (void)m_cache->SaveDraft(EntryForm::draftKey(request.crisis_id), "");
          }
          onEntries({*r});
          Q_EMIT message(tr("Entry #%1 logged.").arg(r->seq));
          return;
        }
        if (Unreachable(r.status())) {
          queue(request, typed);  // the same idempotency key: if it did arrive, not doubled
          return;
        }
        m_form->showError(Message(r.status()));
      });
}

void CrisisView::clearFormIfItHolds(const std::string& sent) {
  // What was typed while the entry was on its way is not thrown away with it.
  if (m_form->draft() == sent) m_form->clear();
}

void CrisisView::queue(crisis::AppendRequest request, const std::string& typed) {
  if (!m_outbox) {
    m_form->showError(
        tr("The server cannot be reached and there is no local cache to keep the "
           "entry in. Your text stays in the form; try again later."));
    return;
  }
  absl::StatusOr<client::QueuedEntry> q = m_outbox->Queue(request, absl::Now());
  if (!q.ok()) {
    m_form->showError(Message(q.status()));
    return;
  }
  if (m_form->crisisId() == request.crisis_id) clearFormIfItHolds(typed);
  reloadOutbox();
  Q_EMIT message(
      tr("The server cannot be reached: the entry is queued and will be sent when it is back."));
  if (m_client->connection() == client::AsyncClient::Connection::Connected) flushOutbox();
}

void CrisisView::flushOutbox() {
  if (!m_outbox || !m_account) return;
  if (m_flushing) {
    m_flushAgain = true;
    return;
  }
  m_flushing = true;
  std::shared_ptr<client::Outbox> outbox = m_outbox;
  std::shared_ptr<client::cache::Cache> cache = m_cache;
  m_client->run<client::FlushResult>(
      this,
      [outbox, cache](client::Client& c) -> absl::StatusOr<client::FlushResult> {
        client::FlushResult r = outbox->Flush(c);
        if (cache) (void)client::RememberEntries(*cache, r.entries);
        // Nothing went through because the server is away: say so to the connection state.
        if (r.sent == 0 && r.failed == 0 && !r.stopped.ok()) return r.stopped;
        return r;
      },
      [this](absl::StatusOr<client::FlushResult> r) {
        m_flushing = false;
        reloadOutbox();
        if (r.ok()) {
          onEntries(r->entries);
          if (r->sent > 0) {
            Q_EMIT message(tr("%n queued entries sent.", nullptr, static_cast<int>(r->sent)));
          }
          if (r->failed > 0) {
            Q_EMIT message(tr("%n queued entries were refused; see the outbox.", nullptr,
                              static_cast<int>(r->failed)));
          }
        }
        if (m_flushAgain) {
          m_flushAgain = false;
          flushOutbox();
        }
      });
}

}  // namespace desk
}  // namespace paraat
