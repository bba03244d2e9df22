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
#include <QVBoxLayout>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/desk/crisis_models.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"
#include "common/json/json.h"

namespace paraat {
namespace desk {

namespace {

// The kinds a person writes in the form: BOB, actions and their updates, messages, GRIP
// changes, handovers and corrections.
const crisis::EntryKind kFormKinds[] = {
    crisis::EntryKind::kSituation,    crisis::EntryKind::kAssessment,
    crisis::EntryKind::kDecision,     crisis::EntryKind::kAction,
    crisis::EntryKind::kActionUpdate, crisis::EntryKind::kMessage,
    crisis::EntryKind::kGripChange,   crisis::EntryKind::kHandover,
    crisis::EntryKind::kCorrection,
};

// The GRIP levels in the order they are offered.
const char* const kGripLevels[] = {"0", "1", "2", "3", "4", "5", "rijk", "outside"};

// The statuses an update can set ("" leaves the status as it is).
const crisis::ActionStatus kStatuses[] = {
    crisis::ActionStatus::kOpen, crisis::ActionStatus::kInProgress, crisis::ActionStatus::kDone,
    crisis::ActionStatus::kCancelled};

// An hour from now, on the next quarter hour: where a new deadline starts.
absl::Time DefaultDeadline() {
  const absl::Duration since = absl::Now() + absl::Hours(1) - absl::UnixEpoch();
  return absl::UnixEpoch() + absl::Ceil(since, absl::Minutes(15));
}

bool HasOwnerAndDeadline(crisis::EntryKind k) {
  return k == crisis::EntryKind::kAction || k == crisis::EntryKind::kActionUpdate;
}

bool TextOptional(crisis::EntryKind k) {
  return k == crisis::EntryKind::kGripChange || k == crisis::EntryKind::kActionUpdate;
}

// The version of the draft's JSON object; a draft without it is an older plain text.
constexpr int64_t kDraftVersion = 1;

const json::Value* Field(const json::Value& d, absl::string_view key, json::Value::Type type) {
  const json::Value* v = d.Find(key);
  return v != nullptr && v->type() == type ? v : nullptr;
}

// A draft in JSON: an object with the version and the text.
bool IsJsonDraft(const json::Value& d) {
  const json::Value* v = Field(d, "v", json::Value::Type::kInt);
  return d.is_object() && v != nullptr && v->as_int() == kDraftVersion &&
         Field(d, "text", json::Value::Type::kString) != nullptr;
}

}  // namespace

std::string EntryForm::draftKey(int64_t crisisId) { return absl::StrCat("entry-form/", crisisId); }

EntryForm::EntryForm(QWidget* parent) : QGroupBox(tr("New entry"), parent) {
  // The fields in a form; under it the note and the message, which wrap: a QFormLayout (Qt
  // 6.4) that holds wrapped labels squeezes other rows to nothing (a deadline the user could
  // not see) where a box layout makes room.
  auto* outer = new QVBoxLayout(this);
  auto* form = new QFormLayout();
  outer->addLayout(form);
  m_form = form;
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
  m_now = new QCheckBox(tr("N&ow"), this);
  m_now->setChecked(true);
  m_time = newTimeEdit(absl::Now(), this);
  m_time->setEnabled(false);
  timeRow->addWidget(m_now);
  timeRow->addWidget(m_time, 1);
  auto* timeLabel = new QLabel(tr("Ha&ppened:"), this);
  timeLabel->setBuddy(m_now);
  form->addRow(timeLabel, timeRow);

  m_refs = new QLineEdit(this);
  m_refs->setPlaceholderText(tr("entry numbers, e.g. 12, 15"));
  form->addRow(tr("R&efers to:"), m_refs);

  m_correctsLabel = new QLabel(tr("&Corrects entry:"), this);
  m_corrects = new QLineEdit(this);
  m_corrects->setPlaceholderText(tr("the number of the entry this corrects"));
  m_correctsLabel->setBuddy(m_corrects);
  form->addRow(m_correctsLabel, m_corrects);

  // Actions and their updates.
  m_actionLabel = new QLabel(tr("A&ction to update:"), this);
  m_action = new QComboBox(this);
  m_action->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_action->setMinimumContentsLength(20);
  m_actionLabel->setBuddy(m_action);
  form->addRow(m_actionLabel, m_action);
  m_statusLabel = new QLabel(tr("New stat&us:"), this);
  m_status = new QComboBox(this);
  m_status->addItem(tr("(unchanged)"), QString());
  for (crisis::ActionStatus st : kStatuses) {
    m_status->addItem(CrisisWords::actionStatus(st),
                      Formats::qs(std::string(crisis::ActionStatusName(st))));
  }
  m_status->setCurrentIndex(m_status->findData(QStringLiteral("done")));
  m_statusLabel->setBuddy(m_status);
  form->addRow(m_statusLabel, m_status);
  m_ownerLabel = new QLabel(tr("O&wner:"), this);
  m_owner = new QComboBox(this);
  m_owner->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_owner->setMinimumContentsLength(20);
  m_owner->addItem(QString(), QString());
  m_ownerLabel->setBuddy(m_owner);
  form->addRow(m_ownerLabel, m_owner);
  m_deadlineSet = new QCheckBox(tr("Dead&line:"), this);
  m_deadlineSet->setToolTip(tr("Whether the action has a deadline (for an update: a new one)"));
  m_deadline = newTimeEdit(DefaultDeadline(), this);
  form->addRow(m_deadlineSet, m_deadline);

  // GRIP changes.
  m_gripLabel = new QLabel(tr("New &GRIP level:"), this);
  m_grip = new QComboBox(this);
  for (const char* level : kGripLevels) {
    m_grip->addItem(CrisisWords::grip(level), QString::fromLatin1(level));
  }
  m_gripLabel->setBuddy(m_grip);
  form->addRow(m_gripLabel, m_grip);

  m_send = new QPushButton(tr("Log entr&y"), this);
  m_send->setToolTip(
      tr("Log the entry (Ctrl+Enter); without a connection it is queued and sent "
         "when the server is back"));
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  m_note->setTextFormat(Qt::PlainText);
  m_error = newErrorLabel(this);
  form->addRow(QString(), m_send);
  outer->addWidget(m_note);
  outer->addWidget(m_error);

  // Ctrl+Return sends (Return alone is a new line in the text); the keypad's Enter too.
  for (const QKeySequence& keys :
       {QKeySequence(Qt::CTRL | Qt::Key_Return),
        QKeySequence(QKeyCombination(Qt::ControlModifier | Qt::KeypadModifier, Qt::Key_Enter))}) {
    auto* shortcut = new QShortcut(keys, this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &EntryForm::submit);
  }
  connect(m_send, &QPushButton::clicked, this, &EntryForm::submit);
  connect(m_now, &QCheckBox::toggled, this, [this](bool now) {
    if (!now) setTime(m_time, absl::Now());
    m_time->setEnabled(!now);
  });
  connect(m_deadlineSet, &QCheckBox::toggled, this, &EntryForm::updateFields);
  connect(m_kind, &QComboBox::currentIndexChanged, this, &EntryForm::kindChanged);
  kindChanged();
  // Every change of every field is saved in the draft.
  connect(m_owner, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_loading) m_pendingOwner.clear();
  });
  connect(m_action, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_loading) m_pendingAction = 0;
  });
  connect(m_grip, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_loading) m_gripChosen = true;
  });
  connect(m_text, &QPlainTextEdit::textChanged, this, &EntryForm::saveDraft);
  connect(m_kind, &QComboBox::currentIndexChanged, this, &EntryForm::saveDraft);
  connect(m_now, &QCheckBox::toggled, this, &EntryForm::saveDraft);
  connect(m_time, &QDateTimeEdit::dateTimeChanged, this, &EntryForm::saveDraft);
  connect(m_refs, &QLineEdit::textChanged, this, &EntryForm::saveDraft);
  connect(m_corrects, &QLineEdit::textChanged, this, &EntryForm::saveDraft);
  connect(m_owner, &QComboBox::currentIndexChanged, this, &EntryForm::saveDraft);
  connect(m_deadlineSet, &QCheckBox::toggled, this, &EntryForm::saveDraft);
  connect(m_deadline, &QDateTimeEdit::dateTimeChanged, this, &EntryForm::saveDraft);
  connect(m_action, &QComboBox::currentIndexChanged, this, &EntryForm::saveDraft);
  connect(m_status, &QComboBox::currentIndexChanged, this, &EntryForm::saveDraft);
  connect(m_grip, &QComboBox::currentIndexChanged, this, &EntryForm::saveDraft);
}

