// SPDX-License-Identifier: EUPL-1.2
#include "common/json/json.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace paraat::json {

// For readable failures; found by argument-dependent lookup.
void PrintTo(const Value& v, std::ostream* os) { *os << v.Serialize(); }

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

std::string Nested(int levels, const std::string& open, const std::string& inner,
                   const std::string& close) {
  std::string s;
  for (int i = 0; i < levels; ++i) s += open;
  s += inner;
  for (int i = 0; i < levels; ++i) s += close;
  return s;
}

uint64_t Bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// --- Serialize --------------------------------------------------------------------------

struct SerializeCase {
  Value value;
  std::string want;
};

TEST(JsonSerializeTest, Scalars) {
  const std::vector<SerializeCase> cases = {
      {Value(), "null"},
      {Value(nullptr), "null"},
      {Value(true), "true"},
      {Value(false), "false"},
      {Value(0), "0"},
      {Value(-1), "-1"},
      {Value(int64_t{kInt64Max}), "9223372036854775807"},
      {Value(int64_t{kInt64Min}), "-9223372036854775808"},
      {Value(std::numeric_limits<uint32_t>::max()), "4294967295"},
      {Value(1.5), "1.5"},
      {Value(3.0), "3.0"},
      {Value(-0.0), "-0.0"},
      {Value(100.0), "100.0"},
      {Value(0.1), "0.1"},
      {Value(-2.5e-7), "-2.5e-07"},
      {Value(123456789012345.0), "123456789012345.0"},
      {Value(1e15), "1e+15"},
      // 2^53: all digits, no exponent is shortest; without ".0" it would read back as an int.
      {Value(9007199254740992.0), "9007199254740992.0"},
      {Value(1e300), "1e+300"},
      {Value(std::numeric_limits<double>::denorm_min()), "5e-324"},
      {Value(std::numeric_limits<double>::max()), "1.7976931348623157e+308"},
      // JSON has no NaN or infinity.
      {Value(std::nan("")), "null"},
      {Value(std::numeric_limits<double>::infinity()), "null"},
      {Value(-std::numeric_limits<double>::infinity()), "null"},
      {Value(""), "\"\""},
      {Value("Jan de Vries"), "\"Jan de Vries\""},
      {Value(std::string("a/b")), "\"a/b\""},
      {Value(absl::string_view("é€😀")), "\"é€😀\""},
  };
  for (const SerializeCase& c : cases) {
    EXPECT_EQ(c.value.Serialize(), c.want);
  }
}

TEST(JsonSerializeTest, EscapesQuotesBackslashAndEveryControlCharacter) {
  EXPECT_EQ(Value("say \"hi\"").Serialize(), R"("say \"hi\"")");
  EXPECT_EQ(Value("C:\\temp\\").Serialize(), R"("C:\\temp\\")");
  EXPECT_EQ(Value("a\nb\rc\td\be\ff").Serialize(), R"("a\nb\rc\td\be\ff")");
  EXPECT_EQ(Value(std::string("a\0b", 3)).Serialize(), R"("a\u0000b")");
  EXPECT_EQ(Value("\x01\x1f\x7f").Serialize(), "\"\\u0001\\u001f\x7f\"");
  for (int c = 0; c < 0x20; ++c) {
    const std::string out = Value(std::string(1, static_cast<char>(c))).Serialize();
    // Every control character is escaped, so the output is printable ASCII.
    for (char o : out) EXPECT_GE(static_cast<unsigned char>(o), 0x20) << "control " << c;
    EXPECT_EQ(out[1], '\\') << "control " << c;
  }
}

TEST(JsonSerializeTest, AppendQuotedAppends) {
  std::string out = "x=";
  AppendQuoted(out, "a\"b");
  EXPECT_EQ(out, R"(x="a\"b")");
}

TEST(JsonSerializeTest, ObjectKeysAreSortedByBytes) {
  Value v;
  v.Set("b", 1);
  v.Set("aa", 2);
  v.Set("a", 3);
  v.Set("B", 4);
  v.Set("", 5);
  EXPECT_EQ(v.Serialize(), R"({"":5,"B":4,"a":3,"aa":2,"b":1})");
  // Insertion order does not matter.
  Value w;
  for (const char* k : {"", "a", "B", "b", "aa"}) w.Set(k, *v.Find(k));
  EXPECT_EQ(w.Serialize(), v.Serialize());
  // Keys are escaped too.
  Value q;
  q.Set("a\"\n", true);
  EXPECT_EQ(q.Serialize(), R"({"a\"\n":true})");
}

