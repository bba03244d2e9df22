// SPDX-License-Identifier: EUPL-1.2
// Notifications to the signed-in person: a system tray message where the desktop has a tray,
// else a banner at the top of the window that stays until it is closed.
#ifndef PARAAT_CLIENT_DESK_NOTIFIER_H_
#define PARAAT_CLIENT_DESK_NOTIFIER_H_

#include <QFrame>
#include <QIcon>
#include <QObject>
#include <QString>

class QLabel;
class QPushButton;
class QSystemTrayIcon;

namespace paraat {
namespace desk {

// The in-window notification: bold title and text on a yellow band, with a close button.
class Banner : public QFrame {
  Q_OBJECT

 public:
  enum class Kind { Info, Warning };
  explicit Banner(QWidget* parent = nullptr);
  void showMessage(const QString& title, const QString& text, Kind kind = Kind::Info);
  QString text() const;

 private:
  QLabel* m_label;
  QPushButton* m_close;
};

class Notifier : public QObject {
  Q_OBJECT

 public:
  // `banner` is used when there is no system tray. `icon` is the tray icon.
  Notifier(Banner* banner, const QIcon& icon, QObject* parent = nullptr);
  bool usesTray() const { return m_tray != nullptr; }
  void notify(const QString& title, const QString& text);
  // The last notification, for tests and --dump-view.
  QString last() const { return m_last; }

 Q_SIGNALS:
  // The person clicked the tray icon or its message: bring the window up.
  void activated();

 private:
  Banner* m_banner;
  QSystemTrayIcon* m_tray = nullptr;
  QString m_last;
};

// Paraat's icon, drawn (no image files to ship).
QIcon appIcon();

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_NOTIFIER_H_
