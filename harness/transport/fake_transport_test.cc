#include "harness/transport/fake_transport.h"

#include <gtest/gtest.h>

namespace httpconform::transport {
namespace {

OutgoingRequest Get(const std::string& target) {
  OutgoingRequest request;
  request.method = "GET";
  request.target = target;
  return request;
}

TEST(FakeResponseTest, ParsesRawBytesWithTheWireParser) {
  Exchange exchange = FakeResponse("HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n");
  ASSERT_TRUE(exchange.response.has_value());
  EXPECT_EQ(exchange.response->head.status, 304);
  EXPECT_EQ(exchange.response->head.reason, "Not Modified");
  ASSERT_NE(core::FindField(exchange.response->head.fields, "etag"), nullptr);
  EXPECT_EQ(core::FindField(exchange.response->head.fields, "ETag")->value, "\"a\"");
  EXPECT_TRUE(exchange.response->complete);
  EXPECT_FALSE(exchange.connection_closed);
  EXPECT_EQ(exchange.received, "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n");
}

TEST(FakeResponseTest, HeadAndCloseDelimitedContent) {
  Exchange head = FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true);
  ASSERT_TRUE(head.response.has_value());
  EXPECT_TRUE(head.response->complete);
  EXPECT_EQ(head.response->content, "");

  Exchange closed = FakeResponse("HTTP/1.1 200 OK\r\n\r\nhello", false, true);
  ASSERT_TRUE(closed.response.has_value());
  EXPECT_EQ(closed.response->content, "hello");
  EXPECT_EQ(closed.response->framing, core::Framing::kCloseDelimited);
  EXPECT_TRUE(closed.connection_closed);

  EXPECT_FALSE(FakeResponse("").response.has_value());
}

TEST(FakeTransportTest, AnswersByMatcherOnceAndRecordsRequests) {
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/a"), FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
  fake.Add(MatchRequest("GET", "/a"), FakeResponse("HTTP/1.1 404 Not Found\r\n\r\n"));
  fake.Add(MatchAny(), core::MakeError("connect", "cannot connect to 127.0.0.1:1: refused"),
           /*repeat=*/true);
  std::unique_ptr<Session> session = fake.OpenSession();

  core::Expected<Exchange> first = session->Send(Get("/a"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->response->head.status, 200);
  core::Expected<Exchange> second = session->Send(Get("/a"));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->response->head.status, 404);
  for (int i = 0; i < 2; ++i) {
    core::Expected<Exchange> other = session->Send(Get("/a"));
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().code, "connect");
  }
  ASSERT_EQ(fake.requests().size(), 4u);
  EXPECT_EQ(fake.requests()[0].target, "/a");
  EXPECT_EQ(fake.sessions_opened(), 1);
  EXPECT_EQ(fake.unused_rules(), 0u);
}

TEST(FakeTransportTest, UnmatchedRequestIsAnError) {
  FakeTransport fake(
      {FakeRule{MatchRawPrefix("OPTIONS * "), FakeResponse("HTTP/1.1 200 OK\r\n\r\n")}});
  std::unique_ptr<Session> session = fake.OpenSession();
  core::Expected<Exchange> exchange = session->Send(Get("/b"));
  ASSERT_FALSE(exchange.has_value());
  EXPECT_EQ(exchange.error().code, "fake");
  EXPECT_EQ(exchange.error().message, "FakeTransport: no scripted response for GET /b");

  OutgoingRequest raw;
  raw.raw = true;
  raw.segments = {core::RawSegment{"OPTIONS", 0, 0}, core::RawSegment{" * HTTP/1.1\r\n\r\n", 0, 0}};
  core::Expected<Exchange> answered = session->Send(raw);
  ASSERT_TRUE(answered.has_value());
  EXPECT_EQ(answered->response->head.status, 200);
  EXPECT_EQ(fake.unused_rules(), 0u);
}

}  // namespace
}  // namespace httpconform::transport
