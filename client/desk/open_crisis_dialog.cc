// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/open_crisis_dialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/desk/crisis_models.h"
#include "common/crisis/rules.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"
#include "common/status/status_macros.h"

namespace paraat {
namespace desk {

namespace {

const char* const kLevels[] = {"0", "1", "2", "3", "4", "5", "rijk", "outside"};
const char* const kTypes[] = {"opvang", "infectieziekte", "overstroming", "stroomuitval",
                              "brand", "onrust", "extreem weer"};

}  // namespace

OpenCrisisDialog::OpenCrisisDialog(client::AsyncClient* client, QWidget* parent)
    : CallDialog(parent), m_client(client), m_key(client::NewIdempotencyKey()) {
  setWindowTitle(tr("Open a crisis"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout();
  m_title = new QLineEdit(this);
  m_title->setPlaceholderText(tr("e.g. Opvang vluchtelingen Heumen"));
  form->addRow(tr("&Title:"), m_title);
  m_type = new QComboBox(this);
  m_type->setEditable(true);
  for (const char* t : kTypes) m_type->addItem(QString::fromUtf8(t));
  m_type->setCurrentText(QString());
  form->addRow(tr("T&ype:"), m_type);
  m_municipalities = new QListWidget(this);
  m_municipalities->setMinimumHeight(110);
  form->addRow(tr("&Municipalities:"), m_municipalities);
  m_grip = new QComboBox(this);
  for (const char* level : kLevels) {
    m_grip->addItem(CrisisWords::grip(level), QString::fromLatin1(level));
  }
  form->addRow(tr("&GRIP level:"), m_grip);
  m_text = new QPlainTextEdit(this);
  m_text->setTabChangesFocus(true);
  m_text->setPlaceholderText(tr("What is going on (the first situation in the log)"));
  m_text->setMinimumHeight(70);
  form->addRow(tr("&Situation:"), m_text);
  layout->addLayout(form);
  m_error = newErrorLabel(this);
  layout->addWidget(m_error);
  auto* buttons = new QHBoxLayout();
  buttons->addStretch(1);
  m_open = new QPushButton(tr("&Open crisis"), this);
  m_open->setDefault(true);
  auto* cancel = new QPushButton(tr("Cancel"), this);
  buttons->addWidget(m_open);
  buttons->addWidget(cancel);
  layout->addLayout(buttons);
  connect(m_open, &QPushButton::clicked, this, &OpenCrisisDialog::submit);
  // Another title: the warning of a title already open was for the one before.
  connect(m_title, &QLineEdit::textEdited, this, [this] {
    if (!m_sameTitleConfirmed) return;
    m_sameTitleConfirmed = false;
    m_open->setText(tr("&Open crisis"));
    m_error->hide();
  });
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
  setMinimumWidth(520);

  m_client->run<std::vector<directory::Municipality>>(
      this, [](client::Client& c) { return c.ListMunicipalities(false); },
      [this](absl::StatusOr<std::vector<directory::Municipality>> r) {
        showStatus(m_error, r.status());
        if (r.ok()) {
          for (const directory::Municipality& m : *r) {
            auto* item = new QListWidgetItem(Formats::qs(m.name), m_municipalities);
            item->setData(Qt::UserRole, Formats::qs(m.key));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
          }
        }
        Q_EMIT municipalitiesLoaded();
      });
}

void OpenCrisisDialog::submit() {
  crisis::Crisis c;
  c.title = m_title->text().trimmed().toStdString();
  c.type = m_type->currentText().trimmed().toStdString();
  c.grip = m_grip->currentData().toString().toStdString();
  for (int i = 0; i < m_municipalities->count(); ++i) {
    const QListWidgetItem* item = m_municipalities->item(i);
    if (item->checkState() == Qt::Checked) {
      c.municipalities.push_back(item->data(Qt::UserRole).toString().toStdString());
    }
  }
  // What the server would refuse anyway, said at once and naming the field.
  QWidget* wrong = nullptr;
  if (c.title.empty()) {
    m_error->setText(tr("Title: give the crisis a title."));
    wrong = m_title;
  } else if (c.type.empty()) {
    m_error->setText(tr("Type: say what kind of crisis it is, e.g. opvang."));
    wrong = m_type;
  } else if (c.municipalities.empty()) {
    m_error->setText(tr("Municipalities: tick at least one affected municipality."));
    wrong = m_municipalities;
  }
  if (wrong != nullptr) {
    m_error->show();
    wrong->setFocus();
    return;
  }
  if (!m_sameTitleConfirmed) {
    const std::vector<const crisis::Crisis*> same = crisis::OpenWithSameTitle(m_known, c.title);
    if (!same.empty()) {
      const crisis::Crisis& other = *same.front();
      m_error->setText(tr("Crisis %1 “%2” is open already (opened %3 by %4). If it is "
                          "the same crisis, log in that one. Press “Open anyway” to open "
                          "a new crisis with this title.")
                           .arg(other.id)
                           .arg(Formats::qs(other.title), Formats::dateTime(other.opened),
                                Formats::qs(other.opened_by)));
      m_error->show();
      m_sameTitleConfirmed = true;
      m_open->setText(tr("Open &anyway"));
      m_title->setFocus();
      return;
    }
  }
  const std::string text = m_text->toPlainText().trimmed().toStdString();
  const std::string key = m_key;
  m_open->setEnabled(false);
  setCalling(true);
  struct Opened {
    crisis::Crisis crisis;
    std::vector<std::string> warnings;
  };
  m_client->run<Opened>(
      this,
      [c, text, key](client::Client& cl) -> absl::StatusOr<Opened> {
        Opened o;
        PARAAT_ASSIGN_OR_RETURN(auto made, cl.OpenCrisis(c, text, std::nullopt, key, &o.warnings));
        o.crisis = std::move(made.first);
        return o;
      },
      [this](absl::StatusOr<Opened> r) {
        setCalling(false);
        m_open->setEnabled(true);
        showStatus(m_error, r.status());
        if (!r.ok()) return;
        m_result = std::move(r->crisis);
        m_warnings = std::move(r->warnings);
        accept();
      });
}

}  // namespace desk
}  // namespace paraat
