// SPDX-License-Identifier: EUPL-1.2
#include "common/directory/directory.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/time/civil.h"

namespace paraat::directory {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOfficer: return "officer";
    case Role::kCoordinator: return "coordinator";
    case Role::kAdministrator: return "administrator";
  }
  return "officer";
}

absl::StatusOr<Role> ParseRole(absl::string_view text, absl::string_view field) {
  const std::string s = absl::AsciiStrToLower(text);
  if (s == "officer") return Role::kOfficer;
  if (s == "coordinator") return Role::kCoordinator;
  if (s == "administrator" || s == "admin") return Role::kAdministrator;
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": unknown role '", text, "' (one of officer, coordinator, administrator)"));
}

absl::Status ValidateKey(absl::string_view key, absl::string_view field) {
  if (key.empty()) return absl::InvalidArgumentError(absl::StrCat(field, " is empty"));
  if (key.size() > kMaxKeyLength) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s is %d characters long; at most %d", field, key.size(), kMaxKeyLength));
  }
  auto ok_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
  };
  if (!((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= '0' && key[0] <= '9'))) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " '", key, "' must start with a lower-case letter or digit"));
  }
  for (char c : key) {
    if (!ok_char(c)) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, " '", key, "' may only contain a-z, 0-9, '-', '.' and '_'"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateName(absl::string_view name, absl::string_view field) {
  if (absl::StripAsciiWhitespace(name).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is empty"));
  }
  if (name.size() > kMaxNameLength) {
    return absl::InvalidArgumentError(absl::StrFormat("%s is %d bytes long; at most %d", field,
                                                      name.size(), kMaxNameLength));
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(absl::StrCat(field, " contains a control character"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNoControl(absl::string_view text, absl::string_view field, bool multiline) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (multiline && (c == '\n' || c == '\t' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s contains a control character (0x%02X) at byte %d%s", field, c, i + 1,
          multiline ? "; only line breaks and tabs are allowed" : ""));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidatePhone(absl::string_view phone, absl::string_view field) {
  // Digits with optional leading '+', spaces, dashes and parentheses; 8 to 15 digits (E.164).
  int digits = 0;
  for (size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' && i == 0) {
    } else if (c == ' ' || c == '-' || c == '(' || c == ')') {
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          field, " '", phone, "' is not a phone number (digits, spaces, '-', '()' and a leading '+')"));
    }
  }
  if (digits < 8 || digits > 15) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s '%s' has %d digits; a phone number has 8 to 15", field, phone, digits));
  }
  return absl::OkStatus();
}

absl::Status ValidateEmail(absl::string_view email, absl::string_view field) {
  const size_t at = email.find('@');
  // No space or control character: "a@b.nl\nBcc: x" must not reach a mail header.
  const bool printable = std::none_of(email.begin(), email.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  });
  const bool ok = email.size() <= 254 && at != absl::string_view::npos && at > 0 &&
                  email.find('@', at + 1) == absl::string_view::npos &&
                  email.find('.', at) != absl::string_view::npos && email.back() != '.' &&
                  printable && email[at + 1] != '.';
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " '", email, "' is not an e-mail address (name@example.nl)"));
  }
  return absl::OkStatus();
}

absl::Status ValidateUsername(absl::string_view username, absl::string_view field) {
  return ValidateKey(username, field);
}

absl::Status ValidateNewPassword(absl::string_view password, absl::string_view field) {
  if (password.size() < 12) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is too short: at least 12 characters"));
  }
  if (password.size() > 256) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is too long: at most 256 bytes"));
  }
  return absl::OkStatus();
}

