// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/override_dialog.h"

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

OverrideDialog::OverrideDialog(client::AsyncClient* client, PoolDirectory directory,
                               const std::string& pool, QWidget* parent)
    : CallDialog(parent), m_client(client), m_directory(std::move(directory)) {
  setWindowTitle(tr("Put someone on duty"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("From now on, on top of the roster and swaps, until the time "
                              "given. Use it when the officer on duty cannot act."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* form = new QFormLayout();
  m_pool = new QComboBox(this);
  for (const directory::Pool& p : m_directory.pools) {
    m_pool->addItem(Formats::qs(p.name), Formats::qs(p.key));
    if (p.key == pool) m_pool->setCurrentIndex(m_pool->count() - 1);
  }
  form->addRow(tr("P&ool:"), m_pool);
  m_person = new QComboBox(this);
  form->addRow(tr("&Person:"), m_person);
  m_until = newTimeEdit(absl::Now() + absl::Hours(4), this);
  form->addRow(tr("&Until:"), m_until);
  m_reason = new QLineEdit(this);
  form->addRow(tr("&Reason:"), m_reason);
  layout->addLayout(form);

  m_error = newErrorLabel(this);
  layout->addWidget(m_error);

  auto* buttons = new QHBoxLayout();
  buttons->addStretch(1);
  m_ok = new QPushButton(tr("Put on &duty"), this);
  m_ok->setDefault(true);
  auto* cancel = new QPushButton(tr("Cancel"), this);
  buttons->addWidget(m_ok);
  buttons->addWidget(cancel);
  layout->addLayout(buttons);
  connect(m_pool, &QComboBox::currentIndexChanged, this, &OverrideDialog::poolChanged);
  connect(m_ok, &QPushButton::clicked, this, &OverrideDialog::submit);
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
  poolChanged();
  setMinimumWidth(480);
}

void OverrideDialog::poolChanged() {
  m_person->clear();
  for (const directory::Person* p :
       m_directory.members(m_pool->currentData().toString().toStdString())) {
    m_person->addItem(Formats::qs(p->name), Formats::qs(p->key));
  }
}

void OverrideDialog::submit() {
  const std::string pool = m_pool->currentData().toString().toStdString();
  const std::string person = m_person->currentData().toString().toStdString();
  m_ok->setEnabled(false);
  setCalling(true);
  m_client->createOverride(this, pool, person, std::nullopt, timeOf(m_until),
                           m_reason->text().trimmed().toStdString(),
                           [this](absl::StatusOr<client::OverrideView> r) {
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
