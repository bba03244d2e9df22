// SPDX-License-Identifier: EUPL-1.2
// Registers leave (unavailability): mine, or for an administrator anyone's. The server answers
// with the duties the leave clashes with, which the dialog's caller shows. Below, the person's
// coming leave, any of which can be withdrawn (from now on; the record stays).
#ifndef PARAAT_CLIENT_DESK_LEAVE_DIALOG_H_
#define PARAAT_CLIENT_DESK_LEAVE_DIALOG_H_

#include <QDialog>

#include <optional>
#include <utility>
#include <vector>

#include "client/api/async_client.h"
#include "client/desk/pool_directory.h"
#include "client/desk/form_parts.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace paraat {
namespace desk {

class LeaveDialog : public CallDialog {
  Q_OBJECT

 public:
  using Result = std::pair<client::LeaveView, std::vector<client::ClashView>>;

  // `forOthers`: the person can be chosen (administrators); else it is the signed-in person.
  LeaveDialog(client::AsyncClient* client, PoolDirectory directory, bool forOthers,
              const std::string& me, QWidget* parent = nullptr);

  const std::optional<Result>& result() const { return m_result; }
  void setInterval(absl::Time from, absl::Time to);
  QListWidget* leaveList() const { return m_list; }

 Q_SIGNALS:
  // The list of coming leave was loaded (again).
  void leaveListed();
  // Leave was withdrawn; `text` says which.
  void withdrawn(const QString& text);

 private:
  void submit();
  void loadLeave();
  void withdraw();
  std::string person() const;

  client::AsyncClient* m_client;
  QComboBox* m_person = nullptr;
  QDateTimeEdit* m_from;
  QDateTimeEdit* m_to;
  QLineEdit* m_reason;
  QLabel* m_error;
  QPushButton* m_ok;
  QListWidget* m_list;
  QPushButton* m_withdraw;
  QLabel* m_listNote;
  int m_listGeneration = 0;
  std::optional<Result> m_result;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_LEAVE_DIALOG_H_
