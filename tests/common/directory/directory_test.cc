// SPDX-License-Identifier: EUPL-1.2
#include "common/directory/directory.h"

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

// GCC 12 at -O3 reports impossible overlaps in std::string code inlined into these tests
// (GCC bug 105651, a false positive fixed in GCC 13).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace paraat::directory {
namespace {

using ::testing::HasSubstr;

// A field validator: ValidateKey, ValidateName, ...
using FieldValidator = std::function<absl::Status(absl::string_view, absl::string_view)>;

void ExpectValid(const FieldValidator& validate, const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    EXPECT_TRUE(validate(v, "field").ok())
        << "'" << absl::CHexEscape(v) << "': " << validate(v, "field");
  }
}

// Each value is INVALID_ARGUMENT and the message names the field.
void ExpectInvalid(const FieldValidator& validate, const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    const absl::Status s = validate(v, "person.field");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << "'" << absl::CHexEscape(v) << "'";
    EXPECT_THAT(std::string(s.message()), HasSubstr("person.field")) << absl::CHexEscape(v);
  }
}

// --- Roles ------------------------------------------------------------------------------

TEST(RoleTest, ParseRoleAndRoleName) {
  struct Case {
    const char* text;
    Role role;
  };
  for (const Case& c :
       {Case{"officer", Role::kOfficer}, Case{"Officer", Role::kOfficer},
        Case{"coordinator", Role::kCoordinator}, Case{"COORDINATOR", Role::kCoordinator},
        Case{"administrator", Role::kAdministrator}, Case{"admin", Role::kAdministrator}}) {
    absl::StatusOr<Role> r = ParseRole(c.text, "account.role");
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status();
    EXPECT_EQ(*r, c.role) << c.text;
  }
  EXPECT_EQ(RoleName(Role::kOfficer), "officer");
  EXPECT_EQ(RoleName(Role::kCoordinator), "coordinator");
  EXPECT_EQ(RoleName(Role::kAdministrator), "administrator");
  for (Role role : {Role::kOfficer, Role::kCoordinator, Role::kAdministrator}) {
    absl::StatusOr<Role> back = ParseRole(RoleName(role), "role");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, role);
  }
}

TEST(RoleTest, ParseRoleRefusesUnknownRoles) {
  for (const char* text : {"", "root", "officers", " officer", "officer ", "adm", "superuser"}) {
    absl::StatusOr<Role> r = ParseRole(text, "account.role");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(r.status().message()), HasSubstr("account.role")) << text;
  }
  EXPECT_EQ(ParseRole("root", "account.role").status().message(),
            "account.role: unknown role 'root' (one of officer, coordinator, administrator)");
}

TEST(RoleTest, RolesAreOrderedByPower) {
  EXPECT_LT(static_cast<int>(Role::kOfficer), static_cast<int>(Role::kCoordinator));
  EXPECT_LT(static_cast<int>(Role::kCoordinator), static_cast<int>(Role::kAdministrator));
}

// --- Single fields ----------------------------------------------------------------------

// Text that would print as something else than it says is refused, naming the byte; line
// breaks and tabs only where the text may have several lines.
TEST(CheckNoControlTest, NamesTheFirstControlCharacter) {
  EXPECT_TRUE(CheckNoControl("Bedden regelen", "text", false).ok());
  EXPECT_TRUE(CheckNoControl("regel 1\nregel 2\t(klaar)", "text", true).ok());
  EXPECT_EQ(CheckNoControl("regel 1\nregel 2", "reason", false).message(),
            "reason contains a control character (0x0A) at byte 8");
  EXPECT_EQ(CheckNoControl("rood \x1b[31m", "text", true).message(),
            "text contains a control character (0x1B) at byte 6; only line breaks and tabs are allowed");
  EXPECT_EQ(CheckNoControl("weg\x7f", "title", false).message(),
            "title contains a control character (0x7F) at byte 4");
}

