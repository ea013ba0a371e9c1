#include "harness/runner/runner.h"

#include <gtest/gtest.h>

#include "harness/runner/expectations.h"
#include "harness/runner/runner_test_support.h"
#include "harness/transport/fake_transport.h"

namespace httpconform::runner {
namespace {

using core::Case;
using core::CaseResult;
using core::Expectation;
using core::Outcome;
using core::Step;
using test_support::Get;
using test_support::LocalTarget;
using test_support::Options;
using transport::FakeResponse;
using transport::FakeTransport;
using transport::MatchAny;
using transport::MatchRequest;

Case ConditionalCase() {
  Case c;
  c.id = "conditional.if-none-match.304";
  c.title = "matching If-None-Match gives 304";
  c.spec.rfc = 9110;
  c.spec.section = "13.1.2";
  c.vars["resource"] = "/static/hello.txt";
  Step first;
  first.request.target = "${resource}";
  Expectation req;
  req.status = {200};
  req.headers.push_back({"ETag", core::HeaderCheck::Op::kPresent, "", 0});
  first.require.push_back(req);
  first.captures.push_back({"etag", core::Capture::Source::kHeader, "ETag", ""});
  c.steps.push_back(first);
  Step second = Get("${resource}", {304});
  second.request.headers.push_back({"If-None-Match", "${etag}"});
  second.expect.front().content.push_back({core::ContentCheck::Kind::kEmpty});
  c.steps.push_back(second);
  return c;
}

TEST(RunnerTest, PassesAndSubstitutesCaptures) {
  FakeTransport fake;
  fake.Add(
      MatchRequest("GET", "/static/hello.txt"),
      FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nETag: \"v1\"\r\nContent-Length: 2\r\n\r\nhi"));
  fake.Add(MatchRequest("GET", "/static/hello.txt"),
           FakeResponse("HTTP/1.1 304 Not Modified\r\nDate: x\r\nETag: \"v1\"\r\n\r\n"));
  CaseResult r = RunCase(ConditionalCase(), LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
  ASSERT_EQ(fake.requests().size(), 2u);
  const core::Fields h = fake.requests()[1].headers;
  ASSERT_NE(core::FindField(h, "If-None-Match"), nullptr);
  EXPECT_EQ(core::FindField(h, "If-None-Match")->value, "\"v1\"");
  EXPECT_EQ(core::FindField(h, "Host")->value, "127.0.0.1:8080");
  EXPECT_EQ(core::FindField(h, "User-Agent")->value, "httpconform/test");
  EXPECT_TRUE(r.findings.empty());
}

TEST(RunnerTest, FailsWithExpectedAndActual) {
  FakeTransport fake;
  fake.Add(
      MatchAny(),
      FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nETag: \"v1\"\r\nContent-Length: 2\r\n\r\nhi"),
      /*repeat=*/true);
  CaseResult r = RunCase(ConditionalCase(), LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kFail);
  ASSERT_EQ(r.expected.size(), 1u);
  EXPECT_EQ(r.expected[0], "status 304; content empty");
  EXPECT_NE(r.actual.find("status 200"), std::string::npos) << r.actual;
  EXPECT_NE(r.reason.find("step 2"), std::string::npos) << r.reason;
}

TEST(RunnerTest, UnmetRequireSkipsWithReason) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  Case c = ConditionalCase();
  c.steps[0].require[0].because = "the resource sends no ETag";
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kSkip);
  EXPECT_NE(r.reason.find("the resource sends no ETag"), std::string::npos) << r.reason;
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST(RunnerTest, NoResponseIsAnErrorUnlessExpected) {
  transport::Exchange silent;
  silent.timed_out = true;
  FakeTransport fake;
  fake.Add(MatchAny(), silent, /*repeat=*/true);
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_NE(r.reason.find("no response within 1000 ms"), std::string::npos) << r.reason;

  Expectation none;
  none.no_response = true;
  c.steps[0].expect.push_back(none);
  r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
}

