#include "harness/proxy/origin.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

#include "harness/proxy/sockets.h"

namespace httpconform::proxy {
namespace {

// Sends `request` to 127.0.0.1:port and reads until the peer closes (or 5 s).
std::string Ask(int port, const std::string& request, int timeout_ms = 5000) {
  std::atomic<bool> stop{false};
  core::Expected<int> fd = Connect("127.0.0.1", port, 2000);
  if (!fd) return "connect failed";
  WriteAll(*fd, request, 2000, stop);
  std::string got;
  while (ReadMore(*fd, got, timeout_ms, stop) == ReadStatus::kOk) {
  }
  ::close(*fd);
  return got;
}

TEST(OriginTag, PathFirstThenField) {
  EXPECT_EQ(TagOf("/__hc/a.s1.7", {}), "a.s1.7");
  EXPECT_EQ(TagOf("/__hc/a.s1.7/more?x=1", {}), "a.s1.7");
  EXPECT_EQ(TagOf("http://127.0.0.1:9/__hc/t-1", {}), "t-1");
  EXPECT_EQ(TagOf("/rewritten", {{"Httpconform-Tag", "t2"}}), "t2");
  EXPECT_EQ(TagOf("/__hc/", {}), "");
  EXPECT_EQ(TagOf("/", {}), "");
}

TEST(OriginResponse, FramingAndInterim) {
  core::OriginScript s;
  s.status = 200;
  s.headers = {{"Date", "x"}, {"X-A", "1"}};
  s.content = "hello";
  EXPECT_EQ(BuildOriginResponse(s, false),
            "HTTP/1.1 200 OK\r\nDate: x\r\nX-A: 1\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(BuildOriginResponse(s, true), "HTTP/1.1 200 OK\r\nDate: x\r\nX-A: 1\r\n\r\n");
  s.chunked = true;
  s.trailers = {{"X-T", "2"}};
  s.interim = {103};
  EXPECT_EQ(BuildOriginResponse(s, false),
            "HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 200 OK\r\nDate: x\r\nX-A: 1\r\n"
            "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 2\r\n\r\n");
}

TEST(ScriptedOrigin, AnswersByScriptAndRecordsTheRequest) {
  auto origin = ScriptedOrigin::Start("127.0.0.1", 0);
  ASSERT_TRUE(origin) << origin.error().message;
  const int port = std::stoi((*origin)->authority().substr(10));
  core::OriginScript script;
  script.status = 203;
  script.headers = {{"X-Script", "yes"}};
  script.content = "scripted";
  script.close_after = true;
  (*origin)->Begin("case.s1.1", script);
  const std::string got = Ask(port,
                              "POST /__hc/case.s1.1/x HTTP/1.1\r\nHost: o\r\nX-In: 1\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  EXPECT_NE(got.find("HTTP/1.1 203 "), std::string::npos) << got;
  EXPECT_NE(got.find("X-Script: yes"), std::string::npos) << got;
  EXPECT_NE(got.find("\r\n\r\nscripted"), std::string::npos) << got;
  std::vector<core::OriginRecord> records = (*origin)->End("case.s1.1");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].method, "POST");
  EXPECT_EQ(records[0].target, "/__hc/case.s1.1/x");
  EXPECT_EQ(records[0].framing, "chunked");
  EXPECT_EQ(records[0].content_length, 3u);
  ASSERT_EQ(records[0].fields.size(), 3u);
  EXPECT_EQ(records[0].fields[1].name, "X-In");
  // Ended: the same tag is now unknown, answered 404 and counted.
  const std::string late = Ask(port,
                               "GET /__hc/case.s1.1 HTTP/1.1\r\nHost: o\r\n"
                               "Connection: close\r\n\r\n");
  EXPECT_EQ(late.rfind("HTTP/1.1 404 ", 0), 0u) << late;
  EXPECT_EQ((*origin)->untagged_count(), 1u);
  EXPECT_EQ((*origin)->untagged().front(), "GET /__hc/case.s1.1");
}

TEST(ScriptedOrigin, RawCloseResetAndHangEndWithTheStep) {
  auto origin = ScriptedOrigin::Start("127.0.0.1", 0);
  ASSERT_TRUE(origin);
  const int port = std::stoi((*origin)->authority().substr(10));
  core::OriginScript raw;
  raw.raw = "NOT HTTP AT ALL\r\n";
  (*origin)->Begin("r", raw);
  EXPECT_EQ(Ask(port, "GET /__hc/r HTTP/1.1\r\nHost: o\r\n\r\n"), "NOT HTTP AT ALL\r\n");
  core::OriginScript close;
  close.action = core::OriginScript::Action::kClose;
  (*origin)->Begin("c", close);
  EXPECT_EQ(Ask(port, "GET /__hc/c HTTP/1.1\r\nHost: o\r\n\r\n"), "");
  core::OriginScript hang;
  hang.action = core::OriginScript::Action::kHang;
  (*origin)->Begin("h", hang);
  EXPECT_EQ(Ask(port, "GET /__hc/h HTTP/1.1\r\nHost: o\r\n\r\n", 300), "");
  EXPECT_EQ((*origin)->End("h").size(), 1u);  // Recorded, and let go.
  EXPECT_EQ((*origin)->End("r").size(), 1u);
}

TEST(ScriptedOrigin, RefusesAddressesOffLoopback) {
  auto origin = ScriptedOrigin::Start("0.0.0.0", 0);
  ASSERT_FALSE(origin);
  EXPECT_NE(origin.error().message.find("not a loopback"), std::string::npos);
}

}  // namespace
}  // namespace httpconform::proxy
