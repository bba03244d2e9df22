// SPDX-License-Identifier: EUPL-1.2
#include "client/api/tls.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/api/session_store.h"
#include "common/certs/certs.h"
#include "common/status/status_macros.h"

namespace paraat::client {

namespace {

// Accepts exactly the certificate whose fingerprint is pinned.
class PinVerifier : public grpc::experimental::ExternalCertificateVerifier {
 public:
  PinVerifier(std::string pin, std::shared_ptr<std::string> seen)
      : pin_(std::move(pin)), seen_(std::move(seen)) {}

  bool Verify(grpc::experimental::TlsCustomVerificationCheckRequest* request,
              std::function<void(grpc::Status)>, grpc::Status* sync_status) override {
    const grpc::string_ref pem = request->peer_cert();
    absl::StatusOr<std::string> fp = certs::Fingerprint(absl::string_view(pem.data(), pem.size()));
    if (fp.ok() && seen_ != nullptr) *seen_ = *fp;
    if (fp.ok() && *fp == pin_) {
      *sync_status = grpc::Status::OK;
    } else {
      *sync_status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                  absl::StrCat("the server's certificate ",
                                               fp.ok() ? *fp : std::string("(unreadable)"),
                                               " is not the pinned ", pin_));
    }
    return true;  // decided synchronously
  }
  void Cancel(grpc::experimental::TlsCustomVerificationCheckRequest*) override {}

 private:
  std::string pin_;
  std::shared_ptr<std::string> seen_;
};

std::string PinsPath() { return ConfigDir() + "/pins"; }
// The CA files kept by logins with --ca: "SERVER PATH" lines (the path may hold spaces).
std::string CaFilesPath() { return ConfigDir() + "/ca-files"; }

std::string Env(const char* name) {
  const char* e = std::getenv(name);
  return e == nullptr ? std::string() : std::string(e);
}

// The first of: the flag's value, the environment variable, the config file's key.
std::string Setting(const std::string& flag, const char* env,
                    const absl::StatusOr<std::map<std::string, std::string>>& config,
                    const std::string& key) {
  if (!flag.empty()) return flag;
  if (std::string e = Env(env); !e.empty()) return e;
  if (config.ok()) {
    if (auto it = config->find(key); it != config->end()) return it->second;
  }
  return "";
}

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view what) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the ", what, " ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> ReadPins() {
  std::map<std::string, std::string> out;
  std::ifstream in(PinsPath());
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (parts.size() == 2) out[parts[0]] = parts[1];
  }
  return out;
}

std::map<std::string, std::string> ReadCaFiles() {
  std::map<std::string, std::string> out;
  std::ifstream in(CaFilesPath());
  std::string line;
  while (std::getline(in, line)) {
    const size_t space = line.find(' ');
    if (space != std::string::npos && space > 0 && space + 1 < line.size()) {
      out[line.substr(0, space)] = line.substr(space + 1);
    }
  }
  return out;
}

// Writes "KEY VALUE" lines to `path` (0600), through a temporary file.
absl::Status WriteServerMap(const std::string& path, const std::map<std::string, std::string>& map) {
  std::string text;
  for (const auto& [k, v] : map) absl::StrAppend(&text, k, " ", v, "\n");
  ::mkdir(ConfigDir().c_str(), 0700);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) return absl::FailedPreconditionError(absl::StrCat("cannot write ", tmp));
  }
  ::chmod(tmp.c_str(), 0600);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace

std::pair<std::string, bool> ParseAddress(const std::string& server) {
  absl::string_view s = server;
  if (absl::ConsumePrefix(&s, "tls://")) return {std::string(s), true};
  return {server, false};
}

absl::StatusOr<std::string> NormaliseServerAddress(const std::string& address,
                                                   absl::string_view source) {
  auto refuse = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, " '", address, "' is not a server address: ", why,
        "give HOST:PORT, or tls://HOST:PORT for TLS (the port is ", kDefaultPort,
        " when left out)"));
  };
  const auto [target, tls] = ParseAddress(address);
  if (absl::StrContains(target, "://")) return refuse("");
  std::string host = target;
  std::string port;
  if (absl::StartsWith(target, "[")) {
    const size_t close = target.find(']');
    if (close == std::string::npos) return refuse("");
    host = target.substr(0, close + 1);
    const std::string rest = target.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return refuse("");
      port = rest.substr(1);
      if (port.empty()) return refuse("");
    }
  } else if (const size_t colon = target.find(':'); colon != std::string::npos) {
    if (target.find(':', colon + 1) != std::string::npos) {
      return refuse(absl::StrCat("write an IPv6 address in brackets ([", target, "]:",
                                 kDefaultPort, "); "));
    }
    host = target.substr(0, colon);
    port = target.substr(colon + 1);
    if (port.empty()) return refuse("");
  }
  if (host.empty() || host == "[]") return refuse("");
  int number = kDefaultPort;
  if (!port.empty() && (!std::all_of(port.begin(), port.end(), absl::ascii_isdigit) ||
                        port.size() > 5 || !absl::SimpleAtoi(port, &number) || number < 1 ||
                        number > 65535)) {
    return refuse("");
  }
  return absl::StrCat(tls ? "tls://" : "", host, ":", number);
}

