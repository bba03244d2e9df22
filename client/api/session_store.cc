// SPDX-License-Identifier: EUPL-1.2
#include "client/api/session_store.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/api/tls.h"
#include "common/json/json.h"
#include "common/status/status_macros.h"

namespace paraat::client {

namespace {

std::string SessionPath() { return ConfigDir() + "/session.json"; }
std::string ConfigPath() { return ConfigDir() + "/config"; }

absl::Status EnsureDir(const std::string& dir) {
  // Create each missing component with 0700.
  std::string partial;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i == dir.size() || (dir[i] == '/' && i > 0)) {
      partial = dir.substr(0, i);
      struct stat st;
      if (::stat(partial.c_str(), &st) != 0 && ::mkdir(partial.c_str(), 0700) != 0 &&
          errno != EEXIST) {
        return absl::FailedPreconditionError(
            absl::StrCat("cannot create ", partial, ": ", std::strerror(errno)));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status WritePrivate(const std::string& path, const std::string& content) {
  PARAAT_RETURN_IF_ERROR(EnsureDir(ConfigDir()));
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", tmp, ": ", std::strerror(errno)));
  }
  bool ok = ::fchmod(fd, 0600) == 0;
  size_t off = 0;
  while (ok && off < content.size()) {
    const ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n <= 0) ok = false; else off += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string ConfigDir() {
  if (const char* d = std::getenv("PARAAT_CONFIG_DIR"); d != nullptr && *d != '\0') return d;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x != nullptr && *x != '\0') {
    return absl::StrCat(x, "/paraat");
  }
  const char* home = std::getenv("HOME");
  return absl::StrCat(home != nullptr ? home : ".", "/.config/paraat");
}

absl::StatusOr<std::optional<StoredSession>> LoadSession() {
  std::optional<std::string> text = ReadFile(SessionPath());
  if (!text.has_value()) return std::optional<StoredSession>();
  absl::StatusOr<json::Value> v = json::Parse(*text);
  auto str = [&](const char* k) -> std::string {
    const json::Value* f = v.ok() ? v->Find(k) : nullptr;
    return f != nullptr && f->is_string() ? f->as_string() : std::string();
  };
  // After a logout the file names the server only.
  if (v.ok() && str("token").empty() && !str("server").empty()) {
    return std::optional<StoredSession>();
  }
  if (!v.ok() || str("token").empty()) {
    return absl::DataLossError(absl::StrCat("the session file ", SessionPath(),
                                            " is damaged; log in again (paraat login)"));
  }
  StoredSession s;
  s.server = str("server");
  s.username = str("username");
  s.token = str("token");
  if (const json::Value* e = v->Find("expires_unix"); e != nullptr && e->is_number()) {
    s.expires = absl::FromUnixSeconds(e->as_int());
  }
  return std::optional<StoredSession>(s);
}

absl::Status SaveSession(const StoredSession& s) {
  json::Value v;
  v.Set("server", s.server);
  v.Set("username", s.username);
  v.Set("token", s.token);
  v.Set("expires_unix", absl::ToUnixSeconds(s.expires));
  return WritePrivate(SessionPath(), v.SerializePretty() + "\n");
}

absl::Status ClearSession() {
  const std::string server = LastServer();
  if (!server.empty()) {
    json::Value v;
    v.Set("server", server);
    return WritePrivate(SessionPath(), v.SerializePretty() + "\n");
  }
  if (::unlink(SessionPath().c_str()) != 0 && errno != ENOENT) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot remove ", SessionPath(), ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

std::string LastServer() {
  std::optional<std::string> text = ReadFile(SessionPath());
  if (!text.has_value()) return "";
  absl::StatusOr<json::Value> v = json::Parse(*text);
  const json::Value* f = v.ok() ? v->Find("server") : nullptr;
  return f != nullptr && f->is_string() ? f->as_string() : std::string();
}

absl::StatusOr<std::map<std::string, std::string>> LoadClientConfig() {
  std::map<std::string, std::string> out;
  std::optional<std::string> text = ReadFile(ConfigPath());
  if (!text.has_value()) return out;
  std::istringstream in(*text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    absl::string_view l = absl::StripAsciiWhitespace(line);
    if (l.empty() || l[0] == '#') continue;
    const size_t eq = l.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(ConfigPath(), ":", n, ": expected 'name = value'"));
    }
    out[std::string(absl::StripAsciiWhitespace(l.substr(0, eq)))] =
        std::string(absl::StripAsciiWhitespace(l.substr(eq + 1)));
  }
  return out;
}

absl::Status SaveClientSetting(const std::string& name, const std::string& value) {
  PARAAT_ASSIGN_OR_RETURN(auto config, LoadClientConfig());
  config[name] = value;
  std::string text = "# Paraat client settings (paraat and paraat-desk)\n";
  for (const auto& [k, v] : config) absl::StrAppend(&text, k, " = ", v, "\n");
  return WritePrivate(ConfigPath(), text);
}

namespace {

// The address chosen and where it came from.
std::pair<std::string, std::string> ChosenServer(const std::string& flag) {
  if (!flag.empty()) return {flag, "--server"};
  if (const char* e = std::getenv("PARAAT_SERVER"); e != nullptr && *e != '\0') {
    return {e, "PARAAT_SERVER"};
  }
  absl::StatusOr<std::map<std::string, std::string>> config = LoadClientConfig();
  if (config.ok()) {
    if (auto it = config->find("server"); it != config->end() && !it->second.empty()) {
      return {it->second, absl::StrCat("server in ", ConfigPath(), ":")};
    }
  }
  // The server last logged in to (paraat login --server X), also after a logout or once its
  // session has expired: logging in again goes back there.
  if (std::string last = LastServer(); !last.empty()) {
    return {last, absl::StrCat("the server last logged in to (", SessionPath(), ")")};
  }
  return {"127.0.0.1:50051", "the default server"};
}

}  // namespace

absl::StatusOr<std::string> ResolveServerAddress(const std::string& flag) {
  const auto [address, source] = ChosenServer(flag);
  return NormaliseServerAddress(address, source);
}

std::string ResolveServer(const std::string& flag) {
  absl::StatusOr<std::string> address = ResolveServerAddress(flag);
  return address.ok() ? *address : ChosenServer(flag).first;
}

}  // namespace paraat::client
