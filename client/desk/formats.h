// SPDX-License-Identifier: EUPL-1.2
// How paraat-desk shows times, days and people: Dutch formats (QLocale nl_NL) in the pools'
// zone, Europe/Amsterdam, whatever the computer's own zone and language are.
#ifndef PARAAT_CLIENT_DESK_FORMATS_H_
#define PARAAT_CLIENT_DESK_FORMATS_H_

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/directory/directory.h"
#include "common/roster/final_schedule.h"
#include "common/roster/roster.h"

namespace paraat {
namespace desk {

class Formats {
  Q_DECLARE_TR_FUNCTIONS(Formats)

 public:
  // The locale of dates and numbers: nl_NL ("ma 7 dec. 2026 09:00") unless setLanguage("en")
  // chose en_GB ("Mon 7 Dec 2026 09:00"), to match the language of the window.
  static QLocale locale();
  static void setLanguage(const QString& language);
  // Hours as FormatHours gives them (at most two decimals), with the locale's decimal sign.
  static QString hours(double h);
  // Europe/Amsterdam (UTC only if tzdata is missing, which the package depends on).
  static absl::TimeZone zone();

  static absl::CivilDay civilDay(absl::Time t) { return absl::ToCivilDay(t, zone()); }
  static QDate toDate(absl::CivilDay d);
  static absl::CivilDay toCivilDay(const QDate& d);
  // The first instant of a civil day in the zone.
  static absl::Time startOfDay(absl::CivilDay d);

  // "ma 7 dec. 2026 09:00"; "-" for an infinite time.
  static QString dateTime(absl::Time t);
  // "ma 7 dec. 09:00": for times near now.
  static QString shortDateTime(absl::Time t);
  static QString time(absl::Time t);                   // "09:00"
  static QString day(const QDate& d);                  // "ma 7 dec. 2026"
  static QString interval(const roster::Interval& i);  // "ma 7 dec. 09:00 – ma 14 dec. 09:00"

  // For date-time edits: the civil time of `t` in the zone, carried in a UTC QDateTime so that
  // no other zone shifts it; and back.
  static QDateTime toEditValue(absl::Time t);
  static absl::Time fromEditValue(const QDateTime& v);

  static QString roleName(directory::Role role);
  static QString sourceName(roster::Source s);
  static QString swapStatusName(roster::SwapStatus s);

  static QString qs(const std::string& s) { return QString::fromStdString(s); }
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_FORMATS_H_
