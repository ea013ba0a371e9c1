// Table-driven tests of ResponseParser: each row is raw response bytes, the
// request context (HEAD, CONNECT), whether the stream ends there (eof) and
// limits, and the expected Dump() text. Every row is checked one-shot (via
// ParseResponse), fed byte by byte, and split in two at every point: all
// must give the identical Dump().
#include "harness/wire/response_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "harness/wire/diagnostics.h"

namespace httpconform::wire {
namespace {

using namespace std::string_literals;

struct Options {
  ResponseContext context;
  bool eof = true;
  ParserLimits limits;
};

struct Row {
  const char* name;
  std::string input;
  Options options;
  std::string expected;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

Options Head() {
  Options o;
  o.context.head_request = true;
  return o;
}
Options Connect() {
  Options o;
  o.context.connect_request = true;
  return o;
}
Options NoEof() {
  Options o;
  o.eof = false;
  return o;
}
Options Caps(std::size_t line, std::size_t head, std::size_t fields, std::size_t interim,
             std::size_t content) {
  Options o;
  o.limits.max_line_bytes = line;
  o.limits.max_head_bytes = head;
  o.limits.max_fields = fields;
  o.limits.max_interim = interim;
  o.limits.max_content_bytes = content;
  return o;
}

// Feeds `pieces` as a transport would: stop at done(), then at the end of the
// stream FinishEof() and report the bytes left over.
std::string FeedPieces(const std::vector<std::string_view>& pieces, const Options& options) {
  ResponseParser parser(options.context, options.limits);
  std::size_t leftover = 0;
  for (std::string_view piece : pieces) {
    const std::size_t used = parser.done() ? 0 : parser.Feed(piece);
    leftover += piece.size() - used;
  }
  if (options.eof) {
    parser.FinishEof();
    parser.RecordTrailingBytes(leftover);
  }
  return Dump(parser.response());
}

const Row kRows[] = {
    {"cl-simple",
     "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 5
framing length
content 5 "hello"
complete yes
)"},
    {"cl-zero",
     "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
complete yes
)"},
    {"cl-zero-no-eof", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s, NoEof(),
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
complete yes
)"},
    {"cl-with-trailing-bytes",
     "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiEXTRA"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 2
framing length
content 2 "hi"
diag 40 message.trailing-bytes
complete yes
)"},
    {"cl-trailing-no-eof-is-next-message",
     "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 200 OK\r\n"s, NoEof(),
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 2
framing length
content 2 "hi"
complete yes
)"},
    {"cl-short-eof",
     "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 10
framing length
content 3 "abc"
diag 42 fatal message.incomplete
complete no
)"},
    {"cl-short-no-eof", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"s, NoEof(),
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 10
framing length
content 3 "abc"
complete no
)"},
    {"cl-duplicate-lines",
     "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 3
  field Content-Length: 3
framing length
content 3 "abc"
diag 0 framing.duplicate-content-length
complete yes
)"},
    {"cl-duplicate-list",
     "HTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\n\r\nx"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 1, 1
framing length
content 1 "x"
diag 0 framing.duplicate-content-length
complete yes
)"},
    {"cl-conflicting-lines",
     "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 3
  field Content-Length: 4
framing none
diag 0 fatal framing.conflicting-content-length
complete no
)"},
    {"cl-conflicting-list",
     "HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 3, 4
framing none
diag 0 fatal framing.conflicting-content-length
complete no
)"},
    {"cl-invalid-letters",
     "HTTP/1.1 200 OK\r\nContent-Length: 3a\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 3a
framing none
diag 0 fatal framing.invalid-content-length
complete no
)"},
    {"cl-invalid-negative",
     "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: -3
framing none
diag 0 fatal framing.invalid-content-length
complete no
)"},
    {"cl-invalid-empty",
     "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 
framing none
diag 0 fatal framing.invalid-content-length
complete no
)"},
    {"cl-invalid-overflow",
     "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551616\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 18446744073709551616
framing none
diag 0 fatal framing.invalid-content-length
complete no
)"},
    {"cl-max-u64-counts", "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\nabc"s,
     NoEof(),
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 18446744073709551615
framing length
content 3 "abc"
complete no
)"},
    {"cl-and-te-te-wins",
     "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 100
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 0 framing.cl-and-te
complete yes
)"},
    {"cl-invalid-ignored-with-te",
     "HTTP/1.1 200 OK\r\nContent-Length: junk\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: junk
  field Transfer-Encoding: chunked
framing chunked
diag 0 framing.cl-and-te
complete yes
)"},
    {"chunked-simple",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 11 "hello world"
complete yes
)"},
    {"chunked-uppercase-hex",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 10 "0123456789"
complete yes
)"},
    {"chunked-lowercase-hex",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 10 "0123456789"
complete yes
)"},
    {"chunked-leading-zeros",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000000000001\r\nx\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 1 "x"
complete yes
)"},
    {"chunked-ext",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;name=value;q=\"a \\\" b\"\r\nabc\r\n0;last\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 47 framing.chunk-ext
complete yes
)"},
    {"chunked-ext-bws",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 ; a = b\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 47 framing.chunk-ext
diag 47 framing.chunk-ext-bws
complete yes
)"},
    // Found by fuzz/differential: HTABs before ";" (BWS) on the last chunk.
    {"chunked-last-ext-htab-bws",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\t\t;n\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 2 "ab"
diag 54 framing.chunk-ext
diag 54 framing.chunk-ext-bws
complete yes
)"},
    {"chunked-ext-invalid-lenient",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b c\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 47 framing.chunk-ext
diag 53 framing.invalid-chunk-ext
complete yes
)"},
    {"chunked-trailers",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 42\r\nX-Other:  y \r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
  field Trailer: X-Sum
framing chunked
content 3 "abc"
trailer X-Sum: 42
trailer X-Other: y
complete yes
)"},
    {"chunked-trailer-obs-fold",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n\tb\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
trailer X: a b
diag 56 field.obs-fold
complete yes
)"},
    {"chunk-size-0x",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 48 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-plus",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+3\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 47 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-minus",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 47 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-leading-space",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 47 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-trailing-space",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 48 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-tab",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\t\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 48 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-overflow",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 63 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-max-u64",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nabc"s, NoEof(),
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
complete no
)"},
    {"chunk-size-empty",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\nabc\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 47 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-size-non-hex",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 47 fatal framing.invalid-chunk-size
complete no
)"},
    {"chunk-data-overrun",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 53 fatal framing.chunk-missing-crlf
complete no
)"},
    {"chunk-data-bare-lf",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 53 line.bare-lf
complete yes
)"},
    {"chunked-truncated-eof",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "hel"
diag 53 fatal message.incomplete
complete no
)"},
    {"chunked-no-last-chunk-eof",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 3 "abc"
diag 55 fatal message.incomplete
complete no
)"},
    {"chunked-no-final-crlf-eof",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
diag 50 fatal message.incomplete
complete no
)"},
    {"te-chunked-twice",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked, chunked
framing chunked
diag 0 framing.chunked-twice
complete yes
)"},
    {"te-gzip-chunked",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nzz\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: gzip, chunked
framing chunked
content 2 "zz"
complete yes
)"},
    {"te-not-chunked-last",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nrawbytes"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked, gzip
framing close
content 8 "rawbytes"
diag 0 framing.te-not-chunked-last
complete yes
)"},
    {"te-gzip-only-close",
     "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: gzip
framing close
content 3 "abc"
diag 0 framing.te-not-chunked-last
complete yes
)"},
    {"te-in-http10",
     "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"s,
     {},
     R"(final HTTP/1.0 200 "OK"
  field Transfer-Encoding: chunked
framing chunked
content 1 "x"
diag 0 framing.te-in-http10
complete yes
)"},
    {"close-delimited",
     "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of this until close"s,
     {},
     R"(final HTTP/1.1 200 "OK"
  field Connection: close
framing close
content 23 "all of this until close"
complete yes
)"},
    {"close-delimited-no-eof", "HTTP/1.1 200 OK\r\n\r\npartial"s, NoEof(),
     R"(final HTTP/1.1 200 "OK"
framing close
content 7 "partial"
complete no
)"},
    {"close-delimited-empty",
     "HTTP/1.1 200 OK\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 "OK"
framing close
complete yes
)"},
    {"http10-close-delimited",
     "HTTP/1.0 200 OK\r\n\r\nold"s,
     {},
     R"(final HTTP/1.0 200 "OK"
framing close
content 3 "old"
complete yes
)"},
    {"head-with-cl", "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n"s, Head(),
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 42
framing none
complete yes
)"},
    {"head-with-trailing-bytes", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"s, Head(),
     R"(final HTTP/1.1 200 "OK"
  field Content-Length: 3
framing none
diag 38 message.trailing-bytes
diag 38 message.content-not-allowed
complete yes
)"},
    {"head-chunked-no-content", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"s, Head(),
     R"(final HTTP/1.1 200 "OK"
  field Transfer-Encoding: chunked
framing none
complete yes
)"},
    {"status-204",
     "HTTP/1.1 204 No Content\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 204 "No Content"
framing none
complete yes
)"},
    {"status-204-with-bytes",
     "HTTP/1.1 204 No Content\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 204 "No Content"
framing none
diag 27 message.trailing-bytes
diag 27 message.content-not-allowed
complete yes
)"},
    {"status-204-with-cl",
     "HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 204 "No Content"
  field Content-Length: 3
framing none
diag 0 framing.cl-not-allowed
complete yes
)"},
    {"status-304-with-bytes",
     "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\nabc"s,
     {},
     R"(final HTTP/1.1 304 "Not Modified"
  field Content-Length: 10
framing none
diag 49 message.trailing-bytes
diag 49 message.content-not-allowed
complete yes
)"},
    {"status-304-no-eof", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"s, NoEof(),
     R"(final HTTP/1.1 304 "Not Modified"
  field ETag: \x22x\x22
framing none
complete yes
)"},
    {"interim-100-then-200",
     "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"s,
     {},
     R"(interim HTTP/1.1 100 "Continue"
final HTTP/1.1 200 "OK"
  field Content-Length: 2
framing length
content 2 "ok"
complete yes
)"},
    {"interim-many-100",
     "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
     {},
     R"(interim HTTP/1.1 100 "Continue"
interim HTTP/1.1 100 "Continue"
interim HTTP/1.1 100 "Continue"
final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
complete yes
)"},
    {"interim-103-then-200",
     "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
     {},
     R"(interim HTTP/1.1 103 "Early Hints"
  field Link: </s.css>; rel=preload
final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
complete yes
)"},
    {"interim-102-with-cl",
     "HTTP/1.1 102 Processing\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"s,
     {},
     R"(interim HTTP/1.1 102 "Processing"
  field Content-Length: 5
final HTTP/1.1 200 "OK"
  field Content-Length: 0
framing length
diag 0 framing.cl-not-allowed
complete yes
)"},
    {"interim-only-eof",
     "HTTP/1.1 100 Continue\r\n\r\n"s,
     {},
     R"(interim HTTP/1.1 100 "Continue"
final none
framing none
diag 25 fatal message.incomplete
complete no
)"},
    {"interim-too-many",
     "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"s,
     Caps(1024, 4096, 100, 2, 1024),
     R"(interim HTTP/1.1 100 "Continue"
interim HTTP/1.1 100 "Continue"
interim HTTP/1.1 100 "Continue"
final none
framing none
diag 50 fatal interim.too-many
complete no
)"},
    {"status-101-final",
     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\201\005hello"s,
     {},
     R"(final HTTP/1.1 101 "Switching Protocols"
  field Upgrade: websocket
  field Connection: Upgrade
framing none
complete yes
)"},
    {"status-101-after-100",
     "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"s,
     {},
     R"(interim HTTP/1.1 100 "Continue"
final HTTP/1.1 101 "Switching Protocols"
  field Upgrade: h2c
framing none
complete yes
)"},
    {"connect-200-tunnel", "HTTP/1.1 200 Connection Established\r\n\r\n\026\003\001"s, Connect(),
     R"(final HTTP/1.1 200 "Connection Established"
framing none
complete yes
)"},
    {"connect-407-has-content",
     "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 2\r\n\r\nno"s, Connect(),
     R"(final HTTP/1.1 407 "Proxy Authentication Required"
  field Content-Length: 2
framing length
content 2 "no"
complete yes
)"},
    {"missing-reason-with-sp",
     "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 ""
  field Content-Length: 0
framing length
complete yes
)"},
    {"missing-reason-without-sp",
     "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"s,
     {},
     R"(final HTTP/1.1 200 ""
  field Content-Length: 0
framing length
diag 12 status-line.missing-sp
complete yes
)"},
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

class ResponseTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(ResponseTableTest, OneShot) {
  const Row& row = GetParam();
  const std::string actual =
      Dump(ParseResponse(row.input, row.options.context, row.options.eof, row.options.limits));
  if (const char* path = std::getenv("WIRE_PRINT")) {
    std::ofstream(path, std::ios::app) << row.name << '\0' << actual << '\0';
  }
  EXPECT_EQ(actual, row.expected);
}

TEST_P(ResponseTableTest, ByteByByte) {
  const Row& row = GetParam();
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < row.input.size(); ++i) {
    pieces.push_back(std::string_view(row.input).substr(i, 1));
  }
  EXPECT_EQ(FeedPieces(pieces, row.options), row.expected);
}

TEST_P(ResponseTableTest, EverySplitInTwo) {
  const Row& row = GetParam();
  const std::string_view input = row.input;
  for (std::size_t i = 0; i <= input.size(); ++i) {
    ASSERT_EQ(FeedPieces({input.substr(0, i), input.substr(i)}, row.options), row.expected)
        << "split at " << i;
  }
}

TEST_P(ResponseTableTest, DiagnosticsAreCatalogued) {
  const Row& row = GetParam();
  const core::Response response =
      ParseResponse(row.input, row.options.context, row.options.eof, row.options.limits);
  for (const core::Diagnostic& diag : response.diagnostics) {
    EXPECT_NE(FindDiagnosticInfo(diag.id), nullptr) << diag.id;
    EXPECT_LE(diag.offset, row.input.size()) << diag.id;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, ResponseTableTest, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Mutations of every row (flipped, inserted and deleted bytes from a fixed
// seed) must parse without crashing and give the same Dump() whether fed
// one-shot or byte by byte: a cheap, deterministic stand-in for the fuzzer.
TEST(ResponseParserTest, MutatedRowsAreSplitInvariant) {
  std::mt19937 rng(9112);
  const char kAlphabet[] = "\r\n :;0aF\t\x00\x7f\xff\"-+xHTP/1.";
  for (const Row& row : kRows) {
    for (int round = 0; round < 20; ++round) {
      std::string input = row.input;
      for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
        const std::size_t at = input.empty() ? 0 : rng() % (input.size() + 1);
        const char c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
        switch (rng() % 3) {
          case 0:
            if (at < input.size()) input[at] = c;
            break;
          case 1:
            input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
          default:
            if (at < input.size()) input.erase(at, 1);
            break;
        }
      }
      const std::string whole =
          Dump(ParseResponse(input, row.options.context, row.options.eof, row.options.limits));
      std::vector<std::string_view> bytes;
      for (std::size_t i = 0; i < input.size(); ++i) {
        bytes.push_back(std::string_view(input).substr(i, 1));
      }
      ASSERT_EQ(FeedPieces(bytes, row.options), whole) << row.name << " mutated: " << input;
    }
  }
}

// One parser reused through Reset() for every row in turn, as a long-lived
// client would, and left each time mid-line or mid-content from another row:
// each result must equal the row's expected text, so nothing of a previous
// response (fields, diagnostics, content, a buffered partial line, the arena)
// leaks into the next, while the buffers keep the largest capacity seen.
TEST(ResponseParserTest, ResetParserGivesFreshResults) {
  ResponseParser parser;
  std::mt19937 rng(6);
  std::size_t checked = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (const Row& row : kRows) {
      if (row.options.limits.max_line_bytes != ParserLimits{}.max_line_bytes) continue;
      const std::string& other = kRows[rng() % std::size(kRows)].input;
      parser.Reset();
      parser.Feed(std::string_view(other).substr(0, other.size() / 2));
      parser.Reset(row.options.context);
      const std::size_t used = parser.Feed(row.input);
      if (row.options.eof) {
        parser.FinishEof();
        parser.RecordTrailingBytes(row.input.size() - used);
      }
      ASSERT_EQ(Dump(parser.response()), row.expected) << row.name << " pass " << pass;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200u);
}

// The cheap views agree with the built response for every row.
TEST(ResponseParserTest, ViewsAgreeWithResponse) {
  for (const Row& row : kRows) {
    ResponseParser parser(row.options.context, row.options.limits);
    const std::size_t used = parser.Feed(row.input);
    if (row.options.eof) {
      parser.FinishEof();
      parser.RecordTrailingBytes(row.input.size() - used);
    }
    const core::Response& r = parser.response();
    EXPECT_EQ(parser.status(), r.head.status) << row.name;
    EXPECT_EQ(parser.field_count(), r.head.fields.size()) << row.name;
    ASSERT_EQ(parser.interim_count(), r.interim.size()) << row.name;
    for (std::size_t i = 0; i < r.interim.size(); ++i) {
      EXPECT_EQ(parser.interim_status(i), r.interim[i].status) << row.name;
    }
    EXPECT_EQ(parser.content(), r.content) << row.name;
    EXPECT_EQ(parser.content_size(), r.content_size) << row.name;
    EXPECT_EQ(parser.complete(), r.complete) << row.name;
    ASSERT_EQ(parser.diagnostic_count(), r.diagnostics.size()) << row.name;
    for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
      EXPECT_EQ(parser.diagnostic(i).id, r.diagnostics[i].id) << row.name;
    }
  }
}

// response() is rebuilt after more bytes arrive, not served stale.
TEST(ResponseParserTest, ResponseFollowsLaterFeeds) {
  ResponseParser parser;
  parser.Feed("HTTP/1.1 100 Continue\r\n\r\n");
  EXPECT_EQ(parser.response().interim.size(), 1u);
  EXPECT_EQ(parser.response().head.status, 0);
  parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(parser.response().head.status, 200);
  EXPECT_EQ(parser.response().content, "hi");
  EXPECT_TRUE(parser.response().complete);
}

TEST(ResponseParserTest, TenMegabyteStatusLineIsBounded) {
  ResponseParser parser;
  parser.Feed("HTTP/1.1 200 ");
  const std::string chunk(1024 * 1024, 'a');
  std::size_t used = 0;
  for (int i = 0; i < 10 && !parser.done(); ++i) used += parser.Feed(chunk);
  EXPECT_EQ(parser.state(), ResponseParser::State::kError);
  ASSERT_NE(core::FindDiagnostic(parser.response().diagnostics, "line.too-long"), nullptr);
  EXPECT_LE(used, ParserLimits{}.max_line_bytes + 1);
}

TEST(ResponseParserTest, HundredThousandFieldLinesHitTheCap) {
  std::string stream = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 100000; ++i) stream += "X-F: 1\r\n";
  stream += "\r\n";
  const core::Response response = ParseResponse(stream);
  EXPECT_EQ(response.head.fields.size(), ParserLimits{}.max_fields);
  const core::Diagnostic* diag = core::FindDiagnostic(response.diagnostics, "head.too-many-fields");
  ASSERT_NE(diag, nullptr);
  EXPECT_TRUE(diag->fatal);
}

TEST(ResponseParserTest, EndlessChunkedStreamKeepsOnlyTheCap) {
  ParserLimits limits;
  limits.max_content_bytes = 1000;
  ResponseParser parser({}, limits);
  parser.Feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "400\r\n" + std::string(0x400, 'z') + "\r\n";
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(parser.Feed(chunk), chunk.size());
  EXPECT_FALSE(parser.done());
  EXPECT_EQ(parser.response().content_size, 10000u * 0x400);
  EXPECT_EQ(parser.response().content.size(), 1000u);
  EXPECT_TRUE(parser.response().content_truncated);
  parser.FinishEof();
  EXPECT_FALSE(parser.response().complete);
}

TEST(ResponseParserTest, EndlessInterimResponsesStop) {
  std::string stream;
  for (int i = 0; i < 1000; ++i) stream += "HTTP/1.1 100 Continue\r\n\r\n";
  const core::Response response = ParseResponse(stream);
  EXPECT_EQ(response.interim.size(), ParserLimits{}.max_interim + 1);
  EXPECT_NE(core::FindDiagnostic(response.diagnostics, "interim.too-many"), nullptr);
}

TEST(ResponseParserTest, EndlessEmptyLinesHitTheHeadCap) {
  const std::string stream(4 * 1024 * 1024, '\n');
  const core::Response response = ParseResponse(stream);
  EXPECT_NE(core::FindDiagnostic(response.diagnostics, "head.too-large"), nullptr);
  EXPECT_FALSE(response.complete);
}

TEST(ResponseParserTest, ResponseStartedOnFirstByte) {
  ResponseParser parser;
  EXPECT_FALSE(parser.response_started());
  parser.Feed("H");
  EXPECT_TRUE(parser.response_started());
}

TEST(ResponseParserTest, TrailingByteCountInDetail) {
  const core::Response response = ParseResponse("HTTP/1.1 204 No Content\r\n\r\nabc");
  const core::Diagnostic* diag =
      core::FindDiagnostic(response.diagnostics, "message.trailing-bytes");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->detail, "3 bytes after the end of the response");
}

TEST(DiagnosticsTest, CatalogueIsSortedUniqueAndDocumented) {
  const std::vector<DiagnosticInfo>& all = AllDiagnostics();
  ASSERT_GT(all.size(), 40u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].id, all[i].id);
  std::ifstream doc(std::string(HTTPCONFORM_WIRE_DIR) + "/diagnostics.md");
  ASSERT_TRUE(doc.good());
  const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  for (const DiagnosticInfo& info : all) {
    EXPECT_NE(text.find("`" + std::string(info.id) + "`"), std::string::npos) << info.id;
    EXPECT_FALSE(info.section.empty());
  }
}

}  // namespace
}  // namespace httpconform::wire
