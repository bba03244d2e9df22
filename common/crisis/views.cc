// SPDX-License-Identifier: EUPL-1.2
#include "common/crisis/views.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/time/civil.h"

namespace paraat::crisis {

std::map<int64_t, std::vector<int64_t>> Corrections(const std::vector<Entry>& entries) {
  std::map<int64_t, std::vector<int64_t>> out;
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::kCorrection) out[e.corrects].push_back(e.seq);
  }
  return out;
}

std::vector<ActionState> FoldActions(const std::vector<Entry>& entries) {
  std::map<std::pair<int64_t, int64_t>, ActionState> by_key;
  std::vector<std::pair<int64_t, int64_t>> order;
  // A correction of an action -> that action (so a correction of the correction finds it).
  std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> corrected_action;
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::kAction) {
      ActionState a;
      a.crisis_id = e.crisis_id;
      a.seq = e.seq;
      a.text = e.text;
      a.owner = e.action_owner;
      a.deadline = e.action_deadline;
      a.last_change = e.seq;
      a.created = e.entered;
      by_key[{e.crisis_id, e.seq}] = a;
      order.push_back({e.crisis_id, e.seq});
    } else if (e.kind == EntryKind::kCorrection) {
      auto to = corrected_action.find({e.crisis_id, e.corrects});
      const std::pair<int64_t, int64_t> action =
          to != corrected_action.end() ? to->second : std::make_pair(e.crisis_id, e.corrects);
      auto it = by_key.find(action);
      if (it == by_key.end()) continue;
      it->second.text = e.text;
      it->second.text_corrected_by = e.seq;
      corrected_action[{e.crisis_id, e.seq}] = action;
    } else if (e.kind == EntryKind::kActionUpdate) {
      auto it = by_key.find({e.crisis_id, e.action_ref});
      if (it == by_key.end()) continue;
      ActionState& a = it->second;
      if (!e.action_owner.empty()) a.owner = e.action_owner;
      if (e.action_deadline.has_value()) a.deadline = e.action_deadline;
      if (!e.action_status.empty()) {
        absl::StatusOr<ActionStatus> s = ParseActionStatus(e.action_status, "status");
        if (s.ok()) {
          const bool was_finished = a.finished();
          a.status = *s;
          if (!a.finished()) {
            a.finished_at.reset();
          } else if (!was_finished) {
            a.finished_at = e.entered;
          }
        }
      }
      a.last_change = e.seq;
    }
  }
  std::vector<ActionState> out;
  for (const auto& k : order) out.push_back(by_key[k]);
  return out;
}

void SortForAttention(std::vector<ActionState>& actions, absl::Time now) {
  std::stable_sort(actions.begin(), actions.end(), [&](const ActionState& a, const ActionState& b) {
    if (a.finished() != b.finished()) return !a.finished();
    if (a.overdue(now) != b.overdue(now)) return a.overdue(now);
    if (a.deadline.has_value() != b.deadline.has_value()) return a.deadline.has_value();
    if (a.deadline.has_value() && *a.deadline != *b.deadline) return *a.deadline < *b.deadline;
    if (a.crisis_id != b.crisis_id) return a.crisis_id < b.crisis_id;
    return a.seq < b.seq;
  });
}

std::set<int64_t> WithTheirCorrections(const std::map<int64_t, std::vector<int64_t>>& corrections,
                                       std::set<int64_t> seqs) {
  std::vector<int64_t> todo(seqs.begin(), seqs.end());
  while (!todo.empty()) {
    const int64_t seq = todo.back();
    todo.pop_back();
    auto it = corrections.find(seq);
    if (it == corrections.end()) continue;
    for (int64_t by : it->second) {
      if (seqs.insert(by).second) todo.push_back(by);
    }
  }
  return seqs;
}

bool HappenedAfter(const Entry& a, const Entry& b) {
  if (a.event_time != b.event_time) return a.event_time > b.event_time;
  return a.seq > b.seq;
}

std::string GripInForce(const std::vector<Entry>& entries) {
  const Entry* last = nullptr;
  for (const Entry& e : entries) {
    if (e.kind != EntryKind::kGripChange && e.kind != EntryKind::kOpened) continue;
    if (last == nullptr || HappenedAfter(e, *last)) last = &e;
  }
  return last == nullptr ? std::string() : last->grip;
}

