// `httpconform baseline REPORT.json`: a baseline file listing every fail and
// error of a report (docs/baseline.md), for `run --baseline`.
#include <cstdio>
#include <memory>

#include "harness/cli/ci_workflow.h"
#include "harness/cli/exit_codes.h"
#include "reports/baseline.h"
#include "reports/report.h"

namespace httpconform::cli {

int BaselineCommand(const std::string& report_path, const std::string& until) {
  if (!until.empty() && !reports::IsIsoDate(until)) {
    std::fprintf(stderr, "httpconform baseline: --until takes a date YYYY-MM-DD (got \"%s\")\n",
                 until.c_str());
    return kExitUsage;
  }
  core::Expected<std::string> text = ReadTextFile(report_path);
  if (!text) {
    std::fprintf(stderr, "httpconform baseline: %s\n", text.error().message.c_str());
    return kExitUsage;
  }
  core::Expected<core::RunResult> run = reports::ParseJsonReport(*text);
  if (!run) {
    std::fprintf(stderr, "httpconform baseline: %s: %s\n", report_path.c_str(),
                 run.error().message.c_str());
    return kExitUsage;
  }
  const reports::Baseline baseline = reports::BaselineFromRun(*run, until);
  std::fputs(reports::RenderBaseline(baseline).c_str(), stdout);
  std::fprintf(stderr, "%zu known failure(s)%s\n", baseline.failures.size(),
               run->incomplete ? " (the report is of an interrupted run)" : "");
  return kExitOk;
}

void RegisterBaselineCommand(CommandRegistry& registry) {
  auto args = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* cmd = registry.Add(
      "baseline", "Write a baseline (known failures: every fail and error) from a JSON report",
      [args] { return BaselineCommand(args->first, args->second); });
  cmd->add_option("report", args->first, "A JSON report (run --report json:PATH)")->required();
  cmd->add_option("--until", args->second, "Tolerate each failure through this day only (UTC)")
      ->type_name("YYYY-MM-DD");
  cmd->footer(
      "Usage in CI: httpconform baseline report.json > known.json; then "
      "httpconform run URL --baseline known.json");
}

}  // namespace httpconform::cli
