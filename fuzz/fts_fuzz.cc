// SPDX-License-Identifier: EUPL-1.2
// The full-text search path of crisis logs: what a user types as `paraat crisis search`
// goes, through storage's Search, into an SQLite FTS5 MATCH on the demo database (the real
// schema, tokenizer and triggers, with the demo crisis's entries indexed). Whatever the query,
// the answer is a list of entries of that crisis in seq order, or INVALID_ARGUMENT with a
// message: never another SQLite error (INTERNAL, DATA_LOSS, ...) and never a crash.
//
// Input: one byte for after_seq, one for the page size, then the query.
#include <string>

#include "absl/strings/str_cat.h"
#include "fuzz/support/check.h"
#include "fuzz/support/service_world.h"
#include "server/storage/crisis_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using paraat::fuzz::Check;
  if (size < 2) return 0;
  const int64_t after = data[0] % 8;
  const int limit = 1 + data[1] % 50;
  const std::string query(reinterpret_cast<const char*>(data + 2), size - 2);
  paraat::storage::CrisisStore* store = paraat::fuzz::ServiceWorld::Get().crisis_store();
  absl::StatusOr<std::vector<paraat::crisis::Entry>> found = store->Search(1, query, after, limit);
  if (!found.ok()) {
    paraat::fuzz::CheckRefusal(found.status(), {absl::StatusCode::kInvalidArgument},
                               absl::StrCat("Search('", query, "')"));
    return 0;
  }
  Check(static_cast<int>(found->size()) <= limit, "Search returned more than the page size");
  int64_t prev = after;
  for (const paraat::crisis::Entry& e : *found) {
    Check(e.crisis_id == 1, "Search returned an entry of another crisis");
    Check(e.seq > prev, "Search results not in seq order after after_seq");
    prev = e.seq;
  }
  return 0;
}
