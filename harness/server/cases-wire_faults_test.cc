// Unit tests of the faults added for the wire, framing and persistence cases
// (cases/wire-*.json, framing.json, persistence.json). Each test sends the
// same bytes to a clean server and to one with the fault, and checks that
// the fault changes exactly the behaviour its case relies on. The client is
// a plain loopback socket that reads until the server closes or goes quiet,
// so neither the transport nor the wire parser is trusted here.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "harness/server/exchange_for_testing.h"
#include "harness/server/reference_server.h"

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;

using Answer = AnswerForTesting;

// Sends `request` on a new loopback connection and reads until the server
// closes or sends nothing for `quiet_ms` (bounded by 3 s in total).
Answer Exchange(const std::vector<std::string>& faults, const std::string& request,
                int quiet_ms = 300) {
  return ExchangeForTesting(faults, request, quiet_ms);
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return StartsWithForTesting(text, prefix);
}

int CountOf(const std::string& text, const std::string& needle) {
  return CountOfForTesting(text, needle);
}

const char kGet[] = "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n";

TEST(CasesWireFaultsTest, RejectLeadingEmptyLine) {
  const std::string request = std::string("\r\n") + kGet;
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-leading-empty-line"}, request).bytes, "HTTP/1.1 400 "));
  // Without the empty line the fault changes nothing.
  EXPECT_TRUE(StartsWith(Exchange({"reject-leading-empty-line"}, kGet).bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, Http505WithoutContent) {
  const std::string request = "GET / HTTP/3.0\r\nHost: x\r\n\r\n";
  Answer clean = Exchange({}, request);
  Answer bad = Exchange({"505-without-content"}, request);
  EXPECT_TRUE(StartsWith(clean.bytes, "HTTP/1.1 505 "));
  EXPECT_EQ(clean.bytes.find("Content-Length: 0\r\n"), std::string::npos);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 505 "));
  EXPECT_NE(bad.bytes.find("Content-Length: 0\r\n"), std::string::npos);
}

TEST(CasesWireFaultsTest, ResponseVersionAboveRequest) {
  const std::string http10 = "GET /static/hello.txt HTTP/1.0\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, http10).bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(
      StartsWith(Exchange({"response-version-above-request"}, http10).bytes, "HTTP/2.0 200 "));
  EXPECT_TRUE(
      StartsWith(Exchange({"response-version-above-request"}, kGet).bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, AcceptSpaceBeforeColon) {
  const std::string request = "GET / HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(StartsWith(Exchange({"accept-space-before-colon"}, request).bytes, "HTTP/1.1 200 "));
  // Other syntax errors are still rejected.
  EXPECT_TRUE(StartsWith(
      Exchange({"accept-space-before-colon"}, "GET / HTTP/1.1\r\nHost: x\r\nX-A b\r\n\r\n").bytes,
      "HTTP/1.1 400 "));
}

TEST(CasesWireFaultsTest, AcceptInvalidHost) {
  const std::string request = "GET / HTTP/1.1\r\nHost: a b\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(StartsWith(Exchange({"accept-host-invalid"}, request).bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, AcceptInvalidContentLength) {
  const std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(
      StartsWith(Exchange({"accept-invalid-content-length"}, request).bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, InvalidContentLengthKeepOpen) {
  const std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n";
  Answer clean = Exchange({}, request);
  Answer bad = Exchange({"invalid-content-length-keep-open"}, request);
  EXPECT_TRUE(StartsWith(clean.bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(clean.closed);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 400 "));
  EXPECT_FALSE(bad.closed);
}

TEST(CasesWireFaultsTest, ObsFoldDropped) {
  const std::string request =
      "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: keep-alive,\r\n close\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 400 "));
  Answer bad = Exchange({"obs-fold-dropped"}, request);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 200 "));
  EXPECT_FALSE(bad.closed);
}

TEST(CasesWireFaultsTest, BareCrAsLineEnd) {
  const std::string request =
      "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\nX-A: a\rConnection: close\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 400 "));
  Answer bad = Exchange({"bare-cr-as-line-end"}, request);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(bad.closed);
}

TEST(CasesWireFaultsTest, ClOverTe) {
  const std::string request =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n0\r\n\r\n";
  Answer clean = Exchange({}, request);
  Answer bad = Exchange({"cl-over-te"}, request);
  EXPECT_TRUE(StartsWith(clean.bytes, "HTTP/1.1 200 "));
  EXPECT_NE(clean.bytes.find("\r\n\r\nhello"), std::string::npos);
  EXPECT_TRUE(clean.closed);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 200 "));
  EXPECT_EQ(bad.bytes.substr(bad.bytes.size() - 7), "\r\n\r\n5\r\n");
  EXPECT_TRUE(bad.closed);  // Still closes: only the framing changes.
}

TEST(CasesWireFaultsTest, TeHttp10KeepOpen) {
  const std::string request =
      "POST /echo HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n"
      "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
  Answer clean = Exchange({}, request);
  Answer bad = Exchange({"te-http10-keep-open"}, request);
  EXPECT_TRUE(clean.closed);
  EXPECT_FALSE(bad.closed);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, RejectChunkExtTrailersChunked) {
  const std::string head = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string ext = head + "5;a=b\r\nhello\r\n0\r\n\r\n";
  const std::string trailer = head + "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n";
  const std::string plain = head + "5\r\nhello\r\n0\r\n\r\n";
  for (const std::string& r : {ext, trailer, plain}) {
    EXPECT_TRUE(StartsWith(Exchange({}, r).bytes, "HTTP/1.1 200 ")) << r;
  }
  EXPECT_TRUE(StartsWith(Exchange({"reject-chunk-ext"}, ext).bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-chunk-ext"}, plain).bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-trailers"}, trailer).bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-trailers"}, plain).bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-chunked"}, plain).bytes, "HTTP/1.1 400 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-chunked"}, kGet).bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, NoPersistenceAndCloseWithoutOption) {
  Answer clean = Exchange({}, kGet);
  EXPECT_FALSE(clean.closed);
  Answer no_persistence = Exchange({"no-persistence"}, kGet);
  EXPECT_TRUE(no_persistence.closed);
  EXPECT_NE(no_persistence.bytes.find("Connection: close\r\n"), std::string::npos);
  Answer silent = Exchange({"close-without-option"}, kGet);
  EXPECT_TRUE(silent.closed);
  EXPECT_EQ(silent.bytes.find("Connection:"), std::string::npos);
}