Crisis StateOfLog(Crisis c, const std::vector<Entry>& entries) {
  c.entries = static_cast<int64_t>(entries.size());
  if (const std::string grip = GripInForce(entries); !grip.empty()) c.grip = grip;
  c.open = true;
  c.closed.reset();
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::kClosed) {
      c.open = false;
      c.closed = e.entered;
    } else if (e.kind == EntryKind::kReopened) {
      c.open = true;
      c.closed.reset();
    }
  }
  return c;
}

HandoverReport BuildHandover(const Crisis& c, const std::vector<Entry>& entries, absl::Time since,
                             absl::Time now) {
  HandoverReport r;
  r.since = since;
  r.grip = c.grip;
  r.corrections = Corrections(entries);
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::kSituation &&
        (!r.latest_situation.has_value() || HappenedAfter(e, *r.latest_situation))) {
      r.latest_situation = e;
    }
    if (e.kind == EntryKind::kHandover) r.latest_handover = e;  // entries come in log order
    if (e.entered < since) continue;
    if (e.kind == EntryKind::kMessage || e.kind == EntryKind::kClosed ||
        e.kind == EntryKind::kReopened) {
      r.other_since.push_back(e);
    }
    if (e.kind == EntryKind::kDecision) r.decisions.push_back(e);
    if (e.kind == EntryKind::kAssessment) r.assessments.push_back(e);
    if (e.kind == EntryKind::kGripChange) r.grip_changes.push_back(e);
  }
  // In the order they happened (a change logged afterwards takes its place), so the last one
  // listed is the level in force, as the header says.
  std::stable_sort(r.grip_changes.begin(), r.grip_changes.end(),
                   [](const Entry& a, const Entry& b) { return HappenedAfter(b, a); });
  for (const ActionState& a : FoldActions(entries)) {
    if (!a.finished()) {
      r.open_actions.push_back(a);
    } else if (a.finished_at.has_value() && *a.finished_at >= since) {
      r.finished_actions.push_back(a);
    }
  }
  SortForAttention(r.open_actions, now);
  std::stable_sort(r.finished_actions.begin(), r.finished_actions.end(),
                   [](const ActionState& a, const ActionState& b) {
                     return *a.finished_at < *b.finished_at;
                   });
  return r;
}

json::Value ToJson(const Entry& e) {
  json::Value v;
  v.Set("crisis", e.crisis_id);
  v.Set("seq", e.seq);
  v.Set("kind", std::string(KindName(e.kind)));
  v.Set("author", e.author);
  v.Set("author_name", e.author_name);
  v.Set("entered", time::FormatUtc(e.entered));
  v.Set("entered_us", absl::ToUnixMicros(e.entered));
  v.Set("event_time", time::FormatUtc(e.event_time));
  v.Set("event_us", absl::ToUnixMicros(e.event_time));
  v.Set("text", e.text);
  json::Value ms = json::Value::MakeArray();
  for (const auto& m : e.municipalities) ms.Append(m);
  v.Set("municipalities", ms);
  json::Value refs = json::Value::MakeArray();
  for (int64_t r : e.refs) refs.Append(r);
  v.Set("refs", refs);
  if (!e.title.empty()) v.Set("title", e.title);
  if (!e.type.empty()) v.Set("type", e.type);
  if (!e.grip.empty()) v.Set("grip", e.grip);
  if (!e.action_owner.empty()) v.Set("action_owner", e.action_owner);
  if (e.action_deadline.has_value()) {
    v.Set("action_deadline", time::FormatUtc(*e.action_deadline));
    v.Set("action_deadline_us", absl::ToUnixMicros(*e.action_deadline));
  }
  if (!e.action_status.empty()) v.Set("action_status", e.action_status);
  if (e.action_ref != 0) v.Set("action_ref", e.action_ref);
  if (e.corrects != 0) v.Set("corrects", e.corrects);
  return v;
}

json::Value ToJson(const Crisis& c) {
  json::Value v;
  v.Set("id", c.id);
  v.Set("title", c.title);
  v.Set("type", c.type);
  json::Value ms = json::Value::MakeArray();
  for (const auto& m : c.municipalities) ms.Append(m);
  v.Set("municipalities", ms);
  v.Set("grip", c.grip);
  v.Set("open", c.open);
  v.Set("opened", time::FormatUtc(c.opened));
  if (c.closed.has_value()) v.Set("closed", time::FormatUtc(*c.closed));
  v.Set("opened_by", c.opened_by);
  v.Set("entries", c.entries);
  return v;
}

