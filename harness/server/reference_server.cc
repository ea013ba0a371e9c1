// Sockets, threads and the per-connection request loop.
//
// Threads: one accept thread polls the listening socket in 100 ms slices so
// that Stop() is noticed promptly; each accepted connection gets a thread,
// up to max_connections (beyond that the accept thread itself answers 503
// and closes). Connection threads never close their socket while Stop() may
// be shutting it down: both happen under mutex_, and Stop() joins every
// thread before returning, so no fd is used after close or closed twice.
//
// A request is read in two phases, as RFC 9110 §10.1.1 requires: the head
// is collected (bounded by the parser's limits plus a margin) and parsed;
// a final status that the head alone decides (417, 413, 411) is sent at
// once, otherwise `100 Continue` is sent if the client expects it, and only
// then is the content read. A request with both Content-Length and
// Transfer-Encoding has its Content-Length removed before parsing, so it is
// framed by Transfer-Encoding alone, and the connection is closed after the
// response (RFC 9112 §6.1 and §6.3 item 3). Every read waits at most
// idle_timeout_ms, every request at most kRequestDeadlineMs, and every
// buffer is capped, so a slow or hostile client costs one bounded thread.
//
// HTTP/2: a connection whose first bytes are the client preface (RFC 9113
// §3.4) is served by h2_server_session.h instead, with the same routes;
// anything else is HTTP/1.1. With TLS, a relay thread per connection
// (tls_server.h) hands the plaintext to the same loop over a socket pair,
// and ALPN only names what the preface then shows.
#include "harness/server/reference_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <system_error>

#include "harness/server/fault_rewrites.h"
#include "harness/server/h2_server_session.h"
#include "harness/server/head_faults.h"
#include "harness/server/reply.h"
#include "harness/server/routes.h"
#include "harness/server/socket_io.h"
#include "harness/wire/request_parser.h"

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSliceMs = 100;              // Poll granularity: how fast Stop() is seen.
constexpr int kRequestDeadlineMs = 30000;  // Whole request, head and content.
constexpr int kLingerMs = 500;             // Draining after a close, so our response is not reset.

// Bounded reads and writes, and the staged close: socket_io.h.

// Where the head ends (just past its empty line), skipping the empty lines
// a client may send before the request-line (RFC 9112 §2.2); npos if not yet.
std::size_t HeadEnd(const std::string& buf) {
  std::size_t start = 0;
  while (start < buf.size() && (buf[start] == '\r' || buf[start] == '\n')) ++start;
  std::size_t crlf = buf.find("\n\r\n", start);
  std::size_t lf = buf.find("\n\n", start);
  std::size_t end = std::string::npos;
  if (crlf != std::string::npos) end = crlf + 3;
  if (lf != std::string::npos) end = std::min(end, lf + 2);
  return end;
}

bool LineStartsWithName(const std::string& line, const char* name) {
  std::size_t n = std::strlen(name);
  return line.size() > n && line[n] == ':' && core::EqualsIgnoreCase(line.substr(0, n), name);
}

// When a head carries both Content-Length and Transfer-Encoding, removes the
// field lines named `drop`. Returns true when it did.
bool DropOneOfClAndTe(std::string& head, const char* drop) {
  const std::vector<std::string> lines = HeadLines(head);
  bool has_cl = false, has_te = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    has_cl = has_cl || LineStartsWithName(lines[i], "Content-Length");
    has_te = has_te || LineStartsWithName(lines[i], "Transfer-Encoding");
  }
  if (!has_cl || !has_te) return false;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && LineStartsWithName(lines[i], drop)) continue;
    out += lines[i];
  }
  head = out;
  return true;
}

// Removes Content-Length field lines when Transfer-Encoding is also present
// (RFC 9112 §6.3 item 3: Transfer-Encoding overrides Content-Length).
// Returns true when it did.
bool StripContentLengthIfChunked(std::string& head) {
  return DropOneOfClAndTe(head, "Content-Length");
}

// Fault helpers (cases-wire): each rewrites the head the way one broken
// server would read it, so the parser then sees what that server would.

// obs-fold-dropped: removes continuation lines (those starting with SP or
// HTAB after the request-line) instead of rejecting or unfolding them.
void DropContinuationLinesForFault(std::string& head) {
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    std::size_t end = nl == std::string::npos ? head.size() : nl + 1;
    const bool continuation = !first && (head[pos] == ' ' || head[pos] == '\t');
    if (!continuation) out += head.substr(pos, end - pos);
    if (head[pos] != '\r' && head[pos] != '\n') first = false;
    pos = end;
  }
  head = out;
}

