// SPDX-License-Identifier: EUPL-1.2
#include "server/storage/settings.h"

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "server/storage/audit.h"

namespace paraat::storage {

absl::StatusOr<std::string> GetSetting(Database& db, absl::string_view key,
                                       absl::string_view fallback) {
  std::string value(fallback);
  PARAAT_RETURN_IF_ERROR(db.Read([&](Connection& c) -> absl::Status {
    PARAAT_ASSIGN_OR_RETURN(StatementRef st, c.Prepare("SELECT value FROM setting WHERE key = ?"));
    st->Bind(1, key);
    PARAAT_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) value = st->Text(0);
    return absl::OkStatus();
  }));
  return value;
}

absl::Status SetSetting(Database& db, absl::string_view actor, absl::string_view key,
                        absl::string_view value) {
  return db.Write([&](Txn& txn) -> absl::Status {
    PARAAT_ASSIGN_OR_RETURN(
        StatementRef st,
        txn.conn().Prepare("INSERT INTO setting (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    st->Bind(1, key).Bind(2, value);
    PARAAT_RETURN_IF_ERROR(st->Run());
    json::Value after;
    after.Set("value", std::string(value));
    return AppendAudit(txn, actor, "setting.set", absl::StrCat("setting/", key), nullptr, after);
  });
}

}  // namespace paraat::storage
