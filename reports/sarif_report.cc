// SARIF 2.1.0 (OASIS, "Static Analysis Results Interchange Format"), the
// format code-scanning dashboards read.
//
// The mapping: the tool's rules are the cases (one reportingDescriptor per
// case id, in run order, so ruleIndex is the case's position) followed by one
// rule per distinct passive-finding rule ("passive/<rule>"). helpUri links the
// RFC section the requirement comes from. A result is emitted for each
// failed case and each passive finding, never for passes or skips; its level
// follows the requirement level (MUST error, SHOULD warning, MAY note); a
// passive finding at MAY level is a choice the RFC allows, so it is an
// "informational" result (level "none"), never a "fail".
// Cases that could not run (outcome error) are not findings about the
// server: they become toolExecutionNotifications of the invocation, as does
// a run that could not be carried out at all. Each result says in
// properties.failsRun whether it fails the run (core/verdict.h: at or above
// --fail-on, not at MAY, not a known failure), and run.properties carries the verdict
// and summary.failing, so a dashboard can agree with the exit code. A
// result's first location is its case's file and line (when the result
// says), so a viewer leads from a finding to the case; the last is the
// target URL, the artifact under test. Strings go through SanitizeUtf8 and dump() with
// ensure_ascii, as in the JSON report, so no input can make the output invalid JSON. Bounds: linear
// in the run; the JSON tree nests to a fixed depth of ours (dump() recurses over that, never over
// anything a server sent).
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/report.h"
#include "reports/text.h"
#include "reports/verdict_text.h"

namespace httpconform::reports {
namespace {

using Json = nlohmann::ordered_json;

Json Text(std::string_view s) { return SanitizeUtf8(s); }
Json Message(std::string_view s) { return Json{{"text", Text(s)}}; }
Json TextArray(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const std::string& s : list) out.push_back(Text(s));
  return out;
}

const char* SarifLevel(core::Level level) {
  switch (level) {
    case core::Level::kMust:
      return "error";
    case core::Level::kShould:
      return "warning";
    case core::Level::kMay:
      return "note";
  }
  return "error";
}

// Only plain section names make a fragment ("13.1.2", "A.2"): a case file
// cannot put arbitrary text into the URL.
bool IsSectionName(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != s.npos) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.')) {
      return false;
    }
  }
  return true;
}

std::string SectionUrl(int rfc, std::string_view section) {
  std::string url = "https://www.rfc-editor.org/rfc/rfc" + std::to_string(rfc);
  if (IsSectionName(section)) {
    const bool appendix = section[0] >= 'A' && section[0] <= 'Z';
    url += (appendix ? "#appendix-" : "#section-") + std::string(section);
  }
  return url;
}

// A finding's section reads "RFC 9110 §15.5.6"; the URL of its section, or
// "" when it does not have that shape.
std::string FindingUrl(const std::string& where) {
  const std::string prefix = "RFC ";
  if (where.rfind(prefix, 0) != 0) return "";
  std::size_t i = prefix.size();
  int rfc = 0;
  while (i < where.size() && where[i] >= '0' && where[i] <= '9' && rfc < 100000) {
    rfc = rfc * 10 + (where[i++] - '0');
  }
  if (rfc == 0) return "";
  const std::string sect = " \xC2\xA7";
  if (where.compare(i, sect.size(), sect) != 0) return SectionUrl(rfc, "");
  return SectionUrl(rfc, std::string_view(where).substr(i + sect.size()));
}

// The case's file and line first, when known, so that a viewer of the
// results leads from a finding to the case that made it; then the target URL.
Json Locations(const core::RunResult& run, const core::CaseResult& r, bool multi) {
  Json locations = Json::array();
  const Json logical =
      Json::array({Json{{"name", Text(core::ResultName(r, multi))}, {"kind", "test"}}});
  if (!r.file.empty()) {
    Json physical = Json{{"artifactLocation", Json{{"uri", Text(r.file)}}}};
    if (r.line > 0) physical["region"] = Json{{"startLine", r.line}};
    locations.push_back(Json{{"physicalLocation", physical}, {"logicalLocations", logical}});
  }
  Json loc = Json::object();
  if (!run.target_url.empty()) {
    loc["physicalLocation"] = Json{{"artifactLocation", Json{{"uri", Text(run.target_url)}}}};
  }
  loc["logicalLocations"] = logical;
  locations.push_back(loc);
  return locations;
}

