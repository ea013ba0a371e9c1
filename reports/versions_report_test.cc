// A run over two HTTP versions (`run --http 1.1,2`) in every report format:
// each shows the outcome of every case per version, flags the cases whose
// verdict differs, and counts what fails the run as the exit code does (a
// failure over either version); the JSON report reads back with each
// result's version; a baseline keys its entries by id and version.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/baseline.h"
#include "reports/report.h"
#include "reports/sample_run.h"

namespace httpconform::reports {
namespace {

using nlohmann::json;

constexpr char kDiffers[] = "conditional.if-none-match.304";

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST(DualRunModel, DiffersAndCounts) {
  const core::RunResult run = MakeDualRunForTesting();
  EXPECT_TRUE(core::IsMultiVersion(run));
  EXPECT_EQ(core::VerdictDiffers(run), std::set<std::string>{kDiffers});
  // Over each version the failures count on their own: the differing case
  // fails the run through its HTTP/2 result.
  int failing_over_2 = 0;
  for (const core::CaseResult& r : run.results) {
    if (r.http == "2" && core::CaseFailsRun(r, run.policy)) ++failing_over_2;
  }
  EXPECT_GT(failing_over_2, 0);
}

TEST(DualRunJson, ResultsCarryTheirVersionAndTheSummaryCountsEach) {
  const core::RunResult run = MakeDualRunForTesting();
  const json doc = json::parse(RenderJson(run));
  EXPECT_EQ(doc["schema"], "httpconform-report/4");
  EXPECT_EQ(doc["settings"]["http"], "1.1,2");
  ASSERT_EQ(doc["results"].size(), run.results.size());
  int differs = 0;
  for (const json& r : doc["results"]) {
    ASSERT_TRUE(r.contains("http")) << r["id"];
    if (r.value("verdict_differs", false)) {
      EXPECT_EQ(r["id"], kDiffers);
      ++differs;
    }
  }
  EXPECT_EQ(differs, 2);  // Both versions' results of the case are marked.
  EXPECT_EQ(doc["summary"]["verdict_differs"], json::array({kDiffers}));
  ASSERT_EQ(doc["summary"]["versions"].size(), 2u);
  const json& two = doc["summary"]["versions"][1];
  EXPECT_EQ(two["http"], "2");
  const core::Summary expected = core::SummarizeVersion(run, "2");
  EXPECT_EQ(two["fail"], expected.fail);
  EXPECT_EQ(two["pass"], expected.pass);
  EXPECT_EQ(two["total"], expected.total);

  const core::Expected<core::RunResult> back = ParseJsonReport(RenderJson(run));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ASSERT_EQ(back->results.size(), run.results.size());
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    EXPECT_EQ(back->results[i].http, run.results[i].http);
    EXPECT_EQ(back->results[i].http_not_applicable, run.results[i].http_not_applicable);
  }
  EXPECT_EQ(core::VerdictDiffers(*back), std::set<std::string>{kDiffers});

