// SPDX-License-Identifier: EUPL-1.2
// The roster of one pool as a table of days (a week or a month): who is on duty each day
// (with the handover times), and what is special about it: gaps, overrides, swaps, leave of
// pool members, drafts and clashes, each as text and as colour.
#ifndef PARAAT_CLIENT_DESK_ROSTER_MODEL_H_
#define PARAAT_CLIENT_DESK_ROSTER_MODEL_H_

#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "client/api/client.h"

namespace paraat {
namespace desk {

class RosterModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { DayColumn, OnDutyColumn, NoteColumn, ColumnCount };
  enum Mark {
    GapMark = 1,
    OverrideMark = 2,
    SwapMark = 4,
    LeaveMark = 8,
    DraftMark = 16,
    ClashMark = 32,
    MineMark = 64,  // the signed-in person is on duty that day
  };
  // Qt::UserRole: the Mark bits of a day.
  static constexpr int MarksRole = Qt::UserRole;

  struct Day {
    absl::CivilDay day;
    roster::Interval window;           // the day in the pool's zone (23 or 25 hours on DST days)
    std::vector<client::Duty> duties;  // stretches overlapping the day, in order
    std::vector<roster::Gap> gaps;     // clipped to the day
    std::vector<client::LeaveView> leave;  // of the pool's members
    std::vector<client::ClashView> clashes;
    int marks = 0;
  };

  explicit RosterModel(QObject* parent = nullptr);

  // The days shown: `count` days from `first`. Clears the schedule.
  void setPeriod(absl::CivilDay first, int count, absl::Time now);
  // The final schedule of the period, the leave of the pool's members in it, and who "I" am.
  void setSchedule(const client::ScheduleView& schedule,
                   const std::vector<client::LeaveView>& leave, const std::string& myPerson);
  // Names for person keys that the schedule names only by key (the rostered person of a swap).
  void setPersonNames(std::map<std::string, std::string> names) { m_names = std::move(names); }

  absl::CivilDay first() const { return m_first; }
  int count() const { return static_cast<int>(m_days.size()); }
  // The instants the period covers, for the schedule request.
  roster::Interval window() const;
  const Day& day(int row) const { return m_days.at(static_cast<size_t>(row)); }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString onDutyText(const Day& d) const;
  QStringList notes(const Day& d) const;
  QString nameOf(const std::string& key) const;

  absl::CivilDay m_first;
  absl::CivilDay m_today;
  std::vector<Day> m_days;
  std::map<std::string, std::string> m_names;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_ROSTER_MODEL_H_
