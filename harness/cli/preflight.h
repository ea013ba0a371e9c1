// Before a run: is the target the kind of server the URL and flags say? A
// run against a dead address, a TLS port given as http://, a plain port
// given as https://, something that is not HTTP at all, a server that
// accepts and never answers, or one without the HTTP/2 that --http 2 asks
// for would otherwise report every case as an error (or skip them all and
// exit 0). Instead the tool says so in one line naming the likely cause and
// exits 3, within about one --timeout.
//
// The probes go through the same transports the run uses (so the same TLS
// settings apply) and judge the first bytes that come back, not the status:
//   - one GET of the URL's path over HTTP/1.1 (TLS for https): "HTTP/..."
//     is HTTP; a TLS record (0x15/0x16, 0x03) on http:// is a TLS port;
//     anything else is not HTTP; nothing within --timeout is a server that
//     never answers; a failed handshake on https:// is retried in plain
//     HTTP to tell a plain port from something else; a certificate that
//     fails verification names --cacert and -k;
//   - on http://, a 400 or a close without an answer (what a TLS port may
//     do with plain text) leads to a TLS handshake to tell a TLS port;
//   - with --http 2: on https://, TLS ALPN must select h2 and a GET over
//     the HTTP/2 session must be answered; on http://, the HTTP/2 connection preface must be
//     answered with a SETTINGS frame (h2c with prior knowledge, RFC 9113 §3.3).
#ifndef HTTPCONFORM_CLI_PREFLIGHT_H_
#define HTTPCONFORM_CLI_PREFLIGHT_H_

#include <atomic>
#include <string>

#include "harness/core/expected.h"
#include "harness/transport/transport.h"

namespace httpconform::cli {

/// Opens and closes one TCP connection to the target within `timeout_ms`.
core::Expected<void> ProbeConnect(const transport::Target& target, int timeout_ms);

/// How to probe.
struct PreflightOptions {
  int timeout_ms = 10000;                   ///< Per probe (the run's --timeout).
  int http_version = 11;                    ///< 11, or 2 for --http 2.
  transport::TransportOptions transport;    ///< TLS choices; caps are tightened.
  std::string user_agent = "httpconform";   ///< Sent with the GET.
  const std::atomic<bool>* stop = nullptr;  ///< Set: the preflight was interrupted.
  bool connect_only = false;                ///< --no-preflight: only that a TCP connection opens.
};

/// What the preflight decided.
struct PreflightResult {
  enum class Verdict { kOk, kInterrupted, kWrongTarget };
  Verdict verdict = Verdict::kOk;
  std::string message;  ///< kWrongTarget: one line, the likely cause and what to do.
};

/// The preflight of a run or a replay: its --timeout, HTTP version, TLS
/// choices and User-Agent.
PreflightOptions PreflightOptionsFor(const transport::TransportOptions& transport, int timeout_ms,
                                     const std::string& user_agent);

/// Probes `target` as described above.
PreflightResult CheckTarget(const transport::Target& target, const PreflightOptions& options);

/// What the first bytes a server sent say it speaks (exposed for tests).
enum class FirstBytes {
  kNothing,  ///< No byte.
  kHttp,     ///< "HTTP/" or a prefix of it.
  kTls,      ///< A TLS record header (alert or handshake).
  kHttp2,    ///< An HTTP/2 SETTINGS frame header.
  kOther,    ///< Anything else.
};
FirstBytes ClassifyFirstBytes(const std::string& bytes);

/// The first line of `bytes` (or, when it is empty, the bytes from the
/// start), at most 40 bytes, escaped for a terminal.
std::string FirstLineExcerpt(const std::string& bytes);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_PREFLIGHT_H_
