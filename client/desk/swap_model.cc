// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/swap_model.h"

#include <QBrush>
#include <QFont>
#include <QStringList>

#include "client/desk/formats.h"
#include "client/desk/marks.h"

namespace paraat {
namespace desk {

SwapModel::SwapModel(QObject* parent) : QAbstractTableModel(parent) {}

void SwapModel::setSwaps(std::vector<client::SwapView> swaps, const std::string& myPerson) {
  beginResetModel();
  m_swaps = std::move(swaps);
  m_me = myPerson;
  endResetModel();
}

bool SwapModel::waitsForMe(const client::SwapView& s) const {
  return !m_me.empty() && s.swap.status == roster::SwapStatus::kRequested && s.taker.key == m_me &&
         s.obstacle.empty();
}

int SwapModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_swaps.size());
}

int SwapModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString SwapModel::text(const client::SwapView& s, int column) const {
  switch (column) {
    case IdColumn:
      return QString::number(s.swap.id);
    case PoolColumn: {
      auto it = m_poolNames.find(s.swap.pool);
      return Formats::qs(it != m_poolNames.end() ? it->second : s.swap.pool);
    }
    case GiverColumn:
      return Marks::personName(s.giver);
    case TakerColumn:
      return Marks::personName(s.taker);
    case PeriodColumn: {
      QString t = Formats::interval(s.swap.interval);
      if (s.swap.return_shift_id != 0) {
        t = tr("%1; in return %2").arg(t, Formats::interval(s.swap.return_interval));
      }
      return t;
    }
    case StatusColumn: {
      QString t = Formats::swapStatusName(s.swap.status);
      if (!s.obstacle.empty()) return tr("%1 – cannot be carried out now").arg(t);
      if (waitsForMe(s)) t = tr("%1 – waits for your answer").arg(t);
      if (s.swap.status == roster::SwapStatus::kAccepted) {
        t = tr("%1 – waits for an administrator").arg(t);
      }
      return t;
    }
  }
  return QString();
}

QVariant SwapModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const client::SwapView& s = swap(index.row());
  switch (role) {
    case Qt::DisplayRole:
      return text(s, index.column());
    case Qt::ToolTipRole: {
      QStringList tip;
      if (!s.obstacle.empty()) {
        tip << tr("Cannot be carried out now: %1").arg(Formats::qs(s.obstacle));
      }
      if (!s.swap.reason.empty()) tip << tr("Reason: %1").arg(Formats::qs(s.swap.reason));
      return tip.isEmpty() ? text(s, index.column()) : tip.join(QLatin1Char('\n'));
    }
    case Qt::BackgroundRole:
      if (!s.obstacle.empty()) return QBrush(Marks::clashColour());
      return waitsForMe(s) ? QBrush(Marks::leaveColour()) : QVariant();
    case Qt::ForegroundRole:
      return waitsForMe(s) || !s.obstacle.empty() ? QBrush(Qt::black) : QVariant();
    case Qt::FontRole:
      if (waitsForMe(s)) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return QVariant();
  }
  return QVariant();
}

QVariant SwapModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case IdColumn:
      return tr("No.");
    case PoolColumn:
      return tr("Pool");
    case GiverColumn:
      return tr("Gives");
    case TakerColumn:
      return tr("Takes over");
    case PeriodColumn:
      return tr("Period");
    case StatusColumn:
      return tr("Status");
  }
  return QVariant();
}

}  // namespace desk
}  // namespace paraat
