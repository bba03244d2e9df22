// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/roster_model.h"

#include <QBrush>
#include <QFont>

#include <algorithm>

#include "client/desk/formats.h"
#include "client/desk/marks.h"

namespace paraat {
namespace desk {

namespace {

roster::Interval Clip(const roster::Interval& i, const roster::Interval& window) {
  return {std::max(i.start, window.start), std::min(i.end, window.end)};
}

}  // namespace

RosterModel::RosterModel(QObject* parent) : QAbstractTableModel(parent) {}

void RosterModel::setPeriod(absl::CivilDay first, int count, absl::Time now) {
  beginResetModel();
  m_first = first;
  m_today = Formats::civilDay(now);
  m_days.clear();
  for (int i = 0; i < count; ++i) {
    Day d;
    d.day = first + i;
    d.window = {Formats::startOfDay(d.day), Formats::startOfDay(d.day + 1)};
    m_days.push_back(std::move(d));
  }
  endResetModel();
}

roster::Interval RosterModel::window() const {
  if (m_days.empty()) return {};
  return {m_days.front().window.start, m_days.back().window.end};
}

void RosterModel::setSchedule(const client::ScheduleView& schedule,
                              const std::vector<client::LeaveView>& leave,
                              const std::string& myPerson) {
  beginResetModel();
  for (Day& d : m_days) {
    d.duties.clear();
    d.gaps.clear();
    d.leave.clear();
    d.clashes.clear();
    d.marks = 0;
    for (const client::Duty& duty : schedule.slices) {
      if (!duty.slice.interval.Overlaps(d.window)) continue;
      d.duties.push_back(duty);
      if (duty.slice.source == roster::Source::kOverride) d.marks |= OverrideMark;
      if (duty.slice.source == roster::Source::kSwap) d.marks |= SwapMark;
      if (duty.slice.shift_id != 0 && !duty.slice.published) d.marks |= DraftMark;
      if (!myPerson.empty() && duty.slice.person == myPerson) d.marks |= MineMark;
    }
    for (const roster::Gap& g : schedule.gaps) {
      if (!g.interval.Overlaps(d.window)) continue;
      d.gaps.push_back({g.pool, Clip(g.interval, d.window)});
      d.marks |= GapMark;
    }
    for (const client::LeaveView& l : leave) {
      if (!l.leave.interval.Overlaps(d.window)) continue;
      d.leave.push_back(l);
      d.marks |= LeaveMark;
    }
    for (const client::ClashView& c : schedule.clashes) {
      if (!c.clash.interval.Overlaps(d.window)) continue;
      d.clashes.push_back(c);
      d.marks |= ClashMark;
    }
  }
  endResetModel();
}

QString RosterModel::nameOf(const std::string& key) const {
  auto it = m_names.find(key);
  return Formats::qs(it != m_names.end() ? it->second : key);
}

QString RosterModel::onDutyText(const Day& d) const {
  // Duties and gaps in the order of time, each with the hours it starts or ends that day.
  struct Part {
    roster::Interval interval;
    QString who;
  };
  std::vector<Part> parts;
  for (const client::Duty& duty : d.duties) {
    parts.push_back(
        {Clip(duty.slice.interval, d.window), Marks::personWithSource(duty.person, duty.slice)});
  }
  for (const roster::Gap& g : d.gaps) parts.push_back({g.interval, tr("NOBODY (gap)")});
  std::sort(parts.begin(), parts.end(),
            [](const Part& a, const Part& b) { return a.interval.start < b.interval.start; });
  QStringList out;
  for (const Part& p : parts) {
    const bool fromStart = p.interval.start <= d.window.start;
    const bool toEnd = p.interval.end >= d.window.end;
    if (fromStart && toEnd) {
      out << p.who;
    } else if (fromStart) {
      out << tr("%1 until %2").arg(p.who, Formats::time(p.interval.end));
    } else if (toEnd) {
      out << tr("%1 from %2").arg(p.who, Formats::time(p.interval.start));
    } else {
      out << tr("%1 %2–%3")
                 .arg(p.who, Formats::time(p.interval.start), Formats::time(p.interval.end));
    }
  }
  if (out.isEmpty()) return tr("no schedule");
  return out.join(QStringLiteral(" · "));
}

QStringList RosterModel::notes(const Day& d) const {
  QStringList n;
  for (const roster::Gap& g : d.gaps) {
    n << tr("gap: nobody on duty %1–%2")
             .arg(Formats::time(g.interval.start), g.interval.end >= d.window.end
                                                       ? QStringLiteral("24:00")
                                                       : Formats::time(g.interval.end));
  }
  for (const client::Duty& duty : d.duties) {
    if (duty.slice.source == roster::Source::kOverride) {
      n << tr("override %1: %2").arg(duty.slice.source_id).arg(Marks::personName(duty.person));
    } else if (duty.slice.source == roster::Source::kSwap) {
      n << tr("swap %1: %2 instead of %3")
               .arg(duty.slice.source_id)
               .arg(Marks::personName(duty.person), nameOf(duty.slice.rostered));
    }
  }
  if (d.marks & LeaveMark) {
    QStringList who;
    for (const client::LeaveView& l : d.leave) {
      const QString name = Marks::personName(l.person);
      if (!who.contains(name)) who << name;
    }
    n << tr("leave: %1").arg(who.join(QStringLiteral(", ")));
  }
  for (const client::ClashView& c : d.clashes) n << Marks::clash(c);
  if (d.marks & DraftMark) n << tr("draft (not published)");
  return n;
}

int RosterModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

int RosterModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant RosterModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const Day& d = day(index.row());
  switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
      switch (index.column()) {
        case DayColumn: {
          QString text = Formats::day(Formats::toDate(d.day));
          if (d.day == m_today) text = tr("%1 (today)").arg(text);
          return text;
        }
        case OnDutyColumn:
          return onDutyText(d);
        case NoteColumn:
          return notes(d).join(QStringLiteral("; "));
      }
      return QVariant();
    case Qt::BackgroundRole:
      if (d.marks & GapMark) return QBrush(Marks::gapColour());
      if (d.marks & ClashMark) return QBrush(Marks::clashColour());
      if (d.marks & OverrideMark) return QBrush(Marks::overrideColour());
      if (d.marks & SwapMark) return QBrush(Marks::swapColour());
      if (d.marks & LeaveMark) return QBrush(Marks::leaveColour());
      if (d.marks & MineMark) return QBrush(Marks::mineColour());
      return QVariant();
    case Qt::ForegroundRole:
      return (d.marks & ~DraftMark) != 0 ? QBrush(Qt::black) : QVariant();
    case Qt::FontRole:
      if (d.day == m_today || (index.column() == OnDutyColumn && (d.marks & GapMark))) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return QVariant();
    case MarksRole:
      return d.marks;
  }
  return QVariant();
}

QVariant RosterModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case DayColumn:
      return tr("Day");
    case OnDutyColumn:
      return tr("On duty");
    case NoteColumn:
      return tr("Special");
  }
  return QVariant();
}

}  // namespace desk
}  // namespace paraat