// whitespace-line-processed: strips the leading whitespace of the lines that
// follow the request-line and start with SP or HTAB, so they become fields.
void ProcessWhitespaceLinesForFault(std::string& head) {
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    std::size_t end = nl == std::string::npos ? head.size() : nl + 1;
    std::size_t start = pos;
    if (!first) {
      while (start < end && (head[start] == ' ' || head[start] == '\t')) ++start;
    }
    out += head.substr(start, end - start);
    if (head[pos] != '\r' && head[pos] != '\n') first = false;
    pos = end;
  }
  head = out;
}

// te-http10-keep-open: an HTTP/1.0 request with Transfer-Encoding is read as
// HTTP/1.1, so it is decoded and the connection persists.
void Http10WithTeAsHttp11ForFault(std::string& head) {
  const std::size_t eol = head.find('\n');
  const std::size_t version = head.rfind(" HTTP/1.0", eol);
  if (eol == std::string::npos || version == std::string::npos) return;
  bool has_te = false;
  for (std::size_t pos = eol + 1; pos < head.size();) {
    std::size_t nl = head.find('\n', pos);
    std::size_t end = nl == std::string::npos ? head.size() : nl + 1;
    has_te = has_te || LineStartsWithName(head.substr(pos, end - pos), "Transfer-Encoding");
    pos = end;
  }
  if (has_te) head.replace(version, 9, " HTTP/1.1");
}

// ignore-request-content: removes Content-Length, so the content stays
// unread in the stream and is parsed as the next request.
void RemoveContentLengthForFault(std::string& head) {
  std::string out;
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    std::size_t end = nl == std::string::npos ? head.size() : nl + 1;
    std::string line = head.substr(pos, end - pos);
    if (pos == 0 || !LineStartsWithName(line, "Content-Length")) out += line;
    pos = end;
  }
  head = out;
}

// bare-cr-as-line-end: a CR not followed by LF ends the line.
void BareCrToLineEndForFault(std::string& head) {
  std::string out;
  for (std::size_t i = 0; i < head.size(); ++i) {
    out += head[i];
    if (head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n')) out += '\n';
  }
  head = out;
}

// cl-over-te: removes Transfer-Encoding when Content-Length is present, so
// the request is framed by Content-Length. Returns true when it did.
bool StripTransferEncodingForFault(std::string& head) {
  return DropOneOfClAndTe(head, "Transfer-Encoding");
}

bool ConnectionOption(const wire::Request& req, const char* option) {
  for (const std::string& m : core::FieldListMembers(req.fields, "Connection")) {
    if (core::EqualsIgnoreCase(m, option)) return true;
  }
  return false;
}

bool ExpectsContinue(const wire::Request& req) {
  for (const std::string& e : core::FieldListMembers(req.fields, "Expect")) {
    if (core::EqualsIgnoreCase(e, "100-continue")) return true;
  }
  return false;
}

bool RequestHasContent(const wire::Request& req) {
  if (req.chunked) return true;
  const core::Field* cl = core::FindField(req.fields, "Content-Length");
  return cl != nullptr && !cl->value.empty() &&
         cl->value.find_first_not_of("0") != std::string::npos;
}

std::string Authority(const std::string& host, int port) {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

}  // namespace

struct ReferenceServer::Connection {
  int fd = -1;
  std::thread thread;
  std::thread tls_relay;  // With TLS: carries the plaintext to and from fd.
  std::atomic<bool> done{false};
};

ReferenceServer::ReferenceServer(ServerOptions options, FaultSet faults, int listen_fd, int port)
    : options_(std::move(options)), faults_(faults), listen_fd_(listen_fd), port_(port) {}

core::Expected<std::unique_ptr<ReferenceServer>> ReferenceServer::Start(
    const ServerOptions& options) {
  core::Expected<FaultSet> faults = FaultSet::Parse(options.faults);
  if (!faults) return faults.error();
  if (options.port < 0 || options.port > 65535) {
    return core::MakeError("usage", "invalid port " + std::to_string(options.port));
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
  addrinfo* result = nullptr;
  std::string port_text = std::to_string(options.port);
  int gai = ::getaddrinfo(options.host.c_str(), port_text.c_str(), &hints, &result);
  if (gai != 0 || result == nullptr) {
    return core::MakeError("listen", "cannot resolve " + options.host + ": " + gai_strerror(gai));
  }
  int fd = ::socket(result->ai_family, result->ai_socktype | SOCK_CLOEXEC, result->ai_protocol);
  if (fd < 0) {
    ::freeaddrinfo(result);
    return core::MakeError("listen", std::string("socket: ") + std::strerror(errno));
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, result->ai_addr, result->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
    int err = errno;
    ::freeaddrinfo(result);
    ::close(fd);
    return core::MakeError("listen",
                           Authority(options.host, options.port) + ": " + std::strerror(err));
  }
  ::freeaddrinfo(result);
  // Non-blocking: a client that resets between poll() and accept() must
  // not block the accept thread.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                        : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  std::unique_ptr<ReferenceServer> server(new ReferenceServer(options, *faults, fd, port));
  if (!options.tls_cert_file.empty() || !options.tls_key_file.empty() || options.tls_self_signed) {
    if (options.tls_self_signed &&
        (!options.tls_cert_file.empty() || !options.tls_key_file.empty())) {
      return core::MakeError("usage", "a self-signed certificate or one from files, not both");
    }
    if (!options.tls_self_signed &&
        (options.tls_cert_file.empty() || options.tls_key_file.empty())) {
      return core::MakeError("usage", "TLS needs both a certificate file and a key file");
    }
    core::Expected<std::shared_ptr<SSL_CTX>> tls =
        MakeServerTlsContext(options.tls_cert_file, options.tls_key_file);
    if (!tls) return core::MakeError("usage", tls.error().message);
    server->tls_ = *tls;
  }
  server->accept_thread_ = std::thread([s = server.get()] { s->AcceptLoop(); });
  return server;
}

std::string ReferenceServer::url() const {
  return (tls_ ? "https://" : "http://") + Authority(options_.host, port_);
}

ReferenceServer::~ReferenceServer() { Stop(); }

void ReferenceServer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  stopping_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& c : connections_) {
      if (c->fd >= 0) ::shutdown(c->fd, SHUT_RDWR);
    }
  }
  ReapFinished(true);
}

