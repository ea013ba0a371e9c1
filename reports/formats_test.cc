// SARIF, NDJSON, credential redaction (in every format) and the Markdown
// golden file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/golden.h"
#include "reports/ndjson_stream.h"
#include "reports/redact.h"
#include "reports/report.h"
#include "reports/sample_run.h"

namespace httpconform::reports {
namespace {

using nlohmann::json;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string TempPath(const std::string& name) {
  return testing::TempDir() + "/formats_test_" + std::to_string(::getpid()) + "_" + name;
}

std::string Slurp(const std::string& path) {
  bool ok = false;
  std::string text = ReadFileForTesting(path, &ok);
  EXPECT_TRUE(ok) << path;
  return text;
}

// ---- Redaction ----

TEST(RedactRawBytes, ReplacesCredentialValuesKeepsNames) {
  EXPECT_EQ(RedactRawBytes("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Basic eDp5\r\n"
                           "cookie:sid=1\r\n\r\nbody"),
            "GET / HTTP/1.1\r\nHost: a\r\nAuthorization: [redacted]\r\n"
            "cookie:[redacted]\r\n\r\nbody");
  EXPECT_EQ(RedactRawBytes("HTTP/1.1 200 OK\nSet-Cookie: a=1; Path=/\nSET-COOKIE:  b=2\n\n"),
            "HTTP/1.1 200 OK\nSet-Cookie: [redacted]\nSET-COOKIE:  [redacted]\n\n");
  // Whitespace before the colon (invalid, but sent by some cases), a bare
  // CR as line end, and the very first line.
  EXPECT_EQ(RedactRawBytes("Proxy-Authorization \t: Bearer t\rCookie: c"),
            "Proxy-Authorization \t: [redacted]\rCookie: [redacted]");
  // obs-fold continuation lines belong to the value (RFC 9112 §5.2).
  EXPECT_EQ(RedactRawBytes("Cookie: a=1\r\n  b=2\r\n\tc=3\r\nX: y\r\n z\r\n"),
            "Cookie: [redacted]\r\n  [redacted]\r\n\t[redacted]\r\nX: y\r\n z\r\n");
}

TEST(RedactRawBytes, LeavesOtherFieldsAlone) {
  const std::string in =
      "X-Cookie: a\r\nAuthorization-Hint: b\r\nCookies: c\r\nx Cookie: d\r\nCookie\r\n"
      "Cookie:\r\n";
  EXPECT_EQ(RedactRawBytes(in), in);
  EXPECT_EQ(RedactRawBytes(""), "");
}

// A credential header check's `actual` is hidden wherever the case's reason
// and summary repeat it, every occurrence.
TEST(RedactCase, HidesCheckValuesInReasonAndActual) {
  core::CaseResult r;
  core::StepResult s;
  core::CheckResult c;
  c.name = "header Set-Cookie";
  c.actual = "Set-Cookie: \"id=SECRET\"";
  s.checks.push_back(c);
  r.steps.push_back(s);
  r.reason = "expected Set-Cookie absent, got " + c.actual + "; again " + c.actual;
  r.actual = c.actual;
  core::CaseResult out = RedactCase(r);
  EXPECT_EQ(out.reason,
            "expected Set-Cookie absent, got Set-Cookie: [redacted]; again Set-Cookie: [redacted]");
  EXPECT_EQ(out.actual, "Set-Cookie: [redacted]");
  EXPECT_EQ(out.steps[0].checks[0].actual, "Set-Cookie: [redacted]");
}

TEST(RedactFields, CaseInsensitiveNamesOnly) {
  core::Fields f = RedactFields(
      {{"AUTHORIZATION", "Basic x"}, {"set-cookie", "a=1"}, {"Cookie2", "keep"}, {"Cookie", ""}});
  EXPECT_EQ(f[0].value, "[redacted]");
  EXPECT_EQ(f[0].name, "AUTHORIZATION");
  EXPECT_EQ(f[1].value, "[redacted]");
  EXPECT_EQ(f[2].value, "keep");
  EXPECT_EQ(f[3].value, "");
}

// The sample run plus a failing case whose transcript carries every
// credential field, in structured fields and in raw bytes.
constexpr const char* kSecrets[] = {"QmFzaWNTRUNSRVQ", "PROXYSECRET",   "COOKIESECRET",
                                    "SETCOOKIESECRET", "TRAILERSECRET", "INTERIMSECRET"};

core::RunResult RunWithCredentials() {
  core::RunResult run = MakeSampleRunForTesting();
  core::CaseResult r = run.results[1];  // A failure with a full transcript.
  r.id = "auth.credentials";
  core::StepResult& s = r.steps[0];
  s.request.headers = {{"Authorization", "Basic QmFzaWNTRUNSRVQ="},
                       {"Proxy-Authorization", "Bearer PROXYSECRET"},
                       {"Cookie", "sid=COOKIESECRET"}};
  s.request.bytes =
      "GET / HTTP/1.1\r\nAuthorization: Basic QmFzaWNTRUNSRVQ=\r\n"
      "Proxy-Authorization: Bearer PROXYSECRET\r\nCookie: sid=COOKIESECRET\r\n\r\n";
  s.response->head.fields = {{"Set-Cookie", "id=SETCOOKIESECRET; HttpOnly"}};
  s.response->trailers = {{"Set-Cookie", "t=TRAILERSECRET"}};
  s.response->interim[0].fields = {{"set-cookie", "i=INTERIMSECRET"}};
  s.received =
      "HTTP/1.1 100 Continue\r\nset-cookie: i=INTERIMSECRET\r\n\r\n"
      "HTTP/1.1 200 OK\r\nSet-Cookie: id=SETCOOKIESECRET; HttpOnly\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\nSet-Cookie: t=TRAILERSECRET\r\n\r\n";
  // A header check on a credential field quotes what it saw.
  s.checks = {{"expect", "header Set-Cookie", false,
               "Set-Cookie matches ^x=", "Set-Cookie: \"id=SETCOOKIESECRET; HttpOnly\""}};
  r.actual = "Set-Cookie: \"id=SETCOOKIESECRET; HttpOnly\"";
  r.steps = {s};
  run.results.push_back(r);
  return run;
}

class RedactionPerFormat : public testing::TestWithParam<const char*> {};

TEST_P(RedactionPerFormat, CredentialsHiddenByDefaultKeptWithNoRedact) {
  const std::string format = GetParam();
  const core::RunResult run = RunWithCredentials();
  const std::string path = TempPath("redact." + format);
  ASSERT_TRUE(WriteReport(format, path, run));
  const std::string redacted = Slurp(path);
  for (const char* secret : kSecrets) {
    EXPECT_EQ(redacted.find(secret), std::string::npos) << format << " leaks " << secret;
  }
  // SARIF carries no transcripts: nothing to redact, nothing to show.
  if (format != "sarif") {
    EXPECT_NE(redacted.find("[redacted]"), std::string::npos) << format;
  }

  ReportOptions keep;
  keep.redact = false;
  ASSERT_TRUE(WriteReport(format, path, run, keep));
  const std::string kept = Slurp(path);
  if (format != "sarif") {
    EXPECT_NE(kept.find("COOKIESECRET"), std::string::npos) << format;
    EXPECT_NE(kept.find("SETCOOKIESECRET"), std::string::npos) << format;
    EXPECT_EQ(kept.find("[redacted]"), std::string::npos) << format;
  }
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RedactionPerFormat,
                         testing::Values("json", "html", "junit", "markdown", "sarif", "ndjson"));

TEST(Redaction, StreamedNdjsonIsRedactedToo) {
  const core::RunResult run = RunWithCredentials();
  const std::string path = TempPath("stream-redact.ndjson");
  auto stream = NdjsonStream::Open(path, ReportOptions{});
  ASSERT_TRUE(stream);
  ASSERT_TRUE((*stream)->Add(run.results.back()));
  ASSERT_TRUE((*stream)->Finish(run));
  const std::string text = Slurp(path);
  EXPECT_EQ(text.find("COOKIESECRET"), std::string::npos);
  EXPECT_NE(text.find("[redacted]"), std::string::npos);
  std::remove(path.c_str());
}

TEST(Redaction, VariablesSentAsCredentialsAreHidden) {
  // A --var that went into Authorization (structured) or Cookie (raw bytes)
  // is a credential in the result's and the run's variables too.
  core::RunResult run;
  run.settings.recorded = true;
  run.settings.vars = {{"token", "s3cret"}, {"path", "/x"}};
  core::CaseResult r;
  r.id = "a";
  r.vars = {{"token", "s3cret"}, {"path", "/x"}, {"session", "abc123"}};
  core::StepResult structured;
  structured.request.headers = {{"Authorization", "Bearer s3cret"}};
  core::StepResult raw;
  raw.request.raw = true;
  raw.request.bytes = "GET /x HTTP/1.1\r\nCookie: id=abc123\r\n\r\n";
  r.steps = {structured, raw};
  run.results.push_back(r);
  const core::RunResult hidden = RedactRun(run);
  EXPECT_EQ(hidden.results[0].vars.at("token"), kRedacted);
  EXPECT_EQ(hidden.results[0].vars.at("session"), kRedacted);
  EXPECT_EQ(hidden.results[0].vars.at("path"), "/x");
  EXPECT_EQ(hidden.settings.vars.at("token"), kRedacted);
  EXPECT_EQ(hidden.settings.vars.at("path"), "/x");
  EXPECT_EQ(RenderJson(hidden).find("s3cret"), std::string::npos);
}

TEST(Redaction, ReportOptionsDefaultToRedacting) { EXPECT_TRUE(ReportOptions{}.redact); }

// ---- SARIF ----

TEST(RenderSarif, RulesResultsAndLevels) {
  const json doc = json::parse(RenderSarif(MakeSampleRunForTesting()));
  EXPECT_EQ(doc["version"], "2.1.0");
  ASSERT_EQ(doc["runs"].size(), 1u);
  const json& run = doc["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  // Six cases, then the three distinct passive-finding rules.
  ASSERT_EQ(rules.size(), 9u);
  EXPECT_EQ(rules[0]["id"], "conditional.if-none-match.304");
  EXPECT_EQ(rules[0]["helpUri"], "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2");
  EXPECT_EQ(rules[1]["helpUri"], "https://www.rfc-editor.org/rfc/rfc9112#section-4");
  EXPECT_EQ(rules[5]["properties"]["after"], json::parse(R"(["framing.bad-reason"])"));
  EXPECT_EQ(rules[6]["id"], "passive/405.allow");
  EXPECT_EQ(rules[6]["helpUri"], "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1");
  // Its description names both sections that state it.
  EXPECT_EQ(rules[6]["fullDescription"]["text"].get<std::string>().rfind("RFC 9110 \xC2\xA7"
                                                                         "10.2.1, \xC2\xA7"
                                                                         "15.5.6 (MUST)",
                                                                         0),
            0u);
  EXPECT_EQ(rules[7]["id"], "passive/date.missing");

  const json& results = run["results"];
  // Two failures (SHOULD, MUST) and three findings (MUST, SHOULD, MAY);
  // passes, skips and errors are not results.
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0]["ruleId"], "framing.bad-reason");
  EXPECT_EQ(results[0]["ruleIndex"], 1);
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_NE(results[0]["message"]["text"].get<std::string>().find("expected (any of):"),
            std::string::npos);
  EXPECT_EQ(results[1]["ruleId"], "methods.options.allow");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[2]["ruleId"], "passive/405.allow");
  EXPECT_EQ(results[2]["ruleIndex"], 6);
  EXPECT_EQ(results[2]["level"], "error");
  EXPECT_EQ(results[3]["level"], "warning");
  EXPECT_EQ(results[3]["kind"], "fail");
  // A MAY finding is the server's choice: informational, level none.
  EXPECT_EQ(results[4]["ruleId"], "passive/503.retry-after");
  EXPECT_EQ(results[4]["kind"], "informational");
  EXPECT_EQ(results[4]["level"], "none");
  EXPECT_EQ(results[4]["properties"]["failsRun"], false);
  // --fail-on may fails the SHOULD finding too, never the MAY one.
  core::RunResult may = MakeSampleRunForTesting();
  may.policy.fail_on = core::Level::kMay;
  const json strictest = json::parse(RenderSarif(may))["runs"][0]["results"];
  EXPECT_EQ(strictest[3]["properties"]["failsRun"], true);
  EXPECT_EQ(strictest[4]["properties"]["failsRun"], false);
  for (const json& r : results) {
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              "http://127.0.0.1:8080/");
  }
  const json& notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["associatedRule"]["id"], "connect.refused");
}

