// Unit tests of the faults added for the status-code, method, HEAD, redirect
// and interim-response cases (cases/status-*.json, methods.json, head.json,
// redirect.json, auth.json, interim.json). Each test sends the same bytes to
// a clean server and to one with the fault and checks that the fault changes
// the one behaviour its cases rely on. The client is a plain loopback socket
// that reads until the server closes or goes quiet, so neither the transport
// nor the wire parser is trusted here.
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

// Sends `request` to a fresh server with `faults`; returns what comes back
// until the server closes or is quiet for 300 ms (3 s at most).
std::string Ask(const std::vector<std::string>& faults, const std::string& request) {
  return ExchangeForTesting(faults, request).bytes;
}

// An HTTP/1.1 request that asks the server to close after answering.
std::string Req(const std::string& method, const std::string& target, const std::string& extra = "",
                const std::string& body = "") {
  std::string r =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra;
  if (!body.empty())
    r += "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "\r\n" + body;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CasesStatusFaultsTest, AllowListsMethod) {
  const std::string req = Req("DELETE", "/static/hello.txt");
  EXPECT_TRUE(Has(Ask({}, req), "Allow: GET, HEAD, OPTIONS\r\n"));
  EXPECT_TRUE(Has(Ask({"405-allow-lists-method"}, req), "Allow: GET, HEAD, OPTIONS, DELETE\r\n"));
}

TEST(CasesStatusFaultsTest, TraceEcho) {
  const std::string req = Req("TRACE", "/", "Cookie: secret-cookie\r\n");
  const std::string clean = Ask({}, req);
  EXPECT_TRUE(Has(clean, "HTTP/1.1 405 "));
  EXPECT_FALSE(Has(clean, "secret-cookie"));
  const std::string faulty = Ask({"trace-echo"}, req);
  EXPECT_TRUE(Has(faulty, "HTTP/1.1 200 "));
  EXPECT_TRUE(Has(faulty, "Cookie: secret-cookie"));
}

TEST(CasesStatusFaultsTest, PutExisting201) {
  const std::string req = Req("PUT", "/items/thing", "", "thing\n");
  EXPECT_TRUE(Has(Ask({}, req), "HTTP/1.1 204 "));
  EXPECT_TRUE(Has(Ask({"put-existing-201"}, req), "HTTP/1.1 201 "));
  // DELETE is left alone.
  EXPECT_TRUE(Has(Ask({"put-existing-201"}, Req("DELETE", "/items/thing")), "HTTP/1.1 204 "));
}

TEST(CasesStatusFaultsTest, HeadNotSupported) {
  const std::string req = Req("HEAD", "/");
  EXPECT_TRUE(Has(Ask({}, req), "HTTP/1.1 200 "));
  EXPECT_TRUE(Has(Ask({"head-not-supported"}, req), "HTTP/1.1 501 "));
  EXPECT_TRUE(Has(Ask({"head-not-supported"}, Req("GET", "/")), "HTTP/1.1 200 "));
}

TEST(CasesStatusFaultsTest, LocationNotUriReference) {
  EXPECT_TRUE(Has(Ask({}, Req("GET", "/redirect/301")), "Location: /static/hello.txt\r\n"));
  EXPECT_TRUE(Has(Ask({"location-not-uri-reference"}, Req("GET", "/redirect/301")),
                  "Location: /static/hello world.txt\r\n"));
  EXPECT_TRUE(Has(Ask({"location-not-uri-reference"}, Req("POST", "/upload/", "", "x")),
                  "Location: /upload/ 1\r\n"));
}

TEST(CasesStatusFaultsTest, MultipleChoicesWithoutContent) {
  EXPECT_TRUE(Has(Ask({}, Req("GET", "/redirect/300")), "Choices:"));
  const std::string faulty = Ask({"300-without-content"}, Req("GET", "/redirect/300"));
  EXPECT_TRUE(Has(faulty, "HTTP/1.1 300 "));
  EXPECT_TRUE(Has(faulty, "Content-Length: 0\r\n"));
}

TEST(CasesStatusFaultsTest, TransferEncodingOn204) {
  EXPECT_FALSE(Has(Ask({}, Req("GET", "/nocontent")), "Transfer-Encoding"));
  EXPECT_TRUE(Has(Ask({"transfer-encoding-on-204"}, Req("GET", "/nocontent")),
                  "Transfer-Encoding: chunked"));
}

TEST(CasesStatusFaultsTest, ContentOn205) {
  const std::string req = Req("POST", "/reset", "", "a=b");
  EXPECT_TRUE(Has(Ask({}, req), "Content-Length: 0\r\n"));
  EXPECT_TRUE(Has(Ask({"content-on-205"}, req), "\r\n\r\nform reset\n"));
}

TEST(CasesStatusFaultsTest, ErrorWithoutContent) {
  EXPECT_TRUE(Has(Ask({}, Req("GET", "/gone")), "410 Gone\n"));
  const std::string faulty = Ask({"error-without-content"}, Req("GET", "/gone"));
  EXPECT_TRUE(Has(faulty, "HTTP/1.1 410 "));
  EXPECT_TRUE(Has(faulty, "Content-Length: 0\r\n"));
  // Successful responses keep their content.
  EXPECT_TRUE(
      Has(Ask({"error-without-content"}, Req("GET", "/static/hello.txt")), "Hello, world!"));
}

TEST(CasesStatusFaultsTest, RetryAfter) {
  EXPECT_TRUE(Has(Ask({}, Req("GET", "/unavailable")), "Retry-After: 120\r\n"));
  EXPECT_FALSE(Has(Ask({"no-retry-after"}, Req("GET", "/unavailable")), "Retry-After"));
  EXPECT_FALSE(Has(Ask({"no-retry-after"}, Req("GET", "/status/429")), "Retry-After"));
  EXPECT_TRUE(Has(Ask({"retry-after-invalid"}, Req("GET", "/limited")), "Retry-After: soon\r\n"));
}

TEST(CasesStatusFaultsTest, InterimToHttp10) {
  const std::string req = "GET /early-hints HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  EXPECT_FALSE(Has(Ask({}, req), "103 Early Hints"));
  EXPECT_TRUE(Has(Ask({"1xx-to-http10"}, req), "HTTP/1.1 103 Early Hints\r\n"));
}

}  // namespace
}  // namespace httpconform::server
