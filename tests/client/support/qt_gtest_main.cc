// SPDX-License-Identifier: EUPL-1.2
// The main of the client tests: GoogleTest inside a Qt application on the offscreen platform
// (QApplication when the test links Qt Widgets, else QCoreApplication), with the client's
// configuration directory moved to a fresh temporary directory so that no test reads or
// writes the user's session or settings.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#ifdef QT_WIDGETS_LIB
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  const char* tmp = std::getenv("TMPDIR");
  std::string dir =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/paraat-client-test-XXXXXX";
  if (::mkdtemp(dir.data()) == nullptr) return 2;
  ::setenv("PARAAT_CONFIG_DIR", dir.c_str(), 1);
  ::unsetenv("PARAAT_SERVER");
  int code;
  {
    TestApplication app(argc, argv);
    code = RUN_ALL_TESTS();
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return code;
}
