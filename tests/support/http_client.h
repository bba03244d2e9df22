// SPDX-License-Identifier: EUPL-1.2
// A blocking HTTP/1.1 client for tests of the HTTP side door: one request per connection
// to 127.0.0.1, plain POSIX sockets, the raw reply kept so tests can check every header.
#ifndef PARAAT_TESTS_SUPPORT_HTTP_CLIENT_H_
#define PARAAT_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace paraat::testing {

struct HttpReply {
  std::string error;  // empty when a whole reply was read
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order
  std::string body;
  std::string raw;  // everything the server sent

  // The first header of that name (case-insensitive), or "".
  std::string Header(const std::string& name) const;
};

// Sends `method path` to 127.0.0.1:`port` with the given headers (Host and Connection: close
// are added) and reads the reply: the status line, the headers, and Content-Length bytes of
// body (none for HEAD, 204 and 304).
HttpReply HttpFetch(int port, const std::string& method, const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& headers = {},
                    absl::Duration timeout = absl::Seconds(20));

}  // namespace paraat::testing

#endif  // PARAAT_TESTS_SUPPORT_HTTP_CLIENT_H_
