// SPDX-License-Identifier: EUPL-1.2
#include "fuzz/support/proto_mutator.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace paraat::fuzz {

namespace pb = google::protobuf;

const std::vector<std::string>& ParaatWords() {
  static const auto* const kWords = new std::vector<std::string>{
      // The demo: municipalities, people, pools, accounts, qualifications.
      "west", "oost", "noord", "druten", "wijchen", "heumen", "beuningen", "berg-en-dal",
      "west-maas-en-waal", "nijmegen", "vrgz", "a.jansen", "b.vandijk", "c.peters",
      "d.hendriks", "e.willems", "f.bos", "g.smits", "h.devries", "i.verhoeven", "j.kuijpers",
      "k.vandenberg", "l.maas", "m.gerritsen", "n.arts", "officer", "coordinator",
      "administrator", "beheer.druten", "ovd-bz", "aov", "Piet Jansen", "+31 6 1234 5678",
      "024 123 4567", "p.jansen@druten.nl", "a@b", "tweestromenland",
      // Times in every form the API reads, and the DST edges of Europe/Amsterdam.
      "now", "2026-12-07", "2026-12-07 09:00", "2026-12-07T09:00", "2026-12-07T09:00:00",
      "2026-12-07T08:00:00Z", "2026-12-07T09:00:00+01:00", "2027-03-28 02:30",
      "2027-10-31 02:30", "2026-12-24 20:00", "0001-01-01", "9999-12-31", "2026-02-29",
      "2028-02-29", "1969-12-31 23:59:59", "09:00", "00:00", "23:59", "24:00", "02:30",
      "2026-W49", "2026-W53", "2027-W52", "2026-W00", "Europe/Amsterdam", "UTC",
      "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "localtime", "/etc/localtime",
      "monday", "sunday",
      // Crisis logs.
      "opened", "situation", "assessment", "decision", "action", "action-update", "message",
      "grip-change", "handover", "correction", "closed", "reopened", "beeld", "oordeel",
      "besluit", "actiepunt", "bericht", "overdracht", "correctie", "open", "in-progress",
      "done", "cancelled", "0", "1", "2", "5", "rijk", "outside", "opvang", "markdown", "jsonl",
      "json", "sporthal", "sporthal AND heuvel", "\"sporthal de heuvel\"", "sport*",
      "NOT sporthal", "NEAR(sporthal heuvel, 3)", "text:sporthal", "^sporthal", "a OR b",
      "(a", "\"", "*", "{text}: x", "-x", "+", "AND", ":",
      // Capacity.
      "priority", "equal-share", "ondermijning", "zorg", "ondermijning=14:10",
      // Edge cases.
      "", " ", "a", "-", "_", ".", "..", "a,b", "a;b", "a\nb", "a\r\nb", "\t", "\\", "%", "'",
      "%s%n", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\xE2\x80\xAE", "\xEF\xBB\xBF",
      std::string("a\0b", 3), std::string(1, '\0'), std::string(76, 'x'), std::string(201, 'a'),
      std::string(1025, 'b'), "-1", "99999999999999999999", "1e308", "NaN",
  };
  return *kWords;
}

std::string ToValidUtf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    bool ok = len > 0 && i + len <= s.size();
    if (ok && len > 1) {
      ok = b(i + 1) >= lo && b(i + 1) <= hi;
      for (size_t k = 2; ok && k < len; ++k) ok = b(i + k) >= 0x80 && b(i + k) <= 0xBF;
    }
    if (!ok) {
      out.push_back('?');
      ++i;
      continue;
    }
    out.append(s, i, len);
    i += len;
  }
  return out;
}

size_t ProtoMutator::RawMutate(uint8_t* data, size_t size, size_t max_size) {
  if (max_size == 0) return 0;
  return LLVMFuzzerMutate(data, size, max_size);
}

int64_t ProtoMutator::InterestingInt() {
  static constexpr int64_t kValues[] = {
      0, 1, -1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 24, 26, 31, 52, 53, 60, 100, 156, 157, 168, 200,
      366, 400, 500, 600, 601, 1000, 1001, 1439, 1440, 10000, 65535, 65536, 1000000,
      std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::min(),
      std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
      std::numeric_limits<int64_t>::max() / 1000000, -62135596800 /* 0001-01-01 */,
      253402300799 /* 9999-12-31T23:59:59 */, 253402300800, 1795000000, 999999999, 1000000000,
  };
  switch (Below(4)) {
    case 0: return static_cast<int64_t>(rng_()) - (1 << 30);
    case 1: return static_cast<int64_t>(Below(64));
    default: return kValues[Below(sizeof(kValues) / sizeof(kValues[0]))];
  }
}

