// SPDX-License-Identifier: EUPL-1.2
// The server log: one line per event on stderr with time, level, component, message and
// key=value fields. Never pass a password, token or feed secret as a field.
#ifndef PARAAT_SERVER_LOG_LOG_H_
#define PARAAT_SERVER_LOG_LOG_H_

#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

namespace paraat::log {

enum class Level { kDebug, kInfo, kWarning, kError };

using Field = std::pair<absl::string_view, std::string>;

// Writes one line:
//   2026-11-27T20:15:03.123Z INFO  storage  database opened path=/var/lib/paraat/paraat.db
// Values with spaces or quotes are quoted. Thread-safe; lines never interleave.
void Write(Level level, absl::string_view component, absl::string_view message,
           std::initializer_list<Field> fields = {});

// The same with fields gathered at run time.
void Write(Level level, absl::string_view component, absl::string_view message,
           const std::vector<Field>& fields);

inline void Info(absl::string_view component, absl::string_view message,
                 std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, component, message, fields);
}
inline void Warning(absl::string_view component, absl::string_view message,
                    std::initializer_list<Field> fields = {}) {
  Write(Level::kWarning, component, message, fields);
}
inline void Error(absl::string_view component, absl::string_view message,
                  std::initializer_list<Field> fields = {}) {
  Write(Level::kError, component, message, fields);
}

// Lines below `level` are dropped (default kInfo).
void SetMinimumLevel(Level level);

}  // namespace paraat::log

#endif  // PARAAT_SERVER_LOG_LOG_H_
