// SPDX-License-Identifier: EUPL-1.2
// Running Paraat for real, with the real binaries: init with a self-signed certificate, serve
// TLS, log in pinning the printed fingerprint (and be refused without it), read the audit
// trail, approve a capacity plan that shows up in the crisis log, generate a roster and read
// its fairness report.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/process.h"
#include "tests/e2e/e2e.h"
#include "tests/support/test_server.h"

namespace paraat::testing {
namespace {

// A demo data directory made by `paraat-server init --demo --self-signed`, a TLS server on
// 127.0.0.1 with a free port, and the CLI with its own config directory.
class TlsDemo {
 public:
  TlsDemo() {
    init_ = RunProcess({PARAAT_SERVER_BIN, "init", "--data-dir", data_dir(), "--demo", "--self-signed"});
    EXPECT_EQ(init_.exit_code, 0) << init_.err;
    std::ifstream in(data_dir() + "/demo-accounts.txt");
    std::string user, pw, role;
    while (in >> user >> pw >> role) passwords_[user] = pw;
  }
  ~TlsDemo() { Stop(); }

  std::string data_dir() const { return dir_.File("data"); }
  const ProcessResult& init() const { return init_; }
  const std::string& server() const { return server_; }
  std::string client_dir() const { return dir_.File("client"); }

  void Start() {
    server_process_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{PARAAT_SERVER_BIN, "--data-dir", data_dir(), "--listen", "127.0.0.1:0",
                                 "--tls-cert", data_dir() + "/tls/server.crt", "--tls-key",
                                 data_dir() + "/tls/server.key"},
        std::map<std::string, std::string>{}, dir_.path());
    ASSERT_TRUE(server_process_->WaitForOutput("listening on ", absl::Seconds(20)))
        << server_process_->Stderr();
    server_ = absl::StrCat("tls://", After(server_process_->Stdout(), "listening on "));
  }

  int Stop() {
    if (server_process_ == nullptr) return 0;
    server_process_->Signal(SIGTERM);
    const int code = server_process_->Wait(absl::Seconds(20));
    server_process_.reset();
    return code;
  }

  // The CLI against the TLS server (given with --server, as a user types it).
  ProcessResult Cli(std::vector<std::string> args, const std::string& stdin_text = "") {
    std::vector<std::string> argv = {PARAAT_CLI_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--server");
    argv.push_back(server_);
    return RunProcess(argv, {{"PARAAT_CONFIG_DIR", dir_.File("client")}}, stdin_text, absl::Seconds(90));
  }

  ProcessResult Login(const std::string& user, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"login", user, "--password-stdin"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Cli(args, passwords_[user] + "\n");
  }

 private:
  TempDir dir_;
  ProcessResult init_;
  std::map<std::string, std::string> passwords_;
  std::unique_ptr<BackgroundProcess> server_process_;
  std::string server_;
};

TEST(Operations, TlsPinningAuditCapacityAndRoster) {
  TlsDemo env;
  // init printed the fingerprint to pin.
  const std::string fingerprint = After(env.init().out, "Fingerprint (clients pin it):\n  ");
  ASSERT_EQ(fingerprint.size(), 7u + 64u) << env.init().out;
  ASSERT_EQ(fingerprint.substr(0, 7), "SHA256:");
  env.Start();

  // Without a pin, a non-interactive login refuses, naming the certificate it was shown.
  ProcessResult unknown = env.Login("officer");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, absl::StrCat(env.server(), " presents certificate ", fingerprint)))
      << unknown.err;
  EXPECT_TRUE(Contains(unknown.err, absl::StrCat("pass --pin ", fingerprint))) << unknown.err;
  // A wrong pin gets nowhere, and says so.
  ProcessResult wrong = env.Login("officer", {"--pin", absl::StrCat("SHA256:", std::string(64, 'a'))});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_TRUE(Contains(wrong.err, "but the TLS handshake failed: the server's certificate is not the one pinned")) << wrong.err;

