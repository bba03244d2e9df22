// SPDX-License-Identifier: EUPL-1.2
#include "client/cli/cli.h"

#include "client/cli/text.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/api/session_store.h"
#include "client/api/tls.h"

namespace paraat::cli {

namespace {

constexpr const char* kVersion = "0.1.0";

const std::vector<FlagSpec>& GlobalFlags() {
  static const auto* const kFlags = new std::vector<FlagSpec>{
      {"server", "HOST:PORT", "server to use (else $PARAAT_SERVER, the config file, the server last logged in to, 127.0.0.1:50051); tls://HOST:PORT for TLS; the port is 50051 when left out"},
      {"ca", "FILE", "trust the server certificate signed by this CA (TLS); a login that succeeds with it keeps it for the server"},
      {"pin", "SHA256:...", "trust exactly this server certificate (TLS); a login that succeeds with it keeps it for the server"},
      {"client-cert", "FILE", "client certificate for a server that requires one (mutual TLS)"},
      {"client-key", "FILE", "the private key of --client-cert"},
      {"json", "", "print JSON for scripts"},
      {"help", "", "show help"},
  };
  return *kFlags;
}

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // count code points, not continuation bytes
  }
  return n;
}

std::vector<CommandSpec> AllCommands() {
  std::vector<CommandSpec> c;
  AddAuthCommands(c);
  AddDirectoryCommands(c);
  AddRosterCommands(c);
  AddCrisisCommands(c);
  AddCapacityCommands(c);
  AddFeedCommands(c);
  return c;
}

// One line per command whose path starts with `prefix` (all when it is empty).
void PrintCommands(std::ostream& out, const std::vector<CommandSpec>& commands,
                   const std::string& prefix) {
  size_t w = 0;
  for (const auto& c : commands) w = std::max(w, c.path.size() + 1 + c.args.size());
  for (const auto& c : commands) {
    if (!absl::StartsWith(c.path, prefix)) continue;
    std::string head = c.args.empty() ? c.path : c.path + " " + c.args;
    out << "  " << head << std::string(w - head.size() + 2, ' ') << c.summary << "\n";
  }
}

void PrintUsage(std::ostream& out, const std::vector<CommandSpec>& commands) {
  out << "paraat: the Paraat command line (on-call duty, crisis logs, capacity)\n\n"
         "Usage: paraat [GLOBAL FLAGS] COMMAND [ARGS] [FLAGS]\n\nCommands:\n";
  PrintCommands(out, commands, "");
  out << "\nGlobal flags:\n";
  for (const auto& f : GlobalFlags()) {
    out << "  --" << f.name << (f.value.empty() ? "" : " " + f.value) << "  " << f.help << "\n";
  }
  out << "\nRun 'paraat COMMAND --help' for a command's flags.\n";
}

void PrintCommandHelp(std::ostream& out, const CommandSpec& c) {
  out << "Usage: paraat " << c.path << (c.args.empty() ? "" : " " + c.args) << " [FLAGS]\n\n"
      << c.summary << "\n";
  if (!c.flags.empty()) out << "\nFlags:\n";
  for (const auto& f : c.flags) {
    out << "  " << (f.short_name ? std::string("-") + f.short_name + ", " : "") << "--" << f.name
        << (f.value.empty() ? "" : " " + f.value) << "  " << f.help
        << (f.repeated ? " (repeatable)" : "") << "\n";
  }
  out << "\nGlobal flags: --server HOST:PORT, --ca FILE, --pin SHA256:..., --client-cert FILE, "
         "--client-key FILE, --json, --help\n";
}

}  // namespace

std::optional<std::string> Context::Get(const std::string& flag) const {
  auto it = flags_.find(flag);
  if (it == flags_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Context::GetOr(const std::string& flag, const std::string& fallback) const {
  return Get(flag).value_or(fallback);
}

std::vector<std::string> Context::GetList(const std::string& flag) const {
  std::vector<std::string> out;
  auto it = flags_.find(flag);
  if (it == flags_.end()) return out;
  for (const std::string& v : it->second) {
    for (absl::string_view part : absl::StrSplit(v, ',', absl::SkipWhitespace())) {
      out.emplace_back(absl::StripAsciiWhitespace(part));
    }
  }
  return out;
}

absl::StatusOr<std::string> Context::Require(const std::string& flag) const {
  std::optional<std::string> v = Get(flag);
  if (!v.has_value()) return absl::InvalidArgumentError(absl::StrCat("--", flag, " is required"));
  return *v;
}

absl::StatusOr<std::optional<int>> Context::GetInt(const std::string& flag) const {
  std::optional<std::string> v = Get(flag);
  if (!v.has_value()) return std::optional<int>();
  int i = 0;
  if (!absl::SimpleAtoi(*v, &i)) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " '", *v, "' is not a whole number"));
  }
  return std::optional<int>(i);
}

