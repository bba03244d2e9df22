// SPDX-License-Identifier: EUPL-1.2
#include "server/feed/side_door.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QUrl>
#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerRequest>
#include <QtHttpServer/QHttpServerResponder>
#include <QtNetwork/QHostAddress>

#include <cstring>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace paraat::feed {

namespace {

std::string MethodName(QHttpServerRequest::Method m) {
  switch (m) {
    case QHttpServerRequest::Method::Get:
      return "GET";
    case QHttpServerRequest::Method::Head:
      return "HEAD";
    case QHttpServerRequest::Method::Post:
      return "POST";
    case QHttpServerRequest::Method::Put:
      return "PUT";
    case QHttpServerRequest::Method::Delete:
      return "DELETE";
    case QHttpServerRequest::Method::Options:
      return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
      return "PATCH";
    case QHttpServerRequest::Method::Connect:
      return "CONNECT";
    case QHttpServerRequest::Method::Trace:
      return "TRACE";
    default:
      return "UNKNOWN";
  }
}

// Writes the whole answer through Qt's responder: status line, the handler's headers,
// Content-Length, and the body (not for HEAD, which gets the length GET would have). A 304 or
// 204 has no body and no Content-Length (RFC 9110 8.6: on a 304 it would have to be the
// length of the whole representation, and a cache could take a 0 for an empty calendar).
void Write(QHttpServerResponder responder, const HttpResponse& r, bool head) {
  responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(r.status));
  for (const auto& [name, value] : r.headers) {
    responder.writeHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value));
  }
  if (r.status != 304 && r.status != 204) {
    responder.writeHeader("Content-Length", QByteArray::number(static_cast<qint64>(r.body.size())));
  }
  if (head) {
    responder.writeBody("", 0);
  } else {
    responder.writeBody(r.body.data(), static_cast<qint64>(r.body.size()));
  }
}

// Qt HttpServer's debug and info messages print whole requests, secret paths included; they
// stay off whatever QT_LOGGING_RULES says. Its warnings (socket errors) carry no URL.
QLoggingCategory::CategoryFilter previous_filter = nullptr;

void KeepRequestsOutOfTheLog(QLoggingCategory* category) {
  if (previous_filter != nullptr) previous_filter(category);
  if (std::strncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
    category->setEnabled(QtDebugMsg, false);
    category->setEnabled(QtInfoMsg, false);
  }
}

}  // namespace

// Qt's QAbstractHttpServer with Paraat's own routing by path: handlers see and return plain
// values (no Qt types), and every answer, 404 included, is written here in full.
class SideDoor::Server : public QAbstractHttpServer {
 public:
  explicit Server(const SideDoor* door) : door_(door) {}

 protected:
  bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override {
    HttpRequest r;
    r.method = MethodName(request.method());
    r.path = request.url().path(QUrl::FullyDecoded).toStdString();
    for (const auto& [name, value] : request.headers()) {
      r.headers[absl::AsciiStrToLower(name.toStdString())] = value.toStdString();
    }
    Write(makeResponder(request, socket), door_->Dispatch(r), r.method == "HEAD");
    return true;
  }

  void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override {
    Write(makeResponder(request, socket), HttpResponse::Status(404), false);
  }

 private:
  const SideDoor* door_;
};

SideDoor::SideDoor() {
  static std::once_flag once;
  std::call_once(
      once, [] { previous_filter = QLoggingCategory::installFilter(KeepRequestsOutOfTheLog); });
}
SideDoor::~SideDoor() = default;

void SideDoor::Route(std::string pattern, HttpHandler handler) {
  routes_[std::move(pattern)] = std::move(handler);
}

HttpResponse SideDoor::Dispatch(const HttpRequest& request) const {
  const HttpHandler* best = nullptr;
  size_t best_length = 0;
  for (const auto& [pattern, handler] : routes_) {
    const bool match = pattern == request.path ||
                       (absl::EndsWith(pattern, "/") && absl::StartsWith(request.path, pattern));
    if (match && (best == nullptr || pattern.size() > best_length)) {
      best = &handler;
      best_length = pattern.size();
    }
  }
  if (best == nullptr) return HttpResponse::Status(404);
  if (!draining_.empty()) {
    return HttpResponse{503,
                        {{"Content-Type", "text/plain; charset=utf-8"},
                         {"Cache-Control", "no-store"},
                         {"Retry-After", "5"}},
                        absl::StrCat(draining_, "\n")};
  }
  return (*best)(request);
}

absl::StatusOr<int> SideDoor::Listen(absl::string_view host_port) {
  const size_t colon = host_port.rfind(':');
  int port = -1;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(host_port.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http-listen '", host_port, "' is not HOST:PORT (e.g. 127.0.0.1:8080)"));
  }
  std::string host(host_port.substr(0, colon));
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]")) {
    host = host.substr(1, host.size() - 2);
  }
  QHostAddress address;
  if (host == "localhost") {
    address = QHostAddress(QHostAddress::LocalHost);
  } else if (!address.setAddress(QString::fromStdString(host))) {
    return absl::InvalidArgumentError(absl::StrCat("--http-listen '", host_port, "': '", host,
                                                   "' is not an IP address (e.g. 127.0.0.1)"));
  }
  if (server_ == nullptr) server_ = std::make_unique<Server>(this);
  const quint16 bound = server_->listen(address, static_cast<quint16>(port));
  if (bound == 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", host_port,
        " for HTTP: the address is in use by another program or not available on this machine"));
  }
  return static_cast<int>(bound);
}

}  // namespace paraat::feed
