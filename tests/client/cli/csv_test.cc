// SPDX-License-Identifier: EUPL-1.2
#include "client/cli/csv.h"

#include <gtest/gtest.h>

namespace paraat::cli {
namespace {

TEST(CsvField, QuotesOnlyWhatRfc4180Needs) {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"", ""},
      {"Anouk Jansen", "Anouk Jansen"},
      {"167.00", "167.00"},
      {"Jansen, A.", "\"Jansen, A.\""},
      {"de \"Boer\"", "\"de \"\"Boer\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {" padded", "\" padded\""},
      {"padded ", "\"padded \""},
      {"Gemeente Berg en Dal", "Gemeente Berg en Dal"},
  };
  for (const auto& c : cases) EXPECT_EQ(CsvField(c.in), c.out) << c.in;
}

TEST(CsvRecord, CommasBetweenAndCrlfAfter) {
  EXPECT_EQ(CsvRecord({"a.jansen", "Jansen, A.", "120.00"}), "a.jansen,\"Jansen, A.\",120.00\r\n");
  EXPECT_EQ(CsvRecord({}), "\r\n");
  EXPECT_EQ(CsvRecord({""}), "\r\n");
  EXPECT_EQ(CsvRecord({"", ""}), ",\r\n");
}

}  // namespace
}  // namespace paraat::cli
