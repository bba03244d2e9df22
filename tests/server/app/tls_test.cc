// SPDX-License-Identifier: EUPL-1.2
// TLS as App::Start serves it, with certificates made in the test (common/certs): a client
// that trusts the CA or pins the certificate gets in, others do not; mutual TLS refuses
// clients without a certificate from the client CA; plaintext only on loopback unless
// `insecure`.
#include <gmock/gmock.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/api/client.h"
#include "client/api/tls.h"
#include "common/certs/certs.h"
#include "server/app/app.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

constexpr absl::Duration kValidity = absl::Hours(2);

certs::KeyAndCert Must(absl::StatusOr<certs::KeyAndCert> kc) {
  EXPECT_TRUE(kc.ok()) << kc.status();
  return kc.ok() ? *kc : certs::KeyAndCert{};
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

class TlsTest : public ::testing::Test {
 protected:
  // One demo data directory and one set of certificates for the suite; each test starts its
  // own server on it (one at a time: the directory is locked while served).
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    absl::StatusOr<std::string> init = app::InitDataDir(data_dir(), /*demo=*/true);
    ASSERT_TRUE(init.ok()) << init.status();
    std::ifstream in(data_dir() + "/demo-accounts.txt");
    std::string user, pw, role;
    while (in >> user >> pw >> role) {
      if (user == "officer") officer_password_ = new std::string(pw);
    }
    ASSERT_NE(officer_password_, nullptr);

    ca_ = new certs::KeyAndCert(Must(certs::MakeSelfSigned({"Paraat test CA"}, {}, kValidity)));
    server_ = new certs::KeyAndCert(
        Must(certs::MakeSigned(*ca_, "localhost", {"localhost"}, {"127.0.0.1"}, kValidity)));
    other_ca_ = new certs::KeyAndCert(Must(certs::MakeSelfSigned({"Someone else's CA"}, {}, kValidity)));
    client_ca_ = new certs::KeyAndCert(Must(certs::MakeSelfSigned({"Paraat client CA"}, {}, kValidity)));
    client_ = new certs::KeyAndCert(Must(certs::MakeSigned(*client_ca_, "h.devries", {}, {}, kValidity)));
    stranger_ = new certs::KeyAndCert(Must(certs::MakeSigned(*other_ca_, "stranger", {}, {}, kValidity)));
    WriteFile(File("server.crt"), server_->cert_pem);
    WriteFile(File("server.key"), server_->key_pem);
    WriteFile(File("client-ca.crt"), client_ca_->cert_pem);
  }
  static void TearDownTestSuite() {
    for (certs::KeyAndCert* kc : {ca_, server_, other_ca_, client_ca_, client_, stranger_}) delete kc;
    delete officer_password_;
    delete dir_;
  }

  static std::string data_dir() { return dir_->File("data"); }
  static std::string File(const std::string& name) { return dir_->File(name); }

  static app::ServerOptions TlsOptions() {
    app::ServerOptions o;
    o.data_dir = data_dir();
    o.listen = "127.0.0.1:0";
    o.tls_cert = File("server.crt");
    o.tls_key = File("server.key");
    return o;
  }

  static std::unique_ptr<app::App> MustStart(const app::ServerOptions& o) {
    absl::StatusOr<std::unique_ptr<app::App>> a = app::App::Start(o);
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? std::move(*a) : nullptr;
  }

  // Logs the demo officer in at `address` over `creds`: the whole round trip.
  static absl::Status Login(const std::string& address,
                            std::shared_ptr<grpc::ChannelCredentials> creds) {
    client::ClientOptions o;
    o.server = address;
    o.credentials = std::move(creds);
    o.deadline = absl::Seconds(10);
    client::Client c(o);
    return c.Login("officer", *officer_password_).status();
  }

  static std::shared_ptr<grpc::ChannelCredentials> TrustingCa(const std::string& ca_pem) {
    return client::MakeCredentials({true, ca_pem, "", "", ""});
  }
  static std::shared_ptr<grpc::ChannelCredentials> Pinning(const std::string& pin,
                                                           std::shared_ptr<std::string> seen = nullptr) {
    return client::MakeCredentials({true, "", pin, "", ""}, std::move(seen));
  }
  static std::string FingerprintOf(const certs::KeyAndCert& kc) {
    absl::StatusOr<std::string> fp = certs::Fingerprint(kc.cert_pem);
    EXPECT_TRUE(fp.ok()) << fp.status();
    return fp.value_or("");
  }

  static TempDir* dir_;
  static std::string* officer_password_;
  static certs::KeyAndCert *ca_, *server_, *other_ca_, *client_ca_, *client_, *stranger_;
};

