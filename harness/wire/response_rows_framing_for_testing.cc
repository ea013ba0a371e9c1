// Framing and content: Content-Length, chunked, Transfer-Encoding (RFC 9112 §6, §7).
// Rows of the ResponseParser table (response_rows_for_testing.h).
#include <string>
#include <vector>

#include "harness/wire/response_rows_for_testing.h"

namespace httpconform::wire::response_rows {

using namespace std::string_literals;

const std::vector<Row>& FramingRows() {
  static const std::vector<Row>* const kRows = new std::vector<Row>{
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
  };
  return *kRows;
}

const std::vector<Row>& AllRows() {
  static const std::vector<Row>* const kAll = [] {
    auto* all = new std::vector<Row>(FramingRows());
    all->insert(all->end(), InterimRows().begin(), InterimRows().end());
    all->insert(all->end(), HeadRows().begin(), HeadRows().end());
    return all;
  }();
  return *kAll;
}

}  // namespace httpconform::wire::response_rows
