// The preflight (see preflight.h). Each probe is one exchange on a fresh
// connection through the raw transport or the HTTP/2 session, with small caps: only the
// first bytes matter, so a server sending endless content costs 64 KiB.
#include "harness/cli/preflight.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "harness/cli/console.h"
#include "harness/transport/connection.h"
#include "harness/transport/h2_session.h"
#include "harness/transport/raw_transport.h"

namespace httpconform::cli {
namespace {

using transport::Exchange;
using transport::Target;
using Verdict = PreflightResult::Verdict;

// RFC 9113 §3.4: the client connection preface, then a SETTINGS frame (here
// empty: type 0x4, no flags, stream 0).
constexpr char kHttp2Preface[] =
    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
    "\x00\x00\x00\x04\x00\x00\x00\x00\x00";
constexpr std::size_t kHttp2PrefaceSize = sizeof kHttp2Preface - 1;

std::string HostPort(const Target& t) { return transport::HostPort(t.host, t.port); }

// The URL to use instead: the other scheme, the port kept explicit (the
// default port of one scheme is not the other's).
std::string UrlWithScheme(const Target& t, const std::string& scheme) {
  return scheme + "://" + HostPort(t) + t.base_path;
}

std::string Seconds(int ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g s", ms / 1000.0);
  return buffer;
}

// One line: newlines from transport errors would break "one line".
std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

PreflightResult Wrong(std::string message) {
  return {Verdict::kWrongTarget, OneLine(std::move(message))};
}

class Prober {
 public:
  Prober(const Target& target, const PreflightOptions& options)
      : target_(target), options_(options) {
    topts_ = options.transport;
    topts_.connect_timeout_ms = std::min(options.timeout_ms, 5000);
    topts_.max_stream_bytes = 64 * 1024;
    topts_.max_content_bytes = 16 * 1024;
    topts_.max_record_bytes = 4 * 1024;
  }

  bool Stopped() const { return options_.stop != nullptr && options_.stop->load(); }

  // `bytes` on a fresh raw connection to `target` (whose scheme decides TLS).
  core::Expected<Exchange> SendRaw(const Target& target, const std::string& bytes,
                                   const transport::TransportOptions& topts, int timeout_ms) const {
    transport::OutgoingRequest request;
    request.raw = true;
    request.segments.push_back(core::RawSegment{bytes, 0, 0});
    request.timeout_ms = timeout_ms;
    return transport::MakeRawTransport(target, topts)->OpenSession()->Send(request);
  }

  std::string GetBytes() const {
    return "GET " + target_.base_path + " HTTP/1.1\r\nHost: " + target_.authority +
           "\r\nUser-Agent: " + options_.user_agent + "\r\nConnection: close\r\n\r\n";
  }

  core::Expected<Exchange> Get(const std::string& scheme) const {
    Target t = target_;
    t.scheme = scheme;
    return SendRaw(t, GetBytes(), topts_, options_.timeout_ms);
  }

  // Whether a TLS handshake (certificate unchecked) completes on the port.
  bool TlsHandshakeCompletes() const {
    Target t = target_;
    t.scheme = "https";
    transport::TransportOptions insecure = topts_;
    insecure.verify_tls = false;
    const int ms = std::min(options_.timeout_ms, 3000);
    insecure.connect_timeout_ms = ms;
    const core::Expected<Exchange> got = SendRaw(t, GetBytes(), insecure, ms);
    return got.has_value();
  }

  PreflightResult TlsPort() const {
    return Wrong("wrong kind of target: " + HostPort(target_) +
                 " speaks TLS, not plain HTTP; use " + UrlWithScheme(target_, "https"));
  }

