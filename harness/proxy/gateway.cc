// The reference gateway's connection loop (gateway.h): read a request, decide
// whether to answer it here (Max-Forwards 0), forward it (forwarding.h),
// read the upstream's answer with the strict response parser, and send the
// client what an intermediary must: the interim and final responses with
// hop-by-hop fields removed, or its own 502 or 504.
#include "harness/proxy/gateway.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>

#include "harness/proxy/cache_flow.h"
#include "harness/proxy/forwarding.h"
#include "harness/proxy/proxy_auth.h"
#include "harness/proxy/upstream.h"
#include "harness/server/reply.h"
#include "harness/server/semantics.h"
#include "harness/wire/request_parser.h"
#include "harness/wire/response_parser.h"

namespace httpconform::proxy {
namespace {

constexpr int kMaxConnections = 256;
constexpr int kIdleMs = 10000;
constexpr int kWriteMs = 10000;

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

// The authority of an absolute-form target ("http://HOST:PORT/x" -> "HOST:PORT").
std::string TargetAuthority(const std::string& target) {
  const std::size_t scheme = target.find("://");
  if (scheme == std::string::npos) return "";
  const std::size_t start = scheme + 3;
  const std::size_t end = target.find_first_of("/?#", start);
  std::string authority = target.substr(start, end == std::string::npos ? end : end - start);
  const std::size_t at = authority.rfind('@');  // userinfo is not part of Host.
  return at == std::string::npos ? authority : authority.substr(at + 1);
}

// The request-target to send upstream: origin-form (RFC 9112 §3.2.1), or
// "*" for an OPTIONS of an absolute URI with an empty path and no query
// (§3.2.4); path and query as received (RFC 9110 §7.7).
std::string UpstreamTarget(const wire::Request& request, const GatewayFaultSet& faults) {
  std::string target = request.target;
  if (request.target_form == wire::TargetForm::kAbsolute &&
      !faults.Has(GatewayFault::kForwardAbsoluteForm)) {
    const std::size_t scheme = target.find("://");
    const std::size_t path =
        scheme == std::string::npos ? 0 : target.find_first_of("/?", scheme + 3);
    target = path == std::string::npos ? "" : target.substr(path);
    if (target.empty() || target[0] == '?') {
      const bool star = request.method == "OPTIONS" && target.empty() &&
                        !faults.Has(GatewayFault::kOptionsStarAsSlash);
      target = star ? "*" : "/" + target;
    }
  }
  const std::size_t query = target.find('?');
  if (faults.Has(GatewayFault::kDropQuery) && query != std::string::npos) target.resize(query);
  return target;
}

// The request head as forwarded: the target (above), forwarded fields, Via,
// Host from an absolute-form target (RFC 9112 §3.2.2), `content_length`
// as our own framing ("" for none), and a close (one request per upstream
// connection).
std::string UpstreamHead(const wire::Request& request, const MaxForwards& mf,
                         const GatewayFaultSet& faults, const std::string& content_length,
                         const core::Fields& extra = {}) {
  core::Fields fields = ForwardFields(request.fields, false, faults);
  if (mf.value) {
    for (core::Field& f : fields) {
      if (core::EqualsIgnoreCase(f.name, "Max-Forwards")) f.value = *mf.value;
    }
  }
  const std::string authority = request.target_form == wire::TargetForm::kAbsolute &&
                                        !faults.Has(GatewayFault::kKeepReceivedHost)
                                    ? TargetAuthority(request.target)
                                    : "";
  core::Fields kept;
  for (const core::Field& f : fields) {
    const bool host = core::EqualsIgnoreCase(f.name, "Host");
    if (host && (faults.Has(GatewayFault::kNoHost) || !authority.empty())) continue;
    if (faults.Has(GatewayFault::kDropAuthorization) &&
        core::EqualsIgnoreCase(f.name, "Authorization")) {
      continue;
    }
    if (faults.Has(GatewayFault::kDropReferer) && core::EqualsIgnoreCase(f.name, "Referer")) {
      continue;
    }
    kept.push_back(f);
  }
  if (!authority.empty() && !faults.Has(GatewayFault::kNoHost)) {
    kept.insert(kept.begin(), core::Field{"Host", authority});
  }
  if (faults.Has(GatewayFault::kReorderFields)) std::reverse(kept.begin(), kept.end());
  AppendVia(&kept, request.version, faults);
  kept.insert(kept.end(), extra.begin(), extra.end());  // A cache's validators.
  std::string out =
      request.method + " " + UpstreamTarget(request, faults) + " HTTP/1.1\r\n" + FieldLines(kept);
  if (!content_length.empty()) out += "Content-Length: " + content_length + "\r\n";
  return out + "Connection: close\r\n\r\n";
}

std::string UpstreamRequest(const wire::Request& request, const MaxForwards& mf,
                            const GatewayFaultSet& faults, const core::Fields& extra = {}) {
  const bool framed = !request.content.empty() || request.chunked ||
                      core::FindField(request.fields, "Content-Length") != nullptr;
  return UpstreamHead(request, mf, faults, framed ? std::to_string(request.content.size()) : "",
                      extra) +
         request.content;
}

Upstream Exchange(const GatewayOptions& options, const std::string& bytes, bool head_request,
                  bool allow_101, const std::atomic<bool>& stop) {
  UpstreamCall call(options, head_request, allow_101);
  call.Open(bytes, stop);
  return call.Finish(stop);
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

// The answer to a request without the proxy credentials this gateway wants:
// 407 with a challenge (RFC 9110 §11.7.1, §15.5.8).
std::string ProxyAuthResponse(bool head_request, bool close, const GatewayFaultSet& faults) {
  const bool as_401 = faults.Has(GatewayFault::kProxyAuth401);
  const int status = as_401 ? 401 : 407;
  const std::string content = std::to_string(status) + " " + server::ReasonPhrase(status) +
                              ": this proxy wants Basic credentials in Proxy-Authorization\n";
  std::string out = StatusLine(status) + "Date: " + server::FormatHttpDate(std::time(nullptr)) +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                    std::to_string(content.size()) + "\r\n";
  if (!faults.Has(GatewayFault::k407WithoutChallenge)) {
    out += std::string(as_401 ? "WWW-Authenticate: " : "Proxy-Authenticate: ") + kProxyChallenge +
           "\r\n";
  }
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

// The response-side faults that change or drop one field (each one `if`).
core::Fields ResponseFieldFaults(core::Fields fields, const GatewayFaultSet& faults) {
  core::Fields out;
  for (core::Field& f : fields) {
    auto is = [&](const char* name) { return core::EqualsIgnoreCase(f.name, name); };
    if (faults.Has(GatewayFault::kWeakenEtag) && is("ETag") && f.value.rfind("W/", 0) != 0) {
      f.value = "W/" + f.value;
    }
    if (faults.Has(GatewayFault::kRewriteAllow) && is("Allow")) f.value = "GET, HEAD";
    if (faults.Has(GatewayFault::kDropLastModified) && is("Last-Modified")) continue;
    if (faults.Has(GatewayFault::kDropContentRange) && is("Content-Range")) continue;
    if (faults.Has(GatewayFault::kDropWwwAuthenticate) && is("WWW-Authenticate")) continue;
    out.push_back(std::move(f));
  }
  return out;
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
  core::Fields fields = ResponseFieldFaults(ForwardFields(r.head.fields, true, faults), faults);
  const int status =
      r.head.status == 304 && faults.Has(GatewayFault::k304As200) ? 200 : r.head.status;
  std::string content = r.content;
  if (faults.Has(GatewayFault::kTransformContent)) {
    std::string lf;
    for (std::size_t i = 0; i < content.size(); ++i) {
      if (content[i] != '\r' || i + 1 >= content.size() || content[i + 1] != '\n') lf += content[i];
    }
    content = std::move(lf);
  }
  out += StatusLine(status) + FieldLines(fields);
  if (head_request) {
    if (const core::Field* cl = core::FindField(r.head.fields, "Content-Length")) {
      out += "Content-Length: " + cl->value + "\r\n";
    }
  } else if (status != 204 && status != 304) {
    out += "Content-Length: " + std::to_string(content.size()) + "\r\n";
  }
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  if (!head_request && status != 204 && status != 304) out += content;
  return out;
}

// The answer through the shared cache (cache_flow.h), as an Upstream: a
// stored or fetched response, the cache's own 504, or the failed exchange.
// `raw` is kept only for a response that came from upstream as it is.
Upstream ThroughGatewayCache(Cache* cache, const wire::Request& request,
                             const std::function<Upstream(const core::Fields&)>& forward,
                             const GatewayFaultSet& faults) {
  std::string raw;
  CacheAnswer cached = ThroughCache(
      cache, request,
      [&](const core::Fields& extra) {
        Upstream u = forward(extra);
        raw = std::move(u.raw);
        Fetched f;
        f.ok = u.kind == Upstream::Kind::kResponse;
        f.timeout = u.kind == Upstream::Kind::kTimeout;
        f.response = std::move(u.response);
        f.why = std::move(u.why);
        f.fatal = std::move(u.fatal);
        return f;
      },
      faults);
  Upstream up;
  if (cached.response) {
    up.kind = Upstream::Kind::kResponse;
    up.response = std::move(*cached.response);
    if (!cached.from_cache) up.raw = std::move(raw);
  } else if (cached.own_status != 0) {
    up.kind = Upstream::Kind::kTimeout;  // The cache's own 504.
    up.why = cached.why;
  } else {
    up.kind = cached.upstream.timeout ? Upstream::Kind::kTimeout : Upstream::Kind::kInvalid;
    up.response = std::move(cached.upstream.response);
    up.why = std::move(cached.upstream.why);
    up.fatal = std::move(cached.upstream.fatal);
  }
  return up;
}

}  // namespace

ReferenceGateway::ReferenceGateway(GatewayOptions options, GatewayFaultSet faults)
    : options_(std::move(options)),
      faults_(faults),
      proxy_credentials_(options_.proxy_auth.empty() ? "" : BasicCredentials(options_.proxy_auth)) {
}

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

bool ReferenceGateway::Authorized(const core::Fields& fields) const {
  const ProxyAuth auth = CheckProxyAuth(fields, proxy_credentials_);
  return auth == ProxyAuth::kNotRequired || auth == ProxyAuth::kAccepted ||
         (auth == ProxyAuth::kInvalid && faults_.Has(GatewayFault::kProxyAuthAcceptAny));
}

bool HasDiagnostic(const std::vector<core::Diagnostic>& diagnostics, const char* id) {
  for (const core::Diagnostic& d : diagnostics) {
    if (d.id == id) return true;
  }
  return false;
}

void ReferenceGateway::Serve(int fd, const std::atomic<bool>& stop) {
  std::string buf;
  while (!stop) {
    wire::RequestParser parser;
    std::string consumed;  // For the fault that forwards what did not parse.
    // RFC 9110 §10.1.1: a request with a 100-continue expectation whose
    // content has not come yet is forwarded head first; the upstream's 1xx
    // (or its final response, which then ends the connection) is relayed
    // before the content is read.
    std::unique_ptr<UpstreamCall> early;
    std::size_t interim_relayed = 0;
    ReadHooks hooks;
    hooks.consumed = &consumed;
    hooks.on_head = [&](const wire::Request& head, std::size_t pending) {
      const core::Field* cl = core::FindField(head.fields, "Content-Length");
      if (faults_.Has(GatewayFault::kExpectWaitForContent) || pending != 0 ||
          !ExpectsContinue(head) || cl == nullptr || !Authorized(head.fields)) {
        return true;
      }
      const MaxForwards mf = CheckMaxForwards(head.method, head.fields, faults_);
      if (mf.answer_here) return true;
      early = std::make_unique<UpstreamCall>(options_, head.method == "HEAD", false);
      if (!early->Open(UpstreamHead(head, mf, faults_, cl->value), stop)) return true;
      interim_relayed = early->AwaitFirstHead(options_.upstream_timeout_ms / 2, stop);
      std::string interim;
      for (std::size_t i = 0; i < interim_relayed; ++i) {
        interim += StatusLine(early->interim_status(i)) + "\r\n";
      }
      // §15.2: forwarded, as every 1xx is (the fault swallows them here too).
      if (!interim.empty() && !faults_.Has(GatewayFault::kSwallow1xx)) {
        WriteAll(fd, interim, kWriteMs, stop);
      }
      return !early->done();
    };
    const bool whole = ReadRequest(fd, &buf, &parser, kIdleMs, stop, hooks);
    if (!whole && !(early && early->done())) return;
    if (parser.state() == wire::RequestParser::State::kError) {
      if (faults_.Has(GatewayFault::kForwardUnparsed)) {
        Upstream up = Exchange(options_, consumed + buf, false, false, stop);
        if (up.kind == Upstream::Kind::kResponse) {
          WriteAll(fd, Relay(up.response, false, false, true, faults_), kWriteMs, stop);
          return LingerClose(fd, stop, 200);
        }
      }
      WriteAll(fd,
               OwnResponse(parser.error_status(), "the request is malformed", false,
                           !faults_.Has(GatewayFault::kKeepOpenAfterBadRequest), faults_),
               kWriteMs, stop);
      if (faults_.Has(GatewayFault::kKeepOpenAfterBadRequest)) continue;
      return LingerClose(fd, stop, 200);
    }
    wire::Request request = parser.TakeRequest();
    const bool authorized = Authorized(request.fields);
    if (!proxy_credentials_.empty()) request.fields = WithoutProxyAuthorization(request.fields);
    const bool http10 = request.version == "HTTP/1.0";
    const std::set<std::string> options = ConnectionOptions(request.fields);
    // The content of an early-answered request was never read: close.
    const bool close =
        !whole || (http10 ? !options.count("keep-alive")
                          : options.count("close") > 0 && !faults_.Has(GatewayFault::kIgnoreClose));
    const bool head = request.method == "HEAD";
    const MaxForwards mf = CheckMaxForwards(request.method, request.fields, faults_);
    std::string answer;
    if (!authorized) {
      answer = ProxyAuthResponse(head, close, faults_);
    } else if (faults_.Has(GatewayFault::kRejectChunkExtensions) &&
               HasDiagnostic(request.diagnostics, "framing.chunk-ext")) {
      answer = OwnResponse(400, "chunk extensions are not accepted", head, close, faults_);
    } else if (faults_.Has(GatewayFault::kPretendUpgrade) &&
               core::FindField(request.fields, "Upgrade") != nullptr) {
      WriteAll(fd, "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\n\r\n", kWriteMs,
               stop);
      return LingerClose(fd, stop, 200);
    } else if (mf.answer_here) {
      answer = FinalRecipientResponse(request, close);
    } else {
      const bool allow_101 = faults_.Has(GatewayFault::kRelayUnasked101);
      // One forwarded exchange; RFC 9110 §9.2.2: never sent again
      // automatically (the fault: whatever the method).
      auto forward = [&](const core::Fields& extra) {
        Upstream u =
            Exchange(options_, UpstreamRequest(request, mf, faults_, extra), head, allow_101, stop);
        if (u.kind == Upstream::Kind::kInvalid && u.nothing &&
            faults_.Has(GatewayFault::kRetryNonIdempotent)) {
          u = Exchange(options_, UpstreamRequest(request, mf, faults_, extra), head, allow_101,
                       stop);
        }
        return u;
      };
      Upstream up;
      if (early) {
        if (whole) early->Send(request.content, stop);
        up = early->Finish(stop);
        auto& interim = up.response.interim;
        interim.erase(interim.begin(), interim.begin() + std::min(interim_relayed, interim.size()));
      } else if (cache_ != nullptr) {
        up = ThroughGatewayCache(cache_.get(), request, forward, faults_);
      } else {
        up = forward({});
      }
      if (up.kind == Upstream::Kind::kResponse && faults_.Has(GatewayFault::kRelayRaw) &&
          !up.raw.empty()) {
        answer = up.raw;
      } else if (up.kind == Upstream::Kind::kResponse) {
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
    if (close || faults_.Has(GatewayFault::kRelayRaw)) return LingerClose(fd, stop, 200);
  }
}

}  // namespace httpconform::proxy
