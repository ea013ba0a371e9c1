// How the reference gateway answers one request through its shared cache
// (RFC 9111): look a stored response up (§4, §4.1), serve it with Age when
// fresh or stale-allowed (§4.2, §5.1), else forward, conditionally when it has
// validators (§4.3.1), update it from a 304 (§4.3.4) or replace it with a full
// response (§4.3.3), store what may be stored (§3), invalidate after unsafe
// methods (§4.4), answer only-if-cached with 504 (§5.2.1.7) and never serve a
// stale response past must-revalidate when the upstream is down (§5.2.2.2).
// The gateway gives it the upstream exchange as a function, so the flow knows
// no sockets. Requests with Range or a precondition of their own are
// forwarded without the cache (a cache MAY do so); HEAD is served from a
// stored GET response when one can be reused, else forwarded.
#ifndef HTTPCONFORM_PROXY_CACHE_FLOW_H_
#define HTTPCONFORM_PROXY_CACHE_FLOW_H_

#include <functional>
#include <optional>
#include <string>

#include "harness/core/message.h"
#include "harness/proxy/cache.h"
#include "harness/proxy/gateway_faults.h"
#include "harness/wire/request_parser.h"

namespace httpconform::proxy {

/// The upstream's answer to one forwarded request.
struct Fetched {
  bool ok = false;       ///< A complete, valid response came back.
  bool timeout = false;  ///< Not ok: nothing came back in time (else: invalid or no connection).
  core::Response response;
  std::string why;    ///< Not ok: in words.
  std::string fatal;  ///< Not ok: the parser's fatal diagnostic, if any.
};

/// Forwards the request with `extra` fields added (validators); what came back.
using FetchFn = std::function<Fetched(const core::Fields& extra)>;

/// What the gateway sends the client.
struct CacheAnswer {
  std::optional<core::Response> response;  ///< Relay this (from the cache or upstream).
  int own_status = 0;                      ///< Else, with it set: the gateway's own error.
  std::string why;                         ///< Its explanation.
  Fetched upstream;                        ///< Else: a failed exchange, handled as uncached.
  bool from_cache = false;                 ///< The response was served from the cache.
};

CacheAnswer ThroughCache(Cache* cache, const wire::Request& request, const FetchFn& fetch,
                         const GatewayFaultSet& faults);

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_CACHE_FLOW_H_
