// Table tests for dates, entity tags, ranges, the fault table and replies.
#include "harness/server/semantics.h"

#include <gtest/gtest.h>

#include <set>

#include "harness/server/faults.h"
#include "harness/server/reply.h"
#include "harness/server/routes.h"

namespace httpconform::server {
namespace {

TEST(EntityTagTest, ParsesAndComparesAsRfc9110Table) {
  // RFC 9110 §8.8.3.2 example table.
  struct Row {
    const char* a;
    const char* b;
    bool strong;
    bool weak;
  } rows[] = {
      {"W/\"1\"", "W/\"1\"", false, true},
      {"W/\"1\"", "W/\"2\"", false, false},
      {"W/\"1\"", "\"1\"", false, true},
      {"\"1\"", "\"1\"", true, true},
  };
  for (const Row& row : rows) {
    auto a = ParseEntityTag(row.a);
    auto b = ParseEntityTag(row.b);
    ASSERT_TRUE(a && b) << row.a << " " << row.b;
    EXPECT_EQ(StrongMatch(*a, *b), row.strong) << row.a << " " << row.b;
    EXPECT_EQ(WeakMatch(*a, *b), row.weak) << row.a << " " << row.b;
  }
  EXPECT_FALSE(ParseEntityTag("abc").has_value());
  EXPECT_FALSE(ParseEntityTag("\"a b\"").has_value());  // SP is not an etagc.
  EXPECT_FALSE(ParseEntityTag("w/\"a\"").has_value());  // "W/" is case-sensitive.
  EXPECT_FALSE(ParseEntityTag("\"").has_value());
}

TEST(EntityTagTest, ListMatching) {
  EntityTag current = *ParseEntityTag("\"x\"");
  EXPECT_TRUE(EntityTagListMatches({"*"}, current, true));
  EXPECT_TRUE(EntityTagListMatches({"\"a\"", "\"x\""}, current, true));
  EXPECT_FALSE(EntityTagListMatches({"W/\"x\""}, current, true));
  EXPECT_TRUE(EntityTagListMatches({"W/\"x\""}, current, false));
  EXPECT_FALSE(EntityTagListMatches({"garbage", "\"y\""}, current, false));
}

std::string Describe(const RangeRequest& r) {
  std::string out;
  switch (r.kind) {
    case RangeRequest::Kind::kUnknownUnit:
      return "unknown-unit";
    case RangeRequest::Kind::kInvalid:
      return "invalid";
    case RangeRequest::Kind::kUnsatisfiable:
      return "unsatisfiable";
    case RangeRequest::Kind::kSatisfiable:
      break;
  }
  for (const ByteRange& b : r.ranges) {
    out += (out.empty() ? "" : ",") + std::to_string(b.first) + "-" + std::to_string(b.last);
  }
  return out;
}

TEST(RangeTest, ParsesRangesAgainstALength) {
  struct Row {
    const char* value;
    std::uint64_t length;
    const char* want;
  } rows[] = {
      {"bytes=0-4", 14, "0-4"},
      {"bytes=0-0", 14, "0-0"},
      {"bytes=-5", 14, "9-13"},
      {"bytes=-100", 14, "0-13"},  // Suffix longer than the representation.
      {"bytes=10-", 14, "10-13"},
      {"bytes=5-100", 14, "5-13"},  // Clipped.
      {"bytes=0-1, 4-5", 14, "0-1,4-5"},
      {"bytes=0-1,,4-5", 14, "0-1,4-5"},  // Empty list elements.
      {"BYTES=0-1", 14, "0-1"},           // Units are case-insensitive.
      {"bytes=20-30", 14, "unsatisfiable"},
      {"bytes=14-", 14, "unsatisfiable"},
      {"bytes=-0", 14, "unsatisfiable"},
      {"bytes=20-30, 0-1", 14, "0-1"},  // Unsatisfiable members are dropped.
      {"bytes=5-4", 14, "invalid"},     // last < first.
      {"bytes=a-b", 14, "invalid"},
      {"bytes=", 14, "invalid"},
      {"bytes=1", 14, "invalid"},
      {"bytes 0-4", 14, "invalid"},
      {"bytes =0-4", 14, "invalid"},
      {"bytes=0-99999999999999999999999", 14, "invalid"},  // Overflow.
      {"items=0-4", 14, "unknown-unit"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Describe(ParseRange(row.value, row.length)), row.want) << row.value;
  }
}

TEST(TargetTest, RemovesDotSegments) {
  // RFC 3986 §5.2.4, as RFC 9110 §4.2.3 normalization uses it.
  const struct {
    const char* in;
    const char* out;
  } kRows[] = {
      {"/static/hello.txt", "/static/hello.txt"},
      {"/./static/hello.txt", "/static/hello.txt"},
      {"/static/./hello.txt", "/static/hello.txt"},
      {"/a/../static/hello.txt", "/static/hello.txt"},
      {"/../static/hello.txt", "/static/hello.txt"},
      {"/upload/", "/upload/"},
      {"/upload/.", "/upload/"},
      {"/a/b/..", "/a/"},
      {"/", "/"},
      {"", "/"},
      {"/a//b", "/a//b"},
      {"/.hidden/..x", "/.hidden/..x"},
  };
  for (const auto& row : kRows) EXPECT_EQ(RemoveDotSegments(row.in), row.out) << row.in;
}

TEST(FieldTest, RecognizesTheFieldsTheServerImplements) {
  for (const char* name : {"Host", "host", "If-None-Match", "RANGE", "Sec-WebSocket-Key", "TE"}) {
    EXPECT_TRUE(IsRecognizedRequestField(name)) << name;
  }
  for (const char* name : {"X-Httpconform-Unknown", "Hosts", "If-None", ""}) {
    EXPECT_FALSE(IsRecognizedRequestField(name)) << name;
  }
}

TEST(FaultsTest, AtLeastFortyUniqueDescribedFaults) {
  const std::vector<FaultInfo>& all = AllFaults();
  EXPECT_GE(all.size(), 40u);
  std::set<std::string> names;
  for (const FaultInfo& f : all) {
    EXPECT_TRUE(names.insert(f.name).second) << "duplicate " << f.name;
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_NE(f.rule.find("RFC "), std::string::npos) << f.name;
    EXPECT_NE(f.rule.find("§"), std::string::npos) << f.name;
    EXPECT_EQ(f.name.find(' '), std::string::npos) << f.name;
  }
}

TEST(FaultsTest, NamesCasesReferToExist) {
  const char* const kRequired[] = {"ignore-if-none-match",
                                   "ignore-if-modified-since",
                                   "body-on-304",
                                   "304-without-etag",
                                   "ignore-if-match",
                                   "ignore-if-unmodified-since",
                                   "ignore-precedence",
                                   "weak-if-match",
                                   "412-for-get-inm",
                                   "ignore-if-range",
                                   "206-without-content-range",
                                   "wrong-content-range",
                                   "wrong-range-content",
                                   "416-without-content-range",
                                   "unknown-unit-as-bytes",
                                   "no-100-continue",
                                   "100-after-final",
                                   "101-without-upgrade",
                                   "wrong-websocket-accept",
                                   "lf-only",
                                   "two-digit-status",
                                   "no-date",
                                   "cl-and-te",
                                   "head-with-content",
                                   "3xx-without-location",
                                   "201-without-location",
                                   "405-without-allow",
                                   "401-without-www-authenticate",
                                   "407-without-proxy-authenticate",
                                   "426-without-upgrade",
                                   "content-on-204",
                                   "accept-malformed",
                                   "accept-host-missing",
                                   "accept-host-duplicate",
                                   "ignore-unknown-te",
                                   "accept-http2-version",
                                   "no-414",
                                   "no-431",
                                   "keep-alive-after-close",
                                   "cl-te-keep-open",
                                   "unknown-method-200",
                                   "501-as-405",
                                   "head-different-fields",
                                   "304-with-content-length-mismatch",
                                   "multipart-without-boundary",
                                   "option-no-allow",
                                   "date-invalid-format",
                                   "reason-with-ctl"};
  for (const char* name : kRequired) {
    EXPECT_TRUE(FaultSet::Parse({name}).has_value()) << name;
  }
}

TEST(FaultsTest, UnknownFaultIsAUsageError) {
  core::Expected<FaultSet> set = FaultSet::Parse({"ignore-if-none-match", "x"});
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, "usage");
  EXPECT_EQ(set.error().message, "unknown fault \"x\" (see --list-faults)");
}

TEST(ReplyTest, SerializesFramingPerStatus) {
  FaultSet none;
  WireContext wc;
  wc.now = 1640995200;
  Reply ok;
  ok.content = "abc";
  EXPECT_EQ(Serialize(ok, wc, none),
            "HTTP/1.1 200 OK\r\nDate: Sat, 01 Jan 2022 00:00:00 GMT\r\n"
            "Server: httpconform-reference\r\nContent-Length: 3\r\n\r\nabc");
  Reply no_content;
  no_content.status = 204;
  no_content.content = "ignored";
  EXPECT_EQ(Serialize(no_content, wc, none),
            "HTTP/1.1 204 No Content\r\nDate: Sat, 01 Jan 2022 00:00:00 GMT\r\n"
            "Server: httpconform-reference\r\n\r\n");
  wc.head_request = true;
  ok.close = true;
  EXPECT_EQ(Serialize(ok, wc, none),
            "HTTP/1.1 200 OK\r\nDate: Sat, 01 Jan 2022 00:00:00 GMT\r\n"
            "Server: httpconform-reference\r\nConnection: close\r\nContent-Length: 3\r\n\r\n");
}

TEST(ReplyTest, WireFaultsChangeOnlyTheirElement) {
  WireContext wc;
  wc.now = 1640995200;
  Reply ok;
  ok.content = "abc";
  auto with = [&](const char* fault) { return Serialize(ok, wc, *FaultSet::Parse({fault})); };
  EXPECT_EQ(with("lf-only"),
            "HTTP/1.1 200 OK\nDate: Sat, 01 Jan 2022 00:00:00 GMT\n"
            "Server: httpconform-reference\nContent-Length: 3\n\nabc");
  EXPECT_EQ(with("two-digit-status").substr(0, 15), "HTTP/1.1 20 OK\r");
  EXPECT_EQ(with("reason-with-ctl").substr(0, 18), "HTTP/1.1 200 O\x01K\r\n");
  EXPECT_EQ(with("no-date").find("Date:"), std::string::npos);
  EXPECT_NE(with("date-invalid-format").find("Date: Saturday, 01-Jan-22 00:00:00 GMT\r\n"),
            std::string::npos);
  EXPECT_NE(with("cl-and-te")
                .find("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n"
                      "abc\r\n0\r\n\r\n"),
            std::string::npos);
  EXPECT_NE(with("space-before-colon").find("Server : "), std::string::npos);
  EXPECT_NE(with("obs-fold").find("Server: httpconform-\r\n reference\r\n"), std::string::npos);
}

TEST(WebSocketTest, AcceptOfTheRfc6455Example) {
  // The key/accept pair of RFC 6455 §1.3.
  EXPECT_EQ(WebSocketAccept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

}  // namespace
}  // namespace httpconform::server
