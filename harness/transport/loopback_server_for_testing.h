// A scripted loopback server for transport tests (test-only; the name says
// so). It listens on 127.0.0.1 with an ephemeral port and plays one script
// per accepted connection, in order: read a request head, read N bytes,
// write bytes, pause, close, reset, hang, or write without end. Everything it
// reads is recorded per connection. Every wait is bounded (a few seconds at
// most), so a broken transport makes a test fail, never hang.
#ifndef HTTPCONFORM_TRANSPORT_LOOPBACK_SERVER_FOR_TESTING_H_
#define HTTPCONFORM_TRANSPORT_LOOPBACK_SERVER_FOR_TESTING_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

typedef struct ssl_ctx_st SSL_CTX;

namespace httpconform::transport::testing {

/// One action of a connection script.
struct ServerStep {
  enum class Kind {
    kReadHead,      ///< Read through the next CRLF CRLF.
    kReadBytes,     ///< Read `count` more bytes.
    kWrite,         ///< Write `bytes`.
    kDelay,         ///< Sleep `count` ms.
    kClose,         ///< Close the connection (FIN) and end the script.
    kReset,         ///< Close with SO_LINGER 0 (RST) and end the script.
    kHang,          ///< Keep the connection open `count` ms, or until the peer closes.
    kWriteForever,  ///< Write `bytes` repeatedly until the peer goes away (at most 10 s).
  };
  Kind kind = Kind::kReadHead;
  std::string bytes;
  std::size_t count = 0;
};

/// Shorthands for script steps.
ServerStep ReadHead();
ServerStep ReadBytes(std::size_t count);
ServerStep Write(std::string bytes);
ServerStep Delay(int ms);
ServerStep Close();
ServerStep Reset();
ServerStep Hang(int ms);
ServerStep WriteForever(std::string chunk);

using ConnectionScript = std::vector<ServerStep>;

/// A TLS server context with a fresh self-signed P-256 certificate
/// (generated in memory with OpenSSL), CN "localhost", its subject
/// alternative names `san` (OpenSSL's syntax). The certificate in PEM goes
/// to `*cert_pem` when given, for clients that are to trust it.
std::shared_ptr<SSL_CTX> MakeSelfSignedServerContextForTesting(
    std::string* cert_pem = nullptr, const std::string& san = "DNS:localhost,IP:127.0.0.1");

/// The server; see the file comment. A script that ends without kClose,
/// kReset or kHang closes the connection gracefully.
class LoopbackServer {
 public:
  /// Starts listening; `tls` (optional) makes it an https server.
  explicit LoopbackServer(std::vector<ConnectionScript> scripts,
                          std::shared_ptr<SSL_CTX> tls = nullptr);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  /// The port it listens on (127.0.0.1).
  int port() const { return port_; }
  /// "http://127.0.0.1:PORT" or https.
  std::string url() const;
  /// Bytes read on the `index`-th accepted connection.
  std::string received(std::size_t index) const;
  /// Connections accepted so far.
  int accepted() const { return accepted_.load(); }
  /// Stops and joins the thread (also done by the destructor).
  void Stop();

 private:
  void Run();
  void Play(int fd, const ConnectionScript& script, std::size_t index);

  std::vector<ConnectionScript> scripts_;
  std::shared_ptr<SSL_CTX> tls_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> received_;
  std::thread thread_;
  std::vector<std::thread> workers_;  // Owned by thread_.
};

}  // namespace httpconform::transport::testing

#endif  // HTTPCONFORM_TRANSPORT_LOOPBACK_SERVER_FOR_TESTING_H_
