// What a reason says: with several acceptable alternatives, it speaks of the
// one closest to what was seen; it names the path that was tried, never an
// unsubstituted ${variable}.
#include <gtest/gtest.h>

#include "harness/runner/expectations.h"
#include "harness/runner/runner.h"
#include "harness/transport/fake_transport.h"

namespace httpconform::runner {
namespace {

using core::Case;
using core::CaseResult;
using core::Expectation;
using core::Outcome;
using transport::FakeResponse;
using transport::FakeTransport;
using transport::MatchAny;

transport::Target LocalTarget() {
  transport::Target t;
  t.scheme = "http";
  t.host = "127.0.0.1";
  t.port = 8080;
  t.authority = "127.0.0.1:8080";
  t.base_path = "/";
  return t;
}

Expectation Status(std::vector<int> codes, const std::string& because = "") {
  Expectation e;
  e.status = std::move(codes);
  e.because = because;
  return e;
}

CaseResult RunOne(const Case& c, const std::string& response) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse(response), true);
  RunOptions options;
  options.timeout_ms = 1000;
  return RunCase(c, LocalTarget(), {&fake, &fake}, options);
}

const char kOkWithoutEtag[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";

TEST(ReasonsTest, TheReasonSpeaksOfTheClosestAlternative) {
  // Either a 304, or a 200 that carries ETag: a 200 without ETag is closest
  // to the second, so the reason is the missing ETag, not "status 304".
  Case c;
  c.id = "a";
  core::Step step;
  step.expect.push_back(Status({304}, "a matching tag gets 304"));
  Expectation ok = Status({200}, "or the full representation with its ETag");
  ok.headers.push_back({"ETag", core::HeaderCheck::Op::kPresent, "", 0});
  step.expect.push_back(ok);
  c.steps.push_back(step);
  const CaseResult r = RunOne(c, kOkWithoutEtag);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.reason,
            "or the full representation with its ETag: expected ETag present, got ETag absent");
  // Every alternative is still listed, in the case's order.
  EXPECT_EQ(r.expected, (std::vector<std::string>{"status 304", "status 200; ETag present"}));
}

TEST(ReasonsTest, ClosestAlternativeTable) {
  auto eval = [](std::vector<std::pair<std::string, bool>> checks) {
    Evaluation e;
    e.met = false;
    for (const auto& [name, passed] : checks) {
      core::CheckResult c;
      c.name = name;
      c.passed = passed;
      e.checks.push_back(c);
    }
    return e;
  };
  struct Row {
    std::vector<Evaluation> evaluations;
    std::string ignore;
    std::size_t closest;
  };
  const Row rows[] = {
      {{}, "", 0},
      {{eval({{"status", false}}), eval({{"status", true}, {"header ETag", false}})}, "", 1},
      // Status matched in both: fewer unmet checks wins; a tie keeps the first.
      {{eval({{"status", true}, {"a", false}, {"b", false}}),
        eval({{"status", true}, {"c", false}})},
       "",
       1},
      {{eval({{"status", true}, {"a", false}}), eval({{"status", true}, {"c", false}})}, "", 0},
      // No status check at all counts as a status that did not disagree.
      {{eval({{"status", false}}), eval({{"content", false}})}, "", 1},
      // An unobserved check is not held against an alternative.
      {{eval({{"status", true}, {"connection", false}, {"x", false}}),
        eval({{"status", true}, {"y", false}, {"z", false}})},
       "connection",
       0},
  };
  int i = 0;
  for (const Row& row : rows) {
    EXPECT_EQ(ClosestAlternative(row.evaluations, row.ignore), row.closest) << "row " << i++;
  }
}

TEST(ReasonsTest, ExplanationsNameThePathTried) {
  Case c;
  c.id = "auth";
  c.vars["protected"] = "/auth/basic";
  core::Step step;
  step.request.target = "${protected}";
  step.require.push_back(Status({401}, "${protected} is not protected (set --var protected=PATH)"));
  c.steps.push_back(step);
  core::Step second;
  second.request.target = "${protected}";
  second.expect.push_back(Status({200}, "GET ${protected} with credentials must succeed"));
  c.steps.push_back(second);

  CaseResult r = RunOne(c, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.outcome, Outcome::kSkip);
  EXPECT_EQ(r.reason,
            "step 1: not applicable: /auth/basic is not protected (set --var protected=PATH); "
            "saw status 404 Not Found; 0 bytes of content");

  // A discovered replacement is what the reason names.
  FakeTransport fake;
  fake.Add(transport::MatchRequest("GET", "/private"),
           FakeResponse("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic\r\n"
                        "Content-Length: 0\r\n\r\n"));
  fake.Add(transport::MatchRequest("GET", "/private"),
           FakeResponse("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
  RunOptions options;
  options.replaced_defaults["protected"]["/auth/basic"] = "/private";
  r = RunCase(c, LocalTarget(), {&fake, &fake}, options);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.reason,
            "step 2: GET /private with credentials must succeed: expected status 200, got "
            "status 403");
}

}  // namespace
}  // namespace httpconform::runner
