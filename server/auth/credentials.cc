// SPDX-License-Identifier: EUPL-1.2
#include "server/auth/credentials.h"

#include <openssl/evp.h>
#include <sodium.h>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"

namespace paraat::auth {

namespace {
// OWASP: argon2id, m = 19 MiB, t = 2, p = 1 (libsodium always uses one lane).
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024u * 1024u;
}  // namespace

absl::Status InitCrypto() {
  if (sodium_init() < 0) return absl::InternalError("libsodium could not be initialised");
  return absl::OkStatus();
}

absl::StatusOr<std::string> HashPassword(absl::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError("not enough memory to hash the password");
  }
  return std::string(out);
}

bool VerifyPassword(absl::string_view password, absl::string_view encoded) {
  const std::string enc(encoded);
  return crypto_pwhash_str_verify(enc.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash() {
  static const std::string* const kDummy = [] {
    absl::StatusOr<std::string> h = HashPassword(NewSessionToken());
    return new std::string(h.ok() ? *h : std::string());
  }();
  return *kDummy;
}

std::string RandomPassword() {
  // No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  constexpr uint32_t n = sizeof(kAlphabet) - 1;
  std::string out;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) out.push_back('-');
    out.push_back(kAlphabet[randombytes_uniform(n)]);
  }
  return out;
}

std::string NewSessionToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string TokenHash(absl::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(token.data(), token.size(), digest, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), len);
}

}  // namespace paraat::auth
