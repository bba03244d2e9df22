// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/entry_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "client/desk/crisis_models.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"

namespace paraat {
namespace desk {

namespace {

// The kinds a person writes in the form: BOB, messages, handovers and corrections.
const crisis::EntryKind kFormKinds[] = {
    crisis::EntryKind::kSituation, crisis::EntryKind::kAssessment, crisis::EntryKind::kDecision,
    crisis::EntryKind::kMessage,   crisis::EntryKind::kHandover,   crisis::EntryKind::kCorrection,
};

}  // namespace

std::string EntryForm::draftKey(int64_t crisisId) { return absl::StrCat("entry-form/", crisisId); }

EntryForm::EntryForm(QWidget* parent) : QGroupBox(tr("New entry"), parent) {
  auto* form = new QFormLayout(this);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  m_kind = new QComboBox(this);
  for (crisis::EntryKind k : kFormKinds) m_kind->addItem(CrisisWords::kind(k), static_cast<int>(k));
  form->addRow(tr("&Kind:"), m_kind);

  m_text = new QPlainTextEdit(this);
  m_text->setTabChangesFocus(true);
  m_text->setPlaceholderText(tr("What happened, what you think, what was decided…"));
  m_text->setMinimumHeight(70);
  form->addRow(tr("&Text:"), m_text);

  auto* timeRow = new QHBoxLayout();
  m_now = new QCheckBox(tr("&Now"), this);
  m_now->setChecked(true);
  m_time = newTimeEdit(absl::Now(), this);
  m_time->setEnabled(false);
  timeRow->addWidget(m_now);
  timeRow->addWidget(m_time, 1);
  auto* timeLabel = new QLabel(tr("&Happened:"), this);
  timeLabel->setBuddy(m_now);
  form->addRow(timeLabel, timeRow);

  m_refs = new QLineEdit(this);
  m_refs->setPlaceholderText(tr("entry numbers, e.g. 12, 15"));
  form->addRow(tr("&Refers to:"), m_refs);

  m_correctsLabel = new QLabel(tr("&Corrects entry:"), this);
  m_corrects = new QLineEdit(this);
  m_corrects->setPlaceholderText(tr("the number of the entry this corrects"));
  m_correctsLabel->setBuddy(m_corrects);
  form->addRow(m_correctsLabel, m_corrects);

  m_send = new QPushButton(tr("&Log entry"), this);
  m_send->setToolTip(
      tr("Log the entry (Ctrl+Enter); without a connection it is queued and sent "
         "when the server is back"));
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  m_note->setTextFormat(Qt::PlainText);
  m_error = newErrorLabel(this);
  form->addRow(QString(), m_send);
  form->addRow(m_note);
  form->addRow(m_error);

  auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
  shortcut->setContext(Qt::WidgetWithChildrenShortcut);
  connect(shortcut, &QShortcut::activated, this, &EntryForm::submit);
  connect(m_send, &QPushButton::clicked, this, &EntryForm::submit);
  connect(m_text, &QPlainTextEdit::textChanged, this, &EntryForm::saveDraft);
  connect(m_now, &QCheckBox::toggled, this, [this](bool now) {
    if (!now) setTime(m_time, absl::Now());
    m_time->setEnabled(!now);
  });
  connect(m_kind, &QComboBox::currentIndexChanged, this, &EntryForm::updateFields);
  updateFields();
}

void EntryForm::setCrisis(int64_t crisisId, std::shared_ptr<client::cache::Cache> drafts) {
  m_crisisId = crisisId;
  m_drafts = std::move(drafts);
  m_loading = true;
  QString text;
  if (m_drafts && crisisId > 0) {
    absl::StatusOr<std::string> d = m_drafts->Draft(draftKey(crisisId));
    if (d.ok()) text = Formats::qs(*d);
  }
  m_text->setPlainText(text);
  m_loading = false;
  m_error->hide();
  updateFields();
}

void EntryForm::setWritable(bool writable) {
  m_writable = writable;
  updateFields();
}

void EntryForm::setBusy(bool busy) {
  m_busy = busy;
  updateFields();
}

void EntryForm::updateFields() {
  const bool correction = static_cast<crisis::EntryKind>(m_kind->currentData().toInt()) ==
                          crisis::EntryKind::kCorrection;
  m_correctsLabel->setVisible(correction);
  m_corrects->setVisible(correction);
  const bool open = m_writable && m_crisisId > 0;
  for (QWidget* w : std::initializer_list<QWidget*>{m_kind, m_text, m_now, m_refs, m_corrects}) {
    w->setEnabled(open);
  }
  m_time->setEnabled(open && !m_now->isChecked());
  m_send->setEnabled(open && !m_busy);
  if (!m_writable) {
    m_note->setText(tr("Only coordinators and administrators write in the log."));
  } else if (m_crisisId <= 0) {
    m_note->setText(tr("Choose a crisis first."));
  } else {
    m_note->clear();
  }
  m_note->setVisible(!m_note->text().isEmpty());
}

void EntryForm::saveDraft() {
  if (m_loading || !m_drafts || m_crisisId <= 0) return;
  absl::Status s = m_drafts->SaveDraft(draftKey(m_crisisId), m_text->toPlainText().toStdString());
  if (!s.ok()) {
    showError(tr("The draft could not be saved: %1").arg(Formats::qs(std::string(s.message()))));
  }
}

absl::StatusOr<crisis::AppendRequest> EntryForm::request() const {
  crisis::AppendRequest r;
  r.crisis_id = m_crisisId;
  if (m_crisisId <= 0)
    return absl::InvalidArgumentError(tr("Crisis: choose a crisis first").toStdString());
  r.kind = static_cast<crisis::EntryKind>(m_kind->currentData().toInt());
  r.text = m_text->toPlainText().trimmed().toStdString();
  if (r.text.empty()) {
    return absl::InvalidArgumentError(tr("Text: write what the entry says").toStdString());
  }
  if (r.text.size() > crisis::kMaxTextBytes) {
    return absl::InvalidArgumentError(
        tr("Text: at most %1 bytes").arg(crisis::kMaxTextBytes).toStdString());
  }
  if (!m_now->isChecked()) {
    const absl::Time t = timeOf(m_time);
    if (t > absl::Now() + crisis::kFutureTolerance) {
      return absl::InvalidArgumentError(
          tr("Happened: %1 lies in the future").arg(Formats::dateTime(t)).toStdString());
    }
    r.event_time = t;
  }
  const QStringList parts =
      m_refs->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
  for (QString p : parts) {
    if (p.startsWith(QLatin1Char('#'))) p.remove(0, 1);
    bool ok = false;
    const qlonglong seq = p.toLongLong(&ok);
    if (!ok || seq <= 0) {
      return absl::InvalidArgumentError(
          tr("Refers to: \"%1\" is not an entry number").arg(p).toStdString());
    }
    if (std::find(r.refs.begin(), r.refs.end(), seq) == r.refs.end()) r.refs.push_back(seq);
  }
  std::sort(r.refs.begin(), r.refs.end());
  if (r.refs.size() > crisis::kMaxRefs) {
    return absl::InvalidArgumentError(
        tr("Refers to: at most %1 entries").arg(crisis::kMaxRefs).toStdString());
  }
  if (r.kind == crisis::EntryKind::kCorrection) {
    QString c = m_corrects->text().trimmed();
    if (c.startsWith(QLatin1Char('#'))) c.remove(0, 1);
    bool ok = false;
    const qlonglong seq = c.toLongLong(&ok);
    if (!ok || seq <= 0) {
      return absl::InvalidArgumentError(
          tr("Corrects entry: give the number of the entry this corrects").toStdString());
    }
    r.corrects = seq;
  }
  return r;
}

void EntryForm::submit() {
  if (!m_send->isEnabled()) return;
  absl::StatusOr<crisis::AppendRequest> r = request();
  if (!r.ok()) {
    showError(Formats::qs(std::string(r.status().message())));
    return;
  }
  m_error->hide();
  Q_EMIT submitted(*r);
}

void EntryForm::showError(const QString& message) {
  m_error->setText(message);
  m_error->setVisible(!message.isEmpty());
}

void EntryForm::clear() {
  m_loading = true;
  m_text->clear();
  m_refs->clear();
  m_corrects->clear();
  m_now->setChecked(true);
  m_loading = false;
  m_error->hide();
  if (m_drafts && m_crisisId > 0) (void)m_drafts->SaveDraft(draftKey(m_crisisId), "");
}

}  // namespace desk
}  // namespace paraat
