// The reference server's end-to-end tests talk to it through this minimal
// client: plain POSIX sockets on loopback, exact bytes written, the status
// line and fields matched as strings, so that neither the transport nor the
// wire module is trusted. Shared by reference_server_test.cc (resources,
// conditionals, ranges, routes, methods), reference_server_connection_test.cc
// (wire errors, connections, lifecycle, robustness) and
// reference_server_fault_test.cc (each fault changes exactly its behaviour).
#ifndef HTTPCONFORM_SERVER_REFERENCE_SERVER_CLIENT_FOR_TESTING_H_
#define HTTPCONFORM_SERVER_REFERENCE_SERVER_CLIENT_FOR_TESTING_H_

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

namespace httpconform::server::test_client {

using Clock = std::chrono::steady_clock;

class Socket {
 public:
  explicit Socket(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  void Send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }
  void HalfClose() { ::shutdown(fd_, SHUT_WR); }
  // Reads until `done(buffer)`, EOF or the timeout; sets closed_ on EOF.
  template <typename Done>
  std::string ReadUntil(Done done, int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done(buffer_) && !closed_) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[65536];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    std::string out;
    out.swap(buffer_);
    return out;
  }
  // Everything until the server closes.
  std::string ReadAll(int timeout_ms = 3000) {
    return ReadUntil([](const std::string&) { return false; }, timeout_ms);
  }
  // Whatever arrives within `ms`.
  std::string ReadFor(int ms) {
    return ReadUntil([](const std::string&) { return false; }, ms);
  }
  // One response framed by Content-Length (or none), after any 1xx.
  std::string ReadResponse(bool head_request = false, int timeout_ms = 3000) {
    return ReadUntil(
        [head_request](const std::string& b) {
          std::size_t pos = 0;
          while (true) {
            std::size_t end = b.find("\r\n\r\n", pos);
            if (end == std::string::npos) return false;
            std::string head = b.substr(pos, end - pos);
            if (head.compare(0, 10, "HTTP/1.1 1") == 0 &&
                head.compare(0, 12, "HTTP/1.1 101") != 0) {
              pos = end + 4;
              continue;
            }
            std::size_t length = 0;
            std::size_t cl = head.find("\r\nContent-Length: ");
            if (cl != std::string::npos && !head_request) {
              length = std::stoul(head.substr(cl + 18));
            }
            return b.size() >= end + 4 + length;
          }
        },
        timeout_ms);
  }
  bool closed() const { return closed_; }
  // Whether the server closes within `ms` (reads and discards).
  bool ClosedWithin(int ms) {
    ReadFor(ms);
    return closed_;
  }

 private:
  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

struct Resp {
  std::vector<int> interim;
  std::vector<std::string> interim_heads;
  std::string version;
  int status = 0;
  std::string status_line;
  std::multimap<std::string, std::string> fields;  // Lower-case names.
  std::string head;
  std::string body;  // Everything after the final head.

  bool Has(const std::string& name) const { return fields.count(Lower(name)) > 0; }
  std::string Field(const std::string& name) const {
    auto it = fields.find(Lower(name));
    return it == fields.end() ? "" : it->second;
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
};

/// The interim heads, status line, fields and content of `raw`.
Resp Parse(const std::string& raw);

/// Sends `request`, half-closes and reads until the server closes.
Resp RoundTrip(int port, const std::string& request);

/// A request for `target` with Host and the field lines `extra`.
std::string Get(const std::string& target, const std::string& extra = "",
                const std::string& method = "GET");

/// A server on a free loopback port with `faults` (2 s idle timeout).
std::unique_ptr<ReferenceServer> StartServer(std::vector<std::string> faults = {},
                                             ServerOptions options = {});

/// One clean server shared by a test suite.
class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = StartServer().release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  int port() const { return server_->port(); }
  Resp Do(const std::string& request) { return RoundTrip(port(), request); }
  static ReferenceServer* server_;
};

inline const char* const kLastModified = "Sat, 01 Jan 2022 00:00:00 GMT";

}  // namespace httpconform::server::test_client

#endif  // HTTPCONFORM_SERVER_REFERENCE_SERVER_CLIENT_FOR_TESTING_H_
