// SPDX-License-Identifier: EUPL-1.2
#include "common/ical/content_line.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::ical {
namespace {

using ::testing::HasSubstr;

TEST(EscapeTextTest, EscapesTheFourSpecialCharacters) {
  const absl::StatusOr<std::string> escaped = EscapeText("a\\b;c,d\ne:f\"g\th", "test value");
  ASSERT_TRUE(escaped.ok()) << escaped.status();
  // Colon, double quote and tab are plain TEXT characters.
  EXPECT_EQ(*escaped, "a\\\\b\\;c\\,d\\ne:f\"g\th");
}

TEST(EscapeTextTest, EveryLineBreakBecomesBackslashN) {
  const absl::StatusOr<std::string> escaped = EscapeText("1\r\n2\r3\n4\n\r5", "test value");
  ASSERT_TRUE(escaped.ok()) << escaped.status();
  EXPECT_EQ(*escaped, "1\\n2\\n3\\n4\\n\\n5");
}

TEST(EscapeTextTest, KeepsUtf8) {
  const absl::StatusOr<std::string> escaped =
      EscapeText("Café één, \xF0\x9F\x9A\x92 brandweer", "test value");
  ASSERT_TRUE(escaped.ok()) << escaped.status();
  EXPECT_EQ(*escaped, "Café één\\, \xF0\x9F\x9A\x92 brandweer");
}

TEST(EscapeTextTest, RejectsControlCharacters) {
  const absl::StatusOr<std::string> escaped =
      EscapeText(std::string("bel\x07", 4), "description of event \"x\"");
  EXPECT_EQ(escaped.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(escaped.status().message(),
            "description of event \"x\" contains control character U+0007 at offset 3, which "
            "iCalendar text cannot carry");
  EXPECT_EQ(EscapeText(std::string("nul\0", 4), "v").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EscapeText("del\x7F", "v").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EscapeTextTest, RejectsInvalidUtf8) {
  struct Case {
    std::string text;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"caf\xE9", "Latin-1 byte"},
      {"\xC3", "truncated sequence"},
      {"\xC0\xAF", "overlong slash"},
      {"\xED\xA0\x80", "surrogate"},
      {"\xF4\x90\x80\x80", "above U+10FFFF"},
      {"\x80", "lone continuation byte"},
  };
  for (const Case& c : cases) {
    const absl::StatusOr<std::string> escaped = EscapeText(c.text, "summary");
    EXPECT_EQ(escaped.status().code(), absl::StatusCode::kInvalidArgument) << c.why;
    EXPECT_THAT(escaped.status().message(), HasSubstr("summary is not valid UTF-8")) << c.why;
  }
}

std::string Folded(absl::string_view line) {
  std::string out;
  AppendFoldedLine(line, &out);
  return out;
}

TEST(AppendFoldedLineTest, ShortLineIsUnchanged) {
  EXPECT_EQ(Folded("SUMMARY:Piket"), "SUMMARY:Piket\r\n");
  EXPECT_EQ(Folded(""), "\r\n");
}

TEST(AppendFoldedLineTest, FoldsAtSeventyFiveOctets) {
  const std::string line75(75, 'a');
  EXPECT_EQ(Folded(line75), line75 + "\r\n");
  // 75 + 74 + 74 + 1: continuation lines carry 74 octets after their space.
  const std::string line = std::string(75, 'a') + std::string(74, 'b') + std::string(74, 'c') + "d";
  EXPECT_EQ(Folded(line), std::string(75, 'a') + "\r\n " + std::string(74, 'b') + "\r\n " +
                              std::string(74, 'c') + "\r\n d\r\n");
}

TEST(AppendFoldedLineTest, NeverSplitsAUtf8Sequence) {
  // 74 ASCII octets and then "é" (2 octets) would end at octet 76: the fold moves before it.
  const std::string line = std::string(74, 'x') + "é" + "y";
  EXPECT_EQ(Folded(line), std::string(74, 'x') + "\r\n éy\r\n");
  // A four-octet emoji straddling the limit moves whole too.
  const std::string emoji = "\xF0\x9F\x9A\x92";
  const std::string line2 = std::string(73, 'x') + emoji;
  EXPECT_EQ(Folded(line2), std::string(73, 'x') + "\r\n " + emoji + "\r\n");
}

TEST(AppendFoldedLineTest, EveryPhysicalLineFitsAndUnfoldsToTheOriginal) {
  // Characters of one to four octets: "a", "ë", "€", "🚒".
  const std::string mixed = "a\xC3\xAB\xE2\x82\xAC\xF0\x9F\x9A\x92";
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 60; ++i) line += mixed;
  const std::string folded = Folded(line);
  ASSERT_TRUE(absl::EndsWith(folded, "\r\n"));
  std::string unfolded;
  bool first = true;
  for (absl::string_view physical :
       absl::StrSplit(absl::string_view(folded).substr(0, folded.size() - 2), "\r\n")) {
    EXPECT_LE(physical.size(), 75u);
    if (!first) {
      ASSERT_TRUE(absl::StartsWith(physical, " "));
      physical.remove_prefix(1);
      // A physical line never starts inside a UTF-8 sequence.
      EXPECT_NE(static_cast<unsigned char>(physical[0]) & 0xC0, 0x80);
    }
    unfolded.append(physical.data(), physical.size());
    first = false;
  }
  EXPECT_EQ(unfolded, line);
}

}  // namespace
}  // namespace paraat::ical
