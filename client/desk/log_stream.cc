// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/log_stream.h"

#include <QMetaObject>

#include "client/api/offline.h"

namespace paraat {
namespace desk {

LogStream::LogStream(std::shared_ptr<client::Client> client,
                     std::shared_ptr<client::cache::Cache> cache, int64_t crisisId,
                     int64_t afterSeq, QObject* parent)
    : QObject(parent), m_crisisId(crisisId) {
  m_thread = std::thread(
      [this, client = std::move(client), cache = std::move(cache), crisisId, afterSeq]() {
        int64_t after = afterSeq;
        // Deliveries are queued events of this object: its destructor (which first joins this
        // thread) discards any not yet delivered.
        const absl::Status s = client->WatchCrisis(
            crisisId, &after,
            [this, &cache](const crisis::Entry& e) {
              if (cache) (void)client::RememberEntries(*cache, {e});
              QMetaObject::invokeMethod(
                  this, [this, e] { Q_EMIT entries({e}); }, Qt::QueuedConnection);
              return true;
            },
            &m_stop,
            [this](const std::string& state) {
              const QString text = QString::fromStdString(state);
              QMetaObject::invokeMethod(
                  this, [this, text] { Q_EMIT stateChanged(text); }, Qt::QueuedConnection);
            });
        if (!s.ok() && !m_stop.load()) {
          const QString message = QString::fromStdString(std::string(s.message()));
          QMetaObject::invokeMethod(
              this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
        }
      });
}

LogStream::~LogStream() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
}

}  // namespace desk
}  // namespace paraat