Json CaseRule(const core::CaseResult& r) {
  const std::string where = "RFC " + std::to_string(r.spec.rfc) + " \xC2\xA7" + r.spec.section;
  // SARIF property-bag tags must be unique (§3.8.2).
  std::set<std::string> seen;
  Json tags = Json::array();
  for (const std::string& t : r.tags) {
    if (seen.insert(SanitizeUtf8(t)).second) tags.push_back(SanitizeUtf8(t));
  }
  if (seen.insert(core::LevelName(r.spec.level)).second)
    tags.push_back(core::LevelName(r.spec.level));
  return Json{{"id", Text(r.id)},
              {"shortDescription", Message(r.title)},
              {"fullDescription",
               Message(where + " (" + core::LevelName(r.spec.level) + "): " + r.spec.quote)},
              {"helpUri", SectionUrl(r.spec.rfc, r.spec.section)},
              {"help", Message(r.spec.quote)},
              {"defaultConfiguration", Json{{"level", SarifLevel(r.spec.level)}}},
              {"properties", Json{{"tags", tags},
                                  {"rfc", r.spec.rfc},
                                  {"section", Text(r.spec.section)},
                                  {"requirement", core::LevelName(r.spec.level)},
                                  {"codes", r.codes},
                                  {"after", TextArray(r.after)}}}};
}

std::string FailureText(const core::CaseResult& r) {
  std::string out = r.reason.empty() ? r.title : r.reason;
  if (!r.expected.empty()) {
    out += r.expected.size() > 1 ? "\nexpected (any of):" : "\nexpected:";
    for (const std::string& e : r.expected) out += "\n  - " + e;
  }
  if (!r.actual.empty()) out += "\nactual: " + r.actual;
  return out;
}

}  // namespace

