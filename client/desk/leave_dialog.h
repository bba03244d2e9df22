// SPDX-License-Identifier: EUPL-1.2
// Registers leave (unavailability): mine, or for an administrator anyone's. The server answers
// with the duties the leave clashes with, which the dialog's caller shows.
#ifndef PARAAT_CLIENT_DESK_LEAVE_DIALOG_H_
#define PARAAT_CLIENT_DESK_LEAVE_DIALOG_H_

#include <QDialog>

#include <optional>
#include <utility>
#include <vector>

#include "client/api/async_client.h"
#include "client/desk/pool_directory.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paraat {
namespace desk {

class LeaveDialog : public QDialog {
  Q_OBJECT

 public:
  using Result = std::pair<client::LeaveView, std::vector<client::ClashView>>;

  // `forOthers`: the person can be chosen (administrators); else it is the signed-in person.
  LeaveDialog(client::AsyncClient* client, PoolDirectory directory, bool forOthers,
              const std::string& me, QWidget* parent = nullptr);

  const std::optional<Result>& result() const { return m_result; }
  void setInterval(absl::Time from, absl::Time to);

 private:
  void submit();

  client::AsyncClient* m_client;
  QComboBox* m_person = nullptr;
  QDateTimeEdit* m_from;
  QDateTimeEdit* m_to;
  QLineEdit* m_reason;
  QLabel* m_error;
  QPushButton* m_ok;
  std::optional<Result> m_result;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_LEAVE_DIALOG_H_
