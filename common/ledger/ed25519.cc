// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/ed25519.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace paraat::ledger {
namespace {

// Drains OpenSSL's thread error queue into one readable string, so that a later, unrelated
// OpenSSL call on this thread does not report our errors.
std::string DrainOpenSslErrors() {
  std::string reasons;
  while (unsigned long code = ERR_get_error()) {
    char reason[256];
    ERR_error_string_n(code, reason, sizeof(reason));
    if (!reasons.empty()) reasons.append("; ");
    reasons.append(reason);
  }
  return reasons.empty() ? "no OpenSSL error queued" : reasons;
}

absl::Status OpenSslError(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, " failed: ", DrainOpenSslErrors()));
}

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

// Refuses every passphrase request: a key file must never make the server wait on a
// terminal prompt (OpenSSL's default callback would read one from the tty).
int RefusePassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*u*/) { return -1; }

absl::Status ErrnoError(int error_number, absl::string_view what, const std::string& path) {
  return absl::Status(absl::ErrnoToStatusCode(error_number),
                      absl::StrCat(what, " ", path, ": ", std::strerror(error_number)));
}

}  // namespace

void Ed25519PrivateKey::PkeyFree::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromPkey(PkeyPtr key) {
  if (EVP_PKEY_is_a(key.get(), "ED25519") != 1) {
    const char* type = EVP_PKEY_get0_type_name(key.get());
    return absl::InvalidArgumentError(
        absl::StrCat("the key is of type ", type != nullptr ? type : "(unknown)", ", not Ed25519"));
  }
  Ed25519PublicKey public_key;
  size_t length = public_key.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), public_key.data(), &length) != 1) {
    return OpenSslError("EVP_PKEY_get_raw_public_key");
  }
  if (length != public_key.size()) {
    return absl::InternalError(
        absl::StrFormat("OpenSSL returned a %d-byte Ed25519 public key", length));
  }
  return Ed25519PrivateKey(std::move(key), public_key);
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::Generate() {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "ED25519", nullptr));
  if (ctx == nullptr) return OpenSslError("EVP_PKEY_CTX_new_from_name(ED25519)");
  if (EVP_PKEY_keygen_init(ctx.get()) != 1) return OpenSslError("EVP_PKEY_keygen_init");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &raw) != 1) return OpenSslError("EVP_PKEY_generate");
  return FromPkey(PkeyPtr(raw));
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(absl::Span<const uint8_t> seed) {
  if (seed.size() != kEd25519SeedSize) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "an Ed25519 private key is %d bytes, got %d bytes", kEd25519SeedSize, seed.size()));
  }
  PkeyPtr key(
      EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, seed.data(), seed.size()));
  if (key == nullptr) return OpenSslError("EVP_PKEY_new_raw_private_key_ex(ED25519)");
  return FromPkey(std::move(key));
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromPem(absl::string_view pem) {
  if (pem.size() > INT_MAX) {
    return absl::InvalidArgumentError(
        absl::StrFormat("PEM text of %d bytes is too long", pem.size()));
  }
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) return OpenSslError("BIO_new_mem_buf");
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, RefusePassphrase, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not an unencrypted PEM private key (expected \"-----BEGIN PRIVATE KEY-----\"): ",
        DrainOpenSslErrors()));
  }
  return FromPkey(std::move(key));
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::LoadPemFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "cannot open private key file", path);
  // A PEM Ed25519 key is 119 bytes; anything near this limit is not one.
  constexpr size_t kMaxPemSize = size_t{64} * 1024;
  std::string pem;
  absl::Status status;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = ErrnoError(errno, "cannot read private key file", path);
      break;
    }
    if (n == 0) break;
    pem.append(buffer, static_cast<size_t>(n));
    if (pem.size() > kMaxPemSize) {
      status = absl::InvalidArgumentError(absl::StrFormat(
          "private key file %s is larger than %d bytes; it is not a PEM Ed25519 key", path,
          kMaxPemSize));
      break;
    }
  }
  ::close(fd);
  OPENSSL_cleanse(buffer, sizeof(buffer));
  if (!status.ok()) {
    OPENSSL_cleanse(pem.data(), pem.size());
    return status;
  }
  absl::StatusOr<Ed25519PrivateKey> key = FromPem(pem);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!key.ok()) {
    return absl::Status(key.status().code(),
                        absl::StrCat("private key file ", path, ": ", key.status().message()));
  }
  return key;
}

