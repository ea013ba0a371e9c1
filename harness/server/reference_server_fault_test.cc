// End-to-end tests of the reference server's faults
// (reference_server_client_for_testing.h): each fault changes exactly its behaviour,
// shown by the same request to a clean server and a faulty one.
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

#include "harness/server/reference_server.h"
#include "harness/server/reference_server_client_for_testing.h"
#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

using namespace test_client;

// ---- Faults: each changes exactly its behaviour ----

class FaultTest : public ::testing::Test {
 protected:
  // The same request against a clean server and a faulty one.
  std::pair<Resp, Resp> Compare(const std::string& fault, const std::string& request) {
    auto clean = StartServer();
    auto faulty = StartServer({fault});
    return {RoundTrip(clean->port(), request), RoundTrip(faulty->port(), request)};
  }
};

TEST_F(FaultTest, IgnoreIfNoneMatch) {
  auto [clean, faulty] =
      Compare("ignore-if-none-match", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_EQ(faulty.status, 200);
}

TEST_F(FaultTest, IgnoreIfModifiedSince) {
  auto [clean, faulty] = Compare(
      "ignore-if-modified-since",
      Get("/static/hello.txt", std::string("If-Modified-Since: ") + kLastModified + "\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_EQ(faulty.status, 200);
}

TEST_F(FaultTest, BodyOn304) {
  auto [clean, faulty] =
      Compare("body-on-304", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_TRUE(clean.body.empty());
  EXPECT_EQ(faulty.status, 304);
  EXPECT_EQ(faulty.body, "Hello, world!\n");
}

TEST_F(FaultTest, NotModifiedWithoutEtag) {
  auto [clean, faulty] =
      Compare("304-without-etag", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_TRUE(clean.Has("ETag"));
  EXPECT_EQ(faulty.status, 304);
  EXPECT_FALSE(faulty.Has("ETag"));
  EXPECT_TRUE(faulty.Has("Cache-Control"));
}

TEST_F(FaultTest, IgnoreIfMatchAndWeakIfMatch) {
  std::string put =
      "PUT /items/thing HTTP/1.1\r\nHost: x\r\nIf-Match: \"old\"\r\n"
      "Content-Length: 0\r\n\r\n";
  auto [clean, faulty] = Compare("ignore-if-match", put);
  EXPECT_EQ(clean.status, 412);
  EXPECT_EQ(faulty.status, 204);
  auto [clean_weak, faulty_weak] =
      Compare("weak-if-match", Get("/static/weak.txt", "If-Match: W/\"weak-v1\"\r\n"));
  EXPECT_EQ(clean_weak.status, 412);
  EXPECT_EQ(faulty_weak.status, 200);
}

TEST_F(FaultTest, IgnorePrecedence) {
  auto [clean, faulty] = Compare(
      "ignore-precedence",
      Get("/static/hello.txt",
          "If-None-Match: \"other\"\r\nIf-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n"));
  EXPECT_EQ(clean.status, 200);
  EXPECT_EQ(faulty.status, 304);
}

TEST_F(FaultTest, PreconditionFailedForGetInm) {
  auto [clean, faulty] =
      Compare("412-for-get-inm", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_EQ(faulty.status, 412);
}

TEST_F(FaultTest, IgnoreIfRange) {
  auto [clean, faulty] = Compare(
      "ignore-if-range", Get("/static/hello.txt", "Range: bytes=0-4\r\nIf-Range: \"old\"\r\n"));
  EXPECT_EQ(clean.status, 200);
  EXPECT_EQ(faulty.status, 206);
}

TEST_F(FaultTest, RangeFaults) {
  std::string request = Get("/static/hello.txt", "Range: bytes=0-4\r\n");
  auto [clean, no_cr] = Compare("206-without-content-range", request);
  EXPECT_EQ(clean.Field("Content-Range"), "bytes 0-4/14");
  EXPECT_EQ(no_cr.status, 206);
  EXPECT_FALSE(no_cr.Has("Content-Range"));
  auto [clean2, wrong_cr] = Compare("wrong-content-range", request);
  EXPECT_EQ(wrong_cr.Field("Content-Range"), "bytes 0-5/14");
  EXPECT_EQ(wrong_cr.body, "Hello");
  auto [clean3, wrong_content] = Compare("wrong-range-content", request);
  EXPECT_EQ(wrong_content.Field("Content-Range"), "bytes 0-4/14");
  EXPECT_EQ(wrong_content.body, "ello,");
  auto [clean4, multipart] = Compare("multipart-for-single-range", request);
  EXPECT_EQ(multipart.Field("Content-Type").rfind("multipart/byteranges", 0), 0u);
}

TEST_F(FaultTest, UnsatisfiableAndUnknownUnitFaults) {
  auto [clean, faulty] =
      Compare("416-without-content-range", Get("/static/hello.txt", "Range: bytes=50-60\r\n"));
  EXPECT_EQ(clean.Field("Content-Range"), "bytes */14");
  EXPECT_EQ(faulty.status, 416);
  EXPECT_FALSE(faulty.Has("Content-Range"));
  auto [clean_unit, faulty_unit] =
      Compare("unknown-unit-as-bytes", Get("/static/hello.txt", "Range: items=0-4\r\n"));
  EXPECT_EQ(clean_unit.status, 200);
  EXPECT_EQ(faulty_unit.status, 206);
  EXPECT_EQ(faulty_unit.body, "Hello");
  // Invalid bytes syntax may be ignored or rejected (§14.2): the fault leaves it alone.
  EXPECT_EQ(Compare("unknown-unit-as-bytes", Get("/static/hello.txt", "Range: bytes=5-1\r\n"))
                .second.status,
            200);
}

TEST_F(FaultTest, IgnoreIfRangeMatch) {
  auto [clean, faulty] =
      Compare("ignore-if-range-match",
              Get("/static/hello.txt", "Range: bytes=0-4\r\nIf-Range: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 206);
  EXPECT_EQ(faulty.status, 200);
  EXPECT_EQ(faulty.body, "Hello, world!\n");
  // Without If-Range the range is still served.
  EXPECT_EQ(Compare("ignore-if-range-match", Get("/static/hello.txt", "Range: bytes=0-4\r\n"))
                .second.status,
            206);
}

TEST_F(FaultTest, MultipartWithoutBoundary) {
  auto [clean, faulty] =
      Compare("multipart-without-boundary", Get("/static/hello.txt", "Range: bytes=0-1,3-4\r\n"));
  EXPECT_NE(clean.Field("Content-Type").find("boundary="), std::string::npos);
  EXPECT_EQ(faulty.Field("Content-Type"), "multipart/byteranges");
}

TEST_F(FaultTest, No100Continue) {
  auto faulty = StartServer({"no-100-continue"});
  Socket s(faulty->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(s.ReadFor(500), "");  // Nothing: it waits for the content.
  s.Send("ping");
  Resp r = Parse(s.ReadResponse());
  EXPECT_TRUE(r.interim.empty());
  EXPECT_EQ(r.body, "ping");
}

TEST_F(FaultTest, ContinueAfterFinal) {
  auto faulty = StartServer({"100-after-final"});
  Socket s(faulty->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(s.ReadFor(300), "");
  s.Send("ping");
  s.HalfClose();
  std::string all = s.ReadAll();
  EXPECT_EQ(all.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(all.find("pingHTTP/1.1 100 Continue\r\n"), std::string::npos);
}

TEST_F(FaultTest, WebSocketFaults) {
  std::string ws =
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  auto [clean, no_upgrade] = Compare("101-without-upgrade", ws);
  EXPECT_EQ(no_upgrade.status, 101);
  EXPECT_FALSE(no_upgrade.Has("Upgrade"));
  EXPECT_EQ(no_upgrade.Field("Sec-WebSocket-Accept"), clean.Field("Sec-WebSocket-Accept"));
  auto [clean2, wrong] = Compare("wrong-websocket-accept", ws);
  EXPECT_EQ(wrong.status, 101);
  EXPECT_NE(wrong.Field("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_EQ(wrong.Field("Upgrade"), "websocket");
  auto [clean3, no426] = Compare("426-without-upgrade", Get("/ws"));
  EXPECT_EQ(no426.status, 426);
  EXPECT_FALSE(no426.Has("Upgrade"));
}

TEST_F(FaultTest, WireFormatFaults) {
  auto [clean, lf] = Compare("lf-only", Get("/static/hello.txt"));
  EXPECT_EQ(lf.status, 200);
  EXPECT_EQ(lf.head.find('\r'), std::string::npos);
  EXPECT_EQ(lf.body, clean.body);
  auto [clean2, two] = Compare("two-digit-status", Get("/static/hello.txt"));
  EXPECT_EQ(two.status_line, "HTTP/1.1 20 OK");
  auto [clean3, no_date] = Compare("no-date", Get("/static/hello.txt"));
  EXPECT_TRUE(clean3.Has("Date"));
  EXPECT_FALSE(no_date.Has("Date"));
  EXPECT_EQ(no_date.body, clean3.body);
  auto [clean4, bad_date] = Compare("date-invalid-format", Get("/static/hello.txt"));
  EXPECT_NE(bad_date.Field("Date").find('-'), std::string::npos);
  EXPECT_TRUE(ParseHttpDate(bad_date.Field("Date")).has_value());  // Obsolete but parseable.
  auto [clean5, ctl] = Compare("reason-with-ctl", Get("/static/hello.txt"));
  EXPECT_NE(ctl.status_line.find('\x01'), std::string::npos);
  EXPECT_EQ(ctl.status, 200);
}

TEST_F(FaultTest, FramingFaults) {
  auto [clean, both] = Compare("cl-and-te", Get("/static/hello.txt"));
  EXPECT_TRUE(both.Has("Content-Length"));
  EXPECT_EQ(both.Field("Transfer-Encoding"), "chunked");
  EXPECT_FALSE(clean.Has("Transfer-Encoding"));
  auto [clean2, head] = Compare("head-with-content", Get("/static/hello.txt", "", "HEAD"));
  EXPECT_TRUE(clean2.body.empty());
  EXPECT_EQ(head.body, "Hello, world!\n");
  auto [clean3, head_fields] =
      Compare("head-different-fields", Get("/static/hello.txt", "", "HEAD"));
  EXPECT_TRUE(clean3.Has("ETag"));
  EXPECT_FALSE(head_fields.Has("ETag"));
  EXPECT_EQ(head_fields.Field("Content-Length"), "14");
  auto [clean4, with204] = Compare("content-on-204", Get("/nocontent"));
  EXPECT_TRUE(clean4.body.empty());
  EXPECT_EQ(with204.status, 204);
  EXPECT_FALSE(with204.body.empty());
  auto [clean5, cl304] = Compare("304-with-content-length-mismatch",
                                 Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_FALSE(clean5.Has("Content-Length"));
  EXPECT_EQ(cl304.Field("Content-Length"), "0");
  auto [clean6, chunked10] = Compare("chunked-to-http10", "GET /static/hello.txt HTTP/1.0\r\n\r\n");
  EXPECT_EQ(clean6.Field("Content-Length"), "14");
  EXPECT_EQ(chunked10.Field("Transfer-Encoding"), "chunked");
}

TEST_F(FaultTest, FieldRequirementFaults) {
  auto [c1, no_location] = Compare("3xx-without-location", Get("/redirect/301"));
  EXPECT_TRUE(c1.Has("Location"));
  EXPECT_EQ(no_location.status, 301);
  EXPECT_FALSE(no_location.Has("Location"));
  auto [c2, no_created_location] = Compare(
      "201-without-location", "POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(c2.Has("Location"));
  EXPECT_EQ(no_created_location.status, 201);
  EXPECT_FALSE(no_created_location.Has("Location"));
  auto [c3, no_allow] = Compare("405-without-allow", Get("/static/hello.txt", "", "DELETE"));
  EXPECT_EQ(no_allow.status, 405);
  EXPECT_FALSE(no_allow.Has("Allow"));
  auto [c4, no_www] = Compare("401-without-www-authenticate", Get("/auth/basic"));
  EXPECT_EQ(no_www.status, 401);
  EXPECT_FALSE(no_www.Has("WWW-Authenticate"));
  auto [c5, no_proxy] = Compare("407-without-proxy-authenticate",
                                "GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n");
  EXPECT_EQ(no_proxy.status, 407);
  EXPECT_FALSE(no_proxy.Has("Proxy-Authenticate"));
  auto [c6, no_options_allow] = Compare("option-no-allow", Get("/", "", "OPTIONS"));
  EXPECT_TRUE(c6.Has("Allow"));
  EXPECT_EQ(no_options_allow.status, 204);
  EXPECT_FALSE(no_options_allow.Has("Allow"));
}

TEST_F(FaultTest, MethodFaults) {
  auto [clean, ok] = Compare("unknown-method-200", Get("/", "", "FOO"));
  EXPECT_EQ(clean.status, 501);
  EXPECT_EQ(ok.status, 200);
  auto [clean2, not_allowed] = Compare("501-as-405", Get("/", "", "FOO"));
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(Compare("501-as-405", Get("/", "", "DELETE")).second.status, 405);
}

TEST_F(FaultTest, RequestAcceptanceFaults) {
  EXPECT_EQ(Compare("accept-malformed", "GET /\r\nHost: x\r\n\r\n").second.status, 200);
  auto [clean, missing] = Compare("accept-host-missing", "GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(clean.status, 400);
  EXPECT_EQ(missing.status, 200);
  // The fault accepts only what it names: a malformed line is still 400.
  EXPECT_EQ(Compare("accept-host-missing", "GET /\r\nHost: x\r\n\r\n").second.status, 400);
  EXPECT_EQ(Compare("accept-host-duplicate", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                .second.status,
            200);
  EXPECT_EQ(Compare("ignore-unknown-te",
                    "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: zstd-fancy, "
                    "chunked\r\n\r\n0\r\n\r\n")
                .second.status,
            200);
  Resp h2 = Compare("accept-http2-version", "GET / HTTP/2.0\r\nHost: x\r\n\r\n").second;
  EXPECT_EQ(h2.status_line, "HTTP/2.0 200 OK");
  EXPECT_EQ(Compare("no-414", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .second.status,
            400);
  EXPECT_EQ(Compare("no-431",
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70000, 'b') + "\r\n\r\n")
                .second.status,
            500);
}

TEST_F(FaultTest, ConditionalEdgeFaults) {
  auto [c1, strong_inm] = Compare("strong-if-none-match",
                                  Get("/static/hello.txt", "If-None-Match: W/\"hello-v1\"\r\n"));
  EXPECT_EQ(c1.status, 304);
  EXPECT_EQ(strong_inm.status, 200);
  auto [c2, invalid_ims] =
      Compare("invalid-ims-not-ignored", Get("/static/hello.txt", "If-Modified-Since: soon\r\n"));
  EXPECT_EQ(c2.status, 200);
  EXPECT_EQ(invalid_ims.status, 304);
  auto [c3, on404] = Compare("precondition-on-404", Get("/missing", "If-Match: \"x\"\r\n"));
  EXPECT_EQ(c3.status, 404);
  EXPECT_EQ(on404.status, 412);
  auto [c4, if_range_date] = Compare(
      "if-range-date-inexact",
      Get("/static/hello.txt", "Range: bytes=0-4\r\nIf-Range: Sun, 02 Jan 2022 00:00:00 GMT\r\n"));
  EXPECT_EQ(c4.status, 200);
  EXPECT_EQ(if_range_date.status, 206);
  auto [c5, weak_if_range] = Compare(
      "weak-if-range", Get("/static/weak.txt", "Range: bytes=0-3\r\nIf-Range: W/\"weak-v1\"\r\n"));
  EXPECT_EQ(c5.status, 200);
  EXPECT_EQ(weak_if_range.status, 206);
}

TEST_F(FaultTest, KeepAliveAfterClose) {
  auto faulty = StartServer({"keep-alive-after-close"});
  Socket s(faulty->port());
  s.Send(Get("/static/hello.txt", "Connection: close\r\n"));
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.Has("Connection"));
  EXPECT_FALSE(s.ClosedWithin(500));
}

TEST_F(FaultTest, ClTeKeepOpen) {
  auto faulty = StartServer({"cl-te-keep-open"});
  Socket s(faulty->port());
  s.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
      "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.body, "abc");
  EXPECT_FALSE(r.Has("Connection"));
  EXPECT_FALSE(s.ClosedWithin(500));
}

TEST_F(FaultTest, TooLargeWithoutClose) {
  auto faulty = StartServer({"413-without-close"});
  Socket s(faulty->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 413);
  EXPECT_FALSE(r.Has("Connection"));
}

TEST_F(FaultTest, WireSyntaxFieldFaults) {
  auto [c1, space] = Compare("space-before-colon", Get("/"));
  EXPECT_NE(space.head.find("\r\nServer : "), std::string::npos);
  EXPECT_EQ(c1.head.find(" :"), std::string::npos);
  auto [c2, fold] = Compare("obs-fold", Get("/"));
  EXPECT_NE(fold.head.find("\r\n reference"), std::string::npos);
  auto [c3, cl204] = Compare("content-length-on-204", Get("/nocontent"));
  EXPECT_EQ(cl204.Field("Content-Length"), "0");
  auto [c4, head_cl] =
      Compare("head-content-length-mismatch", Get("/static/hello.txt", "", "HEAD"));
  EXPECT_EQ(c4.Field("Content-Length"), "14");
  EXPECT_EQ(head_cl.Field("Content-Length"), "0");
  auto [c5, upgrade_conn] = Compare("upgrade-without-connection", Get("/ws"));
  EXPECT_EQ(upgrade_conn.status, 426);
  EXPECT_TRUE(upgrade_conn.Has("Upgrade"));
  EXPECT_EQ(upgrade_conn.Field("Connection").find("Upgrade"), std::string::npos);
  auto [c6, ims_put] = Compare("ims-on-put",
                               "PUT /items/thing HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun, 02 "
                               "Jan 2022 00:00:00 GMT\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(c6.status, 204);
  EXPECT_EQ(ims_put.status, 304);
  auto [c7, multipart_cr] = Compare("multipart-without-content-range",
                                    Get("/static/hello.txt", "Range: bytes=0-1,3-4\r\n"));
  EXPECT_NE(c7.body.find("Content-Range: bytes 0-1/14"), std::string::npos);
  EXPECT_EQ(multipart_cr.body.find("Content-Range"), std::string::npos);
  EXPECT_EQ(multipart_cr.status, 206);
  auto [c8, ius] =
      Compare("ignore-if-unmodified-since",
              "DELETE /items/thing HTTP/1.1\r\nHost: x\r\nIf-Unmodified-Since: Fri, 31 "
              "Dec 2021 00:00:00 GMT\r\n\r\n");
  EXPECT_EQ(c8.status, 412);
  EXPECT_EQ(ius.status, 204);
}

}  // namespace
}  // namespace httpconform::server
