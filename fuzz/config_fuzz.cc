// SPDX-License-Identifier: EUPL-1.2
// paraat-server's command line and configuration file (server/app/config.cc): the file is
// written by an administrator, the command line by scripts. The input is split at NUL
// bytes: the first part is the config file's text, the rest are argv[1..]. Checks: every
// refusal is INVALID_ARGUMENT with a message; accepted options are within their documented
// ranges.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "fuzz/support/check.h"
#include "server/app/config.h"

namespace {

using paraat::fuzz::Check;
using paraat::fuzz::CheckRefusal;

const std::string& ConfigPath() {
  static const std::string* const path = [] {
    const char* base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return new std::string(absl::StrCat(base, "/paraat-fuzz-config-", ::getpid(), ".conf"));
  }();
  return *path;
}

void CheckOptions(const paraat::app::ServerOptions& o) {
  Check(!o.data_dir.empty(), "options without a data directory");
  Check(o.session_ttl >= absl::Hours(1) && o.session_ttl <= absl::Hours(24 * 31),
        "session lifetime out of range");
  Check(o.max_message_bytes > 0, "max message bytes not positive");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts = absl::StrSplit(input, absl::ByChar('\0'));
  {
    std::ofstream f(ConfigPath(), std::ios::binary | std::ios::trunc);
    f << parts[0];
  }
  absl::StatusOr<std::map<std::string, paraat::app::Setting>> file = paraat::app::ReadConfigFile(ConfigPath());
  if (!file.ok()) CheckRefusal(file.status(), {absl::StatusCode::kInvalidArgument}, "ReadConfigFile");

  std::vector<std::string> args = {"paraat-server"};
  args.insert(args.end(), parts.begin() + 1, parts.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  absl::StatusOr<paraat::app::Invocation> inv =
      paraat::app::ParseCommandLine(static_cast<int>(args.size()), argv.data());
  if (!inv.ok()) {
    CheckRefusal(inv.status(), {absl::StatusCode::kInvalidArgument}, "ParseCommandLine");
    return 0;
  }
  inv->flags["config"] = ConfigPath();
  absl::StatusOr<paraat::app::ServerOptions> o = paraat::app::ServerOptionsFrom(*inv);
  if (!o.ok()) {
    CheckRefusal(o.status(), {absl::StatusCode::kInvalidArgument}, "ServerOptionsFrom");
    return 0;
  }
  CheckOptions(*o);
  return 0;
}
