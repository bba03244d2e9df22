// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/on_call_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include "client/desk/formats.h"
#include "client/desk/marks.h"

namespace paraat {
namespace desk {

OnCallModel::OnCallModel(QObject* parent) : QAbstractTableModel(parent) {}

void OnCallModel::setOnCall(client::OnCall onCall) {
  beginResetModel();
  m_onCall = std::move(onCall);
  endResetModel();
}

int OnCallModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_onCall.pools.size());
}

int OnCallModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString OnCallModel::text(const client::PoolOnCall& p, int column) const {
  switch (column) {
    case PoolColumn:
      return Formats::qs(p.pool_name.empty() ? p.pool : p.pool_name);
    case OnDutyColumn:
      if (!p.current) return tr("NOBODY ON DUTY (gap)");
      if (p.current_on_leave) {
        return tr("%1 – ON LEAVE until %2")
            .arg(Marks::personWithSource(p.current->person, p.current->slice),
                 Formats::shortDateTime(p.current_on_leave->end));
      }
      if (!p.current_ineligible.empty()) {
        return tr("%1 – MAY NOT SERVE (%2)")
            .arg(Marks::personWithSource(p.current->person, p.current->slice),
                 Marks::ineligible(p.current_ineligible));
      }
      return Marks::personWithSource(p.current->person, p.current->slice);
    case PhoneColumn:
      return p.current ? Formats::qs(p.current->person.phone) : QString();
    case UntilColumn:
      if (p.current) return Formats::shortDateTime(p.handover.value_or(p.current->slice.interval.end));
      return p.gap_until ? tr("gap until %1").arg(Formats::shortDateTime(*p.gap_until))
                         : tr("no roster");
    case NextColumn:
      if (!p.next) return QString();
      return tr("%1 from %2")
          .arg(Marks::personName(p.next->person),
               Formats::shortDateTime(p.next->slice.interval.start));
  }
  return QString();
}

QVariant OnCallModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const client::PoolOnCall& p = pool(index.row());
  const bool gap = !p.current.has_value();
  // Nobody to call either way: the person on duty is on leave.
  const bool alarm = gap || p.current_on_leave.has_value() || !p.current_ineligible.empty();
  switch (role) {
    case Qt::DisplayRole:
      return text(p, index.column());
    case Qt::ToolTipRole:
      if (index.column() == PoolColumn) {
        return tr("%1: arrival norm %n minutes", nullptr, p.arrival_norm_minutes)
            .arg(Formats::qs(p.pool_name));
      }
      if (index.column() == OnDutyColumn && p.current) {
        return Marks::duty(*p.current);
      }
      return text(p, index.column());
    case Qt::BackgroundRole:
      return alarm ? QBrush(Marks::gapColour()) : QVariant();
    case Qt::ForegroundRole:
      return alarm ? QBrush(QColor(Qt::black)) : QVariant();
    case Qt::FontRole:
      if (index.column() == OnDutyColumn) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return QVariant();
    case GapRole:
      return gap;
  }
  return QVariant();
}

QVariant OnCallModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case PoolColumn:
      return tr("Pool");
    case OnDutyColumn:
      return tr("On duty");
    case PhoneColumn:
      return tr("Phone");
    case UntilColumn:
      return tr("Until");
    case NextColumn:
      return tr("Next");
  }
  return QVariant();
}

}  // namespace desk
}  // namespace paraat
