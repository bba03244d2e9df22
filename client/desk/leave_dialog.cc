// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/leave_dialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/desk/form_parts.h"
#include "client/desk/formats.h"

namespace paraat {
namespace desk {

LeaveDialog::LeaveDialog(client::AsyncClient* client, PoolDirectory directory, bool forOthers,
                         const std::string& me, QWidget* parent)
    : CallDialog(parent), m_client(client) {
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

  auto* listBox = new QGroupBox(tr("Coming leave"), this);
  auto* ll = new QVBoxLayout(listBox);
  m_list = new QListWidget(listBox);
  m_list->setMinimumHeight(90);
  ll->addWidget(m_list);
  m_listNote = new QLabel(listBox);
  m_listNote->setWordWrap(true);
  ll->addWidget(m_listNote);
  auto* withdrawRow = new QHBoxLayout();
  withdrawRow->addStretch(1);
  m_withdraw = new QPushButton(tr("&Withdraw the chosen leave"), listBox);
  m_withdraw->setToolTip(tr("From now on; what has passed stays as it was"));
  m_withdraw->setEnabled(false);
  withdrawRow->addWidget(m_withdraw);
  ll->addLayout(withdrawRow);
  layout->addWidget(listBox, 1);
  connect(m_list, &QListWidget::currentRowChanged, this,
          [this](int row) { m_withdraw->setEnabled(row >= 0); });
  connect(m_withdraw, &QPushButton::clicked, this, &LeaveDialog::withdraw);
  if (m_person != nullptr) {
    connect(m_person, &QComboBox::currentIndexChanged, this, &LeaveDialog::loadLeave);
  }

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
  loadLeave();
}

std::string LeaveDialog::person() const {
  return m_person != nullptr ? m_person->currentData().toString().toStdString() : std::string();
}

void LeaveDialog::loadLeave() {
  m_list->clear();
  m_withdraw->setEnabled(false);
  m_listNote->setText(tr("Loading…"));
  // Only the answer for the person chosen last fills the list (answers can cross).
  const int generation = ++m_listGeneration;
  m_client->listUnavailability(
      // From midnight: the same question all day, which the offline cache can answer.
      this, person(), /*everyone=*/false, Formats::startOfDay(Formats::civilDay(absl::Now())),
      std::nullopt,
      [this, generation](absl::StatusOr<std::vector<client::LeaveView>> r) {
        if (generation != m_listGeneration) return;
        m_list->clear();
        if (!r.ok()) {
          m_listNote->setText(
              tr("Could not load the leave: %1").arg(Formats::qs(std::string(r.status().message()))));
          Q_EMIT leaveListed();
          return;
        }
        for (const client::LeaveView& l : *r) {
          // With the year: leave is often registered months ahead.
          QString text = QStringLiteral("%1 – %2").arg(Formats::dateTime(l.leave.interval.start),
                                                       Formats::dateTime(l.leave.interval.end));
          if (!l.leave.reason.empty()) text += QStringLiteral(" (%1)").arg(Formats::qs(l.leave.reason));
          auto* item = new QListWidgetItem(text, m_list);
          item->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(l.leave.id));
        }
        m_listNote->setText(r->empty() ? tr("No leave registered from now on.") : QString());
        m_listNote->setVisible(r->empty());
        Q_EMIT leaveListed();
      });
}

void LeaveDialog::withdraw() {
  QListWidgetItem* item = m_list->currentItem();
  if (item == nullptr) return;
  const int64_t id = item->data(Qt::UserRole).toLongLong();
  const QString what = item->text();
  QMessageBox box(QMessageBox::Question, tr("Withdraw leave"),
                  tr("Withdraw the leave %1? It ends now; what has passed stays as it was.")
                      .arg(what),
                  QMessageBox::NoButton, this);
  QPushButton* yes = box.addButton(tr("&Withdraw"), QMessageBox::AcceptRole);
  box.addButton(tr("Keep it"), QMessageBox::RejectRole);
  box.setDefaultButton(yes);
  box.exec();
  if (box.clickedButton() != yes) return;
  m_withdraw->setEnabled(false);
  setCalling(true);
  m_client->cancelUnavailability(this, id, [this, what](absl::StatusOr<client::LeaveView> r) {
    setCalling(false);
    showStatus(m_error, r.status());
    if (!r.ok()) {
      m_withdraw->setEnabled(true);
      return;
    }
    Q_EMIT withdrawn(tr("Leave withdrawn: %1.").arg(what));
    loadLeave();
  });
}

void LeaveDialog::setInterval(absl::Time from, absl::Time to) {
  setTime(m_from, from);
  setTime(m_to, to);
}

void LeaveDialog::submit() {
  const roster::Interval interval{timeOf(m_from), timeOf(m_to)};
  m_ok->setEnabled(false);
  setCalling(true);
  m_client->addUnavailability(this, person(), interval, m_reason->text().trimmed().toStdString(),
                              [this](absl::StatusOr<Result> r) {
                                setCalling(false);
                                m_ok->setEnabled(true);
                                showStatus(m_error, r.status());
                                if (!r.ok()) return;
                                m_result = std::move(*r);
                                accept();
                              });
}

}  // namespace desk
}  // namespace paraat
