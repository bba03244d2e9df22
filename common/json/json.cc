// SPDX-License-Identifier: EUPL-1.2
#include "common/json/json.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::json {

int64_t Value::as_int() const {
  if (type_ != Type::kDouble) return int_;
  // A cast of a double outside the int64 range is undefined behaviour, and the double may
  // come from a file a user edited ("expires": 1e300).
  if (std::isnan(double_)) return 0;
  if (double_ >= 0x1p63) return std::numeric_limits<int64_t>::max();
  if (double_ < -0x1p63) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(double_);
}

Value& Value::Set(absl::string_view key, Value v) {
  if (type_ == Type::kNull) type_ = Type::kObject;
  auto it = object_.find(key);
  if (it == object_.end()) it = object_.emplace(std::string(key), Value()).first;
  it->second = std::move(v);
  return it->second;
}

const Value* Value::Find(absl::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &it->second;
}

Value& Value::Append(Value v) {
  if (type_ == Type::kNull) type_ = Type::kArray;
  array_.push_back(std::move(v));
  return array_.back();
}

bool operator==(const Value& a, const Value& b) {
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Value::Type::kNull: return true;
    case Value::Type::kBool: return a.bool_ == b.bool_;
    case Value::Type::kInt: return a.int_ == b.int_;
    case Value::Type::kDouble: return a.double_ == b.double_;
    case Value::Type::kString: return a.string_ == b.string_;
    case Value::Type::kArray: return a.array_ == b.array_;
    case Value::Type::kObject: return a.object_ == b.object_;
  }
  return false;
}

void AppendQuoted(std::string& out, absl::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

std::string Value::Serialize() const {
  std::string out;
  Write(out, -1, 0);
  return out;
}

std::string Value::SerializePretty() const {
  std::string out;
  Write(out, 2, 0);
  return out;
}

void Value::Write(std::string& out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent < 0) return;
    out.push_back('\n');
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  switch (type_) {
    case Type::kNull: out += "null"; return;
    case Type::kBool: out += bool_ ? "true" : "false"; return;
    case Type::kInt: absl::StrAppend(&out, int_); return;
    case Type::kDouble: {
      if (!std::isfinite(double_)) {
        out += "null";
        return;
      }
      // The shortest text that reads back as the same double ("0.1", not
      // "0.10000000000000001"). Without a '.' or an exponent ("3", "1000000000000000") it
      // would read back as an integer, so ".0" keeps the type.
      char buf[32];
      const std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), double_);
      const absl::string_view text(buf, static_cast<size_t>(r.ptr - buf));
      out.append(text.data(), text.size());
      if (text.find_first_of(".e") == absl::string_view::npos) out += ".0";
      return;
    }
    case Type::kString: AppendQuoted(out, string_); return;
    case Type::kArray: {
      out.push_back('[');
      bool first = true;
      for (const Value& v : array_) {
        if (!first) out.push_back(',');
        first = false;
        newline(depth + 1);
        v.Write(out, indent, depth + 1);
      }
      if (!array_.empty()) newline(depth);
      out.push_back(']');
      return;
    }
    case Type::kObject: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : object_) {
        if (!first) out.push_back(',');
        first = false;
        newline(depth + 1);
        AppendQuoted(out, k);
        out += indent < 0 ? ":" : ": ";
        v.Write(out, indent, depth + 1);
      }
      if (!object_.empty()) newline(depth);
      out.push_back('}');
      return;
    }
  }
}

namespace {

constexpr int kMaxDepth = 64;
constexpr size_t kMaxText = 64u << 20;

class Parser {
 public:
  explicit Parser(absl::string_view text) : s_(text) {}

  absl::StatusOr<Value> ParseText() {
    absl::StatusOr<Value> v = ParseValue(0);
    if (!v.ok()) return v;
    SkipSpace();
    if (pos_ != s_.size()) return Error("unexpected text after the value");
    return v;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat("JSON at byte ", pos_, ": ", what));
  }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Consume(absl::string_view word) {
    if (s_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  // `depth` counts the arrays and objects around the value; a container opened here is one
  // level deeper.
  absl::StatusOr<Value> ParseValue(int depth) {
    SkipSpace();
    if (pos_ >= s_.size()) return Error("unexpected end of text");
    const char c = s_[pos_];
    if ((c == '{' || c == '[') && depth >= kMaxDepth) {
      return Error(absl::StrCat("nested deeper than ", kMaxDepth, " levels"));
    }
    if (c == '{') return ParseObject(depth);
    if (c == '[') return ParseArray(depth);
    if (c == '"') {
      absl::StatusOr<std::string> str = ParseString();
      if (!str.ok()) return str.status();
      return Value(std::move(*str));
    }
    if (Consume("true")) return Value(true);
    if (Consume("false")) return Value(false);
    if (Consume("null")) return Value();
    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
    return Error(absl::StrFormat("unexpected character '%c'", c));
  }

  absl::StatusOr<Value> ParseObject(int depth) {
    ++pos_;
    Value obj = Value::MakeObject();
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return obj;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"') return Error("expected a string key");
      absl::StatusOr<std::string> key = ParseString();
      if (!key.ok()) return key.status();
      if (obj.Find(*key) != nullptr) return Error(absl::StrCat("duplicate key \"", *key, "\""));
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Error("expected ':'");
      ++pos_;
      absl::StatusOr<Value> v = ParseValue(depth + 1);
      if (!v.ok()) return v;
      obj.Set(*key, std::move(*v));
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return obj;
      }
      return Error("expected ',' or '}'");
    }
  }

