// SPDX-License-Identifier: EUPL-1.2
// The data directory's secrets (the database, the signing key, a TLS key) are the server's
// alone: ExposedFiles names each one others can read, with the chmod that closes it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "server/app/app.h"
#include "server/app/data_dir.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::TempDir;

TEST(DataDirTest, SecretsOthersCanReadAreNamedWithTheirMode) {
  TempDir dir;
  const app::DataDirPaths paths{dir.File("data")};
  ASSERT_TRUE(app::InitDataDir(paths.dir, /*demo=*/false).ok());
  const std::string tls_key = dir.File("server.key");
  { std::ofstream(tls_key) << "-----BEGIN PRIVATE KEY-----\n"; }
  ::chmod(tls_key.c_str(), 0600);
  // As init leaves them: nothing to say.
  EXPECT_THAT(app::ExposedFiles(paths, tls_key), IsEmpty());

  ::chmod(paths.dir.c_str(), 0755);
  ::chmod(paths.signing_key().c_str(), 0640);
  ::chmod(tls_key.c_str(), 0644);
  EXPECT_THAT(app::ExposedFiles(paths, tls_key),
              ElementsAre(paths.dir + " is open to every user of this machine (mode 0755); chmod 700 " +
                              paths.dir,
                          paths.signing_key() + " is open to its group (mode 0640); chmod 600 " +
                              paths.signing_key(),
                          tls_key + " is open to every user of this machine (mode 0644); chmod 600 " +
                              tls_key));
  // No TLS key given: not looked at.
  EXPECT_EQ(app::ExposedFiles(paths, "").size(), 2u);
}

}  // namespace
}  // namespace paraat
