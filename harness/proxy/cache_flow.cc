#include "harness/proxy/cache_flow.h"

#include <ctime>

#include "harness/proxy/cache_policy.h"

namespace httpconform::proxy {
namespace {

bool Bypasses(const core::Fields& fields) {
  for (const char* name :
       {"If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range"}) {
    if (core::FindField(fields, name) != nullptr) return true;
  }
  return false;
}

// A stored response as served (§4): its fields with Age replaced by the
// current age (§5.1).
CacheAnswer Serve(const CacheEntry& entry, std::int64_t age, const GatewayFaultSet& faults) {
  CacheAnswer out;
  core::Response r;
  r.head.status = entry.status;
  r.head.version = "HTTP/1.1";
  for (const core::Field& f : entry.fields) {
    if (!core::EqualsIgnoreCase(f.name, "Age")) r.head.fields.push_back(f);
  }
  if (!faults.Has(GatewayFault::kCacheNoAge)) {
    r.head.fields.push_back({"Age", std::to_string(age)});
  } else if (const core::Field* stored = core::FindField(entry.fields, "Age")) {
    r.head.fields.push_back(*stored);
  }
  r.content = entry.content;
  r.complete = true;
  out.response = std::move(r);
  out.from_cache = true;
  return out;
}

// One satisfiable range of `size` bytes ("bytes=A-B", "bytes=A-",
// "bytes=-N"); nullopt for anything else, which is then forwarded.
std::optional<std::pair<std::size_t, std::size_t>> OneRange(const std::string& value,
                                                            std::size_t size) {
  if (value.rfind("bytes=", 0) != 0 || size == 0) return std::nullopt;
  const std::string spec = value.substr(6);
  const std::size_t dash = spec.find('-');
  if (dash == std::string::npos || spec.find(',') != std::string::npos) return std::nullopt;
  auto number = [](const std::string& t) -> std::optional<std::size_t> {
    if (t.empty() || t.size() > 15 || t.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return static_cast<std::size_t>(std::stoull(t));
  };
  const std::optional<std::size_t> first = number(spec.substr(0, dash));
  const std::optional<std::size_t> last = number(spec.substr(dash + 1));
  if (!first) {
    if (!last || *last == 0) return std::nullopt;
    return std::make_pair(size - std::min(size, *last), size - 1);
  }
  if (*first >= size || (last && *last < *first)) return std::nullopt;
  return std::make_pair(*first, last ? std::min(*last, size - 1) : size - 1);
}

// A range of a stored 200 response, as 206 (§3.3: a partial response is
// always marked 206, RFC 9110 §15.3.7).
CacheAnswer ServeRange(CacheAnswer whole, std::pair<std::size_t, std::size_t> range,
                       const GatewayFaultSet& faults) {
  core::Response& r = *whole.response;
  const std::size_t size = r.content.size();
  r.content = r.content.substr(range.first, range.second - range.first + 1);
  if (faults.Has(GatewayFault::kCacheRangePartialAs200)) return whole;
  r.head.status = 206;
  r.head.fields.push_back({"Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                std::to_string(range.second) + "/" +
                                                std::to_string(size)});
  return whole;
}

CacheAnswer Relay(Fetched f) {
  CacheAnswer out;
  if (f.ok) {
    out.response = std::move(f.response);
  } else {
    out.upstream = std::move(f);
  }
  return out;
}

// Location and Content-Location that name a path of this origin (§4.4: a
// cache MAY invalidate them, never another origin's).
void InvalidateRelated(Cache* cache, const core::Response& r, const std::string& authority) {
  for (const char* name : {"Location", "Content-Location"}) {
    const core::Field* f = core::FindField(r.head.fields, name);
    if (f == nullptr || f->value.empty()) continue;
    if (f->value.front() == '/' && (f->value.size() < 2 || f->value[1] != '/')) {
      cache->Invalidate(f->value);
    } else if (!authority.empty() && f->value.rfind("http://" + authority + "/", 0) == 0) {
      cache->Invalidate(CacheKey(f->value));
    }
  }
}

}  // namespace

CacheAnswer ThroughCache(Cache* cache, const wire::Request& request, const FetchFn& fetch,
                         const GatewayFaultSet& faults) {
  const std::string key = CacheKey(request.target);
  const std::string& method = request.method;
  if (faults.Has(GatewayFault::kCacheStoresNothing)) return Relay(fetch({}));
  if (UnsafeMethod(method) && !faults.Has(GatewayFault::kCacheServesUnsafe)) {
    // §4: written through; §4.4: a non-error status invalidates.
    Fetched f = fetch({});
    if (f.ok && Invalidates(method, f.response.head.status, faults)) {
      cache->Invalidate(key);
      const core::Field* host = core::FindField(request.fields, "Host");
      InvalidateRelated(cache, f.response, host != nullptr ? host->value : "");
    }
    return Relay(std::move(f));
  }
  if ((method != "GET" && method != "HEAD" && !UnsafeMethod(method)) || Bypasses(request.fields) ||
      (method == "HEAD" && faults.Has(GatewayFault::kCacheHeadForwarded))) {
    return Relay(fetch({}));
  }
  const core::Field* range = core::FindField(request.fields, "Range");

  std::optional<CacheEntry> entry = cache->Find(key, request.fields, faults);
  std::int64_t age = 0;
  if (entry) {
    age = CurrentAge(entry->fields, entry->request_time, entry->response_time, std::time(nullptr),
                     faults);
    const std::int64_t lifetime =
        FreshnessLifetime(entry->status, entry->fields, entry->response_time, faults);
    if (DecideReuse(request.fields, entry->fields, age, lifetime, faults) != Reuse::kValidate) {
      if (range == nullptr) return Serve(*entry, age, faults);
      const auto one = OneRange(range->value, entry->content.size());
      if (entry->status == 200 && method == "GET" && one) {
        return ServeRange(Serve(*entry, age, faults), *one, faults);
      }
    }
  }
  if (range != nullptr) return Relay(fetch({}));  // Ranges are not stored (§3.3).
  if (OnlyIfCached(request.fields, faults)) {
    CacheAnswer out;
    out.own_status = 504;
    out.why =
        "the request has only-if-cached and no stored response can be used without the "
        "upstream server";
    return out;
  }
  if (method != "GET") return Relay(fetch({}));

  core::Fields validators;
  if (entry) {
    validators = ValidatorsFor(entry->fields);
    for (auto it = validators.begin(); it != validators.end();) {
      const bool drop =
          (it->name == "If-None-Match" && faults.Has(GatewayFault::kCacheNoEtagInValidation)) ||
          (it->name == "If-Modified-Since" && faults.Has(GatewayFault::kCacheNoImsInValidation));
      it = drop ? validators.erase(it) : it + 1;
    }
  }
  const std::time_t request_time = std::time(nullptr);
  Fetched f = fetch(validators);
  const std::time_t response_time = std::time(nullptr);
  if (!f.ok) {
    if (entry && MayServeStaleWhenDisconnected(entry->fields, faults)) {
      return Serve(*entry, age, faults);  // §4.2.4: disconnected.
    }
    if (entry) {
      // §5.2.2.2: an error, not the stale response; 504 unless another fits.
      CacheAnswer out;
      out.own_status = 504;
      out.why = "the stored response must be validated and " + f.why;
      return out;
    }
    return Relay(std::move(f));
  }
  const int status = f.response.head.status;
  if (entry && status == 200 && faults.Has(GatewayFault::kCacheServesStoredOn200)) {
    return Serve(*entry, age, faults);  // §4.3.3 broken: the full response is ignored.
  }
  if (entry && !validators.empty() && status == 304) {
    // §4.3.4: the 304's fields update the stored response, which is served.
    entry->fields = UpdateStoredFields(entry->fields, f.response.head.fields, faults);
    entry->request_time = request_time;
    entry->response_time = response_time;
    const std::int64_t fresh_age =
        CurrentAge(entry->fields, request_time, response_time, response_time, faults);
    cache->Store(*entry, faults);
    return Serve(*entry, fresh_age, faults);
  }
  const StoreVerdict verdict =
      MayStore(method, request.fields, status, f.response.head.fields, faults);
  if (verdict.store && f.response.complete &&
      (FreshnessLifetime(status, f.response.head.fields, response_time, faults) > 0 ||
       HasValidator(f.response.head.fields))) {
    CacheEntry stored;
    stored.key = key;
    stored.request = request.fields;
    stored.status = status;
    stored.fields = f.response.head.fields;
    stored.content = f.response.content;
    stored.request_time = request_time;
    stored.response_time = response_time;
    cache->Store(std::move(stored), faults);
  } else if (entry) {
    cache->Invalidate(key);  // §4.3.3: the full response replaces what was stored.
  }
  return Relay(std::move(f));
}

}  // namespace httpconform::proxy