TEST(RunnerTest, SecondAlternativeCanPass) {
  FakeTransport fake;
  fake.Add(MatchAny(),
           FakeResponse("HTTP/1.1 417 Expectation Failed\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {100}));
  Expectation alt;
  alt.status = {417};
  c.steps[0].expect.push_back(alt);
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
}

TEST(RunnerTest, MissingVariableSkips) {
  FakeTransport fake;
  Case c;
  c.id = "a";
  c.vars["protected"] = std::nullopt;
  c.steps.push_back(Get("${protected}", {401}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kSkip);
  EXPECT_EQ(r.reason, "variable protected not set (give --var protected=VALUE)");
  RunOptions o = Options();
  o.vars["protected"] = "/secret";
  fake.Add(
      MatchRequest("GET", "/secret"),
      FakeResponse("HTTP/1.1 401 Unauthorized\r\nDate: x\r\nWWW-Authenticate: Basic realm=\"r\"\r\n"
                   "Content-Length: 0\r\n\r\n"));
  r = RunCase(c, LocalTarget(), {&fake, &fake}, o);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
}

TEST(RunnerTest, ConnectErrorIsAnError) {
  FakeTransport fake;
  fake.Add(MatchAny(), core::MakeError("connect", "cannot connect to 127.0.0.1:1: refused"));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_EQ(r.reason, "cannot connect to 127.0.0.1:1: refused");
}

TEST(RunnerTest, PassiveRuleFindsMissingAllow) {
  FakeTransport fake;
  fake.Add(
      MatchAny(),
      FakeResponse("HTTP/1.1 405 Method Not Allowed\r\nDate: x\r\nContent-Length: 4\r\n\r\nnope"));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {405}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "405.allow");
  EXPECT_EQ(r.findings[0].level, core::Level::kMust);
}

TEST(RunnerTest, PassiveRuleFindsUnsolicitedSwitch) {
  const char* k101 =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {101}));
  {
    FakeTransport fake;
    fake.Add(MatchAny(), FakeResponse(k101));
    CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].rule, "101.unsolicited");
  }
  // However many protocols a server lists, one finding names the first, clipped.
  {
    std::string many = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: " + std::string(300, 'x');
    for (int i = 0; i < 2000; ++i) many += ", p" + std::to_string(i);
    many += "\r\nConnection: Upgrade\r\n\r\n";
    FakeTransport fake;
    fake.Add(MatchAny(), FakeResponse(many));
    CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "101 switches to \"" + std::string(64, 'x') +
                                         "...\", which the request did not offer in Upgrade");
  }
  // Offered (case and version do not matter), in a structured and in a raw request.
  c.steps[0].request.headers = {{"Upgrade", "WebSocket"}, {"Connection", "Upgrade"}};
  {
    FakeTransport fake;
    fake.Add(MatchAny(), FakeResponse(k101));
    EXPECT_TRUE(RunCase(c, LocalTarget(), {&fake, &fake}, Options()).findings.empty());
  }
  Case raw;
  raw.id = "b";
  Step s;
  s.request.raw = true;
  s.request.segments = {{"GET / HTTP/1.1\r\nHost: x\r\nupgrade: websocket/13\r\n\r\n", 0, 0}};
  raw.steps.push_back(s);
  {
    FakeTransport fake;
    fake.Add(MatchAny(), FakeResponse(k101));
    EXPECT_TRUE(RunCase(raw, LocalTarget(), {&fake, &fake}, Options()).findings.empty());
  }
}

