// SPDX-License-Identifier: EUPL-1.2
// What the fuzz targets check, and how they say it failed: a message on stderr and abort(),
// which libFuzzer reports as a crash and saves the input for.
#ifndef PARAAT_FUZZ_SUPPORT_CHECK_H_
#define PARAAT_FUZZ_SUPPORT_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace paraat::fuzz {

[[noreturn]] inline void Fail(absl::string_view what, absl::string_view detail = "") {
  std::fprintf(stderr, "\n==== Paraat fuzz invariant violated ====\n%.*s\n%.*s\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

inline void Check(bool ok, absl::string_view what, absl::string_view detail = "") {
  if (!ok) Fail(what, detail);
}

// `s` is an error with one of `allowed` codes and a message.
inline void CheckRefusal(const absl::Status& s, std::initializer_list<absl::StatusCode> allowed,
                         absl::string_view what) {
  if (s.ok()) Fail(what, "expected an error, got OK");
  bool known = false;
  for (absl::StatusCode c : allowed) known = known || s.code() == c;
  if (!known) Fail(std::string(what) + ": unexpected status code", s.ToString());
  if (s.message().empty()) Fail(std::string(what) + ": an error without a message", s.ToString());
}

}  // namespace paraat::fuzz

#endif  // PARAAT_FUZZ_SUPPORT_CHECK_H_
