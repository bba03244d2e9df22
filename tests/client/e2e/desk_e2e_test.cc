// SPDX-License-Identifier: EUPL-1.2
// paraat-desk as a user runs it: the real paraat-server with the demo data, a roster filled
// with the real CLI (as scripts/demo does) plus a swap request, an override and leave, and the
// real paraat-desk on the offscreen platform. Checks the texts of the Dienst view (the names
// on duty), the Crisis view (the demo crisis's log) and the Capaciteit view, and saves
// screenshots of the window at 1366x768 in the build tree.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

absl::TimeZone Amsterdam() {
  absl::TimeZone z;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &z));
  return z;
}

std::string LocalTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M", t, Amsterdam()); }

// Width and height from a PNG's IHDR chunk (0, 0 when it is not a PNG).
std::pair<uint32_t, uint32_t> PngSize(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char h[24] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  if (!in || h[1] != 'P' || h[2] != 'N' || h[3] != 'G') return {0, 0};
  auto be = [&](int i) {
    return (uint32_t{h[i]} << 24) | (uint32_t{h[i + 1]} << 16) | (uint32_t{h[i + 2]} << 8) |
           h[i + 3];
  };
  return {be(16), be(20)};
}

// The names `paraat oncall` gives as on duty now, per pool in its order.
std::vector<std::string> NamesOnDuty(const std::string& oncall) {
  std::vector<std::string> names;
  std::istringstream in(oncall);
  std::string line;
  const std::string now = "  now:  ";
  while (std::getline(in, line)) {
    if (line.rfind(now, 0) != 0) continue;
    const std::string rest = line.substr(now.size());
    names.push_back(rest.substr(0, rest.find(" (")));
  }
  return names;
}

class DeskEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(PARAAT_SCREENSHOT_DIR);
    env_.StartServer();
    // The roster as scripts/demo fills it: both pools from two Mondays back, 12 weeks, the
    // first four weeks published.
    ASSERT_EQ(env_.Login("administrator").exit_code, 0);
    absl::CivilDay monday = absl::ToCivilDay(absl::Now(), Amsterdam()) - 7;
    while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
    const std::string from = absl::FormatCivilTime(monday);
    const std::string until = absl::FormatCivilTime(monday + 35);
    Ok(env_.Cli({"roster", "rotate", "--pool", "west", "--from", from, "--weeks", "12", "--order",
                 "a.jansen,c.peters,e.willems,b.vandijk,d.hendriks,f.bos"}));
    Ok(env_.Cli({"roster", "rotate", "--pool", "oost", "--from", from, "--weeks", "12", "--order",
                 "g.smits,i.verhoeven,k.vandenberg,h.devries,j.kuijpers,l.maas"}));
    Ok(env_.Cli({"roster", "publish", "--pool", "west", "--until", until}));
    Ok(env_.Cli({"roster", "publish", "--pool", "oost", "--until", until}));
    // Leave of a pool member starting today, so this week's roster shows it.
    const absl::Time soon = absl::Now() + absl::Minutes(5);
    Ok(env_.Cli({"unavailable", "add", "--person", "i.verhoeven", "--from", LocalTime(soon), "--to",
                 LocalTime(soon + absl::Hours(2)), "--reason", "cursus"}));
    // A coordinator puts someone on duty in Oost for the next three hours.
    ASSERT_EQ(env_.Login("coordinator").exit_code, 0);
    Ok(env_.Cli({"override", "--pool", "oost", "--person", "j.kuijpers", "--until",
                 LocalTime(absl::Now() + absl::Hours(3)), "--reason", "oefening"}));
    // The officer asks a colleague to take her next duty.
    ASSERT_EQ(env_.Login("officer").exit_code, 0);
    ProcessResult duties = env_.Cli({"duties", "--json"});
    Ok(duties);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(duties.out, m, std::regex("\"shift_id\": ([0-9]+)")))
        << duties.out;
    Ok(env_.Cli(
        {"swap", "request", "--shift", m[1].str(), "--with", "g.smits", "--reason", "familie"}));
    ProcessResult oncall = env_.Cli({"oncall"});
    Ok(oncall);
    names_ = NamesOnDuty(oncall.out);
    ASSERT_EQ(names_.size(), 2u) << oncall.out;
  }

  void Ok(const ProcessResult& r) { ASSERT_EQ(r.exit_code, 0) << r.out << r.err; }

  // Runs paraat-desk signed in with `user`'s password (or the stored session when empty).
  ProcessResult Desk(const std::string& user, const std::vector<std::string>& extra,
                     const std::string& password = "") {
    std::vector<std::string> argv = {PARAAT_DESK_BIN, "--server", env_.address()};
    std::string in;
    if (!user.empty()) {
      argv.insert(argv.end(), {"--user", user, "--password-stdin"});
      in = (password.empty() ? env_.password(user) : password) + "\n";
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    return RunProcess(argv,
                      {{"QT_QPA_PLATFORM", "offscreen"},
                       {"PARAAT_CONFIG_DIR", env_.path() + "/desk"},
                       {"XDG_RUNTIME_DIR", env_.path()}},
                      in, absl::Seconds(90));
  }

  static std::string Shot(const std::string& name) {
    return absl::StrCat(PARAAT_SCREENSHOT_DIR, "/", name, ".png");
  }

  DemoEnvironment env_;
  std::vector<std::string> names_;
};

