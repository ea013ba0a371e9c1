#include "harness/transport/raw_transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "harness/transport/loopback_server_for_testing.h"

namespace httpconform::transport {
namespace {

using testing::Close;
using testing::ConnectionScript;
using testing::Delay;
using testing::Hang;
using testing::LoopbackServer;
using testing::ReadBytes;
using testing::ReadHead;
using testing::Reset;
using testing::Write;
using testing::WriteForever;

const char kOk[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

std::unique_ptr<Session> Open(const LoopbackServer& server, TransportOptions options = {}) {
  core::Expected<Target> target = ParseTarget(server.url());
  EXPECT_TRUE(target.has_value());
  // A raw session owns its connection: it may outlive the transport.
  return MakeRawTransport(*target, options)->OpenSession();
}

OutgoingRequest Get(const std::string& target, bool reuse = false) {
  OutgoingRequest request;
  request.method = "GET";
  request.target = target;
  request.headers = {{"Host", "127.0.0.1"}};
  request.reuse_connection = reuse;
  request.timeout_ms = 3000;
  return request;
}

OutgoingRequest Raw(std::vector<core::RawSegment> segments, bool reuse = false) {
  OutgoingRequest request;
  request.raw = true;
  request.segments = std::move(segments);
  request.reuse_connection = reuse;
  request.timeout_ms = 3000;
  return request;
}

int Status(const Exchange& exchange) {
  return exchange.response ? exchange.response->head.status : -1;
}

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

OutgoingRequest PostExpectingContinue(int wait_ms) {
  OutgoingRequest request = Get("/upload");
  request.method = "POST";
  request.headers.push_back({"Content-Length", "5"});
  request.headers.push_back({"Expect", "100-continue"});
  request.body = "hello";
  request.continue_wait_ms = wait_ms;
  return request;
}

TEST(RawTransportTest, ContinueSendsContentAfterThe100) {
  LoopbackServer server({{ReadHead(), Write("HTTP/1.1 100 Continue\r\n\r\n"), ReadBytes(5),
                          Write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}});
  auto session = Open(server);
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(PostExpectingContinue(2500));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_TRUE(exchange->response_before_content);
  ASSERT_EQ(exchange->response->interim.size(), 1u);
  EXPECT_EQ(exchange->response->interim[0].status, 100);
  EXPECT_EQ(Status(*exchange), 200);
  server.Stop();
  EXPECT_EQ(server.received(0).substr(server.received(0).size() - 9), "\r\n\r\nhello");
}

TEST(RawTransportTest, ContinueKeepsContentWhenTheFinalResponseCameFirst) {
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n"),
        Hang(3000)}});
  auto session = Open(server);
  core::Expected<Exchange> exchange = session->Send(PostExpectingContinue(2500));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_EQ(Status(*exchange), 417);
  EXPECT_FALSE(exchange->content_sent);
  EXPECT_TRUE(exchange->response_before_content);
  EXPECT_EQ(exchange->sent.find("hello"), std::string::npos);
  session.reset();  // Closes the connection; the server's Hang ends.
  server.Stop();
  EXPECT_EQ(server.received(0).find("hello"), std::string::npos);
}

TEST(RawTransportTest, ContinueWaitExpiresThenContentIsSent) {
  LoopbackServer server({{ReadHead(), ReadBytes(5), Write(kOk)}});
  auto session = Open(server);
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(PostExpectingContinue(300));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(290));
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_FALSE(exchange->response_before_content);
  EXPECT_EQ(Status(*exchange), 200);
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