TempDir* TlsTest::dir_ = nullptr;
std::string* TlsTest::officer_password_ = nullptr;
certs::KeyAndCert *TlsTest::ca_ = nullptr, *TlsTest::server_ = nullptr, *TlsTest::other_ca_ = nullptr,
                  *TlsTest::client_ca_ = nullptr, *TlsTest::client_ = nullptr, *TlsTest::stranger_ = nullptr;

TEST_F(TlsTest, ClientsThatTrustTheCaOrPinTheCertificateGetIn) {
  std::unique_ptr<app::App> app = MustStart(TlsOptions());
  ASSERT_NE(app, nullptr);
  const std::string address = app->address();

  struct Case {
    std::string name;
    std::shared_ptr<grpc::ChannelCredentials> creds;
    absl::StatusCode code;
  };
  const std::string pin = FingerprintOf(*server_);
  const std::vector<Case> cases = {
      {"the CA file", TrustingCa(ca_->cert_pem), absl::StatusCode::kOk},
      {"the right pin", Pinning(pin), absl::StatusCode::kOk},
      {"a wrong pin (the CA's)", Pinning(FingerprintOf(*ca_)), absl::StatusCode::kUnavailable},
      {"another CA", TrustingCa(other_ca_->cert_pem), absl::StatusCode::kUnavailable},
      {"plaintext", grpc::InsecureChannelCredentials(), absl::StatusCode::kUnavailable},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const absl::Status s = Login(address, c.creds);
    EXPECT_EQ(s.code(), c.code) << s;
  }

  // Trust on first use starts with a pin nothing matches: the call fails, and the
  // fingerprint the server presented is captured for the user to confirm.
  auto seen = std::make_shared<std::string>();
  const absl::Status probe = Login(address, Pinning(absl::StrCat("SHA256:", std::string(64, '0')), seen));
  EXPECT_EQ(probe.code(), absl::StatusCode::kUnavailable) << probe;
  EXPECT_EQ(*seen, pin);
  app->Shutdown(absl::Seconds(2));
}

TEST_F(TlsTest, MutualTlsRefusesClientsWithoutACertificateFromTheClientCa) {
  app::ServerOptions o = TlsOptions();
  o.tls_client_ca = File("client-ca.crt");
  std::unique_ptr<app::App> app = MustStart(o);
  ASSERT_NE(app, nullptr);
  const std::string address = app->address();

  auto with_certificate = [&](const certs::KeyAndCert& kc) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ca_->cert_pem;
    ssl.pem_private_key = kc.key_pem;
    ssl.pem_cert_chain = kc.cert_pem;
    return grpc::SslCredentials(ssl);
  };
  struct Case {
    std::string name;
    std::shared_ptr<grpc::ChannelCredentials> creds;
    absl::StatusCode code;
  };
  const std::vector<Case> cases = {
      {"no client certificate", TrustingCa(ca_->cert_pem), absl::StatusCode::kUnavailable},
      {"no client certificate, pinned", Pinning(FingerprintOf(*server_)), absl::StatusCode::kUnavailable},
      {"a certificate from another CA", with_certificate(*stranger_), absl::StatusCode::kUnavailable},
      {"a certificate from the client CA", with_certificate(*client_), absl::StatusCode::kOk},
      // As paraat and paraat-desk present one (--cert/--key or the config), trusting the CA or
      // pinning the server.
      {"the client library with the CA",
       client::MakeCredentials({true, ca_->cert_pem, "", client_->cert_pem, client_->key_pem}),
       absl::StatusCode::kOk},
      {"the client library with a pin",
       client::MakeCredentials(
           {true, "", FingerprintOf(*server_), client_->cert_pem, client_->key_pem}),
       absl::StatusCode::kOk},
      {"the client library with a stranger's certificate",
       client::MakeCredentials({true, ca_->cert_pem, "", stranger_->cert_pem, stranger_->key_pem}),
       absl::StatusCode::kUnavailable},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const absl::Status s = Login(address, c.creds);
    EXPECT_EQ(s.code(), c.code) << s;
  }
  app->Shutdown(absl::Seconds(2));
}

