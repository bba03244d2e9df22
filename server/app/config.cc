// SPDX-License-Identifier: EUPL-1.2
#include "server/app/config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/status_macros.h"

namespace paraat::app {

namespace {

const std::set<std::string>& KnownFlags() {
  static const auto* const kFlags = new std::set<std::string>{
      "data-dir", "listen", "config", "insecure", "session-hours", "max-message-bytes",
      "demo",     "output", "help",   "version",  "http-listen",   "tls-cert",
      "tls-key",  "tls-client-ca", "self-signed", "hostname", "log-level", "input", "username", "name", "municipality",
      "municipality-name", "region", "email", "phone", "feed-url", "keep-unverified"};
  return *kFlags;
}

const std::set<std::string>& Commands() {
  static const auto* const kCommands =
      new std::set<std::string>{"serve", "init", "key", "verify", "backup", "restore", "create-admin", "version", "help"};
  return *kCommands;
}

}  // namespace

bool IsSwitch(const std::string& name) {
  return name == "insecure" || name == "demo" || name == "help" || name == "version" ||
         name == "self-signed" || name == "keep-unverified";
}

absl::StatusOr<Invocation> ParseCommandLine(int argc, char** argv) {
  Invocation inv;
  inv.command = "serve";
  int i = 1;
  if (i < argc && !absl::StartsWith(argv[i], "-")) {
    inv.command = argv[i++];
    if (Commands().count(inv.command) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown command '", inv.command, "'; run paraat-server --help for the commands"));
    }
  }
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-o") arg = "--output";
    if (arg == "-i") arg = "--input";
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unexpected argument '", arg, "'", i + 1 < argc ? "" : " at the end",
          ": paraat-server ", inv.command, " takes flags only (a value belongs after its flag); "
          "run paraat-server --help"));
    }
    std::string name = arg.substr(2);
    std::string value;
    bool has_value = false;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (KnownFlags().count(name) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", name, "; run paraat-server --help for the flags"));
    }
    if (inv.flags.count(name) != 0) {
      // As in the config file: a setting given twice is a typing error, not "the last wins".
      return absl::InvalidArgumentError(absl::StrCat("flag --", name, " is given twice"));
    }
    if (IsSwitch(name)) {
      inv.flags[name] = has_value ? value : "true";
      continue;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
      value = argv[++i];
    }
    inv.flags[name] = value;
  }
  if (inv.flags.count("help")) inv.command = "help";
  if (inv.flags.count("version")) inv.command = "version";
  return inv;
}

absl::StatusOr<std::map<std::string, Setting>> ReadConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read config file ", path));
  }
  std::map<std::string, Setting> out;
  std::map<std::string, int> line_of;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    absl::string_view l = absl::StripAsciiWhitespace(line);
    if (l.empty() || l[0] == '#') continue;
    const size_t eq = l.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", n, ": expected 'name = value', got '", l, "'"));
    }
    std::string name(absl::StripAsciiWhitespace(l.substr(0, eq)));
    absl::string_view rest = l.substr(eq + 1);
    // A comment may follow a value after a space: "data-dir = /srv/paraat  # the SSD".
    for (size_t hash = rest.find('#'); hash != absl::string_view::npos;
         hash = rest.find('#', hash + 1)) {
      if (hash == 0 || rest[hash - 1] == ' ' || rest[hash - 1] == '\t') {
        rest = rest.substr(0, hash);
        break;
      }
    }
    std::string value(absl::StripAsciiWhitespace(rest));
    if (KnownFlags().count(name) == 0 || name == "config" || name == "help" ||
        name == "version") {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", n, ": unknown setting '", name, "'"));
    }
    if (auto it = line_of.find(name); it != line_of.end()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", n, ": '", name,
                                                     "' is already set on line ", it->second));
    }
    line_of[name] = n;
    out[name] = Setting{value, absl::StrCat(path, ":", n, ": ", name)};
  }
  return out;
}

absl::StatusOr<bool> SwitchValue(const Setting& s) {
  const std::string l = absl::AsciiStrToLower(s.value);
  if (l == "true" || l == "1" || l == "yes" || l == "on") return true;
  if (l == "false" || l == "0" || l == "no" || l == "off") return false;
  return absl::InvalidArgumentError(absl::StrCat(s.where, " '", s.value, "' must be yes or no"));
}