TEST(JsonSerializeTest, Containers) {
  EXPECT_EQ(Value::MakeObject().Serialize(), "{}");
  EXPECT_EQ(Value::MakeArray().Serialize(), "[]");
  Value v;
  v.Set("list", Value::Array{Value(1), Value("two"), Value(), Value::MakeObject()});
  v.Set("obj", Value::Object{{"z", Value(false)}, {"y", Value::MakeArray()}});
  EXPECT_EQ(v.Serialize(), R"({"list":[1,"two",null,{}],"obj":{"y":[],"z":false}})");
}

TEST(JsonSerializeTest, Pretty) {
  Value v;
  v.Set("name", "Jan");
  v.Set("tags", Value::Array{Value("a"), Value(1)});
  v.Set("empty", Value::MakeObject());
  v.Set("none", Value::MakeArray());
  v.Set("inner", Value::Object{{"k", Value(2.5)}});
  EXPECT_EQ(v.SerializePretty(),
            "{\n"
            "  \"empty\": {},\n"
            "  \"inner\": {\n"
            "    \"k\": 2.5\n"
            "  },\n"
            "  \"name\": \"Jan\",\n"
            "  \"none\": [],\n"
            "  \"tags\": [\n"
            "    \"a\",\n"
            "    1\n"
            "  ]\n"
            "}");
  EXPECT_EQ(Value(7).SerializePretty(), "7");
  EXPECT_EQ(Value::MakeArray().SerializePretty(), "[]");
  absl::StatusOr<Value> back = Parse(v.SerializePretty());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v);
}

// --- Accessors --------------------------------------------------------------------------

TEST(JsonValueTest, SetFindAppend) {
  Value v;
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(v.Find("a"), nullptr);  // null is not an object
  Value& a = v.Set("a", 1);
  EXPECT_TRUE(v.is_object());
  EXPECT_EQ(v.type(), Value::Type::kObject);
  a = Value("changed through the reference");
  ASSERT_NE(v.Find("a"), nullptr);
  EXPECT_EQ(v.Find("a")->as_string(), "changed through the reference");
  v.Set("a", 2);  // replaces, does not add
  EXPECT_EQ(v.as_object().size(), 1u);
  EXPECT_EQ(v.Find("a")->as_int(), 2);
  EXPECT_EQ(v.Find("b"), nullptr);
  EXPECT_EQ(v.Find("A"), nullptr);

  Value arr;
  Value& first = arr.Append("x");
  EXPECT_TRUE(arr.is_array());
  first = Value(10);
  arr.Append(Value::MakeObject()).Set("k", true);
  ASSERT_EQ(arr.as_array().size(), 2u);
  EXPECT_EQ(arr.Serialize(), R"([10,{"k":true}])");
  EXPECT_EQ(arr.Find("k"), nullptr);  // an array is not an object
  EXPECT_EQ(Value("s").Find("s"), nullptr);
}

TEST(JsonValueTest, TypesAndConversions) {
  EXPECT_TRUE(Value(1).is_number());
  EXPECT_TRUE(Value(1.0).is_number());
  EXPECT_FALSE(Value("1").is_number());
  EXPECT_TRUE(Value("1").is_string());
  EXPECT_EQ(Value(1).type(), Value::Type::kInt);
  EXPECT_EQ(Value(1.0).type(), Value::Type::kDouble);
  EXPECT_EQ(Value(true).type(), Value::Type::kBool);
  EXPECT_TRUE(Value(true).as_bool());
  EXPECT_EQ(Value(int64_t{kInt64Max}).as_int(), kInt64Max);
  EXPECT_EQ(Value(7).as_double(), 7.0);

  struct Case {
    double d;
    int64_t want;
  };
  for (const Case& c :
       {Case{2.9, 2}, Case{-2.9, -2}, Case{0.0, 0}, Case{-9223372036854775808.0, kInt64Min},
        Case{9223372036854774784.0, 9223372036854774784},
        // Out of range: clamped rather than undefined behaviour.
        Case{9223372036854775808.0, kInt64Max}, Case{1e300, kInt64Max}, Case{-1e300, kInt64Min},
        Case{std::numeric_limits<double>::infinity(), kInt64Max},
        Case{-std::numeric_limits<double>::infinity(), kInt64Min}, Case{std::nan(""), 0}}) {
    EXPECT_EQ(Value(c.d).as_int(), c.want) << c.d;
  }
}

