// SPDX-License-Identifier: EUPL-1.2
// Who is on duty now in each pool: one row per pool, with phone, until when and who is next.
// A pool without anyone on duty (a gap) is marked in text and colour.
#ifndef PARAAT_CLIENT_DESK_ON_CALL_MODEL_H_
#define PARAAT_CLIENT_DESK_ON_CALL_MODEL_H_

#include <QAbstractTableModel>

#include "client/api/client.h"

namespace paraat {
namespace desk {

class OnCallModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { PoolColumn, OnDutyColumn, PhoneColumn, UntilColumn, NextColumn, ColumnCount };
  // Qt::UserRole: true when the pool has a gap now.
  static constexpr int GapRole = Qt::UserRole;

  explicit OnCallModel(QObject* parent = nullptr);

  void setOnCall(client::OnCall onCall);
  const client::OnCall& onCall() const { return m_onCall; }
  const client::PoolOnCall& pool(int row) const {
    return m_onCall.pools.at(static_cast<size_t>(row));
  }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString text(const client::PoolOnCall& p, int column) const;

  client::OnCall m_onCall;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_ON_CALL_MODEL_H_
