// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/feed_link.h"

#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "client/api/async_client.h"

namespace paraat {
namespace desk {

void ServerFeedLinks::createLink(QObject* context,
                                 std::function<void(absl::StatusOr<QString>)> done) {
  m_client->createFeedLink(context, /*pool=*/"", [done](absl::StatusOr<client::NewFeedLink> r) {
    if (!r.ok()) {
      done(r.status());
    } else if (!r->url.empty()) {
      done(QString::fromStdString(r->url));
    } else {
      // A path alone is of no use to a calendar app; only the administrator knows the address.
      done(absl::FailedPreconditionError(
          tr("The server does not know at which address its calendar feeds are published "
             "(paraat-server --feed-url). Ask the administrator.")
              .toStdString()));
    }
  });
}

void ServerFeedLinks::hasLink(QObject* context, std::function<void(absl::StatusOr<bool>)> done) {
  m_client->listFeedLinks(context, /*everyone=*/false, /*includeRevoked=*/false,
                          [done](absl::StatusOr<std::vector<client::FeedLinkView>> r) {
                            if (!r.ok()) {
                              done(r.status());
                              return;
                            }
                            done(std::any_of(r->begin(), r->end(), [](const auto& l) {
                              return l.target.kind == roster::FeedKind::kPerson;
                            }));
                          });
}

QString NoFeedLinks::unavailableReason() const {
  return tr("This server does not offer iCalendar feed links yet.");
}

void NoFeedLinks::createLink(QObject*, std::function<void(absl::StatusOr<QString>)> done) {
  if (done) done(absl::UnimplementedError("iCalendar feed links are not available"));
}

void NoFeedLinks::hasLink(QObject*, std::function<void(absl::StatusOr<bool>)> done) {
  if (done) done(false);
}

}  // namespace desk
}  // namespace paraat
