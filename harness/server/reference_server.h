// The embedded reference server: the origin server every case must pass
// against, and, with faults (faults.h), fail against. It listens on loopback
// by default, serves one thread per connection up to a bound, and bounds
// every read in time and size, so no input can make it hang or crash.
#ifndef HTTPCONFORM_SERVER_REFERENCE_SERVER_H_
#define HTTPCONFORM_SERVER_REFERENCE_SERVER_H_

#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/core/expected.h"
#include "harness/server/faults.h"
#include "harness/server/routes.h"
#include "harness/server/tls_server.h"

namespace httpconform::server {

/// How to run the server.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                               ///< 0: a free port, see port().
  std::vector<std::string> faults;            ///< Fault names (AllFaults()).
  std::size_t max_content_bytes = 64 * 1024;  ///< Larger request content: 413.
  int idle_timeout_ms = 5000;                 ///< Per connection, between requests and per read.
  int max_connections = 128;                  ///< Beyond: 503 and close.
  /// Sends a 103 (Early Hints) before every final response to an HTTP/1.1
  /// request: allowed (RFC 9110 §15.2, RFC 8297), so no case may fail on it.
  bool early_hints = false;
  /// TLS on every connection (tls_server.h), ALPN "h2" or "http/1.1": a
  /// certificate and key from PEM files, or, when tls_self_signed, one made
  /// at start. Without TLS, HTTP/2 is h2c with prior knowledge.
  std::string tls_cert_file;
  std::string tls_key_file;
  bool tls_self_signed = false;
};

/// The running server; Stop() or destruction ends it.
class ReferenceServer {
 public:
  /// Binds, listens and starts serving; an unknown fault is Error{"usage", ...}.
  static core::Expected<std::unique_ptr<ReferenceServer>> Start(const ServerOptions& options);

  /// The bound port.
  int port() const { return port_; }
  /// "http://127.0.0.1:PORT" ("https://" with TLS).
  std::string url() const;
  /// Stops accepting, closes every connection and joins every thread. Idempotent.
  void Stop();
  ~ReferenceServer();

  ReferenceServer(const ReferenceServer&) = delete;
  ReferenceServer& operator=(const ReferenceServer&) = delete;

 private:
  struct Connection;
  ReferenceServer(ServerOptions options, FaultSet faults, int listen_fd, int port);
  void AcceptLoop();
  void Serve(Connection* connection);
  void ReapFinished(bool all);

  ServerOptions options_;
  FaultSet faults_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> upload_counter_{0};
  SavedContentLocation saved_content_location_;  // For the save-content-location fault.
  std::mutex mutex_;                             // Guards connections_ and stopped_.
  std::list<std::unique_ptr<Connection>> connections_;
  bool stopped_ = false;
  std::thread accept_thread_;
  std::shared_ptr<SSL_CTX> tls_;  // Null: cleartext.
};

/// The route table as text, for `serve --help`.
std::string RoutesHelp();

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_REFERENCE_SERVER_H_
