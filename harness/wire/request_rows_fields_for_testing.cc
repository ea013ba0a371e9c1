// Field lines, message framing (Content-Length, Transfer-Encoding, chunked)
// and the parser's limits (RFC 9112 §5, §6, §7).
// Rows of the RequestParser table (request_rows_for_testing.h).
#include <string>
#include <vector>

#include "harness/wire/request_rows_for_testing.h"

namespace httpconform::wire::request_rows {

using namespace std::string_literals;

const std::vector<Row>& FieldRows() {
  static const std::vector<Row>* const kRows =
      new std::vector<Row>{
          {"obs-fold",
           "GET / HTTP/1.1\r\nHost: a\r\nX: y\r\n z\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
  field X: y
diag 31 fatal field.obs-fold
state error 400
consumed 35
)"},
          {"leading-whitespace-first-field",
           "GET / HTTP/1.1\r\n Host: a\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
diag 16 fatal field.leading-whitespace
state error 400
consumed 26
)"},
          {"missing-colon",
           "GET / HTTP/1.1\r\nHost: a\r\nJunk\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
diag 25 fatal field.missing-colon
state error 400
consumed 31
)"},
          {"empty-name",
           "GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
diag 25 fatal field.empty-name
state error 400
consumed 30
)"},
          {"invalid-name",
           "GET / HTTP/1.1\r\nHost: a\r\nX(y): v\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
diag 25 fatal field.invalid-name
state error 400
consumed 34
)"},
          {"nul-in-value",
           "GET / HTTP/1.1\r\nHost: a\r\nX: a\000b\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
diag 29 fatal field.invalid-char
state error 400
consumed 33
)"},
          {"ctl-in-value",
           "GET / HTTP/1.1\r\nHost: a\r\nX: a\001b\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
diag 29 fatal field.invalid-char
state error 400
consumed 33
)"},
          {"obs-text-in-value-ok",
           "GET / HTTP/1.1\r\nHost: a\r\nX: caf\303\251\r\n\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
  field X: caf\xC3\xA9
state done
consumed 37
)"},
          {"cl-and-te",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 3
  field Transfer-Encoding: chunked
diag 73 fatal framing.cl-and-te
state error 400
consumed 75
)"},
          {"te-in-http10",
           "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.0 origin
  field Transfer-Encoding: chunked
diag 45 fatal framing.te-in-http10
state error 400
consumed 47
)"},
          {"te-gzip",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: gzip
diag 51 fatal framing.te-not-chunked-last
state error 400
consumed 53
)"},
          {"te-gzip-chunked",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: gzip, chunked
diag 60 fatal framing.unknown-transfer-coding
state error 501
consumed 62
)"},
          {"te-chunked-twice",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
  field Transfer-Encoding: chunked
diag 82 fatal framing.chunked-twice
state error 400
consumed 84
)"},
          {"te-empty",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: 
diag 46 fatal framing.invalid-transfer-encoding
state error 400
consumed 48
)"},
          {"cl-not-digits",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: abc
diag 47 fatal framing.invalid-content-length
state error 400
consumed 49
)"},
          {"cl-negative",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: -1
diag 46 fatal framing.invalid-content-length
state error 400
consumed 48
)"},
          {"cl-plus",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\nx"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: +1
diag 46 fatal framing.invalid-content-length
state error 400
consumed 48
)"},
          {"cl-inner-space",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 1 2
diag 47 fatal framing.invalid-content-length
state error 400
consumed 49
)"},
          {"cl-overflow",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 99999999999999999999999
diag 67 fatal framing.invalid-content-length
state error 400
consumed 69
)"},
          {"cl-conflicting-list",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 5, 6
diag 48 fatal framing.conflicting-content-length
state error 400
consumed 50
)"},
          {"cl-conflicting-lines",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 5
  field Content-Length: 6
diag 64 fatal framing.conflicting-content-length
state error 400
consumed 66
)"},
          {"cl-duplicate-accepted",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 3, 3
content 3 "abc"
diag 48 framing.duplicate-content-length
state done
consumed 53
)"},
          {"cl-too-large",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 1048577
diag 51 fatal content.too-large
state error 413
consumed 53
)"},
          {"chunk-size-0x",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 57 fatal framing.invalid-chunk-size
state error 400
consumed 61
)"},
          {"chunk-size-plus",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 56 fatal framing.invalid-chunk-size
state error 400
consumed 60
)"},
          {"chunk-size-minus",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 56 fatal framing.invalid-chunk-size
state error 400
consumed 60
)"},
          {"chunk-size-leading-space",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 56 fatal framing.invalid-chunk-size
state error 400
consumed 60
)"},
          {"chunk-size-trailing-space",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 57 fatal framing.invalid-chunk-size
state error 400
consumed 60
)"},
          {"chunk-size-bws-ext-ok",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 ; x\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
content 5 "hello"
diag 56 framing.chunk-ext
state done
consumed 75
)"},
          {"chunk-size-overflow",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 72 fatal framing.invalid-chunk-size
state error 400
consumed 75
)"},
          {"chunk-size-empty",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 56 fatal framing.invalid-chunk-size
state error 400
consumed 58
)"},
          {"chunk-ext-invalid",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;=x\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 58 fatal framing.invalid-chunk-ext
state error 400
consumed 62
)"},
          {"chunk-ext-unclosed-quote",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"b\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 62 fatal framing.invalid-chunk-ext
state error 400
consumed 64
)"},
          {"chunk-data-overrun",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
content 3 "hel"
diag 62 fatal framing.chunk-missing-crlf
state error 400
consumed 62
)"},
          {"chunked-too-large",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100001\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
diag 56 fatal content.too-large
state error 413
consumed 64
)"},
          {"trailer-obs-fold",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n 2\r\n\r\n"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
trailer X: 1
diag 65 fatal field.obs-fold
state error 400
consumed 69
)"},
          {"incomplete-head",
           "GET / HTTP/1.1\r\nHost: a\r\n"s,
           {},
           R"(request GET / HTTP/1.1 origin
  field Host: a
state head
consumed 25
)"},
          {"incomplete-content",
           "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"s,
           {},
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 10
content 3 "abc"
state content
consumed 51
)"},
          {"target-too-long", "GET /abcdefghij HTTP/1.1\r\nHost: a\r\n\r\n"s,
           Limits(10, 100, 1000, 10, 100),
           R"(request none
diag 4 fatal request-line.target-too-long
state error 414
consumed 26
)"},
          {"target-too-long-past-line-cap",
           "GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\n"s,
           Limits(10, 100, 1000, 10, 100),
           R"(request none
diag 4 fatal request-line.target-too-long
state error 414
consumed 1035
)"},
          {"request-line-too-long-no-sp",
           "GETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGETGET"s,
           Limits(10, 100, 1000, 10, 100),
           R"(request none
diag 0 fatal line.too-long
state error 400
consumed 1035
)"},
          {"field-too-large",
           "GET / HTTP/1.1\r\nHost: a\r\nX: 0123456789012345678901234567890123456789\r\n\r\n"s,
           Limits(100, 20, 1000, 10, 100),
           R"(request GET / HTTP/1.1 origin
  field Host: a
diag 25 fatal field.too-large
state error 431
consumed 46
)"},
          {"too-many-fields", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"s,
           Limits(100, 100, 1000, 3, 100),
           R"(request GET / HTTP/1.1 origin
  field Host: a
  field A: 1
  field B: 2
diag 37 fatal head.too-many-fields
state error 431
consumed 43
)"},
          {"head-too-large", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"s,
           Limits(100, 100, 40, 10, 100),
           R"(request GET / HTTP/1.1 origin
  field Host: a
  field A: 1
  field B: 2
diag 37 fatal head.too-large
state error 431
consumed 43
)"},
          {"content-at-cap-ok", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nabcd"s,
           Limits(100, 100, 1000, 10, 4),
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Content-Length: 4
content 4 "abcd"
state done
consumed 51
)"},
          {"chunked-over-cap-across-chunks",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"s,
           Limits(100, 100, 1000, 10, 4),
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
content 3 "abc"
diag 64 fatal content.too-large
state error 413
consumed 67
)"},
          {"trailers-count-against-field-cap",
           "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"s,
           Limits(100, 100, 1000, 2, 100),
           R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
trailer A: 1
trailer B: 2
diag 71 fatal head.too-many-fields
state error 431
consumed 77
)"},
      };
  return *kRows;
}

}  // namespace httpconform::wire::request_rows
