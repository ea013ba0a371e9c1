// RFC 9113 request rules (h2_request.h), one row per header list.
#include "harness/server/h2_request.h"

#include <gtest/gtest.h>

namespace httpconform::server {
namespace {

core::Fields Base() {
  return {{":method", "GET"}, {":scheme", "http"}, {":authority", "a.test"}, {":path", "/x"}};
}

core::Fields With(core::Field extra) {
  core::Fields f = Base();
  f.push_back(std::move(extra));
  return f;
}

TEST(H2RequestTest, MalformedOrNot) {
  struct Row {
    const char* what;
    core::Fields headers;
    bool malformed;
  };
  const Row rows[] = {
      {"well formed", Base(), false},
      {"lowercase field", With({"accept", "*/*"}), false},
      {"te: trailers", With({"te", "trailers"}), false},
      {"uppercase name", With({"Accept", "*/*"}), true},
      {"connection", With({"connection", "close"}), true},
      {"keep-alive", With({"keep-alive", "timeout=5"}), true},
      {"proxy-connection", With({"proxy-connection", "x"}), true},
      {"transfer-encoding", With({"transfer-encoding", "chunked"}), true},
      {"upgrade", With({"upgrade", "websocket"}), true},
      {"te: gzip", With({"te", "gzip"}), true},
      {"no :path", {{":method", "GET"}, {":scheme", "http"}}, true},
      {"empty :path", {{":method", "GET"}, {":scheme", "http"}, {":path", ""}}, true},
      {"no :method", {{":scheme", "http"}, {":path", "/"}}, true},
      {"no :scheme", {{":method", "GET"}, {":path", "/"}}, true},
      {"repeated :path", With({":path", "/y"}), true},
      {"unknown pseudo", With({":status", "200"}), true},
      {"pseudo after field",
       {{":method", "GET"}, {"accept", "*/*"}, {":scheme", "http"}, {":path", "/"}},
       true},
      {"CONNECT without :path", {{":method", "CONNECT"}, {":authority", "a.test:443"}}, false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(!H2RequestFromHeaders(row.headers).malformed.empty(), row.malformed) << row.what;
  }
}

TEST(H2RequestTest, BuildsTheRoutesRequestModel) {
  H2Request r = H2RequestFromHeaders(With({"accept", "*/*"}));
  EXPECT_EQ(r.request.method, "GET");
  EXPECT_EQ(r.request.target, "/x");
  EXPECT_EQ(r.request.version, "HTTP/2");
  ASSERT_EQ(r.request.fields.size(), 2u);
  EXPECT_EQ(r.request.fields[0].name, "host");  // From :authority (RFC 9113 §8.3.1).
  EXPECT_EQ(r.request.fields[0].value, "a.test");
  EXPECT_EQ(r.request.fields[1].name, "accept");
  // A host field of its own is kept, not doubled.
  EXPECT_EQ(H2RequestFromHeaders(With({"host", "b.test"})).request.fields.size(), 1u);
}

TEST(H2RequestTest, ContentLengthMustEqualTheData) {
  wire::Request req;
  req.content = "hello";
  EXPECT_TRUE(H2ContentLengthProblem(req).empty());
  req.fields.push_back({"content-length", "5"});
  EXPECT_TRUE(H2ContentLengthProblem(req).empty());
  req.fields[0].value = "6";
  EXPECT_FALSE(H2ContentLengthProblem(req).empty());
}

}  // namespace
}  // namespace httpconform::server