absl::StatusOr<std::optional<int>> Context::GetCount(const std::string& flag) const {
  absl::StatusOr<std::optional<int>> n = GetInt(flag);
  if (n.ok() && n->has_value() && **n < 1) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " must be 1 or more, not ", **n));
  }
  return n;
}

absl::StatusOr<std::optional<bool>> Context::GetBool(const std::string& flag) const {
  std::optional<std::string> v = Get(flag);
  if (!v.has_value()) return std::optional<bool>();
  const std::string l = absl::AsciiStrToLower(*v);
  if (l == "true" || l == "yes" || l == "1" || l == "on" || l == "ja") return std::optional<bool>(true);
  if (l == "false" || l == "no" || l == "0" || l == "off" || l == "nee") {
    return std::optional<bool>(false);
  }
  return absl::InvalidArgumentError(absl::StrCat("--", flag, " '", *v, "' is not yes or no"));
}

absl::StatusOr<client::TlsSettings> Context::Tls() const {
  return client::ResolveTls(server_, GetOr("ca", ""), GetOr("pin", ""), GetOr("client-cert", ""),
                            GetOr("client-key", ""));
}

client::Client& Context::client() {
  if (client_ == nullptr) {
    client::ClientOptions o;
    o.server = server_;
    absl::StatusOr<client::TlsSettings> tls = Tls();
    if (tls.ok()) o.tls = *tls;
    absl::StatusOr<std::optional<client::StoredSession>> s = client::LoadSession();
    if (s.ok() && s->has_value() && (*s)->server == server_) o.token = (*s)->token;
    client_ = std::make_unique<client::Client>(o);
  }
  return *client_;
}

void Context::PrintJson(const json::Value& v) { out_ << v.SerializePretty() << "\n"; }

void Table::Add(std::vector<std::string> row) {
  for (std::string& cell : row) cell = PrintableLine(cell);
  rows_.push_back(std::move(row));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> w(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) w[i] = DisplayWidth(headers_[i]);
  for (const auto& r : rows_) {
    for (size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], DisplayWidth(r[i]));
  }
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (size_t i = 0; i < w.size(); ++i) {
      const std::string cell = i < r.size() ? r[i] : "";
      s += cell;
      if (i + 1 < w.size()) s += std::string(w[i] - DisplayWidth(cell) + 2, ' ');
    }
    out << std::string(absl::StripTrailingAsciiWhitespace(s)) << "\n";
  };
  line(headers_);
  for (const auto& r : rows_) line(r);
}

absl::StatusOr<std::string> ReadPassword(Context& ctx, const std::string& prompt) {
  std::string pw;
  if (ctx.Has("password-stdin")) {
    std::getline(ctx.in(), pw);
    if (!pw.empty() && pw.back() == '\r') pw.pop_back();
    return pw;
  }
  if (!::isatty(STDIN_FILENO)) {
    return absl::InvalidArgumentError(
        "no terminal to ask for the password; use --password-stdin and pipe it in");
  }
  ctx.err() << prompt << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::getline(std::cin, pw);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  ctx.err() << "\n";
  return pw;
}

std::string YesNo(bool b) { return b ? "yes" : "no"; }

