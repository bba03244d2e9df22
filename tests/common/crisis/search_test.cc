// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/search.h"

#include <gtest/gtest.h>

namespace paraat::crisis {
namespace {

TEST(SearchExpression, KeepsTheSyntaxPeopleUse) {
  for (const char* q : {"Heumensoord", "Heumensoord AND bewonersbrief", "a OR (b NOT c)",
                        "\"locatie Beuningen\"", "verleng*", "co\xC3\xB6rdinatie", "\"zeg \"\"ja\"\"\"",
                        "\"bedden sanitair\"*", "  twee  spaties ", "NEAR(opvang personen, 3)",
                        "^opvang", "text:opvang", "opvang + personen"}) {
    EXPECT_EQ(SearchExpression(q).value_or("?"), q);
  }
}

TEST(SearchExpression, WordsWithPunctuationArePhrases) {
  EXPECT_EQ(*SearchExpression("12:00"), "\"12:00\"");
  EXPECT_EQ(*SearchExpression("west-maas-en-waal"), "\"west-maas-en-waal\"");
  EXPECT_EQ(*SearchExpression("'s nachts"), "\"'s\" nachts");
  EXPECT_EQ(*SearchExpression("COA. AND 12,3"), "\"COA.\" AND \"12,3\"");
  EXPECT_EQ(*SearchExpression("west-maas*"), "\"west-maas\"*");
  EXPECT_EQ(*SearchExpression("e.willems"), "\"e.willems\"");
  EXPECT_EQ(*SearchExpression("(a:b)"), "(\"a:b\")");
  // Punctuation alone searches for nothing: said, not silently matched against nothing.
  for (const char* q : {"*", "-", "opvang . personen", "a AND - AND b"}) {
    EXPECT_EQ(SearchExpression(q).status().code(), absl::StatusCode::kInvalidArgument) << q;
  }
  EXPECT_EQ(SearchExpression("opvang - personen").status().message(),
            "query: '-' has no letters or digits to search for; leave it out");
}

TEST(SearchExpression, WhatIsMalformedStaysMalformed) {
  EXPECT_EQ(*SearchExpression("\"open"), "\"open");
  EXPECT_EQ(*SearchExpression("(beeld"), "(beeld");
  EXPECT_EQ(*SearchExpression("beeld OR"), "beeld OR");
  EXPECT_EQ(*SearchExpression("NOT beeld"), "NOT beeld");
}

}  // namespace
}  // namespace paraat::crisis
