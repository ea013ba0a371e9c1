// RawTransport: the byte-exact transport for wire-level cases. It makes
// connections (connection.h: TCP, and TLS for https offering ALPN
// "http/1.1" only) and hands each session a Connector for them; the HTTP/1.1
// session itself is RawSession (raw_session.h, which holds the design).
//
// SIGPIPE: plain sockets use MSG_NOSIGNAL; OpenSSL writes with write(2), so
// creating a raw transport sets SIGPIPE to SIG_IGN if it is still SIG_DFL.
#include "harness/transport/raw_transport.h"

#include <signal.h>

#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "harness/transport/raw_session.h"
#include "harness/transport/tls.h"

namespace httpconform::transport {
namespace {

class RawTransport : public Transport {
 public:
  RawTransport(const Target& target, const TransportOptions& options)
      : target_(target), options_(options) {
    static std::once_flag sigpipe_once;
    std::call_once(sigpipe_once, [] {
      struct sigaction current {};
      if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
        signal(SIGPIPE, SIG_IGN);
      }
    });
    if (target_.scheme != "https") return;
    // This transport speaks HTTP/1.1 only, and says so (RFC 7301).
    core::Expected<std::shared_ptr<SSL_CTX>> ctx =
        MakeClientTlsContext(options_, std::string_view("\x08http/1.1", 9));
    if (ctx) {
      tls_ = std::move(*ctx);
    } else {
      tls_error_ = ctx.error().message;
    }
  }

  std::unique_ptr<Session> OpenSession() override {
    // The connector keeps the TLS context alive: a session may outlive its transport.
    ConnectOptions connect_options;
    connect_options.host = target_.host;
    connect_options.port = target_.port;
    connect_options.verify_tls = options_.verify_tls;
    Connector connect =
        TargetConnector(std::move(connect_options), target_.scheme == "https", tls_, tls_error_);
    return MakeRawSession(options_, std::move(connect));
  }

 private:
  Target target_;
  TransportOptions options_;
  std::shared_ptr<SSL_CTX> tls_;
  std::string tls_error_;
};

}  // namespace

std::unique_ptr<Transport> MakeRawTransport(const Target& target, const TransportOptions& options) {
  return std::make_unique<RawTransport>(target, options);
}

std::unique_ptr<Session> MakeRawSession(const TransportOptions& options, Connector connect) {
  return std::make_unique<raw::RawSession>(options, std::move(connect));
}

}  // namespace httpconform::transport
