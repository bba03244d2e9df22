// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/form_parts.h"

#include <QScrollArea>
#include <QTimer>

#include "client/desk/formats.h"

namespace paraat {
namespace desk {

QDateTimeEdit* newTimeEdit(absl::Time t, QWidget* parent) {
  auto* e = new QDateTimeEdit(parent);
  // The edit holds the civil time in the pools' zone; UTC keeps the computer's zone out of it.
  e->setTimeSpec(Qt::UTC);
  e->setLocale(Formats::locale());
  e->setDisplayFormat(QStringLiteral("ddd d MMM yyyy HH:mm"));
  e->setCalendarPopup(true);
  setTime(e, t);
  return e;
}

absl::Time timeOf(const QDateTimeEdit* edit) { return Formats::fromEditValue(edit->dateTime()); }

void setTime(QDateTimeEdit* edit, absl::Time t) { edit->setDateTime(Formats::toEditValue(t)); }

QLabel* newErrorLabel(QWidget* parent) {
  auto* l = new QLabel(parent);
  l->setWordWrap(true);
  l->setTextFormat(Qt::PlainText);
  l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  l->setStyleSheet(QStringLiteral("QLabel { color: #8b0000; font-weight: bold; }"));
  l->hide();
  return l;
}

void showStatus(QLabel* label, const absl::Status& status) {
  label->setText(status.ok() ? QString() : Formats::qs(std::string(status.message())));
  label->setVisible(!status.ok());
  if (!status.ok()) revealLater(label);
}

void revealLater(QWidget* w) {
  QTimer::singleShot(0, w, [w] {
    for (QWidget* p = w->parentWidget(); p != nullptr; p = p->parentWidget()) {
      if (auto* area = qobject_cast<QScrollArea*>(p)) {
        area->ensureWidgetVisible(w);
        return;
      }
    }
  });
}

}  // namespace desk
}  // namespace paraat
