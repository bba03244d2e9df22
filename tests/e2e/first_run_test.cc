// SPDX-License-Identifier: EUPL-1.2
// A new user's first run: init the demo, start the server, log in with the CLI using
// demo-accounts.txt, look around, and be refused where they should be.
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

TEST(FirstRun, InitServeLoginAndLookAround) {
  DemoEnvironment env;
  // init wrote the demo accounts once, readable only by their owner, one per role.
  struct stat st;
  ASSERT_EQ(::stat((env.data_dir() + "/demo-accounts.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_FALSE(env.password("officer").empty());
  EXPECT_FALSE(env.password("coordinator").empty());
  EXPECT_FALSE(env.password("administrator").empty());
  EXPECT_TRUE(Contains(env.init_output(), env.password("officer")));

  env.StartServer();
  ProcessResult login = env.Login("officer");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_TRUE(Contains(login.out, "Logged in to " + env.address() + " as officer (Hanna de Vries"));
  // The token file is private.
  ASSERT_EQ(::stat((env.client_dir() + "/session.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  ProcessResult ms = env.Cli({"municipalities"});
  ASSERT_EQ(ms.exit_code, 0) << ms.err;
  for (const char* name : {"Berg en Dal", "Beuningen", "Druten", "Heumen", "West Maas en Waal",
                           "Wijchen"}) {
    EXPECT_TRUE(Contains(ms.out, name)) << name << " missing from:\n" << ms.out;
  }
  ProcessResult pools = env.Cli({"pools"});
  ASSERT_EQ(pools.exit_code, 0) << pools.err;
  EXPECT_TRUE(Contains(pools.out, "OvD-Bz West"));
  EXPECT_TRUE(Contains(pools.out, "OvD-Bz Oost"));
  EXPECT_TRUE(Contains(pools.out, "Monday 09:00"));

  ProcessResult json = env.Cli({"pools", "--json"});
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_TRUE(Contains(json.out, "\"key\": \"oost\""));

  // An officer's administrative write is refused with the server's reason.
  ProcessResult write = env.Cli({"municipalities", "create", "nijmegen", "--name", "Nijmegen"});
  EXPECT_EQ(write.exit_code, 1);
  EXPECT_TRUE(Contains(write.err, "adding a municipality needs the role administrator")) << write.err;

  // A wrong password is refused.
  ProcessResult wrong = env.Cli({"login", "officer", "--password-stdin"}, "not-it\n");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_TRUE(Contains(wrong.err, "wrong username or password")) << wrong.err;

  // After logout there is no token: the CLI says so, and a forged token is refused by the
  // server itself.
  ASSERT_EQ(env.Login("officer").exit_code, 0);
  ASSERT_EQ(env.Cli({"logout"}).exit_code, 0);
  ProcessResult none = env.Cli({"pools"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(Contains(none.err, "not logged in")) << none.err;
  {
    std::ofstream forged(env.client_dir() + "/session.json");
    forged << "{\"server\": \"" << env.address() << "\", \"username\": \"officer\", "
           << "\"token\": \"forged\", \"expires_unix\": 9999999999}\n";
  }
  ProcessResult refused = env.Cli({"pools"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Contains(refused.err, "unknown session token")) << refused.err;

  // The administrator can do what the officer could not.
  ASSERT_EQ(env.Login("administrator").exit_code, 0);
  ProcessResult created = env.Cli({"municipalities", "create", "nijmegen", "--name", "Nijmegen",
                                   "--region", "vrgz"});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  ProcessResult bad = env.Cli({"pools", "create", "noord", "--name", "Noord", "--handover-time", "02:30"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Contains(bad.err, "daylight-saving")) << bad.err;

  EXPECT_EQ(env.StopServer(), 0);
}

TEST(FirstRun, ASecondServerOnTheSameDataIsRefusedNamingTheFirst) {
  DemoEnvironment env;
  env.StartServer();
  ProcessResult second = RunProcess({PARAAT_SERVER_BIN, "--data-dir", env.data_dir(), "--listen",
                                     "127.0.0.1:0"},
                                    {}, "", absl::Seconds(20));
  EXPECT_NE(second.exit_code, 0);
  EXPECT_TRUE(Contains(second.err, "in use by another paraat-server (pid " +
                                       std::to_string(env.server()->pid())))
      << second.err;
  EXPECT_TRUE(Contains(second.err, "serving on " + env.address())) << second.err;
  EXPECT_EQ(env.StopServer(), 0);
}

// A start that upgrades the database and then fails (its port is taken) still says it upgraded
// it: an older paraat-server no longer serves that database.
TEST(FirstRun, AnUpgradeIsReportedAlsoWhenTheStartFailsAfterIt) {
  DemoEnvironment env;
  const std::string db = env.data_dir() + "/paraat.db";
  sqlite3* conn = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &conn), SQLITE_OK);
  // Back to the previous schema (migration 8 dropped this trigger).
  ASSERT_EQ(sqlite3_exec(conn,
                         "CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN INSERT INTO "
                         "entry_fts(rowid, text) VALUES (new.id, new.text); END; "
                         "PRAGMA user_version = 7",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(conn);
  // A port taken by another program on loopback.
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(sock, 1), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string listen = absl::StrCat("127.0.0.1:", ntohs(addr.sin_port));
  ProcessResult start = RunProcess({PARAAT_SERVER_BIN, "--data-dir", env.data_dir(), "--listen", listen},
                                   {}, "", absl::Seconds(30));
  ::close(sock);
  EXPECT_EQ(start.exit_code, 1);
  EXPECT_TRUE(Contains(start.err, "cannot listen on " + listen)) << start.err;
  EXPECT_TRUE(Contains(start.out + start.err, "upgraded the database from_schema=7 to_schema=8"))
      << start.out << start.err;
}

// Someone guessing a password: the operator reads in the log which account was locked out and
// from which address the attempts came.
TEST(FirstRun, ALockoutIsLoggedWithTheClientAddress) {
  DemoEnvironment env;
  env.StartServer();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(env.Cli({"login", "officer", "--password-stdin"}, "not-the-password\n").exit_code, 1);
  }
  std::string log;
  for (int i = 0; i < 50; ++i) {  // the log line is written before the answer; read it in
    log = env.server()->Stdout() + env.server()->Stderr();
    if (Contains(log, "locked out")) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(Contains(log, "login failed user=officer failures=4 client=ipv4:127.0.0.1:")) << log;
  EXPECT_TRUE(Contains(log, "WARN  auth  account locked out after failed logins user=officer "
                            "failures=5 for=1m client=ipv4:127.0.0.1:"))
      << log;
  EXPECT_EQ(env.StopServer(), 0);
}

// An officer mistyped five times at the start of a night of crisis: the administrator sees
// it in the account list and lifts it, and the officer logs in with the same password.
TEST(FirstRun, AnAdministratorSeesAndLiftsALockout) {
  DemoEnvironment env;
  env.StartServer();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(env.Cli({"login", "officer", "--password-stdin"}, "not-the-password\n").exit_code, 1);
  }
  ProcessResult refused = env.Cli({"login", "officer", "--password-stdin"},
                                  env.password("officer") + "\n");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Contains(refused.err, "or ask an administrator to unlock the account")) << refused.err;

  ASSERT_EQ(env.CliOn("admin", {"login", "administrator", "--password-stdin"},
                      env.password("administrator") + "\n")
                .exit_code,
            0);
  ProcessResult list = env.CliOn("admin", {"accounts", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(Contains(list.out, "locked until ")) << list.out;
  EXPECT_TRUE(Contains(list.out, "1 account is locked out after failed logins; it unlocks by "
                                 "itself, or: paraat accounts unlock USERNAME"))
      << list.out;
  ProcessResult json = env.CliOn("admin", {"accounts", "list", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  // Five: an attempt while locked out is not checked, so not counted.
  EXPECT_TRUE(Contains(json.out, "\"failed_logins\": 5")) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"locked_until\": ")) << json.out;

  ProcessResult unlock = env.CliOn("admin", {"accounts", "unlock", "officer"});
  ASSERT_EQ(unlock.exit_code, 0) << unlock.err;
  EXPECT_EQ(unlock.out, "Unlocked account officer: they can log in again with their password.\n");
  ProcessResult again = env.CliOn("admin", {"accounts", "unlock", "officer"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "Account officer was not locked out; its count of failed logins is cleared.\n");
  ProcessResult unknown = env.CliOn("admin", {"accounts", "unlock", "nobody"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, "unknown account 'nobody'")) << unknown.err;

  ProcessResult login = env.Cli({"login", "officer", "--password-stdin"},
                                env.password("officer") + "\n");
  EXPECT_EQ(login.exit_code, 0) << login.err;
  EXPECT_FALSE(Contains(env.CliOn("admin", {"accounts", "list"}).out, "locked until"));
  std::string log;
  for (int i = 0; i < 50; ++i) {
    log = env.server()->Stdout() + env.server()->Stderr();
    if (Contains(log, "account unlocked")) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(Contains(log, "account unlocked by an administrator user=officer by=administrator"))
      << log;
  EXPECT_EQ(env.StopServer(), 0);
}

TEST(FirstRun, UsageErrorsAndHelp) {
  DemoEnvironment env;
  ProcessResult help = env.Cli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(Contains(help.out, "pools add-member"));
  ProcessResult unknown = env.Cli({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  ProcessResult flag = env.Cli({"pools", "--colour"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_TRUE(Contains(flag.err, "unknown flag --colour"));
  // A group of commands lists its commands.
  ProcessResult group = env.Cli({"crisis"});
  EXPECT_EQ(group.exit_code, 2);
  EXPECT_TRUE(Contains(group.err, "paraat crisis: one of\n")) << group.err;
  EXPECT_TRUE(Contains(group.err, "  crisis handover ID ")) << group.err;
  EXPECT_FALSE(Contains(group.err, "roster")) << group.err;
  ProcessResult group_help = env.Cli({"capacity", "demand", "--help"});
  EXPECT_EQ(group_help.exit_code, 0);
  EXPECT_TRUE(Contains(group_help.out, "  capacity demand list ")) << group_help.out;
  // "help" before a command or group is its --help.
  ProcessResult help_group = env.Cli({"help", "capacity"});
  EXPECT_EQ(help_group.exit_code, 0);
  EXPECT_TRUE(Contains(help_group.out, "paraat capacity: one of\n")) << help_group.out;
  ProcessResult help_command = env.Cli({"help", "capacity", "propose"});
  EXPECT_EQ(help_command.exit_code, 0);
  EXPECT_TRUE(Contains(help_command.out, "Usage: paraat capacity propose")) << help_command.out;
  // Global flags may come first; a command's flag may not.
  ProcessResult first = env.Cli({"--server", "127.0.0.1:1", "--json", "oncall"});
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_TRUE(Contains(first.err, "not logged in to 127.0.0.1:1")) << first.err;
  ProcessResult misplaced = env.Cli({"--pool", "west", "oncall"});
  EXPECT_EQ(misplaced.exit_code, 2);
  EXPECT_TRUE(Contains(misplaced.err, "--pool is not a global flag")) << misplaced.err;
  ProcessResult server_help = RunProcess({PARAAT_SERVER_BIN, "--help"});
  EXPECT_EQ(server_help.exit_code, 0);
  EXPECT_TRUE(Contains(server_help.out, "--data-dir"));
  ProcessResult no_db = RunProcess({PARAAT_SERVER_BIN, "--data-dir", env.path() + "/nothing"});
  EXPECT_NE(no_db.exit_code, 0);
  EXPECT_TRUE(Contains(no_db.err, "paraat-server init")) << no_db.err;
  ProcessResult public_plain = RunProcess({PARAAT_SERVER_BIN, "--data-dir", env.data_dir(),
                                           "--listen", "0.0.0.0:0"});
  EXPECT_NE(public_plain.exit_code, 0);
  EXPECT_TRUE(Contains(public_plain.err, "without TLS")) << public_plain.err;
}

// --server takes HOST:PORT or tls://HOST:PORT; without a port it is 50051, the server's
// default. Anything else is a usage error naming where the address came from, before a
// connection is tried.
TEST(FirstRun, AServerAddressIsHostAndPortWithPort50051WhenLeftOut) {
  DemoEnvironment env;
  env.StartServer();
  const std::string port = env.address().substr(env.address().rfind(':') + 1);
  const std::map<std::string, std::string> own = {{"PARAAT_CONFIG_DIR", env.client_dir()},
                                                  {"PARAAT_SERVER", ""}};
  auto cli = [&](std::vector<std::string> args,
                 const std::map<std::string, std::string>& environment, const std::string& in = "") {
    args.insert(args.begin(), PARAAT_CLI_BIN);
    return RunProcess(args, environment, in);
  };
  const std::string forms =
      "give HOST:PORT, or tls://HOST:PORT for TLS (the port is 50051 when left out)\n";
  for (const std::string& bad : std::vector<std::string>{
           "http://127.0.0.1:" + port, "https://127.0.0.1:" + port, "127.0.0.1:", "127.0.0.1:http",
        "127.0.0.1:70000", "127.0.0.1:0", ":" + port, "tls://"}) {
    ProcessResult r = cli({"login", "officer", "--password-stdin", "--server", bad}, own,
                          env.password("officer") + "\n");
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_EQ(r.err, absl::StrCat("paraat: --server '", bad, "' is not a server address: ", forms))
        << bad;
  }
  ProcessResult ipv6 = cli({"pools", "--server", "::1"}, own);
  EXPECT_EQ(ipv6.exit_code, 2);
  EXPECT_EQ(ipv6.err, absl::StrCat("paraat: --server '::1' is not a server address: write an "
                                   "IPv6 address in brackets ([::1]:50051); ", forms));
  ProcessResult from_env = cli({"pools"}, {{"PARAAT_CONFIG_DIR", env.client_dir()},
                                           {"PARAAT_SERVER", "http://127.0.0.1:" + port}});
  EXPECT_EQ(from_env.exit_code, 2);
  EXPECT_EQ(from_env.err, absl::StrCat("paraat: PARAAT_SERVER 'http://127.0.0.1:", port,
                                       "' is not a server address: ", forms));

  // Without a port, the default one (no connection is tried for these: not logged in).
  for (const auto& [given, meant] : std::vector<std::pair<std::string, std::string>>{
           {"127.0.0.1", "127.0.0.1:50051"},
           {"tls://localhost", "tls://localhost:50051"},
           {"[::1]", "[::1]:50051"}}) {
    ProcessResult r = cli({"pools", "--server", given}, own);
    EXPECT_EQ(r.exit_code, 1) << given;
    EXPECT_EQ(r.err, absl::StrCat("paraat: not logged in to ", meant, "; run 'paraat login' first\n"))
        << given;
  }
  // A whole address works as before.
  ProcessResult login = cli({"login", "officer", "--password-stdin", "--server", env.address()},
                            own, env.password("officer") + "\n");
  EXPECT_EQ(login.exit_code, 0) << login.err;
  EXPECT_EQ(env.StopServer(), 0);
}

// A lost phone: logging out everywhere ends the sessions on every device; a changed password
// ends the other devices' sessions and keeps this one.
TEST(FirstRun, LogoutEverywhereAndAChangedPasswordEndTheOtherSessions) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("officer"));
  const std::string pw = env.password("officer");
  ASSERT_EQ(env.CliOn("phone", {"login", "officer", "--password-stdin"}, pw + "\n").exit_code, 0);
  ProcessResult changed = env.Cli({"passwd", "--password-stdin"}, pw + "\na-long-new-password\n");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(changed.out, "Password changed. Your 1 other session was logged out (other devices log "
                         "in again with the new password).\n");
  EXPECT_EQ(env.Cli({"whoami"}).exit_code, 0);
  ProcessResult phone = env.CliOn("phone", {"whoami"});
  EXPECT_EQ(phone.exit_code, 1);
  EXPECT_TRUE(Contains(phone.err, "the session was logged out; log in again")) << phone.err;

  ASSERT_EQ(env.CliOn("phone", {"login", "officer", "--password-stdin"}, "a-long-new-password\n")
                .exit_code,
            0);
  ProcessResult everywhere = env.Cli({"logout", "--everywhere"});
  ASSERT_EQ(everywhere.exit_code, 0) << everywhere.err;
  EXPECT_EQ(everywhere.out, "Logged out everywhere: 2 sessions ended.\n");
  EXPECT_EQ(env.CliOn("phone", {"whoami"}).exit_code, 1);
  EXPECT_EQ(env.Cli({"whoami"}).exit_code, 1);
  EXPECT_EQ(env.StopServer(), 0);
}

}  // namespace
}  // namespace paraat::testing
