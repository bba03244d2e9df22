// SPDX-License-Identifier: EUPL-1.2
// A request whose bytes are not a valid message of its method's request type gets
// INVALID_ARGUMENT naming the type, over a real socket, for synchronous and callback methods
// alike; the server goes on serving.
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/byte_buffer.h>
#include <gtest/gtest.h>

#include <string>

#include "paraat/v1/directory.grpc.pb.h"
#include "server/service/malformed_request.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using testing::TestServer;

grpc::Status CallRaw(grpc::Channel* channel, const std::string& method, const std::string& bytes,
                     const std::string& token) {
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  auto ctx = TestServer::Context(token);
  return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel, grpc::internal::RpcMethod(method.c_str(), grpc::internal::RpcMethod::NORMAL_RPC),
      ctx.get(), request, &response);
}

TEST(MalformedRequestTest, BytesThatDoNotParseAreInvalidArgumentNamingTheType) {
  auto server = TestServer::StartDemo();
  const std::string officer = server->LoginAs("officer");
  // A string field holding bytes that are not UTF-8 (field 1, or 3 for AppendEntry's text);
  // and bytes that are no message at all.
  const std::string garbage("\xff\xff", 2);
  struct Case {
    std::string method, type, not_utf8;
  };
  const std::string field1("\x0a\x02\xff\xfe", 4), field3("\x1a\x02\xff\xfe", 4);
  for (const Case& c :
       {Case{"/paraat.v1.DirectoryService/GetPerson", "paraat.v1.GetPersonRequest", field1},
        Case{"/paraat.v1.AuthService/Login", "paraat.v1.LoginRequest", field1},
        // A callback method (gRPC itself would say UNIMPLEMENTED).
        Case{"/paraat.v1.CrisisService/AppendEntry", "paraat.v1.AppendEntryRequest", field3}}) {
    for (const std::string& bytes : {c.not_utf8, garbage}) {
      for (const std::string& token : {officer, std::string()}) {
        const grpc::Status s = CallRaw(server->channel().get(), c.method, bytes, token);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.method << " " << s.error_message();
        EXPECT_EQ(s.error_message(),
                  "the request is not a valid " + c.type +
                      " message (its bytes do not parse, or a text field is not UTF-8)");
      }
    }
  }
  // The server goes on serving.
  auto dir = v1::DirectoryService::NewStub(server->channel());
  v1::GetPersonRequest req;
  req.set_key("h.devries");
  v1::Person person;
  auto ctx = TestServer::Context(officer);
  ASSERT_TRUE(dir->GetPerson(ctx.get(), req, &person).ok());
  EXPECT_EQ(person.name(), "Hanna de Vries");
}

TEST(MalformedRequestTest, OtherStatusesAndOtherMethodsAreLeftAlone) {
  const grpc::Status unknown(grpc::StatusCode::NOT_FOUND, "unknown person 'x'");
  EXPECT_EQ(service::ForMalformedRequest("/paraat.v1.DirectoryService/GetPerson", unknown).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const grpc::Status internal(grpc::StatusCode::INTERNAL, "");
  EXPECT_EQ(service::ForMalformedRequest("/grpc.health.v1.Health/Check", internal).error_code(),
            grpc::StatusCode::INTERNAL);
  EXPECT_EQ(service::ForMalformedRequest("/paraat.v1.NoService/Nothing", internal).error_code(),
            grpc::StatusCode::INTERNAL);
  EXPECT_EQ(service::ForMalformedRequest("/paraat.v1.DirectoryService/GetPerson",
                                         grpc::Status(grpc::StatusCode::INTERNAL, "No payload"))
                .error_message(),
            "the call carries no paraat.v1.GetPersonRequest message");
}

}  // namespace
}  // namespace paraat
