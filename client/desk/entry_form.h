// SPDX-License-Identifier: EUPL-1.2
// The form for a new entry in a crisis log: kind, text, the time it happened (now unless
// given) and the entries it refers to (a correction names the entry it corrects; an action
// names its owner, chosen from the people list, and a deadline; an action update names the
// action and its new status, owner or deadline; a GRIP change names the new level). Fields
// that do not apply to the chosen kind are hidden. What is typed and chosen (every field) is
// saved as a draft in the local cache on every change, per crisis, as one JSON object, so
// nothing is lost when the app quits or crashes; it comes back when the crisis is shown again.
// A draft of an older version (the text alone, not JSON) comes back as the text.
#ifndef PARAAT_CLIENT_DESK_ENTRY_FORM_H_
#define PARAAT_CLIENT_DESK_ENTRY_FORM_H_

#include <QGroupBox>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/api/client.h"
#include "client/cache/cache.h"
#include "common/crisis/rules.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace paraat {
namespace desk {

class EntryForm : public QGroupBox {
  Q_OBJECT

 public:
  explicit EntryForm(QWidget* parent = nullptr);

  // The crisis the form writes to (0: none) and where drafts are kept (may be null). Loads
  // the crisis's draft.
  void setCrisis(int64_t crisisId, std::shared_ptr<client::cache::Cache> drafts);
  int64_t crisisId() const { return m_crisisId; }
  // Whether the signed-in account may write (else the form says who may).
  void setWritable(bool writable);
  // The signed-in person (key): without the right to write, they may still report on the
  // actions they own (an update with a status and a note), and the form offers only that.
  void setReporter(const std::string& person);
  // The people an action can be given to (shown by name).
  void setPeople(std::vector<directory::Person> people);
  // The actions of the crisis an update can refer to.
  void setActions(const std::vector<client::ActionView>& actions);
  // The GRIP level the crisis is at (a GRIP change must name another one).
  void setCurrentGrip(const std::string& grip);
  // Chooses the kind of entry (as the kind box does).
  void setKind(crisis::EntryKind kind);

  // The request the form describes, checked; INVALID_ARGUMENT naming the field otherwise.
  absl::StatusOr<crisis::AppendRequest> request() const;
  // Empties the form and forgets the draft (after the entry was sent or queued).
  void clear();
  // Fills the form with `r` (an entry the server refused from the outbox), as a draft.
  void load(const crisis::AppendRequest& r);
  void showError(const QString& message);
  void setBusy(bool busy);

  QComboBox* kindBox() const { return m_kind; }
  QPlainTextEdit* textEdit() const { return m_text; }
  QCheckBox* nowBox() const { return m_now; }
  QDateTimeEdit* timeEdit() const { return m_time; }
  QLineEdit* refsEdit() const { return m_refs; }
  QLineEdit* correctsEdit() const { return m_corrects; }
  QComboBox* ownerBox() const { return m_owner; }
  QCheckBox* deadlineBox() const { return m_deadlineSet; }
  QDateTimeEdit* deadlineEdit() const { return m_deadline; }
  QComboBox* actionBox() const { return m_action; }
  QComboBox* statusBox() const { return m_status; }
  QComboBox* gripBox() const { return m_grip; }
  QPushButton* sendButton() const { return m_send; }
  QLabel* errorLabel() const { return m_error; }

  // The cache key of a crisis's draft.
  static std::string draftKey(int64_t crisisId);
  // The draft of the form as it is (a JSON object), or "" when nothing was filled in.
  std::string draft() const;

 Q_SIGNALS:
  void submitted(const paraat::crisis::AppendRequest& request);

 private:
  void saveDraft();
  // Puts the fields back as a draft describes them (JSON, or an older plain text).
  void applyDraft(const std::string& draft);
  // Empties the fields (keeping the kind), as after sending.
  void resetFields();
  // Selects the GRIP level usually chosen next from the current one.
  void pickDefaultGrip();
  void updateFields();
  void kindChanged();
  // Fills the action box from m_actions (only the reporter's own, when only those).
  void fillActions();
  // Not writing the log, but reporting on one's own actions.
  bool ownActionsOnly() const { return !m_writable && !m_reporter.empty(); }
  void submit();
  crisis::EntryKind kind() const;

  int64_t m_crisisId = 0;
  std::shared_ptr<client::cache::Cache> m_drafts;
  bool m_writable = false;
  std::string m_reporter;
  std::vector<client::ActionView> m_actions;
  bool m_loading = false;
  bool m_busy = false;
  // Draft values whose lists have not arrived yet (the people, the actions of the crisis).
  QString m_pendingOwner;
  qlonglong m_pendingAction = 0;
  // Whether the new GRIP level was chosen (by hand or by a draft), not offered by default.
  bool m_gripChosen = false;
  QComboBox* m_kind;
  QPlainTextEdit* m_text;
  QCheckBox* m_now;
  QDateTimeEdit* m_time;
  QLineEdit* m_refs;
  QLabel* m_correctsLabel;
  QLineEdit* m_corrects;
  QLabel* m_ownerLabel;
  QComboBox* m_owner;
  QCheckBox* m_deadlineSet;
  QFormLayout* m_form;
  QDateTimeEdit* m_deadline;
  QLabel* m_actionLabel;
  QComboBox* m_action;
  QLabel* m_statusLabel;
  QComboBox* m_status;
  QLabel* m_gripLabel;
  QComboBox* m_grip;
  std::string m_currentGrip;
  QPushButton* m_send;
  QLabel* m_note;
  QLabel* m_error;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_ENTRY_FORM_H_
