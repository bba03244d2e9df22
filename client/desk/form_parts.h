// SPDX-License-Identifier: EUPL-1.2
// Widgets the duty dialogs share: a date-time field in the pools' zone with Dutch formats, and
// the label that shows the server's message when a call is refused.
#ifndef PARAAT_CLIENT_DESK_FORM_PARTS_H_
#define PARAAT_CLIENT_DESK_FORM_PARTS_H_

#include <QDateTimeEdit>
#include <QDialog>
#include <QLabel>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace paraat {
namespace desk {

// A dialog that sends one call to the server. While the call is on its way, Escape, Cancel and
// the window's close button wait for the answer: closing would drop it while the server may
// still carry the call out (a leave registered, a swap asked), unseen.
class CallDialog : public QDialog {
 public:
  using QDialog::QDialog;
  void setCalling(bool calling) { m_calling = calling; }
  void reject() override {
    if (!m_calling) QDialog::reject();
  }

 private:
  bool m_calling = false;
};

// A date-time field showing `t` in Europe/Amsterdam ("ma 7 dec. 2026 09:00").
QDateTimeEdit* newTimeEdit(absl::Time t, QWidget* parent);
absl::Time timeOf(const QDateTimeEdit* edit);
void setTime(QDateTimeEdit* edit, absl::Time t);

// A hidden, bold red, selectable label for refusals.
QLabel* newErrorLabel(QWidget* parent);
// Shows the server's message of `status` (hides the label for OK).
void showStatus(QLabel* label, const absl::Status& status);
// Scrolls the nearest scroll area around `w` (if any) so that `w` is in view, once the layout
// has made room for it.
void revealLater(QWidget* w);

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_FORM_PARTS_H_
