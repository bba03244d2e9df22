// SPDX-License-Identifier: EUPL-1.2
// Early-return helpers for absl::Status and absl::StatusOr, so error paths stay one line.
#ifndef PARAAT_COMMON_STATUS_STATUS_MACROS_H_
#define PARAAT_COMMON_STATUS_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns the status of `expr` from the current function when it is not OK.
#define PARAAT_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    if (::absl::Status _paraat_s = (expr); !_paraat_s.ok()) return _paraat_s; \
  } while (false)

#define PARAAT_STATUS_CONCAT_INNER(a, b) a##b
#define PARAAT_STATUS_CONCAT(a, b) PARAAT_STATUS_CONCAT_INNER(a, b)

// `lhs` = the value of the StatusOr `expr`, or returns its status.
#define PARAAT_ASSIGN_OR_RETURN(lhs, expr) \
  PARAAT_ASSIGN_OR_RETURN_IMPL(PARAAT_STATUS_CONCAT(_paraat_or_, __LINE__), lhs, expr)
#define PARAAT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).status();     \
  lhs = std::move(*tmp)

#endif  // PARAAT_COMMON_STATUS_STATUS_MACROS_H_
