// Faults of the reference gateway (gateway.h). As for the reference server
// (harness/server/faults.h), each fault breaks exactly one rule an
// intermediary is bound by, with one `if` in the gateway, so that a proxy
// case listing it in `killed_by` proves it tells a conforming intermediary
// from one that breaks that rule. Names start with "gw-", so they never
// collide with the reference server's; the loader knows both catalogues.
#ifndef HTTPCONFORM_PROXY_GATEWAY_FAULTS_H_
#define HTTPCONFORM_PROXY_GATEWAY_FAULTS_H_

#include <bitset>
#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace httpconform::proxy {

enum class GatewayFault {
  kNoVia,
  kViaReplaced,
  kForwardConnectionListed,
  kForwardConnection,
  kForwardHopByHop,
  kForwardResponseConnectionListed,
  kForwardMaxForwardsZero,
  kMaxForwardsUnchanged,
  kSwallow1xx,
  k1xxToHttp10,
  kRelayInvalid,
  k5xxWithoutExplanation,
  kNoHost,
  kViaWrongProtocol,
  kConnectionFirstOptionOnly,
  kConnectionOptionsCaseSensitive,
  kMaxForwardsFloorOne,
  kRelayConflictingLength,
  // The shared cache (cache_policy.h, cache_flow.h).
  kCacheStoresNoStore,
  kCacheStoresRequestNoStore,
  kCacheStoresPrivate,
  kCacheStoresAuthorization,
  kCacheIgnoresVary,
  kCacheStaleMustRevalidate,
  kCacheStaleNoCache,
  kCacheNoAge,
  kCacheAgeIgnoresUpstream,
  kCacheIgnoresSMaxage,
  kCacheHeuristicAnyStatus,
  kCacheHeuristicOverExplicit,
  kCacheExpiresOverMaxAge,
  kCacheInvalidExpiresFresh,
  kCache304NoUpdate,
  kCacheNoInvalidation,
  kCacheOnlyIfCachedForwards,
  kCacheIgnoresRequestNoCache,
  kCacheIgnoresResponseNoCache,
  kCacheIgnoresProxyRevalidate,
  kCacheNoEtagInValidation,
  kCacheStoresNothing,
  kCacheHeadForwarded,
  kCacheIgnoresRequestMaxAge,
  kCacheIgnoresMaxStale,
  kCacheIgnoresMinFresh,
  kCacheNoImsInValidation,
  kCacheServesStoredOn200,
  kCacheServesUnsafe,
  kCacheRangePartialAs200,
  kCount
};

struct GatewayFaultInfo {
  std::string name;
  std::string description;
  std::string rule;
};

/// Every gateway fault, in enum order.
const std::vector<GatewayFaultInfo>& AllGatewayFaults();

class GatewayFaultSet {
 public:
  /// An unknown name is Error{"usage", ...}.
  static core::Expected<GatewayFaultSet> Parse(const std::vector<std::string>& names);
  bool Has(GatewayFault f) const { return bits_.test(static_cast<std::size_t>(f)); }
  void Add(GatewayFault f) { bits_.set(static_cast<std::size_t>(f)); }

 private:
  std::bitset<static_cast<std::size_t>(GatewayFault::kCount)> bits_;
};

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_GATEWAY_FAULTS_H_
