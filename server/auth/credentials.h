// SPDX-License-Identifier: EUPL-1.2
// Passwords (argon2id via libsodium) and session tokens (random, stored only as a hash).
#ifndef PARAAT_SERVER_AUTH_CREDENTIALS_H_
#define PARAAT_SERVER_AUTH_CREDENTIALS_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace paraat::auth {

// Initialises libsodium; call once before anything else here. INTERNAL when it cannot.
[[nodiscard]] absl::Status InitCrypto();

// argon2id with at least OWASP's minimum (19 MiB memory, 2 passes, 1 lane): the encoded
// string holds the salt and parameters.
[[nodiscard]] absl::StatusOr<std::string> HashPassword(absl::string_view password);
// True when `password` matches `encoded`. Takes as long as hashing does.
bool VerifyPassword(absl::string_view password, absl::string_view encoded);
// A hash to verify against when the account does not exist, so that an unknown username
// costs as much time as a wrong password.
const std::string& DummyPasswordHash();

// A random password for a new account or a reset: 20 characters from an unambiguous
// alphabet (about 110 bits).
std::string RandomPassword();

// A session token: 32 random bytes, base64url without padding.
std::string NewSessionToken();
// SHA-256 of the token: what the database stores.
std::string TokenHash(absl::string_view token);

}  // namespace paraat::auth

#endif  // PARAAT_SERVER_AUTH_CREDENTIALS_H_
