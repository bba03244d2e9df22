// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/crisis_models.h"

#include <QBrush>
#include <QFont>

#include <algorithm>

#include "client/desk/formats.h"
#include "client/desk/marks.h"
#include "common/crisis/views.h"

namespace paraat {
namespace desk {

namespace {

QString joined(const std::vector<std::string>& items) {
  QStringList out;
  for (const std::string& s : items) out << Formats::qs(s);
  return out.join(QStringLiteral(", "));
}

QString seqList(const std::vector<int64_t>& seqs) {
  QStringList out;
  for (int64_t s : seqs) out << QStringLiteral("#%1").arg(s);
  return out.join(QStringLiteral(", "));
}

QColor overdueColour() { return QColor(0xb0, 0x00, 0x00); }

}  // namespace

// ---- CrisisWords

QString CrisisWords::kind(crisis::EntryKind kind) {
  using K = crisis::EntryKind;
  switch (kind) {
    case K::kOpened:
      return tr("opened");
    case K::kSituation:
      return tr("situation");
    case K::kAssessment:
      return tr("assessment");
    case K::kDecision:
      return tr("decision");
    case K::kAction:
      return tr("action");
    case K::kActionUpdate:
      return tr("action update");
    case K::kMessage:
      return tr("message");
    case K::kGripChange:
      return tr("GRIP change");
    case K::kHandover:
      return tr("handover");
    case K::kCorrection:
      return tr("correction");
    case K::kClosed:
      return tr("closed");
    case K::kReopened:
      return tr("reopened");
  }
  return QString();
}

QString CrisisWords::grip(const std::string& grip) {
  if (grip.empty() || grip == "0") return tr("no GRIP (routine)");
  if (grip == "outside") return tr("outside GRIP");
  if (grip == "rijk") return tr("GRIP Rijk");
  return tr("GRIP %1").arg(Formats::qs(grip));
}

QString CrisisWords::actionStatus(crisis::ActionStatus status) {
  switch (status) {
    case crisis::ActionStatus::kOpen:
      return tr("open");
    case crisis::ActionStatus::kInProgress:
      return tr("in progress");
    case crisis::ActionStatus::kDone:
      return tr("done");
    case crisis::ActionStatus::kCancelled:
      return tr("cancelled");
  }
  return QString();
}

QString CrisisWords::outboxState(client::cache::OutboxState state) {
  switch (state) {
    case client::cache::OutboxState::kQueued:
      return tr("queued");
    case client::cache::OutboxState::kSent:
      return tr("sent");
    case client::cache::OutboxState::kFailed:
      return tr("failed");
  }
  return QString();
}

// ---- CrisisListModel

CrisisListModel::CrisisListModel(QObject* parent) : QAbstractTableModel(parent) {}

void CrisisListModel::setCrises(std::vector<crisis::Crisis> crises) {
  beginResetModel();
  m_crises = std::move(crises);
  endResetModel();
}

int CrisisListModel::rowOf(int64_t id) const {
  for (size_t i = 0; i < m_crises.size(); ++i) {
    if (m_crises[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

void CrisisListModel::updateFromLog(int64_t id, const std::string& grip, int64_t entries) {
  const int row = rowOf(id);
  if (row < 0) return;
  crisis::Crisis& c = m_crises[static_cast<size_t>(row)];
  const bool changed = (!grip.empty() && grip != c.grip) || entries > c.entries;
  if (!changed) return;
  if (!grip.empty()) c.grip = grip;
  c.entries = std::max(c.entries, entries);
  Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int CrisisListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_crises.size());
}

int CrisisListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant CrisisListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const crisis::Crisis& c = m_crises[static_cast<size_t>(index.row())];
  if (role == Qt::UserRole) return QVariant::fromValue<qlonglong>(c.id);
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return QVariant();
  switch (index.column()) {
    case IdColumn:
      return QString::number(c.id);
    case TitleColumn:
      return c.open ? Formats::qs(c.title) : tr("%1 (closed)").arg(Formats::qs(c.title));
    case GripColumn:
      return CrisisWords::grip(c.grip);
    case MunicipalitiesColumn:
      return joined(c.municipalities);
    case EntriesColumn:
      return QString::number(c.entries);
  }
  return QVariant();
}

QVariant CrisisListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case IdColumn:
      return tr("No.");
    case TitleColumn:
      return tr("Crisis");
    case GripColumn:
      return tr("GRIP");
    case MunicipalitiesColumn:
      return tr("Municipalities");
    case EntriesColumn:
      return tr("Entries");
  }
  return QVariant();
}

// ---- EntryModel

EntryModel::EntryModel(QObject* parent) : QAbstractTableModel(parent) {}

void EntryModel::clear() {
  beginResetModel();
  m_entries.clear();
  m_corrections.clear();
  endResetModel();
}

void EntryModel::addEntries(const std::vector<crisis::Entry>& entries) {
  bool changed = false;
  std::vector<crisis::Entry> all = m_entries;
  for (const crisis::Entry& e : entries) {
    auto it = std::lower_bound(all.begin(), all.end(), e.seq,
                               [](const crisis::Entry& a, int64_t seq) { return a.seq < seq; });
    if (it != all.end() && it->seq == e.seq) continue;
    all.insert(it, e);
    changed = true;
  }
  if (!changed) return;
  const bool appendOnly =
      m_entries.empty() ||
      (all.size() > m_entries.size() && all[m_entries.size() - 1].seq == m_entries.back().seq);
  if (appendOnly) {
    beginInsertRows(QModelIndex(), static_cast<int>(m_entries.size()),
                    static_cast<int>(all.size()) - 1);
    m_entries = std::move(all);
    m_corrections = crisis::Corrections(m_entries);
    endInsertRows();
    // A new correction strikes through an earlier row.
    if (!m_entries.empty()) {
      Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    return;
  }
  beginResetModel();
  m_entries = std::move(all);
  m_corrections = crisis::Corrections(m_entries);
  endResetModel();
}

int64_t EntryModel::contiguousSeq() const {
  int64_t seq = 0;
  for (const crisis::Entry& e : m_entries) {
    if (e.seq != seq + 1) break;
    seq = e.seq;
  }
  return seq;
}

std::vector<int64_t> EntryModel::correctedBy(int64_t seq) const {
  auto it = m_corrections.find(seq);
  return it == m_corrections.end() ? std::vector<int64_t>() : it->second;
}

std::string EntryModel::grip() const { return crisis::GripInForce(m_entries); }

QString EntryModel::body(const crisis::Entry& e) {
  using K = crisis::EntryKind;
  const QString text = Formats::qs(e.text);
  switch (e.kind) {
    case K::kOpened:
      return tr("opened \"%1\" (%2) at %3 for %4%5")
          .arg(Formats::qs(e.title), Formats::qs(e.type), CrisisWords::grip(e.grip),
               joined(e.municipalities), text.isEmpty() ? QString() : QStringLiteral(": ") + text);
    case K::kGripChange:
      return tr("now %1%2")
          .arg(CrisisWords::grip(e.grip), text.isEmpty() ? QString() : QStringLiteral(": ") + text);
    case K::kAction: {
      QString t = tr("%1 [owner %2]").arg(text, Formats::qs(e.action_owner));
      if (e.action_deadline) {
        t = tr("%1 [owner %2, deadline %3]")
                .arg(text, Formats::qs(e.action_owner), Formats::shortDateTime(*e.action_deadline));
      }
      return t;
    }
    case K::kActionUpdate: {
      QStringList parts;
      if (!e.action_status.empty()) {
        absl::StatusOr<crisis::ActionStatus> st =
            crisis::ParseActionStatus(e.action_status, "status");
        parts << tr("is now %1")
                     .arg(st.ok() ? CrisisWords::actionStatus(*st) : Formats::qs(e.action_status));
      }
      if (!e.action_owner.empty()) parts << tr("owner %1").arg(Formats::qs(e.action_owner));
      if (e.action_deadline) {
        parts << tr("deadline %1").arg(Formats::shortDateTime(*e.action_deadline));
      }
      return tr("action #%1 %2%3")
          .arg(e.action_ref)
          .arg(parts.join(QStringLiteral(", ")),
               text.isEmpty() ? QString() : QStringLiteral(": ") + text);
    }
    case K::kCorrection:
      return tr("corrects #%1: %2").arg(e.corrects).arg(text);
    default:
      return text;
  }
}

QString EntryModel::text(const crisis::Entry& e, int column) const {
  switch (column) {
    case SeqColumn:
      return QStringLiteral("#%1").arg(e.seq);
    case TimeColumn:
      return Formats::shortDateTime(e.event_time);
    case KindColumn:
      return CrisisWords::kind(e.kind);
    case AuthorColumn:
      return Formats::qs(e.author_name.empty() ? e.author : e.author_name);
    case TextColumn: {
      QString t = body(e);
      const std::vector<int64_t> by = correctedBy(e.seq);
      if (!by.empty()) t = tr("%1 [corrected by %2]").arg(t, seqList(by));
      if (!e.refs.empty()) t = tr("%1 (re %2)").arg(t, seqList(e.refs));
      return t;
    }
  }
  return QString();
}

int EntryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int EntryModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntryModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const crisis::Entry& e = m_entries[static_cast<size_t>(index.row())];
  const bool corrected = m_corrections.count(e.seq) > 0;
  switch (role) {
    case Qt::DisplayRole:
      return text(e, index.column());
    case Qt::ToolTipRole: {
      QString tip = tr("#%1 %2 by %3, happened %4, logged %5")
                        .arg(e.seq)
                        .arg(CrisisWords::kind(e.kind),
                             Formats::qs(e.author_name.empty() ? e.author : e.author_name),
                             Formats::dateTime(e.event_time), Formats::dateTime(e.entered));
      if (corrected) tip += QLatin1Char('\n') + tr("Corrected: this text no longer stands.");
      return tip;
    }
    case Qt::FontRole:
      if (corrected && index.column() == TextColumn) {
        QFont f;
        f.setStrikeOut(true);
        return f;
      }
      if (e.kind == crisis::EntryKind::kDecision || e.kind == crisis::EntryKind::kGripChange) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return QVariant();
    case Qt::ForegroundRole:
      return corrected ? QBrush(Qt::darkGray) : QVariant();
    case SeqRole:
      return QVariant::fromValue<qlonglong>(e.seq);
    case KindRole:
      return static_cast<int>(e.kind);
    case CorrectedRole:
      return corrected;
  }
  return QVariant();
}

QVariant EntryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case SeqColumn:
      return tr("No.");
    case TimeColumn:
      return tr("Happened");
    case KindColumn:
      return tr("Kind");
    case AuthorColumn:
      return tr("By");
    case TextColumn:
      return tr("Entry");
  }
  return QVariant();
}

