// Unit tests of the faults added for the conditional, range and Expect cases
// (cases/conditional*.json, range*.json, expect*.json). Each test sends the
// same bytes to a clean server and to one with the fault, and checks that the
// fault changes the one behaviour its cases rely on, and (where it matters)
// that a neighbouring request is left alone. The client is a plain loopback
// socket that reads until the server closes or goes quiet, so neither the
// transport nor the wire parser is trusted here.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "harness/server/exchange_for_testing.h"
#include "harness/server/reference_server.h"

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;

// Sends `request` to a fresh server with `faults` and returns whatever comes
// back until the server closes or is quiet for `quiet_ms` (3 s at most).
std::string Ask(const std::vector<std::string>& faults, const std::string& request,
                int quiet_ms = 300) {
  return ExchangeForTesting(faults, request, quiet_ms).bytes;
}

std::string Request(const std::string& method, const std::string& target,
                    const std::string& extra = "") {
  // Connection: close lets the server end the exchange at once (no idle wait).
  return method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra + "\r\n";
}

std::string Get(const std::string& target, const std::string& extra = "") {
  return Request("GET", target, extra);
}

// The status code of the first response head (interim included), or 0.
int Status(const std::string& bytes) {
  if (bytes.size() < 12 || bytes.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(bytes.c_str() + 9);
}

// The head of the first response, without the content.
std::string Head(const std::string& bytes) { return bytes.substr(0, bytes.find("\r\n\r\n")); }

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// The fault under test, and the same request against a clean server.
struct Pair {
  std::string clean;
  std::string faulty;
};

Pair Both(const std::string& fault, const std::string& request) {
  return {Ask({}, request), Ask({fault}, request)};
}

TEST(CasesCondFaultsTest, IfMatchStarFalse) {
  Pair p = Both("if-match-star-false", Get("/static/hello.txt", "If-Match: *\r\n"));
  EXPECT_EQ(Status(p.clean), 200);
  EXPECT_EQ(Status(p.faulty), 412);
  // A matching tag still matches.
  EXPECT_EQ(
      Status(Ask({"if-match-star-false"}, Get("/static/hello.txt", "If-Match: \"hello-v1\"\r\n"))),
      200);
}

TEST(CasesCondFaultsTest, EtagListFirstOnly) {
  const std::string list = "\"other\", \"hello-v1\"";
  Pair inm =
      Both("etag-list-first-only", Get("/static/hello.txt", "If-None-Match: " + list + "\r\n"));
  EXPECT_EQ(Status(inm.clean), 304);
  EXPECT_EQ(Status(inm.faulty), 200);
  Pair im = Both("etag-list-first-only", Get("/static/hello.txt", "If-Match: " + list + "\r\n"));
  EXPECT_EQ(Status(im.clean), 200);
  EXPECT_EQ(Status(im.faulty), 412);
}

TEST(CasesCondFaultsTest, InmNotCompared) {
  Pair p = Both("inm-not-compared", Get("/static/hello.txt", "If-None-Match: \"nope\"\r\n"));
  EXPECT_EQ(Status(p.clean), 200);
  EXPECT_EQ(Status(p.faulty), 304);
}

TEST(CasesCondFaultsTest, ImsNotCompared) {
  Pair p = Both("ims-not-compared",
                Get("/static/hello.txt", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n"));
  EXPECT_EQ(Status(p.clean), 200);
  EXPECT_EQ(Status(p.faulty), 304);
  // An invalid date is still ignored.
  EXPECT_EQ(Status(Ask({"ims-not-compared"},
                       Get("/static/hello.txt", "If-Modified-Since: yesterday\r\n"))),
            200);
}

TEST(CasesCondFaultsTest, InvalidIusNotIgnored) {
  Pair p = Both("invalid-ius-not-ignored",
                Get("/static/hello.txt", "If-Unmodified-Since: not a date\r\n"));
  EXPECT_EQ(Status(p.clean), 200);
  EXPECT_EQ(Status(p.faulty), 412);
  const std::string two =
      "If-Unmodified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n"
      "If-Unmodified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n";
  Pair list = Both("invalid-ius-not-ignored", Get("/static/hello.txt", two));
  EXPECT_EQ(Status(list.clean), 200);
  EXPECT_EQ(Status(list.faulty), 412);
}

TEST(CasesCondFaultsTest, IusNotCompared) {
  Pair p = Both("ius-not-compared",
                Get("/static/hello.txt", "If-Unmodified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n"));
  EXPECT_EQ(Status(p.clean), 200);
  EXPECT_EQ(Status(p.faulty), 412);
}

TEST(CasesCondFaultsTest, ImfFixdateOnly) {
  Pair rfc850 = Both("imf-fixdate-only", Get("/static/hello.txt",
                                             "If-Unmodified-Since: Saturday, 01-Jan-00 "
                                             "00:00:00 GMT\r\n"));
  EXPECT_EQ(Status(rfc850.clean), 412);
  EXPECT_EQ(Status(rfc850.faulty), 200);
  Pair asctime = Both("imf-fixdate-only", Get("/static/hello.txt",
                                              "If-Unmodified-Since: Sat Jan  1 00:00:00 2000\r\n"));
  EXPECT_EQ(Status(asctime.clean), 412);
  EXPECT_EQ(Status(asctime.faulty), 200);
  // IMF-fixdate still works.
  EXPECT_EQ(Status(Ask({"imf-fixdate-only"},
                       Get("/static/hello.txt",
                           "If-Unmodified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n"))),
            412);
}

TEST(CasesCondFaultsTest, PreconditionsOnOptions) {
  Pair p = Both("preconditions-on-options",
                Request("OPTIONS", "/static/hello.txt", "If-Match: \"nope\"\r\n"));
  EXPECT_EQ(Status(p.clean), 204);
  EXPECT_EQ(Status(p.faulty), 412);
  // Without a precondition OPTIONS is unchanged.
  EXPECT_EQ(Status(Ask({"preconditions-on-options"}, Request("OPTIONS", "/static/hello.txt"))),
            204);
}

TEST(CasesCondFaultsTest, Guarded428Faults) {
  const std::string unconditional = Request("PUT", "/items/guarded", "Content-Length: 0\r\n");
  Pair empty = Both("428-without-explanation", unconditional);
  EXPECT_EQ(Status(empty.clean), 428);
  EXPECT_TRUE(Contains(empty.clean, "If-Match"));
  EXPECT_EQ(Status(empty.faulty), 428);
  EXPECT_TRUE(Contains(empty.faulty, "Content-Length: 0\r\n"));
  Pair despite =
      Both("428-despite-if-match",
           Request("PUT", "/items/guarded", "If-Match: \"guarded-v1\"\r\nContent-Length: 0\r\n"));
  EXPECT_EQ(Status(despite.clean), 204);
  EXPECT_EQ(Status(despite.faulty), 428);
}

TEST(CasesCondFaultsTest, MultipartSorted) {
  Pair p = Both("multipart-sorted", Get("/static/data.txt", "Range: bytes=20-29,0-9\r\n"));
  EXPECT_LT(p.clean.find("bytes 20-29/1000"), p.clean.find("bytes 0-9/1000"));
  EXPECT_GT(p.faulty.find("bytes 20-29/1000"), p.faulty.find("bytes 0-9/1000"));
}

TEST(CasesCondFaultsTest, Partial206WithoutEtag) {
  Pair p = Both("206-without-etag", Get("/static/hello.txt", "Range: bytes=0-4\r\n"));
  EXPECT_EQ(Status(p.clean), 206);
  EXPECT_TRUE(Contains(Head(p.clean), "ETag: \"hello-v1\""));
  EXPECT_EQ(Status(p.faulty), 206);
  EXPECT_FALSE(Contains(Head(p.faulty), "ETag:"));
  // The 200 keeps its ETag.
  EXPECT_TRUE(Contains(Ask({"206-without-etag"}, Get("/static/hello.txt")), "ETag:"));
}

TEST(CasesCondFaultsTest, MultipartFields) {
  const std::string two = Get("/static/data.txt", "Range: bytes=0-1,5-6\r\n");
  Pair top = Both("multipart-with-content-range", two);
  EXPECT_FALSE(Contains(Head(top.clean), "Content-Range:"));
  EXPECT_TRUE(Contains(Head(top.faulty), "Content-Range: bytes 0-1/1000"));
  Pair part = Both("multipart-without-part-content-type", two);
  EXPECT_TRUE(Contains(part.clean, "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range"));
  EXPECT_FALSE(Contains(part.faulty, "Content-Type: text/plain"));
  EXPECT_TRUE(Contains(Head(part.faulty), "Content-Type: multipart/byteranges"));
}

TEST(CasesCondFaultsTest, ContinueToHttp10) {
  const std::string head =
      "POST /echo HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";
  Pair p = Both("100-continue-to-http10", head);
  EXPECT_EQ(p.clean, "");  // Waits for the content.
  EXPECT_EQ(Status(p.faulty), 100);
}

TEST(CasesCondFaultsTest, ExpectCaseSensitive) {
  const std::string head =
      Request("POST", "/echo", "Content-Length: 5\r\nExpect: 100-Continue\r\n");
  Pair p = Both("expect-case-sensitive", head);
  EXPECT_EQ(Status(p.clean), 100);
  EXPECT_EQ(Status(p.faulty), 417);
}

TEST(CasesCondFaultsTest, Expectation417WithoutClose) {
  const std::string head =
      Request("POST", "/echo", "Content-Length: 5\r\nExpect: httpconform-unknown\r\n");
  Pair p = Both("417-without-close", head);
  EXPECT_EQ(Status(p.clean), 417);
  EXPECT_TRUE(Contains(Head(p.clean), "Connection: close"));
  EXPECT_EQ(Status(p.faulty), 417);
  EXPECT_FALSE(Contains(Head(p.faulty), "Connection:"));
}

}  // namespace
}  // namespace httpconform::server
