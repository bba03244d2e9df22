// SPDX-License-Identifier: EUPL-1.2
// Opens a crisis (coordinators): title, type, the affected municipalities, the GRIP level and
// the first situation. The server checks the caller's scope and names what is wrong; the
// dialog stays open with what was typed until it succeeds. One idempotency key per dialog, so
// that a retry after a lost answer does not open the crisis twice. A title an open crisis has
// already is said before anything is sent (two coordinators under stress may open the same
// crisis twice); a second press opens it anyway.
#ifndef PARAAT_CLIENT_DESK_OPEN_CRISIS_DIALOG_H_
#define PARAAT_CLIENT_DESK_OPEN_CRISIS_DIALOG_H_

#include <QDialog>

#include <optional>
#include <string>
#include <vector>

#include "client/api/async_client.h"
#include "client/desk/form_parts.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace paraat {
namespace desk {

class OpenCrisisDialog : public CallDialog {
  Q_OBJECT

 public:
  explicit OpenCrisisDialog(client::AsyncClient* client, QWidget* parent = nullptr);

  // The crises the caller knows of (to warn of a title an open one has).
  void setKnownCrises(std::vector<crisis::Crisis> crises) { m_known = std::move(crises); }

  // After accept(): the crisis opened, and what the server warned of (an open crisis of the
  // same title that was opened meanwhile).
  const std::optional<crisis::Crisis>& result() const { return m_result; }
  const std::vector<std::string>& warnings() const { return m_warnings; }

  QLineEdit* titleEdit() const { return m_title; }
  QComboBox* typeBox() const { return m_type; }
  QListWidget* municipalityList() const { return m_municipalities; }
  QComboBox* gripBox() const { return m_grip; }
  QPlainTextEdit* textEdit() const { return m_text; }
  QPushButton* openButton() const { return m_open; }
  QLabel* errorLabel() const { return m_error; }

 Q_SIGNALS:
  // The municipalities to choose from were loaded.
  void municipalitiesLoaded();

 private:
  void submit();

  client::AsyncClient* m_client;
  QLineEdit* m_title;
  QComboBox* m_type;
  QListWidget* m_municipalities;
  QComboBox* m_grip;
  QPlainTextEdit* m_text;
  QLabel* m_error;
  QPushButton* m_open;
  std::string m_key;
  std::vector<crisis::Crisis> m_known;
  bool m_sameTitleConfirmed = false;
  std::optional<crisis::Crisis> m_result;
  std::vector<std::string> m_warnings;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_OPEN_CRISIS_DIALOG_H_
