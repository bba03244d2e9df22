// SPDX-License-Identifier: EUPL-1.2
// What a torn crisis-log write would leave behind, made by hand in a demo data directory, is
// reported by the real `paraat-server verify`: an entry whose leaf is missing from the Merkle
// tree, and a stored tree head (the frontier the next append builds on) that is not the tree
// of the entries. The crash harness relies on verify for these.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/fault/server_process.h"
#include "tests/support/process.h"

namespace paraat::fault {

using ::paraat::testing::ProcessResult;
using ::paraat::testing::RunProcess;
namespace {

using ::testing::HasSubstr;

class VerifyTornTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = absl::StrCat(base != nullptr && *base != '\0' ? base : "/tmp",
                                    "/paraat-torn-XXXXXX");
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    data_ = dir_ + "/data";
    ProcessResult init = RunProcess({PARAAT_SERVER_BIN, "init", "--data-dir", data_, "--demo"}, {}, "",
                              absl::Seconds(60));
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2((data_ + "/paraat.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr),
              SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  ProcessResult Verify() {
    return RunProcess({PARAAT_SERVER_BIN, "verify", "--data-dir", data_}, {}, "", absl::Seconds(60));
  }

  std::string dir_, data_;
};

TEST_F(VerifyTornTest, TheDemoVerifies) {
  ProcessResult v = Verify();
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("Everything verifies."));
}

TEST_F(VerifyTornTest, AnEntryWithoutItsLeafIsReported) {
  Tamper("DELETE FROM ledger_node WHERE crisis_id = 1 AND level = 0 AND idx = 6;");
  ProcessResult v = Verify();
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_THAT(v.err, HasSubstr("FAILED: crisis 1 entry 7 has no leaf in the Merkle tree"));
}

TEST_F(VerifyTornTest, ATreeHeadThatIsNotTheTreeOfTheEntriesIsReported) {
  // The last hash of the stored frontier changed: a head the next append would build a
  // wrong tree on, while every entry row and leaf is intact.
  Tamper("UPDATE crisis SET frontier = CAST(substr(frontier, 1, length(frontier) - 32) || "
         "zeroblob(32) AS BLOB) WHERE id = 1;");
  ProcessResult v = Verify();
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_THAT(v.err, HasSubstr("FAILED: crisis 1: the stored tree head ("));
  EXPECT_THAT(v.err, HasSubstr(") is not the tree of its "));
}

}  // namespace
}  // namespace paraat::fault