absl::Status Validate(const Municipality& m) {
  if (absl::Status s = ValidateKey(m.key, "municipality.key"); !s.ok()) return s;
  if (absl::Status s = ValidateName(m.name, "municipality.name"); !s.ok()) return s;
  if (!m.region.empty()) {
    if (absl::Status s = ValidateKey(m.region, "municipality.region"); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Validate(const Person& p) {
  if (absl::Status s = ValidateKey(p.key, "person.key"); !s.ok()) return s;
  if (absl::Status s = ValidateName(p.name, "person.name"); !s.ok()) return s;
  if (absl::Status s = ValidateKey(p.municipality, "person.municipality"); !s.ok()) return s;
  if (!p.phone.empty()) {
    if (absl::Status s = ValidatePhone(p.phone, "person.phone"); !s.ok()) return s;
  }
  if (!p.email.empty()) {
    if (absl::Status s = ValidateEmail(p.email, "person.email"); !s.ok()) return s;
  }
  for (const std::string& q : p.qualifications) {
    if (absl::Status s = ValidateKey(q, "person.qualifications"); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Validate(const Pool& p) {
  if (absl::Status s = ValidateKey(p.key, "pool.key"); !s.ok()) return s;
  if (absl::Status s = ValidateName(p.name, "pool.name"); !s.ok()) return s;
  if (absl::Status s = ValidateKey(p.qualification, "pool.qualification"); !s.ok()) return s;
  absl::StatusOr<absl::TimeZone> zone = time::LoadZone(p.time_zone, "pool.time_zone");
  if (!zone.ok()) return zone.status();
  if (p.handover_weekday < 1 || p.handover_weekday > 7) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "pool.handover_weekday is %d; it must be 1 (Monday) to 7 (Sunday)", p.handover_weekday));
  }
  if (p.handover_minute < 0 || p.handover_minute >= 24 * 60) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "pool.handover_time is out of range (%d minutes); it must be 00:00 to 23:59",
        p.handover_minute));
  }
  if (time::TimeOfDayHitsTransition(p.handover_minute, *zone)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "pool.handover_time ", time::FormatTimeOfDay(p.handover_minute), " falls in a ",
        "daylight-saving change of ", p.time_zone,
        " (skipped or repeated once a year), so a handover then would not happen exactly once; choose another time"));
  }
  if (p.shift_days < 1 || p.shift_days > 28) {
    return absl::InvalidArgumentError(
        absl::StrFormat("pool.shift_days is %d; it must be 1 to 28", p.shift_days));
  }
  if (p.arrival_norm_minutes < 1 || p.arrival_norm_minutes > 240) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "pool.arrival_norm_minutes is %d; it must be 1 to 240", p.arrival_norm_minutes));
  }
  if (p.min_rest_shifts < 0 || p.min_rest_shifts > 52) {
    return absl::InvalidArgumentError(
        absl::StrFormat("pool.min_rest_shifts is %d; it must be 0 to 52", p.min_rest_shifts));
  }
  return absl::OkStatus();
}

absl::Status CheckCanJoin(const Pool& pool, const Person& person) {
  if (!person.active) {
    return absl::FailedPreconditionError(
        absl::StrCat(person.key, " is deactivated and cannot join pool '", pool.key, "'"));
  }
  if (!pool.active) {
    return absl::FailedPreconditionError(absl::StrCat("pool '", pool.key, "' is deactivated"));
  }
  for (const std::string& q : person.qualifications) {
    if (q == pool.qualification) return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      absl::StrCat(person.key, " lacks the qualification '", pool.qualification,
                   "' that pool '", pool.key, "' requires"));
}

absl::Status RequireActive(const Pool& pool) {
  if (pool.active) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("pool '", pool.key, "' is deactivated; reactivate it first (paraat pools update ",
                   pool.key, " --active yes)"));
}

absl::Status RequireActive(const Municipality& m) {
  if (m.active) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "municipality '", m.key, "' is deactivated; reactivate it first (paraat municipalities update ",
      m.key, " --active yes)"));
}

absl::Status RequireActive(const Person& person) {
  if (person.active) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "person '", person.key, "' is deactivated; reactivate it first (paraat people update ",
      person.key, " --active yes)"));
}

}  // namespace paraat::directory
