// SPDX-License-Identifier: EUPL-1.2
// Search queries as people type them, into SQLite FTS5 expressions.
#ifndef PARAAT_COMMON_CRISIS_SEARCH_H_
#define PARAAT_COMMON_CRISIS_SEARCH_H_

#include <string>

#include "absl/strings/string_view.h"

namespace paraat::crisis {

// The FTS5 expression for a search as typed: words, "phrases", AND, OR, NOT, (groups) and
// prefix* keep their meaning; a word with punctuation in it (12:00, west-maas-en-waal, 's,
// COA., 12,3 or a:b) is searched as the phrase of its words instead of being read as FTS5
// syntax (a column name, an operator) and refused. What is still malformed (an unclosed quote
// or group, an operator without its operands) stays so, for the caller to refuse.
std::string SearchExpression(absl::string_view query);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_SEARCH_H_
