// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/leave_dialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/desk/form_parts.h"
#include "client/desk/formats.h"

namespace paraat {
namespace desk {

LeaveDialog::LeaveDialog(client::AsyncClient* client, PoolDirectory directory, bool forOthers,
                         const std::string& me, QWidget* parent)
    : QDialog(parent), m_client(client) {
  setWindowTitle(tr("Register leave"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("When you cannot be on duty. Duties in that time are reported at "
                              "once; arrange a swap for them."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* form = new QFormLayout();
  if (forOthers) {
    m_person = new QComboBox(this);
    m_person->addItem(tr("myself"), QString());
    for (const directory::Person* p : directory.everyone()) {
      if (p->key == me) continue;
      m_person->addItem(Formats::qs(p->name), Formats::qs(p->key));
    }
    form->addRow(tr("&Person:"), m_person);
  }
  const absl::CivilDay tomorrow = Formats::civilDay(absl::Now()) + 1;
  m_from = newTimeEdit(Formats::startOfDay(tomorrow), this);
  m_to = newTimeEdit(Formats::startOfDay(tomorrow + 1), this);
  form->addRow(tr("&From:"), m_from);
  form->addRow(tr("&Until:"), m_to);
  m_reason = new QLineEdit(this);
  m_reason->setPlaceholderText(tr("e.g. holiday"));
  form->addRow(tr("&Reason:"), m_reason);
  layout->addLayout(form);

  m_error = newErrorLabel(this);
  layout->addWidget(m_error);

  auto* buttons = new QHBoxLayout();
  buttons->addStretch(1);
  m_ok = new QPushButton(tr("&Save leave"), this);
  m_ok->setDefault(true);
  auto* cancel = new QPushButton(tr("Cancel"), this);
  buttons->addWidget(m_ok);
  buttons->addWidget(cancel);
  layout->addLayout(buttons);
  connect(m_ok, &QPushButton::clicked, this, &LeaveDialog::submit);
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
  setMinimumWidth(480);
}

void LeaveDialog::setInterval(absl::Time from, absl::Time to) {
  setTime(m_from, from);
  setTime(m_to, to);
}

void LeaveDialog::submit() {
  const std::string person =
      m_person != nullptr ? m_person->currentData().toString().toStdString() : std::string();
  const roster::Interval interval{timeOf(m_from), timeOf(m_to)};
  m_ok->setEnabled(false);
  m_client->addUnavailability(this, person, interval, m_reason->text().trimmed().toStdString(),
                              [this](absl::StatusOr<Result> r) {
                                m_ok->setEnabled(true);
                                showStatus(m_error, r.status());
                                if (!r.ok()) return;
                                m_result = std::move(*r);
                                accept();
                              });
}

}  // namespace desk
}  // namespace paraat
