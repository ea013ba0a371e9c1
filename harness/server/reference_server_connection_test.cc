// End-to-end tests of the reference server (reference_server_client_for_testing.h):
// wire errors, connections (keep-alive, pipelining, HTTP/1.0), the server's
// lifecycle and its robustness against garbage and slow clients.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/server/reference_server.h"
#include "harness/server/reference_server_client_for_testing.h"
#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

using namespace test_client;

// ---- Wire errors ----

TEST_F(ServerTest, WireErrorsGetTheParserStatusAndClose) {
  struct Row {
    const char* name;
    std::string request;
    int status;
  } rows[] = {
      {"malformed request line", "GET /\r\nHost: x\r\n\r\n", 400},
      {"missing host", "GET / HTTP/1.1\r\n\r\n", 400},
      {"duplicate host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"invalid content-length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n",
       400},
      {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400},
      {"obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400},
      {"bare cr", "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", 400},
      {"target too long", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
      {"field too large",
       "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70000, 'b') + "\r\n\r\n", 431},
      {"unknown transfer coding",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: zstd-fancy, chunked\r\n\r\n", 501},
      {"chunked not the final coding (RFC 9112 §6.3)",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: zstd-fancy\r\n\r\n", 400},
      {"http/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505},
  };
  for (const Row& row : rows) {
    Socket s(port());
    s.Send(row.request);
    Resp r = Parse(s.ReadResponse());
    EXPECT_EQ(r.status, row.status) << row.name;
    EXPECT_EQ(r.Field("Connection"), "close") << row.name;
    EXPECT_TRUE(s.ClosedWithin(2000)) << row.name;
  }
}

TEST_F(ServerTest, ContentLengthWithTransferEncodingUsesTeAndCloses) {
  Socket s(port());
  s.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
      "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "abc");
  EXPECT_EQ(r.Field("Connection"), "close");
  EXPECT_TRUE(s.ClosedWithin(2000));
}

// ---- Connections ----

TEST_F(ServerTest, KeepAliveByDefaultAndCloseOnRequest) {
  Socket s(port());
  s.Send(Get("/static/hello.txt"));
  Resp first = Parse(s.ReadResponse());
  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(first.Has("Connection"));
  s.Send(Get("/static/hello.txt", "Connection: close\r\n"));
  Resp second = Parse(s.ReadResponse());
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.Field("Connection"), "close");
  EXPECT_TRUE(s.ClosedWithin(2000));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Socket s(port());
  s.Send(Get("/static/hello.txt") + Get("/nocontent") + Get("/gone", "Connection: close\r\n"));
  std::string all = s.ReadAll();
  std::size_t a = all.find("HTTP/1.1 200 OK");
  std::size_t b = all.find("HTTP/1.1 204 No Content");
  std::size_t c = all.find("HTTP/1.1 410 Gone");
  EXPECT_NE(a, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_NE(c, std::string::npos);
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAlive) {
  {
    Socket s(port());
    s.Send("GET /static/hello.txt HTTP/1.0\r\n\r\n");
    Resp r = Parse(s.ReadResponse());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Field("Connection"), "close");
    EXPECT_TRUE(s.ClosedWithin(2000));
  }
  Socket s(port());
  s.Send("GET /static/hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.Field("Connection"), "keep-alive");
  EXPECT_FALSE(s.ClosedWithin(300));
  s.Send("GET /static/hello.txt HTTP/1.0\r\n\r\n");
  EXPECT_EQ(Parse(s.ReadResponse()).status, 200);
}

TEST(ServerLifecycleTest, IdleConnectionsAreClosed) {
  ServerOptions options;
  options.idle_timeout_ms = 300;
  auto server = ReferenceServer::Start(options);
  ASSERT_TRUE(server.has_value());
  Socket s((*server)->port());
  EXPECT_TRUE(s.ClosedWithin(3000));
}

TEST(ServerLifecycleTest, ConnectionsBeyondTheLimitGet503) {
  ServerOptions options;
  options.max_connections = 1;
  auto server = StartServer({}, options);
  ASSERT_NE(server, nullptr);
  Socket first(server->port());
  first.Send(Get("/static/hello.txt"));
  EXPECT_EQ(Parse(first.ReadResponse()).status, 200);  // Now certainly accepted.
  Socket second(server->port());
  Resp r = Parse(second.ReadAll());
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(r.Has("Retry-After"));
}

TEST(ServerLifecycleTest, UnknownFaultAndStopTwice) {
  ServerOptions options;
  options.faults = {"no-such-fault"};
  auto bad = ReferenceServer::Start(options);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "usage");
  EXPECT_EQ(bad.error().message, "unknown fault \"no-such-fault\" (see --list-faults)");

  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  Socket open_connection(server->port());
  const auto start = Clock::now();
  server->Stop();
  server->Stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(open_connection.ClosedWithin(1000));
}

TEST(ServerLifecycleTest, RoutesHelpNamesRoutes) {
  std::string help = RoutesHelp();
  for (const char* route : {"/static/hello.txt", "/echo", "/ws", "/status/NNN", "/auth/basic"}) {
    EXPECT_NE(help.find(route), std::string::npos) << route;
  }
}

TEST(ServerRobustnessTest, SurvivesGarbageAndStillServes) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  // Deterministic pseudo-random inputs built from HTTP-ish pieces and raw
  // bytes; whatever the server answers, it must keep serving.
  const char* const kPieces[] = {"GET ",
                                 "POST ",
                                 "/echo",
                                 " HTTP/1.1",
                                 "\r\n",
                                 "\n",
                                 "\r",
                                 "Host: x",
                                 "Content-Length: ",
                                 "Transfer-Encoding: chunked",
                                 "Expect: 100-continue",
                                 "0",
                                 "ffffffffffffffffff",
                                 ":",
                                 " ",
                                 "\r\n\r\n",
                                 "\x00",
                                 "\xff",
                                 "Range: bytes=",
                                 "-",
                                 ","};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  for (int round = 0; round < 60; ++round) {
    std::string input;
    int pieces = static_cast<int>(next() % 40);
    for (int i = 0; i < pieces; ++i) {
      if (next() % 4 == 0) {
        input += static_cast<char>(next() % 256);
      } else {
        input += kPieces[next() % (sizeof kPieces / sizeof kPieces[0])];
      }
    }
    Socket s(server->port());
    s.Send(input);
    s.HalfClose();
    s.ReadAll(3000);
    EXPECT_TRUE(s.closed()) << "round " << round;
  }
  EXPECT_EQ(RoundTrip(server->port(), Get("/static/hello.txt")).status, 200);
}

TEST(ServerRobustnessTest, ChunkedContentOverTheLimitIs413) {
  ServerOptions options;
  options.max_content_bytes = 100;
  auto server = StartServer({}, options);
  ASSERT_NE(server, nullptr);
  Socket s(server->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  for (int i = 0; i < 5; ++i) s.Send("40\r\n" + std::string(64, 'z') + "\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 413);
  EXPECT_TRUE(s.ClosedWithin(2000));
}

TEST(ServerRobustnessTest, SlowHeadIsCutByTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout_ms = 300;
  auto server = ReferenceServer::Start(options);
  ASSERT_TRUE(server.has_value());
  Socket s((*server)->port());
  s.Send("GET / HTTP/1.1\r\nHost: x\r\n");  // Never finished.
  const auto start = Clock::now();
  EXPECT_TRUE(s.ClosedWithin(3000));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
}

}  // namespace
}  // namespace httpconform::server
