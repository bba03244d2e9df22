// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/formats.h"

#include <QTime>

#include "common/capacity/model.h"
#include "common/time/civil.h"

namespace paraat {
namespace desk {

namespace {

QLocale& CurrentLocale() {
  static QLocale locale(QLocale::Dutch, QLocale::Netherlands);
  return locale;
}

}  // namespace

QLocale Formats::locale() { return CurrentLocale(); }

void Formats::setLanguage(const QString& language) {
  CurrentLocale() = language == QLatin1String("en") ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                                                    : QLocale(QLocale::Dutch, QLocale::Netherlands);
}

QString Formats::hours(double h) {
  QString s = qs(capacity::FormatHours(h));
  return s.replace(QLatin1Char('.'), locale().decimalPoint());
}

absl::TimeZone Formats::zone() {
  static const absl::TimeZone kZone = [] {
    absl::StatusOr<absl::TimeZone> z = time::LoadZone(time::kDefaultZone);
    return z.ok() ? *z : absl::UTCTimeZone();
  }();
  return kZone;
}

QDate Formats::toDate(absl::CivilDay d) {
  return QDate(static_cast<int>(d.year()), d.month(), d.day());
}

absl::CivilDay Formats::toCivilDay(const QDate& d) {
  return absl::CivilDay(d.year(), d.month(), d.day());
}

absl::Time Formats::startOfDay(absl::CivilDay d) { return time::ResolveLocalLenient(d, zone()); }

namespace {

// The civil time of `t` in the zone as a QDateTime without a zone of its own.
QDateTime Civil(absl::Time t) {
  const absl::CivilSecond c = absl::ToCivilSecond(t, Formats::zone());
  return QDateTime(QDate(static_cast<int>(c.year()), c.month(), c.day()),
                   QTime(c.hour(), c.minute(), c.second()), Qt::UTC);
}

bool Infinite(absl::Time t) { return t == absl::InfinitePast() || t == absl::InfiniteFuture(); }

}  // namespace

QString Formats::dateTime(absl::Time t) {
  if (Infinite(t)) return QStringLiteral("-");
  return locale().toString(Civil(t), QStringLiteral("ddd d MMM yyyy HH:mm"));
}

QString Formats::shortDateTime(absl::Time t) {
  if (Infinite(t)) return QStringLiteral("-");
  return locale().toString(Civil(t), QStringLiteral("ddd d MMM HH:mm"));
}

QString Formats::time(absl::Time t) {
  if (Infinite(t)) return QStringLiteral("-");
  return locale().toString(Civil(t), QStringLiteral("HH:mm"));
}

QString Formats::day(const QDate& d) {
  return locale().toString(d, QStringLiteral("ddd d MMM yyyy"));
}

QString Formats::interval(const roster::Interval& i) {
  return tr("%1 – %2").arg(shortDateTime(i.start), shortDateTime(i.end));
}

QDateTime Formats::toEditValue(absl::Time t) { return Civil(t); }

absl::Time Formats::fromEditValue(const QDateTime& v) {
  const QDate d = v.date();
  const QTime t = v.time();
  return time::ResolveLocalLenient(
      absl::CivilSecond(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second()), zone());
}

QString Formats::roleName(directory::Role role) {
  switch (role) {
    case directory::Role::kOfficer:
      return tr("officer");
    case directory::Role::kCoordinator:
      return tr("coordinator");
    case directory::Role::kAdministrator:
      return tr("administrator");
  }
  return QString();
}

QString Formats::sourceName(roster::Source s) {
  switch (s) {
    case roster::Source::kRoster:
      return tr("roster");
    case roster::Source::kSwap:
      return tr("swap");
    case roster::Source::kOverride:
      return tr("override");
  }
  return QString();
}

QString Formats::swapStatusName(roster::SwapStatus s) {
  switch (s) {
    case roster::SwapStatus::kRequested:
      return tr("requested");
    case roster::SwapStatus::kAccepted:
      return tr("accepted");
    case roster::SwapStatus::kApproved:
      return tr("approved");
    case roster::SwapStatus::kDeclined:
      return tr("declined");
    case roster::SwapStatus::kRejected:
      return tr("rejected");
    case roster::SwapStatus::kCancelled:
      return tr("cancelled");
  }
  return QString();
}

}  // namespace desk
}  // namespace paraat
