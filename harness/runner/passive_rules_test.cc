// Each passive rule id (core/status_rule_ids.h) is reported by the check
// that applies it: one response per rule that breaks it, and a test that the
// table covers every id, so a rule the registry states but no check applies
// is refused.
#include "harness/runner/passive_rules.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "harness/core/status_rule_ids.h"
#include "harness/runner/passive_rules_for_testing.h"

namespace httpconform::runner {
namespace {

namespace ids = core::rule_ids;

core::Response Final(int status, std::uint64_t content_size = 10) {
  return FinalResponseForTesting(status, content_size);
}

core::Response With(core::Response r, const std::string& name, const std::string& value) {
  r.head.fields.push_back({name, value});
  return r;
}

struct Row {
  const char* rule;
  core::Response response;
  RequestFacts request;
};

RequestFacts Facts(const std::function<void(RequestFacts*)>& set = nullptr) {
  RequestFacts facts;
  if (set) set(&facts);
  return facts;
}

std::vector<Row> Rows() {
  core::Response no_date = Final(200);
  no_date.head.fields.clear();
  core::Response obs_fold = Final(200);
  obs_fold.diagnostics.push_back({"field.obs-fold", 17, ""});
  core::Response stray = Final(200);
  stray.diagnostics.push_back({"message.content-not-allowed", 40, ""});
  core::Response future_modified = Final(200);
  future_modified.head.fields = {{"Date", "Sun, 06 Nov 1994 08:49:37 GMT"},
                                 {"Last-Modified", "Sun, 06 Nov 1994 08:49:38 GMT"}};
  return {
      {ids::kStatusRange, Final(600), Facts()},
      {ids::kWireWellFormed, obs_fold, Facts()},
      {ids::kDateOrigin, no_date, Facts()},
      {ids::kNoContent1xx, stray, Facts([](RequestFacts* f) { f->stray_after_status = 103; })},
      {ids::kNoContent204, Final(204), Facts()},
      {ids::kNoContent205, Final(205), Facts()},
      {ids::kNoContent304, Final(304), Facts()},
      {ids::kContentLength1xx204, With(Final(204, 0), "Content-Length", "0"), Facts()},
      {ids::kTransferEncoding1xx204, With(Final(204, 0), "Transfer-Encoding", "chunked"), Facts()},
      {ids::k4xxExplanation, Final(404, 0), Facts()},
      {ids::k5xxExplanation, Final(500, 0), Facts()},
      {ids::k101Upgrade, Final(101, 0), Facts()},
      {ids::k101Unsolicited, With(Final(101, 0), "Upgrade", "websocket"), Facts()},
      {ids::k206ContentRange, Final(206), Facts()},
      {ids::k3xxLocationPermanent, Final(301), Facts()},
      {ids::k3xxLocationTemporary, Final(307), Facts()},
      {ids::k401WwwAuthenticate, Final(401), Facts()},
      {ids::k405Allow, Final(405), Facts()},
      {ids::k407ProxyAuthenticate, Final(407), Facts()},
      {ids::k416ContentRange, Final(416), Facts([](RequestFacts* f) { f->had_range = true; })},
      {ids::k426Upgrade, Final(426), Facts()},
      {ids::k429RetryAfter, Final(429), Facts()},
      {ids::k503RetryAfter, Final(503), Facts()},
      {ids::kLastModifiedNotAfterDate, future_modified, Facts()},
  };
}

TEST(PassiveRulesTest, EachRuleIdIsReportedByItsCheck) {
  std::set<std::string> covered;
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.rule);
    std::set<std::string> reported;
    for (const core::PassiveFinding& f : CheckPassiveRules(row.response, row.request, 0)) {
      reported.insert(f.rule);
    }
    EXPECT_EQ(reported.count(row.rule), 1u);
    covered.insert(row.rule);
  }
  for (const char* id : ids::kAll) EXPECT_EQ(covered.count(id), 1u) << id << " has no row";
}

}  // namespace
}  // namespace httpconform::runner
