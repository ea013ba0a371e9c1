// The raw transport's settling of a connection over loopback sockets: the
// wait for a close, probe requests and their late answers, a pending
// pipelined response, and content after a response that cannot have any.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "harness/transport/raw_transport_test_support.h"

namespace httpconform::transport::testing {
namespace {

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

}  // namespace
}  // namespace httpconform::transport::testing
