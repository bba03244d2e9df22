// SPDX-License-Identifier: EUPL-1.2
#include "tests/support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace paraat::testing {

std::string HttpReply::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (absl::EqualsIgnoreCase(k, name)) return v;
  }
  return "";
}

namespace {

// Reads what is available within the deadline; false on timeout, error or end of stream.
bool ReadMore(int fd, absl::Time deadline, std::string& into) {
  const int64_t ms = absl::ToInt64Milliseconds(deadline - absl::Now());
  if (ms <= 0) return false;
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(ms)) <= 0) return false;
  char buf[16384];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  if (n <= 0) return false;
  into.append(buf, static_cast<size_t>(n));
  return true;
}

}  // namespace

HttpReply HttpFetch(int port, const std::string& method, const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& headers,
                    absl::Duration timeout) {
  HttpReply reply;
  const absl::Time deadline = absl::Now() + timeout;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    reply.error = "socket() failed";
    return reply;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    reply.error = absl::StrCat("cannot connect to 127.0.0.1:", port, ": ", std::strerror(errno));
    ::close(fd);
    return reply;
  }
  std::string request = absl::StrCat(method, " ", path, " HTTP/1.1\r\nHost: 127.0.0.1:", port,
                                     "\r\nConnection: close\r\n");
  for (const auto& [k, v] : headers) absl::StrAppend(&request, k, ": ", v, "\r\n");
  request += "\r\n";
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::write(fd, request.data() + sent, request.size() - sent);
    if (n <= 0) {
      reply.error = "write failed";
      ::close(fd);
      return reply;
    }
    sent += static_cast<size_t>(n);
  }
  size_t head_end;
  while ((head_end = reply.raw.find("\r\n\r\n")) == std::string::npos) {
    if (!ReadMore(fd, deadline, reply.raw)) {
      reply.error = absl::StrCat("no complete reply head; got: ", reply.raw);
      ::close(fd);
      return reply;
    }
  }
  std::vector<std::string> lines = absl::StrSplit(reply.raw.substr(0, head_end), "\r\n");
  std::vector<std::string> status_line = absl::StrSplit(lines[0], absl::MaxSplits(' ', 2));
  if (status_line.size() < 2 || !absl::SimpleAtoi(status_line[1], &reply.status)) {
    reply.error = absl::StrCat("bad status line: ", lines[0]);
    ::close(fd);
    return reply;
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == std::string::npos) continue;
    reply.headers.emplace_back(
        lines[i].substr(0, colon),
        std::string(absl::StripAsciiWhitespace(absl::string_view(lines[i]).substr(colon + 1))));
  }
  size_t length = 0;
  const bool no_body = method == "HEAD" || reply.status == 204 || reply.status == 304;
  if (!no_body && !absl::SimpleAtoi(reply.Header("Content-Length"), &length)) {
    reply.error = "no Content-Length";
    ::close(fd);
    return reply;
  }
  const size_t body_start = head_end + 4;
  while (!no_body && reply.raw.size() < body_start + length) {
    if (!ReadMore(fd, deadline, reply.raw)) {
      reply.error = "the body ended early";
      break;
    }
  }
  reply.body = reply.raw.substr(std::min(body_start, reply.raw.size()), no_body ? 0 : length);
  ::close(fd);
  return reply;
}

}  // namespace paraat::testing
