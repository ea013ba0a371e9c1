// The reference gateway's shared cache store (RFC 9111): stored GET
// responses by target, several variants per target (Vary, §4.1), with the
// times their requests were sent and their responses received (§4.2.3).
// What may be stored and reused is decided by cache_policy.h; this class only
// keeps entries, within bounds: at most `max_entries` entries, `max_entry_bytes`
// of content each (larger responses are not stored) and `max_total_bytes` in
// all, the least recently used going first. Thread-safe: one mutex; entries
// are handed out as copies, so a connection never holds a reference into it.
#ifndef HTTPCONFORM_PROXY_CACHE_H_
#define HTTPCONFORM_PROXY_CACHE_H_

#include <cstddef>
#include <ctime>
#include <list>
#include <mutex>
#include <optional>
#include <string>

#include "harness/core/message.h"
#include "harness/proxy/gateway_faults.h"

namespace httpconform::proxy {

struct CacheEntry {
  std::string key;       ///< The target URI, origin-form.
  core::Fields request;  ///< The fields of the request that caused it (for Vary).
  int status = 200;
  core::Fields fields;  ///< The stored response's fields, hop-by-hop ones removed.
  std::string content;
  std::time_t request_time = 0;   ///< When the request that fetched it was sent.
  std::time_t response_time = 0;  ///< When the response was received.
};

struct CacheLimits {
  std::size_t max_entries = 1024;
  std::size_t max_entry_bytes = 1024 * 1024;
  std::size_t max_total_bytes = 64 * 1024 * 1024;
};

class Cache {
 public:
  explicit Cache(CacheLimits limits = {}) : limits_(limits) {}

  /// The most recently stored entry for `key` whose Vary matches `request`.
  std::optional<CacheEntry> Find(const std::string& key, const core::Fields& request,
                                 const GatewayFaultSet& faults);
  /// Stores `entry`, replacing a variant it matches; false when over the per-entry bound.
  bool Store(CacheEntry entry, const GatewayFaultSet& faults);
  /// Drops every variant of `key` (§4.4).
  void Invalidate(const std::string& key);
  std::size_t size() const;
  std::size_t bytes() const;

 private:
  static std::size_t Bytes(const CacheEntry& e);
  void EvictLocked();

  CacheLimits limits_;
  mutable std::mutex mutex_;
  std::list<CacheEntry> entries_;  // Most recently used first.
  std::size_t bytes_ = 0;
};

/// The cache key of a request target: origin-form, the path and query of an
/// absolute-form target.
std::string CacheKey(const std::string& target);

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_CACHE_H_
