// Resource semantics of the reference server, by RFC 9110 chapter: this
// file holds the dispatch and every resource but the representations;
// representations.cc holds those and byte ranges (§14), preconditions.cc the
// conditional requests (§13).
//
// Request handling runs in the order RFC 9110 implies: the target (absolute
// form for another authority is a proxy request, 407), the method (unknown:
// 501, §9.1), the resource (404), the method on the resource (405 with
// Allow, §15.5.6), then the resource's handler. Handlers of representations
// evaluate preconditions only after those checks (§13.2.1: a response that
// would not be 2xx or 412 ignores them) and in the §13.2.2 order, then Range
// on GET. Each fault is one `if` at the place where the rule it breaks is
// applied, so reading a handler shows both the rule and its violation.
#include "harness/server/routes.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "harness/server/fault_rewrites.h"
#include "harness/server/preconditions.h"
#include "harness/server/reference_server.h"
#include "harness/server/representations.h"
#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

using core::EqualsIgnoreCase;
using core::FieldListMembers;
using core::FieldValues;
using core::FindField;

constexpr const char* kAllMethods = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

bool Has(const RouteContext& c, Fault f) { return c.faults->Has(f); }

Reply MethodNotAllowed(const std::string& allow, const RouteContext& c) {
  Reply r = Simple(405);
  // RFC 9110 §15.5.6: the origin server MUST generate Allow in a 405.
  if (!Has(c, Fault::k405WithoutAllow)) AddField(r.fields, "Allow", allow);
  return r;
}

bool IsKnownMethod(const std::string& m) {
  // RFC 9110 §9.1 methods plus PATCH (RFC 5789), which we recognize but
  // implement nowhere (405).
  return m == "GET" || m == "HEAD" || m == "POST" || m == "PUT" || m == "DELETE" ||
         m == "CONNECT" || m == "OPTIONS" || m == "TRACE" || m == "PATCH";
}

bool ListHas(const std::string& allow, const std::string& method) {
  std::size_t start = 0;
  while (start <= allow.size()) {
    std::size_t comma = allow.find(',', start);
    if (comma == std::string::npos) comma = allow.size();
    std::string item = allow.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    if (item == method) return true;
    start = comma + 1;
  }
  return false;
}

std::string PathOf(const std::string& target) {
  std::size_t q = target.find('?');
  return q == std::string::npos ? target : target.substr(0, q);
}