// ---- EntryFilterModel

EntryFilterModel::EntryFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {}

void EntryFilterModel::setKind(std::optional<crisis::EntryKind> kind) {
  m_kind = kind;
  invalidateFilter();
}

void EntryFilterModel::setFound(std::optional<std::set<int64_t>> seqs) {
  m_found = std::move(seqs);
  invalidateFilter();
}

bool EntryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
  if (m_kind && sourceModel()->data(i, EntryModel::KindRole).toInt() != static_cast<int>(*m_kind)) {
    return false;
  }
  if (m_found && m_found->count(sourceModel()->data(i, EntryModel::SeqRole).toLongLong()) == 0) {
    return false;
  }
  return true;
}

// ---- ActionModel

ActionModel::ActionModel(QObject* parent) : QAbstractTableModel(parent) {}

void ActionModel::setActions(std::vector<client::ActionView> actions, const std::string& myPerson) {
  beginResetModel();
  m_actions = std::move(actions);
  m_me = myPerson;
  endResetModel();
}

bool ActionModel::isMine(int row) const {
  return !m_me.empty() && m_actions.at(static_cast<size_t>(row)).action.owner == m_me;
}

int ActionModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_actions.size());
}

int ActionModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString ActionModel::text(int row, int column) const {
  const client::ActionView& a = m_actions[static_cast<size_t>(row)];
  switch (column) {
    case SeqColumn:
      return QStringLiteral("#%1").arg(a.action.seq);
    case TextColumn:
      // What the action says now: a correction of it gave it its words.
      return a.action.text_corrected_by == 0
                 ? Formats::qs(a.action.text)
                 : tr("%1 [corrected by #%2]")
                       .arg(Formats::qs(a.action.text))
                       .arg(a.action.text_corrected_by);
    case OwnerColumn: {
      const QString name = Formats::qs(a.owner_name.empty() ? a.action.owner : a.owner_name);
      return isMine(row) ? tr("%1 (you)").arg(name) : name;
    }
    case DeadlineColumn:
      return a.action.deadline ? Formats::shortDateTime(*a.action.deadline) : QStringLiteral("-");
    case StatusColumn: {
      const QString s = CrisisWords::actionStatus(a.action.status);
      return a.overdue ? tr("OVERDUE – %1").arg(s) : s;
    }
  }
  return QString();
}

