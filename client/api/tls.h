// SPDX-License-Identifier: EUPL-1.2
// How the client reaches a server over TLS: "tls://host:port" addresses, a CA file, or a
// pinned certificate fingerprint (kept per server in ConfigDir()/pins, trust on first use
// only when the user confirms).
#ifndef PARAAT_CLIENT_API_TLS_H_
#define PARAAT_CLIENT_API_TLS_H_

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::client {

struct TlsSettings {
  bool enabled = false;
  std::string ca_pem;  // trust certificates signed by this CA (or this self-signed cert)
  std::string pin;     // "SHA256:..." of the server certificate; accepted whatever signed it
  // A client certificate and its private key (PEM), for servers that require one (mutual TLS).
  std::string cert_pem;
  std::string key_pem;
  std::string ca_file{};  // where ca_pem came from, for messages ("" when given as text)
};

// What a failed connection is explained with: the TLS settings it was made with, without
// their key material.
struct TlsUse {
  bool enabled = false;
  std::string pin;  // the pinned fingerprint, if any
  bool client_cert = false;
  std::string ca_file;  // "" when the system's CAs (or a pin) decided
};
TlsUse UseOf(const TlsSettings& tls);

// What gRPC's detail of a connection that failed to `server` says of TLS, for a person: that
// the server was reached, why the handshake failed and what to do (a CA that did not sign the
// server's certificate, a host name it is not for, TLS on one side only, no client certificate
// or one the server does not accept, a pin that does not match). "" when the detail shows no
// TLS problem (nobody listening, a name that does not resolve).
std::string ExplainTlsFailure(absl::string_view detail, const std::string& server, const TlsUse& use);

// Splits "tls://host:port" into ("host:port", true); other addresses are plaintext.
std::pair<std::string, bool> ParseAddress(const std::string& server);

// The port a server address without one means: paraat-server's default.
inline constexpr int kDefaultPort = 50051;

// `address` as the client dials it: HOST:PORT or tls://HOST:PORT, kDefaultPort added when
// the port is left out ("paraat.example.nl", "tls://[::1]"). INVALID_ARGUMENT naming `source`
// (e.g. "--server") and the accepted forms for anything else: another scheme (http://), no
// host, a port that is not 1 to 65535, an IPv6 address without brackets.
[[nodiscard]] absl::StatusOr<std::string> NormaliseServerAddress(const std::string& address,
                                                                 absl::string_view source);

// The credentials for a channel. With TLS, a pin beats a CA; with neither, the system's CAs.
// `seen` (may be null) receives the fingerprint the server presented, for trust on first
// use: with a pin of "SHA256:" + "0"*64 nothing is accepted and the fingerprint is captured.
std::shared_ptr<grpc::ChannelCredentials> MakeCredentials(const TlsSettings& tls,
                                                          std::shared_ptr<std::string> seen = nullptr);

// The pin stored for `server`, or "". Storing a pin forgets a CA file kept for the server.
std::string StoredPin(const std::string& server);
[[nodiscard]] absl::Status StorePin(const std::string& server, const std::string& pin);

// The CA file kept for `server` (an absolute path, in ConfigDir()/ca-files), or "". Storing
// one (a relative path is made absolute) forgets a pin stored for the server.
std::string StoredCaFile(const std::string& server);
[[nodiscard]] absl::Status StoreCaFile(const std::string& server, const std::string& ca_file);

// TLS settings for `server`: "tls://", a stored pin or a CA file turn TLS on. The CA file is
// `ca_file`, else PARAAT_CA, else the one kept for the server, else the config's `ca`; the pin
// is `pin`, else the one stored for the server unless `ca_file` is given (flags win; a pin
// beats a CA). A kept CA file that cannot be read is NOT_FOUND saying so. A client certificate comes
// from `cert_file` and `key_file`, else PARAAT_CLIENT_CERT and PARAAT_CLIENT_KEY, else the
// config's `client-cert` and `client-key`: both or neither (INVALID_ARGUMENT), and NOT_FOUND for a file that
// cannot be read, as for the CA file.
[[nodiscard]] absl::StatusOr<TlsSettings> ResolveTls(const std::string& server,
                                                     const std::string& ca_file,
                                                     const std::string& pin,
                                                     const std::string& cert_file = "",
                                                     const std::string& key_file = "");

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_TLS_H_
