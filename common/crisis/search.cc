// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/search.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace paraat::crisis {
namespace {

// FTS5's bareword characters: letters and digits of ASCII, '_', and everything beyond ASCII.
bool BarewordChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_';
}

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A word as FTS5 reads it, optionally a prefix: bareword characters, then at most one '*'.
bool PlainWord(absl::string_view w) {
  if (!w.empty() && w.back() == '*') w.remove_suffix(1);
  if (w.empty()) return false;
  for (char c : w) {
    if (!BarewordChar(c)) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> SearchExpression(absl::string_view q) {
  std::string out;
  out.reserve(q.size() + 8);
  size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (Space(c) || c == '(' || c == ')') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '"') {
      // A phrase as written, up to its closing quote ("" inside is a quote), with a '*' after
      // it; an unclosed one is left for FTS5 to refuse.
      size_t j = i + 1;
      while (j < q.size()) {
        if (q[j] == '"') {
          if (j + 1 < q.size() && q[j + 1] == '"') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      if (j < q.size()) ++j;  // the closing quote
      if (j < q.size() && q[j] == '*') ++j;
      out.append(q.data() + i, j - i);
      i = j;
      continue;
    }
    size_t j = i;
    while (j < q.size() && !Space(q[j]) && q[j] != '"' && q[j] != '(' && q[j] != ')') ++j;
    const absl::string_view word = q.substr(i, j - i);
    if (word == "NEAR" && j < q.size() && q[j] == '(') {
      // NEAR(a b, 10) as FTS5 has it, up to its closing parenthesis.
      const size_t close = q.find(')', j);
      const size_t end = close == absl::string_view::npos ? q.size() : close + 1;
      out.append(q.data() + i, end - i);
      i = end;
      continue;
    }
    // The initial-token mark (^word), the column of the index (text:word) and the phrase
    // join (+) keep their meaning; so does a plain word, AND, OR and NOT among them.
    absl::string_view rest = word;
    if (rest.size() > 1 && rest.front() == '^') rest.remove_prefix(1);
    if (rest.size() > 5 && rest.substr(0, 5) == "text:") rest.remove_prefix(5);
    if (PlainWord(rest) || word == "+") {
      out.append(word.data(), word.size());
      i = j;
      continue;
    }
    const bool prefix = word.size() > 1 && word.back() == '*';
    const absl::string_view text = prefix ? word.substr(0, word.size() - 1) : word;
    if (std::none_of(text.begin(), text.end(), BarewordChar)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "query: '", word, "' has no letters or digits to search for; leave it out"));
    }
    out.push_back('"');
    out.append(text.data(), text.size());
    out.push_back('"');
    if (prefix) out.push_back('*');
    i = j;
  }
  return out;
}

}  // namespace paraat::crisis
