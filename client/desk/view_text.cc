// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/view_text.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QTabWidget>

namespace paraat {
namespace desk {

namespace {

QString plain(QString text) {
  // Mnemonic markers are not shown; "&&" is a literal ampersand.
  text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
  text.remove(QLatin1Char('&'));
  text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
  return text;
}

void walk(const QWidget* w, const QWidget* root, QStringList& out) {
  if (w != root && !w->isVisibleTo(root)) return;
  if (const auto* g = qobject_cast<const QGroupBox*>(w)) {
    out << QStringLiteral("== %1 ==").arg(plain(g->title()));
  } else if (const auto* l = qobject_cast<const QLabel*>(w)) {
    if (!l->text().isEmpty()) out << plain(l->text());
  } else if (const auto* b = qobject_cast<const QAbstractButton*>(w)) {
    if (!b->text().isEmpty()) {
      out << QStringLiteral("[%1]%2").arg(
          plain(b->text()), b->isEnabled() ? QString() : QStringLiteral(" (disabled)"));
    }
    return;
  } else if (const auto* c = qobject_cast<const QComboBox*>(w)) {
    out << QStringLiteral("<%1>").arg(c->currentText());
    return;
  } else if (const auto* v = qobject_cast<const QAbstractItemView*>(w)) {
    if (v->model() != nullptr) out << tableTexts(v->model());
    return;
  } else if (const auto* t = qobject_cast<const QTabWidget*>(w)) {
    QStringList tabs;
    for (int i = 0; i < t->count(); ++i) tabs << plain(t->tabText(i));
    out << QStringLiteral("{%1}").arg(tabs.join(QStringLiteral(" | ")));
  }
  for (const QObject* child : w->children()) {
    if (const auto* cw = qobject_cast<const QWidget*>(child); cw != nullptr && !cw->isWindow()) {
      walk(cw, root, out);
    }
  }
}

}  // namespace

QStringList tableTexts(const QAbstractItemModel* model) {
  QStringList out;
  QStringList header;
  for (int c = 0; c < model->columnCount(); ++c) {
    header << model->headerData(c, Qt::Horizontal).toString();
  }
  out << header.join(QStringLiteral(" | "));
  for (int r = 0; r < model->rowCount(); ++r) {
    QStringList row;
    for (int c = 0; c < model->columnCount(); ++c) row << model->index(r, c).data().toString();
    out << row.join(QStringLiteral(" | "));
  }
  return out;
}

QStringList visibleTexts(const QWidget* root) {
  QStringList out;
  walk(root, root, out);
  return out;
}

}  // namespace desk
}  // namespace paraat
