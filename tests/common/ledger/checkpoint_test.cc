// SPDX-License-Identifier: EUPL-1.2
#include "common/ledger/checkpoint.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/ledger/ed25519.h"
#include "common/ledger/note.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ledger {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kOrigin = "paraat.example/crisis/7";

Checkpoint Example() {
  Checkpoint checkpoint;
  checkpoint.origin = std::string(kOrigin);
  checkpoint.tree_size = 12;
  checkpoint.root_hash = EmptyRoot();
  return checkpoint;
}

NoteSigner Signer() {
  return NoteSigner::Create("paraat.example", Ed25519PrivateKey::Generate().value()).value();
}

TEST(CheckpointTest, FormatIsOriginSizeAndBase64Root) {
  EXPECT_EQ(FormatCheckpoint(Example()).value(),
            "paraat.example/crisis/7\n12\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  Checkpoint with_extensions = Example();
  with_extensions.tree_size = 0;
  with_extensions.extensions = {"ext one", "ext two"};
  EXPECT_EQ(FormatCheckpoint(with_extensions).value(),
            "paraat.example/crisis/7\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
            "ext one\next two\n");
}

TEST(CheckpointTest, ParseRoundTrip) {
  Checkpoint checkpoint = Example();
  checkpoint.tree_size = 18446744073709551615u;
  checkpoint.root_hash = LeafHash("x");
  checkpoint.extensions = {"timestamp 1700000000"};
  absl::StatusOr<Checkpoint> parsed = ParseCheckpoint(FormatCheckpoint(checkpoint).value());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, checkpoint);
}

TEST(CheckpointTest, ParsesTheC2spExample) {
  // c2sp.org/tlog-checkpoint's example (its key is not published, so only the syntax).
  const std::string note =
      "example.com/behind-the-sofa\n"
      "20852163\n"
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
      "\n"
      "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
      "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  absl::StatusOr<Note> parsed = ParseNote(note);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].key_name, "example.com/behind-the-sofa");
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);
  absl::StatusOr<Checkpoint> checkpoint = ParseCheckpoint(parsed->text);
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status();
  EXPECT_EQ(checkpoint->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(checkpoint->tree_size, 20852163u);
  EXPECT_EQ(HashToBase64(checkpoint->root_hash), "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
  EXPECT_TRUE(checkpoint->extensions.empty());
}

TEST(CheckpointTest, ParseRejectsMalformedText) {
  const std::string root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "a checkpoint text must end with a newline"},
      {absl::StrCat("o\n12\n", root), "a checkpoint text must end with a newline"},
      {"o\n12\n", "a checkpoint has at least 3 lines (origin, tree size, root hash), got 2"},
      {absl::StrCat("\n12\n", root, "\n"), "checkpoint line 1 (origin) is empty"},
      {absl::StrCat("o\tx\n12\n", root, "\n"),
       "checkpoint line 1 (origin) \"o\\tx\" holds the control character 0x09 at byte 1"},
      {absl::StrCat("o\n\n", root, "\n"), "checkpoint line 2 (tree size) is empty"},
      {absl::StrCat("o\n012\n", root, "\n"), "tree size \"012\" has a leading zero"},
      {absl::StrCat("o\n00\n", root, "\n"), "tree size \"00\" has a leading zero"},
      {absl::StrCat("o\n+12\n", root, "\n"), "tree size \"+12\" is not a decimal number"},
      {absl::StrCat("o\n-1\n", root, "\n"), "tree size \"-1\" is not a decimal number"},
      {absl::StrCat("o\n 12\n", root, "\n"), "tree size \" 12\" is not a decimal number"},
      {absl::StrCat("o\n1e3\n", root, "\n"), "tree size \"1e3\" is not a decimal number"},
      {absl::StrCat("o\n18446744073709551616\n", root, "\n"),
       "tree size \"18446744073709551616\" does not fit in 64 bits"},
      {"o\n12\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n",
       "checkpoint line 3 (root hash): not canonical standard base64"},
      {"o\n12\nAAAA\n", "checkpoint line 3 (root hash): base64 \"AAAA\" decodes to 3 bytes"},
      {absl::StrCat("o\n12\n", root, "\n\n"), "checkpoint line 4 (extension) is empty"},
      {absl::StrCat("o\n12\n", root, "\next\n\n"), "checkpoint line 5 (extension) is empty"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Checkpoint> checkpoint = ParseCheckpoint(c.text);
    EXPECT_EQ(checkpoint.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(std::string(checkpoint.status().message()), HasSubstr(c.message)) << c.text;
  }
}

TEST(CheckpointTest, FormatRejectsLinesThatWouldChangeTheMeaning) {
  Checkpoint checkpoint = Example();
  checkpoint.origin = "paraat.example/crisis/7\n99";
  absl::StatusOr<std::string> text = FormatCheckpoint(checkpoint);
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(),
            "checkpoint origin \"paraat.example/crisis/7\\n99\" holds the control character "
            "0x0a at byte 23");
  checkpoint.origin = "";
  EXPECT_EQ(FormatCheckpoint(checkpoint).status().message(), "checkpoint origin is empty");
  checkpoint = Example();
  checkpoint.extensions = {"fine", ""};
  EXPECT_EQ(FormatCheckpoint(checkpoint).status().message(), "checkpoint extension 2 is empty");
}