TEST(ValidateKeyTest, Accepts) {
  ExpectValid(ValidateKey, {"a", "0", "west", "j.devries", "west-maas-en-waal", "a_b", "ovd-bz",
                            "9west", std::string(kMaxKeyLength, 'k')});
}

TEST(ValidateKeyTest, Refuses) {
  ExpectInvalid(ValidateKey,
                {"", std::string(kMaxKeyLength + 1, 'k'), "West", "wEst", "Abc", "-west", ".west",
                 "_west", "a b", "a/b", "a:b", "é", "a\n", std::string("a\0b", 3), " west"});
  EXPECT_EQ(ValidateKey("", "pool.key").message(), "pool.key is empty");
  EXPECT_EQ(ValidateKey(std::string(41, 'k'), "pool.key").message(),
            "pool.key is 41 characters long; at most 40");
  EXPECT_EQ(ValidateKey("-west", "pool.key").message(),
            "pool.key '-west' must start with a lower-case letter or digit");
  EXPECT_EQ(ValidateKey("we st", "pool.key").message(),
            "pool.key 'we st' may only contain a-z, 0-9, '-', '.' and '_'");
}

TEST(ValidateUsernameTest, FollowsKeyRules) {
  ExpectValid(ValidateUsername, {"jan", "j.devries", "coordinator-west", "admin1"});
  ExpectInvalid(ValidateUsername,
                {"", "Jan", "jan de vries", "jan@example.nl", std::string(41, 'u')});
}

TEST(ValidateNameTest, Accepts) {
  ExpectValid(ValidateName, {"Jan de Vries", "Zoë Ōtsuka-Đurić", "OvD-Bz West", "x",
                             std::string(kMaxNameLength, 'n'), "  padded  "});
}

TEST(ValidateNameTest, Refuses) {
  ExpectInvalid(ValidateName, {"", " ", "\t\n", std::string(kMaxNameLength + 1, 'n'), "a\nb",
                               "a\tb", "a\rb", std::string("a\0b", 3), "bell\x07", "del\x7f"});
  EXPECT_EQ(ValidateName(" \t", "person.name").message(), "person.name is empty");
  EXPECT_EQ(ValidateName(std::string(201, 'n'), "person.name").message(),
            "person.name is 201 bytes long; at most 200");
  EXPECT_EQ(ValidateName("a\nb", "person.name").message(),
            "person.name contains a control character");
}

TEST(ValidatePhoneTest, Accepts) {
  ExpectValid(ValidatePhone, {"+31 6 12345678", "+31612345678", "06-12345678", "(024) 123 45 67",
                              "12345678", "123456789012345", "+1 (202) 555-0100"});
}

TEST(ValidatePhoneTest, Refuses) {
  ExpectInvalid(ValidatePhone, {"", "+", "1234567", "1234567890123456", "06 1234 567x",
                                "31+612345678", "++31612345678", " +31612345678", "06.12345678",
                                "06/12345678", "0612345678\n", "+31 6 1234567８"});
  EXPECT_EQ(ValidatePhone("1234567", "person.phone").message(),
            "person.phone '1234567' has 7 digits; a phone number has 8 to 15");
  EXPECT_EQ(ValidatePhone("06.12345678", "person.phone").message(),
            "person.phone '06.12345678' is not a phone number (digits, spaces, '-', '()' and a "
            "leading '+')");
}

TEST(ValidateEmailTest, Accepts) {
  ExpectValid(ValidateEmail,
              {"jan@example.nl", "j.de.vries@gemeente.west-maas-en-waal.nl", "a@b.c",
               "first+tag@x.org", std::string(243, 'a') + "@example.nl"});  // 254 bytes
}

TEST(ValidateEmailTest, Refuses) {
  ExpectInvalid(ValidateEmail,
                {"", "jan", "@example.nl", "jan@", "jan@example", "a.b@example", "jan@example.",
                 "jan@.nl", "jan@@example.nl", "j@n@example.nl", "jan @example.nl",
                 "jan@example.nl ", "jan@example.nl\n", "jan@example.nl\r\nBcc: x@y.nl",
                 "jan\t@example.nl", "jan@exa\x7fmple.nl", std::string("jan\0@example.nl", 16),
                 std::string(244, 'a') + "@example.nl"});  // 255 bytes
  EXPECT_EQ(ValidateEmail("jan", "person.email").message(),
            "person.email 'jan' is not an e-mail address (name@example.nl)");
}

