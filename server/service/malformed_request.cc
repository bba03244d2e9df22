// SPDX-License-Identifier: EUPL-1.2
#include "server/service/malformed_request.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>

#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "server/log/log.h"

namespace paraat::service {

namespace {

using grpc::experimental::InterceptionHookPoints;

// The request type of `method` ("/paraat.v1.CrisisService/AppendEntry"), or null when the
// method is not one of Paraat's.
const google::protobuf::Descriptor* RequestType(absl::string_view method) {
  if (!absl::ConsumePrefix(&method, "/paraat.v1.")) return nullptr;
  const std::vector<std::string> parts = absl::StrSplit(method, '/');
  if (parts.size() != 2) return nullptr;
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          absl::StrCat("paraat.v1.", parts[0]));
  if (service == nullptr) return nullptr;
  const google::protobuf::MethodDescriptor* m = service->FindMethodByName(parts[1]);
  return m == nullptr ? nullptr : m->input_type();
}

class MalformedRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit MalformedRequestInterceptor(std::string method) : method_(std::move(method)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status sent = methods->GetSendStatus();
      grpc::Status status = ForMalformedRequest(method_, sent);
      if (status.error_code() != sent.error_code()) methods->ModifySendStatus(status);
    }
    methods->Proceed();
  }

 private:
  std::string method_;
};

class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    if (RequestType(info->method()) == nullptr) return nullptr;  // not ours: no cost
    return new MalformedRequestInterceptor(info->method());
  }
};

struct ProtobufLogState {
  std::mutex mu;
  absl::Time last = absl::InfinitePast();
  int64_t left_out = 0;
};

ProtobufLogState& LogState() {
  static ProtobufLogState* const state = new ProtobufLogState();
  return *state;
}

void ProtobufLog(google::protobuf::LogLevel level, const char* /*file*/, int /*line*/,
                 const std::string& message) {
  if (level >= google::protobuf::LOGLEVEL_FATAL) {
    // Never held back: the process is about to stop, and this says why.
    log::Write(log::Level::kError, "protobuf", message);
    return;
  }
  ProtobufLogState& s = LogState();
  int64_t left_out = 0;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    const absl::Time now = absl::Now();
    if (now - s.last < absl::Minutes(1)) {
      ++s.left_out;
      return;
    }
    s.last = now;
    left_out = s.left_out;
    s.left_out = 0;
  }
  const log::Level ours =
      level >= google::protobuf::LOGLEVEL_ERROR ? log::Level::kWarning : log::Level::kInfo;
  log::Write(ours, "protobuf", message,
             {{"left_out_since_last", absl::StrCat(left_out)}});
}

}  // namespace

void RouteProtobufLog() { google::protobuf::SetLogHandler(&ProtobufLog); }

grpc::Status ForMalformedRequest(const std::string& method, const grpc::Status& sent) {
  // Paraat's handlers never answer INTERNAL or UNIMPLEMENTED without a message
  // (ToGrpcStatus), so these come from gRPC's deserializer.
  const bool parse_failed =
      (sent.error_code() == grpc::StatusCode::INTERNAL && sent.error_message().empty()) ||
      (sent.error_code() == grpc::StatusCode::UNIMPLEMENTED && sent.error_message().empty());
  const bool no_payload =
      sent.error_code() == grpc::StatusCode::INTERNAL && sent.error_message() == "No payload";
  if (!parse_failed && !no_payload) return sent;
  const google::protobuf::Descriptor* type = RequestType(method);
  if (type == nullptr) return sent;
  if (no_payload) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("the call carries no ", type->full_name(), " message"));
  }
  return grpc::Status(
      grpc::StatusCode::INVALID_ARGUMENT,
      absl::StrCat("the request is not a valid ", type->full_name(),
                   " message (its bytes do not parse, or a text field is not UTF-8)"));
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MalformedRequestInterceptors() {
  return std::make_unique<Factory>();
}

}  // namespace paraat::service
