// SPDX-License-Identifier: EUPL-1.2
// The paraat command line: commands, their flags and help, output as tables or JSON, and
// one rule for errors (the server's message on stderr, a non-zero exit).
#ifndef PARAAT_CLIENT_CLI_CLI_H_
#define PARAAT_CLIENT_CLI_CLI_H_

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/api/client.h"
#include "client/api/tls.h"
#include "common/json/json.h"

namespace paraat::cli {

struct FlagSpec {
  std::string name;      // without dashes
  std::string value;     // placeholder for help ("KEY"); empty: a switch
  std::string help;
  bool repeated = false;  // may be given more than once (or comma-separated)
  char short_name = 0;    // e.g. 'o' for -o
};

class Context;
using CommandFn = std::function<absl::Status(Context&)>;

struct CommandSpec {
  std::string path;       // "pools add-member"
  std::string args;       // positional usage, e.g. "POOL PERSON"
  std::string summary;    // one line
  std::vector<FlagSpec> flags;
  int min_args = 0;
  int max_args = 0;
  CommandFn run;
  bool needs_session = true;
};

// What a running command sees.
class Context {
 public:
  Context(std::ostream& out, std::ostream& err, std::istream& in) : out_(out), err_(err), in_(in) {}

  const std::vector<std::string>& args() const { return args_; }
  bool Has(const std::string& flag) const { return flags_.count(flag) > 0; }
  // The last value of a flag, or nullopt.
  std::optional<std::string> Get(const std::string& flag) const;
  std::string GetOr(const std::string& flag, const std::string& fallback) const;
  // Every value of a repeated flag, comma-separated values split.
  std::vector<std::string> GetList(const std::string& flag) const;
  // A flag that must be given: INVALID_ARGUMENT naming it otherwise.
  absl::StatusOr<std::string> Require(const std::string& flag) const;
  absl::StatusOr<std::optional<int>> GetInt(const std::string& flag) const;
  // A count (days, weeks, a page size): a whole number of 1 or more.
  absl::StatusOr<std::optional<int>> GetCount(const std::string& flag) const;
  absl::StatusOr<std::optional<bool>> GetBool(const std::string& flag) const;

  bool json() const { return json_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  std::istream& in() { return in_; }

  // The server chosen by --server / PARAAT_SERVER / config / default.
  const std::string& server() const { return server_; }
  // A client for the server with the stored session token (only if it was issued by the
  // same server).
  client::Client& client();
  // The TLS settings of the flags, environment and config (client::ResolveTls).
  absl::StatusOr<client::TlsSettings> Tls() const;

  // Prints a value as pretty JSON when --json was given.
  void PrintJson(const json::Value& v);

 private:
  friend int Run(int argc, char** argv, std::ostream& out, std::ostream& err, std::istream& in);
  std::ostream& out_;
  std::ostream& err_;
  std::istream& in_;
  std::vector<std::string> args_;
  std::map<std::string, std::vector<std::string>> flags_;
  bool json_ = false;
  std::string server_;
  std::unique_ptr<client::Client> client_;
};

// Registers a group of commands (each commands_*.cc file has one).
void AddAuthCommands(std::vector<CommandSpec>& commands);
void AddDirectoryCommands(std::vector<CommandSpec>& commands);
void AddRosterCommands(std::vector<CommandSpec>& commands);
void AddCrisisCommands(std::vector<CommandSpec>& commands);
void AddCapacityCommands(std::vector<CommandSpec>& commands);
void AddFeedCommands(std::vector<CommandSpec>& commands);

// Runs the command line; returns the exit code (0 ok, 1 the call failed, 2 usage error).
int Run(int argc, char** argv, std::ostream& out, std::ostream& err, std::istream& in);

// A plain text table with aligned columns (UTF-8 aware).
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  // Each cell as it may be printed (PrintableLine): whatever a cell holds - a name, an audit
  // record's actor - it cannot break the row or reach the terminal as a control sequence.
  void Add(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Reads a password: from stdin when --password-stdin, else a prompt without echo.
absl::StatusOr<std::string> ReadPassword(Context& ctx, const std::string& prompt);

std::string YesNo(bool b);

// One clash of the final schedule as `roster gaps` prints it (commands_roster.cc). An end at
// or after `horizon` (the end of the period looked at) is "at least" that: it may go on.
std::string ClashText(const client::ClashView& c, std::optional<absl::Time> horizon = std::nullopt);
// `end` as ClashText gives it.
std::string EndText(absl::Time end, std::optional<absl::Time> horizon);

}  // namespace paraat::cli

#endif  // PARAAT_CLIENT_CLI_CLI_H_
