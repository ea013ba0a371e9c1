#include "reports/sample_run.h"

#include <string>
#include <vector>

namespace httpconform::reports {
namespace {

using std::string_literals::operator""s;

core::CaseResult Case(std::string id, core::Outcome outcome, core::Level level) {
  core::CaseResult r;
  r.id = std::move(id);
  r.title = "Title of " + r.id;
  r.spec.rfc = 9110;
  r.spec.section = "13.1.2";
  r.spec.level = level;
  r.spec.quote = "... the origin server MUST NOT perform the requested method ...";
  r.codes = {304};
  r.tags = {"conditional", "etag"};
  r.outcome = outcome;
  r.duration_ms = 1.25;
  return r;
}

core::StepResult SimpleStep(int status) {
  core::StepResult s;
  s.request.method = "GET";
  s.request.target = "/";
  s.request.headers = {{"Host", "127.0.0.1:8080"}, {"User-Agent", "httpconform/0.1.0"}};
  s.request.bytes =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: httpconform/0.1.0\r\n\r\n";
  core::Response resp;
  resp.head.version = "HTTP/1.1";
  resp.head.status = status;
  resp.head.reason = status == 200 ? "OK" : "Not Modified";
  resp.head.fields = {{"ETag", "\"abc\""}, {"Content-Length", "5"}};
  resp.content = status == 200 ? "hello" : "";
  resp.content_size = resp.content.size();
  resp.framing = core::Framing::kContentLength;
  resp.complete = true;
  s.response = resp;
  s.received = "HTTP/1.1 " + std::to_string(status) + " " + resp.head.reason +
               "\r\nETag: \"abc\"\r\nContent-Length: 5\r\n\r\n" + resp.content;
  s.duration_ms = 0.5;
  s.checks.push_back({"expect", "status", status == 304, "304", std::to_string(status)});
  return s;
}

}  // namespace

core::RunResult MakeSampleRunForTesting() {
  const std::string hostile = kHostileMarkup;
  // Invalid UTF-8 (lone continuation, truncated sequence, encoded surrogate,
  // overlong '/'), NUL, U+2028, a right-to-left override and "</script>".
  const std::string nasty =
      "a\x80"
      "b\xc3("
      "\xed\xa0\x80"
      "\xc0\xaf"
      "\0z"s +
      "\xe2\x80\xa8 \xe2\x80\xae"
      "evil</script><!--" +
      hostile;

  core::RunResult run;
  run.tool_version = "0.1.0";
  run.target_url = "http://127.0.0.1:8080/";
  run.started_at = "2026-11-21T21:00:00Z";
  run.duration_ms = 42.5;
  run.notes = {"autodiscovery chose resource /", "note with " + nasty};
  run.settings.recorded = true;
  run.settings.timeout_ms = 10000;
  run.settings.vars = {{"token", "value " + nasty}};
  run.settings.discovery = true;
  run.settings.discovered = {{"resource", "/static/hello.txt", "/"}};
  run.settings.discovery_notes = {
      "discovery: resource: default /static/hello.txt (404) replaced by /"};

  core::CaseResult pass =
      Case("conditional.if-none-match.304", core::Outcome::kPass, core::Level::kMust);
  pass.steps = {SimpleStep(200), SimpleStep(304)};
  pass.vars = {{"resource", "/"}, {"token", "value " + nasty}};
  run.results.push_back(pass);

  core::CaseResult fail = Case("framing.bad-reason", core::Outcome::kFail, core::Level::kShould);
  fail.title = "Reason phrase " + hostile;
  fail.spec.rfc = 9112;
  fail.spec.section = "4";
  fail.spec.quote = "quote " + hostile;
  fail.codes = {200, 404, 503, 101};
  fail.tags = {"framing", "tag" + hostile};
  fail.reason = "status was 200, expected 404: " + nasty;
  fail.expected = {"status 404", "status 410 " + hostile};
  fail.actual = "status 200 " + nasty;
  core::StepResult raw;
  raw.request.method = "GET";
  raw.request.target = "/" + hostile;
  raw.request.raw = true;
  raw.request.headers = {{"X-Dup", "1"}, {"x-dup", "2"}, {"X-<b>" + nasty, "v" + nasty}};
  raw.request.bytes = "GET /\0\xff\xfe HTTP/1.1\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n"s + nasty;
  core::Response resp;
  core::ResponseHead cont{"HTTP/1.1", 100, "Continue" + hostile, {{"X-I", nasty}}, 0};
  resp.interim = {cont};
  resp.head = {"HTTP/1.1",
               200,
               nasty,
               {{"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}, {"X-" + hostile, nasty}},
               40};
  resp.content = "body " + nasty + std::string(1500, 'x');
  resp.content_size = 123456789012ULL;
  resp.content_truncated = true;
  resp.framing = core::Framing::kChunked;
  resp.trailers = {{"X-Trailer", "t" + hostile}};
  resp.diagnostics = {{"status-line.reason-invalid", 13, "byte 0x80 " + nasty, false},
                      {"chunked.bad-size", 90, "detail", true}};
  resp.complete = false;
  raw.response = resp;
  raw.received = "HTTP/1.1 200 "s + nasty + "\r\n\r\n\xff\0\x01";
  raw.connection_closed = true;
  raw.response_before_content = true;
  raw.duration_ms = 3.75;
  raw.checks = {{"expect", "status " + hostile, false, "404 " + hostile, "200 " + nasty},
                {"passive", "reason", true, "", ""}};
  fail.steps = {raw};
  run.results.push_back(fail);

  // A case selected by --only pulled this failing base in (its refinement
  // is the last result).
  run.results.back().pulled_in_by = {"framing.bad-reason.refined"};

  core::CaseResult skip = Case("range.single", core::Outcome::kSkip, core::Level::kMay);
  skip.spec.section = "14.2";
  skip.codes = {206};
  skip.tags = {"range"};
  skip.reason = "optional (MAY), the server chose otherwise: no Accept-Ranges";
  skip.optional_not_taken = true;
  skip.expected = {"header Accept-Ranges present"};
  skip.actual = "status 200; no Accept-Ranges";
  skip.steps = {SimpleStep(200)};
  skip.steps[0].checks = {{"require", "header Accept-Ranges present", false, "present", "absent"}};
  run.results.push_back(skip);

  core::CaseResult error = Case("connect.refused", core::Outcome::kError, core::Level::kMust);
  error.spec.section = "9.3.1";
  error.codes = {};
  error.tags = {};
  error.reason = "connect: 127.0.0.1:9: Connection refused";
  core::StepResult dead;
  dead.request.method = "HEAD";
  dead.request.target = "/";
  dead.error = "connect: Connection refused " + nasty;
  error.steps = {dead};
  run.results.push_back(error);

  core::CaseResult finding =
      Case("methods.options.allow", core::Outcome::kFail, core::Level::kMust);
  finding.spec.section = "15.5.6";
  finding.codes = {405};
  finding.tags = {"methods"};
  finding.reason = "405 without Allow";
  finding.expected = {"Allow header present"};
  finding.actual = "no Allow header";
  finding.findings = {{"405.allow",
                       core::Level::kMust,
                       405,
                       "RFC 9110 \xc2\xa7"
                       "10.2.1",
                       "405 response lacks Allow " + hostile,
                       0,
                       {"RFC 9110 \xc2\xa7"
                        "15.5.6"}},
                      {"date.missing", core::Level::kShould, 405,
                       "RFC 9110 \xc2\xa7"
                       "6.6.1",
                       "no Date", 0},
                      {"503.retry-after", core::Level::kMay, 405,
                       "RFC 9110 \xc2\xa7"
                       "15.6.4",
                       "no Retry-After", 0}};
  finding.steps = {SimpleStep(200)};
  finding.steps[0].response->head.status = 405;
  finding.steps[0].response->head.reason = "Method Not Allowed";
  run.results.push_back(finding);

  // A refinement skipped without running: its base failed (docs/verdicts.md).
  core::CaseResult blocked =
      Case("framing.bad-reason.refined", core::Outcome::kSkip, core::Level::kMust);
  blocked.after = {"framing.bad-reason"};
  blocked.blocked_by = core::BlockedBy{"framing.bad-reason", "fail"};
  blocked.reason = "depends on framing.bad-reason, which failed: " + hostile;
  run.results.push_back(blocked);
  return run;
}

core::RunResult MakeDualRunForTesting() {
  core::RunResult run = MakeSampleRunForTesting();
  std::vector<core::CaseResult> both;
  for (const core::CaseResult& r : run.results) {
    core::CaseResult one = r;
    one.http = "1.1";
    both.push_back(one);
    core::CaseResult two = r;
    two.http = "2";
    if (two.id == "conditional.if-none-match.304") {
      two.outcome = core::Outcome::kFail;
      two.reason = "expected status 304, got 200 over HTTP/2";
    } else if (two.id == "range.single") {
      two.http_not_applicable = true;
      two.reason = "not run over HTTP/2: the case is about HTTP/1.1 only (its \"http\" member)";
    }
    both.push_back(two);
  }
  run.results = std::move(both);
  run.settings.recorded = true;
  run.settings.http = "1.1,2";
  run.settings.transport = "raw,h2";
  return run;
}

}  // namespace httpconform::reports
