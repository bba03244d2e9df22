// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/note.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::HasSubstr;

// The example of golang.org/x/mod/sumdb/note (note.go and note_test.go).
constexpr absl::string_view kPeterKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
// From "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz":
// base64(0x01 || Ed25519 seed).
constexpr absl::string_view kPeterPrivateKey = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr absl::string_view kEnochKey =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
// Signature lines start with U+2014 EM DASH.
constexpr absl::string_view kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr absl::string_view kPeterSig =
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdn"
    "gotpRZb6KE6RyyBwJnAM=\n";
constexpr absl::string_view kEnochSig =
    "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGw"
    "nWLox33WWd1RvMc+QQ=\n";

NoteVerifier Peter() { return NoteVerifier::FromKeyString(kPeterKey).value(); }
NoteVerifier Enoch() { return NoteVerifier::FromKeyString(kEnochKey).value(); }

NoteSigner PeterSigner() {
  std::string key;
  EXPECT_TRUE(absl::Base64Unescape(kPeterPrivateKey, &key));
  EXPECT_EQ(key.size(), 33u);
  EXPECT_EQ(key[0], '\x01');
  absl::StatusOr<Ed25519PrivateKey> private_key = Ed25519PrivateKey::FromSeed(
      absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(key.data()) + 1, 32));
  return NoteSigner::Create("PeterNeumann", *std::move(private_key)).value();
}

TEST(NoteVerifierTest, ParsesTheReferenceKey) {
  const NoteVerifier peter = Peter();
  EXPECT_EQ(peter.name(), "PeterNeumann");
  EXPECT_EQ(peter.key_id(), 0xc74f20a3u);
  EXPECT_EQ(peter.KeyString(), kPeterKey);
  EXPECT_EQ(peter.Label(), "PeterNeumann+c74f20a3");
  EXPECT_EQ(NoteKeyId("PeterNeumann", peter.public_key()), 0xc74f20a3u);
  EXPECT_EQ(NoteKeyId("EnochRoot", Enoch().public_key()), 0xaf0cfe78u);
  EXPECT_EQ(NoteVerifier::Create("PeterNeumann", peter.public_key()).value().KeyString(),
            kPeterKey);
}

// Like sumdb/note's TestNewVerifier: every substring and every one-byte change of the
// reference key is rejected.
TEST(NoteVerifierTest, RejectsEveryMangling) {
  const std::string key(kPeterKey);
  for (size_t i = 0; i <= key.size(); ++i) {
    for (size_t j = i + 1; j <= key.size(); ++j) {
      if (i == 0 && j == key.size()) continue;
      EXPECT_EQ(NoteVerifier::FromKeyString(key.substr(i, j - i)).status().code(),
                absl::StatusCode::kInvalidArgument)
          << key.substr(i, j - i);
    }
  }
  for (size_t i = 0; i < key.size(); ++i) {
    std::string changed = key;
    ++changed[i];
    EXPECT_EQ(NoteVerifier::FromKeyString(changed).status().code(),
              absl::StatusCode::kInvalidArgument)
        << changed;
  }
}

TEST(NoteVerifierTest, NamesWhatIsWrong) {
  struct Case {
    std::string key;
    std::string message;
  };
  const Case cases[] = {
      {"PeterNeumann", "is not of the form <name>+<key ID>+<base64 key>"},
      {"+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
       "a note key name must not be empty"},
      {"Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
       "contains a space (U+0020) at byte 5"},
      {"PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
       "the key ID \"c74f20a\" is not 8 hexadecimal digits"},
      {"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
       "the public key is not canonical standard base64"},
      // From sumdb/note: a wrong-length key and an unknown algorithm, key IDs adjusted.
      // Go accepts the first one's base64 (its last character has stray low bits); we do not.
      {"PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
       "the public key is not canonical standard base64"},
      {"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWAA==",
       "an Ed25519 public key is 32 bytes, got 33"},
      {"PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
       "signature type 0x65 is not Ed25519 (0x01)"},
      {"PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
       "key ID c74f20a4 does not match the name and public key, which give c74f20a3"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<NoteVerifier> verifier = NoteVerifier::FromKeyString(c.key);
    EXPECT_EQ(verifier.status().code(), absl::StatusCode::kInvalidArgument) << c.key;
    EXPECT_THAT(std::string(verifier.status().message()), HasSubstr(c.message)) << c.key;
  }
}

TEST(NoteTest, SignsExactlyLikeTheReference) {
  const NoteSigner signer = PeterSigner();
  EXPECT_EQ(signer.key_id(), 0xc74f20a3u);
  EXPECT_EQ(signer.verifier().KeyString(), kPeterKey);
  absl::StatusOr<std::string> note = signer.Sign(kText);
  ASSERT_TRUE(note.ok()) << note.status();
  EXPECT_EQ(*note, absl::StrCat(kText, "\n", kPeterSig));
}

TEST(NoteTest, OpensTheReferenceNote) {
  const std::string note = absl::StrCat(kText, "\n", kPeterSig);
  absl::StatusOr<std::string> text = OpenNote(note, {Peter()});
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, kText);
}

