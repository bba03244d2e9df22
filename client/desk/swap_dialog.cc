// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/swap_dialog.h"

#include <QCheckBox>
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
#include "client/desk/marks.h"

namespace paraat {
namespace desk {

SwapDialog::SwapDialog(client::AsyncClient* client, Mode mode, std::vector<client::Duty> duties,
                       PoolDirectory directory, int selected, QWidget* parent)
    : CallDialog(parent), m_client(client), m_mode(mode), m_directory(std::move(directory)) {
  const client::Duty* preselected = selected >= 0 && selected < static_cast<int>(duties.size())
                                        ? &duties[static_cast<size_t>(selected)]
                                        : nullptr;
  std::optional<client::Duty> keep;
  if (preselected != nullptr) keep = *preselected;
  for (auto& d : duties) {
    if (d.slice.shift_id != 0) m_duties.push_back(std::move(d));
  }
  setWindowTitle(mode == Mode::Request ? tr("Ask for a swap") : tr("Arrange a swap"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      mode == Mode::Request
          ? tr("A colleague takes over (part of) your duty. They accept, then an administrator "
               "approves (some pools approve at once).")
          : tr("The colleague takes over the duty at once: an arranged swap is approved."),
      this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* form = new QFormLayout();
  m_duty = new QComboBox(this);
  for (const client::Duty& d : m_duties) {
    QString pool = Formats::qs(d.slice.pool);
    if (const directory::Pool* p = m_directory.pool(d.slice.pool)) pool = Formats::qs(p->name);
    const QString text =
        mode == Mode::Request
            ? tr("%1: %2").arg(pool, Formats::interval(d.slice.interval))
            : tr("%1: %2, %3")
                  .arg(pool, Formats::interval(d.slice.interval), Marks::personName(d.person));
    m_duty->addItem(text);
  }
  form->addRow(tr("&Duty:"), m_duty);
  m_taker = new QComboBox(this);
  form->addRow(tr("&Colleague who takes over:"), m_taker);
  m_partOnly = new QCheckBox(tr("Only &part of the duty"), this);
  form->addRow(QString(), m_partOnly);
  m_from = newTimeEdit(absl::Now(), this);
  m_to = newTimeEdit(absl::Now(), this);
  form->addRow(tr("&From:"), m_from);
  form->addRow(tr("&Until:"), m_to);
  m_reason = new QLineEdit(this);
  form->addRow(tr("&Reason:"), m_reason);
  layout->addLayout(form);

  m_error = newErrorLabel(this);
  layout->addWidget(m_error);

  auto* buttons = new QHBoxLayout();
  buttons->addStretch(1);
  m_ok = new QPushButton(mode == Mode::Request ? tr("&Send request") : tr("&Arrange swap"), this);
  m_ok->setDefault(true);
  auto* cancel = new QPushButton(tr("Cancel"), this);
  buttons->addWidget(m_ok);
  buttons->addWidget(cancel);
  layout->addLayout(buttons);

  connect(m_duty, &QComboBox::currentIndexChanged, this, &SwapDialog::dutyChanged);
  connect(m_partOnly, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
  connect(m_partOnly, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
  connect(m_ok, &QPushButton::clicked, this, &SwapDialog::submit);
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

  int index = 0;
  if (keep) {
    for (size_t i = 0; i < m_duties.size(); ++i) {
      if (m_duties[i].slice.interval == keep->slice.interval &&
          m_duties[i].slice.pool == keep->slice.pool) {
        index = static_cast<int>(i);
      }
    }
  }
  m_duty->setCurrentIndex(m_duties.empty() ? -1 : index);
  dutyChanged();
  m_partOnly->setChecked(false);
  m_from->setEnabled(false);
  m_to->setEnabled(false);
  if (m_duties.empty()) {
    showStatus(m_error, absl::FailedPreconditionError(
                            tr("There are no coming duties to swap.").toStdString()));
    m_ok->setEnabled(false);
  }
  setMinimumWidth(560);
}

void SwapDialog::dutyChanged() {
  m_taker->clear();
  const int i = m_duty->currentIndex();
  if (i < 0 || i >= static_cast<int>(m_duties.size())) return;
  const client::Duty& d = m_duties[static_cast<size_t>(i)];
  for (const directory::Person* p : m_directory.members(d.slice.pool, d.person.key)) {
    m_taker->addItem(Formats::qs(p->name), Formats::qs(p->key));
  }
  setTime(m_from, std::max(d.slice.interval.start, absl::Now()));
  setTime(m_to, d.slice.interval.end);
}

std::optional<client::SwapRequestArgs> SwapDialog::request() const {
  const int i = m_duty->currentIndex();
  if (i < 0 || i >= static_cast<int>(m_duties.size()) || m_taker->currentIndex() < 0) {
    return std::nullopt;
  }
  client::SwapRequestArgs a;
  a.shift_id = m_duties[static_cast<size_t>(i)].slice.shift_id;
  a.taker = m_taker->currentData().toString().toStdString();
  if (m_partOnly->isChecked()) a.part = roster::Interval{timeOf(m_from), timeOf(m_to)};
  a.reason = m_reason->text().trimmed().toStdString();
  return a;
}

void SwapDialog::submit() {
  std::optional<client::SwapRequestArgs> a = request();
  if (!a) {
    showStatus(m_error,
               absl::InvalidArgumentError(tr("Choose a duty and a colleague.").toStdString()));
    return;
  }
  m_ok->setEnabled(false);
  setCalling(true);
  m_client->requestSwap(this, *a, m_mode == Mode::Arrange,
                        [this](absl::StatusOr<client::SwapView> r) {
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
