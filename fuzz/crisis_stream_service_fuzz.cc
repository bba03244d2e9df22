// SPDX-License-Identifier: EUPL-1.2
// CrisisStreamService.WatchCrisis: a server-streaming call, so it runs through a real gRPC
// server (in-process channel, no socket) with the stream service of the fuzz world. The input
// is laid out as for the unary services (method byte, caller byte, request). The call reads
// the backlog the request asks for and then cancels. Checks: the same status checks as the
// unary targets (CANCELLED from our own cancel is fine); every entry streamed belongs to the
// crisis asked for, in seq order, after after_seq.
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "fuzz/support/check.h"
#include "fuzz/support/service_world.h"
#include "paraat/v1/crisis_stream.grpc.pb.h"
#include "server/service/crisis_stream.h"
#include "server/storage/crisis_store.h"

namespace paraat::fuzz {
namespace {

struct Stream {
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<v1::CrisisStreamService::Stub> stub;
};

Stream& TheStream() {
  static Stream* const stream = [] {
    auto* s = new Stream();
    ServiceWorld& world = ServiceWorld::Get();
    world.set_reset_every(1 << 30);  // WatchCrisis writes nothing
    grpc::ServerBuilder builder;
    builder.RegisterService(world.crisis_stream());
    s->server = builder.BuildAndStart();
    Check(s->server != nullptr, "cannot start the in-process gRPC server");
    s->stub = v1::CrisisStreamService::NewStub(s->server->InProcessChannel(grpc::ChannelArguments()));
    return s;
  }();
  return *stream;
}

const std::vector<Method>& Methods() {
  // Only used for the input layout (seeds, mutator); the call goes through the channel.
  static const auto* const kMethods = new std::vector<Method>{
      Method{"WatchCrisis", &v1::WatchCrisisRequest::default_instance(), nullptr}};
  return *kMethods;
}

const std::vector<Seed>& Seeds() {
  static const auto* const kSeeds = new std::vector<Seed>{
      {"WatchCrisis", Caller::kOfficer, "crisis: 1"},
      {"WatchCrisis", Caller::kCoordinator, "crisis: 1 after_seq: 4"},
      {"WatchCrisis", Caller::kMunicipalAdmin, "crisis: 1 after_seq: 1"},
      {"WatchCrisis", Caller::kNoToken, "crisis: 1"},
  };
  return *kSeeds;
}

int Run(const uint8_t* data, size_t size) {
  if (size < 2) return -1;
  const Caller caller = static_cast<Caller>(data[1] % kCallerCount);
  v1::WatchCrisisRequest req;
  if (!req.ParseFromArray(data + 2, static_cast<int>(size - 2))) return -1;
  Stream& s = TheStream();
  int64_t backlog = 0;
  if (req.crisis() > 0) {
    absl::StatusOr<crisis::Crisis> c = ServiceWorld::Get().crisis_store()->GetCrisis(req.crisis());
    if (c.ok() && req.after_seq() >= 0) backlog = std::max<int64_t>(0, c->entries - req.after_seq());
  }
  grpc::ClientContext ctx;
  if (*CallerToken(caller) != '\0') ctx.AddMetadata("authorization", absl::StrCat("Bearer ", CallerToken(caller)));
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(backlog > 0 ? 2000 : 100));
  std::unique_ptr<grpc::ClientReader<v1::WatchCrisisResponse>> reader = s.stub->WatchCrisis(&ctx, req);
  v1::WatchCrisisResponse resp;
  int64_t prev = req.after_seq();
  int64_t read = 0;
  while (read < backlog && reader->Read(&resp)) {
    ++read;
    Check(resp.entry().crisis() == req.crisis(), "WatchCrisis streamed an entry of another crisis");
    Check(resp.entry().seq() == prev + 1, "WatchCrisis skipped or repeated an entry",
          absl::StrCat(prev, " then ", resp.entry().seq()));
    prev = resp.entry().seq();
  }
  ctx.TryCancel();
  const grpc::Status status = reader->Finish();
  if (status.ok()) return 0;
  Check(!status.error_message().empty(), "a non-OK status without a message");
  const auto code = status.error_code();
  Check(code != grpc::StatusCode::INTERNAL && code != grpc::StatusCode::UNKNOWN &&
            code != grpc::StatusCode::DATA_LOSS,
        "bad input gave INTERNAL, UNKNOWN or DATA_LOSS", status.error_message());
  if (caller == Caller::kNoToken || caller == Caller::kBadToken) {
    Check(code == grpc::StatusCode::UNAUTHENTICATED || code == grpc::StatusCode::CANCELLED,
          "a watch without a valid session was not UNAUTHENTICATED", status.error_message());
    Check(read == 0, "a watch without a valid session got entries");
  }
  return 0;
}

}  // namespace
}  // namespace paraat::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  paraat::fuzz::MaybeWriteSeeds(paraat::fuzz::Methods(), paraat::fuzz::Seeds());
  return 0;
}
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return paraat::fuzz::Run(data, size);
}
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  return paraat::fuzz::MutateServiceInput(paraat::fuzz::Methods(), data, size, max_size, seed);
}
