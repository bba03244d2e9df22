// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/notifier.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace paraat {
namespace desk {

Banner::Banner(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("banner"));
  setFrameShape(QFrame::StyledPanel);
  setAutoFillBackground(true);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 8, 4);
  m_label = new QLabel(this);
  m_label->setWordWrap(true);
  m_label->setTextFormat(Qt::PlainText);
  m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  layout->addWidget(m_label, 1);
  m_close = new QPushButton(tr("Close &message"), this);
  layout->addWidget(m_close);
  connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
  hide();
}

void Banner::showMessage(const QString& title, const QString& text, Kind kind) {
  QPalette p = palette();
  p.setColor(QPalette::Window,
             kind == Kind::Warning ? QColor(0xf4, 0xb6, 0xb6) : QColor(0xff, 0xf0, 0xa8));
  p.setColor(QPalette::WindowText, Qt::black);
  setPalette(p);
  m_label->setText(title.isEmpty() ? text : tr("%1: %2").arg(title, text));
  show();
}

QString Banner::text() const { return isHidden() ? QString() : m_label->text(); }

Notifier::Notifier(Banner* banner, const QIcon& icon, QObject* parent)
    : QObject(parent), m_banner(banner) {
  if (QSystemTrayIcon::isSystemTrayAvailable()) {
    m_tray = new QSystemTrayIcon(icon, this);
    m_tray->setToolTip(tr("Paraat"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this] { Q_EMIT activated(); });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &Notifier::activated);
    m_tray->show();
  }
}

void Notifier::notify(const QString& title, const QString& text) {
  m_last = tr("%1: %2").arg(title, text);
  if (m_tray != nullptr && m_tray->supportsMessages()) {
    m_tray->showMessage(title, text, QSystemTrayIcon::Information, 15000);
  } else {
    m_banner->showMessage(title, text);
  }
}

QIcon appIcon() {
  QPixmap pm(64, 64);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  p.setBrush(QColor(0xc0, 0x3a, 0x1e));
  p.setPen(Qt::NoPen);
  p.drawEllipse(2, 2, 60, 60);
  QFont f;
  f.setBold(true);
  f.setPixelSize(40);
  p.setFont(f);
  p.setPen(Qt::white);
  p.drawText(pm.rect(), Qt::AlignCenter, QStringLiteral("P"));
  p.end();
  return QIcon(pm);
}

}  // namespace desk
}  // namespace paraat
