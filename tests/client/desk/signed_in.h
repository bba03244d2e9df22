// SPDX-License-Identifier: EUPL-1.2
// A paraat-desk main window that starts signed in, as after `paraat login`: the test server
// signs `role` in and the session is stored where the desk looks for it.
#ifndef PARAAT_TESTS_CLIENT_DESK_SIGNED_IN_H_
#define PARAAT_TESTS_CLIENT_DESK_SIGNED_IN_H_

#include <gtest/gtest.h>

#include <string>

#include "absl/time/clock.h"
#include "client/api/session_store.h"
#include "client/desk/main_window.h"
#include "tests/support/test_server.h"

namespace paraat::testing {

// Options for a MainWindow that signs in from the stored session of `role` (never with the
// dialog), keeping its offline cache in `cache_dir` (the default place when empty).
inline desk::MainWindow::Options SignedIn(TestServer& server, const std::string& role,
                                          const std::string& cache_dir = "") {
  const std::string token = server.LoginAs(role);
  const absl::Status saved = client::SaveSession(
      {server.address(), server.account(role).username, token, absl::Now() + absl::Hours(2)});
  EXPECT_TRUE(saved.ok()) << saved;
  desk::MainWindow::Options o;
  o.server = QString::fromStdString(server.address());
  o.interactive = false;
  if (!cache_dir.empty()) o.cacheDir = QString::fromStdString(cache_dir);
  return o;
}

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_CLIENT_DESK_SIGNED_IN_H_