TEST(RunnerTest, ContentRangeOfEarlierStep) {
  FakeTransport fake;
  fake.Add(MatchAny(),
           FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 10\r\n\r\n0123456789"));
  fake.Add(MatchAny(),
           FakeResponse("HTTP/1.1 206 Partial Content\r\nDate: x\r\nContent-Range: bytes 2-4/10\r\n"
                        "Content-Length: 3\r\n\r\n234"));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  Step range = Get("/", {206});
  core::ContentCheck cc;
  cc.kind = core::ContentCheck::Kind::kRangeOf;
  cc.step = 0;
  cc.first = "2";
  cc.last = "4";
  range.expect[0].content.push_back(cc);
  c.steps.push_back(range);
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
}

TEST(RunnerTest, BodyGetsContentLength) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  Case c;
  c.id = "a";
  Step s = Get("/echo", {200});
  s.request.method = "POST";
  s.request.body = "hello";
  c.steps.push_back(s);
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass);
  EXPECT_EQ(core::FindField(fake.requests()[0].headers, "Content-Length")->value, "5");
  EXPECT_EQ(*fake.requests()[0].body, "hello");
}

TEST(RunnerTest, ResultOrderDoesNotDependOnScheduling) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"),
           /*repeat=*/true);
  std::vector<Case> cases;
  for (int i = 0; i < 40; ++i) {
    Case c;
    c.id = "case." + std::to_string(i);
    c.steps.push_back(Get("/", {i % 3 == 0 ? 404 : 200}));
    cases.push_back(c);
  }
  RunOptions o = Options();
  o.jobs = 8;
  int calls = 0;
  core::RunResult run = RunCases(cases, LocalTarget(), {&fake, &fake}, o,
                                 [&](const CaseResult&, int done, int total) {
                                   ++calls;
                                   EXPECT_EQ(total, 40);
                                   EXPECT_LE(done, 40);
                                 });
  ASSERT_EQ(run.results.size(), 40u);
  EXPECT_EQ(calls, 40);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(run.results[i].id, "case." + std::to_string(i));
    EXPECT_EQ(run.results[i].outcome, i % 3 == 0 ? Outcome::kFail : Outcome::kPass);
  }
  EXPECT_FALSE(run.incomplete);
}

TEST(RunnerTest, StopFlagLeavesRunIncomplete) {
  FakeTransport fake;
  std::atomic<bool> stop{true};
  RunOptions o = Options();
  o.stop = &stop;
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  core::RunResult run = RunCases({c}, LocalTarget(), {&fake, &fake}, o);
  EXPECT_TRUE(run.results.empty());
  EXPECT_TRUE(run.incomplete);
}

// A stop (SIGINT/SIGTERM) ends a running case at its next step boundary.
TEST(RunnerTest, StopFlagEndsARunningCaseBetweenSteps) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"),
           /*repeat=*/true);
  std::atomic<bool> stop{true};
  RunOptions o = Options();
  o.stop = &stop;
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  c.steps.push_back(Get("/", {200}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, o);
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_EQ(r.reason, "step 2: interrupted: the run was stopped before this step");
  EXPECT_EQ(fake.requests().size(), 1u);
}

// A response cut short says why in words, with the diagnostic id after.
TEST(RunnerTest, CutShortReasonGivesTheDetail) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
                                    /*head_request=*/false, /*closed=*/true));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_EQ(
      r.reason,
      "response cut short: stream ended 7 bytes short of Content-Length (message.incomplete)");
}

TEST(RunnerTest, MalformedResponseReasonGivesTheDetail) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("<html>no status line</html>\n", false, /*closed=*/true));
  Case c;
  c.id = "a";
  c.steps.push_back(Get("/", {200}));
  CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_EQ(r.reason.rfind("not an HTTP response: no status line in the 28 bytes received "
                           "(not an HTTP-version",
                           0),
            0u)
      << r.reason;
  EXPECT_NE(r.reason.find("(status-line.invalid-version)"), std::string::npos);
  // Bytes that never made a status line are no response: no status-code
  // rule applies to them (no "status code 0" finding).
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().rule << ": " << r.findings.front().message;
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].received, "<html>no status line</html>\n");
  EXPECT_EQ(r.actual,
            "no status line in 28 bytes received; wire: status-line.invalid-version; connection "
            "closed");
}

