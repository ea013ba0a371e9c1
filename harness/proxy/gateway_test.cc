#include "harness/proxy/gateway.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

#include "harness/proxy/origin.h"

namespace httpconform::proxy {
namespace {

std::string Ask(int port, const std::string& request) {
  std::atomic<bool> stop{false};
  core::Expected<int> fd = Connect("127.0.0.1", port, 2000);
  if (!fd) return "connect failed";
  WriteAll(*fd, request, 2000, stop);
  std::string got;
  while (ReadMore(*fd, got, 5000, stop) == ReadStatus::kOk) {
  }
  ::close(*fd);
  return got;
}

struct Pair {
  std::unique_ptr<ScriptedOrigin> origin;
  std::unique_ptr<ReferenceGateway> gateway;
};

Pair Start(const std::vector<std::string>& faults = {}) {
  Pair p;
  auto origin = ScriptedOrigin::Start("127.0.0.1", 0);
  EXPECT_TRUE(origin);
  p.origin = std::move(*origin);
  GatewayOptions options;
  options.upstream_port = std::stoi(p.origin->authority().substr(10));
  options.faults = faults;
  options.upstream_timeout_ms = 500;
  auto gateway = ReferenceGateway::Start(options);
  EXPECT_TRUE(gateway) << gateway.error().message;
  p.gateway = std::move(*gateway);
  return p;
}

TEST(ReferenceGateway, ForwardsWithViaAndWithoutConnectionListedFields) {
  Pair p = Start();
  core::OriginScript s;
  s.headers = {{"Connection", "X-Back"}, {"X-Back", "1"}, {"X-End", "2"}};
  s.content = "ok";
  p.origin->Begin("t1", s);
  const std::string got = Ask(p.gateway->port(),
                              "GET /__hc/t1 HTTP/1.1\r\nHost: g\r\nConnection: X-Hop, close\r\n"
                              "X-Hop: 1\r\nX-Keep: 2\r\n\r\n");
  EXPECT_EQ(got.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << got;
  EXPECT_EQ(got.find("X-Back"), std::string::npos) << got;
  EXPECT_NE(got.find("X-End: 2"), std::string::npos) << got;
  std::vector<core::OriginRecord> r = p.origin->End("t1");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(core::FindField(r[0].fields, "X-Hop"), nullptr);
  ASSERT_NE(core::FindField(r[0].fields, "X-Keep"), nullptr);
  ASSERT_NE(core::FindField(r[0].fields, "Via"), nullptr);
  EXPECT_EQ(core::FindField(r[0].fields, "Via")->value, "1.1 httpconform");
}

TEST(ReferenceGateway, Answers502ToGarbageAnd504ToSilence) {
  Pair p = Start();
  core::OriginScript garbage;
  garbage.raw = "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello";
  p.origin->Begin("g", garbage);
  std::string got = Ask(p.gateway->port(),
                        "GET /__hc/g HTTP/1.1\r\nHost: g\r\n"
                        "Connection: close\r\n\r\n");
  EXPECT_EQ(got.rfind("HTTP/1.1 502 ", 0), 0u) << got;
  core::OriginScript hang;
  hang.action = core::OriginScript::Action::kHang;
  p.origin->Begin("h", hang);
  got = Ask(p.gateway->port(), "GET /__hc/h HTTP/1.1\r\nHost: g\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(got.rfind("HTTP/1.1 504 ", 0), 0u) << got;
  p.origin->End("h");
}

TEST(ReferenceGateway, FaultRelaysTheInvalidResponse) {
  Pair p = Start({"gw-relay-invalid"});
  core::OriginScript garbage;
  garbage.raw = "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello";
  p.origin->Begin("g", garbage);
  const std::string got = Ask(p.gateway->port(),
                              "GET /__hc/g HTTP/1.1\r\nHost: g\r\n"
                              "Connection: close\r\n\r\n");
  EXPECT_EQ(got.rfind("HTTP/1.1 200 ", 0), 0u) << got;
}

TEST(ReferenceGateway, MaxForwardsZeroIsAnsweredHere) {
  Pair p = Start();
  core::OriginScript s;
  p.origin->Begin("m", s);
  const std::string got = Ask(p.gateway->port(),
                              "OPTIONS /__hc/m HTTP/1.1\r\nHost: g\r\nMax-Forwards: 0\r\n"
                              "Connection: close\r\n\r\n");
  EXPECT_EQ(got.rfind("HTTP/1.1 200 ", 0), 0u) << got;
  EXPECT_NE(got.find("Allow: "), std::string::npos) << got;
  EXPECT_TRUE(p.origin->End("m").empty());
}

}  // namespace
}  // namespace httpconform::proxy
