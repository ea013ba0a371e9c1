#include "harness/cli/replay_compare.h"

#include <gtest/gtest.h>

#include "reports/report.h"

namespace httpconform::cli {
namespace {

core::StepResult Step(const std::string& sent, int status, const core::Fields& fields,
                      const std::string& content) {
  core::StepResult s;
  s.request.bytes = sent;
  core::Response r;
  r.head.status = status;
  r.head.fields = fields;
  r.content = content;
  r.content_size = content.size();
  s.response = r;
  return s;
}

core::CaseResult Case(std::vector<core::StepResult> steps) {
  core::CaseResult c;
  c.steps = std::move(steps);
  return c;
}

// As a JSON report holds it: a preview of the content, its digest recorded.
core::CaseResult Recorded(core::CaseResult c) {
  for (core::StepResult& s : c.steps) {
    if (!s.response) continue;
    s.response->content_sha256 = reports::ContentSha256(s.response->content);
    s.response->content.resize(std::min<std::size_t>(s.response->content.size(), 4));
  }
  return c;
}

const char kGet[] = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";

TEST(CompareExchangesTest, TheSameExchangeHasNoDifference) {
  const core::CaseResult fresh =
      Case({Step(kGet, 200, {{"ETag", "\"a\""}, {"Date", "now"}}, "hello world")});
  core::CaseResult recorded = fresh;
  recorded.steps[0].response->head.fields[1].value = "earlier";  // Date is not compared.
  EXPECT_TRUE(CompareExchanges(Recorded(recorded), fresh).empty());
}

TEST(CompareExchangesTest, EachDifferenceIsOneLine) {
  const core::CaseResult recorded =
      Recorded(Case({Step("GET /static/hello.txt HTTP/1.1\r\nHost: h\r\n\r\n", 200,
                          {{"ETag", "\"a\""}}, "hello world"),
                     Step(kGet, 304, {}, "")}));
  const core::CaseResult fresh = Case({Step(kGet, 404, {{"ETag", "\"b\""}}, "hello there")});
  EXPECT_EQ(CompareExchanges(recorded, fresh),
            (std::vector<std::string>{
                "step 1: request differs: \"GET / HTTP/1.1\", recorded \"GET "
                "/static/hello.txt HTTP/1.1\"",
                "step 1: status 404, recorded 200", "step 1: ETag \"b\", recorded \"a\"",
                "step 1: content differs (same size, SHA-256 " +
                    reports::ContentSha256("hello there").substr(0, 12) + "..., recorded " +
                    reports::ContentSha256("hello world").substr(0, 12) + "...)",
                "step 2: recorded, not reached now"}));
}

TEST(CompareExchangesTest, SizesResponsesAndConnections) {
  core::CaseResult recorded = Case({Step(kGet, 200, {}, "abc")});
  core::CaseResult fresh = Case({Step(kGet, 200, {}, "abcdef")});
  fresh.steps[0].connection_closed = true;
  EXPECT_EQ(CompareExchanges(Recorded(recorded), fresh),
            (std::vector<std::string>{"step 1: content 6 bytes, recorded 3",
                                      "step 1: connection closed, recorded open"}));
  fresh.steps[0].response.reset();
  EXPECT_EQ(CompareExchanges(Recorded(recorded), fresh),
            (std::vector<std::string>{"step 1: no response now, recorded 200",
                                      "step 1: connection closed, recorded open"}));
}

TEST(CompareExchangesTest, RedactedRequestsCompareRedacted) {
  const std::string with_cookie = "GET / HTTP/1.1\r\nCookie: id=secret\r\n\r\n";
  core::CaseResult recorded =
      Case({Step("GET / HTTP/1.1\r\nCookie: [redacted]\r\n\r\n", 200, {}, "")});
  EXPECT_TRUE(CompareExchanges(Recorded(recorded), Case({Step(with_cookie, 200, {}, "")})).empty());
}

}  // namespace
}  // namespace httpconform::cli
