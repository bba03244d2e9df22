// SPDX-License-Identifier: EUPL-1.2
#include "client/api/offline.h"

#include <QStandardPaths>
#include <QString>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/status/status_macros.h"
#include "proto/convert/crisis_convert.h"

namespace paraat::client {

namespace {

// A file name part: letters, digits, '.', '-'; everything else becomes '_'.
std::string Slug(absl::string_view s) {
  std::string out;
  for (char c : s) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-';
    out.push_back(keep ? c : '_');
  }
  return out.empty() ? std::string("_") : out;
}

// Statuses after which the same item may be sent again later: the server was not reached or
// could not take it now. Everything else is the server's final answer about the item.
bool RetryLater(const absl::Status& s) {
  switch (s.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      return true;
    default:
      return false;
  }
}

absl::StatusOr<QueuedEntry> Decode(cache::OutboxItem item) {
  v1::AppendEntryRequest req;
  if (!req.ParseFromString(item.request)) {
    return absl::DataLossError(absl::StrCat("local cache: outbox item ", item.id, " is unreadable"));
  }
  PARAAT_ASSIGN_OR_RETURN(crisis::AppendRequest r, convert::FromProto(req));
  return QueuedEntry{std::move(item), std::move(r)};
}

}  // namespace

std::string CachePath(const std::string& base_dir, const std::string& server,
                      const std::string& username) {
  std::string dir = base_dir;
  if (dir.empty()) {
    dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation).toStdString();
    dir = dir.empty() ? std::string(".paraat") : absl::StrCat(dir, "/paraat");
  }
  return absl::StrCat(dir, "/cache/", Slug(server), "-", Slug(username), ".sqlite");
}

absl::Status RememberEntries(cache::Cache& cache, const std::vector<crisis::Entry>& entries) {
  if (entries.empty()) return absl::OkStatus();
  // One call per crisis keeps each write one transaction.
  std::vector<std::pair<int64_t, std::string>> batch;
  int64_t crisis_id = entries.front().crisis_id;
  for (const crisis::Entry& e : entries) {
    if (e.crisis_id != crisis_id) {
      PARAAT_RETURN_IF_ERROR(cache.PutEntries(crisis_id, batch));
      batch.clear();
      crisis_id = e.crisis_id;
    }
    v1::Entry pe;
    convert::ToProto(e, &pe);
    batch.emplace_back(e.seq, pe.SerializeAsString());
  }
  return cache.PutEntries(crisis_id, batch);
}

absl::StatusOr<std::vector<crisis::Entry>> CachedEntries(cache::Cache& cache, int64_t crisis_id,
                                                         int64_t after_seq) {
  PARAAT_ASSIGN_OR_RETURN(auto rows, cache.Entries(crisis_id, after_seq));
  std::vector<crisis::Entry> out;
  out.reserve(rows.size());
  for (const auto& [seq, bytes] : rows) {
    v1::Entry pe;
    if (!pe.ParseFromString(bytes)) {
      return absl::DataLossError(
          absl::StrCat("local cache: entry ", seq, " of crisis ", crisis_id, " is unreadable"));
    }
    out.push_back(convert::FromProto(pe));
  }
  return out;
}

std::string OutboxSummary(const crisis::AppendRequest& r) {
  std::string line = absl::StrReplaceAll(r.text, {{"\r\n", " "}, {"\n", " "}, {"\r", " "}, {"\t", " "}});
  constexpr size_t kMax = 80;
  if (line.size() <= kMax) return line;
  size_t cut = kMax;
  // Back up to the start of a UTF-8 character.
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(line.substr(0, cut), "…");
}

absl::StatusOr<QueuedEntry> Outbox::Queue(crisis::AppendRequest r, absl::Time now) {
  if (r.idempotency_key.empty()) r.idempotency_key = NewIdempotencyKey();
  if (!r.event_time) r.event_time = now;
  PARAAT_RETURN_IF_ERROR(crisis::ValidateRequest(r));
  v1::AppendEntryRequest req;
  convert::ToProto(r, &req);
  PARAAT_ASSIGN_OR_RETURN(int64_t id, cache_->Enqueue(r.crisis_id, r.idempotency_key,
                                                      req.SerializeAsString(), OutboxSummary(r), now));
  cache::OutboxItem item;
  item.id = id;
  item.crisis_id = r.crisis_id;
  item.idempotency_key = r.idempotency_key;
  item.request = req.SerializeAsString();
  item.summary = OutboxSummary(r);
  item.queued = now;
  return QueuedEntry{std::move(item), std::move(r)};
}

absl::StatusOr<std::vector<QueuedEntry>> Outbox::Items(bool pending_only) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<cache::OutboxItem> items, cache_->Outbox(pending_only));
  std::vector<QueuedEntry> out;
  out.reserve(items.size());
  for (cache::OutboxItem& item : items) {
    PARAAT_ASSIGN_OR_RETURN(QueuedEntry q, Decode(std::move(item)));
    out.push_back(std::move(q));
  }
  return out;
}

FlushResult Outbox::Flush(Client& client) {
  std::lock_guard<std::mutex> lock(flush_mu_);
  FlushResult result;
  absl::StatusOr<std::vector<cache::OutboxItem>> items = cache_->Outbox(/*pending_only=*/true);
  if (!items.ok()) {
    result.stopped = items.status();
    return result;
  }
  size_t i = 0;
  for (; i < items->size(); ++i) {
    cache::OutboxItem& item = (*items)[i];
    const int64_t id = item.id;
    absl::StatusOr<QueuedEntry> q = Decode(std::move(item));
    if (!q.ok()) {
      // Unreadable on this disk: no retry can help; say so on the item and go on.
      (void)cache_->MarkFailed(id, q.status().message(), absl::Now());
      ++result.failed;
      continue;
    }
    absl::StatusOr<crisis::Entry> e = client.AppendEntry(q->request);
    if (e.ok()) {
      if (absl::Status s = cache_->MarkSent(id, e->seq, absl::Now()); !s.ok()) {
        // The server has it; the next flush sends it again with the same key and is told so.
        result.stopped = s;
        break;
      }
      (void)RememberEntries(*cache_, {*e});
      result.entries.push_back(*std::move(e));
      ++result.sent;
      continue;
    }
    if (RetryLater(e.status())) {
      (void)cache_->NoteAttempt(id, e.status().message());
      result.stopped = e.status();
      break;
    }
    (void)cache_->MarkFailed(id, e.status().message(), absl::Now());
    ++result.failed;
  }
  result.pending = static_cast<int>(items->size() - std::min(i, items->size()));
  return result;
}

}  // namespace paraat::client