std::shared_ptr<grpc::ChannelCredentials> MakeCredentials(const TlsSettings& tls,
                                                          std::shared_ptr<std::string> seen) {
  if (!tls.enabled) return grpc::InsecureChannelCredentials();
  if (!tls.pin.empty()) {
    grpc::experimental::TlsChannelCredentialsOptions options;
    options.set_verify_server_certs(false);
    options.set_check_call_host(false);
    options.set_certificate_verifier(
        grpc::experimental::ExternalCertificateVerifier::Create<PinVerifier>(tls.pin, seen));
    if (!tls.cert_pem.empty()) {
      options.set_certificate_provider(
          std::make_shared<grpc::experimental::StaticDataCertificateProvider>(
              std::vector<grpc::experimental::IdentityKeyCertPair>{{tls.key_pem, tls.cert_pem}}));
      options.watch_identity_key_cert_pairs();
    }
    return grpc::experimental::TlsCredentials(options);
  }
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = tls.ca_pem;
  options.pem_private_key = tls.key_pem;
  options.pem_cert_chain = tls.cert_pem;
  return grpc::SslCredentials(options);
}

std::string StoredPin(const std::string& server) {
  const auto pins = ReadPins();
  auto it = pins.find(server);
  return it == pins.end() ? "" : it->second;
}

absl::Status StorePin(const std::string& server, const std::string& pin) {
  auto pins = ReadPins();
  pins[server] = pin;
  PARAAT_RETURN_IF_ERROR(WriteServerMap(PinsPath(), pins));
  // One way of trusting a server at a time: the one that worked last.
  auto cas = ReadCaFiles();
  if (cas.erase(server) > 0) PARAAT_RETURN_IF_ERROR(WriteServerMap(CaFilesPath(), cas));
  return absl::OkStatus();
}

std::string StoredCaFile(const std::string& server) {
  const auto cas = ReadCaFiles();
  auto it = cas.find(server);
  return it == cas.end() ? "" : it->second;
}

absl::Status StoreCaFile(const std::string& server, const std::string& ca_file) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(ca_file, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot keep the CA file ", ca_file, ": ", ec.message()));
  }
  auto cas = ReadCaFiles();
  cas[server] = path.lexically_normal().string();
  PARAAT_RETURN_IF_ERROR(WriteServerMap(CaFilesPath(), cas));
  // A pin kept for the server would win over the CA (MakeCredentials): it goes.
  auto pins = ReadPins();
  if (pins.erase(server) > 0) PARAAT_RETURN_IF_ERROR(WriteServerMap(PinsPath(), pins));
  return absl::OkStatus();
}

absl::StatusOr<TlsSettings> ResolveTls(const std::string& server, const std::string& ca_file,
                                       const std::string& pin, const std::string& cert_file,
                                       const std::string& key_file) {
  TlsSettings t;
  t.enabled = ParseAddress(server).second;
  const absl::StatusOr<std::map<std::string, std::string>> config = LoadClientConfig();
  // The CA file: the flag, else PARAAT_CA, else the one a login kept for this server, else the
  // config's `ca`.
  std::string ca = ca_file.empty() ? Env("PARAAT_CA") : ca_file;
  bool kept = false;
  if (ca.empty()) {
    ca = StoredCaFile(server);
    kept = !ca.empty();
  }
  if (ca.empty()) ca = Setting("", "PARAAT_CA", config, "ca");
  if (!ca.empty()) {
    absl::StatusOr<std::string> pem = ReadFile(ca, "CA file");
    if (!pem.ok() && kept) {
      return absl::NotFoundError(absl::StrCat("cannot read the CA file ", ca, ", kept for ",
                                              server, " by a login with --ca; give --ca FILE"));
    }
    PARAAT_ASSIGN_OR_RETURN(t.ca_pem, std::move(pem));
    t.ca_file = ca;
    // An empty or garbled file would leave gRPC trusting the system's CAs instead.
    if (!certs::Fingerprint(t.ca_pem).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the CA file ", ca, " holds no PEM certificate"));
    }
    t.enabled = true;
  }
  // Certificate and key come as a pair from one place: the flags, else the environment, else
  // the config (one from the flags and the other from the config would not belong together).
  std::string cert = cert_file, key = key_file;
  if (cert.empty() && key.empty()) {
    cert = Env("PARAAT_CLIENT_CERT");
    key = Env("PARAAT_CLIENT_KEY");
  }
  if (cert.empty() && key.empty() && config.ok()) {
    if (auto it = config->find("client-cert"); it != config->end()) cert = it->second;
    if (auto it = config->find("client-key"); it != config->end()) key = it->second;
  }
  if (cert.empty() != key.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a client certificate needs both its certificate and its key (--client-cert and "
        "--client-key, PARAAT_CLIENT_CERT and PARAAT_CLIENT_KEY, or client-cert and client-key "
        "in the config); only the ",
        cert.empty() ? "key" : "certificate", " was given"));
  }
  if (!cert.empty()) {
    PARAAT_ASSIGN_OR_RETURN(t.cert_pem, ReadFile(cert, "client certificate"));
    PARAAT_ASSIGN_OR_RETURN(t.key_pem, ReadFile(key, "client key"));
    if (!certs::Fingerprint(t.cert_pem).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the client certificate ", cert, " holds no PEM certificate"));
    }
    t.enabled = true;
  }
  // A pin kept for the server, unless a CA file is given on the command line (flags win).
  std::string p = !pin.empty() ? pin : ca_file.empty() ? StoredPin(server) : "";
  if (!p.empty()) {
    PARAAT_ASSIGN_OR_RETURN(t.pin, certs::NormaliseFingerprint(p));
    t.enabled = true;
  }
  return t;
}

