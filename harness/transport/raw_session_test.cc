// The HTTP/1.1 session's subtle paths on a scripted FakeConnection: no
// sockets and no sleeps, so each test is exact about order (what was written
// before what was read) and about time (the deadline each wait was given,
// recorded by the fake, instead of a measured sleep).
#include "harness/transport/raw_session.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "harness/transport/fake_connection_for_testing.h"
#include "harness/transport/raw_transport_test_support.h"

namespace httpconform::transport {
namespace {

using testing::FakePeers;
using testing::Get;
using testing::kOk;
using testing::Status;
namespace fake = testing::fake;

constexpr char kGet[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

std::unique_ptr<Session> OpenOn(FakePeers* peers) {
  return MakeRawSession(TransportOptions{}, peers->connector());
}

// How far `deadline` lies from `from`.
std::chrono::milliseconds Offset(Deadline deadline, Deadline from) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - from);
}

TEST(RawSessionTest, ReuseKeepsAKeptAliveConnection) {
  FakePeers peers({{fake::ReadHead(), fake::Send(kOk), fake::ReadHead(),
                    fake::Send("HTTP/1.1 204 No Content\r\n\r\n")}});
  auto session = OpenOn(&peers);
  ASSERT_EQ(Status(*session->Send(Get("/"))), 200);
  core::Expected<Exchange> second = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(Status(*second), 204);
  EXPECT_EQ(peers.connections(), 1);
  EXPECT_EQ(peers.log(0).written, std::string(kGet) + kGet);
}

// A connection the server closed after the response, unnoticed: the reuse
// writes, then reads the close; no reconnect, no retry (the case asks about
// connection management).
TEST(RawSessionTest, ReuseOfAConnectionClosedUnnoticedReportsTheClose) {
  FakePeers peers({{fake::ReadHead(), fake::Send(kOk), fake::Close()}, {}});
  auto session = OpenOn(&peers);
  ASSERT_EQ(Status(*session->Send(Get("/"))), 200);
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->connection_closed);
  EXPECT_FALSE(again->response.has_value());
  EXPECT_FALSE(again->timed_out);
  EXPECT_EQ(peers.connections(), 1);
}

// A close the session has seen (here by waiting for it): the next step on
// the connection sends nothing and says why.
TEST(RawSessionTest, ReuseOfAConnectionSeenClosedSendsNothing) {
  FakePeers peers({{fake::ReadHead(), fake::Send(kOk), fake::Close()}, {}});
  auto session = OpenOn(&peers);
  OutgoingRequest first = Get("/");
  first.probe_close_ms = 100;
  core::Expected<Exchange> closed = session->Send(first);
  ASSERT_TRUE(closed.has_value());
  EXPECT_TRUE(closed->connection_closed);
  core::Expected<Exchange> again = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->connection_closed);
  EXPECT_EQ(again->error, "the server had closed the connection before this request");
  EXPECT_TRUE(again->sent.empty());
  EXPECT_EQ(peers.log(0).written, kGet);
  EXPECT_EQ(peers.connections(), 1);
}

