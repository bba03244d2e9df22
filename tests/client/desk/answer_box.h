// SPDX-License-Identifier: EUPL-1.2
// Answers the next modal message box as a user would: presses the button whose text (without
// its Alt '&') is `button`, and keeps the question in *asked.
#ifndef PARAAT_TESTS_CLIENT_DESK_ANSWER_BOX_H_
#define PARAAT_TESTS_CLIENT_DESK_ANSWER_BOX_H_

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QString>
#include <QTimer>

namespace paraat::testing {

inline void AnswerNextBox(const QString& button, QString* asked) {
  auto* timer = new QTimer(qApp);
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer, button, asked] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (box == nullptr) return;
    for (QAbstractButton* b : box->buttons()) {
      if (QString(b->text()).remove(QLatin1Char('&')) == button) {
        *asked = box->text();
        timer->stop();
        timer->deleteLater();
        b->click();
        return;
      }
    }
  });
  timer->start();
}

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_CLIENT_DESK_ANSWER_BOX_H_
