// SPDX-License-Identifier: EUPL-1.2
#include "common/json/fields.h"

#include <gtest/gtest.h>

namespace paraat::json {
namespace {

struct Thing {
  std::string key;
  int count = 0;
  double share = 0.5;
  double cost = 2.0;
  bool active = true;
  std::optional<double> floor;
};

const Field<Thing> kThing[] = {{"key", &Thing::key},
                               {"count", &Thing::count},
                               {"share", &Thing::share},
                               {"cost", &Thing::cost, kMayBeLeftOut},
                               {"active", &Thing::active},
                               {"floor", &Thing::floor}};

TEST(FieldsTest, WhatIsWrittenReadsBackTheSame) {
  Thing t{"heumen", 3, 0.25, 1.5, false, 12.0};
  const Value v = ToJson(t, kThing);
  EXPECT_EQ(v.Serialize(),
            R"({"active":false,"cost":1.5,"count":3,"floor":12.0,"key":"heumen","share":0.25})");
  Thing back;
  ASSERT_TRUE(FromJson(*Parse(v.Serialize()), kThing, "thing", back).ok());
  EXPECT_EQ(back.key, "heumen");
  EXPECT_EQ(back.count, 3);
  EXPECT_EQ(back.share, 0.25);
  EXPECT_EQ(back.cost, 1.5);
  EXPECT_FALSE(back.active);
  EXPECT_EQ(back.floor, 12.0);
  // An empty optional is left out, and stays empty.
  t.floor.reset();
  EXPECT_EQ(ToJson(t, kThing).Find("floor"), nullptr);
}

TEST(FieldsTest, ARequiredFieldThatIsMissingOrOfAnotherTypeIsNamed) {
  Thing t;
  absl::Status s = FromJson(*Parse(R"({"count":1,"share":1})"), kThing, "thing", t);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "thing: 'key' is missing");
  s = FromJson(*Parse(R"({"key":"x","count":"1","share":1})"), kThing, "thing", t);
  EXPECT_EQ(s.message(), "thing: 'count' is missing");
}

TEST(FieldsTest, WhatMayBeLeftOutKeepsItsDefault) {
  Thing t;
  ASSERT_TRUE(FromJson(*Parse(R"({"key":"x","count":1,"share":1,"active":"no"})"), kThing,
                       "thing", t)
                  .ok());
  EXPECT_EQ(t.cost, 2.0);
  EXPECT_TRUE(t.active);
  EXPECT_FALSE(t.floor.has_value());
}

TEST(FieldsTest, ArraysAreReadElementByElement) {
  const Value v = *Parse(R"({"things":[{"key":"a","count":1,"share":1},{"key":"b","count":2,"share":1}]})");
  auto things = ArrayFromJson(v, "things", kThing, "thing");
  ASSERT_TRUE(things.ok()) << things.status();
  ASSERT_EQ(things->size(), 2u);
  EXPECT_EQ((*things)[1].key, "b");
  Value again;
  again.Set("things", ArrayToJson(*things, kThing));
  auto twice = ArrayFromJson(again, "things", kThing, "thing");
  ASSERT_TRUE(twice.ok()) << twice.status();
  ASSERT_EQ(twice->size(), 2u);
  EXPECT_EQ((*twice)[0].key, "a");
  EXPECT_EQ((*twice)[1].count, 2);
  auto none = ArrayFromJson(*Parse("{}"), "things", kThing, "thing");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto bad = ArrayFromJson(*Parse(R"({"things":[{"count":1}]})"), "things", kThing, "thing");
  EXPECT_EQ(bad.status().message(), "thing: 'key' is missing");
}

}  // namespace
}  // namespace paraat::json
