// The reference gateway's connection loop (gateway.h): read a request, decide
// whether to answer it here (Max-Forwards 0), forward it (forwarding.h),
// read the upstream's answer with the strict response parser, and send the
// client what an intermediary must: the interim and final responses with
// hop-by-hop fields removed, or its own 502 or 504.
#include "harness/proxy/gateway.h"

#include <unistd.h>

#include <chrono>
#include <ctime>

#include "harness/proxy/cache_flow.h"
#include "harness/proxy/forwarding.h"
#include "harness/server/reply.h"
#include "harness/server/semantics.h"
#include "harness/wire/request_parser.h"
#include "harness/wire/response_parser.h"

namespace httpconform::proxy {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kMaxConnections = 256;
constexpr int kIdleMs = 10000;
constexpr int kWriteMs = 10000;
constexpr std::size_t kMaxUpstreamContent = 1024 * 1024;

std::string StatusLine(int status) {
  const char* reason = server::ReasonPhrase(status);
  return "HTTP/1.1 " + std::to_string(status) + " " +
         (reason != nullptr && *reason != '\0' ? reason : "Unknown") + "\r\n";
}

std::string FieldLines(const core::Fields& fields) {
  std::string out;
  for (const core::Field& f : fields) out += f.name + ": " + f.value + "\r\n";
  return out;
}

// What came back from upstream.
struct Upstream {
  enum class Kind { kResponse, kTimeout, kInvalid } kind = Kind::kInvalid;
  core::Response response;
  std::string why;    // kInvalid / kTimeout: in words, for the explanation.
  std::string fatal;  // kInvalid: the parser's fatal diagnostic, if any.
};

// The request as forwarded: origin-form target, forwarded fields, Via, our
// own framing, and a close (one request per upstream connection).
std::string UpstreamRequest(const wire::Request& request, const MaxForwards& mf,
                            const GatewayFaultSet& faults, const core::Fields& extra = {}) {
  std::string target = request.target;
  if (request.target_form == wire::TargetForm::kAbsolute) {
    const std::size_t scheme = target.find("://");
    const std::size_t path = scheme == std::string::npos ? 0 : target.find('/', scheme + 3);
    target = path == std::string::npos ? "/" : target.substr(path);
  }
  core::Fields fields = ForwardFields(request.fields, false, faults);
  if (mf.value) {
    for (core::Field& f : fields) {
      if (core::EqualsIgnoreCase(f.name, "Max-Forwards")) f.value = *mf.value;
    }
  }
  if (faults.Has(GatewayFault::kNoHost)) {
    core::Fields kept;
    for (const core::Field& f : fields) {
      if (!core::EqualsIgnoreCase(f.name, "Host")) kept.push_back(f);
    }
    fields = std::move(kept);
  }
  AppendVia(&fields, request.version, faults);
  fields.insert(fields.end(), extra.begin(), extra.end());  // A cache's validators.
  std::string out = request.method + " " + target + " HTTP/1.1\r\n" + FieldLines(fields);
  if (!request.content.empty() || request.chunked ||
      core::FindField(request.fields, "Content-Length")) {
    out += "Content-Length: " + std::to_string(request.content.size()) + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  return out + request.content;
}

Upstream Exchange(const GatewayOptions& options, const std::string& bytes, bool head_request,
                  const std::atomic<bool>& stop) {
  Upstream out;
  core::Expected<int> fd =
      Connect(options.upstream_host, options.upstream_port, options.upstream_timeout_ms);
  if (!fd) {
    out.why = "cannot connect to the upstream server: " + fd.error().message;
    return out;
  }
  const auto deadline = Clock::now() + std::chrono::milliseconds(options.upstream_timeout_ms);
  if (!WriteAll(*fd, bytes, options.upstream_timeout_ms, stop)) {
    ::close(*fd);
    out.why = "could not send the request upstream";
    return out;
  }
  wire::ResponseContext context;
  context.head_request = head_request;
  wire::ParserLimits limits;
  limits.max_content_bytes = kMaxUpstreamContent;
  wire::ResponseParser parser(context, limits);
  std::string buf;
  bool timed_out = false;
  while (!parser.done()) {
    const long long left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    buf.clear();
    const ReadStatus s = ReadMore(*fd, buf, static_cast<int>(left), stop);
    if (s == ReadStatus::kOk) {
      parser.Feed(buf);
      continue;
    }
    if (s == ReadStatus::kTimeout) timed_out = true;
    if (s == ReadStatus::kEof) parser.FinishEof();
    break;
  }
  ::close(*fd);
  if (timed_out && !parser.response_started()) {
    out.kind = Upstream::Kind::kTimeout;
    out.why = "the upstream server sent nothing within " +
              std::to_string(options.upstream_timeout_ms) + " ms";
    return out;
  }
  out.response = parser.TakeResponse();
  if (!parser.complete() || parser.content_size() > kMaxUpstreamContent) {
    out.why = "the upstream response was invalid or incomplete";
    for (const core::Diagnostic& d : out.response.diagnostics) {
      if (!d.fatal) continue;
      out.why = "the upstream response was invalid: " + d.id;
      out.fatal = d.id;
    }
    return out;
  }
  if (out.response.head.status == 101) {
    out.why = "the upstream server switched protocols without being asked";
    return out;
  }
  out.kind = Upstream::Kind::kResponse;
  return out;
}

std::string OwnResponse(int status, const std::string& why, bool head_request, bool close,
                        const GatewayFaultSet& faults) {
  // RFC 9110 §15.6: a 5xx SHOULD explain the error situation.
  const std::string content =
      faults.Has(GatewayFault::k5xxWithoutExplanation) && status >= 500
          ? ""
          : std::to_string(status) + " " + server::ReasonPhrase(status) + ": " + why + "\n";
  std::string out = StatusLine(status) + "Date: " + server::FormatHttpDate(std::time(nullptr)) +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                    std::to_string(content.size()) + "\r\n";
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  return head_request ? out : out + content;
}

// The answer to a TRACE or OPTIONS whose Max-Forwards is 0: the gateway is
// its final recipient (§7.6.2; TRACE echoes the request, §9.3.8).
std::string FinalRecipientResponse(const wire::Request& request, bool close) {
  std::string content;
  std::string type;
  if (request.method == "TRACE") {
    type = "Content-Type: message/http\r\n";
    content = request.method + " " + request.target + " " + request.version + "\r\n" +
              FieldLines(request.fields) + "\r\n";
  }
  std::string out =
      StatusLine(200) + "Date: " + server::FormatHttpDate(std::time(nullptr)) + "\r\n" + type;
  if (request.method == "OPTIONS") out += "Allow: GET, HEAD, POST, OPTIONS, TRACE\r\n";
  out += "Content-Length: " + std::to_string(content.size()) + "\r\n";
  if (close) out += "Connection: close\r\n";
  return out + "\r\n" + content;
}

std::string Relay(const core::Response& r, bool head_request, bool http10_client, bool close,
                  const GatewayFaultSet& faults) {
  std::string out;
  // §15.2: forward 1xx, but never to an HTTP/1.0 client.
  const bool interim = !faults.Has(GatewayFault::kSwallow1xx) &&
                       (!http10_client || faults.Has(GatewayFault::k1xxToHttp10));
  if (interim) {
    for (const core::ResponseHead& h : r.interim) {
      out += StatusLine(h.status) + FieldLines(ForwardFields(h.fields, true, faults)) + "\r\n";
    }
  }
  core::Fields fields = ForwardFields(r.head.fields, true, faults);
  const int status = r.head.status;
  out += StatusLine(status) + FieldLines(fields);
  if (head_request) {
    if (const core::Field* cl = core::FindField(r.head.fields, "Content-Length")) {
      out += "Content-Length: " + cl->value + "\r\n";
    }
  } else if (status != 204 && status != 304) {
    out += "Content-Length: " + std::to_string(r.content.size()) + "\r\n";
  }
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  if (!head_request && status != 204 && status != 304) out += r.content;
  return out;
}

}  // namespace

core::Expected<std::unique_ptr<ReferenceGateway>> ReferenceGateway::Start(
    const GatewayOptions& options) {
  core::Expected<GatewayFaultSet> faults = GatewayFaultSet::Parse(options.faults);
  if (!faults) return faults.error();
  if (!IsLoopback(options.upstream_host)) {
    return core::MakeError("usage", "the upstream " + options.upstream_host +
                                        " is not a loopback address (127.0.0.0/8, ::1)");
  }
  std::unique_ptr<ReferenceGateway> g(new ReferenceGateway(options, *faults));
  if (options.cache) g->cache_ = std::make_unique<Cache>();
  ReferenceGateway* self = g.get();
  core::Expected<std::unique_ptr<Listener>> l =
      Listener::Start(options.host, options.port, kMaxConnections,
                      [self](int fd, const std::atomic<bool>& stop) { self->Serve(fd, stop); });
  if (!l) return l.error();
  g->listener_ = std::move(*l);
  return g;
}

void ReferenceGateway::Serve(int fd, const std::atomic<bool>& stop) {
  std::string buf;
  while (!stop) {
    wire::RequestParser parser;
    if (!ReadRequest(fd, &buf, &parser, kIdleMs, stop)) return;
    if (parser.state() == wire::RequestParser::State::kError) {
      WriteAll(fd,
               OwnResponse(parser.error_status(), "the request is malformed", false, true, faults_),
               kWriteMs, stop);
      return LingerClose(fd, stop, 200);
    }
    const wire::Request request = parser.TakeRequest();
    const bool http10 = request.version == "HTTP/1.0";
    const std::set<std::string> options = ConnectionOptions(request.fields);
    const bool close = http10 ? !options.count("keep-alive") : options.count("close") > 0;
    const bool head = request.method == "HEAD";
    const MaxForwards mf = CheckMaxForwards(request.method, request.fields, faults_);
    std::string answer;
    if (mf.answer_here) {
      answer = FinalRecipientResponse(request, close);
    } else {
      Upstream up;
      if (cache_ != nullptr) {
        CacheAnswer cached = ThroughCache(
            cache_.get(), request,
            [&](const core::Fields& extra) {
              Upstream u =
                  Exchange(options_, UpstreamRequest(request, mf, faults_, extra), head, stop);
              Fetched f;
              f.ok = u.kind == Upstream::Kind::kResponse;
              f.timeout = u.kind == Upstream::Kind::kTimeout;
              f.response = std::move(u.response);
              f.why = std::move(u.why);
              f.fatal = std::move(u.fatal);
              return f;
            },
            faults_);
        if (cached.response) {
          up.kind = Upstream::Kind::kResponse;
          up.response = std::move(*cached.response);
        } else if (cached.own_status != 0) {
          up.kind = Upstream::Kind::kTimeout;  // The cache's own 504.
          up.why = cached.why;
        } else {
          up.kind = cached.upstream.timeout ? Upstream::Kind::kTimeout : Upstream::Kind::kInvalid;
          up.response = std::move(cached.upstream.response);
          up.why = std::move(cached.upstream.why);
          up.fatal = std::move(cached.upstream.fatal);
        }
      } else {
        up = Exchange(options_, UpstreamRequest(request, mf, faults_), head, stop);
      }
      if (up.kind == Upstream::Kind::kResponse) {
        answer = Relay(up.response, head, http10, close, faults_);
      } else if (up.kind == Upstream::Kind::kTimeout) {
        answer = OwnResponse(504, up.why, head, close, faults_);
      } else if (faults_.Has(GatewayFault::kRelayInvalid) ||
                 (faults_.Has(GatewayFault::kRelayConflictingLength) &&
                  up.fatal == "framing.conflicting-content-length")) {
        core::Response& r = up.response;
        r.head.status = 200;
        r.head.fields.clear();
        answer = Relay(r, head, http10, close, faults_);
      } else {
        answer = OwnResponse(502, up.why, head, close, faults_);
      }
    }
    if (!WriteAll(fd, answer, kWriteMs, stop)) return;
    if (close) return LingerClose(fd, stop, 200);
  }
}

}  // namespace httpconform::proxy