TEST_F(TlsTest, AClientCertificateNeedsItsKeyAndReadableFiles) {
  WriteFile(File("client.crt"), client_->cert_pem);
  WriteFile(File("client.key"), client_->key_pem);
  absl::StatusOr<client::TlsSettings> both =
      client::ResolveTls("tls://localhost:1", "", "", File("client.crt"), File("client.key"));
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(both->cert_pem, client_->cert_pem);
  EXPECT_EQ(both->key_pem, client_->key_pem);
  absl::StatusOr<client::TlsSettings> half =
      client::ResolveTls("tls://localhost:1", "", "", File("client.crt"), "");
  EXPECT_EQ(half.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(half.status().message(), HasSubstr("only the certificate was given"));
  absl::StatusOr<client::TlsSettings> absent =
      client::ResolveTls("tls://localhost:1", "", "", File("absent.crt"), File("client.key"));
  EXPECT_EQ(absent.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(absent.status().message(),
            absl::StrCat("cannot read the client certificate ", File("absent.crt")));
}

TEST_F(TlsTest, ACertificateThatCannotServeIsRefusedAtStartSayingWhy) {
  const certs::KeyAndCert other = Must(certs::MakeSigned(*ca_, "localhost", {"localhost"}, {}, kValidity));
  WriteFile(File("other.key"), other.key_pem);
  app::ServerOptions o = TlsOptions();
  o.tls_key = File("other.key");
  absl::StatusOr<std::unique_ptr<app::App>> a = app::App::Start(o);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(a.status().message(),
            "the private key in --tls-key does not belong to the certificate in --tls-cert");
  // Swapped files.
  o = TlsOptions();
  std::swap(o.tls_cert, o.tls_key);
  a = app::App::Start(o);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "--tls-cert holds no PEM certificate (is it the key file?)");
  // Expired.
  absl::StatusOr<absl::Time> expired = certs::CheckServerPair(
      server_->cert_pem, server_->key_pem, "--tls-cert", "--tls-key", absl::Now() + absl::Hours(3));
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(expired.status().message(), HasSubstr("the certificate in --tls-cert expired on "));
  // And the good pair starts.
  std::unique_ptr<app::App> app = MustStart(TlsOptions());
  EXPECT_NE(app, nullptr);
}

// A second server cannot share the port of the first (each would get some of the connections).
TEST_F(TlsTest, ASecondServerCannotTakeAPortInUse) {
  std::unique_ptr<app::App> first = MustStart(TlsOptions());
  ASSERT_NE(first, nullptr);
  TempDir other;
  ASSERT_TRUE(app::InitDataDir(other.File("data"), /*demo=*/true).ok());
  app::ServerOptions o;
  o.data_dir = other.File("data");
  o.listen = absl::StrCat("127.0.0.1:", first->port());
  absl::StatusOr<std::unique_ptr<app::App>> second = app::App::Start(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(second.status().message(), HasSubstr("cannot listen on 127.0.0.1:"));
}

TEST(Loopback, IsAnAddressNotANameThatLooksLikeOne) {
  EXPECT_TRUE(app::IsLoopbackListen("127.0.0.1:50051"));
  EXPECT_TRUE(app::IsLoopbackListen("127.1.2.3:0"));
  EXPECT_TRUE(app::IsLoopbackListen("localhost:50051"));
  EXPECT_TRUE(app::IsLoopbackListen("[::1]:50051"));
  EXPECT_FALSE(app::IsLoopbackListen("127.example.org:50051"));
  EXPECT_FALSE(app::IsLoopbackListen("0.0.0.0:50051"));
  EXPECT_FALSE(app::IsLoopbackListen("10.0.0.127:50051"));
}

// A client whose environment names a CA file it cannot read does not fall back to plaintext:
// against a plaintext server it sends nothing (not the password) and says why.
TEST_F(TlsTest, WrongTlsSettingsAreNotReplacedByPlaintext) {
  app::ServerOptions plain;
  plain.data_dir = data_dir();
  plain.listen = "127.0.0.1:0";
  std::unique_ptr<app::App> app = MustStart(plain);
  ASSERT_NE(app, nullptr);
  const std::string address = absl::StrCat("127.0.0.1:", app->port());
  ASSERT_EQ(setenv("PARAAT_CA", File("absent-ca.crt").c_str(), 1), 0);
  client::ClientOptions o;
  o.server = address;
  o.deadline = absl::Seconds(10);
  client::Client c(o);
  absl::StatusOr<client::LoginResult> login = c.Login("officer", *officer_password_);
  unsetenv("PARAAT_CA");
  EXPECT_EQ(login.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(login.status().message(),
              HasSubstr(absl::StrCat("the connection settings for ", address,
                                     " are wrong, so nothing was sent: cannot read the CA file")));
  EXPECT_EQ(c.settings_error().code(), absl::StatusCode::kFailedPrecondition);
  // An empty or garbled CA file is as wrong as a missing one (gRPC would trust the system's
  // CAs instead).
  WriteFile(File("empty-ca.crt"), "");
  WriteFile(File("garbled-ca.crt"), "-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n");
  for (const char* bad : {"empty-ca.crt", "garbled-ca.crt"}) {
    ASSERT_EQ(setenv("PARAAT_CA", File(bad).c_str(), 1), 0);
    client::Client wrong(o);
    unsetenv("PARAAT_CA");
    EXPECT_THAT(wrong.settings_error().message(),
                HasSubstr(absl::StrCat("the CA file ", File(bad), " holds no PEM certificate")));
  }
  // With the setting repaired the same server is reached.
  client::Client repaired(o);
  EXPECT_TRUE(repaired.settings_error().ok());
  EXPECT_TRUE(repaired.Login("officer", *officer_password_).ok());
  app->Shutdown(absl::Seconds(2));
}

TEST_F(TlsTest, PlaintextOnlyOnLoopbackUnlessInsecure) {
  app::ServerOptions plain;
  plain.data_dir = data_dir();
  plain.listen = "0.0.0.0:0";
  absl::StatusOr<std::unique_ptr<app::App>> refused = app::App::Start(plain);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(),
              HasSubstr("refusing to listen on 0.0.0.0:0 without TLS: plaintext is only for loopback"));

  // With insecure it starts (and warns); reached here over loopback.
  plain.insecure = true;
  std::unique_ptr<app::App> app = MustStart(plain);
  ASSERT_NE(app, nullptr);
  EXPECT_TRUE(Login(absl::StrCat("127.0.0.1:", app->port()), grpc::InsecureChannelCredentials()).ok());
  app->Shutdown(absl::Seconds(2));
  app.reset();

  // With TLS any address is fine without insecure.
  app::ServerOptions tls = TlsOptions();
  tls.listen = "0.0.0.0:0";
  app = MustStart(tls);
  ASSERT_NE(app, nullptr);
  EXPECT_TRUE(Login(absl::StrCat("127.0.0.1:", app->port()), TrustingCa(ca_->cert_pem)).ok());
  app->Shutdown(absl::Seconds(2));
}

TEST_F(TlsTest, IncompleteOrUnreadableTlsSettingsAreRefused) {
  WriteFile(File("not-a-pem.txt"), "hello\n");
  struct Case {
    std::string name;
    std::function<void(app::ServerOptions&)> edit;
    absl::StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"certificate without key", [](app::ServerOptions& o) { o.tls_key.clear(); },
       absl::StatusCode::kInvalidArgument, "TLS needs both --tls-cert and --tls-key"},
      {"key without certificate", [](app::ServerOptions& o) { o.tls_cert.clear(); },
       absl::StatusCode::kInvalidArgument, "TLS needs both --tls-cert and --tls-key"},
      {"client CA without TLS",
       [](app::ServerOptions& o) {
         o.tls_cert.clear();
         o.tls_key.clear();
         o.tls_client_ca = File("client-ca.crt");
       },
       absl::StatusCode::kInvalidArgument, "--tls-client-ca needs --tls-cert and --tls-key"},
      {"missing key file", [](app::ServerOptions& o) { o.tls_key = File("absent.key"); },
       absl::StatusCode::kFailedPrecondition, absl::StrCat("--tls-key: cannot read ", File("absent.key"))},
      {"certificate that is no PEM", [](app::ServerOptions& o) { o.tls_cert = File("not-a-pem.txt"); },
       absl::StatusCode::kFailedPrecondition,
       absl::StrCat("--tls-cert: ", File("not-a-pem.txt"), " is not a PEM file")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    app::ServerOptions o = TlsOptions();
    c.edit(o);
    absl::StatusOr<std::unique_ptr<app::App>> a = app::App::Start(o);
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.status().code(), c.code) << a.status();
    EXPECT_EQ(a.status().message(), c.message);
  }
  // None of them left the data directory locked.
  std::unique_ptr<app::App> app = MustStart(TlsOptions());
  EXPECT_NE(app, nullptr);
}

}  // namespace
}  // namespace paraat
