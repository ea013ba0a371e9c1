// Unit tests of the two faults that network fuzzing must find
// (harness/netfuzz): 500-for-obs-fold and hang-on-cl-conflict. Each sends the
// same bytes to a clean server and to a faulty one over a plain loopback
// socket (no transport, no wire parser) and checks the one difference.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "harness/server/reference_server.h"

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;

struct Reply {
  std::string bytes;
  bool closed = false;
};

// Sends `request` to a server with `faults` and reads for at most `wait_ms`
// or until the server closes.
Reply Send(const std::vector<std::string>& faults, const std::string& request, int wait_ms) {
  ServerOptions options;
  options.faults = faults;
  options.idle_timeout_ms = 3000;
  auto server = ReferenceServer::Start(options);
  EXPECT_TRUE(server);
  Reply reply;
  if (!server) return reply;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>((*server)->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.size()));
  const auto deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      reply.closed = true;
      break;
    }
    reply.bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

const char kObsFold[] =
    "GET / HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n b\r\nConnection: close\r\n\r\n";
const char kClConflict[] =
    "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nContent-Length: 4\r\n"
    "Connection: close\r\n\r\nabcd";

TEST(NetfuzzFaults, ObsFoldGets400WhenClean) {
  Reply r = Send({}, kObsFold, 2000);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 400", 0), 0u) << r.bytes;
}

TEST(NetfuzzFaults, ObsFoldGets500WithFault) {
  Reply r = Send({"500-for-obs-fold"}, kObsFold, 2000);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 500", 0), 0u) << r.bytes;
  EXPECT_TRUE(r.closed);
}

TEST(NetfuzzFaults, ObsFoldFaultLeavesOtherErrorsAlone) {
  Reply r = Send({"500-for-obs-fold"}, "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 2000);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 400", 0), 0u) << r.bytes;
}

TEST(NetfuzzFaults, ClConflictGets400WhenClean) {
  Reply r = Send({}, kClConflict, 2000);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 400", 0), 0u) << r.bytes;
}

TEST(NetfuzzFaults, ClConflictGetsNothingWithFault) {
  Reply r = Send({"hang-on-cl-conflict"}, kClConflict, 1000);
  EXPECT_TRUE(r.bytes.empty()) << r.bytes;
  EXPECT_FALSE(r.closed);  // Held open, not closed: a hang.
}

TEST(NetfuzzFaults, HangFaultStillAnswersValidRequests) {
  Reply r = Send({"hang-on-cl-conflict"},
                 "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 2000);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 200", 0), 0u) << r.bytes;
}

}  // namespace
}  // namespace httpconform::server