crisis::EntryKind EntryForm::kind() const {
  return static_cast<crisis::EntryKind>(m_kind->currentData().toInt());
}

void EntryForm::setKind(crisis::EntryKind kind) {
  const int i = m_kind->findData(static_cast<int>(kind));
  if (i >= 0) m_kind->setCurrentIndex(i);
}

void EntryForm::kindChanged() {
  const crisis::EntryKind k = kind();
  // A new action usually has a deadline; an update keeps the one it has unless asked.
  m_deadlineSet->setChecked(k == crisis::EntryKind::kAction);
  m_owner->setItemText(
      0, k == crisis::EntryKind::kActionUpdate ? tr("(unchanged)") : tr("(choose who does it)"));
  if (k == crisis::EntryKind::kGripChange) {
    m_text->setPlaceholderText(tr("Why the level changes (optional)"));
  } else if (k == crisis::EntryKind::kActionUpdate) {
    m_text->setPlaceholderText(tr("A note on the update (optional)"));
  } else if (k == crisis::EntryKind::kAction) {
    m_text->setPlaceholderText(tr("What must be done"));
  } else {
    m_text->setPlaceholderText(tr("What happened, what you think, what was decided…"));
  }
  updateFields();
}

void EntryForm::setPeople(std::vector<directory::Person> people) {
  std::sort(people.begin(), people.end(),
            [](const directory::Person& a, const directory::Person& b) {
              return QString::localeAwareCompare(Formats::qs(a.name), Formats::qs(b.name)) < 0;
            });
  const QString keep =
      m_pendingOwner.isEmpty() ? m_owner->currentData().toString() : m_pendingOwner;
  const QSignalBlocker block(m_owner);
  while (m_owner->count() > 1) m_owner->removeItem(1);
  for (const directory::Person& p : people) {
    if (!p.active) continue;
    m_owner->addItem(Formats::qs(p.name.empty() ? p.key : p.name), Formats::qs(p.key));
    m_owner->setItemData(m_owner->count() - 1, Formats::qs(p.key), Qt::ToolTipRole);
  }
  const int i = m_owner->findData(keep);
  m_owner->setCurrentIndex(i < 0 ? 0 : i);
  if (i > 0) m_pendingOwner.clear();
}

