// SPDX-License-Identifier: EUPL-1.2
#include "common/certs/certs.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/status/status_macros.h"

namespace paraat::certs {

namespace {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
template <typename T>
using Ptr = std::unique_ptr<T, Free>;

absl::Status Fail(absl::string_view what) {
  return absl::InternalError(absl::StrCat("OpenSSL failed: ", what));
}

std::string BioText(BIO* b) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(b, &data);
  return std::string(data, static_cast<size_t>(n));
}

absl::StatusOr<Ptr<EVP_PKEY>> NewKey() {
  EVP_PKEY* k = EVP_EC_gen("P-256");
  if (k == nullptr) return Fail("generating an EC key");
  return Ptr<EVP_PKEY>(k);
}

absl::Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  Ptr<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (ext == nullptr || X509_add_ext(cert, ext.get(), -1) != 1) {
    return Fail(absl::StrCat("adding extension ", value));
  }
  return absl::OkStatus();
}

absl::StatusOr<KeyAndCert> Make(EVP_PKEY* issuer_key, X509* issuer_cert, const std::string& cn,
                                const std::vector<std::string>& dns, const std::vector<std::string>& ips,
                                absl::Duration validity, bool is_ca) {
  PARAAT_ASSIGN_OR_RETURN(Ptr<EVP_PKEY> key, NewKey());
  Ptr<X509> cert(X509_new());
  if (cert == nullptr) return Fail("X509_new");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return Fail("RAND_bytes");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  ASN1_INTEGER* sn = BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  if (sn == nullptr) return Fail("serial number");
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), absl::ToInt64Seconds(validity));
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Paraat"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509* issuer = issuer_cert != nullptr ? issuer_cert : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer));
  std::vector<std::string> sans;
  for (const auto& d : dns) sans.push_back(absl::StrCat("DNS:", d));
  for (const auto& ip : ips) sans.push_back(absl::StrCat("IP:", ip));
  if (!sans.empty()) PARAAT_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_subject_alt_name, absl::StrJoin(sans, ",")));
  PARAAT_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_basic_constraints,
                                      is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE"));
  PARAAT_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_key_usage,
                                      is_ca ? "critical,digitalSignature,keyCertSign"
                                            : "critical,digitalSignature,keyEncipherment"));
  PARAAT_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_ext_key_usage, "serverAuth,clientAuth"));
  PARAAT_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_subject_key_identifier, "hash"));
  if (X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key.get(), EVP_sha256()) <= 0) {
    return Fail("signing the certificate");
  }
  KeyAndCert out;
  Ptr<BIO> kb(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(kb.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Fail("writing the key");
  }
  out.key_pem = BioText(kb.get());
  Ptr<BIO> cb(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(cb.get(), cert.get()) != 1) return Fail("writing the certificate");
  out.cert_pem = BioText(cb.get());
  return out;
}

}  // namespace

absl::StatusOr<KeyAndCert> MakeSelfSigned(const std::vector<std::string>& dns_names,
                                          const std::vector<std::string>& ip_addresses,
                                          absl::Duration validity) {
  const std::string cn = dns_names.empty() ? std::string("paraat") : dns_names.front();
  return Make(nullptr, nullptr, cn, dns_names, ip_addresses, validity, true);
}

absl::StatusOr<KeyAndCert> MakeSigned(const KeyAndCert& ca, const std::string& common_name,
                                      const std::vector<std::string>& dns_names,
                                      const std::vector<std::string>& ip_addresses,
                                      absl::Duration validity) {
  Ptr<BIO> kb(BIO_new_mem_buf(ca.key_pem.data(), static_cast<int>(ca.key_pem.size())));
  Ptr<EVP_PKEY> key(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
  Ptr<BIO> cb(BIO_new_mem_buf(ca.cert_pem.data(), static_cast<int>(ca.cert_pem.size())));
  Ptr<X509> cert(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || cert == nullptr) return absl::InvalidArgumentError("the CA key or certificate is unreadable");
  return Make(key.get(), cert.get(), common_name, dns_names, ip_addresses, validity, false);
}

absl::StatusOr<std::string> Fingerprint(absl::string_view cert_pem) {
  Ptr<BIO> b(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  Ptr<X509> cert(PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) return absl::InvalidArgumentError("no PEM certificate found");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (X509_digest(cert.get(), EVP_sha256(), md, &n) != 1) return Fail("X509_digest");
  return absl::StrCat("SHA256:", absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(md), n)));
}

namespace {

absl::Time AsnTime(const ASN1_TIME* t) {
  struct tm tm = {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return absl::InfinitePast();
  return absl::FromCivil(absl::CivilSecond(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                           tm.tm_hour, tm.tm_min, tm.tm_sec),
                         absl::UTCTimeZone());
}

}  // namespace

absl::StatusOr<absl::Time> CheckServerPair(absl::string_view cert_pem, absl::string_view key_pem,
                                           absl::string_view cert_flag, absl::string_view key_flag,
                                           absl::Time now) {
  Ptr<BIO> cb(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  Ptr<X509> cert(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(cert_flag, " holds no PEM certificate (is it the key file?)"));
  }
  Ptr<BIO> kb(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  // No pass phrase is asked for (a server starts unattended): an encrypted key is refused.
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return 0; };
  Ptr<EVP_PKEY> key(PEM_read_bio_PrivateKey(kb.get(), nullptr, no_passphrase, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        key_flag, " holds no unencrypted PEM private key (is it the certificate file, or is the "
        "key protected by a pass phrase?)"));
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the private key in ", key_flag, " does not belong to the certificate in ", cert_flag));
  }
  const auto day = [](absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M UTC", t, absl::UTCTimeZone()); };
  const absl::Time not_before = AsnTime(X509_get0_notBefore(cert.get()));
  const absl::Time not_after = AsnTime(X509_get0_notAfter(cert.get()));
  if (now < not_before) {
    return absl::FailedPreconditionError(absl::StrCat("the certificate in ", cert_flag,
                                                      " is not valid before ", day(not_before)));
  }
  if (now > not_after) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the certificate in ", cert_flag, " expired on ", day(not_after),
        "; clients would refuse it. Renew it (a self-signed one: move the old tls/ files away and "
        "run paraat-server init --self-signed on the data directory; clients then pin the new "
        "fingerprint) and start again"));
  }
  return not_after;
}

absl::StatusOr<std::string> NormaliseFingerprint(absl::string_view text) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (t.rfind("sha256:", 0) == 0) t = t.substr(7);
  t = absl::StrReplaceAll(t, {{":", ""}});
  if (t.size() != 64 || t.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", text, "' is not a SHA-256 fingerprint (SHA256: followed by 64 hex digits)"));
  }
  return absl::StrCat("SHA256:", t);
}

}  // namespace paraat::certs