  // Judges the answer to the GET; `tls`: it went over TLS.
  PreflightResult JudgeGet(const Exchange& ex, bool tls) const {
    const std::string where = HostPort(target_);
    const std::string request = "GET " + target_.base_path;
    const bool h2 = options_.http_version == 2;
    switch (ClassifyFirstBytes(ex.received)) {
      case FirstBytes::kHttp: {
        // nginx answers plain HTTP on a TLS port with a 400 page.
        const bool bad_request = ex.response && ex.response->head.status == 400;
        if (!tls && bad_request && TlsHandshakeCompletes()) return TlsPort();
        return {};
      }
      case FirstBytes::kTls:
        if (!tls) return TlsPort();
        break;
      case FirstBytes::kHttp2:
        if (h2) return {};  // An h2c-only server; the HTTP/2 check decides.
        return Wrong("wrong kind of target: " + where + " answered " + request +
                     " with an HTTP/2 frame: it speaks HTTP/2 only; try --http 2");
      case FirstBytes::kNothing:
        // A TLS server may reset, close or wait on plain text.
        if (!tls && TlsHandshakeCompletes()) return TlsPort();
        if (ex.reset) {
          return Wrong("target unreachable: " + where + " reset the connection before answering " +
                       request);
        }
        if (ex.timed_out) {
          return Wrong("target never answers: " + where +
                       " accepted the connection but sent nothing within " +
                       Seconds(options_.timeout_ms) + " (--timeout) in reply to " + request +
                       "; is it an HTTP server, and is it responding?");
        }
        if (h2) return {};  // Perhaps h2c only; the HTTP/2 check decides.
        return Wrong("wrong kind of target: " + where +
                     " closed the connection without answering " + request +
                     "; is it an HTTP server?");
      case FirstBytes::kOther:
        break;
    }
    return Wrong("wrong kind of target: " + where + " is not an HTTP/1.1 server" +
                 (tls ? " (over TLS)" : "") + ": it answered " + request + " with \"" +
                 FirstLineExcerpt(ex.received) + "\"");
  }

  // https:// whose handshake failed: a plain HTTP port, something else, or
  // a certificate to trust.
  PreflightResult JudgeFailedHandshake(const core::Error& error) const {
    const std::string where = HostPort(target_);
    std::string detail = error.message;
    const std::size_t cut = detail.find("TLS handshake failed: ");
    if (cut != std::string::npos) detail.erase(0, cut + std::strlen("TLS handshake failed: "));
    if (error.code == "tls-verify") {
      return Wrong("TLS certificate of " + where + " not accepted: " + detail +
                   "; trust it with --cacert FILE, or skip verification with -k/--insecure");
    }
    core::Expected<Exchange> plain = Get("http");
    if (Stopped()) return {Verdict::kInterrupted, ""};
    if (plain) {
      const FirstBytes kind = ClassifyFirstBytes(plain->received);
      if (kind == FirstBytes::kHttp) {
        return Wrong("wrong kind of target: " + where + " speaks plain HTTP, not TLS; use " +
                     UrlWithScheme(target_, "http"));
      }
      if (kind == FirstBytes::kOther) {
        return Wrong("wrong kind of target: " + where + " is not an HTTP server: it answered \"" +
                     FirstLineExcerpt(plain->received) + "\"");
      }
    }
    return Wrong("TLS handshake with " + where + " failed: " + detail);
  }

  // --http 2 on http://: the connection preface must get a SETTINGS frame.
  PreflightResult CheckH2c() const {
    const std::string where = HostPort(target_);
    core::Expected<Exchange> got = SendRaw(target_, std::string(kHttp2Preface, kHttp2PrefaceSize),
                                           topts_, options_.timeout_ms);
    if (Stopped()) return {Verdict::kInterrupted, ""};
    const std::string no_h2 =
        "wrong kind of target: " + where + " does not offer HTTP/2 with prior knowledge (h2c): ";
    if (!got) return Wrong(no_h2 + got.error().message + "; use --http 1.1");
    switch (ClassifyFirstBytes(got->received)) {
      case FirstBytes::kHttp2:
        return {};
      case FirstBytes::kNothing:
        return Wrong(no_h2 +
                     (got->timed_out ? "no answer to the HTTP/2 connection preface within " +
                                           Seconds(options_.timeout_ms)
                                     : std::string("it closed the connection on the HTTP/2 "
                                                   "connection preface")) +
                     "; use --http 1.1");
      default:
        return Wrong(no_h2 + "it answered the HTTP/2 connection preface with \"" +
                     FirstLineExcerpt(got->received) + "\"; use --http 1.1");
    }
  }

