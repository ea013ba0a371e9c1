#include "harness/proxy/cache_policy.h"

#include <algorithm>
#include <cctype>

#include "harness/server/semantics.h"

namespace httpconform::proxy {
namespace {

constexpr std::int64_t kMaxDelta = 2147483648LL;  // §1.2.2.
constexpr std::int64_t kMaxHeuristic = 86400;     // A heuristic lifetime of at most a day.

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::int64_t> DeltaSeconds(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = std::min(kMaxDelta, n * 10 + (c - '0'));
  }
  return n;
}

std::optional<std::time_t> DateField(const core::Fields& fields, const char* name) {
  const core::Field* f = core::FindField(fields, name);
  if (f == nullptr) return std::nullopt;
  return server::ParseHttpDate(f->value);
}

// The combined value of a request field, for Vary (§4.1): the field lines
// joined by ", ", so that splitting a list over lines does not matter.
std::string Combined(const core::Fields& fields, const std::string& name) {
  std::string out;
  for (const std::string& v : core::FieldValues(fields, name)) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

std::int64_t Heuristic(int status, const core::Fields& response, std::time_t response_time,
                       const Directives& cc, const GatewayFaultSet& faults) {
  // §4.2.2: only where the status code is heuristically cacheable or the
  // response is marked cacheable (public).
  if (!HeuristicallyCacheable(status) && !cc.Has("public") &&
      !faults.Has(GatewayFault::kCacheHeuristicAnyStatus)) {
    return 0;
  }
  const std::optional<std::time_t> modified = DateField(response, "Last-Modified");
  if (!modified) return 0;
  const std::time_t date = DateField(response, "Date").value_or(response_time);
  if (*modified >= date) return 0;
  return std::min<std::int64_t>(kMaxHeuristic, (date - *modified) / 10);
}

}  // namespace

Directives Directives::Parse(const core::Fields& fields) {
  Directives d;
  for (const std::string& member : core::FieldListMembers(fields, "Cache-Control")) {
    const std::size_t eq = member.find('=');
    std::string name = Lower(member.substr(0, eq));
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    std::string value;
    if (eq != std::string::npos) {
      value = member.substr(eq + 1);
      const std::size_t b = value.find_first_not_of(" \t");
      value = b == std::string::npos ? "" : value.substr(b);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
    }
    d.items_.emplace(std::move(name), std::move(value));
  }
  return d;
}

std::optional<std::int64_t> Directives::Seconds(const std::string& name) const {
  auto it = items_.find(name);
  if (it == items_.end()) return std::nullopt;
  return DeltaSeconds(it->second);
}

bool HeuristicallyCacheable(int status) {
  switch (status) {
    case 200:
    case 203:
    case 204:
    case 206:
    case 300:
    case 301:
    case 308:
    case 404:
    case 405:
    case 410:
    case 414:
    case 501:
      return true;
    default:
      return false;
  }
}

bool UnsafeMethod(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS" && method != "TRACE";
}

StoreVerdict MayStore(const std::string& method, const core::Fields& request, int status,
                      const core::Fields& response, const GatewayFaultSet& faults) {
  const Directives req = Directives::Parse(request);
  const Directives cc = Directives::Parse(response);
  if (method != "GET") return {false, "only responses to GET are stored"};
  // Final, and not a status whose caching needs more than this cache does.
  if (status < 200 || status == 206 || status == 304) return {false, "status not stored"};
  if (req.Has("no-store") && !faults.Has(GatewayFault::kCacheStoresRequestNoStore)) {
    return {false, "the request has no-store (§5.2.1.5)"};
  }
  if (cc.Has("no-store") && !faults.Has(GatewayFault::kCacheStoresNoStore)) {
    return {false, "the response has no-store (§5.2.2.5)"};
  }
  // Qualified or not, private keeps the response out of this shared cache:
  // storing the rest without the named fields is only a MAY (§5.2.2.7).
  if (cc.Has("private") && !faults.Has(GatewayFault::kCacheStoresPrivate)) {
    return {false, "the response is private (§5.2.2.7)"};
  }
  if (core::FindField(request, "Authorization") != nullptr &&
      !faults.Has(GatewayFault::kCacheStoresAuthorization) &&
      !(cc.Has("public") || cc.Has("must-revalidate") || cc.Has("s-maxage"))) {
    return {false, "the request had Authorization (§3.5)"};
  }
  if (!(cc.Has("public") || cc.Has("max-age") || cc.Has("s-maxage") ||
        core::FindField(response, "Expires") != nullptr || HeuristicallyCacheable(status) ||
        faults.Has(GatewayFault::kCacheHeuristicAnyStatus))) {
    return {false, "nothing makes the response storable (§3)"};
  }
  return {true, ""};
}

std::int64_t FreshnessLifetime(int status, const core::Fields& response, std::time_t response_time,
                               const GatewayFaultSet& faults) {
  const Directives cc = Directives::Parse(response);
  // §4.2.1: s-maxage (shared caches), then max-age, then Expires - Date;
  // §5.3: with either directive, Expires is ignored.
  if (const auto s = cc.Seconds("s-maxage"); s && !faults.Has(GatewayFault::kCacheIgnoresSMaxage)) {
    return *s;
  }
  const core::Field* expires = core::FindField(response, "Expires");
  std::optional<std::int64_t> explicit_lifetime = cc.Seconds("max-age");
  if (expires != nullptr &&
      (!explicit_lifetime || faults.Has(GatewayFault::kCacheExpiresOverMaxAge))) {
    const std::optional<std::time_t> at = server::ParseHttpDate(expires->value);
    if (at) {
      const std::time_t date = DateField(response, "Date").value_or(response_time);
      explicit_lifetime = std::max<std::int64_t>(0, *at - date);
    } else if (!faults.Has(GatewayFault::kCacheInvalidExpiresFresh)) {
      explicit_lifetime = 0;  // §5.3: an invalid date, "0" above all, is in the past.
    }
  }
  // §4.2.2: no heuristic when an explicit expiration time is present.
  if (explicit_lifetime &&
      !(*explicit_lifetime == 0 && faults.Has(GatewayFault::kCacheHeuristicOverExplicit))) {
    return *explicit_lifetime;
  }
  return Heuristic(status, response, response_time, cc, faults);
}

std::int64_t CurrentAge(const core::Fields& response, std::time_t request_time,
                        std::time_t response_time, std::time_t now, const GatewayFaultSet& faults) {
  const std::int64_t resident_time = std::max<std::int64_t>(0, now - response_time);
  if (faults.Has(GatewayFault::kCacheAgeIgnoresUpstream)) return resident_time;
  // §5.1: the first member of a list, an invalid value ignored.
  std::int64_t age_value = 0;
  const std::vector<std::string> ages = core::FieldListMembers(response, "Age");
  if (!ages.empty()) age_value = DeltaSeconds(ages.front()).value_or(0);
  const std::time_t date_value = DateField(response, "Date").value_or(response_time);
  const std::int64_t apparent_age = std::max<std::int64_t>(0, response_time - date_value);
  const std::int64_t response_delay = std::max<std::int64_t>(0, response_time - request_time);
  const std::int64_t corrected_age_value = std::min(kMaxDelta, age_value + response_delay);
  const std::int64_t corrected_initial_age = std::max(apparent_age, corrected_age_value);
  return std::min(kMaxDelta, corrected_initial_age + resident_time);
}

Reuse DecideReuse(const core::Fields& request, const core::Fields& stored, std::int64_t age,
                  std::int64_t lifetime, const GatewayFaultSet& faults) {
  const Directives req = Directives::Parse(request);
  const Directives cc = Directives::Parse(stored);
  if (cc.Has("no-cache") && !faults.Has(GatewayFault::kCacheIgnoresResponseNoCache)) {
    return Reuse::kValidate;  // §5.2.2.4.
  }
  // §5.2.1: the request's own directives; a Pragma: no-cache counts only
  // without Cache-Control (§5.4).
  bool no_cache = req.Has("no-cache");
  if (core::FindField(request, "Cache-Control") == nullptr) {
    for (const std::string& p : core::FieldListMembers(request, "Pragma")) {
      if (Lower(p) == "no-cache") no_cache = true;
    }
  }
  if (no_cache && !faults.Has(GatewayFault::kCacheIgnoresRequestNoCache)) return Reuse::kValidate;
  // Request directives are advisory (§5.2.1): this cache honours them.
  if (const auto max_age = req.Seconds("max-age");
      max_age && age > *max_age && !faults.Has(GatewayFault::kCacheIgnoresRequestMaxAge)) {
    return Reuse::kValidate;
  }
  if (lifetime > age) {
    const auto min_fresh = req.Seconds("min-fresh");
    if (min_fresh && lifetime - age < *min_fresh &&
        !faults.Has(GatewayFault::kCacheIgnoresMinFresh)) {
      return Reuse::kValidate;
    }
    return Reuse::kFresh;
  }
  // Stale: only the client's max-stale allows it, never past the directives
  // that forbid it (§4.2.4, §5.2.2.2, §5.2.2.8, §5.2.2.10).
  const bool forbidden =
      (cc.Has("must-revalidate") && !faults.Has(GatewayFault::kCacheStaleMustRevalidate)) ||
      cc.Has("s-maxage") ||
      (cc.Has("proxy-revalidate") && !faults.Has(GatewayFault::kCacheIgnoresProxyRevalidate));
  if (!forbidden && req.Has("max-stale") && !faults.Has(GatewayFault::kCacheIgnoresMaxStale)) {
    const auto limit = req.Seconds("max-stale");
    if (!limit || age - lifetime <= *limit) return Reuse::kStale;
  }
  return Reuse::kValidate;
}

bool MayServeStaleWhenDisconnected(const core::Fields& stored, const GatewayFaultSet& faults) {
  const Directives cc = Directives::Parse(stored);
  if (cc.Has("must-revalidate") && !faults.Has(GatewayFault::kCacheStaleMustRevalidate)) {
    return false;
  }
  if (cc.Has("no-cache") && !faults.Has(GatewayFault::kCacheStaleNoCache)) return false;
  return !cc.Has("proxy-revalidate") && !cc.Has("s-maxage");
}

bool OnlyIfCached(const core::Fields& request, const GatewayFaultSet& faults) {
  return Directives::Parse(request).Has("only-if-cached") &&
         !faults.Has(GatewayFault::kCacheOnlyIfCachedForwards);
}

bool VaryMatches(const core::Fields& stored_response, const core::Fields& stored_request,
                 const core::Fields& presented, const GatewayFaultSet& faults) {
  if (faults.Has(GatewayFault::kCacheIgnoresVary)) return true;
  for (const std::string& name : core::FieldListMembers(stored_response, "Vary")) {
    if (name == "*") return false;
    if (Combined(stored_request, name) != Combined(presented, name)) return false;
  }
  return true;
}

core::Fields UpdateStoredFields(const core::Fields& stored, const core::Fields& not_modified,
                                const GatewayFaultSet& faults) {
  if (faults.Has(GatewayFault::kCache304NoUpdate)) return stored;
  auto replaced = [&](const std::string& name) {
    if (core::EqualsIgnoreCase(name, "Content-Length")) return false;
    return core::FindField(not_modified, name) != nullptr;
  };
  core::Fields out;
  for (const core::Field& f : stored) {
    if (!replaced(f.name)) out.push_back(f);
  }
  for (const core::Field& f : not_modified) {
    if (replaced(f.name)) out.push_back(f);
  }
  return out;
}

bool Invalidates(const std::string& method, int status, const GatewayFaultSet& faults) {
  return UnsafeMethod(method) && status >= 200 && status < 400 &&
         !faults.Has(GatewayFault::kCacheNoInvalidation);
}

core::Fields ValidatorsFor(const core::Fields& stored) {
  core::Fields out;
  if (const core::Field* etag = core::FindField(stored, "ETag")) {
    out.push_back({"If-None-Match", etag->value});
  }
  if (const core::Field* lm = core::FindField(stored, "Last-Modified")) {
    out.push_back({"If-Modified-Since", lm->value});
  }
  return out;
}

bool HasValidator(const core::Fields& stored) {
  return core::FindField(stored, "ETag") != nullptr ||
         core::FindField(stored, "Last-Modified") != nullptr;
}

}  // namespace httpconform::proxy