TEST(JsonValueTest, EqualityKeepsIntAndDoubleApart) {
  EXPECT_EQ(Value(1), Value(int64_t{1}));
  EXPECT_FALSE(Value(1) == Value(1.0));
  EXPECT_FALSE(Value() == Value(false));
  EXPECT_FALSE(Value("1") == Value(1));
  EXPECT_FALSE(Value::MakeArray() == Value::MakeObject());
  EXPECT_EQ(Value(Value::Array{Value(1), Value("a")}), Value(Value::Array{Value(1), Value("a")}));
  EXPECT_FALSE(Value(Value::Array{Value(1), Value("a")}) ==
               Value(Value::Array{Value("a"), Value(1)}));
  EXPECT_FALSE(Value(Value::Object{{"a", Value(1)}}) == Value(Value::Object{{"a", Value(2)}}));
}

// --- Parse: accepted --------------------------------------------------------------------

struct ParseCase {
  std::string text;
  Value want;
};

TEST(JsonParseTest, Accepts) {
  const std::vector<ParseCase> cases = {
      {"null", Value()},
      {"true", Value(true)},
      {"false", Value(false)},
      {"0", Value(0)},
      {"-0", Value(0)},
      {"123", Value(123)},
      {"-123", Value(-123)},
      {"9223372036854775807", Value(int64_t{kInt64Max})},
      {"-9223372036854775808", Value(int64_t{kInt64Min})},
      // Beyond int64: a double.
      {"9223372036854775808", Value(9223372036854775808.0)},
      {"-9223372036854775809", Value(-9223372036854775808.0)},
      {"0.0", Value(0.0)},
      {"1.5", Value(1.5)},
      {"-1.5e3", Value(-1500.0)},
      {"1E2", Value(100.0)},
      {"1e+2", Value(100.0)},
      {"25e-1", Value(2.5)},
      {"1e-400", Value(0.0)},  // underflow is zero, not an error
      {"\"\"", Value("")},
      {R"("a\"b")", Value("a\"b")},
      {R"("\\ \/ \b \f \n \r \t")", Value("\\ / \b \f \n \r \t")},
      {R"("\u0041")", Value("A")},
      {R"("\u0000")", Value(std::string(1, '\0'))},
      {R"("\u00e9\u00E9")", Value("éé")},
      {R"("\u20AC")", Value("€")},
      {R"("\uFFFF")", Value("\xEF\xBF\xBF")},
      {R"("\ud83d\ude00")", Value("😀")},
      {R"("\uD834\uDD1E")", Value("\xF0\x9D\x84\x9E")},
      {R"("\uDBFF\uDFFF")", Value("\xF4\x8F\xBF\xBF")},  // U+10FFFF
      {"\"é€😀\x7f\"", Value("é€😀\x7f")},
      {"\"\xF4\x8F\xBF\xBF\"", Value("\xF4\x8F\xBF\xBF")},
      {" \t\n\r[ 1 , 2 ]\r\n ", Value(Value::Array{Value(1), Value(2)})},
      {"[]", Value::MakeArray()},
      {"{}", Value::MakeObject()},
      {"{ }", Value::MakeObject()},
      {R"({"b":[1,{"c":null}],"a":"d"})",
       Value(Value::Object{
           {"a", Value("d")},
           {"b", Value(Value::Array{Value(1), Value(Value::Object{{"c", Value()}})})}})},
  };
  for (const ParseCase& c : cases) {
    absl::StatusOr<Value> v = Parse(c.text);
    ASSERT_TRUE(v.ok()) << c.text << ": " << v.status();
    EXPECT_EQ(*v, c.want) << c.text;
  }
}

// --- Parse: refused ---------------------------------------------------------------------

