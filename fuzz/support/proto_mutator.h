// SPDX-License-Identifier: EUPL-1.2
// A small structure-aware mutator for protobuf requests, in the spirit of
// libprotobuf-mutator (which Debian does not package): it changes one field at a time through
// reflection, with values that mean something to Paraat (the demo's keys, dates and times in
// every format the API reads, zone names, entry kinds, GRIP levels, FTS5 queries, edge-case
// integers and timestamps) as well as libFuzzer's own byte mutations of strings. Strings stay
// valid UTF-8, as gRPC would refuse anything else before a handler sees it.
#ifndef PARAAT_FUZZ_SUPPORT_PROTO_MUTATOR_H_
#define PARAAT_FUZZ_SUPPORT_PROTO_MUTATOR_H_

#include <google/protobuf/message.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

namespace paraat::fuzz {

class ProtoMutator {
 public:
  explicit ProtoMutator(unsigned int seed) : rng_(seed) {}

  // 0 .. n-1 (n > 0).
  unsigned Below(unsigned n) { return static_cast<unsigned>(rng_() % n); }

  // Changes one field of `m` (possibly inside a nested message or a repeated element).
  void Mutate(google::protobuf::Message* m, int depth = 0);

  // libFuzzer's byte mutation (LLVMFuzzerMutate) of data[0, size) with room for max_size.
  size_t RawMutate(uint8_t* data, size_t size, size_t max_size);

  // A value for a string field: often a word Paraat knows, else a byte-mutated `current`.
  std::string MutateString(const std::string& current, bool must_be_utf8);

 private:
  int64_t InterestingInt();
  void MutateField(google::protobuf::Message* m, const google::protobuf::FieldDescriptor* f,
                   int depth);
  void SetRandom(google::protobuf::Message* m, const google::protobuf::FieldDescriptor* f,
                 int index, int depth);
  void Fill(google::protobuf::Message* m, int depth);

  std::minstd_rand rng_;
};

// The words the mutator knows (also usable as a libFuzzer dictionary).
const std::vector<std::string>& ParaatWords();

// Replaces every byte that is not part of well-formed UTF-8 with '?'.
std::string ToValidUtf8(const std::string& s);

}  // namespace paraat::fuzz

#endif  // PARAAT_FUZZ_SUPPORT_PROTO_MUTATOR_H_