// The same for bytes that stop before a status line is whole, and for a
// stream that breaks after an interim response: the interim head is held to
// its rules, the final one that never came is not.
TEST(RunnerTest, NoPassiveRuleWithoutAStatusLine) {
  struct Row {
    const char* bytes;
    const char* reason_start;
    std::vector<std::string> rules;
  };
  const Row rows[] = {
      {"HTTP/1.1 20", "connection closed before a complete status line (11 bytes received)", {}},
      {"\x16\x03\x01\x02\x2a\x02\x01",
       "not an HTTP response: the 7 bytes received do not begin with a status line",
       {}},
      {"HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\nxyz\x01",
       "response cut short",
       {"content-length.1xx-204", "wire.well-formed"}},
  };
  for (const Row& row : rows) {
    FakeTransport fake;
    fake.Add(MatchAny(), FakeResponse(row.bytes, false, /*closed=*/true));
    Case c;
    c.id = "a";
    c.steps.push_back(Get("/", {200}));
    CaseResult r = RunCase(c, LocalTarget(), {&fake, &fake}, Options());
    EXPECT_EQ(r.outcome, Outcome::kError) << row.bytes;
    EXPECT_EQ(r.reason.rfind(row.reason_start, 0), 0u) << r.reason;
    std::vector<std::string> rules;
    for (const core::PassiveFinding& f : r.findings) {
      EXPECT_NE(f.status, 0) << f.rule << ": " << f.message;
      rules.push_back(f.rule);
    }
    EXPECT_EQ(rules, row.rules) << row.bytes;
  }
}

// Finished cases keep a bounded part of each content: a server sending
// megabytes to every case must not cost megabytes per case until the end.
// A transport answering every request with one canned response and, as
// RawTransport does, asking probe_needed before it would probe the
// connection; it records what the runner asked for.
struct ProbeLog {
  std::vector<transport::OutgoingRequest> requests;  // Without probe_needed.
  std::vector<int> needed;                           // -1: not asked; 0/1: the answer.
};

class ProbingSession : public transport::Session {
 public:
  ProbingSession(ProbeLog* log, std::string raw) : log_(log), raw_(std::move(raw)) {}
  core::Expected<transport::Exchange> Send(const transport::OutgoingRequest& request) override {
    transport::Exchange exchange = FakeResponse(raw_, request.head_request);
    int needed = -1;
    if (request.probe_close_ms > 0 && request.probe_needed) {
      needed = request.probe_needed(exchange) ? 1 : 0;
    }
    transport::OutgoingRequest copy = request;
    copy.probe_needed = nullptr;  // Refers to the runner's stack.
    log_->requests.push_back(std::move(copy));
    log_->needed.push_back(needed);
    return exchange;
  }

 private:
  ProbeLog* log_;
  std::string raw_;
};

class ProbingTransport : public transport::Transport {
 public:
  ProbingTransport(ProbeLog* log, std::string raw) : log_(log), raw_(std::move(raw)) {}
  std::unique_ptr<transport::Session> OpenSession() override {
    return std::make_unique<ProbingSession>(log_, raw_);
  }

 private:
  ProbeLog* log_;
  std::string raw_;
};

Step ExpectConnection(const std::string& target, std::vector<int> status, bool closed) {
  Step s = Get(target, std::move(status));
  s.expect.front().connection_closed = closed;
  return s;
}

TEST(RunnerTest, ConnectionStepsGetAProbeRequestForTheirResource) {
  ProbeLog log;
  ProbingTransport t(&log, "HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 2\r\n\r\nhi");
  Case c;
  c.id = "a";
  c.steps.push_back(ExpectConnection("/static/a.txt", {200}, /*closed=*/false));
  CaseResult r = RunCase(c, LocalTarget(), {&t, &t}, Options());
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
  ASSERT_EQ(log.requests.size(), 1u);
  EXPECT_EQ(log.requests[0].probe_close_ms, 300);
  EXPECT_EQ(log.requests[0].probe_request,
            "GET /static/a.txt HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: "
            "httpconform/test\r\n\r\n");
  EXPECT_FALSE(log.requests[0].probe_pending_response);
  EXPECT_EQ(log.needed[0], 1);  // "open" decides this step.
}