void EntryForm::setActions(const std::vector<client::ActionView>& actions) {
  m_actions = actions;
  fillActions();
  updateFields();
}

void EntryForm::fillActions() {
  const qlonglong keep =
      m_pendingAction > 0 ? m_pendingAction : m_action->currentData().toLongLong();
  const QSignalBlocker block(m_action);
  m_action->clear();
  for (const client::ActionView& a : m_actions) {
    if (ownActionsOnly() && (a.action.owner != m_reporter || a.action.finished())) continue;
    QString text = Formats::qs(a.action.text).simplified();
    if (text.size() > 60) text = text.left(59) + QStringLiteral("…");
    m_action->addItem(
        tr("#%1 %2 (%3)")
            .arg(a.action.seq)
            .arg(text, Formats::qs(a.owner_name.empty() ? a.action.owner : a.owner_name)),
        QVariant::fromValue<qlonglong>(a.action.seq));
  }
  const int i = m_action->findData(QVariant::fromValue<qlonglong>(keep));
  m_action->setCurrentIndex(i < 0 ? 0 : i);
  if (i >= 0) m_pendingAction = 0;
}

void EntryForm::setCurrentGrip(const std::string& grip) {
  const QString level = Formats::qs(grip.empty() ? std::string("0") : grip);
  if (level == Formats::qs(m_currentGrip)) return;
  m_currentGrip = level.toStdString();
  for (int i = 0; i < m_grip->count(); ++i) {
    const QString l = m_grip->itemData(i).toString();
    const QString name = CrisisWords::grip(l.toStdString());
    m_grip->setItemText(i, l == level ? tr("%1 (current)").arg(name) : name);
  }
  // A level chosen by hand or kept in the draft stays chosen.
  if (!m_gripChosen) pickDefaultGrip();
}

