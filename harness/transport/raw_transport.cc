// RawTransport: the byte-exact transport for wire-level cases.
//
// Design: a Session owns at most one Connection (a non-blocking socket, plus
// an SSL object for https) and a buffer of bytes read but not yet consumed by
// a parser. Every operation takes an absolute deadline and waits with poll(),
// so nothing blocks longer than the step allows, whatever the server does.
// Requests are written exactly as given: the request line, the fields in
// order, CRLF, the content (RFC 9112 §2.1, §3); nothing is added. Responses
// are fed to wire::ResponseParser as they arrive; the parser says when a
// message ends, and bytes after it stay buffered for the next step on the
// same connection (pipelining, RFC 9112 §9.3.2). A step that asks to reuse a
// connection the server closed gets that fact back, never a silent
// reconnect: the case is asking about connection management.
//
// Expect: 100-continue (RFC 9110 §10.1.1): with continue_wait_ms the head is
// sent, then we wait for a 100, a final response or the end of the wait. A
// final response before the content means the content is not sent — the
// server has already answered, and the client "MAY ... not send" it.
//
// Whether the server keeps the connection after a response (probe_close_ms)
// is settled at once when possible: with probe_request, a further request
// goes out and a response to it proves "open", EOF or a reset "closed"
// (RFC 9112 §9.3, §9.6); its answer is read whole, or skipped by the next
// step if late, so later steps see only their own responses. It goes out only
// behind a cleanly ended response with nothing unparsed after it; otherwise,
// and when neither comes in the window, the window is waited out as before.
//
// Bounds: every byte read is fed to a parser once (a probe's answer and a
// pending pipelined response too), so the work is linear in what the server
// sends, without recursion; reads go through one 16 KiB stack buffer. Memory
// per exchange, whatever the server sends: the parsed content, the only copy
// of it, within max_content_bytes and a lease of the run's shared content
// budget that travels with the Exchange; the raw record within
// max_record_bytes; and bytes read ahead of the next step within
// kKeepReadAhead. Answers read only to be skipped keep no content.
//
// Content after a response that cannot have any (HEAD, 204, 304): such a
// response ends with its head, so bytes after it are looked at before the
// next response is parsed, whoever reads them next (this exchange's wait for
// a close or its probe, the next step, or the skipping of a probe's answer).
// Stray content (wire/stray_content.h) is set aside, kept in the record, and
// reported as message.content-not-allowed against the response it followed.
//
// SIGPIPE: plain sockets use MSG_NOSIGNAL; OpenSSL writes with write(2), so
// creating a raw transport sets SIGPIPE to SIG_IGN if it is still SIG_DFL.
#include "harness/transport/raw_transport.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "harness/transport/tls.h"
#include "harness/wire/response_parser.h"
#include "harness/wire/stray_content.h"

namespace httpconform::transport {
namespace {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

constexpr std::size_t kReadChunk = 16 * 1024;
// How long past the probe window an answer to a probe request may take.
constexpr int kProbeAnswerMs = 2000;
// Bytes read ahead of a step (after its response, or a probe request's
// answer to be put back) kept for the next step on the connection. Past it
// they are dropped and the connection closed by us: a worker's buffers stay
// small whatever the server sends between responses.
constexpr std::size_t kKeepReadAhead = 256 * 1024;

int RemainingMs(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30));
}

Deadline After(int ms) { return Clock::now() + std::chrono::milliseconds(std::max(ms, 0)); }

void AppendCapped(std::string* record, std::string_view bytes, std::size_t cap) {
  if (record->size() >= cap) return;
  record->append(bytes.substr(0, cap - record->size()));
}

enum class Io { kOk, kEof, kReset, kTimeout };

// Waits for `events` on `fd`; false on deadline.
bool WaitFor(int fd, short events, Deadline deadline) {
  for (;;) {
    const int ms = RemainingMs(deadline);
    if (ms == 0) return false;
    pollfd p{fd, events, 0};
    const int r = poll(&p, 1, ms);
    if (r > 0) return true;  // Readiness, error or hang-up: the next call tells which.
    if (r < 0 && errno != EINTR) return true;
    if (r == 0 && Clock::now() >= deadline) return false;
  }
}

