#include "reports/baseline.h"

#include <gtest/gtest.h>

#include "reports/report.h"

namespace httpconform::reports {
namespace {

core::CaseResult Result(const std::string& id, core::Outcome outcome,
                        const std::string& reason = "") {
  core::CaseResult r;
  r.id = id;
  r.outcome = outcome;
  r.reason = reason;
  return r;
}

core::RunResult MakeRun(std::vector<core::CaseResult> results) {
  core::RunResult run;
  run.results = std::move(results);
  return run;
}

TEST(BaselineTest, ParsesEntriesWithComments) {
  auto b = ParseBaseline(R"({
    // known since the proxy upgrade
    "schema": "httpconform-baseline/1",
    "failures": [
      {"id": "a.b", "reason": "vendor bug 123"},
      {"id": "c.d", "reason": "", "until": "2024-02-29"}
    ]})");
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->failures.size(), 2u);
  EXPECT_EQ(b->failures[0].id, "a.b");
  EXPECT_EQ(b->failures[0].reason, "vendor bug 123");
  EXPECT_EQ(b->failures[0].until, "");
  EXPECT_EQ(b->failures[1].until, "2024-02-29");
}

TEST(BaselineTest, RejectsBadDocumentsWithPointer) {
  struct Bad {
    const char* text;
    const char* message;
  } cases[] = {
      {"[]", "/: expected an object"},
      {R"({"schema": "x", "failures": []})",
       "/schema: unsupported schema \"x\" (expected \"httpconform-baseline/1\")"},
      {R"({"schema": "httpconform-baseline/1"})", "/: missing member \"failures\""},
      {R"({"schema": "httpconform-baseline/1", "failures": [{"id": "a"}]})",
       "/failures/0: missing member \"reason\""},
      {R"({"schema": "httpconform-baseline/1", "failures": [{"id": "a", "reason": "", "untill": "2024-01-01"}]})",
       "/failures/0/untill: unknown member (expected \"id\", \"reason\", \"until\", "
       "\"vars\" and \"http\")"},
      {R"({"schema": "httpconform-baseline/1", "failures": [{"id": "a", "reason": "", "vars": {"r": 1}}]})",
       "/failures/0/vars/r: expected a string"},
      {R"({"schema": "httpconform-baseline/1", "failures": [{"id": "a", "reason": "", "until": "2023-02-29"}]})",
       "/failures/0/until: expected a date YYYY-MM-DD (got \"2023-02-29\")"},
      {R"({"schema": "httpconform-baseline/1", "failures": [{"id": "a", "reason": ""}, {"id": "a", "reason": ""}]})",
       "/failures/1/id: duplicate id \"a\""},
      {R"({"schema": "httpconform-baseline/1", "failures": [{"id": "", "reason": ""}]})",
       "/failures/0/id: empty id"},
  };
  for (const Bad& bad : cases) {
    auto b = ParseBaseline(bad.text);
    ASSERT_FALSE(b) << bad.text;
    EXPECT_EQ(b.error().code, "baseline");
    EXPECT_EQ(b.error().message, bad.message);
  }
  auto junk = ParseBaseline("{");
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().message.rfind("not valid JSON: ", 0), 0u);
  auto deep = ParseBaseline("{\"failures\": " + std::string(1 << 20, '['));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().message, "arrays and objects nested deeper than 64 levels");
}

TEST(BaselineTest, IsoDates) {
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_TRUE(IsIsoDate("2000-02-29"));
  EXPECT_FALSE(IsIsoDate("1900-02-29"));
  EXPECT_FALSE(IsIsoDate("2024-13-01"));
  EXPECT_FALSE(IsIsoDate("2024-04-31"));
  EXPECT_FALSE(IsIsoDate("2024-1-01"));
  EXPECT_FALSE(IsIsoDate("2024/01/01"));
}

TEST(BaselineTest, FromRunTakesFailsAndErrorsAndRoundTrips) {
  core::RunResult run =
      MakeRun({Result("a", core::Outcome::kPass), Result("b", core::Outcome::kFail, "got 200"),
               Result("c", core::Outcome::kSkip), Result("d", core::Outcome::kError, "timeout")});
  Baseline b = BaselineFromRun(run, "2030-01-01");
  ASSERT_EQ(b.failures.size(), 2u);
  EXPECT_EQ(b.failures[0].id, "b");
  EXPECT_EQ(b.failures[0].reason, "fail: got 200");
  EXPECT_EQ(b.failures[1].id, "d");
  EXPECT_EQ(b.failures[1].reason, "error: timeout");
  const std::string text = RenderBaseline(b);
  EXPECT_EQ(text,
            "{\n  \"schema\": \"httpconform-baseline/1\",\n  \"failures\": [\n    {\n"
            "      \"id\": \"b\",\n      \"reason\": \"fail: got 200\",\n      \"until\": "
            "\"2030-01-01\"\n"
            "    },\n    {\n      \"id\": \"d\",\n      \"reason\": \"error: timeout\",\n"
            "      \"until\": \"2030-01-01\"\n    }\n  ]\n}\n");
  auto back = ParseBaseline(text);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->failures.size(), 2u);
  EXPECT_EQ(back->failures[1].reason, "error: timeout");
  EXPECT_EQ(back->failures[1].until, "2030-01-01");
}

