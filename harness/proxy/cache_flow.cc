#include "harness/proxy/cache_flow.h"

#include <ctime>

#include "harness/proxy/cache_policy.h"

namespace httpconform::proxy {
namespace {

bool Bypasses(const core::Fields& fields) {
  for (const char* name : {"Range", "If-Match", "If-None-Match", "If-Modified-Since",
                           "If-Unmodified-Since", "If-Range"}) {
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
  if (UnsafeMethod(method)) {
    // §4: written through; §4.4: a non-error status invalidates.
    Fetched f = fetch({});
    if (f.ok && Invalidates(method, f.response.head.status, faults)) {
      cache->Invalidate(key);
      const core::Field* host = core::FindField(request.fields, "Host");
      InvalidateRelated(cache, f.response, host != nullptr ? host->value : "");
    }
    return Relay(std::move(f));
  }
  if ((method != "GET" && method != "HEAD") || Bypasses(request.fields)) return Relay(fetch({}));

  std::optional<CacheEntry> entry = cache->Find(key, request.fields, faults);
  std::int64_t age = 0;
  if (entry) {
    age = CurrentAge(entry->fields, entry->request_time, entry->response_time,
                     std::time(nullptr), faults);
    const std::int64_t lifetime =
        FreshnessLifetime(entry->status, entry->fields, entry->response_time, faults);
    if (DecideReuse(request.fields, entry->fields, age, lifetime, faults) != Reuse::kValidate) {
      return Serve(*entry, age, faults);
    }
  }
  if (OnlyIfCached(request.fields, faults)) {
    CacheAnswer out;
    out.own_status = 504;
    out.why = "the request has only-if-cached and no stored response can be used without the "
              "upstream server";
    return out;
  }
  if (method == "HEAD") return Relay(fetch({}));

  core::Fields validators;
  if (entry) {
    validators = ValidatorsFor(entry->fields);
    if (faults.Has(GatewayFault::kCacheNoEtagInValidation) && !validators.empty() &&
        validators.front().name == "If-None-Match") {
      validators.erase(validators.begin());
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
  const StoreVerdict verdict = MayStore(method, request.fields, status, f.response.head.fields,
                                        faults);
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