// A result leads to its case: the case file and line first, the target last.
TEST(RenderSarif, ResultsLocateTheirCaseFileAndLine) {
  core::RunResult run = MakeSampleRunForTesting();
  for (core::CaseResult& r : run.results) {
    r.file = "cases/methods.json";
    r.line = 10;
  }
  const json results = json::parse(RenderSarif(run))["runs"][0]["results"];
  ASSERT_FALSE(results.empty());
  for (const json& r : results) {
    const json& case_file = r["locations"][0]["physicalLocation"];
    EXPECT_EQ(case_file["artifactLocation"]["uri"], "cases/methods.json");
    EXPECT_EQ(case_file["region"]["startLine"], 10);
    EXPECT_EQ(r["locations"].back()["physicalLocation"]["artifactLocation"]["uri"],
              "http://127.0.0.1:8080/");
  }
}

TEST(RenderSarif, MayIsNoteAndOddSectionsGetNoFragment) {
  core::RunResult run = MakeSampleRunForTesting();
  run.results[1].spec.level = core::Level::kMay;
  run.results[1].spec.section = "4\"><x";
  const json doc = json::parse(RenderSarif(run));
  EXPECT_EQ(doc["runs"][0]["results"][0]["level"], "note");
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"][1]["helpUri"],
            "https://www.rfc-editor.org/rfc/rfc9112");
}

