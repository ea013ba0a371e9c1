// What fails a run, one row per kind of result, and the counts of a run.
#include "harness/core/verdict.h"

#include <gtest/gtest.h>

namespace httpconform::core {
namespace {

CaseResult Result(Outcome outcome, Level level, const std::string& baseline = "",
                  bool flaky = false) {
  CaseResult r;
  r.id = "x";
  r.outcome = outcome;
  r.spec.level = level;
  r.baseline = baseline;
  r.flaky = flaky;
  return r;
}

TEST(VerdictTest, CaseFailsRunTable) {
  struct Row {
    CaseResult result;
    RunPolicy policy;
    bool fails;
    const char* why;
  };
  RunPolicy must;
  RunPolicy should;
  should.fail_on = Level::kShould;
  RunPolicy may;
  may.fail_on = Level::kMay;
  RunPolicy flaky_counts;
  flaky_counts.fail_on_flaky = true;
  RunPolicy flaky_may = flaky_counts;
  flaky_may.fail_on = Level::kMay;
  RunPolicy strict;
  strict.strict_baseline = true;
  const Row rows[] = {
      {Result(Outcome::kPass, Level::kMust), must, false, ""},
      {Result(Outcome::kSkip, Level::kMust), must, false, ""},
      {Result(Outcome::kFail, Level::kMust), must, true, ""},
      {Result(Outcome::kFail, Level::kShould), must, false, "below --fail-on must"},
      {Result(Outcome::kFail, Level::kShould), should, true, ""},
      // Nothing at MAY fails a run: the runner skips an unmet MAY, and a
      // report read back that says "fail" at MAY is still not counted.
      {Result(Outcome::kFail, Level::kMay), should, false,
       "MAY: the server's choice, not a violation"},
      {Result(Outcome::kFail, Level::kMay), may, false,
       "MAY: the server's choice, not a violation"},
      {Result(Outcome::kError, Level::kMay), must, true, ""},
      {Result(Outcome::kFail, Level::kMust, "known"), must, false, "known failure (baseline)"},
      {Result(Outcome::kError, Level::kMust, "known"), must, false, "known failure (baseline)"},
      {Result(Outcome::kPass, Level::kMust, "fixed"), must, false, ""},
      {Result(Outcome::kPass, Level::kMust, "fixed"), strict, true, ""},
      {Result(Outcome::kPass, Level::kMust, "", true), must, false,
       "flaky: passed on a retry (--fail-on-flaky counts it)"},
      {Result(Outcome::kPass, Level::kMust, "", true), flaky_counts, true, ""},
      {Result(Outcome::kPass, Level::kShould, "", true), flaky_counts, false,
       "flaky: passed on a retry (--fail-on-flaky counts it)"},
      {Result(Outcome::kPass, Level::kMay, "", true), flaky_may, false,
       "flaky: passed on a retry (a MAY never fails a run, even with --fail-on-flaky)"},
  };
  int i = 0;
  for (const Row& row : rows) {
    EXPECT_EQ(CaseFailsRun(row.result, row.policy), row.fails) << "row " << i;
    EXPECT_EQ(WhyNotCounted(row.result, row.policy), row.why) << "row " << i;
    ++i;
  }
}

TEST(VerdictTest, FindingsCountAtTheirLevelExceptForKnownFailures) {
  CaseResult r = Result(Outcome::kPass, Level::kShould);
  PassiveFinding must_finding;
  must_finding.level = Level::kMust;
  PassiveFinding should_finding;
  should_finding.level = Level::kShould;
  RunPolicy policy;
  EXPECT_TRUE(FindingFailsRun(r, must_finding, policy));
  EXPECT_FALSE(FindingFailsRun(r, should_finding, policy));
  policy.fail_on = Level::kMay;
  EXPECT_TRUE(FindingFailsRun(r, should_finding, policy));
  // A MAY finding records the server's choice: it never fails a run, so
  // --fail-on may counts what --fail-on should does.
  PassiveFinding may_finding;
  may_finding.level = Level::kMay;
  EXPECT_FALSE(FindingFailsRun(r, may_finding, policy));
  EXPECT_EQ(WhyFindingNotCounted(r, may_finding, policy),
            "MAY: the server's choice, not a violation");
  r.baseline = "known";
  EXPECT_FALSE(FindingFailsRun(r, must_finding, policy));
}

TEST(VerdictTest, JudgeRunCountsEverythingThatFails) {
  RunResult run;
  EXPECT_FALSE(JudgeRun(run).failed());
  run.results.push_back(Result(Outcome::kPass, Level::kMust));
  PassiveFinding f;
  f.level = Level::kMust;
  run.results.back().findings = {f, f};
  run.results.push_back(Result(Outcome::kFail, Level::kShould));
  RunVerdict v = JudgeRun(run);
  EXPECT_EQ(v.failing_cases, 0);
  EXPECT_EQ(v.failing_findings, 2);
  EXPECT_EQ(v.findings, 2);
  EXPECT_EQ(v.failing(), 2);
  run.policy.fail_on = Level::kShould;
  EXPECT_EQ(JudgeRun(run).failing(), 3);

  RunResult unreachable;
  unreachable.error = "target unreachable: cannot connect";
  v = JudgeRun(unreachable);
  EXPECT_TRUE(v.run_error);
  EXPECT_EQ(v.failing(), 1);
  EXPECT_TRUE(v.failed());
}

}  // namespace
}  // namespace httpconform::core
