// SPDX-License-Identifier: EUPL-1.2
#include "server/service/grpc_status.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace paraat::service {

namespace {

// The start of the first UTF-8 character at or after `i` (so a cut never splits one).
size_t CharBoundary(absl::string_view s, size_t i) {
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

}  // namespace

std::string ShortenMessage(absl::string_view message) {
  if (message.size() <= kMaxStatusMessage) return std::string(message);
  // Keep the start (the field) and the end (what is wrong with it); the middle is most often
  // the caller's own value quoted back.
  const size_t head = CharBoundary(message, kMaxStatusMessage * 2 / 3);
  const size_t tail = CharBoundary(message, message.size() - kMaxStatusMessage / 4);
  return absl::StrCat(message.substr(0, head), " [", tail - head, " bytes left out] ",
                      message.substr(tail));
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl::StatusCode and grpc::StatusCode share their numeric values (both follow
  // google.rpc.Code), so the cast is exact.
  // Never without a message: an empty INTERNAL or UNIMPLEMENTED is how gRPC answers a request
  // that does not parse (malformed_request.h tells the two apart by that).
  if (status.message().empty()) {
    return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                        absl::StrCat(absl::StatusCodeToString(status.code()), " (no detail)"));
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), ShortenMessage(status.message()));
}

}  // namespace paraat::service
