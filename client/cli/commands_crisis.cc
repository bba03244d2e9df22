// SPDX-License-Identifier: EUPL-1.2
// paraat crisis: open, list, show, log, correct, grip, action(s), close/reopen, entries,
// search, handover, export, verify, watch.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "client/api/log_witness.h"
#include "client/cli/cli.h"
#include "client/cli/text.h"
#include "common/crisis/export.h"
#include "common/crisis/views.h"
#include "common/status/status_macros.h"
#include "common/time/civil.h"

namespace paraat::cli {

namespace {

using crisis::Entry;
using crisis::EntryKind;

absl::TimeZone Zone() { return time::DefaultZone(); }

std::string Local(absl::Time t) { return time::FormatLocal(t); }

absl::StatusOr<int64_t> PositiveArg(const std::string& text, absl::string_view what) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(text, &v) || v <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(what, " '", text, "' is not a positive number"));
  }
  return v;
}

absl::StatusOr<std::optional<absl::Time>> OptTime(Context& ctx, const std::string& flag) {
  std::optional<std::string> v = ctx.Get(flag);
  if (!v) return std::optional<absl::Time>();
  PARAAT_ASSIGN_OR_RETURN(absl::Time t, time::ParseInstant(*v, Zone(), absl::StrCat("--", flag)));
  return std::optional<absl::Time>(t);
}

// A deadline given as a date alone is the end of that day ("by Friday"), not its first minute.
absl::StatusOr<std::optional<absl::Time>> Deadline(Context& ctx) {
  std::optional<std::string> v = ctx.Get("deadline");
  if (!v) return std::optional<absl::Time>();
  const std::string given(absl::StripAsciiWhitespace(*v));
  if (given.size() == 10 && given[4] == '-' && given[7] == '-') {
    PARAAT_ASSIGN_OR_RETURN(absl::CivilDay day, time::ParseDate(given, "--deadline"));
    return std::optional<absl::Time>(
        absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 23, 59, 0), Zone()));
  }
  return OptTime(ctx, "deadline");
}

absl::StatusOr<std::vector<int64_t>> Refs(Context& ctx) {
  std::vector<int64_t> out;
  for (const std::string& r : ctx.GetList("ref")) {
    PARAAT_ASSIGN_OR_RETURN(int64_t v, PositiveArg(r, "--ref"));
    out.push_back(v);
  }
  return out;
}

// Shown with every read: the client's check that the log was not rewritten.
void Witness(Context& ctx, int64_t crisis_id) {
  client::LogWitness witness;
  absl::StatusOr<client::WitnessResult> r = witness.Sync(ctx.client(), crisis_id);
  if (r.ok()) return;
  if (absl::IsNotFound(r.status())) return;  // no checkpoint yet (within a second of the first append)
  if (absl::IsFailedPrecondition(r.status())) {  // this computer's witness file
    ctx.err() << "warning: " << r.status().message() << "\n";
    return;
  }
  // A refusal or an unreachable server: the call that follows says so itself. Only a log that
  // no longer matches what this computer saw before gets the banner; a server that would not
  // or could not prove it still does is said plainly.
  if (absl::IsPermissionDenied(r.status()) || absl::IsUnauthenticated(r.status()) ||
      absl::IsUnavailable(r.status()) || absl::IsDeadlineExceeded(r.status())) {
    return;
  }
  if (!absl::IsDataLoss(r.status())) {
    ctx.err() << "warning: the log could not be checked against what this computer saw before: "
              << r.status().message() << "\n";
    return;
  }
  ctx.err() << "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
            << r.status().message()
            << "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n";
}

std::string EntryLine(const Entry& e, const std::vector<int64_t>& corrected_by) {
  std::string head = absl::StrCat("#", e.seq, " ", Local(e.event_time));
  if (e.event_time != e.entered && absl::AbsDuration(e.entered - e.event_time) > absl::Minutes(1)) {
    absl::StrAppend(&head, " (logged ", Local(e.entered), ")");
  }
  absl::StrAppend(&head, " ", crisis::KindName(e.kind), " by ", e.author_name);
  std::string body = e.text;
  switch (e.kind) {
    case EntryKind::kOpened:
      body = absl::StrCat("opened \"", e.title, "\" (", e.type, ") at ", crisis::GripLabel(e.grip),
                          " for ", absl::StrJoin(e.municipalities, ", "),
                          e.text.empty() ? "" : absl::StrCat(": ", e.text));
      break;
    case EntryKind::kGripChange:
      body = absl::StrCat("now ", crisis::GripLabel(e.grip), e.text.empty() ? "" : ": " + e.text);
      break;
    case EntryKind::kAction:
      body = absl::StrCat(e.text, "  [owner ", e.action_owner,
                          e.action_deadline ? absl::StrCat(", deadline ", Local(*e.action_deadline)) : "",
                          "]");
      break;
    case EntryKind::kActionUpdate:
      body = absl::StrCat("action #", e.action_ref,
                          e.action_status.empty() ? "" : absl::StrCat(" is now ", e.action_status),
                          e.action_owner.empty() ? "" : absl::StrCat(", owner ", e.action_owner),
                          e.action_deadline ? absl::StrCat(", deadline ", Local(*e.action_deadline)) : "",
                          e.text.empty() ? "" : absl::StrCat(": ", e.text));
      break;
    case EntryKind::kCorrection:
      body = absl::StrCat("corrects #", e.corrects, ": ", e.text);
      break;
    default:
      break;
  }
  if (!corrected_by.empty()) {
    body = absl::StrCat(Struck(body), "  [corrected by #", absl::StrJoin(corrected_by, ", #"), "]");
  }
  if (!e.refs.empty()) absl::StrAppend(&body, "  (re #", absl::StrJoin(e.refs, ", #"), ")");
  return absl::StrCat(Printable(head, "    "), "\n    ", Printable(body, "    "));
}