void ReferenceServer::ReapFinished(bool all) {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (all || (*it)->done) {
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : finished) {
    if (c->thread.joinable()) c->thread.join();
    if (c->tls_relay.joinable()) c->tls_relay.join();
  }
}

void ReferenceServer::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, kSliceMs);
    ReapFinished(false);
    if (r <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors (EMFILE) keeps the socket readable: back off
      // instead of spinning.
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        std::this_thread::sleep_for(std::chrono::milliseconds(kSliceMs));
      }
      continue;
    }
    std::size_t active;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      active = connections_.size();
    }
    if (active >= static_cast<std::size_t>(std::max(options_.max_connections, 0))) {
      // Over the bound: answer 503 from here, without a thread (RFC 9110
      // §15.6.4), and close.
      Reply busy;
      busy.status = 503;
      busy.close = true;
      AddField(busy.fields, "Retry-After", "1");
      AddField(busy.fields, "Content-Type", "text/plain; charset=utf-8");
      busy.content = "503 Service Unavailable: too many connections\n";
      WireContext wc;
      wc.now = std::time(nullptr);
      WriteAll(fd, Serialize(busy, wc, faults_), 200, stopping_);
      LingerClose(fd, stopping_, 100);
      ::close(fd);
      continue;
    }
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    int relay_fd = -1;  // With TLS: the relay's end of the socket pair.
    if (tls_) {
      int pair[2];
      if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        ::close(fd);
        continue;
      }
      connection->fd = pair[0];
      relay_fd = pair[1];
    }
    Connection* raw = connection.get();
    std::lock_guard<std::mutex> lock(mutex_);
    try {
      raw->thread = std::thread([this, raw] { Serve(raw); });
    } catch (const std::system_error&) {
      // No thread to serve it (resource limit): drop the connection.
      ::close(raw->fd);
      if (relay_fd >= 0) ::close(relay_fd);
      if (tls_) ::close(fd);
      continue;
    }
    if (tls_) {
      const int idle_ms = std::max(options_.idle_timeout_ms, 1);
      try {
        raw->tls_relay = std::thread([this, fd, relay_fd, idle_ms] {
          RelayTls(tls_.get(), fd, relay_fd, idle_ms, stopping_);
        });
      } catch (const std::system_error&) {
        ::close(fd);
        ::close(relay_fd);  // Serve() sees the end of its connection.
      }
    }
    connections_.push_back(std::move(connection));
  }
}

