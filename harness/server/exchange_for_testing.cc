#include "harness/server/exchange_for_testing.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "harness/server/reference_server.h"

namespace httpconform::server {

bool StartsWithForTesting(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

int CountOfForTesting(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

AnswerForTesting ExchangeForTesting(const std::vector<std::string>& faults,
                                    const std::string& request, int quiet_ms) {
  ServerOptions options;
  options.faults = faults;
  return ExchangeWithOptionsForTesting(options, request, quiet_ms);
}

AnswerForTesting ExchangeWithOptionsForTesting(const ServerOptions& options,
                                               const std::string& request, int quiet_ms) {
  using Clock = std::chrono::steady_clock;
  auto server = ReferenceServer::Start(options);
  EXPECT_TRUE(server) << (server ? "" : server.error().message);
  AnswerForTesting answer;
  if (!server) return answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>((*server)->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    ADD_FAILURE() << "cannot connect";
    (*server)->Stop();
    return answer;
  }
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  const auto deadline = Clock::now() + std::chrono::milliseconds(3000);
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, quiet_ms) <= 0) break;  // Quiet: the server keeps it open.
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
      answer.closed = true;
      break;
    }
    answer.bytes.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  (*server)->Stop();
  return answer;
}

}  // namespace httpconform::server