// An entry with the entries that correct it, for --json.
json::Value EntryViewJson(const client::EntryView& v) {
  json::Value j = crisis::ToJson(v.entry);
  json::Value cb = json::Value::MakeArray();
  for (int64_t c : v.corrected_by) cb.Append(c);
  j.Set("corrected_by", cb);
  return j;
}

void PrintEntries(Context& ctx, const std::vector<client::EntryView>& entries) {
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& v : entries) arr.Append(EntryViewJson(v));
    ctx.PrintJson(arr);
    return;
  }
  for (const auto& v : entries) ctx.out() << EntryLine(v.entry, v.corrected_by) << "\n";
}

std::string CrisisHeader(const crisis::Crisis& c) {
  return absl::StrCat("Crisis ", c.id, ": ", PrintableLine(c.title), "\n  *** ", crisis::GripLabel(c.grip),
                      " ***   ", c.open ? "open" : "CLOSED", "   type: ", c.type,
                      "\n  municipalities: ", absl::StrJoin(c.municipalities, ", "), "\n  opened ",
                      Local(c.opened), " by ", c.opened_by, ", ", c.entries,
                      c.entries == 1 ? " entry\n" : " entries\n");
}

absl::StatusOr<int64_t> CrisisArg(Context& ctx) { return PositiveArg(ctx.args()[0], "crisis"); }

absl::Status Append(Context& ctx, crisis::AppendRequest r) {
  r.idempotency_key = ctx.GetOr("idempotency-key", client::NewIdempotencyKey());
  // When it happened, for every kind that takes --event-time (written up afterwards from a
  // paper log).
  if (!r.event_time.has_value()) {
    PARAAT_ASSIGN_OR_RETURN(r.event_time, OptTime(ctx, "event-time"));
  }
  bool replayed = false;
  absl::StatusOr<Entry> appended = ctx.client().AppendEntry(r, &replayed);
  if (!appended.ok() && (absl::IsUnavailable(appended.status()) ||
                         absl::IsDeadlineExceeded(appended.status()) ||
                         absl::IsResourceExhausted(appended.status()) ||
                         absl::IsInternal(appended.status()))) {
    // Whether it was logged is not known: the same command with this key logs it once.
    return absl::Status(appended.status().code(),
                        absl::StrCat(appended.status().message(),
                                     "\nRun the same command again with --idempotency-key ",
                                     r.idempotency_key,
                                     " to log it exactly once (with that key it is never logged "
                                     "twice)"));
  }
  PARAAT_ASSIGN_OR_RETURN(Entry e, std::move(appended));
  if (ctx.json()) {
    json::Value v = crisis::ToJson(e);
    v.Set("replayed", replayed);
    ctx.PrintJson(v);
  } else {
    ctx.out() << (replayed ? "Already logged (same request): " : "Logged ") << EntryLine(e, {}) << "\n";
  }
  return absl::OkStatus();
}

absl::Status Open(Context& ctx) {
  crisis::Crisis c;
  PARAAT_ASSIGN_OR_RETURN(c.title, ctx.Require("title"));
  PARAAT_ASSIGN_OR_RETURN(c.type, ctx.Require("type"));
  c.municipalities = ctx.GetList("municipality");
  c.grip = ctx.GetOr("grip", "0");
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> when, OptTime(ctx, "event-time"));
  std::vector<std::string> warnings;
  PARAAT_ASSIGN_OR_RETURN(auto made, ctx.client().OpenCrisis(c, ctx.GetOr("text", ""), when,
                                                             ctx.GetOr("idempotency-key", client::NewIdempotencyKey()),
                                                             &warnings));
  if (ctx.json()) {
    ctx.PrintJson(crisis::ToJson(made.first));
  } else {
    ctx.out() << CrisisHeader(made.first);
  }
  for (const std::string& w : warnings) (ctx.json() ? ctx.err() : ctx.out()) << "WARNING: " << w << "\n";
  return absl::OkStatus();
}

