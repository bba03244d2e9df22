// SPDX-License-Identifier: EUPL-1.2
// paraat-server's command line and configuration file. Every flag can also be set in the
// file (`name = value`, '#' comments); flags given on the command line win.
#ifndef PARAAT_SERVER_APP_CONFIG_H_
#define PARAAT_SERVER_APP_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/app/app.h"

namespace paraat::app {

struct Invocation {
  std::string command;  // "serve", "init", "version", "help", ...
  std::map<std::string, std::string> flags;  // name -> value ("true" for switches)
};

// Flags that take no value.
bool IsSwitch(const std::string& name);

// Parses argv. INVALID_ARGUMENT for an unknown flag or a missing value, naming it.
[[nodiscard]] absl::StatusOr<Invocation> ParseCommandLine(int argc, char** argv);

// A setting's value and where it was given: "--name" for a flag, "FILE:LINE: name" for a
// line of the config file. Errors about the value start with `where`.
struct Setting {
  std::string value;
  std::string where;
};

// Reads `name = value` lines. INVALID_ARGUMENT names the file, line and problem (also a
// setting given twice).
[[nodiscard]] absl::StatusOr<std::map<std::string, Setting>> ReadConfigFile(
    const std::string& path);

// A switch's value: yes/no, true/false, on/off, 1/0 (INVALID_ARGUMENT naming `where`).
[[nodiscard]] absl::StatusOr<bool> SwitchValue(const Setting& s);
// Whether the switch `name` is on in `inv` (absent: off; --name=no: off).
[[nodiscard]] absl::StatusOr<bool> SwitchOn(const Invocation& inv, const std::string& name);

// For the commands other than serving (init, verify, key, backup, restore, create-admin):
// takes the data directory of the --config file when --data-dir is not given, so an operator
// names the file the server runs with. INVALID_ARGUMENT as ReadConfigFile. (Serving reads the
// whole file: ServerOptionsFrom.)
[[nodiscard]] absl::Status TakeDataDirFromConfig(Invocation& inv);

// Builds the server options from flags (over the config file, over defaults).
[[nodiscard]] absl::StatusOr<ServerOptions> ServerOptionsFrom(const Invocation& inv);

// The text of --help.
std::string HelpText();

}  // namespace paraat::app

#endif  // PARAAT_SERVER_APP_CONFIG_H_
