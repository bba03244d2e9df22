// SPDX-License-Identifier: EUPL-1.2
// The directory: municipalities, people, pools and accounts as domain values, and the rules
// that make each of them valid.
#ifndef PARAAT_COMMON_DIRECTORY_DIRECTORY_H_
#define PARAAT_COMMON_DIRECTORY_DIRECTORY_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace paraat::directory {

inline constexpr int kMaxNameLength = 200;
inline constexpr int kMaxKeyLength = 40;

// Roles in increasing order of power.
enum class Role { kOfficer = 1, kCoordinator = 2, kAdministrator = 3 };

absl::string_view RoleName(Role role);  // "officer", "coordinator", "administrator"
[[nodiscard]] absl::StatusOr<Role> ParseRole(absl::string_view text, absl::string_view field);

struct Municipality {
  std::string key;     // stable identifier, e.g. "west-maas-en-waal"
  std::string name;    // "West Maas en Waal"
  std::string region;  // safety region key, e.g. "vrgz"
  bool active = true;
};

struct Person {
  std::string key;           // stable identifier, e.g. "j.devries"
  std::string name;
  std::string municipality;  // municipality key
  std::string phone;         // E.164 or national digits, e.g. "+31 6 12345678"
  std::string email;
  std::vector<std::string> qualifications;  // e.g. "ovd-bz"
  bool active = true;
};

struct Pool {
  std::string key;            // "west"
  std::string name;           // "OvD-Bz West"
  std::string qualification;  // members must hold it, e.g. "ovd-bz"
  std::string time_zone = "Europe/Amsterdam";
  int handover_weekday = 1;   // ISO: 1 = Monday ... 7 = Sunday
  int handover_minute = 9 * 60;  // local time of day of the handover, minutes since midnight
  int shift_days = 7;         // length of one duty in civil days
  int arrival_norm_minutes = 30;
  int min_rest_shifts = 1;    // free shifts a person has at least between two duties
  bool auto_approve_swaps = false;
  std::vector<std::string> members;  // person keys, active members only
  bool active = true;
};

struct Account {
  std::string username;
  std::string person;          // person key
  Role role = Role::kOfficer;
  std::string scope;           // municipality key; empty = the whole region
  bool active = true;
};

// An account as administrators see it.
struct AccountInfo {
  Account account;
  std::string person_name;
  absl::Time last_login = absl::InfinitePast();
  // Wrong passwords in a row since the last login, and the end of a lockout (InfinitePast:
  // never locked; a time in the past: the lockout is over).
  int failed_logins = 0;
  absl::Time locked_until = absl::InfinitePast();
};

// Validation of single fields. Each error is INVALID_ARGUMENT and names `field`.
[[nodiscard]] absl::Status ValidateKey(absl::string_view key, absl::string_view field);
[[nodiscard]] absl::Status ValidateName(absl::string_view name, absl::string_view field);
[[nodiscard]] absl::Status ValidatePhone(absl::string_view phone, absl::string_view field);
[[nodiscard]] absl::Status ValidateEmail(absl::string_view email, absl::string_view field);
[[nodiscard]] absl::Status ValidateUsername(absl::string_view username, absl::string_view field);
// INVALID_ARGUMENT naming the field and the byte when `text` holds a control character (a
// NUL, a terminal escape, ...): such text would print as something else than it says. Line
// breaks and tabs are allowed where `multiline`.
[[nodiscard]] absl::Status CheckNoControl(absl::string_view text, absl::string_view field,
                                          bool multiline);

// A password an administrator or user sets: 12 to 256 bytes.
[[nodiscard]] absl::Status ValidateNewPassword(absl::string_view password, absl::string_view field);

// Whole records. Field names in messages are the API's ("person.phone").
[[nodiscard]] absl::Status Validate(const Municipality& m);
[[nodiscard]] absl::Status Validate(const Person& p);
// Checks ranges, the zone, and that the handover exists exactly once on every day.
[[nodiscard]] absl::Status Validate(const Pool& p);

// FAILED_PRECONDITION unless `person` may join `pool`: both active, and the person holds the
// pool's qualification.
[[nodiscard]] absl::Status CheckCanJoin(const Pool& pool, const Person& person);

// A deactivated record is history: nothing new is made with it. FAILED_PRECONDITION naming
// the record and how to reactivate it, unless it is active.
[[nodiscard]] absl::Status RequireActive(const Pool& pool);
[[nodiscard]] absl::Status RequireActive(const Municipality& m);
[[nodiscard]] absl::Status RequireActive(const Person& person);

}  // namespace paraat::directory

#endif  // PARAAT_COMMON_DIRECTORY_DIRECTORY_H_
