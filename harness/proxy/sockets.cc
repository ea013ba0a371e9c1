#include "harness/proxy/sockets.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace httpconform::proxy {
namespace {

constexpr int kSliceMs = 100;  // Poll granularity of the accept loop: how fast Stop() is seen.

}  // namespace

bool ReadRequest(int fd, std::string* buf, wire::RequestParser* parser, int idle_ms,
                 const std::atomic<bool>& stop, const ReadHooks& hooks) {
  using State = wire::RequestParser::State;
  auto take = [&] {
    const std::size_t used = parser->Feed(*buf);
    if (hooks.consumed != nullptr) hooks.consumed->append(*buf, 0, used);
    buf->erase(0, used);
  };
  auto feed = [&] {
    take();
    if (parser->state() == State::kHeadDone) {
      if (hooks.on_head && !hooks.on_head(parser->request(), buf->size())) return false;
      parser->Continue();
      take();
    }
    return true;
  };
  if (!feed()) return false;
  while (parser->state() == State::kHead || parser->state() == State::kContent) {
    if (ReadMore(fd, *buf, idle_ms, stop) != ReadStatus::kOk) return false;
    if (!feed()) return false;
  }
  return true;
}

void ArmReset(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr a{};
  return ::inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

bool SplitHostPort(const std::string& text, std::string* host, int* port) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string h = text.substr(0, colon);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  const std::string p = text.substr(colon + 1);
  if (p.size() > 5 ||
      !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const int n = std::stoi(p);
  if (n > 65535) return false;
  *host = h;
  *port = n;
  return true;
}

std::string Authority(const std::string& host, int port) {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

core::Expected<int> Connect(const std::string& host, int port, int timeout_ms) {
  if (!IsLoopback(host)) return core::MakeError("connect", host + " is not a loopback address");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* result = nullptr;
  const std::string port_text = std::to_string(port);
  if (::getaddrinfo(host.c_str(), port_text.c_str(), &hints, &result) != 0 || !result) {
    return core::MakeError("connect", "cannot resolve " + host);
  }
  const int fd = ::socket(result->ai_family, result->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          result->ai_protocol);
  if (fd < 0) {
    ::freeaddrinfo(result);
    return core::MakeError("connect", std::string("socket: ") + std::strerror(errno));
  }
  int r = ::connect(fd, result->ai_addr, result->ai_addrlen);
  ::freeaddrinfo(result);
  if (r != 0 && errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    r = ::poll(&p, 1, timeout_ms) == 1 ? 0 : -1;
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (r == 0 && err != 0) {
      errno = err;
      r = -1;
    }
  }
  if (r != 0) {
    const int err = errno;
    ::close(fd);
    return core::MakeError("connect", Authority(host, port) + ": " + std::strerror(err));
  }
  return fd;
}

core::Expected<std::unique_ptr<Listener>> Listener::Start(const std::string& host, int port,
                                                          int max_connections, Handler handler) {
  if (!IsLoopback(host)) {
    return core::MakeError("usage", host + " is not a loopback address (127.0.0.0/8, ::1)");
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
  addrinfo* result = nullptr;
  const std::string port_text = std::to_string(port);
  const int gai = ::getaddrinfo(host.c_str(), port_text.c_str(), &hints, &result);
  if (gai != 0 || result == nullptr) {
    return core::MakeError("listen", "cannot resolve " + host + ": " + gai_strerror(gai));
  }
  const int fd =
      ::socket(result->ai_family, result->ai_socktype | SOCK_CLOEXEC, result->ai_protocol);
  if (fd < 0) {
    ::freeaddrinfo(result);
    return core::MakeError("listen", std::string("socket: ") + std::strerror(errno));
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, result->ai_addr, result->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
    const int err = errno;
    ::freeaddrinfo(result);
    ::close(fd);
    return core::MakeError("listen", Authority(host, port) + ": " + std::strerror(err));
  }
  ::freeaddrinfo(result);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int bound = addr.ss_family == AF_INET6
                        ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                        : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  std::unique_ptr<Listener> l(new Listener(host, bound, fd, max_connections, std::move(handler)));
  l->accept_thread_ = std::thread([p = l.get()] { p->AcceptLoop(); });
  return l;
}

Listener::~Listener() { Stop(); }

void Listener::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  stop_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& c : connections_) ::shutdown(c->fd, SHUT_RDWR);
  }
  Reap(true);
}

void Listener::Reap(bool all) {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (all || (*it)->done) {
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : finished) {
    if (c->thread.joinable()) c->thread.join();
    ::close(c->fd);
  }
}

void Listener::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, kSliceMs);
    Reap(false);
    if (r <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        std::this_thread::sleep_for(std::chrono::milliseconds(kSliceMs));
      }
      continue;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (connections_.size() >= static_cast<std::size_t>(std::max(max_connections_, 1))) {
      ::close(fd);  // Over the bound: refused, without a thread.
      continue;
    }
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    Connection* raw = c.get();
    c->thread = std::thread([this, raw] {
      handler_(raw->fd, stop_);
      raw->done = true;
    });
    connections_.push_back(std::move(c));
  }
}

}  // namespace httpconform::proxy
