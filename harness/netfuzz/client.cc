// The fuzzing client. Unlike transport::RawTransport, which reads exactly
// one response per step, a fuzzer must see everything a server sends on a
// connection: a second response to a single request (desync), fewer
// responses than pipelined requests, or nothing at all. So this client owns
// its socket, writes the pieces with their pauses (a write that fails because
// the server already answered and closed is not an error: the answer is
// read), then reads until close or the deadline. Responses are cut with
// wire::ResponseParser, one parser per response on the same byte stream.
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
// hang detector. TCP_NODELAY makes every piece its own segment, as a
// segmentation mutation means. All waits are bounded by the deadline.
// Bounds: every byte received is fed once to a parser (one per response, no
// recursion) and at most kMaxReceived of them are kept; reads use one 16 KiB
// stack buffer.
#include "harness/netfuzz/client.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>

#include "harness/wire/response_parser.h"

namespace httpconform::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

int MsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Connects with a deadline; returns the fd or -1 with `why`.
int Connect(const std::string& host, int port, int timeout_ms, std::string* why) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0) {
    *why = host + ": " + ::gai_strerror(rc);
    return -1;
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(list, ::freeaddrinfo);
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (addrinfo* a = list; a != nullptr; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) return fd;
    if (errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, MsLeft(deadline)) == 1) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err == 0) return fd;
        *why = host + ":" + service + ": " + std::strerror(err);
      } else {
        *why = host + ":" + service + ": connect timed out";
      }
    } else {
      *why = host + ":" + service + ": " + std::strerror(errno);
    }
    ::close(fd);
  }
  return -1;
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
  const auto deadline = start + std::chrono::milliseconds(timeout_ms);
  std::string why;
  int fd = Connect(host, port, std::min(timeout_ms, 5000), &why);
  if (fd < 0) return core::MakeError("connect", why);
  Outcome out;
  ResponseCounter counter(&out, head_request);
  char buf[16384];
  bool write_failed = false;
  auto last_byte = start;

  // Reads what is available now (waiting up to wait_ms); false once closed.
  auto read_some = [&](int wait_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, wait_ms) <= 0) return true;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      last_byte = Clock::now();
      if (out.received.size() < kMaxReceived) {
        out.received.append(buf, std::min<std::size_t>(static_cast<std::size_t>(n),
                                                       kMaxReceived - out.received.size()));
      }
      counter.Feed(buf, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return true;
    if (n < 0 && errno == ECONNRESET) out.reset = true;
    out.closed = true;
    counter.Eof();
    return false;
  };

  for (const Piece& piece : pieces) {
    if (write_failed || out.closed) break;
    if (piece.delay_ms > 0) {
      // Read while pausing: an early answer is part of the outcome.
      const auto until = Clock::now() + std::chrono::milliseconds(piece.delay_ms);
      while (!out.closed && Clock::now() < until && Clock::now() < deadline) {
        read_some(std::max(1, std::min(MsLeft(until), MsLeft(deadline))));
      }
    }
    std::size_t sent = 0;
    while (sent < piece.bytes.size() && !write_failed) {
      ssize_t n = ::send(fd, piece.bytes.data() + sent, piece.bytes.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        // The server is not reading: keep draining its output meanwhile.
        if (MsLeft(deadline) == 0 || !read_some(std::min(MsLeft(deadline), 20))) {
          write_failed = true;
        }
      } else {
        if (errno == ECONNRESET || errno == EPIPE) out.reset = true;
        write_failed = true;
      }
    }
  }

  const auto sent = Clock::now();
  int grace_ms = -1;  // Set once the outcome can only change by extra bytes.
  while (!out.closed) {
    int wait = MsLeft(deadline);
    if (wait == 0) {
      out.timed_out = true;
      break;
    }
    const bool settled =
        out.complete_responses >= expected || (!waits.judge_stall && !out.statuses.empty());
    if (settled) {
      if (grace_ms < 0) {
        const double took = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
        grace_ms = std::clamp(static_cast<int>(took * kGraceFactor), kGraceMinMs, kGraceMaxMs);
      }
      // Quiet-based: a server still sending (more responses) keeps the exchange open.
      wait =
          std::min(wait, MsLeft(std::max(sent, last_byte) + std::chrono::milliseconds(grace_ms)));
      if (wait == 0) break;
    } else if (waits.incomplete_quiet_ms >= 0) {
      const auto quiet_end =
          std::max(sent, last_byte) + std::chrono::milliseconds(waits.incomplete_quiet_ms);
      wait = std::min(wait, MsLeft(quiet_end));
      if (wait == 0) {
        // Not a hang (the request is incomplete): the connection stays open, as at a deadline.
        out.timed_out = true;
        out.quiet_end = true;
        break;
      }
    }
    read_some(wait);
  }
  // A reset after everything was read is a normal end, not a reset that lost data.
  ::close(fd);
  out.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return out;
}

}  // namespace httpconform::netfuzz
