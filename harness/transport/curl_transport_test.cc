#include "harness/transport/curl_transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "harness/transport/loopback_server_for_testing.h"

namespace httpconform::transport {
namespace {

using testing::Hang;
using testing::LoopbackServer;
using testing::ReadBytes;
using testing::ReadHead;
using testing::Write;
using testing::WriteForever;

const char kOk[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

std::unique_ptr<Session> Open(const LoopbackServer& server, TransportOptions options = {}) {
  core::Expected<Target> target = ParseTarget(server.url());
  EXPECT_TRUE(target.has_value());
  return MakeCurlTransport(*target, options)->OpenSession();
}

OutgoingRequest Get(const std::string& target, bool reuse = false) {
  OutgoingRequest request;
  request.method = "GET";
  request.target = target;
  request.headers = {{"Host", "127.0.0.1"}, {"User-Agent", "httpconform-test"}};
  request.reuse_connection = reuse;
  request.timeout_ms = 3000;
  return request;
}

TEST(CurlTransportTest, GetSendsOnlyTheGivenFields) {
  LoopbackServer server({{ReadHead(), Write(kOk)}});
  auto session = Open(server);
  core::Expected<Exchange> exchange = session->Send(Get("/x?y"));
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_EQ(exchange->response->head.version, "HTTP/1.1");
  EXPECT_EQ(exchange->response->head.status, 200);
  EXPECT_EQ(exchange->response->content, "hello");
  EXPECT_EQ(exchange->response->framing, core::Framing::kContentLength);
  EXPECT_TRUE(exchange->response->complete);
  const std::string expected =
      "GET /x?y HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: httpconform-test\r\n\r\n";
  EXPECT_EQ(exchange->sent, expected);
  EXPECT_EQ(exchange->received, kOk);
  server.Stop();
  EXPECT_EQ(server.received(0), expected);
}

TEST(CurlTransportTest, HeadHasNoContent) {
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.method = "HEAD";
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  EXPECT_FALSE(exchange->timed_out);
  EXPECT_EQ(exchange->response->head.status, 200);
  EXPECT_EQ(exchange->response->content, "");
  EXPECT_EQ(exchange->response->framing, core::Framing::kNoContent);
  server.Stop();
  EXPECT_EQ(server.received(0).substr(0, 16), "HEAD / HTTP/1.1\r");
}

TEST(CurlTransportTest, InterimHeadsAreCaptured) {
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"),
        Write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              "5\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n")}});
  auto session = Open(server);
  core::Expected<Exchange> exchange = session->Send(Get("/"));
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  ASSERT_TRUE(exchange->response.has_value());
  ASSERT_EQ(exchange->response->interim.size(), 1u);
  EXPECT_EQ(exchange->response->interim[0].status, 103);
  ASSERT_NE(core::FindField(exchange->response->interim[0].fields, "Link"), nullptr);
  EXPECT_EQ(exchange->response->head.status, 200);
  EXPECT_EQ(exchange->response->content, "hello");
  EXPECT_EQ(exchange->response->framing, core::Framing::kChunked);
  ASSERT_EQ(exchange->response->trailers.size(), 1u);
  EXPECT_EQ(exchange->response->trailers[0].name, "X-Trailer");
  EXPECT_EQ(exchange->response->trailers[0].value, "t");
}

