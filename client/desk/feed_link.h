// SPDX-License-Identifier: EUPL-1.2
// Where the "copy the calendar feed link" action gets its link: ServerFeedLinks asks the
// server's FeedService (CreateFeedLink) for a secret link to the signed-in person's duties;
// NoFeedLinks stands in where there is none (the action is then disabled and says why).
#ifndef PARAAT_CLIENT_DESK_FEED_LINK_H_
#define PARAAT_CLIENT_DESK_FEED_LINK_H_

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>

#include "absl/status/statusor.h"

namespace paraat {
namespace client {
class AsyncClient;
}  // namespace client

namespace desk {

class FeedLinkSource {
 public:
  virtual ~FeedLinkSource() = default;
  // Whether links can be made at all; when not, unavailableReason() says why.
  virtual bool available() const = 0;
  virtual QString unavailableReason() const = 0;
  // Makes the signed-in person's secret feed link (asking again replaces the old one). `done`
  // runs on the GUI thread unless `context` is destroyed first.
  virtual void createLink(QObject* context, std::function<void(absl::StatusOr<QString>)> done) = 0;
  // Whether the signed-in person has a link to their duties in force (that a new one would
  // replace), on the same terms.
  virtual void hasLink(QObject* context, std::function<void(absl::StatusOr<bool>)> done) = 0;
};

class ServerFeedLinks : public FeedLinkSource {
  Q_DECLARE_TR_FUNCTIONS(ServerFeedLinks)

 public:
  explicit ServerFeedLinks(client::AsyncClient* client) : m_client(client) {}
  bool available() const override { return true; }
  QString unavailableReason() const override { return QString(); }
  // FAILED_PRECONDITION when the server does not know the public address of its feeds.
  void createLink(QObject* context, std::function<void(absl::StatusOr<QString>)> done) override;
  void hasLink(QObject* context, std::function<void(absl::StatusOr<bool>)> done) override;

 private:
  client::AsyncClient* m_client;
};

class NoFeedLinks : public FeedLinkSource {
  Q_DECLARE_TR_FUNCTIONS(NoFeedLinks)

 public:
  bool available() const override { return false; }
  QString unavailableReason() const override;
  void createLink(QObject* context, std::function<void(absl::StatusOr<QString>)> done) override;
  void hasLink(QObject* context, std::function<void(absl::StatusOr<bool>)> done) override;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_FEED_LINK_H_
