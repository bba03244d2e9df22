// SPDX-License-Identifier: EUPL-1.2
// Text written by users, shown safely on a terminal.
#ifndef PARAAT_CLIENT_CLI_TEXT_H_
#define PARAAT_CLIENT_CLI_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace paraat::cli {

// Struck through with the combining long stroke (U+0336) after each whole character, never
// between the bytes of one, and not after a line break: readable, and marked as corrected.
std::string Struck(absl::string_view text);

// What a user wrote, as it may be printed: control characters (an escape sequence that would
// recolour or clear the reader's terminal, a bell) are shown as U+FFFD, invalid UTF-8 bytes too,
// and every line after the first starts with `indent`, so that a line of the text cannot pass for
// a line of the listing around it.
std::string Printable(absl::string_view text, absl::string_view indent);

// The same for one line (a table cell, a title): line breaks become spaces.
std::string PrintableLine(absl::string_view text);

// `v` as one shell word, for a command the CLI suggests ("(more: ...)"): as it is when it is
// plain, else in single quotes.
std::string ShellQuoted(const std::string& v);

}  // namespace paraat::cli

#endif  // PARAAT_CLIENT_CLI_TEXT_H_