void ReferenceServer::Serve(Connection* connection) {
  const int fd = connection->fd;
  RouteContext context;
  context.faults = &faults_;
  context.authority = Authority(options_.host, port_);
  context.max_content_bytes = options_.max_content_bytes;
  context.upload_counter = &upload_counter_;
  context.saved_content_location = &saved_content_location_;

  wire::RequestLimits limits;
  limits.max_content_bytes = options_.max_content_bytes;
  // RFC 9112 §3: request-lines of 8000 octets are RECOMMENDED; the fault caps lower.
  if (faults_.Has(Fault::kRequestLineCap4096)) limits.max_target_bytes = 4096;
  // Collect at most this much head before letting the parser judge it: a
  // head this long has already broken one of its limits (414 or 431).
  const std::size_t head_cap =
      std::max(limits.max_head_bytes, limits.max_target_bytes + limits.max_line_bytes) + 1024;
  const int idle_ms = std::max(options_.idle_timeout_ms, 1);

  std::string pending;
  // RFC 9113 §3.3: prior knowledge; the preface decides the version.
  const Opening opening = ReadOpening(fd, pending, idle_ms, stopping_);
  if (opening != Opening::kOther) {
    if (opening == Opening::kH2) {
      ServeH2Connection(fd, std::move(pending), context, faults_, idle_ms, stopping_);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ::close(connection->fd);
    connection->fd = -1;
    connection->done = true;
    return;
  }
  std::string last_response;           // For the pipeline-repeat-response fault only.
  std::string held_back;               // For the content-after-304 fault only.
  bool close_after_pipelined = false;  // For the answers-after-close fault only.
  std::string remembered_credentials;  // For the remember-credentials fault only.
  bool open = true;
  while (open && !stopping_) {
    // Phase 1: the head. Waiting for the first byte is the idle timeout.
    const auto request_deadline = Clock::now() + std::chrono::milliseconds(kRequestDeadlineMs);
    // Bytes already here when the previous response went out: a pipelined request.
    const bool pipelined = !pending.empty();
    std::size_t end = HeadEnd(pending);
    // Bytes already read (by ReadOpening, or pipelined) count as read.
    if (end == std::string::npos && !pending.empty() &&
        faults_.Has(Fault::kAnswerBeforeHeaderEnd)) {
      end = CutHeadEarlyForFault(pending);
    }
    bool read_failed = false;
    while (end == std::string::npos && pending.size() < head_cap) {
      if (Clock::now() > request_deadline ||
          ReadMore(fd, pending, idle_ms, stopping_) != ReadStatus::kOk) {
        read_failed = true;
        break;
      }
      end = HeadEnd(pending);
      if (end == std::string::npos && faults_.Has(Fault::kAnswerBeforeHeaderEnd)) {
        end = CutHeadEarlyForFault(pending);
      }
    }
    if (read_failed) break;                              // Timeout, EOF or stop: nothing to answer.
    if (end == std::string::npos) end = pending.size();  // Over the cap: the parser will say.
    std::string head = pending.substr(0, end);
    pending.erase(0, end);
    if (faults_.Has(Fault::kObsFoldDropped)) DropContinuationLinesForFault(head);
    if (faults_.Has(Fault::kBareCrAsLineEnd)) BareCrToLineEndForFault(head);
    if (faults_.Has(Fault::kNulAsLineEnd)) NulToLineEndForFault(head);
    if (faults_.Has(Fault::kFieldValueUntrimmed)) KeepTrailingWhitespaceForFault(head);
    if (faults_.Has(Fault::kContentLengthWraps)) WrapContentLengthForFault(head);
    if (faults_.Has(Fault::kWhitespaceLineProcessed)) ProcessWhitespaceLinesForFault(head);
    if (faults_.Has(Fault::kIgnoreRequestContent)) RemoveContentLengthForFault(head);
    if (faults_.Has(Fault::kTeHttp10KeepOpen)) Http10WithTeAsHttp11ForFault(head);
    if (faults_.Has(Fault::kContentLengthListSummed)) SumContentLengthListForFault(head);
    if (faults_.Has(Fault::kIgnoreTeParameters)) StripTeParametersForFault(head);
    const bool cl_and_te = faults_.Has(Fault::kClOverTe) ? StripTransferEncodingForFault(head)
                                                         : StripContentLengthIfChunked(head);

    wire::RequestParser parser(limits);
    std::size_t used = parser.Feed(head);
    if (used < head.size()) pending.insert(0, head.substr(used));

    WireContext wc;
    Reply reply;
    bool have_reply = false;
    bool expects_continue = false;
    wire::Request request;
    if (parser.state() == wire::RequestParser::State::kHead) {
      // The cap was reached without the parser objecting: too large for us.
      reply = ErrorReply(431, parser.request(), context);
      have_reply = true;
    } else if (parser.state() == wire::RequestParser::State::kError) {
      // netfuzz fault hang-on-cl-conflict: no answer at all, the connection
      // is held until the idle timeout (RFC 9112 §6.3 requires 400).
      if (faults_.Has(Fault::kHangOnClConflict) &&
          core::FindDiagnostic(parser.request().diagnostics,
                               "framing.conflicting-content-length") != nullptr) {
        Drain(fd, stopping_, idle_ms);
        break;
      }
      reply = ErrorReply(parser.error_status(), parser.request(), context);
      have_reply = true;
    } else {
      const wire::Request& head_request = parser.request();
      wc.head_request = head_request.method == "HEAD";
      wc.http10 = head_request.version == "HTTP/1.0";
      if (std::optional<Reply> early = HeadReply(head_request, context)) {
        reply = *early;
        have_reply = true;
        request = head_request;
        if (!reply.close && parser.state() == wire::RequestParser::State::kHeadDone) {
          parser.Continue();  // No content pending (HeadReply closes otherwise).
        }
      } else {
        // RFC 9110 §10.1.1: an HTTP/1.1 request with content that expects
        // 100-continue gets 100 before we read it (HTTP/1.0: ignored).
        expects_continue = ExpectsContinue(head_request) &&
                           (!wc.http10 || faults_.Has(Fault::k100ContinueToHttp10)) &&
                           RequestHasContent(head_request);
        // RFC 9110 §7.8: with Upgrade and 100-continue, the 100 comes before the 101.
        const bool skip_for_upgrade = faults_.Has(Fault::kNo100BeforeUpgrade) &&
                                      core::FindField(head_request.fields, "Upgrade") != nullptr;
        if (expects_continue && !skip_for_upgrade && !faults_.Has(Fault::kNo100Continue) &&
            !faults_.Has(Fault::k100AfterFinal) &&
            !(head_request.chunked && faults_.Has(Fault::kNo100ContinueForChunked))) {
          Reply cont;
          cont.status = 100;
          wc.now = std::time(nullptr);
          if (!WriteAll(fd, Serialize(cont, wc, faults_), idle_ms, stopping_)) break;
        }
        if (parser.state() == wire::RequestParser::State::kHeadDone) parser.Continue();
        // Phase 2: the content.
        bool content_failed = false;
        while (parser.state() == wire::RequestParser::State::kContent) {
          if (!pending.empty()) {
            if (faults_.Has(Fault::kRejectChunkExtBws) && head_request.chunked) {
              BreakChunkExtBwsForFault(pending);
            }
            std::size_t n = parser.Feed(pending);
            pending.erase(0, n);
            if (parser.state() != wire::RequestParser::State::kContent) break;
            if (n == 0 && !pending.empty()) {
              content_failed = true;  // The parser refuses input it did not reject: give up.
              break;
            }
          }
          if (Clock::now() > request_deadline ||
              ReadMore(fd, pending, idle_ms, stopping_) != ReadStatus::kOk) {
            content_failed = true;
            break;
          }
        }
        // RFC 9112 §6.3: content cut short is incomplete, never processed;
        // process-short-content routes what arrived.
        if (content_failed &&
            !(faults_.Has(Fault::kProcessShortContent) && !parser.request().content.empty())) {
          break;
        }
        if (parser.state() == wire::RequestParser::State::kError) {
          reply = ErrorReply(parser.error_status(), parser.request(), context);
          have_reply = true;
        }
      }
    }
    if (!have_reply) {
      request = parser.TakeRequest();
      // RFC 9110 §3.3: each request carries its own credentials; the fault
      // lends a request the ones an earlier request on the connection had.
      if (faults_.Has(Fault::kRememberCredentials)) {
        RememberCredentialsForFault(request.fields, remembered_credentials);
      }
      reply = Route(request, context);
      if (expects_continue && faults_.Has(Fault::k100AfterFinal)) {
        Reply cont;
        cont.status = 100;
        reply.after.insert(reply.after.begin(), cont);
      }
    } else if (request.method.empty()) {
      request = parser.request();
    }

    // Persistence (RFC 9112 §9.3): HTTP/1.1 defaults to persistent, HTTP/1.0
    // only with keep-alive; "close" from the client ends it (§9.6).
    const bool http10 = request.version == "HTTP/1.0";
    bool close = reply.close;
    if (cl_and_te && !faults_.Has(Fault::kClTeKeepOpen)) close = true;  // RFC 9112 §6.1.
    bool close_option = ConnectionOption(request, "close");
    if (faults_.Has(Fault::kCloseOptionCaseSensitive)) {
      close_option = false;
      for (const std::string& m : core::FieldListMembers(request.fields, "Connection")) {
        close_option = close_option || m == "close";
      }
    }
    if (faults_.Has(Fault::kCloseOptionAloneOnly)) {
      close_option =
          close_option && core::FieldListMembers(request.fields, "Connection").size() == 1;
    }
    if (close_option && !faults_.Has(Fault::kKeepAliveAfterClose)) close = true;
    // answers-after-close: requests already pipelined behind "close" are
    // answered before the connection closes (§9.6: MUST NOT process them).
    if (faults_.Has(Fault::kAnswersAfterClose)) {
      if (close_option && !pending.empty()) {
        close = false;
        close_after_pipelined = true;
      } else if (close_after_pipelined && pending.empty()) {
        close = true;
      }
    }
    if (http10 && !ConnectionOption(request, "keep-alive")) close = true;
    if (request.version.empty() || request.version.compare(0, 5, "HTTP/") != 0) close = true;
    if (faults_.Has(Fault::kNoPersistence)) close = true;
    // close-delimited-responses: no Content-Length, the close ends the content.
    if (faults_.Has(Fault::kCloseDelimitedResponses) && reply.status >= 200) {
      close = true;
      reply.close_delimited = true;
    }
    if (faults_.Has(Fault::kCloseWithoutOption)) {
      close = true;
      reply.omit_close_option = true;
    }
    if (http10 && faults_.Has(Fault::kResponseVersionAboveRequest)) reply.version = "HTTP/2.0";
    reply.close = close;
    reply.keep_alive_option = http10 && !close;
    wc.http10 = http10;
    wc.head_request = request.method == "HEAD";
    wc.now = std::time(nullptr);
    if (options_.early_hints && request.version == "HTTP/1.1" && reply.status >= 200 &&
        reply.interim.empty() && !reply.no_status_line) {
      Reply hint;
      hint.status = 103;
      AddField(hint.fields, "Link", "</static/hello.txt>; rel=preload");
      reply.interim.push_back(hint);
    }
    std::string wire_bytes = Serialize(reply, wc, faults_);
    if (faults_.Has(Fault::kContentAfter304)) {
      // The 304's content, kept back until the next response goes out.
      wire_bytes.insert(0, held_back);
      held_back = reply.status == 304 ? reply.content : "";
    }
    if (faults_.Has(Fault::kPipelineRepeatResponse)) {
      if (pipelined && !last_response.empty()) wire_bytes = last_response;
      last_response = wire_bytes;
    }
    if (!WriteAll(fd, wire_bytes, std::max(idle_ms, 1000), stopping_)) break;

    if (reply.upgrade) {
      // The connection now speaks WebSocket, which we do not: keep it for a
      // short idle while, then close.
      Drain(fd, stopping_, 1000);
      open = false;
    } else if (close && !(http10 && !close_option && request.method == "GET" &&
                          (faults_.Has(Fault::kOpenAfterSendingClose) ||
                           (faults_.Has(Fault::kAnswersAfterSendingClose) && !pending.empty())))) {
      // RFC 9112 §9.6: having sent "close", close. The faults keep the
      // connection open after a GET from an HTTP/1.0 client that did not ask
      // for keep-alive (for good, or for the requests pipelined behind).
      LingerClose(fd, stopping_, kLingerMs);
      open = false;
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ::close(connection->fd);
  connection->fd = -1;
  connection->done = true;
}

}  // namespace httpconform::server
