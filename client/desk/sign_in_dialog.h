// SPDX-License-Identifier: EUPL-1.2
// Sign-in: server address, user name and password. On success the session is stored in the
// CLI's token file and the server and user name in the client settings (never the password);
// on failure the server's message is shown and the password field is cleared.
#ifndef PARAAT_CLIENT_DESK_SIGN_IN_DIALOG_H_
#define PARAAT_CLIENT_DESK_SIGN_IN_DIALOG_H_

#include <QDialog>

#include <optional>

#include "absl/status/status.h"

#include "client/api/async_client.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace paraat {
namespace desk {

class SignInDialog : public QDialog {
  Q_OBJECT

 public:
  SignInDialog(client::AsyncClient* client, const QString& server, const QString& username,
               QWidget* parent = nullptr);

  // After accept(): what Login returned.
  const std::optional<client::LoginResult>& result() const { return m_result; }
  // Shows a message above the fields (e.g. why signing in again is needed).
  void setMessage(const QString& message);
  // Why signing in at `server` failed, for people: a wrong password, a lock-out or an
  // unreachable server in the window's language; other refusals as the server gave them.
  static QString explain(const absl::Status& status, const QString& server);

 private:
  void signIn();
  void setBusy(bool busy);

  client::AsyncClient* m_client;
  QLineEdit* m_server;
  QLineEdit* m_username;
  QLineEdit* m_password;
  QLabel* m_message;
  QPushButton* m_signIn;
  QPushButton* m_cancel;
  std::optional<client::LoginResult> m_result;
};

// Stores a session like `paraat login` does, and remembers server and user name.
// Returns an error text, or an empty string.
QString storeSession(const std::string& server, const std::string& username,
                     const client::LoginResult& login);

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_SIGN_IN_DIALOG_H_
