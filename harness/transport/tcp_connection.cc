// TcpConnection and Connect() (connection.h). The socket is non-blocking
// from its creation, and every wait is a poll() bounded by the caller's
// deadline, so no call blocks past it. Writes use MSG_NOSIGNAL: a peer that
// went away is an Io::kReset here, never a SIGPIPE. Reads go through one
// 16 KiB stack buffer per call.
#include "harness/transport/tcp_connection.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace httpconform::transport {

Deadline After(int ms) { return Clock::now() + std::chrono::milliseconds(std::max(ms, 0)); }

int RemainingMs(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30));
}

Connector TargetConnector(ConnectOptions options, bool https, std::shared_ptr<SSL_CTX> tls,
                          std::string tls_error) {
  return
      [options = std::move(options), https, tls = std::move(tls), tls_error = std::move(tls_error)](
          Deadline deadline) mutable -> core::Expected<std::unique_ptr<Connection>> {
        if (https && !tls) {
          return core::MakeError("connect", "cannot connect to " +
                                                HostPort(options.host, options.port) +
                                                ": cannot set up TLS: " + tls_error);
        }
        options.tls = tls.get();
        return Connect(options, deadline);
      };
}

std::string HostPort(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool WaitForFd(int fd, short events, Deadline deadline) {
  for (;;) {
    const int ms = RemainingMs(deadline);
    if (ms == 0) return false;
    pollfd p{fd, events, 0};
    const int r = poll(&p, 1, ms);
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return true;
    if (r == 0 && Clock::now() >= deadline) return false;
  }
}

Io TcpConnection::WriteAll(std::string_view bytes, Deadline deadline, std::size_t* written) {
  *written = 0;
  if (fd_ < 0) return Io::kReset;
  while (*written < bytes.size()) {
    const ssize_t n = send(fd_, bytes.data() + *written, bytes.size() - *written, MSG_NOSIGNAL);
    if (n > 0) {
      *written += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!WaitForFd(fd_, POLLOUT, deadline)) return Io::kTimeout;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return Io::kReset;  // EPIPE, ECONNRESET and anything else fatal.
    }
  }
  return Io::kOk;
}

Io TcpConnection::ReadSome(std::string* out, std::size_t max, Deadline deadline) {
  if (fd_ < 0) return Io::kReset;
  char buffer[kReadChunkBytes];
  max = std::min(max, sizeof buffer);
  for (;;) {
    const ssize_t n = recv(fd_, buffer, max, 0);
    if (n > 0) {
      out->append(buffer, static_cast<std::size_t>(n));
      return Io::kOk;
    }
    if (n == 0) return Io::kEof;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!WaitForFd(fd_, POLLIN, deadline)) return Io::kTimeout;
    } else if (errno != EINTR) {
      return Io::kReset;
    }
  }
}

void TcpConnection::ShutdownWrite() {
  if (fd_ >= 0) shutdown(fd_, SHUT_WR);
}

void TcpConnection::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool TcpConnection::PeerGone() {
  if (fd_ < 0) return true;
  char byte;
  for (;;) {
    const ssize_t n = recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0) return false;  // Bytes first: the caller reads them before any close.
    if (n == 0) return true;
    if (errno == EINTR) continue;
    return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

core::Expected<std::unique_ptr<TcpConnection>> ConnectTcp(const std::string& host, int port,
                                                          Deadline deadline) {
  auto fail = [&](const std::string& why) {
    return core::MakeError("connect", "cannot connect to " + HostPort(host, port) + ": " + why);
  };
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* addresses = nullptr;
  const std::string service = std::to_string(port);
  const int gai = getaddrinfo(host.c_str(), service.c_str(), &hints, &addresses);
  if (gai != 0) return fail(gai_strerror(gai));

  int fd = -1;
  std::string why = "no address";
  for (addrinfo* a = addresses; a != nullptr && fd < 0; a = a->ai_next) {
    const int s =
        socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (s < 0) {
      why = std::strerror(errno);
      continue;
    }
    int error = 0;
    if (connect(s, a->ai_addr, a->ai_addrlen) != 0) {
      error = errno;
      if (error == EINPROGRESS) {
        if (!WaitForFd(s, POLLOUT, deadline)) {
          error = ETIMEDOUT;
        } else {
          socklen_t length = sizeof error;
          if (getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
        }
      }
    }
    if (error != 0) {
      why = error == ETIMEDOUT ? "timed out" : std::strerror(error);
      close(s);
      continue;
    }
    const int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fd = s;
  }
  freeaddrinfo(addresses);
  if (fd < 0) return fail(why);
  return std::make_unique<TcpConnection>(fd);
}

core::Expected<std::unique_ptr<Connection>> Connect(const ConnectOptions& options,
                                                    Deadline deadline) {
  core::Expected<std::unique_ptr<TcpConnection>> tcp =
      ConnectTcp(options.host, options.port, deadline);
  if (!tcp) return tcp.error();
  if (options.tls == nullptr) return std::unique_ptr<Connection>(std::move(*tcp));
  return StartTls(std::move(*tcp), options, deadline);
}

}  // namespace httpconform::transport