bool StartsWithIgnoreCase(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// A three-digit code after `prefix`, or -1.
int CodeAfter(const std::string& path, const std::string& prefix) {
  if (path.size() != prefix.size() + 3 || path.compare(0, prefix.size(), prefix) != 0) return -1;
  int code = 0;
  for (std::size_t i = prefix.size(); i < path.size(); ++i) {
    if (path[i] < '0' || path[i] > '9') return -1;
    code = code * 10 + (path[i] - '0');
  }
  return code;
}

std::optional<std::uint64_t> ContentLengthOf(const wire::Request& r) {
  const core::Field* f = FindField(r.fields, "Content-Length");
  if (f == nullptr) return std::nullopt;
  // The parser has validated the value (RFC 9112 §6.3); a list of identical
  // values ("5, 5") reads as its first member.
  std::uint64_t v = 0;
  for (char ch : f->value) {
    if (ch < '0' || ch > '9') break;
    if (v > UINT64_MAX / 10 - 10) return UINT64_MAX;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return v;
}

bool HasContent(const wire::Request& r) {
  if (r.chunked) return true;
  auto length = ContentLengthOf(r);
  return length && *length > 0;
}

// ---- Other resources ----

std::string Base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool ConnectionHas(const wire::Request& req, const char* option) {
  for (const std::string& m : FieldListMembers(req.fields, "Connection")) {
    if (EqualsIgnoreCase(m, option)) return true;
  }
  return false;
}

Reply WebSocket(const wire::Request& req, const RouteContext& c) {
  bool upgrade_ws = false;
  for (const std::string& m : FieldListMembers(req.fields, "Upgrade")) {
    // §7.8: protocol names compare case-insensitively.
    if (Has(c, Fault::kUpgradeCaseSensitive) ? m == "websocket"
                                             : EqualsIgnoreCase(m, "websocket")) {
      upgrade_ws = true;
    }
  }
  const core::Field* key = FindField(req.fields, "Sec-WebSocket-Key");
  const core::Field* version = FindField(req.fields, "Sec-WebSocket-Version");
  if (upgrade_ws && ConnectionHas(req, "upgrade") && key != nullptr && version != nullptr &&
      version->value == "13" &&
      // §7.8: the Upgrade field of an HTTP/1.0 request is ignored.
      (req.version == "HTTP/1.1" || Has(c, Fault::kUpgradeHttp10))) {
    Reply r;
    r.status = 101;
    r.upgrade = true;
    // RFC 9110 §15.2.2 / §7.8: a 101 MUST carry Upgrade; a sender of Upgrade
    // MUST also send the "upgrade" connection option.
    const char* upgrade = Has(c, Fault::k101UpgradeExtraProtocol) ? "websocket, h2c" : "websocket";
    if (!Has(c, Fault::k101WithoutUpgrade)) AddField(r.fields, "Upgrade", upgrade);
    if (!Has(c, Fault::kUpgradeWithoutConnection)) AddField(r.fields, "Connection", "Upgrade");
    AddField(r.fields, "Sec-WebSocket-Accept",
             Has(c, Fault::kWrongWebsocketAccept)
                 ? WebSocketAccept(key->value, "258EAFA5-E914-47DA-95CA-C5AB0DC85B12")
                 : WebSocketAccept(key->value));
    return r;
  }
  // §15.5.22: a 426 MUST carry Upgrade naming the required protocol.
  Reply r = Simple(426, "426 Upgrade Required: this resource speaks WebSocket only\n");
  if (!Has(c, Fault::k426WithoutUpgrade)) AddField(r.fields, "Upgrade", "websocket");
  if (!Has(c, Fault::kUpgradeWithoutConnection)) AddField(r.fields, "Connection", "Upgrade");
  return r;
}

bool OurAuthority(const std::string& authority, const RouteContext& c) {
  if (EqualsIgnoreCase(authority, c.authority)) return true;
  std::size_t colon = c.authority.rfind(':');
  std::string port = colon == std::string::npos ? "" : c.authority.substr(colon);
  return EqualsIgnoreCase(authority, "localhost" + port) ||
         EqualsIgnoreCase(authority, "127.0.0.1" + port);
}

// The Basic challenge of /auth/basic: realm once (§11.2), a quoted-string
// (§11.5), no whitespace around "=" (§5.6.3); each fault breaks one of those.
std::string Challenge(const RouteContext& c) {
  if (Has(c, Fault::kRealmToken)) return "Basic realm=httpconform";
  if (Has(c, Fault::kAuthParamBws)) return "Basic realm = \"httpconform\"";
  if (Has(c, Fault::kRealmTwice)) return "Basic realm=\"httpconform\", realm=\"other\"";
  return "Basic realm=\"httpconform\"";
}

struct Endpoint {
  std::string allow;  // Methods supported, for Allow.
};

// The resource at `path`, or nullopt (404).
std::optional<Endpoint> FindEndpoint(const std::string& path) {
  for (const Representation& rep : Representations()) {
    if (path == rep.path) {
      if (path == "/items/thing") return Endpoint{"GET, HEAD, PUT, DELETE, OPTIONS"};
      if (path == "/items/guarded") return Endpoint{"GET, HEAD, PUT, OPTIONS"};
      return Endpoint{"GET, HEAD, OPTIONS"};
    }
  }
  if (path == "/echo") return Endpoint{"POST, PUT, OPTIONS"};
  if (path == "/length-required" || path == "/upload/" || path == "/accepted" || path == "/reset" ||
      path == "/json") {
    return Endpoint{"POST, OPTIONS"};
  }
  if (path == "/conflict") return Endpoint{"PUT, OPTIONS"};
  if (path == "/nocontent") return Endpoint{kAllMethods};
  if (path == "/gone" || path == "/forbidden" || path == "/legal" || path == "/limited" ||
      path == "/unavailable" || path == "/negotiate" || path == "/auth/basic" ||
      path == "/early-hints") {
    return Endpoint{"GET, HEAD, OPTIONS"};
  }
  if (path == "/ws") return Endpoint{"GET, HEAD, OPTIONS"};
  if (path.compare(0, 8, "/upload/") == 0 && path.size() > 8 &&
      path.find_first_not_of("0123456789", 8) == std::string::npos) {
    return Endpoint{"GET, HEAD, OPTIONS"};
  }
  int redirect = CodeAfter(path, "/redirect/");
  if (redirect == 300 || redirect == 301 || redirect == 302 || redirect == 303 || redirect == 307 ||
      redirect == 308) {
    return Endpoint{kAllMethods};
  }
  int status = CodeAfter(path, "/status/");
  if (status >= 200 && status <= 599) {
    return Endpoint{status == 405 ? "OPTIONS" : kAllMethods};
  }
  return std::nullopt;
}

Reply Redirect(int code, const RouteContext& c) {
  Reply r = Simple(code, code == 300 ? "Choices:\n/static/hello.txt\n/static/data.txt\n"
                                     : std::to_string(code) + " " + ReasonPhrase(code) +
                                           ": see /static/hello.txt\n");
  // §15.4.2-§15.4.9: the server SHOULD generate Location (for 300: MAY).
  if (code == 300 || !Has(c, Fault::k3xxWithoutLocation)) {
    std::string location =
        Has(c, Fault::kLocationNotUriReference) ? "/static/hello world.txt" : "/static/hello.txt";
    // §4.2.1, §4.2.2: never an empty host; §4.2.4: never userinfo.
    if (Has(c, Fault::kLocationHttpEmptyHost)) location = "http://" + location;
    if (Has(c, Fault::kLocationHttpsEmptyHost)) location = "https://" + location;
    if (Has(c, Fault::kLocationUserinfo)) location = "http://user@" + c.authority + location;
    AddField(r.fields, "Location", location);
  }
  // §15.4.1: a 300 SHOULD list the choices (HEAD sends no content anyway).
  if (code == 300 && Has(c, Fault::k300WithoutContent)) r.content.clear();
  return r;
}

// /status/NNN: the status with the fields its rules need.
Reply StatusRoute(int code, const RouteContext& c) {
  if (code >= 300 && code < 400 && code != 304) return Redirect(code, c);
  Reply r = Simple(code);
  switch (code) {
    case 204:
    case 205:
    case 304:
      // §15.3.5, §15.3.6, §15.4.5: no content. 205 is framed by
      // Content-Length: 0 on the wire.
      r.content.clear();
      r.fields.clear();
      break;
    case 206:
      r.content = "partial";
      AddField(r.fields, "Content-Range", "bytes 0-6/100");
      break;
    case 401:
      if (!Has(c, Fault::k401WithoutWwwAuthenticate)) {
        AddField(r.fields, "WWW-Authenticate", "Basic realm=\"httpconform\"");
      }
      break;
    case 405:
      if (!Has(c, Fault::k405WithoutAllow)) AddField(r.fields, "Allow", "OPTIONS");
      break;
    case 407:
      if (!Has(c, Fault::k407WithoutProxyAuthenticate)) {
        AddField(r.fields, "Proxy-Authenticate", "Basic realm=\"httpconform-proxy\"");
      }
      break;
    case 416:
      if (!Has(c, Fault::k416WithoutContentRange)) {
        AddField(r.fields, "Content-Range", "bytes */1000");
      }
      break;
    case 426:
      if (!Has(c, Fault::k426WithoutUpgrade)) AddField(r.fields, "Upgrade", "websocket");
      if (!Has(c, Fault::kUpgradeWithoutConnection)) AddField(r.fields, "Connection", "Upgrade");
      break;
    case 429:
    case 503:
      if (!Has(c, Fault::kNoRetryAfter)) {
        AddField(r.fields, "Retry-After", Has(c, Fault::kRetryAfterInvalid) ? "soon" : "60");
      }
      break;
    default:
      break;
  }
  return r;
}

Reply Handle(const wire::Request& req, const std::string& path, const RouteContext& c) {
  for (const Representation& rep : Representations()) {
    if (path == rep.path) return ServeRepresentation(req, rep, c);
  }
  if (path == "/echo") {
    Reply r;
    const core::Field* type = FindField(req.fields, "Content-Type");
    AddField(r.fields, "Content-Type", type ? type->value : "application/octet-stream");
    r.content = req.content;
    // §14.2, §14.4: POST has neither range handling nor Content-Range support.
    if (Has(c, Fault::kRangeOnPost)) ApplyRangeToContentForFault(req, r);
    if (Has(c, Fault::kContentRangeOnPost)) PlaceContentRangePartForFault(req, r);
    return r;
  }
  if (path == "/length-required") {
    if (!ContentLengthOf(req)) return Simple(411);
    return Simple(200, "received " + std::to_string(req.content.size()) + " bytes\n");
  }
  if (path == "/upload/") {
    int n = c.upload_counter ? ++*c.upload_counter : 1;
    Reply r = Simple(201, "created /upload/" + std::to_string(n) + "\n");
    // §9.3.3: a 201 to POST SHOULD carry Location of the created resource.
    if (!Has(c, Fault::k201WithoutLocation)) {
      AddField(
          r.fields, "Location",
          (Has(c, Fault::kLocationNotUriReference) ? "/upload/ " : "/upload/") + std::to_string(n));
    }
    return r;
  }
  if (path.compare(0, 8, "/upload/") == 0) return Simple(200, "uploaded " + path.substr(8) + "\n");
  if (path == "/accepted") return Simple(202, "202 Accepted: queued for processing\n");
  if (path == "/nocontent") {
    Reply r;
    r.status = 204;
    return r;
  }
  if (path == "/reset") {
    Reply r;
    r.status = 205;  // §15.3.6: MUST NOT generate content.
    if (Has(c, Fault::kContentOn205)) r.content = "form reset\n";
    return r;
  }
  if (path == "/conflict") return Simple(409);
  if (path == "/gone") return Simple(410);
  if (path == "/forbidden") return Simple(403);
  if (path == "/legal") return Simple(451);
  if (path == "/limited" || path == "/unavailable") {
    Reply r = Simple(path == "/limited" ? 429 : 503);
    // RFC 6585 §4, §15.6.4 (MAY); the value is delay-seconds (§10.2.3).
    if (!Has(c, Fault::kNoRetryAfter)) {
      const char* delay = path == "/limited" ? "60" : "120";
      AddField(r.fields, "Retry-After", Has(c, Fault::kRetryAfterInvalid) ? "soon" : delay);
    }
    return r;
  }
  if (path == "/json") {
    const core::Field* type = FindField(req.fields, "Content-Type");
    std::string media = type ? type->value.substr(0, type->value.find(';')) : "";
    while (!media.empty() && media.back() == ' ') media.pop_back();
    if (!EqualsIgnoreCase(media, "application/json")) {
      Reply r = Simple(415);
      AddField(r.fields, "Accept-Post", "application/json");  // RFC 9110 §15.5.16
      // §12.5.3: a 415 about the media type carries no Accept-Encoding.
      if (Has(c, Fault::kAcceptEncodingIn415)) AddField(r.fields, "Accept-Encoding", "gzip");
      return r;
    }
    Reply r;
    AddField(r.fields, "Content-Type", "application/json");
    r.content = "{\"received\":" + std::to_string(req.content.size()) + "}\n";
    return r;
  }
  if (path == "/negotiate") {
    // §13.1.3, §13.1.4: no modification date, so If-(Un)Modified-Since are ignored.
    if (auto r = DateConditionsWithoutDateForFault(req, *c.faults)) return *r;
    if (!AcceptsTextPlain(req.fields)) {
      Reply r = Simple(406, "406 Not Acceptable: available: text/plain\n");
      AddField(r.fields, "Vary", "Accept");
      return r;
    }
    Reply r = Simple(200, "negotiated text/plain\n");
    // §12.5.5: a cacheable response chosen by Accept says so in Vary.
    if (!Has(c, Fault::kNegotiateWithoutVary)) AddField(r.fields, "Vary", "Accept");
    return r;
  }
  if (path == "/auth/basic") {
    const core::Field* auth = FindField(req.fields, "Authorization");
    // The scheme is case-insensitive (§11.1); the credentials are user:pass.
    // §10.1.2: From is no credential; the fault lets it grant access.
    if ((auth != nullptr && auth->value.size() > 6 &&
         EqualsIgnoreCase(auth->value.substr(0, 6), "Basic ") &&
         auth->value.substr(6) == "dXNlcjpwYXNz") ||
        (Has(c, Fault::kFromGrantsAccess) && FindField(req.fields, "From") != nullptr)) {
      return Simple(200, "authenticated as user\n");
    }
    // §11.4: missing credentials SHOULD get 401 with a challenge.
    if (auth == nullptr && Has(c, Fault::k403ForMissingCredentials)) return Simple(403);
    Reply r = Simple(401);
    if (!Has(c, Fault::k401WithoutWwwAuthenticate)) {
      AddField(r.fields, "WWW-Authenticate", Challenge(c));
    }
    return r;
  }
  if (path == "/early-hints") {
    Reply r = Simple(200, "early hints sent\n");
    // §15.2: MUST NOT send 1xx to an HTTP/1.0 client.
    if (req.version != "HTTP/1.0" || Has(c, Fault::k1xxToHttp10)) {
      Reply hint;
      hint.status = 103;
      AddField(hint.fields, "Link", "</static/hello.txt>; rel=preload");
      r.interim.push_back(hint);
    }
    return r;
  }
  if (path == "/ws") return WebSocket(req, c);
  int redirect = CodeAfter(path, "/redirect/");
  if (redirect > 0) return Redirect(redirect, c);
  int status = CodeAfter(path, "/status/");
  if (status > 0) return StatusRoute(status, c);
  return Simple(404);
}

}  // namespace

std::string WebSocketAccept(const std::string& key, const std::string& guid) {
  std::string input = key + guid;
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return Base64(digest, sizeof digest);
}

std::optional<Reply> HeadReply(const wire::Request& head, const RouteContext& c) {
  const bool content_pending = HasContent(head);
  // §10.1.1: the only expectation defined is 100-continue (case-insensitive);
  // a server MAY answer others with 417, which we do.
  for (const std::string& e : FieldListMembers(head.fields, "Expect")) {
    const bool is_continue = Has(c, Fault::kExpectCaseSensitive)
                                 ? e == "100-continue"
                                 : EqualsIgnoreCase(e, "100-continue");
    if (!is_continue) {
      Reply r = Simple(417);
      r.close = content_pending;
      // §10.1.1: refusing before the content, we say that we will close.
      r.omit_close_option = Has(c, Fault::k417WithoutClose);
      return r;
    }
  }
  const std::string path = PathOf(head.target);
  if (path == "/echo" && (head.method == "POST" || head.method == "PUT")) {
    auto length = ContentLengthOf(head);
    if (length && *length > c.max_content_bytes) {
      // §15.5.14: refuse before reading; the content is not read, so the
      // connection cannot be reused (RFC 9112 §9.6 close).
      Reply r = Simple(413, "413 Content Too Large: limit is " +
                                std::to_string(c.max_content_bytes) + " bytes\n");
      r.close = true;
      r.omit_close_option = Has(c, Fault::k413WithoutClose);
      return r;
    }
  }
  if (path == "/length-required" && head.method == "POST" && !ContentLengthOf(head)) {
    Reply r = Simple(411);
    r.close = content_pending;
    return r;
  }
  return std::nullopt;
}

Reply Route(const wire::Request& req, const RouteContext& c) {
  std::string target = req.target;
  // Absolute form (RFC 9112 §3.2.2): for our own authority it is just our
  // resource; for another one we are being used as a proxy, which requires
  // authentication we never grant (§15.5.8 407 with Proxy-Authenticate).
  if (StartsWithIgnoreCase(target, "http://") || StartsWithIgnoreCase(target, "https://")) {
    if (Has(c, Fault::kRejectAbsoluteForm)) return Simple(400);
    std::size_t start = target.find("//") + 2;
    std::size_t end = target.find_first_of("/?", start);
    std::string authority =
        target.substr(start, end == std::string::npos ? std::string::npos : end - start);
    // §4.2.4: userinfo in an "http(s)" URI is an error (phishing).
    std::size_t at = authority.rfind('@');
    if (at != std::string::npos) {
      if (!Has(c, Fault::kAcceptUserinfoTarget)) return Simple(400);
      authority.erase(0, at + 1);
    }
    // §4.2.1, §4.2.2, §7.4: an empty host makes the URI invalid: reject it.
    const bool empty_host = authority.empty() || authority[0] == ':';
    if (empty_host) {
      if (!Has(c, Fault::kAcceptEmptyHostTarget)) return Simple(400);
      authority = c.authority;  // The fault: served from Host as if origin-form.
    }
    // §3.2.2: the target's authority wins over Host; the fault routes by Host.
    const core::Field* host = FindField(req.fields, "Host");
    if (Has(c, Fault::kHostOverAbsoluteTarget) && host != nullptr) authority = host->value;
    if (!OurAuthority(authority, c)) {
      Reply r = Simple(407);
      if (!Has(c, Fault::k407WithoutProxyAuthenticate)) {
        AddField(r.fields, "Proxy-Authenticate", "Basic realm=\"httpconform-proxy\"");
      }
      return r;
    }
    // §7.4: an "https" resource only over a secured connection, which this
    // one is not (no connection is from a trusted gateway here).
    if (StartsWithIgnoreCase(target, "https://") && !empty_host) {
      return Simple(421, "421 Misdirected Request: https is not served on this connection\n");
    }
    target = end == std::string::npos ? "/" : target.substr(end);
    if (target.empty() || target[0] == '?') target = "/" + target;
  }

  // cases-wire faults on request framing that the parser accepted.
  auto reject = [] {
    Reply bad = Simple(400);
    bad.close = true;
    return bad;
  };
  if (Has(c, Fault::kRejectLeadingEmptyLine) &&
      core::FindDiagnostic(req.diagnostics, "request.leading-empty-line") != nullptr) {
    return reject();
  }
  if (Has(c, Fault::kRejectChunkExt) &&
      core::FindDiagnostic(req.diagnostics, "framing.chunk-ext") != nullptr) {
    return reject();
  }
  if (Has(c, Fault::kRejectTrailers) && !req.trailers.empty()) return reject();
  if (Has(c, Fault::kRejectChunked) && req.chunked) return reject();
  if (Has(c, Fault::kRejectHigherMinorVersion) && req.version.size() == 8 &&
      req.version.compare(0, 7, "HTTP/1.") == 0 && req.version[7] > '1') {
    Reply r = Simple(505);
    r.close = true;
    return r;
  }

  // §4.1: targets of 8000 octets are supported (the parser allows 8 KiB).
  if (Has(c, Fault::kTargetCap4096) && req.target.size() > 4096) return Simple(414);
  // §5.1: unrecognized fields are ignored; §5.5: obs-text is opaque data.
  for (const core::Field& f : req.fields) {
    if (Has(c, Fault::kRejectUnknownFields) && !IsRecognizedRequestField(f.name)) return reject();
    // §2.3: a recipient parses elements as long as the ones it generates.
    if (Has(c, Fault::kIfNoneMatchCap) && EqualsIgnoreCase(f.name, "If-None-Match") &&
        f.value.size() > 8) {
      return Simple(431);
    }
    if (Has(c, Fault::kRejectObsText) &&
        std::any_of(f.value.begin(), f.value.end(), [](char ch) { return ch & 0x80; })) {
      return reject();
    }
  }

  const std::string& m = req.method;
  if (!IsKnownMethod(m)) {
    // §9.1: an unrecognized method SHOULD get 501; 405 means a method the
    // server knows but the resource does not allow.
    if (Has(c, Fault::kUnknownMethod200)) return Simple(200, "ok\n");
    if (Has(c, Fault::k501As405)) return MethodNotAllowed(kAllMethods, c);
    return Simple(501);
  }
  if (m == "CONNECT") {
    // Known, but we are no tunnel. §9.3.6: an empty or invalid port is
    // rejected; the fault accepts it.
    if (Has(c, Fault::kConnectInvalidPortAccepted) && !HasValidPort(target)) {
      return Simple(200, "tunnel established\n");
    }
    return Simple(501);
  }
  // cases-status faults: HEAD refused (§9.1 makes it mandatory), and a TRACE
  // that reflects credentials (§9.3.8 says to exclude sensitive fields).
  if (m == "HEAD" && Has(c, Fault::kHeadNotSupported)) return Simple(501);
  if (m == "TRACE" && Has(c, Fault::kTraceEcho)) {
    Reply r;
    AddField(r.fields, "Content-Type", "message/http");
    r.content = req.method + " " + req.target + " " + req.version + "\r\n";
    for (const core::Field& f : req.fields) r.content += f.name + ": " + f.value + "\r\n";
    r.content += "\r\n";
    return r;
  }
  if (target == "*") {
    // §9.3.7: OPTIONS * asks about the server in general.
    if (m != "OPTIONS") return Simple(400);
    Reply r;
    r.status = 204;
    if (!Has(c, Fault::kOptionsNoAllow)) AddField(r.fields, "Allow", kAllMethods);
    return r;
  }
  // §4.2.3: URIs equivalent after normalization (dot segments) are one resource.
  const std::string path =
      Has(c, Fault::kNoDotSegmentRemoval) ? PathOf(target) : RemoveDotSegments(PathOf(target));
  std::optional<Endpoint> endpoint = FindEndpoint(path);
  if (!endpoint) return NoResource(req, path, c);
  if (m == "OPTIONS") {
    // §13.2.1: preconditions are ignored on OPTIONS; the fault evaluates them.
    if (Has(c, Fault::kPreconditionsOnOptions)) {
      for (const Representation& rep : Representations()) {
        if (path == rep.path && EvaluatePreconditions(req, *ParseEntityTag(rep.etag), kLastModified,
                                                      c) != Precondition::kProceed) {
          return Simple(412);
        }
      }
    }
    Reply r;
    r.status = 204;
    // §5.6.1.1: no empty list elements; allow-empty-list-element makes one.
    std::string allow = endpoint->allow;
    if (Has(c, Fault::kAllowEmptyListElement)) allow.replace(allow.find(", "), 2, ", , ");
    if (!Has(c, Fault::kOptionsNoAllow)) AddField(r.fields, "Allow", allow);
    return r;
  }
  // §7.8: WebSocket cannot honour a POST, so no switch on one.
  if (path == "/ws" && m == "POST" && Has(c, Fault::kUpgradeOnPost)) return WebSocket(req, c);
  if (!ListHas(endpoint->allow, m)) {
    // §9.1: a known method the resource does not allow SHOULD get 405.
    if (Has(c, Fault::k404ForDisallowedMethod)) return Simple(404);
    // §13.2.1: preconditions come after the normal request checks.
    if (Has(c, Fault::kPreconditionBeforeMethodCheck) && FindField(req.fields, "If-Match")) {
      return Simple(412);
    }
    // cases-status fault: an Allow that contradicts the 405 it is in.
    return MethodNotAllowed(
        Has(c, Fault::k405AllowListsMethod) ? endpoint->allow + ", " + m : endpoint->allow, c);
  }
  Reply r = Handle(req, path, c);
  // §9.3.2: HEAD SHOULD send the same fields as GET.
  if (m == "HEAD" && Has(c, Fault::kHeadDifferentFields)) RemoveField(r.fields, "ETag");
  // §2.2: Host is generated by clients only.
  const core::Field* host = FindField(req.fields, "Host");
  if (Has(c, Fault::kHostInResponse) && host != nullptr) AddField(r.fields, "Host", host->value);
  return r;
}

Reply ErrorReply(int status, const wire::Request& partial, const RouteContext& c) {
  auto has_diag = [&](const char* id) {
    return core::FindDiagnostic(partial.diagnostics, id) != nullptr;
  };
  Reply accepted = Simple(200, "accepted\n");
  accepted.close = true;
  Reply r = Simple(status);
  r.close = true;  // The rest of the stream cannot be framed (RFC 9112 §9.3).
  // netfuzz fault: a server error where RFC 9112 §5.2 requires 400 (or repair).
  if (status == 400 && has_diag("field.obs-fold") && Has(c, Fault::k500ForObsFold)) {
    Reply err = Simple(500);
    err.close = true;
    return err;
  }
  if (status == 400 && has_diag("request.host-missing")) {
    return Has(c, Fault::kAcceptMissingHost) ? accepted : r;
  }
  if (status == 400 && has_diag("request.host-duplicate")) {
    return Has(c, Fault::kAcceptDuplicateHost) ? accepted : r;
  }
  // cases-wire faults: each accepts (or mishandles) exactly one kind of error.
  if (status == 400 && has_diag("field.space-before-colon") &&
      Has(c, Fault::kAcceptSpaceBeforeColon)) {
    return accepted;
  }
  if (status == 400 && has_diag("request.host-invalid") && Has(c, Fault::kAcceptInvalidHost)) {
    return accepted;
  }
  if (status == 400 && (has_diag("framing.invalid-content-length") ||
                        has_diag("framing.conflicting-content-length"))) {
    if (Has(c, Fault::kAcceptInvalidContentLength)) return accepted;
    if (Has(c, Fault::kInvalidContentLengthKeepOpen)) r.close = false;
  }
  if (status == 505 && Has(c, Fault::k505WithoutContent)) r.content.clear();
  switch (status) {
    case 400:
      if (Has(c, Fault::kAcceptMalformed)) return accepted;
      break;
    case 414:
      if (Has(c, Fault::kNo414)) {
        Reply bad = Simple(400);
        bad.close = true;
        return bad;
      }
      break;
    case 431:
      if (Has(c, Fault::kNo431)) {
        Reply err = Simple(500);
        err.close = true;
        return err;
      }
      break;
    case 413:
      // §15.5.14: refused before reading the content; we close, and say so.
      r.omit_close_option = Has(c, Fault::k413WithoutClose);
      break;
    case 501:
      if (Has(c, Fault::kIgnoreUnknownTe)) return accepted;
      break;
    case 505:
      if (Has(c, Fault::kAcceptHttp2Version)) {
        accepted.version = partial.version.empty() ? "HTTP/2.0" : partial.version;
        return accepted;
      }
      if (Has(c, Fault::kHttp09ReplyToUnknownVersion)) {
        r.no_status_line = true;
        r.close = true;
      }
      break;
    default:
      break;
  }
  return r;
}

}  // namespace httpconform::server
