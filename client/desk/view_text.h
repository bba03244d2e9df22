// SPDX-License-Identifier: EUPL-1.2
// The texts a widget tree shows, in creation order: group titles, labels, buttons (marked when
// disabled), the choice in each combo box, and every table with its header. Used by
// `paraat-desk --dump-view` and the tests to check what a person would read.
#ifndef PARAAT_CLIENT_DESK_VIEW_TEXT_H_
#define PARAAT_CLIENT_DESK_VIEW_TEXT_H_

#include <QStringList>

class QAbstractItemModel;
class QWidget;

namespace paraat {
namespace desk {

QStringList visibleTexts(const QWidget* root);
// One line per row, cells separated by " | ", the header first.
QStringList tableTexts(const QAbstractItemModel* model);

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_VIEW_TEXT_H_
