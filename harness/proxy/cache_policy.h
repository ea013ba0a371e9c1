// The decisions of the reference gateway's shared cache (RFC 9111), free of
// I/O and clocks: whether a response may be stored (§3, §3.5, §5.2.2.5,
// §5.2.2.7), its freshness lifetime (§4.2.1: s-maxage, then max-age, then
// Expires, then a heuristic only for heuristically cacheable status codes
// with Last-Modified, §4.2.2), its current age (§4.2.3), whether a stored
// response may be reused, must be validated, or may be served stale when the
// upstream is down (§4, §4.2.4, §5.2.1, §5.2.2), Vary matching (§4.1), the
// update of stored fields by a 304 (§3.2, §4.3.4) and invalidation (§4.4).
// Times are whole seconds since the epoch, given by the caller. Each cache
// fault of the gateway (gw-cache-*) is one `if` here or in cache_flow.cc.
#ifndef HTTPCONFORM_PROXY_CACHE_POLICY_H_
#define HTTPCONFORM_PROXY_CACHE_POLICY_H_

#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>

#include "harness/core/message.h"
#include "harness/proxy/gateway_faults.h"

namespace httpconform::proxy {

/// Cache-Control directives of one message, names lower-cased, values
/// unquoted ("" when a directive has none). Unknown directives are kept and
/// ignored (§5.2.3).
class Directives {
 public:
  static Directives Parse(const core::Fields& fields);
  bool Has(const std::string& name) const { return items_.count(name) > 0; }
  /// The delta-seconds of `name`; nullopt when absent or not a number.
  /// Values past 2^31 are 2^31 (§1.2.2).
  std::optional<std::int64_t> Seconds(const std::string& name) const;
  bool empty() const { return items_.empty(); }

 private:
  std::map<std::string, std::string> items_;
};

/// §4.2.2 via RFC 9110 §15.1: 200, 203, 204, 206, 300, 301, 308, 404, 405,
/// 410, 414, 501.
bool HeuristicallyCacheable(int status);

/// True for methods other than GET, HEAD, OPTIONS and TRACE (RFC 9110 §9.2.1).
bool UnsafeMethod(const std::string& method);

/// Whether a response to `method` with the request's fields may be stored
/// (§3); `why` says why not.
struct StoreVerdict {
  bool store = false;
  std::string why;
};
StoreVerdict MayStore(const std::string& method, const core::Fields& request, int status,
                      const core::Fields& response, const GatewayFaultSet& faults);

/// The freshness lifetime in seconds (§4.2.1); 0 when none.
std::int64_t FreshnessLifetime(int status, const core::Fields& response, std::time_t response_time,
                               const GatewayFaultSet& faults);

/// The stored response's current_age (§4.2.3), from its own Date and Age
/// fields and the times its request was sent and its response received.
std::int64_t CurrentAge(const core::Fields& response, std::time_t request_time,
                        std::time_t response_time, std::time_t now, const GatewayFaultSet& faults);

/// What may be done with a stored response for a presented request.
enum class Reuse {
  kFresh,     ///< Served as it is, with Age (§4).
  kStale,     ///< Stale but allowed by the request's max-stale (§4.2.4).
  kValidate,  ///< Must be validated upstream first (§4.3).
};
Reuse DecideReuse(const core::Fields& request, const core::Fields& stored, std::int64_t age,
                  std::int64_t lifetime, const GatewayFaultSet& faults);

/// When validation cannot reach the upstream (a disconnected cache, §4.2.4):
/// whether the stale stored response may be served instead of an error. Never
/// past must-revalidate, proxy-revalidate, s-maxage (§5.2.2.2, .8, .10) or
/// no-cache (§5.2.2.4).
bool MayServeStaleWhenDisconnected(const core::Fields& stored, const GatewayFaultSet& faults);

/// Whether the request's only-if-cached asks for a stored response or 504 (§5.2.1.7).
bool OnlyIfCached(const core::Fields& request, const GatewayFaultSet& faults);

/// §4.1: every field the stored response's Vary names has the same value in
/// the presented request as in the request that caused it to be stored;
/// "Vary: *" never matches.
bool VaryMatches(const core::Fields& stored_response, const core::Fields& stored_request,
                 const core::Fields& presented, const GatewayFaultSet& faults);

/// The stored fields updated by a 304's (§3.2, §4.3.4): each field the 304
/// carries replaces the stored ones of that name, Content-Length excepted.
core::Fields UpdateStoredFields(const core::Fields& stored, const core::Fields& not_modified,
                                const GatewayFaultSet& faults);

/// §4.4: a non-error status (2xx, 3xx) to an unsafe method invalidates the target URI.
bool Invalidates(const std::string& method, int status, const GatewayFaultSet& faults);

/// The conditional fields a validation request carries (§4.3.1):
/// If-None-Match from ETag, If-Modified-Since from Last-Modified.
core::Fields ValidatorsFor(const core::Fields& stored);

/// Whether a response with these fields has a validator at all.
bool HasValidator(const core::Fields& stored);

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_CACHE_POLICY_H_
