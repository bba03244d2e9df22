// SPDX-License-Identifier: EUPL-1.2
#include "common/ical/content_line.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::ical {
namespace {

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at text[i], or 0 if there is none. Rejects overlong
// forms, surrogates and code points above U+10FFFF (RFC 3629), so a fold point found by
// skipping continuation bytes is always a character boundary.
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t length;
  uint32_t code_point;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
    code_point = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    code_point = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    code_point = c & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if (!IsContinuationByte(byte(i + k))) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
    return 0;
  }
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return length;
}

}  // namespace

absl::StatusOr<std::string> EscapeText(absl::string_view text, absl::string_view what) {
  std::string escaped;
  escaped.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("%s is not valid UTF-8 (byte 0x%02X at offset %d)", what,
                          static_cast<unsigned char>(c), i));
    }
    if (length > 1) {
      escaped.append(text.data() + i, length);
      i += length;
      continue;
    }
    switch (c) {
      case '\\':
        escaped.append("\\\\");
        break;
      case ';':
        escaped.append("\\;");
        break;
      case ',':
        escaped.append("\\,");
        break;
      case '\r':
        // CRLF is one line break; a lone CR (old Mac files) is one too.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        escaped.append("\\n");
        break;
      case '\n':
        escaped.append("\\n");
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) {
          return absl::InvalidArgumentError(absl::StrFormat(
              "%s contains control character U+%04X at offset %d, which iCalendar text cannot "
              "carry",
              what, static_cast<unsigned char>(c), i));
        }
        escaped.push_back(c);
    }
    ++i;
  }
  return escaped;
}

void AppendFoldedLine(absl::string_view line, std::string* out) {
  // The first physical line holds kMaxLineOctets octets; a continuation line spends one of
  // them on its leading space.
  size_t budget = kMaxLineOctets;
  while (line.size() > budget) {
    size_t cut = budget;
    while (cut > 0 && IsContinuationByte(static_cast<unsigned char>(line[cut]))) --cut;
    absl::StrAppend(out, line.substr(0, cut), "\r\n ");
    line.remove_prefix(cut);
    budget = kMaxLineOctets - 1;
  }
  absl::StrAppend(out, line, "\r\n");
}

}  // namespace paraat::ical