TEST_F(DeskEndToEnd, TheOfficerSeesTheDutyViewInDutch) {
  const std::string shot = Shot("dienst-officer-nl");
  std::filesystem::remove(shot);
  ProcessResult r = Desk("officer", {"--language", "nl", "--dump-view", "--screenshot", shot});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& out = r.out;
  EXPECT_TRUE(Contains(out, "# Hanna de Vries")) << out;
  EXPECT_TRUE(Contains(out, "== Nu in dienst (Ctrl+1) ==")) << out;
  EXPECT_TRUE(Contains(out, "Pool | In dienst | Telefoon | Tot | Daarna")) << out;
  // The names on duty now, as the CLI says: the override in Oost, the roster in West.
  EXPECT_EQ(names_[0], "Joost Kuijpers");
  EXPECT_TRUE(Contains(out, "OvD-Bz Oost | Joost Kuijpers (vervanging) | +31 6 1000 0204 | "))
      << out;
  EXPECT_TRUE(Contains(out, "OvD-Bz West | " + names_[1] + " | ")) << out;
  EXPECT_TRUE(Contains(out, "== Mijn komende diensten (Ctrl+2) ==")) << out;
  EXPECT_TRUE(Contains(out, "== Rooster (Ctrl+3) ==")) << out;
  EXPECT_TRUE(Contains(out, "<OvD-Bz Oost>")) << out;
  EXPECT_TRUE(Contains(out, "Dag | In dienst | Bijzonderheden")) << out;
  EXPECT_TRUE(Contains(out, "(vandaag) | ")) << out;
  EXPECT_TRUE(Contains(out, "vervanging ")) << out;
  EXPECT_TRUE(Contains(out, "verlof: Iris Verhoeven")) << out;
  EXPECT_TRUE(Contains(out, "== Ruilen (Ctrl+4) ==")) << out;
  EXPECT_TRUE(Contains(out, "| OvD-Bz Oost | Hanna de Vries | Gert Smits | ")) << out;
  EXPECT_TRUE(Contains(out, "| aangevraagd")) << out;
  EXPECT_TRUE(Contains(out, "[Ruil aanvragen…]")) << out;
  EXPECT_TRUE(Contains(out, "[Verlof registreren…]")) << out;
  // The server makes feed links (ServerFeedLinks is always available since the feed issue).
  EXPECT_TRUE(Contains(out, "[Agenda-link kopiëren]\n")) << out;
  EXPECT_FALSE(Contains(out, "Goedkeuren")) << out;
  EXPECT_TRUE(Contains(out, "-- Hanna de Vries (officier, wijchen)")) << out;
  EXPECT_TRUE(Contains(out, "-- Verbonden met " + env_.address() + " · laatste contact ")) << out;
  EXPECT_EQ(PngSize(shot), std::make_pair(1366u, 768u)) << shot;
}