TEST(RunnerTest, NoProbeRequestBeforeAStepThatReadsAPendingResponse) {
  ProbeLog log;
  ProbingTransport t(&log, "HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 2\r\n\r\nhi");
  Case c;
  c.id = "pipelined";
  Step first;
  first.request.raw = true;
  first.request.segments.push_back({"GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n", 0, 0});
  Expectation open;
  open.connection_closed = false;
  first.require.push_back(open);
  c.steps.push_back(first);
  Step second;
  second.request.raw = true;
  second.request.reuse_connection = true;
  c.steps.push_back(second);
  RunCase(c, LocalTarget(), {&t, &t}, Options());
  ASSERT_GE(log.requests.size(), 1u);
  EXPECT_EQ(log.requests[0].probe_request, "");  // Would come before the pending response.
  EXPECT_TRUE(log.requests[0].probe_pending_response);
}

TEST(RunnerTest, NoProbeWhenTheOutcomeDoesNotDependOnTheConnection) {
  ProbeLog log;
  ProbingTransport t(&log, "HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 2\r\n\r\nhi");
  Case c;
  c.id = "closed";
  // Expects 400 and a close: a 200 fails whatever the connection does.
  c.steps.push_back(ExpectConnection("/", {400}, /*closed=*/true));
  CaseResult r = RunCase(c, LocalTarget(), {&t, &t}, Options());
  EXPECT_EQ(r.outcome, Outcome::kFail);
  ASSERT_EQ(log.needed.size(), 1u);
  EXPECT_EQ(log.requests[0].probe_close_ms, 1000);  // min(timeout, 2000).
  EXPECT_EQ(log.needed[0], 0);
  bool saw_connection_check = false;
  for (const core::CheckResult& check : r.steps[0].checks) {
    if (check.name != "connection") continue;
    saw_connection_check = true;
    EXPECT_EQ(check.actual, "not observed (the outcome does not depend on it)");
  }
  EXPECT_TRUE(saw_connection_check);
  // The same case with a 400: now the connection decides, so it is probed.
  ProbeLog log400;
  ProbingTransport t400(&log400,
                        "HTTP/1.1 400 Bad Request\r\nDate: x\r\nContent-Length: 0\r\n\r\n");
  RunCase(c, LocalTarget(), {&t400, &t400}, Options());
  ASSERT_EQ(log400.needed.size(), 1u);
  EXPECT_EQ(log400.needed[0], 1);
}

TEST(RunnerTest, ResultsRecordTheVariablesUsed) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nETag: \"x\"\r\nContent-Length: 0\r\n\r\n"),
           true);
  Case c = ConditionalCase();
  c.vars["other"] = std::nullopt;
  RunOptions options;
  options.vars["other"] = "given";
  options.vars["path"] = "/base";  // A built-in overridden by --var is recorded too.
  options.vars["unused"] = "x";    // Not this case's: not recorded.
  options.replaced_defaults["resource"]["/static/hello.txt"] = "/found";
  Transports transports{&fake, &fake};
  CaseResult r = RunCase(c, LocalTarget(), transports, options);
  EXPECT_EQ(r.vars, (std::map<std::string, std::string>{
                        {"other", "given"}, {"path", "/base"}, {"resource", "/found"}}));
}

