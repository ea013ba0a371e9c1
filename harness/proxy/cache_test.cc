// The shared cache store (cache.h): variants by Vary, replacement,
// invalidation and its bounds.
#include "harness/proxy/cache.h"

#include <gtest/gtest.h>

namespace httpconform::proxy {
namespace {

CacheEntry Entry(const std::string& key, const std::string& lang, const std::string& content) {
  CacheEntry e;
  e.key = key;
  e.request = {{"Accept-Language", lang}};
  e.fields = {{"Vary", "Accept-Language"}};
  e.content = content;
  return e;
}

TEST(CacheTest, VariantsReplacementAndInvalidation) {
  Cache cache;
  EXPECT_TRUE(cache.Store(Entry("/a", "fr", "bonjour"), {}));
  EXPECT_TRUE(cache.Store(Entry("/a", "de", "hallo"), {}));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Find("/a", {{"Accept-Language", "fr"}}, {})->content, "bonjour");
  EXPECT_EQ(cache.Find("/a", {{"Accept-Language", "de"}}, {})->content, "hallo");
  EXPECT_FALSE(cache.Find("/a", {{"Accept-Language", "en"}}, {}));
  EXPECT_FALSE(cache.Find("/b", {{"Accept-Language", "fr"}}, {}));
  EXPECT_TRUE(cache.Store(Entry("/a", "fr", "salut"), {}));  // Replaces its variant.
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Find("/a", {{"Accept-Language", "fr"}}, {})->content, "salut");
  cache.Invalidate("/a");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(CacheTest, Bounds) {
  CacheLimits limits;
  limits.max_entries = 2;
  limits.max_entry_bytes = 120;
  limits.max_total_bytes = 150;
  Cache cache(limits);
  EXPECT_FALSE(cache.Store(Entry("/big", "fr", std::string(200, 'x')), {}));
  EXPECT_TRUE(cache.Store(Entry("/1", "fr", "1"), {}));
  EXPECT_TRUE(cache.Store(Entry("/2", "fr", "2"), {}));
  EXPECT_TRUE(cache.Find("/1", {{"Accept-Language", "fr"}}, {}));  // /1 used last.
  EXPECT_TRUE(cache.Store(Entry("/3", "fr", "3"), {}));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.Find("/2", {{"Accept-Language", "fr"}}, {}));  // The least recently used.
  EXPECT_TRUE(cache.Store(Entry("/4", "fr", std::string(60, 'x')), {}));
  EXPECT_LE(cache.bytes(), 150u);
}

TEST(CacheTest, Key) {
  EXPECT_EQ(CacheKey("/x?y"), "/x?y");
  EXPECT_EQ(CacheKey("http://127.0.0.1:9/x?y"), "/x?y");
  EXPECT_EQ(CacheKey("http://127.0.0.1:9"), "/");
}

}  // namespace
}  // namespace httpconform::proxy
