// Unit tests of the faults behind the verdict-truth cases (a 304's content
// read by a later request, an HTTP/0.9-style reply, range answers that the
// §14.2 choices do not allow) and of the early-hints option, which is no
// fault. Each test sends the same bytes to a clean server and to one with
// the fault (or option), through a plain loopback socket.
#include <gtest/gtest.h>

#include <string>

#include "harness/server/exchange_for_testing.h"

namespace httpconform::server {
namespace {

bool StartsWith(const std::string& text, const std::string& prefix) {
  return StartsWithForTesting(text, prefix);
}

int CountOf(const std::string& text, const std::string& needle) {
  return CountOfForTesting(text, needle);
}

// "GET PATH" with extra field lines.
std::string Get(const std::string& path, const std::string& fields = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n";
}

const char kNotModified[] = "If-None-Match: \"hello-v1\"\r\n";

TEST(VerdictFaultsTest, ContentAfter304WaitsForTheNextRequest) {
  // Alone, the 304 ends at its head: nothing follows until a next request.
  const AnswerForTesting alone =
      ExchangeForTesting({"content-after-304"}, Get("/static/hello.txt", kNotModified));
  ASSERT_TRUE(StartsWith(alone.bytes, "HTTP/1.1 304 "));
  EXPECT_EQ(alone.bytes.substr(alone.bytes.size() - 4), "\r\n\r\n");
  // With a next request, the representation comes in front of its response.
  const std::string two = Get("/static/hello.txt", kNotModified) + Get("/static/hello.txt");
  const AnswerForTesting faulty = ExchangeForTesting({"content-after-304"}, two);
  const std::size_t head_end = faulty.bytes.find("\r\n\r\n") + 4;
  EXPECT_EQ(faulty.bytes.substr(head_end, 19), "Hello, world!\nHTTP/");
  const AnswerForTesting clean = ExchangeForTesting({}, two);
  EXPECT_EQ(clean.bytes.substr(clean.bytes.find("\r\n\r\n") + 4, 5), "HTTP/");
}

TEST(VerdictFaultsTest, Http09ReplyHasNoStatusLine) {
  const std::string request = "GET /static/hello.txt HTTP/2.0\r\nHost: x\r\n\r\n";
  EXPECT_TRUE(StartsWith(ExchangeForTesting({}, request).bytes, "HTTP/1.1 505 "));
  const AnswerForTesting faulty = ExchangeForTesting({"http09-reply-to-unknown-version"}, request);
  EXPECT_FALSE(faulty.bytes.empty());
  EXPECT_EQ(faulty.bytes.find("HTTP/"), std::string::npos) << faulty.bytes;
  EXPECT_TRUE(faulty.closed);
  // A request-line it implements is answered as usual.
  EXPECT_TRUE(StartsWith(
      ExchangeForTesting({"http09-reply-to-unknown-version"}, Get("/static/hello.txt")).bytes,
      "HTTP/1.1 200 "));
}

TEST(VerdictFaultsTest, RangeAnswersOutsideTheAllowedChoices) {
  const std::string suffix = Get("/static/hello.txt", "Range: bytes=-5\r\n");
  EXPECT_TRUE(StartsWith(ExchangeForTesting({}, suffix).bytes, "HTTP/1.1 206 "));
  const std::string two = Get("/static/hello.txt", "Range: bytes=0-1,4-5\r\n");
  const std::string plain = Get("/static/hello.txt", "Range: bytes=0-4\r\n");
  EXPECT_TRUE(
      StartsWith(ExchangeForTesting({"416-for-suffix-range"}, suffix).bytes, "HTTP/1.1 416 "));
  EXPECT_TRUE(StartsWith(ExchangeForTesting({"416-for-suffix-range"}, two).bytes, "HTTP/1.1 206 "));
  EXPECT_TRUE(
      StartsWith(ExchangeForTesting({"416-for-multiple-ranges"}, two).bytes, "HTTP/1.1 416 "));
  EXPECT_TRUE(
      StartsWith(ExchangeForTesting({"416-for-multiple-ranges"}, suffix).bytes, "HTTP/1.1 206 "));
  // A plain first-last range stays 206 with either.
  for (const char* fault : {"416-for-suffix-range", "416-for-multiple-ranges"}) {
    EXPECT_TRUE(StartsWith(ExchangeForTesting({fault}, plain).bytes, "HTTP/1.1 206 ")) << fault;
  }
  const std::string past_end = Get("/static/hello.txt", "Range: bytes=50-\r\n");
  EXPECT_TRUE(StartsWith(ExchangeForTesting({}, past_end).bytes, "HTTP/1.1 416 "));
  const AnswerForTesting faulty = ExchangeForTesting({"206-for-unsatisfiable-range"}, past_end);
  EXPECT_TRUE(StartsWith(faulty.bytes, "HTTP/1.1 206 ")) << faulty.bytes;
  EXPECT_NE(faulty.bytes.find("Content-Range: bytes 13-13/14"), std::string::npos);
}

// 103 before every final response is allowed (RFC 9110 §15.2): the option
// adds one, after a 100 and never for HTTP/1.0.
TEST(VerdictFaultsTest, EarlyHintsOptionPrecedesEveryFinalResponse) {
  ServerOptions options;
  options.early_hints = true;
  const std::string two = Get("/static/hello.txt") + Get("/nocontent");
  const AnswerForTesting hinted = ExchangeWithOptionsForTesting(options, two);
  EXPECT_TRUE(StartsWith(hinted.bytes, "HTTP/1.1 103 Early Hints\r\n")) << hinted.bytes;
  EXPECT_EQ(CountOf(hinted.bytes, "HTTP/1.1 103 "), 2);
  EXPECT_EQ(CountOf(ExchangeForTesting({}, two).bytes, "HTTP/1.1 103 "), 0);
  const AnswerForTesting http10 =
      ExchangeWithOptionsForTesting(options, "GET /static/hello.txt HTTP/1.0\r\nHost: x\r\n\r\n");
  EXPECT_EQ(http10.bytes.find(" 103 "), std::string::npos);
  // The resource that sends its own 103 gets no second one.
  EXPECT_EQ(CountOf(ExchangeWithOptionsForTesting(options, Get("/early-hints")).bytes, " 103 "), 1);
  const AnswerForTesting cont = ExchangeWithOptionsForTesting(
      options,
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
  const std::size_t c100 = cont.bytes.find(" 100 ");
  const std::size_t h103 = cont.bytes.find(" 103 ");
  ASSERT_NE(c100, std::string::npos);
  ASSERT_NE(h103, std::string::npos);
  EXPECT_LT(c100, h103);
}

}  // namespace
}  // namespace httpconform::server