TEST(RawTransportTest, TimeoutKeepsThePartialResponse) {
  LoopbackServer server(
      {{ReadHead(), Write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), Hang(4000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 400;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(exchange->timed_out);
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_EQ(exchange->response->content, "abc");
  EXPECT_FALSE(exchange->response->complete);
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

TEST(RawTransportTest, ProbeCloseSeesTheServerClose) {
  LoopbackServer server({{ReadHead(), Write(kOk), Delay(100), Close()}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 2000;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_TRUE(exchange->connection_closed);
  // Reuse after the server closed: reported, never a silent reconnect.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->connection_closed);
  EXPECT_FALSE(again->response.has_value());
  EXPECT_EQ(server.accepted(), 1);
}

TEST(RawTransportTest, ProbeCloseSeesAnOpenConnection) {
  LoopbackServer server({{ReadHead(), Write(kOk), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(290));
  EXPECT_FALSE(exchange->connection_closed);
}

// Probing by request (issue 8): a response to a further request settles
// "open" at once, a close settles "closed" at once, and nothing of the probe
// reaches the next step.
constexpr char kProbe[] = "GET /probe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
constexpr char kOther[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nother";

std::chrono::milliseconds Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

TEST(RawTransportTest, ProbeRequestProvesOpenAtOnceAndLeavesTheStreamClean) {
  const std::string probe_answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope";
  LoopbackServer server({{ReadHead(), Write(kOk), ReadHead(), Write(probe_answer), ReadHead(),
                          Write(kOther), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 2000;
  request.probe_request = kProbe;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(Since(start).count(), 1000);
  EXPECT_FALSE(exchange->connection_closed);
  EXPECT_EQ(exchange->response->content, "hello");
  EXPECT_EQ(exchange->received.find("nope"), std::string::npos);  // Not in the step's record.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(Status(*again), 200);
  EXPECT_EQ(again->response->content, "other");  // Not the probe's answer.
  EXPECT_NE(server.received(0).find("GET /probe HTTP/1.1"), std::string::npos);
}

TEST(RawTransportTest, ProbeRequestSeesAServerThatClosesAfterAWhile) {
  LoopbackServer server({{ReadHead(), Write(kOk), Delay(100), Close()}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 300;
  request.probe_request = kProbe;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_TRUE(exchange->connection_closed);
}

TEST(RawTransportTest, LateProbeAnswerIsSkippedByTheNextStep) {
  const std::string late = "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope";
  LoopbackServer server({{ReadHead(), Write(kOk), ReadHead(), Delay(400), Write(late), ReadHead(),
                          Write(kOther), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 200;
  request.probe_close_ms = 100;
  request.probe_request = kProbe;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_FALSE(exchange->connection_closed);  // Not closed in the window: as a wait says.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  ASSERT_TRUE(again->response.has_value()) << again->error;
  EXPECT_EQ(again->response->content, "other");  // Its own, not the probe's.
  EXPECT_EQ(again->received.find("nope"), std::string::npos);
}

TEST(RawTransportTest, NeverAnsweredProbeTimesTheNextStepOut) {
  LoopbackServer server({{ReadHead(), Write(kOk), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 200;
  request.probe_close_ms = 100;
  request.probe_request = kProbe;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_FALSE(exchange->connection_closed);
  OutgoingRequest next = Get("/", /*reuse=*/true);
  next.timeout_ms = 200;
  core::Expected<Exchange> again = session->Send(next);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->response.has_value());
  EXPECT_TRUE(again->timed_out);
  EXPECT_NE(again->error.find("still unanswered"), std::string::npos) << again->error;
}

TEST(RawTransportTest, StrayBytesAfterAResponseKeepTheProbeBack) {
  // Bytes after a complete response that are not content it could not have:
  // unparsed bytes the next step must see, so no request may go out; the
  // wait decides.
  const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 204";
  LoopbackServer server({{ReadHead(), Write(answer), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 200;
  request.probe_request = kProbe;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_GE(Since(start).count(), 190);
  EXPECT_FALSE(exchange->connection_closed);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(server.received(0).find("/probe"), std::string::npos);
}

// Content after a response that cannot have any (RFC 9112 §6.3 item 1) is
// set aside and reported against that response, whoever reads it: the
// exchange itself (here its probe), or the next request on the connection.
constexpr char k304[] = "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n";

const core::Diagnostic* ContentNotAllowed(const Exchange& exchange) {
  if (!exchange.response) return nullptr;
  return core::FindDiagnostic(exchange.response->diagnostics, "message.content-not-allowed");
}

TEST(RawTransportTest, ContentWithA304IsSetAsideAndTheProbeStillGoes) {
  LoopbackServer server({{ReadHead(), Write(std::string(k304) + "hello"), ReadHead(), Write(kOther),
                          ReadHead(), Write(kOk), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 2000;
  request.probe_request = kProbe;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(Since(start).count(), 1000);  // Settled by the probe, not by the wait.
  EXPECT_EQ(Status(*exchange), 304);
  const core::Diagnostic* stray = ContentNotAllowed(*exchange);
  ASSERT_NE(stray, nullptr);
  EXPECT_EQ(stray->offset, std::string(k304).size());
  EXPECT_NE(stray->detail.find("5 bytes followed this 304 response"), std::string::npos)
      << stray->detail;
  EXPECT_EQ(exchange->stray_after_status, 0);
  EXPECT_EQ(exchange->received, std::string(k304) + "hello");  // Kept in the record.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(Status(*again), 200);
  EXPECT_EQ(again->response->content, "hello");
  EXPECT_EQ(ContentNotAllowed(*again), nullptr);
}

TEST(RawTransportTest, ContentAfterA304ReadByTheProbeCountsForThe304) {
  const std::string probe_answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope";
  LoopbackServer server(
      {{ReadHead(), Write(k304), ReadHead(), Write("hello" + probe_answer), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 2000;
  request.probe_request = kProbe;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_FALSE(exchange->connection_closed);  // The probe was answered.
  const core::Diagnostic* stray = ContentNotAllowed(*exchange);
  ASSERT_NE(stray, nullptr);
  EXPECT_NE(stray->detail.find("5 bytes followed this 304"), std::string::npos) << stray->detail;
}

TEST(RawTransportTest, ContentAfterA304ReadByTheNextRequestCountsForThe304) {
  LoopbackServer server(
      {{ReadHead(), Write(k304), ReadHead(), Write(std::string("hello") + kOther), Hang(3000)}});
  auto session = Open(server);
  core::Expected<Exchange> first = session->Send(Get("/"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(Status(*first), 304);
  EXPECT_EQ(ContentNotAllowed(*first), nullptr);  // Nothing had come yet.
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(Status(*again), 200);  // Parsed as the next response, not as garbage.
  EXPECT_EQ(again->response->content, "other");
  EXPECT_EQ(again->stray_after_status, 304);
  const core::Diagnostic* stray = ContentNotAllowed(*again);
  ASSERT_NE(stray, nullptr);
  EXPECT_EQ(stray->offset, 0u);
  EXPECT_NE(stray->detail.find("5 bytes in front of this response followed the previous one"),
            std::string::npos)
      << stray->detail;
  EXPECT_EQ(again->received.rfind("helloHTTP/1.1 200", 0), 0u);
}

TEST(RawTransportTest, ContentAfterAHeadResponseIsSetAside) {
  const std::string head_answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  LoopbackServer server({{ReadHead(), Write(head_answer), ReadHead(), Write(kOther), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.method = "HEAD";
  request.head_request = true;
  request.probe_close_ms = 2000;
  request.probe_request = kProbe;
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  const core::Diagnostic* stray = ContentNotAllowed(*exchange);
  ASSERT_NE(stray, nullptr);
  EXPECT_NE(stray->detail.find("followed this response to HEAD"), std::string::npos)
      << stray->detail;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_NE(server.received(0).find("/probe"), std::string::npos);
}

// Endless content after a 304 is set aside within the stream cap, each byte
// scanned once: the exchange ends in bounded time and says what it saw.
TEST(RawTransportTest, EndlessContentAfterA304StopsAtTheCap) {
  LoopbackServer server({{ReadHead(), Write(k304), WriteForever("stray content ")}});
  TransportOptions options;
  options.max_stream_bytes = 1 << 20;
  auto session = Open(server, options);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 300;
  request.probe_request = kProbe;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(Since(start).count(), 2500);
  EXPECT_EQ(Status(*exchange), 304);
  EXPECT_NE(ContentNotAllowed(*exchange), nullptr);
  EXPECT_LE(exchange->received.size(), options.max_record_bytes);
}

// A 304 followed at once by the next response (pipelining) has no stray
// content: nothing is set aside and nothing reported.
TEST(RawTransportTest, ResponseRightAfterA304IsNotStray) {
  LoopbackServer server({{ReadHead(), Write(std::string(k304) + kOther), Hang(3000)}});
  auto session = Open(server);
  core::Expected<Exchange> first = session->Send(Get("/"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(ContentNotAllowed(*first), nullptr);
  core::Expected<Exchange> next = session->Send(Raw({{"", 0, 0}}, /*reuse=*/true));
  ASSERT_TRUE(next.has_value());
  ASSERT_EQ(Status(*next), 200);
  EXPECT_EQ(ContentNotAllowed(*next), nullptr);
  EXPECT_EQ(next->stray_after_status, 0);
}

TEST(RawTransportTest, ProbeNeededFalseSkipsTheWait) {
  LoopbackServer server({{ReadHead(), Write(kOk), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 2000;
  int asked = 0;
  request.probe_needed = [&](const Exchange& so_far) {
    ++asked;
    EXPECT_EQ(Status(so_far), 200);  // The response is there to judge by.
    return false;
  };
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(Since(start).count(), 1000);
  EXPECT_EQ(asked, 1);
  EXPECT_FALSE(exchange->connection_closed);
}

// A step whose close window a pending pipelined response ends: the server
// plays `script`; the next step on the connection reads `content`.
void ExpectPendingResponseEndsTheWait(ConnectionScript script, const std::string& content) {
  LoopbackServer server({std::move(script)});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.probe_close_ms = 2000;
  request.probe_pending_response = true;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(Since(start).count(), 1000);
  EXPECT_FALSE(exchange->connection_closed);
  core::Expected<Exchange> next = session->Send(Raw({}, /*reuse=*/true));
  ASSERT_TRUE(next.has_value());
  ASSERT_TRUE(next->response.has_value());
  EXPECT_EQ(next->response->content, content);
}

TEST(RawTransportTest, PendingPipelinedResponseEndsTheWait) {
  ExpectPendingResponseEndsTheWait({ReadHead(), Write(kOk), Delay(50), Write(kOther), Hang(3000)},
                                   "other");
}

// The pending response arrives in pieces (the head split mid-line, then
// 256 KiB of content in 4 KiB writes): one incremental parser follows it
// across reads, and the wait ends when it is whole.
TEST(RawTransportTest, PendingResponseInPiecesEndsTheWait) {
  const std::string content(256 * 1024, 'p');
  const std::string pending =
      "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(content.size()) + "\r\n\r\n";
  ConnectionScript script = {ReadHead(), Write(kOk), Write(pending.substr(0, 10)), Delay(20),
                             Write(pending.substr(10))};
  for (std::size_t i = 0; i < content.size(); i += 4096) {
    script.push_back(Write(content.substr(i, 4096)));
    if (i % (64 * 1024) == 0) script.push_back(Delay(5));
  }
  script.push_back(Hang(3000));
  ExpectPendingResponseEndsTheWait(std::move(script), content);
}

TEST(RawTransportTest, WithheldContentGoesBeforeTheProbe) {
  // A final response before the content, connection kept: the server reads
  // the content it was promised, then answers the probe.
  const std::string early = "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n";
  LoopbackServer server(
      {{ReadHead(), Write(early), ReadBytes(5), ReadHead(), Write(kOther), Hang(3000)}});
  auto session = Open(server);
  OutgoingRequest request = Get("/");
  request.method = "POST";
  request.headers.push_back({"Expect", "100-continue"});
  request.headers.push_back({"Content-Length", "5"});
  request.body = "abcde";
  request.continue_wait_ms = 1000;
  request.probe_close_ms = 2000;
  request.probe_request = kProbe;
  const auto start = std::chrono::steady_clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_LT(Since(start).count(), 1000);
  EXPECT_EQ(Status(*exchange), 417);
  EXPECT_FALSE(exchange->content_sent);
  EXPECT_FALSE(exchange->connection_closed);
  EXPECT_NE(server.received(0).find("abcdeGET /probe"), std::string::npos);
}

TEST(RawTransportTest, ReuseOfAConnectionClosedUnnoticedReportsTheClose) {
  LoopbackServer server({{ReadHead(), Write(kOk), Close()}});
  auto session = Open(server);
  ASSERT_EQ(Status(*session->Send(Get("/"))), 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->connection_closed);
  EXPECT_FALSE(again->response.has_value());
  EXPECT_FALSE(again->timed_out);
  EXPECT_EQ(server.accepted(), 1);
}

TEST(RawTransportTest, CloseDelimitedContentEndsAtEof) {
  LoopbackServer server({{ReadHead(), Write("HTTP/1.1 200 OK\r\n\r\nbody"), Close()}});
  auto session = Open(server);
  core::Expected<Exchange> exchange = session->Send(Get("/"));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_EQ(exchange->response->content, "body");
  EXPECT_EQ(exchange->response->framing, core::Framing::kCloseDelimited);
  EXPECT_TRUE(exchange->response->complete);
  EXPECT_TRUE(exchange->connection_closed);
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
}  // namespace httpconform::transport
