#include "harness/cli/ci_workflow.h"

#include <gtest/gtest.h>

#include "harness/transport/fake_transport.h"

namespace httpconform::cli {
namespace {

const char k500[] = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";
const char k200[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

core::Case GetCase(const std::string& id) {
  core::Case c;
  c.id = id;
  c.title = "GET / answers 200";
  c.spec.rfc = 9110;
  c.spec.section = "15.3.1";
  c.spec.level = core::Level::kMust;
  c.unkillable = "test";
  core::Step step;
  step.request.method = "GET";
  step.request.target = "/";
  core::Expectation e;
  e.status = {200};
  step.expect.push_back(e);
  c.steps.push_back(step);
  return c;
}

struct Fixture {
  transport::FakeTransport fake;
  transport::Target target{"http", "127.0.0.1", 8080, "127.0.0.1:8080", "/"};
  runner::RunOptions options;
  std::vector<core::Case> cases;

  Fixture() { options.jobs = 1; }
  core::RunResult Run(int retries, RunFlags* flags = nullptr) {
    runner::Transports transports{&fake, &fake};
    core::RunResult run = runner::RunCases(cases, target, transports, options);
    RunFlags local;
    if (!flags) flags = &local;
    flags->retries = retries;
    ApplyWorkflow(*flags, std::nullopt, cases, target, transports, options, "2024-01-01", &run,
                  nullptr);
    return run;
  }
};

TEST(RetryTest, FailsOnceThenPassesIsFlaky) {
  Fixture f;
  f.cases = {GetCase("a.flaky")};
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500));
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k200));
  core::RunResult run = f.Run(2);
  ASSERT_EQ(run.results.size(), 1u);
  const core::CaseResult& r = run.results[0];
  EXPECT_EQ(r.outcome, core::Outcome::kPass);
  EXPECT_TRUE(r.flaky);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.reason.rfind("flaky: passed on attempt 2; attempt 1: fail: ", 0), 0u) << r.reason;
  EXPECT_EQ(f.fake.requests().size(), 2u);
  ASSERT_FALSE(run.notes.empty());
  EXPECT_EQ(run.notes.back(), "flaky (failed, then passed on a retry): a.flaky");

  RunFlags flags;
  EXPECT_FALSE(CountsAgainstRun(r, core::Level::kMust, flags));
  flags.fail_on_flaky = true;
  EXPECT_TRUE(CountsAgainstRun(r, core::Level::kMust, flags));
  core::CaseResult may = r;
  may.spec.level = core::Level::kMay;
  EXPECT_FALSE(CountsAgainstRun(may, core::Level::kMust, flags));  // Levels still apply.
}

TEST(RetryTest, AlwaysFailingKeepsFirstResultAndCountsAttempts) {
  Fixture f;
  f.cases = {GetCase("b.broken"), GetCase("c.fine")};
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500));  // b, first run
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k200));  // c, first run
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500), /*repeat=*/true);
  core::RunResult run = f.Run(2);
  ASSERT_EQ(run.results.size(), 2u);
  EXPECT_EQ(run.results[0].outcome, core::Outcome::kFail);
  EXPECT_FALSE(run.results[0].flaky);
  EXPECT_EQ(run.results[0].attempts, 3);
  EXPECT_EQ(run.results[1].outcome, core::Outcome::kPass);
  EXPECT_EQ(run.results[1].attempts, 1);  // Passing cases are not re-run.
  EXPECT_EQ(f.fake.requests().size(), 4u);
  RunFlags flags;
  EXPECT_TRUE(CountsAgainstRun(run.results[0], core::Level::kMust, flags));
}

TEST(RetryTest, NoRetriesByDefault) {
  Fixture f;
  f.cases = {GetCase("d.fails")};
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500));
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k200));
  core::RunResult run = f.Run(0);
  EXPECT_EQ(run.results[0].outcome, core::Outcome::kFail);
  EXPECT_EQ(run.results[0].attempts, 1);
  EXPECT_EQ(f.fake.requests().size(), 1u);
}

