// Unit tests of the faults that break a refinement while leaving its base
// behaviour working (cases with "after"): each test shows both halves -- the
// request of the refinement changes, the request of the base does not -- on
// raw bytes over loopback, trusting neither the transport nor the parser.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "harness/server/exchange_for_testing.h"

namespace httpconform::server {
namespace {

std::string Ask(const std::vector<std::string>& faults, const std::string& request) {
  return ExchangeForTesting(faults, request).bytes;
}

std::string Request(const std::string& method, const std::string& target,
                    const std::string& extra = "") {
  return method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra + "\r\n";
}

std::string Get(const std::string& extra) { return Request("GET", "/static/hello.txt", extra); }

int Status(const std::string& bytes) {
  if (bytes.size() < 12 || bytes.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(bytes.c_str() + 9);
}

// Status from a clean server and from one with `fault`, for one request.
std::pair<int, int> Statuses(const std::string& fault, const std::string& request) {
  return {Status(Ask({}, request)), Status(Ask({fault}, request))};
}

const char kEtag[] = "\"hello-v1\"";
const char kOld[] = "Fri, 31 Dec 1999 23:59:59 GMT";

TEST(RefinementFaultsTest, InmStarFalse) {
  EXPECT_EQ(Statuses("inm-star-false", Get("If-None-Match: *\r\n")), std::make_pair(304, 200));
  // The base: a listed tag still matches.
  EXPECT_EQ(Statuses("inm-star-false", Get(std::string("If-None-Match: ") + kEtag + "\r\n")),
            std::make_pair(304, 304));
}

TEST(RefinementFaultsTest, PreconditionsIgnoredOnUnsafe) {
  const std::string put =
      Request("PUT", "/items/thing",
              "If-Match: \"nope\"\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n");
  EXPECT_EQ(Statuses("preconditions-ignored-on-unsafe", put), std::make_pair(412, 204));
  const std::string del =
      Request("DELETE", "/items/thing", std::string("If-Unmodified-Since: ") + kOld + "\r\n");
  EXPECT_EQ(Statuses("preconditions-ignored-on-unsafe", del), std::make_pair(412, 204));
  // The bases, on GET, are unchanged.
  EXPECT_EQ(Statuses("preconditions-ignored-on-unsafe", Get("If-Match: \"nope\"\r\n")),
            std::make_pair(412, 412));
  EXPECT_EQ(Statuses("preconditions-ignored-on-unsafe",
                     Get(std::string("If-None-Match: ") + kEtag + "\r\n")),
            std::make_pair(304, 304));
}

TEST(RefinementFaultsTest, PreconditionsIgnoredOnHead) {
  const std::string inm = std::string("If-None-Match: ") + kEtag + "\r\n";
  EXPECT_EQ(Statuses("preconditions-ignored-on-head", Request("HEAD", "/static/hello.txt", inm)),
            std::make_pair(304, 200));
  EXPECT_EQ(Statuses("preconditions-ignored-on-head", Get(inm)), std::make_pair(304, 304));
}

TEST(RefinementFaultsTest, IfMatchEndsEvaluation) {
  const std::string both =
      std::string("If-Match: ") + kEtag + "\r\nIf-None-Match: " + kEtag + "\r\n";
  EXPECT_EQ(Statuses("if-match-ends-evaluation", Get(both)), std::make_pair(304, 200));
  EXPECT_EQ(Statuses("if-match-ends-evaluation", Get("If-Match: \"nope\"\r\n")),
            std::make_pair(412, 412));
}

TEST(RefinementFaultsTest, ImsOverInm) {
  // A matching tag with an old date: If-None-Match decides (304), not the date.
  const std::string both =
      std::string("If-None-Match: ") + kEtag + "\r\nIf-Modified-Since: " + kOld + "\r\n";
  EXPECT_EQ(Statuses("ims-over-inm", Get(both)), std::make_pair(304, 200));
  EXPECT_EQ(Statuses("ims-over-inm", Get(std::string("If-None-Match: ") + kEtag + "\r\n")),
            std::make_pair(304, 304));
}

TEST(RefinementFaultsTest, InmEvaluatedFirst) {
  const std::string both = std::string("If-Match: \"nope\"\r\nIf-None-Match: ") + kEtag + "\r\n";
  EXPECT_EQ(Statuses("inm-evaluated-first", Get(both)), std::make_pair(412, 304));
  EXPECT_EQ(Statuses("inm-evaluated-first", Get("If-Match: \"nope\"\r\n")),
            std::make_pair(412, 412));
}

TEST(RefinementFaultsTest, RangeBeforePreconditions) {
  const std::string range = "Range: bytes=0-9\r\nIf-Match: \"nope\"\r\n";
  EXPECT_EQ(Statuses("range-before-preconditions", Request("GET", "/static/data.txt", range)),
            std::make_pair(412, 206));
  EXPECT_EQ(Statuses("range-before-preconditions", Get("If-Match: \"nope\"\r\n")),
            std::make_pair(412, 412));
}

TEST(RefinementFaultsTest, IfRangeDateAlwaysTrue) {
  const std::string earlier = std::string("Range: bytes=0-9\r\nIf-Range: ") + kOld + "\r\n";
  EXPECT_EQ(Statuses("if-range-date-always-true", Request("GET", "/static/data.txt", earlier)),
            std::make_pair(200, 206));
  // An entity tag that does not match still makes If-Range false.
  EXPECT_EQ(Statuses("if-range-date-always-true",
                     Request("GET", "/static/data.txt", "Range: bytes=0-9\r\nIf-Range: \"x\"\r\n")),
            std::make_pair(200, 200));
}

TEST(RefinementFaultsTest, No100ContinueForChunked) {
  const std::string chunked =
      Request("POST", "/echo", "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n");
  EXPECT_EQ(Statuses("no-100-continue-for-chunked", chunked), std::make_pair(100, 0));
  const std::string length =
      Request("POST", "/echo", "Content-Length: 5\r\nExpect: 100-continue\r\n");
  EXPECT_EQ(Statuses("no-100-continue-for-chunked", length), std::make_pair(100, 100));
}

// A GET whose Connection field is `connection` alone (Request() always
// adds "close"), so that the form of the option is what is under test.
std::string GetWithConnection(const std::string& connection) {
  return "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: " + connection + "\r\n\r\n";
}

TEST(RefinementFaultsTest, CloseOptionForms) {
  auto closed = [](const std::vector<std::string>& faults, const std::string& request) {
    return ExchangeForTesting(faults, request, 500).closed;
  };
  EXPECT_TRUE(closed({}, GetWithConnection("CLOSE")));
  EXPECT_FALSE(closed({"close-option-case-sensitive"}, GetWithConnection("CLOSE")));
  EXPECT_TRUE(closed({"close-option-case-sensitive"}, GetWithConnection("close")));
  EXPECT_TRUE(closed({}, GetWithConnection("x-other, close")));
  EXPECT_FALSE(closed({"close-option-alone-only"}, GetWithConnection("x-other, close")));
  EXPECT_TRUE(closed({"close-option-alone-only"}, GetWithConnection("close")));
}

TEST(RefinementFaultsTest, AnswersAfterClose) {
  const std::string two =
      GetWithConnection("close") + "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n";
  auto count = [](const std::string& bytes) {
    std::size_t n = 0;
    for (std::size_t at = bytes.find("HTTP/1.1 200"); at != std::string::npos;
         at = bytes.find("HTTP/1.1 200", at + 1)) {
      ++n;
    }
    return n;
  };
  AnswerForTesting clean = ExchangeForTesting({}, two, 500);
  AnswerForTesting faulty = ExchangeForTesting({"answers-after-close"}, two, 500);
  EXPECT_EQ(count(clean.bytes), 1u);
  EXPECT_EQ(count(faulty.bytes), 2u);
  EXPECT_TRUE(faulty.closed);  // It does close, after answering both.
  // Alone, the close option still closes.
  EXPECT_TRUE(ExchangeForTesting({"answers-after-close"}, GetWithConnection("close"), 500).closed);
}

}  // namespace
}  // namespace httpconform::server
