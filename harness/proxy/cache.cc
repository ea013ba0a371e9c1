#include "harness/proxy/cache.h"

#include "harness/proxy/cache_policy.h"

namespace httpconform::proxy {

std::size_t Cache::Bytes(const CacheEntry& e) {
  std::size_t n = e.key.size() + e.content.size();
  for (const core::Field& f : e.fields) n += f.name.size() + f.value.size() + 4;
  for (const core::Field& f : e.request) n += f.name.size() + f.value.size() + 4;
  return n;
}

std::optional<CacheEntry> Cache::Find(const std::string& key, const core::Fields& request,
                                      const GatewayFaultSet& faults) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key != key || !VaryMatches(it->fields, it->request, request, faults)) continue;
    entries_.splice(entries_.begin(), entries_, it);  // Most recently used.
    return entries_.front();
  }
  return std::nullopt;
}

bool Cache::Store(CacheEntry entry, const GatewayFaultSet& faults) {
  const std::size_t size = Bytes(entry);
  if (size > limits_.max_entry_bytes) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  // The new response replaces the variant its own request would have selected.
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->key == entry.key && VaryMatches(it->fields, it->request, entry.request, faults)) {
      bytes_ -= Bytes(*it);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  bytes_ += size;
  entries_.push_front(std::move(entry));
  EvictLocked();
  return true;
}

void Cache::Invalidate(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->key == key) {
      bytes_ -= Bytes(*it);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

void Cache::EvictLocked() {
  while (!entries_.empty() &&
         (entries_.size() > limits_.max_entries || bytes_ > limits_.max_total_bytes)) {
    bytes_ -= Bytes(entries_.back());
    entries_.pop_back();
  }
}

std::size_t Cache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

std::size_t Cache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

std::string CacheKey(const std::string& target) {
  const std::size_t scheme = target.find("://");
  if (scheme == std::string::npos) return target;
  const std::size_t path = target.find('/', scheme + 3);
  return path == std::string::npos ? "/" : target.substr(path);
}

}  // namespace httpconform::proxy
