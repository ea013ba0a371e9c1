// The reference server's HTTP/2 connections (RFC 9113), on libnghttp2's
// server session API. The routes are the HTTP/1.1 server's: each stream's
// header list becomes a wire::Request (h2_request.h), HeadReply()/Route()
// answer it, and the Reply goes out as HEADERS and DATA (h2_reply.h).
#ifndef HTTPCONFORM_SERVER_H2_SERVER_SESSION_H_
#define HTTPCONFORM_SERVER_H2_SERVER_SESSION_H_

#include <atomic>
#include <string>
#include <string_view>

#include "harness/server/faults.h"
#include "harness/server/routes.h"

namespace httpconform::server {

/// The client connection preface (RFC 9113 §3.4).
inline constexpr std::string_view kH2ClientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// Streams one connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS).
inline constexpr unsigned kH2MaxConcurrentStreams = 100;
/// Decoded request header bytes per stream (RFC 9113 §6.5.2 counting); more: 431.
inline constexpr std::size_t kH2MaxHeaderListBytes = 64 * 1024;

/// What the first bytes of a connection say.
enum class Opening {
  kH2,     ///< The whole preface: h2c with prior knowledge (RFC 9113 §3.3).
  kOther,  ///< Bytes that are not the preface: HTTP/1.1 (or garbage) to parse.
  kNone,   ///< Nothing, or a part of the preface, then EOF, a timeout or a stop.
};

/// Reads from `fd` into `pending` while what arrived is a proper prefix of
/// the preface (see Opening), waiting at most `timeout_ms` per read. The
/// bytes read stay in `pending` for whichever protocol serves them.
Opening ReadOpening(int fd, std::string& pending, int timeout_ms,
                    const std::atomic<bool>& stopping);

/// Serves HTTP/2 on `fd` until the client closes, sends nothing for
/// `idle_timeout_ms`, breaks the protocol, or `stopping` is set. `received`
/// holds the bytes already read (the preface). Does not close `fd`.
void ServeH2Connection(int fd, std::string received, const RouteContext& context,
                       const FaultSet& faults, int idle_timeout_ms,
                       const std::atomic<bool>& stopping);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_H2_SERVER_SESSION_H_
