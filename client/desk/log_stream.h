// SPDX-License-Identifier: EUPL-1.2
// The live log of one crisis: WatchCrisis on a thread of its own (it blocks), from the last
// entry the view holds; the client library reconnects with backoff and resumes after the
// last entry seen, so nothing is missed or doubled across outages. Entries are remembered in
// the local cache (when there is one) on that thread and delivered on the GUI thread.
// Destroying the object stops the stream within about 50 ms.
#ifndef PARAAT_CLIENT_DESK_LOG_STREAM_H_
#define PARAAT_CLIENT_DESK_LOG_STREAM_H_

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "client/api/client.h"
#include "client/cache/cache.h"

namespace paraat {
namespace desk {

class LogStream : public QObject {
  Q_OBJECT

 public:
  LogStream(std::shared_ptr<client::Client> client, std::shared_ptr<client::cache::Cache> cache,
            int64_t crisisId, int64_t afterSeq, QObject* parent = nullptr);
  ~LogStream() override;

  int64_t crisisId() const { return m_crisisId; }

 Q_SIGNALS:
  void entries(const std::vector<paraat::crisis::Entry>& entries);
  // "connected", "reconnecting: <reason>".
  void stateChanged(const QString& state);
  // The stream ended for good (refused); `message` is the server's.
  void failed(const QString& message);

 private:
  int64_t m_crisisId;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_LOG_STREAM_H_
