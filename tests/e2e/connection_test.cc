// SPDX-License-Identifier: EUPL-1.2
// How the real `paraat` reaches the real `paraat-server` over TLS as an operator sets it up: a
// CA file given at login and kept for the server, and what the CLI says when a connection
// fails for a reason of TLS (the wrong CA, the wrong name, TLS on one side only, no client
// certificate).
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/certs/certs.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

constexpr absl::Duration kValidity = absl::Hours(24);

void WriteFile(const std::string& path, const std::string& text, mode_t mode = 0644) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  ::chmod(path.c_str(), mode);
}

// Certificates made for the test, as PEM files in `dir`: ca.crt signed server.crt for the
// name localhost only (not for 127.0.0.1); other-ca.crt signed nothing of this server;
// client-ca.crt signed client.crt.
class Pki {
 public:
  Pki() {
    const certs::KeyAndCert ca = Must(certs::MakeSelfSigned({"Paraat test CA"}, {}, kValidity));
    const certs::KeyAndCert server =
        Must(certs::MakeSigned(ca, "localhost", {"localhost"}, {}, kValidity));
    const certs::KeyAndCert other = Must(certs::MakeSelfSigned({"Someone else's CA"}, {}, kValidity));
    const certs::KeyAndCert client_ca = Must(certs::MakeSelfSigned({"Paraat client CA"}, {}, kValidity));
    const certs::KeyAndCert client =
        Must(certs::MakeSigned(client_ca, "h.devries", {}, {}, kValidity));
    ::mkdir(File("pki").c_str(), 0700);
    WriteFile(File("pki/ca.crt"), ca.cert_pem);
    WriteFile(File("pki/server.crt"), server.cert_pem);
    WriteFile(File("pki/server.key"), server.key_pem, 0600);
    WriteFile(File("pki/other-ca.crt"), other.cert_pem);
    WriteFile(File("pki/client-ca.crt"), client_ca.cert_pem);
    WriteFile(File("pki/client.crt"), client.cert_pem);
    WriteFile(File("pki/client.key"), client.key_pem, 0600);
  }

  std::string path() const { return dir_.path(); }
  std::string File(const std::string& name) const { return dir_.File(name); }
  // The flags that make paraat-server serve TLS with server.crt.
  std::vector<std::string> ServerFlags() const {
    return {"--tls-cert", File("pki/server.crt"), "--tls-key", File("pki/server.key")};
  }

 private:
  static certs::KeyAndCert Must(absl::StatusOr<certs::KeyAndCert> kc) {
    EXPECT_TRUE(kc.ok()) << kc.status();
    return kc.ok() ? *kc : certs::KeyAndCert{};
  }
  TempDir dir_;
};

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The port of "127.0.0.1:PORT".
std::string PortOf(const std::string& address) { return address.substr(address.rfind(':') + 1); }

// The CLI as an operator runs it: in `cwd`, with its own config directory and neither
// PARAAT_SERVER nor PARAAT_CA, so that only the flags and what the CLI kept decide.
ProcessResult CliIn(const std::string& cwd, const std::string& config_dir,
                    const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::string command = absl::StrCat("cd '", cwd, "' && exec '", PARAAT_CLI_BIN, "'");
  for (const std::string& a : args) absl::StrAppend(&command, " '", a, "'");
  return RunProcess({"/bin/sh", "-c", command},
                    {{"PARAAT_CONFIG_DIR", config_dir}, {"PARAAT_SERVER", ""}, {"PARAAT_CA", ""}},
                    stdin_text);
}

