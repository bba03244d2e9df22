// SPDX-License-Identifier: EUPL-1.2
// The canonical byte encoding of a crisis log entry (the Merkle leaf; docs/ledger.md §9) and
// the digest of an append request (for idempotency: same key, same body).
#ifndef PARAAT_COMMON_CRISIS_ENTRY_CODEC_H_
#define PARAAT_COMMON_CRISIS_ENTRY_CODEC_H_

#include <string>

#include "common/crisis/crisis.h"
#include "common/crisis/rules.h"
#include "common/ledger/merkle.h"

namespace paraat::crisis {

// "paraat-crisis-entry-v1" 0x00, then 18 fields in a fixed order, each as a one-byte tag, a
// four-byte big-endian length and the bytes. Every field is always present (empty when the
// kind does not use it). See docs/ledger.md for the table.
std::string LeafBytes(const Entry& e);
ledger::Hash EntryLeafHash(const Entry& e);

// SHA-256 over the request's fields in the same style (the idempotency key excluded).
std::string RequestDigest(const AppendRequest& r);

}  // namespace paraat::crisis

#endif  // PARAAT_COMMON_CRISIS_ENTRY_CODEC_H_
