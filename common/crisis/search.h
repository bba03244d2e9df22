// SPDX-License-Identifier: EUPL-1.2
// Search queries as people type them, into SQLite FTS5 expressions.
#ifndef PARAAT_COMMON_CRISIS_SEARCH_H_
#define PARAAT_COMMON_CRISIS_SEARCH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::crisis {

// The FTS5 expression for a search as typed: words, "phrases", AND, OR, NOT, (groups),
// prefix*, NEAR(a b, N), ^first, text:word and a + b keep their FTS5 meaning; a word with
// punctuation in it (12:00, west-maas-en-waal, 's, COA., 12,3 or a:b) is searched as the phrase
// of its words instead of being read as FTS5 syntax (a column name, an operator) and refused.
// INVALID_ARGUMENT for a "word" of punctuation alone (- or .), which would search for nothing.
// What is still malformed (an unclosed quote or group, an operator without its operands)
// stays so, for the caller to refuse.
[[nodiscard]] absl::StatusOr<std::string> SearchExpression(absl::string_view query);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_SEARCH_H_