TEST(ValidateNewPasswordTest, LengthInBytes) {
  ExpectValid(ValidateNewPassword,
              {std::string(12, 'p'), std::string(256, 'p'), "correct horse battery staple"});
  ExpectInvalid(ValidateNewPassword, {"", std::string(11, 'p'), std::string(257, 'p')});
  EXPECT_EQ(ValidateNewPassword("short", "password").message(),
            "password is too short: at least 12 characters");
  EXPECT_EQ(ValidateNewPassword(std::string(257, 'p'), "password").message(),
            "password is too long: at most 256 bytes");
}

// --- Records ----------------------------------------------------------------------------

// A mutation of a valid record and what Validate must then say.
template <typename T>
struct RecordCase {
  const char* what;
  std::function<void(T&)> mutate;
  absl::StatusCode code;
  std::string message_part;  // empty for OK
};

template <typename T>
void RunRecordCases(const T& valid, const std::vector<RecordCase<T>>& cases) {
  ASSERT_TRUE(Validate(valid).ok()) << Validate(valid);
  for (const RecordCase<T>& c : cases) {
    T record = valid;
    c.mutate(record);
    const absl::Status s = Validate(record);
    EXPECT_EQ(s.code(), c.code) << c.what << ": " << s;
    if (!c.message_part.empty()) {
      EXPECT_THAT(std::string(s.message()), HasSubstr(c.message_part)) << c.what;
    }
  }
}

constexpr absl::StatusCode kOk = absl::StatusCode::kOk;
constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

TEST(ValidateMunicipalityTest, Cases) {
  const Municipality valid{"west-maas-en-waal", "West Maas en Waal", "vrgz", true};
  using M = Municipality;
  RunRecordCases<M>(
      valid, {
                 {"no region", [](M& m) { m.region = ""; }, kOk, ""},
                 {"inactive", [](M& m) { m.active = false; }, kOk, ""},
                 {"empty key", [](M& m) { m.key = ""; }, kInvalid, "municipality.key is empty"},
                 {"bad key", [](M& m) { m.key = "West"; }, kInvalid, "municipality.key"},
                 {"empty name", [](M& m) { m.name = " "; }, kInvalid, "municipality.name is empty"},
                 {"bad region", [](M& m) { m.region = "VR GZ"; }, kInvalid, "municipality.region"},
             });
}

Person ValidPerson() {
  Person p;
  p.key = "j.devries";
  p.name = "Jan de Vries";
  p.municipality = "tiel";
  p.phone = "+31 6 12345678";
  p.email = "j.devries@tiel.nl";
  p.qualifications = {"ovd-bz", "ovd-p"};
  return p;
}

TEST(ValidatePersonTest, Cases) {
  using P = Person;
  RunRecordCases<P>(
      ValidPerson(),
      {
          {"no phone", [](P& p) { p.phone = ""; }, kOk, ""},
          {"no email", [](P& p) { p.email = ""; }, kOk, ""},
          {"no qualifications", [](P& p) { p.qualifications.clear(); }, kOk, ""},
          {"bad key", [](P& p) { p.key = "J.deVries"; }, kInvalid, "person.key"},
          {"empty name", [](P& p) { p.name = ""; }, kInvalid, "person.name is empty"},
          {"no municipality", [](P& p) { p.municipality = ""; }, kInvalid,
           "person.municipality is empty"},
          {"bad phone", [](P& p) { p.phone = "112"; }, kInvalid, "person.phone '112'"},
          {"bad email", [](P& p) { p.email = "jan"; }, kInvalid, "person.email 'jan'"},
          {"bad qualification", [](P& p) { p.qualifications.push_back("OvD-Bz"); }, kInvalid,
           "person.qualifications 'OvD-Bz'"},
          {"empty qualification", [](P& p) { p.qualifications.push_back(""); }, kInvalid,
           "person.qualifications is empty"},
      });
}