// One TCP (optionally TLS) connection and the bytes read from it but not yet
// consumed by a parser.
class Connection {
 public:
  Connection(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  ~Connection() { Close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Writes all of `bytes`, or stops at a reset or the deadline. `*written`
  // counts what went out.
  Io Write(std::string_view bytes, Deadline deadline, std::size_t* written) {
    *written = 0;
    if (fd_ < 0) return Io::kReset;
    while (*written < bytes.size()) {
      const char* data = bytes.data() + *written;
      const std::size_t size = bytes.size() - *written;
      if (ssl_ != nullptr) {
        ERR_clear_error();
        std::size_t n = 0;
        if (SSL_write_ex(ssl_, data, size, &n) == 1) {
          *written += n;
          continue;
        }
        const int error = SSL_get_error(ssl_, 0);
        if (error == SSL_ERROR_WANT_WRITE) {
          if (!WaitFor(fd_, POLLOUT, deadline)) return Io::kTimeout;
        } else if (error == SSL_ERROR_WANT_READ) {
          if (!WaitFor(fd_, POLLIN, deadline)) return Io::kTimeout;
        } else {
          return Io::kReset;
        }
        continue;
      }
      const ssize_t n = send(fd_, data, size, MSG_NOSIGNAL);
      if (n > 0) {
        *written += static_cast<std::size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!WaitFor(fd_, POLLOUT, deadline)) return Io::kTimeout;
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        return Io::kReset;  // EPIPE, ECONNRESET and anything else fatal.
      }
    }
    return Io::kOk;
  }

  // Appends up to `max` bytes read before `deadline` to `*out`.
  Io Read(std::string* out, std::size_t max, Deadline deadline) {
    if (fd_ < 0) return Io::kReset;
    char buffer[kReadChunk];
    max = std::min(max, sizeof buffer);
    for (;;) {
      if (ssl_ != nullptr) {
        ERR_clear_error();
        std::size_t n = 0;
        if (SSL_read_ex(ssl_, buffer, max, &n) == 1) {
          out->append(buffer, n);
          return Io::kOk;
        }
        const int error = SSL_get_error(ssl_, 0);
        if (error == SSL_ERROR_WANT_READ) {
          if (!WaitFor(fd_, POLLIN, deadline)) return Io::kTimeout;
        } else if (error == SSL_ERROR_WANT_WRITE) {
          if (!WaitFor(fd_, POLLOUT, deadline)) return Io::kTimeout;
        } else if (error == SSL_ERROR_ZERO_RETURN) {
          return Io::kEof;
        } else if (error == SSL_ERROR_SYSCALL && errno == 0) {
          return Io::kEof;
        } else {
          return Io::kReset;
        }
        continue;
      }
      const ssize_t n = recv(fd_, buffer, max, 0);
      if (n > 0) {
        out->append(buffer, static_cast<std::size_t>(n));
        return Io::kOk;
      }
      if (n == 0) return Io::kEof;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (!WaitFor(fd_, POLLIN, deadline)) return Io::kTimeout;
      } else if (errno != EINTR) {
        return Io::kReset;
      }
    }
  }

  // Half-close: no more request bytes (a TLS close_notify, then FIN).
  void ShutdownWrite() {
    if (fd_ < 0) return;
    if (ssl_ != nullptr) SSL_shutdown(ssl_);
    shutdown(fd_, SHUT_WR);
  }

  void Close() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    ssl_ = nullptr;
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

  bool open() const { return fd_ >= 0; }

  std::string buffered;      // Read, not yet consumed by a parser.
  bool peer_closed = false;  // EOF (or reset) seen: nothing more will arrive.

 private:
  int fd_;
  SSL* ssl_;
};

std::string HostPort(const Target& target) {
  const bool ipv6 = target.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + target.host + "]" : target.host) + ":" + std::to_string(target.port);
}

core::Error ConnectError(const Target& target, const std::string& why) {
  return core::MakeError("connect", "cannot connect to " + HostPort(target) + ": " + why);
}