absl::StatusOr<bool> SwitchOn(const Invocation& inv, const std::string& name) {
  auto it = inv.flags.find(name);
  if (it == inv.flags.end()) return false;
  return SwitchValue(Setting{it->second, "--" + name});
}

namespace {

// The options `settings` give, over the defaults; errors name where a value was written.
absl::StatusOr<ServerOptions> OptionsOf(const std::map<std::string, Setting>& settings) {
  ServerOptions o;
  auto get = [&](const std::string& k) -> const Setting* {
    auto it = settings.find(k);
    return it == settings.end() ? nullptr : &it->second;
  };
  if (const Setting* v = get("data-dir")) o.data_dir = v->value;
  // HOST:PORT, port 0 to 65535.
  auto host_port = [](const Setting& v, absl::string_view example) -> absl::Status {
    const size_t colon = v.value.rfind(':');
    int port = -1;
    if (colon == std::string::npos || colon == 0 ||
        !absl::SimpleAtoi(absl::string_view(v.value).substr(colon + 1), &port) || port < 0 ||
        port > 65535) {
      return absl::InvalidArgumentError(
          absl::StrCat(v.where, " '", v.value, "' is not HOST:PORT (e.g. ", example, ")"));
    }
    return absl::OkStatus();
  };
  if (const Setting* v = get("listen")) {
    PARAAT_RETURN_IF_ERROR(host_port(*v, "127.0.0.1:50051"));
    o.listen = v->value;
  }
  if (const Setting* v = get("insecure")) {
    PARAAT_ASSIGN_OR_RETURN(o.insecure, SwitchValue(*v));
  }
  if (const Setting* v = get("session-hours")) {
    int hours = 0;
    if (!absl::SimpleAtoi(v->value, &hours) || hours < 1 || hours > 24 * 31) {
      return absl::InvalidArgumentError(absl::StrCat(
          v->where, " '", v->value, "' must be a number of hours from 1 to 744"));
    }
    o.session_ttl = absl::Hours(hours);
  }
  if (const Setting* v = get("max-message-bytes")) {
    int bytes = 0;
    if (!absl::SimpleAtoi(v->value, &bytes) || bytes < 65536 || bytes > 64 * 1024 * 1024) {
      return absl::InvalidArgumentError(absl::StrCat(
          v->where, " '", v->value, "' must be from 65536 to 67108864"));
    }
    o.max_message_bytes = bytes;
  }
  if (const Setting* v = get("http-listen")) {
    PARAAT_RETURN_IF_ERROR(host_port(*v, "127.0.0.1:8080"));
    o.http_listen = v->value;
  }
  if (const Setting* v = get("tls-cert")) o.tls_cert = v->value;
  if (const Setting* v = get("tls-key")) o.tls_key = v->value;
  if (const Setting* v = get("tls-client-ca")) o.tls_client_ca = v->value;
  if (const Setting* v = get("log-level")) {
    const std::string l = absl::AsciiStrToLower(v->value);
    if (l == "debug") {
      o.log_level = log::Level::kDebug;
    } else if (l == "info") {
      o.log_level = log::Level::kInfo;
    } else if (l == "warn" || l == "warning") {
      o.log_level = log::Level::kWarning;
    } else if (l == "error") {
      o.log_level = log::Level::kError;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(v->where, " '", v->value, "' must be debug, info, warn or error"));
    }
  }
  if (const Setting* v = get("feed-url")) {
    if (!absl::StartsWith(v->value, "https://") && !absl::StartsWith(v->value, "http://")) {
      return absl::InvalidArgumentError(absl::StrCat(
          v->where, " '", v->value, "' must be an http(s) URL, e.g. https://paraat.example.nl"));
    }
    // Links are made by appending /ical/<secret>.ics: a query or fragment would swallow it.
    if (v->value.find_first_of("?#") != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          v->where, " '", v->value, "' must not have a query or fragment (? or #): feed links "
          "are this URL followed by /ical/..."));
    }
    o.feed_url = v->value;
  }
  return o;
}

}  // namespace

absl::Status TakeDataDirFromConfig(Invocation& inv) {
  auto config = inv.flags.find("config");
  if (config == inv.flags.end() || inv.flags.count("data-dir") != 0) return absl::OkStatus();
  PARAAT_ASSIGN_OR_RETURN(const auto settings, ReadConfigFile(config->second));
  if (auto dir = settings.find("data-dir"); dir != settings.end() && !dir->second.value.empty()) {
    inv.flags["data-dir"] = dir->second.value;
  }
  return absl::OkStatus();
}

