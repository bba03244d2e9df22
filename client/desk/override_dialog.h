// SPDX-License-Identifier: EUPL-1.2
// Puts someone on duty in a pool from now until a given time, on top of the roster (an
// emergency). For coordinators and administrators.
#ifndef PARAAT_CLIENT_DESK_OVERRIDE_DIALOG_H_
#define PARAAT_CLIENT_DESK_OVERRIDE_DIALOG_H_

#include <QDialog>

#include <optional>

#include "client/api/async_client.h"
#include "client/desk/pool_directory.h"
#include "client/desk/form_parts.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paraat {
namespace desk {

class OverrideDialog : public CallDialog {
  Q_OBJECT

 public:
  OverrideDialog(client::AsyncClient* client, PoolDirectory directory, const std::string& pool,
                 QWidget* parent = nullptr);
  const std::optional<client::OverrideView>& result() const { return m_result; }

 private:
  void poolChanged();
  void submit();

  client::AsyncClient* m_client;
  PoolDirectory m_directory;
  QComboBox* m_pool;
  QComboBox* m_person;
  QDateTimeEdit* m_until;
  QLineEdit* m_reason;
  QLabel* m_error;
  QPushButton* m_ok;
  std::optional<client::OverrideView> m_result;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_OVERRIDE_DIALOG_H_
