// The diagnostic catalogue; see diagnostics.h. Kept sorted by id.
#include "harness/wire/diagnostics.h"

namespace httpconform::wire {

const std::vector<DiagnosticInfo>& AllDiagnostics() {
  static const std::vector<DiagnosticInfo> kAll = {
      {"content.too-large", "RFC 9110 §15.5.14", "request content over the server's cap (413)"},
      {"field.empty-name", "RFC 9112 §5", "field line with an empty name"},
      {"field.invalid-char", "RFC 9110 §5.5", "NUL or another control character in a field value"},
      {"field.invalid-name", "RFC 9110 §5.1", "field name is not a token"},
      {"field.leading-whitespace", "RFC 9112 §2.2",
       "whitespace-preceded line between the start-line and the first field"},
      {"field.missing-colon", "RFC 9112 §5", "field line without a colon"},
      {"field.obs-fold", "RFC 9112 §5.2", "obsolete line folding"},
      {"field.space-before-colon", "RFC 9112 §5.1", "whitespace between field name and colon"},
      {"field.too-large", "RFC 6585 §5", "request field line over the server's cap (431)"},
      {"framing.chunk-ext", "RFC 9112 §7.1.1", "a chunk extension was sent (informational)"},
      {"framing.chunk-ext-bws", "RFC 9110 §5.6.3",
       "whitespace around \";\" or \"=\" in a chunk extension (BWS, which a sender MUST NOT "
       "generate; response parser)"},
      {"framing.chunk-missing-crlf", "RFC 9112 §7.1", "chunk data not followed by CRLF"},
      {"framing.chunked-twice", "RFC 9112 §6.1", "chunked transfer coding applied more than once"},
      {"framing.cl-and-te", "RFC 9112 §6.3", "both Content-Length and Transfer-Encoding"},
      {"framing.cl-not-allowed", "RFC 9110 §8.6", "Content-Length in a 1xx or 204 response"},
      {"framing.conflicting-content-length", "RFC 9110 §8.6",
       "Content-Length values that differ (fatal)"},
      {"framing.duplicate-content-length", "RFC 9110 §8.6",
       "identical Content-Length values repeated (accepted)"},
      {"framing.invalid-chunk-ext", "RFC 9112 §7.1.1", "chunk extension not matching the grammar"},
      {"framing.invalid-chunk-size", "RFC 9112 §7.1",
       "chunk-size not 1*HEXDIG or over 64 bits (fatal)"},
      {"framing.invalid-content-length", "RFC 9112 §6.3", "Content-Length not 1*DIGIT (fatal)"},
      {"framing.invalid-transfer-encoding", "RFC 9112 §6.1", "empty Transfer-Encoding"},
      {"framing.te-in-http10", "RFC 9112 §6.1", "Transfer-Encoding in an HTTP/1.0 message"},
      {"framing.te-not-allowed", "RFC 9112 §6.1", "Transfer-Encoding in a 1xx or 204 response"},
      {"framing.te-not-chunked-last", "RFC 9112 §6.3",
       "final transfer coding not chunked: a response is read until close, a request gets 400"},
      {"framing.unknown-transfer-coding", "RFC 9112 §6.1",
       "request transfer coding the server does not implement (501)"},
      {"h2.connection-specific-field", "RFC 9113 §8.2.2",
       "HTTP/2 response with Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding, Upgrade "
       "or TE"},
      {"h2.content-length-mismatch", "RFC 9113 §8.1.1",
       "HTTP/2 content-length not equal to the DATA received up to END_STREAM"},
      {"h2.content-not-allowed", "RFC 9110 §6.4.1",
       "HTTP/2 DATA in a HEAD, 1xx, 204 or 304 response"},
      {"h2.pseudo-header-not-allowed", "RFC 9113 §8.3",
       "HTTP/2 response pseudo-header other than :status"},
      {"h2.pseudo-in-trailers", "RFC 9113 §8.1", "HTTP/2 pseudo-header in the trailers"},
      {"h2.status-101", "RFC 9113 §8.6", "101 (Switching Protocols) over HTTP/2"},
      {"h2.status-absent", "RFC 9113 §8.3.2", "HTTP/2 response header block without :status"},
      {"h2.status-invalid", "RFC 9113 §8.3.2", "HTTP/2 :status not three digits"},
      {"h2.status-not-first", "RFC 9113 §8.3", "HTTP/2 :status after a regular field"},
      {"h2.status-repeated", "RFC 9113 §8.3", "HTTP/2 :status more than once in a block"},
      {"h2.uppercase-name", "RFC 9113 §8.2.1", "HTTP/2 field name with uppercase letters"},
      {"head.too-large", "RFC 9110 §2.3", "head over the size cap"},
      {"head.too-many-fields", "RFC 9110 §2.3", "more field lines than the cap"},
      {"interim.too-many", "RFC 9110 §15.2", "more interim (1xx) responses than the cap"},
      {"line.bare-cr", "RFC 9112 §2.2", "CR not followed by LF"},
      {"line.bare-lf", "RFC 9112 §2.2", "line ended by LF alone"},
      {"line.too-long", "RFC 9110 §2.3", "line over the size cap"},
      {"message.content-not-allowed", "RFC 9112 §6.3",
       "bytes after a HEAD/204/304 response: at close, or in front of the next response"},
      {"message.incomplete", "RFC 9112 §8", "the stream ended before the message did"},
      {"message.leading-empty-line", "RFC 9112 §2.2", "empty line before a status line"},
      {"message.trailing-bytes", "RFC 9112 §6.3", "bytes after a complete response at close"},
      {"request-line.invalid-method", "RFC 9112 §3.1", "method is not a token"},
      {"request-line.invalid-target", "RFC 9112 §3.2", "byte not allowed in a request-target"},
      {"request-line.invalid-target-form", "RFC 9112 §3.2",
       "request-target form not allowed for the method"},
      {"request-line.invalid-version", "RFC 9112 §2.3", "malformed HTTP-version in a request"},
      {"request-line.malformed", "RFC 9112 §3", "not method SP request-target SP HTTP-version"},
      {"request-line.target-too-long", "RFC 9112 §3", "request-target over the cap (414)"},
      {"request-line.unsupported-version", "RFC 9110 §15.6.6",
       "request major version other than 1 (505)"},
      {"request.host-duplicate", "RFC 9112 §3.2", "more than one Host field line"},
      {"request.host-invalid", "RFC 9112 §3.2", "Host value is not uri-host [\":\" port]"},
      {"request.host-missing", "RFC 9112 §3.2", "HTTP/1.1 request without Host"},
      {"request.leading-empty-line", "RFC 9112 §2.2", "empty line before the request-line"},
      {"status-line.code-not-3-digits", "RFC 9112 §4", "status code not exactly 3 digits (fatal)"},
      {"status-line.extra-sp", "RFC 9112 §4", "more than one SP after the HTTP-version"},
      {"status-line.invalid-code", "RFC 9112 §4", "status code is not digits (fatal)"},
      {"status-line.invalid-reason-char", "RFC 9112 §4", "control character in the reason phrase"},
      {"status-line.invalid-version", "RFC 9112 §2.3", "not an HTTP-version (fatal)"},
      {"status-line.leading-whitespace", "RFC 9112 §4", "whitespace before the status line"},
      {"status-line.malformed", "RFC 9112 §4", "status line without a status code (fatal)"},
      {"status-line.missing-sp", "RFC 9112 §4", "no SP after the status code (empty reason)"},
      {"status-line.unknown-version", "RFC 9112 §2.3", "major version other than 1"},
      {"status-line.version-case", "RFC 9112 §2.3", "HTTP-name not in upper case"},
      {"status.out-of-range", "RFC 9110 §15", "status code outside 100-599"},
  };
  return kAll;
}

const DiagnosticInfo* FindDiagnosticInfo(std::string_view id) {
  for (const DiagnosticInfo& info : AllDiagnostics()) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

}  // namespace httpconform::wire
