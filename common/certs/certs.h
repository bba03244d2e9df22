// SPDX-License-Identifier: EUPL-1.2
// X.509 certificates for a first install (self-signed, with the names clients connect to)
// and the SHA-256 fingerprints clients pin.
#ifndef PARAAT_COMMON_CERTS_CERTS_H_
#define PARAAT_COMMON_CERTS_CERTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace paraat::certs {

struct KeyAndCert {
  std::string key_pem;   // PKCS#8 private key (ECDSA P-256)
  std::string cert_pem;  // X.509 v3
};

// A self-signed certificate for `dns_names` (first is the common name) and `ip_addresses`,
// valid from now for `validity`. It is its own CA, so a client can also trust it as a CA file.
[[nodiscard]] absl::StatusOr<KeyAndCert> MakeSelfSigned(const std::vector<std::string>& dns_names,
                                                        const std::vector<std::string>& ip_addresses,
                                                        absl::Duration validity);

// A certificate signed by `ca` (for mutual TLS tests and client certificates).
[[nodiscard]] absl::StatusOr<KeyAndCert> MakeSigned(const KeyAndCert& ca, const std::string& common_name,
                                                    const std::vector<std::string>& dns_names,
                                                    const std::vector<std::string>& ip_addresses,
                                                    absl::Duration validity);

// "SHA256:" and 64 lower-case hex digits of the DER certificate, as printed by init and
// accepted by clients' --pin. INVALID_ARGUMENT for text that holds no certificate.
[[nodiscard]] absl::StatusOr<std::string> Fingerprint(absl::string_view cert_pem);

// Normalises a fingerprint as users type it ("sha256:AA:BB..." or bare hex) to the form
// Fingerprint returns. INVALID_ARGUMENT when it is not 32 bytes of hex.
[[nodiscard]] absl::StatusOr<std::string> NormaliseFingerprint(absl::string_view text);

// Checks a server's certificate (the first of `cert_pem`) and private key before they are
// used: INVALID_ARGUMENT when either cannot be read, naming `cert_flag` or `key_flag`;
// FAILED_PRECONDITION when the key does not belong to the certificate, or the certificate is
// not valid at `now` (expired, or not yet valid), saying when. Returns when it expires.
[[nodiscard]] absl::StatusOr<absl::Time> CheckServerPair(absl::string_view cert_pem,
                                                         absl::string_view key_pem,
                                                         absl::string_view cert_flag,
                                                         absl::string_view key_flag, absl::Time now);

}  // namespace paraat::certs

#endif  // PARAAT_COMMON_CERTS_CERTS_H_
