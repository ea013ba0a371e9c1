// TlsConnection: OpenSSL over a TcpConnection (connection.h). The handshake
// and every record wait with poll() on the socket within the caller's
// deadline (OpenSSL asks to wait for reading or writing; either may happen
// in SSL_read and SSL_write alike). Verification is the context's (tls.h:
// system store or --cacert, or none for -k) plus the host name set per
// connection; ALPN is the context's list or the one in ConnectOptions, so an
// HTTP/2 client asks for "h2" on the same code path. A server that closes
// without close_notify ends the stream (SSL_OP_IGNORE_UNEXPECTED_EOF in
// tls.cc): an EOF, as on plain TCP. OpenSSL writes with write(2), so the raw
// transport ignores SIGPIPE (raw_transport.cc).
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>

#include "harness/transport/tcp_connection.h"
#include "harness/transport/tls.h"

namespace httpconform::transport {
namespace {

class TlsConnection : public Connection {
 public:
  TlsConnection(std::unique_ptr<TcpConnection> tcp, SSL* ssl) : tcp_(std::move(tcp)), ssl_(ssl) {}
  ~TlsConnection() override { Close(); }
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  Io WriteAll(std::string_view bytes, Deadline deadline, std::size_t* written) override {
    *written = 0;
    if (ssl_ == nullptr) return Io::kReset;
    while (*written < bytes.size()) {
      ERR_clear_error();
      std::size_t n = 0;
      if (SSL_write_ex(ssl_, bytes.data() + *written, bytes.size() - *written, &n) == 1) {
        *written += n;
        continue;
      }
      const Io wait = WaitAfter(SSL_get_error(ssl_, 0), deadline);
      if (wait != Io::kOk) return wait == Io::kEof ? Io::kReset : wait;
    }
    return Io::kOk;
  }

  Io ReadSome(std::string* out, std::size_t max, Deadline deadline) override {
    if (ssl_ == nullptr) return Io::kReset;
    char buffer[kReadChunkBytes];
    max = std::min(max, sizeof buffer);
    for (;;) {
      ERR_clear_error();
      std::size_t n = 0;
      if (SSL_read_ex(ssl_, buffer, max, &n) == 1) {
        out->append(buffer, n);
        return Io::kOk;
      }
      const Io wait = WaitAfter(SSL_get_error(ssl_, 0), deadline);
      if (wait != Io::kOk) return wait;
    }
  }

  void ShutdownWrite() override {
    if (ssl_ == nullptr) return;
    SSL_shutdown(ssl_);
    tcp_->ShutdownWrite();
  }

  void Close() override {
    if (ssl_ != nullptr) SSL_free(ssl_);
    ssl_ = nullptr;
    tcp_->Close();
  }

  bool open() const override { return ssl_ != nullptr; }

  // Looks at the socket: a close_notify record is a byte there, so a peer
  // that closed cleanly shows as gone once that record was read.
  bool PeerGone() override { return ssl_ == nullptr || tcp_->PeerGone(); }

  std::string alpn_protocol() const override {
    const unsigned char* name = nullptr;
    unsigned int length = 0;
    if (ssl_ != nullptr) SSL_get0_alpn_selected(ssl_, &name, &length);
    return name == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(name), length);
  }

 private:
  // After a call that did not complete: waits as OpenSSL asks (kOk: call
  // again), or says how the stream ended.
  Io WaitAfter(int error, Deadline deadline) {
    switch (error) {
      case SSL_ERROR_WANT_READ:
        return WaitForFd(tcp_->fd(), POLLIN, deadline) ? Io::kOk : Io::kTimeout;
      case SSL_ERROR_WANT_WRITE:
        return WaitForFd(tcp_->fd(), POLLOUT, deadline) ? Io::kOk : Io::kTimeout;
      case SSL_ERROR_ZERO_RETURN:
        return Io::kEof;
      case SSL_ERROR_SYSCALL:
        return errno == 0 ? Io::kEof : Io::kReset;
      default:
        return Io::kReset;
    }
  }

  std::unique_ptr<TcpConnection> tcp_;
  SSL* ssl_;
};

}  // namespace

core::Expected<std::unique_ptr<Connection>> StartTls(std::unique_ptr<TcpConnection> tcp,
                                                     const ConnectOptions& options,
                                                     Deadline deadline) {
  const std::string where = "cannot connect to " + HostPort(options.host, options.port) + ": ";
  SSL* ssl = SSL_new(options.tls);
  if (ssl == nullptr) return core::MakeError("connect", where + "TLS: " + OpenSslErrors());
  const int fd = tcp->fd();
  auto connection = std::make_unique<TlsConnection>(std::move(tcp), ssl);
  SSL_set_fd(ssl, fd);
  SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (!options.alpn.empty()) {
    SSL_set_alpn_protos(ssl, reinterpret_cast<const unsigned char*>(options.alpn.data()),
                        static_cast<unsigned int>(options.alpn.size()));
  }
  PrepareClientTls(ssl, options.host, options.verify_tls);
  for (;;) {
    ERR_clear_error();
    const int r = SSL_connect(ssl);
    if (r == 1) return std::unique_ptr<Connection>(std::move(connection));
    const int error = SSL_get_error(ssl, r);
    bool ready = false;
    if (error == SSL_ERROR_WANT_READ) {
      ready = WaitForFd(fd, POLLIN, deadline);
    } else if (error == SSL_ERROR_WANT_WRITE) {
      ready = WaitForFd(fd, POLLOUT, deadline);
    } else {
      return TlsHandshakeError(ssl, where + "TLS handshake failed: ");
    }
    if (!ready) return core::MakeError("connect", where + "TLS handshake timed out");
  }
}

}  // namespace httpconform::transport
