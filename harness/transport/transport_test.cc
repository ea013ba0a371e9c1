#include "harness/transport/transport.h"

#include <gtest/gtest.h>

#include <string>

namespace httpconform::transport {
namespace {

struct GoodUrl {
  const char* url;
  const char* scheme;
  const char* host;
  int port;
  const char* authority;
  const char* base_path;
};

TEST(ParseTargetTest, AcceptsHttpAndHttpsUrls) {
  const GoodUrl kTable[] = {
      {"http://127.0.0.1:8080/a?b", "http", "127.0.0.1", 8080, "127.0.0.1:8080", "/a?b"},
      {"https://example.com", "https", "example.com", 443, "example.com", "/"},
      {"http://example.com", "http", "example.com", 80, "example.com", "/"},
      {"http://h:80/", "http", "h", 80, "h", "/"},
      {"https://h:80/", "https", "h", 80, "h:80", "/"},
      {"http://h:/x", "http", "h", 80, "h", "/x"},
      {"http://[::1]:81/x", "http", "::1", 81, "[::1]:81", "/x"},
      {"https://[2001:db8::1]/", "https", "2001:db8::1", 443, "[2001:db8::1]", "/"},
      {"HTTP://Host.Example?q=1", "http", "Host.Example", 80, "Host.Example", "/?q=1"},
      {"http://h/p/q#frag", "http", "h", 80, "h", "/p/q"},
      {"http://h/%7Euser", "http", "h", 80, "h", "/%7Euser"},
  };
  for (const GoodUrl& row : kTable) {
    SCOPED_TRACE(row.url);
    core::Expected<Target> target = ParseTarget(row.url);
    ASSERT_TRUE(target.has_value()) << target.error().message;
    EXPECT_EQ(target->scheme, row.scheme);
    EXPECT_EQ(target->host, row.host);
    EXPECT_EQ(target->port, row.port);
    EXPECT_EQ(target->authority, row.authority);
    EXPECT_EQ(target->base_path, row.base_path);
  }
}

TEST(ParseTargetTest, RejectsWithAMessageSayingWhy) {
  const std::pair<const char*, const char*> kTable[] = {
      {"x", "invalid URL \"x\": expected http:// or https://"},
      {"ftp://h/", "invalid URL \"ftp://h/\": expected http:// or https://"},
      {"http://", "invalid URL \"http://\": missing host"},
      {"http://:80/", "invalid URL \"http://:80/\": missing host"},
      {"http://h:0/", "invalid URL \"http://h:0/\": port \"0\" is not a number in 1..65535"},
      {"http://h:65536",
       "invalid URL \"http://h:65536\": port \"65536\" is not a number in 1..65535"},
      {"http://h:8a", "invalid URL \"http://h:8a\": port \"8a\" is not a number in 1..65535"},
      {"http://u:p@h/",
       "invalid URL \"http://u:p@h/\": user information (\"user@\") is not supported"},
      {"http://[::1/", "invalid URL \"http://[::1/\": missing \"]\" after IPv6 address"},
      {"http://[::1]x/", "invalid URL \"http://[::1]x/\": unexpected \"x\" after IPv6 address"},
      {"http://[zz]/", "invalid URL \"http://[zz]/\": invalid IPv6 address \"zz\""},
      {"http://h h/", "invalid URL \"http://h h/\": invalid character ' ' in host"},
      {"http://h/a b",
       "invalid URL \"http://h/a b\": path contains a space or control character; "
       "percent-encode it"},
  };
  for (const auto& [url, message] : kTable) {
    SCOPED_TRACE(url);
    core::Expected<Target> target = ParseTarget(url);
    ASSERT_FALSE(target.has_value());
    EXPECT_EQ(target.error().code, "usage");
    EXPECT_EQ(target.error().message, message);
  }
}

}  // namespace
}  // namespace httpconform::transport