int Run(int argc, char** argv, std::ostream& out, std::ostream& err, std::istream& in) {
  const std::vector<CommandSpec> commands = AllCommands();
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) words.emplace_back(argv[i]);
  // "paraat help capacity propose" is "paraat capacity propose --help".
  if (words.size() > 1 && words[0] == "help") {
    words.erase(words.begin());
    words.push_back("--help");
  }
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    PrintUsage(out, commands);
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    out << "paraat " << kVersion << "\n";
    return 0;
  }
  // Global flags may come before the command too: they move behind it.
  std::vector<std::string> leading;
  while (!words.empty() && absl::StartsWith(words[0], "--") && words[0] != "--help") {
    const std::string name = words[0].substr(2, words[0].find('=') - 2);
    const FlagSpec* spec = nullptr;
    for (const auto& f : GlobalFlags()) {
      if (f.name == name) spec = &f;
    }
    if (spec == nullptr) {
      err << "paraat: --" << name << " is not a global flag; put a command's flags after the "
          << "command (run 'paraat --help')\n";
      return 2;
    }
    leading.push_back(words[0]);
    words.erase(words.begin());
    if (!spec->value.empty() && leading.back().find('=') == std::string::npos) {
      if (words.empty()) {
        err << "paraat: --" << name << " needs a value (" << spec->value << ")\n";
        return 2;
      }
      leading.push_back(words[0]);
      words.erase(words.begin());
    }
  }
  if (words.empty() || words[0] == "--help") {
    PrintUsage(out, commands);
    return words.empty() ? 2 : 0;
  }
  words.insert(words.end(), leading.begin(), leading.end());
  // The longest command path that matches the leading words.
  const CommandSpec* cmd = nullptr;
  size_t used = 0;
  for (const auto& c : commands) {
    std::vector<std::string> path = absl::StrSplit(c.path, ' ');
    if (path.size() > words.size() || path.size() <= used) continue;
    if (std::equal(path.begin(), path.end(), words.begin())) {
      cmd = &c;
      used = path.size();
    }
  }
  if (cmd == nullptr) {
    // A group of commands ("paraat crisis", "paraat capacity demand"): its commands.
    std::string group;
    size_t group_words = 0;
    for (size_t n = 1; n <= words.size() && !absl::StartsWith(words[n - 1], "-"); ++n) {
      const std::string prefix = absl::StrJoin(words.begin(), words.begin() + n, " ") + " ";
      for (const auto& c : commands) {
        if (absl::StartsWith(c.path, prefix)) {
          group = prefix;
          group_words = n;
        }
      }
    }
    if (!group.empty()) {
      const bool help = std::find(words.begin(), words.end(), "--help") != words.end();
      std::ostream& o = help ? out : err;
      // A word after the group that is none of its commands (a typo) is said as such.
      if (group_words < words.size() && !absl::StartsWith(words[group_words], "-")) {
        err << "paraat: unknown command '" << group << words[group_words] << "'\n";
      }
      o << "paraat " << absl::StripSuffix(group, " ") << ": one of\n";
      PrintCommands(o, commands, group);
      o << "Run 'paraat COMMAND --help' for a command's flags.\n";
      return help ? 0 : 2;
    }
    err << "paraat: unknown command '" << words[0]
        << (words.size() > 1 && !absl::StartsWith(words[1], "-") ? " " + words[1] : "")
        << "'; run 'paraat --help' for the commands\n";
    return 2;
  }
  Context ctx(out, err, in);
  std::string server_flag;
  for (size_t i = used; i < words.size(); ++i) {
    std::string w = words[i];
    if (w.size() == 2 && w[0] == '-' && w[1] != '-') {
      for (const auto& f : cmd->flags) {
        if (f.short_name == w[1]) w = "--" + f.name;
      }
    }
    if (!absl::StartsWith(w, "--")) {
      ctx.args_.push_back(w);
      continue;
    }
    std::string name = w.substr(2);
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& f : cmd->flags) {
      if (f.name == name) spec = &f;
    }
    for (const auto& f : GlobalFlags()) {
      if (f.name == name) spec = &f;
    }
    if (spec == nullptr) {
      err << "paraat " << cmd->path << ": unknown flag --" << name
          << "; run 'paraat " << cmd->path << " --help'\n";
      return 2;
    }
    if (spec->value.empty()) {
      ctx.flags_[name].push_back(value.value_or("true"));
      continue;
    }
    if (!value.has_value()) {
      if (i + 1 >= words.size()) {
        err << "paraat " << cmd->path << ": --" << name << " needs a value (" << spec->value << ")\n";
        return 2;
      }
      value = words[++i];
    }
    ctx.flags_[name].push_back(*value);
  }
  if (ctx.Has("help")) {
    PrintCommandHelp(out, *cmd);
    return 0;
  }
  if (static_cast<int>(ctx.args_.size()) < cmd->min_args ||
      static_cast<int>(ctx.args_.size()) > cmd->max_args) {
    err << "paraat " << cmd->path << ": expected " << (cmd->args.empty() ? "no arguments" : cmd->args)
        << "; run 'paraat " << cmd->path << " --help'\n";
    return 2;
  }
  ctx.json_ = ctx.Has("json");
  absl::StatusOr<std::string> server = client::ResolveServerAddress(ctx.GetOr("server", ""));
  if (!server.ok()) {
    err << "paraat: " << server.status().message() << "\n";
    return 2;
  }
  ctx.server_ = *server;
  // A CA, pin or client certificate that cannot be used is said before anything is sent.
  if (absl::StatusOr<client::TlsSettings> tls = ctx.Tls(); !tls.ok()) {
    err << "paraat: " << tls.status().message() << "\n";
    return absl::IsInvalidArgument(tls.status()) ? 2 : 1;
  }
  if (cmd->needs_session) {
    absl::StatusOr<std::optional<client::StoredSession>> s = client::LoadSession();
    if (!s.ok()) {
      err << "paraat: " << s.status().message() << "\n";
      return 1;
    }
    if (!s->has_value() || (*s)->server != ctx.server_) {
      err << "paraat: not logged in to " << ctx.server_ << "; run 'paraat login' first\n";
      return 1;
    }
  }
  absl::Status status = cmd->run(ctx);
  if (!status.ok()) {
    err << "paraat: " << status.message() << "\n";
    // (A wrong current password for passwd leaves the session as it was.)
    if (absl::IsUnauthenticated(status) && cmd->path != "login" && cmd->path != "passwd") {
      err << "paraat: log in again with 'paraat login'\n";
    }
    return absl::IsInvalidArgument(status) && !ctx.client_ ? 2 : 1;
  }
  return 0;
}

}  // namespace paraat::cli
