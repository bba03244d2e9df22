// SPDX-License-Identifier: EUPL-1.2
#include "tests/support/ics_parser.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace paraat::testing {

namespace {

std::string ParserScript() { return PARAAT_SOURCE_DIR "/tests/common/ical/parse_ics.py"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

ParsedIcs ParseIcs(const std::string& ics) {
  ParsedIcs parsed;
  const char* tmp = std::getenv("TMPDIR");
  static int counter = 0;
  const std::string base = absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp",
                                        "/paraat_ics_", getpid(), "_", ++counter);
  const std::string ics_path = base + ".ics";
  const std::string err_path = base + ".stderr";
  {
    std::ofstream file(ics_path, std::ios::binary);
    file << ics;
  }
  const std::string command =
      absl::StrFormat("'%s' '%s' '%s' 2>'%s'", kSystemPython, ParserScript(), ics_path, err_path);
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r"); pipe != nullptr) {
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    const int status = pclose(pipe);
    parsed.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  parsed.err = ReadFile(err_path);
  std::remove(ics_path.c_str());
  std::remove(err_path.c_str());
  if (parsed.exit_code != 0) return parsed;
  absl::StatusOr<json::Value> items = json::Parse(out);
  if (!items.ok() || !items->is_array()) {
    parsed.exit_code = -1;
    parsed.err = absl::StrCat("parse_ics.py printed no JSON array: ", out);
    return parsed;
  }
  for (const json::Value& item : items->as_array()) {
    const json::Value* component = item.Find("component");
    if (component != nullptr && component->as_string() == "VEVENT") {
      parsed.events.push_back(item);
    } else {
      parsed.observances.push_back(item);
    }
  }
  return parsed;
}

}  // namespace paraat::testing
