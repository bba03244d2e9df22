// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/feed_link.h"

#include "absl/status/status.h"

namespace paraat {
namespace desk {

QString NoFeedLinks::unavailableReason() const {
  return tr("This server does not offer iCalendar feed links yet.");
}

void NoFeedLinks::createLink(QObject*, std::function<void(absl::StatusOr<QString>)> done) {
  if (done) done(absl::UnimplementedError("iCalendar feed links are not available"));
}

}  // namespace desk
}  // namespace paraat