TEST(RenderSarif, IsAsciiAndValidJsonWhateverTheInput) {
  const std::string text = RenderSarif(MakeSampleRunForTesting());
  for (char c : text) ASSERT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_NO_THROW(json::parse(text));
}

// ---- NDJSON ----

TEST(Ndjson, OneLinePerResultThenSummary) {
  const core::RunResult run = MakeSampleRunForTesting();
  const std::string path = TempPath("all.ndjson");
  ASSERT_TRUE(WriteReport("ndjson", path, run));
  const std::vector<std::string> lines = Lines(Slurp(path));
  ASSERT_EQ(lines.size(), run.results.size() + 1);
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    const json line = json::parse(lines[i]);
    EXPECT_EQ(line["type"], "result");
    EXPECT_EQ(line["result"]["id"], run.results[i].id);
  }
  const json last = json::parse(lines.back());
  EXPECT_EQ(last["type"], "summary");
  EXPECT_EQ(last["schema"], "httpconform-report/4");
  EXPECT_EQ(last["summary"]["fail"], 2);
  EXPECT_FALSE(last.contains("results"));
  std::remove(path.c_str());
}

TEST(Ndjson, StreamWritesEachLineAsTheCaseFinishes) {
  const core::RunResult run = MakeSampleRunForTesting();
  const std::string path = TempPath("stream.ndjson");
  auto stream = NdjsonStream::Open(path, ReportOptions{});
  ASSERT_TRUE(stream);
  ASSERT_TRUE((*stream)->Add(run.results[0]));
  // Visible before the run ends: that is what streaming means.
  std::vector<std::string> lines = Lines(Slurp(path));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(json::parse(lines[0])["result"]["id"], run.results[0].id);
  ASSERT_TRUE((*stream)->Add(run.results[1]));
  ASSERT_TRUE((*stream)->Finish(run));
  lines = Lines(Slurp(path));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(json::parse(lines[2])["type"], "summary");
  EXPECT_FALSE((*stream)->Add(run.results[2]));  // Finished: refused, not a crash.
  std::remove(path.c_str());
}

