// SPDX-License-Identifier: EUPL-1.2
// Asks a colleague to take (part of) one of my duties, or, for a regional administrator,
// arranges a swap of anyone's duty (approved at once). The refusal of the server is shown in
// the dialog, which stays open.
#ifndef PARAAT_CLIENT_DESK_SWAP_DIALOG_H_
#define PARAAT_CLIENT_DESK_SWAP_DIALOG_H_

#include <QDialog>

#include <optional>
#include <vector>

#include "client/api/async_client.h"
#include "client/desk/pool_directory.h"
#include "client/desk/form_parts.h"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paraat {
namespace desk {

class SwapDialog : public CallDialog {
  Q_OBJECT

 public:
  enum class Mode { Request, Arrange };

  // `duties`: the duties to choose from (those without a roster shift are left out);
  // `selected`: the one to preselect (index into `duties`, or -1).
  SwapDialog(client::AsyncClient* client, Mode mode, std::vector<client::Duty> duties,
             PoolDirectory directory, int selected, QWidget* parent = nullptr);

  const std::optional<client::SwapView>& result() const { return m_result; }
  // The request as the fields say (for tests).
  std::optional<client::SwapRequestArgs> request() const;

 private:
  void dutyChanged();
  void submit();

  client::AsyncClient* m_client;
  Mode m_mode;
  std::vector<client::Duty> m_duties;
  PoolDirectory m_directory;
  QComboBox* m_duty;
  QComboBox* m_taker;
  QCheckBox* m_partOnly;
  QDateTimeEdit* m_from;
  QDateTimeEdit* m_to;
  QLineEdit* m_reason;
  QLabel* m_error;
  QPushButton* m_ok;
  std::optional<client::SwapView> m_result;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_SWAP_DIALOG_H_
