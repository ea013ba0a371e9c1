// The raw transport end to end over loopback sockets: serialization,
// connection reuse, pipelining, deadlines and caps against a real peer,
// raw segments, half-close and TLS. The subtle timing paths (100-continue,
// a deadline mid-content, stale connections, resets) are tested without
// sockets in raw_session_test.cc; probes and stray content in
// raw_transport_probe_test.cc.
#include "harness/transport/raw_transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "harness/transport/raw_transport_test_support.h"

namespace httpconform::transport::testing {
namespace {

TEST(RawTransportTest, SimpleGetIsSerializedExactly) {
  LoopbackServer server({{ReadHead(), Write(kOk)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/x?y");
  request.headers.push_back({"X-Dup", "1"});
  request.headers.push_back({"x-dup", ""});
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  const std::string expected_bytes =
      "GET /x?y HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Dup: 1\r\nx-dup: \r\n\r\n";
  EXPECT_EQ(exchange->sent, expected_bytes);
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_EQ(exchange->response->content, "hello");
  EXPECT_TRUE(exchange->response->complete);
  EXPECT_EQ(exchange->received, kOk);
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_FALSE(exchange->timed_out);
  server.Stop();
  EXPECT_EQ(server.received(0), expected_bytes);
}

TEST(RawTransportTest, ReuseKeepsTheConnectionAndNewOpensAnother) {
  LoopbackServer server(
      {{ReadHead(), Write(kOk), ReadHead(), Write("HTTP/1.1 204 No Content\r\n\r\n"), Hang(3000)},
       {ReadHead(), Write(kOk), Hang(3000)}});
  auto session = Open(server);
  ASSERT_EQ(Status(*session->Send(Get("/1"))), 200);
  core::Expected<Exchange> second = session->Send(Get("/2", /*reuse=*/true));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(Status(*second), 204);
  EXPECT_EQ(server.accepted(), 1);
  core::Expected<Exchange> third = session->Send(Get("/3"));
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(Status(*third), 200);
  EXPECT_EQ(server.accepted(), 2);
}

TEST(RawTransportTest, PipelinedBytesStayBufferedForTheNextStep) {
  LoopbackServer server({{ReadHead(),
                          Write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"
                                "HTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nb"),
                          Hang(3000)}});
  auto session = Open(server);
  core::Expected<Exchange> first = session->Send(
      Raw({{"GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n"}}));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(Status(*first), 200);
  EXPECT_EQ(first->response->content, "a");
  EXPECT_EQ(first->received, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na");
  // The second request already went out in the first step: send nothing more.
  core::Expected<Exchange> second = session->Send(Raw({}, /*reuse=*/true));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(Status(*second), 201);
  EXPECT_EQ(second->response->content, "b");
  EXPECT_FALSE(second->timed_out);
}

TEST(RawTransportTest, SilentServerTimesOutWithinTheDeadline) {
  LoopbackServer server({{ReadHead(), Hang(4000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 400;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(exchange->timed_out);
  EXPECT_FALSE(exchange->response.has_value());
  EXPECT_GE(elapsed, std::chrono::milliseconds(390));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1000));
}

TEST(RawTransportTest, EndlessContentStopsAtMaxStreamBytes) {
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 200 OK\r\n\r\n"), WriteForever(std::string(65536, 'x'))}});
  TransportOptions options;
  options.max_stream_bytes = 1 << 20;
  options.max_content_bytes = 64 * 1024;
  options.max_record_bytes = 1024;
  auto session = Open(server, options);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 5000;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_FALSE(exchange->timed_out);
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_EQ(exchange->response->content.size(), 64u * 1024u);
  EXPECT_TRUE(exchange->response->content_truncated);
  EXPECT_LE(exchange->response->content_size, 1u << 20);
  EXPECT_FALSE(exchange->response->complete);
  EXPECT_EQ(exchange->received.size(), 1024u);
  EXPECT_NE(exchange->error.find("max_stream_bytes"), std::string::npos);
  // We closed it; a reuse step is told so rather than reconnected.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->connection_closed);
  EXPECT_FALSE(again->response.has_value());
  EXPECT_EQ(server.accepted(), 1);
}

// The shared content budget: an exchange's content holds a lease that comes
// back when the exchange is dropped; when others hold the budget, the
// content is kept in part, the rest counted, and the response still ends.
TEST(RawTransportTest, ContentIsKeptWithinTheSharedBudget) {
  const std::string content(300 * 1024, 'c');
  const std::string response =
      "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(content.size()) + "\r\n\r\n" + content;
  LoopbackServer server(
      {{ReadHead(), Write(response), Hang(3000)}, {ReadHead(), Write(response), Hang(3000)}});
  TransportOptions options;
  options.content_budget = core::ContentBudget::Make(1 << 20);
  {
    auto session = Open(server, options);
    core::Expected<Exchange> exchange = session->Send(Get("/"));
    ASSERT_TRUE(exchange.has_value());
    ASSERT_TRUE(exchange->response.has_value());
    EXPECT_EQ(exchange->response->content, content);
    EXPECT_FALSE(exchange->response->content_truncated);
    ASSERT_NE(exchange->content_lease, nullptr);
    // Content-Length announced the size: one buffer of exactly that.
    EXPECT_EQ(exchange->content_lease->held(), content.size());
    EXPECT_EQ(options.content_budget->used(), content.size());
  }
  EXPECT_EQ(options.content_budget->used(), 0u);  // Returned with the exchange.

  core::ContentLease other = options.content_budget->Open();
  other.Grow((1 << 20) - 100 * 1024);  // Leaves 100 KiB.
  auto session = Open(server, options);
  core::Expected<Exchange> exchange = session->Send(Get("/"));
  ASSERT_TRUE(exchange.has_value());
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_TRUE(exchange->response->complete);
  EXPECT_TRUE(exchange->response->content_truncated);
  EXPECT_EQ(exchange->response->content_size, content.size());
  EXPECT_EQ(exchange->response->content, content.substr(0, 100 * 1024));
  EXPECT_TRUE(exchange->content_lease->refused());
  EXPECT_EQ(options.content_budget->used(), 1u << 20);
}

// Bytes after a complete response, while waiting for a close, are kept for
// a next step only up to a bound: past it they are read (a close behind
// them would still count) but dropped, and the connection is closed by us.
TEST(RawTransportTest, BytesAfterAResponseAreKeptOnlyUpToABound) {
  LoopbackServer server({{ReadHead(), Write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                          WriteForever(std::string(65536, 'j'))}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 300;  // No probe request: only the wait.
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_FALSE(exchange->connection_closed);  // Not closed by the server in the window.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->connection_closed);  // Closed by us: its framing was lost.
  EXPECT_FALSE(again->response.has_value());
}

// A server that never pauses (here: endless one-byte chunks, slow to parse)
// never makes a read block, so only a deadline check between reads stops it.
// Found by tests/hostile (endless-chunks): the run used to hang.
TEST(RawTransportTest, EndlessDataWithoutPauseStopsAtTheDeadline) {
  std::string chunks;
  while (chunks.size() < 65536) chunks += "1\r\nz\r\n";
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
        WriteForever(chunks)}});
  TransportOptions options;
  options.max_stream_bytes = std::size_t{1} << 40;  // Only the deadline can end it.
  auto session = Open(server, options);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(exchange->timed_out);
  EXPECT_LT(elapsed, std::chrono::milliseconds(2000));
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_FALSE(exchange->response->complete);
}

TEST(RawTransportTest, ServerResetIsReported) {
  LoopbackServer server({{ReadHead(), Delay(50), Reset()}});
  auto session = Open(server);
  core::Expected<Exchange> exchange = session->Send(Get("/"));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(exchange->reset);
  EXPECT_TRUE(exchange->connection_closed);
  EXPECT_FALSE(exchange->response.has_value());
}

TEST(RawTransportTest, RefusedConnectionIsAConnectError) {
  core::Expected<Target> target = ParseTarget("http://127.0.0.1:1/");
  ASSERT_TRUE(target.has_value());
  auto transport = MakeRawTransport(*target, {});
  core::Expected<Exchange> exchange = transport->OpenSession()->Send(Get("/"));
  ASSERT_FALSE(exchange.has_value());
  EXPECT_EQ(exchange.error().code, "connect");
  EXPECT_EQ(exchange.error().message, "cannot connect to 127.0.0.1:1: Connection refused");
}

TEST(RawTransportTest, RawSegmentsHonourDelayAndWaitForResponse) {
  LoopbackServer server({{ReadHead(), Write("HTTP/1.1 100 Continue\r\n\r\n"), ReadBytes(2),
                          Write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}});
  auto session = Open(server);
  const std::string head =
      "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n";
  OutgoingRequest request = Raw({{"POST / HTTP/1.1\r\nHost: h\r\n", 0, 0},
                                 {"Content-Length: 2\r\nExpect: 100-continue\r\n\r\n", 200, 0},
                                 {"hi", 0, 2000}});
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(exchange.has_value());
  EXPECT_GE(elapsed, std::chrono::milliseconds(190));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
  EXPECT_TRUE(exchange->response_before_content);
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_EQ(exchange->sent, head + "hi");
  ASSERT_EQ(exchange->response->interim.size(), 1u);
  EXPECT_EQ(Status(*exchange), 200);
}

TEST(RawTransportTest, HeadResponseHasNoContent) {
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Raw({{"HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"}});
  request.head_request = true;
  request.timeout_ms = 1000;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_FALSE(exchange->timed_out);
  EXPECT_TRUE(exchange->response->complete);
  EXPECT_EQ(exchange->response->content, "");
}

TEST(RawTransportTest, HalfCloseSendsFin) {
  LoopbackServer server({{ReadHead(), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.half_close = true;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  // The server's Hang ends when it reads our FIN, and it closes in turn.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
  EXPECT_TRUE(exchange->connection_closed);
  EXPECT_FALSE(exchange->response.has_value());
}

TEST(RawTransportTest, TlsGet) {
  LoopbackServer server({{ReadHead(), Write(kOk)}},
                        testing::MakeSelfSignedServerContextForTesting());
  TransportOptions insecure;  // Verification: tls_test.cc.
  insecure.verify_tls = false;
  auto session = Open(server, insecure);
  core::Expected<Exchange> exchange = session->Send(Get("/tls"));
  ASSERT_TRUE(exchange.has_value()) << exchange.error().message;
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_EQ(exchange->response->content, "hello");
  server.Stop();
  EXPECT_EQ(server.received(0), "GET /tls HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

}  // namespace
}  // namespace httpconform::transport::testing