absl::Status List(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(std::vector<crisis::Crisis> list, ctx.client().ListCrises(ctx.Has("all")));
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& c : list) arr.Append(crisis::ToJson(c));
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) {
    ctx.out() << "No crises" << (ctx.Has("all") ? "" : " open") << ".\n";
    return absl::OkStatus();
  }
  Table t({"ID", "TITLE", "LEVEL", "STATUS", "MUNICIPALITIES", "ENTRIES", "OPENED"});
  for (const auto& c : list) {
    t.Add({absl::StrCat(c.id), PrintableLine(c.title), crisis::GripLabel(c.grip), c.open ? "open" : "closed",
           absl::StrJoin(c.municipalities, ","), absl::StrCat(c.entries), Local(c.opened)});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

absl::Status Show(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(crisis::Crisis c, ctx.client().GetCrisis(id));
  Witness(ctx, id);
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> last, ctx.GetCount("last"));
  const int n = last.value_or(20);
  PARAAT_ASSIGN_OR_RETURN(client::EntryPage page,
                          ctx.client().ListEntries(id, std::max<int64_t>(0, c.entries - n), n, {}));
  if (ctx.json()) {
    json::Value v = crisis::ToJson(c);
    json::Value arr = json::Value::MakeArray();
    for (const auto& e : page.entries) arr.Append(EntryViewJson(e));
    v.Set("latest_entries", arr);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << CrisisHeader(c) << "\nLatest entries:\n";
  PrintEntries(ctx, page.entries);
  return absl::OkStatus();
}

absl::Status Log(Context& ctx) {
  crisis::AppendRequest r;
  PARAAT_ASSIGN_OR_RETURN(r.crisis_id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::string kind, ctx.Require("kind"));
  PARAAT_ASSIGN_OR_RETURN(r.kind, crisis::ParseKind(kind, "--kind"));
  if (!crisis::IsFreeKind(r.kind)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--kind ", kind, ": use 'paraat crisis action', 'correct', 'grip', 'close' or 'reopen' for that"));
  }
  PARAAT_ASSIGN_OR_RETURN(r.text, ctx.Require("text"));
  PARAAT_ASSIGN_OR_RETURN(r.event_time, OptTime(ctx, "event-time"));
  PARAAT_ASSIGN_OR_RETURN(r.refs, Refs(ctx));
  r.municipalities = ctx.GetList("municipality");
  return Append(ctx, r);
}

absl::Status Correct(Context& ctx) {
  crisis::AppendRequest r;
  r.kind = EntryKind::kCorrection;
  PARAAT_ASSIGN_OR_RETURN(r.crisis_id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(r.corrects, PositiveArg(ctx.args()[1], "entry"));
  if (ctx.Has("text") || !ctx.Has("event-time")) {
    PARAAT_ASSIGN_OR_RETURN(r.text, ctx.Require("text"));
  } else {
    // Only the time was wrong: the words stay those of the entry corrected.
    PARAAT_ASSIGN_OR_RETURN(client::EntryPage page,
                            ctx.client().ListEntries(r.crisis_id, r.corrects - 1, 1,
                                                     client::EntryFilter{}));
    if (page.entries.empty() || page.entries[0].entry.seq != r.corrects) {
      return absl::NotFoundError(
          absl::StrCat("crisis ", r.crisis_id, " has no entry ", r.corrects));
    }
    r.text = page.entries[0].entry.text;
  }
  r.refs = {r.corrects};
  PARAAT_RETURN_IF_ERROR(Append(ctx, r));
  // A correction changes what an entry says. What an entry set - a GRIP level, an action's
  // status, owner or deadline - changes only by an entry that sets it: say so where it matters.
  absl::StatusOr<client::EntryPage> target =
      ctx.client().ListEntries(r.crisis_id, r.corrects - 1, 1, client::EntryFilter{});
  if (!target.ok() || target->entries.empty() || target->entries[0].entry.seq != r.corrects) {
    return absl::OkStatus();
  }
  const Entry& t = target->entries[0].entry;
  std::ostream& note = ctx.json() ? ctx.err() : ctx.out();
  if (t.kind == EntryKind::kGripChange) {
    note << "Note: this corrects what entry #" << t.seq << " says, not the GRIP level it set. "
         << "To change the level: paraat crisis grip " << r.crisis_id << " LEVEL --text WHY\n";
  } else if (t.kind == EntryKind::kActionUpdate) {
    note << "Note: this corrects what entry #" << t.seq << " says, not the status, owner or "
         << "deadline it set. To change those: paraat crisis action-update " << r.crisis_id << " "
         << t.action_ref << " --status STATUS\n";
  } else if (t.kind == EntryKind::kAction) {
    note << "The action list now shows the corrected words of action #" << t.seq
         << ". Its owner, deadline and status change with: paraat crisis action-update "
         << r.crisis_id << " " << t.seq << "\n";
  }
  return absl::OkStatus();
}

absl::Status Grip(Context& ctx) {
  crisis::AppendRequest r;
  r.kind = EntryKind::kGripChange;
  PARAAT_ASSIGN_OR_RETURN(r.crisis_id, CrisisArg(ctx));
  r.grip = ctx.args()[1];
  r.text = ctx.GetOr("text", "");
  PARAAT_ASSIGN_OR_RETURN(r.event_time, OptTime(ctx, "event-time"));
  return Append(ctx, r);
}

absl::Status ActionCreate(Context& ctx) {
  crisis::AppendRequest r;
  r.kind = EntryKind::kAction;
  PARAAT_ASSIGN_OR_RETURN(r.crisis_id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(r.text, ctx.Require("text"));
  PARAAT_ASSIGN_OR_RETURN(r.action_owner, ctx.Require("owner"));
  PARAAT_ASSIGN_OR_RETURN(r.action_deadline, Deadline(ctx));
  PARAAT_ASSIGN_OR_RETURN(r.refs, Refs(ctx));
  return Append(ctx, r);
}

absl::Status ActionUpdate(Context& ctx) {
  crisis::AppendRequest r;
  r.kind = EntryKind::kActionUpdate;
  PARAAT_ASSIGN_OR_RETURN(r.crisis_id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(r.action_ref, PositiveArg(ctx.args()[1], "action"));
  r.action_status = ctx.GetOr("status", "");
  r.action_owner = ctx.GetOr("owner", "");
  PARAAT_ASSIGN_OR_RETURN(r.action_deadline, Deadline(ctx));
  r.text = ctx.GetOr("text", "");
  r.refs = {r.action_ref};
  return Append(ctx, r);
}

// What an action says now, marked when a correction gave it its words.
std::string ActionText(const crisis::ActionState& a) {
  std::string text = PrintableLine(a.text);
  if (a.text_corrected_by != 0) absl::StrAppend(&text, " [corrected by #", a.text_corrected_by, "]");
  return text;
}

// An action as JSON, overdue as the server says (a closed crisis's actions are not).
json::Value ActionJson(const client::ActionView& a, absl::Time now) {
  json::Value v = crisis::ToJson(a.action, now);
  v.Set("overdue", a.overdue);
  return v;
}

absl::Status CloseOrReopen(Context& ctx, EntryKind kind) {
  crisis::AppendRequest r;
  r.kind = kind;
  PARAAT_ASSIGN_OR_RETURN(r.crisis_id, CrisisArg(ctx));
  r.text = ctx.GetOr("text", "");
  PARAAT_RETURN_IF_ERROR(Append(ctx, r));
  if (kind != EntryKind::kClosed) return absl::OkStatus();
  // Actions still open stay as they were (no overdue warnings for a closed crisis); they
  // change only after reopening. Say which, so nothing is forgotten.
  absl::StatusOr<std::vector<client::ActionView>> open =
      ctx.client().ListActions(r.crisis_id, false, false);
  if (!open.ok() || open->empty()) return absl::OkStatus();
  std::ostream& note = ctx.json() ? ctx.err() : ctx.out();
  note << open->size() << (open->size() == 1 ? " action was" : " actions were")
       << " still open when the crisis closed (reopen it to finish or cancel them):\n";
  for (const client::ActionView& a : *open) {
    note << "  #" << a.action.seq << " " << ActionText(a.action) << " ("
         << PrintableLine(a.owner_name.empty() ? a.action.owner : a.owner_name) << ")\n";
  }
  return absl::OkStatus();
}

absl::Status Actions(Context& ctx) {
  int64_t crisis_id = 0;
  if (auto c = ctx.Get("crisis")) {
    PARAAT_ASSIGN_OR_RETURN(crisis_id, PositiveArg(*c, "--crisis"));
  }
  PARAAT_ASSIGN_OR_RETURN(std::vector<client::ActionView> list,
                          ctx.client().ListActions(crisis_id, ctx.Has("mine"), ctx.Has("all")));
  const absl::Time now = absl::Now();
  if (ctx.json()) {
    json::Value arr = json::Value::MakeArray();
    for (const auto& a : list) {
      json::Value v = ActionJson(a, now);
      v.Set("crisis_title", a.crisis_title);
      v.Set("owner_name", a.owner_name);
      arr.Append(v);
    }
    ctx.PrintJson(arr);
    return absl::OkStatus();
  }
  if (list.empty()) {
    ctx.out() << "No " << (ctx.Has("all") ? "" : "open ") << "actions.\n";
    return absl::OkStatus();
  }
  Table t({"", "CRISIS", "#", "ACTION", "OWNER", "DEADLINE", "STATUS"});
  for (const auto& a : list) {
    t.Add({a.overdue ? "OVERDUE" : "", absl::StrCat(a.action.crisis_id, " ", PrintableLine(a.crisis_title)),
           absl::StrCat(a.action.seq), ActionText(a.action), a.owner_name.empty() ? a.action.owner : a.owner_name,
           a.action.deadline ? Local(*a.action.deadline) : "-",
           std::string(crisis::ActionStatusName(a.action.status))});
  }
  t.Print(ctx.out());
  return absl::OkStatus();
}

absl::StatusOr<client::EntryFilter> Filter(Context& ctx) {
  client::EntryFilter f;
  for (const std::string& k : ctx.GetList("kind")) {
    PARAAT_ASSIGN_OR_RETURN(EntryKind kind, crisis::ParseKind(k, "--kind"));
    f.kinds.push_back(kind);
  }
  f.author = ctx.GetOr("author", "");
  PARAAT_ASSIGN_OR_RETURN(f.from, OptTime(ctx, "from"));
  PARAAT_ASSIGN_OR_RETURN(f.to, OptTime(ctx, "to"));
  f.municipality = ctx.GetOr("municipality", "");
  return f;
}

std::string FilterNote(Context& ctx) {
  std::vector<std::string> parts;
  for (const char* flag : {"kind", "author", "from", "to", "municipality"}) {
    if (ctx.Has(flag)) parts.push_back(absl::StrCat(flag, "=", absl::StrJoin(ctx.GetList(flag), ",")));
  }
  return absl::StrJoin(parts, " ");
}

absl::Status Entries(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(client::EntryFilter f, Filter(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> after, ctx.GetInt("after"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> limit, ctx.GetCount("limit"));
  Witness(ctx, id);
  PARAAT_ASSIGN_OR_RETURN(client::EntryPage page,
                          ctx.client().ListEntries(id, after.value_or(0), limit.value_or(100), f));
  if (!ctx.json() && page.entries.empty()) {
    ctx.out() << (FilterNote(ctx).empty() && !after.has_value() ? "No entries.\n"
                                                                : "No entries match.\n");
    if (ctx.Has("author")) {
      ctx.out() << "(--author takes the account name that logged an entry, e.g. 'coordinator'; "
                   "--json shows it as \"author\")\n";
    }
  }
  PrintEntries(ctx, page.entries);
  if (page.next_after_seq != 0) {
    // The next page with the same filters; beside JSON on stdout, on stderr.
    std::string next = absl::StrCat("paraat crisis entries ", id, " --after ", page.next_after_seq);
    for (const char* flag : {"kind", "author", "from", "to", "municipality"}) {
      for (const std::string& v : ctx.GetList(flag)) {
        absl::StrAppend(&next, " --", flag, " ", ShellQuoted(v));
      }
    }
    if (limit.has_value()) absl::StrAppend(&next, " --limit ", *limit);
    if (ctx.json()) absl::StrAppend(&next, " --json");
    (ctx.json() ? ctx.err() : ctx.out()) << "(more: " << next << ")\n";
  }
  return absl::OkStatus();
}

absl::Status Search(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> limit, ctx.GetCount("limit"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> after, ctx.GetInt("after"));
  PARAAT_ASSIGN_OR_RETURN(
      client::EntryPage page,
      ctx.client().SearchEntries(id, ctx.args()[1], after.value_or(0), limit.value_or(50)));
  if (!ctx.json() && page.entries.empty()) ctx.out() << "Nothing found.\n";
  PrintEntries(ctx, page.entries);
  if (page.next_after_seq != 0) {
    // More hits than one page: the next page, and where the newest are.
    std::string next = absl::StrCat("paraat crisis search ", id, " ", ShellQuoted(ctx.args()[1]),
                                    " --after ", page.next_after_seq);
    if (limit.has_value()) absl::StrAppend(&next, " --limit ", *limit);
    if (ctx.json()) absl::StrAppend(&next, " --json");
    (ctx.json() ? ctx.err() : ctx.out()) << "(more: " << next << ")\n";
  }
  return absl::OkStatus();
}

// An entry of the handover report with what its corrections say now.
std::string HandoverLine(const client::EntryView& v, const client::HandoverView& h) {
  std::string line = EntryLine(v.entry, v.corrected_by);
  for (const client::CorrectionLine& c : client::CorrectionsUnder(h, v)) {
    const std::string text = c.correction->corrected_by.empty()
                                 ? c.correction->entry.text
                                 : absl::StrCat(Struck(c.correction->entry.text), "  [corrected by #",
                                                absl::StrJoin(c.correction->corrected_by, ", #"), "]");
    const std::string indent(2 + 2 * static_cast<size_t>(c.depth), ' ');
    absl::StrAppend(&line, "\n", indent, "correction #", c.correction->entry.seq, ": ",
                    Printable(text, indent + "  "));
  }
  return line;
}


absl::Status Handover(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::optional<absl::Time> since, OptTime(ctx, "since"));
  PARAAT_ASSIGN_OR_RETURN(client::HandoverView h, ctx.client().GetHandover(id, since));
  const absl::Time now = absl::Now();
  if (ctx.json()) {
    json::Value v;
    v.Set("crisis", crisis::ToJson(h.crisis));
    v.Set("since", time::FormatUtc(h.since));
    json::Value d = json::Value::MakeArray();
    for (const auto& e : h.decisions) d.Append(EntryViewJson(e));
    v.Set("decisions", d);
    json::Value as = json::Value::MakeArray();
    for (const auto& e : h.assessments) as.Append(EntryViewJson(e));
    v.Set("assessments", as);
    json::Value g = json::Value::MakeArray();
    for (const auto& e : h.grip_changes) g.Append(EntryViewJson(e));
    v.Set("grip_changes", g);
    if (h.latest_situation) v.Set("latest_situation", EntryViewJson(*h.latest_situation));
    if (h.latest_handover) v.Set("latest_handover", EntryViewJson(*h.latest_handover));
    json::Value o = json::Value::MakeArray();
    for (const auto& e : h.other_entries) o.Append(EntryViewJson(e));
    v.Set("other_entries", o);
    json::Value a = json::Value::MakeArray();
    for (const auto& x : h.open_actions) a.Append(ActionJson(x, now));
    v.Set("open_actions", a);
    json::Value f = json::Value::MakeArray();
    for (const auto& x : h.finished_actions) f.Append(ActionJson(x, now));
    v.Set("finished_actions", f);
    json::Value c = json::Value::MakeArray();
    for (const auto& [seq, e] : h.corrections) c.Append(EntryViewJson(e));
    v.Set("corrections", c);
    ctx.PrintJson(v);
    return absl::OkStatus();
  }
  ctx.out() << "HANDOVER REPORT (overdrachtsrapport): what was logged since " << Local(h.since)
            << "\n\n" << CrisisHeader(h.crisis) << "\n== Latest situation (beeld) ==\n";
  if (h.latest_situation) {
    ctx.out() << HandoverLine(*h.latest_situation, h) << "\n";
  } else {
    ctx.out() << "(none logged)\n";
  }
  ctx.out() << "\n== Last handover note (overdracht) ==\n";
  if (h.latest_handover) {
    ctx.out() << HandoverLine(*h.latest_handover, h) << "\n";
  } else {
    ctx.out() << "(none logged)\n";
  }
  ctx.out() << "\n== GRIP changes since ==\n";
  if (h.grip_changes.empty()) ctx.out() << "(none)\n";
  for (const auto& e : h.grip_changes) ctx.out() << HandoverLine(e, h) << "\n";
  ctx.out() << "\n== Decisions (besluiten) since ==\n";
  if (h.decisions.empty()) ctx.out() << "(none)\n";
  for (const auto& e : h.decisions) ctx.out() << HandoverLine(e, h) << "\n";
  ctx.out() << "\n== Assessments (oordelen) since ==\n";
  if (h.assessments.empty()) ctx.out() << "(none)\n";
  for (const auto& e : h.assessments) ctx.out() << HandoverLine(e, h) << "\n";
  ctx.out() << "\n== Messages, closing and reopening since ==\n";
  if (h.other_entries.empty()) ctx.out() << "(none)\n";
  for (const auto& e : h.other_entries) ctx.out() << HandoverLine(e, h) << "\n";
  auto owner = [](const client::ActionView& a) {
    return PrintableLine(a.owner_name.empty() ? a.action.owner : a.owner_name);
  };
  ctx.out() << "\n== Open actions (overdue first) ==\n";
  if (h.open_actions.empty()) ctx.out() << "(none)\n";
  for (const auto& a : h.open_actions) {
    ctx.out() << (a.overdue ? "OVERDUE " : "") << "#" << a.action.seq << " " << ActionText(a.action)
              << "  [" << owner(a)
              << (a.action.deadline ? ", deadline " + Local(*a.action.deadline) : std::string())
              << ", " << crisis::ActionStatusName(a.action.status) << "]\n";
  }
  ctx.out() << "\n== Actions finished since ==\n";
  if (h.finished_actions.empty()) ctx.out() << "(none)\n";
  for (const auto& a : h.finished_actions) {
    ctx.out() << "#" << a.action.seq << " " << ActionText(a.action) << "  [" << owner(a) << ", "
              << crisis::ActionStatusName(a.action.status);
    if (a.action.finished_at) ctx.out() << " " << Local(*a.action.finished_at);
    ctx.out() << "]\n";
  }
  return absl::OkStatus();
}

absl::Status WriteFile(const std::string& path, const std::string& content) {
  if (path == "-") {
    std::cout << content;
    return absl::OkStatus();
  }
  // A crisis log may name people (evacuees, patients): the file is the user's alone (0600),
  // as the session token is; share it on purpose.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  (void)::fchmod(fd, 0600);  // also a file written before with a wider mode
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      return absl::FailedPreconditionError(absl::StrCat("cannot write ", path, ": ", std::strerror(e)));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status Export(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::string path, ctx.Require("output"));
  PARAAT_ASSIGN_OR_RETURN(client::EntryFilter f, Filter(ctx));
  const std::string format = ctx.GetOr("format", "verifiable");
  crisis::ExportBundle b;
  absl::StatusOr<std::string> content =
      ctx.client().ExportContent(id, f, format, FilterNote(ctx), &b);
  if (absl::IsInvalidArgument(content.status()) &&
      absl::StartsWith(content.status().message(), "format ")) {
    return absl::InvalidArgumentError(absl::StrCat("--", content.status().message()));
  }
  PARAAT_RETURN_IF_ERROR(content.status());
  PARAAT_RETURN_IF_ERROR(WriteFile(path, *content));
  if (path != "-") {
    ctx.err() << "Wrote " << b.entries.size() << " of " << b.tree_size << " entries of crisis "
              << id << " to " << path << " (" << format << ").\n";
  }
  return absl::OkStatus();
}

absl::Status Verify(Context& ctx) {
  const std::string& path = ctx.args()[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string content = ss.str();
  // A failed check is exit status 1 whatever its cause, never the 2 of a usage error.
  auto failed = [](absl::string_view why) {
    return absl::DataLossError(absl::StrCat("VERIFICATION FAILED: ", why));
  };
  if (absl::StripLeadingAsciiWhitespace(content).substr(0, 1) != "{") {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " is not a verifiable export: that is the JSON file 'paraat crisis export ID -o "
        "FILE' writes (a Markdown report or JSON lines carry no signature)"));
  }
  absl::StatusOr<crisis::ExportBundle> b = crisis::ParseExport(content);
  if (!b.ok()) {
    // JSON lines (an object per line) is an export too, but without a signature.
    const size_t line = content.find('\n');
    if (line != std::string::npos &&
        absl::StripLeadingAsciiWhitespace(absl::string_view(content).substr(line)).substr(0, 1) == "{") {
      return absl::FailedPreconditionError(absl::StrCat(
          path, " is JSON lines, not a verifiable export: that is the JSON file 'paraat crisis "
          "export ID -o FILE' writes (JSON lines and Markdown carry no signature)"));
    }
    return failed(b.status().message());
  }
  std::string key = ctx.GetOr("key", "");
  if (!key.empty() && key.find('+') == std::string::npos) {
    std::ifstream kf(key);  // a file holding the key
    std::getline(kf, key);
  }
  absl::StatusOr<crisis::VerifyReport> r = crisis::VerifyExport(*b, key);
  if (!r.ok()) return failed(r.status().message());
  // The title from the signed opening entry; a filtered export without it shows the header's,
  // which the signature does not cover.
  // What the file says is shown harmlessly: it may come from anyone.
  const std::string title =
      PrintableLine(r->title.empty() ? absl::StrCat(b->crisis.title, ", title not signed in this file")
                                     : r->title);
  const std::string checked =
      absl::StrCat("crisis ", b->crisis.id, " (", title, "): ", r->entries_checked,
                   " entries checked against the checkpoint of ", r->tree_size,
                   " entries signed by ", r->key_name, ".\n");
  if (r->entries_checked < r->tree_size) {
    // What is left out is proven to exist (its leaf hash is in the tree), not shown.
    ctx.out() << "Filtered export"
              << (b->filter.empty() ? std::string()
                                    : absl::StrCat(" (", PrintableLine(b->filter), ", as the file says)"))
              << ": " << r->entries_checked << " of " << r->tree_size
              << " entries are in the file; the others are only counted, not shown.\n";
  }
  if (key.empty()) {
    ctx.out() << "Consistent with the key inside the file: " << checked;
    return absl::FailedPreconditionError(
        "NOT VERIFIED: no trusted key was given, and a file can carry any key. Pass --key with the "
        "server's public key (paraat-server key --data-dir DIR) from a source you trust");
  }
  ctx.out() << "OK: " << checked;
  if (!b->public_key.empty() && b->public_key != key) {
    ctx.out() << "Note: the file carries another key (" << PrintableLine(b->public_key)
              << "); it was checked against the one given.\n";
  }
  return absl::OkStatus();
}

absl::Status Watch(Context& ctx) {
  PARAAT_ASSIGN_OR_RETURN(int64_t id, CrisisArg(ctx));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> after, ctx.GetInt("after"));
  PARAAT_ASSIGN_OR_RETURN(std::optional<int> count, ctx.GetCount("count"));
  int64_t last = after.value_or(0);
  int seen = 0;
  Witness(ctx, id);
  return ctx.client().WatchCrisis(
      id, &last,
      [&](const Entry& e) {
        if (ctx.json()) {
          ctx.out() << crisis::ToJson(e).Serialize() << std::endl;
        } else {
          ctx.out() << EntryLine(e, {}) << std::endl;
        }
        return !count.has_value() || ++seen < *count;
      },
      nullptr,
      [&](const std::string& state) {
        if (state != "connected") ctx.err() << "(" << state << "; resuming after #" << last << ")" << std::endl;
      });
}

}  // namespace

void AddCrisisCommands(std::vector<CommandSpec>& c) {
  const FlagSpec key{"idempotency-key", "KEY", "retry key (default: a new random one)"};
  const FlagSpec event{"event-time", "TIME", "when it happened (default now; local time)"};
  const FlagSpec ref{"ref", "SEQ", "an earlier entry this one refers to", true};
  const std::vector<FlagSpec> filters = {
      {"kind", "KIND", "only these kinds", true}, {"author", "USER", "only this author"},
      {"from", "TIME", "happened from"}, {"to", "TIME", "happened before"},
      {"municipality", "KEY", "only entries naming this municipality"}};
  c.push_back({"crisis open", "", "open a crisis (coordinators)",
               {{"title", "TEXT", "title"}, {"type", "TEXT", "type, e.g. opvang, infectieziekte"},
                {"municipality", "KEY", "an affected municipality", true},
                {"grip", "LEVEL", "0-5, rijk or outside (default 0)"},
                {"text", "TEXT", "the first situation"}, event, key},
               0, 0, Open});
  c.push_back({"crisis list", "", "the crises you may read (open ones; --all for closed too)",
               {{"all", "", "include closed crises"}}, 0, 0, List});
  c.push_back({"crisis show", "ID", "a crisis with its GRIP level and latest entries",
               {{"last", "N", "how many entries (default 20)"}}, 1, 1, Show});
  c.push_back({"crisis log", "ID", "log an entry: situation (beeld), assessment (oordeel), decision "
               "(besluit), message or handover",
               {{"kind", "KIND", "situation, assessment, decision, message, handover"},
                {"text", "TEXT", "the entry"}, event, ref,
                {"municipality", "KEY", "a municipality it concerns", true}, key},
               1, 1, Log});
  c.push_back({"crisis correct", "ID SEQ", "correct an entry (the original stays, struck through)",
               {{"text", "TEXT", "the corrected text"},
                {"event-time", "TIME",
                 "when it happened, to correct that too (default: as the entry corrected); "
                 "without --text only the time is corrected"},
                key},
               2, 2, Correct});
  c.push_back({"crisis grip", "ID LEVEL", "change the GRIP level (0-5, rijk, outside)",
               {{"text", "TEXT", "why"}, event, key}, 2, 2, Grip});
  c.push_back({"crisis action", "ID", "add an action (actiepunt)",
               {{"text", "TEXT", "what must be done"}, {"owner", "PERSON", "who does it"},
                {"deadline", "TIME", "by when (a date alone: the end of that day)"}, ref, event, key},
               1, 1, ActionCreate});
  c.push_back({"crisis action-update", "ID SEQ", "change an action's status, owner or deadline",
               {{"status", "STATUS", "open, in-progress, done, cancelled"},
                {"owner", "PERSON", "new owner"}, {"deadline", "TIME", "new deadline (a date alone: the end of that day)"},
                {"text", "TEXT", "a note"}, event, key},
               2, 2, ActionUpdate});
  c.push_back({"crisis actions", "", "actions, overdue first (--mine: yours across all open crises)",
               {{"mine", "", "only actions you own"}, {"crisis", "ID", "one crisis"},
                {"all", "", "include done and cancelled"}},
               0, 0, Actions});
  c.push_back({"crisis close", "ID", "close a crisis (only reopening is accepted after)",
               {{"text", "TEXT", "closing note"}, event, key}, 1, 1,
               [](Context& ctx) { return CloseOrReopen(ctx, EntryKind::kClosed); }});
  c.push_back({"crisis reopen", "ID", "reopen a closed crisis", {{"text", "TEXT", "why"}, event, key}, 1, 1,
               [](Context& ctx) { return CloseOrReopen(ctx, EntryKind::kReopened); }});
  std::vector<FlagSpec> entry_flags = filters;
  entry_flags.push_back({"after", "SEQ", "entries after this one"});
  entry_flags.push_back({"limit", "N", "at most N (default 100)"});
  c.push_back({"crisis entries", "ID", "read the log by sequence, with filters", entry_flags, 1, 1, Entries});
  c.push_back({"crisis search", "ID QUERY", "full-text search (words, \"phrases\", AND, OR, NOT, prefix*)",
               {{"after", "SEQ", "hits after this entry (the next page)"},
                {"limit", "N", "at most N (default 50)"}},
               2, 2, Search});
  c.push_back({"crisis handover", "ID", "the handover report: latest situation, GRIP changes, "
               "decisions and assessments since, open actions, actions finished since",
               {{"since", "TIME", "since when (default 12 hours ago)"}}, 1, 1, Handover});
  std::vector<FlagSpec> export_flags = filters;
  export_flags.push_back({"output", "FILE", "where to write ('-' for stdout)", false, 'o'});
  export_flags.push_back({"format", "F", "verifiable (default; self-contained, checkable), jsonl, markdown"});
  c.push_back({"crisis export", "ID", "export the log for the evaluation, honouring the filters",
               export_flags, 1, 1, Export});
  c.push_back({"crisis verify", "FILE", "check an export offline and name the first entry that fails",
               {{"key", "KEY|FILE", "the server's public key (paraat-server key)"}}, 1, 1, Verify, false});
  c.push_back({"crisis watch", "ID", "follow the log live (reconnects and resumes by itself)",
               {{"after", "SEQ", "start after this entry (default: the whole log)"},
                {"count", "N", "stop after N entries"}},
               1, 1, Watch});
}

}  // namespace paraat::cli
