// SPDX-License-Identifier: EUPL-1.2
// paraat-server's flags and config file: a wrong value is reported where the operator wrote
// it (the flag, or the file and line), flags win over the file, and nothing is guessed.

#include "server/app/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/support/test_server.h"

namespace paraat::app {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Message(const absl::StatusOr<ServerOptions>& o) { return std::string(o.status().message()); }

class ConfigTest : public ::testing::Test {
 protected:
  // Writes `text` as the config file and parses `paraat-server --config FILE args...`.
  absl::StatusOr<ServerOptions> Options(const std::string& text,
                                        std::vector<std::string> args = {}) {
    {
      std::ofstream f(path());
      f << text;
    }
    args.insert(args.begin(), {"paraat-server", "--config", path()});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    absl::StatusOr<Invocation> inv = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
    if (!inv.ok()) return inv.status();
    return ServerOptionsFrom(*inv);
  }
  std::string path() const { return dir_.File("paraat.conf"); }

  testing::TempDir dir_;
};

TEST_F(ConfigTest, AWrongValueInTheFileIsReportedWithItsFileAndLine) {
  absl::StatusOr<ServerOptions> o =
      Options("# Paraat\ndata-dir = /var/lib/paraat\nsession-hours = 0\n");
  EXPECT_EQ(o.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(o), StartsWith(path() + ":3: session-hours '0' must be"));

  o = Options("data-dir = /d\nfeed-url = https://x.nl/paraat?a=b\n");
  EXPECT_THAT(Message(o), StartsWith(path() + ":2: feed-url 'https://x.nl/paraat?a=b' must not "
                                     "have a query or fragment"));
  o = Options("data-dir = /d\nlisten = 127.0.0.1:99999\n");
  EXPECT_THAT(Message(o), StartsWith(path() + ":2: listen '127.0.0.1:99999' is not HOST:PORT"));
  o = Options("data-dir = /d\nhttp-listen = 8080\n");
  EXPECT_THAT(Message(o), StartsWith(path() + ":2: http-listen '8080' is not HOST:PORT"));
}

// `paraat-server verify --config /etc/paraat/paraat.conf` checks the data directory the server
// runs on; a --data-dir given wins.
TEST_F(ConfigTest, TheOtherCommandsTakeTheDataDirectoryOfTheConfigFile) {
  {
    std::ofstream f(path());
    f << "data-dir = /srv/paraat  # the SSD\nlisten = 0.0.0.0:50051\n";
  }
  Invocation inv{"verify", {{"config", path()}}};
  ASSERT_TRUE(TakeDataDirFromConfig(inv).ok());
  EXPECT_EQ(inv.flags["data-dir"], "/srv/paraat");
  Invocation given{"backup", {{"config", path()}, {"data-dir", "/elsewhere"}}};
  ASSERT_TRUE(TakeDataDirFromConfig(given).ok());
  EXPECT_EQ(given.flags["data-dir"], "/elsewhere");
  Invocation none{"key", {}};
  ASSERT_TRUE(TakeDataDirFromConfig(none).ok());
  EXPECT_EQ(none.flags.count("data-dir"), 0u);
  Invocation missing{"verify", {{"config", dir_.File("absent.conf")}}};
  const absl::Status s = TakeDataDirFromConfig(missing);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("cannot read config file")) << s;
}

