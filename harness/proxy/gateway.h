// The reference gateway (`httpconform serve --gateway HOST:PORT`): a reverse
// proxy that every proxy case must pass against, and, with faults
// (gateway_faults.h), fail against, as the reference server does for the
// origin library. It forwards each request to one upstream on loopback as RFC
// 9110 §7.6 says (forwarding.h), over a new connection per request, and
// answers itself where an intermediary must: Max-Forwards 0 on TRACE and
// OPTIONS (§7.6.2), 502 for an upstream response that is invalid, cut short
// or not HTTP (RFC 9112 §6.3, RFC 9110 §15.6.3), 504 when the upstream sends
// nothing in time (§15.6.5). Interim responses are forwarded (§15.2), never
// to an HTTP/1.0 client; a 101 it did not ask for is invalid (the gateway
// never forwards Upgrade). With `cache` (the default; `serve --gateway
// --no-cache` turns it off) it is a shared cache (RFC 9111, cache_flow.h).
//
// Bounds: the request parser's limits (1 MiB of content), an upstream
// response of at most 1 MiB of content (more: 502) read within the upstream
// timeout, 256 connections, 10 s idle per client connection.
#ifndef HTTPCONFORM_PROXY_GATEWAY_H_
#define HTTPCONFORM_PROXY_GATEWAY_H_

#include <memory>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/proxy/cache.h"
#include "harness/proxy/gateway_faults.h"
#include "harness/proxy/sockets.h"

namespace httpconform::proxy {

struct GatewayOptions {
  std::string host = "127.0.0.1";
  int port = 0;  ///< 0: a free port.
  std::string upstream_host = "127.0.0.1";
  int upstream_port = 0;
  std::vector<std::string> faults;  ///< Gateway fault names.
  int upstream_timeout_ms = 2000;   ///< Nothing from upstream within it: 504.
  bool cache = true;                ///< A shared cache (cache_flow.h); false: none.
};

class ReferenceGateway {
 public:
  /// Starts listening; an unknown fault or an address off loopback is Error{"usage"}.
  static core::Expected<std::unique_ptr<ReferenceGateway>> Start(const GatewayOptions& options);
  int port() const { return listener_->port(); }
  /// "http://127.0.0.1:PORT/".
  std::string url() const { return "http://" + listener_->authority() + "/"; }
  void Stop() { listener_->Stop(); }

 private:
  ReferenceGateway(GatewayOptions options, GatewayFaultSet faults)
      : options_(std::move(options)), faults_(faults) {}
  void Serve(int fd, const std::atomic<bool>& stop);

  GatewayOptions options_;
  GatewayFaultSet faults_;
  std::unique_ptr<Cache> cache_;  // Null without a cache.
  std::unique_ptr<Listener> listener_;
};

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_GATEWAY_H_