TEST(BaselineTest, RatchetKnownFixedExpiredNew) {
  Baseline b;
  b.failures = {{"known", "r", ""},           {"fixed", "r", ""}, {"expired", "r", "2024-01-01"},
                {"today", "r", "2024-06-01"}, {"gone", "r", ""},  {"flaky", "r", ""}};
  core::CaseResult flaky = Result("flaky", core::Outcome::kPass);
  flaky.flaky = true;
  flaky.attempts = 2;
  core::RunResult run = MakeRun(
      {Result("known", core::Outcome::kFail), Result("fixed", core::Outcome::kPass),
       Result("expired", core::Outcome::kError), Result("today", core::Outcome::kFail),
       Result("new", core::Outcome::kFail), Result("skipped", core::Outcome::kSkip), flaky});
  BaselineVerdict v = ApplyBaseline(b, "2024-06-01", &run);
  EXPECT_EQ(v.known, (std::vector<std::string>{"known", "today", "flaky"}));
  EXPECT_EQ(v.fixed, (std::vector<std::string>{"fixed"}));
  EXPECT_EQ(v.expired, (std::vector<std::string>{"expired"}));
  EXPECT_EQ(v.new_failures, (std::vector<std::string>{"expired", "new"}));
  EXPECT_EQ(v.not_run, (std::vector<std::string>{"gone"}));
  EXPECT_EQ(run.results[0].baseline, "known");
  EXPECT_EQ(run.results[1].baseline, "fixed");
  EXPECT_EQ(run.results[2].baseline, "");
  EXPECT_EQ(run.results[3].baseline, "known");
  EXPECT_EQ(run.results[4].baseline, "");
  EXPECT_EQ(run.results[5].baseline, "");
  EXPECT_EQ(run.results[6].baseline, "known");
  ASSERT_EQ(run.notes.size(), 1u);
  EXPECT_EQ(run.notes[0],
            "baseline: 6 entries; 3 known failure(s), not counted: known today flaky; 1 fixed "
            "(remove from the baseline): fixed; 1 expired (their failures count): expired; 2 new "
            "failure(s): expired new; 1 not run: gone");
}

TEST(BaselineTest, RecordsVariablesAndNamesKnownFailuresRunWithOthers) {
  core::CaseResult failed = Result("a", core::Outcome::kFail, "got 200");
  failed.vars = {{"resource", "/index.html"}, {"missing", "/nope"}};
  Baseline b = BaselineFromRun(MakeRun({failed}));
  ASSERT_EQ(b.failures.size(), 1u);
  EXPECT_EQ(b.failures[0].vars, failed.vars);
  auto back = ParseBaseline(RenderBaseline(b));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->failures[0].vars, failed.vars);

  // The same variables: known, nothing to say. Another resource: still
  // known (it failed), but the run says it is not the same test.
  core::RunResult same = MakeRun({failed});
  BaselineVerdict v = ApplyBaseline(*back, "2024-01-01", &same);
  EXPECT_EQ(v.known, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(v.other_vars.empty());
  core::CaseResult moved = failed;
  moved.vars["resource"] = "/";
  core::RunResult other = MakeRun({moved});
  v = ApplyBaseline(*back, "2024-01-01", &other);
  EXPECT_EQ(v.known, (std::vector<std::string>{"a"}));
  EXPECT_EQ(v.other_vars, (std::vector<std::string>{"a: resource now / (baseline /index.html)"}));
}

TEST(BaselineTest, MarksSurviveTheJsonReport) {
  core::RunResult run =
      MakeRun({Result("a", core::Outcome::kFail), Result("b", core::Outcome::kPass)});
  run.results[0].baseline = "known";
  run.results[1].flaky = true;
  run.results[1].attempts = 3;
  auto back = ParseJsonReport(RenderJson(run));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->results[0].baseline, "known");
  EXPECT_EQ(back->results[0].attempts, 1);
  EXPECT_FALSE(back->results[0].flaky);
  EXPECT_EQ(back->results[1].baseline, "");
  EXPECT_EQ(back->results[1].attempts, 3);
  EXPECT_TRUE(back->results[1].flaky);
}

TEST(BaselineTest, MarkdownAndHtmlMentionFlakyAndBaseline) {
  core::RunResult run =
      MakeRun({Result("a.known", core::Outcome::kFail), Result("b.flaky", core::Outcome::kPass),
               Result("c.fixed", core::Outcome::kPass)});
  run.results[0].baseline = "known";
  run.results[1].flaky = true;
  run.results[1].attempts = 2;
  run.results[2].baseline = "fixed";
  const std::string md = RenderMarkdown(run);
  EXPECT_NE(md.find("| fail (known failure) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| pass (flaky, attempt 2) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| pass (fixed: remove from baseline) |"), std::string::npos) << md;
  const std::string html = RenderHtml(run);
  EXPECT_NE(html.find("known failure (baseline): does not fail the run"), std::string::npos);
  EXPECT_NE(html.find("<b>flaky</b>: failed, then passed on attempt 2"), std::string::npos);
  EXPECT_NE(html.find("fixed: remove it from the baseline"), std::string::npos);
}

}  // namespace
}  // namespace httpconform::reports