TEST(JsonParseTest, RefusesWhatRfc8259Forbids) {
  const std::vector<std::string> bad = {
      "",
      " ",
      "[1,]",
      R"({"a":1,})",
      "[,1]",
      "{,}",
      "[1,,2]",
      // Numbers.
      "01",
      "-01",
      "00",
      "1.",
      ".5",
      "+1",
      "-",
      "1e",
      "1e+",
      "0x10",
      "1.5.2",
      "--1",
      "NaN",
      "Infinity",
      "-Infinity",
      "1e400",
      "-1e400",
      // Duplicate keys, also when written differently.
      R"({"a":1,"a":2})",
      R"({"a":1,"\u0061":2})",
      // Surrogates that do not pair.
      R"("\ud800")",
      R"("\udc00")",
      R"("\ud800\u0041")",
      R"("\ud800x")",
      R"("\ud83d\ud83d")",
      R"("\ude00\ud83d")",
      // Strings.
      "\"abc",
      "\"abc\\",
      "\"abc\\\"",
      R"("\u12")",
      R"("\u12G4")",
      R"("\x41")",
      R"("\'")",
      "\"a\nb\"",
      "\"a\tb\"",
      std::string("\"a\0b\"", 5),
      "'a'",
      // Invalid UTF-8: stray continuation, overlong, encoded surrogate, above U+10FFFF,
      // truncated, bytes that never occur.
      "\"\x80\"",
      "\"\xC0\xAF\"",
      "\"\xC1\x81\"",
      "\"\xE0\x80\xAF\"",
      "\"\xF0\x80\x80\xAF\"",
      "\"\xED\xA0\x80\"",
      "\"\xED\xBF\xBF\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xF5\x80\x80\x80\"",
      "\"\xE2\x82\"",
      "\"\xE2\x82\x41\"",
      "\"\xE2\x82",
      "\"\xFF\"",
      "\"\xFE\"",
      // Structure and trailing garbage.
      "[1] x",
      "[1]]",
      "{} {}",
      "1 2",
      "truex",
      "tru",
      "nul",
      "True",
      "NULL",
      "[1 2]",
      R"({"a" 1})",
      "{a:1}",
      "{'a':1}",
      R"({"a":})",
      R"({"a"})",
      "{1:2}",
      "[",
      "{",
      R"({"a")",
      "]",
      "}",
      "\xEF\xBB\xBF[]",
      "/* c */ 1",
      "[1]//",
      "\x01",
  };
  for (const std::string& text : bad) {
    absl::StatusOr<Value> v = Parse(text);
    ASSERT_FALSE(v.ok()) << absl::CHexEscape(text) << " parsed as " << v->Serialize();
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument) << absl::CHexEscape(text);
    EXPECT_THAT(std::string(v.status().message()), StartsWith("JSON at byte "))
        << absl::CHexEscape(text);
  }
}

TEST(JsonParseTest, ErrorsNameTheByteAndTheProblem) {
  struct Case {
    std::string text;
    std::string message;
  };
  for (const Case& c : {
           Case{"[1,]", "JSON at byte 3: unexpected character ']'"},
           Case{R"({"a":1,"a":2})", R"(JSON at byte 10: duplicate key "a")"},
           Case{"[1] x", "JSON at byte 4: unexpected text after the value"},
           Case{"01", "JSON at byte 0: leading zero in number"},
           Case{R"("\ud800")", "JSON at byte 7: lone high surrogate"},
           Case{R"("\udc00")", "JSON at byte 7: lone low surrogate"},
           Case{"\"abc", "JSON at byte 4: unterminated string"},
           Case{"", "JSON at byte 0: unexpected end of text"},
           Case{"\"a\xFF\"", "JSON at byte 2: invalid UTF-8 in string"},
       }) {
    absl::StatusOr<Value> v = Parse(c.text);
    ASSERT_FALSE(v.ok()) << c.text;
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(v.status().message(), c.message);
  }
}

TEST(JsonParseTest, NestingUpTo64LevelsOnly) {
  struct Case {
    std::string text;
    bool ok;
  };
  const std::vector<Case> cases = {
      {Nested(64, "[", "", "]"), true},
      {Nested(64, "[", "1", "]"), true},
      {Nested(64, "{\"a\":", "{}", "}"), false},  // 65 objects
      {Nested(63, "{\"a\":", "{}", "}"), true},   // 64 objects
      {Nested(63, "{\"a\":", "[\"x\"]", "}"), true},
      {Nested(65, "[", "", "]"), false},
      {Nested(65, "[", "1", "]"), false},
      {Nested(32, "[{\"k\":", "[]", "}]"), false},  // 65 containers, mixed
      {Nested(32, "[{\"k\":", "0", "}]"), true},    // 64
      {std::string(100000, '['), false},            // refused long before the stack runs out
  };
  for (const Case& c : cases) {
    absl::StatusOr<Value> v = Parse(c.text);
    EXPECT_EQ(v.ok(), c.ok) << c.text.substr(0, 80) << "...: " << v.status();
    if (!c.ok && !v.ok()) {
      EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_THAT(std::string(v.status().message()), HasSubstr("nested deeper than 64 levels"));
    }
  }
}