json::Value ToJson(const ActionState& a, absl::Time now) {
  json::Value v;
  v.Set("crisis", a.crisis_id);
  v.Set("seq", a.seq);
  v.Set("text", a.text);
  v.Set("owner", a.owner);
  if (a.deadline.has_value()) v.Set("deadline", time::FormatUtc(*a.deadline));
  v.Set("status", std::string(ActionStatusName(a.status)));
  v.Set("overdue", a.overdue(now));
  v.Set("last_change", a.last_change);
  if (a.text_corrected_by != 0) v.Set("text_corrected_by", a.text_corrected_by);
  if (a.finished_at.has_value()) v.Set("finished", time::FormatUtc(*a.finished_at));
  return v;
}

std::string ToJsonLines(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries) absl::StrAppend(&out, ToJson(e).Serialize(), "\n");
  return out;
}

namespace {

std::string Md(absl::string_view s) {
  // Escape what Markdown would otherwise interpret at line starts and inline.
  return absl::StrReplaceAll(s, {{"\\", "\\\\"}, {"*", "\\*"}, {"_", "\\_"}, {"`", "\\`"},
                                 {"#", "\\#"}, {"~", "\\~"}, {"<", "&lt;"}, {"\n", "  \n"}});
}

}  // namespace

std::string RenderMarkdown(const Crisis& c, const std::vector<Entry>& entries,
                           const std::map<int64_t, std::vector<int64_t>>& corrections,
                           absl::TimeZone zone, absl::string_view filter_note) {
  auto when = [&](absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M", t, zone); };
  std::string out = absl::StrCat("# Crisis ", c.id, ": ", Md(c.title), "\n\n");
  absl::StrAppend(&out, "| | |\n|---|---|\n", "| Type | ", Md(c.type), " |\n",
                  "| Municipalities | ", absl::StrJoin(c.municipalities, ", "), " |\n",
                  "| Level | ", GripLabel(c.grip), " |\n", "| Status | ",
                  c.open ? "open" : "closed", " |\n", "| Opened | ", when(c.opened), " by ",
                  Md(c.opened_by), " |\n", "| Entries | ", c.entries, " |\n\n");
  if (!filter_note.empty()) {
    absl::StrAppend(&out, "_This report shows only entries matching: ", Md(filter_note),
                    "._\n\n");
  }
  absl::StrAppend(&out, "Times are ", zone.name(),
                  ". \"Happened\" is when it happened; \"logged\" is when it was entered.\n\n");
  for (const Entry& e : entries) {
    const auto corr = corrections.find(e.seq);
    const bool corrected = corr != corrections.end();
    absl::StrAppend(&out, "## ", e.seq, ". ", KindName(e.kind));
    if (e.kind == EntryKind::kGripChange || e.kind == EntryKind::kOpened) {
      absl::StrAppend(&out, " (", GripLabel(e.grip), ")");
    }
    absl::StrAppend(&out, "\n\nHappened ", when(e.event_time), ", logged ", when(e.entered),
                    " by ", Md(e.author_name), " (", Md(e.author), ")");
    if (!e.refs.empty()) absl::StrAppend(&out, "; refers to ", absl::StrJoin(e.refs, ", "));
    if (e.corrects != 0) absl::StrAppend(&out, "; corrects entry ", e.corrects);
    if (e.kind == EntryKind::kAction) {
      absl::StrAppend(&out, "; owner ", Md(e.action_owner),
                      e.action_deadline ? absl::StrCat(", deadline ", when(*e.action_deadline)) : "");
    }
    if (e.kind == EntryKind::kActionUpdate) {
      absl::StrAppend(&out, "; action ", e.action_ref,
                      e.action_status.empty() ? "" : absl::StrCat(" is now ", e.action_status),
                      e.action_owner.empty() ? "" : absl::StrCat(", owner ", Md(e.action_owner)),
                      e.action_deadline ? absl::StrCat(", deadline ", when(*e.action_deadline)) : "");
    }
    absl::StrAppend(&out, "\n\n");
    if (!e.title.empty()) absl::StrAppend(&out, "**", Md(e.title), "** (", Md(e.type), ")\n\n");
    if (!e.text.empty()) {
      absl::StrAppend(&out, corrected ? absl::StrCat("~~", Md(e.text), "~~") : Md(e.text), "\n\n");
    }
    if (corrected) {
      absl::StrAppend(&out, "_Corrected by entry ", absl::StrJoin(corr->second, ", "), "._\n\n");
    }
  }
  return out;
}

}  // namespace paraat::crisis