TEST(Ndjson, OpenFailsWithIoError) {
  auto stream = NdjsonStream::Open("/nonexistent-dir/x.ndjson", ReportOptions{});
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().code, "io");
}

TEST(WriteReport, KnowsTheNewFormats) {
  EXPECT_TRUE(IsReportFormat("sarif"));
  EXPECT_TRUE(IsReportFormat("ndjson"));
  EXPECT_FALSE(IsReportFormat("yaml"));
  auto bad = WriteReport("yaml", TempPath("x"), MakeSampleRunForTesting());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "usage");
}

// ---- Golden files ----

TEST(Golden, SlotsMatchDurationsOnly) {
  EXPECT_EQ(GoldenMismatchForTesting("took 42.5 ms.", "took {{duration}}."), "");
  EXPECT_EQ(GoldenMismatchForTesting("took 1.25 s.", "took {{duration}}."), "");
  EXPECT_NE(GoldenMismatchForTesting("took ms.", "took {{duration}}."), "");
  EXPECT_NE(GoldenMismatchForTesting("a\nb\n", "a\nc\n"), "");
  EXPECT_NE(GoldenMismatchForTesting("a\nb\nextra", "a\nb\n"), "");
}

TEST(Golden, MarkdownOfTheSampleRun) {
  bool ok = false;
  const std::string golden =
      ReadFileForTesting(std::string(HTTPCONFORM_SOURCE_DIR) + "/tests/golden/sample.md", &ok);
  ASSERT_TRUE(ok);
  const std::string md = RenderMarkdown(MakeSampleRunForTesting());
  EXPECT_EQ(GoldenMismatchForTesting(md, golden), "");
}

}  // namespace
}  // namespace httpconform::reports
