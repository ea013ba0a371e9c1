// Table tests of the shared cache's decisions (cache_policy.h), each row a
// rule of RFC 9111 and, where a gateway fault bends it, the row again with it.
#include "harness/proxy/cache_policy.h"

#include <gtest/gtest.h>

namespace httpconform::proxy {
namespace {

GatewayFaultSet With(const std::vector<std::string>& names) {
  core::Expected<GatewayFaultSet> set = GatewayFaultSet::Parse(names);
  EXPECT_TRUE(set);
  return set ? *set : GatewayFaultSet{};
}

constexpr std::time_t kNow = 1700000000;  // Tue, 14 Nov 2023 22:13:20 GMT
const char* const kNowDate = "Tue, 14 Nov 2023 22:13:20 GMT";

TEST(CachePolicyTest, Directives) {
  const Directives d = Directives::Parse(
      {{"Cache-Control", "Max-Age=60, no-cache=\"Set-Cookie\""}, {"cache-control", "private"}});
  EXPECT_EQ(d.Seconds("max-age"), 60);
  EXPECT_TRUE(d.Has("no-cache"));
  EXPECT_TRUE(d.Has("private"));
  EXPECT_FALSE(d.Has("public"));
  EXPECT_EQ(Directives::Parse({{"Cache-Control", "max-age=99999999999"}}).Seconds("max-age"),
            2147483648LL);
  EXPECT_EQ(Directives::Parse({{"Cache-Control", "max-age=x"}}).Seconds("max-age"), std::nullopt);
}

TEST(CachePolicyTest, Storing) {
  struct Row {
    const char* name;
    std::string method;
    core::Fields request;
    int status;
    core::Fields response;
    bool store;
    std::string fault;  // With it, the opposite.
  };
  const std::vector<Row> rows = {
      {"max-age", "GET", {}, 200, {{"Cache-Control", "max-age=60"}}, true, ""},
      {"no-store",
       "GET",
       {},
       200,
       {{"Cache-Control", "max-age=60, no-store"}},
       false,
       "gw-cache-stores-no-store"},
      {"request no-store",
       "GET",
       {{"Cache-Control", "no-store"}},
       200,
       {{"Cache-Control", "max-age=60"}},
       false,
       "gw-cache-stores-request-no-store"},
      {"private",
       "GET",
       {},
       200,
       {{"Cache-Control", "private, max-age=60"}},
       false,
       "gw-cache-stores-private"},
      {"authorization",
       "GET",
       {{"Authorization", "Basic eDp5"}},
       200,
       {{"Cache-Control", "max-age=60"}},
       false,
       "gw-cache-stores-authorization"},
      {"authorization, public",
       "GET",
       {{"Authorization", "Basic eDp5"}},
       200,
       {{"Cache-Control", "public, max-age=60"}},
       true,
       ""},
      {"authorization, s-maxage",
       "GET",
       {{"Authorization", "Basic eDp5"}},
       200,
       {{"Cache-Control", "s-maxage=60"}},
       true,
       ""},
      {"302 without freshness",
       "GET",
       {},
       302,
       {{"Last-Modified", kNowDate}},
       false,
       "gw-cache-heuristic-any-status"},
      {"404 heuristically cacheable", "GET", {}, 404, {}, true, ""},
      {"302 with Expires", "GET", {}, 302, {{"Expires", kNowDate}}, true, ""},
      {"POST", "POST", {}, 200, {{"Cache-Control", "max-age=60"}}, false, ""},
      {"206", "GET", {}, 206, {{"Cache-Control", "max-age=60"}}, false, ""},
      {"Vary * (stored, never matched)",
       "GET",
       {},
       200,
       {{"Cache-Control", "max-age=60"}, {"Vary", "*"}},
       true,
       ""},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(MayStore(r.method, r.request, r.status, r.response, {}).store, r.store) << r.name;
    if (!r.fault.empty()) {
      EXPECT_EQ(MayStore(r.method, r.request, r.status, r.response, With({r.fault})).store,
                !r.store)
          << r.name << " with " << r.fault;
    }
  }
}

TEST(CachePolicyTest, FreshnessLifetime) {
  struct Row {
    const char* name;
    int status;
    core::Fields response;
    std::int64_t lifetime;
    std::string fault;
    std::int64_t with_fault;
  };
  const std::vector<Row> rows = {
      {"max-age", 200, {{"Cache-Control", "max-age=60"}}, 60, "", 0},
      {"s-maxage over max-age",
       200,
       {{"Cache-Control", "max-age=60, s-maxage=5"}},
       5,
       "gw-cache-ignores-s-maxage",
       60},
      {"max-age over Expires",
       200,
       {{"Cache-Control", "max-age=0"},
        {"Date", kNowDate},
        {"Expires", "Tue, 14 Nov 2023 23:13:20 GMT"}},
       0,
       "gw-cache-expires-over-max-age",
       3600},
      {"Expires - Date",
       200,
       {{"Date", kNowDate}, {"Expires", "Tue, 14 Nov 2023 22:14:20 GMT"}},
       60,
       "",
       0},
      {"Expires 0 is in the past",
       200,
       {{"Date", kNowDate}, {"Expires", "0"}, {"Last-Modified", "Tue, 14 Nov 2023 12:13:20 GMT"}},
       0,
       "gw-cache-invalid-expires-fresh",
       3600},
      {"heuristic: 10% since Last-Modified",
       200,
       {{"Date", kNowDate}, {"Last-Modified", "Tue, 14 Nov 2023 12:13:20 GMT"}},
       3600,
       "",
       0},
      {"no heuristic over an explicit 0",
       200,
       {{"Cache-Control", "max-age=0"},
        {"Date", kNowDate},
        {"Last-Modified", "Tue, 14 Nov 2023 12:13:20 GMT"}},
       0,
       "gw-cache-heuristic-over-explicit",
       3600},
      {"no heuristic for 302",
       302,
       {{"Date", kNowDate}, {"Last-Modified", "Tue, 14 Nov 2023 12:13:20 GMT"}},
       0,
       "gw-cache-heuristic-any-status",
       3600},
      {"heuristic at most a day",
       200,
       {{"Date", kNowDate}, {"Last-Modified", "Sat, 01 Jan 2000 00:00:00 GMT"}},
       86400,
       "",
       0},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(FreshnessLifetime(r.status, r.response, kNow, {}), r.lifetime) << r.name;
    if (!r.fault.empty()) {
      EXPECT_EQ(FreshnessLifetime(r.status, r.response, kNow, With({r.fault})), r.with_fault)
          << r.name << " with " << r.fault;
    }
  }
}

TEST(CachePolicyTest, CurrentAge) {
  // §4.2.3: the larger of apparent age and Age + response delay, plus residence.
  EXPECT_EQ(CurrentAge({{"Date", kNowDate}}, kNow, kNow, kNow + 7, {}), 7);
  EXPECT_EQ(CurrentAge({{"Date", kNowDate}, {"Age", "100"}}, kNow - 2, kNow, kNow + 7, {}), 109);
  EXPECT_EQ(CurrentAge({{"Date", "Tue, 14 Nov 2023 22:12:20 GMT"}}, kNow, kNow, kNow, {}), 60);
  EXPECT_EQ(CurrentAge({{"Date", kNowDate}, {"Age", "5, 9"}}, kNow, kNow, kNow, {}), 5);
  EXPECT_EQ(CurrentAge({{"Date", kNowDate}, {"Age", "-3"}}, kNow, kNow, kNow, {}), 0);
  EXPECT_EQ(CurrentAge({{"Date", kNowDate}, {"Age", "100"}}, kNow, kNow, kNow + 7,
                       With({"gw-cache-age-ignores-upstream"})),
            7);
}

TEST(CachePolicyTest, Reuse) {
  struct Row {
    const char* name;
    core::Fields request;
    core::Fields stored;
    std::int64_t age, lifetime;
    Reuse reuse;
    std::string fault;
    Reuse with_fault;
  };
  const core::Fields plain = {{"Cache-Control", "max-age=60"}};
  const std::vector<Row> rows = {
      {"fresh", {}, plain, 10, 60, Reuse::kFresh, "", Reuse::kFresh},
      {"stale", {}, plain, 70, 60, Reuse::kValidate, "", Reuse::kFresh},
      {"response no-cache",
       {},
       {{"Cache-Control", "no-cache, max-age=60"}},
       0,
       60,
       Reuse::kValidate,
       "gw-cache-ignores-response-no-cache",
       Reuse::kFresh},
      {"request no-cache",
       {{"Cache-Control", "no-cache"}},
       plain,
       0,
       60,
       Reuse::kValidate,
       "gw-cache-ignores-request-no-cache",
       Reuse::kFresh},
      {"Pragma no-cache",
       {{"Pragma", "no-cache"}},
       plain,
       0,
       60,
       Reuse::kValidate,
       "",
       Reuse::kFresh},
      {"request max-age",
       {{"Cache-Control", "max-age=5"}},
       plain,
       10,
       60,
       Reuse::kValidate,
       "",
       Reuse::kFresh},
      {"min-fresh",
       {{"Cache-Control", "min-fresh=55"}},
       plain,
       10,
       60,
       Reuse::kValidate,
       "",
       Reuse::kFresh},
      {"max-stale",
       {{"Cache-Control", "max-stale=20"}},
       plain,
       70,
       60,
       Reuse::kStale,
       "",
       Reuse::kFresh},
      {"max-stale too small",
       {{"Cache-Control", "max-stale=5"}},
       plain,
       70,
       60,
       Reuse::kValidate,
       "",
       Reuse::kFresh},
      {"max-stale past must-revalidate",
       {{"Cache-Control", "max-stale"}},
       {{"Cache-Control", "max-age=60, must-revalidate"}},
       70,
       60,
       Reuse::kValidate,
       "",
       Reuse::kFresh},
      {"max-stale past proxy-revalidate",
       {{"Cache-Control", "max-stale"}},
       {{"Cache-Control", "max-age=60, proxy-revalidate"}},
       70,
       60,
       Reuse::kValidate,
       "gw-cache-ignores-proxy-revalidate",
       Reuse::kStale},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(DecideReuse(r.request, r.stored, r.age, r.lifetime, {}), r.reuse) << r.name;
    if (!r.fault.empty()) {
      EXPECT_EQ(DecideReuse(r.request, r.stored, r.age, r.lifetime, With({r.fault})), r.with_fault)
          << r.name << " with " << r.fault;
    }
  }
}

TEST(CachePolicyTest, StaleWhenDisconnected) {
  EXPECT_TRUE(MayServeStaleWhenDisconnected({{"Cache-Control", "max-age=1"}}, {}));
  EXPECT_FALSE(
      MayServeStaleWhenDisconnected({{"Cache-Control", "max-age=1, must-revalidate"}}, {}));
  EXPECT_TRUE(MayServeStaleWhenDisconnected({{"Cache-Control", "max-age=1, must-revalidate"}},
                                            With({"gw-cache-stale-must-revalidate"})));
  EXPECT_FALSE(MayServeStaleWhenDisconnected({{"Cache-Control", "no-cache"}}, {}));
  EXPECT_TRUE(MayServeStaleWhenDisconnected({{"Cache-Control", "no-cache"}},
                                            With({"gw-cache-stale-no-cache"})));
  EXPECT_FALSE(MayServeStaleWhenDisconnected({{"Cache-Control", "s-maxage=1"}}, {}));
  EXPECT_FALSE(MayServeStaleWhenDisconnected({{"Cache-Control", "proxy-revalidate"}}, {}));
}

TEST(CachePolicyTest, VaryAndUpdatesAndInvalidation) {
  const core::Fields stored = {{"Vary", "Accept-Language"}, {"ETag", "\"a\""}};
  EXPECT_TRUE(VaryMatches(stored, {{"Accept-Language", "fr"}}, {{"accept-language", "fr"}}, {}));
  EXPECT_FALSE(VaryMatches(stored, {{"Accept-Language", "fr"}}, {{"Accept-Language", "de"}}, {}));
  EXPECT_FALSE(VaryMatches(stored, {{"Accept-Language", "fr"}}, {}, {}));
  EXPECT_TRUE(VaryMatches(stored, {{"Accept-Language", "fr"}}, {{"Accept-Language", "de"}},
                          With({"gw-cache-ignores-vary"})));
  EXPECT_FALSE(VaryMatches({{"Vary", "*"}}, {}, {}, {}));

  const core::Fields updated =
      UpdateStoredFields({{"X-V", "1"}, {"Content-Length", "5"}, {"ETag", "\"a\""}},
                         {{"X-V", "2"}, {"Content-Length", "0"}}, {});
  EXPECT_EQ(core::FindField(updated, "X-V")->value, "2");
  EXPECT_EQ(core::FindField(updated, "Content-Length")->value, "5");
  EXPECT_EQ(core::FindField(UpdateStoredFields({{"X-V", "1"}}, {{"X-V", "2"}},
                                               With({"gw-cache-304-no-update"})),
                            "X-V")
                ->value,
            "1");

  EXPECT_TRUE(Invalidates("POST", 200, {}));
  EXPECT_TRUE(Invalidates("DELETE", 303, {}));
  EXPECT_TRUE(Invalidates("FROB", 204, {}));
  EXPECT_FALSE(Invalidates("POST", 500, {}));
  EXPECT_FALSE(Invalidates("GET", 200, {}));
  EXPECT_FALSE(Invalidates("POST", 200, With({"gw-cache-no-invalidation"})));

  EXPECT_TRUE(OnlyIfCached({{"Cache-Control", "only-if-cached"}}, {}));
  EXPECT_FALSE(OnlyIfCached({{"Cache-Control", "only-if-cached"}},
                            With({"gw-cache-only-if-cached-forwards"})));
  const core::Fields v = ValidatorsFor({{"ETag", "\"a\""}, {"Last-Modified", kNowDate}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].name, "If-None-Match");
  EXPECT_EQ(v[1].name, "If-Modified-Since");
}

}  // namespace
}  // namespace httpconform::proxy
