// End-to-end tests of the reference server: the server runs in-process on a
// free loopback port and the tests talk to it with plain POSIX sockets
// (reference_server_client_for_testing.h), so that neither the transport nor the
// wire module is trusted here. This file: resources, conditional requests,
// ranges, content and Expect, status-code routes, methods.
#include "harness/server/reference_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/server/reference_server_client_for_testing.h"
#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

using namespace test_client;

// ---- Resources ----

TEST_F(ServerTest, UrlAndIndexLinkEveryResource) {
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port()));
  Resp r = Do(Get("/"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(r.Field("Content-Type"), "text/html; charset=utf-8");
  for (const char* link : {"/static/hello.txt", "/static/data.txt", "/static/weak.txt", "/echo"}) {
    EXPECT_NE(r.body.find(std::string("href=\"") + link + "\""), std::string::npos) << link;
  }
}

TEST_F(ServerTest, HelloHasValidatorsAndCachingFields) {
  Resp r = Do(Get("/static/hello.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Hello, world!\n");
  EXPECT_EQ(r.Field("Content-Length"), "14");
  EXPECT_EQ(r.Field("ETag"), "\"hello-v1\"");
  EXPECT_EQ(r.Field("Last-Modified"), kLastModified);
  EXPECT_EQ(r.Field("Accept-Ranges"), "bytes");
  EXPECT_EQ(r.Field("Cache-Control"), "max-age=60");
  EXPECT_EQ(r.Field("Server"), "httpconform-reference");
  EXPECT_TRUE(ParseHttpDate(r.Field("Date")).has_value()) << r.Field("Date");
  std::time_t now = std::time(nullptr);
  EXPECT_LE(std::abs(static_cast<long>(*ParseHttpDate(r.Field("Date")) - now)), 5);
}

TEST_F(ServerTest, IdenticalBytesAcrossServers) {
  auto other = StartServer();
  Resp a = Do(Get("/static/data.txt"));
  Resp b = RoundTrip(other->port(), Get("/static/data.txt"));
  EXPECT_EQ(a.body.size(), 1000u);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.Field("ETag"), b.Field("ETag"));
}

TEST_F(ServerTest, HeadHasGetFieldsWithoutContent) {
  Resp get = Do(Get("/static/hello.txt"));
  Resp head = Do(Get("/static/hello.txt", "", "HEAD"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  for (const char* name : {"Content-Length", "ETag", "Last-Modified", "Content-Type",
                           "Accept-Ranges", "Cache-Control"}) {
    EXPECT_EQ(head.Field(name), get.Field(name)) << name;
  }
}

TEST_F(ServerTest, WeakResourceHasWeakEtag) {
  Resp r = Do(Get("/static/weak.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Field("ETag"), "W/\"weak-v1\"");
}

// ---- Conditional requests ----

struct ConditionalRow {
  const char* name;
  const char* method;
  const char* target;
  const char* fields;
  int status;
};

TEST_F(ServerTest, PreconditionTableFollowsSection13_2_2) {
  const ConditionalRow rows[] = {
      {"inm match", "GET", "/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n", 304},
      {"inm weak match", "GET", "/static/hello.txt", "If-None-Match: W/\"hello-v1\"\r\n", 304},
      {"inm list", "GET", "/static/hello.txt", "If-None-Match: \"a\", \"hello-v1\"\r\n", 304},
      {"inm star", "GET", "/static/hello.txt", "If-None-Match: *\r\n", 304},
      {"inm no match", "GET", "/static/hello.txt", "If-None-Match: \"other\"\r\n", 200},
      {"inm head", "HEAD", "/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n", 304},
      {"ims equal", "GET", "/static/hello.txt",
       "If-Modified-Since: Sat, 01 Jan 2022 00:00:00 GMT\r\n", 304},
      {"ims later", "GET", "/static/hello.txt",
       "If-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n", 304},
      {"ims earlier", "GET", "/static/hello.txt",
       "If-Modified-Since: Fri, 31 Dec 2021 23:59:59 GMT\r\n", 200},
      {"ims rfc850", "GET", "/static/hello.txt",
       "If-Modified-Since: Saturday, 01-Jan-22 00:00:00 GMT\r\n", 304},
      {"ims asctime", "GET", "/static/hello.txt", "If-Modified-Since: Sat Jan  1 00:00:00 2022\r\n",
       304},
      {"ims invalid ignored", "GET", "/static/hello.txt", "If-Modified-Since: yesterday\r\n", 200},
      {"ims ignored with inm", "GET", "/static/hello.txt",
       "If-None-Match: \"other\"\r\nIf-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n", 200},
      {"if-match star", "GET", "/static/hello.txt", "If-Match: *\r\n", 200},
      {"if-match match", "GET", "/static/hello.txt", "If-Match: \"hello-v1\"\r\n", 200},
      {"if-match mismatch", "GET", "/static/hello.txt", "If-Match: \"other\"\r\n", 412},
      {"if-match weak is strong-compared", "GET", "/static/weak.txt", "If-Match: W/\"weak-v1\"\r\n",
       412},
      {"ius earlier", "GET", "/static/hello.txt",
       "If-Unmodified-Since: Fri, 31 Dec 2021 00:00:00 GMT\r\n", 412},
      {"ius equal", "GET", "/static/hello.txt",
       "If-Unmodified-Since: Sat, 01 Jan 2022 00:00:00 GMT\r\n", 200},
      {"ius invalid ignored", "GET", "/static/hello.txt", "If-Unmodified-Since: never\r\n", 200},
      {"ius ignored with if-match", "GET", "/static/hello.txt",
       "If-Match: \"hello-v1\"\r\nIf-Unmodified-Since: Fri, 31 Dec 2021 00:00:00 GMT\r\n", 200},
      {"if-match before inm", "GET", "/static/hello.txt",
       "If-Match: \"other\"\r\nIf-None-Match: \"hello-v1\"\r\n", 412},
      {"put if-match", "PUT", "/items/thing", "If-Match: \"thing-v1\"\r\n", 204},
      {"put if-match mismatch", "PUT", "/items/thing", "If-Match: \"old\"\r\n", 412},
      {"put inm star", "PUT", "/items/thing", "If-None-Match: *\r\n", 412},
      {"put ims ignored", "PUT", "/items/thing",
       "If-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n", 204},
      {"delete ius earlier", "DELETE", "/items/thing",
       "If-Unmodified-Since: Fri, 31 Dec 2021 00:00:00 GMT\r\n", 412},
      {"delete", "DELETE", "/items/thing", "", 204},
      {"404 stays 404", "GET", "/missing", "If-Match: \"x\"\r\n", 404},
      {"405 stays 405", "DELETE", "/static/hello.txt", "If-Match: \"x\"\r\n", 405},
      {"guarded without if-match", "PUT", "/items/guarded", "", 428},
      {"guarded match", "PUT", "/items/guarded", "If-Match: \"guarded-v1\"\r\n", 204},
      {"guarded mismatch", "PUT", "/items/guarded", "If-Match: \"old\"\r\n", 412},
  };
  for (const ConditionalRow& row : rows) {
    std::string extra = row.fields;
    if (std::string(row.method) == "PUT") extra += "Content-Length: 3\r\n";
    std::string request = Get(row.target, extra, row.method);
    if (std::string(row.method) == "PUT") request += "new";
    Resp r = Do(request);
    EXPECT_EQ(r.status, row.status) << row.name;
  }
}

TEST_F(ServerTest, NotModifiedCarriesValidatorFieldsAndNoContent) {
  Resp r = Do(Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 304 Not Modified");
  EXPECT_EQ(r.Field("ETag"), "\"hello-v1\"");
  EXPECT_EQ(r.Field("Cache-Control"), "max-age=60");
  EXPECT_TRUE(r.Has("Date"));
  EXPECT_FALSE(r.Has("Content-Length"));
  EXPECT_TRUE(r.body.empty());
}

// ---- Ranges ----

TEST_F(ServerTest, SingleRange) {
  Resp r = Do(Get("/static/hello.txt", "Range: bytes=0-4\r\n"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 206 Partial Content");
  EXPECT_EQ(r.Field("Content-Range"), "bytes 0-4/14");
  EXPECT_EQ(r.body, "Hello");
  EXPECT_EQ(r.Field("Content-Length"), "5");
}

TEST_F(ServerTest, SuffixAndOpenRanges) {
  Resp suffix = Do(Get("/static/data.txt", "Range: bytes=-10\r\n"));
  EXPECT_EQ(suffix.status, 206);
  EXPECT_EQ(suffix.Field("Content-Range"), "bytes 990-999/1000");
  EXPECT_EQ(suffix.body.size(), 10u);
  Resp open = Do(Get("/static/data.txt", "Range: bytes=995-\r\n"));
  EXPECT_EQ(open.Field("Content-Range"), "bytes 995-999/1000");
  EXPECT_EQ(open.body, suffix.body.substr(5));
  Resp clipped = Do(Get("/static/hello.txt", "Range: bytes=7-100\r\n"));
  EXPECT_EQ(clipped.Field("Content-Range"), "bytes 7-13/14");
  EXPECT_EQ(clipped.body, "world!\n");
}

TEST_F(ServerTest, MultipleRangesAreMultipart) {
  Resp r = Do(Get("/static/hello.txt", "Range: bytes=0-4, 7-11\r\n"));
  EXPECT_EQ(r.status, 206);
  std::string type = r.Field("Content-Type");
  ASSERT_EQ(type.rfind("multipart/byteranges; boundary=", 0), 0u) << type;
  std::string boundary = type.substr(std::strlen("multipart/byteranges; boundary="));
  EXPECT_FALSE(r.Has("Content-Range"));
  EXPECT_EQ(r.body, "--" + boundary +
                        "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes "
                        "0-4/14\r\n\r\nHello\r\n--" +
                        boundary +
                        "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes "
                        "7-11/14\r\n\r\nworld\r\n--" +
                        boundary + "--\r\n");
}

TEST_F(ServerTest, UnsatisfiableRangeIs416WithContentRange) {
  Resp r = Do(Get("/static/hello.txt", "Range: bytes=100-200\r\n"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 416 Range Not Satisfiable");
  EXPECT_EQ(r.Field("Content-Range"), "bytes */14");
}

TEST_F(ServerTest, InvalidOrUnknownRangeIsIgnored) {
  for (const char* range : {"bytes=5-1", "bytes=abc", "items=0-4", "bytes 0-4"}) {
    Resp r = Do(Get("/static/hello.txt", std::string("Range: ") + range + "\r\n"));
    EXPECT_EQ(r.status, 200) << range;
    EXPECT_EQ(r.body, "Hello, world!\n") << range;
  }
  Resp head = Do(Get("/static/hello.txt", "Range: bytes=0-4\r\n", "HEAD"));
  EXPECT_EQ(head.status, 200);  // §14.2: range handling is defined for GET only.
}

TEST_F(ServerTest, IfRangeDecidesBetween206And200) {
  struct Row {
    const char* if_range;
    int status;
  } rows[] = {
      {"\"hello-v1\"", 206},   {"\"old\"", 200},
      {"W/\"hello-v1\"", 200},  // A weak tag never matches (§13.1.5).
      {kLastModified, 206},    {"Sun, 02 Jan 2022 00:00:00 GMT", 200},  // Exact match only.
      {"garbage", 200},
  };
  for (const Row& row : rows) {
    Resp r = Do(Get("/static/hello.txt",
                    std::string("Range: bytes=0-4\r\nIf-Range: ") + row.if_range + "\r\n"));
    EXPECT_EQ(r.status, row.status) << row.if_range;
  }
  Resp weak = Do(Get("/static/weak.txt", "Range: bytes=0-3\r\nIf-Range: W/\"weak-v1\"\r\n"));
  EXPECT_EQ(weak.status, 200);
}

// ---- Content, Expect ----

TEST_F(ServerTest, EchoReturnsContentWithItsType) {
  Resp r =
      Do("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/x-test\r\n"
         "Content-Length: 5\r\n\r\nhello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Field("Content-Type"), "text/x-test");
  EXPECT_EQ(r.body, "hello");
}

TEST_F(ServerTest, EchoDecodesChunkedContent) {
  Resp r =
      Do("PUT /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello world");
}

TEST_F(ServerTest, ContinueArrivesBeforeTheContentIsSent) {
  Socket s(port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  std::string interim = s.ReadUntil(
      [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; }, 2000);
  EXPECT_EQ(interim.substr(0, 23), "HTTP/1.1 100 Continue\r\n");
  s.Send("ping");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ping");
}

TEST_F(ServerTest, OversizedContentGets413BeforeReading) {
  Socket s(port());
  s.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n");
  Resp r = Parse(s.ReadResponse(false, 2000));
  EXPECT_TRUE(r.interim.empty());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Field("Connection"), "close");
  EXPECT_TRUE(s.ClosedWithin(2000));
}

TEST_F(ServerTest, UnknownExpectationIs417) {
  Resp r = Do("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 417 Expectation Failed");
}

TEST_F(ServerTest, LengthRequired) {
  EXPECT_EQ(Do("POST /length-required HTTP/1.1\r\nHost: x\r\n\r\n").status, 411);
  EXPECT_EQ(Do("POST /length-required HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "1\r\na\r\n0\r\n\r\n")
                .status,
            411);
  EXPECT_EQ(Do("POST /length-required HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na").status,
            200);
}

// ---- Status-code routes ----

TEST_F(ServerTest, SuccessRoutes) {
  Resp created = Do("POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(created.status_line, "HTTP/1.1 201 Created");
  EXPECT_EQ(created.Field("Location").rfind("/upload/", 0), 0u);
  EXPECT_EQ(Do(Get(created.Field("Location"))).status, 200);
  EXPECT_EQ(Do("POST /accepted HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status, 202);
  Resp none = Do(Get("/nocontent"));
  EXPECT_EQ(none.status, 204);
  EXPECT_FALSE(none.Has("Content-Length"));
  EXPECT_FALSE(none.Has("Transfer-Encoding"));
  EXPECT_TRUE(none.body.empty());
  Resp reset = Do("POST /reset HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(reset.status, 205);
  EXPECT_EQ(reset.Field("Content-Length"), "0");
  EXPECT_TRUE(reset.body.empty());
}

TEST_F(ServerTest, ClientErrorRoutes) {
  EXPECT_EQ(Do("PUT /conflict HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status, 409);
  EXPECT_EQ(Do(Get("/gone")).status, 410);
  EXPECT_EQ(Do(Get("/forbidden")).status, 403);
  EXPECT_EQ(Do(Get("/legal")).status_line, "HTTP/1.1 451 Unavailable For Legal Reasons");
  EXPECT_EQ(Do(Get("/teapot")).status, 404);
  EXPECT_EQ(Do(Get("/no/such/thing")).status, 404);
  Resp limited = Do(Get("/limited"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Field("Retry-After"), "60");
  Resp unavailable = Do(Get("/unavailable"));
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.Field("Retry-After"), "120");
}

TEST_F(ServerTest, JsonRequiresJsonContentType) {
  EXPECT_EQ(Do("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
               "Content-Length: 2\r\n\r\n{}")
                .status,
            415);
  EXPECT_EQ(Do("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-8\r\n"
               "Content-Length: 2\r\n\r\n{}")
                .status,
            200);
}

TEST_F(ServerTest, NegotiationHonoursAccept) {
  EXPECT_EQ(Do(Get("/negotiate", "Accept: application/json\r\n")).status, 406);
  EXPECT_EQ(Do(Get("/negotiate", "Accept: text/plain;q=0, */*\r\n")).status, 406);
  EXPECT_EQ(Do(Get("/negotiate", "Accept: text/*\r\n")).status, 200);
  EXPECT_EQ(Do(Get("/negotiate")).status, 200);
}

TEST_F(ServerTest, RedirectsCarryLocation) {
  for (int code : {300, 301, 302, 303, 307, 308}) {
    Resp r = Do(Get("/redirect/" + std::to_string(code)));
    EXPECT_EQ(r.status, code);
    EXPECT_EQ(r.Field("Location"), "/static/hello.txt") << code;
  }
}

TEST_F(ServerTest, StatusRoutesCarryRequiredFields) {
  EXPECT_EQ(Do(Get("/status/401")).Field("WWW-Authenticate"), "Basic realm=\"httpconform\"");
  EXPECT_TRUE(Do(Get("/status/405")).Has("Allow"));
  EXPECT_TRUE(Do(Get("/status/407")).Has("Proxy-Authenticate"));
  EXPECT_EQ(Do(Get("/status/416")).Field("Content-Range"), "bytes */1000");
  EXPECT_EQ(Do(Get("/status/426")).Field("Upgrade"), "websocket");
  EXPECT_TRUE(Do(Get("/status/503")).Has("Retry-After"));
  EXPECT_EQ(Do(Get("/status/302")).Field("Location"), "/static/hello.txt");
  Resp partial = Do(Get("/status/206"));
  EXPECT_EQ(partial.Field("Content-Range"), "bytes 0-6/100");
  EXPECT_EQ(partial.body.size(), 7u);
  Resp none = Do(Get("/status/204"));
  EXPECT_TRUE(none.body.empty());
  EXPECT_FALSE(none.Has("Content-Length"));
  EXPECT_EQ(Do(Get("/status/299")).status_line, "HTTP/1.1 299 Unknown");
  EXPECT_EQ(Do(Get("/status/199")).status, 404);
  EXPECT_EQ(Do(Get("/status/600")).status, 404);
}

TEST_F(ServerTest, BasicAuthentication) {
  Resp denied = Do(Get("/auth/basic"));
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(denied.Field("WWW-Authenticate"), "Basic realm=\"httpconform\"");
  EXPECT_EQ(Do(Get("/auth/basic", "Authorization: Basic dXNlcjpwYXNz\r\n")).status, 200);
  EXPECT_EQ(Do(Get("/auth/basic", "Authorization: Basic d3Jvbmc6d3Jvbmc=\r\n")).status, 401);
}

TEST_F(ServerTest, AbsoluteFormForAnotherHostNeedsProxyAuth) {
  Resp proxy = Do("GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n");
  EXPECT_EQ(proxy.status, 407);
  EXPECT_TRUE(proxy.Has("Proxy-Authenticate"));
  std::string own = "127.0.0.1:" + std::to_string(port());
  Resp ours = Do("GET http://" + own + "/static/hello.txt HTTP/1.1\r\nHost: " + own + "\r\n\r\n");
  EXPECT_EQ(ours.status, 200);
  EXPECT_EQ(ours.body, "Hello, world!\n");
}

TEST_F(ServerTest, EarlyHintsPrecedeTheFinalResponse) {
  Resp r = Do(Get("/early-hints"));
  ASSERT_EQ(r.interim, std::vector<int>{103});
  EXPECT_NE(r.interim_heads[0].find("Link: </static/hello.txt>; rel=preload"), std::string::npos);
  EXPECT_EQ(r.status, 200);
}

TEST_F(ServerTest, WebSocketHandshake) {
  Socket s(port());
  s.Send(
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  Resp r = Parse(s.ReadUntil(
      [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; }, 2000));
  EXPECT_EQ(r.status_line, "HTTP/1.1 101 Switching Protocols");
  EXPECT_EQ(r.Field("Upgrade"), "websocket");
  EXPECT_EQ(r.Field("Connection"), "Upgrade");
  EXPECT_EQ(r.Field("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_TRUE(s.ClosedWithin(3000));  // Closed after a short idle.

  Resp missing = Do(Get("/ws"));
  EXPECT_EQ(missing.status, 426);
  EXPECT_EQ(missing.Field("Upgrade"), "websocket");
  EXPECT_NE(missing.Field("Connection").find("Upgrade"), std::string::npos);
}

// ---- Methods ----

TEST_F(ServerTest, OptionsListsAllowedMethods) {
  Resp r = Do(Get("/static/hello.txt", "", "OPTIONS"));
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Field("Allow"), "GET, HEAD, OPTIONS");
  Resp star = Do("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(star.status, 204);
  EXPECT_NE(star.Field("Allow").find("GET"), std::string::npos);
}

TEST_F(ServerTest, DisallowedAndUnknownMethods) {
  Resp trace = Do(Get("/static/hello.txt", "", "TRACE"));
  EXPECT_EQ(trace.status, 405);
  EXPECT_EQ(trace.Field("Allow"), "GET, HEAD, OPTIONS");
  Resp del = Do(Get("/static/hello.txt", "", "DELETE"));
  EXPECT_EQ(del.status, 405);
  EXPECT_TRUE(del.Has("Allow"));
  Resp post = Do("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(Do(Get("/echo")).Field("Allow"), "POST, PUT, OPTIONS");
  EXPECT_EQ(Do(Get("/", "", "FOO")).status_line, "HTTP/1.1 501 Not Implemented");
  EXPECT_EQ(Do(Get("/", "", "BREW")).status, 501);
}

}  // namespace
}  // namespace httpconform::server