TEST(CheckpointTest, SignAndOpen) {
  const NoteSigner signer = Signer();
  const Checkpoint checkpoint = Example();
  absl::StatusOr<std::string> note = SignCheckpoint(checkpoint, signer);
  ASSERT_TRUE(note.ok()) << note.status();
  EXPECT_THAT(*note, HasSubstr(absl::StrCat(FormatCheckpoint(checkpoint).value(), "\n",
                                            "— paraat.example ")));
  absl::StatusOr<Checkpoint> opened = OpenCheckpoint(*note, kOrigin, {signer.verifier()});
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, checkpoint);
}

TEST(CheckpointTest, TamperedSizeOrRootIsDataLoss) {
  const NoteSigner signer = Signer();
  const std::string note = SignCheckpoint(Example(), signer).value();
  std::string larger = note;
  larger.replace(larger.find("\n12\n"), 4, "\n13\n");
  EXPECT_EQ(OpenCheckpoint(larger, kOrigin, {signer.verifier()}).status().code(),
            absl::StatusCode::kDataLoss);
  std::string other_root = note;
  other_root[other_root.find("47DEQ")] = '5';
  EXPECT_EQ(OpenCheckpoint(other_root, kOrigin, {signer.verifier()}).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(CheckpointTest, WrongKeyIsNotFound) {
  const std::string note = SignCheckpoint(Example(), Signer()).value();
  const absl::StatusOr<Checkpoint> opened = OpenCheckpoint(note, kOrigin, {Signer().verifier()});
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(opened.status().message()), HasSubstr("no signature by a trusted key"));
}

TEST(CheckpointTest, CheckpointOfAnotherLogIsRejected) {
  const NoteSigner signer = Signer();
  Checkpoint other = Example();
  other.origin = "paraat.example/crisis/8";
  const std::string note = SignCheckpoint(other, signer).value();
  const absl::StatusOr<Checkpoint> opened = OpenCheckpoint(note, kOrigin, {signer.verifier()});
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(opened.status().message(),
            "the checkpoint is for log \"paraat.example/crisis/8\", not for "
            "\"paraat.example/crisis/7\"");
}

TEST(CheckpointTest, SignedButMalformedBodyIsInvalidArgument) {
  const NoteSigner signer = Signer();
  const std::string note = signer.Sign("paraat.example/crisis/7\nmany\n").value();
  const absl::StatusOr<Checkpoint> opened = OpenCheckpoint(note, kOrigin, {signer.verifier()});
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(opened.status().message()), HasSubstr("at least 3 lines"));
}

}  // namespace
}  // namespace paraat::ledger
