// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/entry_codec.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/ledger/sha256.h"

namespace paraat::crisis {

namespace {

constexpr absl::string_view kLeafDomain = "paraat-crisis-entry-v1";
constexpr absl::string_view kRequestDomain = "paraat-append-request-v1";

void Field(std::string& out, uint8_t tag, absl::string_view value) {
  out.push_back(static_cast<char>(tag));
  const uint32_t n = static_cast<uint32_t>(value.size());
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out.append(value.data(), value.size());
}

std::string Micros(absl::Time t) { return absl::StrCat(absl::ToUnixMicros(t)); }
std::string OptMicros(const std::optional<absl::Time>& t) { return t ? Micros(*t) : ""; }
std::string OptInt(int64_t v) { return v == 0 ? "" : absl::StrCat(v); }
std::string Refs(const std::vector<int64_t>& refs) { return absl::StrJoin(refs, ","); }

}  // namespace

std::string LeafBytes(const Entry& e) {
  std::string out(kLeafDomain.data(), kLeafDomain.size());
  out.push_back('\0');
  Field(out, 1, absl::StrCat(e.crisis_id));
  Field(out, 2, absl::StrCat(e.seq));
  Field(out, 3, KindName(e.kind));
  Field(out, 4, e.author);
  Field(out, 5, e.author_name);
  Field(out, 6, Micros(e.entered));
  Field(out, 7, Micros(e.event_time));
  Field(out, 8, e.text);
  Field(out, 9, absl::StrJoin(e.municipalities, ","));
  Field(out, 10, Refs(e.refs));
  Field(out, 11, e.title);
  Field(out, 12, e.type);
  Field(out, 13, e.grip);
  Field(out, 14, e.action_owner);
  Field(out, 15, OptMicros(e.action_deadline));
  Field(out, 16, e.action_status);
  Field(out, 17, OptInt(e.action_ref));
  Field(out, 18, OptInt(e.corrects));
  return out;
}

ledger::Hash EntryLeafHash(const Entry& e) { return ledger::LeafHash(LeafBytes(e)); }

std::string RequestDigest(const AppendRequest& r) {
  std::string out(kRequestDomain.data(), kRequestDomain.size());
  out.push_back('\0');
  Field(out, 1, absl::StrCat(r.crisis_id));
  Field(out, 2, KindName(r.kind));
  Field(out, 3, r.text);
  Field(out, 4, OptMicros(r.event_time));
  std::vector<int64_t> refs = r.refs;
  std::sort(refs.begin(), refs.end());
  Field(out, 5, Refs(refs));
  std::vector<std::string> ms = r.municipalities;
  std::sort(ms.begin(), ms.end());
  Field(out, 6, absl::StrJoin(ms, ","));
  Field(out, 7, r.grip);
  Field(out, 8, r.action_owner);
  Field(out, 9, OptMicros(r.action_deadline));
  Field(out, 10, r.action_status);
  Field(out, 11, OptInt(r.action_ref));
  Field(out, 12, OptInt(r.corrects));
  const ledger::Sha256Digest d = ledger::Sha256({ledger::AsBytes(out)});
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

}  // namespace paraat::crisis