void EntryForm::pickDefaultGrip() {
  const QString level = Formats::qs(m_currentGrip.empty() ? std::string("0") : m_currentGrip);
  // Offer the next level up (scaling up is the usual change); from outside GRIP, GRIP 1.
  const int current = m_grip->findData(level);
  const int outside = m_grip->findData(QStringLiteral("outside"));
  int pick = current;
  if (level == QLatin1String("outside")) {
    pick = m_grip->findData(QStringLiteral("1"));
  } else if (current >= 0 && current + 1 < outside) {
    pick = current + 1;
  }
  if (pick >= 0) {
    const bool loading = m_loading;
    m_loading = true;  // an offer, not a choice: not saved
    m_grip->setCurrentIndex(pick);
    m_loading = loading;
  }
}

void EntryForm::setCrisis(int64_t crisisId, std::shared_ptr<client::cache::Cache> drafts) {
  m_crisisId = crisisId;
  m_drafts = std::move(drafts);
  std::string draft;
  if (m_drafts && crisisId > 0) {
    absl::StatusOr<std::string> d = m_drafts->Draft(draftKey(crisisId));
    if (d.ok()) draft = std::move(*d);
  }
  applyDraft(draft);
  m_error->hide();
  updateFields();
}

void EntryForm::applyDraft(const std::string& draft) {
  const bool loading = m_loading;
  m_loading = true;
  resetFields();
  absl::StatusOr<json::Value> parsed = json::Parse(draft);
  if (draft.empty() || !parsed.ok() || !IsJsonDraft(*parsed)) {
    m_text->setPlainText(Formats::qs(draft));  // an older draft: the text alone
    m_loading = loading;
    return;
  }
  const json::Value& d = *parsed;
  using Type = json::Value::Type;
  if (const json::Value* k = Field(d, "kind", Type::kString)) {
    absl::StatusOr<crisis::EntryKind> kind = crisis::ParseKind(k->as_string(), "kind");
    if (kind.ok()) setKind(*kind);
  }
  m_text->setPlainText(Formats::qs(d.Find("text")->as_string()));
  const json::Value* now = Field(d, "now", Type::kBool);
  const json::Value* time = Field(d, "time", Type::kInt);
  if (now != nullptr && !now->as_bool() && time != nullptr) {
    m_now->setChecked(false);
    setTime(m_time, absl::FromUnixSeconds(time->as_int()));
  }
  if (const json::Value* v = Field(d, "refs", Type::kString)) {
    m_refs->setText(Formats::qs(v->as_string()));
  }
  if (const json::Value* v = Field(d, "corrects", Type::kString)) {
    m_corrects->setText(Formats::qs(v->as_string()));
  }
  if (const json::Value* v = Field(d, "owner", Type::kString)) {
    const QString owner = Formats::qs(v->as_string());
    const int i = m_owner->findData(owner);
    if (i > 0) {
      m_owner->setCurrentIndex(i);
    } else if (!owner.isEmpty()) {
      m_pendingOwner = owner;  // the people have not arrived yet
    }
  }
  if (const json::Value* v = Field(d, "deadline_set", Type::kBool)) {
    m_deadlineSet->setChecked(v->as_bool());
  }
  if (const json::Value* v = Field(d, "deadline", Type::kInt)) {
    setTime(m_deadline, absl::FromUnixSeconds(v->as_int()));
  }
  if (const json::Value* v = Field(d, "action", Type::kInt)) {
    const int i = m_action->findData(QVariant::fromValue<qlonglong>(v->as_int()));
    if (i >= 0) {
      m_action->setCurrentIndex(i);
    } else if (v->as_int() > 0) {
      m_pendingAction = v->as_int();  // the actions have not arrived yet
    }
  }
  if (const json::Value* v = Field(d, "status", Type::kString)) {
    const int i = m_status->findData(Formats::qs(v->as_string()));
    if (i >= 0) m_status->setCurrentIndex(i);
  }
  if (const json::Value* v = Field(d, "grip", Type::kString)) {
    const int i = m_grip->findData(Formats::qs(v->as_string()));
    if (i >= 0) {
      m_grip->setCurrentIndex(i);
      m_gripChosen = true;
    }
  }
  m_loading = loading;
}