TEST(CasesWireFaultsTest, PipelineRepeatResponse) {
  const std::string two = std::string(kGet) + "GET /static/data.txt HTTP/1.1\r\nHost: x\r\n\r\n";
  Answer clean = Exchange({}, two);
  Answer bad = Exchange({"pipeline-repeat-response"}, two);
  EXPECT_EQ(CountOf(clean.bytes, "Hello, world!"), 1);
  EXPECT_EQ(CountOf(bad.bytes, "Hello, world!"), 2);
  EXPECT_EQ(CountOf(bad.bytes, "HTTP/1.1 200 "), 2);
}

TEST(CasesWireFaultsTest, StatusLineMissingSp) {
  EXPECT_TRUE(StartsWith(Exchange({}, kGet).bytes, "HTTP/1.1 200 OK\r\n"));
  EXPECT_TRUE(StartsWith(Exchange({"status-line-missing-sp"}, kGet).bytes, "HTTP/1.1 200\r\n"));
}

TEST(CasesWireFaultsTest, RejectHigherMinorVersion) {
  const std::string request = "GET /static/hello.txt HTTP/1.9\r\nHost: x\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(
      StartsWith(Exchange({"reject-higher-minor-version"}, request).bytes, "HTTP/1.1 505 "));
  EXPECT_TRUE(StartsWith(Exchange({"reject-higher-minor-version"}, kGet).bytes, "HTTP/1.1 200 "));
}

TEST(CasesWireFaultsTest, WhitespaceLineProcessed) {
  const std::string request =
      "GET /static/hello.txt HTTP/1.1\r\n Connection: close\r\nHost: x\r\n\r\n";
  EXPECT_TRUE(StartsWith(Exchange({}, request).bytes, "HTTP/1.1 400 "));
  Answer bad = Exchange({"whitespace-line-processed"}, request);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 200 "));
  EXPECT_TRUE(bad.closed);
}

TEST(CasesWireFaultsTest, IgnoreRequestContent) {
  const std::string request =
      "POST /accepted HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + std::string(kGet);
  Answer clean = Exchange({}, request);
  Answer bad = Exchange({"ignore-request-content"}, request);
  EXPECT_TRUE(StartsWith(clean.bytes, "HTTP/1.1 202 "));
  EXPECT_NE(clean.bytes.find("Hello, world!"), std::string::npos);
  EXPECT_TRUE(StartsWith(bad.bytes, "HTTP/1.1 202 "));
  EXPECT_EQ(bad.bytes.find("Hello, world!"), std::string::npos);
}

}  // namespace
}  // namespace httpconform::server
