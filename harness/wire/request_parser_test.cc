// Table-driven tests of RequestParser: each row is raw request bytes and the
// expected DumpRequest() text plus the parser's final state, error status and
// the number of bytes consumed. Every row is run one-shot, byte by byte, and
// split in two at every point; all runs must give the identical text.
#include "harness/wire/request_parser.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace httpconform::wire {
namespace {

using namespace std::string_literals;

struct Row {
  const char* name;
  std::string input;
  RequestLimits limits;
  std::string expected;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

RequestLimits Limits(std::size_t target, std::size_t line, std::size_t head, std::size_t fields,
                     std::size_t content) {
  RequestLimits limits;
  limits.max_target_bytes = target;
  limits.max_line_bytes = line;
  limits.max_head_bytes = head;
  limits.max_fields = fields;
  limits.max_content_bytes = content;
  return limits;
}

const char* StateName(RequestParser::State state) {
  switch (state) {
    case RequestParser::State::kHead:
      return "head";
    case RequestParser::State::kHeadDone:
      return "head-done";
    case RequestParser::State::kContent:
      return "content";
    case RequestParser::State::kDone:
      return "done";
    case RequestParser::State::kError:
      return "error";
  }
  return "?";
}

// Feeds `pieces` in order the way a server would: Continue() at kHeadDone,
// stop at kDone or kError. Returns the dump, state, status and bytes used.
std::string Feed(const std::vector<std::string_view>& pieces, const RequestLimits& limits) {
  RequestParser parser(limits);
  std::size_t consumed = 0;
  bool stopped = false;
  for (std::string_view piece : pieces) {
    while (!stopped) {
      consumed += [&] {
        const std::size_t n = parser.Feed(piece);
        piece.remove_prefix(n);
        return n;
      }();
      if (parser.state() == RequestParser::State::kHeadDone) {
        parser.Continue();
        continue;
      }
      if (parser.state() == RequestParser::State::kDone ||
          parser.state() == RequestParser::State::kError) {
        stopped = true;
      }
      if (piece.empty()) break;
    }
  }
  std::string out = DumpRequest(parser.request());
  out += "state ";
  out += StateName(parser.state());
  if (parser.state() == RequestParser::State::kError) {
    out += ' ' + std::to_string(parser.error_status());
  }
  out += "\nconsumed " + std::to_string(consumed) + "\n";
  return out;
}

std::string RunOneShot(const Row& row) { return Feed({row.input}, row.limits); }

const Row kRows[] =
    {
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

class RequestTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(RequestTableTest, OneShot) {
  const Row& row = GetParam();
  const std::string actual = RunOneShot(row);
  if (const char* path = std::getenv("WIRE_PRINT")) {
    std::ofstream(path, std::ios::app) << row.name << '\0' << actual << '\0';
  }
  EXPECT_EQ(actual, row.expected) << row.name;
}

TEST_P(RequestTableTest, ByteByByte) {
  const Row& row = GetParam();
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < row.input.size(); ++i) {
    pieces.push_back(std::string_view(row.input).substr(i, 1));
  }
  EXPECT_EQ(Feed(pieces, row.limits), RunOneShot(row)) << row.name;
}

TEST_P(RequestTableTest, EverySplitInTwo) {
  const Row& row = GetParam();
  const std::string whole = RunOneShot(row);
  const std::string_view input = row.input;
  for (std::size_t i = 0; i <= input.size(); ++i) {
    ASSERT_EQ(Feed({input.substr(0, i), input.substr(i)}, row.limits), whole)
        << row.name << " split at " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, RequestTableTest, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Deterministic mutations of every row: no crash, and byte-by-byte feeding
// gives the same result as one-shot.
TEST(RequestParserTest, MutatedRowsAreSplitInvariant) {
  std::mt19937 rng(9110);
  const char kAlphabet[] = "\r\n :;0aF\t\x00\x7f\xff\"-+xHTP/1.";
  for (const Row& row : kRows) {
    for (int round = 0; round < 20; ++round) {
      std::string input = row.input;
      const std::size_t at = rng() % (input.size() + 1);
      const char c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
      if (rng() % 2 == 0 && at < input.size()) {
        input[at] = c;
      } else {
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), c);
      }
      std::vector<std::string_view> bytes;
      for (std::size_t i = 0; i < input.size(); ++i) {
        bytes.push_back(std::string_view(input).substr(i, 1));
      }
      ASSERT_EQ(Feed(bytes, row.limits), Feed({input}, row.limits)) << row.name << ": " << input;
    }
  }
}

TEST(RequestParserTest, StopsAtHeadDoneUntilContinue) {
  RequestParser parser;
  const std::string bytes =
      "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
      "Content-Length: 3\r\n\r\nabc";
  const std::size_t head = bytes.size() - 3;
  EXPECT_EQ(parser.Feed(bytes), head);
  EXPECT_EQ(parser.state(), RequestParser::State::kHeadDone);
  EXPECT_EQ(parser.Feed(std::string_view(bytes).substr(head)), 0u);  // Waits for Continue().
  parser.Continue();
  EXPECT_EQ(parser.state(), RequestParser::State::kContent);
  EXPECT_EQ(parser.Feed(std::string_view(bytes).substr(head)), 3u);
  EXPECT_EQ(parser.state(), RequestParser::State::kDone);
  EXPECT_EQ(parser.request().content, "abc");
}

TEST(RequestParserTest, ContinueWithoutContentIsDone) {
  RequestParser parser;
  parser.Feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  ASSERT_EQ(parser.state(), RequestParser::State::kHeadDone);
  parser.Continue();
  EXPECT_EQ(parser.state(), RequestParser::State::kDone);
  EXPECT_TRUE(parser.request().content.empty());
}

TEST(RequestParserTest, EndlessFieldLinesHitTheCaps) {
  RequestParser parser;
  std::string head = "GET / HTTP/1.1\r\nHost: a\r\n";
  const std::string line = "X-Filler: 0123456789\r\n";
  for (int i = 0; i < 100000; ++i) head += line;
  const std::size_t used = parser.Feed(head);
  EXPECT_EQ(parser.state(), RequestParser::State::kError);
  EXPECT_EQ(parser.error_status(), 431);
  EXPECT_LT(used, head.size());
  EXPECT_LE(parser.request().fields.size(), RequestLimits{}.max_fields);
}

TEST(RequestParserTest, HugeTargetIs414WithBoundedBuffering) {
  RequestParser parser;
  EXPECT_EQ(parser.Feed("GET /"), 5u);
  const std::string chunk(64 * 1024, 'a');
  std::size_t fed = 0;
  for (int i = 0; i < 160 && parser.state() == RequestParser::State::kHead; ++i) {
    fed += parser.Feed(chunk);
  }
  EXPECT_EQ(parser.state(), RequestParser::State::kError);
  EXPECT_EQ(parser.error_status(), 414);
  EXPECT_LE(fed, RequestLimits{}.max_target_bytes + 1024);
}

TEST(RequestParserTest, EndlessChunkedStreamStopsAt413) {
  RequestParser parser;
  parser.Feed("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
  ASSERT_EQ(parser.state(), RequestParser::State::kHeadDone);
  parser.Continue();
  const std::string chunk = "1000\r\n" + std::string(0x1000, 'z') + "\r\n";
  int rounds = 0;
  while (parser.state() == RequestParser::State::kContent && rounds < 10000) {
    parser.Feed(chunk);
    ++rounds;
  }
  EXPECT_EQ(parser.state(), RequestParser::State::kError);
  EXPECT_EQ(parser.error_status(), 413);
  EXPECT_LE(parser.request().content.size(), RequestLimits{}.max_content_bytes);
}

TEST(RequestParserTest, LeftoverBytesBelongToTheCaller) {
  RequestParser parser;
  const std::string two = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\n";
  const std::size_t used = parser.Feed(two);
  EXPECT_EQ(std::string_view(two).substr(used), "GET /2 HTTP/1.1\r\n");
}

}  // namespace
}  // namespace httpconform::wire
