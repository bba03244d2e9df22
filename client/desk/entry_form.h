// SPDX-License-Identifier: EUPL-1.2
// The form for a new entry in a crisis log: kind, text, the time it happened (now unless
// given) and the entries it refers to (a correction names the entry it corrects). What is
// typed is saved as a draft in the local cache on every change, per crisis, so nothing typed
// is lost when the app quits or crashes; it comes back when the crisis is shown again.
#ifndef PARAAT_CLIENT_DESK_ENTRY_FORM_H_
#define PARAAT_CLIENT_DESK_ENTRY_FORM_H_

#include <QGroupBox>

#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "client/cache/cache.h"
#include "common/crisis/rules.h"

class QCheckBox;
class QComboBox;
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

  // The request the form describes, checked; INVALID_ARGUMENT naming the field otherwise.
  absl::StatusOr<crisis::AppendRequest> request() const;
  // Empties the form and forgets the draft (after the entry was sent or queued).
  void clear();
  void showError(const QString& message);
  void setBusy(bool busy);

  QComboBox* kindBox() const { return m_kind; }
  QPlainTextEdit* textEdit() const { return m_text; }
  QCheckBox* nowBox() const { return m_now; }
  QDateTimeEdit* timeEdit() const { return m_time; }
  QLineEdit* refsEdit() const { return m_refs; }
  QLineEdit* correctsEdit() const { return m_corrects; }
  QPushButton* sendButton() const { return m_send; }
  QLabel* errorLabel() const { return m_error; }

  // The cache key of a crisis's draft.
  static std::string draftKey(int64_t crisisId);

 Q_SIGNALS:
  void submitted(const paraat::crisis::AppendRequest& request);

 private:
  void saveDraft();
  void updateFields();
  void submit();

  int64_t m_crisisId = 0;
  std::shared_ptr<client::cache::Cache> m_drafts;
  bool m_writable = false;
  bool m_loading = false;
  bool m_busy = false;
  QComboBox* m_kind;
  QPlainTextEdit* m_text;
  QCheckBox* m_now;
  QDateTimeEdit* m_time;
  QLineEdit* m_refs;
  QLabel* m_correctsLabel;
  QLineEdit* m_corrects;
  QPushButton* m_send;
  QLabel* m_note;
  QLabel* m_error;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_ENTRY_FORM_H_