TlsUse UseOf(const TlsSettings& tls) {
  return {tls.enabled, tls.pin, !tls.cert_pem.empty(), tls.pin.empty() ? tls.ca_file : ""};
}

std::string ExplainTlsFailure(absl::string_view detail, const std::string& server, const TlsUse& use) {
  const std::string target = ParseAddress(server).first;
  const std::string handshake =
      absl::StrCat("reached the Paraat server at ", server, ", but the TLS handshake failed: ");
  const std::string lower = absl::AsciiStrToLower(detail);
  const auto has = [&](absl::string_view s) { return absl::StrContains(lower, absl::AsciiStrToLower(s)); };
  if (has("wrong version number")) {
    // The server answered TLS with plaintext HTTP/2.
    return absl::StrCat(handshake, "the server does not speak TLS; ",
                        ParseAddress(server).second
                            ? absl::StrCat("drop tls:// (use ", target, ")")
                            : std::string("give no --ca or --pin for it"));
  }
  if (has("is not the pinned")) {
    return absl::StrCat(handshake, "the server's certificate is not the one pinned (",
                        use.pin.empty() ? std::string("--pin") : use.pin,
                        "); if the server has a new certificate, check its fingerprint with its "
                        "administrator and log in with --pin");
  }
  if (const size_t at = detail.find("Peer name "); at != absl::string_view::npos &&
                                                   has("is not in peer certificate")) {
    const size_t from = at + 10;
    const absl::string_view host = detail.substr(from, detail.find(' ', from) - from);
    const size_t colon = target.rfind(':');
    return absl::StrCat(handshake, "the server's certificate is not for the host ", host,
                        "; use the name it was issued for (tls://NAME",
                        colon == std::string::npos ? "" : target.substr(colon), ")");
  }
  if (has("certificate verify failed")) {
    return absl::StrCat(handshake, "the server's certificate is not signed by ",
                        use.ca_file.empty() ? std::string("a CA this computer trusts")
                                            : absl::StrCat("the CA in ", use.ca_file, " (--ca)"),
                        ", or is not valid now; give the CA that signed it with --ca FILE, or pin "
                        "it with --pin SHA256:...");
  }
  // Only when connecting failed: a connection dropped later (a server restarting while a
  // stream is open) says "Socket closed" too, and is no TLS problem.
  const bool closed = has("failed to connect") && (has("Socket closed") || has("Connection reset"));
  if (closed && !use.enabled) {
    // A TLS server closes a connection that starts in plaintext at once.
    return absl::StrCat("reached the Paraat server at ", server,
                        ", but it closed the connection: it probably speaks TLS; use tls://",
                        target, " (with --ca FILE or --pin SHA256:...)");
  }
  if (closed || has("certificate required") || has("alert unknown ca") ||
      has("alert bad certificate")) {
    // A server that requires client certificates closes the handshake without saying why.
    return absl::StrCat(handshake, "the server closed the connection, so it ",
                        use.client_cert
                            ? "may not accept the client certificate given (--client-cert): it "
                              "must be signed by the CA the server trusts for clients"
                            : "may require a client certificate (--client-cert FILE --client-key "
                              "FILE)");
  }
  if (has("handshake") || has("SSL_ERROR") || has("Custom verification")) {
    return absl::StrCat(handshake.substr(0, handshake.size() - 2));
  }
  return "";
}

}  // namespace paraat::client
