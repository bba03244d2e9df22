// SPDX-License-Identifier: EUPL-1.2
#include "fuzz/support/ical_check.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace paraat::fuzz {

namespace {

absl::Status Bad(absl::string_view what, size_t line) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", what));
}

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629), 0 if there is none.
size_t Utf8Length(absl::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return len;
}

bool IsUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool IsNameChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// No control characters but HTAB (RFC 5545 §3.1: VALUE-CHAR, SAFE-CHAR, QSAFE-CHAR).
bool HasControl(absl::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
  }
  return false;
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

int Num(absl::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

absl::StatusOr<IcsProperty> ParseContentLine(absl::string_view line, size_t n) {
  IcsProperty p;
  size_t i = 0;
  while (i < line.size() && IsNameChar(line[i])) ++i;
  if (i == 0) return Bad(absl::StrCat("no property name in '", line, "'"), n);
  p.name = std::string(line.substr(0, i));
  while (i < line.size() && line[i] == ';') {
    ++i;
    const size_t start = i;
    while (i < line.size() && IsNameChar(line[i])) ++i;
    if (i == start || i >= line.size() || line[i] != '=') return Bad("bad parameter name", n);
    const std::string name(line.substr(start, i - start));
    ++i;
    std::string value;
    if (i < line.size() && line[i] == '"') {
      const size_t close = line.find('"', i + 1);
      if (close == absl::string_view::npos) return Bad("unterminated quoted parameter", n);
      value = std::string(line.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      const size_t vstart = i;
      while (i < line.size() && line[i] != ';' && line[i] != ':' && line[i] != ',' &&
             line[i] != '"') {
        ++i;
      }
      value = std::string(line.substr(vstart, i - vstart));
    }
    if (HasControl(value)) return Bad("control character in a parameter value", n);
    p.params[name] = value;
  }
  if (i >= line.size() || line[i] != ':') return Bad(absl::StrCat("no ':' in '", line, "'"), n);
  p.value = std::string(line.substr(i + 1));
  if (HasControl(p.value)) return Bad(absl::StrCat(p.name, " has a control character"), n);
  return p;
}

}  // namespace

const IcsProperty* IcsComponent::Find(absl::string_view n) const {
  for (const IcsProperty& p : properties) {
    if (p.name == n) return &p;
  }
  return nullptr;
}

absl::StatusOr<IcsComponent> ParseIcsStrictly(absl::string_view text) {
  // Physical lines.
  std::vector<std::string> logical;
  std::vector<size_t> logical_line_no;
  size_t pos = 0;
  size_t n = 0;
  while (pos < text.size()) {
    ++n;
    const size_t end = text.find("\r\n", pos);
    if (end == absl::string_view::npos) return Bad("the last line does not end in CRLF", n);
    const absl::string_view line = text.substr(pos, end - pos);
    pos = end + 2;
    if (line.find('\r') != absl::string_view::npos || line.find('\n') != absl::string_view::npos) {
      return Bad("a bare CR or LF", n);
    }
    if (line.size() > 75) return Bad(absl::StrCat("a line of ", line.size(), " octets"), n);
    if (!IsUtf8(line)) return Bad("a line that is not UTF-8 by itself (a fold split a character?)", n);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (logical.empty()) return Bad("a continuation line first", n);
      logical.back().append(line.data() + 1, line.size() - 1);
      continue;
    }
    if (line.empty()) return Bad("an empty line", n);
    logical.emplace_back(line);
    logical_line_no.push_back(n);
  }
  std::vector<IcsComponent> stack;
  IcsComponent root;
  bool done = false;
  for (size_t k = 0; k < logical.size(); ++k) {
    const size_t ln = logical_line_no[k];
    if (done) return Bad("text after END:VCALENDAR", ln);
    absl::StatusOr<IcsProperty> p = ParseContentLine(logical[k], ln);
    if (!p.ok()) return p.status();
    if (!IsUtf8(p->value)) return Bad("a value that is not UTF-8", ln);
    if (p->name == "BEGIN") {
      if (stack.empty() && p->value != "VCALENDAR") return Bad("does not begin with VCALENDAR", ln);
      stack.push_back(IcsComponent{p->value, {}, {}});
      continue;
    }
    if (stack.empty()) return Bad("a property outside any component", ln);
    if (p->name == "END") {
      if (p->value != stack.back().name) {
        return Bad(absl::StrCat("END:", p->value, " closes ", stack.back().name), ln);
      }
      IcsComponent c = std::move(stack.back());
      stack.pop_back();
      if (stack.empty()) {
        root = std::move(c);
        done = true;
      } else {
        stack.back().children.push_back(std::move(c));
      }
      continue;
    }
    stack.back().properties.push_back(*std::move(p));
  }
  if (!done) return absl::InvalidArgumentError("no END:VCALENDAR");
  return root;
}

absl::StatusOr<std::string> UnescapeText(absl::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == ';' || c == ',') {
      return absl::InvalidArgumentError(absl::StrCat("unescaped '", std::string(1, c), "'"));
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i + 1 >= value.size()) return absl::InvalidArgumentError("a lone backslash at the end");
    const char e = value[++i];
    switch (e) {
      case '\\': out.push_back('\\'); break;
      case ';': out.push_back(';'); break;
      case ',': out.push_back(','); break;
      case 'n':
      case 'N': out.push_back('\n'); break;
      default: return absl::InvalidArgumentError(absl::StrCat("unknown escape \\", std::string(1, e)));
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> UnescapeTextList(absl::string_view value) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= value.size(); ++i) {
    if (i < value.size() && value[i] == '\\') {
      ++i;
      continue;
    }
    if (i == value.size() || value[i] == ',') {
      absl::StatusOr<std::string> one = UnescapeText(value.substr(start, i - start));
      if (!one.ok()) return one.status();
      out.push_back(*std::move(one));
      start = i + 1;
    }
  }
  return out;
}

bool IsDateTime(absl::string_view v, bool utc) {
  if (v.size() != (utc ? 16u : 15u)) return false;
  if (utc && v.back() != 'Z') return false;
  if (v[8] != 'T' || !AllDigits(v.substr(0, 8)) || !AllDigits(v.substr(9, 6))) return false;
  const int year = Num(v.substr(0, 4)), month = Num(v.substr(4, 2)), day = Num(v.substr(6, 2));
  const int hour = Num(v.substr(9, 2)), minute = Num(v.substr(11, 2)), second = Num(v.substr(13, 2));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 &&
         minute <= 59 && second <= 60;
}

bool IsUtcOffset(absl::string_view v) {
  if (v.size() != 5 && v.size() != 7) return false;
  if (v[0] != '+' && v[0] != '-') return false;
  if (!AllDigits(v.substr(1))) return false;
  if (Num(v.substr(1, 2)) > 23 || Num(v.substr(3, 2)) > 59) return false;
  if (v.size() == 7 && Num(v.substr(5, 2)) > 59) return false;
  if (v[0] == '-' && Num(v.substr(1)) == 0) return false;  // RFC 5545: "-0000" is not allowed
  return true;
}

}  // namespace paraat::fuzz
