// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/duty_model.h"

#include <QBrush>
#include <QFont>

#include <cmath>

#include "client/desk/formats.h"
#include "client/desk/marks.h"

namespace paraat {
namespace desk {

DutyModel::DutyModel(QObject* parent) : QAbstractTableModel(parent) {}

void DutyModel::setDuties(std::vector<client::Duty> duties, absl::Time now,
                          std::vector<client::ClashView> clashes) {
  beginResetModel();
  m_duties = std::move(duties);
  m_clashes = std::move(clashes);
  m_now = now;
  endResetModel();
}

QStringList DutyModel::clashesOf(const client::Duty& d) const {
  QStringList out;
  for (const client::ClashView& c : m_clashes) {
    if (c.clash.person != d.slice.person || !c.clash.interval.Overlaps(d.slice.interval)) continue;
    if (c.clash.pool != d.slice.pool && c.clash.other_pool != d.slice.pool) continue;
    out << Marks::clash(c);
  }
  return out;
}

void DutyModel::setPoolNames(std::map<std::string, std::string> names) {
  m_poolNames = std::move(names);
  if (!m_duties.empty()) {
    Q_EMIT dataChanged(index(0, PoolColumn), index(rowCount() - 1, PoolColumn));
  }
}

int DutyModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_duties.size());
}

int DutyModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString DutyModel::text(const client::Duty& d, int column) const {
  switch (column) {
    case PoolColumn: {
      auto it = m_poolNames.find(d.slice.pool);
      return Formats::qs(it != m_poolNames.end() ? it->second : d.slice.pool);
    }
    case FromColumn:
      return Formats::shortDateTime(d.slice.interval.start);
    case UntilColumn:
      return Formats::shortDateTime(d.slice.interval.end);
    case HoursColumn:
      return QString::number(
          std::lround(absl::ToDoubleHours(d.slice.interval.end - d.slice.interval.start)));
    case NoteColumn: {
      QStringList m = Marks::of(d.slice);
      if (isNow(d)) m.prepend(tr("now on duty"));
      m << clashesOf(d);
      return m.join(QStringLiteral(", "));
    }
  }
  return QString();
}

QVariant DutyModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const client::Duty& d = duty(index.row());
  switch (role) {
    case Qt::DisplayRole:
      return text(d, index.column());
    case Qt::ToolTipRole:
      return Marks::duty(d);
    case Qt::BackgroundRole:
      if (!clashesOf(d).isEmpty()) return QBrush(Marks::clashColour());
      if (d.slice.source == roster::Source::kOverride) return QBrush(Marks::overrideColour());
      if (d.slice.source == roster::Source::kSwap) return QBrush(Marks::swapColour());
      if (isNow(d)) return QBrush(Marks::mineColour());
      return QVariant();
    case Qt::ForegroundRole:
      return d.slice.source != roster::Source::kRoster || isNow(d) || !clashesOf(d).isEmpty()
                 ? QBrush(Qt::black)
                 : QVariant();
    case Qt::FontRole:
      if (isNow(d)) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return QVariant();
    case Qt::TextAlignmentRole:
      return index.column() == HoursColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                           : QVariant();
  }
  return QVariant();
}

QVariant DutyModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case PoolColumn:
      return tr("Pool");
    case FromColumn:
      return tr("From");
    case UntilColumn:
      return tr("Until");
    case HoursColumn:
      return tr("Hours");
    case NoteColumn:
      return tr("Note");
  }
  return QVariant();
}

}  // namespace desk
}  // namespace paraat