TEST(NoteTest, IgnoresSignaturesByOtherKeys) {
  const std::string note = absl::StrCat(kText, "\n", kPeterSig, kEnochSig);
  EXPECT_EQ(OpenNote(note, {Peter()}).value(), kText);
  EXPECT_EQ(OpenNote(note, {Enoch()}).value(), kText);
  EXPECT_EQ(OpenNote(note, {Peter(), Enoch()}).value(), kText);

  absl::StatusOr<Note> parsed = ParseNote(note);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->signatures.size(), 2u);
  EXPECT_EQ(parsed->signatures[0].key_name, "PeterNeumann");
  EXPECT_EQ(parsed->signatures[0].key_id, 0xc74f20a3u);
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);
  EXPECT_EQ(parsed->signatures[1].key_name, "EnochRoot");
  EXPECT_EQ(parsed->signatures[1].key_id, 0xaf0cfe78u);
}

TEST(NoteTest, UnknownKeyIsNotFound) {
  const std::string note = absl::StrCat(kText, "\n", kPeterSig, kEnochSig);
  absl::StatusOr<std::string> text = OpenNote(note, {});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(text.status().message(),
            "the note has no signature by a trusted key (trusted: none; signed by: "
            "PeterNeumann+c74f20a3, EnochRoot+af0cfe78)");

  // Same name, other key: not the trusted key, so ignored, so nothing verifies.
  const NoteSigner impostor =
      NoteSigner::Create("PeterNeumann", Ed25519PrivateKey::Generate().value()).value();
  text = OpenNote(impostor.Sign(kText).value(), {Peter()});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(text.status().message()),
              HasSubstr("(trusted: PeterNeumann+c74f20a3; signed by: "
                        "PeterNeumann+"));
}

TEST(NoteTest, BadSignatureIsDataLoss) {
  // sumdb/note: four base64 characters inserted into the signature.
  const std::string longer = absl::StrCat(kPeterSig.substr(0, 60), "ABCD", kPeterSig.substr(60));
  absl::StatusOr<std::string> text = OpenNote(absl::StrCat(kText, "\n", longer), {Peter()});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(text.status().message()),
              HasSubstr("the signature by trusted key PeterNeumann+c74f20a3 does not verify"));

  // The body changed after signing.
  std::string tampered = absl::StrCat(kText, "\n", kPeterSig);
  tampered[3] = 'U';
  text = OpenNote(tampered, {Peter()});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(text.status().message(),
            "the signature by trusted key PeterNeumann+c74f20a3 does not verify (the Ed25519 "
            "signature does not verify with this public key): the note text or the signature "
            "has been altered");

  // A bad signature by a trusted key fails the note even if another trusted key signed it.
  text = OpenNote(absl::StrCat(kText, "\n", kEnochSig, longer), {Peter(), Enoch()});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kDataLoss);
}

