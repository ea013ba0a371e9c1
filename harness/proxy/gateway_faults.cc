#include "harness/proxy/gateway_faults.h"

#include <cstdlib>

namespace httpconform::proxy {
namespace {

struct Row {
  GatewayFault fault;
  const char* name;
  const char* description;
  const char* rule;
};

// clang-format off
const Row kRows[] = {
  {GatewayFault::kNoVia, "gw-no-via",
   "forwards requests without a Via field", "RFC 9110 §7.6.3"},
  {GatewayFault::kViaReplaced, "gw-via-replaced",
   "replaces a received Via field with its own instead of appending to it", "RFC 9110 §7.6.3"},
  {GatewayFault::kForwardConnectionListed, "gw-forward-connection-listed",
   "forwards the request fields named by Connection", "RFC 9110 §7.6.1"},
  {GatewayFault::kForwardConnection, "gw-forward-connection",
   "forwards the received Connection field itself (both directions)", "RFC 9110 §7.6.1"},
  {GatewayFault::kForwardHopByHop, "gw-forward-hop-by-hop",
   "forwards Keep-Alive, Proxy-Connection, TE and Upgrade (both directions)", "RFC 9110 §7.6.1"},
  {GatewayFault::kForwardResponseConnectionListed, "gw-forward-response-connection-listed",
   "forwards the response fields named by the origin's Connection", "RFC 9110 §7.6.1"},
  {GatewayFault::kForwardMaxForwardsZero, "gw-forward-max-forwards-zero",
   "forwards a TRACE or OPTIONS request whose Max-Forwards is 0", "RFC 9110 §7.6.2"},
  {GatewayFault::kMaxForwardsUnchanged, "gw-max-forwards-unchanged",
   "forwards Max-Forwards of TRACE and OPTIONS without decrementing it", "RFC 9110 §7.6.2"},
  {GatewayFault::kSwallow1xx, "gw-swallow-1xx",
   "does not forward the origin's 1xx responses", "RFC 9110 §15.2"},
  {GatewayFault::k1xxToHttp10, "gw-1xx-to-http10",
   "forwards 1xx responses to an HTTP/1.0 client", "RFC 9110 §15.2"},
  {GatewayFault::kRelayInvalid, "gw-relay-invalid",
   "answers 200 with what it read of an invalid upstream response instead of 502",
   "RFC 9112 §6.3"},
  {GatewayFault::k5xxWithoutExplanation, "gw-5xx-without-explanation",
   "sends its own 502 and 504 responses without content", "RFC 9110 §15.6"},
  {GatewayFault::kNoHost, "gw-no-host",
   "forwards requests without a Host field", "RFC 9112 §3.2"},
  {GatewayFault::kViaWrongProtocol, "gw-via-wrong-protocol",
   "names received-protocol 1.0 in its Via member whatever the request's version",
   "RFC 9110 §7.6.3"},
  {GatewayFault::kConnectionFirstOptionOnly, "gw-connection-first-option-only",
   "removes only the field named by the first Connection option", "RFC 9110 §7.6.1"},
  {GatewayFault::kConnectionOptionsCaseSensitive, "gw-connection-options-case-sensitive",
   "matches Connection options to field names case-sensitively", "RFC 9110 §7.6.1"},
  {GatewayFault::kMaxForwardsFloorOne, "gw-max-forwards-floor-one",
   "never decrements Max-Forwards below 1 (1 is forwarded as 1)", "RFC 9110 §7.6.2"},
  {GatewayFault::kRelayConflictingLength, "gw-relay-conflicting-length",
   "answers 200 with what it read of an upstream response whose Content-Length values differ, "
   "instead of 502",
   "RFC 9112 §6.3"},
  {GatewayFault::kCacheStoresNoStore, "gw-cache-stores-no-store",
   "stores and reuses a response with Cache-Control: no-store", "RFC 9111 §5.2.2.5"},
  {GatewayFault::kCacheStoresRequestNoStore, "gw-cache-stores-request-no-store",
   "stores the response to a request with Cache-Control: no-store (allowed: request "
   "directives are advisory)",
   "RFC 9111 §5.2.1.5, §5.2.1 (MAY)"},
  {GatewayFault::kCacheStoresPrivate, "gw-cache-stores-private",
   "stores and reuses a response with Cache-Control: private", "RFC 9111 §5.2.2.7"},
  {GatewayFault::kCacheStoresAuthorization, "gw-cache-stores-authorization",
   "reuses a response to a request with Authorization that no directive allows a shared cache to store", "RFC 9111 §3.5"},
  {GatewayFault::kCacheIgnoresVary, "gw-cache-ignores-vary",
   "reuses a stored response whatever the request fields its Vary names", "RFC 9111 §4.1"},
  {GatewayFault::kCacheStaleMustRevalidate, "gw-cache-stale-must-revalidate",
   "serves a stale must-revalidate response (to max-stale, or when the upstream is down)", "RFC 9111 §5.2.2.2"},
  {GatewayFault::kCacheStaleNoCache, "gw-cache-stale-no-cache",
   "serves a stored no-cache response when the upstream is down", "RFC 9111 §5.2.2.4"},
  {GatewayFault::kCacheNoAge, "gw-cache-no-age",
   "serves stored responses without generating Age", "RFC 9111 §4"},
  {GatewayFault::kCacheAgeIgnoresUpstream, "gw-cache-age-ignores-upstream",
   "computes Age from its own residence time only, ignoring the Age and Date received", "RFC 9111 §4.2.3"},
  {GatewayFault::kCacheIgnoresSMaxage, "gw-cache-ignores-s-maxage",
   "ignores s-maxage (max-age or Expires decide)", "RFC 9111 §5.2.2.10"},
  {GatewayFault::kCacheHeuristicAnyStatus, "gw-cache-heuristic-any-status",
   "stores and gives heuristic freshness to status codes that are not heuristically cacheable", "RFC 9111 §4.2.2"},
  {GatewayFault::kCacheHeuristicOverExplicit, "gw-cache-heuristic-over-explicit",
   "uses a heuristic lifetime when the explicit one is zero", "RFC 9111 §4.2.2"},
  {GatewayFault::kCacheExpiresOverMaxAge, "gw-cache-expires-over-max-age",
   "takes Expires over max-age", "RFC 9111 §5.3"},
  {GatewayFault::kCacheInvalidExpiresFresh, "gw-cache-invalid-expires-fresh",
   "treats an invalid Expires (\"0\") as absent instead of in the past", "RFC 9111 §5.3"},
  {GatewayFault::kCache304NoUpdate, "gw-cache-304-no-update",
   "keeps the stored fields when a 304 brings new ones", "RFC 9111 §4.3.4"},
  {GatewayFault::kCacheNoInvalidation, "gw-cache-no-invalidation",
   "does not invalidate the target URI after a successful unsafe request", "RFC 9111 §4.4"},
  {GatewayFault::kCacheOnlyIfCachedForwards, "gw-cache-only-if-cached-forwards",
   "forwards a request with only-if-cached instead of answering 504", "RFC 9111 §5.2.1.7"},
  {GatewayFault::kCacheIgnoresRequestNoCache, "gw-cache-ignores-request-no-cache",
   "serves a stored response to a request with no-cache without validating it", "RFC 9111 §5.2.1.4"},
  {GatewayFault::kCacheIgnoresResponseNoCache, "gw-cache-ignores-response-no-cache",
   "reuses a fresh no-cache response without validating it", "RFC 9111 §5.2.2.4"},
  {GatewayFault::kCacheIgnoresProxyRevalidate, "gw-cache-ignores-proxy-revalidate",
   "serves a stale proxy-revalidate response to a request with max-stale", "RFC 9111 §5.2.2.8"},
  {GatewayFault::kCacheNoEtagInValidation, "gw-cache-no-etag-in-validation",
   "validates with If-Modified-Since alone although the stored response has an ETag", "RFC 9111 §4.3.1"},
  {GatewayFault::kCacheStoresNothing, "gw-cache-stores-nothing",
   "stores no response at all (allowed: caching is optional, so the cases that show it reports the option not taken)", "RFC 9111 §2 (OPTIONAL)"},
  {GatewayFault::kCacheHeadForwarded, "gw-cache-head-forwarded",
   "forwards HEAD even when a stored GET response could answer it (allowed)", "RFC 9111 §4 (MAY)"},
  {GatewayFault::kCacheIgnoresRequestMaxAge, "gw-cache-ignores-request-max-age",
   "ignores the request's max-age (allowed: request directives are advisory)", "RFC 9111 §5.2.1 (MAY)"},
  {GatewayFault::kCacheIgnoresMaxStale, "gw-cache-ignores-max-stale",
   "ignores the request's max-stale (allowed: request directives are advisory)", "RFC 9111 §5.2.1 (MAY)"},
  {GatewayFault::kCacheIgnoresMinFresh, "gw-cache-ignores-min-fresh",
   "ignores the request's min-fresh (allowed: request directives are advisory)", "RFC 9111 §5.2.1 (MAY)"},
  {GatewayFault::kCacheNoImsInValidation, "gw-cache-no-ims-in-validation",
   "validates with If-None-Match alone although the stored response has Last-Modified", "RFC 9111 §4.3.1"},
  {GatewayFault::kCacheServesStoredOn200, "gw-cache-serves-stored-on-200",
   "serves the stored response when validation brings a full 200 response", "RFC 9111 §4.3.3"},
  {GatewayFault::kCacheServesUnsafe, "gw-cache-serves-unsafe",
   "answers unsafe methods (POST, PUT, DELETE) from a stored response without forwarding them", "RFC 9111 §4"},
  {GatewayFault::kCacheRangePartialAs200, "gw-cache-range-partial-as-200",
   "answers a range request from a stored response with the range's bytes under 200", "RFC 9111 §3.3"},
};
// clang-format on

static_assert(sizeof(kRows) / sizeof(kRows[0]) == static_cast<std::size_t>(GatewayFault::kCount),
              "one row per fault");

}  // namespace

const std::vector<GatewayFaultInfo>& AllGatewayFaults() {
  static const std::vector<GatewayFaultInfo>* const kFaults = [] {
    auto* out = new std::vector<GatewayFaultInfo>();
    std::size_t index = 0;
    for (const Row& row : kRows) {
      if (static_cast<std::size_t>(row.fault) != index++) std::abort();
      out->push_back(GatewayFaultInfo{row.name, row.description, row.rule});
    }
    return out;
  }();
  return *kFaults;
}

core::Expected<GatewayFaultSet> GatewayFaultSet::Parse(const std::vector<std::string>& names) {
  GatewayFaultSet set;
  const std::vector<GatewayFaultInfo>& all = AllGatewayFaults();
  for (const std::string& name : names) {
    bool found = false;
    for (std::size_t i = 0; i < all.size() && !found; ++i) {
      if (all[i].name == name) {
        set.Add(static_cast<GatewayFault>(i));
        found = true;
      }
    }
    if (!found) {
      return core::MakeError("usage",
                             "unknown gateway fault \"" + name + "\" (see serve --list-faults)");
    }
  }
  return set;
}

}  // namespace httpconform::proxy
