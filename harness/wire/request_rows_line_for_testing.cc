// The request-line, its target forms and version, Host (RFC 9112 §3, §2.3,
// §3.2).
// Rows of the RequestParser table (request_rows_for_testing.h).
#include <string>
#include <vector>

#include "harness/wire/request_rows_for_testing.h"

namespace httpconform::wire::request_rows {

using namespace std::string_literals;

const std::vector<Row>& LineRows() {
  static const std::vector<Row>* const kRows = new std::vector<Row>{
      {"get-simple",
       "GET / HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a
state done
consumed 27
)"},
      {"get-absolute",
       "GET http://a/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request GET http://a/x?y=1 HTTP/1.1 absolute
  field Host: a
state done
consumed 40
)"},
      {"connect-authority",
       "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n"s,
       {},
       R"(request CONNECT a.example:443 HTTP/1.1 authority
  field Host: a.example:443
state done
consumed 55
)"},
      {"options-asterisk",
       "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request OPTIONS * HTTP/1.1 asterisk
  field Host: a
state done
consumed 31
)"},
      {"post-content-length",
       "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"s,
       {},
       R"(request POST /p HTTP/1.1 origin
  field Host: a
  field Content-Length: 5
content 5 "hello"
state done
consumed 53
)"},
      {"post-content-length-zero",
       "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"s,
       {},
       R"(request POST /p HTTP/1.1 origin
  field Host: a
  field Content-Length: 0
state done
consumed 48
)"},
      {"post-chunked-ext-trailers",
       "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b;c=\"d e\"\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n"s,
       {},
       R"(request POST /p HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
content 11 "hello world"
trailer X-T: 1
diag 57 framing.chunk-ext
state done
consumed 103
)"},
      {"chunked-uppercase-hex",
       "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"s,
       {},
       R"(request POST /p HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: Chunked
chunked
content 10 "0123456789"
state done
consumed 77
)"},
      {"chunked-leading-zeros",
       "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000000003\r\nabc\r\n0\r\n\r\n"s,
       {},
       R"(request POST /p HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
content 3 "abc"
state done
consumed 89
)"},
      {"pipelined-stops-after-first",
       "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request GET /1 HTTP/1.1 origin
  field Host: a
state done
consumed 28
)"},
      {"leading-empty-line",
       "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a
diag 0 request.leading-empty-line
state done
consumed 29
)"},
      {"bare-lf-lines",
       "GET / HTTP/1.1\nHost: a\n\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a
diag 14 line.bare-lf
state done
consumed 24
)"},
      {"bare-lf-after-chunk-data",
       "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\n0\r\n\r\n"s,
       {},
       R"(request POST / HTTP/1.1 origin
  field Host: a
  field Transfer-Encoding: chunked
chunked
content 1 "x"
diag 60 line.bare-lf
state done
consumed 66
)"},
      {"bare-cr-in-field",
       "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a
diag 29 fatal line.bare-cr
state error 400
consumed 33
)"},
      {"bare-cr-in-request-line",
       "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 5 fatal line.bare-cr
state error 400
consumed 17
)"},
      {"http10-no-host",
       "GET / HTTP/1.0\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.0 origin
state done
consumed 18
)"},
      {"http11-no-host",
       "GET / HTTP/1.1\r\nX: y\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field X: y
diag 22 fatal request.host-missing
state error 400
consumed 24
)"},
      {"host-duplicate",
       "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a
  field Host: b
diag 34 fatal request.host-duplicate
state error 400
consumed 36
)"},
      {"host-duplicate-http10",
       "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.0 origin
  field Host: a
  field host: a
diag 34 fatal request.host-duplicate
state error 400
consumed 36
)"},
      {"host-invalid",
       "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a/b
diag 27 fatal request.host-invalid
state error 400
consumed 29
)"},
      {"host-empty-ok",
       "GET / HTTP/1.1\r\nHost:\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: 
state done
consumed 25
)"},
      {"version-2",
       "GET / HTTP/2.0\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.unsupported-version
state error 505
consumed 16
)"},
      {"version-3",
       "GET / HTTP/3.0\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.unsupported-version
state error 505
consumed 16
)"},
      {"version-0.9-shape",
       "GET / HTTP/0.9\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.unsupported-version
state error 505
consumed 16
)"},
      {"version-lowercase",
       "GET / http/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.invalid-version
state error 400
consumed 16
)"},
      {"version-two-digit-minor",
       "GET / HTTP/1.10\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.invalid-version
state error 400
consumed 17
)"},
      {"version-no-dot",
       "GET / HTTP/11\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.invalid-version
state error 400
consumed 15
)"},
      {"version-1.2-accepted",
       "GET / HTTP/1.2\r\nHost: a\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.2 origin
  field Host: a
state done
consumed 27
)"},
      {"no-version",
       "GET /\r\n\r\n"s,
       {},
       R"(request none
diag 0 fatal request-line.malformed
state error 400
consumed 7
)"},
      {"double-sp-after-method",
       "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 0 fatal request-line.malformed
state error 400
consumed 17
)"},
      {"trailing-sp-after-version",
       "GET / HTTP/1.1 \r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 0 fatal request-line.malformed
state error 400
consumed 17
)"},
      {"tab-separator",
       "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 0 fatal request-line.malformed
state error 400
consumed 16
)"},
      {"method-not-token",
       "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 0 fatal request-line.invalid-method
state error 400
consumed 17
)"},
      {"target-fragment",
       "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.invalid-target
state error 400
consumed 19
)"},
      {"target-del",
       "GET /a\177 HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 6 fatal request-line.invalid-target
state error 400
consumed 18
)"},
      {"target-obs-text",
       "GET /\303\251 HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 5 fatal request-line.invalid-target
state error 400
consumed 18
)"},
      {"target-no-form",
       "GET foo HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 4 fatal request-line.invalid-target-form
state error 400
consumed 18
)"},
      {"connect-origin-form",
       "CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 8 fatal request-line.invalid-target-form
state error 400
consumed 20
)"},
      {"connect-no-port",
       "CONNECT a.example HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 8 fatal request-line.invalid-target-form
state error 400
consumed 28
)"},
      {"asterisk-not-options",
       "GET * HTTP/1.1\r\nHost: a\r\n\r\n"s,
       {},
       R"(request none
diag 4 fatal request-line.invalid-target-form
state error 400
consumed 16
)"},
      {"space-before-colon",
       "GET / HTTP/1.1\r\nHost : a\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
diag 20 fatal field.space-before-colon
state error 400
consumed 26
)"},
      {"tab-before-colon",
       "GET / HTTP/1.1\r\nHost: a\r\nX\t: y\r\n\r\n"s,
       {},
       R"(request GET / HTTP/1.1 origin
  field Host: a
diag 26 fatal field.space-before-colon
state error 400
consumed 32
)"},
  };
  return *kRows;
}

const std::vector<Row>& AllRows() {
  static const std::vector<Row>* const kAll = [] {
    auto* all = new std::vector<Row>(LineRows());
    all->insert(all->end(), FieldRows().begin(), FieldRows().end());
    return all;
  }();
  return *kAll;
}

}  // namespace httpconform::wire::request_rows
