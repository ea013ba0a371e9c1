// The run's verdict: which results, passive findings and run-level errors
// make a run fail (exit code 1) under its RunPolicy. The exit code of `run`
// and every report (console, JSON, NDJSON, HTML, Markdown, JUnit, SARIF)
// ask these functions, so they cannot disagree about what failed.
#ifndef HTTPCONFORM_CORE_VERDICT_H_
#define HTTPCONFORM_CORE_VERDICT_H_

#include "harness/core/result.h"

namespace httpconform::core {

/// True when `level` is `fail_on` or stricter (MUST is stricter than SHOULD, SHOULD than MAY).
bool AtOrAbove(Level level, Level fail_on);

/// The --fail-on value that names `level`: "must", "should", "may".
std::string FailOnValue(Level level);

/// Why a result that did not pass does or does not fail the run, for people:
/// "" when it fails the run; else e.g. "below --fail-on must",
/// "known failure (baseline)", "MAY: the server's choice, not a violation".
std::string WhyNotCounted(const CaseResult& result, const RunPolicy& policy);

/// As WhyNotCounted, for a passive finding: "" when it fails the run, else
/// "known failure (baseline)", "MAY: the server's choice, not a violation" or
/// "below --fail-on must".
std::string WhyFindingNotCounted(const CaseResult& result, const PassiveFinding& finding,
                                 const RunPolicy& policy);

/// True when `result` fails the run: an error, or a failure at or above
/// fail_on that is not at MAY (a MAY never fails a run, docs/verdicts.md);
/// never a known failure (baseline); a flaky pass only with
/// fail_on_flaky (judged as the failure it was); a case marked fixed only with
/// strict_baseline (its stale baseline entry).
bool CaseFailsRun(const CaseResult& result, const RunPolicy& policy);

/// True when passive finding `finding` of `result` fails the run: at or above
/// fail_on, not at MAY (so `--fail-on may` is `--fail-on should`), and not of
/// a known failure.
bool FindingFailsRun(const CaseResult& result, const PassiveFinding& finding,
                     const RunPolicy& policy);

/// What fails a run, counted.
struct RunVerdict {
  int failing_cases = 0;     ///< Results for which CaseFailsRun is true.
  int failing_findings = 0;  ///< Passive findings for which FindingFailsRun is true.
  int findings = 0;          ///< Every passive finding.
  bool run_error = false;    ///< RunResult::error is set.
  /// Cases, findings and the run error that fail the run: exit 1 iff > 0.
  int failing() const { return failing_cases + failing_findings + (run_error ? 1 : 0); }
  bool failed() const { return failing() > 0; }
};

/// Counts what fails `run` under run.policy.
RunVerdict JudgeRun(const RunResult& run);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_VERDICT_H_
