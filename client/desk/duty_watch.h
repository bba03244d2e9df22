// SPDX-License-Identifier: EUPL-1.2
// DutyWatch decides when to tell the signed-in person about their duties: once, a day before
// each duty starts, and whenever their coming duties change between two polls. It keeps only
// what it saw last; the caller polls ListDuties and shows the notices.
#ifndef PARAAT_CLIENT_DESK_DUTY_WATCH_H_
#define PARAAT_CLIENT_DESK_DUTY_WATCH_H_

#include <QCoreApplication>
#include <QString>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/time/time.h"
#include "client/api/client.h"

namespace paraat {
namespace desk {

class DutyWatch {
  Q_DECLARE_TR_FUNCTIONS(DutyWatch)

 public:
  // How long before a duty starts its reminder comes.
  static constexpr absl::Duration kLead = absl::Hours(24);

  struct Notice {
    enum class Kind { Reminder, Changed };
    Kind kind;
    QString title;
    QString text;
  };

  // `duties`: the person's duties as ListDuties returned them for a window ending at
  // `horizon`, polled at `now`. The first call only remembers (and reminds); later calls also
  // report changes within the part of the future both polls covered.
  std::vector<Notice> update(const std::vector<client::Duty>& duties, absl::Time now,
                             absl::Time horizon);
  // Forgets everything (another person signed in).
  void reset();
  // Pool names for the notices (pool key -> "OvD-Bz Oost").
  void setPoolNames(std::map<std::string, std::string> names) { m_poolNames = std::move(names); }

 private:
  using Key = std::tuple<std::string, absl::Time, absl::Time, int, int64_t>;
  static std::vector<Key> keys(const std::vector<client::Duty>& duties, absl::Time from,
                               absl::Time to);

  bool m_primed = false;
  std::vector<client::Duty> m_last;
  absl::Time m_lastHorizon;
  std::set<std::pair<std::string, absl::Time>> m_reminded;  // (pool, start)
  std::map<std::string, std::string> m_poolNames;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_DUTY_WATCH_H_