// TCP connect to `target` (every address it resolves to, in order) and, for
// https, a TLS handshake; all before `deadline`.
core::Expected<std::unique_ptr<Connection>> Connect(const Target& target, SSL_CTX* tls,
                                                    bool verify_tls, Deadline deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* addresses = nullptr;
  const std::string port = std::to_string(target.port);
  const int gai = getaddrinfo(target.host.c_str(), port.c_str(), &hints, &addresses);
  if (gai != 0) return ConnectError(target, gai_strerror(gai));

  int fd = -1;
  std::string why = "no address";
  for (addrinfo* a = addresses; a != nullptr && fd < 0; a = a->ai_next) {
    const int s =
        socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (s < 0) {
      why = std::strerror(errno);
      continue;
    }
    int error = 0;
    if (connect(s, a->ai_addr, a->ai_addrlen) != 0) {
      error = errno;
      if (error == EINPROGRESS) {
        if (!WaitFor(s, POLLOUT, deadline)) {
          error = ETIMEDOUT;
        } else {
          socklen_t length = sizeof error;
          if (getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
        }
      }
    }
    if (error != 0) {
      why = error == ETIMEDOUT ? "timed out" : std::strerror(error);
      close(s);
      continue;
    }
    // Small requests and timed segments must leave when we write them.
    const int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fd = s;
  }
  freeaddrinfo(addresses);
  if (fd < 0) return ConnectError(target, why);
  if (tls == nullptr) return std::make_unique<Connection>(fd, nullptr);

  SSL* ssl = SSL_new(tls);
  if (ssl == nullptr) {
    close(fd);
    return ConnectError(target, "TLS: " + OpenSslErrors());
  }
  auto connection = std::make_unique<Connection>(fd, ssl);
  SSL_set_fd(ssl, fd);
  SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  PrepareClientTls(ssl, target.host, verify_tls);
  for (;;) {
    ERR_clear_error();
    const int r = SSL_connect(ssl);
    if (r == 1) break;
    const int error = SSL_get_error(ssl, r);
    bool ready = false;
    if (error == SSL_ERROR_WANT_READ) {
      ready = WaitFor(fd, POLLIN, deadline);
    } else if (error == SSL_ERROR_WANT_WRITE) {
      ready = WaitFor(fd, POLLOUT, deadline);
    } else {
      return TlsHandshakeError(
          ssl, "cannot connect to " + HostPort(target) + ": TLS handshake failed: ");
    }
    if (!ready) return ConnectError(target, "TLS handshake timed out");
  }
  return connection;
}

// "METHOD SP request-target SP HTTP/1.1" CRLF, fields, CRLF (RFC 9112 §2.1).
std::string SerializeHead(const OutgoingRequest& request) {
  std::string head = request.method + " " + request.target + " HTTP/1.1\r\n";
  for (const core::Field& field : request.headers) {
    head += field.name + ": " + field.value + "\r\n";
  }
  head += "\r\n";
  return head;
}

// True when a structured request's content is all its fields announce: one
// Content-Length equal to its size, no Transfer-Encoding, and small.
bool WithheldContentIsFramed(const OutgoingRequest& request) {
  if (core::FindField(request.headers, "Transfer-Encoding") != nullptr) return false;
  const std::vector<std::string> lengths = core::FieldValues(request.headers, "Content-Length");
  return lengths.size() == 1 && request.body->size() <= 64 * 1024 &&
         lengths.front() == std::to_string(request.body->size());
}

// The state of one exchange: the parser and what is being recorded.
struct ExchangeState {
  ExchangeState(wire::ResponseContext context, wire::ParserLimits limits)
      : parser(context, limits) {}
  wire::ResponseParser parser;
  Exchange exchange;
  std::size_t stream_bytes = 0;   // Read from the socket during this exchange.
  std::size_t parsed = 0;         // Fed to the parser: the response's own bytes.
  std::size_t stray_own = 0;      // Stray content after this exchange's response.
  std::size_t stray_earlier = 0;  // Stray content after the previous response.
  int earlier_status = 0;         // That previous response's status,
  bool earlier_head = false;      // and whether it answered HEAD.
};

// RFC 9112 §6.3 item 1: a response to HEAD, and a 204 or 304, ends with its
// header section (a 1xx is never the final response; a 101 and a 2xx to
// CONNECT hand the connection to another protocol).
bool CannotHaveContent(const core::Response& response, const wire::ResponseContext& context) {
  const int status = response.head.status;
  if (!response.complete || status == 101) return false;
  if (context.connect_request && status >= 200 && status < 300) return false;
  return context.head_request || status == 204 || status == 304;
}

// The Content-Length of a response, when it has exactly one valid value:
// for a HEAD or 304 response, the size of the content it leaves out.
std::optional<std::uint64_t> AnnouncedLength(const core::Response& response) {
  const std::vector<std::string> values = core::FieldValues(response.head.fields, "Content-Length");
  if (values.size() != 1 || values[0].empty() || values[0].size() > 18 ||
      values[0].find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoull(values[0]);
}

// Why Pump() returned.
enum class PumpEnd { kDone, kCondition, kDeadline, kEof, kReset, kCap };

class RawSession : public Session {
 public:
  RawSession(const Target& target, const TransportOptions& options, std::shared_ptr<SSL_CTX> tls,
             std::string tls_error)
      : target_(target),
        options_(options),
        tls_(std::move(tls)),
        tls_error_(std::move(tls_error)) {}

  core::Expected<Exchange> Send(const OutgoingRequest& request) override {
    const Clock::time_point start = Clock::now();
    const int timeout_ms = request.timeout_ms > 0 ? request.timeout_ms : 10000;
    const Deadline deadline = After(timeout_ms);
    if (target_.scheme == "https" && !tls_) {
      return ConnectError(target_, "cannot set up TLS: " + tls_error_);
    }

    wire::ResponseContext context;
    context.head_request = request.head_request || (!request.raw && request.method == "HEAD");
    context.connect_request = !request.raw && request.method == "CONNECT";
    // The content's memory comes from the run's shared budget: the lease
    // travels with the exchange to whoever keeps the content.
    std::shared_ptr<core::ContentLease> lease;
    if (options_.content_budget) {
      lease = std::make_shared<core::ContentLease>(options_.content_budget->Open());
    }
    wire::ParserLimits limits;
    limits.max_content_bytes = options_.max_content_bytes;
    limits.content_lease = lease.get();
    ExchangeState state(context, limits);
    Exchange& exchange = state.exchange;
    exchange.content_lease = std::move(lease);
    auto finish = [&]() -> core::Expected<Exchange> {
      ReportStray(&state, context.head_request);
      exchange.duration_ms =
          std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      return std::move(exchange);
    };

    stray_.this_exchange = false;  // What the watch finds from here follows an earlier response.
    if (request.reuse_connection && connection_ != nullptr) {
      if (!connection_->open() && connection_->buffered.empty()) {
        // Closed by the server (or by us after a reset or a cap): say so.
        exchange.connection_closed = true;
        exchange.error = "the previous connection is closed; not reconnecting";
        return finish();
      }
      if (probe_answer_pending_ && !DiscardProbeAnswer(deadline, &state)) return finish();
    } else {
      connection_.reset();
      probe_answer_pending_ = false;
      stray_ = StrayWatch{};
      const int connect_ms =
          std::min(options_.connect_timeout_ms > 0 ? options_.connect_timeout_ms : 5000,
                   RemainingMs(deadline));
      auto connected = Connect(target_, tls_.get(), options_.verify_tls, After(connect_ms));
      if (!connected) return connected.error();
      connection_ = std::move(connected.value());
    }
    Connection& connection = *connection_;

    bool sending = !connection.peer_closed && connection.open();
    auto write = [&](std::string_view bytes) {
      if (!sending) return;
      std::size_t written = 0;
      const Io io = connection.Write(bytes, deadline, &written);
      AppendCapped(&exchange.sent, bytes.substr(0, written), options_.max_record_bytes);
      if (io == Io::kReset) {
        exchange.reset = true;
        exchange.connection_closed = true;
        exchange.error = "connection reset while sending";
        sending = false;
      } else if (io == Io::kTimeout) {
        exchange.timed_out = true;
        exchange.error = "timed out while sending (the server stopped reading)";
        sending = false;
      }
    };

    if (!sending) {
      exchange.connection_closed = true;
      exchange.error = "the server had closed the connection before this request";
    } else if (!request.raw) {
      write(SerializeHead(request));
      const std::string body = request.body.value_or("");
      if (request.continue_wait_ms > 0 && sending) {
        // The parser's cheap views, not response(): that builds (and copies
        // the content into) a whole core::Response on every call.
        const std::size_t interim_before = state.parser.interim_count();
        auto answered = [&] {
          const wire::ResponseParser& p = state.parser;
          if (p.state() != wire::ResponseParser::State::kHead) return true;  // Final head done.
          for (std::size_t i = interim_before; i < p.interim_count(); ++i) {
            if (p.interim_status(i) == 100) return true;
          }
          return false;
        };
        const Deadline wait_end = std::min(deadline, After(request.continue_wait_ms));
        const PumpEnd end = Pump(&state, wait_end, answered);
        exchange.response_before_content = state.parser.response_started();
        const bool final_head = state.parser.state() != wire::ResponseParser::State::kHead;
        if (end == PumpEnd::kEof || end == PumpEnd::kReset || end == PumpEnd::kCap || final_head) {
          sending = false;  // Answered (or gone) before the content: keep it.
        }
        if (end == PumpEnd::kReset) {
          exchange.reset = true;
          exchange.connection_closed = true;
        }
      }
      if (sending) {
        write(body);
        exchange.content_sent = sending;
      }
    } else {
      for (const core::RawSegment& segment : request.segments) {
        if (!sending) break;
        if (segment.delay_ms > 0) {
          const Deadline until = std::min(deadline, After(segment.delay_ms));
          std::this_thread::sleep_until(until);
        }
        if (segment.wait_for_response_ms > 0) {
          const std::size_t interim_before = state.parser.interim_count();
          auto head_arrived = [&] {
            return state.parser.state() != wire::ResponseParser::State::kHead ||
                   state.parser.interim_count() > interim_before;
          };
          const PumpEnd end =
              Pump(&state, std::min(deadline, After(segment.wait_for_response_ms)), head_arrived);
          exchange.response_before_content |= state.parser.response_started();
          if (end == PumpEnd::kEof || end == PumpEnd::kReset || end == PumpEnd::kCap) {
            sending = false;
            if (end == PumpEnd::kReset) exchange.reset = exchange.connection_closed = true;
            break;
          }
        }
        write(segment.bytes);
      }
      exchange.content_sent = sending;
    }
    if (request.half_close && connection.open()) connection.ShutdownWrite();

    // Read the response.
    const PumpEnd end = Pump(&state, deadline, [] { return false; });
    switch (end) {
      case PumpEnd::kDone:
      case PumpEnd::kCondition:
        break;
      case PumpEnd::kEof:
        state.parser.FinishEof();
        exchange.connection_closed = true;
        break;
      case PumpEnd::kReset:
        state.parser.FinishEof();
        exchange.reset = true;
        exchange.connection_closed = true;
        if (exchange.error.empty()) exchange.error = "connection reset by the server";
        break;
      case PumpEnd::kDeadline:
        exchange.timed_out = true;
        if (exchange.error.empty()) {
          exchange.error = "no complete response within " + std::to_string(timeout_ms) + " ms";
        }
        // A half-read response would poison the next exchange on this connection.
        if (state.parser.response_started()) connection.Close();
        break;
      case PumpEnd::kCap:
        exchange.error = "stopped after " + std::to_string(state.stream_bytes) +
                         " bytes (max_stream_bytes); connection closed by us";
        connection.Close();
        connection.buffered.clear();
        break;
    }
    if (state.parser.state() == wire::ResponseParser::State::kError) {
      // Framing is lost: nothing after this can be attributed to a message.
      connection.Close();
      connection.buffered.clear();
    }

    // A request may follow only a cleanly ended response with nothing after
    // it: bytes nobody has parsed must stay for the next step.
    const bool clean = (end == PumpEnd::kDone || end == PumpEnd::kCondition) &&
                       state.parser.state() == wire::ResponseParser::State::kDone;
    if (connection.peer_closed) exchange.connection_closed = true;
    if (state.parser.response_started()) exchange.response = state.parser.TakeResponse();
    if (clean && CannotHaveContent(*exchange.response, context)) {
      stray_ = StrayWatch{};
      stray_.armed = stray_.this_exchange = true;
      stray_.status = exchange.response->head.status;
      stray_.announced = AnnouncedLength(*exchange.response);
      stray_.head = context.head_request;
      TakeStray(&state, Clock::now(), /*wait=*/false);
    }
    if (request.probe_close_ms > 0 && connection.open() && !connection.peer_closed &&
        (!request.probe_needed || request.probe_needed(exchange))) {
      bool settled = false;
      if (!request.probe_request.empty() && clean && connection.buffered.empty()) {
        std::string probe = request.probe_request;
        // Content withheld after an early final response (RFC 9110 §10.1.1):
        // a server that keeps the connection reads (and discards) it, so it
        // goes first, as a client reusing the connection would send it; when
        // it cannot be sent as framed, only a wait can tell.
        bool sendable = true;
        if (!request.raw && request.body && !request.body->empty() && !exchange.content_sent) {
          sendable = WithheldContentIsFramed(request);
          probe.insert(0, *request.body);
        }
        if (sendable) {
          settled = ProbeWithRequest(&state, probe, request.probe_close_ms, deadline);
        }
      }
      if (!settled) {
        ProbeClose(&state, After(request.probe_close_ms), request.probe_pending_response);
      }
    }
    if (connection.peer_closed) exchange.connection_closed = true;
    return finish();
  }

 private:
  // Feeds buffered bytes to the parser; what it does not take stays buffered.
  void FeedBuffered(ExchangeState* state) {
    Connection& connection = *connection_;
    if (connection.buffered.empty() || state->parser.done()) return;
    const std::size_t used = state->parser.Feed(connection.buffered);
    state->parsed += used;
    AppendCapped(&state->exchange.received, std::string_view(connection.buffered).substr(0, used),
                 options_.max_record_bytes);
    connection.buffered.erase(0, used);
    if (state->parser.state() == wire::ResponseParser::State::kError) {
      // Keep the unparseable rest in the record: it is what the report must show.
      AppendCapped(&state->exchange.received, connection.buffered, options_.max_record_bytes);
      connection.buffered.clear();
    }
  }

  // Reads and parses until the parser is done, `stop()` holds, the deadline,
  // EOF, a reset, or max_stream_bytes.
  PumpEnd Pump(ExchangeState* state, Deadline deadline, const std::function<bool()>& stop) {
    Connection& connection = *connection_;
    if (stray_.armed && !state->parser.response_started()) TakeStray(state, deadline, true);
    FeedBuffered(state);
    for (;;) {
      if (state->parser.done()) return PumpEnd::kDone;
      if (stop()) return PumpEnd::kCondition;
      if (connection.peer_closed) return PumpEnd::kEof;
      if (!connection.open()) return PumpEnd::kReset;
      if (state->stream_bytes >= options_.max_stream_bytes) return PumpEnd::kCap;
      // Read() only looks at the deadline when it would block: a server that
      // never stops sending (one-byte chunks, slower to parse than to send)
      // must still be cut off at the deadline.
      if (Clock::now() >= deadline) return PumpEnd::kDeadline;
      const std::size_t before = connection.buffered.size();
      const Io io = connection.Read(&connection.buffered,
                                    options_.max_stream_bytes - state->stream_bytes, deadline);
      switch (io) {
        case Io::kOk:
          state->stream_bytes += connection.buffered.size() - before;
          FeedBuffered(state);
          break;
        case Io::kEof:
          connection.peer_closed = true;
          return PumpEnd::kEof;
        case Io::kReset:
          connection.peer_closed = true;
          connection.Close();
          return PumpEnd::kReset;
        case Io::kTimeout:
          return PumpEnd::kDeadline;
      }
    }
  }

  // After a response: waits for the server to close. Bytes that arrive
  // meanwhile are kept for the next response on this connection, up to
  // kKeepReadAhead; past that they are read (a close behind them still
  // counts) but dropped, and the connection, whose framing is then lost, is
  // closed by us at the end. With `pending_response`, a further whole
  // response ends the wait: the server went on using the connection (RFC
  // 9112 §9.3.2).
  void ProbeClose(ExchangeState* state, Deadline until, bool pending_response = false) {
    Connection& connection = *connection_;
    // Fed each byte once, keeping no content. Stray content is set aside
    // first (TakeStray, which takes it off the front of `buffered`): the
    // scratch parser sees only what follows it.
    wire::ResponseParser scratch(wire::ResponseContext{}, ProbeLimits());
    bool fed_buffered = false;  // Whether `buffered` so far went to `scratch`.
    // `fresh_tail`: the last bytes of `buffered` that just arrived; `spilled`:
    // bytes just read past kKeepReadAhead. Whether the pending response is
    // now whole.
    auto pending_arrived = [&](std::size_t fresh_tail, std::string_view spilled) {
      if (stray_.armed) {
        TakeStray(state, Clock::now(), /*wait=*/false);
        fresh_tail = std::min(fresh_tail, connection.buffered.size());
        if (stray_.armed) return false;
      }
      if (!pending_response) return false;
      if (!fed_buffered) {
        fed_buffered = true;
        fresh_tail = connection.buffered.size();
      }
      if (fresh_tail > 0) {
        scratch.Feed(
            std::string_view(connection.buffered).substr(connection.buffered.size() - fresh_tail));
      }
      if (!spilled.empty()) scratch.Feed(spilled);
      return scratch.state() == wire::ResponseParser::State::kDone;
    };
    std::string spill;  // Bytes past kKeepReadAhead, one read at a time.
    bool dropped = false;
    std::size_t read = 0;
    for (bool done = pending_arrived(0, {}); !done;) {
      if (read >= options_.max_stream_bytes) break;
      const bool keep = connection.buffered.size() < kKeepReadAhead;
      std::string& into = keep ? connection.buffered : spill;
      spill.clear();
      const std::size_t before = into.size();
      const Io io = connection.Read(&into, options_.max_stream_bytes - read, until);
      const std::size_t got = into.size() - before;
      read += got;
      dropped = dropped || (!keep && got > 0);
      done = keep ? pending_arrived(got, {}) : pending_arrived(0, spill);
      if (io == Io::kTimeout) break;
      if (io == Io::kEof) {
        connection.peer_closed = true;
        if (stray_.armed) TakeStray(state, Clock::now(), /*wait=*/false);
        break;
      }
      if (io == Io::kReset) {
        connection.peer_closed = true;
        connection.Close();
        state->exchange.reset = true;
        if (stray_.armed) TakeStray(state, Clock::now(), /*wait=*/false);
        break;
      }
    }
    if (dropped) {
      connection.buffered.clear();
      connection.Close();
    }
  }

  // After a clean response: settles whether the server keeps the
  // connection by asking it something more (RFC 9112 §9.3: a persistent
  // connection carries further requests; §9.6: after "close" the server
  // "MUST NOT process any further requests"). A response proves it open, EOF
  // or a reset proves it closed; neither within the window means open, as a
  // plain wait would say. Returns false when bytes that are not the probe's
  // response show up (stray bytes from the server): they are put back for
  // the next step and the caller falls back to waiting.
  bool ProbeWithRequest(ExchangeState* state, const std::string& probe, int window_ms,
                        Deadline step_deadline) {
    Connection& connection = *connection_;
    Exchange& exchange = state->exchange;
    auto on_reset = [&] {
      connection.peer_closed = true;
      connection.Close();
      exchange.reset = true;
    };
    // A close that is already here (FIN right behind the response) or stray
    // bytes: look without waiting before writing anything.
    const std::size_t cap = options_.max_stream_bytes;
    Io io = connection.Read(&connection.buffered, cap, Clock::now());
    if (io == Io::kEof) {
      connection.peer_closed = true;
      return true;
    }
    if (io == Io::kReset) {
      on_reset();
      return true;
    }
    if (io == Io::kOk && stray_.armed) TakeStray(state, Clock::now(), /*wait=*/false);
    if (io == Io::kOk && !connection.buffered.empty()) return false;
    // The answer may take a round trip on a slow network: wait for it at
    // least the window, up to 2 s more within the step's deadline.
    const Deadline answer_by =
        std::max(After(window_ms), std::min(step_deadline, After(kProbeAnswerMs)));
    std::size_t written = 0;
    io = connection.Write(probe, answer_by, &written);
    if (io == Io::kReset) {
      on_reset();
      return true;
    }
    if (io != Io::kOk) {
      // Not even a small request went out in time: part of it may have, so
      // nothing later on this connection could be told apart. Open, as the
      // wait says; closed by us for any next step.
      connection.Close();
      connection.buffered.clear();
      return true;
    }
    std::string consumed;  // The probe's response so far (up to kKeepReadAhead).
    bool kept_all = true;
    wire::ResponseParser parser(wire::ResponseContext{}, ProbeLimits());
    const ProbeAnswer answer =
        ReadProbeAnswer(state, &parser, cap, answer_by, &consumed, &kept_all);
    const bool over = !kept_all && (answer == ProbeAnswer::kNotAResponse ||
                                    answer == ProbeAnswer::kTimeout || answer == ProbeAnswer::kCap);
    if (over) {
      // More of an answer than can be put back: the server was answering,
      // so open; what is left cannot be told from a next step's response,
      // so the connection is closed by us.
      connection.Close();
      connection.buffered.clear();
      return true;
    }
    if (!kept_all) consumed.clear();  // Closed by the server: nothing to put back.
    switch (answer) {
      case ProbeAnswer::kWhole:
        return true;  // Open.
      case ProbeAnswer::kNotAResponse:
        // Not a response to the probe: the server's stray bytes. Keep them
        // in order for the next step and wait as if no probe had been sent.
        connection.buffered.insert(0, consumed);
        return false;
      case ProbeAnswer::kEof:
      case ProbeAnswer::kReset:
        parser.FinishEof();
        if (parser.state() == wire::ResponseParser::State::kDone) {
          // A close-delimited answer: open until it answered (so not
          // closed after this step's response), closed now.
          connection.Close();
          return true;
        }
        // Closed without answering: what came first is the server's.
        connection.buffered.insert(0, consumed);
        if (answer == ProbeAnswer::kReset) {
          on_reset();
        } else {
          connection.peer_closed = true;
        }
        return true;
      case ProbeAnswer::kTimeout:
      case ProbeAnswer::kCap:
        break;
    }
    // Unanswered and not closed within the window: open, as a plain wait
    // would say. Its answer may still come: a next step on this connection
    // must skip it first (DiscardProbeAnswer), so what it sees is its own.
    connection.buffered.insert(0, consumed);
    probe_answer_pending_ = true;
    return true;
  }

  // Before a step that reuses the connection: reads (until `deadline`) and
  // drops the answer to a probe request the previous step left unanswered.
  // False, with `exchange` saying why, when it did not come whole.
  bool DiscardProbeAnswer(Deadline deadline, ExchangeState* state) {
    Exchange* exchange = &state->exchange;
    probe_answer_pending_ = false;
    Connection& connection = *connection_;
    wire::ResponseParser parser(wire::ResponseContext{}, ProbeLimits());
    const ProbeAnswer answer =
        ReadProbeAnswer(state, &parser, options_.max_stream_bytes, deadline, /*consumed=*/nullptr);
    switch (answer) {
      case ProbeAnswer::kWhole:
        return true;
      case ProbeAnswer::kNotAResponse:
      case ProbeAnswer::kCap:
        connection.Close();
        connection.buffered.clear();
        exchange->error =
            "the answer to an earlier request sent to probe the connection was "
            "malformed; connection closed by us";
        return false;
      case ProbeAnswer::kEof:
      case ProbeAnswer::kReset:
        connection.peer_closed = true;
        if (answer == ProbeAnswer::kReset) connection.Close();
        exchange->connection_closed = true;
        exchange->reset = answer == ProbeAnswer::kReset;
        exchange->error = "the server had closed the connection before this request";
        return false;
      case ProbeAnswer::kTimeout:
        break;
    }
    exchange->timed_out = true;
    exchange->error =
        "no response within the deadline: an earlier request sent to probe "
        "the connection is still unanswered";
    return false;
  }

  // How reading the answer to a probe request ended (ReadProbeAnswer).
  enum class ProbeAnswer { kWhole, kNotAResponse, kEof, kReset, kTimeout, kCap };

  // Answers read only to be skipped: their content is counted, never kept.
  wire::ParserLimits ProbeLimits() const {
    wire::ParserLimits limits;
    limits.max_content_bytes = 0;
    return limits;
  }

  // Feeds the connection's bytes to `parser` until it holds one whole
  // response, or the bytes are not one, or the peer closes, or `until`, or
  // `cap` more bytes were read. What the parser took leaves the buffer (and
  // is appended to `consumed` when given, so a caller can put it back).
  ProbeAnswer ReadProbeAnswer(ExchangeState* state, wire::ResponseParser* parser, std::size_t cap,
                              Deadline until, std::string* consumed, bool* kept_all = nullptr) {
    Connection& connection = *connection_;
    if (stray_.armed) TakeStray(state, until, /*wait=*/true);
    std::size_t read = 0;
    for (;;) {
      if (!connection.buffered.empty()) {
        const std::size_t used = parser->Feed(connection.buffered);
        if (consumed != nullptr) {
          *kept_all = *kept_all && consumed->size() + used <= kKeepReadAhead;
          if (*kept_all) consumed->append(connection.buffered, 0, used);
        }
        connection.buffered.erase(0, used);
      }
      if (parser->state() == wire::ResponseParser::State::kDone) return ProbeAnswer::kWhole;
      if (parser->state() == wire::ResponseParser::State::kError) {
        return ProbeAnswer::kNotAResponse;
      }
      if (read >= cap) return ProbeAnswer::kCap;
      const std::size_t before = connection.buffered.size();
      const Io io = connection.Read(&connection.buffered, cap - read, until);
      read += connection.buffered.size() - before;
      if (io == Io::kEof) return ProbeAnswer::kEof;
      if (io == Io::kReset) return ProbeAnswer::kReset;
      if (io == Io::kTimeout) return ProbeAnswer::kTimeout;
    }
  }

  // Sets aside stray content in front of the next response (see the file
  // comment), reading until that is settled when `wait`, else taking only
  // what has arrived. It counts against the response it followed: this
  // exchange's own, or the one before it on the connection.
  void TakeStray(ExchangeState* state, Deadline until, bool wait) {
    Connection& connection = *connection_;
    while (stray_.armed) {
      const bool at_end = connection.peer_closed || !connection.open();
      const wire::StrayScan scan =
          wire::ScanStrayContent(connection.buffered, stray_.announced, at_end, stray_.continuing);
      if (scan.stray > 0) {
        AppendCapped(&state->exchange.received,
                     std::string_view(connection.buffered).substr(0, scan.stray),
                     options_.max_record_bytes);
        if (stray_.this_exchange) {
          state->stray_own += scan.stray;
        } else {
          state->stray_earlier += scan.stray;
          state->earlier_status = stray_.status;
          state->earlier_head = stray_.head;
        }
        if (stray_.announced)
          *stray_.announced -= std::min<std::uint64_t>(*stray_.announced, scan.stray);
        stray_.continuing = true;
        connection.buffered.erase(0, scan.stray);
      }
      if (scan.settled) {
        stray_.armed = false;
        return;
      }
      if (at_end || state->stray_own + state->stray_earlier >= options_.max_stream_bytes ||
          connection.buffered.size() >= options_.max_stream_bytes) {
        return;
      }
      const Io io = connection.Read(&connection.buffered, kReadChunk, wait ? until : Clock::now());
      if (io == Io::kTimeout) return;
      if (io == Io::kEof) connection.peer_closed = true;
      if (io == Io::kReset) {
        connection.peer_closed = true;
        connection.Close();
      }
    }
  }

  // Says what TakeStray set aside, as message.content-not-allowed on the
  // response of this exchange (after it, or in front of it).
  void ReportStray(ExchangeState* state, bool head_request) {
    Exchange& exchange = state->exchange;
    // One diagnostic per response: its own stray content first.
    if (state->stray_earlier > 0 && state->stray_own == 0) {
      exchange.stray_after_status = state->earlier_status;
    }
    if (!exchange.response) return;
    std::vector<core::Diagnostic>& diagnostics = exchange.response->diagnostics;
    if (core::FindDiagnostic(diagnostics, "message.content-not-allowed") != nullptr) return;
    auto what = [](int status, bool head) {
      return head ? "response to HEAD" : std::to_string(status) + " response";
    };
    if (state->stray_own > 0) {
      diagnostics.push_back({"message.content-not-allowed", state->parsed,
                             std::to_string(state->stray_own) + " bytes followed this " +
                                 what(exchange.response->head.status, head_request) +
                                 " on the connection: content it cannot have (RFC 9112 §6.3)",
                             false});
    } else if (state->stray_earlier > 0) {
      diagnostics.push_back({"message.content-not-allowed", 0,
                             std::to_string(state->stray_earlier) +
                                 " bytes in front of this response followed the previous one on "
                                 "the connection, a " +
                                 what(state->earlier_status, state->earlier_head) +
                                 ": content it cannot have (RFC 9112 §6.3)",
                             false});
    }
  }

  // Content after a response that cannot have any: watched for from the end
  // of such a response until the next response begins.
  struct StrayWatch {
    bool armed = false;
    bool continuing = false;                 // Stray bytes were set aside already.
    int status = 0;                          // Of the response they follow.
    std::optional<std::uint64_t> announced;  // Its Content-Length, less what was set aside.
    bool this_exchange = false;              // That response is this exchange's.
    bool head = false;                       // It answered HEAD.
  };

  Target target_;
  TransportOptions options_;
  std::shared_ptr<SSL_CTX> tls_;
  std::string tls_error_;
  std::unique_ptr<Connection> connection_;
  bool probe_answer_pending_ = false;  // A probe request on connection_ is unanswered.
  StrayWatch stray_;
};

class RawTransport : public Transport {
 public:
  RawTransport(const Target& target, const TransportOptions& options)
      : target_(target), options_(options) {
    static std::once_flag sigpipe_once;
    std::call_once(sigpipe_once, [] {
      struct sigaction current {};
      if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
        signal(SIGPIPE, SIG_IGN);
      }
    });
    if (target_.scheme != "https") return;
    // This transport speaks HTTP/1.1 only, and says so (RFC 7301).
    core::Expected<std::shared_ptr<SSL_CTX>> ctx =
        MakeClientTlsContext(options_, std::string_view("\x08http/1.1", 9));
    if (ctx) {
      tls_ = std::move(*ctx);
    } else {
      tls_error_ = ctx.error().message;
    }
  }

  std::unique_ptr<Session> OpenSession() override {
    return std::make_unique<RawSession>(target_, options_, tls_, tls_error_);
  }

 private:
  Target target_;
  TransportOptions options_;
  std::shared_ptr<SSL_CTX> tls_;
  std::string tls_error_;
};

}  // namespace

std::unique_ptr<Transport> MakeRawTransport(const Target& target, const TransportOptions& options) {
  return std::make_unique<RawTransport>(target, options);
}

}  // namespace httpconform::transport
