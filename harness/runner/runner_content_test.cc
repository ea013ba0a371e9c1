// The runner and the content it keeps: what a finished case keeps for the
// reports, and checks on content kept only in part (a cap, or the run's
// shared content budget) that are errors, never verdicts.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "harness/core/content_budget.h"
#include "harness/runner/runner.h"
#include "harness/runner/runner_test_support.h"
#include "harness/transport/fake_transport.h"

namespace httpconform::runner {
namespace {

using core::Case;
using core::CaseResult;
using core::Outcome;
using core::Step;
using test_support::Get;
using test_support::LocalTarget;
using test_support::Options;
using transport::FakeResponse;
using transport::FakeTransport;
using transport::MatchAny;

TEST(RunnerTest, FinishedCasesKeepABoundedContent) {
  FakeTransport fake;
  const std::string big(1 << 20, 'x');
  fake.Add(MatchAny(),
           FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: " +
                        std::to_string(big.size()) + "\r\n\r\n" + big),
           /*repeat=*/true);
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  core::RunResult run = RunCases({c}, LocalTarget(), {&fake, &fake}, Options());
  ASSERT_EQ(run.results.size(), 1u);
  ASSERT_EQ(run.results[0].steps.size(), 1u);
  const core::Response& response = *run.results[0].steps[0].response;
  EXPECT_EQ(run.results[0].outcome, Outcome::kPass) << run.results[0].reason;
  EXPECT_LE(response.content.size(), 4u * 1024u);
  EXPECT_LE(run.results[0].steps[0].received.size(), 16u * 1024u);
  EXPECT_EQ(response.content_size, big.size());
  EXPECT_TRUE(response.content_truncated);
}

// A head near the parser's 1 MiB limit is not kept whole for the reports of
// every step: the first field lines up to 16 KiB, and the count of the rest.
TEST(RunnerTest, FinishedCasesKeepTheFirstFieldLines) {
  std::string head = "HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n";
  for (int i = 0; i < 40; ++i)
    head += "X-Big-" + std::to_string(i) + ": " + std::string(1000, 'v') + "\r\n";
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse(head + "\r\n"));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  core::RunResult run = RunCases({c}, LocalTarget(), {&fake, &fake}, Options());
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].outcome, Outcome::kPass) << run.results[0].reason;
  const core::Response& response = *run.results[0].steps[0].response;
  std::size_t bytes = 0;
  for (const core::Field& f : response.head.fields) bytes += f.name.size() + f.value.size();
  EXPECT_LE(bytes, 16u * 1024u);
  EXPECT_EQ(response.head.fields.size(), 2u + 16u);  // Date, Content-Length, 16 of ~1008 bytes.
  EXPECT_EQ(response.fields_omitted, 24u);
  EXPECT_EQ(response.head.fields.back().name, "X-Big-15");  // The first ones, in order.
}

// A 200 whose content was kept only in part (a cap, or the run's content
// budget): 300 bytes announced and counted, 100 kept.
transport::Exchange PartlyKept(char fill = 'a') {
  const std::string content(300, fill);
  transport::Exchange ex =
      FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 300\r\n\r\n" + content);
  ex.response->content.resize(100);
  ex.response->content_truncated = true;
  return ex;
}

Step GetExpectingContent(core::ContentCheck check, std::vector<int> status = {200}) {
  Step s = Get("/", std::move(status));
  s.expect.front().content.push_back(std::move(check));
  return s;
}

// A check that needs every byte cannot pass or fail on a part of them: the
// case is an error that says so. Sizes count every byte: still decided.
TEST(RunnerTest, ContentChecksOnPartlyKeptContentAreErrorsNotVerdicts) {
  struct Row {
    core::ContentCheck check;
    Outcome want;
  };
  core::ContentCheck equals{core::ContentCheck::Kind::kEquals, std::string(300, 'a')};
  core::ContentCheck differs{core::ContentCheck::Kind::kEquals, "something else"};
  core::ContentCheck differs_in_part{core::ContentCheck::Kind::kEquals, std::string(300, 'b')};
  core::ContentCheck matches{core::ContentCheck::Kind::kMatches, "b"};
  core::ContentCheck matches_kept{core::ContentCheck::Kind::kMatches, "a{50}"};
  core::ContentCheck not_matches{core::ContentCheck::Kind::kNotMatches, "b"};
  core::ContentCheck size{core::ContentCheck::Kind::kSize, "", 300};
  core::ContentCheck wrong_size{core::ContentCheck::Kind::kSize, "", 301};
  const std::vector<Row> rows = {
      {equals, Outcome::kError},
      {differs, Outcome::kFail},          // Its size tells.
      {differs_in_part, Outcome::kFail},  // A kept byte tells.
      {matches, Outcome::kError},         // The rest may hold one.
      {matches_kept, Outcome::kPass},     // A match in the part kept is one.
      {not_matches, Outcome::kError},     // The rest may hold one.
      {size, Outcome::kPass},
      {wrong_size, Outcome::kFail}};
  for (const Row& row : rows) {
    FakeTransport fake;
    fake.Add(MatchAny(), PartlyKept());
    Case c;
    c.id = "a";
    c.steps.push_back(GetExpectingContent(row.check));
    CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
    EXPECT_EQ(r.outcome, row.want) << r.reason;
    if (row.want == Outcome::kError) {
      EXPECT_NE(r.reason.find("cannot check content"), std::string::npos) << r.reason;
      EXPECT_NE(r.reason.find("only the first 100 of its 300 bytes"), std::string::npos)
          << r.reason;
      EXPECT_NE(r.reason.find("the content cap per response"), std::string::npos) << r.reason;
    }
  }
}

// Another check failing outright decides the alternative: a fail, as before.
TEST(RunnerTest, PartlyKeptContentDoesNotHideAnotherFailure) {
  FakeTransport fake;
  fake.Add(MatchAny(), PartlyKept());
  Case c;
  c.id = "a";
  c.steps.push_back(
      GetExpectingContent({core::ContentCheck::Kind::kEquals, std::string(300, 'a')}, {404}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kFail) << r.reason;
  EXPECT_NE(r.reason.find("status 404"), std::string::npos) << r.reason;
}

// An earlier step's content kept in part: comparing with it is undecided
// too, and the reason names that step and, from its lease, the run's budget.
TEST(RunnerTest, ComparingWithPartlyKeptEarlierContentIsAnError) {
  auto budget = core::ContentBudget::Make(100);
  transport::Exchange first = PartlyKept();
  first.content_lease = std::make_shared<core::ContentLease>(budget->Open());
  first.content_lease->Grow(200);  // Refused in part: the budget is 100.
  FakeTransport fake;
  fake.Add(MatchAny(), first);
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 3\r\n\r\nabc"));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  core::ContentCheck same{core::ContentCheck::Kind::kSameAs};
  same.step = 0;
  c.steps.push_back(GetExpectingContent(same));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kError) << r.reason;
  EXPECT_NE(r.reason.find("of step 1's 300 bytes"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("content budget"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace httpconform::runner
