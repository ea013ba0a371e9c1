// `httpconform diff OLD.json NEW.json`: what changed between two JSON
// reports, by case id. Exit 1 on regressions (a pass or skip that became a
// fail or error), so a CI job can compare against the last good run.
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "harness/cli/ci_workflow.h"
#include "harness/cli/console.h"
#include "harness/cli/exit_codes.h"
#include "reports/diff.h"
#include "reports/report.h"

namespace httpconform::cli {
namespace {

core::Expected<core::RunResult> ReadReport(const std::string& path) {
  core::Expected<std::string> text = ReadTextFile(path);
  if (!text) return text.error();
  core::Expected<core::RunResult> run = reports::ParseJsonReport(*text);
  if (!run) return core::MakeError("report", path + ": " + run.error().message);
  return run;
}

// What two runs were made with, where it differs (variables chosen by
// discovery or --var, HTTP version).
std::vector<std::string> SettingsDifferences(const core::RunSettings& a,
                                             const core::RunSettings& b) {
  std::vector<std::string> out;
  if (a.http != b.http) out.push_back("--http " + a.http + ", then " + b.http);
  std::map<std::string, std::string> va = a.vars, vb = b.vars;
  for (const core::DiscoveredVar& d : a.discovered) va.emplace(d.name, d.value);
  for (const core::DiscoveredVar& d : b.discovered) vb.emplace(d.name, d.value);
  std::set<std::string> names;
  for (const auto& [name, value] : va) names.insert(name);
  for (const auto& [name, value] : vb) names.insert(name);
  for (const std::string& name : names) {
    auto x = va.find(name), y = vb.find(name);
    const std::string first = x == va.end() ? "(case default)" : x->second;
    const std::string second = y == vb.end() ? "(case default)" : y->second;
    if (first != second) out.push_back("variable " + name + " " + first + ", then " + second);
  }
  return out;
}

}  // namespace

int DiffCommand(const std::string& old_path, const std::string& new_path) {
  core::Expected<core::RunResult> before = ReadReport(old_path);
  if (!before) {
    std::fprintf(stderr, "httpconform diff: %s\n", before.error().message.c_str());
    return kExitUsage;
  }
  core::Expected<core::RunResult> after = ReadReport(new_path);
  if (!after) {
    std::fprintf(stderr, "httpconform diff: %s\n", after.error().message.c_str());
    return kExitUsage;
  }
  // Outcomes of different targets (or of different resources on one) are
  // not regressions or fixes of one server: say so before listing them.
  if (before->target_url != after->target_url) {
    std::fprintf(stderr,
                 "httpconform diff: warning: the reports are of different targets (%s, then %s): "
                 "changes may come from the targets, not from a change of one\n",
                 PrintableForTerminal(before->target_url).c_str(),
                 PrintableForTerminal(after->target_url).c_str());
  }
  if (before->settings.recorded && after->settings.recorded) {
    for (const std::string& d : SettingsDifferences(before->settings, after->settings)) {
      std::fprintf(stderr, "httpconform diff: warning: the runs differ: %s\n",
                   PrintableForTerminal(d).c_str());
    }
  }
  const reports::ReportDiff diff = reports::DiffRuns(*before, *after);
  std::fputs(reports::RenderDiff(diff).c_str(), stdout);
  return diff.regressions.empty() ? kExitOk : kExitFailures;
}

void RegisterDiffCommand(CommandRegistry& registry) {
  auto paths = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* cmd = registry.Add(
      "diff", "Compare two JSON reports: regressions, fixes, changed, new and removed cases",
      [paths] { return DiffCommand(paths->first, paths->second); });
  cmd->add_option("old", paths->first, "The earlier JSON report")->required();
  cmd->add_option("new", paths->second, "The later JSON report")->required();
  cmd->footer("Exit status: 1 when there are regressions, 0 otherwise, 2 on unreadable input.");
}

}  // namespace httpconform::cli