Pool ValidPool() {
  Pool p;
  p.key = "west";
  p.name = "OvD-Bz West";
  p.qualification = "ovd-bz";
  return p;  // Europe/Amsterdam, Monday 09:00, 7 days, 30 minutes, 1 free shift.
}

TEST(ValidatePoolTest, DefaultsAreValid) {
  const Pool p = ValidPool();
  EXPECT_EQ(p.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(p.handover_weekday, 1);
  EXPECT_EQ(p.handover_minute, 9 * 60);
  EXPECT_TRUE(Validate(p).ok()) << Validate(p);
}

TEST(ValidatePoolTest, HandoverInDaylightSavingChangeIsRefused) {
  using P = Pool;
  RunRecordCases<P>(
      ValidPool(),
      {
          {"02:30", [](P& p) { p.handover_minute = 150; }, kInvalid,
           "pool.handover_time 02:30 falls in a daylight-saving change of Europe/Amsterdam"},
          {"02:00", [](P& p) { p.handover_minute = 120; }, kInvalid, "pool.handover_time 02:00"},
          {"02:59", [](P& p) { p.handover_minute = 179; }, kInvalid, "pool.handover_time 02:59"},
          {"01:59", [](P& p) { p.handover_minute = 119; }, kOk, ""},
          {"03:00", [](P& p) { p.handover_minute = 180; }, kOk, ""},
          {"00:00", [](P& p) { p.handover_minute = 0; }, kOk, ""},
          {"23:59", [](P& p) { p.handover_minute = 1439; }, kOk, ""},
          // UTC has no DST, so 02:30 is fine there.
          {"02:30 UTC",
           [](P& p) {
             p.time_zone = "UTC";
             p.handover_minute = 150;
           },
           kOk, ""},
          // New York repeats 01:00-01:59.
          {"01:30 New York",
           [](P& p) {
             p.time_zone = "America/New_York";
             p.handover_minute = 90;
           },
           kInvalid,
           "pool.handover_time 01:30 falls in a daylight-saving change of America/New_York"},
      });
}

TEST(ValidatePoolTest, ZoneMustBeKnown) {
  using P = Pool;
  RunRecordCases<P>(
      ValidPool(),
      {
          {"unknown", [](P& p) { p.time_zone = "Europe/Tweestromenland"; }, kInvalid,
           "pool.time_zone: unknown time zone 'Europe/Tweestromenland'"},
          {"empty", [](P& p) { p.time_zone = ""; }, kInvalid, "pool.time_zone is empty"},
          {"lower case", [](P& p) { p.time_zone = "europe/amsterdam"; }, kInvalid,
           "'europe/amsterdam'"},
          {"host zone", [](P& p) { p.time_zone = "localtime"; }, kInvalid,
           "pool.time_zone: 'localtime'"},
          {"a path", [](P& p) { p.time_zone = "/usr/share/zoneinfo/Europe/Amsterdam"; }, kInvalid,
           "pool.time_zone: '/usr/share/zoneinfo/Europe/Amsterdam'"},
          {"other real zone", [](P& p) { p.time_zone = "Europe/Brussels"; }, kOk, ""},
      });
}

TEST(ValidatePoolTest, Ranges) {
  using P = Pool;
  RunRecordCases<P>(
      ValidPool(),
      {
          {"bad key", [](P& p) { p.key = ""; }, kInvalid, "pool.key is empty"},
          {"bad name", [](P& p) { p.name = "a\nb"; }, kInvalid, "pool.name contains"},
          {"bad qualification", [](P& p) { p.qualification = "OvD"; }, kInvalid,
           "pool.qualification 'OvD'"},
          {"weekday 0", [](P& p) { p.handover_weekday = 0; }, kInvalid,
           "pool.handover_weekday is 0; it must be 1 (Monday) to 7 (Sunday)"},
          {"weekday 8", [](P& p) { p.handover_weekday = 8; }, kInvalid,
           "pool.handover_weekday is 8"},
          {"weekday -1", [](P& p) { p.handover_weekday = -1; }, kInvalid,
           "pool.handover_weekday is -1"},
          {"weekday 7", [](P& p) { p.handover_weekday = 7; }, kOk, ""},
          {"minute -1", [](P& p) { p.handover_minute = -1; }, kInvalid,
           "pool.handover_time is out of range (-1 minutes); it must be 00:00 to 23:59"},
          {"minute 1440", [](P& p) { p.handover_minute = 1440; }, kInvalid,
           "pool.handover_time is out of range (1440 minutes)"},
          {"shift_days 0", [](P& p) { p.shift_days = 0; }, kInvalid,
           "pool.shift_days is 0; it must be 1 to 28"},
          {"shift_days 29", [](P& p) { p.shift_days = 29; }, kInvalid, "pool.shift_days is 29"},
          {"shift_days 1", [](P& p) { p.shift_days = 1; }, kOk, ""},
          {"shift_days 28", [](P& p) { p.shift_days = 28; }, kOk, ""},
          {"arrival 0", [](P& p) { p.arrival_norm_minutes = 0; }, kInvalid,
           "pool.arrival_norm_minutes is 0; it must be 1 to 240"},
          {"arrival 241", [](P& p) { p.arrival_norm_minutes = 241; }, kInvalid,
           "pool.arrival_norm_minutes is 241"},
          {"arrival 1", [](P& p) { p.arrival_norm_minutes = 1; }, kOk, ""},
          {"arrival 240", [](P& p) { p.arrival_norm_minutes = 240; }, kOk, ""},
          {"rest -1", [](P& p) { p.min_rest_shifts = -1; }, kInvalid,
           "pool.min_rest_shifts is -1; it must be 0 to 52"},
          {"rest 53", [](P& p) { p.min_rest_shifts = 53; }, kInvalid, "pool.min_rest_shifts is 53"},
          {"rest 0", [](P& p) { p.min_rest_shifts = 0; }, kOk, ""},
          {"rest 52", [](P& p) { p.min_rest_shifts = 52; }, kOk, ""},
      });
}

// --- CheckCanJoin -----------------------------------------------------------------------

TEST(CheckCanJoinTest, QualifiedActivePersonJoins) {
  EXPECT_TRUE(CheckCanJoin(ValidPool(), ValidPerson()).ok());
  Person only = ValidPerson();
  only.qualifications = {"ovd-bz"};
  EXPECT_TRUE(CheckCanJoin(ValidPool(), only).ok());
}

TEST(CheckCanJoinTest, Refusals) {
  struct Case {
    const char* what;
    std::function<void(Pool&, Person&)> mutate;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"person deactivated", [](Pool&, Person& p) { p.active = false; },
       "j.devries is deactivated and cannot join pool 'west'"},
      {"pool deactivated", [](Pool& pool, Person&) { pool.active = false; },
       "pool 'west' is deactivated"},
      {"no qualification", [](Pool&, Person& p) { p.qualifications = {"ovd-p"}; },
       "j.devries lacks the qualification 'ovd-bz' that pool 'west' requires"},
      {"no qualifications at all", [](Pool&, Person& p) { p.qualifications.clear(); },
       "j.devries lacks the qualification 'ovd-bz' that pool 'west' requires"},
      {"prefix is not the qualification", [](Pool&, Person& p) { p.qualifications = {"ovd"}; },
       "lacks the qualification 'ovd-bz'"},
  };
  for (const Case& c : cases) {
    Pool pool = ValidPool();
    Person person = ValidPerson();
    c.mutate(pool, person);
    const absl::Status s = CheckCanJoin(pool, person);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << c.what << ": " << s;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.message)) << c.what;
  }
}

}  // namespace
}  // namespace paraat::directory