// A rule for HTTP/1.1 messages does not bind a server that answers in
// HTTP/1.0 (RFC 9110 §6.2): the case skips with the standard reason, and
// binds the same server when it answers in HTTP/1.1.
TEST(RunnerTest, Http11OnlyCaseSkipsAnHttp10Responder) {
  Case c;
  c.id = "wire.host.missing-400";
  c.http11_only = true;
  c.steps.push_back(Get("/", {400}));
  FakeTransport http10;
  http10.Add(MatchAny(), FakeResponse("HTTP/1.0 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  CaseResult skipped = RunCase(c, LocalTarget(), {&http10, &http10}, Options());
  EXPECT_EQ(skipped.outcome, Outcome::kSkip);
  EXPECT_NE(skipped.reason.find("answers in HTTP/1.0"), std::string::npos) << skipped.reason;
  EXPECT_NE(skipped.reason.find("RFC 9110 §6.2"), std::string::npos) << skipped.reason;
  ASSERT_EQ(skipped.steps.size(), 1u);  // The exchange that shows it is kept.

  FakeTransport http11;
  http11.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_EQ(RunCase(c, LocalTarget(), {&http11, &http11}, Options()).outcome, Outcome::kFail);

  c.http11_only = false;
  FakeTransport again;
  again.Add(MatchAny(), FakeResponse("HTTP/1.0 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_EQ(RunCase(c, LocalTarget(), {&again, &again}, Options()).outcome, Outcome::kFail);
}

// attempts: a failure stands only when every attempt fails; a later pass is
// reported as a pass that names what the earlier attempt saw.
TEST(RunnerTest, AttemptsRepeatAFailureUntilOnePasses) {
  Case c;
  c.id = "persistence.example";
  c.attempts = 3;
  c.steps.push_back(Get("/", {200}));
  FakeTransport once_bad;
  once_bad.Add(MatchAny(), FakeResponse("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n"));
  once_bad.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 0\r\n\r\n"));
  CaseResult passed = RunCase(c, LocalTarget(), {&once_bad, &once_bad}, Options());
  EXPECT_EQ(passed.outcome, Outcome::kPass);
  EXPECT_EQ(once_bad.sessions_opened(), 2);
  EXPECT_NE(passed.reason.find("passed on attempt 2 of 3"), std::string::npos) << passed.reason;
  EXPECT_NE(passed.reason.find("status 503"), std::string::npos) << passed.reason;
  EXPECT_EQ(passed.attempts, 1);  // Runs of --retries, not of the case's own attempts.

  FakeTransport always_bad;
  always_bad.Add(MatchAny(), FakeResponse("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n"),
                 /*repeat=*/true);
  CaseResult failed = RunCase(c, LocalTarget(), {&always_bad, &always_bad}, Options());
  EXPECT_EQ(failed.outcome, Outcome::kFail);
  EXPECT_EQ(always_bad.sessions_opened(), 3);
  EXPECT_EQ(failed.reason.rfind("failed in all 3 attempts", 0), 0u) << failed.reason;

  c.attempts = 1;
  FakeTransport single;
  single.Add(MatchAny(), FakeResponse("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n"),
             /*repeat=*/true);
  EXPECT_EQ(RunCase(c, LocalTarget(), {&single, &single}, Options()).outcome, Outcome::kFail);
  EXPECT_EQ(single.sessions_opened(), 1);
}

// ---- What a reason says: with several acceptable alternatives, it speaks
// of the one closest to what was seen; it names the path that was tried,
// never an unsubstituted ${variable}. ----

Expectation Status(std::vector<int> codes, const std::string& because = "") {
  Expectation e;
  e.status = std::move(codes);
  e.because = because;
  return e;
}

CaseResult RunOne(const Case& c, const std::string& response) {
  FakeTransport fake;
  fake.Add(MatchAny(), FakeResponse(response), true);
  return RunCase(c, LocalTarget(), {&fake, &fake}, Options());
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
  RunOptions options = Options();
  options.replaced_defaults["protected"]["/auth/basic"] = "/private";
  r = RunCase(c, LocalTarget(), {&fake, &fake}, options);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.reason,
            "step 2: GET /private with credentials must succeed: expected status 200, got "
            "status 403");
}

}  // namespace
}  // namespace httpconform::runner