absl::StatusOr<ServerOptions> ServerOptionsFrom(const Invocation& inv) {
  std::map<std::string, Setting> settings;
  if (auto it = inv.flags.find("config"); it != inv.flags.end()) {
    PARAAT_ASSIGN_OR_RETURN(settings, ReadConfigFile(it->second));
    // Every line of the file is checked, also one a flag overrides: it is wrong all the same.
    PARAAT_RETURN_IF_ERROR(OptionsOf(settings).status());
  }
  for (const auto& [k, v] : inv.flags) settings[k] = Setting{v, "--" + k};
  PARAAT_ASSIGN_OR_RETURN(ServerOptions o, OptionsOf(settings));
  if (o.data_dir.empty()) {
    return absl::InvalidArgumentError("--data-dir is required (the directory with paraat.db)");
  }
  return o;
}

std::string HelpText() {
  return R"(paraat-server: the Paraat crisis coordination and on-call server

Usage:
  paraat-server init  --data-dir DIR [--demo]
      Create the data directory and its database. With --demo, seed the Tweestromenland
      demo and write one account per role to DIR/demo-accounts.txt (mode 0600).
  paraat-server init --data-dir DIR --self-signed [--hostname NAME]
      Make a key and a self-signed certificate in DIR/tls for a first install and print
      its SHA-256 fingerprint (clients pin it).
  paraat-server [serve] --data-dir DIR [--listen HOST:PORT] [flags]
      Serve gRPC on HOST:PORT (default 127.0.0.1:50051).
  paraat-server create-admin --data-dir DIR --username USER --name "FULL NAME"
                --municipality KEY [--municipality-name NAME --region KEY]
      Create a regional administrator (the first one of a new installation) and print the
      initial password once. A new municipality needs --municipality-name (an unknown key
      alone is refused as a typing error); an existing person is made administrator only
      when --name and --municipality match the directory; an existing account is refused.
  paraat-server key --data-dir DIR
      Print the public key that signs the crisis logs' checkpoints (for verifiers).
  paraat-server verify --data-dir DIR
      Recompute every crisis log from its stored entries, check it against the signed
      checkpoints, and check the audit trail's hash chain. Exit 1 on any failure, naming it.
  paraat-server backup --data-dir DIR -o FILE
      Copy the database (with SQLite's online backup API, safe while serving) and the
      checkpoint key into FILE. Keep backups as safe as the data directory.
  paraat-server restore --input FILE --data-dir DIR [--keep-unverified]
      Restore a backup into an empty data directory and verify every crisis log and the
      audit chain before you start the server on it. A restore that does not verify is
      undone, unless --keep-unverified (when that backup is all there is: the report names
      what is not as it was logged).
  paraat-server --version | --help

Flags (each may also be set in the file given by --config as 'name = value'; init,
verify, key, backup, restore and create-admin take --data-dir from it too):
  --data-dir DIR            data directory (paraat.db, lock, keys)
  --listen HOST:PORT        gRPC address; port 0 picks a free port (default 127.0.0.1:50051)
  --config FILE             configuration file
  --insecure                allow plaintext on a non-loopback address (warns at every start)
  --tls-cert FILE           TLS certificate chain (PEM); with --tls-key, serve TLS on any address
  --tls-key FILE            TLS private key (PEM)
  --tls-client-ca FILE      require client certificates signed by this CA (mutual TLS)
  --session-hours N         session token lifetime in hours (default 12); holds for
                            sessions given out before too
  --max-message-bytes N     largest request or response (default 4194304)
  --http-listen HOST:PORT   serve the HTTP side door (iCalendar feeds under /ical/) there;
                            loopback only unless --insecure; off when not given
  --log-level LEVEL         debug, info (default), warn or error: the least severe lines
                            written to standard error
  --feed-url URL            where a reverse proxy publishes the side door, for the links
                            'paraat roster feed-link' prints (default http://HOST:PORT)

Stop the server with Ctrl-C or SIGTERM: health turns NOT_SERVING, calls in flight get five
seconds to finish, and the database is closed cleanly.
)";
}

}  // namespace paraat::app
