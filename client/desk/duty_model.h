// SPDX-License-Identifier: EUPL-1.2
// My coming duties: one row per stretch of duty, with swaps, overrides and drafts marked and
// the duty I am on now highlighted.
#ifndef PARAAT_CLIENT_DESK_DUTY_MODEL_H_
#define PARAAT_CLIENT_DESK_DUTY_MODEL_H_

#include <QAbstractTableModel>

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "client/api/client.h"

namespace paraat {
namespace desk {

class DutyModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { PoolColumn, FromColumn, UntilColumn, HoursColumn, NoteColumn, ColumnCount };

  explicit DutyModel(QObject* parent = nullptr);

  // `now` decides which duty is "now" (highlighted); each duty's note names the clashes
  // (leave, two pools, too little rest) that overlap it.
  void setDuties(std::vector<client::Duty> duties, absl::Time now,
                 std::vector<client::ClashView> clashes = {});
  void setPoolNames(std::map<std::string, std::string> names);
  const std::vector<client::Duty>& duties() const { return m_duties; }
  const client::Duty& duty(int row) const { return m_duties.at(static_cast<size_t>(row)); }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString text(const client::Duty& d, int column) const;
  bool isNow(const client::Duty& d) const { return d.slice.interval.Contains(m_now); }
  QStringList clashesOf(const client::Duty& d) const;

  std::vector<client::Duty> m_duties;
  std::vector<client::ClashView> m_clashes;
  std::map<std::string, std::string> m_poolNames;
  absl::Time m_now;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_DUTY_MODEL_H_