std::string EntryForm::draft() const {
  const QString owner =
      m_pendingOwner.isEmpty() ? m_owner->currentData().toString() : m_pendingOwner;
  const qlonglong action =
      m_pendingAction > 0 ? m_pendingAction : m_action->currentData().toLongLong();
  // Nothing filled in: the form as it starts.
  if (m_text->toPlainText().isEmpty() && m_refs->text().isEmpty() && m_corrects->text().isEmpty() &&
      m_now->isChecked() && owner.isEmpty() && !m_gripChosen && m_kind->currentIndex() <= 0) {
    return std::string();
  }
  json::Value d = json::Value::MakeObject();
  d.Set("v", kDraftVersion);
  d.Set("kind", crisis::KindName(kind()));
  d.Set("text", m_text->toPlainText().toStdString());
  d.Set("now", m_now->isChecked());
  if (!m_now->isChecked()) d.Set("time", absl::ToUnixSeconds(timeOf(m_time)));
  d.Set("refs", m_refs->text().toStdString());
  d.Set("corrects", m_corrects->text().toStdString());
  d.Set("owner", owner.toStdString());
  d.Set("deadline_set", m_deadlineSet->isChecked());
  if (m_deadlineSet->isChecked()) d.Set("deadline", absl::ToUnixSeconds(timeOf(m_deadline)));
  if (action > 0) d.Set("action", static_cast<int64_t>(action));
  d.Set("status", m_status->currentData().toString().toStdString());
  if (m_gripChosen) d.Set("grip", m_grip->currentData().toString().toStdString());
  return d.Serialize();
}

void EntryForm::setWritable(bool writable) {
  m_writable = writable;
  fillActions();
  updateFields();
}

void EntryForm::setReporter(const std::string& person) {
  m_reporter = person;
  fillActions();
  updateFields();
}

void EntryForm::setBusy(bool busy) {
  m_busy = busy;
  updateFields();
}

void EntryForm::updateFields() {
  const bool own = ownActionsOnly();
  if (own && kind() != crisis::EntryKind::kActionUpdate) {
    const QSignalBlocker block(m_kind);
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(crisis::EntryKind::kActionUpdate)));
  }
  const crisis::EntryKind k = kind();
  const bool correction = k == crisis::EntryKind::kCorrection;
  const bool update = k == crisis::EntryKind::kActionUpdate;
  const bool owner = HasOwnerAndDeadline(k);
  const bool grip = k == crisis::EntryKind::kGripChange;
  // Rows of the form are shown and hidden as rows: hiding their widgets one by one leaves
  // QFormLayout (Qt 6.4) laying a row shown again out at no height.
  m_form->setRowVisible(m_corrects, correction);
  // A correction left without a time keeps the time of the entry it corrects (the server's
  // rule); a time given corrects that too.
  m_now->setText(correction ? tr("Time of the c&orrected entry") : tr("N&ow"));
  m_form->setRowVisible(m_action, update);
  m_form->setRowVisible(m_status, update);
  // Reporting on one's own action: its status and a note, not its owner or deadline.
  m_form->setRowVisible(m_owner, owner && !own);
  m_form->setRowVisible(m_deadline, owner && !own);
  m_form->setRowVisible(m_refs, !own);
  m_form->setRowVisible(m_grip, grip);
  const bool reportable = own && m_action->count() > 0;
  const bool open = (m_writable || reportable) && m_crisisId > 0;
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_kind, m_text, m_now, m_refs, m_corrects, m_action,
                                       m_status, m_owner, m_deadlineSet, m_grip}) {
    w->setEnabled(open);
  }
  m_kind->setEnabled(open && m_writable);
  m_time->setEnabled(open && !m_now->isChecked());
  m_deadline->setEnabled(open && m_deadlineSet->isChecked());
  m_send->setEnabled(open && !m_busy);
  if (reportable && m_crisisId > 0) {
    m_note->setText(tr("You report on the actions you own; coordinators write the rest of the log."));
  } else if (!m_writable) {
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
  absl::Status s = m_drafts->SaveDraft(draftKey(m_crisisId), draft());
  if (!s.ok()) {
    showError(tr("The draft could not be saved: %1").arg(Formats::qs(std::string(s.message()))));
  }
}

