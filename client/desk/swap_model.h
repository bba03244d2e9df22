// SPDX-License-Identifier: EUPL-1.2
// Swaps that matter to the signed-in person: one row per swap with who gives, who takes,
// the period and the status. Swaps waiting for the signed-in person are highlighted.
#ifndef PARAAT_CLIENT_DESK_SWAP_MODEL_H_
#define PARAAT_CLIENT_DESK_SWAP_MODEL_H_

#include <QAbstractTableModel>

#include <map>
#include <string>
#include <vector>

#include "client/api/client.h"

namespace paraat {
namespace desk {

class SwapModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    IdColumn,
    PoolColumn,
    GiverColumn,
    TakerColumn,
    PeriodColumn,
    StatusColumn,
    ColumnCount
  };

  explicit SwapModel(QObject* parent = nullptr);

  // `myPerson` decides which swaps wait for "me" (I am asked to take them).
  void setSwaps(std::vector<client::SwapView> swaps, const std::string& myPerson);
  void setPoolNames(std::map<std::string, std::string> names) { m_poolNames = std::move(names); }
  const client::SwapView& swap(int row) const { return m_swaps.at(static_cast<size_t>(row)); }
  const std::vector<client::SwapView>& swaps() const { return m_swaps; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString text(const client::SwapView& s, int column) const;
  bool waitsForMe(const client::SwapView& s) const;

  std::vector<client::SwapView> m_swaps;
  std::map<std::string, std::string> m_poolNames;
  std::string m_me;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_SWAP_MODEL_H_