// The operator's case: `paraat login USER --server tls://localhost:PORT --ca pki/ca.crt`
// succeeds, and the commands after it (from another directory, without --ca) use that CA for
// that server until another is given.
TEST(Connection, TheCaFileOfASuccessfulLoginIsKeptForItsServer) {
  Pki pki;
  DemoEnvironment env;
  env.StartServer(pki.ServerFlags());
  const std::string server = absl::StrCat("tls://localhost:", PortOf(env.address()));
  const std::string config = env.client_dir();

  ProcessResult login = CliIn(pki.path(), config,
                              {"login", "officer", "--password-stdin", "--server", server, "--ca",
                               "pki/ca.crt"},
                              env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  ProcessResult whoami = CliIn(env.path(), config, {"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;
  EXPECT_TRUE(Contains(whoami.out, "server:   " + server)) << whoami.out;
  ProcessResult pools = CliIn(env.path(), config, {"pools", "--server", server});
  EXPECT_EQ(pools.exit_code, 0) << pools.err;

  // A --ca on the command line wins over the one kept (and this one is wrong).
  ProcessResult other = CliIn(env.path(), config, {"whoami", "--ca", pki.File("pki/other-ca.crt")});
  EXPECT_EQ(other.exit_code, 1);
  // A login that fails with another CA file keeps the one that works.
  ProcessResult wrong = CliIn(pki.path(), config,
                              {"login", "officer", "--password-stdin", "--ca", "pki/other-ca.crt"},
                              env.password("officer") + "\n");
  EXPECT_EQ(wrong.exit_code, 1);
  whoami = CliIn(env.path(), config, {"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;

  // A login with a pin replaces the kept CA file, and a login with --ca (over the pin kept)
  // replaces the pin: the way of trust that worked last is the one kept.
  std::ifstream crt(pki.File("pki/server.crt"));
  const std::string pem((std::istreambuf_iterator<char>(crt)), std::istreambuf_iterator<char>());
  absl::StatusOr<std::string> fingerprint = certs::Fingerprint(pem);
  ASSERT_TRUE(fingerprint.ok()) << fingerprint.status();
  login = CliIn(env.path(), config, {"login", "officer", "--password-stdin", "--pin", *fingerprint},
                env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_EQ(ReadText(config + "/pins"), absl::StrCat(server, " ", *fingerprint, "\n"));
  EXPECT_EQ(ReadText(config + "/ca-files"), "");
  login = CliIn(pki.path(), config, {"login", "officer", "--password-stdin", "--ca", "pki/ca.crt"},
                env.password("officer") + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_EQ(ReadText(config + "/pins"), "");
  EXPECT_EQ(ReadText(config + "/ca-files"), absl::StrCat(server, " ", pki.File("pki/ca.crt"), "\n"));

  // A kept CA file that has gone says which file, where it came from, and what to do.
  ASSERT_EQ(::rename(pki.File("pki/ca.crt").c_str(), pki.File("pki/ca.crt.old").c_str()), 0);
  whoami = CliIn(env.path(), config, {"whoami"});
  EXPECT_EQ(whoami.exit_code, 1);
  EXPECT_EQ(whoami.err,
            absl::StrCat("paraat: cannot read the CA file ", pki.File("pki/ca.crt"), ", kept for ",
                         server, " by a login with --ca; give --ca FILE\n"));
  EXPECT_EQ(env.StopServer(), 0);
}

// A connection that fails for a reason of TLS says that the server was reached, what went
// wrong and what to do, with gRPC's own words last, in parentheses.
TEST(Connection, ATlsFailureSaysItsLikelyCauseAndTheFix) {
  Pki pki;
  DemoEnvironment tls;
  tls.StartServer(pki.ServerFlags());
  DemoEnvironment plain;
  plain.StartServer();
  DemoEnvironment mutual;
  std::vector<std::string> mutual_flags = pki.ServerFlags();
  mutual_flags.insert(mutual_flags.end(), {"--tls-client-ca", pki.File("pki/client-ca.crt")});
  mutual.StartServer(mutual_flags);
  const std::string tls_port = PortOf(tls.address());
  const std::string config = pki.File("client");
  const std::string ca = pki.File("pki/ca.crt");
  // The message of a failed login with these flags, checked to end in gRPC's detail.
  auto failure = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"login", "officer", "--password-stdin"});
    ProcessResult r = CliIn(pki.path(), config, args, "not sent\n");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(Contains(r.err, " (failed to connect to all addresses; last error: ")) << r.err;
    EXPECT_EQ(r.err.substr(r.err.size() < 2 ? 0 : r.err.size() - 2), ")\n") << r.err;
    return r.err.substr(0, r.err.find(" (failed to connect"));
  };

  const std::string tls_localhost = "tls://localhost:" + tls_port;
  EXPECT_EQ(failure({"--server", tls_localhost, "--ca", pki.File("pki/other-ca.crt")}),
            absl::StrCat("paraat: reached the Paraat server at ", tls_localhost,
                         ", but the TLS handshake failed: the server's certificate is not signed "
                         "by the CA in ", pki.File("pki/other-ca.crt"),
                         " (--ca), or is not valid now; give the CA that signed it with --ca FILE, "
                         "or pin it with --pin SHA256:..."));
  EXPECT_EQ(failure({"--server", "tls://127.0.0.1:" + tls_port, "--ca", ca}),
            absl::StrCat("paraat: reached the Paraat server at tls://127.0.0.1:", tls_port,
                         ", but the TLS handshake failed: the server's certificate is not for the "
                         "host 127.0.0.1; use the name it was issued for (tls://NAME:", tls_port,
                         ")"));
  EXPECT_EQ(failure({"--server", "localhost:" + tls_port}),
            absl::StrCat("paraat: reached the Paraat server at localhost:", tls_port,
                         ", but it closed the connection: it probably speaks TLS; use tls://localhost:",
                         tls_port, " (with --ca FILE or --pin SHA256:...)"));
  EXPECT_EQ(failure({"--server", "tls://" + plain.address(), "--ca", ca}),
            absl::StrCat("paraat: reached the Paraat server at tls://", plain.address(),
                         ", but the TLS handshake failed: the server does not speak TLS; drop "
                         "tls:// (use ", plain.address(), ")"));
  const std::string tls_mutual = "tls://localhost:" + PortOf(mutual.address());
  EXPECT_EQ(failure({"--server", tls_mutual, "--ca", ca}),
            absl::StrCat("paraat: reached the Paraat server at ", tls_mutual,
                         ", but the TLS handshake failed: the server closed the connection, so it "
                         "may require a client certificate (--client-cert FILE --client-key FILE)"));
  EXPECT_EQ(failure({"--server", tls_mutual, "--ca", ca, "--client-cert", pki.File("pki/server.crt"),
                     "--client-key", pki.File("pki/server.key")}),
            absl::StrCat("paraat: reached the Paraat server at ", tls_mutual,
                         ", but the TLS handshake failed: the server closed the connection, so it "
                         "may not accept the client certificate given (--client-cert): it must be "
                         "signed by the CA the server trusts for clients"));
  const std::string wrong_pin = "SHA256:" + std::string(64, '1');
  EXPECT_EQ(failure({"--server", tls_localhost, "--pin", wrong_pin}),
            absl::StrCat("paraat: reached the Paraat server at ", tls_localhost,
                         ", but the TLS handshake failed: the server's certificate is not the one "
                         "pinned (", wrong_pin, "); if the server has a new certificate, check its "
                         "fingerprint with its administrator and log in with --pin"));
  // Nobody there is still "cannot reach".
  EXPECT_EQ(failure({"--server", "tls://127.0.0.1:1", "--ca", ca}),
            "paraat: cannot reach the Paraat server at tls://127.0.0.1:1");
  // And with the right settings it works (the servers above are fine).
  ProcessResult ok = CliIn(pki.path(), config,
                           {"login", "officer", "--password-stdin", "--server", tls_mutual, "--ca",
                            ca, "--client-cert", pki.File("pki/client.crt"), "--client-key",
                            pki.File("pki/client.key")},
                           mutual.password("officer") + "\n");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
}  // namespace paraat::testing
