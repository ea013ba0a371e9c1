// RunCases with dependencies between cases: a refinement runs only after
// its bases finished and only when they passed; the schedule keeps
// independent cases parallel; the outcome never depends on the number of
// workers or on timing. And the MAY rule of RunCase. The transport here
// answers by target path and can hold an answer back, so tests control which
// case finishes when.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/runner/runner.h"
#include "harness/transport/fake_transport.h"

namespace httpconform::runner {
namespace {

using core::Case;
using core::CaseResult;
using core::Outcome;
using Clock = std::chrono::steady_clock;

// Answers GET /PATH with the status in the path's first segment
// ("/200/slow", "/500/x"); "/slow" anywhere holds the answer for 150 ms.
// Records when each path's request started and when its answer was given.
class TimedTransport : public transport::Transport {
 public:
  struct Times {
    Clock::time_point start, end;
  };

  std::unique_ptr<transport::Session> OpenSession() override {
    return std::make_unique<TimedSession>(this);
  }

  std::map<std::string, Times> times() const {
    std::lock_guard<std::mutex> lock(mu_);
    return times_;
  }
  int requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(times_.size());
  }

 private:
  class TimedSession : public transport::Session {
   public:
    explicit TimedSession(TimedTransport* owner) : owner_(owner) {}
    core::Expected<transport::Exchange> Send(const transport::OutgoingRequest& r) override {
      const Clock::time_point start = Clock::now();
      if (r.target.find("/slow") != std::string::npos) {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
      }
      const std::string status = r.target.substr(1, 3);
      transport::Exchange ex =
          transport::FakeResponse("HTTP/1.1 " + status +
                                  " X\r\nDate: Sat, 01 Jan 2022 00:00:00 GMT\r\n"
                                  "Content-Length: 2\r\n\r\nok");
      std::lock_guard<std::mutex> lock(owner_->mu_);
      owner_->times_[r.target] = {start, Clock::now()};
      return ex;
    }

   private:
    TimedTransport* owner_;
  };

  mutable std::mutex mu_;
  std::map<std::string, Times> times_;
};

const transport::Target kTarget{"http", "127.0.0.1", 8080, "127.0.0.1:8080", "/"};

// A case that GETs `target` and expects 200, after `bases`.
Case Get200(const std::string& id, const std::string& target,
            const std::vector<std::string>& bases = {}, core::Level level = core::Level::kMust) {
  Case c;
  c.id = id;
  c.title = id;
  c.spec.rfc = 9110;
  c.spec.section = "15.3.1";
  c.spec.level = level;
  core::Step s;
  s.request.target = target;
  core::Expectation e;
  e.status = {200};
  s.expect.push_back(e);
  c.steps.push_back(s);
  for (const std::string& b : bases) c.after.push_back({b, ""});
  return c;
}

RunOptions Options(int jobs) {
  RunOptions o;
  o.jobs = jobs;
  o.timeout_ms = 2000;
  return o;
}

std::map<std::string, const CaseResult*> ById(const core::RunResult& run) {
  std::map<std::string, const CaseResult*> out;
  for (const CaseResult& r : run.results) out[r.id] = &r;
  return out;
}

// A case about one HTTP version is skipped over the other without a
// request, as not applicable (no verdict); every result names its version;
// a refinement of such a base still runs (its base did not apply).
TEST(RunCasesTest, CaseOfAnotherHttpVersionIsSkippedWithoutARequest) {
  TimedTransport t;
  Case h1 = Get200("h1", "/200/h1");
  h1.http = {"1.1"};
  h1.http_reason = "its rule is RFC 9112's, HTTP/1.1 messaging";
  // "h1.ref" refines a base that fails: over HTTP/2 it is still "not
  // applicable", not "depends on both, which failed".
  Case h1_ref = Get200("h1.ref", "/200/h1ref", {"both"});
  h1_ref.http = {"1.1"};
  h1_ref.http_reason = "raw request bytes are HTTP/1.1 messages";
  std::vector<Case> cases = {h1, Get200("both", "/500/both"), Get200("ref", "/200/ref", {"h1"}),
                             h1_ref};
  RunOptions options = Options(2);
  options.http = "2";
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, options);
  ASSERT_EQ(run.results.size(), 4u);
  const std::map<std::string, const CaseResult*> by_id = ById(run);
  EXPECT_TRUE(by_id.at("h1.ref")->http_not_applicable);
  EXPECT_FALSE(by_id.at("h1.ref")->blocked_by);
  const CaseResult& skipped = *by_id.at("h1");
  EXPECT_EQ(skipped.outcome, Outcome::kSkip);
  EXPECT_TRUE(skipped.http_not_applicable);
  EXPECT_EQ(skipped.reason, "not run over HTTP/2: its rule is RFC 9112's, HTTP/1.1 messaging");
  EXPECT_TRUE(skipped.steps.empty());
  EXPECT_EQ(by_id.at("both")->outcome, Outcome::kFail);
  EXPECT_FALSE(by_id.at("both")->http_not_applicable);
  EXPECT_EQ(by_id.at("ref")->outcome, Outcome::kPass);
  for (const CaseResult& r : run.results) EXPECT_EQ(r.http, "2") << r.id;
  EXPECT_EQ(t.requests(), 2);
  EXPECT_EQ(t.times().count("/200/h1"), 0u);