// A base and a case that refines it ("after").
std::vector<core::Case> BaseAndRefinement(const std::string& prefix) {
  core::Case ref = GetCase(prefix + ".refinement");
  ref.after.push_back({prefix + ".base", ""});
  return {GetCase(prefix + ".base"), ref};
}

TEST(RetryTest, RefinementOfABaseThatPassesOnARetryRunsInThatRound) {
  Fixture f;
  f.cases = BaseAndRefinement("g");
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500));  // base, first run
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k200));  // base, retry
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k200));  // refinement, same round
  core::RunResult run = f.Run(1);
  ASSERT_EQ(run.results.size(), 2u);
  EXPECT_EQ(run.results[0].outcome, core::Outcome::kPass);
  EXPECT_TRUE(run.results[0].flaky);
  // Judged now that its base passed, as it would have been in a first run
  // where the base passed; it did not fail, so it is not flaky.
  EXPECT_EQ(run.results[1].outcome, core::Outcome::kPass) << run.results[1].reason;
  EXPECT_FALSE(run.results[1].blocked_by);
  EXPECT_FALSE(run.results[1].flaky);
  EXPECT_EQ(f.fake.requests().size(), 3u);
}

TEST(RetryTest, RefinementOfASteadyFailureStaysSkipped) {
  Fixture f;
  f.cases = BaseAndRefinement("h");
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500), /*repeat=*/true);
  core::RunResult run = f.Run(2);
  EXPECT_EQ(run.results[0].outcome, core::Outcome::kFail);
  EXPECT_EQ(run.results[0].attempts, 3);
  ASSERT_TRUE(run.results[1].blocked_by);
  EXPECT_EQ(run.results[1].blocked_by->id, "h.base");
  EXPECT_EQ(f.fake.requests().size(), 3u);  // The refinement never sent anything.
}

TEST(WorkflowTest, NothingAtMayLevelFailsARun) {
  core::CaseResult r;
  r.spec.level = core::Level::kMay;
  r.outcome = core::Outcome::kFail;  // As a report read back might say.
  RunFlags flags;
  EXPECT_FALSE(CountsAgainstRun(r, core::Level::kMay, flags));
  core::PassiveFinding finding;
  finding.level = core::Level::kMay;
  EXPECT_FALSE(FindingCountsAgainstRun(r, finding, core::Level::kMay));
  finding.level = core::Level::kShould;
  EXPECT_TRUE(FindingCountsAgainstRun(r, finding, core::Level::kMay));
  EXPECT_FALSE(FindingCountsAgainstRun(r, finding, core::Level::kMust));
}

TEST(WorkflowTest, BaselineKnownFailuresDoNotCountAndStrictFailsOnFixed) {
  Fixture f;
  f.cases = {GetCase("e.known"), GetCase("f.fixed")};
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k500));
  f.fake.Add(transport::MatchAny(), transport::FakeResponse(k200));
  runner::Transports transports{&f.fake, &f.fake};
  core::RunResult run = runner::RunCases(f.cases, f.target, transports, f.options);
  reports::Baseline baseline;
  baseline.failures = {{"e.known", "tolerated", ""}, {"f.fixed", "was broken", ""}};
  RunFlags flags;
  flags.strict_baseline = true;
  WorkflowResult w = ApplyWorkflow(flags, baseline, f.cases, f.target, transports, f.options,
                                   "2024-01-01", &run, nullptr);
  ASSERT_TRUE(w.baseline.has_value());
  EXPECT_EQ(w.baseline->known, std::vector<std::string>{"e.known"});
  EXPECT_EQ(w.baseline->fixed, std::vector<std::string>{"f.fixed"});
  EXPECT_TRUE(w.fails_run);
  EXPECT_FALSE(CountsAgainstRun(run.results[0], core::Level::kMust, flags));
  core::PassiveFinding finding;
  EXPECT_FALSE(FindingCountsAgainstRun(run.results[0], finding, core::Level::kMust));
  EXPECT_TRUE(FindingCountsAgainstRun(run.results[1], finding, core::Level::kMust));
}

}  // namespace
}  // namespace httpconform::cli
