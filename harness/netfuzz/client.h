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
  bool quiet_end = false;      ///< Ended by ExchangeWaits::incomplete_quiet_ms (timed_out too).
  double duration_ms = 0;
};

/// Waits of one exchange other than the hang deadline.
struct ExchangeWaits {
  /// >= 0: the request cannot be answered in full (content cut short), so no
  /// hang can be judged: once every piece is sent, stop after this many ms
  /// without a byte instead of waiting out the deadline. -1: wait it out.
  int incomplete_quiet_ms = -1;
  /// Whether fewer complete responses than `expected`, then silence on an
  /// open connection, is judged (a stalled pipeline: oracle.cc, valid
  /// requests only). false: once a response came, only extra bytes can
  /// change the outcome, so the exchange ends after the grace.
  bool judge_stall = true;
};

/// Bytes of response kept per exchange.
inline constexpr std::size_t kMaxReceived = 256 * 1024;

/// Grace (ms without a byte) after the expected responses, for extra ones:
/// kGraceFactor times the time they took after the last piece, within [min, max].
inline constexpr int kGraceMinMs = 5;
inline constexpr int kGraceMaxMs = 60;
inline constexpr int kGraceFactor = 8;

/// Connects to host:port (numeric IPv4/IPv6 or a name), sends `pieces`, and
/// reads until the server closes, `timeout_ms` passes, `expected` responses
/// are complete and nothing more arrives for the grace period, or (see
/// ExchangeWaits) an incomplete request meets silence. Errors only when the
/// connection cannot be made ("connect").
core::Expected<Outcome> Exchange(const std::string& host, int port,
                                 const std::vector<Piece>& pieces, int expected, int timeout_ms,
                                 bool head_request = false, const ExchangeWaits& waits = {});

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_CLIENT_H_