TEST(NoteTest, MalformedNotes) {
  const std::string sig(kPeterSig);
  struct Case {
    std::string note;
    std::string message;
  };
  // The bad messages of sumdb/note's TestOpen, and more.
  const Case cases[] = {
      {std::string(kText), "no blank line separates the text from the signatures"},
      {absl::StrCat(kText, "\n"), "no signature lines after the blank line"},
      {absl::StrCat(kText, "\n", sig.substr(0, sig.size() - 1)),
       "the last signature line has no newline"},
      {absl::StrCat("\x01", kText, "\n", sig),
       "the note holds the control character 0x01 at byte 0"},
      {absl::StrCat("\xff", kText, "\n", sig), "the note is not valid UTF-8 at byte 0"},
      {absl::StrCat(kText, "\n",
                    "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcEl"
                    "ZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
       "signature line 1: signature \"Name x08go"},
      {absl::StrCat(kText, "\n", sig, "Unexpected line.\n"),
       "signature line 2 \"Unexpected line.\" does not start with an em dash"},
      {absl::StrCat(kText, "\n", "- PeterNeumann x08go=\n"),
       "signature line 1 \"- PeterNeumann x08go=\" does not start with an em dash"},
      {absl::StrCat(kText, "\n", "— PeterNeumann\n"),
       "signature line 1 has no space between key name and signature"},
      {absl::StrCat(kText, "\n", "— Peter+Neumann AAAAAAA=\n"),
       "signature line 1: note key name \"Peter+Neumann\" contains '+' at byte 5"},
      {absl::StrCat(kText, "\n", "— PeterNeumann AAAA\n"),
       "signature line 1: a signature is a 4-byte key ID and at least one byte, got 3 bytes"},
      {absl::StrCat(kText, "\n", "— PeterNeumann AAAAAAA\n"),
       "signature line 1: signature \"AAAAAAA\" is not canonical standard base64"},
      {absl::StrCat(kText, "\r\n", sig), "the note holds the control character 0x0d"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::string> text = OpenNote(c.note, {Peter()});
    EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument) << c.note;
    EXPECT_THAT(std::string(text.status().message()), HasSubstr(absl::StrCat("malformed note: ")))
        << c.note;
    EXPECT_THAT(std::string(text.status().message()), HasSubstr(c.message)) << c.note;
  }
}

TEST(NoteTest, TooManySignatures) {
  std::string signatures;
  for (int i = 0; i < 100; ++i) absl::StrAppend(&signatures, kPeterSig);
  EXPECT_TRUE(OpenNote(absl::StrCat(kText, "\n", signatures), {Peter()}).ok());
  absl::StrAppend(&signatures, kPeterSig);
  absl::StatusOr<std::string> text = OpenNote(absl::StrCat(kText, "\n", signatures), {Peter()});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(), "malformed note: more than 100 signature lines");
}

TEST(NoteTest, TextMayContainBlankLines) {
  const NoteSigner signer = PeterSigner();
  const std::string text = "first\n\nthird\n";
  EXPECT_EQ(OpenNote(signer.Sign(text).value(), {Peter()}).value(), text);
}

TEST(NoteTest, AmbiguousTrustedKeys) {
  absl::StatusOr<std::string> text =
      OpenNote(absl::StrCat(kText, "\n", kPeterSig), {Peter(), Enoch(), Peter()});
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(),
            "two trusted keys share the name and key ID PeterNeumann+c74f20a3");
}

TEST(NoteTest, SignRejectsBadText) {
  const NoteSigner signer = PeterSigner();
  EXPECT_EQ(signer.Sign("").status().message(),
            "a note text must be non-empty and end with a newline");
  EXPECT_EQ(signer.Sign("no newline").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(signer.Sign("tab\there\n").status().message(),
            "the note text holds the control character 0x09 at byte 3; only newline is allowed");
  EXPECT_EQ(signer.Sign("\xc0\x80\n").status().message(),
            "the note text is not valid UTF-8 at byte 0");
}

TEST(NoteTest, KeyNames) {
  EXPECT_TRUE(ValidateKeyName("paraat.example/crisis-log").ok());
  EXPECT_TRUE(ValidateKeyName("T\xC3\xA9l\xC3\xA9phone").ok());  // UTF-8 letters are fine
  struct Case {
    std::string name;
    std::string message;
  };
  const Case cases[] = {
      {"", "a note key name must not be empty"},
      {"a b", "note key name \"a b\" contains a space (U+0020) at byte 1"},
      {"a\xC2\xA0"
       "b",
       "contains a space (U+00A0) at byte 1"},
      {"a\xE3\x80\x80", "contains a space (U+3000) at byte 1"},
      {"a+b", "note key name \"a+b\" contains '+' at byte 1"},
      {"a\xE2\x82", "is not valid UTF-8 at byte 1"},
      {"\xED\xA0\x80", "is not valid UTF-8 at byte 0"},  // a UTF-16 surrogate
  };
  for (const Case& c : cases) {
    const absl::Status status = ValidateKeyName(c.name);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(NoteSigner::Create("bad name", Ed25519PrivateKey::Generate().value()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(NoteTest, GeneratedKeyRoundTrip) {
  const NoteSigner signer =
      NoteSigner::Create("paraat.example/log", Ed25519PrivateKey::Generate().value()).value();
  const NoteVerifier verifier = NoteVerifier::FromKeyString(signer.verifier().KeyString()).value();
  EXPECT_EQ(verifier.key_id(), signer.key_id());
  EXPECT_EQ(OpenNote(signer.Sign("hello\n").value(), {verifier}).value(), "hello\n");
}

}  // namespace
}  // namespace paraat::ledger
