// SPDX-License-Identifier: EUPL-1.2
// Capacity with the real binaries, as an administrator works: a change to one ambition of a
// plan or one side of a loan rule keeps everything else; approving a second proposal for a week
// says which allocation it replaces, and approving again one that has ended is refused.
#include <sqlite3.h>

#include <cmath>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/capacity/model.h"
#include "common/json/json.h"
#include "tests/e2e/e2e.h"

namespace paraat::testing {
namespace {

// The lines of `plans` output that belong to `municipality` (its heading and its ambitions).
std::string PlanOf(const std::string& plans, const std::string& municipality) {
  const size_t at = plans.find(municipality + ": ");
  if (at == std::string::npos) return "";
  size_t end = at;
  for (size_t next = plans.find('\n', at); next != std::string::npos; next = plans.find('\n', end)) {
    end = next + 1;
    if (end >= plans.size() || plans[end] != ' ') break;
  }
  return plans.substr(at, end - at);
}

TEST(CapacityCli, SetAndLoanChangeOnlyWhatTheyName) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  ProcessResult before = env.Cli({"capacity", "plans"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const std::string heumen = PlanOf(before.out, "heumen");
  ASSERT_TRUE(Contains(heumen, "  regulier")) << before.out;
  ASSERT_TRUE(Contains(heumen, "  ondermijning")) << before.out;

  // One ambition changes; the FTE, the hours and the other ambitions stay.
  ProcessResult set = env.Cli({"capacity", "set", "heumen", "--plan", "ondermijning=14:10"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_TRUE(Contains(set.out, "Capacity of heumen saved: ")) << set.out;
  EXPECT_TRUE(Contains(set.out, "ondermijning 14 (floor 10)")) << set.out;
  EXPECT_TRUE(Contains(set.out, "regulier ")) << set.out;
  ProcessResult after = env.Cli({"capacity", "plans"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  const std::string changed = PlanOf(after.out, "heumen");
  EXPECT_EQ(changed.substr(0, changed.find(" h planned")).substr(0, changed.find(" h overtime")),
            heumen.substr(0, heumen.find(" h overtime")))
      << "the FTE or the hours changed:\n" << before.out << "\n" << after.out;
  EXPECT_TRUE(Contains(changed, "  regulier")) << after.out;
  EXPECT_TRUE(Contains(changed, "  ondermijning")) << after.out;
  const size_t row = changed.find("  ondermijning");
  ASSERT_NE(row, std::string::npos) << after.out;
  const std::string line = changed.substr(row, changed.find('\n', row) - row);
  EXPECT_TRUE(Contains(line, " 14 ") && Contains(line, " 10")) << after.out;
  EXPECT_EQ(std::count(changed.begin(), changed.end(), '\n'),
            std::count(heumen.begin(), heumen.end(), '\n'))
      << before.out << "\n" << after.out;

  // New hours without a floor keep the floor; "HOURS:" clears it.
  ProcessResult hours = env.Cli({"capacity", "set", "heumen", "--plan", "ondermijning=16"});
  ASSERT_EQ(hours.exit_code, 0) << hours.err;
  EXPECT_TRUE(Contains(hours.out, "ondermijning 16 (floor 10)")) << hours.out;
  ProcessResult cleared = env.Cli({"capacity", "set", "heumen", "--plan", "ondermijning=16:"});
  ASSERT_EQ(cleared.exit_code, 0) << cleared.err;
  EXPECT_TRUE(Contains(cleared.out, "ondermijning 16,")) << cleared.out;
  // A bad flag is a usage error, found before the server is asked.
  ProcessResult bad = env.Cli({"capacity", "set", "heumen", "--fte", "veel"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Contains(bad.err, "--fte 'veel' is not a number")) << bad.err;
  // Contradictory or empty changes are refused, not saved half.
  for (const auto& [args, said] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--plan", "veilig-verkeer=6", "--drop", "veilig-verkeer"},
            "--plan and --drop both name 'veilig-verkeer'"},
           {{"--plan", "veilig-verkeer=6", "--plan", "veilig-verkeer=7"},
            "--plan names 'veilig-verkeer' twice"},
           {{"--drop", "veilig-verkeer", "--drop", "veilig-verkeer"},
            "--drop names 'veilig-verkeer' twice"},
           {{}, "nothing to change"},
           {{"--available", "0x10"}, "--available '0x10' is not a number"}}) {
    std::vector<std::string> cmd = {"capacity", "set", "heumen"};
    cmd.insert(cmd.end(), args.begin(), args.end());
    ProcessResult r = env.Cli(cmd);
    EXPECT_EQ(r.exit_code, 2) << said;
    EXPECT_TRUE(Contains(r.err, said)) << r.err;
  }

  // The plan line of an ambition taken out of use stays while the plan is changed.
  const std::string verkeer = PlanOf(env.Cli({"capacity", "plans"}).out, "heumen");
  ASSERT_TRUE(Contains(verkeer, "  veilig-verkeer")) << verkeer;
  // An ambition changes only in what the flags name: the weight stays when it is taken out
  // of use and back; a new one needs its name and rank; a weight of 0 is refused, not 1.
  ProcessResult heavier = env.Cli({"capacity", "ambition", "veilig-verkeer", "--weight", "2"});
  ASSERT_EQ(heavier.exit_code, 0) << heavier.err;
  ProcessResult off = env.Cli({"capacity", "ambition", "veilig-verkeer", "--active", "no"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_TRUE(Contains(off.out, "weight 2, IVP priority, inactive")) << off.out;
  ASSERT_EQ(env.Cli({"capacity", "set", "heumen", "--fte", "2.5"}).exit_code, 0);
  ProcessResult on = env.Cli({"capacity", "ambition", "veilig-verkeer", "--active", "yes"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_TRUE(Contains(on.out, "Ambition veilig-verkeer changed: Veilig verkeer, rank 4, weight 2"))
      << on.out;
  EXPECT_TRUE(Contains(PlanOf(env.Cli({"capacity", "plans"}).out, "heumen"), "  veilig-verkeer"));
  ProcessResult unnamed = env.Cli({"capacity", "ambition", "jeugd", "--weight", "2"});
  EXPECT_EQ(unnamed.exit_code, 1);
  EXPECT_TRUE(Contains(unnamed.err, "there is no ambition 'jeugd' yet: a new one needs --name and --rank"))
      << unnamed.err;
  ProcessResult weightless = env.Cli({"capacity", "ambition", "veilig-verkeer", "--weight", "0"});
  EXPECT_EQ(weightless.exit_code, 2);
  EXPECT_TRUE(Contains(weightless.err, "--weight '0' must be from 0.001 to 1000")) << weightless.err;

  // An ambition leaves the plan only when asked; a name not in it is refused.
  ProcessResult drop = env.Cli({"capacity", "set", "heumen", "--drop", "ondermijning"});
  ASSERT_EQ(drop.exit_code, 0) << drop.err;
  EXPECT_FALSE(Contains(PlanOf(env.Cli({"capacity", "plans"}).out, "heumen"), "ondermijning"));
  ProcessResult unknown = env.Cli({"capacity", "set", "heumen", "--drop", "ondermijning"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_TRUE(Contains(unknown.err, "--drop 'ondermijning': heumen has no plan for that ambition"))
      << unknown.err;
  ProcessResult fresh = env.Cli({"capacity", "set", "nijmegen", "--plan", "regulier=10"});
  EXPECT_NE(fresh.exit_code, 0);
  EXPECT_TRUE(Contains(fresh.err, "--fte is required: nijmegen has no capacity yet")) << fresh.err;

  // A loan rule: a new one says whether it is allowed; then the cost changes and the "not
  // allowed" stays; a cost below 1 is refused (lending would pay for itself).
  ProcessResult unsaid = env.Cli({"capacity", "loan", "heumen", "druten", "--cost", "2"});
  EXPECT_NE(unsaid.exit_code, 0);
  EXPECT_TRUE(Contains(unsaid.err, "--allowed yes|no is required: heumen -> druten has no rule yet"))
      << unsaid.err;
  ProcessResult forbid = env.Cli({"capacity", "loan", "heumen", "druten", "--allowed", "no"});
  ASSERT_EQ(forbid.exit_code, 0) << forbid.err;
  EXPECT_TRUE(Contains(forbid.out, "heumen -> druten not allowed")) << forbid.out;
  ProcessResult cost = env.Cli({"capacity", "loan", "heumen", "druten", "--cost", "2"});
  ASSERT_EQ(cost.exit_code, 0) << cost.err;
  EXPECT_TRUE(Contains(cost.out, "heumen -> druten not allowed, cost 2")) << cost.out;
  EXPECT_TRUE(Contains(env.Cli({"capacity", "plans"}).out, "heumen -> druten: not allowed, cost 2"));
  ProcessResult zero = env.Cli({"capacity", "loan", "heumen", "druten", "--cost", "0"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_TRUE(Contains(zero.err, "--cost '0' must be from 1 to 1000 (a lent hour costs at least a "
                                  "local hour)"))
      << zero.err;
  ProcessResult cheap = env.Cli({"capacity", "loan", "heumen", "druten", "--cost", "0.9"});
  EXPECT_EQ(cheap.exit_code, 2);
  EXPECT_TRUE(Contains(cheap.err, "--cost '0.9' must be from 1 to 1000")) << cheap.err;
  ProcessResult one = env.Cli({"capacity", "loan", "heumen", "druten", "--cost", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(Contains(one.out, "heumen -> druten not allowed, cost 1.")) << one.out;
  EXPECT_EQ(env.StopServer(), 0);
}

TEST(CapacityCli, ASecondApprovalNamesWhatItReplacesAndAnEndedOneIsNotApprovedAgain) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  const absl::TimeZone amsterdam = Amsterdam();
  const std::string week =
      absl::FormatTime("%G-W%V", absl::Now() + absl::Hours(24 * 7), amsterdam);
  std::vector<std::string> ids;
  for (const char* policy : {"priority", "equal-share"}) {
    ProcessResult p =
        env.Cli({"capacity", "propose", "--crisis", "1", "--week", week, "--policy", policy});
    ASSERT_EQ(p.exit_code, 0) << p.err;
    ids.push_back(After(p.out, "Proposal "));
  }
  // Both are listed for the week, newest first.
  ProcessResult listed = env.Cli({"capacity", "proposals", "--crisis", "1", "--week", week});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_LT(listed.out.find(absl::StrCat(ids[1], " ")), listed.out.find(absl::StrCat(ids[0], " ")))
      << listed.out;
  EXPECT_TRUE(Contains(listed.out, "equal-share") && Contains(listed.out, week)) << listed.out;
  ProcessResult bad = env.Cli({"capacity", "proposals", "--crisis", "1", "--week", "week 49"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_TRUE(Contains(bad.err, "week: ")) << bad.err;
  // For scripts: a proposal in JSON has its loans and allocations; plans have the loan rules.
  ProcessResult pj = env.Cli({"capacity", "proposal", ids[0], "--json"});
  ASSERT_EQ(pj.exit_code, 0) << pj.err;
  absl::StatusOr<json::Value> proposal = json::Parse(pj.out);
  ASSERT_TRUE(proposal.ok()) << pj.out;
  ASSERT_NE(proposal->Find("allocations"), nullptr) << pj.out;
  EXPECT_FALSE(proposal->Find("allocations")->as_array().empty()) << pj.out;
  ASSERT_NE(proposal->Find("loans"), nullptr) << pj.out;
  ProcessResult plans = env.Cli({"capacity", "plans", "--json"});
  ASSERT_EQ(plans.exit_code, 0) << plans.err;
  EXPECT_TRUE(Contains(plans.out, "\"same_region_default\"")) << plans.out;
  EXPECT_FALSE(Contains(plans.out, "0000-W00")) << plans.out;

  ProcessResult first = env.Cli({"capacity", "approve", ids[0]});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ProcessResult marked = env.Cli({"capacity", "proposals", "--crisis", "1", "--week", week, "--json"});
  ASSERT_EQ(marked.exit_code, 0) << marked.err;
  EXPECT_TRUE(Contains(marked.out, "\"in_force\": true")) << marked.out;
  const std::string allocation = After(first.out, "allocation ");
  // A retry while it is in force gives the same answer.
  ProcessResult retry = env.Cli({"capacity", "approve", ids[0]});
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_EQ(retry.out, first.out);

  ProcessResult second = env.Cli({"capacity", "approve", ids[1], "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  absl::StatusOr<json::Value> approved = json::Parse(second.out);  // approve answers in JSON too
  ASSERT_TRUE(approved.ok() && approved->is_array() && approved->as_array().size() == 1u)
      << second.out;
  EXPECT_EQ(approved->as_array()[0].Find("proposal")->Serialize(), ids[1]) << second.out;
  EXPECT_TRUE(approved->as_array()[0].Find("in_force")->as_bool()) << second.out;
  ProcessResult log = env.Cli({"crisis", "show", "1"});
  EXPECT_TRUE(Contains(log.out, absl::StrCat("It replaces allocation ", allocation, " (proposal ",
                                             ids[0])))
      << log.out;

  ProcessResult again = env.Cli({"capacity", "approve", ids[0]});
  EXPECT_EQ(again.exit_code, 1) << again.out;
  EXPECT_TRUE(Contains(again.err, absl::StrCat("proposal ", ids[0], " was approved as allocation ",
                                               allocation)))
      << again.err;
  EXPECT_TRUE(Contains(again.err, "to apply this plan again, make a new proposal")) << again.err;
  ProcessResult show = env.Cli(
      {"capacity", "show", "--at",
       absl::FormatTime("%Y-%m-%d 12:00", absl::Now() + absl::Hours(24 * 7), amsterdam)});
  EXPECT_TRUE(Contains(show.out, absl::StrCat("(proposal ", ids[1], ")"))) << show.out;

  // A second week in force too; restoring every week of the crisis names each one it ended.
  const std::string later =
      absl::FormatTime("%G-W%V", absl::Now() + absl::Hours(24 * 14), amsterdam);
  ProcessResult demand = env.Cli({"capacity", "demand", "set", "--crisis", "1", "--week", later,
                                  "--municipality", "heumen", "--hours", "6"});
  ASSERT_EQ(demand.exit_code, 0) << demand.err;
  ProcessResult proposed = env.Cli({"capacity", "propose", "--crisis", "1", "--week", later});
  ASSERT_EQ(proposed.exit_code, 0) << proposed.err;
  ASSERT_EQ(env.Cli({"capacity", "approve", After(proposed.out, "Proposal ")}).exit_code, 0);
  ProcessResult restored = env.Cli({"capacity", "restore", "--crisis", "1"});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_TRUE(Contains(restored.out, absl::StrCat(", ", week, ": approved"))) << restored.out;
  EXPECT_TRUE(Contains(restored.out, absl::StrCat(", ", later, ": approved"))) << restored.out;
  EXPECT_EQ(std::count(restored.out.begin(), restored.out.end(), '\n'), 2) << restored.out;
  EXPECT_EQ(env.StopServer(), 0);
}

// An allocation whose week is over ended with its week: `capacity proposals` does not call it
// in force, and restoring the crisis's weeks leaves it.
TEST(CapacityCli, AnAllocationOfAWeekThatIsOverIsNotInForce) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  const absl::TimeZone amsterdam = Amsterdam();
  const std::string week =
      absl::FormatTime("%G-W%V", absl::Now() + absl::Hours(24 * 7), amsterdam);
  ProcessResult p = env.Cli({"capacity", "propose", "--crisis", "1", "--week", week});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  const std::string id = After(p.out, "Proposal ");
  ASSERT_EQ(env.Cli({"capacity", "approve", id}).exit_code, 0);
  ProcessResult listed = env.Cli({"capacity", "proposals", "--crisis", "1", "--json"});
  ASSERT_TRUE(Contains(listed.out, "\"in_force\": true")) << listed.out;

  // Weeks pass: as the database holds it then, the allocation's week lies three weeks back.
  const std::string past =
      absl::FormatTime("%G-W%V", absl::Now() - absl::Hours(24 * 21), amsterdam);
  ASSERT_EQ(env.StopServer(), 0);
  sqlite3* conn = nullptr;
  ASSERT_EQ(sqlite3_open((env.data_dir() + "/paraat.db").c_str(), &conn), SQLITE_OK);
  const std::string sql = absl::StrCat("UPDATE allocation SET iso_year = ", past.substr(0, 4),
                                       ", iso_week = ", std::stoi(past.substr(6)));
  EXPECT_EQ(sqlite3_exec(conn, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(conn);
  env.StartServer();
  ASSERT_EQ(env.Login("administrator").exit_code, 0);  // a session is per server address

  listed = env.Cli({"capacity", "proposals", "--crisis", "1", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_TRUE(Contains(listed.out, "\"in_force\": false")) << listed.out;
  EXPECT_FALSE(Contains(listed.out, "\"in_force\": true")) << listed.out;
  ProcessResult table = env.Cli({"capacity", "proposals", "--crisis", "1"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_FALSE(Contains(table.out, " yes")) << table.out;
  ProcessResult history = env.Cli({"capacity", "show", "--history"});
  EXPECT_TRUE(Contains(history.out, "was in force (its week is over)")) << history.out;
  ProcessResult history_json = env.Cli({"capacity", "show", "--history", "--json"});
  ASSERT_EQ(history_json.exit_code, 0) << history_json.err;
  EXPECT_TRUE(Contains(history_json.out, "\"week_over\": true")) << history_json.out;
  EXPECT_FALSE(Contains(history_json.out, "\"in_force\": true")) << history_json.out;
  ProcessResult restore = env.Cli({"capacity", "restore", "--crisis", "1"});
  EXPECT_EQ(restore.exit_code, 1) << restore.out;
  EXPECT_TRUE(Contains(restore.err, "ended with its week")) << restore.err;
  EXPECT_EQ(env.StopServer(), 0);
}

// A proposal gives hours as its decision in the crisis log does (two decimals), so the loans
// add up to what each municipality borrows; and it says what covers the demand when no
// ambition gives up hours.
TEST(CapacityCli, AProposalGivesHoursAsTheLogDoesAndSaysWhatCoversTheDemand) {
  DemoEnvironment env;
  ASSERT_TRUE(env.StartAndLogin("administrator"));
  const absl::TimeZone amsterdam = Amsterdam();
  const std::string week =
      absl::FormatTime("%G-W%V", absl::Now() + absl::Hours(24 * 7), amsterdam);
  ProcessResult made = env.Cli({"capacity", "propose", "--crisis", "1", "--week", week,
                                "--policy", "equal-share", "--json"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  absl::StatusOr<json::Value> proposal = json::Parse(made.out);
  ASSERT_TRUE(proposal.ok()) << made.out;
  const std::string id = proposal->Find("id")->Serialize();
  ProcessResult text = env.Cli({"capacity", "proposal", id});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  // The demo's equal-share lends 17.85 h: some loan has a fraction one decimal would round.
  bool fractional = false;
  std::map<std::string, double> borrowed;
  for (const json::Value& l : proposal->Find("loans")->as_array()) {
    const double hours = l.Find("hours")->as_double();
    fractional = fractional || std::abs(hours * 10 - std::round(hours * 10)) > 1e-6;
    borrowed[l.Find("borrower")->as_string()] += hours;
    EXPECT_TRUE(Contains(text.out, absl::StrCat(l.Find("lender")->as_string(), " lends ",
                                                capacity::FormatHours(hours), " h/week to ",
                                                l.Find("borrower")->as_string())))
        << text.out;
  }
  EXPECT_TRUE(fractional) << made.out;
  for (const auto& [municipality, hours] : borrowed) {
    const size_t row = text.out.find("\n" + municipality + " ");
    ASSERT_NE(row, std::string::npos) << text.out;
    const std::string line = text.out.substr(row, text.out.find('\n', row + 1) - row);
    EXPECT_TRUE(Contains(line, absl::StrCat(" ", capacity::FormatHours(hours), " "))) << line;
  }
  ASSERT_EQ(env.Cli({"capacity", "approve", id}).exit_code, 0);
  ProcessResult log = env.Cli({"crisis", "show", "1"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  EXPECT_TRUE(Contains(log.out, "lent 17.85 h")) << log.out;

  // A week beyond the demo's demand: Heumen asks 4 h, has 2 h slack and borrows the rest from
  // others' slack. No ambition gives up hours, and the proposal says that loans helped.
  const std::string quiet =
      absl::FormatTime("%G-W%V", absl::Now() + absl::Hours(24 * 7 * 5), amsterdam);
  ASSERT_EQ(env.Cli({"capacity", "demand", "set", "--crisis", "1", "--week", quiet,
                     "--municipality", "heumen", "--hours", "4"})
                .exit_code,
            0);
  ProcessResult lent = env.Cli({"capacity", "propose", "--crisis", "1", "--week", quiet});
  ASSERT_EQ(lent.exit_code, 0) << lent.err;
  EXPECT_TRUE(Contains(lent.out, " h/week to heumen")) << lent.out;
  EXPECT_TRUE(Contains(lent.out, "(none: slack, overtime and hours lent cover the demand)"))
      << lent.out;
  EXPECT_FALSE(Contains(lent.out, "(none: slack and overtime cover the demand)")) << lent.out;
  EXPECT_EQ(env.StopServer(), 0);
}

}  // namespace
}  // namespace paraat::testing
