// TcpConnection: a Connection over a non-blocking TCP socket (connection.h),
// and the socket-level pieces TlsConnection builds on. Internal to the
// transport module: other modules ask for a Connection through Connect().
#ifndef HTTPCONFORM_TRANSPORT_TCP_CONNECTION_H_
#define HTTPCONFORM_TRANSPORT_TCP_CONNECTION_H_

#include <memory>
#include <string>

#include "harness/transport/connection.h"

namespace httpconform::transport {

/// Waits for `events` (poll(2)) on `fd` until `deadline`: true on readiness,
/// an error or a hang-up (the next call on the socket tells which), false
/// when the deadline came first.
bool WaitForFd(int fd, short events, Deadline deadline);

/// Plain TCP; owns the socket.
class TcpConnection : public Connection {
 public:
  explicit TcpConnection(int fd) : fd_(fd) {}
  ~TcpConnection() override { Close(); }
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  Io WriteAll(std::string_view bytes, Deadline deadline, std::size_t* written) override;
  Io ReadSome(std::string* out, std::size_t max, Deadline deadline) override;
  void ShutdownWrite() override;
  void Close() override;
  bool open() const override { return fd_ >= 0; }
  bool PeerGone() override;

  /// The socket, for a TLS layer on top; -1 once closed.
  int fd() const { return fd_; }

 private:
  int fd_;
};

/// The TCP half of Connect(): resolution, connect, TCP_NODELAY.
core::Expected<std::unique_ptr<TcpConnection>> ConnectTcp(const std::string& host, int port,
                                                          Deadline deadline);

/// The TLS half of Connect() (tls_connection.cc): a handshake over `tcp`
/// per `options` (tls, verify_tls, alpn), by `deadline`.
core::Expected<std::unique_ptr<Connection>> StartTls(std::unique_ptr<TcpConnection> tcp,
                                                     const ConnectOptions& options,
                                                     Deadline deadline);

/// The most bytes one ReadSome() call returns (its stack buffer).
inline constexpr std::size_t kReadChunkBytes = 16 * 1024;

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_TCP_CONNECTION_H_
