// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/ed25519.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// RFC 8032 §7.1, TEST 1.
constexpr absl::string_view kRfcSeed =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr absl::string_view kRfcPublicKey =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr absl::string_view kRfcSignature =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
    "b46bd25bf5f0595bbe24655141438e7a100b";

std::string Hex(absl::Span<const uint8_t> bytes) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

Ed25519PrivateKey RfcKey() {
  const std::string seed = absl::HexStringToBytes(kRfcSeed);
  return Ed25519PrivateKey::FromSeed(
             absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(seed.data()), seed.size()))
      .value();
}

// A fresh directory under the test's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TEST_TMPDIR");
    std::string pattern = absl::StrCat(base != nullptr ? base : "/tmp", "/ledger_XXXXXX");
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDir() {
    for (const std::string& file : files_) ::unlink(file.c_str());
    ::rmdir(path_.c_str());
  }
  std::string File(absl::string_view name) {
    files_.push_back(absl::StrCat(path_, "/", name));
    return files_.back();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::string> files_;
};

TEST(Ed25519Test, Rfc8032Vector) {
  const Ed25519PrivateKey key = RfcKey();
  EXPECT_EQ(Hex(key.public_key()), kRfcPublicKey);
  absl::StatusOr<Ed25519Signature> signature = key.Sign("");
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(Hex(*signature), kRfcSignature);
  EXPECT_TRUE(VerifyEd25519(key.public_key(), "", *signature).ok());
}

TEST(Ed25519Test, GeneratedKeysSignAndVerify) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok()) << key.status();
  absl::StatusOr<Ed25519PrivateKey> other = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE(key->public_key(), other->public_key());

  const std::string message = "crisis 7, entry 12";
  const Ed25519Signature signature = key->Sign(message).value();
  EXPECT_TRUE(VerifyEd25519(key->public_key(), message, signature).ok());

  const absl::Status wrong_key = VerifyEd25519(other->public_key(), message, signature);
  EXPECT_EQ(wrong_key.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(wrong_key.message(), "the Ed25519 signature does not verify with this public key");
  EXPECT_EQ(VerifyEd25519(key->public_key(), "crisis 7, entry 13", signature).code(),
            absl::StatusCode::kDataLoss);
  Ed25519Signature flipped = signature;
  flipped[10] ^= 1;
  EXPECT_EQ(VerifyEd25519(key->public_key(), message, flipped).code(), absl::StatusCode::kDataLoss);

  const absl::Status short_signature =
      VerifyEd25519(key->public_key(), message, absl::MakeConstSpan(signature).subspan(1));
  EXPECT_EQ(short_signature.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_signature.message(), "an Ed25519 signature is 64 bytes, got 63 bytes");
}

TEST(Ed25519Test, SeedRoundTrip) {
  const Ed25519PrivateKey key = Ed25519PrivateKey::Generate().value();
  const Ed25519Seed seed = key.Seed().value();
  const Ed25519PrivateKey again = Ed25519PrivateKey::FromSeed(seed).value();
  EXPECT_EQ(again.public_key(), key.public_key());
  EXPECT_EQ(Hex(RfcKey().Seed().value()), kRfcSeed);

  absl::StatusOr<Ed25519PrivateKey> short_seed =
      Ed25519PrivateKey::FromSeed(absl::MakeConstSpan(seed).subspan(0, 31));
  EXPECT_EQ(short_seed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_seed.status().message(), "an Ed25519 private key is 32 bytes, got 31 bytes");
}

TEST(Ed25519Test, PemIsPkcs8) {
  // RFC 8410 §7: the PKCS#8 prefix of an Ed25519 private key, then the 32-byte seed.
  const std::string der =
      absl::HexStringToBytes(absl::StrCat("302e020100300506032b657004220420", kRfcSeed));
  const std::string want = absl::StrCat("-----BEGIN PRIVATE KEY-----\n", absl::Base64Escape(der),
                                        "\n-----END PRIVATE KEY-----\n");
  absl::StatusOr<std::string> pem = RfcKey().ToPem();
  ASSERT_TRUE(pem.ok()) << pem.status();
  EXPECT_EQ(*pem, want);
  absl::StatusOr<Ed25519PrivateKey> parsed = Ed25519PrivateKey::FromPem(want);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(Hex(parsed->public_key()), kRfcPublicKey);
}

TEST(Ed25519Test, FromPemRejectsOtherInput) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::FromPem("not a key");
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(key.status().message()),
              StartsWith("not an unencrypted PEM private key (expected \"-----BEGIN PRIVATE "
                         "KEY-----\"): "));

  // An X25519 key is valid PKCS#8 but cannot sign.
  EVP_PKEY* x25519 = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519");
  ASSERT_NE(x25519, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, x25519, nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  const std::string pem(data, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(x25519);
  key = Ed25519PrivateKey::FromPem(pem);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(key.status().message(), "the key is of type X25519, not Ed25519");
}

TEST(Ed25519Test, EncryptedPemIsRejectedWithoutPrompting) {
  const Ed25519PrivateKey key = RfcKey();
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                                key.Seed().value().data(), kEd25519SeedSize);
  ASSERT_NE(pkey, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  char passphrase[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, pkey, EVP_aes_256_cbc(), passphrase,
                                          sizeof(passphrase) - 1, nullptr, nullptr),
            1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  const std::string pem(data, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(pkey);
  ASSERT_THAT(pem, StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  EXPECT_EQ(Ed25519PrivateKey::FromPem(pem).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Ed25519Test, SaveAndLoadPemFile) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string path = dir.File("server.key");
  const Ed25519PrivateKey key = Ed25519PrivateKey::Generate().value();
  ASSERT_TRUE(key.SavePemFile(path).ok());

  struct stat info;
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  absl::StatusOr<Ed25519PrivateKey> loaded = Ed25519PrivateKey::LoadPemFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->public_key(), key.public_key());

  const absl::Status again = Ed25519PrivateKey::Generate().value().SavePemFile(path);
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(again.message(), absl::StrCat("private key file ", path,
                                          " already exists; refusing to replace a signing key"));
  // The original key is untouched.
  EXPECT_EQ(Ed25519PrivateKey::LoadPemFile(path).value().public_key(), key.public_key());
}

TEST(Ed25519Test, LoadPemFileErrors) {
  TempDir dir;
  const std::string missing = dir.File("missing.key");
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::LoadPemFile(missing);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(key.status().message(),
            absl::StrCat("cannot open private key file ", missing, ": No such file or directory"));

  const std::string garbage = dir.File("garbage.key");
  std::ofstream(garbage) << "garbage\n";
  key = Ed25519PrivateKey::LoadPemFile(garbage);
  EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(key.status().message()),
              StartsWith(absl::StrCat("private key file ", garbage,
                                      ": not an unencrypted PEM private key")));

  const absl::Status no_directory =
      RfcKey().SavePemFile(absl::StrCat(dir.path(), "/no/such/dir.key"));
  EXPECT_EQ(no_directory.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(no_directory.message()), HasSubstr("cannot create private key file"));
}

}  // namespace
}  // namespace paraat::ledger
