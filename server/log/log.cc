// SPDX-License-Identifier: EUPL-1.2
#include "server/log/log.h"

#include <unistd.h>

#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace paraat::log {

namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

absl::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "DEBUG";
    case Level::kInfo: return "INFO ";
    case Level::kWarning: return "WARN ";
    case Level::kError: return "ERROR";
  }
  return "INFO ";
}

void AppendValue(std::string& out, absl::string_view v) {
  const bool quote = v.empty() || v.find_first_of(" \"=\t\n") != absl::string_view::npos;
  if (!quote) {
    out.append(v.data(), v.size());
    return;
  }
  out.push_back('"');
  out.append(absl::StrReplaceAll(v, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}));
  out.push_back('"');
}

}  // namespace

void SetMinimumLevel(Level level) { g_min_level = static_cast<int>(level); }

void Write(Level level, absl::string_view component, absl::string_view message,
           std::initializer_list<Field> fields) {
  Write(level, component, message, std::vector<Field>(fields));
}

void Write(Level level, absl::string_view component, absl::string_view message,
           const std::vector<Field>& fields) {
  if (static_cast<int>(level) < g_min_level.load()) return;
  std::string line = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  absl::StrAppend(&line, " ", LevelName(level), " ", component, "  ",
                  absl::StrReplaceAll(message, {{"\n", " "}}));
  for (const Field& f : fields) {
    absl::StrAppend(&line, " ", f.first, "=");
    AppendValue(line, f.second);
  }
  line.push_back('\n');
  // One write(2) per line keeps lines whole when several threads log at once.
  size_t off = 0;
  while (off < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace paraat::log