  // A run over one version says nothing of versions in its summary.
  const json single = json::parse(RenderJson(MakeSampleRunForTesting()));
  EXPECT_FALSE(single["summary"].contains("versions"));
  EXPECT_FALSE(single["summary"].contains("verdict_differs"));
}

TEST(DualRunJunit, OneTestcasePerCaseAndVersion) {
  const core::RunResult run = MakeDualRunForTesting();
  const std::string xml = RenderJunit(run);
  EXPECT_EQ(Count(xml, "<testcase name=\"" + std::string(kDiffers) + " [HTTP/1.1]\""), 1);
  EXPECT_EQ(Count(xml, "<testcase name=\"" + std::string(kDiffers) + " [HTTP/2]\""), 1);
  EXPECT_NE(
      xml.find("<property name=\"verdict-differs\" value=\"" + std::string(kDiffers) + "\"/>"),
      std::string::npos);
  // The suite's counts are what fails the run, over both versions.
  const core::RunVerdict verdict = core::JudgeRun(run);
  const std::size_t failures = xml.find("failures=\"");
  const std::size_t errors = xml.find("errors=\"");
  ASSERT_NE(failures, std::string::npos);
  ASSERT_NE(errors, std::string::npos);
  EXPECT_EQ(std::stoi(xml.substr(failures + 10)) + std::stoi(xml.substr(errors + 8)),
            verdict.failing());
}

TEST(DualRunMarkdown, VersionTableAndDifferingCases) {
  const std::string md = RenderMarkdown(MakeDualRunForTesting());
  EXPECT_NE(md.find("| HTTP version | pass | fail | skip | error | total |"), std::string::npos);
  EXPECT_NE(md.find("## Verdict differs between HTTP versions (1)"), std::string::npos);
  EXPECT_NE(md.find("| " + std::string(kDiffers) + " | pass | fail: expected status 304"),
            std::string::npos)
      << md;
  // Its failure over HTTP/2 is detailed under that name (brackets escaped).
  const std::size_t heading = md.find("### " + std::string(kDiffers) + " ");
  ASSERT_NE(heading, std::string::npos);
  EXPECT_NE(md.substr(heading, md.find('\n', heading) - heading).find("HTTP/2"), std::string::npos);
  EXPECT_EQ(RenderMarkdown(MakeSampleRunForTesting()).find("HTTP version"), std::string::npos);
}

TEST(DualRunHtml, VersionSectionAndMarks) {
  const std::string html = RenderHtml(MakeDualRunForTesting());
  EXPECT_NE(html.find("<section id=\"versions\">"), std::string::npos);
  EXPECT_NE(html.find("Verdict differs between versions (1)"), std::string::npos);
  // Each result of the differing case carries the mark.
  EXPECT_EQ(Count(html, "<span class=\"badge differs\">verdict differs</span>"), 2);
  EXPECT_EQ(Count(html, "<span class=\"ver\">HTTP/2</span>"),
            static_cast<int>(MakeDualRunForTesting().results.size() / 2));
  const std::string single = RenderHtml(MakeSampleRunForTesting());
  EXPECT_EQ(single.find("<section id=\"versions\">"), std::string::npos);
  EXPECT_EQ(single.find("<span class=\"ver\">"), std::string::npos);
}

TEST(DualRunSarif, OneRulePerCaseResultsSayTheirVersion) {
  const core::RunResult run = MakeDualRunForTesting();
  const json doc = json::parse(RenderSarif(run));
  const json& sarif_run = doc["runs"][0];
  std::set<std::string> rule_ids;
  for (const json& rule : sarif_run["tool"]["driver"]["rules"]) {
    EXPECT_TRUE(rule_ids.insert(rule["id"].get<std::string>()).second) << rule["id"];
  }
  EXPECT_EQ(sarif_run["properties"]["verdictDiffers"], json::array({kDiffers}));
  EXPECT_EQ(sarif_run["properties"]["http"], json::array({"1.1", "2"}));
  int differing_results = 0;
  for (const json& r : sarif_run["results"]) {
    const json& rules = sarif_run["tool"]["driver"]["rules"];
    EXPECT_EQ(rules[r["ruleIndex"].get<std::size_t>()]["id"], r["ruleId"]);
    if (r["ruleId"] != kDiffers) continue;
    ++differing_results;
    EXPECT_EQ(r["properties"]["http"], "2");
    EXPECT_EQ(r["properties"]["verdictDiffers"], true);
    EXPECT_EQ(r["message"]["text"].get<std::string>().rfind("[HTTP/2] ", 0), 0u);
  }
  EXPECT_EQ(differing_results, 1);  // It failed over HTTP/2 only.
}

TEST(DualRunBaseline, EntriesAreKeyedByIdAndVersion) {
  core::RunResult run = MakeDualRunForTesting();
  const Baseline baseline = BaselineFromRun(run);
  int differs_entries = 0;
  for (const BaselineEntry& e : baseline.failures) {
    EXPECT_FALSE(e.http.empty()) << e.id;
    if (e.id == kDiffers) {
      ++differs_entries;
      EXPECT_EQ(e.http, "2");
    }
  }
  EXPECT_EQ(differs_entries, 1);
  // Round trip through the file.
  const core::Expected<Baseline> parsed = ParseBaseline(RenderBaseline(baseline));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->failures.size(), baseline.failures.size());

  // An entry for HTTP/2 only does not cover the same case failing over HTTP/1.1.
  Baseline only2;
  only2.failures.push_back({kDiffers, "known over h2", "", {}, "2"});
  for (core::CaseResult& r : run.results) {
    if (r.id == kDiffers) r.outcome = core::Outcome::kFail;
  }
  const BaselineVerdict v = ApplyBaseline(only2, "2024-01-01", &run);
  EXPECT_EQ(v.known, std::vector<std::string>{std::string(kDiffers) + " [HTTP/2]"});
  EXPECT_NE(std::find(v.new_failures.begin(), v.new_failures.end(),
                      std::string(kDiffers) + " [HTTP/1.1]"),
            v.new_failures.end());
  // An entry without a version covers both.
  Baseline any;
  any.failures.push_back({kDiffers, "known", "", {}, ""});
  const BaselineVerdict both = ApplyBaseline(any, "2024-01-01", &run);
  EXPECT_EQ(both.known.size(), 2u);
  // Two entries for one id and version are refused.
  EXPECT_FALSE(ParseBaseline(R"({"schema": "httpconform-baseline/1", "failures": [
      {"id": "a", "reason": "r", "http": "2"}, {"id": "a", "reason": "r", "http": "2"}]})")
                   .has_value());
  EXPECT_TRUE(ParseBaseline(R"({"schema": "httpconform-baseline/1", "failures": [
      {"id": "a", "reason": "r", "http": "1.1"}, {"id": "a", "reason": "r", "http": "2"}]})")
                  .has_value());
  EXPECT_FALSE(ParseBaseline(R"({"schema": "httpconform-baseline/1", "failures": [
      {"id": "a", "reason": "r", "http": "3"}]})")
                   .has_value());
}

}  // namespace
}  // namespace httpconform::reports
