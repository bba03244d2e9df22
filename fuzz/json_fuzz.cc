// SPDX-License-Identifier: EUPL-1.2
// The JSON parser (common/json), which reads exports, the session file, stored settings and
// everything a script hands the command line. Checks: a refusal is INVALID_ARGUMENT with a
// message; what parses serializes (compact and pretty) to text that parses back to an equal
// value, and serializing that again gives the same bytes.
#include <string>

#include "absl/strings/string_view.h"
#include "common/json/json.h"
#include "fuzz/support/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using paraat::fuzz::Check;
  namespace json = paraat::json;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<json::Value> v = json::Parse(text);
  if (!v.ok()) {
    paraat::fuzz::CheckRefusal(v.status(), {absl::StatusCode::kInvalidArgument}, "json::Parse");
    return 0;
  }
  for (const std::string& out : {v->Serialize(), v->SerializePretty()}) {
    absl::StatusOr<json::Value> back = json::Parse(out);
    Check(back.ok(), "serialized JSON does not parse back", out);
    Check(*back == *v, "serialized JSON parses back to another value", out);
    Check(back->Serialize() == v->Serialize(), "serialization is not stable", out);
  }
  return 0;
}