void EntryForm::load(const crisis::AppendRequest& r) {
  json::Value d = json::Value::MakeObject();
  d.Set("v", kDraftVersion);
  d.Set("kind", crisis::KindName(r.kind));
  d.Set("text", r.text);
  d.Set("now", !r.event_time.has_value());
  if (r.event_time) d.Set("time", absl::ToUnixSeconds(*r.event_time));
  d.Set("refs", absl::StrJoin(r.refs, ", "));
  d.Set("corrects", r.corrects != 0 ? absl::StrCat(r.corrects) : std::string());
  d.Set("owner", r.action_owner);
  d.Set("deadline_set", r.action_deadline.has_value());
  if (r.action_deadline) d.Set("deadline", absl::ToUnixSeconds(*r.action_deadline));
  if (r.action_ref != 0) d.Set("action", r.action_ref);
  d.Set("status", r.action_status);
  if (!r.grip.empty()) d.Set("grip", r.grip);
  applyDraft(d.Serialize());
  m_error->hide();
  updateFields();
  saveDraft();
}

absl::StatusOr<crisis::AppendRequest> EntryForm::request() const {
  crisis::AppendRequest r;
  r.crisis_id = m_crisisId;
  if (m_crisisId <= 0)
    return absl::InvalidArgumentError(tr("Crisis: choose a crisis first").toStdString());
  r.kind = kind();
  r.text = m_text->toPlainText().trimmed().toStdString();
  if (r.text.empty() && !TextOptional(r.kind)) {
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
      ownActionsOnly()
          ? QStringList()
          : m_refs->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
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
  if (r.kind == crisis::EntryKind::kActionUpdate) {
    r.action_ref = m_action->currentData().toLongLong();
    if (r.action_ref <= 0) {
      return absl::InvalidArgumentError(
          tr("Action to update: choose the action this update is about").toStdString());
    }
    // The update refers to its action, as `paraat crisis action-update` does.
    if (std::find(r.refs.begin(), r.refs.end(), r.action_ref) == r.refs.end()) {
      r.refs.push_back(r.action_ref);
    }
    r.action_status = m_status->currentData().toString().toStdString();
  }
  if (HasOwnerAndDeadline(r.kind) && !ownActionsOnly()) {
    r.action_owner = m_owner->currentData().toString().toStdString();
    if (r.kind == crisis::EntryKind::kAction && r.action_owner.empty()) {
      return absl::InvalidArgumentError(tr("Owner: choose who does the action").toStdString());
    }
    if (m_deadlineSet->isChecked()) {
      const absl::Time d = timeOf(m_deadline);
      if (d < absl::Now() - absl::Minutes(1)) {
        return absl::InvalidArgumentError(
            tr("Deadline: %1 lies in the past").arg(Formats::dateTime(d)).toStdString());
      }
      r.action_deadline = d;
    }
    if (r.kind == crisis::EntryKind::kActionUpdate && r.action_status.empty() &&
        r.action_owner.empty() && !r.action_deadline.has_value()) {
      return absl::InvalidArgumentError(
          tr("New status: choose a new status, owner or deadline").toStdString());
    }
  }
  if (r.kind == crisis::EntryKind::kGripChange) {
    r.grip = m_grip->currentData().toString().toStdString();
    if (r.grip.empty()) {
      return absl::InvalidArgumentError(tr("New GRIP level: choose a level").toStdString());
    }
    // A change that happened earlier may repeat the level: it is history (the server decides).
    if (r.grip == m_currentGrip && !r.event_time.has_value()) {
      return absl::InvalidArgumentError(tr("New GRIP level: the crisis is already at %1")
                                            .arg(CrisisWords::grip(r.grip))
                                            .toStdString());
    }
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
  if (!message.isEmpty()) revealLater(m_error);
}

void EntryForm::resetFields() {
  const bool loading = m_loading;
  m_loading = true;
  m_text->clear();
  m_refs->clear();
  m_corrects->clear();
  m_now->setChecked(true);
  setTime(m_time, absl::Now());  // greyed while "now" is ticked, but not an old time
  m_owner->setCurrentIndex(0);
  m_pendingOwner.clear();
  m_pendingAction = 0;
  m_status->setCurrentIndex(m_status->findData(QStringLiteral("done")));
  setTime(m_deadline, DefaultDeadline());
  m_deadlineSet->setChecked(kind() == crisis::EntryKind::kAction);
  m_gripChosen = false;
  pickDefaultGrip();
  m_loading = loading;
}

void EntryForm::clear() {
  resetFields();
  m_error->hide();
  if (m_drafts && m_crisisId > 0) (void)m_drafts->SaveDraft(draftKey(m_crisisId), "");
}

}  // namespace desk
}  // namespace paraat