std::string RenderSarif(const core::RunResult& run) {
  // One rule per case, also when a run over several HTTP versions holds a
  // result of it per version (each result says its version).
  const bool multi = core::IsMultiVersion(run);
  const std::set<std::string> differs = core::VerdictDiffers(run);
  Json rules = Json::array();
  std::map<std::string, std::size_t> case_rule;
  for (const core::CaseResult& r : run.results) {
    if (case_rule.emplace(r.id, rules.size()).second) rules.push_back(CaseRule(r));
  }
  // What a result says of its version: {"http": "2", "verdictDiffers": true}.
  auto version_properties = [&](const core::CaseResult& r, Json* properties) {
    if (!multi || r.http.empty()) return;
    (*properties)["http"] = Text(r.http);
    (*properties)["verdictDiffers"] = differs.count(r.id) > 0;
  };
  // Passive-finding rules after the cases, in first-seen order.
  std::map<std::string, std::size_t> finding_rule;
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) {
      const std::string id = "passive/" + f.rule;
      if (finding_rule.count(id)) continue;
      finding_rule[id] = rules.size();
      Json rule = Json{{"id", Text(id)},
                       {"shortDescription", Message("Status code rule " + f.rule)},
                       {"fullDescription", Message(f.Sections() + " (" + core::LevelName(f.level) +
                                                   "): " + f.message)}};
      const std::string url = FindingUrl(f.rfc_section);
      if (!url.empty()) rule["helpUri"] = url;
      rule["defaultConfiguration"] = Json{{"level", SarifLevel(f.level)}};
      rule["properties"] = Json{{"tags", Json::array({"passive", core::LevelName(f.level)})},
                                {"requirement", core::LevelName(f.level)}};
      rules.push_back(std::move(rule));
    }
  }

  Json results = Json::array();
  Json notifications = Json::array();
  for (const core::CaseResult& r : run.results) {
    const std::size_t i = case_rule[r.id];
    const std::string name = core::ResultName(r, multi);
    const std::string over = multi && !r.http.empty() ? "[" + core::HttpLabel(r.http) + "] " : "";
    if (r.outcome == core::Outcome::kFail) {
      Json expected = Json::array();
      for (const std::string& e : r.expected) expected.push_back(Text(e));
      Json properties = Json{{"outcome", "fail"},
                             {"expected", expected},
                             {"actual", Text(r.actual)},
                             {"failsRun", core::CaseFailsRun(r, run.policy)},
                             {"notCounted", Text(core::WhyNotCounted(r, run.policy))}};
      version_properties(r, &properties);
      results.push_back(Json{{"ruleId", Text(r.id)},
                             {"ruleIndex", i},
                             {"kind", "fail"},
                             {"level", SarifLevel(r.spec.level)},
                             {"message", Message(over + FailureText(r))},
                             {"locations", Locations(run, r, multi)},
                             {"properties", std::move(properties)}});
    } else if (r.outcome == core::Outcome::kError) {
      // A known error (baseline) does not fail the run: a warning, not an error.
      const bool counted = core::CaseFailsRun(r, run.policy);
      notifications.push_back(Json{
          {"level", counted ? "error" : "warning"},
          {"message",
           Message(name + ": " + r.reason +
                   (counted ? "" : " (not counted: " + core::WhyNotCounted(r, run.policy) + ")"))},
          {"associatedRule", Json{{"id", Text(r.id)}, {"index", i}}}});
    }
    for (const core::PassiveFinding& f : r.findings) {
      const std::string id = "passive/" + f.rule;
      // A MAY finding is the server's permitted choice, not a failure:
      // SARIF's "informational" kind, whose level must then be "none".
      const bool may = f.level == core::Level::kMay;
      results.push_back(
          Json{{"ruleId", Text(id)},
               {"ruleIndex", finding_rule[id]},
               {"kind", may ? "informational" : "fail"},
               {"level", may ? "none" : SarifLevel(f.level)},
               {"message", Message(f.message + " (status " + std::to_string(f.status) + ", case " +
                                   name + ", step " + std::to_string(f.step + 1) + ")")},
               {"locations", Locations(run, r, multi)},
               {"properties", Json{{"case", Text(r.id)},
                                   {"step", f.step},
                                   {"status", f.status},
                                   {"response", Text(FindingResponse(r, f))},
                                   {"failsRun", core::FindingFailsRun(r, f, run.policy)}}}});
    }
  }

  // A run that could not be carried out: an error notification, and no results.
  if (!run.error.empty()) {
    notifications.push_back(Json{{"level", "error"}, {"message", Message(run.error)}});
  }
  Json invocation = Json{{"executionSuccessful", !run.incomplete && run.error.empty()}};
  if (!run.started_at.empty()) invocation["startTimeUtc"] = Text(run.started_at);
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  const core::Summary sum = core::Summarize(run);
  const core::RunVerdict verdict = core::JudgeRun(run);
  Json sarif_run = Json{
      {"tool", Json{{"driver", Json{{"name", Text(run.tool_name)},
                                    {"version", Text(run.tool_version)},
                                    {"informationUri", "https://www.rfc-editor.org/rfc/rfc9110"},
                                    {"rules", std::move(rules)}}}}},
      {"invocations", Json::array({std::move(invocation)})},
      {"results", std::move(results)},
      {"properties", Json{{"target", Text(run.target_url)},
                          {"failOn", core::LevelName(run.policy.fail_on)},
                          {"verdict", Text(VerdictLine(run))},
                          {"summary", Json{{"total", sum.total},
                                           {"pass", sum.pass},
                                           {"fail", sum.fail},
                                           {"skip", sum.skip},
                                           {"error", sum.error},
                                           {"findings", verdict.findings},
                                           {"failing", verdict.failing()}}}}}};
  if (multi) {
    Json versions = Json::array();
    for (const std::string& v : core::VersionsOf(run)) versions.push_back(Text(v));
    sarif_run["properties"]["http"] = std::move(versions);
    sarif_run["properties"]["verdictDiffers"] =
        TextArray(std::vector<std::string>(differs.begin(), differs.end()));
  }
  if (!run.proxy.origin.empty()) {
    sarif_run["properties"]["proxyOrigin"] = Text(run.proxy.origin);
    sarif_run["properties"]["proxyMode"] = run.proxy.forward ? "forward" : "gateway";
  }
  Json doc = Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", Json::array({std::move(sarif_run)})}};
  return doc.dump(2, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace) + "\n";
}

}  // namespace httpconform::reports
