// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/sign_in_dialog.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/api/session_store.h"
#include "client/desk/formats.h"
#include "client/desk/notifier.h"

namespace paraat {
namespace desk {

QString storeSession(const std::string& server, const std::string& username,
                     const client::LoginResult& login) {
  client::StoredSession s{server, username, login.token, login.expires};
  absl::Status st = client::SaveSession(s);
  if (st.ok()) st = client::SaveClientSetting("server", server);
  if (st.ok()) st = client::SaveClientSetting("username", username);
  return st.ok() ? QString() : Formats::qs(std::string(st.message()));
}

SignInDialog::SignInDialog(client::AsyncClient* client, const QString& server,
                           const QString& username, QWidget* parent)
    : QDialog(parent), m_client(client) {
  setWindowTitle(tr("Sign in to Paraat"));
  setWindowIcon(appIcon());
  auto* layout = new QVBoxLayout(this);

  auto* intro = new QLabel(tr("Sign in with your Paraat account."), this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  m_message = new QLabel(this);
  m_message->setWordWrap(true);
  m_message->setTextFormat(Qt::PlainText);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  m_message->setStyleSheet(QStringLiteral("QLabel { color: #8b0000; font-weight: bold; }"));
  m_message->hide();
  layout->addWidget(m_message);

  auto* form = new QFormLayout();
  m_server = new QLineEdit(server, this);
  m_server->setPlaceholderText(tr("host:port, e.g. 127.0.0.1:50051"));
  m_username = new QLineEdit(username, this);
  m_password = new QLineEdit(this);
  m_password->setEchoMode(QLineEdit::Password);
  form->addRow(tr("&Server:"), m_server);
  form->addRow(tr("&User name:"), m_username);
  form->addRow(tr("&Password:"), m_password);
  layout->addLayout(form);

  auto* buttons = new QHBoxLayout();
  buttons->addStretch(1);
  m_signIn = new QPushButton(tr("Sign &in"), this);
  m_signIn->setDefault(true);
  m_cancel = new QPushButton(tr("&Cancel"), this);
  buttons->addWidget(m_signIn);
  buttons->addWidget(m_cancel);
  layout->addLayout(buttons);

  connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
  connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
  setTabOrder(m_server, m_username);
  setTabOrder(m_username, m_password);
  setTabOrder(m_password, m_signIn);
  setTabOrder(m_signIn, m_cancel);
  if (server.isEmpty()) {
    m_server->setFocus();
  } else if (username.isEmpty()) {
    m_username->setFocus();
  } else {
    m_password->setFocus();
  }
  setMinimumWidth(420);
}

QString SignInDialog::explain(const absl::Status& status, const QString& server) {
  switch (status.code()) {
    case absl::StatusCode::kUnauthenticated:
      return tr("Wrong user name or password.");
    case absl::StatusCode::kResourceExhausted:
      return tr("Too many failed sign-ins for this user name; wait a while and try again. (%1)")
          .arg(Formats::qs(std::string(status.message())));
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return tr("The server %1 cannot be reached. Check the address and the network connection, "
                "or ask the administrator whether the server is running. (%2)")
          .arg(server, Formats::qs(std::string(status.message())));
    default:
      return Formats::qs(std::string(status.message()));
  }
}

void SignInDialog::setMessage(const QString& message) {
  m_message->setText(message);
  m_message->setVisible(!message.isEmpty());
  // A wrapped message can need more height than the dialog has: grow rather than let it
  // cover the fields.
  layout()->activate();
  const int need = layout()->totalHeightForWidth(width());
  if (need > height()) resize(width(), need);
}

void SignInDialog::setBusy(bool busy) {
  m_server->setEnabled(!busy);
  m_username->setEnabled(!busy);
  m_password->setEnabled(!busy);
  m_signIn->setEnabled(!busy);
  if (busy) setMessage(tr("Signing in…"));
}

void SignInDialog::signIn() {
  const QString server = m_server->text().trimmed();
  const QString username = m_username->text().trimmed();
  const QString password = m_password->text();
  if (server.isEmpty() || username.isEmpty() || password.isEmpty()) {
    setMessage(tr("Fill in the server, your user name and your password."));
    (server.isEmpty() ? m_server : username.isEmpty() ? m_username : m_password)->setFocus();
    return;
  }
  if (server != m_client->server()) m_client->setServer(server);
  setBusy(true);
  m_client->login(
      this, username.toStdString(), password.toStdString(),
      [this, server, username](absl::StatusOr<client::LoginResult> r) {
        setBusy(false);
        if (!r.ok()) {
          setMessage(explain(r.status(), server));
          m_password->clear();
          m_password->setFocus();
          return;
        }
        const QString error = storeSession(server.toStdString(), username.toStdString(), *r);
        m_result = std::move(*r);
        if (!error.isEmpty()) {
          // Signed in all the same; only the next start will ask again.
          setMessage(tr("Signed in, but the session could not be stored: %1").arg(error));
        }
        accept();
      });
}

}  // namespace desk
}  // namespace paraat
