// The fuzzing client. Unlike transport::RawTransport, which reads exactly
// one response per step, a fuzzer must see everything a server sends on a
// connection: a second response to a single request (desync), fewer
// responses than pipelined requests, or nothing at all. So this client
// drives a transport::Connection itself (connection.h: the same TCP code as
// the raw transport, bytes and deadlines only): it writes the pieces with
// their pauses (a write that fails because the server already answered and
// closed is not an error: the answer is read), then reads until close or
// the deadline. Responses are cut with wire::ResponseParser, one parser per
// response on the same byte stream.
// An exchange ends as soon as its outcome is known, so the rate is set by
// the server, not by timers: when the server closes; when the expected
// responses are complete (or a response came and a stall would not be
// judged, see ExchangeWaits::judge_stall), after a grace without bytes for
// extra responses (a desync) scaled to how long this server took to answer
// (kGraceFactor x, within [kGraceMinMs, kGraceMaxMs]: an extra response
// comes about as fast as the first, and a slow server keeps the old fixed
// 60 ms); and, for a request that cannot be complete (no hang can be
// judged, see oracle.cc), after a quiet period without bytes. Only a
// complete request still unanswered waits out the deadline: that is the
// hang detector. TCP_NODELAY (set by Connect) makes every piece its own
// segment, as a segmentation mutation means. All waits are bounded by the
// deadline.
// Bounds: every byte received is fed once to a parser (one per response, no
// recursion) and at most kMaxReceived of them are kept; a read returns at
// most 16 KiB.
#include "harness/netfuzz/client.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "harness/transport/connection.h"
#include "harness/wire/response_parser.h"

namespace httpconform::netfuzz {
namespace {

using std::chrono::milliseconds;
using transport::Clock;
using transport::Deadline;
using transport::Io;

// The end of a quiet period of `ms` from `from`, in whole milliseconds
// rounded down. A Connection rounds a wait up to the next millisecond (it
// never returns before a deadline); a quiet period is the one wait the
// fuzzing rate is made of (most exchanges end with the grace), so it keeps
// the length it had as poll(2) timeouts counted by this client: at least
// ms - 1, never more than ms.
Deadline QuietEnd(Clock::time_point from, int ms) {
  const auto end = from + milliseconds(ms);
  const auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now());
  return Clock::now() + std::max(left, milliseconds(0));
}

// Cuts the received stream into responses.
class ResponseCounter {
 public:
  explicit ResponseCounter(Outcome* out, bool head) : out_(out), head_(head) { Reset(); }

  void Feed(const char* data, std::size_t size) {
    std::string_view rest(data, size);
    while (!rest.empty() && !out_->parse_error) {
      std::size_t used = parser_->Feed(rest);
      rest.remove_prefix(used);
      if (parser_->done()) {
        Finish();
        Reset();
      } else if (used == 0) {
        break;
      }
    }
  }

  void Eof() {
    if (parser_->response_started()) {
      parser_->FinishEof();
      Finish();
    }
  }

 private:
  void Reset() {
    wire::ResponseContext context;
    // Only the first response answers the (possibly HEAD) mutated request.
    context.head_request = head_ && out_->statuses.empty();
    parser_ = std::make_unique<wire::ResponseParser>(context);
  }
  void Finish() {
    const core::Response& r = parser_->response();
    if (parser_->state() == wire::ResponseParser::State::kError) out_->parse_error = true;
    if (r.head.status != 0 || !r.interim.empty()) out_->statuses.push_back(r.head.status);
    if (parser_->state() == wire::ResponseParser::State::kDone && r.complete) {
      ++out_->complete_responses;
    }
  }

  Outcome* out_;
  bool head_;
  std::unique_ptr<wire::ResponseParser> parser_;
};

}  // namespace

core::Expected<Outcome> Exchange(const std::string& host, int port,
                                 const std::vector<Piece>& pieces, int expected, int timeout_ms,
                                 bool head_request, const ExchangeWaits& waits) {
  const auto start = Clock::now();
  const Deadline deadline = start + milliseconds(timeout_ms);
  transport::ConnectOptions where;
  where.host = host;
  where.port = port;
  auto connected = transport::Connect(where, start + milliseconds(std::min(timeout_ms, 5000)));
  if (!connected) return core::MakeError("connect", connected.error().message);
  transport::Connection& connection = **connected;
  Outcome out;
  ResponseCounter counter(&out, head_request);
  std::string chunk;
  bool write_failed = false;
  auto last_byte = start;

  // Reads what is available by `until`; false once closed.
  auto read_some = [&](Deadline until) {
    chunk.clear();
    switch (connection.ReadSome(&chunk, 16384, until)) {
      case Io::kOk:
        last_byte = Clock::now();
        if (out.received.size() < kMaxReceived) {
          out.received.append(chunk, 0, kMaxReceived - out.received.size());
        }
        counter.Feed(chunk.data(), chunk.size());
        return true;
      case Io::kTimeout:
        return true;
      case Io::kReset:
        out.reset = true;
        break;
      case Io::kEof:
        break;
    }
    out.closed = true;
    counter.Eof();
    return false;
  };

  for (const Piece& piece : pieces) {
    if (write_failed || out.closed) break;
    if (piece.delay_ms > 0) {
      // Read while pausing: an early answer is part of the outcome.
      const Deadline until = std::min(deadline, Clock::now() + milliseconds(piece.delay_ms));
      while (!out.closed && Clock::now() < until) read_some(until);
    }
    std::size_t sent = 0;
    while (sent < piece.bytes.size() && !write_failed) {
      // In slices of 20 ms: a server that is not reading may be writing, and
      // its output is drained meanwhile so neither side blocks the other.
      const Deadline slice = std::min(deadline, Clock::now() + milliseconds(20));
      std::size_t written = 0;
      const Io io =
          connection.WriteAll(std::string_view(piece.bytes).substr(sent), slice, &written);
      sent += written;
      if (io == Io::kTimeout) {
        if (Clock::now() >= deadline || !read_some(Clock::now())) write_failed = true;
      } else if (io != Io::kOk) {
        out.reset = true;
        write_failed = true;
      }
    }
  }

  const auto sent = Clock::now();
  int grace_ms = -1;  // Set once the outcome can only change by extra bytes.
  while (!out.closed) {
    if (Clock::now() >= deadline) {
      out.timed_out = true;
      break;
    }
    Deadline until = deadline;
    const bool settled =
        out.complete_responses >= expected || (!waits.judge_stall && !out.statuses.empty());
    if (settled) {
      if (grace_ms < 0) {
        const double took = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
        grace_ms = std::clamp(static_cast<int>(took * kGraceFactor), kGraceMinMs, kGraceMaxMs);
      }
      // Quiet-based: a server still sending (more responses) keeps the exchange open.
      until = std::min(until, QuietEnd(std::max(sent, last_byte), grace_ms));
      if (Clock::now() >= until) break;
    } else if (waits.incomplete_quiet_ms >= 0) {
      until = std::min(until, QuietEnd(std::max(sent, last_byte), waits.incomplete_quiet_ms));
      if (Clock::now() >= until) {
        // Not a hang (the request is incomplete): the connection stays open, as at a deadline.
        out.timed_out = true;
        out.quiet_end = true;
        break;
      }
    }
    read_some(until);
  }
  // A reset after everything was read is a normal end, not a reset that lost data.
  connection.Close();
  out.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return out;
}

}  // namespace httpconform::netfuzz
