// SPDX-License-Identifier: EUPL-1.2
#include "client/cli/text.h"

#include <gtest/gtest.h>

#include <sstream>

#include "client/cli/cli.h"

namespace paraat::cli {
namespace {

constexpr char kStroke[] = "\u0336";

TEST(Struck, MarksEachWholeCharacterAndStaysValidUtf8) {
  EXPECT_EQ(Struck("ab"), std::string("a") + kStroke + "b" + kStroke);
  // ë is two bytes, — three: the stroke follows each character, not its first byte.
  EXPECT_EQ(Struck("\xC3\xAB\xE2\x80\x94"),
            std::string("\xC3\xAB") + kStroke + "\xE2\x80\x94" + kStroke);
  EXPECT_EQ(Struck("a\nb"), std::string("a") + kStroke + "\nb" + kStroke);
  EXPECT_EQ(Struck(""), "");
}

TEST(Printable, ShowsControlCharactersAsReplacementAndIndentsLines) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Printable("\x1b[31mROOD\x1b[0m\a", "    "), r + "[31mROOD" + r + "[0m" + r);
  EXPECT_EQ(Printable("een\n#5 twee\r\ndrie", "    "), "een\n    #5 twee\n    drie");
  EXPECT_EQ(Printable("tab\there", ""), "tab\there");
  // Text in any script passes; C1 controls and broken bytes do not.
  EXPECT_EQ(Printable("Wijchen \xC3\xABn \xE2\x82\xAC 5", ""), "Wijchen \xC3\xABn \xE2\x82\xAC 5");
  EXPECT_EQ(Printable("\xC2\x9B" "2J", ""), r + "2J");
  EXPECT_EQ(Printable("a\xC3", ""), "a" + r);
  EXPECT_EQ(Printable("\xED\xA0\x80", ""), r + r + r);  // a surrogate is not UTF-8
}

// A table cell cannot start a line of its own or recolour the terminal: an audit record's
// actor is whatever someone typed at a login prompt.
TEST(Table, CellsArePrintedOnTheirOwnLineWithoutControlCharacters) {
  Table t({"ID", "WHO"});
  t.Add({"1", "x\n130  2026-11-28  jbeheer\x1b[31m"});
  std::ostringstream out;
  t.Print(out);
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(out.str(), "ID  WHO\n1   x 130  2026-11-28  jbeheer" + r + "[31m\n");
}

TEST(ShellQuoted, LeavesPlainWordsAndQuotesTheRest) {
  EXPECT_EQ(ShellQuoted("account/j.devries"), "account/j.devries");
  EXPECT_EQ(ShellQuoted("2026-11-01 08:00"), "'2026-11-01 08:00'");
  EXPECT_EQ(ShellQuoted("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuoted("$HOME"), "'$HOME'");
  EXPECT_EQ(ShellQuoted(""), "''");
}

}  // namespace
}  // namespace paraat::cli
