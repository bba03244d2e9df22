// SPDX-License-Identifier: EUPL-1.2
// A small JSON value (RFC 8259) with a deterministic writer and a strict parser, used for
// audit records, exports and the command line's --json output.
#ifndef PARAAT_COMMON_JSON_JSON_H_
#define PARAAT_COMMON_JSON_JSON_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace paraat::json {

// A JSON value. Objects keep their keys sorted, so the same value always serializes to the
// same bytes. Integers are kept apart from doubles so int64 values round-trip exactly.
class Value {
 public:
  enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };
  using Array = std::vector<Value>;
  using Object = std::map<std::string, Value, std::less<>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::kBool), bool_(b) {}
  Value(int i) : type_(Type::kInt), int_(i) {}
  Value(int64_t i) : type_(Type::kInt), int_(i) {}
  Value(uint32_t i) : type_(Type::kInt), int_(i) {}
  Value(double d) : type_(Type::kDouble), double_(d) {}
  Value(const char* s) : type_(Type::kString), string_(s) {}
  Value(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  Value(absl::string_view s) : type_(Type::kString), string_(s) {}
  Value(Array a) : type_(Type::kArray), array_(std::move(a)) {}
  Value(Object o) : type_(Type::kObject), object_(std::move(o)) {}

  static Value MakeObject() { return Value(Object{}); }
  static Value MakeArray() { return Value(Array{}); }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_object() const { return type_ == Type::kObject; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_number() const { return type_ == Type::kInt || type_ == Type::kDouble; }

  bool as_bool() const { return bool_; }
  // A double is truncated toward zero and clamped to the int64 range; NaN gives 0.
  int64_t as_int() const;
  double as_double() const { return type_ == Type::kInt ? static_cast<double>(int_) : double_; }
  const std::string& as_string() const { return string_; }
  const Array& as_array() const { return array_; }
  Array& as_array() { return array_; }
  const Object& as_object() const { return object_; }

  // Object access. Set turns a null value into an object.
  Value& Set(absl::string_view key, Value v);
  // nullptr when absent or not an object.
  const Value* Find(absl::string_view key) const;
  // Array append; turns a null value into an array.
  Value& Append(Value v);

  // Compact serialization, keys sorted, no insignificant whitespace.
  std::string Serialize() const;
  // Indented serialization for people.
  std::string SerializePretty() const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  void Write(std::string& out, int indent, int depth) const;

  Type type_ = Type::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  Array array_;
  Object object_;
};

// Parses one JSON text. Errors are INVALID_ARGUMENT with the byte offset. Nesting deeper than
// 64 levels and texts over 64 MiB are refused.
[[nodiscard]] absl::StatusOr<Value> Parse(absl::string_view text);

// Appends `s` as a JSON string literal (with quotes) to `out`.
void AppendQuoted(std::string& out, absl::string_view s);

}  // namespace paraat::json

#endif  // PARAAT_COMMON_JSON_JSON_H_