TEST_F(ConfigTest, FlagsWinOverTheFileAndTheirErrorsNameTheFlag) {
  absl::StatusOr<ServerOptions> o =
      Options("data-dir = /d\nsession-hours = 8\nlisten = 127.0.0.1:6000\n",
              {"--session-hours", "24"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->session_ttl, absl::Hours(24));
  EXPECT_EQ(o->listen, "127.0.0.1:6000");
  EXPECT_EQ(o->data_dir, "/d");

  o = Options("data-dir = /d\nsession-hours = 8\n", {"--session-hours", "0"});
  EXPECT_THAT(Message(o), StartsWith("--session-hours '0' must be"));
  // A wrong line in the file is reported also when a flag overrides it.
  o = Options("data-dir = /d\nlog-level = luid\n", {"--log-level", "warn"});
  EXPECT_THAT(Message(o), StartsWith(path() + ":2: log-level 'luid' must be"));
}

TEST_F(ConfigTest, ASettingGivenTwiceInTheFileIsRefused) {
  absl::StatusOr<ServerOptions> o =
      Options("data-dir = /d\nlisten = 127.0.0.1:6000\n\nlisten = 0.0.0.0:6000\n");
  EXPECT_EQ(o.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(o), path() + ":4: 'listen' is already set on line 2");
}

// A comment may follow a value after a space; a '#' inside a value stays (a path may hold one).
// A flag given twice on the command line is refused like a setting given twice in the file.
TEST_F(ConfigTest, CommentsAfterValuesAndFlagsGivenTwice) {
  absl::StatusOr<ServerOptions> o =
      Options("data-dir = /srv/paraat  # on the SSD\nlisten = 127.0.0.1:6000\t# loopback\n");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->data_dir, "/srv/paraat");
  EXPECT_EQ(o->listen, "127.0.0.1:6000");
  o = Options("data-dir = /srv/paraat#2\n");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->data_dir, "/srv/paraat#2");
  o = Options("data-dir = /d\n", {"--listen", "127.0.0.1:1", "--listen", "127.0.0.1:2"});
  EXPECT_EQ(o.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(o), "flag --listen is given twice");
}

TEST_F(ConfigTest, SwitchesAndTheLogLevelTakeOnlyWhatTheySay) {
  absl::StatusOr<ServerOptions> o = Options("data-dir = /d\ninsecure = yes\nlog-level = warn\n");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_TRUE(o->insecure);
  EXPECT_EQ(o->log_level, log::Level::kWarning);

  o = Options("data-dir = /d\ninsecure = off\n");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_FALSE(o->insecure);

  // Not quietly "false": the operator meant something.
  o = Options("data-dir = /d\ninsecure = ja\n");
  EXPECT_THAT(Message(o), StartsWith(path() + ":2: insecure 'ja' must be yes or no"));
  o = Options("data-dir = /d\n", {"--log-level", "verbose"});
  EXPECT_THAT(Message(o), HasSubstr("--log-level 'verbose' must be debug, info, warn or error"));
}

TEST(SwitchTest, ASwitchIsOnOnlyWhenItSaysSo) {
  auto on = [](std::vector<std::string> args) {
    args.insert(args.begin(), "paraat-server");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    absl::StatusOr<Invocation> inv = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
    EXPECT_TRUE(inv.ok()) << inv.status();
    return inv.ok() ? SwitchOn(*inv, "demo") : absl::StatusOr<bool>(inv.status());
  };
  EXPECT_EQ(on({"init", "--demo"}).value_or(false), true);
  EXPECT_EQ(on({"init", "--demo=no"}).value_or(true), false);
  EXPECT_EQ(on({"init"}).value_or(true), false);
  EXPECT_EQ(std::string(on({"init", "--demo=maybe"}).status().message()),
            "--demo 'maybe' must be yes or no");
}

TEST_F(ConfigTest, UnknownSettingsAndMissingFilesAreNamed) {
  absl::StatusOr<ServerOptions> o = Options("data-dir = /d\nlisten-port = 6000\n");
  EXPECT_EQ(Message(o), path() + ":2: unknown setting 'listen-port'");

  std::string missing = dir_.File("nowhere.conf");
  std::vector<std::string> args = {"paraat-server", "--config", missing, "--data-dir", "/d"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  absl::StatusOr<Invocation> inv = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(Message(ServerOptionsFrom(*inv)), "cannot read config file " + missing);
}

// The file packaging installs in /etc/paraat is read as it stands.
TEST(PackagedConfigTest, TheShippedConfigFileParses) {
  const std::string shipped = PARAAT_SOURCE_DIR "/packaging/paraat-server.conf";
  absl::StatusOr<std::map<std::string, Setting>> file = ReadConfigFile(shipped);
  ASSERT_TRUE(file.ok()) << file.status();
  Invocation inv;
  inv.flags["config"] = shipped;
  absl::StatusOr<ServerOptions> o = ServerOptionsFrom(inv);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->data_dir, "/var/lib/paraat");
  EXPECT_EQ(o->http_listen, "127.0.0.1:8080");
}

}  // namespace
}  // namespace paraat::app
