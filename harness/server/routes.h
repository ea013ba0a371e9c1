// The reference server's resources and the semantics of each (RFC 9110):
// methods and Allow (§9, §15.5.6), conditional requests in the §13.2.2 order,
// byte ranges (§14), Expect (§10.1.1), the status-code routes, Basic
// authentication, the WebSocket handshake (RFC 6455 §4.2.2). Everything here
// is a pure function of the request (plus a counter for /upload/, and what
// the save-content-location fault keeps), so the
// same request gives the same bytes in every run; the connection loop in
// reference_server.cc owns sockets, framing of requests and persistence.
#ifndef HTTPCONFORM_SERVER_ROUTES_H_
#define HTTPCONFORM_SERVER_ROUTES_H_

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

#include "harness/server/faults.h"
#include "harness/server/reply.h"
#include "harness/wire/request_parser.h"

namespace httpconform::server {

/// The save-content-location fault's memory: the Content-Location the last
/// PUT carried, by target path, shared by the server's connections.
struct SavedContentLocation {
  std::mutex mutex;
  std::string path;
  std::string value;
};

/// What routes need to know about the server.
struct RouteContext {
  const FaultSet* faults = nullptr;
  std::string authority;  ///< Our own authority, "127.0.0.1:PORT".
  std::size_t max_content_bytes = 64 * 1024;
  std::atomic<int>* upload_counter = nullptr;              ///< Numbers /upload/N.
  SavedContentLocation* saved_content_location = nullptr;  ///< For one fault only.
};

/// A final response that can be decided from the head alone, before any
/// content is read (417, 413, 411); nullopt otherwise.
std::optional<Reply> HeadReply(const wire::Request& head, const RouteContext& context);

/// The response to a complete request.
Reply Route(const wire::Request& request, const RouteContext& context);

/// The response to a request the server could not parse, given the
/// parser's status and diagnostics (faults may turn it into a 200).
Reply ErrorReply(int status, const wire::Request& partial, const RouteContext& context);

/// Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2); `guid` is the RFC's
/// unless a fault changes it.
std::string WebSocketAccept(const std::string& key,
                            const std::string& guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_ROUTES_H_