TEST(CurlTransportTest, PostWithContinue) {
  LoopbackServer server({{ReadHead(), Write("HTTP/1.1 100 Continue\r\n\r\n"), ReadBytes(5),
                          Write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")}});
  auto session = Open(server);
  OutgoingRequest request = Get("/up");
  request.method = "POST";
  request.headers.push_back({"Content-Length", "5"});
  request.headers.push_back({"Expect", "100-continue"});
  request.body = "hello";
  request.continue_wait_ms = 2000;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  EXPECT_EQ(exchange->response->head.status, 201);
  ASSERT_EQ(exchange->response->interim.size(), 1u);
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_TRUE(exchange->response_before_content);
  server.Stop();
  const std::string received = server.received(0);
  EXPECT_EQ(received.find("Content-Type"), std::string::npos) << received;
  EXPECT_EQ(received.substr(received.size() - 9), "\r\n\r\nhello");
}

TEST(CurlTransportTest, ReuseAndFreshConnections) {
  LoopbackServer server({{ReadHead(), Write(kOk), ReadHead(), Write(kOk), Hang(3000)},
                         {ReadHead(), Write(kOk), Hang(3000)}});
  auto session = Open(server);
  ASSERT_TRUE(session->Send(Get("/1")).has_value());
  ASSERT_TRUE(session->Send(Get("/2", /*reuse=*/true)).has_value());
  EXPECT_EQ(server.accepted(), 1);
  core::Expected<Exchange> third = session->Send(Get("/3"));
  ASSERT_TRUE(third.has_value());
  ASSERT_TRUE(third->response.has_value()) << third->error;
  EXPECT_EQ(third->response->head.status, 200);
  EXPECT_EQ(server.accepted(), 2);
}

// Interim heads without end: libcurl stops collecting header lines at its own
// limit (300 KiB), long before the deadline; the transport's design relies on it.
TEST(CurlTransportTest, EndlessInterimHeadsEndTheTransfer) {
  LoopbackServer server(
      {{ReadHead(), WriteForever("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n")}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 5000;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(4000));
  EXPECT_FALSE(exchange->timed_out);
  EXPECT_NE(exchange->error.find("Too large response headers"), std::string::npos)
      << exchange->error;
}

TEST(CurlTransportTest, TimeoutIsReportedInTheExchange) {
  LoopbackServer server({{ReadHead(), Hang(4000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 400;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
  EXPECT_TRUE(exchange->timed_out);
  EXPECT_FALSE(exchange->response.has_value());
}

TEST(CurlTransportTest, RefusedAndRawAreErrors) {
  core::Expected<Target> target = ParseTarget("http://127.0.0.1:1/");
  ASSERT_TRUE(target.has_value());
  auto session = MakeCurlTransport(*target, {})->OpenSession();
  core::Expected<Exchange> refused = session->Send(Get("/"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "connect");
  EXPECT_EQ(refused.error().message, "cannot connect to 127.0.0.1:1: Connection refused");

  OutgoingRequest raw;
  raw.raw = true;
  raw.segments = {{"GET / HTTP/1.1\r\n\r\n", 0, 0}};
  core::Expected<Exchange> unsupported = session->Send(raw);
  ASSERT_FALSE(unsupported.has_value());
  EXPECT_EQ(unsupported.error().code, "unsupported");

  OutgoingRequest half_close = Get("/");
  half_close.half_close = true;
  core::Expected<Exchange> refused_half_close = session->Send(half_close);
  ASSERT_FALSE(refused_half_close.has_value());
  EXPECT_EQ(refused_half_close.error().code, "unsupported");
}

TEST(CurlTransportTest, TlsGetAndHead) {
  LoopbackServer server({{ReadHead(), Write(kOk), ReadHead(),
                          Write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), Hang(3000)}},
                        testing::MakeSelfSignedServerContextForTesting());
  TransportOptions insecure;  // Verification: tls_test.cc.
  insecure.verify_tls = false;
  auto session = Open(server, insecure);
  core::Expected<Exchange> get = session->Send(Get("/"));
  ASSERT_TRUE(get.has_value()) << get.error().message;
  EXPECT_EQ(get->response->head.status, 200);
  EXPECT_EQ(get->response->content, "hello");
  OutgoingRequest head = Get("/", /*reuse=*/true);
  head.method = "HEAD";
  core::Expected<Exchange> headed = session->Send(head);
  ASSERT_TRUE(headed.has_value()) << headed.error().message;
  EXPECT_EQ(headed->response->head.status, 200);
  EXPECT_FALSE(headed->timed_out);
  EXPECT_EQ(server.accepted(), 1);
}

TEST(CurlHeadCollectorTest, MapsHttp2StatusLines) {
  CurlHeadCollector collector;
  for (const char* line : {"HTTP/2 103 \r\n", "link: </a.css>\r\n", "\r\n", "HTTP/2 200 \r\n",
                           "content-length: 2\r\n", "\r\n", "grpc-status: 0\r\n"}) {
    collector.OnLine(line);
  }
  std::optional<core::Response> response = collector.Build("hi", 2, 1, false, true);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->head.version, "HTTP/2");
  EXPECT_EQ(response->head.status, 200);
  ASSERT_EQ(response->interim.size(), 1u);
  EXPECT_EQ(response->interim[0].version, "HTTP/2");
  EXPECT_EQ(response->interim[0].status, 103);
  EXPECT_TRUE(response->diagnostics.empty());
  EXPECT_EQ(response->content, "hi");
  EXPECT_TRUE(response->content_truncated);  // 2 bytes seen, cap 1.
  EXPECT_EQ(response->framing, core::Framing::kContentLength);
  ASSERT_EQ(response->trailers.size(), 1u);
  EXPECT_EQ(response->trailers[0].name, "grpc-status");
  EXPECT_TRUE(response->complete);
}

TEST(CurlHeadCollectorTest, NoHeadNoResponseAndIncompleteHead) {
  CurlHeadCollector empty;
  EXPECT_FALSE(empty.any());
  EXPECT_FALSE(empty.Build("", 0, 10, false, false).has_value());

  CurlHeadCollector cut;
  cut.OnLine("HTTP/1.1 100 Continue\r\n");
  cut.OnLine("\r\n");
  cut.OnLine("HTTP/1.1 200 OK\r\n");
  std::optional<core::Response> response = cut.Build("", 0, 10, false, true);
  ASSERT_TRUE(response.has_value());
  EXPECT_FALSE(response->complete);  // The final head never ended.
  ASSERT_EQ(response->interim.size(), 1u);
  EXPECT_EQ(response->interim[0].status, 100);
}

// An HTTP/2 status line that does not parse stays version-less, which is
// how the runner knows no status line arrived: it is not dressed as
// "HTTP/2 0" for the status-code rules to judge.
TEST(CurlHeadCollectorTest, AnUnparsedHttp2StatusLineGetsNoVersion) {
  CurlHeadCollector collector;
  for (const char* line : {"HTTP/2 abc\r\n", "\r\n"}) collector.OnLine(line);
  std::optional<core::Response> response = collector.Build("", 0, 10, false, true);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->head.version, "");
  EXPECT_EQ(response->head.status, 0);
}

}  // namespace
}  // namespace httpconform::transport
