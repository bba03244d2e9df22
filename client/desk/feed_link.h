// SPDX-License-Identifier: EUPL-1.2
// Where the "copy the iCalendar feed link" action gets its link. The server's FeedService
// (CreateFeedLink) is not in this build yet, so the action uses NoFeedLinks: it stays disabled
// and says why. A FeedService-backed source replaces it without touching the view.
#ifndef PARAAT_CLIENT_DESK_FEED_LINK_H_
#define PARAAT_CLIENT_DESK_FEED_LINK_H_

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>

#include "absl/status/statusor.h"

namespace paraat {
namespace desk {

class FeedLinkSource {
 public:
  virtual ~FeedLinkSource() = default;
  // Whether links can be made at all; when not, unavailableReason() says why.
  virtual bool available() const = 0;
  virtual QString unavailableReason() const = 0;
  // Makes (or returns) the signed-in person's secret feed link. `done` runs on the GUI thread
  // unless `context` is destroyed first.
  virtual void createLink(QObject* context,
                          std::function<void(absl::StatusOr<QString>)> done) = 0;
};

class NoFeedLinks : public FeedLinkSource {
  Q_DECLARE_TR_FUNCTIONS(NoFeedLinks)

 public:
  bool available() const override { return false; }
  QString unavailableReason() const override;
  void createLink(QObject* context, std::function<void(absl::StatusOr<QString>)> done) override;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_FEED_LINK_H_
