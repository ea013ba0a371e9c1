// Close-delimited content, HEAD, statuses without content, interim responses
// and CONNECT tunnels (RFC 9112 §6.3, RFC 9110 §15.2, §9.3.6).
// Rows of the ResponseParser table (response_rows_for_testing.h).
#include <string>
#include <vector>

#include "harness/wire/response_rows_for_testing.h"

namespace httpconform::wire::response_rows {

using namespace std::string_literals;

const std::vector<Row>& InterimRows() {
  static const std::vector<Row>* const kRows = new std::vector<Row>{
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
  };
  return *kRows;
}

}  // namespace httpconform::wire::response_rows
