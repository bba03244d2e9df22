// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/sha256.h"

#include <cstdio>
#include <cstdlib>

#include <openssl/err.h>
#include <openssl/evp.h>

namespace paraat::ledger {
namespace {

[[noreturn]] void DieOnOpenSslFailure(const char* what) {
  char reason[256] = "no OpenSSL error queued";
  if (unsigned long code = ERR_get_error(); code != 0) {
    ERR_error_string_n(code, reason, sizeof(reason));
  }
  std::fprintf(stderr, "paraat ledger: SHA-256 failed in %s: %s\n", what, reason);
  std::abort();
}

// One fetched SHA-256 implementation and one digest context per thread. Fetching the
// algorithm once avoids OpenSSL 3's per-call implicit fetch, which costs more than hashing
// a 64-byte node.
class ThreadSha256 {
 public:
  ThreadSha256() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {
    if (md_ == nullptr) DieOnOpenSslFailure("EVP_MD_fetch");
    if (ctx_ == nullptr) DieOnOpenSslFailure("EVP_MD_CTX_new");
  }
  ~ThreadSha256() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  ThreadSha256(const ThreadSha256&) = delete;
  ThreadSha256& operator=(const ThreadSha256&) = delete;

  Sha256Digest Digest(std::initializer_list<absl::Span<const uint8_t>> parts) {
    if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1) DieOnOpenSslFailure("EVP_DigestInit_ex");
    for (absl::Span<const uint8_t> part : parts) {
      if (EVP_DigestUpdate(ctx_, part.data(), part.size()) != 1) {
        DieOnOpenSslFailure("EVP_DigestUpdate");
      }
    }
    Sha256Digest digest;
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx_, digest.data(), &length) != 1) {
      DieOnOpenSslFailure("EVP_DigestFinal_ex");
    }
    if (length != digest.size()) DieOnOpenSslFailure("EVP_DigestFinal_ex (digest length)");
    return digest;
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

}  // namespace

Sha256Digest Sha256(std::initializer_list<absl::Span<const uint8_t>> parts) {
  thread_local ThreadSha256 sha256;
  return sha256.Digest(parts);
}

}  // namespace paraat::ledger