  // Over HTTP/1.1 the same case runs.
  TimedTransport t11;
  options.http = "1.1";
  core::RunResult run11 = RunCases({h1}, kTarget, {&t11, &t11}, options);
  ASSERT_EQ(run11.results.size(), 1u);
  EXPECT_EQ(run11.results[0].outcome, Outcome::kPass);
  EXPECT_EQ(run11.results[0].http, "1.1");
  EXPECT_EQ(t11.requests(), 1);
}

TEST(RunCasesTest, RefinementOfAFailedBaseIsSkippedWithoutARequest) {
  TimedTransport t;
  std::vector<Case> cases = {Get200("base", "/500/base"), Get200("ref", "/200/ref", {"base"}),
                             Get200("ref.ref", "/200/refref", {"ref"})};
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(4));
  ASSERT_EQ(run.results.size(), 3u);
  EXPECT_EQ(run.results[0].outcome, Outcome::kFail);
  const CaseResult& ref = run.results[1];
  EXPECT_EQ(ref.outcome, Outcome::kSkip);
  ASSERT_TRUE(ref.blocked_by);
  EXPECT_EQ(ref.blocked_by->id, "base");
  EXPECT_EQ(ref.blocked_by->outcome, "fail");
  EXPECT_EQ(ref.reason.rfind("depends on base, which failed", 0), 0u) << ref.reason;
  EXPECT_EQ(ref.after, std::vector<std::string>{"base"});
  EXPECT_TRUE(ref.steps.empty());
  // A chain: the refinement of a skipped refinement is skipped in turn.
  ASSERT_TRUE(run.results[2].blocked_by);
  EXPECT_EQ(run.results[2].blocked_by->id, "ref");
  EXPECT_EQ(run.results[2].blocked_by->outcome, "skip");
  EXPECT_EQ(run.results[2].reason.rfind("depends on ref, which was not judged either", 0), 0u)
      << run.results[2].reason;
  EXPECT_EQ(t.requests(), 1);  // Only the base went out.
}

TEST(RunCasesTest, RefinementRunsAfterItsBasesFinishedAndPassed) {
  TimedTransport t;
  // The refinement comes first in the list and its bases are slow: with
  // eight workers it is still started only once both bases have answered.
  std::vector<Case> cases = {Get200("ref", "/200/ref", {"a", "b"}), Get200("a", "/200/a/slow"),
                             Get200("b", "/200/b/slow"), Get200("free", "/200/free/slow")};
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(8));
  for (const CaseResult& r : run.results) EXPECT_EQ(r.outcome, Outcome::kPass) << r.id << r.reason;
  EXPECT_EQ(run.results[0].id, "ref");  // Results keep the order of the cases.
  const auto times = t.times();
  ASSERT_EQ(times.size(), 4u);
  EXPECT_GE(times.at("/200/ref").start, times.at("/200/a/slow").end);
  EXPECT_GE(times.at("/200/ref").start, times.at("/200/b/slow").end);
  // Independent cases did not wait for each other: all three slow ones overlapped.
  EXPECT_LT(times.at("/200/free/slow").start, times.at("/200/a/slow").end);
  EXPECT_LT(times.at("/200/b/slow").start, times.at("/200/a/slow").end);
}

