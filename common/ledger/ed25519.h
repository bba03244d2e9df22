// SPDX-License-Identifier: EUPL-1.2
// Ed25519 (RFC 8032) keys and signatures through OpenSSL 3's EVP interface: the server's
// checkpoint signing key, its PEM file, and signature verification.
#ifndef PARAAT_COMMON_LEDGER_ED25519_H_
#define PARAAT_COMMON_LEDGER_ED25519_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <openssl/types.h>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace paraat::ledger {

inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SeedSize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;

using Ed25519PublicKey = std::array<uint8_t, kEd25519PublicKeySize>;
using Ed25519Seed = std::array<uint8_t, kEd25519SeedSize>;
using Ed25519Signature = std::array<uint8_t, kEd25519SignatureSize>;

// An Ed25519 private key (and its public key). Move-only. Signing is thread-safe.
// Errors from OpenSSL carry OpenSSL's own reason; OpenSSL's thread error queue is left empty.
class Ed25519PrivateKey {
 public:
  // A fresh key from OpenSSL's CSPRNG. INTERNAL if OpenSSL fails.
  [[nodiscard]] static absl::StatusOr<Ed25519PrivateKey> Generate();

  // The key with this 32-byte RFC 8032 private key (the "seed"). INVALID_ARGUMENT unless
  // `seed` is 32 bytes.
  [[nodiscard]] static absl::StatusOr<Ed25519PrivateKey> FromSeed(absl::Span<const uint8_t> seed);

  // Parses a PEM "PRIVATE KEY" (PKCS#8, RFC 8410). INVALID_ARGUMENT if it is not PEM, is
  // encrypted, or holds another kind of key. Never prompts for a passphrase.
  [[nodiscard]] static absl::StatusOr<Ed25519PrivateKey> FromPem(absl::string_view pem);

  // Reads a file written by SavePemFile (or `openssl genpkey -algorithm ed25519`).
  // NOT_FOUND if it does not exist, PERMISSION_DENIED if unreadable, else as FromPem.
  [[nodiscard]] static absl::StatusOr<Ed25519PrivateKey> LoadPemFile(const std::string& path);

  Ed25519PrivateKey(Ed25519PrivateKey&&) noexcept = default;
  Ed25519PrivateKey& operator=(Ed25519PrivateKey&&) noexcept = default;
  ~Ed25519PrivateKey() = default;

  const Ed25519PublicKey& public_key() const { return public_key_; }

  // The raw 32-byte private key. Secret: wipe it (OPENSSL_cleanse) when done.
  [[nodiscard]] absl::StatusOr<Ed25519Seed> Seed() const;

  // PEM "PRIVATE KEY" (unencrypted PKCS#8). Secret.
  [[nodiscard]] absl::StatusOr<std::string> ToPem() const;

  // Writes ToPem() to a new file with mode 0600 and fsyncs it. ALREADY_EXISTS if `path`
  // exists: a signing key is never silently replaced, since checkpoints it signed could no
  // longer be verified with the new key. NOT_FOUND if the directory does not exist.
  [[nodiscard]] absl::Status SavePemFile(const std::string& path) const;

  // The RFC 8032 (PureEdDSA) signature of `message`.
  [[nodiscard]] absl::StatusOr<Ed25519Signature> Sign(absl::string_view message) const;

 private:
  struct PkeyFree {
    void operator()(EVP_PKEY* key) const;
  };
  using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

  Ed25519PrivateKey(PkeyPtr key, const Ed25519PublicKey& public_key)
      : key_(std::move(key)), public_key_(public_key) {}
  [[nodiscard]] static absl::StatusOr<Ed25519PrivateKey> FromPkey(PkeyPtr key);

  PkeyPtr key_;
  Ed25519PublicKey public_key_;
};

// OK if `signature` is a valid Ed25519 signature of `message` by `public_key`.
// INVALID_ARGUMENT if the signature is not 64 bytes; DATA_LOSS if it does not verify
// (including a public key that is not a valid curve point); INTERNAL if OpenSSL fails.
[[nodiscard]] absl::Status VerifyEd25519(const Ed25519PublicKey& public_key,
                                         absl::string_view message,
                                         absl::Span<const uint8_t> signature);

}  // namespace paraat::ledger

#endif  // PARAAT_COMMON_LEDGER_ED25519_H_