absl::StatusOr<Ed25519Seed> Ed25519PrivateKey::Seed() const {
  Ed25519Seed seed;
  size_t length = seed.size();
  if (EVP_PKEY_get_raw_private_key(key_.get(), seed.data(), &length) != 1) {
    return OpenSslError("EVP_PKEY_get_raw_private_key");
  }
  if (length != seed.size()) {
    OPENSSL_cleanse(seed.data(), seed.size());
    return absl::InternalError(
        absl::StrFormat("OpenSSL returned a %d-byte Ed25519 private key", length));
  }
  return seed;
}

absl::StatusOr<std::string> Ed25519PrivateKey::ToPem() const {
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (bio == nullptr) return OpenSslError("BIO_new(BIO_s_secmem)");
  if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
      1) {
    return OpenSslError("PEM_write_bio_PKCS8PrivateKey");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  if (length <= 0 || data == nullptr) return OpenSslError("BIO_get_mem_data");
  return std::string(data, static_cast<size_t>(length));
}

absl::Status Ed25519PrivateKey::SavePemFile(const std::string& path) const {
  absl::StatusOr<std::string> pem = ToPem();
  if (!pem.ok()) return pem.status();
  // O_EXCL: never replace an existing key; 0600 before a byte is written.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int error_number = errno;
    OPENSSL_cleanse(pem->data(), pem->size());
    if (error_number == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat(
          "private key file ", path, " already exists; refusing to replace a signing key"));
    }
    return ErrnoError(error_number, "cannot create private key file", path);
  }
  absl::Status status;
  size_t written = 0;
  while (status.ok() && written < pem->size()) {
    const ssize_t n = ::write(fd, pem->data() + written, pem->size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = ErrnoError(errno, "cannot write private key file", path);
    } else {
      written += static_cast<size_t>(n);
    }
  }
  if (status.ok() && ::fsync(fd) != 0) {
    status = ErrnoError(errno, "cannot sync private key file", path);
  }
  if (::close(fd) != 0 && status.ok()) {
    status = ErrnoError(errno, "cannot close private key file", path);
  }
  OPENSSL_cleanse(pem->data(), pem->size());
  // A half-written key file would be loaded as garbage later; leave nothing behind.
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

absl::StatusOr<Ed25519Signature> Ed25519PrivateKey::Sign(absl::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr) return OpenSslError("EVP_MD_CTX_new");
  // PureEdDSA: no digest, one-shot EVP_DigestSign (EVP_SIGNATURE-ED25519(7)).
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
    return OpenSslError("EVP_DigestSignInit");
  }
  Ed25519Signature signature;
  size_t length = signature.size();
  if (EVP_DigestSign(ctx.get(), signature.data(), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return OpenSslError("EVP_DigestSign");
  }
  if (length != signature.size()) {
    return absl::InternalError(
        absl::StrFormat("OpenSSL returned a %d-byte Ed25519 signature", length));
  }
  return signature;
}

absl::Status VerifyEd25519(const Ed25519PublicKey& public_key, absl::string_view message,
                           absl::Span<const uint8_t> signature) {
  if (signature.size() != kEd25519SignatureSize) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "an Ed25519 signature is %d bytes, got %d bytes", kEd25519SignatureSize, signature.size()));
  }
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(
      EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, public_key.data(),
                                     public_key.size()),
      EVP_PKEY_free);
  if (key == nullptr) return OpenSslError("EVP_PKEY_new_raw_public_key_ex(ED25519)");
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr) return OpenSslError("EVP_MD_CTX_new");
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return OpenSslError("EVP_DigestVerifyInit");
  }
  const int verified =
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size());
  if (verified == 1) return absl::OkStatus();
  if (verified == 0) {
    ERR_clear_error();
    return absl::DataLossError("the Ed25519 signature does not verify with this public key");
  }
  return OpenSslError("EVP_DigestVerify");
}

}  // namespace paraat::ledger