TEST(RunCasesTest, OutcomesDoNotDependOnWorkersOrTiming) {
  // A small library: some bases fail, some are slow, refinements several deep.
  std::vector<Case> cases;
  for (int i = 0; i < 12; ++i) {
    const std::string id = "c" + std::to_string(i);
    const std::string status = i % 5 == 3 ? "500" : "200";
    std::vector<std::string> bases;
    if (i >= 3) bases.push_back("c" + std::to_string(i / 3));
    if (i >= 8) bases.push_back("c" + std::to_string(i - 4));
    cases.push_back(Get200(id, "/" + status + "/" + id + (i % 2 ? "/slow" : ""), bases));
  }
  std::vector<std::string> first;
  for (int jobs : {1, 2, 8}) {
    TimedTransport t;
    core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(jobs));
    std::vector<std::string> got;
    for (const CaseResult& r : run.results) {
      got.push_back(r.id + "=" + core::OutcomeName(r.outcome) +
                    (r.blocked_by ? "<" + r.blocked_by->id : ""));
    }
    if (first.empty()) {
      first = got;
      // The outcomes are those of the dependency rule, not just consistent.
      const auto by_id = ById(run);
      EXPECT_EQ(by_id.at("c3")->outcome, Outcome::kFail);
      EXPECT_EQ(by_id.at("c9")->blocked_by->id, "c3");      // c9 after c3 and c5.
      EXPECT_EQ(by_id.at("c10")->outcome, Outcome::kSkip);  // c10 after c3 (fail) and c6.
      EXPECT_EQ(by_id.at("c11")->blocked_by->id, "c3");     // c11 after c3, then c7.
    }
    EXPECT_EQ(got, first) << "jobs " << jobs;
  }
}

TEST(RunCasesTest, ABaseThatDoesNotApplyLetsTheRefinementJudgeItself) {
  // The base does not apply here (its require is unmet: a skip of its own):
  // the refinement runs and its own require and expect decide. A MAY base
  // whose option the server did not take blocks, as a failure does.
  TimedTransport t;
  Case na = Get200("base.na", "/404/base");
  na.steps[0].require = na.steps[0].expect;
  na.steps[0].require[0].because = "no such resource here";
  std::vector<Case> cases = {na, Get200("ref.na", "/500/ref", {"base.na"}),
                             Get200("base.may", "/404/may", {}, core::Level::kMay),
                             Get200("ref.may", "/200/ref2", {"base.may"})};
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(2));
  EXPECT_EQ(run.results[0].outcome, Outcome::kSkip);
  EXPECT_FALSE(run.results[0].blocked_by);
  EXPECT_EQ(run.results[1].outcome, Outcome::kFail) << run.results[1].reason;
  EXPECT_FALSE(run.results[1].blocked_by);
  EXPECT_TRUE(run.results[2].optional_not_taken);
  ASSERT_TRUE(run.results[3].blocked_by);
  EXPECT_EQ(run.results[3].reason.rfind(
                "depends on base.may, which is an option (MAY) the server did not take", 0),
            0u)
      << run.results[3].reason;
}

TEST(RunCasesTest, BaseOutsideTheRunIsJudgedBySettledOutcomesOrNotRun) {
  TimedTransport t;
  std::vector<Case> cases = {Get200("ref", "/200/ref", {"elsewhere"})};
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(2));
  ASSERT_TRUE(run.results[0].blocked_by);
  EXPECT_EQ(run.results[0].blocked_by->outcome, "not-run");
  EXPECT_NE(run.results[0].reason.find("which was not run"), std::string::npos);

  RunOptions o = Options(2);
  o.settled["elsewhere"] = Settled{Outcome::kPass};
  run = RunCases(cases, kTarget, {&t, &t}, o);
  EXPECT_EQ(run.results[0].outcome, Outcome::kPass) << run.results[0].reason;
  o.settled["elsewhere"] = Settled{Outcome::kError};
  run = RunCases(cases, kTarget, {&t, &t}, o);
  ASSERT_TRUE(run.results[0].blocked_by);
  EXPECT_EQ(run.results[0].blocked_by->outcome, "error");
  o.settled["elsewhere"] = Settled{Outcome::kSkip, /*blocked=*/true};
  run = RunCases(cases, kTarget, {&t, &t}, o);
  ASSERT_TRUE(run.results[0].blocked_by);
  o.settled["elsewhere"] = Settled{Outcome::kSkip};  // Did not apply: the case decides.
  run = RunCases(cases, kTarget, {&t, &t}, o);
  EXPECT_EQ(run.results[0].outcome, Outcome::kPass) << run.results[0].reason;
}