TEST(JsonParseTest, RefusesTextsOver64MiB) {
  std::string big;
  big.reserve((64u << 20) + 1);
  big.assign(64u << 20, ' ');
  big[0] = '1';
  absl::StatusOr<Value> v = Parse(big);  // exactly 64 MiB: allowed
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, Value(1));
  big.push_back(' ');
  v = Parse(big);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(v.status().message(), "JSON text is larger than 64 MiB");
}

// --- Round trips ------------------------------------------------------------------------

TEST(JsonRoundTripTest, ValueThroughTextAndBack) {
  std::string every_ascii;
  for (int c = 0; c < 0x80; ++c) every_ascii.push_back(static_cast<char>(c));
  Value v;
  v.Set("ascii", every_ascii);
  v.Set("unicode", "Tweestromenland é € 😀 \xF4\x8F\xBF\xBF");
  v.Set("max", int64_t{kInt64Max});
  v.Set("min", int64_t{kInt64Min});
  v.Set("zero", 0);
  v.Set("doubles",
        Value::Array{Value(0.1), Value(1e15), Value(1e16), Value(9007199254740992.0),
                     Value(9007199254740994.0), Value(-0.0), Value(3.0), Value(1.0 / 3.0),
                     Value(5e-324), Value(std::numeric_limits<double>::max())});
  v.Set("nested", Value::Object{{"list", Value(Value::Array{Value(), Value(true), Value(false)})},
                                {"empty", Value::MakeObject()}});
  for (const std::string& text : {v.Serialize(), v.SerializePretty()}) {
    absl::StatusOr<Value> back = Parse(text);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, v) << text;
    EXPECT_EQ(back->Serialize(), v.Serialize());
  }
}

TEST(JsonRoundTripTest, CanonicalTextsSerializeToThemselves) {
  for (const char* text : {R"({"a":[1,2.5,"x"],"b":{"c":null,"d":true}})", "[]", "{}",
                           R"("\u0001\n\"\\")", "-9223372036854775808", "[1.0,-0.0,1e+300]"}) {
    absl::StatusOr<Value> v = Parse(text);
    ASSERT_TRUE(v.ok()) << text << ": " << v.status();
    EXPECT_EQ(v->Serialize(), text);
  }
}

TEST(JsonRoundTripTest, DoublesKeepTypeAndEveryBit) {
  std::vector<double> doubles = {0.1,
                                 0.2,
                                 0.3,
                                 1e15,
                                 1e16,
                                 1e17,
                                 123456.789,
                                 -1e-5,
                                 std::numeric_limits<double>::min(),
                                 std::numeric_limits<double>::denorm_min(),
                                 std::numeric_limits<double>::max(),
                                 std::numeric_limits<double>::lowest()};
  for (int p = 0; p <= 70; ++p) doubles.push_back(std::ldexp(1.0, p));  // 2^53 and around
  std::mt19937_64 random(20260329);
  while (doubles.size() < 20000) {
    const uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d)) doubles.push_back(d);
    // Integral values of every size, where the int/double confusion lives.
    const int exponent = static_cast<int>(bits % 73) - 53;
    doubles.push_back(std::trunc(std::ldexp(static_cast<double>(bits >> 11), exponent)));
  }
  for (double d : doubles) {
    const std::string text = Value(d).Serialize();
    absl::StatusOr<Value> back = Parse(text);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status();
    ASSERT_EQ(back->type(), Value::Type::kDouble) << text;
    ASSERT_EQ(Bits(back->as_double()), Bits(d)) << text;
  }
}

TEST(JsonRoundTripTest, IntegersKeepEveryValue) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 10000; ++i) {
    const int64_t n = static_cast<int64_t>(random()) >> (i % 64);
    absl::StatusOr<Value> back = Parse(Value(n).Serialize());
    ASSERT_TRUE(back.ok()) << n;
    ASSERT_EQ(back->type(), Value::Type::kInt) << n;
    ASSERT_EQ(back->as_int(), n);
  }
}

}  // namespace
}  // namespace paraat::json
