// SPDX-License-Identifier: EUPL-1.2
// RFC 5545 content lines: TEXT escaping (section 3.3.11) and line folding (section 3.1).
#ifndef PARAAT_COMMON_ICAL_CONTENT_LINE_H_
#define PARAAT_COMMON_ICAL_CONTENT_LINE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::ical {

// The longest content line RFC 5545 allows, in octets, not counting the CRLF.
inline constexpr int kMaxLineOctets = 75;

// Returns `text` as an RFC 5545 TEXT value: backslash, semicolon and comma are escaped with a
// backslash and every line break (LF, CRLF or a lone CR) becomes "\n". Tab is kept.
// INVALID_ARGUMENT if `text` is not valid UTF-8 or holds another control character, which
// TEXT cannot carry; `what` names the value in that message (e.g. `description of event "x"`).
[[nodiscard]] absl::StatusOr<std::string> EscapeText(absl::string_view text,
                                                     absl::string_view what);

// Appends the content line `line` (no line break of its own) to `*out`, folded so that no
// physical line exceeds kMaxLineOctets octets: each continuation starts with one space. A fold
// never splits a UTF-8 sequence. Every physical line ends with CRLF.
// `line` must be valid UTF-8 without CR or LF (EscapeText's output satisfies this).
void AppendFoldedLine(absl::string_view line, std::string* out);

}  // namespace paraat::ical

#endif  // PARAAT_COMMON_ICAL_CONTENT_LINE_H_
