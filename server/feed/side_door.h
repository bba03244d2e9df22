// SPDX-License-Identifier: EUPL-1.2
// The server's HTTP side door: Qt HttpServer in the server's Qt event loop, plaintext, meant
// to sit behind a reverse proxy with TLS. Routes are registered by path, so the iCalendar
// feeds (/ical/) and later /metrics share one listener. Everything else gets 404.
#ifndef PARAAT_SERVER_FEED_SIDE_DOOR_H_
#define PARAAT_SERVER_FEED_SIDE_DOOR_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace paraat::feed {

struct HttpRequest {
  std::string method;                          // "GET", "HEAD", ...
  std::string path;                            // percent-decoded, without the query
  std::map<std::string, std::string> headers;  // names in lower case
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Length is added
  std::string body;

  // A bare status: no body and no headers but Content-Length: 0.
  static HttpResponse Status(int status) { return HttpResponse{status, {}, {}}; }
  // 405 for a method other than GET and HEAD, with the Allow header RFC 9110 asks for.
  static HttpResponse NotAllowed() { return HttpResponse{405, {{"Allow", "GET, HEAD"}}, {}}; }
};

// Runs in the thread of the event loop; it must not block for long (reading the database
// for one feed is fine).
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class SideDoor {
 public:
  SideDoor();
  ~SideDoor();
  SideDoor(const SideDoor&) = delete;
  SideDoor& operator=(const SideDoor&) = delete;

  // Serves `pattern` with `handler`: a pattern ending in '/' matches every path under it
  // ("/ical/"), any other only itself ("/metrics"); the longest match wins. Register routes
  // before or after Listen, from the event loop's thread.
  void Route(std::string pattern, HttpHandler handler);

  // Starts listening on HOST:PORT (an IP address; port 0 picks a free one) and returns the
  // port. Needs a QCoreApplication. INVALID_ARGUMENT: not HOST:PORT with an IP address;
  // UNAVAILABLE: the address cannot be bound.
  [[nodiscard]] absl::StatusOr<int> Listen(absl::string_view host_port);

  // What to answer `request` with (the routing, without a socket; for tests).
  HttpResponse Dispatch(const HttpRequest& request) const;

  // From now on every route answers 503 with `reason` and Retry-After (unknown paths still
  // 404), and no handler runs: for the time the server shuts down, when the stores the
  // handlers read are closing. Called from the event loop's thread.
  void Drain(std::string reason) { draining_ = std::move(reason); }

 private:
  class Server;
  std::map<std::string, HttpHandler> routes_;
  std::string draining_;  // non-empty: Drain was called
  std::unique_ptr<Server> server_;
};

}  // namespace paraat::feed

#endif  // PARAAT_SERVER_FEED_SIDE_DOOR_H_
