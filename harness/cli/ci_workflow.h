// CI ergonomics of `run` and their subcommands: baselines that only ratchet
// (--baseline, --strict-baseline; `baseline`), retries with flakiness
// (--retries, --fail-on-flaky), report diffs (`diff`) and replay (`replay`).
//
// `run` keeps its shape: cmd_run.cc calls LoadBaselineFile before the run,
// ApplyWorkflow after it (retries first, so that a flaky pass of a known
// failure is seen as such, then the baseline), PrintWorkflow after the
// console summary, and asks CountsAgainstRun instead of CountsAsFailure.
#ifndef HTTPCONFORM_CLI_CI_WORKFLOW_H_
#define HTTPCONFORM_CLI_CI_WORKFLOW_H_

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/cli/commands.h"
#include "harness/core/expected.h"
#include "harness/core/result.h"
#include "harness/runner/runner.h"
#include "reports/baseline.h"

namespace httpconform::cli {

/// Adds --baseline, --strict-baseline, --retries and --fail-on-flaky to `run`.
void AddWorkflowFlags(CLI::App* cmd, RunFlags* flags);

/// Reads a whole file; error code "io" naming the path.
core::Expected<std::string> ReadTextFile(const std::string& path);
/// Reads and parses the --baseline file; nullopt when `path` is empty.
core::Expected<std::optional<reports::Baseline>> LoadBaselineFile(const std::string& path);
/// Today's date in UTC, "YYYY-MM-DD" (baseline `until` dates are days in UTC).
std::string TodayUtc();

/// Called before each retry round: attempt number (2 = first retry) and how many cases.
using RetryFn = std::function<void(int attempt, int cases)>;

/// Re-runs the failed and errored results of `run` up to `retries` more
/// times each (in parallel, as RunCases does). A case that passes on a retry
/// keeps that passing result, flaky, with a reason naming the first failure;
/// one that never passes keeps its first result. Both get `attempts`.
/// Cases skipped because a retried case did not pass ("after") run again in
/// the same round, after it, and take that round's result.
void RetryFailures(const std::vector<core::Case>& cases, const transport::Target& target,
                   const runner::Transports& transports, const runner::RunOptions& options,
                   int retries, core::RunResult* run, const RetryFn& on_retry = nullptr);

/// RetryFailures with flags.retries, printing each round to `progress`
/// (nullptr: silent); nothing when flags.retries is 0.
void RetryWithProgress(const RunFlags& flags, const std::vector<core::Case>& cases,
                       const transport::Target& target, const runner::Transports& transports,
                       const runner::RunOptions& options, core::RunResult* run,
                       std::FILE* progress);

/// What the workflow flags decided for a run.
struct WorkflowResult {
  std::optional<reports::BaselineVerdict> baseline;  ///< With --baseline.
  std::vector<std::string> flaky;                    ///< Ids that passed on a retry.
  bool fails_run = false;  ///< --strict-baseline with fixed (stale) entries.
};

/// Retries (flags.retries), then applies the baseline (if any) for `today`.
WorkflowResult ApplyWorkflow(const RunFlags& flags,
                             const std::optional<reports::Baseline>& baseline,
                             const std::vector<core::Case>& cases, const transport::Target& target,
                             const runner::Transports& transports,
                             const runner::RunOptions& options, const std::string& today,
                             core::RunResult* run, std::FILE* progress);

/// Prints the flaky cases and the baseline verdict (nothing when neither applies).
void PrintWorkflow(const WorkflowResult& workflow, std::FILE* out);

/// The run policy (what fails the run, core/verdict.h) that the flags ask for.
core::RunPolicy PolicyOf(const RunFlags& flags, core::Level fail_on);
/// Whether `r` fails the run: core::CaseFailsRun under PolicyOf(flags):
/// a known failure never does, a flaky pass only with --fail-on-flaky, a
/// fixed one only with --strict-baseline.
bool CountsAgainstRun(const core::CaseResult& r, core::Level fail_on, const RunFlags& flags);
/// Whether a passive finding of `r` fails the run (not for known failures).
bool FindingCountsAgainstRun(const core::CaseResult& r, const core::PassiveFinding& f,
                             core::Level fail_on);

/// `httpconform diff OLD.json NEW.json`: 1 on regressions, 0 otherwise, 2 on unreadable input.
int DiffCommand(const std::string& old_path, const std::string& new_path);
/// `httpconform baseline REPORT.json [--until DATE]`: the baseline file on stdout.
int BaselineCommand(const std::string& report_path, const std::string& until);

/// Flags of `replay`.
struct ReplayFlags {
  std::string report;
  std::string id;
  std::string target;  ///< Empty: the report's target.
  CaseSelection selection;
  std::vector<std::string> vars;
  double timeout_s = 0;  ///< 0: the run's (from the report), else 10 s.
  TlsFlags tls;
};
/// `httpconform replay REPORT.json ID`: 1 when the case fails or errors again,
/// 0 when it passes (or skips), 2 on bad input, 3 when the target is unreachable.
int ReplayCommand(const ReplayFlags& flags);

void RegisterDiffCommand(CommandRegistry& registry);
void RegisterBaselineCommand(CommandRegistry& registry);
void RegisterReplayCommand(CommandRegistry& registry);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_CI_WORKFLOW_H_
