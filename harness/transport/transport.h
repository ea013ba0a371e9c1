// The narrow I/O interface between the runner and the network. A Transport
// opens Sessions; a Session carries the steps of one case, keeping a
// connection between steps when a step asks to reuse it. Implementations:
// RawTransport (POSIX sockets + OpenSSL, byte-exact, our strict parser sees
// every byte), CurlTransport (libcurl: HTTP/1.1 and HTTP/2), FakeTransport
// (scripted, for tests). Every connect and read is bounded by a deadline and
// every buffer by a cap, whatever the server does: per exchange, and for the
// content of all live exchanges together by a shared budget.
#ifndef HTTPCONFORM_TRANSPORT_TRANSPORT_H_
#define HTTPCONFORM_TRANSPORT_TRANSPORT_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/content_budget.h"
#include "harness/core/expected.h"
#include "harness/core/message.h"

namespace httpconform::transport {

/// Where requests go, from the URL given on the command line.
struct Target {
  std::string scheme;  ///< "http" or "https".
  std::string host;    ///< Without brackets for IPv6 literals.
  int port = 0;
  std::string authority;  ///< host[:port] as it should appear in Host.
  std::string base_path;  ///< Path of the URL, "/" when empty.
};

/// Parses "http://host[:port][/path]" or https; errors name what is wrong.
core::Expected<Target> ParseTarget(const std::string& url);

/// The content all of a run's live exchanges may keep together (the
/// ContentBudget a command gives its transports): with the default 8 MiB
/// per response, four exchanges reading at once keep all of theirs, and
/// more share it (core/content_budget.h).
inline constexpr std::size_t kRunContentBudgetBytes = 32 * 1024 * 1024;

/// Limits and choices that apply to every request.
struct TransportOptions {
  int connect_timeout_ms = 5000;
  std::size_t max_content_bytes = 8 * 1024 * 1024;  ///< Content kept per response.
  /// Shared by every session of the run: caps the content all live
  /// exchanges keep together (core/content_budget.h). Null: no shared cap.
  std::shared_ptr<core::ContentBudget> content_budget;
  std::size_t max_record_bytes = 64 * 1024;         ///< Raw bytes kept for reports/replay.
  std::size_t max_stream_bytes = 64 * 1024 * 1024;  ///< Bytes read per exchange before giving up.
  /// Check the server's certificate and that it names the URL's host, as
  /// curl does (tls.h); false is `-k/--insecure`.
  bool verify_tls = true;
  std::string ca_file;    ///< `--cacert`: trust only these PEM certificates ("" = system store).
  int http_version = 11;  ///< 11 or 2 (CurlTransport only).
};

struct Exchange;

/// One request, with templates already substituted.
struct OutgoingRequest {
  bool raw = false;
  // Structured: the transport serializes these exactly (fields in order).
  std::string method = "GET";
  std::string target = "/";
  core::Fields headers;
  std::optional<std::string> body;
  int continue_wait_ms = 0;  ///< >0: send head, wait up to N ms for a response, then content.
  // Raw.
  std::vector<core::RawSegment> segments;
  bool head_request = false;  ///< The response to this request has no content (HEAD).
  // Both.
  bool reuse_connection = false;
  bool half_close = false;
  int timeout_ms = 10000;  ///< Whole exchange deadline.
  int probe_close_ms = 0;  ///< >0: after the response, wait up to N ms to see the server close.
  /// With probe_close_ms: a complete, safe request (e.g. a GET) the transport
  /// may send after the response to settle at once whether the server keeps
  /// the connection: a response to it proves it open, EOF or a reset closed.
  /// Empty: only wait. RawTransport uses it; the others ignore it.
  std::string probe_request;
  /// With probe_close_ms: asked with the exchange so far (response included)
  /// whether the connection's fate can still change anything; false skips
  /// the probe and its wait. Unset: always probe. The callee may move the
  /// response out to look at it without a copy, but must put it back.
  std::function<bool(Exchange&)> probe_needed;
  /// With probe_close_ms: the request's bytes asked for more than one
  /// response (pipelining); a further whole response arriving in the window
  /// proves the connection open and ends the wait (RawTransport).
  bool probe_pending_response = false;
};

/// What happened on the wire for one request.
struct Exchange {
  std::string sent;                        ///< Bytes sent (capped at max_record_bytes).
  std::string received;                    ///< Bytes received (capped at max_record_bytes).
  std::optional<core::Response> response;  ///< Absent when no status line arrived.
  bool timed_out = false;                ///< The deadline passed before the response was complete.
  bool connection_closed = false;        ///< The server closed (or reset) the connection.
  bool reset = false;                    ///< The connection was reset (ECONNRESET/EPIPE).
  bool response_before_content = false;  ///< A response began before content was sent.
  bool content_sent = false;             ///< The whole request, content included, was written.
  double duration_ms = 0;
  std::string error;  ///< Why it ended early (reset, timeout, cap...); empty if it did not.
  /// The share of TransportOptions::content_budget that response->content
  /// holds; whoever keeps the content keeps this too, and dropping the last
  /// reference returns it. Null without a budget.
  std::shared_ptr<core::ContentLease> content_lease;
  /// Non-zero: content that followed the previous response on the connection,
  /// which had this status and could have no content (HEAD, 204, 304), came
  /// in front of this one (its message.content-not-allowed says how much).
  int stray_after_status = 0;
};

/// The error code of Session::Send() for a request that is about HTTP/1.1 itself
/// (a connection-specific field, a half-close, a wait for the server to
/// close): the runner skips such a case over HTTP/2 with the message.
inline constexpr char kHttp1OnlyError[] = "http1-only";

/// The connection(s) of one case.
class Session {
 public:
  virtual ~Session() = default;
  /// Sends one request and reads its response. Errors only when the exchange
  /// could not start (e.g. "connect": refused or unresolvable); a timeout or
  /// garbage after connecting is reported in the Exchange, not as an error.
  virtual core::Expected<Exchange> Send(const OutgoingRequest& request) = 0;
};

/// Opens sessions to one target.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::unique_ptr<Session> OpenSession() = 0;
};

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_TRANSPORT_H_