QVariant ActionModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const client::ActionView& a = m_actions[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
      return text(index.row(), index.column());
    case Qt::BackgroundRole:
      return isMine(index.row()) ? QBrush(Marks::mineColour()) : QVariant();
    case Qt::ForegroundRole:
      if (a.overdue) return QBrush(overdueColour());
      return isMine(index.row()) ? QBrush(Qt::black) : QVariant();
    case Qt::FontRole:
      if (a.overdue || isMine(index.row())) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return QVariant();
  }
  return QVariant();
}

QVariant ActionModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case SeqColumn:
      return tr("No.");
    case TextColumn:
      return tr("Action");
    case OwnerColumn:
      return tr("Owner");
    case DeadlineColumn:
      return tr("Deadline");
    case StatusColumn:
      return tr("Status");
  }
  return QVariant();
}

// ---- OutboxModel

OutboxModel::OutboxModel(QObject* parent) : QAbstractTableModel(parent) {}

void OutboxModel::setItems(std::vector<client::QueuedEntry> items) {
  beginResetModel();
  m_items = std::move(items);
  endResetModel();
}

int OutboxModel::pending() const {
  return static_cast<int>(std::count_if(m_items.begin(), m_items.end(), [](const auto& q) {
    return q.item.state == client::cache::OutboxState::kQueued;
  }));
}

int OutboxModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int OutboxModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const client::QueuedEntry& q = m_items[static_cast<size_t>(index.row())];
  const client::cache::OutboxItem& i = q.item;
  if (role == Qt::ForegroundRole) {
    return i.state == client::cache::OutboxState::kFailed ? QBrush(overdueColour()) : QVariant();
  }
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return QVariant();
  switch (index.column()) {
    case IdColumn:
      return QString::number(i.id);
    case CrisisColumn:
      return QString::number(i.crisis_id);
    case EntryColumn:
      return tr("%1: %2").arg(CrisisWords::kind(q.request.kind), Formats::qs(i.summary));
    case StatusColumn:
      return CrisisWords::outboxState(i.state);
    case MessageColumn:
      switch (i.state) {
        case client::cache::OutboxState::kSent:
          return tr("entry #%1").arg(i.seq);
        case client::cache::OutboxState::kFailed:
          return Formats::qs(i.last_error);
        case client::cache::OutboxState::kQueued:
          return i.attempts == 0
                     ? tr("waiting for the server (queued %1)")
                           .arg(Formats::shortDateTime(i.queued))
                     : tr("attempt %1: %2").arg(i.attempts).arg(Formats::qs(i.last_error));
      }
      return QVariant();
  }
  return QVariant();
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case IdColumn:
      return tr("No.");
    case CrisisColumn:
      return tr("Crisis");
    case EntryColumn:
      return tr("Entry");
    case StatusColumn:
      return tr("Status");
    case MessageColumn:
      return tr("Message");
  }
  return QVariant();
}

}  // namespace desk
}  // namespace paraat