TEST(RunCasesTest, ACycleIsAnErrorNotADeadlock) {
  // The loader refuses cycles; cases built by hand still cannot hang a run.
  TimedTransport t;
  std::vector<Case> cases = {Get200("a", "/200/a", {"b"}), Get200("b", "/200/b", {"a"}),
                             Get200("c", "/200/c", {"a"}), Get200("d", "/200/d")};
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(4));
  ASSERT_EQ(run.results.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(run.results[i].outcome, Outcome::kError) << run.results[i].id;
    EXPECT_NE(run.results[i].reason.find("dependency cycle"), std::string::npos);
  }
  EXPECT_EQ(run.results[3].outcome, Outcome::kPass);
  EXPECT_FALSE(run.incomplete);
}

TEST(RunCasesTest, StopLeavesWaitingRefinementsOutAndMarksTheRunIncomplete) {
  TimedTransport t;
  std::atomic<bool> stop{false};
  RunOptions o = Options(2);
  o.stop = &stop;
  std::vector<Case> cases = {Get200("base", "/200/base/slow"), Get200("ref", "/200/ref", {"base"})};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
  });
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, o);
  stopper.join();
  EXPECT_TRUE(run.incomplete);
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].id, "base");
}

TEST(RunCasesTest, AMayCaseNeverFailsItReportsTheChoice) {
  TimedTransport t;
  std::vector<Case> cases = {Get200("may.taken", "/200/a", {}, core::Level::kMay),
                             Get200("may.not-taken", "/503/b", {}, core::Level::kMay),
                             Get200("should", "/503/c", {}, core::Level::kShould)};
  core::RunResult run = RunCases(cases, kTarget, {&t, &t}, Options(2));
  EXPECT_EQ(run.results[0].outcome, Outcome::kPass);
  EXPECT_FALSE(run.results[0].optional_not_taken);
  const CaseResult& not_taken = run.results[1];
  EXPECT_EQ(not_taken.outcome, Outcome::kSkip);
  EXPECT_TRUE(not_taken.optional_not_taken);
  EXPECT_EQ(not_taken.reason.rfind("optional (MAY), the server chose otherwise: ", 0), 0u)
      << not_taken.reason;
  EXPECT_FALSE(not_taken.expected.empty());  // The observation is kept.
  EXPECT_NE(not_taken.actual.find("503"), std::string::npos) << not_taken.actual;
  EXPECT_EQ(run.results[2].outcome, Outcome::kFail);  // SHOULD still fails.
}

// max_consecutive_timeouts: one-step cases, the i-th a GET of paths[i],
// on a fake transport where /slow never answers and anything else gets a
// 200.
struct SilenceFixture {
  SilenceFixture() {
    transport::Exchange silent;
    silent.timed_out = true;
    fake.Add(transport::MatchRequest("GET", "/slow"), silent, true);
    fake.Add(transport::MatchAny(),
             transport::FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), true);
  }
  core::RunResult Run(const std::vector<std::string>& paths, int max_consecutive_timeouts) {
    std::vector<Case> cases;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      cases.push_back(Get200("c" + std::to_string(100 + i), paths[i]));
    }
    RunOptions options = Options(1);
    options.max_consecutive_timeouts = max_consecutive_timeouts;
    return RunCases(cases, kTarget, Transports{&fake, &fake}, options);
  }
  transport::FakeTransport fake;
};

TEST(RunCasesTest, StopsAfterConsecutiveTimeouts) {
  // A target that accepts and never answers: after 3 silent cases in a row
  // no new case starts, the run is incomplete and says why.
  SilenceFixture f;
  const std::vector<std::string> slow(20, "/slow");
  core::RunResult run = f.Run(slow, 3);
  EXPECT_EQ(run.results.size(), 3u);
  EXPECT_TRUE(run.incomplete);
  EXPECT_NE(run.stop_reason.find("3 cases in a row"), std::string::npos) << run.stop_reason;
  // Off (0): every case runs.
  run = f.Run(slow, 0);
  EXPECT_EQ(run.results.size(), 20u);
  EXPECT_FALSE(run.incomplete);
  EXPECT_TRUE(run.stop_reason.empty());
}

TEST(RunCasesTest, AnAnswerBreaksTheRowOfTimeouts) {
  SilenceFixture f;
  std::vector<std::string> paths;
  for (int i = 0; i < 12; ++i) paths.push_back(i % 3 == 2 ? "/ok" : "/slow");
  const core::RunResult run = f.Run(paths, 3);
  EXPECT_EQ(run.results.size(), 12u);
  EXPECT_FALSE(run.incomplete);
}

}  // namespace
}  // namespace httpconform::runner