  absl::StatusOr<Value> ParseArray(int depth) {
    ++pos_;
    Value arr = Value::MakeArray();
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return arr;
    }
    while (true) {
      absl::StatusOr<Value> v = ParseValue(depth + 1);
      if (!v.ok()) return v;
      arr.Append(std::move(*v));
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return arr;
      }
      return Error("expected ',' or ']'");
    }
  }

  absl::StatusOr<Value> ParseNumber() {
    const size_t start = pos_;
    bool is_double = false;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !(s_[pos_] >= '0' && s_[pos_] <= '9')) return Error("bad number");
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && s_[pos_ + 1] >= '0' && s_[pos_ + 1] <= '9') {
      return Error("leading zero in number");
    }
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      is_double = true;
      ++pos_;
      if (pos_ >= s_.size() || !(s_[pos_] >= '0' && s_[pos_] <= '9')) return Error("bad fraction");
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      is_double = true;
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size() || !(s_[pos_] >= '0' && s_[pos_] <= '9')) return Error("bad exponent");
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    }
    const absl::string_view num = s_.substr(start, pos_ - start);
    if (!is_double) {
      int64_t i;
      if (absl::SimpleAtoi(num, &i)) return Value(i);
    }
    double d;
    if (!absl::SimpleAtod(num, &d) || !std::isfinite(d)) return Error("number out of range");
    return Value(d);
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  absl::StatusOr<uint32_t> ParseHex4() {
    if (pos_ + 4 > s_.size()) return Error("short \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return Error("bad hex digit in \\u escape");
    }
    return v;
  }

  // Copies one well-formed multi-byte UTF-8 sequence (RFC 3629: no overlong forms, no
  // surrogates, nothing above U+10FFFF) from pos_ to `out`.
  bool ConsumeUtf8(std::string& out) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(s_[pos_ + i]); };
    const unsigned char b0 = byte(0);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;  // overlong
      if (b0 == 0xED) hi = 0x9F;  // UTF-16 surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;  // overlong
      if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (pos_ + len > s_.size()) return false;
    if (byte(1) < lo || byte(1) > hi) return false;
    for (size_t i = 2; i < len; ++i) {
      if (byte(i) < 0x80 || byte(i) > 0xBF) return false;
    }
    out.append(s_.data() + pos_, len);
    pos_ += len;
    return true;
  }

  absl::StatusOr<std::string> ParseString() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) return Error("unterminated string");
      const unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '"') return out;
      if (c < 0x20) return Error("control character in string");
      if (c >= 0x80) {
        --pos_;
        if (!ConsumeUtf8(out)) return Error("invalid UTF-8 in string");
        continue;
      }
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (pos_ >= s_.size()) return Error("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          absl::StatusOr<uint32_t> cp = ParseHex4();
          if (!cp.ok()) return cp.status();
          uint32_t code = *cp;
          if (code >= 0xD800 && code <= 0xDBFF) {
            if (!Consume("\\u")) return Error("lone high surrogate");
            absl::StatusOr<uint32_t> lo = ParseHex4();
            if (!lo.ok()) return lo.status();
            if (*lo < 0xDC00 || *lo > 0xDFFF) return Error("bad low surrogate");
            code = 0x10000 + ((code - 0xD800) << 10) + (*lo - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            return Error("lone low surrogate");
          }
          AppendUtf8(out, code);
          break;
        }
        default: return Error(absl::StrFormat("unknown escape '\\%c'", e));
      }
    }
  }

  absl::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<Value> Parse(absl::string_view text) {
  if (text.size() > kMaxText) {
    return absl::InvalidArgumentError("JSON text is larger than 64 MiB");
  }
  return Parser(text).ParseText();
}

}  // namespace paraat::json