  // --http 2 on https://: ALPN must select h2, and a GET over the HTTP/2
  // session the run uses (h2_session.h) must get a response head.
  PreflightResult CheckH2OverTls() const {
    transport::OutgoingRequest request;
    request.target = target_.base_path;
    request.headers = {{"Host", target_.authority}, {"User-Agent", options_.user_agent}};
    request.timeout_ms = options_.timeout_ms;
    core::Expected<Exchange> got =
        transport::MakeH2Transport(target_, topts_)->OpenSession()->Send(request);
    if (Stopped()) return {Verdict::kInterrupted, ""};
    const std::string where = HostPort(target_);
    if (!got && got.error().code == "h2") {
      return Wrong("wrong kind of target: " + where +
                   " does not offer HTTP/2: " + got.error().message + "; use --http 1.1");
    }
    // A server without h2 may refuse a handshake that offers only h2
    // (RFC 7301 §3.2: the no_application_protocol alert).
    if (!got && got.error().message.find("no application protocol") != std::string::npos) {
      return Wrong("wrong kind of target: " + where +
                   " does not offer HTTP/2: TLS ALPN did not select h2 (it refused a handshake "
                   "offering only h2); use --http 1.1");
    }
    if (!got) return Wrong("HTTP/2 request to " + where + " failed: " + got.error().message);
    if (got->response && !got->response->head.version.empty()) return {};
    return Wrong("HTTP/2 request to " + where + " got no response: " + got->error);
  }

 private:
  const Target& target_;
  const PreflightOptions& options_;
  transport::TransportOptions topts_;
};

}  // namespace

core::Expected<void> ProbeConnect(const transport::Target& target, int timeout_ms) {
  // TCP only, even for https: reachability is the question here; the TLS
  // handshake is judged by the probes that follow.
  transport::ConnectOptions connect;
  connect.host = target.host;
  connect.port = target.port;
  core::Expected<std::unique_ptr<transport::Connection>> connection =
      transport::Connect(connect, transport::After(timeout_ms));
  if (!connection) return connection.error();
  (*connection)->Close();
  return {};
}

FirstBytes ClassifyFirstBytes(const std::string& bytes) {
  if (bytes.empty()) return FirstBytes::kNothing;
  static const std::string kHttp = "HTTP/";
  const std::size_t n = std::min(bytes.size(), kHttp.size());
  if (bytes.compare(0, n, kHttp, 0, n) == 0) return FirstBytes::kHttp;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  // A TLS record: content type alert (21) or handshake (22), then major
  // version 3 (RFC 8446 §5.1; every TLS and SSL 3 record says 3).
  if ((byte(0) == 0x15 || byte(0) == 0x16) && (bytes.size() < 2 || byte(1) == 0x03)) {
    return FirstBytes::kTls;
  }
  // An HTTP/2 frame header (RFC 9113 §4.1): 24-bit length, type, flags,
  // stream; a server's first frame is SETTINGS (type 4) on stream 0.
  if (bytes.size() >= 9 && byte(3) == 0x04 && byte(5) == 0 && byte(6) == 0 && byte(7) == 0 &&
      byte(8) == 0) {
    return FirstBytes::kHttp2;
  }
  return FirstBytes::kOther;
}

std::string FirstLineExcerpt(const std::string& bytes) {
  std::string line = bytes.substr(0, bytes.find_first_of("\r\n"));
  // Nothing before the first line end: show the line ends themselves.
  if (line.empty()) line = bytes;
  const bool cut = line.size() > 40;
  if (cut) line.resize(40);
  return PrintableForTerminal(line) + (cut ? "..." : "");
}

PreflightResult CheckTarget(const transport::Target& target, const PreflightOptions& options) {
  core::Expected<void> reachable = ProbeConnect(target, std::min(options.timeout_ms, 5000));
  if (!reachable) return Wrong("target unreachable: " + reachable.error().message);
  if (options.connect_only) return {};
  Prober prober(target, options);
  const bool tls = target.scheme == "https";
  core::Expected<Exchange> got = prober.Get(target.scheme);
  if (prober.Stopped()) return {Verdict::kInterrupted, ""};
  if (!got) {
    if (tls) return prober.JudgeFailedHandshake(got.error());
    return Wrong("target unreachable: " + got.error().message);
  }
  PreflightResult verdict = prober.JudgeGet(*got, tls);
  if (prober.Stopped()) return {Verdict::kInterrupted, ""};
  if (verdict.verdict != Verdict::kOk || options.http_version != 2) return verdict;
  return tls ? prober.CheckH2OverTls() : prober.CheckH2c();
}

PreflightOptions PreflightOptionsFor(const transport::TransportOptions& transport, int timeout_ms,
                                     const std::string& user_agent) {
  PreflightOptions options;
  options.timeout_ms = timeout_ms;
  options.http_version = transport.http_version;
  options.transport = transport;
  options.user_agent = user_agent;
  return options;
}

}  // namespace httpconform::cli