// After a reset the session has closed the connection: reuse is refused
// without reconnecting; a step that does not ask to reuse connects anew.
TEST(RawSessionTest, ReuseAfterAResetIsRefusedAndAFreshStepReconnects) {
  FakePeers peers({{fake::ReadHead(), fake::Reset()}, {fake::ReadHead(), fake::Send(kOk)}});
  auto session = OpenOn(&peers);
  core::Expected<Exchange> reset = session->Send(Get("/"));
  ASSERT_TRUE(reset.has_value());
  EXPECT_TRUE(reset->reset);
  EXPECT_TRUE(reset->connection_closed);
  EXPECT_EQ(reset->error, "connection reset by the server");
  EXPECT_TRUE(peers.log(0).closed_by_client);
  core::Expected<Exchange> reuse = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(reuse.has_value());
  EXPECT_EQ(reuse->error, "the previous connection is closed; not reconnecting");
  EXPECT_EQ(peers.connections(), 1);
  EXPECT_EQ(Status(*session->Send(Get("/"))), 200);
  EXPECT_EQ(peers.connections(), 2);
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

constexpr char kPostHead[] =
    "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
    "Expect: 100-continue\r\n\r\n";

// No answer to the head: the session waits until the continue wait ends,
// not the exchange's deadline, then sends the content.
TEST(RawSessionTest, ContinueWaitTimesOutThenTheContentGoes) {
  FakePeers peers({{fake::ReadHead(), fake::ReadBytes(5), fake::Send(kOk)}});
  auto session = OpenOn(&peers);
  const Deadline before = Clock::now();
  core::Expected<Exchange> exchange = session->Send(PostExpectingContinue(300));
  const Deadline after = Clock::now();
  ASSERT_TRUE(exchange.has_value());
  ASSERT_EQ(peers.log(0).read_timeouts.size(), 1u);
  const Deadline waited_until = peers.log(0).read_timeouts[0];
  EXPECT_GE(Offset(waited_until, before).count(), 300);
  EXPECT_LE(Offset(waited_until, after).count(), 300);
  EXPECT_LT(after - before, std::chrono::milliseconds(250));  // Nothing slept.
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_FALSE(exchange->response_before_content);
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_EQ(peers.log(0).written, std::string(kPostHead) + "hello");
}

TEST(RawSessionTest, ContinueSendsTheContentWhenThe100Arrives) {
  FakePeers peers(
      {{fake::ReadHead(), fake::Send("HTTP/1.1 100 Continue\r\n\r\n"), fake::ReadBytes(5),
        fake::Send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}});
  auto session = OpenOn(&peers);
  core::Expected<Exchange> exchange = session->Send(PostExpectingContinue(2500));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(peers.log(0).read_timeouts.empty());  // Never waited past the 100.
  EXPECT_TRUE(exchange->content_sent);
  EXPECT_TRUE(exchange->response_before_content);
  ASSERT_EQ(exchange->response->interim.size(), 1u);
  EXPECT_EQ(exchange->response->interim[0].status, 100);
  EXPECT_EQ(Status(*exchange), 200);
  EXPECT_EQ(peers.log(0).written, std::string(kPostHead) + "hello");
}

// A final status before the content: the client "MAY ... not send" it
// (RFC 9110 §10.1.1), and it does not.
TEST(RawSessionTest, ContinueKeepsTheContentWhenAFinalStatusComesFirst) {
  FakePeers peers({{fake::ReadHead(),
                    fake::Send("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n")}});
  auto session = OpenOn(&peers);
  core::Expected<Exchange> exchange = session->Send(PostExpectingContinue(2500));
  ASSERT_TRUE(exchange.has_value());
  EXPECT_EQ(Status(*exchange), 417);
  EXPECT_FALSE(exchange->content_sent);
  EXPECT_TRUE(exchange->response_before_content);
  EXPECT_EQ(peers.log(0).written, kPostHead);
  EXPECT_EQ(exchange->sent, kPostHead);
}

// The deadline in the middle of a content: the part that came is kept, the
// exchange says it timed out, and the connection, whose framing is lost, is
// closed by us.
TEST(RawSessionTest, ReadDeadlineMidContentKeepsThePartAndClosesTheConnection) {
  FakePeers peers({{fake::ReadHead(), fake::Send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"),
                    fake::Send("abc"), fake::Stall()}});
  auto session = OpenOn(&peers);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 400;
  const Deadline before = Clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(exchange->timed_out);
  EXPECT_EQ(exchange->error, "no complete response within 400 ms");
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_EQ(exchange->response->content, "abc");
  EXPECT_FALSE(exchange->response->complete);
  ASSERT_EQ(peers.log(0).read_timeouts.size(), 1u);
  EXPECT_GE(Offset(peers.log(0).read_timeouts[0], before).count(), 400);
  EXPECT_TRUE(peers.log(0).closed_by_client);
  core::Expected<Exchange> reuse = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(reuse.has_value());
  EXPECT_EQ(reuse->error, "the previous connection is closed; not reconnecting");
}

// A reset after a complete response: the response stands; the reset is the
// connection's fate, told by the wait for a close, or by the next step.
TEST(RawSessionTest, ResetAfterACompleteResponseKeepsTheResponse) {
  FakePeers peers({{fake::ReadHead(), fake::Send(kOk), fake::Reset()},
                   {fake::ReadHead(), fake::Send(kOk), fake::Reset()}});
  auto session = OpenOn(&peers);
  OutgoingRequest waits = Get("/");
  waits.probe_close_ms = 100;
  core::Expected<Exchange> seen = session->Send(waits);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(Status(*seen), 200);
  EXPECT_TRUE(seen->response->complete);
  EXPECT_EQ(seen->response->content, "hello");
  EXPECT_TRUE(seen->reset);
  EXPECT_TRUE(seen->connection_closed);

  core::Expected<Exchange> unseen = session->Send(Get("/"));
  ASSERT_TRUE(unseen.has_value());
  EXPECT_EQ(Status(*unseen), 200);
  EXPECT_FALSE(unseen->reset);
  core::Expected<Exchange> next = session->Send(Get("/", /*reuse=*/true));
  ASSERT_TRUE(next.has_value());
  EXPECT_TRUE(next->reset);
  EXPECT_TRUE(next->connection_closed);
  EXPECT_EQ(next->error, "connection reset while sending");
  EXPECT_FALSE(next->response.has_value());
}

// Content without Content-Length or Transfer-Encoding ends at EOF (RFC 9112
// §6.3 item 8), however it arrives.
TEST(RawSessionTest, EofEndsACloseDelimitedContent) {
  FakePeers peers({{fake::ReadHead(), fake::Send("HTTP/1.1 200 OK\r\n\r\nhel"), fake::Send("lo"),
                    fake::Close()}});
  auto session = OpenOn(&peers);
  core::Expected<Exchange> exchange = session->Send(Get("/"));
  ASSERT_TRUE(exchange.has_value());
  ASSERT_TRUE(exchange->response.has_value());
  EXPECT_EQ(exchange->response->content, "hello");
  EXPECT_EQ(exchange->response->framing, core::Framing::kCloseDelimited);
  EXPECT_TRUE(exchange->response->complete);
  EXPECT_TRUE(exchange->connection_closed);
  EXPECT_FALSE(exchange->timed_out);
  EXPECT_TRUE(exchange->error.empty());
}

// A server that stops reading: the write gives up at the exchange's
// deadline, not later, and says so.
TEST(RawSessionTest, AServerThatStopsReadingTimesTheWriteOut) {
  FakePeers peers({{fake::StopReading()}});
  auto session = OpenOn(&peers);
  OutgoingRequest request = Get("/");
  request.timeout_ms = 500;
  const Deadline before = Clock::now();
  core::Expected<Exchange> exchange = session->Send(request);
  ASSERT_TRUE(exchange.has_value());
  EXPECT_TRUE(exchange->timed_out);
  EXPECT_EQ(exchange->error, "timed out while sending (the server stopped reading)");
  ASSERT_EQ(peers.log(0).write_timeouts.size(), 1u);
  EXPECT_GE(Offset(peers.log(0).write_timeouts[0], before).count(), 500);
  EXPECT_LT(Offset(peers.log(0).write_timeouts[0], before).count(), 1000);
}

TEST(RawSessionTest, ConnectErrorsComeBackAsErrors) {
  FakePeers peers({});
  auto session = OpenOn(&peers);
  core::Expected<Exchange> exchange = session->Send(Get("/"));
  ASSERT_FALSE(exchange.has_value());
  EXPECT_EQ(exchange.error().code, "connect");
}

// After a HEAD response from a server that announced its close, the session
// waits for that close (the read's deadline is kStrayToCloseMs away, not
// "now"): content the server writes late is still seen, however its writes
// are timed.
constexpr char kHeadClose[] = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 6\r\n\r\n";

OutgoingRequest Head() {
  OutgoingRequest head = Get("/");
  head.method = "HEAD";
  return head;
}

TEST(RawSessionTest, AfterAnAnnouncedCloseStrayContentIsAwaitedUntilTheClose) {
  FakePeers peers({{fake::ReadHead(), fake::Send(kHeadClose), fake::Stall()}});
  auto session = OpenOn(&peers);
  const Deadline before = Clock::now();
  core::Expected<Exchange> exchange = session->Send(Head());
  ASSERT_TRUE(exchange.has_value());
  ASSERT_EQ(Status(*exchange), 200);
  ASSERT_EQ(peers.log(0).read_timeouts.size(), 1u);
  EXPECT_GE(Offset(peers.log(0).read_timeouts[0], before).count(), raw::kStrayToCloseMs - 100);
}

TEST(RawSessionTest, StrayContentBeforeAnAnnouncedCloseIsReported) {
  FakePeers peers(
      {{fake::ReadHead(), fake::Send(kHeadClose), fake::Send("hello\n"), fake::Close()}});
  auto session = OpenOn(&peers);
  core::Expected<Exchange> exchange = session->Send(Head());
  ASSERT_TRUE(exchange.has_value());
  ASSERT_EQ(Status(*exchange), 200);
  EXPECT_TRUE(exchange->connection_closed);
  const core::Diagnostic* stray =
      core::FindDiagnostic(exchange->response->diagnostics, "message.content-not-allowed");
  ASSERT_NE(stray, nullptr);
  EXPECT_NE(stray->detail.find("6 bytes followed this response to HEAD"), std::string::npos)
      << stray->detail;
}

// Without an announced close the session only takes what has arrived: a
// kept-alive connection may stay silent until the next request.
TEST(RawSessionTest, StrayContentIsOnlySampledWhenNoCloseWasAnnounced) {
  constexpr char kHead[] = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n";
  FakePeers peers({{fake::ReadHead(), fake::Send(kHead), fake::Stall()}});
  auto session = OpenOn(&peers);
  const Deadline before = Clock::now();
  core::Expected<Exchange> exchange = session->Send(Head());
  ASSERT_TRUE(exchange.has_value());
  ASSERT_EQ(peers.log(0).read_timeouts.size(), 1u);
  EXPECT_LT(Offset(peers.log(0).read_timeouts[0], before).count(), 100);
  EXPECT_FALSE(exchange->connection_closed);
}

}  // namespace
}  // namespace httpconform::transport