std::string ProtoMutator::MutateString(const std::string& current, bool must_be_utf8) {
  const std::vector<std::string>& words = ParaatWords();
  std::string out;
  switch (Below(8)) {
    case 0:
    case 1:
    case 2: out = words[Below(static_cast<unsigned>(words.size()))]; break;
    case 3: out = current + words[Below(static_cast<unsigned>(words.size()))]; break;
    case 4: out = words[Below(static_cast<unsigned>(words.size()))] + " " + current; break;
    default: {
      std::string buf = current;
      const size_t max = std::max<size_t>(current.size() * 2 + 16, 64);
      buf.resize(max);
      const size_t n =
          RawMutate(reinterpret_cast<uint8_t*>(buf.data()), current.size(), buf.size());
      buf.resize(n);
      out = std::move(buf);
    }
  }
  return must_be_utf8 ? ToValidUtf8(out) : out;
}

void ProtoMutator::SetRandom(pb::Message* m, const pb::FieldDescriptor* f, int index, int depth) {
  const pb::Reflection* r = m->GetReflection();
  const bool repeated = f->is_repeated();
  const bool add = repeated && index < 0;
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      const auto v = static_cast<int32_t>(InterestingInt());
      if (add) r->AddInt32(m, f, v);
      else if (repeated) r->SetRepeatedInt32(m, f, index, v);
      else r->SetInt32(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      const int64_t v = InterestingInt();
      if (add) r->AddInt64(m, f, v);
      else if (repeated) r->SetRepeatedInt64(m, f, index, v);
      else r->SetInt64(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT32: {
      const auto v = static_cast<uint32_t>(InterestingInt());
      if (add) r->AddUInt32(m, f, v);
      else if (repeated) r->SetRepeatedUInt32(m, f, index, v);
      else r->SetUInt32(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_UINT64: {
      const auto v = static_cast<uint64_t>(InterestingInt());
      if (add) r->AddUInt64(m, f, v);
      else if (repeated) r->SetRepeatedUInt64(m, f, index, v);
      else r->SetUInt64(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
    case pb::FieldDescriptor::CPPTYPE_FLOAT: {
      static constexpr double kDoubles[] = {0.0,  -0.0, 0.5,  1.0,    -1.0, 2.5,  14.0,
                                            1e-9, 1e9,  1e300, -1e300, 40.0, 168.0};
      double v = Below(3) == 0 ? std::numeric_limits<double>::quiet_NaN()
                               : kDoubles[Below(sizeof(kDoubles) / sizeof(kDoubles[0]))];
      if (Below(8) == 0) v = std::numeric_limits<double>::infinity();
      if (Below(3) != 0) v = static_cast<double>(InterestingInt()) / (1 + Below(8));
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_FLOAT) {
        const auto fv = static_cast<float>(v);
        if (add) r->AddFloat(m, f, fv);
        else if (repeated) r->SetRepeatedFloat(m, f, index, fv);
        else r->SetFloat(m, f, fv);
      } else {
        if (add) r->AddDouble(m, f, v);
        else if (repeated) r->SetRepeatedDouble(m, f, index, v);
        else r->SetDouble(m, f, v);
      }
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      const bool v = Below(2) == 0;
      if (add) r->AddBool(m, f, v);
      else if (repeated) r->SetRepeatedBool(m, f, index, v);
      else r->SetBool(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const pb::EnumDescriptor* e = f->enum_type();
      int v = e->value(static_cast<int>(Below(static_cast<unsigned>(e->value_count()))))->number();
      if (Below(8) == 0) v = static_cast<int>(InterestingInt());  // open enums keep unknowns
      if (add) r->AddEnumValue(m, f, v);
      else if (repeated) r->SetRepeatedEnumValue(m, f, index, v);
      else r->SetEnumValue(m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      const bool utf8 = f->type() == pb::FieldDescriptor::TYPE_STRING;
      std::string current;
      if (repeated && !add) current = r->GetRepeatedString(*m, f, index);
      if (!repeated) current = r->GetString(*m, f);
      std::string v = MutateString(current, utf8);
      if (add) r->AddString(m, f, std::move(v));
      else if (repeated) r->SetRepeatedString(m, f, index, std::move(v));
      else r->SetString(m, f, std::move(v));
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
      pb::Message* sub = add ? r->AddMessage(m, f)
                             : repeated ? r->MutableRepeatedMessage(m, f, index)
                                        : r->MutableMessage(m, f);
      if (add || Below(4) == 0) {
        Fill(sub, depth + 1);
      } else {
        Mutate(sub, depth + 1);
      }
      break;
    }
  }
}

// Sets a few fields of a fresh message; timestamps get a time near now.
void ProtoMutator::Fill(pb::Message* m, int depth) {
  const pb::Descriptor* d = m->GetDescriptor();
  if (d->full_name() == "google.protobuf.Timestamp" && Below(2) == 0) {
    const int64_t days = static_cast<int64_t>(Below(800)) - 400;
    const int64_t s = absl::ToUnixSeconds(absl::Now()) + days * 86400 +
                      static_cast<int64_t>(Below(24)) * 3600;
    const pb::Reflection* r = m->GetReflection();
    r->SetInt64(m, d->FindFieldByName("seconds"), s - s % 3600);
    if (Below(4) == 0) {
      r->SetInt32(m, d->FindFieldByName("nanos"), static_cast<int32_t>(InterestingInt()));
    }
    return;
  }
  if (depth > 4 || d->field_count() == 0) return;
  const int n = 1 + static_cast<int>(Below(static_cast<unsigned>(d->field_count())));
  for (int i = 0; i < n; ++i) {
    const pb::FieldDescriptor* f =
        d->field(static_cast<int>(Below(static_cast<unsigned>(d->field_count()))));
    SetRandom(m, f, f->is_repeated() ? -1 : 0, depth);
  }
}

void ProtoMutator::MutateField(pb::Message* m, const pb::FieldDescriptor* f, int depth) {
  const pb::Reflection* r = m->GetReflection();
  if (f->is_repeated()) {
    const int n = r->FieldSize(*m, f);
    const unsigned what = Below(8);
    if (n == 0 || what < 2) {
      SetRandom(m, f, -1, depth);  // append
    } else if (what == 2) {
      r->RemoveLast(m, f);
    } else if (what == 3 && n > 1) {
      r->SwapElements(m, f, static_cast<int>(Below(static_cast<unsigned>(n))),
                      static_cast<int>(Below(static_cast<unsigned>(n))));
    } else if (what == 4 && f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      // A duplicate of an element.
      SetRandom(m, f, -1, depth);
      const int last = r->FieldSize(*m, f) - 1;
      const int from = static_cast<int>(Below(static_cast<unsigned>(n)));
      switch (f->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_STRING:
          r->SetRepeatedString(m, f, last, r->GetRepeatedString(*m, f, from));
          break;
        case pb::FieldDescriptor::CPPTYPE_INT64:
          r->SetRepeatedInt64(m, f, last, r->GetRepeatedInt64(*m, f, from));
          break;
        case pb::FieldDescriptor::CPPTYPE_INT32:
          r->SetRepeatedInt32(m, f, last, r->GetRepeatedInt32(*m, f, from));
          break;
        default: break;
      }
    } else {
      SetRandom(m, f, static_cast<int>(Below(static_cast<unsigned>(n))), depth);
    }
    return;
  }
  if (Below(10) == 0) {
    r->ClearField(m, f);
    return;
  }
  SetRandom(m, f, 0, depth);
}

void ProtoMutator::Mutate(pb::Message* m, int depth) {
  const pb::Descriptor* d = m->GetDescriptor();
  if (d->field_count() == 0 || depth > 6) return;
  // Prefer fields that are set (their neighbourhood is where the seed is interesting).
  std::vector<const pb::FieldDescriptor*> set;
  m->GetReflection()->ListFields(*m, &set);
  const pb::FieldDescriptor* f =
      !set.empty() && Below(3) != 0
          ? set[Below(static_cast<unsigned>(set.size()))]
          : d->field(static_cast<int>(Below(static_cast<unsigned>(d->field_count()))));
  MutateField(m, f, depth);
}

}  // namespace paraat::fuzz
