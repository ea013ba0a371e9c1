// The authenticating gateway's credential check (proxy_auth.h), table-driven.
#include "harness/proxy/proxy_auth.h"

#include <gtest/gtest.h>

namespace httpconform::proxy {
namespace {

TEST(ProxyAuth, BasicCredentialsAreBase64OfUserPass) {
  const std::pair<const char*, const char*> rows[] = {
      {"user:pass", "Basic dXNlcjpwYXNz"},
      {"Aladdin:open sesame", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
      {"a:b", "Basic YTpi"},
      {"ab:c", "Basic YWI6Yw=="},
      {"", "Basic "},
  };
  for (const auto& [in, out] : rows) EXPECT_EQ(BasicCredentials(in), out) << in;
}

TEST(ProxyAuth, Check) {
  const std::string want = BasicCredentials("user:pass");
  struct Row {
    core::Fields fields;
    std::string credentials;
    ProxyAuth verdict;
  };
  const Row rows[] = {
      {{}, "", ProxyAuth::kNotRequired},
      {{{"Proxy-Authorization", "Basic eHg6eXk="}}, "", ProxyAuth::kNotRequired},
      {{}, want, ProxyAuth::kMissing},
      {{{"Authorization", want}}, want, ProxyAuth::kMissing},
      {{{"Proxy-Authorization", want}}, want, ProxyAuth::kAccepted},
      {{{"proxy-authorization", "basic  dXNlcjpwYXNz"}}, want, ProxyAuth::kAccepted},
      {{{"Proxy-Authorization", "Basic dXNlcjpwYXNY"}}, want, ProxyAuth::kInvalid},
      {{{"Proxy-Authorization", "Bearer dXNlcjpwYXNz"}}, want, ProxyAuth::kInvalid},
      {{{"Proxy-Authorization", "Basic"}}, want, ProxyAuth::kInvalid},
      {{{"Proxy-Authorization", "Basic "}}, want, ProxyAuth::kInvalid},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(CheckProxyAuth(row.fields, row.credentials), row.verdict)
        << (row.fields.empty() ? "" : row.fields[0].value);
  }
}

TEST(ProxyAuth, ConsumedBeforeForwarding) {
  const core::Fields in = {{"Host", "a"}, {"Proxy-Authorization", "Basic x"}, {"X", "1"}};
  const core::Fields out = WithoutProxyAuthorization(in);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].name, "Host");
  EXPECT_EQ(out[1].name, "X");
}

}  // namespace
}  // namespace httpconform::proxy