TEST_F(DeskEndToEnd, TheStoredSessionIsUsedAndEnglishIsTheFallback) {
  ASSERT_EQ(Desk("officer", {"--dump-view"}).exit_code, 0);
  // No password now: the token file written by the first run (shared with the CLI) is used.
  const std::string shot = Shot("dienst-officer-en");
  ProcessResult r = Desk("", {"--language", "en", "--dump-view", "--screenshot", shot});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "== On duty now (Ctrl+1) ==")) << r.out;
  EXPECT_TRUE(Contains(r.out, "OvD-Bz Oost | Joost Kuijpers (override) | ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "OvD-Bz West | " + names_[1] + " | ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "-- Connected to " + env_.address())) << r.out;
  EXPECT_EQ(PngSize(shot), std::make_pair(1366u, 768u));
}

TEST_F(DeskEndToEnd, TheAdministratorIsOfferedApprovalAndArrangement) {
  const std::string shot = Shot("dienst-administrator-nl");
  ProcessResult r =
      Desk("administrator", {"--language", "nl", "--dump-view", "--screenshot", shot});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "[Goedkeuren] (disabled)")) << r.out;
  EXPECT_TRUE(Contains(r.out, "[Afwijzen]")) << r.out;
  EXPECT_TRUE(Contains(r.out, "[Ruil regelen…]")) << r.out;
  EXPECT_TRUE(Contains(r.out, "[Iemand in dienst zetten…]")) << r.out;
  EXPECT_TRUE(Contains(r.out, "| Hanna de Vries | Gert Smits | ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "-- Niels Arts (beheerder, regio)")) << r.out;
  EXPECT_EQ(PngSize(shot), std::make_pair(1366u, 768u));
}

TEST_F(DeskEndToEnd, TheCoordinatorFollowsTheCrisisLogInDutch) {
  // A message logged with the CLI just before shows in the desk's log.
  ASSERT_EQ(env_.Login("coordinator").exit_code, 0);
  Ok(env_.Cli({"crisis", "log", "1", "--kind", "message", "--text",
               "Persbericht over de tweede locatie is verstuurd.", "--ref", "18"}));
  const std::string shot = Shot("crisis-coordinator-nl");
  std::filesystem::remove(shot);
  ProcessResult r = Desk(
      "coordinator", {"--language", "nl", "--tab", "crisis", "--dump-view", "--screenshot", shot});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& out = r.out;
  EXPECT_TRUE(Contains(out, "{Dienst | Crisis}")) << out;  // no Capaciteit for coordinators
  EXPECT_TRUE(Contains(out, "== Open crises ==")) << out;
  EXPECT_TRUE(Contains(out, "Nr. | Crisis | GRIP | Gemeenten | Meldingen")) << out;
  EXPECT_TRUE(
      Contains(out, "1 | Opvang vluchtelingen | buiten GRIP | beuningen, heumen, wijchen | 21"))
      << out;
  // The GRIP level, large, and the log check.
  EXPECT_TRUE(Contains(out, "\nbuiten GRIP\n")) << out;
  EXPECT_TRUE(Contains(out, "✔ Log gecontroleerd: 21 meldingen")) << out;
  EXPECT_TRUE(Contains(out, "== Logboek ==")) << out;
  EXPECT_TRUE(Contains(out, "Nr. | Gebeurd | Soort | Door | Melding")) << out;
  EXPECT_TRUE(Contains(out,
                       "| besluit | Marieke Gerritsen | Verlenging tot eind januari; "
                       "Beuningen biedt een tweede locatie. [gecorrigeerd door #15]"))
      << out;
  EXPECT_TRUE(Contains(out, "| correctie | Marieke Gerritsen | corrigeert #14: ")) << out;
  EXPECT_TRUE(Contains(out, "#21 | ")) << out;
  EXPECT_TRUE(Contains(out,
                       "| bericht | Marieke Gerritsen | Persbericht over de tweede locatie is "
                       "verstuurd. (zie #18)"))
      << out;
  // The actions: both open ones are past their deadline.
  EXPECT_TRUE(Contains(out, "{Actiepunten (2, 2 te laat) | Nieuwe melding | Overdrachtsrapport}"))
      << out;
  EXPECT_TRUE(
      Contains(out, "| Bedden, sanitair en catering regelen met het COA | Hanna de Vries | "))
      << out;
  EXPECT_TRUE(Contains(out, "| TE LAAT – open")) << out;
  EXPECT_TRUE(Contains(out, "| TE LAAT – bezig")) << out;
  EXPECT_EQ(PngSize(shot), std::make_pair(1366u, 768u)) << shot;
}

TEST_F(DeskEndToEnd, TheAdministratorComparesAndSeesTheApprovedReallocation) {
  // An administrator proposed and approved a reallocation for this week with the CLI.
  ASSERT_EQ(env_.Login("administrator").exit_code, 0);
  const std::string week = absl::FormatTime("%G-W%V", absl::Now(), Amsterdam());
  ProcessResult proposed =
      env_.Cli({"capacity", "propose", "--crisis", "1", "--week", week, "--json"});
  Ok(proposed);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(proposed.out, m, std::regex("\"id\": ([0-9]+)"))) << proposed.out;
  const std::string id = m[1].str();
  Ok(env_.Cli({"capacity", "approve", id}));

  const std::string shot = Shot("capaciteit-administrator-nl");
  std::filesystem::remove(shot);
  ProcessResult r = Desk("administrator", {"--language", "nl", "--tab", "capaciteit", "--dump-view",
                                           "--screenshot", shot});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& out = r.out;
  EXPECT_TRUE(Contains(out, "{Dienst | Crisis | Capaciteit}")) << out;
  EXPECT_TRUE(Contains(out, "<" + week + ">")) << out;
  EXPECT_TRUE(Contains(out, "== Geplande en herverdeelde uren per ambitie ==")) << out;
  EXPECT_TRUE(Contains(out, "<voorstel " + id + " (prioriteit)>")) << out;
  EXPECT_TRUE(Contains(out, "Gemeente | Ambitie | Gepland u/week | Na herverdeling | Ingeleverd"))
      << out;
  EXPECT_TRUE(Contains(out, "Wijchen | ")) << out;
  EXPECT_TRUE(Contains(out, "Berg en Dal | ")) << out;
  EXPECT_TRUE(Contains(out, "== Staafdiagram ==")) << out;
  EXPECT_TRUE(Contains(out, "== Voorstellen naast elkaar ==")) << out;
  EXPECT_TRUE(Contains(out, "Uren per week | Voorstel " + id)) << out;
  EXPECT_TRUE(Contains(out, "Beleid | prioriteit")) << out;
  EXPECT_TRUE(Contains(out, "Van kracht: voorstel " + id + ".")) << out;
  EXPECT_TRUE(Contains(out, "[Getoond voorstel goedkeuren…]")) << out;
  EXPECT_EQ(PngSize(shot), std::make_pair(1366u, 768u)) << shot;
}

TEST_F(DeskEndToEnd, AnUnknownTabIsRefusedNamingTheOption) {
  ProcessResult r = Desk("officer", {"--tab", "kantine", "--dump-view"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(Contains(r.err, "--tab: \"kantine\" is not a tab")) << r.err;
}

TEST_F(DeskEndToEnd, AWrongPasswordIsRefusedWithTheServersMessage) {
  ProcessResult r = Desk("officer", {"--dump-view"}, "not-the-password");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(Contains(r.err, "cannot sign in: wrong username or password")) << r.err;
}

}  // namespace
}  // namespace paraat::testing
