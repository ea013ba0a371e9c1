// The status line, field lines and the parser's limits (RFC 9112 §4, §5).
// Rows of the ResponseParser table (response_rows_for_testing.h).
#include <string>
#include <vector>

#include "harness/wire/response_rows_for_testing.h"

namespace httpconform::wire::response_rows {

using namespace std::string_literals;

const std::vector<Row>& HeadRows() {
  static const std::vector<Row>* const kRows = new std::vector<Row>{
      {"reason-with-spaces",
       "HTTP/1.1 404 Not  Found Here \r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 404 "Not  Found Here "
  field Content-Length: 0
framing length
complete yes
)"},
      {"reason-nul",
       "HTTP/1.1 200 O\000K\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "O\x00K"
  field Content-Length: 0
framing length
diag 14 status-line.invalid-reason-char
complete yes
)"},
      {"reason-ctl",
       "HTTP/1.1 200 O\001K\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "O\x01K"
  field Content-Length: 0
framing length
diag 14 status-line.invalid-reason-char
complete yes
)"},
      {"reason-del",
       "HTTP/1.1 200 OK\177\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK\x7F"
  field Content-Length: 0
framing length
diag 15 status-line.invalid-reason-char
complete yes
)"},
      {"reason-tab-ok",
       "HTTP/1.1 200 O\tK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "O\x09K"
  field Content-Length: 0
framing length
complete yes
)"},
      {"reason-obs-text-ok",
       "HTTP/1.1 200 D\351j\340 vu\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "D\xE9j\xE0 vu"
  field Content-Length: 0
framing length
complete yes
)"},
      {"code-2-digits",
       "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final none
framing none
diag 9 fatal status-line.code-not-3-digits
complete no
)"},
      {"code-4-digits",
       "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final none
framing none
diag 9 fatal status-line.code-not-3-digits
complete no
)"},
      {"code-letters",
       "HTTP/1.1 2xx OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final none
framing none
diag 9 fatal status-line.invalid-code
complete no
)"},
      {"code-000",
       "HTTP/1.1 000 Zero\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 000 "Zero"
  field Content-Length: 0
framing length
diag 9 status.out-of-range
complete yes
)"},
      {"code-099",
       "HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 099 "Low"
  field Content-Length: 0
framing length
diag 9 status.out-of-range
complete yes
)"},
      {"code-600",
       "HTTP/1.1 600 High\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 600 "High"
  field Content-Length: 0
framing length
diag 9 status.out-of-range
complete yes
)"},
      {"code-999",
       "HTTP/1.1 999 Max\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 999 "Max"
  field Content-Length: 0
framing length
diag 9 status.out-of-range
complete yes
)"},
      {"code-599-ok",
       "HTTP/1.1 599 Custom\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 599 "Custom"
  field Content-Length: 0
framing length
complete yes
)"},
      {"no-code",
       "HTTP/1.1\r\n\r\n"s,
       {},
       R"(final none
framing none
diag 8 fatal status-line.malformed
complete no
)"},
      {"double-sp-before-code",
       "HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 9 status-line.extra-sp
complete yes
)"},
      {"version-lowercase",
       "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final http/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 0 status-line.version-case
complete yes
)"},
      {"version-2",
       "HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/2.0 200 "OK"
  field Content-Length: 0
framing length
diag 0 status-line.unknown-version
complete yes
)"},
      {"version-1.2-fine",
       "HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.2 200 "OK"
  field Content-Length: 0
framing length
complete yes
)"},
      {"version-0.9-shape",
       "HTTP/0.9 200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/0.9 200 "OK"
  field Content-Length: 0
framing length
diag 0 status-line.unknown-version
complete yes
)"},
      {"version-garbage",
       "HTTQ/1.1 200 OK\r\n\r\n"s,
       {},
       R"(final none
framing none
diag 0 fatal status-line.invalid-version
complete no
)"},
      {"version-two-digit-minor",
       "HTTP/1.10 200 OK\r\n\r\n"s,
       {},
       R"(final none
framing none
diag 0 fatal status-line.invalid-version
complete no
)"},
      {"not-http-at-all",
       "SSH-2.0-OpenSSH_9.0\r\n"s,
       {},
       R"(final none
framing none
diag 0 fatal status-line.invalid-version
complete no
)"},
      {"leading-empty-lines",
       "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 0 message.leading-empty-line
complete yes
)"},
      {"leading-whitespace",
       "  HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 0 status-line.leading-whitespace
complete yes
)"},
      {"lf-only-lines",
       "HTTP/1.1 200 OK\nContent-Length: 2\n\nok"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 2
framing length
content 2 "ok"
diag 15 line.bare-lf
complete yes
)"},
      {"lf-only-chunked",
       "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 2 "ok"
diag 15 line.bare-lf
complete yes
)"},
      {"bare-cr-in-field",
       "HTTP/1.1 200 OK\r\nX: a\rb\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a b
  field Content-Length: 0
framing length
diag 21 line.bare-cr
complete yes
)"},
      {"bare-cr-in-status-line",
       "HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "O K"
  field Content-Length: 0
framing length
diag 14 line.bare-cr
complete yes
)"},
      {"obs-fold",
       "HTTP/1.1 200 OK\r\nX: a\r\n  b\r\n\tc\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a b c
  field Content-Length: 0
framing length
diag 23 field.obs-fold
complete yes
)"},
      {"obs-fold-nul-in-continuation",  // fuzz/regressions/response_head
       "HTTP/1.1 200 OK\r\nX: a\r\n b\0c\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a b c
  field Content-Length: 0
framing length
diag 23 field.obs-fold
diag 25 field.invalid-char
complete yes
)"},
      {"obs-fold-empty-continuation",
       "HTTP/1.1 200 OK\r\nX: a\r\n \r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a
  field Content-Length: 0
framing length
diag 23 field.obs-fold
complete yes
)"},
      {"whitespace-line-before-first-field",
       "HTTP/1.1 200 OK\r\n X: a\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 17 field.leading-whitespace
complete yes
)"},
      {"space-before-colon",
       "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 2
framing length
content 2 "ok"
diag 31 field.space-before-colon
complete yes
)"},
      {"field-missing-colon",
       "HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 17 field.missing-colon
complete yes
)"},
      {"field-empty-name",
       "HTTP/1.1 200 OK\r\n: value\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 17 field.empty-name
complete yes
)"},
      {"field-invalid-name",
       "HTTP/1.1 200 OK\r\nX@Y: 1\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X@Y: 1
  field Content-Length: 0
framing length
diag 17 field.invalid-name
complete yes
)"},
      {"field-value-nul",
       "HTTP/1.1 200 OK\r\nX: a\000b\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a b
  field Content-Length: 0
framing length
diag 21 field.invalid-char
complete yes
)"},
      {"field-value-ctl",
       "HTTP/1.1 200 OK\r\nX: a\033b\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a\x1Bb
  field Content-Length: 0
framing length
diag 21 field.invalid-char
complete yes
)"},
      {"field-value-ows-trimmed",
       "HTTP/1.1 200 OK\r\nX: \t a b \t\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: a b
  field Content-Length: 0
framing length
complete yes
)"},
      {"field-empty-value",
       "HTTP/1.1 200 OK\r\nX:\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field X: 
  field Content-Length: 0
framing length
complete yes
)"},
      {"field-case-preserved",
       "HTTP/1.1 200 OK\r\ncOnTeNt-LeNgTh: 1\r\n\r\nz"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field cOnTeNt-LeNgTh: 1
framing length
content 1 "z"
complete yes
)"},
      {"line-too-long-status",
       "HTTP/1.1 200 OKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOKOK\r\n\r\n"s,
       Caps(32, 4096, 100, 10, 1024),
       R"(final none
framing none
diag 0 fatal line.too-long
complete no
)"},
      {"line-too-long-field",
       "HTTP/1.1 200 OK\r\nX: 0123456789012345678901234567890123456789\r\n\r\n"s,
       Caps(32, 4096, 100, 10, 1024),
       R"(final HTTP/1.1 200 "OK"
framing none
diag 17 fatal line.too-long
complete no
)"},
      {"head-too-large", "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"s,
       Caps(1024, 30, 100, 10, 1024),
       R"(final HTTP/1.1 200 "OK"
  field A: 1
  field B: 2
framing none
diag 29 fatal head.too-large
complete no
)"},
      {"too-many-fields", "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"s,
       Caps(1024, 4096, 2, 10, 1024),
       R"(final HTTP/1.1 200 "OK"
  field A: 1
  field B: 2
framing none
diag 29 fatal head.too-many-fields
complete no
)"},
      {"too-many-trailers",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"s,
       Caps(1024, 4096, 2, 10, 1024),
       R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
trailer A: 1
trailer B: 2
diag 62 fatal head.too-many-fields
complete no
)"},
      {"content-cap-length", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"s,
       Caps(1024, 4096, 100, 10, 4),
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 10
framing length
content 10 "0123"
truncated
complete yes
)"},
      {"content-cap-chunked",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"s,
       Caps(1024, 4096, 100, 10, 4),
       R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 6 "abcd"
truncated
complete yes
)"},
      {"content-cap-close", "HTTP/1.1 200 OK\r\n\r\nabcdefgh"s, Caps(1024, 4096, 100, 10, 4),
       R"(final HTTP/1.1 200 "OK"
framing close
content 8 "abcd"
truncated
complete yes
)"},
      {"empty-stream-eof",
       ""s,
       {},
       R"(final none
framing none
diag 0 fatal message.incomplete
complete no
)"},
      {"empty-stream-no-eof", ""s, NoEof(),
       R"(final none
framing none
complete no
)"},
      {"truncated-status-line",
       "HTTP/1.1 200 O"s,
       {},
       R"(final none
framing none
diag 14 fatal message.incomplete
complete no
)"},
      {"truncated-head",
       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 5
framing none
diag 36 fatal message.incomplete
complete no
)"},
      {"truncated-head-no-eof", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"s, NoEof(),
       R"(final none
framing none
complete no
)"},
      {"content-escaped-in-dump",
       "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n\000\"\\\377"s,
       {},
       R"(final HTTP/1.1 200 "OK"
  field Content-Length: 4
framing length
content 4 "\x00\x22\x5C\xFF"
complete yes
)"},
  };
  return *kRows;
}

}  // namespace httpconform::wire::response_rows