  ProcessResult officer = env.Login("officer", {"--pin", fingerprint});
  ASSERT_EQ(officer.exit_code, 0) << officer.err;
  EXPECT_TRUE(Contains(officer.out, absl::StrCat("Logged in to ", env.server(), " as officer (Hanna de Vries")))
      << officer.out;
  // The pin is kept: the next commands need no flag.
  ProcessResult whoami = env.Cli({"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;
  // An officer does not read the audit trail.
  ProcessResult denied = env.Cli({"audit"});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_TRUE(Contains(denied.err, "reading the audit trail needs the role administrator or higher; the account 'officer' has the role officer")) << denied.err;

  ProcessResult admin = env.Login("administrator");
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  ProcessResult audit = env.Cli({"audit", "--who", "officer"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_TRUE(Contains(audit.out, "login")) << audit.out;
  EXPECT_TRUE(Contains(audit.out, "account/officer")) << audit.out;
  EXPECT_FALSE(Contains(audit.out, "administrator")) << audit.out;

  // Capacity: propose for next week, approve, and the decision is in the crisis log.
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), Amsterdam());
  const absl::CivilDay next_week = today + 7;
  const std::string week = absl::FormatTime("%G-W%V", absl::FromCivil(next_week, Amsterdam()), Amsterdam());
  ProcessResult propose = env.Cli({"capacity", "propose", "--crisis", "1", "--week", week});
  ASSERT_EQ(propose.exit_code, 0) << propose.err;
  const std::string id = After(propose.out, "Proposal ");
  int64_t proposal = 0;
  ASSERT_TRUE(absl::SimpleAtoi(id, &proposal)) << propose.out;
  EXPECT_TRUE(Contains(propose.out, absl::StrCat("Proposal ", proposal, " for crisis 1, ", week, " (priority)")))
      << propose.out;
  ProcessResult approve = env.Cli({"capacity", "approve", id});
  ASSERT_EQ(approve.exit_code, 0) << approve.err;
  EXPECT_TRUE(Contains(approve.out, absl::StrCat("(proposal ", proposal, ") crisis 1, ", week)))
      << approve.out;
  // Next week's allocation is in force from its Monday, not yet now.
  EXPECT_TRUE(Contains(approve.out, "; IN FORCE from ")) << approve.out;
  ProcessResult show = env.Cli({"crisis", "show", "1"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, absl::StrCat("Capacity plan approved (proposal ", proposal, ", priority)")))
      << show.out;

  // Roster: a fair draft for both pools, then the fairness report.
  const absl::CivilDay monday = today + (8 - (static_cast<int>(absl::GetWeekday(today)) + 1));
  ProcessResult generate =
      env.Cli({"roster", "generate", "--from", absl::FormatCivilTime(monday), "--weeks", "8"});
  ASSERT_EQ(generate.exit_code, 0) << generate.err;
  EXPECT_TRUE(Contains(generate.out, "Generated 16 draft duties")) << generate.out;
  EXPECT_TRUE(Contains(generate.out, "proven optimal")) << generate.out;
  ProcessResult fairness = env.Cli({"roster", "fairness"});
  ASSERT_EQ(fairness.exit_code, 0) << fairness.err;
  EXPECT_TRUE(Contains(fairness.out, "Pool west: 8 duties")) << fairness.out;
  EXPECT_TRUE(Contains(fairness.out, "Pool oost: 8 duties")) << fairness.out;
  EXPECT_TRUE(Contains(fairness.out, "0 unfilled")) << fairness.out;
  EXPECT_TRUE(Contains(fairness.out, "Hanna de Vries")) << fairness.out;

  EXPECT_EQ(env.Stop(), 0);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A login with a mistyped pin fails and leaves the pin that works where it was: the session
// and the commands after it go on through the good pin.
TEST(Operations, AFailedLoginWithAWrongPinKeepsTheGoodPin) {
  TlsDemo env;
  const std::string fingerprint = After(env.init().out, "Fingerprint (clients pin it):\n  ");
  ASSERT_EQ(fingerprint.size(), 7u + 64u) << env.init().out;
  env.Start();
  // Even the right pin is kept only once a login through it succeeded (not after a wrong
  // password).
  ProcessResult no_password =
      env.Cli({"login", "officer", "--password-stdin", "--pin", fingerprint}, "wrong password\n");
  EXPECT_EQ(no_password.exit_code, 1);
  EXPECT_TRUE(Contains(no_password.err, "wrong username or password")) << no_password.err;
  EXPECT_EQ(ReadAll(env.client_dir() + "/pins"), "");

  ProcessResult good = env.Login("officer", {"--pin", fingerprint});
  ASSERT_EQ(good.exit_code, 0) << good.err;
  const std::string pins = ReadAll(env.client_dir() + "/pins");
  ASSERT_EQ(pins, absl::StrCat(env.server(), " ", fingerprint, "\n"));

  const std::string wrong_pin = absl::StrCat("SHA256:", std::string(64, '1'));
  ProcessResult wrong = env.Login("officer", {"--pin", wrong_pin});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_TRUE(Contains(wrong.err, absl::StrCat("is not the pinned ", wrong_pin))) << wrong.err;
  EXPECT_EQ(ReadAll(env.client_dir() + "/pins"), pins);
  ProcessResult whoami = env.Cli({"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;
  EXPECT_TRUE(Contains(whoami.out, "officer (Hanna de Vries)")) << whoami.out;

  EXPECT_EQ(env.Stop(), 0);
}

// `paraat login --server X` (the README's first step) is remembered: the next command goes
// to X without --server, $PARAAT_SERVER or a config file.
TEST(Operations, TheServerLoggedInToIsTheNextCommandsServer) {
  DemoEnvironment env;
  env.StartServer();
  const std::map<std::string, std::string> no_server = {{"PARAAT_CONFIG_DIR", env.client_dir() + "-own"},
                                                        {"PARAAT_SERVER", ""}};
  ProcessResult login = RunProcess({PARAAT_CLI_BIN, "login", "officer", "--password-stdin",
                                    "--server", env.address()},
                                   no_server, env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  ProcessResult pools = RunProcess({PARAAT_CLI_BIN, "pools"}, no_server);
  EXPECT_EQ(pools.exit_code, 0) << pools.err;
  EXPECT_TRUE(Contains(pools.out, "west")) << pools.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// Logging out forgets the token, not the server: the next `paraat login` goes back to the
// server last logged in to, as does one after the session has expired.
TEST(Operations, LoggingOutForgetsTheTokenNotTheServer) {
  DemoEnvironment env;
  env.StartServer();
  const std::string config = env.client_dir() + "-own";
  const std::map<std::string, std::string> no_server = {{"PARAAT_CONFIG_DIR", config},
                                                        {"PARAAT_SERVER", ""}};
  ProcessResult login = RunProcess({PARAAT_CLI_BIN, "login", "officer", "--password-stdin",
                                    "--server", env.address()},
                                   no_server, env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  ProcessResult logout = RunProcess({PARAAT_CLI_BIN, "logout"}, no_server);
  ASSERT_EQ(logout.exit_code, 0) << logout.err;
  EXPECT_FALSE(Contains(ReadAll(config + "/session.json"), "token")) << "the token stayed";
  // Not logged in, and it says to which server.
  ProcessResult pools = RunProcess({PARAAT_CLI_BIN, "pools"}, no_server);
  EXPECT_EQ(pools.exit_code, 1);
  EXPECT_EQ(pools.err, absl::StrCat("paraat: not logged in to ", env.address(),
                                    "; run 'paraat login' first\n"));
  login = RunProcess({PARAAT_CLI_BIN, "login", "officer", "--password-stdin"}, no_server,
                     env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_TRUE(Contains(login.out, absl::StrCat("Logged in to ", env.address(), " as officer")))
      << login.out;

  // A session that has expired still names the server it was for.
  {
    std::ofstream out(config + "/session.json", std::ios::trunc);
    out << "{\"server\": \"" << env.address()
        << "\", \"username\": \"officer\", \"token\": \"expired\", \"expires_unix\": 1000}\n";
  }
  login = RunProcess({PARAAT_CLI_BIN, "login", "officer", "--password-stdin"}, no_server,
                     env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_TRUE(Contains(login.out, absl::StrCat("Logged in to ", env.address(), " as officer")))
      << login.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// The audit trail's next page keeps the filters of the first: the hint repeats them.
TEST(Operations, TheAuditNextPageHintRepeatsTheFilters) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("officer"));
  ASSERT_EQ(env.Login("officer").exit_code, 0);
  ASSERT_EQ(env.Login("officer").exit_code, 0);
  ASSERT_EQ(env.Login("administrator").exit_code, 0);
  ProcessResult first = env.Cli({"audit", "--who", "officer", "--limit", "2"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string after = After(first.out, "(more: paraat audit --after ");
  after = after.substr(0, after.find(')'));
  ASSERT_FALSE(after.empty()) << first.out;
  EXPECT_TRUE(Contains(first.out, absl::StrCat("(more: paraat audit --after ", after,
                                               " --who officer --limit 2)\n")))
      << first.out;
  // The command it gives shows the officer's third login, and no one else's records.
  ProcessResult next = env.Cli({"audit", "--after", after, "--who", "officer", "--limit", "2"});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_TRUE(Contains(next.out, "officer")) << next.out;
  EXPECT_FALSE(Contains(next.out, "administrator")) << next.out;

  // A value with a space is quoted for the shell; with --json the hint goes to stderr.
  ProcessResult json = env.Cli({"audit", "--since", "2000-01-01 00:00", "--object", "account/",
                                "--who", "officer", "--limit", "1", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::string json_after = After(json.err, "(more: paraat audit --after ");
  json_after = json_after.substr(0, json_after.find(')'));
  EXPECT_EQ(json.err, absl::StrCat("(more: paraat audit --after ", json_after,
                                   " --since '2000-01-01 00:00' --who officer --object account/ "
                                   "--limit 1 --json)\n"));
  EXPECT_FALSE(Contains(json.out, "(more:")) << json.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// SIGHUP (a reload by habit) leaves the server serving: under a unit restarted only on
// failure, a clean exit would leave it down. SIGTERM stops it, and the log says which signal.
TEST(Operations, SighupDoesNotStopTheServer) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("officer"));
  env.server()->Signal(SIGHUP);
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline &&
         !Contains(env.server()->Stderr(), "SIGHUP received: nothing to reload")) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_TRUE(Contains(env.server()->Stderr(), "SIGHUP received: nothing to reload"))
      << env.server()->Stderr();
  EXPECT_TRUE(env.server()->running());
  ProcessResult pools = env.Cli({"pools"});
  EXPECT_EQ(pools.exit_code, 0) << pools.err;
  BackgroundProcess* server = env.server();
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(absl::Seconds(20)), 0);
  EXPECT_TRUE(Contains(server->Stderr(), "stop requested signal=SIGTERM")) << server->Stderr();
}

}  // namespace
}  // namespace paraat::testing

namespace paraat::testing {
namespace {

// What an operator types wrong gets one line that names it, and nothing starts.
TEST(Operations, MistypedCommandLinesAreRefusedOnALineOfTheirOwn) {
  TempDir dir;
  ProcessResult stray = RunProcess({PARAAT_SERVER_BIN, "serve", "extra", "--data-dir", dir.File("d")});
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_EQ(stray.err,
            "paraat-server: unexpected argument 'extra': paraat-server serve takes flags only (a "
            "value belongs after its flag); run paraat-server --help\n");
  ProcessResult verify = RunProcess({PARAAT_SERVER_BIN, "verify", "--data-dir", dir.File("none")});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.err.rfind("paraat-server: ", 0), 0u) << verify.err;
  EXPECT_EQ(verify.err.back(), '\n') << verify.err;
  // Without time zone data the server does not start (its answers are in local time).
  ASSERT_EQ(RunProcess({PARAAT_SERVER_BIN, "init", "--data-dir", dir.File("tz")}).exit_code, 0);
  ProcessResult tz = RunProcess({PARAAT_SERVER_BIN, "--data-dir", dir.File("tz"), "--listen",
                                 "127.0.0.1:0"},
                                {{"TZDIR", dir.File("no-zoneinfo")}});
  EXPECT_EQ(tz.exit_code, 1);
  EXPECT_EQ(tz.err, "paraat-server: the time zone data has no Europe/Amsterdam; install it "
                    "(Debian: apt-get install tzdata) or point TZDIR at it\n");
  // The CLI says that its CA file cannot be read before it sends anything.
  ProcessResult cli = RunProcess({PARAAT_CLI_BIN, "pools", "--server", "tls://127.0.0.1:9",
                                  "--ca", dir.File("absent.crt")},
                                 {{"PARAAT_CONFIG_DIR", dir.File("client")}});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_EQ(cli.err, absl::StrCat("paraat: cannot read the CA file ", dir.File("absent.crt"), "\n"));
}

}  // namespace
}  // namespace paraat::testing
