// SPDX-License-Identifier: EUPL-1.2
// Where the client keeps its session token and settings, shared by paraat and paraat-desk:
// $PARAAT_CONFIG_DIR, else $XDG_CONFIG_HOME/paraat, else ~/.config/paraat. Files are 0600.
#ifndef PARAAT_CLIENT_API_SESSION_STORE_H_
#define PARAAT_CLIENT_API_SESSION_STORE_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace paraat::client {

struct StoredSession {
  std::string server;
  std::string username;
  std::string token;
  absl::Time expires = absl::InfinitePast();
};

std::string ConfigDir();

// The stored session, or nullopt when there is none (also after ClearSession). A damaged
// file is DATA_LOSS naming it.
[[nodiscard]] absl::StatusOr<std::optional<StoredSession>> LoadSession();
[[nodiscard]] absl::Status SaveSession(const StoredSession& session);
// Forgets the token; the server it was for stays (LastServer).
[[nodiscard]] absl::Status ClearSession();
// The server of the last session saved, also after ClearSession or its expiry; "" if none.
std::string LastServer();

// Settings from ConfigDir()/config ("name = value" lines), e.g. server = host:port.
[[nodiscard]] absl::StatusOr<std::map<std::string, std::string>> LoadClientConfig();
[[nodiscard]] absl::Status SaveClientSetting(const std::string& name, const std::string& value);

// The server to talk to: `flag` when given, else $PARAAT_SERVER, else the config file's
// `server`, else the server last logged in to (LastServer), else 127.0.0.1:50051; as
// NormaliseServerAddress gives it (the default port added). INVALID_ARGUMENT naming where a
// malformed address came from.
[[nodiscard]] absl::StatusOr<std::string> ResolveServerAddress(const std::string& flag);
// The same; a malformed address as it was given (connecting to it then fails).
std::string ResolveServer(const std::string& flag);

}  // namespace paraat::client

#endif  // PARAAT_CLIENT_API_SESSION_STORE_H_
