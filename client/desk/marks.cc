// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/marks.h"

#include "client/desk/formats.h"

namespace paraat {
namespace desk {

QString Marks::personName(const roster::PersonRef& p) {
  return Formats::qs(p.name.empty() ? p.key : p.name);
}

QString Marks::ineligible(const std::string& reason) {
  if (reason == "deactivated") return tr("is deactivated");
  if (reason == "unqualified") return tr("lacks the pool's qualification");
  return tr("is no longer a member of the pool");
}

QString Marks::personWithSource(const roster::PersonRef& p, const roster::DutySlice& s) {
  switch (s.source) {
    case roster::Source::kSwap:
      return tr("%1 (swap)").arg(personName(p));
    case roster::Source::kOverride:
      return tr("%1 (override)").arg(personName(p));
    case roster::Source::kRoster:
      break;
  }
  return personName(p);
}

QStringList Marks::of(const roster::DutySlice& s) {
  QStringList m;
  if (s.source == roster::Source::kSwap) m << tr("swap %1").arg(s.source_id);
  if (s.source == roster::Source::kOverride) m << tr("override %1").arg(s.source_id);
  if (s.source != roster::Source::kRoster && !s.rostered.empty()) {
    m << tr("rostered: %1").arg(Formats::qs(s.rostered));
  }
  if (s.shift_id != 0 && !s.published) m << tr("draft");
  return m;
}

QString Marks::duty(const client::Duty& d) {
  QString text = tr("%1, %2, %3")
                     .arg(personName(d.person), Formats::qs(d.person.phone),
                          Formats::interval(d.slice.interval));
  const QStringList m = of(d.slice);
  if (!m.isEmpty()) text += QStringLiteral(" [%1]").arg(m.join(QStringLiteral(", ")));
  return text;
}

QString Marks::clash(const client::ClashView& c) {
  const QString who = personName(c.person);
  switch (c.clash.kind) {
    case roster::ClashKind::kOnLeave:
      return tr("clash: %1 is on leave while on duty").arg(who);
    case roster::ClashKind::kBothPools:
      return tr("clash: %1 is on duty in two pools").arg(who);
    case roster::ClashKind::kTooLittleRest:
      return tr("clash: %1 is on duty again before their rest is over (rest until %2)")
          .arg(who, Formats::shortDateTime(c.clash.rest.end));
    case roster::ClashKind::kNotEligible:
      return tr("clash: %1 %2").arg(who, ineligible(c.clash.reason));
  }
  return QString();
}

}  // namespace desk
}  // namespace paraat
