// SPDX-License-Identifier: EUPL-1.2
// A struct's fields as JSON, listed once and used both ways: to write the struct and to read it
// back. One list keeps the two directions from drifting apart (a renamed key in one of them
// would lose a field on the way back without a word).
//
//   const json::Field<LoanRule> kLoanRule[] = {
//       {"lender", &LoanRule::lender}, {"allowed", &LoanRule::allowed}, ...};
//   json::Value v = json::ToJson(rule, kLoanRule);
//   PARAAT_RETURN_IF_ERROR(json::FromJson(v, kLoanRule, "capacity input", rule));
#ifndef PARAAT_COMMON_JSON_FIELDS_H_
#define PARAAT_COMMON_JSON_FIELDS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/json/json.h"

namespace paraat::json {

template <typename T>
struct Field {
  using Member = std::variant<std::string T::*, double T::*, int T::*, bool T::*,
                              std::optional<double> T::*>;
  const char* name;
  Member member;
  // Strings and numbers must be there when read, unless this says they may be left out
  // (keeping the struct's default); flags and optional numbers may always be left out.
  bool required = true;
};

inline constexpr bool kMayBeLeftOut = false;

// The fields of `obj` as one JSON object; an empty optional is left out.
template <typename T, std::size_t N>
Value ToJson(const T& obj, const Field<T> (&fields)[N]) {
  Value out;
  for (const Field<T>& f : fields) {
    std::visit(
        [&](auto m) {
          using M = std::remove_cvref_t<decltype(obj.*m)>;
          if constexpr (std::is_same_v<M, std::optional<double>>) {
            if ((obj.*m).has_value()) out.Set(f.name, *(obj.*m));
          } else {
            out.Set(f.name, obj.*m);
          }
        },
        f.member);
  }
  return out;
}

template <typename T, std::size_t N>
Value ArrayToJson(const std::vector<T>& items, const Field<T> (&fields)[N]) {
  Value out = Value::MakeArray();
  for (const T& item : items) out.Append(ToJson(item, fields));
  return out;
}

// Reads the fields of `v` into `out`. Required strings and numbers must be there
// (INVALID_ARGUMENT "<what>: '<name>' is missing"); any other field that is absent, or not of
// its type, leaves what `out` has (its default).
template <typename T, std::size_t N>
absl::Status FromJson(const Value& v, const Field<T> (&fields)[N], absl::string_view what,
                      T& out) {
  for (const Field<T>& f : fields) {
    const Value* x = v.Find(f.name);
    absl::Status s = std::visit(
        [&](auto m) -> absl::Status {
          using M = std::remove_cvref_t<decltype(out.*m)>;
          if constexpr (std::is_same_v<M, bool>) {
            if (x != nullptr && x->type() == Value::Type::kBool) out.*m = x->as_bool();
          } else if constexpr (std::is_same_v<M, std::optional<double>>) {
            if (x != nullptr && x->is_number()) out.*m = x->as_double();
          } else if constexpr (std::is_same_v<M, std::string>) {
            if ((x == nullptr || !x->is_string()) && !f.required) return absl::OkStatus();
            if (x == nullptr || !x->is_string()) {
              return absl::InvalidArgumentError(absl::StrCat(what, ": '", f.name, "' is missing"));
            }
            out.*m = x->as_string();
          } else {
            if ((x == nullptr || !x->is_number()) && !f.required) return absl::OkStatus();
            if (x == nullptr || !x->is_number()) {
              return absl::InvalidArgumentError(absl::StrCat(what, ": '", f.name, "' is missing"));
            }
            out.*m = static_cast<M>(x->as_double());
          }
          return absl::OkStatus();
        },
        f.member);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// The elements of the array `key` of `v` (none when it is absent or not an array).
template <typename T, std::size_t N>
absl::StatusOr<std::vector<T>> ArrayFromJson(const Value& v, absl::string_view key,
                                             const Field<T> (&fields)[N], absl::string_view what) {
  std::vector<T> out;
  const Value* a = v.Find(key);
  if (a == nullptr || !a->is_array()) return out;
  for (const Value& x : a->as_array()) {
    T item;
    absl::Status s = FromJson(x, fields, what, item);
    if (!s.ok()) return s;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace paraat::json

#endif  // PARAAT_COMMON_JSON_FIELDS_H_
