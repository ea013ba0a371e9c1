// A bare HTTP/1.1 client for fuzzing: one fresh TCP connection per call,
// bytes sent in timed pieces, every received byte kept (capped) and cut into
// responses by the strict wire::ResponseParser so the oracle can count them
// (pipelining) and read their status codes. See client.cc for the design.
#ifndef HTTPCONFORM_NETFUZZ_CLIENT_H_
#define HTTPCONFORM_NETFUZZ_CLIENT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace httpconform::netfuzz {

/// A piece of the request and the pause before it.
struct Piece {
  std::string bytes;
  int delay_ms = 0;
};

/// What came back on one connection.
struct Outcome {
  std::string received;        ///< Capped at kMaxReceived.
  std::vector<int> statuses;   ///< Final status of each complete (or cut-off) response.
  int complete_responses = 0;  ///< Responses the parser saw to the end.
  bool timed_out = false;      ///< The deadline passed with the connection still open.
  bool closed = false;         ///< The server closed the connection (FIN or RST).
  bool reset = false;          ///< ECONNRESET/EPIPE.
  bool parse_error = false;    ///< The response stream was not HTTP/1.1 the parser could frame.
  double duration_ms = 0;
};

/// Bytes of response kept per exchange.
inline constexpr std::size_t kMaxReceived = 256 * 1024;

/// Connects to host:port (numeric IPv4/IPv6 or a name), sends `pieces`, and
/// reads until the server closes, `timeout_ms` passes, or `expected`
/// responses are complete and nothing more arrives for a short grace period.
/// Errors only when the connection cannot be made ("connect").
core::Expected<Outcome> Exchange(const std::string& host, int port,
                                 const std::vector<Piece>& pieces, int expected, int timeout_ms,
                                 bool head_request = false);

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_CLIENT_H_
