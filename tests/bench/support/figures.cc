// SPDX-License-Identifier: EUPL-1.2
#include "tests/bench/support/figures.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::bench {
namespace {

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += "\"";
  return out;
}

std::string JsonNumber(std::optional<double> v) {
  if (!v.has_value() || !std::isfinite(*v)) return "null";
  return absl::StrFormat("%.9g", *v);
}

}  // namespace

std::optional<double> Ratio(double value, double baseline) {
  if (!(baseline > 0) || !std::isfinite(value) || !std::isfinite(baseline)) return std::nullopt;
  return value / baseline;
}

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return "-";
  const double a = std::fabs(value);
  if (a >= 1000) return absl::StrFormat("%.0f", value);
  if (a >= 100) return absl::StrFormat("%.1f", value);
  if (a >= 10) return absl::StrFormat("%.2f", value);
  if (a == 0) return "0";
  return absl::StrFormat("%.3g", value);
}

std::string FigureJson(const FigureRow& row) {
  std::string met = "null";
  if (row.met.has_value()) met = *row.met ? "true" : "false";
  return absl::StrCat("{\"area\":", JsonString(row.area), ",\"figure\":", JsonString(row.figure),
                      ",\"value\":", JsonNumber(row.value), ",\"unit\":", JsonString(row.unit),
                      ",\"baseline\":", JsonString(row.baseline),
                      ",\"baseline_value\":", JsonNumber(row.baseline_value),
                      ",\"ratio\":", JsonNumber(row.ratio), ",\"goal\":", JsonString(row.goal),
                      ",\"met\":", met, "}");
}

void Figure(const FigureRow& given) {
  FigureRow row = given;
  if (!row.ratio.has_value() && row.baseline_value.has_value()) {
    row.ratio = Ratio(row.value, *row.baseline_value);
  }
  std::string line = absl::StrCat("FIGURE [", row.area, "] ", row.figure, ": ",
                                  FormatNumber(row.value), " ", row.unit);
  if (!row.baseline.empty()) {
    absl::StrAppend(&line, " | baseline ", row.baseline, ": ",
                    row.baseline_value ? absl::StrCat(FormatNumber(*row.baseline_value), " ", row.unit)
                                       : std::string("-"));
  }
  if (row.ratio) absl::StrAppend(&line, " | ratio ", FormatNumber(*row.ratio));
  if (!row.goal.empty()) absl::StrAppend(&line, " | goal ", row.goal);
  if (row.met) absl::StrAppend(&line, *row.met ? " | met" : " | NOT met");
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);

  const char* path = std::getenv("PARAAT_FIGURES");
  if (path == nullptr || *path == '\0') return;
  const std::string json = absl::StrCat(FigureJson(row), "\n");
  const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::fprintf(stderr, "figures: cannot open %s: %s\n", path, std::strerror(errno));
    return;
  }
  const ssize_t n = ::write(fd, json.data(), json.size());
  if (n != static_cast<ssize_t>(json.size())) {
    std::fprintf(stderr, "figures: cannot write %s: %s\n", path, std::strerror(errno));
  }
  ::close(fd);
}

}  // namespace paraat::bench
