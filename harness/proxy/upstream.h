// One exchange of the reference gateway with its upstream server, in steps,
// so that a request with a 100-continue expectation can be forwarded head
// first (RFC 9110 §10.1.1) and its content sent once the upstream asked for
// it: connect and send bytes, read until an interim or final response or a
// deadline, send more, then read to the end and classify what came back
// (a response, nothing in time, or something invalid). Every response is
// read with the strict response parser, bounded in size (1 MiB of content)
// and in time (the gateway's upstream timeout for the whole exchange); the
// bytes as received are kept (same bound) for the fault that relays them raw.
#ifndef HTTPCONFORM_PROXY_UPSTREAM_H_
#define HTTPCONFORM_PROXY_UPSTREAM_H_

#include <atomic>
#include <chrono>
#include <string>

#include "harness/core/message.h"
#include "harness/proxy/gateway.h"
#include "harness/wire/response_parser.h"

namespace httpconform::proxy {

/// What came back from upstream.
struct Upstream {
  enum class Kind { kResponse, kTimeout, kInvalid } kind = Kind::kInvalid;
  core::Response response;
  std::string why;       ///< kInvalid / kTimeout: in words, for the explanation.
  std::string fatal;     ///< kInvalid: the parser's fatal diagnostic, if any.
  bool nothing = false;  ///< kInvalid: the connection failed or closed before any byte.
  std::string raw;       ///< The bytes received, as received (bounded).
};

class UpstreamCall {
 public:
  UpstreamCall(const GatewayOptions& options, bool head_request, bool allow_101);
  ~UpstreamCall();
  UpstreamCall(const UpstreamCall&) = delete;
  UpstreamCall& operator=(const UpstreamCall&) = delete;

  /// Connects and sends `bytes`; false (and Finish() says why) on failure.
  bool Open(const std::string& bytes, const std::atomic<bool>& stop);
  /// Sends more of the request; false on failure.
  bool Send(const std::string& bytes, const std::atomic<bool>& stop);
  /// Reads for up to `ms` (within the exchange's deadline) until an interim
  /// or final response has arrived; the number of interim heads so far.
  std::size_t AwaitFirstHead(int ms, const std::atomic<bool>& stop);
  /// Status of interim head `i` (< AwaitFirstHead's count).
  int interim_status(std::size_t i) const { return parser_.interim_status(i); }
  /// True once the response has been read to its end (or refused).
  bool done() const { return parser_.done(); }
  /// Reads to the end of the response (or the deadline) and classifies it.
  Upstream Finish(const std::atomic<bool>& stop);

 private:
  // One read within `ms`; false when the exchange can read no more.
  bool ReadSome(int ms, const std::atomic<bool>& stop);

  const GatewayOptions& options_;
  bool allow_101_;
  int fd_ = -1;
  std::string failed_;  // Why Open or Send failed.
  std::chrono::steady_clock::time_point deadline_;
  wire::ResponseParser parser_;
  std::string raw_;
  bool timed_out_ = false;
  bool eof_ = false;
};

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_UPSTREAM_H_
