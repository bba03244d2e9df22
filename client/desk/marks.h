// SPDX-License-Identifier: EUPL-1.2
// How duties are marked in every table: swaps, overrides, drafts, leave and gaps each get a
// word and a colour (never colour alone), the same everywhere.
#ifndef PARAAT_CLIENT_DESK_MARKS_H_
#define PARAAT_CLIENT_DESK_MARKS_H_

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "client/api/client.h"

namespace paraat {
namespace desk {

class Marks {
  Q_DECLARE_TR_FUNCTIONS(Marks)

 public:
  static QString personName(const roster::PersonRef& p);
  // "Carla Peters" or "Carla Peters (swap)" / "(override)".
  static QString personWithSource(const roster::PersonRef& p, const roster::DutySlice& s);
  // The marks of one stretch of duty: "swap 3 (rostered: a.jansen)", "override 2", "draft".
  static QStringList of(const roster::DutySlice& s);
  // A one-line description for tooltips.
  static QString duty(const client::Duty& d);
  // "clash: <who> is on leave while on duty" and the other kinds.
  static QString clash(const client::ClashView& c);
  // Why someone may no longer serve in a pool ("deactivated", "unqualified", "not_member"):
  // "is no longer a member of the pool".
  static QString ineligible(const std::string& reason);

  // Light backgrounds that keep black text readable.
  static QColor gapColour() { return QColor(0xf4, 0xb6, 0xb6); }
  static QColor overrideColour() { return QColor(0xff, 0xd8, 0xa8); }
  static QColor swapColour() { return QColor(0xc9, 0xe0, 0xff); }
  static QColor leaveColour() { return QColor(0xff, 0xf0, 0xa8); }
  static QColor clashColour() { return QColor(0xe8, 0xc8, 0xf0); }
  static QColor mineColour() { return QColor(0xd4, 0xf0, 0xd4); }
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_MARKS_H_
