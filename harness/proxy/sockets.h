// Loopback sockets for the proxy module's two servers (the scripted origin
// and the reference gateway): a listener that serves each connection on its
// own thread, up to a bound, reading whole requests with the wire parser. Every wait is in
// slices of 100 ms so that Stop() is seen promptly; Stop() joins every
// thread, so no descriptor is used after it is closed.
#ifndef HTTPCONFORM_PROXY_SOCKETS_H_
#define HTTPCONFORM_PROXY_SOCKETS_H_

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "harness/core/expected.h"
#include "harness/server/socket_io.h"
#include "harness/wire/request_parser.h"

namespace httpconform::proxy {

// Bounded reads and writes and the staged close are the reference server's
// (harness/server/socket_io.h), shared.
using server::LingerClose;
using server::ReadMore;
using server::ReadStatus;
using server::WriteAll;

/// What a reader of requests may do besides parsing.
struct ReadHooks {
  /// Called once the head is whole, before the content is read, with the
  /// bytes already buffered after the head (`pending`); false: stop there
  /// (ReadRequest returns false, the content unread). The origin sends 100
  /// (Continue) here, the gateway forwards the head (RFC 9110 §10.1.1).
  std::function<bool(const wire::Request& head, std::size_t pending)> on_head;
  /// When set, receives the bytes the parser consumed for this request.
  std::string* consumed = nullptr;
};

/// Feeds `*buf` to `parser`, reading more from `fd` (each read within
/// `idle_ms`) until the request is whole (kDone) or refused (kError); the
/// head is taken whole before the content, then `hooks.on_head` runs.
/// Bytes after the request stay in `*buf` for the next one. False when the
/// connection ended, went idle, the server stops or `on_head` says so first.
bool ReadRequest(int fd, std::string* buf, wire::RequestParser* parser, int idle_ms,
                 const std::atomic<bool>& stop, const ReadHooks& hooks = {});

/// Makes the coming close() send RST instead of FIN.
void ArmReset(int fd);

/// Connects to HOST:PORT within `timeout_ms`; the descriptor, or an error.
core::Expected<int> Connect(const std::string& host, int port, int timeout_ms);

/// True for 127.0.0.0/8, ::1 and "localhost": the only addresses the proxy
/// module listens on or sends to.
bool IsLoopback(const std::string& host);

/// Splits "HOST:PORT" ("[::1]:PORT" for IPv6); false when it is not one.
bool SplitHostPort(const std::string& text, std::string* host, int* port);

/// "HOST:PORT", brackets around an IPv6 address.
std::string Authority(const std::string& host, int port);

/// A listening socket on loopback whose connections each get a thread.
class Listener {
 public:
  /// Serves one connection; the listener closes `fd` when it returns.
  using Handler = std::function<void(int fd, const std::atomic<bool>& stop)>;

  /// Binds HOST:PORT (port 0: a free one) and starts accepting. Beyond
  /// `max_connections` open at once, new connections are closed at once.
  static core::Expected<std::unique_ptr<Listener>> Start(const std::string& host, int port,
                                                         int max_connections, Handler handler);
  int port() const { return port_; }
  std::string authority() const { return Authority(host_, port_); }
  /// Stops accepting, shuts every connection down and joins every thread.
  void Stop();
  ~Listener();

  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

 private:
  struct Connection {
    int fd = -1;
    std::thread thread;
    std::atomic<bool> done{false};
  };
  Listener(std::string host, int port, int fd, int max_connections, Handler handler)
      : host_(std::move(host)),
        port_(port),
        listen_fd_(fd),
        max_connections_(max_connections),
        handler_(std::move(handler)) {}
  void AcceptLoop();
  void Reap(bool all);

  std::string host_;
  int port_ = 0;
  int listen_fd_ = -1;
  int max_connections_ = 0;
  Handler handler_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;  // Guards connections_ and stopped_.
  std::list<std::unique_ptr<Connection>> connections_;
  bool stopped_ = false;
  std::thread accept_thread_;
};

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_SOCKETS_H_
