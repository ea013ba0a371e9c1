// `httpconform diff OLD.json NEW.json`: what changed between two JSON
// reports, by case id. Exit 1 on regressions (a pass or skip that became a
// fail or error), so a CI job can compare against the last good run.
#include <cstdio>
#include <memory>

#include "harness/cli/ci_workflow.h"
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
